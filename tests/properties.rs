//! Properties of the whole pipeline on random input (proptest):
//!
//! - text in, text out: a random paragraph — Latin, Greek and Cyrillic
//!   words, punctuation, digits, combining marks, soft hyphens, no-break and
//!   zero-width spaces, now and then a very long token — set as an item's
//!   body comes back out of the PDF with the same letters and digits, in the
//!   same order;
//! - any valid theme (page size, 1–4 columns, margins, gutter, body size,
//!   bleed, …) builds, and every glyph of every page is on the page.
//!
//! The case counts are small so that the file runs in seconds in CI; raise
//! them with `PROPTEST_CASES=1000 cargo test --release --test properties`.

mod common;

use std::path::{Path, PathBuf};

use brochure::{Options, Output};
use lopdf::Document;
use proptest::prelude::*;
use proptest::test_runner::Config;

use common::normalise;

/// Cases per property unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 24;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(CASES);
    Config { cases, ..Config::default() }
}

fn showcase_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/showcase")
}

/// A build that failed, as a test failure that shows the diagnostics.
fn failure(src: &str, e: brochure::Error) -> TestCaseError {
    match e {
        brochure::Error::Source(diags) => {
            let report: Vec<String> = diags.iter().map(|d| d.render("brochure.yaml", src)).collect();
            TestCaseError::fail(format!("the source does not build:\n{}\n\nsource:\n{src}", report.join("\n")))
        }
        e => TestCaseError::fail(format!("the brochure does not render: {e}\n\nsource:\n{src}")),
    }
}

/// Builds `src`; any error is a failure.
fn build(src: &str, base: &Path) -> Result<Output, TestCaseError> {
    brochure::compile_str(src, base, &Options::default()).map_err(|e| failure(src, e))
}

/// `s` as a YAML double-quoted scalar: any text survives.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Text in, text out

const LATIN: &[&str] = &[
    "the", "border", "posts", "equipment", "internationalisation", "telecommunications", "counterterrorism",
    "décontamination", "coopération", "frontière", "œuvre", "Straße", "Übergangsbestimmungen", "naïve", "façade",
    "Zürich", "España", "año", "São", "Łódź", "Dvořák", "İstanbul", "fjord", "office", "affluent", "UNODC",
];
const GREEK: &[&str] =
    &["Ελλάδα", "συνεργασία", "λόγος", "ανθρώπινα", "δικαιώματα", "σύνορα", "Αθήνα", "ΟΗΕ", "ψυχή", "ζωή", "ΣΟΦΙΑ"];
const CYRILLIC: &[&str] = &[
    "сотрудничество", "граница", "Россия", "Україна", "ёлка", "Ёж", "безопасность", "международный", "їжак", "ЮНОДК",
    "щука", "Београд",
];
const PUNCT: &[&str] = &[".", ",", ";", ":", "!", "?", "'", "\"", "(", ")", "-", "--", "---", "–", "—", "…", "«", "»", "„", "“", "”", "/", "%"];
const MARKS: &[char] = &['\u{301}', '\u{300}', '\u{308}', '\u{327}', '\u{303}', '\u{30C}', '\u{323}'];

