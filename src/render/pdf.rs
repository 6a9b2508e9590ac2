//! PDF output with krilla: fonts embedded and subset, JPEGs passed through,
//! links, bookmarks, page boxes, metadata, and the structure tree of a
//! tagged PDF, validated against the standards asked for.

use std::collections::BTreeMap;
use std::fmt;
use std::num::{NonZeroU16, NonZeroU64};

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target as KTarget};
use krilla::color::{cmyk, rgb};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point as KPoint, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, Stroke};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, PdfVersion, PdfX4, ValidationError, Validators};
use krilla::icc::ICCProfile;
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup, TagKind, TagTree};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::diag::Diagnostic;
use crate::layout::impose::booklet_order;
use crate::layout::{Crop, Draw, Info, Item, Layout, OutlineEntry, Page, Point, Role, Sheet, StructNode, Target};
use crate::resolve::{Assets, ImageId, ImageKind};
use crate::standard::{Standard, Violation};
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
    /// Write the structure tree (tagged PDF); implied by any standard.
    pub tagged: bool,
    /// Standards the file must meet; the PDF crate checks them.
    pub standards: Vec<Standard>,
    /// Impose the pages as a saddle-stitched booklet (untagged sheets).
    pub impose: bool,
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
    /// Something breaks a standard that was asked for.
    Standards(Vec<Violation>),
    /// The PDF writer failed.
    Pdf(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Image { path, reason } => write!(f, "failed to embed image `{path}` ({reason})"),
            RenderError::Font(name) => write!(f, "failed to embed font `{name}`"),
            RenderError::Standards(v) => write!(f, "the PDF would not meet the standards asked for ({} problems)", v.len()),
            RenderError::Pdf(e) => write!(f, "failed to write the PDF ({e})"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Extra room outside the bleed for crop marks.
const MARK_ROOM: f32 = 18.0;

fn kcolor(c: Color) -> krilla::color::Color {
    match c {
        Color::Rgb(r, g, b) => rgb::Color::new(r, g, b).into(),
        Color::Cmyk(c, m, y, k) => cmyk::Color::new(c, m, y, k).into(),
    }
}

/// The bundled CMYK profile for coated offset paper (FOGRA39), made with
/// ArgyllCMS from Fogra's characterisation data: see `profiles/README.md`.
pub const COATED_FOGRA39: &[u8] = include_bytes!("../../profiles/brochure-coated-fogra39.icc");

/// The PDF/X-4 print intent: the theme's CMYK profile, or the bundled one.
fn print_intent(assets: &Assets<'_>) -> Result<PdfX4, RenderError> {
    match assets.output_profile {
        None => Ok(PdfX4 {
            profile: ICCProfile::new(COATED_FOGRA39).ok_or_else(|| RenderError::Pdf("the bundled colour profile".into()))?,
            output_condition_identifier: "FOGRA39".into(),
            output_condition: "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = coated art, 115 g/m2, tone value increase curves A (CMY) and B (K)".into(),
            registry_name: "http://www.color.org".into(),
            info: "brochure Coated FOGRA39 (ISO 12647-2:2004)".into(),
        }),
        Some((path, bytes)) => Ok(PdfX4 {
            profile: ICCProfile::new(bytes).ok_or_else(|| RenderError::Pdf(format!("the colour profile `{path}` cannot be read")))?,
            output_condition_identifier: "Custom".into(),
            output_condition: path.clone(),
            registry_name: String::new(),
            info: path.clone(),
        }),
    }
}

/// What the marked content open on a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Marked {
    /// A structure node (by index), and whether the content is text.
    Node(usize, bool),
    /// Decoration of this kind.
    Artifact(ArtifactType),
}

/// Where a krilla location number points: images first, then structure
/// nodes (by index in [`Layout::structure`]).
fn location(images: usize, node: usize) -> Option<NonZeroU64> {
    NonZeroU64::new((images + node + 1) as u64)
}

/// Writes the laid-out brochure as PDF bytes. Each page of the layout is
/// dropped once it is drawn, so that the layout and the PDF are not held
/// in memory in full at the same time.
///
/// The layout carries the pages, their sheet and the metadata; `assets`
/// are the fonts and images it draws with ([`crate::resolve::Doc::assets`]).
pub fn render(layout: Layout, assets: &Assets<'_>, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    if opts.impose {
        let mut r = Renderer::new(layout.sheet, assets, opts)?;
        r.store.prepare(assets, &layout.pages);
        let Renderer { pdf, fonts, store, .. } = r;
        return booklet(pdf, assets, layout, Ink { assets, fonts: &fonts, store: &store, loaded: BTreeMap::new(), glyphs: Vec::new() }, opts.standards.contains(&Standard::X4));
    }
    let Layout { pages, outline, structure, sheet, info, .. } = layout;
    let mut r = Renderer::new(sheet, assets, opts)?;
    r.pages(pages.into_iter().enumerate().collect(), &Known::since(&structure, &outline, (0, 0)))?;
    r.finish(&outline, &structure, info)
}

