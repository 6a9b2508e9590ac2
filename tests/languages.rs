//! Editions in the programmes' languages read back from the PDF (issue #18):
//! the words the program writes itself (the contents heading, "More
//! information"), the default date form, the source's words, and for
//! Chinese the line-breaking rules. tests/pdf.rs holds the tests on the
//! sample editions (data/arabic, data/chinese) and on items in another
//! language than their brochure; these build small sources whose whole
//! brochure is in one language.

mod common;

use std::path::{Path, PathBuf};

use brochure::Options;
use lopdf::Document;

/// The folder the sources' relative paths are read from.
fn sample_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name)
}

/// The pages of the PDF built from `src` (paths relative to `base`),
/// with no warning.
fn build(src: &str, base: &Path) -> Vec<common::PageText> {
    let out = match brochure::compile_bytes(src.as_bytes(), base, &Options::default()) {
        Ok(out) => out,
        Err(brochure::Error::Source(diags)) => {
            let report: Vec<String> = diags.iter().map(|d| d.render("brochure.yaml", src)).collect();
            panic!("the source does not build:\n{}", report.join("\n\n"))
        }
        Err(e) => panic!("the source does not build: {e}"),
    };
    assert_eq!(out.warnings, Vec::new());
    let doc = Document::load_mem(&out.pdf).expect("lopdf parses the PDF");
    common::pages(&doc)
}

/// Letters, digits and marks only: extraction may add or drop spaces at
/// line ends and around runs of another direction.
fn words_only(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{AD}').collect()
}

/// A brochure in `language`, dated 1 March 2021, with a contents list and
/// two items: the first with `body` and one link.
fn edition(language: &str, titles: [&str; 2], body: &str, link: &str, theme: &str) -> String {
    format!(
        "title: {t0}\nlanguage: {language}\ndate: 2021-03-01\nitems:\n  - title: {t0}\n    date: 2021-03-01\n    body: \"{body}\"\n    links: [{{text: {link}, url: 'https://example.org'}}]\n  - title: {t1}\n    date: 2021-03-02\n    body: \"{body}\"\ntheme: {{toc: true, footer: ''{theme}}}\n",
        t0 = titles[0],
        t1 = titles[1],
    )
}

/// Builds the edition and checks that its extracted text holds each of
/// `expected` and the body's words, in order.
fn check(language: &str, titles: [&str; 2], body: &str, link: &str, expected: &[&str]) {
    let src = edition(language, titles, body, link, "");
    let text = build(&src, &sample_dir("eu-unodc")).iter().map(|p| p.text.as_str()).collect::<String>();
    for e in expected {
        assert!(text.contains(e), "no `{e}` in the {language} edition:\n{text}");
    }
    let words = words_only(&text);
    for w in titles.iter().copied().chain([body, link]) {
        assert!(words.contains(&words_only(w)), "`{w}` not extracted from the {language} edition:\n{text}");
    }
    // The program's English words are not there.
    for english in ["Contents", "More information"] {
        if language != "en" {
            assert!(!text.contains(english), "`{english}` in the {language} edition:\n{text}");
        }
    }
}

#[test]
fn an_english_edition_has_its_labels_and_dates() {
    check(
        "en",
        ["Border posts", "Judges trained"],
        "Five border posts received equipment.",
        "Website",
        &["Contents", "More information", "1 March 2021", "2 March 2021"],
    );
}

#[test]
fn a_french_edition_has_its_labels_and_dates() {
    check(
        "fr",
        ["Postes frontaliers", "Juges formés"],
        "Cinq postes frontaliers ont reçu des équipements à Tunis.",
        "Site",
        &["Sommaire", "Plus d’informations", "1er mars 2021", "2 mars 2021"],
    );
}

#[test]
fn a_spanish_edition_has_its_labels_and_dates() {
    check(
        "es",
        ["Puestos fronterizos", "Jueces formados"],
        "Cinco puestos fronterizos recibieron equipos en Túnez.",
        "Sitio",
        &["Índice", "Más información", "1 de marzo de 2021", "2 de marzo de 2021"],
    );
}

#[test]
fn a_russian_edition_has_its_labels_and_dates() {
    check(
        "ru",
        ["Пограничные посты", "Обучение судей"],
        "Пять пограничных постов получили оборудование в Тунисе.",
        "Сайт",
        &["Содержание", "Подробнее", "1 марта 2021", "2 марта 2021"],
    );
}

#[test]
fn an_arabic_edition_has_its_labels_and_dates_in_latin_digits_by_default() {
    let src = edition("ar", ["مراكز حدودية", "تدريب القضاة"], "جهّز المكتب خمسة مراكز حدودية بوحدات تعقيم.", "الموقع", "");
    let pages = build(&src, &sample_dir("eu-unodc"));
    let text = pages.iter().map(|p| p.text.as_str()).collect::<String>();
    let words = words_only(&text);
    for w in ["المحتويات", "لمزيد من المعلومات", "جهّز المكتب خمسة مراكز حدودية بوحدات تعقيم.", "الموقع", "مراكز حدودية", "تدريب القضاة"]
    {
        assert!(words.contains(&words_only(w)), "no `{w}` in:\n{text}");
    }
    // The day and the year in the digits the theme did not change, the
    // month in Arabic: each item's date in the contents and under its
    // title, the first also the brochure's, under the title block.
    for (date, times) in [("1 مارس 2021", 3), ("2 مارس 2021", 2)] {
        assert_eq!(words.matches(&words_only(date)).count(), times, "`{date}` in:\n{text}");
    }
    assert!(!text.contains("Contents") && !text.contains("More information"), "{text}");
}

