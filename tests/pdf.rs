//! End-to-end checks on the sample brochure (`data/eu-unodc`): the PDF that
//! comes out parses, has the pages, fonts, bookmarks, links and metadata the
//! source asks for, and its text is the source's text, in order.
//!
//! The text is read back with the small ToUnicode decoder in `common`
//! rather than `lopdf::Document::extract_text`: lopdf 0.38 fails to parse
//! the ToUnicode CMaps krilla writes (`ToUnicodeCMap(Parse(Error))`).

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use brochure::model::{self, Block, Brochure};
use brochure::{Options, Output};
use common::{deref, dict, name_of, normalise, page_resources, pages_text};
use lopdf::{Document, Object};

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eu-unodc")
}

fn sample_source() -> &'static [u8] {
    static SRC: OnceLock<Vec<u8>> = OnceLock::new();
    SRC.get_or_init(|| std::fs::read(sample_dir().join("brochure.yaml")).expect("the sample source is readable"))
}

fn compile(source: &[u8]) -> Output {
    match brochure::compile_bytes(source, &sample_dir(), &Options::default()) {
        Ok(out) => out,
        Err(brochure::Error::Source(diags)) => {
            let text = String::from_utf8_lossy(source);
            let report: Vec<String> = diags.iter().map(|d| d.render("brochure.yaml", &text)).collect();
            panic!("the sample does not build:\n{}", report.join("\n\n"))
        }
        Err(e) => panic!("the sample does not build: {e}"),
    }
}

/// The sample, built once for all tests in this file.
fn sample() -> &'static (Output, Document) {
    static BUILT: OnceLock<(Output, Document)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = compile(sample_source());
        let doc = Document::load_mem(&out.pdf).expect("lopdf parses the PDF");
        (out, doc)
    })
}

fn sample_model() -> Brochure {
    let (model, diags) = model::parse(std::str::from_utf8(sample_source()).unwrap());
    assert!(diags.is_empty(), "{diags:?}");
    model.unwrap()
}

// ---------------------------------------------------------------------------
// Reading the PDF back (the decoder is in `common`, shared with
// tests/properties.rs)

fn name(obj: &Object) -> String {
    String::from_utf8_lossy(obj.as_name().expect("a name")).into_owned()
}

fn text_string(doc: &Document, obj: &Object) -> String {
    lopdf::decode_text_string(deref(doc, obj)).expect("a text string")
}

