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
            boxed: false,
        });
    }

    pub(super) fn item(&mut self, index: usize, item: &DocItem, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let w = self.col_width;
        let body = self.body_style(item.hyphenation);
        self.rtl = is_rtl_language(&item.language).then_some(true);
        self.item = Some(index);
        out.push(Elem { height: Pt::ZERO, kind: Kind::Mark(Mark::Item { index, title: item.title_text.clone() }), keep_with_next: true, grid: false, boxed: false });
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
        self.heading_block(&item.title, &title, w, out, true);
        self.close(prev);
        let deeper = self.last_deeper(out, &title);
        let mut dateline = Vec::new();
        if let Some(d) = &item.date_text {
            dateline.push(d.clone());
        }
        if let Some(l) = &item.location {
            dateline.push(l.text.clone());
        }
        if !dateline.is_empty() {
            Self::space(out, self.base() * 0.15 + deeper, true);
            let st = self.sans(0.8, true, t.accent);
            let prev = self.open(Role::Paragraph);
            self.block(&StyledText::plain(&dateline.join("  ·  ")), &st, w, out, true);
            self.close(prev);
        }
        Self::space(out, self.base() * 0.5, true);
        // Paragraphs already set beside an inset figure.
        let mut wrapped = 0;
        if let Some(fig) = &item.image {
            self.path = format!("{}.image", item.path);
            // A lead image its height cap or its pixels keep narrow (a
            // portrait in one wide column, a small picture) is an inset the
            // first paragraphs wrap round, when no summary stands between
            // them (see `auto_inset`).
            let paras = if item.summary.is_empty() { self.leading_paragraphs(item, 0) } else { Vec::new() };
            match self.auto_inset(fig, &body).filter(|_| !paras.is_empty()) {
                Some((inset, asked)) => wrapped = self.inset(&inset, Some(asked), &paras, &body, out),
                None => self.figure_elem(fig, out, true),
            }
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
        // theme.drop_cap, item.drop_cap: the first paragraph of the body
        // (not the summary) may open with a drop cap; if it gets none (see
        // `drop_cap_para`), neither does a later one.
        let mut drop_cap = item.drop_cap && wrapped == 0;
        for (j, block) in item.body.iter().enumerate() {
            if wrapped > 0 {
                wrapped -= 1;
                continue;
            }
            self.path = format!("{}.body[{j}]", item.path);
            match block {
                BodyBlock::Paragraph(p) if std::mem::take(&mut drop_cap) => {
                    let prev = self.open(Role::Paragraph);
                    if !self.drop_cap_para(p, &body, w, out) {
                        self.para(p, &body, w, Pt::ZERO, out);
                    }
                    self.close(prev);
                    Self::space(out, body.leading * 0.5, false);
                }
                BodyBlock::Figure(f) => {
                    // A figure narrow in a wide column becomes an inset
                    // when a paragraph follows it (see `auto_inset`).
                    let auto = if matches!(item.body.get(j + 1), Some(BodyBlock::Paragraph(_))) { self.auto_inset(f, &body) } else { None };
                    // Named as resolve names it, for the figure's warnings.
                    self.path = format!("{}.body[{j}].image", item.path);
                    if f.float.is_some() || auto.is_some() {
                        let paras = self.leading_paragraphs(item, j + 1);
                        let (f, asked) = auto.as_ref().map_or((f, None), |(a, asked)| (a, Some(*asked)));
                        wrapped = self.inset(f, asked, &paras, &body, out);
                        // A paragraph wrapped round an inset takes no drop cap.
                        drop_cap &= wrapped == 0;
                    } else {
                        self.body_block(block, &body, out);
                    }
                }
                _ => self.body_block(block, &body, out),
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
    pub(super) fn list_entry(&mut self) -> Option<u32> {
        let entry = self.open(Role::ListItem);
        self.open(Role::ListBody);
        entry
    }
}

impl<'a, 's> Flow<'a, 's> {
    /// The paragraphs of `item`'s body from block `from` on, up to the first
    /// block of another kind, with their paths: what an inset figure there
    /// may wrap.
    fn leading_paragraphs<'d>(&self, item: &'d DocItem, from: usize) -> Vec<(String, &'d StyledText)> {
        (from..item.body.len())
            .map_while(|k| if let BodyBlock::Paragraph(p) = &item.body[k] { Some((format!("{}.body[{k}]", item.path), p)) } else { None })
            .collect()
    }
}
