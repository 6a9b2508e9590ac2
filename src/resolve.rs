//! From the source as written to a brochure ready for layout: defaults
//! applied, lengths in points, colours parsed, dates checked and formatted,
//! Markdown parsed, fonts and images loaded once and referred to by id.
//!
//! Every problem is collected; [`resolve`] returns a [`Doc`] only when there
//! is no error.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use chrono::format::{Item as FmtItem, StrftimeItems};

use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::locale::{self, Digits, Labels, format_date};
use crate::model::{self, Block, FontSpec, MarginSpec, PageSpec, Spanned};
use crate::text::hyphenate;
use crate::text::inline::{Dropped, MdBlock, Quotes, StyledText, markdown_blocks, markdown_report, plain_report};
use crate::text::shape::{FontData, FontId};
use crate::units::{Color, Pt, parse_length};

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

impl Doc {
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
                if let BodyBlock::Figure(f) = b {
                    out.push((f, format!("{}.body[{j}].image", item.path)));
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
    },
    /// A sub-heading.
    Heading(StyledText),
    /// A figure.
    Figure(Figure),
    /// A bulleted list.
    List(Vec<StyledText>),
    /// A numbered list (from Markdown's `1.`, `2.` …): the first number
    /// and the entries, numbered on from it.
    NumberedList {
        /// The number of the first entry.
        start: u64,
        /// The entries.
        entries: Vec<StyledText>,
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
    /// Where the image's path was written, for messages from layout.
    pub source: Option<Span>,
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
    /// ([`locale::default_date_format`]).
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
    /// Which of text, accent and muted the source set.
    colors_set: [bool; 3],
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

/// The bundled font families, embedded in the program so that output never
/// depends on the fonts of the machine.
const BUNDLED: &[(&str, [(&str, &[u8]); 4])] = &[
    (
        "Noto Serif",
        [
            ("Regular", include_bytes!("../fonts/NotoSerif-Regular.ttf")),
            ("Bold", include_bytes!("../fonts/NotoSerif-Bold.ttf")),
            ("Italic", include_bytes!("../fonts/NotoSerif-Italic.ttf")),
            ("Bold Italic", include_bytes!("../fonts/NotoSerif-BoldItalic.ttf")),
        ],
    ),
    (
        "Noto Sans",
        [
            ("Regular", include_bytes!("../fonts/NotoSans-Regular.ttf")),
            ("Bold", include_bytes!("../fonts/NotoSans-Bold.ttf")),
            ("Italic", include_bytes!("../fonts/NotoSans-Italic.ttf")),
            ("Bold Italic", include_bytes!("../fonts/NotoSans-BoldItalic.ttf")),
        ],
    ),
];

/// Fonts for the scripts the families lack, in pairs (regular, bold): the
/// serif and sans Arabic, then the serif and sans Hebrew. Each font of the
/// brochure falls back on the pair that matches its style.
const FALLBACKS: &[(&str, &[u8])] = &[
    ("Noto Naskh Arabic Regular", include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf")),
    ("Noto Naskh Arabic Bold", include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf")),
    ("Noto Sans Arabic Regular", include_bytes!("../fonts/NotoSansArabic-Regular.ttf")),
    ("Noto Sans Arabic Bold", include_bytes!("../fonts/NotoSansArabic-Bold.ttf")),
    ("Noto Serif Hebrew Regular", include_bytes!("../fonts/NotoSerifHebrew-Regular.ttf")),
    ("Noto Serif Hebrew Bold", include_bytes!("../fonts/NotoSerifHebrew-Bold.ttf")),
    ("Noto Sans Hebrew Regular", include_bytes!("../fonts/NotoSansHebrew-Regular.ttf")),
    ("Noto Sans Hebrew Bold", include_bytes!("../fonts/NotoSansHebrew-Bold.ttf")),
];

/// The most pixels an image may have. Its header is read before anything is
/// decoded, so a file that claims 100,000 × 100,000 pixels (a decompression
/// bomb) is refused at once instead of exhausting memory.
pub const MAX_PIXELS: u64 = 80_000_000;

/// Names of the bundled families, as a theme may give them.
pub fn bundled_families() -> Vec<&'static str> {
    BUNDLED.iter().map(|(n, _)| *n).collect()
}

/// Resolves a parsed brochure. `base` is the folder that relative paths in
/// the source start from.
#[cfg_attr(not(feature = "unstable-stages"), expect(dead_code, reason = "the stage for its users (tests, examples); the crate calls resolve_in"))]
pub fn resolve(b: &model::Brochure, base: &Path) -> (Option<Doc>, Vec<Diagnostic>) {
    resolve_in(b, base, base)
}

/// Like [`resolve`], reading images and fonts only from `root` and the
/// folders below it (as Typst's project root): a source cannot make the
/// program read `/etc/passwd` or `../../secrets.png`.
pub fn resolve_in(b: &model::Brochure, base: &Path, root: &Path) -> (Option<Doc>, Vec<Diagnostic>) {
    let root = root.canonicalize().ok();
    let mut r = Resolver { base: base.to_path_buf(), root, diags: Vec::new(), fonts: Vec::new(), font_keys: BTreeMap::new(), images: Vec::new(), image_keys: BTreeMap::new() };
    let doc = r.doc(b);
    let ok = !r.diags.iter().any(Diagnostic::is_error);
    (if ok { Some(doc) } else { None }, r.diags)
}

struct Resolver {
    base: PathBuf,
    /// The folder files must be in (canonical); `None` when it does not exist.
    root: Option<PathBuf>,
    diags: Vec<Diagnostic>,
    fonts: Vec<FontData>,
    font_keys: BTreeMap<String, FontId>,
    images: Vec<ImageData>,
    image_keys: BTreeMap<PathBuf, ImageId>,
}

fn plain_text(t: &StyledText) -> String {
    t.text.clone()
}

/// The place of byte `at` of a text value: its line and column counted
/// from where the value starts (exact for `|` texts and one-line values).
fn place_in(v: &Spanned<String>, at: usize) -> Option<Span> {
    let span = v.span?;
    let before = v.value.get(..at)?;
    let line = before.matches('\n').count() as u32;
    let col = before[before.rfind('\n').map_or(0, |p| p + 1)..].chars().count() as u32;
    Some(Span { line: span.line + line, col: span.col + col, len: 1 })
}

/// Lengths of the text shown of a dropped tag.
const TAG_SHOWN: usize = 60;

impl Resolver {
    /// Markdown paragraphs that remember where they were written.
    fn md(&mut self, v: &Spanned<String>, path: &str, q: &Quotes) -> Vec<StyledText> {
        let (paras, dropped) = markdown_report(&v.value, q);
        self.dropped(v, path, dropped);
        paras.into_iter().map(|t| StyledText { source: v.span, ..t }).collect()
    }

    /// Plain text that remembers where it was written.
    fn pl(&mut self, v: &Spanned<String>, path: &str, q: &Quotes) -> StyledText {
        let (text, dropped) = plain_report(&v.value, q);
        self.dropped(v, path, dropped);
        StyledText { source: v.span, ..text }
    }

    /// A value used as it is written (tags, text alternatives), with any
    /// HTML pasted into it taken out as in [`Resolver::pl`].
    fn bare(&mut self, v: &Spanned<String>, path: &str, q: &Quotes) -> String {
        if v.value.contains(['<', '&']) { self.pl(v, path, q).text } else { v.value.trim().to_string() }
    }

    /// One warning per kind of HTML tag left out of a field, at its first
    /// use: a text pasted from a web page may hold hundreds of `<span>`s.
    fn dropped(&mut self, v: &Spanned<String>, path: &str, dropped: Vec<Dropped>) {
        let name = |t: &str| t.trim_start_matches(['<', '/']).chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let mut seen: Vec<String> = Vec::new();
        for d in &dropped {
            let n = name(&d.tag);
            if seen.contains(&n) {
                continue;
            }
            let count = dropped.iter().filter(|o| name(&o.tag) == n).count();
            seen.push(n);
            let mut shown: String = d.tag.chars().take(TAG_SHOWN).collect();
            if shown.len() < d.tag.len() {
                shown.push_str("…>");
            }
            let what = if d.tag.starts_with("<!--") { "the HTML comment".to_string() } else { "the HTML tag".to_string() };
            let more = if count > 1 { format!(" and {} more like it", count - 1) } else { String::new() };
            let mut w = Diagnostic::warning(
                place_in(v, d.at),
                path,
                format!("dropped {what} `{shown}`{more} (only `<b>`, `<strong>`, `<i>`, `<em>`, `<br>`, `<p>` and `<a href>` are understood)"),
            );
            w = w.with_hint("the text around it is kept; remove the tag, or use Markdown: `**bold**`, `*italic*`, `[words](https://…)`");
            self.diags.push(w);
        }
    }

    /// A body paragraph string, read as Markdown blocks.
    fn md_blocks(&mut self, v: &Spanned<String>, path: &str, q: &Quotes, body: &mut Vec<BodyBlock>) {
        let (blocks, dropped) = markdown_blocks(&v.value, q);
        self.dropped(v, path, dropped);
        let src = |t: StyledText| StyledText { source: v.span, ..t };
        for b in blocks {
            match b {
                MdBlock::Paragraph(t) => body.push(BodyBlock::Paragraph(src(t))),
                MdBlock::Heading(t) => body.push(BodyBlock::Heading(src(t))),
                MdBlock::Quote(paras) => body.push(BodyBlock::Quote { text: paras.into_iter().map(src).collect(), by: None }),
                MdBlock::List { start: None, entries } => body.push(BodyBlock::List(entries.into_iter().map(src).collect())),
                MdBlock::List { start: Some(start), entries } => body.push(BodyBlock::NumberedList { start, entries: entries.into_iter().map(src).collect() }),
                MdBlock::Image { src: file, alt, caption, at } => {
                    let span = place_in(v, at).map(|s| Span { len: (file.chars().count() + alt.chars().count() + 5) as u32, ..s });
                    let some = |s: String| (!s.trim().is_empty()).then(|| Spanned { value: s, span });
                    let img = model::Image { src: Spanned { value: file, span }, caption: some(caption), alt: Some(Spanned { value: alt, span }), credit: None, width: None, bytes: None };
                    let from = self.diags.len();
                    if let Some(f) = self.figure(&img, path, q) {
                        body.push(BodyBlock::Figure(f));
                    }
                    // The image is part of the paragraph's text, not a field of its own.
                    let src_path = format!("{path}.src");
                    for d in &mut self.diags[from..] {
                        if d.path == src_path {
                            d.path = path.to_string();
                        }
                    }
                }
            }
        }
    }

    fn error(&mut self, span: Option<Span>, path: &str, msg: impl Into<String>, hint: impl Into<String>) {
        let hint = hint.into();
        let mut d = Diagnostic::error(span, path, msg);
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    fn doc(&mut self, b: &model::Brochure) -> Doc {
        let language = match &b.language {
            Some(l) => self.language(l, "language"),
            None => "en".to_string(),
        };
        let quotes = Quotes::for_language(&language);
        let theme = self.theme(&b.theme, b.items.len());
        self.fallbacks();
        let date = b.date.as_ref().and_then(|d| self.date(d, "date"));
        let date_text = date.map(|d| theme.digits.apply(&format_date(d, theme.date_format.as_deref(), &language)));
        let labels = self.labels(b, &language);
        self.script_font(b.language.as_ref(), "language", &language, &theme);
        for (i, it) in b.items.iter().enumerate() {
            if let Some(l) = &it.language {
                self.script_font(Some(l), &format!("items[{i}].language"), &l.value, &theme);
            }
        }
        let title = self.pl(&b.title, "title", &quotes);
        let cover = b.cover.as_ref().and_then(|img| self.figure(img, "cover.image", &quotes));
        let mut items: Vec<Item> = b
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| self.item(it, &format!("items[{i}]"), &language, &labels, &theme))
            .collect();
        match theme.order {
            Order::AsWritten => {}
            // Stable sorts: undated items keep their place relative to each other, at the end.
            Order::NewestFirst => items.sort_by_key(|it| (it.date.is_none(), std::cmp::Reverse(it.date))),
            Order::OldestFirst => items.sort_by_key(|it| (it.date.is_none(), it.date)),
        }
        let mut keywords: Vec<String> = Vec::new();
        for t in items.iter().flat_map(|i| i.tags.iter()) {
            if !keywords.contains(t) {
                keywords.push(t.clone());
            }
        }
        Doc {
            title_text: plain_text(&title),
            title,
            subtitle: b.subtitle.as_ref().map(|s| self.pl(s, "subtitle", &quotes)),
            publisher: b.publisher.as_ref().map(|s| self.pl(s, "publisher", &quotes)),
            date,
            date_text,
            intro: b.intro.as_ref().map(|s| self.md(s, "intro", &quotes)).unwrap_or_default(),
            closing: b.closing.as_ref().map(|s| self.md(s, "closing", &quotes)).unwrap_or_default(),
            language,
            labels,
            cover,
            items,
            theme,
            fonts: std::mem::take(&mut self.fonts),
            images: std::mem::take(&mut self.images),
            keywords,
        }
    }

    fn language(&mut self, l: &Spanned<String>, path: &str) -> String {
        let tag = l.value.trim();
        let valid = !tag.is_empty()
            && tag.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
            && tag.split('-').next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
        if !valid {
            self.error(l.span, path, format!("`{tag}` is not a language tag"), "write a BCP 47 tag such as `en`, `fr`, `de-CH` or `ar`");
            return "en".into();
        }
        tag.to_string()
    }

    fn date(&mut self, d: &Spanned<String>, path: &str) -> Option<NaiveDate> {
        let s = d.value.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let shape_ok = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
        if !shape_ok {
            self.error(d.span, path, format!("`{s}` is not a date"), "write dates as YYYY-MM-DD, e.g. 2021-03-15");
            return None;
        }
        let (y, m, day): (i32, u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
        if !(1..=12).contains(&m) {
            self.error(d.span, path, format!("impossible date `{s}` (there is no month {m})"), "write dates as YYYY-MM-DD, e.g. 2021-03-15");
            return None;
        }
        match NaiveDate::from_ymd_opt(y, m, day) {
            Some(date) => Some(date),
            None => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
                let days = (next - first).num_days();
                self.error(
                    d.span,
                    path,
                    format!("impossible date `{s}` ({} {y} has {days} days)", first.format("%B")),
                    "check the day of the month",
                );
                None
            }
        }
    }

    /// A whole number from 1 to 1,000, with where it was written.
    fn count(&mut self, v: &Option<Spanned<String>>, path: &str, hint: &str) -> Option<(u32, Option<Span>)> {
        let v = v.as_ref()?;
        match v.value.trim().parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => Some((n, v.span)),
            _ => {
                self.error(v.span, path, format!("`{}` is not a number of pages (1 to 1000)", v.value.trim()), hint);
                None
            }
        }
    }

    fn length(&mut self, v: &Spanned<String>, path: &str, default: Pt) -> Pt {
        match parse_length(&v.value) {
            Ok(l) => l,
            Err(e) => {
                self.error(v.span, path, format!("`{}` is not a length ({e})", v.value.trim()), "write a number with a unit: `18mm`, `1.5cm`, `0.5in` or `10pt`");
                default
            }
        }
    }

    fn choice<T: Copy>(&mut self, v: &Option<Spanned<String>>, path: &str, options: &[(&str, T)], default: T) -> T {
        let Some(v) = v else { return default };
        let s = v.value.trim();
        if let Some((_, t)) = options.iter().find(|(n, _)| n.eq_ignore_ascii_case(s)) {
            return *t;
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let mut d = Diagnostic::error(v.span, path, format!("`{s}` is not one of {}", names.join(", ")));
        match did_you_mean(s, &names).or_else(|| names.iter().find(|n| n.starts_with(&s.to_lowercase()) && !s.is_empty()).copied()) {
            Some(m) => d = d.with_hint(format!("did you mean `{m}`?")),
            None => d = d.with_hint(format!("write one of {}", names.join(", "))),
        }
        self.diags.push(d);
        default
    }

    fn color(&mut self, v: &Option<Spanned<String>>, path: &str, default: Color) -> Color {
        let Some(v) = v else { return default };
        Color::parse(&v.value).unwrap_or_else(|| {
            self.error(v.span, path, format!("`{}` is not a colour", v.value.trim()), "write a colour as `#rrggbb`, e.g. `#0b5394`, or for print as `cmyk(c, m, y, k)` in per cent, e.g. `cmyk(0, 0, 0, 100)`");
            default
        })
    }

    fn theme(&mut self, t: &model::Theme, item_count: usize) -> Theme {
        let (page_width, page_height) = match &t.page {
            None => (Pt::mm(210.0), Pt::mm(297.0)),
            Some(PageSpec::Named(n)) => {
                const PAGES: &[(&str, f32, f32)] = &[
                    ("A3", 297.0, 420.0),
                    ("A4", 210.0, 297.0),
                    ("A5", 148.0, 210.0),
                    ("Letter", 215.9, 279.4),
                    ("Legal", 215.9, 355.6),
                ];
                match PAGES.iter().find(|(name, _, _)| name.eq_ignore_ascii_case(n.value.trim())) {
                    Some((_, w, h)) => (Pt::mm(*w), Pt::mm(*h)),
                    None => {
                        let names: Vec<&str> = PAGES.iter().map(|p| p.0).collect();
                        let mut d = Diagnostic::error(n.span, "theme.page", format!("unknown page size `{}`", n.value.trim()))
                            .with_hint(format!("use one of {}, or `{{width: 210mm, height: 297mm}}`", names.join(", ")));
                        if let Some(m) = did_you_mean(n.value.trim(), &names) {
                            d.hints.insert(0, format!("did you mean `{m}`?"));
                        }
                        self.diags.push(d);
                        (Pt::mm(210.0), Pt::mm(297.0))
                    }
                }
            }
            Some(PageSpec::Size { width, height }) => {
                let w = self.length(width, "theme.page.width", Pt::mm(210.0));
                let h = self.length(height, "theme.page.height", Pt::mm(297.0));
                for (v, s, p) in [(w, width, "theme.page.width"), (h, height, "theme.page.height")] {
                    if v < Pt::mm(50.0) || v > Pt::mm(2000.0) {
                        self.error(s.span, p, format!("a page side of {:.0}mm cannot hold a brochure", v.get() * 25.4 / 72.0), "use a size between 50mm and 2000mm");
                    }
                }
                (w, h)
            }
        };
        let (mut top, mut bottom, mut inside, mut outside) = (Pt::mm(20.0), Pt::mm(22.0), Pt::mm(18.0), Pt::mm(18.0));
        match &t.margins {
            None => {}
            Some(MarginSpec::All(v)) => {
                let m = self.length(v, "theme.margins", top);
                (top, bottom, inside, outside) = (m, m, m, m);
            }
            Some(MarginSpec::Sides { top: t1, bottom: b1, inside: i1, outside: o1 }) => {
                if let Some(v) = t1 {
                    top = self.length(v, "theme.margins.top", top);
                }
                if let Some(v) = b1 {
                    bottom = self.length(v, "theme.margins.bottom", bottom);
                }
                if let Some(v) = i1 {
                    inside = self.length(v, "theme.margins.inside", inside);
                }
                if let Some(v) = o1 {
                    outside = self.length(v, "theme.margins.outside", outside);
                }
            }
        }
        let columns = match &t.columns {
            None => 2,
            Some(v) => match v.value.trim().parse::<u32>() {
                Ok(n) if (1..=4).contains(&n) => n,
                _ => {
                    self.error(v.span, "theme.columns", format!("`{}` is not a number of columns", v.value.trim()), "write a whole number from 1 to 4");
                    2
                }
            },
        };
        let gutter = t.gutter.as_ref().map_or(Pt::mm(6.0), |v| self.length(v, "theme.gutter", Pt::mm(6.0)));
        let base_size = t.base_size.as_ref().map_or(Pt(9.5), |v| self.length(v, "theme.base_size", Pt(9.5)));
        if let Some(v) = &t.base_size {
            if !(4.0..=36.0).contains(&base_size.get()) {
                self.error(v.span, "theme.base_size", format!("a body size of {:.1}pt cannot be read comfortably", base_size.get()), "use a size between 4pt and 36pt; about 10pt is usual");
            }
        }
        let frame_w = page_width - inside - outside;
        let frame_h = page_height - top - bottom;
        let col_w = (frame_w - gutter * (columns as f32 - 1.0)) / columns as f32;
        if frame_h < Pt(72.0) || col_w < base_size * 6.0 {
            self.error(
                t.margins.as_ref().and_then(|m| match m {
                    MarginSpec::All(v) => v.span,
                    MarginSpec::Sides { top, .. } => top.as_ref().and_then(|v| v.span),
                }),
                "theme",
                format!("the page leaves no room for text (columns {:.0}pt wide, frame {:.0}pt high)", col_w.get(), frame_h.get()),
                "use smaller margins or gutter, fewer columns or a larger page",
            );
        }
        let body = self.family(&t.body_font, "theme.fonts.body", "Noto Serif");
        let heading = self.family(&t.heading_font, "theme.fonts.heading", "Noto Sans");
        let date_format = match &t.date_format {
            None => None,
            Some(v) => {
                // A format may be well-formed yet ask for a time or a zone,
                // which a date does not have (`%H`, `%+`): try it.
                let sample = NaiveDate::from_ymd_opt(2021, 3, 15).unwrap_or_default();
                let mut probe = String::new();
                let unusable = StrftimeItems::new(&v.value).any(|i| matches!(i, FmtItem::Error)) || write!(probe, "{}", sample.format(&v.value)).is_err();
                if v.value.trim().is_empty() || unusable {
                    self.error(v.span, "theme.date_format", format!("`{}` is not a date format", v.value), "use chrono's strftime codes for dates, e.g. `%d.%m.%Y` or `%e %B %Y` (no times or time zones)");
                    None
                } else {
                    Some(v.value.clone())
                }
            }
        };
        let bools = [("true", true), ("false", false), ("yes", true), ("no", false)];
        let template = |v: &Option<Spanned<String>>, diags: &mut Vec<Diagnostic>, path: &str| -> Option<String> {
            let v = v.as_ref()?;
            let mut rest = v.value.as_str();
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}') else { break };
                let key = &rest[open + 1..open + close];
                if !["title", "page", "pages", "date"].contains(&key) {
                    let mut d = Diagnostic::error(v.span, path, format!("unknown placeholder `{{{key}}}`")).with_hint("use {title}, {page}, {pages} or {date}");
                    if let Some(m) = did_you_mean(key, &["title", "page", "pages", "date"]) {
                        d.hints.insert(0, format!("did you mean `{{{m}}}`?"));
                    }
                    diags.push(d);
                }
                rest = &rest[open + close..];
            }
            Some(v.value.clone()).filter(|s| !s.trim().is_empty())
        };
        let header = template(&t.header, &mut self.diags, "theme.header");
        let footer = if t.footer.is_some() { template(&t.footer, &mut self.diags, "theme.footer") } else { Some("{page}".to_string()) };
        Theme {
            page_width,
            page_height,
            margin_top: top,
            margin_bottom: bottom,
            margin_inside: inside,
            margin_outside: outside,
            columns,
            gutter,
            base_size,
            body,
            heading,
            text: self.color(&t.text_color, "theme.colors.text", Color::rgb(0x1d, 0x1d, 0x1b)),
            accent: self.color(&t.accent_color, "theme.colors.accent", Color::rgb(0x00, 0x5c, 0x97)),
            muted: self.color(&t.muted_color, "theme.colors.muted", Color::rgb(0x5f, 0x63, 0x68)),
            date_format,
            digits: self.choice(&t.digits, "theme.digits", &[("latin", Digits::Latin), ("arabic-indic", Digits::ArabicIndic), ("persian", Digits::Persian)], Digits::Latin),
            order: self.choice(&t.order, "theme.order", &[("as-written", Order::AsWritten), ("newest-first", Order::NewestFirst), ("oldest-first", Order::OldestFirst)], Order::AsWritten),
            toc: self.choice(&t.toc, "theme.toc", &bools, item_count > 3),
            item_start: self.choice(&t.item_start, "theme.item_start", &[("flow", ItemStart::Flow), ("new-column", ItemStart::NewColumn), ("new-page", ItemStart::NewPage)], ItemStart::Flow),
            header,
            footer,
            bleed: t.bleed.as_ref().map_or(Pt::ZERO, |v| self.length(v, "theme.bleed", Pt::ZERO)),
            crop_marks: self.choice(&t.crop_marks, "theme.crop_marks", &bools, false),
            kashida: self.choice(&t.kashida, "theme.kashida", &bools, true),
            image_dpi: match &t.image_dpi {
                None => 300,
                Some(v) => match v.value.trim().parse::<u32>() {
                    Ok(n) if (72..=2400).contains(&n) => n,
                    _ => {
                        self.error(v.span, "theme.image_dpi", format!("`{}` is not a resolution", v.value.trim()), "write a whole number of dots per inch from 72 to 2400; 300 suits print");
                        300
                    }
                },
            },
            max_figure_height: match &t.max_figure_height {
                None => FigureCap::Share(0.4),
                Some(v) => {
                    let s = v.value.trim();
                    match s.strip_suffix('%').map(|n| n.trim().parse::<f32>()) {
                        Some(Ok(n)) if (10.0..=100.0).contains(&n) => FigureCap::Share(n / 100.0),
                        Some(_) => {
                            self.error(v.span, "theme.max_figure_height", format!("`{s}` is not a share of the column (10% to 100%)"), "write a percentage such as `40%`, or a length such as `80mm`");
                            FigureCap::Share(0.4)
                        }
                        None => match parse_length(s) {
                            Ok(l) if l > Pt(0.0) => FigureCap::Length(l),
                            _ => {
                                self.error(v.span, "theme.max_figure_height", format!("`{s}` is not a height"), "write a percentage of the column's height such as `40%`, or a length such as `80mm`");
                                FigureCap::Share(0.4)
                            }
                        },
                    }
                }
            },
            pages: self.count(&t.pages, "theme.pages", "write the whole number of pages the brochure should have, such as 8"),
            page_multiple: self.count(&t.page_multiple, "theme.page_multiple", "write a whole number such as 4 (a saddle-stitched booklet) or 2"),
            keep_lines: match &t.keep_lines {
                None => 2,
                Some(v) => match v.value.trim().parse::<u32>() {
                    Ok(n) if (1..=5).contains(&n) => n,
                    _ => {
                        self.error(v.span, "theme.keep_lines", format!("`{}` is not a number of lines", v.value.trim()), "write a whole number from 1 to 5; 2 avoids widows and orphans");
                        2
                    }
                },
            },
            output_profile: t.output_profile.as_ref().and_then(|v| self.output_profile(v)),
            qr_codes: self.choice(&t.qr_codes, "theme.qr_codes", &bools, false),
            colors_set: [t.text_color.is_some(), t.accent_color.is_some(), t.muted_color.is_some()],
        }
    }

    fn family(&mut self, spec: &Option<FontSpec>, path: &str, default: &str) -> Family {
        match spec {
            None => self.bundled(default),
            Some(FontSpec::Family(name)) => {
                let names = bundled_families();
                match names.iter().find(|n| n.eq_ignore_ascii_case(name.value.trim())) {
                    Some(n) => self.bundled(n),
                    None => {
                        let mut d = Diagnostic::error(name.span, path, format!("unknown font family `{}`", name.value.trim()))
                            .with_hint(format!("the bundled families are {}; or give font files as {{regular: …, bold: …}}", names.join(" and ")));
                        if let Some(m) = did_you_mean(name.value.trim(), &names) {
                            d.hints.insert(0, format!("did you mean `{m}`?"));
                        }
                        self.diags.push(d);
                        self.bundled(default)
                    }
                }
            }
            Some(FontSpec::Files { regular, bold, italic, bold_italic }) => {
                let fallback = self.bundled(default);
                let r = self.font_file(regular, &format!("{path}.regular")).unwrap_or(fallback.regular);
                let mut pick = |v: &Option<Spanned<String>>, key: &str| v.as_ref().and_then(|v| self.font_file(v, &format!("{path}.{key}"))).unwrap_or(r);
                Family { regular: r, bold: pick(bold, "bold"), italic: pick(italic, "italic"), bold_italic: pick(bold_italic, "bold_italic") }
            }
        }
    }

    fn bundled(&mut self, family: &str) -> Family {
        let (_, styles) = BUNDLED.iter().find(|(n, _)| *n == family).unwrap_or(&BUNDLED[0]);
        let mut ids = [FontId(0); 4];
        for (k, (style, bytes)) in styles.iter().enumerate() {
            let key = format!("bundled:{family} {style}");
            ids[k] = match self.font_keys.get(&key) {
                Some(id) => *id,
                None => {
                    let Ok(font) = FontData::new(format!("{family} {style}"), Arc::new(bytes.to_vec())) else {
                        // The bundled fonts are checked by the test suite.
                        continue;
                    };
                    self.push_font(key, font)
                }
            };
        }
        Family { regular: ids[0], bold: ids[1], italic: ids[2], bold_italic: ids[3] }
    }

    /// Loads the fallback fonts and gives each font of the theme its chain:
    /// Arabic then Hebrew, sans for the bundled sans family, serif for
    /// the others, bold for bold fonts. They come after the theme's fonts,
    /// so adding them changes no font id, and only fonts whose glyphs are
    /// drawn are embedded in the PDF.
    fn fallbacks(&mut self) {
        let themed = self.fonts.len();
        let mut ids = Vec::with_capacity(FALLBACKS.len());
        for (name, bytes) in FALLBACKS {
            match FontData::fallback(*name, Arc::new(bytes.to_vec())) {
                Ok(font) => ids.push(Some(self.push_font(format!("fallback:{name}"), font))),
                // The bundled fonts are checked by the test suite.
                Err(_) => ids.push(None),
            }
        }
        // A theme font without Latin letters (a Chinese or Japanese one)
        // sets Latin words, digits and the program's marks (· ›) in the
        // bundled sans of its weight.
        let mut latin: Vec<Option<FontId>> = vec![None; themed];
        for k in 0..themed {
            let lacks = rustybuzz::ttf_parser::Face::parse(&self.fonts[k].data, self.fonts[k].index).is_ok_and(|f| f.glyph_index('a').is_none());
            if lacks {
                let bold = rustybuzz::ttf_parser::Face::parse(&self.fonts[k].data, self.fonts[k].index).is_ok_and(|f| f.weight().to_number() >= 600);
                let sans = self.bundled("Noto Sans");
                latin[k] = Some(if bold { sans.bold } else { sans.regular });
            }
        }
        for k in 0..themed {
            let font = &self.fonts[k];
            let sans = font.name.starts_with("Noto Sans");
            let bold = rustybuzz::ttf_parser::Face::parse(&font.data, font.index).is_ok_and(|f| f.weight().to_number() >= 600);
            let pick = |first: usize| ids.get(first + usize::from(sans) * 2 + usize::from(bold)).copied().flatten();
            self.fonts[k].fallbacks = [latin[k], pick(0), pick(4)].into_iter().flatten().collect();
        }
    }

    fn push_font(&mut self, key: String, font: FontData) -> FontId {
        let id = FontId(self.fonts.len() as u32);
        self.fonts.push(font);
        self.font_keys.insert(key, id);
        id
    }

    /// The file a source path names, if it lies inside the root folder.
    fn locate(&mut self, v: &Spanned<String>, path: &str, what: &str) -> Option<PathBuf> {
        let rel = v.value.trim();
        let file = self.base.join(rel);
        // A file that does not exist is reported when it is read.
        let Ok(real) = file.canonicalize() else { return Some(file) };
        match &self.root {
            Some(root) if real.starts_with(root) => Some(file),
            _ => {
                self.error(
                    v.span,
                    path,
                    format!("{what} `{rel}` is outside the brochure's folder"),
                    "images and fonts are read only from the brochure's folder and the folders below it: move the file there, or widen the folder with `Options::root`",
                );
                None
            }
        }
    }

    fn font_file(&mut self, v: &Spanned<String>, path: &str) -> Option<FontId> {
        // `fonts/NotoSansCJK-Regular.ttc#2`: face 2 of a collection.
        let (v, index) = match v.value.trim().rsplit_once('#') {
            Some((file, n)) if !file.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                (&Spanned { value: file.to_string(), span: v.span }, n.parse::<u32>().unwrap_or(u32::MAX))
            }
            _ => (v, 0),
        };
        let file = self.locate(v, path, "font")?;
        let key = format!("file:{}#{index}", file.display());
        if let Some(id) = self.font_keys.get(&key) {
            return Some(*id);
        }
        match read_at_most(&file, MAX_FONT_BYTES) {
            Ok(bytes) if bytes.len() as u64 > MAX_FONT_BYTES => {
                let msg = format!("failed to load font `{}` (the file is larger than {} MB)", v.value.trim(), MAX_FONT_BYTES >> 20);
                self.error(v.span, path, msg, "give a font file of one style; a subset with the scripts the brochure uses is enough");
                None
            }
            Ok(bytes) => {
                let faces = rustybuzz::ttf_parser::fonts_in_collection(&bytes);
                match font_file_problem(&bytes, index).map_or_else(|| FontData::face(v.value.trim(), Arc::new(bytes), index), Err) {
                    Ok(f) => Some(self.push_font(key, f)),
                    Err(e) => {
                        let mut d = Diagnostic::error(v.span, path, format!("failed to load font `{}` ({e})", v.value.trim())).with_hint("give a TrueType (.ttf) or OpenType (.otf) font file");
                        if faces.is_some() || index > 0 {
                            d = d.with_hint(format!("in a collection (.ttc, .otc), name the face after the path: `{}#0` is the first", v.value.trim()));
                        }
                        self.diags.push(d);
                        None
                    }
                }
            }
            Err(e) => {
                self.error(v.span, path, format!("failed to load font `{}` ({})", v.value.trim(), io_reason(&e)), "paths are relative to the brochure's folder");
                None
            }
        }
    }

