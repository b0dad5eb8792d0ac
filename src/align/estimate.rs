//! Estimating the aligner's parameters from the texts being aligned: how often the
//! dictionary and the machine translation find a translation's words near the
//! diagonal and by chance, and, after a first pass, the length model, the bead
//! priors and the dictionary's hit rate from the links it made.

use super::dp;
use super::score::{BEADS, Parameters, Scorer};

/// What sentences share, on average, near the diagonal (where translations are)
/// and far from it (by chance).
pub(super) struct Rates {
    /// The share of translation words found among an article sentence's dictionary
    /// translations: (near, by chance); `None` when no word has a key.
    pub dictionary: Option<(f64, f64)>,
    /// The Dice trigram overlap with the machine translation: (near, by chance);
    /// `None` without trigrams.
    pub trigrams: Option<(f64, f64)>,
}

/// Estimates [`Rates`]: near, the best of the three translation sentences around the
/// diagonal; by chance, the one half the translation away.
pub(super) fn rates(scorer: &Scorer, centre: &[usize]) -> Rates {
    let (n, m) = (scorer.article.len(), scorer.translation.len());
    let step = (n / 400).max(1);
    let dice = |a: usize, t: usize, shared: u16| -> Option<f64> {
        let grams =
            (scorer.article[a].trigrams.len() + scorer.translation[t].trigrams.len()) as f64;
        (grams > 0.0).then(|| 2.0 * f64::from(shared) / grams)
    };
    let words = |t: usize| scorer.translation[t].dictionary.len() as f64;
    let mut near = [0.0; 4];
    let mut far = [0.0; 4];
    for a in (0..n).step_by(step) {
        let t = (centre[a] + m / 2) % m;
        let pair = scorer.pair(a, t);
        far[0] += f64::from(pair.dictionary);
        far[1] += words(t);
        if let Some(dice) = dice(a, t, pair.trigrams) {
            far[2] += dice;
            far[3] += 1.0;
        }
        let around = centre[a].saturating_sub(1)..(centre[a] + 2).min(m);
        let best = around
            .clone()
            .max_by(|&x, &y| {
                let rate = |t: usize| f64::from(scorer.pair(a, t).dictionary) / words(t).max(1.0);
                rate(x).total_cmp(&rate(y))
            })
            .unwrap_or(t);
        near[0] += f64::from(scorer.pair(a, best).dictionary);
        near[1] += words(best);
        if let Some(best_dice) = around
            .filter_map(|t| dice(a, t, scorer.pair(a, t).trigrams))
            .max_by(f64::total_cmp)
        {
            near[2] += best_dice;
            near[3] += 1.0;
        }
    }
    let rate = |sums: [f64; 4], at: usize| (sums[at + 1] > 0.0).then(|| sums[at] / sums[at + 1]);
    // By chance, pulled toward a prior (a hit in twenty words, a Dice of 0.1) by a
    // few observations' weight: in a short text the sentence half the text away may
    // well be a translation too.
    let chance = |sums: [f64; 4], at: usize, prior: f64, weight: f64| {
        (sums[at + 1] > 0.0).then(|| (sums[at] + prior * weight) / (sums[at + 1] + weight))
    };
    Rates {
        dictionary: rate(near, 0).zip(chance(far, 0, 0.05, 20.0)),
        trigrams: rate(near, 2).zip(chance(far, 2, 0.1, 2.0)),
    }
}

/// The dictionary's hit rates (in a translation, by chance) for the bead cost, or
/// `None` when the dictionary does not tell translations from chance (a translation
/// in another language than the dictionary's, a dictionary that knows no word).
pub(super) fn dictionary_rates(near: f64, chance: f64) -> Option<(f64, f64)> {
    let chance = chance.clamp(0.005, 0.5);
    (near >= 1.5 * chance + 0.02).then(|| (near.clamp(1.5 * chance, 0.9), chance))
}

/// The parameters re-estimated from a first pass's `steps`.
pub(super) fn reestimate(
    scorer: &Scorer,
    parameters: Parameters,
    steps: &[dp::Step],
) -> Parameters {
    let mut counts = [0; 8];
    let mut lengths = Vec::new();
    let (mut hits, mut words) = (0.0, 0.0);
    for step in steps {
        counts[step.bead] += 1;
        if BEADS[step.bead] == (1, 1) {
            let (a, t) = (step.end.0 - 1, step.end.1 - 1);
            lengths.push((scorer.article[a].chars, scorer.translation[t].chars));
            hits += f64::from(scorer.pair(a, t).dictionary);
            words += scorer.translation[t].dictionary.len() as f64;
        }
    }
    let mut estimated = parameters.with_bead_counts(&counts);
    estimated.length = parameters.length.estimate(&lengths);
    if let Some((_, chance)) = parameters.dictionary
        && words >= 20.0
    {
        estimated.dictionary = dictionary_rates(hits / words, chance);
    }
    estimated
}
