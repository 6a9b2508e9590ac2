//! The brochure source as the author wrote it: a mirror of the YAML format
//! (`spec/format.md`, v1), every value with its place in the file.
//!
//! [`parse`] checks the shape of the file (which fields exist, which are
//! required, which kind of value each takes) and reports every problem it
//! finds in one run. It does no I/O and applies no defaults; values whose
//! meaning needs more than their shape (dates, lengths, colours, paths) stay
//! text and are checked by the next stage (`resolve`).

use marked_yaml::{LoaderOptions, Node};

use crate::diag::{Diagnostic, Span, did_you_mean};

/// A value with the place in the source it came from. Values built in code
/// have no place (`span` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Option<Span>,
}

impl<T> Spanned<T> {
    /// A value made in code, with no source location.
    pub fn new(value: T) -> Self {
        Spanned { value, span: None }
    }
}

impl From<&str> for Spanned<String> {
    fn from(s: &str) -> Self {
        Spanned::new(s.to_string())
    }
}

/// A whole brochure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Brochure {
    /// Title (required).
    pub title: Spanned<String>,
    /// Subtitle.
    pub subtitle: Option<Spanned<String>>,
    /// Publisher, shown on the title block and written as the PDF author.
    pub publisher: Option<Spanned<String>>,
    /// Edition date, `YYYY-MM-DD`.
    pub date: Option<Spanned<String>>,
    /// BCP 47 language tag (default `en`).
    pub language: Option<Spanned<String>>,
    /// Introduction, Markdown.
    pub intro: Option<Spanned<String>>,
    /// Cover image.
    pub cover: Option<Image>,
    /// The news items, at least one.
    pub items: Vec<Item>,
    /// Closing text, Markdown.
    pub closing: Option<Spanned<String>>,
    /// Design settings.
    pub theme: Theme,
}

impl Default for Spanned<String> {
    fn default() -> Self {
        Spanned::new(String::new())
    }
}

/// One news item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    /// Title (required).
    pub title: Spanned<String>,
    /// Date, `YYYY-MM-DD`.
    pub date: Option<Spanned<String>>,
    /// Place of the news.
    pub location: Option<Spanned<String>>,
    /// Language of this item when it differs from the brochure's.
    pub language: Option<Spanned<String>>,
    /// Lead image.
    pub image: Option<Image>,
    /// Standfirst, Markdown.
    pub summary: Option<Spanned<String>>,
    /// Body blocks (required, at least one).
    pub body: Vec<Block>,
    /// "More information" links.
    pub links: Vec<Link>,
    /// Tags.
    pub tags: Vec<Spanned<String>>,
    /// Extension: the address of the item's QR code (`theme.qr_codes`),
    /// instead of its first link.
    pub qr: Option<Spanned<String>>,
}

/// A block of an item's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A Markdown paragraph (or several, separated by blank lines).
    Paragraph(Spanned<String>),
    /// A pull quote and its attribution.
    Quote {
        /// The quoted words, Markdown.
        quote: Spanned<String>,
        /// Who said them.
        by: Option<Spanned<String>>,
    },
    /// A sub-heading.
    Heading(Spanned<String>),
    /// A figure.
    Image(Image),
    /// A bulleted list of Markdown entries.
    List(Vec<Spanned<String>>),
}

/// An image with its credit, caption and text alternative.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Image {
    /// Path of a JPEG or PNG file, relative to the source's folder.
    pub src: Spanned<String>,
    /// Credit line, e.g. `© UNODC`.
    pub credit: Option<Spanned<String>>,
    /// Caption under the image.
    pub caption: Option<Spanned<String>>,
    /// Text alternative.
    pub alt: Option<Spanned<String>>,
    /// `column` (default) or `full`.
    pub width: Option<Spanned<String>>,
    /// The image's bytes, when a program has them in memory
    /// ([`Image::from_bytes`]): then no file is read and `src` only names
    /// the image in messages. The YAML reader never sets it.
    pub bytes: Option<ImageBytes>,
}

/// A "More information" link.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    /// The words shown.
    pub text: Spanned<String>,
    /// Where it leads.
    pub url: Spanned<String>,
}

/// The page size as written: a name or a width and height.
#[derive(Debug, Clone, PartialEq)]
pub enum PageSpec {
    /// `A4`, `A5`, `A3`, `Letter` or `Legal`.
    Named(Spanned<String>),
    /// An explicit size.
    Size {
        /// Width, a length.
        width: Spanned<String>,
        /// Height, a length.
        height: Spanned<String>,
    },
}

/// Page margins as written.
#[derive(Debug, Clone, PartialEq)]
pub enum MarginSpec {
    /// One length for all four sides.
    All(Spanned<String>),
    /// Each side; missing sides take the program's default.
    Sides {
        /// Top margin.
        top: Option<Spanned<String>>,
        /// Bottom margin.
        bottom: Option<Spanned<String>>,
        /// Margin on the binding side.
        inside: Option<Spanned<String>>,
        /// Margin on the outer side.
        outside: Option<Spanned<String>>,
    },
}

/// A font choice: a bundled family or four font files.
#[derive(Debug, Clone, PartialEq)]
pub enum FontSpec {
    /// The name of a bundled family, e.g. `Noto Serif`.
    Family(Spanned<String>),
    /// Paths of font files; missing styles fall back to `regular`.
    Files {
        /// Regular (required).
        regular: Spanned<String>,
        /// Bold.
        bold: Option<Spanned<String>>,
        /// Italic.
        italic: Option<Spanned<String>>,
        /// Bold italic.
        bold_italic: Option<Spanned<String>>,
    },
}

