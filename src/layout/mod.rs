//! Layout: a resolved brochure becomes positioned pages.
//!
//! [`flow`] turns items into a stream of column elements (lines, figures,
//! spaces) with their keep rules; [`paginate`] pours that stream into
//! columns and pages; [`toc`] makes the contents list. No PDF type appears
//! here: a [`Page`] is glyph ids, advances, images and rectangles at points,
//! and its [`fmt::Debug`] dump is stable enough to snapshot.

pub mod flow;
pub mod paginate;
pub mod toc;

use std::fmt;
use std::ops::Range;

use crate::diag::Diagnostic;
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

/// A glyph of a text run.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's font.
    pub id: u16,
    /// Advance.
    pub advance: Pt,
    /// Horizontal offset.
    pub x_offset: Pt,
    /// Vertical offset, up positive.
    pub y_offset: Pt,
    /// The characters it shows: a byte range of the run's text.
    pub range: Range<usize>,
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
}

impl TextRun {
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
    },
    /// A clickable area; its point is the top-left corner.
    Link {
        /// Width.
        width: Pt,
        /// Height.
        height: Pt,
        /// Where it leads.
        target: Target,
    },
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
    let mut shaper = crate::text::shape::Shaper::new(&doc.fonts);
    let mut fl = flow::Flow::new(doc, &mut shaper);
    let stream = fl.build();
    let mut result = paginate::paginate(doc, &mut fl, stream);
    // The contents list reserved room for its page numbers; fill them in.
    toc::fill_page_refs(&mut fl, &mut result);
    result.warnings.splice(0..0, fl.take_warnings());
    result
}
