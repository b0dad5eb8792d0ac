//! A start-up never dies on the same file twice.
//!
//! The app reopens the last article read. An article that takes the process down
//! while it is shown (the allocator aborts, nothing unwinds) would then take it down
//! at every start. So a marker naming the article is written before it is opened and
//! removed once it has been on screen; at the next start, an article whose marker is
//! still there is not opened by itself, and the reader is told which and why. They
//! can still open it by picking it.
//!
//! The marker is one small file in the app's data folder, written (atomically) and
//! removed by a thread of its own, in the order asked: the UI thread never touches
//! the disk for it, and a removal never overtakes a later write.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::thread::JoinHandle;

/// The marker's name in the app's data folder.
const MARKER_NAME: &str = "opening-article.json";

/// A marker bigger than this is not one Hamish wrote: it is not read.
const MAX_MARKER_BYTES: u64 = 64 * 1024;

/// What the guard's thread is asked to do.
enum Mark {
    /// Write the marker naming this article.
    Opening(PathBuf),
    /// Remove the marker: the article was shown.
    Shown,
}

/// Writes and clears the marker of the article being opened, and knows the article
/// the last run left marked.
#[derive(Default)]
pub struct OpeningGuard {
    /// The marker file; `None` when there is no data folder (tests, odd systems), and
    /// then nothing is guarded.
    marker: Option<PathBuf>,
    /// The article the last run was opening when it ended: not reopened by itself.
    suspect: Option<PathBuf>,
    /// The article marked now and not shown yet.
    marked: Option<PathBuf>,
    /// The thread writing and removing the marker, started with the first mark.
    writer: Option<(Sender<Mark>, JoinHandle<()>)>,
}

impl OpeningGuard {
    /// A guard keeping its marker in `folder`, taking note of an article the last
    /// run left marked (read here, once, before the first frame).
    pub fn in_folder(folder: &Path) -> Self {
        let marker = folder.join(MARKER_NAME);
        let suspect = read_marker(&marker);
        Self {
            marker: Some(marker),
            suspect,
            marked: None,
            writer: None,
        }
    }

    /// Whether `article` was being opened when the last run ended, so that it must
    /// not be opened again without the reader asking.
    pub fn is_suspect(&self, article: &Path) -> bool {
        self.suspect.as_deref() == Some(article)
    }

    /// The reader opened the suspect article on purpose: it is no longer held back.
    pub fn forgive(&mut self, article: &Path) {
        if self.is_suspect(article) {
            self.suspect = None;
        }
    }

    /// `article` is about to be opened: its marker is written first.
    pub fn opening(&mut self, article: &Path) {
        if self.marked.as_deref() == Some(article) {
            return;
        }
        self.marked = Some(article.to_owned());
        self.send(Mark::Opening(article.to_owned()));
    }

    /// The article being opened has been on screen: its marker goes.
    pub fn shown(&mut self, article: &Path) {
        if self.marked.as_deref() == Some(article) {
            self.marked = None;
            self.send(Mark::Shown);
        }
    }

    /// Removes the marker and waits for the thread: a clean exit leaves no marker,
    /// whatever was being opened.
    pub fn close(&mut self) {
        if self.marked.take().is_some() {
            self.send(Mark::Shown);
        }
        if let Some((sender, thread)) = self.writer.take() {
            drop(sender);
            // A panic in the thread only means the marker may be left: nothing to do.
            let _ = thread.join();
        }
    }

    fn send(&mut self, mark: Mark) {
        let Some(marker) = self.marker.clone() else {
            return;
        };
        if self.writer.is_none() {
            let (sender, receiver) = channel::<Mark>();
            let spawned = std::thread::Builder::new()
                .name("hamish-opening-guard".to_owned())
                .spawn(move || {
                    for mark in receiver {
                        apply(&marker, &mark);
                    }
                });
            match spawned {
                Ok(thread) => self.writer = Some((sender, thread)),
                // Without the thread nothing is guarded; the app works as before.
                Err(_) => return,
            }
        }
        if let Some((sender, _)) = &self.writer {
            // The thread ends only when the sender is dropped.
            let _ = sender.send(mark);
        }
    }
}

impl Drop for OpeningGuard {
    fn drop(&mut self) {
        self.close();
    }
}

/// Does what `mark` asks to the marker file. A marker that cannot be written only
/// leaves the next start unguarded, so failures are not reported.
fn apply(marker: &Path, mark: &Mark) {
    match mark {
        Mark::Opening(article) => {
            if let Ok(json) = serde_json::to_vec(article) {
                if let Some(folder) = marker.parent() {
                    let _ = std::fs::create_dir_all(folder);
                }
                let _ = crate::store::write_atomic(marker, &json);
            }
        }
        Mark::Shown => {
            let _ = std::fs::remove_file(marker);
        }
    }
}

/// The article named by the marker at `marker`, if there is one Hamish wrote: a
/// regular file, small, naming a path.
fn read_marker(marker: &Path) -> Option<PathBuf> {
    let metadata = std::fs::symlink_metadata(marker).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_MARKER_BYTES {
        return None;
    }
    let bytes = std::fs::read(marker).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_that_ended_the_last_run_while_opening_is_suspect_at_the_next_start() {
        let folder = tempfile::tempdir().expect("temp dir");
        let article = folder.path().join("huge.txt");
        {
            let mut guard = OpeningGuard::in_folder(folder.path());
            assert!(!guard.is_suspect(&article));
            guard.opening(&article);
            // The run dies here: nothing unwinds, the marker stays. (Forgetting the
            // guard skips its drop, as an abort would, once the thread has written.)
            let (sender, thread) = guard.writer.take().expect("writer started");
            drop(sender);
            thread.join().expect("writer finished");
            std::mem::forget(guard);
        }
        let mut next_run = OpeningGuard::in_folder(folder.path());
        assert!(next_run.is_suspect(&article));
        assert!(!next_run.is_suspect(&folder.path().join("other.txt")));
        // Picked by the reader, it is opened.
        next_run.forgive(&article);
        assert!(!next_run.is_suspect(&article));
    }

    #[test]
    fn an_article_shown_or_a_clean_exit_leaves_no_suspect() {
        let folder = tempfile::tempdir().expect("temp dir");
        let shown = folder.path().join("shown.txt");
        let mut guard = OpeningGuard::in_folder(folder.path());
        guard.opening(&shown);
        guard.shown(&shown);
        drop(guard);
        assert!(!OpeningGuard::in_folder(folder.path()).is_suspect(&shown));
        assert!(!folder.path().join(MARKER_NAME).exists());

        let loading = folder.path().join("loading.txt");
        let mut guard = OpeningGuard::in_folder(folder.path());
        guard.opening(&loading);
        drop(guard);
        assert!(!OpeningGuard::in_folder(folder.path()).is_suspect(&loading));
    }

    #[test]
    fn a_marker_that_is_not_one_hamish_wrote_is_ignored() {
        let folder = tempfile::tempdir().expect("temp dir");
        std::fs::write(folder.path().join(MARKER_NAME), b"\xff not json").expect("write");
        let guard = OpeningGuard::in_folder(folder.path());
        assert_eq!(guard.suspect, None);
    }
}