/// One piece of a paragraph.
#[derive(Debug, Clone)]
enum Piece {
    /// A word, with optional combining marks after some letters and soft
    /// hyphens or zero-width spaces inside.
    Word { word: String },
    /// Punctuation glued to what precedes it.
    Punct(&'static str),
    /// A number.
    Digits(u32),
    /// A very long token: letters of one script, no break opportunity.
    Long(String),
}

/// What separates two pieces.
#[derive(Debug, Clone, Copy)]
enum Gap {
    Space,
    NoBreak,
    ZeroWidth,
    Glued,
}

fn word() -> impl Strategy<Value = String> {
    let base = prop_oneof![
        4 => proptest::sample::select(LATIN),
        2 => proptest::sample::select(GREEK),
        2 => proptest::sample::select(CYRILLIC),
    ];
    // After each letter, one time in 40 each: a combining mark, a soft
    // hyphen (not after the last letter), a zero-width space (idem).
    (base, proptest::collection::vec((0u8..40, 0usize..MARKS.len()), 0..40)).prop_map(|(w, extras)| {
        let mut out = String::new();
        let chars: Vec<char> = w.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            out.push(*c);
            let last = i + 1 == chars.len();
            match extras.get(i) {
                Some((0, m)) => out.push(MARKS[*m]),
                Some((1, _)) if !last => out.push('\u{AD}'),
                Some((2, _)) if !last => out.push('\u{200B}'),
                _ => {}
            }
        }
        out
    })
}

fn long_token() -> impl Strategy<Value = String> {
    let alphabet = prop_oneof![
        Just("abcdefghijklmnopqrstuvwxyz"),
        Just("αβγδεζηθικλμνξοπρστυφχψω"),
        Just("абвгдеёжзийклмнопрстуфхцчшщыэюя"),
        Just("0123456789"),
    ];
    (alphabet, 40usize..300, any::<u64>()).prop_map(|(a, len, seed)| {
        let letters: Vec<char> = a.chars().collect();
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                // xorshift: a cheap, deterministic spread of letters.
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                letters[(x % letters.len() as u64) as usize]
            })
            .collect()
    })
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        20 => word().prop_map(|word| Piece::Word { word }),
        4 => proptest::sample::select(PUNCT).prop_map(Piece::Punct),
        2 => any::<u32>().prop_map(Piece::Digits),
        1 => long_token().prop_map(Piece::Long),
    ]
}

fn gap() -> impl Strategy<Value = Gap> {
    prop_oneof![16 => Just(Gap::Space), 2 => Just(Gap::NoBreak), 1 => Just(Gap::ZeroWidth), 1 => Just(Gap::Glued)]
}

/// A paragraph: starts with a word (so that it is never read as a Markdown
/// list or heading), then pieces with gaps.
fn paragraph() -> impl Strategy<Value = String> {
    (word(), proptest::collection::vec((gap(), piece()), 0..120)).prop_map(|(first, rest)| {
        let mut s = first;
        for (g, p) in rest {
            let glue = matches!(p, Piece::Punct(_));
            if !glue {
                s.push_str(match g {
                    Gap::Space => " ",
                    Gap::NoBreak => "\u{A0}",
                    Gap::ZeroWidth => "\u{200B}",
                    Gap::Glued => "",
                });
            }
            match p {
                Piece::Word { word } => s.push_str(&word),
                Piece::Punct(t) => s.push_str(t),
                Piece::Digits(n) => s.push_str(&n.to_string()),
                Piece::Long(t) => s.push_str(&t),
            }
        }
        s
    })
}

/// A one-item brochure whose body is `paragraph`; no footer, so that the
/// page holds only the title block, the item's title and the paragraph.
fn text_source(paragraph: &str, language: &str, columns: u32) -> String {
    format!(
        "title: Fuzz\nlanguage: {language}\nitems:\n  - title: Item\n    body: {}\ntheme:\n  columns: {columns}\n  footer: \"\"\n",
        yaml_quoted(paragraph)
    )
}

