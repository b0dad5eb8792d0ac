//! The folder and the article being read: opening a folder, listing it, following its
//! changes on disk, opening an article with its notes, and reloading it in place.
//!
//! Nothing here touches the disk: every step that needs a file is a background job
//! (see `background`) and the session moves on when its report arrives. A folder or an
//! article asked for later wins: reports about an older one are dropped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::import::translation::is_companion_of;
use crate::import::{FolderWatcher, ImportError, ImportedArticle, Library};
use crate::store::SidecarWorker;
use crate::ui::ReadingView;

use super::background::{Background, Listing, Report};
use super::messages::Messages;
use super::notes::NotesOfArticle;
use super::reading_state::ReadingState;
use super::translations::{LoadedTranslation, NO_TRANSLATIONS, TranslationsOfArticle};
use crate::model::translation::TranslationData;

/// What is known of the article being read.
#[derive(Debug)]
pub enum Content {
    /// Being read from disk.
    Loading,
    /// Read.
    Ready(ImportedArticle),
    /// It cannot be shown, for this reason.
    Failed(ImportError),
}

/// An article being read.
pub struct OpenArticle {
    /// Its file.
    pub path: PathBuf,
    /// Its text, once read.
    pub content: Content,
    /// Where the reader is in it.
    pub view: ReadingView,
    /// What happened to the file on disk since it was read, if the reader should know.
    pub disk_notice: Option<String>,
    /// The reader's notes, once the article has been read.
    pub notes: Option<NotesOfArticle>,
    /// Its translations, once the article has been read.
    pub translations: Option<TranslationsOfArticle>,
    /// The language to show first (the one last shown in this folder).
    wanted_language: Option<String>,
}

/// The reader's translations kept in the sidecar of `notes`, with their revision (see
/// [`crate::store::ArticleNotes::translations_revision`]); none while it is not open.
pub fn reader_translations(notes: Option<&NotesOfArticle>) -> (&TranslationData, u64) {
    notes.map_or((&NO_TRANSLATIONS, 0), |notes| {
        (
            notes.store.translations(),
            notes.store.translations_revision(),
        )
    })
}

/// The open folder and article, and the work under way to open others.
#[derive(Default)]
pub struct Session {
    /// The open folder's articles.
    pub library: Option<Library>,
    /// The article on screen.
    pub open: Option<OpenArticle>,
    /// The article asked for while another is on screen: the one on screen stays
    /// until this one has been read, so the view does not flash empty.
    pub next_article: Option<OpenArticle>,
    /// The folder being found and listed to be opened, if any.
    pub opening_folder: Option<PathBuf>,
    pub(super) background: Background,
    /// Writes sidecars and watches them; `None` if its thread could not start, and
    /// then notes stay in memory.
    pub(super) worker: Option<SidecarWorker>,
    /// Counts the folders opened; reports about an older one are ignored.
    folder_generation: u64,
    /// Counts the articles asked for; only the last one asked for is shown.
    load_ticket: u64,
    /// True while the open article is being read again because it changed on disk.
    reloading: bool,
    watcher: Option<FolderWatcher>,
    /// Marks the article being opened until it has been shown, so one that takes the
    /// app down is not reopened by itself at the next start.
    pub(super) guard: super::opening_guard::OpeningGuard,
    /// The article drawn whole (with its translations) in the last frame, to be
    /// cleared of its marker once that frame is done.
    pub(super) shown_in_last_frame: Option<PathBuf>,
}

impl Session {
    /// The article on screen, once read.
    pub fn ready_article(&self) -> Option<&ImportedArticle> {
        match &self.open {
            Some(OpenArticle {
                content: Content::Ready(imported),
                ..
            }) => Some(imported),
            _ => None,
        }
    }

    /// Where file dialogs open: the open article's folder, else the open folder.
    pub fn dialog_folder(&self) -> Option<PathBuf> {
        let article_folder = self.open.as_ref().and_then(|open| open.path.parent());
        article_folder
            .map(Path::to_path_buf)
            .or_else(|| self.library.as_ref().map(|library| library.root.clone()))
    }

    /// Opens the folder at `path`, or the folder of the file at `path` at that file.
    pub fn open_path(&mut self, ctx: &egui::Context, path: &Path, messages: &mut Messages) {
        self.folder_generation += 1;
        self.background.set_generation(self.folder_generation);
        self.watcher = None;
        self.opening_folder = Some(path.to_owned());
        let started = self.background.list(
            ctx,
            self.folder_generation,
            path.to_owned(),
            Listing::Open { article: None },
        );
        start(started, "list the folder", messages);
    }

