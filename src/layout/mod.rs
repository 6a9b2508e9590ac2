//! Layout: a resolved brochure becomes positioned pages.
//!
//! [`flow`] turns items into a stream of column elements (lines, figures,
//! spaces) with their keep rules; [`paginate`] pours that stream into
//! columns and pages (the cost of a column in `cost`, the search for the
//! best breaks in `breaks`); [`toc`] makes the contents list. No PDF type appears
//! here: a [`Page`] is glyph ids, advances, images and rectangles at points,
//! and its [`fmt::Debug`] dump is stable enough to snapshot.

mod breaks;
mod cost;
pub mod flow;
mod furniture;
pub mod gallery;

pub(crate) use furniture::roman;
pub mod impose;
pub mod paginate;
pub mod qr;
pub mod toc;

use std::fmt;
use std::ops::Range;

use crate::diag::Diagnostic;
pub use gallery::Crop;
use crate::resolve::{Doc, ImageId};
use crate::text::shape::FontId;
use crate::units::{Color, Pt};

/// A point on the page: from the trim box's top-left corner, y down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left trim edge.
    pub x: Pt,
    /// Distance from the top trim edge.
    pub y: Pt,
}

impl Point {
    /// A point.
    pub fn new(x: Pt, y: Pt) -> Point {
        Point { x, y }
    }
}

/// A glyph of a text run: 12 bytes, since a thousand-item brochure holds
/// millions of them until they are drawn. Its offsets, rarely other than
/// zero (marks), are kept by the run ([`TextRun::offset`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's font.
    pub id: u16,
    /// Length in bytes of the characters it shows.
    len: u16,
    /// Where the characters it shows start in the run's text.
    start: u32,
    /// Advance.
    pub advance: Pt,
}

impl Glyph {
    /// A glyph showing the bytes `range` of its run's text (a range longer
    /// than 65,535 bytes, one cluster of that many marks, is cut short).
    pub fn new(id: u16, advance: Pt, range: Range<usize>) -> Glyph {
        let len = u16::try_from(range.end.saturating_sub(range.start)).unwrap_or(u16::MAX);
        Glyph { id, len, start: range.start as u32, advance }
    }

    /// The characters it shows: a byte range of the run's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.start as usize + usize::from(self.len)
    }
}

/// Glyphs in one font, size and colour, set from a baseline start point.
#[derive(Clone, PartialEq)]
pub struct TextRun {
    /// The font.
    pub font: FontId,
    /// Font size.
    pub size: Pt,
    /// Fill colour.
    pub color: Color,
    /// Horizontal scale of the glyphs (font expansion); advances are
    /// already scaled.
    pub h_scale: f32,
    /// The text the glyphs show (for extraction and search).
    pub text: String,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
    /// Each glyph's horizontal and vertical (up positive) offset, or empty
    /// when all are zero, as in most runs.
    offsets: Vec<(Pt, Pt)>,
    /// Where the words belong in the structure; `None` for decoration.
    pub tag: Option<Tag>,
    /// How the glyphs are drawn: as text (nearly always), as outlines, or
    /// as invisible text.
    pub draw: Draw,
}

/// How a [`TextRun`] is drawn. A drop cap needs the two others: its big
/// initial is drawn as outlines, which text extraction does not see, and
/// the letter it stands for as invisible text right before the rest of
/// its word, so that the word is read whole ("The", not "T he").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Draw {
    /// Filled text.
    #[default]
    Text,
    /// Filled outlines (paths): seen, not read.
    Outline,
    /// Text with no ink: read, not seen.
    Invisible,
}

impl TextRun {
    /// An empty run, with room for `capacity` glyphs.
    pub fn new(font: FontId, size: Pt, color: Color, text: String, capacity: usize) -> TextRun {
        TextRun { font, size, color, h_scale: 1.0, text, glyphs: Vec::with_capacity(capacity), offsets: Vec::new(), tag: None, draw: Draw::Text }
    }

    /// Adds a glyph, offset from its pen position by `x_offset` and
    /// `y_offset` (up positive).
    pub fn push(&mut self, glyph: Glyph, x_offset: Pt, y_offset: Pt) {
        // Empty until a glyph has an offset; from then on, one per glyph.
        if !self.offsets.is_empty() || x_offset != Pt::ZERO || y_offset != Pt::ZERO {
            self.offsets.resize(self.glyphs.len(), (Pt::ZERO, Pt::ZERO));
            self.offsets.push((x_offset, y_offset));
        }
        self.glyphs.push(glyph);
    }

