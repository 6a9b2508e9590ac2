//! Pull quotes (`quote:` with `style: pull`): read back from the PDF, in
//! three columns the quote spans two (its lines reach past the first
//! column, never into the third) and no body line of those columns
//! overlaps it, the third column runs on beside it, the text reads in
//! source order and the quote is one BlockQuote with its attribution; in
//! two columns it is one column wide; in a right-to-left brochure it spans
//! the two columns on the right; the column beside it flows on without a
//! hole when the band above it ends short there.

mod common;

use std::path::{Path, PathBuf};

use brochure::Options;
use common::{PageText, PlacedGlyph, normalise, pages, structure};
use lopdf::Document;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eu-unodc")
}

const BEFORE: &str = "Before the quote the officers describe the new border post, which opened in March after two years \
    of work with the customs service, the police and the ministry. They now share one building, one database and one queue.";

const AFTER: &str = "After the quote comes the rest of the story. A truck that used to wait for a day is checked in under an \
    hour; the trainers came from four countries of the region and stayed for the first weeks, to answer the questions that \
    only come up when the work begins. Travellers noticed the difference at once; the signs are in three languages, the \
    forms are shorter, and the staff at the counters explain what they ask for and why. A second post on the southern \
    border will follow next year, built on the same plan and with the lessons learnt here, and the ministry has asked \
    for a report on the first year of work before the end of the summer.";

const QUOTE: &str = "We used to check two thousand people a day in the open air; now we have a building to do it in.";

/// The body size of the sources below; the quote is 1.6 times it.
const BODY: f32 = 10.0;
const QUOTE_SIZE: f32 = 16.0;

fn source(columns: u32, language: &str) -> String {
    format!(
        "title: Pull quotes\nlanguage: {language}\ndate: 2021-03-01\ntheme: {{columns: {columns}, base_size: 10pt, gutter: 5mm, toc: false}}\nitems:\n  - title: One\n    body:\n      - {BEFORE}\n      - quote: {QUOTE}\n        by: A doctor at the post\n        style: pull\n      - {AFTER}\n      - {AFTER}\n"
    )
}

