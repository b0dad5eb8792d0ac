//! [`ArticleNotes`]: the notes of one article, kept in step with its sidecar.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::model::{Merged, NoteId, Notes, merge};

use super::atomic::sweep_temporary_files;
use super::sidecar::{LoadError, encode, load, move_aside, sidecar_path};
use super::worker::Autosave;

/// Whether the sidecar can be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saving {
    /// Saves go to the sidecar.
    Enabled,
    /// Saves are held back: the notes stay in memory, and can be saved elsewhere.
    Held {
        /// Why, in plain words, ending with what the reader can do.
        reason: String,
    },
}

/// The notes of one article, what is known to be on disk, and when to save.
#[derive(Debug)]
pub struct ArticleNotes {
    sidecar: PathBuf,
    article_name: String,
    notes: Notes,
    /// The notes as last read from or written to the sidecar: the base of a merge
    /// with outside changes.
    on_disk: Notes,
    autosave: Autosave,
    saving: Saving,
    /// Bumped at every edit; a save carries the generation it holds.
    generation: u64,
    saved_generation: u64,
    /// Saves handed to the writer and not confirmed yet: their generation and notes.
    in_flight: Vec<(u64, Notes)>,
    revision: u64,
}

impl ArticleNotes {
    /// Loads the notes of the article at `article`. Returns them with a message for
    /// the reader when the sidecar could not be used (it is then never overwritten).
    pub fn open(article: &Path) -> (Self, Option<String>) {
        let sidecar = sidecar_path(article);
        sweep_temporary_files(&sidecar);
        let article_name = article
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (notes, saving, message) = match load(&sidecar) {
            Ok(notes) => (notes, Saving::Enabled, None),
            Err(LoadError::Unreadable(error)) => {
                let reason = format!(
                    "The notes of this article could not be read ({error}). New notes are kept in memory and not saved over that file; use File > Save notes as… to keep them: {}",
                    sidecar.display()
                );
                (
                    Notes::new(),
                    Saving::Held {
                        reason: reason.clone(),
                    },
                    Some(reason),
                )
            }
            Err(error @ (LoadError::Damaged(_) | LoadError::NewerVersion(_))) => {
                match move_aside(&sidecar) {
                    Ok(aside) => {
                        let message = format!(
                            "The notes of this article could not be used: {error}. The file was kept, renamed, and new notes go to a fresh file. The old file is here: {}",
                            aside.display()
                        );
                        (Notes::new(), Saving::Enabled, Some(message))
                    }
                    Err(move_error) => {
                        let reason = format!(
                            "The notes of this article could not be used ({error}) nor set aside ({move_error}). It is left as it is; new notes are kept in memory; use File > Save notes as… to keep them: {}",
                            sidecar.display()
                        );
                        (
                            Notes::new(),
                            Saving::Held {
                                reason: reason.clone(),
                            },
                            Some(reason),
                        )
                    }
                }
            }
        };
        let on_disk = notes.clone();
        let this = Self {
            sidecar,
            article_name,
            notes,
            on_disk,
            autosave: Autosave::default(),
            saving,
            generation: 0,
            saved_generation: 0,
            in_flight: Vec::new(),
            revision: 0,
        };
        (this, message)
    }

    /// The sidecar's path.
    pub fn sidecar(&self) -> &Path {
        &self.sidecar
    }

    /// All notes, deleted ones included (they are tombstones).
    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    /// Whether saves go to the sidecar.
    pub fn saving(&self) -> &Saving {
        &self.saving
    }

    /// A number that changes whenever the notes change, by an edit or a merge.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Stops saving to the sidecar (it changed on disk into something that cannot be
    /// read, and must not be overwritten); `reason` says so to the reader.
    pub fn hold_saves(&mut self, reason: String) {
        self.saving = Saving::Held { reason };
    }

    /// True when edits are not on disk yet.
    pub fn has_unsaved_edits(&self) -> bool {
        self.saved_generation < self.generation
    }

    /// Changes the notes; the change will be saved.
    pub fn edit<R>(&mut self, now: Instant, change: impl FnOnce(&mut Notes) -> R) -> R {
        let result = change(&mut self.notes);
        self.generation += 1;
        self.revision += 1;
        self.autosave.edited(now);
        result
    }

    /// When the next save is due, if one is waiting.
    pub fn time_until_save(&self, now: Instant) -> Option<std::time::Duration> {
        matches!(self.saving, Saving::Enabled)
            .then(|| self.autosave.time_until_due(now))
            .flatten()
    }

    /// The save to hand to the writer now, if one is due: (sidecar, contents,
    /// generation). `force` saves pending edits at once (on closing).
    pub fn take_save(&mut self, now: Instant, force: bool) -> Option<(PathBuf, String, u64)> {
        let due = self.autosave.is_pending() && (force || self.autosave.due(now));
        if !due || self.saving != Saving::Enabled {
            return None;
        }
        let contents = self.encoded().ok()?;
        self.autosave.handed_over();
        self.in_flight.push((self.generation, self.notes.clone()));
        Some((self.sidecar.clone(), contents, self.generation))
    }

    /// The sidecar text of the notes as they are now.
    pub fn encoded(&self) -> serde_json::Result<String> {
        encode(&self.article_name, &self.notes)
    }

    /// Records that the save numbered `generation` is on disk.
    pub fn saved(&mut self, generation: u64) {
        // Saves finish in order; older ones still listed were skipped by the writer.
        let Some(position) = self.in_flight.iter().position(|(g, _)| *g == generation) else {
            return;
        };
        let (_, notes) = self
            .in_flight
            .drain(..=position)
            .next_back()
            .unwrap_or_default();
        self.saved_generation = self.saved_generation.max(generation);
        self.on_disk = notes;
    }

