//! Resolving a box (sidebar): its tone checked, its heading and blocks
//! resolved as an item's are.

use crate::model::{Block, Spanned};
use crate::text::inline::Quotes;

use super::{BodyBlock, Resolver};

/// Whether a box's `tone` asks for the accent colour: `accent` or `muted`
/// (and nothing else), any case, around spaces.
pub(super) fn is_accent(tone: &str) -> Option<bool> {
    match tone.trim().to_ascii_lowercase().as_str() {
        "accent" => Some(true),
        "muted" => Some(false),
        _ => None,
    }
}

impl Resolver {
    /// The box at `path`, its blocks at `path.box.body[…]`.
    pub(super) fn sidebar(&mut self, title: &Spanned<String>, body: &[Block], tone: Option<&Spanned<String>>, path: &str, q: &Quotes) -> BodyBlock {
        let accent = match tone {
            None => false,
            Some(t) => is_accent(&t.value).unwrap_or_else(|| {
                self.error(t.span, &format!("{path}.box.tone"), format!("unknown tone `{}`", t.value.trim()), "write `tone: muted` (the default) or `tone: accent`");
                false
            }),
        };
        let title = self.pl(title, &format!("{path}.box.title"), q);
        let body = self.body_blocks(body, &format!("{path}.box.body"), q);
        BodyBlock::Box { title, body, accent }
    }
}

#[cfg(test)]
mod tests {
    use super::is_accent;

    #[test]
    fn tones_are_accent_or_muted() {
        assert_eq!(is_accent("accent"), Some(true));
        assert_eq!(is_accent(" Muted "), Some(false));
        assert_eq!(is_accent("loud"), None);
    }
}
