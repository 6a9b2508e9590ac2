//! The contents list: each item's title, date and page, with dot leaders.

use crate::text::inline::StyledText;
use crate::units::Pt;

use super::flow::{Elem, Flow, Kind, TextStyle};
use super::{Glyph, Item, Point, Role, Target, TextRun};

/// Appends the contents list to the flow. Page numbers are not known yet:
/// each entry holds an [`Item::PageRef`] in room reserved for the widest
/// number, which [`fill_page_refs`] replaces once the pages are made.
pub fn contents(flow: &mut Flow<'_, '_>, out: &mut Vec<Elem>) {
    let doc = flow.doc();
    let t = &doc.theme;
    let w = flow.col_width;
    let head = flow.sans(1.25, true, t.accent);
    let label = &doc.labels.contents;
    let prev = flow.open(Role::Heading(2, label.clone()));
    let lines = flow.set(&StyledText::plain(label), &head, w);
    flow.close(prev);
    for items in lines {
        out.push(Elem { height: head.leading, kind: Kind::Content(items), keep_with_next: true, grid: false, boxed: false });
    }
    out.push(Elem { height: t.base_size * 0.4, kind: Kind::Space, keep_with_next: true, grid: false, boxed: false });
    let st = flow.sans(0.9, false, t.text);
    let date_st = flow.sans(0.75, false, t.muted);
    // Room for the widest page number the brochure can have.
    let digits = (doc.items.len() * 4 + 10).to_string().len();
    let (_, num_w) = flow.one_line(&t.digits.apply(&"0".repeat(digits)), &st);
    let gap = t.base_size;
    // Right to left, the entry is mirrored: titles and dates flush right,
    // numbers on the left, leaders between.
    let rtl = crate::text::bidi::is_rtl_language(&doc.language);
    let list = flow.open(Role::Contents);
    for (i, item) in doc.items.iter().enumerate() {
        let entry = flow.open(Role::ContentsEntry);
        // The whole entry (title, number, date) is the link's.
        flow.open(Role::Link(item.title_text.clone()));
        let mut title_lines = flow.set(&item.title, &TextStyle { justify: false, ..st }, w - num_w - gap * 2.0);
        let title_n = title_lines.len();
        if rtl {
            for (p, _) in title_lines.iter_mut().flatten() {
                p.x += num_w + gap * 2.0;
            }
        }
        let mut height = st.leading * title_n as f32;
        // Drawn last, so that the entry's words and number make one marked
        // sequence in the tagged PDF, not three around the dots.
        let mut leaders_at: Option<(Point, Item)> = None;
        if let Some(last) = title_lines.last_mut() {
            flow.trailing_space(last);
            let end = super::text_end(last);
            let begin = last.iter().filter(|(_, it)| matches!(it, Item::Text(_))).map(|(p, _)| p.x).reduce(Pt::min).unwrap_or(w);
            let base_y = super::baseline(last);
            // Dot leaders from the title to the number, on a grid shared by
            // all entries: one run of dots whose advances make the gaps
            // (one run, not one per dot: a long contents list stays small).
            let font = t.heading.pick(st.bold, st.italic);
            let dot = flow.shape_run(".", font, st.size, st.color);
            let dot_w = dot.width();
            if let (Some(g), true) = (dot.glyphs.first(), dot_w > Pt::ZERO) {
                let step = dot_w * 2.0;
                let (from, to) = if rtl { (num_w + gap * 0.5, begin - gap * 0.5) } else { (end + gap * 0.5, w - num_w - gap * 0.5) };
                let start = Pt((from.get() / step.get()).ceil() * step.get());
                let n = (((to - dot_w - start).get() / step.get()).floor() + 1.0).max(0.0) as usize;
                if n > 0 {
                    let mut leaders = TextRun::new(dot.font, dot.size, dot.color, ".".repeat(n), n);
                    leaders.tag = dot.tag;
                    let (dx, dy) = dot.offset(0);
                    for k in 0..n {
                        let advance = if k + 1 < n { step } else { dot_w };
                        leaders.push(Glyph::new(g.id, advance, k..k + 1), dx, dy);
                    }
                    leaders_at = Some((Point::new(start, base_y + st.leading * (title_n.max(1) - 1) as f32), Item::Text(leaders)));
                }
            }
            let tag = flow.tag();
            // Numbers flush right (at the leaders' end, right to left).
            let number_end = if rtl { num_w } else { w };
            last.push((Point::new(number_end, base_y), Item::PageRef { item: i, font, size: st.size, color: st.color, tag }));
        }
        let mut items: Vec<(Point, Item)> = Vec::new();
        let mut y = Pt::ZERO;
        for l in title_lines {
            items.extend(l.into_iter().map(|(p, it)| (Point::new(p.x, p.y + y), it)));
            y += st.leading;
        }
        if let Some(d) = &item.date_text {
            let (d_items, d_w) = flow.one_line(d, &date_st);
            let x = if rtl { w - d_w } else { Pt::ZERO };
            items.extend(d_items.into_iter().map(|(p, it)| (Point::new(p.x + x, p.y + y), it)));
            y += date_st.leading;
            height += date_st.leading;
        }
        let tag = flow.tag();
        items.push((Point::new(Pt::ZERO, Pt::ZERO), Item::Link { width: w, height, target: Target::Item(i), tag }));
        items.extend(leaders_at);
        flow.close(entry);
        out.push(Elem { height, kind: Kind::Content(items), keep_with_next: false, grid: false, boxed: false });
        out.push(Elem { height: t.base_size * 0.35, kind: Kind::Space, keep_with_next: false, grid: false, boxed: false });
    }
    flow.close(list);
    out.push(Elem { height: t.base_size, kind: Kind::Space, keep_with_next: false, grid: false, boxed: false });
}

/// Replaces every [`Item::PageRef`] on `pages` by the page number of its
/// item (as `outline` places it; the body numbered from the page with
/// index `body_start`), set flush right at the reference's point.
pub fn fill_page_refs(flow: &mut Flow<'_, '_>, pages: &mut [super::Page], outline: &[super::OutlineEntry], body_start: usize) {
    // The printed number of the page each item starts on.
    let starts: Vec<usize> = outline.iter().map(|e| if e.page < body_start { e.page + 1 } else { e.page - body_start + 1 }).collect();
    for page in pages {
        for (at, item) in &mut page.items {
            let Item::PageRef { item: target, font, size, color, tag } = item else { continue };
            let number = starts.get(*target).map(|p| flow.doc().theme.digits.apply(&p.to_string())).unwrap_or_default();
            let mut run = flow.shape_run(&number, *font, *size, *color);
            run.tag = *tag;
            let mut one = [(*at, Item::Text(run))];
            flow.trailing_space(&mut one);
            let [(_, Item::Text(run))] = one else { continue };
            at.x -= run.width();
            *item = Item::Text(run);
        }
    }
}
