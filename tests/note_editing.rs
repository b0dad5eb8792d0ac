//! Writing notes as the hands expect: an editor that opens takes the keys, Escape
//! leaves it, Ctrl+Z outside an editor undoes the last change to a note, highlight
//! colours have names and can be changed, and banners never move the text.

mod common;

use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::model::{HighlightColor, Placement};

/// A copy of sample 001 in a temporary folder, so notes can be written.
fn article() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("001_d7cff7a3069428f0.txt");
    std::fs::copy(common::samples().join("001_d7cff7a3069428f0.txt"), &path).expect("copy");
    (folder, path)
}

fn harness(path: PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness
}

fn add_section_note(harness: &mut Harness<'_, HamishApp>) {
    common::point_at_first_row(harness);
    harness.get_by_label("+ Note").click();
    harness.run();
}

fn note_texts(harness: &Harness<'_, HamishApp>) -> Vec<String> {
    harness
        .state()
        .notes_of_open_article()
        .into_iter()
        .map(|(_, note, _)| note.text)
        .collect()
}

#[test]
fn a_new_note_takes_the_keys_and_space_does_not_page_away() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    let before = harness.state().reading_position();
    add_section_note(&mut harness);
    // No click into the editor: what is typed goes into the note. A keyboard sends
    // Space both as a key and as text.
    harness.key_press(egui::Key::Space);
    harness.event(egui::Event::Text(" ".to_owned()));
    harness.run();
    for text in ["اول", " note"] {
        harness.event(egui::Event::Text(text.to_owned()));
        harness.run();
    }
    assert_eq!(note_texts(&harness), [" اول note"]);
    assert_eq!(
        harness.state().reading_position(),
        before,
        "Space typed a space, it did not page the article"
    );
    // Escape leaves the editor, keeping what was written.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Write a note").is_none(), "closed");
    harness.get_by_role_and_label(Role::Label, " اول note");
}

#[test]
fn ctrl_z_brings_back_a_deleted_note() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    add_section_note(&mut harness);
    harness.event(egui::Event::Text("تبقى".to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("1 note");
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(note_texts(&harness).is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(note_texts(&harness), ["تبقى"]);
    assert!(harness.query_by_label("Note deleted.").is_none());
}

#[test]
fn a_highlight_colour_has_a_name_and_can_be_changed_and_undone() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    let article = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .clone();
    let section = (1..article.sections.len())
        .find(|&index| article.sections[index].text.contains(' '))
        .expect("a section of several words");
    let words = article.sections[section].text.find(' ').expect("a word");
    harness.state_mut().command(hamish::app::Command::Notes(
        hamish::ui::notes::NoteCommand::Highlight {
            section,
            range: 0..words,
            color: HighlightColor::Yellow,
            with_note: false,
        },
    ));
    harness.run();
    let color = |harness: &Harness<'_, HamishApp>| {
        let notes = harness.state().notes_of_open_article();
        assert!(matches!(notes[0].2, Placement::Span(at, _) if at == section));
        notes[0].1.color
    };
    assert_eq!(color(&harness), Some(HighlightColor::Yellow));
    harness
        .get_by_role_and_label(Role::Button, "Change the highlight to green")
        .click();
    harness.run();
    assert_eq!(color(&harness), Some(HighlightColor::Green));
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(color(&harness), Some(HighlightColor::Yellow), "undone");
}

#[test]
fn the_deletion_banner_does_not_move_the_text() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    add_section_note(&mut harness);
    harness.event(egui::Event::Text("x".to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    // The text of the section whose note is deleted: its row gets shorter, but its
    // top stays, unless something pushes the whole view down.
    let first = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections[0]
        .text
        .clone();
    let before = harness.get_by_role_and_label(Role::Label, &first).rect();
    harness.get_by_label("Delete").click();
    harness.run();
    harness.get_by_label("Note deleted.");
    let after = harness.get_by_role_and_label(Role::Label, &first).rect();
    assert_eq!(
        before.top(),
        after.top(),
        "the text under the pointer stays"
    );
}
