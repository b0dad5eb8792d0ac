//! Watching an open folder for articles added, removed or changed on disk.
//!
//! notify reports every write as it happens, and an editor saving a file makes
//! several (truncate, write, rename); the [`FolderWatcher`] waits until the folder
//! has been quiet for a moment and then reports the changed paths at once. Reading a
//! file is not a change: access events are ignored, or reading an article after a
//! change would be reported as another change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long the folder must be quiet before a change is reported.
const QUIET: Duration = Duration::from_millis(200);

/// A change is reported at the latest this long after it began, even if writing goes
/// on (a file being copied in slowly).
const MAX_DELAY: Duration = Duration::from_secs(2);

/// Paths added, removed or changed under a watched folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FolderChange {
    /// The files and folders concerned, sorted.
    pub paths: Vec<PathBuf>,
    /// True when events were lost (the system's queue overflowed): everything may
    /// have changed.
    pub rescan: bool,
}

impl FolderChange {
    /// Whether this change concerns a translation file (a companion) of the article
    /// at `article`, or might (events were lost): its translations should be read
    /// again.
    pub fn touches_companions_of(&self, article: &Path) -> bool {
        self.rescan
            || self
                .paths
                .iter()
                .any(|path| super::translation::is_companion_of(path, article))
    }

    /// The changed paths that are translation files of some article, by their names.
    pub fn companion_paths(&self) -> impl Iterator<Item = &Path> {
        self.paths.iter().map(PathBuf::as_path).filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| !super::translation::candidates_of(name).is_empty())
        })
    }
}

/// Watches a folder and its sub-folders until dropped.
pub struct FolderWatcher {
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for FolderWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderWatcher").finish_non_exhaustive()
    }
}

impl FolderWatcher {
    /// Watches `root`, calling `on_change` from a background thread (named
    /// `folder-watch`) after each burst of changes.
    pub fn new(
        root: &Path,
        on_change: impl Fn(FolderChange) + Send + 'static,
    ) -> notify::Result<Self> {
        let (sender, receiver) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        std::thread::Builder::new()
            .name("folder-watch".to_owned())
            .spawn(move || debounce(&receiver, &on_change))
            .map_err(notify::Error::io)?;
        Ok(Self { _watcher: watcher })
    }
}

/// Collects events into bursts until the watcher is dropped (which closes the
/// channel).
fn debounce(
    receiver: &mpsc::Receiver<notify::Result<notify::Event>>,
    on_change: &impl Fn(FolderChange),
) {
    while let Ok(first) = receiver.recv() {
        let mut change = FolderChange::default();
        let mut paths = BTreeSet::new();
        let started = Instant::now();
        let mut next = Some(first);
        while let Some(event) = next {
            note(event, &mut paths, &mut change.rescan);
            let waited = started.elapsed();
            if waited >= MAX_DELAY {
                break;
            }
            next = match receiver.recv_timeout(QUIET.min(MAX_DELAY - waited)) {
                Ok(event) => Some(event),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            };
        }
        if change.rescan || !paths.is_empty() {
            change.paths = paths.into_iter().collect();
            on_change(change);
        }
    }
}

fn note(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>, rescan: &mut bool) {
    let event = match event {
        Ok(event) => event,
        // The watcher could not tell what happened: look again at everything.
        Err(_) => {
            *rescan = true;
            return;
        }
    };
    if event.need_rescan() {
        *rescan = true;
    }
    match event.kind {
        EventKind::Access(_) => {}
        EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => {}
        _ => paths.extend(event.paths),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_to_translation_files_are_recognised() {
        let folder = Path::new("/f");
        let change = FolderChange {
            paths: vec![folder.join("a.en.txt"), folder.join("b.txt")],
            rescan: false,
        };
        assert!(change.touches_companions_of(&folder.join("a.txt")));
        assert!(!change.touches_companions_of(&folder.join("b.txt")));
        assert_eq!(
            change.companion_paths().collect::<Vec<_>>(),
            [folder.join("a.en.txt").as_path()]
        );
    }

    #[test]
    fn a_burst_of_writes_is_one_change() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let (sender, receiver) = mpsc::channel();
        let _watcher = FolderWatcher::new(folder.path(), move |change| {
            let _ = sender.send(change);
        })
        .expect("watch");
        let path = folder.path().join("جديد.txt");
        for i in 0..5 {
            std::fs::write(&path, format!("نص {i}")).expect("write");
        }
        let change = receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("a change is reported");
        assert!(change.paths.contains(&path), "{change:?}");
        // Reading is not a change.
        std::fs::read(&path).expect("read");
        assert!(
            receiver.recv_timeout(QUIET * 3).is_err(),
            "no change for a read"
        );
    }
}
