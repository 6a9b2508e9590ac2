//! Inset figures (`float: left | right`): read back from the PDF, the lines
//! beside the image stand at least 1 em from it, the lines below it are back
//! at the full measure, the figure is tagged with its alt text before its
//! paragraph; a figure with no room beside it falls back above the text with
//! a located warning, and bad values are located errors.

mod common;

use std::path::{Path, PathBuf};

use brochure::{Error, Options};
use common::{PlacedGlyph, normalise, pages, structure};
use lopdf::Document;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eu-unodc")
}

const WORDS: &str = "The new border post opened in March after two years of work with the customs service, \
    the police and the ministry. Officers now share one building, one database and one queue, so that a truck \
    that used to wait for a day is checked in under an hour. The trainers came from four countries of the region \
    and stayed for the first weeks, to answer the questions that only come up when the work begins. Travellers \
    noticed the difference at once; the signs are in three languages, the forms are shorter, and the staff at \
    the counters have been trained to explain what they ask for and why. A second post on the southern border \
    will follow next year, built on the same plan and with the lessons learnt here.";

fn source(float: &str, width: &str, columns: u32) -> String {
    format!(
        "title: Insets\ndate: 2021-03-01\ntheme: {{columns: {columns}, base_size: 10pt}}\nitems:\n  - title: One\n    body:\n      - image: {{src: images/tunisia-airport.jpg, alt: A terminal at dusk, float: {float}, width: {width}}}\n      - {WORDS} {WORDS}\n"
    )
}

