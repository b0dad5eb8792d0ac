//! Notes and highlights as a reader makes them: select text, highlight it, write an
//! Arabic note, close the app, open it again, and find both. Also: notes on a whole
//! section, deleting with undo, a damaged sidecar, and a sidecar changed from outside.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::model::Placement;
use hamish::store::{load, sidecar_path};

fn article_001(folder: &Path) -> PathBuf {
    folder.join("001_d7cff7a3069428f0.txt")
}

fn harness(path: PathBuf) -> Harness<'static, HamishApp> {
    let mut harness = common::app_harness(
        HamishApp::new(Preferences::default(), ReadingState::default(), Some(path)),
        vec2(1400.0, 900.0),
    );
    harness.run();
    harness
}

/// Runs frames in real time, so autosave and the writer thread act, until `done`;
/// false if it never is. The limit is generous: a loaded test machine is slow.
fn run_until(
    harness: &mut Harness<'_, HamishApp>,
    mut done: impl FnMut(&Harness<'_, HamishApp>) -> bool,
) -> bool {
    let until = Instant::now() + Duration::from_secs(15);
    while Instant::now() < until {
        harness.step();
        if done(harness) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Drags across the first line of `paragraph` from its right edge.
fn select_start_of(harness: &mut Harness<'_, HamishApp>, paragraph: &str) {
    let rect = harness.get_by_role_and_label(Role::Label, paragraph).rect();
    let y = rect.top() + 15.0;
    let start = Pos2::new(rect.right() - 1.0, y);
    let end = Pos2::new(rect.right() - 120.0, y);
    common::drag(harness, start, Pos2::new(start.x - 30.0, y), end);
}

#[test]
fn a_highlight_with_an_arabic_note_survives_a_restart() {
    let folder = common::samples_copy();
    let article = article_001(folder.path());
    let paragraph = common::sample_line("001", 11);
    let note_text = "ملاحظة: الموقع قرغيزي";
    {
        let mut harness = harness(article.clone());
        select_start_of(&mut harness, &paragraph);
        harness.get_by_label("Note").click();
        harness.run();
        let editor = harness.get_by_label("Write a note");
        editor.click();
        harness.run();
        harness.get_by_label("Write a note").type_text(note_text);
        harness.run();
        // Typed text is on disk within a second, without closing anything.
        // Typed text is saved without closing anything (how soon is tested by the
        // autosave and crash tests, with no UI to slow them).
        let saved = |_: &Harness<'_, HamishApp>| {
            load(&sidecar_path(&article))
                .is_ok_and(|notes| notes.values().any(|note| note.text == note_text))
        };
        assert!(
            run_until(&mut harness, saved),
            "saved while the editor is open"
        );
        harness.get_by_label("Done").click();
        harness.run();
    }
    // A new start on the same folder: the note and the highlight are back.
    let mut harness = harness(article.clone());
    harness.run();
    harness.get_by_role_and_label(Role::Label, note_text);
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes.len(), 1);
    let (_, note, placement) = &notes[0];
    assert_eq!(note.text, note_text);
    assert!(note.color.is_some(), "it is a highlight");
    let Placement::Span(index, range) = placement else {
        panic!("placed on a span: {placement:?}")
    };
    let quote = &note.anchor.quote.as_ref().expect("quote").exact;
    assert!(
        paragraph.starts_with(quote.as_str()) && !quote.is_empty(),
        "the quote is the selected words: {quote:?}"
    );
    assert_eq!(range.start, 0);
    harness.get_by_label(&format!("«{quote}»"));
    assert!(*index > 0);
}

#[test]
fn a_section_note_can_be_deleted_and_restored() {
    let folder = common::samples_copy();
    let article = article_001(folder.path());
    let mut harness = harness(article.clone());
    common::point_at_first_row(&mut harness);
    harness.get_by_label("+ Note").click();
    harness.run();
    harness.get_by_label("Write a note").click();
    harness.run();
    harness
        .get_by_label("Write a note")
        .type_text("Note on the basmala");
    harness.run();
    harness.get_by_label("Tags, separated by commas").click();
    harness.run();
    harness
        .get_by_label("Tags, separated by commas")
        .type_text("بسملة، opening");
    harness.run();
    harness.get_by_label("Done").click();
    harness.run();
    harness.get_by_role_and_label(Role::Label, "Note on the basmala");
    harness.get_by_label("#بسملة  #opening");
    let notes = harness.state().notes_of_open_article();
    assert_eq!(
        notes[0].1.tags,
        ["بسملة", "opening"],
        "Arabic and Latin commas both separate tags"
    );
    assert_eq!(
        notes[0].2,
        Placement::Section(0),
        "on the basmala, the first section"
    );
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "Note on the basmala")
            .is_none()
    );
    harness.get_by_label("Note deleted.");
    harness.get_by_label("Undo").click();
    harness.run();
    harness.get_by_role_and_label(Role::Label, "Note on the basmala");
}

