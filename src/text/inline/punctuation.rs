//! Typographic punctuation: straight quotes become the language's
//! quotation marks, `--` and `---` en and em dashes.

/// Quotation marks of a language: primary open/close, secondary open/close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotes {
    /// Opening double quote.
    pub open: &'static str,
    /// Closing double quote.
    pub close: &'static str,
    /// Opening single quote.
    pub open_single: &'static str,
    /// Closing single quote.
    pub close_single: &'static str,
}

impl Quotes {
    /// The marks for a BCP 47 tag; English marks for unknown languages.
    pub fn for_language(tag: &str) -> Quotes {
        crate::locale::quotes(tag)
    }
}

/// Turns straight quotes into the language's marks and `--`/`---` into en
/// and em dashes. `prev` is the character before `s` (None at the start), so
/// the choice between opening and closing works across style spans.
pub fn smarten(s: &str, prev: &mut Option<char>, quotes: &Quotes) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // Opening when nothing, a space, an opening bracket or a dash comes
        // before, or full-width punctuation that leads into a quote (说："…").
        let opens = || prev.is_none_or(|p| p.is_whitespace() || "([{—–-/«„“‘‚：、；（「『《【".contains(p));
        match c {
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                if chars.peek() == Some(&'-') {
                    chars.next();
                    out.push('—');
                } else {
                    out.push('–');
                }
                *prev = Some('—');
                continue;
            }
            '"' => out.push_str(if opens() { quotes.open } else { quotes.close }),
            '\'' => {
                let apostrophe = prev.is_some_and(char::is_alphanumeric);
                out.push_str(if apostrophe {
                    "’"
                } else if opens() {
                    quotes.open_single
                } else {
                    quotes.close_single
                });
            }
            _ => out.push(c),
        }
        *prev = Some(c);
    }
    out
}
