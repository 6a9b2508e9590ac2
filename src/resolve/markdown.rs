//! Text fields read as Markdown or plain text: styled paragraphs and body
//! blocks that remember where they were written, and one warning per kind
//! of HTML tag left out. The items' paragraphs and quotes are read ahead,
//! on all cores ([`Ahead`]).

// Keyed by a text's place in memory: Fx hashes the two words faster than SipHash.
use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Span};
use crate::model::{self, Block, Spanned};
use crate::text::inline::{Dropped, MdBlock, Quotes, StyledText, markdown_blocks, markdown_report, plain_report};

use super::{BodyBlock, Resolver};

/// The items' body paragraphs and quotes read as Markdown before the items
/// are resolved, in parallel: reading them is most of resolving an item
/// (1,000 items: 148 of 208 million instructions), done on one core while
/// the other waited, and it depends only on the text and the quotation
/// marks of the item's language. Each reading is taken where the resolver
/// comes to its text (found by the text's address, which the borrowed
/// source keeps), with the marks it was read with; a text not read ahead,
/// or met with other marks (a language tag the resolver corrects), is read
/// then. So the brochure is the same as read one text after the other.
#[derive(Default)]
pub(super) struct Ahead(HashMap<(usize, usize), (Quotes, Read)>);

/// One text read ahead.
enum Read {
    /// As body blocks ([`markdown_blocks`]).
    Blocks((Vec<MdBlock>, Vec<Dropped>)),
    /// As paragraphs of inline text ([`markdown_report`]).
    Paragraphs((Vec<StyledText>, Vec<Dropped>)),
}

/// Where a text is: its address and length (an empty text is not read ahead).
fn key(text: &str) -> (usize, usize) {
    (text.as_ptr() as usize, text.len())
}

impl Ahead {
    /// Reads the body paragraphs and quotes of `items`, whose language is
    /// `doc_lang` unless they say another.
    pub(super) fn read(items: &[model::Item], doc_lang: &str) -> Ahead {
        let texts: Vec<(&str, Quotes, bool)> = items
            .iter()
            .flat_map(|it| {
                let q = Quotes::for_language(it.language.as_ref().map_or(doc_lang, |l| l.value.trim()));
                it.body.iter().filter_map(move |b| match b {
                    Block::Paragraph(p) => Some((p.value.as_str(), q, true)),
                    Block::Quote { quote, .. } => Some((quote.value.as_str(), q, false)),
                    _ => None,
                })
            })
            .filter(|(t, _, _)| !t.is_empty())
            .collect();
        let read = texts
            .into_par_iter()
            .map(|(t, q, blocks)| {
                let read = if blocks { Read::Blocks(markdown_blocks(t, &q)) } else { Read::Paragraphs(markdown_report(t, &q)) };
                (key(t), (q, read))
            })
            .collect();
        Ahead(read)
    }

    /// The reading of `text` with marks `q`, if it was read ahead.
    fn take(&mut self, text: &str, q: &Quotes) -> Option<Read> {
        self.0.remove(&key(text)).filter(|(marks, _)| marks == q).map(|(_, read)| read)
    }
}

/// The place of byte `at` of a text value: its line and column counted
/// from where the value starts (exact for `|` texts and one-line values).
fn place_in(v: &Spanned<String>, at: usize) -> Option<Span> {
    let span = v.span?;
    let before = v.value.get(..at)?;
    let line = before.matches('\n').count() as u32;
    let col = before[before.rfind('\n').map_or(0, |p| p + 1)..].chars().count() as u32;
    Some(Span { line: span.line + line, col: span.col + col, len: 1 })
}

/// Lengths of the text shown of a dropped tag.
const TAG_SHOWN: usize = 60;

impl Resolver {
    /// Markdown paragraphs that remember where they were written.
    pub(super) fn md(&mut self, v: &Spanned<String>, path: &str, q: &Quotes) -> Vec<StyledText> {
        let (paras, dropped) = match self.ahead.take(&v.value, q) {
            Some(Read::Paragraphs(read)) => read,
            _ => markdown_report(&v.value, q),
        };
        self.dropped(v, path, dropped);
        paras.into_iter().map(|t| StyledText { source: v.span, ..t }).collect()
    }

