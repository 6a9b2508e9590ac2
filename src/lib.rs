//! brochure: news items written in YAML to paginated, print-quality PDF.
//!
//! The pipeline has four stages, each a function whose output is the next
//! one's input:
//!
//! 1. [`model::parse`]: YAML text → [`model::Brochure`], the source as
//!    written, every value with its line and column;
//! 2. `resolve::resolve`: → `resolve::Doc`, defaults applied, lengths in
//!    points, dates checked, Markdown parsed, fonts and images loaded;
//! 3. `layout::layout`: → `layout::Layout`, positioned pages of glyphs,
//!    images and rectangles (no PDF types);
//! 4. `render::render`: → PDF bytes.
//!
//! The stable surface is the crate root ([`Options`], [`Output`],
//! [`Error`] and the `compile` functions), [`model`] and [`diag`]. The
//! stages after `model` are public only with the `unstable-stages` feature,
//! for tests, benchmarks and experiments; they change without notice.
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `cli` | on | the `brochure` command (clap, notify, ctrlc, anyhow, libc); a library user turns it off with `default-features = false` |
//! | `unstable-stages` | off | `resolve`, `layout`, `locale`, `render`, `text`, `standard` and `units` as public modules |
//!
//! [`compile_file`], [`compile_bytes`] and [`compile_str`] chain them (and
//! [`compile`] does for a [`model::Brochure`] made in code), collecting
//! every problem as a [`diag::Diagnostic`]; [`Output::write_to`] writes the
//! PDF atomically.
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
pub mod model;
pub mod preflight;

