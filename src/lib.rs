//! brochure: news items written in YAML to paginated, print-quality PDF.
//!
//! The pipeline has four stages, each a public function whose output is the
//! next one's input:
//!
//! 1. [`model::parse`]: YAML text → [`model::Brochure`], the source as
//!    written, every value with its line and column;
//! 2. [`resolve::resolve`]: → [`resolve::Doc`], defaults applied, lengths in
//!    points, dates checked, Markdown parsed, fonts and images loaded;
//! 3. [`layout::layout`]: → [`layout::Layout`], positioned pages of glyphs,
//!    images and rectangles (no PDF types);
//! 4. [`render::render`]: → PDF bytes.
//!
//! [`compile_str`] chains them and collects every problem as a
//! [`diag::Diagnostic`].
//!
//! ```
//! let src = "title: Spring news\nitems:\n  - title: We moved\n    date: 2021-03-01\n    body: Our office is now *downtown*.\n";
//! let out = brochure::compile_str(src, std::path::Path::new("."), &brochure::Options::default()).unwrap();
//! assert!(out.pdf.starts_with(b"%PDF-"));
//! assert_eq!(out.pages, 1);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// User input never panics the library: no unwrap or expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod diag;
pub mod layout;
pub mod model;
pub mod render;
pub mod resolve;
pub mod standard;
pub mod text;
pub mod units;

use std::fmt;
use std::path::Path;

use diag::{Diagnostic, Span};
pub use render::Timestamp;

/// Settings that come from outside the source.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The creation date to write; when `None`, the brochure's `date` is used
    /// (at midnight UTC), or else the newest item's date, and without any
    /// no date is written. The library never reads the clock.
    pub creation_date: Option<Timestamp>,
    /// The folder images and fonts may be read from (with the folders below
    /// it); by default the source's own folder.
    pub root: Option<std::path::PathBuf>,
    /// The PDF standards to meet. By default the PDF is tagged and meets
    /// PDF/UA-1 and PDF/A-2a (or A-2b) unless something in the brochure
    /// breaks them; asked for explicitly, whatever breaks them is an error.
    pub standards: standard::Standards,
}

/// A built brochure.
#[derive(Debug, Clone)]
pub struct Output {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Number of items.
    pub items: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The standards the PDF meets (checked by the PDF writer).
    pub standards: Vec<standard::Standard>,
}

/// Why a brochure could not be built.
#[derive(Debug)]
pub enum Error {
    /// The source has errors; all problems found, warnings included.
    Source(Vec<Diagnostic>),
    /// The PDF could not be written.
    Render(render::RenderError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Source(d) => {
                let n = d.iter().filter(|d| d.is_error()).count();
                write!(f, "the source has {n} error{}", if n == 1 { "" } else { "s" })
            }
            Error::Render(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Render(e) => Some(e),
            Error::Source(_) => None,
        }
    }
}

