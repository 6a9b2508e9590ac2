//! The search for column breaks: which elements of a stretch of flow go in
//! which column, chosen to minimise the sum of [`super::cost`] over all the
//! columns, as Knuth and Plass choose line breaks (Plass's optimal
//! pagination; Mittelbach's globally optimised pagination).
//!
//! A stretch runs from where the current page stands to the next wide
//! element, page break or change of columns (or the end). Its columns are
//! the rest of the current page's band (shorter when something stands above
//! it), then full pages. A node of the search is a place in the flow where
//! a column may begin, with the column it would be (its number on the page,
//! and whether it is on the first, shorter page); from each node the search
//! tries every column end that fits, a bounded look-ahead of about one
//! column of elements, so the work grows linearly with the flow. The last
//! page of a stretch is left to the placer, which balances it: the search
//! only checks that the rest fits there.

use crate::units::Pt;

use super::cost;
use super::flow::{Elem, Kind};

/// A column filled from its top, one element at a time, with the rules of
/// the column: space and item rules are dropped at its top, a rule right
/// after a rule is dropped, body lines snap to the baseline grid.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stack {
    /// Bottom of what is placed so far, trailing space included.
    y: Pt,
    /// Bottom of the last content.
    pub end: Pt,
    /// Whether content has been placed.
    pub content: bool,
    /// Whether the last content was an item rule.
    after_rule: bool,
    /// How much the figures in it may shrink in all.
    shrink: Pt,
    /// Whether a body line on the grid follows a figure that may shrink:
    /// the line then moves up by whole grid steps only.
    grid_after_figure: bool,
}

impl Stack {
    /// Adds `e`, `height` tall; returns its top, or `None` when it is
    /// dropped or takes no place in a column.
    pub fn push(&mut self, e: &Elem, height: Pt, grid: Pt) -> Option<Pt> {
        match &e.kind {
            Kind::Space => {
                if !self.content {
                    return None;
                }
                let top = self.y;
                self.y += height;
                Some(top)
            }
            Kind::Mark(_) => Some(self.y),
            Kind::Rule(_) if !self.content || self.after_rule => None,
            Kind::Content(_) | Kind::Figure { .. } | Kind::Rule(_) => {
                if e.grid && grid > Pt::ZERO && self.y > Pt::ZERO {
                    self.y = grid * ((self.y.get() - 0.01) / grid.get()).ceil();
                    if self.shrink > Pt::ZERO {
                        self.grid_after_figure = true;
                    }
                }
                let top = self.y;
                self.y += height;
                self.end = self.y;
                self.content = true;
                self.after_rule = matches!(e.kind, Kind::Rule(_));
                if let Kind::Figure { shrink, .. } = e.kind {
                    self.shrink += shrink;
                }
                Some(top)
            }
            _ => None,
        }
    }

    /// The shortest the column can be made by setting its figures smaller
    /// (by whole grid steps when body lines follow them).
    pub fn least(&self, grid: Pt) -> Pt {
        let usable = if self.grid_after_figure { (self.shrink - grid).max(Pt::ZERO) } else { self.shrink };
        self.end - usable
    }
}

/// How a stretch of flow ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Finish {
    /// The end of the brochure, or a change of columns: the last page's
    /// columns are balanced.
    End,
    /// A wide element `height` tall (with the space above it) follows,
    /// under the balanced columns of the last page.
    Wide(Pt),
    /// A page break follows: the last page is filled, not balanced.
    Break,
}

/// The columns of a stretch's first band that start lower than its top:
/// the first `cols` begin `by` below it (under a pull quote across them).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cut {
    /// How many columns, from the first in reading order.
    pub cols: usize,
    /// How much lower they start.
    pub by: Pt,
}

impl Cut {
    /// How much lower column `c` of the band starts.
    pub fn at(&self, c: usize) -> Pt {
        if c < self.cols { self.by } else { Pt::ZERO }
    }
}

