//! Sidecars the app must not write over, as the reader meets them in the window: one
//! that is not UTF-8 (kept aside, byte for byte) and one from a newer version of
//! Hamish (left under its own name, byte for byte, its notes shown, new notes held in
//! memory with "Save notes as…").

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::model::{Anchor, Note, NoteId, Notes, SectionId};
use hamish::store::{encode, load, sidecar_path};
use hamish::ui::notes::NoteCommand;

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

/// Adds a note with `text` to the second section, as the reader would, and lets
/// autosave and the writer run.
fn add_note(harness: &mut Harness<'_, HamishApp>, text: &str) {
    harness
        .state_mut()
        .command(Command::Notes(NoteCommand::AddToSection(1)));
    harness.run();
    let id = harness
        .state()
        .notes_of_open_article()
        .iter()
        .find(|(_, note, _)| note.text.is_empty())
        .map(|(id, _, _)| id.clone())
        .expect("a new note");
    harness
        .state_mut()
        .command(Command::Notes(NoteCommand::SetText(id, text.to_owned())));
    harness
        .state_mut()
        .command(Command::Notes(NoteCommand::FinishEditing));
    let until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < until {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn one_note(text: &str) -> Notes {
    let note = Note {
        text: text.to_owned(),
        ..Note::new(Anchor::section(SectionId(1), "نص"), 1)
    };
    [(NoteId::new(1, 1), note)].into()
}

#[test]
fn a_sidecar_that_is_not_utf8_is_kept_aside_and_never_overwritten() {
    let folder = common::samples_copy();
    let article = article_001(folder.path());
    let mut bytes = encode("001.txt", &one_note("ملاحظة"))
        .expect("encodes")
        .into_bytes();
    let at = bytes.len() - 30;
    bytes[at] = 0xff;
    std::fs::write(sidecar_path(&article), &bytes).expect("write");
    let mut harness = harness(article.clone());
    harness.get_by_label_contains("The notes of this article could not be used");
    harness.get_by_label_contains("not UTF-8");
    add_note(&mut harness, "ملاحظة جديدة");
    let aside: Vec<PathBuf> = std::fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(&aside[0]).expect("kept"),
        bytes,
        "byte for byte"
    );
    let fresh = load(&sidecar_path(&article)).expect("a fresh sidecar");
    assert!(fresh.values().any(|note| note.text == "ملاحظة جديدة"));
}

#[test]
fn a_newer_sidecar_keeps_its_name_and_bytes_and_new_notes_wait_in_memory() {
    let folder = common::samples_copy();
    let article = article_001(folder.path());
    let sidecar = sidecar_path(&article);
    let bytes = encode("001.txt", &one_note("من إصدار أحدث"))
        .expect("encodes")
        .replace("\"version\": 2", "\"version\": 99999999999")
        .into_bytes();
    std::fs::write(&sidecar, &bytes).expect("write");
    let mut harness = harness(article);
    // In the message and in the banner above the notes.
    assert!(
        harness
            .query_all_by_label_contains(
                "written by a newer version of Hamish (format 99999999999)"
            )
            .count()
            >= 1
    );
    harness.get_by_label("Save notes as…");
    assert!(
        harness
            .state()
            .notes_of_open_article()
            .iter()
            .any(|(_, note, _)| note.text == "من إصدار أحدث"),
        "its notes are shown"
    );
    add_note(&mut harness, "ملاحظة جديدة");
    assert!(
        harness
            .state()
            .notes_of_open_article()
            .iter()
            .any(|(_, note, _)| note.text == "ملاحظة جديدة"),
        "held in memory"
    );
    assert_eq!(
        std::fs::read(&sidecar).expect("there"),
        bytes,
        "byte for byte"
    );
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("hamish"))
        .collect();
    assert_eq!(names.len(), 1, "nothing else written: {names:?}");
}
