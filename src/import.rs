//! Reading article files: decoding, splitting into sections, finding a title, listing
//! a folder's articles and watching it for changes.
//!
//! Real folders are not clean, so nothing here trusts its input: any bytes give either
//! an article or an [`ImportError`] that says in plain words what is wrong, and an
//! article that needed repairs says which in its [`ImportNotice`]s. Text is normalised
//! to NFC for display and search; the file is never written to. Knows nothing of egui.
//!
//! Translation files beside an article (`NAME.LANG.txt`, TMX, XLIFF) are its
//! companions, never articles of their own: see [`translation`].
//!
//! Every section remembers where in the parsed text it came from (its
//! [`crate::model::SourceSpan`]), and an [`ArticleSource`] maps that back to the
//! file's own characters, for exports that quote the file.

mod decode;
mod folder;
mod library;
mod lines;
mod markdown;
mod sections;
mod source;
mod title;
pub mod translation;
mod watch;

pub use decode::{Decoded, DetectedEncoding, clean_mapped, decode, decode_verbatim};
pub use folder::{is_article_path, list_folder};
pub use library::{EntrySummary, Library, LibraryEntry, summarize};
pub use markdown::split_markdown;
pub use sections::{MAX_SECTION_BYTES, part_end, split_plain_text};
pub use source::ArticleSource;
pub use title::infer_title;
pub use watch::{FolderChange, FolderWatcher};

use std::fmt;
use std::path::Path;

use crate::files::FileError;
use crate::model::{Article, Block, FileSpelling, normalize, normalize_mapped};

/// Files larger than this are not opened unless the reader asks: articles are a few
/// kilobytes, and a 200 MB log file named `.txt` would take the app's memory with it.
pub const MAX_ARTICLE_BYTES: u64 = 20 * 1024 * 1024;

/// Why an article cannot be shown. The messages are shown in the library as they are.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file holds binary data, not text.
    #[error("not a text file (binary data)")]
    NotText,
    /// The file is larger than [`MAX_ARTICLE_BYTES`].
    #[error(
        "a very large file ({}, articles are usually a few KB); choose it to open it anyway",
        megabytes(*bytes)
    )]
    TooLarge {
        /// Its size.
        bytes: u64,
    },
    /// A pipe, a socket or a device: reading it could wait forever.
    #[error("not a regular file, so it is not read")]
    NotAFile,
    /// The file was deleted or moved, or is a link to nothing.
    #[error("the file is gone: it was deleted or moved, or it is a broken link")]
    Gone,
    /// The operating system refused to let us read it.
    #[error("the file cannot be read: permission denied")]
    PermissionDenied,
    /// Any other failure to read.
    #[error("the file cannot be read: {message}")]
    Unreadable {
        /// What the operating system said.
        message: String,
    },
}

impl From<FileError> for ImportError {
    fn from(error: FileError) -> Self {
        match error {
            FileError::Missing | FileError::BrokenLink => Self::Gone,
            FileError::NotAFile => Self::NotAFile,
            FileError::TooLarge { bytes, .. } => Self::TooLarge { bytes },
            FileError::PermissionDenied => Self::PermissionDenied,
            FileError::Unreadable { message } => Self::Unreadable { message },
        }
    }
}

impl From<std::io::Error> for ImportError {
    fn from(error: std::io::Error) -> Self {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::NotFound => Self::Gone,
            ErrorKind::PermissionDenied => Self::PermissionDenied,
            _ => Self::Unreadable {
                message: error.to_string(),
            },
        }
    }
}

/// Something the reader should know about an article that was shown anyway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportNotice {
    /// Bytes that were not valid text, now shown as `�`.
    InvalidBytes {
        /// How many sequences were replaced.
        count: usize,
    },
    /// NUL characters, removed.
    NulCharacters {
        /// How many.
        count: usize,
    },
    /// Lines too long to show as one section, cut into parts.
    LongLinesCut,
    /// The file is empty, or holds no text at all.
    Empty,
}

