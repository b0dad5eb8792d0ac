//! The save protocol: how notes (and the reader's translations, kept with them as one
//! [`SidecarContents`]) reach their sidecar without ever losing a change made on disk
//! by someone else (a sync tool, a second window), whatever the timing.
//!
//! A save carries the contents to write *and* its base: the contents the app believes
//! are on disk. On the writer thread, [`save`]:
//!
//! 1. reads the sidecar as it is now, strictly (a file that is damaged, not UTF-8,
//!    unreadable or from a newer version stops the save: it is never replaced);
//! 2. if that differs from the base, merges it in, note by note ([`merge`]: a change
//!    on one side is taken, a change on both sides keeps both, marked; translations by
//!    [`merge_contents`]'s rules), and from then on that is the base;
//! 3. writes the result to a hidden swap file in the same folder (through a synced
//!    temporary, so the swap file only ever exists complete), named after a hash of
//!    the bytes read in step 1; if the sidecar's fingerprint changed meanwhile, it
//!    starts again at step 1;
//! 4. swaps it in with [`place`], which hands back the file it replaced;
//! 5. compares that file with the bytes read in step 1. Equal: nothing was missed,
//!    and it is deleted. Different: a file was written between steps 1 and 4. It is
//!    swapped straight back under the sidecar's name (so that no one reads a sidecar
//!    older than one that was already there, and builds on it), its notes are merged
//!    into ours, and the loop goes round again from step 1.
//!
//! Why nothing is lost: every file that ever sat under the sidecar's name either was
//! read in step 1 of some round and merged, or was handed back in step 4 and merged;
//! the replace never destroys a file, it only moves it. Merges never drop a note
//! (deletions are tombstones, conflicts keep both). A crash at any point leaves the
//! sidecar whole (old or new) and, at worst, a swap file: [`recover_leftovers`] finds
//! it when the article is opened again. One whose content matches the hash in its
//! name is a version the writer had read, so it goes; any other is merged in.
//!
//! What is left: between the swap in step 4 and the swap back in step 5 (two system
//! calls) the sidecar holds ours without the newcomer's change. A program that reads
//! it in those microseconds and writes back what it read would undo its own change;
//! without a compare-and-swap on file names no writer can exclude that.
//!
//! The writer reports what it wrote, so the app (which may have gone on editing
//! meanwhile) merges that into its notes with the same three-way merge; see
//! [`ArticleNotes`](super::ArticleNotes).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::NoteId;

use super::atomic::{folder_of, write_complete};
use super::backup::backup_now;
use super::contents::{SidecarContents, merge_contents};
use super::error::LoadError;
use super::format::encode_contents;
use super::replace::{Placed, place};
use super::sidecar::{decode_contents_bytes, move_aside, read_bytes, sidecar_name_of};

/// A save goes round at most this many times when the sidecar keeps changing under
/// it; then it is reported as not done, to be asked again.
const ROUNDS: usize = 8;

/// Distinguishes the swap files of one process.
static NEXT_SWAP: AtomicU64 = AtomicU64::new(0);

/// Notes and translations to write to a sidecar, with what they were based on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveRequest {
    /// The sidecar.
    pub sidecar: PathBuf,
    /// The article's file name, written into the sidecar.
    pub article_name: String,
    /// What the app believes is in the sidecar now: the base of a merge with whatever
    /// is really there.
    pub base: SidecarContents,
    /// What to save (blank notes are left out).
    pub contents: SidecarContents,
    /// Counts the app's edits; the report carries it back.
    pub generation: u64,
    /// Files found after a crash whose contents are in `contents`: removed once this
    /// save is on disk.
    pub settled: Vec<PathBuf>,
}

/// A save that is on disk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// What is now in the sidecar.
    pub written: SidecarContents,
    /// True when changes made outside were found and merged in.
    pub outside_merged: bool,
    /// Conflict copies of notes made by those merges.
    pub conflicts: Vec<NoteId>,
    /// Reader translations changed differently in both places by those merges.
    pub translation_conflicts: usize,
    /// Damaged files that had been written over the sidecar from outside, moved to
    /// these names.
    pub set_aside: Vec<PathBuf>,
}

