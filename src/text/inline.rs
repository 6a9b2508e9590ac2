//! Inline Markdown to styled text, with the language's quotation marks and
//! dashes.
//!
//! A paragraph becomes one string plus style spans over it, so that line
//! breaking sees the whole paragraph (break opportunities and hyphenation
//! cross style boundaries) and text extraction gets the source's words.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The look of a span of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Emphasis {
    /// Bold (`**…**`).
    pub bold: bool,
    /// Italic (`*…*`).
    pub italic: bool,
    /// Code (`` `…` ``).
    pub code: bool,
}

/// A styled span of a paragraph's text.
#[derive(Debug, Clone, PartialEq)]
pub struct StyleSpan {
    /// Byte range in [`StyledText::text`].
    pub range: Range<usize>,
    /// Bold, italic, code.
    pub emphasis: Emphasis,
    /// Link target when the span is a link.
    pub link: Option<String>,
}

/// A paragraph's text and its style spans. Spans cover the text without
/// gaps or overlaps, in order. A `\n` in the text is a hard line break.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StyledText {
    /// The words as the reader sees them.
    pub text: String,
    /// Styles over `text`.
    pub spans: Vec<StyleSpan>,
    /// Where the text was written, for messages from layout.
    pub source: Option<crate::diag::Span>,
}

impl StyledText {
    /// Unstyled text.
    pub fn plain(text: &str) -> Self {
        let mut t = StyledText::default();
        t.push(text, Emphasis::default(), None);
        t
    }

    /// Appends text in one style, merging with the previous span when equal.
    pub fn push(&mut self, s: &str, emphasis: Emphasis, link: Option<&str>) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        if let Some(last) = self.spans.last_mut() {
            if last.emphasis == emphasis && last.link.as_deref() == link {
                last.range.end = end;
                return;
            }
        }
        self.spans.push(StyleSpan { range: start..end, emphasis, link: link.map(str::to_string) });
    }

    /// Whether there is nothing to show.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Quotation marks of a language: primary open/close, secondary open/close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotes {
    /// Opening double quote.
    pub open: &'static str,
    /// Closing double quote.
    pub close: &'static str,
    /// Opening single quote.
    pub open_single: &'static str,
    /// Closing single quote.
    pub close_single: &'static str,
}

impl Quotes {
    /// The marks for a BCP 47 tag; English marks for unknown languages.
    pub fn for_language(tag: &str) -> Quotes {
        crate::locale::quotes(tag)
    }
}

/// Turns straight quotes into the language's marks and `--`/`---` into en
/// and em dashes. `prev` is the character before `s` (None at the start), so
/// the choice between opening and closing works across style spans.
pub fn smarten(s: &str, prev: &mut Option<char>, quotes: &Quotes) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // Opening when nothing, a space, an opening bracket or a dash comes
        // before, or full-width punctuation that leads into a quote (说："…").
        let opens = || prev.is_none_or(|p| p.is_whitespace() || "([{—–-/«„“‘‚：、；（「『《【".contains(p));
        match c {
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                if chars.peek() == Some(&'-') {
                    chars.next();
                    out.push('—');
                } else {
                    out.push('–');
                }
                *prev = Some('—');
                continue;
            }
            '"' => out.push_str(if opens() { quotes.open } else { quotes.close }),
            '\'' => {
                let apostrophe = prev.is_some_and(char::is_alphanumeric);
                out.push_str(if apostrophe {
                    "’"
                } else if opens() {
                    quotes.open_single
                } else {
                    quotes.close_single
                });
            }
            _ => out.push(c),
        }
        *prev = Some(c);
    }
    out
}

