//! The JSON Schema of the format (`docs/brochure.schema.json`, printed by
//! `brochure schema`) against the program: the samples validate, mistakes
//! are rejected by both, edge cases the program accepts validate, and the
//! schema names exactly the fields the model reads.

use std::collections::BTreeSet;
use std::path::Path;

use marked_yaml::Node;
use serde_json::{Map, Value, json};

const SCHEMA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/brochure.schema.json");

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(SCHEMA_FILE).unwrap()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// YAML as an editor's language server reads it (YAML 1.2 core schema):
/// plain `true`/`false` are booleans, plain numbers are numbers, an empty
/// plain value is null, and everything else (quoted or not) is a string.
fn to_json(node: &Node) -> Value {
    match node {
        Node::Mapping(m) => Value::Object(m.iter().map(|(k, v)| (k.as_str().to_string(), to_json(v))).collect::<Map<_, _>>()),
        Node::Sequence(s) => Value::Array(s.iter().map(to_json).collect()),
        Node::Scalar(s) => {
            let t = s.as_str();
            if !s.may_coerce() {
                return json!(t);
            }
            if matches!(t, "" | "~" | "null" | "Null" | "NULL") {
                return Value::Null;
            }
            if let Some(b) = s.as_bool() {
                return json!(b);
            }
            let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
            let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
            if digits(unsigned) {
                if let Ok(i) = t.parse::<i64>() {
                    return json!(i);
                }
            }
            let mantissa = unsigned.split(['e', 'E']).next().unwrap_or("");
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let exponent_ok = match unsigned.split_once(['e', 'E']) {
                Some((_, e)) => digits(e.strip_prefix(['-', '+']).unwrap_or(e)),
                None => true,
            };
            let float = (digits(int) || (int.is_empty() && digits(frac))) && (frac.is_empty() || digits(frac)) && exponent_ok;
            if float {
                if let Some(n) = t.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                    return Value::Number(n);
                }
            }
            json!(t)
        }
    }
}

fn yaml(text: &str) -> Value {
    // Without coercion, a scalar says whether it was quoted.
    let options = marked_yaml::LoaderOptions::default().prevent_coercion(true);
    to_json(&marked_yaml::parse_yaml_with_options(0, text, options).expect("the test source is YAML"))
}

/// The schema's complaints about a source, one line each.
fn schema_errors(text: &str) -> Vec<String> {
    let v = validator();
    let instance = yaml(text);
    v.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// A folder with an image and a font, for sources that name them.
fn assets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let img = image::RgbImage::from_pixel(400, 300, image::Rgb([40, 90, 160]));
    img.save(dir.path().join("a.png")).unwrap();
    let font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoSans-Regular.ttf")).unwrap();
    std::fs::write(dir.path().join("f.ttf"), font).unwrap();
    dir
}

/// The program's errors about a source (none when it builds).
fn program_errors(text: &str, base: &Path) -> Vec<String> {
    match brochure::compile_str(text, base, &brochure::Options::default()) {
        Ok(_) => Vec::new(),
        Err(brochure::Error::Source(d)) => d.iter().filter(|d| d.is_error()).map(|d| d.headline("src.yaml")).collect(),
        Err(e) => vec![e.to_string()],
    }
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let s = schema();
    jsonschema::meta::validate(&s).expect("the schema follows its meta-schema");
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn the_samples_validate() {
    for sample in ["data/eu-unodc/brochure.yaml", "data/showcase/brochure.yaml", "data/arabic/brochure.yaml", "data/chinese/brochure.yaml"] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(sample)).unwrap();
        let errors = schema_errors(&text);
        assert!(errors.is_empty(), "{sample}:\n{}", errors.join("\n"));
    }
}

#[test]
fn a_new_project_validates_and_carries_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("news");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_brochure")).arg("new").arg(&project).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(project.join("brochure.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=brochure.schema.json\n"), "{text}");
    let errors = schema_errors(&text);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(std::fs::read_to_string(project.join("brochure.schema.json")).unwrap(), std::fs::read_to_string(SCHEMA_FILE).unwrap());
}

#[test]
fn brochure_schema_prints_the_file() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_brochure")).arg("schema").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), std::fs::read_to_string(SCHEMA_FILE).unwrap());
}

const ITEMS: &str = "items:\n  - title: A\n    body: Some text.\n";