/// What drawing a page needs of the structure and the bookmarks made so far:
/// each node's id (content names its node by id, the structure tree by
/// index), the words of link nodes, and where each item's bookmark leads.
/// Both only grow while pages are laid out (nodes and items are added,
/// never changed in what is kept here), so a renderer on another thread is
/// sent what is new ([`Known::since`]) instead of the whole of them.
#[derive(Debug, Default)]
pub struct Known {
    ids: Vec<u32>,
    /// Link nodes by index in the structure, with their words.
    link_words: Vec<(usize, String)>,
    /// The items' bookmarks: page index, distance from the page top, title.
    items: Vec<(usize, Pt, String)>,
}

impl Known {
    /// What `structure` and `outline` hold past the first `from` nodes and
    /// items (see [`Known::len`]).
    pub fn since(structure: &[StructNode], outline: &[OutlineEntry], from: (usize, usize)) -> Known {
        let (nodes, items) = (from.0.min(structure.len()), from.1.min(outline.len()));
        let fresh = &structure[nodes..];
        Known {
            ids: fresh.iter().map(|n| n.id).collect(),
            link_words: (nodes..)
                .zip(fresh)
                .filter_map(|(i, n)| match &n.role {
                    Role::Link(w) => Some((i, w.clone())),
                    _ => None,
                })
                .collect(),
            items: outline[items..].iter().map(|e| (e.page, e.y, e.title.clone())).collect(),
        }
    }

    /// How many nodes and items are known.
    pub fn len(&self) -> (usize, usize) {
        (self.ids.len(), self.items.len())
    }

    /// Adds what [`Known::since`] gave from this one's [`Known::len`].
    pub fn append(&mut self, more: Known) {
        self.ids.extend(more.ids);
        self.link_words.extend(more.link_words);
        self.items.extend(more.items);
    }

    fn node_index(&self, id: u32) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    fn link_words(&self, index: usize) -> Option<&str> {
        self.link_words.binary_search_by_key(&index, |(i, _)| *i).ok().map(|k| self.link_words[k].1.as_str())
    }
}

/// Draws pages into a PDF as they come, in batches, and writes the file
/// once the last is drawn: a long brochure's pages need not all be held.
///
/// Pages are drawn in the order they are given, each with its index in the
/// brochure; the file lists them in the brochure's order whatever the order
/// they were drawn in (the contents, whose page numbers are known last,
/// may come after the pages they list). What the structure tree needs of
/// each page is kept to the end; the rest is dropped once drawn.
pub struct Renderer<'a> {
    pdf: Document,
    assets: &'a Assets<'a>,
    fonts: Vec<Font>,
    /// The images and crops embedded, right-sized per batch.
    store: super::images::Store,
    /// The krilla images made from them, by image, crop and copy.
    loaded: BTreeMap<(ImageId, Option<Crop>, usize), Image>,
    sheet: Sheet,
    tagging: bool,
    x4: bool,
    /// The content of the structure: its node (by index in the structure),
    /// its place among the node's children, and where it is.
    leaves: Vec<(u32, u32, Identifier)>,
    /// The brochure's index of each page, in the order drawn.
    drawn: Vec<usize>,
    /// The other way round: where each page of the brochure was drawn
    /// (`usize::MAX` for a page not drawn yet).
    drawn_at: Vec<usize>,
    glyphs: Vec<KrillaGlyph>,
    creation_date: Option<Timestamp>,
    document_id: Option<String>,
}