/// Declares the pipeline's stages: public with the `unstable-stages`
/// feature (tests, benchmarks, experiments), private to the crate without
/// it, so that the stable surface is the crate root, [`model`] and [`diag`].
macro_rules! stages {
    ($($(#[$attr:meta])* $name:ident;)*) => {$(
        #[cfg(feature = "unstable-stages")]
        $(#[$attr])*
        pub mod $name;
        #[cfg(not(feature = "unstable-stages"))]
        $(#[$attr])*
        pub(crate) mod $name;
    )*};
}

stages! {
    layout;
    locale;
    render;
    resolve;
    standard;
    text;
    units;
}

use std::fmt;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use diag::{Diagnostic, Span};
pub use layout::impose::Impose;
pub use render::{RenderError, Timestamp};
pub use standard::{Standard, Standards};

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
    /// Also check the brochure as a print shop would: [`Output::preflight`].
    pub preflight: bool,
    /// Impose the pages for printing: a booklet writes them 2-up on sheets
    /// twice the page size, in saddle-stitch order.
    pub impose: Option<Impose>,
}

/// A built brochure.
#[derive(Debug, Clone)]
#[non_exhaustive]
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
    /// The preflight report, when [`Options::preflight`] asked for it.
    pub preflight: Option<preflight::Report>,
}

/// Why a brochure could not be built.
///
/// Its `Display` says all a log needs: for [`Error::Source`], one line per
/// problem with its field path, line and column and message (the hints and
/// source lines are in the [`Diagnostic`]s); `source()` leads to the first
/// error's [`Diagnostic`], or to the I/O or PDF error. `Debug` prints the
/// same text with the hints, so that `main` returning it is readable.
///
/// ```
/// let src = "title: News\nitems:\n  - title: A\n    date: 2021-02-30\n    body: Text.\n";
/// let e = brochure::compile_str(src, std::path::Path::new("."), &Default::default()).unwrap_err();
/// assert_eq!(e.to_string(), "the source has 1 error:\n  4:11: error: items[0].date: impossible date `2021-02-30` (February 2021 has 28 days)");
/// let first = std::error::Error::source(&e).unwrap().downcast_ref::<brochure::diag::Diagnostic>().unwrap();
/// assert_eq!((first.item(), first.field()), (Some(0), Some("date")));
/// ```
#[non_exhaustive]
pub enum Error {
    /// The source has errors; all problems found, warnings included.
    Source(Vec<Diagnostic>),
    /// The PDF could not be written.
    Render(render::RenderError),
    /// A file could not be read: the source given to [`compile_file`] or
    /// [`read_source`].
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The PDF could not be written to a file ([`write_pdf_atomically`],
    /// [`Output::write_to`]); an existing file there was left as it was.
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Source(d) => {
                let n = d.iter().filter(|d| d.is_error()).count();
                let w = d.len() - n;
                write!(f, "the source has {n} error{}", if n == 1 { "" } else { "s" })?;
                if w > 0 {
                    write!(f, " and {w} warning{}", if w == 1 { "" } else { "s" })?;
                }
                if !d.is_empty() {
                    f.write_str(":")?;
                }
                for d in d {
                    write!(f, "\n  {d}")?;
                }
                Ok(())
            }
            Error::Render(e) => write!(f, "{e}"),
            Error::Read { path, .. } => write!(f, "cannot read `{}`", path.display()),
            Error::Write { path, .. } => write!(f, "cannot write `{}`", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Render(e) => Some(e),
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            Error::Source(d) => d.iter().find(|d| d.is_error()).or(d.first()).map(|d| d as _),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Source(diags) => {
                write!(f, "{self}")?;
                for d in diags.iter().filter(|d| !d.hints.is_empty()) {
                    write!(f, "\n  hints for {}:", if d.path.is_empty() { "the file" } else { d.path.as_str() })?;
                    for h in &d.hints {
                        write!(f, "\n    {h}")?;
                    }
                }
                Ok(())
            }
            Error::Render(e) => f.debug_tuple("Render").field(e).finish(),
            Error::Read { path, source } => f.debug_struct("Read").field("path", path).field("source", source).finish(),
            Error::Write { path, source } => f.debug_struct("Write").field("path", path).field("source", source).finish(),
        }
    }
}

/// The largest source accepted, in bytes (64 MiB). A source is text only
/// (images and fonts are files of their own): 10,000 news items of a few
/// paragraphs each take about 27 MB. Anything larger is refused before it is
/// parsed, so that a wrong file (a video, a disk image) fails at once instead
/// of filling the memory.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024 * 1024;

/// Builds a brochure from source bytes (which must be UTF-8). `base` is the
/// folder relative paths start from.
///
/// Bytes that are not UTF-8, or more than [`MAX_SOURCE_BYTES`] of them, are
/// an [`Error::Source`] with the line and column where the problem starts.
///
/// ```
/// let bytes = b"title: Spring news\nitems:\n  - title: We moved\n    body: \xff\n";
/// let Err(brochure::Error::Source(problems)) = brochure::compile_bytes(bytes, std::path::Path::new("."), &Default::default()) else {
///     panic!("not UTF-8, yet it built")
/// };
/// assert_eq!(problems[0].headline("news.yaml"), "news.yaml:4:11: error: the file is not UTF-8 text");
/// ```
pub fn compile_bytes(source: &[u8], base: &Path, opts: &Options) -> Result<Output, Error> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(Error::Source(vec![too_large(source)]));
    }
    match std::str::from_utf8(source) {
        Ok(s) => compile_str(s, base, opts),
        Err(e) => Err(Error::Source(vec![
            Diagnostic::error(Some(place_of(source, e.valid_up_to())), "", "the file is not UTF-8 text").with_hint("save the file as UTF-8 in your editor"),
        ])),
    }
}

