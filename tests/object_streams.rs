//! The PDF's file structure (#21): every object that is not a stream lies in a
//! compressed object stream, the cross-reference is a stream whose dictionary
//! carries the trailer (`/Root`, `/Info`, `/ID`), and streams stay where a
//! reader finds them by offset. Read back with lopdf, which resolves object
//! streams itself.

use std::path::Path;

use lopdf::xref::XrefEntry;
use lopdf::{Document, Object};

fn build(dir: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let out =
        brochure::compile_file(dir.join("brochure.yaml"), &brochure::Options::default()).unwrap_or_else(|e| panic!("{} does not build: {e}", dir.display()));
    out.pdf
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The object that `startxref` points to.
fn startxref(pdf: &[u8]) -> usize {
    let tail = std::str::from_utf8(&pdf[pdf.len() - 32..]).expect("an ASCII tail");
    let after = tail.rsplit("startxref").next().unwrap();
    after.trim().strip_suffix("%%EOF").expect("ends with %%EOF").trim().parse().unwrap()
}

fn check(dir: &str) {
    let pdf = build(dir);
    let doc = Document::load_mem(&pdf).expect("lopdf parses the PDF");

    // No classic table: `startxref` points at an object, the xref stream.
    assert!(!contains(&pdf, b"\ntrailer") && !contains(&pdf, b"\nxref\n"), "{dir}: a classic xref table is left");
    let xref_at = startxref(&pdf);
    let head = std::str::from_utf8(&pdf[xref_at..xref_at + 40]).unwrap();
    assert!(head.contains(" 0 obj\n<</Type/XRef/Size "), "{dir}: startxref points at {head:?}");

    // The trailer's entries are in the xref stream's dictionary.
    let trailer = &doc.trailer;
    assert_eq!(trailer.get(b"Type").unwrap().as_name().unwrap(), b"XRef");
    let root = trailer.get(b"Root").unwrap().as_reference().unwrap();
    assert_eq!(doc.get_dictionary(root).unwrap().get(b"Type").unwrap().as_name().unwrap(), b"Catalog");
    let info = trailer.get(b"Info").unwrap().as_reference().unwrap();
    assert!(doc.get_dictionary(info).unwrap().get(b"Title").is_ok(), "{dir}: /Info has no /Title");
    let id = trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id.len(), 2);

    // Each object is where its entry says: streams at an offset, everything
    // else inside an object stream.
    let (mut packed, mut streams, mut object_streams) = (0usize, 0usize, 0usize);
    for (&(number, generation), object) in &doc.objects {
        assert_eq!(generation, 0);
        let entry = doc.reference_table.get(number).unwrap_or_else(|| panic!("{dir}: object {number} has no entry"));
        match (object, entry) {
            (Object::Stream(s), XrefEntry::Normal { offset, .. }) => {
                let at = *offset as usize;
                assert!(pdf[at..].starts_with(format!("{number} 0 obj").as_bytes()), "{dir}: object {number} not at {at}");
                let kind = s.dict.get(b"Type").and_then(|t| t.as_name()).unwrap_or(b"");
                if kind == b"ObjStm" {
                    object_streams += 1;
                    let n = s.dict.get(b"N").unwrap().as_i64().unwrap();
                    assert!((1..=200).contains(&n), "{dir}: an object stream of {n} objects");
                    // lopdf inflates object streams as it loads them; the file's own bytes say how they are stored.
                    let head = String::from_utf8_lossy(&pdf[at..at + 80]);
                    assert!(head.contains(&format!("<</Type/ObjStm/N {n}/First ")) && head.contains("/Filter/FlateDecode/Length "), "{dir}: {head:?}");
                } else {
                    streams += 1;
                }
            }
            (Object::Stream(_), entry) => panic!("{dir}: stream {number} is not at an offset ({entry:?})"),
            (_, XrefEntry::Compressed { .. }) => packed += 1,
            (_, entry) => panic!("{dir}: object {number} is not in an object stream ({entry:?})"),
        }
    }
    assert!(streams > 0 && packed > 0, "{dir}: {streams} streams, {packed} packed objects");
    assert_eq!(object_streams, packed.div_ceil(200), "{dir}: {packed} objects in {object_streams} object streams");

    // Structure elements, annotations and outline items are all packed: none
    // of them is written out in the clear.
    for key in [&b"/StructElem"[..], b"/Annot", b"/Parent", b"/Catalog"] {
        assert!(!contains(&pdf, key), "{dir}: {} in the clear", String::from_utf8_lossy(key));
    }
}

