//! A translation file whose segment is megabytes long (issue 25, item 6): the window
//! shows it a part at a time, within a memory bound, instead of asking for gigabytes
//! and aborting; a note of megabytes is read the same way. Neither goes into an
//! editor, which lays its whole text out.

mod common;

use egui::vec2;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::import::MAX_SECTION_BYTES;
use hamish::ui::translation::TranslationCommand;

/// The article's one paragraph (its first line is its title).
const PARAGRAPH: &str =
    "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر، نقلاً عن وزارة الدفاع في قرغيزستان.";

/// The target segment: 25 MB of English.
fn huge_segment() -> String {
    "segment ".repeat(25 * 1024 * 1024 / 8)
}

/// A folder with `a.txt` and `a.en.tmx`, whose one unit translates the paragraph
/// with `segment`.
fn folder_with_segment(segment: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::write(
        folder.path().join("a.txt"),
        format!("عنوان المقال\n{PARAGRAPH}\n"),
    )
    .expect("article");
    let tmx = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"ar\" \
         datatype=\"plaintext\" segtype=\"paragraph\" adminlang=\"en\" o-tmf=\"test\" \
         creationtool=\"test\" creationtoolversion=\"1\"/><body><tu><tuv xml:lang=\"ar\"><seg>{PARAGRAPH}</seg></tuv>\
         <tuv xml:lang=\"en\"><seg>{segment}</seg></tuv></tu></body></tmx>\n"
    );
    std::fs::write(folder.path().join("a.en.tmx"), tmx).expect("tmx");
    folder
}

/// This process's resident memory, in bytes.
fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|pages| pages.parse().ok())
        .expect("resident pages");
    pages * 4096
}

#[test]
fn a_25_mb_translation_segment_is_shown_a_part_at_a_time_within_a_memory_bound() {
    let segment = huge_segment();
    let folder = folder_with_segment(&segment);
    drop(segment);
    let before = resident_bytes();
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().join("a.txt")),
    );
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    let row = harness
        .state()
        .translation_of_open_article()
        .and_then(|column| column.rows.get(1))
        .and_then(|row| row.cell.as_ref())
        .map(|cell| cell.text.len());
    assert!(
        row.is_some_and(|len| len > 20 * 1024 * 1024),
        "the segment is the row's translation: {row:?}"
    );
    // What is laid out (and told to screen readers) is one part.
    let shown = harness.get_by_label_contains("segment segment");
    let label = shown.accesskit_node().value().unwrap_or_default();
    assert!(
        label.len() <= MAX_SECTION_BYTES,
        "{} bytes laid out",
        label.len()
    );
    harness.get_by_label_contains("Part 1 of a 25.0 MB text");
    // The rest can be read.
    harness.get_by_label("Next part").click();
    harness.run();
    harness.get_by_label_contains("Part 2 of a 25.0 MB text");
    harness.get_by_label("Previous part").click();
    harness.run();
    harness.get_by_label_contains("Part 1 of a 25.0 MB text");
    // The file's text held a few times over (the file, the parsed segment, the
    // column), not gigabytes.
    let grown = resident_bytes().saturating_sub(before);
    println!("resident memory grew by {} MB", grown / (1024 * 1024));
    assert!(
        grown < 400 * 1024 * 1024,
        "resident memory grew by {} MB",
        grown / (1024 * 1024)
    );
}

#[test]
fn a_long_translation_is_not_put_into_an_editor() {
    let folder = folder_with_segment(&"segment ".repeat(MAX_SECTION_BYTES));
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().join("a.txt")),
    );
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    // T on the row, or a click: the editor would lay the whole text out.
    harness
        .state_mut()
        .command(Command::Translation(TranslationCommand::Edit(1)));
    harness.run();
    harness.get_by_label_contains("This translation is too long to edit here (128 KB)");
}

#[test]
fn a_note_of_a_megabyte_is_read_a_part_at_a_time_and_not_put_into_an_editor() {
    use hamish::model::{Anchor, Note, NoteId};
    let folder = folder_with_segment("A short translation.");
    let path = folder.path().join("a.txt");
    let article = hamish::import::read_article(&path).expect("article");
    let section = &article.sections[1];
    let mut note = Note::new(Anchor::section(section.id, &section.text), 1);
    note.text = "ملاحظة ".repeat(1024 * 1024 / 13);
    let notes = [(NoteId::new(1, 1), note)].into_iter().collect();
    std::fs::write(
        hamish::store::sidecar_path(&path),
        hamish::store::encode("a.txt", &notes).expect("encode"),
    )
    .expect("sidecar");
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness.get_by_label_contains("Part 1 of a 1.0 MB text");
    let shown = harness.get_by_label_contains("ملاحظة ملاحظة");
    let label = shown.accesskit_node().value().unwrap_or_default();
    assert!(label.len() <= MAX_SECTION_BYTES, "{} bytes", label.len());
    harness.get_by_label("Next part").click();
    harness.run();
    harness.get_by_label_contains("Part 2 of a 1.0 MB text");
    assert!(
        harness
            .query_by_label("Edit")
            .is_some_and(|edit| edit.accesskit_node().is_disabled()),
        "no editor for it"
    );
}
