//! The background thread that writes sidecars and watches them for outside changes,
//! and the autosave timing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use crate::model::Notes;

use super::atomic::write_atomic;
use super::backup::backup_now;
use super::sidecar::{LoadError, decode};

/// A save waits this long after the last edit, so a burst of typing is one write…
const IDLE_BEFORE_SAVE: Duration = Duration::from_millis(300);

/// …but never longer than this after the first unsaved edit: what was typed is on
/// disk within a second, even while typing goes on.
const LONGEST_UNSAVED: Duration = Duration::from_millis(800);

/// How often the watched sidecar is checked for changes made by others.
const WATCH_INTERVAL: Duration = Duration::from_millis(1000);

/// A backup is taken at the first save of a sidecar and then at most this often.
const BACKUP_INTERVAL: Duration = Duration::from_secs(10 * 60);

/// When unsaved edits should be written.
#[derive(Clone, Copy, Debug, Default)]
pub struct Autosave {
    first_unsaved: Option<Instant>,
    last_edit: Option<Instant>,
}

impl Autosave {
    /// Records an edit made at `now`.
    pub fn edited(&mut self, now: Instant) {
        self.first_unsaved.get_or_insert(now);
        self.last_edit = Some(now);
    }

    /// True when there are edits to save and it is time to save them.
    pub fn due(&self, now: Instant) -> bool {
        match (self.first_unsaved, self.last_edit) {
            (Some(first), Some(last)) => {
                now.duration_since(last) >= IDLE_BEFORE_SAVE
                    || now.duration_since(first) >= LONGEST_UNSAVED
            }
            _ => false,
        }
    }

    /// True when there are edits not handed to the writer yet.
    pub fn is_pending(&self) -> bool {
        self.first_unsaved.is_some()
    }

    /// How long until [`Self::due`] becomes true, to schedule a wake-up.
    pub fn time_until_due(&self, now: Instant) -> Option<Duration> {
        let (first, last) = (self.first_unsaved?, self.last_edit?);
        let idle = (last + IDLE_BEFORE_SAVE).saturating_duration_since(now);
        let longest = (first + LONGEST_UNSAVED).saturating_duration_since(now);
        Some(idle.min(longest))
    }

    /// Records that the edits were handed to the writer.
    pub fn handed_over(&mut self) {
        *self = Self::default();
    }
}

/// What the worker reports.
#[derive(Debug)]
pub enum WorkerEvent {
    /// The save numbered `generation` of `sidecar` is on disk.
    Saved {
        /// The file written.
        sidecar: PathBuf,
        /// The number the save was asked with.
        generation: u64,
    },
    /// The save could not be done; the notes are still in memory.
    SaveFailed {
        /// The file that could not be written.
        sidecar: PathBuf,
        /// The number the save was asked with.
        generation: u64,
        /// What went wrong, in plain words.
        error: String,
        /// True when the folder cannot be written to at all.
        read_only: bool,
    },
    /// A file asked for with [`SidecarWorker::write`] was written, or not.
    Written {
        /// The file.
        path: PathBuf,
        /// What went wrong, if anything.
        result: Result<(), String>,
    },
    /// The watched sidecar was changed by someone else (a sync tool, another window).
    ChangedOnDisk {
        /// The sidecar.
        sidecar: PathBuf,
        /// Its notes now, or why they cannot be read.
        notes: Result<Notes, String>,
    },
}

enum Job {
    Save {
        sidecar: PathBuf,
        contents: String,
        generation: u64,
    },
    Write {
        path: PathBuf,
        contents: String,
    },
    Watch(Option<PathBuf>),
}

/// Size and modification time: enough to notice that a file changed.
type Fingerprint = (u64, Option<SystemTime>);

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()))
}

/// The thread that writes sidecars and watches one for outside changes.
///
/// Dropping it finishes the saves already asked for, then stops the thread.
pub struct SidecarWorker {
    jobs: Option<Sender<Job>>,
    events: Receiver<WorkerEvent>,
    thread: Option<JoinHandle<()>>,
}

impl SidecarWorker {
    /// Starts the thread; `wake` is called after every event (to repaint the UI).
    pub fn spawn(wake: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (jobs, job_receiver) = mpsc::channel();
        let (event_sender, events) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("sidecar-writer".to_owned())
            .spawn(move || run(&job_receiver, &event_sender, &wake))?;
        Ok(Self {
            jobs: Some(jobs),
            events,
            thread: Some(thread),
        })
    }

    /// Asks for `contents` to be written to `sidecar`.
    pub fn save(&self, sidecar: PathBuf, contents: String, generation: u64) {
        self.send(Job::Save {
            sidecar,
            contents,
            generation,
        });
    }

