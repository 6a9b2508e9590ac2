//! The benchmark: generates news brochures of 10, 100, 1,000 and 10,000
//! items (text recombined from the sample brochure, a shared pool of its
//! photographs, a cover and contents) and times each stage of the pipeline.
//!
//!     cargo run --release --example bench            # 10 100 1000
//!     cargo run --release --example bench -- 10000   # any sizes
//!
//! Prints, per size: pages, time per stage (parse, resolve, layout, render,
//! write), pages per second, the file's size and the process's peak memory
//! so far (VmHWM). Run one size per process for a clean peak-memory figure.
//!
//! The stages are timed one after the other: the whole layout, then the
//! whole rendering. A build (the command, `compile_file`) draws the pages of
//! a long brochure as they are laid out instead; `streamed` as an argument
//! times that build (`compile_string`, whole time and peak only).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::peak_mb;

fn main() {
    common::allocator::purge_freed_memory_at_once();
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    // As the command line builds by default: tagged, PDF/UA-1 and PDF/A-2a
    // checked; `untagged` measures the plain PDF instead.
    let untagged = std::env::args().any(|a| a == "untagged");
    let streamed = std::env::args().any(|a| a == "streamed");
    let ropts = brochure::render::RenderOptions {
        creation_date: Some(brochure::Timestamp { year: 2021, month: 3, day: 15, hour: 0, minute: 0, second: 0 }),
        document_id: None,
        tagged: !untagged,
        standards: if untagged { Vec::new() } else { vec![brochure::standard::Standard::Ua1, brochure::standard::Standard::A2a] },
        ..Default::default()
    };
    let sizes = if sizes.is_empty() { vec![10, 100, 1000] } else { sizes };
    let dir = PathBuf::from("target/bench-rs");
    std::fs::create_dir_all(dir.join("images")).expect("cannot create target/bench-rs");
    let sample = Path::new("data/eu-unodc");
    let pool = copy_images(sample, &dir);
    let paragraphs = sample_paragraphs(sample);
    println!(
        "{:>6} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>8}",
        "items", "pages", "parse", "resolve", "layout", "render", "write", "total", "pages/s", "peak MB"
    );
    for n in sizes {
        let src = corpus(n, &paragraphs, &pool);
        let path = dir.join(format!("corpus-{n}.yaml"));
        std::fs::write(&path, &src).expect("cannot write the corpus");
        if streamed {
            let t0 = Instant::now();
            let out = brochure::compile_string(src, &dir, &brochure::Options::default()).expect("the corpus does not build");
            std::fs::write(dir.join(format!("corpus-{n}.pdf")), &out.pdf).expect("cannot write the PDF");
            println!(
                "{n:>6} {:>6} streamed build {:.0} ms, {:.2} MB file, peak {} MB",
                out.pages,
                t0.elapsed().as_secs_f64() * 1000.0,
                out.pdf.len() as f64 / 1e6,
                peak_mb().map_or("?".into(), |m| format!("{m:.0}"))
            );
            continue;
        }
        let t0 = Instant::now();
        let (model, diags) = brochure::model::parse(&src);
        let model = model.filter(|_| diags.iter().all(|d| !d.is_error())).expect("the generated corpus has errors");
        let t_parse = t0.elapsed();
        let t = Instant::now();
        let (doc, diags) = brochure::resolve::resolve(&model, &dir);
        let doc = doc.unwrap_or_else(|| panic!("{diags:?}"));
        let t_resolve = t.elapsed();
        let after_resolve = peak_mb().unwrap_or(0.0);
        let t = Instant::now();
        let laid = brochure::layout::layout(&doc);
        let t_layout = t.elapsed();
        let after_layout = peak_mb().unwrap_or(0.0);
        let t = Instant::now();
        let pages = laid.pages.len();
        let glyphs: usize = laid
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .map(|(_, it)| match it {
                brochure::layout::Item::Text(r) => r.glyphs.len(),
                _ => 0,
            })
            .sum();
        let pdf = brochure::render::render(laid, &doc.assets(), &ropts).expect("render failed");
        let t_render = t.elapsed();
        let t = Instant::now();
        std::fs::write(dir.join(format!("corpus-{n}.pdf")), &pdf).expect("cannot write the PDF");
        let t_write = t.elapsed();
        let total = t0.elapsed();
        let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
        println!(
            "{:>6} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9.0} {:>8}",
            n,
            pages,
            ms(t_parse),
            ms(t_resolve),
            ms(t_layout),
            ms(t_render),
            ms(t_write),
            ms(total),
            pages as f64 / total.as_secs_f64(),
            peak_mb().map_or("?".into(), |m| format!("{m:.0}")),
        );
        println!(
            "        peak after resolve {after_resolve:.0} MB, after layout {after_layout:.0} MB; layout holds {glyphs} glyphs; file {:.2} MB",
            pdf.len() as f64 / 1e6
        );
    }
}

