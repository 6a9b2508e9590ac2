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
//! lost.
//!
//! Words are shaped in pieces of one style, one font and one direction:
//! each character is set in the first font of its style's fallback chain
//! that has it (characters no font has are reported), and right-to-left
//! pieces are shaped right to left. Breaking works in logical order; each
//! finished line is put in visual order ([`crate::text::bidi`]).

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::text::bidi::{Levels, is_default_ignorable, visual_order};
use crate::text::shape::{FontId, Shaper, cluster_ranges};
use crate::units::Pt;

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
fn is_cjk(c: char) -> bool {
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
    let width = par.width.get().max(1.0);
    let levels = Levels::new(par.text, par.rtl);
    let (items, pool, overlong, missing) = build_items(shaper, par, &levels, width);
    if items.is_empty() {
        return Broken { missing, ..Broken::default() };
    }

    let kp = Kp::new(&items, width, par.justify);
    let breaks = kp
        .run(PRETOLERANCE, false)
        .or_else(|| kp.run(TOLERANCE, true))
        .or_else(|| kp.run(f64::INFINITY, true))
        .unwrap_or_default();
    let lines = materialize(&items, &pool, &breaks, &kp, &levels, par.text);
    Broken { lines, overlong, missing }
}

/// Splits `range` of the text (one style) into pieces of one font and one
/// embedding level, noting characters no font has in `missing`.
///
/// A character stays in the font of the piece before it when that font has
/// it, so punctuation, digits and marks inside Arabic words are set in the
/// Arabic font, and in the style's own font otherwise.
fn font_pieces(shaper: &Shaper<'_>, text: &str, range: Range<usize>, font: FontId, levels: &Levels, missing: &mut Vec<char>, pieces: &mut Vec<(Range<usize>, FontId, u8)>) {
    pieces.clear();
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let level = levels.at(at);
        let current = pieces.last().filter(|(_, _, l)| *l == level).map(|(_, f, _)| *f);
        let chosen = match current {
            Some(f) if shaper.has_char(f, c) || is_default_ignorable(c) => f,
            _ => match shaper.font_for(font, c) {
                Some(f) => f,
                None => {
                    if !is_default_ignorable(c) && !c.is_control() && !missing.contains(&c) {
                        missing.push(c);
                    }
                    current.unwrap_or(font)
                }
            },
        };
        match pieces.last_mut() {
            Some((r, f, l)) if *f == chosen && *l == level => r.end = at + c.len_utf8(),
            _ => pieces.push((at..at + c.len_utf8(), chosen, level)),
        }
    }
}

fn build_items(shaper: &mut Shaper<'_>, par: &Paragraph<'_>, levels: &Levels, width: f32) -> (Vec<Item>, Vec<PoolGlyph>, Vec<String>, Vec<char>) {
    let text = par.text;
    // About one item per word and a glyph per character, and a few more.
    let mut items = Vec::with_capacity(text.len() / 3 + 4);
    let mut pool: Vec<PoolGlyph> = Vec::with_capacity(text.len() + text.len() / 8 + 4);
    let mut overlong = Vec::new();
    let mut missing = Vec::new();
    // A word's pieces (one font and direction each), reused word after word.
    let mut pieces = Vec::new();
    let style_at = |pos: usize| -> usize {
        par.spans
            .iter()
            .find(|(r, _)| r.start <= pos && pos < r.end)
            .map_or(0, |(_, s)| *s)
    };
    // Inside web and e-mail addresses, breaks go where they read well
        // (after `/`, `.`, `-`, before `?`) instead of where UAX #14 puts them.
    let addresses = address_ranges(text);
    let inside = |at: usize| addresses.iter().any(|r| r.start < at && at < r.end);
    let mut opportunities: Vec<(usize, BreakOpportunity)> = linebreaks(text).filter(|&(at, _)| !inside(at)).collect();
    if !addresses.is_empty() {
        for r in &addresses {
            opportunities.extend(address_breaks(&text[r.clone()]).into_iter().map(|b| (r.start + b, BreakOpportunity::Allowed)));
        }
        opportunities.sort_by_key(|&(at, _)| at);
    }
    let mut prev = 0;
    for (at, op) in opportunities {
        let segment = &text[prev..at];
        let word_end = prev + segment.trim_end_matches([' ', '\n', '\r', '\t']).len();
        let first_item = items.len();
        // The word part, split where the style changes.
        let mut pos = prev;
        while pos < word_end {
            let style = style_at(pos);
            let end = par
                .spans
                .iter()
                .find(|(r, _)| r.start <= pos && pos < r.end)
                .map_or(word_end, |(r, _)| r.end.min(word_end));
            let end = end.max(pos + text[pos..].chars().next().map_or(1, char::len_utf8));
            font_pieces(shaper, text, pos..end, par.styles[style].font, levels, &mut missing, &mut pieces);
            let hyphenate = if inside(pos) || addresses.iter().any(|r| r.start == pos) { None } else { par.hyphenate };
            for (piece, font, level) in pieces.drain(..) {
                push_word(shaper, par, style, font, level, piece, hyphenate, &mut items, &mut pool);
            }
            pos = end;
        }
        // An overlong word is split between clusters, and reported.
        let word_width: f32 = items[first_item..]
            .iter()
            .map(|i| match i {
                Item::Box { width, .. } => *width,
                _ => 0.0,
            })
            .sum();
        if word_width > width {
            overlong.push(text[prev..word_end].to_string());
            let tail = items.split_off(first_item);
            for it in tail {
                match it {
                    Item::Box { glyphs, .. } => {
                        let mut start = glyphs.start;
                        while start < glyphs.end {
                            let cluster = pool[start].text.clone();
                            let mut end = start + 1;
                            while end < glyphs.end && pool[end].text == cluster {
                                end += 1;
                            }
                            if matches!(items.last(), Some(Item::Box { .. })) {
                                items.push(Item::Penalty { width: 0.0, cost: EMERGENCY_PENALTY, flagged: false, hyphen: None });
                            }
                            let w = pool[start..end].iter().map(|g| g.advance).sum();
                            items.push(Item::Box { width: w, glyphs: start..end, hang: 0.0, kashida: None });
                            start = end;
                        }
                    }
                    other => items.push(other),
                }
            }
        }
        // The break opportunity after the word.
        let spaces = &text[word_end..at];
        let space_count = spaces.chars().filter(|c| *c == ' ' || *c == '\t').count();
        if space_count > 0 {
            let style = style_at(word_end);
            let st = &par.styles[style];
            // After a word in a fallback font (Arabic), the space is that
            // font's, so that word spacing matches the words.
            let font = match pool.last() {
                Some(g) if g.style == style && g.font != st.font && shaper.has_char(g.font, ' ') => g.font,
                _ => st.font,
            };
            let glyph_start = pool.len();
            let mut w = 0.0;
            for (i, c) in spaces.char_indices() {
                if c != ' ' && c != '\t' {
                    continue;
                }
                let g = shaper.shape(font, " ");
                let adv = g.iter().map(|g| g.advance).sum::<f32>() * st.size.get();
                w += adv;
                pool.push(PoolGlyph {
                    style,
                    font,
                    level: levels.at(word_end + i),
                    id: g.first().map_or(0, |g| g.id),
                    advance: adv,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    text: GlyphText::Source(word_end + i..word_end + i + c.len_utf8()),
                });
            }
            let (stretch, shrink) = if par.justify { (w * SPACE_STRETCH, w * SPACE_SHRINK) } else { (0.0, 0.0) };
            items.push(Item::Glue { width: w, stretch, shrink, glyphs: glyph_start..pool.len() });
        }
        match op {
            BreakOpportunity::Mandatory if at < text.len() || spaces.contains('\n') => {
                if space_count == 0 {
                    items.push(Item::Glue { width: 0.0, stretch: 1e6, shrink: 0.0, glyphs: 0..0 });
                } else if let Some(Item::Glue { stretch, .. }) = items.last_mut() {
                    *stretch = 1e6;
                }
                items.push(Item::Penalty { width: 0.0, cost: -INF, flagged: false, hyphen: None });
            }
            BreakOpportunity::Allowed if space_count == 0 && at < text.len() && inside(at) => {
                items.push(Item::Penalty { width: 0.0, cost: ADDRESS_PENALTY, flagged: false, hyphen: None });
            }
            // Between Chinese or Japanese characters, where UAX #14 allows a
            // break (never before closing punctuation, never after opening),
            // justified text stretches: the space between characters is the
            // glue (Chinese and Japanese put no spaces between words).
            BreakOpportunity::Allowed if space_count == 0 && at < text.len() && par.justify && (text[..at].chars().next_back().is_some_and(is_cjk) || text[at..].chars().next().is_some_and(is_cjk)) => {
                let size = par.styles[style_at(at)].size.get();
                items.push(Item::Glue { width: 0.0, stretch: size * CJK_STRETCH, shrink: size * CJK_SHRINK, glyphs: pool.len()..pool.len() });
            }
            BreakOpportunity::Allowed if space_count == 0 && at < text.len() => {
                let explicit = text[..word_end].ends_with(['-', '\u{2010}', '–', '—']);
                let cost = if explicit { EXPLICIT_PENALTY } else { 0.0 };
                items.push(Item::Penalty { width: 0.0, cost, flagged: explicit, hyphen: None });
            }
            _ => {}
        }
        prev = at;
    }
    if !items.is_empty() {
        // The paragraph ends with infinitely stretchable glue and a forced break.
        if let Some(Item::Penalty { cost, .. }) = items.last() {
            if *cost <= -INF {
                items.pop();
                items.pop();
            }
        }
        items.push(Item::Glue { width: 0.0, stretch: 1e6, shrink: 0.0, glyphs: 0..0 });
        items.push(Item::Penalty { width: 0.0, cost: -INF, flagged: false, hyphen: None });
    }
    (items, pool, overlong, missing)
}