impl fmt::Display for ImportNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidBytes { count: 1 } => f.write_str("one damaged character, shown as �"),
            Self::InvalidBytes { count } => {
                write!(f, "{count} damaged characters, shown as �")
            }
            Self::NulCharacters { count } => {
                write!(f, "{count} NUL characters removed")
            }
            Self::LongLinesCut => f.write_str("very long lines are shown in several parts"),
            Self::Empty => f.write_str("the file has no text"),
        }
    }
}

/// `bytes` in megabytes, for messages.
fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// The two article formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleFormat {
    /// `.txt`: every non-empty line is a section.
    PlainText,
    /// `.md`: Markdown.
    Markdown,
}

impl ArticleFormat {
    /// The format of the file at `path`, by its extension.
    pub fn of(path: &Path) -> Self {
        let markdown = path.extension().is_some_and(|extension| {
            extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown")
        });
        if markdown {
            Self::Markdown
        } else {
            Self::PlainText
        }
    }
}

/// An article read from a file, with how it was read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedArticle {
    /// The article.
    pub article: Article,
    /// The encoding its file was read in.
    pub encoding: DetectedEncoding,
    /// What had to be repaired, in plain words.
    pub notices: Vec<ImportNotice>,
}

/// Reads and sections the article at `path`, refusing files over
/// [`MAX_ARTICLE_BYTES`].
pub fn read_article(path: &Path) -> Result<Article, ImportError> {
    import_file(path, Some(MAX_ARTICLE_BYTES)).map(|imported| imported.article)
}

/// Reads and sections the article at `path`; a file larger than `max_bytes` is
/// refused with [`ImportError::TooLarge`] (`None` reads any size).
pub fn import_file(path: &Path, max_bytes: Option<u64>) -> Result<ImportedArticle, ImportError> {
    let bytes = read_bytes(path, max_bytes, None)?.0;
    let decoded = decode(&bytes, true)?;
    Ok(import_decoded(decoded, ArticleFormat::of(path)))
}

/// Reads the file at `path`, at most `prefix` bytes of it if given. Returns the bytes
/// and whether they are the whole file. The one check every file read goes through:
/// see [`crate::files`].
pub(crate) fn read_bytes(
    path: &Path,
    max_bytes: Option<u64>,
    prefix: Option<usize>,
) -> Result<(Vec<u8>, bool), ImportError> {
    crate::files::read_checked(path, max_bytes, prefix).map_err(ImportError::from)
}

/// Sections decoded text in `format`, noting what had to be repaired.
pub fn import_decoded(decoded: Decoded, format: ArticleFormat) -> ImportedArticle {
    let mut notices = repair_notices(&decoded);
    let article = parse(&decoded.text, format);
    if article.sections.is_empty() {
        notices.push(ImportNotice::Empty);
    }
    ImportedArticle {
        article,
        encoding: decoded.encoding,
        notices,
    }
}

/// What decoding `decoded` had to repair, and whether it has lines too long to be one
/// section each.
pub(crate) fn repair_notices(decoded: &Decoded) -> Vec<ImportNotice> {
    let mut notices = Vec::new();
    if decoded.invalid_sequences > 0 {
        notices.push(ImportNotice::InvalidBytes {
            count: decoded.invalid_sequences,
        });
    }
    if decoded.nul_characters > 0 {
        notices.push(ImportNotice::NulCharacters {
            count: decoded.nul_characters,
        });
    }
    if decoded
        .text
        .lines()
        .any(|line| line.len() > MAX_SECTION_BYTES)
    {
        notices.push(ImportNotice::LongLinesCut);
    }
    notices
}

/// Splits decoded plain text into a titled [`Article`].
pub fn parse_article(text: &str) -> Article {
    parse(text, ArticleFormat::PlainText)
}

/// Splits decoded text in `format` into a titled [`Article`], in NFC.
pub fn parse(text: &str, format: ArticleFormat) -> Article {
    let normalized = normalize(text);
    let mut article = parse_normalized(&normalized, format);
    if let std::borrow::Cow::Owned(_) = normalized {
        // The file spells some words otherwise: what is copied must be its spelling.
        let (_, map) = normalize_mapped(text);
        article.spelling = FileSpelling::new(text, &map);
    }
    article
}

