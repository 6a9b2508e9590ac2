//! PDF output with krilla: fonts embedded and subset, JPEGs passed through,
//! links, bookmarks, page boxes and metadata.

use std::fmt;

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target as KTarget};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point as KPoint, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::layout::{Item, Layout, OutlineEntry, Point, Target};
use crate::resolve::{Doc, ImageKind};
use crate::units::{Color, Pt};

/// A moment, in UTC, for the document's creation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Hour.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

/// What the renderer needs from outside the brochure.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Creation date written in the metadata; none when `None`.
    pub creation_date: Option<Timestamp>,
    /// A stable identifier of the content (written as the PDF /ID).
    pub document_id: Option<String>,
}

/// Why a PDF could not be produced.
#[derive(Debug)]
pub enum RenderError {
    /// An image the PDF writer could not read.
    Image {
        /// The path as written in the source.
        path: String,
        /// The reason.
        reason: String,
    },
    /// A font the PDF writer could not read.
    Font(String),
    /// The PDF writer failed.
    Pdf(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Image { path, reason } => write!(f, "failed to embed image `{path}` ({reason})"),
            RenderError::Font(name) => write!(f, "failed to embed font `{name}`"),
            RenderError::Pdf(e) => write!(f, "failed to write the PDF ({e})"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Extra room outside the bleed for crop marks.
const MARK_ROOM: f32 = 18.0;

fn kcolor(c: Color) -> rgb::Color {
    rgb::Color::new(c.r, c.g, c.b)
}

/// Writes the laid-out brochure as PDF bytes.
pub fn render(doc: &Doc, layout: &Layout, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let settings = SerializeSettings { enable_tagging: false, ..SerializeSettings::default() };
    let mut pdf = Document::new_with(settings);
    let fonts: Vec<Font> = doc
        .fonts
        .iter()
        .map(|f| Font::new(f.data.clone().into(), 0).ok_or_else(|| RenderError::Font(f.name.clone())))
        .collect::<Result<_, _>>()?;
    let embedded = super::images::right_size(doc, layout);
    let mut images: Vec<Option<Image>> = vec![None; doc.images.len()];
    let t = &doc.theme;
    let off = t.bleed.get() + if t.crop_marks { MARK_ROOM } else { 0.0 };
    let (tw, th) = (t.page_width.get(), t.page_height.get());
    let (mw, mh) = (tw + 2.0 * off, th + 2.0 * off);
    for page in &layout.pages {
        let b = t.bleed.get();
        let settings = PageSettings::from_wh(mw, mh)
            .ok_or_else(|| RenderError::Pdf("page size".into()))?
            .with_trim_box(Rect::from_xywh(off, off, tw, th))
            .with_bleed_box(Rect::from_xywh(off - b, off - b, tw + 2.0 * b, th + 2.0 * b))
            // The same label on every page of a range: i, ii, … then 1, 2, ….
            .with_page_label(PageLabel::new(Some(if page.front { NumberingStyle::LowerRoman } else { NumberingStyle::Arabic }), None, None));
        let mut p = pdf.start_page_with(settings);
        let mut links = Vec::new();
        {
            let mut s = p.surface();
            for (at, item) in &page.items {
                let at = Point::new(at.x + Pt(off), at.y + Pt(off));
                match item {
                    Item::Text(run) => {
                        let size = run.size.get();
                        // Expanded glyphs are drawn through a horizontal
                        // scale; their advances are given unscaled.
                        let scale = if (run.h_scale - 1.0).abs() > 1e-4 { run.h_scale } else { 1.0 };
                        let glyphs: Vec<KrillaGlyph> = run
                            .glyphs
                            .iter()
                            .map(|g| {
                                KrillaGlyph::new(
                                    GlyphId::new(u32::from(g.id)),
                                    g.advance.get() / size / scale,
                                    g.x_offset.get() / size / scale,
                                    g.y_offset.get() / size,
                                    0.0,
                                    g.range.clone(),
                                    None,
                                )
                            })
                            .collect();
                        s.set_fill(Some(Fill { paint: kcolor(run.color).into(), ..Fill::default() }));
                        let font = fonts[run.font.0 as usize].clone();
                        if scale == 1.0 {
                            s.draw_glyphs(KPoint::from_xy(at.x.get(), at.y.get()), &glyphs, font, &run.text, size, false);
                        } else {
                            s.push_transform(&Transform::from_row(scale, 0.0, 0.0, 1.0, at.x.get(), at.y.get()));
                            s.draw_glyphs(KPoint::from_xy(0.0, 0.0), &glyphs, font, &run.text, size, false);
                            s.pop();
                        }
                    }
                    Item::Image { image, width, height, .. } => {
                        let slot = &mut images[image.0 as usize];
                        if slot.is_none() {
                            let data = &doc.images[image.0 as usize];
                            let (bytes, kind) = embedded[image.0 as usize].clone();
                            let loaded = match kind {
                                ImageKind::Jpeg => Image::from_jpeg(bytes.into(), false),
                                ImageKind::Png => Image::from_png(bytes.into(), false),
                            };
                            *slot = Some(loaded.map_err(|reason| RenderError::Image { path: data.path.clone(), reason })?);
                        }
                        if let (Some(img), Some(size)) = (slot.clone(), Size::from_wh(width.get(), height.get())) {
                            // The image's index travels with it, so that an
                            // error found while writing names the file.
                            if let Some(loc) = std::num::NonZeroU64::new(u64::from(image.0) + 1) {
                                s.set_location(loc);
                            }
                            s.push_transform(&Transform::from_translate(at.x.get(), at.y.get()));
                            s.draw_image(img, size);
                            s.pop();
                            s.reset_location();
                        }
                    }
                    Item::Rect { width, height, color } => {
                        if let Some(rect) = Rect::from_xywh(at.x.get(), at.y.get(), width.get(), height.get()) {
                            fill_rect(&mut s, rect, *color);
                        }
                    }
                    Item::Link { width, height, target } => {
                        links.push((at, *width, *height, target.clone()));
                    }
                    // Layout resolves these before it returns.
                    Item::PageRef { .. } => {}
                }
            }
            if t.crop_marks {
                crop_marks(&mut s, off, tw, th, b);
            }
            s.finish();
        }
        for (at, w, h, target) in links {
            let Some(rect) = Rect::from_xywh(at.x.get(), at.y.get(), w.get(), h.get()) else { continue };
            let target = match target {
                Target::Url(url) => KTarget::Action(Action::Link(LinkAction::new(url))),
                Target::Item(i) => match layout.outline.get(i) {
                    Some(e) => KTarget::Destination(XyzDestination::new(e.page, KPoint::from_xy(0.0, e.y.get() + off)).into()),
                    None => continue,
                },
            };
            p.add_annotation(Annotation::new_link(LinkAnnotation::new(rect, target), None));
        }
        p.finish();
    }
    let mut outline = Outline::new();
    for e in &layout.outline {
        outline.push_child(outline_node(e, off, layout.pages.len()));
    }
    pdf.set_outline(outline);
    let mut meta = Metadata::new().title(doc.title_text.clone()).language(doc.language.clone()).creator(format!("brochure {}", env!("CARGO_PKG_VERSION")));
    if let Some(p) = &doc.publisher {
        meta = meta.authors(vec![p.text.clone()]);
    }
    if let Some(s) = &doc.subtitle {
        meta = meta.description(s.text.clone());
    }
    if !doc.keywords.is_empty() {
        meta = meta.keywords(doc.keywords.clone());
    }
    if let Some(ts) = opts.creation_date {
        meta = meta.creation_date(
            DateTime::new(ts.year).month(ts.month).day(ts.day).hour(ts.hour).minute(ts.minute).second(ts.second).utc_offset_hour(0).utc_offset_minute(0),
        );
    }
    if let Some(id) = &opts.document_id {
        meta = meta.document_id(id.clone());
    }
    pdf.set_metadata(meta);
    pdf.finish().map_err(|e| match e {
        krilla::error::KrillaError::Image(_, Some(loc), reason) => {
            let path = doc.images.get(loc.get() as usize - 1).map_or_else(String::new, |i| i.path.clone());
            RenderError::Image { path, reason }
        }
        e => RenderError::Pdf(format!("{e:?}")),
    })
}

fn outline_node(e: &OutlineEntry, off: f32, pages: usize) -> OutlineNode {
    // Layout only makes entries for pages it made; clamp all the same, since
    // krilla panics on a destination past the last page.
    let page = e.page.min(pages.saturating_sub(1));
    let mut node = OutlineNode::new(e.title.clone(), XyzDestination::new(page, KPoint::from_xy(0.0, e.y.get() + off)));
    for c in &e.children {
        node.push_child(outline_node(c, off, pages));
    }
    node
}

fn fill_rect(s: &mut Surface<'_>, rect: Rect, color: Color) {
    let mut pb = PathBuilder::new();
    pb.push_rect(rect);
    if let Some(path) = pb.finish() {
        s.set_stroke(None);
        s.set_fill(Some(Fill { paint: kcolor(color).into(), ..Fill::default() }));
        s.draw_path(&path);
    }
}

/// Crop marks at the four trim corners, outside the bleed.
fn crop_marks(s: &mut Surface<'_>, off: f32, w: f32, h: f32, bleed: f32) {
    let gap = bleed + 3.0;
    let len = MARK_ROOM - 3.0;
    s.set_fill(None);
    s.set_stroke(Some(Stroke { paint: rgb::Color::new(0, 0, 0).into(), width: 0.3, ..Stroke::default() }));
    for (x, y, dx, dy) in [(off, off, -1.0, -1.0), (off + w, off, 1.0, -1.0), (off, off + h, -1.0, 1.0), (off + w, off + h, 1.0, 1.0)] {
        let mut pb = PathBuilder::new();
        pb.move_to(x + dx * gap, y);
        pb.line_to(x + dx * (gap + len - bleed), y);
        pb.move_to(x, y + dy * gap);
        pb.line_to(x, y + dy * (gap + len - bleed));
        if let Some(path) = pb.finish() {
            s.draw_path(&path);
        }
    }
}
