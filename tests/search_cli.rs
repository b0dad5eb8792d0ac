//! `hamish search QUERY [FOLDER]`: lines and JSON, articles, translations and notes,
//! prefixes, and grep's exit statuses.

use std::path::Path;
use std::process::{Command, Output};

use hamish::model::{Anchor, Note, NoteId};

fn hamish(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(args)
        .output()
        .expect("hamish runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// Two articles: the first with an English translation beside it, the second with a
/// note (text and tag) on its third section.
fn folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    let first = folder.path().join("001.txt");
    std::fs::write(
        &first,
        "مقالة في الطلب\nفي طلب عِلْمٍ نافع فضل كبير\nالعالم واسع\n",
    )
    .expect("write");
    std::fs::write(
        folder.path().join("001.en.txt"),
        "An article on seeking\nOn seeking useful Knowledge\nThe world is wide\n",
    )
    .expect("write");
    let second = folder.path().join("002.txt");
    std::fs::write(&second, "مقالة ثانية\nلا شيء هنا\nفقرة ثالثة\n").expect("write");
    let article = hamish::import::read_article(&second).expect("article");
    let section = &article.sections[2];
    let mut note = Note::new(Anchor::section(section.id, &section.text), 1);
    note.text = "ملاحظة عن العلم".to_owned();
    note.tags = vec!["مراجعة".to_owned()];
    let notes = [(NoteId::new(1, 1), note)].into_iter().collect();
    std::fs::write(
        hamish::store::sidecar_path(&second),
        hamish::store::encode("002.txt", &notes).expect("encode"),
    )
    .expect("sidecar");
    folder
}

fn path(folder: &Path, name: &str) -> String {
    folder.join(name).display().to_string()
}

#[test]
fn lines_give_path_section_and_text() {
    let folder = folder();
    let root = folder.path().to_str().expect("UTF-8");
    let output = hamish(&["search", "علم", root]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!(
            "{}:2: في طلب عِلْمٍ نافع فضل كبير\n",
            path(folder.path(), "001.txt")
        ),
        "sections from 1; not العالم, not العلم without prefixes"
    );
}

#[test]
fn json_has_translations_and_notes_with_their_kinds() {
    let folder = folder();
    let root = folder.path().to_str().expect("UTF-8");
    let output = hamish(&["search", "--json", "knowledge", root]);
    assert_eq!(output.status.code(), Some(0));
    let found: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(
        found,
        serde_json::json!([{
            "path": path(folder.path(), "001.txt"),
            "section": 2,
            "kind": "translation",
            "language": "en",
            "text": "On seeking useful Knowledge",
        }])
    );
    let output = hamish(&["search", "--json", "ملاحظه", root]);
    let found: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(found[0]["kind"], "note");
    assert_eq!(found[0]["section"], 3);
    assert_eq!(found[0]["text"], "ملاحظة عن العلم #مراجعة");
    let tag = hamish(&["search", "--json", "مراجعه", root]);
    assert_eq!(tag.status.code(), Some(0), "tags are searched");
}

#[test]
fn prefixes_are_matched_when_asked() {
    let folder = folder();
    let root = folder.path().to_str().expect("UTF-8");
    let output = hamish(&["search", "--prefixes", "--json", "علم", root]);
    assert_eq!(output.status.code(), Some(0));
    let found: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let kinds: Vec<(&str, i64)> = found
        .as_array()
        .expect("array")
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().expect("kind"),
                m["section"].as_i64().expect("section"),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [("article", 2), ("note", 3)],
        "العلم in the note too"
    );
}

#[test]
fn no_match_is_status_1_and_errors_are_status_2() {
    let folder = folder();
    let root = folder.path().to_str().expect("UTF-8");
    let none = hamish(&["search", "زنجبيل", root]);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    let none_json = hamish(&["search", "--json", "زنجبيل", root]);
    assert_eq!(none_json.status.code(), Some(1));
    assert_eq!(stdout(&none_json).trim(), "[]");

    let missing = folder.path().join("nowhere");
    let error = hamish(&["search", "علم", missing.to_str().expect("UTF-8")]);
    assert_eq!(error.status.code(), Some(2));
    assert!(error.stdout.is_empty());
    let message = String::from_utf8(error.stderr).expect("UTF-8");
    assert!(message.contains("no file or folder"), "{message}");

    let empty = hamish(&["search", "\u{64E}", root]);
    assert_eq!(empty.status.code(), Some(2), "a query of only a mark");
}

#[test]
fn one_article_file_can_be_searched() {
    let folder = folder();
    let article = folder.path().join("001.txt");
    let output = hamish(&["search", "العالم", article.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains(":3: العالم واسع"));
}

#[test]
fn an_article_too_large_to_search_is_said_in_command_line_words() {
    let folder = tempfile::tempdir().expect("folder");
    let huge = folder.path().join("huge.txt");
    // Sparse: nothing is written to the disk, and it is refused before it is read.
    std::fs::File::create(&huge)
        .and_then(|file| file.set_len(40 * 1024 * 1024))
        .expect("a large file");
    let error = hamish(&["search", "علم", huge.to_str().expect("UTF-8")]);
    assert_eq!(error.status.code(), Some(2));
    let message = String::from_utf8(error.stderr).expect("UTF-8");
    assert!(message.contains("a very large file (40 MB)"), "{message}");
    assert!(!message.contains("choose it"), "no window words: {message}");
}