/// Why a save was not done; the notes are still in memory.
#[derive(Debug, thiserror::Error)]
pub enum NotSaved {
    /// The sidecar on disk cannot be used (damaged, newer, unreadable) and so must not
    /// be replaced.
    #[error(transparent)]
    Unusable(LoadError),
    /// Writing failed.
    #[error("the notes file could not be written ({0})")]
    Failed(#[source] std::io::Error),
    /// The sidecar kept changing under the save, round after round.
    #[error("the notes file kept changing while it was being saved")]
    KeptChanging,
}

/// A file replaced by a save and not merged into the sidecar yet.
#[derive(Debug)]
pub(super) struct Displaced {
    path: PathBuf,
    base: SidecarContents,
    contents: SidecarContents,
}

/// Size, modification time and (on Unix) file number: enough to notice a change.
pub(super) type Fingerprint = (u64, Option<std::time::SystemTime>, u64);

/// The fingerprint of the file at `path`, if there is one.
pub(super) fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let number = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let number = 0;
    Some((metadata.len(), metadata.modified().ok(), number))
}

/// FNV-1a: a hash that stays the same across builds, for the names of swap files.
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The marker in the names of the swap files of `sidecar`.
fn swap_prefix(sidecar: &Path) -> String {
    format!(".{}.swap-", sidecar_name_of(sidecar))
}

fn swap_path(sidecar: &Path, read: Option<&[u8]>) -> PathBuf {
    let hash = stable_hash(read.unwrap_or_default());
    let counter = NEXT_SWAP.fetch_add(1, Ordering::Relaxed);
    folder_of(sidecar).join(format!(
        "{}{hash:016x}-{}-{counter}",
        swap_prefix(sidecar),
        std::process::id()
    ))
}

/// Carries out `request` (see the module doc). `displaced` holds files an earlier
/// save replaced and could not merge yet; they are merged first. With `backup`, the
/// sidecar is copied to the backups before it is first replaced (never a file that
/// cannot be used: that one stays as it is). Returns what was written and the
/// fingerprint of the sidecar it wrote.
pub(super) fn save(
    request: &SaveRequest,
    displaced: &mut Vec<Displaced>,
    mut backup: bool,
) -> Result<(Saved, Option<Fingerprint>), NotSaved> {
    let sidecar = &request.sidecar;
    let mut saved = Saved::default();
    let mut base = request.base.clone();
    let mut ours = request.contents.for_disk();
    for file in displaced.iter() {
        absorb(&file.base, &mut ours, &file.contents, &mut saved);
    }
    for _ in 0..ROUNDS {
        let read_fingerprint = fingerprint(sidecar);
        let read = read_bytes(sidecar)
            .map_err(|error| NotSaved::Unusable(LoadError::Unreadable(error)))?;
        let on_disk = match &read {
            Some(bytes) => decode_contents_bytes(bytes).map_err(NotSaved::Unusable)?,
            None => SidecarContents::default(),
        };
        if on_disk != base {
            absorb(&base, &mut ours, &on_disk, &mut saved);
            base = on_disk.clone();
        }
        if read.is_some() && ours == on_disk {
            // Already there, as when the only change was outside.
            saved.written = ours;
            return finish(request, displaced, saved, read_fingerprint);
        }
        if std::mem::take(&mut backup) {
            // Best effort: a failed backup must not stop the save.
            let _ = backup_now(sidecar);
        }
        let contents = encode_contents(&request.article_name, &ours)
            .map_err(|error| NotSaved::Failed(std::io::Error::other(error)))?;
        let written = ours.clone();
        let swap = swap_path(sidecar, read.as_deref());
        write_complete(sidecar, &swap, contents.as_bytes()).map_err(NotSaved::Failed)?;
        let written_fingerprint = fingerprint(&swap);
        if fingerprint(sidecar) != read_fingerprint {
            // Changed while ours was being written: read it first. (Only narrows the
            // window; the replace below is what closes it.)
            let _ = std::fs::remove_file(&swap);
            continue;
        }
        let placed = match place(&swap, sidecar) {
            Ok(placed) => placed,
            Err(error) => {
                let _ = std::fs::remove_file(&swap);
                return Err(NotSaved::Failed(error));
            }
        };
        let before = displaced.len();
        let (replaced, ours_in_place) = match placed {
            Placed::Created => (None, true),
            Placed::Replaced(path) => (Some(path), true),
            Placed::Raced(path) => {
                // Ours is not in; the newcomer is read in the next round.
                let _ = std::fs::remove_file(&swap);
                (path, false)
            }
        };
        let put_back = match replaced {
            Some(path) => keep_displaced(
                path,
                &read,
                &on_disk,
                &contents,
                ours_in_place,
                displaced,
                &mut saved,
            )?,
            None => None,
        };
        for file in &displaced[before..] {
            absorb(&file.base, &mut ours, &file.contents, &mut saved);
        }
        if let Some(unseen) = put_back {
            // A file written between the read and the replace is back under the
            // sidecar's name: merge it, and go round again.
            absorb(&on_disk, &mut ours, &unseen, &mut saved);
            base = on_disk;
            continue;
        }
        if ours_in_place && displaced.len() == before {
            saved.written = ours;
            return finish(request, displaced, saved, written_fingerprint);
        }
        if ours_in_place {
            // The file replaced could not be put back: what is on disk is ours as
            // written, before that file was merged in.
            base = written;
        }
    }
    Err(NotSaved::KeptChanging)
}

