//! Diagnostic fixtures: one bad source per case in `tests/fixtures/errors/`,
//! each opening with the diagnostics it must produce, written as the
//! command prints them without the file name:
//!
//! ```yaml
//! # Free text saying what the case is about.
//! # 7:11: error: items[0].date: impossible date `2021-02-30` (February 2021 has 28 days)
//! #   = hint: check the day of the month
//! title: …
//! ```
//!
//! A diagnostic without a place is written `# error: path: message`. The
//! file must produce exactly the annotated diagnostics (compared in order of
//! place), hints included, and no PDF.
//!
//! To see what a fixture produces, run its test: on a mismatch it prints the
//! actual diagnostics in the annotation format.

use std::path::{Path, PathBuf};

use brochure::diag::{Diagnostic, Severity};
use brochure::{Error, Options};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors")
}

/// One expected or actual diagnostic, as text: the headline without the
/// file name, then its hints.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    line: u32,
    col: u32,
    headline: String,
    hints: Vec<String>,
}

impl Expected {
    fn annotation(&self) -> String {
        let mut s = format!("# {}", self.headline);
        for h in &self.hints {
            s.push_str(&format!("\n#   = hint: {h}"));
        }
        s
    }
}

/// Reads the annotations at the top of a fixture. Comment lines that are
/// neither a diagnostic nor a hint are the case's description.
fn annotations(source: &str, file: &str) -> Vec<Expected> {
    let mut out: Vec<Expected> = Vec::new();
    for line in source.lines() {
        let Some(comment) = line.strip_prefix('#') else { break };
        let comment = comment.strip_prefix(' ').unwrap_or(comment);
        if let Some(hint) = comment.strip_prefix("  = hint: ") {
            let last = out.last_mut().unwrap_or_else(|| panic!("{file}: a hint before any diagnostic: {line}"));
            last.hints.push(hint.to_string());
            continue;
        }
        // `L:C: error: …`, or `error: …` for a diagnostic without a place.
        let (place, rest) = match comment.split_once(": ") {
            Some((place, rest)) if place.split(':').count() == 2 && place.split(':').all(|n| n.parse::<u32>().is_ok()) => (Some(place), rest),
            _ => (None, comment),
        };
        if !(rest.starts_with("error: ") || rest.starts_with("warning: ")) {
            assert!(place.is_none(), "{file}: a place without `error:` or `warning:`: {line}");
            continue; // description
        }
        let (l, c) = place.map_or((0, 0), |p| {
            let (l, c) = p.split_once(':').unwrap();
            (l.parse().unwrap(), c.parse().unwrap())
        });
        out.push(Expected { line: l, col: c, headline: comment.to_string(), hints: Vec::new() });
    }
    out
}

fn actual(diags: &[Diagnostic]) -> Vec<Expected> {
    diags
        .iter()
        .map(|d| {
            // The headline for file `F` starts `F:` or `F: `; drop the name.
            let headline = d.headline("F");
            let headline = headline.strip_prefix("F:").unwrap().trim_start().to_string();
            let (line, col) = d.span.map_or((0, 0), |s| (s.line, s.col));
            Expected { line, col, headline, hints: d.hints.clone() }
        })
        .collect()
}

fn diagnostics_of(file: &str) -> (String, Vec<Diagnostic>) {
    let path = fixtures_dir().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8(bytes.clone()).unwrap();
    match brochure::compile_bytes(&bytes, &fixtures_dir(), &Options::default()) {
        Ok(out) => panic!("{file} built a PDF ({} pages); warnings: {:?}", out.pages, out.warnings),
        Err(Error::Source(diags)) => (text, diags),
        Err(e) => panic!("{file}: expected source errors, got {e}"),
    }
}

fn check_fixture(file: &str) {
    let (text, diags) = diagnostics_of(file);
    let mut want = annotations(&text, file);
    assert!(!want.is_empty(), "{file} has no `# L:C: error: …` annotation");
    let mut got = actual(&diags);
    // In order of place; diagnostics at one place in order of text.
    want.sort();
    got.sort();
    let show = |v: &[Expected]| v.iter().map(Expected::annotation).collect::<Vec<_>>().join("\n");
    assert!(want == got, "{file}: diagnostics differ\n--- expected\n{}\n--- actual\n{}\n", show(&want), show(&got));
    assert!(diags.iter().any(Diagnostic::is_error));
}