/// The byte ranges of web and e-mail addresses in `text`: words that start
/// with `http://`, `https://` or `www.`, or have the shape `name@host.tld`,
/// without the punctuation that ends a sentence after them.
fn address_ranges(text: &str) -> Vec<Range<usize>> {
    if !(text.contains("://") || text.contains("www.") || text.contains('@')) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for word in text.split(|c: char| c.is_whitespace()) {
        let start = pos;
        pos += word.len() + text[start + word.len()..].chars().next().map_or(0, char::len_utf8);
        let lead = word.len() - word.trim_start_matches(['(', '[', '“', '‘', '«', '"', '\'']).len();
        let w = word[lead..].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '”', '’', '»', '"', '\'']);
        let lower = w.to_ascii_lowercase();
        let web = lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.");
        let mail = w.split_once('@').is_some_and(|(u, h)| !u.is_empty() && h.contains('.') && !h.contains('@'));
        if (web || mail) && w.len() > 4 {
            out.push(start + lead..start + lead + w.len());
        }
    }
    out
}

/// Where an address may break, as offsets into it (a break before each):
/// after `/` (after the last of `//`), `.`, `-`, `_` and `@`, and before
/// `?`, `#`, `&` and `=`, never within the scheme (`https://`) or so that
/// one character is left alone at the end.
fn address_breaks(addr: &str) -> Vec<usize> {
    let scheme_end = addr.find("://").map_or(0, |i| i + 3);
    let bytes = addr.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let at = match b {
            b'/' | b'.' | b'-' | b'_' | b'@' if bytes.get(i + 1) != Some(&b) => i + 1,
            b'?' | b'#' | b'&' | b'=' => i,
            _ => continue,
        };
        if at >= scheme_end.max(2) && at + 1 < addr.len() && out.last() != Some(&at) {
            out.push(at);
        }
    }
    out
}

/// Shapes one word piece in one style, font and direction and pushes its
/// boxes, with a hyphenation penalty between syllables.
#[expect(clippy::too_many_arguments, reason = "one call site, in build_items; the arguments are the piece's properties")]
fn push_word(shaper: &mut Shaper<'_>, par: &Paragraph<'_>, style: usize, font: FontId, level: u8, range: Range<usize>, hyphenate: Option<hypher::Lang>, items: &mut Vec<Item>, pool: &mut Vec<PoolGlyph>) {
    let st = &par.styles[style];
    let word = &par.text[range.clone()];
    let size = st.size.get();
    let rtl = level % 2 == 1;
    let glyphs = shaper.shape_dir(font, word, rtl);
    let start = pool.len();
    for (g, r) in glyphs.iter().zip(cluster_ranges(&glyphs)) {
        pool.push(PoolGlyph {
            style,
            font,
            level,
            id: g.id,
            advance: g.advance * size,
            x_offset: g.x_offset * size,
            y_offset: g.y_offset * size,
            text: GlyphText::Source(range.start + r.start..range.start + r.end),
        });
    }
    let end = pool.len();
    // Right-to-left scripts are not hyphenated.
    let cuts = if rtl { Vec::new().into() } else { shaper.hyphenation(word, hyphenate) };
    let soft = word.contains('\u{AD}');
    let hyphen = hyphen_glyph(shaper, font, level, st, style);
    let mut from = start;
    for &cut in cuts.iter() {
        // A cut inside a ligature cannot be taken.
        let Some(at) = (from..end).find(|&i| matches!(&pool[i].text, GlyphText::Source(r) if r.start == range.start + cut)) else {
            continue;
        };
        if at == from {
            continue;
        }
        let w = pool[from..at].iter().map(|g| g.advance).sum();
        items.push(Item::Box { width: w, glyphs: from..at, hang: 0.0, kashida: None });
        let mut h = hyphen.clone();
        if soft {
            // The author's soft hyphen is shown as the hyphen and keeps its text.
            if let Some(shy) = pool[from..at].iter().rposition(|g| matches!(&g.text, GlyphText::Source(r) if &par.text[r.clone()] == "\u{AD}")) {
                h.text = pool[from + shy].text.clone();
            }
        }
        items.push(Item::Penalty {
            width: h.advance,
            cost: if soft { HYPHEN_PENALTY / 2.0 } else { HYPHEN_PENALTY },
            flagged: true,
            hyphen: Some(h),
        });
        from = at;
    }
    let w = pool[from..end].iter().map(|g| g.advance).sum();
    // A box that ends a word may hang its last mark into the margin.
    let hang = match pool[from..end].last() {
        Some(PoolGlyph { text: GlyphText::Source(r), advance, .. }) => par.text[r.clone()].chars().last().map_or(0.0, protrusion) * advance,
        _ => 0.0,
    };
    let kashida = if rtl && par.justify && par.kashida && from == start { kashida_at(shaper, font, level, st, style, word, range.start, &pool[start..end], start) } else { None };
    items.push(Item::Box { width: w, glyphs: from..end, hang, kashida });
}