/// Design settings as written; every key is optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    /// Page size.
    pub page: Option<PageSpec>,
    /// Margins.
    pub margins: Option<MarginSpec>,
    /// Number of columns, 1–4.
    pub columns: Option<Spanned<String>>,
    /// Space between columns.
    pub gutter: Option<Spanned<String>>,
    /// Body text size.
    pub base_size: Option<Spanned<String>>,
    /// Body font.
    pub body_font: Option<FontSpec>,
    /// Heading font.
    pub heading_font: Option<FontSpec>,
    /// Text colour, `#rrggbb` or `cmyk(c, m, y, k)`.
    pub text_color: Option<Spanned<String>>,
    /// Accent colour, `#rrggbb`.
    pub accent_color: Option<Spanned<String>>,
    /// Muted colour, `#rrggbb`.
    pub muted_color: Option<Spanned<String>>,
    /// chrono strftime format for dates.
    pub date_format: Option<Spanned<String>>,
    /// `as-written`, `newest-first` or `oldest-first`.
    pub order: Option<Spanned<String>>,
    /// Whether to print a table of contents.
    pub toc: Option<Spanned<String>>,
    /// `flow`, `new-column` or `new-page`.
    pub item_start: Option<Spanned<String>>,
    /// Running header template.
    pub header: Option<Spanned<String>>,
    /// Running footer template.
    pub footer: Option<Spanned<String>>,
    /// Print bleed.
    pub bleed: Option<Spanned<String>>,
    /// Whether to draw crop marks.
    pub crop_marks: Option<Spanned<String>>,
    /// Extension: the fewest lines of a paragraph left on either side of a
    /// column break (widows and orphans), 1–5.
    pub keep_lines: Option<Spanned<String>>,
    /// Extension: the resolution images are downsampled to when they have
    /// more (dots per inch, default 300).
    pub image_dpi: Option<Spanned<String>>,
    /// Extension: the contents heading, instead of the language's word.
    pub label_contents: Option<Spanned<String>>,
    /// Extension: the word before a credit ("Image" in "Image © …").
    pub label_image_credit: Option<Spanned<String>>,
    /// Extension: the heading of an item's links.
    pub label_more_information: Option<Spanned<String>>,
    /// Extension: `latin`, `arabic-indic` or `persian` digits for page
    /// numbers, dates and the contents.
    pub digits: Option<Spanned<String>>,
    /// Extension: a CMYK ICC profile for `--standard x4`, instead of the
    /// bundled coated FOGRA39 one.
    pub output_profile: Option<Spanned<String>>,
    /// Extension: whether to print a QR code of each item's first link.
    pub qr_codes: Option<Spanned<String>>,
    /// Extension: the tallest a figure's image is set, a share of the
    /// column's height (`40%`) or a length.
    pub max_figure_height: Option<Spanned<String>>,
    /// Extension: the number of pages the brochure should have.
    pub pages: Option<Spanned<String>>,
    /// Extension: the page count should be a multiple of this (4 for a
    /// saddle-stitched booklet).
    pub page_multiple: Option<Spanned<String>>,
    /// Extension: whether justified Arabic lines stretch by kashida
    /// (default true).
    pub kashida: Option<Spanned<String>>,
}

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
    let options = LoaderOptions::default().error_on_duplicate_keys(true).prevent_coercion(true).toplevel_mapping();
    let root = match marked_yaml::parse_yaml_with_options(0, source, options) {
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
    // YAML reads some tabs (at the start of the file) without complaint,
    // and the fields then land where the author did not put them.
    if r.diags.iter().any(Diagnostic::is_error) {
        if let Some(span) = tab_indent(source, usize::MAX) {
            r.diags.push(tab_error(span));
        }
    }
    (b, r.diags)
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
        Diagnostic::error(Some(Span { line: line as u32, col: col as u32, len: value.chars().count() as u32 }), "", "a `\"` inside a quoted text ends it early")
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
        E::UnexpectedAnchor(m) => Diagnostic::error(at(&m), "", "anchors and aliases (`&name`, `*name`) are not supported")
            .with_hint("write the value out in full where it is used"),
        E::MappingKeyMustBeScalar(m) => Diagnostic::error(at(&m), "", "a field name must be plain text")
            .with_hint("write `name: value`"),
        E::UnexpectedTag(m) => Diagnostic::error(at(&m), "", "YAML tags (`!tag`) are not supported")
            .with_hint("remove the `!…` before the value"),
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
                (format!("the YAML cannot be read ({info})"), "check the indentation and that quotes and brackets are closed; a value containing `: ` needs quotes")
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

/// Walks the YAML tree, collecting diagnostics.
struct Reader {
    diags: Vec<Diagnostic>,
}

/// A mapping whose keys have been checked against the allowed names.
struct Fields<'a> {
    map: &'a marked_yaml::types::MarkedMappingNode,
    path: String,
}

impl<'a> Fields<'a> {
    /// The value of `key`; YAML's null (`null`, `~` or nothing) is "not given".
    fn get(&self, key: &str) -> Option<&'a Node> {
        self.map.get_node(key).filter(|n| !is_null(n))
    }
    /// The value of `key` as written, null included (for the fields where
    /// an empty value has a meaning of its own, as `footer:` for none).
    fn raw(&self, key: &str) -> Option<&'a Node> {
        self.map.get_node(key)
    }
    fn sub(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }
}

