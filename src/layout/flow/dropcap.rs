//! Drop caps: an item's first paragraph opening with an initial three lines
//! tall, its cap height on the first line's cap height and its baseline on
//! the third line's baseline, the three lines beside it at a shorter measure.
//!
//! The initial is drawn as outlines (decoration, which text extraction does
//! not see); the letter it stands for is set again as invisible text right
//! before the rest of its word on the first line, so that the word is read
//! whole ("The", not "T he") by extractors and screen readers alike.

use crate::layout::{Draw, Glyph, Item, Point};
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::{Elem, Flow, Kind, TextStyle};

/// Lines the initial spans.
pub(super) const LINES: usize = 3;

/// The gap between the initial and the text beside it, in ems of the body.
const GAP: f32 = 0.35;

/// The narrowest the lines beside the initial may be, in ems of the body
/// (about 15 characters); a narrower column gets no drop cap.
const NARROWEST: f32 = 7.5;

/// Opening punctuation before the letter: set with the initial, at its
/// size, so that the first line does not start with a lone mark.
fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '„' | '‚' | '«' | '‹' | '(' | '[' | '¿' | '¡')
}

/// Scripts with no tradition of drop caps (Hebrew, Arabic and the other
/// right-to-left scripts; Chinese, Japanese and Korean).
fn no_drop_cap_script(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{1100}'..='\u{11FF}' | '\u{2E80}'..='\u{D7FF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}')
}

/// Where the initial ends in `text`: after any opening punctuation, the
/// first letter and the combining marks on it. `None` when the text does
/// not start that way (a digit, a dash, an emoji, a space) or the letter
/// is of a script without drop caps: such a paragraph gets none.
pub(super) fn initial_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().skip_while(|&(_, c)| is_opening(c));
    let (i, c) = chars.next()?;
    if !c.is_alphabetic() || no_drop_cap_script(c) {
        return None;
    }
    let mut end = i + c.len_utf8();
    for (j, m) in chars {
        if !matches!(m, '\u{0300}'..='\u{036F}') {
            break;
        }
        end = j + m.len_utf8();
    }
    Some(end)
}

/// The measure of each line, as the breaker takes them (the last repeated):
/// [`LINES`] lines of `width` shortened by `indent`, then `width`.
pub(super) fn measures(width: Pt, indent: Pt) -> Vec<Pt> {
    let mut widths = vec![width - indent; LINES];
    widths.push(width);
    widths
}

/// The size of the initial: its capitals, `initial_cap` em tall, reach from
/// the third line's baseline to the first line's cap height (text of
/// `size` whose capitals are `body_cap` em, lines `leading` apart).
pub(super) fn initial_size(leading: Pt, size: Pt, body_cap: f32, initial_cap: f32) -> Pt {
    (leading * (LINES - 1) as f32 + size * body_cap) / initial_cap
}

/// `text` from byte `from` on, its spans cut to match.
fn tail(text: &StyledText, from: usize) -> StyledText {
    let mut rest = StyledText { text: text.text[from..].to_string(), spans: Vec::with_capacity(text.spans.len()), source: text.source };
    for span in text.spans.iter().filter(|s| s.range.end > from) {
        let mut span = span.clone();
        span.range = span.range.start.max(from) - from..span.range.end - from;
        rest.spans.push(span);
    }
    rest
}