/// Escapes what CommonMark would read as block structure at the start of a
/// line (`# `, `- `, `1. `, `> `, indentation), since our fields are inline
/// text: a line starting `- 2020` must keep its dash.
fn inline_only(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 8);
    for (i, line) in src.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start_matches([' ', '\t']);
        let first = trimmed.chars().next();
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        let ordered = digits > 0 && matches!(trimmed[digits..].chars().next(), Some('.' | ')'));
        let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
        let rule_or_bullet = matches!(first, Some('#' | '-' | '*' | '+' | '>' | '=' | '_' | '|'));
        if ordered {
            out.push_str(&trimmed[..digits]);
            out.push('\\');
            out.push_str(&trimmed[digits..]);
        } else if rule_or_bullet || fence {
            out.push('\\');
            out.push_str(trimmed);
        } else {
            out.push_str(trimmed);
        }
    }
    out
}

/// Parses Markdown into paragraphs (separated by blank lines) of styled text.
///
/// ```
/// use brochure::text::inline::{markdown, Quotes};
/// let p = markdown("A **bold** \"claim\"", &Quotes::for_language("en"));
/// assert_eq!(p[0].text, "A bold “claim”");
/// assert!(p[0].spans[1].emphasis.bold);
/// ```
#[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "the library itself uses the `_report` forms, which also return the dropped tags"))]
pub fn markdown(src: &str, quotes: &Quotes) -> Vec<StyledText> {
    markdown_report(src, quotes).0
}

/// Like [`markdown`], also returning the HTML tags that were dropped.
pub fn markdown_report(src: &str, quotes: &Quotes) -> (Vec<StyledText>, Vec<Dropped>) {
    let escaped = inline_only(src);
    let mut c = Conv::new(quotes, false);
    c.run(&escaped);
    let mut dropped = c.dropped;
    // The escaped text has the same lines; only leading blanks went and
    // a `\` may have come in, so a place is moved back to its line in `src`.
    for d in &mut dropped {
        d.at = map_offset(&escaped, src, d.at);
    }
    let paras = c.blocks.into_iter().filter_map(|b| match b {
        MdBlock::Paragraph(t) => Some(t),
        _ => None,
    });
    (paras.collect(), dropped)
}

/// A block of a body text written in Markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum MdBlock {
    /// A paragraph.
    Paragraph(StyledText),
    /// A heading (`# …`, any level).
    Heading(StyledText),
    /// A list: `start` is the first number of a numbered list, `None` for bullets.
    List {
        /// The first number of a numbered list.
        start: Option<u64>,
        /// The entries; nested lists are flattened into them.
        entries: Vec<StyledText>,
    },
    /// A block quote's paragraphs.
    Quote(Vec<StyledText>),
    /// An image: `![alt](src "caption")`.
    Image {
        /// The path as written.
        src: String,
        /// The text alternative (the words in brackets).
        alt: String,
        /// The caption (the link title), empty when none.
        caption: String,
        /// Byte offset of the `!` in the source.
        at: usize,
    },
}

/// An HTML tag that was left out, with its place (a byte offset in the
/// Markdown source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Byte offset in the source.
    pub at: usize,
    /// The tag as written, e.g. `<span style="color:red">`.
    pub tag: String,
}

/// Parses a body text as Markdown blocks: paragraphs, headings, bullet and
/// numbered lists, block quotes, images, thematic breaks (which end a
/// paragraph), and the inline markup of [`markdown`]; HTML tags as in
/// [`markdown`].
///
/// ```
/// use brochure::text::inline::{markdown_blocks, MdBlock, Quotes};
/// let (b, _) = markdown_blocks("## Results\n\n- one\n- two\n", &Quotes::for_language("en"));
/// assert!(matches!(&b[0], MdBlock::Heading(h) if h.text == "Results"));
/// assert!(matches!(&b[1], MdBlock::List { start: None, entries } if entries.len() == 2));
/// ```
pub fn markdown_blocks(src: &str, quotes: &Quotes) -> (Vec<MdBlock>, Vec<Dropped>) {
    let mut c = Conv::new(quotes, true);
    c.run(src);
    (c.blocks, c.dropped)
}