impl Reader {
    fn err(&mut self, node: &Node, path: &str, msg: impl Into<String>, hint: &str) {
        let mut d = Diagnostic::error(span_of(node), path, msg);
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    /// Checks that `node` is a mapping with only `allowed` keys and all `required` ones.
    fn fields<'a>(&mut self, node: &'a Node, path: &str, what: &str, allowed: &[&str], required: &[&str]) -> Option<Fields<'a>> {
        let Some(map) = node.as_mapping() else {
            self.err(node, path, format!("expected {what}, found {}", describe(node)), "");
            return None;
        };
        // A required field written under another name is reported once, as
        // the unknown name with its fix, not also as missing.
        let mut meant: Vec<&str> = Vec::new();
        for key in map.keys() {
            let name = key.as_str();
            if !allowed.contains(&name) {
                let span = key.span().start().map(|m| Span {
                    line: m.line() as u32,
                    col: m.column() as u32,
                    len: name.chars().count().max(1) as u32,
                });
                let full = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
                if name.contains(' ') {
                    // `- The agenda: a tour`: a text with `: ` read as a field.
                    let dash = if map.len() == 1 { "- " } else { "" };
                    self.diags.push(
                        Diagnostic::error(span, path, format!("a `: ` inside a text (YAML reads `{name}` as a field name)"))
                            .with_hint(format!("write `{dash}>-` and the text on the next line, indented further: a `>-` text may hold `: ` (as `brochure new` shows)"))
                            .with_hint("or put the whole text in quotes"),
                    );
                    continue;
                }
                let mut d = Diagnostic::error(span, full, format!("unknown field `{name}`"));
                if let Some(s) = suggestion(name, allowed) {
                    d = d.with_hint(format!("did you mean `{s}`?"));
                    meant.push(s);
                }
                d = d.with_hint(format!("allowed here: {}", allowed.join(", ")));
                self.diags.push(d);
            }
        }
        for req in required {
            match map.get_node(req) {
                None if meant.contains(req) => {}
                None => self.err(node, path, format!("missing field `{req}`"), &format!("add `{req}: …` to {what}")),
                Some(n) if is_null(n) => {
                    let full = if path.is_empty() { req.to_string() } else { format!("{path}.{req}") };
                    self.diags.push(
                        Diagnostic::error(key_span(map, req), full, format!("`{req}` is required (it has no value)"))
                            .with_hint(format!("write the {} after `{req}:`", req.replace('_', " "))),
                    );
                }
                Some(_) => {}
            }
        }
        Some(Fields { map, path: path.to_string() })
    }

    /// A text value. Empty text is an error for required fields.
    fn text(&mut self, node: &Node, path: &str) -> Option<Spanned<String>> {
        match node {
            Node::Scalar(s) => Some(Spanned { value: s.as_str().to_string(), span: span_of(node) }),
            _ => {
                self.err(node, path, format!("expected text, found {}", describe(node)), "put the text on the same line after the colon, or use `|` for several lines");
                None
            }
        }
    }

    fn opt_text(&mut self, f: &Fields<'_>, key: &str) -> Option<Spanned<String>> {
        // `key:` with nothing after it means "not given", as in YAML's null.
        let node = f.get(key)?;
        self.text(node, &f.sub(key))
    }

    fn req_text(&mut self, f: &Fields<'_>, key: &str) -> Spanned<String> {
        let Some(node) = f.get(key) else { return Spanned::default() };
        let path = f.sub(key);
        match self.text(node, &path) {
            Some(t) if t.value.trim().is_empty() => {
                self.err(node, &path, format!("`{key}` is empty"), &format!("write the {key} after `{key}:`"));
                t
            }
            Some(t) => t,
            None => Spanned::default(),
        }
    }

    fn brochure(&mut self, root: &Node) -> Option<Brochure> {
        const TOP: &[&str] = &[
            "title", "subtitle", "publisher", "date", "language", "intro", "cover", "items", "closing", "theme",
        ];
        let f = self.fields(root, "", "the brochure", TOP, &["title", "items"])?;
        let mut b = Brochure {
            title: self.req_text(&f, "title"),
            subtitle: self.opt_text(&f, "subtitle"),
            publisher: self.opt_text(&f, "publisher"),
            date: self.opt_text(&f, "date"),
            language: self.opt_text(&f, "language"),
            intro: self.opt_text(&f, "intro"),
            closing: self.opt_text(&f, "closing"),
            ..Brochure::default()
        };
        if let Some(cover) = f.get("cover") {
            if cover.as_scalar().is_some() {
                self.err(cover, "cover", "expected the cover's fields, found text", "write `cover: {image: images/cover.jpg}`");
            } else if let Some(cf) = self.fields(cover, "cover", "the cover", &["image"], &["image"]) {
                b.cover = cf.get("image").and_then(|n| self.image(n, "cover.image"));
            }
        }
        if let Some(items) = f.get("items") {
            match items.as_sequence() {
                Some(seq) if seq.is_empty() => {
                    self.err(items, "items", "the brochure has no items", "add at least one item: `- title: …`")
                }
                Some(seq) => {
                    for (i, node) in seq.iter().enumerate() {
                        if let Some(item) = self.item(node, &format!("items[{i}]")) {
                            b.items.push(item);
                        }
                    }
                }
                None => self.err(items, "items", format!("expected a list of items, found {}", describe(items)), "write each item on a line starting with `- title: …`"),
            }
        }
        if let Some(theme) = f.get("theme") {
            b.theme = self.theme(theme).unwrap_or_default();
        }
        Some(b)
    }

    fn item(&mut self, node: &Node, path: &str) -> Option<Item> {
        const ITEM: &[&str] = &["title", "date", "location", "language", "image", "summary", "body", "links", "tags", "qr"];
        let f = self.fields(node, path, "an item", ITEM, &["title", "body"])?;
        let mut item = Item {
            title: self.req_text(&f, "title"),
            date: self.opt_text(&f, "date"),
            location: self.opt_text(&f, "location"),
            language: self.opt_text(&f, "language"),
            summary: self.opt_text(&f, "summary"),
            qr: self.opt_text(&f, "qr"),
            ..Item::default()
        };
        item.image = f.get("image").and_then(|n| self.image(n, &f.sub("image")));
        if let Some(body) = f.get("body") {
            let bpath = f.sub("body");
            match body {
                Node::Scalar(_) => {
                    if let Some(t) = self.text(body, &bpath) {
                        if t.value.trim().is_empty() {
                            self.err(body, &bpath, "the body is empty", "write the item's text after `body:`");
                        }
                        item.body.push(Block::Paragraph(t));
                    }
                }
                Node::Sequence(seq) => {
                    if seq.is_empty() {
                        self.err(body, &bpath, "the body is empty", "write the item's text after `body:`");
                    }
                    for (i, b) in seq.iter().enumerate() {
                        if let Some(block) = self.block(b, &format!("{bpath}[{i}]")) {
                            item.body.push(block);
                        }
                    }
                }
                Node::Mapping(_) => {
                    self.err(body, &bpath, "expected text or a list of blocks, found a set of fields", "start each block with `- `");
                }
            }
        }
        if let Some(links) = f.get("links") {
            let lpath = f.sub("links");
            if let Some(seq) = self.list(links, &lpath) {
                for (i, l) in seq.iter().enumerate() {
                    let p = format!("{lpath}[{i}]");
                    if let Node::Scalar(s) = l {
                        // A bare address, as pasted from a browser.
                        let text = s.as_str().trim();
                        let url = if text.contains("://") || text.starts_with("mailto:") { text } else { "https://…" };
                        let mut d = Diagnostic::error(span_of(l), p, "expected a link, found text (a link has words to show and an address)");
                        d = d.with_hint(format!("write it in the `{{text, url}}` form: `- {{text: Read more, url: {url}}}`, or `text:` and `url:` on two lines"));
                        self.diags.push(d);
                        continue;
                    }
                    if let Some(lf) = self.fields(l, &p, "a link", &["text", "url"], &["text", "url"]) {
                        item.links.push(Link { text: self.req_text(&lf, "text"), url: self.req_text(&lf, "url") });
                    }
                }
            }
        }
        if let Some(tags) = f.get("tags") {
            let tpath = f.sub("tags");
            if let Some(seq) = self.list(tags, &tpath) {
                for (i, t) in seq.iter().enumerate() {
                    if is_null(t) {
                        continue;
                    }
                    if let Some(t) = self.text(t, &format!("{tpath}[{i}]")) {
                        item.tags.push(t);
                    }
                }
            }
        }
        Some(item)
    }

    fn list<'a>(&mut self, node: &'a Node, path: &str) -> Option<&'a marked_yaml::types::MarkedSequenceNode> {
        let seq = node.as_sequence();
        if seq.is_none() {
            self.err(node, path, format!("expected a list, found {}", describe(node)), "write each entry on its own line starting with `- `");
        }
        seq
    }

    fn block(&mut self, node: &Node, path: &str) -> Option<Block> {
        const KINDS: &[&str] = &["quote", "heading", "image", "list"];
        const KEYS: &[&str] = &["quote", "by", "heading", "image", "list"];
        match node {
            Node::Scalar(_) => {
                let t = self.text(node, path)?;
                if t.value.trim().is_empty() {
                    self.err(node, path, "the paragraph is empty", "write its text, or remove the line");
                    return None;
                }
                Some(Block::Paragraph(t))
            }
            Node::Sequence(_) => {
                self.err(node, path, "expected a paragraph or a block, found a list", "a list block is written `- list: [...]`");
                None
            }
            Node::Mapping(map) => {
                let f = self.fields(node, path, "a block", KEYS, &[])?;
                let kinds: Vec<&str> = KINDS.iter().copied().filter(|k| map.get_node(k).is_some()).collect();
                match kinds.as_slice() {
                    [] => {
                        // Unknown keys were reported already; only say more when there were none.
                        if map.keys().all(|k| KEYS.contains(&k.as_str())) {
                            self.err(node, path, "a block needs one of `quote`, `heading`, `image` or `list`", "a plain paragraph is written as text, without a field name");
                        }
                        None
                    }
                    [kind] if map.get_node(kind).is_some_and(is_null) => {
                        // A script's "no image here": left out, and said so.
                        self.diags.push(
                            Diagnostic::warning(key_span(map, kind), f.sub(kind), format!("the `{kind}` block has no value; it is left out"))
                                .with_hint(format!("write the {kind} after `{kind}:`, or remove the block")),
                        );
                        None
                    }
                    [kind] => {
                        if *kind != "quote" && map.get_node("by").is_some() {
                            self.diags.push(
                                Diagnostic::error(key_span(map, "by"), f.sub("by"), "`by` belongs to a quote")
                                    .with_hint("remove `by`, or make this block a `quote:`"),
                            );
                        }
                        match *kind {
                            "quote" => Some(Block::Quote { quote: self.req_text(&f, "quote"), by: self.opt_text(&f, "by") }),
                            "heading" => Some(Block::Heading(self.req_text(&f, "heading"))),
                            "image" => f.get("image").and_then(|n| self.image(n, &f.sub("image"))).map(Block::Image),
                            _ => {
                                let n = f.get("list")?;
                                let lpath = f.sub("list");
                                let seq = self.list(n, &lpath)?;
                                let entries: Vec<_> = seq.iter().enumerate().filter_map(|(i, e)| self.text(e, &format!("{lpath}[{i}]"))).collect();
                                if entries.is_empty() {
                                    self.err(n, &lpath, "the list is empty", "add entries, each on a line starting with `- `");
                                }
                                Some(Block::List(entries))
                            }
                        }
                    }
                    _ => {
                        let both = kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
                        self.err(node, path, format!("this block is both {both}; a block is one kind only"), "split it into separate blocks, each starting with `- `");
                        None
                    }
                }
            }
        }
    }

    fn image(&mut self, node: &Node, path: &str) -> Option<Image> {
        match node {
            Node::Scalar(_) => {
                let src = self.text(node, path)?;
                if src.value.trim().is_empty() {
                    self.err(node, path, "the image path is empty", "write the path of a JPEG or PNG file");
                    return None;
                }
                Some(Image { src, ..Image::default() })
            }
            _ => {
                let f = self.fields(node, path, "an image", &["src", "credit", "caption", "alt", "width"], &["src"])?;
                Some(Image {
                    src: self.req_text(&f, "src"),
                    credit: self.opt_text(&f, "credit"),
                    caption: self.opt_text(&f, "caption"),
                    alt: f.get("alt").and_then(|n| self.text(n, &f.sub("alt"))),
                    width: self.opt_text(&f, "width"),
                    bytes: None,
                })
            }
        }
    }

    fn theme(&mut self, node: &Node) -> Option<Theme> {
        const THEME: &[&str] = &[
            "page", "margins", "columns", "gutter", "base_size", "fonts", "colors", "date_format", "order", "toc",
            "item_start", "header", "footer", "bleed", "crop_marks", "keep_lines", "image_dpi",
            "labels", "digits", "output_profile", "qr_codes",
            "max_figure_height", "pages", "page_multiple", "kashida",
        ];
        let f = self.fields(node, "theme", "the theme", THEME, &[])?;
        let mut t = Theme {
            columns: self.opt_text(&f, "columns"),
            gutter: self.opt_text(&f, "gutter"),
            base_size: self.opt_text(&f, "base_size"),
            date_format: self.opt_text(&f, "date_format"),
            order: self.opt_text(&f, "order"),
            toc: self.opt_text(&f, "toc"),
            item_start: self.opt_text(&f, "item_start"),
            header: self.opt_text(&f, "header"),
            footer: f.raw("footer").and_then(|n| self.text(n, "theme.footer")),
            bleed: self.opt_text(&f, "bleed"),
            crop_marks: self.opt_text(&f, "crop_marks"),
            keep_lines: self.opt_text(&f, "keep_lines"),
            image_dpi: self.opt_text(&f, "image_dpi"),
            digits: self.opt_text(&f, "digits"),
            output_profile: self.opt_text(&f, "output_profile"),
            qr_codes: self.opt_text(&f, "qr_codes"),
            max_figure_height: self.opt_text(&f, "max_figure_height"),
            pages: self.opt_text(&f, "pages"),
            page_multiple: self.opt_text(&f, "page_multiple"),
            kashida: self.opt_text(&f, "kashida"),
            ..Theme::default()
        };
        if let Some(page) = f.get("page") {
            t.page = match page {
                Node::Mapping(_) => self.fields(page, "theme.page", "a page size", &["width", "height"], &["width", "height"]).map(|pf| PageSpec::Size {
                    width: self.req_text(&pf, "width"),
                    height: self.req_text(&pf, "height"),
                }),
                _ => self.text(page, "theme.page").map(PageSpec::Named),
            };
        }
        if let Some(m) = f.get("margins") {
            t.margins = match m {
                Node::Mapping(_) => self.fields(m, "theme.margins", "margins", &["top", "bottom", "inside", "outside"], &[]).map(|mf| MarginSpec::Sides {
                    top: self.opt_text(&mf, "top"),
                    bottom: self.opt_text(&mf, "bottom"),
                    inside: self.opt_text(&mf, "inside"),
                    outside: self.opt_text(&mf, "outside"),
                }),
                _ => self.text(m, "theme.margins").map(MarginSpec::All),
            };
        }
        if let Some(fonts) = f.get("fonts") {
            if let Some(ff) = self.fields(fonts, "theme.fonts", "fonts", &["body", "heading"], &[]) {
                t.body_font = ff.get("body").and_then(|n| self.font(n, "theme.fonts.body"));
                t.heading_font = ff.get("heading").and_then(|n| self.font(n, "theme.fonts.heading"));
            }
        }
        if let Some(colors) = f.get("colors") {
            if let Some(cf) = self.fields(colors, "theme.colors", "colours", &["text", "accent", "muted"], &[]) {
                t.text_color = self.opt_text(&cf, "text");
                t.accent_color = self.opt_text(&cf, "accent");
                t.muted_color = self.opt_text(&cf, "muted");
            }
        }
        if let Some(labels) = f.get("labels") {
            if let Some(lf) = self.fields(labels, "theme.labels", "labels", &["contents", "image_credit", "more_information"], &[]) {
                t.label_contents = self.opt_text(&lf, "contents");
                t.label_image_credit = self.opt_text(&lf, "image_credit");
                t.label_more_information = self.opt_text(&lf, "more_information");
            }
        }
        Some(t)
    }

    fn font(&mut self, node: &Node, path: &str) -> Option<FontSpec> {
        match node {
            Node::Mapping(_) => {
                let f = self.fields(node, path, "font files", &["regular", "bold", "italic", "bold_italic"], &["regular"])?;
                Some(FontSpec::Files {
                    regular: self.req_text(&f, "regular"),
                    bold: self.opt_text(&f, "bold"),
                    italic: self.opt_text(&f, "italic"),
                    bold_italic: self.opt_text(&f, "bold_italic"),
                })
            }
            _ => self.text(node, path).map(FontSpec::Family),
        }
    }
}

