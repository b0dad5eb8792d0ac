//! Placing many anchors in one article: what [`super::place`] needs of the article,
//! worked out once.
//!
//! Placing an anchor that has lost its section compares it with every section (same
//! text, then similar words). Done from scratch for each anchor, that folded every
//! section's text again for every note: a sidecar of 300,000 notes or translations
//! whose sections are gone cost 300,000 × the article, minutes. A [`Placer`] folds
//! each section once and indexes it (by id, by folded text, by word), so an anchor
//! costs about its own length plus the sections that share its words.

use std::collections::{HashMap, HashSet};

use super::{Anchor, Placement, SECTION_TEXT_CHARS, SIMILAR_SECTION, place_quote};
use crate::model::fold::{Folded, fold};
use crate::model::section::Article;
use crate::model::section_id::SectionId;

/// An article made ready for placing anchors in it; see the module doc.
pub struct Placer<'a> {
    article: &'a Article,
    /// Each id's first section.
    by_id: HashMap<SectionId, usize>,
    /// Each section's folded text.
    folded: Vec<String>,
    /// Each folded text's first section.
    by_folded: HashMap<String, usize>,
    /// The sections in the order of their folded texts, for finding a prefix.
    sorted: Vec<usize>,
    /// How many distinct words each section has.
    word_counts: Vec<usize>,
    /// Each word → the sections that have it, in order, each once.
    by_word: HashMap<String, Vec<usize>>,
    /// Each section's text folded with the way back, made when a quote first needs it.
    folded_with_map: std::cell::OnceCell<Vec<Folded>>,
}

impl<'a> Placer<'a> {
    /// Folds and indexes `article`'s sections.
    pub fn new(article: &'a Article) -> Self {
        let mut by_id = HashMap::with_capacity(article.sections.len());
        let mut by_folded = HashMap::with_capacity(article.sections.len());
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut folded = Vec::with_capacity(article.sections.len());
        let mut word_counts = Vec::with_capacity(article.sections.len());
        for (index, section) in article.sections.iter().enumerate() {
            by_id.entry(section.id).or_insert(index);
            let text = fold(&section.text).as_string();
            let words = word_set(&text);
            word_counts.push(words.len());
            for word in words {
                by_word.entry(word.to_owned()).or_default().push(index);
            }
            by_folded.entry(text.clone()).or_insert(index);
            folded.push(text);
        }
        let mut sorted: Vec<usize> = (0..folded.len()).collect();
        sorted.sort_by(|&a, &b| folded[a].cmp(&folded[b]).then(a.cmp(&b)));
        Self {
            article,
            by_id,
            folded,
            by_folded,
            sorted,
            word_counts,
            by_word,
            folded_with_map: std::cell::OnceCell::new(),
        }
    }

    /// Finds `anchor` in the article, as [`super::place`] does.
    pub fn place(&self, anchor: &Anchor) -> Placement {
        let same_id = self.by_id.get(&anchor.section).copied();
        match &anchor.quote {
            None => self.place_section(anchor, same_id),
            Some(quote) => place_quote(quote, self.article, same_id, || {
                self.folded_with_map.get_or_init(|| {
                    self.article
                        .sections
                        .iter()
                        .map(|section| fold(&section.text))
                        .collect()
                })
            }),
        }
    }

    fn place_section(&self, anchor: &Anchor, same_id: Option<usize>) -> Placement {
        if let Some(index) = same_id {
            return Placement::Section(index);
        }
        let stored = fold(&anchor.section_text).as_string();
        let truncated = anchor.section_text.chars().count() >= SECTION_TEXT_CHARS;
        let same_text = if truncated {
            // The sections whose folded text starts with the stored text sit together
            // in sorted order, from the first one not less than it.
            let from = self
                .sorted
                .partition_point(|&index| self.folded[index].as_str() < stored.as_str());
            self.sorted[from..]
                .iter()
                .take_while(|&&index| self.folded[index].starts_with(&stored))
                .min()
                .copied()
        } else {
            self.by_folded.get(&stored).copied()
        };
        if let Some(index) = same_text {
            return Placement::Section(index);
        }
        self.most_similar(&word_set(&stored))
            .map_or(Placement::Orphan, Placement::Section)
    }

    /// The section most similar to `words` by their Dice coefficient, at least
    /// [`SIMILAR_SECTION`]; the last of equals, as the scan over all sections chose.
    /// Only sections sharing a word can score above zero, so only those are counted.
    fn most_similar(&self, words: &HashSet<&str>) -> Option<usize> {
        let mut best: Option<(f32, usize)> = None;
        let mut consider = |index: usize, score: f32| {
            if score >= SIMILAR_SECTION && best.is_none_or(|(top, _)| score >= top) {
                best = Some((score, index));
            }
        };
        if words.is_empty() {
            // Two empty sets are alike (1.0); anything else scores 0.
            for (index, &count) in self.word_counts.iter().enumerate() {
                if count == 0 {
                    consider(index, 1.0);
                }
            }
            return best.map(|(_, index)| index);
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in words {
            for &index in self.by_word.get(*word).map_or(&[][..], Vec::as_slice) {
                *shared.entry(index).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = shared.into_iter().collect();
        candidates.sort_unstable();
        for (index, common) in candidates {
            let score = 2.0 * common as f32 / (words.len() + self.word_counts[index]) as f32;
            consider(index, score);
        }
        best.map(|(_, index)| index)
    }
}

/// The distinct words of a folded text.
pub(super) fn word_set(folded: &str) -> HashSet<&str> {
    folded.split(' ').filter(|word| !word.is_empty()).collect()
}
