//! Pagination: pours the flow into columns and pages.
//!
//! Elements fill a column top to bottom. When one does not fit, the column
//! ends at the last place where a break is allowed (after an element that
//! does not keep with the next), and the rest moves on. Wide elements
//! (title block, full-width figures) go at the top of the current page when
//! nothing is set there yet, else at the top of the next one.

use crate::resolve::Doc;
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::flow::{Elem, Flow, Kind, Mark};
use super::{Item, Layout, OutlineEntry, Page, Point};

struct Pager<'d> {
    doc: &'d Doc,
    col_width: Pt,
    pages: Vec<Page>,
    items: Vec<(Point, Item)>,
    /// Where the columns of the current page begin (below wide elements).
    region_top: Pt,
    col: u32,
    y: Pt,
    /// Elements placed in the current column: index and y.
    placed: Vec<(usize, Pt)>,
    /// Wide elements waiting for the top of a page.
    pending: Vec<usize>,
    outline: Vec<OutlineEntry>,
}

impl<'d> Pager<'d> {
    fn top(&self) -> Pt {
        self.doc.theme.margin_top
    }

    fn bottom(&self) -> Pt {
        self.doc.theme.page_height - self.doc.theme.margin_bottom
    }

    /// Left edge of the text frame: the inside margin is on the left of
    /// right-hand (odd) pages and on the right of left-hand ones.
    fn frame_left(&self) -> Pt {
        let t = &self.doc.theme;
        if self.pages.len() % 2 == 0 { t.margin_inside } else { t.margin_outside }
    }

    fn col_x(&self, col: u32) -> Pt {
        self.frame_left() + (self.col_width + self.doc.theme.gutter) * col as f32
    }

    fn has_content(&self, elems: &[Elem]) -> bool {
        self.placed.iter().any(|(i, _)| matches!(elems[*i].kind, Kind::Content(_)))
    }

    fn page_empty(&self, elems: &[Elem]) -> bool {
        self.items.is_empty() && !self.has_content(elems)
    }

