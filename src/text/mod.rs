//! Text: inline Markdown and typographic punctuation, shaping, hyphenation
//! and line breaking. Pagination lives in [`crate::layout`].

pub mod bidi;
pub mod hyphenate;
pub mod inline;
pub mod linebreak;
pub mod shape;

/// The primary language subtag of a BCP 47 tag, lowercase: `fr` for
/// `fr-CH`; what quotes, hyphenation, direction and names are chosen by.
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}
