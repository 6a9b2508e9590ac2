//! Unit tests of line breaking: whole paragraphs through [`super::break_paragraph`].

use super::items::{address_breaks, address_ranges};
use super::kashida::kashida_points;
use super::*;
use crate::text::hyphenate;
use crate::text::shape::FontData;
use std::sync::Arc;

fn fonts() -> Vec<FontData> {
    vec![FontData::new("serif", Arc::new(include_bytes!("../../../fonts/NotoSerif-Regular.ttf").to_vec())).unwrap()]
}

fn text_of(par: &str, line: &Line) -> String {
    let mut texts: Vec<&GlyphText> = line.glyphs.iter().map(|g| &g.text).collect();
    // Glyphs of one cluster share their text.
    texts.dedup();
    texts
        .into_iter()
        .map(|t| match t {
            GlyphText::Source(r) => par[r.clone()].to_string(),
            GlyphText::AddedHyphen => "-".into(),
            GlyphText::Kashida { .. } => String::new(),
        })
        .collect()
}

fn brk(text: &str, width: f32, justify: bool, hyph: bool) -> Broken {
    let f = fonts();
    let mut s = Shaper::new(&f);
    let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
    let par = Paragraph {
        text,
        spans: vec![(0..text.len(), 0)],
        styles: &styles,
        width: Pt(width),
        justify,
        hyphenate: if hyph { hyphenate::language("en") } else { None },
        rtl: None,
        kashida: true,
        ragged_lines: 0,
    };
    break_paragraph(&mut s, &par)
}

const TEXT: &str = "As part of the United Nations coordinated response to the COVID-19 pandemic in Tunisia, UNODC has equipped five border posts with decontamination units providing protective and medical equipment to isolate and test travelers with symptoms.";

const CHINESE: &str = "联合国毒品和犯罪问题办公室（毒罪办）在突尼斯的五个边境站点安装了消毒装置，为出现症状的旅客提供隔离和检测所需的防护及医疗设备。世界卫生组织（世卫组织）的措施得到了遵守：“没有这些设备，我们每天要在户外检测多达两千人。”移交仪式在突尼斯—迦太基国际机场举行。";

#[test]
fn chinese_breaks_between_characters_by_the_cjk_rules_and_justifies() {
    // The bundled fonts have no Chinese: every character is the same
    // .notdef box, which is enough for where lines may break and how
    // they fill; the characters are reported as missing.
    for w in (90..=200).step_by(7) {
        let b = brk(CHINESE, w as f32, true, false);
        assert!(b.missing.contains(&'联'));
        assert!(b.overlong.is_empty());
        let lines: Vec<String> = b.lines.iter().map(|l| text_of(CHINESE, l)).collect();
        assert!(lines.len() >= 4, "{lines:?}");
        assert_eq!(lines.concat(), CHINESE, "a character was lost or added at {w} pt");
        for (k, line) in lines.iter().enumerate() {
            let first = line.chars().next().unwrap();
            let last = line.chars().last().unwrap();
            assert!(!"，。、；：？！）」』》”".contains(first), "line {k} starts with {first} at {w} pt: {lines:?}");
            assert!(!"（「『《“".contains(last), "line {k} ends with {last} at {w} pt: {lines:?}");
        }
        // Justified by the space between characters: every line but the
        // last fills the measure (within the hang of final punctuation).
        for l in &b.lines[..b.lines.len() - 1] {
            assert!((l.width.get() - w as f32).abs() < 0.05, "{} of {w} pt", l.width.get());
        }
    }
    // Ragged, the natural widths are kept.
    let b = brk(CHINESE, 150.0, false, false);
    assert!(b.lines.iter().all(|l| l.width.get() <= 150.0 + 0.05));
}

#[test]
fn addresses_break_after_slashes_dots_and_dashes_and_before_queries() {
    let a = "https://www.unodc.org/en/a-b.html?x=1&y=2";
    let pieces: Vec<&str> = {
        let mut v = Vec::new();
        let mut from = 0;
        for b in address_breaks(a) {
            v.push(&a[from..b]);
            from = b;
        }
        v.push(&a[from..]);
        v
    };
    assert_eq!(pieces, ["https://", "www.", "unodc.", "org/", "en/", "a-", "b.", "html", "?x", "=1", "&y", "=2"]);
    assert_eq!(address_ranges("See https://x.org/a, or mail@unodc.org."), vec![4..19, 24..38]);
    assert_eq!(address_ranges("(www.unodc.org)"), vec![1..14]);
    assert!(address_ranges("a @ b and 2020/2021 and e.g. this").is_empty());
}

