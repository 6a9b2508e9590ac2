//! Right-to-left text: embedding levels from the Unicode bidirectional
//! algorithm (UAX #9, by `unicode-bidi`), and the visual order of a line's
//! glyphs.
//!
//! Text is shaped and broken into lines in logical order (the order it was
//! written in); only the glyphs of a finished line are put in visual order,
//! as UAX #9 prescribes (rules L1 and L2 work per line).

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

/// Whether text in the language `tag` (BCP 47) runs right to left.
pub fn is_rtl_language(tag: &str) -> bool {
    matches!(super::primary_language(tag).as_str(), "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" | "sd" | "ug")
}

/// Whether `c` is a default-ignorable character (Unicode's
/// Default_Ignorable_Code_Point): it shows nothing, so no font needs a
/// glyph for it. Soft hyphens, zero-width spaces and joiners, bidi controls,
/// variation selectors.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// The embedding levels of a paragraph's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    /// Level of each byte of the text (even: left to right, odd: right to
    /// left); empty when all are 0.
    levels: Vec<u8>,
    /// Paragraph level over each part of the text (a `\n` may start a
    /// paragraph of its own direction when the direction is found from the text).
    bases: Vec<(Range<usize>, u8)>,
}

impl Levels {
    /// Runs the bidirectional algorithm over `text`. `rtl` gives the
    /// paragraph direction; `None` takes it from the first strong character
    /// (left to right when there is none).
    ///
    /// Text with nothing right-to-left in it in a left-to-right paragraph
    /// (most text) is all at level 0 and skips the algorithm.
    pub fn new(text: &str, rtl: Option<bool>) -> Levels {
        // Below U+0590 (Hebrew) no character is right-to-left or an
        // embedding: most text is decided without a table lookup.
        // General punctuation (dashes, quotes) has only the four embedding
        // controls that matter here.
        let any_rtl = text.chars().any(|c| match c {
            '\0'..'\u{0590}' => false,
            '\u{2000}'..'\u{2070}' => matches!(c, '\u{202B}' | '\u{202E}' | '\u{2067}' | '\u{2068}'),
            _ => matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI | BidiClass::FSI),
        });
        if rtl != Some(true) && !any_rtl {
            return Levels::plain(text.len());
        }
        let info = BidiInfo::new(text, rtl.map(|r| if r { Level::rtl() } else { Level::ltr() }));
        let levels: Vec<u8> = info.levels.iter().map(|l| l.number()).collect();
        let bases: Vec<(Range<usize>, u8)> = info.paragraphs.iter().map(|p| (p.range.clone(), p.level.number())).collect();
        if bases.iter().all(|(_, l)| *l == 0) && levels.iter().all(|l| *l == 0) {
            return Levels::plain(text.len());
        }
        Levels { levels, bases }
    }

    /// Text all left to right at level 0: no per-byte table (every level
    /// is the one paragraph level, 0).
    fn plain(len: usize) -> Levels {
        Levels { levels: Vec::new(), bases: vec![(0..len, 0)] }
    }

    /// The level of the character at byte `pos`.
    pub fn at(&self, pos: usize) -> u8 {
        self.levels.get(pos).copied().unwrap_or_else(|| self.base(pos))
    }

    /// The paragraph level at byte `pos`.
    pub fn base(&self, pos: usize) -> u8 {
        self.bases
            .iter()
            .find(|(r, _)| r.contains(&pos))
            .or(self.bases.last())
            .map_or(0, |(_, l)| *l)
    }

    /// Whether the paragraph (its first part) runs right to left.
    #[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "for the stages' users and the unit tests"))]
    pub fn rtl(&self) -> bool {
        self.base(0) % 2 == 1
    }

    /// Whether all the text is left to right at level 0: nothing to reorder.
    pub fn is_plain_ltr(&self) -> bool {
        self.levels.is_empty() && self.bases.iter().all(|(_, l)| *l == 0)
    }
}

/// The visual order of items at `levels` (UAX #9 rule L2): from the highest
/// level down to the lowest odd one, every maximal run of items at that
/// level or higher is reversed. Returns indices into `levels`, left to right.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&max) = levels.iter().max() else { return order };
    let Some(min_odd) = levels.iter().copied().filter(|l| l % 2 == 1).min() else { return order };
    for level in (min_odd..=max).rev() {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < order.len() && levels[order[i]] >= level {
                i += 1;
            }
            order[start..i].reverse();
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of `text` in visual order, using per-character levels.
    fn visual(text: &str, rtl: Option<bool>) -> String {
        let lv = Levels::new(text, rtl);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let levels: Vec<u8> = chars.iter().map(|(i, _)| lv.at(*i)).collect();
        visual_order(&levels).into_iter().map(|k| chars[k].1).collect()
    }

    #[test]
    fn latin_text_skips_the_algorithm() {
        let lv = Levels::new("Peace and quiet, 2021.", None);
        assert!(lv.is_plain_ltr());
        assert!(!lv.rtl());
    }

    #[test]
    fn direction_comes_from_the_first_strong_character_or_the_language() {
        assert!(Levels::new("مرحبا UNODC", None).rtl());
        assert!(!Levels::new("UNODC مرحبا", None).rtl());
        assert!(Levels::new("UNODC مرحبا", Some(true)).rtl());
        assert!(Levels::new("2021", Some(true)).rtl());
        assert!(is_rtl_language("ar") && is_rtl_language("he-IL") && is_rtl_language("fa"));
        assert!(!is_rtl_language("en") && !is_rtl_language("fr") && !is_rtl_language("ru"));
    }

    #[test]
    fn hebrew_in_english_is_reversed_in_place() {
        assert_eq!(visual("Peace: שלום and", None), "Peace: םולש and");
    }

    #[test]
    fn numbers_and_latin_names_in_arabic_keep_their_order() {
        // Logical: alef-beta-ta, space, "UNODC 2021", space, jim. The Latin
        // name and the number read left to right, the Arabic right to left.
        let text = "ابت UNODC 2021 ج";
        let levels: Vec<u8> = text.char_indices().map(|(i, _)| Levels::new(text, None).at(i)).collect();
        assert_eq!(levels, [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
        assert_eq!(visual(text, None), "ج UNODC 2021 تبا");
    }

    #[test]
    fn visual_order_reverses_nested_runs() {
        assert_eq!(visual_order(&[0, 0, 1, 1, 0]), [0, 1, 3, 2, 4]);
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), [4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn ignorables_are_known() {
        for c in ['\u{200B}', '\u{200D}', '\u{AD}', '\u{202B}', '\u{2067}', '\u{FE0F}'] {
            assert!(is_default_ignorable(c), "{c:?}");
        }
        assert!(!is_default_ignorable('a') && !is_default_ignorable(' ') && !is_default_ignorable('😀'));
    }
}
