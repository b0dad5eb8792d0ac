//! The folder the search benchmarks run on: 10,000 generated articles of 20 sections
//! each, with an English translation of every section and three notes per article.
//! Words are drawn (with a fixed seed) from the bundled sample articles, diacritics
//! and all, so folding has real work to do. One rare word ([`RARE`]) is put in one
//! article; [`common`] is the vocabulary's most frequent word.
//!
//! Shared by `benches/search.rs` and `benches/search-tantivy/`, so both measure the
//! same texts. Plain data, so that the tantivy crate need not depend on Hamish.

#![allow(dead_code)]

use std::path::PathBuf;

/// What a text is: a section, its translation, a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A section.
    Article,
    /// Its English translation.
    Translation,
    /// A note on it.
    Note,
}

/// One text of an article.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The section, from 0.
    pub section: usize,
    /// What it is.
    pub kind: Kind,
    /// A translation's language.
    pub language: Option<String>,
    /// The text.
    pub text: String,
}

/// An article's texts.
#[derive(Clone, Debug)]
pub struct Searchable {
    /// Its title.
    pub title: String,
    /// Its texts in reading order.
    pub entries: Vec<Entry>,
}

/// How many articles.
pub const ARTICLES: usize = 10_000;
/// Sections per article.
pub const SECTIONS: usize = 20;
/// A word found in one article only.
pub const RARE: &str = "زَنْجَبِيلٌ";
/// The article holding [`RARE`].
pub const RARE_ARTICLE: usize = 7_777;

const ENGLISH: &[&str] = &[
    "the",
    "book",
    "of",
    "knowledge",
    "and",
    "world",
    "city",
    "river",
    "said",
    "people",
    "history",
    "ancient",
    "new",
    "light",
    "road",
    "house",
    "king",
    "prayer",
    "market",
    "night",
    "scholar",
    "language",
    "poem",
    "letter",
    "school",
    "teacher",
    "student",
    "mountain",
    "sea",
    "travel",
    "story",
    "in",
    "with",
    "from",
    "to",
    "was",
    "is",
    "they",
    "we",
    "our",
];

/// The words of the bundled sample articles (Arabic, Persian, Urdu, Hebrew), with
/// their diacritics.
pub fn vocabulary() -> Vec<String> {
    // From the repository's root (benches/search.rs) or from benches/search-tantivy.
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let samples = [
        manifest.join("assets/samples"),
        manifest.join("../../assets/samples"),
    ]
    .into_iter()
    .find(|folder| folder.is_dir())
    .expect("the sample articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&samples)
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "txt") && !path.to_string_lossy().contains(".en.")
        })
        .collect();
    files.sort();
    let mut words: Vec<String> = files
        .iter()
        .flat_map(|path| {
            std::fs::read_to_string(path)
                .expect("sample")
                .split_whitespace()
                .filter(|word| word.chars().any(char::is_alphabetic))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(words.len() > 200, "the samples have words");
    words.truncate(20_000);
    words
}

/// The vocabulary's most frequent word of at least three letters.
pub fn common(vocabulary: &[String]) -> String {
    let mut counts = std::collections::HashMap::<&str, usize>::new();
    for word in vocabulary.iter().filter(|word| word.chars().count() >= 3) {
        *counts.entry(word.as_str()).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts[0].0.to_owned()
}

fn sentence(rng: &mut fastrand::Rng, words: &[String], length: usize) -> String {
    (0..length)
        .map(|_| words[rng.usize(..words.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn english(rng: &mut fastrand::Rng, length: usize) -> String {
    (0..length)
        .map(|_| ENGLISH[rng.usize(..ENGLISH.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The articles, with their paths.
pub fn articles(vocabulary: &[String]) -> Vec<(PathBuf, Searchable)> {
    let mut rng = fastrand::Rng::with_seed(11);
    (0..ARTICLES)
        .map(|number| {
            let mut entries = Vec::new();
            for section in 0..SECTIONS {
                let mut text = sentence(&mut rng, vocabulary, if section == 0 { 6 } else { 30 });
                if number == RARE_ARTICLE && section == 5 {
                    text.push(' ');
                    text.push_str(RARE);
                }
                entries.push(Entry {
                    section,
                    kind: Kind::Article,
                    language: None,
                    text,
                });
                entries.push(Entry {
                    section,
                    kind: Kind::Translation,
                    language: Some("en".to_owned()),
                    text: english(&mut rng, 30),
                });
                if section % 7 == 3 {
                    entries.push(Entry {
                        section,
                        kind: Kind::Note,
                        language: None,
                        text: format!(
                            "{} #{}",
                            sentence(&mut rng, vocabulary, 8),
                            ENGLISH[(section * 7) % ENGLISH.len()]
                        ),
                    });
                }
            }
            let title = entries[0].text.clone();
            (
                PathBuf::from(format!("/articles/{:02}/{number:05}.txt", number % 50)),
                Searchable { title, entries },
            )
        })
        .collect()
}
