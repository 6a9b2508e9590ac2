//! What a program that depends on brochure by path gets: the vendored krilla
//! (so the same PDF bytes as this repository's binary), and without the
//! `cli` feature none of the command's crates. Resolved with `cargo tree`,
//! offline, on a crate made in a temporary folder; building it and comparing
//! its PDF with `brochure build`'s is the manual check in vendor/README.md.

use std::path::Path;
use std::process::Command;

/// The normal dependencies of a crate outside the repository that depends on
/// brochure by path with `features`, one `name vVERSION (source)` a line.
fn dependent_tree(default_features: bool) -> Vec<String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"dependent\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\nbrochure = {{ path = {:?}, default-features = {default_features} }}\n\n[workspace]\n",
        repo.display().to_string()
    );
    std::fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.path().join("src/main.rs"), "fn main() {}\n").unwrap();
    // The repository's lock file: the versions it is tested with, and no
    // need of the network.
    std::fs::copy(repo.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    let o = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-e", "normal", "--prefix", "none"])
        .current_dir(dir.path())
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap();
    assert!(o.status.success(), "cargo tree failed:\n{}", String::from_utf8_lossy(&o.stderr));
    let mut lines: Vec<String> = String::from_utf8(o.stdout).unwrap().lines().map(|l| l.trim_end_matches(" (*)").to_string()).collect();
    lines.sort();
    lines.dedup();
    lines
}

fn names(tree: &[String]) -> Vec<&str> {
    tree.iter().filter_map(|l| l.split(' ').next()).collect()
}

#[test]
fn a_dependent_gets_the_vendored_krilla_and_no_cli_crates() {
    let tree = dependent_tree(false);
    let vendored = Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/krilla");
    let krilla: Vec<&String> = tree.iter().filter(|l| l.starts_with("krilla ")).collect();
    assert_eq!(krilla, [&format!("krilla v0.8.2 ({})", vendored.display())], "{tree:#?}");
    let names = names(&tree);
    for cli in ["clap", "notify", "ctrlc", "anyhow", "libc"] {
        assert!(!names.contains(&cli), "`{cli}` is in a library user's tree:\n{tree:#?}");
    }
    assert!(names.contains(&"rustybuzz") && names.contains(&"brochure"), "{tree:#?}");
}

#[test]
fn with_default_features_a_dependent_gets_the_command_too() {
    let tree = dependent_tree(true);
    let names = names(&tree);
    for cli in ["clap", "notify", "ctrlc", "anyhow"] {
        assert!(names.contains(&cli), "`{cli}` is missing with the `cli` feature:\n{tree:#?}");
    }
}
