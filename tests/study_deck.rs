//! `hamish study deck`: decks imported into a fresh collection by Anki's own library
//! (PyPI `anki`, through tests/fixtures/study/import_deck.py): one note per lemma,
//! every field filled, the word marked in its sentence, the aligned translation, and
//! ids that make a re-export update the notes rather than add copies. Also `hamish
//! study status` and the export target's refusals.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const ARTICLE: &str = "003_2dd66c1bbdc4b7f0.txt";
const COMPANION: &str = "003_2dd66c1bbdc4b7f0.en.txt";

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

/// A folder holding sample 003 and its English translation.
fn folder_with_article(root: &Path) -> PathBuf {
    for name in [ARTICLE, COMPANION] {
        std::fs::copy(samples().join(name), root.join(name)).expect("copy");
    }
    root.join(ARTICLE)
}

fn hamish(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(args)
        .output()
        .expect("hamish runs")
}

fn status_json(path: &Path) -> Value {
    let output = hamish(&[
        "study".as_ref(),
        "status".as_ref(),
        "--json".as_ref(),
        path.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn deck(article: &Path, format: &str, target: &Path) -> Output {
    hamish(&[
        "study".as_ref(),
        "deck".as_ref(),
        "--format".as_ref(),
        format.as_ref(),
        "-o".as_ref(),
        target.as_os_str(),
        article.as_os_str(),
    ])
}

/// What Anki holds after importing `decks` in turn into a fresh collection in
/// `folder`; `None` (skipped) when the `anki` package is missing, except on CI.
fn import_with_anki(folder: &Path, decks: &[&Path]) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/study/import_deck.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(folder)
        .args(decks)
        .output();
    let missing = match &output {
        Err(_) => true,
        Ok(output) => output.status.code() == Some(3),
    };
    if missing {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Anki's library is needed on CI: .ci/run installs it (pip install anki)"
        );
        eprintln!("skipped: python3 with the anki package is not installed");
        return None;
    }
    let output = output.expect("ran");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("JSON"))
}

fn field<'a>(note: &'a Value, name: &str) -> &'a str {
    note["fields"][name].as_str().unwrap_or_default()
}

#[test]
fn an_apkg_imports_into_anki_one_note_per_lemma_and_a_reexport_updates_them() {
    let root = tempfile::tempdir().expect("folder");
    let article = folder_with_article(root.path());
    let lemmas = status_json(&article)["lemmas"].as_u64().expect("a count");
    assert!(lemmas > 200, "{lemmas}");

    let first = root.path().join("first.apkg");
    let output = deck(&article, "apkg", &first);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // The reader marks a lemma known, and exports again, a second later (Anki keeps
    // the newer of two versions of a note).
    let vocabulary = "{\"format\": \"hamish-vocabulary\", \"version\": 1, \"lemmas\": {\"maSodar_1\": {\"status\": \"known\", \"changed_ms\": 5}}}";
    std::fs::write(root.path().join("vocabulary.hamish.json"), vocabulary).expect("write");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = root.path().join("second.apkg");
    let output = deck(&article, "apkg", &second);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let Some(anki) = import_with_anki(&root.path().join("anki"), &[&first, &second]) else {
        return;
    };
    let imports = anki["imports"].as_array().expect("imports");
    assert_eq!(imports[0]["new"].as_u64(), Some(lemmas), "{imports:?}");
    assert_eq!(
        imports[1]["new"].as_u64(),
        Some(0),
        "a re-export adds nothing: {imports:?}"
    );
    assert_eq!(imports[1]["updated"].as_u64(), Some(lemmas), "{imports:?}");
    let notes = anki["notes"].as_array().expect("notes");
    assert_eq!(
        notes.len() as u64,
        lemmas,
        "one note per lemma, never duplicated"
    );

    let mut guids: Vec<&str> = notes
        .iter()
        .map(|n| n["guid"].as_str().unwrap_or(""))
        .collect();
    guids.sort_unstable();
    guids.dedup();
    assert_eq!(guids.len(), notes.len());
    for note in notes {
        assert_eq!(note["notetype"], "Hamish word");
        assert_eq!(note["cards"], 1);
        for name in [
            "Word",
            "Lemma",
            "Gloss",
            "Part of speech",
            "Sentence",
            "Translation",
        ] {
            assert!(!field(note, name).is_empty(), "{name} is empty in {note}");
        }
        let marked = format!("<b>{}</b>", field(note, "Word"));
        assert!(field(note, "Sentence").contains(&marked), "{note}");
        assert!(
            field(note, "Translation").is_ascii() || field(note, "Translation").contains(' '),
            "{note}"
        );
    }
    // The word as it stands, its lemma vocalised, and the sentence's translation.
    let source = notes
        .iter()
        .find(|note| field(note, "Word") == "مصادر")
        .expect("the lemma of مصادر");
    assert_eq!(field(source, "Lemma"), "مَصْدَر");
    assert_eq!(field(source, "Part of speech"), "NOUN");
    assert!(field(source, "Gloss").contains("source"), "{source}");
    assert!(
        field(source, "Translation").starts_with("Russian media sources"),
        "{source}"
    );
    let tags: Vec<&str> = source["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        tags.contains(&"known"),
        "the re-export updated the note: {tags:?}"
    );
    assert!(
        anki["decks"].to_string().contains("Hamish::003"),
        "{}",
        anki["decks"]
    );
}

