//! The eframe application. A frame runs in two halves, as eframe asks:
//! [`HamishApp::logic`] applies what the last frame asked for and [`HamishApp::ui`]
//! draws.
//!
//! The UI never changes state directly: panels return what the reader asked for and
//! it becomes a [`Command`] (`command`), applied in `logic`. Nothing touches the disk
//! on the UI thread: finding and listing a folder, reading titles, loading an article
//! and its notes, and exports are background jobs (`background`) whose reports
//! `logic` applies; the notes are saved, and watched for changes made elsewhere, by
//! the sidecar writer thread (`saving`).
//!
//! The state: the folder and article being read (`session`), the open article's notes
//! (`notes`), the reader's preferences and reading state (remembered by eframe), the
//! message for the reader (`messages`) and the file dialog (`dialogs`). `panels` lays
//! the frame out.

pub mod align_cli;
pub mod align_dictionary;
mod background;
mod comfort;
mod command;
mod dialogs;
mod export;
mod gloss;
mod machine;
mod messages;
mod notes;
mod opening_guard;
mod panels;
mod preferences;
mod reading_state;
mod saving;
mod search;
mod sentence_column;
mod session;
mod store_messages;
pub mod study;
pub mod study_cli;
pub mod translate_cli;
mod translations;
mod vocabulary;
mod window_name;

pub use command::{Command, ZoomStep};
pub use export::{ExportError, ExportJob};
pub use preferences::{Preferences, stored_preferences, stored_reading_state};
pub use reading_state::ReadingState;
pub use search::Stop as SearchStop;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::import::{ImportedArticle, Library};
use crate::model::{Note, NoteId, Placement};
use crate::text::TextEngine;
use crate::ui::notes::NoteCommand;

use messages::Messages;
use session::Session;

/// Where eframe keeps the preferences.
const PREFERENCES_KEY: &str = "preferences";

/// Where eframe keeps the reading state.
const READING_STATE_KEY: &str = "reading_state";

/// Undo the last change to a note (outside a text field).
const UNDO: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);