fn build(src: &str) -> Document {
    let out = brochure::compile_str(src, &sample_dir(), &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    Document::load_mem(&out.pdf).expect("parses")
}

/// The page that holds the quote's glyphs, and those glyphs.
fn quote_page(doc: &Document) -> (PageText, Vec<PlacedGlyph>) {
    for p in pages(doc) {
        let q: Vec<PlacedGlyph> = p.glyphs.iter().filter(|g| (g.size - QUOTE_SIZE).abs() < 0.05 && !g.text.trim().is_empty()).cloned().collect();
        if !q.is_empty() {
            return (p, q);
        }
    }
    panic!("no glyph at the quote's size");
}

/// The flush edges of the body's columns on a page, left to right: the
/// left edges of left-to-right lines, the right edges of right-to-left ones.
fn edges(glyphs: &[PlacedGlyph], rtl: bool) -> Vec<f32> {
    // Lines: glyphs on one baseline, within a column's reach of each other.
    let mut lines: Vec<(f32, f32, f32)> = Vec::new();
    for g in glyphs.iter().filter(|g| (g.size - BODY).abs() < 0.05 && !g.text.trim().is_empty()) {
        match lines.iter_mut().find(|l| (l.0 - g.y).abs() < 0.5 && g.x0 < l.2 + 8.0 && g.x1 > l.1 - 8.0) {
            Some(l) => {
                l.1 = l.1.min(g.x0);
                l.2 = l.2.max(g.x1);
            }
            None => lines.push((g.y, g.x0, g.x1)),
        }
    }
    let mut out: Vec<f32> = Vec::new();
    for (_, x0, x1) in lines {
        let x = if rtl { x1 } else { x0 };
        match out.iter_mut().find(|e| (**e - x).abs() < 20.0) {
            Some(e) => *e = if rtl { e.max(x) } else { e.min(x) },
            None => out.push(x),
        }
    }
    out.sort_by(f32::total_cmp);
    out
}

fn column_lefts(glyphs: &[PlacedGlyph]) -> Vec<f32> {
    edges(glyphs, false)
}

/// `(x0, x1, bottom baseline, top)` of the quote's glyphs.
fn extent(q: &[PlacedGlyph]) -> (f32, f32, f32, f32) {
    let x0 = q.iter().map(|g| g.x0).fold(f32::MAX, f32::min);
    let x1 = q.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
    let bottom = q.iter().map(|g| g.y).fold(f32::MAX, f32::min);
    let top = q.iter().map(|g| g.y + g.size).fold(f32::MIN, f32::max);
    (x0, x1, bottom, top)
}

const GUTTER: f32 = 5.0 * 72.0 / 25.4;

#[test]
fn in_three_columns_a_pull_quote_spans_two_and_the_text_flows_around_it() {
    let doc = build(&source(3, "en"));
    let (page, q) = quote_page(&doc);
    let (x0, x1, bottom, top) = extent(&q);
    let lefts = column_lefts(&page.glyphs);
    assert_eq!(lefts.len(), 3, "three columns of body text: {lefts:?}");
    let pitch = lefts[1] - lefts[0];
    let column = pitch - GUTTER;
    // Flush with the first column, wider than a column, inside two columns
    // and the gutter between them (ragged: its longest line fills most of it).
    assert!((x0 - lefts[0]).abs() < 1.0, "the quote starts at the first column: {x0} {lefts:?}");
    assert!(x1 > lefts[0] + column * 1.6, "the quote reaches across the second column: {x1} {lefts:?}");
    assert!(x1 <= lefts[0] + 2.0 * column + GUTTER + 0.5, "the quote stays out of the third column: {x1} {lefts:?}");
    // Its attribution is under it, in the same span.
    let by: Vec<&PlacedGlyph> = page.glyphs.iter().filter(|g| (g.size - 8.5).abs() < 0.05 && g.y < bottom && g.y > bottom - 30.0).collect();
    assert!(!by.is_empty(), "the attribution under the quote");
    let low = by.iter().map(|g| g.y).fold(bottom, f32::min) - 3.0;
    // No body glyph of the first two columns stands in the quote's height;
    // the third column has lines beside it.
    let body: Vec<&PlacedGlyph> = page.glyphs.iter().filter(|g| (g.size - BODY).abs() < 0.05 && !g.text.trim().is_empty()).collect();
    let spanned = |g: &&&PlacedGlyph| g.x0 < lefts[2] - 1.0;
    let within = |g: &&&PlacedGlyph| g.y + BODY * 0.75 > low && g.y < top;
    let over: Vec<_> = body.iter().filter(spanned).filter(within).collect();
    assert!(over.is_empty(), "body glyphs in the quote's place: {:?}", over.iter().take(5).collect::<Vec<_>>());
    assert!(body.iter().filter(|g| !spanned(g)).any(|g| within(&g)), "the third column runs on beside the quote");
    // Lines in the first column both above and below it.
    assert!(body.iter().filter(|g| g.x0 < lefts[1] - 1.0).any(|g| g.y > top), "text above the quote");
    assert!(body.iter().filter(|g| g.x0 < lefts[1] - 1.0).any(|g| g.y < low), "text under the quote");
    // In drawing order: the text before, the quote and its attribution, the text after.
    let text = normalise(&page.text);
    let at = |s: &str| text.find(&normalise(s)).unwrap_or_else(|| panic!("`{s}` not on the page: {text}"));
    assert!(at(&BEFORE[..60]) < at(QUOTE) && at(QUOTE) < at("A doctor at the post") && at("A doctor at the post") < at(&AFTER[..60]));
}

#[test]
fn a_pull_quote_is_tagged_once_with_its_attribution_in_source_order() {
    let doc = build(&source(3, "en"));
    let tree = structure(&doc);
    let quotes: Vec<usize> = tree.iter().enumerate().filter(|(_, e)| e.role == "BlockQuote").map(|(i, _)| i).collect();
    assert_eq!(quotes.len(), 1, "{tree:#?}");
    let q = quotes[0];
    assert_eq!(normalise(&tree[q].text), normalise(&format!("{QUOTE} — A doctor at the post")));
    let para = |w: &str| tree.iter().position(|e| e.role == "P" && normalise(&e.text).starts_with(&normalise(w))).unwrap_or_else(|| panic!("{w}"));
    assert!(para("Before the quote") < q && q < para("After the quote"));
}

#[test]
fn in_two_columns_a_pull_quote_is_one_column_wide() {
    let doc = build(&source(2, "en"));
    let (page, q) = quote_page(&doc);
    let (x0, x1, _, _) = extent(&q);
    let lefts = column_lefts(&page.glyphs);
    assert_eq!(lefts.len(), 2, "{lefts:?}");
    let column = lefts[1] - lefts[0] - GUTTER;
    // In the first column (where the text before it ends), at its width.
    assert!(x0 >= lefts[0] - 0.5 && x1 <= lefts[0] + column + 0.5, "{x0} {x1} {lefts:?}");
    assert!(x1 > lefts[0] + column * 0.7, "the quote fills its column: {x1} {lefts:?}");
}

#[test]
fn right_to_left_the_pull_quote_spans_the_two_columns_on_the_right() {
    let doc = build(&source(3, "ar"));
    let (page, q) = quote_page(&doc);
    let (x0, x1, _, _) = extent(&q);
    let rights = edges(&page.glyphs, true);
    assert_eq!(rights.len(), 3, "{rights:?}");
    let column = rights[1] - rights[0] - GUTTER;
    // Flush with the right edge of the frame (where the text starts), out
    // of the left column, across the middle one.
    assert!((x1 - rights[2]).abs() < 1.0, "the quote ends at the right edge: {x1} {rights:?}");
    assert!(x0 >= rights[0] + GUTTER - 0.5, "the quote stays out of the left column: {x0} {rights:?}");
    assert!(x0 < rights[1] - column * 0.6, "the quote reaches across the middle column: {x0} {rights:?}");
}

/// The baselines of body lines (glyphs of `size`) whose first glyph is at
/// or right of `x`, top to bottom.
fn baselines_from(glyphs: &[PlacedGlyph], size: f32, x: f32) -> Vec<f32> {
    let mut ys: Vec<f32> = Vec::new();
    for g in glyphs.iter().filter(|g| (g.size - size).abs() < 0.05 && !g.text.trim().is_empty() && g.x0 >= x) {
        if !ys.iter().any(|y| (y - g.y).abs() < 0.5) {
            ys.push(g.y);
        }
    }
    ys.sort_by(|a, b| b.total_cmp(a));
    ys
}

#[test]
fn the_column_beside_a_pull_quote_has_no_hole_when_the_band_above_ends_short_there() {
    // In the showcase the band above the quote is as tall as its first two
    // columns (a heading, a figure and an inset), and its third column ends
    // some six lines higher, with the paragraph before the quote. The third
    // column is not under the quote: its text goes on right under those
    // lines, not under the band's foot.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/showcase/brochure.yaml");
    let out = brochure::compile_file(&sample, &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let doc = Document::load_mem(&out.pdf).expect("parses");
    let (body, quote) = (9.0, 9.0 * 1.6);
    let pitch = body * 1.4;
    let page = pages(&doc).into_iter().find(|p| p.glyphs.iter().any(|g| (g.size - quote).abs() < 0.05)).expect("a page with the quote");
    let q: Vec<PlacedGlyph> = page.glyphs.iter().filter(|g| (g.size - quote).abs() < 0.05 && !g.text.trim().is_empty()).cloned().collect();
    let (_, x1, bottom, top) = extent(&q);
    let third = baselines_from(&page.glyphs, body, x1 + GUTTER);
    assert!(
        third.iter().any(|y| *y > top) && third.iter().any(|y| *y < top && *y > bottom),
        "the third column has lines above and beside the quote: {third:?}"
    );
    // Between paragraphs a line and a little more; a box's padding adds
    // about as much.
    let gaps: Vec<f32> = third.windows(2).map(|w| (w[0] - w[1]) / pitch).collect();
    assert!(gaps.iter().all(|g| *g < 2.5), "a hole in the column beside the quote, in lines: {gaps:?}");
}
