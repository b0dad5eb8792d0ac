//! The links of the best path, each with its confidence.

use super::Link;
use super::dp;
use super::score::{BEADS, Parameters, Scorer};

/// The links of a path, with their confidences.
///
/// A link's confidence is how much worse the next best place for its ends is: each
/// point between two beads is moved by one sentence on either side or both (when the
/// two beads it joins stay beads), and the cheapest move's extra cost `Δ` gives
/// `1 / (1 + e^−Δ)`, 0.5 for a tie; a link is as sure as the less sure of its two
/// ends.
pub(super) fn links_of(scorer: &Scorer, parameters: &Parameters, steps: &[dp::Step]) -> Vec<Link> {
    let pair = |a: usize, t: usize| scorer.pair(a, t);
    let cost_between = |from: (usize, usize), to: (usize, usize)| -> Option<f64> {
        let shape = (to.0.checked_sub(from.0)?, to.1.checked_sub(from.1)?);
        let bead = BEADS.iter().position(|&bead| bead == shape)?;
        Some(scorer.bead_cost(parameters, bead, from.0..to.0, from.1..to.1, pair))
    };
    let points: Vec<(usize, usize)> = std::iter::once((0, 0))
        .chain(steps.iter().map(|step| step.end))
        .collect();
    let margins: Vec<f64> = (0..points.len())
        .map(|index| {
            let (Some(&before), Some(&after)) = (
                index.checked_sub(1).and_then(|before| points.get(before)),
                points.get(index + 1),
            ) else {
                // The texts' starts and ends are where they are.
                return f64::INFINITY;
            };
            let here = points[index];
            let through = |point: (usize, usize)| -> Option<f64> {
                Some(
                    cost_between(before, point)?
                        + cost_between(point, after)?
                        + scorer.boundary_cost(point.0, point.1),
                )
            };
            let Some(current) = through(here) else {
                return f64::INFINITY;
            };
            [
                (0, 1),
                (0, -1),
                (1, 0),
                (-1, 0),
                (1, 1),
                (-1, -1),
                (1, -1),
                (-1, 1),
            ]
            .into_iter()
            .filter_map(|(di, dj): (isize, isize)| {
                let moved = (
                    here.0.checked_add_signed(di)?,
                    here.1.checked_add_signed(dj)?,
                );
                // Between the points before and after (so inside the texts).
                let between = (before.0..=after.0).contains(&moved.0)
                    && (before.1..=after.1).contains(&moved.1);
                if between { through(moved) } else { None }
            })
            .fold(f64::INFINITY, |least, cost| least.min(cost - current))
        })
        .collect();
    let sigmoid = |x: f64| (1.0 / (1.0 + (-x).exp())) as f32;
    steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let (k, l) = BEADS[step.bead];
            let (i, j) = step.end;
            Link {
                article: i - k..i,
                translation: j - l..j,
                confidence: sigmoid(margins[index].min(margins[index + 1])),
            }
        })
        .collect()
}
