//! `hamish export --format tmx --sentences`: the article's translation as sentence
//! pairs (`segtype="sentence"`), a translation memory translate-toolkit reads back,
//! each pair a sentence of a section and its own translation.

use std::path::{Path, PathBuf};
use std::process::Command;

const ARTICLE: &str = "003_2dd66c1bbdc4b7f0.txt";
const TRANSLATION: &str = "003_2dd66c1bbdc4b7f0.en.txt";

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

/// Sample 003 with its English translation in a temporary folder.
fn folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    for name in [ARTICLE, TRANSLATION] {
        std::fs::copy(samples().join(name), folder.path().join(name)).expect("copy");
    }
    folder
}

fn export(args: &[&str], article: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .arg("export")
        .args(args)
        .arg(article)
        .output()
        .expect("hamish runs")
}

#[test]
fn sentence_pairs_read_back_in_translate_toolkit() {
    let folder = folder();
    let article = folder.path().join(ARTICLE);
    let output = export(&["--format", "tmx", "--sentences"], &article);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tmx = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(tmx.contains("segtype=\"sentence\""), "{tmx}");
    // By section, the same article gives one unit a section: sentences give more.
    let by_section = export(&["--format", "tmx"], &article);
    let sections = String::from_utf8(by_section.stdout)
        .expect("UTF-8")
        .matches("<tu ")
        .count();
    assert!(tmx.matches("<tu ").count() > sections, "{tmx}");

    let path = folder.path().join("export.tmx");
    std::fs::write(&path, &tmx).expect("write");
    let Some(units) = read_with_translate_toolkit(&path) else {
        return;
    };
    let arabic = std::fs::read_to_string(&article).expect("article");
    let english = std::fs::read_to_string(folder.path().join(TRANSLATION)).expect("english");
    let arabic: Vec<&str> = arabic
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    let english: Vec<&str> = english
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    // Each pair is a piece of one section and of that section's own English, and the
    // pairs go through both texts in order.
    let mut row = 0;
    for (source, target) in &units {
        while row < arabic.len() && !arabic[row].contains(source.as_str()) {
            row += 1;
        }
        assert!(
            row < arabic.len(),
            "{source} is in no section after the last"
        );
        assert!(
            english[row].contains(target.as_str()),
            "{target:?} is not in the English of row {row}"
        );
    }
    // Row 3's two sentences are two units, each with its own English.
    let first = units
        .iter()
        .find(|(source, _)| source.starts_with("كما عُقد"))
        .expect("row 3's first sentence");
    assert!(first.1.starts_with("A joint meeting"), "{first:?}");
    assert!(
        !first.1.contains("The Russian Foreign Ministry"),
        "{first:?}"
    );
    let second = units
        .iter()
        .find(|(source, _)| source.starts_with("ولفتت وزارة"))
        .expect("row 3's second sentence");
    assert!(
        second.1.starts_with("The Russian Foreign Ministry"),
        "{second:?}"
    );
}

#[test]
fn sentences_go_with_tmx_only() {
    let folder = folder();
    let output = export(
        &["--format", "markdown", "--sentences"],
        &folder.path().join(ARTICLE),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--format tmx"));
}

/// The units translate-toolkit reads from the TMX at `path`; `None` (the test is
/// skipped) when translate-toolkit is not installed, except on CI, which installs it.
fn read_with_translate_toolkit(path: &Path) -> Option<Vec<(String, String)>> {
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/translation/read_tmx.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(path)
        .args(["ar", "en"])
        .output();
    let missing = match &output {
        Err(_) => true,
        Ok(output) => output.status.code() == Some(3),
    };
    if missing {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "translate-toolkit is needed on CI: .ci/run installs it (pip install translate-toolkit)"
        );
        eprintln!("skipped: python3 with translate-toolkit is not installed");
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
