//! The cost of a bead (a group of article sentences translated by a group of
//! translation sentences): minus the log of how likely it is, from the length model,
//! the bead's prior, and the evidence that crosses the two texts (anchors, the
//! dictionary, machine translations). Lower is better; the aligner finds the path of
//! beads with the lowest total.

use std::ops::Range;

use super::features::{Anchors, shared};
use super::length::LengthModel;

/// The beads, as (article sentences, translation sentences).
pub(crate) const BEADS: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (1, 3),
    (3, 1),
];

/// Prior probabilities of the beads before they are estimated from a first pass
/// (Gale and Church's, with the rarer 1-3 and 3-1 added).
const INITIAL_PRIORS: [f64; 8] = [0.86, 0.005, 0.005, 0.05, 0.06, 0.011, 0.006, 0.003];

/// How much a number found on both sides of a bead counts (in nats): a number is
/// rarely repeated in neighbouring sentences, so a shared one is strong evidence.
const NUMBER_MATCH: f64 = 2.5;
/// A Latin-script token of one side found on the other (`ISSI`, `KG`).
const LATIN_MATCH: f64 = 2.0;
/// Quotation marks or brackets on both sides of a bead, or on one side only.
const QUOTES_BOTH: f64 = 0.7;
/// See [`QUOTES_BOTH`].
const QUOTES_ONE_SIDE: f64 = 0.5;
/// A bead ending where both a section of the article and a line of the translation
/// end: the translator kept the paragraph.
const BOTH_BLOCKS_END: f64 = 2.0;
/// A bead joining article sentences of two sections: translators rarely join
/// paragraphs into one sentence.
const CROSSES_SECTIONS: f64 = 3.0;
/// A bead joining translation sentences of two lines.
const CROSSES_LINES: f64 = 0.7;
/// How much a machine translation's character-trigram overlap counts (per unit of
/// Dice coefficient above chance).
const MACHINE_WEIGHT: f64 = 25.0;

/// What the aligner knows of one sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct SentenceFeatures {
    /// Its length in characters.
    pub chars: f64,
    /// Its anchors.
    pub anchors: Anchors,
    /// Every Latin-script token in it, for the other side's Latin anchors.
    pub latin_words: Vec<u64>,
    /// Article side: the keys of its words' dictionary translations; translation
    /// side: the keys of its own words.
    pub dictionary: Vec<u64>,
    /// Article side: the trigrams of its machine translation; translation side: its
    /// own trigrams. Empty without machine translations.
    pub trigrams: Vec<u64>,
    /// Whether it is the last sentence of its section (article) or line (translation).
    pub ends_block: bool,
}

/// What two sentences share.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Pair {
    /// Numbers on both.
    pub numbers: u16,
    /// Latin-script anchors of one found on the other.
    pub latin: u16,
    /// Translation words found among the article sentence's dictionary translations.
    pub dictionary: u16,
    /// Trigrams shared by the article sentence's machine translation and the
    /// translation sentence.
    pub trigrams: u16,
}

/// The parameters estimated from the texts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Parameters {
    /// The length model.
    pub length: LengthModel,
    /// The costs (minus log priors) of the beads, in [`BEADS`] order.
    pub bead_costs: [f64; 8],
    /// How often a translation word is found in its own article sentence's dictionary
    /// translations, and in a random one's: `None` without a dictionary.
    pub dictionary: Option<(f64, f64)>,
    /// The Dice trigram overlap of a random pair; `None` without machine translations.
    pub machine_chance: Option<f64>,
}

impl Parameters {
    /// The priors' costs from probabilities.
    pub fn bead_costs_of(priors: &[f64; 8]) -> [f64; 8] {
        priors.map(|p| -p.max(1e-6).ln())
    }

    /// The parameters before a first pass.
    pub fn initial(length: LengthModel) -> Self {
        Self {
            length,
            bead_costs: Self::bead_costs_of(&INITIAL_PRIORS),
            dictionary: None,
            machine_chance: None,
        }
    }

