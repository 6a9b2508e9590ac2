//! The source types: a mirror of the YAML format, every value with its
//! place in the file, as the reader fills them and the builders make them.

use crate::diag::Span;

/// A value with the place in the source it came from. Values built in code
/// have no place (`span` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Option<Span>,
}

impl<T> Spanned<T> {
    /// A value made in code, with no source location.
    pub fn new(value: T) -> Self {
        Spanned { value, span: None }
    }
}

impl From<&str> for Spanned<String> {
    fn from(s: &str) -> Self {
        Spanned::new(s.to_string())
    }
}

/// A whole brochure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Brochure {
    /// Title (required).
    pub title: Spanned<String>,
    /// Subtitle.
    pub subtitle: Option<Spanned<String>>,
    /// Publisher, shown on the title block and written as the PDF author.
    pub publisher: Option<Spanned<String>>,
    /// Edition date, `YYYY-MM-DD`.
    pub date: Option<Spanned<String>>,
    /// BCP 47 language tag (default `en`).
    pub language: Option<Spanned<String>>,
    /// Introduction, Markdown.
    pub intro: Option<Spanned<String>>,
    /// Cover image.
    pub cover: Option<Image>,
    /// The news items, at least one.
    pub items: Vec<Item>,
    /// Closing text, Markdown.
    pub closing: Option<Spanned<String>>,
    /// Design settings.
    pub theme: Theme,
}

impl Default for Spanned<String> {
    fn default() -> Self {
        Spanned::new(String::new())
    }
}

/// One news item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    /// Title (required).
    pub title: Spanned<String>,
    /// Date, `YYYY-MM-DD`.
    pub date: Option<Spanned<String>>,
    /// Place of the news.
    pub location: Option<Spanned<String>>,
    /// Language of this item when it differs from the brochure's.
    pub language: Option<Spanned<String>>,
    /// Lead image.
    pub image: Option<Image>,
    /// Standfirst, Markdown.
    pub summary: Option<Spanned<String>>,
    /// Body blocks (required, at least one).
    pub body: Vec<Block>,
    /// "More information" links.
    pub links: Vec<Link>,
    /// Tags.
    pub tags: Vec<Spanned<String>>,
    /// Extension: the address of the item's QR code (`theme.qr_codes`),
    /// instead of its first link.
    pub qr: Option<Spanned<String>>,
    /// Extension: whether the item's first paragraph opens with a drop cap,
    /// instead of `theme.drop_cap`.
    pub drop_cap: Option<Spanned<String>>,
}

/// A block of an item's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A Markdown paragraph (or several, separated by blank lines).
    Paragraph(Spanned<String>),
    /// A pull quote and its attribution.
    Quote {
        /// The quoted words, Markdown.
        quote: Spanned<String>,
        /// Who said them.
        by: Option<Spanned<String>>,
        /// Extension: `pull` sets the quote larger, between rules, across
        /// two columns in layouts of three or more; absent, it is a quote
        /// in the column.
        style: Option<Spanned<String>>,
    },
    /// A sub-heading.
    Heading(Spanned<String>),
    /// A figure.
    Image(Image),
    /// A bulleted list of Markdown entries.
    List(Vec<Spanned<String>>),
    /// A grid of 2 to 6 images with one caption.
    Gallery(Gallery),
    /// A box (sidebar): a tinted panel with its heading and its own blocks.
    Box {
        /// The box's heading.
        title: Spanned<String>,
        /// Its blocks (a Markdown text is one paragraph block); no box
        /// inside a box.
        body: Vec<Block>,
        /// `muted` (default) or `accent`: the colour it is tinted with.
        tone: Option<Spanned<String>>,
        /// Where `box:` was written, for messages about the whole box.
        span: Option<crate::diag::Span>,
    },
}

impl Block {
    /// The block, then (for a box) the blocks inside it, in source order.
    pub fn with_inner(&self) -> impl Iterator<Item = &Block> {
        let inner: &[Block] = if let Block::Box { body, .. } = self { body } else { &[] };
        std::iter::once(self).chain(inner)
    }
}

