//! Diagnostics: problems in a brochure source, told to the person who wrote it.
//!
//! Every stage returns all the problems it found, not only the first. A
//! diagnostic keeps the line and column of the offending YAML node and the
//! field path (`items[3].image.src`); the offending line and a caret are only
//! produced when it is printed.
//!
//! For programs, a diagnostic is a [`std::error::Error`]; [`Diagnostic::kind`]
//! says what sort of problem it is, and [`Diagnostic::item`],
//! [`Diagnostic::field`] and [`Diagnostic::segments`] read its path. Hints
//! speak of the library's settings (`Options::root`); the command line prints
//! them with its own flags instead.

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The brochure can still be built; the author should look at it.
    Warning,
    /// Nothing is written until it is fixed.
    Error,
}

/// Where in the source a problem is: 1-based line and column (in characters),
/// and how many characters to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub col: u32,
    /// Characters to underline (at least one is shown).
    pub len: u32,
}

/// One problem in a source, with its location, a message and hints.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The YAML node at fault, when there is one.
    pub span: Option<Span>,
    /// The field path, e.g. `items[3].image.src`; empty for the whole file.
    pub path: String,
    /// What is wrong: lowercase, no final period, cause in parentheses.
    pub message: String,
    /// How to fix it.
    pub hints: Vec<String>,
}

/// What sort of problem a diagnostic is, for programs that branch on it.
///
/// It is told by the diagnostic's message, whose form the tests pin for
/// every kind; a message of no known form is [`Kind::Other`]. More kinds may
/// be added: match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// The file cannot be read as a brochure source: not UTF-8 or not text,
    /// too large, a quote never closed, nesting too deep, YAML features the
    /// format refuses (anchors, aliases, tags), a field written twice.
    Syntax,
    /// A field the format does not have (often a typo: see the hints).
    UnknownField,
    /// A required field is missing, or empty (no items, an empty body).
    Missing,
    /// A value of the wrong shape: a list where text belongs, a block of
    /// two kinds at once, a field in a block of another kind.
    WrongShape,
    /// A value of the right shape that is not allowed: an impossible date, a
    /// colour, length, page size, placeholder or choice that does not exist.
    InvalidValue,
    /// An image or font file that cannot be read or used.
    File,
    /// Something that keeps the PDF from meeting a standard (PDF/UA-1,
    /// PDF/A-2): an image without a text alternative, a CMYK image, no date.
    Standard,
    /// What typesetting could not do as written: a word wider than the
    /// column, a character no font has, an image printed at low resolution
    /// or too small to fill its column, a page count not reached.
    Typesetting,
    /// Anything else.
    Other,
}

