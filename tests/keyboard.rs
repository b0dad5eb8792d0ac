//! The keyboard: ↓/↑ and j/k move a section cursor screen readers see as the selected
//! section, N and T write on the section under it, keys typed into a note stay there,
//! Ctrl+PageDown opens the next article, H highlights in the colour picked last, and
//! F1 lists every shortcut.

mod common;

use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use hamish::app::{HamishApp, Preferences, ReadingState};

fn open_samples() -> Harness<'static, HamishApp> {
    open_article(common::samples().join("001_d7cff7a3069428f0.txt"))
}

/// The app with the article at `path` open, its first frame drawn.
fn open_article(path: std::path::PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1280.0, 800.0));
    harness.run();
    harness
}

fn press(harness: &mut Harness<'_, HamishApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn section_text(harness: &Harness<'_, HamishApp>, index: usize) -> String {
    harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections[index]
        .text
        .clone()
}

/// The sections screen readers are told are selected, among those drawn.
fn selected_sections(harness: &Harness<'_, HamishApp>) -> Vec<String> {
    let sections = &harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections;
    sections
        .iter()
        .filter(|section| {
            harness
                .query_all_by_label(&section.text)
                .any(|node| node.accesskit_node().is_selected() == Some(true))
        })
        .map(|section| section.text.clone())
        .collect()
}

#[test]
fn arrows_and_j_k_move_the_section_cursor_and_the_view_follows() {
    let mut harness = open_samples();
    assert_eq!(harness.state().section_cursor(), None);
    assert!(selected_sections(&harness).is_empty());
    press(&mut harness, Key::ArrowDown);
    assert_eq!(
        harness.state().section_cursor(),
        Some(0),
        "placed on screen"
    );
    press(&mut harness, Key::J);
    press(&mut harness, Key::ArrowDown);
    assert_eq!(harness.state().section_cursor(), Some(2));
    assert_eq!(selected_sections(&harness), [section_text(&harness, 2)]);
    press(&mut harness, Key::K);
    assert_eq!(harness.state().section_cursor(), Some(1));
    press(&mut harness, Key::ArrowUp);
    assert_eq!(harness.state().section_cursor(), Some(0));

    // Far down the article, the view has followed the cursor.
    let sections = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections
        .len();
    for _ in 0..sections + 3 {
        press(&mut harness, Key::J);
    }
    let last = sections - 1;
    assert_eq!(
        harness.state().section_cursor(),
        Some(last),
        "stops at the end"
    );
    let first_visible = harness.state().first_visible_section().expect("open");
    assert!(first_visible > 0, "scrolled down to follow");
    harness.get_by_label(&section_text(&harness, last));
    assert_eq!(selected_sections(&harness), [section_text(&harness, last)]);
}

#[test]
fn n_writes_a_note_on_the_cursor_section_and_j_typed_there_stays_in_it() {
    let folder = common::samples_copy();
    let mut harness = open_article(folder.path().join("001_d7cff7a3069428f0.txt"));
    press(&mut harness, Key::J);
    press(&mut harness, Key::J);
    assert_eq!(harness.state().section_cursor(), Some(1));
    press(&mut harness, Key::N);
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes.len(), 1, "a note on the section");
    assert_eq!(notes[0].2, hamish::model::Placement::Section(1));

    // The note's field has the focus: j and k are typed, not cursor moves.
    harness.event(egui::Event::Text("jk".to_owned()));
    harness.key_press(Key::J);
    harness.run();
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes[0].1.text, "jk");
    assert_eq!(harness.state().section_cursor(), Some(1), "did not move");
}

#[test]
fn t_writes_the_translation_of_the_cursor_section() {
    let folder = common::samples_copy();
    let mut harness = open_article(folder.path().join("003_2dd66c1bbdc4b7f0.txt"));
    press(&mut harness, Key::J);
    press(&mut harness, Key::J);
    press(&mut harness, Key::T);
    assert!(
        harness.ctx.memory(|memory| memory.focused().is_some()),
        "the translation's field has the focus"
    );
    harness.event(egui::Event::Text("Mine".to_owned()));
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a translation");
    let cell = column.rows[1].cell.as_ref().expect("a translation");
    assert!(cell.text.ends_with("Mine"), "{:?}", cell.text);
    let other = column.rows[2].cell.as_ref().map(|cell| cell.text.as_str());
    assert!(
        !other.unwrap_or("").contains("Mine"),
        "only the cursor's row"
    );
}

/// Presses a key that types `letter`, as the platform sends it: the key and its text
/// in the same frame.
fn press_typing_key(harness: &mut Harness<'_, HamishApp>, key: Key, letter: &str) {
    harness.input_mut().events.extend([
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        },
        egui::Event::Text(letter.to_owned()),
    ]);
    harness.run();
}

/// Types `text` into whatever has the focus, then leaves it with Escape.
fn type_and_leave(harness: &mut Harness<'_, HamishApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    press(harness, Key::Escape);
}