impl<'a> Renderer<'a> {
    /// A PDF with no pages yet, to be printed on `sheet` with `assets`.
    pub fn new(sheet: Sheet, assets: &'a Assets<'a>, opts: &RenderOptions) -> Result<Renderer<'a>, RenderError> {
        let tagging = (opts.tagged || !opts.standards.is_empty()) && !opts.impose;
        let x4 = opts.standards.contains(&Standard::X4);
        let mut config = ConfigurationBuilder::new();
        for s in &opts.standards {
            config = match s {
                Standard::Ua1 => config.with_accessibility_validator(Accessibility::UA1),
                Standard::A2a => config.with_archival_validator(Archival::A2_A),
                Standard::A2b => config.with_archival_validator(Archival::A2_B),
                // Written through the print intent below; krilla has no
                // validator for it.
                Standard::X4 => config,
            };
        }
        if x4 {
            // PDF/X-4 is PDF 1.6.
            config = config.with_version(PdfVersion::Pdf16);
        }
        let configuration = config.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
        let pdfx = if x4 { Some(print_intent(assets)?) } else { None };
        // Outside PDF/X, CMYK images and colours in PDF/A are described by the
        // bundled profile (PDF/A allows no bare device CMYK).
        let cmyk_profile = if x4 { None } else { ICCProfile::new(COATED_FOGRA39) };
        // PDF/X: no device RGB (it would be whatever the press makes of it):
        // RGB content carries its sRGB profile, CMYK stays device CMYK.
        let settings = SerializeSettings { enable_tagging: tagging, configuration, no_device_cs: x4, cmyk_profile, pdfx, object_streams: true, lean_text_objects: true, ..SerializeSettings::default() };
        let fonts: Vec<Font> = assets
            .fonts
            .iter()
            .map(|f| Font::new(f.data.clone().into(), f.index).ok_or_else(|| RenderError::Font(f.name.clone())))
            .collect::<Result<_, _>>()?;
        Ok(Renderer {
            pdf: Document::new_with(settings),
            assets,
            fonts,
            store: super::images::Store::default(),
            loaded: BTreeMap::new(),
            sheet,
            tagging,
            x4,
            leaves: Vec::new(),
            drawn: Vec::new(),
            drawn_at: Vec::new(),
            glyphs: Vec::new(),
            creation_date: opts.creation_date,
            document_id: opts.document_id.clone(),
        })
    }

    /// How many pages are drawn.
    pub fn page_count(&self) -> usize {
        self.drawn.len()
    }

    /// Draws a batch of pages, each with its index in the brochure, and
    /// drops them. `known` holds the logical structure as far as these
    /// pages' content (nodes are only ever added after it) and the
    /// bookmarks as far as the items their links lead to. Images are
    /// right-sized for the widest they are drawn in the batch (and in
    /// batches before it).
    pub fn pages(&mut self, pages: Vec<(usize, Page)>, known: &Known) -> Result<(), RenderError> {
        self.store.prepare(self.assets, pages.iter().map(|(_, p)| p));
        for (index, page) in pages {
            self.page(index, &page, known)?;
        }
        Ok(())
    }

    /// The index a page of the brochure was drawn at: the one PDF
    /// destinations name. Pages not drawn yet are taken to be drawn in
    /// order (true of every page a drawn page links to or is bookmarked to).
    fn drawn_index(&self, index: usize) -> usize {
        drawn_index(&self.drawn_at, index)
    }

    fn page(&mut self, index: usize, page: &Page, known: &Known) -> Result<(), RenderError> {
        let (tagging, x4, t) = (self.tagging, self.x4, self.sheet);
        let node_index = |id: u32| known.node_index(id);
        let off = t.bleed.get() + if t.crop_marks { MARK_ROOM } else { 0.0 };
        let (tw, th) = (t.width.get(), t.height.get());
        let (mw, mh) = (tw + 2.0 * off, th + 2.0 * off);
        let b = t.bleed.get();
        let settings = PageSettings::from_wh(mw, mh)
            .ok_or_else(|| RenderError::Pdf("page size".into()))?
            .with_trim_box(Rect::from_xywh(off, off, tw, th))
            .with_bleed_box(Rect::from_xywh(off - b, off - b, tw + 2.0 * b, th + 2.0 * b))
            // The same label on every page of a range: i, ii, … then 1, 2, ….
            .with_page_label(PageLabel::new(Some(if page.front { NumberingStyle::LowerRoman } else { NumberingStyle::Arabic }), None, None));
        // Where links to items lead, worked out before the page borrows the document.
        let mut links = Vec::new();
        let images = self.assets.images.len();
        let mut ink = Ink { assets: self.assets, fonts: &self.fonts, store: &self.store, loaded: std::mem::take(&mut self.loaded), glyphs: std::mem::take(&mut self.glyphs) };
        let leaves = &mut self.leaves;
        let drawn_at = &self.drawn_at;
        let mut p = self.pdf.start_page_with(settings);
        {
            let mut s = p.surface();
            // The marked content open now: consecutive lines of one node
            // share one (a tagged PDF of a thousand items is a fifth
            // smaller than with one per line).
            let mut open: Option<Marked> = None;
            for (at, item) in &page.items {
                // Content of the structure is marked with its node;
                // everything else is an artifact: running headers and
                // footers by where they stand, the rest decoration.
                let node = if tagging { crate::layout::tag_of(item).and_then(|t| node_index(t.node).map(|i| (i, t.seq))) } else { None };
                if tagging && !matches!(item, Item::Link { .. } | Item::PageRef { .. }) {
                    let is_text = matches!(item, Item::Text(_));
                    let want = match node {
                        Some((i, _)) => Marked::Node(i, is_text),
                        // PDF 1.6 (PDF/X-4) has no header and footer kinds.
                        None if is_text && x4 && (at.y < t.frame_top || at.y > t.frame_bottom) => Marked::Artifact(ArtifactType::PaginationOther),
                        None if is_text && at.y < t.frame_top => Marked::Artifact(ArtifactType::Header),
                        None if is_text && at.y > t.frame_bottom => Marked::Artifact(ArtifactType::Footer),
                        None => Marked::Artifact(ArtifactType::Layout),
                    };
                    // Images are marked one by one; text continues.
                    if open != Some(want) || !is_text {
                        if open.take().is_some() {
                            s.end_tagged();
                        }
                        match want {
                            Marked::Node(i, _) => {
                                let seq = node.map_or(0, |(_, seq)| seq);
                                let tag = if is_text { ContentTag::Span(SpanTag::empty()) } else { ContentTag::Other };
                                leaves.push((i as u32, seq, s.start_tagged(tag)));
                            }
                            Marked::Artifact(kind) => {
                                s.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
                            }
                        }
                        open = Some(want);
                    }
                }
                let glyph_loc = node.and_then(|(i, _)| location(images, i));
                let at = Point::new(at.x + Pt(off), at.y + Pt(off));
                match item {
                    Item::Text(_) | Item::Image { .. } | Item::Rect { .. } | Item::Rects { .. } => draw_item(&mut s, item, at, glyph_loc, &mut ink)?,
                    Item::Link { width, height, target, .. } => {
                        links.push((at, *width, *height, target.clone(), node));
                    }
                    // Layout resolves these before it returns.
                    Item::PageRef { .. } => {}
                }
            }
            if open.take().is_some() {
                s.end_tagged();
            }
            if t.crop_marks {
                if tagging {
                    s.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Page)));
                }
                crop_marks(&mut s, off, tw, th, b, x4);
                if tagging {
                    s.end_tagged();
                }
            }
            s.finish();
        }
        let Ink { loaded, glyphs, .. } = ink;
        for (at, w, h, target, node) in links {
            let Some(rect) = Rect::from_xywh(at.x.get(), at.y.get(), w.get(), h.get()) else { continue };
            let (target, words) = match target {
                Target::Url(url) => (KTarget::Action(Action::Link(LinkAction::new(url.clone()))), url),
                Target::Item(i) => match known.items.get(i) {
                    Some((page, y, title)) => (KTarget::Destination(XyzDestination::new(drawn_index(drawn_at, *page), KPoint::from_xy(0.0, y.get() + off)).into()), title.clone()),
                    None => continue,
                },
            };
            // What a screen reader says for the link: its words.
            let alt = match node.and_then(|(i, _)| known.link_words(i)) {
                Some(w) if !w.is_empty() => w.to_owned(),
                _ => words,
            };
            let annotation = Annotation::new_link(LinkAnnotation::new(rect, target), Some(alt));
            match node {
                Some((i, seq)) => leaves.push((i as u32, seq, p.add_tagged_annotation(annotation))),
                None => p.add_annotation(annotation),
            }
        }
        p.finish();
        self.loaded = loaded;
        self.glyphs = glyphs;
        if self.drawn_at.len() <= index {
            self.drawn_at.resize(index + 1, usize::MAX);
        }
        self.drawn_at[index] = self.drawn.len();
        self.drawn.push(index);
        Ok(())
    }

    /// Writes the file: the structure tree, the bookmarks (`outline`) and
    /// the metadata, once every page is drawn.
    pub fn finish(mut self, outline: &[OutlineEntry], structure: &[StructNode], info: Info) -> Result<Vec<u8>, RenderError> {
        let t = self.sheet;
        let off = t.bleed.get() + if t.crop_marks { MARK_ROOM } else { 0.0 };
        let images = self.assets.images.len();
        if self.tagging {
            let leaves = std::mem::take(&mut self.leaves);
            self.pdf.set_tag_tree(tag_tree(structure, leaves, &info.language, images));
        }
        let page_count = self.drawn.len();
        let mut bookmarks = Outline::new();
        for e in outline {
            bookmarks.push_child(outline_node(e, off, page_count, &|k| self.drawn_index(k)));
        }
        self.pdf.set_outline(bookmarks);
        // Pages drawn out of the brochure's order are listed in it.
        if self.drawn.iter().enumerate().any(|(d, &k)| d != k) {
            let mut order: Vec<usize> = (0..page_count).collect();
            order.sort_by_key(|&d| self.drawn[d]);
            self.pdf.set_page_order(order);
        }
        let Info { title, language, author, description, keywords } = info;
        let mut meta = Metadata::new().title(title).language(language).creator(format!("brochure {}", env!("CARGO_PKG_VERSION")));
        if let Some(a) = author {
            meta = meta.authors(vec![a]);
        }
        if let Some(d) = description {
            meta = meta.description(d);
        }
        if !keywords.is_empty() {
            meta = meta.keywords(keywords);
        }
        if let Some(ts) = self.creation_date {
            meta = meta.creation_date(
                DateTime::new(ts.year).month(ts.month).day(ts.day).hour(ts.hour).minute(ts.minute).second(ts.second).utc_offset_hour(0).utc_offset_minute(0),
            );
        }
        if let Some(id) = &self.document_id {
            meta = meta.document_id(id.clone());
        }
        self.pdf.set_metadata(meta);
        let assets = self.assets;
        self.pdf.finish().map_err(|e| match e {
            krilla::error::KrillaError::Image(_, Some(loc), reason) => {
                let path = assets.images.get(loc.get() as usize - 1).map_or_else(String::new, |i| i.path.clone());
                RenderError::Image { path, reason }
            }
            krilla::error::KrillaError::Validation(errors) => {
                RenderError::Standards(errors.into_iter().map(|(e, by)| violation(images, structure, &e, by)).collect())
            }
            e => RenderError::Pdf(format!("{e:?}")),
        })
    }
}