/// The date type of the builders (`Item::date`, `Brochure::date`), so that
/// a program needs no chrono of its own in the same version.
pub use chrono::NaiveDate;

// Building a brochure in code: typed values that write the text the YAML
// reader would have read, so that both ways share one model and one
// `resolve`, and the checks the reader makes ([`Brochure::check`]).

impl From<String> for Spanned<String> {
    fn from(s: String) -> Self {
        Spanned::new(s)
    }
}

impl From<&String> for Spanned<String> {
    fn from(s: &String) -> Self {
        Spanned::new(s.clone())
    }
}

impl From<std::borrow::Cow<'_, str>> for Spanned<String> {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Spanned::new(s.into_owned())
    }
}

/// A date, written `YYYY-MM-DD` as the format has it.
///
/// ```
/// use brochure::model::Spanned;
/// let d: Spanned<String> = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).unwrap().into();
/// assert_eq!(d.value, "2021-03-01");
/// ```
impl From<chrono::NaiveDate> for Spanned<String> {
    fn from(d: chrono::NaiveDate) -> Self {
        Spanned::new(d.format("%Y-%m-%d").to_string())
    }
}

impl From<Length> for Spanned<String> {
    fn from(l: Length) -> Self {
        Spanned::new(l.to_string())
    }
}