/// Where in `to` the place `at` of `from` is, when `to` has the same lines
/// as `from` with different leading blanks and inserted escapes.
fn map_offset(from: &str, to: &str, at: usize) -> usize {
    let at = at.min(from.len());
    let line = from[..at].matches('\n').count();
    let col = at - from[..at].rfind('\n').map_or(0, |p| p + 1);
    let start: usize = to.split('\n').take(line).map(|l| l.len() + 1).sum();
    let Some(orig) = to.split('\n').nth(line) else { return to.len() };
    let lead = orig.len() - orig.trim_start_matches([' ', '\t']).len();
    (start + (lead + col).min(orig.len())).min(to.len())
}

/// What a container being read collects its text into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Paragraph,
    Heading,
    Code { indented: bool },
}

/// Turns pulldown-cmark's events into styled paragraphs and blocks.
struct Conv<'q> {
    quotes: &'q Quotes,
    blocks_allowed: bool,
    blocks: Vec<MdBlock>,
    dropped: Vec<Dropped>,
    cur: StyledText,
    open: Open,
    bold: u32,
    italic: u32,
    link: Option<String>,
    prev: Option<char>,
    /// The outermost open list and how deep lists are nested.
    list: Option<(Option<u64>, Vec<StyledText>)>,
    list_depth: u32,
    /// The outermost open quote and how deep quotes are nested.
    quote: Option<Vec<StyledText>>,
    quote_depth: u32,
    /// Images met inside a list or quote, set after it.
    later: Vec<MdBlock>,
    /// The image being read: src, caption, offset, and its alt text so far.
    image: Option<(String, String, usize, String)>,
}

impl<'q> Conv<'q> {
    fn new(quotes: &'q Quotes, blocks_allowed: bool) -> Self {
        Conv {
            quotes,
            blocks_allowed,
            blocks: Vec::new(),
            dropped: Vec::new(),
            cur: StyledText::default(),
            open: Open::Paragraph,
            bold: 0,
            italic: 0,
            link: None,
            prev: None,
            list: None,
            list_depth: 0,
            quote: None,
            quote_depth: 0,
            later: Vec::new(),
            image: None,
        }
    }

    fn emph(&self) -> Emphasis {
        Emphasis { bold: self.bold > 0, italic: self.italic > 0, code: false }
    }

    fn text(&mut self, t: &str) {
        if let Some(img) = &mut self.image {
            img.3.push_str(t);
            return;
        }
        let s = smarten(t, &mut self.prev, self.quotes);
        let e = self.emph();
        self.cur.push(&s, e, self.link.as_deref());
    }

    /// Ends the text being collected and files it where it belongs.
    fn flush(&mut self) {
        let mut t = std::mem::take(&mut self.cur);
        self.prev = None;
        autolink(&mut t);
        if t.is_blank() {
            return;
        }
        if let Some((_, entries)) = &mut self.list {
            match entries.last_mut() {
                // A second paragraph of an entry goes on a new line of it.
                Some(e) if !e.text.is_empty() => {
                    e.push("\n", Emphasis::default(), None);
                    for sp in t.spans {
                        e.push(&t.text[sp.range.clone()], sp.emphasis, sp.link.as_deref());
                    }
                }
                Some(e) => *e = t,
                None => entries.push(t),
            }
        } else if let Some(q) = &mut self.quote {
            q.push(t);
        } else if self.open == Open::Heading {
            self.blocks.push(MdBlock::Heading(t));
        } else {
            self.blocks.push(MdBlock::Paragraph(t));
        }
    }

    fn run(&mut self, src: &str) {
        let parser = Parser::new_ext(src, Options::empty()).into_offset_iter();
        for (event, range) in parser {
            self.event(event, range.start, src);
        }
        self.flush();
        self.blocks.append(&mut self.later);
    }