/// What drawing needs besides the surface: the fonts, the images (made
/// into krilla's on first use) and one buffer for the glyphs of every run,
/// handed to krilla run by run.
struct Ink<'a> {
    assets: &'a Assets<'a>,
    fonts: &'a [Font],
    store: &'a super::images::Store,
    loaded: BTreeMap<(ImageId, Option<Crop>, usize), Image>,
    glyphs: Vec<KrillaGlyph>,
}

/// Draws a text run, an image or a rectangle at `at` (media coordinates);
/// `glyph_loc` ties glyphs to their structure node for error messages.
fn draw_item(s: &mut Surface<'_>, item: &Item, at: Point, glyph_loc: Option<NonZeroU64>, ink: &mut Ink<'_>) -> Result<(), RenderError> {
    let Ink { assets, fonts, store, loaded, glyphs } = ink;
    match item {
        Item::Text(run) => {
            let size = run.size.get();
            // Expanded glyphs are drawn through a horizontal
            // scale; their advances are given unscaled.
            let scale = if (run.h_scale - 1.0).abs() > 1e-4 { run.h_scale } else { 1.0 };
            glyphs.clear();
            let ranges = super::extraction::ranges(run);
            glyphs.extend(run.glyphs.iter().zip(&ranges).enumerate().map(|(i, (g, range))| {
                let (x_offset, y_offset) = run.offset(i);
                KrillaGlyph::new(GlyphId::new(u32::from(g.id)), g.advance.get() / size / scale, x_offset.get() / size / scale, y_offset.get() / size, 0.0, range.clone(), glyph_loc)
            }));
            // Invisible text (the letter a drop cap stands for) is filled
            // with no opacity: krilla has no text render mode 3.
            let opacity = if run.draw == Draw::Invisible { krilla::num::NormalizedF32::ZERO } else { krilla::num::NormalizedF32::ONE };
            s.set_fill(Some(Fill { paint: kcolor(run.color).into(), opacity, ..Fill::default() }));
            let font = fonts[run.font.0 as usize].clone();
            let text = super::extraction::text(&run.text, &ranges);
            let outlined = run.draw == Draw::Outline;
            if scale == 1.0 {
                s.draw_glyphs(KPoint::from_xy(at.x.get(), at.y.get()), glyphs, font, &text, size, outlined);
            } else {
                s.push_transform(&Transform::from_row(scale, 0.0, 0.0, 1.0, at.x.get(), at.y.get()));
                s.draw_glyphs(KPoint::from_xy(0.0, 0.0), glyphs, font, &text, size, outlined);
                s.pop();
            }
        }
        Item::Image { image, width, height, crop, .. } => {
            let path = || assets.images[image.0 as usize].path.clone();
            let (copy, made) = store.get(*image, *crop, width.get()).ok_or_else(|| RenderError::Image { path: path(), reason: "it was not prepared".into() })?;
            let key = (*image, *crop, copy);
            if let std::collections::btree_map::Entry::Vacant(slot) = loaded.entry(key) {
                let (bytes, kind) = made.clone().map_err(|reason| RenderError::Image { path: path(), reason })?;
                let img = match kind {
                    ImageKind::Jpeg => Image::from_jpeg(bytes.into(), false),
                    ImageKind::Png => Image::from_png(bytes.into(), false),
                };
                slot.insert(img.map_err(|reason| RenderError::Image { path: path(), reason })?);
            }
            let img = loaded.get(&key).cloned();
            if let (Some(img), Some(size)) = (img, Size::from_wh(width.get(), height.get())) {
                // The image's index travels with it, so that an
                // error found while writing names the file.
                if let Some(loc) = NonZeroU64::new(u64::from(image.0) + 1) {
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
                fill_rect(s, rect, *color);
            }
        }
        Item::Rects { rects, color, .. } => {
            // One path: no seams between the rectangles of a QR code.
            let mut pb = PathBuilder::new();
            for [x, y, w, h] in rects {
                if let Some(r) = Rect::from_xywh(at.x.get() + x.get(), at.y.get() + y.get(), w.get(), h.get()) {
                    pb.push_rect(r);
                }
            }
            if let Some(path) = pb.finish() {
                s.set_stroke(None);
                s.set_fill(Some(Fill { paint: kcolor(*color).into(), ..Fill::default() }));
                s.draw_path(&path);
            }
        }
        Item::Link { .. } | Item::PageRef { .. } => {}
    }
    Ok(())
}

/// Writes the pages imposed as a saddle-stitched booklet: two pages side
/// by side on each sheet side, in [`booklet_order`]; each page clipped to
/// its half, with its bleed on the sheet's outer edges only (the pages meet
/// at the fold). Sheets are for the printer: not tagged, no links,
/// bookmarks or page labels.
fn booklet(mut pdf: Document, assets: &Assets<'_>, layout: Layout, mut ink: Ink<'_>, press: bool) -> Result<Vec<u8>, RenderError> {
    let t = layout.sheet;
    let b = t.bleed.get();
    let off = b + if t.crop_marks { MARK_ROOM } else { 0.0 };
    let (w, h) = (t.width.get(), t.height.get());
    let (sw, mw, mh) = (2.0 * w, 2.0 * w + 2.0 * off, h + 2.0 * off);
    let order = booklet_order(layout.pages.len());
    let mut pages: Vec<Option<crate::layout::Page>> = layout.pages.into_iter().map(Some).collect();
    for side in order {
        let settings = PageSettings::from_wh(mw, mh)
            .ok_or_else(|| RenderError::Pdf("page size".into()))?
            .with_trim_box(Rect::from_xywh(off, off, sw, h))
            .with_bleed_box(Rect::from_xywh(off - b, off - b, sw + 2.0 * b, h + 2.0 * b));
        let mut p = pdf.start_page_with(settings);
        {
            let mut s = p.surface();
            for (half, slot) in side.into_iter().enumerate() {
                let Some(page) = slot.and_then(|i| pages[i].take()) else { continue };
                let x0 = off + half as f32 * w;
                // The outer edge keeps its bleed; the fold has none.
                let (cx, cw) = if half == 0 { (x0 - b, w + b) } else { (x0, w + b) };
                let mut pb = PathBuilder::new();
                if let Some(r) = Rect::from_xywh(cx, off - b, cw, h + 2.0 * b) {
                    pb.push_rect(r);
                }
                let Some(clip) = pb.finish() else { continue };
                s.push_clip_path(&clip, &krilla::paint::FillRule::NonZero);
                for (at, item) in &page.items {
                    draw_item(&mut s, item, Point::new(at.x + Pt(x0), at.y + Pt(off)), None, &mut ink)?;
                }
                s.pop();
            }
            if t.crop_marks {
                crop_marks(&mut s, off, sw, h, b, press);
                fold_marks(&mut s, off, w, h, b, press);
            }
            s.finish();
        }
        p.finish();
    }
    let Info { title, language, author, .. } = layout.info;
    let mut meta = Metadata::new().title(title).language(language).creator(format!("brochure {}", env!("CARGO_PKG_VERSION")));
    if let Some(a) = author {
        meta = meta.authors(vec![a]);
    }
    pdf.set_metadata(meta);
    pdf.finish().map_err(|e| match e {
        krilla::error::KrillaError::Image(_, Some(loc), reason) => {
            let path = assets.images.get(loc.get() as usize - 1).map_or_else(String::new, |i| i.path.clone());
            RenderError::Image { path, reason }
        }
        e => RenderError::Pdf(format!("{e:?}")),
    })
}

/// The structure tree: every node with its content and child nodes in
/// source order; nodes with nothing on any page are left out.
fn tag_tree(structure: &[StructNode], mut leaves: Vec<(u32, u32, Identifier)>, lang: &str, images: usize) -> TagTree {
    let n = structure.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, node) in structure.iter().enumerate() {
        match node.parent.and_then(|p| structure.binary_search_by_key(&p, |n| n.id).ok()) {
            Some(p) => kids[p].push(i),
            None => roots.push(i),
        }
    }
    // Each node's content together, in the order it was drawn.
    leaves.sort_by_key(|l| l.0);
    // Children are numbered after their parents: build from the end.
    let mut built: Vec<Option<TagGroup>> = vec![None; n];
    for i in (0..n).rev() {
        let mut children: Vec<(u32, Node)> = Vec::new();
        while leaves.last().is_some_and(|l| l.0 as usize >= i) {
            if let Some((node, seq, id)) = leaves.pop()
                && node as usize == i
            {
                children.push((seq, Node::Leaf(id)));
            }
        }
        children.reverse();
        for &k in &kids[i] {
            if let Some(g) = built[k].take() {
                children.push((structure[k].id, Node::Group(g)));
            }
        }
        if children.is_empty() {
            continue;
        }
        children.sort_by_key(|c| c.0);
        let kind = tag_kind(&structure[i]).with_location(location(images, i));
        built[i] = Some(TagGroup::with_children(kind, children.into_iter().map(|c| c.1).collect()));
    }
    let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
    for r in roots {
        if let Some(g) = built[r].take() {
            tree.push(g);
        }
    }
    tree
}

