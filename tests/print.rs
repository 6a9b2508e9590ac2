//! Print: PDF/X-4 (output intent, XMP, /Trapped, boxes, black text on the
//! black plate), CMYK theme colours, CMYK JPEGs with and without Adobe's
//! marker, read back from the PDF with lopdf.

mod common;

use std::path::{Path, PathBuf};

use brochure::standard::{Standard, Standards};
use brochure::{Options, Output};
use common::{deref, dict, name_of};
use lopdf::{Document, Object};

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eu-unodc")
}

fn build(source: &str, base: &Path, standards: &[Standard]) -> Result<Output, brochure::Error> {
    let opts = Options { standards: Standards::Exactly(standards.to_vec()), ..Options::default() };
    brochure::compile_str(source, base, &opts)
}

fn built(source: &str, base: &Path, standards: &[Standard]) -> (Output, Document) {
    let out = match build(source, base, standards) {
        Ok(out) => out,
        Err(brochure::Error::Source(d)) => panic!("{}", d.iter().map(|d| d.render("t.yaml", source)).collect::<Vec<_>>().join("\n")),
        Err(e) => panic!("{e}"),
    };
    let doc = Document::load_mem(&out.pdf).expect("lopdf parses the PDF");
    (out, doc)
}

fn sample(standards: &[Standard]) -> (Output, Document) {
    let src = std::fs::read_to_string(sample_dir().join("brochure.yaml")).unwrap();
    built(&src, &sample_dir(), standards)
}

fn catalog(doc: &Document) -> &lopdf::Dictionary {
    dict(doc, doc.trailer.get(b"Root").unwrap())
}

fn xmp(doc: &Document) -> String {
    let Object::Stream(s) = deref(doc, catalog(doc).get(b"Metadata").unwrap()) else { panic!("no XMP stream") };
    String::from_utf8(s.content.clone()).unwrap()
}

/// Every page's content, decompressed, one string per page.
fn contents(doc: &Document) -> Vec<String> {
    doc.get_pages().values().map(|id| String::from_utf8_lossy(&doc.get_page_content(*id).unwrap()).into_owned()).collect()
}