/// Where two strings first differ, with some text around it.
fn first_difference(a: &str, b: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let around = |s: &[char]| s[at.saturating_sub(30)..(at + 30).min(s.len())].iter().collect::<String>();
    format!("at letter {at}:\n  source: …{}…\n  pdf:    …{}…", around(&a), around(&b))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn paragraph_text_comes_out_as_it_went_in(
        para in paragraph(),
        language in proptest::sample::select(&["en", "fr", "de", "ru", "el"][..]),
        columns in 1u32..=3,
    ) {
        let src = text_source(&para, language, columns);
        let out = build(&src, &showcase_dir())?;
        let doc = Document::load_mem(&out.pdf).map_err(|e| TestCaseError::fail(format!("lopdf cannot read the PDF: {e}")))?;
        let pages = common::pages(&doc);
        prop_assert_eq!(pages.len(), out.pages);
        let mut got = String::new();
        for (k, page) in pages.iter().enumerate() {
            prop_assert!(!page.text.contains('\u{FFFD}'), "page {}: a glyph has no Unicode mapping: {:?}", k + 1, page.text);
            got.push_str(&normalise(&page.text));
        }
        let want = normalise(&format!("Fuzz Item {para}"));
        prop_assert!(got == want, "the PDF's text is not the source's, {}\nparagraph: {:?}", first_difference(&want, &got), para);
    }
}

// ---------------------------------------------------------------------------
// Themes

/// A theme with valid values only.
#[derive(Debug, Clone)]
struct ThemeCase {
    page: String,
    columns: u32,
    margins: String,
    gutter_mm: f32,
    base_pt: f32,
    bleed_mm: f32,
    crop_marks: bool,
    item_start: &'static str,
    keep_lines: u32,
    body_font: &'static str,
    toc: bool,
}

fn length_mm(lo: f32, hi: f32) -> impl Strategy<Value = f32> {
    // Whole tenths of a millimetre: the numbers read well in a failure.
    ((lo * 10.0) as u32..=(hi * 10.0) as u32).prop_map(|t| t as f32 / 10.0)
}

fn theme_case() -> impl Strategy<Value = ThemeCase> {
    let page = prop_oneof![
        5 => proptest::sample::select(&["A4", "A5", "A3", "Letter", "Legal"][..]).prop_map(str::to_string),
        2 => (length_mm(90.0, 450.0), length_mm(90.0, 600.0)).prop_map(|(w, h)| format!("{{width: {w}mm, height: {h}mm}}")),
    ];
    let margins = prop_oneof![
        length_mm(3.0, 30.0).prop_map(|m| format!("{m}mm")),
        (length_mm(3.0, 30.0), length_mm(3.0, 30.0), length_mm(3.0, 30.0), length_mm(3.0, 30.0))
            .prop_map(|(t, b, i, o)| format!("{{top: {t}mm, bottom: {b}mm, inside: {i}mm, outside: {o}mm}}")),
    ];
    (
        (page, 1u32..=4, margins, length_mm(0.0, 12.0), (12u32..=28).prop_map(|h| h as f32 / 2.0)),
        (
            length_mm(0.0, 5.0),
            any::<bool>(),
            proptest::sample::select(&["flow", "new-column", "new-page"][..]),
            1u32..=5,
            proptest::sample::select(&["Noto Serif", "Noto Sans"][..]),
            any::<bool>(),
        ),
    )
        .prop_map(|((page, columns, margins, gutter_mm, base_pt), (bleed_mm, crop_marks, item_start, keep_lines, body_font, toc))| ThemeCase {
            page,
            columns,
            margins,
            gutter_mm,
            base_pt,
            bleed_mm,
            crop_marks,
            item_start,
            keep_lines,
            body_font,
            toc,
        })
}

