//! Rendering: the only stage that knows the PDF crate. Laid-out pages in,
//! PDF bytes out; the clock and ids come in through [`RenderOptions`].

mod extraction;
pub mod images;
pub mod pdf;

pub use pdf::{Known, RenderError, RenderOptions, Renderer, Timestamp, render};
