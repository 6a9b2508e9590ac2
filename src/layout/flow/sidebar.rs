//! A box (sidebar) as flow elements: its heading and blocks set by the
//! body's own setting at the inner measure, each element on its slice of
//! the tinted panel, so that a box split over two columns is two panels
//! with the edges at the break left open.

use crate::layout::{Item, Point, Role};
use crate::resolve::BodyBlock;
use crate::text::inline::StyledText;
use crate::units::{Color, Pt};

use super::{Elem, Flow, Kind};

/// The share of the tone's strength the panel is tinted with: light enough
/// that text in the text colour keeps its contrast on it (PDF/UA, WCAG's
/// 4.5:1 for body text, and links in the accent colour too).
const TINT: f32 = 0.1;

/// The padding inside the panel, in body sizes (ems): at the sides, top
/// and foot, and repeated at a split.
pub(crate) const PAD: f32 = 0.8;

/// The width of the bar on the side the text starts from, in the tone's
/// colour: it runs down every part of a split box, the border that
/// continues.
const BAR: Pt = Pt(2.5);

/// How a box's panel is drawn: its width, the tint, the bar's colour and
/// side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Panel {
    /// The column's width.
    pub width: Pt,
    /// The padding on each side of the text.
    pub pad: Pt,
    /// The panel's fill.
    pub tint: Color,
    /// The bar's (and the top and bottom edges') colour.
    pub edge: Color,
    /// Right to left: the bar is on the right.
    pub rtl: bool,
}

impl Panel {
    /// Where the text of the box starts, from the column's left edge.
    pub fn text_x(&self) -> Pt {
        if self.rtl { self.pad } else { BAR + self.pad }
    }

    /// The measure inside the padding and the bar.
    pub fn inner(&self) -> Pt {
        self.width - BAR - self.pad * 2.0
    }

    /// The panel's slice behind an element `height` tall: the fill, then the
    /// bar, drawn under the element's own items.
    pub fn slice(&self, height: Pt) -> [(Point, Item); 2] {
        let bar_x = if self.rtl { self.width - BAR } else { Pt::ZERO };
        [
            (Point::new(Pt::ZERO, Pt::ZERO), Item::Rect { width: self.width, height, color: self.tint }),
            (Point::new(bar_x, Pt::ZERO), Item::Rect { width: BAR, height, color: self.edge }),
        ]
    }

    /// Turns the elements set at the inner measure into the box's parts:
    /// moved in by the padding, off the baseline grid (the panel's slices
    /// meet without gaps), spaces made panel, each on its slice; padding
    /// above and below, with the panel's closed edges.
    pub fn wrap(&self, inner: Vec<Elem>) -> Vec<Elem> {
        let mut parts: Vec<Elem> = Vec::with_capacity(inner.len() + 2);
        let edge = |y: Pt| (Point::new(Pt::ZERO, y), Item::Rect { width: self.width, height: Pt(0.75), color: self.edge });
        let mut top = self.slice(self.pad).to_vec();
        top.push(edge(Pt::ZERO));
        parts.push(Elem { height: self.pad, kind: Kind::Content(top), keep_with_next: true, grid: false, boxed: true });
        let mut inner = inner;
        while inner.last().is_some_and(|e| matches!(e.kind, Kind::Space)) {
            inner.pop();
        }
        let dx = self.text_x();
        for mut e in inner {
            let items = match e.kind {
                Kind::Content(items) | Kind::Figure { items, .. } => items,
                Kind::Space => Vec::new(),
                // Marks (headings for the outline) stay as they are.
                kind => {
                    parts.push(Elem { kind, boxed: true, ..e });
                    continue;
                }
            };
            let mut all = self.slice(e.height).to_vec();
            all.extend(items.into_iter().map(|(p, it)| (Point::new(p.x + dx, p.y), it)));
            e.kind = Kind::Content(all);
            e.grid = false;
            e.boxed = true;
            parts.push(e);
        }
        // The last line is never alone at the foot of the panel's part.
        if let Some(last) = parts.last_mut() {
            last.keep_with_next = true;
        }
        let mut bottom = self.slice(self.pad).to_vec();
        bottom.push(edge(self.pad - Pt(0.75)));
        parts.push(Elem { height: self.pad, kind: Kind::Content(bottom), keep_with_next: false, grid: false, boxed: true });
        parts
    }
}

