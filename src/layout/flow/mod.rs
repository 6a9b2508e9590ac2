//! The column flow: every part of the brochure as a stream of elements
//! (lines of text, figures, spaces, breaks) that [`super::paginate`] pours
//! into columns. Keep rules live here, on the elements: a heading keeps with
//! the lines after it, a paragraph keeps two lines on each side of a break.
//!
//! Its parts: `tags` numbers the logical structure and tags what is set;
//! `set` sets text in lines and paragraphs; `front` sets the title block
//! and the cover; `item` composes an item (title, body blocks, links,
//! tags); `blocks` sets its body blocks; `sidebar` sets boxes on their
//! tinted panels; `figure` sets figures and checks their images'
//! resolution; `gallery` sets galleries; `dropcap` opens an item's first
//! paragraph with a drop cap; `inset` sets floating figures with the text
//! wrapped round them; `pull` sets pull quotes.

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::resolve::{Doc, Family, ItemStart};
use crate::text::bidi::is_rtl_language;
use crate::text::shape::Shaper;
use crate::units::{Color, Pt};

use super::{Item, Point, Role};

mod blocks;
mod dropcap;
mod figure;
mod front;
mod gallery;
mod inset;
mod item;
mod pull;
mod set;
mod sidebar;
mod tags;

#[cfg_attr(not(feature = "unstable-stages"), expect(unused_imports, reason = "for the stages' users: the crate calls it in `set`"))]
pub use set::push_space;
pub(crate) use pull::SPAN;
pub(crate) use sidebar::{PAD as BOX_PAD, panel_slice};
use tags::{Tagger, shift_tags};

/// Something the paginator places in a column (or across all columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Elem {
    /// Height it takes.
    pub height: Pt,
    /// What it is.
    pub kind: Kind,
    /// Whether a column break right after it is forbidden.
    pub keep_with_next: bool,
    /// Whether it is a line of body text, set on the baseline grid: its top
    /// is moved down to the next multiple of the body leading, so body lines
    /// line up across columns whatever stands above them.
    pub grid: bool,
    /// Whether it is part of a box (sidebar): a column break between it
    /// and the next part of the same box costs `cost::BOX_SPLIT`.
    pub boxed: bool,
}

/// The kinds of flow elements.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Drawn content, positioned from the element's top-left corner.
    Content(Vec<(Point, Item)>),
    /// Vertical space; dropped at the top of a column.
    Space,
    /// Continue in the next column.
    ColumnBreak,
    /// Continue on the next page.
    PageBreak,
    /// Content across all columns, placed at the top of a page.
    Wide(Vec<(Point, Item)>),
    /// A figure in the column (its image first, then credit and caption):
    /// the paginator may set the image up to `shrink` shorter (narrower in
    /// proportion, centred) to fill a column.
    Figure {
        /// The image, then the credit and caption lines below it.
        items: Vec<(Point, Item)>,
        /// The most the image may lose in height.
        shrink: Pt,
        /// An item's lead image: it may start the next column while the
        /// item's title and first lines stay in this one.
        float: bool,
    },
    /// A figure across all columns, like [`Kind::Wide`]: its image may be
    /// set up to `shrink` shorter to fit under the columns above it.
    WideFigure {
        /// The image, then the credit and caption lines below it.
        items: Vec<(Point, Item)>,
        /// The most the image may lose in height.
        shrink: Pt,
    },
    /// Content across the first [`pull::SPAN`] columns of a band (a pull
    /// quote in three or more columns), positioned from its top-left
    /// corner: the paginator places it at the top of the band that begins
    /// after it, and those columns start below it.
    Span(Vec<(Point, Item)>),
    /// The rule that ends an item: dropped at the top of a column and right
    /// after another rule.
    Rule(Vec<(Point, Item)>),
    /// The start of an item or heading, for bookmarks and the contents.
    Mark(Mark),
    /// A page of its own (the cover), positioned from the trim box's
    /// top-left corner; it may reach into the bleed.
    FullPage(Vec<(Point, Item)>),
    /// The body begins on the next page: pages before it are front matter,
    /// numbered i, ii, …; the body is numbered from 1.
    BodyStart,
    /// From here on, this many columns.
    SetColumns(u32),
}

