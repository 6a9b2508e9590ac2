//! QR codes for links (`theme.qr_codes`): the dark modules of a link's QR
//! code as rectangles, so that a paper reader's phone can follow it. The
//! code is a figure whose text alternative is the address.

use qrcode::{EcLevel, QrCode};
use qrcode::Color as Module;

use super::flow::{Elem, Flow, Kind};
use super::{Item, Point, Role};
use crate::units::{Color, Pt};

/// The light border a reader needs around the code, in modules (ISO/IEC
/// 18004 asks for 4).
pub const QUIET_ZONE: u32 = 4;

/// A run of dark modules in a row: (row, first column, length).
pub type Run = (u32, u32, u32);

/// The dark modules of `data`'s QR code (error correction M, about 15 %
/// of the code may be damaged), row by row: the code's width in modules,
/// and each run of dark modules in a row as (row, first column, length).
pub fn modules(data: &str) -> Option<(u32, Vec<Run>)> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let n = code.width();
    let dark: Vec<bool> = code.to_colors().into_iter().map(|m| m == Module::Dark).collect();
    let mut runs = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if dark[row * n + col] {
                let start = col;
                while col < n && dark[row * n + col] {
                    col += 1;
                }
                runs.push((row as u32, start as u32, (col - start) as u32));
            } else {
                col += 1;
            }
        }
    }
    Some((n as u32, runs))
}

/// A column element holding the QR code of `url`, `module` points to the
/// module (smaller when the column is narrow), at the column's end side
/// (right, or left in right-to-left text), with the quiet zone above it:
/// a figure in the structure, its alternative the address.
pub fn element(flow: &mut Flow, url: &str, module: Pt, col_width: Pt, color: Color, rtl: bool) -> Option<Elem> {
    let (n, runs) = modules(url)?;
    let module = module.min(col_width / (n + 2 * QUIET_ZONE) as f32);
    let side = module * n as f32;
    let prev = flow.open(Role::Figure(Some(url.to_string())));
    let tag = flow.tag();
    flow.close(prev);
    let rects = runs.into_iter().map(|(row, col, len)| [module * col as f32, module * row as f32, module * len as f32, module]).collect();
    let x = if rtl { module * QUIET_ZONE as f32 } else { col_width - side - module * QUIET_ZONE as f32 };
    let top = module * QUIET_ZONE as f32;
    Some(Elem {
        height: top + side + top,
        kind: Kind::Content(vec![(Point::new(x, top), Item::Rects { rects, color, tag })]),
        keep_with_next: false,
        grid: false,
        boxed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_rebuild_the_encoders_matrix() {
        let url = "https://www.unodc.org/unodc/en/frontpage.html";
        let (n, runs) = modules(url).unwrap();
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
        assert_eq!(n as usize, code.width());
        let mut grid = vec![false; (n * n) as usize];
        for (row, col, len) in runs {
            for c in col..col + len {
                grid[(row * n + c) as usize] = true;
            }
        }
        assert_eq!(grid, code.to_colors().into_iter().map(|m| m == Module::Dark).collect::<Vec<_>>());
        // Version 4 at level M: 33 modules for this address.
        assert_eq!(n, 33);
    }
}
