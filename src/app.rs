//! The eframe application: what is open, what the reader asked for, and the panels.
//!
//! A frame runs in two halves, as eframe asks: [`HamishApp::logic`] applies what the
//! last frame asked for (commands, dropped folders, a folder chosen in the dialog) and
//! [`HamishApp::ui`] draws. The UI never changes state directly: it pushes
//! [`Command`]s.

mod settings;

pub use settings::Settings;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::import::{self, Library};
use crate::model::Article;
use crate::text::TextEngine;
use crate::text::TextStyle;
use crate::ui::{LibraryAction, ReadingView, TextBlock, TextButton, library_panel};

/// What the reader asked for, applied at the start of the next frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open a folder, or the folder of a file and that file.
    OpenPath(PathBuf),
    /// Show an article of the open folder.
    OpenArticle(PathBuf),
    /// Ask for a folder in the system's dialog.
    ChooseFolder,
}

/// An article being read.
struct OpenArticle {
    path: PathBuf,
    /// The article, or why it cannot be shown.
    content: Result<Article, String>,
    view: ReadingView,
}

/// The Hamish application.
pub struct HamishApp {
    settings: Settings,
    library: Option<Library>,
    open: Option<OpenArticle>,
    /// Something the reader must know, in plain words; shown until dismissed.
    message: Option<String>,
    commands: Vec<Command>,
    folder_dialog: Option<mpsc::Receiver<Option<PathBuf>>>,
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
            folder_dialog: None,
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

    /// First half of a frame: applies what was asked for. Paints nothing.
    pub fn logic(&mut self, ctx: &egui::Context) {
        TextEngine::lock(&TextEngine::shared(ctx)).begin_frame();

        if let Some(receiver) = &self.folder_dialog
            && let Ok(choice) = receiver.try_recv()
        {
            self.folder_dialog = None;
            if let Some(folder) = choice {
                self.commands.push(Command::OpenPath(folder));
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

        for command in std::mem::take(&mut self.commands) {
            self.apply(ctx, command);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenArticle(path) => self.open_article(&path),
            Command::ChooseFolder => self.choose_folder(ctx),
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
        self.open = None;
        if let Some(article) = article {
            self.open_article(&article);
        }
    }

    fn open_article(&mut self, path: &Path) {
        self.remember_reading_position();
        let content = import::read_article(path)
            .map_err(|error| format!("This article cannot be shown: {error}."));
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
        });
    }

    fn remember_reading_position(&mut self) {
        if let Some(open) = &self.open {
            self.settings
                .reading_positions
                .insert(open.path.clone(), open.view.first_visible_section());
        }
    }

    fn choose_folder(&mut self, ctx: &egui::Context) {
        if self.folder_dialog.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let start = self.library.as_ref().map(|library| library.root.clone());
        let spawned = std::thread::Builder::new()
            .name("folder-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new().set_title("Open a folder of articles");
                if let Some(start) = start {
                    dialog = dialog.set_directory(start);
                }
                // The receiver may be gone if the app is closing; nothing to do then.
                let _ = sender.send(dialog.pick_folder());
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.folder_dialog = Some(receiver),
            Err(error) => {
                self.message = Some(format!("The folder dialog could not be opened: {error}."))
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
        egui::CentralPanel::default().show(ui, |ui| match &mut self.open {
            Some(OpenArticle { content: Ok(article), view, .. }) => {
                view.show(ui, article, self.settings.columns, self.settings.body_size_pt);
            }
            Some(OpenArticle { content: Err(problem), .. }) => {
                let color = ui.visuals().error_fg_color;
                ui.add(TextBlock::new(problem).style(TextStyle::interface(15.0)).color(color));
            }
            None => {
                ui.label("Choose an article in the library, or open a folder with File > Open folder (Ctrl+O).");
            }
        });
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
