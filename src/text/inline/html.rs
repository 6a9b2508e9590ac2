//! HTML pasted into the text: splitting it into tags and text, what a tag
//! means here (bold, italic, a break, a paragraph, a link, or nothing), and
//! decoding character references.

use pulldown_cmark::{Event, Parser};

/// A piece of HTML: text, or a tag (`<…>`, or a comment), with its offset.
pub(super) enum HtmlPiece<'a> {
    Text(&'a str),
    Tag(&'a str, usize),
}

/// Splits HTML into tags and the text between them. A `<` that does not
/// open a tag (`a < b`) is text.
pub(super) fn html_pieces(s: &str) -> Vec<HtmlPiece<'_>> {
    let mut out = Vec::new();
    let mut text_from = 0;
    let mut i = 0;
    while let Some(rel) = s[i..].find('<') {
        let lt = i + rel;
        let rest = &s[lt..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| lt + e + 3)
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?') {
            rest.find('>').map(|e| lt + e + 1)
        } else {
            None
        };
        match end {
            Some(end) => {
                if lt > text_from {
                    out.push(HtmlPiece::Text(&s[text_from..lt]));
                }
                out.push(HtmlPiece::Tag(&s[lt..end], lt));
                text_from = end;
                i = end;
            }
            None => i = lt + 1,
        }
    }
    if text_from < s.len() {
        out.push(HtmlPiece::Text(&s[text_from..]));
    }
    out
}

pub(super) enum TagMeaning {
    Bold(bool),
    Italic(bool),
    Break,
    Paragraph,
    Link(Option<String>),
    Other,
}

pub(super) fn tag_meaning(tag: &str) -> TagMeaning {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/');
    let name: String = inner.chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    match name.as_str() {
        "b" | "strong" => TagMeaning::Bold(!closing),
        "i" | "em" => TagMeaning::Italic(!closing),
        "br" => TagMeaning::Break,
        "p" => TagMeaning::Paragraph,
        "a" if closing => TagMeaning::Link(None),
        "a" => match attribute(inner, "href") {
            Some(href) => TagMeaning::Link(Some(decode_entities(&href))),
            None => TagMeaning::Other,
        },
        _ => TagMeaning::Other,
    }
}

/// The value of an attribute in a tag's inside (`a href="…"`).
fn attribute(inner: &str, name: &str) -> Option<String> {
    let lower = inner.to_ascii_lowercase();
    let mut from = 0;
    while let Some(rel) = lower[from..].find(name) {
        let at = from + rel;
        from = at + name.len();
        if !lower[..at].ends_with(|c: char| c.is_whitespace()) {
            continue;
        }
        let rest = inner[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else { continue };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_whitespace()).next().unwrap_or(""),
        };
        return Some(value.to_string());
    }
    None
}

/// Decodes HTML's named and numeric character references (`&nbsp;`,
/// `&eacute;`, `&#8217;`, `&#x2019;`), as CommonMark does in text; an `&`
/// that starts none is kept.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&e| e > 1 && e <= 33 && tail[1..e].chars().all(|c| c.is_ascii_alphanumeric() || c == '#'));
        match end {
            Some(e) => {
                // pulldown-cmark knows the whole HTML5 table of names.
                let reference = &tail[..=e];
                let decoded: String = Parser::new(reference)
                    .filter_map(|ev| if let Event::Text(t) = ev { Some(t.into_string()) } else { None })
                    .collect();
                out.push_str(&decoded);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
