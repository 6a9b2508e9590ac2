//! Breaking a paragraph into lines: Knuth–Plass total fit.
//!
//! The paragraph becomes boxes (shaped word pieces), glue (spaces, which may
//! stretch and shrink) and penalties (hyphenation points, breaks after
//! dashes, emergency breaks); the breaker chooses the set of breaks with the
//! least total demerits over the whole paragraph, so one loose line is not
//! bought with three bad ones further down, as a first-fit breaker does.
//!
//! Passes, as in TeX: first without hyphenation and a tight tolerance; then
//! with hyphenation and a wider one; finally an emergency pass that accepts
//! any line that is not overfull. A word wider than the measure is split
//! between glyphs and reported, so no line is ever overfull and no word is
//! lost. Display text (titles, headings) is broken by [`break_balanced`] at
//! the narrowest measure that keeps the number of lines, so that they come
//! out even.
//!
//! Words are shaped in pieces of one style, one font and one direction:
//! each character is set in the first font of its style's fallback chain
//! that has it (characters no font has are reported), and right-to-left
//! pieces are shaped right to left. Breaking works in logical order; each
//! finished line is put in visual order ([`crate::text::bidi`]).
//!
//! The parts: `items` turns the paragraph into boxes, glue and penalties
//! (with `kashida` for Arabic words), `breaker` chooses the breaks, and
//! `line` sets each line and puts it in visual order. This file holds the
//! types they share and the costs the breaker weighs.

mod breaker;
mod items;
mod kashida;
mod line;
mod scratch;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::text::bidi::Levels;
use crate::text::shape::{FontId, Shaper};
use crate::units::Pt;

use breaker::Kp;
use items::build_items;
// Public with the stages only: the breaker reaches it through `kashida`.
#[cfg(feature = "unstable-stages")]
pub use kashida::kashida_points;
use line::materialize;
pub use line::{run_bounds, run_text};

/// How one span of the paragraph is set.
#[derive(Debug, Clone, PartialEq)]
pub struct RunStyle {
    /// The font.
    pub font: FontId,
    /// The font size.
    pub size: Pt,
}

/// A paragraph ready to be broken: text, styles over it, and settings.
pub struct Paragraph<'t> {
    /// The text; `\n` is a forced break.
    pub text: &'t str,
    /// Byte ranges of `text` with the index of their style in `styles`, in
    /// order and covering the text.
    pub spans: Vec<(Range<usize>, usize)>,
    /// The styles the spans refer to.
    pub styles: &'t [RunStyle],
    /// Line width.
    pub width: Pt,
    /// Justified (spaces stretch) or ragged right.
    pub justify: bool,
    /// In a justified paragraph, how many of its first lines are set ragged
    /// right all the same (lines beside an inset figure, too short to
    /// justify without rivers); 0 for none.
    pub ragged_lines: usize,
    /// Hyphenation patterns, or `None` for no hyphenation.
    pub hyphenate: Option<hypher::Lang>,
    /// Paragraph direction: right to left, left to right, or `None` to take
    /// it from the first strong character (UAX #9 rules P2 and P3).
    pub rtl: Option<bool>,
    /// Whether justified Arabic words may stretch by kashida (tatweel
    /// glyphs at the joins Arabic typography allows), besides the spaces.
    pub kashida: bool,
}

/// Where a glyph's text comes from, for text extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlyphText {
    /// A byte range of the paragraph text.
    Source(Range<usize>),
    /// A hyphen added at a line end; it stands for a soft hyphen.
    AddedHyphen,
    /// A kashida: no glyph and no text, only its advance, the length by
    /// which it draws out the join of the letter to its right. It is drawn
    /// as a bar on the baseline, from `bottom` to `top` (thousandths of an
    /// em, up positive: the font's tatweel), so that text extraction sees
    /// the word's letters only.
    Kashida {
        /// Bottom of the bar, thousandths of an em above the baseline.
        bottom: i16,
        /// Top of the bar.
        top: i16,
    },
}

