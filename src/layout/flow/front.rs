//! The brochure's opening: the title block across the columns, or the
//! cover page (image out to the trim edge, titles, byline).

use crate::layout::{Item, Point, Role};
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::{Align, Elem, Flow, Kind, TextStyle, stack_lines};

impl<'a, 's> Flow<'a, 's> {
    pub(super) fn title_block(&mut self, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let mut wide: Vec<(Point, Item)> = Vec::new();
        let mut y = Pt::ZERO;
        let w = self.frame_width;
        let mut add = |lines: Vec<Vec<(Point, Item)>>, leading: Pt, y: &mut Pt| {
            for items in lines {
                wide.extend(items.into_iter().map(|(p, it)| (Point::new(p.x, p.y + *y), it)));
                *y += leading;
            }
        };
        let title = self.sans(2.8, true, t.accent);
        let prev = self.open(Role::Heading(1, doc.title_text.clone()));
        let lines = self.set_balanced(&doc.title, &TextStyle { leading: title.size * 1.15, ..title }, w);
        self.close(prev);
        let deeper = lines.last().map_or(Pt::ZERO, |l| self.deeper(l, &title));
        add(lines, title.size * 1.15, &mut y);
        if doc.subtitle.is_some() || doc.publisher.is_some() || doc.date_text.is_some() {
            y += deeper;
        }
        if let Some(sub) = &doc.subtitle {
            self.path = "subtitle".into();
            let st = self.sans(1.45, false, t.text);
            let prev = self.open(Role::Paragraph);
            let lines = self.set(sub, &st, w);
            self.close(prev);
            add(lines, st.leading, &mut y);
        }
        let mut byline = Vec::new();
        if let Some(p) = &doc.publisher {
            byline.push(p.text.clone());
        }
        if let Some(d) = &doc.date_text {
            byline.push(d.clone());
        }
        if !byline.is_empty() {
            self.path = "publisher".into();
            y += self.base() * 0.4;
            let st = self.sans(1.05, false, t.muted);
            let text = StyledText::plain(&byline.join("  ·  "));
            let prev = self.open(Role::Paragraph);
            let lines = self.set(&text, &st, w);
            self.close(prev);
            add(lines, st.leading, &mut y);
        }
        y += self.base() * 0.6;
        wide.push((Point::new(Pt::ZERO, y), Item::Rect { width: w, height: Pt(1.5), color: t.accent }));
        y += self.base() * 1.2;
        out.push(Elem { height: y, kind: Kind::Wide(wide), keep_with_next: false, grid: false, boxed: false });
    }

