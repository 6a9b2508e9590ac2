//! Reading a YAML source into the model: [`parse`], its limits, and the
//! messages for YAML that does not load (syntax, tabs, quotes, unknown
//! field names and the words authors use for them).

use marked_yaml::{LoaderOptions, Node};

use super::Brochure;
use crate::diag::{Diagnostic, Span, did_you_mean};

mod fields;
mod parts;
#[cfg(test)]
mod tests;

use fields::Reader;

/// Deepest nesting the format ever needs; deeper input is refused early.
const MAX_DEPTH: usize = 16;

/// Reads a brochure source. Returns the model whenever the file is a YAML
/// mapping, with the parts that have errors left out, and every problem found;
/// a caller that sees an error in the list must not build from the model, but
/// may check it further (as [`crate::compile_str`] does) to report the
/// problems of later stages in the same run.
///
/// ```
/// let src = "title: Hello\nitems:\n  - title: News\n    body: Some text.\n";
/// let (model, diags) = brochure::model::parse(src);
/// assert!(diags.is_empty());
/// assert_eq!(model.unwrap().items[0].title.value, "News");
/// ```
pub fn parse(source: &str) -> (Option<Brochure>, Vec<Diagnostic>) {
    let mut r = Reader { diags: Vec::new() };
    if let Some(d) = not_text(source) {
        r.diags.push(d);
        return (None, r.diags);
    }
    let root = match parts::load(source).map_or_else(|| marked_yaml::parse_yaml_with_options(0, source, loader_options()), Ok) {
        Ok(root) => root,
        Err(e) => {
            r.diags.push(load_error(e, source));
            return (None, r.diags);
        }
    };
    if depth(&root) > MAX_DEPTH {
        r.diags.push(
            Diagnostic::error(span_of(&root), "", format!("the file nests deeper than {MAX_DEPTH} levels"))
                .with_hint("a brochure needs only a few levels: title, items, body, blocks"),
        );
        return (None, r.diags);
    }
    let b = r.brochure(&root);
    // The YAML tree is a node per value (a 1,000-item source: tens of
    // thousands); freeing them took a twentieth of the time before layout
    // starts. Another thread frees it while the brochure is built.
    crate::free_beside(root);
    // YAML reads some tabs (at the start of the file) without complaint,
    // and the fields then land where the author did not put them.
    if r.diags.iter().any(Diagnostic::is_error) {
        if let Some(span) = tab_indent(source, usize::MAX) {
            r.diags.push(tab_error(span));
        }
    }
    (b, r.diags)
}

/// How the source is loaded: duplicate keys are errors, values stay text.
fn loader_options() -> LoaderOptions {
    LoaderOptions::default().error_on_duplicate_keys(true).prevent_coercion(true).toplevel_mapping()
}

fn tab_error(span: Span) -> Diagnostic {
    Diagnostic::error(Some(span), "", "a tab in the indentation (YAML indents with spaces only)")
        .with_hint("use spaces to indent: replace the tab with spaces, as many as the lines above use")
}

/// The first character YAML does not allow in a file (control characters
/// but tab and line ends, DEL, C1 controls but NEL, U+FFFE and U+FFFF): a
/// file with one is not text, and the YAML reader would stop at a NUL
/// without saying so.
fn not_text(source: &str) -> Option<Diagnostic> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{85}') || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}');
    let (at, c) = source.char_indices().find(|&(_, c)| !allowed(c))?;
    let before = &source[..at];
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let span = Span {
        line: u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX),
        col: u32::try_from(before[line_start..].chars().count() + 1).unwrap_or(u32::MAX),
        len: 1,
    };
    Some(
        Diagnostic::error(Some(span), "", format!("the file is not text (it has the control character U+{:04X})", u32::from(c)))
            .with_hint("a brochure source is YAML text: check that this is the right file, or remove the character"),
    )
}

fn depth(node: &Node) -> usize {
    match node {
        Node::Scalar(_) => 1,
        Node::Sequence(s) => 1 + s.iter().map(depth).max().unwrap_or(0),
        Node::Mapping(m) => 1 + m.values().map(depth).max().unwrap_or(0),
    }
}

/// The opening quote of the string that runs on to `line` (1-based): the
/// nearest line at or above it with an odd number of `"`.
fn unclosed_quote(source: &str, line: usize) -> Option<Span> {
    let lines: Vec<&str> = source.lines().collect();
    for l in (0..line.min(lines.len())).rev() {
        let quotes: Vec<usize> = lines[l].char_indices().filter(|(i, c)| *c == '"' && !lines[l][..*i].ends_with('\\')).map(|(i, _)| i).collect();
        if quotes.len() % 2 == 1 {
            let col = lines[l][..quotes[quotes.len() - 1]].chars().count() + 1;
            return Some(Span { line: l as u32 + 1, col: col as u32, len: 1 });
        }
    }
    None
}

