//! Layout-level checks through the public pipeline (`model::parse` →
//! `resolve::resolve` → `layout::layout`), with no PDF involved: text stays
//! in its columns, nothing runs into the bottom margin but the footer,
//! images keep their shape and stay on the page, and words too long for a
//! column are broken, reported and never lost.

use std::path::{Path, PathBuf};

use brochure::diag::{Diagnostic, Severity};
use brochure::layout::{self, Item, Layout};
use brochure::model;
use brochure::resolve::{self, Doc};

/// Slack for float rounding, in points.
const EPS: f32 = 0.5;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eu-unodc")
}

fn sample_source() -> String {
    std::fs::read_to_string(sample_dir().join("brochure.yaml")).unwrap()
}

/// Runs the three stages; panics with the diagnostics when a stage fails.
fn lay(src: &str, base: &Path) -> (Doc, Layout) {
    let (model, diags) = model::parse(src);
    let render = |d: &[Diagnostic]| d.iter().map(|d| d.render("src.yaml", src)).collect::<Vec<_>>().join("\n");
    let model = model.unwrap_or_else(|| panic!("model::parse failed:\n{}", render(&diags)));
    assert!(diags.is_empty(), "{}", render(&diags));
    let (doc, diags) = resolve::resolve(&model, base);
    let doc = doc.unwrap_or_else(|| panic!("resolve failed:\n{}", render(&diags)));
    assert!(diags.is_empty(), "{}", render(&diags));
    let laid = layout::layout(&doc);
    (doc, laid)
}

/// Left and right margins of page `k` (0-based): the inside margin is on
/// the left of right-hand pages (1, 3, …).
fn side_margins(doc: &Doc, k: usize) -> (f32, f32) {
    let t = &doc.theme;
    if k % 2 == 0 { (t.margin_inside.get(), t.margin_outside.get()) } else { (t.margin_outside.get(), t.margin_inside.get()) }
}

/// How far a run may reach past its column: a line may hang its final
/// punctuation (hyphen, full stop, comma, closing quote…) into the margin by
/// part of its width (optical margin alignment), never a letter or digit.
fn hang(run: &brochure::layout::TextRun) -> f32 {
    // Lines keep the space they end at as a glyph without advance.
    let Some(last) = run.glyphs.iter().rev().find(|g| !run.text[g.range()].trim().is_empty()) else { return 0.0 };
    let mark = run.text[last.range()].chars().last().is_some_and(|c| !c.is_alphanumeric());
    if mark { last.advance.get() * 0.65 } else { 0.0 }
}

