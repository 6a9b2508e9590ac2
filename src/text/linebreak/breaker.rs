//! The Knuth–Plass search: over the items, the breaks with the least total
//! demerits, pass by pass (the caller chooses each pass's tolerance and
//! whether hyphenation points may be taken).

use super::scratch;
use super::{ADJ_DEMERITS, DOUBLE_HYPHEN_DEMERITS, EXPANSION, FILL, FINAL_HYPHEN_DEMERITS, INF, Item, LINE_PENALTY, MAX_HYPHEN_STREAK, RAGGED_STRETCH, protrusion};

/// The Knuth–Plass breaker over a list of items.
pub(super) struct Kp<'a> {
    items: &'a [Item],
    /// The width of each line, the last repeated for the lines after it
    /// (never empty).
    widths: Vec<f32>,
    justify: bool,
    /// How many first lines are set ragged in a justified paragraph.
    ragged: usize,
    /// Running sums of width, stretch (the kashida's included), shrink, box
    /// width, kashida stretch and the stretch of the infinite glue (a
    /// paragraph's or a forced line's end) before each item.
    sums: Vec<[f32; 6]>,
    /// For each item, the first box at or after it (where a line starts).
    next_box: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(super) struct Node {
    /// Index of the break item (`usize::MAX` for the paragraph start).
    at: usize,
    /// First item of the line after this break.
    start: usize,
    /// Lines before the one that starts here (the index of that line).
    line: usize,
    fitness: u8,
    demerits: f64,
    streak: u8,
    prev: Option<usize>,
}

impl Drop for Kp<'_> {
    fn drop(&mut self) {
        scratch::give(|s| &mut s.sums, std::mem::take(&mut self.sums));
        scratch::give(|s| &mut s.next_box, std::mem::take(&mut self.next_box));
    }
}

impl<'a> Kp<'a> {
    /// The breaker over `items` for lines `widths` wide, justified or not;
    /// in a justified paragraph the first `ragged` lines are set ragged all
    /// the same (at most one fewer than `widths` has, so that each of them
    /// is a line class of its own in the search).
    pub(super) fn new(items: &'a [Item], widths: Vec<f32>, justify: bool, ragged: usize) -> Self {
        assert!(!widths.is_empty(), "a paragraph has at least one line width");
        assert!(ragged < widths.len() || ragged == 0, "each ragged line has a width of its own");
        let mut sums = scratch::take(|s| &mut s.sums, items.len() + 1);
        let mut s = [0.0f32; 6];
        for it in items {
            sums.push(s);
            match it {
                Item::Box { width, kashida, .. } => {
                    s[0] += width;
                    s[3] += width;
                    if let Some(k) = kashida {
                        s[1] += k.max;
                        s[4] += k.max;
                    }
                }
                Item::Glue { width, stretch, shrink, .. } => {
                    s[0] += width;
                    s[1] += stretch;
                    s[2] += shrink;
                    if *stretch >= FILL {
                        s[5] += stretch;
                    }
                }
                Item::Penalty { .. } => {}
            }
        }
        sums.push(s);
        let mut next_box = scratch::take(|s| &mut s.next_box, items.len() + 1);
        next_box.resize(items.len() + 1, items.len());
        for i in (0..items.len()).rev() {
            next_box[i] = if matches!(items[i], Item::Box { .. }) { i } else { next_box[i + 1] };
        }
        Kp { items, widths, justify, ragged, sums, next_box }
    }

    /// Whether line `line` (from 0) is justified.
    pub(super) fn justified(&self, line: usize) -> bool {
        self.justify && line >= self.ragged
    }

    /// The width of line `line` (from 0).
    pub(super) fn width(&self, line: usize) -> f32 {
        self.widths[line.min(self.widths.len() - 1)]
    }

