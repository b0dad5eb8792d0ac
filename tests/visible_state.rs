//! State the reader can see and leave: every toggle of the View menu is a check box
//! ticked when on, hidden diacritics and translations say so on screen, Escape closes
//! the settings and the shortcut sheet, and File ▸ Quit or Ctrl+Q closes the window.

mod common;

use egui::accesskit::{Role, Toggled};
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use hamish::app::{HamishApp, Preferences, ReadingState};

fn open_samples(preferences: Preferences) -> Harness<'static, HamishApp> {
    let path = common::samples().join("003_2dd66c1bbdc4b7f0.txt");
    let app = HamishApp::new(preferences, ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1280.0, 820.0));
    harness.run();
    harness
}

/// The View menu's toggle whose label starts with `label`: its role and whether it
/// is ticked.
fn toggle_state(harness: &Harness<'_, HamishApp>, label: &str) -> (Role, Option<Toggled>) {
    let node = harness.get_by(|node| {
        node.label()
            .is_some_and(|text| text == label || text.starts_with(&format!("{label} ")))
    });
    let node = node.accesskit_node();
    (node.role(), node.toggled())
}

#[test]
fn every_toggle_of_the_view_menu_is_a_check_box_ticked_when_on() {
    let preferences = Preferences {
        hide_diacritics: true,
        ..Preferences::default()
    };
    let mut harness = open_samples(preferences);
    harness.get_by_label("View").click();
    harness.run();
    for (label, on) in [
        ("Library", true),
        ("Full screen", false),
        ("Hide diacritics", true),
        ("Translation", true),
        ("Notes in the margin", true),
        ("Show bidi controls", false),
    ] {
        let expected = if on { Toggled::True } else { Toggled::False };
        assert_eq!(
            toggle_state(&harness, label),
            (Role::CheckBox, Some(expected)),
            "{label}"
        );
    }
}

#[test]
fn escape_closes_the_settings_and_the_shortcut_sheet() {
    let mut harness = open_samples(Preferences::default());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run();
    assert!(harness.state().settings_are_open());
    harness.key_press(Key::F1);
    harness.run();
    assert!(harness.state().shortcuts_are_open());
    // The sheet is on top: it goes first, then the settings.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().shortcuts_are_open());
    assert!(harness.state().settings_are_open());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().settings_are_open());
}

/// Whether the app asks to quit within the next few frames (a command is carried
/// out in the frame after its key). kittest's output does not show the viewport
/// command, so the app's own record of it is read.
fn quits_soon(harness: &mut Harness<'_, HamishApp>) -> bool {
    (0..3).any(|_| {
        harness.step();
        harness.state().quit_was_asked()
    })
}

#[test]
fn ctrl_q_and_file_quit_close_the_window() {
    let mut harness = open_samples(Preferences::default());
    assert!(!harness.state().quit_was_asked());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    assert!(quits_soon(&mut harness), "Ctrl+Q");

    let mut harness = open_samples(Preferences::default());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Quit Ctrl+Q").click();
    assert!(quits_soon(&mut harness), "File ▸ Quit");
}

#[test]
fn hidden_diacritics_and_translations_say_so_on_screen() {
    let mut harness = open_samples(Preferences::default());
    assert!(
        harness
            .query_by_label_contains("Diacritics hidden")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    harness.get_by_label_contains("Diacritics hidden (Ctrl+D)");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    harness.run();
    harness.get_by_label_contains("Translations hidden (Ctrl+Shift+T)");
}