/// Checks every page of a layout against the theme's frame; `what` names
/// the case in messages.
fn check_geometry(what: &str, doc: &Doc, laid: &Layout) {
    let t = &doc.theme;
    let (pw, ph) = (t.page_width.get(), t.page_height.get());
    let top = t.margin_top.get();
    let bottom = ph - t.margin_bottom.get();
    let cols = t.columns as usize;
    let gutter = t.gutter.get();
    assert!(!laid.pages.is_empty(), "{what}: no pages");
    let front = laid.pages.iter().filter(|p| p.front).count();
    for (k, page) in laid.pages.iter().enumerate() {
        let at = format!("{what}, page {}", k + 1);
        // Front matter (cover, contents) is numbered i, ii, …; the body from 1.
        assert_eq!(page.front, k < front, "{at}: front matter comes first");
        let label = if page.front { roman(k + 1) } else { (k - front + 1).to_string() };
        assert_eq!(page.number, if page.front { k + 1 } else { k - front + 1 }, "{at}: page numbers run in order");
        if k == 0 && doc.cover.is_some() {
            // The cover: the image may reach the trim edge and the bleed, but
            // not beyond; no footer.
            let b = t.bleed.get();
            for (p, item) in &page.items {
                match item {
                    Item::Image { width, height, .. } => {
                        assert!(
                            p.x.get() >= -b - EPS
                                && p.x.get() + width.get() <= pw + b + EPS
                                && p.y.get() >= -b - EPS
                                && p.y.get() + height.get() <= ph + b + EPS,
                            "{at}: cover image off the page"
                        );
                    }
                    Item::Text(run) => assert!(p.y.get() < ph - t.margin_bottom.get(), "{at}: footer on the cover: {:?}", run.text),
                    _ => {}
                }
            }
            continue;
        }
        assert!((page.width.get() - pw).abs() < 0.01 && (page.height.get() - ph).abs() < 0.01, "{at}: page size");
        let (left, right_margin) = side_margins(doc, k);
        let right = pw - right_margin;
        let col_w = (right - left - gutter * (cols as f32 - 1.0)) / cols as f32;
        let mut footers = 0;
        for (p, item) in &page.items {
            let (x, y) = (p.x.get(), p.y.get());
            match item {
                Item::Text(run) => {
                    let w = run.width().get();
                    let shown = format!("{:?} at ({x:.1}, {y:.1}), width {w:.1}", run.text);
                    let hang = hang(run);
                    assert!(x >= left - EPS && x + w <= right + hang + EPS, "{at}: text outside the frame [{left:.1}, {right:.1}]: {shown}");
                    // The running footer is the only thing below the bottom margin.
                    if y > bottom + EPS {
                        assert_eq!(run.text, label, "{at}: text below the bottom margin ({bottom:.1}): {shown}");
                        footers += 1;
                        continue;
                    }
                    assert!(y - run.size.get() * 0.7 >= top - EPS, "{at}: text above the top margin ({top:.1}): {shown}");
                    // Body-size text lives in one column; the closing runs
                    // across the frame.
                    let closing = doc.closing.iter().any(|p| p.text.contains(run.text.trim()));
                    if (run.size.get() - t.base_size.get()).abs() < 0.01 && !closing {
                        let c = ((x - left + EPS) / (col_w + gutter)).floor().clamp(0.0, cols as f32 - 1.0) as usize;
                        let cx = left + c as f32 * (col_w + gutter);
                        assert!(
                            x >= cx - EPS && x + w <= cx + col_w + hang + EPS,
                            "{at}: body text outside column {} [{cx:.1}, {:.1}]: {shown}",
                            c + 1,
                            cx + col_w
                        );
                    }
                }
                Item::Image { image, width, height, .. } => {
                    let (w, h) = (width.get(), height.get());
                    let data = &doc.images[image.0 as usize];
                    let want = data.width as f32 / data.height as f32;
                    let ratio = (w / h) / want;
                    assert!((ratio - 1.0).abs() <= 0.005, "{at}: `{}` drawn {w:.1}×{h:.1}, aspect off by {:.2}%", data.path, (ratio - 1.0) * 100.0);
                    assert!(
                        x >= left - EPS && x + w <= right + EPS && y >= top - EPS && y + h <= bottom + EPS,
                        "{at}: `{}` at ({x:.1}, {y:.1}) size {w:.1}×{h:.1} is outside the frame x [{left:.1}, {right:.1}] y [{top:.1}, {bottom:.1}]",
                        data.path
                    );
                }
                Item::Rect { width, height, .. } => {
                    let (w, h) = (width.get(), height.get());
                    assert!(
                        x >= left - EPS && x + w <= right + EPS && y >= top - EPS && y + h <= bottom + EPS,
                        "{at}: rule at ({x:.1}, {y:.1}) {w:.1}×{h:.1} is outside the frame"
                    );
                }
                Item::Link { width, height, .. } => {
                    let (w, h) = (width.get(), height.get());
                    assert!(x >= 0.0 && y >= 0.0 && x + w <= pw && y + h <= ph, "{at}: link area off the page");
                }
                Item::PageRef { item, .. } => panic!("{at}: the page number of item {item} was never filled in"),
                Item::Rects { rects, .. } => {
                    for [rx, ry, w, h] in rects {
                        let (x, y) = (x + rx.get(), y + ry.get());
                        assert!(
                            x >= left - EPS && x + w.get() <= right + EPS && y >= top - EPS && y + h.get() <= bottom + EPS,
                            "{at}: QR module at ({x:.1}, {y:.1}) is outside the frame"
                        );
                    }
                }
            }
        }
        assert_eq!(footers, 1, "{at}: the default footer (`{{page}}`) is printed once");
    }
}

