//! Pagination: pours the flow into columns and pages.
//!
//! A page is a stack of regions: wide elements (the title block, full-width
//! figures) across the frame, and between them bands of columns. Elements
//! fill a column top to bottom; when one does not fit, the column ends at the
//! last place where a break is allowed (after an element that does not keep
//! with the next) and the rest moves on. A band that ends before the page
//! does (above a wide element, or at the end of the brochure) is balanced:
//! its columns are made as short as possible, so they end at the same height.

use crate::resolve::Doc;
use crate::units::Pt;

use super::flow::{Elem, Flow, Kind, Mark};
use super::{Item, Layout, OutlineEntry, Page, Point};

/// Why [`fill`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The columns are full; the flow goes on at `Fill::next`.
    Full,
    /// A wide element at this index comes next.
    Wide(usize),
    /// A page break at this index comes next.
    PageBreak(usize),
    /// The flow ended.
    End,
}

/// Elements poured into a band of columns.
#[derive(Debug, Clone)]
struct Fill {
    /// For each column: element index and offset from the band's top.
    cols: Vec<Vec<(usize, Pt)>>,
    /// Where the flow goes on.
    next: usize,
    stop: Stop,
    /// Whether an element taller than the band had to be placed anyway.
    overflow: bool,
    /// Wide elements passed over (when asked to), for the next page.
    deferred: Vec<usize>,
}

fn is_content(e: &Elem) -> bool {
    matches!(e.kind, Kind::Content(_))
}

/// Pours `elems[start..]` into `ncols` columns of `height`.
/// An element taller than the band is placed anyway (and flagged as
/// overflow) only when `force`: at the top of an empty page, where waiting
/// would not help.
fn fill(elems: &[Elem], start: usize, ncols: usize, height: Pt, grid: Pt, skip_wide: bool, force: bool) -> Fill {
    let mut cols: Vec<Vec<(usize, Pt)>> = vec![Vec::new()];
    let mut y = Pt::ZERO;
    let mut overflow = false;
    let mut deferred = Vec::new();
    let mut i = start;
    let has_content = |col: &Vec<(usize, Pt)>| col.iter().any(|(k, _)| is_content(&elems[*k]));
    macro_rules! next_column {
        ($resume:expr) => {{
            if cols.len() == ncols {
                deferred.retain(|d| *d < $resume);
                return Fill { cols, next: $resume, stop: Stop::Full, overflow, deferred };
            }
            cols.push(Vec::new());
            y = Pt::ZERO;
        }};
    }
    while i < elems.len() {
        let e = &elems[i];
        let col = cols.len() - 1;
        match &e.kind {
            Kind::Wide(_) if skip_wide => {
                deferred.push(i);
                i += 1;
            }
            Kind::Wide(_) => return Fill { cols, next: i, stop: Stop::Wide(i), overflow, deferred },
            Kind::PageBreak | Kind::FullPage(_) | Kind::BodyStart | Kind::SetColumns(_) => return Fill { cols, next: i, stop: Stop::PageBreak(i), overflow, deferred },
            Kind::ColumnBreak => {
                i += 1;
                if has_content(&cols[col]) {
                    next_column!(i);
                }
            }
            Kind::Space => {
                i += 1;
                if has_content(&cols[col]) {
                    if y + e.height > height {
                        next_column!(i);
                    } else {
                        cols[col].push((i - 1, y));
                        y += e.height;
                    }
                }
            }
            Kind::Mark(_) => {
                cols[col].push((i, y));
                i += 1;
            }
            Kind::Content(_) => {
                if e.grid && grid > Pt::ZERO && y > Pt::ZERO {
                    y = grid * ((y.get() - 0.01) / grid.get()).ceil();
                }
                let fits = y + e.height <= height + Pt(0.01);
                if fits || (force && !has_content(&cols[col])) {
                    if !fits {
                        overflow = true;
                    }
                    cols[col].push((i, y));
                    y += e.height;
                    i += 1;
                    continue;
                }
                // Break the column at the last allowed place.
                let placed = &mut cols[col];
                let mut cut = placed.len();
                while cut > 0 && elems[placed[cut - 1].0].keep_with_next {
                    cut -= 1;
                }
                // At the top of an empty page a chain that keeps together
                // but does not fit is broken where it overflows; elsewhere
                // it moves on whole, even if that leaves this column empty.
                let keeps_content = placed[..cut].iter().any(|(k, _)| is_content(&elems[*k]));
                if cut < placed.len() && (keeps_content || !force) {
                    i = placed[cut].0;
                    placed.truncate(cut);
                }
                next_column!(i);
            }
        }
    }
    Fill { cols, next: i, stop: Stop::End, overflow, deferred }
}

