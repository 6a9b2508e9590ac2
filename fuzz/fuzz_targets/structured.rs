//! Structured brochures: the fuzzer's bytes pick a brochure from the format
//! (`spec/format.md`, v1) — every field, every body block kind, themes with
//! valid and invalid values, images from the pool in `fuzz/assets` — which is
//! written out as YAML text and built with `compile_str`.
//!
//! Most generated sources are valid YAML of the right shape, so the time goes
//! into resolve, layout and rendering rather than the YAML reader (which the
//! `whole_pipeline` target covers). Text fields hold arbitrary text: words in
//! several scripts, Markdown punctuation, combining marks, soft hyphens,
//! no-break and zero-width spaces, control characters, very long tokens.
#![no_main]

use std::fmt::Write as _;
use std::path::Path;

use arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|b: Brochure| {
    let src = b.to_yaml();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let result = brochure::compile_str(&src, &base, &brochure::Options::default());
    if let Ok(out) = &result {
        assert!(out.pdf.starts_with(b"%PDF-"), "the output is not a PDF");
        assert!(out.pages >= 1, "a built brochure has no pages");
    }
    stats(result.is_ok());
});

/// With `BROCHURE_FUZZ_STATS=1`, prints every 1000 runs how many sources
/// built: the generator should make mostly valid brochures, or the time goes
/// into error paths.
fn stats(built: bool) {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static ON: OnceLock<bool> = OnceLock::new();
    static RUNS: AtomicU64 = AtomicU64::new(0);
    static BUILT: AtomicU64 = AtomicU64::new(0);
    if !*ON.get_or_init(|| std::env::var_os("BROCHURE_FUZZ_STATS").is_some()) {
        return;
    }
    let runs = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    let ok = BUILT.fetch_add(u64::from(built), Ordering::Relaxed) + u64::from(built);
    if runs.is_multiple_of(1000) {
        eprintln!("structured: {ok} of {runs} sources built ({:.0} %)", 100.0 * ok as f64 / runs as f64);
    }
}

// ---------------------------------------------------------------------------
// Text

const WORDS: &[&str] = &[
    "the",
    "border",
    "posts",
    "UNODC",
    "COVID-19",
    "decontamination",
    "internationalisation",
    "telecommunications",
    "counterterrorism",
    "Tunis-Carthage",
    "équipement",
    "coopération",
    "Straße",
    "Übergangsbestimmungen",
    "œuvre",
    "fjord",
    "ﬁnance",
    "naïve",
    "İstanbul",
    "ΑΒΓ",
    "Ελλάδα",
    "συνεργασία",
    "λόγος",
    "Россия",
    "сотрудничество",
    "граница",
    "Ёлка",
    "Україна",
    "2021",
    "3.14",
    "1,000",
    "50%",
    "№7",
    "½",
    "x²",
    "e\u{301}",
    "a\u{308}\u{323}",
    "\u{301}",
    "ﬀ",
    "ß",
    "Ǆ",
    "ŉ",
    "ﬃ",
    "مرحبا",
    "שלום",
    "中文",
    "日本語",
    "한국어",
    "हिन्दी",
    "ไทย",
    "😀",
    "👩‍👩‍👧",
    "🇫🇷",
    "\u{1F3FD}",
    "Mercure\u{AD}V4\u{AD}software",
    "no\u{A0}break",
    "zero\u{200B}width",
    "non\u{2011}breaking",
    "\u{FEFF}",
    "\u{200D}",
    "\u{200C}",
    "\u{2028}",
    "\u{2029}",
    "\u{202E}rtl",
    "\u{E000}",
    "\u{FFFD}",
    "\u{10FFFF}",
    "\u{0}",
    "\u{7}",
    "\u{1B}[0m",
    "\u{85}",
    "\r",
    "\t",
    "\u{B}",
    "\u{C}",
];

const PUNCT: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "'", "\"", "(", ")", "[", "]", "{", "}", "-", "--", "---", "–", "—", "…", "«", "»", "„", "“", "”", "‘", "’", "/", "\\", "&",
    "@", "#", "%", "$", "€", "©", "®", "™", "§", "¶", "•", "·", "|", "~", "^", "<", ">", "=", "+", "*", "_",
];

