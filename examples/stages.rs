//! Times each stage of the pipeline on one source: parse, resolve, layout,
//! render. `cargo run --release --example stages -- SRC.yaml`
use std::path::Path;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stages SRC.yaml");
    let t = Instant::now();
    let src = std::fs::read_to_string(&path).unwrap();
    let (model, _) = brochure::model::parse(&src);
    let model = model.expect("source has errors");
    let t_parse = t.elapsed();
    let t = Instant::now();
    let (doc, _) = brochure::resolve::resolve(&model, Path::new(&path).parent().unwrap());
    let doc = doc.expect("source has errors");
    let t_resolve = t.elapsed();
    let t = Instant::now();
    let laid = brochure::layout::layout(&doc);
    let t_layout = t.elapsed();
    let t = Instant::now();
    let pdf = brochure::render::render(&doc, laid.clone(), &Default::default()).unwrap();
    let t_render = t.elapsed();
    println!("parse {t_parse:?} resolve {t_resolve:?} layout {t_layout:?} render {t_render:?} pages {} bytes {}", laid.pages.len(), pdf.len());
}
