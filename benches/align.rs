//! Sentence alignment under load (budgets: sample 003 with a translation cut
//! differently ≤ 20 ms; 10,000 sections against a 12,000-sentence translation ≤ 1 s
//! and ≤ 200 MB).
//!
//! - `sample_003`: the article with the test set's `regrouped` translation (three
//!   sentences a line, across section ends), with the gloss lexicon as the
//!   dictionary, as `hamish align` runs it.
//! - `ten_thousand_sections`: 10,000 sections (each a sentence of samples 002 and
//!   003, over and over) against their English, 11,000 sentences one a line, with the
//!   lexicon as dictionary.
//! - `bad_input`: sample 003 against translations that are not one: 100,000
//!   one-word lines, its English fifty times over, lines of only digits (budget: the
//!   large case's, 1 s).
//!
//! Before divan runs, `main` aligns the large case once and prints the peak resident
//! memory it reached (`VmHWM`). `cargo test --benches` runs everything once, with
//! the large case at 1,000 sections.

mod support;

use std::path::Path;
use std::sync::OnceLock;

use hamish::align::{Evidence, align, split};
use hamish::app::align_dictionary::LexiconDictionary;
use hamish::gloss::{Analyzer, default_folder};
use hamish::import::read_article;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::load(&default_folder()).expect("the bundled lexicon"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Sample 003's sections and the `regrouped` case's lines.
fn sample_003_texts() -> (Vec<String>, Vec<String>) {
    let article =
        read_article(&root().join("assets/samples/003_2dd66c1bbdc4b7f0.txt")).expect("sample 003");
    let translation = std::fs::read_to_string(
        root().join("tests/fixtures/align/cases/003/regrouped/translation.en.txt"),
    )
    .expect("the regrouped case");
    (
        article.sections.iter().map(|s| s.text.clone()).collect(),
        translation.lines().map(str::to_owned).collect(),
    )
}

/// About `sections` sections, each a sentence of samples 002 and 003 (the two in
/// turn, over and over), and their English (the test set's translations), one
/// sentence a line: about 1.1 English sentences an Arabic one.
fn large(sections: usize) -> (Vec<String>, Vec<String>) {
    let mut arabic = Vec::new();
    let mut english = Vec::new();
    for (name, sample) in [
        ("002", "002_9ffee1fcac2a99ef.txt"),
        ("003", "003_2dd66c1bbdc4b7f0.txt"),
    ] {
        let article = read_article(&root().join("assets/samples").join(sample)).expect("sample");
        let texts: Vec<&str> = article.sections.iter().map(|s| s.text.as_str()).collect();
        arabic.extend(
            split(&texts)
                .iter()
                .map(|s| texts[s.block][s.range.clone()].to_owned()),
        );
        english.extend(
            std::fs::read_to_string(root().join(format!("tests/fixtures/align/{name}.en.tsv")))
                .expect("tagged translation")
                .lines()
                .filter(|line| !line.starts_with('#'))
                .filter_map(|line| Some(line.split_once('\t')?.1.to_owned())),
        );
    }
    let rounds = sections.div_ceil(arabic.len());
    let again = |texts: &[String]| -> Vec<String> {
        (0..rounds).flat_map(|_| texts.iter().cloned()).collect()
    };
    (again(&arabic), again(&english))
}

fn run(article: &[String], translation: &[String]) -> usize {
    let dictionary = LexiconDictionary {
        analyzer: Some(analyzer()),
        glossary: None,
    };
    let sections: Vec<&str> = article.iter().map(String::as_str).collect();
    let lines: Vec<&str> = translation.iter().map(String::as_str).collect();
    let evidence = Evidence {
        dictionary: Some(&dictionary),
        machine: None,
    };
    align(&sections, &lines, evidence)
        .expect("aligns")
        .links
        .len()
}

fn main() {
    let sections = if support::full_run() { 10_000 } else { 1_000 };
    let _ = analyzer();
    let (article, translation) = large(sections);
    let before = support::peak_resident_mb();
    let links = run(&article, &translation);
    println!(
        "aligning {} sections with {} translation sentences: {links} links; peak resident memory {} MB (before aligning: {before} MB with the lexicon loaded; budget ≤ 200 MB)",
        article.len(),
        translation.len(),
        support::peak_resident_mb()
    );
    divan::main();
}

#[divan::bench(sample_count = 30)]
fn sample_003(bencher: divan::Bencher) {
    let _ = analyzer();
    let (article, translation) = sample_003_texts();
    bencher.bench(|| run(&article, &translation));
}

#[divan::bench(sample_count = 5)]
fn ten_thousand_sections(bencher: divan::Bencher) {
    let _ = analyzer();
    let sections = if support::full_run() { 10_000 } else { 1_000 };
    let (article, translation) = large(sections);
    bencher.bench(|| run(&article, &translation));
}

#[divan::bench(sample_count = 5, args = ["100,000 one-word lines", "50× longer", "only digits"])]
fn bad_input(bencher: divan::Bencher, case: &str) {
    let _ = analyzer();
    let (article, english) = sample_003_texts();
    let translation: Vec<String> = match case {
        "100,000 one-word lines" => (0..100_000).map(|i| format!("word{}", i % 97)).collect(),
        "50× longer" => (0..50).flat_map(|_| english.iter().cloned()).collect(),
        _ => (0..1000).map(|i| (2000 + i).to_string()).collect(),
    };
    bencher.bench(|| run(&article, &translation));
}