    /// The bead priors re-estimated from how often each bead was used in a first pass
    /// (`counts`, in [`BEADS`] order), pulled toward the initial ones so a short text
    /// does not rule a bead out.
    pub fn with_bead_counts(mut self, counts: &[usize; 8]) -> Self {
        const WEIGHT: f64 = 30.0;
        let total: usize = counts.iter().sum();
        let mut priors = [0.0; 8];
        for (index, prior) in priors.iter_mut().enumerate() {
            *prior =
                (counts[index] as f64 + WEIGHT * INITIAL_PRIORS[index]) / (total as f64 + WEIGHT);
        }
        self.bead_costs = Self::bead_costs_of(&priors);
        self
    }
}

/// Sums over the sentences of one side, for constant-time bead totals.
#[derive(Clone, Debug, Default)]
struct PrefixSums {
    chars: Vec<f64>,
    numbers: Vec<u32>,
    quotes: Vec<u32>,
    dictionary: Vec<u32>,
    trigrams: Vec<u32>,
}

impl PrefixSums {
    fn of(sentences: &[SentenceFeatures]) -> Self {
        let mut sums = Self {
            chars: vec![0.0],
            numbers: vec![0],
            quotes: vec![0],
            dictionary: vec![0],
            trigrams: vec![0],
        };
        for sentence in sentences {
            let last = sums.chars.len() - 1;
            sums.chars.push(sums.chars[last] + sentence.chars);
            sums.numbers
                .push(sums.numbers[last] + sentence.anchors.numbers.len() as u32);
            sums.quotes
                .push(sums.quotes[last] + u32::from(sentence.anchors.quotes));
            sums.dictionary
                .push(sums.dictionary[last] + sentence.dictionary.len() as u32);
            sums.trigrams
                .push(sums.trigrams[last] + sentence.trigrams.len() as u32);
        }
        sums
    }
}

/// The sentences of both texts, ready to be scored.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scorer {
    /// The article's sentences.
    pub article: Vec<SentenceFeatures>,
    /// The translation's sentences.
    pub translation: Vec<SentenceFeatures>,
    article_sums: PrefixSums,
    translation_sums: PrefixSums,
}

impl Scorer {
    /// A scorer of these sentences.
    pub fn new(article: Vec<SentenceFeatures>, translation: Vec<SentenceFeatures>) -> Self {
        Self {
            article_sums: PrefixSums::of(&article),
            translation_sums: PrefixSums::of(&translation),
            article,
            translation,
        }
    }

    /// Total characters of each side.
    pub fn total_chars(&self) -> (f64, f64) {
        (
            self.article_sums.chars.last().copied().unwrap_or(0.0),
            self.translation_sums.chars.last().copied().unwrap_or(0.0),
        )
    }

    /// What article sentence `a` and translation sentence `t` share.
    pub fn pair(&self, a: usize, t: usize) -> Pair {
        let (article, translation) = (&self.article[a], &self.translation[t]);
        let clamp = |count: u32| count.min(u32::from(u16::MAX)) as u16;
        let dictionary = if article.dictionary.is_empty() {
            0
        } else {
            translation
                .dictionary
                .iter()
                .filter(|key| article.dictionary.binary_search(key).is_ok())
                .count() as u32
        };
        Pair {
            numbers: clamp(shared(
                &article.anchors.numbers,
                &translation.anchors.numbers,
            )),
            latin: clamp(
                shared(&article.anchors.latin, &translation.latin_words)
                    + shared(&translation.anchors.latin, &article.latin_words),
            ),
            dictionary: clamp(dictionary),
            trigrams: clamp(shared(&article.trigrams, &translation.trigrams)),
        }
    }

