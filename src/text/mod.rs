//! Text: inline Markdown and typographic punctuation, shaping, hyphenation
//! and line breaking. Pagination lives in [`crate::layout`].

pub mod bidi;
pub mod hyphenate;
pub mod inline;
pub mod linebreak;
pub mod shape;
