//! [`ArticleNotes`]: the notes of one article, and the reader's translations of it,
//! kept in step with its sidecar.
//!
//! The app edits the notes ([`ArticleNotes::edit`]) and the translations
//! ([`ArticleNotes::edit_translations`]) here; both are one [`SidecarContents`], so
//! everything below holds for both alike. [`ArticleNotes::take_save`] hands a snapshot, with
//! the notes believed to be on disk as its base, to the writer thread, which merges
//! whatever is really on disk before writing (see `save`). Its
//! [`SidecarReport`]s come back through [`ArticleNotes::report`], which merges what
//! was written (possibly holding changes made elsewhere) into the notes as they are
//! now, three-way, with the snapshot that was sent as the base: edits made since are
//! kept, changes from elsewhere taken, and a note changed on both sides kept twice.
//! Snapshots still on their way are rebased in the same way, so a later report does
//! not mistake an outside change already taken for an edit of ours.
//!
//! Nothing here is text for the reader: what the reader must know is returned as
//! [`StoreNotice`]s, and why saving is held as a [`HoldReason`]; the app words them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::model::translation::TranslationData;
use crate::model::{NoteId, Notes};

use super::atomic::sweep_temporary_files;
use super::autosave::Autosave;
use super::contents::{SidecarContents, merge_contents};
use super::error::LoadError;
use super::format::{encode_contents, readable_contents};
use super::save::{NotSaved, SaveRequest, recover_leftovers};
use super::sidecar::{decode_contents_bytes_dropping, move_aside, read_bytes, sidecar_path};
use super::worker::SidecarReport;

/// Whether the sidecar can be written.
#[derive(Clone, Debug)]
pub enum Saving {
    /// Saves go to the sidecar.
    Enabled,
    /// Saves are held back: the notes stay in memory, and can be saved elsewhere.
    Held(HoldReason),
}

impl Saving {
    /// True when saves go to the sidecar.
    pub fn is_enabled(&self) -> bool {
        matches!(self, Self::Enabled)
    }
}

/// Why saves to the sidecar are held back. Each leaves the sidecar as it is.
#[derive(Clone, Debug)]
pub enum HoldReason {
    /// The sidecar exists but could not be read.
    Unreadable {
        /// The sidecar.
        sidecar: PathBuf,
        /// Why.
        error: Arc<std::io::Error>,
    },
    /// The sidecar is damaged and could not be moved aside either.
    NotSetAside {
        /// The sidecar.
        sidecar: PathBuf,
        /// What is wrong with it.
        damage: Arc<LoadError>,
        /// Why it could not be moved.
        error: Arc<std::io::Error>,
    },
    /// The sidecar was written by a newer version of Hamish. It keeps its name and
    /// its bytes; the notes this version understands are shown read-only.
    NewerVersion {
        /// The sidecar.
        sidecar: PathBuf,
        /// The format version it names.
        version: serde_json::Number,
    },
    /// The folder cannot be written to.
    ReadOnly {
        /// The sidecar.
        sidecar: PathBuf,
        /// The error of the write.
        error: Arc<std::io::Error>,
    },
    /// The sidecar was changed elsewhere into something that cannot be read.
    ChangedToUnusable {
        /// The sidecar.
        sidecar: PathBuf,
        /// What is wrong with it now.
        error: Arc<LoadError>,
    },
}

/// Something the reader should be told about their notes.
#[derive(Clone, Debug)]
pub enum StoreNotice {
    /// The sidecar could not be used and was moved aside; new notes go to a fresh one.
    SetAside {
        /// What was wrong with it.
        damage: Arc<LoadError>,
        /// Where it is now.
        aside: PathBuf,
    },
    /// Saves to the sidecar are held back.
    Held(HoldReason),
    /// Changes made to the notes or translations elsewhere (a sync tool, another
    /// window) were merged in.
    OutsideChangesMerged {
        /// How many notes had been changed in both places and are kept twice, and
        /// translations changed in both places (the other text kept with them).
        conflicts: usize,
    },
    /// A save failed and will be tried again.
    SaveFailed {
        /// The sidecar.
        sidecar: PathBuf,
        /// Why.
        error: Arc<NotSaved>,
    },
    /// Notes from a save cut short (a crash) were found beside the sidecar and
    /// merged in.
    Recovered {
        /// How many files they came from.
        files: usize,
    },
    /// Damaged files found in the sidecar's place were moved to these names.
    DamagedFilesSetAside {
        /// Where they are now.
        aside: Vec<PathBuf>,
    },
    /// Cached machine translations in the sidecar could not be read and were left
    /// out; everything else in it was read. The next save writes it without them.
    MachineEntriesDropped {
        /// The sidecar.
        sidecar: PathBuf,
        /// How many entries were left out.
        count: usize,
    },
}