/// The words of Markdown inline text: link destinations are not shown.
fn markdown_words(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        rest = after.find(')').map_or("", |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// The tests

#[test]
fn pdf_parses_and_has_the_pages_it_claims() {
    let (out, doc) = sample();
    assert!(out.pdf.starts_with(b"%PDF-"));
    assert_eq!(out.items, 5);
    assert_eq!(doc.get_pages().len(), out.pages);
    assert!(out.pages >= 3, "five long items fit on {} pages?", out.pages);
    assert!(out.warnings.is_empty(), "the sample builds with warnings: {:?}", out.warnings);
    // Every page is A4 (the default), in points.
    for page in doc.page_iter() {
        let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap();
        let size: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
        assert!((size[2] - size[0] - 595.28).abs() < 0.1 && (size[3] - size[1] - 841.89).abs() < 0.1, "{size:?}");
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    let (_, doc) = sample();
    let mut seen = 0;
    for page in doc.page_iter() {
        let res = page_resources(doc, page);
        let Ok(fonts) = res.get(b"Font") else { continue };
        for (key, font) in dict(doc, fonts).iter() {
            let font = dict(doc, font);
            let key = String::from_utf8_lossy(key);
            let base = name(font.get(b"BaseFont").unwrap());
            let (tag, rest) = base.split_at(base.find('+').unwrap_or(0));
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) && rest.len() > 1,
                "font {key} `{base}` is not marked as a subset (ABCDEF+Name)"
            );
            // Type0 fonts keep their descriptor on the descendant.
            let described = match font.get(b"DescendantFonts") {
                Ok(d) => dict(doc, &deref(doc, d).as_array().unwrap()[0]),
                Err(_) => font,
            };
            let descriptor = dict(doc, described.get(b"FontDescriptor").unwrap_or_else(|_| panic!("font `{base}` has no descriptor")));
            let file = ["FontFile", "FontFile2", "FontFile3"].iter().find_map(|k| descriptor.get(k.as_bytes()).ok());
            let file = file.unwrap_or_else(|| panic!("font `{base}` is not embedded"));
            let stream = deref(doc, file).as_stream().unwrap();
            let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            // A subset is far smaller than the whole Noto face (500–660 KB in fonts/).
            assert!(data.len() > 1000 && data.len() < 200_000, "font `{base}` embeds {} bytes", data.len());
            seen += 1;
        }
    }
    assert!(seen >= 3, "only {seen} fonts found: body, headings and italics are all used");
}

#[test]
fn outline_has_one_entry_per_item() {
    let (_, doc) = sample();
    let model = sample_model();
    let outlines = dict(doc, doc.catalog().unwrap().get(b"Outlines").expect("the PDF has bookmarks"));
    let mut titles = Vec::new();
    let mut next = outlines.get(b"First").ok();
    while let Some(r) = next {
        let entry = dict(doc, r);
        titles.push(text_string(doc, entry.get(b"Title").unwrap()));
        assert!(entry.has(b"Dest") || entry.has(b"A"), "bookmark `{}` leads nowhere", titles.last().unwrap());
        next = entry.get(b"Next").ok();
    }
    let expected: Vec<String> = model.items.iter().map(|i| i.title.value.clone()).collect();
    assert_eq!(titles, expected);
}

#[test]
fn every_source_link_is_a_uri_annotation() {
    let (_, doc) = sample();
    let model = sample_model();
    let mut uris = Vec::new();
    for page in doc.page_iter() {
        for annot in doc.get_page_annotations(page).unwrap() {
            if name_of(annot, b"Subtype").as_deref() != Some("Link") {
                continue;
            }
            if let Ok(action) = annot.get(b"A") {
                let action = dict(doc, action);
                if name_of(action, b"S").as_deref() == Some("URI") {
                    uris.push(String::from_utf8_lossy(deref(doc, action.get(b"URI").unwrap()).as_str().unwrap()).into_owned());
                }
            }
        }
    }
    let mut wanted: Vec<String> = model.items.iter().flat_map(|i| i.links.iter().map(|l| l.url.value.clone())).collect();
    // Markdown links in the closing text are links too.
    let closing = model.closing.as_ref().unwrap().value.clone();
    let url = closing.split("](").nth(1).and_then(|s| s.split(')').next()).unwrap();
    wanted.push(url.to_string());
    assert_eq!(wanted.len(), 8);
    for url in &wanted {
        assert!(uris.contains(url), "no link annotation leads to {url}\nfound: {uris:#?}");
    }
    assert!(uris.iter().all(|u| wanted.contains(u)), "a link leads somewhere the source never said: {uris:#?}");
}

#[test]
fn metadata_comes_from_the_source() {
    let (_, doc) = sample();
    let info = dict(doc, doc.trailer.get(b"Info").expect("the PDF has an info dictionary"));
    assert_eq!(text_string(doc, info.get(b"Title").unwrap()), "EU–UNODC brochure");
    assert_eq!(text_string(doc, info.get(b"Author").unwrap()), "United Nations Office on Drugs and Crime");
    // No clock: the creation date is the brochure's own date.
    let created = text_string(doc, info.get(b"CreationDate").unwrap());
    assert!(created.starts_with("D:20210301000000"), "{created}");
    let lang = doc.catalog().unwrap().get(b"Lang").expect("the catalog names the language");
    assert_eq!(text_string(doc, lang), "en");
}

/// One piece of source text that must be found in the PDF.
struct Expect {
    what: String,
    text: String,
}

/// The source's words in reading order: title block, intro, each item
/// (title, lead image words, body blocks, links, tags), closing.
fn source_in_order(b: &Brochure) -> Vec<Expect> {
    let mut out = Vec::new();
    let mut push = |what: String, s: &str| {
        let text = normalise(&markdown_words(s));
        if !text.is_empty() {
            out.push(Expect { what, text });
        }
    };
    push("title".into(), &b.title.value);
    for (what, v) in [("subtitle", &b.subtitle), ("publisher", &b.publisher), ("intro", &b.intro)] {
        if let Some(v) = v {
            push(what.into(), &v.value);
        }
    }
    for (i, item) in b.items.iter().enumerate() {
        let p = format!("items[{i}]");
        push(format!("{p}.title"), &item.title.value);
        if let Some(l) = &item.location {
            push(format!("{p}.location"), &l.value);
        }
        if let Some(img) = &item.image {
            for (what, v) in [("credit", &img.credit), ("caption", &img.caption)] {
                if let Some(v) = v {
                    push(format!("{p}.image.{what}"), &v.value);
                }
            }
        }
        if let Some(s) = &item.summary {
            push(format!("{p}.summary"), &s.value);
        }
        for (j, block) in item.body.iter().enumerate() {
            let bp = format!("{p}.body[{j}]");
            match block {
                Block::Paragraph(t) => push(bp, &t.value),
                Block::Quote { quote, by, .. } => {
                    push(format!("{bp}.quote"), &quote.value);
                    if let Some(by) = by {
                        push(format!("{bp}.by"), &by.value);
                    }
                }
                Block::Heading(h) => push(format!("{bp}.heading"), &h.value),
                Block::Image(img) => {
                    for (what, v) in [("credit", &img.credit), ("caption", &img.caption)] {
                        if let Some(v) = v {
                            push(format!("{bp}.image.{what}"), &v.value);
                        }
                    }
                }
                Block::List(entries) => {
                    for (k, e) in entries.iter().enumerate() {
                        push(format!("{bp}.list[{k}]"), &e.value);
                    }
                }
                // The sample has no box (tests/boxes.rs reads boxes back).
                Block::Box { title, .. } => push(format!("{bp}.box.title"), &title.value),
                // A gallery prints its gathered credits, not each image's.
                Block::Gallery(g) => {
                    if let Some(c) = &g.caption {
                        push(format!("{bp}.gallery.caption"), &c.value);
                    }
                }
            }
        }
        for (k, l) in item.links.iter().enumerate() {
            push(format!("{p}.links[{k}].text"), &l.text.value);
        }
        for (k, t) in item.tags.iter().enumerate() {
            push(format!("{p}.tags[{k}]"), &t.value);
        }
    }
    if let Some(c) = &b.closing {
        push("closing".into(), &c.value);
    }
    out
}

/// The printed page numbers, from the catalog's /PageLabels: front matter
/// in roman numerals (`/r`), the body in decimals from 1 (`/D`).
fn page_labels(doc: &Document) -> Vec<String> {
    let roman = |n: usize| ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].get(n).map_or_else(|| n.to_string(), |s| s.to_string());
    let catalog = doc.catalog().unwrap();
    let labels = catalog.get(b"PageLabels").ok().and_then(|l| doc.dereference(l).ok()).and_then(|(_, l)| l.as_dict().ok().cloned());
    let mut ranges: Vec<(usize, Vec<u8>)> = Vec::new();
    if let Some(l) = labels {
        let nums = l.get(b"Nums").unwrap().as_array().unwrap();
        for pair in nums.chunks(2) {
            let start = pair[0].as_i64().unwrap() as usize;
            let (_, d) = doc.dereference(&pair[1]).unwrap();
            let style = d.as_dict().unwrap().get(b"S").unwrap().as_name().unwrap().to_vec();
            ranges.push((start, style));
        }
    }
    (0..doc.get_pages().len())
        .map(|k| match ranges.iter().rev().find(|(s, _)| *s <= k) {
            Some((s, style)) if style == b"r" => roman(k - s + 1),
            Some((s, _)) => (k - s + 1).to_string(),
            None => (k + 1).to_string(),
        })
        .collect()
}