    /// The horizontal and vertical (up positive) offset of glyph `i`.
    pub fn offset(&self, i: usize) -> (Pt, Pt) {
        self.offsets.get(i).copied().unwrap_or((Pt::ZERO, Pt::ZERO))
    }

    /// Width of the run.
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

impl fmt::Debug for TextRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Text(font {}, {:?}, {:?})", self.font.0, self.size, self.text)
    }
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A web address.
    Url(String),
    /// The start of the item with this index.
    Item(usize),
}

/// Something drawn (or marked) on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text; its point is the baseline start.
    Text(TextRun),
    /// An image; its point is the top-left corner.
    Image {
        /// Which image.
        image: ImageId,
        /// Width on the page.
        width: Pt,
        /// Height on the page.
        height: Pt,
        /// Text alternative.
        alt: Option<String>,
        /// Where it belongs in the structure; `None` for decoration.
        tag: Option<Tag>,
        /// The pixels drawn, when only part of the image is (a gallery's
        /// cell): embedded as an image of its own.
        crop: Option<Crop>,
    },
    /// A filled rectangle; its point is the top-left corner.
    Rect {
        /// Width.
        width: Pt,
        /// Height.
        height: Pt,
        /// Fill.
        color: Color,
    },
    /// Filled rectangles drawn as one piece of content (a QR code's dark
    /// modules): each `[x, y, width, height]` from the item's point, which
    /// is the group's top-left corner.
    Rects {
        /// The rectangles.
        rects: Vec<[Pt; 4]>,
        /// Fill.
        color: Color,
        /// Where it belongs in the structure; `None` for decoration.
        tag: Option<Tag>,
    },
    /// The page number of an item, not yet known; its point is the right
    /// end of the baseline. Layout replaces it by text before it returns.
    PageRef {
        /// Index of the item.
        item: usize,
        /// Font of the number.
        font: FontId,
        /// Size of the number.
        size: Pt,
        /// Colour of the number.
        color: Color,
        /// Where the number belongs in the structure.
        tag: Option<Tag>,
    },
    /// A clickable area; its point is the top-left corner.
    Link {
        /// Width.
        width: Pt,
        /// Height.
        height: Pt,
        /// Where it leads.
        target: Target,
        /// The link's node in the structure (with the words it covers).
        tag: Option<Tag>,
    },
}

/// Where a piece of content belongs in the brochure's logical structure
/// (a tagged PDF's structure tree): a node of [`Layout::structure`], and its
/// place among that node's children. Content without a tag is decoration
/// (running headers and footers, rules, dot leaders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag {
    /// The node ([`StructNode::id`]).
    pub node: u32,
    /// Order among the node's children: nodes and content are numbered
    /// from one counter, in the order of the source.
    pub seq: u32,
}

/// What a node of the structure is.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A news item.
    Section,
    /// A heading of level 1 (the title), 2 (item titles) or 3 (headings in
    /// an item); the words are kept for PDF/UA's heading titles.
    Heading(u8, String),
    /// A paragraph.
    Paragraph,
    /// A quotation; its paragraphs and attribution are children.
    Quote,
    /// A list.
    List,
    /// A list entry (its bullet is decoration).
    ListItem,
    /// A list entry's words.
    ListBody,
    /// An image with its text alternative (`None` when the source gave
    /// none).
    Figure(Option<String>),
    /// A figure's credit and caption.
    Caption,
    /// A link: the words and the clickable area.
    Link(String),
    /// The contents list.
    Contents,
    /// One entry of the contents list.
    ContentsEntry,
}

/// A node of the logical structure.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// Its number: nodes and content share one counter (see [`Tag::seq`]).
    pub id: u32,
    /// The node it belongs to; `None` at the top.
    pub parent: Option<u32>,
    /// What it is.
    pub role: Role,
    /// Its language, when it differs from the brochure's.
    pub lang: Option<String>,
    /// The source field it comes from (for figures: where `alt` belongs).
    pub path: Option<String>,
    /// Where that field is in the source.
    pub span: Option<crate::diag::Span>,
}

/// A finished page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Trim width.
    pub width: Pt,
    /// Trim height.
    pub height: Pt,
    /// Page number as printed: from 1 in the body, and from 1 (shown as
    /// i, ii, …) in the front matter.
    pub number: usize,
    /// Whether the page is front matter (cover, contents).
    pub front: bool,
    /// What is on it, in reading order.
    pub items: Vec<(Point, Item)>,
}

