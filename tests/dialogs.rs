//! Where no file dialog can be shown, the app says so and offers a path field: a
//! folder can still be opened and notes still exported.

mod common;

use egui::{Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::export::ExportFormat;

fn harness(path: std::path::PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path))
        .without_system_dialogs();
    let mut harness = common::app_harness(app, vec2(1280.0, 800.0));
    harness.run();
    harness
}

/// Replaces what the path field holds with `path`, then presses Enter.
fn type_path(harness: &mut Harness<'_, HamishApp>, path: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.event(egui::Event::Text(path.to_owned()));
    harness.run();
    harness.event(egui::Event::Text("\n".to_owned()));
    harness.run();
}

#[test]
fn a_folder_is_opened_by_typing_its_path() {
    let other = tempfile::tempdir().expect("folder");
    std::fs::write(other.path().join("a.txt"), "عنوان المقال\nنص المقال.\n").expect("article");
    let mut harness = harness(common::samples());
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    harness.run();
    harness.get_by_label_contains("No file dialog can be shown");
    let field = harness.get_by_label("Path");
    let prefilled = field.value().unwrap_or_default();
    assert!(
        prefilled.starts_with(
            &common::samples()
                .canonicalize()
                .expect("samples")
                .display()
                .to_string()
        ),
        "starts in the article's folder: {prefilled:?}"
    );
    type_path(&mut harness, &other.path().display().to_string());
    let library = harness.state().library().expect("a folder");
    assert_eq!(
        library.root,
        other.path().canonicalize().expect("canonical")
    );
    assert!(harness.query_by_label("Path").is_none(), "the field closed");
}

#[test]
fn notes_are_exported_to_a_typed_path() {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::copy(
        common::samples().join("003_2dd66c1bbdc4b7f0.txt"),
        folder.path().join("003.txt"),
    )
    .expect("copy");
    let mut harness = harness(folder.path().join("003.txt"));
    harness
        .state_mut()
        .command(Command::ExportNotes(ExportFormat::Markdown));
    harness.run();
    let target = folder.path().join("exported notes.md");
    type_path(&mut harness, &target.display().to_string());
    harness.run();
    let written = std::fs::read_to_string(&target).expect("exported");
    assert!(written.starts_with("# "), "{written}");
    harness.get_by_label_contains("Saved:");
}

#[test]
fn an_export_typed_onto_the_article_is_refused_and_the_article_kept() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("003.txt");
    std::fs::copy(common::samples().join("003_2dd66c1bbdc4b7f0.txt"), &article).expect("copy");
    let text = std::fs::read(&article).expect("read");
    let mut harness = harness(article.clone());
    harness
        .state_mut()
        .command(Command::ExportNotes(ExportFormat::Markdown));
    harness.run();
    type_path(&mut harness, &article.display().to_string());
    // The export runs in the background: its message comes when it is done.
    for _ in 0..500 {
        if harness
            .query_by_label_contains("an export never replaces")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run();
    }
    harness.get_by_label_contains("This file is an article, and an export never replaces");
    assert_eq!(
        std::fs::read(&article).expect("read"),
        text,
        "the article is kept"
    );
}