/// A stretch of flow to break into columns.
#[derive(Debug, Clone, Copy)]
pub struct Stretch {
    /// First element.
    pub start: usize,
    /// One past the last element (the wide element or break, if any).
    pub end: usize,
    /// Columns on a page.
    pub ncols: usize,
    /// Height of the columns left on the current page.
    pub first: Pt,
    /// Height of the columns of a full page.
    pub page: Pt,
    /// The baseline grid.
    pub grid: Pt,
    /// What follows it.
    pub finish: Finish,
    /// Whether figures may be set smaller to fill a column.
    pub shrink: bool,
    /// Columns of the first page's band that start lower (and so are
    /// shorter).
    pub cut: Cut,
    /// Whether a lead image may wait for the next column's top (see
    /// [`cost::FLOAT`]).
    pub floats: bool,
}

/// The search's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Columns in the order they are filled (those of the current page,
    /// then `ncols` per page). A column may be empty.
    pub columns: Vec<Column>,
    /// Where the last page's band begins (it holds the elements up to the
    /// stretch's end); equal to the end when there is no such band.
    pub rest: usize,
    /// What it costs.
    pub cost: f64,
}

/// A column of a plan: the elements `start..end`, less a lead figure
/// (`skip`, with the space after it) that goes to the top of the next
/// column, and after the lead figure (`head`) that came from the column
/// before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// First element.
    pub start: usize,
    /// One past the last element.
    pub end: usize,
    /// Elements moved here from the column before, placed first.
    pub head: Option<(usize, usize)>,
    /// Elements of `start..end` moved to the next column.
    pub skip: Option<(usize, usize)>,
}

impl Column {
    /// The elements `start..end` of a column, nothing moved.
    pub fn span(start: usize, end: usize) -> Column {
        Column { start, end, head: None, skip: None }
    }

    /// Its elements, in the order they stand.
    pub fn elements(&self) -> impl Iterator<Item = usize> + '_ {
        let head = self.head.map_or(0..0, |(a, b)| a..b);
        let skip = self.skip;
        head.chain((self.start..self.end).filter(move |k| skip.is_none_or(|(a, b)| *k < a || *k >= b)))
    }
}

/// A node's best cost and the node it came from.
#[derive(Debug, Clone, Copy)]
struct Best {
    cost: f64,
    from: usize,
}

