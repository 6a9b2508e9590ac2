//! Pagination: places the flow on pages, following the plan that
//! `breaks` (the search) finds at the cost `cost` sets.
//!
//! A page is a stack of regions: wide elements (the title block, full-width
//! figures) across the frame, and between them bands of columns. The flow
//! is cut into stretches at each wide element, page break and change of
//! columns; for each stretch the search chooses the column breaks, and this
//! module carries them out: it sets figures smaller where the plan needs it,
//! places each column, and balances the last band of a stretch (above a
//! wide element, before a change of columns, at the end of the brochure),
//! so that its columns end at the same height. A pull quote across the
//! first columns opens a band whose other columns go on right under their
//! own text above, not under the foot of the band above.

use std::sync::mpsc::Receiver;

use crate::resolve::Doc;
use crate::text::shape::Shaper;
use crate::units::Pt;

use super::breaks::{self, Column, Cut, Finish, Plan, Stack, Stretch};
use super::flow::{BOX_PAD, Batch, Elem, Flow, Kind, Mark, SPAN, panel_slice, set_items};
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
}

fn is_content(e: &Elem) -> bool {
    matches!(e.kind, Kind::Content(_) | Kind::Figure { .. } | Kind::Rule(_))
}

/// Pours `elems[start..]` into `ncols` columns of `height`, first-fit (the
/// last band of a stretch, which is then balanced).
/// An element taller than the band is placed anyway (and flagged as
/// overflow) only when `force`: at the top of an empty page, where waiting
/// would not help.
#[cfg(test)]
fn fill(elems: &[Elem], start: usize, ncols: usize, height: Pt, grid: Pt, force: bool) -> Fill {
    fill_cut(elems, start, ncols, height, grid, force, Cut::default())
}

