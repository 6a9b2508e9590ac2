//! The geometry of a gallery, as pure functions: how many images go in
//! each row ([`rows`]), where each cell is in a given width ([`grid`]), and
//! which pixels of an image fill a cell around its focus ([`crop`]).

use crate::units::Pt;

/// The share of `theme.gutter` left between a gallery's cells: a whole
/// gutter separates columns of text; pictures of one set read as one
/// block with less.
pub const GAP_SHARE: f32 = 0.4;

/// The flattest and the tallest cell of the narrowest row, as height over
/// width: a row of panoramas would be a strip, a row of portraits as tall
/// as the column is wide.
const ASPECT_RANGE: (f32, f32) = (0.5, 1.0);

/// A cell of the grid, from the grid's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Distance from the grid's left edge.
    pub x: Pt,
    /// Distance from the grid's top.
    pub y: Pt,
    /// Width.
    pub width: Pt,
    /// Height.
    pub height: Pt,
}

/// A rectangle of an image's pixels, from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Crop {
    /// First column.
    pub x: u32,
    /// First row.
    pub y: u32,
    /// Columns.
    pub width: u32,
    /// Rows.
    pub height: u32,
}

/// The images in each row, top to bottom, for `n` images (2 to 6; others
/// are clamped): 2 side by side; 3 in one row across the frame (`wide`),
/// else one above two (three in a column would be too small); 4 as 2 × 2;
/// 5 as two above three; 6 as two rows of three.
pub fn rows(n: usize, wide: bool) -> Vec<usize> {
    match n.clamp(2, 6) {
        2 => vec![2],
        3 if wide => vec![3],
        3 => vec![1, 2],
        4 => vec![2, 2],
        5 => vec![2, 3],
        _ => vec![3, 3],
    }
}

/// The cells of `n` images in a grid `width` wide, `gap` between cells,
/// in reading order (left to right; [`mirror`] them for right to left).
/// Every row has the same height: the narrowest row's cells take the
/// images' mean `aspect` (height over width, within [`ASPECT_RANGE`]),
/// and the whole grid is at most `max_height` tall. Returns the cells and
/// the grid's height.
pub fn grid(n: usize, wide: bool, width: Pt, gap: Pt, aspect: f32, max_height: Pt) -> (Vec<Cell>, Pt) {
    let rows = rows(n, wide);
    let most = rows.iter().copied().max().unwrap_or(1) as f32;
    let narrowest = (width - gap * (most - 1.0)) / most;
    let aspect = if aspect.is_finite() { aspect.clamp(ASPECT_RANGE.0, ASPECT_RANGE.1) } else { ASPECT_RANGE.0 };
    let gaps = gap * (rows.len() as f32 - 1.0);
    let row_h = (narrowest * aspect).min((max_height - gaps) / rows.len() as f32).max(Pt(1.0));
    let mut cells = Vec::with_capacity(n);
    let mut y = Pt::ZERO;
    for k in &rows {
        let k = *k as f32;
        let w = (width - gap * (k - 1.0)) / k;
        for i in 0..k as usize {
            cells.push(Cell { x: (w + gap) * i as f32, y, width: w, height: row_h });
        }
        y += row_h + gap;
    }
    (cells, y - gap)
}

/// The cells of a grid `width` wide mirrored, for right-to-left reading:
/// the first image at the top right.
pub fn mirror(cells: &mut [Cell], width: Pt) {
    for c in cells {
        c.x = width - c.x - c.width;
    }
}