/// Reads and builds the brochure source at `path`; images and fonts named in
/// it are found relative to its folder (and only there and below, unless
/// [`Options::root`] says otherwise).
///
/// A file that cannot be read is an [`Error::Read`]; everything wrong with
/// what it says is an [`Error::Source`], as from [`compile_bytes`]. Only the
/// first [`MAX_SOURCE_BYTES`] (and one) bytes are ever read.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let src = dir.path().join("news.yaml");
/// std::fs::write(&src, "title: Spring news\nitems:\n  - title: We moved\n    body: Our office is now *downtown*.\n")?;
///
/// let out = brochure::compile_file(&src, &brochure::Options::default())?;
/// out.write_to(dir.path().join("news.pdf"))?;
/// assert_eq!((out.pages, out.items), (1, 1));
///
/// // A problem in the source is told with its place; print it with the text.
/// std::fs::write(&src, "title: Spring news\nitems:\n  - title: We moved\n    colour: blue\n    body: Our office.\n")?;
/// let Err(brochure::Error::Source(problems)) = brochure::compile_file(&src, &Default::default()) else { panic!() };
/// assert_eq!(problems[0].headline("news.yaml"), "news.yaml:4:5: error: items[0].colour: unknown field `colour`");
///
/// // A file that cannot be read says which.
/// let e = brochure::compile_file(&dir.path().join("missing.yaml"), &Default::default()).unwrap_err();
/// assert!(matches!(e, brochure::Error::Read { .. }));
/// assert!(e.to_string().starts_with("cannot read `"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compile_file(path: impl AsRef<Path>, opts: &Options) -> Result<Output, Error> {
    let path = path.as_ref();
    let bytes = read_source(path)?;
    let base = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if bytes.len() > MAX_SOURCE_BYTES {
        return compile_bytes(&bytes, base, opts);
    }
    match String::from_utf8(bytes) {
        Ok(text) => compile_string(text, base, opts),
        Err(e) => compile_bytes(e.as_bytes(), base, opts),
    }
}

