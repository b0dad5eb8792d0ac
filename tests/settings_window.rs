//! The settings window (Ctrl+, or View ▸ Settings…): theme, zoom, diacritics and each
//! column's typography, applied at once and remembered (a note is written in the
//! face and size it is shown in); Urdu drawn in Nastaliq.

mod common;

use common::generate::write;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::text::{FontFamily, TextEngine, TextStyle};
use hamish::ui::theme::{self, Theme};

fn harness_on(preferences: Preferences, path: std::path::PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(preferences, ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1280.0, 900.0));
    harness.run();
    harness
}

fn remembered(harness: &Harness<'_, HamishApp>) -> Preferences {
    let saved = serde_json::to_string(harness.state().preferences()).expect("saves");
    serde_json::from_str(&saved).expect("loads")
}

#[test]
fn ctrl_comma_opens_settings_whose_changes_apply_at_once_and_are_remembered() {
    let mut harness = harness_on(Preferences::default(), common::samples());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run();
    assert!(harness.state().settings_are_open());
    harness.get_by_label("Sepia").click();
    harness.run();
    assert_eq!(harness.state().preferences().theme, Theme::Sepia);
    assert_eq!(
        harness.ctx.global_style().visuals.panel_fill,
        theme::sepia().panel_fill,
        "applied at once"
    );
    harness.get_by_label("Hide diacritics").click();
    harness.run();
    assert!(harness.state().preferences().hide_diacritics);

    harness.get_by_label("Typography").click();
    harness.run();
    // The article's face: the first of the three pickers.
    harness
        .get_all_by_label("Face")
        .next()
        .expect("the article's face")
        .click();
    harness.run();
    harness.get_by_label("Vazirmatn (Arabic sans)").click();
    harness.run();
    let typography = harness.state().preferences().typography;
    assert_eq!(typography.article.family, FontFamily::ArabicSans);
    assert_eq!(
        typography.notes.family,
        FontFamily::Naskh,
        "only the article"
    );

    let again = harness_on(remembered(&harness), common::samples());
    let preferences = again.state().preferences();
    assert_eq!(preferences.theme, Theme::Sepia);
    assert!(preferences.hide_diacritics);
    assert_eq!(
        preferences.typography.article.family,
        FontFamily::ArabicSans
    );
}

#[test]
fn the_view_menu_opens_settings_too() {
    let mut harness = harness_on(Preferences::default(), common::samples());
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Settings… Ctrl+,").click();
    harness.run();
    assert!(harness.state().settings_are_open());
    harness.get_by_label("Look");
}

#[test]
fn the_arabic_sans_face_is_bundled_and_lays_text_out_otherwise() {
    let mut engine = TextEngine::new();
    let text = "قال المعلم اقرأ كتابك";
    let naskh = engine.layout(text, &TextStyle::body(20.0), 2000.0, 1.0);
    let sans = TextStyle {
        family: FontFamily::ArabicSans,
        ..TextStyle::body(20.0)
    };
    let vazirmatn = engine.layout(text, &sans, 2000.0, 1.0);
    let missing = (0..vazirmatn.line_count())
        .flat_map(|line| vazirmatn.line_glyphs(line))
        .filter(|glyph| glyph.glyph_id == 0)
        .count();
    assert_eq!(missing, 0);
    let width = |layout: &hamish::text::ParagraphLayout| -> f32 {
        layout
            .line_glyphs(0)
            .iter()
            .map(|glyph| glyph.advance_px)
            .sum()
    };
    let ids = |layout: &hamish::text::ParagraphLayout| -> Vec<u16> {
        layout
            .line_glyphs(0)
            .iter()
            .map(|glyph| glyph.glyph_id)
            .collect()
    };
    assert_ne!(ids(&naskh), ids(&vazirmatn), "another face's glyphs");
    assert!(
        (width(&naskh) - width(&vazirmatn)).abs() > 1.0,
        "another face's widths: {} and {}",
        width(&naskh),
        width(&vazirmatn)
    );
}

/// A short Urdu article: a title, and a paragraph with Urdu's own letters.
const URDU: &str = "اردو کی کہانی\n\
    یہ ایک چھوٹی سی کہانی ہے۔ ایک لڑکا روز صبح اسکول جاتا تھا اور راستے میں درختوں کے نیچے بیٹھ کر کتاب پڑھتا تھا۔ \
    اس کے استاد نے کہا کہ پڑھنا ہی سب سے بڑی دولت ہے۔\n";

