//! The built-in engine checked against Mozilla's own: the same generated models
//! (int8 `intgemm8` and float32, tiny and base, with and without a shortlist, the
//! byte-fallback test vocabulary) and the same sentences through Hamish's engine and
//! through bergamot-translator's WebAssembly build under Node (`tests/oracle/`), whose
//! translations must be the same.
//!
//! Needs Node and `npm ci --prefix tests/oracle`; without them the test says so and
//! passes, except under `CI=true`, where it fails.
//!
//! Each comparison prints its figures (`-- --nocapture`). On 6 December 2026, with a
//! section's sentences decoded together (sentences compared; within the window,
//! equal; sliced past it, bergamot's or a beginning of it; output pieces equal,
//! re-tokenised, up to where the two part):
//!
//! | model | sentences | within | sliced | pieces |
//! | --- | --- | --- | --- | --- |
//! | float32 tiny | 129 | 114 of 114 | 15 of 15 | 18,125 of 19,394 |
//! | int8 tiny | 129 | 114 of 114 | 13 of 15 | 16,044 of 18,816 |
//! | float32 base | 16 | 15 of 15 | 1 of 1 | 4,079 of 4,317 |
//! | int8 base | 16 | 14 of 15 | 0 of 1 | 3,238 of 3,565 |
//! | float32 tiny, shortlist | 40 | 38 of 38 | 0 of 2 | 2,508 of 6,104 |
//! | int8 tiny, shortlist | 40 | 34 of 38 | 0 of 2 | 1,683 of 4,376 |
//! | float32 and int8 tiny, never ending | 129 | 114 of 114 | 15 of 15 | 18,388 of 20,898 |
//!
//! Every missing piece is in a sentence that parts where the notes of
//! [`assert_agrees`] and [`assert_agrees_within_int8_rounding`] say: sliced
//! sentences (the last slice's length limit, the shortlist's candidates) and int8
//! rounding.

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
            .then_some("the bergamot package is not installed (npm ci --prefix tests/oracle)"),
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
    /// Output pieces compared, every sentence's (the longer of the two
    /// translations', each re-tokenised with the model's vocabulary).
    pieces: usize,
    /// Those equal to bergamot's, up to where the two translations part.
    pieces_equal: usize,
}

/// Runs `sentences` through both engines with the model `synth` and tallies the
/// agreement; prints each disagreement.
fn compare(script: &Path, synth: SynthModel, sentences: &[String]) -> Tally {
    compare_with(script, synth, sentences, None)
}

/// [`compare`], with the shortlist `lex` in the model's folder.
fn compare_with(
    script: &Path,
    synth: SynthModel,
    sentences: &[String],
    lex: Option<&[u8]>,
) -> Tally {
    let vocab = fxtranslate::spm::SpmVocab::from_bytes(&vocab_bytes());
    let dir = tempfile::tempdir().expect("temp dir");
    let model = synth
        .write_folder(dir.path(), "aren", &vocab_bytes())
        .expect("model written");
    if let Some(lex) = lex {
        std::fs::write(dir.path().join("lex.50.50.aren.s2t.bin"), lex).expect("shortlist written");
    }
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
        let (ours_pieces, theirs_pieces) = (vocab.encode(&mine), vocab.encode(theirs));
        tally.pieces += ours_pieces.len().max(theirs_pieces.len());
        tally.pieces_equal += ours_pieces
            .iter()
            .zip(&theirs_pieces)
            .take_while(|(a, b)| a == b)
            .count();
        if mine != *theirs {
            let start: String = sentence.chars().take(30).collect();
            eprintln!("{pieces} pieces, {start:?}…: {}", parting(&mine, theirs));
        }
    }
    // The figures, for `cargo test --test firefox_oracle -- --nocapture`.
    println!(
        "{:?} {}-wide, {:?}{}: {} sentences compared; within the window {} of {} equal; \
         sliced {} of {} bergamot's or a beginning of it; output pieces {} of {} equal",
        synth.precision,
        synth.dim,
        synth.rig,
        if lex.is_some() { ", shortlist" } else { "" },
        sentences.len(),
        tally.within_equal,
        tally.within,
        tally.wrapped_prefix,
        tally.wrapped,
        tally.pieces_equal,
        tally.pieces,
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

/// The int8 bound. Both engines multiply the same int8 weights by activations
/// quantised with the same alphas (`int8shiftAlphaAll`), so the integer products
/// are equal; the float steps around them are not bit-equal (rounding the
/// activations to int8, the order of the unquantising and bias sums, the soft-max
/// and layer-norm sums in WASM's scalar code against fxtranslate's SIMD; with a
/// shortlist, bergamot's `SelectColumnsB` against fxtranslate's re-prepared bias),
/// and a random-weight model's argmax is often a near tie, so now and then one
/// piece flips and the rest of the sentence follows it. This is the suspected
/// cause, not a proven one: the pieces are compared, not the logits. Measured:
/// tiny 114 of 114 sentences within the window equal, 13 of 15 sliced sentences
/// agreeing up to their last slice; base 14 of 15 within, 0 of 1 sliced; tiny with
/// a shortlist 34 of 38 within. Required: at least 85% of the sentences within the
/// window, and at most two sliced ones parting.
fn assert_agrees_within_int8_rounding(tally: &Tally) {
    assert!(tally.within_equal * 100 >= tally.within * 85, "{tally:?}");
    assert!(tally.wrapped - tally.wrapped_prefix <= 2, "{tally:?}");
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
    assert_agrees_within_int8_rounding(&compare(&script, synth, &sentences()));
}

/// The base size (512 wide, 6 + 2 layers) on the hard cases and the first
/// sample's sentences: the WASM engine takes minutes for all of them.
#[test]
fn base_models_decode_as_bergamot_does() {
    let Some(script) = oracle() else { return };
    let sentences: Vec<String> = sentences().into_iter().take(16).collect();
    for precision in [Precision::Float32, Precision::Int8] {
        let synth = SynthModel::base(vocab_len(), precision, Rig::Free);
        let tally = compare(&script, synth, &sentences);
        match precision {
            Precision::Float32 => assert_agrees(&tally),
            Precision::Int8 => assert_agrees_within_int8_rounding(&tally),
        }
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

/// With a lexical shortlist (`lex.50.50.aren.s2t.bin`): every source piece may
/// become itself and a handful of pieces, beside the 20 most frequent.
#[test]
fn shortlisted_models_decode_as_bergamot_does() {
    let Some(script) = oracle() else { return };
    let n = vocab_len();
    let lists: Vec<Vec<u32>> = (0..n as u32)
        .map(|id| {
            let mut list: Vec<u32> = (1..6).map(|k| (id * 7 + k * 13) % n as u32).collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect();
    let lex = hamish::translate::firefox::synth::shortlist(20, &lists);
    let sentences: Vec<String> = sentences().into_iter().take(40).collect();
    for precision in [Precision::Float32, Precision::Int8] {
        let synth = SynthModel::tiny(n, precision, Rig::Free);
        let tally = compare_with(&script, synth, &sentences, Some(&lex));
        // A sentence cut into slices is not held to bergamot's here: Marian
        // draws one candidate set for the whole batch (the union of every
        // slice's), fxtranslate one per slice, so from the first slice on the two
        // choose among different pieces. Measured: 0 of 2 agree.
        let within = Tally {
            wrapped: 0,
            wrapped_prefix: 0,
            ..tally
        };
        match precision {
            Precision::Float32 => assert_agrees(&within),
            Precision::Int8 => assert_agrees_within_int8_rounding(&within),
        }
    }
}
