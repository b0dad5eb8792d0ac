//! Exports as background jobs: everything an export needs is copied out of the app's
//! state into an [`ExportJob`], which reads the article's file and writes the result
//! atomically away from the UI thread. The command line (`hamish export`) runs the
//! same jobs.
//!
//! An export reads the article's file again, as it is on disk now, and quotes that:
//! the article in the app may have been read before the file last changed.

use std::path::{Path, PathBuf};

use crate::export::{ExportFormat, NotAFile, OwnedFile, TargetRefusal, file_uri};
use crate::import::translation::TranslationError;
use crate::import::{ArticleFormat, ArticleSource, ImportError, read_bytes};
use crate::model::translation::{TranslationColumn, TranslationData};
use crate::model::{Article, Notes, guess_language};
use crate::store::{SidecarContents, encode_contents};

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The article's file is needed (its text is quoted) and cannot be read.
    #[error("the article's file cannot be read now ({0}), so nothing was exported")]
    ArticleUnreadable(ImportError),
    /// The article's notes (its sidecar) cannot be read.
    #[error("the article's notes cannot be read ({0}), so nothing was exported")]
    NotesUnreadable(crate::store::LoadError),
    /// The notes could not be turned into text.
    #[error("the notes could not be written out ({0})")]
    Encoding(String),
    /// The target is refused, or could not be written.
    #[error("{}", target_words(.0))]
    Target(TargetRefusal),
    /// A bilingual export of an article with no translation.
    #[error("the article has no translation to export")]
    NoTranslation,
}

/// Why `refusal` kept an export from its target, in words (the target's path
/// follows them).
pub fn refusal_words(refusal: &TargetRefusal) -> String {
    target_words(refusal)
}

/// Why `refusal` kept an export from its target, in words for the window and the
/// command line alike (the target's path follows them).
fn target_words(refusal: &TargetRefusal) -> String {
    let owned = |what: &str| {
        format!(
            "this file is {what}, and an export never replaces the reader's files: choose another name"
        )
    };
    match refusal {
        TargetRefusal::Owned(OwnedFile::Article) => owned("an article"),
        TargetRefusal::Owned(OwnedFile::Companion) => owned("a translation file of an article"),
        TargetRefusal::Owned(OwnedFile::Sidecar) => owned("an article's notes file"),
        TargetRefusal::Owned(OwnedFile::Backup) => owned("a backup of an article's notes"),
        TargetRefusal::NotAFile(NotAFile::Folder) => {
            "this is a folder: an export is written to a file, so give a file name".to_owned()
        }
        TargetRefusal::NotAFile(NotAFile::Special) => {
            "this is a device, a pipe or a socket, not a regular file, so nothing was written to it".to_owned()
        }
        TargetRefusal::NotAFile(NotAFile::BrokenLink) => {
            "this is a link to a file that does not exist, so nothing was written through it".to_owned()
        }
        TargetRefusal::Changed => {
            "this file was replaced while the export was written by one that must not be overwritten; it was left as it is".to_owned()
        }
        TargetRefusal::Unreadable(error) => format!("this file cannot be looked at ({error})"),
        TargetRefusal::Write(error) => format!("this file could not be written ({error})"),
    }
}

