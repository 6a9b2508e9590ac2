//! Galleries in the flow: the grid of images (each cropped to its cell
//! around its focus, never past its pixels at 150 dpi), one line of
//! gathered credits and the caption, kept whole in a column or set across
//! the frame, each image tagged as a figure in source order.

use crate::diag::Diagnostic;
use crate::layout::gallery::{GAP_SHARE, crop, grid, mirror};
use crate::layout::{Item, Point};
use crate::resolve::{Figure, Gallery};
use crate::text::inline::StyledText;
use crate::units::Pt;

use super::{Elem, Flow, Kind};

/// The resolution below which an image looks soft in print (as for
/// figures).
const MIN_DPI: f32 = 150.0;

impl<'a, 's> Flow<'a, 's> {
    /// A gallery as one element: in the column, or across the frame when
    /// it asks for `width: full` and there are columns to span.
    pub(super) fn gallery_elem(&mut self, g: &Gallery, out: &mut Vec<Elem>) {
        let t = &self.doc.theme;
        let wide = g.full_width && t.columns > 1;
        let width = if wide { self.frame_width } else { self.col_width };
        let gap = t.gutter * GAP_SHARE;
        let images = &self.doc.images;
        let aspect = g.figures.iter().map(|f| images[f.image.0 as usize].height as f32 / images[f.image.0 as usize].width as f32).sum::<f32>() / g.figures.len() as f32;
        let cap = t.max_figure_height.of(self.frame_height);
        let (mut cells, grid_h) = grid(g.figures.len(), wide, width, gap, aspect, cap);
        if self.rtl == Some(true) {
            mirror(&mut cells, width);
        }
        let mut items = Vec::new();
        let path = self.path.clone();
        for (k, (f, cell)) in g.figures.iter().zip(&cells).enumerate() {
            self.path = format!("{path}.gallery[{k}]");
            let img = &images[f.image.0 as usize];
            let px = crop(img.width, img.height, cell.height.get() / cell.width.get(), f.focus);
            // Never enlarged past its pixels at 150 dpi: set smaller, centred
            // in its cell, at the cell's shape.
            let most = Pt(px.width as f32 * 72.0 / MIN_DPI);
            let (w, h) = if cell.width > most { (most, cell.height * (most.get() / cell.width.get())) } else { (cell.width, cell.height) };
            if w < cell.width - Pt(0.5) {
                self.too_few_pixels(f, px.width, w, cell.width);
            }
            let tag = self.figure_tag(f);
            let at = Point::new(cell.x + (cell.width - w) / 2.0, cell.y + (cell.height - h) / 2.0);
            items.push((at, Item::Image { image: f.image, width: w, height: h, alt: f.alt.clone(), tag, crop: Some(px) }));
        }
        self.path = path;
        let credits = self.gathered_credits(&g.figures);
        let y = self.credit_and_caption(credits.as_ref(), g.caption.as_ref(), width, grid_h, &mut items);
        if wide {
            out.push(Elem { height: y + self.base() * 0.8, kind: Kind::Wide(items), keep_with_next: false, grid: false, boxed: false });
        } else {
            out.push(Elem { height: y, kind: Kind::Content(items), keep_with_next: false, grid: false, boxed: false });
            Self::space(out, self.base() * 0.8, false);
        }
    }

    /// "Images © A, B": the gallery's credits in one line, each name once,
    /// in the order of the images, after the language's word ("Image ©"
    /// for one name). A credit that names itself ("Photo: UN") is listed
    /// as written.
    fn gathered_credits(&self, figures: &[Figure]) -> Option<StyledText> {
        let labels = self.labels();
        let mut names: Vec<String> = Vec::new();
        for f in figures {
            let Some(c) = &f.credit else { continue };
            let text = c.text.trim();
            let name = if crate::locale::credit_has_word(text, &labels.image_credit) { text } else { text.trim_start_matches('©').trim_start() };
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        let word = if names.len() > 1 { &labels.images_credit } else { &labels.image_credit };
        let first = names.first()?;
        let language = self.item.map_or(&self.doc.language, |i| &self.doc.items[i].language);
        let mut s = StyledText::plain(&format!("{word} © {}", names.join(crate::locale::list_separator(language))));
        if names.len() == 1 && crate::locale::credit_has_word(first, &labels.image_credit) {
            s = StyledText::plain(first);
        }
        s.source = figures.iter().find_map(|f| f.credit.as_ref()).and_then(|c| c.source);
        Some(s)
    }

    /// The warning of a gallery image whose crop has too few pixels to
    /// fill its cell at 150 dpi (the figures' warning, for the crop).
    fn too_few_pixels(&mut self, f: &Figure, pixels: u32, width: Pt, wanted: Pt) {
        let img = &self.doc.images[f.image.0 as usize];
        let mm = |w: Pt| w.get() * 25.4 / 72.0;
        let need = (MIN_DPI * wanted.get() / 72.0).ceil() * img.width as f32 / pixels.max(1) as f32;
        self.warnings.push(
            Diagnostic::warning(
                f.source,
                self.path.clone(),
                format!("image `{}` is set {:.0} mm wide, centred, instead of {:.0} mm (the {pixels} pixels of its crop are too few to print wider at 150 dpi)", img.path, mm(width), mm(wanted)),
            )
            .with_hint(format!("use an image at least {:.0} pixels wide to fill its cell", need.ceil())),
        );
    }
}
