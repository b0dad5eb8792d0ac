//! How the reader likes to read: what is shown and how big. Saved by eframe.

use crate::model::HighlightColor;
use crate::ui::Columns;
use crate::ui::theme::Theme;
use crate::ui::typography::Typography;

/// The reader's preferences, applied live and remembered between runs.
///
/// Reading state (which folder, which article, where in it) is kept apart in
/// [`super::ReadingState`]: it changes all the time, preferences only when asked.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Preferences {
    /// Which columns are shown beside the source text.
    pub columns: Columns,
    /// Size of the article's body text, in points.
    pub body_size_pt: f32,
    /// Whether explicit bidi controls are marked where they are in the text.
    pub show_bidi_controls: bool,
    /// Whether the library is shown (when the window is wide enough for it).
    pub library_shown: bool,
    /// The library's width, in points.
    pub library_width_pt: f32,
    /// The look: light, dark, sepia, or as the system is.
    pub theme: Theme,
    /// The whole app's zoom (Ctrl+= / Ctrl+- / Ctrl+0), 1.0 for actual size.
    pub zoom: f32,
    /// Size of the translation column's text, in points.
    pub translation_size_pt: f32,
    /// Whether translations are covered until hovered (for readers testing
    /// themselves).
    pub blur_translations: bool,
    /// Whether Arabic and Hebrew diacritics are hidden in the article (display only:
    /// the text, notes and copies keep them).
    pub hide_diacritics: bool,
    /// Each column's face, spacing and margins, and Urdu in Nastaliq.
    pub typography: Typography,
    /// The machine translation engine and its languages.
    pub translation_engine: crate::translate::EngineSettings,
    /// The colour H highlights in: the one last picked on the selection's toolbar.
    pub highlight_color: HighlightColor,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            columns: Columns::default(),
            body_size_pt: 20.0,
            show_bidi_controls: false,
            library_shown: true,
            library_width_pt: 280.0,
            theme: Theme::System,
            zoom: 1.0,
            translation_size_pt: crate::ui::theme::TRANSLATION_SIZE_PT,
            blur_translations: false,
            hide_diacritics: false,
            typography: Typography::default(),
            translation_engine: crate::translate::EngineSettings::default(),
            highlight_color: HighlightColor::Yellow,
        }
    }
}

/// Reads what eframe stored under `key`: RON, as `eframe::set_value` writes it, or
/// JSON, as the first versions were read.
pub fn parse_stored<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    ron::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(text).ok())
}

/// The preferences the app stored when it last closed (eframe's `app.ron` in the
/// data directory), for the command line; `None` when there are none or they cannot
/// be read.
pub fn stored_preferences() -> Option<Preferences> {
    let file = eframe::storage_dir("hamish")?.join("app.ron");
    let text = std::fs::read_to_string(file).ok()?;
    let values: std::collections::HashMap<String, String> = ron::from_str(&text).ok()?;
    values
        .get(super::PREFERENCES_KEY)
        .or_else(|| values.get(eframe::APP_KEY))
        .and_then(|text| parse_stored(text))
}

/// The widths the library can be given, in points.
pub const LIBRARY_WIDTH_RANGE_PT: std::ops::RangeInclusive<f32> = 160.0..=600.0;

/// In a window narrower than this, in points, the library hides itself so the article
/// and its translation keep room to be read side by side; the reader can still show it.
pub const LIBRARY_HIDES_BELOW_PT: f32 = 960.0;

/// The smallest and largest body text size, in points.
pub const BODY_SIZE_RANGE_PT: std::ops::RangeInclusive<f32> = 12.0..=36.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_from_an_older_version_keep_their_defaults() {
        // The settings of the first version held preferences and reading state in one
        // object: its preferences are read, the rest ignored.
        let preferences: Preferences =
            serde_json::from_str(r#"{"body_size_pt": 24.0, "recent_folders": ["/a"]}"#)
                .expect("parses");
        assert_eq!(preferences.body_size_pt, 24.0);
        assert_eq!(preferences.columns, Columns::default());
    }

    #[test]
    fn preferences_stored_by_eframe_as_ron_are_read_back_with_the_engine() {
        let preferences = Preferences {
            translation_engine: crate::translate::EngineSettings {
                engine: crate::translate::EngineConfig::Command {
                    command: "tr a-z A-Z".into(),
                },
                target_language: "fr".into(),
                // The engines not in use keep their settings too.
                other_engines: vec![crate::translate::EngineConfig::Ollama {
                    url: "http://127.0.0.1:11500".into(),
                    model: "qwen2.5:7b".into(),
                }],
                ..crate::translate::EngineSettings::default()
            },
            ..Preferences::default()
        };
        let ron = ron::ser::to_string(&preferences).expect("ron");
        assert_eq!(parse_stored::<Preferences>(&ron), Some(preferences.clone()));
        let json = serde_json::to_string(&preferences).expect("json");
        assert_eq!(parse_stored::<Preferences>(&json), Some(preferences));
    }
}