/// One step of a diagnostic's field path: `items[3].image` is
/// `[Field("items"), Index(3), Field("image")]`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Segment {
    /// A field name.
    Field(String),
    /// A position in a list, from 0.
    Index(usize),
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Option<Span>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, span, path: path.into(), message: message.into(), hints: Vec::new() }
    }

    /// A warning at `span`.
    pub fn warning(span: Option<Span>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(span, path, message) }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The field path as steps: `items[3].image.src` is `items`, `3`,
    /// `image`, `src`; empty for a problem of the whole file.
    ///
    /// ```
    /// use brochure::diag::{Diagnostic, Segment};
    /// let d = Diagnostic::error(None, "items[3].image.src", "failed to load image `a.jpg` (file not found)");
    /// assert_eq!(d.segments(), [Segment::Field("items".into()), Segment::Index(3), Segment::Field("image".into()), Segment::Field("src".into())]);
    /// ```
    pub fn segments(&self) -> Vec<Segment> {
        let mut out = Vec::new();
        for part in self.path.split('.').filter(|p| !p.is_empty()) {
            let mut pieces = part.split('[');
            if let Some(name) = pieces.next().filter(|n| !n.is_empty()) {
                out.push(Segment::Field(name.to_string()));
            }
            for index in pieces {
                match index.trim_end_matches(']').parse() {
                    Ok(i) => out.push(Segment::Index(i)),
                    // Not a path this crate writes; kept as it is.
                    Err(_) => out.push(Segment::Field(format!("[{index}"))),
                }
            }
        }
        out
    }

    /// The index (from 0) of the news item the problem is in, when it is in
    /// one: `Some(3)` for `items[3].image.src`.
    pub fn item(&self) -> Option<usize> {
        match self.segments().as_slice() {
            [Segment::Field(f), Segment::Index(i), ..] if f == "items" => Some(*i),
            _ => None,
        }
    }

    /// The field the problem is in, the last name of the path: `src` for
    /// `items[3].image.src`, `date` for `date`; `None` for the whole file or
    /// a list entry (`items[3]`).
    pub fn field(&self) -> Option<&str> {
        let last = self.path.rsplit('.').next()?;
        (!last.is_empty() && !last.ends_with(']')).then_some(last)
    }

    /// What sort of problem this is (see [`Kind`]).
    ///
    /// ```
    /// use brochure::diag::Kind;
    /// let src = "title: News\nitems:\n  - title: A\n    date: 2021-02-30\n    colour: blue\n    body: Text.\n";
    /// let Err(brochure::Error::Source(problems)) = brochure::compile_str(src, std::path::Path::new("."), &Default::default()) else { panic!() };
    /// let kinds: Vec<Kind> = problems.iter().map(|p| p.kind()).collect();
    /// assert_eq!(kinds, [Kind::InvalidValue, Kind::UnknownField]);
    /// ```
    pub fn kind(&self) -> Kind {
        let m = self.message.as_str();
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| m.starts_with(p));
        let has = |parts: &[&str]| parts.iter().any(|p| m.contains(p));
        if starts(&["unknown field "]) {
            Kind::UnknownField
        } else if starts(&["missing field "]) || has(&[" is empty", " has no items", " is required ("]) {
            Kind::Missing
        } else if starts(&["failed to load ", "failed to embed "]) || has(&[" is outside the brochure's folder"]) {
            Kind::File
        } else if has(&["has no text alternative", "(PDF/A ", "(PDF/UA", "is CMYK"]) {
            Kind::Standard
        } else if has(&["is wider than the column", "no font has ", "dpi (below", "too few to print wider", " asked ("]) {
            Kind::Typesetting
        } else if starts(&[
            "the file ",
            "this quote is never closed",
            "anchors and aliases",
            "YAML tags",
            "a field name must be plain text",
            "the field ",
            "a tab in the indentation",
            "a `\"` inside",
            "a `: ` inside",
        ]) && !has(&[" is not one of"])
        {
            Kind::Syntax
        } else if starts(&["expected "]) || has(&[" belongs to a ", "a block is one kind", "a block needs one of"]) {
            Kind::WrongShape
        } else if starts(&["impossible ", "unknown "]) || has(&[" is not a ", " is not one of", " is not an "]) {
            Kind::InvalidValue
        } else {
            Kind::Other
        }
    }

    /// The first line of the report: `file:line:col: error: path: message`.
    pub fn headline(&self, file: &str) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = match self.span {
            Some(s) => format!("{file}:{}:{}", s.line, s.col),
            None => file.to_string(),
        };
        if self.path.is_empty() { format!("{place}: {sev}: {}", self.message) } else { format!("{place}: {sev}: {}: {}", self.path, self.message) }
    }

    /// The full report: headline, the source line with a caret, and hints.
    pub fn render(&self, file: &str, source: &str) -> String {
        let mut out = self.headline(file);
        if let Some(span) = self.span {
            if let Some(full) = source.lines().nth(span.line.saturating_sub(1) as usize) {
                let num = span.line.to_string();
                let pad = " ".repeat(num.len());
                let chars: Vec<char> = full.chars().collect();
                let mut col = span.col.max(1) as usize - 1;
                // Very long lines are shown as a window around the caret.
                const WINDOW: usize = 100;
                let (start, end) = if chars.len() > WINDOW {
                    let start = col.saturating_sub(WINDOW / 2).min(chars.len().saturating_sub(WINDOW));
                    (start, (start + WINDOW).min(chars.len()))
                } else {
                    (0, chars.len())
                };
                // Control characters would move the terminal's cursor or
                // worse; each is shown as one `�`, so the caret stays put.
                let mut text: String = chars[start..end].iter().map(|&c| if c.is_control() && c != '\t' { '\u{FFFD}' } else { c }).collect();
                col -= start;
                if start > 0 {
                    text.insert(0, '…');
                    col += 1;
                }
                if end < chars.len() {
                    text.push('…');
                }
                // Tabs keep their width so that the caret stays under the fault.
                let lead: String = text.chars().take(col).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                let avail = text.chars().count().saturating_sub(col).max(1);
                let carets = "^".repeat((span.len.max(1) as usize).min(avail));
                out.push_str(&format!("\n{pad} |\n{num} | {text}\n{pad} | {lead}{carets}"));
            }
        }
        for hint in &self.hints {
            out.push_str(&format!("\n  = hint: {hint}"));
        }
        out
    }
}

