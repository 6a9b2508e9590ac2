//! What users paste and type (#20): a body of Markdown and HTML copied from
//! a CMS builds into the blocks the format has, tagged as such, with no
//! markup left in the text; a brochure written by a script, with YAML nulls
//! for what an item lacks, builds with every word kept.

mod common;

use std::path::{Path, PathBuf};

use brochure::diag::Diagnostic;
use brochure::{Options, Output};
use common::{deref, dict, name_of, normalise, pages_text};
use lopdf::Document;

/// The showcase's folder, for its images.
fn showcase() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/showcase")
}

fn build(src: &str) -> Output {
    match brochure::compile_bytes(src.as_bytes(), &showcase(), &Options::default()) {
        Ok(out) => out,
        Err(brochure::Error::Source(d)) => panic!("does not build:\n{}", d.iter().map(|d| d.render("b.yaml", src)).collect::<Vec<_>>().join("\n")),
        Err(e) => panic!("does not build: {e}"),
    }
}

const PASTED: &str = r#"title: Pasted <b>news</b> &amp; notes
items:
  - title: What <i>users</i> paste
    summary: A summary with&nbsp;an entity and <span style="color:red">a span</span>.
    body: |
      ## Results so far

      We met on Monday.<br>The <b>turnout</b> was <strong>high</strong>: see https://www.unodc.org/unodc/en/frontpage/2021/March/a-long-address.html?utm_source=brochure or write to info.desk@unodc.org.

      - first bullet
      - second bullet with *emphasis*

      1. step one
      2. step two

      > The quote of the day.

      ---

      ![The library emblem](images/emblem.png "The emblem, as a caption")

      Last <font face="Arial">paragraph</font> with <a href="https://example.org/more">a link</a> &mdash; done&#8230;
    tags: [<b>Library</b>, R&amp;D]
"#;

fn uris(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for page in doc.page_iter() {
        for annot in doc.get_page_annotations(page).unwrap() {
            if let Ok(action) = annot.get(b"A") {
                let action = dict(doc, action);
                if name_of(action, b"S").as_deref() == Some("URI") {
                    out.push(String::from_utf8_lossy(deref(doc, action.get(b"URI").unwrap()).as_str().unwrap()).into_owned());
                }
            }
        }
    }
    out
}

