//! Right-sizing images before embedding: an image with far more pixels than
//! its printed size needs is downsampled (Catmull-Rom) to the theme's
//! `image_dpi`; everything else, every JPEG in particular, is embedded
//! byte for byte. A crop (a gallery's cell) is cut from the decoded pixels
//! and embedded as an image of its own, right-sized the same way.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::layout::{Crop, Item, Page};
use crate::resolve::{Assets, ImageData, ImageId, ImageKind};

/// Downsample a JPEG only when it has more than twice the pixels per inch it
/// needs: re-encoding costs quality (and time), so a JPEG that is merely a
/// little sharp is embedded as it is.
const JPEG_SLACK: f32 = 2.0;
/// PNGs are lossless: downsampled from one and a half times.
const PNG_SLACK: f32 = 1.5;

/// The bytes embedded for an image or a crop, or why they could not be made.
pub type Made = Result<(Arc<Vec<u8>>, ImageKind), String>;

/// What is embedded for each image and crop drawn so far: for each, the
/// copies made, each right-sized for the widest it was drawn on the pages
/// it was made for. Pages come in batches ([`Store::prepare`]); a batch
/// that draws an image wider than its copies serve gets a copy of its own.
/// A brochure drawn in one batch (every brochure short enough to be held)
/// has one copy of each image, right-sized for the widest it is drawn.
#[derive(Default)]
pub struct Store {
    /// Per image: (width in points it serves, bytes), narrowest first.
    images: BTreeMap<ImageId, Vec<(f32, Made)>>,
    /// The same for each crop of an image (a gallery's cell).
    crops: BTreeMap<(ImageId, Crop), Vec<(f32, Made)>>,
}

impl Store {
    /// Makes what the pages draw and nothing serves yet: decoded, resized
    /// and encoded in parallel, each right-sized for the widest it is drawn
    /// on these pages.
    pub fn prepare<'p>(&mut self, assets: &Assets<'_>, pages: impl IntoIterator<Item = &'p Page>) {
        let mut widest: BTreeMap<(ImageId, Option<Crop>), f32> = BTreeMap::new();
        for page in pages {
            for (_, item) in &page.items {
                if let Item::Image { image, width, crop, .. } = item {
                    let w = widest.entry((*image, *crop)).or_insert(0.0);
                    *w = w.max(width.get());
                }
            }
        }
        let wanted: Vec<((ImageId, Option<Crop>), f32)> = widest
            .into_iter()
            .filter(|((id, crop), w)| {
                let copies = match crop {
                    None => self.images.get(id),
                    Some(c) => self.crops.get(&(*id, *c)),
                };
                copies.is_none_or(|c| c.last().is_none_or(|(served, _)| served < w))
            })
            .collect();
        let dpi = assets.image_dpi;
        let made: Vec<((ImageId, Option<Crop>), f32, Made)> = wanted
            .into_par_iter()
            .map(|((id, crop), drawn)| {
                let img = &assets.images[id.0 as usize];
                let bytes = match crop {
                    None => Ok(right_size(img, drawn, dpi)),
                    Some(c) => cut(img, c, drawn, dpi).map(|b| (Arc::new(b), img.kind)),
                };
                ((id, crop), drawn, bytes)
            })
            .collect();
        for ((id, crop), drawn, bytes) in made {
            match crop {
                None => self.images.entry(id).or_default().push((drawn, bytes)),
                Some(c) => self.crops.entry((id, c)).or_default().push((drawn, bytes)),
            }
        }
    }

    /// The copy of image `id` (or of its crop) that serves drawing it
    /// `width` points wide, with its number among the image's copies; `None`
    /// when no prepared batch drew it.
    pub fn get(&self, id: ImageId, crop: Option<Crop>, width: f32) -> Option<(usize, &Made)> {
        let copies = match crop {
            None => self.images.get(&id)?,
            Some(c) => self.crops.get(&(id, c))?,
        };
        copies.iter().enumerate().find(|(_, (served, _))| *served >= width).or_else(|| copies.iter().enumerate().next_back()).map(|(k, (_, m))| (k, m))
    }
}

/// The bytes to embed for an image drawn at most `drawn` points wide: the
/// file as it is, or a smaller copy.
fn right_size(img: &ImageData, drawn: f32, dpi: u32) -> (Arc<Vec<u8>>, ImageKind) {
    let original = (img.data.clone(), img.kind);
    let Some(target) = downsample_target(img, drawn, dpi) else { return original };
    downsample(&img.data, img.kind, target, img.width, img.height).map_or(original, |bytes| (Arc::new(bytes), img.kind))
}