    /// Plain text that remembers where it was written.
    pub(super) fn pl(&mut self, v: &Spanned<String>, path: &str, q: &Quotes) -> StyledText {
        let (text, dropped) = plain_report(&v.value, q);
        self.dropped(v, path, dropped);
        StyledText { source: v.span, ..text }
    }

    /// A value used as it is written (tags, text alternatives), with any
    /// HTML pasted into it taken out as in [`Resolver::pl`].
    pub(super) fn bare(&mut self, v: &Spanned<String>, path: &str, q: &Quotes) -> String {
        if v.value.contains(['<', '&']) { self.pl(v, path, q).text } else { v.value.trim().to_string() }
    }

    /// One warning per kind of HTML tag left out of a field, at its first
    /// use: a text pasted from a web page may hold hundreds of `<span>`s.
    fn dropped(&mut self, v: &Spanned<String>, path: &str, dropped: Vec<Dropped>) {
        let name = |t: &str| t.trim_start_matches(['<', '/']).chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let mut seen: Vec<String> = Vec::new();
        for d in &dropped {
            let n = name(&d.tag);
            if seen.contains(&n) {
                continue;
            }
            let count = dropped.iter().filter(|o| name(&o.tag) == n).count();
            seen.push(n);
            let mut shown: String = d.tag.chars().take(TAG_SHOWN).collect();
            if shown.len() < d.tag.len() {
                shown.push_str("…>");
            }
            let what = if d.tag.starts_with("<!--") { "the HTML comment".to_string() } else { "the HTML tag".to_string() };
            let more = if count > 1 { format!(" and {} more like it", count - 1) } else { String::new() };
            let mut w = Diagnostic::warning(
                place_in(v, d.at),
                path,
                format!("dropped {what} `{shown}`{more} (only `<b>`, `<strong>`, `<i>`, `<em>`, `<br>`, `<p>` and `<a href>` are understood)"),
            );
            w = w.with_hint("the text around it is kept; remove the tag, or use Markdown: `**bold**`, `*italic*`, `[words](https://…)`");
            self.diags.push(w);
        }
    }

    /// A body paragraph string, read as Markdown blocks.
    pub(super) fn md_blocks(&mut self, v: &Spanned<String>, path: &str, q: &Quotes, body: &mut Vec<BodyBlock>) {
        let (blocks, dropped) = match self.ahead.take(&v.value, q) {
            Some(Read::Blocks(read)) => read,
            _ => markdown_blocks(&v.value, q),
        };
        self.dropped(v, path, dropped);
        let src = |t: StyledText| StyledText { source: v.span, ..t };
        for b in blocks {
            match b {
                MdBlock::Paragraph(t) => body.push(BodyBlock::Paragraph(src(t))),
                MdBlock::Heading(t) => body.push(BodyBlock::Heading(src(t))),
                MdBlock::Quote(paras) => body.push(BodyBlock::Quote { text: paras.into_iter().map(src).collect(), by: None, pull: false }),
                MdBlock::List { start: None, entries } => body.push(BodyBlock::List(entries.into_iter().map(src).collect())),
                MdBlock::List { start: Some(start), entries } => body.push(BodyBlock::NumberedList { start, entries: entries.into_iter().map(src).collect() }),
                MdBlock::Image { src: file, alt, caption, at } => {
                    let span = place_in(v, at).map(|s| Span { len: (file.chars().count() + alt.chars().count() + 5) as u32, ..s });
                    let some = |s: String| (!s.trim().is_empty()).then_some(Spanned { value: s, span });
                    let img = model::Image { src: Spanned { value: file, span }, caption: some(caption), alt: Some(Spanned { value: alt, span }), credit: None, width: None, focus: None, float: None, bytes: None };
                    let from = self.diags.len();
                    if let Some(f) = self.figure(&img, path, q) {
                        body.push(BodyBlock::Figure(f));
                    }
                    // The image is part of the paragraph's text, not a field of its own.
                    let src_path = format!("{path}.src");
                    for d in &mut self.diags[from..] {
                        if d.path == src_path {
                            d.path = path.to_string();
                        }
                    }
                }
            }
        }
    }
}