/// The columns of `s` that cost least. `rest_fits(i, height, first)` says
/// whether the elements from `i` to the stretch's end fit in one band of
/// `height` (on the first page, with its cut) (the placer's own test, so
/// that the plan is one it can carry out).
pub fn search(elems: &[Elem], s: &Stretch, rest_fits: &dyn Fn(usize, Pt, bool) -> bool) -> Plan {
    let nc = s.ncols.max(1);
    let slots = 2 * nc;
    // Node (i, slot, pending): slot < nc is column `slot` of the first
    // page, else column `slot - nc` of a later page; pending, that the
    // lead figure before `i` waits for the top of this column.
    let node = |i: usize, slot: usize, pend: usize| ((i - s.start) * slots + slot) * 2 + pend;
    let count = (s.end - s.start + 1) * slots * 2;
    let mut best = vec![Best { cost: f64::INFINITY, from: usize::MAX }; count];
    best[node(s.start, 0, 0)] = Best { cost: 0.0, from: usize::MAX };
    let reserve = match s.finish {
        Finish::Wide(h) => h,
        _ => Pt::ZERO,
    };
    // The remaining height from each element on, to test the rest only
    // where it can fit; and the last lead figure before each element (the
    // one a pending node carries).
    let mut after = vec![Pt::ZERO; s.end - s.start + 1];
    for i in (s.start..s.end).rev() {
        after[i - s.start] = after[i + 1 - s.start] + elems[i].height;
    }
    let mut lead = vec![None; s.end - s.start + 1];
    let mut cur = None;
    for i in s.start..=s.end {
        lead[i - s.start] = cur;
        if i < s.end && is_lead(&elems[i]) {
            cur = Some(float_range(elems, i, s.end));
        }
    }
    let mut done: Option<(f64, usize)> = None;
    // The column ends that fit from one place, with their costs: the same
    // for every column of a full page, so worked out once per place.
    let mut ends: Vec<(usize, f64, bool)> = Vec::new();
    let mut ends_for: Option<(usize, Pt, usize)> = None;
    let next_slot = |slot: usize| if slot + 1 == nc || slot + 1 == slots { nc } else { slot + 1 };
    for i in s.start..=s.end {
        for slot in 0..slots {
            for pend in 0..2 {
                let here = best[node(i, slot, pend)];
                if !here.cost.is_finite() {
                    continue;
                }
                let (c, band) = if slot < nc { (slot, s.first) } else { (slot - nc, s.page) };
                // A column under a pull quote is that much shorter.
                let height = if slot < nc { band - s.cut.at(c) } else { band };
                let mut finish = |cost: f64| {
                    if done.is_none_or(|(d, _)| cost < d) {
                        done = Some((cost, node(i, slot, pend)));
                    }
                };
                if i == s.end && pend == 0 {
                    // Nothing left: the columns after this one stay empty,
                    // which is a hole unless a page break follows.
                    let empty = if c == 0 || s.finish == Finish::Break { 0.0 } else { (c..nc).map(|_| cost::empty_column(height, s.grid)).sum() };
                    finish(here.cost + empty);
                    continue;
                }
                if pend == 0 && c == 0 && after[i - s.start] <= (band - reserve) * nc as f32 * 1.2 + s.grid && rest_fits(i, band - reserve, slot < nc) {
                    // The rest fits on this page's balanced band: costs
                    // nothing more, and no longer layout can cost less.
                    finish(here.cost);
                    continue;
                }
                let to = next_slot(slot);
                let relax = |j: usize, p: usize, cost: f64, best: &mut Vec<Best>| {
                    let n = node(j, to, p);
                    if cost < best[n].cost {
                        best[n] = Best { cost, from: node(i, slot, pend) };
                    }
                };
                // A short first column may stay empty when what comes next
                // needs a full one.
                if slot < nc && height < s.page {
                    relax(i, pend, here.cost + cost::empty_column(height, s.grid), &mut best);
                }
                if ends_for != Some((i, height, pend)) {
                    let head = if pend == 1 { lead[i - s.start] } else { None };
                    column_ends(elems, i, s.end, height, s.grid, s.shrink, s.floats, head, &mut ends);
                    ends_for = Some((i, height, pend));
                }
                for &(j, cost, floated) in &ends {
                    relax(j, usize::from(floated), here.cost + cost, &mut best);
                }
            }
        }
    }
    // Walk back from the cheapest finish.
    // Every place can close a column (an element too tall for any column
    // still ends one, overfull), so the last place is always reached.
    #[allow(clippy::expect_used, reason = "the last place is always reachable: see above")]
    let (total, last) = done.expect("a stretch always has a layout");
    let mut path = vec![last];
    let mut n = last;
    while best[n].from != usize::MAX {
        n = best[n].from;
        path.push(n);
    }
    path.reverse();
    let at = |n: usize| (s.start + n / 2 / slots, n % 2 == 1);
    let columns = path
        .windows(2)
        .map(|w| {
            let ((a, pa), (b, pb)) = (at(w[0]), at(w[1]));
            if a == b && pa == pb {
                // An empty column; a waiting figure waits on.
                return Column::span(a, a);
            }
            Column { start: a, end: b, head: if pa { lead[a - s.start] } else { None }, skip: if pb { lead[b - s.start] } else { None } }
        })
        .collect();
    Plan { columns, rest: at(last).0, cost: total }
}

/// Whether `e` is an item's lead figure, which may start the next column
/// while the title and first lines stay.
fn is_lead(e: &Elem) -> bool {
    matches!(e.kind, Kind::Figure { float: true, .. })
}

/// The lead figure at `f` and the space after it: what moves.
fn float_range(elems: &[Elem], f: usize, end: usize) -> (usize, usize) {
    let g = if f + 1 < end && matches!(elems[f + 1].kind, Kind::Space) { f + 2 } else { f + 1 };
    (f, g)
}

