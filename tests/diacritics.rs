//! Diacritics hidden for display only: the text drawn loses its marks, but the
//! selection, the highlight made from it and the text copied are the text's own.

mod common;

use common::generate::write;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::model::{Placement, strip_diacritics};

/// A vowelled paragraph: the basmala, then a sentence.
const VOWELLED: &str = "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ قَالَ الْمُعَلِّمُ: اقْرَأْ كِتَابَكَ.";

fn open(preferences: Preferences) -> (tempfile::TempDir, Harness<'static, HamishApp>) {
    let folder = tempfile::tempdir().expect("temporary folder");
    write(
        folder.path(),
        "vowelled.txt",
        format!("عنوان\n{VOWELLED}\n").as_bytes(),
    );
    let app = HamishApp::new(
        preferences,
        ReadingState::default(),
        Some(folder.path().to_owned()),
    );
    let mut harness = common::app_harness(app, vec2(1280.0, 800.0));
    harness.run();
    (folder, harness)
}

/// The paragraph as the article holds it (in NFC, which may order marks otherwise).
fn paragraph(harness: &Harness<'_, HamishApp>) -> (usize, String) {
    let sections = &harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections;
    let index = sections
        .iter()
        .position(|section| section.text.starts_with("بِسْمِ"))
        .expect("the paragraph is a section");
    (index, sections[index].text.clone())
}

fn press(harness: &mut Harness<'_, HamishApp>, key: Key, modifiers: Modifiers) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn the_view_menu_hides_the_marks_and_keeps_the_choice() {
    let (_folder, mut harness) = open(Preferences::default());
    let (_, text) = paragraph(&harness);
    harness.get_by_label(&text);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Hide diacritics Ctrl+D").click();
    harness.run();
    assert!(harness.state().preferences().hide_diacritics);
    let bare = strip_diacritics(&text);
    assert!(
        !bare.contains('\u{064E}') && bare.contains("ٱلله"),
        "{bare}"
    );
    harness.get_by_label(&bare);
    assert!(
        harness.query_by_label(&text).is_none(),
        "the marks are gone"
    );

    // Remembered: a new start with the saved preferences shows it bare.
    let saved = serde_json::to_string(harness.state().preferences()).expect("saves");
    let (_again_folder, again) = open(serde_json::from_str(&saved).expect("loads"));
    again.get_by_label(&bare);
    drop(harness);

    // Ctrl+D shows them again.
    let (_folder, mut harness) = open(serde_json::from_str(&saved).expect("loads"));
    press(&mut harness, Key::D, Modifiers::COMMAND);
    assert!(!harness.state().preferences().hide_diacritics);
    harness.get_by_label(&text);
}

#[test]
fn a_word_selected_bare_is_copied_and_highlighted_with_its_marks() {
    let hidden = Preferences {
        hide_diacritics: true,
        ..Preferences::default()
    };
    let (_folder, mut harness) = open(hidden);
    let (index, text) = paragraph(&harness);
    let bare = strip_diacritics(&text);
    // The first word on the right is the first word read: بسم, drawn bare.
    let rect = harness.get_by_label(&bare).rect();
    let at = Pos2::new(rect.right() - 12.0, rect.top() + 18.0);
    for _ in 0..2 {
        harness.drag_at(at);
        harness.step();
        harness.drop_at(at);
        harness.step();
    }
    let first_word = text.split(' ').next().expect("a word");
    assert_eq!(first_word, "بِسْمِ");
    let copied = common::copy(&mut harness).expect("Ctrl+C copies the selection");
    assert_eq!(copied, first_word, "copied as written, marks and all");

    // H highlights the selection: the highlight is on the word as written.
    press(&mut harness, Key::H, Modifiers::NONE);
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes.len(), 1, "one highlight");
    let Placement::Span(section, range) = &notes[0].2 else {
        panic!("a span: {:?}", notes[0].2);
    };
    assert_eq!(*section, index);
    assert_eq!(&text[range.clone()], first_word);
    assert_eq!(
        notes[0]
            .1
            .anchor
            .quote
            .as_ref()
            .map(|quote| quote.exact.as_str()),
        Some(first_word)
    );

    // Showing the marks again leaves the highlight on the same word.
    press(&mut harness, Key::D, Modifiers::COMMAND);
    let after = harness.state().notes_of_open_article();
    assert_eq!(after[0].2, notes[0].2);
    harness.get_by_label(&text);
}
