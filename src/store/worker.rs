//! The background thread that writes sidecars and watches the open one for changes
//! made elsewhere.
//!
//! Saves follow the protocol in `save`: each one merges what is on disk first and
//! never destroys a file it has not seen. Between saves, the watched sidecar is
//! checked every second; a change is read and reported so the app can merge it and
//! show it at once. The worker's own writes are not reported: the fingerprint of the
//! file it put in place is taken before it is swapped in, so a file written by
//! someone else right after is still a change.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::atomic::write_atomic;
use super::contents::SidecarContents;
use super::error::LoadError;
use super::save::{Displaced, Fingerprint, NotSaved, SaveRequest, Saved, fingerprint, save};
use super::sidecar::load_contents;

/// How often the watched sidecar is checked for changes made by others.
const WATCH_INTERVAL: Duration = Duration::from_millis(1000);

/// A backup is taken at the first save of a sidecar and then at most this often.
const BACKUP_INTERVAL: Duration = Duration::from_secs(10 * 60);

/// What the worker reports.
#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "one event a save or a change on disk, moved once over a channel: boxing the sidecar's contents would buy nothing"
)]
pub enum WorkerEvent {
    /// News of a sidecar: a save done or not, or a change made elsewhere.
    Sidecar {
        /// The sidecar.
        sidecar: PathBuf,
        /// What happened.
        report: SidecarReport,
    },
    /// A file asked for with [`SidecarWorker::write`] was written, or not.
    Written {
        /// The file.
        path: PathBuf,
        /// What went wrong, if anything.
        result: std::io::Result<()>,
    },
}

/// What happened to a sidecar; hand it to
/// [`ArticleNotes::report`](super::ArticleNotes::report).
#[derive(Debug)]
pub enum SidecarReport {
    /// The save numbered `generation` is on disk, merged with what was there.
    Saved {
        /// The number the save was asked with.
        generation: u64,
        /// What was written.
        saved: Saved,
    },
    /// The save numbered `generation` was not done; the notes are still in memory.
    NotSaved {
        /// The number the save was asked with.
        generation: u64,
        /// Why.
        reason: NotSaved,
    },
    /// The watched sidecar was changed by someone else (a sync tool, another window):
    /// what it holds now, or why it cannot be used.
    ChangedOnDisk(Result<SidecarContents, LoadError>),
}

enum Job {
    Save(Box<SaveRequest>),
    Write { path: PathBuf, contents: String },
    Watch(Option<PathBuf>),
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

    /// Asks for `request` to be saved (see [`ArticleNotes::take_save`](super::ArticleNotes::take_save)).
    pub fn save(&self, request: SaveRequest) {
        self.send(Job::Save(Box::new(request)));
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

/// Keeps only the newest save of each sidecar: it holds every earlier one's edits.
/// Its base becomes the oldest one's, which is what is on disk if none was done.
fn coalesce(saves: &mut Vec<SaveRequest>, request: SaveRequest) {
    if let Some(position) = saves.iter().position(|s| s.sidecar == request.sidecar) {
        let earlier = saves.remove(position);
        let mut request = request;
        request.base = earlier.base;
        request.settled.extend(earlier.settled);
        saves.push(request);
    } else {
        saves.push(request);
    }
}

fn run(jobs: &Receiver<Job>, events: &Sender<WorkerEvent>, wake: &dyn Fn()) {
    let mut watched: Option<(PathBuf, Option<Fingerprint>)> = None;
    let mut last_backup: HashMap<PathBuf, Instant> = HashMap::new();
    let mut displaced: HashMap<PathBuf, Vec<Displaced>> = HashMap::new();
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
        let mut saves: Vec<SaveRequest> = Vec::new();
        for job in first.into_iter().chain(jobs.try_iter()) {
            match job {
                Job::Save(request) => coalesce(&mut saves, *request),
                Job::Watch(path) => watched = path.map(|path| (path.clone(), fingerprint(&path))),
                Job::Write { path, contents } => {
                    let result = write_atomic(&path, contents.as_bytes());
                    report(WorkerEvent::Written { path, result });
                }
            }
        }
        for request in saves {
            let sidecar = request.sidecar.clone();
            let backup_due = last_backup
                .get(&sidecar)
                .is_none_or(|at| at.elapsed() >= BACKUP_INTERVAL);
            let generation = request.generation;
            let kept = displaced.entry(sidecar.clone()).or_default();
            let outcome = save(&request, kept, backup_due);
            if backup_due && outcome.is_ok() {
                last_backup.insert(sidecar.clone(), Instant::now());
            }
            if kept.is_empty() {
                displaced.remove(&sidecar);
            }
            let report_of_save = match outcome {
                Ok((saved, written)) => {
                    if let Some((path, known)) = &mut watched
                        && *path == sidecar
                    {
                        *known = written;
                    }
                    SidecarReport::Saved { generation, saved }
                }
                Err(reason) => SidecarReport::NotSaved { generation, reason },
            };
            report(WorkerEvent::Sidecar {
                sidecar,
                report: report_of_save,
            });
        }
        if let Some((path, known)) = &mut watched {
            let now = fingerprint(path);
            if now != *known {
                *known = now;
                if now.is_some() {
                    report(WorkerEvent::Sidecar {
                        sidecar: path.clone(),
                        report: SidecarReport::ChangedOnDisk(load_contents(path)),
                    });
                }
            }
        }
    }
}