/// The kashida of a shaped Arabic word: its best point (by
/// [`kashida_points`]) at which the shaper drew one glyph for one letter
/// and no ligature crosses, and the bar of the font's tatweel to draw there.
#[expect(clippy::too_many_arguments, reason = "one call site, in push_word")]
fn kashida_at(shaper: &mut Shaper<'_>, font: FontId, level: u8, st: &RunStyle, style: usize, word: &str, base: usize, glyphs: &[PoolGlyph], first: usize) -> Option<Kashida> {
    let (bottom, top) = shaper.tatweel_bar(font)?;
    let range_of = |g: &PoolGlyph| match &g.text {
        GlyphText::Source(r) => Some(r.start - base..r.end - base),
        GlyphText::AddedHyphen | GlyphText::Kashida { .. } => None,
    };
    let mut best: Option<(u8, usize, usize)> = None;
    for (p, rank) in kashida_points(word) {
        // The letters on both sides of the join: each exactly one glyph
        // showing exactly one character (no ligature such as lam-alef, no
        // marks), so that the join is where the shaper joined two glyphs.
        let single = |pick: &dyn Fn(Range<usize>) -> bool| -> Option<usize> {
            let found: Vec<usize> = (0..glyphs.len()).filter(|&i| range_of(&glyphs[i]).is_some_and(|r| pick(r))).collect();
            match found[..] {
                [i] => range_of(&glyphs[i]).filter(|r| word[r.clone()].chars().count() == 1).map(|_| i),
                _ => None,
            }
        };
        let (Some(i), Some(_)) = (single(&|r| r.end == p), single(&|r| r.start == p)) else { continue };
        // The best rank; among equals, the point nearest the word's end.
        if best.is_none_or(|(b, _, _)| rank <= b) {
            best = Some((rank, p, i));
        }
    }
    let (_, _, i) = best?;
    let size = st.size.get();
    let milli = |v: f32| (v * 1000.0).round() as i16;
    let glyph = PoolGlyph { style, font, level, id: 0, advance: 0.0, x_offset: 0.0, y_offset: 0.0, text: GlyphText::Kashida { bottom: milli(bottom), top: milli(top) } };
    Some(Kashida { after: first + i, glyph, max: KASHIDA_MAX * size })
}

/// How an Arabic letter joins its neighbours (Unicode's Joining_Type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joining {
    /// Joins on both sides (beh, seen, lam, …).
    Dual,
    /// Joins only the letter before it (alef, dal, reh, waw, teh marbuta, …).
    Right,
    /// The tatweel itself: joins both sides.
    Causing,
    /// Marks: ignored when looking for the neighbours.
    Transparent,
    /// Everything else: hamza, digits, Latin, punctuation.
    None,
}

/// The joining type of `c`, from Unicode's ArabicShaping.txt for the Arabic
/// block (U+0620–U+06FF), the only letters kashida applies to here.
fn joining(c: char) -> Joining {
    match c {
        '\u{0640}' => Joining::Causing,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}' => Joining::Transparent,
        '\u{0622}'..='\u{0625}' | '\u{0627}' | '\u{0629}' | '\u{062F}'..='\u{0632}' | '\u{0648}' | '\u{0671}'..='\u{0673}' | '\u{0675}'..='\u{0677}' | '\u{0688}'..='\u{0699}' | '\u{06C0}' | '\u{06C3}'..='\u{06CB}' | '\u{06CD}' | '\u{06CF}' | '\u{06D2}' | '\u{06D3}' | '\u{06D5}' | '\u{06EE}' | '\u{06EF}' => Joining::Right,
        '\u{0620}' | '\u{0626}' | '\u{0628}' | '\u{062A}'..='\u{062E}' | '\u{0633}'..='\u{063F}' | '\u{0641}'..='\u{0647}' | '\u{0649}' | '\u{064A}' | '\u{066E}' | '\u{066F}' | '\u{0678}'..='\u{0687}' | '\u{069A}'..='\u{06BF}' | '\u{06C1}' | '\u{06C2}' | '\u{06CC}' | '\u{06CE}' | '\u{06D0}' | '\u{06D1}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' => Joining::Dual,
        _ => Joining::None,
    }
}

/// Where an Arabic word may be lengthened by a kashida: byte offsets in
/// `word` of the letter after the join, with a rank (lower is better), in
/// order. A kashida goes only at a join, after a letter in its initial or
/// medial form (one that joins the next letter), never after a letter that
/// does not join forward (alef, dal, reh, waw, …), never at a word's end,
/// never between lam and alef (their ligature). The ranks follow the
/// common rules of Arabic typesetting (those of Microsoft's and SIL's
/// justification): a kashida typed by the author first, then after
/// seen and sad, before a final teh marbuta, heh or dal, before a final
/// alef, tah, lam, kaf or gaf, before a final reh or waw, before a final
/// yeh or alef maksura, then any other join.
pub fn kashida_points(word: &str) -> Vec<(usize, u8)> {
    // Letters with their offsets, marks left out (they sit on their letter).
    let letters: Vec<(usize, char, Joining)> = word.char_indices().map(|(i, c)| (i, c, joining(c))).filter(|(_, _, j)| *j != Joining::Transparent).collect();
    let mut out = Vec::new();
    for k in 0..letters.len().saturating_sub(1) {
        let (_, a, ja) = letters[k];
        let (p, b, jb) = letters[k + 1];
        let joins_next = matches!(ja, Joining::Dual | Joining::Causing);
        let joined = matches!(jb, Joining::Dual | Joining::Right | Joining::Causing);
        let alef = |c: char| matches!(c, '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}' | '\u{0671}');
        // Not inside lam-alef, and not just before it: the pair is drawn as
        // one form, and poppler reads a gap before it as a word break.
        let lam_alef_next = b == '\u{0644}' && letters.get(k + 2).is_some_and(|&(_, c, _)| alef(c));
        if !joins_next || !joined || (a == '\u{0644}' && alef(b)) || lam_alef_next {
            continue;
        }
        // The marks of the letter after the join stay with it: the point is
        // after the marks of the letter before.
        let last = k + 2 == letters.len();
        let rank = if ja == Joining::Causing || jb == Joining::Causing {
            0
        } else if matches!(a, '\u{0633}'..='\u{0636}') {
            1
        } else if last && matches!(b, '\u{0629}' | '\u{0647}' | '\u{062F}' | '\u{0630}') {
            2
        } else if last && matches!(b, '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}' | '\u{0637}' | '\u{0638}' | '\u{0644}' | '\u{0643}' | '\u{06AF}') {
            3
        } else if last && matches!(b, '\u{0631}' | '\u{0632}' | '\u{0648}' | '\u{0624}') {
            4
        } else if last && matches!(b, '\u{064A}' | '\u{0649}' | '\u{06CC}') {
            5
        } else {
            6
        };
        out.push((p, rank));
    }
    out
}

fn hyphen_glyph(shaper: &mut Shaper<'_>, font: FontId, level: u8, st: &RunStyle, style: usize) -> PoolGlyph {
    let (id, advance) = shaper.hyphen_glyph(font);
    PoolGlyph { style, font, level, id, advance: advance * st.size.get(), x_offset: 0.0, y_offset: 0.0, text: GlyphText::AddedHyphen }
}