impl From<Color> for Spanned<String> {
    fn from(c: Color) -> Self {
        Spanned::new(c.to_string())
    }
}

/// A length in one of the format's units, for the theme's setters.
///
/// Negative or non-finite lengths are refused when the brochure is built,
/// with the field's path.
///
/// ```
/// use brochure::model::Length;
/// assert_eq!(Length::mm(18.0).to_string(), "18mm");
/// assert_eq!(Length::pt(9.5).to_string(), "9.5pt");
/// assert_eq!(Length::inches(0.5).to_string(), "0.5in");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    value: f32,
    unit: &'static str,
}

impl Length {
    /// Points (1/72 inch).
    pub fn pt(value: f32) -> Self {
        Length { value, unit: "pt" }
    }
    /// Millimetres.
    pub fn mm(value: f32) -> Self {
        Length { value, unit: "mm" }
    }
    /// Centimetres.
    pub fn cm(value: f32) -> Self {
        Length { value, unit: "cm" }
    }
    /// Inches.
    pub fn inches(value: f32) -> Self {
        Length { value, unit: "in" }
    }
}

impl std::fmt::Display for Length {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `f32`'s shortest form reads back as the same number.
        write!(f, "{}{}", self.value, self.unit)
    }
}

/// An RGB colour, for the theme's setters.
///
/// ```
/// use brochure::model::Color;
/// assert_eq!(Color::rgb(0x0b, 0x6e, 0x4f).to_string(), "#0b6e4f");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    r: u8,
    g: u8,
    b: u8,
}

impl Color {
    /// Red, green and blue, 0–255 each.
    pub fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b }
    }
}

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// A page size: a named one or a width and height (each 50–2000 mm).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum PageSize {
    /// 297 × 420 mm.
    A3,
    /// 210 × 297 mm (the default).
    A4,
    /// 148 × 210 mm.
    A5,
    /// 8.5 × 11 in.
    Letter,
    /// 8.5 × 14 in.
    Legal,
    /// Any size.
    Custom {
        /// Width.
        width: Length,
        /// Height.
        height: Length,
    },
}

impl From<PageSize> for PageSpec {
    fn from(p: PageSize) -> Self {
        let name = match p {
            PageSize::A3 => "A3",
            PageSize::A4 => "A4",
            PageSize::A5 => "A5",
            PageSize::Letter => "Letter",
            PageSize::Legal => "Legal",
            PageSize::Custom { width, height } => return PageSpec::Size { width: width.into(), height: height.into() },
        };
        PageSpec::Named(name.into())
    }
}

/// The order of the items (`theme.order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Order {
    /// As given (the default).
    AsWritten,
    /// Newest date first.
    NewestFirst,
    /// Oldest date first.
    OldestFirst,
}

/// Where an item starts (`theme.item_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ItemStart {
    /// Right after the one before (the default).
    Flow,
    /// At the top of a column.
    NewColumn,
    /// At the top of a page.
    NewPage,
}

/// The digits of page numbers, dates and the contents (`theme.digits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Digits {
    /// 0123456789 (the default).
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩.
    ArabicIndic,
    /// ۰۱۲۳۴۵۶۷۸۹.
    Persian,
}

impl FontSpec {
    /// A bundled family: `Noto Serif` or `Noto Sans`.
    pub fn family(name: impl Into<Spanned<String>>) -> Self {
        FontSpec::Family(name.into())
    }
    /// A font file (TrueType or OpenType; `file.ttc#2` names a face of a
    /// collection), relative to the base folder, used for every style.
    pub fn file(regular: impl Into<Spanned<String>>) -> Self {
        FontSpec::Files { regular: regular.into(), bold: None, italic: None, bold_italic: None }
    }
}

fn text(s: &str) -> Option<Spanned<String>> {
    Some(Spanned::new(s.to_string()))
}

