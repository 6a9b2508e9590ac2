//! `brochure watch`: build, then build again whenever the source or a file
//! it uses (an image, a font) changes, so that the PDF open beside the
//! editor follows the text. A source with errors prints them and leaves the
//! last good PDF in place.
//!
//! The folders of the files are watched rather than the files themselves,
//! because editors often save by writing a new file and renaming it over the
//! old one, which a watch on the old file would not see. Events only say
//! that something in a folder may have changed: a rebuild happens when the
//! contents of a watched file really differ from those of the last build, so
//! the PDF written beside the source, or an editor touching a file without
//! changing it, never starts a build.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::Context;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};

use brochure::model::{Block, FontSpec, Image};

use super::report::Reporter;
use super::{Job, base_of, count};

/// How long the files must be quiet before a rebuild: an editor's save is
/// often several events (write, rename, change of attributes).
const SETTLE: Duration = Duration::from_millis(150);
/// The longest a rebuild waits for the files to settle.
const SETTLE_AT_MOST: Duration = Duration::from_secs(2);
/// How often the fallback watcher looks at the files.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// The files a build of `src` reads: the source itself, then every image
/// and font file it names (as `src`'s folder joined with the path written).
/// `None` when `text` is not a brochure at all (not YAML, or not a mapping),
/// so that nothing is known of the files it uses.
pub fn watched_files(src: &Path, text: &str) -> Option<BTreeSet<PathBuf>> {
    let (model, _) = brochure::model::parse(text);
    let model = model?;
    let mut paths: Vec<&str> = Vec::new();
    let mut images: Vec<&Image> = model.cover.iter().collect();
    for item in &model.items {
        images.extend(&item.image);
        images.extend(item.body.iter().flat_map(Block::with_inner).filter_map(|b| match b {
            Block::Image(img) => Some(img),
            _ => None,
        }));
    }
    paths.extend(images.iter().map(|img| img.src.value.as_str()));
    for font in [&model.theme.body_font, &model.theme.heading_font].into_iter().flatten() {
        if let FontSpec::Files { regular, bold, italic, bold_italic } = font {
            paths.push(&regular.value);
            paths.extend([bold, italic, bold_italic].into_iter().flatten().map(|s| s.value.as_str()));
        }
    }
    // Images written in Markdown in a body text (`![alt](images/a.jpg)`),
    // found by the Markdown reader the library uses.
    let in_text: Vec<String> = model
        .items
        .iter()
        .flat_map(|item| &item.body)
        .flat_map(Block::with_inner)
        .filter_map(|b| if let Block::Paragraph(p) = b { Some(p) } else { None })
        .flat_map(|p| pulldown_cmark::Parser::new(&p.value))
        .filter_map(|e| if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { dest_url, .. }) = e { Some(dest_url.into_string()) } else { None })
        .collect();
    paths.extend(in_text.iter().map(String::as_str));
    let base = base_of(src);
    let mut files = BTreeSet::from([src.to_path_buf()]);
    files.extend(paths.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).map(|p| base.join(p)));
    Some(files)
}

/// What the watched files hold: a hash of each one's bytes, `None` for a
/// file that cannot be read (not there yet, or being replaced).
type Fingerprint = BTreeMap<PathBuf, Option<u64>>;

fn fingerprint(files: &BTreeSet<PathBuf>) -> Fingerprint {
    files
        .iter()
        .map(|f| {
            let hash = std::fs::read(f).ok().map(|bytes| {
                let mut h = std::hash::DefaultHasher::new();
                bytes.hash(&mut h);
                h.finish()
            });
            (f.clone(), hash)
        })
        .collect()
}

/// The folders to watch for `files`: each one's folder, or the nearest
/// folder above it that exists (so that a folder created later is seen).
fn folders(files: &BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
    files
        .iter()
        .filter_map(|f| {
            let abs = normalize(&std::path::absolute(f).ok()?);
            abs.ancestors().skip(1).find(|d| d.is_dir()).map(Path::to_path_buf)
        })
        .collect()
}

