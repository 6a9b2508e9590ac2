//! Every image kind the format promises builds, keeps its shape, and comes
//! out with the right colour model; oversized and fake images are refused
//! with a clear message, fast.

use std::path::Path;
use std::time::Instant;

use brochure::{Error, Options};

fn build(dir: &Path, images: &[&str]) -> Result<brochure::Output, Error> {
    let mut src = String::from("title: Every image kind\nitems:\n  - title: Images\n    body:\n");
    for img in images {
        src.push_str(&format!("      - image: {{src: {img}, credit: © Test, caption: {img}, alt: A test image}}\n"));
        src.push_str("      - A paragraph between two figures.\n");
    }
    brochure::compile_str(&src, dir, &Options::default())
}

#[test]
fn every_png_and_jpeg_kind_builds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (w, h) = (240u32, 160u32);
    image::GrayImage::from_fn(w, h, |x, _| image::Luma([(x % 256) as u8])).save(d.join("grey.png")).unwrap();
    image::GrayAlphaImage::from_fn(w, h, |x, y| image::LumaA([(x % 256) as u8, (y % 256) as u8])).save(d.join("grey-alpha.png")).unwrap();
    image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 40])).save(d.join("rgb.png")).unwrap();
    image::RgbaImage::from_fn(w, h, |x, y| image::Rgba([(x % 256) as u8, 90, (y % 256) as u8, (x % 256) as u8])).save(d.join("rgba.png")).unwrap();
    image::ImageBuffer::<image::Rgb<u16>, Vec<u16>>::from_fn(w, h, |x, y| image::Rgb([(x * 200) as u16, (y * 300) as u16, 9000]))
        .save(d.join("rgb16.png"))
        .unwrap();
    image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 200])).save(d.join("rgb.jpg")).unwrap();
    image::GrayImage::from_fn(w, h, |x, y| image::Luma([((x + y) % 256) as u8])).save(d.join("grey.jpg")).unwrap();
    let names = ["grey.png", "grey-alpha.png", "rgb.png", "rgba.png", "rgb16.png", "rgb.jpg", "grey.jpg"];
    let out = build(d, &names).unwrap_or_else(|e| panic!("{e:?}"));
    let pdf = lopdf::Document::load_mem(&out.pdf).unwrap();
    // Each image is embedded once, JPEGs as DCT streams of their own bytes.
    let mut xobjects = 0;
    let mut dct = 0;
    for (_, obj) in pdf.objects.iter() {
        if let Ok(stream) = obj.as_stream() {
            // Images and their soft masks are both image XObjects.
            if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image") {
                xobjects += 1;
                if stream.dict.get(b"Filter").and_then(|f| f.as_name()).ok() == Some(b"DCTDecode") {
                    dct += 1;
                    let original = std::fs::read(d.join("rgb.jpg")).unwrap();
                    let grey = std::fs::read(d.join("grey.jpg")).unwrap();
                    assert!(stream.content == original || stream.content == grey, "a JPEG was re-encoded");
                }
            }
        }
    }
    assert_eq!(dct, 2, "both JPEGs are passed through");
    // Seven images, two of them with a soft mask for their alpha.
    assert_eq!(xobjects, names.len() + 2, "each image once, alpha as a soft mask");
}

#[test]
fn a_decompression_bomb_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // A PNG whose header claims 100,000 × 100,000 pixels.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png.extend((13u32).to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    std::fs::write(dir.path().join("bomb.png"), &png).unwrap();
    let t = Instant::now();
    let err = build(dir.path(), &["bomb.png"]).unwrap_err();
    assert!(t.elapsed().as_secs_f64() < 1.0, "took {:?}", t.elapsed());
    let Error::Source(diags) = err else { panic!("{err:?}") };
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].path, "items[0].body[0].image.src");
    assert!(diags[0].message.contains("is too large (100000 × 100000 pixels"), "{}", diags[0].message);
}

#[test]
fn a_file_that_is_not_an_image_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.jpg"), b"GIF89a not really").unwrap();
    let Err(Error::Source(diags)) = build(dir.path(), &["photo.jpg"]) else { panic!("built") };
    assert!(diags[0].message.contains("not a JPEG or PNG file"), "{}", diags[0].message);
}

#[test]
fn low_resolution_is_a_warning_and_large_images_are_downsampled() {
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_fn(80, 60, |x, y| image::Rgb([x as u8, y as u8, 0])).save(dir.path().join("tiny.png")).unwrap();
    // 4000 px across a column of about 3.3 in: far more than 300 dpi.
    image::RgbImage::from_fn(4000, 2000, |x, y| image::Rgb([(x / 16) as u8, (y / 8) as u8, 128])).save(dir.path().join("huge.jpg")).unwrap();
    let out = build(dir.path(), &["tiny.png", "huge.jpg"]).unwrap();
    // 80 pixels are 13.5 mm at 150 dpi: set that wide, not blown up.
    let w = out.warnings.iter().find(|d| d.message.contains("dpi")).expect("a resolution warning");
    assert!(w.message.starts_with("image `tiny.png` is set 14 mm wide, with the text beside it, instead of 84 mm"), "{}", w.message);
    assert_eq!(w.hints, vec!["use an image at least 497 pixels wide to fill the column".to_string()]);
    assert!(w.span.is_some());
    let pdf = lopdf::Document::load_mem(&out.pdf).unwrap();
    let widths: Vec<i64> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image"))
        .filter_map(|s| s.dict.get(b"Width").and_then(|w| w.as_i64()).ok())
        .collect();
    let huge = widths.iter().copied().max().unwrap();
    assert!((900..=1100).contains(&huge), "downsampled to about 300 dpi: {widths:?}");
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_png_with_a_good_header_and_bad_data_is_a_source_error() {
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8, y as u8, 0])).save(dir.path().join("cut.png")).unwrap();
    let bytes = std::fs::read(dir.path().join("cut.png")).unwrap();
    std::fs::write(dir.path().join("cut.png"), &bytes[..bytes.len() / 2]).unwrap();
    match build(dir.path(), &["cut.png"]) {
        Err(Error::Source(diags)) => assert!(diags[0].message.contains("`cut.png`"), "{}", diags[0].message),
        other => panic!("{other:?}"),
    }
}
