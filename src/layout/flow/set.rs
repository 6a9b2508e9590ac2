//! Setting text: styled text broken into lines and turned into positioned
//! runs, glyphs and link areas; paragraphs (with widow and orphan control)
//! and blocks of lines as flow elements; titles and headings in balanced
//! lines; single lines and unbroken runs.

use crate::diag::Diagnostic;
use crate::layout::{Glyph, Item, Point, Target, TextRun};
use crate::text::inline::StyledText;
use crate::text::linebreak::{GlyphText, Line, LineGlyph, Paragraph, RunStyle, break_balanced, break_paragraph, break_paragraph_widths, run_bounds, run_text};
use crate::text::shape::cluster_ranges;
use crate::units::{Color, Pt};

use super::{Align, Elem, Flow, Kind, TextStyle};

impl<'a, 's> Flow<'a, 's> {
    /// Sets `text` in lines of `width`; returns each line's items, positioned
    /// from the line box's top-left.
    pub fn set(&mut self, text: &StyledText, st: &TextStyle, width: Pt) -> Vec<Vec<(Point, Item)>> {
        self.set_lines(text, st, width).into_iter().map(|(items, _)| items).collect()
    }

    /// Like [`Flow::set`], with whether each line ends with an added hyphen.
    pub fn set_lines(&mut self, text: &StyledText, st: &TextStyle, width: Pt) -> Vec<(Vec<(Point, Item)>, bool)> {
        self.set_lines_widths(text, st, &[width], 0, Vec::new())
    }

    /// Like [`Flow::set_lines`], with a width per line (the last repeated,
    /// as [`break_paragraph_widths`] takes them), the first `ragged` lines
    /// of a justified paragraph set ragged (see [`Paragraph::ragged_lines`]),
    /// and `lead`, items put before the first line's words and tagged with
    /// them (the letter a drop cap stands for).
    pub(super) fn set_lines_widths(&mut self, text: &StyledText, st: &TextStyle, widths: &[Pt], ragged: usize, lead: Vec<(Point, Item)>) -> Vec<(Vec<(Point, Item)>, bool)> {
        self.set_lines_in(text, st, widths, ragged, lead, false)
    }

    /// Sets display text (a title, a heading) in balanced lines, as CSS's
    /// `text-wrap: balance` does: as many lines as at `width`, broken at
    /// the narrowest measure that still gives that many, so that the last
    /// line is not a lone word or, in Chinese or Japanese, a lone character.
    /// The lines stand in `width` as its alignment puts them.
    pub(super) fn set_balanced(&mut self, text: &StyledText, st: &TextStyle, width: Pt) -> Vec<Vec<(Point, Item)>> {
        self.set_lines_in(text, st, &[width], 0, Vec::new(), true).into_iter().map(|(items, _)| items).collect()
    }