/// The Knuth–Plass breaker over a list of items.
struct Kp<'a> {
    items: &'a [Item],
    width: f32,
    justify: bool,
    /// Running sums of width, stretch (the kashida's included), shrink, box
    /// width and kashida stretch before each item.
    sums: Vec<[f32; 5]>,
    /// For each item, the first box at or after it (where a line starts).
    next_box: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Node {
    /// Index of the break item (`usize::MAX` for the paragraph start).
    at: usize,
    /// First item of the line after this break.
    start: usize,
    fitness: u8,
    demerits: f64,
    streak: u8,
    prev: Option<usize>,
}

impl<'a> Kp<'a> {
    fn new(items: &'a [Item], width: f32, justify: bool) -> Self {
        let mut sums = Vec::with_capacity(items.len() + 1);
        let mut s = [0.0f32; 5];
        for it in items {
            sums.push(s);
            match it {
                Item::Box { width, kashida, .. } => {
                    s[0] += width;
                    s[3] += width;
                    if let Some(k) = kashida {
                        s[1] += k.max;
                        s[4] += k.max;
                    }
                }
                Item::Glue { width, stretch, shrink, .. } => {
                    s[0] += width;
                    s[1] += stretch;
                    s[2] += shrink;
                }
                Item::Penalty { .. } => {}
            }
        }
        sums.push(s);
        let mut next_box = vec![items.len(); items.len() + 1];
        for i in (0..items.len()).rev() {
            next_box[i] = if matches!(items[i], Item::Box { .. }) { i } else { next_box[i + 1] };
        }
        Kp { items, width, justify, sums, next_box }
    }

    /// Natural width of a line from item `start` to the break at `b`, less
    /// what may hang into the margin, and its stretch, shrink and box width.
    fn measure(&self, start: usize, b: usize) -> (f32, f32, f32, f32) {
        let start = start.min(b);
        let (s0, s1) = (self.sums[start], self.sums[b]);
        let mut natural = s1[0] - s0[0];
        match &self.items[b] {
            // A forced break (a paragraph's end, a new line) comes after
            // glue; the word before that glue may hang its mark, as at any
            // line end.
            Item::Penalty { cost, .. } if *cost <= -INF && b >= 2 => {
                if let (Item::Glue { width, .. }, Item::Box { hang, .. }) = (&self.items[b - 1], &self.items[b - 2]) {
                    if *width == 0.0 {
                        natural -= hang;
                    }
                }
            }
            Item::Penalty { width, .. } => natural += width * (1.0 - protrusion('-')),
            Item::Glue { .. } if b > 0 => {
                if let Item::Box { hang, .. } = self.items[b - 1] {
                    natural -= hang;
                }
            }
            _ => {}
        }
        (natural, s1[1] - s0[1], s1[2] - s0[2], s1[3] - s0[3])
    }

    /// The kashida stretch of the words of a line from `start` to `b`.
    fn kashida(&self, start: usize, b: usize) -> f32 {
        let start = start.min(b);
        self.sums[b][4] - self.sums[start][4]
    }

    /// The adjustment ratio of a line from item `start` to the break at `b`:
    /// the share of the line's stretch (or shrink) it uses.
    fn ratio(&self, start: usize, b: usize) -> f32 {
        let (natural, stretch, shrink, boxes) = self.measure(start, b);
        let (stretch, shrink) = if self.justify {
            (stretch + boxes * EXPANSION, shrink + boxes * EXPANSION)
        } else {
            (stretch + self.width * RAGGED_STRETCH, 0.0)
        };
        if natural < self.width {
            if stretch > 0.0 { (self.width - natural) / stretch } else { f32::INFINITY }
        } else if natural > self.width {
            if shrink > 0.0 { (self.width - natural) / shrink } else { f32::NEG_INFINITY }
        } else {
            0.0
        }
    }

    fn run(&self, tolerance: f64, hyphens: bool) -> Option<Vec<(usize, usize, f32)>> {
        let mut nodes = vec![Node { at: usize::MAX, start: 0, fitness: 1, demerits: 0.0, streak: 0, prev: None }];
        let mut active = vec![0usize];
        let last = self.items.len() - 1;
        for b in 0..self.items.len() {
            let (cost, flagged) = match &self.items[b] {
                // Not the glue just before a forced break: the break is
                // there, and a break at the glue left an empty line after it
                // (the last line of a paragraph alone at the top of the
                // next column, after an empty one).
                Item::Glue { .. } if b + 1 < self.items.len() && matches!(self.items[b + 1], Item::Penalty { cost, .. } if cost <= -INF) => continue,
                Item::Glue { .. } if b > 0 && matches!(self.items[b - 1], Item::Box { .. }) => (0.0, false),
                Item::Penalty { cost, flagged, hyphen, .. } if *cost < INF => {
                    if hyphen.is_some() && !hyphens {
                        continue;
                    }
                    (*cost, *flagged)
                }
                _ => continue,
            };
            let forced = cost <= -INF;
            let mut best: [Option<(f64, usize, f32)>; 4] = [None; 4];
            let mut deactivated_last = None;
            let mut i = 0;
            while i < active.len() {
                let a = &nodes[active[i]];
                let mut r = self.ratio(a.start, b);
                // The last line is set at its natural width.
                if b == last && r > 0.0 {
                    r = 0.0;
                }
                let fits = r >= -1.0;
                if fits {
                    // Not capped: in the last pass a line twice as loose must still
                    // cost more, so looseness is spread instead of piled up.
                    let badness = if r.is_finite() { 100.0 * f64::from(r.abs()).powi(3) } else { 1e12 };
                    let ok_streak = !(flagged && a.streak >= MAX_HYPHEN_STREAK);
                    if (badness <= tolerance || tolerance.is_infinite()) && ok_streak {
                        let mut d = (LINE_PENALTY + badness).powi(2);
                        if cost > 0.0 {
                            d += cost * cost;
                        } else if cost > -INF {
                            d -= cost * cost;
                        }
                        if flagged && a.streak > 0 {
                            d += DOUBLE_HYPHEN_DEMERITS;
                        }
                        if b == last && a.streak > 0 {
                            d += FINAL_HYPHEN_DEMERITS;
                        }
                        let fitness = if r < -0.5 { 0 } else if r <= 0.5 { 1 } else if r <= 1.0 { 2 } else { 3 };
                        if (i32::from(fitness) - i32::from(a.fitness)).abs() > 1 {
                            d += ADJ_DEMERITS;
                        }
                        d += a.demerits;
                        let slot = &mut best[fitness as usize];
                        if slot.is_none_or(|(bd, _, _)| d < bd) {
                            *slot = Some((d, active[i], r));
                        }
                    }
                }
                if !fits || forced {
                    deactivated_last = Some(active.remove(i));
                } else {
                    i += 1;
                }
            }
            let min = best.iter().flatten().map(|(d, _, _)| *d).fold(f64::INFINITY, f64::min);
            for (fitness, slot) in best.iter().enumerate() {
                if let Some((d, from, _)) = *slot {
                    if d <= min + ADJ_DEMERITS {
                        let streak = if flagged { nodes[from].streak + 1 } else { 0 };
                        nodes.push(Node {
                            at: b,
                            start: self.next_box[b + 1],
                            fitness: fitness as u8,
                            demerits: d,
                            streak,
                            prev: Some(from),
                        });
                        active.push(nodes.len() - 1);
                    }
                }
            }
            if active.is_empty() {
                if !tolerance.is_infinite() {
                    return None;
                }
                // Nothing fits: break here all the same. Overlong words were
                // split beforehand, so this only happens when a single
                // cluster is wider than the measure.
                let from = deactivated_last?;
                nodes.push(Node {
                    at: b,
                    start: self.next_box[b + 1],
                    fitness: 1,
                    demerits: nodes[from].demerits + INF * INF,
                    streak: 0,
                    prev: Some(from),
                });
                active.push(nodes.len() - 1);
            }
        }
        let end = active
            .iter()
            .copied()
            .filter(|&n| nodes[n].at == last)
            .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
        let mut breaks = Vec::new();
        let mut n = end;
        while let Some(p) = nodes[n].prev {
            let r = self.ratio(nodes[p].start, nodes[n].at);
            breaks.push((nodes[p].start, nodes[n].at, r));
            n = p;
        }
        breaks.reverse();
        Some(breaks)
    }
}

