//! A pull quote (`quote:` with `style: pull`) as a flow element: set larger
//! in the accent colour between two rules, ragged and unhyphenated; across
//! two columns in layouts of three or more ([`Kind::Span`], which the
//! paginator places at the top of the band it opens), in its own column
//! otherwise.

use crate::layout::{Item, Point, Role};
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::{Align, Elem, Flow, Kind, TextStyle, stack_lines};

/// The quote's size, in body sizes: large enough to read as a display
/// line across the page, small enough to keep a dozen words to two or
/// three lines across two columns.
pub(crate) const SIZE: f32 = 1.6;

/// Its leading, in its own size: tighter than the body's 1.4, as display
/// type is set.
const LEADING: f32 = 1.22;

/// The rule above, thick, and the one below, thin (points): the pair
/// frames the quote without boxing it.
const RULE_ABOVE: Pt = Pt(2.0);
const RULE_BELOW: Pt = Pt(0.75);

/// The columns a pull quote spans in a layout of three or more.
pub(crate) const SPAN: usize = 2;

impl<'a, 's> Flow<'a, 's> {
    /// Whether a pull quote set now spans [`SPAN`] columns: in a body of
    /// three or more columns, at the body's column measure (not in a box).
    fn pull_spans(&self) -> bool {
        let t = &self.doc.theme;
        let n = t.columns as f32;
        let column = (self.frame_width - t.gutter * (n - 1.0)) / n;
        t.columns as usize > SPAN && (self.col_width - column).get().abs() < 0.01
    }

    /// The pull quote `text` with its attribution `by`: one element,
    /// tagged once (a block quote holding its words and attribution).
    pub(super) fn pull_quote(&mut self, text: &[StyledText], by: Option<&StyledText>, body: &TextStyle, out: &mut Vec<Elem>) {
        let t = &self.doc.theme;
        let span = self.pull_spans();
        let w = if span { self.col_width * SPAN as f32 + t.gutter } else { self.col_width };
        let size = self.base() * SIZE;
        let st = TextStyle { size, leading: size * LEADING, italic: true, bold: false, justify: false, align: Align::Left, color: t.accent, hyphenate: None, ..*body };
        let quote = self.open(Role::Quote);
        let mut items = vec![(Point::new(Pt::ZERO, Pt::ZERO), Item::Rect { width: w, height: RULE_ABOVE, color: t.accent })];
        let mut y = RULE_ABOVE + self.base() * 0.45;
        for p in text {
            let mut lines = self.set(p, &st, w);
            if let Some(last) = lines.last_mut() {
                self.trailing_space(last);
            }
            y = stack_lines(lines, Point::new(Pt::ZERO, y), st.leading, &mut items);
        }
        if let Some(by) = by {
            y = self.attribution(by, 0.85, w, Point::new(Pt::ZERO, y), &mut items);
        }
        self.close(quote);
        y += self.base() * 0.45;
        items.push((Point::new(Pt::ZERO, y), Item::Rect { width: w, height: RULE_BELOW, color: t.accent }));
        let height = y + RULE_BELOW;
        if span {
            // The paginator leaves the room under it in the spanned columns.
            out.push(Elem { height, kind: Kind::Span(items), keep_with_next: false, grid: false, boxed: false });
            return;
        }
        Self::space(out, body.leading * 0.5, false);
        out.push(Elem { height, kind: Kind::Content(items), keep_with_next: false, grid: false, boxed: false });
        Self::space(out, body.leading * 0.7, false);
    }
}
