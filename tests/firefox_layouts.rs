//! The model folder a reader really has: the layouts Firefox and Mozilla's models
//! repository use, plain or gzip-compressed as published, each loaded and used to
//! translate the samples, with the translations of the plain layout.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use fxtranslate::spm::SpmVocab;
use hamish::translate::firefox::synth::{Precision, Rig, SynthModel, shortlist};
use hamish::translate::firefox::{FirefoxError, FirefoxModel};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vocab_bytes() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/firefox/vocab.tiny.spm")).expect("vocabulary")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("compressed");
    encoder.finish().expect("compressed")
}

/// The files of one generated model: its name in a folder and its bytes.
struct Files {
    model: Vec<u8>,
    vocab: Vec<u8>,
    lex: Vec<u8>,
}

fn files() -> Files {
    let vocab = vocab_bytes();
    let n = SpmVocab::from_bytes(&vocab).len();
    let lists: Vec<Vec<u32>> = (0..n as u32)
        .map(|id| {
            let mut list: Vec<u32> = (1..6).map(|k| (id * 7 + k * 13) % n as u32).collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect();
    Files {
        model: SynthModel::tiny(n, Precision::Int8, Rig::Free).to_bytes(),
        vocab,
        lex: shortlist(20, &lists),
    }
}

/// A folder holding `layout`: each file name with its bytes (gzip-compressed when
/// the name ends with `.gz`).
fn lay_out(layout: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in layout {
        let bytes = if name.ends_with(".gz") {
            gzip(bytes)
        } else {
            bytes.to_vec()
        };
        std::fs::write(dir.path().join(name), bytes).expect("written");
    }
    dir
}

/// Some lines of every sample article.
fn texts() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("assets/samples"))
        .expect("samples")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| hamish::import::is_article_path(path))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).expect("sample");
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .take(4)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn translations(dir: &Path) -> Vec<String> {
    let model = FirefoxModel::open(dir).unwrap_or_else(|error| panic!("opens: {error}"));
    texts()
        .iter()
        .map(|text| model.translate(text).expect("translates"))
        .collect()
}

fn assert_same_as(layout: &[(&str, &[u8])], plain: &[String]) {
    let dir = lay_out(layout);
    let names: Vec<&str> = layout.iter().map(|(name, _)| *name).collect();
    assert_eq!(translations(dir.path()), plain, "layout {names:?}");
    let model = FirefoxModel::open(dir.path()).expect("opens");
    assert_eq!(model.name(), "model.aren.intgemm.alphas", "{names:?}");
}

/// Firefox's layout, with a shortlist: plain, every file compressed as the models
/// repository publishes them, and half of each.
#[test]
fn firefox_layout_plain_or_compressed() {
    let f = files();
    let plain_dir = lay_out(&[
        ("model.aren.intgemm.alphas.bin", &f.model),
        ("lex.50.50.aren.s2t.bin", &f.lex),
        ("vocab.aren.spm", &f.vocab),
    ]);
    let plain = translations(plain_dir.path());
    assert!(plain.iter().any(|text| !text.is_empty()));
    assert_same_as(
        &[
            ("model.aren.intgemm.alphas.bin.gz", &f.model),
            ("lex.50.50.aren.s2t.bin.gz", &f.lex),
            ("vocab.aren.spm.gz", &f.vocab),
        ],
        &plain,
    );
    assert_same_as(
        &[
            ("model.aren.intgemm.alphas.bin.gz", &f.model),
            ("lex.50.50.aren.s2t.bin", &f.lex),
            ("vocab.aren.spm", &f.vocab),
        ],
        &plain,
    );
    assert_same_as(
        &[
            ("model.aren.intgemm.alphas.bin", &f.model),
            ("lex.50.50.aren.s2t.bin.gz", &f.lex),
            ("vocab.aren.spm.gz", &f.vocab),
        ],
        &plain,
    );
}

/// The split vocabularies (`srcvocab`, `trgvocab`) of some of Mozilla's pairs,
/// plain and compressed, against the shared one. No shortlist here: with one,
/// which source pieces become candidates depends on whether the vocabulary is
/// shared, and the tests have one vocabulary to write as both.
#[test]
fn split_vocabularies_plain_or_compressed() {
    let f = files();
    let shared_dir = lay_out(&[
        ("model.aren.intgemm.alphas.bin", &f.model),
        ("vocab.aren.spm", &f.vocab),
    ]);
    let shared = translations(shared_dir.path());
    for (model, source, target) in [
        (
            "model.aren.intgemm.alphas.bin",
            "srcvocab.aren.spm",
            "trgvocab.aren.spm",
        ),
        (
            "model.aren.intgemm.alphas.bin.gz",
            "srcvocab.aren.spm.gz",
            "trgvocab.aren.spm.gz",
        ),
        (
            "model.aren.intgemm.alphas.bin",
            "srcvocab.aren.spm.gz",
            "trgvocab.aren.spm",
        ),
    ] {
        assert_same_as(
            &[(model, &f.model), (source, &f.vocab), (target, &f.vocab)],
            &shared,
        );
    }
}

/// A folder mixing the two vocabulary layouts is refused, naming both files.
#[test]
fn a_folder_of_two_layouts_is_refused() {
    let f = files();
    let dir = lay_out(&[
        ("model.aren.intgemm.alphas.bin.gz", &f.model),
        ("vocab.aren.spm.gz", &f.vocab),
        ("srcvocab.aren.spm", &f.vocab),
        ("trgvocab.aren.spm", &f.vocab),
    ]);
    let error = FirefoxModel::open(dir.path()).expect_err("mixed layouts");
    assert!(
        matches!(error, FirefoxError::MixedFolder { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("vocab.aren.spm.gz"), "{message}");
    assert!(message.contains("srcvocab.aren.spm"), "{message}");
}

/// A compressed file that is damaged, or unpacks into something else, is named.
#[test]
fn a_damaged_compressed_file_is_named() {
    let f = files();
    let packed = gzip(&f.model);
    let dir = lay_out(&[("vocab.aren.spm.gz", &f.vocab)]);
    std::fs::write(
        dir.path().join("model.aren.intgemm.alphas.bin.gz"),
        &packed[..packed.len() / 2],
    )
    .expect("written");
    let message = FirefoxModel::open(dir.path())
        .expect_err("cut short")
        .to_string();
    assert!(
        message.contains("model.aren.intgemm.alphas.bin.gz"),
        "{message}"
    );
    assert!(message.contains("cannot be decompressed"), "{message}");

    let dir = lay_out(&[
        ("model.aren.intgemm.alphas.bin", &f.model),
        ("vocab.aren.spm.gz", b"not a vocabulary"),
    ]);
    let message = FirefoxModel::open(dir.path())
        .expect_err("not a vocabulary")
        .to_string();
    assert!(message.contains("vocab.aren.spm.gz"), "{message}");
    assert!(
        message.contains("not a SentencePiece vocabulary"),
        "{message}"
    );
}
