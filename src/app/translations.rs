//! The translations of the open article in the app: the translation files read beside
//! it (or imported), the language shown, and the column resolved from them and from
//! the reader's own translations and alignment fixes; [`TranslationCommand`]s change
//! them. Drawing the column is `ui::translation`'s business.
//!
//! The reader's own translations are not kept here: they live in the article's
//! sidecar, with its notes, in [`ArticleNotes`] (so they are saved, backed up and
//! merged exactly as notes are). The caller hands them in ([`TranslationData`] to read,
//! the store to change), and the column is resolved again whenever the store's
//! [`ArticleNotes::translations_revision`] moves, so a change merged in from
//! elsewhere shows at once.
//!
//! A file's alignment is made only when the file, the article, the reader's fixes or
//! pins change (not when they type a translation or a note): row by row, and, for a
//! file that does not line up one to one, sentence by sentence on a thread of its own
//! (`sentence_column`), cached in the sidecar. Exports wait for it
//! ([`TranslationsOfArticle::all_columns`]); the window never does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::align::SentenceInput;
use crate::import::translation::{
    Companion, ImportedTranslation, TranslationError, find_companions, imported_companion,
    read_companion,
};
use crate::model::Article;
use crate::model::translation::{
    Alignment, AlignmentFix, AlignmentProblem, FileFixes, FilePins, TranslationColumn,
    TranslationData, TranslationFile, TranslationSource, align, resolve_column, same_language,
    segments_fingerprint,
};
use crate::store::ArticleNotes;
use crate::text::TextEditor;
use crate::ui::theme;
use crate::ui::translation::{EditingTranslation, TranslationCommand};

use super::sentence_column::SentenceColumns;

/// A translation file read (or not) for the open article.
#[derive(Clone, Debug)]
pub struct LoadedTranslation {
    /// Its file name, as cells name their source.
    pub name: String,
    /// Its translations, or why it cannot be used.
    pub result: Result<ImportedTranslation, TranslationError>,
}

/// Reads the translation files of the article at `article`: its companions, then the
/// files the reader imported for it. Runs on a background thread.
pub fn read_translations(article: &Path, imported: &[PathBuf]) -> Vec<LoadedTranslation> {
    let companions: Vec<(PathBuf, Result<ImportedTranslation, TranslationError>)> =
        find_companions(article)
            .iter()
            .map(|companion: &Companion| (companion.path.clone(), read_companion(companion)))
            .collect();
    let imports = imported.iter().filter_map(|path| {
        let companion = imported_companion(path)?;
        Some((path.clone(), read_companion(&companion)))
    });
    companions
        .into_iter()
        .chain(imports)
        .map(|(path, result)| LoadedTranslation {
            name: path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
            result,
        })
        .collect()
}

/// The language a reader writes in when nothing says another.
const DEFAULT_LANGUAGE: &str = "en";

/// Languages offered in the column's picker besides those there are translations in.
pub const OFFERED_LANGUAGES: [&str; 9] = ["en", "fr", "de", "es", "tr", "fa", "ur", "he", "ar"];

/// No translations of the reader's: what the column is resolved with while an
/// article's sidecar is not open.
pub static NO_TRANSLATIONS: TranslationData = TranslationData {
    reader: BTreeMap::new(),
    fixes: Vec::new(),
    machine: BTreeMap::new(),
    shown_language: None,
    pins: Vec::new(),
    sentence_cache: Vec::new(),
};

/// Milliseconds since 1970.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

/// The translations of the open article.
#[derive(Default)]
pub struct TranslationsOfArticle {
    /// The files read for it.
    pub files: Vec<LoadedTranslation>,
    /// The language shown, if any.
    pub language: Option<String>,
    /// The column for the language shown, resolved when something changed.
    pub(super) column: Option<TranslationColumn>,
    /// The file (and its alignment) filling the column.
    source_file: Option<(TranslationFile, Alignment)>,
    /// The cell being written.
    pub editing: Option<EditingTranslation>,
    /// Bumped at every change, so the column is resolved again.
    revision: u64,
    /// This revision and the reader's translations' revision when the column was
    /// last resolved.
    resolved_revision: Option<(u64, u64)>,
    /// Bumped when the files or the article change, or a sentence alignment arrives:
    /// what a file's alignment depends on besides the reader's fixes and pins.
    file_revision: u64,
    /// The alignment of the file shown, and what it was made from: kept so that what
    /// does not change it (typing a translation, a note) does not align again.
    file_alignment: Option<(FileKey, Alignment)>,
    /// Sentence alignments of companions that do not line up one to one.
    pub(super) sentences: SentenceColumns,
}

/// What a file's alignment was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileKey {
    revision: u64,
    file: String,
    language: String,
    fixes: Option<FileFixes>,
    pins: Option<FilePins>,
}