/// `a/./b/../c` as `a/c`, without asking the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether an event may mean that a file's contents changed; opening or
/// reading a file (as every build does) does not.
fn may_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

/// The operating system's watcher, or polling where there is none.
struct Folders {
    watcher: Box<dyn Watcher>,
    watched: BTreeSet<PathBuf>,
}

impl Folders {
    fn new(events: std::sync::mpsc::Sender<notify::Result<notify::Event>>, rep: &Reporter) -> anyhow::Result<Folders> {
        let watcher: Box<dyn Watcher> = match notify::recommended_watcher(events.clone()) {
            Ok(w) => Box::new(w),
            Err(e) => {
                rep.note(&format!("note: file events are not available ({e}); looking for changes every {} ms", POLL_EVERY.as_millis()));
                let config = notify::Config::default().with_poll_interval(POLL_EVERY);
                Box::new(notify::PollWatcher::new(events, config).context("cannot watch files")?)
            }
        };
        Ok(Folders { watcher, watched: BTreeSet::new() })
    }

    /// Watches exactly the folders of `files`.
    fn follow(&mut self, files: &BTreeSet<PathBuf>, rep: &Reporter) {
        let wanted = folders(files);
        for gone in self.watched.difference(&wanted) {
            let _ = self.watcher.unwatch(gone);
        }
        for new in wanted.difference(&self.watched) {
            if let Err(e) = self.watcher.watch(new, RecursiveMode::NonRecursive) {
                rep.error(&format!("cannot watch `{}` ({e})", new.display()));
            }
        }
        self.watched = wanted;
    }
}

/// Waits until a change may have happened and the files have been quiet for
/// a moment. `Err` when the watcher has stopped.
fn next_change(events: &Receiver<notify::Result<notify::Event>>, rep: &Reporter) -> anyhow::Result<()> {
    loop {
        match events.recv().context("the file watcher stopped")? {
            Ok(e) if may_change(&e.kind) => break,
            Ok(_) => {}
            Err(e) => rep.error(&format!("watching files: {e}")),
        }
    }
    let start = Instant::now();
    while start.elapsed() < SETTLE_AT_MOST {
        match events.recv_timeout(SETTLE) {
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
        }
    }
    Ok(())
}

/// Builds `job`, then builds again on every change until the process is
/// interrupted (Ctrl-C). Returns an error only when the source cannot be
/// read at the start, or the files cannot be watched.
pub fn run(job: &Job, rep: &Reporter) -> anyhow::Result<()> {
    let output = job.output.clone().unwrap_or_else(|| job.src.with_extension("pdf"));
    let kept = format!("`{}` was left as it was", output.display());
    let read = |src: &Path| std::fs::read(src).map(|b| String::from_utf8_lossy(&b).into_owned());

    let text = read(&job.src).with_context(|| format!("cannot read `{}`", job.src.display()))?;
    let mut files = watched_files(&job.src, &text).unwrap_or_else(|| BTreeSet::from([job.src.clone()]));
    let mut last = fingerprint(&files);
    let mut warned = BTreeSet::new();
    build_once(job, rep, &kept, &mut warned);

    let (tx, rx) = channel();
    let mut folders = Folders::new(tx, rep)?;
    folders.follow(&files, rep);
    rep.note(&format!("watching `{}` and {} it uses; Ctrl-C to stop", job.src.display(), count(files.len() - 1, "file")));
    loop {
        next_change(&rx, rep)?;
        let now = fingerprint(&files);
        if now == last {
            continue;
        }
        // The source may name other files now: watch what it names after
        // this change. While it cannot be read as a brochure, keep the old
        // list, so that the images are still followed once it is fixed.
        if let Ok(text) = read(&job.src) {
            if let Some(new) = watched_files(&job.src, &text) {
                files = new;
                folders.follow(&files, rep);
            }
        }
        last = fingerprint(&files);
        // UTC: the library's chrono has no time-zone database, and the
        // time only has to tell one rebuild from the next.
        let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
        rep.note(&format!("[{} UTC] a change: building again", now.format("%H:%M:%S")));
        build_once(job, rep, &kept, &mut warned);
    }
}

