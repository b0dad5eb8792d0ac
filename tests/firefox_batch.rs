//! A section's sentences decoded together by the built-in engine give the very
//! pieces each sentence gives decoded alone: every sample section (lines, sentences,
//! sentences cut into slices), with generated models of both precisions, with and
//! without a shortlist.

use std::path::PathBuf;

use fxtranslate::engine::Engine;
use fxtranslate::shortlist::Shortlist;
use fxtranslate::spm::SpmVocab;
use hamish::translate::firefox::bounded::{BoundedEngine, MAX_BATCH_ROWS};
use hamish::translate::firefox::sentences::by_lines;
use hamish::translate::firefox::synth::{Precision, Rig, SynthModel, shortlist};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vocab_bytes() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/firefox/vocab.tiny.spm")).expect("vocabulary")
}

/// The engine for a generated tiny model, as `FirefoxModel` builds it.
fn engine(precision: Precision, lex: Option<&[u8]>) -> BoundedEngine {
    let vocab = vocab_bytes();
    let synth = SynthModel::tiny(SpmVocab::from_bytes(&vocab).len(), precision, Rig::Free);
    let mut engine =
        Engine::from_bytes(&synth.to_bytes(), &vocab, &vocab).expect("the generated model loads");
    if let Some(lex) = lex {
        engine = engine.with_shortlist(Shortlist::from_bytes(lex));
    }
    BoundedEngine {
        engine,
        source: SpmVocab::from_bytes(&vocab),
        target: SpmVocab::from_bytes(&vocab),
    }
}

/// Every sample article's sections (its paragraphs, blank-line separated), and a
/// section of many lines and sentences, some past the model's window.
fn sections() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("assets/samples"))
        .expect("samples")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| hamish::import::is_article_path(path))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).expect("sample");
        out.extend(text.split("\n\n").map(str::to_string));
    }
    let long: String = out[..3].concat();
    out.push(format!("{long}\n\n  \r\n{long}"));
    out
}

fn assert_batched_equals_alone(engine: &BoundedEngine) {
    let mut sentences = 0;
    for section in sections() {
        let alone = by_lines(&section, |line| Ok::<_, ()>(engine.line(line))).expect("no error");
        let together = engine.section(&section);
        assert_eq!(together, alone, "section {section:?}");
        sentences += section.lines().count();
    }
    assert!(sentences > MAX_BATCH_ROWS, "more lines than one batch");
}

#[test]
fn float32_sections_decoded_together_equal_sentences_alone() {
    assert_batched_equals_alone(&engine(Precision::Float32, None));
}

#[test]
fn int8_sections_decoded_together_equal_sentences_alone() {
    assert_batched_equals_alone(&engine(Precision::Int8, None));
}

#[test]
fn shortlisted_sections_decoded_together_equal_sentences_alone() {
    let n = SpmVocab::from_bytes(&vocab_bytes()).len() as u32;
    let lists: Vec<Vec<u32>> = (0..n)
        .map(|id| {
            let mut list: Vec<u32> = (1..6).map(|k| (id * 7 + k * 13) % n).collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect();
    let lex = shortlist(20, &lists);
    for precision in [Precision::Float32, Precision::Int8] {
        assert_batched_equals_alone(&engine(precision, Some(&lex)));
    }
}

/// Sentences of very different lengths in one call come back in their order.
#[test]
fn sentences_come_back_in_their_order() {
    let engine = engine(Precision::Int8, None);
    let words: Vec<String> = (0..300).map(|i| format!("كلمة{i}")).collect();
    let long = words.join(" ");
    let inputs = ["مرحبا.", long.as_str(), "", "كتب الولد الدرس.", "نعم"];
    let together = engine.sentences(&inputs);
    let alone: Vec<String> = inputs.iter().map(|s| engine.sentence(s)).collect();
    assert_eq!(together, alone);
}
