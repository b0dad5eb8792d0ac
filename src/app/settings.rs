//! What Hamish remembers between runs, stored by eframe.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::ui::Columns;

/// How many folders the File ▸ Recent folders menu keeps.
const RECENT_FOLDERS: usize = 10;

/// Settings and reading state, saved on exit and every 30 seconds by eframe.
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Settings {
    /// The folder open when the app last closed.
    pub last_folder: Option<PathBuf>,
    /// Most recent first.
    pub recent_folders: Vec<PathBuf>,
    /// The article last read in each folder.
    pub last_article: BTreeMap<PathBuf, PathBuf>,
    /// The first section on screen when each article was last read.
    pub reading_positions: BTreeMap<PathBuf, usize>,
    /// Which columns are shown beside the source text.
    pub columns: Columns,
    /// Size of the article's body text, in points.
    pub body_size_pt: f32,
    /// Whether explicit bidi controls are marked where they are in the text.
    pub show_bidi_controls: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            last_folder: None,
            recent_folders: Vec::new(),
            last_article: BTreeMap::new(),
            reading_positions: BTreeMap::new(),
            columns: Columns::default(),
            body_size_pt: 20.0,
            show_bidi_controls: false,
        }
    }
}

impl Settings {
    /// Records `folder` as the last one opened and first among the recent ones.
    pub fn remember_folder(&mut self, folder: &Path) {
        self.last_folder = Some(folder.to_owned());
        self.recent_folders.retain(|recent| recent != folder);
        self.recent_folders.insert(0, folder.to_owned());
        self.recent_folders.truncate(RECENT_FOLDERS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_folders_are_most_recent_first_without_repeats_and_bounded() {
        let mut settings = Settings::default();
        for i in 0..15 {
            settings.remember_folder(Path::new(&format!("/articles/{i}")));
        }
        settings.remember_folder(Path::new("/articles/12"));
        assert_eq!(settings.recent_folders.len(), RECENT_FOLDERS);
        assert_eq!(settings.recent_folders[0], Path::new("/articles/12"));
        assert_eq!(settings.recent_folders[1], Path::new("/articles/14"));
        assert_eq!(
            settings
                .recent_folders
                .iter()
                .filter(|f| f.ends_with("12"))
                .count(),
            1
        );
        assert_eq!(
            settings.last_folder.as_deref(),
            Some(Path::new("/articles/12"))
        );
    }

    #[test]
    fn settings_from_an_older_version_keep_their_defaults() {
        let settings: Settings = serde_json::from_str(r#"{"body_size_pt": 24.0}"#).expect("parses");
        assert_eq!(settings.body_size_pt, 24.0);
        assert_eq!(settings.columns, Columns::default());
    }
}
