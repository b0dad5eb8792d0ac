//! The folder's vocabulary file, `vocabulary.hamish.json` beside the articles, with a
//! sidecar's guarantees, through the same machinery: read strictly ([`read_bytes`]:
//! type and size checked; not UTF-8, not JSON or another format is damage, never
//! decoded lossily), a version this build does not know is never written over, a
//! damaged file is moved aside ([`move_aside`]) rather than replaced, every write is
//! complete and atomic and never replaces a file it has not merged
//! ([`write_atomic_guarded`]), and the version replaced is kept in the rolling backups
//! ([`backup_now`]).
//!
//! ```json
//! {
//!   "format": "hamish-vocabulary",
//!   "version": 1,
//!   "lemmas": {
//!     "kitAb_1": { "status": "learning-2", "changed_ms": 1765000000000 }
//!   }
//! }
//! ```
//!
//! Keys in a stable order (lemma ids sorted), pretty-printed, so a sync tool's line
//! diff stays small. Fields added later must have a default and must not change what
//! an older build does with the file; anything else is a version 2, read by an arm of
//! [`decode_vocabulary`] that fills in what version 1 did not have.
//!
//! Saving ([`save_vocabulary`]) is a three-way merge, as a sidecar's save: the app
//! hands over what it believes is on disk (the base) and what it wants there; the file
//! as it is now is read, merged lemma by lemma ([`merge_vocabulary`]), and written in
//! place of exactly the bytes read. If another window or a sync tool wrote in between,
//! the swap hands its file back, which is put back in place, and the round starts
//! again with it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::vocabulary::{LemmaEntry, Vocabulary, merge_vocabulary};

use super::atomic::write_atomic_guarded;
use super::backup::backup_now;
use super::error::{Damage, LoadError};
use super::save::NotSaved;
use super::sidecar::{move_aside, read_bytes};

/// The vocabulary file's name, in the articles' folder. It ends like a sidecar's name,
/// so exports refuse it as the reader's file.
pub const VOCABULARY_FILE: &str = "vocabulary.hamish.json";

/// The value of the `format` field.
pub const VOCABULARY_FORMAT: &str = "hamish-vocabulary";

/// The version this build writes; it reads this one and every earlier one.
pub const VOCABULARY_VERSION: u32 = 1;

/// A save goes round at most this many times when the file keeps changing under it.
const ROUNDS: usize = 8;

/// The vocabulary file of the folder `folder`.
pub fn vocabulary_path(folder: &Path) -> PathBuf {
    folder.join(VOCABULARY_FILE)
}

/// Version 1, exactly as on disk.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct VocabularyV1 {
    format: String,
    version: u32,
    lemmas: BTreeMap<String, LemmaEntry>,
}

/// The text of `vocabulary` in the current version.
pub fn encode_vocabulary(vocabulary: &Vocabulary) -> serde_json::Result<String> {
    let file = VocabularyV1 {
        format: VOCABULARY_FORMAT.to_owned(),
        version: VOCABULARY_VERSION,
        lemmas: vocabulary.lemmas.clone(),
    };
    serde_json::to_string_pretty(&file).map(|text| text + "\n")
}

/// The vocabulary in the file bytes `bytes`, strictly: bytes that are not UTF-8, not
/// JSON, of another format or of the wrong shape are damage; a version this build
/// does not know (any but 1) is [`LoadError::NewerVersion`].
pub fn decode_vocabulary(bytes: &[u8]) -> Result<Vocabulary, LoadError> {
    #[derive(Deserialize)]
    struct Header {
        format: String,
        version: serde_json::Number,
    }
    let text = std::str::from_utf8(bytes).map_err(|error| Damage::NotUtf8 {
        valid_up_to: error.valid_up_to(),
    })?;
    let header: Header = serde_json::from_str(text).map_err(Damage::Json)?;
    if header.format != VOCABULARY_FORMAT {
        return Err(Damage::NotNotes {
            format: header.format,
        }
        .into());
    }
    match header.version.as_u64() {
        Some(1) => {
            let file: VocabularyV1 = serde_json::from_str(text).map_err(Damage::Json)?;
            Ok(Vocabulary {
                lemmas: file.lemmas,
            })
        }
        _ => Err(LoadError::NewerVersion(header.version)),
    }
}

/// The vocabulary in the file at `path`; no file is an empty vocabulary.
pub fn load_vocabulary(path: &Path) -> Result<Vocabulary, LoadError> {
    match read_bytes(path).map_err(LoadError::Unreadable)? {
        Some(bytes) => decode_vocabulary(&bytes),
        None => Ok(Vocabulary::default()),
    }
}

/// Moves a damaged vocabulary file aside (never replacing a file) so that a new one
/// can be started; returns where it is now. A file from a newer version must not be
/// moved: it is kept as it is, and saving is held.
pub fn move_vocabulary_aside(path: &Path) -> std::io::Result<PathBuf> {
    move_aside(path)
}