/// Sentences of data/chinese (its font is a subset that has their
/// characters and no others), punctuation every few characters.
const CHINESE: &str = "作为联合国协调应对突尼斯新冠肺炎疫情的一部分，毒罪办为五个边境站点配备了消毒装置，为出现症状的旅客提供隔离和检测所需的防护及医疗设备。移交仪式在突尼斯—迦太基国际机场举行，遵守了世界卫生组织（世卫组织）的措施，内政部和欧洲联盟的代表出席了仪式。课程为期五天，涉及电子证据的保存、保管链以及在法庭上的出示，并包括基于真实案例的实际练习。";

#[test]
fn a_chinese_edition_in_narrow_columns_keeps_the_cjk_line_rules() {
    let theme = ", columns: 4, fonts: {body: {regular: fonts/DroidSansFallback-subset.ttc#0}, heading: {regular: fonts/DroidSansFallback-subset.ttc#0}}";
    let src = edition("zh", ["数字证据", "边境管制"], CHINESE, "毒罪办网站", theme);
    let pages = build(&src, &sample_dir("chinese"));
    let text = words_only(&pages.iter().map(|p| p.text.as_str()).collect::<String>());
    for w in ["目录", "更多信息", "2021年3月1日", "2021年3月2日", "数字证据", "边境管制", "毒罪办网站", CHINESE] {
        assert!(text.contains(&words_only(w)), "no `{w}` in:\n{text}");
    }
    assert!(!text.contains("Contents") && !text.contains("Moreinformation"), "{text}");
    // Lines: glyphs on one baseline within one column, left to right. The
    // four columns of A4 with 18 mm margins start 127.5 pt apart, the first
    // at 51 pt; the buckets split them in the middle of the gutters.
    let closing = "，。、；：？！）」』》”";
    let opening = "（「『《“";
    let (mut lines, mut after_punctuation) = (0, 0);
    for page in &pages {
        let mut by_line: std::collections::BTreeMap<(i32, i32), Vec<&common::PlacedGlyph>> = std::collections::BTreeMap::new();
        for g in page.glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
            by_line.entry((g.y.round() as i32, ((g.x0 - 39.0) / 127.5).floor() as i32)).or_default().push(g);
        }
        for glyphs in by_line.values_mut() {
            glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let (first, last) = (&glyphs[0].text, &glyphs[glyphs.len() - 1].text);
            assert!(!closing.contains(first.as_str()), "a line starts with {first}: {:?}", glyphs.iter().map(|g| g.text.as_str()).collect::<String>());
            assert!(!opening.contains(last.as_str()), "a line ends with {last}: {:?}", glyphs.iter().map(|g| g.text.as_str()).collect::<String>());
            lines += 1;
            after_punctuation += usize::from(closing.contains(last.as_str()));
        }
    }
    // The rule had to act: the text was set on many short lines, and
    // punctuation fell at line ends (where it may stand) at times.
    assert!(lines > 30, "{lines} lines");
    assert!(after_punctuation > 0, "no line ends with punctuation in {lines} lines");
}

/// The baseline distance from an item's title (its last line) to its
/// dateline, in an edition with the two titles given.
fn title_to_dateline(titles: [&str; 2], marker: &str) -> Vec<f32> {
    let src = edition("en", titles, "Body text.", "Site", "");
    let pages = build(&src, &sample_dir("eu-unodc"));
    let mut gaps = Vec::new();
    for page in &pages {
        // Dates of the items (7.6 pt), under titles (14.25 pt).
        for d in page.glyphs.iter().filter(|g| g.text == marker && (g.size - 7.6).abs() < 0.05) {
            let column = |x: f32| x < 297.0;
            let title =
                page.glyphs.iter().filter(|g| (g.size - 14.25).abs() < 0.05 && g.y > d.y && column(g.x0) == column(d.x0)).map(|g| g.y).fold(f32::MAX, f32::min);
            if title < f32::MAX {
                gaps.push(title - d.y);
            }
        }
    }
    gaps
}

#[test]
fn an_arabic_title_leaves_its_dateline_the_depth_of_its_letters() {
    // Noto Sans Arabic declares a descent of 0.738 em, Noto Sans 0.293:
    // the dateline under an Arabic title (14.25 pt) is 0.445 em lower than
    // under a Latin one, so that the letters' boxes, as readers select and
    // extract them, do not reach into it.
    let latin = title_to_dateline(["Border posts", "Judges"], "M");
    let arabic = title_to_dateline(["مراكز حدودية", "Judges"], "M");
    assert_eq!((latin.len(), arabic.len()), (2, 2), "{latin:?} {arabic:?}");
    assert!((latin[0] - latin[1]).abs() < 0.01, "{latin:?}");
    let extra = arabic[0] - arabic[1];
    assert!((extra - 0.445 * 14.25).abs() < 0.1, "the Arabic title's dateline is {extra} pt lower");
}
