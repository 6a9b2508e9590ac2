//! Preflight: what a print shop checks before it prints, read from the laid
//! out brochure — each image's pixels, resolution as placed and colour
//! space, each page's boxes, the fonts — and the problems it would send the
//! file back for, each located in the source.

use std::fmt::Write as _;

use crate::diag::{Diagnostic, Span};
use crate::layout::{Item, Layout, roman};
use crate::model;
use crate::resolve::{Doc, ImageData, ImageKind};
use crate::units::Color;

/// Below this many pixels per inch as placed, a picture prints soft.
pub const MIN_PPI: f32 = 150.0;
/// Text smaller than this is hard to keep in register in several inks.
pub const MIN_MULTI_INK_SIZE: f32 = 7.0;

/// An image as placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedImage {
    /// The path as written in the source.
    pub path: String,
    /// The source field (`items[2].image`).
    pub field: String,
    /// Where its path is written.
    pub span: Option<Span>,
    /// Page index (0-based).
    pub page: usize,
    /// Width and height in pixels.
    pub pixels: (u32, u32),
    /// Width and height on the page, in millimetres.
    pub placed_mm: (f32, f32),
    /// Effective resolution as placed, pixels per inch.
    pub ppi: f32,
    /// `gray`, `rgb` or `cmyk`.
    pub color_space: &'static str,
    /// Whether its embedded copy is scaled down to `theme.image_dpi`.
    pub downsampled: bool,
    /// Whether it is printed larger than `theme.image_dpi` allows for its
    /// pixels (its pixels are stretched over more than one dot each).
    pub enlarged: bool,
    /// Whether part of it is cut off (never: images are fitted whole).
    pub cropped: bool,
}

/// A page's boxes, in millimetres: width and height of each.
#[derive(Debug, Clone, PartialEq)]
pub struct PageBoxes {
    /// The page number as printed (`i`, `ii`, `1`, …).
    pub label: String,
    /// The trimmed page.
    pub trim: (f32, f32),
    /// The trim box and the bleed around it.
    pub bleed: (f32, f32),
    /// The whole sheet written (bleed and room for crop marks).
    pub media: (f32, f32),
}

/// The preflight report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every image placement, in page order.
    pub images: Vec<PlacedImage>,
    /// Every page.
    pub pages: Vec<PageBoxes>,
    /// The fonts used (all embedded and subset).
    pub fonts: Vec<String>,
    /// What a print shop would query, located in the source.
    pub flags: Vec<Diagnostic>,
}

fn color_space(kind: ImageKind, data: &[u8]) -> &'static str {
    match kind {
        ImageKind::Jpeg => match crate::render::images::jpeg_components(data) {
            Some(1) => "gray",
            Some(4) => "cmyk",
            _ => "rgb",
        },
        // The IHDR colour type: 0 and 4 grey, 2, 3 and 6 colour.
        ImageKind::Png => match data.get(25) {
            Some(0 | 4) => "gray",
            _ => "rgb",
        },
    }
}

fn mm(p: f32) -> f32 {
    (p * 25.4 / 72.0 * 10.0).round() / 10.0
}