/// The shortest band height at which `elems[start..]` up to the same stop
/// fits without overflow, found by bisection; `None` when even `max` fails.
fn balance(elems: &[Elem], start: usize, ncols: usize, max: Pt, grid: Pt, force: bool, want: Stop) -> Option<Fill> {
    let ok = |f: &Fill| f.stop == want && !f.overflow;
    let full = fill(elems, start, ncols, max, grid, false, force);
    if !ok(&full) || ncols == 1 {
        return ok(&full).then_some(full);
    }
    let (mut lo, mut hi) = (0.0f32, max.get());
    let mut best = full;
    for _ in 0..20 {
        let mid = (lo + hi) / 2.0;
        let f = fill(elems, start, ncols, Pt(mid), grid, false, force);
        if ok(&f) {
            hi = mid;
            best = f;
        } else {
            lo = mid;
        }
        if hi - lo < 0.25 {
            break;
        }
    }
    Some(best)
}

struct Pager<'d> {
    doc: &'d Doc,
    col_width: Pt,
    pages: Vec<Page>,
    items: Vec<(Point, Item)>,
    /// Where the next band or wide element begins on the current page.
    top: Pt,
    /// Wide elements waiting for the top of a page.
    pending: Vec<usize>,
    outline: Vec<OutlineEntry>,
    /// Index of the first page of the body (after cover and contents).
    body_start: usize,
    /// Columns of the current band.
    ncols: usize,
}

impl Pager<'_> {
    fn bottom(&self) -> Pt {
        self.doc.theme.page_height - self.doc.theme.margin_bottom
    }

    /// Left edge of the text frame: the inside margin is on the left of
    /// right-hand (odd) pages and on the right of left-hand ones.
    fn frame_left(&self) -> Pt {
        let t = &self.doc.theme;
        if self.pages.len() % 2 == 0 { t.margin_inside } else { t.margin_outside }
    }

    fn page_empty(&self) -> bool {
        self.items.is_empty()
    }


    /// Puts a band's columns on the page and moves below its longest column.
    /// Each element is placed once: its items are moved, not copied.
    fn place_band(&mut self, elems: &mut [Elem], f: &Fill) {
        let left = self.frame_left();
        let mut lowest = Pt::ZERO;
        // In a brochure in a right-to-left language the columns run from the right.
        let t = &self.doc.theme;
        let frame_w = t.page_width - t.margin_inside - t.margin_outside;
        let ncols = ((frame_w + t.gutter).get() / (self.col_width + t.gutter).get()).round().max(1.0) as usize;
        let rtl = crate::text::bidi::is_rtl_language(&self.doc.language);
        for (k, col) in f.cols.iter().enumerate() {
            let k = if rtl { ncols.saturating_sub(1 + k) } else { k };
            let x = left + (self.col_width + self.doc.theme.gutter) * k as f32;
            for &(i, y) in col {
                let y = y + self.top;
                let height = elems[i].height;
                match &mut elems[i].kind {
                    Kind::Content(items) => {
                        self.items.extend(std::mem::take(items).into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + y), it)));
                        lowest = lowest.max(y + height - self.top);
                    }
                    Kind::Mark(mark) => {
                        let page = self.pages.len();
                        let entry = |title: &String| OutlineEntry { title: title.clone(), page, y, children: Vec::new() };
                        match mark {
                            Mark::Item { title, .. } => self.outline.push(entry(title)),
                            Mark::Heading(title) => {
                                if let Some(parent) = self.outline.last_mut() {
                                    parent.children.push(entry(title));
                                }
                            }
                        }
                    }
                    Kind::Space => lowest = lowest.max(y + height - self.top),
                    _ => {}
                }
            }
        }
        self.top += lowest;
    }

    fn place_wide(&mut self, e: &mut Elem) {
        let x = self.frame_left();
        if let Kind::Wide(items) = &mut e.kind {
            let top = self.top;
            self.items.extend(std::mem::take(items).into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + top), it)));
        }
        self.top += e.height;
    }

    fn new_page(&mut self, elems: &mut [Elem]) {
        let t = &self.doc.theme;
        self.pages.push(Page { width: t.page_width, height: t.page_height, number: 0, front: false, items: std::mem::take(&mut self.items) });
        self.top = t.margin_top;
        // Waiting wide elements open the new page, as many as fit.
        let pending = std::mem::take(&mut self.pending);
        for (n, i) in pending.iter().enumerate() {
            if self.top + elems[*i].height <= self.bottom() || self.page_empty() {
                self.place_wide(&mut elems[*i]);
            } else {
                self.pending = pending[n..].to_vec();
                break;
            }
        }
    }
}