macro_rules! fixtures {
    ($($(#[$meta:meta])* $name:ident => $file:literal,)*) => {
        $(
            #[test]
            $(#[$meta])*
            fn $name() {
                check_fixture($file);
            }
        )*
        /// Every fixture that has a test above.
        const FIXTURES: &[&str] = &[$($file),*];
    };
}

fixtures! {
    yaml_syntax_error => "yaml-syntax.yaml",
    unknown_top_level_field_suggests_the_right_one => "unknown-top-field.yaml",
    unknown_item_fields => "unknown-item-field.yaml",
    missing_brochure_title => "missing-title.yaml",
    missing_item_title => "missing-item-title.yaml",
    missing_body => "missing-body.yaml",
    items_not_a_list => "items-not-a-list.yaml",
    items_empty => "items-empty.yaml",
    impossible_date => "impossible-date.yaml",
    unknown_quote_style => "unknown-quote-style.yaml",
    style_without_quote => "style-without-quote.yaml",
    malformed_dates => "malformed-date.yaml",
    bad_length_in_gutter => "bad-gutter.yaml",
    columns_out_of_range => "columns-out-of-range.yaml",
    unknown_page_size => "unknown-page-size.yaml",
    bad_colour => "bad-colour.yaml",
    unknown_order => "unknown-order.yaml",
    missing_image_file => "missing-image.yaml",
    image_file_that_is_not_an_image => "not-an-image.yaml",
    duplicate_key => "duplicate-key.yaml",
    anchors_and_aliases_are_refused => "anchors.yaml",
    block_of_two_kinds => "two-kinds.yaml",
    by_without_quote => "by-without-quote.yaml",
    several_errors_in_one_run => "several-errors.yaml",
    several_value_errors_in_one_run => "several-theme-errors.yaml",
    errors_of_every_stage_in_one_run => "errors-in-every-stage.yaml",
    font_cut_short => "font-cut-short.yaml",
    font_file_that_is_not_a_font => "not-a-font.yaml",
    chinese_without_a_font_that_has_it => "chinese-without-a-font.yaml",
    null_in_a_required_field => "null-required.yaml",
    tab_in_the_indentation => "tab-indent.yaml",
    quotes_inside_a_quoted_title => "nested-quotes.yaml",
    colon_in_a_body_text => "colon-in-body.yaml",
    colon_in_a_body_paragraph => "colon-in-paragraph.yaml",
    link_instead_of_url_and_a_bare_address => "link-instead-of-url.yaml",
    other_words_for_field_names => "field-synonyms.yaml",
    image_paths_with_backslashes_case_and_slips => "image-path-slips.yaml",
    missing_image_in_markdown => "markdown-image-missing.yaml",
}

#[test]
fn every_fixture_has_a_test() {
    let mut on_disk: Vec<String> =
        std::fs::read_dir(fixtures_dir()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".yaml")).collect();
    on_disk.sort();
    let mut tested: Vec<String> = FIXTURES.iter().map(|s| s.to_string()).collect();
    tested.sort();
    assert_eq!(on_disk, tested, "add new fixtures to the `fixtures!` list");
}

#[test]
fn annotations_are_read_as_written() {
    // The reader itself: a wrong reader would make every fixture vacuous.
    let src = "# About the case.\n# 3:5: error: items[0]: missing field `body`\n#   = hint: add `body: …` to an item\n# error: theme: no room\ntitle: x\n# 9:9: error: not an annotation (below the header)\n";
    let got = annotations(src, "t.yaml");
    assert_eq!(
        got,
        vec![
            Expected { line: 3, col: 5, headline: "3:5: error: items[0]: missing field `body`".into(), hints: vec!["add `body: …` to an item".into()] },
            Expected { line: 0, col: 0, headline: "error: theme: no room".into(), hints: vec![] },
        ]
    );
}

/// House style for messages: lowercase, no final period, one line; hints
/// present for every error whose fix is not obvious from the message.
#[test]
fn messages_follow_the_house_style() {
    for file in FIXTURES {
        let (_, diags) = diagnostics_of(file);
        for d in &diags {
            let m = &d.message;
            assert!(!m.contains('\n'), "{file}: message on several lines: {m:?}");
            assert!(!m.ends_with('.'), "{file}: message ends with a period: {m:?}");
            assert!(!m.starts_with(|c: char| c.is_uppercase()), "{file}: message starts with a capital: {m:?}");
            assert!(d.span.is_some(), "{file}: no line and column for {m:?}");
            for h in &d.hints {
                assert!(!h.contains('\n'), "{file}: hint on several lines: {h:?}");
            }
        }
    }
}

#[test]
fn rendered_report_shows_the_line_and_a_caret() {
    let (text, diags) = diagnostics_of("impossible-date.yaml");
    assert_eq!(
        diags[0].render("impossible-date.yaml", &text),
        "impossible-date.yaml:7:11: error: items[0].date: impossible date `2021-02-30` (February 2021 has 28 days)\n  |\n7 |     date: 2021-02-30\n  |           ^^^^^^^^^^\n  = hint: check the day of the month"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    let src = b"title: Caf\xe9 news\nitems:\n  - title: A\n    body: x\n";
    let Err(Error::Source(diags)) = brochure::compile_bytes(src, &fixtures_dir(), &Options::default()) else { panic!("built") };
    assert_eq!(actual(&diags)[0].headline, "1:11: error: the file is not UTF-8 text");
}

fn damaged_jpeg_diagnostics() -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    // A JPEG signature and header start, then nothing.
    std::fs::write(dir.path().join("broken.jpg"), b"\xff\xd8\xff\xe0\x00\x10JFIF").unwrap();
    let src = "title: Spring news\nitems:\n  - title: We moved\n    image: broken.jpg\n    body: Our office is now downtown.\n";
    match brochure::compile_str(src, dir.path(), &Options::default()) {
        Err(Error::Source(diags)) => diags,
        other => panic!("a damaged image built: {other:?}"),
    }
}

#[test]
fn damaged_image_is_an_error_at_its_path() {
    let diags = damaged_jpeg_diagnostics();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "items[0].image.src");
    assert_eq!(d.span.map(|s| (s.line, s.col)), Some((4, 12)));
    assert!(d.message.starts_with("failed to load image `broken.jpg` (the file is damaged"), "{}", d.message);
}

#[test]
fn damaged_image_message_is_one_plain_line() {
    let d = &damaged_jpeg_diagnostics()[0];
    assert!(!d.message.contains('\n'), "{:?}", d.message);
    assert!(d.message.ends_with(')'), "{:?}", d.message);
}

/// A source whose body font is the file `f.ttf` (the path at 5:16).
const FONT_SOURCE: &str =
    "title: T\ntheme:\n  fonts:\n    body:\n      regular: f.ttf\nitems:\n  - title: A\n    body: Some text, *some emphasis* and **more**.\n";

/// Builds `FONT_SOURCE` with `font` as `f.ttf`.
fn with_font(font: &[u8]) -> Result<brochure::Output, Error> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f.ttf"), font).unwrap();
    brochure::compile_str(FONT_SOURCE, dir.path(), &Options::default())
}