#[test]
fn a_long_address_does_not_stretch_the_spaces_of_its_line() {
    // Before, the address was one unbreakable word: the line before it
    // was left with huge spaces ("See         https://…").
    let text = "Read the report at https://www.unodc.org/unodc/en/frontpage/2021/March/a-very-long-address-for-a-news-item.html?utm_source=brochure or write to the office in Vienna for a printed copy.";
    let b = brk(text, 160.0, true, true);
    assert!(b.overlong.is_empty(), "{:?}", b.overlong);
    let f = fonts();
    let space = Shaper::new(&f).shape(FontId(0), " ")[0].advance;
    let last = b.lines.len() - 1;
    for (k, l) in b.lines.iter().enumerate().take(last) {
        // pdfqa's limit for a loose line: a word space over 0.5 em (a
        // line of the address alone has no space to stretch).
        if !text_of(text, l).trim_end().contains(' ') {
            continue;
        }
        let em = space * (1.0 + SPACE_STRETCH * l.ratio.max(0.0));
        assert!(em <= 0.5, "line {k} `{}` has spaces of {em} em", text_of(text, l));
        assert!(!l.hyphenated || !text_of(text, l).contains("unodc"), "a hyphen added inside the address: {}", text_of(text, l));
    }
    let joined: String = b.lines.iter().map(|l| text_of(text, l)).collect();
    assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "no character lost or added");
}

#[test]
fn no_line_is_left_empty() {
    // A last word whose period hangs into the margin made the line fit
    // only when broken at the glue before the paragraph's end, which
    // left an empty last line (and the real last line alone at the top
    // of the next column). Every measure from 120 to 320 pt, justified
    // and not, with a new line inside the text too.
    let texts = [TEXT.to_string(), TEXT.replace("with decontamination", "with\ndecontamination")];
    for text in &texts {
        for justify in [true, false] {
            for w in (120..=320).step_by(2) {
                let b = brk(text, w as f32, justify, true);
                for (k, line) in b.lines.iter().enumerate() {
                    assert!(!line.glyphs.is_empty(), "line {k} of {} is empty at {w} pt (justify {justify})", b.lines.len());
                }
            }
        }
    }
}

#[test]
fn justified_lines_fill_the_measure_exactly() {
    let b = brk(TEXT, 200.0, true, true);
    assert!(b.lines.len() >= 5);
    for l in &b.lines[..b.lines.len() - 1] {
        // Exactly the measure, or beyond it by the part of a final mark
        // that hangs into the margin.
        let last = l.glyphs.last().unwrap();
        let hang = last.advance.get() * 0.65 + 0.01;
        assert!(l.width.get() >= 199.99 && l.width.get() <= 200.0 + hang, "{:?}", l.width);
        assert!((l.expansion - 1.0).abs() <= EXPANSION + 1e-6);
    }
    assert!(b.lines.last().unwrap().width.get() <= 200.0);
    assert!(b.overlong.is_empty());
}

#[test]
fn no_word_is_lost_or_reordered() {
    let b = brk(TEXT, 150.0, true, true);
    let joined: String = b.lines.iter().map(|l| text_of(TEXT, l).replace('-', "")).collect::<Vec<_>>().join(" ");
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").replace('-', "");
    assert_eq!(norm(&joined.replace("  ", " ")).replace(' ', ""), norm(TEXT).replace(' ', ""));
}

#[test]
fn overlong_words_are_split_and_reported() {
    let t = "see https://www.unodc.org/documents/middleeastandnorthafrica/very-long-path here";
    let b = brk(t, 80.0, true, false);
    assert_eq!(b.overlong.len(), 1);
    for l in &b.lines {
        let hang = l.glyphs.last().map_or(0.0, |g| g.advance.get() * 0.6);
        assert!(l.width.get() <= 80.01 + hang, "{}", l.width.get());
    }
}

#[test]
fn forced_breaks_are_kept() {
    let b = brk("One\nTwo three", 300.0, true, false);
    assert_eq!(b.lines.len(), 2);
    assert_eq!(text_of("One\nTwo three", &b.lines[1]), "Two three");
}