fn tag_kind(node: &StructNode) -> TagKind {
    let kind: TagKind = match &node.role {
        Role::Section => Tag::Section.into(),
        Role::Heading(level, title) => Tag::Hn(NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN), Some(title.clone())).into(),
        Role::Paragraph => Tag::P.into(),
        Role::Quote => Tag::BlockQuote.into(),
        Role::List => Tag::L(ListNumbering::Disc).into(),
        Role::ListItem => Tag::LI.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Figure(alt) => Tag::Figure(alt.clone()).into(),
        Role::Caption => Tag::Caption.into(),
        Role::Link(_) => Tag::Link.into(),
        Role::Contents => Tag::TOC.into(),
        Role::ContentsEntry => Tag::TOCI.into(),
    };
    kind.with_lang(node.lang.clone())
}

/// A problem the PDF crate's validator found, told in the brochure's terms
/// and located at the source field when it can be.
fn violation(images: usize, structure: &[StructNode], e: &ValidationError, by: Validators) -> Violation {
    let mut breaks = Vec::new();
    if by.accessibility() == Some(Accessibility::UA1) {
        breaks.push(Standard::Ua1);
    }
    match by.archival() {
        Some(Archival::A2_A) => breaks.push(Standard::A2a),
        Some(Archival::A2_B) => breaks.push(Standard::A2b),
        _ => {}
    }
    let place = |loc: &Option<NonZeroU64>| -> (Option<crate::diag::Span>, String) {
        let Some(v) = loc.map(|l| l.get() as usize - 1) else { return (None, String::new()) };
        if v < images {
            return (None, String::new());
        }
        structure.get(v - images).map_or((None, String::new()), |n| (n.span, n.path.clone().unwrap_or_default()))
    };
    let (message, hint, loc) = match e {
        ValidationError::ContainsNotDefGlyph(_, loc, text) => {
            (format!("`{text}` is in none of the fonts (it would print as an empty box)"), "use another character, or add a font that has it to `theme.fonts`", *loc)
        }
        ValidationError::UnicodePrivateArea(_, _, c, loc) => {
            (format!("U+{:04X} is a private-use character (it has no meaning a reader or search can use)", u32::from(*c)), "replace it by a standard character", *loc)
        }
        ValidationError::InvalidCodepointMapping(_, _, c, loc) => (format!("U+{:04X} cannot be written in this standard", u32::from(*c)), "remove the character", *loc),
        ValidationError::MissingAltText(loc) => ("an image has no text alternative (screen readers cannot describe it)".into(), "add `alt:` to the image", *loc),
        ValidationError::MissingCMYKProfile => ("a CMYK image or colour has no colour profile (the standard needs one)".into(), "save the image as RGB, or please report this as a bug of brochure: the bundled profile should describe it", None),
        ValidationError::MissingDocumentDate => ("the brochure has no date".into(), "add `date: YYYY-MM-DD`, or set `Options::creation_date`", None),
        ValidationError::NoDocumentTitle => ("the brochure has no title".into(), "add `title:`", None),
        ValidationError::NoDocumentLanguage => ("the brochure has no language".into(), "add `language:`", None),
        ValidationError::TooLongString => ("a text is longer than PDF allows (32,767 bytes)".into(), "shorten the title, subtitle or keywords", None),
        other => (format!("the PDF breaks a rule of the standard ({other:?})"), "please report this as a bug of brochure", None),
    };
    let (span, path) = place(&loc);
    Violation { breaks, diagnostic: Diagnostic::warning(span, path, message).with_hint(hint) }
}

