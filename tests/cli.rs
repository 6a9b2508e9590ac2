//! The `brochure` command, run as a user would, in a temporary folder:
//! exit codes, what it prints, and that it writes nothing on error.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = "\
title: Spring news
date: 2021-03-15
items:
  - title: We moved
    date: 2021-03-01
    body:
      - Our office is now *downtown*, next to the station.
      - quote: It is bright and quiet.
        by: The director
  - title: Two new colleagues
    body: Anna and Ben joined the team in February.
";

/// A source with an unknown field in its first item.
const BAD: &str = "\
title: Spring news
items:
  - title: We moved
    colour: blue
    body: Our office is now downtown.
";

fn brochure(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brochure")).args(args).current_dir(dir).env_remove("SOURCE_DATE_EPOCH").output().expect("the binary runs")
}

fn with_epoch(dir: &Path, epoch: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brochure")).args(args).current_dir(dir).env("SOURCE_DATE_EPOCH", epoch).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file in `dir` (recursively) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("the output is a PDF").get_pages().len()
}

#[test]
fn build_writes_the_pdf_and_says_so_in_one_line() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    let o = brochure(dir.path(), &["build", "news.yaml", "-o", "out.pdf"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "a clean source prints no diagnostics");
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    let pdf = std::fs::read(dir.path().join("out.pdf")).expect("out.pdf was written");
    assert!(pdf.starts_with(b"%PDF-"));
    let pages = page_count(&pdf);
    // "1 pages" is what it says today; the number is what matters.
    let head = format!("wrote out.pdf: {pages} page");
    assert!(out.starts_with(&head) && out.contains(", 2 items, "), "expected `{head}…, 2 items, …`, got {out}");
    assert!(out.trim_end().ends_with(" s"), "{out}");
    // Nothing else was left in the folder (no temporary files).
    let names: Vec<String> = snapshot(dir.path()).into_keys().collect();
    assert_eq!(names, ["news.yaml", "out.pdf"]);
}

