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
//! The case counts are small and the seed fixed so that the file runs in
//! seconds in CI, the same cases every time; explore with, e.g.,
//! `PROPTEST_CASES=1000 PROPTEST_RNG_SEED=7 cargo test --release --test properties`.

mod common;

use std::path::{Path, PathBuf};

use brochure::{Options, Output};
use lopdf::Document;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

use common::normalise;

/// Cases per property unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 24;

/// The same cases on every run unless `PROPTEST_RNG_SEED` says otherwise, so
/// that CI is repeatable; explore with another seed and more cases.
const SEED: u64 = 0x6272_6f63_6875_7265;

fn config() -> Config {
    let set = |name: &str| std::env::var_os(name).is_some();
    let mut c = Config {
        // Failures found while exploring are kept here and tried first.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/properties.proptest-regressions"))),
        ..Config::default()
    };
    if !set("PROPTEST_CASES") {
        c.cases = CASES;
    }
    if !set("PROPTEST_RNG_SEED") {
        c.rng_seed = RngSeed::Fixed(SEED);
    }
    c
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
    "the",
    "border",
    "posts",
    "equipment",
    "internationalisation",
    "telecommunications",
    "counterterrorism",
    "décontamination",
    "coopération",
    "frontière",
    "œuvre",
    "Straße",
    "Übergangsbestimmungen",
    "naïve",
    "façade",
    "Zürich",
    "España",
    "año",
    "São",
    "Łódź",
    "Dvořák",
    "İstanbul",
    "fjord",
    "office",
    "affluent",
    "UNODC",
];
const GREEK: &[&str] = &["Ελλάδα", "συνεργασία", "λόγος", "ανθρώπινα", "δικαιώματα", "σύνορα", "Αθήνα", "ΟΗΕ", "ψυχή", "ζωή", "ΣΟΦΙΑ"];
const CYRILLIC: &[&str] =
    &["сотрудничество", "граница", "Россия", "Україна", "ёлка", "Ёж", "безопасность", "международный", "їжак", "ЮНОДК", "щука", "Београд"];
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
    let alphabet =
        prop_oneof![Just("abcdefghijklmnopqrstuvwxyz"), Just("αβγδεζηθικλμνξοπρστυφχψω"), Just("абвгдеёжзийклмнопрстуфхцчшщыэюя"), Just("0123456789"),];
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
    format!("title: Fuzz\nlanguage: {language}\nitems:\n  - title: Item\n    body: {}\ntheme:\n  columns: {columns}\n  footer: \"\"\n", yaml_quoted(paragraph))
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
    /// A cover image (which makes a cover page).
    cover: bool,
    /// A figure across all columns in the first item.
    wide_figure: bool,
}

fn length_mm(lo: f32, hi: f32) -> impl Strategy<Value = f32> {
    // Whole tenths of a millimetre: the numbers read well in a failure.
    ((lo * 10.0) as u32..=(hi * 10.0) as u32).prop_map(|t| t as f32 / 10.0)
}

/// A theme with valid values only, with or without a cover page and a wide
/// figure.
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
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(|((page, columns, margins, gutter_mm, base_pt), (bleed_mm, crop_marks, item_start, keep_lines, body_font, toc, cover, wide_figure))| {
            ThemeCase { page, columns, margins, gutter_mm, base_pt, bleed_mm, crop_marks, item_start, keep_lines, body_font, toc, cover, wide_figure }
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
{wide}      - Supercalifragilisticexpialidocioussupercalifragilisticexpialidocious is a word wider than a narrow column.
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
{cover}
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
        cover = if t.cover { "cover:\n  image: images/harbour-grey.jpg" } else { "" },
        wide = if t.wide_figure {
            "      - image:\n          src: images/hills-cmyk.jpg\n          credit: Image © UNODC\n          caption: A CMYK JPEG across the full width.\n          alt: Green hills\n          width: full\n"
        } else {
            ""
        },
    )
}

/// Slack for rounding, in points.
const EPS: f32 = 0.5;

/// Builds a theme case; `None` when the theme leaves no room for text
/// (margins, gutter and columns too wide for the body size), which is
/// reported to the author and not what these properties test.
fn build_theme(t: &ThemeCase) -> Result<Option<(Output, Document)>, TestCaseError> {
    let src = theme_source(t);
    let out = match brochure::compile_str(&src, &showcase_dir(), &Options::default()) {
        Ok(out) => out,
        Err(brochure::Error::Source(d)) if d.iter().filter(|d| d.is_error()).all(|d| d.message.starts_with("the page leaves no room for text")) => {
            return Ok(None);
        }
        Err(e) => return Err(failure(&src, e)),
    };
    let doc = Document::load_mem(&out.pdf).map_err(|e| TestCaseError::fail(format!("lopdf cannot read the PDF: {e}")))?;
    Ok(Some((out, doc)))
}