/// One build in the watch loop: every problem is printed, none stops the
/// loop; a warning already printed by the build before is not printed again
/// (`warned`).
fn build_once(job: &Job, rep: &Reporter, kept: &str, warned: &mut BTreeSet<String>) {
    if let Err(e) = super::build_seen(job, rep, kept, Some(warned)) {
        rep.error(&format!("{e:#}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "\
title: T
cover:
  image: images/cover.jpg
items:
  - title: A
    image: {src: lead.png, caption: C}
    body:
      - text with ![an image](images/inline.png)
      - image: images/../images/figure.jpg
      - image: {src: images/cover.jpg, width: full}
      - quote: Q
  - title: B
    body: more
theme:
  fonts:
    body: {regular: fonts/Body.ttf, italic: fonts/Body-Italic.ttf}
    heading: Noto Sans
";

    #[test]
    fn every_image_and_font_file_is_watched_once() {
        let files = watched_files(Path::new("news/brochure.yaml"), SRC).unwrap();
        let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "news/brochure.yaml",
                "news/fonts/Body-Italic.ttf",
                "news/fonts/Body.ttf",
                "news/images/../images/figure.jpg",
                "news/images/cover.jpg",
                "news/images/inline.png",
                "news/lead.png",
            ]
        );
    }

    #[test]
    fn a_source_in_the_current_folder_watches_relative_to_it() {
        let files = watched_files(Path::new("b.yaml"), "title: T\nitems:\n  - title: A\n    image: a.jpg\n    body: x\n").unwrap();
        assert_eq!(files, BTreeSet::from([PathBuf::from("b.yaml"), PathBuf::from("./a.jpg")]));
    }

    #[test]
    fn a_source_with_errors_still_names_its_files() {
        // An unknown field and a missing body: the images are still known.
        let src = "title: T\ncolour: red\nitems:\n  - title: A\n    image: a.jpg\n";
        let files = watched_files(Path::new("d/b.yaml"), src).unwrap();
        assert!(files.contains(Path::new("d/a.jpg")), "{files:?}");
    }

    #[test]
    fn a_source_that_is_not_yaml_names_nothing() {
        assert_eq!(watched_files(Path::new("b.yaml"), "title: \"open\nitems: [\n"), None);
        assert_eq!(watched_files(Path::new("b.yaml"), "- a list\n"), None);
    }

    #[test]
    fn folders_are_those_that_exist() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        let files = BTreeSet::from([
            dir.path().join("b.yaml"),
            dir.path().join("images/a.jpg"),
            dir.path().join("images/./b.jpg"),
            dir.path().join("later/deeper/c.jpg"),
        ]);
        let root = normalize(&std::path::absolute(dir.path()).unwrap());
        assert_eq!(folders(&files), BTreeSet::from([root.clone(), root.join("images")]));
    }

    #[test]
    fn paths_are_normalized_without_the_file_system() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("../x/./y")), PathBuf::from("../x/y"));
    }

    #[test]
    fn reading_is_not_a_change() {
        use notify::event::{CreateKind, ModifyKind};
        assert!(!may_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!may_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(may_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(may_change(&EventKind::Create(CreateKind::File)));
        assert!(may_change(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn a_fingerprint_changes_with_the_contents_only() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.yaml");
        let files = BTreeSet::from([f.clone()]);
        let missing = fingerprint(&files);
        assert_eq!(missing[&f], None);
        std::fs::write(&f, "one").unwrap();
        let one = fingerprint(&files);
        assert_ne!(one, missing);
        std::fs::write(&f, "one").unwrap();
        assert_eq!(fingerprint(&files), one, "writing the same bytes again is no change");
        std::fs::write(&f, "two").unwrap();
        assert_ne!(fingerprint(&files), one);
    }
}