    /// Natural width of a line from item `start` to the break at `b`, less
    /// what may hang into the margin, and its stretch, shrink and box width.
    pub(super) fn measure(&self, start: usize, b: usize) -> (f32, f32, f32, f32) {
        let start = start.min(b);
        let (s0, s1) = (self.sums[start], self.sums[b]);
        let mut natural = s1[0] - s0[0];
        match &self.items[b] {
            // A forced break (a paragraph's end, a new line) comes after
            // glue; the word before that glue may hang its mark, as at any
            // line end.
            Item::Penalty { cost, .. } if *cost <= -INF && b >= 2 => {
                if let (Item::Glue { width, .. }, Item::Box { hang, .. }) = (&self.items[b - 1], &self.items[b - 2]) {
                    if *width == 0.0 {
                        natural -= hang;
                    }
                }
            }
            Item::Penalty { width, .. } => natural += width * (1.0 - protrusion('-')),
            Item::Glue { .. } if b > 0 => {
                if let Item::Box { hang, .. } = self.items[b - 1] {
                    natural -= hang;
                }
            }
            _ => {}
        }
        (natural, s1[1] - s0[1], s1[2] - s0[2], s1[3] - s0[3])
    }

    /// The kashida stretch of the words of a line from `start` to `b`.
    pub(super) fn kashida(&self, start: usize, b: usize) -> f32 {
        let start = start.min(b);
        self.sums[b][4] - self.sums[start][4]
    }

    /// The adjustment ratio of line `line`, from item `start` to the break
    /// at `b`: the share of the line's stretch (or shrink) it uses. A ragged
    /// line is judged against a virtual stretch, its spaces' own left out.
    fn ratio(&self, start: usize, b: usize, line: usize) -> f32 {
        let width = self.width(line);
        let (natural, stretch, shrink, boxes) = self.measure(start, b);
        let (stretch, shrink) = if self.justified(line) {
            (stretch + boxes * EXPANSION, shrink + boxes * EXPANSION)
        } else {
            let fill = self.sums[b][5] - self.sums[start.min(b)][5];
            (fill + width * RAGGED_STRETCH, 0.0)
        };
        if natural < width {
            if stretch > 0.0 { (width - natural) / stretch } else { f32::INFINITY }
        } else if natural > width {
            if shrink > 0.0 { (width - natural) / shrink } else { f32::NEG_INFINITY }
        } else {
            0.0
        }
    }

    pub(super) fn run(&self, tolerance: f64, hyphens: bool) -> Option<Vec<(usize, usize, f32)>> {
        let mut nodes = scratch::take(|s| &mut s.nodes, 64);
        let mut active = scratch::take(|s| &mut s.active, 16);
        let breaks = self.search(tolerance, hyphens, &mut nodes, &mut active);
        scratch::give(|s| &mut s.active, active);
        scratch::give(|s| &mut s.nodes, nodes);
        breaks
    }