#[test]
fn default_output_is_the_source_with_pdf() {
    let dir = folder_with(&[("issues/spring.yaml", GOOD)]);
    let o = brochure(dir.path(), &["build", "issues/spring.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = snapshot(dir.path()).into_keys().collect();
    assert_eq!(names, ["issues/spring.pdf", "issues/spring.yaml"]);
    assert!(stdout(&o).starts_with("wrote issues/spring.pdf: "), "{}", stdout(&o));
}

#[test]
fn a_bad_source_exits_1_reports_the_place_and_writes_nothing() {
    let dir = folder_with(&[("news.yaml", BAD)]);
    let before = snapshot(dir.path());
    let o = brochure(dir.path(), &["build", "news.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("news.yaml:4:5: error: items[0].colour: unknown field `colour`"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(stdout(&o), "");
    assert_eq!(snapshot(dir.path()), before, "a failed build changed the folder");
}

#[test]
fn an_impossible_date_exits_1_and_writes_nothing() {
    let src = GOOD.replace("2021-03-01", "2021-02-30");
    let dir = folder_with(&[("news.yaml", &src)]);
    let before = snapshot(dir.path());
    let o = brochure(dir.path(), &["build", "news.yaml", "-o", "news.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("news.yaml:5:11: error: items[0].date: impossible date `2021-02-30`"), "{}", stderr(&o));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_failed_build_leaves_an_existing_output_as_it_was() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    assert_eq!(brochure(dir.path(), &["build", "news.yaml"]).status.code(), Some(0));
    assert!(dir.path().join("news.pdf").exists());
    std::fs::write(dir.path().join("news.yaml"), BAD).unwrap();
    let before = snapshot(dir.path());
    let o = brochure(dir.path(), &["build", "news.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(snapshot(dir.path()), before, "the old PDF was touched or a file was left behind");
}

#[test]
fn check_reports_and_writes_nothing() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    let before = snapshot(dir.path());
    let o = brochure(dir.path(), &["check", "news.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("news.yaml: no errors ("), "{}", stdout(&o));
    assert!(stdout(&o).contains("2 items"), "{}", stdout(&o));
    assert_eq!(snapshot(dir.path()), before);

    std::fs::write(dir.path().join("news.yaml"), BAD).unwrap();
    let before = snapshot(dir.path());
    let o = brochure(dir.path(), &["check", "news.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("news.yaml:4:5: error:"), "{}", stderr(&o));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_missing_source_exits_2() {
    let dir = folder_with(&[]);
    let o = brochure(dir.path(), &["build", "nowhere.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere.yaml"), "the message names the file: {}", stderr(&o));
    assert!(snapshot(dir.path()).is_empty());
    assert_eq!(brochure(dir.path(), &["check", "nowhere.yaml"]).status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    for args in [&[][..], &["frobnicate"], &["build"], &["build", "news.yaml", "--colour"], &["check", "a.yaml", "b.yaml"]] {
        let o = brochure(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "brochure {args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("Usage"), "brochure {args:?} should show the usage: {}", stderr(&o));
    }
    // Asking for help is not an error.
    assert_eq!(brochure(dir.path(), &["--help"]).status.code(), Some(0));
    assert_eq!(snapshot(dir.path()).len(), 1, "a usage error wrote something");
}

#[test]
fn an_unwritable_output_exits_2_and_leaves_nothing() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    let o = brochure(dir.path(), &["build", "news.yaml", "-o", "no/such/folder/out.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/folder"), "{}", stderr(&o));
    assert_eq!(snapshot(dir.path()).len(), 1);
}

#[test]
fn the_output_never_overwrites_the_source() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    let before = snapshot(dir.path());
    let o = brochure(dir.path(), &["build", "news.yaml", "-o", "./news.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("overwrite"), "{}", stderr(&o));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn source_date_epoch_sets_the_creation_date_and_nothing_else_varies() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    let build = |epoch: &str, out: &str| {
        let o = with_epoch(dir.path(), epoch, &["build", "news.yaml", "-o", out]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read(dir.path().join(out)).unwrap()
    };
    let a = build("0", "a.pdf");
    let b = build("86400", "b.pdf");
    let a2 = build("0", "a2.pdf");
    assert_ne!(a, b, "SOURCE_DATE_EPOCH did not change the output");
    assert!(a == a2, "two runs with the same SOURCE_DATE_EPOCH differ");
    let created = |pdf: &[u8]| {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let info = doc.trailer.get(b"Info").and_then(|r| doc.get_dictionary(r.as_reference()?)).unwrap();
        lopdf::decode_text_string(info.get(b"CreationDate").unwrap()).unwrap()
    };
    assert!(created(&a).starts_with("D:19700101000000"), "{}", created(&a));
    assert!(created(&b).starts_with("D:19700102000000"), "{}", created(&b));
    // Without it, the brochure's own date is used: no clock.
    let o = brochure(dir.path(), &["build", "news.yaml", "-o", "c.pdf"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(created(&std::fs::read(dir.path().join("c.pdf")).unwrap()).starts_with("D:20210315000000"));
}

#[test]
fn a_bad_source_date_epoch_exits_2() {
    let dir = folder_with(&[("news.yaml", GOOD)]);
    let o = with_epoch(dir.path(), "yesterday", &["build", "news.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&o));
    assert_eq!(snapshot(dir.path()).len(), 1);
}

#[test]
fn warnings_are_printed_but_do_not_fail_the_build() {
    let long = "x".repeat(200);
    let src = format!("title: Spring news\nitems:\n  - title: We moved\n    body: See {long} for details.\n");
    let dir = folder_with(&[("news.yaml", &src)]);
    let o = brochure(dir.path(), &["build", "news.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: items[0].body[0]:") || stderr(&o).contains(": warning: "), "{}", stderr(&o));
    assert!(dir.path().join("news.pdf").exists());
}

#[cfg(unix)]
#[test]
fn the_pdf_gets_the_usual_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with(&[("news.yaml", GOOD)]);
    assert_eq!(brochure(dir.path(), &["build", "news.yaml"]).status.code(), Some(0));
    // A file created the ordinary way gets 0666 less the umask.
    std::fs::write(dir.path().join("plain"), b"").unwrap();
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(format!("{:o}", mode("news.pdf")), format!("{:o}", mode("plain")));
}

#[test]
fn files_outside_the_folder_need_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("news")).unwrap();
    image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 60])).save(dir.path().join("shared.png")).unwrap();
    std::fs::write(dir.path().join("news/b.yaml"), "title: T\nitems:\n  - title: A\n    image: ../shared.png\n    body: Text.\n").unwrap();
    let refused = brochure(dir.path(), &["build", "news/b.yaml"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("news/b.yaml:4:12: error: items[0].image.src: image `../shared.png` is outside the brochure's folder"),
        "{}",
        stderr(&refused)
    );
    // The command names its own flag; the library's hint says `Options::root`.
    assert!(stderr(&refused).contains("  = hint: images and fonts are read only from the brochure's folder and the folders below it: move the file there, or widen the folder with `--root`\n"), "{}", stderr(&refused));
    assert!(!stderr(&refused).contains("Options::"), "{}", stderr(&refused));
    assert!(!dir.path().join("news/b.pdf").exists());
    let allowed = brochure(dir.path(), &["build", "news/b.yaml", "--root", "."]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));
    assert!(dir.path().join("news/b.pdf").exists());
}

#[test]
fn standard_flag_makes_a_missing_alt_text_an_error_and_writes_nothing() {
    let dir = folder_with(&[("b.yaml", "title: T\ndate: 2021-03-01\nitems:\n  - title: One\n    image: pic.jpg\n    body: Words.\n")]);
    let photo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eu-unodc/images/tunisia-airport.jpg");
    std::fs::copy(photo, dir.path().join("pic.jpg")).unwrap();
    // By default: built, with a warning, and the summary says which standards it meets.
    let o = brochure(dir.path(), &["build", "b.yaml", "-o", "b.pdf"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("b.yaml:5:12: warning: items[0].image: image `pic.jpg` has no text alternative"), "{}", stderr(&o));
    assert!(stdout(&o).contains("PDF/A-2b") && !stdout(&o).contains("PDF/UA-1"), "{}", stdout(&o));
    std::fs::remove_file(dir.path().join("b.pdf")).unwrap();
    let before = snapshot(dir.path());
    let o = brochure(dir.path(), &["build", "b.yaml", "-o", "b.pdf", "--standard", "ua1,a2a"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("b.yaml:5:12: error: items[0].image: image `pic.jpg` has no text alternative"), "{}", stderr(&o));
    assert!(stderr(&o).contains("hint: add `alt:`"), "{}", stderr(&o));
    assert_eq!(snapshot(dir.path()), before, "nothing written");
    let o = brochure(dir.path(), &["build", "b.yaml", "--standard", "ua2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown standard `ua2`"), "{}", stderr(&o));
}

/// A PNG header claiming `w` × `h` pixels, and nothing else.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(w.to_be_bytes());
    png.extend(h.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]); // depth, colour type, …, a CRC
    png
}

/// Each kind of bad input: exit 1, the problem at its line and column,
/// within a second (release build), and the folder as it was.
#[test]
fn every_kind_of_bad_input_exits_1_at_once_located_and_writes_nothing() {
    let item = "title: T\nitems:\n  - title: A\n";
    let font = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSans-Regular.ttf")).unwrap();
    let mut oversized = b"# a comment line\n".repeat(64 * 1024 * 1024 / 17 + 1);
    oversized.extend_from_slice(item.as_bytes());
    // What it is, its files (the source first), the start of a line of the report.
    type Case<'a> = (&'a str, Vec<(&'a str, Vec<u8>)>, &'a str);
    let cases: Vec<Case> = vec![
        ("syntax", vec![("news.yaml", b"title: [T\nitems:\n".to_vec())], "news.yaml:2:6: error: the YAML cannot be read"),
        ("type", vec![("news.yaml", format!("{item}    body: x\ntheme:\n  columns: [2]\n").into())], "news.yaml:6:12: error: theme.columns: expected text, found a list"),
        ("unknown field", vec![("news.yaml", format!("{item}    bdy: x\n").into())], "news.yaml:4:5: error: items[0].bdy: unknown field `bdy`"),
        ("impossible date", vec![("news.yaml", format!("{item}    date: 2023-02-29\n    body: x\n").into())], "news.yaml:4:11: error: items[0].date: impossible date `2023-02-29`"),
        ("missing image", vec![("news.yaml", format!("{item}    image: a.png\n    body: x\n").into())], "news.yaml:4:12: error: items[0].image.src: failed to load image `a.png` (file not found)"),
        (
            "corrupt image",
            vec![("news.yaml", format!("{item}    image: a.jpg\n    body: x\n").into()), ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec())],
            "news.yaml:4:12: error: items[0].image.src: failed to load image `a.jpg` (the file is damaged or cut short)",
        ),
        (
            "oversized image",
            vec![("news.yaml", format!("{item}    image: a.png\n    body: x\n").into()), ("a.png", png_header(20_000, 20_000))],
            "news.yaml:4:12: error: items[0].image.src: image `a.png` is too large (20000 × 20000 pixels",
        ),
        (
            "alias bomb",
            vec![("news.yaml", format!("{item}    body: x\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n").into())],
            "news.yaml:5:7: error: anchors and aliases",
        ),
        ("binary garbage", vec![("news.yaml", font[..3000].to_vec())], "news.yaml:1:32: error: the file is not UTF-8 text"),
        ("a NUL in text", vec![("news.yaml", format!("{item}    body: x\0y\n").into())], "news.yaml:4:12: error: the file is not text (it has the control character U+0000)"),
        ("oversized source", vec![("news.yaml", oversized)], "news.yaml:3947581:5: error: the file is too large (more than 64 MB)"),
        (
            "path outside the root",
            vec![("news/news.yaml", format!("{item}    image: ../a.png\n    body: x\n").into()), ("a.png", png_header(10, 10))],
            "news/news.yaml:4:12: error: items[0].image.src: image `../a.png` is outside the brochure's folder",
        ),
        (
            "not a font",
            vec![("news.yaml", format!("{item}    body: x\ntheme:\n  fonts:\n    body: {{regular: a.ttf}}\n").into()), ("a.ttf", b"hello".to_vec())],
            "news.yaml:7:21: error: theme.fonts.body.regular: failed to load font `a.ttf`",
        ),
        (
            "font cut short",
            vec![("news.yaml", format!("{item}    body: x\ntheme:\n  fonts:\n    body: {{regular: a.ttf}}\n").into()), ("a.ttf", font[..font.len() / 2].to_vec())],
            "news.yaml:7:21: error: theme.fonts.body.regular: failed to load font `a.ttf` (the file is damaged or cut short)",
        ),
    ];
    // A guard against a hang (an oversized source read to the end), not a
    // speed figure: those are the benchmark's. A second was too tight for a
    // machine busy with other builds.
    let limit = std::time::Duration::from_secs(30);
    for (what, files, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let src = files[0].0;
        let before = snapshot(dir.path());
        let started = std::time::Instant::now();
        let o = brochure(dir.path(), &["build", src]);
        let took = started.elapsed();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(err.lines().any(|l| l.starts_with(expected)), "{what}: expected `{expected}…`, got\n{err}");
        assert!(err.contains("nothing was written"), "{what}: {err}");
        // Shown source lines never carry control characters to the terminal.
        assert!(!err.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{what}: control characters in\n{err:?}");
        assert!(took < limit, "{what}: took {took:?}");
        assert_eq!(stdout(&o), "", "{what}");
        assert!(snapshot(dir.path()) == before, "{what}: the folder changed");
    }
}

/// `docs/cli.md` is the reference the README points to: every subcommand
/// and every option that `--help` lists has its place in it.
#[test]
fn the_reference_names_every_subcommand_and_option() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/cli.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let top = stdout(&brochure(dir.path(), &["--help"]));
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 5, "{top}");
    for c in commands {
        assert!(doc.contains(&format!("### `brochure {c}")), "docs/cli.md has no section for `brochure {c}`");
        let help = stdout(&brochure(dir.path(), &[c, "--help"]));
        let flags = help.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-')).filter(|w| w.starts_with("--") && w.len() > 2 && *w != "--help");
        for flag in flags {
            assert!(doc.contains(&format!("`{flag}")) || doc.contains(&format!(", {flag}")), "docs/cli.md does not explain `brochure {c} {flag}`");
        }
    }
}

#[test]
fn messages_quote_their_own_lines_wherever_they_are_in_the_file() {
    // The command reads again only the lines up to the last one a message
    // points at: each message still quotes its own line, the first and the
    // last of them alike, in a build that succeeds and in one that fails.
    let src = "\
title: Spring news
items:
  - title: We moved
    qr: https://example.org/first
    body: Our office is now downtown.
  - title: Two new colleagues
    body: Anna and Ben joined the team in February.
  - title: A third item
    qr: https://example.org/last
    body: The last words of the file.
";
    let dir = folder_with(&[("news.yaml", src)]);
    let out = brochure(dir.path(), &["build", "news.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("news.yaml:4:9: warning: items[0].qr") && err.contains("4 |     qr: https://example.org/first"), "{err}");
    assert!(err.contains("news.yaml:9:9: warning: items[2].qr") && err.contains("9 |     qr: https://example.org/last"), "{err}");

    let bad = src.replace("    body: The last words", "    colour: blue\n    body: The last words");
    std::fs::write(dir.path().join("news.yaml"), bad).unwrap();
    let out = brochure(dir.path(), &["build", "news.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("10 |     colour: blue"), "{err}");
}
