//! The reader's fixes to a file's alignment, as pure operations on its column.
//!
//! A column is the file's cells in row order (`None` for an empty row), possibly
//! longer than the article (left-over cells after the last row). A fix names rows by
//! their index in the column as it was when the fix was made, and the fixes of a file
//! are applied in the order they were made, on top of the file's own alignment every
//! time it is read: the file is never changed, so the fixes are what the sidecar
//! keeps. They were made on particular segments, so they are applied only while the
//! file still has those (see [`FileFixes::fingerprint`]); a file that changed has its
//! fixes kept but not applied, and the reader is told.
//!
//! No fix loses text: shifting up only removes an empty row, merging joins two texts,
//! splitting cuts one in two.

mod rows;

use serde::{Deserialize, Serialize};

use self::rows::Rows;
use super::Segment;
use super::align::{FileCell, MatchKind};

/// One fix to a file's alignment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum AlignmentFix {
    /// The translations from `row` on move down one row; `row` is left empty.
    ShiftDown {
        /// The first row that moves.
        row: usize,
    },
    /// The translations from `row` on move up one row, into the empty row above.
    ShiftUp {
        /// The first row that moves; the row above it must be empty.
        row: usize,
    },
    /// The translation of `row` and the next one become one (joined with a space);
    /// the rows after move up one.
    Merge {
        /// The first of the two rows.
        row: usize,
    },
    /// The translation of `row` is cut in two at a character offset; the second part
    /// goes to the next row, and the rows after move down one.
    Split {
        /// The row cut.
        row: usize,
        /// Where, in characters from the start of its text (the caret).
        at_char: usize,
    },
}

/// Why a fix cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    /// The row named is past the end of the column.
    #[error("there is no row {row}")]
    NoSuchRow {
        /// The row.
        row: usize,
    },
    /// Shifting up would overwrite the translation in the row above.
    #[error("the row above row {row} is not empty")]
    RowAboveNotEmpty {
        /// The row.
        row: usize,
    },
    /// A split at the very start or end, or of an empty row, would change nothing.
    #[error("nothing to split at character {at_char} of row {row}")]
    NothingToSplit {
        /// The row.
        row: usize,
        /// The offset.
        at_char: usize,
    },
}

/// The fixes the reader made to one translation file's alignment.
///
/// Persisted in the sidecar (see [`super::TranslationData`]); every field has a
/// default so older and newer files load.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileFixes {
    /// The file's name, as in [`super::TranslationFile::file`].
    pub file: String,
    /// The language of the translations fixed (a TMX file has several).
    pub language: String,
    /// [`segments_fingerprint`] of the segments the fixes were made on.
    pub fingerprint: String,
    /// The fixes, in the order they were made.
    pub fixes: Vec<AlignmentFix>,
}

/// A fingerprint of a file's segments (their sources and targets, in order): 64-bit
/// FNV-1a in hex, stable across platforms and versions.
pub fn segments_fingerprint(segments: &[Segment]) -> String {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET_BASIS;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for segment in segments {
        feed(segment.source.as_deref().unwrap_or("\u{0}").as_bytes());
        feed(&[0xff]);
        feed(segment.target.as_bytes());
        feed(&[0xfe]);
    }
    format!("{hash:016x}")
}

/// Applies `fix` to `column`, or says why it cannot be and leaves it as it was.
pub fn apply_fix(column: &mut Vec<Option<FileCell>>, fix: &AlignmentFix) -> Result<(), FixError> {
    let mut rows = Rows::from_vec(std::mem::take(column));
    let applied = apply_to_rows(&mut rows, fix);
    *column = rows.into_vec();
    applied
}

/// [`apply_fix`] on the rows in chunks, so that many fixes cost near-linear time.
fn apply_to_rows(column: &mut Rows<Option<FileCell>>, fix: &AlignmentFix) -> Result<(), FixError> {
    match *fix {
        AlignmentFix::ShiftDown { row } => {
            if !column.insert(row, None) {
                return Err(FixError::NoSuchRow { row });
            }
        }
        AlignmentFix::ShiftUp { row } => {
            if row == 0 || row > column.len() {
                return Err(FixError::NoSuchRow { row });
            }
            if column.get(row - 1).is_some_and(Option::is_some) {
                return Err(FixError::RowAboveNotEmpty { row });
            }
            column.remove(row - 1);
        }
        AlignmentFix::Merge { row } => {
            // A fix read from a sidecar can name any row, even `usize::MAX`.
            if row.saturating_add(1) >= column.len() {
                return Err(FixError::NoSuchRow {
                    row: row.saturating_add(1),
                });
            }
            let next = column.remove(row + 1).flatten();
            let Some(slot) = column.get_mut(row) else {
                return Err(FixError::NoSuchRow { row });
            };
            let joined = match (slot.take(), next) {
                (Some(first), Some(second)) => Some(join(&first.text, &second.text)),
                (Some(only), None) | (None, Some(only)) => Some(only.text),
                (None, None) => None,
            };
            *slot = joined.map(|text| FileCell {
                text,
                how: MatchKind::Fixed,
            });
        }
        AlignmentFix::Split { row, at_char } => {
            let Some(slot) = column.get_mut(row) else {
                return Err(FixError::NoSuchRow { row });
            };
            let text = slot.as_ref().map_or("", |cell| cell.text.as_str());
            let byte = text
                .char_indices()
                .nth(at_char)
                .map(|(byte, _)| byte)
                .filter(|&byte| byte > 0)
                .ok_or(FixError::NothingToSplit { row, at_char })?;
            let (first, second) = text.split_at(byte);
            let (first, second) = (first.trim_end().to_owned(), second.trim_start().to_owned());
            if first.is_empty() || second.is_empty() {
                return Err(FixError::NothingToSplit { row, at_char });
            }
            let cell = |text| {
                Some(FileCell {
                    text,
                    how: MatchKind::Fixed,
                })
            };
            *slot = cell(first);
            column.insert(row + 1, cell(second));
        }
    }
    Ok(())
}

