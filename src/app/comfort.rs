//! Reading comfort: the keys of the shortcut table ([`crate::ui::shortcuts`]) turned
//! into commands, what the section cursor's commands do, and the settings window and
//! shortcut sheet.

use std::path::{Path, PathBuf};

use crate::model::Article;
use crate::ui::notes::NoteCommand;
use crate::ui::settings::{LookPage, LookSettings, SettingsAction, TypographyPage, ZOOM_RANGE};
use crate::ui::shortcuts::{self, KeyAction};
use crate::ui::translation::TranslationCommand;
use crate::ui::{Layout, PageLayout, TextSelection};

use super::command::Command;
use super::preferences::BODY_SIZE_RANGE_PT;
use super::session::{Content, OpenArticle};
use super::{HamishApp, ReadingState};

/// A window of this part of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComfortWindow {
    /// The settings window.
    Settings,
    /// The list of keyboard shortcuts.
    Shortcuts,
}

/// Which of the windows are open.
#[derive(Debug, Default)]
pub(super) struct Comfort {
    pub(super) settings_open: bool,
    pub(super) shortcuts_open: bool,
    /// Whether the reader asked to quit (File ▸ Quit, Ctrl+Q): the window is asked to
    /// close, and closing hands the last edits to the writer.
    pub(super) quit_asked: bool,
    /// The settings page shown.
    pub(super) settings_page: usize,
    /// The language guessed for an article from its letters, kept for the article it
    /// was guessed for.
    guessed: Option<(PathBuf, Option<String>)>,
}

impl Comfort {
    /// The language `article` (at `path`) is read as: the reader's choice for it,
    /// else the guess from its letters (made once per article).
    pub(super) fn article_language(
        &mut self,
        path: &Path,
        reading: &ReadingState,
        article: &Article,
    ) -> Option<String> {
        if self.guessed.as_ref().is_none_or(|(at, _)| at != path) {
            let text: String = article
                .sections
                .iter()
                .map(|section| section.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let guess = crate::model::guess_language(&text).map(str::to_owned);
            self.guessed = Some((path.to_owned(), guess));
        }
        let guessed = self
            .guessed
            .as_ref()
            .and_then(|(_, guess)| guess.as_deref());
        let chosen = reading.article_languages.get(path).map(String::as_str);
        crate::ui::typography::article_language(chosen, guessed)
    }
}

impl HamishApp {
    /// Turns this frame's shortcut keys into commands. Keys typed into a text field
    /// stay there (see [`shortcuts::Shortcut::works_while_typing`]).
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) {
        let typing = crate::ui::access::typing(ctx);
        for action in shortcuts::pressed(ctx, typing) {
            let page = self.page_layout();
            let command = match action {
                KeyAction::NextSection => Command::MoveSectionCursor(1),
                KeyAction::PreviousSection => Command::MoveSectionCursor(-1),
                KeyAction::NextSentence => Command::MoveSentenceCursor(1),
                KeyAction::PreviousSentence => Command::MoveSentenceCursor(-1),
                KeyAction::NextArticle => Command::OpenNeighbourArticle(1),
                KeyAction::PreviousArticle => Command::OpenNeighbourArticle(-1),
                KeyAction::NoteOnSection => Command::NoteOnCursorSection,
                KeyAction::EditTranslation => Command::TranslateCursorSection,
                KeyAction::SentenceToSectionAbove => Command::MoveCursorSentence { to_next: false },
                KeyAction::SentenceToSectionBelow => Command::MoveCursorSentence { to_next: true },
                KeyAction::PinSentence => Command::PinToSentenceCursor,
                KeyAction::HighlightSelection => Command::HighlightSelection,
                KeyAction::ToggleTranslationColumn => Command::SetPageLayout(PageLayout {
                    layout: page.layout.toggled_translation(),
                    ..page
                }),
                KeyAction::SetLayout(layout) => {
                    Command::SetPageLayout(PageLayout { layout, ..page })
                }
                KeyAction::ToggleNotesPanel => {
                    Command::Notes(NoteCommand::ShowList(!self.notes_list_open()))
                }
                KeyAction::ToggleLibrary => Command::ToggleLibrary,
                KeyAction::ToggleDiacritics => {
                    Command::HideDiacritics(!self.preferences.hide_diacritics)
                }
                KeyAction::ToggleWordStatus => {
                    Command::ShowWordStatus(!self.preferences.show_word_status)
                }
                KeyAction::SetWordStatus(status) => Command::SetWordStatus(status),
                KeyAction::RestKnown => Command::RestKnown,
                KeyAction::OpenFolder => Command::ChooseFolder,
                KeyAction::Fullscreen => Command::ToggleFullscreen,
                KeyAction::Settings => {
                    Command::ShowWindow(ComfortWindow::Settings, !self.comfort.settings_open)
                }
                KeyAction::ShortcutSheet => {
                    Command::ShowWindow(ComfortWindow::Shortcuts, !self.comfort.shortcuts_open)
                }
                KeyAction::Quit => Command::Quit,
            };
            self.commands.push(command);
        }
    }

