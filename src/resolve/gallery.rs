//! Galleries and focus points: a gallery's images resolved as figures
//! (each with its alt, credit and focus), its caption and width, and an
//! image's `focus: [x, y]` checked and read.

use crate::model::{self, Spanned};
use crate::text::inline::Quotes;

use super::{Gallery, Resolver};

impl Resolver {
    /// A gallery; `None` when none of its images could be loaded (each
    /// problem is reported where it was written).
    pub(super) fn gallery(&mut self, g: &model::Gallery, path: &str, quotes: &Quotes) -> Option<Gallery> {
        let full_width = self.choice(&g.width, &format!("{path}.width"), &[("column", false), ("full", true)], false);
        let mut figures = Vec::new();
        for (k, img) in g.images.iter().enumerate() {
            let p = format!("{path}[{k}]");
            if img.width.is_some() {
                self.diags.push(
                    crate::diag::Diagnostic::warning(img.width.as_ref().and_then(|w| w.span), format!("{p}.width"), "an image in a gallery takes the gallery's width (its own `width` is not used)")
                        .with_hint("write `width:` on the gallery: `gallery: {images: [...], width: full}`"),
                );
            }
            if let Some(c) = &img.caption {
                self.diags.push(
                    crate::diag::Diagnostic::warning(c.span, format!("{p}.caption"), "an image in a gallery has no caption of its own (it is not printed)")
                        .with_hint("write the words in the gallery's `caption:`, or in the image's `alt:` if they describe it"),
                );
            }
            if let Some(f) = self.figure(img, &p, quotes) {
                figures.push(f);
            }
        }
        if figures.len() < 2 || figures.len() != g.images.len() {
            // Fewer than the source gives: the missing ones were reported.
            return None;
        }
        Some(Gallery { figures, caption: g.caption.as_ref().map(|c| self.pl(c, &format!("{path}.caption"), quotes)), full_width })
    }

    /// `focus: [x, y]`, each 0–1; the centre when not given or wrong (and
    /// then reported).
    pub(super) fn focus(&mut self, v: Option<&Spanned<Vec<Spanned<String>>>>, path: &str) -> (f32, f32) {
        const CENTRE: (f32, f32) = (0.5, 0.5);
        let Some(v) = v else { return CENTRE };
        let hint = "write where the picture's subject is, from its top-left corner, each 0–1: `focus: [0.5, 0.3]`";
        if v.value.len() != 2 {
            self.error(v.span, path, format!("expected two numbers `[x, y]`, found {}", v.value.len()), hint);
            return CENTRE;
        }
        let mut xy = [0.5f32; 2];
        for (k, n) in v.value.iter().enumerate() {
            let s = n.value.trim();
            match s.parse::<f32>() {
                Ok(x) if (0.0..=1.0).contains(&x) => xy[k] = x,
                Ok(_) => {
                    let axis = if k == 0 { "x (across)" } else { "y (down)" };
                    self.error(n.span, &format!("{path}[{k}]"), format!("focus {axis} `{s}` is out of range (it is a share of the image, 0–1)"), "0 is the left or top edge, 1 the right or bottom, 0.5 the middle");
                    return CENTRE;
                }
                Err(_) => {
                    self.error(n.span, &format!("{path}[{k}]"), format!("`{s}` is not a number"), hint);
                    return CENTRE;
                }
            }
        }
        (xy[0], xy[1])
    }
}
