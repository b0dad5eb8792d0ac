//! Study decks (budget: a deck of 5,000 lemmas ≤ 2 s).
//!
//! - `deck_of_5000_lemmas`: an article of 500 sections of ten words, every word a
//!   lemma of its own, each section with a translation of two sentences: the notes
//!   built (sentences cut, each row aligned for its sentence's translation) and
//!   written as an `.apkg` or as text. Words are read as lemmas by a table, so the
//!   lexicon's look-ups (measured in `benches/gloss.rs`, 1–13 µs a word) are not in it.

use std::sync::Arc;

use hamish::app::study::AlignedSentences;
use hamish::model::vocabulary::Vocabulary;
use hamish::study::apkg::deck_apkg;
use hamish::study::tsv::deck_tsv;
use hamish::study::{Lemmatizer, Reading, deck_notes};

fn main() {
    divan::main();
}

const LETTERS: [char; 28] = [
    'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ',
    'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
];

/// The `n`th made-up word: four letters, all different words.
fn word(mut n: usize) -> String {
    let mut out = String::new();
    for _ in 0..4 {
        out.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
    }
    out
}

/// Every word its own lemma.
struct Table;

impl Lemmatizer for Table {
    fn reading(&self, word: &str) -> Option<Reading> {
        Some(Reading {
            lemma: Arc::from(word),
            lemma_vocalized: word.to_owned(),
            gloss: "a gloss;another sense".to_owned(),
            pos: "NOUN".to_owned(),
        })
    }
}

fn article() -> (Vec<String>, Vec<Option<String>>) {
    let sections: Vec<String> = (0..500)
        .map(|s| {
            let words: Vec<String> = (0..10).map(|w| word(s * 10 + w)).collect();
            format!("{}. {}.", words[..5].join(" "), words[5..].join(" "))
        })
        .collect();
    let translations = (0..500)
        .map(|s| {
            Some(format!(
                "The first sentence of row {s}. And the second one, {s}."
            ))
        })
        .collect();
    (sections, translations)
}

#[divan::bench(args = ["apkg", "tsv"], sample_count = 5)]
fn deck_of_5000_lemmas(bencher: divan::Bencher, format: &str) {
    let (sections, translations) = article();
    bencher.bench(|| {
        let texts: Vec<&str> = sections.iter().map(String::as_str).collect();
        let source = AlignedSentences {
            sections: &texts,
            translations: &translations,
        };
        let notes = deck_notes(&texts, &Table, &Vocabulary::default(), None, &source);
        assert_eq!(notes.len(), 5000);
        if format == "apkg" {
            deck_apkg(&notes, "Hamish::bench", 1_765_000_000_000)
                .expect("a package")
                .len()
        } else {
            deck_tsv(&notes).len()
        }
    });
}
