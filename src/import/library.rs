//! The library of an open folder: its article files, and what is known of each.
//!
//! An entry starts with its path only; its [`EntrySummary`] (title, problems) comes
//! later, from [`summarize`], which reads only the start of the file. Memory grows
//! with the number of files by a path and a short title each, never by their text.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::translation::Companion;
use super::{
    ArticleFormat, DetectedEncoding, ImportError, ImportNotice, MAX_ARTICLE_BYTES, decode, parse,
    read_bytes, repair_notices,
};
use crate::model::normalize;

/// How much of a file is read to summarise it: all of any real article, and enough
/// of anything else to find damaged bytes near its start.
const SUMMARY_BYTES: usize = 1024 * 1024;

/// How much of the decoded text is sectioned to find the title.
const TITLE_TEXT_BYTES: usize = 16 * 1024;

/// What the library knows of an article file once it has looked inside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntrySummary {
    /// The article's title; empty when it has none or cannot be read.
    pub title: String,
    /// Why it cannot be shown, if it cannot.
    pub error: Option<ImportError>,
    /// What had to be repaired to show it.
    pub notices: Vec<ImportNotice>,
    /// The encoding it is in.
    pub encoding: DetectedEncoding,
    /// When the file was last modified, as it was summarised.
    pub modified: Option<SystemTime>,
}

/// One article file in the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryEntry {
    /// Where the file is.
    pub path: PathBuf,
    /// The sub-folder it is in, relative to the library root; empty at the root.
    pub group: String,
    /// What is known of it; `None` until it has been summarised.
    pub summary: Option<EntrySummary>,
    /// Its translation files, found by name when the folder was listed (see
    /// [`super::translation`]); read them with [`super::translation::summarize_companions`].
    pub companions: Vec<Companion>,
}

impl LibraryEntry {
    /// An entry not summarised yet.
    pub fn new(path: PathBuf, group: String) -> Self {
        Self {
            path,
            group,
            summary: None,
            companions: Vec::new(),
        }
    }

    /// The languages its translation files' names give, sorted, without repeats. A TMX
    /// or XLIFF file named without a language (`NAME.tmx`) adds its languages only
    /// once read ([`super::translation::summarize_companions`]).
    pub fn languages(&self) -> Vec<&str> {
        let mut languages: Vec<&str> = self
            .companions
            .iter()
            .filter_map(|companion| companion.language.as_deref())
            .collect();
        languages.sort_unstable();
        languages.dedup();
        languages
    }

    /// The file name, for when there is no title to show.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// What to call the entry: its title once known, else its file name.
    pub fn label(&self) -> Cow<'_, str> {
        match &self.summary {
            Some(summary) if !summary.title.is_empty() => Cow::Borrowed(&summary.title),
            _ => Cow::Owned(self.file_name()),
        }
    }

    /// The article's title, if it is known and it has one.
    pub fn title(&self) -> Option<&str> {
        self.summary
            .as_ref()
            .map(|summary| summary.title.as_str())
            .filter(|title| !title.is_empty())
    }

    /// What is wrong with the file, in plain words, if anything.
    pub fn problem(&self) -> Option<String> {
        let summary = self.summary.as_ref()?;
        if let Some(error) = &summary.error {
            return Some(error.to_string());
        }
        if summary.notices.is_empty() {
            return None;
        }
        let notices: Vec<String> = summary.notices.iter().map(ToString::to_string).collect();
        Some(notices.join("; "))
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

    /// Records the summary of the entry at `path`; false if there is no such entry.
    pub fn set_summary(&mut self, path: &Path, summary: EntrySummary) -> bool {
        match self.entries.iter_mut().find(|entry| entry.path == path) {
            Some(entry) => {
                entry.summary = Some(summary);
                true
            }
            None => false,
        }
    }

    /// Records many summaries at once. They usually come in the order of the
    /// entries, so each is looked for after the previous one first: ten thousand
    /// summaries take ten thousand comparisons, not fifty million.
    pub fn set_summaries(&mut self, summaries: impl IntoIterator<Item = (PathBuf, EntrySummary)>) {
        let mut next = 0;
        for (path, summary) in summaries {
            let index = match self.entries.get(next) {
                Some(entry) if entry.path == path => Some(next),
                _ => self.position(&path),
            };
            if let Some(index) = index {
                self.entries[index].summary = Some(summary);
                next = index + 1;
            }
        }
    }

    /// How many entries have been summarised.
    pub fn summarised(&self) -> usize {
        self.entries
            .iter()
            .filter(|entry| entry.summary.is_some())
            .count()
    }

    /// Takes a fresh listing of the same folder, keeping what is known of the files
    /// that are still there and did not change. Returns the paths that need a new
    /// summary: new files and those in `changed`.
    pub fn refresh(&mut self, listing: Library, changed: &HashSet<PathBuf>) -> Vec<PathBuf> {
        let mut known: HashMap<PathBuf, EntrySummary> = self
            .entries
            .drain(..)
            .filter_map(|entry| Some((entry.path, entry.summary?)))
            .collect();
        let mut stale = Vec::new();
        self.entries = listing
            .entries
            .into_iter()
            .map(|mut entry| {
                match known.remove(&entry.path) {
                    Some(summary) if !changed.contains(&entry.path) => {
                        entry.summary = Some(summary);
                    }
                    _ => stale.push(entry.path.clone()),
                }
                entry
            })
            .collect();
        self.root = listing.root;
        stale
    }
}