/// The first tab in the indentation of a line up to `last` (1-based): the
/// YAML reader reports it at the end of the line before.
fn tab_indent(source: &str, last: usize) -> Option<Span> {
    source.lines().take(last).enumerate().find_map(|(i, line)| {
        let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let col = lead.find('\t')?;
        Some(Span { line: i as u32 + 1, col: col as u32 + 1, len: 1 })
    })
}

/// A double-quoted value with a `"` inside (`title: "The "best" day"`): the
/// inner quote ends the text, and YAML then trips over the rest.
fn nested_quotes(source: &str, line: usize) -> Option<Diagnostic> {
    let text = source.lines().nth(line.checked_sub(1)?)?;
    let (key, value) = text.split_once(": ")?;
    let value = value.trim();
    let quotes = value.matches('"').count();
    if !value.starts_with('"') || quotes < 3 {
        return None;
    }
    let inner = &value[1..value.rfind('"').filter(|&e| e > 0).unwrap_or(value.len())];
    let col = text.len() - text.trim_start().len() + key.trim_start().chars().count() + 3;
    let key = key.trim_start().trim_start_matches("- ");
    Some(
        Diagnostic::error(
            Some(Span { line: line as u32, col: col as u32, len: value.chars().count() as u32 }),
            "",
            "a `\"` inside a quoted text ends it early",
        )
        .with_hint(format!("put the text in single quotes: `{key}: '{inner}'`"))
        .with_hint("or use typographic quotes inside it: “best”"),
    )
}

/// A `: ` in a plain value (`body: The meeting: results`): YAML reads it as
/// a field inside the value.
fn colon_in_text(source: &str, m: &marked_yaml::Marker) -> Option<Diagnostic> {
    let text = source.lines().nth(m.line().checked_sub(1)?)?;
    let trimmed = text.trim_start();
    let (key, _) = trimmed.trim_start_matches("- ").split_once(':')?;
    Some(
        Diagnostic::error(Some(Span { line: m.line() as u32, col: m.column() as u32, len: 1 }), "", "a `: ` inside a text (YAML reads it as a new field)")
            .with_hint(format!("write `{key}: >-` and the text on the next line, indented further: a `>-` text may hold `: ` (as `brochure new` shows)"))
            .with_hint(format!("or put the whole text in quotes: `{key}: \"…\"`")),
    )
}

fn load_error(e: marked_yaml::LoadError, source: &str) -> Diagnostic {
    use marked_yaml::LoadError as E;
    let at = |m: &marked_yaml::Marker| Some(Span { line: m.line() as u32, col: m.column() as u32, len: 1 });
    match e {
        E::TopLevelMustBeMapping(m) | E::TopLevelMustBeSequence(m) => {
            Diagnostic::error(at(&m), "", "the file is not a brochure (expected fields such as `title:` and `items:`)")
                .with_hint("start the file with `title: …` on its own line")
        }
        E::UnexpectedAnchor(m) => {
            Diagnostic::error(at(&m), "", "anchors and aliases (`&name`, `*name`) are not supported").with_hint("write the value out in full where it is used")
        }
        E::MappingKeyMustBeScalar(m) => Diagnostic::error(at(&m), "", "a field name must be plain text").with_hint("write `name: value`"),
        E::UnexpectedTag(m) => Diagnostic::error(at(&m), "", "YAML tags (`!tag`) are not supported").with_hint("remove the `!…` before the value"),
        E::ScanError(m, err) => {
            let info = err.info();
            if info.contains("tab") {
                if let Some(span) = tab_indent(source, m.line() + 1) {
                    return tab_error(span);
                }
            }
            if let Some(d) = nested_quotes(source, m.line()) {
                return d;
            }
            if info.contains("mapping values are not allowed") {
                if let Some(d) = colon_in_text(source, &m) {
                    return d;
                }
            }
            if info.contains("quoted scalar") {
                if let Some(span) = unclosed_quote(source, m.line()) {
                    return Diagnostic::error(Some(span), "", "this quote is never closed")
                        .with_hint("end the text with `\"` on the same line, or use `|` for text on several lines");
                }
            }
            let (what, hint) = if info.contains("quoted scalar") {
                ("a quoted text is not closed".to_string(), "close the quote: a text that starts with `\"` must end with `\"`")
            } else if info.contains("mapping values are not allowed") {
                ("a `: ` inside a value".to_string(), "put the value in quotes: `title: \"Rabat: the meeting\"`")
            } else if info.contains("recursion limit") {
                ("the file nests too deeply (recursion limit exceeded)".to_string(), "a brochure needs only a few levels: title, items, body, blocks")
            } else {
                (
                    format!("the YAML cannot be read ({info})"),
                    "check the indentation and that quotes and brackets are closed; a value containing `: ` needs quotes",
                )
            };
            Diagnostic::error(at(&m), "", what).with_hint(hint)
        }
        E::DuplicateKey(inner) => {
            let first = inner.prev_key.span().start().map(|m| m.line()).unwrap_or(0);
            let key = inner.key.as_str();
            let span = inner.key.span().start().map(|m| Span { line: m.line() as u32, col: m.column() as u32, len: key.chars().count().max(1) as u32 });
            Diagnostic::error(span, "", format!("the field `{key}` is written twice"))
                .with_hint(format!("it was first written on line {first}; keep one of them"))
        }
    }
}

