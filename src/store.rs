//! The reader's notes on disk: one sidecar file per article, next to it.
//!
//! User data is sacred here. Every write is atomic (a temporary file in the same
//! folder, flushed and synced, then renamed over the old one, then the folder synced),
//! so a crash or power cut leaves either the old file or the new one, never a mix.
//! A sidecar that cannot be parsed, or was written by a newer version, is never
//! overwritten: it is moved aside and the reader is told where it is. Rolling backups
//! keep earlier versions. Saving and watching for outside changes happen on a
//! background thread (see [`SidecarWorker`]).

mod article_notes;
mod atomic;
mod backup;
mod sidecar;
mod worker;

pub use article_notes::{ArticleNotes, Saving};
pub use atomic::{sweep_temporary_files, write_atomic};
pub use backup::{BACKUPS_KEPT, backup_folder, backup_now};
pub use sidecar::{
    FORMAT_NAME, FORMAT_VERSION, LoadError, decode, encode, load, move_aside, sidecar_path,
};
pub use worker::{Autosave, SidecarWorker, WorkerEvent};