    /// Shows the article at `path`, reading it and its notes in the background;
    /// `large` reads it whatever its size.
    pub fn open_article(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        large: bool,
        reading: &mut ReadingState,
        messages: &mut Messages,
    ) {
        self.remember_reading_position(reading);
        messages.enter(path);
        // Asked for: opened even if it ended the last run.
        self.guard.forgive(path);
        self.guard.opening(path);
        let mut view = ReadingView::default();
        if let Some((section, fraction)) = reading.place(path) {
            view.scroll_to_place(section, fraction);
        }
        let folder = self.library.as_ref().map(|library| library.root.clone());
        if let Some(folder) = &folder {
            reading.last_article.insert(folder.clone(), path.to_owned());
        }
        let next = OpenArticle {
            path: path.to_owned(),
            content: Content::Loading,
            view,
            disk_notice: None,
            notes: None,
            translations: None,
            wanted_language: folder
                .and_then(|folder| reading.translation_languages.get(&folder).cloned()),
        };
        if self.ready_article().is_some() {
            self.next_article = Some(next);
        } else {
            self.next_article = None;
            self.open = Some(next);
        }
        self.load_ticket += 1;
        self.reloading = false;
        let max_bytes = (!large).then_some(crate::import::MAX_ARTICLE_BYTES);
        let started = self
            .background
            .load(ctx, self.load_ticket, path.to_owned(), max_bytes, true);
        start(started, "read the article", messages);
    }

    /// Remembers where the reader is in the open article.
    pub fn remember_reading_position(&self, reading: &mut ReadingState) {
        if let Some(open) = &self.open {
            let (section, fraction) = open.view.place();
            reading.set_place(&open.path, section, fraction);
        }
    }

    /// Applies a background job's report.
    pub(super) fn handle_report(
        &mut self,
        ctx: &egui::Context,
        report: Report,
        reading: &mut ReadingState,
        messages: &mut Messages,
    ) {
        match report {
            Report::Listed {
                generation,
                listing,
                result,
                watcher,
            } if generation == self.folder_generation => match result {
                Ok(library) => {
                    if watcher.is_some() {
                        self.watcher = watcher;
                    }
                    self.listed(ctx, library, listing, reading, messages);
                }
                Err(error) => {
                    self.opening_folder = None;
                    messages.tell(capitalized(&format!("{error}.")));
                }
            },
            Report::Summaries {
                generation,
                summaries,
            } if generation == self.folder_generation => {
                if let Some(library) = &mut self.library {
                    library.set_summaries(summaries);
                }
            }
            Report::Loaded {
                ticket,
                path,
                result,
                notes,
            } if ticket == self.load_ticket => {
                let read = result.is_ok();
                self.loaded(&path, result, notes, messages);
                if read {
                    let imported = reading
                        .imported_translations
                        .get(&path)
                        .cloned()
                        .unwrap_or_default();
                    let started = self
                        .background
                        .load_translations(ctx, ticket, path, imported);
                    start(started, "read the article's translations", messages);
                }
            }
            Report::TranslationsRead {
                ticket,
                path,
                files,
            } if ticket == self.load_ticket => self.translations_read(&path, files),
            Report::FolderChanged { generation, change }
                if generation == self.folder_generation =>
            {
                if let Some(root) = self.library.as_ref().map(|library| library.root.clone()) {
                    let listing = Listing::Refresh { change };
                    let started = self.background.list(ctx, generation, root, listing);
                    start(started, "list the folder again", messages);
                }
            }
            Report::Exported { path, result } => match result {
                Ok(()) => messages.tell_done(format!("Saved: {}", path.display())),
                Err(error) => messages.tell(capitalized(&format!("{error}: {}", path.display()))),
            },
            // About a folder or an article no longer open.
            _ => {}
        }
    }