    /// Like [`Flow::set_lines_widths`], in balanced lines when `balanced`
    /// ([`break_balanced`]; one width then, in which they are aligned).
    fn set_lines_in(&mut self, text: &StyledText, st: &TextStyle, widths: &[Pt], ragged: usize, lead: Vec<(Point, Item)>, balanced: bool) -> Vec<(Vec<(Point, Item)>, bool)> {
        let doc = self.doc;
        let width = widths.last().copied().unwrap_or(Pt::ZERO);
        let mut lead = Some(lead);
        let (styles, looks, spans) = self.run_styles(text, st);
        if styles.is_empty() {
            return Vec::new();
        }
        let par = Paragraph { text: &text.text, spans, styles: &styles, width, justify: st.justify, hyphenate: st.hyphenate, rtl: self.rtl, kashida: doc.theme.kashida, ragged_lines: ragged };
        let broken = if balanced {
            break_balanced(self.shaper, &par)
        } else if widths.len() > 1 {
            break_paragraph_widths(self.shaper, &par, widths)
        } else {
            break_paragraph(self.shaper, &par)
        };
        for word in &broken.overlong {
            self.warnings.push(
                Diagnostic::warning(text.source, self.path.clone(), format!("`{word}` is wider than the column and was broken without a hyphen"))
                    .with_hint("add a soft hyphen (U+00AD) or a space where it may break, or use fewer columns"),
            );
        }
        if !broken.missing.is_empty() {
            let chars: String = broken.missing.iter().collect();
            let codes: Vec<String> = broken.missing.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
            self.warnings.push(
                Diagnostic::warning(text.source, self.path.clone(), format!("no font has `{chars}` ({}); shown as empty boxes", codes.join(", ")))
                    .with_hint("the bundled fonts cover Latin, Greek, Cyrillic, Arabic and Hebrew; give theme fonts that have these characters, or leave them out"),
            );
        }
        let metrics = &doc.fonts[styles[0].font.0 as usize].metrics;
        let baseline = (st.leading + st.size * (metrics.ascender - metrics.descender)) / 2.0;
        self.note_source(text.source);
        self.tags.carry = None;
        let mut out = Vec::with_capacity(broken.lines.len());
        for (n, line) in broken.lines.iter().enumerate() {
            let width = widths.get(n).or(widths.last()).copied().unwrap_or(width);
            // Right-to-left lines start at the right.
            let shift = match (st.justify, st.align, line.rtl) {
                (false, Align::Center, _) => (width - line.width) / 2.0,
                (false, Align::Right, _) | (_, Align::Left, true) => width - line.width,
                _ => Pt::ZERO,
            };
            let mut items = line_items(&text.text, line, &styles, &looks, Point::new(shift, baseline), st);
            if let Some(mut lead) = lead.take().filter(|l| !l.is_empty()) {
                lead.append(&mut items);
                items = lead;
            }
            // Lines that end at a space keep it, as an invisible glyph
            // without advance: text taken from the PDF (and read out from
            // its tags) then has its word boundaries. (Left-to-right lines
            // only: a right-to-left run is read backwards, and the space
            // would land at its start.)
            if !line.rtl {
                let end = line.glyphs.iter().filter_map(|g| if let GlyphText::Source(r) = &g.text { Some(r.end) } else { None }).max();
                if let Some(c) = end.and_then(|e| text.text[e..].chars().next()).filter(|c| c.is_whitespace()) {
                    self.end_with_space(&mut items, c);
                }
            }
            self.tag_line(&mut items);
            out.push((items, line.hyphenated));
        }
        out
    }

    /// How many lines `text` takes at `widths`, breaking it as
    /// [`Flow::set_lines_widths`] does, with nothing set, tagged or reported.
    pub(super) fn count_lines(&mut self, text: &StyledText, st: &TextStyle, widths: &[Pt]) -> usize {
        let (styles, _, spans) = self.run_styles(text, st);
        if styles.is_empty() {
            return 0;
        }
        let width = widths.last().copied().unwrap_or(Pt::ZERO);
        let par = Paragraph { text: &text.text, spans, styles: &styles, width, justify: st.justify, hyphenate: st.hyphenate, rtl: self.rtl, kashida: self.doc.theme.kashida, ragged_lines: 0 };
        break_paragraph_widths(self.shaper, &par, widths).lines.len()
    }

    /// The breaker's style of each span of `text`, its colour and link, and
    /// the spans as the breaker takes them.
    fn run_styles(&self, text: &StyledText, st: &TextStyle) -> RunStyles {
        let doc = self.doc;
        let mut styles = Vec::with_capacity(text.spans.len());
        let mut looks = Vec::with_capacity(text.spans.len());
        let mut spans = Vec::with_capacity(text.spans.len());
        for (k, span) in text.spans.iter().enumerate() {
            let e = span.emphasis;
            let family = if e.code { doc.theme.heading } else { st.family };
            styles.push(RunStyle { font: family.pick(st.bold || e.bold, st.italic ^ e.italic), size: st.size });
            looks.push((if span.link.is_some() { doc.theme.accent } else { st.color }, span.link.clone()));
            spans.push((span.range.clone(), k));
        }
        (styles, looks, spans)
    }

