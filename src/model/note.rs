//! Notes and highlights, and merging two edited copies of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;

/// A note's identity: unique, never reused, stable across devices.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub String);

impl NoteId {
    /// A new id from the creation time (milliseconds since 1970) and a random number,
    /// so two devices never make the same one.
    pub fn new(created_ms: u64, random: u32) -> Self {
        Self(format!("{created_ms:013x}-{random:08x}"))
    }
}

impl std::fmt::Display for NoteId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The colours a highlight can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HighlightColor {
    /// The default.
    Yellow,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Pink.
    Pink,
    /// Purple.
    Purple,
}

impl HighlightColor {
    /// Every colour, in the order they are offered.
    pub const ALL: [Self; 5] = [
        Self::Yellow,
        Self::Green,
        Self::Blue,
        Self::Pink,
        Self::Purple,
    ];

    /// The colour's name, for menus and exports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Yellow => "yellow",
            Self::Green => "green",
            Self::Blue => "blue",
            Self::Pink => "pink",
            Self::Purple => "purple",
        }
    }
}

/// A note on a section, or a highlight (with an optional note) on a span of one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Where it is attached.
    pub anchor: Anchor,
    /// The highlight's colour; `None` for a plain note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<HighlightColor>,
    /// What the reader wrote; may be empty for a highlight.
    #[serde(default)]
    pub text: String,
    /// The reader's tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When it was made, in milliseconds since 1970 (UTC).
    pub created_ms: u64,
    /// When it was last changed, in milliseconds since 1970 (UTC).
    pub modified_ms: u64,
    /// Deleted notes are kept as tombstones, so that a merge with an older copy does
    /// not bring them back, and so that a deletion can be undone.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Set on the copy kept when the same note was changed in two places: the id of
    /// the note it conflicts with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_with: Option<NoteId>,
}

impl Note {
    /// A new, empty note (not a highlight) at `anchor`, made at `time_ms`.
    pub fn new(anchor: Anchor, time_ms: u64) -> Self {
        Self {
            anchor,
            color: None,
            text: String::new(),
            tags: Vec::new(),
            created_ms: time_ms,
            modified_ms: time_ms,
            deleted: false,
            conflict_with: None,
        }
    }

    /// True when the note holds nothing the reader made: no text, no tags and no
    /// highlight colour (a note opened and left empty). Blank notes are never written
    /// to a sidecar, and one left blank when its editor closes is removed.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.tags.is_empty() && self.color.is_none()
    }
}

/// `notes` without the blank ones (see [`Note::is_blank`]): what is written to disk.
pub fn without_blank(notes: &Notes) -> Notes {
    notes
        .iter()
        .filter(|(_, note)| !note.is_blank())
        .map(|(id, note)| (id.clone(), note.clone()))
        .collect()
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// All notes of an article, by id (sorted, so the file's order is stable).
pub type Notes = BTreeMap<NoteId, Note>;

/// What a three-way merge made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// The merged notes.
    pub notes: Notes,
    /// Notes changed differently on both sides: each has a copy, marked with
    /// `conflict_with`, holding the other side's version.
    pub conflicts: Vec<NoteId>,
}

