//! The best monotonic path of beads through a band, by dynamic programming in
//! memory linear in the texts' lengths.
//!
//! Points `(i, j)` mean "the first `i` article sentences and the first `j`
//! translation sentences are aligned". Row `i` holds only the points of its window
//! `lo(i)..=hi(i)`, around the diagonal the texts' lengths draw (where the same share
//! of both texts' characters is behind); the windows never shrink backwards, so every
//! row can be reached from the one before. Memory: the costs of the last four rows
//! (`f64`), what two sentences share for every point of the band (8 bytes, kept for
//! the second pass), and one byte per point of the band for the way back; for `n` article and `m` translation sentences and a
//! half-width `w`, about `(n + m) + 2·w·n` bytes plus `O(w + m/n)` for the rows.
//! A path that touches the band's edge means the band was too narrow: the caller
//! widens it and runs again.
//!
//! Pins ([`Pin`], the reader's corrections) are points every path passes through:
//! the row of a pin holds only its point, the rows between two pins only the points
//! between them (their limits), and no bead jumps over a pinned row. The diagonal is
//! drawn between pins (see `diagonal` in the parent), so the band follows them; a
//! path along a pin's limit is where the reader put it, not a band too narrow.

use super::score::{BEADS, Pair, Parameters, Scorer};

/// No way back: the point cannot be reached.
const UNREACHED: u8 = u8::MAX;

/// One bead of a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    /// Which bead (an index into [`BEADS`]).
    pub bead: usize,
    /// The point it ends at.
    pub end: (usize, usize),
}

/// A path, and whether it came near the band's edge.
#[derive(Clone, Debug)]
pub(crate) struct Path {
    /// The beads, in order.
    pub steps: Vec<Step>,
    /// Whether the path touched the edge of the band somewhere the band could grow.
    pub touches_edge: bool,
}

/// A point every path must pass through: the first `article` article sentences go
/// with the first `translation` translation sentences, and the rest with the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pin {
    /// Article sentences before the point.
    pub article: usize,
    /// Translation sentences before the point.
    pub translation: usize,
}

/// The pins a path can pass through together, in order, for texts of `n` article and
/// `m` translation sentences: pins outside the texts or on their first or last row
/// (which must also hold the texts' start and end) are left out, and of two pins
/// that contradict each other (crossing, or two points on one row) the later in
/// `pins` (the reader's newer correction) wins.
pub fn consistent_pins(pins: &[Pin], n: usize, m: usize) -> Vec<Pin> {
    let mut kept: Vec<Pin> = Vec::new();
    for pin in pins.iter().rev() {
        let inside = (1..n).contains(&pin.article) && pin.translation <= m;
        let agrees = kept.iter().all(|other| {
            (pin.article < other.article && pin.translation <= other.translation)
                || (pin.article > other.article && pin.translation >= other.translation)
        });
        if inside && agrees {
            kept.push(*pin);
        }
    }
    kept.sort_unstable();
    kept
}

/// The band a path is looked for in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Band {
    /// Each row's window of translation points, `lo..=hi`.
    pub windows: Vec<(usize, usize)>,
    /// How far each row's window may ever reach: the whole text, or the points between
    /// the pins around it.
    pub limits: Vec<(usize, usize)>,
    /// Rows with a pin, which no bead jumps over.
    pub pinned: Vec<bool>,
}

/// The band around the diagonal: `centre[i]` is the translation point on the diagonal
/// at article point `i`, and the window of row `i` spans the centres of rows `i - 1`
/// to `i + 1`, widened by `half_width` on both sides, then cut to the points between
/// the `pins` around it (which must be [`consistent_pins`]).
pub(crate) fn band(centre: &[usize], m: usize, half_width: usize, pins: &[Pin]) -> Band {
    let n = centre.len() - 1;
    let mut limits = vec![(0, m); n + 1];
    let mut pinned = vec![false; n + 1];
    let ends = std::iter::once(Pin {
        article: 0,
        translation: 0,
    })
    .chain(pins.iter().copied())
    .chain(std::iter::once(Pin {
        article: n,
        translation: m,
    }));
    let points: Vec<Pin> = ends.collect();
    for pair in points.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        for limit in &mut limits[from.article..=to.article] {
            *limit = (limit.0.max(from.translation), limit.1.min(to.translation));
        }
    }
    for pin in pins {
        pinned[pin.article] = true;
        limits[pin.article] = (pin.translation, pin.translation);
    }
    let windows = (0..=n)
        .map(|i| {
            let low = centre[i.saturating_sub(1)].saturating_sub(half_width);
            let high = (centre[(i + 1).min(n)] + half_width).min(m);
            let low = if i == 0 { 0 } else { low };
            let high = if i == n { m } else { high };
            let (floor, ceiling) = limits[i];
            let low = low.clamp(floor, ceiling);
            (low, high.clamp(low, ceiling))
        })
        .collect();
    Band {
        windows,
        limits,
        pinned,
    }
}