/// Like [`fill`], with the first `cut.cols` columns starting `cut.by`
/// lower (under a pull quote).
fn fill_cut(elems: &[Elem], start: usize, ncols: usize, height: Pt, grid: Pt, force: bool, cut: Cut) -> Fill {
    let mut cols: Vec<Vec<(usize, Pt)>> = vec![Vec::new()];
    let mut y = cut.at(0);
    let mut overflow = false;
    let mut i = start;
    let has_content = |col: &Vec<(usize, Pt)>| col.iter().any(|(k, _)| is_content(&elems[*k]));
    // Whether the last content of the column is an item rule.
    let after_rule = |col: &Vec<(usize, Pt)>| col.iter().rev().find(|(k, _)| is_content(&elems[*k])).is_some_and(|(k, _)| matches!(elems[*k].kind, Kind::Rule(_)));
    macro_rules! next_column {
        ($resume:expr) => {{
            if cols.len() == ncols {
                return Fill { cols, next: $resume, stop: Stop::Full, overflow };
            }
            cols.push(Vec::new());
            y = cut.at(cols.len() - 1);
        }};
    }
    while i < elems.len() {
        let e = &elems[i];
        let col = cols.len() - 1;
        match &e.kind {
            Kind::Wide(_) | Kind::WideFigure { .. } | Kind::Span(_) => return Fill { cols, next: i, stop: Stop::Wide(i), overflow },
            Kind::PageBreak | Kind::FullPage(_) | Kind::BodyStart | Kind::SetColumns(_) => return Fill { cols, next: i, stop: Stop::PageBreak(i), overflow },
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
            // No rule at the top of a column, none right after another.
            Kind::Rule(_) if !has_content(&cols[col]) || after_rule(&cols[col]) => i += 1,
            Kind::Content(_) | Kind::Figure { .. } | Kind::Rule(_) => {
                if e.grid && grid > Pt::ZERO && y > cut.at(col) {
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
    Fill { cols, next: i, stop: Stop::End, overflow }
}

/// The shortest band height at which `elems[start..]` up to the same stop
/// fits without overflow, found by bisection; `None` when even `max` fails.
#[expect(clippy::too_many_arguments, reason = "one band's measures; a struct would only rename them")]
fn balance(elems: &[Elem], start: usize, ncols: usize, max: Pt, grid: Pt, force: bool, want: Stop, cut: Cut) -> Option<Fill> {
    let ok = |f: &Fill| f.stop == want && !f.overflow;
    let full = fill_cut(elems, start, ncols, max, grid, force, cut);
    if !ok(&full) || ncols == 1 {
        return ok(&full).then_some(full);
    }
    let (mut lo, mut hi) = (0.0f32, max.get());
    let mut best = full;
    for _ in 0..20 {
        let mid = (lo + hi) / 2.0;
        let f = fill_cut(elems, start, ncols, Pt(mid), grid, force, cut);
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

/// Sets a figure `by` shorter: its image smaller in proportion, centred
/// where it stood, and the credit and caption moved up under it.
fn shrink_figure(e: &mut Elem, by: Pt) {
    let (Kind::Figure { items, shrink, .. } | Kind::WideFigure { items, shrink }) = &mut e.kind else { return };
    let by = by.min(*shrink);
    if by <= Pt::ZERO {
        return;
    }
    let Some((p, Item::Image { width, height, .. })) = items.first_mut() else { return };
    let (w, h) = (*width, *height);
    let new_h = h - by;
    let new_w = w * (new_h.get() / h.get());
    p.x += (w - new_w) / 2.0;
    *width = new_w;
    *height = new_h;
    // Everything after the image stands under it.
    for (q, _) in items.iter_mut().skip(1) {
        q.y -= by;
    }
    *shrink -= by;
    e.height -= by;
}
/// How much each figure of `elems[a..b]` is set smaller so that the
/// column fits `height`: the same share of each one's allowance, the least
/// that does it.
fn column_shrink(elems: &[Elem], col: &Column, height: Pt, grid: Pt) -> f32 {
    let end_at = |r: f32| {
        let mut st = Stack::default();
        for e in col.elements().map(|k| &elems[k]) {
            let h = match e.kind {
                Kind::Figure { shrink, .. } => e.height - shrink * r,
                _ => e.height,
            };
            st.push(e, h, grid);
        }
        st.end
    };
    if end_at(0.0) <= height + Pt(0.01) {
        return 0.0;
    }
    let (mut lo, mut hi) = (0.0f32, 1.0f32);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if end_at(mid) <= height + Pt(0.01) { hi = mid } else { lo = mid }
    }
    hi
}

struct Pager<'d> {
    doc: &'d Doc,
    col_width: Pt,
    pages: Vec<Page>,
    items: Vec<(Point, Item)>,
    /// Where the next band or wide element begins on the current page.
    top: Pt,
    outline: Vec<OutlineEntry>,
    /// Index of the first page of the body (after cover and contents).
    body_start: usize,
    /// Columns of the current band.
    ncols: usize,
    /// A pull quote placed at the top of the band that begins now: the
    /// columns it spans start this much lower than the band's top (which
    /// may stand above the quote's, see [`Pager::lift`]).
    cut: Option<Pt>,
    /// Where each column (in reading order) of the band placed last ends
    /// on the page, trailing space included; empty once anything else is
    /// placed. A column beside a pull quote goes on from there.
    ends: Vec<Pt>,
    /// Pages handed out already: `pages` follows them.
    base: usize,
    /// Whether `body_start` is known (there is no cover, or the body has
    /// begun).
    body_known: bool,
}

impl Pager<'_> {
    fn bottom(&self) -> Pt {
        self.doc.theme.page_height - self.doc.theme.margin_bottom
    }

    /// Left edge of the text frame: the inside margin is on the left of
    /// right-hand (odd) pages and on the right of left-hand ones.
    fn frame_left(&self) -> Pt {
        let t = &self.doc.theme;
        if self.count() % 2 == 0 { t.margin_inside } else { t.margin_outside }
    }

    /// Pages finished so far, handed out or not.
    fn count(&self) -> usize {
        self.base + self.pages.len()
    }

    fn page_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Puts a band's columns on the page and moves below its longest column.
    /// Each element is placed once: its items are moved, not copied.
    fn place_band(&mut self, elems: &mut [Elem], f: &Fill) {
        let left = self.frame_left();
        let mut lowest = Pt::ZERO;
        let mut ends = vec![self.top; self.ncols];
        // In a brochure in a right-to-left language the columns run from the right.
        let t = &self.doc.theme;
        let frame_w = t.page_width - t.margin_inside - t.margin_outside;
        let ncols = ((frame_w + t.gutter).get() / (self.col_width + t.gutter).get()).round().max(1.0) as usize;
        let rtl = crate::text::bidi::is_rtl_language(&self.doc.language);
        let mut placed: Vec<(usize, usize, Pt, Pt)> = Vec::with_capacity(f.cols.iter().map(Vec::len).sum());
        for (n, col) in f.cols.iter().enumerate() {
            let k = if rtl { ncols.saturating_sub(1 + n) } else { n };
            let x = left + (self.col_width + self.doc.theme.gutter) * k as f32;
            // A box split at this column's top or foot: its padding is
            // repeated on the side of the break.
            let contents: Vec<(usize, Pt)> = col.iter().copied().filter(|(i, _)| is_content(&elems[*i])).collect();
            let pad = self.doc.theme.base_size * BOX_PAD;
            if let Some(&(i, y)) = contents.first().filter(|(i, _)| *i > 0 && elems[*i].boxed && elems[*i - 1].boxed) {
                let slice = panel_slice(&elems[i], -pad, pad);
                self.items.extend(slice.into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + y + self.top), it)));
            }
            if let Some(&(i, y)) = contents.last().filter(|(i, _)| elems[*i].boxed && elems.get(*i + 1).is_some_and(|n| n.boxed)) {
                let slice = panel_slice(&elems[i], elems[i].height, pad);
                self.items.extend(slice.into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + y + self.top), it)));
            }
            placed.extend(col.iter().map(|&(i, y)| (i, n, x, y)));
        }
        // In the flow's order, not column by column: a lead image moved to
        // the top of the next column is drawn after its item's title and
        // before the words that follow it in the source, as the structure
        // tree reads (text extraction follows the content's order).
        placed.sort_by_key(|&(i, ..)| i);
        for (i, n, x, y) in placed {
            let y = y + self.top;
            let height = elems[i].height;
            match &mut elems[i].kind {
                Kind::Content(items) | Kind::Figure { items, .. } | Kind::Rule(items) => {
                    self.items.extend(std::mem::take(items).into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + y), it)));
                    lowest = lowest.max(y + height - self.top);
                    if let Some(e) = ends.get_mut(n) {
                        *e = e.max(y + height);
                    }
                }
                Kind::Mark(mark) => {
                    let page = self.count();
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
                Kind::Space => {
                    lowest = lowest.max(y + height - self.top);
                    if let Some(e) = ends.get_mut(n) {
                        *e = e.max(y + height);
                    }
                }
                _ => {}
            }
        }
        self.top += lowest;
        self.ends = ends;
    }

    /// Places the planned columns of one band (`cols`, each `height` tall,
    /// those of `cut` starting lower): sets their figures as small as the
    /// plan needs, then stacks each.
    fn place_columns(&mut self, elems: &mut [Elem], cols: &[Column], height: Pt, grid: Pt, cut: Cut) {
        let mut band = Fill { cols: Vec::with_capacity(cols.len()), next: 0, stop: Stop::Full, overflow: false };
        for (n, c) in cols.iter().enumerate() {
            let below = cut.at(n);
            let r = column_shrink(elems, c, height - below, grid);
            if r > 0.0 {
                for k in c.elements() {
                    if let Kind::Figure { shrink, .. } = elems[k].kind {
                        shrink_figure(&mut elems[k], shrink * r);
                    }
                }
            }
            let mut st = Stack::default();
            let mut col = Vec::new();
            for k in c.elements() {
                if let Some(y) = st.push(&elems[k], elems[k].height, grid) {
                    col.push((k, y + below));
                }
            }
            band.cols.push(col);
        }
        self.place_band(elems, &band);
    }

    fn place_wide(&mut self, e: &mut Elem) {
        self.ends.clear();
        let x = self.frame_left();
        if let Kind::Wide(items) | Kind::WideFigure { items, .. } = &mut e.kind {
            let top = self.top;
            self.items.extend(std::mem::take(items).into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + top), it)));
        }
        self.top += e.height;
    }

    /// Places a pull quote at the top of the band that begins here, across
    /// the first [`SPAN`] columns in reading order (from the right in a
    /// right-to-left brochure, as [`Pager::place_band`] runs them); the
    /// band's top stays where it is.
    fn place_span(&mut self, e: &mut Elem) {
        let Kind::Span(items) = &mut e.kind else { return };
        let t = &self.doc.theme;
        let frame_w = t.page_width - t.margin_inside - t.margin_outside;
        let ncols = ((frame_w + t.gutter).get() / (self.col_width + t.gutter).get()).round().max(1.0) as usize;
        let first = if crate::text::bidi::is_rtl_language(&self.doc.language) { ncols.saturating_sub(SPAN) } else { 0 };
        let x = self.frame_left() + (self.col_width + t.gutter) * first as f32;
        let top = self.top;
        self.items.extend(std::mem::take(items).into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + top), it)));
    }

    /// How much higher than a pull quote's `top` the columns beside it
    /// (after the first [`SPAN`] in reading order) may start: up to the
    /// lowest of their ends in the band just above, in whole `grid` lines
    /// (none when the quote does not follow a band on this page).
    fn lift(&self, top: Pt, grid: Pt) -> Pt {
        let Some(end) = self.ends.iter().skip(SPAN).copied().reduce(Pt::max) else { return Pt::ZERO };
        let room = (top - end).max(Pt::ZERO);
        if grid > Pt::ZERO { grid * (room.get() / grid.get() + 0.01).floor() } else { room }
    }

    fn new_page(&mut self) {
        self.ends.clear();
        let t = &self.doc.theme;
        self.pages.push(Page { width: t.page_width, height: t.page_height, number: 0, front: false, items: std::mem::take(&mut self.items) });
        self.top = t.margin_top;
    }

    /// Carries out the plan of the stretch `s`: its full bands, then the
    /// balanced (or, before a page break, filled) last band.
    fn place_plan(&mut self, elems: &mut [Elem], s: &Stretch, plan: &Plan, want: Stop) {
        let mut fresh = false;
        for (n, band) in plan.columns.chunks(s.ncols).enumerate() {
            if n > 0 {
                self.new_page();
            }
            let (height, cut) = if n == 0 { (s.first, s.cut) } else { (s.page, Cut::default()) };
            self.place_columns(elems, band, height, s.grid, cut);
            // A band of all the columns fills its page.
            fresh = band.len() == s.ncols;
        }
        if plan.rest < s.end {
            if fresh {
                self.new_page();
            }
            let avail = self.bottom() - self.top;
            let reserve = match s.finish {
                Finish::Wide(h) => h,
                _ => Pt::ZERO,
            };
            // The last band is on the stretch's first page, under its pull
            // quote, only when no column came before it.
            let cut = if plan.columns.is_empty() { s.cut } else { Cut::default() };
            if s.finish != Finish::Break {
                // Balanced: the shortest band whose columns are as even as
                // the search can make them, figures set smaller if need be.
                if let Some((cols, h)) = breaks::balanced(elems, plan.rest, s.end, s.ncols, avail - reserve, s.grid, matches!(s.finish, Finish::Wide(_)), cut, s.floats) {
                    self.place_columns(elems, &cols, h, s.grid, cut);
                    return;
                }
            }
            let f = match s.finish {
                Finish::Break => fill_cut(elems, plan.rest, s.ncols, avail, s.grid, self.page_empty(), cut),
                _ => balance(elems, plan.rest, s.ncols, avail - reserve, s.grid, false, want, cut).unwrap_or_else(|| fill_cut(elems, plan.rest, s.ncols, avail, s.grid, true, cut)),
            };
            self.place_band(elems, &f);
        } else if fresh || (!plan.columns.is_empty() && plan.columns.len() % s.ncols != 0 && matches!(s.finish, Finish::Wide(_))) {
            // The stretch ended with its page: what follows starts the next.
            self.top = self.bottom();
        }
    }
}

