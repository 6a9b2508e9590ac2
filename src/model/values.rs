//! Typed values for a model built in code (lengths, colours, page sizes,
//! the theme's keywords, dates and fonts), each converted to the text the
//! YAML reader would have read.

use super::{FontSpec, PageSpec, Spanned};

// Building a brochure in code: typed values that write the text the YAML
// reader would have read, so that both ways share one model and one
// `resolve`, and the checks the reader makes ([`Brochure::check`]).

impl From<String> for Spanned<String> {
    fn from(s: String) -> Self {
        Spanned::new(s)
    }
}

impl From<&String> for Spanned<String> {
    fn from(s: &String) -> Self {
        Spanned::new(s.clone())
    }
}

impl From<std::borrow::Cow<'_, str>> for Spanned<String> {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Spanned::new(s.into_owned())
    }
}

/// A date, written `YYYY-MM-DD` as the format has it.
///
/// ```
/// use brochure::model::Spanned;
/// let d: Spanned<String> = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).unwrap().into();
/// assert_eq!(d.value, "2021-03-01");
/// ```
impl From<chrono::NaiveDate> for Spanned<String> {
    fn from(d: chrono::NaiveDate) -> Self {
        Spanned::new(d.format("%Y-%m-%d").to_string())
    }
}

impl From<Length> for Spanned<String> {
    fn from(l: Length) -> Self {
        Spanned::new(l.to_string())
    }
}

impl From<Color> for Spanned<String> {
    fn from(c: Color) -> Self {
        Spanned::new(c.to_string())
    }
}

/// A length in one of the format's units, for the theme's setters.
///
/// Negative or non-finite lengths are refused when the brochure is built,
/// with the field's path.
///
/// ```
/// use brochure::model::Length;
/// assert_eq!(Length::mm(18.0).to_string(), "18mm");
/// assert_eq!(Length::pt(9.5).to_string(), "9.5pt");
/// assert_eq!(Length::inches(0.5).to_string(), "0.5in");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    value: f32,
    unit: &'static str,
}

impl Length {
    /// Points (1/72 inch).
    pub fn pt(value: f32) -> Self {
        Length { value, unit: "pt" }
    }
    /// Millimetres.
    pub fn mm(value: f32) -> Self {
        Length { value, unit: "mm" }
    }
    /// Centimetres.
    pub fn cm(value: f32) -> Self {
        Length { value, unit: "cm" }
    }
    /// Inches.
    pub fn inches(value: f32) -> Self {
        Length { value, unit: "in" }
    }
}

impl std::fmt::Display for Length {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `f32`'s shortest form reads back as the same number.
        write!(f, "{}{}", self.value, self.unit)
    }
}

/// An RGB colour, for the theme's setters.
///
/// ```
/// use brochure::model::Color;
/// assert_eq!(Color::rgb(0x0b, 0x6e, 0x4f).to_string(), "#0b6e4f");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    r: u8,
    g: u8,
    b: u8,
}

impl Color {
    /// Red, green and blue, 0–255 each.
    pub fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b }
    }
}

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// A page size: a named one or a width and height (each 50–2000 mm).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum PageSize {
    /// 297 × 420 mm.
    A3,
    /// 210 × 297 mm (the default).
    A4,
    /// 148 × 210 mm.
    A5,
    /// 8.5 × 11 in.
    Letter,
    /// 8.5 × 14 in.
    Legal,
    /// Any size.
    Custom {
        /// Width.
        width: Length,
        /// Height.
        height: Length,
    },
}

impl From<PageSize> for PageSpec {
    fn from(p: PageSize) -> Self {
        let name = match p {
            PageSize::A3 => "A3",
            PageSize::A4 => "A4",
            PageSize::A5 => "A5",
            PageSize::Letter => "Letter",
            PageSize::Legal => "Legal",
            PageSize::Custom { width, height } => return PageSpec::Size { width: width.into(), height: height.into() },
        };
        PageSpec::Named(name.into())
    }
}

/// The order of the items (`theme.order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Order {
    /// As given (the default).
    AsWritten,
    /// Newest date first.
    NewestFirst,
    /// Oldest date first.
    OldestFirst,
}

/// Where an item starts (`theme.item_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ItemStart {
    /// Right after the one before (the default).
    Flow,
    /// At the top of a column.
    NewColumn,
    /// At the top of a page.
    NewPage,
}

/// The digits of page numbers, dates and the contents (`theme.digits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Digits {
    /// 0123456789 (the default).
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩.
    ArabicIndic,
    /// ۰۱۲۳۴۵۶۷۸۹.
    Persian,
}

impl FontSpec {
    /// A bundled family: `Noto Serif` or `Noto Sans`.
    pub fn family(name: impl Into<Spanned<String>>) -> Self {
        FontSpec::Family(name.into())
    }
    /// A font file (TrueType or OpenType; `file.ttc#2` names a face of a
    /// collection), relative to the base folder, used for every style.
    pub fn file(regular: impl Into<Spanned<String>>) -> Self {
        FontSpec::Files { regular: regular.into(), bold: None, italic: None, bold_italic: None }
    }
}

pub(super) fn text(s: &str) -> Option<Spanned<String>> {
    Some(Spanned::new(s.to_string()))
}
