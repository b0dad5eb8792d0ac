//! Work the app does away from the UI thread: finding and listing a folder, reading
//! the titles of its articles, loading an article with its notes, watching the folder,
//! exporting. Each job runs on a named thread and reports over one channel, drained in
//! [`super::HamishApp::logic`]. This is what keeps the promise that a frame never
//! touches the disk: whatever needs a file goes through here.
//!
//! Every job ends with exactly one final report, even when it was cancelled, so the
//! app always knows how much work is still under way ([`Background::pending`]); tests
//! use that to wait until the app has settled.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::import::{
    self, EntrySummary, FolderChange, FolderWatcher, ImportError, ImportedArticle, Library,
};
use crate::store::ArticleNotes;

use super::export::{ExportError, ExportJob};
use super::store_messages::notices_message;
use super::translations::{LoadedTranslation, read_translations};

/// Summaries are sent in batches of this many, or sooner when this much time has
/// passed, so the list fills in steadily without a message per file.
const SUMMARY_BATCH: usize = 128;
const SUMMARY_BATCH_TIME: Duration = Duration::from_millis(60);

/// Why a folder is being listed.
#[derive(Debug)]
pub(super) enum Listing {
    /// It is being opened, at this article if given.
    Open {
        /// The article to show once the folder is listed.
        article: Option<PathBuf>,
    },
    /// It changed on disk.
    Refresh {
        /// What changed.
        change: FolderChange,
    },
}

/// Why a folder cannot be opened.
#[derive(Debug, thiserror::Error)]
pub(super) enum FolderError {
    /// Nothing is at the path asked for.
    #[error("there is no file or folder at {}", .0.display())]
    Missing(PathBuf),
    /// The folder is there but cannot be listed.
    #[error("this folder cannot be read ({error}): {}", .root.display())]
    Unreadable {
        /// The folder.
        root: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

/// What a background job reports.
#[derive(Debug)]
pub(super) enum Report {
    /// A folder was listed (final).
    Listed {
        /// The folder generation the listing was asked for.
        generation: u64,
        /// Why it was listed.
        listing: Listing,
        /// Its articles, or why it cannot be read.
        result: Result<Library, FolderError>,
        /// A watcher for the folder, when it was opened (not refreshed) and can be
        /// watched.
        watcher: Option<FolderWatcher>,
    },
    /// Some entries were summarised.
    Summaries {
        /// The folder generation the entries belong to.
        generation: u64,
        /// Each entry's path and summary.
        summaries: Vec<(PathBuf, EntrySummary)>,
    },
    /// A summarising job ended (final).
    SummariesDone,
    /// An article was read (final).
    Loaded {
        /// Which request this answers: only the latest is shown.
        ticket: u64,
        /// The article's file.
        path: PathBuf,
        /// The article, or why it cannot be shown.
        result: Result<ImportedArticle, ImportError>,
        /// Its notes, when they were asked for and the article could be read, with
        /// what the reader must know about their file.
        notes: Option<(Box<ArticleNotes>, Option<String>)>,
    },
    /// An article's translation files were read (final). They are read after the
    /// article, so a large one never delays the article's first frame.
    TranslationsRead {
        /// The request of the article they belong to.
        ticket: u64,
        /// The article's file.
        path: PathBuf,
        /// Each file, read or not.
        files: Vec<LoadedTranslation>,
    },
    /// An export was written, or not (final).
    Exported {
        /// The file asked for.
        path: PathBuf,
        /// What went wrong, if anything.
        result: Result<(), ExportError>,
    },
    /// The open folder changed on disk.
    FolderChanged {
        /// The folder generation that was being watched.
        generation: u64,
        /// What changed.
        change: FolderChange,
    },
}

impl Report {
    /// True for the last report of a job.
    fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Listed { .. }
                | Self::SummariesDone
                | Self::Loaded { .. }
                | Self::TranslationsRead { .. }
                | Self::Exported { .. }
        )
    }
}

/// The background jobs and their reports.
pub(super) struct Background {
    sender: mpsc::Sender<Report>,
    receiver: mpsc::Receiver<Report>,
    /// Reports received while waiting, not handled yet.
    inbox: VecDeque<Report>,
    /// Jobs started whose final report has not been received.
    pending: usize,
    /// The generation of the open folder; summarising jobs of an older one stop.
    current_generation: Arc<AtomicU64>,
}

