//! The eframe application: what is open, what the reader asked for, and the panels.
//!
//! A frame runs in two halves, as eframe asks: [`HamishApp::logic`] applies what the
//! last frame asked for (commands, dropped folders, a folder chosen in the dialog) and
//! [`HamishApp::ui`] draws. The UI never changes state directly: it pushes
//! [`Command`]s. Nothing touches the disk on the UI thread: listing a folder, reading
//! titles and loading an article are background jobs (see `background`) whose
//! reports `logic` applies; the reader's notes are saved, and watched for changes made
//! elsewhere, by the [`SidecarWorker`] thread, and `notes` holds the notes of the
//! open article and their part of the UI.

mod background;
mod notes;
mod settings;
mod store_messages;

pub use notes::NoteCommand;
pub use settings::Settings;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::import::{FolderWatcher, ImportError, ImportedArticle, Library};
use crate::store::{Saving, SidecarReport, SidecarWorker, WorkerEvent};
use crate::text::TextEngine;
use crate::text::TextStyle;
use crate::ui::{LibraryAction, ReadingView, TextBlock, TextButton, library_panel};

use notes::{ListAction, NotesOfArticle, notes_list_window, selection_toolbar};

/// What the reader asked for, applied at the start of the next frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open a folder, or the folder of a file and that file.
    OpenPath(PathBuf),
    /// Show an article of the open folder.
    OpenArticle(PathBuf),
    /// Show an article even though it is larger than articles usually are.
    OpenLargeArticle(PathBuf),
    /// Ask for a folder in the system's dialog.
    ChooseFolder,
    /// Change the notes of the open article.
    Notes(NoteCommand),
    /// Write the open article's notes to a file chosen in a dialog.
    ExportNotes(ExportFormat),
}

/// The formats notes can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The article with its notes, as Markdown.
    Markdown,
    /// The notes as JSON.
    Json,
    /// W3C Web Annotation JSON-LD.
    WebAnnotation,
    /// The sidecar itself, somewhere else (when the folder cannot be written to).
    Sidecar,
}

impl ExportFormat {
    fn file_suffix(self) -> &'static str {
        match self {
            Self::Markdown => "notes.md",
            Self::Json => "notes.json",
            Self::WebAnnotation => "annotations.jsonld",
            Self::Sidecar => "hamish.json",
        }
    }
}

/// What a file dialog was opened for.
enum DialogPurpose {
    OpenFolder,
    Export(ExportFormat),
}

/// What is known of the article being read.
#[derive(Debug)]
enum Content {
    /// Being read from disk.
    Loading,
    /// Read.
    Ready(ImportedArticle),
    /// It cannot be shown, for this reason.
    Failed(ImportError),
}

/// An article being read.
struct OpenArticle {
    path: PathBuf,
    content: Content,
    view: ReadingView,
    /// What happened to the file on disk since it was read, if the reader should know.
    disk_notice: Option<String>,
    /// The reader's notes, once the article has been read.
    notes: Option<NotesOfArticle>,
}

/// The Hamish application.
pub struct HamishApp {
    settings: Settings,
    library: Option<Library>,
    open: Option<OpenArticle>,
    /// Something the reader must know, in plain words; shown until dismissed.
    message: Option<String>,
    commands: Vec<Command>,
    dialog: Option<(DialogPurpose, mpsc::Receiver<Option<PathBuf>>)>,
    /// Writes sidecars and watches them; `None` if its thread could not start, and
    /// then notes stay in memory.
    worker: Option<SidecarWorker>,
    background: background::Background,
    /// Counts the folders opened; reports about an older one are ignored.
    folder_generation: u64,
    /// The folder being listed to be opened, if any.
    opening_folder: Option<PathBuf>,
    /// Counts the articles asked for; only the last one asked for is shown.
    load_ticket: u64,
    /// True while the open article is being read again because it changed on disk.
    reloading: bool,
    /// The article asked for while another is on screen: the one on screen stays
    /// until this one has been read, so the view does not flash empty.
    next_article: Option<OpenArticle>,
    watcher: Option<FolderWatcher>,
}

const OPEN_FOLDER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);