/// A gallery: images set in a grid of rows of equal height, each cropped
/// to its cell, their credits gathered under the grid.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gallery {
    /// The images, 2 to 6, each in any form `image:` takes.
    pub images: Vec<Image>,
    /// Caption under the grid.
    pub caption: Option<Spanned<String>>,
    /// `column` (default) or `full`.
    pub width: Option<Spanned<String>>,
    /// Where `gallery:` was written.
    pub span: Option<Span>,
}

/// An image with its credit, caption and text alternative.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Image {
    /// Path of a JPEG or PNG file, relative to the source's folder.
    pub src: Spanned<String>,
    /// Credit line, e.g. `© UNODC`.
    pub credit: Option<Spanned<String>>,
    /// Caption under the image.
    pub caption: Option<Spanned<String>>,
    /// Text alternative.
    pub alt: Option<Spanned<String>>,
    /// `column` (default), `full`, or a share of the column (`40%`).
    pub width: Option<Spanned<String>>,
    /// Where cropping centres, `[x, y]` from the top-left corner, each
    /// 0–1 (default the centre): the two numbers as written, and where the
    /// list was written.
    pub focus: Option<Spanned<Vec<Spanned<String>>>>,
    /// `left` or `right`: an inset figure the next paragraph wraps round.
    pub float: Option<Spanned<String>>,
    /// The image's bytes, when a program has them in memory
    /// ([`Image::from_bytes`]): then no file is read and `src` only names
    /// the image in messages. The YAML reader never sets it.
    pub bytes: Option<ImageBytes>,
}

/// A "More information" link.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    /// The words shown.
    pub text: Spanned<String>,
    /// Where it leads.
    pub url: Spanned<String>,
}

/// The page size as written: a name or a width and height.
#[derive(Debug, Clone, PartialEq)]
pub enum PageSpec {
    /// `A4`, `A5`, `A3`, `Letter` or `Legal`.
    Named(Spanned<String>),
    /// An explicit size.
    Size {
        /// Width, a length.
        width: Spanned<String>,
        /// Height, a length.
        height: Spanned<String>,
    },
}

/// Page margins as written.
#[derive(Debug, Clone, PartialEq)]
pub enum MarginSpec {
    /// One length for all four sides.
    All(Spanned<String>),
    /// Each side; missing sides take the program's default.
    Sides {
        /// Top margin.
        top: Option<Spanned<String>>,
        /// Bottom margin.
        bottom: Option<Spanned<String>>,
        /// Margin on the binding side.
        inside: Option<Spanned<String>>,
        /// Margin on the outer side.
        outside: Option<Spanned<String>>,
    },
}

/// A font choice: a bundled family or four font files.
#[derive(Debug, Clone, PartialEq)]
pub enum FontSpec {
    /// The name of a bundled family, e.g. `Noto Serif`.
    Family(Spanned<String>),
    /// Paths of font files; missing styles fall back to `regular`.
    Files {
        /// Regular (required).
        regular: Spanned<String>,
        /// Bold.
        bold: Option<Spanned<String>>,
        /// Italic.
        italic: Option<Spanned<String>>,
        /// Bold italic.
        bold_italic: Option<Spanned<String>>,
    },
}