/// The one diagnostic a bad `f.ttf` must give: at the path in the source.
fn font_error(font: &[u8], what: &str) -> Diagnostic {
    match with_font(font) {
        Err(Error::Source(diags)) => {
            assert_eq!(diags.len(), 1, "{what}: {diags:?}");
            let d = diags[0].clone();
            assert_eq!((d.path.as_str(), d.span.map(|s| (s.line, s.col))), ("theme.fonts.body.regular", Some((5, 16))), "{what}: {d:?}");
            assert!(d.message.starts_with("failed to load font `f.ttf` ("), "{what}: {}", d.message);
            d
        }
        Ok(_) => panic!("{what}: built"),
        Err(e) => panic!("{what}: not a source error: {e}"),
    }
}

fn noto_sans() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSans-Regular.ttf")).unwrap()
}

#[test]
fn a_font_cut_short_anywhere_is_a_located_error() {
    let font = noto_sans();
    let n = font.len();
    for cut in [0, 3, 4, 11, 12, 40, 200, 1000, 5000, n / 8, n / 4, n / 2, 3 * n / 4, n - 5000, n - 100, n - 1] {
        font_error(&font[..cut], &format!("cut at {cut} of {n}"));
    }
}

/// The table directory of a font: (tag, position of the record).
fn table_records(font: &[u8]) -> Vec<([u8; 4], usize)> {
    let n = u16::from_be_bytes([font[4], font[5]]) as usize;
    (0..n).map(|i| 12 + 16 * i).map(|at| (font[at..at + 4].try_into().unwrap(), at)).collect()
}

/// The font with the table `tag` renamed, so that no reader finds it.
fn without_table(font: &[u8], tag: &[u8; 4]) -> Vec<u8> {
    let mut font = font.to_vec();
    let (_, at) = table_records(&font).into_iter().find(|(t, _)| t == tag).unwrap_or_else(|| panic!("no {tag:?} table"));
    font[at..at + 4].copy_from_slice(b"zzzz");
    font
}

#[test]
fn a_font_without_a_character_map_is_a_located_error() {
    let d = font_error(&without_table(&noto_sans(), b"cmap"), "no cmap");
    assert_eq!(d.message, "failed to load font `f.ttf` (the font has no Latin letters)");
}