/// The text of all pages, normalised, without the running footer (the page
/// number, which must end each page but the cover).
fn document_text(doc: &Document) -> String {
    let mut all = String::new();
    let labels = page_labels(doc);
    for (k, text) in pages_text(doc).iter().enumerate() {
        assert!(!text.contains('\u{FFFD}'), "page {}: a glyph has no Unicode mapping: {text}", k + 1);
        let norm = normalise(text);
        // The sample has a cover: page i carries no footer.
        if k == 0 && labels[0] == "i" {
            all.push_str(&norm);
            continue;
        }
        let number = &labels[k];
        let body = norm
            .strip_suffix(number.as_str())
            .unwrap_or_else(|| panic!("page {} does not end with its number {number} in the footer: …{}", k + 1, &norm[norm.len().saturating_sub(60)..]));
        all.push_str(body);
    }
    all
}

#[test]
fn extracted_text_is_the_source_text_in_order() {
    let (_, doc) = sample();
    let model = sample_model();
    let text = document_text(doc);
    let expected = source_in_order(&model);
    assert!(expected.len() > 60, "the walk found only {} pieces of text", expected.len());
    let mut at = 0;
    for e in &expected {
        match text[at..].find(&e.text) {
            Some(i) => at += i + e.text.len(),
            None => {
                let head: String = e.text.chars().take(60).collect();
                let near: String = text[at..].chars().take(200).collect();
                let elsewhere = text.find(&e.text).map_or("nowhere in the PDF".to_string(), |i| format!("earlier, at {i} (out of order)"));
                panic!("{} is not in the PDF after position {at}; it is {elsewhere}\nexpected: {head}…\nfollowing text: {near}…", e.what);
            }
        }
    }
}

#[test]
fn the_text_decoder_sees_text_that_is_there_and_not_text_that_is_not() {
    // Guards the test above against a decoder that finds everything (or nothing).
    let (_, doc) = sample();
    let text = document_text(doc);
    assert!(text.len() > 15_000, "only {} letters and digits extracted", text.len());
    assert!(text.contains(&normalise("Tunis-Carthage International Airport")));
    assert!(!text.contains(&normalise("this sentence is not in the brochure")));
}

#[test]
fn builds_are_byte_identical() {
    let (out, _) = sample();
    let again = compile(sample_source());
    assert!(again.pdf == out.pdf, "two builds of the same source differ ({} vs {} bytes)", out.pdf.len(), again.pdf.len());
}

fn document_id(pdf: &[u8]) -> Vec<Vec<u8>> {
    let doc = Document::load_mem(pdf).unwrap();
    let id = doc.trailer.get(b"ID").expect("the trailer has an /ID");
    id.as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_vec()).collect()
}

#[test]
fn a_changed_word_changes_the_document_id() {
    let (out, _) = sample();
    let src = String::from_utf8(sample_source().to_vec()).unwrap();
    let changed = src.replacen("five border posts", "six border posts", 1);
    assert_ne!(changed, src);
    let other = compile(changed.as_bytes());
    let (a, b) = (document_id(&out.pdf), document_id(&other.pdf));
    assert_eq!(a.len(), 2);
    assert_ne!(a[0], b[0], "the first /ID part names the content and must change with it");
    assert_ne!(out.pdf, other.pdf);
}