#[test]
fn ragged_lines_keep_natural_spaces() {
    let b = brk(TEXT, 200.0, false, false);
    for l in &b.lines {
        assert!(l.ratio <= 0.0);
        assert!(l.width.get() <= 200.01);
    }
}

/// Noto Serif falling back on Noto Naskh Arabic, then Noto Serif Hebrew.
fn fallback_fonts() -> Vec<FontData> {
    let mut serif = fonts().remove(0);
    serif.fallbacks = vec![FontId(1), FontId(2)];
    let naskh = FontData::fallback("naskh", Arc::new(include_bytes!("../../../fonts/NotoNaskhArabic-Regular.ttf").to_vec())).unwrap();
    let hebrew = FontData::fallback("hebrew", Arc::new(include_bytes!("../../../fonts/NotoSerifHebrew-Regular.ttf").to_vec())).unwrap();
    vec![serif, naskh, hebrew]
}

fn brk_dir(text: &str, rtl: Option<bool>) -> Broken {
    let f = fallback_fonts();
    let mut s = Shaper::new(&f);
    let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
    let par = Paragraph { text, spans: vec![(0..text.len(), 0)], styles: &styles, width: Pt(1000.0), justify: false, hyphenate: None, rtl, kashida: true, ragged_lines: 0 };
    break_paragraph(&mut s, &par)
}

fn source(g: &LineGlyph) -> Range<usize> {
    match &g.text {
        GlyphText::Source(r) => r.clone(),
        GlyphText::AddedHyphen | GlyphText::Kashida { .. } => panic!("no hyphen or kashida expected"),
    }
}

#[test]
fn right_to_left_lines_are_in_visual_order_one_range_per_cluster() {
    let text = "ابت UNODC 2021 جحخ";
    let b = brk_dir(text, None);
    assert_eq!(b.lines.len(), 1);
    let line = &b.lines[0];
    assert!(line.rtl);
    // The clusters cover the text exactly once: no letter repeats.
    let mut ranges: Vec<Range<usize>> = line.glyphs.iter().map(source).collect();
    ranges.sort_by_key(|r| r.start);
    ranges.dedup();
    let mut at = 0;
    for r in &ranges {
        assert_eq!(r.start, at, "{ranges:?}");
        at = r.end;
    }
    assert_eq!(at, text.len());
    // Pen positions follow the advances from the left.
    let mut x = 0.0;
    for g in &line.glyphs {
        assert!((g.x.get() - x).abs() < 1e-3);
        x += g.advance.get();
    }
    // Left to right on the page: the last Arabic word, the Latin name and
    // the number in reading order, then the first Arabic word.
    let runs: Vec<String> = run_bounds(text, &line.glyphs).into_iter().map(|r| run_text(text, &line.glyphs[r]).0).collect();
    assert_eq!(runs.concat(), "جحخ UNODC 2021 ابت");
    let rtl: Vec<bool> = run_bounds(text, &line.glyphs).into_iter().map(|r| line.glyphs[r.start].rtl).collect();
    assert_eq!(rtl, [true, true, false, true, true]);
}

#[test]
fn right_to_left_run_text_reads_backwards() {
    let text = "Peace: שלום and";
    let line = &brk_dir(text, None).lines[0];
    assert!(!line.rtl);
    let bounds = run_bounds(text, &line.glyphs);
    let hebrew = bounds.iter().find(|r| line.glyphs[r.start].rtl).unwrap().clone();
    let (run, ranges) = run_text(text, &line.glyphs[hebrew]);
    assert_eq!(run, "שלום");
    // Drawn left to right, the glyphs show the word's letters from its last.
    assert_eq!(ranges, [6..8, 4..6, 2..4, 0..2]);
}

#[test]
fn fallback_fonts_fill_in_and_missing_characters_are_listed() {
    let text = "Peace שלום سلام 😀 中文 \u{200B}x";
    let b = brk_dir(text, None);
    assert_eq!(b.missing, ['😀', '中', '文']);
    let font_of = |word: &str| {
        let at = text.find(word).unwrap();
        b.lines[0].glyphs.iter().find(|g| source(g).start == at).unwrap().font
    };
    assert_eq!(font_of("Peace"), FontId(0));
    assert_eq!(font_of("سلام"), FontId(1));
    assert_eq!(font_of("שלום"), FontId(2));
}

