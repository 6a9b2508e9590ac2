//! Arbitrary bytes through the whole pipeline (source bytes → PDF bytes).
//!
//! Relative paths start at `fuzz/assets`, a folder of tiny images of every
//! kind the format accepts, so that inputs naming them reach layout and
//! rendering. Whatever the bytes, the build must end in `Ok` or `Err`: no
//! panic, no hang (libFuzzer's `-timeout`), no runaway memory
//! (`-rss_limit_mb`, `-malloc_limit_mb`).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    if let Ok(out) = brochure::compile_bytes(data, &base, &brochure::Options::default()) {
        assert!(out.pdf.starts_with(b"%PDF-"), "the output is not a PDF");
        assert!(out.pages >= 1, "a built brochure has no pages");
    }
});