/// Setters for a theme made in code, each taking a typed value and
/// documenting its range; a value out of range is refused when the
/// brochure is built, with its field path, as in a YAML source.
///
/// ```
/// use brochure::model::{Color, Length, PageSize, Theme};
/// let theme = Theme::default().page(PageSize::A5).columns(1).margins(Length::mm(15.0)).accent_color(Color::rgb(0x0b, 0x6e, 0x4f)).toc(false);
/// assert_eq!(theme.columns.unwrap().value, "1");
/// assert_eq!(theme.accent_color.unwrap().value, "#0b6e4f");
/// ```
impl Theme {
    /// Page size (default A4).
    #[must_use]
    pub fn page(mut self, size: PageSize) -> Self {
        self.page = Some(size.into());
        self
    }
    /// The same margin on all four sides (default: top 20 mm, bottom 22 mm,
    /// inside and outside 18 mm).
    #[must_use]
    pub fn margins(mut self, all: Length) -> Self {
        self.margins = Some(MarginSpec::All(all.into()));
        self
    }
    /// Each margin; inside is the binding side, mirrored on left-hand pages.
    #[must_use]
    pub fn margin_sides(mut self, top: Length, bottom: Length, inside: Length, outside: Length) -> Self {
        self.margins = Some(MarginSpec::Sides { top: Some(top.into()), bottom: Some(bottom.into()), inside: Some(inside.into()), outside: Some(outside.into()) });
        self
    }
    /// Number of columns, 1–4 (default 2).
    #[must_use]
    pub fn columns(mut self, n: u32) -> Self {
        self.columns = text(&n.to_string());
        self
    }
    /// Space between columns (default 6 mm).
    #[must_use]
    pub fn gutter(mut self, gutter: Length) -> Self {
        self.gutter = Some(gutter.into());
        self
    }
    /// Body text size, 4–36 pt (default 9.5 pt).
    #[must_use]
    pub fn base_size(mut self, size: Length) -> Self {
        self.base_size = Some(size.into());
        self
    }
    /// Body font (default `Noto Serif`).
    #[must_use]
    pub fn body_font(mut self, font: FontSpec) -> Self {
        self.body_font = Some(font);
        self
    }
    /// Heading font (default `Noto Sans`).
    #[must_use]
    pub fn heading_font(mut self, font: FontSpec) -> Self {
        self.heading_font = Some(font);
        self
    }
    /// Text colour (default `#1d1d1b`).
    #[must_use]
    pub fn text_color(mut self, c: Color) -> Self {
        self.text_color = Some(c.into());
        self
    }
    /// Accent colour: headings, rules, links (default `#005c97`).
    #[must_use]
    pub fn accent_color(mut self, c: Color) -> Self {
        self.accent_color = Some(c.into());
        self
    }
    /// Muted colour: dates, credits, captions (default `#5f6368`).
    #[must_use]
    pub fn muted_color(mut self, c: Color) -> Self {
        self.muted_color = Some(c.into());
        self
    }
    /// chrono strftime codes for dates (`%e %B %Y`; no times or zones);
    /// by default the language's own form.
    #[must_use]
    pub fn date_format(mut self, format: &str) -> Self {
        self.date_format = text(format);
        self
    }
    /// The order of the items (default as written).
    #[must_use]
    pub fn order(mut self, order: Order) -> Self {
        let s = match order {
            Order::AsWritten => "as-written",
            Order::NewestFirst => "newest-first",
            Order::OldestFirst => "oldest-first",
        };
        self.order = text(s);
        self
    }
    /// Whether to print a contents list (default: with more than 3 items).
    #[must_use]
    pub fn toc(mut self, on: bool) -> Self {
        self.toc = text(if on { "true" } else { "false" });
        self
    }
    /// Where each item starts (default right after the one before).
    #[must_use]
    pub fn item_start(mut self, start: ItemStart) -> Self {
        let s = match start {
            ItemStart::Flow => "flow",
            ItemStart::NewColumn => "new-column",
            ItemStart::NewPage => "new-page",
        };
        self.item_start = text(s);
        self
    }
    /// Running header, with `{title}`, `{page}`, `{pages}`, `{date}`
    /// (default none; `""` for none).
    #[must_use]
    pub fn header(mut self, template: &str) -> Self {
        self.header = text(template);
        self
    }
    /// Running footer, with the same placeholders (default `{page}`; `""`
    /// for none).
    #[must_use]
    pub fn footer(mut self, template: &str) -> Self {
        self.footer = text(template);
        self
    }
    /// Print bleed around the trim box (default none; 3 mm is usual).
    #[must_use]
    pub fn bleed(mut self, bleed: Length) -> Self {
        self.bleed = Some(bleed.into());
        self
    }
    /// Whether to draw crop marks (default no).
    #[must_use]
    pub fn crop_marks(mut self, on: bool) -> Self {
        self.crop_marks = text(if on { "true" } else { "false" });
        self
    }
    /// Lines of a paragraph kept on each side of a column break, 1–5
    /// (default 2).
    #[must_use]
    pub fn keep_lines(mut self, n: u32) -> Self {
        self.keep_lines = text(&n.to_string());
        self
    }
    /// Resolution images with more are downsampled to, 72–2400 dpi
    /// (default 300).
    #[must_use]
    pub fn image_dpi(mut self, dpi: u32) -> Self {
        self.image_dpi = text(&dpi.to_string());
        self
    }
    /// The contents heading, instead of the language's word (not empty).
    #[must_use]
    pub fn label_contents(mut self, words: &str) -> Self {
        self.label_contents = text(words);
        self
    }
    /// The word before a credit, "Image" in "Image © …" (not empty).
    #[must_use]
    pub fn label_image_credit(mut self, words: &str) -> Self {
        self.label_image_credit = text(words);
        self
    }
    /// The heading of an item's links (not empty).
    #[must_use]
    pub fn label_more_information(mut self, words: &str) -> Self {
        self.label_more_information = text(words);
        self
    }
    /// Digits of page numbers, dates and the contents (default Latin).
    #[must_use]
    pub fn digits(mut self, digits: Digits) -> Self {
        let s = match digits {
            Digits::Latin => "latin",
            Digits::ArabicIndic => "arabic-indic",
            Digits::Persian => "persian",
        };
        self.digits = text(s);
        self
    }
}

/// The bytes of a JPEG or PNG image a program has in memory (see
/// [`Image::from_bytes`]). Cheap to clone: the bytes are shared, not copied,
/// and they are not copied again when the brochure is built.
#[derive(Clone, PartialEq)]
pub struct ImageBytes(std::sync::Arc<Vec<u8>>);

impl ImageBytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    pub(crate) fn shared(&self) -> &std::sync::Arc<Vec<u8>> {
        &self.0
    }
}

