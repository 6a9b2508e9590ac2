//! The blocks of an item's body (and of a box's) as flow elements:
//! paragraphs, headings, quotes, figures and lists, at the column's measure.

use crate::layout::{Item, Point, Role};
use crate::resolve::BodyBlock;
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::{Elem, Flow, Kind, Mark, TextStyle, stack_lines};

impl<'a, 's> Flow<'a, 's> {
    /// A quote's attribution, "— NAME" in the muted sans at `scale` of the
    /// base size, `width` wide, from `at` (the bottom of the quote's words)
    /// into `items`; returns its bottom.
    pub(super) fn attribution(&mut self, by: &StyledText, scale: f32, width: Pt, at: Point, items: &mut Vec<(Point, Item)>) -> Pt {
        let y = at.y + self.base() * 0.2;
        let st = self.sans(scale, false, self.doc.theme.muted);
        let mut words = StyledText::plain("— ");
        words.push(&by.text, Default::default(), None);
        let lines = self.set(&words, &st, width);
        stack_lines(lines, Point::new(at.x, y), st.leading, items)
    }

    /// One body block in `body`'s style, at the measure of [`Flow::col_width`].
    pub(super) fn body_block(&mut self, block: &BodyBlock, body: &TextStyle, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let w = self.col_width;
        let body = *body;
        match block {
            BodyBlock::Paragraph(p) => {
                let prev = self.open(Role::Paragraph);
                self.para(p, &body, w, Pt::ZERO, out);
                self.close(prev);
                Self::space(out, body.leading * 0.5, false);
            }
            BodyBlock::Heading(h) => {
                Self::space(out, body.leading * 0.3, false);
                out.push(Elem { height: Pt::ZERO, kind: Kind::Mark(Mark::Heading(h.text.clone())), keep_with_next: true, grid: false, boxed: false });
                let st = self.sans(1.1, true, t.accent);
                let prev = self.open(Role::Heading(3, h.text.clone()));
                self.heading_block(h, &st, w, out, true);
                self.close(prev);
                Self::space(out, body.leading * 0.2, true);
            }
            BodyBlock::Quote { text, by, pull: true } => self.pull_quote(text, by.as_ref(), &body, out),
            BodyBlock::Quote { text, by, pull: false } => {
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
                let mut y = stack_lines(lines, Point::new(text_x, Pt::ZERO), st.leading, &mut items);
                if let Some(by) = by {
                    y = self.attribution(by, 0.8, w - indent, Point::new(text_x, y), &mut items);
                }
                self.close(quote);
                items.insert(0, (Point::new(bar_x, Pt(2.0)), Item::Rect { width: Pt(2.5), height: y - Pt(2.0), color: t.accent }));
                out.push(Elem { height: y, kind: Kind::Content(items), keep_with_next: false, grid: false, boxed: false });
                Self::space(out, body.leading * 0.6, false);
            }
            BodyBlock::Figure(f) => {
                self.figure_elem(f, out, false);
            }
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
            BodyBlock::Box { title, body: blocks, accent } => self.sidebar(title, blocks, *accent, out),
            BodyBlock::Gallery(g) => self.gallery_elem(g, out),
        }
    }
}
