//! The reader's glossary for a folder: source terms and the translations they want
//! for them, in a plain file beside the articles, `glossary.tsv`:
//!
//! ```text
//! # Lines starting with # are comments; blank lines are skipped.
//! الأمم المتحدة<TAB>the United Nations
//! مجلس الأمن<TAB>the Security Council
//! ```
//!
//! (`<TAB>` stands for a tab character.) One term a line: the source term, a TAB, the
//! target term. A line without a TAB, with more than one, or with an empty side is
//! reported with its number and skipped, never fatal (and the report names only the
//! first few, with a count of the rest).
//!
//! The file is checked before it is opened, as articles are: a pipe, a device or a
//! folder named `glossary.tsv` is never read, nor a file over [`MAX_GLOSSARY_BYTES`].
//! It is read as UTF-8 (a byte-order mark is skipped), strictly: bytes that are not
//! UTF-8 make the whole file an error naming their line, never replacement
//! characters in the reader's terms.
//!
//! Chat engines are given the glossary in their prompt ([`Glossary::relevant`]); after
//! any engine, [`Glossary::missed`] lists the terms found in a section whose
//! translation does not use the reader's target term, and the row is flagged. Source
//! terms are matched folded (diacritics, tatweel and letter variants do not count, see
//! [`crate::model::fold`]); target terms without regard to case.

use std::path::{Path, PathBuf};

use crate::import::ImportError;
use crate::model::fold::fold_str;

/// The file name of a folder's glossary.
pub const GLOSSARY_FILE: &str = "glossary.tsv";

/// Glossaries larger than this are not read: a glossary of 100,000 terms is a few
/// megabytes, and the whole file is held in memory.
pub const MAX_GLOSSARY_BYTES: u64 = 16 * 1024 * 1024;

/// How many skipped lines a report names; the rest are counted.
const BAD_LINES_NAMED: usize = 5;

/// Why a folder's glossary cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GlossaryError {
    /// The file cannot be read (not a regular file, permission denied, gone).
    #[error("{0}")]
    Read(ImportError),
    /// The file is larger than [`MAX_GLOSSARY_BYTES`].
    #[error("too large for a glossary ({} MB)", bytes / (1024 * 1024))]
    TooLarge {
        /// Its size.
        bytes: u64,
    },
    /// Bytes that are not UTF-8.
    #[error("not UTF-8 text: line {line} holds bytes that are not")]
    NotUtf8 {
        /// The line they are on, from 1.
        line: usize,
    },
}

impl From<ImportError> for GlossaryError {
    fn from(error: ImportError) -> Self {
        match error {
            ImportError::TooLarge { bytes } => Self::TooLarge { bytes },
            other => Self::Read(other),
        }
    }
}

/// One term of the glossary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The term in the article's language.
    pub source: String,
    /// The translation the reader wants for it.
    pub target: String,
    /// The source term folded, as it is matched.
    folded: String,
}

/// A line of the glossary file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    /// Its number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub why: &'static str,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.why)
    }
}

/// A folder's glossary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The terms, in the file's order.
    pub entries: Vec<GlossaryEntry>,
    /// The lines that were skipped.
    pub bad_lines: Vec<BadLine>,
}

impl Glossary {
    /// Reads the glossary in `text`.
    pub fn parse(text: &str) -> Self {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut glossary = Self::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let why = match fields.as_slice() {
                [source, target] if !source.trim().is_empty() && !target.trim().is_empty() => {
                    glossary.entries.push(GlossaryEntry {
                        source: source.trim().to_owned(),
                        target: target.trim().to_owned(),
                        folded: fold_str(source.trim()),
                    });
                    continue;
                }
                [_] => "no TAB between the term and its translation",
                [_, _] => "a term or its translation is empty",
                _ => "more than one TAB: a line holds one term and one translation",
            };
            glossary.bad_lines.push(BadLine {
                line: index + 1,
                why,
            });
        }
        glossary
    }

    /// Reads the glossary of `folder`, if it has one: `Ok(None)` when there is no
    /// file, an error when it cannot be read or is not UTF-8 (see the module docs).
    pub fn read_folder(folder: &Path) -> Result<Option<Self>, GlossaryError> {
        let path = glossary_path(folder);
        // No name at all is no glossary; a link to nothing is one that is gone.
        if std::fs::symlink_metadata(&path)
            .is_err_and(|error| error.kind() == std::io::ErrorKind::NotFound)
        {
            return Ok(None);
        }
        let bytes = crate::import::read_bytes(&path, Some(MAX_GLOSSARY_BYTES), None)?.0;
        Self::from_bytes(&bytes).map(Some)
    }

    /// Reads the glossary in the file bytes `bytes`, which must be UTF-8.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, GlossaryError> {
        let text = std::str::from_utf8(bytes).map_err(|error| GlossaryError::NotUtf8 {
            line: bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count()
                + 1,
        })?;
        Ok(Self::parse(text))
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The terms that occur in `source_text`: what a chat engine is told about.
    pub fn relevant(&self, source_text: &str) -> Vec<&GlossaryEntry> {
        let folded = fold_str(source_text);
        self.entries
            .iter()
            .filter(|entry| !entry.folded.is_empty() && folded.contains(&entry.folded))
            .collect()
    }

    /// The source terms of `source_text` whose target term is not in `translation`.
    pub fn missed(&self, source_text: &str, translation: &str) -> Vec<String> {
        let translation = translation.to_lowercase();
        self.relevant(source_text)
            .into_iter()
            .filter(|entry| !translation.contains(&entry.target.to_lowercase()))
            .map(|entry| entry.source.clone())
            .collect()
    }

    /// What the reader is told about lines that were skipped, if any: the first few,
    /// and how many more (a file of a million bad lines is one short message).
    pub fn problems(&self) -> Option<String> {
        if self.bad_lines.is_empty() {
            return None;
        }
        let lines: Vec<String> = self
            .bad_lines
            .iter()
            .take(BAD_LINES_NAMED)
            .map(ToString::to_string)
            .collect();
        let mut message = format!("{GLOSSARY_FILE}: skipped {}", lines.join("; "));
        match self.bad_lines.len().saturating_sub(BAD_LINES_NAMED) {
            0 => {}
            1 => message.push_str("; and 1 more line"),
            more => message.push_str(&format!("; and {more} more lines")),
        }
        Some(message)
    }
}