/// Where page `index` of the brochure was drawn, by `drawn_at`
/// ([`Renderer::drawn_at`]); a page not drawn yet is taken to be drawn in
/// order.
fn drawn_index(drawn_at: &[usize], index: usize) -> usize {
    drawn_at.get(index).copied().filter(|&d| d != usize::MAX).unwrap_or(index)
}

fn outline_node(e: &OutlineEntry, off: f32, pages: usize, drawn: &dyn Fn(usize) -> usize) -> OutlineNode {
    // Layout only makes entries for pages it made; clamp all the same, since
    // krilla panics on a destination past the last page.
    let page = drawn(e.page).min(pages.saturating_sub(1));
    let mut node = OutlineNode::new(e.title.clone(), XyzDestination::new(page, KPoint::from_xy(0.0, e.y.get() + off)));
    for c in &e.children {
        node.push_child(outline_node(c, off, pages, drawn));
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

/// Sets the pen for printer's marks and returns their gap from the trim
/// (outside the bleed) and their length: hairlines, in registration colour
/// for the press (PDF/X) so they print on every plate.
fn mark_pen(s: &mut Surface<'_>, bleed: f32, press: bool) -> (f32, f32) {
    s.set_fill(None);
    let paint = if press { kcolor(Color::Cmyk(255, 255, 255, 255)) } else { kcolor(Color::rgb(0, 0, 0)) };
    s.set_stroke(Some(Stroke { paint: paint.into(), width: 0.3, ..Stroke::default() }));
    (bleed + 3.0, MARK_ROOM - 3.0)
}

/// Marks at the fold of a booklet sheet (the middle of its width), above
/// and below the trim, outside the bleed.
fn fold_marks(s: &mut Surface<'_>, off: f32, w: f32, h: f32, bleed: f32, press: bool) {
    let (gap, len) = mark_pen(s, bleed, press);
    let x = off + w;
    let mut pb = PathBuilder::new();
    pb.move_to(x, off - gap);
    pb.line_to(x, off - gap - (len - bleed));
    pb.move_to(x, off + h + gap);
    pb.line_to(x, off + h + gap + (len - bleed));
    if let Some(path) = pb.finish() {
        s.draw_path(&path);
    }
}

/// Crop marks at the four trim corners, outside the bleed; for the press
/// (PDF/X) in registration colour, on every plate.
fn crop_marks(s: &mut Surface<'_>, off: f32, w: f32, h: f32, bleed: f32, press: bool) {
    let (gap, len) = mark_pen(s, bleed, press);
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
