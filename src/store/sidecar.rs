//! The sidecar format: pretty JSON, keys in a stable order, a format name and version.
//!
//! ```json
//! {
//!   "format": "hamish-notes",
//!   "version": 1,
//!   "article": "001.txt",
//!   "notes": {
//!     "0193a6c2f1d4e-5f3a9c21": {
//!       "anchor": { "section": "…", "section_text": "…", "quote": { "exact": "…", … } },
//!       "color": "yellow",
//!       "text": "…",
//!       …
//!     }
//!   }
//! }
//! ```
//!
//! Invariants: notes are keyed by id, so two copies edited on two devices merge note
//! by note and a sync tool's line diff stays small; every field added later has a
//! default, so older files still load; a file with a higher `version` is never
//! rewritten by this version.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::Notes;

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "hamish-notes";

/// The version this build writes; it reads this one and every earlier one.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SidecarFile {
    format: String,
    version: u32,
    #[serde(default)]
    article: String,
    #[serde(default)]
    notes: Notes,
}

/// Why a sidecar's notes cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file exists but could not be read (permissions, a disk error).
    #[error("the notes file could not be read ({0})")]
    Unreadable(std::io::Error),
    /// The file is not a notes file this version understands: empty, cut short,
    /// edited by hand into invalid JSON, or something else entirely.
    #[error("the notes file is damaged ({0})")]
    Damaged(String),
    /// The file was written by a newer version of Hamish.
    #[error("the notes file was written by a newer version of Hamish (format {0})")]
    NewerVersion(u32),
}

/// The sidecar of the article at `article`: `NAME.EXT.hamish.json` beside it (the
/// extension stays in the name, so `a.txt` and `a.md` never share notes).
pub fn sidecar_path(article: &Path) -> PathBuf {
    let name = article
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    article.with_file_name(format!("{name}.hamish.json"))
}

/// The sidecar text for `notes` on the article named `article_name`.
///
/// Notes are plain strings and numbers keyed by strings, so this cannot fail in
/// practice; if it ever did, the caller must not write anything.
pub fn encode(article_name: &str, notes: &Notes) -> serde_json::Result<String> {
    let file = SidecarFile {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        article: article_name.to_owned(),
        notes: notes.clone(),
    };
    let mut text = serde_json::to_string_pretty(&file)?;
    text.push('\n');
    Ok(text)
}

/// The notes in sidecar `text`.
pub fn decode(text: &str) -> Result<Notes, LoadError> {
    // The version is read first, so a newer file is recognised even when its notes
    // have a shape this version does not know.
    #[derive(Deserialize)]
    struct Header {
        format: String,
        version: u32,
    }
    let header: Header =
        serde_json::from_str(text).map_err(|error| LoadError::Damaged(error.to_string()))?;
    if header.format != FORMAT_NAME {
        return Err(LoadError::Damaged(format!(
            "it is not a notes file (format \"{}\")",
            header.format
        )));
    }
    if header.version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion(header.version));
    }
    let file: SidecarFile =
        serde_json::from_str(text).map_err(|error| LoadError::Damaged(error.to_string()))?;
    Ok(file.notes)
}

/// Loads the notes in the sidecar at `path`; a missing sidecar is no notes.
pub fn load(path: &Path) -> Result<Notes, LoadError> {
    match std::fs::read(path) {
        Ok(bytes) => decode(&String::from_utf8_lossy(&bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Notes::new()),
        Err(error) => Err(LoadError::Unreadable(error)),
    }
}

/// Renames a sidecar that cannot be used to a name that says so, never replacing an
/// existing file, and returns where it now is.
pub fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Note, NoteId, SectionId};

    fn sample_notes() -> Notes {
        let note = Note {
            anchor: Anchor::span(SectionId(7), "قال رسول الله ﷺ", 0..6),
            color: Some(crate::model::HighlightColor::Green),
            text: "ملاحظة".to_owned(),
            tags: vec!["حديث".to_owned()],
            created_ms: 1,
            modified_ms: 2,
            deleted: false,
            conflict_with: None,
        };
        [(NoteId::new(1, 2), note)].into_iter().collect()
    }

    #[test]
    fn round_trips_and_is_human_readable() {
        let text = encode("001.txt", &sample_notes()).expect("encodes");
        assert!(text.contains("\"format\": \"hamish-notes\""));
        assert!(
            text.contains("\"text\": \"ملاحظة\""),
            "Arabic is written as text, not escapes:\n{text}"
        );
        assert!(text.contains("\"section\": \"0000000000000007\""));
        assert_eq!(decode(&text).expect("decodes"), sample_notes());
        let again = encode("001.txt", &decode(&text).expect("decodes")).expect("encodes");
        assert_eq!(again, text, "stable output");
    }

    #[test]
    fn damaged_and_newer_files_are_recognised() {
        let text = encode("001.txt", &sample_notes()).expect("encodes");
        for damaged in [
            "",
            "{",
            &text[..text.len() / 2],
            "[1, 2]",
            "{\"format\": \"other\", \"version\": 1}",
        ] {
            assert!(
                matches!(decode(damaged), Err(LoadError::Damaged(_))),
                "{damaged:?}"
            );
        }
        let newer = text
            .replace("\"version\": 1", "\"version\": 7")
            .replace("\"notes\"", "\"notes_v7\"");
        assert!(matches!(decode(&newer), Err(LoadError::NewerVersion(7))));
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