#[test]
fn a_tsv_deck_carries_the_headers_anki_reads() {
    let root = tempfile::tempdir().expect("folder");
    let article = folder_with_article(root.path());
    let target = root.path().join("deck.tsv");
    let output = deck(&article, "tsv", &target);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&target).expect("written");
    assert!(
        text.starts_with("#separator:tab\n#html:true\n#guid column:1\n"),
        "{text}"
    );
    let lemmas = status_json(&article)["lemmas"].as_u64().expect("a count");
    let Some(anki) = import_with_anki(&root.path().join("anki"), &[&target, &target]) else {
        return;
    };
    let imports = anki["imports"].as_array().expect("imports");
    assert_eq!(imports[0]["guid_column"], 1, "{imports:?}");
    assert_eq!(imports[0]["html"], true, "{imports:?}");
    assert_eq!(imports[0]["new"].as_u64(), Some(lemmas), "{imports:?}");
    assert_eq!(
        imports[1]["new"].as_u64(),
        Some(0),
        "matched by guid: {imports:?}"
    );
    assert_eq!(
        anki["notes"].as_array().map(Vec::len),
        Some(lemmas as usize)
    );
}

#[test]
fn status_counts_every_lemma_and_the_deck_filters_by_status() {
    let root = tempfile::tempdir().expect("folder");
    let article = folder_with_article(root.path());
    std::fs::write(
        root.path().join("vocabulary.hamish.json"),
        "{\"format\": \"hamish-vocabulary\", \"version\": 1, \"lemmas\": {\"maSodar_1\": {\"status\": \"learning-2\", \"changed_ms\": 5}}}",
    )
    .expect("write");
    let status = status_json(root.path());
    assert_eq!(
        status["by_status"]["learning-2"], 1,
        "{}",
        status["by_status"]
    );
    let listed = status["lemma_list"].as_array().expect("lemmas");
    let source = listed
        .iter()
        .find(|l| l["lemma"] == "maSodar_1")
        .expect("listed");
    assert_eq!(source["status"], "learning-2");
    assert!(source["forms"].to_string().contains("مصادر"), "{source}");

    let plain = hamish(&["study".as_ref(), "status".as_ref(), article.as_os_str()]);
    let plain = String::from_utf8(plain.stdout).expect("text");
    assert!(plain.contains("learning-2\t"), "{plain}");
    assert!(
        plain.lines().last().unwrap_or("").contains("lemmas"),
        "{plain}"
    );

    let only = hamish(&[
        "study".as_ref(),
        "deck".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        "--status".as_ref(),
        "learning".as_ref(),
        article.as_os_str(),
    ]);
    assert!(only.status.success());
    let only = String::from_utf8(only.stdout).expect("text");
    let notes: Vec<&str> = only.lines().filter(|line| !line.starts_with('#')).collect();
    assert_eq!(notes.len(), 1, "{only}");
    assert!(notes[0].contains("\tمصادر\t"), "{only}");

    let none = hamish(&[
        "study".as_ref(),
        "deck".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        "--status".as_ref(),
        "ignored".as_ref(),
        article.as_os_str(),
    ]);
    assert_eq!(none.status.code(), Some(1));
    let bad = hamish(&[
        "study".as_ref(),
        "deck".as_ref(),
        "--status".as_ref(),
        "fluent".as_ref(),
        article.as_os_str(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a status"));
}

#[test]
fn a_deck_never_replaces_the_readers_files() {
    let root = tempfile::tempdir().expect("folder");
    let article = folder_with_article(root.path());
    let vocabulary = root.path().join("vocabulary.hamish.json");
    std::fs::write(
        &vocabulary,
        "{\"format\": \"hamish-vocabulary\", \"version\": 1, \"lemmas\": {}}",
    )
    .expect("write");
    for target in [
        article.clone(),
        root.path().join(COMPANION),
        vocabulary.clone(),
    ] {
        let before = std::fs::read(&target).expect("read");
        let output = deck(&article, "apkg", &target);
        assert_eq!(output.status.code(), Some(2), "{}", target.display());
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("never replaces"),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(std::fs::read(&target).expect("read"), before);
    }
}
