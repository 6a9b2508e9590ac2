//! How the command tells people (or CI) what happened: diagnostics as
//! readable text with the source line and a caret, or as one JSON object per
//! line; colour only on a terminal; `--quiet` keeps only the errors.

use std::io::{IsTerminal, Write};

use brochure::diag::{Diagnostic, Severity};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: `file:line:col: error: path: message`, the source line
    /// with a caret, and hints (on stderr).
    Human,
    /// For programs: one JSON object per problem and line, on stdout; the
    /// one-line summaries go to stderr so that stdout is JSON only.
    Json,
}

/// Prints diagnostics and summaries in the chosen format.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    /// Text or JSON.
    pub format: Format,
    /// Print errors only: no success line, no warnings.
    pub quiet: bool,
    /// Use ANSI colours on stderr.
    pub color: bool,
}

const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

impl Reporter {
    /// A reporter for this process: colour when stderr is a terminal and
    /// `NO_COLOR` is not set (see <https://no-color.org>: an empty value
    /// counts as not set).
    pub fn new(format: Format, quiet: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Reporter { format, quiet, color: std::io::stderr().is_terminal() && !no_color }
    }

    /// Prints the problems of `file` (whose text is `text`); warnings are
    /// left out when quiet.
    pub fn diagnostics(&self, diags: &[Diagnostic], file: &str, text: &str) {
        let shown = diags.iter().filter(|d| d.is_error() || !self.quiet).map(for_the_command);
        match self.format {
            Format::Human => {
                let mut err = std::io::stderr().lock();
                for d in shown {
                    let _ = writeln!(err, "{}\n", human(&d, file, text, self.color));
                }
            }
            Format::Json => {
                let mut out = std::io::stdout().lock();
                for d in shown {
                    let _ = writeln!(out, "{}", json(&d, file));
                }
                let _ = out.flush();
            }
        }
    }

    /// A preflight report: the listing on stdout (one JSON object in JSON
    /// mode), then its flags as diagnostics.
    pub fn preflight(&self, report: &brochure::preflight::Report, file: &str, text: &str) {
        {
            let mut out = std::io::stdout().lock();
            let _ = match self.format {
                Format::Human => writeln!(out, "{}", report.to_text()),
                Format::Json => writeln!(out, "{}", report.to_json()),
            };
            let _ = out.flush();
        }
        self.diagnostics(&report.flags, file, text);
    }

    /// The one line that says what was done, e.g. `wrote a.pdf: 2 pages, …`:
    /// on stdout, or on stderr when stdout carries JSON; nothing when quiet.
    pub fn success(&self, line: &str) {
        if self.quiet {
            return;
        }
        match self.format {
            Format::Human => {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{line}");
                let _ = out.flush();
            }
            Format::Json => eprintln!("{line}"),
        }
    }