impl std::fmt::Debug for ImageBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImageBytes({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for ImageBytes {
    fn from(v: Vec<u8>) -> Self {
        ImageBytes(std::sync::Arc::new(v))
    }
}

impl From<&[u8]> for ImageBytes {
    fn from(v: &[u8]) -> Self {
        ImageBytes(std::sync::Arc::new(v.to_vec()))
    }
}

impl From<std::sync::Arc<Vec<u8>>> for ImageBytes {
    fn from(v: std::sync::Arc<Vec<u8>>) -> Self {
        ImageBytes(v)
    }
}

impl Image {
    /// An image file (JPEG or PNG), relative to the folder given to
    /// [`crate::compile`] and inside it.
    pub fn file(path: impl Into<Spanned<String>>) -> Self {
        Image { src: path.into(), ..Image::default() }
    }
    /// An image the program has in memory, JPEG or PNG, at most 100 million
    /// pixels; `name` stands for it in messages (`failed to load image
    /// `name` (…)`). No file is read or written.
    ///
    /// ```
    /// use brochure::model::{Brochure, Image, Item};
    /// let png = std::fs::read("data/showcase/images/emblem.png").unwrap();
    /// let model = Brochure::new("Charts").item(Item::new("This week").image(Image::from_bytes("chart.png", png).alt("A chart")).paragraph("Text."));
    /// let out = brochure::compile(&model, std::path::Path::new("/nonexistent"), &Default::default()).unwrap();
    /// assert_eq!(out.pages, 1);
    /// ```
    pub fn from_bytes(name: impl Into<Spanned<String>>, bytes: impl Into<ImageBytes>) -> Self {
        Image { src: name.into(), bytes: Some(bytes.into()), ..Image::default() }
    }
    /// Credit line, printed "Image © …" under the image.
    #[must_use]
    pub fn credit(mut self, credit: impl Into<Spanned<String>>) -> Self {
        self.credit = Some(credit.into());
        self
    }
    /// Caption, Markdown.
    #[must_use]
    pub fn caption(mut self, caption: impl Into<Spanned<String>>) -> Self {
        self.caption = Some(caption.into());
        self
    }
    /// Text alternative for readers who cannot see it; `""` marks a
    /// decorative image.
    #[must_use]
    pub fn alt(mut self, alt: impl Into<Spanned<String>>) -> Self {
        self.alt = Some(alt.into());
        self
    }
    /// Across the whole page instead of one column (figures in the body).
    #[must_use]
    pub fn full_width(mut self) -> Self {
        self.width = text("full");
        self
    }
}

impl Link {
    /// A link: the words shown and the address.
    pub fn new(text: impl Into<Spanned<String>>, url: impl Into<Spanned<String>>) -> Self {
        Link { text: text.into(), url: url.into() }
    }
}

/// Builders for an item made in code; texts are Markdown.
///
/// ```
/// use brochure::model::{Item, Link};
/// let item = Item::new("We moved")
///     .date(chrono::NaiveDate::from_ymd_opt(2021, 3, 1).unwrap())
///     .paragraph("Our office is now *downtown*.")
///     .list(["Bus 12", "Tram 3"])
///     .link(Link::new("Map", "https://example.org/map"));
/// assert_eq!(item.date.unwrap().value, "2021-03-01");
/// assert_eq!(item.body.len(), 2);
/// ```
impl Item {
    /// An item with its title (not empty); it needs at least one body block.
    pub fn new(title: impl Into<Spanned<String>>) -> Self {
        Item { title: title.into(), ..Item::default() }
    }
    /// Date of the news.
    #[must_use]
    pub fn date(mut self, date: chrono::NaiveDate) -> Self {
        self.date = Some(date.into());
        self
    }
    /// Place of the news.
    #[must_use]
    pub fn location(mut self, place: impl Into<Spanned<String>>) -> Self {
        self.location = Some(place.into());
        self
    }
    /// BCP 47 language tag, when it differs from the brochure's.
    #[must_use]
    pub fn language(mut self, tag: impl Into<Spanned<String>>) -> Self {
        self.language = Some(tag.into());
        self
    }
    /// Lead image.
    #[must_use]
    pub fn image(mut self, image: Image) -> Self {
        self.image = Some(image);
        self
    }
    /// Standfirst.
    #[must_use]
    pub fn summary(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.summary = Some(text.into());
        self
    }
    /// Adds a body block.
    #[must_use]
    pub fn block(mut self, block: Block) -> Self {
        self.body.push(block);
        self
    }
    /// Adds a paragraph (not empty).
    #[must_use]
    pub fn paragraph(self, text: impl Into<Spanned<String>>) -> Self {
        self.block(Block::Paragraph(text.into()))
    }
    /// Adds a sub-heading (not empty).
    #[must_use]
    pub fn heading(self, text: impl Into<Spanned<String>>) -> Self {
        self.block(Block::Heading(text.into()))
    }
    /// Adds a pull quote (not empty) and who said it.
    #[must_use]
    pub fn quote(self, quote: impl Into<Spanned<String>>, by: Option<&str>) -> Self {
        self.block(Block::Quote { quote: quote.into(), by: by.map(Into::into) })
    }
    /// Adds a bulleted list (at least one entry).
    #[must_use]
    pub fn list<S: Into<Spanned<String>>>(self, entries: impl IntoIterator<Item = S>) -> Self {
        self.block(Block::List(entries.into_iter().map(Into::into).collect()))
    }
    /// Adds a figure.
    #[must_use]
    pub fn figure(self, image: Image) -> Self {
        self.block(Block::Image(image))
    }
    /// Adds a "More information" link.
    #[must_use]
    pub fn link(mut self, link: Link) -> Self {
        self.links.push(link);
        self
    }
    /// Adds a tag.
    #[must_use]
    pub fn tag(mut self, tag: impl Into<Spanned<String>>) -> Self {
        self.tags.push(tag.into());
        self
    }
}

/// Builders for a brochure made in code.
///
/// ```
/// use brochure::model::{Brochure, Item, Length, Theme};
/// let model = Brochure::new("Spring news")
///     .language("en")
///     .date(chrono::NaiveDate::from_ymd_opt(2021, 4, 1).unwrap())
///     .item(Item::new("We moved").paragraph("Our office is now *downtown*."))
///     .theme(Theme::default().columns(1).base_size(Length::pt(10.5)));
/// let out = brochure::compile(&model, std::path::Path::new("."), &Default::default()).unwrap();
/// assert_eq!((out.pages, out.items), (1, 1));
/// ```
impl Brochure {
    /// A brochure with its title (not empty); it needs at least one item.
    pub fn new(title: impl Into<Spanned<String>>) -> Self {
        Brochure { title: title.into(), ..Brochure::default() }
    }
    /// Subtitle.
    #[must_use]
    pub fn subtitle(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.subtitle = Some(text.into());
        self
    }
    /// Publisher, printed on the title block and written as the PDF author.
    #[must_use]
    pub fn publisher(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.publisher = Some(text.into());
        self
    }
    /// Edition date.
    #[must_use]
    pub fn date(mut self, date: chrono::NaiveDate) -> Self {
        self.date = Some(date.into());
        self
    }
    /// BCP 47 language tag (default `en`).
    #[must_use]
    pub fn language(mut self, tag: impl Into<Spanned<String>>) -> Self {
        self.language = Some(tag.into());
        self
    }
    /// Introduction, Markdown.
    #[must_use]
    pub fn intro(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.intro = Some(text.into());
        self
    }
    /// Cover image: makes a cover page.
    #[must_use]
    pub fn cover(mut self, image: Image) -> Self {
        self.cover = Some(image);
        self
    }
    /// Adds an item.
    #[must_use]
    pub fn item(mut self, item: Item) -> Self {
        self.items.push(item);
        self
    }
    /// Closing text, Markdown.
    #[must_use]
    pub fn closing(mut self, text: impl Into<Spanned<String>>) -> Self {
        self.closing = Some(text.into());
        self
    }
    /// Design settings.
    #[must_use]
    pub fn theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// The checks the YAML reader makes on what it reads, made on this
    /// model: a title, at least one item, each with a title and a body, no
    /// empty paragraph, heading, quote, list, link or image path. Returns
    /// the problems, each with its field path; [`crate::compile`] refuses a
    /// model with any. A model [`parse`] returned without errors has none.
    ///
    /// ```
    /// use brochure::model::{Brochure, Item};
    /// let problems = Brochure::new("").item(Item::new("News")).check();
    /// let lines: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    /// assert_eq!(lines, ["error: title: `title` is empty", "error: items[0].body: the body is empty"]);
    /// ```
    pub fn check(&self) -> Vec<Diagnostic> {
        let mut d = Vec::new();
        let mut empty = |v: &Spanned<String>, path: &str, msg: &str, hint: &str| {
            if v.value.trim().is_empty() {
                d.push(Diagnostic::error(v.span, path, msg).with_hint(hint));
            }
        };
        empty(&self.title, "title", "`title` is empty", "give the brochure a title: `Brochure::new(\"…\")`");
        let image = |img: &Image, path: &str, d: &mut Vec<Diagnostic>| {
            if img.bytes.is_none() && img.src.value.trim().is_empty() {
                d.push(Diagnostic::error(img.src.span, format!("{path}.src"), "the image path is empty").with_hint("give the path of a JPEG or PNG file, or its bytes: `Image::from_bytes(name, bytes)`"));
            }
        };
        if let Some(c) = &self.cover {
            image(c, "cover.image", &mut d);
        }
        if self.items.is_empty() {
            d.push(Diagnostic::error(None, "items", "the brochure has no items").with_hint("add at least one item: `.item(Item::new(\"…\").paragraph(\"…\"))`"));
        }
        for (i, item) in self.items.iter().enumerate() {
            let p = format!("items[{i}]");
            let mut empty = |v: &Spanned<String>, path: String, msg: &str, hint: &str| {
                if v.value.trim().is_empty() {
                    d.push(Diagnostic::error(v.span, path, msg).with_hint(hint));
                }
            };
            empty(&item.title, format!("{p}.title"), "`title` is empty", "give the item a title: `Item::new(\"…\")`");
            for (j, l) in item.links.iter().enumerate() {
                empty(&l.text, format!("{p}.links[{j}].text"), "`text` is empty", "give the words to show: `Link::new(\"Read more\", url)`");
                empty(&l.url, format!("{p}.links[{j}].url"), "`url` is empty", "give the address the link leads to");
            }
            if let Some(img) = &item.image {
                image(img, &format!("{p}.image"), &mut d);
            }
            if item.body.is_empty() {
                d.push(Diagnostic::error(None, format!("{p}.body"), "the body is empty").with_hint("give the item its text: `.paragraph(\"…\")`"));
            }
            for (j, b) in item.body.iter().enumerate() {
                let bp = format!("{p}.body[{j}]");
                let mut empty = |v: &Spanned<String>, path: String, msg: &str, hint: &str| {
                    if v.value.trim().is_empty() {
                        d.push(Diagnostic::error(v.span, path, msg).with_hint(hint));
                    }
                };
                match b {
                    Block::Paragraph(t) => empty(t, bp, "the paragraph is empty", "give its text, or leave the block out"),
                    Block::Heading(t) => empty(t, format!("{bp}.heading"), "`heading` is empty", "give the heading's words, or leave the block out"),
                    Block::Quote { quote, .. } => empty(quote, format!("{bp}.quote"), "`quote` is empty", "give the quoted words, or leave the block out"),
                    Block::List(entries) if entries.is_empty() => {
                        d.push(Diagnostic::error(None, format!("{bp}.list"), "the list is empty").with_hint("give at least one entry, or leave the block out"));
                    }
                    Block::List(_) => {}
                    Block::Image(img) => image(img, &format!("{bp}.image"), &mut d),
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(src: &str) -> Vec<String> {
        let (_, d) = parse(src);
        d.iter().map(|d| d.headline("t.yaml")).collect()
    }

    #[test]
    fn reads_every_block_kind() {
        let src = "title: T\nitems:\n  - title: A\n    body:\n      - Para\n      - quote: Q\n        by: B\n      - heading: H\n      - image: a.jpg\n      - list: [x, y]\n";
        let (m, d) = parse(src);
        assert!(d.is_empty(), "{d:?}");
        let body = &m.unwrap().items[0].body;
        assert_eq!(body.len(), 5);
        assert!(matches!(&body[1], Block::Quote { by: Some(b), .. } if b.value == "B"));
        assert!(matches!(&body[4], Block::List(l) if l.len() == 2));
    }

    #[test]
    fn reports_all_problems_with_places() {
        let src = "title: T\nitems:\n  - title: A\n    bdy: x\n  - titel: B\n    body: y\n";
        assert_eq!(
            errors(src),
            // `bdy` and `titel` are reported with their fix, not also as missing.
            vec![
                "t.yaml:4:5: error: items[0].bdy: unknown field `bdy`",
                "t.yaml:5:5: error: items[1].titel: unknown field `titel`",
            ]
        );
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = errors("title: \"open\nitems: []\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("t.yaml:"), "{e:?}");
    }

    #[test]
    fn aliases_are_refused() {
        let e = errors("title: &a T\nitems:\n  - title: *a\n    body: x\n");
        assert!(e[0].contains("anchors and aliases"), "{e:?}");
    }

    #[test]
    fn null_means_not_given() {
        let src = "title: T\nsubtitle: null\ncover: ~\ntheme:\nitems:\n  - title: A\n    image: null\n    location: ~\n    summary:\n    links: null\n    tags: [x, ~]\n    body:\n      - x\n      - image: {src: a.jpg, alt: null, caption: ~}\n      - image: {src: b.jpg, alt: \"\"}\n";
        let (m, d) = parse(src);
        assert!(d.is_empty(), "{d:?}");
        let m = m.unwrap();
        let it = &m.items[0];
        assert!(m.subtitle.is_none() && m.cover.is_none());
        assert!(it.image.is_none() && it.location.is_none() && it.summary.is_none() && it.links.is_empty());
        assert_eq!(it.tags.len(), 1);
        assert!(matches!(&it.body[1], Block::Image(i) if i.alt.is_none() && i.caption.is_none()));
        // A quoted empty text is text: the decorative image's `alt: ""`.
        assert!(matches!(&it.body[2], Block::Image(i) if i.alt.as_ref().is_some_and(|a| a.value.is_empty())));
    }

    #[test]
    fn null_in_a_required_field_is_located_at_its_name() {
        let e = errors("title:\nitems:\n  - title: ~\n    body:\n  - title: B\n    body:\n      - image: null\n");
        assert_eq!(
            e,
            [
                "t.yaml:1:1: error: title: `title` is required (it has no value)",
                "t.yaml:3:5: error: items[0].title: `title` is required (it has no value)",
                "t.yaml:4:5: error: items[0].body: `body` is required (it has no value)",
                "t.yaml:7:9: warning: items[1].body[0].image: the `image` block has no value; it is left out",
            ]
        );
    }

    #[test]
    fn other_words_for_fields_are_suggested_once() {
        let e = errors("title: T\nitems:\n  - title: A\n    text: x\n    photo: a.jpg\n    links:\n      - text: X\n        link: https://x.org\n");
        assert_eq!(e, ["t.yaml:4:5: error: items[0].text: unknown field `text`", "t.yaml:5:5: error: items[0].photo: unknown field `photo`", "t.yaml:8:9: error: items[0].links[0].link: unknown field `link`"]);
        let (_, d) = parse("title: T\nitems:\n  - title: A\n    text: x\n    photo: a.jpg\n    links:\n      - {text: X, link: https://x.org}\n");
        let hints: Vec<&str> = d.iter().map(|d| d.hints[0].as_str()).collect();
        assert_eq!(hints, ["did you mean `body`?", "did you mean `image`?", "did you mean `url`?"]);
    }

    #[test]
    fn a_tab_the_yaml_reader_accepts_is_still_reported_when_fields_go_wrong() {
        let e = errors("\ttitle: T\nitems:\n  - title: A\n    body: x\n");
        assert_eq!(e, ["t.yaml:1:2: error: missing field `items`", "t.yaml:1:1: error: a tab in the indentation (YAML indents with spaces only)"]);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let e = errors("title: T\ntitle: U\nitems: []\n");
        assert_eq!(e[0], "t.yaml:2:1: error: the field `title` is written twice");
    }
}
