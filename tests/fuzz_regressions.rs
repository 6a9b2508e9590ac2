//! Every input the fuzz targets (`fuzz/`) found a problem with, kept in
//! `tests/fixtures/fuzz/`: each must build or be refused — `Ok` or `Err` —
//! without a panic, and within a generous time.
//!
//! Each fixture has its own test below, named for what it exercises, so that
//! a finding not fixed yet can be `#[ignore]`d with the reason while the
//! others keep running; `every_fixture_has_a_test` makes sure none is left
//! out. Paths in the fixtures are relative to `fuzz/assets`, the fuzz
//! targets' pool of small images.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Far more than any fixture needs (they build in milliseconds): only a
/// hang fails this, not a slow machine.
const BUDGET: Duration = Duration::from_secs(60);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz")
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/assets")
}

/// Builds the fixture `name` on another thread; fails on a panic or when it
/// takes longer than [`BUDGET`].
fn survives(name: &str) {
    let source = std::fs::read(fixtures().join(name)).unwrap_or_else(|e| panic!("cannot read fixture `{name}`: {e}"));
    let (done, wait) = mpsc::channel();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| brochure::compile_bytes(&source, &assets(), &brochure::Options::default()).map(|_| ()));
        let _ = done.send(result);
    });
    match wait.recv_timeout(BUDGET) {
        Ok(Ok(_)) => {}
        Ok(Err(panic)) => {
            let why = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            panic!("fixture `{name}` panics: {why}");
        }
        // The thread is left running; the test process ends with the tests.
        Err(_) => panic!("fixture `{name}` did not finish within {BUDGET:?}"),
    }
}

/// One test per fixture; `ignore = "…"` for findings not fixed yet.
macro_rules! findings {
    ($($(#[$attr:meta])* $test:ident: $file:literal;)*) => {
        $(
            $(#[$attr])*
            #[test]
            fn $test() {
                survives($file);
            }
        )*
        const LISTED: &[&str] = &[$($file),*];
    };
}

findings! {
    /// `theme.date_format` with time or offset fields (`%+`, `%H:%M`) passed
    /// the check in resolve, then `NaiveDate::format(..).to_string()`
    /// panicked ("a Display implementation returned an error unexpectedly"):
    /// here the brochure's `date` (`Resolver::doc`), even though the source
    /// has other errors. Found by `structured`, minimised by `cargo fuzz tmin`.
    date_format_without_date_fields: "date-format-without-date-fields.yaml";
    /// The same cause through an item's `date` (`Resolver::item`). Found by
    /// `structured` (a 60-line source after `tmin`), reduced by hand.
    date_format_without_date_fields_item: "date-format-without-date-fields-item.yaml";
}

#[test]
fn every_fixture_has_a_test() {
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !LISTED.contains(&name.as_str()) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "fixtures without a test in tests/fuzz_regressions.rs: {missing:?}");
    for name in LISTED {
        assert!(fixtures().join(name).is_file(), "fixture `{name}` is listed but missing");
    }
}