/// Applies `fixes` in order; a fix that cannot be applied is skipped. Returns how many
/// were skipped. Near-linear in the fixes and the rows, whatever the fixes.
pub fn apply_fixes(column: &mut Vec<Option<FileCell>>, fixes: &[AlignmentFix]) -> usize {
    let mut rows = Rows::from_vec(std::mem::take(column));
    let failed = fixes
        .iter()
        .filter(|fix| apply_to_rows(&mut rows, fix).is_err())
        .count();
    *column = rows.into_vec();
    failed
}

fn join(first: &str, second: &str) -> String {
    let (first, second) = (first.trim_end(), second.trim_start());
    if first.is_empty() || second.is_empty() {
        return format!("{first}{second}");
    }
    format!("{first} {second}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(texts: &[Option<&str>]) -> Vec<Option<FileCell>> {
        texts
            .iter()
            .map(|text| {
                text.map(|text| FileCell {
                    text: text.to_owned(),
                    how: MatchKind::Position,
                })
            })
            .collect()
    }

    fn texts(column: &[Option<FileCell>]) -> Vec<Option<&str>> {
        column
            .iter()
            .map(|cell| cell.as_ref().map(|cell| cell.text.as_str()))
            .collect()
    }

    #[test]
    fn shifting_down_and_up_undo_each_other() {
        let mut c = column(&[Some("a"), Some("b"), Some("c")]);
        apply_fix(&mut c, &AlignmentFix::ShiftDown { row: 1 }).expect("applies");
        assert_eq!(texts(&c), [Some("a"), None, Some("b"), Some("c")]);
        apply_fix(&mut c, &AlignmentFix::ShiftUp { row: 2 }).expect("applies");
        assert_eq!(texts(&c), [Some("a"), Some("b"), Some("c")]);
    }

    #[test]
    fn fixes_naming_rows_that_are_not_there_change_nothing() {
        let mut c = column(&[Some("a"), Some("b")]);
        for fix in [
            AlignmentFix::ShiftDown { row: usize::MAX },
            AlignmentFix::ShiftUp { row: usize::MAX },
            AlignmentFix::Merge { row: usize::MAX },
            AlignmentFix::Merge { row: 1 },
            AlignmentFix::Split {
                row: usize::MAX,
                at_char: usize::MAX,
            },
        ] {
            assert!(apply_fix(&mut c, &fix).is_err(), "{fix:?}");
        }
        assert_eq!(texts(&c), [Some("a"), Some("b")]);
    }

    #[test]
    fn shifting_up_never_overwrites() {
        let mut c = column(&[Some("a"), Some("b")]);
        assert_eq!(
            apply_fix(&mut c, &AlignmentFix::ShiftUp { row: 1 }),
            Err(FixError::RowAboveNotEmpty { row: 1 })
        );
        assert_eq!(
            apply_fix(&mut c, &AlignmentFix::ShiftUp { row: 0 }),
            Err(FixError::NoSuchRow { row: 0 })
        );
        assert_eq!(texts(&c), [Some("a"), Some("b")]);
    }

    #[test]
    fn merging_and_splitting_undo_each_other() {
        let mut c = column(&[Some("One."), Some("Two."), Some("Three.")]);
        apply_fix(&mut c, &AlignmentFix::Merge { row: 0 }).expect("applies");
        assert_eq!(texts(&c), [Some("One. Two."), Some("Three.")]);
        apply_fix(&mut c, &AlignmentFix::Split { row: 0, at_char: 4 }).expect("applies");
        assert_eq!(texts(&c), [Some("One."), Some("Two."), Some("Three.")]);
        assert_eq!(c[0].as_ref().map(|cell| cell.how), Some(MatchKind::Fixed));
    }

    #[test]
    fn splitting_counts_characters_not_bytes() {
        let mut c = column(&[Some("سلام عليكم")]);
        apply_fix(&mut c, &AlignmentFix::Split { row: 0, at_char: 5 }).expect("applies");
        assert_eq!(texts(&c), [Some("سلام"), Some("عليكم")]);
        for at_char in [0, 4, 100] {
            let mut c = column(&[Some("سلام ")]);
            assert!(apply_fix(&mut c, &AlignmentFix::Split { row: 0, at_char }).is_err());
        }
    }

    #[test]
    fn fixes_serialize_as_tagged_objects() {
        let fixes = vec![
            AlignmentFix::ShiftDown { row: 3 },
            AlignmentFix::Split {
                row: 1,
                at_char: 12,
            },
        ];
        let json = serde_json::to_string(&fixes).expect("json");
        assert_eq!(
            json,
            r#"[{"op":"shift_down","row":3},{"op":"split","row":1,"at_char":12}]"#
        );
        let back: Vec<AlignmentFix> = serde_json::from_str(&json).expect("back");
        assert_eq!(back, fixes);
    }

    #[test]
    fn the_fingerprint_follows_the_segments() {
        let a = [Segment {
            source: None,
            target: "a".into(),
        }];
        let b = [Segment {
            source: Some(String::new()),
            target: "a".into(),
        }];
        assert_eq!(segments_fingerprint(&a), segments_fingerprint(&a.clone()));
        assert_ne!(segments_fingerprint(&a), segments_fingerprint(&b));
        assert_eq!(segments_fingerprint(&[]).len(), 16);
    }
}