/// The headline without a file name: `4:11: error: items[0].date: impossible
/// date …` (`error: …` without a place).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if let Some(s) = self.span {
            write!(f, "{}:{}: ", s.line, s.col)?;
        }
        f.write_str(sev)?;
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A diagnostic is an error a program can pass up (`?`, `Box<dyn Error>`).
impl std::error::Error for Diagnostic {}

/// How a library hint names the settings that the command line has as flags
/// or environment variables: `Options::root`, `Options::creation_date`.
/// The command line replaces each with its own name (`--root`,
/// `SOURCE_DATE_EPOCH`) when it prints a hint.
pub const OPTION_NAMES: [(&str, &str); 3] =
    [("`Options::root`", "`--root`"), ("`Options::creation_date`", "SOURCE_DATE_EPOCH"), ("`Options::standards`", "`--standard`")];

/// The closest of `candidates` to `word`, when it is close enough to be a
/// likely typo (edit distance at most a third of the word, at least 1).
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // Two letters are too few to tell a typo from another word (`A6`).
    if word.chars().count() < 3 {
        return None;
    }
    let limit = (word.chars().count() / 3).max(1);
    candidates.iter().map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), *c)).filter(|(d, _)| *d <= limit).min_by_key(|(d, _)| *d).map(|(_, c)| c)
}

/// Edit distance by characters, counting a swap of neighbours as one edit
/// (optimal string alignment), since `titel` for `title` is one slip.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

impl Diagnostic {
    /// The diagnostic as one line of JSON: `file`, `line` and `column`
    /// (1-based, `null` when the problem has no place), `path`, `severity`
    /// (`error` or `warning`), `message` and `hints`.
    pub fn to_json(&self, file: &str) -> String {
        let (line, column) = match self.span {
            Some(s) => (s.line.to_string(), s.col.to_string()),
            None => ("null".to_string(), "null".to_string()),
        };
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let hints: Vec<String> = self.hints.iter().map(|h| json_string(h)).collect();
        format!(
            "{{\"file\":{},\"line\":{line},\"column\":{column},\"path\":{},\"severity\":\"{severity}\",\"message\":{},\"hints\":[{}]}}",
            json_string(file),
            json_string(&self.path),
            json_string(&self.message),
            hints.join(",")
        )
    }
}