impl<'a, 's> Flow<'a, 's> {
    /// Sets `text` as a paragraph opening with a drop cap, as
    /// [`Flow::para`] would set it otherwise; returns `false`, having set
    /// nothing, when it gets none: a right-to-left item, a paragraph that
    /// does not open with a letter (after opening punctuation) or opens with
    /// a link, one shorter than [`LINES`] lines beside the initial, or a
    /// column too narrow for the lines beside it.
    pub(super) fn drop_cap_para(&mut self, text: &StyledText, st: &TextStyle, width: Pt, out: &mut Vec<Elem>) -> bool {
        if self.rtl == Some(true) {
            return false;
        }
        let Some(end) = initial_end(&text.text) else { return false };
        let Some(first) = text.spans.first() else { return false };
        if first.link.is_some() || first.range.end < end {
            return false;
        }
        let doc = self.doc;
        let t = &doc.theme;
        let e = first.emphasis;
        let body_font = (if e.code { t.heading } else { st.family }).pick(st.bold || e.bold, st.italic ^ e.italic);
        let initial_font = t.heading.bold;
        let (body_m, initial_m) = (doc.fonts[body_font.0 as usize].metrics, doc.fonts[initial_font.0 as usize].metrics);
        let letters = &text.text[..end];
        let mut initial = self.shape_run(letters, initial_font, initial_size(st.leading, st.size, body_m.cap_height, initial_m.cap_height), t.accent);
        initial.draw = Draw::Outline;
        // Placed by its ink: flush with the column's edge, the gap measured
        // from its rightmost ink (side bearings at this size are wide).
        let ink = |g: Option<&Glyph>| g.and_then(|g| self.shaper.ink_x(initial.font, g.id));
        let left = ink(initial.glyphs.first()).map_or(Pt::ZERO, |(l, _)| initial.size * l);
        let right = match (initial.glyphs.last(), ink(initial.glyphs.last())) {
            (Some(last), Some((_, r))) => initial.width() - last.advance + initial.size * r,
            _ => initial.width(),
        };
        let indent = right - left + st.size * GAP;
        if width - indent < st.size * NARROWEST {
            return false;
        }
        // The rest of the paragraph; a space after a one-letter word goes
        // with the invisible letter.
        let after = text.text[end..].chars().next().filter(|c| c.is_whitespace() && *c != '\n');
        let rest = tail(text, end + after.map_or(0, char::len_utf8));
        if rest.is_blank() {
            return false;
        }
        let widths = measures(width, indent);
        let n = self.count_lines(&rest, st, &widths);
        if n < LINES {
            return false;
        }
        // The letter as invisible text, ending where the rest of its word
        // starts, on the first baseline (as `set_lines_widths` puts it).
        let baseline = (st.leading + st.size * (body_m.ascender - body_m.descender)) / 2.0;
        let mut letter = self.shape_run(letters, body_font, st.size, st.color);
        letter.draw = Draw::Invisible;
        // A one-letter word keeps its space, with its width: extractors
        // read a blank without width glued to the next word ("Acommittee"
        // in poppler, "Ac ommittee" in pdfminer).
        if let Some(c) = after {
            if let Some(g) = self.shaper.shape(letter.font, " ").first() {
                let start = letter.text.len();
                letter.text.push(c);
                letter.push(Glyph::new(g.id, st.size * g.advance, start..letter.text.len()), Pt::ZERO, Pt::ZERO);
            }
        }
        let lead = vec![(Point::new(-letter.width(), baseline), Item::Text(letter))];
        let lines = self.set_lines_widths(&rest, st, &widths, 0, lead);
        let n = lines.len();
        let k = t.keep_lines as usize;
        let grid = (st.leading - self.grid()).get().abs() < 0.01;
        for (i, (mut items, hyphenated)) in lines.into_iter().enumerate() {
            if i < LINES {
                for (p, _) in &mut items {
                    p.x += indent;
                }
            }
            if i == 0 {
                // Untagged: decoration. Its baseline is the third line's.
                items.push((Point::new(-left, baseline + st.leading * (LINES - 1) as f32), Item::Text(initial.clone())));
            }
            // The lines beside the initial stay together; then widow and
            // orphan control as in any paragraph.
            let keep = i + 1 < n && (i + 1 < LINES.max(k) || i + k >= n || hyphenated);
            out.push(Elem { height: st.leading, kind: Kind::Content(items), keep_with_next: keep, grid, boxed: false });
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_short_lines_then_the_full_measure() {
        assert_eq!(measures(Pt(200.0), Pt(30.0)), vec![Pt(170.0), Pt(170.0), Pt(170.0), Pt(200.0)]);
    }

    #[test]
    fn the_initial_reaches_from_the_third_baseline_to_the_first_cap_height() {
        // 10 pt text on 14 pt lines, capitals 0.7 em: 28 + 7 = 35 pt of
        // capital; in a face with 0.7 em capitals that is 50 pt type.
        assert_eq!(initial_size(Pt(14.0), Pt(10.0), 0.7, 0.7), Pt(50.0));
        assert_eq!(initial_size(Pt(14.0), Pt(10.0), 0.7, 0.5), Pt(70.0));
    }

    #[test]
    fn the_initial_is_the_first_letter_with_opening_punctuation() {
        assert_eq!(initial_end("The year"), Some(1));
        assert_eq!(initial_end("“Never,” she said"), Some("“N".len()));
        assert_eq!(initial_end("«Ça va»"), Some("«Ç".len()));
        assert_eq!(initial_end("E\u{301}te\u{301}"), Some("E\u{301}".len()));
        assert_eq!(initial_end("Élan"), Some("É".len()));
    }

    #[test]
    fn no_initial_for_digits_symbols_and_scripts_without_drop_caps() {
        assert_eq!(initial_end("2026 was a year"), None);
        assert_eq!(initial_end("— and then"), None);
        assert_eq!(initial_end(" The"), None);
        assert_eq!(initial_end("“"), None);
        assert_eq!(initial_end("مرحبا"), None);
        assert_eq!(initial_end("שלום"), None);
        assert_eq!(initial_end("今年"), None);
    }

    #[test]
    fn the_tail_keeps_its_styles() {
        let mut t = StyledText::plain("The ");
        t.push("bold", crate::text::inline::Emphasis { bold: true, ..Default::default() }, None);
        let rest = tail(&t, 1);
        assert_eq!(rest.text, "he bold");
        assert_eq!(rest.spans.len(), 2);
        assert_eq!(rest.spans[0].range, 0..3);
        assert_eq!(rest.spans[1].range, 3..7);
        assert!(rest.spans[1].emphasis.bold);
    }
}