/// A glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineGlyph {
    /// Index of its style in the paragraph's styles.
    pub style: usize,
    /// The font: the style's, or one of its fallbacks.
    pub font: FontId,
    /// Whether it belongs to right-to-left text: its cluster's text ranges
    /// decrease from left to right.
    pub rtl: bool,
    /// Glyph id.
    pub id: u16,
    /// Pen position of the glyph from the line start.
    pub x: Pt,
    /// Advance, including any justification added to a space.
    pub advance: Pt,
    /// Horizontal offset from the pen position.
    pub x_offset: Pt,
    /// Vertical offset, up positive.
    pub y_offset: Pt,
    /// The characters it shows.
    pub text: GlyphText,
}

/// One line of a broken paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Glyphs left to right (in visual order).
    pub glyphs: Vec<LineGlyph>,
    /// Whether the line belongs to a right-to-left paragraph: it starts at
    /// the right.
    pub rtl: bool,
    /// Width of the set line.
    pub width: Pt,
    /// Whether the line ends with an added hyphen.
    pub hyphenated: bool,
    /// Space adjustment ratio (0 natural, 1 all stretch used, -1 all shrink).
    pub ratio: f32,
    /// Horizontal scale of the glyphs (font expansion), 1 for none.
    pub expansion: f32,
}

/// The result of breaking a paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Broken {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// Words wider than the measure that had to be split without a hyphen.
    pub overlong: Vec<String>,
    /// Characters that no font of their fallback chain has, once each, in
    /// order of appearance; they are set as the font's .notdef glyph.
    pub missing: Vec<char>,
}

// The costs, with TeX's values where they have proved themselves for
// justified prose. A line costs (LINE_PENALTY + badness)²; badness is
// 100·|ratio|³, so a line whose spaces use all their stretch costs 110².
/// Added to every line's badness: fewer lines are better.
const LINE_PENALTY: f64 = 10.0;
/// Cost of a hyphenation break.
const HYPHEN_PENALTY: f64 = 50.0;
/// Cost of breaking after an explicit hyphen or dash.
const EXPLICIT_PENALTY: f64 = 50.0;
/// Cost of a break inside a web or e-mail address (after `/`, `.`, `-`,
/// before `?`): taken when the alternative is a loose line, never marked
/// with a hyphen, which would read as part of the address.
const ADDRESS_PENALTY: f64 = 100.0;
/// Extra demerits for two hyphenated lines in a row (a ladder starts).
const DOUBLE_HYPHEN_DEMERITS: f64 = 10_000.0;
/// Extra demerits when the second-last line ends hyphenated: the hyphen would
/// be the reader's last impression of the paragraph.
const FINAL_HYPHEN_DEMERITS: f64 = 5_000.0;
/// Extra demerits when neighbouring lines differ by more than one fitness
/// class: a tight line after a loose one looks patchy.
const ADJ_DEMERITS: f64 = 10_000.0;
/// Cost of breaking inside an overlong word at a glyph boundary.
const EMERGENCY_PENALTY: f64 = 5_000.0;
/// At most this many hyphenated line ends in a row.
const MAX_HYPHEN_STREAK: u8 = 2;
/// Badness limits of the first and second pass (TeX's pretolerance and tolerance).
const PRETOLERANCE: f64 = 100.0;
const TOLERANCE: f64 = 400.0;
/// Penalties at or below this force a break, at or above forbid one.
const INF: f64 = 10_000.0;
/// Glue stretch at or above this is infinite (TeX's `fil`): the glue that
/// ends a paragraph or a forced line, which ragged lines keep.
const FILL: f32 = 1e5;
/// Stretch of a space, and shrink, as fractions of its width (TeX's 1/2 and 1/3).
const SPACE_STRETCH: f32 = 0.5;
const SPACE_SHRINK: f32 = 1.0 / 3.0;
/// Stretch and shrink between two Chinese or Japanese characters, in em (as
/// pTeX's `kanjiskip`, 0pt plus a fraction of the size): a 40-character
/// line can take 4 em of slack, spread evenly so that the characters stay
/// on their grid as nearly as can be.
const CJK_STRETCH: f32 = 0.1;
const CJK_SHRINK: f32 = 0.02;
/// The most one Arabic word may be lengthened by its kashida, in em. The
/// kashida counts as stretch in the line's badness beside the spaces', and
/// takes a line's slack before the spaces do, so Arabic word spaces stay
/// near their natural width (Arabic typesetting lengthens words first).
///
/// It is drawn as a bar, not as a tatweel glyph, so the words extract as
/// written; but extractors read a gap inside a word as a word break from
/// about 0.1 em (poppler and pdfminer split words at 0.1 em, MuPDF not yet
/// at 0.15; tried on data/arabic from 0.05 to 0.15 em). 0.08 em keeps a margin: 0.76 pt in
/// 9.5 pt text, a third of a tatweel, one kashida per word.
const KASHIDA_MAX: f32 = 0.08;