impl TranslationsOfArticle {
    /// The translations read in `files`, shown in `language` if it has one (else the
    /// first language there is, in the files or in the reader's `data`).
    pub fn new(
        files: Vec<LoadedTranslation>,
        language: Option<&str>,
        data: &TranslationData,
    ) -> Self {
        let mut this = Self {
            files,
            ..Self::default()
        };
        this.choose_language(language, data);
        this
    }

    /// Replaces the files (they changed on disk); the reader's `data` is kept apart.
    pub fn set_files(&mut self, files: Vec<LoadedTranslation>, data: &TranslationData) {
        self.files = files;
        let language = self.language.clone();
        self.choose_language(language.as_deref(), data);
        self.revision += 1;
        self.file_revision += 1;
    }

    /// How many times a file was aligned (row by row, or sentence by sentence) for
    /// this article: what typing must not make grow.
    pub fn alignment_runs(&self) -> usize {
        self.sentences.runs
    }

    /// Whether a sentence alignment is under way.
    pub fn is_aligning(&self) -> bool {
        self.sentences.is_aligning()
    }

    /// Takes the sentence alignment that finished, if one did: the column is resolved
    /// again with it, and it is cached in `store` (the article's sidecar) so it is not
    /// made again.
    pub fn receive_alignment(&mut self, store: Option<&mut ArticleNotes>) {
        let Some(finished) = self.sentences.receive() else {
            return;
        };
        if let (Some(finished), Some(store)) = (finished, store) {
            let input = &finished.input;
            store.edit_translations(Instant::now(), |data| {
                data.cache_sentences(&input.file, &input.language, &input.key, finished.encoded);
            });
        }
        self.file_revision += 1;
        self.revision += 1;
    }

    /// Waits up to `timeout` for a sentence alignment under way; whether none is left
    /// running.
    pub fn wait_for_alignment(&mut self, timeout: std::time::Duration) -> bool {
        self.sentences.wait(timeout)
    }

    /// The folder the article is in: its glossary helps the aligner.
    pub fn set_folder(&mut self, folder: Option<PathBuf>) {
        self.sentences.folder = folder;
    }

    /// The alignment of `file` with `article`: the one made last if nothing it depends
    /// on changed; else lined up row by row and, when that does not line up one to
    /// one, sentence by sentence (off the frame, unless `now`: exports and the command
    /// line wait for it).
    fn file_alignment(
        &mut self,
        article: &Article,
        file: &TranslationFile,
        data: &TranslationData,
        now: bool,
    ) -> Alignment {
        let fixes = data.fixes_for(&file.file, &file.language);
        let key = FileKey {
            revision: self.file_revision,
            file: file.file.clone(),
            language: file.language.clone(),
            fixes: fixes.cloned(),
            pins: data.pins_for(&file.file, &file.language).cloned(),
        };
        if let Some((made_from, alignment)) = &self.file_alignment
            && *made_from == key
            && !(now && alignment.problems.contains(&AlignmentProblem::Aligning))
        {
            return alignment.clone();
        }
        self.sentences.runs += 1;
        let row_by_row = align(article, file, fixes);
        let alignment = if row_by_row.needs_sentences() {
            let input = SentenceInput::new(article, file, data);
            let cached = input.cached_rows(data, &row_by_row.problems);
            if now {
                self.sentences.rows_now(&input, cached, row_by_row)
            } else {
                self.sentences.rows(&input, cached, row_by_row)
            }
        } else {
            row_by_row
        };
        self.file_alignment = Some((key, alignment.clone()));
        alignment
    }

    /// The languages the picker offers: those there are translations in (the files'
    /// and those in `data`), then the common ones.
    pub fn offered_languages(&self, data: &TranslationData) -> Vec<String> {
        let mut languages = self.languages(data);
        for language in OFFERED_LANGUAGES {
            if !languages.iter().any(|known| same_language(known, language)) {
                languages.push(language.to_owned());
            }
        }
        languages
    }

    /// Every language there is a translation in: the files' and the reader's (in
    /// `data`).
    pub fn languages(&self, data: &TranslationData) -> Vec<String> {
        let mut languages: Vec<String> = Vec::new();
        let files = self.translation_files().map(|file| file.language.clone());
        let written = data.languages().into_iter().map(str::to_owned);
        for language in files.chain(written) {
            if !languages
                .iter()
                .any(|known| same_language(known, &language))
            {
                languages.push(language);
            }
        }
        languages
    }

    /// The files that could not be read, with why.
    pub fn problems(&self) -> Vec<(&str, &TranslationError)> {
        self.files
            .iter()
            .filter_map(|file| Some((file.name.as_str(), file.result.as_ref().err()?)))
            .collect()
    }

