//! Translation files made by a real CAT library (translate-toolkit, see
//! tests/fixtures/translation/generate.py) beside seed 003, found, read and aligned;
//! and the TMX Hamish exports, read back by translate-toolkit.

mod common;

use std::path::{Path, PathBuf};

use hamish::export;
use hamish::import::translation::{
    find_companions, read_companion, read_translation, summarize_companions,
};
use hamish::import::{list_folder, read_article};
use hamish::model::translation::{
    AlignmentFix, AlignmentProblem, FileFixes, MatchKind, RowFlag, TranslationData,
    TranslationFormat, TranslationSource, align, resolve_column, segments_fingerprint,
};

const NAME: &str = "003_2dd66c1bbdc4b7f0";

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/translation")
}

fn article_path() -> PathBuf {
    common::samples().join(format!("{NAME}.txt"))
}

fn english_lines() -> Vec<String> {
    std::fs::read_to_string(fixtures().join(format!("{NAME}.en.txt")))
        .expect("fixture")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Reads a fixture, aligns it with seed 003 and checks every row has its line.
fn assert_fully_aligned(file_name: &str, format: TranslationFormat, language: Option<&str>) {
    let article = read_article(&article_path()).expect("seed 003 opens");
    let imported = read_translation(&fixtures().join(file_name), format, language)
        .unwrap_or_else(|error| panic!("{file_name}: {error}"));
    assert_eq!(imported.files.len(), 1, "{file_name}");
    let file = &imported.files[0];
    assert_eq!(file.language, "en", "{file_name}");
    let alignment = align(&article, file, None);
    assert_eq!(alignment.problems, [], "{file_name}");
    assert_eq!(alignment.flagged(), 0, "{file_name}: {:?}", alignment.rows);
    let english = english_lines();
    assert_eq!(article.sections.len(), english.len());
    for (index, line) in english.iter().enumerate() {
        assert_eq!(
            alignment.text(index),
            Some(line.as_str()),
            "{file_name} row {index}"
        );
    }
}

#[test]
fn aligned_tmx_and_xliff_fixtures_fill_every_row() {
    assert_fully_aligned(
        &format!("{NAME}.en.txt"),
        TranslationFormat::Aligned,
        Some("en"),
    );
    assert_fully_aligned(&format!("{NAME}.tmx"), TranslationFormat::Tmx, None);
    assert_fully_aligned(&format!("{NAME}.en.xlf"), TranslationFormat::Xliff, None);
    assert_fully_aligned(
        &format!("{NAME}.xliff11.xlf"),
        TranslationFormat::Xliff,
        None,
    );
    assert_fully_aligned(&format!("{NAME}.en.xliff"), TranslationFormat::Xliff, None);
}

#[test]
fn reordered_and_missing_segments_land_on_their_sections() {
    let article = read_article(&article_path()).expect("seed 003 opens");
    let imported = read_translation(
        &fixtures().join("reordered.tmx"),
        TranslationFormat::Tmx,
        None,
    )
    .expect("reads");
    let alignment = align(&article, &imported.files[0], None);
    let english = english_lines();
    for (index, line) in english.iter().enumerate() {
        let expected = (index != 3 && index != 6).then_some(line.as_str());
        assert_eq!(alignment.text(index), expected, "row {index}");
    }
    assert!(alignment.rows.iter().all(|row| {
        row.cell
            .as_ref()
            .is_none_or(|cell| cell.how == MatchKind::Exact)
    }));
    assert_eq!(alignment.problems, []);
}

#[test]
fn a_shifted_aligned_file_is_flagged_and_fixed() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let article_path = folder.path().join(format!("{NAME}.txt"));
    std::fs::copy(self::article_path(), &article_path).expect("copy");
    let mut english = english_lines();
    english.remove(5);
    std::fs::write(
        folder.path().join(format!("{NAME}.en.txt")),
        english.join("\n"),
    )
    .expect("write");
    let article = read_article(&article_path).expect("opens");
    let companions = find_companions(&article_path);
    assert_eq!(companions.len(), 1);
    let file = read_companion(&companions[0])
        .expect("reads")
        .files
        .remove(0);
    let alignment = align(&article, &file, None);
    assert_eq!(
        alignment.problems[0],
        AlignmentProblem::CountMismatch {
            sections: 11,
            segments: 10
        }
    );
    assert!(alignment.rows[10].flags.contains(&RowFlag::CountMismatch));
    assert!(
        alignment.rows[..5].iter().all(|row| row.flags.is_empty()),
        "{:?}",
        alignment.rows
    );
    assert!(alignment.flagged() >= 2);

    // The reader shifts the rows from 5 down: saved, and reapplied on every reload.
    let mut data = TranslationData::default();
    data.add_fix(
        &file.file,
        "en",
        &segments_fingerprint(&file.segments),
        AlignmentFix::ShiftDown { row: 5 },
    );
    let json = serde_json::to_string(&data).expect("saves");
    let data: TranslationData = serde_json::from_str(&json).expect("loads");
    let fixes: &FileFixes = data.fixes_for(&file.file, "en").expect("kept");
    let file = read_companion(&companions[0])
        .expect("reloads")
        .files
        .remove(0);
    let fixed = align(&article, &file, Some(fixes));
    assert_eq!(fixed.problems, []);
    assert_eq!(fixed.flagged(), 0, "{:?}", fixed.rows);
    assert_eq!(fixed.text(5), None);
    assert_eq!(fixed.text(6), Some(english[5].as_str()));
    // And the reader writes the missing row themselves.
    let mut data = data;
    data.set_reader_translation(
        "en",
        article.sections[5].id,
        &article.sections[5].text,
        "Written by me.",
        None,
        1,
    );
    let column = resolve_column(&article, "en", &data, Some((&file, &fixed)));
    assert_eq!(column.text(5), Some("Written by me."));
    assert_eq!(
        column.rows[5].cell.as_ref().map(|cell| &cell.source),
        Some(&TranslationSource::Reader)
    );
}