    /// Applies the commands of the section cursor, the article neighbours and the
    /// comfort windows.
    pub(super) fn apply_comfort(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::MoveSectionCursor(by) => {
                if let Some(OpenArticle {
                    content: Content::Ready(imported),
                    view,
                    ..
                }) = &mut self.session.open
                {
                    view.move_cursor(by, imported.article.sections.len());
                }
            }
            Command::PinToSentenceCursor => {
                if let Some(OpenArticle { view, .. }) = &mut self.session.open {
                    view.ask_sentence_pin();
                    // The next frame reads the rows' sentences and makes the pin:
                    // ask for it now, not at the next input.
                    ctx.request_repaint();
                }
            }
            Command::MoveSentenceCursor(by) => {
                if let Some(OpenArticle {
                    content: Content::Ready(imported),
                    view,
                    ..
                }) = &mut self.session.open
                {
                    view.move_sentence_cursor(by, &imported.article);
                }
            }
            Command::OpenNeighbourArticle(by) => {
                let next = self.session.library.as_ref().and_then(|library| {
                    let open = self.session.open.as_ref()?;
                    let at = library.position(&open.path)?;
                    let next = at.checked_add_signed(by)?;
                    Some(library.entries.get(next)?.path.clone())
                });
                if let Some(path) = next {
                    self.apply(ctx, Command::OpenArticle(path));
                }
            }
            Command::NoteOnCursorSection => {
                if let Some(section) = self.cursor_section() {
                    self.preferences.columns.notes = true;
                    self.apply(ctx, Command::Notes(NoteCommand::AddToSection(section)));
                }
            }
            Command::TranslateCursorSection => {
                if let Some(section) = self.cursor_section() {
                    let page = self.page_layout();
                    if !page.layout.shows_translation() {
                        let folder = self.page_folder();
                        let shown = PageLayout {
                            layout: Layout::SideBySide,
                            ..page
                        };
                        self.reading.set_page_layout(&folder, shown);
                    }
                    self.apply(ctx, Command::Translation(TranslationCommand::Edit(section)));
                }
            }
            Command::MoveCursorSentence { to_next } => {
                if let Some(row) = self.cursor_section() {
                    let command = TranslationCommand::MoveSentence { row, to_next };
                    self.apply(ctx, Command::Translation(command));
                }
            }
            Command::HighlightSelection => {
                let selection = self
                    .session
                    .open
                    .as_ref()
                    .and_then(|open| open.view.selection_in_one_section());
                if let Some((section, range)) = selection {
                    TextSelection::clear(ctx);
                    let highlight = NoteCommand::Highlight {
                        section,
                        range,
                        color: self.preferences.highlight_color,
                        with_note: false,
                    };
                    self.apply(ctx, Command::Notes(highlight));
                }
            }
            Command::SetTypography(typography) => self.preferences.typography = typography,
            Command::SetArticleLanguage(language) => {
                if let Some(open) = &self.session.open {
                    let path = open.path.clone();
                    match language {
                        Some(language) => {
                            self.reading.article_languages.insert(path, language);
                        }
                        None => {
                            self.reading.article_languages.remove(&path);
                        }
                    }
                }
            }
            Command::SetZoom(zoom) => {
                let zoom = zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
                ctx.set_zoom_factor(zoom);
                self.preferences.zoom = zoom;
            }
            Command::ShowWindow(window, open) => match window {
                ComfortWindow::Settings => self.comfort.settings_open = open,
                ComfortWindow::Shortcuts => self.comfort.shortcuts_open = open,
            },
            _ => {}
        }
    }

    /// The folder whose page layout applies: the open one, or none (the empty path).
    pub(super) fn page_folder(&self) -> PathBuf {
        self.session
            .library
            .as_ref()
            .map(|library| library.root.clone())
            .unwrap_or_default()
    }

    /// How the open folder's pages are laid out.
    pub(super) fn page_layout(&self) -> PageLayout {
        self.reading.page_layout(&self.page_folder())
    }

    /// Whether the notes panel (the list of the article's notes) is open.
    fn notes_list_open(&self) -> bool {
        self.session
            .open
            .as_ref()
            .and_then(|open| open.notes.as_ref())
            .is_some_and(|notes| notes.list_open)
    }

    /// The section under the cursor, or the first on screen when the cursor has not
    /// been placed.
    pub(super) fn cursor_section(&self) -> Option<usize> {
        let open = self.session.open.as_ref()?;
        self.session.ready_article()?;
        Some(
            open.view
                .cursor()
                .unwrap_or_else(|| open.view.first_visible_section()),
        )
    }

    /// The open article's language for the View menu: as chosen, and as guessed.
    pub(super) fn article_language_menu(&self) -> Option<(Option<String>, Option<String>)> {
        let open = self.session.open.as_ref()?;
        self.session.ready_article()?;
        let guessed = self
            .comfort
            .guessed
            .as_ref()
            .filter(|(path, _)| *path == open.path)
            .and_then(|(_, guess)| guess.clone());
        let chosen = self.reading.article_languages.get(&open.path).cloned();
        Some((chosen, guessed))
    }

    /// Escape closes the shortcut sheet, or else the settings window, when no text
    /// field has the focus (a field's Escape leaves the field). The key is taken, so
    /// nothing under the window acts on it too.
    fn close_comfort_window_on_escape(&mut self, ctx: &egui::Context) {
        if !(self.comfort.shortcuts_open || self.comfort.settings_open)
            || crate::ui::access::typing(ctx)
        {
            return;
        }
        let escape =
            ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if !escape {
            return;
        }
        if self.comfort.shortcuts_open {
            self.comfort.shortcuts_open = false;
        } else {
            self.comfort.settings_open = false;
        }
    }

    /// Draws the settings window and the shortcut sheet, if open, and turns what the
    /// reader changed into commands.
    pub(super) fn comfort_windows(&mut self, ctx: &egui::Context) {
        self.close_comfort_window_on_escape(ctx);
        if self.comfort.shortcuts_open {
            crate::ui::shortcut_sheet(ctx, &mut self.comfort.shortcuts_open);
        }
        if !self.comfort.settings_open {
            return;
        }
        let preferences = &self.preferences;
        let mut look_actions = Vec::new();
        let mut typography_actions = Vec::new();
        let mut look = LookPage {
            settings: LookSettings {
                theme: preferences.theme,
                zoom: preferences.zoom,
                hide_diacritics: preferences.hide_diacritics,
                show_bidi_controls: preferences.show_bidi_controls,
                blur_translations: preferences.blur_translations,
            },
            actions: &mut look_actions,
        };
        let mut typography = TypographyPage {
            typography: preferences.typography,
            body_size_pt: preferences.body_size_pt,
            translation_size_pt: preferences.translation_size_pt,
            size_range_pt: BODY_SIZE_RANGE_PT,
            actions: &mut typography_actions,
        };
        let detected = self
            .session
            .ready_article()
            .and_then(|imported| super::machine::article_language(&imported.article));
        let mut engine = crate::ui::engine_settings::EnginePage {
            settings: &preferences.translation_engine,
            detected,
            changed: None,
        };
        crate::ui::settings::settings_window(
            ctx,
            &mut self.comfort.settings_open,
            &mut self.comfort.settings_page,
            &mut [&mut look, &mut typography, &mut engine],
        );
        if let Some(settings) = engine.changed {
            self.commands.push(Command::Machine(
                crate::ui::machine_translation::MachineCommand::SetSettings(settings),
            ));
        }
        for action in look_actions.into_iter().chain(typography_actions) {
            self.commands.push(match action {
                SettingsAction::SetTheme(theme) => Command::SetTheme(theme),
                SettingsAction::SetZoom(zoom) => Command::SetZoom(zoom),
                SettingsAction::HideDiacritics(hide) => Command::HideDiacritics(hide),
                SettingsAction::ShowBidiControls(show) => Command::ShowBidiControls(show),
                SettingsAction::BlurTranslations(blur) => Command::BlurTranslations(blur),
                SettingsAction::SetBodySize(size) => Command::SetBodySize(size),
                SettingsAction::SetTranslationSize(size) => Command::SetTranslationSize(size),
                SettingsAction::SetTypography(typography) => Command::SetTypography(typography),
            });
        }
    }

    /// Whether the reader asked to quit (the window was asked to close).
    pub fn quit_was_asked(&self) -> bool {
        self.comfort.quit_asked
    }

    /// Whether the settings window is open.
    pub fn settings_are_open(&self) -> bool {
        self.comfort.settings_open
    }

    /// Whether the shortcut sheet is open.
    pub fn shortcuts_are_open(&self) -> bool {
        self.comfort.shortcuts_open
    }

    /// The section under the cursor of the open article, if the reader has moved it.
    pub fn section_cursor(&self) -> Option<usize> {
        self.session.open.as_ref()?.view.cursor()
    }

    /// The sentence under the sentence cursor (Alt+↓ / Alt+↑), if it was moved.
    pub fn sentence_cursor(&self) -> Option<crate::ui::SentencePoint> {
        self.session.open.as_ref()?.view.sentence_cursor()
    }

    /// What the reading view lit as linked sentences in the last frame.
    pub fn linked_sentences(&self) -> Option<crate::ui::LinkedShown> {
        Some(self.session.open.as_ref()?.view.linked_shown().clone())
    }
}
