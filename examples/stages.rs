//! Times each stage of the pipeline on one source: parse, resolve, layout,
//! render. `cargo run --release --example stages -- SRC.yaml`
use std::path::Path;
use std::time::Instant;

mod common;
use common::peak_mb;

fn main() {
    common::allocator::purge_freed_memory_at_once();
    let path = std::env::args().nth(1).expect("usage: stages SRC.yaml");
    let t = Instant::now();
    let src = std::fs::read_to_string(&path).unwrap();
    let (model, _) = brochure::model::parse(&src);
    let model = model.expect("source has errors");
    let t_parse = t.elapsed();
    let m_parse = peak_mb().unwrap_or(0.0);
    let t = Instant::now();
    let (doc, _) = brochure::resolve::resolve(&model, Path::new(&path).parent().unwrap());
    let doc = doc.expect("source has errors");
    let t_resolve = t.elapsed();
    let m_resolve = peak_mb().unwrap_or(0.0);
    let t = Instant::now();
    let laid = brochure::layout::layout(&doc);
    let t_layout = t.elapsed();
    let m_layout = peak_mb().unwrap_or(0.0);
    let t = Instant::now();
    let pages = laid.pages.len();
    let pdf = brochure::render::render(laid, &doc.assets(), &Default::default()).unwrap();
    let t_render = t.elapsed();
    let m_render = peak_mb().unwrap_or(0.0);
    println!("parse {t_parse:.0?} resolve {t_resolve:.0?} layout {t_layout:.0?} render {t_render:.0?} pages {pages} bytes {}", pdf.len());
    println!("peak MB after: parse {m_parse:.0} resolve {m_resolve:.0} layout {m_layout:.0} render {m_render:.0}");
}
