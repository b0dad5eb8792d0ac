//! The notes of a study deck: one per lemma, from the first place the lemma occurs.
//!
//! A note carries the word as it stands there (marks and all), the vocalised lemma,
//! the gloss and part of speech, the sentence it stands in (with where the word is in
//! it) and that sentence's translation where one is aligned. Its id and guid are
//! derived from the lemma alone, so a deck exported again, from the same article or
//! another, updates the notes Anki already has instead of adding copies.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use crate::model::vocabulary::{Vocabulary, WordStatus};

use super::{Lemmatizer, arabic_words};

/// Where sentences and their translations come from (the aligner, wired in the app).
pub trait SentenceSource {
    /// The sentences of section `section` (whose text is `text`), as byte ranges.
    fn sentences(&self, section: usize, text: &str) -> Vec<Range<usize>>;
    /// The translation of sentence `sentence` (an index into what
    /// [`Self::sentences`] gave) of section `section`, where one is aligned.
    fn translation(&self, section: usize, sentence: usize) -> Option<String>;
}

/// One note of a deck.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeckNote {
    /// The lemma id.
    pub lemma: Arc<str>,
    /// The lemma's status.
    pub status: WordStatus,
    /// The word as it stands in the text, with its marks.
    pub word: String,
    /// The lemma, vocalised, in Arabic script.
    pub lemma_vocalized: String,
    /// The gloss.
    pub gloss: String,
    /// The part of speech.
    pub pos: String,
    /// The sentence the lemma first occurs in.
    pub sentence: String,
    /// Where the word is in [`Self::sentence`].
    pub word_in_sentence: Range<usize>,
    /// That sentence's translation, where one is aligned.
    pub translation: Option<String>,
}

impl DeckNote {
    /// A hash of the lemma that stays the same across builds and machines (FNV-1a).
    fn lemma_hash(&self) -> u64 {
        format!("hamish-lemma:{}", self.lemma)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            })
    }

    /// The note's guid, from the lemma: Anki matches an imported note to the one it
    /// has by it.
    pub fn guid(&self) -> String {
        format!("hamish-{:016x}", self.lemma_hash())
    }

    /// The note's id, from the lemma. Anki reads a note id as its creation time in
    /// milliseconds, so it is kept within 2001–2033.
    pub fn note_id(&self) -> i64 {
        const BASE: u64 = 1_000_000_000_000;
        i64::try_from(BASE + self.lemma_hash() % BASE).unwrap_or(i64::MAX)
    }

    /// The sentence as HTML, the word in bold.
    pub fn sentence_html(&self) -> String {
        let range = &self.word_in_sentence;
        let (Some(before), Some(word), Some(after)) = (
            self.sentence.get(..range.start),
            self.sentence.get(range.clone()),
            self.sentence.get(range.end..),
        ) else {
            return html_escaped(&self.sentence);
        };
        format!(
            "{}<b>{}</b>{}",
            html_escaped(before),
            html_escaped(word),
            html_escaped(after)
        )
    }

    /// The fields, as HTML, in the order of [`FIELD_NAMES`].
    pub fn fields_html(&self) -> [String; 6] {
        [
            html_escaped(&self.word),
            html_escaped(&self.lemma_vocalized),
            html_escaped(&self.gloss),
            html_escaped(&self.pos),
            self.sentence_html(),
            self.translation
                .as_deref()
                .map(html_escaped)
                .unwrap_or_default(),
        ]
    }
}

/// The names of a note's fields.
pub const FIELD_NAMES: [&str; 6] = [
    "Word",
    "Lemma",
    "Gloss",
    "Part of speech",
    "Sentence",
    "Translation",
];

/// `text` with `& < > "` escaped and line breaks as `<br>`.
pub fn html_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\n' => escaped.push_str("<br>"),
            '\r' | '\t' => escaped.push(' '),
            c => {
                let _ = write!(escaped, "{c}");
            }
        }
    }
    escaped
}

/// One note per lemma of `sections` whose status is in `statuses` (every status when
/// `None`), in the order the lemmas first occur.
pub fn deck_notes(
    sections: &[&str],
    lemmatizer: &dyn Lemmatizer,
    vocabulary: &Vocabulary,
    statuses: Option<&[WordStatus]>,
    sentences: &dyn SentenceSource,
) -> Vec<DeckNote> {
    let mut notes = Vec::new();
    let mut seen: HashSet<Arc<str>> = HashSet::new();
    for (section, text) in sections.iter().enumerate() {
        let mut cut: Option<Vec<Range<usize>>> = None;
        let mut translations: HashMap<usize, Option<String>> = HashMap::new();
        for range in arabic_words(text) {
            let word = &text[range.clone()];
            let Some(reading) = lemmatizer.reading(word) else {
                continue;
            };
            if seen.contains(&reading.lemma) {
                continue;
            }
            seen.insert(reading.lemma.clone());
            let status = vocabulary.status(&reading.lemma);
            if statuses.is_some_and(|wanted| !wanted.contains(&status)) {
                continue;
            }
            let cut = cut.get_or_insert_with(|| sentences.sentences(section, text));
            let (index, sentence) = cut
                .iter()
                .enumerate()
                .find(|(_, s)| s.start <= range.start && range.end <= s.end)
                .map_or((None, 0..text.len()), |(index, s)| (Some(index), s.clone()));
            let translation = index.and_then(|index| {
                translations
                    .entry(index)
                    .or_insert_with(|| sentences.translation(section, index))
                    .clone()
            });
            notes.push(DeckNote {
                lemma: reading.lemma,
                status,
                word: word.to_owned(),
                lemma_vocalized: reading.lemma_vocalized,
                gloss: reading.gloss,
                pos: reading.pos,
                sentence: text[sentence.clone()].to_owned(),
                word_in_sentence: range.start - sentence.start..range.end - sentence.start,
                translation,
            });
        }
    }
    notes
}