/// Places the flow on pages, then adds running headers and footers.
pub fn paginate(doc: &Doc, flow: &mut Flow<'_, '_>, mut elems: Vec<Elem>) -> Layout {
    let grid = flow.grid();
    let mut p = Pager { doc, col_width: flow.col_width, pages: Vec::new(), items: Vec::new(), top: doc.theme.margin_top, pending: Vec::new(), outline: Vec::new(), body_start: 0, ncols: doc.theme.columns as usize };
    let mut i = 0;
    // A band shorter than this is not worth starting: go to the next page.
    let min_band = doc.theme.base_size * 4.0;
    while i < elems.len() {
        let avail = p.bottom() - p.top;
        if avail < min_band && !p.page_empty() {
            p.new_page(&mut elems);
            continue;
        }
        // Only on an empty page is an element taller than the columns put in
        // all the same: it would fit nowhere else. Below wide elements it
        // waits for the next page.
        let force = p.page_empty();
        let f = fill(&elems, i, p.ncols, avail, grid, false, force);
        match f.stop {
            Stop::Full => {
                // The band fills the page; wide elements inside it wait.
                let f = fill(&elems, i, p.ncols, avail, grid, true, force);
                p.pending.extend(f.deferred.iter().copied());
                p.place_band(&mut elems, &f);
                i = f.next;
                p.new_page(&mut elems);
            }
            Stop::PageBreak(at) => {
                p.place_band(&mut elems, &f);
                i = at + 1;
                if let Kind::SetColumns(n) = elems[at].kind {
                    p.ncols = n as usize;
                    p.col_width = (flow.frame_width - doc.theme.gutter * (n as f32 - 1.0)) / n as f32;
                    continue;
                }
                if !p.page_empty() {
                    p.new_page(&mut elems);
                }
                match &mut elems[at].kind {
                    Kind::FullPage(items) => {
                        p.items.extend(std::mem::take(items));
                        p.new_page(&mut elems);
                    }
                    Kind::BodyStart => p.body_start = p.pages.len(),
                    _ => {}
                }
            }
            Stop::End => {
                let f = balance(&elems, i, p.ncols, avail, grid, force, Stop::End).unwrap_or(f);
                p.place_band(&mut elems, &f);
                i = f.next;
            }
            Stop::Wide(w) => {
                let band = balance(&elems, i, p.ncols, avail, grid, force, Stop::Wide(w)).unwrap_or(f);
                let gap = if band.cols.iter().any(|c| !c.is_empty()) { doc.theme.base_size } else { Pt::ZERO };
                let band_h = band_height(&elems, &band);
                if p.top + band_h + gap + elems[w].height <= p.bottom() || (p.page_empty() && band_h == Pt::ZERO) {
                    p.place_band(&mut elems, &band);
                    p.top += gap;
                    p.place_wide(&mut elems[w]);
                    i = w + 1;
                } else {
                    // No room under the balanced columns. If the text up to
                    // it fits above it, the wide element goes to the foot of
                    // this page and the text flows around it; else it waits
                    // for the top of the next page.
                    let foot = p.bottom() - elems[w].height;
                    let above = foot - doc.theme.base_size - p.top;
                    let at_foot = (above >= min_band).then(|| fill(&elems, i, p.ncols, above, grid, true, false)).filter(|f| f.deferred.contains(&w));
                    if let Some(f) = at_foot {
                        p.place_band(&mut elems, &f);
                        p.top = foot;
                        p.place_wide(&mut elems[w]);
                        p.pending.extend(f.deferred.iter().copied().filter(|d| *d != w));
                        i = f.next;
                        p.new_page(&mut elems);
                    } else {
                        let f = fill(&elems, i, p.ncols, avail, grid, true, force);
                        p.pending.extend(f.deferred.iter().copied());
                        p.place_band(&mut elems, &f);
                        i = f.next;
                        if f.stop == Stop::Full || !p.pending.is_empty() {
                            p.new_page(&mut elems);
                        }
                    }
                }
            }
        }
    }
    while !p.pending.is_empty() {
        p.new_page(&mut elems);
    }
    if !p.page_empty() || p.pages.is_empty() {
        p.new_page(&mut elems);
    }
    let mut pages = p.pages;
    // Front matter is numbered i, ii, …; the body from 1.
    let body_start = p.body_start.min(pages.len());
    for (k, page) in pages.iter_mut().enumerate() {
        page.front = k < body_start;
        page.number = if page.front { k + 1 } else { k - body_start + 1 };
    }
    super::furniture::furniture(doc, flow, &mut pages, doc.cover.is_some());
    Layout { pages, outline: p.outline, warnings: Vec::new(), structure: Vec::new() }
}