#[test]
fn kashida_goes_only_where_arabic_typography_allows() {
    // Byte offsets of the letter after the join, and the rank.
    // Seen before teh marbuta: after the seen is best; never after dal or reh.
    assert_eq!(kashida_points("مدرسة"), [(2, 6), (8, 1)]);
    // Before a final dal.
    assert_eq!(kashida_points("محمد"), [(2, 6), (4, 6), (6, 2)]);
    // Before a final yeh.
    assert_eq!(kashida_points("في"), [(2, 5)]);
    // After the mark of the letter before the join.
    assert_eq!(kashida_points("بَيت"), [(4, 6), (6, 6)]);
    // Not inside lam-alef nor just before it, not after alef, waw, reh,
    // nor at a word's end.
    assert_eq!(kashida_points("سلام"), []);
    assert_eq!(kashida_points("ورد"), []);
    assert_eq!(kashida_points("خلال"), []);
    assert_eq!(kashida_points("ب"), []);
    // A kashida typed by the author ranks first; Latin has none.
    assert_eq!(kashida_points("كـتب"), [(2, 0), (4, 0), (6, 6)]);
    assert_eq!(kashida_points("UNODC"), []);
}

/// An Arabic paragraph in Noto Naskh Arabic, justified at `width`.
fn arabic_lines(text: &str, width: f32, kashida: bool) -> Broken {
    let f = fallback_fonts();
    let mut s = Shaper::new(&f);
    let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
    let par = Paragraph { text, spans: vec![(0..text.len(), 0)], styles: &styles, width: Pt(width), justify: true, hyphenate: None, rtl: Some(true), kashida, ragged_lines: 0 };
    break_paragraph(&mut s, &par)
}

const ARABIC: &str = "في إطار استجابة الأمم المتحدة المنسقة لجائحة كوفيد في تونس، قام المكتب بتجهيز خمسة مراكز حدودية بوحدات تعقيم توفر معدات وقائية وطبية لعزل المسافرين الذين تظهر عليهم الأعراض وفحصهم. وقد نظم حفل التسليم بمطار تونس قرطاج الدولي.";

#[test]
fn justified_arabic_lines_stretch_by_kashida_within_its_limit() {
    let space = |b: &Broken| -> Vec<f32> {
        b.lines[..b.lines.len() - 1].iter().flat_map(|l| l.glyphs.iter().filter(|g| matches!(&g.text, GlyphText::Source(r) if &ARABIC[r.clone()] == " ")).map(|g| g.advance.get())).collect()
    };
    let with = arabic_lines(ARABIC, 200.0, true);
    let without = arabic_lines(ARABIC, 200.0, false);
    assert!(with.lines.len() >= 4);
    let mut kashidas = 0;
    for l in &with.lines[..with.lines.len() - 1] {
        // Justified: the line fills the measure.
        assert!((l.width.get() - 200.0).abs() < 0.05, "{}", l.width.get());
        let words = l.glyphs.iter().filter(|g| matches!(&g.text, GlyphText::Source(r) if &ARABIC[r.clone()] == " ")).count() + 1;
        let k: Vec<&LineGlyph> = l.glyphs.iter().filter(|g| matches!(g.text, GlyphText::Kashida { .. })).collect();
        // At most one kashida a word, none longer than its limit, and
        // each a bar of the tatweel of Noto Naskh Arabic (0 to 76 units).
        assert!(k.len() <= words, "{} kashidas, {words} words", k.len());
        for g in &k {
            assert!(g.advance.get() > 0.0 && g.advance.get() <= KASHIDA_MAX * 10.0 + 1e-4, "{}", g.advance.get());
            assert_eq!(g.text, GlyphText::Kashida { bottom: 0, top: 76 });
        }
        kashidas += k.len();
    }
    assert!(kashidas >= 8, "{kashidas}");
    // Every character is shown once, by a letter's glyph, never by a kashida.
    let mut ranges: Vec<Range<usize>> = with.lines.iter().flat_map(|l| l.glyphs.iter().filter_map(|g| if let GlyphText::Source(r) = &g.text { Some(r.clone()) } else { None })).collect();
    ranges.sort_by_key(|r| r.start);
    ranges.dedup();
    let shown: String = ranges.iter().map(|r| &ARABIC[r.clone()]).collect();
    assert_eq!(shown.replace(' ', ""), ARABIC.replace(' ', ""));
    // The last line is set at its natural width, without kashida.
    assert!(with.lines.last().unwrap().glyphs.iter().all(|g| !matches!(g.text, GlyphText::Kashida { .. })));
    // A line whose slack the kashidas took whole: its spaces keep their
    // natural width (2.21 pt).
    let natural = 2.21;
    let kashida_of = |l: &Line| -> f32 { l.glyphs.iter().filter(|g| matches!(g.text, GlyphText::Kashida { .. })).map(|g| g.advance.get()).sum() };
    let spaces_of = |l: &Line| -> Vec<f32> { l.glyphs.iter().filter(|g| matches!(&g.text, GlyphText::Source(r) if &ARABIC[r.clone()] == " ")).map(|g| g.advance.get()).collect() };
    assert!(
        with.lines[..with.lines.len() - 1].iter().any(|l| kashida_of(l) > 1.0 && spaces_of(l).iter().all(|w| (w - natural).abs() < 1e-3)),
        "no line took its slack in kashida alone"
    );
    // Spaces stay nearer their natural width than with spaces alone.
    let widest = |b: &Broken| space(b).iter().map(|w| (w - natural).abs()).fold(0.0f32, f32::max);
    let (a, b) = (widest(&with), widest(&without));
    assert!(a < b - 0.2, "spaces off their width by up to {a} pt with kashida, {b} pt without");
    assert!(without.lines.iter().all(|l| l.glyphs.iter().all(|g| !matches!(g.text, GlyphText::Kashida { .. }))));
}