/// Han ideographs, kana and the CJK punctuation and full-width forms: the
/// scripts written without spaces between words.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}')
}

/// Ragged lines are judged against this virtual stretch (a fraction of the
/// measure), so ragged-right text is also balanced, not just filled greedily.
const RAGGED_STRETCH: f32 = 0.3;
/// Font expansion, as pdfTeX's microtype does it: justified lines may widen
/// or narrow their glyphs by up to 2 %, invisible to the reader, so that the
/// spaces need less stretch. In a 50-character measure this doubles the room
/// a line has to adjust, and it is what lets most lines keep spaces near
/// their natural width.
const EXPANSION: f32 = 0.02;

/// Letter spacing, in em, that a justified line may take after each
/// character once its spaces have all their stretch (an adjustment ratio
/// past 1): a loose line's slack goes first to the letters, up to this,
/// and only then to the word spaces, as InDesign's letter spacing after
/// word spacing does. 0.015 em is 0.14 pt in 9.5 pt text, about a
/// twentieth of a space; what it takes off a loose line's word spaces is
/// spread over its 40 or so characters. Lines within their stretch, ragged
/// lines and Arabic and CJK lines are never spaced.
const TRACKING: f32 = 0.015;

/// How far a character at the end of a line may hang into the margin, as a
/// fraction of its advance (optical margin alignment): small marks at the
/// edge make it look ragged, hanging them makes it look straight.
fn protrusion(c: char) -> f32 {
    match c {
        '-' | '\u{2010}' | '\u{AD}' | '.' | ',' => 0.6,
        '–' | '—' => 0.3,
        ':' | ';' => 0.4,
        '’' | '”' | '\'' | '"' | '»' | '›' => 0.5,
        '!' | '?' | ')' => 0.15,
        _ => 0.0,
    }
}

#[derive(Debug, Clone)]
enum Item {
    /// A word piece; an Arabic word may carry a kashida point.
    Box { width: f32, glyphs: Range<usize>, hang: f32, kashida: Option<Kashida> },
    Glue { width: f32, stretch: f32, shrink: f32, glyphs: Range<usize> },
    Penalty { width: f32, cost: f64, flagged: bool, hyphen: Option<PoolGlyph> },
}

/// Where a word stretches by kashida, and by how much at most.
#[derive(Debug, Clone)]
struct Kashida {
    /// Pool index of the glyph after which the kashida goes (logical order).
    after: usize,
    /// The kashida, without advance ([`GlyphText::Kashida`]).
    glyph: PoolGlyph,
    /// The most the word may stretch, in points.
    max: f32,
}

#[derive(Debug, Clone)]
struct PoolGlyph {
    style: usize,
    font: FontId,
    /// Embedding level (odd: right to left).
    level: u8,
    id: u16,
    advance: f32,
    x_offset: f32,
    y_offset: f32,
    text: GlyphText,
}

/// Breaks `par` into lines.
pub fn break_paragraph(shaper: &mut Shaper<'_>, par: &Paragraph<'_>) -> Broken {
    break_paragraph_widths(shaper, par, &[par.width])
}