/// [`parse`] for text in NFC already.
fn parse_normalized(text: &str, format: ArticleFormat) -> Article {
    // Normalising can lengthen a title (Markdown removed between marks can make a run
    // of marks that needs a grapheme joiner), so the title is bounded after it.
    let title_of = |blocks: &[Block]| title::bounded(&normalize(&infer_title(blocks)));
    match format {
        ArticleFormat::PlainText => {
            // Lines of normalised text, cut at line ends and spaces, stay normalised.
            let blocks = split_plain_text(text);
            Article::from_normalized_blocks(title_of(&blocks), blocks)
        }
        ArticleFormat::Markdown => {
            // Removing Markdown can join what was apart: normalised again.
            let blocks = split_markdown(text);
            Article::from_blocks(title_of(&blocks), blocks)
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::SectionKind;

    /// The text of every sample article and translation in `assets/samples` (the
    /// seeds), in file-name order.
    pub(crate) fn seed_texts() -> Vec<String> {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let mut files: Vec<_> = std::fs::read_dir(samples)
            .expect("samples")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
            .collect();
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .map(|file| std::fs::read_to_string(file).expect("a seed is UTF-8"))
            .collect();
        assert!(texts.len() >= 5, "the seeds are there");
        texts
    }

    #[test]
    fn the_format_follows_the_extension() {
        assert_eq!(
            ArticleFormat::of(Path::new("a/b.md")),
            ArticleFormat::Markdown
        );
        assert_eq!(
            ArticleFormat::of(Path::new("a/b.MD")),
            ArticleFormat::Markdown
        );
        assert_eq!(
            ArticleFormat::of(Path::new("a/b.txt")),
            ArticleFormat::PlainText
        );
    }

    #[test]
    fn repairs_are_noticed() {
        let bytes = [b"\xef".as_slice(), "نص\0 عربي\nسطر ثان".as_bytes()].concat();
        let decoded = decode(&bytes, true).expect("text");
        let imported = import_decoded(decoded, ArticleFormat::PlainText);
        assert_eq!(
            imported.notices,
            [
                ImportNotice::InvalidBytes { count: 1 },
                ImportNotice::NulCharacters { count: 1 }
            ]
        );
        let empty = import_decoded(
            decode(b" \n\n", true).expect("text"),
            ArticleFormat::PlainText,
        );
        assert_eq!(empty.notices, [ImportNotice::Empty]);
        assert_eq!(
            ImportNotice::InvalidBytes { count: 3 }.to_string(),
            "3 damaged characters, shown as �"
        );
    }

    #[test]
    fn markdown_and_plain_text_differ_where_they_should() {
        let text = "فقرة أولى، مع فاصلة\nتتمة\n";
        assert_eq!(parse(text, ArticleFormat::PlainText).sections.len(), 2);
        let markdown = parse(text, ArticleFormat::Markdown);
        assert_eq!(markdown.sections.len(), 1);
        assert_eq!(markdown.sections[0].kind, SectionKind::Paragraph);
    }

    #[test]
    fn io_errors_become_plain_words() {
        let gone = ImportError::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(gone, ImportError::Gone);
        assert_eq!(
            ImportError::TooLarge {
                bytes: 35 * 1024 * 1024
            }
            .to_string(),
            "a very large file (35 MB, articles are usually a few KB); choose it to open it anyway"
        );
    }

    #[test]
    fn a_title_stays_bounded_when_normalising_lengthens_it() {
        // Removing the link's brackets joins the marks after it to the ones before:
        // normalising then adds grapheme joiners, after the title was first cut.
        let marks = "\u{651}".repeat(47);
        let basmala = "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ";
        let text = format!("[{basmala}](x){marks}{basmala}كلمة {marks}");
        for format in [ArticleFormat::PlainText, ArticleFormat::Markdown] {
            let article = parse(&normalize(&text), format);
            let length = article.title.chars().count();
            assert!(length <= title::TITLE_MAX_CHARS + 1, "{format:?}: {length}");
        }
    }
}