fn urdu_paragraph_height(harness: &Harness<'_, HamishApp>) -> f32 {
    let paragraph = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections
        .iter()
        .find(|section| section.text.starts_with("یہ"))
        .expect("the paragraph")
        .text
        .clone();
    harness.get_by_label(&paragraph).rect().height()
}

#[test]
fn urdu_is_drawn_in_nastaliq_with_taller_lines_unless_read_as_persian() {
    let folder = tempfile::tempdir().expect("folder");
    write(folder.path(), "urdu.txt", URDU.as_bytes());
    let path = folder.path().join("urdu.txt");
    let mut harness = harness_on(Preferences::default(), path.clone());
    let nastaliq = urdu_paragraph_height(&harness);

    // Read as Persian (View ▸ Article language), it is drawn in Naskh.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Article language").click();
    harness.run();
    harness.get_by_label("Persian").click();
    harness.run();
    let naskh = urdu_paragraph_height(&harness);
    assert!(
        nastaliq > naskh * 1.2,
        "Nastaliq's lines are taller: {nastaliq} against {naskh}"
    );
    let reading = harness.state().reading_state();
    assert_eq!(
        reading.article_languages.get(&path).map(String::as_str),
        Some("fa")
    );

    // With Nastaliq turned off in the settings, Urdu is drawn in Naskh too.
    let off = Preferences {
        typography: hamish::ui::typography::Typography {
            urdu_in_nastaliq: false,
            ..Default::default()
        },
        ..Preferences::default()
    };
    let plain = harness_on(off, path);
    let height = urdu_paragraph_height(&plain);
    assert!((height - naskh).abs() < 1.0, "{height} against {naskh}");
}

#[test]
fn margins_and_line_spacing_change_the_article_column() {
    let paragraph = common::sample_line("001", 11);
    let rect_with = |typography: hamish::ui::typography::Typography| {
        let preferences = Preferences {
            typography,
            ..Preferences::default()
        };
        let harness = harness_on(
            preferences,
            common::samples().join("001_d7cff7a3069428f0.txt"),
        );
        harness.get_by_label(&paragraph).rect()
    };
    let plain = rect_with(Default::default());
    let mut wide = hamish::ui::typography::Typography::default();
    wide.article.margin_pt = 60.0;
    let narrowed = rect_with(wide);
    assert!(
        (plain.width() - narrowed.width() - 120.0).abs() < 2.0,
        "60 pt on each side: {} then {}",
        plain.width(),
        narrowed.width()
    );
    let mut airy = hamish::ui::typography::Typography::default();
    airy.article.line_spacing = 1.5;
    let spaced = rect_with(airy);
    assert!(
        spaced.height() > plain.height() * 1.3,
        "{} then {}",
        plain.height(),
        spaced.height()
    );
}

/// The note typed into a field with the notes at `size_pt`: the field's height while
/// writing, and the note's once the field is closed.
fn note_heights(size_pt: f32) -> (f32, f32) {
    let folder = common::samples_copy();
    let mut preferences = Preferences::default();
    preferences.typography.notes_size_pt = size_pt;
    preferences.typography.notes.family = FontFamily::Sans;
    let mut harness = harness_on(preferences, folder.path().join("001_d7cff7a3069428f0.txt"));
    harness.key_press(Key::J);
    harness.run();
    harness.key_press(Key::N);
    harness.run();
    harness.event(egui::Event::Text("ملاحظة قصيرة".to_owned()));
    harness.run();
    let writing = harness.get_by_label("Write a note").rect().height();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Write a note").is_none(), "closed");
    let shown = harness.get_by_label("ملاحظة قصيرة").rect().height();
    (writing, shown)
}

#[test]
fn a_note_is_written_in_the_face_and_size_it_is_shown_in() {
    let (small_writing, small_shown) = note_heights(13.0);
    let (large_writing, large_shown) = note_heights(26.0);
    assert!(
        large_writing > 1.6 * small_writing - 10.0 && large_writing > small_writing + 10.0,
        "the field grows with the notes' size: {small_writing} → {large_writing}"
    );
    // The text in the field is set as on the card: a field keeps room for two lines of
    // it, so it grows by twice what one line of the shown note grows.
    assert!(
        ((large_writing - small_writing) - 2.0 * (large_shown - small_shown)).abs() < 1.5,
        "writing {small_writing} → {large_writing}, shown {small_shown} → {large_shown}"
    );
}