/// The pixels of an image `px_w` × `px_h` that fill a cell of `aspect`
/// (height over width) without distortion: all of one dimension and as
/// much of the other as the aspect takes, centred on `focus` (`x`, `y`,
/// 0–1 from the top-left) as far as the image's edges allow.
pub fn crop(px_w: u32, px_h: u32, aspect: f32, focus: (f32, f32)) -> Crop {
    let (w, h) = (px_w.max(1) as f32, px_h.max(1) as f32);
    let place = |len: f32, full: f32, at: f32| ((at * full - len / 2.0).round().max(0.0) as u32).min((full - len) as u32);
    if h / w > aspect {
        // Taller than the cell: the full width, a band of rows.
        let rows = (w * aspect).round().clamp(1.0, h);
        Crop { x: 0, y: place(rows, h, focus.1), width: px_w.max(1), height: rows as u32 }
    } else {
        let cols = (h / aspect).round().clamp(1.0, w);
        Crop { x: place(cols, w, focus.0), y: 0, width: cols as u32, height: px_h.max(1) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_for_each_count() {
        let got: Vec<(usize, Vec<usize>, Vec<usize>)> = (2..=6).map(|n| (n, rows(n, false), rows(n, true))).collect();
        assert_eq!(
            got,
            vec![
                (2, vec![2], vec![2]),
                (3, vec![1, 2], vec![3]),
                (4, vec![2, 2], vec![2, 2]),
                (5, vec![2, 3], vec![2, 3]),
                (6, vec![3, 3], vec![3, 3]),
            ]
        );
        for n in 2..=6 {
            assert_eq!(rows(n, false).iter().sum::<usize>(), n);
        }
    }

    #[test]
    fn cells_of_four_in_two_rows_of_equal_height() {
        let (cells, h) = grid(4, false, Pt(104.0), Pt(4.0), 0.75, Pt(1000.0));
        let xywh: Vec<[f32; 4]> = cells.iter().map(|c| [c.x.get(), c.y.get(), c.width.get(), c.height.get()]).collect();
        assert_eq!(xywh, vec![[0.0, 0.0, 50.0, 37.5], [54.0, 0.0, 50.0, 37.5], [0.0, 41.5, 50.0, 37.5], [54.0, 41.5, 50.0, 37.5]]);
        assert_eq!(h, Pt(79.0));
    }

    #[test]
    fn one_above_two_share_the_row_height() {
        let (cells, h) = grid(3, false, Pt(104.0), Pt(4.0), 2.0, Pt(1000.0));
        // Portraits: the narrowest row's cells are square at most.
        assert_eq!(cells[0].width, Pt(104.0));
        assert_eq!([cells[0].height, cells[1].height, cells[2].height], [Pt(50.0); 3]);
        assert_eq!((cells[1].x, cells[2].x, cells[1].y), (Pt(0.0), Pt(54.0), Pt(54.0)));
        assert_eq!(h, Pt(104.0));
        // Across the frame, one row of three.
        let (cells, h) = grid(3, true, Pt(308.0), Pt(4.0), 0.5, Pt(1000.0));
        assert_eq!(cells.iter().map(|c| c.x.get()).collect::<Vec<_>>(), vec![0.0, 104.0, 208.0]);
        assert_eq!(h, Pt(50.0));
    }

    #[test]
    fn the_grid_keeps_to_its_height_limit() {
        let (cells, h) = grid(6, false, Pt(308.0), Pt(4.0), 1.0, Pt(84.0));
        assert_eq!(h, Pt(84.0));
        assert!(cells.iter().all(|c| c.height == Pt(40.0)));
    }

    #[test]
    fn mirrored_cells_read_from_the_right() {
        let (mut cells, _) = grid(2, false, Pt(104.0), Pt(4.0), 0.5, Pt(1000.0));
        mirror(&mut cells, Pt(104.0));
        assert_eq!((cells[0].x, cells[1].x), (Pt(54.0), Pt(0.0)));
    }

    #[test]
    fn crops_keep_the_cell_aspect_around_the_focus() {
        // A 3:2 landscape into a square: 800 of 1200 columns, centred.
        assert_eq!(crop(1200, 800, 1.0, (0.5, 0.5)), Crop { x: 200, y: 0, width: 800, height: 800 });
        // Its focus near the left edge: the crop stops at the edge.
        assert_eq!(crop(1200, 800, 1.0, (0.1, 0.5)), Crop { x: 0, y: 0, width: 800, height: 800 });
        assert_eq!(crop(1200, 800, 1.0, (0.75, 0.5)), Crop { x: 400, y: 0, width: 800, height: 800 });
        // A portrait into a 2:1 band, its subject a third down.
        assert_eq!(crop(600, 900, 0.5, (0.5, 1.0 / 3.0)), Crop { x: 0, y: 150, width: 600, height: 300 });
        // Already the cell's shape: every pixel.
        assert_eq!(crop(600, 300, 0.5, (0.9, 0.9)), Crop { x: 0, y: 0, width: 600, height: 300 });
        for (w, h, a) in [(1200, 800, 0.75), (640, 480, 0.5), (333, 999, 0.6)] {
            let c = crop(w, h, a, (0.5, 0.5));
            assert!(c.x + c.width <= w && c.y + c.height <= h);
            assert!(((c.height as f32 / c.width as f32) - a).abs() < 2.0 / c.width.min(c.height) as f32, "{c:?}");
        }
    }
}
