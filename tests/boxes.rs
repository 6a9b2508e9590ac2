//! Boxes (sidebars, issue #16 point 1) read back from the PDF: their text
//! in source order, a `Sect` with its heading in the structure tree where
//! the source has the box, a long box split over two columns with both
//! parts shown, and the located errors for bad box fields.

mod common;

use std::path::Path;

use brochure::Options;
use common::{normalise, pages, structure};
use lopdf::Document;

fn build(src: &str) -> Document {
    match brochure::compile_str(src, Path::new("."), &Options::default()) {
        Ok(out) => Document::load_mem(&out.pdf).unwrap(),
        Err(brochure::Error::Source(d)) => panic!("{}", d.iter().map(|d| d.render("t.yaml", src)).collect::<Vec<_>>().join("\n")),
        Err(e) => panic!("{e}"),
    }
}

fn errors(src: &str) -> Vec<brochure::diag::Diagnostic> {
    match brochure::compile_str(src, Path::new("."), &Options::default()) {
        Err(brochure::Error::Source(d)) => d.into_iter().filter(|d| d.is_error()).collect(),
        other => panic!("expected source errors, got {:?}", other.map(|o| o.pages)),
    }
}

const SHORT: &str = "title: T
items:
  - title: The week
    body:
      - Before the box comes this paragraph.
      - box:
          title: Key facts
          tone: accent
          body:
            - list: [Twelve countries, Forty experts]
            - Funded by the regional programme.
      - After the box comes this paragraph.
      - box:
          title: Contact
          body: Write to the team.
";

#[test]
fn box_text_is_extracted_in_source_order() {
    let doc = build(SHORT);
    let text = normalise(&pages(&doc).iter().map(|p| p.text.as_str()).collect::<String>());
    let words = ["beforetheboxcomes", "keyfacts", "twelvecountries", "fortyexperts", "fundedbytheregional", "aftertheboxcomes", "contact", "writetotheteam"];
    let mut at = 0;
    for w in words {
        let found = text[at..].find(w).unwrap_or_else(|| panic!("`{w}` missing or out of order in {text}"));
        at += found + w.len();
    }
}

#[test]
fn each_box_is_a_section_with_its_heading_in_source_order() {
    let doc = build(SHORT);
    let tree = structure(&doc);
    let sects: Vec<usize> = tree.iter().enumerate().filter(|(_, e)| e.role == "Sect").map(|(i, _)| i).collect();
    assert_eq!(sects.len(), 2, "{tree:#?}");
    // Each section's first child is its heading, a level below the item's
    // title (H2), then its blocks.
    let first = &tree[sects[0] + 1];
    assert_eq!((first.role.as_str(), normalise(&first.text).as_str()), ("H3", "keyfacts"));
    assert!(tree[sects[0] + 1..].iter().take_while(|e| e.depth > tree[sects[0]].depth).any(|e| e.role == "L"));
    let second = &tree[sects[1] + 1];
    assert_eq!((second.role.as_str(), normalise(&second.text).as_str()), ("H3", "contact"));
    // In source order: the paragraph before, the box, the paragraph after.
    let para = |w: &str| tree.iter().position(|e| e.role == "P" && normalise(&e.text).starts_with(w)).unwrap();
    assert!(para("beforethebox") < sects[0]);
    assert!(sects[0] < para("afterthebox") && para("afterthebox") < sects[1]);
}

#[test]
fn a_long_box_splits_over_two_columns_and_both_parts_show() {
    let lines: String = (1..=20).map(|k| format!("            - Entry number {k} of the long box.\n")).collect();
    let src = format!(
        "title: T\nitems:\n  - title: Long\n    body:\n      - Opening words.\n      - box:\n          title: In numbers\n          body:\n{lines}theme: {{columns: 2, page: A5}}\n"
    );
    let doc = build(&src);
    let pages = pages(&doc);
    let page = &pages[0];
    // Where a word's first glyph stands (letters and digits only, so
    // that spaces and line ends do not count).
    let place = |word: &str| {
        let word = normalise(word);
        let texts: Vec<String> = page.glyphs.iter().map(|g| normalise(&g.text)).collect();
        let joined = texts.concat();
        let at = joined.find(&word).unwrap_or_else(|| panic!("`{word}` not on the first page"));
        let mut n = 0;
        let k = texts.iter().position(|t| {
            n += t.len();
            n > at
        });
        let g = &page.glyphs[k.unwrap()];
        (g.x0, g.y)
    };
    let first = place("Entry number 1 of");
    let heading = place("In numbers");
    let later = place("Entry number 20 of");
    assert!((heading.0 - first.0).abs() < 1.0, "the heading and the first entry share the box's left edge");
    // Both parts on the first page: the box starts in the left column and
    // goes on at the top of the right one.
    assert!(later.0 > first.0 + 100.0, "{first:?} {later:?}");
    // (PDF's y runs up the page.)
    let right_top = page.glyphs.iter().filter(|g| g.x0 > first.0 + 100.0).map(|g| g.y).fold(f32::MIN, f32::max);
    assert!(right_top > first.1, "the part in the right column starts higher up than the box: {first:?} {right_top}");
    // Every entry is there, in order.
    let text = normalise(&pages.iter().map(|p| p.text.as_str()).collect::<String>());
    let mut at = 0;
    for k in 1..=20 {
        let w = format!("entrynumber{k}ofthelongbox");
        at += text[at..].find(&w).unwrap_or_else(|| panic!("entry {k} missing or out of order")) + w.len();
    }
}

#[test]
fn a_box_in_a_right_to_left_item_builds_with_its_words() {
    let src = "title: T\nlanguage: ar\nitems:\n  - title: خبر\n    body:\n      - نص قبل الإطار.\n      - box:\n          title: أرقام\n          body: اثنا عشر بلدا.\n";
    let doc = build(src);
    let tree = structure(&doc);
    let s = tree.iter().position(|e| e.role == "Sect").expect("the box is a section");
    assert_eq!(tree[s + 1].role, "H3");
}

#[test]
fn an_unknown_tone_is_located_with_its_fix() {
    let src = SHORT.replace("tone: accent", "tone: loud");
    let e = errors(&src);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].path, "items[0].body[1].box.tone");
    assert_eq!(e[0].message, "unknown tone `loud`");
    let span = e[0].span.unwrap();
    assert_eq!((span.line, span.col), (8, 17));
    assert!(e[0].hints.iter().any(|h| h.contains("tone: accent")), "{:?}", e[0].hints);
}

#[test]
fn an_empty_box_body_and_a_box_in_a_box_are_errors() {
    let src = SHORT.replace("body: Write to the team.", "body: []");
    let e = errors(&src);
    assert_eq!(
        e.iter().map(|d| (d.path.as_str(), d.message.as_str(), d.span.map(|s| s.line))).collect::<Vec<_>>(),
        [("items[0].body[3].box.body", "the box's body is empty", Some(15))]
    );
    let nested = SHORT.replace("            - Funded by the regional programme.\n", "            - box: {title: Inner, body: Words.}\n");
    let e = errors(&nested);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].path, "items[0].body[1].box.body[1].box");
    assert_eq!(e[0].message, "a box cannot hold another box");
    assert_eq!(e[0].span.map(|s| (s.line, s.col)), Some((11, 15)));
    let missing = SHORT.replace("          title: Contact\n", "");
    let e = errors(&missing);
    assert!(e.iter().any(|d| d.path == "items[0].body[3].box" && d.message == "missing field `title`"), "{e:?}");
}
