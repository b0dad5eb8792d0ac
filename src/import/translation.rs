//! Reading translation files: finding an article's companions, and reading aligned
//! text, TMX and XLIFF into [`TranslationFile`]s for [`crate::model::translation`] to
//! align.
//!
//! The same distrust as for articles: any bytes give either translations or a
//! [`TranslationError`], never a panic, and a file is never written to. Bytes are
//! decoded by [`super::decode`] (BOM, UTF-16, legacy Arabic code pages); a file with
//! bytes that are not valid in its encoding is refused as damaged rather than shown
//! with replacement characters, since a translation shown wrongly beside the article
//! is worse than none. XML is parsed by quick-xml without ever resolving an external
//! entity (see `xml.rs`). Files over [`MAX_TRANSLATION_BYTES`] are not read.
//!
//! One file per format: `discover.rs` (which files are companions), `aligned.rs`,
//! `tmx.rs`, `xliff.rs`, `xml.rs` (the safe XML walk both XML formats share) and
//! `languages.rs` (their translations grouped by language).

mod aligned;
mod discover;
mod languages;
mod tmx;
mod xliff;
mod xml;

pub use discover::{Companion, companions_among, find_companions, is_companion_of};
pub(crate) use discover::{
    article_stem, candidates as candidates_of, index as companion_index, looks_like_language,
};
pub use languages::MAX_LANGUAGES;

use std::path::Path;

use super::{ArticleFormat, DetectedEncoding, ImportError, decode, read_bytes};
use crate::model::normalize;
use crate::model::translation::{TranslationFile, TranslationFormat};

/// Translation files larger than this are not read. A TMX of a 10,000-section
/// article in two languages is about 5 MB; anything much larger is not a companion.
pub const MAX_TRANSLATION_BYTES: u64 = 32 * 1024 * 1024;

/// Why a translation file cannot be used. Short, lower-case, without UI wording: the
/// app puts it into words for the column header and the library.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TranslationError {
    /// The file could not be read (gone, permission denied, not a regular file).
    #[error("{0}")]
    Read(ImportError),
    /// The file is larger than [`MAX_TRANSLATION_BYTES`].
    #[error("too large to be a translation file ({} MB)", bytes / (1024 * 1024))]
    TooLarge {
        /// Its size.
        bytes: u64,
    },
    /// Binary data, not text.
    #[error("not a text file (binary data)")]
    NotText,
    /// Bytes that are not valid in the file's encoding.
    #[error("damaged: {count} invalid byte sequences")]
    Damaged {
        /// How many sequences were invalid.
        count: usize,
    },
    /// Nothing in it.
    #[error("the file is empty")]
    Empty,
    /// XML that is not well-formed.
    #[error("not well-formed XML: {message}")]
    Malformed {
        /// What the parser said, and where.
        message: String,
    },
    /// The file ended with an element still open.
    #[error("not well-formed XML: <{element}> is never closed")]
    Unclosed {
        /// The outermost element left open.
        element: String,
    },
    /// A document type declaration that declares entities (refused: it is how
    /// entity-expansion bombs and external entities are made).
    #[error("the file declares XML entities, which are not read")]
    EntityDeclarations,
    /// A reference to an entity that is not one of XML's own.
    #[error("the file refers to an undefined XML entity &{name};")]
    UndefinedEntity {
        /// The entity's name.
        name: String,
    },
    /// Well-formed XML, but not the format its name says.
    #[error("not a {expected} file")]
    NotFormat {
        /// `TMX` or `XLIFF`.
        expected: &'static str,
    },
    /// Units, but none with a translation.
    #[error("the file has no translated segments")]
    NoTranslations,
    /// A language attribute that is not a BCP 47 tag.
    #[error("the file names a language that is not a language tag: {tag}")]
    NotALanguage {
        /// The attribute's value, quoted as a message shows it (hidden characters
        /// written as code points, cut if long).
        tag: String,
    },
    /// More target languages than any translation file has (see [`MAX_LANGUAGES`]).
    #[error("the file names more than {max} target languages, more than any translation file has")]
    TooManyLanguages {
        /// The most a file may have.
        max: usize,
    },
    /// The target language is named neither in the file nor in its name.
    #[error("the file does not say which language it is in")]
    NoLanguage,
}

