//! Kashida: where an Arabic word may be lengthened (the joins Arabic
//! typography allows, ranked), and the point and bar a shaped word gets.

use std::ops::Range;

use super::{GlyphText, KASHIDA_MAX, Kashida, PoolGlyph, RunStyle};
use crate::text::shape::{FontId, Shaper};

/// The kashida of a shaped Arabic word: its best point (by
/// [`kashida_points`]) at which the shaper drew one glyph for one letter
/// and no ligature crosses, and the bar of the font's tatweel to draw there.
#[expect(clippy::too_many_arguments, reason = "one call site, in push_word")]
pub(super) fn kashida_at(shaper: &mut Shaper<'_>, font: FontId, level: u8, st: &RunStyle, style: usize, word: &str, base: usize, glyphs: &[PoolGlyph], first: usize) -> Option<Kashida> {
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
            let found: Vec<usize> = (0..glyphs.len()).filter(|&i| range_of(&glyphs[i]).is_some_and(pick)).collect();
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
