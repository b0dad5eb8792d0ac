//! The `search-index` thread: it owns the folder's [`SearchIndex`], builds it, keeps
//! it current from the folder's changes and runs queries on it, answering every
//! request exactly once so the app knows when it has caught up.

use std::path::PathBuf;
use std::sync::mpsc;

use crate::search::{ImportedTranslations, Query, SearchIndex, SearchResults};

/// How many articles the folder's results list.
const LISTED_ARTICLES: usize = 200;

/// What the index thread is asked.
pub(super) enum Request {
    /// Index this folder (instead of any other), with the translation files
    /// imported for its articles from elsewhere.
    Build(PathBuf, ImportedTranslations),
    /// These files changed on disk (everything may have, with `rescan`).
    Changed { paths: Vec<PathBuf>, rescan: bool },
    /// Run this query, numbered.
    Search(u64, Query),
}

/// What it answers, once per request.
pub(super) enum Reply {
    /// The index is up to date: how many articles it holds, and left out.
    Indexed { articles: usize, left_out: usize },
    /// A query's results.
    Results(u64, SearchResults),
}

/// The index thread, seen from the app.
pub(super) struct IndexThread {
    requests: mpsc::Sender<Request>,
    pub(super) replies: mpsc::Receiver<Reply>,
    /// Requests not answered yet.
    pub(super) pending: usize,
}

impl IndexThread {
    pub(super) fn spawn(ctx: &egui::Context) -> std::io::Result<Self> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, replies) = mpsc::channel::<Reply>();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("search-index".to_owned())
            .spawn(move || {
                let mut index = SearchIndex::default();
                let mut root: Option<(PathBuf, ImportedTranslations)> = None;
                while let Ok(request) = inbox.recv() {
                    let reply = match request {
                        Request::Build(folder, imported) => {
                            index = SearchIndex::build_with_imported(&folder, imported.clone())
                                .unwrap_or_default();
                            root = Some((folder, imported));
                            indexed(&index)
                        }
                        Request::Changed { paths, rescan } => {
                            match (&root, rescan) {
                                (Some((folder, imported)), true) => {
                                    index =
                                        SearchIndex::build_with_imported(folder, imported.clone())
                                            .unwrap_or_default();
                                }
                                _ => index.refresh(&paths),
                            }
                            indexed(&index)
                        }
                        Request::Search(ticket, query) => {
                            Reply::Results(ticket, index.search(&query, LISTED_ARTICLES))
                        }
                    };
                    if outbox.send(reply).is_err() {
                        return;
                    }
                    ctx.request_repaint();
                }
            })?;
        Ok(Self {
            requests,
            replies,
            pending: 0,
        })
    }

    pub(super) fn send(&mut self, request: Request) {
        if self.requests.send(request).is_ok() {
            self.pending += 1;
        }
    }
}

fn indexed(index: &SearchIndex) -> Reply {
    Reply::Indexed {
        articles: index.len(),
        left_out: index.left_out(),
    }
}