fn string(doc: &Document, d: &lopdf::Dictionary, key: &[u8]) -> String {
    match deref(doc, d.get(key).unwrap()) {
        Object::String(s, _) => String::from_utf8_lossy(s).into_owned(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn x4_writes_the_print_intent_the_version_and_trapping() {
    let (out, doc) = sample(&[Standard::X4, Standard::Ua1]);
    assert_eq!(out.standards, vec![Standard::X4, Standard::Ua1]);
    assert_eq!(doc.version, "1.6");
    let intents = deref(&doc, catalog(&doc).get(b"OutputIntents").unwrap()).as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let oi = dict(&doc, &intents[0]);
    assert_eq!(name_of(oi, b"S").as_deref(), Some("GTS_PDFX"));
    assert_eq!(string(&doc, oi, b"OutputConditionIdentifier"), "FOGRA39");
    assert_eq!(string(&doc, oi, b"RegistryName"), "http://www.color.org");
    let profile = dict(&doc, oi.get(b"DestOutputProfile").unwrap());
    assert_eq!(profile.get(b"N").unwrap().as_i64().unwrap(), 4);
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert_eq!(name_of(info, b"Trapped").as_deref(), Some("False"));
    assert_eq!(string(&doc, info, b"GTS_PDFXVersion"), "PDF/X-4");
    let meta = xmp(&doc);
    assert!(meta.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"), "{meta}");
    assert!(meta.contains("<pdf:Trapped>False</pdf:Trapped>"), "{meta}");
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
    assert!(meta.contains("<xmpMM:VersionID>1</xmpMM:VersionID>") && meta.contains("<xmpMM:RenditionClass>default</xmpMM:RenditionClass>"), "{meta}");
    for id in doc.get_pages().values() {
        let page = doc.get_dictionary(*id).unwrap();
        assert!(page.get(b"TrimBox").is_ok() && page.get(b"BleedBox").is_ok(), "page {id:?} lacks its boxes");
    }
}

#[test]
fn x4_body_text_is_black_ink_only_and_nothing_is_device_rgb() {
    let (_, doc) = sample(&[Standard::X4]);
    let pages = contents(&doc);
    // Page 3 (the first body page): its text is set in `0 0 0 1 k`.
    let body = &pages[2];
    let k = body.matches("0 0 0 1 k").count();
    assert!(k >= 1, "{}", &body[..body.len().min(2000)]);
    // Each `BT` is preceded by a fill in device CMYK or a colour space
    // (pictures' credits in the muted colour are K too): none in `rg`.
    for (n, c) in pages.iter().enumerate() {
        assert!(!c.lines().any(|l| l.ends_with(" rg") || l.ends_with(" RG")), "page {} has device RGB", n + 1);
    }
}

#[test]
fn cmyk_theme_colours_are_written_as_given_and_rgb_ones_keep_their_profile() {
    let src = "title: T\ndate: 2021-03-01\nitems:\n  - title: A\n    body: Some words in a paragraph.\ntheme:\n  colors: {text: \"cmyk(0, 0, 0, 90)\", accent: \"#005c97\"}\n";
    let (_, doc) = built(src, Path::new("."), &[Standard::X4]);
    let all = contents(&doc).concat();
    // Channels are written in steps of 1/255 (krilla's CMYK colours are
    // bytes): 90 % is 230/255.
    assert!(all.contains("0 0 0 0.9019608 k"), "{all}");
    // The RGB accent (the rule under the title) is drawn in an ICC-based
    // colour space, never `rg`.
    assert!(all.contains(" scn") || all.contains(" sc"), "{all}");
    assert!(!all.lines().any(|l| l.ends_with(" rg")), "{all}");
    // The same source without x4 keeps the CMYK text colour too.
    let (_, plain) = built(src, Path::new("."), &[]);
    assert!(contents(&plain).concat().contains("0 0 0 0.9019608 k"));
}

#[test]
fn without_x4_nothing_changes_for_rgb_brochures() {
    let (out, doc) = sample(&[]);
    assert!(catalog(&doc).get(b"OutputIntents").is_err());
    assert!(!xmp(&doc).contains("pdfxid"));
    assert_eq!(doc.version, "1.7");
    let text = contents(&doc).concat();
    // The default text colour #1d1d1b, as before.
    assert!(text.contains("0.11372549 0.11372549 0.105882354 rg"), "{}", &text[..2000.min(text.len())]);
    assert!(out.standards.is_empty());
}

#[test]
fn output_profile_names_another_cmyk_profile_and_refuses_others() {
    let dir = tempfile::tempdir().unwrap();
    let profile = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/brochure-coated-fogra39.icc")).unwrap();
    std::fs::write(dir.path().join("press.icc"), &profile).unwrap();
    // An RGB display profile: the header says so.
    let mut rgb = profile[..128].to_vec();
    rgb[12..16].copy_from_slice(b"mntr");
    rgb[16..20].copy_from_slice(b"RGB ");
    std::fs::write(dir.path().join("screen.icc"), &rgb).unwrap();
    let src = |p: &str| format!("title: T\ndate: 2021-03-01\nitems:\n  - title: A\n    body: Words.\ntheme:\n  output_profile: {p}\n");
    let (_, doc) = built(&src("press.icc"), dir.path(), &[Standard::X4]);
    let intents = deref(&doc, catalog(&doc).get(b"OutputIntents").unwrap()).as_array().unwrap();
    let oi = dict(&doc, &intents[0]);
    assert_eq!(string(&doc, oi, b"OutputConditionIdentifier"), "Custom");
    assert_eq!(string(&doc, oi, b"Info"), "press.icc");
    let Err(brochure::Error::Source(d)) = build(&src("screen.icc"), dir.path(), &[Standard::X4]) else { panic!("an RGB profile was accepted") };
    assert_eq!(d[0].headline("t.yaml"), "t.yaml:7:19: error: theme.output_profile: `screen.icc` is not a CMYK printer profile (it is a RGB profile)");
    let Err(brochure::Error::Source(d)) = build(&src("missing.icc"), dir.path(), &[Standard::X4]) else { panic!("a missing profile was accepted") };
    assert!(d[0].headline("t.yaml").starts_with("t.yaml:7:19: error: theme.output_profile:"), "{}", d[0].headline("t.yaml"));
}

/// The image XObjects of a PDF: their /Decode arrays and data.
fn images(doc: &Document) -> Vec<(Option<Vec<f32>>, Vec<u8>)> {
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        if let Object::Stream(s) = obj {
            if name_of(&s.dict, b"Subtype").as_deref() == Some("Image") {
                let decode = s.dict.get(b"Decode").ok().map(|d| d.as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect());
                out.push((decode, s.content.clone()));
            }
        }
    }
    out
}

#[test]
fn cmyk_jpegs_are_inverted_only_with_adobes_marker_and_a_guess_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/print");
    for f in ["cmyk-adobe.jpg", "cmyk-plain.jpg"] {
        std::fs::copy(fixtures.join(f), dir.path().join(f)).unwrap();
    }
    let src = |f: &str| format!("title: T\ndate: 2021-03-01\nitems:\n  - title: A\n    image: {{src: {f}, alt: Three squares}}\n    body: Words.\n");
    for (file, inverted) in [("cmyk-adobe.jpg", true), ("cmyk-plain.jpg", false)] {
        for standards in [vec![Standard::X4], vec![]] {
            let (out, doc) = built(&src(file), dir.path(), &standards);
            let imgs = images(&doc);
            assert_eq!(imgs.len(), 1);
            let (decode, data) = &imgs[0];
            // Embedded byte for byte.
            assert_eq!(data, &std::fs::read(fixtures.join(file)).unwrap());
            assert_eq!(decode.clone(), inverted.then(|| [1.0, 0.0].repeat(4)), "{file}");
            let guessed: Vec<String> = out.warnings.iter().filter(|w| w.message.contains("Adobe marker")).map(|w| w.headline("t.yaml")).collect();
            if inverted {
                assert!(guessed.is_empty(), "{guessed:?}");
            } else {
                assert_eq!(
                    guessed,
                    vec![
                        "t.yaml:5:18: warning: items[0].image.src: CMYK image `cmyk-plain.jpg` has no Adobe marker (its colours are taken as written, not inverted)"
                    ]
                );
            }
        }
    }
}

#[test]
fn a_cmyk_photo_no_longer_costs_pdf_a() {
    // The showcase's CMYK JPEG is described by the bundled profile.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/showcase");
    let src = std::fs::read_to_string(dir.join("brochure.yaml")).unwrap();
    let out = brochure::compile_str(&src, &dir, &Options::default()).unwrap();
    assert_eq!(out.standards, vec![Standard::Ua1, Standard::A2a]);
}

#[test]
fn preflight_flags_an_enlarged_image_with_its_source_line() {
    let dir = tempfile::tempdir().unwrap();
    // A column figure is never set wider than 150 dpi allows (layout sets it
    // smaller instead), but the cover spans the page: 100 pixels across
    // 210 mm is about 12 ppi.
    image::RgbImage::from_pixel(100, 60, image::Rgb([200, 40, 40])).save(dir.path().join("small.png")).unwrap();
    let src = "title: T\ndate: 2021-03-01\ncover:\n  image:\n    src: small.png\n    alt: A red square\nitems:\n  - title: A\n    body: Words.\n";
    let opts = Options { preflight: true, standards: Standards::Exactly(vec![Standard::X4]), ..Options::default() };
    let out = brochure::compile_str(src, dir.path(), &opts).unwrap();
    let report = out.preflight.expect("a preflight report");
    assert_eq!(report.images.len(), 1);
    let img = &report.images[0];
    assert_eq!((img.pixels, img.color_space, img.field.as_str(), img.page), ((100, 60), "rgb", "cover.image", 0));
    assert!(img.enlarged && !img.downsampled && !img.cropped);
    assert!((img.ppi - 100.0 / (img.placed_mm.0 / 25.4)).abs() < 0.5, "{img:?}");
    let flags: Vec<String> = report.flags.iter().map(|d| d.headline("t.yaml")).collect();
    let ppi = img.ppi.round();
    assert_eq!(
        flags,
        vec![
            format!("t.yaml:5:10: warning: cover.image: image `small.png` is placed at {ppi} ppi (below 150 ppi it prints soft)"),
            "t.yaml:5:10: warning: cover.image: image `small.png` is RGB (the press prints CMYK: the print shop's software converts it)".to_string(),
            "t.yaml:5:10: warning: cover.image: image `small.png` has no credit (who took or owns the picture is not printed)".to_string(),
            "t.yaml:8:12: warning: items[0]: the brochure has 2 pages (a saddle-stitched booklet needs a multiple of 4: 2 blank pages would be added)"
                .to_string(),
        ]
    );
    assert_eq!(report.pages.len(), 2);
    assert_eq!((report.pages[0].trim, report.pages[0].label.as_str()), ((210.0, 297.0), "i"));
    assert!(report.fonts.iter().any(|f| f == "Noto Sans Bold"), "{:?}", report.fonts);
    let json = report.to_json();
    assert!(json.starts_with("{\"preflight\":{\"images\":[{\"path\":\"small.png\",\"field\":\"cover.image\",\"line\":5,"), "{json}");
}

#[test]
fn preflight_flags_small_text_in_four_inks_at_the_colour_that_sets_it() {
    let src = "title: T\ndate: 2021-03-01\nitems:\n  - title: A\n    image: {src: images/cover.jpg, alt: x, credit: © UNODC}\n    body: Words.\ntheme:\n  colors: {muted: \"#5f6368\"}\n";
    let opts = Options { preflight: true, ..Options::default() };
    let out = brochure::compile_str(src, &sample_dir(), &opts).unwrap();
    let flags: Vec<String> = out.preflight.unwrap().flags.iter().map(|d| d.headline("t.yaml")).filter(|h| h.contains("under 7 pt")).collect();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert!(flags[0].starts_with("t.yaml:8:19: warning: theme.colors.muted: "), "{flags:?}");
    // In black ink only, nothing to flag.
    let src = src.replace("\"#5f6368\"", "\"cmyk(0, 0, 0, 70)\"");
    let out = brochure::compile_str(&src, &sample_dir(), &opts).unwrap();
    assert!(!out.preflight.unwrap().flags.iter().any(|d| d.message.contains("under 7 pt")));
}

#[test]
fn check_preflight_prints_the_report_and_its_flags_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_pixel(100, 60, image::Rgb([200, 40, 40])).save(dir.path().join("small.png")).unwrap();
    let src =
        "title: T\ndate: 2021-03-01\ncover:\n  image:\n    src: small.png\n    alt: A red square\n    credit: © Us\nitems:\n  - title: A\n    body: Words.\n";
    std::fs::write(dir.path().join("b.yaml"), src).unwrap();
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_brochure")).current_dir(dir.path()).args(args).output().unwrap();
    let o = run(&["check", "--preflight", "b.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("small.png (cover.image): 100 × 60 px, placed "), "{stdout}");
    assert!(stdout.contains("1: trim 210.0 × 297.0 mm, bleed 210.0 × 297.0 mm, media 210.0 × 297.0 mm"), "{stdout}");
    assert!(stderr.contains("b.yaml:5:10: warning: cover.image: image `small.png` is placed at "), "{stderr}");
    let o = run(&["check", "--preflight", "--diagnostics", "json", "b.yaml"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    // Every line is one JSON object: the build's warnings, the report, its flags.
    assert!(stdout.lines().all(|l| l.starts_with('{') && l.ends_with('}')), "{stdout}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("{\"preflight\":{\"images\":[{\"path\":\"small.png\"")).count(), 1, "{stdout}");
    assert!(stdout.lines().any(|l| l.contains("\"line\":5,\"column\":10,\"path\":\"cover.image\"") && l.contains("ppi")), "{stdout}");
    assert!(!dir.path().join("b.pdf").exists());
}

/// An A5 brochure of many items, each page's footer `[N]`.
fn a5_source(items: usize, extra: &str) -> String {
    let mut s = String::from("title: Booklet\ndate: 2021-03-01\nitems:\n");
    for i in 0..items {
        s.push_str(&format!("  - title: Item {i}\n    body: |\n"));
        for _ in 0..6 {
            s.push_str("      The committee met in the spring to discuss the programme of the coming year, and agreed on the dates of the meetings.\n\n");
        }
    }
    s.push_str(&format!("theme:\n  page: A5\n  footer: \"[{{page}}]\"\n{extra}"));
    s
}

#[test]
fn impose_booklet_puts_a5_pages_2_up_on_a4_landscape_in_saddle_stitch_order() {
    // The first item count from 7 whose page count needs padding.
    let (src, n) = (7..20)
        .map(|k| {
            let src = a5_source(k, "");
            let n = brochure::compile_str(&src, Path::new("."), &Options::default()).unwrap().pages;
            (src, n)
        })
        .find(|(_, n)| n % 4 != 0 && *n > 4)
        .unwrap();
    let opts = Options { impose: Some(brochure::layout::impose::Impose::Booklet), ..Options::default() };
    let out = brochure::compile_str(&src, Path::new("."), &opts).unwrap();
    let doc = Document::load_mem(&out.pdf).unwrap();
    let sides = common::pages(&doc);
    assert_eq!(sides.len(), n.div_ceil(4) * 2);
    // A5 is 148 mm wide: sheets of 296 × 210 mm.
    let a5w = 148.0 / 25.4 * 72.0;
    for id in doc.get_pages().values() {
        let media = common::page_box(&doc, *id, b"MediaBox").unwrap();
        assert!((media[2] - 2.0 * a5w).abs() < 0.1 && (media[3] - 595.28).abs() < 0.1, "{media:?}");
    }
    // The folio of each half: `[N]` in the left or right half.
    let folio = |side: &common::PageText, left: bool| -> Option<usize> {
        let text: String = side.glyphs.iter().filter(|g| (g.x0 < a5w) == left).map(|g| g.text.as_str()).collect();
        let i = text.find('[')?;
        text[i + 1..].split(']').next()?.parse().ok()
    };
    let got: Vec<[Option<usize>; 2]> = sides.iter().map(|s| [folio(s, true), folio(s, false)]).collect();
    let want: Vec<[Option<usize>; 2]> = brochure::layout::impose::booklet_order(n).into_iter().map(|[l, r]| [l.map(|i| i + 1), r.map(|i| i + 1)]).collect();
    assert_eq!(got, want);
    // Untagged sheets, no reading-order standard claimed.
    assert!(out.standards.is_empty());
    assert!(catalog(&doc).get(b"StructTreeRoot").is_err());
}

#[test]
fn impose_booklet_keeps_the_bleed_on_the_outer_edges_and_refuses_reading_standards() {
    let src = a5_source(2, "  bleed: 3mm\n  crop_marks: true\n");
    let opts = Options { impose: Some(brochure::layout::impose::Impose::Booklet), standards: Standards::Exactly(vec![Standard::X4]), ..Options::default() };
    let out = brochure::compile_str(&src, Path::new("."), &opts).unwrap();
    assert_eq!(out.standards, vec![Standard::X4]);
    let doc = Document::load_mem(&out.pdf).unwrap();
    let b = 3.0 / 25.4 * 72.0;
    let (w, h) = (296.0 / 25.4 * 72.0, 210.0 / 25.4 * 72.0);
    for id in doc.get_pages().values() {
        let trim = common::page_box(&doc, *id, b"TrimBox").unwrap();
        let bleed = common::page_box(&doc, *id, b"BleedBox").unwrap();
        assert!(((trim[2] - trim[0]) - w).abs() < 0.1 && ((trim[3] - trim[1]) - h).abs() < 0.1, "{trim:?}");
        assert!(((bleed[2] - bleed[0]) - (w + 2.0 * b)).abs() < 0.1, "{bleed:?}");
        // Each half is clipped: the right half from the fold (no bleed
        // there) to the outer bleed.
        let content = String::from_utf8_lossy(&doc.get_page_content(*id).unwrap()).into_owned();
        let fold = trim[0] + w / 2.0;
        assert!(
            !content.contains(" BT") && !content.contains("\nBT") || content.contains(&format!("q {} ", krilla_num(fold))),
            "no clip at the fold {fold}: {}",
            &content[..600.min(content.len())]
        );
    }
    let opts = Options { impose: Some(brochure::layout::impose::Impose::Booklet), standards: Standards::Exactly(vec![Standard::Ua1]), ..Options::default() };
    let Err(brochure::Error::Source(d)) = brochure::compile_str(&src, Path::new("."), &opts) else { panic!("PDF/UA sheets were accepted") };
    assert_eq!(d[0].headline("t.yaml"), "t.yaml: error: imposed sheets cannot meet PDF/UA-1 (their pages are in printing order, not reading order)");
}

/// A number as krilla writes it (shortest form, up to 4 decimals).
fn krilla_num(v: f32) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[test]
fn qr_codes_encode_each_items_first_link_and_are_figures_with_the_address() {
    let src = "title: T\ndate: 2021-03-01\nitems:\n  - title: A\n    body: Words.\n    links:\n      - {text: Read more, url: \"https://example.org/a\"}\n      - {text: And more, url: \"https://example.org/b\"}\n  - title: B\n    body: More words.\n    links:\n      - {text: Elsewhere, url: \"https://example.org/elsewhere/page.html\"}\ntheme:\n  qr_codes: true\n";
    let (model, d) = brochure::model::parse(src);
    assert!(d.is_empty(), "{d:?}");
    let (doc, d) = brochure::resolve::resolve(&model.unwrap(), Path::new("."));
    assert!(d.is_empty(), "{d:?}");
    let doc = doc.unwrap();
    let laid = brochure::layout::layout(&doc);
    // The rectangles of each code rebuild the encoder's matrix exactly.
    let mut found = Vec::new();
    for (_, item) in laid.pages.iter().flat_map(|p| &p.items) {
        let brochure::layout::Item::Rects { rects, tag, .. } = item else { continue };
        let node = laid.structure.iter().find(|n| Some(n.id) == tag.map(|t| t.node)).expect("the code is tagged");
        let brochure::layout::Role::Figure(Some(url)) = &node.role else { panic!("{:?}", node.role) };
        let (n, runs) = brochure::layout::qr::modules(url).unwrap();
        let module = rects[0][3].get();
        let mut grid = vec![false; (n * n) as usize];
        for [x, y, w, _] in rects {
            let (row, col, len) = ((y.get() / module).round() as u32, (x.get() / module).round() as u32, (w.get() / module).round() as u32);
            for c in col..col + len {
                grid[(row * n + c) as usize] = true;
            }
        }
        let mut want = vec![false; (n * n) as usize];
        for (row, col, len) in runs {
            for c in col..col + len {
                want[(row * n + c) as usize] = true;
            }
        }
        assert_eq!(grid, want, "{url}");
        found.push(url.clone());
    }
    assert_eq!(found, vec!["https://example.org/a", "https://example.org/elsewhere/page.html"]);
    // In the PDF: two figures whose alternative text is the address.
    let (_, pdf) = built(src, Path::new("."), &[Standard::Ua1]);
    let alts: Vec<String> = common::structure(&pdf).into_iter().filter(|e| e.role == "Figure").filter_map(|e| e.alt).collect();
    assert_eq!(alts, vec!["https://example.org/a", "https://example.org/elsewhere/page.html"]);
    // Without the option, no code.
    let plain = brochure::layout::layout(
        &brochure::resolve::resolve(&brochure::model::parse(&src.replace("  qr_codes: true\n", "")).0.unwrap(), Path::new(".")).0.unwrap(),
    );
    assert!(!plain.pages.iter().flat_map(|p| &p.items).any(|(_, it)| matches!(it, brochure::layout::Item::Rects { .. })));
}

#[test]
fn an_items_qr_address_replaces_its_first_link_and_is_checked() {
    let src = |qr: &str, on: bool| {
        format!(
            "title: T\ndate: 2021-03-01\nitems:\n  - title: A\n    body: Words.\n    qr: {qr}\n    links:\n      - {{text: Read more, url: \"https://example.org/a\"}}\ntheme:\n  qr_codes: {on}\n"
        )
    };
    let (_, pdf) = built(&src("https://example.org/qr", true), Path::new("."), &[Standard::Ua1]);
    let alts: Vec<String> = common::structure(&pdf).into_iter().filter(|e| e.role == "Figure").filter_map(|e| e.alt).collect();
    assert_eq!(alts, vec!["https://example.org/qr"]);
    let Err(brochure::Error::Source(d)) = build(&src("example.org", true), Path::new("."), &[]) else { panic!("a bad address was accepted") };
    assert_eq!(d[0].headline("t.yaml"), "t.yaml:6:9: error: items[0].qr: `example.org` is not a web address");
    let out = build(&src("https://example.org/qr", false), Path::new("."), &[]).unwrap();
    let w: Vec<String> = out.warnings.iter().map(|d| d.headline("t.yaml")).collect();
    assert!(w.contains(&"t.yaml:6:9: warning: items[0].qr: `qr:` is not printed (QR codes are off)".to_string()), "{w:?}");
}