#[test]
fn the_sample_packs_every_dictionary_into_object_streams() {
    check("data/eu-unodc");
}

#[test]
fn the_multilingual_sample_packs_every_dictionary_into_object_streams() {
    check("data/multilingual");
}

#[test]
fn the_showcase_packs_every_dictionary_into_object_streams() {
    check("data/showcase");
}

/// Page content (#21, point 2): glyph codes in `TJ` arrays are literal
/// strings of their bytes (two a glyph), hex strings only where the literal
/// would be longer (bytes from 128 up take an octal escape), and no
/// adjustment carries more than 4 decimals (the f32 noise of `20.000061` is
/// gone: most kerns are written as whole numbers). That the codes read back
/// as the right glyphs is what every text test checks (`common::pages_text`
/// decodes these strings through the fonts' ToUnicode maps).
fn check_page_content(sample: &str) -> [usize; 5] {
    let pdf = build(sample);
    let doc = Document::load_mem(&pdf).unwrap();
    let (mut arrays, mut adjustments, mut whole) = (0usize, 0usize, 0usize);
    let (mut literals, mut hexes) = (0usize, 0usize);
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).expect("the page content decodes");
        for op in content.operations.iter().filter(|op| op.operator == "TJ") {
            arrays += 1;
            for item in op.operands[0].as_array().unwrap() {
                match item {
                    Object::String(bytes, format) => {
                        assert_eq!(bytes.len() % 2, 0, "a glyph code is two bytes");
                        let literal: usize = bytes
                            .iter()
                            .map(|b| match b {
                                b'(' | b')' | b'\\' | b'\r' | b'\n' => 2,
                                0x80.. => 4,
                                _ => 1,
                            })
                            .sum();
                        let expected = match literal <= 2 * bytes.len() {
                            true => lopdf::StringFormat::Literal,
                            false => lopdf::StringFormat::Hexadecimal,
                        };
                        assert_eq!(*format, expected, "{bytes:?}: the longer form was written");
                        match format {
                            lopdf::StringFormat::Literal => literals += 1,
                            lopdf::StringFormat::Hexadecimal => hexes += 1,
                        }
                    }
                    Object::Integer(_) => {
                        adjustments += 1;
                        whole += 1;
                    }
                    Object::Real(r) => {
                        adjustments += 1;
                        // The shortest decimal that reads back as this f32, as written.
                        let decimals = format!("{r}").split('.').nth(1).map_or(0, str::len);
                        assert!(decimals <= 4, "adjustment {r} has more than 4 decimals");
                    }
                    other => panic!("{other:?} in a TJ array"),
                }
            }
        }
    }
    eprintln!("{sample}: {arrays} TJ arrays, {adjustments} adjustments, {whole} whole, {literals} literal and {hexes} hex strings");
    [arrays, adjustments, whole, literals, hexes]
}

#[test]
fn page_content_shows_glyphs_as_literal_strings_with_short_adjustments() {
    // A Latin brochure's subsets hold fewer than 128 glyphs: all literal.
    let [arrays, adjustments, whole, literals, hexes] = check_page_content("data/eu-unodc");
    assert!(arrays > 300 && adjustments > 1000 && whole > 100);
    assert!(literals > 1000 && hexes == 0);
}

#[test]
fn page_content_falls_back_to_hex_where_a_literal_would_be_longer() {
    // Chinese subsets run past 128 glyphs: codes with a high byte take the
    // hex form when more than half their bytes would need an escape.
    let [arrays, _, _, literals, hexes] = check_page_content("data/chinese");
    assert!(arrays > 50 && literals > 50 && hexes > 0);
}