    /// Lines of a paragraph as flow elements, with widow and orphan control.
    pub fn para(&mut self, text: &StyledText, st: &TextStyle, width: Pt, indent: Pt, out: &mut Vec<Elem>) {
        let lines = self.set_lines(text, st, width);
        let n = lines.len();
        let k = self.doc.theme.keep_lines as usize;
        let grid = (st.leading - self.grid()).get().abs() < 0.01;
        for (i, (mut items, hyphenated)) in lines.into_iter().enumerate() {
            if indent != Pt::ZERO {
                for (p, _) in &mut items {
                    p.x += indent;
                }
            }
            // At least `keep_lines` lines on each side of a column break
            // (no orphans, no widows), and no column ends with a hyphen.
            let keep = i + 1 < n && (i + 1 < k || i + k >= n || hyphenated);
            out.push(Elem { height: st.leading, kind: Kind::Content(items), keep_with_next: keep, grid, boxed: false });
        }
    }

    /// Lines of text that must stay together (titles, quotes).
    pub(super) fn block(&mut self, text: &StyledText, st: &TextStyle, width: Pt, out: &mut Vec<Elem>, keep_after: bool) {
        let lines = self.set(text, st, width);
        Self::block_lines(lines, st, out, keep_after);
    }

    /// Like [`Flow::block`], for a title or heading: its lines balanced
    /// (see [`Flow::set_balanced`]).
    pub(super) fn heading_block(&mut self, text: &StyledText, st: &TextStyle, width: Pt, out: &mut Vec<Elem>, keep_after: bool) {
        let lines = self.set_balanced(text, st, width);
        Self::block_lines(lines, st, out, keep_after);
    }

    fn block_lines(lines: Vec<Vec<(Point, Item)>>, st: &TextStyle, out: &mut Vec<Elem>, keep_after: bool) {
        let n = lines.len();
        for (i, items) in lines.into_iter().enumerate() {
            out.push(Elem { height: st.leading, kind: Kind::Content(items), keep_with_next: keep_after || i + 1 < n, grid: false, boxed: false });
        }
    }

    /// How much deeper than `st`'s own font the glyphs of a line reach, by
    /// the descent their fonts declare: the lines are spaced for the
    /// style's font, and an Arabic face descends further (0.74 em for
    /// Noto Sans Arabic against 0.29 for Noto Sans), so the line after an
    /// Arabic title gets the difference, or the title's letters, as
    /// readers select and extract them, reach into it.
    pub(super) fn deeper(&self, line: &[(Point, Item)], st: &TextStyle) -> Pt {
        let fonts = &self.doc.fonts;
        let own = fonts[st.family.pick(st.bold, st.italic).0 as usize].metrics.descender;
        line.iter()
            .filter_map(|(_, it)| if let Item::Text(run) = it { Some(run) } else { None })
            .map(|run| run.size * (fonts[run.font.0 as usize].metrics.descender - own))
            .fold(Pt::ZERO, Pt::max)
    }

    /// How much deeper the last line of `out` reaches (see [`Flow::deeper`]).
    pub(super) fn last_deeper(&self, out: &[Elem], st: &TextStyle) -> Pt {
        match out.last().map(|e| &e.kind) {
            Some(Kind::Content(items)) => self.deeper(items, st),
            _ => Pt::ZERO,
        }
    }