#[test]
fn added_hyphens_are_not_extracted_as_hard_hyphens() {
    let (_, doc) = sample();
    let source = String::from_utf8(sample_source().to_vec()).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut spurious = Vec::new();
    for page in pages_text(doc) {
        let chars: Vec<char> = page.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c != '-' || i < 3 || i + 3 >= chars.len() {
                continue;
            }
            let around: String = chars[i - 3..=i + 3].iter().collect();
            // Only letter-hyphen-letter: the hyphen sits inside a word.
            if around.chars().all(|c| c.is_alphabetic() || c == '-') && !source.contains(&around) {
                spurious.push(around);
            }
        }
    }
    assert!(spurious.is_empty(), "hyphens in the PDF text that the source does not have: {spurious:?}");
}

// ---------------------------------------------------------------------------
// Tagged PDF: the structure tree, the standards (#6)

#[test]
fn structure_tree_reads_the_source_in_order() {
    let (_, doc) = sample();
    let tree = common::structure(doc);
    assert!(tree.len() > 50, "only {} structure elements", tree.len());
    let text: String = tree.iter().map(|e| normalise(&e.text)).collect();
    let mut at = 0;
    for e in source_in_order(&sample_model()) {
        match text[at..].find(&e.text) {
            Some(i) => at += i + e.text.len(),
            None => panic!("{} is not in the structure tree after {at} (elsewhere: {:?})", e.what, text.find(&e.text)),
        }
    }
    // Running footers are artifacts: no page number is read out between
    // the last item's words and the end.
    let tail = source_in_order(&sample_model()).pop().unwrap().text;
    assert!(text.ends_with(&tail), "the structure ends with something else: …{}", &text[text.len().saturating_sub(80)..]);
}

#[test]
fn structure_tree_has_the_roles_of_the_source() {
    let (_, doc) = sample();
    let model = sample_model();
    let tree = common::structure(doc);
    let roles = |r: &str| tree.iter().filter(|e| e.role == r).collect::<Vec<_>>();
    assert_eq!(tree[0].role, "Document");
    assert_eq!(tree[0].lang.as_deref(), Some("en"));
    let h1: Vec<_> = roles("H1").iter().map(|e| e.title.clone().unwrap_or_default()).collect();
    assert_eq!(h1, vec![model.title.value.clone()]);
    let h2: Vec<String> = roles("H2").iter().map(|e| e.title.clone().unwrap_or_default()).collect();
    let mut expected = vec!["Contents".to_string()];
    expected.extend(model.items.iter().map(|i| i.title.value.clone()));
    assert_eq!(h2, expected, "H2: the contents heading, then the item titles");
    // Every image with an alt text is a Figure carrying it, in order.
    let alts: Vec<String> = roles("Figure").iter().map(|e| e.alt.clone().expect("a Figure has /Alt")).collect();
    let mut want: Vec<String> = model.cover.iter().filter_map(|i| i.alt.as_ref()).map(|a| a.value.clone()).collect();
    for item in &model.items {
        want.extend(item.image.iter().filter_map(|i| i.alt.as_ref()).map(|a| a.value.clone()));
        for b in &item.body {
            if let Block::Image(i) = b {
                want.extend(i.alt.iter().map(|a| a.value.clone()));
            }
        }
    }
    assert_eq!(alts.len(), want.len());
    for (got, want) in alts.iter().zip(&want) {
        assert_eq!(normalise(got), normalise(want));
    }
    let quotes = model.items.iter().flat_map(|i| &i.body).filter(|b| matches!(b, Block::Quote { .. })).count();
    assert_eq!(roles("BlockQuote").len(), quotes);
    assert_eq!(roles("TOCI").len(), model.items.len(), "one contents entry per item");
    // Each link holds its annotation: the contents entries and the
    // "more information" links.
    let links = roles("Link");
    assert!(links.len() >= model.items.len() + model.items.iter().map(|i| i.links.len()).sum::<usize>());
    assert!(links.iter().all(|l| l.annotations >= 1 && !l.text.trim().is_empty()), "a Link without its annotation or words");
    let catalog = doc.catalog().unwrap();
    let marked = dict(doc, catalog.get(b"MarkInfo").unwrap()).get(b"Marked").unwrap().as_bool().unwrap();
    assert!(marked, "/MarkInfo /Marked true");
}

#[test]
fn the_sample_meets_pdf_ua_1_and_pdf_a_2a() {
    let (out, doc) = sample();
    assert_eq!(out.standards, vec![brochure::standard::Standard::Ua1, brochure::standard::Standard::A2a]);
    let catalog = doc.catalog().unwrap();
    let (_, meta) = doc.dereference(catalog.get(b"Metadata").unwrap()).unwrap();
    let xmp = String::from_utf8_lossy(&meta.as_stream().unwrap().content).into_owned();
    for claim in ["<pdfuaid:part>1<", "<pdfaid:part>2<", "<pdfaid:conformance>A<"] {
        assert!(xmp.contains(claim), "XMP lacks {claim}");
    }
}