/// The columns of the shortest band, at most `max` tall, that holds
/// `elems[start..end]` in `ncols` columns (the first `cut.cols` of them
/// starting `cut.by` lower) without overflow, its columns as
/// even as the costs make them (with `even`, figures set smaller where that
/// evens them out); found by bisection on the band's height. `None` when
/// even `max` is too short. Without `floats` (above a pull quote) no lead
/// image waits for the next column, and a column left empty costs as a
/// hole: the band's foot shows there, beside the quote under it.
#[expect(clippy::too_many_arguments, reason = "one band's measures; a struct would only rename them")]
pub fn balanced(elems: &[Elem], start: usize, end: usize, ncols: usize, max: Pt, grid: Pt, even: bool, cut: Cut, floats: bool) -> Option<(Vec<Column>, Pt)> {
    let try_at = |h: Pt, shrink: bool| {
        let s = Stretch { start, end, ncols, first: h, page: h, grid, finish: if floats { Finish::Break } else { Finish::End }, shrink, cut, floats };
        let plan = search(elems, &s, &|_, _, _| false);
        (plan.cost < cost::OVERFLOW && plan.columns.len() <= ncols && plan.rest == end).then_some(plan)
    };
    // The shortest band at the figures' own sizes.
    try_at(max, false)?;
    let (mut lo, mut hi) = (0.0f32, max.get());
    while hi - lo > 0.25 {
        let mid = (lo + hi) / 2.0;
        if try_at(Pt(mid), false).is_some() { hi = mid } else { lo = mid }
    }
    // Kept chains can leave one column of it short: a line or a few
    // shorter, with figures set smaller, may even the columns out. Each
    // height is judged by the same costs (gaps under it, figures shrunk).
    let mut best: Option<(f64, Vec<Column>, Pt)> = None;
    // Only where the band's foot shows (above a full-width figure): at the
    // end of the brochure, pictures at their size matter more.
    let steps = if even { BALANCE_STEPS } else { 0 };
    for k in 0..=steps {
        let h = Pt(hi) - grid * k as f32;
        if h <= Pt::ZERO {
            break;
        }
        let Some(plan) = try_at(h, true) else { break };
        // Unused columns of the band are part of its gaps.
        let unused = (ncols - plan.columns.len()) as f64 * cost::empty_column(h, grid);
        let c = plan.cost + unused;
        if best.as_ref().is_none_or(|(b, _, _)| c < *b) {
            best = Some((c, plan.columns, h));
        }
    }
    best.map(|(_, cols, h)| (cols, h))
}

/// How many grid lines shorter than its natural balance a band is tried.
const BALANCE_STEPS: usize = 6;

