//! Small text that can be read: the source labels ("from FILE", "yours",
//! "machine-made"), match counts, the note card's quote and the gloss card's details
//! are at least 0.85 of the body size, and weak text and warnings keep at least 4.5:1
//! contrast (WCAG AA) with every background they are drawn on, in every theme.

use egui::{Color32, Visuals};
use hamish::ui::theme::{self, Theme};

/// WCAG 2 relative luminance of an opaque colour.
fn luminance(color: Color32) -> f32 {
    let channel = |value: u8| {
        let c = f32::from(value) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// `top` painted over the opaque `bottom`, as egui paints it (colours are
/// premultiplied: a see-through colour adds its channels to what shows through).
fn over(top: Color32, bottom: Color32) -> Color32 {
    let alpha = f32::from(top.a()) / 255.0;
    let blend = |t: u8, b: u8| {
        (f32::from(t) + f32::from(b) * (1.0 - alpha))
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Color32::from_rgb(
        blend(top.r(), bottom.r()),
        blend(top.g(), bottom.g()),
        blend(top.b(), bottom.b()),
    )
}

/// WCAG 2 contrast ratio of `text` drawn on the opaque `background`.
fn contrast(text: Color32, background: Color32) -> f32 {
    let shown = over(text, background);
    let (a, b) = (luminance(shown), luminance(background));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// Every look a theme can give (System is the light or the dark one).
fn looks() -> Vec<(&'static str, Visuals)> {
    assert_eq!(Theme::ALL.len(), 4, "a new theme is checked here too");
    vec![
        ("light", theme::light()),
        ("dark", theme::dark()),
        ("sepia", theme::sepia()),
    ]
}

#[test]
fn weak_text_and_warnings_keep_4_5_to_1_contrast_in_every_theme() {
    for (name, visuals) in looks() {
        for (background_name, background) in [
            ("panel", visuals.panel_fill),
            ("window", visuals.window_fill),
            // The note card's fill, on the panel it is drawn over.
            (
                "note card",
                over(visuals.faint_bg_color, visuals.panel_fill),
            ),
            ("field", visuals.extreme_bg_color),
        ] {
            for (text_name, text) in [
                ("text", visuals.text_color()),
                ("weak text", visuals.weak_text_color()),
                ("warning", visuals.warn_fg_color),
            ] {
                let ratio = contrast(text, background);
                assert!(
                    ratio >= 4.5,
                    "{name}: {text_name} {text:?} on the {background_name} {background:?} is {ratio:.2}:1"
                );
            }
        }
    }
}

#[test]
fn small_text_is_at_least_0_85_of_the_body() {
    let ctx = egui::Context::default();
    for theme_choice in Theme::ALL {
        theme::apply(&ctx, theme_choice);
        let style = ctx.global_style();
        let size = |text_style: egui::TextStyle| style.text_styles[&text_style].size;
        let (small, body) = (size(egui::TextStyle::Small), size(egui::TextStyle::Body));
        assert!(
            small >= 0.85 * body,
            "{theme_choice:?}: egui's small text {small} beside body {body}"
        );
    }
    // The text engine's small styles beside the text they go with.
    for (name, small, body) in [
        ("note quote", theme::NOTE_QUOTE, theme::NOTE),
        ("status line", theme::STATUS, theme::MESSAGE),
        ("small interface text", theme::SMALL, theme::MESSAGE),
    ] {
        assert!(
            small.size_pt >= 0.85 * body.size_pt,
            "{name}: {} beside {}",
            small.size_pt,
            body.size_pt
        );
    }
}