/// Merges two copies of the notes that both started from `base`, note by note.
///
/// A note changed on one side only takes that change; a note changed on both sides
/// to the same thing is taken once; a note changed differently on both sides keeps
/// ours and adds theirs as a new note marked as a conflict. Nothing is dropped: a
/// deletion is a tombstone, and a deletion against an edit keeps the edit.
pub fn merge(base: &Notes, ours: &Notes, theirs: &Notes) -> Merged {
    let mut merged = Merged::default();
    let ids: std::collections::BTreeSet<&NoteId> = ours.keys().chain(theirs.keys()).collect();
    for id in ids {
        let note = match (base.get(id), ours.get(id), theirs.get(id)) {
            (_, Some(ours), None) => ours.clone(),
            (_, None, Some(theirs)) => theirs.clone(),
            (_, Some(ours), Some(theirs)) if ours == theirs => ours.clone(),
            (Some(base), Some(ours), Some(theirs)) if ours == base => theirs.clone(),
            (Some(base), Some(ours), Some(theirs)) if theirs == base => ours.clone(),
            (_, Some(ours), Some(theirs)) => {
                // An edit wins over a deletion: the deletion can be done again, the
                // edit could not be recovered.
                if ours.deleted && !theirs.deleted {
                    theirs.clone()
                } else if theirs.deleted && !ours.deleted {
                    ours.clone()
                } else {
                    let copy_id = NoteId(format!("{}-conflict-{:x}", id.0, theirs.modified_ms));
                    let mut copy = theirs.clone();
                    copy.conflict_with = Some(id.clone());
                    merged.notes.insert(copy_id.clone(), copy);
                    merged.conflicts.push(copy_id);
                    ours.clone()
                }
            }
            (_, None, None) => continue,
        };
        merged.notes.entry(id.clone()).or_insert(note);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionId;

    fn note(text: &str, modified_ms: u64) -> Note {
        Note {
            text: text.to_owned(),
            modified_ms,
            ..Note::new(Anchor::section(SectionId(1), "نص"), 1)
        }
    }

    fn notes(entries: &[(&str, Note)]) -> Notes {
        entries
            .iter()
            .map(|(id, note)| (NoteId((*id).to_owned()), note.clone()))
            .collect()
    }

    #[test]
    fn blank_notes_are_recognised_and_left_out() {
        let mut highlight = note("", 1);
        highlight.color = Some(HighlightColor::Pink);
        let mut tagged = note(" ", 1);
        tagged.tags = vec!["وسم".to_owned()];
        let all = notes(&[
            ("blank", note(" \n", 1)),
            ("highlight", highlight),
            ("tagged", tagged),
            ("text", note("نص", 1)),
        ]);
        assert!(all[&NoteId("blank".into())].is_blank());
        let kept = without_blank(&all);
        let kept: Vec<&str> = kept.keys().map(|id| id.0.as_str()).collect();
        assert_eq!(kept, ["highlight", "tagged", "text"]);
    }

    #[test]
    fn one_sided_changes_are_taken() {
        let base = notes(&[("a", note("أ", 1)), ("b", note("ب", 1))]);
        let ours = notes(&[
            ("a", note("أ معدلة", 2)),
            ("b", note("ب", 1)),
            ("c", note("جديدة", 3)),
        ]);
        let theirs = notes(&[
            ("a", note("أ", 1)),
            ("b", note("ب من هناك", 4)),
            ("d", note("من هناك", 5)),
        ]);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        let texts: Vec<&str> = merged
            .notes
            .values()
            .map(|note| note.text.as_str())
            .collect();
        assert_eq!(texts, ["أ معدلة", "ب من هناك", "جديدة", "من هناك"]);
    }

    #[test]
    fn a_true_conflict_keeps_both() {
        let base = notes(&[("a", note("أصل", 1))]);
        let ours = notes(&[("a", note("نسختي", 2))]);
        let theirs = notes(&[("a", note("نسختهم", 3))]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.notes.len(), 2);
        assert_eq!(merged.notes[&NoteId("a".into())].text, "نسختي");
        let copy = &merged.notes[&merged.conflicts[0]];
        assert_eq!(copy.text, "نسختهم");
        assert_eq!(copy.conflict_with, Some(NoteId("a".into())));
    }

    #[test]
    fn an_edit_wins_over_a_deletion() {
        let base = notes(&[("a", note("أصل", 1))]);
        let mut deleted = note("أصل", 2);
        deleted.deleted = true;
        let merged = merge(
            &base,
            &notes(&[("a", deleted.clone())]),
            &notes(&[("a", note("معدلة", 3))]),
        );
        assert_eq!(merged.notes[&NoteId("a".into())].text, "معدلة");
        assert!(!merged.notes[&NoteId("a".into())].deleted);
        // And a deletion on one side only is taken.
        let merged = merge(
            &base,
            &notes(&[("a", note("أصل", 1))]),
            &notes(&[("a", deleted)]),
        );
        assert!(merged.notes[&NoteId("a".into())].deleted);
    }
}
