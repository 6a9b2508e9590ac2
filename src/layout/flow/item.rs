//! One news item as flow elements: its mark, title, dateline and lead
//! image, summary, body blocks (paragraphs, headings, quotes, figures,
//! lists), links, QR code and tags, and the rule that ends it.

use crate::layout::{Item, Point, Role};
use crate::resolve::{BodyBlock, Item as DocItem};
use crate::text::bidi::is_rtl_language;
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::{Elem, Flow, Kind, Mark, TextStyle};

impl<'a, 's> Flow<'a, 's> {
    fn rule(&self, out: &mut Vec<Elem>) {
        let t = &self.doc.theme;
        Self::space(out, self.base() * 0.8, false);
        out.push(Elem {
            height: self.base() * 1.2,
            kind: Kind::Rule(vec![(Point::new(Pt::ZERO, Pt::ZERO), Item::Rect { width: self.col_width, height: Pt(0.5), color: t.muted })]),
            keep_with_next: false,
            grid: false,
        });
    }

    pub(super) fn item(&mut self, index: usize, item: &DocItem, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let w = self.col_width;
        let body = self.body_style(item.hyphenation);
        self.rtl = is_rtl_language(&item.language).then_some(true);
        self.item = Some(index);
        out.push(Elem { height: Pt::ZERO, kind: Kind::Mark(Mark::Item { index, title: item.title_text.clone() }), keep_with_next: true, grid: false });
        // A section only where it carries a language of its own: each
        // structure element costs about 100 bytes, and the headings already
        // give the outline.
        let section = match (item.language != doc.language).then(|| item.language.clone()) {
            Some(lang) => self.open_with(Role::Section, Some(lang)),
            None => self.tags.cur,
        };
        // Title, date and place, and the lead image are kept together.
        let title = self.sans(1.5, true, t.text);
        let title = TextStyle { leading: title.size * 1.2, ..title };
        let prev = self.open(Role::Heading(2, item.title_text.clone()));
        self.block(&item.title, &title, w, out, true);
        self.close(prev);
        let mut dateline = Vec::new();
        if let Some(d) = &item.date_text {
            dateline.push(d.clone());
        }
        if let Some(l) = &item.location {
            dateline.push(l.text.clone());
        }
        if !dateline.is_empty() {
            Self::space(out, self.base() * 0.15, true);
            let st = self.sans(0.8, true, t.accent);
            let prev = self.open(Role::Paragraph);
            self.block(&StyledText::plain(&dateline.join("  ·  ")), &st, w, out, true);
            self.close(prev);
        }
        Self::space(out, self.base() * 0.5, true);
        if let Some(fig) = &item.image {
            self.path = format!("{}.image", item.path);
            self.figure_elem(fig, out, true);
        }
        if !item.summary.is_empty() {
            self.path = format!("{}.summary", item.path);
            let st = TextStyle { size: self.base() * 1.08, leading: self.base() * 1.08 * 1.4, bold: true, ..body };
            for p in &item.summary {
                let prev = self.open(Role::Paragraph);
                self.para(p, &st, w, Pt::ZERO, out);
                self.close(prev);
                Self::space(out, body.leading * 0.5, false);
            }
        }
        for (j, block) in item.body.iter().enumerate() {
            self.path = format!("{}.body[{j}]", item.path);
            match block {
                BodyBlock::Paragraph(p) => {
                    let prev = self.open(Role::Paragraph);
                    self.para(p, &body, w, Pt::ZERO, out);
                    self.close(prev);
                    Self::space(out, body.leading * 0.5, false);
                }
                BodyBlock::Heading(h) => {
                    Self::space(out, body.leading * 0.3, false);
                    out.push(Elem { height: Pt::ZERO, kind: Kind::Mark(Mark::Heading(h.text.clone())), keep_with_next: true, grid: false });
                    let st = self.sans(1.1, true, t.accent);
                    let prev = self.open(Role::Heading(3, h.text.clone()));
                    self.block(h, &st, w, out, true);
                    self.close(prev);
                    Self::space(out, body.leading * 0.2, true);
                }
                BodyBlock::Quote { text, by } => {
                    Self::space(out, body.leading * 0.3, false);
                    let indent = self.base() * 1.2;
                    // Right to left, the bar and the indent are on the right.
                    let (text_x, bar_x) = if self.rtl == Some(true) { (Pt::ZERO, w - Pt(2.5)) } else { (indent, Pt::ZERO) };
                    let st = TextStyle { size: self.base() * 1.2, leading: self.base() * 1.2 * 1.35, italic: true, justify: false, color: t.accent, hyphenate: None, ..body };
                    // The quotation's words and attribution go straight into
                    // the quote node (a paragraph node each would double
                    // its cost for nothing a reader hears).
                    let quote = self.open(Role::Quote);
                    let mut lines = Vec::new();
                    for p in text {
                        let mut set = self.set(p, &st, w - indent);
                        if let Some(last) = set.last_mut() {
                            self.trailing_space(last);
                        }
                        lines.extend(set);
                    }
                    let mut items = Vec::new();
                    let mut y = Pt::ZERO;
                    for l in lines {
                        items.extend(l.into_iter().map(|(p, it)| (Point::new(p.x + text_x, p.y + y), it)));
                        y += st.leading;
                    }
                    if let Some(by) = by {
                        y += self.base() * 0.2;
                        let st = self.sans(0.8, false, t.muted);
                        let mut words = StyledText::plain("— ");
                        words.push(&by.text, Default::default(), None);
                        for l in self.set(&words, &st, w - indent) {
                            items.extend(l.into_iter().map(|(p, it)| (Point::new(p.x + text_x, p.y + y), it)));
                            y += st.leading;
                        }
                    }
                    self.close(quote);
                    items.insert(0, (Point::new(bar_x, Pt(2.0)), Item::Rect { width: Pt(2.5), height: y - Pt(2.0), color: t.accent }));
                    out.push(Elem { height: y, kind: Kind::Content(items), keep_with_next: false, grid: false });
                    Self::space(out, body.leading * 0.6, false);
                }
                BodyBlock::Figure(f) => {
                    // Named as resolve names it, for the figure's warnings.
                    self.path = format!("{}.body[{j}].image", item.path);
                    self.figure_elem(f, out, false);
                }
                BodyBlock::Gallery(g) => self.gallery_elem(g, out),
                BodyBlock::List(entries) | BodyBlock::NumberedList { entries, .. } => {
                    // A numbered list counts on from its first number; the
                    // numbers, like bullets, are drawn as decoration.
                    let start = if let BodyBlock::NumberedList { start, .. } = block { Some(*start) } else { None };
                    let widest = start.map_or(0, |s| (s + entries.len() as u64 - 1).to_string().len());
                    let indent = self.base() * if start.is_some() { 0.6 + 0.55 * widest as f32 } else { 1.1 };
                    // Right to left, the bullets hang on the right.
                    let (text_x, mark_x) = if self.rtl == Some(true) { (Pt::ZERO, w - indent) } else { (indent, Pt::ZERO) };
                    let list = self.open(Role::List);
                    for (k, e) in entries.iter().enumerate() {
                        let mut el = Vec::new();
                        let entry = self.list_entry();
                        self.para(e, &body, w - indent, text_x, &mut el);
                        self.close(entry);
                        if let Some(Elem { kind: Kind::Content(items), .. }) = el.first_mut() {
                            let prev = self.tags.cur.take();
                            let mark = start.map_or_else(|| "•".to_string(), |s| format!("{}.", s + k as u64));
                            let bullet = self.set(&StyledText::plain(&mark), &TextStyle { justify: false, ..body }, indent);
                            self.tags.cur = prev;
                            items.extend(bullet.into_iter().flatten().map(|(p, it)| (Point::new(p.x + mark_x, p.y), it)));
                        }
                        // Not split after the first entry.
                        if k == 0 {
                            if let Some(last) = el.last_mut() {
                                last.keep_with_next = entries.len() > 1;
                            }
                        }
                        // No space between entries: on the baseline grid
                        // any would open a whole blank line.
                        out.extend(el);
                    }
                    self.close(list);
                    Self::space(out, body.leading * 0.35, false);
                }
            }
        }
        if !item.links.is_empty() {
            self.path = format!("{}.links", item.path);
            Self::space(out, body.leading * 0.2, false);
            let label = self.sans(0.85, true, t.text);
            let prev = self.open(Role::Paragraph);
            self.block(&StyledText::plain(&item.labels.more_information), &label, w, out, true);
            self.close(prev);
            let st = self.sans(0.85, false, t.accent);
            let indent = self.base();
            let rtl = self.rtl == Some(true);
            let (text_x, mark_x) = if rtl { (Pt::ZERO, w - indent) } else { (indent, Pt::ZERO) };
            let list = self.open(Role::List);
            for (text, url) in &item.links {
                let mut linked = StyledText::default();
                linked.push(&text.text, Default::default(), Some(url));
                let mut el = Vec::new();
                let entry = self.list_entry();
                self.para(&linked, &st, w - indent, text_x, &mut el);
                self.close(entry);
                if let Some(Elem { kind: Kind::Content(items), .. }) = el.first_mut() {
                    let prev = self.tags.cur.take();
                    // The arrow points the way the text reads.
                    let arrow = self.set(&StyledText::plain(if rtl { "‹" } else { "›" }), &st, indent);
                    self.tags.cur = prev;
                    items.extend(arrow.into_iter().flatten().map(|(p, it)| (Point::new(p.x + mark_x, p.y), it)));
                }
                out.extend(el);
            }
            self.close(list);
        }
        // theme.qr_codes: the QR code of `qr:` or the first link, kept with
        // the list.
        if let Some(qr) = item.qr.as_deref().and_then(|url| crate::layout::qr::element(self, url, Pt::mm(0.5), w, t.text, self.rtl == Some(true))) {
            if let Some(last) = out.last_mut() {
                last.keep_with_next = true;
            }
            out.push(qr);
        }
        if !item.tags.is_empty() {
            self.path = format!("{}.tags", item.path);
            Self::space(out, body.leading * 0.3, false);
            let st = self.sans(0.75, false, t.muted);
            let prev = self.open(Role::Paragraph);
            self.block(&StyledText::plain(&item.tags.join("  ·  ")), &st, w, out, false);
            self.close(prev);
        }
        self.close(section);
        self.rule(out);
    }

    /// Opens a list entry and its body node; returns the node to close to.
    /// The bullet is decoration (a list entry is announced as one; a label
    /// node would cost another structure element per entry).
    fn list_entry(&mut self) -> Option<u32> {
        let entry = self.open(Role::ListItem);
        self.open(Role::ListBody);
        entry
    }
}