fn roman(n: usize) -> String {
    ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].get(n).map_or_else(|| n.to_string(), |s| s.to_string())
}

/// All the text of a layout, run by run, in order.
fn all_text(laid: &Layout) -> String {
    let mut s = String::new();
    for page in &laid.pages {
        for (_, item) in &page.items {
            if let Item::Text(run) = item {
                s.push_str(&run.text);
            }
        }
    }
    s
}

fn with_theme(theme: &str) -> String {
    let src = sample_source();
    assert!(!src.contains("\ntheme:"), "the sample grew a theme; merge instead of appending");
    format!("{src}\ntheme:\n{theme}")
}

#[test]
fn sample_stays_inside_its_frame() {
    let (doc, laid) = lay(&sample_source(), &sample_dir());
    check_geometry("sample", &doc, &laid);
    assert_eq!(laid.outline.len(), doc.items.len());
    assert!(laid.warnings.is_empty(), "{:?}", laid.warnings);
}

#[test]
fn a5_in_three_columns_builds() {
    let src = with_theme("  page: A5\n  columns: 3\n");
    let (doc, laid) = lay(&src, &sample_dir());
    assert_eq!(doc.theme.columns, 3);
    assert!((laid.pages[0].width.get() - 419.53).abs() < 0.1 && (laid.pages[0].height.get() - 595.28).abs() < 0.1);
    check_geometry("A5, 3 columns", &doc, &laid);
    // The same words on smaller pages need more of them than on A4.
    let (_, a4) = lay(&sample_source(), &sample_dir());
    assert!(laid.pages.len() > a4.pages.len(), "{} A5 pages vs {} A4 pages", laid.pages.len(), a4.pages.len());
    let out = brochure::compile_str(&src, &sample_dir(), &brochure::Options::default()).expect("A5 in three columns builds");
    assert_eq!(out.pages, laid.pages.len());
}

#[test]
fn letter_in_one_column_builds() {
    let src = with_theme("  page: Letter\n  columns: 1\n");
    let (doc, laid) = lay(&src, &sample_dir());
    assert!((laid.pages[0].width.get() - 612.0).abs() < 0.1 && (laid.pages[0].height.get() - 792.0).abs() < 0.1);
    check_geometry("Letter, 1 column", &doc, &laid);
    let out = brochure::compile_str(&src, &sample_dir(), &brochure::Options::default()).expect("Letter in one column builds");
    assert_eq!(out.pages, laid.pages.len());
}

/// A URL-like token with no break opportunity after its first slashes.
fn overlong_token() -> String {
    let tail: String = (0..180).map(|i| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[i * 7 % 36])).collect();
    let token = format!("https://example.org/{tail}");
    assert_eq!(token.chars().count(), 200);
    token
}

fn overlong_source() -> String {
    format!(
        "title: Spring news\nitems:\n  - title: We moved\n    body:\n      - Our new address is {} and we are glad.\n      - The next paragraph is ordinary.\n",
        overlong_token()
    )
}