/// Where the glossary of `folder` is.
pub fn glossary_path(folder: &Path) -> PathBuf {
    folder.join(GLOSSARY_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\u{FEFF}# A glossary\n\
        الأمم المتحدة\tthe United Nations\r\n\
        \n\
        no tab here\n\
        مجلس الأمن\tthe Security Council\n\
        \tempty source\n\
        a\tb\tc\n";

    #[test]
    fn terms_are_read_and_bad_lines_reported_not_fatal() {
        let glossary = Glossary::parse(FILE);
        assert_eq!(glossary.entries.len(), 2);
        assert_eq!(glossary.entries[0].source, "الأمم المتحدة");
        assert_eq!(glossary.entries[0].target, "the United Nations");
        let bad: Vec<usize> = glossary.bad_lines.iter().map(|bad| bad.line).collect();
        assert_eq!(bad, [4, 6, 7]);
        let problems = glossary.problems().expect("reported");
        assert!(problems.contains("line 4: no TAB"), "{problems}");
    }

    #[test]
    fn terms_are_found_folded_and_checked_without_case() {
        let glossary = Glossary::parse(FILE);
        // With diacritics and tatweel, the term is still found.
        let source = "اجتمع مجلسُ الأمـن اليوم";
        let relevant = glossary.relevant(source);
        assert_eq!(relevant.len(), 1);
        assert_eq!(relevant[0].target, "the Security Council");
        assert!(
            glossary
                .missed(source, "THE SECURITY COUNCIL met today")
                .is_empty()
        );
        assert_eq!(
            glossary.missed(source, "The council met today"),
            ["مجلس الأمن"]
        );
        assert!(glossary.missed("نص آخر", "anything").is_empty());
    }

    #[test]
    fn a_glossary_that_is_not_utf8_is_an_error_naming_its_line() {
        let folder = tempfile::tempdir().expect("folder");
        let bytes = [
            "الأمم المتحدة\tthe United Nations\n# comment\n".as_bytes(),
            b"bad \xff term\tx\n",
        ]
        .concat();
        std::fs::write(glossary_path(folder.path()), &bytes).expect("write");
        assert_eq!(
            Glossary::read_folder(folder.path()),
            Err(GlossaryError::NotUtf8 { line: 3 })
        );
        assert_eq!(
            GlossaryError::NotUtf8 { line: 3 }.to_string(),
            "not UTF-8 text: line 3 holds bytes that are not"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_folder_named_glossary_is_never_read() {
        let folder = tempfile::tempdir().expect("folder");
        let path = glossary_path(folder.path());
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        // Opening a pipe with no writer would wait forever: it must be refused unread.
        assert_eq!(
            Glossary::read_folder(folder.path()),
            Err(GlossaryError::Read(ImportError::NotAFile))
        );
        std::fs::remove_file(&path).expect("remove");
        std::fs::create_dir(&path).expect("a folder");
        assert_eq!(
            Glossary::read_folder(folder.path()),
            Err(GlossaryError::Read(ImportError::NotAFile))
        );
    }

    #[test]
    fn a_huge_glossary_is_not_read() {
        let folder = tempfile::tempdir().expect("folder");
        let file = std::fs::File::create(glossary_path(folder.path())).expect("create");
        file.set_len(MAX_GLOSSARY_BYTES + 1).expect("grow");
        assert_eq!(
            Glossary::read_folder(folder.path()),
            Err(GlossaryError::TooLarge {
                bytes: MAX_GLOSSARY_BYTES + 1
            })
        );
    }

    #[test]
    fn a_report_of_many_bad_lines_stays_short() {
        let text = "no tab\n".repeat(1_000_000);
        let glossary = Glossary::parse(&text);
        assert_eq!(glossary.bad_lines.len(), 1_000_000);
        let problems = glossary.problems().expect("reported");
        assert!(problems.len() < 400, "{} bytes", problems.len());
        assert!(problems.contains("line 1: no TAB"), "{problems}");
        assert!(problems.ends_with("and 999995 more lines"), "{problems}");
    }

    #[test]
    fn a_missing_file_is_no_glossary() {
        let folder = tempfile::tempdir().expect("folder");
        assert_eq!(Glossary::read_folder(folder.path()).expect("read"), None);
        std::fs::write(glossary_path(folder.path()), "a\tb\n").expect("write");
        let glossary = Glossary::read_folder(folder.path())
            .expect("read")
            .expect("some");
        assert_eq!(glossary.entries.len(), 1);
    }
}