/// Every place after `i` where a column of `height` may end, with the
/// column's cost and whether it moved a lead figure on, into `out`: the
/// allowed breaks whose columns fit, or, when none does (a chain taller
/// than a column), the longest prefix that fits, at the cost of an
/// overflow. `head` is a lead figure waiting for this column's top; with
/// `floats`, one met here may wait for the next column's.
#[expect(clippy::too_many_arguments, reason = "one column's measures; a struct would only rename them")]
fn column_ends(elems: &[Elem], i: usize, end: usize, height: Pt, grid: Pt, shrink: bool, floats: bool, head: Option<(usize, usize)>, out: &mut Vec<(usize, f64, bool)>) {
    out.clear();
    let over = |st: &Stack| (if shrink { st.least(grid) } else { st.end }) > height + Pt(0.01);
    let mut stack = Stack::default();
    for k in head.map_or(0..0, |(a, b)| a..b) {
        stack.push(&elems[k], elems[k].height, grid);
    }
    if head.is_some() && i == end && !over(&stack) {
        out.push((end, cost::column(height, stack.end.min(height), (stack.end - height).max(Pt::ZERO), grid), false));
        return;
    }
    let mut fallback = None;
    // The last lead figure met whose chain has not fitted yet (an earlier
    // one whose chain fitted is placed where it is).
    let mut floatable = None;
    for (k, e) in elems.iter().enumerate().take(end).skip(i) {
        if matches!(e.kind, Kind::ColumnBreak) {
            if stack.content {
                out.push((k + 1, cost::column(height, stack.end, Pt::ZERO, grid), false));
                return;
            }
            continue;
        }
        if floats && head.is_none() && floatable.is_none() && stack.content && is_lead(e) {
            floatable = Some(k);
        }
        stack.push(e, e.height, grid);
        if over(&stack) {
            fallback = Some(k.max(i + 1));
            break;
        }
        let j = k + 1;
        if stack.content && (j == end || !e.keep_with_next) {
            let shrunk = (stack.end - height).max(Pt::ZERO);
            let split = if j < end && e.boxed && elems[j].boxed { cost::BOX_SPLIT } else { 0.0 };
            out.push((j, cost::column(height, stack.end.min(height), shrunk, grid) + split, false));
            // The lead figure fits here with what it keeps with.
            floatable = None;
        }
    }
    if out.is_empty() {
        out.push((fallback.unwrap_or(end), cost::OVERFLOW, false));
    }
    // A lead figure that does not fit here with what it keeps with may
    // wait for the next column, while the title and at least two lines of
    // text after it stay here.
    let Some(f) = floatable else { return };
    let (_, g) = float_range(elems, f, end);
    let mut stack = Stack::default();
    let mut lines = 0;
    for k in (i..f).chain(g..end) {
        let e = &elems[k];
        if k >= g && matches!(e.kind, Kind::Mark(_) | Kind::Figure { .. } | Kind::ColumnBreak) {
            break;
        }
        stack.push(e, e.height, grid);
        if over(&stack) {
            break;
        }
        if k >= g && matches!(e.kind, Kind::Content(_)) {
            lines += 1;
        }
        let j = k + 1;
        if k >= g && lines >= 2 && (j == end || !e.keep_with_next) {
            let shrunk = (stack.end - height).max(Pt::ZERO);
            out.push((j, cost::column(height, stack.end.min(height), shrunk, grid) + cost::FLOAT, true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(keep: bool) -> Elem {
        Elem { height: Pt(10.0), kind: Kind::Content(Vec::new()), keep_with_next: keep, grid: false, boxed: false }
    }

    fn figure(h: f32, shrink: f32) -> Elem {
        Elem { height: Pt(h), kind: Kind::Figure { items: Vec::new(), shrink: Pt(shrink), float: false }, keep_with_next: true, grid: false, boxed: false }
    }

    /// Whether the rest fits in `ncols` columns of `height`, counted in
    /// whole elements (a stand-in for the placer's fill).
    fn fits(elems: &[Elem], end: usize, ncols: usize) -> impl Fn(usize, Pt, bool) -> bool + '_ {
        move |i, h, _| {
            let total: f32 = elems[i..end].iter().map(|e| e.height.get()).sum();
            total <= h.get() * ncols as f32 && elems[i..end].iter().all(|e| e.height <= h)
        }
    }

    fn spans(plan: &Plan) -> Vec<(usize, usize)> {
        plan.columns.iter().map(|c| (c.start, c.end)).collect()
    }

    fn stretch(end: usize, ncols: usize, first: f32, finish: Finish) -> Stretch {
        Stretch { start: 0, end, ncols, first: Pt(first), page: Pt(100.0), grid: Pt(10.0), finish, shrink: true, cut: Cut::default(), floats: true }
    }

    #[test]
    fn a_figure_is_set_smaller_instead_of_leaving_a_hole() {
        // Five lines, then a title kept with a figure (40, may lose 20) and
        // two lines, then ten more lines; columns of ten lines. First-fit
        // would end the first column after line 4: a hole of five lines.
        let mut e: Vec<Elem> = (0..5).map(|_| line(false)).collect();
        e.push(line(true));
        e.push(figure(40.0, 20.0));
        e.push(line(true));
        e.extend((0..11).map(|_| line(false)));
        let s = stretch(e.len(), 1, 100.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        // Title, figure (set 20 shorter) and two lines close the column.
        assert_eq!(spans(&plan), vec![(0, 9)]);
        assert_eq!(plan.rest, 9);
    }

    #[test]
    fn a_lead_image_starts_the_next_column_while_the_title_and_lines_stay() {
        // Five lines, a title kept with its lead image (50 tall, never set
        // smaller), then 13 lines; columns of ten lines. Moving the whole
        // chain leaves five lines empty; the image moves on alone, and the
        // title and four lines close the first column.
        let mut e: Vec<Elem> = (0..5).map(|_| line(false)).collect();
        e.push(line(true));
        e.push(Elem { height: Pt(50.0), kind: Kind::Figure { items: Vec::new(), shrink: Pt::ZERO, float: true }, keep_with_next: true, grid: false, boxed: false });
        e.extend((0..13).map(|_| line(false)));
        let s = stretch(e.len(), 1, 100.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        assert_eq!(
            plan.columns,
            vec![Column { start: 0, end: 11, head: None, skip: Some((6, 7)) }, Column { start: 11, end: 16, head: Some((6, 7)), skip: None }]
        );
        assert_eq!(plan.columns[1].elements().collect::<Vec<_>>(), vec![6, 11, 12, 13, 14, 15]);
        assert_eq!(plan.rest, 16);
    }

    #[test]
    fn a_second_lead_image_in_a_column_may_move_on_when_the_first_stayed() {
        // A title with a small lead image (20) and two lines, whose chain
        // fits; then a second title with a lead image of 50 and 13 lines;
        // columns of ten lines. The second image moves on alone (it was
        // never offered when the first one's chain had fitted, and the
        // column was left five lines short).
        let lead = |h: f32| Elem { height: Pt(h), kind: Kind::Figure { items: Vec::new(), shrink: Pt::ZERO, float: true }, keep_with_next: true, grid: false, boxed: false };
        let mut e = vec![line(true), lead(20.0), line(false), line(false), line(true), lead(50.0)];
        e.extend((0..13).map(|_| line(false)));
        let s = stretch(e.len(), 1, 100.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        assert_eq!(plan.columns[0], Column { start: 0, end: 10, head: None, skip: Some((5, 6)) });
        assert_eq!(plan.columns[1].head, Some((5, 6)));
    }

    #[test]
    fn lines_fill_whole_columns_and_the_rest_is_left_to_balance() {
        let e: Vec<Elem> = (0..25).map(|_| line(false)).collect();
        let s = stretch(e.len(), 2, 100.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 2));
        assert_eq!(spans(&plan), vec![(0, 10), (10, 20)]);
        assert_eq!(plan.rest, 20);
    }

    #[test]
    fn a_kept_chain_that_does_not_fit_the_short_first_band_starts_the_next_page() {
        // Four lines' room on this page; a chain of six lines comes first.
        let e: Vec<Elem> = (0..6).map(|k| line(k < 5)).chain((0..4).map(|_| line(false))).collect();
        let s = stretch(e.len(), 1, 40.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        assert_eq!(spans(&plan), vec![(0, 0)]);
        assert_eq!(plan.rest, 0);
    }

    #[test]
    fn text_before_a_wide_figure_that_cannot_fit_above_it_spreads_its_gaps() {
        // 14 lines before a wide figure 70 tall, in two columns of ten
        // lines: seven lines a column would need 70 above the figure, and
        // only 30 are left. The figure waits for the next page, and the 14
        // lines fill this page as evenly as the cost of gaps asks: six and
        // eight (gaps of four and two lines cost less than ten and four, or
        // seven and seven; eight and six cost the same, found later).
        let e: Vec<Elem> = (0..14).map(|_| line(false)).collect();
        let s = stretch(e.len(), 2, 100.0, Finish::Wide(Pt(70.0)));
        let plan = search(&e, &s, &fits(&e, e.len(), 2));
        assert_eq!((spans(&plan), plan.rest), (vec![(0, 6), (6, 14)], 14));
    }

    #[test]
    fn columns_under_a_pull_quote_are_shorter_on_the_first_page_only() {
        // Three columns of ten lines, the first two under a quote four
        // lines tall; 60 lines: 6 + 6 + 10 on the first page, 30 on the
        // next, the rest (8) left to balance.
        let e: Vec<Elem> = (0..60).map(|_| line(false)).collect();
        let mut s = stretch(e.len(), 3, 100.0, Finish::End);
        s.cut = Cut { cols: 2, by: Pt(40.0) };
        let cut = s.cut;
        // The placer's test, with the first page's cut.
        let rest = |i: usize, h: Pt, first: bool| {
            let room: f32 = (0..3).map(|c| h.get() - if first { cut.at(c).get() } else { 0.0 }).sum();
            (60 - i) as f32 * 10.0 <= room
        };
        let plan = search(&e, &s, &rest);
        assert_eq!(spans(&plan), vec![(0, 6), (6, 12), (12, 22), (22, 32), (32, 42), (42, 52)]);
        assert_eq!(plan.rest, 52);
    }

    #[test]
    fn a_column_break_ends_the_column() {
        let mut e: Vec<Elem> = (0..3).map(|_| line(false)).collect();
        e.push(Elem { height: Pt::ZERO, kind: Kind::ColumnBreak, keep_with_next: false, grid: false, boxed: false });
        e.extend((0..12).map(|_| line(false)));
        let s = stretch(e.len(), 1, 100.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        // The break element may stand at the end of the first column or the
        // top of the second; the lines after it never join the first.
        assert_eq!(spans(&plan), vec![(0, 3), (3, 14)]);
        assert_eq!(plan.rest, 14);
    }

    /// A box's parts: padding, `lines` lines, padding, as the sidebar
    /// makes them (kept after the top padding and before the bottom one).
    fn sidebar(lines: usize) -> Vec<Elem> {
        let n = lines + 2;
        (0..n).map(|k| Elem { height: Pt(10.0), kind: Kind::Content(Vec::new()), keep_with_next: k == 0 || k + 2 >= n, grid: false, boxed: true }).collect()
    }

    #[test]
    fn a_box_that_fits_a_column_is_kept_whole() {
        // Seven lines, then a box of six parts, then twelve lines; columns
        // of ten lines. Without the box's cost the first column would end
        // in the box, after its third part; with it the box starts the
        // second column and the first is left three lines short.
        let mut e: Vec<Elem> = (0..7).map(|_| line(false)).collect();
        e.extend(sidebar(4));
        e.extend((0..12).map(|_| line(false)));
        let s = stretch(e.len(), 1, 100.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        assert_eq!(spans(&plan)[0], (0, 7));
        assert_eq!(spans(&plan)[1].0, 7);
        // The same elements outside a box break inside it.
        for x in &mut e[7..13] {
            x.boxed = false;
        }
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        assert_eq!(spans(&plan)[0], (0, 10));
    }

    #[test]
    fn a_box_taller_than_a_column_splits_once() {
        // Two lines, then a box of fifteen parts; columns of ten lines: it
        // cannot fit, so it splits, once, where the first column is full.
        let mut e: Vec<Elem> = (0..2).map(|_| line(false)).collect();
        e.extend(sidebar(13));
        e.extend((0..3).map(|_| line(false)));
        let s = stretch(e.len(), 1, 100.0, Finish::End);
        let plan = search(&e, &s, &fits(&e, e.len(), 1));
        assert_eq!(spans(&plan)[0], (0, 10));
        assert!(plan.cost >= cost::BOX_SPLIT && plan.cost < 2.0 * cost::BOX_SPLIT, "{}", plan.cost);
    }

    #[test]
    fn rules_are_dropped_at_the_top_and_after_a_rule() {
        let rule = Elem { height: Pt(10.0), kind: Kind::Rule(Vec::new()), keep_with_next: false, grid: false, boxed: false };
        let mut st = Stack::default();
        assert_eq!(st.push(&rule, rule.height, Pt::ZERO), None);
        assert_eq!(st.push(&line(false), Pt(10.0), Pt::ZERO), Some(Pt(0.0)));
        assert_eq!(st.push(&rule, rule.height, Pt::ZERO), Some(Pt(10.0)));
        assert_eq!(st.push(&rule, rule.height, Pt::ZERO), None);
        assert_eq!(st.end, Pt(20.0));
    }
}
