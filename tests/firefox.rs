//! The built-in Firefox engine, run for real: the SentencePiece tokenisation against
//! the reference implementation's ids, and generated random-weight models (the real
//! container format, the real loader and decoder) whose output bias is rigged so the
//! answers are known. A test with a real model runs when HAMISH_FIREFOX_MODEL_DIR
//! names one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fxtranslate::spm::SpmVocab;
use hamish::translate::firefox::bytes::restore_byte_pieces;
use hamish::translate::firefox::synth::{Precision, Rig, SynthModel, container, shortlist};
use hamish::translate::firefox::{FirefoxError, FirefoxModel, find_models};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/firefox")
}

fn vocab_bytes() -> Vec<u8> {
    std::fs::read(fixtures().join("vocab.tiny.spm")).expect("the tiny vocabulary")
}

fn vocab() -> SpmVocab {
    SpmVocab::from_bytes(&vocab_bytes())
}

/// The id of a piece of the tiny vocabulary.
fn piece_id(piece: &str) -> u32 {
    let vocab = vocab();
    (0..vocab.len() as u32)
        .find(|&id| vocab.piece(id) == piece)
        .unwrap_or_else(|| panic!("{piece} is in the vocabulary"))
}

/// A folder holding a tiny generated model for Arabic to English.
fn model_folder(precision: Precision, rig: Rig) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    SynthModel::tiny(vocab().len(), precision, rig)
        .write_folder(dir.path(), "aren", &vocab_bytes())
        .expect("model written");
    dir
}

fn open(dir: &Path) -> FirefoxModel {
    FirefoxModel::open(dir).unwrap_or_else(|error| panic!("opens: {error}"))
}

/// How many pieces the decoder may emit for `sentence`: Firefox's limit
/// (`max-length-factor` 2.0), twice the source length with its end-of-sentence
/// piece — not fxtranslate's own, four more, which the oracle test caught.
fn length_limit(sentence: &str) -> usize {
    2 * vocab().encode_with_eos(sentence).len()
}

#[derive(serde::Deserialize)]
struct Reference {
    sentencepiece: String,
    vocab_size: usize,
    cases: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    ids: Vec<u32>,
    pieces: Vec<String>,
    decoded: String,
}

fn reference() -> Reference {
    let json = std::fs::read_to_string(fixtures().join("cases.json")).expect("cases.json");
    serde_json::from_str(&json).expect("cases.json parses")
}

#[test]
fn tokenisation_matches_the_reference_implementation() {
    let reference = reference();
    let vocab = vocab();
    assert_eq!(vocab.len(), reference.vocab_size);
    for case in &reference.cases {
        let ids = vocab.encode(&case.text);
        let pieces: Vec<&str> = ids.iter().map(|&id| vocab.piece(id)).collect();
        assert_eq!(
            ids, case.ids,
            "{:?}: fxtranslate gives {pieces:?}, sentencepiece {} gives {:?}",
            case.text, reference.sentencepiece, case.pieces
        );
    }
    // The cases cover what the issue asks for.
    let all: String = reference
        .cases
        .iter()
        .map(|case| case.text.as_str())
        .collect();
    for (what, needed) in [
        ("Arabic marks", '\u{650}'),
        ("tatweel", 'ـ'),
        ("Persian ZWNJ", '\u{200C}'),
        ("Hebrew", 'ש'),
        ("Arabic-Indic digits", '٢'),
        ("Persian digits", '۲'),
        ("an emoji", '🌍'),
    ] {
        assert!(all.contains(needed), "no case has {what}");
    }
}

#[test]
fn decoding_with_byte_pieces_restored_matches_the_reference() {
    let vocab = vocab();
    for case in &reference().cases {
        let decoded = vocab.decode(&case.ids);
        assert_eq!(
            restore_byte_pieces(&decoded),
            case.decoded,
            "{:?}",
            case.text
        );
    }
    // The gap being repaired: fxtranslate alone leaves the emoji's bytes as names.
    let emoji = vocab.encode("مرحبا 🌍 بالعالم");
    assert!(vocab.decode(&emoji).contains("<0xF0><0x9F><0x8C><0x8D>"));
}

#[test]
fn the_reference_normalisation_is_kept() {
    // SentencePiece's nmt_nfkc turns the Persian ZWNJ into a space and spells out
    // the lam-alef ligature; the Rust tokeniser does the same (ids above), which the
    // decoded text shows plainly.
    let vocab = vocab();
    assert_eq!(vocab.decode(&vocab.encode("کتاب‌ها")), "کتاب ها");
    assert_eq!(vocab.decode(&vocab.encode("ﻻ")), "لا");
}