/// Sources that are right though they look unusual: the program builds
/// them, and the schema must not complain.
#[test]
fn what_the_program_accepts_validates() {
    let dir = assets();
    let cases: Vec<(&str, String)> = vec![
        ("the least", format!("title: T\n{ITEMS}")),
        ("empty optional fields", format!("title: T\nsubtitle:\npublisher: ~\ndate:\nlanguage:\nintro:\nclosing:\n{ITEMS}")),
        ("numbers as text", "title: 2021\nitems:\n  - title: 42\n    location: 7\n    body: 1984\n    tags: [2021, true, x]\n".into()),
        ("every block", "title: T\nitems:\n  - title: A\n    body:\n      - p\n      - quote: q\n      - quote: q\n        by: b\n      - heading: h\n      - image: a.png\n      - image: {src: a.png, width: full, alt: \"\"}\n      - list: [x, '**y**']\n      - box: {title: t, body: x}\n      - box:\n          title: t\n          tone: accent\n          body:\n            - p\n            - list: [x]\n".into()),
        ("image forms", "title: T\ncover: {image: a.png}\nitems:\n  - title: A\n    image:\n      src: a.png\n      credit: c\n      caption: d\n      alt:\n      width: column\n    body: x\n    links: []\n    tags: []\n".into()),
        ("links", "title: T\nitems:\n  - title: A\n    body: x\n    links:\n      - {text: t, url: 'https://example.org'}\n      - {text: t, url: 'mailto:a@example.org'}\n".into()),
        ("languages", "title: T\nlanguage: de-CH\nitems:\n  - title: A\n    language: fr\n    body: x\n".into()),
        (
            "every theme key",
            format!(
                "title: T\n{ITEMS}theme:\n  page: {{width: 170mm, height: 24cm}}\n  margins: 0.5in\n  columns: 4\n  gutter: 4mm\n  base_size: 10pt\n  fonts:\n    body:\n      regular: f.ttf\n      bold: f.ttf\n      italic:\n      bold_italic: f.ttf\n    heading: Noto Serif\n  colors:\n    text: '#000000'\n    accent: '#ABCDEF'\n    muted:\n  date_format: '%e %B %Y'\n  order: oldest-first\n  toc: false\n  item_start: new-page\n  header: '{{title}} · {{date}}'\n  footer: ''\n  bleed: 3mm\n  crop_marks: true\n  keep_lines: 5\n  image_dpi: 150\n  max_figure_height: 35%\n  pages: 8\n  page_multiple: 4\n  digits: persian\n  labels: {{contents: Inhalt, image_credit: Foto, more_information: Mehr}}\n"
            ),
        ),
        ("margins by side", format!("title: T\n{ITEMS}theme:\n  page: Letter\n  margins:\n    top: 1cm\n    inside:\n  footer:\n  columns:\n  keep_lines: 1\n")),
        (
            "nulls for what a script leaves out",
            "title: T\nsubtitle: null\ncover: ~\nintro:\nitems:\n  - title: A\n    date: null\n    location: ~\n    language:\n    image: null\n    summary: ~\n    links: null\n    tags: [x, ~]\n    body:\n      - x\n      - image: {src: a.png, alt: null, caption: ~, credit:, width: null}\n  - title: B\n    image:\n    tags:\n    body: y\nclosing: ~\ntheme:\n  page: null\n  margins: ~\n  fonts: {body: null, heading: ~}\n  colors: null\n".into(),
        ),
        ("an unclosed brace in a footer is text", format!("title: T\n{ITEMS}theme:\n  footer: 'page {{page}} of {{'\n")),
    ];
    for (name, src) in cases {
        assert_eq!(program_errors(&src, dir.path()), Vec::<String>::new(), "the program refuses `{name}`:\n{src}");
        let errors = schema_errors(&src);
        assert!(errors.is_empty(), "the schema refuses `{name}`:\n{src}\n{}", errors.join("\n"));
    }
}

