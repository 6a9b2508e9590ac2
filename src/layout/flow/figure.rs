//! Figures in the flow: an image with its credit and caption, sized to the
//! column or the frame within its pixels' print resolution (with warnings
//! when they are too few), and its figure tag.

use crate::diag::Diagnostic;
use crate::layout::{Item, Point, Role, Tag};
use crate::resolve::Figure;
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::{Align, Elem, Flow, Kind, TextStyle, stack_lines};

impl<'a, 's> Flow<'a, 's> {
    /// Warns when an image printed `width` wide has less than 150 dpi, or
    /// when it is set narrower than the `wanted` width because it has too
    /// few pixels to fill it at 150 dpi (`beside`: as an inset the text
    /// runs beside, else centred).
    pub(super) fn check_resolution(&mut self, f: &Figure, width: Pt, wanted: Pt, beside: bool) {
        let img = &self.doc.images[f.image.0 as usize];
        if width < wanted - Pt(0.5) && width >= max_print_width(img.width) - Pt(0.01) {
            let need = (MIN_DPI * wanted.get() / 72.0).ceil();
            let mm = |w: Pt| w.get() * 25.4 / 72.0;
            self.warnings.push(
                Diagnostic::warning(
                    f.source,
                    self.path.clone(),
                    format!(
                        "image `{}` is set {:.0} mm wide, {}, instead of {:.0} mm (its {} pixels are too few to print wider at 150 dpi)",
                        img.path,
                        mm(width),
                        if beside { "with the text beside it" } else { "centred" },
                        mm(wanted),
                        img.width
                    ),
                )
                .with_hint(format!("use an image at least {need:.0} pixels wide to fill the column")),
            );
            return;
        }
        let dpi = img.width as f32 / (width.get() / 72.0);
        if dpi < MIN_DPI {
            let need = (MIN_DPI * width.get() / 72.0).ceil();
            self.warnings.push(
                Diagnostic::warning(f.source, self.path.clone(), format!("image `{}` is printed at {dpi:.0} dpi (below 150 dpi it looks soft in print)", img.path))
                    .with_hint(format!("use an image at least {need:.0} pixels wide ({} now)", img.width)),
            );
        }
    }

    /// "Image © …": the credit as printed, with the word of the item's (or
    /// brochure's) language.
    pub(super) fn credit_words(&self, credit: &StyledText) -> StyledText {
        let word = &self.labels().image_credit;
        if crate::locale::credit_has_word(&credit.text, word) {
            credit.clone()
        } else {
            let mut s = StyledText::plain(&format!("{word} "));
            s.push(&credit.text, Default::default(), None);
            s.source = credit.source;
            s
        }
    }

    /// A figure (image, credit, caption) no wider than `width` and no taller
    /// than `max_h` for the image itself; returns its items and height.
    pub fn figure(&mut self, f: &Figure, width: Pt, max_h: Pt) -> (Vec<(Point, Item)>, Pt) {
        let (w, h) = self.image_size(f, width, max_h);
        self.check_resolution(f, w, width, false);
        self.figure_sized(f, width, w, h)
    }

    /// A figure `width` wide with its image `w` × `h`, centred; the credit
    /// and caption at `width`. Returns its items and height.
    pub(super) fn figure_sized(&mut self, f: &Figure, width: Pt, w: Pt, h: Pt) -> (Vec<(Point, Item)>, Pt) {
        let tag = self.figure_tag(f);
        let mut items = vec![(Point::new((width - w) / 2.0, Pt::ZERO), Item::Image { image: f.image, width: w, height: h, alt: f.alt.clone(), tag, crop: None })];
        let credit = f.credit.as_ref().map(|c| self.credit_words(c));
        let y = self.credit_and_caption(credit.as_ref(), f.caption.as_ref(), width, h, &mut items);
        (items, y)
    }

    /// Under an image `image_h` tall, `width` wide: its credit line (set
    /// right, its trailing space dropped) and caption, tagged as the
    /// caption, into `items`; returns the bottom of what is set.
    pub(super) fn credit_and_caption(&mut self, credit: Option<&StyledText>, caption: Option<&StyledText>, width: Pt, image_h: Pt, items: &mut Vec<(Point, Item)>) -> Pt {
        let t = &self.doc.theme;
        let prev = self.open(Role::Caption);
        let mut y = image_h + self.base() * 0.3;
        if let Some(words) = credit {
            let st = TextStyle { align: Align::Right, ..self.sans(0.72, false, t.muted) };
            let mut lines = self.set(words, &st, width);
            if let Some(last) = lines.last_mut() {
                self.trailing_space(last);
            }
            y = stack_lines(lines, Point::new(Pt::ZERO, y), st.leading, items);
        }
        if let Some(caption) = caption {
            let st = TextStyle { italic: true, family: t.body, ..self.sans(0.85, false, t.muted) };
            let lines = self.set(caption, &st, width);
            y = stack_lines(lines, Point::new(Pt::ZERO, y), st.leading, items);
        }
        self.close(prev);
        y
    }