/// A one-item brochure with the sample's first photograph, `image` being the
/// item's image mapping (without `src`).
fn with_image(image: &str, opts: &Options) -> Result<Output, brochure::Error> {
    let src =
        format!("title: T\ndate: 2021-03-01\nitems:\n  - title: One\n    image: {{src: images/tunisia-airport.jpg{image}}}\n    body: Words of the body.\n");
    brochure::compile_str(&src, &sample_dir(), opts)
}

#[test]
fn an_image_without_alt_is_a_warning_by_default_and_an_error_under_pdf_ua() {
    use brochure::standard::{Standard, Standards};
    let out = with_image("", &Options::default()).expect("builds by default");
    let w = out.warnings.iter().find(|d| d.path == "items[0].image").expect("a warning at the image");
    assert!(w.message.contains("no text alternative") && w.hints.iter().any(|h| h.contains("alt:")), "{w:?}");
    let span = w.span.expect("located");
    assert_eq!((span.line, span.col), (5, 18), "at the image path");
    assert_eq!(out.standards, vec![Standard::A2b], "PDF/UA and A-2a need the alt text; A-2b does not");
    let strict = Options { standards: Standards::Exactly(vec![Standard::Ua1]), ..Options::default() };
    match with_image("", &strict) {
        Err(brochure::Error::Source(d)) => {
            let e = d.iter().find(|d| d.is_error()).expect("an error");
            assert_eq!(e.path, "items[0].image");
            assert!(e.span.is_some());
        }
        other => panic!("expected a source error, got {:?}", other.map(|o| o.warnings)),
    }
    let ok = with_image(", alt: A terminal at dusk", &strict).expect("builds with alt");
    assert_eq!(ok.standards, vec![Standard::Ua1]);
}

#[test]
fn empty_alt_marks_a_decorative_image() {
    let out = with_image(", alt: \"\"", &Options::default()).expect("builds");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(out.standards.contains(&brochure::standard::Standard::Ua1));
    let doc = Document::load_mem(&out.pdf).unwrap();
    let tree = common::structure(&doc);
    assert!(!tree.is_empty());
    assert!(tree.iter().all(|e| e.role != "Figure"), "a decorative image is an artifact, not a Figure");
}

#[test]
fn standard_none_writes_an_untagged_pdf() {
    let opts = Options { standards: brochure::standard::Standards::Exactly(Vec::new()), ..Options::default() };
    let out = with_image(", alt: A terminal", &opts).unwrap();
    let doc = Document::load_mem(&out.pdf).unwrap();
    assert!(common::structure(&doc).is_empty());
    assert!(doc.catalog().unwrap().get(b"StructTreeRoot").is_err());
    let tagged = with_image(", alt: A terminal", &Options::default()).unwrap();
    assert!(tagged.pdf.len() > out.pdf.len());
}

#[test]
fn an_item_in_another_language_is_a_section_with_its_language() {
    let src =
        "title: T\ndate: 2021-03-01\nlanguage: en\nitems:\n  - title: One\n    body: In English.\n  - title: Deux\n    language: fr\n    body: En français.\n";
    let out = brochure::compile_str(src, &sample_dir(), &Options::default()).unwrap();
    let doc = Document::load_mem(&out.pdf).unwrap();
    let tree = common::structure(&doc);
    let sect: Vec<_> = tree.iter().filter(|e| e.role == "Sect").collect();
    assert_eq!(sect.len(), 1, "only the French item needs a section of its own");
    assert_eq!(sect[0].lang.as_deref(), Some("fr"));
    let i = tree.iter().position(|e| e.role == "Sect").unwrap();
    assert!(tree[i + 1..].iter().take_while(|e| e.depth > tree[i].depth).any(|e| normalise(&e.text) == "enfrançais"));
}

#[test]
fn a_character_no_font_has_breaks_pdf_ua_at_its_place() {
    use brochure::standard::{Standard, Standards};
    let src = "title: T\ndate: 2021-03-01\nitems:\n  - title: One\n    body:\n      - Fine words.\n      - A sign 一 no font has.\n";
    let strict = Options { standards: Standards::Exactly(vec![Standard::Ua1]), ..Options::default() };
    match brochure::compile_str(src, &sample_dir(), &strict) {
        Err(brochure::Error::Source(d)) => {
            let e = d.iter().find(|d| d.is_error()).expect("an error");
            assert!(e.message.contains('一'), "{e:?}");
            assert_eq!(e.path, "items[0].body[1]");
            assert_eq!(e.span.map(|s| s.line), Some(7));
        }
        other => panic!("expected a source error, got {:?}", other.map(|o| o.standards)),
    }
    // By default the file is still written, without the claim.
    let out = brochure::compile_str(src, &sample_dir(), &Options::default()).expect("builds");
    assert!(!out.standards.contains(&Standard::Ua1), "{:?}", out.standards);
    assert!(out.warnings.iter().any(|w| w.message.contains('一') && w.path == "items[0].body[1]"), "{:?}", out.warnings);
}

// ---------------------------------------------------------------------------
// Right-to-left text (issue #10)

