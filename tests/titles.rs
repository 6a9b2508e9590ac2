//! Display titles read back from the PDF: the cover title and the items'
//! titles are set in balanced lines (as CSS's `text-wrap: balance`), so
//! that a title never ends with a lone character (data/chinese's cover)
//! or a lone word, and keeps the number of lines it would have had.

mod common;

use std::path::{Path, PathBuf};

use brochure::Options;
use common::{PageText, PlacedGlyph};
use lopdf::Document;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name).join("brochure.yaml")
}

fn pages_of(name: &str) -> Vec<PageText> {
    let out = brochure::compile_file(sample(name), &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(out.warnings, Vec::new());
    common::pages(&Document::load_mem(&out.pdf).expect("parses"))
}

/// The lines of glyphs of `size` on `page` that start at `x` (flush
/// left), top to bottom, each as its glyphs left to right up to the first
/// gap wider than a word space (the gutter).
fn lines_at(page: &PageText, size: f32, x: f32) -> Vec<Vec<PlacedGlyph>> {
    let mut rows: Vec<Vec<PlacedGlyph>> = Vec::new();
    for g in page.glyphs.iter().filter(|g| (g.size - size).abs() < 0.05 && !g.text.trim().is_empty() && g.x0 > x - 1.0) {
        match rows.iter_mut().find(|l| (l[0].y - g.y).abs() < 0.5) {
            Some(l) => l.push(g.clone()),
            None => rows.push(vec![g.clone()]),
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        if (row[0].x0 - x).abs() > 1.0 {
            continue;
        }
        let end = row.windows(2).position(|w| w[1].x0 - w[0].x1 > 0.8 * size).map_or(row.len(), |k| k + 1);
        row.truncate(end);
        lines.push(row);
    }
    lines.sort_by(|a, b| b[0].y.total_cmp(&a[0].y));
    lines
}

fn text(line: &[PlacedGlyph]) -> String {
    line.iter().map(|g| g.text.as_str()).collect()
}

#[test]
fn a_chinese_cover_title_is_set_in_two_even_lines() {
    // 欧盟与联合国毒品和犯罪问题办公室, sixteen characters: the cover's
    // measure holds fifteen, which left 室 alone on the second line.
    let pages = pages_of("chinese");
    let cover = &pages[0];
    let size = cover.glyphs.iter().map(|g| g.size).fold(0.0, f32::max);
    let lines = lines_at(cover, size, cover.glyphs.iter().find(|g| g.size == size).map_or(0.0, |g| g.x0));
    let counts: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    assert_eq!(lines.iter().map(|l| text(l)).collect::<String>(), "欧盟与联合国毒品和犯罪问题办公室");
    assert_eq!(counts.len(), 2, "{:?}", lines.iter().map(|l| text(l)).collect::<Vec<_>>());
    assert!(counts[0].abs_diff(counts[1]) <= 1, "uneven lines: {:?}", lines.iter().map(|l| text(l)).collect::<Vec<_>>());
}

#[test]
fn a_latin_item_title_keeps_its_lines_and_does_not_end_with_a_lone_word() {
    // In data/eu-unodc this title takes four lines of its column; broken
    // to fill each line, the fourth held `networks` alone.
    let title = "Digital Evidence as a key tool in dismantling human trafficking and migrant smuggling criminal networks";
    let pages = pages_of("eu-unodc");
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    // Its lines: those of the size and column of a `D` that starts a line
    // reading `DigitalEvidence`, the largest such (not the contents' entry).
    let (_, lines, start) = pages
        .iter()
        .flat_map(|p| p.glyphs.iter().filter(|g| g.text == "D").map(move |g| (g.size, lines_at(p, g.size, g.x0))))
        .filter_map(|(size, lines)| {
            let texts: Vec<String> = lines.iter().map(|l| text(l)).collect();
            let start = texts.iter().position(|l| squeeze(l).starts_with("DigitalEvidenceas"))?;
            Some((size, texts, start))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .expect("the title");
    let mut set: Vec<String> = Vec::new();
    while squeeze(&set.concat()).len() < squeeze(title).len() {
        set.push(lines[start + set.len()].clone());
    }
    assert_eq!(squeeze(&set.concat()), squeeze(title));
    assert_eq!(set.len(), 4, "{set:?}");
    let last = set[3].trim();
    assert!(squeeze(last).len() > "networks".len(), "a lone last word: {set:?}");
}