/// Text objects across a brochure's pages: how many there are, how many runs
/// of glyphs they show, and the checks every one passes. No `cm`, `q`, `Q`
/// or drawing inside a text object (PDF 32000-1 8.2 and 9.4 allow none of
/// them there); no `Tf` or `Tr` that repeats what the object last set; and,
/// on one baseline, no run placed to the left of where the last one began
/// (MuPDF reads such a move back inside one text object as a new line, which
/// splits right-to-left lines word by word).
fn check_text_objects(sample: &str) -> (usize, usize) {
    let pdf = build(sample);
    let doc = Document::load_mem(&pdf).unwrap();
    let (mut objects, mut shows) = (0usize, 0usize);
    let num = |o: &Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).expect("the page content decodes");
        let mut inside = false;
        let (mut font, mut mode): (Option<Vec<Object>>, Option<Vec<Object>>) = (None, None);
        let mut last_at: Option<(f32, f32)> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "BT" => {
                    assert!(!inside, "{sample}: BT inside a text object");
                    (inside, font, mode, last_at) = (true, None, None, None);
                    objects += 1;
                }
                "ET" => inside = false,
                "Tf" => {
                    assert!(font.as_ref() != Some(&op.operands), "{sample}: Tf {:?} set twice in one text object", op.operands);
                    font = Some(op.operands.clone());
                }
                "Tr" => {
                    assert!(mode.as_ref() != Some(&op.operands), "{sample}: Tr set twice in one text object");
                    mode = Some(op.operands.clone());
                }
                "Tm" => {
                    let at = (num(&op.operands[4]), num(&op.operands[5]));
                    if let Some((x, y)) = last_at {
                        assert!((at.1 - y).abs() > 0.01 || at.0 >= x - 0.01, "{sample}: a run placed back to the left on its line in one text object");
                    }
                    last_at = Some(at);
                }
                "TJ" | "Tj" => shows += 1,
                "cm" | "q" | "Q" | "re" | "f" | "S" | "Do" | "W" => assert!(!inside, "{sample}: {} inside a text object", op.operator),
                _ => {}
            }
        }
        assert!(!inside, "{sample}: a text object left open at the end of a page");
    }
    eprintln!("{sample}: {shows} runs of glyphs in {objects} text objects");
    (objects, shows)
}

#[test]
fn lines_of_one_colour_share_a_text_object() {
    // A paragraph's lines are one text object, not one each (q, cm, colour,
    // BT, Tr, Tf, ET and Q for every line were a quarter of the content).
    for sample in ["data/eu-unodc", "data/chinese"] {
        let (objects, shows) = check_text_objects(sample);
        assert!(shows > 100 && objects * 2 < shows, "{sample}: {shows} runs in {objects} text objects");
    }
    // Right-to-left lines keep a text object per run where runs go leftwards.
    let (objects, shows) = check_text_objects("data/arabic");
    assert!(shows > 100 && objects < shows);
}

#[test]
fn letter_spacing_is_said_once_per_run_with_tc() {
    // A loose line spaces its letters (and the contents list its leader
    // dots) by one amount: set once with `Tc` where it changes, so that its
    // `TJ` arrays move only the spaces, not every glyph.
    let pdf = build("data/eu-unodc");
    let doc = Document::load_mem(&pdf).unwrap();
    let num = |o: &Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
    let (mut spaced_runs, mut glyphs, mut moves) = (0usize, 0usize, 0usize);
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut spacing = 0.0f32;
        for op in &content.operations {
            match op.operator.as_str() {
                // Text state is graphics state: each text object starts at 0.
                "BT" => spacing = 0.0,
                "Tc" => {
                    let now = num(&op.operands[0]);
                    assert!(now != spacing, "Tc {now} set again in one text object");
                    spacing = now;
                }
                "TJ" if spacing != 0.0 => {
                    spaced_runs += 1;
                    for o in op.operands[0].as_array().unwrap() {
                        match o {
                            Object::String(bytes, _) => glyphs += bytes.len() / 2,
                            _ => moves += 1,
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert!(spaced_runs >= 5, "{spaced_runs} runs with letter spacing");
    // One move at most per word or so, never one per glyph.
    assert!(moves * 3 < glyphs, "{moves} moves for {glyphs} glyphs in {spaced_runs} spaced runs");
}
