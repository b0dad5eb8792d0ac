//! [`SidecarContents`]: everything a sidecar keeps for the reader (their notes and,
//! since version 2, their translations), and the three-way merge of two copies.
//!
//! The store keeps, saves and merges this as one value, so the reader's translations
//! have every guarantee notes have: merged before every write, outside changes
//! merged in, held when the sidecar cannot be used.

use crate::model::translation::{TranslationData, merge_translations};
use crate::model::{NoteId, Notes, merge, without_blank};

/// What a sidecar holds for the reader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SidecarContents {
    /// The notes, by id (deleted ones are tombstones).
    pub notes: Notes,
    /// The reader's translations, alignment fixes and machine cache.
    pub translations: TranslationData,
}

impl SidecarContents {
    /// Contents with `notes` and no translations (what a version 1 file holds).
    pub fn from_notes(notes: Notes) -> Self {
        Self {
            notes,
            translations: TranslationData::default(),
        }
    }

    /// What is written to disk: the same without blank notes.
    pub fn for_disk(&self) -> Self {
        Self {
            notes: without_blank(&self.notes),
            translations: self.translations.clone(),
        }
    }
}

/// What a three-way merge of two copies made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergedContents {
    /// The merged contents.
    pub contents: SidecarContents,
    /// Conflict copies of notes made (see [`merge`]).
    pub note_conflicts: Vec<NoteId>,
    /// Reader translations changed differently on both sides (see
    /// [`merge_translations`]).
    pub translation_conflicts: usize,
}

impl MergedContents {
    /// How many conflicts there were, of notes and translations.
    pub fn conflicts(&self) -> usize {
        self.note_conflicts.len() + self.translation_conflicts
    }
}

/// Merges two copies that both started from `base`: notes note by note, translations
/// by their own rules.
pub fn merge_contents(
    base: &SidecarContents,
    ours: &SidecarContents,
    theirs: &SidecarContents,
) -> MergedContents {
    let notes = merge(&base.notes, &ours.notes, &theirs.notes);
    let translations =
        merge_translations(&base.translations, &ours.translations, &theirs.translations);
    MergedContents {
        contents: SidecarContents {
            notes: notes.notes,
            translations: translations.data,
        },
        note_conflicts: notes.conflicts,
        translation_conflicts: translations.conflicts,
    }
}