/// Looks at the file a save replaced (at `path`), which was `read` before: forgets
/// it when it is what was read, moves it aside when damaged, and puts it back when it
/// is from a newer version. A file that holds changes not read is put back under the
/// sidecar's name at once when `ours_in_place` (so that no one reads a sidecar older
/// than one that was already there) and its contents returned; otherwise it is kept
/// in `displaced` until merged.
fn keep_displaced(
    path: PathBuf,
    read: &Option<Vec<u8>>,
    on_disk: &SidecarContents,
    ours: &str,
    ours_in_place: bool,
    displaced: &mut Vec<Displaced>,
    saved: &mut Saved,
) -> Result<Option<SidecarContents>, NotSaved> {
    let bytes = match read_bytes(&path) {
        Ok(Some(bytes)) => bytes,
        // Gone: someone else (a second window recovering leftovers) took it.
        Ok(None) => return Ok(None),
        Err(error) => return Err(NotSaved::Failed(error)),
    };
    if read.as_deref() == Some(bytes.as_slice()) {
        let _ = std::fs::remove_file(&path);
        return Ok(None);
    }
    match decode_contents_bytes(&bytes) {
        Ok(notes) if notes == *on_disk => {
            let _ = std::fs::remove_file(&path);
        }
        Ok(notes) if ours_in_place => {
            match put_back(&path, ours).map_err(NotSaved::Failed)? {
                PutBack::Done => return Ok(Some(notes)),
                PutBack::Another(out) => {
                    // Yet another file had replaced ours meanwhile: keep it too.
                    if let Ok(Some(other)) =
                        read_bytes(&out).map(|b| b.map(|b| decode_contents_bytes(&b)))
                    {
                        match other {
                            Ok(other) => displaced.push(Displaced {
                                path: out,
                                base: on_disk.clone(),
                                contents: other,
                            }),
                            Err(_) => {
                                if let Ok(aside) = move_aside(&out) {
                                    saved.set_aside.push(aside);
                                }
                            }
                        }
                    }
                    return Ok(Some(notes));
                }
                PutBack::NotPossible => displaced.push(Displaced {
                    path,
                    base: on_disk.clone(),
                    contents: notes,
                }),
            }
        }
        Ok(notes) => displaced.push(Displaced {
            path,
            base: on_disk.clone(),
            contents: notes,
        }),
        Err(error @ LoadError::NewerVersion(_)) => {
            // A newer version's file keeps its name: swap it back. What comes out is
            // ours unless yet another file arrived; that one stays as a leftover.
            return match put_back(&path, ours) {
                Ok(_) => Err(NotSaved::Unusable(error)),
                Err(put_back_error) => Err(NotSaved::Failed(put_back_error)),
            };
        }
        Err(_) => match move_aside(&path) {
            Ok(aside) => saved.set_aside.push(aside),
            Err(error) => return Err(NotSaved::Failed(error)),
        },
    }
    Ok(None)
}

/// What putting a replaced file back did.
enum PutBack {
    /// It is under the sidecar's name again, and ours is gone.
    Done,
    /// It is back, but what came out was not ours: this file, left as it is.
    Another(PathBuf),
    /// A file appeared under the sidecar's name in between (only without an atomic
    /// exchange); the replaced file stays where it is.
    NotPossible,
}

