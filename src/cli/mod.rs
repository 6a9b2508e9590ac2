//! The command line's work, kept out of the library: reading and writing
//! files, printing, watching and scaffolding. `main.rs` parses the arguments
//! and picks one of these.

pub mod new;
mod pictures;
pub mod report;
pub mod watch;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

use brochure::{Error, Options, Timestamp};

use report::Reporter;

/// The JSON Schema of the source format (`docs/brochure.schema.json`).
pub const SCHEMA: &str = include_str!("../../docs/brochure.schema.json");

/// Exit code: built or checked without errors.
pub const SUCCESS: u8 = 0;
/// Exit code: the source has errors.
pub const SOURCE_ERRORS: u8 = 1;
/// Exit code: a usage error, or a file could not be read or written.
pub const FAILURE: u8 = 2;

/// One build (or check) of a source.
#[derive(Debug, Clone)]
pub struct Job {
    /// The brochure source.
    pub src: PathBuf,
    /// Where to write the PDF; `None` only checks.
    pub output: Option<PathBuf>,
    /// Settings from outside the source.
    pub opts: Options,
}

impl Job {
    /// A job for `src`: `output` is where to write, or `None` to check only.
    pub fn new(src: PathBuf, output: Option<PathBuf>) -> anyhow::Result<Job> {
        if let Some(out) = &output {
            if same_file(out, &src) {
                anyhow::bail!("the output `{}` would overwrite the source", out.display());
            }
        }
        Ok(Job { src, output, opts: Options { creation_date: source_date_epoch()?, ..Options::default() } })
    }

    /// Reads images and fonts from `root` and below (default: the source's folder).
    pub fn with_root(mut self, root: Option<PathBuf>) -> Job {
        self.opts.root = root;
        self
    }

    /// Meets exactly these standards (`None`: the default, see
    /// [`brochure::Standards::Auto`]).
    pub fn with_standards(mut self, list: Option<Vec<brochure::Standard>>) -> Job {
        if let Some(list) = list {
            self.opts.standards = brochure::Standards::Exactly(list);
        }
        self
    }

    /// The folder relative paths in the source start from.
    pub fn base(&self) -> PathBuf {
        base_of(&self.src)
    }
}

/// The folder of `src`, `.` for a bare file name.
pub fn base_of(src: &Path) -> PathBuf {
    match src.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// How a build ended, when it could read its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Built {
    /// Written (or checked) without errors.
    Ok,
    /// The source has errors; they were printed and nothing was written.
    SourceErrors,
}

/// Reads, builds and (for a build) writes; prints the diagnostics and one
/// summary line. `after_errors` ends the line printed when the source has
/// errors (`nothing was written`). An `Err` is a file that could not be read
/// or written.
pub fn build(job: &Job, rep: &Reporter, after_errors: &str) -> anyhow::Result<Built> {
    build_seen(job, rep, after_errors, None)
}

/// Like [`build`]; with `seen` (the warnings of the build before, as
/// `path: message`), a warning printed then and still there is not printed
/// again, and `seen` becomes this build's warnings. `watch` uses it, so that
/// a rebuild shows what changed, not the same warnings again.
pub fn build_seen(job: &Job, rep: &Reporter, after_errors: &str, seen: Option<&mut std::collections::BTreeSet<String>>) -> anyhow::Result<Built> {
    let started = Instant::now();
    let src = &job.src;
    // At most `MAX_SOURCE_BYTES` and one are read; `compile_bytes` refuses more.
    let bytes = brochure::read_source(src)?;
    let file = src.display().to_string();
    // The library takes the source and drops it once read (a 10,000-item
    // source is 33 MB); the text messages quote is read again when there
    // are messages.
    let compiled = match String::from_utf8(bytes) {
        Ok(text) if text.len() <= brochure::MAX_SOURCE_BYTES => brochure::compile_string(text, &job.base(), &job.opts),
        Ok(text) => brochure::compile_bytes(text.as_bytes(), &job.base(), &job.opts),
        Err(e) => brochure::compile_bytes(e.as_bytes(), &job.base(), &job.opts),
    };
    let out = match compiled {
        Ok(out) => out,
        Err(Error::Source(diags)) => {
            rep.diagnostics(&new_warnings(&diags, seen, rep), &file, &quoted_lines(src, &diags));
            let n = diags.iter().filter(|d| d.is_error()).count();
            rep.failure(&format!("{file}: {}; {after_errors}", count(n, "error")));
            return Ok(Built::SourceErrors);
        }
        Err(e) => return Err(e.into()),
    };
    let flags = out.preflight.as_ref().map_or(&[][..], |r| &r.flags[..]);
    let text = quoted_lines(src, out.warnings.iter().chain(flags));
    rep.diagnostics(&new_warnings(&out.warnings, seen, rep), &file, &text);
    if let Some(report) = &out.preflight {
        rep.preflight(report, &file, &text);
    }
    let Some(output) = &job.output else {
        rep.success(&format!("{file}: no errors ({}, {})", count(out.pages, "page"), count(out.items, "item")));
        return Ok(Built::Ok);
    };
    out.write_to(output)?;
    rep.success(&format!(
        "wrote {}: {}, {}, {}, {:.1} KB, {:.2} s",
        output.display(),
        count(out.pages, "page"),
        count(out.items, "item"),
        standards(&out.standards),
        out.pdf.len() as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    ));
    Ok(Built::Ok)
}

