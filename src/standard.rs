//! PDF standards the output can meet: PDF/UA-1 (accessible) and PDF/A-2
//! (archival). By default a brochure is tagged and claims every standard
//! nothing in it violates; asked for explicitly, a standard is a promise,
//! and whatever breaks it is an error located in the source.

use std::fmt;

use crate::diag::Diagnostic;
use crate::resolve::Doc;

/// A PDF standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Standard {
    /// PDF/UA-1: tagged, every image described, for screen readers.
    Ua1,
    /// PDF/A-2a: archival, and tagged with text alternatives.
    A2a,
    /// PDF/A-2b: archival, looks the same in a hundred years.
    A2b,
    /// PDF/X-4: for the press, with the printing condition's CMYK profile
    /// as output intent; only when asked for.
    X4,
}

impl Standard {
    /// Every standard, in the order they are named.
    pub const ALL: [Standard; 4] = [Standard::Ua1, Standard::A2a, Standard::A2b, Standard::X4];

    /// The name used on the command line: `ua1`, `a2a`, `a2b`, `x4`.
    pub fn key(self) -> &'static str {
        match self {
            Standard::Ua1 => "ua1",
            Standard::A2a => "a2a",
            Standard::A2b => "a2b",
            Standard::X4 => "x4",
        }
    }

    /// Parses a comma-separated list such as `ua1,a2a`; `none` is the empty
    /// list. A bad name gives a message naming the good ones.
    pub fn parse_list(s: &str) -> Result<Vec<Standard>, String> {
        let mut out = Vec::new();
        for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let word = word.to_ascii_lowercase().replace(['/', '-', '_'], "");
            let std = match word.as_str() {
                "none" => continue,
                "ua1" | "pdfua1" | "ua" => Standard::Ua1,
                "a2a" | "pdfa2a" => Standard::A2a,
                "a2b" | "pdfa2b" => Standard::A2b,
                "x4" | "pdfx4" => Standard::X4,
                _ => return Err(format!("unknown standard `{word}` (known: ua1, a2a, a2b, x4, none)")),
            };
            if !out.contains(&std) {
                out.push(std);
            }
        }
        if out.contains(&Standard::A2a) && out.contains(&Standard::A2b) {
            return Err("choose one of `a2a` and `a2b` (a2a includes a2b)".into());
        }
        if out.contains(&Standard::X4) && (out.contains(&Standard::A2a) || out.contains(&Standard::A2b)) {
            return Err("choose one of `x4` and PDF/A (`a2a`, `a2b`): a file for the press and a file for the archive are made separately".into());
        }
        Ok(out)
    }

    /// Whether an image without a text alternative breaks it.
    fn needs_alt(self) -> bool {
        matches!(self, Standard::Ua1 | Standard::A2a)
    }

    fn is_archival(self) -> bool {
        matches!(self, Standard::A2a | Standard::A2b)
    }
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Standard::Ua1 => "PDF/UA-1",
            Standard::A2a => "PDF/A-2a",
            Standard::A2b => "PDF/A-2b",
            Standard::X4 => "PDF/X-4",
        })
    }
}

/// Which standards to meet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Standards {
    /// Tagged, and PDF/UA-1 and PDF/A-2a (or A-2b) when nothing violates
    /// them; what does is reported as a warning.
    #[default]
    Auto,
    /// Exactly these (none: an untagged PDF); what violates them is an
    /// error.
    Exactly(Vec<Standard>),
}

/// Something in the brochure that breaks standards.
#[derive(Debug, Clone)]
pub struct Violation {
    /// The standards it breaks.
    pub breaks: Vec<Standard>,
    /// What it is, located in the source when it can be.
    pub diagnostic: Diagnostic,
}

/// Problems the source has for the standards, found before rendering: images
/// without a text alternative, a missing date (PDF/A needs one). (CMYK
/// images are described by the bundled CMYK profile in PDF/A.)
pub fn precheck(doc: &Doc, has_date: bool) -> Vec<Violation> {
    let mut out = Vec::new();
    let figures = doc.figures();
    for (f, path) in &figures {
        if f.alt.is_none() {
            let img = &doc.images[f.image.0 as usize];
            out.push(Violation {
                breaks: Standard::ALL.into_iter().filter(|s| s.needs_alt()).collect(),
                diagnostic: Diagnostic::warning(f.source, path.clone(), format!("image `{}` has no text alternative (screen readers cannot describe it)", img.path))
                    .with_hint("add `alt:` with a sentence saying what the picture shows, or `alt: \"\"` if it is only decoration"),
            });
        }
    }
    if !has_date {
        out.push(Violation {
            breaks: Standard::ALL.into_iter().filter(|s| s.is_archival()).collect(),
            diagnostic: Diagnostic::warning(None, "date", "the brochure has no date (PDF/A records when a document was made)")
                .with_hint("add `date: YYYY-MM-DD` at the top of the file, or set `Options::creation_date`"),
        });
    }
    out
}

/// The standards to aim for, given those asked for and the problems found:
/// for [`Standards::Auto`], those no problem breaks (PDF/A-2b when only
/// A-2a's text alternatives are missing).
pub fn choose(wanted: &Standards, problems: &[Violation]) -> Vec<Standard> {
    match wanted {
        Standards::Exactly(list) => list.clone(),
        Standards::Auto => {
            let ok = |s: Standard| !problems.iter().any(|p| p.breaks.contains(&s));
            let mut out = Vec::new();
            if ok(Standard::Ua1) {
                out.push(Standard::Ua1);
            }
            if ok(Standard::A2a) {
                out.push(Standard::A2a);
            } else if ok(Standard::A2b) {
                out.push(Standard::A2b);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_and_bad_names_are_explained() {
        assert_eq!(Standard::parse_list("ua1,a2a"), Ok(vec![Standard::Ua1, Standard::A2a]));
        assert_eq!(Standard::parse_list("PDF/UA-1, pdf/a-2b"), Ok(vec![Standard::Ua1, Standard::A2b]));
        assert_eq!(Standard::parse_list("none"), Ok(vec![]));
        assert!(Standard::parse_list("a2a,a2b").is_err());
        let e = Standard::parse_list("ua2").unwrap_err();
        assert!(e.contains("ua2") && e.contains("ua1, a2a, a2b, x4"), "{e}");
        assert_eq!(Standard::parse_list("x4,ua1"), Ok(vec![Standard::X4, Standard::Ua1]));
        assert_eq!(Standard::parse_list("PDF/X-4"), Ok(vec![Standard::X4]));
        assert!(Standard::parse_list("x4,a2b").unwrap_err().contains("x4"));
    }

    #[test]
    fn auto_drops_only_what_is_broken() {
        let alt = Violation { breaks: vec![Standard::Ua1, Standard::A2a], diagnostic: Diagnostic::warning(None, "", "x") };
        let date = Violation { breaks: vec![Standard::A2a, Standard::A2b], diagnostic: Diagnostic::warning(None, "", "y") };
        assert_eq!(choose(&Standards::Auto, &[]), vec![Standard::Ua1, Standard::A2a]);
        assert_eq!(choose(&Standards::Auto, std::slice::from_ref(&alt)), vec![Standard::A2b]);
        assert_eq!(choose(&Standards::Auto, std::slice::from_ref(&date)), vec![Standard::Ua1]);
        assert_eq!(choose(&Standards::Auto, &[alt, date]), Vec::<Standard>::new());
        assert_eq!(choose(&Standards::Exactly(vec![Standard::A2b]), &[]), vec![Standard::A2b]);
    }
}
