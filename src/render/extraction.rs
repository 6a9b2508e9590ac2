//! The text a run's glyphs give back to extraction: the glyph ranges and
//! the string handed to krilla, so that a reader copies what was written.

use std::borrow::Cow;
use std::ops::Range;

use crate::layout::TextRun;

/// Whether the run is set in visual order from a right-to-left text: its
/// glyphs' ranges run backwards (a cluster may span several glyphs).
fn reversed(ranges: &[Range<usize>]) -> bool {
    ranges.len() > 1
        && ranges.windows(2).all(|w| w[0].start >= w[1].end || w[0] == w[1])
        && ranges.windows(2).any(|w| w[0].start >= w[1].end)
}

/// Each glyph's text range as krilla is to see it. In a right-to-left run
/// a glyph that does not advance the pen (a mark, the alef of Noto Naskh
/// Arabic's lam-alef) comes before the glyph it sits on and is drawn at
/// the same pen position; poppler takes such a pair for text printed
/// twice (fake bold) and cuts the word there: "الأخبار" came out as
/// "أخبارلا". The two are given one range, so krilla wraps them in one
/// ActualText span that every reader spreads over the pair.
pub(super) fn ranges(run: &TextRun) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = run.glyphs.iter().map(|g| g.range()).collect();
    if !reversed(&ranges) {
        return ranges;
    }
    // A mark (or a space) that does not advance is left alone: poppler gives it back
    // where it belongs anyway, and MuPDF drops a mark's base from such a
    // span ("نقدّم" read "نق").
    let letter = |r: &Range<usize>| run.text.get(r.clone()).is_some_and(|t| t.chars().any(|c| !is_mark(c) && !c.is_whitespace()));
    let mut start = 0;
    for i in 0..ranges.len() {
        let last = i + 1 == ranges.len();
        if run.glyphs[i].advance.get() != 0.0 || !letter(&ranges[i]) || last {
            if i > start {
                let all = ranges[start..=i].iter().fold(ranges[i].clone(), |a, r| a.start.min(r.start)..a.end.max(r.end));
                ranges[start..=i].iter_mut().for_each(|r| *r = all.clone());
            }
            start = i + 1;
        }
    }
    ranges
}

/// A combining mark of the scripts set right to left (Hebrew points and
/// cantillation, Arabic harakat, Quranic marks) or a general one.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{591}'..='\u{5BD}' | '\u{5BF}' | '\u{5C1}'..='\u{5C2}' | '\u{5C4}'..='\u{5C5}' | '\u{5C7}' | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6DC}' | '\u{6DF}'..='\u{6E4}' | '\u{6E7}'..='\u{6E8}' | '\u{6EA}'..='\u{6ED}')
}

/// The text a run's glyphs map to. A right-to-left run is written in
/// visual order inside `/ReversedChars` (krilla sees its glyphs' text
/// ranges run backwards), and every extractor reads it by reversing its
/// characters, those a single glyph or one span stands for included: a
/// lam-alef ligature mapped to "لا" came out as "ال". So, in such a run,
/// the characters of a cluster are given reversed (same bytes, same
/// ranges), and the reader's reversal puts them back.
pub(super) fn text<'t>(text: &'t str, ranges: &[Range<usize>]) -> Cow<'t, str> {
    if !reversed(ranges) {
        return Cow::Borrowed(text);
    }
    let mut clusters = ranges.iter().filter(|r| text.get((*r).clone()).is_some_and(|t| t.chars().nth(1).is_some())).peekable();
    if clusters.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    let mut last: Option<&Range<usize>> = None;
    for r in clusters {
        // Glyphs of one cluster share its range: reversed once.
        if last != Some(r) {
            let back: String = text[r.clone()].chars().rev().collect();
            out.replace_range(r.clone(), &back);
        }
        last = Some(r);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Glyph;
    use crate::text::shape::FontId;
    use crate::units::{Color, Pt};

    fn run(text: &str, glyphs: &[(Range<usize>, f32)]) -> TextRun {
        let mut r = TextRun::new(FontId(0), Pt(10.0), Color::rgb(0, 0, 0), text.to_string(), glyphs.len());
        for (range, adv) in glyphs {
            r.push(Glyph::new(1, Pt(*adv), range.clone()), Pt::ZERO, Pt::ZERO);
        }
        r
    }

    #[test]
    fn a_zero_advance_glyph_joins_the_glyph_it_sits_on_in_a_reversed_run() {
        // "الأ" in visual order: alef-hamza (no advance), lam, alef.
        let t = "\u{627}\u{644}\u{623}";
        let r = run(t, &[(4..6, 0.0), (2..4, 5.0), (0..2, 3.0)]);
        assert_eq!(ranges(&r), vec![2..6, 2..6, 0..2]);
        assert_eq!(text(t, &ranges(&r)), "\u{627}\u{623}\u{644}");
    }

    #[test]
    fn a_mark_keeps_its_own_range_in_a_reversed_run() {
        // "دّم" in visual order: meem, shadda (no advance), dal.
        let t = "\u{62F}\u{651}\u{645}";
        let r = run(t, &[(4..6, 4.0), (2..4, 0.0), (0..2, 3.0)]);
        assert_eq!(ranges(&r), vec![4..6, 2..4, 0..2]);
        assert_eq!(text(t, &ranges(&r)), t);
    }

    #[test]
    fn left_to_right_runs_keep_their_ranges_and_text() {
        let t = "e\u{301}a";
        let r = run(t, &[(0..1, 5.0), (1..3, 0.0), (3..4, 5.0)]);
        assert_eq!(ranges(&r), vec![0..1, 1..3, 3..4]);
        assert_eq!(text(t, &ranges(&r)), t);
    }

    #[test]
    fn a_single_glyph_ligature_is_reversed_once() {
        // lam-alef drawn as one glyph, then beh: "بلا" visually "لا" left of "ب".
        let t = "\u{628}\u{644}\u{627}";
        let r = run(t, &[(2..6, 5.0), (0..2, 5.0)]);
        assert_eq!(ranges(&r), vec![2..6, 0..2]);
        assert_eq!(text(t, &ranges(&r)), "\u{628}\u{627}\u{644}");
    }
}
