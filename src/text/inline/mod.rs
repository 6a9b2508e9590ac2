//! Inline Markdown to styled text, with the language's quotation marks and
//! dashes.
//!
//! A paragraph becomes one string plus style spans over it, so that line
//! breaking sees the whole paragraph (break opportunities and hyphenation
//! cross style boundaries) and text extraction gets the source's words.
//!
//! The parts: `punctuation` sets the language's quotation marks and
//! dashes, `convert` reads pulldown-cmark's events into paragraphs and
//! blocks, `html` handles pasted HTML tags and character references, and
//! `links` makes bare addresses into links. This file holds the styled
//! text types and the entry points.

mod convert;
mod html;
mod links;
mod punctuation;
#[cfg(test)]
mod tests;

use std::ops::Range;

use convert::Conv;
use html::{HtmlPiece, TagMeaning, html_pieces, tag_meaning};
pub use html::decode_entities;
pub use links::autolink;
pub use punctuation::{Quotes, smarten};

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
    /// Gives back the room its text and styles grew into and do not use.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.spans.shrink_to_fit();
    }

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
    // Kept until the brochure is laid out: no room to spare (the text grew
    // by pieces, its buffer by doubling).
    for b in &mut c.blocks {
        match b {
            MdBlock::Paragraph(t) | MdBlock::Heading(t) => t.shrink_to_fit(),
            MdBlock::List { entries: ts, .. } | MdBlock::Quote(ts) => ts.iter_mut().for_each(StyledText::shrink_to_fit),
            _ => {}
        }
    }
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