    fn event(&mut self, event: Event<'_>, at: usize, src: &str) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.flush();
                self.open = Open::Paragraph;
            }
            Event::Start(Tag::Heading { .. }) => {
                self.flush();
                self.open = Open::Heading;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.flush();
                self.open = Open::Code { indented: matches!(kind, pulldown_cmark::CodeBlockKind::Indented) };
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                self.flush();
                self.open = Open::Paragraph;
            }
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.list_depth += 1;
                if self.list.is_none() && self.quote.is_none() {
                    self.list = Some((start, Vec::new()));
                }
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    if let Some((start, entries)) = self.list.take() {
                        let entries: Vec<StyledText> = entries.into_iter().filter(|e| !e.is_blank()).collect();
                        if !entries.is_empty() {
                            self.blocks.push(MdBlock::List { start, entries });
                        }
                        self.blocks.append(&mut self.later);
                    }
                }
            }
            Event::Start(Tag::Item) => {
                self.flush();
                if let Some((_, entries)) = &mut self.list {
                    entries.push(StyledText::default());
                }
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush();
                self.quote_depth += 1;
                if self.quote.is_none() && self.list.is_none() {
                    self.quote = Some(Vec::new());
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
                if self.quote_depth == 0 {
                    if let Some(q) = self.quote.take() {
                        if !q.is_empty() {
                            self.blocks.push(MdBlock::Quote(q));
                        }
                        self.blocks.append(&mut self.later);
                    }
                }
            }
            Event::Rule => self.flush(),
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                if self.blocks_allowed {
                    self.image = Some((dest_url.to_string(), title.to_string(), at, String::new()));
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((src, caption, at, alt)) = self.image.take() {
                    let img = MdBlock::Image { src, alt: alt.trim().to_string(), caption, at };
                    if self.list.is_some() || self.quote.is_some() {
                        self.later.push(img);
                    } else {
                        // The figure stands between the text before and after it.
                        let open = self.open;
                        self.flush();
                        self.blocks.push(img);
                        self.open = open;
                    }
                }
            }
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => self.link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => self.link = None,
            Event::Text(t) => {
                if let Open::Code { indented } = self.open {
                    // Indented text pasted into a body is text, not code.
                    let t = if indented { t.replace('\n', " ") } else { t.trim_end_matches('\n').to_string() };
                    self.text(&t);
                } else {
                    self.text(&t);
                }
            }
            Event::Code(t) => {
                let e = Emphasis { code: true, ..self.emph() };
                self.cur.push(&t, e, self.link.as_deref());
                self.prev = t.chars().last();
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t, at, src),
            Event::SoftBreak => {
                let e = self.emph();
                self.cur.push(" ", e, self.link.as_deref());
                self.prev = Some(' ');
            }
            Event::HardBreak => {
                let e = self.emph();
                self.cur.push("\n", e, self.link.as_deref());
                self.prev = Some(' ');
            }
            _ => {}
        }
    }

    /// HTML as pasted from a CMS or a word processor: the tags that have a
    /// meaning here are applied, every other one is dropped and listed;
    /// text between tags is kept, with its entities decoded.
    fn html(&mut self, t: &str, at: usize, src: &str) {
        // `at` is where the event starts; an HTML block may begin with blanks.
        let base = src.get(at..).and_then(|rest| rest.find(t.trim_start()).map(|i| at + i)).unwrap_or(at);
        let t = t.trim_start();
        for piece in html_pieces(t) {
            match piece {
                HtmlPiece::Text(s) => {
                    let s = decode_entities(&s.replace('\n', " "));
                    self.text(&s);
                }
                HtmlPiece::Tag(tag, off) => match tag_meaning(tag) {
                    TagMeaning::Bold(open) => self.bold = if open { self.bold + 1 } else { self.bold.saturating_sub(1) },
                    TagMeaning::Italic(open) => self.italic = if open { self.italic + 1 } else { self.italic.saturating_sub(1) },
                    TagMeaning::Break => {
                        let e = self.emph();
                        self.cur.push("\n", e, self.link.as_deref());
                        self.prev = Some(' ');
                    }
                    TagMeaning::Paragraph => self.flush(),
                    TagMeaning::Link(href) => self.link = href,
                    TagMeaning::Other => self.dropped.push(Dropped { at: base + off, tag: tag.to_string() }),
                },
            }
        }
    }
}

