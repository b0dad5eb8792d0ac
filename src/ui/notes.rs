//! The reader's notes on screen: the notes column and its cards, the highlight bar
//! over a selection, and the list of all notes. They read the notes and return what
//! the reader asked for as [`NoteCommand`]s; the app applies them.

mod card;
mod column;
mod list;
mod toolbar;

pub use column::{NotesColumn, note_highlights};
pub use list::{ListAction, notes_list_window};
pub use toolbar::selection_toolbar;

use std::ops::Range;

use crate::model::{HighlightColor, Note, NoteId};
use crate::text::TextEditor;

use super::theme;

/// What the reader did to a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteCommand {
    /// Add a note on a whole section and start writing it.
    AddToSection(usize),
    /// Highlight a span of a section; with `with_note`, start writing a note on it.
    Highlight {
        /// The section's index.
        section: usize,
        /// The highlighted bytes of its text.
        range: Range<usize>,
        /// The colour.
        color: HighlightColor,
        /// Whether to open the note editor on it.
        with_note: bool,
    },
    /// Add a note with this text on a span of a section (a word's gloss, kept).
    AddNote {
        /// The section's index.
        section: usize,
        /// The bytes of its text the note is on.
        range: Range<usize>,
        /// The note's text.
        text: String,
    },
    /// Start editing a note.
    Edit(NoteId),
    /// Replace a note's text.
    SetText(NoteId, String),
    /// Replace a note's tags.
    SetTags(NoteId, Vec<String>),
    /// Close the editor.
    FinishEditing,
    /// Delete a note (it can be restored).
    Delete(NoteId),
    /// Bring back a deleted note.
    Restore(NoteId),
    /// Attach an orphaned note to a section.
    Reattach(NoteId, usize),
    /// Change a highlight's colour.
    SetColor(NoteId, HighlightColor),
    /// Undo the last deletion, new highlight, colour change or attachment.
    Undo,
    /// Open or close the list of all notes.
    ShowList(bool),
}

/// The editors of a note being written: its text and its tags.
pub struct EditingNote {
    /// The note.
    pub id: NoteId,
    /// Its text.
    pub text: TextEditor,
    /// Its tags, separated by commas.
    pub tags: TextEditor,
    /// Whether its text field should take the keyboard focus: true when it opens,
    /// so the first words typed go into the note.
    pub focus_pending: bool,
}

impl EditingNote {
    /// Editors holding `note`'s text and tags.
    pub fn new(id: NoteId, note: &Note) -> Self {
        Self {
            id,
            text: TextEditor::new(&note.text, theme::NOTE),
            tags: TextEditor::new(&note.tags.join(", "), theme::SMALL),
            focus_pending: true,
        }
    }

    /// The tags typed, split at Latin and Arabic commas.
    pub fn typed_tags(&self) -> Vec<String> {
        self.tags
            .text()
            .split([',', '،'])
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_owned)
            .collect()
    }
}