impl From<ImportError> for TranslationError {
    fn from(error: ImportError) -> Self {
        match error {
            ImportError::NotText => Self::NotText,
            ImportError::TooLarge { bytes } => Self::TooLarge { bytes },
            other => Self::Read(other),
        }
    }
}

/// A translation file read: its translations (one per target language) and encoding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedTranslation {
    /// The translations, in the order their languages appear in the file.
    pub files: Vec<TranslationFile>,
    /// The encoding the file was read in.
    pub encoding: DetectedEncoding,
}

/// What the library knows of a companion once it has read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanionSummary {
    /// The companion.
    pub companion: Companion,
    /// Its languages, with how many segments each has; empty when it cannot be read.
    pub languages: Vec<(String, usize)>,
    /// Why it cannot be used, if it cannot.
    pub error: Option<TranslationError>,
}

/// The format of a translation file at `path`, by its extension (`.txt`/`.md` are
/// aligned files).
pub fn format_of(path: &Path) -> Option<TranslationFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "md" | "markdown" => Some(TranslationFormat::Aligned),
        "tmx" => Some(TranslationFormat::Tmx),
        "xlf" | "xliff" => Some(TranslationFormat::Xliff),
        _ => None,
    }
}

/// A translation file kept elsewhere that the reader imported for an article, as a
/// companion: its format from its extension, its language from its name
/// (`book.en.tmx`) if it gives one. `None` when it is no translation file.
pub fn imported_companion(path: &Path) -> Option<Companion> {
    let format = format_of(path)?;
    let language = path
        .file_stem()
        .and_then(|stem| Path::new(stem).extension())
        .and_then(|language| language.to_str())
        // As for companions: a name part that is not a language tag is no language.
        .filter(|language| crate::model::language_tag(language).is_some())
        .map(str::to_owned);
    Some(Companion {
        path: path.to_owned(),
        format,
        language,
    })
}

/// Reads a companion found beside an article.
pub fn read_companion(companion: &Companion) -> Result<ImportedTranslation, TranslationError> {
    read_translation(
        &companion.path,
        companion.format,
        companion.language.as_deref(),
    )
}

/// Reads the translation file at `path` in `format`; `language` is the target
/// language when the file does not say (an aligned file never does). For File ▸
/// Import translation… as for companions.
pub fn read_translation(
    path: &Path,
    format: TranslationFormat,
    language: Option<&str>,
) -> Result<ImportedTranslation, TranslationError> {
    let bytes = read_bytes(path, Some(MAX_TRANSLATION_BYTES), None)?.0;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_translation(&bytes, format, ArticleFormat::of(path), &name, language)
}

