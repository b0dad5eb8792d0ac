//! The frame's layout: the menu bar, messages, the status line, the library and the
//! article with its columns. Each panel is given what it shows and returns what the
//! reader asked for, which becomes a command here.

use egui::Ui;

use crate::import::ImportError;
use crate::search::Kind as SearchKind;
use crate::store::Saving;
use crate::ui::machine_translation::{edited_rows_question, engine_settings_window, progress_bar};
use crate::ui::notes::{ListAction, NoteCommand, NotesColumn, note_highlights};
use crate::ui::translation::{TranslationCells, TranslationCommand};
use crate::ui::{
    ColumnCells, LibraryAction, MenuAction, MenuState, Page, PageLayout, Status, TextBlock,
    balanced_share, library_panel, menu_bar, notes_list_window, readable_measure_pt,
    selection_toolbar, status_bar, theme,
};
use crate::ui::{GlossAction, GlossCardContent, gloss_card};

use super::HamishApp;
use super::comfort::ComfortWindow;
use super::command::{Command, ZoomStep};
use super::preferences::{BODY_SIZE_RANGE_PT, LIBRARY_HIDES_BELOW_PT, LIBRARY_WIDTH_RANGE_PT};
use super::session::{Content, OpenArticle};

impl HamishApp {
    /// Second half of a frame: draws everything and collects the reader's commands.
    pub fn ui(&mut self, ui: &mut Ui) {
        let actions = egui::Panel::top("menu")
            .show(ui, |ui| menu_bar(ui, &self.menu_state(ui.ctx())))
            .inner;
        self.commands.extend(actions.into_iter().map(menu_command));
        egui::Panel::bottom("status").show(ui, |ui| status_bar(ui, &self.status()));
        self.machine_translation_ui(ui);
        self.banners(ui);
        self.window_is_narrow = ui.ctx().content_rect().width() < LIBRARY_HIDES_BELOW_PT;
        if let Some(library) = &self.session.library
            && self.library_is_shown()
        {
            let current = self
                .session
                .next_article
                .as_ref()
                .or(self.session.open.as_ref())
                .map(|open| open.path.as_path());
            let shown = egui::Panel::left("library")
                .resizable(true)
                .default_size(self.preferences.library_width_pt)
                .size_range(LIBRARY_WIDTH_RANGE_PT)
                .show(ui, |ui| library_panel(ui, library, current));
            if let Some(LibraryAction::Open(path)) = shown.inner {
                self.commands.push(Command::OpenArticle(path));
            }
            let width = shown.response.rect.width();
            if !self.window_is_narrow && (width - self.preferences.library_width_pt).abs() > 1.0 {
                self.commands.push(Command::SetLibraryWidth(width));
            }
        }
        egui::CentralPanel::default().show(ui, |ui| self.article_ui(ui));
        self.session.shown_in_last_frame = self.session.open.as_ref().and_then(|open| {
            let whole = match &open.content {
                Content::Ready(_) => open.translations.is_some(),
                Content::Failed(_) => true,
                Content::Loading => false,
            };
            whole.then(|| open.path.clone())
        });
        if let Some(command) = self.dialogs.show_prompt(ui.ctx()) {
            self.commands.push(command);
        }
        self.gloss_card(ui.ctx());
        self.comfort_windows(ui.ctx());
        self.search_window(ui.ctx());
        if !self.commands.is_empty() {
            ui.ctx().request_repaint();
        }
    }