#[test]
fn a_model_that_stops_at_once_gives_empty_translations() {
    for precision in [Precision::Int8, Precision::Float32] {
        let dir = model_folder(precision, Rig::StopAtOnce);
        let model = open(dir.path());
        assert_eq!(model.translate("مرحبا بالعالم.").expect("translates"), "");
        // Lines keep their breaks; the blank line is left as it is.
        assert_eq!(
            model
                .translate("السطر الأول\n\nالسطر الثاني\n")
                .expect("translates"),
            "\n\n\n"
        );
    }
}

#[test]
fn a_model_that_never_stops_runs_to_the_length_limit() {
    let sentence = "اجتمعت اللجنة العسكرية عبر الفيديو";
    for precision in [Precision::Int8, Precision::Float32] {
        let dir = model_folder(precision, Rig::Repeat(piece_id("▁ال")));
        let model = open(dir.path());
        let out = model.translate(sentence).expect("translates");
        let words: Vec<&str> = out.split(' ').collect();
        assert_eq!(words.len(), length_limit(sentence), "{precision:?}: {out}");
        assert!(words.iter().all(|word| *word == "ال"), "{out}");
    }
}

#[test]
fn each_sentence_is_translated_on_its_own() {
    let (first, second) = ("هل قرأت المقال؟", "نعم، قرأته.");
    let dir = model_folder(Precision::Int8, Rig::Repeat(piece_id("▁ال")));
    let model = open(dir.path());
    let out = model
        .translate(&format!("{first} {second}"))
        .expect("translates");
    let run = |n| vec!["ال"; n].join(" ");
    assert_eq!(
        out,
        format!("{} {}", run(length_limit(first)), run(length_limit(second)))
    );
}

#[test]
fn byte_pieces_in_the_output_come_back_as_characters() {
    let dir = model_folder(Precision::Int8, Rig::Repeat(piece_id("<0x41>")));
    let model = open(dir.path());
    let sentence = "مرحبا";
    let out = model.translate(sentence).expect("translates");
    assert_eq!(out, "A".repeat(length_limit(sentence)));
}

#[test]
fn the_shortlist_limits_the_words_the_model_may_choose() {
    let sentence = "مرحبا";
    let forced = piece_id("▁ال");
    let run = vec!["ال"; length_limit(sentence)].join(" ");
    let dir = model_folder(Precision::Int8, Rig::Repeat(forced));
    let lex = dir.path().join("lex.50.50.aren.s2t.bin");
    // Every source piece may become `▁ال` (and the 8 most frequent pieces).
    let mut lists = vec![Vec::new(); vocab().len()];
    for id in vocab().encode(sentence) {
        lists[id as usize] = vec![forced, piece_id("▁م")];
    }
    std::fs::write(&lex, shortlist(8, &lists)).expect("write");
    let model = open(dir.path());
    assert_eq!(model.folder().shortlist.as_deref(), Some(lex.as_path()));
    assert_eq!(model.translate(sentence).expect("translates"), run);
    drop(model);

    // Without `▁ال` among the candidates the rigged piece cannot be chosen: the
    // decoder picks among the source's own pieces and `▁م` instead.
    for list in &mut lists {
        list.retain(|&id| id != forced);
    }
    std::fs::write(&lex, shortlist(8, &lists)).expect("write");
    let model = open(dir.path());
    let out = model.translate(sentence).expect("translates");
    assert!(!out.split(' ').any(|word| word == "ال"), "{out}");
    assert!(!out.is_empty());
}

#[test]
fn the_model_names_itself_and_its_languages() {
    let dir = model_folder(Precision::Int8, Rig::Free);
    let model = open(dir.path());
    assert_eq!(model.name(), "model.aren.intgemm.alphas");
    assert_eq!(model.languages(), ("ar".to_string(), "en".to_string()));
    // Random weights say something random, but the same thing every time.
    let once = model.translate("مرحبا بالعالم").expect("translates");
    assert_eq!(model.translate("مرحبا بالعالم").expect("translates"), once);
    assert!(!once.contains("<0x"), "{once}");
}

