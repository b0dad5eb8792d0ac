//! Listing the articles of a folder, with sub-folders as groups, without reading them.
//!
//! Listing only reads directories, never files, so a folder of ten thousand articles
//! is listed in milliseconds; titles are filled in afterwards by [`super::summarize`].
//! Links are followed, but a folder already visited (a link to a parent, a loop of
//! links) is not entered twice, and sub-folders deeper than [`MAX_DEPTH`] are not
//! entered at all.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::library::{Library, LibraryEntry};
use super::translation::{article_stem, companion_index, looks_like_language};

/// How deep sub-folders are followed.
const MAX_DEPTH: usize = 16;

/// Article files: `.txt` and `.md`, not hidden, not a translation such as `001.en.txt`.
pub fn is_article_path(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    is_article_name(name, |sibling| {
        path.parent()
            .is_some_and(|folder| folder.join(sibling).is_file())
    })
}

/// Like [`is_article_path`], asking `sibling_exists` about other names in the folder.
fn is_article_name(name: &str, sibling_exists: impl Fn(&str) -> bool) -> bool {
    if name.starts_with('.') {
        return false;
    }
    let lower = name.to_lowercase();
    let Some(extension_len) = [".txt", ".md", ".markdown"]
        .iter()
        .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len())
        .map(|ext| ext.len())
    else {
        return false;
    };
    !is_translation_of_sibling(&name[..name.len() - extension_len], sibling_exists)
}

/// `001.en.txt` beside `001.txt` (or `001.md`) is a translation, not an article.
/// (TMX and XLIFF files are never articles: their extensions are not articles'.)
fn is_translation_of_sibling(stem: &str, sibling_exists: impl Fn(&str) -> bool) -> bool {
    let Some((base, language)) = stem.rsplit_once('.') else {
        return false;
    };
    looks_like_language(language)
        && ["txt", "md"]
            .iter()
            .any(|extension| sibling_exists(&format!("{base}.{extension}")))
}

/// Lists the articles under `root` without reading them: every entry's title is
/// unknown until it is summarised.
///
/// A sub-folder that cannot be read is skipped; only a root that cannot be read at
/// all is an error.
pub fn list_folder(root: &Path) -> std::io::Result<Library> {
    let mut entries = Vec::new();
    let mut visited = HashSet::new();
    // Fails early, with the reason, when the root itself cannot be read.
    std::fs::read_dir(root)?;
    collect(root, root, 0, &mut visited, &mut entries);
    Ok(Library {
        root: root.to_owned(),
        entries,
    })
}

fn collect(
    root: &Path,
    folder: &Path,
    depth: usize,
    visited: &mut HashSet<PathBuf>,
    entries: &mut Vec<LibraryEntry>,
) {
    let canonical = folder.canonicalize().unwrap_or_else(|_| folder.to_owned());
    if !visited.insert(canonical) {
        return;
    }
    let Ok(read_dir) = std::fs::read_dir(folder) else {
        return;
    };
    let mut names: Vec<(OsString, bool)> = read_dir
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let file_type = entry.file_type().ok()?;
            // Only a link needs a second look to learn what it points to.
            let is_dir = if file_type.is_symlink() {
                entry.path().is_dir()
            } else {
                file_type.is_dir()
            };
            Some((entry.file_name(), is_dir))
        })
        .collect();
    names.sort();
    let file_names: HashSet<&str> = names
        .iter()
        .filter(|(_, is_dir)| !is_dir)
        .filter_map(|(name, _)| name.to_str())
        .collect();
    let group = folder
        .strip_prefix(root)
        .map(|relative| relative.to_string_lossy().into_owned())
        .unwrap_or_default();
    let companions = companion_index(folder, file_names.iter().copied());
    for (name, _) in names.iter().filter(|(_, is_dir)| !is_dir) {
        let is_article = match name.to_str() {
            Some(name) => is_article_name(name, |sibling| file_names.contains(sibling)),
            // A name that is not Unicode can still be an article; it cannot be a
            // translation of one.
            None => {
                let lossy = name.to_string_lossy();
                is_article_name(&lossy, |_| false)
            }
        };
        if is_article {
            let mut entry = LibraryEntry::new(folder.join(name), group.clone());
            if let Some(stem) = name.to_str().and_then(article_stem) {
                // Two articles (`a.txt`, `a.md`) can share companions.
                entry.companions = companions.get(stem).cloned().unwrap_or_default();
                entry.companions.sort_by(|a, b| a.path.cmp(&b.path));
            }
            entries.push(entry);
        }
    }
    if depth >= MAX_DEPTH {
        return;
    }
    for (name, _) in names.iter().filter(|(_, is_dir)| *is_dir) {
        if !name.to_string_lossy().starts_with('.') {
            collect(root, &folder.join(name), depth + 1, visited, entries);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_names() {
        let none = |_: &str| false;
        assert!(is_article_name("001.txt", none));
        assert!(is_article_name("مقال جديد.md", none));
        assert!(is_article_name("a.MD", none));
        assert!(!is_article_name(".hidden.txt", none));
        assert!(!is_article_name(".txt", none));
        assert!(!is_article_name("notes.json", none));
        assert!(is_article_name("001.en.txt", none), "no 001.txt beside it");
        assert!(!is_article_name("001.en.txt", |name| name == "001.txt"));
    }
}