/// Checks the laid-out brochure as a print shop would. `x4` says whether
/// the file is made for the press (`--standard x4`): then RGB content is
/// flagged; `booklet` whether it will be a saddle-stitched booklet (page
/// count a multiple of 4; flagged in any case, as a booklet is the usual
/// print job).
pub(crate) fn preflight(source: &model::Brochure, doc: &Doc, layout: &Layout, x4: bool) -> Report {
    let t = &doc.theme;
    let figs = doc.figures();
    let mut images = Vec::new();
    let mut flags = Vec::new();
    let mut used_fonts = vec![false; doc.fonts.len()];
    // Small text in several inks, by colour: (colour, runs, smallest size, first place).
    let mut small: Vec<(Color, usize, f32, Option<Span>, String)> = Vec::new();
    for (pi, page) in layout.pages.iter().enumerate() {
        for (_, item) in &page.items {
            match item {
                Item::Image { image, width, height, crop, .. } => {
                    let img = &doc.images[image.0 as usize];
                    let (span, field) = figs.iter().find(|(f, _)| f.image == *image).map_or((None, String::new()), |(f, p)| (f.source, p.clone()));
                    // A crop (a gallery's cell) prints its own pixels.
                    let pixels = crop.map_or((img.width, img.height), |c| (c.width, c.height));
                    let ppi = pixels.0 as f32 / (width.get() / 72.0);
                    images.push(PlacedImage {
                        path: img.path.clone(),
                        field,
                        span,
                        page: pi,
                        pixels,
                        placed_mm: (mm(width.get()), mm(height.get())),
                        ppi,
                        color_space: color_space(img.kind, &img.data),
                        downsampled: crate::render::images::downsample_target(
                            &ImageData { width: pixels.0, height: pixels.1, ..img.clone() },
                            width.get(),
                            t.image_dpi,
                        )
                        .is_some(),
                        enlarged: ppi < t.image_dpi as f32,
                        cropped: crop.is_some(),
                    });
                }
                Item::Text(run) => {
                    if let Some(u) = used_fonts.get_mut(run.font.0 as usize) {
                        *u = true;
                    }
                    if run.size.get() < MIN_MULTI_INK_SIZE && run.color.is_multi_ink() {
                        let node = run.tag.and_then(|tag| layout.structure.iter().find(|n| n.id == tag.node));
                        match small.iter_mut().find(|s| s.0 == run.color) {
                            Some(s) => {
                                s.1 += 1;
                                s.2 = s.2.min(run.size.get());
                            }
                            None => {
                                small.push((run.color, 1, run.size.get(), node.and_then(|n| n.span), node.and_then(|n| n.path.clone()).unwrap_or_default()))
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    // Images: resolution, colour, credit (once per figure).
    let mut seen = Vec::new();
    for p in &images {
        if seen.contains(&(p.field.clone(), p.page)) {
            continue;
        }
        seen.push((p.field.clone(), p.page));
        if p.ppi < MIN_PPI {
            let need = (MIN_PPI * p.placed_mm.0 / 25.4).ceil();
            flags.push(
                Diagnostic::warning(
                    p.span,
                    p.field.clone(),
                    format!("image `{}` is placed at {:.0} ppi (below {MIN_PPI:.0} ppi it prints soft)", p.path, p.ppi),
                )
                .with_hint(format!("use an image at least {need:.0} pixels wide ({} now), or print it smaller", p.pixels.0)),
            );
        }
        if x4 && p.color_space == "rgb" {
            flags.push(
                Diagnostic::warning(p.span, p.field.clone(), format!("image `{}` is RGB (the press prints CMYK: the print shop's software converts it)", p.path))
                    .with_hint("PDF/X-4 allows RGB with its profile; to choose the CMYK colours yourself, convert the picture to CMYK for the print shop's profile in an image editor"),
            );
        }
    }
    for (f, field) in &figs {
        if f.credit.is_none() && f.alt.as_deref() != Some("") {
            let path = &doc.images[f.image.0 as usize].path;
            flags.push(
                Diagnostic::warning(f.source, field.clone(), format!("image `{path}` has no credit (who took or owns the picture is not printed)"))
                    .with_hint("add `credit:` with the photographer or owner, e.g. `credit: © UNODC`"),
            );
        }
    }
    // Colours: the theme's fields, for locating.
    let th = &source.theme;
    let theme_colors = [("text", &th.text_color, t.text), ("accent", &th.accent_color, t.accent), ("muted", &th.muted_color, t.muted)];
    let field_of = |c: Color| theme_colors.iter().find(|(_, v, col)| v.is_some() && *col == c).map(|(k, v, _)| (*k, v.as_ref().and_then(|v| v.span)));
    if x4 {
        for (key, v, col) in &theme_colors {
            if let (Some(v), false) = (v, col.is_cmyk()) {
                flags.push(
                    Diagnostic::warning(
                        v.span,
                        format!("theme.colors.{key}"),
                        format!("the {key} colour `{}` is RGB (the press prints CMYK: the print shop's software converts it)", v.value.trim()),
                    )
                    .with_hint(format!("give the CMYK colour the print shop should print, e.g. `{key}: \"cmyk(0, 0, 0, 100)\"`")),
                );
            }
        }
    }
    for (color, runs, size, span, path) in small {
        let (span, path, fix) = match field_of(color) {
            Some((key, s)) => (s, format!("theme.colors.{key}"), format!("give `theme.colors.{key}` one ink, e.g. `cmyk(0, 0, 0, 80)`")),
            None => (
                span,
                path,
                "build with `--standard x4`, which prints the theme's default colours from black ink, or set the colours as `cmyk(…)` with one ink".to_string(),
            ),
        };
        flags.push(
            Diagnostic::warning(span, path, format!("{runs} run{} of text under {MIN_MULTI_INK_SIZE:.0} pt (down to {size:.1} pt) are printed in several inks (`{color}`: the smallest misregistration blurs them)", if runs == 1 { "" } else { "s" }))
                .with_hint(fix),
        );
    }
    let n = layout.pages.len();
    if n % 4 != 0 {
        let blanks = 4 - n % 4;
        let last = doc.items.last();
        flags.push(
            Diagnostic::warning(
                last.and_then(|i| i.span),
                last.map_or_else(String::new, |i| i.path.clone()),
                format!(
                    "the brochure has {} (a saddle-stitched booklet needs a multiple of 4: {blanks} blank page{} would be added)",
                    if n == 1 { "1 page".to_string() } else { format!("{n} pages") },
                    if blanks == 1 { "" } else { "s" }
                ),
            )
            .with_hint("shorten or lengthen the content to fill the pages, or accept blank pages before the back cover (`--impose booklet` adds them)"),
        );
    }
    let off = t.bleed.get() + if t.crop_marks { 18.0 } else { 0.0 };
    let pages = layout
        .pages
        .iter()
        .map(|p| PageBoxes {
            label: if p.front { roman(p.number) } else { p.number.to_string() },
            trim: (mm(p.width.get()), mm(p.height.get())),
            bleed: (mm(p.width.get() + 2.0 * t.bleed.get()), mm(p.height.get() + 2.0 * t.bleed.get())),
            media: (mm(p.width.get() + 2.0 * off), mm(p.height.get() + 2.0 * off)),
        })
        .collect();
    let fonts = doc.fonts.iter().zip(used_fonts).filter(|(_, u)| *u).map(|(f, _)| f.name.clone()).collect();
    Report { images, pages, fonts, flags }
}

impl Report {
    /// The report for people: images, pages, fonts (the flags are printed
    /// as diagnostics).
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "images ({}):", self.images.len());
        for p in &self.images {
            let mut notes = Vec::new();
            if p.downsampled {
                notes.push("downsampled");
            }
            if p.enlarged {
                notes.push("enlarged");
            }
            if p.cropped {
                notes.push("cropped");
            }
            let _ = writeln!(
                s,
                "  page {}: {} ({}): {} × {} px, placed {:.1} × {:.1} mm, {:.0} ppi, {}{}",
                self.pages.get(p.page).map_or_else(|| (p.page + 1).to_string(), |b| b.label.clone()),
                p.path,
                p.field,
                p.pixels.0,
                p.pixels.1,
                p.placed_mm.0,
                p.placed_mm.1,
                p.ppi,
                p.color_space.to_uppercase(),
                if notes.is_empty() { String::new() } else { format!(", {}", notes.join(", ")) }
            );
        }
        let _ = writeln!(s, "pages ({}):", self.pages.len());
        for b in &self.pages {
            let _ = writeln!(
                s,
                "  {}: trim {:.1} × {:.1} mm, bleed {:.1} × {:.1} mm, media {:.1} × {:.1} mm",
                b.label, b.trim.0, b.trim.1, b.bleed.0, b.bleed.1, b.media.0, b.media.1
            );
        }
        let _ = writeln!(s, "fonts ({}, all embedded and subset): {}", self.fonts.len(), self.fonts.join(", "));
        let _ = write!(s, "flags: {}", self.flags.len());
        s
    }

    /// The report as one JSON object (flags as `{line, column, path,
    /// message, hints}`).
    pub fn to_json(&self) -> String {
        let images: Vec<String> = self
            .images
            .iter()
            .map(|p| {
                format!(
                    "{{\"path\":{},\"field\":{},\"line\":{},\"page\":{},\"pixels\":[{},{}],\"placed_mm\":[{},{}],\"ppi\":{:.1},\"color_space\":\"{}\",\"downsampled\":{},\"enlarged\":{},\"cropped\":{}}}",
                    crate::diag::json_string(&p.path),
                    crate::diag::json_string(&p.field),
                    p.span.map_or("null".into(), |s| s.line.to_string()),
                    p.page + 1,
                    p.pixels.0,
                    p.pixels.1,
                    p.placed_mm.0,
                    p.placed_mm.1,
                    p.ppi,
                    p.color_space,
                    p.downsampled,
                    p.enlarged,
                    p.cropped
                )
            })
            .collect();
        let pages: Vec<String> = self
            .pages
            .iter()
            .map(|b| {
                format!(
                    "{{\"label\":{},\"trim_mm\":[{},{}],\"bleed_mm\":[{},{}],\"media_mm\":[{},{}]}}",
                    crate::diag::json_string(&b.label),
                    b.trim.0,
                    b.trim.1,
                    b.bleed.0,
                    b.bleed.1,
                    b.media.0,
                    b.media.1
                )
            })
            .collect();
        let fonts: Vec<String> = self.fonts.iter().map(|f| crate::diag::json_string(f)).collect();
        let flags: Vec<String> = self
            .flags
            .iter()
            .map(|d| {
                let (line, col) = d.span.map_or(("null".into(), "null".into()), |s| (s.line.to_string(), s.col.to_string()));
                let hints: Vec<String> = d.hints.iter().map(|h| crate::diag::json_string(h)).collect();
                format!(
                    "{{\"line\":{line},\"column\":{col},\"path\":{},\"message\":{},\"hints\":[{}]}}",
                    crate::diag::json_string(&d.path),
                    crate::diag::json_string(&d.message),
                    hints.join(",")
                )
            })
            .collect();
        format!(
            "{{\"preflight\":{{\"images\":[{}],\"pages\":[{}],\"fonts\":[{}],\"flags\":[{}]}}}}",
            images.join(","),
            pages.join(","),
            fonts.join(","),
            flags.join(",")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_and_json_strings() {
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(14), "xiv");
        assert_eq!(crate::diag::json_string("a\"b\\\n"), "\"a\\\"b\\\\\\n\"");
    }
}
