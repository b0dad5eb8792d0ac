//! What the reader owns is found by the folder search (issue 25, item 5): notes whose
//! section is gone (orphans), and translation files imported from elsewhere (a TMX
//! kept in another folder), in `hamish search` and in the window's search.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::model::{Anchor, Note, NoteId, SectionId};

/// A folder with `001.txt`, whose sidecar holds a note on a section that is gone, and
/// elsewhere a TMX the reader imported for it; with the reading state that says so.
fn folder() -> (tempfile::TempDir, tempfile::TempDir, ReadingState) {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    std::fs::write(&article, "مقالة قصيرة\nفقرة باقية في المقالة\n").expect("article");
    std::fs::write(folder.path().join("002.txt"), "مقالة أخرى\nلا شيء هنا\n").expect("other");
    let mut note = Note::new(
        Anchor::section(SectionId(0xdead), "قسم حذف من المقالة منذ زمن بعيد"),
        1,
    );
    note.text = "ملاحظة يتيمة عن الزلزال".to_owned();
    let notes = [(NoteId::new(1, 1), note)].into_iter().collect();
    std::fs::write(
        hamish::store::sidecar_path(&article),
        hamish::store::encode("001.txt", &notes).expect("encode"),
    )
    .expect("sidecar");
    let elsewhere = tempfile::tempdir().expect("elsewhere");
    let tmx = elsewhere.path().join("book.en.tmx");
    std::fs::write(
        &tmx,
        "<?xml version=\"1.0\"?><tmx version=\"1.4\"><header srclang=\"ar\" datatype=\"plaintext\" \
         segtype=\"paragraph\" adminlang=\"en\" o-tmf=\"t\" creationtool=\"t\" creationtoolversion=\"1\"/>\
         <body><tu><tuv xml:lang=\"ar\"><seg>فقرة باقية في المقالة</seg></tuv>\
         <tuv xml:lang=\"en\"><seg>A paragraph about the earthquake</seg></tuv></tu></body></tmx>",
    )
    .expect("tmx");
    let mut reading = ReadingState::default();
    reading.imported_translations.insert(article, vec![tmx]);
    (folder, elsewhere, reading)
}

/// `hamish search --json QUERY FOLDER` with the app's data (its stored reading
/// state) in `data`.
fn search_json(query: &str, folder: &Path, data: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(["search", "--json", query])
        .arg(folder)
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("hamish runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Stores `reading` where the app keeps it, under `data`.
fn store_reading_state(data: &Path, reading: &ReadingState) {
    let folder = data.join("hamish");
    std::fs::create_dir_all(&folder).expect("data folder");
    let values: HashMap<String, String> = [(
        "reading_state".to_owned(),
        ron::to_string(reading).expect("ron"),
    )]
    .into_iter()
    .collect();
    std::fs::write(
        folder.join("app.ron"),
        ron::to_string(&values).expect("ron"),
    )
    .expect("write");
}

#[test]
fn hamish_search_finds_an_orphan_note() {
    let (folder, _elsewhere, _) = folder();
    let data = tempfile::tempdir().expect("data");
    let found = search_json("الزلزال", folder.path(), data.path());
    assert_eq!(
        found,
        serde_json::json!([{
            "path": folder.path().join("001.txt").display().to_string(),
            "section": null,
            "kind": "orphan",
            "text": "ملاحظة يتيمة عن الزلزال",
        }])
    );
    let lines = Command::new(env!("CARGO_BIN_EXE_hamish"))
        .args(["search", "يتيمة"])
        .arg(folder.path())
        .env("XDG_DATA_HOME", data.path())
        .output()
        .expect("hamish runs");
    assert_eq!(
        String::from_utf8(lines.stdout).expect("UTF-8"),
        format!(
            "{}:orphan: ملاحظة يتيمة عن الزلزال\n",
            folder.path().join("001.txt").display()
        )
    );
}

#[test]
fn hamish_search_finds_a_translation_file_imported_from_elsewhere() {
    let (folder, _elsewhere, reading) = folder();
    let data = tempfile::tempdir().expect("data");
    store_reading_state(data.path(), &reading);
    let found = search_json("earthquake", folder.path(), data.path());
    assert_eq!(found[0]["kind"], "translation");
    assert_eq!(found[0]["language"], "en");
    assert_eq!(found[0]["section"], 2);
    assert_eq!(found[0]["text"], "A paragraph about the earthquake");
}

/// The app on `folder`'s other article (so that `001.txt` is found by the folder's
/// index, not as the article on screen) with `reading`, searching all articles for
/// `query`.
fn search_window(
    folder: &Path,
    mut reading: ReadingState,
    query: &str,
) -> egui_kittest::Harness<'static, HamishApp> {
    reading
        .last_article
        .insert(folder.to_owned(), folder.join("002.txt"));
    let app = HamishApp::new(Preferences::default(), reading, Some(folder.to_owned()));
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    harness.event(egui::Event::Text(query.to_owned()));
    harness.run();
    harness
}

#[test]
fn the_folder_search_finds_an_orphan_note_and_shows_it_in_the_notes_list() {
    let (folder, _elsewhere, reading) = folder();
    let mut harness = search_window(folder.path(), reading, "الزلزال");
    assert_eq!(
        harness.state().search_status().as_deref(),
        Some("1 match in 1 article")
    );
    harness
        .get_by_label_contains("note whose section is gone")
        .click();
    harness.run();
    assert_eq!(
        harness.state().open_article_path(),
        Some(folder.path().join("001.txt").as_path())
    );
    // The notes list, where orphans are kept, is open, and lists it.
    assert!(notes_list_open(&harness));
    assert!(
        harness
            .query_all_by_label_contains("ملاحظة يتيمة عن الزلزال")
            .count()
            >= 2,
        "in the results and in the list"
    );
}

#[test]
fn the_folder_search_finds_a_translation_file_imported_from_elsewhere() {
    let (folder, _elsewhere, reading) = folder();
    let harness = search_window(folder.path(), reading, "earthquake");
    assert_eq!(
        harness.state().search_status().as_deref(),
        Some("1 match in 1 article")
    );
    harness.get_by_label("Section 2 · translation (en)");
}

/// Whether the notes list window is on screen.
fn notes_list_open(harness: &egui_kittest::Harness<'_, HamishApp>) -> bool {
    harness.query_by_label("All notes").is_some()
}
