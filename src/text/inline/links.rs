//! Bare web and e-mail addresses in the text become links to themselves.

use super::StyledText;

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
