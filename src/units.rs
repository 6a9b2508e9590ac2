//! Lengths in PDF points, and the parsing of the length strings authors write.

use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in PDF points (1/72 inch). Every length inside the pipeline is a
/// `Pt`, so that millimetres and points are never mixed by accident.
#[derive(Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

impl Pt {
    /// Zero points.
    pub const ZERO: Pt = Pt(0.0);

    /// A length given in millimetres.
    pub fn mm(mm: f32) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }

    /// The raw number of points.
    pub fn get(self) -> f32 {
        self.0
    }

    /// The larger of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    /// The smaller of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }
}

impl fmt::Debug for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Two decimals keep layout dumps stable across tiny float noise.
        write!(f, "{:.2}pt", self.0)
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0)
    }
}
impl AddAssign for Pt {
    fn add_assign(&mut self, o: Pt) {
        self.0 += o.0;
    }
}
impl Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0)
    }
}
impl SubAssign for Pt {
    fn sub_assign(&mut self, o: Pt) {
        self.0 -= o.0;
    }
}
impl Mul<f32> for Pt {
    type Output = Pt;
    fn mul(self, k: f32) -> Pt {
        Pt(self.0 * k)
    }
}
impl Div<f32> for Pt {
    type Output = Pt;
    fn div(self, k: f32) -> Pt {
        Pt(self.0 / k)
    }
}
impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}
impl std::iter::Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        Pt(iter.map(|p| p.0).sum())
    }
}

/// Why a length string could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum LengthError {
    /// The number part is missing or not a number.
    NotANumber,
    /// The unit is missing or unknown.
    UnknownUnit(String),
    /// The length is negative.
    Negative,
}

impl fmt::Display for LengthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LengthError::NotANumber => write!(f, "not a number"),
            LengthError::UnknownUnit(u) if u.is_empty() => write!(f, "no unit"),
            LengthError::UnknownUnit(u) => write!(f, "unknown unit `{u}`"),
            LengthError::Negative => write!(f, "negative"),
        }
    }
}

/// Reads a length such as `"18mm"`, `"1.5cm"`, `"0.5in"` or `"10pt"`.
///
/// ```
/// use brochure::units::{parse_length, Pt};
/// assert_eq!(parse_length("72pt"), Ok(Pt(72.0)));
/// assert_eq!(parse_length("1in"), Ok(Pt(72.0)));
/// assert!(parse_length("12").is_err());
/// ```
pub fn parse_length(s: &str) -> Result<Pt, LengthError> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let value: f32 = num.parse().map_err(|_| LengthError::NotANumber)?;
    if !value.is_finite() {
        return Err(LengthError::NotANumber);
    }
    let pt = match unit.trim() {
        "pt" => value,
        "mm" => value * 72.0 / 25.4,
        "cm" => value * 720.0 / 25.4,
        "in" => value * 72.0,
        other => return Err(LengthError::UnknownUnit(other.to_string())),
    };
    if pt < 0.0 {
        return Err(LengthError::Negative);
    }
    Ok(Pt(pt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_to_points() {
        assert_eq!(parse_length("10pt"), Ok(Pt(10.0)));
        assert!((parse_length("25.4mm").unwrap().0 - 72.0).abs() < 1e-4);
        assert!((parse_length("2.54cm").unwrap().0 - 72.0).abs() < 1e-4);
        assert_eq!(parse_length(" 0.5in "), Ok(Pt(36.0)));
    }

    #[test]
    fn bad_lengths_say_why() {
        assert_eq!(parse_length("12"), Err(LengthError::UnknownUnit(String::new())));
        assert_eq!(parse_length("12px"), Err(LengthError::UnknownUnit("px".into())));
        assert_eq!(parse_length("mm"), Err(LengthError::NotANumber));
        assert_eq!(parse_length("-3mm"), Err(LengthError::Negative));
    }
}

/// A colour, as authors write it: sRGB (`#rrggbb`) or process CMYK
/// (`cmyk(0, 0, 0, 100)`, for print).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// An sRGB colour: red, green, blue.
    Rgb(u8, u8, u8),
    /// A CMYK colour for the press: cyan, magenta, yellow, black, each
    /// 0–255 for 0–100 %.
    Cmyk(u8, u8, u8, u8),
}

impl Default for Color {
    fn default() -> Color {
        Color::Rgb(0, 0, 0)
    }
}

