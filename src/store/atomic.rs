//! Atomic file replacement.

use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::replace::{Placed, place};

/// Temporary files older than this are leftovers of a crash, not a write in progress.
const LEFTOVER_AGE: Duration = Duration::from_secs(60);

/// Distinguishes temporary files of concurrent writes within one process.
static NEXT_TEMPORARY: AtomicU64 = AtomicU64::new(0);

/// The marker in the names of temporary files for `target`.
fn temporary_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

/// Replaces `target` with `contents` atomically: readers see the old file or the new
/// one, whatever happens, and once this returns the new one is on disk.
pub fn write_atomic(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_complete(target, target, contents)
}

/// Writes `contents` to `destination` so that it only ever exists complete and
/// synced: through a temporary file named after `owner` (so that a crash leaves a
/// leftover [`sweep_temporary_files`] of `owner` removes), renamed into place.
pub(super) fn write_complete(
    owner: &Path,
    destination: &Path,
    contents: &[u8],
) -> std::io::Result<()> {
    let temporary = write_temporary(owner, destination, contents)?;
    if let Err(error) = fs::rename(&temporary, destination) {
        // Best effort: a leftover is swept at the next start anyway.
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    sync_folder(folder_of(destination));
    Ok(())
}

/// Writes `contents` to a new temporary file beside `destination`, named after
/// `owner`, synced; returns its path.
fn write_temporary(owner: &Path, destination: &Path, contents: &[u8]) -> std::io::Result<PathBuf> {
    let folder = folder_of(destination);
    let counter = NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed);
    let temporary = folder.join(format!(
        "{}{}-{counter}",
        temporary_prefix(owner),
        std::process::id()
    ));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()
    })();
    if let Err(error) = result {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    Ok(temporary)
}

/// Like [`write_atomic`], for a target that must not be just anything: the file the
/// new one takes the place of is handed to `may_replace` (under the temporary name it
/// has then), at the instant it is replaced, so a file put under the target's name
/// after the caller last looked is judged too. If `may_replace` refuses it, it is put
/// back under the target's name and the new file is removed. Returns whether the new
/// file is in place.
pub fn write_atomic_guarded(
    target: &Path,
    contents: &[u8],
    may_replace: impl FnOnce(&Path) -> bool,
) -> std::io::Result<bool> {
    let temporary = write_temporary(target, target, contents)?;
    let placed = match place(&temporary, target) {
        Ok(placed) => placed,
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            return Err(error);
        }
    };
    let written = match placed {
        Placed::Created => true,
        Placed::Replaced(replaced) if may_replace(&replaced) => {
            // The export is in place; what it replaced was allowed to go.
            let _ = fs::remove_file(&replaced);
            true
        }
        Placed::Replaced(replaced) => {
            match place(&replaced, target) {
                Ok(Placed::Replaced(ours)) => {
                    let _ = fs::remove_file(ours);
                }
                Ok(Placed::Created) => {}
                Ok(Placed::Raced(_)) | Err(_) => {
                    return Err(std::io::Error::other(format!(
                        "the file that was there could not be put back; it is kept as {}",
                        keep_visible(&replaced, target).display()
                    )));
                }
            }
            false
        }
        Placed::Raced(displaced) => {
            let _ = fs::remove_file(&temporary);
            if let Some(displaced) = displaced {
                return Err(std::io::Error::other(format!(
                    "another file appeared while writing; the one that was there is kept as {}",
                    keep_visible(&displaced, target).display()
                )));
            }
            false
        }
    };
    sync_folder(folder_of(target));
    Ok(written)
}

/// Gives the file at `hidden` (a temporary name, which a sweep would remove) a name
/// the reader sees beside `target`, never replacing a file; returns where it is.
fn keep_visible(hidden: &Path, target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    for attempt in 0..100u32 {
        let kept = folder_of(target).join(format!("{name}.kept-{}-{attempt}", std::process::id()));
        if fs::hard_link(hidden, &kept).is_ok() {
            let _ = fs::remove_file(hidden);
            return kept;
        }
    }
    hidden.to_owned()
}

/// The folder of `path`, `.` for a bare name.
pub(super) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes renames in `folder` durable. Not every platform can open a folder for that;
/// the data itself is already synced.
pub(super) fn sync_folder(folder: &Path) {
    if let Ok(folder) = File::open(folder) {
        let _ = folder.sync_all();
    }
}

/// Removes temporary files left by writes to `target` that never finished (a crash
/// between creating and renaming). Recent ones may belong to a write in progress in
/// another window and are left alone. Returns the files removed.
pub fn sweep_temporary_files(target: &Path) -> Vec<PathBuf> {
    let Some(folder) = target.parent() else {
        return Vec::new();
    };
    let prefix = temporary_prefix(target);
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|entry| {
            let modified = entry.metadata().and_then(|metadata| metadata.modified());
            modified.is_ok_and(|modified| {
                now.duration_since(modified).unwrap_or_default() >= LEFTOVER_AGE
            })
        })
        .map(|entry| entry.path())
        .filter(|path| fs::remove_file(path).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let folder = tempfile::tempdir().expect("folder");
        let target = folder.path().join("a.txt.hamish.json");
        write_atomic(&target, b"first").expect("write");
        write_atomic(&target, b"second").expect("write");
        assert_eq!(fs::read(&target).expect("read"), b"second");
        let names: Vec<_> = fs::read_dir(folder.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_guarded_write_puts_back_what_it_may_not_replace() {
        let folder = tempfile::tempdir().expect("folder");
        let target = folder.path().join("export.md");
        fs::write(&target, b"the reader's").expect("write");
        let mut seen = None;
        let written = write_atomic_guarded(&target, b"export", |replaced| {
            seen = Some(fs::read(replaced).expect("the replaced file is handed over"));
            false
        })
        .expect("no error");
        assert!(!written);
        assert_eq!(seen.as_deref(), Some(b"the reader's".as_slice()));
        assert_eq!(fs::read(&target).expect("read"), b"the reader's");
        let names = fs::read_dir(folder.path()).expect("list").count();
        assert_eq!(names, 1, "nothing left behind");

        assert!(write_atomic_guarded(&target, b"export", |_| true).expect("written"));
        assert_eq!(fs::read(&target).expect("read"), b"export");
        let fresh = folder.path().join("new.md");
        let never_asked = write_atomic_guarded(&fresh, b"new", |_| panic!("nothing replaced"));
        assert!(never_asked.expect("written"));
        assert_eq!(fs::read_dir(folder.path()).expect("list").count(), 2);
    }

    #[test]
    fn old_leftovers_are_swept_and_recent_ones_kept() {
        let folder = tempfile::tempdir().expect("folder");
        let target = folder.path().join("a.txt.hamish.json");
        let old = folder.path().join(".a.txt.hamish.json.tmp-1-0");
        let recent = folder.path().join(".a.txt.hamish.json.tmp-1-1");
        let unrelated = folder.path().join(".b.txt.hamish.json.tmp-1-0");
        for path in [&old, &recent, &unrelated] {
            fs::write(path, b"partial").expect("write");
        }
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for path in [&old, &unrelated] {
            File::options()
                .write(true)
                .open(path)
                .and_then(|file| file.set_modified(an_hour_ago))
                .expect("age");
        }
        assert_eq!(sweep_temporary_files(&target), vec![old.clone()]);
        assert!(!old.exists() && recent.exists() && unrelated.exists());
    }
}