/// The pairs of one article sentence with the translation sentences `start..`.
struct PairRow {
    start: usize,
    pairs: Vec<Pair>,
}

/// What two sentences share, for every point of a band: computed by the first pass
/// through a band and read again by the second (the parameters change between
/// passes, what sentences share does not). One `Pair` (8 bytes) per point of the
/// band, plus three a row.
#[derive(Default)]
pub(crate) struct PairCache {
    band: Vec<(usize, usize)>,
    rows: Vec<PairRow>,
}

/// The best path through `band` (see [`band`]), or `None` when nothing reaches the
/// end (which a band from [`band`] never causes). `cache` keeps what sentences
/// share for the next pass through the same band.
pub(crate) fn best_path(
    scorer: &Scorer,
    parameters: &Parameters,
    band: &Band,
    cache: &mut PairCache,
) -> Option<Path> {
    let Band {
        windows: band,
        limits,
        pinned,
    } = band;
    let band = band.as_slice();
    let n = band.len() - 1;
    let m = band[n].1;
    if cache.band != band {
        cache.band = band.to_vec();
        cache.rows.clear();
    }
    // The way back, row after row.
    let mut row_offsets = Vec::with_capacity(n + 2);
    let mut total = 0;
    for &(low, high) in band {
        row_offsets.push(total);
        total += high - low + 1;
    }
    let mut back = vec![UNREACHED; total];
    // The costs of the last four rows (a bead spans up to three).
    let mut costs: [Vec<f64>; 4] = Default::default();
    for i in 0..=n {
        let (low, high) = band[i];
        if i > 0 && cache.rows.len() < i {
            // Article sentence i - 1 with the translation sentences this row and the
            // next three can pair it with.
            let start = low.saturating_sub(3);
            let end = (high + 3).min(m);
            cache.rows.push(PairRow {
                start,
                pairs: (start..end).map(|t| scorer.pair(i - 1, t)).collect(),
            });
        }
        let rows = &cache.rows;
        let pair = |a: usize, t: usize| -> Pair {
            rows.get(a)
                .and_then(|row| row.pairs.get(t.checked_sub(row.start)?))
                .copied()
                .unwrap_or_else(|| scorer.pair(a, t))
        };
        costs.rotate_right(1);
        let mut row = std::mem::take(&mut costs[0]);
        row.clear();
        row.resize(high - low + 1, f64::INFINITY);
        for j in low..=high {
            let cell = j - low;
            if i == 0 && j == 0 {
                row[cell] = 0.0;
                continue;
            }
            let mut best = (f64::INFINITY, UNREACHED);
            for (bead, &(k, l)) in BEADS.iter().enumerate() {
                if k > i || l > j {
                    continue;
                }
                let (pi, pj) = (i - k, j - l);
                if k > 1 && pinned[pi + 1..i].iter().any(|&pin| pin) {
                    continue;
                }
                let (plow, phigh) = band[pi];
                if pj < plow || pj > phigh {
                    continue;
                }
                let previous = if k == 0 {
                    row[pj - low]
                } else {
                    costs[k][pj - plow]
                };
                if !previous.is_finite() {
                    continue;
                }
                let cost = previous + scorer.bead_cost(parameters, bead, pi..i, pj..j, pair);
                if cost < best.0 {
                    best = (cost, bead as u8);
                }
            }
            if best.1 != UNREACHED {
                row[cell] = best.0 + scorer.boundary_cost(i, j);
                back[row_offsets[i] + cell] = best.1;
            }
        }
        costs[0] = row;
    }
    // Back from the end.
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let mut touches_edge = false;
    while i > 0 || j > 0 {
        let (low, high) = band[i];
        let (floor, ceiling) = limits[i];
        if (j == low && low > floor) || (j == high && high < ceiling) {
            touches_edge = true;
        }
        let bead = back[row_offsets[i] + (j - low)];
        let (k, l) = *BEADS.get(usize::from(bead))?;
        steps.push(Step {
            bead: usize::from(bead),
            end: (i, j),
        });
        i -= k;
        j -= l;
    }
    steps.reverse();
    Some(Path {
        steps,
        touches_edge,
    })
}