/// Puts the file at `path` back under the sidecar's name (it was the sidecar; `path`
/// is a swap name beside it). What comes out is removed if it is `ours`.
fn put_back(path: &Path, ours: &str) -> std::io::Result<PutBack> {
    let Some(sidecar) = sidecar_of_swap(path) else {
        return Err(std::io::Error::other("not a swap file"));
    };
    Ok(match place(path, &sidecar)? {
        Placed::Replaced(out) => {
            if std::fs::read(&out).is_ok_and(|bytes| bytes == ours.as_bytes()) {
                std::fs::remove_file(out)?;
                PutBack::Done
            } else {
                PutBack::Another(out)
            }
        }
        Placed::Created => PutBack::Done,
        Placed::Raced(_) => PutBack::NotPossible,
    })
}

/// The sidecar whose swap file is at `path`.
fn sidecar_of_swap(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let (sidecar, _) = name.strip_prefix('.')?.rsplit_once(".swap-")?;
    Some(path.with_file_name(sidecar))
}

/// Merges `theirs` (based on `base`) into `ours`, noting in `saved` what it brought.
fn absorb(
    base: &SidecarContents,
    ours: &mut SidecarContents,
    theirs: &SidecarContents,
    saved: &mut Saved,
) {
    let merged = merge_contents(base, ours, theirs);
    let contents = merged.contents.for_disk();
    saved.outside_merged |= contents != *ours;
    saved.conflicts.extend(merged.note_conflicts);
    saved.translation_conflicts += merged.translation_conflicts;
    *ours = contents;
}

/// A save is done: the files whose notes it holds can go.
fn finish(
    request: &SaveRequest,
    displaced: &mut Vec<Displaced>,
    saved: Saved,
    fingerprint: Option<Fingerprint>,
) -> Result<(Saved, Option<Fingerprint>), NotSaved> {
    for file in displaced.drain(..) {
        let _ = std::fs::remove_file(file.path);
    }
    for path in &request.settled {
        let _ = std::fs::remove_file(path);
    }
    Ok((saved, fingerprint))
}

/// What was found beside a sidecar after a crash in the middle of a save.
#[derive(Debug, Default)]
pub struct Leftovers {
    /// Contents of swap files that may hold changes not in the sidecar: to be merged
    /// in, with no base, so that any difference keeps both versions.
    pub contents: Vec<SidecarContents>,
    /// Those swap files: to be removed once a save holding their contents is on disk.
    pub files: Vec<PathBuf>,
    /// Swap files that could not be read as notes, moved to these names.
    pub set_aside: Vec<PathBuf>,
}

