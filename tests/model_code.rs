//! A brochure built in code with the typed model: the reader's checks run
//! on it, images may be bytes, and the typed setters mean what the YAML
//! fields mean.

use std::path::Path;

use brochure::model::{Block, Brochure, Color, Image, Item, Length, Link, PageSize, Theme};
use chrono::NaiveDate;

fn refused(model: &Brochure) -> Vec<String> {
    match brochure::compile(model, Path::new("."), &Default::default()) {
        Err(brochure::Error::Source(problems)) => problems.iter().map(|d| d.to_string()).collect(),
        Ok(out) => panic!("built {} pages from a model that should be refused", out.pages),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn an_empty_model_is_refused() {
    assert_eq!(refused(&Brochure::default()), ["error: title: `title` is empty", "error: items: the brochure has no items"]);
}

#[test]
fn a_model_without_items_is_refused() {
    let problems = refused(&Brochure::new("Spring news"));
    assert_eq!(problems, ["error: items: the brochure has no items"]);
    let Err(brochure::Error::Source(d)) = brochure::compile(&Brochure::new("Spring news"), Path::new("."), &Default::default()) else { panic!() };
    assert_eq!(d[0].kind(), brochure::diag::Kind::Missing);
    assert_eq!(d[0].hints, ["add at least one item: `.item(Item::new(\"…\").paragraph(\"…\"))`"]);
}

#[test]
fn an_empty_title_or_body_is_refused() {
    let model = Brochure::new("  ").item(Item::new("We moved")).item(Item::new("").paragraph("Text."));
    assert_eq!(refused(&model), ["error: title: `title` is empty", "error: items[0].body: the body is empty", "error: items[1].title: `title` is empty"]);
}

#[test]
fn empty_blocks_links_and_images_are_refused() {
    let item = Item::new("News")
        .paragraph("")
        .heading(" ")
        .quote("", Some("Someone"))
        .list(Vec::<String>::new())
        .figure(Image::file(""))
        .link(Link::new("", "https://example.org"));
    assert_eq!(
        refused(&Brochure::new("T").item(item)),
        [
            "error: items[0].links[0].text: `text` is empty",
            "error: items[0].body[0]: the paragraph is empty",
            "error: items[0].body[1].heading: `heading` is empty",
            "error: items[0].body[2].quote: `quote` is empty",
            "error: items[0].body[3].list: the list is empty",
            "error: items[0].body[4].image.src: the image path is empty",
        ]
    );
}

#[test]
fn the_values_problems_are_told_with_the_checks() {
    // The checks and the later stage's problems in one run.
    let model = Brochure::new("").item(Item::new("News").paragraph("Text.")).theme(Theme::default().columns(7));
    assert_eq!(refused(&model), ["error: title: `title` is empty", "error: theme.columns: `7` is not a number of columns"]);
}

#[test]
fn a_parsed_source_passes_the_checks() {
    let src = std::fs::read_to_string("data/showcase/brochure.yaml").unwrap();
    let (model, diags) = brochure::model::parse(&src);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(model.unwrap().check(), []);
}

/// A brochure with a PNG and a JPEG as its figures, given either as files
/// of `data/showcase` or as their bytes.
fn with_images(as_bytes: bool) -> Brochure {
    let image = |name: &str| {
        if as_bytes { Image::from_bytes(name, std::fs::read(Path::new("data/showcase").join(name)).unwrap()) } else { Image::file(name) }
    };
    Brochure::new("Pictures").date(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()).cover(image("images/harbour-grey.jpg")).item(
        Item::new("An emblem")
            .image(image("images/emblem.png").alt("The society's emblem").credit("© Us"))
            .paragraph("The emblem, drawn again.")
            .figure(image("images/hills-cmyk.jpg").alt("Hills at dawn").full_width()),
    )
}

#[test]
fn an_image_given_as_bytes_builds_the_same_pdf_as_its_file() {
    let opts = brochure::Options::default();
    let from_files = brochure::compile(&with_images(false), Path::new("data/showcase"), &opts).unwrap();
    // No file is read: the base folder does not even exist.
    let from_bytes = brochure::compile(&with_images(true), Path::new("/nonexistent"), &opts).unwrap();
    assert_eq!(from_files.pages, from_bytes.pages);
    assert!(from_files.pdf == from_bytes.pdf, "the PDFs differ ({} and {} bytes)", from_files.pdf.len(), from_bytes.pdf.len());
    let doc = lopdf::Document::load_mem(&from_bytes.pdf).unwrap();
    let images =
        doc.objects.values().filter(|o| o.as_stream().is_ok_and(|s| s.dict.get(b"Subtype").is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Image")))).count();
    assert!(images >= 3, "{images} images embedded");
}

#[test]
fn the_same_bytes_twice_are_one_image() {
    let png: brochure::model::ImageBytes = std::fs::read("data/showcase/images/emblem.png").unwrap().into();
    let twice = Brochure::new("T")
        .item(Item::new("A").image(Image::from_bytes("a.png", png.clone()).alt("A")).figure(Image::from_bytes("a.png", png).alt("A")).paragraph("x"));
    let once = Brochure::new("T")
        .item(Item::new("A").image(Image::file("images/emblem.png").alt("A")).figure(Image::file("images/emblem.png").alt("A")).paragraph("x"));
    let a = brochure::compile(&twice, Path::new("."), &Default::default()).unwrap();
    let b = brochure::compile(&once, Path::new("data/showcase"), &Default::default()).unwrap();
    assert_eq!(a.pdf.len(), b.pdf.len());
}

#[test]
fn bytes_that_are_no_image_are_told_by_their_name() {
    let model = Brochure::new("T").item(Item::new("A").image(Image::from_bytes("chart.png", b"GIF89a...".as_slice())).paragraph("x"));
    assert_eq!(refused(&model), ["error: items[0].image.src: failed to load image `chart.png` (not a JPEG or PNG file)"]);
}

#[test]
fn typed_setters_write_what_the_yaml_fields_say() {
    let theme = Theme::default()
        .page(PageSize::A5)
        .margin_sides(Length::mm(15.0), Length::mm(18.0), Length::cm(2.0), Length::inches(0.5))
        .columns(1)
        .gutter(Length::pt(12.0))
        .base_size(Length::pt(10.5))
        .accent_color(Color::rgb(0x0b, 0x6e, 0x4f))
        .order(brochure::model::Order::NewestFirst)
        .toc(true)
        .keep_lines(3)
        .image_dpi(200)
        .digits(brochure::model::Digits::ArabicIndic);
    let yaml = "title: T\nitems:\n  - title: A\n    body: x\ntheme:\n  page: A5\n  margins: {top: 15mm, bottom: 18mm, inside: 2cm, outside: 0.5in}\n  columns: 1\n  gutter: 12pt\n  base_size: 10.5pt\n  colors: {accent: \"#0b6e4f\"}\n  order: newest-first\n  toc: true\n  keep_lines: 3\n  image_dpi: 200\n  digits: arabic-indic\n";
    let (parsed, diags) = brochure::model::parse(yaml);
    assert!(diags.is_empty(), "{diags:?}");
    // The same values; only the places in the file differ.
    let strip = |t: &Theme| {
        let text = format!("{t:?}");
        let mut parts = text.split("span: Some(");
        let mut out = parts.next().unwrap_or_default().to_string();
        for rest in parts {
            // `Span { line: 7, col: 9, len: 4 })` up to its closing bracket.
            out += "span: None";
            out += rest.split_once(')').map_or(rest, |(_, after)| after);
        }
        out
    };
    assert!(strip(&theme).contains("columns: Some(Spanned { value: \"1\", span: None })"), "{}", strip(&theme));
    assert_eq!(strip(&theme), strip(&parsed.unwrap().theme));
}

#[test]
fn dates_and_strings_convert() {
    let borrowed = String::from("Borrowed");
    let item = Item::new(String::from("Owned")).date(NaiveDate::from_ymd_opt(2021, 3, 1).unwrap()).tag(&borrowed);
    assert_eq!(borrowed, "Borrowed", "still ours");
    assert_eq!(item.date.as_ref().unwrap().value, "2021-03-01");
    assert_eq!((item.title.value.as_str(), item.tags[0].value.as_str()), ("Owned", "Borrowed"));
    assert!(matches!(Item::new("x").heading("h").body[0], Block::Heading(ref h) if h.value == "h"));
}