const MARKUP: &[&str] = &[
    "*",
    "**",
    "***",
    "_",
    "__",
    "`",
    "``",
    "[",
    "](",
    ")",
    "](https://example.org/a)",
    "<https://example.org>",
    "\\",
    "  \n",
    "\\\n",
    "\n",
    "\n\n",
    "\n\n\n",
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "* ",
    "---\n",
    "```\n",
    "    ",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "&amp;",
    "&#x41;",
    "&nbsp;",
    "![img](rgb.png)",
    "[^1]",
    "~~",
    "|a|b|\n",
    "[x]: https://example.org\n",
    "\u{AD}",
    "\u{A0}",
    "\u{200B}",
    "\u{2060}",
    "\u{202F}",
    "\u{2009}",
    "\u{3000}",
];

/// A piece of text in a field.
#[derive(Debug)]
enum Token {
    Word(u8),
    Punct(u8),
    Markup(u8),
    Space,
    Digits(u32),
    /// A word of one repeated character, up to a few thousand long.
    Long {
        ch: u8,
        len: u16,
    },
    /// A long run of a repeated word (a paragraph with many breaks).
    Repeat {
        word: u8,
        times: u8,
    },
    /// Any characters.
    Raw(String),
}

impl<'a> Arbitrary<'a> for Token {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(match u.int_in_range(0..=15u8)? {
            0..=5 => Token::Word(u.arbitrary()?),
            6 | 7 => Token::Space,
            8 => Token::Punct(u.arbitrary()?),
            9 | 10 => Token::Markup(u.arbitrary()?),
            11 => Token::Digits(u.arbitrary()?),
            12 => Token::Long { ch: u.arbitrary()?, len: u.int_in_range(1..=4000)? },
            13 => Token::Repeat { word: u.arbitrary()?, times: u.arbitrary()? },
            _ => Token::Raw(u.arbitrary()?),
        })
    }
}

fn pick<'s>(list: &[&'s str], i: impl Into<usize>) -> &'s str {
    list[i.into() % list.len()]
}

/// Arbitrary text: a sequence of tokens. Bounded, so that one text does not
/// take all the fuzzer's bytes and leave the rest of the brochure empty.
#[derive(Debug)]
struct Text(Vec<Token>);

impl<'a> Arbitrary<'a> for Text {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(1..=24u8)?;
        (0..n).map(|_| Token::arbitrary(u)).collect::<Result<_>>().map(Text)
    }
}

impl Text {
    fn render(&self) -> String {
        let mut s = String::new();
        for t in &self.0 {
            match t {
                Token::Word(i) => s.push_str(pick(WORDS, *i)),
                Token::Punct(i) => s.push_str(pick(PUNCT, *i)),
                Token::Markup(i) => s.push_str(pick(MARKUP, *i)),
                Token::Space => s.push(' '),
                Token::Digits(n) => {
                    let _ = write!(s, "{n}");
                }
                Token::Long { ch, len } => {
                    let c = ['a', 'W', 'м', 'ω', '中', '\u{AD}', '-', '/', '😀', 'ﬁ'][*ch as usize % 10];
                    s.extend(std::iter::repeat_n(c, *len as usize));
                }
                Token::Repeat { word, times } => {
                    for _ in 0..*times {
                        s.push_str(pick(WORDS, *word));
                        s.push(' ');
                    }
                }
                Token::Raw(r) => s.push_str(r),
            }
        }
        s
    }
}

/// How a text value is written in the YAML.
#[derive(Debug, Arbitrary, Clone, Copy)]
enum Style {
    /// Double-quoted with every special character escaped: any text survives.
    Quoted,
    Quoted2,
    Quoted3,
    /// Single-quoted.
    Single,
    /// A literal block (`|`), text indented below.
    Literal,
    /// A folded block (`>`).
    Folded,
    /// Written as it is: may not be valid YAML, which is fine too.
    Plain,
}

/// A text value for a field.
#[derive(Debug, Arbitrary)]
struct Value {
    style: Style,
    text: Text,
}

fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) || c == '\u{FEFF}' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `s` as a YAML scalar after a key at `indent`.
fn scalar(s: &str, style: Style, indent: usize) -> String {
    match style {
        Style::Quoted | Style::Quoted2 | Style::Quoted3 => quoted(s),
        Style::Single => format!("'{}'", s.replace('\'', "''").replace('\n', "\n\n")),
        Style::Literal | Style::Folded => {
            let pad = " ".repeat(indent + 2);
            let mut out = String::from(if matches!(style, Style::Literal) { "|" } else { ">" });
            for line in s.split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(&pad);
                    out.push_str(line);
                }
            }
            out
        }
        Style::Plain => s.replace('\n', " "),
    }
}