#[test]
fn an_overlong_word_is_broken_reported_and_kept() {
    let (doc, laid) = lay(&overlong_source(), Path::new("."));
    let warnings: Vec<&Diagnostic> = laid.warnings.iter().filter(|d| d.message.contains("wider than the column")).collect();
    assert_eq!(warnings.len(), 1, "{:#?}", laid.warnings);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(warnings[0].path, "items[0].body[0]");
    assert!(!warnings[0].hints.is_empty());
    // Every character is still there, in order; breaking adds at most
    // soft hyphens.
    let text = all_text(&laid).replace('\u{AD}', "");
    assert!(text.contains(&overlong_token()), "the long word lost characters:\n{text}");
    assert!(text.contains("Our new address is"));
    assert!(text.contains("and we are glad."));
    // And no piece of it runs past the column.
    check_geometry("overlong word", &doc, &laid);
    // The warning reaches the caller of compile, and the build succeeds.
    let out = brochure::compile_str(&overlong_source(), Path::new("."), &brochure::Options::default()).unwrap();
    assert!(out.warnings.iter().any(|d| d.message.contains("wider than the column")));
}

#[test]
fn an_overlong_word_warning_points_at_the_paragraph() {
    let (_, laid) = lay(&overlong_source(), Path::new("."));
    let w = laid.warnings.iter().find(|d| d.message.contains("wider than the column")).unwrap();
    assert_eq!(w.span.map(|s| s.line), Some(5), "{w:?}");
}

/// Writes a `w`×`h` PNG into `dir` and returns its name.
fn png(dir: &Path, name: &str, w: u32, h: u32) -> String {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    img.save(dir.join(name)).unwrap();
    name.to_string()
}

#[test]
fn images_of_any_shape_keep_their_aspect_and_stay_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let tall = png(dir.path(), "tall.png", 20, 900);
    let wide = png(dir.path(), "wide.png", 1200, 30);
    let square = png(dir.path(), "square.png", 64, 64);
    for columns in [1, 2, 4] {
        let src = format!(
            "title: Shapes\ncover:\n  image: {tall}\nitems:\n  - title: Tall and wide\n    image: {tall}\n    body:\n      - A paragraph.\n      - image: {{src: {wide}, width: full}}\n      - image: {{src: {tall}, width: full}}\n      - image: {square}\n      - Another paragraph.\ntheme:\n  columns: {columns}\n"
        );
        let (doc, laid) = lay(&src, dir.path());
        check_geometry(&format!("{columns} columns"), &doc, &laid);
        let images: Vec<(usize, f32, f32)> = laid
            .pages
            .iter()
            .enumerate()
            .flat_map(|(k, p)| p.items.iter().map(move |it| (k, it)))
            .filter_map(|(k, (_, it))| match it {
                Item::Image { width, height, .. } => Some((k, width.get(), height.get())),
                _ => None,
            })
            .collect();
        assert_eq!(images.len(), 5, "{columns} columns: cover, lead image and three figures are all placed");
        // A very tall image is scaled down, not given a page of its own (the
        // cover page, first, has its own limit of 60 % of the page).
        let frame_h = doc.theme.page_height.get() - doc.theme.margin_top.get() - doc.theme.margin_bottom.get();
        let page_h = doc.theme.page_height.get();
        assert!(images.iter().filter(|(k, _, _)| *k == 0).all(|(_, _, h)| *h <= page_h * 0.6 + EPS));
        for (_, w, h) in images.iter().filter(|(k, _, _)| *k > 0) {
            assert!(*h <= frame_h * 0.5 + EPS, "{columns} columns: an image {w:.1}×{h:.1} takes more than half the frame height");
        }
    }
}

