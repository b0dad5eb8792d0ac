//! Gale and Church's length model (1993): the translation of `l` characters is about
//! `ratio · l` characters long, with a variance proportional to `l`. The ratio and
//! the variance are estimated from the texts being aligned (see
//! [`LengthModel::estimate`]), not fixed per language pair.

/// The length model of one pair of texts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LengthModel {
    /// Translation characters per article character.
    pub ratio: f64,
    /// The variance of a translation's length, per article character, in translation
    /// characters squared.
    pub variance: f64,
}

/// Gale and Church's variance per character (6.8 for English–German and
/// English–French), the starting point before it is estimated from the texts.
const INITIAL_VARIANCE: f64 = 6.8;

impl LengthModel {
    /// The model before anything is known but the texts' total lengths.
    pub fn initial(article_chars: f64, translation_chars: f64) -> Self {
        // Pulled toward 1 by a few hundred characters, so that in a short text a
        // long note or title does not set the ratio.
        const PULL_CHARS: f64 = 300.0;
        let ratio = (translation_chars + PULL_CHARS) / (article_chars + PULL_CHARS);
        Self {
            ratio,
            variance: INITIAL_VARIANCE * ratio,
        }
    }

    /// The model re-estimated from sentence pairs believed to be translations of each
    /// other (`(article chars, translation chars)`): the ratio of their totals, and a
    /// variance from the median squared deviation (robust against the few wrong
    /// pairs a first alignment makes). With fewer than five pairs `self` is kept.
    pub fn estimate(self, pairs: &[(f64, f64)]) -> Self {
        let pairs: Vec<&(f64, f64)> = pairs.iter().filter(|(a, t)| *a > 0.0 && *t > 0.0).collect();
        if pairs.len() < 5 {
            return self;
        }
        let (total_a, total_t) = pairs
            .iter()
            .fold((0.0, 0.0), |(a, t), (la, lt)| (a + la, t + lt));
        let ratio = total_t / total_a;
        let mut deviations: Vec<f64> = pairs
            .iter()
            .map(|(la, lt)| (lt - ratio * la).powi(2) / la)
            .collect();
        deviations.sort_by(f64::total_cmp);
        // The median of a χ² variable with one degree of freedom is 0.455 times its
        // mean.
        let median = deviations[deviations.len() / 2] / 0.455;
        let variance = median.clamp(0.5 * ratio, 40.0 * ratio);
        Self { ratio, variance }
    }

    /// The cost (minus the log probability) of `article` characters being translated
    /// by `translation` characters.
    pub fn cost(&self, article: f64, translation: f64) -> f64 {
        if article == 0.0 && translation == 0.0 {
            return 0.0;
        }
        let mean = (article + translation / self.ratio) / 2.0;
        let delta = (translation - self.ratio * article) / (mean * self.variance).sqrt();
        // P(|δ| at least this large) = erfc(|δ| / √2).
        -ln_erfc(delta.abs() / std::f64::consts::SQRT_2)
    }
}

/// `ln(erfc(x))` for `x ≥ 0`, from Numerical Recipes' Chebyshev fit (relative error
/// below 1.2·10⁻⁷), in log space so that large `x` does not underflow to `ln 0`.
pub(crate) fn ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let polynomial = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() - x * x + polynomial
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_is_right_and_never_infinite() {
        assert!((ln_erfc(0.0)).abs() < 1e-6);
        assert!((ln_erfc(1.0) - 0.157_299_207_f64.ln()).abs() < 1e-5);
        assert!(ln_erfc(40.0).is_finite());
    }

    #[test]
    fn a_translation_of_the_expected_length_costs_least() {
        let model = LengthModel::initial(1000.0, 1200.0);
        assert!(model.cost(100.0, 120.0) < model.cost(100.0, 60.0));
        assert!(model.cost(100.0, 120.0) < model.cost(100.0, 240.0));
        let estimated = model.estimate(&[(100.0, 121.0); 6]);
        assert!((estimated.ratio - 1.21).abs() < 1e-9);
        assert!(estimated.variance >= 0.5 * estimated.ratio);
    }
}
