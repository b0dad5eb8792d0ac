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
//! reported with its number and skipped, never fatal. The file is read as UTF-8 (a byte-order mark is skipped).
//!
//! Chat engines are given the glossary in their prompt ([`Glossary::relevant`]); after
//! any engine, [`Glossary::missed`] lists the terms found in a section whose
//! translation does not use the reader's target term, and the row is flagged. Source
//! terms are matched folded (diacritics, tatweel and letter variants do not count, see
//! [`crate::model::fold`]); target terms without regard to case.

use std::path::{Path, PathBuf};

use crate::model::fold::fold_str;

/// The file name of a folder's glossary.
pub const GLOSSARY_FILE: &str = "glossary.tsv";

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
    /// file, an error when it cannot be read.
    pub fn read_folder(folder: &Path) -> Result<Option<Self>, std::io::Error> {
        let path = glossary_path(folder);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(Self::parse(&String::from_utf8_lossy(&bytes)))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
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

    /// What the reader is told about lines that were skipped, if any.
    pub fn problems(&self) -> Option<String> {
        if self.bad_lines.is_empty() {
            return None;
        }
        let lines: Vec<String> = self.bad_lines.iter().map(ToString::to_string).collect();
        Some(format!("{GLOSSARY_FILE}: skipped {}", lines.join("; ")))
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