/// The tint of `tone` behind text in `text`: the lightest of the panel's
/// tints that keeps the text at 4.5:1 or more (a theme with light text
/// gets a lighter panel, or none).
fn legible_tint(tone: Color, text: Color) -> Color {
    [TINT, TINT / 2.0, 0.0].into_iter().map(|s| tone.tint(s)).find(|c| text.contrast(*c) >= 4.5).unwrap_or(tone.tint(0.0))
}

/// The panel behind a box's part `e`, `height` tall and moved by `dy`:
/// where a split box goes on in the next column, its padding is repeated
/// above the part there and below the part before (the margin and the
/// column's foot have room for it; the paginator's measures do not change).
/// Empty for an element that is no part of a box.
pub(crate) fn panel_slice(e: &Elem, dy: Pt, height: Pt) -> Vec<(Point, Item)> {
    let Kind::Content(items) = &e.kind else { return Vec::new() };
    if !e.boxed {
        return Vec::new();
    }
    // Every part's items begin with its slice: the fill, then the bar.
    items
        .iter()
        .take(2)
        .filter_map(|(p, it)| match it {
            Item::Rect { width, color, .. } => Some((Point::new(p.x, p.y + dy), Item::Rect { width: *width, height, color: *color })),
            _ => None,
        })
        .collect()
}

