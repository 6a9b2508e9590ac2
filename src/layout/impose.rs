//! Imposition: the order in which a brochure's pages go onto printed
//! sheets. A saddle-stitched booklet is sheets folded once and stapled in
//! the fold: each side of a sheet carries two pages, the outer pages of the
//! booklet on the outer sheet.

/// How pages are imposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impose {
    /// 2-up on sheets twice the page size, in saddle-stitch order, padded
    /// to a multiple of 4 with blank pages before the back cover.
    Booklet,
}

/// The pages (0-based indices, `None` for a blank) on the left and right
/// of each sheet side, in printing order (front, back, front, …), for a
/// booklet of `n` pages. The blanks that pad `n` to a multiple of 4 come
/// before the last page (the back cover), which stays last.
///
/// ```
/// use brochure::layout::impose::booklet_order;
/// // 8 pages: the outer sheet carries 8|1 and 2|7, the inner 6|3 and 4|5.
/// assert_eq!(booklet_order(8), vec![[Some(7), Some(0)], [Some(1), Some(6)], [Some(5), Some(2)], [Some(3), Some(4)]]);
/// ```
pub fn booklet_order(n: usize) -> Vec<[Option<usize>; 2]> {
    if n == 0 {
        return Vec::new();
    }
    let total = n.div_ceil(4) * 4;
    // Position k of the padded booklet shows page k, a blank, or (last
    // position) the back cover.
    let at = |k: usize| -> Option<usize> {
        if n == 1 {
            return (k == 0).then_some(0);
        }
        if k == total - 1 {
            Some(n - 1)
        } else if k < n - 1 {
            Some(k)
        } else {
            None
        }
    };
    let mut sides = Vec::with_capacity(total / 2);
    for s in 0..total / 4 {
        // Front of sheet s: last-s on the left, first+s on the right; the
        // back: the next page on the left, its partner on the right.
        sides.push([at(total - 1 - 2 * s), at(2 * s)]);
        sides.push([at(2 * s + 1), at(total - 2 - 2 * s)]);
    }
    sides
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_before_the_back_cover() {
        // 6 pages: 2 blanks at positions 5 and 6; the back cover (page 6)
        // is position 8, the outer sheet's left.
        assert_eq!(booklet_order(6), vec![[Some(5), Some(0)], [Some(1), None], [None, Some(2)], [Some(3), Some(4)]]);
        assert_eq!(booklet_order(1), vec![[None, Some(0)], [None, None]]);
        assert_eq!(booklet_order(4), vec![[Some(3), Some(0)], [Some(1), Some(2)]]);
        // Every page exactly once, whatever the count.
        for n in 1..40 {
            let mut seen: Vec<usize> = booklet_order(n).into_iter().flatten().flatten().collect();
            assert_eq!(booklet_order(n).len(), n.div_ceil(4) * 2);
            seen.sort();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }
}
