//! The brochure as resolved, ready for layout: [`Doc`], its items, body
//! blocks and figures, the theme in points, and the fonts and images
//! loaded once and referred to by id.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::diag::Span;
use crate::locale::{Digits, Labels};
use crate::text::inline::StyledText;
use crate::text::shape::{FontData, FontId};
use crate::units::{Color, Pt};

/// A brochure ready for layout.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Title.
    pub title: StyledText,
    /// Title as plain text, for metadata.
    pub title_text: String,
    /// Subtitle.
    pub subtitle: Option<StyledText>,
    /// Publisher.
    pub publisher: Option<StyledText>,
    /// Edition date.
    pub date: Option<NaiveDate>,
    /// Edition date in the theme's format.
    pub date_text: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// The program's words in the brochure's language, with the theme's
    /// `labels` in their place.
    pub labels: Labels,
    /// Introduction paragraphs.
    pub intro: Vec<StyledText>,
    /// Cover image.
    pub cover: Option<Figure>,
    /// Items, in the theme's order.
    pub items: Vec<Item>,
    /// Closing paragraphs.
    pub closing: Vec<StyledText>,
    /// Design settings in points.
    pub theme: Theme,
    /// Fonts, indexed by [`FontId`].
    pub fonts: Vec<FontData>,
    /// Images, indexed by [`ImageId`].
    pub images: Vec<ImageData>,
    /// All tags of all items, once each, in order of first use.
    pub keywords: Vec<String>,
}

/// What rendering draws with besides the layout: the fonts and images a
/// brochure uses, and how images are embedded and printed.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Assets<'a> {
    /// The fonts, by [`FontId`].
    pub fonts: &'a [FontData],
    /// The images, by [`ImageId`].
    pub images: &'a [ImageData],
    /// The resolution images are downsampled to (`theme.image_dpi`).
    pub image_dpi: u32,
    /// The CMYK profile for PDF/X (`theme.output_profile`): its path as
    /// written and its bytes; the bundled one when `None`.
    pub output_profile: Option<&'a (String, Arc<Vec<u8>>)>,
}