    fn menu_state(&self, ctx: &egui::Context) -> MenuState<'_> {
        let notes = self
            .session
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref());
        MenuState {
            recent_folders: &self.reading.recent_folders,
            has_notes: self.session.ready_article().is_some(),
            notes_list_open: notes.is_some_and(|notes| notes.list_open),
            columns: self.preferences.columns,
            page: self.page_layout(),
            show_bidi_controls: self.preferences.show_bidi_controls,
            word_by_word: self.preferences.word_by_word,
            body_size_pt: self.preferences.body_size_pt,
            body_size_range_pt: BODY_SIZE_RANGE_PT,
            library_shown: self.library_is_shown(),
            fullscreen: ui_fullscreen(ctx),
            theme: self.preferences.theme,
            has_article: self.session.ready_article().is_some(),
            blur_translations: self.preferences.blur_translations,
            translation_size_pt: self.preferences.translation_size_pt,
            hide_diacritics: self.preferences.hide_diacritics,
            show_word_status: self.preferences.show_word_status,
            article_language: self.article_language_menu(),
            has_selection: self
                .session
                .open
                .as_ref()
                .is_some_and(|open| open.view.selected_sections().is_some()),
            translating: self.machine.is_running(),
            first_section_on_screen: self
                .session
                .ready_article()
                .and(self.session.open.as_ref())
                .map(|open| open.view.first_visible_section()),
        }
    }

    fn status(&self) -> Status<'_> {
        let library = self.session.library.as_ref();
        Status {
            opening: self.session.opening_folder.as_deref(),
            folder: library.map(|library| {
                (
                    library.root.as_path(),
                    library.entries.len(),
                    library.summarised(),
                )
            }),
            article: match &self.session.open {
                Some(OpenArticle {
                    path,
                    content: Content::Ready(imported),
                    ..
                }) => Some((
                    path.as_path(),
                    imported.article.sections.len(),
                    &imported.encoding,
                )),
                _ => None,
            },
            translation: self
                .machine
                .status_for(self.session.open.as_ref().map(|open| open.path.as_path())),
            diacritics_hidden: self.preferences.hide_diacritics,
            translations_covered: self.preferences.blur_translations,
            translation_column_hidden: !self.page_layout().layout.shows_translation(),
        }
    }

    /// Machine translation's progress bar, its question about the reader's rows, and
    /// the engine settings window.
    fn machine_translation_ui(&mut self, ui: &mut Ui) {
        if let Some(progress) = self.machine.progress() {
            let command = egui::Panel::bottom("translation-progress")
                .show(ui, |ui| progress_bar(ui, &progress))
                .inner;
            self.commands.extend(command.map(Command::Machine));
        }
        if let Some(question) = &self.machine.question
            && let Some(command) = edited_rows_question(ui.ctx(), question.edited.len())
        {
            self.commands.push(Command::Machine(command));
        }
        if self.machine.settings_open {
            let detected = self
                .session
                .ready_article()
                .and_then(|imported| super::machine::article_language(&imported.article));
            let commands =
                engine_settings_window(ui.ctx(), &self.preferences.translation_engine, detected);
            self.commands
                .extend(commands.into_iter().map(Command::Machine));
        }
    }

    /// The message, the undo of a deletion, and why notes are not being saved: at the
    /// bottom, above the status line, so that one appearing or going never moves the
    /// text under the reader's pointer.
    fn banners(&mut self, ui: &mut Ui) {
        if let Some(message) = self.messages.current() {
            egui::Panel::bottom("message").show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.small_button("Dismiss").clicked() {
                        self.commands.push(Command::DismissMessage);
                    }
                    // A success is news, not a warning.
                    let color = match self.messages.tone() {
                        Some(super::messages::Tone::Done) => ui.visuals().text_color(),
                        _ => ui.visuals().warn_fg_color,
                    };
                    let shown = ui.add(TextBlock::new(message).style(theme::MESSAGE).color(color));
                    // Announced by a screen reader when it appears or changes, once.
                    crate::ui::access::live_message(ui.ctx(), shown.id, message);
                });
            });
        }
        let last_deleted = self
            .session
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref()?.last_deleted.clone());
        if let Some(deleted) = last_deleted {
            egui::Panel::bottom("deleted-note").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Note deleted.");
                    let undo = ui.small_button("Undo").on_hover_text("Ctrl+Z");
                    if undo.clicked() {
                        self.commands
                            .push(Command::Notes(NoteCommand::Restore(deleted)));
                    }
                });
            });
        }
        let held = self
            .session
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref())
            .map(|notes| notes.store.saving().clone());
        if let Some(Saving::Held(reason)) = held {
            egui::Panel::bottom("notes-held").show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.small_button("Save notes as…").clicked() {
                        self.commands
                            .push(Command::ExportNotes(crate::export::ExportFormat::Sidecar));
                    }
                    let color = ui.visuals().warn_fg_color;
                    let reason = super::store_messages::hold_message(&reason);
                    ui.add(TextBlock::new(&reason).style(theme::SMALL).color(color));
                });
            });
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
            translations,
            ..
        }) = &mut self.session.open
        else {
            let text = if self.session.opening_folder.is_some() {
                "Opening the folder…"
            } else {
                "Choose an article in the library, or open a folder with File > Open folder (Ctrl+O)."
            };
            ui.label(text);
            return;
        };
        let imported = match content {
            Content::Loading => {
                ui.label("Opening the article…");
                return;
            }
            Content::Failed(error) => {
                let color = ui.visuals().error_fg_color;
                let problem = format!("This article cannot be shown: {error}.");
                ui.add(TextBlock::new(&problem).style(theme::PROBLEM).color(color));
                if matches!(error, ImportError::TooLarge { .. })
                    && ui.button("Open it anyway").clicked()
                {
                    self.commands.push(Command::OpenLargeArticle(path.clone()));
                }
                return;
            }
            Content::Ready(imported) => imported,
        };
        // The lines above the page come and go (the study share once the article's
        // words are read, a notice when the file changes): in a scope of their own,
        // so the page below keeps its widgets' ids, and the focus, as they do.
        let notice = article_notice(imported, disk_notice.as_deref());
        let shares = self.study.shares().filter(|shares| shares.words > 0);
        ui.scope(|ui| {
            if let Some(shares) = shares {
                ui.label(format!("Words: {}", shares.summary()))
                    .on_hover_text("Of the article's running Arabic words, the share whose lemma you know; of its lemmas, the share still new (ignored ones left out)");
            }
            if !notice.is_empty() {
                let color = ui.visuals().warn_fg_color;
                ui.add(
                    TextBlock::new(&notice)
                        .style(theme::SMALL)
                        .selectable(false)
                        .color(color),
                );
            }
        });
        view.set_show_bidi_controls(self.preferences.show_bidi_controls);
        view.set_hide_diacritics(self.preferences.hide_diacritics);
        let typography = self.preferences.typography;
        let nastaliq = typography.urdu_in_nastaliq
            && self
                .comfort
                .article_language(path, &self.reading, &imported.article)
                .as_deref()
                == Some("ur");
        view.set_typography(typography.article, nastaliq);
        let article = &imported.article;
        let search = &self.search;
        let study = &self.study;
        let show_word_status = self.preferences.show_word_status;
        let word_tints = |index: usize| -> Vec<(std::ops::Range<usize>, egui::Color32)> {
            if !show_word_status {
                return Vec::new();
            }
            study
                .marks(index)
                .into_iter()
                .map(|(range, status)| (range, theme::word_status_fill(status)))
                .collect()
        };
        let columns = self.preferences.columns;
        let size = self.preferences.body_size_pt;
        let mut note_commands = Vec::new();
        let mut translation_commands = Vec::new();
        let (languages, problems, split) = match translations {
            Some(translations) => (
                translations
                    .offered_languages(super::session::reader_translations(notes.as_ref()).0),
                translations
                    .problems()
                    .into_iter()
                    .map(|(file, error)| format!("{file} cannot be used: {error}"))
                    .collect(),
                translations.split_at_caret(),
            ),
            None => (Vec::new(), Vec::new(), None),
        };
        let shown_language = translations
            .as_ref()
            .and_then(|translations| translations.language.as_deref());
        let marks = self.machine.marks.on_rows(path, article, shown_language);
        let (column, editing) = match translations {
            Some(translations) => (translations.column.as_ref(), translations.editing.as_mut()),
            None => (None, None),
        };
        let translation_style = typography.translation_style(self.preferences.translation_size_pt);
        let translation_measure_pt = readable_measure_pt(translation_style.size_pt);
        let mut page_layout = self.reading.page_layout(
            &self
                .session
                .library
                .as_ref()
                .map(|library| library.root.clone())
                .unwrap_or_default(),
        );
        if page_layout.balance
            && let Some(column) = column
        {
            let article_style = typography.article.apply(crate::text::TextStyle::body(size));
            page_layout.article_share =
                balanced_share(article, column, (article_style, translation_style));
        }
        let mut translation = TranslationCells {
            column,
            languages: &languages,
            problems: &problems,
            editing,
            split,
            blurred: self.preferences.blur_translations,
            style: translation_style,
            margin_pt: typography.translation.margin_pt,
            marks: &marks,
            commands: &mut translation_commands,
            search_highlights: &|row| search.highlights(row, SearchKind::Translation),
            linked: Default::default(),
        };
        let word_by_word = self
            .preferences
            .word_by_word
            .then(|| self.gloss.word_by_word())
            .flatten();
        let glosses_of = |index: usize, text: &str| {
            word_by_word
                .as_ref()
                .and_then(|glosses| glosses.glosses(index, text))
        };
        let word_glosses: Option<crate::ui::WordGlosses<'_>> =
            word_by_word.is_some().then_some(&glosses_of as _);
        let output = match notes.as_mut() {
            Some(notes) => {
                let (all, placements) = (notes.store.notes(), notes.placements.as_slice());
                let highlights = |index: usize| {
                    let mut highlights = word_tints(index);
                    highlights.extend(note_highlights(all, placements, index));
                    highlights.extend(search.highlights(index, SearchKind::Article));
                    highlights
                };
                let mut notes_column = NotesColumn {
                    notes: all,
                    placements,
                    editing: notes.editing.as_mut(),
                    commands: &mut note_commands,
                    style: typography.note_style(),
                    margin_pt: typography.notes.margin_pt,
                };
                let mut page = Page {
                    layout: page_layout,
                    translation: page_layout
                        .layout
                        .shows_translation()
                        .then_some(&mut translation as &mut dyn ColumnCells),
                    notes: Some(&mut notes_column as &mut dyn ColumnCells),
                    notes_shown: columns.notes,
                    translation_measure_pt,
                    word_glosses,
                };
                view.show(ui, article, size, &highlights, &mut page)
            }
            None => {
                let mut page = Page {
                    layout: page_layout,
                    translation: page_layout
                        .layout
                        .shows_translation()
                        .then_some(&mut translation as &mut dyn ColumnCells),
                    notes: None,
                    notes_shown: false,
                    translation_measure_pt,
                    word_glosses,
                };
                let highlights = |index| {
                    let mut highlights = word_tints(index);
                    highlights.extend(search.highlights(index, SearchKind::Article));
                    highlights
                };
                view.show(ui, article, size, &highlights, &mut page)
            }
        };
        self.study.hovered = output.pointer_word.clone();
        if let Some(share) = output.article_share {
            self.commands.push(Command::SetPageLayout(PageLayout {
                article_share: share,
                balance: false,
                ..page_layout
            }));
        }
        if let Some(pin) = output.pin_sentence {
            self.commands
                .push(Command::Translation(TranslationCommand::PinSentence {
                    section: pin.section,
                    sentence: pin.sentence,
                    row: pin.row,
                    offset: pin.offset,
                }));
        }
        if let Some(word) = output.gloss_word {
            self.commands.push(Command::Gloss {
                section: word.section,
                range: word.range,
                word_rect: word.rect,
            });
        }
        if let Some(notes) = notes {
            if let Some(selection) = &output.selection {
                selection_toolbar(
                    ui.ctx(),
                    selection,
                    self.preferences.highlight_color,
                    &mut note_commands,
                    page_layout
                        .layout
                        .shows_translation()
                        .then_some(&mut translation_commands),
                );
            }
            if notes.list_open {
                let top = view.first_visible_section();
                let action = notes_list_window(
                    ui.ctx(),
                    notes.store.notes(),
                    notes.placements(),
                    article,
                    top,
                    &mut note_commands,
                );
                if let Some(ListAction::ShowSection(index)) = action {
                    self.commands.push(Command::ShowSection(index));
                }
            }
        }
        self.commands
            .extend(note_commands.into_iter().map(Command::Notes));
        self.commands
            .extend(translation_commands.into_iter().map(Command::Translation));
    }
}