/// The text of every page of a PDF built from `src`, joined.
fn text_of_built(src: &str) -> String {
    let out = compile(src.as_bytes());
    let doc = Document::load_mem(&out.pdf).expect("lopdf parses the PDF");
    pages_text(&doc).join("")
}

/// Under PDF/UA krilla maps every glyph of a cluster to the cluster's text;
/// a letter first seen with a mark (`نُ`) then needed its own actual text
/// when used alone, which split the word's reversed-characters sequence and
/// put its pieces out of order for readers that follow the marks. Each glyph
/// of a letter-and-marks cluster now shows its own character.
#[test]
fn arabic_with_marks_reads_in_order_in_a_tagged_pdf_too() {
    let body = "وقد نُظّم الحفل بمطار تونس الدولي.";
    let out = compile(one_paragraph("ar", body).as_bytes());
    let doc = Document::load_mem(&out.pdf).unwrap();
    let text = pages_text(&doc).join("");
    assert!(words_only(&text).contains(&words_only(body)), "extracted: {text}");
}

/// An item with one body paragraph, in one column.
fn one_paragraph(language: &str, body: &str) -> String {
    format!("title: T\nlanguage: {language}\nitems:\n  - title: Item\n    body: \"{body}\"\ntheme: {{columns: 1, footer: \"\"}}\n")
}

/// Only what extraction must keep: letters, digits and Arabic marks, with
/// spaces collapsed.
fn words_only(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{AD}').collect()
}

const ARABIC: &str = "في إطار استجابة الأمم المتحدة المنسقة لجائحة كوفيد في تونس، قام المكتب بتجهيز خمسة مراكز حدودية بوحدات تعقيم توفر معدات وقائية وطبية لعزل المسافرين الذين تظهر عليهم الأعراض وفحصهم. وقد نُظّم حفل التسليم بمطار تونس قرطاج الدولي.";

#[test]
fn arabic_text_comes_out_in_the_order_it_was_written() {
    let text = text_of_built(&one_paragraph("ar", ARABIC));
    assert!(words_only(&text).contains(&words_only(ARABIC)), "extracted: {text}");
}

#[test]
fn latin_names_and_numbers_inside_arabic_keep_their_order() {
    let body = "وقد نُظّم الحفل في 1 مارس 2021 بمطار تونس قرطاج الدولي، وفقاً لتدابير منظمة الصحة العالمية (WHO) وبتمويل قدره 1.5 مليون يورو من الاتحاد الأوروبي لبرنامج UNODC Border Management.";
    let text = text_of_built(&one_paragraph("ar", body));
    assert!(words_only(&text).contains(&words_only(body)), "extracted: {text}");
}

/// Noto Sans Arabic (the headings' fallback) draws lam-alef and
/// lam-alef-maksura as one glyph each; read back character by character
/// from a `/ReversedChars` run they came out as "ال" and "ىل" ("األدلة",
/// "عىل") until the glyph's text was given reversed.
#[test]
fn ligatures_of_arabic_headings_come_out_as_written() {
    let title = "الأدلة على الاتحاد لا إلى";
    let src = format!(
        "title: T\nlanguage: ar\nitems:\n  - title: {title}\n    body:\n      - heading: {title}\n      - {title}\ntheme: {{columns: 1, footer: \"\"}}\n"
    );
    for standards in [Vec::new(), vec![brochure::standard::Standard::Ua1]] {
        let opts = Options { standards: brochure::standard::Standards::Exactly(standards.clone()), ..Options::default() };
        let out = brochure::compile_str(&src, &sample_dir(), &opts).expect("builds");
        let doc = Document::load_mem(&out.pdf).unwrap();
        let text = words_only(&pages_text(&doc).join(""));
        // The item's title, its sub-heading (both sans) and its paragraph (serif).
        assert_eq!(text.matches(&words_only(title)).count(), 3, "{standards:?}: {text}");
    }
}

#[test]
fn arabic_and_hebrew_inside_english_keep_their_order() {
    let body = "Delegates from Jordan (الأردن), Egypt (مصر) and Israel (ישראל) met in Amman on 12 May 2021.";
    let text = text_of_built(&one_paragraph("en", body));
    assert!(words_only(&text).contains(&words_only(body)), "extracted: {text}");
}

/// The gaps inside words of justified Arabic lines (between two letters
/// with no space glyph between them), in em.
fn arabic_inner_gaps(src: &str) -> Vec<f32> {
    let out = compile(src.as_bytes());
    let doc = Document::load_mem(&out.pdf).expect("lopdf parses the PDF");
    let mut gaps = Vec::new();
    for page in common::pages(&doc) {
        let mut lines: std::collections::BTreeMap<i32, Vec<&common::PlacedGlyph>> = std::collections::BTreeMap::new();
        for g in page.glyphs.iter().filter(|g| (g.size - 9.5).abs() < 0.01) {
            lines.entry(g.y.round() as i32).or_default().push(g);
        }
        for glyphs in lines.values_mut() {
            glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            for w in glyphs.windows(2) {
                let arabic = |g: &common::PlacedGlyph| g.text.chars().any(|c| ('\u{620}'..='\u{64A}').contains(&c));
                if arabic(w[0]) && arabic(w[1]) {
                    gaps.push((w[1].x0 - w[0].x1) / 9.5);
                }
            }
        }
    }
    gaps
}