/// A bookmark: a title and where it leads, with nested entries.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// The words shown.
    pub title: String,
    /// Page index (0-based).
    pub page: usize,
    /// Distance from the page top.
    pub y: Pt,
    /// Nested entries.
    pub children: Vec<OutlineEntry>,
}

/// The laid-out brochure.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Pages in order.
    pub pages: Vec<Page>,
    /// One entry per item, nested headings below.
    pub outline: Vec<OutlineEntry>,
    /// Problems found while laying out (overlong words, shrunken images).
    pub warnings: Vec<Diagnostic>,
    /// The logical structure, in source order: every tagged item's
    /// [`Tag::node`] is one of these.
    pub structure: Vec<StructNode>,
    /// What the pages are printed on.
    pub sheet: Sheet,
    /// What the file says about itself.
    pub info: Info,
}

/// What the pages are printed on: the trim size, what lies around it, and
/// where the text frame stands (running headers and footers are outside).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct Sheet {
    /// Trim width.
    pub width: Pt,
    /// Trim height.
    pub height: Pt,
    /// Bleed around the trim box.
    pub bleed: Pt,
    /// Whether crop marks are drawn, outside the bleed.
    pub crop_marks: bool,
    /// Top of the text frame, from the trim's top.
    pub frame_top: Pt,
    /// Bottom of the text frame, from the trim's top.
    pub frame_bottom: Pt,
}

/// What the file says about itself: its metadata.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Info {
    /// The title, as plain text.
    pub title: String,
    /// The brochure's language (BCP 47).
    pub language: String,
    /// Who publishes it.
    pub author: Option<String>,
    /// What it is (the subtitle).
    pub description: Option<String>,
    /// Keywords (the items' tags).
    pub keywords: Vec<String>,
}

impl Sheet {
    /// The sheet `doc`'s theme asks for.
    pub fn of(doc: &Doc) -> Sheet {
        let t = &doc.theme;
        Sheet { width: t.page_width, height: t.page_height, bleed: t.bleed, crop_marks: t.crop_marks, frame_top: t.margin_top, frame_bottom: t.page_height - t.margin_bottom }
    }
}

impl Info {
    /// The metadata of `doc`.
    pub fn of(doc: &Doc) -> Info {
        Info {
            title: doc.title_text.clone(),
            language: doc.language.clone(),
            author: doc.publisher.as_ref().map(|p| p.text.clone()),
            description: doc.subtitle.as_ref().map(|s| s.text.clone()),
            keywords: doc.keywords.clone(),
        }
    }
}

/// The structure tag of an item, when it can have one (rectangles are
/// always decoration).
pub fn tag_mut(item: &mut Item) -> Option<&mut Option<Tag>> {
    match item {
        Item::Text(run) => Some(&mut run.tag),
        Item::Image { tag, .. } | Item::PageRef { tag, .. } | Item::Link { tag, .. } | Item::Rects { tag, .. } => Some(tag),
        Item::Rect { .. } => None,
    }
}

/// The structure tag of an item.
pub fn tag_of(item: &Item) -> Option<Tag> {
    match item {
        Item::Text(run) => run.tag,
        Item::Image { tag, .. } | Item::PageRef { tag, .. } | Item::Link { tag, .. } | Item::Rects { tag, .. } => *tag,
        Item::Rect { .. } => None,
    }
}

/// Marks items as decoration (no structure tag).
#[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "for the stages' users (tests, benchmarks): the command never untags"))]
pub fn untag(items: &mut [(Point, Item)]) {
    for (_, item) in items {
        if let Some(t) = tag_mut(item) {
            *t = None;
        }
    }
}

/// Where the text of a line's items ends: the right end of its last run.
pub(crate) fn text_end(items: &[(Point, Item)]) -> Pt {
    items
        .iter()
        .filter_map(|(p, it)| match it {
            Item::Text(r) => Some(p.x + r.width()),
            _ => None,
        })
        .fold(Pt::ZERO, Pt::max)
}

/// The baseline of a line's items: that of its first run.
pub(crate) fn baseline(items: &[(Point, Item)]) -> Pt {
    items.iter().find_map(|(p, it)| matches!(it, Item::Text(_)).then_some(p.y)).unwrap_or(Pt::ZERO)
}