/// A snapshot handed to the writer and not reported on yet.
#[derive(Debug)]
struct InFlight {
    generation: u64,
    /// The contents sent, rebased on every change merged in since.
    snapshot: SidecarContents,
}

/// The notes and translations of one article, what is known to be on disk, and when
/// to save.
#[derive(Debug)]
pub struct ArticleNotes {
    sidecar: PathBuf,
    article_name: String,
    contents: SidecarContents,
    /// The contents believed to be in the sidecar: the base of merges with what is.
    on_disk: SidecarContents,
    autosave: Autosave,
    /// A save is due at once (after a merge or a recovery left the disk behind).
    save_now: bool,
    saving: Saving,
    /// Notes shown from a sidecar of a newer version, which cannot be changed.
    read_only: Notes,
    /// Files left by a crash whose notes were merged in; removed by the next save.
    settled: Vec<PathBuf>,
    /// Bumped at every edit and every save; a save carries the generation it holds.
    generation: u64,
    in_flight: Vec<InFlight>,
    revision: u64,
    translations_revision: u64,
}

impl ArticleNotes {
    /// Loads the notes of the article at `article`, with what the reader must be told
    /// (a sidecar that could not be used is never overwritten).
    pub fn open(article: &Path) -> (Self, Vec<StoreNotice>) {
        let sidecar = sidecar_path(article);
        sweep_temporary_files(&sidecar);
        let article_name = article
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut notices = Vec::new();
        let mut read_only = Notes::new();
        let (contents, saving) = match read_bytes(&sidecar) {
            Ok(None) => (SidecarContents::default(), Saving::Enabled),
            Err(error) => (
                SidecarContents::default(),
                Saving::Held(HoldReason::Unreadable {
                    sidecar: sidecar.clone(),
                    error: Arc::new(error),
                }),
            ),
            Ok(Some(bytes)) => match decode_contents_bytes_dropping(&bytes) {
                Ok((contents, dropped)) => {
                    if dropped > 0 {
                        notices.push(StoreNotice::MachineEntriesDropped {
                            sidecar: sidecar.clone(),
                            count: dropped,
                        });
                    }
                    (contents, Saving::Enabled)
                }
                Err(LoadError::NewerVersion(version)) => {
                    // Kept where it is, byte for byte; shown as far as it can be.
                    let readable = std::str::from_utf8(&bytes)
                        .map(readable_contents)
                        .unwrap_or_default();
                    read_only = readable.notes.clone();
                    let reason = HoldReason::NewerVersion {
                        sidecar: sidecar.clone(),
                        version,
                    };
                    (readable, Saving::Held(reason))
                }
                Err(damage) => match move_aside(&sidecar) {
                    Ok(aside) => {
                        notices.push(StoreNotice::SetAside {
                            damage: Arc::new(damage),
                            aside,
                        });
                        (SidecarContents::default(), Saving::Enabled)
                    }
                    Err(error) => (
                        SidecarContents::default(),
                        Saving::Held(HoldReason::NotSetAside {
                            sidecar: sidecar.clone(),
                            damage: Arc::new(damage),
                            error: Arc::new(error),
                        }),
                    ),
                },
            },
        };
        if let Saving::Held(reason) = &saving {
            notices.push(StoreNotice::Held(reason.clone()));
        }
        let on_disk = contents.clone();
        let mut this = Self {
            sidecar,
            article_name,
            contents,
            on_disk,
            autosave: Autosave::default(),
            save_now: false,
            saving,
            read_only,
            settled: Vec::new(),
            generation: 0,
            in_flight: Vec::new(),
            revision: 0,
            translations_revision: 0,
        };
        let leftovers = recover_leftovers(&this.sidecar);
        if !leftovers.contents.is_empty() {
            // No base: whatever differs is kept twice rather than guessed at.
            for theirs in &leftovers.contents {
                let base = SidecarContents::default();
                this.contents = merge_contents(&base, &this.contents, theirs).contents;
            }
            notices.push(StoreNotice::Recovered {
                files: leftovers.files.len(),
            });
            this.settled = leftovers.files;
            this.save_now = this.contents != this.on_disk;
            this.generation += 1;
        }
        if !leftovers.set_aside.is_empty() {
            notices.push(StoreNotice::DamagedFilesSetAside {
                aside: leftovers.set_aside,
            });
        }
        (this, notices)
    }

