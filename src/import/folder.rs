//! Listing the articles of a folder, with sub-folders as groups.

use std::path::{Path, PathBuf};

use super::read_article;

/// Article files: `.txt` and `.md`, not hidden, not a translation such as `001.en.txt`.
pub fn is_article_path(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    let lower = name.to_lowercase();
    let Some(extension_len) = [".txt", ".md"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map(|ext| ext.len())
    else {
        return false;
    };
    !is_translation_of_sibling(path, &name[..name.len() - extension_len])
}

/// `001.en.txt` beside `001.txt` (or `001.md`) is a translation, not an article.
fn is_translation_of_sibling(path: &Path, stem: &str) -> bool {
    let Some((base, language)) = stem.rsplit_once('.') else {
        return false;
    };
    let looks_like_language = (2..=8).contains(&language.len())
        && language
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
    looks_like_language
        && path.parent().is_some_and(|folder| {
            ["txt", "md"]
                .iter()
                .any(|extension| folder.join(format!("{base}.{extension}")).is_file())
        })
}

/// One article file in the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryEntry {
    /// Where the file is.
    pub path: PathBuf,
    /// The sub-folder it is in, relative to the library root; empty at the root.
    pub group: String,
    /// The article's title, or why the file cannot be read.
    pub title: Result<String, String>,
}

impl LibraryEntry {
    /// The file name, for when there is no title to show.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The articles of a folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Library {
    /// The folder that was opened.
    pub root: PathBuf,
    /// Its articles, grouped by sub-folder and sorted by file name.
    pub entries: Vec<LibraryEntry>,
}

impl Library {
    /// The index of the entry for `path`, if it is in the library.
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.entries.iter().position(|entry| entry.path == path)
    }
}

/// How deep sub-folders are followed; also what stops a symlink loop.
const MAX_DEPTH: usize = 8;

/// Lists the articles under `root`, reading each one's title.
///
/// A file that cannot be read is listed with the reason; only a root that cannot be
/// read at all is an error.
pub fn list_folder(root: &Path) -> std::io::Result<Library> {
    let mut entries = Vec::new();
    std::fs::read_dir(root)?;
    collect(root, root, 0, &mut entries);
    Ok(Library {
        root: root.to_owned(),
        entries,
    })
}

fn collect(root: &Path, folder: &Path, depth: usize, entries: &mut Vec<LibraryEntry>) {
    let Ok(read_dir) = std::fs::read_dir(folder) else {
        return;
    };
    let mut paths: Vec<PathBuf> = read_dir
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    paths.sort();
    let (folders, files): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.into_iter().partition(|path| path.is_dir());
    let group = folder
        .strip_prefix(root)
        .map(|relative| relative.to_string_lossy().into_owned())
        .unwrap_or_default();
    for path in files.into_iter().filter(|path| is_article_path(path)) {
        let title = read_article(&path)
            .map(|article| article.title)
            .map_err(|error| error.to_string());
        entries.push(LibraryEntry {
            path,
            group: group.clone(),
            title,
        });
    }
    if depth < MAX_DEPTH {
        for sub_folder in folders {
            let hidden = sub_folder
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'));
            if !hidden {
                collect(root, &sub_folder, depth + 1, entries);
            }
        }
    }
}