/// A JSON string literal (RFC 8259): quotes, backslashes and control
/// characters escaped; everything else written as UTF-8.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["title", "date", "body", "image"];
        assert_eq!(did_you_mean("bdy", &fields), Some("body"));
        assert_eq!(did_you_mean("titel", &fields), Some("title"));
        assert_eq!(did_you_mean("Title", &fields), Some("title"));
        assert_eq!(did_you_mean("colour", &fields), None);
    }

    #[test]
    fn renders_line_and_caret() {
        let src = "title: X\nitems:\n  - titel: Y\n";
        let d = Diagnostic::error(Some(Span { line: 3, col: 5, len: 5 }), "items[0].titel", "unknown field `titel`").with_hint("did you mean `title`?");
        assert_eq!(
            d.render("b.yaml", src),
            "b.yaml:3:5: error: items[0].titel: unknown field `titel`\n  |\n3 |   - titel: Y\n  |     ^^^^^\n  = hint: did you mean `title`?"
        );
    }

    #[test]
    fn display_is_the_headline_without_a_file() {
        let d = Diagnostic::error(Some(Span { line: 4, col: 11, len: 10 }), "items[0].date", "impossible date `2021-02-30`");
        assert_eq!(d.to_string(), "4:11: error: items[0].date: impossible date `2021-02-30`");
        assert_eq!(Diagnostic::warning(None, "", "the file is empty").to_string(), "warning: the file is empty");
        let boxed: Box<dyn std::error::Error> = Box::new(d);
        assert_eq!(boxed.to_string(), "4:11: error: items[0].date: impossible date `2021-02-30`");
    }

    #[test]
    fn paths_read_as_steps() {
        let at = |p: &str| Diagnostic::error(None, p, "x");
        let d = at("items[12].body[3].list[0]");
        use Segment::{Field, Index};
        assert_eq!(d.segments(), [Field("items".into()), Index(12), Field("body".into()), Index(3), Field("list".into()), Index(0)]);
        assert_eq!((d.item(), d.field()), (Some(12), None));
        let d = at("theme.colors.accent");
        assert_eq!((d.item(), d.field()), (None, Some("accent")));
        assert_eq!(d.segments(), [Field("theme".into()), Field("colors".into()), Field("accent".into())]);
        let d = at("");
        assert_eq!((d.segments(), d.item(), d.field()), (vec![], None, None));
        assert_eq!((at("date").item(), at("date").field()), (None, Some("date")));
        // `cover.image` is not an item's.
        assert_eq!(at("cover.image").item(), None);
    }

    #[test]
    fn kinds_follow_the_message() {
        let k = |m: &str| Diagnostic::error(None, "", m).kind();
        assert_eq!(k("unknown field `bdy`"), Kind::UnknownField);
        assert_eq!(k("missing field `title`"), Kind::Missing);
        assert_eq!(k("the brochure has no items"), Kind::Missing);
        assert_eq!(k("failed to load font `f.ttf` (it is a folder)"), Kind::File);
        assert_eq!(k("image `../a.png` is outside the brochure's folder"), Kind::File);
        assert_eq!(k("image `a.png` has no text alternative (screen readers cannot describe it)"), Kind::Standard);
        assert_eq!(k("the brochure has no date (PDF/A records when a document was made)"), Kind::Standard);
        assert_eq!(k("`Donaudampfschiff` is wider than the column and was broken without a hyphen"), Kind::Typesetting);
        assert_eq!(k("image `a.png` is set 14 mm wide, centred, instead of 84 mm (its 80 pixels are too few to print wider at 150 dpi)"), Kind::Typesetting);
        assert_eq!(
            k("the brochure has 8 pages, 4 fewer than the 12 asked (the content does not fill more even with figures half as tall again)"),
            Kind::Typesetting
        );
        assert_eq!(k("the file is not UTF-8 text"), Kind::Syntax);
        assert_eq!(k("the field `title` is written twice"), Kind::Syntax);
        assert_eq!(k("expected a list of items, found a set of fields"), Kind::WrongShape);
        assert_eq!(k("`newest` is not one of as-written, newest-first, oldest-first"), Kind::InvalidValue);
        assert_eq!(k("unknown page size `A6`"), Kind::InvalidValue);
        assert_eq!(k("something new"), Kind::Other);
    }

    #[test]
    fn long_lines_are_windowed() {
        let src = format!("x: {}", "[".repeat(500));
        let d = Diagnostic::error(Some(Span { line: 1, col: 300, len: 1 }), "", "too deep");
        let out = d.render("b.yaml", &src);
        let shown = out.lines().nth(2).unwrap();
        assert!(shown.chars().count() < 120, "{shown}");
        assert!(shown.starts_with("1 | …") && shown.ends_with('…'), "{shown}");
        // The caret stands under the 300th character, which the window shows.
        let caret_at = out.lines().nth(3).unwrap().chars().position(|c| c == '^').unwrap();
        assert_eq!(shown.chars().nth(caret_at), Some('['));
    }
}