/// Lays out a resolved brochure.
pub fn layout(doc: &Doc) -> Layout {
    let out = layout_once(doc);
    let Some((want, span, multiple)) = page_target(doc, out.pages.len()) else { return without_a_stub_page(doc, out) };
    let path = if multiple.is_empty() { "theme.pages" } else { "theme.page_multiple" };
    if out.pages.len() == want {
        return out;
    }
    // The slack: figures set between half and one and a half times the
    // theme's cap (never past their pixels at 150 dpi). More room for
    // figures, more pages; the page count grows with the cap, so it is
    // found by bisection, starting from the theme's own layout.
    let trial = |k: f32| layout_with_cap(doc, k);
    let (lo_k, hi_k) = (0.5f32, 1.5f32);
    let more = out.pages.len() < want;
    let mut best = out;
    let (mut lo, mut hi) = if more { (1.0, hi_k) } else { (lo_k, 1.0) };
    let edge = trial(if more { hi_k } else { lo_k });
    let reachable = if more { edge.pages.len() >= want } else { edge.pages.len() <= want };
    if !reachable {
        best = edge;
    } else {
        if edge.pages.len() == want {
            best = edge;
        }
        for _ in 0..6 {
            if best.pages.len() == want {
                break;
            }
            let mid = (lo + hi) / 2.0;
            let l = trial(mid);
            let n = l.pages.len();
            if n == want {
                best = l;
                break;
            }
            if n < want { lo = mid } else { hi = mid }
            if n.abs_diff(want) < best.pages.len().abs_diff(want) {
                best = l;
            }
        }
    }
    let got = best.pages.len();
    if got != want {
        let (by, why, hint) = if got > want {
            (
                format!("{} more", got - want),
                "the text needs the room even with figures at half their usual height".to_string(),
                format!("shorten the text, use fewer images, or ask for {got} pages"),
            )
        } else {
            (format!("{} fewer", want - got), "the content does not fill more even with figures half as tall again".to_string(), format!("add content, or ask for {got} pages"))
        };
        best.warnings.push(
            Diagnostic::warning(span, path, format!("the brochure has {got} pages, {by} than the {want}{multiple} asked ({why})")).with_hint(hint),
        );
    }
    best
}

/// The largest share of the frame a last page may fill and still be given
/// up: a few lines (the closing, an item's last sentence) on a page of
/// their own read as left behind.
const STUB_PAGE: f32 = 0.2;

/// The most pages a brochure may have for a stub last page to be worth
/// laying it out again (each try is a whole layout; in a long brochure one
/// page more is a small share).
const STUB_PAGES_MAX: usize = 24;

/// `out`, or, when its last page holds only a few lines, the same brochure
/// a page shorter with its figures set smaller (at most to half the cap),
/// if that fits; the first of these caps that does is kept.
fn without_a_stub_page(doc: &Doc, out: Layout) -> Layout {
    let n = out.pages.len();
    if !(3..=STUB_PAGES_MAX).contains(&n) || out.pages.last().is_none_or(|p| p.front || frame_share(doc, p) > STUB_PAGE) {
        return out;
    }
    for k in [0.85f32, 0.7, 0.5] {
        let l = layout_with_cap(doc, k);
        if l.pages.len() < n {
            return l;
        }
    }
    out
}

/// How far down its text frame a page's content reaches, as a share of
/// the frame's height (running header and footer, outside it, left out).
fn frame_share(doc: &Doc, page: &Page) -> f32 {
    let t = &doc.theme;
    let (top, bottom) = (t.margin_top, t.page_height - t.margin_bottom);
    let lowest = page.items.iter().map(|(p, _)| p.y).filter(|&y| y > top && y <= bottom).fold(top, Pt::max);
    (lowest - top).get() / (bottom - top).get()
}

/// The page count asked for (`theme.pages`, else the multiple of
/// `theme.page_multiple` nearest to `natural` pages), with where it was
/// asked; `None` when neither is set or `natural` already fits.
fn page_target(doc: &Doc, natural: usize) -> Option<(usize, Option<crate::diag::Span>, String)> {
    if let Some((n, span)) = doc.theme.pages {
        return Some((n as usize, span, String::new()));
    }
    let (k, span) = doc.theme.page_multiple?;
    let k = k as usize;
    let down = natural / k * k;
    let up = down + k;
    // The nearer multiple; the one above on a tie (a blank page is better
    // than squeezing), and never none.
    let want = if natural % k == 0 { natural } else if down > 0 && natural - down < up - natural { down } else { up };
    Some((want, span, format!(", a multiple of {k},")))
}

/// One layout of `doc` with its figures' cap `k` times the theme's: the
/// slack the page count and a stub last page are found with.
fn layout_with_cap(doc: &Doc, k: f32) -> Layout {
    let mut d = doc.clone();
    d.theme.max_figure_height = d.theme.max_figure_height.scaled(k);
    layout_once(&d)
}