    /// Reads `theme.output_profile`: an ICC profile of a CMYK printing
    /// condition (an output profile of four channels).
    fn output_profile(&mut self, v: &Spanned<String>) -> Option<(String, Arc<Vec<u8>>)> {
        let path = "theme.output_profile";
        let rel = v.value.trim();
        let file = self.locate(v, path, "colour profile")?;
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                self.error(v.span, path, format!("failed to load colour profile `{rel}` ({})", io_reason(&e)), "paths are relative to the brochure's folder");
                return None;
            }
        };
        // The ICC header: size, …, device class at 12, colour space at 16,
        // `acsp` at 36.
        let ok = bytes.len() >= 128 && &bytes[36..40] == b"acsp";
        if !ok {
            self.error(v.span, path, format!("`{rel}` is not an ICC colour profile"), "give the `.icc` file of the printing condition, from the print shop");
            return None;
        }
        if &bytes[16..20] != b"CMYK" || &bytes[12..16] != b"prtr" {
            let space = String::from_utf8_lossy(&bytes[16..20]).trim().to_string();
            self.error(v.span, path, format!("`{rel}` is not a CMYK printer profile (it is a {space} profile)"), "ask the print shop for the CMYK output profile of their press and paper, e.g. one for FOGRA39 or FOGRA51");
            return None;
        }
        Some((rel.to_string(), Arc::new(bytes)))
    }

    fn image(&mut self, v: &Spanned<String>, path: &str, given: Option<&model::ImageBytes>) -> Option<ImageId> {
        // Bytes a program gave: no file is read; the same bytes given twice
        // are one image, as the same file named twice is.
        if let Some(given) = given {
            if let Some(i) = self.images.iter().position(|i| Arc::ptr_eq(&i.data, given.shared())) {
                return Some(ImageId(i as u32));
            }
            return self.add_image(v, path, Arc::clone(given.shared()), None);
        }
        let rel = v.value.trim();
        if rel.is_empty() {
            // A missing or empty path was reported when the source was read.
            return None;
        }
        let file = self.locate(v, path, "image")?;
        if let Some(id) = self.image_keys.get(&file) {
            return Some(*id);
        }
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                let mut d = Diagnostic::error(v.span, path, format!("failed to load image `{rel}` ({})", io_reason(&e)));
                if e.kind() == std::io::ErrorKind::NotFound {
                    for hint in path_hints(rel, &self.base) {
                        d = d.with_hint(hint);
                    }
                }
                self.diags.push(d.with_hint("paths are relative to the brochure's folder"));
                return None;
            }
        };
        self.add_image(v, path, Arc::new(bytes), Some(file))
    }

    /// Checks an image's bytes (kind, header, size) and adds it; `file` is
    /// where it was read from, `None` for bytes given in code.
    fn add_image(&mut self, v: &Spanned<String>, path: &str, bytes: Arc<Vec<u8>>, file: Option<PathBuf>) -> Option<ImageId> {
        let rel = v.value.trim();
        let kind = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            ImageKind::Jpeg
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            ImageKind::Png
        } else {
            self.error(v.span, path, format!("failed to load image `{rel}` (not a JPEG or PNG file)"), "convert the image to JPEG or PNG");
            return None;
        };
        let dims = match kind {
            // The PNG header is read here, before any decoder sees the file.
            ImageKind::Png => png_dimensions(&bytes).ok_or(()),
            ImageKind::Jpeg => image::ImageReader::with_format(std::io::Cursor::new(bytes.as_slice()), image::ImageFormat::Jpeg).into_dimensions().map_err(|_| ()),
        };
        let (width, height) = match dims {
            Ok((w, h)) if w > 0 && h > 0 => (w, h),
            Ok(_) => {
                self.error(v.span, path, format!("failed to load image `{rel}` (it has no pixels)"), "");
                return None;
            }
            Err(_) => {
                self.error(v.span, path, format!("failed to load image `{rel}` (the file is damaged or cut short)"), "open and save the image again in an image editor");
                return None;
            }
        };
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            self.error(
                v.span,
                path,
                format!("image `{rel}` is too large ({width} × {height} pixels; the limit is {} million)", MAX_PIXELS / 1_000_000),
                "scale it down: 300 dpi at the printed size is all print needs",
            );
            return None;
        }
        if kind == ImageKind::Jpeg && crate::render::images::jpeg_components(&bytes) == Some(4) && !crate::render::images::adobe_marker(&bytes) {
            // Adobe's CMYK JPEGs store inverted values and say so with an
            // APP14 marker; without one, the values are taken as written.
            self.diags.push(
                Diagnostic::warning(v.span, path, format!("CMYK image `{rel}` has no Adobe marker (its colours are taken as written, not inverted)"))
                    .with_hint("check the picture in the PDF: if it looks like a negative, save it again as a CMYK JPEG from Photoshop, GIMP or Affinity"),
            );
        }
        let id = ImageId(self.images.len() as u32);
        self.images.push(ImageData { path: rel.to_string(), data: bytes, kind, width, height });
        if let Some(file) = file {
            self.image_keys.insert(file, id);
        }
        Some(id)
    }

    fn figure(&mut self, img: &model::Image, path: &str, quotes: &Quotes) -> Option<Figure> {
        let image = self.image(&img.src, &format!("{path}.src"), img.bytes.as_ref());
        let full_width = self.choice(&img.width, &format!("{path}.width"), &[("column", false), ("full", true)], false);
        Some(Figure {
            source: img.src.span,
            image: image?,
            credit: img.credit.as_ref().map(|c| self.pl(c, &format!("{path}.credit"), quotes)),
            caption: img.caption.as_ref().map(|c| self.pl(c, &format!("{path}.caption"), quotes)),
            alt: img.alt.as_ref().map(|a| self.bare(a, &format!("{path}.alt"), quotes)),
            full_width,
        })
    }

    /// The brochure's labels: the language's words, each replaced by the
    /// theme's when it gives one; a language without words of its own is
    /// reported unless the theme gives all three.
    fn labels(&mut self, b: &model::Brochure, language: &str) -> Labels {
        let (mut labels, known) = locale::labels(language);
        let t = &b.theme;
        let given = [(&t.label_contents, "contents"), (&t.label_image_credit, "image_credit"), (&t.label_more_information, "more_information")];
        for (v, key) in given {
            let Some(v) = v else { continue };
            let text = v.value.trim().to_string();
            if text.is_empty() {
                self.error(v.span, &format!("theme.labels.{key}"), "the label is empty", "write the words to print, or leave the key out to use the language's own");
                continue;
            }
            match key {
                "contents" => labels.contents = text,
                "image_credit" => labels.image_credit = text,
                _ => labels.more_information = text,
            }
        }
        if !known && given.iter().any(|(v, _)| v.is_none()) {
            let span = b.language.as_ref().and_then(|l| l.span);
            self.diags.push(
                Diagnostic::warning(span, "language", format!("the program has no words of its own in `{language}` (English ones are printed)"))
                    .with_hint("give them in `theme.labels: {contents: …, image_credit: …, more_information: …}`"),
            );
        }
        labels
    }

    /// A language whose script no bundled font has (Chinese, Japanese,
    /// Korean) needs a theme font that has it: without one, every character
    /// would print as an empty box. Reported at the language's tag.
    fn script_font(&mut self, tag: Option<&Spanned<String>>, path: &str, language: &str, theme: &Theme) {
        let (sample, script) = match crate::text::primary_language(language).as_str() {
            "zh" => ('中', "Chinese"),
            "ja" => ('の', "Japanese"),
            "ko" => ('한', "Korean"),
            _ => return,
        };
        // A theme font that failed to load is reported already.
        if self.diags.iter().any(|d| d.is_error() && d.path.starts_with("theme.fonts")) {
            return;
        }
        let has = |id: FontId| self.fonts.get(id.0 as usize).is_some_and(|f| rustybuzz::ttf_parser::Face::parse(&f.data, f.index).is_ok_and(|face| face.glyph_index(sample).is_some()));
        if has(theme.body.regular) {
            return;
        }
        let (file, face) = match script {
            "Chinese" => ("NotoSansCJK-Regular.ttc", "#2 (Simplified Chinese; #3 Traditional)"),
            "Japanese" => ("NotoSansCJK-Regular.ttc", "#0"),
            _ => ("NotoSansCJK-Regular.ttc", "#1"),
        };
        self.diags.push(
            Diagnostic::error(tag.and_then(|t| t.span), path, format!("`{language}` text needs a font with {script} characters (the bundled fonts have none)"))
                .with_hint(format!("copy a font that has them beside the source and name it in the theme: `fonts: {{body: {{regular: fonts/{file}{}}}, heading: …}}`", face.split(' ').next().unwrap_or("")))
                .with_hint(format!("Noto Sans CJK (Debian's fonts-noto-cjk, or github.com/notofonts/noto-cjk) is one; in its .ttc, the face after `#` is {face}")),
        );
    }

    fn item(&mut self, it: &model::Item, path: &str, doc_lang: &str, doc_labels: &Labels, theme: &Theme) -> Item {
        let language = it.language.as_ref().map_or_else(|| doc_lang.to_string(), |l| self.language(l, &format!("{path}.language")));
        let q = Quotes::for_language(&language);
        let date = it.date.as_ref().and_then(|d| self.date(d, &format!("{path}.date")));
        let title = self.pl(&it.title, &format!("{path}.title"), &q);
        let mut body = Vec::new();
        for (j, block) in it.body.iter().enumerate() {
            let bpath = format!("{path}.body[{j}]");
            match block {
                Block::Paragraph(p) => self.md_blocks(p, &bpath, &q, &mut body),
                Block::Quote { quote, by } => {
                    let text = self.md(quote, &format!("{bpath}.quote"), &q);
                    let by = by.as_ref().map(|b| self.pl(b, &format!("{bpath}.by"), &q));
                    body.push(BodyBlock::Quote { text, by });
                }
                Block::Heading(h) => body.push(BodyBlock::Heading(self.pl(h, &format!("{bpath}.heading"), &q))),
                Block::Image(img) => {
                    if let Some(f) = self.figure(img, &format!("{bpath}.image"), &q) {
                        body.push(BodyBlock::Figure(f));
                    }
                }
                Block::List(entries) => {
                    let entries = entries.iter().enumerate().flat_map(|(k, e)| self.md(e, &format!("{bpath}.list[{k}]"), &q)).collect();
                    body.push(BodyBlock::List(entries));
                }
            }
        }
        let mut links = Vec::new();
        for (k, l) in it.links.iter().enumerate() {
            let url = l.url.value.trim();
            // A missing `url` was reported when the source was read.
            if !url.is_empty() && !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")) {
                self.error(l.url.span, &format!("{path}.links[{k}].url"), format!("`{url}` is not a web address"), "write a full address starting with https://");
            }
            links.push((self.pl(&l.text, &format!("{path}.links[{k}].text"), &q), url.to_string()));
        }
        let qr = match &it.qr {
            Some(v) => {
                let url = v.value.trim();
                if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")) {
                    self.error(v.span, &format!("{path}.qr"), format!("`{url}` is not a web address"), "write a full address starting with https://");
                }
                if !theme.qr_codes {
                    self.diags.push(
                        Diagnostic::warning(v.span, format!("{path}.qr"), "`qr:` is not printed (QR codes are off)").with_hint("add `qr_codes: true` to the theme"),
                    );
                }
                Some(url.to_string())
            }
            None => links.first().map(|(_, u)| u.clone()),
        }
        .filter(|_| theme.qr_codes);
        Item {
            title_text: plain_text(&title),
            title,
            date_text: date.map(|d| theme.digits.apply(&format_date(d, theme.date_format.as_deref(), &language))),
            date,
            location: it.location.as_ref().map(|l| self.pl(l, &format!("{path}.location"), &q)),
            hyphenation: hyphenate::language(&language),
            // The theme's labels are words of the brochure's language.
            labels: if crate::text::primary_language(&language) == crate::text::primary_language(doc_lang) { doc_labels.clone() } else { locale::labels(&language).0 },
            language,
            image: it.image.as_ref().and_then(|img| self.figure(img, &format!("{path}.image"), &q)),
            summary: it.summary.as_ref().map(|s| self.md(s, &format!("{path}.summary"), &q)).unwrap_or_default(),
            body,
            links,
            qr,
            tags: it.tags.iter().enumerate().map(|(k, t)| self.bare(t, &format!("{path}.tags[{k}]"), &q)).filter(|t| !t.is_empty()).collect(),
            path: path.to_string(),
            span: it.title.span,
        }
    }
}

