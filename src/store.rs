//! The reader's notes and translations on disk: one sidecar file per article, next to
//! it. Everything said of notes below holds for the reader's translations too: the
//! store keeps, saves and merges both as one [`SidecarContents`].
//!
//! User data is sacred here. Every write is atomic (a complete, synced file swapped in
//! for the old one), so a crash or power cut leaves either the old file or the new
//! one, never a mix. No save destroys a file it has not merged: changes made on disk
//! by a sync tool or a second window, however close to a save, are merged note by
//! note (see `save` for the protocol and why it holds). A sidecar that cannot be
//! parsed (not UTF-8 included) is moved aside and never rewritten; one written by a
//! newer version keeps its name and its bytes, its notes are shown read-only, and
//! saving is held. Rolling backups keep earlier versions. Saving and watching for
//! outside changes happen on a background thread (see [`SidecarWorker`]).
//!
//! Nothing here speaks to the reader: errors and news are typed ([`LoadError`],
//! [`HoldReason`], [`StoreNotice`], [`NotSaved`]) and the app puts them into words.
//!
//! One file per idea: `format` (the file format and its versions), `sidecar` (where
//! it lives, strict reading, moving aside), `atomic` (complete writes), `replace` (a
//! replace that hands back what it replaced), `save` (the save protocol), `worker`
//! (the thread), `autosave` (timing), `backup`, `contents` (what a sidecar holds and
//! its merge), `article_notes` (the notes of the open article and their merges),
//! `vocabulary` (the folder's word statuses, with the same guarantees).

mod article_notes;
mod atomic;
mod autosave;
mod backup;
mod contents;
mod error;
mod format;
mod replace;
mod save;
mod sidecar;
mod vocabulary;
mod worker;

pub use article_notes::{ArticleNotes, HoldReason, Saving, StoreNotice};
pub use atomic::{sweep_temporary_files, write_atomic, write_atomic_guarded};
pub use autosave::Autosave;
pub use backup::{BACKUPS_KEPT, backup_folder, backup_now};
pub use contents::{MergedContents, SidecarContents, merge_contents};
pub use error::{Damage, LoadError};
pub use format::{
    FORMAT_NAME, FORMAT_VERSION, decode, decode_contents, encode, encode_contents, read_version,
    readable_contents, readable_notes,
};
pub use save::{Leftovers, NotSaved, SaveRequest, Saved, recover_leftovers};
pub use sidecar::{
    MAX_SIDECAR_BYTES, decode_bytes, decode_contents_bytes, load, load_contents, move_aside,
    read_bytes, sidecar_path,
};
pub use vocabulary::{
    VOCABULARY_FILE, VOCABULARY_FORMAT, VOCABULARY_VERSION, VocabularySaved, decode_vocabulary,
    encode_vocabulary, load_vocabulary, move_vocabulary_aside, save_vocabulary, vocabulary_path,
};
pub use worker::{SidecarReport, SidecarWorker, WorkerEvent};
