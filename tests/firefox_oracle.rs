//! The built-in engine checked against Mozilla's own: the same generated models
//! (int8 `intgemm8` and float32, tiny and base, with and without a shortlist, the
//! byte-fallback test vocabulary) and the same sentences through Hamish's engine and
//! through bergamot-translator's WebAssembly build under Node (`tests/oracle/`), whose
//! translations must be the same.
//!
//! Needs Node and `npm ci --prefix tests/oracle`; without them the test says so and
//! passes, except under `CI=true`, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use hamish::translate::firefox::FirefoxModel;
use hamish::translate::firefox::sentences::SentenceSplitter;
use hamish::translate::firefox::synth::{Precision, Rig, SynthModel};

use fxtranslate::segment::Segmenter;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vocab_bytes() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/firefox/vocab.tiny.spm")).expect("vocabulary")
}

fn vocab_len() -> usize {
    fxtranslate::spm::SpmVocab::from_bytes(&vocab_bytes()).len()
}

/// The oracle's script, or `None` (with the reason printed) when Node or the package
/// is missing outside CI.
fn oracle() -> Option<PathBuf> {
    let dir = root().join("tests/oracle");
    let node = Command::new("node").arg("--version").output();
    let package = dir.join("node_modules/@browsermt/bergamot-translator/worker/package.json");
    let missing = match node {
        Ok(out) if out.status.success() => (!package.exists())
            .then(|| "the bergamot package is not installed (npm ci --prefix tests/oracle)"),
        _ => Some("Node.js is not installed"),
    };
    match missing {
        None => Some(dir.join("bergamot.mjs")),
        Some(reason) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("the oracle cannot run: {reason}")
        }
        Some(reason) => {
            eprintln!("skipped: {reason}");
            None
        }
    }
}

