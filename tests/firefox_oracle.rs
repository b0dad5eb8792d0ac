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
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.split(' ').collect(), theirs.split(' ').collect());
    let same = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let head = |words: &[&str]| -> String { words.join(" ").chars().take(60).collect() };
    format!(
        "part after {same} words: ours {:?}… theirs {:?}…",
        head(&a[same..]),
        head(&b[same..])
    )
}

/// Runs `sentences` through both engines with the model `synth`; returns how many
/// agree, and prints each disagreement.
fn compare(script: &Path, synth: SynthModel, sentences: &[String]) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = synth
        .write_folder(dir.path(), "aren", &vocab_bytes())
        .expect("model written");
    let ours = FirefoxModel::open(dir.path()).expect("Hamish opens the model");
    let theirs = bergamot(script, dir.path(), &model, sentences);
    let mut equal = 0;
    for (sentence, theirs) in sentences.iter().zip(&theirs) {
        let mine = ours.translate(sentence).expect("Hamish translates");
        if mine == *theirs {
            equal += 1;
        } else {
            let start: String = sentence.chars().take(30).collect();
            eprintln!("{start:?}…: {}", parting(&mine, theirs));
        }
    }
    eprintln!(
        "{:?} {}-wide: {equal} of {} equal",
        synth.precision,
        synth.dim,
        sentences.len()
    );
    equal
}

#[test]
fn float32_tiny_decodes_as_bergamot_does() {
    let Some(script) = oracle() else { return };
    let sentences = sentences();
    let synth = SynthModel::tiny(vocab_len(), Precision::Float32, Rig::Free);
    assert_eq!(compare(&script, synth, &sentences), sentences.len());
}

#[test]
fn int8_tiny_decodes_as_bergamot_does() {
    let Some(script) = oracle() else { return };
    let sentences = sentences();
    let synth = SynthModel::tiny(vocab_len(), Precision::Int8, Rig::Free);
    assert_eq!(compare(&script, synth, &sentences), sentences.len());
}