#[test]
fn pasted_markdown_and_html_become_blocks_without_markup() {
    let out = build(PASTED);
    let doc = Document::load_mem(&out.pdf).unwrap();
    let text = pages_text(&doc).join("\n");
    for markup in ["#", ">", "<", "&nbsp;", "&amp;", "&mdash;", "&#", "**", "![", "---"] {
        assert!(!text.contains(markup), "`{markup}` in the text: {text}");
    }
    for words in [
        "Pasted news & notes",
        "What users paste",
        "A summary with\u{a0}an entity and a span.",
        "Results so far",
        "step one",
        "The quote of the day.",
        "The emblem, as a caption",
        "a link — done…",
        "Library",
        "R&D",
    ] {
        assert!(text.contains(words), "`{words}` is not in the text: {text}");
    }

    let tree = common::structure(&doc);
    let roles = |r: &str| tree.iter().filter(|e| e.role == r).collect::<Vec<_>>();
    let h3: Vec<&str> = roles("H3").iter().map(|e| e.title.as_deref().unwrap_or_default()).collect();
    assert_eq!(h3, ["Results so far"]);
    // A bulleted and a numbered list: two L with two LI each.
    assert_eq!(roles("L").len(), 2);
    // An entry's words are in its LBody, below it.
    let below = |i: usize| -> String {
        let d = tree[i].depth;
        tree[i..].iter().take_while(|e| e.depth > d || std::ptr::eq(*e, &tree[i])).map(|e| normalise(&e.text)).collect()
    };
    let entries: Vec<String> = (0..tree.len()).filter(|&i| tree[i].role == "LI").map(below).collect();
    assert_eq!(entries, ["firstbullet", "secondbulletwithemphasis", "stepone", "steptwo"]);
    let quotes: Vec<String> = roles("BlockQuote").iter().map(|e| normalise(&e.text)).collect();
    assert_eq!(quotes, ["thequoteoftheday"]);
    let alts: Vec<&str> = roles("Figure").iter().filter_map(|e| e.alt.as_deref()).collect();
    assert_eq!(alts, ["The library emblem"]);
    assert_eq!(doc.get_pages().values().map(|p| common::page_resources(&doc, *p)).filter(|r| r.get(b"XObject").is_ok()).count(), 1, "the image is embedded");

    // The bare address and e-mail are links, as is the `<a href>`.
    let links = uris(&doc);
    for want in [
        "https://www.unodc.org/unodc/en/frontpage/2021/March/a-long-address.html?utm_source=brochure",
        "mailto:info.desk@unodc.org",
        "https://example.org/more",
    ] {
        assert!(links.iter().any(|l| l == want), "no link to {want}: {links:?}");
    }

    // Each tag that was dropped is a located warning, once per kind and field.
    let warnings: Vec<String> = out.warnings.iter().filter(|d| d.message.contains("HTML")).map(|d| d.headline("b.yaml")).collect();
    assert_eq!(
        warnings,
        [
            "b.yaml:22:12: warning: items[0].body[0]: dropped the HTML tag `<font face=\"Arial\">` and 1 more like it (only `<b>`, `<strong>`, `<i>`, `<em>`, `<br>`, `<p>` and `<a href>` are understood)",
            "b.yaml:4:48: warning: items[0].summary: dropped the HTML tag `<span style=\"color:red\">` and 1 more like it (only `<b>`, `<strong>`, `<i>`, `<em>`, `<br>`, `<p>` and `<a href>` are understood)",
        ]
    );
    assert!(out.warnings.iter().all(|d: &Diagnostic| d.span.is_some()));
}

/// A brochure as a script writes it: every field present, `null` (or `~`,
/// or nothing) where an item has no value.
fn generated(with_nulls: bool) -> String {
    let mut s = String::from("title: Generated news\nsubtitle: null\ncover: ~\nintro:\nitems:\n");
    for i in 0..4 {
        s.push_str(&format!("  - title: Item number {i}\n    date: 2021-03-0{}\n", i + 1));
        if with_nulls {
            let null = ["null", "~", "", "null"][i];
            for field in ["location", "image", "summary", "links", "tags", "language"] {
                s.push_str(&format!("    {field}: {null}\n"));
            }
        }
        s.push_str(&format!("    body: The words of item {i}, every one of them kept.\n"));
    }
    s.push_str("closing: ~\ntheme: null\n");
    s
}

#[test]
fn nulls_from_a_script_mean_not_given() {
    let with = build(&generated(true));
    assert!(with.warnings.is_empty(), "{:?}", with.warnings);
    let without = build(&generated(false).replace("subtitle: null\ncover: ~\nintro:\n", "").replace("closing: ~\ntheme: null\n", ""));
    // Not given is not given: the same pages and structure (the document
    // id differs: it is made from the source's bytes).
    let doc = Document::load_mem(&with.pdf).unwrap();
    let other = Document::load_mem(&without.pdf).unwrap();
    assert_eq!(pages_text(&doc), pages_text(&other));
    let roles = |d: &Document| common::structure(d).into_iter().map(|e| (e.role, e.text, e.alt)).collect::<Vec<_>>();
    assert_eq!(roles(&doc), roles(&other));
    assert_eq!(with.pdf.len(), without.pdf.len());
    let text = normalise(&pages_text(&doc).join(" "));
    let mut at = 0;
    for i in 0..4 {
        for words in [format!("Item number {i}"), format!("The words of item {i}, every one of them kept.")] {
            let w = normalise(&words);
            let found = text[at..].find(&w).unwrap_or_else(|| panic!("`{words}` missing or out of order"));
            at += found + w.len();
        }
    }
}
