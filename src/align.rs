//! Sentence alignment: which sentences of a translation translate which sentences of
//! the article, however the translator cut, joined, dropped or added them.
//!
//! A service like `translate/` and `search/`: no egui, no file system. It takes the
//! article's sections and the translation's lines (or segments) as text and returns
//! an [`Alignment`]: both texts cut into [`Sentence`]s (exact byte ranges of their
//! section or line, see [`sentences`]) and the [`Link`]s between them, each with a
//! confidence.
//!
//! # How
//!
//! 1. Both texts are cut into sentences (`sentences.rs`), and each sentence is read
//!    for what can be compared across scripts (`features.rs`, `prepare.rs`): its
//!    length in characters; numbers in any digit system (`٢٠٢٣` = `۲۰۲۳` = `2023`); Latin-script tokens inside a
//!    non-Latin text (`ISSI`, `S-300`, `IA 24.KG`), looked for among the other
//!    side's words; quotation marks and brackets; with a [`Dictionary`], the words
//!    its words may translate to; with machine translations of the article's
//!    sentences, their character trigrams (bleualign's idea: the machine output is
//!    compared with the human translation in the translation's own language).
//! 2. A bead is a group of article sentences and the translation sentences that
//!    translate them: 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1. Its cost (`score.rs`)
//!    is Gale and Church's length cost (`length.rs`) plus the bead's prior, minus the
//!    evidence: shared numbers and Latin tokens, quotes on both sides, a
//!    log-likelihood ratio for the translation words the dictionary finds in the
//!    article sentence (against how often it finds them in a random sentence), the
//!    trigram overlap with the machine translation above chance; a bead ending where
//!    a section and a line both end costs less, one joining two sections' sentences
//!    more.
//! 3. Dynamic programming (`dp.rs`) finds the cheapest monotonic path of beads in a
//!    band around the diagonal the texts' lengths draw; a path touching the band's
//!    edge runs again in a band four times as wide. Nothing is fixed per language:
//!    a first pass with the texts' length ratio and generic priors is followed by a
//!    second with the length ratio and variance, the bead priors and the
//!    dictionary's hit rate re-estimated from the first pass's links (`estimate.rs`;
//!    a dictionary or machine translation that finds no more near the diagonal than
//!    by chance is left out).
//! 4. A link's confidence is how much the path would lose by moving one of the
//!    link's ends by a sentence (`1 / (1 + e^−Δ)` for the cheapest move `Δ`,
//!    `confidence.rs`).
//!
//! # Memory
//!
//! For `n` article and `m` translation sentences and a band of half-width `w` (30 to
//! start with), the path costs nine bytes per point of the band (one for the way
//! back, eight for what the two sentences share, kept for the second pass), about
//! `9 · n · (2w + 2m/n)` bytes, and the rows a few `f64`s per point of four rows: linear
//! in `n + m`, never `n · m` (a text small enough, `n · m` under 200,000, is aligned
//! in a full band, which is then also small; so is one side of at most 64 sentences
//! against a long other, up to 16 million points, where every window of a band is as
//! wide as the long side's share of a row anyway). The sentences' features are linear in
//! the texts.
//!
//! # Pins
//!
//! A [`Pin`] (the reader moved a translation sentence, or said "this translation
//! sentence goes with this article sentence") is a point `(i, j)` every path must
//! pass through. The DP takes them as they come (`dp.rs`): the band's windows are
//! cut so that row `i` of a pin holds only `j` (and rows between two pins only the
//! points between them), no bead jumps over a pinned row, and the diagonal is drawn
//! between pins rather than across the whole texts; everything between two pins is
//! aligned again around them ([`align_pinned`]).

mod column;
mod confidence;
mod dictionary;
mod dp;
mod estimate;
mod features;
mod length;
mod prepare;
mod score;
mod sentences;
mod within;

pub use column::{SentenceInput, UNSURE_BELOW, lines_fingerprint};
pub use dictionary::{Dictionary, TableDictionary};
pub use dp::{Pin, consistent_pins};
pub use sentences::sentences;
pub use within::{Linked, MAX_ROW_BYTES, RowLinks, RowLinksCache, Side};

use std::ops::Range;

use confidence::links_of;
use estimate::{dictionary_rates, rates, reestimate};
use length::LengthModel;
use prepare::{article_features, translation_features};
use score::{Parameters, Scorer};

/// More sentences than this on one side are not aligned (about a 3,000-page book).
pub const MAX_SENTENCES: usize = 1_000_000;

/// The half-width of the first band, in sentences.
const FIRST_HALF_WIDTH: usize = 30;

/// Texts with fewer points than this are aligned in a full band.
const FULL_BAND_POINTS: usize = 200_000;