/// The sample's photographs, copied beside the corpus.
fn copy_images(sample: &Path, dir: &Path) -> Vec<String> {
    let mut pool = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(sample.join("images")).expect("no sample images").flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if name.ends_with(".jpg") || name.ends_with(".png") {
            std::fs::copy(&p, dir.join("images").join(&name)).expect("cannot copy an image");
            pool.push(format!("images/{name}"));
        }
    }
    pool
}

/// Every paragraph of the sample brochure.
fn sample_paragraphs(sample: &Path) -> Vec<String> {
    let src = std::fs::read_to_string(sample.join("brochure.yaml")).expect("no sample brochure");
    let (model, _) = brochure::model::parse(&src);
    let model = model.expect("the sample does not parse");
    let mut out = Vec::new();
    for item in &model.items {
        for b in &item.body {
            if let brochure::model::Block::Paragraph(p) = b {
                out.push(p.value.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    out
}

/// A deterministic corpus of `n` items.
fn corpus(n: usize, paragraphs: &[String], pool: &[String]) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut s = String::new();
    let _ = writeln!(
        s,
        "title: News brochure, {n} items\nsubtitle: Generated for the benchmark\npublisher: The benchmark\ndate: 2021-03-15\ncover:\n  image: {{src: {}, alt: A landscape at dawn}}\nintro: {}\nitems:",
        pool[0],
        quote(&paragraphs[0])
    );
    let jpegs: Vec<&String> = pool.iter().filter(|p| p.ends_with(".jpg")).collect();
    let mut r: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |m: usize| {
        // xorshift: the same corpus on every run.
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        (r % m as u64) as usize
    };
    for i in 0..n {
        let title = paragraphs[next(paragraphs.len())].split(' ').take(6 + next(6)).collect::<Vec<_>>().join(" ");
        let _ = writeln!(s, "  - title: {}\n    date: 2021-{:02}-{:02}", quote(&title), 1 + i % 12, 1 + next(28));
        let _ = writeln!(
            s,
            "    image: {{src: {}, credit: © UNODC, alt: A photograph of the project, caption: {}}}",
            jpegs[next(jpegs.len())],
            quote(&paragraphs[next(paragraphs.len())].split(' ').take(9).collect::<Vec<_>>().join(" "))
        );
        let _ = writeln!(s, "    body:");
        for k in 0..3 + next(3) {
            let _ = writeln!(s, "      - {}", quote(&paragraphs[next(paragraphs.len())]));
            if k == 1 {
                let q = paragraphs[next(paragraphs.len())].split(' ').take(14).collect::<Vec<_>>().join(" ");
                let _ = writeln!(s, "      - quote: {}\n        by: A spokesperson", quote(&q));
            }
        }
        let _ = writeln!(s, "    links:\n      - text: More on this story\n        url: https://www.unodc.org/news/{i}.html");
    }
    s
}
