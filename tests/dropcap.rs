//! Drop caps (`theme.drop_cap`, an item's `drop_cap`): the initial stands
//! three lines tall beside the first lines of the item's first paragraph,
//! is not text (it is drawn as outlines), and the paragraph's words read
//! whole from the PDF, in its content and in its structure.

mod common;

use std::path::Path;

use brochure::layout::{self, Draw, Item, Layout};
use brochure::resolve::{self, Doc};
use brochure::{Options, model};
use common::{pages, structure};

const LONG: &str = "The committee met in Vienna for three days of talks on the new programme, which brings together customs officers, police and prosecutors from twelve countries around the Mediterranean and the Sahel.";

fn source(theme_drop_cap: &str, items: &[(&str, &str)]) -> String {
    let mut s = format!("title: Drop caps\nlanguage: en\ntheme:\n  columns: 2\n  drop_cap: {theme_drop_cap}\nitems:\n");
    for (extra, body) in items {
        s.push_str(&format!("  - title: An item\n{extra}    body:\n      - {body:?}\n"));
    }
    s
}

fn lay(src: &str) -> (Doc, Layout) {
    let (model, diags) = model::parse(src);
    let model = model.unwrap_or_else(|| panic!("{diags:?}"));
    let (doc, diags) = resolve::resolve(&model, Path::new("."));
    let doc = doc.unwrap_or_else(|| panic!("{diags:?}"));
    let laid = layout::layout(&doc);
    (doc, laid)
}

