//! The theme's typed setters, for a theme built in code.

use super::values::text;
use super::{Color, Digits, FontSpec, ItemStart, Length, MarginSpec, Order, PageSize, Theme};

/// Setters for a theme made in code, each taking a typed value and
/// documenting its range; a value out of range is refused when the
/// brochure is built, with its field path, as in a YAML source.
///
/// ```
/// use brochure::model::{Color, Length, PageSize, Theme};
/// let theme = Theme::default().page(PageSize::A5).columns(1).margins(Length::mm(15.0)).accent_color(Color::rgb(0x0b, 0x6e, 0x4f)).toc(false);
/// assert_eq!(theme.columns.unwrap().value, "1");
/// assert_eq!(theme.accent_color.unwrap().value, "#0b6e4f");
/// ```
impl Theme {
    /// Page size (default A4).
    #[must_use]
    pub fn page(mut self, size: PageSize) -> Self {
        self.page = Some(size.into());
        self
    }
    /// The same margin on all four sides (default: top 20 mm, bottom 22 mm,
    /// inside and outside 18 mm).
    #[must_use]
    pub fn margins(mut self, all: Length) -> Self {
        self.margins = Some(MarginSpec::All(all.into()));
        self
    }
    /// Each margin; inside is the binding side, mirrored on left-hand pages.
    #[must_use]
    pub fn margin_sides(mut self, top: Length, bottom: Length, inside: Length, outside: Length) -> Self {
        self.margins =
            Some(MarginSpec::Sides { top: Some(top.into()), bottom: Some(bottom.into()), inside: Some(inside.into()), outside: Some(outside.into()) });
        self
    }
    /// Number of columns, 1–4 (default 2).
    #[must_use]
    pub fn columns(mut self, n: u32) -> Self {
        self.columns = text(&n.to_string());
        self
    }
    /// Space between columns (default 6 mm).
    #[must_use]
    pub fn gutter(mut self, gutter: Length) -> Self {
        self.gutter = Some(gutter.into());
        self
    }
    /// Body text size, 4–36 pt (default 9.5 pt).
    #[must_use]
    pub fn base_size(mut self, size: Length) -> Self {
        self.base_size = Some(size.into());
        self
    }
    /// Body font (default `Noto Serif`).
    #[must_use]
    pub fn body_font(mut self, font: FontSpec) -> Self {
        self.body_font = Some(font);
        self
    }
    /// Heading font (default `Noto Sans`).
    #[must_use]
    pub fn heading_font(mut self, font: FontSpec) -> Self {
        self.heading_font = Some(font);
        self
    }
    /// Text colour (default `#1d1d1b`).
    #[must_use]
    pub fn text_color(mut self, c: Color) -> Self {
        self.text_color = Some(c.into());
        self
    }
    /// Accent colour: headings, rules, links (default `#005c97`).
    #[must_use]
    pub fn accent_color(mut self, c: Color) -> Self {
        self.accent_color = Some(c.into());
        self
    }
    /// Muted colour: dates, credits, captions (default `#5f6368`).
    #[must_use]
    pub fn muted_color(mut self, c: Color) -> Self {
        self.muted_color = Some(c.into());
        self
    }
    /// chrono strftime codes for dates (`%e %B %Y`; no times or zones);
    /// by default the language's own form.
    #[must_use]
    pub fn date_format(mut self, format: &str) -> Self {
        self.date_format = text(format);
        self
    }
    /// The order of the items (default as written).
    #[must_use]
    pub fn order(mut self, order: Order) -> Self {
        let s = match order {
            Order::AsWritten => "as-written",
            Order::NewestFirst => "newest-first",
            Order::OldestFirst => "oldest-first",
        };
        self.order = text(s);
        self
    }
    /// Whether to print a contents list (default: with more than 3 items).
    #[must_use]
    pub fn toc(mut self, on: bool) -> Self {
        self.toc = text(if on { "true" } else { "false" });
        self
    }
    /// Where each item starts (default right after the one before).
    #[must_use]
    pub fn item_start(mut self, start: ItemStart) -> Self {
        let s = match start {
            ItemStart::Flow => "flow",
            ItemStart::NewColumn => "new-column",
            ItemStart::NewPage => "new-page",
        };
        self.item_start = text(s);
        self
    }
    /// Running header, with `{title}`, `{page}`, `{pages}`, `{date}`
    /// (default none; `""` for none).
    #[must_use]
    pub fn header(mut self, template: &str) -> Self {
        self.header = text(template);
        self
    }
    /// Running footer, with the same placeholders (default `{page}`; `""`
    /// for none).
    #[must_use]
    pub fn footer(mut self, template: &str) -> Self {
        self.footer = text(template);
        self
    }
    /// Print bleed around the trim box (default none; 3 mm is usual).
    #[must_use]
    pub fn bleed(mut self, bleed: Length) -> Self {
        self.bleed = Some(bleed.into());
        self
    }
    /// Whether to draw crop marks (default no).
    #[must_use]
    pub fn crop_marks(mut self, on: bool) -> Self {
        self.crop_marks = text(if on { "true" } else { "false" });
        self
    }
    /// Whether each item's first paragraph opens with a drop cap (default
    /// false); an item's own [`Item::drop_cap`](super::Item::drop_cap) wins.
    #[must_use]
    pub fn drop_cap(mut self, on: bool) -> Self {
        self.drop_cap = text(if on { "true" } else { "false" });
        self
    }
    /// Lines of a paragraph kept on each side of a column break, 1–5
    /// (default 2).
    #[must_use]
    pub fn keep_lines(mut self, n: u32) -> Self {
        self.keep_lines = text(&n.to_string());
        self
    }
    /// Resolution images with more are downsampled to, 72–2400 dpi
    /// (default 300).
    #[must_use]
    pub fn image_dpi(mut self, dpi: u32) -> Self {
        self.image_dpi = text(&dpi.to_string());
        self
    }
    /// The contents heading, instead of the language's word (not empty).
    #[must_use]
    pub fn label_contents(mut self, words: &str) -> Self {
        self.label_contents = text(words);
        self
    }
    /// The word before a credit, "Image" in "Image © …" (not empty).
    #[must_use]
    pub fn label_image_credit(mut self, words: &str) -> Self {
        self.label_image_credit = text(words);
        self
    }
    /// The heading of an item's links (not empty).
    #[must_use]
    pub fn label_more_information(mut self, words: &str) -> Self {
        self.label_more_information = text(words);
        self
    }
    /// Digits of page numbers, dates and the contents (default Latin).
    #[must_use]
    pub fn digits(mut self, digits: Digits) -> Self {
        let s = match digits {
            Digits::Latin => "latin",
            Digits::ArabicIndic => "arabic-indic",
            Digits::Persian => "persian",
        };
        self.digits = text(s);
        self
    }
}
