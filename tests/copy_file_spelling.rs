//! Copying from the reading view gives the file's own text (issue 25, item 5): its
//! marks in the file's order and its decomposed letters, not the NFC form the
//! sections are shown in.

mod common;

use egui::{Pos2, vec2};
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};

/// Triple-clicks the section shown as `shown` and copies it.
fn copy_section(file_text: &str, shown: &str) -> Option<String> {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("a.txt");
    std::fs::write(&article, format!("عنوان المقال\n{file_text}\n")).expect("article");
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(article),
    );
    let mut harness = common::app_harness(app, vec2(1200.0, 800.0));
    harness.run();
    let node = harness.get_by_label(shown);
    let rect = node.rect();
    let point = Pos2::new(rect.center().x, rect.top() + 10.0);
    for _ in 0..3 {
        harness.drag_at(point);
        harness.step();
        harness.drop_at(point);
        harness.step();
    }
    common::copy(&mut harness)
}

#[test]
fn a_shadda_typed_before_its_vowel_is_copied_as_typed() {
    // The file has shadda + fatha; NFC (what is shown) has fatha + shadda.
    let file_text = "قال إن الل\u{651}\u{64e}ه أكبر، ورب\u{651}\u{64e}ما غداً.";
    let shown = "قال إن الل\u{64e}\u{651}ه أكبر، ورب\u{64e}\u{651}ما غداً.";
    assert_eq!(copy_section(file_text, shown).as_deref(), Some(file_text));
}

#[test]
fn a_decomposed_letter_is_copied_decomposed() {
    let file_text = "Le cafe\u{301} est fermé.";
    let shown = "Le café est fermé.";
    assert_eq!(copy_section(file_text, shown).as_deref(), Some(file_text));
}