/// A text with at most this many sentences against a much longer one (a paragraph
/// against a book, 100,000 one-word lines) is aligned in a full band at once, up to
/// [`FULL_BAND_MAX_POINTS`]: every window of a band is then as wide as the long
/// text's share of a row anyway, and the path, mostly sentences left unlinked,
/// would touch the edges of every narrower band tried before it.
const SHORT_SIDE_SENTENCES: usize = 64;

/// The most points a full band is given (nine bytes each, see the module doc).
const FULL_BAND_MAX_POINTS: usize = 16_000_000;

/// A sentence of a text: a byte range of one of its blocks (an article's section, a
/// translation's line or segment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The block it is in, from 0.
    pub block: usize,
    /// Its bytes in the block's text.
    pub range: Range<usize>,
}

/// A group of article sentences and the translation sentences that translate them.
/// One side may be empty: article sentences the translation leaves out, or
/// translation sentences with nothing in the article (a translator's note, a title).
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Article sentences, as indices into [`Alignment::article`].
    pub article: Range<usize>,
    /// Translation sentences, as indices into [`Alignment::translation`].
    pub translation: Range<usize>,
    /// How sure the aligner is of it, from 0 to 1: 0.5 when moving one of its ends
    /// by a sentence would cost as little, near 1 when every such move costs much
    /// more.
    pub confidence: f32,
}

impl Link {
    /// Whether both sides have sentences.
    pub fn is_two_sided(&self) -> bool {
        !self.article.is_empty() && !self.translation.is_empty()
    }
}

/// Two texts aligned sentence by sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// The article's sentences, in order.
    pub article: Vec<Sentence>,
    /// The translation's sentences, in order.
    pub translation: Vec<Sentence>,
    /// Every sentence of both in exactly one link, in order.
    pub links: Vec<Link>,
}

impl Alignment {
    /// For each of the article's `sections` blocks, the translation sentences linked
    /// to its sentences, in order (a link spanning two sections goes to the first).
    pub fn translation_by_section(&self, sections: usize) -> Vec<Vec<usize>> {
        let mut by_section = vec![Vec::new(); sections];
        for link in self.links.iter().filter(|link| link.is_two_sided()) {
            if let Some(list) = self
                .article
                .get(link.article.start)
                .and_then(|sentence| by_section.get_mut(sentence.block))
            {
                list.extend(link.translation.clone());
            }
        }
        by_section
    }
}

/// Evidence the aligner may use besides the texts.
#[derive(Clone, Copy, Default)]
pub struct Evidence<'a> {
    /// A bilingual dictionary from the article's language to the translation's.
    pub dictionary: Option<&'a dyn Dictionary>,
    /// Machine translations of the article's sentences (one per sentence of
    /// [`split`]`(article)`, in order); ignored when the count differs.
    pub machine: Option<&'a [String]>,
}

/// Why two texts cannot be aligned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AlignError {
    /// The article has no sentence.
    #[error("the article has no text to align")]
    EmptyArticle,
    /// The translation has no sentence.
    #[error("the translation has no text to align")]
    EmptyTranslation,
    /// One side has more than [`MAX_SENTENCES`] sentences.
    #[error("too long to align ({sentences} sentences)")]
    TooLong {
        /// How many sentences it has.
        sentences: usize,
    },
}

/// The sentences of `blocks`, in order.
pub fn split(blocks: &[&str]) -> Vec<Sentence> {
    blocks
        .iter()
        .enumerate()
        .flat_map(|(block, text)| {
            sentences(text)
                .into_iter()
                .map(move |range| Sentence { block, range })
        })
        .collect()
}

/// The aligner's version: bumped whenever the same texts may align differently, so
/// an alignment cached by an older build is made again.
pub const VERSION: u32 = 1;

/// Aligns the article's `sections` with the translation's `lines`.
pub fn align(
    sections: &[&str],
    lines: &[&str],
    evidence: Evidence<'_>,
) -> Result<Alignment, AlignError> {
    align_pinned(sections, lines, evidence, &[])
}

/// Aligns the article's `sections` with the translation's `lines`, every path passing
/// through `pins` (in the order the reader made them: see [`consistent_pins`] for
/// which are kept when they contradict each other).
pub fn align_pinned(
    sections: &[&str],
    lines: &[&str],
    evidence: Evidence<'_>,
    pins: &[Pin],
) -> Result<Alignment, AlignError> {
    let article = split(sections);
    let translation = split(lines);
    if article.is_empty() {
        return Err(AlignError::EmptyArticle);
    }
    if translation.is_empty() {
        return Err(AlignError::EmptyTranslation);
    }
    let longest = article.len().max(translation.len());
    if longest > MAX_SENTENCES {
        return Err(AlignError::TooLong { sentences: longest });
    }
    let text = |blocks: &[&str], sentence: &Sentence| -> String {
        blocks[sentence.block][sentence.range.clone()].to_owned()
    };
    let article_texts: Vec<String> = article.iter().map(|s| text(sections, s)).collect();
    let translation_texts: Vec<String> = translation.iter().map(|s| text(lines, s)).collect();
    let scorer = Scorer::new(
        article_features(&article, &article_texts, evidence),
        translation_features(&translation, &translation_texts, evidence),
    );
    let pins = consistent_pins(pins, article.len(), translation.len());
    let links = align_sentences(&scorer, evidence, &pins);
    Ok(Alignment {
        article,
        translation,
        links,
    })
}