/// A piece of HTML: text, or a tag (`<…>`, or a comment), with its offset.
enum HtmlPiece<'a> {
    Text(&'a str),
    Tag(&'a str, usize),
}

/// Splits HTML into tags and the text between them. A `<` that does not
/// open a tag (`a < b`) is text.
fn html_pieces(s: &str) -> Vec<HtmlPiece<'_>> {
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

enum TagMeaning {
    Bold(bool),
    Italic(bool),
    Break,
    Paragraph,
    Link(Option<String>),
    Other,
}

fn tag_meaning(tag: &str) -> TagMeaning {
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

/// Where a bare web or e-mail address in `text` ends, when one starts at
/// byte `i`: `https://…`, `http://…`, `www.…`, `name@host.tld`.
fn address_at(text: &str, i: usize) -> Option<(usize, String)> {
    let rest = &text[i..];
    let end_of_word = rest.find(|c: char| c.is_whitespace() || "<>\"“”«»".contains(c)).unwrap_or(rest.len());
    let word = &rest[..end_of_word];
    // Trailing punctuation belongs to the sentence, and a `)` only to an
    // address that opened one.
    let mut w = word.trim_end_matches(['.', ',', ';', ':', '!', '?', '’', '\'']);
    while w.ends_with(')') && w.matches('(').count() < w.matches(')').count() {
        w = w[..w.len() - 1].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    }
    let lower = w.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && w.len() > 8 && !w.ends_with("://") {
        return Some((i + w.len(), w.to_string()));
    }
    if lower.starts_with("www.") && w[4..].contains('.') {
        return Some((i + w.len(), format!("https://{w}")));
    }
    let (user, host) = w.split_once('@')?;
    let valid_user = !user.is_empty() && user.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let valid_host = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    (valid_user && valid_host).then(|| (i + w.len(), format!("mailto:{w}")))
}

/// Makes bare web and e-mail addresses in text that is not a link or code
/// into links to themselves.
pub fn autolink(t: &mut StyledText) {
    let text = &t.text;
    // Most paragraphs have no address: one pass to find out.
    if !(text.contains("://") || text.contains('@') || text.contains("www.") || text.contains("WWW.")) {
        return;
    }
    let mut found: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts_word = i == 0 || text[..i].ends_with(|c: char| c.is_whitespace() || "([{“‘«\"'".contains(c));
        if starts_word {
            if let Some((end, url)) = address_at(text, i) {
                let linkable = t.spans.iter().filter(|s| s.range.start < end && i < s.range.end).all(|s| s.link.is_none() && !s.emphasis.code);
                if linkable {
                    found.push((i..end, url));
                }
                i = end;
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    if found.is_empty() {
        return;
    }
    let old = std::mem::take(&mut t.spans);
    let full = std::mem::take(&mut t.text);
    let source = t.source;
    *t = StyledText { source, ..StyledText::default() };
    for sp in old {
        let mut pos = sp.range.start;
        while pos < sp.range.end {
            let hit = found.iter().find(|(r, _)| r.start <= pos && pos < r.end);
            let next = match hit {
                Some((r, _)) => r.end.min(sp.range.end),
                None => found.iter().map(|(r, _)| r.start).filter(|&s| s > pos).min().unwrap_or(sp.range.end).min(sp.range.end),
            };
            let link = hit.map(|(_, u)| u.as_str()).or(sp.link.as_deref());
            t.push(&full[pos..next], sp.emphasis, link);
            pos = next;
        }
    }
}

/// Text that is not Markdown (titles, names) with typographic punctuation.
#[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "the library itself uses the `_report` forms, which also return the dropped tags"))]
pub fn plain(src: &str, quotes: &Quotes) -> StyledText {
    plain_report(src, quotes).0
}

/// Like [`plain`]: HTML tags pasted into the text are taken out (`<br>` is a
/// space, the others that are understood do nothing in a line of plain
/// text) and entities decoded; the tags that mean nothing here are returned.
pub fn plain_report(src: &str, quotes: &Quotes) -> (StyledText, Vec<Dropped>) {
    let mut dropped = Vec::new();
    let mut words = String::with_capacity(src.len());
    if src.contains('<') || src.contains('&') {
        for piece in html_pieces(src) {
            match piece {
                HtmlPiece::Text(t) => words.push_str(&decode_entities(t)),
                HtmlPiece::Tag(tag, at) => match tag_meaning(tag) {
                    TagMeaning::Break | TagMeaning::Paragraph => words.push(' '),
                    TagMeaning::Other => dropped.push(Dropped { at, tag: tag.to_string() }),
                    _ => {}
                },
            }
        }
    } else {
        words.push_str(src);
    }
    let mut prev = None;
    let joined = words.split_whitespace().collect::<Vec<_>>().join(" ");
    (StyledText::plain(&smarten(&joined, &mut prev, quotes)), dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Quotes {
        Quotes::for_language("en")
    }

    #[test]
    fn quotes_follow_the_language() {
        let mut p = None;
        assert_eq!(smarten("\"Hi\" it's 'ok'", &mut p, &en()), "“Hi” it’s ‘ok’");
        let mut p = None;
        assert_eq!(smarten("\"Salut\"", &mut p, &Quotes::for_language("fr")), "«\u{202F}Salut\u{202F}»");
        let mut p = None;
        assert_eq!(smarten("\"Hallo\"", &mut p, &Quotes::for_language("de-AT")), "„Hallo“");
        let mut p = None;
        assert_eq!(smarten("\"Привет\"", &mut p, &Quotes::for_language("ru")), "«Привет»");
        let mut p = None;
        assert_eq!(smarten("\"مرحبا\"", &mut p, &Quotes::for_language("ar")), "«مرحبا»");
        let mut p = None;
        assert_eq!(smarten("他说：\"没有。\"“甲”、\"乙\"", &mut p, &Quotes::for_language("zh")), "他说：“没有。”“甲”、“乙”");
        let mut p = None;
        assert_eq!(smarten("\"は\"", &mut p, &Quotes::for_language("ja")), "「は」");
    }

    #[test]
    fn dashes() {
        let mut p = None;
        assert_eq!(smarten("2020--2021 --- done", &mut p, &en()), "2020–2021 — done");
    }

    #[test]
    fn quotes_close_across_spans() {
        let p = markdown("\"**WHO**\" said", &en());
        assert_eq!(p[0].text, "“WHO” said");
    }

    #[test]
    fn paragraphs_links_and_breaks() {
        let p = markdown("One [link](https://x.org) here.\n\nTwo  \nlines", &en());
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].spans[1].link.as_deref(), Some("https://x.org"));
        assert_eq!(&p[0].text[p[0].spans[1].range.clone()], "link");
        assert_eq!(p[1].text, "Two\nlines");
    }

    fn blocks(src: &str) -> Vec<MdBlock> {
        markdown_blocks(src, &en()).0
    }

    #[test]
    fn body_markdown_becomes_blocks() {
        let b = blocks("## Results so far\n\nSome *text*.\n\n- one\n- two\n  - nested\n\n3. three\n4. four\n\n> Quoted\n> words.\n\n---\n\nAfter  \nbreak");
        let kinds: Vec<String> = b
            .iter()
            .map(|b| match b {
                MdBlock::Paragraph(t) => format!("p:{}", t.text),
                MdBlock::Heading(t) => format!("h:{}", t.text),
                MdBlock::List { start, entries } => format!("l{start:?}:{}", entries.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("|")),
                MdBlock::Quote(q) => format!("q:{}", q[0].text),
                MdBlock::Image { src, .. } => format!("i:{src}"),
            })
            .collect();
        assert_eq!(kinds, ["h:Results so far", "p:Some text.", "lNone:one|two|nested", "lSome(3):three|four", "q:Quoted words.", "p:After\nbreak"]);
    }

    #[test]
    fn a_markdown_image_is_a_figure_between_the_words() {
        let src = "Before.\n\n![An emblem](images/a.png \"The caption\")\n\nAfter.";
        let b = blocks(src);
        assert_eq!(b.len(), 3);
        let MdBlock::Image { src: file, alt, caption, at } = &b[1] else { panic!("{b:?}") };
        assert_eq!((file.as_str(), alt.as_str(), caption.as_str(), *at), ("images/a.png", "An emblem", "The caption", 9));
        assert_eq!(&src[*at..*at + 2], "![");
    }

    #[test]
    fn html_is_understood_or_dropped_and_listed() {
        let (b, dropped) = markdown_blocks("A <b>bold</b> <em>word</em>,<br>a <a href=\"https://x.org\">link</a> and <span style=\"color:red\">red</span>&nbsp;&amp;&#8217;&eacute;", &en());
        let MdBlock::Paragraph(t) = &b[0] else { panic!("{b:?}") };
        assert_eq!(t.text, "A bold word,\na link and red\u{a0}&’é");
        let bold = t.spans.iter().find(|s| &t.text[s.range.clone()] == "bold").unwrap();
        assert!(bold.emphasis.bold && !bold.emphasis.italic);
        assert!(t.spans.iter().any(|s| &t.text[s.range.clone()] == "word" && s.emphasis.italic));
        assert!(t.spans.iter().any(|s| &t.text[s.range.clone()] == "link" && s.link.as_deref() == Some("https://x.org")));
        let tags: Vec<(usize, &str)> = dropped.iter().map(|d| (d.at, d.tag.as_str())).collect();
        assert_eq!(tags, [(71, "<span style=\"color:red\">"), (98, "</span>")]);
        // An HTML block (a line that starts with a tag) too.
        let (b, dropped) = markdown_blocks("<div class=\"x\">Pasted <b>text</b></div>", &en());
        assert!(matches!(&b[0], MdBlock::Paragraph(t) if t.text == "Pasted text"), "{b:?}");
        assert_eq!(dropped.iter().map(|d| d.tag.as_str()).collect::<Vec<_>>(), ["<div class=\"x\">", "</div>"]);
        // In inline fields and plain ones.
        let (p, dropped) = markdown_report("<p>One</p><p>Two &lt;3</p>", &en());
        assert_eq!(p.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["One", "Two <3"]);
        assert!(dropped.is_empty());
        let (t, dropped) = plain_report("Pasted <b>news</b> &amp; <font face=x>notes</font>", &en());
        assert_eq!(t.text, "Pasted news & notes");
        assert_eq!(dropped.len(), 2);
        // A `<` that opens no tag is text.
        assert_eq!(plain("a < b and c>d", &en()).text, "a < b and c>d");
    }

    #[test]
    fn bare_addresses_become_links() {
        let p = markdown("See https://www.unodc.org/en/page.html, www.unodc.org or write to info@unodc.org. Not [this](https://x.org) again.", &en());
        let links: Vec<(&str, &str)> = p[0].spans.iter().filter_map(|s| s.link.as_deref().map(|l| (&p[0].text[s.range.clone()], l))).collect();
        assert_eq!(
            links,
            [
                ("https://www.unodc.org/en/page.html", "https://www.unodc.org/en/page.html"),
                ("www.unodc.org", "https://www.unodc.org"),
                ("info@unodc.org", "mailto:info@unodc.org"),
                ("this", "https://x.org"),
            ]
        );
        assert_eq!(p[0].text, "See https://www.unodc.org/en/page.html, www.unodc.org or write to info@unodc.org. Not this again.");
    }

    #[test]
    fn block_markers_stay_text() {
        assert_eq!(markdown("- 2020 was a year", &en())[0].text, "- 2020 was a year");
        assert_eq!(markdown("1. first", &en())[0].text, "1. first");
        assert_eq!(markdown("# not a heading", &en())[0].text, "# not a heading");
    }
}