/// The Hamish application.
pub struct HamishApp {
    preferences: Preferences,
    reading: ReadingState,
    session: Session,
    messages: Messages,
    commands: Vec<Command>,
    dialogs: dialogs::Dialogs,
    /// Whether the window was too narrow for the library in the last frame.
    window_is_narrow: bool,
    /// The library shown by the reader while the window is too narrow for it.
    library_opened_while_narrow: bool,
    /// The Arabic lexicon and the word gloss card.
    gloss: gloss::Gloss,
    /// The theme and zoom given to egui, to apply the preferences when they change.
    applied_look: Option<(crate::ui::theme::Theme, f32)>,
    /// The settings window and the shortcut sheet.
    comfort: comfort::Comfort,
    /// The search window, the folder's index and the matches in the open article.
    search: search::Search,
    /// Machine translation jobs and what they reported.
    machine: machine::MachineJobs,
    /// The folder's word statuses and the open article's lemmas.
    study: vocabulary::StudyState,
}

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
    /// Starts with `preferences` and `reading` state, opening `path` (a folder or an
    /// article file), or else the last folder read, or else the sample articles.
    pub fn new(preferences: Preferences, reading: ReadingState, path: Option<PathBuf>) -> Self {
        let start = path
            .or_else(|| reading.last_folder.clone())
            .unwrap_or_else(sample_folder);
        Self {
            preferences,
            reading,
            session: Session::default(),
            messages: Messages::default(),
            commands: vec![Command::OpenPath(start)],
            dialogs: dialogs::Dialogs::default(),
            window_is_narrow: false,
            library_opened_while_narrow: false,
            applied_look: None,
            gloss: gloss::Gloss::default(),
            comfort: comfort::Comfort::default(),
            search: search::Search::default(),
            machine: machine::MachineJobs::default(),
            study: vocabulary::StudyState::default(),
        }
    }

    /// Never tries the system's file dialogs: a path typed into the app stands in for
    /// them, as it does where none can be shown.
    pub fn without_system_dialogs(mut self) -> Self {
        self.dialogs = std::mem::take(&mut self.dialogs).without_system_dialogs();
        self
    }

    /// Starts from eframe, with what it stored last time. The first version stored
    /// preferences and reading state as one object under eframe's own key: both are
    /// read from it until they have been stored apart.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let stored = |key: &str| -> Option<String> { cc.storage?.get_string(key) };
        let older = stored(eframe::APP_KEY);
        let read = |key: &str| stored(key).or_else(|| older.clone());
        // eframe stores RON (`set_value`); the first versions read JSON.
        let preferences = read(PREFERENCES_KEY)
            .and_then(|text| preferences::parse_stored::<Preferences>(&text))
            .map(Preferences::checked)
            .unwrap_or_default();
        let reading = read(READING_STATE_KEY)
            .and_then(|text| preferences::parse_stored(&text))
            .unwrap_or_default();
        let app = Self::new(preferences, reading, path);
        match eframe::storage_dir("hamish") {
            Some(folder) => app.with_opening_guard(&folder),
            None => app,
        }
    }

    /// Keeps the marker of the article being opened in `folder` (the app's data
    /// folder), and holds back the article the last run left marked: see
    /// `opening_guard`.
    pub fn with_opening_guard(mut self, folder: &Path) -> Self {
        self.session.guard = opening_guard::OpeningGuard::in_folder(folder);
        self
    }

    /// The preferences, as they would be saved now.
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// The reading state, as it would be saved now.
    pub fn reading_state(&self) -> ReadingState {
        let mut reading = self.reading.clone();
        self.session.remember_reading_position(&mut reading);
        reading
    }

    /// The open folder's articles.
    pub fn library(&self) -> Option<&Library> {
        self.session.library.as_ref()
    }

    /// The path of the article on screen.
    pub fn open_article_path(&self) -> Option<&Path> {
        self.session.open.as_ref().map(|open| open.path.as_path())
    }

    /// The article on screen, once it has been read, with how it was read.
    pub fn current_article(&self) -> Option<&ImportedArticle> {
        self.session.ready_article()
    }

    /// The first section on screen in the last frame.
    pub fn first_visible_section(&self) -> Option<usize> {
        self.session
            .open
            .as_ref()
            .map(|open| open.view.first_visible_section())
    }

    /// Where the reader is in the open article: the first section on screen and how
    /// far into it the view starts, in points.
    pub fn reading_position(&self) -> Option<(usize, f32)> {
        self.session.open.as_ref().map(|open| open.view.position())
    }

    /// How the open article's page was laid out in the last frame: the layout drawn
    /// and where its columns were on screen.
    pub fn page_shown(&self) -> Option<crate::ui::ColumnsShown> {
        self.session
            .open
            .as_ref()
            .and_then(|open| open.view.columns_shown())
    }

    /// How the open folder's pages are laid out, as the reader chose.
    pub fn page_layout_chosen(&self) -> crate::ui::PageLayout {
        self.page_layout()
    }

    /// The translation column of the open article, in the language shown.
    pub fn translation_of_open_article(
        &self,
    ) -> Option<&crate::model::translation::TranslationColumn> {
        self.session.open.as_ref()?.translations.as_ref()?.column()
    }

    /// Reads the open article's context for ranking glosses, once per article and
    /// translation (see [`gloss::Gloss::set_article`]).
    fn read_gloss_context(&mut self) {
        let Some(imported) = self.session.ready_article() else {
            return;
        };
        let article = &imported.article;
        let column = self
            .session
            .open
            .as_ref()
            .and_then(|open| open.translations.as_ref())
            .and_then(|translations| translations.column());
        let key = {
            use std::hash::{Hash as _, Hasher as _};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            article.sections.len().hash(&mut hasher);
            article.sections.first().map(|s| &s.text).hash(&mut hasher);
            article.sections.last().map(|s| &s.text).hash(&mut hasher);
            column
                .map(|c| (&c.language, c.rows.len()))
                .hash(&mut hasher);
            hasher.finish()
        };
        let sections = || {
            let texts = article.sections.iter().map(|s| s.text.clone()).collect();
            let translations = column
                .map(|column| {
                    column
                        .rows
                        .iter()
                        .map(|row| row.cell.as_ref().map(|cell| cell.text.clone()))
                        .collect()
                })
                .unwrap_or_default();
            (texts, translations)
        };
        self.gloss.set_article(key, sections);
    }

    /// The analyses on the word gloss card, once it shows them.
    pub fn gloss_on_card(&self) -> Option<&crate::gloss::WordGloss> {
        self.gloss.card.as_ref()?.gloss.as_ref()
    }

    /// Whether the library is on screen.
    pub fn library_is_shown(&self) -> bool {
        if self.window_is_narrow {
            self.library_opened_while_narrow
        } else {
            self.preferences.library_shown
        }
    }

    /// The message shown to the reader, if any.
    pub fn message(&self) -> Option<&str> {
        self.messages.current()
    }

    /// Asks for `command`, as the UI would; it is applied in the next frame.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Blocks until no background job is under way, or `timeout` has passed; true if
    /// none is. For tests and benchmarks: the app itself never waits.
    pub fn wait_for_background(&mut self, timeout: Duration) -> bool {
        let aligned = self
            .session
            .open
            .as_mut()
            .and_then(|open| open.translations.as_mut())
            .is_none_or(|translations| translations.wait_for_alignment(timeout));
        self.session.background.wait(timeout) && self.search.wait(timeout) && aligned
    }

    /// Whether a sentence alignment of the open article's translation is under way.
    pub fn is_aligning(&self) -> bool {
        self.session
            .open
            .as_ref()
            .and_then(|open| open.translations.as_ref())
            .is_some_and(translations::TranslationsOfArticle::is_aligning)
    }

    /// How many times the open article's translation file was aligned (row by row or
    /// sentence by sentence); `None` with no translations open. For tests: typing in
    /// a cell must not align again.
    pub fn alignment_runs(&self) -> Option<usize> {
        let open = self.session.open.as_ref()?;
        Some(open.translations.as_ref()?.alignment_runs())
    }

    /// The live notes of the open article with where each is, in reading order.
    pub fn notes_of_open_article(&self) -> Vec<(NoteId, Note, Placement)> {
        let Some(notes) = self
            .session
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref())
        else {
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

    /// Follows the open folder and article with the study state (see
    /// [`vocabulary::StudyState::poll`]).
    fn poll_study(&mut self, ctx: &egui::Context) {
        let folder = self
            .session
            .library
            .as_ref()
            .map(|library| library.root.clone());
        let open = self
            .session
            .open
            .as_ref()
            .and_then(|open| match &open.content {
                session::Content::Ready(imported) => Some((open.path.clone(), imported)),
                _ => None,
            });
        let path = open.as_ref().map(|(path, _)| path.clone());
        let sections = || {
            open.as_ref()
                .map(|(_, imported)| {
                    imported
                        .article
                        .sections
                        .iter()
                        .map(|section| section.text.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        self.study.poll(
            ctx,
            folder.as_deref(),
            path.as_deref(),
            sections,
            self.gloss.analyzer(),
        );
    }

    /// The word-status marks of section `section` of the open article: the bytes of
    /// each word still new or being learnt, with its status (none until the lexicon
    /// and the folder's vocabulary are read).
    pub fn word_marks(
        &self,
        section: usize,
    ) -> Vec<(std::ops::Range<usize>, crate::model::vocabulary::WordStatus)> {
        self.study.marks(section)
    }

    /// Whether the open folder's vocabulary is read and the open article's words are
    /// read as lemmas.
    pub fn study_ready(&self) -> bool {
        self.study.is_loaded() && self.study.words().is_some()
    }

    /// The known and new shares of the open article, once its words are read.
    pub fn study_shares(&self) -> Option<crate::study::Shares> {
        self.study.shares()
    }

    /// First half of a frame: applies what was asked for. Paints nothing, reads and
    /// writes no file.
    pub fn logic(&mut self, ctx: &egui::Context) {
        TextEngine::lock(&TextEngine::shared(ctx)).begin_frame();
        // The last frame was drawn and handed on whole: what it showed is safe to
        // reopen.
        if let Some(shown) = self.session.shown_in_last_frame.take() {
            self.session.guard.shown(&shown);
        }
        self.session.ensure_worker(ctx, &mut self.messages);
        self.gloss.poll(ctx);
        self.read_gloss_context();
        self.poll_study(ctx);
        if let Some(command) = self.dialogs.answer() {
            self.commands.push(command);
        }
        let dropped: Option<PathBuf> = ctx.input(|input| {
            let file = input.raw.dropped_files.first()?;
            Some(file.path().to_owned())
        });
        self.commands.extend(dropped.map(Command::OpenPath));
        self.commands
            .extend(search::shortcuts(ctx).map(Command::Search));
        self.keyboard(ctx);
        // In a text field Ctrl+Z undoes typing; elsewhere, the last change to a note.
        let in_text_field = crate::ui::access::typing(ctx);
        if !in_text_field && ctx.input_mut(|input| input.consume_shortcut(&UNDO)) {
            self.commands.push(Command::Notes(NoteCommand::Undo));
        }
        self.session.remember_reading_position(&mut self.reading);

        for report in self.session.background.drain() {
            self.search.observe(&report);
            self.session
                .handle_report(ctx, report, &mut self.reading, &mut self.messages);
        }
        self.session.handle_worker_events(&mut self.messages);
        for command in std::mem::take(&mut self.commands) {
            self.apply(ctx, command);
        }
        // After the commands: a result that came in the frame Cancel was clicked in is
        // not taken.
        self.poll_machine();
        self.apply_look(ctx);
        // After everything that can change the article or its notes this frame.
        self.session.place_notes();
        self.forget_answered_failures();
        self.update_search(ctx);
        self.session.autosave(ctx, false, &mut self.messages);
        self.name_window(ctx);
        let aligning = self
            .session
            .open
            .as_ref()
            .and_then(|open| open.translations.as_ref())
            .is_some_and(translations::TranslationsOfArticle::is_aligning);
        if aligning {
            // The aligner reports over a channel read in `logic`: look again soon.
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        if self.session.background.pending() > 0 {
            // Keep frames coming while work is under way, so its reports are shown.
            ctx.request_repaint();
        }
    }
}

impl HamishApp {
    /// Gives egui the theme and zoom of the preferences when they changed, and keeps
    /// a zoom made with egui's own keys (Ctrl+= / Ctrl+- / Ctrl+0) in them.
    fn apply_look(&mut self, ctx: &egui::Context) {
        let (theme, zoom) = (self.preferences.theme, self.preferences.zoom);
        match self.applied_look {
            Some((applied_theme, applied_zoom)) => {
                if applied_theme != theme {
                    crate::ui::theme::apply(ctx, theme);
                }
                let zoomed_by_keys = ctx.zoom_factor();
                if (zoomed_by_keys - applied_zoom).abs() > f32::EPSILON {
                    self.preferences.zoom = zoomed_by_keys;
                } else if (zoom - applied_zoom).abs() > f32::EPSILON {
                    ctx.set_zoom_factor(zoom);
                }
            }
            None => {
                // Once: egui's fonts with the bundled faces after them.
                ctx.set_fonts(crate::ui::theme::font_definitions());
                crate::ui::theme::apply(ctx, theme);
                ctx.set_zoom_factor(zoom.clamp(0.5, 3.0));
            }
        }
        self.applied_look = Some((self.preferences.theme, ctx.zoom_factor()));
    }
}

impl Drop for HamishApp {
    /// Closing never loses a note: pending edits are handed to the writer, and
    /// dropping the writer waits for it to finish.
    fn drop(&mut self) {
        self.session.flush_notes(&mut self.messages);
        self.session.worker = None;
    }
}

impl eframe::App for HamishApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        Self::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Self::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
        eframe::set_value(storage, READING_STATE_KEY, &self.reading_state());
    }
}
