//! The eframe application: what is open, what the reader asked for, and the panels.
//!
//! A frame runs in two halves, as eframe asks: [`HamishApp::logic`] applies what the
//! last frame asked for (commands, dropped folders, a folder chosen in the dialog) and
//! [`HamishApp::ui`] draws. The UI never changes state directly: it pushes
//! [`Command`]s.

mod notes;
mod settings;

pub use notes::NoteCommand;
pub use settings::Settings;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::import::{self, Library};
use crate::model::Article;
use crate::store::{Saving, SidecarWorker, WorkerEvent};
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

/// An article being read.
struct OpenArticle {
    path: PathBuf,
    /// The article, or why it cannot be shown.
    content: Result<Article, String>,
    view: ReadingView,
    /// The reader's notes, when the article could be read.
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
        self.handle_worker_events();
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

        for command in std::mem::take(&mut self.commands) {
            self.apply(ctx, command);
        }
        self.autosave(ctx, false);
    }

    /// Hands due saves of the open article's notes to the writer; `force` hands over
    /// any unsaved edit at once (when leaving the article or closing).
    fn autosave(&mut self, ctx: &egui::Context, force: bool) {
        let now = Instant::now();
        let Some(notes) = self.open.as_mut().and_then(|open| open.notes.as_mut()) else {
            return;
        };
        if let Some((sidecar, contents, generation)) = notes.store.take_save(now, force) {
            match &self.worker {
                Some(worker) => worker.save(sidecar, contents, generation),
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
                WorkerEvent::Saved {
                    sidecar,
                    generation,
                } => {
                    if let Some(notes) = notes.filter(|notes| notes.store.sidecar() == sidecar) {
                        notes.store.saved(generation);
                    }
                }
                WorkerEvent::SaveFailed {
                    sidecar,
                    error,
                    read_only,
                    ..
                } => {
                    self.message = Some(
                        match notes.filter(|notes| notes.store.sidecar() == sidecar) {
                            Some(notes) => notes.store.save_failed(&error, read_only),
                            None => {
                                format!("Notes could not be saved ({error}): {}", sidecar.display())
                            }
                        },
                    );
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
                WorkerEvent::ChangedOnDisk {
                    sidecar,
                    notes: theirs,
                } => {
                    let Some(notes) = notes.filter(|notes| notes.store.sidecar() == sidecar) else {
                        continue;
                    };
                    match theirs {
                        Ok(theirs) => {
                            let conflicts = notes.store.merge_from_disk(Instant::now(), theirs);
                            if !conflicts.is_empty() {
                                self.message = Some(format!(
                                    "The notes file was changed elsewhere while you edited the same notes here: both versions of {} notes are kept, marked \"changed in two places\".",
                                    conflicts.len()
                                ));
                            }
                        }
                        Err(error) => {
                            let reason = format!(
                                "The notes file was changed elsewhere and cannot be read now ({error}). It is not overwritten; your notes are kept in memory; use File > Save notes as… to keep them: {}",
                                sidecar.display()
                            );
                            notes.store.hold_saves(reason.clone());
                            self.message = Some(reason);
                        }
                    }
                }
            }
        }
        if let Some(open) = &mut self.open
            && let (Ok(article), Some(notes)) = (&open.content, &mut open.notes)
        {
            notes.place_all(article);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenArticle(path) => self.open_article(&path),
            Command::ChooseFolder => self.choose_file(ctx, DialogPurpose::OpenFolder),
            Command::ExportNotes(format) => self.choose_file(ctx, DialogPurpose::Export(format)),
            Command::Notes(command) => {
                if let Some(open) = &mut self.open
                    && let (Ok(article), Some(notes)) = (&open.content, &mut open.notes)
                {
                    notes.apply(article, command, Instant::now());
                }
            }
        }
    }

    /// Writes the open article's notes in `format` to `path`, on the writer thread.
    fn export_notes(&mut self, format: ExportFormat, path: PathBuf) {
        let Some(open) = &self.open else { return };
        let (Ok(article), Some(notes)) = (&open.content, &open.notes) else {
            return;
        };
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

    fn open_path(&mut self, path: &Path) {
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
        let library = match import::list_folder(&folder) {
            Ok(library) => library,
            Err(error) => {
                self.message = Some(format!(
                    "This folder cannot be read ({error}): {}",
                    folder.display()
                ));
                return;
            }
        };
        let article = article
            .and_then(|article| article.canonicalize().ok())
            .or_else(|| {
                self.settings
                    .last_article
                    .get(&folder)
                    .cloned()
                    .filter(|path| library.position(path).is_some())
            })
            .or_else(|| library.entries.first().map(|entry| entry.path.clone()));
        self.settings.remember_folder(&folder);
        self.library = Some(library);
        self.flush_notes();
        self.open = None;
        if let Some(article) = article {
            self.open_article(&article);
        }
    }

    fn open_article(&mut self, path: &Path) {
        self.remember_reading_position();
        self.flush_notes();
        let content = import::read_article(path)
            .map_err(|error| format!("This article cannot be shown: {error}."));
        let notes = content.as_ref().ok().map(|article| {
            let (mut notes, message) = NotesOfArticle::open(path);
            if message.is_some() {
                self.message = message;
            }
            notes.place_all(article);
            notes
        });
        if let Some(worker) = &self.worker {
            worker.watch(notes.as_ref().map(|notes| notes.store.sidecar().to_owned()));
        }
        let mut view = ReadingView::default();
        if let Some(&section) = self.settings.reading_positions.get(path) {
            view.scroll_to_section(section);
        }
        if let Some(folder) = self.library.as_ref().map(|library| library.root.clone()) {
            self.settings.last_article.insert(folder, path.to_owned());
        }
        self.open = Some(OpenArticle {
            path: path.to_owned(),
            content,
            view,
            notes,
        });
    }

    /// Hands every unsaved note edit to the writer at once.
    fn flush_notes(&mut self) {
        let Some(notes) = self.open.as_mut().and_then(|open| open.notes.as_mut()) else {
            return;
        };
        if let (Some(worker), Some((sidecar, contents, generation))) =
            (&self.worker, notes.store.take_save(Instant::now(), true))
        {
            worker.save(sidecar, contents, generation);
        }
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
        if let Some(Saving::Held { reason }) = self
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
                        TextBlock::new(&reason)
                            .style(TextStyle::interface(13.0))
                            .color(color),
                    );
                });
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if let Some(library) = &self.library {
            let current = self.open.as_ref().map(|open| open.path.as_path());
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
        let mut note_commands = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| match &mut self.open {
            Some(OpenArticle { content: Ok(article), view, notes, .. }) => {
                let (columns, size) = (self.settings.columns, self.settings.body_size_pt);
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
                    if let Some(ListAction::ShowSection(index)) = notes_list_window(ui.ctx(), notes, article, top, &mut note_commands) {
                        view.scroll_to_section(index);
                    }
                }
            }
            Some(OpenArticle { content: Err(problem), .. }) => {
                let color = ui.visuals().error_fg_color;
                ui.add(TextBlock::new(problem).style(TextStyle::interface(15.0)).color(color));
            }
            None => {
                ui.label("Choose an article in the library, or open a folder with File > Open folder (Ctrl+O).");
            }
        });
        self.commands
            .extend(note_commands.into_iter().map(Command::Notes));
        if !self.commands.is_empty() {
            ui.ctx().request_repaint();
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
        if let Some(library) = &self.library {
            let folder = library.root.file_name().unwrap_or(library.root.as_os_str());
            status = format!(
                "{} — {} articles",
                folder.to_string_lossy(),
                library.entries.len()
            );
        }
        if let Some(OpenArticle {
            path,
            content: Ok(article),
            ..
        }) = &self.open
        {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy())
                .unwrap_or_default();
            status += &format!("   |   {name} — {} sections", article.sections.len());
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