impl Default for Background {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        Self {
            sender,
            receiver,
            inbox: VecDeque::new(),
            pending: 0,
            current_generation: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl Background {
    /// Jobs still under way.
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Makes `generation` the current folder's: jobs of older folders stop early.
    pub fn set_generation(&self, generation: u64) {
        self.current_generation.store(generation, Ordering::Relaxed);
    }

    /// Every report received so far, oldest first.
    pub fn drain(&mut self) -> Vec<Report> {
        while let Ok(report) = self.receiver.try_recv() {
            self.receive(report);
        }
        self.inbox.drain(..).collect()
    }

    /// Blocks until no job is under way or `timeout` has passed; true if none is.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.pending > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok(report) => self.receive(report),
                Err(_) => return false,
            }
        }
        true
    }

    fn receive(&mut self, report: Report) {
        if report.is_final() {
            self.pending = self.pending.saturating_sub(1);
        }
        self.inbox.push_back(report);
    }

    /// Starts a job on a named thread; `job` must send exactly one final report.
    fn spawn(
        &mut self,
        name: &str,
        ctx: &egui::Context,
        job: impl FnOnce(&mpsc::Sender<Report>) + Send + 'static,
    ) -> std::io::Result<()> {
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                job(&sender);
                ctx.request_repaint();
            })?;
        self.pending += 1;
        Ok(())
    }

    /// Finds the folder at `path` (or the folder of the file at `path`, to show that
    /// file) and lists it without reading its files. A folder being opened is watched
    /// too, from before it is listed, so no change is missed; setting up the watch
    /// walks the folder, which is another reason this is not done on the UI thread.
    pub fn list(
        &mut self,
        ctx: &egui::Context,
        generation: u64,
        path: PathBuf,
        listing: Listing,
    ) -> std::io::Result<()> {
        let watch =
            matches!(listing, Listing::Open { .. }).then(|| self.watch_job(ctx, generation));
        self.spawn("folder-listing", ctx, move |sender| {
            let (listing, result, watcher) = match resolve(&path, listing) {
                Ok((root, listing)) => {
                    let watcher = watch.and_then(|watch| match watch(&root) {
                        Ok(watcher) => Some(watcher),
                        Err(error) => {
                            log::warn!("not watching {}: {error}", root.display());
                            None
                        }
                    });
                    let result = import::list_folder(&root)
                        .map_err(|error| FolderError::Unreadable { root, error });
                    (listing, result, watcher)
                }
                Err((listing, error)) => (listing, Err(error), None),
            };
            // The app may be closing; then nobody needs the result.
            let _ = sender.send(Report::Listed {
                generation,
                listing,
                result,
                watcher,
            });
        })
    }

    /// Reads the titles and problems of `paths`, in order, reporting in batches.
    pub fn summarize(
        &mut self,
        ctx: &egui::Context,
        generation: u64,
        paths: Vec<PathBuf>,
    ) -> std::io::Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let current_generation = self.current_generation.clone();
        let repaint = ctx.clone();
        self.spawn("library-titles", ctx, move |sender| {
            let mut batch = Vec::with_capacity(SUMMARY_BATCH);
            let mut batch_started = Instant::now();
            for path in paths {
                if current_generation.load(Ordering::Relaxed) != generation {
                    break;
                }
                let summary = import::summarize(&path);
                batch.push((path, summary));
                if batch.len() >= SUMMARY_BATCH || batch_started.elapsed() >= SUMMARY_BATCH_TIME {
                    let summaries = std::mem::take(&mut batch);
                    if sender
                        .send(Report::Summaries {
                            generation,
                            summaries,
                        })
                        .is_err()
                    {
                        return;
                    }
                    repaint.request_repaint();
                    batch_started = Instant::now();
                }
            }
            if !batch.is_empty() {
                let _ = sender.send(Report::Summaries {
                    generation,
                    summaries: batch,
                });
            }
            let _ = sender.send(Report::SummariesDone);
        })
    }

    /// Reads the article at `path`, refusing files over `max_bytes` if given; with
    /// `with_notes` opens its notes too (reading, and if need be setting aside, its
    /// sidecar).
    pub fn load(
        &mut self,
        ctx: &egui::Context,
        ticket: u64,
        path: PathBuf,
        max_bytes: Option<u64>,
        with_notes: bool,
    ) -> std::io::Result<()> {
        self.spawn("article-loader", ctx, move |sender| {
            let result = import::import_file(&path, max_bytes);
            let notes = (with_notes && result.is_ok()).then(|| {
                let (notes, notices) = ArticleNotes::open(&path);
                (Box::new(notes), notices_message(&notices))
            });
            let _ = sender.send(Report::Loaded {
                ticket,
                path,
                result,
                notes,
            });
        })
    }

    /// Reads the translation files of the article at `path`: its companions and the
    /// files in `imported`.
    pub fn load_translations(
        &mut self,
        ctx: &egui::Context,
        ticket: u64,
        path: PathBuf,
        imported: Vec<PathBuf>,
    ) -> std::io::Result<()> {
        self.spawn("translation-loader", ctx, move |sender| {
            let files = read_translations(&path, &imported);
            let _ = sender.send(Report::TranslationsRead {
                ticket,
                path,
                files,
            });
        })
    }

    /// Writes an export: reads what it needs of the article's file, then writes the
    /// result atomically.
    pub fn export(&mut self, ctx: &egui::Context, job: ExportJob) -> std::io::Result<()> {
        self.spawn("export", ctx, move |sender| {
            let path = job.target.clone();
            let result = job.run();
            let _ = sender.send(Report::Exported { path, result });
        })
    }

    /// What starts watching a folder, its changes reported as
    /// [`Report::FolderChanged`].
    fn watch_job(
        &self,
        ctx: &egui::Context,
        generation: u64,
    ) -> impl FnOnce(&Path) -> notify::Result<FolderWatcher> + Send + 'static {
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        move |root| {
            FolderWatcher::new(root, move |change| {
                if sender
                    .send(Report::FolderChanged { generation, change })
                    .is_ok()
                {
                    ctx.request_repaint();
                }
            })
        }
    }
}

/// The folder to list for `path`, and the listing with the article to show if `path`
/// is a file; canonical paths, so one folder is one entry in the recent folders.
fn resolve(path: &Path, listing: Listing) -> Result<(PathBuf, Listing), (Listing, FolderError)> {
    let canonical = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_owned());
    if path.is_dir() {
        Ok((canonical(path), listing))
    } else if path.is_file() {
        let folder = path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_owned);
        let article = Some(canonical(path));
        Ok((canonical(&folder), Listing::Open { article }))
    } else {
        Err((listing, FolderError::Missing(path.to_owned())))
    }
}