/// Looks inside the file at `path` for its title and its problems, reading at most
/// its first megabyte.
pub fn summarize(path: &Path) -> EntrySummary {
    let modified = std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .ok();
    let failed = |error| EntrySummary {
        error: Some(error),
        modified,
        ..EntrySummary::default()
    };
    let (bytes, complete) = match read_bytes(path, Some(MAX_ARTICLE_BYTES), Some(SUMMARY_BYTES)) {
        Ok(read) => read,
        Err(error) => return failed(error),
    };
    let mut decoded = match decode(&bytes, complete) {
        Ok(decoded) => decoded,
        Err(error) => return failed(error),
    };
    drop(bytes);
    let mut notices = repair_notices(&decoded);
    let whole_text = complete && decoded.text.len() <= TITLE_TEXT_BYTES;
    cut_at_line(&mut decoded.text, TITLE_TEXT_BYTES);
    let article = parse(&normalize(&decoded.text), ArticleFormat::of(path));
    if whole_text && article.sections.is_empty() {
        notices.push(ImportNotice::Empty);
    }
    EntrySummary {
        title: article.title,
        error: None,
        notices,
        encoding: decoded.encoding,
        modified,
    }
}

/// Shortens `text` to at most `max` bytes, at the end of a line if there is one.
fn cut_at_line(text: &mut String, max: usize) {
    if text.len() <= max {
        return;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(line_end) = text[..end].rfind('\n') {
        end = line_end;
    }
    text.truncate(end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, title: Option<&str>) -> LibraryEntry {
        LibraryEntry {
            path: PathBuf::from(name),
            group: String::new(),
            companions: Vec::new(),
            summary: title.map(|title| EntrySummary {
                title: title.to_owned(),
                ..EntrySummary::default()
            }),
        }
    }

    #[test]
    fn refresh_keeps_what_did_not_change() {
        let mut library = Library {
            root: PathBuf::from("/"),
            entries: vec![
                entry("a", Some("A")),
                entry("b", Some("B")),
                entry("c", None),
            ],
        };
        let listing = Library {
            root: PathBuf::from("/"),
            entries: vec![
                entry("a", None),
                entry("b", None),
                entry("c", None),
                entry("d", None),
            ],
        };
        let changed = HashSet::from([PathBuf::from("b")]);
        let stale = library.refresh(listing, &changed);
        assert_eq!(stale, [PathBuf::from("b"), "c".into(), "d".into()]);
        assert_eq!(library.entries[0].title(), Some("A"));
        assert_eq!(library.entries[1].title(), None);
        assert_eq!(library.entries[1].label(), "b");
        library.set_summaries([
            (PathBuf::from("c"), EntrySummary::default()),
            (PathBuf::from("d"), EntrySummary::default()),
            (PathBuf::from("gone"), EntrySummary::default()),
        ]);
        assert_eq!(library.summarised(), 3);
    }

    #[test]
    fn cutting_keeps_whole_lines() {
        let mut text = "سطر أول\nسطر ثان طويل".to_owned();
        cut_at_line(&mut text, 20);
        assert_eq!(text, "سطر أول");
    }
}
