//! The notes of the open article in the app: the notes and their sidecar, where each
//! note is in the text, what is being edited, and [`NoteCommand`]s applied to them.
//! Drawing them is `ui::notes`'s business.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::model::{
    Anchor, Article, HighlightColor, Note, NoteId, Placement, Placer, WordUnit, has_letters,
    trim_to_text, widen_to_words,
};
use crate::store::ArticleNotes;
use crate::ui::notes::{EditingNote, NoteCommand};

/// The notes of the open article, where they are, and what is being edited.
pub struct NotesOfArticle {
    /// The notes and their sidecar.
    pub store: ArticleNotes,
    /// Where each live note is in the article, in reading order.
    pub(super) placements: Vec<(NoteId, Placement)>,
    placed_generation: Option<u64>,
    /// The editors of the note being written.
    pub editing: Option<EditingNote>,
    /// Notes as they were before each change Ctrl+Z can undo (a deletion, a new
    /// highlight, a colour, an attachment), the latest last.
    undo: Vec<(NoteId, Note)>,
    /// The last note deleted, which can be restored.
    pub last_deleted: Option<NoteId>,
    /// Whether the list of all notes is open.
    pub list_open: bool,
}

/// How many note changes Ctrl+Z can undo.
const UNDO_STEPS: usize = 100;

/// Milliseconds since 1970, for note times.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

impl NotesOfArticle {
    /// The notes kept in `store` (opened on a background thread).
    pub fn new(store: ArticleNotes) -> Self {
        Self {
            store,
            placements: Vec::new(),
            placed_generation: None,
            editing: None,
            undo: Vec::new(),
            last_deleted: None,
            list_open: false,
        }
    }

    /// Finds every live note in `article` again, if the notes changed.
    pub fn place_all(&mut self, article: &Article) {
        if self.placed_generation == Some(self.store.revision()) {
            return;
        }
        let placer = Placer::new(article);
        let mut placements: Vec<(NoteId, Placement)> = self
            .store
            .notes()
            .iter()
            .filter(|(_, note)| !note.deleted)
            .map(|(id, note)| (id.clone(), placer.place(&note.anchor)))
            .collect();
        placements.sort_by_key(|(_, placement)| match placement {
            Placement::Section(index) => (0, *index, 0),
            Placement::Span(index, range) => (0, *index, range.start + 1),
            Placement::Orphan => (1, 0, 0),
        });
        self.placements = placements;
        self.placed_generation = Some(self.store.revision());
    }

    /// Makes the next [`Self::place_all`] look for every note again: the article's
    /// text changed.
    pub fn forget_placements(&mut self) {
        self.placed_generation = None;
    }

    /// The live notes with where they are, in reading order; orphans last.
    pub fn placements(&self) -> &[(NoteId, Placement)] {
        &self.placements
    }

    /// The id of the note being edited.
    pub fn editing_id(&self) -> Option<&NoteId> {
        self.editing.as_ref().map(|editing| &editing.id)
    }