    /// The cost of bead `bead` (an index into [`BEADS`]) joining article sentences
    /// `a` and translation sentences `t`, with `pair` telling what two sentences
    /// share (the aligner caches it).
    pub fn bead_cost(
        &self,
        parameters: &Parameters,
        bead: usize,
        a: Range<usize>,
        t: Range<usize>,
        pair: impl Fn(usize, usize) -> Pair,
    ) -> f64 {
        let (sa, st) = (&self.article_sums, &self.translation_sums);
        let article_chars = sa.chars[a.end] - sa.chars[a.start];
        let translation_chars = st.chars[t.end] - st.chars[t.start];
        // A sentence left out or added is as likely long as short: only a bead with
        // both sides has a length cost.
        let mut cost = parameters.bead_costs[bead];
        if !a.is_empty() && !t.is_empty() {
            cost += parameters.length.cost(article_chars, translation_chars);
        }
        if a.len() > 1
            && self.article[a.start..a.end - 1]
                .iter()
                .any(|s| s.ends_block)
        {
            cost += CROSSES_SECTIONS;
        }
        if t.len() > 1
            && self.translation[t.start..t.end - 1]
                .iter()
                .any(|s| s.ends_block)
        {
            cost += CROSSES_LINES;
        }
        if a.is_empty() || t.is_empty() {
            return cost;
        }
        // For each translation sentence, what the article sentence closest to it
        // shares: summing over every pair would count a word found in two article
        // sentences twice, and make joining sentences pay.
        let mut shared = Pair::default();
        for translation in t.clone() {
            let mut best = Pair::default();
            for article in a.clone() {
                let p = pair(article, translation);
                best.numbers = best.numbers.max(p.numbers);
                best.latin = best.latin.max(p.latin);
                best.dictionary = best.dictionary.max(p.dictionary);
                best.trigrams = best.trigrams.max(p.trigrams);
            }
            shared.numbers = shared.numbers.saturating_add(best.numbers);
            shared.latin = shared.latin.saturating_add(best.latin);
            shared.dictionary = shared.dictionary.saturating_add(best.dictionary);
            shared.trigrams = shared.trigrams.saturating_add(best.trigrams);
        }
        let numbers =
            (sa.numbers[a.end] - sa.numbers[a.start]).min(st.numbers[t.end] - st.numbers[t.start]);
        cost -= NUMBER_MATCH * f64::from(u32::from(shared.numbers).min(numbers));
        cost -= LATIN_MATCH * f64::from(shared.latin);
        let quotes_a = sa.quotes[a.end] - sa.quotes[a.start];
        let quotes_t = st.quotes[t.end] - st.quotes[t.start];
        if quotes_a > 0 && quotes_t > 0 {
            cost -= QUOTES_BOTH;
        } else if (quotes_a > 0) != (quotes_t > 0) {
            cost += QUOTES_ONE_SIDE;
        }
        if let Some((hit, chance)) = parameters.dictionary {
            let words = f64::from(st.dictionary[t.end] - st.dictionary[t.start]);
            let hits = f64::from(shared.dictionary).min(words);
            cost -=
                hits * (hit / chance).ln() + (words - hits) * ((1.0 - hit) / (1.0 - chance)).ln();
        }
        if let Some(chance) = parameters.machine_chance {
            let total = f64::from(
                sa.trigrams[a.end] - sa.trigrams[a.start] + st.trigrams[t.end]
                    - st.trigrams[t.start],
            );
            if total > 0.0 {
                let dice = 2.0 * f64::from(shared.trigrams) / total;
                cost -= MACHINE_WEIGHT * (dice - chance);
            }
        }
        cost
    }

    /// The cost of the point after article sentence `i` and translation sentence `j`
    /// (counted from 1) when it ends a bead: lower when both end a block there.
    pub fn boundary_cost(&self, i: usize, j: usize) -> f64 {
        if i == 0 || j == 0 || i == self.article.len() && j == self.translation.len() {
            return 0.0;
        }
        let article_ends = i == self.article.len() || self.article[i - 1].ends_block;
        let translation_ends = j == self.translation.len() || self.translation[j - 1].ends_block;
        if article_ends && translation_ends {
            -BOTH_BLOCKS_END
        } else {
            0.0
        }
    }
}
