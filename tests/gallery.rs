//! Galleries read back from the PDF: each image a tagged Figure with its
//! alt in source order, drawn at its cell's shape from pixels of that
//! shape (a crop of its own, one object for the same crop twice), the
//! credits gathered in one line; and located errors for bad galleries.

mod common;

use std::path::Path;

use brochure::{Error, Options};

/// Writes a landscape, a portrait and a square picture into `dir`.
fn pictures(dir: &Path) {
    let paint = |w: u32, h: u32| image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 120]));
    paint(1200, 800).save(dir.join("wide.jpg")).unwrap();
    paint(600, 900).save(dir.join("tall.jpg")).unwrap();
    paint(800, 800).save(dir.join("square.png")).unwrap();
}

fn source(gallery: &str) -> String {
    format!(
        "title: Galleries\nitems:\n  - title: A visit\n    body:\n      - Before the pictures.\n      - gallery: {gallery}\n      - After the pictures.\ntheme:\n  columns: 2\n"
    )
}

/// The text of every page, its white space collapsed.
fn text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    common::pages_text(&doc).join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn build(gallery: &str) -> Result<(brochure::Output, tempfile::TempDir), Error> {
    let dir = tempfile::tempdir().unwrap();
    pictures(dir.path());
    brochure::compile_str(&source(gallery), dir.path(), &Options::default()).map(|o| (o, dir))
}

const THREE: &str = "{images: [{src: wide.jpg, credit: © Anna, alt: The harbour}, {src: tall.jpg, credit: © Ben, alt: The lighthouse, focus: [0.5, 0.2]}, {src: square.png, credit: © Anna, alt: The emblem}], caption: Three views of the port.}";

#[test]
fn each_image_is_a_figure_with_its_alt_in_source_order() {
    let (out, _dir) = build(THREE).unwrap();
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let alts: Vec<String> = common::structure(&doc).iter().filter(|e| e.role == "Figure").map(|e| e.alt.clone().unwrap_or_default()).collect();
    assert_eq!(alts, ["The harbour", "The lighthouse", "The emblem"]);
}

#[test]
fn images_are_drawn_at_their_cells_shape_from_crops_of_that_shape() {
    let (out, _dir) = build(THREE).unwrap();
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let pages = common::pages(&doc);
    let boxes: Vec<[f32; 4]> = pages.iter().flat_map(|p| p.images.iter().copied()).collect();
    let objects: Vec<(lopdf::ObjectId, i64, i64)> = pages.iter().flat_map(|p| p.image_objects.iter().copied()).collect();
    assert_eq!(boxes.len(), 3);
    for (b, (_, w, h)) in boxes.iter().zip(&objects) {
        let drawn = (b[3] - b[1]) / (b[2] - b[0]);
        let pixels = *h as f32 / *w as f32;
        assert!((drawn - pixels).abs() / pixels < 0.01, "drawn {drawn:.4} against pixels {pixels:.4} ({b:?}, {w} × {h})");
    }
    // Cropped, not the files' pixels: one above two, rows of equal height.
    assert!(objects.iter().all(|(_, w, h)| (*w, *h) != (1200, 800) && (*w, *h) != (600, 900)), "{objects:?}");
    let heights: Vec<f32> = boxes.iter().map(|b| b[3] - b[1]).collect();
    assert!(heights.iter().all(|h| (h - heights[0]).abs() < 0.01), "{heights:?}");
    assert!((boxes[0][2] - boxes[0][0]) > 1.9 * (boxes[1][2] - boxes[1][0]), "the first row holds one image across: {boxes:?}");
    assert!(boxes[0][1] > boxes[1][3], "the first image above the others: {boxes:?}");
    // The portrait's crop is a band of its rows, its focus near the top:
    // the full width of 600 pixels.
    assert_eq!(objects[1].1, 600);
}

#[test]
fn credits_are_gathered_in_one_line_under_the_grid_then_the_caption() {
    let (out, _dir) = build(THREE).unwrap();
    let text = self::text(&out.pdf);
    assert_eq!(text.matches("Images © Anna, Ben").count(), 1, "{text}");
    let credits = text.find("Images © Anna, Ben").unwrap();
    let caption = text.find("Three views of the port.").expect("the caption is printed");
    assert!(credits < caption && text.find("Before the pictures.").unwrap() < credits && caption < text.find("After the pictures.").unwrap(), "{text}");
    assert!(!text.contains("Image © Anna"), "no credit under each image: {text}");
    // One name: the singular word.
    let (out, _dir) = build("[{src: wide.jpg, credit: © Anna, alt: A}, {src: square.png, credit: © Anna, alt: B}]").unwrap();
    let text = self::text(&out.pdf);
    assert!(text.contains("Image © Anna") && !text.contains("Images ©"), "{text}");
}