/// The bundled sample articles: beside the executable when installed, else in the
/// source tree.
pub fn sample_folder() -> PathBuf {
    let installed = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join("assets").join("samples")));
    match installed {
        Some(folder) if folder.is_dir() => folder,
        _ => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join("samples"),
    }
}

impl HamishApp {
    /// Starts with `settings`, opening `path` (a folder or an article file), or else
    /// the last folder read, or else the sample articles.
    pub fn new(settings: Settings, path: Option<PathBuf>) -> Self {
        let start = path
            .or_else(|| {
                settings
                    .last_folder
                    .clone()
                    .filter(|folder| folder.is_dir())
            })
            .unwrap_or_else(sample_folder);
        Self {
            settings,
            library: None,
            open: None,
            message: None,
            commands: vec![Command::OpenPath(start)],
            dialog: None,
            worker: None,
            background: background::Background::default(),
            folder_generation: 0,
            opening_folder: None,
            load_ticket: 0,
            reloading: false,
            next_article: None,
            watcher: None,
        }
    }

    /// Starts from eframe, with the settings it stored last time.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let settings = cc
            .storage
            .and_then(|storage| eframe::get_value::<Settings>(storage, eframe::APP_KEY))
            .unwrap_or_default();
        Self::new(settings, path)
    }

    /// The settings, as they would be saved now.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The open folder's articles.
    pub fn library(&self) -> Option<&Library> {
        self.library.as_ref()
    }

    /// The path of the article on screen.
    pub fn open_article_path(&self) -> Option<&Path> {
        self.open.as_ref().map(|open| open.path.as_path())
    }

    /// The article on screen, once it has been read, with how it was read.
    pub fn current_article(&self) -> Option<&ImportedArticle> {
        match &self.open {
            Some(OpenArticle {
                content: Content::Ready(imported),
                ..
            }) => Some(imported),
            _ => None,
        }
    }

    /// The first section on screen in the last frame.
    pub fn first_visible_section(&self) -> Option<usize> {
        self.open
            .as_ref()
            .map(|open| open.view.first_visible_section())
    }

    /// Asks for `command`, as the UI would; it is applied in the next frame.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Background jobs still under way (listing, titles, loading).
    pub fn pending_jobs(&self) -> usize {
        self.background.pending()
    }

    /// Blocks until no background job is under way, or `timeout` has passed; true if
    /// none is. For tests and benchmarks: the app itself never waits.
    pub fn wait_for_background(&mut self, timeout: Duration) -> bool {
        self.background.wait(timeout)
    }

    /// The notes of the open article: (id, text, where) for each live note.
    pub fn notes_of_open_article(
        &self,
    ) -> Vec<(
        crate::model::NoteId,
        crate::model::Note,
        crate::model::Placement,
    )> {
        let Some(notes) = self.open.as_ref().and_then(|open| open.notes.as_ref()) else {
            return Vec::new();
        };
        notes
            .placements()
            .iter()
            .filter_map(|(id, placement)| {
                Some((
                    id.clone(),
                    notes.store.notes().get(id)?.clone(),
                    placement.clone(),
                ))
            })
            .collect()
    }

    /// First half of a frame: applies what was asked for. Paints nothing.
    pub fn logic(&mut self, ctx: &egui::Context) {
        TextEngine::lock(&TextEngine::shared(ctx)).begin_frame();
        if self.worker.is_none() {
            let repaint = ctx.clone();
            match SidecarWorker::spawn(move || repaint.request_repaint()) {
                Ok(worker) => self.worker = Some(worker),
                Err(error) => {
                    self.message = Some(format!(
                        "Notes cannot be saved: the saving thread did not start ({error})."
                    ));
                }
            }
        }

        if let Some((_, receiver)) = &self.dialog
            && let Ok(choice) = receiver.try_recv()
            && let Some((purpose, _)) = self.dialog.take()
            && let Some(path) = choice
        {
            match purpose {
                DialogPurpose::OpenFolder => self.commands.push(Command::OpenPath(path)),
                DialogPurpose::Export(format) => self.export_notes(format, path),
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        self.commands
            .extend(dropped.into_iter().take(1).map(Command::OpenPath));
        if ctx.input_mut(|input| input.consume_shortcut(&OPEN_FOLDER)) {
            self.commands.push(Command::ChooseFolder);
        }
        self.remember_reading_position();

        for report in self.background.drain() {
            self.handle_report(ctx, report);
        }
        self.handle_worker_events();
        for command in std::mem::take(&mut self.commands) {
            self.apply(ctx, command);
        }
        // After everything that can change the article or its notes this frame.
        self.attach_notes();
        self.autosave(ctx, false);
        if self.background.pending() > 0 {
            // Keep frames coming while work is under way, so its reports are shown.
            ctx.request_repaint();
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenPath(path) => self.open_path(ctx, &path),
            Command::OpenArticle(path) => self.open_article(ctx, &path, false),
            Command::OpenLargeArticle(path) => self.open_article(ctx, &path, true),
            Command::ChooseFolder => self.choose_file(ctx, DialogPurpose::OpenFolder),
            Command::ExportNotes(format) => self.choose_file(ctx, DialogPurpose::Export(format)),
            Command::Notes(command) => {
                if let Some(OpenArticle {
                    content: Content::Ready(imported),
                    notes: Some(notes),
                    ..
                }) = &mut self.open
                {
                    notes.apply(&imported.article, command, Instant::now());
                }
            }
        }
    }

    /// Opens the notes of the open article once it has been read, watches its
    /// sidecar, and finds every note in the text as it is now.
    fn attach_notes(&mut self) {
        let Some(open) = &mut self.open else { return };
        let Content::Ready(imported) = &open.content else {
            return;
        };
        if open.notes.is_none() {
            let (notes, message) = NotesOfArticle::open(&open.path);
            if message.is_some() {
                self.message = message;
            }
            if let Some(worker) = &self.worker {
                worker.watch(Some(notes.store.sidecar().to_owned()));
            }
            open.notes = Some(notes);
        }
        if let Some(notes) = &mut open.notes {
            notes.place_all(&imported.article);
        }
    }

    /// Hands due saves of the open article's notes to the writer; `force` hands over
    /// any unsaved edit at once (when leaving the article or closing).
    fn autosave(&mut self, ctx: &egui::Context, force: bool) {
        let now = Instant::now();
        let Some(notes) = self.open.as_mut().and_then(|open| open.notes.as_mut()) else {
            return;
        };
        if let Some(request) = notes.store.take_save(now, force) {
            match &self.worker {
                Some(worker) => worker.save(request),
                None => {
                    self.message = Some(
                        "Your notes are kept in memory: the saving thread is not running."
                            .to_owned(),
                    )
                }
            }
        } else if let Some(wait) = notes.store.time_until_save(now) {
            ctx.request_repaint_after(wait);
        }
    }

    fn handle_worker_events(&mut self) {
        let Some(worker) = &self.worker else { return };
        for event in worker.events() {
            let notes = self.open.as_mut().and_then(|open| open.notes.as_mut());
            match event {
                WorkerEvent::Sidecar { sidecar, report } => {
                    match notes.filter(|notes| notes.store.sidecar() == sidecar) {
                        Some(notes) => {
                            let notices = notes.store.report(Instant::now(), report);
                            if let Some(message) = store_messages::notices_message(&notices) {
                                self.message = Some(message);
                            }
                        }
                        None => {
                            // A save of an article that is no longer open.
                            if let SidecarReport::NotSaved { reason, .. } = &report {
                                self.message =
                                    Some(store_messages::not_saved_message(&sidecar, reason));
                            }
                        }
                    }
                }
                WorkerEvent::Written { path, result } => {
                    self.message = Some(match result {
                        Ok(()) => format!("Saved: {}", path.display()),
                        Err(error) => format!(
                            "This file could not be written ({error}): {}",
                            path.display()
                        ),
                    });
                }
            }
        }
    }

    /// Writes the open article's notes in `format` to `path`, on the writer thread.
    fn export_notes(&mut self, format: ExportFormat, path: PathBuf) {
        let Some(open) = &self.open else { return };
        let (Content::Ready(imported), Some(notes)) = (&open.content, &open.notes) else {
            return;
        };
        let article = &imported.article;
        let name = open
            .path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let all = notes.store.notes();
        let contents = match format {
            ExportFormat::Markdown => crate::export::markdown(article, all),
            ExportFormat::Json => crate::export::json(&name, article, all),
            ExportFormat::WebAnnotation => {
                let source_text = std::fs::read(&open.path)
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
                let uri = format!("file://{}", open.path.display());
                crate::export::web_annotations(&uri, &source_text.unwrap_or_default(), article, all)
            }
            ExportFormat::Sidecar => match notes.store.encoded() {
                Ok(contents) => contents,
                Err(error) => {
                    self.message = Some(format!("The notes could not be written out ({error})."));
                    return;
                }
            },
        };
        if let Some(worker) = &self.worker {
            worker.write(path, contents);
        }
    }

    /// Hands every unsaved note edit to the writer at once.
    fn flush_notes(&mut self) {
        let Some(notes) = self.open.as_mut().and_then(|open| open.notes.as_mut()) else {
            return;
        };
        if let (Some(worker), Some(request)) =
            (&self.worker, notes.store.take_save(Instant::now(), true))
        {
            worker.save(request);
        }
    }

    fn handle_report(&mut self, ctx: &egui::Context, report: background::Report) {
        use background::Report;
        match report {
            Report::Listed {
                generation,
                root,
                listing,
                result,
                watcher,
            } if generation == self.folder_generation => match result {
                Ok(library) => {
                    if watcher.is_some() {
                        self.watcher = watcher;
                    }
                    self.listed(ctx, library, listing);
                }
                Err(error) => {
                    self.opening_folder = None;
                    self.message = Some(format!(
                        "This folder cannot be read ({error}): {}",
                        root.display()
                    ));
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
            } if ticket == self.load_ticket => self.loaded(&path, result),
            Report::FolderChanged { generation, change }
                if generation == self.folder_generation =>
            {
                if let Some(root) = self.library.as_ref().map(|library| library.root.clone()) {
                    let listing = background::Listing::Refresh { change };
                    let started = self.background.list(ctx, generation, root, listing);
                    self.start(started, "list the folder again");
                }
            }
            // About a folder or an article no longer open.
            _ => {}
        }
    }

    /// Reports a background job that could not even start.
    fn start(&mut self, started: std::io::Result<()>, what: &str) {
        if let Err(error) = started {
            self.message = Some(format!("Hamish could not {what}: {error}."));
        }
    }

    /// A folder was listed: to open it, or because it changed on disk.
    fn listed(&mut self, ctx: &egui::Context, listing: Library, purpose: background::Listing) {
        let generation = self.folder_generation;
        match purpose {
            background::Listing::Open { article } => {
                self.opening_folder = None;
                let folder = listing.root.clone();
                let article = article
                    .filter(|path| listing.position(path).is_some())
                    .or_else(|| {
                        self.settings
                            .last_article
                            .get(&folder)
                            .cloned()
                            .filter(|path| listing.position(path).is_some())
                    })
                    .or_else(|| listing.entries.first().map(|entry| entry.path.clone()));
                let paths = listing
                    .entries
                    .iter()
                    .map(|entry| entry.path.clone())
                    .collect();
                self.settings.remember_folder(&folder);
                self.library = Some(listing);
                self.flush_notes();
                self.open = None;
                self.next_article = None;
                let started = self.background.summarize(ctx, generation, paths);
                self.start(started, "read the titles of the articles");
                if let Some(article) = article {
                    self.open_article(ctx, &article, false);
                }
            }
            background::Listing::Refresh { change } => {
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
                self.start(started, "read the titles of the articles");
                let open_path = self.open.as_ref().map(|open| open.path.clone());
                if let Some(path) = open_path
                    && (change.rescan || changed.contains(&path))
                {
                    self.reload_open_article(ctx, &path);
                }
            }
        }
    }

    /// An article was read: shows it, or says why it cannot be shown.
    fn loaded(&mut self, path: &Path, result: Result<ImportedArticle, ImportError>) {
        if let Some(mut next) = self.next_article.take_if(|next| next.path == path) {
            // Leaving the article on screen: its unsaved notes go to disk first.
            self.flush_notes();
            next.content = match result {
                Ok(imported) => Content::Ready(imported),
                Err(error) => Content::Failed(error),
            };
            self.open = Some(next);
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
            }
            (Ok(imported), _) => {
                open.content = Content::Ready(imported);
                open.disk_notice = None;
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
    }

    fn open_path(&mut self, ctx: &egui::Context, path: &Path) {
        let (folder, article) = if path.is_dir() {
            (path.to_owned(), None)
        } else if path.is_file() {
            let folder = path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_owned);
            (folder, Some(path.to_owned()))
        } else {
            self.message = Some(format!("There is no file or folder at {}.", path.display()));
            return;
        };
        let folder = folder.canonicalize().unwrap_or(folder);
        let article = article.and_then(|article| article.canonicalize().ok());
        self.folder_generation += 1;
        self.background.set_generation(self.folder_generation);
        self.watcher = None;
        self.opening_folder = Some(folder.clone());
        let started = self.background.list(
            ctx,
            self.folder_generation,
            folder,
            background::Listing::Open { article },
        );
        self.start(started, "list the folder");
    }

    /// Shows the article at `path`, reading it in the background; `large` reads it
    /// whatever its size.
    fn open_article(&mut self, ctx: &egui::Context, path: &Path, large: bool) {
        self.remember_reading_position();
        let mut view = ReadingView::default();
        if let Some(&section) = self.settings.reading_positions.get(path) {
            view.scroll_to_section(section);
        }
        if let Some(folder) = self.library.as_ref().map(|library| library.root.clone()) {
            self.settings.last_article.insert(folder, path.to_owned());
        }
        let next = OpenArticle {
            path: path.to_owned(),
            content: Content::Loading,
            view,
            disk_notice: None,
            notes: None,
        };
        let showing = matches!(
            self.open,
            Some(OpenArticle {
                content: Content::Ready(_),
                ..
            })
        );
        if showing {
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
            .load(ctx, self.load_ticket, path.to_owned(), max_bytes);
        self.start(started, "read the article");
    }

    /// Reads the open article again, keeping it on screen until the new text is in.
    fn reload_open_article(&mut self, ctx: &egui::Context, path: &Path) {
        if self.next_article.is_some() {
            // The reader is moving to another article; this one need not be read again.
            return;
        }
        self.load_ticket += 1;
        self.reloading = true;
        // A file the reader chose to open despite its size is read again whole.
        let started = self
            .background
            .load(ctx, self.load_ticket, path.to_owned(), None);
        self.start(started, "read the article again");
    }

    fn remember_reading_position(&mut self) {
        if let Some(open) = &self.open {
            self.settings
                .reading_positions
                .insert(open.path.clone(), open.view.first_visible_section());
        }
    }

    fn choose_file(&mut self, ctx: &egui::Context, purpose: DialogPurpose) {
        if self.dialog.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let folder = self.library.as_ref().map(|library| library.root.clone());
        let export_name = self
            .open
            .as_ref()
            .and_then(|open| open.path.file_stem())
            .map(|stem| stem.to_string_lossy().into_owned());
        let export = match &purpose {
            DialogPurpose::OpenFolder => None,
            DialogPurpose::Export(format) => Some(format!(
                "{}.{}",
                export_name.unwrap_or_default(),
                format.file_suffix()
            )),
        };
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new();
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                let choice = match export {
                    None => dialog.set_title("Open a folder of articles").pick_folder(),
                    Some(name) => dialog
                        .set_title("Save notes as")
                        .set_file_name(name)
                        .save_file(),
                };
                // The receiver may be gone if the app is closing; nothing to do then.
                let _ = sender.send(choice);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.dialog = Some((purpose, receiver)),
            Err(error) => {
                self.message = Some(format!("The file dialog could not be opened: {error}."))
            }
        }
    }

    /// Second half of a frame: draws everything and collects the reader's commands.
    pub fn ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        if let Some(message) = &self.message {
            let mut dismissed = false;
            egui::Panel::top("message").show(ui, |ui| {
                ui.horizontal(|ui| {
                    dismissed = ui.small_button("Dismiss").clicked();
                    let color = ui.visuals().warn_fg_color;
                    ui.add(
                        TextBlock::new(message)
                            .style(TextStyle::interface(14.0))
                            .color(color),
                    );
                });
            });
            if dismissed {
                self.message = None;
            }
        }
        if let Some(deleted) = self
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref()?.last_deleted.clone())
        {
            egui::Panel::top("deleted-note").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Note deleted.");
                    if ui.small_button("Undo").clicked() {
                        self.commands
                            .push(Command::Notes(NoteCommand::Restore(deleted)));
                    }
                });
            });
        }
        if let Some(Saving::Held(reason)) = self
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref())
            .map(|notes| notes.store.saving().clone())
        {
            egui::Panel::top("notes-held").show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.small_button("Save notes as…").clicked() {
                        self.commands
                            .push(Command::ExportNotes(ExportFormat::Sidecar));
                    }
                    let color = ui.visuals().warn_fg_color;
                    ui.add(
                        TextBlock::new(&store_messages::hold_message(&reason))
                            .style(TextStyle::interface(13.0))
                            .color(color),
                    );
                });
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if let Some(library) = &self.library {
            let current = self
                .next_article
                .as_ref()
                .or(self.open.as_ref())
                .map(|open| open.path.as_path());
            let action = egui::Panel::left("library")
                .resizable(true)
                .default_size(280.0)
                .size_range(160.0..=600.0)
                .show(ui, |ui| library_panel(ui, library, current))
                .inner;
            if let Some(LibraryAction::Open(path)) = action {
                self.commands.push(Command::OpenArticle(path));
            }
        }
        egui::CentralPanel::default().show(ui, |ui| self.article_ui(ui));
        if !self.commands.is_empty() {
            ui.ctx().request_repaint();
        }
    }

    /// The open article, or why it is not shown.
    fn article_ui(&mut self, ui: &mut Ui) {
        let Some(OpenArticle {
            path,
            content,
            view,
            disk_notice,
            notes,
        }) = &mut self.open
        else {
            let text = if self.opening_folder.is_some() {
                "Opening the folder…"
            } else {
                "Choose an article in the library, or open a folder with File > Open folder (Ctrl+O)."
            };
            ui.label(text);
            return;
        };
        match content {
            Content::Loading => {
                ui.label("Opening the article…");
            }
            Content::Failed(error) => {
                let color = ui.visuals().error_fg_color;
                let problem = format!("This article cannot be shown: {error}.");
                ui.add(
                    TextBlock::new(&problem)
                        .style(TextStyle::interface(15.0))
                        .color(color),
                );
                if matches!(error, ImportError::TooLarge { .. })
                    && ui.button("Open it anyway").clicked()
                {
                    self.commands.push(Command::OpenLargeArticle(path.clone()));
                }
            }
            Content::Ready(imported) => {
                let notice = article_notice(imported, disk_notice.as_deref());
                if !notice.is_empty() {
                    let color = ui.visuals().warn_fg_color;
                    ui.add(
                        TextBlock::new(&notice)
                            .style(TextStyle::interface(13.0))
                            .selectable(false)
                            .color(color),
                    );
                }
                view.set_show_bidi_controls(self.settings.show_bidi_controls);
                let article = &imported.article;
                let (columns, size) = (self.settings.columns, self.settings.body_size_pt);
                let mut note_commands = Vec::new();
                let output = match notes {
                    Some(notes) => {
                        let mut decorations = notes.decorations(&mut note_commands);
                        view.show(ui, article, columns, size, &mut decorations)
                    }
                    None => view.show(ui, article, columns, size, &mut crate::ui::NoDecorations),
                };
                if let Some(selection) = &output.selection
                    && notes.is_some()
                {
                    selection_toolbar(ui.ctx(), selection, &mut note_commands);
                }
                if let Some(notes) = notes
                    && notes.list_open
                {
                    let top = view.first_visible_section();
                    let action =
                        notes_list_window(ui.ctx(), notes, article, top, &mut note_commands);
                    if let Some(ListAction::ShowSection(index)) = action {
                        view.scroll_to_section(index);
                    }
                }
                self.commands
                    .extend(note_commands.into_iter().map(Command::Notes));
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let open = ui.add(
                    egui::Button::new("Open folder…")
                        .shortcut_text(ui.ctx().format_shortcut(&OPEN_FOLDER)),
                );
                if open.clicked() {
                    self.commands.push(Command::ChooseFolder);
                }
                ui.menu_button("Recent folders", |ui| {
                    if self.settings.recent_folders.is_empty() {
                        ui.label("None yet");
                    }
                    ui.set_min_width(360.0);
                    for folder in &self.settings.recent_folders {
                        let label = folder.display().to_string();
                        if ui.add(TextButton::new(&label)).clicked() {
                            self.commands.push(Command::OpenPath(folder.clone()));
                            ui.close();
                        }
                    }
                });
                if ui.button("Sample articles").clicked() {
                    self.commands.push(Command::OpenPath(sample_folder()));
                }
            });
            ui.menu_button("Notes", |ui| {
                let has_notes = self.open.as_ref().is_some_and(|open| open.notes.is_some());
                if let Some(notes) = self.open.as_mut().and_then(|open| open.notes.as_mut()) {
                    ui.checkbox(&mut notes.list_open, "All notes");
                }
                ui.separator();
                for (label, format) in [
                    ("Export as Markdown…", ExportFormat::Markdown),
                    ("Export as JSON…", ExportFormat::Json),
                    ("Export as Web Annotations…", ExportFormat::WebAnnotation),
                    ("Save notes as…", ExportFormat::Sidecar),
                ] {
                    if ui
                        .add_enabled(has_notes, egui::Button::new(label))
                        .clicked()
                    {
                        self.commands.push(Command::ExportNotes(format));
                    }
                }
            });
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.settings.columns.translation, "Translation column");
                ui.checkbox(&mut self.settings.columns.notes, "Notes column");
                ui.checkbox(&mut self.settings.show_bidi_controls, "Show bidi controls")
                    .on_hover_text(
                        "Marks the invisible characters that change the direction of text \
                     (U+202A–U+202E, U+2066–U+2069) where they are",
                    );
                ui.separator();
                ui.add(
                    egui::Slider::new(&mut self.settings.body_size_pt, 12.0..=36.0)
                        .text("Text size"),
                );
            });
        });
    }

    fn status_bar(&self, ui: &mut Ui) {
        let mut status = String::new();
        if let Some(folder) = &self.opening_folder {
            status = format!("Opening {}…", folder.display());
        } else if let Some(library) = &self.library {
            let folder = library.root.file_name().unwrap_or(library.root.as_os_str());
            status = format!(
                "{} — {}",
                isolated(&folder.to_string_lossy()),
                count(library.entries.len(), "article")
            );
            let summarised = library.summarised();
            if summarised < library.entries.len() {
                status += &format!(" (reading titles: {summarised})");
            }
        }
        if let Some(OpenArticle {
            path,
            content: Content::Ready(imported),
            ..
        }) = &self.open
        {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy())
                .unwrap_or_default();
            status += &format!(
                "   |   {} — {}",
                isolated(&name),
                count(imported.article.sections.len(), "section")
            );
            if !imported.encoding.is_utf8() {
                status += &format!(" — {}", imported.encoding);
            }
        }
        // File and folder names can be in any script: the text engine draws them.
        let color = ui.visuals().weak_text_color();
        ui.add(
            TextBlock::new(&status)
                .style(TextStyle::interface(12.0))
                .selectable(false)
                .color(color),
        );
    }
}

/// `name` in a first-strong isolate: an Arabic file name then neither makes the whole
/// status line right to left nor swaps places with the numbers beside it.
fn isolated(name: &str) -> String {
    format!("\u{2068}{name}\u{2069}")
}

/// `1 article`, `5 articles`.
fn count(number: usize, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}

/// What the reader should know about how the open article was read: its encoding
/// when it is not UTF-8, repairs, and changes on disk. Empty when there is nothing.
fn article_notice(imported: &ImportedArticle, disk_notice: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(disk_notice) = disk_notice {
        parts.push(disk_notice.to_owned());
    }
    if !imported.encoding.is_utf8() {
        parts.push(format!("Encoding: {}", imported.encoding));
    }
    parts.extend(imported.notices.iter().map(ToString::to_string));
    parts.join(" · ")
}

impl Drop for HamishApp {
    /// Closing never loses a note: pending edits are handed to the writer, and
    /// dropping the writer waits for it to finish.
    fn drop(&mut self) {
        self.flush_notes();
        self.worker = None;
    }
}

impl eframe::App for HamishApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        Self::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        Self::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_reading_position();
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