fn materialize(items: &[Item], pool: &[PoolGlyph], breaks: &[(usize, usize, f32)], kp: &Kp<'_>, levels: &Levels, text: &str) -> Vec<Line> {
    let last = items.len() - 1;
    let mut lines = Vec::with_capacity(breaks.len());
    for &(start, b, r) in breaks {
        let (natural, stretch, shrink, boxes) = kp.measure(start, b);
        // Natural spacing on the last line and on lines ended by a forced
        // break; they may only shrink, when they must.
        let forced = matches!(items[b], Item::Penalty { cost, .. } if cost <= -INF);
        let free = b == last || forced || !kp.justify;
        let r = if r.is_finite() { r } else if r > 0.0 { 1e6 } else { -1.0 };
        let r = if free { r.clamp(-1.0, 0.0) } else { r.max(-1.0) };
        let shortfall = if free && r == 0.0 { 0.0 } else { kp.width - natural };
        // Arabic words take a loose line's slack first, by kashida, up to
        // their limit; glyph expansion and the spaces share what is left as
        // they do in every line (a line without kashida is set as before).
        let kashida = kp.kashida(start, b);
        let for_kashida = if kashida > 0.0 && !free && shortfall > 0.0 { shortfall.min(kashida) } else { 0.0 };
        let r = if for_kashida > 0.0 {
            let rest = stretch - kashida + boxes * EXPANSION;
            if rest > 0.0 { (shortfall - for_kashida) / rest } else { 0.0 }
        } else {
            r
        };
        // Glyphs widen or narrow by at most EXPANSION; spaces take the rest.
        let expansion = if kp.justify { r.clamp(-1.0, 1.0) * EXPANSION } else { 0.0 };
        let for_spaces = shortfall - for_kashida - expansion * boxes;
        let stretch = stretch - kashida;
        let per_space = |st: f32, sh: f32| -> f32 {
            if for_spaces >= 0.0 {
                if stretch > 0.0 { for_spaces * st / stretch } else { 0.0 }
            } else if shrink > 0.0 {
                for_spaces * sh / shrink
            } else {
                0.0
            }
        };
        let scale = 1.0 + expansion;
        // The line's glyphs, and room for a hyphen.
        let room = items[start.min(b)..b]
            .iter()
            .map(|it| match it {
                Item::Box { glyphs, .. } | Item::Glue { glyphs, .. } => glyphs.len(),
                Item::Penalty { .. } => 0,
            })
            .sum::<usize>()
            + 1;
        let mut glyphs = Vec::with_capacity(room);
        let mut glyph_levels = Vec::with_capacity(room);
        let mut x = 0.0f32;
        let place = |g: &PoolGlyph, advance: f32, glyphs: &mut Vec<LineGlyph>, x: &mut f32, glyph_levels: &mut Vec<u8>| {
            glyph_levels.push(g.level);
            glyphs.push(LineGlyph {
                style: g.style,
                font: g.font,
                rtl: g.level % 2 == 1,
                id: g.id,
                x: Pt(*x),
                advance: Pt(advance),
                x_offset: Pt(g.x_offset * scale),
                y_offset: Pt(g.y_offset),
                text: g.text.clone(),
            });
            *x += advance;
        };
        // A kashida of `w` points, to the left of the letter it lengthens
        // once the line is in visual order.
        let extend = |k: &Kashida, w: f32, glyphs: &mut Vec<LineGlyph>, x: &mut f32, glyph_levels: &mut Vec<u8>| place(&k.glyph, w, glyphs, x, glyph_levels);
        for item in &items[start.min(b)..b] {
            match item {
                Item::Box { glyphs: range, kashida: k, .. } => {
                    for (i, g) in pool[range.clone()].iter().enumerate() {
                        place(g, g.advance * scale, &mut glyphs, &mut x, &mut glyph_levels);
                        if let Some(k) = k.as_ref().filter(|k| k.after == range.start + i && for_kashida > 0.0) {
                            extend(k, for_kashida * k.max / kashida, &mut glyphs, &mut x, &mut glyph_levels);
                        }
                    }
                }
                Item::Glue { stretch: st, shrink: sh, glyphs: range, width } => {
                    // The paragraph's closing glue stays empty.
                    let adj = if *st >= 1e5 { 0.0 } else { per_space(*st, *sh) };
                    if range.is_empty() {
                        x += width + adj;
                    }
                    for (k, g) in pool[range.clone()].iter().enumerate() {
                        place(g, g.advance + if k == 0 { adj } else { 0.0 }, &mut glyphs, &mut x, &mut glyph_levels);
                    }
                }
                Item::Penalty { .. } => {}
            }
        }
        let mut hyphenated = false;
        if let Item::Penalty { hyphen: Some(h), .. } = &items[b] {
            // An author's soft hyphen already has a (zero-width) glyph in the
            // line: it becomes the visible hyphen.
            if let GlyphText::Source(r) = &h.text {
                if let Some(pos) = glyphs.iter().rposition(|g| g.text == GlyphText::Source(r.clone())) {
                    let old = glyphs.remove(pos);
                    glyph_levels.remove(pos);
                    x -= old.advance.get();
                }
            }
            place(h, h.advance * scale, &mut glyphs, &mut x, &mut glyph_levels);
            hyphenated = true;
        }
        let first = glyphs.iter().find_map(|g| if let GlyphText::Source(r) = &g.text { Some(r.start) } else { None }).unwrap_or(0);
        let base = levels.base(first);
        if !levels.is_plain_ltr() {
            to_visual(text, &mut glyphs, &mut glyph_levels, base);
        }
        lines.push(Line { glyphs, rtl: base % 2 == 1, width: Pt(x), hyphenated, ratio: r, expansion: scale });
    }
    lines
}

/// Where a line's glyphs are cut into text runs: each run has one style,
/// font and direction. Right-to-left glyphs are cut further, so that in each
/// run the text ranges strictly decrease: words apart from the spaces
/// between them, and a cluster of several glyphs (a letter and its marks)
/// on its own. A PDF then says of each run that its characters are reversed
/// (`/ReversedChars`, which allows no space inside), and text extraction
/// reads the words in the order they were written.
pub fn run_bounds(source: &str, glyphs: &[LineGlyph]) -> Vec<Range<usize>> {
    let same = |a: &LineGlyph, b: &LineGlyph| a.style == b.style && a.font == b.font && a.rtl == b.rtl;
    let blank = |g: &LineGlyph| matches!(&g.text, GlyphText::Source(r) if source[r.clone()].chars().all(char::is_whitespace));
    let mut bounds = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let g = &glyphs[i];
        let mut j = i + 1;
        if !g.rtl {
            while j < glyphs.len() && same(g, &glyphs[j]) {
                j += 1;
            }
        } else if j < glyphs.len() && glyphs[j].text == g.text {
            while j < glyphs.len() && glyphs[j].text == g.text {
                j += 1;
            }
        } else if !blank(g) {
            while j < glyphs.len()
                && same(g, &glyphs[j])
                && !blank(&glyphs[j])
                && glyphs.get(j + 1).is_none_or(|n| n.text != glyphs[j].text)
            {
                j += 1;
            }
        }
        bounds.push(i..j);
        i = j;
    }
    bounds
}