#[test]
fn the_same_crop_twice_is_one_image_object() {
    let (out, _dir) = build("[{src: wide.jpg, alt: Once}, {src: wide.jpg, alt: Twice}]").unwrap();
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let objects: Vec<lopdf::ObjectId> = common::pages(&doc).iter().flat_map(|p| p.image_objects.iter().map(|o| o.0)).collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0], objects[1], "two draws of one crop");
    // Another focus, another crop (of a portrait in a square cell).
    let (out, _dir) = build("[{src: tall.jpg, alt: Once}, {src: tall.jpg, alt: Twice, focus: [0.5, 0]}]").unwrap();
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let objects: Vec<lopdf::ObjectId> = common::pages(&doc).iter().flat_map(|p| p.image_objects.iter().map(|o| o.0)).collect();
    assert_ne!(objects[0], objects[1]);
}

#[test]
fn a_full_width_gallery_spans_the_frame_in_one_row_of_three() {
    let (out, _dir) = build(&THREE.replace("caption:", "width: full, caption:")).unwrap();
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let boxes: Vec<[f32; 4]> = common::pages(&doc).iter().flat_map(|p| p.images.clone()).collect();
    assert_eq!(boxes.len(), 3);
    assert!(boxes.iter().all(|b| (b[1] - boxes[0][1]).abs() < 0.01), "one row: {boxes:?}");
    // Across both columns: from near the left margin to near the right.
    let (left, right) = (boxes.iter().map(|b| b[0]).fold(f32::MAX, f32::min), boxes.iter().map(|b| b[2]).fold(0.0, f32::max));
    assert!(right - left > 0.8 * 595.0 - 2.0 * 72.0, "{left} to {right}");
}

/// The errors of a source, as `line:col: message` each.
fn errors(gallery: &str) -> Vec<String> {
    match build(gallery) {
        Err(Error::Source(d)) => {
            d.iter().filter(|d| d.is_error()).map(|d| format!("{}:{}: {}", d.span.map_or(0, |s| s.line), d.span.map_or(0, |s| s.col), d.message)).collect()
        }
        Err(e) => panic!("not a source error: {e}"),
        Ok(_) => panic!("{gallery} builds"),
    }
}

#[test]
fn bad_galleries_are_reported_where_they_are_written() {
    // The gallery is on line 6, its value from column 18.
    assert_eq!(errors("[wide.jpg]"), ["6:9: a gallery needs 2 to 6 images (it has 1)"]);
    assert_eq!(errors("[wide.jpg, wide.jpg, wide.jpg, tall.jpg, tall.jpg, tall.jpg, square.png]"), ["6:9: a gallery holds 2 to 6 images (it has 7)"]);
    assert_eq!(errors("{images: [wide.jpg]}"), ["6:19: a gallery needs 2 to 6 images (it has 1)"]);
    assert_eq!(errors("{images: [wide.jpg, tall.jpg], width: wide}"), ["6:56: `wide` is not one of column, full"]);
    assert_eq!(errors("[{src: wide.jpg, focus: [2, 0.5]}, tall.jpg]"), ["6:43: focus x (across) `2` is out of range (it is a share of the image, 0–1)"]);
    assert_eq!(errors("[{src: wide.jpg, focus: [0.5]}, tall.jpg]"), ["6:42: expected two numbers `[x, y]`, found a list of 1"]);
    assert_eq!(errors("[{src: wide.jpg, focus: middle}, tall.jpg]"), ["6:42: expected `[x, y]`, found text"]);
    assert_eq!(errors("[wide.jpg, missing.jpg]").len(), 1);
    assert_eq!(errors("a.jpg"), ["6:18: expected a list of images, found text"]);
}

#[test]
fn an_images_own_caption_and_width_in_a_gallery_are_not_dropped_silently() {
    let g = "[{src: wide.jpg, alt: A, caption: Lost words, width: full}, {src: tall.jpg, alt: B}]";
    let (out, _dir) = build(g).unwrap();
    // The value starts at column 18 of its line.
    let col = |s: &str| 18 + g.find(s).unwrap() as u32;
    let w: Vec<(String, u32)> = out.warnings.iter().map(|d| (d.message.clone(), d.span.map_or(0, |s| s.col))).collect();
    assert_eq!(
        w,
        [
            ("an image in a gallery takes the gallery's width (its own `width` is not used)".to_string(), col("full")),
            ("an image in a gallery has no caption of its own (it is not printed)".to_string(), col("Lost words")),
        ]
    );
    assert!(!text(&out.pdf).contains("Lost words"));
}

#[test]
fn focus_is_checked_on_any_image() {
    let dir = tempfile::tempdir().unwrap();
    pictures(dir.path());
    let src = "title: T\nitems:\n  - title: A\n    image: {src: wide.jpg, focus: [0.5, -1]}\n    body: Text.\n";
    let Err(Error::Source(d)) = brochure::compile_str(src, dir.path(), &Options::default()) else { panic!("builds") };
    let e: Vec<String> = d.iter().filter(|d| d.is_error()).map(|d| format!("{}: {}", d.span.unwrap().col, d.message)).collect();
    assert_eq!(e, ["41: focus y (down) `-1` is out of range (it is a share of the image, 0–1)"]);
}
