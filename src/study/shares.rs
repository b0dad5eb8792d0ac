//! How much of an article the reader knows: the share of its running words whose
//! lemma is known, and the share of its lemmas still new; and each lemma counted.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use crate::model::vocabulary::{Vocabulary, WordStatus};

use super::LemmaWord;

/// The counts behind the shares. Ignored lemmas count nowhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shares {
    /// Running words (with a lemma, not ignored).
    pub words: usize,
    /// Of those, words whose lemma is known.
    pub known_words: usize,
    /// Distinct lemmas (not ignored).
    pub lemmas: usize,
    /// Of those, lemmas still new.
    pub new_lemmas: usize,
}

impl Shares {
    /// The share of running words known, 0–1 (0 for no words).
    pub fn known_share(&self) -> f32 {
        ratio(self.known_words, self.words)
    }

    /// The share of lemmas still new, 0–1 (0 for no lemmas).
    pub fn new_share(&self) -> f32 {
        ratio(self.new_lemmas, self.lemmas)
    }

    /// "72% known · 18% new lemmas", for a header or a library row.
    pub fn summary(&self) -> String {
        format!(
            "{:.0}% known · {:.0}% new lemmas",
            self.known_share() * 100.0,
            self.new_share() * 100.0
        )
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "word counts far below 2^24 are exact in f32; a share needs no more"
)]
fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// The shares of the words of every section in `sections`.
pub fn shares<'a>(
    sections: impl IntoIterator<Item = &'a [LemmaWord]>,
    vocabulary: &Vocabulary,
) -> Shares {
    let mut counted = Shares::default();
    let mut seen: HashSet<&Arc<str>> = HashSet::new();
    for words in sections {
        for word in words {
            let status = vocabulary.status(&word.lemma);
            if status == WordStatus::Ignored {
                continue;
            }
            counted.words += 1;
            counted.known_words += usize::from(status == WordStatus::Known);
            if seen.insert(&word.lemma) {
                counted.lemmas += 1;
                counted.new_lemmas += usize::from(status == WordStatus::New);
            }
        }
    }
    counted
}

/// One lemma of an article: its status, how often it occurs and in which forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LemmaCount {
    /// The lemma id.
    pub lemma: Arc<str>,
    /// Its status.
    pub status: WordStatus,
    /// How many running words read as it.
    pub occurrences: usize,
    /// The forms it takes in the text, as written.
    pub forms: BTreeSet<String>,
}

/// Every lemma of the sections (`(text, words)` pairs), most frequent first (then by
/// lemma id).
pub fn lemma_counts<'a>(
    sections: impl IntoIterator<Item = (&'a str, &'a [LemmaWord])>,
    vocabulary: &Vocabulary,
) -> Vec<LemmaCount> {
    let mut by_lemma: BTreeMap<Arc<str>, LemmaCount> = BTreeMap::new();
    for (text, words) in sections {
        for word in words {
            let count = by_lemma
                .entry(word.lemma.clone())
                .or_insert_with(|| LemmaCount {
                    lemma: word.lemma.clone(),
                    status: vocabulary.status(&word.lemma),
                    occurrences: 0,
                    forms: BTreeSet::new(),
                });
            count.occurrences += 1;
            if let Some(form) = text.get(word.range.clone()) {
                count.forms.insert(form.to_owned());
            }
        }
    }
    let mut counts: Vec<LemmaCount> = by_lemma.into_values().collect();
    counts.sort_by(|a, b| {
        b.occurrences
            .cmp(&a.occurrences)
            .then(a.lemma.cmp(&b.lemma))
    });
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(lemma: &str, at: usize) -> LemmaWord {
        LemmaWord {
            range: at..at + 1,
            lemma: Arc::from(lemma),
        }
    }

    #[test]
    fn known_words_by_running_text_and_new_lemmas_by_lemma() {
        let words = [
            word("a", 0),
            word("a", 1),
            word("a", 2),
            word("b", 3),
            word("c", 4),
        ];
        let mut vocabulary = Vocabulary::default();
        vocabulary.set("a", WordStatus::Known, 1);
        vocabulary.set("c", WordStatus::Ignored, 1);
        let counted = shares([&words[..]], &vocabulary);
        assert_eq!(
            counted,
            Shares {
                words: 4,
                known_words: 3,
                lemmas: 2,
                new_lemmas: 1
            }
        );
        assert_eq!(counted.summary(), "75% known · 50% new lemmas");
    }
}