/// Where the flow's elements come from: the front matter first, then the
/// items a batch at a time, then the closing. Each batch is set on the
/// thread pool while the batch before it is placed (and the first while the
/// front matter is set), and joined to the flow when it is needed, so that
/// a long brochure's flow is not held whole.
pub struct Feed<'s, 'a> {
    /// Where batches are set: the pool the layout runs in.
    scope: &'s rayon::Scope<'a>,
    /// The batch being set, to come with the shapers it is set with.
    ahead: Option<Receiver<(Batch, Vec<Shaper<'a>>)>>,
    /// The next item to join.
    next: usize,
    /// Whether the closing is set: nothing more comes.
    done: bool,
}

/// Items set at a time.
const BATCH: usize = 128;

/// The most elements of one stretch the search works on at once. A longer
/// stretch (the body of a long brochure in one run of columns) is searched
/// a window at a time, and of each window's plan the pages up to
/// [`TAIL`] before its end are kept: what lies beyond a window changes the
/// best breaks of its last pages only. Sixteen thousand elements are about
/// 170 pages of a news brochure in two columns.
const WINDOW: usize = 16_384;

/// Pages of a window's plan given up and searched again with the next
/// window.
const TAIL: usize = 8;

/// Pages held before any is handed out: a brochure shorter than this is
/// laid out whole (its last page may be given up, [`super::layout`]).
pub const HOLD: usize = 128;

impl<'s, 'a> Feed<'s, 'a> {
    /// The feed of `flow`'s brochure, its front matter set into `out`; its
    /// items are set in `scope` with `pool`'s shapers (one per chunk,
    /// [`super::flow::chunks`]).
    pub fn new(flow: &mut Flow<'a, '_>, out: &mut Vec<Elem>, scope: &'s rayon::Scope<'a>, pool: Vec<Shaper<'a>>) -> Self {
        let mut feed = Feed { scope, ahead: None, next: 0, done: false };
        feed.set_ahead(flow.doc(), pool);
        flow.front(out);
        feed
    }

