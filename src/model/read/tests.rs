//! Tests of the YAML reader.

use super::*;
use crate::model::Block;

fn errors(src: &str) -> Vec<String> {
    let (_, d) = parse(src);
    d.iter().map(|d| d.headline("t.yaml")).collect()
}

#[test]
fn a_long_source_read_in_parts_tells_its_problems_in_order_and_in_place() {
    // Long enough to be loaded and read in parts (parts.rs), with problems
    // near the start, in the middle and at the end of the list.
    let bad = [3, 1000, 2999];
    let mut src = String::from("title: T\nitems:\n");
    for i in 0..3000 {
        let field = if bad.contains(&i) { "bdy" } else { "body" };
        src.push_str(&format!("  - title: News number {i} of the long brochure\n    {field}: Some text of item {i}, long enough to fill a line or two.\n"));
    }
    assert!(src.len() > parts::PARTS_FROM && parts::load(&src).is_some());
    let (model, d) = parse(&src);
    let lines: Vec<String> = bad.iter().map(|i| format!("t.yaml:{}:5: error: items[{i}].bdy: unknown field `bdy`", 4 + 2 * i)).collect();
    assert_eq!(d.iter().filter(|d| d.is_error()).map(|d| d.headline("t.yaml")).collect::<Vec<_>>(), lines);
    let items = model.unwrap().items;
    assert_eq!(items.len(), 3000);
    assert_eq!(items[1500].title.value, "News number 1500 of the long brochure");
    assert_eq!(items[1500].title.span.map(|s| (s.line, s.col)), Some((3 + 2 * 1500, 12)));
}

#[test]
fn reads_every_block_kind() {
    let src = "title: T\nitems:\n  - title: A\n    body:\n      - Para\n      - quote: Q\n        by: B\n      - heading: H\n      - image: a.jpg\n      - list: [x, y]\n";
    let (m, d) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    let body = &m.unwrap().items[0].body;
    assert_eq!(body.len(), 5);
    assert!(matches!(&body[1], Block::Quote { by: Some(b), .. } if b.value == "B"));
    assert!(matches!(&body[4], Block::List(l) if l.len() == 2));
}

#[test]
fn reports_all_problems_with_places() {
    let src = "title: T\nitems:\n  - title: A\n    bdy: x\n  - titel: B\n    body: y\n";
    assert_eq!(
        errors(src),
        // `bdy` and `titel` are reported with their fix, not also as missing.
        vec!["t.yaml:4:5: error: items[0].bdy: unknown field `bdy`", "t.yaml:5:5: error: items[1].titel: unknown field `titel`",]
    );
}

#[test]
fn syntax_errors_are_located() {
    let e = errors("title: \"open\nitems: []\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("t.yaml:"), "{e:?}");
}

#[test]
fn aliases_are_refused() {
    let e = errors("title: &a T\nitems:\n  - title: *a\n    body: x\n");
    assert!(e[0].contains("anchors and aliases"), "{e:?}");
}

#[test]
fn null_means_not_given() {
    let src = "title: T\nsubtitle: null\ncover: ~\ntheme:\nitems:\n  - title: A\n    image: null\n    location: ~\n    summary:\n    links: null\n    tags: [x, ~]\n    body:\n      - x\n      - image: {src: a.jpg, alt: null, caption: ~}\n      - image: {src: b.jpg, alt: \"\"}\n";
    let (m, d) = parse(src);
    assert!(d.is_empty(), "{d:?}");
    let m = m.unwrap();
    let it = &m.items[0];
    assert!(m.subtitle.is_none() && m.cover.is_none());
    assert!(it.image.is_none() && it.location.is_none() && it.summary.is_none() && it.links.is_empty());
    assert_eq!(it.tags.len(), 1);
    assert!(matches!(&it.body[1], Block::Image(i) if i.alt.is_none() && i.caption.is_none()));
    // A quoted empty text is text: the decorative image's `alt: ""`.
    assert!(matches!(&it.body[2], Block::Image(i) if i.alt.as_ref().is_some_and(|a| a.value.is_empty())));
}

#[test]
fn null_in_a_required_field_is_located_at_its_name() {
    let e = errors("title:\nitems:\n  - title: ~\n    body:\n  - title: B\n    body:\n      - image: null\n");
    assert_eq!(
        e,
        [
            "t.yaml:1:1: error: title: `title` is required (it has no value)",
            "t.yaml:3:5: error: items[0].title: `title` is required (it has no value)",
            "t.yaml:4:5: error: items[0].body: `body` is required (it has no value)",
            "t.yaml:7:9: warning: items[1].body[0].image: the `image` block has no value; it is left out",
        ]
    );
}

#[test]
fn other_words_for_fields_are_suggested_once() {
    let e = errors("title: T\nitems:\n  - title: A\n    text: x\n    photo: a.jpg\n    links:\n      - text: X\n        link: https://x.org\n");
    assert_eq!(
        e,
        [
            "t.yaml:4:5: error: items[0].text: unknown field `text`",
            "t.yaml:5:5: error: items[0].photo: unknown field `photo`",
            "t.yaml:8:9: error: items[0].links[0].link: unknown field `link`"
        ]
    );
    let (_, d) = parse("title: T\nitems:\n  - title: A\n    text: x\n    photo: a.jpg\n    links:\n      - {text: X, link: https://x.org}\n");
    let hints: Vec<&str> = d.iter().map(|d| d.hints[0].as_str()).collect();
    assert_eq!(hints, ["did you mean `body`?", "did you mean `image`?", "did you mean `url`?"]);
}

#[test]
fn a_tab_the_yaml_reader_accepts_is_still_reported_when_fields_go_wrong() {
    let e = errors("\ttitle: T\nitems:\n  - title: A\n    body: x\n");
    assert_eq!(e, ["t.yaml:1:2: error: missing field `items`", "t.yaml:1:1: error: a tab in the indentation (YAML indents with spaces only)"]);
}

#[test]
fn duplicate_keys_are_refused() {
    let e = errors("title: T\ntitle: U\nitems: []\n");
    assert_eq!(e[0], "t.yaml:2:1: error: the field `title` is written twice");
}