/// A vocabulary save that is on disk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct VocabularySaved {
    /// What is now in the file.
    pub written: Vocabulary,
    /// Whether changes made outside were found and merged in.
    pub outside_merged: bool,
    /// Lemmas set differently here and outside (the later setting was kept).
    pub conflicts: usize,
}

/// Writes `ours` to the vocabulary file at `path`, merged with whatever is there now
/// (against `base`, what the app last read or wrote there). A file that cannot be
/// read as a vocabulary is never replaced: the save stops with
/// [`NotSaved::Unusable`].
pub fn save_vocabulary(
    path: &Path,
    base: &Vocabulary,
    ours: &Vocabulary,
) -> Result<VocabularySaved, NotSaved> {
    let mut saved = VocabularySaved::default();
    let mut base = base.clone();
    let mut ours = ours.clone();
    for _ in 0..ROUNDS {
        let read =
            read_bytes(path).map_err(|error| NotSaved::Unusable(LoadError::Unreadable(error)))?;
        let on_disk = match &read {
            Some(bytes) => decode_vocabulary(bytes).map_err(NotSaved::Unusable)?,
            None => Vocabulary::default(),
        };
        if on_disk != base {
            let merged = merge_vocabulary(&base, &ours, &on_disk);
            saved.outside_merged = true;
            saved.conflicts += merged.conflicts;
            ours = merged.vocabulary;
            base = on_disk;
        }
        if read.is_some() && ours == base {
            saved.written = ours;
            return Ok(saved);
        }
        let text = encode_vocabulary(&ours)
            .map_err(|error| NotSaved::Failed(std::io::Error::other(error)))?;
        // The version about to be replaced is kept; a failed backup does not stop a
        // save (the file itself is never at risk), as for sidecars.
        let _ = backup_now(path);
        let expected = read.clone().unwrap_or_default();
        let unchanged = |replaced: &Path| std::fs::read(replaced).ok() == Some(expected);
        let placed =
            write_atomic_guarded(path, text.as_bytes(), unchanged).map_err(NotSaved::Failed)?;
        if placed {
            saved.written = ours;
            return Ok(saved);
        }
        // Someone wrote between the read and the swap: their file is back in place;
        // merge it on the next round.
    }
    Err(NotSaved::KeptChanging)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocabulary::WordStatus;

    #[test]
    fn a_file_round_trips_and_keeps_its_shape() {
        let mut vocabulary = Vocabulary::default();
        vocabulary.set("kitAb_1", WordStatus::Learning(2), 7);
        let text = encode_vocabulary(&vocabulary).expect("encode");
        assert!(text.contains("\"format\": \"hamish-vocabulary\""), "{text}");
        assert!(text.contains("\"status\": \"learning-2\""), "{text}");
        assert_eq!(
            decode_vocabulary(text.as_bytes()).expect("decode"),
            vocabulary
        );
    }

    #[test]
    fn damage_and_newer_versions_are_refused_and_never_written_over() {
        let folder = tempfile::tempdir().expect("folder");
        let path = vocabulary_path(folder.path());
        let mut ours = Vocabulary::default();
        ours.set("kitAb_1", WordStatus::Known, 1);
        for bytes in [
            &b"{\"format\": \"hamish-vocabulary\", \"version\": 2, \"lemmas\": {}}"[..],
            b"{\"format\": \"hamish-vocabulary\", \"version\": 1, \"lemmas\": {\"a\": {\"status\": \"fluent\"}}}",
            b"\xff\xfe not text",
            b"{\"format\": \"other\", \"version\": 1}",
        ] {
            std::fs::write(&path, bytes).expect("write");
            let error = save_vocabulary(&path, &Vocabulary::default(), &ours)
                .expect_err("an unreadable file is not replaced");
            assert!(matches!(error, NotSaved::Unusable(_)), "{error:?}");
            assert_eq!(std::fs::read(&path).expect("read"), bytes);
        }
    }

    #[test]
    fn a_change_made_outside_is_merged_not_lost() {
        let folder = tempfile::tempdir().expect("folder");
        let path = vocabulary_path(folder.path());
        let mut first = Vocabulary::default();
        first.set("kitAb_1", WordStatus::Learning(1), 1);
        save_vocabulary(&path, &Vocabulary::default(), &first).expect("saved");
        // Another window sets another lemma.
        let mut theirs = first.clone();
        theirs.set("qAl-u_1", WordStatus::Known, 2);
        save_vocabulary(&path, &first, &theirs).expect("saved");
        // This window, still on `first`, changes the first lemma.
        let mut ours = first.clone();
        ours.set("kitAb_1", WordStatus::Learning(3), 3);
        let saved = save_vocabulary(&path, &first, &ours).expect("saved");
        assert!(saved.outside_merged);
        let on_disk = load_vocabulary(&path).expect("load");
        assert_eq!(on_disk.status("kitAb_1"), WordStatus::Learning(3));
        assert_eq!(on_disk.status("qAl-u_1"), WordStatus::Known);
        assert!(
            super::super::backup::backup_folder(folder.path()).exists(),
            "the replaced version is backed up"
        );
    }
}
