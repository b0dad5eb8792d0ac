//! The Arabic morphological gloss under load (budgets: load ≤ 300 ms, in the
//! background; one look-up ≤ 50 µs).
//!
//! - `load_lexicon`: reading and indexing the six BAMA files from `assets/lexicon/`.
//! - `analyze_word`: one word each, from a one-analysis word to the richest seed
//!   words, with and without tashkeel, and a word the lexicon does not know.
//! - `analyze_seed_words`: every distinct word of the seed articles, once each
//!   (divided by their number, the mean cost of a word in real text).

use std::sync::OnceLock;

use hamish::gloss::{Analyzer, default_folder};

fn main() {
    divan::main();
}

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::load(&default_folder()).expect("the bundled lexicon"))
}

#[divan::bench(sample_count = 20)]
fn load_lexicon() -> Analyzer {
    Analyzer::load(&default_folder()).expect("the bundled lexicon")
}

#[divan::bench(args = ["وقال", "للجنة", "ووقّعت", "المسلحين", "تَكُونُ", "كونفرنس", "المنظمه"])]
fn analyze_word(bencher: divan::Bencher, word: &str) {
    let analyzer = analyzer();
    bencher.bench(|| analyzer.analyze(divan::black_box(word)));
}

#[divan::bench]
fn analyze_seed_words(bencher: divan::Bencher) {
    let analyzer = analyzer();
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut words: Vec<String> = std::fs::read_dir(folder)
        .expect("the samples")
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .flat_map(|text| {
            text.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    println!("{} distinct seed words", words.len());
    bencher
        .counter(divan::counter::ItemsCount::new(words.len()))
        .bench(|| {
            for word in &words {
                divan::black_box(analyzer.analyze(word));
            }
        });
}
