//! `--diagnostics json` and `--quiet` for `build` and `check`, and colour
//! (never when the output is not a terminal), run as CI would.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Two errors (an unknown field, an impossible date) in a source.
const BAD: &str = "\
title: Spring news
items:
  - title: We moved
    colour: blue
    date: 2021-02-30
    body: Our office is now \"downtown\".
";

/// A source that builds with one warning (a word wider than the column).
fn with_warning() -> String {
    format!("title: Spring news\nitems:\n  - title: We moved\n    body: See {} for details.\n", "x".repeat(200))
}

const GOOD: &str = "title: Spring news\nitems:\n  - title: We moved\n    body: Our office is now downtown.\n";

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_brochure"));
    c.args(args).current_dir(dir).env_remove("SOURCE_DATE_EPOCH").env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// stdout as JSON lines; every line must be one JSON object.
fn json_lines(o: &Output) -> Vec<Value> {
    text(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))).collect()
}

#[test]
fn json_diagnostics_are_one_object_per_line_on_stdout() {
    let dir = folder(&[("news.yaml", BAD)]);
    for cmd in ["build", "check"] {
        let o = run(dir.path(), &[cmd, "news.yaml", "--diagnostics", "json"], &[]);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", text(&o.stderr));
        let lines = json_lines(&o);
        assert_eq!(lines.len(), 2, "{cmd}: {}", text(&o.stdout));
        assert_eq!(
            lines[0],
            serde_json::json!({
                "file": "news.yaml",
                "line": 4,
                "column": 5,
                "path": "items[0].colour",
                "severity": "error",
                "message": "unknown field `colour`",
                "hints": ["allowed here: title, date, location, language, image, summary, body, links, tags, qr, drop_cap"],
            })
        );
        assert_eq!(lines[1]["path"], "items[0].date");
        assert_eq!((lines[1]["line"].as_u64(), lines[1]["column"].as_u64()), (Some(5), Some(11)));
        assert!(lines[1]["message"].as_str().unwrap().starts_with("impossible date `2021-02-30`"));
        // The human summary goes to stderr, so that stdout is JSON only.
        assert_eq!(text(&o.stderr), "news.yaml: 2 errors; nothing was written\n");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing was written");
}

#[test]
fn json_keeps_stdout_clean_on_success() {
    let dir = folder(&[("news.yaml", &with_warning())]);
    let o = run(dir.path(), &["build", "news.yaml", "--diagnostics=json"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["severity"], "warning");
    assert_eq!(lines[0]["file"], "news.yaml");
    assert!(text(&o.stderr).starts_with("wrote news.pdf: 1 page, 1 item, "), "{}", text(&o.stderr));
    assert!(dir.path().join("news.pdf").exists());
}

#[test]
fn quiet_prints_nothing_for_a_good_build_and_hides_warnings() {
    let dir = folder(&[("good.yaml", GOOD), ("warn.yaml", &with_warning())]);
    for args in [&["build", "good.yaml", "-q"][..], &["check", "good.yaml", "--quiet"], &["build", "warn.yaml", "--quiet"]] {
        let o = run(dir.path(), args, &[]);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert_eq!((text(&o.stdout), text(&o.stderr)), (String::new(), String::new()), "{args:?}");
    }
    assert!(dir.path().join("good.pdf").exists() && dir.path().join("warn.pdf").exists());
    let o = run(dir.path(), &["build", "warn.yaml", "--quiet", "--diagnostics", "json"], &[]);
    assert_eq!((text(&o.stdout), text(&o.stderr)), (String::new(), String::new()));
}

#[test]
fn quiet_still_prints_errors() {
    let dir = folder(&[("news.yaml", BAD)]);
    let o = run(dir.path(), &["check", "news.yaml", "-q"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("news.yaml:4:5: error: items[0].colour: unknown field `colour`"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    let o = run(dir.path(), &["check", "news.yaml", "-q", "--diagnostics", "json"], &[]);
    assert_eq!(json_lines(&o).len(), 2);
}

#[test]
fn no_colour_when_the_output_is_not_a_terminal() {
    let dir = folder(&[("news.yaml", BAD)]);
    // Tests capture stderr, so it is never a terminal here; NO_COLOR empty
    // or unset must not force colour either.
    for env in [&[][..], &[("NO_COLOR", "")], &[("NO_COLOR", "1")]] {
        let o = run(dir.path(), &["build", "news.yaml"], env);
        assert_eq!(o.status.code(), Some(1));
        assert!(!o.stderr.contains(&0x1b), "{env:?}: {}", text(&o.stderr));
    }
}

#[test]
fn usage_and_io_errors_keep_exit_code_2() {
    let dir = folder(&[("news.yaml", GOOD)]);
    for args in [
        &["build", "news.yaml", "--diagnostics", "xml"][..],
        &["check", "missing.yaml", "--diagnostics", "json"],
        &["build", "news.yaml", "-o", "news.yaml", "-q"],
    ] {
        let o = run(dir.path(), args, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert_eq!(text(&o.stdout), "", "{args:?}");
    }
    let o = run(dir.path(), &["check", "missing.yaml", "--diagnostics", "json"], &[]);
    assert!(text(&o.stderr).starts_with("error: cannot read `missing.yaml`"), "{}", text(&o.stderr));
}