    /// Starts setting the batch from the next item to join, if there is one.
    fn set_ahead(&mut self, doc: &'a Doc, mut pool: Vec<Shaper<'a>>) {
        let (start, n) = (self.next, doc.items.len());
        if start >= n {
            return;
        }
        let (to, from) = std::sync::mpsc::channel();
        self.scope.spawn(move |_| {
            let batch = set_items(doc, start..(start + BATCH).min(n), &mut pool);
            // Nobody waits for it only when the layout is given up.
            let _ = to.send((batch, pool));
        });
        self.ahead = Some(from);
    }

    /// Joins the next batch of items (and after the last, sets the closing)
    /// into `out`; `false` when nothing is left.
    fn more(&mut self, flow: &mut Flow<'a, '_>, out: &mut Vec<Elem>) -> bool {
        if self.done {
            return false;
        }
        if let Some(from) = self.ahead.take() {
            let Some((batch, pool)) = wait(&from) else {
                // The job panicked: the scope it ran in passes that on
                // when it ends, so the brochure stops here.
                self.done = true;
                return false;
            };
            debug_assert_eq!(batch.range.start, self.next);
            self.next = batch.range.end;
            self.set_ahead(flow.doc(), pool);
            flow.join(batch, out);
        }
        if self.next == flow.doc().items.len() {
            flow.closing(out);
            self.done = true;
        }
        true
    }
}

/// What `from` is sent, or `None` if its sender is gone without sending.
/// A thread of the pool waiting for it runs the pool's other work meanwhile,
/// which may be the very job that sends it (a pool of one thread runs it
/// only so).
fn wait<T>(from: &Receiver<T>) -> Option<T> {
    use std::sync::mpsc::TryRecvError;
    loop {
        match from.try_recv() {
            Ok(value) => return Some(value),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        if rayon::yield_now() != Some(rayon::Yield::Executed) {
            break;
        }
    }
    // The job runs on another thread.
    from.recv().ok()
}

/// Where finished pages go while the rest is laid out: each with its index,
/// the structure as far as made, and the bookmarks as far as placed.
pub type Sink<'s> = &'s mut SinkFn<'s>;

/// What a [`Sink`] is called as.
pub type SinkFn<'s> = dyn FnMut(Vec<(usize, Page)>, &[super::StructNode], &[OutlineEntry]) + 's;

/// Places the flow on pages, then adds running headers and footers.
///
/// With a `sink`, once more than [`HOLD`] pages are made, finished pages
/// are numbered, given their header and footer and handed to it as the
/// layout goes on, except those that print page numbers not known yet (the
/// contents): the last pages and then those are returned, each with its
/// index.
pub fn paginate<'a>(doc: &Doc, flow: &mut Flow<'a, '_>, mut elems: Vec<Elem>, feed: &mut Feed<'_, 'a>, mut sink: Option<Sink<'_>>) -> (Layout, Vec<usize>) {
    let grid = flow.grid();
    // The flow ends in the columns of the closing: the body's are the theme's.
    let n = doc.theme.columns.max(1) as f32;
    let col_width = (flow.frame_width - doc.theme.gutter * (n - 1.0)) / n;
    let mut p = Pager {
        doc,
        col_width,
        pages: Vec::new(),
        items: Vec::new(),
        top: doc.theme.margin_top,
        outline: Vec::new(),
        body_start: 0,
        ncols: doc.theme.columns as usize,
        cut: None,
        ends: Vec::new(),
        base: 0,
        body_known: doc.cover.is_none(),
    };
    let mut held: Vec<(usize, Page)> = Vec::new();
    // A band shorter than this is not worth starting: go to the next page.
    let min_band = doc.theme.base_size * 4.0;
    let gap = doc.theme.base_size;
    let mut window = WINDOW;
    let mut i = 0;
    loop {
        if let Some(sink) = sink.as_deref_mut() {
            p.hand_out(flow, &mut held, sink);
        }
        // Elements placed are moved out: drop them (but the one before the
        // next, which a box split there looks back at).
        if i > 4096 {
            elems.drain(..i - 1);
            i = 1;
        }
        // The stretch from `i`: up to its end, or a window's worth of it.
        let mut end = elems.len();
        loop {
            let from = if end < elems.len() { end } else { i };
            end = (from..elems.len()).find(|&k| matches!(elems[k].kind, Kind::Wide(_) | Kind::WideFigure { .. } | Kind::Span(_) | Kind::PageBreak | Kind::FullPage(_) | Kind::BodyStart | Kind::SetColumns(_))).unwrap_or(elems.len());
            if end < elems.len() || elems.len() - i >= window || !feed.more(flow, &mut elems) {
                break;
            }
        }
        let windowed = end == elems.len() && !feed.done && end - i >= window;
        if windowed {
            end = i + window;
        }
        if i > end {
            break;
        }
        // The band under a pull quote: its place was made sure of when the
        // quote was placed.
        let under = p.cut.take();
        if end > i && under.is_none() && p.bottom() - p.top < min_band && !p.page_empty() {
            p.new_page();
        }
        let (finish, want) = match elems.get(end).map(|e| &e.kind) {
            _ if windowed => (Finish::Break, Stop::PageBreak(end)),
            None => (Finish::End, Stop::End),
            Some(Kind::Wide(_)) => (Finish::Wide(elems[end].height + gap), Stop::Wide(end)),
            // A wide figure may be set smaller to fit under the columns.
            Some(Kind::WideFigure { shrink, .. }) => (Finish::Wide(elems[end].height - *shrink + gap), Stop::Wide(end)),
            // A pull quote needs its room and a few lines under it.
            Some(Kind::Span(_)) => (Finish::Wide(gap + span_room(elems[end].height, grid) + min_band), Stop::Wide(end)),
            Some(Kind::SetColumns(_)) => (Finish::End, Stop::PageBreak(end)),
            Some(_) => (Finish::Break, Stop::PageBreak(end)),
        };
        let cut = under.map_or_else(Cut::default, |by| Cut { cols: SPAN.min(p.ncols), by });
        if end > i {
            // Above a pull quote no lead image waits for the next column: the
            // band there is short, and the image would stand apart from its
            // title, after the words that follow it in the source.
            let floats = !matches!(elems.get(end).map(|e| &e.kind), Some(Kind::Span(_)));
            let s = Stretch { start: i, end, ncols: p.ncols, first: p.bottom() - p.top, page: p.bottom() - doc.theme.margin_top, grid, finish, shrink: true, cut, floats };
            let rest_fits = |k: usize, h: Pt, first: bool| {
                if h <= Pt::ZERO || windowed {
                    return false;
                }
                let f = fill_cut(&elems, k, s.ncols, h, grid, false, if first { cut } else { Cut::default() });
                f.stop == want && f.next == end && !f.overflow
            };
            let plan = breaks::search(&elems, &s, &rest_fits);
            if windowed {
                // Keep the plan's pages but its last few, up to a page whose
                // last column holds no figure waiting for the next.
                let nc = s.ncols.max(1);
                let mut keep = (plan.columns.len() / nc).saturating_sub(TAIL);
                while keep > 0 && (plan.columns[keep * nc - 1].skip.is_some() || plan.columns.get(keep * nc).is_some_and(|c| c.head.is_some())) {
                    keep -= 1;
                }
                if keep == 0 {
                    // Nothing to keep yet: search a longer window.
                    window *= 2;
                    p.cut = under;
                    continue;
                }
                window = WINDOW;
                let b = plan.columns[keep * nc - 1].end;
                let kept = Plan { columns: plan.columns[..keep * nc].to_vec(), rest: b, cost: plan.cost };
                p.place_plan(&mut elems, &Stretch { end: b, ..s }, &kept, Stop::PageBreak(b));
                i = b;
                continue;
            }
            let (page, top) = (p.pages.len(), p.top);
            p.place_plan(&mut elems, &s, &plan, want);
            // The band goes on at least under the quote (its columns may
            // hold no content).
            if p.pages.len() == page {
                p.top = p.top.max(top + cut.by);
            }
        } else {
            p.top += cut.by;
        }
        if end == elems.len() {
            break;
        }
        i = end + 1;
        match &mut elems[end].kind {
            Kind::Wide(_) | Kind::WideFigure { .. } => {
                let h = elems[end].height;
                let shrink = match elems[end].kind {
                    Kind::WideFigure { shrink, .. } => shrink,
                    _ => Pt::ZERO,
                };
                // Under the columns above it (set smaller if it must), unless
                // it does not fit there.
                let top = if p.page_empty() { p.top } else { p.top + gap };
                let over = top + h - p.bottom();
                if over > Pt(0.01) && over <= shrink + Pt(0.01) {
                    shrink_figure(&mut elems[end], over);
                    p.top = top;
                } else if over > Pt(0.01) && !p.page_empty() {
                    p.new_page();
                } else {
                    p.top = top;
                }
                p.place_wide(&mut elems[end]);
            }
            Kind::Span(_) => {
                // At the top of the band it opens, which starts a gap under
                // the columns above it, on the next page when the quote and
                // a few lines under it do not fit.
                let room = span_room(elems[end].height, grid);
                let mut top = if p.page_empty() { p.top } else { p.top + gap };
                if top + room + min_band > p.bottom() + Pt(0.01) && !p.page_empty() {
                    p.new_page();
                    top = p.top;
                }
                p.top = top;
                p.place_span(&mut elems[end]);
                // The columns beside it go on under their own text, not
                // under the band's longest column: a balanced band above
                // whose last column came out short would leave a hole in
                // the middle of it. The band starts that many whole lines
                // higher (on the grid of the columns under the quote).
                let lift = p.lift(top, grid);
                p.ends.clear();
                p.top = top - lift;
                p.cut = Some(room + lift);
            }
            Kind::SetColumns(n) => {
                let n = *n;
                // What changes the columns under text of the page (the
                // closing under the last item's columns) stands a line
                // apart from them: right under the shorter column it read
                // as that column's next lines.
                if !p.page_empty() && p.top > doc.theme.margin_top {
                    p.top += grid;
                }
                p.ncols = n as usize;
                p.ends.clear();
                p.col_width = (flow.frame_width - doc.theme.gutter * (n as f32 - 1.0)) / n as f32;
            }
            kind => {
                if !p.page_empty() {
                    p.new_page();
                }
                match kind {
                    Kind::FullPage(items) => {
                        p.items.extend(std::mem::take(items));
                        p.new_page();
                    }
                    Kind::BodyStart => {
                        p.body_start = p.count();
                        p.body_known = true;
                    }
                    _ => {}
                }
            }
        }
    }
    if !p.page_empty() || p.count() == 0 {
        p.new_page();
    }
    p.body_known = true;
    let first = p.base;
    let total = p.count();
    let body_start = p.body_start.min(total);
    let mut pages = std::mem::take(&mut p.pages);
    p.number(&mut pages, first);
    // `{pages}` counts in the numbering `{page}` is in: the front matter's
    // pages (i, ii, …) in the front matter, the body's in the body.
    super::furniture::furniture(doc, flow, &mut pages, first, doc.cover.is_some(), (body_start, total - body_start));
    // The last pages, then those held back: the order to draw them in
    // (every page the contents links to is drawn by then).
    let mut indices: Vec<usize> = (first..total).collect();
    indices.extend(held.iter().map(|(k, _)| *k));
    let mut all = pages;
    all.extend(held.into_iter().map(|(_, page)| page));
    (Layout { pages: all, outline: p.outline, warnings: Vec::new(), structure: Vec::new(), sheet: super::Sheet::of(doc), info: super::Info::of(doc) }, indices)
}

impl Pager<'_> {
    /// Numbers `pages`, the first of which has index `first`: front matter
    /// i, ii, …; the body from 1.
    fn number(&self, pages: &mut [Page], first: usize) {
        for (k, page) in pages.iter_mut().enumerate() {
            let k = first + k;
            page.front = k < self.body_start;
            page.number = if page.front { k + 1 } else { k - self.body_start + 1 };
        }
    }