    fn translation_files(&self) -> impl Iterator<Item = &TranslationFile> {
        self.files
            .iter()
            .filter_map(|file| file.result.as_ref().ok())
            .flat_map(|imported| imported.files.iter())
    }

    /// Shows `language` if there is a translation in it, else the first there is.
    fn choose_language(&mut self, language: Option<&str>, data: &TranslationData) {
        let languages = self.languages(data);
        self.language = language
            .and_then(|wanted| {
                languages
                    .iter()
                    .find(|known| same_language(known, wanted))
                    .cloned()
            })
            .or_else(|| language.filter(|_| languages.is_empty()).map(str::to_owned))
            .or_else(|| languages.first().cloned())
            // Nothing to go by: the reader writes in English until they pick another.
            .or_else(|| Some(DEFAULT_LANGUAGE.to_owned()));
        self.revision += 1;
    }

    /// Makes the next [`Self::resolve_if_changed`] resolve the column again: the
    /// article's text changed.
    pub fn article_changed(&mut self) {
        self.revision += 1;
        self.file_revision += 1;
    }

    /// Resolves the column for the language shown against `article` and the reader's
    /// `data` (whose revision is `data_revision`, see
    /// [`ArticleNotes::translations_revision`]), if anything changed since it last was.
    pub fn resolve_if_changed(
        &mut self,
        article: &Article,
        data: &TranslationData,
        data_revision: u64,
    ) {
        let revisions = (self.revision, data_revision);
        if self.resolved_revision != Some(revisions) {
            self.resolve(article, data);
            self.resolved_revision = Some(revisions);
        }
    }

    /// The column for the language shown, as last resolved.
    pub fn column(&self) -> Option<&TranslationColumn> {
        self.column.as_ref()
    }

    fn resolve(&mut self, article: &Article, data: &TranslationData) {
        let Some(language) = self.language.clone() else {
            self.column = None;
            self.source_file = None;
            return;
        };
        let file = self
            .translation_files()
            .find(|file| same_language(&file.language, &language))
            .cloned();
        self.source_file = file.map(|file| {
            let alignment = self.file_alignment(article, &file, data, false);
            (file, alignment)
        });
        let source = self
            .source_file
            .as_ref()
            .map(|(file, alignment)| (file, alignment));
        self.column = Some(resolve_column(article, &language, data, source));
    }

    /// A column for every language there is a translation in, the one shown first:
    /// for exports.
    /// A file that does not line up one to one is aligned sentence by sentence here
    /// and now (unless that was done or cached already), as an export needs it.
    pub fn all_columns(
        &mut self,
        article: &Article,
        data: &TranslationData,
    ) -> Vec<TranslationColumn> {
        let mut languages = self.languages(data);
        if let Some(shown) = &self.language {
            languages.retain(|language| !same_language(language, shown));
            languages.insert(0, shown.clone());
        }
        languages
            .iter()
            .map(|language| {
                let file = self
                    .translation_files()
                    .find(|file| same_language(&file.language, language))
                    .cloned();
                let aligned = file.map(|file| {
                    let alignment = self.file_alignment(article, &file, data, true);
                    (file, alignment)
                });
                let source = aligned.as_ref().map(|(file, alignment)| (file, alignment));
                resolve_column(article, language, data, source)
            })
            // A language with nothing in it (the one a reader would write in) is no
            // translation to export.
            .filter(|column| column.rows.iter().any(|row| row.cell.is_some()))
            .collect()
    }