#[test]
fn no_more_than_two_hyphens_in_a_row() {
    let b = brk(&TEXT.repeat(4), 90.0, true, true);
    let mut streak = 0;
    for l in &b.lines {
        streak = if l.hyphenated { streak + 1 } else { 0 };
        assert!(streak <= MAX_HYPHEN_STREAK);
    }
}

fn brk_widths(text: &str, widths: &[f32], justify: bool) -> Broken {
    let f = fonts();
    let mut s = Shaper::new(&f);
    let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
    let par = Paragraph { text, spans: vec![(0..text.len(), 0)], styles: &styles, width: Pt(widths[0]), justify, hyphenate: hyphenate::language("en"), rtl: None, kashida: true, ragged_lines: 0 };
    let widths: Vec<Pt> = widths.iter().map(|&w| Pt(w)).collect();
    break_paragraph_widths(&mut s, &par, &widths)
}

#[test]
fn one_line_width_breaks_as_the_paragraph_width() {
    for justify in [true, false] {
        for w in [150.0, 200.0, 260.0] {
            let plain = brk(TEXT, w, justify, true);
            assert_eq!(brk_widths(TEXT, &[w], justify), plain);
            // The same width given for the first lines changes nothing.
            assert_eq!(brk_widths(TEXT, &[w, w, w], justify), plain, "{w} pt, justify {justify}");
            let f = fonts();
            let mut s = Shaper::new(&f);
            let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
            let par = Paragraph { text: TEXT, spans: vec![(0..TEXT.len(), 0)], styles: &styles, width: Pt(w), justify, hyphenate: hyphenate::language("en"), rtl: None, kashida: true, ragged_lines: 0 };
            assert_eq!(break_paragraph_widths(&mut s, &par, &[]), plain);
        }
    }
}

#[test]
fn each_line_is_broken_at_its_own_width_the_last_one_repeated() {
    // Fourteen equal words; the widths hold exactly two words for three
    // lines, then four: the only breaks that leave every line at its
    // natural spacing are 2, 2, 2, 4 and 4 words.
    let f = fonts();
    let mut s = Shaper::new(&f);
    let advance = |s: &mut Shaper<'_>, t: &str| s.shape(FontId(0), t).iter().map(|g| g.advance).sum::<f32>() * 10.0;
    let (word, space) = (advance(&mut s, "word"), advance(&mut s, " "));
    let fit = |n: f32| n * word + (n - 1.0) * space + 0.01;
    let text = vec!["word"; 14].join(" ");
    for justify in [true, false] {
        let b = brk_widths(&text, &[fit(2.0), fit(2.0), fit(2.0), fit(4.0)], justify);
        let words: Vec<usize> = b.lines.iter().map(|l| text_of(&text, l).split_whitespace().count()).collect();
        assert_eq!(words, [2, 2, 2, 4, 4], "justify {justify}");
        assert!(b.overlong.is_empty());
        for (k, l) in b.lines.iter().enumerate() {
            assert!(l.ratio.abs() < 0.01, "line {k} is not at its natural spacing: {}", l.ratio);
        }
    }
    // One width of four words: four lines of four, one of two.
    let b = brk_widths(&text, &[fit(4.0)], true);
    let words: Vec<usize> = b.lines.iter().map(|l| text_of(&text, l).split_whitespace().count()).collect();
    assert_eq!(words, [4, 4, 4, 2]);
}