#[test]
fn a_full_width_figure_too_narrow_for_the_frame_is_set_in_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let portrait = png(dir.path(), "portrait.png", 1000, 1500);
    let panorama = png(dir.path(), "panorama.png", 2400, 700);
    let body = "Words of a paragraph that runs on for a while, so that the column has text to fill it beside the figures. ".repeat(8);
    for columns in [2, 3] {
        let src = format!(
            "title: Shapes\nitems:\n  - title: Portrait and panorama\n    body:\n      - {body}\n      - image: {{src: {portrait}, alt: A portrait, width: full}}\n      - {body}\n      - image: {{src: {panorama}, alt: A panorama, width: full}}\n      - {body}\ntheme:\n  columns: {columns}\n"
        );
        let (doc, laid) = lay(&src, dir.path());
        check_geometry(&format!("{columns} columns"), &doc, &laid);
        let widths: Vec<f32> =
            laid.pages.iter().flat_map(|p| &p.items).filter_map(|(_, it)| if let Item::Image { width, .. } = it { Some(width.get()) } else { None }).collect();
        let frame = doc.theme.page_width.get() - doc.theme.margin_inside.get() - doc.theme.margin_outside.get();
        let gutter = doc.theme.gutter.get();
        let column = (frame - gutter * (columns as f32 - 1.0)) / columns as f32;
        let [portrait_w, panorama_w] = widths[..] else { panic!("{widths:?}") };
        // The portrait, at most 40 % of the column tall, would leave a
        // column's width empty beside it across the frame: it is set in the
        // column; the panorama spans the frame.
        assert!(portrait_w <= column + EPS, "{columns} columns: portrait {portrait_w:.1} wider than the column {column:.1}");
        assert!(panorama_w > frame - column, "{columns} columns: panorama {panorama_w:.1} does not span the frame {frame:.1}");
        let [w] = &laid.warnings[..] else { panic!("{:?}", laid.warnings) };
        assert_eq!(w.path, "items[0].body[1].image.width");
        assert!(w.message.starts_with("image `portrait.png` is set at column width: across the frame it would be "), "{}", w.message);
        let span = w.span.expect("located");
        assert_eq!(span.line, line_of(&src, "      - image: {src: portrait.png"));
    }
}

#[test]
fn contents_page_numbers_are_where_the_items_start() {
    let dir = tempfile::tempdir().unwrap();
    let cover = png(dir.path(), "cover.png", 300, 200);
    let mut src = format!("title: Many items\ncover:\n  image: {cover}\nintro: A brochure long enough for several pages of items.\nitems:\n");
    for i in 0..45 {
        let words = "Border posts received isolation units and training for health personnel. ".repeat(3 + i % 7);
        src.push_str(&format!(
            "  - title: Item number {i} about cooperation\n    date: 2021-03-{:02}\n    body:\n      - {words}\n      - {words}\n",
            1 + i % 28
        ));
    }
    let (doc, laid) = lay(&src, dir.path());
    // The numbers of the contents list, in order: the runs of digits alone on the front pages.
    let printed: Vec<usize> = laid
        .pages
        .iter()
        .filter(|p| p.front)
        .flat_map(|p| p.items.iter())
        .filter_map(|(_, it)| match it {
            Item::Text(run) if !run.text.trim().is_empty() && run.text.trim().chars().all(|c| c.is_ascii_digit()) => run.text.trim().parse().ok(),
            _ => None,
        })
        .collect();
    assert_eq!(printed.len(), doc.items.len(), "one number per item: {printed:?}");
    assert!(laid.pages.iter().filter(|p| p.front).count() >= 2, "cover and contents are front matter");
    for (i, entry) in laid.outline.iter().enumerate() {
        let page = &laid.pages[entry.page];
        assert!(!page.front, "item {i} starts in the body");
        assert_eq!(printed[i], page.number, "item {i}: the contents say page {}, it starts on page {}", printed[i], page.number);
        // The bookmark's page really shows the item's title.
        let title = &doc.items[i].title_text;
        let first_word = title.split(' ').next().unwrap();
        let on_page: String =
            page.items.iter().filter_map(|(_, it)| if let Item::Text(r) = it { Some(r.text.as_str()) } else { None }).collect::<Vec<_>>().join(" ");
        assert!(on_page.contains(first_word) && on_page.contains(&format!("number {i} ")), "item {i}'s title is not on page {}", page.number);
    }
}

