//! Same input, same bytes, whatever the number of threads: layout splits
//! the items into chunks by the number of threads (each chunk with its own
//! word cache) and krilla compresses pages on worker threads.

use std::path::Path;

use brochure::Options;

/// Builds `src` (relative paths from `base`) on a pool of `threads` threads.
fn build_on(threads: usize, src: &str, base: &Path) -> Vec<u8> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    assert_eq!(pool.current_num_threads(), threads);
    pool.install(|| brochure::compile_str(src, base, &Options::default())).unwrap().pdf
}

/// `n` items; with 64, 1 and 4 threads cut them into different chunks (2
/// chunks of 32 on one thread, 8 of 8 on four).
fn many_items(n: usize) -> String {
    let words =
        ["harbour", "customs", "container", "training", "officers", "border", "cooperation", "analysis", "seizure", "programme", "regional", "inspection"];
    let mut src = String::from("title: Threads\ndate: 2021-03-01\nitems:\n");
    for i in 0..n {
        src.push_str(&format!("  - title: Item {i}\n    date: 2021-03-01\n    body:\n"));
        for p in 0..3 {
            let text: Vec<&str> = (0..60).map(|k| words[(i * 7 + p * 3 + k * k) % words.len()]).collect();
            src.push_str(&format!("      - \"{}.\"\n", text.join(" ")));
        }
    }
    src
}

#[test]
fn one_thread_and_four_write_the_same_bytes() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eu-unodc");
    let text = std::fs::read_to_string(sample.join("brochure.yaml")).unwrap();
    let one = build_on(1, &text, &sample);
    let four = build_on(4, &text, &sample);
    assert!(one.starts_with(b"%PDF-"));
    assert!(one == four, "the sample differs: {} bytes on 1 thread, {} on 4", one.len(), four.len());

    let src = many_items(64);
    let one = build_on(1, &src, Path::new("."));
    let four = build_on(4, &src, Path::new("."));
    assert!(one.len() > 100_000, "{} bytes", one.len());
    assert!(one == four, "64 items differ: {} bytes on 1 thread, {} on 4", one.len(), four.len());
}

/// Items are set a batch (128) at a time on the pool while the thread that
/// lays them out places the batch before: on a pool of one thread, that
/// thread sets them itself while it waits (or the build would never end).
#[test]
fn a_brochure_of_several_batches_builds_the_same_on_one_thread_and_two() {
    let src = many_items(300);
    let one = build_on(1, &src, Path::new("."));
    let two = build_on(2, &src, Path::new("."));
    assert!(one.len() > 400_000, "{} bytes", one.len());
    assert!(one == two, "300 items differ: {} bytes on 1 thread, {} on 2", one.len(), two.len());
}
