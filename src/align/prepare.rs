//! What the aligner reads in each sentence of both texts before aligning them (see
//! `features.rs` for the pieces): lengths, anchors, the dictionary's translations of
//! the article's words (each distinct word asked once), the translation's own words,
//! machine translations' trigrams, and where sections and lines end.

use std::collections::HashMap;

use super::features::{Anchors, arabic_words, trigrams, word_key, word_keys};
use super::score::SentenceFeatures;
use super::{Evidence, Sentence};

/// Whether the first letter of `text` is not a Latin one: its Latin tokens are then
/// anchors.
fn has_foreign_latin(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| !(c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}')))
}

/// The features of the article's sentences.
pub(super) fn article_features(
    sentences: &[Sentence],
    texts: &[String],
    evidence: Evidence<'_>,
) -> Vec<SentenceFeatures> {
    let mut translations_of: HashMap<&str, Vec<u64>> = HashMap::new();
    let machine = evidence
        .machine
        .filter(|machine| machine.len() == sentences.len());
    sentences
        .iter()
        .enumerate()
        .map(|(index, sentence)| {
            let text = texts[index].as_str();
            let mut dictionary = Vec::new();
            if let Some(lexicon) = evidence.dictionary {
                for word in article_words(text) {
                    let keys = translations_of.entry(word).or_insert_with(|| {
                        lexicon
                            .translations_of_word(word)
                            .iter()
                            .flat_map(|gloss| gloss_keys(gloss))
                            .collect()
                    });
                    dictionary.extend_from_slice(keys);
                }
                for term in lexicon.translations_of_terms(text) {
                    dictionary.extend(gloss_keys(&term));
                }
                dictionary.sort_unstable();
                dictionary.dedup();
            }
            SentenceFeatures {
                chars: text.chars().count() as f64,
                anchors: Anchors::of(text, has_foreign_latin(text)),
                latin_words: Anchors::latin_words(text),
                dictionary,
                trigrams: machine.map(|m| trigrams(&m[index])).unwrap_or_default(),
                ends_block: sentences
                    .get(index + 1)
                    .is_none_or(|next| next.block != sentence.block),
            }
        })
        .collect()
}

/// The words of an article sentence the dictionary is asked about.
fn article_words(text: &str) -> Vec<&str> {
    let arabic: Vec<&str> = arabic_words(text).collect();
    if !arabic.is_empty() {
        return arabic;
    }
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .collect()
}

/// The keys of the words of one dictionary translation (a gloss may hold several
/// words and senses: `armed forces;military`).
fn gloss_keys(gloss: &str) -> impl Iterator<Item = u64> + '_ {
    gloss
        .split(|c: char| !c.is_alphabetic())
        .filter_map(word_key)
}

/// The features of the translation's sentences.
pub(super) fn translation_features(
    sentences: &[Sentence],
    texts: &[String],
    evidence: Evidence<'_>,
) -> Vec<SentenceFeatures> {
    let machine = evidence.machine.is_some();
    sentences
        .iter()
        .enumerate()
        .map(|(index, sentence)| {
            let text = texts[index].as_str();
            SentenceFeatures {
                chars: text.chars().count() as f64,
                anchors: Anchors::of(text, has_foreign_latin(text)),
                latin_words: Anchors::latin_words(text),
                dictionary: if evidence.dictionary.is_some() {
                    word_keys(text)
                } else {
                    Vec::new()
                },
                trigrams: if machine { trigrams(text) } else { Vec::new() },
                ends_block: sentences
                    .get(index + 1)
                    .is_none_or(|next| next.block != sentence.block),
            }
        })
        .collect()
}