    /// Asks for `contents` to be written to `path` (an export, or notes saved
    /// elsewhere), atomically and without backups.
    pub fn write(&self, path: PathBuf, contents: String) {
        self.send(Job::Write { path, contents });
    }

    /// Watches `sidecar` for outside changes (one at a time; `None` stops watching).
    pub fn watch(&self, sidecar: Option<PathBuf>) {
        self.send(Job::Watch(sidecar));
    }

    fn send(&self, job: Job) {
        // The thread only ends when this struct is dropped.
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// The events reported since the last call.
    pub fn events(&self) -> Vec<WorkerEvent> {
        self.events.try_iter().collect()
    }

    /// Waits for the next event, up to `timeout`.
    pub fn wait_event(&self, timeout: Duration) -> Option<WorkerEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for SidecarWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(jobs: &Receiver<Job>, events: &Sender<WorkerEvent>, wake: &dyn Fn()) {
    let mut watched: Option<(PathBuf, Option<Fingerprint>)> = None;
    let mut last_backup: HashMap<PathBuf, Instant> = HashMap::new();
    let report = |event: WorkerEvent| {
        let _ = events.send(event);
        wake();
    };
    loop {
        let first = match jobs.recv_timeout(WATCH_INTERVAL) {
            Ok(job) => Some(job),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Only the newest save of each file matters: older ones are skipped.
        let mut saves: Vec<(PathBuf, String, u64)> = Vec::new();
        for job in first.into_iter().chain(jobs.try_iter()) {
            match job {
                Job::Save {
                    sidecar,
                    contents,
                    generation,
                } => {
                    saves.retain(|(path, _, _)| *path != sidecar);
                    saves.push((sidecar, contents, generation));
                }
                Job::Watch(path) => watched = path.map(|path| (path.clone(), fingerprint(&path))),
                Job::Write { path, contents } => {
                    let result =
                        write_atomic(&path, contents.as_bytes()).map_err(|error| error.to_string());
                    report(WorkerEvent::Written { path, result });
                }
            }
        }
        for (sidecar, contents, generation) in saves {
            let backup_due = last_backup
                .get(&sidecar)
                .is_none_or(|at| at.elapsed() >= BACKUP_INTERVAL);
            if backup_due && backup_now(&sidecar).is_ok() {
                last_backup.insert(sidecar.clone(), Instant::now());
            }
            match write_atomic(&sidecar, contents.as_bytes()) {
                Ok(()) => {
                    if let Some((path, known)) = &mut watched
                        && *path == sidecar
                    {
                        *known = fingerprint(path);
                    }
                    report(WorkerEvent::Saved {
                        sidecar,
                        generation,
                    });
                }
                Err(error) => {
                    let read_only = matches!(
                        error.kind(),
                        std::io::ErrorKind::PermissionDenied
                            | std::io::ErrorKind::ReadOnlyFilesystem
                    );
                    report(WorkerEvent::SaveFailed {
                        sidecar,
                        generation,
                        error: error.to_string(),
                        read_only,
                    });
                }
            }
        }
        if let Some((path, known)) = &mut watched {
            let now = fingerprint(path);
            if now != *known {
                *known = now;
                if now.is_some() {
                    let notes = std::fs::read(&*path)
                        .map_err(LoadError::Unreadable)
                        .and_then(|bytes| decode(&String::from_utf8_lossy(&bytes)))
                        .map_err(|error| error.to_string());
                    report(WorkerEvent::ChangedOnDisk {
                        sidecar: path.clone(),
                        notes,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autosave_waits_for_a_pause_but_not_forever() {
        let start = Instant::now();
        let mut autosave = Autosave::default();
        assert!(!autosave.due(start));
        autosave.edited(start);
        assert!(!autosave.due(start + Duration::from_millis(100)));
        assert!(autosave.due(start + IDLE_BEFORE_SAVE));
        // Typing without a pause: still saved within a second of the first edit.
        let mut typing = Autosave::default();
        let mut first_unsaved_ms = None;
        let mut saves = 0;
        for ms in (0..3000u64).step_by(100) {
            let now = start + Duration::from_millis(ms);
            if typing.due(now) {
                let waited = ms - first_unsaved_ms.take().unwrap_or(ms);
                assert!(waited <= 1000, "an edit waited {waited} ms");
                typing.handed_over();
                saves += 1;
            }
            typing.edited(now);
            first_unsaved_ms.get_or_insert(ms);
        }
        assert!(saves >= 3);
    }
}