    /// The cover: the cover image across the top of the page, out to the
    /// trim edge (and into the bleed when there is one), then the title,
    /// subtitle, publisher and date.
    pub(super) fn cover_page(&mut self, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let left = t.margin_inside;
        let w = self.frame_width;
        // The words first: the image takes the room they leave.
        // Each block's lines, leading and space before.
        type Block = (Vec<Vec<(Point, Item)>>, Pt, Pt);
        let mut words: Vec<Block> = Vec::new();
        self.path = "title".into();
        let title = self.sans(3.4, true, t.accent);
        let title = TextStyle { leading: title.size * 1.12, ..title };
        let prev = self.open(Role::Heading(1, doc.title_text.clone()));
        let lines = self.set_balanced(&doc.title, &title, w);
        let deeper = lines.last().map_or(Pt::ZERO, |l| self.deeper(l, &title));
        words.push((lines, title.leading, Pt::ZERO));
        self.close(prev);
        if let Some(sub) = &doc.subtitle {
            self.path = "subtitle".into();
            let st = self.sans(1.7, false, t.text);
            let prev = self.open(Role::Paragraph);
            words.push((self.set(sub, &st, w), st.leading, self.base() * 0.3));
            self.close(prev);
        }
        let rule_gap = self.base() * 2.6;
        for (path, text) in [("publisher", doc.publisher.as_ref().map(|p| p.text.clone())), ("date", doc.date_text.clone())] {
            let Some(text) = text else { continue };
            self.path = path.into();
            let st = self.sans(1.15, false, t.muted);
            let prev = self.open(Role::Paragraph);
            words.push((self.set(&StyledText::plain(&text), &st, w), st.leading, Pt::ZERO));
            self.close(prev);
        }
        // The line after the title clears its letters' depth.
        if let Some(next) = words.get_mut(1) {
            next.2 += deeper;
        }
        let words_h: Pt = words.iter().map(|(lines, leading, before)| *before + *leading * lines.len() as f32).sum::<Pt>() + rule_gap;
        let mut items: Vec<(Point, Item)> = Vec::new();
        let mut y = t.margin_top;
        if let Some(cover) = &doc.cover {
            self.path = "cover.image".into();
            let img = &doc.images[cover.image.0 as usize];
            let aspect = img.height as f32 / img.width as f32;
            let st = TextStyle { align: Align::Right, ..self.sans(0.72, false, t.muted) };
            let mut notes = Vec::new();
            if let Some(c) = &cover.credit {
                notes.push(self.credit_words(c));
            }
            if let Some(c) = &cover.caption {
                notes.push(c.clone());
            }
            let image_tag = self.figure_tag(cover);
            let prev = self.open(Role::Caption);
            let mut note_lines: Vec<Vec<(Point, Item)>> = Vec::new();
            for n in &notes {
                note_lines.extend(self.set(n, &st, w));
                if let Some(last) = note_lines.last_mut() {
                    self.trailing_space(last);
                }
            }
            self.close(prev);
            let notes_h = st.leading * note_lines.len() as f32 + self.base() * 0.4;
            // Never cropped and never distorted: as wide as the page and
            // its bleed, unless that makes it taller than 60 % of the page
            // or than the room the words leave.
            let full = t.page_width + t.bleed * 2.0;
            let room = t.page_height - t.margin_bottom - words_h - notes_h - self.base() * 3.0;
            let (mut iw, mut ih) = (full, full * aspect);
            let max_h = (t.page_height * 0.6 + t.bleed).min(room + t.bleed).max(Pt::ZERO);
            if ih > max_h {
                ih = max_h;
                iw = ih / aspect;
            }
            let top = if iw >= full - Pt(0.01) { -t.bleed } else { t.margin_top };
            if ih > Pt(1.0) {
                self.check_resolution(cover, iw, iw, false);
                items.push((Point::new((t.page_width - iw) / 2.0, top), Item::Image { image: cover.image, width: iw, height: ih, alt: cover.alt.clone(), tag: image_tag, crop: None }));
                y = top + ih + self.base() * 0.4;
            }
            y = stack_lines(note_lines, Point::new(left, y), st.leading, &mut items);
            // The words start in the lower half when there is room for them there.
            let lower_half = t.page_height * 0.5 + self.base() * 3.0;
            y = if lower_half + words_h <= t.page_height - t.margin_bottom { y.max(lower_half) } else { y + self.base() * 1.5 };
        }
        for (k, (lines, leading, before)) in words.into_iter().enumerate() {
            y += before;
            // The accent rule between the titles and the byline.
            if k > 0 && leading == self.sans(1.15, false, t.muted).leading && !items.iter().any(|(_, it)| matches!(it, Item::Rect { .. })) {
                y += self.base() * 1.2;
                // Under the start of the title block: on the right, right to left.
                let x = if self.rtl == Some(true) { left + w * 0.75 } else { left };
                items.push((Point::new(x, y), Item::Rect { width: w * 0.25, height: Pt(2.0), color: t.accent }));
                y += self.base() * 1.4;
            }
            y = stack_lines(lines, Point::new(left, y), leading, &mut items);
        }
        out.push(Elem { height: Pt::ZERO, kind: Kind::FullPage(items), keep_with_next: false, grid: false, boxed: false });
    }
}