#[test]
fn characters_no_font_has_are_reported_where_they_are() {
    let src = "title: Spring news\nitems:\n  - title: We moved\n    body:\n      - The next paragraph is ordinary.\n      - \"Smile 😀 and 中文, joined\u{200D}by a ZWJ\u{200B}.\"\n";
    let (_, laid) = lay(src, Path::new("."));
    let warnings: Vec<&Diagnostic> = laid.warnings.iter().filter(|d| d.message.contains("no font has")).collect();
    assert_eq!(warnings.len(), 1, "{:#?}", laid.warnings);
    let w = warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.path, "items[0].body[1]");
    assert_eq!(w.span.map(|s| s.line), Some(6), "{w:?}");
    // Each character once, with its code point; the joiner and the
    // zero-width space show nothing and need no font.
    assert_eq!(w.message, "no font has `😀中文` (U+1F600, U+4E2D, U+6587); shown as empty boxes");
    assert!(!w.hints.is_empty());
}

#[test]
fn arabic_and_hebrew_find_a_font() {
    let src = "title: T\nitems:\n  - title: مرحبا\n    language: ar\n    body: في إطار استجابة (UNODC) 2021 שלום\n";
    let (doc, laid) = lay(src, Path::new("."));
    assert!(laid.warnings.is_empty(), "{:#?}", laid.warnings);
    let fonts: std::collections::BTreeSet<&str> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|(_, it)| if let Item::Text(run) = it { Some(doc.fonts[run.font.0 as usize].name.as_str()) } else { None })
        .collect();
    assert!(fonts.contains("Noto Naskh Arabic Regular") && fonts.contains("Noto Serif Hebrew Regular"), "{fonts:?}");
    assert!(fonts.contains("Noto Sans Arabic Bold"), "the title is set in the sans bold fallback: {fonts:?}");
}

/// The line (from 1) of the first line of `src` that starts with `prefix`.
fn line_of(src: &str, prefix: &str) -> u32 {
    src.lines().position(|l| l.starts_with(prefix)).expect("the line is there") as u32 + 1
}

#[test]
fn a_page_count_is_reached_where_there_is_slack() {
    // The sample has 7 pages (at the theme's figure cap it has 8, the last
    // holding a few lines, so its figures are set a little smaller); with
    // figures at the theme's cap it fills 8, a multiple of 4.
    let (_, natural) = lay(&sample_source(), &sample_dir());
    assert_eq!(natural.pages.len(), 7);
    for theme in ["  pages: 8\n", "  page_multiple: 4\n"] {
        let (_, laid) = lay(&with_theme(theme), &sample_dir());
        assert_eq!(laid.pages.len(), 8, "{theme}");
        assert!(laid.warnings.is_empty(), "{theme}: {:?}", laid.warnings);
    }
    let (_, seven) = lay(&with_theme("  pages: 7\n"), &sample_dir());
    assert_eq!(seven.pages.len(), 7);
    assert!(seven.warnings.is_empty(), "{:?}", seven.warnings);
}

#[test]
fn a_last_page_of_a_few_lines_is_given_up_when_smaller_figures_make_room() {
    // At the theme's cap of 40 % the sample's 8th page held a few lines
    // and the closing; its figures at 34 % of the column bring them back.
    let (doc, natural) = lay(&sample_source(), &sample_dir());
    let (_, capped) = lay(&with_theme("  max_figure_height: 34%\n"), &sample_dir());
    assert_eq!((natural.pages.len(), capped.pages.len()), (7, 7));
    // The last page now holds more than a fifth of the frame.
    let t = &doc.theme;
    let last = natural.pages.last().unwrap();
    let lowest =
        last.items.iter().map(|(p, _)| p.y.get()).filter(|&y| y > t.margin_top.get() && y <= (t.page_height - t.margin_bottom).get()).fold(0.0f32, f32::max);
    let share = (lowest - t.margin_top.get()) / (t.page_height - t.margin_top - t.margin_bottom).get();
    assert!(share > 0.2, "{share}");
}