impl HamishApp {
    /// The word gloss card, if one is open.
    fn gloss_card(&mut self, ctx: &egui::Context) {
        let window = ctx.content_rect().size();
        let Some(card) = &mut self.gloss.card else {
            return;
        };
        if *card.window.get_or_insert(window) != window {
            // The text was laid out again: the word is elsewhere now.
            self.commands.push(Command::CloseGloss);
            return;
        }
        let content = match (&card.gloss, &self.gloss.error) {
            (Some(gloss), _) => GlossCardContent::Gloss(gloss),
            (None, Some(error)) => GlossCardContent::Unavailable(error),
            (None, None) => GlossCardContent::Loading,
        };
        match gloss_card(ctx, card.word_rect, &content) {
            Some(GlossAction::AddToNotes(index)) => {
                self.commands.push(Command::GlossToNotes(index))
            }
            Some(GlossAction::Close) => self.commands.push(Command::CloseGloss),
            None => {}
        }
    }
}

/// Whether the window fills the screen.
fn ui_fullscreen(ctx: &egui::Context) -> bool {
    ctx.input(|input| input.viewport().fullscreen.unwrap_or(false))
}

/// The command a menu choice asks for.
fn menu_command(action: MenuAction) -> Command {
    match action {
        MenuAction::ChooseFolder => Command::ChooseFolder,
        MenuAction::OpenFolder(folder) => Command::OpenPath(folder),
        MenuAction::OpenSamples => Command::OpenSamples,
        MenuAction::ShowNotesList(open) => Command::Notes(NoteCommand::ShowList(open)),
        MenuAction::Export(format) => Command::ExportNotes(format),
        MenuAction::SetColumns(columns) => Command::SetColumns(columns),
        MenuAction::SetPageLayout(page) => Command::SetPageLayout(page),
        MenuAction::ShowBidiControls(show) => Command::ShowBidiControls(show),
        MenuAction::ShowWordByWord(show) => Command::ShowWordByWord(show),
        MenuAction::SetBodySize(size) => Command::SetBodySize(size),
        MenuAction::ToggleLibrary => Command::ToggleLibrary,
        MenuAction::ToggleFullscreen => Command::ToggleFullscreen,
        MenuAction::Quit => Command::Quit,
        MenuAction::SetTheme(theme) => Command::SetTheme(theme),
        MenuAction::ImportTranslation => Command::ChooseTranslationFile,
        MenuAction::BlurTranslations(blur) => Command::BlurTranslations(blur),
        MenuAction::SetTranslationSize(size) => Command::SetTranslationSize(size),
        MenuAction::ZoomIn => Command::Zoom(ZoomStep::In),
        MenuAction::ZoomOut => Command::Zoom(ZoomStep::Out),
        MenuAction::ZoomReset => Command::Zoom(ZoomStep::Reset),
        MenuAction::HideDiacritics(hide) => Command::HideDiacritics(hide),
        MenuAction::ShowWordStatus(show) => Command::ShowWordStatus(show),
        MenuAction::OpenSettings => Command::ShowWindow(ComfortWindow::Settings, true),
        MenuAction::ShowShortcuts => Command::ShowWindow(ComfortWindow::Shortcuts, true),
        MenuAction::MoveSentence(to_next) => Command::MoveCursorSentence { to_next },
        MenuAction::PinSentence => Command::PinToSentenceCursor,
        MenuAction::UndoSentenceMove => Command::Translation(TranslationCommand::UndoFix),
        MenuAction::SetArticleLanguage(language) => Command::SetArticleLanguage(language),
        MenuAction::Search(command) => Command::Search(command),
        MenuAction::Machine(command) => Command::Machine(command),
    }
}

/// What the reader should know about how the open article was read: its encoding
/// when it is not UTF-8, repairs, and changes on disk. Empty when there is nothing.
fn article_notice(imported: &crate::import::ImportedArticle, disk_notice: Option<&str>) -> String {
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