/// Reads a brochure source for [`compile_bytes`]: the whole file, or the
/// first [`MAX_SOURCE_BYTES`] and one bytes of a larger one (which
/// [`compile_bytes`] then refuses with a located error), so that a huge file
/// is never read whole.
pub fn read_source(path: impl AsRef<Path>) -> Result<Vec<u8>, Error> {
    let path = path.as_ref();
    let err = |source| Error::Read { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(err)?;
    let mut bytes = Vec::new();
    file.take(MAX_SOURCE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(err)?;
    Ok(bytes)
}

/// The place of byte `offset` of `source`: its line, and its column in
/// characters.
fn place_of(source: &[u8], offset: usize) -> Span {
    let before = &source[..offset.min(source.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    Span { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX), len: 1 }
}

/// The error for a source over [`MAX_SOURCE_BYTES`], at the place the limit
/// is passed.
fn too_large(source: &[u8]) -> Diagnostic {
    Diagnostic::error(Some(place_of(source, MAX_SOURCE_BYTES)), "", format!("the file is too large (more than {} MB)", MAX_SOURCE_BYTES >> 20))
        .with_hint("a brochure source is text: images and fonts are files of their own, named by their path")
        .with_hint("split a brochure this large into several")
}

/// Writes `bytes` to `path` so that no reader ever sees half a file: into a
/// temporary file beside `path`, flushed to disk, then renamed over it.
///
/// A file already at `path` keeps its permissions (a new one gets the usual
/// `0644` on Unix). When anything fails, the file at `path` is left as it was,
/// the temporary file is removed, and the error is an [`Error::Write`].
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let pdf = dir.path().join("news.pdf");
/// brochure::write_pdf_atomically(&pdf, b"%PDF-1.7 ...")?;
/// assert_eq!(std::fs::read(&pdf)?, b"%PDF-1.7 ...");
///
/// // In a folder that does not exist: an error, and nothing left behind.
/// let e = brochure::write_pdf_atomically(dir.path().join("no/such/news.pdf"), b"%PDF-").unwrap_err();
/// assert!(matches!(e, brochure::Error::Write { .. }));
/// assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_pdf_atomically(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), Error> {
    let path = path.as_ref();
    let err = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Dropped on every early return: the temporary file is removed.
    // The process id in the name lets an interrupted process (Ctrl-C) find
    // and remove its own temporary files: see [`temp_files_of_this_process`].
    let mut tmp = tempfile::Builder::new().prefix(&temp_prefix()).suffix(".tmp").tempfile_in(dir).map_err(err)?;
    tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(err)?;
    // A temporary file is private (0600); the file gets the mode of the one
    // it replaces, or the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode)).map_err(err)?;
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    // The rename is durable once the folder is on disk too. Some systems
    // cannot sync a folder; the file itself is complete either way.
    #[cfg(unix)]
    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

fn temp_prefix() -> String {
    format!(".brochure-{}-", std::process::id())
}

/// The temporary files this process is writing in `dir` (normally none: they
/// live only while a PDF is written). A program that is interrupted while
/// writing removes them, as the command line does on Ctrl-C.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let mine = dir.path().join(format!(".brochure-{}-x1.tmp", std::process::id()));
/// std::fs::write(&mine, b"%PDF-")?;
/// std::fs::write(dir.path().join(".brochure-1-x2.tmp"), b"another process's")?;
/// std::fs::write(dir.path().join("news.pdf"), b"%PDF-")?;
/// assert_eq!(brochure::temp_files_of_this_process(dir.path()), vec![mine]);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn temp_files_of_this_process(dir: &Path) -> Vec<std::path::PathBuf> {
    let prefix = temp_prefix();
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp")))
        .collect();
    found.sort();
    found
}

impl Output {
    /// Writes the PDF to `path` atomically, as [`write_pdf_atomically`] does.
    ///
    /// ```
    /// let src = "title: Spring news\nitems:\n  - title: We moved\n    body: Our office is now *downtown*.\n";
    /// let out = brochure::compile_str(src, std::path::Path::new("."), &Default::default())?;
    /// let dir = tempfile::tempdir()?;
    /// out.write_to(dir.path().join("news.pdf"))?;
    /// assert_eq!(std::fs::read(dir.path().join("news.pdf"))?, out.pdf);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write_pdf_atomically(path, &self.pdf)
    }
}

/// Builds a brochure from YAML text. `base` is the folder relative image and
/// font paths start from.
///
/// Every problem of the source is collected: the `Err` holds them all, each
/// with its line, column and field path; the `Ok` holds the warnings.
///
/// ```
/// use std::path::Path;
///
/// let src = "title: Spring news\nitems:\n  - title: We moved\n    date: 2021-02-30\n    body: Our office is now *downtown*.\n";
/// match brochure::compile_str(src, Path::new("."), &brochure::Options::default()) {
///     Ok(out) => println!("{} pages", out.pages),
///     Err(brochure::Error::Source(problems)) => {
///         // What the command prints: the place, the line and a caret, hints.
///         let report = problems[0].render("news.yaml", src);
///         assert!(report.starts_with("news.yaml:4:11: error: items[0].date: impossible date `2021-02-30`"), "{report}");
///     }
///     Err(e) => panic!("{e}"),
/// }
/// ```
pub fn compile_str(source: &str, base: &Path, opts: &Options) -> Result<Output, Error> {
    compile_text(std::borrow::Cow::Borrowed(source), base, opts)
}

/// Like [`compile_str`], taking the source: it is dropped once read, so
/// that a long brochure's source is not held while it is laid out and
/// drawn (a 10,000-item source is 33 MB).
///
/// ```
/// let src = String::from("title: News\nitems:\n  - title: A\n    body: Text.\n");
/// let out = brochure::compile_string(src, std::path::Path::new("."), &Default::default()).unwrap();
/// assert_eq!(out.items, 1);
/// ```
pub fn compile_string(source: String, base: &Path, opts: &Options) -> Result<Output, Error> {
    compile_text(std::borrow::Cow::Owned(source), base, opts)
}

fn compile_text(source: std::borrow::Cow<'_, str>, base: &Path, opts: &Options) -> Result<Output, Error> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(Error::Source(vec![too_large(source.as_bytes())]));
    }
    let (model, mut diags) = model::parse(&source);
    let Some(model) = model else { return Err(Error::Source(diags)) };
    if diags.iter().any(Diagnostic::is_error) {
        // Check the values of what could be read too, so that every problem
        // of the file is reported in this one run.
        let (_, more) = resolve::resolve_in(&model, base, opts.root.as_deref().unwrap_or(base));
        diags.extend(more);
        return Err(Error::Source(in_source_order(diags)));
    }
    let hash = fnv1a(source.as_bytes());
    drop(source);
    let mut out = compile_model(std::borrow::Cow::Owned(model), base, opts, hash)?;
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
///
/// The checks the YAML reader makes run here too ([`model::Brochure::check`]):
/// a model without a title or items, or with an item without a body, is
/// refused with every problem found.
///
/// ```
/// let Err(brochure::Error::Source(problems)) = brochure::compile(&brochure::model::Brochure::default(), std::path::Path::new("."), &Default::default()) else {
///     panic!("an empty model was built")
/// };
/// assert_eq!(problems[1].to_string(), "error: items: the brochure has no items");
/// ```
pub fn compile(model: &model::Brochure, base: &Path, opts: &Options) -> Result<Output, Error> {
    let mut problems = model.check();
    if !problems.is_empty() {
        // The values' own problems too, so that all are told in one run.
        let (_, more) = resolve::resolve_in(model, base, opts.root.as_deref().unwrap_or(base));
        problems.extend(more);
        return Err(Error::Source(in_source_order(problems)));
    }
    compile_model(std::borrow::Cow::Borrowed(model), base, opts, fnv1a(format!("{:?}", without_bytes(model)).as_bytes()))
}

/// The model with its images' bytes left out: the document id depends on
/// the model's text, as a YAML source's does, whether an image is given as
/// a file or as bytes.
fn without_bytes(model: &model::Brochure) -> model::Brochure {
    let mut m = model.clone();
    let images = m.cover.iter_mut().chain(m.items.iter_mut().flat_map(|i| {
        i.image.iter_mut().chain(i.body.iter_mut().flat_map(|b| match b {
            model::Block::Image(img) => vec![img],
            model::Block::Box { body, .. } => body.iter_mut().filter_map(|b| if let model::Block::Image(img) = b { Some(img) } else { None }).collect(),
            _ => Vec::new(),
        }))
    }));
    for img in images {
        img.bytes = None;
    }
    m
}

/// Resolves, lays out and renders `model`. A model of its own (read from a
/// source) is dropped once resolved unless the preflight report reads it:
/// the layout's peak memory is then the layout's alone.
fn compile_model(model: std::borrow::Cow<'_, model::Brochure>, base: &Path, opts: &Options, content_hash: u64) -> Result<Output, Error> {
    let (doc, diags) = resolve::resolve_in(&model, base, opts.root.as_deref().unwrap_or(base));
    let model = opts.preflight.then_some(model);
    let Some(mut doc) = doc else { return Err(Error::Source(in_source_order(diags))) };
    if matches!(&opts.standards, standard::Standards::Exactly(l) if l.contains(&standard::Standard::X4)) {
        doc.theme.use_print_colors();
    }
    // Laid out whole first when the preflight report reads the pages or
    // they are imposed; else laid out and drawn together below, so that a
    // long brochure's pages are not all held.
    let whole = opts.preflight || opts.impose.is_some();
    let mut laid = whole.then(|| layout::layout(&doc));
    let creation_date = opts.creation_date.or_else(|| {
        use chrono::Datelike;
        // PDF/A needs a date: the brochure's, or else its newest item's.
        doc.date.or_else(|| doc.items.iter().filter_map(|i| i.date).max()).map(|d| Timestamp {
            year: d.year().clamp(0, 9999) as u16,
            month: d.month() as u8,
            day: d.day() as u8,
            hour: 0,
            minute: 0,
            second: 0,
        })
    });
    let mut warnings = diags;
    let mut page_count = 0;
    if let Some(l) = &mut laid {
        warnings.append(&mut l.warnings);
        page_count = l.pages.len();
    }
    let x4 = matches!(&opts.standards, standard::Standards::Exactly(l) if l.contains(&standard::Standard::X4));
    let preflight = match (model.as_deref(), &laid) {
        (Some(m), Some(l)) => Some(preflight::preflight(m, &doc, l, x4)),
        _ => None,
    };
    let problems = standard::precheck(&doc, creation_date.is_some());
    let mut chosen = standard::choose(&opts.standards, &problems);
    let strict = matches!(opts.standards, standard::Standards::Exactly(_));
    let mut errors = Vec::new();
    if opts.impose.is_some() {
        // Imposed sheets are for the printer: no reading order to tag.
        if let Some(s) = chosen.iter().find(|s| strict && **s != standard::Standard::X4) {
            errors.push(
                Diagnostic::error(None, "", format!("imposed sheets cannot meet {s} (their pages are in printing order, not reading order)"))
                    .with_hint("build the reading copy with `--standard` and the print sheets with `--impose booklet` (and `--standard x4`) separately"),
            );
        }
        chosen.retain(|s| *s == standard::Standard::X4);
    }
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
        if laid.is_none() {
            // What layout finds is told with the errors.
            warnings.append(&mut layout::layout(&doc).warnings);
        }
        errors.extend(warnings);
        return Err(Error::Source(in_source_order(errors)));
    }
    let mut ropts = render::RenderOptions {
        creation_date,
        document_id: Some(format!("{content_hash:016x}")),
        tagged: opts.standards == standard::Standards::Auto && opts.impose.is_none(),
        standards: Vec::new(),
        impose: opts.impose.is_some(),
    };
    let mut first = true;
    let pdf = loop {
        ropts.standards = chosen.clone();
        // Rendering consumes the layout page by page; the rare second try
        // (a standard the PDF writer found broken) lays out again, and what
        // layout finds is told once.
        let made = match laid.take() {
            Some(l) => render::render(l, &doc.assets(), &ropts),
            None if whole => render::render(layout::layout(&doc), &doc.assets(), &ropts),
            None => {
                let (made, mut found, pages) = lay_out_and_render(&doc, &ropts);
                if first {
                    warnings.append(&mut found);
                    page_count = pages;
                }
                made
            }
        };
        first = false;
        match made {
            Ok(pdf) => break pdf,
            // An image whose header was fine but whose data is not: a
            // problem of the source, not of the program.
            Err(render::RenderError::Image { path, reason }) => {
                let d = Diagnostic::error(
                    None,
                    "",
                    format!("failed to load image `{path}` (the file is damaged: {})", reason.split_whitespace().collect::<Vec<_>>().join(" ")),
                )
                .with_hint("open and save the image again in an image editor");
                return Err(Error::Source(vec![d]));
            }
            Err(render::RenderError::Standards(found)) if strict => {
                let mut diags: Vec<Diagnostic> = found.into_iter().map(|v| Diagnostic { severity: diag::Severity::Error, ..v.diagnostic }).collect();
                diags.dedup();
                // A warning at the place of an error says the same again.
                warnings.retain(|w| !diags.iter().any(|e| e.span.is_some() && e.span == w.span && e.path == w.path));
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
                // Layout has already told of what it could see (a
                // character no font has) at the same place.
                for v in found {
                    let d = v.diagnostic;
                    if !warnings.iter().any(|w| *w == d || (d.span.is_some() && w.span == d.span && w.path == d.path)) {
                        warnings.push(d);
                    }
                }
            }
            Err(e) => return Err(Error::Render(e)),
        }
    };
    let items = doc.items.len();
    // The resolved brochure (its text, fonts and images: 5 MB for 1,000
    // items) is freed while the caller writes the PDF.
    free_beside(doc);
    Ok(Output { pdf, pages: page_count, items, warnings, standards: chosen, preflight })
}