#[test]
fn a_page_count_out_of_reach_is_the_nearest_with_a_located_warning() {
    let src = with_theme("  pages: 12\n");
    let (_, laid) = lay(&src, &sample_dir());
    assert_eq!(laid.pages.len(), 8);
    let [w] = &laid.warnings[..] else { panic!("{:?}", laid.warnings) };
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.path, "theme.pages");
    assert_eq!(w.message, "the brochure has 8 pages, 4 fewer than the 12 asked (the content does not fill more even with figures half as tall again)");
    assert_eq!(w.hints, vec!["add content, or ask for 8 pages".to_string()]);
    let span = w.span.expect("located");
    assert_eq!((span.line, span.col), (line_of(&src, "  pages: 12"), 10));
}

#[test]
fn pages_counts_in_the_numbering_of_page() {
    let src = with_theme("  footer: \"{page} / {pages}\"\n");
    let (_, laid) = lay(&src, &sample_dir());
    let front = laid.pages.iter().filter(|p| p.front).count();
    let body = laid.pages.len() - front;
    assert_eq!((front, body), (2, 5));
    let footer = |k: usize| {
        let page = &laid.pages[k];
        let bottom = page.items.iter().filter_map(|(p, it)| matches!(it, Item::Text(_)).then_some(p.y.get())).fold(0.0f32, f32::max);
        page.items
            .iter()
            .filter_map(|(p, it)| match it {
                Item::Text(r) if (p.y.get() - bottom).abs() < 0.5 => Some(r.text.clone()),
                _ => None,
            })
            .collect::<String>()
    };
    // The cover has no footer; the contents page is ii of ii.
    assert_eq!(footer(1).trim(), "ii / ii");
    assert_eq!(footer(2).trim(), "1 / 5");
    assert_eq!(footer(6).trim(), "5 / 5");
}

/// Item rules: the thin muted rectangles that end items.
fn rules(doc: &Doc, laid: &Layout) -> Vec<(usize, f32, f32)> {
    let mut out = Vec::new();
    for (k, page) in laid.pages.iter().enumerate() {
        for (p, it) in &page.items {
            if let Item::Rect { height, color, .. } = it {
                if (height.get() - 0.5).abs() < 0.01 && *color == doc.theme.muted {
                    out.push((k, p.x.get(), p.y.get()));
                }
            }
        }
    }
    out
}

#[test]
fn no_rule_opens_a_column_and_none_follows_another() {
    for theme in ["  columns: 2\n", "  page: A5\n  columns: 3\n", "  columns: 1\n"] {
        let (doc, laid) = lay(&with_theme(theme), &sample_dir());
        let top = doc.theme.margin_top.get();
        let rules = rules(&doc, &laid);
        // An item that ends a column has none: the next column's top is no place for it.
        assert!(!rules.is_empty() && rules.len() <= doc.items.len(), "{theme}: {rules:?}");
        for &(k, x, y) in &rules {
            assert!(y > top + 2.0, "{theme}: a rule at the top of page {k}, x {x:.1}");
            // Text stands above it in its column.
            let above =
                laid.pages[k].items.iter().any(|(p, it)| matches!(it, Item::Text(_)) && (p.x.get() - x).abs() < 30.0 && p.y.get() < y && p.y.get() > top);
            assert!(above, "{theme}: nothing above the rule on page {k} at ({x:.1}, {y:.1})");
        }
        for w in rules.windows(2) {
            let ((k1, x1, y1), (k2, x2, y2)) = (w[0], w[1]);
            if k1 == k2 && (x1 - x2).abs() < 1.0 {
                let between = laid.pages[k1].items.iter().any(|(p, it)| matches!(it, Item::Text(_)) && p.y.get() > y1 && p.y.get() < y2);
                assert!(between, "{theme}: two rules with nothing between on page {k1}");
            }
        }
    }
}