    fn close_column(&mut self, elems: &[Elem]) {
        let x = self.col_x(self.col);
        for (i, y) in std::mem::take(&mut self.placed) {
            match &elems[i].kind {
                Kind::Content(items) => {
                    self.items.extend(items.iter().map(|(p, it)| (Point::new(p.x + x, p.y + y), it.clone())));
                }
                Kind::Mark(mark) => {
                    let page = self.pages.len();
                    match mark {
                        Mark::Item { title, .. } => {
                            self.outline.push(OutlineEntry { title: title.clone(), page, y, children: Vec::new() });
                        }
                        Mark::Heading(title) => {
                            if let Some(parent) = self.outline.last_mut() {
                                parent.children.push(OutlineEntry { title: title.clone(), page, y, children: Vec::new() });
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        self.col += 1;
        self.y = self.region_top;
        if self.col == self.doc.theme.columns {
            self.close_page(elems);
        }
    }

    fn close_page(&mut self, elems: &[Elem]) {
        let t = &self.doc.theme;
        self.pages.push(Page { width: t.page_width, height: t.page_height, number: self.pages.len() + 1, items: std::mem::take(&mut self.items) });
        self.col = 0;
        self.region_top = self.top();
        self.y = self.region_top;
        // Waiting wide elements open the new page.
        let pending = std::mem::take(&mut self.pending);
        let mut rest = Vec::new();
        for i in pending {
            if rest.is_empty() && (self.region_top + elems[i].height <= self.bottom() || self.region_top == self.top()) {
                self.place_wide(&elems[i]);
            } else {
                rest.push(i);
            }
        }
        self.pending = rest;
    }

    fn place_wide(&mut self, e: &Elem) {
        let x = self.frame_left();
        if let Kind::Wide(items) = &e.kind {
            let top = self.region_top;
            self.items.extend(items.iter().map(|(p, it)| (Point::new(p.x + x, p.y + top), it.clone())));
        }
        self.region_top += e.height;
        self.y = self.region_top;
    }
}

/// Places the flow on pages, then adds running headers and footers.
pub fn paginate(doc: &Doc, flow: &mut Flow<'_, '_>, elems: Vec<Elem>) -> Layout {
    let mut p = Pager {
        doc,
        col_width: flow.col_width,
        pages: Vec::new(),
        items: Vec::new(),
        region_top: doc.theme.margin_top,
        col: 0,
        y: doc.theme.margin_top,
        placed: Vec::new(),
        pending: Vec::new(),
        outline: Vec::new(),
    };
    let mut i = 0;
    while i < elems.len() {
        let e = &elems[i];
        match &e.kind {
            Kind::Space => {
                if p.has_content(&elems) {
                    if p.y + e.height > p.bottom() {
                        p.close_column(&elems);
                    } else {
                        p.placed.push((i, p.y));
                        p.y += e.height;
                    }
                }
                i += 1;
            }
            Kind::Mark(_) => {
                p.placed.push((i, p.y));
                i += 1;
            }
            Kind::ColumnBreak => {
                if p.has_content(&elems) {
                    p.close_column(&elems);
                }
                i += 1;
            }
            Kind::PageBreak => {
                if !p.page_empty(&elems) {
                    while p.col != 0 || !p.placed.is_empty() || !p.items.is_empty() {
                        p.close_column(&elems);
                    }
                }
                i += 1;
            }
            Kind::Wide(_) => {
                let nothing_in_columns = p.col == 0 && !p.has_content(&elems);
                if nothing_in_columns && p.pending.is_empty() && (p.y + e.height <= p.bottom() || p.page_empty(&elems)) {
                    p.place_wide(e);
                } else {
                    p.pending.push(i);
                }
                i += 1;
            }
            Kind::Content(_) => {
                if p.y + e.height <= p.bottom() + Pt(0.01) || !p.has_content(&elems) {
                    p.placed.push((i, p.y));
                    p.y += e.height;
                    i += 1;
                    continue;
                }
                // Break the column at the last allowed place.
                let mut cut = p.placed.len();
                while cut > 0 && elems[p.placed[cut - 1].0].keep_with_next {
                    cut -= 1;
                }
                let keeps_content = p.placed[..cut].iter().any(|(k, _)| matches!(elems[*k].kind, Kind::Content(_)));
                if cut < p.placed.len() && keeps_content {
                    i = p.placed[cut].0;
                    p.placed.truncate(cut);
                }
                p.close_column(&elems);
            }
        }
    }
    if !p.placed.is_empty() || !p.items.is_empty() || p.col != 0 {
        while p.col != 0 || !p.placed.is_empty() || !p.items.is_empty() {
            p.close_column(&elems);
        }
    }
    while !p.pending.is_empty() {
        let before = p.pending.len();
        p.close_page(&elems);
        if p.pending.len() == before {
            // Cannot happen: the first pending element always goes on a new page.
            break;
        }
        while p.col != 0 || !p.items.is_empty() {
            p.close_column(&elems);
        }
    }
    if p.pages.is_empty() {
        p.close_page(&elems);
    }
    let mut pages = p.pages;
    furniture(doc, flow, &mut pages);
    Layout { pages, outline: p.outline, warnings: Vec::new() }
}

/// Running header and footer on every page.
fn furniture(doc: &Doc, flow: &mut Flow<'_, '_>, pages: &mut [Page]) {
    let t = &doc.theme;
    let total = pages.len();
    let st = flow.sans(0.8, false, t.muted);
    for (k, page) in pages.iter_mut().enumerate() {
        let fill = |tpl: &str| {
            tpl.replace("{title}", &doc.title_text)
                .replace("{pages}", &total.to_string())
                .replace("{page}", &(k + 1).to_string())
                .replace("{date}", doc.date_text.as_deref().unwrap_or(""))
        };
        let left = if k % 2 == 0 { t.margin_inside } else { t.margin_outside };
        let frame_w = t.page_width - t.margin_inside - t.margin_outside;
        for (tpl, y) in [(&t.header, t.margin_top - t.base_size * 2.0), (&t.footer, t.page_height - t.margin_bottom + t.base_size * 2.0)] {
            let Some(tpl) = tpl else { continue };
            let text = fill(tpl);
            if text.trim().is_empty() {
                continue;
            }
            let (items, w) = flow.one_line(&StyledText::plain(&text).text, &st);
            let x = left + (frame_w - w) / 2.0;
            // Baseline at `y`: the line box's baseline sits at its own offset.
            let base = items.iter().find_map(|(p, it)| matches!(it, Item::Text(_)).then_some(p.y)).unwrap_or(Pt::ZERO);
            page.items.extend(items.into_iter().map(|(p, it)| (Point::new(p.x + x, p.y - base + y), it)));
        }
    }
}
