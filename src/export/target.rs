//! Where an export may be written: never over a file the reader owns, never onto
//! something that is not a file.
//!
//! An export replaces its target (atomically, by a rename), so a target that *is* an
//! article, a translation file (a companion), a sidecar or a backup would be lost, and
//! a rename onto a device, a pipe or a folder replaces that too. What counts is the
//! file, not the name: the target is compared by device and inode, after following
//! links, with every such file of the article's folder and of the target's folder (a
//! target in another folder can be that folder's article), so a symbolic link, a hard
//! link or a `..` path to the article is refused like its own name. A name that does
//! not exist yet is always allowed (it replaces nothing); standard output is the
//! caller's business and is never checked here.
//!
//! The check runs before the export is built and again at the instant the new file
//! swaps names with the old one ([`write_export`]): a file put at the target's name in
//! between is looked at then, and put back if it must not be replaced.
//!
//! Nothing here speaks to the reader: [`TargetRefusal`] is typed, and the app and the
//! command line put it into words.

use std::collections::HashSet;
use std::fs::Metadata;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::import::is_article_path;
use crate::import::translation::{article_stem, companion_index, find_companions};
use crate::store::{backup_folder, sidecar_path, write_atomic_guarded};

/// The reader's files an export never replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnedFile {
    /// An article.
    Article,
    /// A translation file beside an article.
    Companion,
    /// An article's notes, or a sidecar set aside.
    Sidecar,
    /// A backup of a sidecar.
    Backup,
}

/// What a target that is not a regular file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAFile {
    /// A folder.
    Folder,
    /// A device, a pipe (FIFO) or a socket.
    Special,
    /// A symbolic link that leads nowhere.
    BrokenLink,
}

/// Why an export is not written to its target.
#[derive(Debug, thiserror::Error)]
pub enum TargetRefusal {
    /// The target is one of the reader's files.
    #[error("the target is the reader's {0:?}")]
    Owned(OwnedFile),
    /// The target is not a regular file (nor a new name).
    #[error("the target is not a regular file ({0:?})")]
    NotAFile(NotAFile),
    /// The target changed into something that must not be replaced while the export
    /// was written; it was put back.
    #[error("the target changed while it was written")]
    Changed,
    /// The target could not be looked at.
    #[error("the target cannot be looked at ({0})")]
    Unreadable(std::io::Error),
    /// The file could not be written.
    #[error("the target could not be written ({0})")]
    Write(std::io::Error),
}

/// A file's identity: the same identity is the same file, whatever its name.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileId {
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
    #[cfg(not(unix))]
    path: PathBuf,
}

impl FileId {
    /// The identity of the file at `path` (links followed) with its `metadata`.
    #[cfg_attr(unix, expect(unused_variables, reason = "only needed without inodes"))]
    #[cfg_attr(
        not(unix),
        expect(unused_variables, reason = "only needed with inodes")
    )]
    fn of(path: &Path, metadata: &Metadata) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Self {
                device: metadata.dev(),
                inode: metadata.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            Self {
                path: path.canonicalize().unwrap_or_else(|_| path.to_owned()),
            }
        }
    }
}

/// Whether an export of the article at `article` may be written to `target`: `Ok`
/// for a new name or a regular file that is none of the reader's (see the module
/// docs).
pub fn check_target(target: &Path, article: &Path) -> Result<(), TargetRefusal> {
    let metadata = match std::fs::metadata(target) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            // No file, but a name: a link to nothing is not a new name.
            return match std::fs::symlink_metadata(target) {
                Ok(_) => Err(TargetRefusal::NotAFile(NotAFile::BrokenLink)),
                Err(_) => Ok(()),
            };
        }
        Err(error) => return Err(TargetRefusal::Unreadable(error)),
    };
    if metadata.is_dir() {
        return Err(TargetRefusal::NotAFile(NotAFile::Folder));
    }
    if !metadata.is_file() {
        return Err(TargetRefusal::NotAFile(NotAFile::Special));
    }
    let id = FileId::of(target, &metadata);
    match owned_files(target, article)
        .into_iter()
        .find(|(path, _)| file_id(path).as_ref() == Some(&id))
    {
        Some((_, owned)) => Err(TargetRefusal::Owned(owned)),
        None => Ok(()),
    }
}

/// Writes `contents` to `target`, an export of the article at `article`, after
/// [`check_target`]; the check is made again on whatever the new file replaces at the
/// instant it is put in place.
pub fn write_export(target: &Path, article: &Path, contents: &[u8]) -> Result<(), TargetRefusal> {
    check_target(target, article)?;
    let written = write_atomic_guarded(target, contents, |replaced| {
        // The replaced file now has another name: it is judged by what it is (a link
        // by the file it leads to), as the target was.
        match std::fs::metadata(replaced) {
            Ok(file) if file.is_file() => {
                let id = FileId::of(replaced, &file);
                !owned_files(target, article)
                    .iter()
                    .any(|(path, _)| file_id(path).as_ref() == Some(&id))
            }
            _ => false,
        }
    })
    .map_err(TargetRefusal::Write)?;
    if written {
        Ok(())
    } else {
        Err(TargetRefusal::Changed)
    }
}

/// The identity of the file at `path`, links followed; `None` if there is none.
fn file_id(path: &Path) -> Option<FileId> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(FileId::of(path, &metadata))
}

/// The reader's files an export to `target` of `article` must not replace: those of
/// the article's folder and of the target's folder (by its name and by where its
/// links lead).
fn owned_files(target: &Path, article: &Path) -> Vec<(PathBuf, OwnedFile)> {
    let mut files = vec![
        (article.to_owned(), OwnedFile::Article),
        (sidecar_path(article), OwnedFile::Sidecar),
    ];
    files.extend(
        find_companions(article)
            .into_iter()
            .map(|companion| (companion.path, OwnedFile::Companion)),
    );
    let mut folders: Vec<PathBuf> = Vec::new();
    let resolved = target
        .canonicalize()
        .ok()
        .and_then(|path| path.parent().map(Path::to_path_buf));
    for folder in [folder_of(article), folder_of(target)]
        .into_iter()
        .chain(resolved)
    {
        let canonical = folder.canonicalize().unwrap_or_else(|_| folder.clone());
        if !folders.contains(&canonical) {
            folders.push(canonical);
        }
    }
    for folder in &folders {
        files.extend(owned_in_folder(folder));
    }
    files
}

/// The folder of `path`, `.` for a bare name.
fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned()
}

/// The articles, their companions, the sidecars and the backups in `folder`. The
/// folder is read once (a folder of ten thousand articles is ten thousand names).
fn owned_in_folder(folder: &Path) -> Vec<(PathBuf, OwnedFile)> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return files;
    };
    let names: Vec<String> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    let mut article_stems = HashSet::new();
    for name in &names {
        let path = folder.join(name);
        if name.contains(".hamish.json") {
            files.push((path, OwnedFile::Sidecar));
        } else if is_article_path(&path) {
            article_stems.extend(article_stem(name));
            files.push((path, OwnedFile::Article));
        }
    }
    for (stem, companions) in companion_index(folder, names.iter().map(String::as_str)) {
        if article_stems.contains(stem) {
            files.extend(
                companions
                    .into_iter()
                    .map(|companion| (companion.path, OwnedFile::Companion)),
            );
        }
    }
    if let Ok(backups) = std::fs::read_dir(backup_folder(folder)) {
        files.extend(
            backups
                .flatten()
                .map(|entry| (entry.path(), OwnedFile::Backup)),
        );
    }
    files
}