/// Reads translation-file `bytes` named `file_name`. `text_format` is how an aligned
/// file is sectioned (plain text or Markdown); `language` as for [`read_translation`].
pub fn parse_translation(
    bytes: &[u8],
    format: TranslationFormat,
    text_format: ArticleFormat,
    file_name: &str,
    language: Option<&str>,
) -> Result<ImportedTranslation, TranslationError> {
    if bytes.len() as u64 > MAX_TRANSLATION_BYTES {
        return Err(TranslationError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let decoded = decode(bytes, true)?;
    if decoded.invalid_sequences > 0 {
        return Err(TranslationError::Damaged {
            count: decoded.invalid_sequences,
        });
    }
    if decoded.text.trim().is_empty() {
        return Err(TranslationError::Empty);
    }
    let files = match format {
        TranslationFormat::Aligned => {
            let language = language.ok_or(TranslationError::NoLanguage)?;
            vec![aligned::parse_aligned(
                &decoded.text,
                text_format,
                file_name,
                language,
            )?]
        }
        TranslationFormat::Tmx => tmx::parse(&decoded.text, file_name)?,
        TranslationFormat::Xliff => xliff::parse(&decoded.text, file_name, language)?,
    };
    Ok(ImportedTranslation {
        files,
        encoding: decoded.encoding,
    })
}

/// Reads each companion to learn its languages and problems: what the library shows
/// beside an article. Reads whole files, so it belongs on a background thread.
pub fn summarize_companions(companions: &[Companion]) -> Vec<CompanionSummary> {
    companions
        .iter()
        .map(|companion| match read_companion(companion) {
            Ok(imported) => CompanionSummary {
                companion: companion.clone(),
                languages: imported
                    .files
                    .iter()
                    .map(|file| (file.language.clone(), file.segments.len()))
                    .collect(),
                error: None,
            },
            Err(error) => CompanionSummary {
                companion: companion.clone(),
                languages: Vec::new(),
                error: Some(error),
            },
        })
        .collect()
}

/// A segment's source text: runs of spaces, tabs and line ends become one space (a
/// segment is one section, on one line), trimmed. Not normalised here: alignment
/// compares it as it is first and normalises only what does not match, which spares
/// most files a second pass over every source character.
pub(super) fn clean_source(text: &str) -> String {
    collapse_spaces(text)
}

/// A segment's translation as it is shown: like [`clean_source`], and in NFC like the
/// article.
pub(super) fn clean_segment(text: &str) -> String {
    let clean = collapse_spaces(text);
    match normalize(&clean) {
        std::borrow::Cow::Borrowed(_) => clean,
        std::borrow::Cow::Owned(normalized) => normalized,
    }
}

fn collapse_spaces(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.trim().chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_space = true;
            continue;
        }
        if in_space {
            clean.push(' ');
            in_space = false;
        }
        clean.push(c);
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_one_clean_line() {
        assert_eq!(clean_segment("  a \n\t b  "), "a b");
        assert_eq!(clean_segment("Cafe\u{301}"), "Café");
    }

    #[test]
    fn bad_bytes_are_typed_errors() {
        let parse = |bytes: &[u8], format| {
            parse_translation(
                bytes,
                format,
                ArticleFormat::PlainText,
                "a.en.txt",
                Some("en"),
            )
        };
        assert_eq!(
            parse(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", TranslationFormat::Tmx),
            Err(TranslationError::NotText)
        );
        assert_eq!(
            parse(b"", TranslationFormat::Aligned),
            Err(TranslationError::Empty)
        );
        assert_eq!(
            parse(
                &[
                    "ترجمة ".as_bytes(),
                    &[0xff],
                    " تالفة ".as_bytes(),
                    &[0xc3, 0x28],
                    " وأكثرها سليم".as_bytes()
                ]
                .concat(),
                TranslationFormat::Aligned
            ),
            Err(TranslationError::Damaged { count: 2 })
        );
        // A legacy code page is not damage: it is read.
        let cp1256 = encoding_rs::WINDOWS_1256
            .encode("ترجمة إلى العربية من ملف قديم\nسطر ثان من الترجمة العربية")
            .0;
        let imported = parse(&cp1256, TranslationFormat::Aligned).expect("reads");
        assert_eq!(imported.files[0].segments.len(), 2);
        assert!(!imported.encoding.is_utf8());
        assert_eq!(
            parse(b"Text", TranslationFormat::Aligned).map(|i| i.files[0].language.clone()),
            Ok("en".to_owned())
        );
        assert_eq!(
            parse_translation(
                b"Text",
                TranslationFormat::Aligned,
                ArticleFormat::PlainText,
                "x.txt",
                None
            ),
            Err(TranslationError::NoLanguage)
        );
    }

    #[test]
    fn formats_follow_extensions() {
        assert_eq!(
            format_of(Path::new("a.en.TXT")),
            Some(TranslationFormat::Aligned)
        );
        assert_eq!(format_of(Path::new("a.tmx")), Some(TranslationFormat::Tmx));
        assert_eq!(
            format_of(Path::new("a.fa.xliff")),
            Some(TranslationFormat::Xliff)
        );
        assert_eq!(format_of(Path::new("a.po")), None);
    }
}