    /// Sets one line of `text` with no breaking (headers, footers, numbers).
    pub fn one_line(&mut self, text: &str, st: &TextStyle) -> (Vec<(Point, Item)>, Pt) {
        let lines = self.set(&StyledText::plain(text), &TextStyle { justify: false, ..*st }, Pt(100_000.0));
        let mut items: Vec<(Point, Item)> = lines.into_iter().flatten().collect();
        // A right-to-left line is set flush right in the wide measure: move
        // it back to the start.
        let left = items.iter().map(|(p, _)| p.x).reduce(Pt::min).unwrap_or(Pt::ZERO);
        for (p, _) in &mut items {
            p.x -= left;
        }
        let width = crate::layout::text_end(&items);
        (items, width)
    }

    /// One run of text in one font, unbroken (numbers, short labels).
    /// Set in the first font of `font`'s fallback chain that has the first
    /// character (Arabic-Indic page numbers are not in the Latin faces).
    pub fn shape_run(&mut self, text: &str, font: crate::text::shape::FontId, size: Pt, color: Color) -> TextRun {
        let font = text.chars().next().and_then(|c| self.shaper.font_for(font, c)).unwrap_or(font);
        let glyphs = self.shaper.shape(font, text);
        let mut run = TextRun::new(font, size, color, text.to_string(), glyphs.len());
        for (g, range) in glyphs.iter().zip(cluster_ranges(&glyphs)) {
            run.push(Glyph::new(g.id, size * g.advance, range), size * g.x_offset, size * g.y_offset);
        }
        run
    }

    /// Ends the last run of `items` with an invisible space, so that the
    /// words of the next run (a caption after a credit, a page number after
    /// a title) are not glued to it in the extracted text.
    pub fn trailing_space(&mut self, items: &mut [(Point, Item)]) {
        self.end_with_space(items, ' ');
    }

    /// Ends the last run of `items` with the blank `c` (drawn with the
    /// font's space glyph, without advance), unless it ends with one.
    fn end_with_space(&mut self, items: &mut [(Point, Item)], c: char) {
        if let Some((_, Item::Text(run))) = items.iter_mut().rev().find(|(_, it)| matches!(it, Item::Text(_))) {
            if !run.text.ends_with(char::is_whitespace) {
                if let Some(g) = self.shaper.shape(run.font, " ").first() {
                    push_space(run, g.id, c);
                }
            }
        }
    }
}

/// What [`Flow::run_styles`] gives: the breaker's styles, each span's
/// colour and link, and the spans with their style's index.
type RunStyles = (Vec<RunStyle>, Vec<(Color, Option<String>)>, Vec<(std::ops::Range<usize>, usize)>);

/// Appends a blank that takes no room: the space `c` of the source.
/// A run that reads backwards (right to left, drawn in visual order) gets
/// it at its visual start, so that its text still runs backwards and the
/// run is read as one reversed word, not as its letters left to right.
pub fn push_space(run: &mut TextRun, id: u16, c: char) {
    let start = run.text.len();
    run.text.push(c);
    let glyph = Glyph::new(id, Pt::ZERO, start..run.text.len());
    let backwards = run.glyphs.len() > 1 && run.glyphs.windows(2).all(|w| w[0].range().start >= w[1].range().end);
    if backwards {
        run.glyphs.insert(0, glyph);
        if !run.offsets.is_empty() {
            run.offsets.insert(0, (Pt::ZERO, Pt::ZERO));
        }
    } else {
        run.push(glyph, Pt::ZERO, Pt::ZERO);
    }
}