/// Everything drawn outside the page: glyphs outside the trim box (the page
/// as cut), images outside the bleed box (a cover image may run into the
/// bleed, nothing may run past it).
fn off_page(doc: &Document) -> Vec<String> {
    let mut found = Vec::new();
    let ids: Vec<_> = doc.page_iter().collect();
    for (k, page) in common::pages(doc).iter().enumerate() {
        let media = common::page_box(doc, ids[k], b"MediaBox").unwrap();
        let trim = common::page_box(doc, ids[k], b"TrimBox").unwrap_or(media);
        let bleed = common::page_box(doc, ids[k], b"BleedBox").unwrap_or(media);
        // Baseline and the height of a capital above it.
        let outside = |g: &common::PlacedGlyph| g.x0 < trim[0] - EPS || g.x1 > trim[2] + EPS || g.y < trim[1] - EPS || g.y + g.size * 0.7 > trim[3] + EPS;
        // Consecutive glyphs outside, reported as one piece of text.
        for run in page.glyphs.chunk_by(|a, b| outside(a) == outside(b)).filter(|run| outside(&run[0])) {
            let text: String = run.iter().map(|g| g.text.as_str()).collect();
            let (x0, x1) = (run.iter().map(|g| g.x0).fold(f32::MAX, f32::min), run.iter().map(|g| g.x1).fold(f32::MIN, f32::max));
            let (y0, y1) = (run.iter().map(|g| g.y).fold(f32::MAX, f32::min), run.iter().map(|g| g.y).fold(f32::MIN, f32::max));
            found.push(format!("page {}: text {text:?} at x {x0:.1}–{x1:.1}, baseline {y0:.1}–{y1:.1}; trim box {trim:?}", k + 1));
        }
        for im in &page.images {
            if im[0] < bleed[0] - EPS || im[2] > bleed[2] + EPS || im[1] < bleed[1] - EPS || im[3] > bleed[3] + EPS {
                found.push(format!("page {}: image at {im:?}, bleed box {bleed:?}", k + 1));
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_valid_theme_builds(t in theme_case()) {
        let Some((out, doc)) = build_theme(&t)? else { return Err(TestCaseError::reject("no room for text")) };
        prop_assert_eq!(doc.get_pages().len(), out.pages);
        for (k, page) in common::pages(&doc).iter().enumerate() {
            prop_assert!(!page.glyphs.is_empty() || !page.images.is_empty(), "page {} is blank\ntheme: {:?}", k + 1, t);
            prop_assert!(!page.text.contains('\u{FFFD}'), "page {}: a glyph has no Unicode mapping: {:?}", k + 1, page.text);
        }
    }

    #[test]
    fn any_valid_theme_keeps_everything_on_the_page(t in theme_case()) {
        let Some((_, doc)) = build_theme(&t)? else { return Err(TestCaseError::reject("no room for text")) };
        let off = off_page(&doc);
        prop_assert!(off.is_empty(), "drawn outside the page:\n{}\ntheme: {:?}", off.join("\n"), t);
    }
}

// ---------------------------------------------------------------------------
// Smallest inputs of the failures these properties found, and text cases
// beyond the bundled fonts' scripts

/// Builds `src` with the showcase's images and lists what is drawn outside
/// the page.
fn off_page_of(src: &str) -> Vec<String> {
    let out = brochure::compile_str(src, &showcase_dir(), &Options::default()).unwrap_or_else(|e| panic!("{}", failure(src, e)));
    off_page(&Document::load_mem(&out.pdf).unwrap())
}

#[test]
fn cover_text_stays_on_a_short_page() {
    let src = "title: Theme test\ndate: 2021-04-15\ncover:\n  image: images/harbour-grey.jpg\nitems:\n  - title: One\n    body: Text.\ntheme:\n  page: {width: 210mm, height: 120mm}\n";
    let off = off_page_of(src);
    assert!(off.is_empty(), "drawn outside the page:\n{}", off.join("\n"));
}

#[test]
fn figure_under_a_waiting_wide_figure_stays_on_the_page() {
    let src = r"title: A title long enough to take three lines across this short landscape page, which pushes the figure on
items:
  - title: Training of border officers in three sessions
    body:
      - image: {src: images/hills-cmyk.jpg, width: full}
  - title: An emblem with transparency
    body:
      - image: {src: images/emblem.png, caption: A palette PNG.}
theme:
  page: {width: 175mm, height: 110mm}
  margins: 4.5mm
";
    let off = off_page_of(src);
    assert!(off.is_empty(), "drawn outside the page:\n{}", off.join("\n"));
}

/// The text of every run of a layout, in order (no PDF involved).
fn layout_text(src: &str) -> (String, brochure::layout::Layout) {
    let (model, diags) = brochure::model::parse(src);
    let model = model.unwrap_or_else(|| panic!("{diags:?}"));
    let (doc, diags) = brochure::resolve::resolve(&model, &showcase_dir());
    let doc = doc.unwrap_or_else(|| panic!("{diags:?}"));
    let laid = brochure::layout::layout(&doc);
    let mut text = String::new();
    for page in &laid.pages {
        for (_, item) in &page.items {
            if let brochure::layout::Item::Text(run) = item {
                text.push_str(&run.text);
            }
        }
    }
    (text, laid)
}

#[test]
fn right_to_left_text_comes_out_as_it_went_in() {
    let body = "Peace: שלום and مرحبا, then back to English.";
    let (text, _) = layout_text(&text_source(body, "en", 2));
    assert_eq!(normalise(&text), normalise(&format!("Fuzz Item {body}")), "laid out: {text:?}");
}

#[test]
fn characters_no_font_has_are_reported() {
    let src = text_source("Emoji 😀, Chinese 中文 and Devanagari हिन्दी.", "en", 2);
    let (_, laid) = layout_text(&src);
    let boxes: Vec<String> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|(_, it)| if let brochure::layout::Item::Text(run) = it { Some(run) } else { None })
        .flat_map(|run| run.glyphs.iter().filter(|g| g.id == 0).map(|g| run.text[g.range()].to_string()))
        .collect();
    let out = brochure::compile_str(&src, &showcase_dir(), &Options::default()).unwrap();
    assert!(boxes.is_empty() || !out.warnings.is_empty(), "{boxes:?} are set as .notdef boxes and nothing says so");
}
