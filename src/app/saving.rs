//! Keeping the open article's notes on disk: autosave through the sidecar writer,
//! its reports, outside changes merged, and pending edits handed over when the
//! reader leaves the article or closes the app.

use std::time::Instant;

use crate::store::{SidecarReport, SidecarWorker, WorkerEvent};

use super::store_messages::{not_saved_message, notices_message};

use super::messages::Messages;
use super::session::{Content, OpenArticle, Session, reader_translations};

impl Session {
    /// Starts the sidecar writer if it is not running.
    pub(super) fn ensure_worker(&mut self, ctx: &egui::Context, messages: &mut Messages) {
        if self.worker.is_some() {
            return;
        }
        let repaint = ctx.clone();
        match SidecarWorker::spawn(move || repaint.request_repaint()) {
            Ok(worker) => self.worker = Some(worker),
            Err(error) => messages.tell(format!(
                "Notes cannot be saved: the saving thread did not start ({error})."
            )),
        }
    }

    /// Watches the sidecar of the open article for outside changes.
    pub(super) fn watch_open_sidecar(&self) {
        let sidecar = self
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref())
            .map(|notes| notes.store.sidecar().to_owned());
        if let Some(worker) = &self.worker {
            worker.watch(sidecar);
        }
    }

    /// Finds every note of the open article in its text, and resolves its translation
    /// column, if anything changed.
    pub(super) fn place_notes(&mut self) {
        if let Some(OpenArticle {
            content: Content::Ready(imported),
            notes,
            translations,
            ..
        }) = &mut self.open
        {
            if let Some(notes) = notes.as_mut() {
                notes.place_all(&imported.article);
            }
            if let Some(translations) = translations {
                translations.receive_alignment(notes.as_mut().map(|notes| &mut notes.store));
                let (data, revision) = reader_translations(notes.as_ref());
                translations.resolve_if_changed(&imported.article, data, revision);
            }
        }
    }

    /// Hands due saves of the open article's notes to the writer; `force` hands over
    /// any unsaved edit at once (when leaving the article or closing).
    pub(super) fn autosave(&mut self, ctx: &egui::Context, force: bool, messages: &mut Messages) {
        let now = Instant::now();
        let Some(notes) = self.open.as_mut().and_then(|open| open.notes.as_mut()) else {
            return;
        };
        if let Some(request) = notes.store.take_save(now, force) {
            match &self.worker {
                Some(worker) => worker.save(request),
                None => messages
                    .tell("Your notes are kept in memory: the saving thread is not running."),
            }
        } else if let Some(wait) = notes.store.time_until_save(now) {
            ctx.request_repaint_after(wait);
        }
    }

    /// Hands every unsaved note edit of the open article to the writer at once.
    pub(super) fn flush_notes(&mut self, messages: &mut Messages) {
        let Some(notes) = self.open.as_mut().and_then(|open| open.notes.as_mut()) else {
            return;
        };
        let Some(request) = notes.store.take_save(Instant::now(), true) else {
            return;
        };
        match &self.worker {
            Some(worker) => worker.save(request),
            None => {
                messages.tell("Your notes are kept in memory: the saving thread is not running.")
            }
        }
    }

    /// Applies what the writer reported.
    pub(super) fn handle_worker_events(&mut self, messages: &mut Messages) {
        let Some(worker) = &self.worker else { return };
        for event in worker.events() {
            let notes = self.open.as_mut().and_then(|open| open.notes.as_mut());
            match event {
                WorkerEvent::Sidecar { sidecar, report } => {
                    match notes.filter(|notes| notes.store.sidecar() == sidecar) {
                        Some(notes) => {
                            let notices = notes.store.report(Instant::now(), report);
                            if let Some(message) = notices_message(&notices) {
                                messages.tell(message);
                            }
                        }
                        None => {
                            // A save of an article that is no longer open.
                            if let SidecarReport::NotSaved { reason, .. } = &report {
                                messages.tell(not_saved_message(&sidecar, reason));
                            }
                        }
                    }
                }
                WorkerEvent::Written { path, result } => match result {
                    Ok(()) => messages.tell_done(format!("Saved: {}", path.display())),
                    Err(error) => messages.tell(format!(
                        "This file could not be written ({error}): {}",
                        path.display()
                    )),
                },
            }
        }
    }
}
