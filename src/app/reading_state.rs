//! Where the reader is: the folders read, the article last read in each, and the
//! place in every article. Saved by eframe.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::ui::PageLayout;

/// How many folders the File ▸ Recent folders menu keeps.
const RECENT_FOLDERS: usize = 10;

/// What the reader was reading, remembered between runs.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ReadingState {
    /// The folder open when the app last closed.
    pub last_folder: Option<PathBuf>,
    /// Most recent first.
    pub recent_folders: Vec<PathBuf>,
    /// The article last read in each folder.
    pub last_article: BTreeMap<PathBuf, PathBuf>,
    /// The first section on screen when each article was last read.
    pub reading_positions: BTreeMap<PathBuf, usize>,
    /// How far into that section the view started, as a fraction of the section's
    /// height (0 at its top): a fraction, so the place holds at another width or
    /// text size. Kept apart from `reading_positions` so older state still loads.
    pub reading_offsets: BTreeMap<PathBuf, f32>,
    /// The translation language shown in each folder.
    pub translation_languages: BTreeMap<PathBuf, String>,
    /// Translation files kept elsewhere that the reader imported for an article.
    pub imported_translations: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// The language the reader chose for an article (`ar`, `fa`, `ur`…), where the
    /// guess from its letters was not what they wanted.
    pub article_languages: BTreeMap<PathBuf, String>,
    /// How the pages of each folder are laid out, where the reader chose; the entry
    /// under the empty path is for articles read outside a folder, and the default
    /// for folders not yet laid out.
    pub page_layouts: BTreeMap<PathBuf, PageLayout>,
}

impl ReadingState {
    /// Remembers the place in the article at `path`: its first section on screen and
    /// how far into it, as a fraction of its height.
    pub fn set_place(&mut self, path: &Path, section: usize, fraction: f32) {
        self.reading_positions.insert(path.to_owned(), section);
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        if fraction > 0.0 {
            self.reading_offsets.insert(path.to_owned(), fraction);
        } else {
            self.reading_offsets.remove(path);
        }
    }

    /// The place remembered in the article at `path`, if it was read before: a
    /// section and how far into it (0 for places remembered without).
    pub fn place(&self, path: &Path) -> Option<(usize, f32)> {
        let section = *self.reading_positions.get(path)?;
        let fraction = self.reading_offsets.get(path).copied().unwrap_or(0.0);
        Some((section, fraction))
    }

    /// How the pages of `folder` are laid out: as the reader left them there, else as
    /// they were last laid out anywhere, else the default.
    pub fn page_layout(&self, folder: &Path) -> PageLayout {
        self.page_layouts
            .get(folder)
            .or_else(|| self.page_layouts.get(Path::new("")))
            .copied()
            .unwrap_or_default()
    }

    /// Remembers how the pages of `folder` are laid out; the last choice is also the
    /// default of folders not laid out yet.
    pub fn set_page_layout(&mut self, folder: &Path, page: PageLayout) {
        self.page_layouts.insert(folder.to_owned(), page);
        self.page_layouts.insert(PathBuf::new(), page);
    }

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
        let mut state = ReadingState::default();
        for i in 0..15 {
            state.remember_folder(Path::new(&format!("/articles/{i}")));
        }
        state.remember_folder(Path::new("/articles/12"));
        assert_eq!(state.recent_folders.len(), RECENT_FOLDERS);
        assert_eq!(state.recent_folders[0], Path::new("/articles/12"));
        assert_eq!(state.recent_folders[1], Path::new("/articles/14"));
        assert_eq!(
            state
                .recent_folders
                .iter()
                .filter(|f| f.ends_with("12"))
                .count(),
            1
        );
        assert_eq!(
            state.last_folder.as_deref(),
            Some(Path::new("/articles/12"))
        );
    }

    #[test]
    fn reading_state_from_the_first_version_is_kept() {
        let state: ReadingState = serde_json::from_str(
            r#"{"body_size_pt": 24.0, "last_folder": "/a", "reading_positions": {"/a/1.txt": 7}}"#,
        )
        .expect("parses");
        assert_eq!(state.last_folder.as_deref(), Some(Path::new("/a")));
        assert_eq!(state.reading_positions[Path::new("/a/1.txt")], 7);
        assert_eq!(state.place(Path::new("/a/1.txt")), Some((7, 0.0)));
    }

    #[test]
    fn a_place_keeps_how_far_into_its_section() {
        let mut state = ReadingState::default();
        let path = Path::new("/a/1.txt");
        assert_eq!(state.place(path), None);
        state.set_place(path, 12, 0.375);
        let json = serde_json::to_string(&state).expect("json");
        let back: ReadingState = serde_json::from_str(&json).expect("back");
        assert_eq!(back.place(path), Some((12, 0.375)));
        state.set_place(path, 3, 0.0);
        assert_eq!(state.place(path), Some((3, 0.0)), "at the top of a section");
        state.set_place(path, 3, f32::NAN);
        assert_eq!(state.place(path), Some((3, 0.0)));
    }
}