    /// [`Kp::run`] with its nodes and active list in (empty) buffers.
    fn search(&self, tolerance: f64, hyphens: bool, nodes: &mut Vec<Node>, active: &mut Vec<usize>) -> Option<Vec<(usize, usize, f32)>> {
        nodes.push(Node { at: usize::MAX, start: 0, line: 0, fitness: 1, demerits: 0.0, streak: 0, prev: None });
        // Breaks are compared per class of the line they end: its index, up
        // to the last line width (after it, every line is alike). One width:
        // one class, and the search is the classic one.
        let classes = self.widths.len();
        let mut best: Vec<[Option<(f64, usize, f32)>; 4]> = vec![[None; 4]; classes];
        active.push(0usize);
        let last = self.items.len() - 1;
        for b in 0..self.items.len() {
            let (cost, flagged) = match &self.items[b] {
                // Not the glue just before a forced break: the break is
                // there, and a break at the glue left an empty line after it
                // (the last line of a paragraph alone at the top of the
                // next column, after an empty one).
                Item::Glue { .. } if b + 1 < self.items.len() && matches!(self.items[b + 1], Item::Penalty { cost, .. } if cost <= -INF) => continue,
                Item::Glue { .. } if b > 0 && matches!(self.items[b - 1], Item::Box { .. }) => (0.0, false),
                Item::Penalty { cost, flagged, hyphen, .. } if *cost < INF => {
                    if hyphen.is_some() && !hyphens {
                        continue;
                    }
                    (*cost, *flagged)
                }
                _ => continue,
            };
            let forced = cost <= -INF;
            best.iter_mut().for_each(|b| *b = [None; 4]);
            let mut deactivated_last = None;
            let mut i = 0;
            while i < active.len() {
                let a = &nodes[active[i]];
                let mut r = self.ratio(a.start, b, a.line);
                // The last line is set at its natural width.
                if b == last && r > 0.0 {
                    r = 0.0;
                }
                let fits = r >= -1.0;
                if fits {
                    // Not capped: in the last pass a line twice as loose must still
                    // cost more, so looseness is spread instead of piled up.
                    let badness = if r.is_finite() { 100.0 * f64::from(r.abs()).powi(3) } else { 1e12 };
                    let ok_streak = !(flagged && a.streak >= MAX_HYPHEN_STREAK);
                    if (badness <= tolerance || tolerance.is_infinite()) && ok_streak {
                        let mut d = (LINE_PENALTY + badness).powi(2);
                        if cost > 0.0 {
                            d += cost * cost;
                        } else if cost > -INF {
                            d -= cost * cost;
                        }
                        if flagged && a.streak > 0 {
                            d += DOUBLE_HYPHEN_DEMERITS;
                        }
                        if b == last && a.streak > 0 {
                            d += FINAL_HYPHEN_DEMERITS;
                        }
                        let fitness = if r < -0.5 { 0 } else if r <= 0.5 { 1 } else if r <= 1.0 { 2 } else { 3 };
                        if (fitness - i32::from(a.fitness)).abs() > 1 {
                            d += ADJ_DEMERITS;
                        }
                        d += a.demerits;
                        let slot = &mut best[(a.line + 1).min(classes - 1)][fitness as usize];
                        if slot.is_none_or(|(bd, _, _)| d < bd) {
                            *slot = Some((d, active[i], r));
                        }
                    }
                }
                if !fits || forced {
                    deactivated_last = Some(active.remove(i));
                } else {
                    i += 1;
                }
            }
            for class in &best {
                let min = class.iter().flatten().map(|(d, _, _)| *d).fold(f64::INFINITY, f64::min);
                for (fitness, slot) in class.iter().enumerate() {
                    if let Some((d, from, _)) = *slot {
                        if d <= min + ADJ_DEMERITS {
                            let streak = if flagged { nodes[from].streak + 1 } else { 0 };
                            nodes.push(Node {
                                at: b,
                                start: self.next_box[b + 1],
                                line: nodes[from].line + 1,
                                fitness: fitness as u8,
                                demerits: d,
                                streak,
                                prev: Some(from),
                            });
                            active.push(nodes.len() - 1);
                        }
                    }
                }
            }
            if active.is_empty() {
                if !tolerance.is_infinite() {
                    return None;
                }
                // Nothing fits: break here all the same. Overlong words were
                // split beforehand, so this only happens when a single
                // cluster is wider than the measure.
                let from = deactivated_last?;
                nodes.push(Node {
                    at: b,
                    start: self.next_box[b + 1],
                    line: nodes[from].line + 1,
                    fitness: 1,
                    demerits: nodes[from].demerits + INF * INF,
                    streak: 0,
                    prev: Some(from),
                });
                active.push(nodes.len() - 1);
            }
        }
        let end = active
            .iter()
            .copied()
            .filter(|&n| nodes[n].at == last)
            .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
        let mut breaks = Vec::new();
        let mut n = end;
        while let Some(p) = nodes[n].prev {
            let r = self.ratio(nodes[p].start, nodes[n].at, nodes[p].line);
            breaks.push((nodes[p].start, nodes[n].at, r));
            n = p;
        }
        breaks.reverse();
        Some(breaks)
    }
}
