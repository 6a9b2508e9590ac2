//! Inset figures with text wrap (`float: left | right`): the image at one
//! side of the column and the paragraphs after it set beside it at the
//! shortened measure (a line-width list for the breaker, as TeX's
//! `\parshape`), kept with it as one element, then at the full measure.

use crate::diag::Diagnostic;
use crate::layout::Role;
use crate::resolve::{Figure, Side};
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::figure::max_print_width;
use super::{Elem, Flow, Kind, TextStyle};

/// The narrowest measure beside an inset figure, in ems: about 15
/// characters of about half an em each.
pub(super) const MIN_BESIDE_EMS: f32 = 7.5;

/// The share of the column a floating figure takes when none is given.
pub(super) const DEFAULT_SHARE: f32 = 0.4;

/// The measure beside an inset figure `figure` wide in a column `column`
/// wide, a gap of 1 em between them; `None` where it would hold fewer than
/// about 15 characters (the figure then stands above the text instead).
pub(super) fn beside_width(column: Pt, figure: Pt, em: Pt) -> Option<Pt> {
    let w = column - figure - em;
    (w.get() >= em.get() * MIN_BESIDE_EMS - 0.01).then_some(w)
}

/// Whether a measure `width` holds fewer than about 40 characters of text
/// `em` in size, where justified lines open rivers of space.
pub(super) fn narrow_measure(width: Pt, em: Pt) -> bool {
    width < em * 0.5 * 40.0
}

/// How many lines of `leading` stand beside a figure `height` tall: the
/// first line below it starts at least `gap` under it.
pub(super) fn lines_beside(height: Pt, gap: Pt, leading: Pt) -> usize {
    ((height + gap).get() / leading.get() - 0.01).ceil().max(1.0) as usize
}

/// The line widths of a paragraph whose first `beside` lines stand beside
/// the figure at `narrow`, and the rest at `full` (the breaker repeats the
/// last width).
pub(super) fn wrap_widths(beside: usize, narrow: Pt, full: Pt) -> Vec<Pt> {
    let mut widths = vec![narrow; beside];
    widths.push(full);
    widths
}

impl<'a, 's> Flow<'a, 's> {
    /// A column figure without `float` that its height cap or its pixels
    /// keep to at most half the column, in a column wide enough for at
    /// least 30 characters beside it: set as an inset at the end side, the
    /// text wrapped round it, instead of centred between two empty margins
    /// (a portrait photo in one wide column, a small picture in any). With
    /// the inset, the width it was asked at (the column's, or its share's),
    /// for the warning when its pixels keep it narrower. `None` for any
    /// other figure.
    pub(super) fn auto_inset(&self, f: &Figure, body: &TextStyle) -> Option<(Figure, Pt)> {
        if f.float.is_some() || f.full_width {
            return None;
        }
        let col = self.col_width;
        let cap = self.doc.theme.max_figure_height.of(self.frame_height);
        let (w, _) = self.image_size(f, col, cap);
        let beside = beside_width(col, w, body.size)?;
        // 30 characters beside it at least: a comfortable ragged measure.
        if w > col * 0.5 || beside < body.size * 0.5 * 30.0 {
            return None;
        }
        let asked = f.share.map_or(col, |s| col * s);
        Some((Figure { float: Some(Side::Right), share: Some(w.get() / col.get()), ..f.clone() }, asked))
    }