#[test]
fn justified_lines_fill_their_own_widths() {
    // Three short lines (a drop cap or a figure beside them), then the full
    // measure: each line but the last fills its width, no word is lost.
    let widths = [120.0, 120.0, 120.0, 220.0];
    let b = brk_widths(TEXT, &widths, true);
    assert!(b.lines.len() >= 6);
    for (k, l) in b.lines[..b.lines.len() - 1].iter().enumerate() {
        let w = widths[k.min(widths.len() - 1)];
        let hang = l.glyphs.last().unwrap().advance.get() * 0.65 + 0.01;
        assert!(l.width.get() >= w - 0.01 && l.width.get() <= w + hang, "line {k}: {} of {w} pt", l.width.get());
    }
    let joined: String = b.lines.iter().map(|l| text_of(TEXT, l)).collect();
    assert_eq!(joined.replace(['-', ' '], ""), TEXT.replace(['-', ' '], ""));
    // Ragged, no line is wider than its width.
    let b = brk_widths(TEXT, &widths, false);
    for (k, l) in b.lines.iter().enumerate() {
        assert!(l.width.get() <= widths[k.min(widths.len() - 1)] + 0.01, "line {k}: {}", l.width.get());
    }
}

#[test]
fn the_first_lines_of_a_justified_paragraph_may_be_ragged() {
    // Three short lines set ragged (beside an inset too narrow to justify),
    // then the full measure justified: the short lines keep their spaces
    // natural and none is wider than its width; the lines after them but
    // the last fill the measure.
    let widths = [120.0, 120.0, 120.0, 220.0];
    let f = fonts();
    let mut s = Shaper::new(&f);
    let styles = [RunStyle { font: FontId(0), size: Pt(10.0) }];
    let text = TEXT.repeat(2);
    let par = Paragraph { text: &text, spans: vec![(0..text.len(), 0)], styles: &styles, width: Pt(220.0), justify: true, hyphenate: hyphenate::language("en"), rtl: None, kashida: true, ragged_lines: 3 };
    let pts: Vec<Pt> = widths.iter().map(|&w| Pt(w)).collect();
    let b = break_paragraph_widths(&mut s, &par, &pts);
    assert!(b.lines.len() >= 8, "{}", b.lines.len());
    let natural = |l: &Line| l.ratio.abs() < 1e-6 && l.expansion == 1.0;
    for (k, l) in b.lines[..3].iter().enumerate() {
        assert!(natural(l), "line {k}: ratio {} expansion {}", l.ratio, l.expansion);
        assert!(l.width.get() <= 120.01, "line {k}: {}", l.width.get());
    }
    // Ragged, their ends differ: not all filled to the edge by chance.
    assert!(b.lines[..3].iter().any(|l| l.width.get() < 118.0));
    let n = b.lines.len();
    for (k, l) in b.lines[3..n - 1].iter().enumerate() {
        let hang = l.glyphs.last().unwrap().advance.get() * 0.65 + 0.01;
        assert!(l.width.get() >= 219.99 && l.width.get() <= 220.0 + hang, "line {}: {}", k + 3, l.width.get());
    }
    let joined: String = b.lines.iter().map(|l| text_of(&text, l)).collect();
    assert_eq!(joined.replace(['-', ' '], ""), text.replace(['-', ' '], ""));
    // More ragged lines than widths: the last width holds for them too.
    let par = Paragraph { ragged_lines: 6, ..par };
    let b = break_paragraph_widths(&mut s, &par, &pts);
    assert!(b.lines[..6].iter().all(natural));
    assert!(!natural(&b.lines[6]));
    // Ragged paragraphs are ragged throughout, whatever `ragged_lines` says.
    let plain = Paragraph { justify: false, ragged_lines: 0, ..par };
    let ragged = break_paragraph_widths(&mut s, &Paragraph { spans: plain.spans.clone(), ragged_lines: 3, ..plain }, &pts);
    let plain = Paragraph { spans: vec![(0..text.len(), 0)], ragged_lines: 0, ..plain };
    assert_eq!(break_paragraph_widths(&mut s, &plain, &pts), ragged);
}