impl Value {
    fn yaml(&self, indent: usize) -> String {
        scalar(&self.text.render(), self.style, indent)
    }
}

/// A value that is usually one of a few meaningful choices, sometimes any text.
#[derive(Debug)]
enum Choice {
    Known(u8),
    Any(Value),
}

impl<'a> Arbitrary<'a> for Choice {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(if u.ratio(7u8, 8u8)? { Choice::Known(u.arbitrary()?) } else { Choice::Any(u.arbitrary()?) })
    }
}

impl Choice {
    fn yaml(&self, known: &[&str], indent: usize) -> String {
        match self {
            Choice::Known(i) => quoted(pick(known, *i)),
            Choice::Any(v) => v.yaml(indent),
        }
    }
}

// ---------------------------------------------------------------------------
// The brochure

const IMAGES: &[&str] = &[
    "rgb.jpg",
    "grey.jpg",
    "cmyk.jpg",
    "rgb.png",
    "alpha.png",
    "palette.png",
    "pixel.png",
    "missing.png",
    ".",
    "make_assets.py",
    "./rgb.png",
    "../assets/rgb.jpg",
    "",
    " rgb.png ",
];
const DATES: &[&str] = &[
    "2021-03-15",
    "2020-02-29",
    "2021-02-29",
    "2021-02-30",
    "2021-13-01",
    "0000-01-01",
    "9999-12-31",
    "2021-3-1",
    "21-03-15",
    "2021-00-10",
    "",
    "2021-03-15T10:00",
    "１２３４-01-01",
];
const LANGUAGES: &[&str] = &["en", "fr", "de", "de-CH", "el", "ru", "uk", "ar", "zh", "tr", "xx", "EN", "en_US", "", "a", "toolong-x"];
const LENGTHS: &[&str] = &[
    "18mm", "0mm", "1cm", "0.5in", "10pt", "9.5pt", "36pt", "4pt", "3pt", "100pt", "-5mm", "1e9pt", "1e40mm", "NaN", "inf", "infmm", "NaNpt", "0.0001pt", "10",
    "10 pt", "10px", "", "mm", "1.2.3mm", "+5mm", "500mm", "2000mm",
];
const PAGES: &[&str] = &["A4", "A5", "A3", "Letter", "Legal", "a4", "LETTER", "A6", "B5", ""];
const COLUMNS: &[&str] = &["1", "2", "3", "4", "0", "5", "-1", "2.5", "two", "", "999999999999"];
const COLORS: &[&str] = &["#000000", "#ffffff", "#0b5394", "#FFF", "#12345", "#gggggg", "red", "", "#1234567"];
const FORMATS: &[&str] = &["%d.%m.%Y", "%e %B %Y", "%A %-d %B", "%Q", "%", "%Y-%m-%d %H:%M", "", "%%", "%C%y", "%z", "%.3f", "%+", "%s", "{date}"];
const ORDERS: &[&str] = &["as-written", "newest-first", "oldest-first", "NEWEST-FIRST", "newest", ""];
const BOOLS: &[&str] = &["true", "false", "yes", "no", "TRUE", "1", ""];
const STARTS: &[&str] = &["flow", "new-column", "new-page", "page", ""];
const TEMPLATES: &[&str] =
    &["{page}", "{page} / {pages}", "{title} — {date}", "{title}", "{pag}", "{", "}", "{}", "{{page}}", "", "Page {page} of {pages}, {title}, {date}"];
const FAMILIES: &[&str] = &["Noto Serif", "Noto Sans", "noto serif", "Noto Sarif", "Comic Sans", ""];
const FONT_FILES: &[&str] = &["../../fonts/NotoSans-Regular.ttf", "../../fonts/NotoSerif-Italic.ttf", "rgb.png", "missing.ttf", ".", ""];
const KEEP: &[&str] = &["1", "2", "3", "5", "0", "6", "x"];
const WIDTHS: &[&str] = &["column", "full", "FULL", "half", ""];
const URLS: &[&str] = &["https://www.unodc.org/", "http://example.org/a?b=c&d=e#f", "mailto:a@example.org", "ftp://x", "", "www.example.org", "https://"];