/// Mistakes: the program reports them, and so must the schema, so that an
/// editor marks them as they are typed.
#[test]
fn mistakes_are_rejected() {
    let dir = assets();
    let theme = |t: &str| format!("title: T\n{ITEMS}theme:\n  {t}\n");
    let item = |fields: &str| format!("title: T\nitems:\n  - title: A\n{fields}");
    let cases: Vec<(&str, String)> = vec![
        ("no title", ITEMS.into()),
        ("an empty title", format!("title: ''\n{ITEMS}")),
        ("a title left empty", format!("title:\n{ITEMS}")),
        ("a null title", format!("title: null\n{ITEMS}")),
        ("a null item title", item("    title: ~\n    body: x\n").replace("  - title: A\n    title: ~", "  - title: ~")),
        ("a null body", item("    body: null\n")),
        ("a null link address", item("    body: x\n    links:\n      - {text: t, url: null}\n")),
        ("no items", "title: T\n".into()),
        ("no item at all", "title: T\nitems: []\n".into()),
        ("an unknown field", format!("title: T\ncolour: red\n{ITEMS}")),
        ("an unknown item field", item("    bdy: x\n    body: x\n")),
        ("an item without body", item("    date: 2021-01-01\n")),
        ("an empty body", item("    body: []\n")),
        ("a date that is not YYYY-MM-DD", item("    date: 1.3.2021\n    body: x\n")),
        ("a bad language tag", format!("title: T\nlanguage: english!\n{ITEMS}")),
        ("a block of two kinds", item("    body:\n      - quote: q\n        heading: h\n")),
        ("`by` without a quote", item("    body:\n      - heading: h\n        by: b\n")),
        ("`by` alone", item("    body:\n      - by: b\n")),
        ("an unknown block", item("    body:\n      - table: t\n")),
        ("an empty list", item("    body:\n      - list: []\n")),
        ("a box of an unknown tone", item("    body:\n      - box: {title: t, body: x, tone: loud}\n")),
        ("a box with an empty body", item("    body:\n      - box: {title: t, body: []}\n")),
        ("a box without title", item("    body:\n      - box: {body: x}\n")),
        ("a box in a box", item("    body:\n      - box: {title: t, body: [{box: {title: u, body: x}}]}\n")),
        ("a list in a list", item("    body:\n      - [a, b]\n")),
        ("an image without src", item("    image: {caption: c}\n    body: x\n")),
        ("an image of half width", item("    image: {src: a.png, width: half}\n    body: x\n")),
        ("an unknown image field", item("    image: {src: a.png, title: t}\n    body: x\n")),
        ("a cover that is text", format!("title: T\ncover: a.png\n{ITEMS}")),
        ("a link without url", item("    body: x\n    links:\n      - text: t\n")),
        ("a link that is not an address", item("    body: x\n    links:\n      - {text: t, url: www.example.org}\n")),
        ("tags as text", item("    body: x\n    tags: a, b\n")),
        ("an unknown theme key", theme("colour: red")),
        ("an unknown page size", theme("page: A6")),
        ("a page without height", theme("page: {width: 100mm}")),
        ("a length without unit", theme("gutter: 5")),
        ("a length in pixels", theme("gutter: 5px")),
        ("margins in em", theme("margins: 2em")),
        ("an unknown margin", theme("margins: {left: 1cm}")),
        ("five columns", theme("columns: 5")),
        ("no column", theme("columns: 0")),
        ("columns as a word", theme("columns: two")),
        ("keep_lines 0", theme("keep_lines: 0")),
        ("keep_lines 6", theme("keep_lines: 6")),
        ("a colour by name", theme("colors: {accent: blue}")),
        ("a colour without #", theme("colors: {accent: '005c97'}")),
        ("an unknown colour", theme("colors: {background: '#ffffff'}")),
        ("an unknown family", theme("fonts: {body: Comic Sans}")),
        ("font files without regular", theme("fonts: {body: {bold: f.ttf}}")),
        ("an unknown font role", theme("fonts: {caption: Noto Sans}")),
        ("an unknown order", theme("order: newest")),
        ("an unknown item start", theme("item_start: new-line")),
        ("toc as a word", theme("toc: sometimes")),
        ("crop marks as a word", theme("crop_marks: maybe")),
        ("an unknown placeholder", theme("footer: 'page {page} of {total}'")),
        ("a resolution too low", theme("image_dpi: 50")),
        ("a figure height as a word", theme("max_figure_height: tall")),
        ("a figure height of 5 %", theme("max_figure_height: 5%")),
        ("no pages", theme("pages: 0")),
        ("a page multiple as a word", theme("page_multiple: four")),
        ("a theme that is text", format!("title: T\n{ITEMS}theme: dark\n")),
    ];
    for (name, src) in cases {
        assert!(!program_errors(&src, dir.path()).is_empty(), "the program accepts `{name}`:\n{src}");
        assert!(!schema_errors(&src).is_empty(), "the schema accepts `{name}`:\n{src}");
    }
}

/// A subschema with its `$ref`s (inside the document) followed.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    while let Some(r) = node.get("$ref").and_then(Value::as_str) {
        node = root.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("dangling `{r}`"));
    }
    node
}