    /// The size `f`'s image is set at in a space `width` wide, its height
    /// at most `max_h`.
    pub(super) fn image_size(&self, f: &Figure, width: Pt, max_h: Pt) -> (Pt, Pt) {
        let img = &self.doc.images[f.image.0 as usize];
        let aspect = img.height as f32 / img.width as f32;
        // Never enlarged past its pixels at 150 dpi: a small image is set
        // smaller, centred.
        let mut w = width.min(max_print_width(img.width));
        let mut h = w * aspect;
        // A portrait image is no taller than the column is wide: at full
        // width it would take most of a column for one picture.
        let max_h = if aspect > 1.0 { max_h.min(width) } else { max_h };
        if h > max_h {
            // Too tall: scale down, keeping the aspect ratio, and centre.
            h = max_h;
            w = h / aspect;
        }
        (w, h)
    }

    /// Whether a figure asked at full width is set across the frame: not
    /// when its height cap keeps it so narrow that a column's width or
    /// more would stand empty beside it (a portrait or square photo in two
    /// or three columns). Then it is set in the column, and a warning says
    /// so.
    fn spans_the_frame(&mut self, f: &Figure, cap: Pt) -> bool {
        if !f.full_width || self.doc.theme.columns < 2 {
            return false;
        }
        let (w, _) = self.image_size(f, self.frame_width, cap);
        let room = self.frame_width - self.col_width;
        if w > room {
            return true;
        }
        let img = &self.doc.images[f.image.0 as usize];
        let mm = |w: Pt| w.get() * 25.4 / 72.0;
        let (why, hint) = if w >= max_print_width(img.width) - Pt(0.01) {
            (format!("its {} pixels print no wider at 150 dpi", img.width), format!("use an image at least {:.0} pixels wide to span the frame, or write `width: column`", (MIN_DPI * room.get() / 72.0).ceil()))
        } else {
            ("its height limit keeps it that narrow".to_string(), "use a wider picture (or crop it wider) to span the frame, or write `width: column`".to_string())
        };
        self.warnings.push(
            Diagnostic::warning(
                f.source,
                format!("{}.width", self.path),
                format!("image `{}` is set at column width: across the frame it would be {:.0} mm wide ({why}), with {:.0} mm of the frame empty beside it", img.path, mm(w), mm(self.frame_width - w)),
            )
            .with_hint(hint),
        );
        false
    }

    /// The tag of a figure's image: a figure node with its text
    /// alternative, or none for a decorative image (`alt: ""`).
    pub(super) fn figure_tag(&mut self, f: &Figure) -> Option<Tag> {
        if f.alt.as_deref() == Some("") {
            return None;
        }
        let prev = self.open(Role::Figure(f.alt.clone()));
        self.note_source(f.source);
        let tag = self.tag();
        self.close(prev);
        tag
    }

    pub(super) fn figure_elem(&mut self, f: &Figure, out: &mut Vec<Elem>, keep: bool) {
        // A figure never fills a whole column by itself: its image is at
        // most `theme.max_figure_height` of the frame's height.
        let cap = self.doc.theme.max_figure_height.of(self.frame_height);
        if self.spans_the_frame(f, cap) {
            let (items, h) = self.figure(f, self.frame_width, cap);
            let shrink = image_height(&items) * FIGURE_SHRINK;
            out.push(Elem { height: h + self.base() * 0.8, kind: Kind::WideFigure { items, shrink }, keep_with_next: false, grid: false, boxed: false });
        } else {
            // A share of the column without `float`: a narrower figure,
            // centred in the column.
            let width = f.share.map_or(self.col_width, |s| self.col_width * s);
            let (mut items, h) = self.figure(f, width, cap);
            let dx = (self.col_width - width) / 2.0;
            if dx > Pt::ZERO {
                for (p, _) in &mut items {
                    p.x += dx;
                }
            }
            // The paginator may set the image down to half its height (and
            // width) where that fills a column that would be left short.
            let image_h = image_height(&items);
            out.push(Elem { height: h, kind: Kind::Figure { items, shrink: image_h * FIGURE_SHRINK, float: keep }, keep_with_next: keep, grid: false, boxed: false });
            Self::space(out, self.base() * 0.8, keep);
        }
    }
}

/// The resolution below which an image looks soft in print.
pub(super) const MIN_DPI: f32 = 150.0;

/// The share of its height a column figure's image may lose when the
/// paginator sets it smaller to fill a column.
const FIGURE_SHRINK: f32 = 0.5;

/// The height of a figure's image (its first item).
fn image_height(items: &[(Point, Item)]) -> Pt {
    match items.first() {
        Some((_, Item::Image { height, .. })) => *height,
        _ => Pt::ZERO,
    }
}

/// The widest an image of `pixels` across is printed: 150 dpi.
pub(super) fn max_print_width(pixels: u32) -> Pt {
    Pt(pixels as f32 * 72.0 / MIN_DPI)
}