impl Color {
    /// A colour from its three channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color::Rgb(r, g, b)
    }

    /// Black ink only: what small text should be printed in.
    pub const K_BLACK: Color = Color::Cmyk(0, 0, 0, 255);

    /// Reads `#rrggbb` (or `#rgb`), `cmyk(c, m, y, k)` with percentages
    /// 0–100, or CSS's `device-cmyk(c m y k)` with fractions 0–1 or
    /// percentages.
    ///
    /// ```
    /// use brochure::units::Color;
    /// assert_eq!(Color::parse("#0077b6"), Some(Color::rgb(0, 0x77, 0xb6)));
    /// assert_eq!(Color::parse("#fff"), Some(Color::rgb(255, 255, 255)));
    /// assert_eq!(Color::parse("cmyk(0, 0, 0, 100)"), Some(Color::K_BLACK));
    /// assert_eq!(Color::parse("device-cmyk(0 0 0 1)"), Some(Color::K_BLACK));
    /// assert_eq!(Color::parse("blue"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Color> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        for (name, fractions) in [("device-cmyk(", true), ("cmyk(", false)] {
            if let Some(inner) = lower.strip_prefix(name).and_then(|r| r.strip_suffix(')')) {
                return parse_cmyk(inner, fractions);
            }
        }
        let hex = s.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let v = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            6 => Some(Color::rgb(v(0, 2)?, v(2, 2)?, v(4, 2)?)),
            3 => Some(Color::rgb(v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
            _ => None,
        }
    }

    /// The colour at `share` (0–1) of its strength on white paper: a tint
    /// for a panel behind text (CMYK stays CMYK, each ink screened).
    ///
    /// ```
    /// use brochure::units::Color;
    /// assert_eq!(Color::rgb(0, 100, 200).tint(0.2), Color::rgb(204, 224, 244));
    /// assert_eq!(Color::Cmyk(0, 0, 0, 200).tint(0.2), Color::Cmyk(0, 0, 0, 40));
    /// ```
    #[must_use]
    pub fn tint(self, share: f32) -> Color {
        let ink = |v: u8| (f32::from(v) * share).round() as u8;
        let paper = |v: u8| 255 - ink(255 - v);
        match self {
            Color::Rgb(r, g, b) => Color::Rgb(paper(r), paper(g), paper(b)),
            Color::Cmyk(c, m, y, k) => Color::Cmyk(ink(c), ink(m), ink(y), ink(k)),
        }
    }

    /// WCAG's relative luminance, 0 (black) to 1 (white); CMYK by the
    /// naive conversion to RGB (enough to judge contrast).
    pub fn luminance(self) -> f32 {
        let (r, g, b) = match self {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Cmyk(c, m, y, k) => {
                let ch = |v: u8| ((255 - u32::from(v)) * (255 - u32::from(k)) / 255) as u8;
                (ch(c), ch(m), ch(y))
            }
        };
        let lin = |v: u8| {
            let c = f32::from(v) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// WCAG's contrast ratio of two colours, 1 to 21.
    pub fn contrast(self, other: Color) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Whether it is printed from the four process inks as written (CMYK).
    pub fn is_cmyk(self) -> bool {
        matches!(self, Color::Cmyk(..))
    }

    /// Whether more than one ink prints it: an RGB colour (separated into
    /// up to four inks) or a CMYK colour with two inks or more.
    pub fn is_multi_ink(self) -> bool {
        match self {
            Color::Rgb(..) => true,
            Color::Cmyk(c, m, y, k) => [c, m, y, k].iter().filter(|v| **v > 0).count() > 1,
        }
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pc = |v: u8| (f32::from(v) / 2.55).round();
        match *self {
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            Color::Cmyk(c, m, y, k) => write!(f, "cmyk({}, {}, {}, {})", pc(c), pc(m), pc(y), pc(k)),
        }
    }
}

/// The four channels of `cmyk(…)` (percentages) or `device-cmyk(…)`
/// (fractions, or percentages with `%`), separated by commas or spaces.
fn parse_cmyk(inner: &str, fractions: bool) -> Option<Color> {
    let parts: Vec<&str> = inner.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    if parts.len() != 4 {
        return None;
    }
    let mut v = [0u8; 4];
    for (slot, part) in v.iter_mut().zip(&parts) {
        let (num, percent) = match part.strip_suffix('%') {
            Some(n) => (n, true),
            None => (*part, !fractions),
        };
        let x: f32 = num.parse().ok()?;
        let unit = if percent { x / 100.0 } else { x };
        if !unit.is_finite() || !(0.0..=1.0).contains(&unit) {
            return None;
        }
        *slot = (unit * 255.0).round() as u8;
    }
    Some(Color::Cmyk(v[0], v[1], v[2], v[3]))
}

#[cfg(test)]
mod color_tests {
    use super::*;

    #[test]
    fn cmyk_colours_parse_in_both_notations() {
        assert_eq!(Color::parse("cmyk(100, 45, 0, 30)"), Some(Color::Cmyk(255, 115, 0, 77)));
        assert_eq!(Color::parse("CMYK(0,0,0,100%)"), Some(Color::K_BLACK));
        assert_eq!(Color::parse("device-cmyk(0 0.5 0 0)"), Some(Color::Cmyk(0, 128, 0, 0)));
        assert_eq!(Color::parse("device-cmyk(0% 50% 0% 0%)"), Some(Color::Cmyk(0, 128, 0, 0)));
        assert_eq!(Color::parse("cmyk(0, 0, 100)"), None);
        assert_eq!(Color::parse("cmyk(0, 0, 0, 120)"), None);
        assert_eq!(Color::parse("device-cmyk(0 0 0 2)"), None);
        assert_eq!(Color::parse("cmyk(a, 0, 0, 0)"), None);
        assert_eq!(Color::K_BLACK.to_string(), "cmyk(0, 0, 0, 100)");
        assert_eq!(Color::rgb(0x1d, 0x1d, 0x1b).to_string(), "#1d1d1b");
        assert!(!Color::K_BLACK.is_multi_ink() && Color::parse("cmyk(100, 45, 0, 30)").unwrap().is_multi_ink());
    }
}