/// Adds the text run of `kept` (glyphs of one style, font and direction, no
/// kashida) to `items`, after its link area when it is a link, and to
/// `runs` where its text starts in the source and its first item.
#[allow(clippy::too_many_arguments)]
fn push_run(
    text: &str,
    kept: &[LineGlyph],
    font: crate::text::shape::FontId,
    size: Pt,
    expansion: f32,
    look: &(Color, Option<String>),
    origin: Point,
    st: &TextStyle,
    items: &mut Vec<(Point, Item)>,
    runs: &mut Vec<(usize, usize)>,
) {
    let (run_text, ranges) = run_text(text, kept);
    // Room for the space a line may end with.
    let mut run = TextRun::new(font, size, look.0, run_text, kept.len() + 1);
    run.h_scale = expansion;
    for (g, range) in kept.iter().zip(ranges) {
        run.push(Glyph::new(g.id, g.advance, range), g.x_offset, g.y_offset);
    }
    let x = origin.x + kept[0].x;
    let first = items.len();
    if let Some(url) = &look.1 {
        let w = run.width();
        items.push((Point::new(x, origin.y - st.size * 0.95), Item::Link { width: w, height: st.size * 1.25, target: Target::Url(url.clone()), tag: None }));
    }
    items.push((Point::new(x, origin.y), Item::Text(run)));
    let start = kept.iter().filter_map(|g| if let GlyphText::Source(r) = &g.text { Some(r.start) } else { None }).min();
    runs.push((start.unwrap_or(usize::MAX), first));
}

/// Turns a broken line into text runs (one per style, font and direction)
/// and link areas, in the order the text is read.
fn line_items(text: &str, line: &Line, styles: &[RunStyle], looks: &[(Color, Option<String>)], origin: Point, st: &TextStyle) -> Vec<(Point, Item)> {
    let glyphs = &line.glyphs;
    let bounds = run_bounds(text, glyphs);
    // Lines are kept until drawn: their item lists are sized exactly (a
    // run, and a link area for a run that is a link).
    let links = bounds.iter().filter(|b| looks[glyphs[b.start].style].1.is_some()).count();
    let mut items: Vec<(Point, Item)> = Vec::with_capacity(bounds.len() + links);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut bars: Vec<(Point, Item)> = Vec::new();
    for bounds in bounds {
        let (i, j) = (bounds.start, bounds.end);
        let (style, font) = (glyphs[i].style, glyphs[i].font);
        // Kashidas are bars on the baseline (decoration, not text); the
        // glyph to their left on the page takes their advance, so the run
        // holds only the word's letters.
        let size = styles[style].size;
        // Most runs have no kashida: their glyphs are used as they are.
        if !glyphs[i..j].iter().any(|g| matches!(g.text, GlyphText::Kashida { .. })) {
            push_run(text, &glyphs[i..j], font, size, line.expansion, &looks[style], origin, st, &mut items, &mut runs);
            continue;
        }
        let mut kept: Vec<LineGlyph> = Vec::with_capacity(j - i);
        for g in &glyphs[i..j] {
            if let GlyphText::Kashida { bottom, top } = g.text {
                let (bottom, top) = (size * f32::from(bottom) / 1000.0, size * f32::from(top) / 1000.0);
                // A hair longer on each side, as the tatweel's outline is, so
                // that no seam shows where the bar meets the letters.
                let overlap = size * 0.008;
                bars.push((Point::new(origin.x + g.x - overlap, origin.y - top), Item::Rect { width: g.advance + overlap * 2.0, height: top - bottom, color: looks[style].0 }));
                if let Some(prev) = kept.last_mut() {
                    prev.advance += g.advance;
                }
                continue;
            }
            kept.push(g.clone());
        }
        if kept.is_empty() {
            continue;
        }
        push_run(text, &kept, font, size, line.expansion, &looks[style], origin, st, &mut items, &mut runs);
    }
    // Runs of mixed-direction lines stand in visual order; they are drawn
    // in reading order, so that text extraction reads them in that order.
    if line.glyphs.iter().any(|g| g.rtl) {
        let mut order: Vec<(usize, Vec<(Point, Item)>)> = Vec::with_capacity(runs.len());
        for (start, first) in runs.iter().rev() {
            order.push((*start, items.split_off(*first)));
        }
        order.sort_by_key(|(start, _)| *start);
        items = order.into_iter().flat_map(|(_, it)| it).collect();
    }
    // The kashida bars after the words: decoration, drawn together.
    items.append(&mut bars);
    items
}