/// What a [`Kind::Mark`] marks.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// The start of item `index`.
    Item {
        /// Index of the item in [`Doc::items`].
        index: usize,
        /// Its title.
        title: String,
    },
    /// A heading inside the current item.
    Heading(String),
}

/// Horizontal alignment of ragged text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    #[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "no source asks for centred text yet; the stages' users can"))]
    Center,
    /// Flush right.
    Right,
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Font family.
    pub family: Family,
    /// Size.
    pub size: Pt,
    /// Distance between baselines.
    pub leading: Pt,
    /// Colour.
    pub color: Color,
    /// Bold throughout.
    pub bold: bool,
    /// Italic throughout.
    pub italic: bool,
    /// Justified (else ragged, aligned by `align`).
    pub justify: bool,
    /// Alignment of ragged lines.
    pub align: Align,
    /// Hyphenation patterns.
    pub hyphenate: Option<hypher::Lang>,
}

/// Builds the flow of a brochure, keeping the shaper (and its cache) alive
/// between the runs that the contents list needs.
pub struct Flow<'a, 's> {
    doc: &'a Doc,
    shaper: &'s mut Shaper<'a>,
    warnings: Vec<Diagnostic>,
    tags: Tagger,
    /// Width of one column.
    pub col_width: Pt,
    /// Width of the whole text frame.
    pub frame_width: Pt,
    /// Height of the text frame.
    pub frame_height: Pt,
    /// Path of the field being set, for warnings.
    path: String,
    /// Paragraph direction: right to left in an item (or brochure) in a
    /// right-to-left language, else `None`, from each paragraph's text.
    rtl: Option<bool>,
    /// The item being set, if any: whose words (labels) to print.
    item: Option<usize>,
}

/// Items set apart from a flow ([`set_items`]), to be joined to it in
/// order ([`Flow::join`]).
pub(crate) struct Batch {
    /// The items set.
    pub(crate) range: std::ops::Range<usize>,
    /// Each chunk's elements, warnings and structure (numbered from 0).
    parts: Vec<(Vec<Elem>, Vec<Diagnostic>, Tagger)>,
}

/// The chunks a batch of items is set in: two per thread, since each starts
/// with an empty word cache and, with four, shaping the same words again was
/// a tenth of the layout time. One shaper each.
pub(crate) fn chunks() -> usize {
    rayon::current_num_threads() * 2
}

/// `doc`'s items `range`, set in parallel.
///
/// Items are independent of each other once the column width is known:
/// they are set in chunks, one for each of `pool`'s shapers (kept from one
/// batch to the next with their word caches), and joined in order, so the
/// result depends neither on the number of threads nor on how the items are
/// split between batches.
pub(crate) fn set_items<'a>(doc: &'a Doc, range: std::ops::Range<usize>, pool: &mut [Shaper<'a>]) -> Batch {
    let lead_break = doc.cover.is_none() && (doc.theme.toc || !doc.intro.is_empty());
    let chunk = range.len().div_ceil(pool.len().max(1)).max(1);
    let first = range.start;
    let parts = doc.items[range.clone()]
        .par_chunks(chunk)
        .zip(pool.par_iter_mut())
        .enumerate()
        .map(|(c, (items, shaper))| {
            let mut fl = Flow::new(doc, shaper);
            let mut out = Vec::new();
            for (k, item) in items.iter().enumerate() {
                let i = first + c * chunk + k;
                fl.path = item.path.clone();
                if i > 0 || lead_break {
                    match doc.theme.item_start {
                        ItemStart::Flow => {}
                        ItemStart::NewColumn => out.push(Elem { height: Pt::ZERO, kind: Kind::ColumnBreak, keep_with_next: false, grid: false, boxed: false }),
                        ItemStart::NewPage => out.push(Elem { height: Pt::ZERO, kind: Kind::PageBreak, keep_with_next: false, grid: false, boxed: false }),
                    }
                }
                fl.item(i, item, &mut out);
            }
            (out, fl.take_warnings(), std::mem::take(&mut fl.tags))
        })
        .collect();
    Batch { range, parts }
}