    /// A note for the person at the terminal (on stderr), left out when quiet.
    pub fn note(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    /// The line that closes a failed build, e.g. `a.yaml: 2 errors; nothing
    /// was written` (on stderr, also when quiet).
    pub fn failure(&self, line: &str) {
        eprintln!("{line}");
    }

    /// An error that is not in the source (a file that cannot be read or
    /// written, a bad argument): `error: …` on stderr.
    pub fn error(&self, message: &str) {
        eprintln!("{}: {message}", paint("error", Severity::Error, self.color));
    }
}

/// `d` with its hints in the command's words: the library's
/// `Options::root` is `--root` here (see [`brochure::diag::OPTION_NAMES`]).
pub fn for_the_command(d: &Diagnostic) -> Diagnostic {
    let mut d = d.clone();
    for hint in &mut d.hints {
        for (library, command) in brochure::diag::OPTION_NAMES {
            if hint.contains(library) {
                *hint = hint.replace(library, command);
            }
        }
    }
    d
}

/// `word` in the colour of `severity`: bold red for errors, yellow for warnings.
fn paint(word: &str, severity: Severity, color: bool) -> String {
    if !color {
        return word.to_string();
    }
    let style = match severity {
        Severity::Error => RED_BOLD,
        Severity::Warning => YELLOW,
    };
    format!("{style}{word}{RESET}")
}

/// A diagnostic for people: the library's rendering, with the severity word
/// coloured when `color` is set.
pub fn human(d: &Diagnostic, file: &str, text: &str, color: bool) -> String {
    let out = d.render(file, text);
    if !color {
        return out;
    }
    let place = match d.span {
        Some(s) => format!("{file}:{}:{}", s.line, s.col),
        None => file.to_string(),
    };
    let word = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    // The headline is `place: severity: …`; anything else is printed as it is.
    let head = format!("{place}: {word}: ");
    match out.strip_prefix(&head) {
        Some(rest) => format!("{place}: {}: {rest}", paint(word, d.severity, true)),
        None => out,
    }
}

/// A diagnostic as one line of JSON: `file`, `line` and `column` (1-based,
/// `null` when the problem has no place), `path`, `severity` (`error` or
/// `warning`), `message` and `hints`.
pub fn json(d: &Diagnostic, file: &str) -> String {
    d.to_json(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use brochure::diag::Span;

    fn unknown_field() -> Diagnostic {
        Diagnostic::error(Some(Span { line: 3, col: 5, len: 5 }), "items[0].titel", "unknown field `titel`").with_hint("did you mean `title`?")
    }

    #[test]
    fn hints_name_the_command_flags() {
        let d = Diagnostic::error(None, "date", "the brochure has no date")
            .with_hint("add `date: YYYY-MM-DD`, or set `Options::creation_date`")
            .with_hint("move the file there, or widen the folder with `Options::root`")
            .with_hint("or ask with `Options::standards`");
        assert_eq!(
            for_the_command(&d).hints,
            ["add `date: YYYY-MM-DD`, or set SOURCE_DATE_EPOCH", "move the file there, or widen the folder with `--root`", "or ask with `--standard`"]
        );
        assert_eq!(for_the_command(&d).message, d.message);
    }

    #[test]
    fn json_has_every_field_on_one_line() {
        assert_eq!(
            json(&unknown_field(), "b.yaml"),
            r#"{"file":"b.yaml","line":3,"column":5,"path":"items[0].titel","severity":"error","message":"unknown field `titel`","hints":["did you mean `title`?"]}"#
        );
        let d = Diagnostic::warning(None, "", "a \"quoted\"\tword\\\n\u{1}é");
        assert_eq!(
            json(&d, "dir\\b.yaml"),
            r#"{"file":"dir\\b.yaml","line":null,"column":null,"path":"","severity":"warning","message":"a \"quoted\"\tword\\\n\u0001é","hints":[]}"#
        );
    }

    #[test]
    fn colour_marks_only_the_severity_word() {
        let src = "title: X\nitems:\n  - titel: Y\n";
        let plain = human(&unknown_field(), "b.yaml", src, false);
        assert!(!plain.contains('\x1b'));
        let coloured = human(&unknown_field(), "b.yaml", src, true);
        assert!(coloured.starts_with("b.yaml:3:5: \x1b[1;31merror\x1b[0m: items[0].titel: unknown field `titel`\n"), "{coloured:?}");
        assert_eq!(coloured.replace(RED_BOLD, "").replace(RESET, ""), plain);
        let w = Diagnostic::warning(None, "", "a long word");
        assert_eq!(human(&w, "b.yaml", src, true), "b.yaml: \x1b[33mwarning\x1b[0m: a long word");
    }

    #[test]
    fn a_file_name_that_looks_like_a_severity_is_left_alone() {
        let d = Diagnostic::error(None, "", "x");
        assert_eq!(human(&d, "a: error: b.yaml", "", true), "a: error: b.yaml: \x1b[1;31merror\x1b[0m: x");
    }
}
