//! How the article's file spells what NFC spelled otherwise, so that what the reader
//! copies is the file's own text.
//!
//! Sections are kept in NFC (see [`super::normalize`]): a file typed with the shadda
//! before its vowel mark, or with decomposed letters, is shown the same as one typed
//! the canonical way. What is copied out of the reading view must not be that form but
//! the file's: a reader who pastes a sentence into a search of the original, or into a
//! diff, must find it. Only the stretches NFC changed are kept (with [`TextMap`]'s
//! cuts: a handful of letters each), with the file's spelling of each; everywhere else
//! the section's text is the file's.

use std::ops::Range;

use super::section::Section;
use super::text_map::TextMap;

/// The file's spelling of every stretch NFC changed; see the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSpelling {
    /// Bytes of the NFC text the article was parsed from, and the file's text for
    /// them; in order, not overlapping.
    changed: Vec<(Range<usize>, String)>,
}

impl FileSpelling {
    /// The spelling of `original` (the file's text) that `map` (from its NFC form
    /// back to it) records.
    pub fn new(original: &str, map: &TextMap) -> Self {
        let changed = map
            .changes()
            .iter()
            .filter_map(|(file, nfc)| Some((nfc.clone(), original.get(file.clone())?.to_owned())))
            .collect();
        Self { changed }
    }

    /// True when the file was in NFC already: sections are the file's text.
    pub fn is_identity(&self) -> bool {
        self.changed.is_empty()
    }

    /// The bytes `range` of `section`'s text as the file has them. Where a selection
    /// ends inside a stretch the file spells otherwise, the whole stretch is given:
    /// marks in another order cannot be cut where NFC's order puts them.
    pub fn section_text(&self, section: &Section, range: Range<usize>) -> String {
        let text = &section.text;
        let range = range.start.min(text.len())..range.end.min(text.len());
        let Some(shown) = text.get(range.clone()) else {
            return String::new();
        };
        if self.is_identity() || range.is_empty() {
            return shown.to_owned();
        }
        // The parts of the section's text that are byte copies of the parsed text,
        // with where they start there.
        let copies: Vec<(Range<usize>, usize)> = if section.source.pieces.is_empty() {
            vec![(0..text.len(), section.source.range.start)]
        } else {
            section
                .source
                .pieces
                .iter()
                .filter(|piece| piece.verbatim)
                .map(|piece| (piece.text.clone(), piece.source.start))
                .collect()
        };
        let mut out = String::with_capacity(shown.len());
        let mut at = range.start;
        for (piece, source_start) in copies {
            let start = piece.start.max(range.start).max(at);
            let end = piece.end.min(range.end);
            if start >= end {
                continue;
            }
            // What the parser wrote (a list's number, a soft break) is as shown.
            out.push_str(text.get(at..start).unwrap_or_default());
            let nfc = source_start + (start - piece.start)..source_start + (end - piece.start);
            self.push_spelled(&mut out, text, start, nfc);
            at = end;
        }
        out.push_str(text.get(at..range.end).unwrap_or_default());
        out
    }

    /// Pushes the section text's bytes from `start`, which are a copy of the parsed
    /// bytes `nfc`, as the file spells them.
    fn push_spelled(&self, out: &mut String, text: &str, start: usize, nfc: Range<usize>) {
        let shown = |from: usize, to: usize| {
            text.get(start + (from - nfc.start)..start + (to - nfc.start))
                .unwrap_or_default()
        };
        let first = self
            .changed
            .partition_point(|(changed, _)| changed.end <= nfc.start);
        let mut at = nfc.start;
        for (changed, file_text) in &self.changed[first..] {
            if changed.start >= nfc.end {
                break;
            }
            out.push_str(shown(at, changed.start.max(at)));
            out.push_str(file_text);
            at = changed.end.min(nfc.end).max(at);
        }
        out.push_str(shown(at, nfc.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block, SectionKind, SourceSpan, normalize_mapped};

    /// An article of one plain-text line parsed from `file`, with its spelling.
    fn article(file: &str) -> (Article, FileSpelling) {
        let (nfc, map) = normalize_mapped(file);
        let block = Block {
            kind: SectionKind::Paragraph,
            text: nfc.clone(),
            emphasis: Vec::new(),
            source: SourceSpan::verbatim(0..nfc.len()),
        };
        let article = Article::from_normalized_blocks(String::new(), vec![block]);
        (article, FileSpelling::new(file, &map))
    }

    #[test]
    fn marks_come_back_in_the_file_s_order() {
        // Shadda before fatha: NFC puts the fatha first.
        let file = "\u{628}\u{651}\u{64e}ـ الل\u{651}\u{64e}ه أكبر";
        let (article, spelling) = article(file);
        let section = &article.sections[0];
        assert_ne!(section.text, file, "shown in NFC");
        assert_eq!(spelling.section_text(section, 0..section.text.len()), file);
        // A word in the middle.
        let word = "الل\u{64e}\u{651}ه";
        let at = section.text.find(word).expect("NFC word");
        assert_eq!(
            spelling.section_text(section, at..at + word.len()),
            "الل\u{651}\u{64e}ه"
        );
        // Plain words around it stay as they are.
        let plain = section.text.find("أكبر").expect("word");
        assert_eq!(
            spelling.section_text(section, plain..section.text.len()),
            "أكبر"
        );
    }

    #[test]
    fn a_decomposed_letter_comes_back_decomposed() {
        let file = "cafe\u{301} noir";
        let (article, spelling) = article(file);
        let section = &article.sections[0];
        assert_eq!(section.text, "café noir");
        assert_eq!(spelling.section_text(section, 0..section.text.len()), file);
    }

    #[test]
    fn a_file_in_nfc_is_copied_as_shown() {
        let (article, spelling) = article("نص عادي");
        assert!(spelling.is_identity());
        let section = &article.sections[0];
        assert_eq!(spelling.section_text(section, 2..7), &section.text[2..7]);
    }
}