/// Set lines (as [`Flow::set`] gives them) one under another from `at`,
/// `leading` apart, into `items`; returns the `y` under the last.
fn stack_lines(lines: Vec<Vec<(Point, Item)>>, at: Point, leading: Pt, items: &mut Vec<(Point, Item)>) -> Pt {
    let mut y = at.y;
    for line in lines {
        items.extend(line.into_iter().map(|(p, it)| (Point::new(p.x + at.x, p.y + y), it)));
        y += leading;
    }
    y
}

impl<'a, 's> Flow<'a, 's> {
    /// A flow for `doc`.
    pub fn new(doc: &'a Doc, shaper: &'s mut Shaper<'a>) -> Self {
        let t = &doc.theme;
        let frame_width = t.page_width - t.margin_inside - t.margin_outside;
        let col_width = (frame_width - t.gutter * (t.columns as f32 - 1.0)) / t.columns as f32;
        let frame_height = t.page_height - t.margin_top - t.margin_bottom;
        let rtl = is_rtl_language(&doc.language).then_some(true);
        Flow { doc, shaper, warnings: Vec::new(), tags: Tagger::default(), col_width, frame_width, frame_height, path: String::new(), rtl, item: None }
    }

    /// Warnings collected so far, taken out.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.warnings)
    }

    fn base(&self) -> Pt {
        self.doc.theme.base_size
    }

    /// Body text style.
    pub fn body_style(&self, hyphenate: Option<hypher::Lang>) -> TextStyle {
        let t = &self.doc.theme;
        // Ragged right when the measure holds fewer than about 40 characters
        // (a character is about half an em): justified narrow columns open
        // rivers of space.
        let narrow = inset::narrow_measure(self.col_width, t.base_size);
        TextStyle {
            family: t.body,
            size: t.base_size,
            leading: self.grid(),
            color: t.text,
            bold: false,
            italic: false,
            justify: !narrow,
            align: Align::Left,
            hyphenate,
        }
    }

    /// A sans style of `scale` × the body size.
    pub fn sans(&self, scale: f32, bold: bool, color: Color) -> TextStyle {
        let t = &self.doc.theme;
        let size = t.base_size * scale;
        TextStyle {
            family: t.heading,
            size,
            leading: size * 1.3,
            color,
            bold,
            italic: false,
            justify: false,
            align: Align::Left,
            hyphenate: None,
        }
    }

    /// Sets what follows in `n` columns.
    fn set_columns(&mut self, n: u32, out: &mut Vec<Elem>) {
        let n = n.max(1);
        self.col_width = (self.frame_width - self.doc.theme.gutter * (n as f32 - 1.0)) / n as f32;
        out.push(Elem { height: Pt::ZERO, kind: Kind::SetColumns(n), keep_with_next: false, grid: false, boxed: false });
    }

    /// The baseline grid: the body text's leading.
    pub fn grid(&self) -> Pt {
        self.doc.theme.base_size * 1.4
    }

    fn space(out: &mut Vec<Elem>, h: Pt, keep: bool) {
        out.push(Elem { height: h, kind: Kind::Space, keep_with_next: keep, grid: false, boxed: false });
    }

    /// What comes before the items: the cover or title block, the
    /// introduction, the contents and, after a cover, the start of the body.
    pub fn front(&mut self, out: &mut Vec<Elem>) {
        let doc = self.doc;
        self.path = "title".into();
        if doc.cover.is_some() {
            self.cover_page(out);
            // The introduction and a short contents list read best across
            // the page; a long list keeps the columns.
            let front = if doc.items.len() <= 30 { 1 } else { doc.theme.columns };
            self.set_columns(front, out);
        } else {
            self.title_block(out);
        }
        let body = self.body_style(crate::text::hyphenate::language(&doc.language));
        self.path = "intro".into();
        let intro = TextStyle { size: self.base() * 1.1, leading: self.base() * 1.1 * 1.4, ..body };
        // At most about 70 characters to the line, when the front matter
        // runs across the page.
        let intro_width = self.col_width.min(intro.size * 36.0);
        // Against the edge the text starts from.
        let intro_x = if self.rtl == Some(true) { self.col_width - intro_width } else { Pt::ZERO };
        for p in &doc.intro {
            let prev = self.open(Role::Paragraph);
            self.para(p, &intro, intro_width, intro_x, out);
            self.close(prev);
            Self::space(out, intro.leading * 0.5, false);
        }
        if doc.theme.toc {
            self.path = "items".into();
            super::toc::contents(self, out);
        }
        if doc.cover.is_some() {
            out.push(Elem { height: Pt::ZERO, kind: Kind::BodyStart, keep_with_next: false, grid: false, boxed: false });
            self.set_columns(doc.theme.columns, out);
        }
    }

    /// Joins `batch` to the flow, after what it holds: its elements into
    /// `out`, its structure numbered on from the flow's, its warnings after
    /// the flow's.
    pub(crate) fn join(&mut self, batch: Batch, out: &mut Vec<Elem>) {
        for (mut elems, warnings, tags) in batch.parts {
            // Each chunk numbered its structure from 0: move it after ours.
            let delta = self.tags.next;
            shift_tags(&mut elems, delta);
            self.tags.nodes.extend(tags.nodes.into_iter().map(|mut n| {
                n.id += delta;
                n.parent = n.parent.map(|p| p + delta);
                n
            }));
            self.tags.next += tags.next;
            out.extend(elems);
            self.warnings.extend(warnings);
        }
    }

    /// What comes after the items: the closing, across the frame.
    pub fn closing(&mut self, out: &mut Vec<Elem>) {
        let doc = self.doc;
        if !doc.closing.is_empty() {
            self.path = "closing".into();
            let body = self.body_style(crate::text::hyphenate::language(&doc.language));
            let intro = TextStyle { size: self.base() * 1.1, leading: self.base() * 1.1 * 1.4, ..body };
            // In one column, the last item's rule sets the closing apart (a second
            // rule here made a double one). Across the frame in the
            // introduction's size, at most about 70 characters to the line;
            // the columns above it are balanced.
            let st = TextStyle { italic: true, ..intro };
            if doc.theme.columns > 1 {
                // In columns, that rule ends whichever column the last item
                // ended in and stood there alone beside the other columns'
                // ends; the gap above the closing, across the frame below
                // them all, parts them instead (a rule there would open the
                // band, where rules are dropped).
                if matches!(out.last(), Some(Elem { kind: Kind::Rule(_), .. })) {
                    out.pop();
                    if matches!(out.last(), Some(Elem { kind: Kind::Space, .. })) {
                        out.pop();
                    }
                }
                self.set_columns(1, out);
            }
            let width = self.col_width.min(st.size * 36.0);
            for p in &doc.closing {
                let prev = self.open(Role::Paragraph);
                self.para(p, &st, width, Pt::ZERO, out);
                self.close(prev);
                Self::space(out, st.leading * 0.5, false);
            }
        }
    }

    /// The logical structure made so far.
    pub fn structure(&self) -> &[super::StructNode] {
        &self.tags.nodes
    }

    /// The program's words for what is being set: the item's, or the
    /// brochure's outside items.
    pub fn labels(&self) -> &'a crate::locale::Labels {
        let doc = self.doc;
        self.item.map_or(&doc.labels, |i| &doc.items[i].labels)
    }

    /// The document being laid out.
    pub fn doc(&self) -> &'a Doc {
        self.doc
    }
}
