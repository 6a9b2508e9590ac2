//! The README and docs/ link nothing outside the repository: a newcomer who
//! clones it can follow every link.

use std::path::{Path, PathBuf};

/// The targets of the Markdown links `[text](target)` in `text`, outside
/// code blocks and code spans (examples there are not links).
fn link_targets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // Every other piece between backticks is code.
        for (n, piece) in line.split('`').enumerate() {
            if n % 2 == 1 {
                continue;
            }
            let mut rest = piece;
            while let Some(i) = rest.find("](") {
                rest = &rest[i + 2..];
                if let Some(end) = rest.find(')') {
                    out.push(rest[..end].to_string());
                }
            }
        }
    }
    out
}

fn docs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md"), root.join("vendor/README.md")];
    let mut in_docs: Vec<PathBuf> =
        std::fs::read_dir(root.join("docs")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    in_docs.sort();
    files.extend(in_docs);
    files
}

#[test]
fn every_relative_link_is_a_file_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().unwrap();
    let files = docs();
    assert!(files.iter().any(|f| f.ends_with("docs/performance.md")), "{files:?}");
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for target in link_targets(&text) {
            if target.starts_with("http://") || target.starts_with("https://") || target.starts_with('#') {
                continue;
            }
            let path = target.split('#').next().unwrap();
            let resolved = file.parent().unwrap().join(path);
            let resolved = resolved.canonicalize().unwrap_or_else(|_| panic!("{}: link `{target}` names no file", file.display()));
            assert!(resolved.starts_with(&root), "{}: link `{target}` leads outside the repository", file.display());
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} links checked");
}

#[test]
fn no_doc_names_the_shared_folder_beside_the_repository() {
    for file in docs() {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("../shared"), "{} names `../shared`, outside the repository", file.display());
    }
}

#[test]
fn the_readme_opens_with_the_two_commands_of_a_fresh_machine() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().take(6).collect();
    assert_eq!(lines[0], "# brochure");
    assert_eq!(lines[2], "```sh");
    assert!(lines[3].starts_with("cargo run --release -- build data/eu-unodc/brochure.yaml "), "{lines:?}");
    assert!(lines[4].starts_with("cargo test --release "), "{lines:?}");
}