/// Lays out `doc` and draws its pages as they are finished: the layout's
/// pages are handed to the renderer a batch at a time (a long brochure's
/// are not all held), the contents last. Returns the PDF, the layout's
/// warnings and the number of pages.
///
/// The renderer runs on a thread of its own, so that drawing a batch
/// (serial: one krilla document) overlaps with laying out the next
/// (whose paragraphs are set in parallel). Batches are drawn in the order
/// they were laid out, so the file is the same bytes as drawn on one
/// thread. At most one batch waits for the renderer while the next is
/// laid out, which bounds what is held. krilla's document is not `Send`,
/// so the renderer is made on its thread.
fn lay_out_and_render(doc: &resolve::Doc, ropts: &render::RenderOptions) -> (Result<Vec<u8>, render::RenderError>, Vec<Diagnostic>, usize) {
    enum Batch {
        /// Finished pages, and what is new in the structure and bookmarks.
        Pages(Vec<(usize, layout::Page)>, render::Known),
        /// The pages held back and the rest of the layout.
        Last(layout::Layout, Vec<usize>),
    }
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
    let sheet = layout::Sheet::of(doc);
    std::thread::scope(|scope| {
        let drawer = scope.spawn(move || {
            let assets = doc.assets();
            let mut renderer = match render::Renderer::new(sheet, &assets, ropts) {
                Ok(r) => r,
                Err(e) => return (Err(e), 0),
            };
            let (mut known, mut failed) = (render::Known::default(), None);
            for batch in rx {
                match batch {
                    Batch::Pages(pages, more) => {
                        known.append(more);
                        if failed.is_none()
                            && let Err(e) = renderer.pages(pages, &known)
                        {
                            failed = Some(e);
                        }
                    }
                    Batch::Last(rest, indices) => {
                        let count = renderer.page_count() + rest.pages.len();
                        if let Some(e) = failed {
                            return (Err(e), count);
                        }
                        known.append(render::Known::since(&rest.structure, &rest.outline, known.len()));
                        let made = renderer
                            .pages(indices.into_iter().zip(rest.pages).collect(), &known)
                            .and_then(|()| renderer.finish(&rest.outline, &rest.structure, rest.info));
                        return (made, count);
                    }
                }
            }
            unreachable!("the layout always sends its last batch")
        });
        // What the renderer has been sent of the structure and bookmarks.
        let mut sent = (0, 0);
        let (mut rest, indices) = layout::layout_streaming(doc, &mut |pages, structure, outline| {
            let more = render::Known::since(structure, outline, sent);
            sent = (structure.len(), outline.len());
            // A send fails only when the renderer has stopped, which it
            // does only after the last batch.
            let _ = tx.send(Batch::Pages(pages, more));
        });
        let warnings = std::mem::take(&mut rest.warnings);
        let _ = tx.send(Batch::Last(rest, indices));
        let (made, count) = drawer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (made, warnings, count)
    })
}