/// Kashida lengthen the joins of justified Arabic words without a glyph: the
/// words extract exactly as written, and no gap inside a word reaches the
/// 0.1 em at which extractors start a new word.
#[test]
fn kashida_stretch_arabic_words_and_keep_their_text() {
    let body = format!("{ARABIC} {ARABIC}");
    let src = format!("title: T\nlanguage: ar\nitems:\n  - title: Item\n    body: \"{body}\"\ntheme: {{columns: 1}}\n");
    let text = text_of_built(&src);
    assert!(words_only(&text).contains(&words_only(&body)), "extracted: {text}");
    // Word by word, too: no word is split or joined.
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(|c| ('\u{620}'..='\u{64A}').contains(&c))).collect();
    for w in ARABIC.split(' ') {
        assert!(words.contains(&w), "`{w}` not among the extracted words");
    }
    let gaps = arabic_inner_gaps(&src);
    let stretched = gaps.iter().filter(|g| **g > 0.01).count();
    assert!(stretched >= 10, "{stretched} kashidas");
    assert!(gaps.iter().all(|g| *g < 0.085), "{:?}", gaps.iter().copied().fold(0.0f32, f32::max));
    // Turned off, the letters of a word touch.
    let off = src.replace("{columns: 1}", "{columns: 1, kashida: false}");
    assert!(arabic_inner_gaps(&off).iter().all(|g| *g < 0.01));
}

#[test]
fn right_to_left_lines_are_set_flush_right() {
    let src = one_paragraph("ar", &format!("{ARABIC} {ARABIC}"));
    let out = compile(src.as_bytes());
    let doc = Document::load_mem(&out.pdf).expect("lopdf parses the PDF");
    let page = &common::pages(&doc)[0];
    // Lines of the paragraph (Arabic glyphs), by baseline: each ends at the
    // same right edge, and the last (short) one starts well right of the left edge.
    // Marks are drawn off the baseline: lines of a few glyphs are not lines.
    let mut lines: std::collections::BTreeMap<i32, (f32, f32, usize)> = std::collections::BTreeMap::new();
    for g in page.glyphs.iter().filter(|g| g.text.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c))) {
        let e = lines.entry(g.y.round() as i32).or_insert((f32::MAX, f32::MIN, 0));
        e.0 = e.0.min(g.x0);
        e.1 = e.1.max(g.x1);
        e.2 += 1;
    }
    lines.retain(|_, (_, _, n)| *n >= 10);
    assert!(lines.len() >= 3, "{lines:?}");
    let rights: Vec<f32> = lines.values().map(|(_, r, _)| *r).collect();
    let lefts: Vec<f32> = lines.values().map(|(l, _, _)| *l).collect();
    let max_right = rights.iter().copied().fold(f32::MIN, f32::max);
    for r in &rights {
        assert!((max_right - r).abs() < 4.0, "ragged right edge: {rights:?}");
    }
    // PDF y grows upwards: the last line has the smallest y.
    assert!(lefts[0] > lefts[1] + 20.0, "the last line is not flush right: {lefts:?}");
}

// ---------------------------------------------------------------------------
// Every official language (issue #18)

/// The Arabic edition of `data/arabic`, built once.
fn arabic_edition() -> &'static (Output, Document) {
    static BUILT: OnceLock<(Output, Document)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = brochure::compile_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/arabic/brochure.yaml"), &Options::default())
            .expect("the Arabic edition builds");
        let doc = Document::load_mem(&out.pdf).expect("lopdf parses the PDF");
        (out, doc)
    })
}

#[test]
fn an_arabic_edition_prints_no_english_word_of_the_program() {
    let (out, doc) = arabic_edition();
    assert_eq!(out.warnings, Vec::new());
    let text = pages_text(doc).join("\n");
    for word in ["Contents", "Image", "More information"] {
        assert!(!text.contains(word), "`{word}` in:\n{text}");
    }
    let words = words_only(&text);
    for label in ["المحتويات", "لمزيد من المعلومات", "الصورة © UNODC"] {
        assert!(words.contains(&words_only(label)), "no `{label}` in:\n{text}");
    }
    // A credit that says "image" itself is not given the word twice.
    assert_eq!(words.matches(&words_only("الصورة © UNODC")).count(), 3, "{text}");
}