fn span_of(node: &Node) -> Option<Span> {
    // A mapping's own span starts at its first value; its first key is
    // where the author sees it begin.
    if let Node::Mapping(map) = node {
        if let Some(key) = map.keys().next() {
            let m = key.span().start()?;
            return Some(Span { line: m.line() as u32, col: m.column() as u32, len: key.as_str().chars().count().max(1) as u32 });
        }
    }
    let m = node.span().start()?;
    let len = match node {
        Node::Scalar(s) if !s.as_str().contains('\n') => s.as_str().chars().count().max(1),
        _ => 1,
    };
    Some(Span { line: m.line() as u32, col: m.column() as u32, len: len as u32 })
}

fn key_span(map: &marked_yaml::types::MarkedMappingNode, name: &str) -> Option<Span> {
    let key = map.keys().find(|k| k.as_str() == name)?;
    let m = key.span().start()?;
    Some(Span { line: m.line() as u32, col: m.column() as u32, len: name.chars().count() as u32 })
}

/// Whether a node is YAML's null: `null`, `~` or no value at all, unquoted.
/// Scripts write it for "no image", "no summary": it means "not given".
fn is_null(node: &Node) -> bool {
    node.as_scalar().is_some_and(|s| s.may_coerce() && matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
}

/// Field names people use for ours (from other tools, CMS exports, habit),
/// each with the names it may stand for; the first one allowed where it is
/// written is suggested.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("photo", &["image"]),
    ("picture", &["image"]),
    ("img", &["image"]),
    ("pic", &["image"]),
    ("images", &["image"]),
    ("photos", &["image"]),
    ("figure", &["image"]),
    ("text", &["body", "quote"]),
    ("content", &["body"]),
    ("contents", &["body"]),
    ("paragraphs", &["body"]),
    ("article", &["body"]),
    ("author", &["by"]),
    ("speaker", &["by"]),
    ("source", &["src", "by"]),
    ("attribution", &["by"]),
    ("heading", &["title"]),
    ("headline", &["title", "heading"]),
    ("title", &["heading"]),
    ("subheading", &["heading"]),
    ("link", &["url", "links"]),
    ("href", &["url"]),
    ("address", &["url"]),
    ("website", &["url"]),
    ("label", &["text"]),
    ("file", &["src"]),
    ("path", &["src"]),
    ("url", &["src"]),
    ("alt_text", &["alt"]),
    ("alttext", &["alt"]),
    ("lead", &["summary"]),
    ("standfirst", &["summary"]),
    ("teaser", &["summary"]),
    ("abstract", &["summary"]),
    ("excerpt", &["summary"]),
    ("intro", &["summary"]),
    ("place", &["location"]),
    ("city", &["location"]),
    ("where", &["location"]),
    ("lang", &["language"]),
    ("locale", &["language"]),
    ("tag", &["tags"]),
    ("keywords", &["tags"]),
    ("categories", &["tags"]),
    ("copyright", &["credit"]),
    ("credits", &["credit"]),
    ("photographer", &["credit"]),
    ("news", &["items"]),
    ("articles", &["items"]),
    ("stories", &["items"]),
    ("posts", &["items"]),
    ("entries", &["items"]),
    ("quotation", &["quote"]),
    ("bullets", &["list"]),
    ("sidebar", &["box"]),
    ("aside", &["box"]),
    ("panel", &["box"]),
    ("colours", &["colors"]),
    ("color", &["colors"]),
    ("colour", &["colors"]),
    ("font", &["fonts"]),
    ("summary", &["intro"]),
];

/// The field that an unknown `name` most likely stands for: a slip of the
/// keyboard (`bdy`) or another word for it (`photo`).
fn suggestion<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    did_you_mean(name, allowed).or_else(|| {
        let lower = name.to_lowercase();
        let targets = SYNONYMS.iter().find(|(s, _)| *s == lower)?.1;
        targets.iter().find_map(|t| allowed.iter().copied().find(|a| a == t))
    })
}

fn describe(node: &Node) -> &'static str {
    match node {
        Node::Scalar(_) => "text",
        Node::Sequence(_) => "a list",
        Node::Mapping(_) => "a set of fields",
    }
}