#[test]
fn the_library_lists_languages_not_translation_files() {
    let folder = tempfile::tempdir().expect("temporary folder");
    std::fs::copy(article_path(), folder.path().join(format!("{NAME}.txt"))).expect("copy");
    for name in [
        format!("{NAME}.en.txt"),
        format!("{NAME}.tmx"),
        format!("{NAME}.en.xlf"),
        format!("{NAME}.en.xliff"),
    ] {
        std::fs::copy(fixtures().join(&name), folder.path().join(&name)).expect("copy");
    }
    std::fs::copy(
        fixtures().join(format!("{NAME}.en.xlf")),
        folder.path().join(format!("{NAME}.fr.xlf")),
    )
    .expect("copy");
    let library = list_folder(folder.path()).expect("lists");
    assert_eq!(library.entries.len(), 1, "{:?}", library.entries);
    let entry = &library.entries[0];
    assert_eq!(entry.companions.len(), 5);
    assert_eq!(entry.languages(), ["en", "fr"]);
    let summaries = summarize_companions(&entry.companions);
    for summary in &summaries {
        assert_eq!(summary.error, None, "{:?}", summary.companion);
        assert_eq!(summary.languages[0].1, 11, "{:?}", summary.companion);
    }
    // The file says English, whatever its name says.
    let french_name = summaries
        .iter()
        .find(|summary| summary.companion.language.as_deref() == Some("fr"))
        .expect("listed");
    assert_eq!(french_name.languages[0].0, "en");
}

#[test]
fn the_bundled_sample_has_its_english_translation() {
    let library = list_folder(&common::samples()).expect("lists");
    let entry = &library.entries[library.position(&article_path()).expect("listed")];
    assert_eq!(entry.languages(), ["en"]);
    assert!(
        library
            .entries
            .iter()
            .all(|entry| !entry.file_name().contains(".en."))
    );
    let file = read_companion(&entry.companions[0])
        .expect("reads")
        .files
        .remove(0);
    let article = read_article(&article_path()).expect("opens");
    assert_eq!(align(&article, &file, None).flagged(), 0);
}

/// The TMX Hamish exports, read back by translate-toolkit: the same segments.
#[test]
fn exported_tmx_reads_back_in_translate_toolkit() {
    let article = read_article(&article_path()).expect("opens");
    let imported = read_translation(
        &fixtures().join(format!("{NAME}.en.txt")),
        TranslationFormat::Aligned,
        Some("en"),
    )
    .expect("reads");
    let file = &imported.files[0];
    let alignment = align(&article, file, None);
    let mut data = TranslationData::default();
    let corrected = "Source: TASS & <others> — \"quoted\"";
    data.set_reader_translation(
        "en",
        article.sections[10].id,
        &article.sections[10].text,
        corrected,
        None,
        1,
    );
    let column = resolve_column(&article, "en", &data, Some((file, &alignment)));
    let out = export::tmx(&article, "ar", &[&column]);
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("export.tmx");
    std::fs::write(&path, &out).expect("write");

    let Some(units) = read_with_translate_toolkit(&path) else {
        return;
    };
    let expected: Vec<(String, String)> = article
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| {
            (
                section.text.clone(),
                column.text(index).expect("row").to_owned(),
            )
        })
        .collect();
    assert_eq!(units, expected);
    assert_eq!(units[10].1, corrected);
}

/// The units translate-toolkit reads from the TMX at `path`; `None` (the test is
/// skipped) when translate-toolkit is not installed, except on CI, which installs it.
fn read_with_translate_toolkit(path: &Path) -> Option<Vec<(String, String)>> {
    let script = fixtures().join("read_tmx.py");
    let output = std::process::Command::new("python3")
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
    let units: Vec<(String, String)> = serde_json::from_slice(&output.stdout).expect("JSON");
    Some(units)
}