/// The field names a subschema allows, over all its `oneOf` branches.
fn fields(root: &Value, node: &Value) -> BTreeSet<String> {
    let node = resolve(root, node);
    let mut out: BTreeSet<String> = node.get("properties").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
    for branch in node.get("oneOf").and_then(Value::as_array).into_iter().flatten() {
        out.extend(fields(root, branch));
    }
    out
}

/// What the model allows at a place, as its "allowed here" hint says when it
/// meets an unknown field there.
fn allowed(src: &str, path: &str) -> BTreeSet<String> {
    let (_, diags) = brochure::model::parse(src);
    let d =
        diags.iter().find(|d| d.path == path && d.message == "unknown field `zzz`").unwrap_or_else(|| panic!("no unknown-field error at `{path}`: {diags:#?}"));
    let hint = d.hints.iter().find_map(|h| h.strip_prefix("allowed here: ")).expect("an `allowed here` hint");
    hint.split(", ").map(str::to_string).collect()
}

#[test]
fn the_schema_names_exactly_the_fields_the_model_reads() {
    let s = schema();
    let item = "items:\n  - title: A\n    body: x\n";
    let theme = |t: &str| format!("title: T\n{item}theme:\n  {t}\n");
    let places: Vec<(String, &str, &str)> = vec![
        (format!("zzz: 1\ntitle: T\n{item}"), "zzz", ""),
        (format!("title: T\ncover: {{image: a.png, zzz: 1}}\n{item}"), "cover.zzz", "/properties/cover"),
        (format!("title: T\n{item}    zzz: 1\n"), "items[0].zzz", "/properties/items/items"),
        (format!("title: T\n{item}    image: {{src: a.png, zzz: 1}}\n"), "items[0].image.zzz", "/$defs/image"),
        ("title: T\nitems:\n  - title: A\n    body:\n      - {quote: q, zzz: 1}\n".into(), "items[0].body[0].zzz", "/$defs/block"),
        ("title: T\nitems:\n  - title: A\n    body:\n      - box: {title: t, body: x, zzz: 1}\n".into(), "items[0].body[0].box.zzz", "/$defs/box"),
        (format!("title: T\n{item}    links:\n      - {{text: t, url: u, zzz: 1}}\n"), "items[0].links[0].zzz", "/$defs/link"),
        (
            "title: T\nitems:\n  - title: A\n    body:\n      - gallery: {images: [a.png, b.png], zzz: 1}\n".into(),
            "items[0].body[0].gallery.zzz",
            "/$defs/block/oneOf/4/properties/gallery/oneOf/1",
        ),
        (theme("zzz: 1"), "theme.zzz", "/properties/theme"),
        (theme("page: {width: 1mm, height: 1mm, zzz: 1}"), "theme.page.zzz", "/$defs/theme/properties/page"),
        (theme("margins: {top: 1mm, zzz: 1}"), "theme.margins.zzz", "/$defs/theme/properties/margins"),
        (theme("fonts: {zzz: 1}"), "theme.fonts.zzz", "/$defs/theme/properties/fonts"),
        (theme("fonts: {body: {regular: f.ttf, zzz: 1}}"), "theme.fonts.body.zzz", "/$defs/font"),
        (theme("colors: {zzz: 1}"), "theme.colors.zzz", "/$defs/theme/properties/colors"),
        (theme("labels: {zzz: 1}"), "theme.labels.zzz", "/$defs/theme/properties/labels"),
    ];
    let mut lists = Vec::new();
    for (src, path, pointer) in &places {
        let model = allowed(src, path);
        let schema = fields(&s, s.pointer(pointer).unwrap_or_else(|| panic!("no `{pointer}` in the schema")));
        assert_eq!(schema, model, "at `{path}` (schema `{pointer}`)");
        lists.push(model);
    }
    // The other way round: every object of the schema is one of those
    // places, and none lets unknown fields through.
    fn objects<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
        match v {
            Value::Object(m) => {
                if m.contains_key("properties") || m.get("type") == Some(&json!("object")) {
                    out.push(v);
                }
                m.values().for_each(|c| objects(c, out));
            }
            Value::Array(a) => a.iter().for_each(|c| objects(c, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    objects(&s, &mut all);
    assert!(all.len() >= 15, "{}", all.len());
    for o in all {
        assert_eq!(o.get("additionalProperties"), Some(&json!(false)), "an object that lets unknown fields through: {o}");
        let names: BTreeSet<String> = o["properties"].as_object().unwrap().keys().cloned().collect();
        assert!(lists.iter().any(|l| names.is_subset(l)), "fields the model does not read: {names:?}");
    }
}
