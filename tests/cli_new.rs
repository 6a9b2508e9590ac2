//! `brochure new DIR`: a project that builds at once, without a warning, and
//! never lands on top of someone's files.

use std::path::Path;
use std::process::{Command, Output};

fn brochure(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brochure")).args(args).current_dir(dir).env_remove("SOURCE_DATE_EPOCH").output().expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_new_project_builds_with_the_library_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let o = brochure(dir.path(), &["new", "spring"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("brochure build spring/brochure.yaml"), "{}", text(&o.stdout));
    let project = dir.path().join("spring");
    let source = std::fs::read(project.join("brochure.yaml")).unwrap();
    let out = brochure::compile_bytes(&source, &project, &brochure::Options::default()).expect("the new project builds");
    let src = String::from_utf8_lossy(&source);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.render("brochure.yaml", &src)).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n\n"));
    assert_eq!(out.items, 3);
    assert!(out.pdf.starts_with(b"%PDF-"));
}

#[test]
fn a_new_project_has_its_images_schema_and_readme() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("a/b");
    assert_eq!(brochure(dir.path(), &["new", "a/b"]).status.code(), Some(0));
    let mut images: Vec<String> = std::fs::read_dir(project.join("images")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    images.sort();
    assert_eq!(images, ["dawn.jpg", "emblem.png", "shelves.jpg"]);
    for name in &images {
        let bytes = std::fs::read(project.join("images").join(name)).unwrap();
        let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(img.width() >= 500 && img.height() >= 500, "{name} is {}x{}", img.width(), img.height());
        assert!(bytes.len() < 400_000, "{name} is {} bytes", bytes.len());
    }
    let readme = std::fs::read_to_string(project.join("README.md")).unwrap();
    assert!(readme.contains("    brochure build brochure.yaml\n"), "{readme}");
    let yaml = std::fs::read_to_string(project.join("brochure.yaml")).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema=brochure.schema.json"));
    assert!(project.join("brochure.schema.json").is_file());

    // Built the way its README says, from inside the folder.
    let o = brochure(&project, &["build", "brochure.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "", "no warnings");
    assert!(project.join("brochure.pdf").is_file());
}

#[test]
fn every_feature_of_the_format_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(brochure(dir.path(), &["new", "p"]).status.code(), Some(0));
    let yaml = std::fs::read_to_string(dir.path().join("p/brochure.yaml")).unwrap();
    let fields = [
        "title:",
        "subtitle:",
        "publisher:",
        "date:",
        "language:",
        "intro:",
        "cover:",
        "items:",
        "closing:",
        "theme:",
        "location:",
        "image:",
        "src:",
        "credit:",
        "caption:",
        "alt:",
        "width: full",
        "float:",
        "width: 30%",
        "summary:",
        "body:",
        "quote:",
        "by:",
        "heading:",
        "list:",
        "links:",
        "text:",
        "url:",
        "tags:",
        "page:",
        "margins:",
        "columns:",
        "gutter:",
        "base_size:",
        "fonts:",
        "colors:",
        "date_format:",
        "order:",
        "toc:",
        "item_start:",
        "header:",
        "footer:",
        "bleed:",
        "crop_marks:",
        "keep_lines:",
        "image_dpi:",
        "digits:",
        "labels:",
        "max_figure_height:",
        "page_multiple:",
        "box:",
        "tone:",
        "gallery:",
        "images:",
        "focus:",
        "style: pull",
    ];
    for f in fields {
        assert!(yaml.lines().any(|l| !l.trim_start().starts_with('#') && l.contains(f)), "`{f}` is not used");
    }
}

#[test]
fn a_folder_that_is_not_empty_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("mine")).unwrap();
    std::fs::write(dir.path().join("mine/brochure.yaml"), "my own work").unwrap();
    let o = brochure(dir.path(), &["new", "mine"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("`mine` is not empty"), "{}", text(&o.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("mine/brochure.yaml")).unwrap(), "my own work");
    assert_eq!(std::fs::read_dir(dir.path().join("mine")).unwrap().count(), 1);

    std::fs::write(dir.path().join("file"), "x").unwrap();
    assert_eq!(brochure(dir.path(), &["new", "file"]).status.code(), Some(2));
    assert_eq!(brochure(dir.path(), &["new"]).status.code(), Some(2), "the folder is required");
}

#[test]
fn an_empty_folder_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let o = brochure(dir.path(), &["new", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(dir.path().join("brochure.yaml").is_file());
}
