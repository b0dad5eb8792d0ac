//! Where a sidecar lives, reading it strictly, and moving a damaged one aside.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::files::{FileError, read_checked};
use crate::model::Notes;

use super::contents::SidecarContents;
use super::error::{Damage, LoadError};
use super::format::decode_contents_dropping;

/// The sidecar of the article at `article`: `NAME.EXT.hamish.json` beside it (the
/// extension stays in the name, so `a.txt` and `a.md` never share notes).
pub fn sidecar_path(article: &Path) -> PathBuf {
    let name = article
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    article.with_file_name(format!("{name}.hamish.json"))
}

/// Sidecars larger than this are not read. A sidecar holds what one reader wrote
/// about one article, with a machine translation of each section cached: a
/// 100,000-section book translated in full is about 100 MB. A larger file is not a
/// sidecar Hamish wrote, and reading it could take the app's memory with it.
pub const MAX_SIDECAR_BYTES: u64 = 128 * 1024 * 1024;

/// The bytes of the sidecar (or swap file) at `path`, checked by
/// [`crate::files::read_checked`] first; `None` if there is none. A link to nothing
/// is an error, not "none": a save would otherwise replace the reader's link with a
/// file of its own (and leave the link behind under a swap file's name).
pub fn read_bytes(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match read_checked(path, Some(MAX_SIDECAR_BYTES), None) {
        Ok((bytes, _)) => Ok(Some(bytes)),
        Err(FileError::Missing) => Ok(None),
        Err(error) => Err(error.into_io()),
    }
}

/// Everything in the sidecar bytes `bytes`. Bytes that are not UTF-8 are damage:
/// nothing is ever decoded lossily.
pub fn decode_contents_bytes(bytes: &[u8]) -> Result<SidecarContents, LoadError> {
    decode_contents_bytes_dropping(bytes).map(|(contents, _)| contents)
}

/// [`decode_contents_bytes`], with how many unreadable machine translations (a cache)
/// were dropped rather than the whole file set aside.
pub fn decode_contents_bytes_dropping(bytes: &[u8]) -> Result<(SidecarContents, usize), LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|error| Damage::NotUtf8 {
        valid_up_to: error.valid_up_to(),
    })?;
    decode_contents_dropping(text)
}

/// The notes in the sidecar bytes `bytes` (see [`decode_contents_bytes`]).
pub fn decode_bytes(bytes: &[u8]) -> Result<Notes, LoadError> {
    decode_contents_bytes(bytes).map(|contents| contents.notes)
}

/// Loads everything in the sidecar at `path`; a missing sidecar holds nothing.
pub fn load_contents(path: &Path) -> Result<SidecarContents, LoadError> {
    match read_bytes(path).map_err(LoadError::Unreadable)? {
        Some(bytes) => decode_contents_bytes(&bytes),
        None => Ok(SidecarContents::default()),
    }
}

/// Loads the notes in the sidecar at `path`; a missing sidecar is no notes.
pub fn load(path: &Path) -> Result<Notes, LoadError> {
    load_contents(path).map(|contents| contents.notes)
}

/// Renames a sidecar that cannot be used to a name that says so, never replacing an
/// existing file, and returns where it now is.
pub fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = sidecar_name_of(path);
    for attempt in 0..1000u32 {
        let suffix = if attempt == 0 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let aside = path.with_file_name(format!("{name}.unreadable-{seconds}{suffix}"));
        if aside.exists() {
            continue;
        }
        // `hard_link` fails if the target exists, unlike `rename`: no race can make
        // this replace a file. Then the original name is freed.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // Some file systems cannot link; a rename after the check is the fallback.
            Err(_) => {
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
        }
    }
    Err(std::io::Error::other(
        "no free name to move the notes file aside",
    ))
}

/// The file name of the sidecar at `path`, as text.
pub(super) fn sidecar_name_of(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Note, NoteId, SectionId};
    use crate::store::format::encode;

    #[test]
    fn invalid_utf8_is_damage_not_replacement_characters() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("a.txt.hamish.json");
        let note = Note {
            text: "ملاحظة".to_owned(),
            ..Note::new(Anchor::section(SectionId(1), "نص"), 1)
        };
        let notes: Notes = [(NoteId::new(1, 1), note)].into_iter().collect();
        let text = encode("a.txt", &notes).expect("encodes");
        let at = text.find("article").expect("has an article field");
        let mut bytes = text.into_bytes();
        bytes[at] = 0xff;
        std::fs::write(&path, &bytes).expect("write");
        match load(&path) {
            Err(LoadError::Damaged(Damage::NotUtf8 { valid_up_to })) => {
                assert_eq!(valid_up_to, at);
            }
            other => panic!("must be damaged, not {other:?}"),
        }
        assert_eq!(std::fs::read(&path).expect("read"), bytes, "untouched");
    }

    #[test]
    fn moving_aside_never_replaces_a_file() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("a.txt.hamish.json");
        std::fs::write(&path, "broken 1").expect("write");
        let first = move_aside(&path).expect("moved");
        std::fs::write(&path, "broken 2").expect("write");
        let second = move_aside(&path).expect("moved");
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(first).expect("kept"), "broken 1");
        assert_eq!(std::fs::read_to_string(second).expect("kept"), "broken 2");
        assert!(!path.exists());
    }
}
