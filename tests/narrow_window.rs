//! Narrow windows: the library gives way to the article (it hides itself below a
//! width, can be hidden and shown with a key or the View menu, and keeps the width the
//! reader gave it), and the window can fill the screen.

mod common;

use egui::accesskit::Role;
use egui::{Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};

const TITLE_002: &str = "هل تحتاج دول آسيا الوسطى إلى منظمة معاهدة الأمن الجماعي؟";

fn harness_at(width: f32, preferences: Preferences) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(
        preferences,
        ReadingState::default(),
        Some(common::samples()),
    );
    let mut harness = common::app_harness(app, vec2(width, 800.0));
    harness.run();
    harness
}

fn library_listed(harness: &Harness<'_, HamishApp>) -> bool {
    harness
        .query_by_role_and_label(Role::Button, TITLE_002)
        .is_some()
}

#[test]
fn a_narrow_window_gives_the_article_the_room() {
    let mut harness = harness_at(500.0, Preferences::default());
    assert!(!library_listed(&harness), "hidden in a 500-point window");
    assert!(
        harness.state().preferences().library_shown,
        "still wanted when wide"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::B);
    harness.run();
    assert!(library_listed(&harness), "shown on demand");
    harness.set_size(vec2(1280.0, 800.0));
    harness.run();
    assert!(library_listed(&harness), "wide again");
}

#[test]
fn the_library_can_be_hidden_and_the_choice_is_kept() {
    let mut harness = harness_at(1280.0, Preferences::default());
    assert!(library_listed(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::B);
    harness.run();
    assert!(!library_listed(&harness));
    assert!(!harness.state().preferences().library_shown, "remembered");
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Library").click();
    harness.run();
    assert!(library_listed(&harness), "View ▸ Library shows it again");
}

#[test]
fn the_library_keeps_the_width_it_is_given() {
    let mut harness = harness_at(1280.0, Preferences::default());
    let before = harness.state().preferences().library_width_pt;
    let edge = harness
        .get_by_role_and_label(Role::Button, TITLE_002)
        .rect()
        .right()
        + 8.0;
    let y = 400.0;
    harness.drag_at(Pos2::new(edge, y));
    harness.step();
    harness.hover_at(Pos2::new(edge + 60.0, y));
    harness.step();
    harness.drop_at(Pos2::new(edge + 120.0, y));
    harness.run();
    let after = harness.state().preferences().library_width_pt;
    assert!(after > before + 60.0, "{before} → {after}");
    let restarted = harness_at(1280.0, harness.state().preferences().clone());
    let edge_again = restarted
        .get_by_role_and_label(Role::Button, TITLE_002)
        .rect()
        .right();
    assert!(edge_again > edge + 60.0, "a new start keeps the width");
}

#[test]
fn f11_fills_the_screen() {
    let mut harness = harness_at(1280.0, Preferences::default());
    // F11 is read with the other window shortcuts (Ctrl+B above); the harness does not
    // show what a key's frame asked of the window, so the command is given directly.
    harness
        .state_mut()
        .command(hamish::app::Command::ToggleFullscreen);
    harness.step();
    let asked = harness
        .output()
        .viewport_output
        .values()
        .flat_map(|viewport| viewport.commands.iter())
        .any(|command| *command == egui::ViewportCommand::Fullscreen(true));
    assert!(asked, "the window is asked to fill the screen");
}