    /// Records that saving failed; with `read_only`, saves are held until the reader
    /// saves the notes elsewhere. Returns the message for the reader.
    pub fn save_failed(&mut self, error: &str, read_only: bool) -> String {
        if read_only {
            let reason = format!(
                "This folder cannot be written to ({error}). Your notes are kept in memory; use File > Save notes as… to keep them: {}",
                self.sidecar.display()
            );
            self.saving = Saving::Held {
                reason: reason.clone(),
            };
            reason
        } else {
            // Try again with the next edit or the next autosave.
            self.autosave.edited(Instant::now());
            format!(
                "Your notes could not be saved ({error}); Hamish will try again: {}",
                self.sidecar.display()
            )
        }
    }

    /// Merges notes changed on disk by someone else into ours, note by note. Returns
    /// the conflict copies made (notes changed differently on both sides).
    pub fn merge_from_disk(&mut self, now: Instant, theirs: Notes) -> Vec<NoteId> {
        let Merged { notes, conflicts } = merge(&self.on_disk, &self.notes, &theirs);
        let must_save = notes != theirs;
        if notes != self.notes {
            self.revision += 1;
        }
        self.on_disk = theirs;
        self.notes = notes;
        if must_save {
            self.generation += 1;
            self.autosave.edited(now);
        }
        conflicts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Note, SectionId};

    fn note(text: &str) -> Note {
        Note {
            text: text.to_owned(),
            ..Note::new(Anchor::section(SectionId(1), "نص"), 1)
        }
    }

    #[test]
    fn a_damaged_sidecar_is_kept_aside_and_a_fresh_one_started() {
        let folder = tempfile::tempdir().expect("folder");
        let article = folder.path().join("001.txt");
        std::fs::write(
            sidecar_path(&article),
            "{\"format\": \"hamish-notes\", \"vers",
        )
        .expect("write");
        let (mut notes, message) = ArticleNotes::open(&article);
        let message = message.expect("the reader is told");
        assert!(
            message.contains("damaged") && message.contains(".unreadable-"),
            "{message}"
        );
        let aside: Vec<_> = std::fs::read_dir(folder.path())
            .expect("list")
            .flatten()
            .map(|e| e.path())
            .collect();
        assert!(
            aside.iter().any(
                |path| std::fs::read_to_string(path).is_ok_and(|text| text.ends_with("\"vers"))
            )
        );
        assert_eq!(*notes.saving(), Saving::Enabled);
        let now = Instant::now();
        notes.edit(now, |notes| notes.insert(NoteId::new(1, 1), note("جديدة")));
        assert!(notes.take_save(now, true).is_some());
    }

    #[test]
    fn an_unreadable_sidecar_holds_saves() {
        let folder = tempfile::tempdir().expect("folder");
        let article = folder.path().join("001.txt");
        // A folder where the sidecar should be: it exists but cannot be read as a file.
        std::fs::create_dir(sidecar_path(&article)).expect("folder in the way");
        let (mut notes, message) = ArticleNotes::open(&article);
        assert!(message.is_some_and(|message| message.contains("Save notes as")));
        let now = Instant::now();
        notes.edit(now, |notes| notes.insert(NoteId::new(1, 1), note("جديدة")));
        assert_eq!(notes.take_save(now, true), None);
        assert!(sidecar_path(&article).is_dir(), "never touched");
    }

    #[test]
    fn a_read_only_folder_holds_saves_and_says_what_to_do() {
        let folder = tempfile::tempdir().expect("folder");
        let (mut notes, _) = ArticleNotes::open(&folder.path().join("001.txt"));
        let now = Instant::now();
        notes.edit(now, |notes| {
            notes.insert(NoteId::new(1, 1), note("في الذاكرة"))
        });
        notes.take_save(now, true).expect("a save is asked for");
        let message = notes.save_failed("Read-only file system (os error 30)", true);
        assert!(message.contains("Save notes as"), "{message}");
        assert!(matches!(notes.saving(), Saving::Held { .. }));
        notes.edit(now, |notes| notes.insert(NoteId::new(2, 2), note("أخرى")));
        assert_eq!(
            notes.take_save(now, true),
            None,
            "nothing more is sent to the sidecar"
        );
        assert!(
            notes
                .encoded()
                .is_ok_and(|text| text.contains("في الذاكرة") && text.contains("أخرى")),
            "all kept for Save as"
        );
    }

    #[test]
    fn outside_changes_merge_and_true_conflicts_keep_both() {
        let folder = tempfile::tempdir().expect("folder");
        let (mut notes, _) = ArticleNotes::open(&folder.path().join("001.txt"));
        let now = Instant::now();
        let id = NoteId::new(1, 1);
        notes.edit(now, |notes| notes.insert(id.clone(), note("الأصل")));
        let (_, _, generation) = notes.take_save(now, true).expect("save");
        notes.saved(generation);
        // Here the note is changed; elsewhere too, differently, and a note is added.
        notes.edit(now, |notes| notes.insert(id.clone(), note("من هنا")));
        let mut theirs = notes.on_disk.clone();
        theirs.insert(id.clone(), note("من هناك"));
        theirs.insert(NoteId::new(5, 5), note("جديدة من هناك"));
        let conflicts = notes.merge_from_disk(now, theirs);
        assert_eq!(conflicts.len(), 1);
        let texts: Vec<&str> = notes
            .notes()
            .values()
            .map(|note| note.text.as_str())
            .collect();
        assert!(
            texts.contains(&"من هنا")
                && texts.contains(&"من هناك")
                && texts.contains(&"جديدة من هناك"),
            "{texts:?}"
        );
        assert!(notes.take_save(now, true).is_some(), "the merge is saved");
    }
}
