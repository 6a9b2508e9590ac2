//! Setting the chosen lines: each line's glyphs placed with its share of
//! the slack (kashida, font expansion, spaces) and put in visual order, and
//! the text runs a line's glyphs are drawn and extracted in.

use std::ops::Range;

use super::breaker::Kp;
use super::{EXPANSION, GlyphText, INF, Item, Kashida, Line, LineGlyph, PoolGlyph, RunStyle, TRACKING, is_cjk};
use crate::text::bidi::{Levels, is_default_ignorable, visual_order};
use crate::units::Pt;

pub(super) fn materialize(items: &[Item], pool: &[PoolGlyph], breaks: &[(usize, usize, f32)], kp: &Kp<'_>, levels: &Levels, text: &str, styles: &[RunStyle]) -> Vec<Line> {
    let last = items.len() - 1;
    let mut lines = Vec::with_capacity(breaks.len());
    for (k, &(start, b, r)) in breaks.iter().enumerate() {
        let (natural, stretch, shrink, boxes) = kp.measure(start, b);
        // Natural spacing on the last line and on lines ended by a forced
        // break; they may only shrink, when they must.
        let forced = matches!(items[b], Item::Penalty { cost, .. } if cost <= -INF);
        let free = b == last || forced || !kp.justified(k);
        let r = if r.is_finite() { r } else if r > 0.0 { 1e6 } else { -1.0 };
        let r = if free { r.clamp(-1.0, 0.0) } else { r.max(-1.0) };
        let shortfall = if free && r == 0.0 { 0.0 } else { kp.width(k) - natural };
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
        let expansion = if kp.justified(k) { r.clamp(-1.0, 1.0) * EXPANSION } else { 0.0 };
        let mut for_spaces = shortfall - for_kashida - expansion * boxes;
        let stretch = stretch - kashida;
        // A line that needs more than its spaces' stretch spaces its letters
        // a little first, as a designer's justification settings take
        // letter spacing before word spacing goes past its maximum.
        let track = if !free && for_kashida == 0.0 && kp.justified(k) && for_spaces > stretch {
            let sizes = tracked(items, pool, start, b, text, styles).map(|(_, size)| size).sum::<f32>();
            let taken = (for_spaces - stretch).min(sizes * TRACKING);
            for_spaces -= taken;
            if sizes > 0.0 { taken / sizes } else { 0.0 }
        } else {
            0.0
        };
        let tracked_at: Vec<usize> = if track > 0.0 { tracked(items, pool, start, b, text, styles).map(|(i, _)| i).collect() } else { Vec::new() };
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
                        let spaced = if tracked_at.binary_search(&(range.start + i)).is_ok() { track * styles[g.style].size.get() } else { 0.0 };
                        place(g, g.advance * scale + spaced, &mut glyphs, &mut x, &mut glyph_levels);
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

/// The glyphs of the line from item `start` to the break at `b` that may
/// be followed by letter spacing, with their font size: every character of
/// its words (the spacing after a word's last goes to the space), not a
/// glyph followed by a mark set over it, and not the line's last unless a
/// hyphen follows it. None in a line with right-to-left or Chinese and
/// Japanese text: spacing would cut Arabic letters apart, and CJK text has
/// its own stretch between characters.
fn tracked<'p>(items: &'p [Item], pool: &'p [PoolGlyph], start: usize, b: usize, text: &'p str, styles: &'p [RunStyle]) -> impl Iterator<Item = (usize, f32)> + 'p {
    let boxes = || {
        items[start.min(b)..b].iter().filter_map(|it| match it {
            Item::Box { glyphs, .. } => Some(glyphs.clone()),
            _ => None,
        })
    };
    let plain = boxes().flatten().all(|i| {
        let g = &pool[i];
        g.level % 2 == 0 && !matches!(&g.text, GlyphText::Source(r) if text[r.clone()].chars().any(is_cjk))
    });
    let hyphen = matches!(items.get(b), Some(Item::Penalty { hyphen: Some(_), .. }));
    let last = if hyphen { None } else { boxes().flatten().last() };
    boxes()
        .flatten()
        .filter(move |&i| plain && Some(i) != last && pool[i].advance > 0.0 && pool.get(i + 1).is_none_or(|n| n.advance > 0.0))
        .map(move |i| (i, styles[pool[i].style].size.get()))
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
