//! Translation files the reader imported for an article from elsewhere (the window's
//! Translate ▸ Import, remembered with the reading state): they are not beside the
//! article, so finding companions by name misses them, yet the reader reads them in
//! the translation column and must find them in the folder search too.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::import::translation::{Companion, imported_companion};

/// The imported translation files of each article, by the article's path as the
/// file system resolves it (the app and a command line may name it differently).
#[derive(Clone, Debug, Default)]
pub struct ImportedTranslations {
    by_article: HashMap<PathBuf, Vec<Companion>>,
}

impl ImportedTranslations {
    /// From the reading state's map of article → imported files.
    pub fn new(imported: &BTreeMap<PathBuf, Vec<PathBuf>>) -> Self {
        let by_article = imported
            .iter()
            .map(|(article, files)| {
                let companions = files
                    .iter()
                    .filter_map(|file| imported_companion(file))
                    .collect();
                (resolved(article), companions)
            })
            .collect();
        Self { by_article }
    }

    /// Whether no article has any.
    pub fn is_empty(&self) -> bool {
        self.by_article.is_empty()
    }

    /// The files imported for the article at `article`.
    pub fn of(&self, article: &Path) -> Vec<Companion> {
        if self.is_empty() {
            return Vec::new();
        }
        self.by_article
            .get(&resolved(article))
            .cloned()
            .unwrap_or_default()
    }
}

/// `path` as the file system resolves it, or as given when it cannot.
fn resolved(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}
