//! `hamish align`, run as the built binary: one line per section, JSON links whose
//! character offsets point at the sentences, the article's companion found without
//! naming it, and the exit status (0 aligned, 1 nothing aligned, 2 error) with a
//! reason on standard error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> PathBuf {
    root().join("assets/samples/003_2dd66c1bbdc4b7f0.txt")
}

fn case(name: &str) -> PathBuf {
    root().join("tests/fixtures/align/cases/003").join(name)
}

/// Runs `hamish align ARGS` with its data directory in `home`.
fn hamish(home: &Path, args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .arg("align")
        .args(args)
        .output()
        .expect("hamish runs")
}

/// The gold sentences of a case, by section.
fn gold_by_section(case: &Path, sections: usize) -> Vec<String> {
    let mut by_section = vec![Vec::new(); sections];
    for line in std::fs::read_to_string(case.join("gold.tsv"))
        .expect("gold")
        .lines()
    {
        let (section, text) = line.split_once('\t').expect("tagged");
        if let Ok(section) = section.parse::<usize>() {
            by_section[section].push(text.to_owned());
        }
    }
    by_section
        .into_iter()
        .map(|texts| texts.join(" "))
        .collect()
}

#[test]
fn plain_output_is_a_line_per_section_with_its_translation() {
    let home = tempfile::tempdir().expect("home");
    let output = hamish(
        home.path(),
        &[&sample(), &case("regrouped").join("translation.en.txt")],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let rows: Vec<(&str, &str)> = stdout
        .lines()
        .map(|line| line.split_once('\t').expect("two columns"))
        .collect();
    let article = std::fs::read_to_string(sample()).expect("article");
    let sections: Vec<&str> = article.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), sections.len());
    let expected = gold_by_section(&case("regrouped"), sections.len());
    for (index, (section, translation)) in rows.iter().enumerate() {
        assert_eq!(*section, sections[index].trim());
        assert_eq!(*translation, expected[index], "section {index}");
    }
}

#[test]
fn json_links_point_at_their_sentences_in_characters() {
    let home = tempfile::tempdir().expect("home");
    let tmx = case("tmx").join("translation.tmx");
    let output = hamish(home.path(), &[Path::new("--json"), &sample(), &tmx]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let article = std::fs::read_to_string(sample()).expect("article");
    let sections: Vec<Vec<char>> = article
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().chars().collect())
        .collect();
    let gold = std::fs::read_to_string(case("tmx").join("gold.tsv")).expect("gold");
    let gold: Vec<(usize, &str)> = gold
        .lines()
        .map(|line| {
            let (section, text) = line.split_once('\t').expect("tagged");
            (section.parse().expect("section"), text)
        })
        .collect();
    let mut seen = 0;
    for line in stdout.lines() {
        let link: serde_json::Value = serde_json::from_str(line).expect("a JSON object a line");
        let confidence = link["confidence"].as_f64().expect("confidence");
        assert!((0.0..=1.0).contains(&confidence));
        let article_places = link["article"].as_array().expect("article");
        for place in article_places {
            let [section, start, end] = [0, 1, 2].map(|i| place[i].as_u64().expect("n") as usize);
            let sentence: String = sections[section][start..end].iter().collect();
            assert!(sentence.ends_with(['.', '"', '»']) || end == sections[section].len());
        }
        let section = article_places[0][0].as_u64().expect("section") as usize;
        for place in link["translation"].as_array().expect("translation") {
            let [unit, start, end] = [0, 1, 2].map(|i| place[i].as_u64().expect("n") as usize);
            // Each TMX unit holds one sentence: the whole of it.
            let (gold_section, text) = gold[unit];
            assert_eq!((start, end), (0, text.chars().count()));
            assert_eq!(gold_section, section, "{text}");
            seen += 1;
        }
    }
    assert_eq!(seen, gold.len(), "every sentence linked once");
}

#[test]
fn the_companion_in_the_chosen_language_is_aligned_without_naming_it() {
    let home = tempfile::tempdir().expect("home");
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("003.txt");
    std::fs::copy(sample(), &article).expect("article");
    std::fs::copy(
        case("lines").join("translation.en.txt"),
        folder.path().join("003.en.txt"),
    )
    .expect("companion");
    std::fs::write(folder.path().join("003.fr.txt"), "Une seule ligne.\n").expect("another");
    let output = Command::new(env!("CARGO_BIN_EXE_hamish"))
        .env("HOME", home.path())
        .args(["align", "--language", "en"])
        .arg(&article)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let expected = gold_by_section(&case("lines"), 11);
    let translations: Vec<&str> = stdout
        .lines()
        .map(|line| line.split_once('\t').expect("two columns").1)
        .collect();
    assert_eq!(translations, expected);
}

#[test]
fn nothing_to_align_exits_1_and_errors_exit_2_saying_why() {
    let home = tempfile::tempdir().expect("home");
    let folder = tempfile::tempdir().expect("folder");
    let empty = folder.path().join("003.en.txt");
    std::fs::write(&empty, "").expect("empty");
    let output = hamish(home.path(), &[&sample(), &empty]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("no text to align"), "{stderr}");

    let missing = folder.path().join("gone.txt");
    let output = hamish(home.path(), &[&missing, &empty]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("gone.txt"));

    // An article with no companion.
    let alone = folder.path().join("alone.txt");
    std::fs::write(&alone, "نص قصير.\n").expect("article");
    let output = hamish(home.path(), &[&alone]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("no translation"), "{stderr}");
}

#[test]
fn a_translation_in_another_language_than_its_name_says_is_flagged() {
    let home = tempfile::tempdir().expect("home");
    let folder = tempfile::tempdir().expect("folder");
    // The article itself, named as an English translation.
    let wrong = folder.path().join("003.en.txt");
    std::fs::copy(sample(), &wrong).expect("copy");
    let output = hamish(home.path(), &[&sample(), &wrong]);
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("reads as `ar`, not `en`"), "{stderr}");
    // It still aligns (an Arabic text with itself, line for line).
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    for line in stdout.lines() {
        let (section, translation) = line.split_once('\t').expect("two columns");
        assert_eq!(section, translation);
    }
}