#[test]
fn a_damaged_sidecar_is_kept_and_the_reader_told() {
    let folder = common::samples_copy();
    let article = article_001(folder.path());
    let sidecar = sidecar_path(&article);
    std::fs::write(
        &sidecar,
        "{ \"format\": \"hamish-notes\", \"version\": 1, \"notes\": {",
    )
    .expect("write");
    let harness = harness(article);
    harness.get_by_label_contains("The notes of this article could not be used");
    let aside: Vec<PathBuf> = std::fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(
        std::fs::read_to_string(&aside[0])
            .expect("kept")
            .ends_with("\"notes\": {")
    );
}

#[test]
fn notes_added_from_outside_appear_and_merge() {
    let folder = common::samples_copy();
    let article = article_001(folder.path());
    let mut harness = harness(article.clone());
    // Another window adds a note to the same article.
    let other_text = "من نافذة أخرى";
    {
        let (mut other, _) = hamish::store::ArticleNotes::open(&article);
        let article_data = hamish::import::read_article(&article).expect("article");
        let section = &article_data.sections[1];
        other.edit(Instant::now(), |notes| {
            notes.insert(
                hamish::model::NoteId::new(1, 1),
                hamish::model::Note {
                    anchor: hamish::model::Anchor::section(section.id, &section.text),
                    color: None,
                    text: other_text.to_owned(),
                    tags: Vec::new(),
                    created_ms: 1,
                    modified_ms: 1,
                    deleted: false,
                    conflict_with: None,
                },
            )
        });
        let contents = other.encoded().expect("encodes");
        hamish::store::write_atomic(other.sidecar(), contents.as_bytes()).expect("written");
    }
    let merged = |harness: &Harness<'_, HamishApp>| {
        harness
            .state()
            .notes_of_open_article()
            .iter()
            .any(|(_, note, _)| note.text == other_text)
    };
    assert!(
        run_until(&mut harness, merged),
        "the note from the other window is merged in"
    );
    harness.run();
    harness.get_by_role_and_label(Role::Label, other_text);
}

/// A highlight holds something the reader can see: one of white space alone (a
/// double-click between two words, then H) is not made and the reader is told why;
/// spaces at the ends of one are left out of it.
#[test]
fn a_highlight_of_spaces_alone_is_not_made_and_its_ends_are_trimmed() {
    use hamish::app::Command;
    use hamish::model::HighlightColor;
    use hamish::ui::notes::NoteCommand;

    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("spaces.txt");
    std::fs::write(&path, "قال الرجل  كلاما حسنا\n").expect("article");
    let mut harness = harness(path);
    let highlight = |range: std::ops::Range<usize>| {
        Command::Notes(NoteCommand::Highlight {
            section: 0,
            range,
            color: HighlightColor::Green,
            with_note: false,
        })
    };
    let text = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections[0]
        .text
        .clone();
    let space = text.find(' ').expect("a space");
    harness.state_mut().command(highlight(space..space + 1));
    harness.run();
    let two = text.find("  ").expect("two spaces");
    harness.state_mut().command(highlight(two..two + 2));
    harness.run();
    assert!(
        harness.state().notes_of_open_article().is_empty(),
        "no highlight of spaces"
    );
    assert_eq!(
        harness.state().message(),
        Some("Nothing to highlight: only spaces are selected")
    );

    // " الرجل  ": the word alone.
    let word = text.find("الرجل").expect("word");
    harness.state_mut().command(highlight(space..two + 2));
    harness.run();
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].2, Placement::Span(0, word..word + "الرجل".len()));
}