/// The source's lines up to the last one `diags` point at, read again (the
/// library has dropped the source; a 1,000-item one is 3 MB, and its
/// messages are most often about the first lines): what messages quote.
fn quoted_lines<'d>(src: &std::path::Path, diags: impl IntoIterator<Item = &'d brochure::diag::Diagnostic>) -> String {
    use std::io::{BufRead, Read};
    let Some(last) = diags.into_iter().filter_map(|d| d.span).map(|s| s.line).max() else { return String::new() };
    let Ok(file) = std::fs::File::open(src) else { return String::new() };
    let mut reader = std::io::BufReader::new(file.take(brochure::MAX_SOURCE_BYTES as u64 + 1));
    let mut bytes = Vec::new();
    for _ in 0..last {
        if reader.read_until(b'\n', &mut bytes).map_or(true, |n| n == 0) {
            break;
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The diagnostics to print: all, or without the warnings in `seen`
/// (which then holds this build's warnings), with a note of how many
/// were left out.
fn new_warnings(
    diags: &[brochure::diag::Diagnostic],
    seen: Option<&mut std::collections::BTreeSet<String>>,
    rep: &Reporter,
) -> Vec<brochure::diag::Diagnostic> {
    let Some(seen) = seen else { return diags.to_vec() };
    // Without the place: an edit above a warning moves it, and it is still
    // the same warning.
    let key = |d: &brochure::diag::Diagnostic| format!("{}: {}", d.path, d.message);
    let now: std::collections::BTreeSet<String> = diags.iter().filter(|d| !d.is_error()).map(key).collect();
    let shown: Vec<_> = diags.iter().filter(|d| d.is_error() || !seen.contains(&key(d))).cloned().collect();
    let kept = now.iter().filter(|k| seen.contains(*k)).count();
    if kept > 0 {
        rep.note(&format!("{} shown before still {} (not repeated)", count(kept, "warning"), if kept == 1 { "applies" } else { "apply" }));
    }
    *seen = now;
    shown
}

/// The standards met, for the summary line: `PDF/UA-1, PDF/A-2a`.
fn standards(list: &[brochure::Standard]) -> String {
    if list.is_empty() { "no PDF standard".into() } else { list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ") }
}

/// `1 page`, `2 pages`.
pub fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The reproducible-builds convention: a fixed creation date from the
/// environment, in seconds since 1970.
fn source_date_epoch() -> anyhow::Result<Option<Timestamp>> {
    use chrono::{Datelike, Timelike};
    let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let secs: i64 = v.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH `{v}` is not a number of seconds"))?;
    let t = chrono::DateTime::from_timestamp(secs, 0).with_context(|| format!("SOURCE_DATE_EPOCH `{v}` is out of range"))?;
    Ok(Some(Timestamp {
        year: t.year().clamp(0, 9999) as u16,
        month: t.month() as u8,
        day: t.day() as u8,
        hour: t.hour() as u8,
        minute: t.minute() as u8,
        second: t.second() as u8,
    }))
}
