//! brochure: news items written in YAML to paginated, print-quality PDF.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod diag;
pub mod model;
pub mod text;
pub mod units;