    /// Applies `command` to the notes of `article`.
    pub fn apply(&mut self, article: &Article, command: NoteCommand, now: Instant) {
        let time = now_ms();
        match command {
            NoteCommand::AddToSection(index) => {
                let Some(section) = article.sections.get(index) else {
                    return;
                };
                let anchor = Anchor::section(section.id, &section.text);
                let id = self.add(now, anchor, None);
                self.start_editing(id);
            }
            NoteCommand::Highlight {
                section,
                range,
                color,
                with_note,
            } => {
                let Some(section) = article.sections.get(section) else {
                    return;
                };
                // A highlight of white space alone could not be seen: it is not made.
                let Some(range) = trim_to_text(&section.text, range) else {
                    return;
                };
                // A highlight dragged to the middle of a word takes the word, as a reader
                // means it.
                let range = widen_to_words(&section.text, range, WordUnit::Lexical, has_letters);
                let id = self.add(
                    now,
                    Anchor::span(section.id, &section.text, range),
                    Some(color),
                );
                if let Some(note) = self.store.notes().get(&id) {
                    let before = Note {
                        deleted: true,
                        ..note.clone()
                    };
                    self.remember_for_undo(id.clone(), before);
                }
                if with_note {
                    self.start_editing(id);
                }
            }
            NoteCommand::AddNote {
                section,
                range,
                text,
            } => {
                let Some(section) = article.sections.get(section) else {
                    return;
                };
                let Some(range) = trim_to_text(&section.text, range) else {
                    return;
                };
                let id = self.add(now, Anchor::span(section.id, &section.text, range), None);
                self.change(now, &id, time, |note| note.text = text);
            }
            NoteCommand::Edit(id) => self.start_editing(id),
            NoteCommand::SetText(id, text) => self.change(now, &id, time, |note| note.text = text),
            NoteCommand::SetTags(id, tags) => self.change(now, &id, time, |note| note.tags = tags),
            NoteCommand::FinishEditing => {
                // A note opened and left blank was never wanted: it is not kept.
                if let Some(editing) = self.editing.take() {
                    self.store.remove_if_blank(now, &editing.id);
                }
            }
            NoteCommand::Delete(id) => {
                if self.editing_id() == Some(&id) {
                    self.editing = None;
                }
                self.undoable(&id);
                self.change(now, &id, time, |note| note.deleted = true);
                self.last_deleted = Some(id);
            }
            NoteCommand::Restore(id) => {
                self.change(now, &id, time, |note| note.deleted = false);
                self.last_deleted = None;
            }
            NoteCommand::Reattach(id, index) => {
                let Some(section) = article.sections.get(index) else {
                    return;
                };
                let anchor = Anchor::section(section.id, &section.text);
                self.undoable(&id);
                self.change(now, &id, time, |note| note.anchor = anchor);
            }
            NoteCommand::SetColor(id, color) => {
                self.undoable(&id);
                self.change(now, &id, time, |note| note.color = Some(color));
            }
            NoteCommand::Undo => {
                if let Some((id, before)) = self.undo.pop() {
                    if self.last_deleted.as_ref() == Some(&id) {
                        self.last_deleted = None;
                    }
                    if self.editing_id() == Some(&id) && before.deleted {
                        self.editing = None;
                    }
                    self.change(now, &id, time, |note| *note = before);
                }
            }
            NoteCommand::ShowList(open) => self.list_open = open,
        }
        self.place_all(article);
    }

    fn add(&mut self, now: Instant, anchor: Anchor, color: Option<HighlightColor>) -> NoteId {
        let time = now_ms();
        let id = NoteId::new(time, fastrand::u32(..));
        let note = Note {
            color,
            ..Note::new(anchor, time)
        };
        self.store.edit(now, |notes| notes.insert(id.clone(), note));
        id
    }

    fn change(&mut self, now: Instant, id: &NoteId, time: u64, change: impl FnOnce(&mut Note)) {
        self.store.edit(now, |notes| {
            if let Some(note) = notes.get_mut(id) {
                change(note);
                note.modified_ms = time;
            }
        });
    }

    /// Remembers `id` as it is now, so Ctrl+Z can bring it back.
    fn undoable(&mut self, id: &NoteId) {
        if let Some(note) = self.store.notes().get(id) {
            self.remember_for_undo(id.clone(), note.clone());
        }
    }

    fn remember_for_undo(&mut self, id: NoteId, before: Note) {
        if self.undo.len() == UNDO_STEPS {
            self.undo.remove(0);
        }
        self.undo.push((id, before));
    }

    fn start_editing(&mut self, id: NoteId) {
        // Notes shown from a newer version's sidecar cannot be changed here.
        if self.store.is_read_only(&id) {
            return;
        }
        let Some(note) = self.store.notes().get(&id) else {
            return;
        };
        // Too long for an editor, which lays its text out whole (see `long_text`).
        if crate::ui::long_text::is_long(&note.text) {
            return;
        }
        self.editing = Some(EditingNote::new(id, note));
    }
}