#[test]
fn arabic_contents_have_their_numbers_left_of_the_titles_in_arabic_indic_digits() {
    let (_, doc) = arabic_edition();
    let pages = common::pages(doc);
    // Page ii: the intro and the contents (four entries: three start on
    // page 1, the fourth at the top of page 2).
    let contents = &pages[1];
    // Only the author's (كوفيد-19) are Latin.
    assert_eq!(contents.text.chars().filter(|c| c.is_ascii_digit()).collect::<String>(), "19", "{}", contents.text);
    let numbers: Vec<&common::PlacedGlyph> = contents.glyphs.iter().filter(|g| matches!(g.text.as_str(), "١" | "٢") && g.size > 8.0).collect();
    // The numbers (8.6 pt) stand at the left edge of the frame; the dates
    // (7.1 pt) under the titles hold digits too, at the right.
    let left: Vec<&str> = numbers.iter().filter(|g| g.x0 < 80.0).map(|g| g.text.as_str()).collect();
    assert_eq!(left, ["١", "١", "١", "٢"], "{numbers:?}");
    for n in numbers.iter().filter(|g| g.x0 < 80.0) {
        let line: Vec<&common::PlacedGlyph> =
            contents.glyphs.iter().filter(|g| (g.y - n.y).abs() < 0.5 && g.text.chars().any(|c| ('\u{621}'..='\u{64A}').contains(&c))).collect();
        assert!(!line.is_empty(), "no title beside {n:?}");
        // Dot leaders between them, the title against the right edge.
        assert!(line.iter().all(|g| g.x0 > n.x1 + 100.0), "a title runs into its number: {n:?}");
        let right = line.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
        assert!(right > 520.0, "the title is not flush right: {right}");
    }
    // The dates, under the titles, flush right too, in the same digits.
    assert!(contents.text.contains("جائحة كوفيد-19 في تونس ١ ١ مارس ٢٠٢١"), "{}", contents.text);
    // Page 1's footer.
    assert!(pages[2].glyphs.iter().any(|g| g.text == "١" && g.y < 60.0), "no ١ in the footer of page 1");
}

#[test]
fn spanish_russian_and_french_items_print_their_own_words() {
    let src = "title: T\nlanguage: es\ndate: 2021-03-01\nitems:\n  - title: Uno\n    date: 2021-03-01\n    image: {src: images/mombasa-port.jpg, credit: © ONUDD, alt: Un puerto}\n    body: Texto \"citado\".\n    links: [{text: Sitio, url: 'https://example.org'}]\n  - title: Два\n    language: ru\n    date: 2021-03-01\n    body: Текст \"в кавычках\".\n    links: [{text: Сайт, url: 'https://example.org'}]\n  - title: Trois\n    language: fr\n    date: 2021-03-01\n    body: Texte \"cité\".\n    links: [{text: Site, url: 'https://example.org'}]\n  - title: Cuatro\n    body: x\ntheme: {footer: ''}\n";
    let text = text_of_built(src);
    for expected in [
        "Índice",
        "Imagen © ONUDD",
        "Más información",
        "1 de marzo de 2021",
        "«citado»",
        "Подробнее",
        "1 марта 2021",
        "«в кавычках»",
        "Plus d’informations",
        "1er mars 2021",
        "«\u{202F}cité\u{202F}»",
    ] {
        assert!(text.contains(expected), "no `{expected}` in:\n{text}");
    }
}

/// The Chinese edition of `data/chinese`, its font a one-face collection
/// (`.ttc#0`) subset of Droid Sans Fallback committed beside it.
#[test]
fn a_chinese_edition_with_a_collection_font_reads_back_and_breaks_by_the_cjk_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/chinese");
    let out = brochure::compile_file(dir.join("brochure.yaml"), &Options::default()).expect("the Chinese edition builds");
    assert_eq!(out.warnings, Vec::new(), "every character has a font");
    let doc = Document::load_mem(&out.pdf).unwrap();
    let pages = common::pages(&doc);
    let text = words_only(&pages.iter().map(|p| p.text.as_str()).collect::<String>());
    let source = std::fs::read_to_string(dir.join("brochure.yaml")).unwrap();
    let model = model::parse(&source).0.unwrap();
    for item in &model.items {
        assert!(text.contains(&words_only(&item.title.value)), "{}", item.title.value);
        for block in &item.body {
            if let Block::Paragraph(p) = block {
                // The source's straight quotes are printed as Chinese ones.
                let p = p.value.replace("：\"", "：“").replace("。\"", "。”");
                assert!(text.contains(&words_only(&p)), "not extracted in order: {p}\nfrom: {text}");
            }
        }
    }
    for label in ["目录", "更多信息", "图片©UNODC", "2021年3月1日", "2021年1月26日"] {
        assert!(text.contains(label), "no `{label}`");
    }
    // No line starts with closing punctuation or ends with opening.
    let mut lines = 0;
    for page in &pages {
        let mut by_line: std::collections::BTreeMap<(i32, i32), Vec<&common::PlacedGlyph>> = std::collections::BTreeMap::new();
        for g in page.glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
            // Columns apart: a line is a baseline within one half of the page.
            by_line.entry((g.y.round() as i32, (g.x0 / 297.0) as i32)).or_default().push(g);
        }
        for glyphs in by_line.values_mut() {
            glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let (first, last) = (&glyphs[0].text, &glyphs[glyphs.len() - 1].text);
            assert!(!"，。、；：？！）」』》”".contains(first.as_str()), "a line starts with {first}");
            assert!(!"（「『《“".contains(last.as_str()), "a line ends with {last}");
            lines += 1;
        }
    }
    assert!(lines > 40, "{lines} lines");
}