#[test]
fn the_closing_stands_a_line_apart_from_the_columns_above_it() {
    let (doc, laid) = lay(&sample_source(), &sample_dir());
    let page = laid.pages.last().unwrap();
    let text = |it: &Item| if let Item::Text(r) = it { Some(r.text.clone()) } else { None };
    let closing =
        page.items.iter().find(|(_, it)| text(it).is_some_and(|t| t.starts_with("Read our 2020 stories"))).expect("the closing on the last page").0.y.get();
    let above = page
        .items
        .iter()
        .filter(|(p, it)| text(it).is_some() && p.y.get() < closing - 0.5 && p.y > doc.theme.margin_top)
        .map(|(p, _)| p.y.get())
        .fold(0.0f32, f32::max);
    // A blank line of the baseline grid (13.3 pt) at least between the
    // lowest line of the columns and the closing's first line.
    let grid = 13.3;
    assert!(closing - above >= 2.0 * grid - 0.5, "closing at {closing}, lowest line above at {above}");
}

#[test]
fn in_columns_the_last_item_ends_without_a_rule_above_the_closing() {
    for theme in ["  columns: 2\n", "  page: A5\n  columns: 3\n"] {
        let (doc, laid) = lay(&with_theme(theme), &sample_dir());
        let last = laid.pages.len() - 1;
        let text = |it: &Item| if let Item::Text(r) = it { Some(r.text.clone()) } else { None };
        let page = &laid.pages[last];
        let closing =
            page.items.iter().find(|(_, it)| text(it).is_some_and(|t| t.starts_with("Read our 2020 stories"))).expect("the closing on the last page").0.y.get();
        // Every rule above the closing has its column's text go on below
        // it: none stands last in its column, alone beside the others' ends.
        for (k, x, y) in rules(&doc, &laid).into_iter().filter(|&(k, _, y)| k == last && y < closing) {
            let below = page.items.iter().any(|(p, it)| text(it).is_some() && (p.x.get() - x).abs() < 30.0 && p.y.get() > y && p.y.get() < closing - 0.5);
            assert!(below, "{theme}: a rule ends its column on page {k} at ({x:.1}, {y:.1}), above the closing at {closing:.1}");
        }
    }
}

/// A lead image moved to the top of the next column, beside its item's
/// first lines, is drawn before them, as the source and the structure tree
/// have it: text extraction follows the order of the page's content. In
/// the Arabic sample the second item's portrait photograph stands at the
/// top of the next column while the item's title and first lines end the
/// column before.
#[test]
fn a_lead_image_in_the_next_column_comes_before_its_item_s_words() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/arabic");
    let (doc, laid) = lay(&std::fs::read_to_string(dir.join("brochure.yaml")).unwrap(), &dir);
    let node_of = |path: &str| laid.structure.iter().find(|n| n.path.as_deref() == Some(path)).map(|n| n.id);
    let mut beside = 0;
    for (k, it) in doc.items.iter().enumerate() {
        let (Some(fig), Some(first)) = (&it.image, node_of(&format!("items[{k}].body[0]"))) else { continue };
        for page in &laid.pages {
            let at = |want: &dyn Fn(&Item) -> bool| page.items.iter().position(|(_, i)| want(i));
            let image = at(&|i| matches!(i, Item::Image { image, .. } if *image == fig.image));
            let words = at(&|i| matches!(i, Item::Text(r) if r.tag.is_some_and(|t| t.node == first)));
            if let (Some(image), Some(words)) = (image, words) {
                let (ix, wx) = (page.items[image].0.x.get(), page.items[words].0.x.get());
                // In another column: more than a quarter of the page apart.
                if (ix - wx).abs() > doc.theme.page_width.get() / 4.0 {
                    beside += 1;
                }
                assert!(image < words, "`{}`: its image is drawn after its first words", it.title_text);
            }
        }
    }
    assert!(beside > 0, "the sample no longer has a lead image beside its item's first lines");
}