/// The translation point on the length diagonal at each article point, drawn from
/// pin to pin (from the texts' start to their end without pins).
fn diagonal(scorer: &Scorer, pins: &[Pin]) -> Vec<usize> {
    let (n, m) = (scorer.article.len(), scorer.translation.len());
    let ends: Vec<(usize, usize)> = std::iter::once((0, 0))
        .chain(pins.iter().map(|pin| (pin.article, pin.translation)))
        .chain(std::iter::once((n, m)))
        .collect();
    let mut centre = vec![0; n + 1];
    for piece in ends.windows(2) {
        let ((i0, j0), (i1, j1)) = (piece[0], piece[1]);
        let total_a: f64 = scorer.article[i0..i1].iter().map(|s| s.chars).sum();
        let total_t: f64 = scorer.translation[j0..j1].iter().map(|s| s.chars).sum();
        let (mut j, mut done_t, mut done_a) = (j0, 0.0, 0.0);
        for (i, point) in centre.iter_mut().enumerate().take(i1 + 1).skip(i0) {
            if i > i0 {
                done_a += scorer.article[i - 1].chars;
            }
            let share = if total_a > 0.0 { done_a / total_a } else { 0.0 };
            while j < j1 && (done_t + scorer.translation[j].chars / 2.0) / total_t.max(1.0) < share
            {
                done_t += scorer.translation[j].chars;
                j += 1;
            }
            *point = if i == i1 { j1 } else { j };
        }
    }
    centre
}

/// The best path of beads for the current parameters, widening the band until the
/// path stays inside it.
/// `half_width` is the band's half-width to start with, and becomes the one the path
/// fitted in (so the second pass starts there, with `cache` still valid).
fn best_path(
    scorer: &Scorer,
    parameters: &Parameters,
    centre: &[usize],
    pins: &[Pin],
    half_width: &mut usize,
    cache: &mut dp::PairCache,
) -> Vec<dp::Step> {
    let (n, m) = (scorer.article.len(), scorer.translation.len());
    loop {
        let band = dp::band(centre, m, *half_width, pins);
        match dp::best_path(scorer, parameters, &band, cache) {
            Some(path) if !path.touches_edge || *half_width >= m => return path.steps,
            Some(_) => *half_width = half_width.saturating_mul(4).min(m),
            // Not reachable with a band from `windows`; a one-sided path is the
            // honest answer if it ever were.
            None => {
                return (1..=n)
                    .map(|i| dp::Step {
                        bead: 1,
                        end: (i, 0),
                    })
                    .chain((1..=m).map(|j| dp::Step {
                        bead: 2,
                        end: (n, j),
                    }))
                    .collect();
            }
        }
    }
}

/// Aligns the sentences `scorer` holds: two passes, the second with parameters
/// estimated from the first.
fn align_sentences(scorer: &Scorer, evidence: Evidence<'_>, pins: &[Pin]) -> Vec<Link> {
    let (total_a, total_t) = scorer.total_chars();
    let centre = diagonal(scorer, pins);
    let mut parameters = Parameters::initial(LengthModel::initial(total_a, total_t));
    let rates = rates(scorer, &centre);
    if evidence.dictionary.is_some() {
        parameters.dictionary = rates
            .dictionary
            .and_then(|(near, chance)| dictionary_rates(near, chance));
    }
    if evidence.machine.is_some() {
        parameters.machine_chance = rates
            .trigrams
            .filter(|(near, chance)| *near > 1.3 * chance)
            .map(|(_, chance)| chance);
    }
    let (n, m) = (scorer.article.len(), scorer.translation.len());
    let points = (n + 1).saturating_mul(m + 1);
    let mut half_width = if points <= FULL_BAND_POINTS
        || n.min(m) <= SHORT_SIDE_SENTENCES && points <= FULL_BAND_MAX_POINTS
    {
        m
    } else {
        FIRST_HALF_WIDTH
    };
    let mut cache = dp::PairCache::default();
    let first = best_path(
        scorer,
        &parameters,
        &centre,
        pins,
        &mut half_width,
        &mut cache,
    );
    let parameters = reestimate(scorer, parameters, &first);
    let steps = best_path(
        scorer,
        &parameters,
        &centre,
        pins,
        &mut half_width,
        &mut cache,
    );
    links_of(scorer, &parameters, &steps)
}

#[cfg(test)]
mod tests;