    /// Hands the finished pages to `sink` once more than [`HOLD`] are made
    /// and their numbers are known, keeping back (in `held`) those that
    /// print page numbers of items.
    fn hand_out(&mut self, flow: &mut Flow<'_, '_>, held: &mut Vec<(usize, Page)>, sink: &mut SinkFn<'_>) {
        if !self.body_known || self.pages.is_empty() || self.count() <= HOLD {
            return;
        }
        let first = self.base;
        let mut pages = std::mem::take(&mut self.pages);
        self.base += pages.len();
        self.number(&mut pages, first);
        // Streaming is only chosen when no header or footer prints the
        // page count.
        super::furniture::furniture(self.doc, flow, &mut pages, first, self.doc.cover.is_some(), (0, 0));
        let mut out = Vec::with_capacity(pages.len());
        for (k, page) in (first..).zip(pages) {
            if page.items.iter().any(|(_, it)| matches!(it, Item::PageRef { .. })) {
                held.push((k, page));
            } else {
                out.push((k, page));
            }
        }
        sink(out, flow.structure(), &self.outline);
    }
}

/// The room a pull quote `height` tall takes at the top of the columns it
/// spans: itself and about two thirds of a line under it, rounded up to
/// whole lines so that the lines under it stay on the grid of the column
/// beside it.
fn span_room(height: Pt, grid: Pt) -> Pt {
    let room = height + grid * 0.6;
    if grid > Pt::ZERO { grid * (room.get() / grid.get() - 0.01).ceil() } else { room }
}