#[test]
fn one_model_serves_several_threads() {
    let dir = model_folder(Precision::Int8, Rig::Repeat(piece_id("▁ال")));
    let model = Arc::new(open(dir.path()));
    let sentences: [&'static str; 3] = ["مرحبا", "اجتمعت اللجنة", "السلام عليكم ورحمة الله"];
    let workers: Vec<_> = sentences
        .into_iter()
        .map(|sentence| {
            let model = Arc::clone(&model);
            std::thread::spawn(move || model.translate(sentence).expect("translates"))
        })
        .collect();
    for (sentence, worker) in sentences.iter().zip(workers) {
        let out = worker.join().expect("thread");
        assert_eq!(out.split(' ').count(), length_limit(sentence));
    }
}

#[test]
fn models_are_found_in_the_data_directory() {
    let data = tempfile::tempdir().expect("temp dir");
    SynthModel::tiny(vocab().len(), Precision::Int8, Rig::Free)
        .write_folder(&data.path().join("ar-en"), "aren", &vocab_bytes())
        .expect("written");
    let found = find_models(data.path());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].languages(), ("ar".to_string(), "en".to_string()));
    open(&found[0].dir);
}

/// Opening `dir` fails; returns the message.
fn refused(dir: &Path) -> String {
    match FirefoxModel::open(dir) {
        Ok(_) => panic!("{} opened", dir.display()),
        Err(error) => error.to_string(),
    }
}

#[test]
fn an_unusable_model_is_refused_with_the_reason() {
    let vocab_len = vocab().len();
    let tiny = SynthModel::tiny(vocab_len, Precision::Int8, Rig::Free);
    let model_file = |dir: &Path| dir.join("model.aren.intgemm.alphas.bin");

    // Cut short.
    let dir = model_folder(Precision::Int8, Rig::Free);
    let bytes = std::fs::read(model_file(dir.path())).expect("read");
    std::fs::write(model_file(dir.path()), &bytes[..bytes.len() / 2]).expect("write");
    let message = refused(dir.path());
    assert!(message.contains("not a Marian model file"), "{message}");

    // Not a model at all.
    std::fs::write(model_file(dir.path()), "<html>Not found</html>").expect("write");
    assert!(refused(dir.path()).contains("not a Marian model file"));

    // A tensor missing: the decoder is not Firefox's.
    let without = |name: &str| {
        let tensors: Vec<_> = tiny
            .tensors()
            .into_iter()
            .filter(|t| t.name != name)
            .collect();
        std::fs::write(model_file(dir.path()), container(&tensors)).expect("write");
        refused(dir.path())
    };
    let message = without("decoder_l2_rnn_Wf");
    assert!(
        message.contains("has no decoder_l2_rnn_Wf") && message.contains("SSRU"),
        "{message}"
    );
    let message = without("encoder_l1_ffn_W2_QuantMultA");
    assert!(
        message.contains("has no encoder_l1_ffn_W2_QuantMultA"),
        "{message}"
    );
    let message = without("special:model.yml");
    assert!(message.contains("special:model.yml"), "{message}");

    // A vocabulary bigger than the model's embedding.
    let small = SynthModel {
        vocab: vocab_len / 2,
        ..tiny
    };
    std::fs::write(model_file(dir.path()), small.to_bytes()).expect("write");
    let message = refused(dir.path());
    assert!(message.contains("do not belong together"), "{message}");

    // A vocabulary that is not one.
    std::fs::write(model_file(dir.path()), tiny.to_bytes()).expect("write");
    std::fs::write(dir.path().join("vocab.aren.spm"), "not a vocabulary").expect("write");
    let message = refused(dir.path());
    assert!(message.contains("vocab.aren.spm"), "{message}");
    assert!(
        message.contains("not a SentencePiece vocabulary"),
        "{message}"
    );
    std::fs::write(dir.path().join("vocab.aren.spm"), vocab_bytes()).expect("write");

    // A shortlist cut short.
    std::fs::write(dir.path().join("lex.50.50.aren.s2t.bin"), [0u8; 20]).expect("write");
    let message = refused(dir.path());
    assert!(message.contains("too short to be a shortlist"), "{message}");
    std::fs::remove_file(dir.path().join("lex.50.50.aren.s2t.bin")).expect("remove");

    // With everything back, it opens.
    open(dir.path());
}