/// Breaks `par` into lines of the given widths, as TeX's `\parshape`:
/// `widths[n]` is the width of line `n` (from 0), the last one repeated for
/// the lines after it; an empty list means `par.width` throughout, and one
/// width is [`break_paragraph`]. The lines start at 0 as always: a caller
/// that narrows lines on the left (a drop cap, a figure the text wraps
/// round) moves them right when placing them.
///
/// Each line is scored against its own width. A word wider than the
/// narrowest line may be split between glyphs (only where it cannot be set
/// otherwise) and is reported in [`Broken::overlong`], so that no line is
/// ever overfull.
pub fn break_paragraph_widths(shaper: &mut Shaper<'_>, par: &Paragraph<'_>, widths: &[Pt]) -> Broken {
    let mut widths: Vec<f32> = if widths.is_empty() { vec![par.width.get().max(1.0)] } else { widths.iter().map(|w| w.get().max(1.0)).collect() };
    // Each ragged line a width (and so a line class) of its own.
    let ragged = if par.justify { par.ragged_lines } else { 0 };
    while ragged > 0 && widths.len() <= ragged {
        widths.push(widths[widths.len() - 1]);
    }
    let narrowest = widths.iter().copied().fold(f32::INFINITY, f32::min);
    let levels = Levels::new(par.text, par.rtl);
    let (items, pool, overlong, missing) = build_items(shaper, par, &levels, narrowest);
    if items.is_empty() {
        return Broken { missing, ..Broken::default() };
    }

    let kp = Kp::new(&items, widths, par.justify, ragged);
    let breaks = passes(&kp).unwrap_or_default();
    let lines = materialize(&items, &pool, &breaks, &kp, &levels, par.text, par.styles);
    drop(kp);
    give_back(items, pool);
    Broken { lines, overlong, missing }
}

/// Returns a paragraph's items and glyph pool to the thread's buffers.
fn give_back(items: Vec<Item>, pool: Vec<PoolGlyph>) {
    scratch::give(|s| &mut s.items, items);
    scratch::give(|s| &mut s.pool, pool);
}

/// The breaks of the first pass that finds any, or `None` when even the
/// emergency pass does not (a box wider than its line).
fn passes(kp: &Kp<'_>) -> Option<Vec<(usize, usize, f32)>> {
    kp.run(PRETOLERANCE, false).or_else(|| kp.run(TOLERANCE, true)).or_else(|| kp.run(f64::INFINITY, true))
}

/// Breaks `par` into balanced lines, as CSS's `text-wrap: balance` sets
/// display text: as many lines as at its width, at the narrowest measure
/// (to a quarter point) that still gives that many, so that the last line
/// is no lone word or character. The measure is found by bisection on the
/// boxes and glue shaped once. A justified paragraph, or one that takes a
/// single line, is broken at its width (balancing would only space it out).
pub fn break_balanced(shaper: &mut Shaper<'_>, par: &Paragraph<'_>) -> Broken {
    if par.justify {
        return break_paragraph(shaper, par);
    }
    let width = par.width.get().max(1.0);
    let levels = Levels::new(par.text, par.rtl);
    // Words are split for the full width only: a measure at which one would
    // be wider than its line is refused below, so none is split for it.
    let (items, pool, overlong, missing) = build_items(shaper, par, &levels, width);
    if items.is_empty() {
        return Broken { missing, ..Broken::default() };
    }
    let measure = balanced_measure(&items, width);
    let kp = Kp::new(&items, vec![measure], false, 0);
    let breaks = passes(&kp).unwrap_or_default();
    let lines = materialize(&items, &pool, &breaks, &kp, &levels, par.text, par.styles);
    drop(kp);
    give_back(items, pool);
    Broken { lines, overlong, missing }
}

/// The narrowest measure up to `width` at which `items` break into no more
/// lines than at `width` ([`break_balanced`]).
fn balanced_measure(items: &[Item], width: f32) -> f32 {
    // How many lines at `w`; `None` when one would be overfull (the
    // emergency pass breaks after a box wider than the line all the same).
    let lines = |w: f32| passes(&Kp::new(items, vec![w], false, 0)).filter(|b| b.iter().all(|&(_, _, r)| r >= -1.0)).map(|b| b.len());
    let Some(n) = lines(width).filter(|n| *n > 1) else { return width };
    // No narrower measure can hold the words in `n` lines: at most `n - 1`
    // spaces are dropped at the breaks (a tenth off for the marks that
    // hang at line ends). Starting there saves a few rounds.
    let (words, space) = items.iter().fold((0.0f32, 0.0f32), |(w, g), it| match it {
        Item::Box { width, .. } => (w + width, g),
        Item::Glue { width, .. } => (w + width, g.max(*width)),
        Item::Penalty { .. } => (w, g),
    });
    let least = (words - space * (n - 1) as f32) / n as f32 * 0.9;
    let (mut lo, mut hi) = (least.clamp(0.0, width), width);
    while hi - lo > 0.25 {
        let mid = (lo + hi) / 2.0;
        if lines(mid).is_some_and(|k| k <= n) { hi = mid } else { lo = mid }
    }
    hi
}