/// The language the article is written in, from its script (Arabic when it has no
/// letters at all, as Hamish's articles are).
pub fn source_language(article: &Article) -> String {
    let sample: String = article
        .sections
        .iter()
        .take(20)
        .map(|section| section.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    guess_language(&sample).unwrap_or("ar").to_owned()
}

/// The sentence pairs of every row of `columns` that has a translation a person made
/// (the reader's, or a file's; machine output is no translation memory): each
/// section's sentences aligned with its translation's, as the reading view links
/// them ([`crate::align::RowLinks`]).
pub fn sentence_pairs(
    article: &Article,
    columns: &[TranslationColumn],
) -> Vec<crate::export::SentencePair> {
    use crate::model::translation::TranslationSource;
    let mut pairs = Vec::new();
    for column in columns {
        for (section, row) in article.sections.iter().zip(&column.rows) {
            let Some(cell) = &row.cell else { continue };
            let origin = match &cell.source {
                TranslationSource::Reader => "reader".to_owned(),
                TranslationSource::File { file } => format!("file:{file}"),
                TranslationSource::Machine { .. } => continue,
            };
            let links = crate::align::RowLinks::new(&section.text, &cell.text);
            for (number, (source, target)) in links.pairs().into_iter().enumerate() {
                pairs.push(crate::export::SentencePair {
                    tuid: format!("{}-{number}", section.id),
                    source: section.text[source].to_owned(),
                    language: column.language.clone(),
                    origin: origin.clone(),
                    target: cell.text[target].to_owned(),
                });
            }
        }
    }
    pairs
}

/// One export, with a copy of everything it needs.
#[derive(Debug)]
pub struct ExportJob {
    /// What to write.
    pub format: ExportFormat,
    /// The article's file.
    pub article_path: PathBuf,
    /// Its notes, deleted ones included.
    pub notes: Notes,
    /// Its translation columns, the one shown first (for the bilingual formats).
    pub translations: Vec<TranslationColumn>,
    /// The reader's own translations (as the sidecar keeps them), for a copy of the
    /// sidecar.
    pub reader_translations: TranslationData,
    /// Where to write.
    pub target: PathBuf,
    /// The translation files beside the article that were left out, by file name,
    /// with why (too large, not a regular file, not decodable…): the command line
    /// names them, the window shows them on the translation column already.
    pub unusable_translations: Vec<(String, TranslationError)>,
}

impl ExportJob {
    /// The export of the notes of the article file at `article_path`, read from its
    /// sidecar (read only: nothing is written beside the article), to `target` (only
    /// [`Self::run`] writes there). This is what `hamish export` runs.
    pub fn for_article_file(
        format: ExportFormat,
        article_path: PathBuf,
        target: PathBuf,
    ) -> Result<Self, ExportError> {
        // The article must be there even for a format that does not quote it.
        std::fs::metadata(&article_path)
            .map_err(|error| ExportError::ArticleUnreadable(error.into()))?;
        let contents = crate::store::load_contents(&crate::store::sidecar_path(&article_path))
            .map_err(ExportError::NotesUnreadable)?;
        let (notes, reader_translations) = (contents.notes, contents.translations);
        let mut unusable_translations = Vec::new();
        let translations = if format.is_bilingual() {
            let bytes = read_bytes(&article_path, None, None)
                .map_err(ExportError::ArticleUnreadable)?
                .0;
            let source = ArticleSource::from_bytes(&bytes, ArticleFormat::of(&article_path))
                .map_err(ExportError::ArticleUnreadable)?;
            let files = super::translations::read_translations(&article_path, &[]);
            let mut of_article =
                super::translations::TranslationsOfArticle::new(files, None, &reader_translations);
            of_article.set_folder(article_path.parent().map(Path::to_path_buf));
            unusable_translations = of_article
                .problems()
                .into_iter()
                .map(|(name, error)| (name.to_owned(), error.clone()))
                .collect();
            of_article.all_columns(&source.article, &reader_translations)
        } else {
            Vec::new()
        };
        Ok(Self {
            format,
            article_path,
            notes,
            translations,
            reader_translations,
            target,
            unusable_translations,
        })
    }

    /// Builds the export and writes it to the target, unless the target is one of
    /// the reader's files or not a file at all (see [`crate::export::check_target`]).
    pub fn run(self) -> Result<(), ExportError> {
        // Refused before the work of building it, and checked again as it is written.
        crate::export::check_target(&self.target, &self.article_path)
            .map_err(ExportError::Target)?;
        let contents = self.contents()?;
        crate::export::write_export(&self.target, &self.article_path, contents.as_bytes())
            .map_err(ExportError::Target)
    }

    /// The export's text.
    pub fn contents(&self) -> Result<String, ExportError> {
        let name = self
            .article_path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let notes = &self.notes;
        Ok(match self.format {
            ExportFormat::Markdown => crate::export::markdown(&self.read_source()?, notes),
            ExportFormat::Json => crate::export::json(&name, &self.read_source()?, notes),
            ExportFormat::WebAnnotation => {
                let path = std::path::absolute(&self.article_path)
                    .unwrap_or_else(|_| self.article_path.clone());
                crate::export::web_annotations(&file_uri(&path), &self.read_source()?, notes)
            }
            ExportFormat::Sidecar => {
                let contents = SidecarContents {
                    notes: notes.clone(),
                    translations: self.reader_translations.clone(),
                };
                encode_contents(&name, &contents)
                    .map_err(|error| ExportError::Encoding(error.to_string()))?
            }
            ExportFormat::BilingualMarkdown => {
                let column = self.shown_translation()?;
                crate::export::bilingual_markdown(&self.read_source()?.article, column, notes)
            }
            ExportFormat::BilingualHtml => {
                let column = self.shown_translation()?;
                let article = self.read_source()?.article;
                let language = source_language(&article);
                crate::export::bilingual_html(&article, &language, column, notes)
            }
            ExportFormat::Tmx => {
                self.shown_translation()?;
                let article = self.read_source()?.article;
                let columns: Vec<&TranslationColumn> = self.translations.iter().collect();
                crate::export::tmx(&article, &source_language(&article), &columns)
            }
            ExportFormat::TmxSentences => {
                self.shown_translation()?;
                let article = self.read_source()?.article;
                let pairs = sentence_pairs(&article, &self.translations);
                crate::export::tmx_sentences(&source_language(&article), &pairs)
            }
        })
    }

    /// The translation shown, for the bilingual formats.
    fn shown_translation(&self) -> Result<&TranslationColumn, ExportError> {
        self.translations.first().ok_or(ExportError::NoTranslation)
    }

    /// The article as its file is now, with the way back to the file's text.
    fn read_source(&self) -> Result<ArticleSource, ExportError> {
        let bytes = read_bytes(&self.article_path, None, None)
            .map_err(ExportError::ArticleUnreadable)?
            .0;
        ArticleSource::from_bytes(&bytes, ArticleFormat::of(&self.article_path))
            .map_err(ExportError::ArticleUnreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Article, Note, NoteId, SectionKind};

    fn job(folder: &std::path::Path, format: ExportFormat) -> ExportJob {
        let article = Article::new(
            "عنوان".into(),
            [(SectionKind::Paragraph, "قال رسول الله ﷺ".to_owned())],
        );
        let text = article.sections[0].text.clone();
        let note = Note {
            text: "ملاحظة".to_owned(),
            ..Note::new(Anchor::span(article.sections[0].id, &text, 0..6), 1)
        };
        ExportJob {
            format,
            article_path: folder.join("001.txt"),
            notes: [(NoteId::new(1, 1), note)].into_iter().collect(),
            translations: Vec::new(),
            reader_translations: TranslationData::default(),
            target: folder.join("out.jsonld"),
            unusable_translations: Vec::new(),
        }
    }

    #[test]
    fn an_export_needing_a_vanished_article_says_so_and_writes_nothing() {
        let folder = tempfile::tempdir().expect("folder");
        let job = job(folder.path(), ExportFormat::WebAnnotation);
        let target = job.target.clone();
        let error = job.run().expect_err("the article's file is gone");
        assert!(
            matches!(error, ExportError::ArticleUnreadable(ImportError::Gone)),
            "{error:?}"
        );
        assert!(!target.exists(), "no empty export was written");
    }

    #[test]
    fn an_export_reads_the_article_file_and_writes_the_target() {
        let folder = tempfile::tempdir().expect("folder");
        std::fs::write(folder.path().join("001.txt"), "قال رسول الله ﷺ\n").expect("write");
        let job = job(folder.path(), ExportFormat::WebAnnotation);
        let target = job.target.clone();
        job.run().expect("written");
        let written = std::fs::read_to_string(target).expect("read");
        assert!(written.contains("TextPositionSelector"), "{written}");
        assert!(written.contains("ملاحظة"));
    }
}