/// `sentences` translated by bergamot with the model in `dir`.
fn bergamot(script: &Path, dir: &Path, model: &Path, sentences: &[String]) -> Vec<String> {
    let shortlist = std::fs::read_dir(dir)
        .expect("model folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .find(|path| path.to_string_lossy().ends_with(".s2t.bin"));
    let vocab = dir.join("vocab.aren.spm");
    let precision = if model.to_string_lossy().contains("intgemm") {
        "int8"
    } else {
        "float32"
    };
    let request = serde_json::json!({
        "model": model,
        "vocabs": [vocab, vocab],
        "shortlist": shortlist,
        "precision": precision,
        "sentences": sentences,
    });
    let file = dir.join("oracle-request.json");
    std::fs::write(&file, request.to_string()).expect("request written");
    let out = Command::new("node")
        .arg(script)
        .arg(&file)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "bergamot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    #[derive(serde::Deserialize)]
    struct Answer {
        translations: Vec<String>,
    }
    let answer: Answer = serde_json::from_slice(&out.stdout).expect("bergamot's answer parses");
    answer.translations
}

/// A paragraph of 600 words and no full stop, made of the first sample's words:
/// far past the model's window, so it is cut into slices.
fn paragraph_of_600_words() -> String {
    let text = std::fs::read_to_string(root().join("assets/samples/000_3bd66f5e2dc42b51.txt"))
        .expect("sample");
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|word| word.chars().all(char::is_alphabetic))
        .collect();
    (0..600)
        .map(|i| words[i % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences compared: every sample section's sentences (as Hamish cuts them),
/// and the hard cases the issue names.
fn sentences() -> Vec<String> {
    let mut out = vec![
        "مرحبا بالعالم.".to_string(),
        "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ".into(),
        "الـــــعـــــربـــــيـــــة جميلة".into(),
        "کتاب‌ها و می‌خواهم".into(),
        "عام 2024 و ٢٠٢٤ و ۲۰۲۴".into(),
        "أحب القراءة 📚 كثيرا".into(),
        paragraph_of_600_words(),
    ];
    let samples = root().join("assets/samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&samples)
        .expect("samples")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| !path.to_string_lossy().ends_with(".en.txt"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("sample");
        for line in text.lines() {
            for span in SentenceSplitter.sentences(line) {
                out.push(line[span.start..span.end].to_string());
            }
        }
    }
    out.dedup();
    out
}

/// Where two translations part, for the failure message.
fn parting(ours: &str, theirs: &str) -> String {
    let same = ours
        .char_indices()
        .zip(theirs.chars())
        .take_while(|((_, a), b)| a == b)
        .count();
    let head = |text: &str| -> String { text.chars().skip(same).take(40).collect() };
    format!(
        "part after {same} characters: ours {:?}… theirs {:?}…",
        head(ours),
        head(theirs)
    )
}

/// What the comparison found for one model.
#[derive(Debug, Default)]
struct Tally {
    /// Sentences within the model's window (127 pieces and the end).
    within: usize,
    /// Those translated exactly as bergamot does.
    within_equal: usize,
    /// Sentences cut into slices.
    wrapped: usize,
    /// Those whose translation is bergamot's, or a beginning of it.
    wrapped_prefix: usize,
}

/// Runs `sentences` through both engines with the model `synth` and tallies the
/// agreement; prints each disagreement.
fn compare(script: &Path, synth: SynthModel, sentences: &[String]) -> Tally {
    let vocab = fxtranslate::spm::SpmVocab::from_bytes(&vocab_bytes());
    let dir = tempfile::tempdir().expect("temp dir");
    let model = synth
        .write_folder(dir.path(), "aren", &vocab_bytes())
        .expect("model written");
    let ours = FirefoxModel::open(dir.path()).expect("Hamish opens the model");
    let theirs = bergamot(script, dir.path(), &model, sentences);
    let mut tally = Tally::default();
    for (sentence, theirs) in sentences.iter().zip(&theirs) {
        let mine = ours.translate(sentence).expect("Hamish translates");
        let pieces = vocab.encode(sentence).len();
        if pieces <= fxtranslate::segment::MAX_SOURCE_TOKENS {
            tally.within += 1;
            tally.within_equal += usize::from(mine == *theirs);
        } else {
            tally.wrapped += 1;
            tally.wrapped_prefix += usize::from(theirs.starts_with(mine.as_str()));
        }
        if mine != *theirs {
            let start: String = sentence.chars().take(30).collect();
            eprintln!("{pieces} pieces, {start:?}…: {}", parting(&mine, theirs));
        }
    }
    eprintln!(
        "{:?} {}-wide, {:?}: {tally:?}",
        synth.precision, synth.dim, synth.rig
    );
    tally
}

/// Every sentence within the window must come out exactly as bergamot's. A
/// sentence cut into slices may stop short of bergamot's: Marian decodes a
/// sentence's slices as one batch and lets each run to twice the widest slice,
/// while fxtranslate's `Engine::greedy` stops the short last slice at twice its
/// own length plus four (Hamish cannot lengthen it without decoding on its own);
/// everything before that point is the same.
fn assert_agrees(tally: &Tally) {
    assert_eq!(tally.within_equal, tally.within, "{tally:?}");
    assert_eq!(tally.wrapped_prefix, tally.wrapped, "{tally:?}");
}

fn piece(text: &str) -> u32 {
    let vocab = fxtranslate::spm::SpmVocab::from_bytes(&vocab_bytes());
    (0..vocab.len() as u32)
        .find(|&id| vocab.piece(id) == text)
        .expect("the piece is in the vocabulary")
}

#[test]
fn float32_tiny_decodes_as_bergamot_does() {
    let Some(script) = oracle() else { return };
    let synth = SynthModel::tiny(vocab_len(), Precision::Float32, Rig::Free);
    assert_agrees(&compare(&script, synth, &sentences()));
}

#[test]
fn int8_tiny_decodes_as_bergamot_does() {
    let Some(script) = oracle() else { return };
    let synth = SynthModel::tiny(vocab_len(), Precision::Int8, Rig::Free);
    assert_agrees(&compare(&script, synth, &sentences()));
}

/// The base size (512 wide, 6 + 2 layers) on the hard cases and the first
/// sample's sentences: the WASM engine takes minutes for all of them.
#[test]
fn base_models_decode_as_bergamot_does() {
    let Some(script) = oracle() else { return };
    let sentences: Vec<String> = sentences().into_iter().take(16).collect();
    for precision in [Precision::Float32, Precision::Int8] {
        let synth = SynthModel::base(vocab_len(), precision, Rig::Free);
        assert_agrees(&compare(&script, synth, &sentences));
    }
}

/// A translation that never ends stops where Firefox's does: twice the source's
/// pieces (fxtranslate alone gave four more).
#[test]
fn a_translation_that_never_ends_stops_where_bergamot_stops() {
    let Some(script) = oracle() else { return };
    for precision in [Precision::Float32, Precision::Int8] {
        let synth = SynthModel::tiny(vocab_len(), precision, Rig::Repeat(piece("▁ال")));
        assert_agrees(&compare(&script, synth, &sentences()));
    }
}
