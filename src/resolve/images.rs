//! Images and the colour profile: the picture files (or bytes) a source
//! names, checked (kind, header, size) and loaded once, the figures that
//! show them, and the theme's CMYK output profile.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::model::{self, Spanned};
use crate::text::inline::Quotes;

use super::files::{io_reason, path_hints};
use super::{Figure, ImageData, ImageId, ImageKind, Resolver, Side};

/// The most pixels an image may have. Its header is read before anything is
/// decoded, so a file that claims 100,000 × 100,000 pixels (a decompression
/// bomb) is refused at once instead of exhausting memory.
pub const MAX_PIXELS: u64 = 80_000_000;

impl Resolver {
    /// Reads `theme.output_profile`: an ICC profile of a CMYK printing
    /// condition (an output profile of four channels).
    pub(super) fn output_profile(&mut self, v: &Spanned<String>) -> Option<(String, Arc<Vec<u8>>)> {
        let path = "theme.output_profile";
        let rel = v.value.trim();
        let file = self.locate(v, path, "colour profile")?;
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                self.error(v.span, path, format!("failed to load colour profile `{rel}` ({})", io_reason(&e)), "paths are relative to the brochure's folder");
                return None;
            }
        };
        // The ICC header: size, …, device class at 12, colour space at 16,
        // `acsp` at 36.
        let ok = bytes.len() >= 128 && &bytes[36..40] == b"acsp";
        if !ok {
            self.error(v.span, path, format!("`{rel}` is not an ICC colour profile"), "give the `.icc` file of the printing condition, from the print shop");
            return None;
        }
        if &bytes[16..20] != b"CMYK" || &bytes[12..16] != b"prtr" {
            let space = String::from_utf8_lossy(&bytes[16..20]).trim().to_string();
            self.error(v.span, path, format!("`{rel}` is not a CMYK printer profile (it is a {space} profile)"), "ask the print shop for the CMYK output profile of their press and paper, e.g. one for FOGRA39 or FOGRA51");
            return None;
        }
        Some((rel.to_string(), Arc::new(bytes)))
    }

    fn image(&mut self, v: &Spanned<String>, path: &str, given: Option<&model::ImageBytes>) -> Option<ImageId> {
        // Bytes a program gave: no file is read; the same bytes given twice
        // are one image, as the same file named twice is.
        if let Some(given) = given {
            if let Some(i) = self.images.iter().position(|i| Arc::ptr_eq(&i.data, given.shared())) {
                return Some(ImageId(i as u32));
            }
            return self.add_image(v, path, Arc::clone(given.shared()), None);
        }
        let rel = v.value.trim();
        if rel.is_empty() {
            // A missing or empty path was reported when the source was read.
            return None;
        }
        let file = self.locate(v, path, "image")?;
        if let Some(id) = self.image_keys.get(&file) {
            return Some(*id);
        }
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                let mut d = Diagnostic::error(v.span, path, format!("failed to load image `{rel}` ({})", io_reason(&e)));
                if e.kind() == std::io::ErrorKind::NotFound {
                    for hint in path_hints(rel, &self.base) {
                        d = d.with_hint(hint);
                    }
                }
                self.diags.push(d.with_hint("paths are relative to the brochure's folder"));
                return None;
            }
        };
        self.add_image(v, path, Arc::new(bytes), Some(file))
    }

    /// Checks an image's bytes (kind, header, size) and adds it; `file` is
    /// where it was read from, `None` for bytes given in code.
    fn add_image(&mut self, v: &Spanned<String>, path: &str, bytes: Arc<Vec<u8>>, file: Option<PathBuf>) -> Option<ImageId> {
        let rel = v.value.trim();
        let kind = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            ImageKind::Jpeg
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            ImageKind::Png
        } else {
            self.error(v.span, path, format!("failed to load image `{rel}` (not a JPEG or PNG file)"), "convert the image to JPEG or PNG");
            return None;
        };
        let dims = match kind {
            // The PNG header is read here, before any decoder sees the file.
            ImageKind::Png => png_dimensions(&bytes).ok_or(()),
            ImageKind::Jpeg => image::ImageReader::with_format(std::io::Cursor::new(bytes.as_slice()), image::ImageFormat::Jpeg).into_dimensions().map_err(|_| ()),
        };
        let (width, height) = match dims {
            Ok((w, h)) if w > 0 && h > 0 => (w, h),
            Ok(_) => {
                self.error(v.span, path, format!("failed to load image `{rel}` (it has no pixels)"), "");
                return None;
            }
            Err(_) => {
                self.error(v.span, path, format!("failed to load image `{rel}` (the file is damaged or cut short)"), "open and save the image again in an image editor");
                return None;
            }
        };
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            self.error(
                v.span,
                path,
                format!("image `{rel}` is too large ({width} × {height} pixels; the limit is {} million)", MAX_PIXELS / 1_000_000),
                "scale it down: 300 dpi at the printed size is all print needs",
            );
            return None;
        }
        if kind == ImageKind::Jpeg && crate::render::images::jpeg_components(&bytes) == Some(4) && !crate::render::images::adobe_marker(&bytes) {
            // Adobe's CMYK JPEGs store inverted values and say so with an
            // APP14 marker; without one, the values are taken as written.
            self.diags.push(
                Diagnostic::warning(v.span, path, format!("CMYK image `{rel}` has no Adobe marker (its colours are taken as written, not inverted)"))
                    .with_hint("check the picture in the PDF: if it looks like a negative, save it again as a CMYK JPEG from Photoshop, GIMP or Affinity"),
            );
        }
        let id = ImageId(self.images.len() as u32);
        self.images.push(ImageData { path: rel.to_string(), data: bytes, kind, width, height });
        if let Some(file) = file {
            self.image_keys.insert(file, id);
        }
        Some(id)
    }

    pub(super) fn figure(&mut self, img: &model::Image, path: &str, quotes: &Quotes) -> Option<Figure> {
        let image = self.image(&img.src, &format!("{path}.src"), img.bytes.as_ref());
        let (full_width, share, float) = self.figure_width(img, path);
        let focus = self.focus(img.focus.as_ref(), &format!("{path}.focus"));
        Some(Figure {
            focus,
            source: img.src.span,
            image: image?,
            credit: img.credit.as_ref().map(|c| self.pl(c, &format!("{path}.credit"), quotes)),
            caption: img.caption.as_ref().map(|c| self.pl(c, &format!("{path}.caption"), quotes)),
            alt: img.alt.as_ref().map(|a| self.bare(a, &format!("{path}.alt"), quotes)),
            full_width,
            share,
            float,
        })
    }

    /// The figure of an item's lead image or the cover: `float` is only for
    /// images in a body, and is warned about and ignored here.
    pub(super) fn lead_figure(&mut self, img: &model::Image, path: &str, quotes: &Quotes) -> Option<Figure> {
        if let Some(fl) = &img.float {
            self.diags.push(
                Diagnostic::warning(fl.span, format!("{path}.float"), "`float` is only for images in `body` (this image is set without it)")
                    .with_hint("move the image into `body`, just before the paragraph it stands beside, or drop `float`"),
            );
        }
        self.figure(img, path, quotes).map(|f| Figure { float: None, ..f })
    }

    /// `width` (`column`, `full` or a share of the column, 25–60 %) and
    /// `float`: a floating figure without a share is 40 % of the column.
    fn figure_width(&mut self, img: &model::Image, path: &str) -> (bool, Option<f32>, Option<Side>) {
        let float = self.choice(&img.float, &format!("{path}.float"), &[("left", Some(Side::Left)), ("right", Some(Side::Right))], None);
        let wpath = format!("{path}.width");
        let share = match &img.width {
            Some(w) if w.value.trim().ends_with('%') => {
                let v = w.value.trim().trim_end_matches('%').trim();
                match v.parse::<f32>() {
                    Ok(p) if (25.0..=60.0).contains(&p) => Some(p / 100.0),
                    Ok(p) => {
                        self.error(w.span, &wpath, format!("an image's width of {p}% is outside 25%–60% of the column"), "write a share between 25% and 60%, e.g. `width: 40%`, or `column` or `full`");
                        Some(if p < 25.0 { 0.25 } else { 0.6 })
                    }
                    Err(_) => {
                        self.error(w.span, &wpath, format!("`{}` is not a share of the column", w.value.trim()), "write a share between 25% and 60%, e.g. `width: 40%`");
                        None
                    }
                }
            }
            _ => None,
        };
        if share.is_some() {
            return (false, share, float);
        }
        let full = self.choice(&img.width, &wpath, &[("column", false), ("full", true)], false);
        match (float, &img.width) {
            (Some(_), Some(w)) => {
                self.error(w.span, &wpath, format!("a floating image cannot be `{}` wide (the text runs beside it)", w.value.trim()), "give its share of the column, between 25% and 60%, e.g. `width: 40%`, or drop `float`");
                (false, Some(0.4), float)
            }
            (Some(_), None) => (false, Some(0.4), float),
            (None, _) => (full, None, None),
        }
    }
}

/// Width and height from a PNG's IHDR chunk.
fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((w, h))
}
