//! Exports as background jobs: everything an export needs is copied out of the app's
//! state into an [`ExportJob`], which reads what it needs of the article's file and
//! writes the result atomically away from the UI thread.

use std::path::PathBuf;

use crate::export::ExportFormat;
use crate::import::{ImportError, decode, read_bytes};
use crate::model::translation::{TranslationColumn, TranslationData};
use crate::model::{Article, Notes, guess_language};
use crate::store::{SidecarContents, encode_contents, write_atomic};

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The article's file is needed (for character positions) and cannot be read.
    #[error("the article's file cannot be read now ({0}), so nothing was exported")]
    ArticleUnreadable(ImportError),
    /// The notes could not be turned into text.
    #[error("the notes could not be written out ({0})")]
    Encoding(String),
    /// The file could not be written.
    #[error("this file could not be written ({0})")]
    Write(std::io::Error),
    /// A bilingual export of an article with no translation.
    #[error("the article has no translation to export")]
    NoTranslation,
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

/// One export, with a copy of everything it needs.
#[derive(Debug)]
pub struct ExportJob {
    /// What to write.
    pub format: ExportFormat,
    /// The article's file.
    pub article_path: PathBuf,
    /// The article as read.
    pub article: Article,
    /// Its notes, deleted ones included.
    pub notes: Notes,
    /// Its translation columns, the one shown first.
    pub translations: Vec<TranslationColumn>,
    /// The reader's own translations (as the sidecar keeps them), for a copy of the
    /// sidecar.
    pub reader_translations: TranslationData,
    /// Where to write.
    pub target: PathBuf,
}

impl ExportJob {
    /// Builds the export and writes it to the target.
    pub fn run(self) -> Result<(), ExportError> {
        let contents = self.contents()?;
        write_atomic(&self.target, contents.as_bytes()).map_err(ExportError::Write)
    }

    /// The export's text.
    pub fn contents(&self) -> Result<String, ExportError> {
        let name = self
            .article_path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (article, notes) = (&self.article, &self.notes);
        Ok(match self.format {
            ExportFormat::Markdown => crate::export::markdown(article, notes),
            ExportFormat::Json => crate::export::json(&name, article, notes),
            ExportFormat::WebAnnotation => {
                // Positions count the characters of the file as it is now.
                let bytes = read_bytes(&self.article_path, None, None)
                    .map_err(ExportError::ArticleUnreadable)?
                    .0;
                let source_text = decode(&bytes, true)
                    .map_err(ExportError::ArticleUnreadable)?
                    .text;
                let uri = format!("file://{}", self.article_path.display());
                crate::export::web_annotations(&uri, &source_text, article, notes)
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
                let column = self
                    .translations
                    .first()
                    .ok_or(ExportError::NoTranslation)?;
                crate::export::bilingual_markdown(article, column, notes)
            }
            ExportFormat::BilingualHtml => {
                let column = self
                    .translations
                    .first()
                    .ok_or(ExportError::NoTranslation)?;
                crate::export::bilingual_html(article, &source_language(article), column, notes)
            }
            ExportFormat::Tmx => {
                if self.translations.is_empty() {
                    return Err(ExportError::NoTranslation);
                }
                let columns: Vec<&TranslationColumn> = self.translations.iter().collect();
                crate::export::tmx(article, &source_language(article), &columns)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Note, NoteId, SectionKind};

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
            article,
            notes: [(NoteId::new(1, 1), note)].into_iter().collect(),
            translations: Vec::new(),
            reader_translations: TranslationData::default(),
            target: folder.join("out.jsonld"),
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