/// A brochure as the format has it. Its `Debug` form is the YAML text, so
/// that `cargo fuzz fmt structured <artifact>` prints the source to keep.
///
/// The items and the theme come first: when the fuzzer's bytes run out, the
/// fields after them are left out, and a brochure without items cannot build.
#[derive(Arbitrary)]
struct Brochure {
    title: Value,
    items: Items,
    theme: Option<Theme>,
    subtitle: Option<Value>,
    publisher: Option<Value>,
    date: Option<Choice>,
    language: Option<Choice>,
    intro: Option<Value>,
    cover: Option<Image>,
    closing: Option<Value>,
    /// An unknown field, now and then.
    extra: Option<(u8, Value)>,
}

/// One to six items, rarely none.
#[derive(Debug)]
struct Items(Vec<Item>);

impl<'a> Arbitrary<'a> for Items {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        // `ratio` is true when the bytes have run out: items by default.
        if !u.ratio(31u8, 32u8)? {
            return Ok(Items(Vec::new()));
        }
        let n = u.int_in_range(1..=6u8)?;
        (0..n).map(|_| Item::arbitrary(u)).collect::<Result<_>>().map(Items)
    }
}

#[derive(Debug, Arbitrary)]
struct Item {
    title: Value,
    date: Option<Choice>,
    location: Option<Value>,
    language: Option<Choice>,
    image: Option<Image>,
    summary: Option<Value>,
    body: Body,
    links: Vec<(Value, Choice)>,
    tags: Vec<Value>,
}

#[derive(Debug, Arbitrary)]
enum Body {
    One(Value),
    Blocks(Vec<BodyBlock>),
}

#[derive(Debug, Arbitrary)]
enum BodyBlock {
    Paragraph(Value),
    Paragraph2(Value),
    Quote {
        quote: Value,
        by: Option<Value>,
    },
    Heading(Value),
    Image(Image),
    List(Vec<Value>),
    /// A block with a wrong shape (two kinds, `by` on a heading, a list of lists, …).
    Odd(u8, Value),
}

#[derive(Debug, Arbitrary)]
enum Image {
    Path(Choice),
    Full { src: Choice, credit: Option<Value>, caption: Option<Value>, alt: Option<Value>, width: Option<Choice> },
}

#[derive(Debug, Arbitrary)]
enum Page {
    Named(Choice),
    Size(Choice, Choice),
}

#[derive(Debug, Arbitrary)]
enum Margins {
    All(Choice),
    Sides(Option<Choice>, Option<Choice>, Option<Choice>, Option<Choice>),
}

#[derive(Debug, Arbitrary)]
enum Font {
    Family(Choice),
    Files(Choice, Option<Choice>, Option<Choice>, Option<Choice>),
}

#[derive(Debug, Arbitrary)]
struct Theme {
    page: Option<Page>,
    margins: Option<Margins>,
    columns: Option<Choice>,
    gutter: Option<Choice>,
    base_size: Option<Choice>,
    fonts: Option<(Option<Font>, Option<Font>)>,
    colors: Option<(Option<Choice>, Option<Choice>, Option<Choice>)>,
    date_format: Option<Choice>,
    order: Option<Choice>,
    toc: Option<Choice>,
    item_start: Option<Choice>,
    header: Option<Choice>,
    footer: Option<Choice>,
    bleed: Option<Choice>,
    crop_marks: Option<Choice>,
    keep_lines: Option<Choice>,
}

/// Builds YAML text line by line.
struct Out(String);

impl Out {
    fn field(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.0, "{}{key}: {value}", " ".repeat(indent));
    }
    /// `key:` alone on its line, a nested block follows.
    fn open(&mut self, indent: usize, key: &str) {
        let _ = writeln!(self.0, "{}{key}:", " ".repeat(indent));
    }
}

impl std::fmt::Debug for Brochure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_yaml())
    }
}