/// Frees `value` on a thread of its own, so that a large tree of small
/// allocations is not freed on the build's path (when no thread can be
/// made, it is freed here).
pub(crate) fn free_beside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("free".into()).spawn(move || drop(value));
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

/// The code of `README.md` (the library example), compiled and run as
/// doctests so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct Readme;

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&pdf, b"old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_pdf_atomically(&pdf, b"new").unwrap();
        assert_eq!(std::fs::read(&pdf).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["a.pdf"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&pdf).unwrap().permissions().mode() & 0o777, 0o640);
        }
    }

    #[test]
    fn a_failed_rename_removes_the_temporary_file() {
        // A folder is in the way: the data is written, the rename fails.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.pdf");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), b"kept").unwrap();
        let e = write_pdf_atomically(&target, b"%PDF-").unwrap_err();
        assert!(matches!(&e, Error::Write { path, .. } if *path == target), "{e:?}");
        assert!(std::error::Error::source(&e).is_some(), "the io error is chained");
        assert_eq!(names(dir.path()), ["a.pdf"], "a temporary file was left behind");
        assert_eq!(std::fs::read(target.join("inside")).unwrap(), b"kept");
    }

    #[test]
    fn errors_say_which_file() {
        let e = compile_file("no/such/news.yaml", &Options::default()).unwrap_err();
        assert_eq!(e.to_string(), "cannot read `no/such/news.yaml`");
        assert_eq!(std::error::Error::source(&e).map(|s| s.to_string().contains("No such file")), Some(true));
    }

    #[test]
    fn places_count_lines_and_characters() {
        let src = b"ab\n\xc3\xa7d\xc3";
        assert_eq!(place_of(src, 0), Span { line: 1, col: 1, len: 1 });
        assert_eq!(place_of(src, 3), Span { line: 2, col: 1, len: 1 });
        // `ç` is two bytes and one column.
        assert_eq!(place_of(src, 6), Span { line: 2, col: 3, len: 1 });
        assert_eq!(place_of(src, 100), Span { line: 2, col: 4, len: 1 });
    }
}