/// Builds a brochure from source bytes (which must be UTF-8). `base` is the
/// folder relative paths start from.
pub fn compile_bytes(source: &[u8], base: &Path, opts: &Options) -> Result<Output, Error> {
    match std::str::from_utf8(source) {
        Ok(s) => compile_str(s, base, opts),
        Err(e) => {
            let good = &source[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let col = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(Error::Source(vec![
                Diagnostic::error(Some(Span { line: line as u32, col: col as u32, len: 1 }), "", "the file is not UTF-8 text")
                    .with_hint("save the file as UTF-8 in your editor"),
            ]))
        }
    }
}

/// Builds a brochure from YAML text.
pub fn compile_str(source: &str, base: &Path, opts: &Options) -> Result<Output, Error> {
    let (model, mut diags) = model::parse(source);
    let Some(model) = model else { return Err(Error::Source(diags)) };
    if diags.iter().any(Diagnostic::is_error) {
        // Check the values of what could be read too, so that every problem
        // of the file is reported in this one run.
        let (_, more) = resolve::resolve_in(&model, base, opts.root.as_deref().unwrap_or(base));
        diags.extend(more);
        return Err(Error::Source(in_source_order(diags)));
    }
    let mut out = compile_model(&model, base, opts, fnv1a(source.as_bytes()))?;
    diags.append(&mut out.warnings);
    out.warnings = diags;
    Ok(out)
}

/// Builds a brochure from a model made in code. `base` is the folder that
/// relative image and font paths start from. Values made in code have no
/// place in a file, so problems are told by their field path.
///
/// ```
/// use brochure::model::{Block, Brochure, Item};
///
/// let model = Brochure {
///     title: "Spring news".into(),
///     items: vec![Item {
///         title: "We moved".into(),
///         date: Some("2021-03-01".into()),
///         body: vec![Block::Paragraph("Our office is now *downtown*.".into())],
///         ..Item::default()
///     }],
///     ..Brochure::default()
/// };
/// let out = brochure::compile(&model, std::path::Path::new("."), &brochure::Options::default()).unwrap();
/// assert!(out.pdf.starts_with(b"%PDF-"));
/// assert_eq!(out.items, 1);
/// ```
pub fn compile(model: &model::Brochure, base: &Path, opts: &Options) -> Result<Output, Error> {
    compile_model(model, base, opts, fnv1a(format!("{model:?}").as_bytes()))
}

fn compile_model(model: &model::Brochure, base: &Path, opts: &Options, content_hash: u64) -> Result<Output, Error> {
    let (doc, diags) = resolve::resolve_in(model, base, opts.root.as_deref().unwrap_or(base));
    let Some(doc) = doc else { return Err(Error::Source(in_source_order(diags))) };
    let laid = layout::layout(&doc);
    let creation_date = opts.creation_date.or_else(|| {
        use chrono::Datelike;
        // PDF/A needs a date: the brochure's, or else its newest item's.
        doc.date.or_else(|| doc.items.iter().filter_map(|i| i.date).max()).map(|d| Timestamp { year: d.year().clamp(0, 9999) as u16, month: d.month() as u8, day: d.day() as u8, hour: 0, minute: 0, second: 0 })
    });
    let mut warnings = diags;
    warnings.extend(laid.warnings.iter().cloned());
    let problems = standard::precheck(&doc, creation_date.is_some());
    let mut chosen = standard::choose(&opts.standards, &problems);
    let strict = matches!(opts.standards, standard::Standards::Exactly(_));
    let mut errors = Vec::new();
    for p in problems {
        if strict && p.breaks.iter().any(|s| chosen.contains(s)) {
            errors.push(Diagnostic { severity: diag::Severity::Error, ..p.diagnostic });
        } else if p.breaks.contains(&standard::Standard::Ua1) {
            // Missing text alternatives are worth fixing in any case; the
            // other problems only matter to those who ask for PDF/A.
            warnings.push(p.diagnostic);
        }
    }
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(Error::Source(in_source_order(errors)));
    }
    let mut ropts = render::RenderOptions {
        creation_date,
        document_id: Some(format!("{content_hash:016x}")),
        tagged: opts.standards == standard::Standards::Auto,
        standards: Vec::new(),
    };
    let pdf = loop {
        ropts.standards = chosen.clone();
        match render::render(&doc, &laid, &ropts) {
            Ok(pdf) => break pdf,
            // An image whose header was fine but whose data is not: a
            // problem of the source, not of the program.
            Err(render::RenderError::Image { path, reason }) => {
                let d = Diagnostic::error(None, "", format!("failed to load image `{path}` (the file is damaged: {})", reason.split_whitespace().collect::<Vec<_>>().join(" ")))
                    .with_hint("open and save the image again in an image editor");
                return Err(Error::Source(vec![d]));
            }
            Err(render::RenderError::Standards(found)) if strict => {
                let mut diags: Vec<Diagnostic> = found.into_iter().map(|v| Diagnostic { severity: diag::Severity::Error, ..v.diagnostic }).collect();
                diags.dedup();
                diags.extend(warnings);
                return Err(Error::Source(in_source_order(diags)));
            }
            // By default, a standard something breaks is not claimed: build
            // again without it.
            Err(render::RenderError::Standards(found)) => {
                let before = chosen.len();
                chosen.retain(|s| !found.iter().any(|v| v.breaks.contains(s)));
                if chosen.len() == before {
                    return Err(Error::Render(render::RenderError::Standards(found)));
                }
                for v in found {
                    if !warnings.contains(&v.diagnostic) {
                        warnings.push(v.diagnostic);
                    }
                }
            }
            Err(e) => return Err(Error::Render(e)),
        }
    };
    Ok(Output { pdf, pages: laid.pages.len(), items: doc.items.len(), warnings, standards: chosen })
}

/// Problems sorted by their place in the file; those without a place last.
fn in_source_order(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by_key(|d| d.span.map_or((u32::MAX, u32::MAX), |s| (s.line, s.col)));
    diags
}

/// FNV-1a: a small, stable hash for the document id (the same on every
/// platform and Rust version, unlike std's `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The code of `docs/cli.md` (the command-line reference and the library
/// quick start), compiled and run as doctests so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../docs/cli.md")]
pub struct CliReference;
