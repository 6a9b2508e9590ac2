//! The cost model of page breaking: what a column costs, in one place, so
//! that the search ([`super::breaks`]) only adds numbers up.
//!
//! Costs are in "badness points"; the search minimises their sum over the
//! columns of a stretch of flow. Lengths are measured in lines of body text
//! (the baseline grid), so that the model reads the same at every size.

use crate::units::Pt;

/// Every column started: fewer columns for the same text means fuller
/// columns and fewer pages. Small, so that it only decides between
/// otherwise equal layouts.
pub const COLUMN: f64 = 1.0;

/// Per squared line of white space left at a column's foot. Squared, so
/// that two short gaps cost less than one long one: a reader sees a long
/// gap as a hole, and a line or two as the column's natural end.
pub const HOLE: f64 = 10.0;

/// Added once for a gap of [`HOLE_LINES`] or more: that is what a designer
/// marks as a hole on a proof, and what the quality check counts.
pub const BIG_HOLE: f64 = 200.0;

/// The gap, in lines, from which a gap is a hole.
pub const HOLE_LINES: f32 = 3.0;

/// Per line a figure's image is set smaller than its natural size to fill a
/// column. Linear and well below a hole's cost: a slightly smaller picture
/// is invisible on the page, a hole is not; but it is not free, so that
/// images keep their size wherever the columns fill without it.
pub const SHRINK: f64 = 4.0;

/// A lead image moved to the top of the next column, its item's title and
/// first lines left where the previous item ended: a common device, but
/// the picture is then apart from its title; worth it against a gap of
/// about two lines.
pub const FLOAT: f64 = 40.0;

/// A column break inside a box (sidebar), between two of its parts: the
/// panel is read as one thing ("Key facts"), and split it reads as two,
/// the second without its heading. Worth a hole of about 17 lines (a third
/// of an A4 column) at the foot of the column before it; a box that fits
/// no column still splits, once per column it needs, as that costs the
/// same in every layout.
pub const BOX_SPLIT: f64 = 3000.0;

/// A column whose first element is taller than the column, or a chain of
/// elements kept together that fits no column: placed anyway, running over
/// the frame, when nothing else can be done. Large enough to lose against
/// any layout that avoids it.
pub const OVERFLOW: f64 = 1.0e7;

/// The cost of a column `height` tall holding content that ends at `end`
/// with its figures set `shrunk` smaller in all; `line` is the baseline
/// grid.
pub fn column(height: Pt, end: Pt, shrunk: Pt, line: Pt) -> f64 {
    let lines = |l: Pt| f64::from((l.get() / line.get()).max(0.0));
    let gap = lines(height - end);
    let mut cost = COLUMN + HOLE * gap * gap + SHRINK * lines(shrunk);
    if gap >= f64::from(HOLE_LINES) - 0.01 {
        cost += BIG_HOLE;
    }
    cost
}

/// A column left empty (the rest of a short first band, when what comes
/// next fits only in a full column; or the columns after the last one
/// before a wide figure that must wait for the next page).
pub fn empty_column(height: Pt, line: Pt) -> f64 {
    column(height, Pt::ZERO, Pt::ZERO, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_short_gaps_cost_less_than_one_long_one() {
        let line = Pt(10.0);
        let one_long = column(Pt(100.0), Pt(60.0), Pt::ZERO, line) + column(Pt(100.0), Pt(100.0), Pt::ZERO, line);
        let two_short = column(Pt(100.0), Pt(80.0), Pt::ZERO, line) * 2.0;
        assert!(two_short < one_long, "{two_short} {one_long}");
    }

    #[test]
    fn a_smaller_figure_beats_a_hole() {
        let line = Pt(10.0);
        let hole = column(Pt(100.0), Pt(60.0), Pt::ZERO, line);
        let shrunk = column(Pt(100.0), Pt(100.0), Pt(40.0), line);
        assert_eq!(hole, 1.0 + 160.0 + 200.0);
        assert_eq!(shrunk, 1.0 + 16.0);
    }
}