    /// A folder was listed: to open it, or because it changed on disk.
    fn listed(
        &mut self,
        ctx: &egui::Context,
        listing: Library,
        purpose: Listing,
        reading: &mut ReadingState,
        messages: &mut Messages,
    ) {
        let generation = self.folder_generation;
        match purpose {
            Listing::Open { article } => {
                self.opening_folder = None;
                let folder = listing.root.clone();
                messages.enter(&folder);
                let asked_for = article.filter(|path| listing.position(path).is_some());
                let mut article = asked_for.clone().or_else(|| {
                    reading
                        .last_article
                        .get(&folder)
                        .cloned()
                        .filter(|path| listing.position(path).is_some())
                        .or_else(|| listing.entries.first().map(|entry| entry.path.clone()))
                });
                if asked_for.is_none()
                    && let Some(suspect) = article.take_if(|path| self.guard.is_suspect(path))
                {
                    let name = suspect.file_name().map_or_else(
                        || suspect.display().to_string(),
                        |name| name.to_string_lossy().into_owned(),
                    );
                    messages.tell(format!(
                        "Hamish closed while it was showing {name} last time, so it was not opened again; pick it in the library to try again: {}",
                        suspect.display()
                    ));
                }
                let paths = listing
                    .entries
                    .iter()
                    .map(|entry| entry.path.clone())
                    .collect();
                reading.remember_folder(&folder);
                self.library = Some(listing);
                self.flush_notes(messages);
                self.remember_reading_position(reading);
                self.open = None;
                self.next_article = None;
                let started = self.background.summarize(ctx, generation, paths);
                start(started, "read the titles of the articles", messages);
                if let Some(article) = article {
                    self.open_article(ctx, &article, false, reading, messages);
                }
            }
            Listing::Refresh { change } => {
                let Some(library) = &mut self.library else {
                    return;
                };
                let changed: HashSet<PathBuf> = change.paths.iter().cloned().collect();
                let mut stale = library.refresh(listing, &changed);
                if change.rescan {
                    stale = library
                        .entries
                        .iter()
                        .map(|entry| entry.path.clone())
                        .collect();
                }
                let started = self.background.summarize(ctx, generation, stale);
                start(started, "read the titles of the articles", messages);
                let open_path = self.open.as_ref().map(|open| open.path.clone());
                if let Some(path) = open_path
                    && (change.rescan
                        || changed.contains(&path)
                        || changed
                            .iter()
                            .any(|changed| is_companion_of(changed, &path)))
                {
                    self.reload_open_article(ctx, &path, messages);
                }
            }
        }
    }

    /// An article was read: shows it, or says why it cannot be shown.
    fn loaded(
        &mut self,
        path: &Path,
        result: Result<ImportedArticle, ImportError>,
        notes: Option<(Box<crate::store::ArticleNotes>, Option<String>)>,
        messages: &mut Messages,
    ) {
        let notes = notes.map(|(store, message)| {
            if let Some(message) = message {
                messages.tell(message);
            }
            NotesOfArticle::new(*store)
        });
        if let Some(mut next) = self.next_article.take_if(|next| next.path == path) {
            // Leaving the article on screen: its unsaved notes go to disk first.
            self.flush_notes(messages);
            next.content = match result {
                Ok(imported) => Content::Ready(imported),
                Err(error) => Content::Failed(error),
            };
            next.notes = notes;
            self.open = Some(next);
            self.watch_open_sidecar();
            return;
        }
        let reloading = std::mem::take(&mut self.reloading);
        let Some(open) = self.open.as_mut().filter(|open| open.path == path) else {
            return;
        };
        match (result, &open.content) {
            (Ok(imported), Content::Ready(previous)) if reloading => {
                // Keep the reader on the section they were reading, wherever it moved.
                let index = open.view.first_visible_section();
                let section = previous
                    .article
                    .sections
                    .get(index)
                    .map(|section| section.id);
                let new_index = section
                    .and_then(|id| {
                        imported
                            .article
                            .sections
                            .iter()
                            .position(|section| section.id == id)
                    })
                    .unwrap_or_else(|| {
                        index.min(imported.article.sections.len().saturating_sub(1))
                    });
                open.view = ReadingView::default();
                open.view.scroll_to_section(new_index);
                open.content = Content::Ready(imported);
                open.disk_notice = None;
                if let Some(notes) = &mut open.notes {
                    // The text changed: every note is looked for again.
                    notes.forget_placements();
                }
                if let Some(translations) = &mut open.translations {
                    translations.article_changed();
                }
            }
            (Ok(imported), _) => {
                open.content = Content::Ready(imported);
                open.disk_notice = None;
                if open.notes.is_none() {
                    open.notes = notes;
                }
            }
            (Err(error), Content::Ready(_)) if reloading => {
                // What the reader was reading stays on screen; they are told why.
                open.disk_notice = Some(match error {
                    ImportError::Gone => {
                        "This file was deleted or moved: what you see is the last version read."
                            .to_owned()
                    }
                    other => format!(
                        "This file changed and cannot be read now ({other}): what you see is the last version read."
                    ),
                });
            }
            (Err(error), _) => open.content = Content::Failed(error),
        }
        self.watch_open_sidecar();
    }

