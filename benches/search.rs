//! Search over a folder of 10,000 generated articles, each with an English
//! translation of its 20 sections and three notes (see `search_corpus/`): the
//! issue's bound is one query in 50 ms.
//!
//! - `build_10000`: indexing the articles' texts (folding them), from memory.
//! - `query_*`: one query over the whole index, results ranked and the best 200
//!   articles' matches mapped back to the original text, as the app lists them:
//!   a common word, a rare word, a two-word phrase, and a word with Arabic prefixes.
//! - Memory: the index's own count of the text it holds, and the process's resident
//!   memory before and after building it, printed before the benchmarks.
//!
//! Measured 2026-11-23 on the shared 2-core machine under load (release): build 1.2 s
//! for 98 MB of text, the index holding 223 MB (resident memory 157 → 439 MB); one
//! query: common word 35 ms, rare word 16 ms, two-word phrase 17 ms, common word with
//! prefixes 35 ms. tantivy on the same articles and queries: build 8.6 s, index 81 MB,
//! 110 ms, 0.016 ms, 11 ms, 111 ms (see `benches/search-tantivy/README.md`).
//!
//! The same queries through tantivy, with an Arabic-folding tokenizer, are measured
//! by `benches/search-tantivy/` (a crate of its own, outside the workspace, so
//! tantivy is not compiled for the app):
//! `cargo run --release --manifest-path benches/search-tantivy/Cargo.toml`.

#[path = "search_corpus/mod.rs"]
mod search_corpus;
mod support;

use std::sync::LazyLock;

use hamish::search::{Entry, Kind, Query, SearchIndex, SearchOptions, Searchable};

/// How many articles a query lists, as the app's results list does.
const LISTED: usize = 200;

static VOCABULARY: LazyLock<Vec<String>> = LazyLock::new(search_corpus::vocabulary);
static ARTICLES: LazyLock<Vec<(std::path::PathBuf, Searchable)>> = LazyLock::new(|| {
    search_corpus::articles(&VOCABULARY)
        .into_iter()
        .map(|(path, article)| (path, searchable(article)))
        .collect()
});
static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| build(&ARTICLES));

/// The corpus's article as the index takes it.
fn searchable(article: search_corpus::Searchable) -> Searchable {
    Searchable {
        title: article.title,
        entries: article
            .entries
            .into_iter()
            .map(|entry| Entry {
                section: entry.section,
                kind: match entry.kind {
                    search_corpus::Kind::Article => Kind::Article,
                    search_corpus::Kind::Translation => Kind::Translation,
                    search_corpus::Kind::Note => Kind::Note,
                },
                language: entry.language,
                text: entry.text,
            })
            .collect(),
    }
}

fn build(articles: &[(std::path::PathBuf, Searchable)]) -> SearchIndex {
    let mut index = SearchIndex::default();
    for (path, searchable) in articles {
        assert!(
            index.insert(path.clone(), searchable.clone()),
            "within the limit"
        );
    }
    index
}

fn main() {
    let text_mb = ARTICLES
        .iter()
        .flat_map(|(_, article)| &article.entries)
        .map(|entry| entry.text.len())
        .sum::<usize>()
        / (1024 * 1024);
    let before = support::resident_mb();
    let started = std::time::Instant::now();
    let index = &*INDEX;
    println!(
        "index of {} articles ({text_mb} MB of text): built in {:?}, holds {} MB; resident memory {before} MB before, {} MB after",
        index.len(),
        started.elapsed(),
        index.bytes() / (1024 * 1024),
        support::resident_mb(),
    );
    for (name, query, prefixes) in queries() {
        let query = Query::new(&query, SearchOptions { prefixes }).expect("query");
        let results = index.search(&query, LISTED);
        println!(
            "{name}: {} articles, {} matches listed",
            results.articles.len() + results.more_articles,
            results.match_count()
        );
    }
    divan::main();
}

fn queries() -> [(&'static str, String, bool); 4] {
    let common = search_corpus::common(&VOCABULARY);
    let phrase = ARTICLES[42].1.entries[2]
        .text
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    [
        ("common", common.clone(), false),
        ("rare", search_corpus::RARE.to_owned(), false),
        ("phrase", phrase, false),
        ("prefixes", common, true),
    ]
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn build_10000(bencher: divan::Bencher<'_, '_>) {
    let articles = &*ARTICLES;
    bencher.bench(|| build(articles));
}

fn query(bencher: divan::Bencher<'_, '_>, which: usize) {
    let index = &*INDEX;
    let (_, text, prefixes) = queries()[which].clone();
    let query = Query::new(&text, SearchOptions { prefixes }).expect("query");
    bencher.bench(|| index.search(&query, LISTED));
}

#[divan::bench(sample_count = 20)]
fn query_common(bencher: divan::Bencher<'_, '_>) {
    query(bencher, 0);
}

#[divan::bench(sample_count = 20)]
fn query_rare(bencher: divan::Bencher<'_, '_>) {
    query(bencher, 1);
}

#[divan::bench(sample_count = 20)]
fn query_phrase(bencher: divan::Bencher<'_, '_>) {
    query(bencher, 2);
}

#[divan::bench(sample_count = 20)]
fn query_prefixes(bencher: divan::Bencher<'_, '_>) {
    query(bencher, 3);
}