fn band_height(elems: &[Elem], f: &Fill) -> Pt {
    f.cols
        .iter()
        .flat_map(|c| c.iter().filter(|(i, _)| is_content(&elems[*i])).map(|(i, y)| *y + elems[*i].height))
        .fold(Pt::ZERO, Pt::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(h: f32, keep: bool) -> Elem {
        Elem { height: Pt(h), kind: Kind::Content(Vec::new()), keep_with_next: keep, grid: false }
    }

    fn column_of(f: &Fill) -> Vec<Vec<usize>> {
        f.cols.iter().map(|c| c.iter().map(|(i, _)| *i).collect()).collect()
    }

    #[test]
    fn lines_fill_columns_in_order() {
        let e: Vec<Elem> = (0..10).map(|_| line(10.0, false)).collect();
        let f = fill(&e, 0, 2, Pt(45.0), Pt::ZERO, false, true);
        assert_eq!(column_of(&f), vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]]);
        assert_eq!((f.stop, f.next), (Stop::Full, 8));
    }

    #[test]
    fn a_kept_pair_moves_to_the_next_column_together() {
        let mut e: Vec<Elem> = (0..10).map(|_| line(10.0, false)).collect();
        e[3].keep_with_next = true;
        let f = fill(&e, 0, 2, Pt(45.0), Pt::ZERO, false, true);
        assert_eq!(column_of(&f)[0], vec![0, 1, 2]);
        assert_eq!(column_of(&f)[1], vec![3, 4, 5, 6]);
    }

    #[test]
    fn an_unbreakable_chain_moves_whole_unless_at_the_top_of_a_page() {
        // Line 0, then a chain of five lines that keep together, in columns of four.
        let mut e = vec![line(10.0, false)];
        e.extend((0..5).map(|k| line(10.0, k < 4)));
        let moved = fill(&e, 0, 2, Pt(40.0), Pt::ZERO, false, false);
        assert_eq!(column_of(&moved)[0], vec![0]);
        let f = fill(&e, 1, 2, Pt(40.0), Pt::ZERO, false, true);
        // Too long for any column: broken where it overflows.
        assert_eq!(column_of(&f), vec![vec![1, 2, 3, 4], vec![5]]);
    }

    #[test]
    fn space_is_dropped_at_the_top_of_a_column() {
        let e = vec![line(10.0, false), Elem { height: Pt(5.0), kind: Kind::Space, keep_with_next: false, grid: false }, line(10.0, false)];
        let f = fill(&e, 0, 2, Pt(12.0), Pt::ZERO, false, true);
        assert_eq!(column_of(&f), vec![vec![0], vec![2]]);
        assert_eq!(f.cols[1][0].1, Pt::ZERO);
    }

    #[test]
    fn grid_lines_snap_below_other_elements() {
        let mut body = line(10.0, false);
        body.grid = true;
        let e = vec![line(14.0, false), body];
        let f = fill(&e, 0, 1, Pt(100.0), Pt(10.0), false, true);
        assert_eq!(f.cols[0][1].1, Pt(20.0));
    }

    #[test]
    fn balancing_makes_columns_end_together() {
        let e: Vec<Elem> = (0..9).map(|_| line(10.0, false)).collect();
        let f = balance(&e, 0, 3, Pt(500.0), Pt::ZERO, true, Stop::End).unwrap();
        assert_eq!(column_of(&f), vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]]);
        assert!((band_height(&e, &f).get() - 30.0).abs() < 0.3);
    }

    #[test]
    fn a_wide_element_stops_the_band() {
        let mut e: Vec<Elem> = (0..4).map(|_| line(10.0, false)).collect();
        e.insert(2, Elem { height: Pt(50.0), kind: Kind::Wide(Vec::new()), keep_with_next: false, grid: false });
        let f = fill(&e, 0, 2, Pt(100.0), Pt::ZERO, false, true);
        assert_eq!(f.stop, Stop::Wide(2));
        let skipped = fill(&e, 0, 2, Pt(100.0), Pt::ZERO, true, true);
        assert_eq!((skipped.stop, skipped.deferred.clone()), (Stop::End, vec![2]));
    }
}
