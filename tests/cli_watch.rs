//! `brochure watch`, run as a person would: it builds, builds again when the
//! source or an image changes, and keeps the last good PDF when the source
//! has errors.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const SOURCE: &str = "title: Spring news\nitems:\n  - title: We moved\n    image: a.png\n    body: Our office is now downtown.\n";

/// The watcher, stopped when the test ends, however it ends.
struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_brochure"))
            .args(args)
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let (tx, lines) = channel();
        let out = BufReader::new(child.stdout.take().unwrap());
        let err = BufReader::new(child.stderr.take().unwrap());
        let tx2 = tx.clone();
        std::thread::spawn(move || out.lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
        std::thread::spawn(move || err.lines().map_while(Result::ok).for_each(|l| drop(tx2.send(l))));
        Watching { child, lines }
    }

    /// Waits for a line that passes `want`; returns it with the lines before it.
    fn wait_for(&self, what: &str, want: impl Fn(&str) -> bool) -> Vec<String> {
        self.wait_until(what, |seen| seen.last().is_some_and(|l| want(l)))
    }

    /// Waits until the lines printed so far (stdout and stderr, each in
    /// order, the two interleaved as they come) pass `done`.
    fn wait_until(&self, what: &str, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    seen.push(line);
                    if done(&seen) {
                        return seen;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no {what} within 30 s; the watcher said:\n{}", seen.join("\n"));
    }
}

fn png(dir: &Path, rgb: [u8; 3]) {
    image::RgbImage::from_pixel(600, 400, image::Rgb(rgb)).save(dir.join("a.png")).unwrap();
}

#[test]
fn watch_rebuilds_on_changes_and_keeps_the_last_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("news.yaml"), SOURCE).unwrap();
    png(dir.path(), [200, 40, 40]);
    let w = Watching::start(dir.path(), &["watch", "news.yaml", "-o", "out.pdf"]);
    // The first build and the note that watching has begun come on two
    // streams, in either order.
    let start = w.wait_until("the first build", |seen| {
        seen.iter().any(|l| l.starts_with("wrote out.pdf: 1 page, 1 item")) && seen.iter().any(|l| l.starts_with("watching"))
    });
    assert!(start.iter().any(|l| l == "watching `news.yaml` and 1 file it uses; Ctrl-C to stop"), "{start:#?}");
    let first = std::fs::read(dir.path().join("out.pdf")).unwrap();

    // The source changes.
    std::fs::write(dir.path().join("news.yaml"), SOURCE.replace("Spring news", "Summer news")).unwrap();
    w.wait_for("a rebuild after the source changed", |l| l.starts_with("wrote out.pdf"));
    let second = std::fs::read(dir.path().join("out.pdf")).unwrap();
    assert_ne!(first, second);

    // An image it uses changes.
    png(dir.path(), [40, 40, 200]);
    w.wait_for("a rebuild after the image changed", |l| l.starts_with("wrote out.pdf"));
    let third = std::fs::read(dir.path().join("out.pdf")).unwrap();
    assert_ne!(second, third);

    // A mistake: reported, and the PDF stays as it was.
    std::fs::write(dir.path().join("news.yaml"), SOURCE.replace("body:", "bdy:")).unwrap();
    let said = w.wait_for("the errors", |l| l.contains("error") && l.contains("was left as it was"));
    assert!(said.iter().any(|l| l.starts_with("news.yaml:5:5: error: items[0].bdy: unknown field `bdy`")), "{said:#?}");
    assert_eq!(std::fs::read(dir.path().join("out.pdf")).unwrap(), third);

    // Fixed again: built again.
    std::fs::write(dir.path().join("news.yaml"), SOURCE).unwrap();
    w.wait_for("a rebuild after the fix", |l| l.starts_with("wrote out.pdf"));
    // No temporary file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["a.png", "news.yaml", "out.pdf"]);
}

#[test]
fn watch_needs_a_source_it_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_brochure")).args(["watch", "missing.yaml"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read `missing.yaml`"));
}

#[test]
fn watch_prints_a_warning_once_and_each_rebuild_with_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let src = SOURCE.replace("Our office", "Our <span class=\"x\">office</span>");
    std::fs::write(dir.path().join("news.yaml"), &src).unwrap();
    png(dir.path(), [200, 40, 40]);
    let w = Watching::start(dir.path(), &["watch", "news.yaml", "-o", "out.pdf"]);
    let start = w.wait_until("the first build", |seen| seen.iter().any(|l| l.starts_with("wrote out.pdf")) && seen.iter().any(|l| l.starts_with("watching")));
    let warning = "news.yaml:5:15: warning: items[0].body[0]: dropped the HTML tag `<span class=\"x\">` and 1 more like it";
    assert_eq!(start.iter().filter(|l| l.starts_with(warning)).count(), 1, "{start:#?}");
    // The other one: the image has no text alternative.
    assert_eq!(start.iter().filter(|l| l.contains(": warning: ")).count(), 2, "{start:#?}");

    // Another change: the same warning is not printed again, the rebuild
    // says when it happened.
    std::fs::write(dir.path().join("news.yaml"), src.replace("Spring news", "Summer news")).unwrap();
    // The notes come on stderr, the summary on stdout: wait for both, in
    // whichever order the two streams deliver them.
    let note = "2 warnings shown before still apply (not repeated)";
    let again =
        w.wait_until("a rebuild", |seen| seen.iter().any(|l| l.starts_with("wrote out.pdf")) && seen.iter().any(|l| l == note || l.contains("warning:")));
    assert!(!again.iter().any(|l| l.contains("warning:")), "{again:#?}");
    assert!(again.iter().any(|l| l == note), "{again:#?}");
    let stamp = again.iter().find(|l| l.ends_with(" UTC] a change: building again")).unwrap_or_else(|| panic!("{again:#?}"));
    let time = stamp.trim_start_matches('[').split(' ').next().unwrap();
    assert!(time.len() == 8 && time.split(':').all(|p| p.len() == 2 && p.parse::<u8>().is_ok()), "{stamp}");
}
