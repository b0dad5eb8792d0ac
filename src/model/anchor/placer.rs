//! Placing many anchors in one article: what [`super::place`] needs of the article,
//! worked out once.
//!
//! Placing an anchor that has lost its section compares it with every section (same
//! text, then similar words). Done from scratch for each anchor, that folded every
//! section's text again for every note: a sidecar of 300,000 notes or translations
//! whose sections are gone cost 300,000 × the article, minutes. A [`Placer`] folds
//! each section once and indexes it (by id, by folded text, by word), so an anchor
//! costs about its own length plus the sections that share its words.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use super::{Anchor, Placement, SECTION_TEXT_CHARS, SIMILAR_SECTION, place_quote};
use crate::model::fold::{Folded, fold};
use crate::model::section::Article;
use crate::model::section_id::SectionId;

/// An article made ready for placing anchors in it; see the module doc. Only the ids
/// are indexed at once: most anchors are found by theirs, and an article whose notes
/// all are never folds a word.
pub struct Placer<'a> {
    article: &'a Article,
    /// Each id's first section.
    by_id: HashMap<SectionId, usize>,
    /// The sections' texts folded and indexed, made when an anchor first needs them.
    folded: OnceCell<FoldedSections>,
    /// Each section's text folded with the way back, made when a quote first needs it.
    folded_with_map: OnceCell<Vec<Folded>>,
}

/// The sections' folded texts, indexed.
struct FoldedSections {
    /// Each section's folded text.
    texts: Vec<String>,
    /// Each folded text's first section.
    by_text: HashMap<String, usize>,
    /// The sections in the order of their folded texts, for finding a prefix.
    sorted: Vec<usize>,
    /// How many distinct words each section has.
    word_counts: Vec<usize>,
    /// Each word → the sections that have it, in order, each once.
    by_word: HashMap<String, Vec<usize>>,
}

impl FoldedSections {
    fn new(article: &Article) -> Self {
        let count = article.sections.len();
        let mut by_text = HashMap::with_capacity(count);
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut texts = Vec::with_capacity(count);
        let mut word_counts = Vec::with_capacity(count);
        for (index, section) in article.sections.iter().enumerate() {
            let text = fold(&section.text).as_string();
            let words = word_set(&text);
            word_counts.push(words.len());
            for word in words {
                by_word.entry(word.to_owned()).or_default().push(index);
            }
            by_text.entry(text.clone()).or_insert(index);
            texts.push(text);
        }
        let mut sorted: Vec<usize> = (0..texts.len()).collect();
        sorted.sort_by(|&a, &b| texts[a].cmp(&texts[b]).then(a.cmp(&b)));
        Self {
            texts,
            by_text,
            sorted,
            word_counts,
            by_word,
        }
    }
}

impl<'a> Placer<'a> {
    /// Indexes `article`'s sections by id (the rest when first needed).
    pub fn new(article: &'a Article) -> Self {
        let mut by_id = HashMap::with_capacity(article.sections.len());
        for (index, section) in article.sections.iter().enumerate() {
            by_id.entry(section.id).or_insert(index);
        }
        Self {
            article,
            by_id,
            folded: OnceCell::new(),
            folded_with_map: OnceCell::new(),
        }
    }

    fn folded(&self) -> &FoldedSections {
        self.folded
            .get_or_init(|| FoldedSections::new(self.article))
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
        let sections = self.folded();
        let stored = fold(&anchor.section_text).as_string();
        let truncated = anchor.section_text.chars().count() >= SECTION_TEXT_CHARS;
        let same_text = if truncated {
            // The sections whose folded text starts with the stored text sit together
            // in sorted order, from the first one not less than it.
            let from = sections
                .sorted
                .partition_point(|&index| sections.texts[index].as_str() < stored.as_str());
            sections.sorted[from..]
                .iter()
                .take_while(|&&index| sections.texts[index].starts_with(&stored))
                .min()
                .copied()
        } else {
            sections.by_text.get(&stored).copied()
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
        let sections = self.folded();
        let mut best: Option<(f32, usize)> = None;
        let mut consider = |index: usize, score: f32| {
            if score >= SIMILAR_SECTION && best.is_none_or(|(top, _)| score >= top) {
                best = Some((score, index));
            }
        };
        if words.is_empty() {
            // Two empty sets are alike (1.0); anything else scores 0.
            for (index, &count) in sections.word_counts.iter().enumerate() {
                if count == 0 {
                    consider(index, 1.0);
                }
            }
            return best.map(|(_, index)| index);
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in words {
            for &index in sections.by_word.get(*word).map_or(&[][..], Vec::as_slice) {
                *shared.entry(index).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = shared.into_iter().collect();
        candidates.sort_unstable();
        for (index, common) in candidates {
            let score = 2.0 * common as f32 / (words.len() + sections.word_counts[index]) as f32;
            consider(index, score);
        }
        best.map(|(_, index)| index)
    }
}

/// The distinct words of a folded text.
pub(super) fn word_set(folded: &str) -> HashSet<&str> {
    folded.split(' ').filter(|word| !word.is_empty()).collect()
}
