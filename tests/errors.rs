//! Errors for programs: what `Error` says when it is passed up, the
//! diagnostics' kinds and structured paths, and hints in the library's
//! terms (`Options::root`, not the command's `--root`).

use std::error::Error as _;
use std::path::Path;

use brochure::diag::{Diagnostic, Kind, Segment};
use brochure::{Error, Options};

fn problems(err: Error) -> Vec<Diagnostic> {
    match err {
        Error::Source(d) => d,
        e => panic!("not a source error: {e}"),
    }
}

#[test]
fn a_bad_date_names_its_field_line_and_column_when_passed_up() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("news.yaml");
    std::fs::write(&src, "title: Spring news\nitems:\n  - title: We moved\n    date: 2021-02-30\n    body: Our office is now downtown.\n").unwrap();
    let e = brochure::compile_file(&src, &Options::default()).unwrap_err();
    assert_eq!(e.to_string(), "the source has 1 error:\n  4:11: error: items[0].date: impossible date `2021-02-30` (February 2021 has 28 days)");
    // `main` returning it prints `Debug`: the same, with the hints.
    assert_eq!(format!("{e:?}"), format!("{e}\n  hints for items[0].date:\n    check the day of the month"));
    let first = e.source().unwrap().downcast_ref::<Diagnostic>().unwrap();
    assert_eq!(first.kind(), Kind::InvalidValue);
    assert_eq!((first.item(), first.field()), (Some(0), Some("date")));
    assert_eq!(first.segments(), [Segment::Field("items".into()), Segment::Index(0), Segment::Field("date".into())]);
    assert!(first.source().is_none());
}

#[test]
fn every_problem_is_listed_errors_and_warnings_alike() {
    // Two errors, and a warning that a build without them would print.
    let src =
        "title: News\ncolour: red\nitems:\n  - title: A\n    image: { src: missing.jpg }\n    body: Text.\n  - title: B\n    date: 2021-3-1\n    body: Text.\n";
    let e = brochure::compile_str(src, Path::new("."), &Options::default()).unwrap_err();
    let text = e.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("the source has {} errors:", lines.len() - 1), "{text}");
    assert_eq!(lines[1], "  2:1: error: colour: unknown field `colour`");
    assert!(lines[2].starts_with("  5:19: error: items[0].image.src: failed to load image `missing.jpg` (file not found)"), "{text}");
    assert!(lines[3].starts_with("  8:11: error: items[1].date: `2021-3-1` is not a date"), "{text}");
    let kinds: Vec<Kind> = problems(e).iter().map(Diagnostic::kind).collect();
    assert_eq!(kinds, [Kind::UnknownField, Kind::File, Kind::InvalidValue]);
}

#[test]
fn warnings_are_counted_apart() {
    // Asked for PDF/UA-1, an image without alt text is an error; the same
    // image too small to fill its column at 150 dpi is a warning.
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, 90])).save(dir.path().join("small.png")).unwrap();
    let src = "title: News\ndate: 2021-03-01\nitems:\n  - title: A\n    image: small.png\n    body: Text.\n";
    let opts = Options { standards: brochure::standard::Standards::Exactly(vec![brochure::standard::Standard::Ua1]), ..Options::default() };
    let e = brochure::compile_str(src, dir.path(), &opts).unwrap_err();
    let text = e.to_string();
    assert!(text.starts_with("the source has 1 error and 1 warning:\n  5:12: error: items[0].image: image `small.png` has no text alternative"), "{text}");
    assert!(text.contains("\n  5:12: warning: items[0].image: image `small.png` is set 7 mm wide, with the text beside it, instead of 84 mm "), "{text}");
    let kinds: Vec<Kind> = problems(e).iter().map(Diagnostic::kind).collect();
    assert_eq!(kinds, [Kind::Standard, Kind::Typesetting]);
}

