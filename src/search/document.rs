//! What of an article is searched: its sections, its translations (files beside it
//! and the reader's own, resolved into columns exactly as the translation column
//! shows them) and its notes (text and tags), each tied to a section.
//!
//! Read only: nothing is written, and a sidecar that cannot be read leaves the article
//! searchable without its notes and reader's translations. Notes and the reader's
//! translations whose section is gone (orphans) are kept, and searched: they come
//! last, as the notes list shows them.

use std::path::Path;

use crate::import::translation::{Companion, find_companions, read_companion};
use crate::import::{ImportError, MAX_ARTICLE_BYTES, import_file};
use crate::model::translation::{
    TranslationColumn, TranslationData, TranslationFile, align, resolve_column, same_language,
};
use crate::model::{Article, Notes, Placer, normalize};
use crate::store::{load_contents, sidecar_path};

/// What a piece of searched text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A section of the article.
    Article,
    /// A translation of a section.
    Translation,
    /// A note on a section: its text and tags.
    Note,
    /// A note, or a translation of the reader's, whose section is gone (an orphan,
    /// listed with the notes): kept, so found too. Its `section` is the article's
    /// last, where it is listed.
    Orphan,
}

impl Kind {
    /// The name `hamish search --json` gives it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Translation => "translation",
            Self::Note => "note",
            Self::Orphan => "orphan",
        }
    }
}

/// One searched text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The section it belongs to, from 0.
    pub section: usize,
    /// What it is.
    pub kind: Kind,
    /// A translation's language.
    pub language: Option<String>,
    /// The text, in NFC, as it is shown.
    pub text: String,
}

/// Everything searched in one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Searchable {
    /// The article's title.
    pub title: String,
    /// Its texts, in reading order: a section, then its translations, then its notes.
    pub entries: Vec<Entry>,
}

/// Reads the article at `path` with its translations and notes.
pub fn read_searchable(path: &Path) -> Result<Searchable, ImportError> {
    read_searchable_with(path, &find_companions(path))
}

/// Reads the article at `path` with its translation files `companions` (found
/// already: a folder's are found at once when it is indexed) and its notes.
pub fn read_searchable_with(
    path: &Path,
    companions: &[Companion],
) -> Result<Searchable, ImportError> {
    let article = import_file(path, Some(MAX_ARTICLE_BYTES))?.article;
    // A sidecar that cannot be read: the article is still searched.
    let contents = load_contents(&sidecar_path(path)).unwrap_or_default();
    let files: Vec<TranslationFile> = companions
        .iter()
        .filter_map(|companion| read_companion(companion).ok())
        .flat_map(|imported| imported.files)
        .collect();
    Ok(searchable(
        &article,
        &files,
        &contents.translations,
        &contents.notes,
    ))
}

/// The searched texts of `article`, with its translation `files`, the reader's
/// translation `data` and `notes`.
pub fn searchable(
    article: &Article,
    files: &[TranslationFile],
    data: &TranslationData,
    notes: &Notes,
) -> Searchable {
    let mut languages: Vec<&str> = Vec::new();
    for language in files
        .iter()
        .map(|file| file.language.as_str())
        .chain(data.languages())
    {
        if !languages.iter().any(|known| same_language(known, language)) {
            languages.push(language);
        }
    }
    let columns: Vec<_> = languages
        .iter()
        .map(|language| {
            let file = files
                .iter()
                .find(|file| same_language(&file.language, language));
            let aligned = file.map(|file| {
                (
                    file,
                    align(article, file, data.fixes_for(&file.file, language)),
                )
            });
            let source = aligned.as_ref().map(|(file, alignment)| (*file, alignment));
            resolve_column(article, language, data, source)
        })
        .collect();
    let columns: Vec<&TranslationColumn> = columns.iter().collect();
    with_columns(article, &columns, notes)
}

/// The searched texts of `article` with its translation `columns` (as resolved
/// already: the open article's, in the app) and `notes`.
pub fn with_columns(
    article: &Article,
    columns: &[&TranslationColumn],
    notes: &Notes,
) -> Searchable {
    let mut notes_by_section: Vec<Vec<String>> = vec![Vec::new(); article.sections.len()];
    let mut orphans: Vec<(Option<String>, String)> = Vec::new();
    let placer = Placer::new(article);
    for note in notes.values().filter(|note| !note.deleted) {
        let section = placer.place(&note.anchor).section_index();
        let mut text = note.text.trim().to_owned();
        for tag in &note.tags {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push('#');
            text.push_str(tag);
        }
        if text.is_empty() {
            continue;
        }
        let text = normalize(&text).into_owned();
        match section.and_then(|section| notes_by_section.get_mut(section)) {
            Some(list) => list.push(text),
            None => orphans.push((None, text)),
        }
    }
    for column in columns {
        let language = Some(column.language.clone());
        orphans.extend(
            column
                .orphans
                .iter()
                .filter(|(_, entry)| !entry.deleted && !entry.text.trim().is_empty())
                .map(|(_, entry)| (language.clone(), normalize(&entry.text).into_owned())),
        );
    }
    let mut entries = Vec::new();
    for (index, section) in article.sections.iter().enumerate() {
        entries.push(Entry {
            section: index,
            kind: Kind::Article,
            language: None,
            text: section.text.clone(),
        });
        for column in columns {
            if let Some(text) = column.text(index).filter(|text| !text.trim().is_empty()) {
                entries.push(Entry {
                    section: index,
                    kind: Kind::Translation,
                    language: Some(column.language.clone()),
                    text: text.to_owned(),
                });
            }
        }
        for text in std::mem::take(&mut notes_by_section[index]) {
            entries.push(Entry {
                section: index,
                kind: Kind::Note,
                language: None,
                text,
            });
        }
    }
    let last = article.sections.len().saturating_sub(1);
    entries.extend(orphans.into_iter().map(|(language, text)| Entry {
        section: last,
        kind: Kind::Orphan,
        language,
        text,
    }));
    Searchable {
        title: article.title.clone(),
        entries,
    }
}