    /// The sidecar's path.
    pub fn sidecar(&self) -> &Path {
        &self.sidecar
    }

    /// All notes, deleted ones included (they are tombstones).
    pub fn notes(&self) -> &Notes {
        &self.contents.notes
    }

    /// The reader's translations, alignment fixes and machine cache.
    pub fn translations(&self) -> &TranslationData {
        &self.contents.translations
    }

    /// Everything the sidecar is to hold: notes and translations.
    pub fn contents(&self) -> &SidecarContents {
        &self.contents
    }

    /// Whether saves go to the sidecar.
    pub fn saving(&self) -> &Saving {
        &self.saving
    }

    /// True for a note shown from a sidecar of a newer version: it cannot be changed.
    pub fn is_read_only(&self, id: &NoteId) -> bool {
        self.read_only.contains_key(id)
    }

    /// A number that changes whenever the notes or the translations change, by an
    /// edit or a merge.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A number that changes whenever the translations change, by an edit or a merge
    /// (a column resolved from them need not be resolved again for a note's edit).
    pub fn translations_revision(&self) -> u64 {
        self.translations_revision
    }

    /// Changes the notes; the change will be saved. Read-only notes stay as they are.
    pub fn edit<R>(&mut self, now: Instant, change: impl FnOnce(&mut Notes) -> R) -> R {
        let result = change(&mut self.contents.notes);
        for (id, note) in &self.read_only {
            self.contents.notes.insert(id.clone(), note.clone());
        }
        self.edited(now);
        result
    }

    /// Changes the reader's translations; the change will be saved, with the same
    /// guarantees as notes.
    pub fn edit_translations<R>(
        &mut self,
        now: Instant,
        change: impl FnOnce(&mut TranslationData) -> R,
    ) -> R {
        let result = change(&mut self.contents.translations);
        self.translations_revision += 1;
        self.edited(now);
        result
    }

    fn edited(&mut self, now: Instant) {
        self.generation += 1;
        self.revision += 1;
        self.autosave.edited(now);
    }

    /// Removes the note `id` if it is blank (no text, no tags, no highlight), as when
    /// its editor is closed empty. Returns true if it was removed.
    pub fn remove_if_blank(&mut self, now: Instant, id: &NoteId) -> bool {
        let blank =
            !self.is_read_only(id) && self.contents.notes.get(id).is_some_and(|n| n.is_blank());
        if blank {
            self.edit(now, |notes| notes.remove(id));
        }
        blank
    }

    /// When the next save is due, if one is waiting.
    pub fn time_until_save(&self, now: Instant) -> Option<Duration> {
        if !self.saving.is_enabled() {
            return None;
        }
        if self.save_now {
            return Some(Duration::ZERO);
        }
        self.autosave.time_until_due(now)
    }

    /// The save to hand to the writer now, if one is due. `force` saves pending edits
    /// at once (on closing).
    pub fn take_save(&mut self, now: Instant, force: bool) -> Option<SaveRequest> {
        let due =
            self.save_now || (self.autosave.is_pending() && (force || self.autosave.due(now)));
        if !due || !self.saving.is_enabled() {
            return None;
        }
        self.autosave.handed_over();
        self.save_now = false;
        // Every save gets its own number, also one with no edit of its own (a merge
        // written back), so each report finds its snapshot.
        self.generation += 1;
        let snapshot = self.contents.for_disk();
        // What will be on disk once the saves already sent are done.
        let base = self
            .in_flight
            .last()
            .map_or_else(|| self.on_disk.clone(), |last| last.snapshot.clone());
        self.in_flight.push(InFlight {
            generation: self.generation,
            snapshot: snapshot.clone(),
        });
        Some(SaveRequest {
            sidecar: self.sidecar.clone(),
            article_name: self.article_name.clone(),
            base,
            contents: snapshot,
            generation: self.generation,
            settled: std::mem::take(&mut self.settled),
        })
    }

