//! Diagnostics: problems in a brochure source, told to the person who wrote it.
//!
//! Every stage returns all the problems it found, not only the first. A
//! diagnostic keeps the line and column of the offending YAML node and the
//! field path (`items[3].image.src`); the offending line and a caret are only
//! produced when it is printed.

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

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Option<Span>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            path: path.into(),
            message: message.into(),
            hints: Vec::new(),
        }
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
        if self.path.is_empty() {
            format!("{place}: {sev}: {}", self.message)
        } else {
            format!("{place}: {sev}: {}: {}", self.path, self.message)
        }
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline("<source>"))
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a
/// likely typo (edit distance at most a third of the word, at least 1).
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // Two letters are too few to tell a typo from another word (`A6`).
    if word.chars().count() < 3 {
        return None;
    }
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
    for j in 0..=b.len() {
        d[0][j] = j;
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
        let d = Diagnostic::error(Some(Span { line: 3, col: 5, len: 5 }), "items[0].titel", "unknown field `titel`")
            .with_hint("did you mean `title`?");
        assert_eq!(
            d.render("b.yaml", src),
            "b.yaml:3:5: error: items[0].titel: unknown field `titel`\n  |\n3 |   - titel: Y\n  |     ^^^^^\n  = hint: did you mean `title`?"
        );
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
