//! Themes and zoom: chosen in the View menu or with the keys, applied at once, and
//! remembered.

mod common;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{Command, HamishApp, Preferences, ReadingState, ZoomStep};
use hamish::ui::theme::{self, Theme};

fn harness(preferences: Preferences) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(
        preferences,
        ReadingState::default(),
        Some(common::samples()),
    );
    let mut harness = common::app_harness(app, vec2(1280.0, 800.0));
    harness.run();
    harness
}

#[test]
fn sepia_is_chosen_in_the_menu_applied_and_remembered() {
    let mut harness = harness(Preferences::default());
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Theme").click();
    harness.run();
    harness.get_by_label("Sepia").click();
    harness.run();
    assert_eq!(harness.state().preferences().theme, Theme::Sepia);
    let panel = harness.ctx.global_style().visuals.panel_fill;
    assert_eq!(panel, theme::sepia().panel_fill, "applied at once");

    let again = harness_with_theme(harness.state().preferences().clone());
    assert_eq!(
        again.ctx.global_style().visuals.panel_fill,
        theme::sepia().panel_fill
    );
}

fn harness_with_theme(preferences: Preferences) -> Harness<'static, HamishApp> {
    harness(preferences)
}

#[test]
fn dark_and_light_switch_the_look() {
    let mut harness = harness(Preferences::default());
    for (choice, expected) in [(Theme::Light, theme::light()), (Theme::Dark, theme::dark())] {
        harness.state_mut().command(Command::SetTheme(choice));
        harness.run();
        assert_eq!(
            harness.ctx.global_style().visuals.panel_fill,
            expected.panel_fill
        );
    }
}

#[test]
fn zoom_is_applied_and_remembered() {
    let mut harness = harness(Preferences::default());
    harness.state_mut().command(Command::Zoom(ZoomStep::In));
    harness.run();
    let zoomed = harness.state().preferences().zoom;
    assert!(zoomed > 1.0, "{zoomed}");
    assert!((harness.ctx.zoom_factor() - zoomed).abs() < 1e-6);
    let again = harness_with_theme(harness.state().preferences().clone());
    assert!(
        (again.ctx.zoom_factor() - zoomed).abs() < 1e-6,
        "a new start keeps it"
    );
    harness.state_mut().command(Command::Zoom(ZoomStep::Reset));
    harness.run();
    assert_eq!(harness.state().preferences().zoom, 1.0);
}