/// The pixels `c` of `img`, at most as many across as `dpi` needs for
/// `drawn` points (with the same slack as whole images), encoded.
fn cut(img: &ImageData, c: Crop, drawn: f32, dpi: u32) -> Result<Vec<u8>, String> {
    let format = match img.kind {
        ImageKind::Jpeg => image::ImageFormat::Jpeg,
        ImageKind::Png => image::ImageFormat::Png,
    };
    let full = image::load_from_memory_with_format(&img.data, format).map_err(|e| format!("cannot decode it to crop it: {e}"))?;
    if c.x + c.width > full.width() || c.y + c.height > full.height() {
        return Err("the crop is outside the image".into());
    }
    let mut part = full.crop_imm(c.x, c.y, c.width, c.height);
    let target = (drawn / 72.0 * dpi as f32).ceil().max(1.0) as u32;
    let slack = if img.kind == ImageKind::Jpeg { JPEG_SLACK } else { PNG_SLACK };
    if drawn > 0.0 && c.width as f32 > target as f32 * slack {
        let height = ((c.height as f32) * target as f32 / c.width as f32).round().max(1.0) as u32;
        part = part.resize_exact(target, height, image::imageops::FilterType::CatmullRom);
    }
    let mut out = Vec::new();
    let written = match img.kind {
        ImageKind::Jpeg => part.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)),
        ImageKind::Png => part.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)),
    };
    written.map_err(|e| format!("cannot encode its crop: {e}"))?;
    Ok(out)
}

/// The width in pixels an image drawn `drawn` points wide is scaled down
/// to, when it has far more pixels than `dpi` needs; `None` keeps it.
pub fn downsample_target(img: &ImageData, drawn: f32, dpi: u32) -> Option<u32> {
    if drawn <= 0.0 {
        return None;
    }
    let target = (drawn / 72.0 * dpi as f32).ceil().max(1.0) as u32;
    let slack = if img.kind == ImageKind::Jpeg { JPEG_SLACK } else { PNG_SLACK };
    if (img.width as f32) <= target as f32 * slack {
        return None;
    }
    // CMYK JPEGs keep their colours as the source gives them.
    if img.kind == ImageKind::Jpeg && jpeg_components(&img.data) == Some(4) {
        return None;
    }
    Some(target)
}

fn downsample(bytes: &[u8], kind: ImageKind, width: u32, w0: u32, h0: u32) -> Option<Vec<u8>> {
    let format = match kind {
        ImageKind::Jpeg => image::ImageFormat::Jpeg,
        ImageKind::Png => image::ImageFormat::Png,
    };
    let img = image::load_from_memory_with_format(bytes, format).ok()?;
    let height = ((h0 as f32) * width as f32 / w0 as f32).round().max(1.0) as u32;
    let small = img.resize_exact(width, height, image::imageops::FilterType::CatmullRom);
    let mut out = Vec::new();
    match kind {
        ImageKind::Jpeg => small.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)).ok()?,
        ImageKind::Png => small.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)).ok()?,
    }
    // Keep the original when the copy is not smaller after all.
    (out.len() < bytes.len()).then_some(out)
}

/// Whether a JPEG has Adobe's APP14 marker, which says that its CMYK
/// values are stored inverted (the PDF writer decides from the same test).
pub fn adobe_marker(data: &[u8]) -> bool {
    krilla::image::has_adobe_marker(data)
}

/// The number of colour components of a JPEG (1 grey, 3 colour, 4 CMYK),
/// from its frame header.
pub fn jpeg_components(data: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            return None;
        }
        let marker = data[i + 1];
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return data.get(i + 9).copied();
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32, cmyk: bool) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 90]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img).write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)).unwrap();
        if cmyk {
            // Patch the component count of the frame header, as a test of the reader only.
            let i = out.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
            out[i + 9] = 4;
        }
        out
    }

    #[test]
    fn reads_component_counts() {
        assert_eq!(jpeg_components(&jpeg(16, 16, false)), Some(3));
        assert_eq!(jpeg_components(&jpeg(16, 16, true)), Some(4));
        assert_eq!(jpeg_components(b"not a jpeg"), None);
    }

    #[test]
    fn crops_are_cut_from_the_pixels_and_right_sized() {
        let data = Arc::new(jpeg(1200, 800, false));
        let img = ImageData { path: "a.jpg".into(), data, kind: ImageKind::Jpeg, width: 1200, height: 800 };
        let dims = |b: &[u8]| image::ImageReader::with_format(std::io::Cursor::new(b), image::ImageFormat::Jpeg).into_dimensions().unwrap();
        // Drawn 288 pt (4 in) wide at 300 dpi: 1200 px are needed, 800 kept.
        let c = Crop { x: 200, y: 0, width: 800, height: 800 };
        assert_eq!(dims(&cut(&img, c, 288.0, 300).unwrap()), (800, 800));
        // Drawn 72 pt wide: 300 px are needed, more than twice that is cut down.
        assert_eq!(dims(&cut(&img, c, 72.0, 300).unwrap()), (300, 300));
        assert!(cut(&img, Crop { x: 900, y: 0, width: 800, height: 800 }, 72.0, 300).is_err());
    }

    #[test]
    fn downsamples_to_the_asked_width_keeping_the_aspect() {
        let big = jpeg(2400, 1200, false);
        let small = downsample(&big, ImageKind::Jpeg, 600, 2400, 1200).unwrap();
        let (w, h) = image::ImageReader::with_format(std::io::Cursor::new(&small), image::ImageFormat::Jpeg).into_dimensions().unwrap();
        assert_eq!((w, h), (600, 300));
        assert!(small.len() < big.len());
    }
}
