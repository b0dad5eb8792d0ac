//! Reading article files: decoding, splitting into sections, finding a title, and
//! listing a folder's articles.
//!
//! Never writes to an article file. Knows nothing of egui.

mod folder;
mod sections;

pub use folder::{Library, LibraryEntry, is_article_path, list_folder};
pub use sections::{infer_title, split_sections};

use std::path::Path;

use crate::model::Article;

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("could not read the file: {source}")]
    Io {
        /// What the operating system said.
        #[from]
        source: std::io::Error,
    },
    /// The file holds binary data, not text.
    #[error("this is not a text file")]
    NotText,
}

/// Decodes the bytes of an article file to text.
///
/// UTF-8, with or without a byte order mark. Invalid sequences become U+FFFD rather
/// than failing, so a damaged file can still be read. Binary data is refused.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(ImportError::NotText);
    }
    Ok(String::from_utf8_lossy(bytes).replace('\0', ""))
}

/// Text files do not hold runs of control bytes; executables, images and archives do.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > sample.len().max(1)
}

/// Reads and sections the article at `path`.
pub fn read_article(path: &Path) -> Result<Article, ImportError> {
    let bytes = std::fs::read(path)?;
    let text = decode(&bytes)?;
    Ok(parse_article(&text))
}

/// Splits decoded article text into a titled [`Article`].
pub fn parse_article(text: &str) -> Article {
    let parts = split_sections(text);
    let title = infer_title(&parts);
    Article::new(title, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_keeps_damaged_text() {
        assert_eq!(
            decode("\u{feff}سلام".as_bytes()).ok().as_deref(),
            Some("سلام")
        );
        let damaged = [b"ab".as_slice(), &[0xff], "ج".as_bytes()].concat();
        assert_eq!(decode(&damaged).ok().as_deref(), Some("ab\u{fffd}ج"));
    }

    #[test]
    fn binary_is_refused() {
        let png = [
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2, 3, 0,
        ];
        assert!(matches!(decode(&png), Err(ImportError::NotText)));
    }
}
