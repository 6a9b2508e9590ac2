//! A long brochure is laid out and drawn a batch of pages at a time (#21):
//! the pages handed out while the layout goes on are the pages the whole
//! layout makes, the contents (whose page numbers come last) is held back
//! and drawn last, and the file still lists every page in the brochure's
//! order, with its page labels, bookmarks and contents links where they
//! belong.

mod common;

use std::path::Path;

use brochure::layout::{self, Item, Page};

/// Items of the long brochure: about 300 pages, more elements than the
/// search takes at once.
const N: usize = 900;

/// A brochure of `n` short items (about a third of a page each in the A4
/// default of two columns), with a contents list.
fn source(n: usize) -> String {
    let mut s = String::from("title: A long year\ndate: 2024-12-31\ntheme:\n  toc: true\nitems:\n");
    for k in 0..n {
        s.push_str(&format!("  - title: News item number {k}\n    date: 2024-03-{:02}\n    body: |\n", k % 28 + 1));
        for p in 0..6 {
            s.push_str(&format!(
                "      Paragraph {p} of item {k} tells what the office did this season, where it went, whom it met and what it \
                 learned from the people it worked with, in sentences long enough to fill a column of justified text.\n\n"
            ));
        }
    }
    s
}

fn resolve(src: &str) -> brochure::resolve::Doc {
    let (model, diags) = brochure::model::parse(src);
    let model = model.unwrap_or_else(|| panic!("{diags:?}"));
    let (doc, diags) = brochure::resolve::resolve(&model, Path::new("."));
    doc.unwrap_or_else(|| panic!("{diags:?}"))
}

fn has_page_ref(page: &Page) -> bool {
    page.items.iter().any(|(_, it)| matches!(it, Item::PageRef { .. }))
}

#[test]
fn the_pages_handed_out_are_those_of_the_whole_layout() {
    let doc = resolve(&source(N));
    let whole = layout::layout(&doc);
    assert!(whole.pages.len() > layout::paginate::HOLD + 20, "only {} pages: too short to stream", whole.pages.len());

    let mut handed: Vec<(usize, Page)> = Vec::new();
    let mut calls = 0;
    let mut structure_seen = 0;
    let (rest, indices) = layout::layout_streaming(&doc, &mut |pages, structure, outline| {
        calls += 1;
        // The structure given covers every node the pages are tagged with,
        // and the bookmarks every item begun on them.
        for (_, p) in &pages {
            for (_, it) in &p.items {
                if let Some(t) = layout::tag_of(it) {
                    assert!(structure.iter().any(|n| n.id == t.node), "a tag of a node not given yet");
                }
            }
        }
        assert!(structure.len() >= structure_seen, "the structure shrank");
        structure_seen = structure.len();
        assert!(!outline.is_empty());
        handed.extend(pages);
    });
    assert!(calls >= 2, "the pages were handed out in {calls} batch(es)");
    assert!(handed.len() > layout::paginate::HOLD, "only {} pages handed out", handed.len());
    // Nothing handed out prints a page number not known yet.
    assert!(!handed.iter().any(|(_, p)| has_page_ref(p)));
    // What is returned: the last pages, then those held back (the contents).
    assert_eq!(rest.pages.len(), indices.len());
    let tail = indices.iter().take_while(|&&k| k >= handed.len()).count();
    assert!(tail > 0 && tail < indices.len(), "no contents held back: {indices:?}");
    assert!(indices[tail..].iter().all(|&k| k < indices[0]));
    // (their page numbers are filled in by then)
    assert!(!rest.pages.iter().any(has_page_ref));
    assert!(rest.pages[tail..].iter().all(|p| p.items.iter().any(|(_, it)| matches!(it, Item::Link { target: layout::Target::Item(_), .. }))));
    assert!(indices[..tail].windows(2).all(|w| w[1] == w[0] + 1));

    // Together they are the whole layout's pages, each once, page for page.
    let mut all: Vec<(usize, Page)> = handed;
    all.extend(indices.iter().copied().zip(rest.pages));
    all.sort_by_key(|(k, _)| *k);
    assert_eq!(all.iter().map(|(k, _)| *k).collect::<Vec<_>>(), (0..whole.pages.len()).collect::<Vec<_>>());
    for ((k, page), want) in all.iter().zip(&whole.pages) {
        assert_eq!(page, want, "page {k} differs from the whole layout's");
    }
    assert_eq!(rest.outline, whole.outline);
    assert_eq!(rest.structure, whole.structure);
}