/// The text runs drawn as `draw`, with their baseline heights.
fn runs(laid: &Layout, draw: Draw) -> Vec<(f32, brochure::layout::TextRun)> {
    laid.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|(at, it)| match it {
            Item::Text(r) if r.draw == draw => Some((at.y.get(), r.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_initial_spans_three_lines_and_is_not_text() {
    let (doc, laid) = lay(&source("true", &[("", LONG)]));
    let initials = runs(&laid, Draw::Outline);
    assert_eq!(initials.len(), 1, "one initial");
    let (y, initial) = &initials[0];
    assert_eq!(initial.text, "T");
    assert!(initial.tag.is_none(), "the initial is decoration");
    // Its capital is more than 2.5 body lines tall.
    let cap = initial.size.get() * doc.fonts[initial.font.0 as usize].metrics.cap_height;
    let leading = doc.theme.base_size.get() * 1.4;
    assert!(cap > 2.5 * leading, "capital {cap} pt, lines {leading} pt apart");
    // The letter as invisible text, on the first line, 2 lines above the
    // initial's baseline, and tagged with the paragraph.
    let letters = runs(&laid, Draw::Invisible);
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].1.text, "T");
    assert!(letters[0].1.tag.is_some());
    assert!((y - letters[0].0 - 2.0 * leading).abs() < 0.01, "initial baseline {y}, first line {}", letters[0].0);

    let out = brochure::compile_bytes(source("true", &[("", LONG)]).as_bytes(), Path::new("."), &Options::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&out.pdf).unwrap();
    let page = &pages(&pdf)[0];
    assert!(page.text.contains("The committee met"), "{}", page.text);
    // No glyph is drawn at the initial's size: it is outlines.
    assert!(!page.glyphs.iter().any(|g| (g.size - initial.size.get()).abs() < 0.5), "a glyph at {} pt", initial.size.get());
    let para = structure(&pdf).into_iter().find(|e| e.role == "P" && e.text.contains("committee")).expect("the paragraph is tagged");
    assert!(para.text.starts_with("The committee"), "{}", para.text);
}

#[test]
fn the_items_drop_cap_wins_over_the_theme() {
    let (_, laid) = lay(&source("true", &[("    drop_cap: false\n", LONG)]));
    assert!(runs(&laid, Draw::Outline).is_empty());
    assert!(runs(&laid, Draw::Invisible).is_empty());
    let (_, laid) = lay(&source("false", &[("    drop_cap: true\n", LONG), ("", LONG)]));
    assert_eq!(runs(&laid, Draw::Outline).len(), 1, "only the item that asks");
}

#[test]
fn opening_quotes_go_with_the_initial_and_a_lone_letter_keeps_its_space() {
    let quoted = format!("“A{}", &LONG[3..]);
    let (_, laid) = lay(&source("true", &[("", &quoted)]));
    assert_eq!(runs(&laid, Draw::Outline)[0].1.text, "“A");
    assert_eq!(runs(&laid, Draw::Invisible)[0].1.text, "“A ");
    // The invisible letters end where the first line's words start, and
    // their space has its width (extractors glue words across a blank of
    // no width: "Acommittee").
    let items = &laid.pages[0].items;
    let k = items.iter().position(|(_, it)| matches!(it, Item::Text(r) if r.draw == Draw::Invisible)).unwrap();
    let (at, Item::Text(letters)) = &items[k] else { unreachable!() };
    assert!(letters.glyphs.last().unwrap().advance.get() > 1.0, "the space has its width");
    let (next, _) = &items[k + 1..].iter().find(|(p, it)| (p.y - at.y).get().abs() < 0.01 && matches!(it, Item::Text(r) if r.draw == Draw::Text)).unwrap();
    assert!((at.x + letters.width() - next.x).get().abs() < 0.01, "letters end at {:?}, words start at {:?}", at.x + letters.width(), next.x);
    let out = brochure::compile_bytes(source("true", &[("", &quoted)]).as_bytes(), Path::new("."), &Options::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&out.pdf).unwrap();
    assert!(pages(&pdf)[0].text.contains("“A committee met"), "{}", pages(&pdf)[0].text);
}

#[test]
fn no_drop_cap_for_short_paragraphs_digits_or_right_to_left() {
    for (extra, body) in [
        ("", "Too short to drop."),
        ("", "2026 was a year of firsts for the committee, which met in Vienna for three days of talks on a new programme with customs officers."),
        (
            "    language: ar\n",
            "اجتمعت اللجنة في فيينا لمدة ثلاثة أيام من المحادثات حول البرنامج الجديد الذي يجمع ضباط الجمارك والشرطة والمدعين العامين من اثني عشر بلدا حول البحر المتوسط والساحل.",
        ),
    ] {
        let (_, laid) = lay(&source("true", &[(extra, body)]));
        assert!(runs(&laid, Draw::Outline).is_empty(), "{body}");
        assert!(runs(&laid, Draw::Invisible).is_empty(), "{body}");
    }
}

#[test]
fn a_wrong_value_is_located() {
    let src = source("maybe", &[("", LONG)]);
    let (model, _) = model::parse(&src);
    let (_, diags) = resolve::resolve(&model.unwrap(), Path::new("."));
    let d = diags.iter().find(|d| d.message.contains("maybe")).expect("an error");
    let rendered = d.render("src.yaml", &src);
    assert!(rendered.contains("src.yaml:5:13"), "{rendered}");
    assert!(rendered.contains("true"), "{rendered}");
}

#[test]
fn three_lines_stand_beside_the_initial_and_the_fourth_is_back_at_the_full_measure() {
    let long = format!("{LONG} {LONG}");
    let (doc, laid) = lay(&source("true", &[("", &long)]));
    let (y, initial) = runs(&laid, Draw::Outline).remove(0);
    let x0 = laid.pages[0].items.iter().find(|(_, it)| matches!(it, Item::Text(r) if r.draw == Draw::Outline)).unwrap().0.x.get();
    // The initial's ink, from the shaper's view of the font.
    let shaper = brochure::text::shape::Shaper::new(&doc.fonts);
    let (ink_left, ink_right) = shaper.ink_x(initial.font, initial.glyphs[0].id).unwrap();
    let (left, right) = (x0 + ink_left * initial.size.get(), x0 + ink_right * initial.size.get());
    let leading = doc.theme.base_size.get() * 1.4;
    // The body runs of the paragraph, by line: the first line's baseline
    // is two lines above the initial's.
    let first = y - 2.0 * leading;
    let start_of = |n: f32| {
        laid.pages[0]
            .items
            .iter()
            .filter(|(at, it)| (at.y.get() - (first + n * leading)).abs() < 0.01 && matches!(it, Item::Text(r) if r.draw == Draw::Text && r.tag.is_some()))
            .map(|(at, _)| at.x.get())
            .fold(f32::INFINITY, f32::min)
    };
    // The fourth line is back at the column's edge, where the initial's
    // ink starts; the three before start a gap of 0.35 em after its ink.
    let column = start_of(3.0);
    assert!((left - column).abs() < 0.01, "the initial's ink starts at {left}, the column at {column}");
    for n in 0..3 {
        let x = start_of(n as f32);
        let gap = (x - right) / doc.theme.base_size.get();
        assert!((gap - 0.35).abs() < 0.01, "line {n} starts at {x}, {gap} em after the initial's ink at {right}");
    }
}
