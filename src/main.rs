//! The `brochure` command: build or check a brochure source.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};

use brochure::diag::Diagnostic;
use brochure::{Error, Options, Timestamp};

/// Turns news items written in YAML into a print-quality PDF brochure.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDF.
    Build {
        /// The brochure source (YAML).
        src: PathBuf,
        /// Where to write the PDF (default: the source with `.pdf`).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Check the source and report problems, without writing anything.
    Check {
        /// The brochure source (YAML).
        src: PathBuf,
    },
}

/// Exit codes: 0 success, 1 the source has errors, 2 usage or I/O failure.
const SOURCE_ERRORS: u8 = 1;
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { FAILURE } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(FAILURE)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let started = Instant::now();
    let (src, output) = match &cli.command {
        Command::Build { src, output } => (src, Some(output.clone().unwrap_or_else(|| src.with_extension("pdf")))),
        Command::Check { src } => (src, None),
    };
    let bytes = std::fs::read(src).with_context(|| format!("cannot read `{}`", src.display()))?;
    let base = src.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
    let opts = Options { creation_date: source_date_epoch()? };
    let file = src.display().to_string();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let built = brochure::compile_bytes(&bytes, &base, &opts);
    let out = match built {
        Ok(out) => out,
        Err(Error::Source(diags)) => {
            report(&diags, &file, &text);
            let n = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("{file}: {n} error{}; nothing was written", if n == 1 { "" } else { "s" });
            return Ok(SOURCE_ERRORS);
        }
        Err(e) => return Err(e.into()),
    };
    report(&out.warnings, &file, &text);
    let Some(output) = output else {
        println!("{file}: no errors ({}, {})", count(out.pages, "page"), count(out.items, "item"));
        return Ok(0);
    };
    if same_file(&output, src) {
        anyhow::bail!("the output `{}` would overwrite the source", output.display());
    }
    write_atomically(&output, &out.pdf)?;
    println!(
        "wrote {}: {}, {}, {:.1} KB, {:.2} s",
        output.display(),
        count(out.pages, "page"),
        count(out.items, "item"),
        out.pdf.len() as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}

fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

fn report(diags: &[Diagnostic], file: &str, text: &str) {
    for d in diags {
        eprintln!("{}\n", d.render(file, text));
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes to a temporary file beside the target, then renames it over the
/// target: a reader never sees half a PDF, and a failed build leaves the old
/// file as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".brochure-")
        .suffix(".pdf.tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot write in `{}`", dir.display()))?;
    tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all()).with_context(|| format!("cannot write `{}`", path.display()))?;
    // A temporary file is private (0600); the PDF gets the mode of the file
    // it replaces, or the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode)).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
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