impl Doc {
    /// The fonts and images rendering draws with.
    pub fn assets(&self) -> Assets<'_> {
        Assets { fonts: &self.fonts, images: &self.images, image_dpi: self.theme.image_dpi, output_profile: self.theme.output_profile.as_ref() }
    }

    /// Every figure with the field that names it in the source, in source
    /// order: the cover, then each item's lead image and body figures.
    pub fn figures(&self) -> Vec<(&Figure, String)> {
        let mut out: Vec<(&Figure, String)> = Vec::new();
        if let Some(c) = &self.cover {
            out.push((c, "cover.image".into()));
        }
        for item in &self.items {
            if let Some(f) = &item.image {
                out.push((f, format!("{}.image", item.path)));
            }
            for (j, b) in item.body.iter().enumerate() {
                match b {
                    BodyBlock::Figure(f) => out.push((f, format!("{}.body[{j}].image", item.path))),
                    BodyBlock::Gallery(g) => {
                        for (k, f) in g.figures.iter().enumerate() {
                            out.push((f, format!("{}.body[{j}].gallery[{k}]", item.path)));
                        }
                    }
                    BodyBlock::Box { body, .. } => {
                        for (k, b) in body.iter().enumerate() {
                            if let BodyBlock::Figure(f) = b {
                                out.push((f, format!("{}.body[{j}].box.body[{k}].image", item.path)));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// A news item ready for layout.
#[derive(Debug, Clone)]
pub struct Item {
    /// Title.
    pub title: StyledText,
    /// Title as plain text, for bookmarks.
    pub title_text: String,
    /// Date in the theme's format.
    pub date_text: Option<String>,
    /// Date, for ordering.
    pub date: Option<NaiveDate>,
    /// Location.
    pub location: Option<StyledText>,
    /// Language tag (the item's or the brochure's).
    pub language: String,
    /// Hyphenation patterns for the language.
    pub hyphenation: Option<hypher::Lang>,
    /// The program's words in the item's language (the brochure's, with
    /// the theme's `labels`, when the item is in the brochure's language).
    pub labels: Labels,
    /// Lead image.
    pub image: Option<Figure>,
    /// Standfirst paragraphs.
    pub summary: Vec<StyledText>,
    /// Body.
    pub body: Vec<BodyBlock>,
    /// "More information" links: text and URL.
    pub links: Vec<(StyledText, String)>,
    /// The address its QR code encodes (`qr:`, else its first link), when
    /// `theme.qr_codes` is on.
    pub qr: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Whether its first body paragraph opens with a drop cap: its own
    /// `drop_cap`, else the theme's.
    pub drop_cap: bool,
    /// The field path, e.g. `items[3]`, for messages from layout.
    pub path: String,
    /// Where the item's title is, for messages from layout and preflight.
    pub span: Option<Span>,
}

/// A body block ready for layout.
#[derive(Debug, Clone)]
pub enum BodyBlock {
    /// A paragraph.
    Paragraph(StyledText),
    /// A pull quote and its attribution.
    Quote {
        /// The quote's paragraphs.
        text: Vec<StyledText>,
        /// Attribution.
        by: Option<StyledText>,
        /// `style: pull`: set larger, between rules, across two columns
        /// in layouts of three or more.
        pull: bool,
    },
    /// A sub-heading.
    Heading(StyledText),
    /// A figure.
    Figure(Figure),
    /// A bulleted list.
    List(Vec<StyledText>),
    /// A grid of images with one caption.
    Gallery(Gallery),
    /// A numbered list (from Markdown's `1.`, `2.` …): the first number
    /// and the entries, numbered on from it.
    NumberedList {
        /// The number of the first entry.
        start: u64,
        /// The entries.
        entries: Vec<StyledText>,
    },
    /// A box (sidebar): a tinted panel with its heading and blocks.
    Box {
        /// Its heading.
        title: StyledText,
        /// Its blocks (never a box).
        body: Vec<BodyBlock>,
        /// Tinted with the accent colour (else the muted one).
        accent: bool,
    },
}

/// An image with its words.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The image.
    pub image: ImageId,
    /// Credit, shown as "Image © …".
    pub credit: Option<StyledText>,
    /// Caption.
    pub caption: Option<StyledText>,
    /// Text alternative; `Some("")` marks a decorative image.
    pub alt: Option<String>,
    /// Across all columns.
    pub full_width: bool,
    /// Where cropping centres: `x` and `y` from the top-left corner, each
    /// 0–1 (`image.focus`, else the centre).
    pub focus: (f32, f32),
    /// A share of the column's width (`width: 40%`, 0.25–0.6), or `None`
    /// for the whole column.
    pub share: Option<f32>,
    /// An inset figure that the next paragraph wraps round, on this side
    /// (mirrored in right-to-left items).
    pub float: Option<Side>,
    /// Where the image's path was written, for messages from layout.
    pub source: Option<Span>,
}

/// A gallery ready for layout: 2 to 6 figures set in a grid, each
/// cropped to its cell around its focus.
#[derive(Debug, Clone)]
pub struct Gallery {
    /// The images with their alt, credit and focus, in source order (their
    /// own captions are not printed: the gallery has one).
    pub figures: Vec<Figure>,
    /// The caption under the grid.
    pub caption: Option<StyledText>,
    /// Across all columns.
    pub full_width: bool,
}

/// The side of the column an inset figure stands on, as written (`left`
/// is the right side in a right-to-left item).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `float: left`.
    Left,
    /// `float: right`.
    Right,
}

/// Index of an image in [`Doc::images`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageId(pub u32);

/// The encoding of an image file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// JPEG, embedded as it is.
    Jpeg,
    /// PNG.
    Png,
}

/// A loaded image file.
#[derive(Debug, Clone)]
pub struct ImageData {
    /// The path as written in the source.
    pub path: String,
    /// The file's bytes.
    pub data: Arc<Vec<u8>>,
    /// JPEG or PNG.
    pub kind: ImageKind,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The four fonts of a family.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Family {
    /// Regular.
    pub regular: FontId,
    /// Bold.
    pub bold: FontId,
    /// Italic.
    pub italic: FontId,
    /// Bold italic.
    pub bold_italic: FontId,
}

impl Family {
    /// The font for a combination of bold and italic.
    pub fn pick(&self, bold: bool, italic: bool) -> FontId {
        match (bold, italic) {
            (false, false) => self.regular,
            (true, false) => self.bold,
            (false, true) => self.italic,
            (true, true) => self.bold_italic,
        }
    }
}

/// Order of the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As in the source.
    AsWritten,
    /// Latest date first.
    NewestFirst,
    /// Earliest date first.
    OldestFirst,
}

/// Where an item begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStart {
    /// Right after the previous one.
    Flow,
    /// At the top of a column.
    NewColumn,
    /// At the top of a page.
    NewPage,
}

/// Design settings, resolved.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Page width (trim size).
    pub page_width: Pt,
    /// Page height (trim size).
    pub page_height: Pt,
    /// Top margin.
    pub margin_top: Pt,
    /// Bottom margin.
    pub margin_bottom: Pt,
    /// Margin on the binding side.
    pub margin_inside: Pt,
    /// Margin on the outer side.
    pub margin_outside: Pt,
    /// Columns, 1–4.
    pub columns: u32,
    /// Space between columns.
    pub gutter: Pt,
    /// Body text size.
    pub base_size: Pt,
    /// Body family.
    pub body: Family,
    /// Heading family.
    pub heading: Family,
    /// Text colour.
    pub text: Color,
    /// Accent colour.
    pub accent: Color,
    /// Muted colour.
    pub muted: Color,
    /// chrono strftime format; `None`: each language's own
    /// ([`locale::default_date_format`](crate::locale::default_date_format)).
    pub date_format: Option<String>,
    /// Digits of page numbers, dates and the contents.
    pub digits: Digits,
    /// Item order.
    pub order: Order,
    /// Whether to print a contents list.
    pub toc: bool,
    /// Where items begin.
    pub item_start: ItemStart,
    /// Running header template.
    pub header: Option<String>,
    /// Running footer template.
    pub footer: Option<String>,
    /// Print bleed.
    pub bleed: Pt,
    /// Whether to draw crop marks.
    pub crop_marks: bool,
    /// The fewest lines of a paragraph on either side of a column break.
    pub keep_lines: u32,
    /// Images with more resolution than this on the page are downsampled.
    pub image_dpi: u32,
    /// A CMYK ICC profile for PDF/X (`theme.output_profile`): its path as
    /// written and its bytes; `None` for the bundled one.
    pub output_profile: Option<(String, Arc<Vec<u8>>)>,
    /// Whether each item's first link gets a QR code.
    pub qr_codes: bool,
    /// Whether justified Arabic lines stretch by kashida besides spaces.
    pub kashida: bool,
    /// Whether items' first paragraphs open with a drop cap (`theme.drop_cap`).
    pub drop_cap: bool,
    /// Which of text, accent and muted the source set.
    pub(super) colors_set: [bool; 3],
    /// The tallest a figure's image is set.
    pub max_figure_height: FigureCap,
    /// The number of pages asked for, and where it was asked.
    pub pages: Option<(u32, Option<Span>)>,
    /// The multiple the page count should be, and where it was asked.
    pub page_multiple: Option<(u32, Option<Span>)>,
}

impl Theme {
    /// Colours for the press (PDF/X): every colour the source left unset
    /// becomes CMYK, text black ink only, so that small type prints from
    /// one plate and cannot be out of register.
    pub fn use_print_colors(&mut self) {
        let defaults = [Color::K_BLACK, Color::Cmyk(255, 128, 0, 51), Color::Cmyk(0, 0, 0, 191)];
        for (k, slot) in [&mut self.text, &mut self.accent, &mut self.muted].into_iter().enumerate() {
            if !self.colors_set[k] {
                *slot = defaults[k];
            }
        }
    }
}

/// How tall a figure's image may be set (`theme.max_figure_height`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureCap {
    /// A share of the column's height, 0.1–1.
    Share(f32),
    /// A length.
    Length(Pt),
}

impl FigureCap {
    /// The cap `k` times as tall (at most the whole column).
    pub fn scaled(self, k: f32) -> FigureCap {
        match self {
            FigureCap::Share(s) => FigureCap::Share((s * k).min(1.0)),
            FigureCap::Length(l) => FigureCap::Length(l * k),
        }
    }

    /// The cap in a column `height` tall (never more than the column).
    pub fn of(self, height: Pt) -> Pt {
        match self {
            FigureCap::Share(s) => height * s,
            FigureCap::Length(l) => l.min(height),
        }
    }
}
