//! Tests of resolving as a whole: values checked, defaults, labels,
//! files refused, order.

use super::*;

fn run(src: &str) -> (Option<Doc>, Vec<String>) {
    let (m, d) = model::parse(src);
    assert!(d.is_empty(), "{d:?}");
    let (doc, d) = resolve(&m.unwrap(), Path::new("."));
    (doc, d.iter().map(|d| d.headline("t.yaml")).collect())
}

#[test]
fn impossible_dates_are_explained() {
    let (_, e) = run("title: T\nitems:\n  - title: A\n    date: 2021-02-30\n    body: x\n");
    assert_eq!(e, vec!["t.yaml:4:11: error: items[0].date: impossible date `2021-02-30` (February 2021 has 28 days)"]);
}

#[test]
fn theme_values_are_checked_together() {
    let src = "title: T\nitems:\n  - title: A\n    body: x\ntheme:\n  columns: two\n  gutter: 5px\n  page: A6\n  colors: {accent: blue}\n  order: newest\n";
    let (doc, e) = run(src);
    assert!(doc.is_none());
    assert_eq!(e.len(), 5, "{e:#?}");
    assert!(e[0].contains("unknown page size `A6`"));
}

#[test]
fn defaults_make_an_a4_two_column_brochure() {
    let (doc, e) = run("title: T\nitems:\n  - title: A\n    date: 2021-03-01\n    body: x\n");
    assert!(e.is_empty());
    let d = doc.unwrap();
    assert_eq!(d.theme.columns, 2);
    assert!((d.theme.page_width.get() - 595.28).abs() < 0.01);
    // Without `date_format`, the language's unambiguous form.
    assert_eq!(d.items[0].date_text.as_deref(), Some("1 March 2021"));
    assert_eq!(d.labels.contents, "Contents");
    assert!(!d.theme.toc);
    assert_eq!(d.theme.footer.as_deref(), Some("{page}"));
}

#[test]
fn labels_and_digits_follow_the_language_and_the_theme() {
    let items = "items:\n  - title: A\n    date: 2021-03-01\n    body: x\n  - title: B\n    language: fr\n    date: 2021-03-01\n    body: x\n";
    let (doc, e) = run(&format!("title: T\nlanguage: ar\ndate: 2021-03-15\n{items}theme:\n  digits: arabic-indic\n  labels: {{more_information: للمزيد}}\n"));
    assert!(e.is_empty(), "{e:?}");
    let d = doc.unwrap();
    assert_eq!(d.date_text.as_deref(), Some("١٥ مارس ٢٠٢١"));
    assert_eq!(d.labels.contents, "المحتويات");
    assert_eq!(d.items[0].labels.more_information, "للمزيد");
    // The theme's words are the brochure's language's: a French item keeps its own.
    assert_eq!(d.items[1].labels.more_information, "Plus d’informations");
    assert_eq!(d.items[1].date_text.as_deref(), Some("١er mars ٢٠٢١"));
    // An explicit format is kept as it is.
    let (doc, _) = run(&format!("title: T\nlanguage: ru\n{items}theme:\n  date_format: '%d.%m.%Y'\n"));
    assert_eq!(doc.unwrap().items[0].date_text.as_deref(), Some("01.03.2021"));
}

#[test]
fn unknown_digits_empty_labels_and_wordless_languages_are_reported() {
    let items = "items:\n  - title: A\n    body: x\n";
    let (_, e) = run(&format!("title: T\n{items}theme:\n  digits: hindi\n  labels: {{contents: ' '}}\n"));
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e.iter().any(|m| m.contains("t.yaml:6:11: error: theme.digits: `hindi` is not one of latin, arabic-indic, persian")), "{e:?}");
    assert!(e.iter().any(|m| m.contains("t.yaml:7:22: error: theme.labels.contents: the label is empty")), "{e:?}");
    let (doc, e) = run(&format!("title: T\nlanguage: sw\n{items}"));
    assert!(doc.is_some());
    assert_eq!(e, ["t.yaml:2:11: warning: language: the program has no words of its own in `sw` (English ones are printed)"]);
    let (_, e) = run(&format!("title: T\nlanguage: sw\n{items}theme:\n  labels: {{contents: Yaliyomo, image_credit: Picha, more_information: Habari zaidi}}\n"));
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn missing_images_name_the_file() {
    let (_, e) = run("title: T\nitems:\n  - title: A\n    image: {src: nope.jpg}\n    body: x\n");
    assert_eq!(e, vec!["t.yaml:4:18: error: items[0].image.src: failed to load image `nope.jpg` (file not found)"]);
}

#[test]
fn files_outside_the_folder_are_refused() {
    let (_, e) = run("title: T\nitems:\n  - title: A\n    image: /etc/passwd\n    body: x\n");
    assert_eq!(e, vec!["t.yaml:4:12: error: items[0].image.src: image `/etc/passwd` is outside the brochure's folder"]);
    let (_, e) = run("title: T\nitems:\n  - title: A\n    image: ../../../../../../etc/passwd\n    body: x\n");
    assert!(e[0].contains("is outside the brochure's folder"), "{e:?}");
}

#[test]
fn order_sorts_by_date() {
    let (doc, _) = run("title: T\nitems:\n  - {title: A, date: 2020-01-01, body: x}\n  - {title: B, body: x}\n  - {title: C, date: 2021-01-01, body: x}\ntheme: {order: newest-first}\n");
    let titles: Vec<_> = doc.unwrap().items.iter().map(|i| i.title_text.clone()).collect();
    assert_eq!(titles, ["C", "A", "B"]);
}

#[test]
fn paragraphs_read_ahead_keep_their_item_language_and_place() {
    // The same words in three items (three texts in the source): each is
    // set with its own language's marks, and the tag dropped from each is
    // told at its own place, as when the texts were read one by one.
    let body = "    body:\n      - 'She said \"yes\" <span>now</span>'\n      - quote: '\"Soon\" <span>he</span> said'\n";
    let src = format!("title: T\nitems:\n  - title: A\n{body}  - title: B\n    language: de\n{body}  - title: C\n    language: fr\n{body}");
    let (doc, e) = run(&src);
    let d = doc.unwrap();
    let text = |i: usize| match (&d.items[i].body[0], &d.items[i].body[1]) {
        (BodyBlock::Paragraph(p), BodyBlock::Quote { text, .. }) => (p.text.clone(), text[0].text.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(text(0), ("She said “yes” now".to_string(), "“Soon” he said".to_string()));
    assert_eq!(text(1), ("She said „yes“ now".to_string(), "„Soon“ he said".to_string()));
    assert!(text(2).0.starts_with("She said «"), "{:?}", text(2));
    let places: Vec<&str> = e.iter().map(|m| m.split(": warning").next().unwrap()).collect();
    // Each item's two texts, at the same columns in each.
    assert_eq!(places, ["t.yaml:5:24", "t.yaml:6:23", "t.yaml:10:24", "t.yaml:11:23", "t.yaml:15:24", "t.yaml:16:23"], "{e:#?}");
}

#[test]
fn a_file_named_again_is_refused_again() {
    // Whether a file lies inside the folder is looked up once per path; the
    // second use is told as the first.
    let (_, e) = run("title: T\nitems:\n  - title: A\n    image: /etc/passwd\n    body: x\n  - title: B\n    image: /etc/passwd\n    body: x\n");
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[1].starts_with("t.yaml:7:12: error: items[1].image.src: image `/etc/passwd` is outside"), "{e:?}");
}