/// Body lines of a page: glyphs of the body size grouped by baseline, as
/// `(baseline, x0, x1)`.
fn lines(glyphs: &[PlacedGlyph], size: f32) -> Vec<(f32, f32, f32)> {
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    for g in glyphs.iter().filter(|g| (g.size - size).abs() < 0.05 && !g.text.trim().is_empty()) {
        match out.iter_mut().find(|l| (l.0 - g.y).abs() < 0.5) {
            Some(l) => {
                l.1 = l.1.min(g.x0);
                l.2 = l.2.max(g.x1);
            }
            None => out.push((g.y, g.x0, g.x1)),
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

fn median(mut v: Vec<f32>) -> f32 {
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

fn build(src: &str) -> (brochure::Output, Document) {
    let out = brochure::compile_str(src, &sample_dir(), &Options::default()).expect("builds");
    let doc = Document::load_mem(&out.pdf).expect("parses");
    (out, doc)
}

/// A body line as `lines` gives it.
type Line = (f32, f32, f32);

/// The image, the body lines beside it and the body lines below it.
fn measure(doc: &Document) -> ([f32; 4], Vec<Line>, Vec<Line>) {
    let page = pages(doc).remove(0);
    assert_eq!(page.images.len(), 1, "one image on page 1");
    let img = page.images[0];
    let body = lines(&page.glyphs, 10.0);
    // A line stands beside the image when its glyphs (a baseline and about
    // an em above it) reach into the image's height.
    let beside: Vec<_> = body.iter().copied().filter(|l| l.0 + 7.0 > img[1] && l.0 < img[3]).collect();
    let below: Vec<_> = body.iter().copied().filter(|l| l.0 + 7.0 <= img[1]).collect();
    (img, beside, below)
}

#[test]
fn lines_run_beside_a_left_inset_and_return_to_the_full_measure_below_it() {
    let (out, doc) = build(&source("left", "40%", 1));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let (img, beside, below) = measure(&doc);
    assert!(beside.len() >= 3, "lines beside the image: {beside:?}");
    assert!(below.len() >= 2, "lines below the image: {below:?}");
    let em = 10.0;
    for l in &beside {
        assert!(l.1 >= img[2] + em - 0.1, "a line beside starts {:.1} pt from the image (at least 1 em): {l:?} {img:?}", l.1 - img[2]);
    }
    // Below the image the lines start where the image does, at the
    // column's edge, and the justified ones reach as far as those beside.
    // (Within 2 pt: punctuation at a line's end hangs into the margin.)
    let right = median(beside.iter().map(|l| l.2).collect());
    for l in &below[..below.len() - 1] {
        assert!((l.1 - img[0]).abs() < 0.5, "a line below starts at the column's edge: {l:?} {img:?}");
        assert!((l.2 - right).abs() < 2.0, "a line below is set at the full measure: {l:?}, right {right}");
    }
    // The image is 40 % of the column.
    let column = right - img[0];
    assert!(((img[2] - img[0]) / column - 0.4).abs() < 0.01, "image {:.1} of column {column:.1}", img[2] - img[0]);
}

#[test]
fn lines_run_beside_a_right_inset_at_least_an_em_from_it() {
    let (_, doc) = build(&source("right", "30%", 1));
    let (img, beside, below) = measure(&doc);
    assert!(beside.len() >= 3, "{beside:?}");
    for l in &beside {
        assert!(l.2 <= img[0] - 10.0 + 0.1, "a line beside ends {:.1} pt from the image: {l:?} {img:?}", img[0] - l.2);
    }
    let left = beside.iter().map(|l| l.1).fold(f32::MAX, f32::min);
    let wide = median(below.iter().map(|l| l.2).collect());
    assert!((wide - img[2]).abs() < 2.0, "lines below reach the column's right edge, where the image ends: {wide} {img:?}");
    assert!(below.iter().all(|l| (l.1 - left).abs() < 0.5), "{below:?}");
}

#[test]
fn the_inset_is_a_figure_with_its_alt_before_its_paragraph() {
    let (_, doc) = build(&source("left", "40%", 1));
    let tree = structure(&doc);
    let fig = tree.iter().position(|e| e.role == "Figure").expect("a Figure");
    assert_eq!(tree[fig].alt.as_deref(), Some("A terminal at dusk"));
    let para = tree.iter().position(|e| e.role == "P" && normalise(&e.text).starts_with("thenewborderpost")).expect("the paragraph");
    assert!(fig < para, "the Figure comes before its paragraph");
    // The whole paragraph is one P, in order: text in equals text out.
    assert_eq!(normalise(&tree[para].text), normalise(&format!("{WORDS} {WORDS}")));
}

#[test]
fn an_inset_without_room_beside_it_is_set_above_with_a_located_warning() {
    // Three columns: 60 % leaves about 5 characters beside the image.
    let src = source("left", "60%", 3);
    let (out, doc) = build(&src);
    let w = out.warnings.iter().find(|d| d.message.contains("is set above the text")).unwrap_or_else(|| panic!("{:?}", out.warnings));
    assert_eq!(w.path, "items[0].body[0].image");
    assert!(w.message.contains("fewer than 15"), "{}", w.message);
    let rendered = w.render("b.yaml", &src);
    assert!(rendered.contains("b.yaml:7:22"), "{rendered}");
    assert!(rendered.contains("smaller share"), "{rendered}");
    // Every line of the paragraph below the image, at the column's width.
    let (img, beside, below) = measure(&doc);
    let first_column = |l: &&(f32, f32, f32)| l.1 < img[2];
    assert!(!beside.iter().any(|l| first_column(&l)), "{beside:?}");
    let below: Vec<_> = below.iter().filter(first_column).collect();
    assert!(below.len() > 5 && below.iter().all(|l| (l.1 - img[0]).abs() < 0.5), "{below:?} {img:?}");
}

fn errors(src: &str) -> Vec<String> {
    match brochure::compile_str(src, &sample_dir(), &Options::default()) {
        Err(Error::Source(d)) => d.iter().map(|d| d.render("b.yaml", src)).collect(),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("builds"),
    }
}

#[test]
fn a_bad_float_or_share_is_a_located_error() {
    let e = errors(&source("middle", "40%", 1));
    assert!(e[0].contains("b.yaml:7:82: error: items[0].body[0].image.float: `middle` is not one of left, right"), "{}", e[0]);
    let e = errors(&source("left", "70%", 1));
    assert!(e[0].contains("b.yaml:7:95: error: items[0].body[0].image.width: an image's width of 70% is outside 25%–60% of the column"), "{}", e[0]);
    assert!(e[0].contains("between 25% and 60%"), "{}", e[0]);
    let e = errors(&source("right", "full", 1));
    assert!(e[0].contains("a floating image cannot be `full` wide"), "{}", e[0]);
}

#[test]
fn a_share_without_float_is_a_narrower_figure_centred_above_the_text() {
    let src = source("left", "50%", 1).replace(", float: left", "");
    let (out, doc) = build(&src);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let (img, beside, below) = measure(&doc);
    assert!(beside.is_empty(), "no text beside it: {beside:?}");
    let left = median(below.iter().map(|l| l.1).collect());
    let right = median(below.iter().map(|l| l.2).collect());
    assert!(((img[2] - img[0]) / (right - left) - 0.5).abs() < 0.01, "half the column: {img:?} {left} {right}");
    assert!(((img[0] - left) - (right - img[2])).abs() < 2.0, "centred: {img:?} {left} {right}");
}

#[test]
fn float_on_an_items_lead_image_is_a_located_warning() {
    let src = "title: T\ndate: 2021-03-01\nitems:\n  - title: One\n    image: {src: images/tunisia-airport.jpg, alt: A terminal, float: left}\n    body: Words of the body.\n";
    let out = brochure::compile_str(src, &sample_dir(), &Options::default()).expect("builds");
    let w = out.warnings.iter().find(|d| d.path == "items[0].image.float").unwrap_or_else(|| panic!("{:?}", out.warnings));
    let rendered = w.render("b.yaml", src);
    assert!(rendered.contains("b.yaml:5:70: warning: items[0].image.float: `float` is only for images in `body`"), "{rendered}");
}

#[test]
fn left_and_right_mirror_in_a_right_to_left_item() {
    let words = "اعتمد الوزراء خارطة طريق مشتركة للسنوات الثلاث المقبلة. وهي تنص على تعزيز تبادل المعلومات وتنظيم دورات تدريبية مشتركة وإجراء تقييم سنوي للتقدم المحرز. وستعين كل دولة جهة اتصال مكلفة بمتابعة تنفيذ الالتزامات والتحضير للاجتماعات التقنية التي ستعقد على مدار السنة.";
    let src =
        source("left", "40%", 1).replace("  - title: One\n", "  - title: One\n    language: ar\n").replace(&format!("{WORDS} {WORDS}"), &[words; 4].join(" "));
    let (_, doc) = build(&src);
    let (img, beside, below) = measure(&doc);
    // `left` is the side right-to-left lines start from: the right.
    let right = median(below.iter().map(|l| l.2).collect());
    assert!((img[2] - right).abs() < 2.0, "the image stands at the right edge: {img:?}, lines end at {right}");
    assert!(beside.len() >= 3, "{beside:?}");
    for l in &beside {
        assert!(l.2 <= img[0] - 10.0 + 0.1, "a line beside ends {:.1} pt from the image: {l:?} {img:?}", img[0] - l.2);
    }
}

#[test]
fn the_inset_and_its_first_lines_are_never_parted_by_a_column_break() {
    // Ever more text before the inset walks it down the first column, over
    // the column's end and the page's: wherever it lands, the paragraph's
    // first line stands beside the image, on its page.
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.";
    for n in 0..24 {
        let before: String = (0..n).map(|_| format!("      - {filler}\n")).collect();
        let src = source("left", "40%", 2).replace("    body:\n", &format!("    body:\n{before}"));
        let (_, doc) = build(&src);
        let pages = pages(&doc);
        let (k, page) = pages.iter().enumerate().find(|(_, p)| !p.images.is_empty()).expect("a page with the image");
        let img = page.images[0];
        let text: Vec<&str> = page.glyphs.iter().map(|g| g.text.as_str()).collect();
        let at = (0..text.len().saturating_sub(6))
            .find(|&i| text[i..i + 6].concat() == "border")
            .unwrap_or_else(|| panic!("{n} paragraphs before: the inset's first line is not on page {k}"));
        let g = &page.glyphs[at];
        assert!(g.y < img[3] && g.y > img[1], "{n} before: the first line (at {}) is not beside the image {img:?}", g.y);
        assert!(g.x0 > img[2] + 10.0 - 0.1 && g.x0 < img[2] + 300.0, "{n} before: the first line is not beside the image: {} {img:?}", g.x0);
    }
}

#[test]
fn a_narrow_column_figure_in_a_wide_column_is_set_as_an_inset() {
    // No `float`: a photo its height cap (20 % of the column) keeps to
    // under half of one wide column stands at the column's end side with
    // the paragraph beside it, not centred between two empty margins.
    let src = |columns: u32| {
        format!(
            "title: Insets\ndate: 2021-03-01\ntheme: {{columns: {columns}, base_size: 10pt, max_figure_height: 20%}}\nitems:\n  - title: One\n    body:\n      - image: {{src: images/tunisia-airport.jpg, alt: A terminal at dusk}}\n      - {WORDS} {WORDS}\n"
        )
    };
    let (out, doc) = build(&src(1));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let (img, beside, _) = measure(&doc);
    assert!(beside.len() >= 3, "lines beside the image: {beside:?}");
    // An em from the image; a line's closing punctuation may hang 1.5 pt
    // into the gap, as it hangs at the column's edge.
    assert!(beside.iter().all(|l| l.2 <= img[0] - 10.0 + 1.6), "{beside:?} {img:?}");
    assert!(median(beside.iter().map(|l| l.2).collect()) <= img[0] - 10.0 + 0.1, "{beside:?} {img:?}");
    // In two columns the text beside it would be under 40 characters: the
    // figure stays a column figure, centred in the first column: the lines
    // at its height are the second column's, to its right.
    let (_, doc) = build(&src(2));
    let (img, beside, _) = measure(&doc);
    assert!(beside.iter().all(|l| l.1 > img[2]), "{beside:?} {img:?}");
}

#[test]
fn a_narrow_lead_image_in_a_wide_column_is_an_inset_too() {
    // The item's own image, kept narrow by its height cap, with no summary:
    // the first paragraph wraps round it.
    let src = format!(
        "title: Insets\ndate: 2021-03-01\ntheme: {{columns: 1, base_size: 10pt, max_figure_height: 20%}}\nitems:\n  - title: One\n    image: {{src: images/tunisia-airport.jpg, alt: A terminal at dusk}}\n    body:\n      - {WORDS} {WORDS}\n"
    );
    let (out, doc) = build(&src);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let (img, beside, _) = measure(&doc);
    assert!(beside.len() >= 3, "lines beside the image: {beside:?}");
    assert!(median(beside.iter().map(|l| l.2).collect()) <= img[0] - 10.0 + 0.1, "{beside:?} {img:?}");
    // The Figure still comes before the paragraph in the structure.
    let tree = structure(&doc);
    let fig = tree.iter().position(|e| e.role == "Figure").expect("a Figure");
    let para = tree.iter().position(|e| e.role == "P" && normalise(&e.text).starts_with("thenewborderpost")).expect("the paragraph");
    assert!(fig < para);
}

/// A brochure in `columns` columns whose only item has a 120 × 90 pixel
/// image (20 mm wide at 150 dpi) as its lead image (`lead`) or as a body
/// figure before the text, in a folder of its own.
fn small_image(columns: u32, lead: bool) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_fn(120, 90, |x, y| image::Rgb([x as u8, y as u8, 90])).save(dir.path().join("small.png")).unwrap();
    let fig = "{src: small.png, alt: A small picture}";
    let src = if lead {
        format!(
            "title: Insets\ndate: 2021-03-01\ntheme: {{columns: {columns}, base_size: 10pt}}\nitems:\n  - title: One\n    image: {fig}\n    body:\n      - {WORDS} {WORDS}\n"
        )
    } else {
        format!(
            "title: Insets\ndate: 2021-03-01\ntheme: {{columns: {columns}, base_size: 10pt}}\nitems:\n  - title: One\n    body:\n      - image: {fig}\n      - {WORDS} {WORDS}\n"
        )
    };
    (dir, src)
}

#[test]
fn a_small_image_is_an_inset_with_its_warning() {
    // Its pixels keep it to a quarter of a two-column column: set at the
    // column's end side with the paragraph beside it, not centred above
    // the text between two empty margins; the warning says so.
    for lead in [true, false] {
        let (dir, src) = small_image(2, lead);
        let out = brochure::compile_str(&src, dir.path(), &Options::default()).expect("builds");
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        let w = &out.warnings[0];
        assert!(w.message.starts_with("image `small.png` is set 20 mm wide, with the text beside it, instead of 84 mm (its 120 pixels"), "{}", w.message);
        assert_eq!(w.path, if lead { "items[0].image" } else { "items[0].body[0].image" });
        let doc = Document::load_mem(&out.pdf).expect("parses");
        let page = pages(&doc).remove(0);
        let img = page.images[0];
        // Its right edge on the first column's: 18 mm margin and 84 mm.
        let edge = 102.0 * 72.0 / 25.4;
        assert!((img[2] - edge).abs() < 0.5, "{img:?}");
        // The first column's lines beside it and below it.
        let first: Vec<PlacedGlyph> = page.glyphs.iter().filter(|g| g.x1 < edge + 2.0).cloned().collect();
        let body = lines(&first, 10.0);
        let beside: Vec<_> = body.iter().filter(|l| l.0 + 7.0 > img[1] && l.0 < img[3]).collect();
        let below: Vec<_> = body.iter().filter(|l| l.0 + 7.0 <= img[1]).collect();
        assert!(beside.len() >= 3, "lines beside the image: {beside:?}");
        assert!(beside.iter().all(|l| l.2 <= img[0] - 10.0 + 1.6), "{beside:?} {img:?}");
        // Below it the lines reach past its left edge.
        assert!(below.iter().any(|l| l.2 > img[0] + 20.0), "{below:?} {img:?}");
    }
    // In three columns only about 18 characters would stand beside it:
    // centred above the text as before.
    let (dir, src) = small_image(3, true);
    let out = brochure::compile_str(&src, dir.path(), &Options::default()).expect("builds");
    assert!(out.warnings.iter().any(|w| w.message.contains("wide, centred, instead of")), "{:?}", out.warnings);
    let doc = Document::load_mem(&out.pdf).expect("parses");
    let (img, beside, _) = measure(&doc);
    assert!(beside.iter().all(|l| l.1 > img[2]), "only the next columns' lines at its height: {beside:?} {img:?}");
}

#[test]
fn lines_beside_a_narrow_inset_are_ragged_and_justified_again_below_it() {
    // Two columns, a 40 % inset: about 28 characters beside it, set ragged;
    // under it the paragraph is back at the full measure, justified to the
    // column's edge like the rest of the column.
    let (out, doc) = build(&source("right", "40%", 2));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let page = pages(&doc).remove(0);
    let img = page.images[0];
    let edge = 102.0 * 72.0 / 25.4;
    assert!((img[2] - edge).abs() < 0.5, "at the first column's right edge: {img:?}");
    let first: Vec<PlacedGlyph> = page.glyphs.iter().filter(|g| g.x1 < edge + 2.0).cloned().collect();
    let body = lines(&first, 10.0);
    let beside: Vec<_> = body.iter().filter(|l| l.0 + 7.0 > img[1] && l.0 < img[3]).collect();
    let below: Vec<_> = body.iter().filter(|l| l.0 + 7.0 <= img[1]).collect();
    assert!(beside.len() >= 4 && below.len() >= 4, "{beside:?} {below:?}");
    // Beside it: ragged, the ends a few points apart at least.
    let ends: Vec<f32> = beside.iter().map(|l| l.2).collect();
    let spread = ends.iter().copied().fold(f32::MIN, f32::max) - ends.iter().copied().fold(f32::MAX, f32::min);
    assert!(spread > 5.0, "ragged beside the figure: {ends:?}");
    // Below it (the first line under the figure's foot may be the last
    // one beside it): all but the column's (or paragraph's) last line end
    // at the column's edge, within a hanging mark.
    let short = below[1..below.len() - 1].iter().filter(|l| (l.2 - edge).abs() > 2.0).count();
    assert_eq!(short, 0, "justified below the figure: {below:?}");
}

#[test]
fn an_inset_is_never_followed_by_one_line_alone_at_a_columns_foot() {
    // One line at the full measure alone under the figure at the foot of a
    // page, its paragraph going on overleaf, reads as an orphan: the lines
    // under an inset are kept two together, as a paragraph's first lines.
    // A lead paragraph of 1 to 30 sentences puts the inset at every height
    // of an A5 page; the paragraph after it is long enough to go on
    // overleaf.
    let sentences: Vec<&str> = WORDS.split_inclusive(". ").collect();
    for n in 1..=30 {
        let lead: String = (0..n).map(|i| sentences[i % sentences.len()]).collect::<Vec<_>>().join(" ");
        let src = format!(
            "title: Insets\ndate: 2021-03-01\ntheme: {{columns: 1, page: A5, base_size: 10pt}}\nitems:\n  - title: One\n    body:\n      - {lead}\n      - image: {{src: images/tunisia-airport.jpg, alt: A terminal at dusk, float: right, width: 25%}}\n      - {WORDS} {WORDS} {WORDS}\n"
        );
        let (_, doc) = build(&src);
        for page in pages(&doc) {
            let Some(img) = page.images.first() else { continue };
            let body = lines(&page.glyphs, 10.0);
            let beside = body.iter().filter(|l| l.0 + 7.0 > img[1] && l.0 < img[3]).count();
            // Under it, at the full measure: past the figure's left edge.
            let below = body.iter().filter(|l| l.0 + 7.0 <= img[1] && l.2 > img[0]).count();
            assert!(beside == 0 || below != 1, "{n} sentences before: one line under the inset at the page's foot");
        }
    }
}