    /// The sidecar text of the notes and translations as they are now (to save them
    /// elsewhere).
    pub fn encoded(&self) -> serde_json::Result<String> {
        encode_contents(&self.article_name, &self.contents)
    }

    /// Takes in what the writer reported about this sidecar. Returns what the reader
    /// should be told.
    pub fn report(&mut self, now: Instant, report: SidecarReport) -> Vec<StoreNotice> {
        let mut notices = Vec::new();
        match report {
            SidecarReport::Saved { generation, saved } => {
                let sent = match self
                    .in_flight
                    .iter()
                    .position(|f| f.generation == generation)
                {
                    Some(position) => self
                        .in_flight
                        .drain(..=position)
                        .next_back()
                        .map(|flight| flight.snapshot),
                    None => None,
                }
                .unwrap_or_else(|| self.on_disk.clone());
                let conflicts = self.take_in(&sent, &saved.written);
                if saved.outside_merged {
                    notices.push(StoreNotice::OutsideChangesMerged {
                        conflicts: (saved.conflicts.len() + saved.translation_conflicts)
                            .max(conflicts),
                    });
                }
                if !saved.set_aside.is_empty() {
                    notices.push(StoreNotice::DamagedFilesSetAside {
                        aside: saved.set_aside,
                    });
                }
            }
            SidecarReport::NotSaved { generation, reason } => {
                if let Some(position) = self
                    .in_flight
                    .iter()
                    .position(|f| f.generation == generation)
                {
                    self.in_flight.drain(..=position);
                }
                match reason {
                    NotSaved::Unusable(error) => notices.push(self.hold_for(error)),
                    NotSaved::Failed(error)
                        if matches!(
                            error.kind(),
                            std::io::ErrorKind::PermissionDenied
                                | std::io::ErrorKind::ReadOnlyFilesystem
                        ) =>
                    {
                        let reason = HoldReason::ReadOnly {
                            sidecar: self.sidecar.clone(),
                            error: Arc::new(error),
                        };
                        self.saving = Saving::Held(reason.clone());
                        notices.push(StoreNotice::Held(reason));
                    }
                    reason => {
                        // Try again with the next autosave.
                        self.autosave.edited(now);
                        notices.push(StoreNotice::SaveFailed {
                            sidecar: self.sidecar.clone(),
                            error: Arc::new(reason),
                        });
                    }
                }
            }
            SidecarReport::ChangedOnDisk(Ok(theirs)) => {
                if theirs != self.on_disk {
                    let base = self.on_disk.clone();
                    let conflicts = self.take_in(&base, &theirs);
                    notices.push(StoreNotice::OutsideChangesMerged { conflicts });
                }
            }
            SidecarReport::ChangedOnDisk(Err(error)) => notices.push(self.hold_for(error)),
        }
        notices
    }

    /// Merges `theirs`, now on disk, into the contents and the snapshots on their
    /// way, with `base` as what it was made from. Returns the conflicts.
    fn take_in(&mut self, base: &SidecarContents, theirs: &SidecarContents) -> usize {
        let merged = merge_contents(base, &self.contents, theirs);
        let conflicts = merged.conflicts();
        for flight in &mut self.in_flight {
            flight.snapshot = merge_contents(base, &flight.snapshot, theirs)
                .contents
                .for_disk();
        }
        if merged.contents != self.contents {
            self.revision += 1;
            if merged.contents.translations != self.contents.translations {
                self.translations_revision += 1;
            }
            self.contents = merged.contents;
        }
        self.on_disk = theirs.clone();
        if self.in_flight.is_empty()
            && !self.autosave.is_pending()
            && self.contents.for_disk() != self.on_disk
        {
            // The disk lacks something only this copy has: write it back at once.
            self.save_now = true;
        }
        conflicts
    }

    /// Holds saves because the sidecar became unusable; returns the notice.
    fn hold_for(&mut self, error: LoadError) -> StoreNotice {
        let reason = match error {
            LoadError::NewerVersion(version) => HoldReason::NewerVersion {
                sidecar: self.sidecar.clone(),
                version,
            },
            error => HoldReason::ChangedToUnusable {
                sidecar: self.sidecar.clone(),
                error: Arc::new(error),
            },
        };
        self.saving = Saving::Held(reason.clone());
        StoreNotice::Held(reason)
    }
}

#[cfg(test)]
mod tests;