/// What may be wrong with a path that names no file: backslashes, a
/// Windows path, or a name that differs from a file's in case or by a slip
/// (compared with the files in the brochure's folder and its subfolders).
fn path_hints(rel: &str, base: &Path) -> Vec<String> {
    let mut hints = Vec::new();
    let bytes = rel.as_bytes();
    let windows_absolute = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && matches!(bytes[2], b'\\' | b'/');
    if windows_absolute || rel.starts_with("\\\\") {
        hints.push("this is a path on a Windows computer: copy the image into the brochure's folder (or a folder below it, such as `images/`) and write the path from there, e.g. `images/photo.jpg`".to_string());
    }
    if rel.contains('\\') {
        hints.push("use `/` between folder names, not `\\`".to_string());
    }
    // The last part of a Windows path, with `/` for `\`, is what the
    // author most likely meant.
    let wanted = if windows_absolute { rel.rsplit(['\\', '/']).next().unwrap_or(rel).to_string() } else { rel.replace('\\', "/") };
    let files = files_below(base, 3);
    if files.iter().any(|f| f == &wanted) && wanted != rel {
        hints.push(format!("did you mean `{wanted}`?"));
        return hints;
    }
    let lower = wanted.to_lowercase();
    let name_of = |f: &str| f.rsplit('/').next().unwrap_or(f).to_lowercase();
    let wanted_name = name_of(&wanted);
    let best = files
        .iter()
        .find(|f| f.to_lowercase() == lower)
        .or_else(|| files.iter().find(|f| name_of(f) == wanted_name))
        .or_else(|| {
            let names: Vec<&str> = files.iter().map(String::as_str).collect();
            did_you_mean(&wanted, &names).and_then(|m| files.iter().find(|f| *f == m))
        })
        .or_else(|| {
            // The file name alone, wherever it is below the folder.
            let names: Vec<String> = files.iter().map(|f| name_of(f)).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            did_you_mean(&wanted_name, &refs).and_then(|m| files.iter().find(|f| name_of(f) == m))
        });
    if let Some(f) = best {
        hints.push(format!("did you mean `{f}`?"));
    }
    hints
}