    /// Applies `command` to the translations of `article` (the section texts the
    /// reader's translations are anchored to). What the reader writes and fixes goes to
    /// `store`, the article's sidecar, which saves it; without one (the sidecar is not
    /// open yet) it is not taken.
    pub fn apply(
        &mut self,
        article: &Article,
        command: TranslationCommand,
        store: Option<&mut ArticleNotes>,
    ) {
        let now = Instant::now();
        match command {
            TranslationCommand::ShowLanguage(language) => {
                let data = store
                    .as_deref()
                    .map_or(&NO_TRANSLATIONS, ArticleNotes::translations);
                self.choose_language(Some(&language), data);
                // Asked for by name, it is shown even with nothing in it yet (to write
                // in it, or to fill it by machine).
                if !self
                    .language
                    .as_deref()
                    .is_some_and(|shown| same_language(shown, &language))
                {
                    self.language = Some(language);
                }
            }
            TranslationCommand::Edit(row) => self.start_editing(article, row),
            TranslationCommand::SetText(row, text) => {
                let (Some(language), Some(section), Some(store)) =
                    (self.language.clone(), article.sections.get(row), store)
                else {
                    return;
                };
                let edited_from = self
                    .editing
                    .as_ref()
                    .filter(|editing| editing.row == row)
                    .and_then(|editing| editing.edited_from.clone());
                store.edit_translations(now, |data| {
                    data.set_reader_translation(
                        &language,
                        section.id,
                        &section.text,
                        &text,
                        edited_from,
                        now_ms(),
                    );
                });
            }
            TranslationCommand::FinishEditing => self.editing = None,
            TranslationCommand::KeepVersion(row, text) => {
                let key = self
                    .column
                    .as_ref()
                    .and_then(|column| column.rows.get(row))
                    .and_then(|row| row.reader_key);
                let (Some(language), Some(key), Some(store)) = (self.language.clone(), key, store)
                else {
                    return;
                };
                store.edit_translations(now, |data| {
                    data.resolve_conflict(&language, key, &text, now_ms());
                });
            }
            // Machine translation is the app's (`machine`), not the column's.
            TranslationCommand::MachineTranslate(_) => return,
            TranslationCommand::Fix(fix) => {
                let (Some((file, _)), Some(store)) = (&self.source_file, store) else {
                    return;
                };
                let fingerprint = segments_fingerprint(&file.segments);
                let (name, language) = (file.file.clone(), file.language.clone());
                store.edit_translations(now, |data| {
                    data.add_fix(&name, &language, &fingerprint, fix);
                });
            }
            TranslationCommand::UndoFix => {
                if let (Some((file, alignment)), Some(store)) = (&self.source_file, store) {
                    let (name, language) = (file.file.clone(), file.language.clone());
                    let by_sentence = alignment
                        .problems
                        .iter()
                        .any(|problem| matches!(problem, AlignmentProblem::SentenceAligned { .. }));
                    let pinned = store
                        .translations()
                        .pins_for(&name, &language)
                        .is_some_and(|pins| !pins.pins.is_empty());
                    if by_sentence && pinned {
                        store.edit_translations(now, |data| data.undo_pin(&name, &language));
                    } else {
                        store.edit_translations(now, |data| data.undo_fix(&name, &language));
                    }
                }
            }
            TranslationCommand::MoveSentence { .. } | TranslationCommand::PinSentence { .. } => {
                let (Some((file, _)), Some(store)) = (&self.source_file, store) else {
                    return;
                };
                let input = SentenceInput::new(article, file, store.translations());
                let pin = self
                    .sentences
                    .links_for(&input, store.translations())
                    .and_then(|links| match command {
                        TranslationCommand::PinSentence {
                            section,
                            sentence,
                            row,
                            offset,
                        } => input.sentence_pin(&links, section, sentence, row, offset),
                        TranslationCommand::MoveSentence { row, to_next } => {
                            input.move_pin(&links, row, to_next)
                        }
                        _ => None,
                    });
                let Some(pin) = pin else {
                    return;
                };
                let (name, language) = (file.file.clone(), file.language.clone());
                store.edit_translations(now, |data| {
                    data.add_pin(&name, &language, &input.lines_fingerprint, pin);
                });
            }
        }
        self.revision += 1;
    }

    fn start_editing(&mut self, article: &Article, row: usize) {
        if self.language.is_none() || row >= article.sections.len() {
            return;
        }
        let cell = self
            .column
            .as_ref()
            .and_then(|column| column.rows.get(row))
            .and_then(|row| row.cell.clone());
        let (text, edited_from) = match cell {
            // Too long for an editor, which lays its text out whole (see `long_text`).
            Some(cell) if crate::ui::long_text::is_long(&cell.text) => return,
            Some(cell) => {
                let from = (cell.source != TranslationSource::Reader).then_some(cell.source);
                (cell.text, from)
            }
            None => (String::new(), None),
        };
        self.editing = Some(EditingTranslation {
            row,
            editor: TextEditor::new(&text, theme::TRANSLATION),
            edited_from,
            focus_pending: true,
        });
    }

    /// The fix that splits the row being edited at its caret, if the row holds a
    /// file's text as the file has it.
    pub fn split_at_caret(&self) -> Option<AlignmentFix> {
        let editing = self.editing.as_ref()?;
        // A row fix names the file's rows: a file lined up sentence by sentence has
        // rows of its own, which its sentence moves change instead.
        let by_sentence = self.source_file.as_ref().is_some_and(|(_, alignment)| {
            alignment
                .problems
                .iter()
                .any(|problem| matches!(problem, AlignmentProblem::SentenceAligned { .. }))
        });
        if by_sentence {
            return None;
        }
        let column = self.column.as_ref()?;
        let file_text = column
            .rows
            .get(editing.row)?
            .file_text
            .clone()
            .or_else(|| {
                let cell = column.rows.get(editing.row)?.cell.as_ref()?;
                matches!(cell.source, TranslationSource::File { .. }).then(|| cell.text.clone())
            })?;
        let text = editing.editor.text();
        let caret = editing.editor.cursor();
        (text == file_text).then(|| AlignmentFix::Split {
            row: editing.row,
            at_char: text[..caret.min(text.len())].chars().count(),
        })
    }
}
