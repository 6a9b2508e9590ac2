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
        let rule_or_bullet = matches!(first, Some('#' | '-' | '*' | '+' | '>' | '=' | '_' | '<' | '|'));
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
pub fn markdown(src: &str, quotes: &Quotes) -> Vec<StyledText> {
    let src = inline_only(src);
    let parser = Parser::new_ext(&src, Options::empty());
    let mut paras = Vec::new();
    let mut cur = StyledText::default();
    let mut emph = Emphasis::default();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut link: Option<String> = None;
    let mut prev: Option<char> = None;
    let flush = |cur: &mut StyledText, paras: &mut Vec<StyledText>, prev: &mut Option<char>| {
        if !cur.is_blank() {
            paras.push(std::mem::take(cur));
        } else {
            *cur = StyledText::default();
        }
        *prev = None;
    };
    for event in parser {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::CodeBlock(_)) => {
                flush(&mut cur, &mut paras, &mut prev)
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => {
                flush(&mut cur, &mut paras, &mut prev)
            }
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => link = None,
            Event::Text(t) => {
                emph.bold = bold > 0;
                emph.italic = italic > 0;
                emph.code = false;
                let s = smarten(&t, &mut prev, quotes);
                cur.push(&s, emph, link.as_deref());
            }
            Event::Code(t) => {
                let e = Emphasis { code: true, ..emph };
                cur.push(&t, e, link.as_deref());
                prev = t.chars().last();
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                // Raw HTML is shown as written: an author's `<b>` must not vanish.
                let s = smarten(&t, &mut prev, quotes);
                cur.push(&s, Emphasis { bold: bold > 0, italic: italic > 0, code: false }, link.as_deref());
            }
            Event::SoftBreak => {
                cur.push(" ", Emphasis { bold: bold > 0, italic: italic > 0, code: false }, link.as_deref());
                prev = Some(' ');
            }
            Event::HardBreak => {
                cur.push("\n", Emphasis { bold: bold > 0, italic: italic > 0, code: false }, link.as_deref());
                prev = Some(' ');
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut paras, &mut prev);
    paras
}

/// Text that is not Markdown (titles, names) with typographic punctuation.
pub fn plain(src: &str, quotes: &Quotes) -> StyledText {
    let mut prev = None;
    let joined = src.split_whitespace().collect::<Vec<_>>().join(" ");
    StyledText::plain(&smarten(&joined, &mut prev, quotes))
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

    #[test]
    fn block_markers_stay_text() {
        assert_eq!(markdown("- 2020 was a year", &en())[0].text, "- 2020 was a year");
        assert_eq!(markdown("1. first", &en())[0].text, "1. first");
        assert_eq!(markdown("# not a heading", &en())[0].text, "# not a heading");
    }
}