#[test]
fn a_font_without_outlines_is_a_located_error() {
    let d = font_error(&without_table(&noto_sans(), b"glyf"), "no glyf");
    assert_eq!(d.message, "failed to load font `f.ttf` (the font has no glyph outlines)");
}

#[test]
fn a_font_file_that_is_not_a_font_is_a_located_error() {
    for (what, bytes) in [("empty", &b""[..]), ("text", b"hello"), ("a PNG", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), ("zeros", &[0; 4096])] {
        font_error(bytes, what);
    }
}

#[test]
fn a_huge_font_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse file: large on paper, nothing on disk.
    let f = std::fs::File::create(dir.path().join("f.ttf")).unwrap();
    f.set_len(brochure::resolve::MAX_FONT_BYTES + 1).unwrap();
    let Err(Error::Source(diags)) = brochure::compile_str(FONT_SOURCE, dir.path(), &Options::default()) else { panic!("built") };
    assert_eq!(actual(&diags)[0].headline, "5:16: error: theme.fonts.body.regular: failed to load font `f.ttf` (the file is larger than 32 MB)");
}

#[test]
fn a_folder_named_as_a_font_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("f.ttf")).unwrap();
    let Err(Error::Source(diags)) = brochure::compile_str(FONT_SOURCE, dir.path(), &Options::default()) else { panic!("built") };
    assert_eq!(actual(&diags)[0].headline, "5:16: error: theme.fonts.body.regular: failed to load font `f.ttf` (it is a folder)");
}

#[test]
fn the_bundled_fonts_pass_the_font_file_checks() {
    // The checks must not refuse a good font given as a file.
    let out = with_font(&noto_sans()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(out.pages, 1);
}

#[test]
fn a_source_over_the_size_limit_is_refused_at_the_place_it_passes_it() {
    // 64 MiB and one byte of comment lines of 16 bytes: the limit falls on
    // the first byte of line 4,194,305.
    let line = b"# fifteen chars\n";
    let mut src = line.repeat(brochure::MAX_SOURCE_BYTES / line.len());
    src.push(b'x');
    let Err(Error::Source(diags)) = brochure::compile_bytes(&src, &fixtures_dir(), &Options::default()) else { panic!("built") };
    assert_eq!(actual(&diags)[0].headline, "4194305:1: error: the file is too large (more than 64 MB)");
    // One byte less is parsed (and has no items).
    src.pop();
    let Err(Error::Source(diags)) = brochure::compile_bytes(&src, &fixtures_dir(), &Options::default()) else { panic!("built") };
    assert!(!diags[0].message.contains("too large"), "{diags:?}");
}

/// `font` as a collection of two faces that share its tables (a `.ttc`
/// header before the font, every table offset moved past it).
fn as_collection(font: &[u8]) -> Vec<u8> {
    const HEAD: usize = 20;
    let mut out = Vec::with_capacity(font.len() + HEAD);
    out.extend_from_slice(b"ttcf\x00\x01\x00\x00\x00\x00\x00\x02");
    out.extend_from_slice(&(HEAD as u32).to_be_bytes());
    out.extend_from_slice(&(HEAD as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(font);
    for (_, at) in table_records(font) {
        let at = start + at + 8;
        let offset = u32::from_be_bytes(out[at..at + 4].try_into().unwrap()) + HEAD as u32;
        out[at..at + 4].copy_from_slice(&offset.to_be_bytes());
    }
    out
}

#[test]
fn a_face_of_a_collection_is_chosen_with_a_hash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f.ttc"), as_collection(&noto_sans())).unwrap();
    std::fs::write(dir.path().join("f.ttf"), noto_sans()).unwrap();
    for face in ["f.ttc", "f.ttc#0", "f.ttc#1"] {
        let src = FONT_SOURCE.replace("f.ttf", face);
        let out = brochure::compile_str(&src, dir.path(), &Options::default()).unwrap_or_else(|e| panic!("{face}: {e:?}"));
        assert_eq!(out.pages, 1, "{face}");
    }
    let headline = |face: &str| {
        let Err(Error::Source(diags)) = brochure::compile_str(&FONT_SOURCE.replace("f.ttf", face), dir.path(), &Options::default()) else {
            panic!("{face} built")
        };
        actual(&diags)[0].headline.clone()
    };
    assert_eq!(
        headline("f.ttc#2"),
        "5:16: error: theme.fonts.body.regular: failed to load font `f.ttc` (the collection has 2 faces, `#0` to `#1`; there is no `#2`)"
    );
    assert_eq!(
        headline("f.ttf#1"),
        "5:16: error: theme.fonts.body.regular: failed to load font `f.ttf` (the file is one font, not a collection: there is no face `#1`)"
    );
}