/// The text a run of a line's glyphs shows, in logical order, and each
/// glyph's byte range in it; glyphs of one cluster share their range.
/// Right-to-left glyphs stand in visual order, so their text is read from
/// the last glyph to the first: the ranges then decrease from left to right,
/// which is how a PDF says that a run's characters are reversed.
pub fn run_text(source: &str, glyphs: &[LineGlyph]) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(glyphs.len() + 2);
    let mut ranges = vec![0..0; glyphs.len()];
    let rtl = glyphs.first().is_some_and(|g| g.rtl);
    // The k-th glyph in reading order.
    let at = |k: usize| if rtl { glyphs.len() - 1 - k } else { k };
    // Glyphs of one cluster (consecutive, the same text) share its text;
    // when there are as many glyphs as characters (a letter and its marks),
    // each shows its own character, in reading order, so that every glyph
    // maps to one character wherever else it is used.
    let mut i = 0;
    while i < glyphs.len() {
        let g = &glyphs[at(i)];
        let mut j = i + 1;
        while j < glyphs.len() && glyphs[at(j)].text == g.text {
            j += 1;
        }
        let s = text.len();
        match &g.text {
            GlyphText::Source(r) => text.push_str(&source[r.clone()]),
            GlyphText::AddedHyphen => text.push('\u{AD}'),
            // Drawn as a bar, not as a glyph of the run.
            GlyphText::Kashida { .. } => {}
        }
        if j - i > 1 && text[s..].chars().count() == j - i {
            for (k, (off, c)) in (i..j).zip(text[s..].char_indices()) {
                ranges[at(k)] = s + off..s + off + c.len_utf8();
            }
        } else {
            for k in i..j {
                ranges[at(k)] = s..text.len();
            }
        }
        i = j;
    }
    (text, ranges)
}