/// A brochure using every block kind, long words, a wide figure and several
/// items, under the theme `t`.
fn theme_source(t: &ThemeCase) -> String {
    format!(
        r#"title: Theme test
subtitle: Every block kind under a random theme
date: 2021-04-15
intro: |
  An introduction with **bold** and *italic* words and a [link](https://example.org/).
cover:
  image: images/harbour-grey.jpg
items:
  - title: Training of border officers in three sessions
    date: 2021-04-02
    location: Tunis, Tunisia
    image:
      src: images/harbour-grey.jpg
      credit: © UNODC
      caption: A greyscale JPEG.
      alt: A harbour at dawn
    summary: Three sessions brought *fifty* officers together.
    body:
      - Participants worked on risk analysis, the detection of fraudulent documents and cooperation between services. "We learned to work together", said a participant. Internationalisation, telecommunications and counterterrorism are long words.
      - heading: Programme of the sessions
      - list:
          - Risk analysis and profiling
          - Detection of **fraudulent documents**
          - "[Inter-agency cooperation](https://www.unodc.org/)"
      - quote: We learned to work together, beyond our services.
        by: A participant, customs officer
      - image:
          src: images/hills-cmyk.jpg
          credit: Image © UNODC
          caption: A CMYK JPEG across the full width.
          alt: Green hills
          width: full
      - Supercalifragilisticexpialidocioussupercalifragilisticexpialidocious is a word wider than a narrow column.
    links:
      - text: The regional office
        url: https://www.unodc.org/romena/
    tags: [Tunisia, Borders]
  - title: An emblem with transparency
    date: 2021-03-20
    body:
      - image:
          src: images/emblem.png
          caption: A palette PNG.
          alt: A round emblem
      - Ελληνικά και русский текст в одной колонке, with English words between them.
  - title: Ministerial meeting
    date: 2021-02-11
    body: The ministers adopted a common roadmap for the next three years, with exchanges of information, joint training and a yearly review.
  - title: A fourth item
    body: Four items make a table of contents by default.
closing: Read all our news [on our site](https://www.unodc.org/).
theme:
  page: {page}
  columns: {columns}
  margins: {margins}
  gutter: {gutter}mm
  base_size: {base}pt
  bleed: {bleed}mm
  crop_marks: {crop}
  item_start: {start}
  keep_lines: {keep}
  fonts: {{body: {font}}}
  toc: {toc}
  header: "{{title}} — {{date}}"
  footer: "{{page}} / {{pages}}"
"#,
        page = t.page,
        columns = t.columns,
        margins = t.margins,
        gutter = t.gutter_mm,
        base = t.base_pt,
        bleed = t.bleed_mm,
        crop = t.crop_marks,
        start = t.item_start,
        keep = t.keep_lines,
        font = t.body_font,
        toc = t.toc,
    )
}

/// Slack for rounding, in points.
const EPS: f32 = 0.5;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_valid_theme_builds_and_keeps_text_on_the_page(t in theme_case()) {
        let src = theme_source(&t);
        let out = match brochure::compile_str(&src, &showcase_dir(), &Options::default()) {
            Ok(out) => out,
            // Margins, gutter and columns may leave columns too narrow for
            // the body size: that is reported, and not what this tests.
            Err(brochure::Error::Source(d)) if d.iter().filter(|d| d.is_error()).all(|d| d.message.starts_with("the page leaves no room for text")) => {
                return Err(TestCaseError::reject("no room for text"));
            }
            Err(e) => return Err(failure(&src, e)),
        };
        let doc = Document::load_mem(&out.pdf).map_err(|e| TestCaseError::fail(format!("lopdf cannot read the PDF: {e}")))?;
        prop_assert_eq!(doc.get_pages().len(), out.pages);
        let ids: Vec<_> = doc.page_iter().collect();
        for (k, page) in common::pages(&doc).iter().enumerate() {
            // The trim box is the page as cut; without bleed it is the media box.
            let b = common::page_box(&doc, ids[k], b"TrimBox").or_else(|| common::page_box(&doc, ids[k], b"MediaBox")).unwrap();
            for g in &page.glyphs {
                prop_assert!(
                    g.x0 >= b[0] - EPS && g.x1 <= b[2] + EPS && g.y >= b[1] - EPS && g.y + g.size * 0.7 <= b[3] + EPS,
                    "page {}: glyph {:?} at x {:.1}–{:.1}, baseline {:.1} (size {:.1}) is outside the page {:?}\ntheme: {:?}",
                    k + 1, g.text, g.x0, g.x1, g.y, g.size, b, t
                );
            }
        }
    }
}