#[cfg(test)]
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
        Elem { height: Pt(h), kind: Kind::Content(Vec::new()), keep_with_next: keep, grid: false, boxed: false }
    }

    fn column_of(f: &Fill) -> Vec<Vec<usize>> {
        f.cols.iter().map(|c| c.iter().map(|(i, _)| *i).collect()).collect()
    }

    #[test]
    fn lines_fill_columns_in_order() {
        let e: Vec<Elem> = (0..10).map(|_| line(10.0, false)).collect();
        let f = fill(&e, 0, 2, Pt(45.0), Pt::ZERO, true);
        assert_eq!(column_of(&f), vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]]);
        assert_eq!((f.stop, f.next), (Stop::Full, 8));
    }

    #[test]
    fn a_kept_pair_moves_to_the_next_column_together() {
        let mut e: Vec<Elem> = (0..10).map(|_| line(10.0, false)).collect();
        e[3].keep_with_next = true;
        let f = fill(&e, 0, 2, Pt(45.0), Pt::ZERO, true);
        assert_eq!(column_of(&f)[0], vec![0, 1, 2]);
        assert_eq!(column_of(&f)[1], vec![3, 4, 5, 6]);
    }

    #[test]
    fn an_unbreakable_chain_moves_whole_unless_at_the_top_of_a_page() {
        // Line 0, then a chain of five lines that keep together, in columns of four.
        let mut e = vec![line(10.0, false)];
        e.extend((0..5).map(|k| line(10.0, k < 4)));
        let moved = fill(&e, 0, 2, Pt(40.0), Pt::ZERO, false);
        assert_eq!(column_of(&moved)[0], vec![0]);
        let f = fill(&e, 1, 2, Pt(40.0), Pt::ZERO, true);
        // Too long for any column: broken where it overflows.
        assert_eq!(column_of(&f), vec![vec![1, 2, 3, 4], vec![5]]);
    }

    #[test]
    fn space_is_dropped_at_the_top_of_a_column() {
        let e = vec![line(10.0, false), Elem { height: Pt(5.0), kind: Kind::Space, keep_with_next: false, grid: false, boxed: false }, line(10.0, false)];
        let f = fill(&e, 0, 2, Pt(12.0), Pt::ZERO, true);
        assert_eq!(column_of(&f), vec![vec![0], vec![2]]);
        assert_eq!(f.cols[1][0].1, Pt::ZERO);
    }

    #[test]
    fn grid_lines_snap_below_other_elements() {
        let mut body = line(10.0, false);
        body.grid = true;
        let e = vec![line(14.0, false), body];
        let f = fill(&e, 0, 1, Pt(100.0), Pt(10.0), true);
        assert_eq!(f.cols[0][1].1, Pt(20.0));
    }

    #[test]
    fn balancing_makes_columns_end_together() {
        let e: Vec<Elem> = (0..9).map(|_| line(10.0, false)).collect();
        let f = balance(&e, 0, 3, Pt(500.0), Pt::ZERO, true, Stop::End, Cut::default()).unwrap();
        assert_eq!(column_of(&f), vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]]);
        assert!((band_height(&e, &f).get() - 30.0).abs() < 0.3);
    }

    #[test]
    fn a_wide_element_stops_the_band() {
        let mut e: Vec<Elem> = (0..4).map(|_| line(10.0, false)).collect();
        e.insert(2, Elem { height: Pt(50.0), kind: Kind::Wide(Vec::new()), keep_with_next: false, grid: false, boxed: false });
        let f = fill(&e, 0, 2, Pt(100.0), Pt::ZERO, true);
        assert_eq!(f.stop, Stop::Wide(2));
    }

    #[test]
    fn a_figure_set_smaller_stays_centred_with_its_caption_under_it() {
        let image = Item::Image { image: crate::resolve::ImageId(0), width: Pt(200.0), height: Pt(100.0), alt: None, tag: None, crop: None };
        let caption = Item::Rect { width: Pt(200.0), height: Pt(1.0), color: crate::units::Color::rgb(0, 0, 0) };
        let mut e = Elem { height: Pt(120.0), kind: Kind::Figure { items: vec![(Point::default(), image), (Point::new(Pt::ZERO, Pt(110.0)), caption)], shrink: Pt(50.0), float: false }, keep_with_next: false, grid: false, boxed: false };
        shrink_figure(&mut e, Pt(20.0));
        assert_eq!(e.height, Pt(100.0));
        let Kind::Figure { items, shrink, .. } = &e.kind else { panic!() };
        assert_eq!(*shrink, Pt(30.0));
        assert_eq!(items[0].0, Point::new(Pt(20.0), Pt::ZERO));
        assert!(matches!(items[0].1, Item::Image { width: Pt(160.0), height: Pt(80.0), .. }), "{:?}", items[0].1);
        assert_eq!(items[1].0.y, Pt(90.0));
    }

    #[test]
    fn columns_under_a_pull_quote_start_lower_and_hold_less() {
        // Columns of ten lines; the first two start three lines lower.
        let e: Vec<Elem> = (0..30).map(|_| line(10.0, false)).collect();
        let cut = Cut { cols: 2, by: Pt(30.0) };
        let f = fill_cut(&e, 0, 3, Pt(100.0), Pt::ZERO, true, cut);
        assert_eq!(f.cols.iter().map(Vec::len).collect::<Vec<_>>(), vec![7, 7, 10]);
        assert_eq!((f.cols[0][0].1, f.cols[1][0].1, f.cols[2][0].1), (Pt(30.0), Pt(30.0), Pt::ZERO));
        assert_eq!((f.stop, f.next), (Stop::Full, 24));
    }

    #[test]
    fn the_room_under_a_pull_quote_is_whole_lines() {
        // 50 tall and 0.6 of a 14 pt line: 58.4, up to five lines.
        assert_eq!(span_room(Pt(50.0), Pt(14.0)), Pt(70.0));
        // Exactly four lines stays four.
        assert_eq!(span_room(Pt(56.0 - 8.4), Pt(14.0)), Pt(56.0));
    }

    #[test]
    fn a_column_sets_its_figures_only_as_much_smaller_as_it_must() {
        let fig = Elem { height: Pt(60.0), kind: Kind::Figure { items: Vec::new(), shrink: Pt(30.0), float: false }, keep_with_next: false, grid: false, boxed: false };
        let e = vec![line(10.0, false), fig, line(10.0, false), line(10.0, false)];
        assert_eq!(column_shrink(&e, &Column::span(0, 4), Pt(90.0), Pt::ZERO), 0.0);
        let r = column_shrink(&e, &Column::span(0, 4), Pt(75.0), Pt::ZERO);
        assert!((r - 0.5).abs() < 0.001, "{r}");
    }
}