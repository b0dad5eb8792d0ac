//! The built-in engine against Mozilla's own, on the same model and the same text in
//! one run: words per second of each, and their ratio.
//!
//! Mozilla's engine is bergamot-translator's WebAssembly build (the npm package
//! `@browsermt/bergamot-translator` 0.4.9 that `tests/oracle/` installs), run under
//! Node by `tests/oracle/bergamot.mjs`, which times its translations itself: Node's
//! start-up and the model's loading are not counted, on either side. The model is
//! generated (`translate::firefox::synth`) at the size of Firefox's `base` models
//! (512 wide, 6 encoder and 2 SSRU decoder layers, a 32,000-row embedding, int8
//! weights with every alpha `marian-conv` writes) with its output rigged never to end
//! a sentence (`Rig::Repeat`): each sentence decodes to Firefox's length limit, twice
//! its source pieces, in both engines alike, so the work is fixed and a figure means
//! the same from run to run (both engines' output pieces are printed: bergamot's are
//! more, since Marian lets every sentence of a batch run to the widest one's limit,
//! so the ratio per output piece is printed beside the ratio per word).
//! Each engine gets the text as the app has it, one section at a time: Hamish
//! decodes a section's sentences together, bergamot splits and batches them itself.
//! Budget: at least 3× the WebAssembly engine's words per second.
//!
//! - `hamish_sections`: Hamish's engine on the compared text, timed by divan.
//!
//! Node and `npm ci --prefix tests/oracle` are needed for the comparison; without
//! them it is skipped with the reason, except under `CI=true`, where it fails.
//! `cargo test --benches` runs it once with the tests' tiny model and 40 words.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

use fxtranslate::spm::SpmVocab;
use hamish::translate::firefox::FirefoxModel;
use hamish::translate::firefox::synth::{Precision, Rig, SynthModel};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// How many words of the samples both engines translate.
fn words_compared() -> usize {
    if support::full_run() { 300 } else { 40 }
}

/// How many times each engine translates them (the WebAssembly engine in one Node
/// process, so its start-up is paid once).
fn rounds() -> usize {
    if support::full_run() { 3 } else { 1 }
}

fn main() {
    let setup = setup();
    let words: usize = setup
        .sections
        .iter()
        .map(|s| s.split_whitespace().count())
        .sum();
    let rounds = rounds();
    let started = Instant::now();
    let mut ours = Vec::new();
    for _ in 0..rounds {
        ours = setup
            .sections
            .iter()
            .map(|section| setup.model.translate(section).expect("translates"))
            .collect();
    }
    let our_seconds = started.elapsed().as_secs_f64();
    let our_rate = (words * rounds) as f64 / our_seconds;
    println!(
        "hamish ({} kernel, {} model): {words} words × {rounds} into {} output pieces a round \
         in {our_seconds:.2} s = {our_rate:.1} words/s",
        hamish::translate::firefox::cpu::kernel(),
        setup.size,
        pieces(&ours),
    );
    if let Some(script) = oracle() {
        let (theirs, wasm_seconds) = bergamot(&script, setup, rounds);
        let wasm_rate = (words * rounds) as f64 / wasm_seconds;
        println!(
            "bergamot-translator 0.4.9 (WebAssembly under Node, {} model): {words} words × \
             {rounds} into {} output pieces a round in {wasm_seconds:.2} s = {wasm_rate:.1} words/s",
            setup.size,
            pieces(&theirs),
        );
        // Marian's length limit is the batch's (twice the widest sentence's pieces),
        // so a short sentence bergamot batches with a long one runs on: it emits more
        // pieces for the same words. The ratio per output piece says how much of
        // the ratio per word is that.
        let our_pieces = (pieces(&ours) * rounds) as f64 / our_seconds;
        let wasm_pieces = (pieces(&theirs) * rounds) as f64 / wasm_seconds;
        println!(
            "ratio: Hamish translates {:.2}× the words per second of the WebAssembly engine \
             ({:.2}× its output pieces per second: {our_pieces:.0} against {wasm_pieces:.0})",
            our_rate / wasm_rate,
            our_pieces / wasm_pieces,
        );
    }
    divan::main();
}

/// Hamish's engine on the compared sections, once.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn hamish_sections(bencher: divan::Bencher) {
    let setup = setup();
    bencher.bench(|| {
        for section in &setup.sections {
            divan::black_box(setup.model.translate(section).expect("translates"));
        }
    });
}

/// The output pieces of some translations: the rigged piece `▁ال` is a word of its
/// own each time, so the words are the pieces.
fn pieces(translations: &[String]) -> usize {
    translations
        .iter()
        .map(|text| text.split_whitespace().count())
        .sum()
}

struct Setup {
    /// The model's folder (kept: the WebAssembly engine reads it too).
    dir: tempfile::TempDir,
    model_file: PathBuf,
    model: FirefoxModel,
    /// "base-size int8" or "tiny int8".
    size: &'static str,
    sections: Vec<String>,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let vocab = std::fs::read(root().join("tests/fixtures/firefox/vocab.tiny.spm"))
            .expect("the tests' vocabulary");
        let pieces = SpmVocab::from_bytes(&vocab);
        let repeat = (0..pieces.len() as u32)
            .find(|&id| pieces.piece(id) == "▁ال")
            .expect("▁ال is a piece");
        let (synth, size) = if support::full_run() {
            (
                SynthModel::base(32_000, Precision::Int8, Rig::Repeat(repeat)),
                "base-size int8",
            )
        } else {
            (
                SynthModel::tiny(pieces.len(), Precision::Int8, Rig::Repeat(repeat)),
                "tiny int8",
            )
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let model_file = synth
            .write_folder(dir.path(), "aren", &vocab)
            .expect("model written");
        let model = FirefoxModel::open(dir.path()).expect("the generated model opens");
        Setup {
            dir,
            model_file,
            model,
            size,
            sections: article(words_compared()),
        }
    })
}

/// The first `words` words of the sample articles, as sections (their lines).
fn article(words: usize) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("assets/samples"))
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| hamish::import::is_article_path(path))
        .collect();
    paths.sort();
    let mut sections = Vec::new();
    let mut taken = 0;
    for path in paths {
        let text = std::fs::read_to_string(path).expect("UTF-8 sample");
        for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
            let mut line_words: Vec<&str> = line.split_whitespace().collect();
            line_words.truncate(words - taken);
            taken += line_words.len();
            sections.push(line_words.join(" "));
            if taken == words {
                return sections;
            }
        }
    }
    sections
}

/// The oracle's script, or `None` (with the reason printed) when Node or the package
/// is missing outside CI, as in `tests/firefox_oracle.rs`.
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
            panic!("the WebAssembly engine cannot run: {reason}")
        }
        Some(reason) => {
            println!("bergamot-translator: skipped, {reason}");
            None
        }
    }
}

/// The sections translated by the WebAssembly engine `rounds` times, and the seconds
/// that took as Node measured them.
fn bergamot(script: &Path, setup: &Setup, rounds: usize) -> (Vec<String>, f64) {
    let vocab = setup.dir.path().join("vocab.aren.spm");
    let request = serde_json::json!({
        "model": setup.model_file,
        "vocabs": [vocab, vocab],
        "shortlist": null,
        "precision": "int8",
        "sentences": setup.sections,
        "repeat": rounds,
    });
    let file = setup.dir.path().join("bench-request.json");
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
        elapsed_ms: f64,
    }
    let answer: Answer = serde_json::from_slice(&out.stdout).expect("bergamot's answer parses");
    (answer.translations, answer.elapsed_ms / 1000.0)
}