/// Looks for the swap files a crash left beside `sidecar` (see the module doc).
pub fn recover_leftovers(sidecar: &Path) -> Leftovers {
    let mut leftovers = Leftovers::default();
    let prefix = swap_prefix(sidecar);
    let Ok(entries) = std::fs::read_dir(folder_of(sidecar)) else {
        return leftovers;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|name| name.strip_prefix(&prefix)) else {
            continue;
        };
        let path = entry.path();
        let Ok(Some(bytes)) = read_bytes(&path) else {
            continue;
        };
        let known_hash = rest
            .get(..16)
            .and_then(|hash| u64::from_str_radix(hash, 16).ok());
        if known_hash == Some(stable_hash(&bytes)) {
            // The version a save had read and merged: nothing new in it.
            let _ = std::fs::remove_file(&path);
            continue;
        }
        match decode_contents_bytes(&bytes) {
            Ok(contents) => {
                leftovers.contents.push(contents);
                leftovers.files.push(path);
            }
            Err(_) => {
                if let Ok(aside) = move_aside(&path) {
                    leftovers.set_aside.push(aside);
                }
            }
        }
    }
    leftovers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::translation::TranslationData;
    use crate::model::{Anchor, Note, SectionId};

    use super::super::format::encode_contents as encode;
    use super::super::sidecar::decode_contents_bytes as decode_bytes;

    fn notes(texts: &[(&str, &str)]) -> SidecarContents {
        SidecarContents::from_notes(
            texts
                .iter()
                .map(|(id, text)| {
                    let note = Note {
                        text: (*text).to_owned(),
                        ..Note::new(Anchor::section(SectionId(1), "نص"), 1)
                    };
                    (NoteId((*id).to_owned()), note)
                })
                .collect(),
        )
    }

    fn request(sidecar: &Path, base: SidecarContents, ours: SidecarContents) -> SaveRequest {
        SaveRequest {
            sidecar: sidecar.to_owned(),
            article_name: "001.txt".to_owned(),
            base,
            contents: ours,
            generation: 1,
            settled: Vec::new(),
        }
    }

    #[test]
    fn what_is_on_disk_is_merged_before_writing() {
        let folder = tempfile::tempdir().expect("folder");
        let sidecar = folder.path().join("001.txt.hamish.json");
        let known = notes(&[("a", "أ")]);
        let outside = notes(&[("a", "أ"), ("b", "من الخارج")]);
        std::fs::write(&sidecar, encode("001.txt", &outside).expect("encodes")).expect("write");
        let ours = notes(&[("a", "أ معدلة")]);
        let (saved, _) =
            save(&request(&sidecar, known, ours), &mut Vec::new(), true).expect("saved");
        assert!(saved.outside_merged);
        let expected = notes(&[("a", "أ معدلة"), ("b", "من الخارج")]);
        assert_eq!(saved.written, expected);
        let on_disk = decode_bytes(&std::fs::read(&sidecar).expect("read")).expect("decodes");
        assert_eq!(on_disk, expected);
    }

    #[test]
    fn a_replaced_file_that_was_not_read_is_kept_until_merged() {
        let folder = tempfile::tempdir().expect("folder");
        let sidecar = folder.path().join("001.txt.hamish.json");
        let read_notes = notes(&[("a", "أ")]);
        let read = encode("001.txt", &read_notes)
            .expect("encodes")
            .into_bytes();
        let mut displaced = Vec::new();
        let mut saved = Saved::default();
        // What was read comes back: nothing to keep.
        let same = folder.path().join(".001.txt.hamish.json.swap-1");
        std::fs::write(&same, &read).expect("write");
        keep_displaced(
            same.clone(),
            &Some(read.clone()),
            &read_notes,
            "",
            false,
            &mut displaced,
            &mut saved,
        )
        .expect("looked at");
        assert!(displaced.is_empty() && !same.exists());
        // A file written in between comes back: kept, on disk, until merged.
        let unseen = folder.path().join(".001.txt.hamish.json.swap-2");
        let between = notes(&[("a", "أ"), ("b", "بين القراءة والاستبدال")]);
        std::fs::write(&unseen, encode("001.txt", &between).expect("encodes")).expect("write");
        keep_displaced(
            unseen.clone(),
            &Some(read.clone()),
            &read_notes,
            "",
            false,
            &mut displaced,
            &mut saved,
        )
        .expect("looked at");
        assert_eq!(displaced.len(), 1);
        assert!(unseen.exists());
        // A damaged one is moved aside, not deleted.
        let damaged = folder.path().join(".001.txt.hamish.json.swap-3");
        std::fs::write(&damaged, b"{ cut sh").expect("write");
        keep_displaced(
            damaged.clone(),
            &Some(read.clone()),
            &read_notes,
            "",
            false,
            &mut displaced,
            &mut saved,
        )
        .expect("looked at");
        assert_eq!(saved.set_aside.len(), 1);
        assert_eq!(
            std::fs::read(&saved.set_aside[0]).expect("kept"),
            b"{ cut sh"
        );
        // The next save merges the kept file, and only then removes it.
        std::fs::write(&sidecar, &read).expect("write");
        let ours = notes(&[("a", "أ"), ("c", "لنا")]);
        let (saved, _) =
            save(&request(&sidecar, read_notes, ours), &mut displaced, false).expect("saved");
        assert_eq!(saved.written.notes.len(), 3, "{:?}", saved.written);
        assert!(displaced.is_empty() && !unseen.exists());
    }

    #[test]
    fn a_replaced_file_that_was_not_read_is_put_back_at_once() {
        let folder = tempfile::tempdir().expect("folder");
        let sidecar = folder.path().join("001.txt.hamish.json");
        let read_notes = notes(&[("a", "أ")]);
        let read = encode("001.txt", &read_notes)
            .expect("encodes")
            .into_bytes();
        let ours = encode("001.txt", &notes(&[("a", "لنا")])).expect("encodes");
        let between = notes(&[("a", "أ"), ("b", "بين القراءة والاستبدال")]);
        let between_bytes = encode("001.txt", &between).expect("encodes");
        // As just after the exchange: ours under the name, theirs under the swap name.
        std::fs::write(&sidecar, &ours).expect("write");
        let swap = swap_path(&sidecar, Some(&read));
        std::fs::write(&swap, &between_bytes).expect("write");
        let mut displaced = Vec::new();
        let put_back = keep_displaced(
            swap.clone(),
            &Some(read),
            &read_notes,
            &ours,
            true,
            &mut displaced,
            &mut Saved::default(),
        )
        .expect("looked at");
        assert_eq!(put_back, Some(between));
        assert_eq!(
            std::fs::read_to_string(&sidecar).expect("read"),
            between_bytes
        );
        assert!(!swap.exists() && displaced.is_empty());
    }

    #[test]
    fn a_leftover_that_is_a_version_already_read_goes_quietly() {
        let folder = tempfile::tempdir().expect("folder");
        let sidecar = folder.path().join("001.txt.hamish.json");
        let bytes = encode("001.txt", &notes(&[("a", "أ")])).expect("encodes");
        let read_before = swap_path(&sidecar, Some(bytes.as_bytes()));
        std::fs::write(&read_before, &bytes).expect("write");
        let leftovers = recover_leftovers(&sidecar);
        assert!(leftovers.contents.is_empty() && leftovers.files.is_empty());
        assert!(!read_before.exists());
    }

    fn translated(
        contents: &SidecarContents,
        section: u64,
        text: &str,
        time: u64,
    ) -> SidecarContents {
        let mut translations: TranslationData = contents.translations.clone();
        translations.set_reader_translation("en", SectionId(section), "نص", text, None, time);
        SidecarContents {
            notes: contents.notes.clone(),
            translations,
        }
    }

    #[test]
    fn translations_on_disk_are_merged_before_writing() {
        let folder = tempfile::tempdir().expect("folder");
        let sidecar = folder.path().join("001.txt.hamish.json");
        let known = translated(&notes(&[("a", "أ")]), 1, "one", 1);
        // Another window translated section 2 and added a note.
        let outside = translated(&notes(&[("a", "أ"), ("b", "ب")]), 1, "one", 1);
        let outside = translated(&outside, 2, "two, from outside", 2);
        std::fs::write(&sidecar, encode("001.txt", &outside).expect("encodes")).expect("write");
        // We corrected section 1.
        let ours = translated(&known, 1, "one, corrected", 3);
        let (saved, _) =
            save(&request(&sidecar, known, ours), &mut Vec::new(), false).expect("saved");
        assert!(saved.outside_merged);
        let on_disk = decode_bytes(&std::fs::read(&sidecar).expect("read")).expect("decodes");
        assert_eq!(on_disk, saved.written);
        let en = &on_disk.translations.reader["en"];
        assert_eq!(en[&SectionId(1)].text, "one, corrected");
        assert_eq!(en[&SectionId(2)].text, "two, from outside");
        assert_eq!(on_disk.notes.len(), 2);
    }

    #[test]
    fn an_unusable_sidecar_is_never_replaced_with_translations() {
        let folder = tempfile::tempdir().expect("folder");
        let sidecar = folder.path().join("001.txt.hamish.json");
        let ours = translated(&SidecarContents::default(), 1, "pending", 1);
        let newer = encode("001.txt", &notes(&[("a", "أ")]))
            .expect("encodes")
            .replace("\"version\": 2", "\"version\": 4");
        for bytes in [b"{ cut sh".to_vec(), vec![0xff, 0xfe], newer.into_bytes()] {
            std::fs::write(&sidecar, &bytes).expect("write");
            let result = save(
                &request(&sidecar, SidecarContents::default(), ours.clone()),
                &mut Vec::new(),
                true,
            );
            assert!(matches!(result, Err(NotSaved::Unusable(_))), "{result:?}");
            assert_eq!(std::fs::read(&sidecar).expect("kept"), bytes, "untouched");
        }
    }
}
