//! Words per second of the built-in Firefox engine on this machine.
//!
//! The model is generated at the size of Firefox's `base` models (512-wide, 6 encoder
//! and 2 SSRU decoder layers, a 32,000-row embedding, int8 weights as Firefox ships
//! them), with random weights and the output rigged never to end a sentence: every
//! sentence decodes to the engine's length limit (twice its source pieces, Firefox's
//! limit — before the oracle test, four pieces more —, about twice what a real
//! translation emits), so the work is fixed and on the
//! heavy side. No shortlist, so every step projects onto the whole vocabulary, also
//! the heavy side. The source is the first 1,000 words of the sample articles,
//! tokenised with the tests' small SentencePiece vocabulary (it splits Arabic into
//! more pieces per word than Firefox's 32,000-piece ones do; the tokens per word are
//! printed). Budget: a 1,000-word article in 15 s or less.
//!
//! - `article_1000_words`: one pass over the 1,000 words, section by section.
//!
//! - `article_1000_words_one_sentence_at_a_time` and
//!   `article_1000_words_sections_together`: the engine built directly, each
//!   sentence decoded alone against a section's sentences decoded together.
//!
//! Measured 2026-12-06 on the 2-core build machine (AVX2 kernel, load average 6
//! falling to 3): `article_1000_words` median 6.54 s (first pass 8.76 s, 114
//! words/s); one sentence at a time 16.89 s, sections together 6.72 s. Figures in
//! BENCHMARKS.md.
//!
//! `cargo test --benches` runs it once in a debug build: there the model is the
//! tests' tiny one and the article 40 words, so that run stays cheap.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use fxtranslate::engine::Engine;
use fxtranslate::spm::SpmVocab;
use hamish::translate::firefox::FirefoxModel;
use hamish::translate::firefox::bounded::BoundedEngine;
use hamish::translate::firefox::synth::{Precision, Rig, SynthModel};

/// In a debug build (`cargo test --benches`) a tiny model and a short article.
const DEBUG: bool = cfg!(debug_assertions);
const WORDS: usize = if DEBUG { 40 } else { 1000 };

fn main() {
    let (model, sections) = setup();
    let vocab = SpmVocab::from_bytes(&vocab_bytes());
    let words: usize = sections.iter().map(|s| s.split_whitespace().count()).sum();
    let tokens: usize = sections.iter().map(|s| vocab.encode(s).len()).sum();
    let started = Instant::now();
    let out: usize = sections
        .iter()
        .map(|section| {
            let translated = model.translate(section).expect("translates");
            translated.split_whitespace().count()
        })
        .sum();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "firefox engine ({} kernel, {} model): {words} words ({tokens} source pieces, {:.2} per word) \
         translated into {out} output pieces in {seconds:.2} s = {:.0} words/s",
        hamish::translate::firefox::cpu::kernel(),
        if DEBUG { "tiny" } else { "base-size int8" },
        tokens as f64 / words as f64,
        words as f64 / seconds,
    );
    divan::main();
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn article_1000_words(bencher: divan::Bencher) {
    let (model, sections) = setup();
    bencher.bench(|| {
        for section in sections {
            divan::black_box(model.translate(section).expect("translates"));
        }
    });
}

/// The same article with the model built directly, one sentence decoded at a time
/// (`BoundedEngine::line` on each line): what Hamish did before it decoded a
/// section's sentences together.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn article_1000_words_one_sentence_at_a_time(bencher: divan::Bencher) {
    BOUNDED.with(|(engine, sections)| {
        bencher.bench(|| {
            for section in sections {
                divan::black_box(engine.line(section));
            }
        });
    });
}

/// The same, each section's sentences decoded together (`BoundedEngine::section`,
/// what `FirefoxModel::translate` runs).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn article_1000_words_sections_together(bencher: divan::Bencher) {
    BOUNDED.with(|(engine, sections)| {
        bencher.bench(|| {
            for section in sections {
                divan::black_box(engine.section(section));
            }
        });
    });
}

thread_local! {
    /// The benchmark's model as a `BoundedEngine` (which cannot move between
    /// threads: `FirefoxModel` keeps it on a thread of its own), and the article.
    static BOUNDED: (BoundedEngine, Vec<String>) = {
        let vocab = vocab_bytes();
        let engine = Engine::from_bytes(&synth().to_bytes(), &vocab, &vocab)
            .expect("the generated model loads");
        let bounded = BoundedEngine {
            engine,
            source: SpmVocab::from_bytes(&vocab),
            target: SpmVocab::from_bytes(&vocab),
        };
        (bounded, article())
    };
}

/// The model generated for the benchmark.
fn synth() -> SynthModel {
    let vocab = vocab_bytes();
    let pieces = SpmVocab::from_bytes(&vocab).len();
    // The output rig repeats the piece `▁ال`, never the end of the sentence.
    let repeat = (0..pieces as u32)
        .find(|&id| SpmVocab::from_bytes(&vocab).piece(id) == "▁ال")
        .expect("▁ال is a piece");
    if DEBUG {
        SynthModel::tiny(pieces, Precision::Int8, Rig::Repeat(repeat))
    } else {
        SynthModel::base(32_000, Precision::Int8, Rig::Repeat(repeat))
    }
}

fn vocab_bytes() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/firefox/vocab.tiny.spm"),
    )
    .expect("the tests' vocabulary")
}

/// The model, opened once, and the article's sections (non-empty lines).
fn setup() -> &'static (FirefoxModel, Vec<String>) {
    static SETUP: OnceLock<(FirefoxModel, Vec<String>)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let vocab = vocab_bytes();
        let synth = synth();
        let dir = tempfile::tempdir().expect("temp dir");
        synth
            .write_folder(dir.path(), "aren", &vocab)
            .expect("model written");
        let model = FirefoxModel::open(dir.path()).expect("the generated model opens");
        (model, article())
    })
}

/// The first `WORDS` words of the sample articles, as sections (their lines).
fn article() -> Vec<String> {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| hamish::import::is_article_path(path))
        .collect();
    paths.sort();
    let mut sections = Vec::new();
    let mut words = 0;
    for path in paths {
        let text = std::fs::read_to_string(path).expect("UTF-8 sample");
        for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
            let mut taken: Vec<&str> = line.split_whitespace().collect();
            taken.truncate(WORDS - words);
            words += taken.len();
            sections.push(taken.join(" "));
            if words == WORDS {
                return sections;
            }
        }
    }
    sections
}