/// Puts a line's glyphs, in logical order at `levels`, in visual order
/// (UAX #9 rules L1 and L2) and sets their pen positions anew.
fn to_visual(text: &str, glyphs: &mut Vec<LineGlyph>, levels: &mut [u8], base: u8) {
    // L1: white space at the end of the line takes the paragraph's level,
    // so that it stays at the line's end.
    for (g, l) in glyphs.iter().zip(levels.iter_mut()).rev() {
        match &g.text {
            GlyphText::Source(r) if text[r.clone()].chars().all(|c| c.is_whitespace() || is_default_ignorable(c)) => *l = base,
            _ => break,
        }
    }
    let order = visual_order(levels);
    let mut logical: Vec<Option<LineGlyph>> = std::mem::take(glyphs).into_iter().map(Some).collect();
    let mut x = Pt::ZERO;
    for k in order {
        if let Some(mut g) = logical[k].take() {
            g.x = x;
            x += g.advance;
            glyphs.push(g);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::hyphenate;
    use crate::text::shape::FontData;
    use std::sync::Arc;

    fn fonts() -> Vec<FontData> {
        vec![FontData::new("serif", Arc::new(include_bytes!("../../fonts/NotoSerif-Regular.ttf").to_vec())).unwrap()]
    }

    fn text_of(par: &str, line: &Line) -> String {
        let mut texts: Vec<&GlyphText> = line.glyphs.iter().map(|g| &g.text).collect();
        // Glyphs of one cluster share their text.
        texts.dedup();
        texts
            .into_iter()
            .map(|t| match t {
                GlyphText::Source(r) => par[r.clone()].to_string(),
                GlyphText::AddedHyphen => "-".into(),
                GlyphText::Kashida { .. } => String::new(),
            })
            .collect()
    }

    fn brk(text: &str, width: f32, justify: bool, hyph: bool) -> Broken {
        let f = fonts();
        let mut s = Shaper::new(&f);
        let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
        let par = Paragraph {
            text,
            spans: vec![(0..text.len(), 0)],
            styles: &styles,
            width: Pt(width),
            justify,
            hyphenate: if hyph { hyphenate::language("en") } else { None },
            rtl: None,
            kashida: true,
        };
        break_paragraph(&mut s, &par)
    }

    const TEXT: &str = "As part of the United Nations coordinated response to the COVID-19 pandemic in Tunisia, UNODC has equipped five border posts with decontamination units providing protective and medical equipment to isolate and test travelers with symptoms.";

    const CHINESE: &str = "联合国毒品和犯罪问题办公室（毒罪办）在突尼斯的五个边境站点安装了消毒装置，为出现症状的旅客提供隔离和检测所需的防护及医疗设备。世界卫生组织（世卫组织）的措施得到了遵守：“没有这些设备，我们每天要在户外检测多达两千人。”移交仪式在突尼斯—迦太基国际机场举行。";

    #[test]
    fn chinese_breaks_between_characters_by_the_cjk_rules_and_justifies() {
        // The bundled fonts have no Chinese: every character is the same
        // .notdef box, which is enough for where lines may break and how
        // they fill; the characters are reported as missing.
        for w in (90..=200).step_by(7) {
            let b = brk(CHINESE, w as f32, true, false);
            assert!(b.missing.contains(&'联'));
            assert!(b.overlong.is_empty());
            let lines: Vec<String> = b.lines.iter().map(|l| text_of(CHINESE, l)).collect();
            assert!(lines.len() >= 4, "{lines:?}");
            assert_eq!(lines.concat(), CHINESE, "a character was lost or added at {w} pt");
            for (k, line) in lines.iter().enumerate() {
                let first = line.chars().next().unwrap();
                let last = line.chars().last().unwrap();
                assert!(!"，。、；：？！）」』》”".contains(first), "line {k} starts with {first} at {w} pt: {lines:?}");
                assert!(!"（「『《“".contains(last), "line {k} ends with {last} at {w} pt: {lines:?}");
            }
            // Justified by the space between characters: every line but the
            // last fills the measure (within the hang of final punctuation).
            for l in &b.lines[..b.lines.len() - 1] {
                assert!((l.width.get() - w as f32).abs() < 0.05, "{} of {w} pt", l.width.get());
            }
        }
        // Ragged, the natural widths are kept.
        let b = brk(CHINESE, 150.0, false, false);
        assert!(b.lines.iter().all(|l| l.width.get() <= 150.0 + 0.05));
    }

    #[test]
    fn addresses_break_after_slashes_dots_and_dashes_and_before_queries() {
        let a = "https://www.unodc.org/en/a-b.html?x=1&y=2";
        let pieces: Vec<&str> = {
            let mut v = Vec::new();
            let mut from = 0;
            for b in address_breaks(a) {
                v.push(&a[from..b]);
                from = b;
            }
            v.push(&a[from..]);
            v
        };
        assert_eq!(pieces, ["https://", "www.", "unodc.", "org/", "en/", "a-", "b.", "html", "?x", "=1", "&y", "=2"]);
        assert_eq!(address_ranges("See https://x.org/a, or mail@unodc.org."), vec![4..19, 24..38]);
        assert_eq!(address_ranges("(www.unodc.org)"), vec![1..14]);
        assert!(address_ranges("a @ b and 2020/2021 and e.g. this").is_empty());
    }

    #[test]
    fn a_long_address_does_not_stretch_the_spaces_of_its_line() {
        // Before, the address was one unbreakable word: the line before it
        // was left with huge spaces ("See         https://…").
        let text = "Read the report at https://www.unodc.org/unodc/en/frontpage/2021/March/a-very-long-address-for-a-news-item.html?utm_source=brochure or write to the office in Vienna for a printed copy.";
        let b = brk(text, 160.0, true, true);
        assert!(b.overlong.is_empty(), "{:?}", b.overlong);
        let f = fonts();
        let space = Shaper::new(&f).shape(FontId(0), " ")[0].advance;
        let last = b.lines.len() - 1;
        for (k, l) in b.lines.iter().enumerate().take(last) {
            // pdfqa's limit for a loose line: a word space over 0.5 em (a
            // line of the address alone has no space to stretch).
            if !text_of(text, l).trim_end().contains(' ') {
                continue;
            }
            let em = space * (1.0 + SPACE_STRETCH * l.ratio.max(0.0));
            assert!(em <= 0.5, "line {k} `{}` has spaces of {em} em", text_of(text, l));
            assert!(!l.hyphenated || !text_of(text, l).contains("unodc"), "a hyphen added inside the address: {}", text_of(text, l));
        }
        let joined: String = b.lines.iter().map(|l| text_of(text, l)).collect();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "no character lost or added");
    }

    #[test]
    fn no_line_is_left_empty() {
        // A last word whose period hangs into the margin made the line fit
        // only when broken at the glue before the paragraph's end, which
        // left an empty last line (and the real last line alone at the top
        // of the next column). Every measure from 120 to 320 pt, justified
        // and not, with a new line inside the text too.
        let texts = [TEXT.to_string(), TEXT.replace("with decontamination", "with\ndecontamination")];
        for text in &texts {
            for justify in [true, false] {
                for w in (120..=320).step_by(2) {
                    let b = brk(text, w as f32, justify, true);
                    for (k, line) in b.lines.iter().enumerate() {
                        assert!(!line.glyphs.is_empty(), "line {k} of {} is empty at {w} pt (justify {justify})", b.lines.len());
                    }
                }
            }
        }
    }

    #[test]
    fn justified_lines_fill_the_measure_exactly() {
        let b = brk(TEXT, 200.0, true, true);
        assert!(b.lines.len() >= 5);
        for l in &b.lines[..b.lines.len() - 1] {
            // Exactly the measure, or beyond it by the part of a final mark
            // that hangs into the margin.
            let last = l.glyphs.last().unwrap();
            let hang = last.advance.get() * 0.65 + 0.01;
            assert!(l.width.get() >= 199.99 && l.width.get() <= 200.0 + hang, "{:?}", l.width);
            assert!((l.expansion - 1.0).abs() <= EXPANSION + 1e-6);
        }
        assert!(b.lines.last().unwrap().width.get() <= 200.0);
        assert!(b.overlong.is_empty());
    }

    #[test]
    fn no_word_is_lost_or_reordered() {
        let b = brk(TEXT, 150.0, true, true);
        let joined: String = b.lines.iter().map(|l| text_of(TEXT, l).replace('-', "")).collect::<Vec<_>>().join(" ");
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").replace('-', "");
        assert_eq!(norm(&joined.replace("  ", " ")).replace(' ', ""), norm(TEXT).replace(' ', ""));
    }

    #[test]
    fn overlong_words_are_split_and_reported() {
        let t = "see https://www.unodc.org/documents/middleeastandnorthafrica/very-long-path here";
        let b = brk(t, 80.0, true, false);
        assert_eq!(b.overlong.len(), 1);
        for l in &b.lines {
            let hang = l.glyphs.last().map_or(0.0, |g| g.advance.get() * 0.6);
            assert!(l.width.get() <= 80.01 + hang, "{}", l.width.get());
        }
    }

    #[test]
    fn forced_breaks_are_kept() {
        let b = brk("One\nTwo three", 300.0, true, false);
        assert_eq!(b.lines.len(), 2);
        assert_eq!(text_of("One\nTwo three", &b.lines[1]), "Two three");
    }

    #[test]
    fn ragged_lines_keep_natural_spaces() {
        let b = brk(TEXT, 200.0, false, false);
        for l in &b.lines {
            assert!(l.ratio <= 0.0);
            assert!(l.width.get() <= 200.01);
        }
    }

    /// Noto Serif falling back on Noto Naskh Arabic, then Noto Serif Hebrew.
    fn fallback_fonts() -> Vec<FontData> {
        let mut serif = fonts().remove(0);
        serif.fallbacks = vec![FontId(1), FontId(2)];
        let naskh = FontData::fallback("naskh", Arc::new(include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf").to_vec())).unwrap();
        let hebrew = FontData::fallback("hebrew", Arc::new(include_bytes!("../../fonts/NotoSerifHebrew-Regular.ttf").to_vec())).unwrap();
        vec![serif, naskh, hebrew]
    }

    fn brk_dir(text: &str, rtl: Option<bool>) -> Broken {
        let f = fallback_fonts();
        let mut s = Shaper::new(&f);
        let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
        let par = Paragraph { text, spans: vec![(0..text.len(), 0)], styles: &styles, width: Pt(1000.0), justify: false, hyphenate: None, rtl, kashida: true };
        break_paragraph(&mut s, &par)
    }

    fn source(g: &LineGlyph) -> Range<usize> {
        match &g.text {
            GlyphText::Source(r) => r.clone(),
            GlyphText::AddedHyphen | GlyphText::Kashida { .. } => panic!("no hyphen or kashida expected"),
        }
    }

    #[test]
    fn right_to_left_lines_are_in_visual_order_one_range_per_cluster() {
        let text = "ابت UNODC 2021 جحخ";
        let b = brk_dir(text, None);
        assert_eq!(b.lines.len(), 1);
        let line = &b.lines[0];
        assert!(line.rtl);
        // The clusters cover the text exactly once: no letter repeats.
        let mut ranges: Vec<Range<usize>> = line.glyphs.iter().map(source).collect();
        ranges.sort_by_key(|r| r.start);
        ranges.dedup();
        let mut at = 0;
        for r in &ranges {
            assert_eq!(r.start, at, "{ranges:?}");
            at = r.end;
        }
        assert_eq!(at, text.len());
        // Pen positions follow the advances from the left.
        let mut x = 0.0;
        for g in &line.glyphs {
            assert!((g.x.get() - x).abs() < 1e-3);
            x += g.advance.get();
        }
        // Left to right on the page: the last Arabic word, the Latin name and
        // the number in reading order, then the first Arabic word.
        let runs: Vec<String> = run_bounds(text, &line.glyphs).into_iter().map(|r| run_text(text, &line.glyphs[r]).0).collect();
        assert_eq!(runs.concat(), "جحخ UNODC 2021 ابت");
        let rtl: Vec<bool> = run_bounds(text, &line.glyphs).into_iter().map(|r| line.glyphs[r.start].rtl).collect();
        assert_eq!(rtl, [true, true, false, true, true]);
    }

    #[test]
    fn right_to_left_run_text_reads_backwards() {
        let text = "Peace: שלום and";
        let line = &brk_dir(text, None).lines[0];
        assert!(!line.rtl);
        let bounds = run_bounds(text, &line.glyphs);
        let hebrew = bounds.iter().find(|r| line.glyphs[r.start].rtl).unwrap().clone();
        let (run, ranges) = run_text(text, &line.glyphs[hebrew]);
        assert_eq!(run, "שלום");
        // Drawn left to right, the glyphs show the word's letters from its last.
        assert_eq!(ranges, [6..8, 4..6, 2..4, 0..2]);
    }

    #[test]
    fn fallback_fonts_fill_in_and_missing_characters_are_listed() {
        let text = "Peace שלום سلام 😀 中文 \u{200B}x";
        let b = brk_dir(text, None);
        assert_eq!(b.missing, ['😀', '中', '文']);
        let font_of = |word: &str| {
            let at = text.find(word).unwrap();
            b.lines[0].glyphs.iter().find(|g| source(g).start == at).unwrap().font
        };
        assert_eq!(font_of("Peace"), FontId(0));
        assert_eq!(font_of("سلام"), FontId(1));
        assert_eq!(font_of("שלום"), FontId(2));
    }

    #[test]
    fn kashida_goes_only_where_arabic_typography_allows() {
        // Byte offsets of the letter after the join, and the rank.
        // Seen before teh marbuta: after the seen is best; never after dal or reh.
        assert_eq!(kashida_points("مدرسة"), [(2, 6), (8, 1)]);
        // Before a final dal.
        assert_eq!(kashida_points("محمد"), [(2, 6), (4, 6), (6, 2)]);
        // Before a final yeh.
        assert_eq!(kashida_points("في"), [(2, 5)]);
        // After the mark of the letter before the join.
        assert_eq!(kashida_points("بَيت"), [(4, 6), (6, 6)]);
        // Not inside lam-alef nor just before it, not after alef, waw, reh,
        // nor at a word's end.
        assert_eq!(kashida_points("سلام"), []);
        assert_eq!(kashida_points("ورد"), []);
        assert_eq!(kashida_points("خلال"), []);
        assert_eq!(kashida_points("ب"), []);
        // A kashida typed by the author ranks first; Latin has none.
        assert_eq!(kashida_points("كـتب"), [(2, 0), (4, 0), (6, 6)]);
        assert_eq!(kashida_points("UNODC"), []);
    }

    /// An Arabic paragraph in Noto Naskh Arabic, justified at `width`.
    fn arabic_lines(text: &str, width: f32, kashida: bool) -> Broken {
        let f = fallback_fonts();
        let mut s = Shaper::new(&f);
        let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
        let par = Paragraph { text, spans: vec![(0..text.len(), 0)], styles: &styles, width: Pt(width), justify: true, hyphenate: None, rtl: Some(true), kashida };
        break_paragraph(&mut s, &par)
    }

    const ARABIC: &str = "في إطار استجابة الأمم المتحدة المنسقة لجائحة كوفيد في تونس، قام المكتب بتجهيز خمسة مراكز حدودية بوحدات تعقيم توفر معدات وقائية وطبية لعزل المسافرين الذين تظهر عليهم الأعراض وفحصهم. وقد نظم حفل التسليم بمطار تونس قرطاج الدولي.";

    #[test]
    fn justified_arabic_lines_stretch_by_kashida_within_its_limit() {
        let space = |b: &Broken| -> Vec<f32> {
            b.lines[..b.lines.len() - 1].iter().flat_map(|l| l.glyphs.iter().filter(|g| matches!(&g.text, GlyphText::Source(r) if &ARABIC[r.clone()] == " ")).map(|g| g.advance.get())).collect()
        };
        let with = arabic_lines(ARABIC, 200.0, true);
        let without = arabic_lines(ARABIC, 200.0, false);
        assert!(with.lines.len() >= 4);
        let mut kashidas = 0;
        for l in &with.lines[..with.lines.len() - 1] {
            // Justified: the line fills the measure.
            assert!((l.width.get() - 200.0).abs() < 0.05, "{}", l.width.get());
            let words = l.glyphs.iter().filter(|g| matches!(&g.text, GlyphText::Source(r) if &ARABIC[r.clone()] == " ")).count() + 1;
            let k: Vec<&LineGlyph> = l.glyphs.iter().filter(|g| matches!(g.text, GlyphText::Kashida { .. })).collect();
            // At most one kashida a word, none longer than its limit, and
            // each a bar of the tatweel of Noto Naskh Arabic (0 to 76 units).
            assert!(k.len() <= words, "{} kashidas, {words} words", k.len());
            for g in &k {
                assert!(g.advance.get() > 0.0 && g.advance.get() <= KASHIDA_MAX * 10.0 + 1e-4, "{}", g.advance.get());
                assert_eq!(g.text, GlyphText::Kashida { bottom: 0, top: 76 });
            }
            kashidas += k.len();
        }
        assert!(kashidas >= 8, "{kashidas}");
        // Every character is shown once, by a letter's glyph, never by a kashida.
        let mut ranges: Vec<Range<usize>> = with.lines.iter().flat_map(|l| l.glyphs.iter().filter_map(|g| if let GlyphText::Source(r) = &g.text { Some(r.clone()) } else { None })).collect();
        ranges.sort_by_key(|r| r.start);
        ranges.dedup();
        let shown: String = ranges.iter().map(|r| &ARABIC[r.clone()]).collect();
        assert_eq!(shown.replace(' ', ""), ARABIC.replace(' ', ""));
        // The last line is set at its natural width, without kashida.
        assert!(with.lines.last().unwrap().glyphs.iter().all(|g| !matches!(g.text, GlyphText::Kashida { .. })));
        // A line whose slack the kashidas took whole: its spaces keep their
        // natural width (2.21 pt).
        let natural = 2.21;
        let kashida_of = |l: &Line| -> f32 { l.glyphs.iter().filter(|g| matches!(g.text, GlyphText::Kashida { .. })).map(|g| g.advance.get()).sum() };
        let spaces_of = |l: &Line| -> Vec<f32> { l.glyphs.iter().filter(|g| matches!(&g.text, GlyphText::Source(r) if &ARABIC[r.clone()] == " ")).map(|g| g.advance.get()).collect() };
        assert!(
            with.lines[..with.lines.len() - 1].iter().any(|l| kashida_of(l) > 1.0 && spaces_of(l).iter().all(|w| (w - natural).abs() < 1e-3)),
            "no line took its slack in kashida alone"
        );
        // Spaces stay nearer their natural width than with spaces alone.
        let widest = |b: &Broken| space(b).iter().map(|w| (w - natural).abs()).fold(0.0f32, f32::max);
        let (a, b) = (widest(&with), widest(&without));
        assert!(a < b - 0.2, "spaces off their width by up to {a} pt with kashida, {b} pt without");
        assert!(without.lines.iter().all(|l| l.glyphs.iter().all(|g| !matches!(g.text, GlyphText::Kashida { .. }))));
    }

    #[test]
    fn no_more_than_two_hyphens_in_a_row() {
        let b = brk(&TEXT.repeat(4), 90.0, true, true);
        let mut streak = 0;
        for l in &b.lines {
            streak = if l.hyphenated { streak + 1 } else { 0 };
            assert!(streak <= MAX_HYPHEN_STREAK);
        }
    }
}