/// Marian's default feed-forward activation is swish; the engine runs ReLU only
/// (the oracle test found generated models decoding differently for want of the
/// key), so a model that says swish is refused rather than decoded into noise.
#[test]
fn a_model_with_another_activation_is_refused() {
    let dir = model_folder(Precision::Float32, Rig::Free);
    let synth = SynthModel::tiny(vocab().len(), Precision::Float32, Rig::Free);
    let mut tensors = synth.tensors();
    for tensor in &mut tensors {
        if tensor.name == "special:model.yml" {
            let yaml = synth
                .yaml()
                .replace("activation: relu", "activation: swish");
            tensor.data = yaml.into_bytes();
            tensor.data.push(0);
            tensor.shape = vec![tensor.data.len() as i32];
        }
    }
    let model = dir.path().join("model.aren.float32.bin");
    std::fs::write(model, container(&tensors)).expect("write");
    let message = refused(dir.path());
    assert!(
        message.contains("swish") && message.contains("ReLU"),
        "{message}"
    );
}

#[test]
fn a_folder_without_a_model_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        FirefoxModel::open(dir.path()).err(),
        Some(FirefoxError::NoModel {
            dir: dir.path().to_path_buf()
        })
    );
    std::fs::write(dir.path().join("model.aren.intgemm.alphas.bin"), b"x").expect("write");
    let message = refused(dir.path());
    assert!(
        message.contains("has no vocabulary (vocab.aren.spm)"),
        "{message}"
    );
}

/// Runs only with a real model: `HAMISH_FIREFOX_MODEL_DIR=DIR cargo test --test
/// firefox -- --ignored`. Fails (rather than passing silently) when asked to run
/// without one.
#[test]
#[ignore = "needs a real Firefox model: set HAMISH_FIREFOX_MODEL_DIR to its folder and pass --ignored"]
fn a_real_model_translates() {
    let Some(dir) = std::env::var_os("HAMISH_FIREFOX_MODEL_DIR") else {
        panic!("skipped: set HAMISH_FIREFOX_MODEL_DIR to a Firefox model folder to run this test");
    };
    let model = open(Path::new(&dir));
    let (source, target) = model.languages();
    let text = match source.as_str() {
        "ar" => "اجتمعت اللجنة العسكرية عبر الفيديو. وناقشت التحديات الأمنية في المنطقة.",
        "fa" => "کمیته نظامی از طریق ویدئو تشکیل جلسه داد. چالش‌های امنیتی منطقه بررسی شد.",
        "he" => "הוועדה הצבאית התכנסה בשיחת וידאו. נדונו האתגרים הביטחוניים באזור.",
        _ => {
            "The military committee met by video. The security challenges of the region were discussed."
        }
    };
    let out = model.translate(text).expect("translates");
    eprintln!("{} ({source} → {target}): {text}\n→ {out}", model.name());
    assert!(!out.trim().is_empty());
    assert!(!out.contains("<0x"), "byte pieces left in {out}");
    assert_ne!(out, text);
    if target == "en" {
        assert!(out.chars().any(|c| c.is_ascii_alphabetic()), "{out}");
    }
}

/// `hamish translate --engine firefox` finds the pair's model in a folder of models
/// and runs it on every section: the whole path from the command line through the
/// `Translator` interface to the decoder.
#[test]
fn hamish_translate_runs_the_built_in_engine() {
    let models = tempfile::tempdir().expect("temp dir");
    SynthModel::tiny(
        vocab().len(),
        Precision::Int8,
        Rig::Repeat(piece_id("<0x41>")),
    )
    .write_folder(&models.path().join("ar-en"), "aren", &vocab_bytes())
    .expect("model written");
    let articles = tempfile::tempdir().expect("temp dir");
    let article = articles.path().join("article.txt");
    let sections = ["مرحبا", "اجتمعت اللجنة"];
    std::fs::write(&article, sections.join("\n\n")).expect("article written");
    let run = |to: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_hamish"))
            .args(["translate", "--engine", "firefox", "--model-dir"])
            .arg(models.path())
            .args(["--to", to, "--stdout"])
            .arg(&article)
            .output()
            .expect("hamish runs")
    };
    let output = run("en");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let lines: Vec<&str> = stdout.lines().collect();
    let expected: Vec<String> = sections
        .iter()
        .map(|section| "A".repeat(length_limit(section)))
        .collect();
    assert_eq!(lines, expected);

    // No Arabic to French model there: said, with the pairs there are, and a failure.
    let output = run("fr");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("Arabic to English"), "{stderr}");
}
