//! Studying an article: each Arabic word read as a lemma, the reader's status of each
//! lemma (see [`crate::model::vocabulary`]), how much of an article the reader knows,
//! and decks of its lemmas for Anki.
//!
//! A service like `search/` and `align/`: no egui, no file system. It does not know
//! the morphological analyser: a word's lemma comes through the small
//! [`Lemmatizer`] trait, which the app implements with the gloss lexicon's first
//! ranked analysis (`app::study`). Nor does it cut sentences or align them: a deck
//! takes both through [`deck::SentenceSource`].
//!
//! Words are Unicode words (UAX #29) holding at least one Arabic letter; digits,
//! Latin and punctuation are not words to study. Everything is computed per section,
//! once: a reading view asks [`section_words`] when a section first comes into view
//! and keeps the answer, so marking words costs a look-up per word per frame, not an
//! analysis.

pub mod apkg;
pub mod deck;
pub mod shares;
pub mod tsv;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation as _;

pub use deck::{DeckNote, SentenceSource, deck_notes};
pub use shares::{LemmaCount, Shares, lemma_counts, shares};

/// How a word is read: its lemma and what a card says of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The lemma's id, the same on every machine (`kitAb_1`).
    pub lemma: Arc<str>,
    /// The lemma, vocalised, in Arabic script (`كِتاب`).
    pub lemma_vocalized: String,
    /// The stem's English gloss.
    pub gloss: String,
    /// The stem's part of speech (`NOUN`, `VERB_PERFECT`).
    pub pos: String,
}

/// What reads a word as a lemma.
pub trait Lemmatizer {
    /// How `word` (a word as it stands in the text, marks and all) is read; `None`
    /// for a word that cannot be read (not in the lexicon).
    fn reading(&self, word: &str) -> Option<Reading>;
}

/// A [`Lemmatizer`] that remembers what it was asked, word form by word form: an
/// article repeats its words, and a lexicon look-up costs microseconds.
pub struct CachedLemmatizer<L> {
    inner: L,
    cache: std::sync::Mutex<HashMap<String, Option<Reading>>>,
}

impl<L: Lemmatizer> CachedLemmatizer<L> {
    /// Remembers what `inner` says.
    pub fn new(inner: L) -> Self {
        Self {
            inner,
            cache: std::sync::Mutex::new(HashMap::new()),
        }
    }
}

impl<L: Lemmatizer> Lemmatizer for CachedLemmatizer<L> {
    fn reading(&self, word: &str) -> Option<Reading> {
        if let Ok(cache) = self.cache.lock()
            && let Some(known) = cache.get(word)
        {
            return known.clone();
        }
        let reading = self.inner.reading(word);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(word.to_owned(), reading.clone());
        }
        reading
    }
}

/// One word of a section and its lemma.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LemmaWord {
    /// The word's bytes in the section's text.
    pub range: Range<usize>,
    /// Its lemma id.
    pub lemma: Arc<str>,
}

/// Whether `c` is an Arabic letter (not a mark, a digit or punctuation).
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// The Arabic words of `text`: their byte ranges, in order.
pub fn arabic_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_word_bound_indices()
        .filter(|(_, word)| word.chars().any(is_arabic_letter))
        .map(|(start, word)| start..start + word.len())
}

/// The Arabic words of `text` that `lemmatizer` can read, with their lemmas.
pub fn section_words(text: &str, lemmatizer: &dyn Lemmatizer) -> Vec<LemmaWord> {
    arabic_words(text)
        .filter_map(|range| {
            let reading = lemmatizer.reading(&text[range.clone()])?;
            Some(LemmaWord {
                range,
                lemma: reading.lemma,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_arabic_words_only() {
        let text = "قال «الرئيس» 24 مرة IA 24.KG وَالكِتَابُ.";
        let words: Vec<&str> = arabic_words(text).map(|r| &text[r]).collect();
        assert_eq!(words, ["قال", "الرئيس", "مرة", "وَالكِتَابُ"]);
    }
}