impl<'a, 's> Flow<'a, 's> {
    /// A box: its heading (a level below the item's title) and blocks, in a
    /// section of its own, on a panel at the column's width.
    pub(super) fn sidebar(&mut self, title: &StyledText, blocks: &[BodyBlock], accent: bool, out: &mut Vec<Elem>) {
        let doc = self.doc;
        let t = &doc.theme;
        let tone = if accent { t.accent } else { t.muted };
        let panel = Panel { width: self.col_width, pad: self.base() * PAD, tint: legible_tint(tone, t.text), edge: tone, rtl: self.rtl == Some(true) };
        let column = self.col_width;
        let path = self.path.clone();
        // The body's own setting, at the inner measure.
        self.col_width = panel.inner();
        let hyphenate = self.item.and_then(|i| doc.items[i].hyphenation);
        let body = self.body_style(hyphenate);
        let mut inner = Vec::new();
        let section = self.open(Role::Section);
        let prev = self.open(Role::Heading(3, title.text.clone()));
        self.heading_block(title, &self.sans(1.0, true, t.text), self.col_width, &mut inner, true);
        self.close(prev);
        Self::space(&mut inner, body.leading * 0.25, true);
        for (k, block) in blocks.iter().enumerate() {
            self.path = format!("{path}.box.body[{k}]");
            match block {
                // A figure in a box is at the box's measure.
                BodyBlock::Figure(f) if f.full_width => {
                    let f = crate::resolve::Figure { full_width: false, ..f.clone() };
                    self.body_block(&BodyBlock::Figure(f), &body, &mut inner);
                }
                _ => self.body_block(block, &body, &mut inner),
            }
        }
        self.close(section);
        self.col_width = column;
        self.path = path;
        Self::space(out, body.leading * 0.3, false);
        out.extend(panel.wrap(inner));
        Self::space(out, body.leading * 0.6, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(rtl: bool) -> Panel {
        Panel { width: Pt(200.0), pad: Pt(8.0), tint: Color::rgb(240, 240, 240), edge: Color::rgb(100, 100, 100), rtl }
    }

    fn line(keep: bool) -> Elem {
        let run = Item::Rect { width: Pt(10.0), height: Pt(1.0), color: Color::rgb(0, 0, 0) };
        Elem { height: Pt(14.0), kind: Kind::Content(vec![(Point::new(Pt::ZERO, Pt(10.0)), run)]), keep_with_next: keep, grid: true, boxed: false }
    }

    #[test]
    fn parts_are_padded_tinted_boxed_and_off_the_grid() {
        let space = Elem { height: Pt(5.0), kind: Kind::Space, keep_with_next: false, grid: false, boxed: false };
        let parts = panel(false).wrap(vec![line(false), space.clone(), line(false), space]);
        // Top padding, line, the space made panel, line, bottom padding;
        // the trailing space dropped.
        assert_eq!(parts.iter().map(|e| e.height.get()).collect::<Vec<_>>(), [8.0, 14.0, 5.0, 14.0, 8.0]);
        assert!(parts.iter().all(|e| e.boxed && !e.grid && matches!(e.kind, Kind::Content(_))));
        // Breaks may fall between the lines, never after the top padding or
        // before the bottom one.
        assert_eq!(parts.iter().map(|e| e.keep_with_next).collect::<Vec<_>>(), [true, false, false, true, false]);
        let Kind::Content(items) = &parts[1].kind else { panic!() };
        // The slice under the line: the tint across the column, the bar at
        // the left; the line moved in by the bar and the padding.
        assert_eq!(items[0], (Point::new(Pt::ZERO, Pt::ZERO), Item::Rect { width: Pt(200.0), height: Pt(14.0), color: Color::rgb(240, 240, 240) }));
        assert_eq!(items[1].0, Point::new(Pt::ZERO, Pt::ZERO));
        assert_eq!(items[2].0, Point::new(Pt(10.5), Pt(10.0)));
    }

    #[test]
    fn a_continued_part_repeats_the_panel_not_the_edges() {
        let parts = panel(false).wrap(vec![line(false), line(false)]);
        // Above the second line: the fill and the bar only (no top rule).
        let above = panel_slice(&parts[2], Pt(-8.0), Pt(8.0));
        assert_eq!(above.len(), 2);
        assert_eq!(above[0], (Point::new(Pt::ZERO, Pt(-8.0)), Item::Rect { width: Pt(200.0), height: Pt(8.0), color: Color::rgb(240, 240, 240) }));
        assert_eq!(above[1].1, Item::Rect { width: BAR, height: Pt(8.0), color: Color::rgb(100, 100, 100) });
        assert!(panel_slice(&line(false), Pt::ZERO, Pt(8.0)).is_empty(), "not part of a box");
    }

    #[test]
    fn right_to_left_the_bar_and_padding_mirror() {
        let p = panel(true);
        assert_eq!(p.inner(), Pt(200.0 - 2.5 - 16.0));
        assert_eq!(p.text_x(), Pt(8.0));
        assert_eq!(p.slice(Pt(14.0))[1].0, Point::new(Pt(197.5), Pt::ZERO));
        assert_eq!(panel(false).text_x(), Pt(10.5));
    }

    #[test]
    fn light_text_gets_a_lighter_panel() {
        let tone = Color::rgb(0, 0, 0);
        assert_eq!(legible_tint(tone, Color::rgb(0, 0, 0)), tone.tint(TINT));
        // Grey text: the full tint would leave it under 4.5:1.
        let grey = Color::rgb(0x76, 0x76, 0x76);
        assert!(grey.contrast(tone.tint(TINT)) < 4.5);
        assert!(grey.contrast(legible_tint(tone, grey)) >= 4.5);
    }

    #[test]
    fn text_keeps_its_contrast_on_the_tint() {
        // The default theme's colours: text, accent and muted.
        let (text, accent, muted) = (Color::rgb(0x1d, 0x1d, 0x1b), Color::rgb(0x00, 0x5c, 0x97), Color::rgb(0x5f, 0x63, 0x68));
        for tone in [accent, muted] {
            let tint = tone.tint(TINT);
            assert!(text.contrast(tint) >= 7.0, "{tone}: {}", text.contrast(tint));
            assert!(accent.contrast(tint) >= 4.5, "{tone}: links {}", accent.contrast(tint));
        }
    }
}