    /// Its translation files were read with the article at `path`: they fill its
    /// column (or replace the files read before, keeping what the reader wrote).
    fn translations_read(&mut self, path: &Path, files: Vec<LoadedTranslation>) {
        let Some(open) = self.open.as_mut().filter(|open| open.path == path) else {
            return;
        };
        let (data, _) = reader_translations(open.notes.as_ref());
        match &mut open.translations {
            Some(translations) => translations.set_files(files, data),
            None => {
                let wanted = open.wanted_language.as_deref();
                let mut translations = TranslationsOfArticle::new(files, wanted, data);
                translations.set_folder(open.path.parent().map(Path::to_path_buf));
                open.translations = Some(translations);
            }
        }
    }

    /// Reads the open article again, keeping it on screen until the new text is in.
    pub(super) fn reload_open_article(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        messages: &mut Messages,
    ) {
        if self.next_article.is_some() {
            // The reader is moving to another article; this one need not be read again.
            return;
        }
        self.load_ticket += 1;
        self.reloading = true;
        // A file the reader chose to open despite its size is read again whole; its
        // notes are open already.
        let started = self
            .background
            .load(ctx, self.load_ticket, path.to_owned(), None, false);
        start(started, "read the article again", messages);
    }
}

/// Reports a background job that could not even start.
pub(super) fn start(started: std::io::Result<()>, what: &str, messages: &mut Messages) {
    if let Err(error) = started {
        messages.tell(format!("Hamish could not {what}: {error}."));
    }
}

/// `text` with its first letter in capitals: errors are worded in lower case, to be
/// put inside a sentence, and begin one when shown alone.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const WAIT: Duration = Duration::from_secs(30);

    /// Applies every report of finished background work.
    fn settle(
        session: &mut Session,
        ctx: &egui::Context,
        reading: &mut ReadingState,
        messages: &mut Messages,
    ) {
        while session.background.pending() > 0 {
            assert!(session.background.wait(WAIT), "background work finishes");
            for report in session.background.drain() {
                session.handle_report(ctx, report, reading, messages);
            }
        }
    }

    #[test]
    fn a_path_is_looked_at_by_a_background_job_not_by_the_frame() {
        let ctx = egui::Context::default();
        let (mut session, mut reading, mut messages) = Default::default();
        let missing = Path::new("/no/such/place/at/all");
        Session::open_path(&mut session, &ctx, missing, &mut messages);
        assert_eq!(session.background.pending(), 1, "a listing job was queued");
        assert_eq!(messages.current(), None, "nothing was looked at yet");
        settle(&mut session, &ctx, &mut reading, &mut messages);
        assert_eq!(
            messages.current(),
            Some("There is no file or folder at /no/such/place/at/all.")
        );
    }

    #[test]
    fn an_article_and_its_notes_are_read_by_a_background_job() {
        let folder = tempfile::tempdir().expect("folder");
        let article = folder.path().join("001.txt");
        std::fs::write(&article, "فقرة أولى\nفقرة ثانية\n").expect("article");
        let ctx = egui::Context::default();
        let (mut session, mut reading, mut messages): (Session, ReadingState, Messages) =
            Default::default();
        session.open_path(&ctx, folder.path(), &mut messages);
        settle(&mut session, &ctx, &mut reading, &mut messages);
        let open = session.open.as_ref().expect("the first article is open");
        assert!(matches!(open.content, Content::Ready(_)));
        assert!(open.notes.is_some(), "its notes came with it");

        // Asking for an article queues its reading; the frame only sees the result.
        session.open_article(&ctx, &article, false, &mut reading, &mut messages);
        assert_eq!(session.background.pending(), 1, "a loading job was queued");
        let next = session.next_article.as_ref().expect("asked for");
        assert!(matches!(next.content, Content::Loading) && next.notes.is_none());
        settle(&mut session, &ctx, &mut reading, &mut messages);
        let open = session.open.as_ref().expect("open");
        assert!(matches!(open.content, Content::Ready(_)) && open.notes.is_some());
    }
}