    /// Sets the inset figure `f` with the paragraphs `paras` that follow it
    /// in the body (with their paths, for warnings) wrapped round it, in the
    /// body style `body`; `asked`, the width an automatic inset was asked at
    /// (see `auto_inset`), else its share of the column. Returns how
    /// many of `paras` it set: none when there is no room beside the figure
    /// (or no paragraph), and the figure was set above as a column figure,
    /// with a warning.
    pub(super) fn inset(&mut self, f: &Figure, asked: Option<Pt>, paras: &[(String, &StyledText)], body: &TextStyle, out: &mut Vec<Elem>) -> usize {
        let doc = self.doc;
        let col = self.col_width;
        let em = body.size;
        let img = &doc.images[f.image.0 as usize];
        let want = col * f.share.unwrap_or(DEFAULT_SHARE);
        // As a column figure: never past 150 dpi, never taller than
        // `max_figure_height`.
        let aspect = img.height as f32 / img.width as f32;
        let cap = doc.theme.max_figure_height.of(self.frame_height);
        let mut w = want.min(max_print_width(img.width));
        let mut h = w * aspect;
        if h > cap {
            h = cap;
            w = h / aspect;
        }
        let narrow = beside_width(col, w, em);
        let (Some(narrow), false) = (narrow, paras.is_empty()) else {
            let (what, hint) = if paras.is_empty() {
                ("no paragraph follows it to run beside it".to_string(), "put the image just before the paragraph it stands beside, or drop `float`")
            } else {
                let chars = ((col - w - em).get() / (em.get() * 0.5)).max(0.0);
                (format!("the text beside it would be about {chars:.0} characters wide, fewer than 15"), "give it a smaller share of the column (`width: 30%`), or use fewer columns")
            };
            self.warnings.push(
                Diagnostic::warning(f.source, self.path.clone(), format!("floating image `{}` is set above the text at the column's width ({what})", img.path)).with_hint(hint),
            );
            let plain = Figure { float: None, share: None, ..f.clone() };
            self.figure_elem(&plain, out, false);
            return 0;
        };
        self.check_resolution(f, w, asked.unwrap_or(want), true);
        // `left` and `right` mirror in right-to-left text: `left` is the
        // side lines start from.
        let left = (f.float == Some(Side::Left)) != (self.rtl == Some(true));
        let (fig_x, text_x) = if left { (Pt::ZERO, col - narrow) } else { (col - w, Pt::ZERO) };
        let (mut items, fig_h) = self.figure_sized(f, w, w, h);
        for (p, _) in &mut items {
            p.x += fig_x;
        }
        // Justified lines beside it under about 40 characters open rivers,
        // as narrow columns do (see `body_style`): then the lines beside it
        // are set ragged, and those below it justified again at the full
        // measure (the column's edge stays straight under the figure).
        let ragged_beside = body.justify && narrow_measure(narrow, em);
        let leading = body.leading;
        let n = lines_beside(fig_h, em * 0.5, leading);
        let k = doc.theme.keep_lines as usize;
        let mut row = 0;
        let mut last_row = 0;
        let mut keep = false;
        let mut used = 0;
        for (path, p) in paras {
            if row >= n {
                break;
            }
            self.path.clone_from(path);
            let prev = self.open(Role::Paragraph);
            let ragged = if ragged_beside { n - row } else { 0 };
            let lines = self.set_lines_widths(p, body, &wrap_widths(n - row, narrow, col), ragged, Vec::new());
            self.close(prev);
            used += 1;
            let m = lines.len();
            let mut rest = Vec::new();
            for (i, (mut line, hyphenated)) in lines.into_iter().enumerate() {
                // The paragraph's keep rules, as `para` has them.
                let keep_line = i + 1 < m && (i + 1 < k || i + k >= m || hyphenated);
                if row + i < n {
                    for (pt, _) in &mut line {
                        pt.x += text_x;
                        pt.y += leading * (row + i) as f32;
                    }
                    items.extend(line);
                    last_row = row + i;
                    keep = keep_line;
                } else {
                    // The first lines under the figure are kept together as
                    // a paragraph's first lines are: one line at the full
                    // measure alone under it at a column's foot reads as an
                    // orphan.
                    let keep_line = keep_line || (i + 1 < m && rest.len() + 1 < k);
                    rest.push(Elem { height: leading, kind: Kind::Content(line), keep_with_next: keep_line, grid: true, boxed: false });
                }
            }
            if !rest.is_empty() {
                out.push(Elem { height: leading * n as f32, kind: Kind::Content(items), keep_with_next: keep, grid: true, boxed: false });
                out.extend(rest);
                Self::space(out, leading * 0.5, false);
                return used;
            }
            // Paragraphs are a blank line apart on the baseline grid.
            row += m + 1;
        }
        out.push(Elem { height: leading * n as f32, kind: Kind::Content(items), keep_with_next: false, grid: true, boxed: false });
        // The space after the last paragraph, where it ends on the block's
        // last line (else the block's height below it is the space).
        if last_row + 1 >= n {
            Self::space(out, leading * 0.5, false);
        }
        used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beside_width_keeps_fifteen_characters() {
        // 10 pt text: 15 characters are about 75 pt.
        let em = Pt(10.0);
        // A 160 pt column, a 40 % figure (64 pt): 86 pt beside.
        assert_eq!(beside_width(Pt(160.0), Pt(64.0), em), Some(Pt(86.0)));
        // 60 %: 96 pt figure, 54 pt beside, under 15 characters.
        assert_eq!(beside_width(Pt(160.0), Pt(96.0), em), None);
        // Just 75 pt beside is enough; 74 is not.
        assert_eq!(beside_width(Pt(160.0), Pt(75.0), em), Some(Pt(75.0)));
        assert_eq!(beside_width(Pt(160.0), Pt(76.0), em), None);
        // A wide single column takes 60 % easily.
        assert_eq!(beside_width(Pt(480.0), Pt(288.0), em), Some(Pt(182.0)));
    }

    #[test]
    fn text_beside_under_forty_characters_is_ragged() {
        // 10 pt text: 40 characters are about 200 pt.
        assert!(narrow_measure(Pt(199.0), Pt(10.0)));
        assert!(!narrow_measure(Pt(200.0), Pt(10.0)));
    }

    #[test]
    fn lines_beside_clear_the_figure() {
        let l = Pt(14.0);
        // 100 pt of figure and 5 pt of gap: 105 / 14 = 7.5, so 8 lines.
        assert_eq!(lines_beside(Pt(100.0), Pt(5.0), l), 8);
        // Exactly 7 lines' height: 7, not 8.
        assert_eq!(lines_beside(Pt(93.0), Pt(5.0), l), 7);
        assert_eq!(lines_beside(Pt(1.0), Pt(0.0), l), 1);
    }

    #[test]
    fn widths_list_is_narrow_then_full() {
        assert_eq!(wrap_widths(3, Pt(80.0), Pt(160.0)), vec![Pt(80.0), Pt(80.0), Pt(80.0), Pt(160.0)]);
        assert_eq!(wrap_widths(0, Pt(80.0), Pt(160.0)), vec![Pt(160.0)]);
    }
}