/// Design settings as written; every key is optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    /// Page size.
    pub page: Option<PageSpec>,
    /// Margins.
    pub margins: Option<MarginSpec>,
    /// Number of columns, 1–4.
    pub columns: Option<Spanned<String>>,
    /// Space between columns.
    pub gutter: Option<Spanned<String>>,
    /// Body text size.
    pub base_size: Option<Spanned<String>>,
    /// Body font.
    pub body_font: Option<FontSpec>,
    /// Heading font.
    pub heading_font: Option<FontSpec>,
    /// Text colour, `#rrggbb` or `cmyk(c, m, y, k)`.
    pub text_color: Option<Spanned<String>>,
    /// Accent colour, `#rrggbb`.
    pub accent_color: Option<Spanned<String>>,
    /// Muted colour, `#rrggbb`.
    pub muted_color: Option<Spanned<String>>,
    /// chrono strftime format for dates.
    pub date_format: Option<Spanned<String>>,
    /// `as-written`, `newest-first` or `oldest-first`.
    pub order: Option<Spanned<String>>,
    /// Whether to print a table of contents.
    pub toc: Option<Spanned<String>>,
    /// `flow`, `new-column` or `new-page`.
    pub item_start: Option<Spanned<String>>,
    /// Running header template.
    pub header: Option<Spanned<String>>,
    /// Running footer template.
    pub footer: Option<Spanned<String>>,
    /// Print bleed.
    pub bleed: Option<Spanned<String>>,
    /// Whether to draw crop marks.
    pub crop_marks: Option<Spanned<String>>,
    /// Extension: the fewest lines of a paragraph left on either side of a
    /// column break (widows and orphans), 1–5.
    pub keep_lines: Option<Spanned<String>>,
    /// Extension: the resolution images are downsampled to when they have
    /// more (dots per inch, default 300).
    pub image_dpi: Option<Spanned<String>>,
    /// Extension: the contents heading, instead of the language's word.
    pub label_contents: Option<Spanned<String>>,
    /// Extension: the word before a credit ("Image" in "Image © …").
    pub label_image_credit: Option<Spanned<String>>,
    /// Extension: the words before a gallery's gathered credits ("Images"
    /// in "Images © A, B").
    pub label_images_credit: Option<Spanned<String>>,
    /// Extension: the heading of an item's links.
    pub label_more_information: Option<Spanned<String>>,
    /// Extension: `latin`, `arabic-indic` or `persian` digits for page
    /// numbers, dates and the contents.
    pub digits: Option<Spanned<String>>,
    /// Extension: a CMYK ICC profile for `--standard x4`, instead of the
    /// bundled coated FOGRA39 one.
    pub output_profile: Option<Spanned<String>>,
    /// Extension: whether to print a QR code of each item's first link.
    pub qr_codes: Option<Spanned<String>>,
    /// Extension: the tallest a figure's image is set, a share of the
    /// column's height (`40%`) or a length.
    pub max_figure_height: Option<Spanned<String>>,
    /// Extension: the number of pages the brochure should have.
    pub pages: Option<Spanned<String>>,
    /// Extension: the page count should be a multiple of this (4 for a
    /// saddle-stitched booklet).
    pub page_multiple: Option<Spanned<String>>,
    /// Extension: whether justified Arabic lines stretch by kashida
    /// (default true).
    pub kashida: Option<Spanned<String>>,
    /// Extension: whether each item's first paragraph opens with a drop
    /// cap (default false).
    pub drop_cap: Option<Spanned<String>>,
}

/// The bytes of a JPEG or PNG image a program has in memory (see
/// [`Image::from_bytes`]). Cheap to clone: the bytes are shared, not copied,
/// and they are not copied again when the brochure is built.
#[derive(Clone, PartialEq)]
pub struct ImageBytes(std::sync::Arc<Vec<u8>>);

impl ImageBytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    pub(crate) fn shared(&self) -> &std::sync::Arc<Vec<u8>> {
        &self.0
    }
}

impl std::fmt::Debug for ImageBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImageBytes({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for ImageBytes {
    fn from(v: Vec<u8>) -> Self {
        ImageBytes(std::sync::Arc::new(v))
    }
}

impl From<&[u8]> for ImageBytes {
    fn from(v: &[u8]) -> Self {
        ImageBytes(std::sync::Arc::new(v.to_vec()))
    }
}

impl From<std::sync::Arc<Vec<u8>>> for ImageBytes {
    fn from(v: std::sync::Arc<Vec<u8>>) -> Self {
        ImageBytes(v)
    }
}