#[test]
fn loose_lines_space_their_letters_before_their_words() {
    // Without hyphens, in a narrow measure, some lines need more than their
    // spaces' stretch: those, and only those, space every letter of their
    // words by one amount (up to TRACKING), and stay flush at both edges.
    let text = TEXT.repeat(2);
    let width = 110.0;
    let b = brk(&text, width, true, false);
    let f = fonts();
    let mut s = Shaper::new(&f);
    let (mut spaced, mut plain) = (0, 0);
    for (k, line) in b.lines.iter().enumerate().take(b.lines.len() - 1) {
        // (Wider by what hangs into the margin at its end: a comma, a stop.)
        assert!(line.width.get() > width - 0.01 && line.width.get() < width + 3.0, "line {k} is {} wide", line.width.get());
        // Words (the glyphs between spaces), the line's last left out: its
        // last glyph is never spaced.
        let mut words: Vec<Vec<&LineGlyph>> = vec![Vec::new()];
        for g in &line.glyphs {
            if matches!(&g.text, GlyphText::Source(r) if text[r.clone()].chars().all(char::is_whitespace)) {
                words.push(Vec::new());
            } else {
                words.last_mut().unwrap().push(g);
            }
        }
        words.pop();
        let per_letter: Vec<f32> = words
            .iter()
            .filter(|w| !w.is_empty())
            .map(|w| {
                let set: f32 = w.iter().map(|g| g.advance.get()).sum();
                let word = text_of(&text, &Line { glyphs: w.iter().map(|g| (*g).clone()).collect(), ..line.clone() });
                let natural: f32 = s.shape(FontId(0), &word).iter().map(|g| g.advance).sum::<f32>() * 10.0 * line.expansion;
                (set - natural) / w.len() as f32
            })
            .collect();
        let t = per_letter[0];
        assert!(per_letter.iter().all(|p| (p - t).abs() < 1e-3), "line {k}: letters spaced unevenly {per_letter:?}");
        if line.ratio > 1.0 {
            assert!(t > 0.0 && t <= TRACKING * 10.0 + 1e-4, "line {k} (ratio {}): letters spaced by {t}", line.ratio);
            spaced += 1;
        } else {
            assert!(t.abs() < 1e-3, "line {k} (ratio {}) within its stretch, spaced by {t}", line.ratio);
            plain += 1;
        }
    }
    assert!(spaced > 0 && plain > 0, "{spaced} spaced and {plain} plain lines");
    // Ragged lines are never spaced.
    let ragged = brk(&text, width, false, false);
    for line in &ragged.lines {
        for w in line.glyphs.windows(2) {
            assert!((w[1].x.get() - w[0].x.get() - w[0].advance.get()).abs() < 1e-4);
        }
    }
}

#[test]
fn a_paragraph_breaks_the_same_after_others_on_the_same_thread() {
    // The breaker's buffers are kept by the thread between paragraphs
    // (`scratch`): a paragraph broken after a longer one, justified and
    // hyphenated, or after one that needed a second pass, comes out as on
    // a thread that never broke any.
    let short = "Border posts were equipped with decontamination units.";
    let long = TEXT.repeat(6);
    let cases = [(short, 120.0, true, true), (TEXT, 150.0, false, false), (TEXT, 61.0, true, true)];
    let fresh: Vec<Broken> = cases.iter().map(|&(t, w, j, h)| std::thread::spawn(move || brk(t, w, j, h)).join().unwrap()).collect();
    for (k, &(t, w, j, h)) in cases.iter().enumerate() {
        brk(&long, 300.0, true, true);
        brk(&long, 45.0, true, true);
        assert_eq!(brk(t, w, j, h), fresh[k], "case {k}");
    }
}