/// N and T open an editor and give it the focus in the frame they are pressed: the
/// letter they type in that frame is theirs, not the editor's.
#[test]
fn the_key_that_opens_an_editor_is_not_typed_into_it() {
    let folder = common::samples_copy();
    let path = folder.path().join("001_d7cff7a3069428f0.txt");
    let mut harness = open_article(path.clone());
    press_typing_key(&mut harness, Key::N, "n");
    type_and_leave(&mut harness, "keyboard note");
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes.len(), 1, "one note");
    assert_eq!(notes[0].1.text, "keyboard note");

    // The first j places the cursor on the first section, the second moves it on.
    press_typing_key(&mut harness, Key::J, "j");
    press_typing_key(&mut harness, Key::J, "j");
    assert_eq!(harness.state().section_cursor(), Some(1));
    press_typing_key(&mut harness, Key::T, "t");
    type_and_leave(&mut harness, "Who incites");
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a translation");
    assert_eq!(column.text(0), None, "the cursor was on the second section");
    assert_eq!(column.text(1), Some("Who incites"));
    let second = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections[1]
        .id;

    // As saved.
    drop(harness);
    let saved = hamish::store::load_contents(&hamish::store::sidecar_path(&path)).expect("saved");
    let notes: Vec<&str> = saved
        .notes
        .values()
        .map(|note| note.text.as_str())
        .collect();
    assert_eq!(notes, ["keyboard note"]);
    let written: Vec<(&hamish::model::SectionId, &str)> = saved
        .translations
        .reader
        .values()
        .flatten()
        .map(|(id, translation)| (id, translation.text.as_str()))
        .collect();
    assert_eq!(written, [(&second, "Who incites")]);
}

#[test]
fn ctrl_page_down_opens_the_next_article_and_ctrl_page_up_the_one_before() {
    let mut harness = open_samples();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    let path = harness
        .state()
        .open_article_path()
        .expect("open")
        .to_owned();
    assert!(path.ends_with("002_9ffee1fcac2a99ef.txt"), "{path:?}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    let path = harness
        .state()
        .open_article_path()
        .expect("open")
        .to_owned();
    assert!(path.ends_with("001_d7cff7a3069428f0.txt"), "{path:?}");
}

#[test]
fn f1_and_the_help_menu_open_the_shortcut_sheet() {
    let mut harness = open_samples();
    assert!(harness.query_by_label("Next section").is_none());
    press(&mut harness, Key::F1);
    assert!(harness.state().shortcuts_are_open());
    for row in hamish::ui::shortcuts::SHORTCUTS {
        harness.get_by_label(row.description);
    }
    harness.get_by_label("Ctrl+D");
    harness.get_by_label("Ctrl+PageDown  or  ]");
    press(&mut harness, Key::F1);
    assert!(!harness.state().shortcuts_are_open(), "F1 again closes it");

    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Keyboard shortcuts F1").click();
    harness.run();
    assert!(harness.state().shortcuts_are_open());
    harness.get_by_label("Hide or show diacritics (display only)");
}

#[test]
fn menus_show_the_keys_of_the_table() {
    let mut harness = open_samples();
    harness.get_by_label("View").click();
    harness.run();
    for label in ["Ctrl+D", "Ctrl+B", "Ctrl+Shift+T", "Settings… Ctrl+,"] {
        assert!(
            harness.query_by_label_contains(label).is_some(),
            "{label} is shown in the View menu"
        );
    }
}

#[test]
fn in_arabic_typed_into_a_note_the_right_arrow_moves_towards_the_start() {
    let folder = common::samples_copy();
    let mut harness = open_article(folder.path().join("001_d7cff7a3069428f0.txt"));
    press(&mut harness, Key::N);
    harness.event(egui::Event::Text("سلام".to_owned()));
    harness.run();
    // Right, on screen, is back towards the start of right-to-left text.
    press(&mut harness, Key::ArrowRight);
    harness.event(egui::Event::Text("ح".to_owned()));
    harness.run();
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes[0].1.text, "سلاحم");
    assert_eq!(harness.state().section_cursor(), None, "no cursor moved");
}

/// Selects, by dragging, the start of section `index` (on the right).
fn select_first_word(harness: &mut Harness<'_, HamishApp>, index: usize) {
    let text = section_text(harness, index);
    let rect = harness.get_by_label(&text).rect();
    let y = rect.top() + 14.0;
    harness.drag_at(egui::pos2(rect.right() - 4.0, y));
    harness.step();
    harness.hover_at(egui::pos2(rect.right() - 40.0, y));
    harness.step();
    harness.drop_at(egui::pos2(rect.right() - 40.0, y));
    harness.run();
}

#[test]
fn h_highlights_in_the_colour_picked_last() {
    use hamish::model::HighlightColor;
    let folder = common::samples_copy();
    let mut harness = open_article(folder.path().join("001_d7cff7a3069428f0.txt"));
    let colors = |harness: &Harness<'_, HamishApp>| -> Vec<Option<HighlightColor>> {
        harness
            .state()
            .notes_of_open_article()
            .iter()
            .map(|(_, note, _)| note.color)
            .collect()
    };
    // At first H highlights in yellow.
    select_first_word(&mut harness, 2);
    press(&mut harness, Key::H);
    assert_eq!(colors(&harness), [Some(HighlightColor::Yellow)]);
    // Green picked on the toolbar…
    select_first_word(&mut harness, 3);
    harness.get_by_label("Highlight in green").click();
    harness.run();
    // …is what H highlights in next, and what the preferences remember.
    select_first_word(&mut harness, 4);
    press(&mut harness, Key::H);
    let mut found = colors(&harness);
    found.sort_by_key(|color| color.map(HighlightColor::name));
    assert_eq!(
        found,
        [
            Some(HighlightColor::Green),
            Some(HighlightColor::Green),
            Some(HighlightColor::Yellow)
        ]
    );
    assert_eq!(
        harness.state().preferences().highlight_color,
        HighlightColor::Green
    );
}
