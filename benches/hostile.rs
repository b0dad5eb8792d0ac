//! Hostile files (issue 25, item 8): well formed, built to make a reader do far more
//! work than their size suggests. Each must cost near-linear time in its size.
//!
//! - `tmx_languages` / `xliff_languages`: a TMX unit in 5,000 languages, an XLIFF of
//!   5,000 units each in a language of its own, from bytes to translation files (or
//!   the refusal past `MAX_LANGUAGES`).
//! - `export_sidecar`: `hamish export --format bilingual-md` on an article whose
//!   sidecar holds 100,000 entries of one kind (alignment fixes, lists of fixes,
//!   translations and notes of sections that are gone, cached machine translations),
//!   from the files to the text written: the sidecar read, its columns resolved, the
//!   export made. Budget: ≤ 1 s each.
//! - `open_sidecar`: the window's share of the same, `ArticleNotes::open`.
//! - `export_orphans_long_article`: `hamish export --format markdown` of a 1,000-
//!   section article whose sidecar holds 100,000 notes on sections that are gone: each
//!   note is looked for in every section.
//!
//! The figures before and after the fix are in BENCHMARKS.md. `cargo test --benches`
//! runs each once with 2,000 entries.

mod support;

#[path = "../tests/common/hostile.rs"]
#[allow(dead_code)]
mod hostile;

use std::path::PathBuf;
use std::sync::OnceLock;

use hamish::app::ExportJob;
use hamish::export::ExportFormat;
use hamish::import::ArticleFormat;
use hamish::import::translation::parse_translation;
use hamish::model::translation::TranslationFormat;
use hamish::store::ArticleNotes;
use hostile::Flood;

fn main() {
    divan::main();
}

fn entries() -> usize {
    if support::full_run() { 100_000 } else { 2_000 }
}

const LANGUAGES: usize = 5_000;

#[divan::bench]
fn tmx_languages(bencher: divan::Bencher) {
    let bytes = hostile::tmx_languages(LANGUAGES).into_bytes();
    bencher.bench(|| {
        parse_translation(
            &bytes,
            TranslationFormat::Tmx,
            ArticleFormat::PlainText,
            "hostile.tmx",
            None,
        )
    });
}

#[divan::bench]
fn xliff_languages(bencher: divan::Bencher) {
    let bytes = hostile::xliff_languages(LANGUAGES).into_bytes();
    bencher.bench(|| {
        parse_translation(
            &bytes,
            TranslationFormat::Xliff,
            ArticleFormat::PlainText,
            "hostile.xlf",
            None,
        )
    });
}

/// One folder per kind of flood, made once for the whole run.
fn folder(flood: Flood) -> PathBuf {
    static FOLDERS: OnceLock<tempfile::TempDir> = OnceLock::new();
    let root = FOLDERS.get_or_init(|| match tempfile::tempdir() {
        Ok(root) => root,
        Err(error) => panic!("no temporary folder: {error}"),
    });
    let folder = root.path().join(flood.name());
    let article = folder.join(hostile::ARTICLE_NAME);
    if !article.exists() {
        if let Err(error) = std::fs::create_dir_all(&folder) {
            panic!("cannot make {}: {error}", folder.display());
        }
        hostile::write_folder(&folder, flood, entries());
    }
    article
}

#[divan::bench(args = Flood::ALL, sample_count = 5, sample_size = 1)]
fn export_sidecar(bencher: divan::Bencher, flood: Flood) {
    let article = folder(flood);
    bencher.bench(|| {
        let job = match ExportJob::for_article_file(
            ExportFormat::BilingualMarkdown,
            article.clone(),
            PathBuf::from("unused.md"),
        ) {
            Ok(job) => job,
            Err(error) => panic!("the export is made: {error}"),
        };
        job.contents().map(|text| text.len())
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_orphans_long_article(bencher: divan::Bencher) {
    let folder = match tempfile::tempdir() {
        Ok(folder) => folder,
        Err(error) => panic!("no temporary folder: {error}"),
    };
    let sections = if support::full_run() { 1_000 } else { 100 };
    let article = hostile::write_long_folder(folder.path(), sections, entries());
    bencher.bench(|| {
        let job = match ExportJob::for_article_file(
            ExportFormat::Markdown,
            article.clone(),
            PathBuf::from("unused.md"),
        ) {
            Ok(job) => job,
            Err(error) => panic!("the export is made: {error}"),
        };
        job.contents().map(|text| text.len())
    });
}

#[divan::bench(args = Flood::ALL, sample_count = 5, sample_size = 1)]
fn open_sidecar(bencher: divan::Bencher, flood: Flood) {
    let article = folder(flood);
    bencher.bench(|| ArticleNotes::open(&article));
}

impl std::fmt::Display for Flood {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
