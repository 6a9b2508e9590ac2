//! The brochure source as the author wrote it: a mirror of the YAML format
//! (`spec/format.md`, v1), every value with its place in the file.
//!
//! [`parse`] checks the shape of the file (which fields exist, which are
//! required, which kind of value each takes) and reports every problem it
//! finds in one run. It does no I/O and applies no defaults; values whose
//! meaning needs more than their shape (dates, lengths, colours, paths) stay
//! text and are checked by the next stage (`resolve`).
//!
//! Its parts: the source types (`types`), the YAML reader (`read`), and for a
//! model built in code the typed values (`values`), the theme's setters
//! (`theme`) and the builders with their checks (`build`).

mod build;
mod read;
mod theme;
mod types;
mod values;

pub use read::parse;
pub use types::{Block, Brochure, FontSpec, Gallery, Image, ImageBytes, Item, Link, MarginSpec, PageSpec, Spanned, Theme};
pub use values::{Color, Digits, ItemStart, Length, Order, PageSize};

/// The date type of the builders (`Item::date`, `Brochure::date`), so that
/// a program needs no chrono of its own in the same version.
pub use chrono::NaiveDate;