/// One layout of `doc` as its theme says.
fn layout_once(doc: &Doc) -> Layout {
    run(doc, None).0
}

/// Lays out `doc`, handing its pages to `sink` as they are finished when
/// the brochure is long, so that they need not all be held: pages go to
/// `sink` in order, a batch at a time, with the logical structure and the
/// bookmarks as far as made, once more than [`paginate::HOLD`] pages are
/// made. What is returned holds the pages not handed out, each with its
/// index in the brochure, in the order to draw them: the last pages, then
/// those held back (the contents, whose page numbers are known last, and
/// whose links lead to pages drawn by then). Every page is laid out as
/// [`layout`] lays it out.
///
/// A brochure that asks for a page count, or whose header or footer prints
/// the number of pages, is laid out whole first: all its pages are returned.
pub fn layout_streaming(doc: &Doc, sink: paginate::Sink<'_>) -> (Layout, Vec<usize>) {
    let t = &doc.theme;
    let counts = [&t.header, &t.footer].into_iter().flatten().any(|tpl| tpl.contains("{pages}"));
    if t.pages.is_some() || t.page_multiple.is_some() || counts {
        let l = layout(doc);
        let indices = (0..l.pages.len()).collect();
        return (l, indices);
    }
    let (out, indices) = run(doc, Some(sink));
    if indices.first() == Some(&0) {
        // Nothing was handed out: the whole brochure, whose last page may
        // be given up.
        let l = without_a_stub_page(doc, out);
        let indices = (0..l.pages.len()).collect();
        return (l, indices);
    }
    (out, indices)
}

/// One layout of `doc`: its pages (those not handed to `sink`) with their
/// indices.
fn run(doc: &Doc, sink: Option<paginate::Sink<'_>>) -> (Layout, Vec<usize>) {
    let words = crate::text::shape::Words::new(&doc.fonts);
    let mut shaper = crate::text::shape::Shaper::with_words(&doc.fonts, &words);
    let pool = (0..flow::chunks()).map(|_| shaper.sibling(&doc.fonts)).collect();
    // The items are set on the pool (the current one, or the global) while
    // this thread sets the front matter and places what is set.
    rayon::in_place_scope(|scope| {
        let mut fl = flow::Flow::new(doc, &mut shaper);
        let mut elems = Vec::new();
        let mut feed = paginate::Feed::new(&mut fl, &mut elems, scope, pool);
        let (mut result, indices) = paginate::paginate(doc, &mut fl, elems, &mut feed, sink);
        result.structure = fl.take_structure();
        // The contents list reserved room for its page numbers; fill them in.
        let body_start = result.pages.iter().zip(&indices).find(|(p, _)| !p.front).map_or(usize::MAX, |(p, k)| k + 1 - p.number);
        toc::fill_page_refs(&mut fl, &mut result.pages, &result.outline, body_start);
        // Pages grew item by item; they are kept until drawn.
        for page in &mut result.pages {
            page.items.shrink_to_fit();
        }
        result.warnings.splice(0..0, fl.take_warnings());
        (result, indices)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_with(offsets: &[(f32, f32)]) -> TextRun {
        let mut run = TextRun::new(FontId(0), Pt(10.0), Color::rgb(0, 0, 0), "x".repeat(offsets.len()), 0);
        for (k, &(x, y)) in offsets.iter().enumerate() {
            run.push(Glyph::new(k as u16, Pt(5.0), k..k + 1), Pt(x), Pt(y));
        }
        run
    }

    #[test]
    fn glyph_offsets_are_kept_wherever_they_start() {
        for offsets in [
            vec![(0.0, 0.0), (0.0, 0.0)],
            vec![(1.5, 2.0), (0.0, 0.0), (0.0, 0.0)],
            vec![(0.0, 0.0), (0.0, 0.0), (0.0, -3.0), (0.0, 0.0)],
            vec![(0.5, 0.0)],
        ] {
            let run = run_with(&offsets);
            let got: Vec<(f32, f32)> = (0..offsets.len()).map(|i| run.offset(i)).map(|(x, y)| (x.get(), y.get())).collect();
            assert_eq!(got, offsets);
            assert_eq!(run.glyphs.iter().map(Glyph::range).collect::<Vec<_>>(), (0..offsets.len()).map(|k| k..k + 1).collect::<Vec<_>>());
        }
        // Runs without offsets keep no table.
        assert!(run_with(&[(0.0, 0.0); 3]).offsets.is_empty());
        assert_eq!(std::mem::size_of::<Glyph>(), 12);
    }
}
