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
    /// Whether a short gloss is written under each Arabic word (View ▸ Word-by-word).
    pub word_by_word: bool,
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
    /// Whether the words of the article are tinted by their lemma's status (View ▸
    /// Word status).
    pub show_word_status: bool,
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
            word_by_word: false,
            library_shown: true,
            library_width_pt: 280.0,
            theme: Theme::System,
            zoom: 1.0,
            translation_size_pt: crate::ui::theme::TRANSLATION_SIZE_PT,
            blur_translations: false,
            hide_diacritics: false,
            show_word_status: false,
            typography: Typography::default(),
            translation_engine: crate::translate::EngineSettings::default(),
            highlight_color: HighlightColor::Yellow,
        }
    }
}

impl Preferences {
    /// These preferences with what came from a file checked: the engine's languages
    /// are BCP 47 tags (see [`crate::translate::EngineSettings::with_checked_languages`]).
    pub fn checked(mut self) -> Self {
        self.translation_engine = self.translation_engine.with_checked_languages();
        self
    }
}

/// Reads what eframe stored under `key`: RON, as `eframe::set_value` writes it, or
/// JSON, as the first versions were read.
pub fn parse_stored<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    ron::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(text).ok())
}

/// eframe's `app.ron` larger than this is not read: it holds the preferences and the
/// reading position of each article opened, a few KB for a reader of thousands.
pub const MAX_STORED_BYTES: u64 = 16 * 1024 * 1024;

/// The preferences the app stored when it last closed (eframe's `app.ron` in the
/// data directory), for the command line; `None` when there are none or they cannot
/// be read.
pub fn stored_preferences() -> Option<Preferences> {
    stored_preferences_in(&eframe::storage_dir("hamish")?.join("app.ron"))
}

/// The preferences stored in eframe's `app.ron` at `file`.
fn stored_preferences_in(file: &std::path::Path) -> Option<Preferences> {
    stored_in::<Preferences>(file, super::PREFERENCES_KEY).map(Preferences::checked)
}

/// The reading state the app stored when it last closed, for the command line (the
/// translation files the reader imported for articles); `None` when there is none or
/// it cannot be read.
pub fn stored_reading_state() -> Option<super::ReadingState> {
    stored(super::READING_STATE_KEY)
}

/// What the app stored under `key` (or, from the first versions, under eframe's own
/// key) in eframe's `app.ron`.
fn stored<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    stored_in(&eframe::storage_dir("hamish")?.join("app.ron"), key)
}

/// What is stored under `key` in eframe's `app.ron` at `file`, read only once it is
/// known to be a regular file within [`MAX_STORED_BYTES`] (a FIFO there would hang
/// every command, `/dev/zero` would never end).
fn stored_in<T: serde::de::DeserializeOwned>(file: &std::path::Path, key: &str) -> Option<T> {
    let bytes = crate::files::read_whole(file, MAX_STORED_BYTES).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let values: std::collections::HashMap<String, String> = ron::from_str(&text).ok()?;
    values
        .get(key)
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

    #[cfg(target_os = "linux")]
    #[test]
    fn stored_preferences_that_are_not_a_file_are_not_read() {
        let folder = tempfile::tempdir().expect("folder");
        let zero = folder.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
        let fifo = folder.path().join("fifo.ron");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .expect("mkfifo");
        // On the old code the FIFO waited for a writer forever and /dev/zero filled
        // the memory: each is read on a thread whose hang fails the test.
        for file in [zero, fifo] {
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = sender.send(stored_preferences_in(&file));
            });
            let read = receiver
                .recv_timeout(std::time::Duration::from_secs(10))
                .expect("returns at once");
            assert_eq!(read, None);
        }
        let good = folder.path().join("app.ron");
        let values: std::collections::HashMap<String, String> = [(
            crate::app::PREFERENCES_KEY.to_owned(),
            ron::ser::to_string(&Preferences {
                zoom: 1.5,
                ..Preferences::default()
            })
            .expect("ron"),
        )]
        .into_iter()
        .collect();
        std::fs::write(&good, ron::ser::to_string(&values).expect("ron")).expect("write");
        assert_eq!(stored_preferences_in(&good).map(|p| p.zoom), Some(1.5));
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