impl Brochure {
    fn to_yaml(&self) -> String {
        let mut o = Out(String::new());
        o.field(0, "title", &self.title.yaml(0));
        for (k, v) in [("subtitle", &self.subtitle), ("publisher", &self.publisher), ("intro", &self.intro)] {
            if let Some(v) = v {
                o.field(0, k, &v.yaml(0));
            }
        }
        if let Some(d) = &self.date {
            o.field(0, "date", &d.yaml(DATES, 0));
        }
        if let Some(l) = &self.language {
            o.field(0, "language", &l.yaml(LANGUAGES, 0));
        }
        if let Some(c) = &self.cover {
            o.open(0, "cover");
            c.write(&mut o, 2, "image");
        }
        if self.items.0.is_empty() {
            o.field(0, "items", "[]");
        } else {
            o.open(0, "items");
            for it in &self.items.0 {
                it.write(&mut o);
            }
        }
        if let Some(v) = &self.closing {
            o.field(0, "closing", &v.yaml(0));
        }
        if let Some(t) = &self.theme {
            t.write(&mut o);
        }
        if let Some((k, v)) = &self.extra {
            o.field(0, pick(&["titel", "item", "them", "cover_image", "x"], *k), &v.yaml(0));
        }
        o.0
    }
}

impl Image {
    fn write(&self, o: &mut Out, indent: usize, key: &str) {
        match self {
            Image::Path(p) => o.field(indent, key, &p.yaml(IMAGES, indent)),
            Image::Full { src, credit, caption, alt, width } => {
                o.open(indent, key);
                let i = indent + 2;
                o.field(i, "src", &src.yaml(IMAGES, i));
                for (k, v) in [("credit", credit), ("caption", caption), ("alt", alt)] {
                    if let Some(v) = v {
                        o.field(i, k, &v.yaml(i));
                    }
                }
                if let Some(w) = width {
                    o.field(i, "width", &w.yaml(WIDTHS, i));
                }
            }
        }
    }
}

impl Item {
    fn write(&self, o: &mut Out) {
        // `  - title: …`, then the other fields at indent 4.
        let _ = writeln!(o.0, "  - title: {}", self.title.yaml(4));
        let i = 4;
        if let Some(d) = &self.date {
            o.field(i, "date", &d.yaml(DATES, i));
        }
        if let Some(l) = &self.location {
            o.field(i, "location", &l.yaml(i));
        }
        if let Some(l) = &self.language {
            o.field(i, "language", &l.yaml(LANGUAGES, i));
        }
        if let Some(img) = &self.image {
            img.write(o, i, "image");
        }
        if let Some(s) = &self.summary {
            o.field(i, "summary", &s.yaml(i));
        }
        match &self.body {
            Body::One(v) => o.field(i, "body", &v.yaml(i)),
            Body::Blocks(blocks) if blocks.is_empty() => o.field(i, "body", "[]"),
            Body::Blocks(blocks) => {
                o.open(i, "body");
                for b in blocks {
                    b.write(o, i + 2);
                }
            }
        }
        if !self.links.is_empty() {
            o.open(i, "links");
            for (text, url) in &self.links {
                let _ = writeln!(o.0, "{}- text: {}", " ".repeat(i + 2), text.yaml(i + 4));
                o.field(i + 4, "url", &url.yaml(URLS, i + 4));
            }
        }
        if !self.tags.is_empty() {
            o.open(i, "tags");
            for t in &self.tags {
                let _ = writeln!(o.0, "{}- {}", " ".repeat(i + 2), t.yaml(i + 2));
            }
        }
    }
}