#[test]
fn library_hints_name_options_not_flags() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("news")).unwrap();
    image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 60])).save(dir.path().join("shared.png")).unwrap();
    let src = "title: T\nitems:\n  - title: A\n    image: ../shared.png\n    body: Text.\n";
    let d = problems(brochure::compile_str(src, &dir.path().join("news"), &Options::default()).unwrap_err());
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].kind(), Kind::File);
    assert_eq!(
        d[0].hints,
        ["images and fonts are read only from the brochure's folder and the folders below it: move the file there, or widen the folder with `Options::root`"]
    );
    // With the option, it builds.
    let opts = Options { root: Some(dir.path().to_path_buf()), ..Options::default() };
    brochure::compile_str(src, &dir.path().join("news"), &opts).unwrap();
}

#[test]
fn the_kind_of_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    let expected: &[(&str, &[Kind])] = &[
        ("anchors.yaml", &[Kind::Syntax]),
        ("bad-colour.yaml", &[Kind::InvalidValue]),
        ("bad-gutter.yaml", &[Kind::InvalidValue]),
        ("by-without-quote.yaml", &[Kind::WrongShape]),
        ("columns-out-of-range.yaml", &[Kind::InvalidValue]),
        ("duplicate-key.yaml", &[Kind::Syntax]),
        ("font-cut-short.yaml", &[Kind::File]),
        ("impossible-date.yaml", &[Kind::InvalidValue]),
        ("items-empty.yaml", &[Kind::Missing]),
        ("items-not-a-list.yaml", &[Kind::WrongShape]),
        ("malformed-date.yaml", &[Kind::InvalidValue, Kind::InvalidValue]),
        ("missing-body.yaml", &[Kind::Missing]),
        ("missing-image.yaml", &[Kind::File]),
        ("missing-item-title.yaml", &[Kind::Missing]),
        ("missing-title.yaml", &[Kind::Missing]),
        ("not-a-font.yaml", &[Kind::File]),
        ("not-an-image.yaml", &[Kind::File]),
        ("two-kinds.yaml", &[Kind::WrongShape]),
        ("unknown-item-field.yaml", &[Kind::UnknownField, Kind::UnknownField]),
        ("unknown-order.yaml", &[Kind::InvalidValue]),
        ("unknown-page-size.yaml", &[Kind::InvalidValue]),
        ("unknown-top-field.yaml", &[Kind::UnknownField]),
        ("yaml-syntax.yaml", &[Kind::Syntax]),
        ("several-errors.yaml", &[Kind::UnknownField, Kind::UnknownField, Kind::Missing, Kind::Missing]),
        ("null-required.yaml", &[Kind::Missing, Kind::Missing]),
        ("tab-indent.yaml", &[Kind::Syntax]),
        ("nested-quotes.yaml", &[Kind::Syntax]),
        ("colon-in-body.yaml", &[Kind::Syntax]),
        ("colon-in-paragraph.yaml", &[Kind::Syntax]),
        ("link-instead-of-url.yaml", &[Kind::UnknownField, Kind::WrongShape]),
        ("field-synonyms.yaml", &[Kind::UnknownField, Kind::UnknownField, Kind::UnknownField, Kind::UnknownField]),
        ("image-path-slips.yaml", &[Kind::File, Kind::File, Kind::File, Kind::File]),
        ("markdown-image-missing.yaml", &[Kind::File]),
        ("several-theme-errors.yaml", &[Kind::InvalidValue, Kind::InvalidValue, Kind::InvalidValue]),
        ("errors-in-every-stage.yaml", &[Kind::InvalidValue, Kind::UnknownField]),
    ];
    let mut wrong = Vec::new();
    for (file, kinds) in expected {
        let d = problems(brochure::compile_file(dir.join(file), &Options::default()).unwrap_err());
        let got: Vec<Kind> = d.iter().filter(|d| d.is_error()).map(Diagnostic::kind).collect();
        if got != *kinds {
            wrong.push(format!("{file}: {got:?} for {:?}", d.iter().map(|d| d.message.as_str()).collect::<Vec<_>>()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