#[test]
fn the_file_lists_the_pages_in_the_brochure_s_order() {
    let src = source(N);
    let out = brochure::compile_str(&src, Path::new("."), &brochure::Options::default()).expect("builds");
    let doc = lopdf::Document::load_mem(&out.pdf).expect("lopdf reads it");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), out.pages);
    let text = common::pages_text(&doc);
    // The contents, drawn last, is the first page (no cover): its entries
    // give the page numbers the items start on.
    assert!(text[0].contains("Contents"), "page 1 reads {:?}", &text[0][..text[0].len().min(200)]);
    let whole = layout::layout(&resolve(&src));
    let contents_pages = whole.pages.iter().take_while(|p| p.items.iter().any(|(_, it)| matches!(it, Item::Link { .. }))).count();
    assert!(contents_pages >= 2, "a contents of {contents_pages} page(s)");
    // Every body page carries its item's words where the whole layout has them.
    for (k, page) in whole.pages.iter().enumerate().skip(contents_pages) {
        let first = page.items.iter().find_map(|(_, it)| if let Item::Text(r) = it { Some(r.text.clone()) } else { None }).unwrap_or_default();
        let words = first.split_whitespace().next().unwrap_or("");
        assert!(common::normalise(&text[k]).contains(&common::normalise(words)), "page {k} does not start with {words:?}");
    }
    // The contents' links lead to the pages their items start on.
    let ids: Vec<lopdf::ObjectId> = pages.values().copied().collect();
    let mut links = 0;
    for &page in &ids[..contents_pages] {
        let annots = doc.get_dictionary(page).unwrap().get(b"Annots").map(|a| common::deref(&doc, a).as_array().unwrap().clone()).unwrap_or_default();
        for a in annots {
            let a = common::dict(&doc, &a);
            let Ok(dest) = a.get(b"Dest").or_else(|_| common::dict(&doc, a.get(b"A").unwrap()).get(b"D")) else { continue };
            let dest = common::deref(&doc, dest).as_array().unwrap();
            let target = dest[0].as_reference().unwrap();
            let at = ids.iter().position(|&p| p == target).expect("a link to a page of the file");
            let item = whole.outline.iter().position(|e| e.page == at);
            assert!(item.is_some(), "a contents link leads to page {at}, where no item starts");
            links += 1;
        }
    }
    assert_eq!(links, N);
    // Bookmarks: the first leads to the first body page, in file order.
    let catalog = doc.catalog().unwrap();
    let outlines = common::dict(&doc, catalog.get(b"Outlines").unwrap());
    let first = common::dict(&doc, outlines.get(b"First").unwrap());
    let dest = common::deref(&doc, first.get(b"Dest").unwrap()).as_array().unwrap();
    assert_eq!(ids.iter().position(|&p| p == dest[0].as_reference().unwrap()), Some(whole.outline[0].page));
}

#[test]
fn a_long_brochure_builds_the_same_twice() {
    let src = source(N);
    let a = brochure::compile_str(&src, Path::new("."), &brochure::Options::default()).unwrap();
    let b = brochure::compile_str(&src, Path::new("."), &brochure::Options::default()).unwrap();
    assert!(a.pages > layout::paginate::HOLD);
    assert!(a.pdf == b.pdf, "two builds differ");
}