/// The files in `base` and the folders below it, `depth` levels deep, as
/// paths relative to `base` with `/`, sorted (so hints never depend on the
/// order the file system lists them in).
fn files_below(base: &Path, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![(base.to_path_buf(), String::new(), 0)];
    while let Some((dir, prefix, d)) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            match e.file_type() {
                Ok(t) if t.is_dir() && d + 1 < depth => dirs.push((e.path(), format!("{rel}/"), d + 1)),
                Ok(t) if t.is_file() => out.push(rel),
                _ => {}
            }
            // A folder of thousands of files is not searched further.
            if out.len() > 2000 {
                break;
            }
        }
    }
    out.sort();
    out
}

/// Width and height from a PNG's IHDR chunk.
fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

/// The largest font file read, in bytes (32 MiB): a Latin, Greek and
/// Cyrillic face is well under 1 MB, and the largest single faces (CJK) are
/// about 20 MB.
pub const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;

/// The first `limit` and one bytes of a file, so that a file over the limit
/// is refused without being read whole.
fn read_at_most(file: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(file)?.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What makes a font file unusable before its tables are read: the shaper
/// and the PDF writer trust the table directory, and a table that ends past
/// the end of the file (a download cut short) would give blank letters.
fn font_file_problem(bytes: &[u8], index: u32) -> Option<String> {
    let faces = rustybuzz::ttf_parser::fonts_in_collection(bytes);
    match faces {
        Some(n) if index >= n => return Some(format!("the collection has {n} faces, `#0` to `#{}`; there is no `#{index}`", n - 1)),
        None if index > 0 => return Some(format!("the file is one font, not a collection: there is no face `#{index}`")),
        _ => {}
    }
    let Ok(raw) = rustybuzz::ttf_parser::RawFace::parse(bytes, index) else {
        return None; // told by `FontData::new`, with the parser's reason
    };
    let cut = raw.table_records.into_iter().any(|t| u64::from(t.offset) + u64::from(t.length) > bytes.len() as u64);
    if cut {
        return Some("the file is damaged or cut short".into());
    }
    let face = rustybuzz::ttf_parser::Face::parse(bytes, index).ok()?;
    let t = face.tables();
    if t.glyf.is_none() && t.cff.is_none() && t.cff2.is_none() {
        return Some("the font has no glyph outlines".into());
    }
    None
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(21) => "it is a folder".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> (Option<Doc>, Vec<String>) {
        let (m, d) = model::parse(src);
        assert!(d.is_empty(), "{d:?}");
        let (doc, d) = resolve(&m.unwrap(), Path::new("."));
        (doc, d.iter().map(|d| d.headline("t.yaml")).collect())
    }

    #[test]
    fn impossible_dates_are_explained() {
        let (_, e) = run("title: T\nitems:\n  - title: A\n    date: 2021-02-30\n    body: x\n");
        assert_eq!(e, vec!["t.yaml:4:11: error: items[0].date: impossible date `2021-02-30` (February 2021 has 28 days)"]);
    }

    #[test]
    fn theme_values_are_checked_together() {
        let src = "title: T\nitems:\n  - title: A\n    body: x\ntheme:\n  columns: two\n  gutter: 5px\n  page: A6\n  colors: {accent: blue}\n  order: newest\n";
        let (doc, e) = run(src);
        assert!(doc.is_none());
        assert_eq!(e.len(), 5, "{e:#?}");
        assert!(e[0].contains("unknown page size `A6`"));
    }

    #[test]
    fn defaults_make_an_a4_two_column_brochure() {
        let (doc, e) = run("title: T\nitems:\n  - title: A\n    date: 2021-03-01\n    body: x\n");
        assert!(e.is_empty());
        let d = doc.unwrap();
        assert_eq!(d.theme.columns, 2);
        assert!((d.theme.page_width.get() - 595.28).abs() < 0.01);
        // Without `date_format`, the language's unambiguous form.
        assert_eq!(d.items[0].date_text.as_deref(), Some("1 March 2021"));
        assert_eq!(d.labels.contents, "Contents");
        assert!(!d.theme.toc);
        assert_eq!(d.theme.footer.as_deref(), Some("{page}"));
    }

    #[test]
    fn labels_and_digits_follow_the_language_and_the_theme() {
        let items = "items:\n  - title: A\n    date: 2021-03-01\n    body: x\n  - title: B\n    language: fr\n    date: 2021-03-01\n    body: x\n";
        let (doc, e) = run(&format!("title: T\nlanguage: ar\ndate: 2021-03-15\n{items}theme:\n  digits: arabic-indic\n  labels: {{more_information: للمزيد}}\n"));
        assert!(e.is_empty(), "{e:?}");
        let d = doc.unwrap();
        assert_eq!(d.date_text.as_deref(), Some("١٥ مارس ٢٠٢١"));
        assert_eq!(d.labels.contents, "المحتويات");
        assert_eq!(d.items[0].labels.more_information, "للمزيد");
        // The theme's words are the brochure's language's: a French item keeps its own.
        assert_eq!(d.items[1].labels.more_information, "Plus d’informations");
        assert_eq!(d.items[1].date_text.as_deref(), Some("١er mars ٢٠٢١"));
        // An explicit format is kept as it is.
        let (doc, _) = run(&format!("title: T\nlanguage: ru\n{items}theme:\n  date_format: '%d.%m.%Y'\n"));
        assert_eq!(doc.unwrap().items[0].date_text.as_deref(), Some("01.03.2021"));
    }

    #[test]
    fn unknown_digits_empty_labels_and_wordless_languages_are_reported() {
        let items = "items:\n  - title: A\n    body: x\n";
        let (_, e) = run(&format!("title: T\n{items}theme:\n  digits: hindi\n  labels: {{contents: ' '}}\n"));
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().any(|m| m.contains("t.yaml:6:11: error: theme.digits: `hindi` is not one of latin, arabic-indic, persian")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("t.yaml:7:22: error: theme.labels.contents: the label is empty")), "{e:?}");
        let (doc, e) = run(&format!("title: T\nlanguage: sw\n{items}"));
        assert!(doc.is_some());
        assert_eq!(e, ["t.yaml:2:11: warning: language: the program has no words of its own in `sw` (English ones are printed)"]);
        let (_, e) = run(&format!("title: T\nlanguage: sw\n{items}theme:\n  labels: {{contents: Yaliyomo, image_credit: Picha, more_information: Habari zaidi}}\n"));
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn missing_images_name_the_file() {
        let (_, e) = run("title: T\nitems:\n  - title: A\n    image: {src: nope.jpg}\n    body: x\n");
        assert_eq!(e, vec!["t.yaml:4:18: error: items[0].image.src: failed to load image `nope.jpg` (file not found)"]);
    }

    #[test]
    fn files_outside_the_folder_are_refused() {
        let (_, e) = run("title: T\nitems:\n  - title: A\n    image: /etc/passwd\n    body: x\n");
        assert_eq!(e, vec!["t.yaml:4:12: error: items[0].image.src: image `/etc/passwd` is outside the brochure's folder"]);
        let (_, e) = run("title: T\nitems:\n  - title: A\n    image: ../../../../../../etc/passwd\n    body: x\n");
        assert!(e[0].contains("is outside the brochure's folder"), "{e:?}");
    }

    #[test]
    fn order_sorts_by_date() {
        let (doc, _) = run("title: T\nitems:\n  - {title: A, date: 2020-01-01, body: x}\n  - {title: B, body: x}\n  - {title: C, date: 2021-01-01, body: x}\ntheme: {order: newest-first}\n");
        let titles: Vec<_> = doc.unwrap().items.iter().map(|i| i.title_text.clone()).collect();
        assert_eq!(titles, ["C", "A", "B"]);
    }
}