impl BodyBlock {
    /// Writes the block as a list entry at `indent` (the `- ` column).
    fn write(&self, o: &mut Out, indent: usize) {
        let pad = " ".repeat(indent);
        let inner = indent + 2;
        match self {
            BodyBlock::Paragraph(v) | BodyBlock::Paragraph2(v) => {
                let _ = writeln!(o.0, "{pad}- {}", v.yaml(inner));
            }
            BodyBlock::Quote { quote, by } => {
                let _ = writeln!(o.0, "{pad}- quote: {}", quote.yaml(inner));
                if let Some(by) = by {
                    o.field(inner, "by", &by.yaml(inner));
                }
            }
            BodyBlock::Heading(v) => {
                let _ = writeln!(o.0, "{pad}- heading: {}", v.yaml(inner));
            }
            BodyBlock::Image(img) => {
                let _ = write!(o.0, "{pad}- ");
                let mut sub = Out(String::new());
                img.write(&mut sub, inner, "image");
                // The first line's indent is taken by `- `.
                o.0.push_str(sub.0.trim_start());
            }
            BodyBlock::List(entries) if entries.is_empty() => {
                let _ = writeln!(o.0, "{pad}- list: []");
            }
            BodyBlock::List(entries) => {
                let _ = writeln!(o.0, "{pad}- list:");
                for e in entries {
                    let _ = writeln!(o.0, "{}- {}", " ".repeat(inner + 2), e.yaml(inner + 4));
                }
            }
            BodyBlock::Odd(k, v) => {
                let v = v.yaml(inner);
                let text = match k % 6 {
                    0 => format!("{pad}- heading: {v}\n{pad}  by: {v}\n"),
                    1 => format!("{pad}- quote: {v}\n{pad}  heading: {v}\n"),
                    2 => format!("{pad}- - {v}\n"),
                    3 => format!("{pad}- by: {v}\n"),
                    4 => format!("{pad}- list: {v}\n"),
                    _ => format!("{pad}- caption: {v}\n"),
                };
                o.0.push_str(&text);
            }
        }
    }
}

impl Font {
    fn write(&self, o: &mut Out, indent: usize, key: &str) {
        match self {
            Font::Family(c) => o.field(indent, key, &c.yaml(FAMILIES, indent)),
            Font::Files(r, b, i, bi) => {
                o.open(indent, key);
                o.field(indent + 2, "regular", &r.yaml(FONT_FILES, indent + 2));
                for (k, v) in [("bold", b), ("italic", i), ("bold_italic", bi)] {
                    if let Some(v) = v {
                        o.field(indent + 2, k, &v.yaml(FONT_FILES, indent + 2));
                    }
                }
            }
        }
    }
}

impl Theme {
    fn write(&self, o: &mut Out) {
        o.open(0, "theme");
        let i = 2;
        match &self.page {
            None => {}
            Some(Page::Named(c)) => o.field(i, "page", &c.yaml(PAGES, i)),
            Some(Page::Size(w, h)) => {
                o.open(i, "page");
                o.field(i + 2, "width", &w.yaml(LENGTHS, i + 2));
                o.field(i + 2, "height", &h.yaml(LENGTHS, i + 2));
            }
        }
        match &self.margins {
            None => {}
            Some(Margins::All(c)) => o.field(i, "margins", &c.yaml(LENGTHS, i)),
            Some(Margins::Sides(t, b, inside, outside)) => {
                o.open(i, "margins");
                for (k, v) in [("top", t), ("bottom", b), ("inside", inside), ("outside", outside)] {
                    if let Some(v) = v {
                        o.field(i + 2, k, &v.yaml(LENGTHS, i + 2));
                    }
                }
            }
        }
        let simple: [(&str, &Option<Choice>, &[&str]); 12] = [
            ("columns", &self.columns, COLUMNS),
            ("gutter", &self.gutter, LENGTHS),
            ("base_size", &self.base_size, LENGTHS),
            ("date_format", &self.date_format, FORMATS),
            ("order", &self.order, ORDERS),
            ("toc", &self.toc, BOOLS),
            ("item_start", &self.item_start, STARTS),
            ("header", &self.header, TEMPLATES),
            ("footer", &self.footer, TEMPLATES),
            ("bleed", &self.bleed, LENGTHS),
            ("crop_marks", &self.crop_marks, BOOLS),
            ("keep_lines", &self.keep_lines, KEEP),
        ];
        for (k, v, known) in simple {
            if let Some(v) = v {
                o.field(i, k, &v.yaml(known, i));
            }
        }
        match &self.fonts {
            None => {}
            Some((None, None)) => o.field(i, "fonts", "{}"),
            Some((body, heading)) => {
                o.open(i, "fonts");
                if let Some(b) = body {
                    b.write(o, i + 2, "body");
                }
                if let Some(h) = heading {
                    h.write(o, i + 2, "heading");
                }
            }
        }
        if let Some((t, a, m)) = &self.colors {
            if t.is_none() && a.is_none() && m.is_none() {
                o.field(i, "colors", "{}");
            } else {
                o.open(i, "colors");
                for (k, v) in [("text", t), ("accent", a), ("muted", m)] {
                    if let Some(v) = v {
                        o.field(i + 2, k, &v.yaml(COLORS, i + 2));
                    }
                }
            }
        }
    }
}
