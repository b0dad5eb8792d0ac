//! Putting a complete new sidecar in place of the old one without losing the file it
//! replaces, whoever wrote that file and whenever.
//!
//! A plain `rename(new, sidecar)` destroys whatever is at the sidecar's name at that
//! instant, and a sync tool can have put a file there a microsecond after the writer
//! last looked. So the replace hands back the file it replaced:
//!
//! - Where the system can exchange two names atomically (Linux `renameat2` with
//!   `RENAME_EXCHANGE`, macOS `renamex_np` with `RENAME_SWAP`), the new file and the
//!   sidecar swap names in one step: the sidecar's name is never empty, and the new
//!   file's old name now holds exactly the file that was replaced.
//! - Elsewhere (or on file systems that cannot exchange) the sidecar is first renamed
//!   away, which is atomic and takes exactly the file that was there, and then the new
//!   file is linked in under the sidecar's name, which fails rather than replace a
//!   file that appeared in between ([`Placed::Raced`]). For a moment the name is
//!   empty; a crash then leaves the old file under its renamed-away name, found again
//!   when the article is opened (see `save::recover_leftovers`).
//! - Only a file system that can neither exchange nor link falls back to a plain
//!   rename for the last step, and there a file written in that microsecond could be
//!   replaced.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Where the new file ended up.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Placed {
    /// There was no file under the target's name; the new one is there now.
    Created,
    /// The new file is under the target's name; the file it replaced is at this path.
    Replaced(PathBuf),
    /// A file appeared under the target's name while the new one was being put there:
    /// the new one is *not* in place (it is still where it was). The file that was
    /// under the target's name before, if any, is at this path.
    Raced(Option<PathBuf>),
}

/// Puts the complete file at `new` under the name `target`, keeping the file it
/// replaces (see [`Placed`]).
pub(super) fn place(new: &Path, target: &Path) -> std::io::Result<Placed> {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    if let Some(placed) = exchange(new, target)? {
        return Ok(placed);
    }
    rename_away_and_link(new, target)
}

/// Swaps `new` and `target` atomically; `None` when the file system cannot.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(new: &Path, target: &Path) -> std::io::Result<Option<Placed>> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(Some(Placed::Replaced(new.to_owned()))),
        // Either name is missing: if it is the target, there is nothing to keep.
        Err(Errno::NOENT) if new.symlink_metadata().is_ok() => {
            link_without_replacing(new, target).map(Some)
        }
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// The portable way: rename the target away, then link the new file in.
fn rename_away_and_link(new: &Path, target: &Path) -> std::io::Result<Placed> {
    let mut away = new.as_os_str().to_owned();
    away.push(".replaced");
    let away = PathBuf::from(away);
    let displaced = match std::fs::rename(target, &away) {
        Ok(()) => Some(away),
        Err(error) if error.kind() == ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    match link_without_replacing(new, target)? {
        Placed::Raced(_) => Ok(Placed::Raced(displaced)),
        _ => Ok(match displaced {
            Some(displaced) => Placed::Replaced(displaced),
            None => Placed::Created,
        }),
    }
}

/// Moves `new` to `target` unless a file is there.
fn link_without_replacing(new: &Path, target: &Path) -> std::io::Result<Placed> {
    match std::fs::hard_link(new, target) {
        Ok(()) => {
            std::fs::remove_file(new)?;
            Ok(Placed::Created)
        }
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Ok(Placed::Raced(None)),
        // A file system without hard links: the last resort, see the module doc.
        Err(_) => {
            std::fs::rename(new, target)?;
            Ok(Placed::Created)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replaced_file_is_handed_back() {
        let folder = tempfile::tempdir().expect("folder");
        let target = folder.path().join("a.txt.hamish.json");
        let new = folder.path().join(".new");
        std::fs::write(&new, "first").expect("write");
        assert_eq!(place(&new, &target).expect("placed"), Placed::Created);
        assert!(!new.exists());
        std::fs::write(&new, "second").expect("write");
        let Placed::Replaced(old) = place(&new, &target).expect("placed") else {
            panic!("the first file is handed back");
        };
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "second");
        assert_eq!(std::fs::read_to_string(&old).expect("read"), "first");
    }

    #[test]
    fn the_portable_way_never_replaces_a_file_that_appears() {
        let folder = tempfile::tempdir().expect("folder");
        let target = folder.path().join("a.txt.hamish.json");
        let new = folder.path().join(".new");
        std::fs::write(&new, "ours").expect("write");
        std::fs::write(&target, "old").expect("write");
        let Placed::Replaced(old) = rename_away_and_link(&new, &target).expect("placed") else {
            panic!("replaced");
        };
        assert_eq!(std::fs::read_to_string(&old).expect("read"), "old");
        std::fs::write(&new, "ours again").expect("write");
        // As if a sync tool wrote between the two steps: the link finds a file.
        std::fs::write(&target, "theirs").expect("write");
        assert_eq!(
            link_without_replacing(&new, &target).expect("no error"),
            Placed::Raced(None)
        );
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "theirs");
        assert_eq!(std::fs::read_to_string(&new).expect("read"), "ours again");
    }
}
