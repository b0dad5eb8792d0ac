//! Every change the reader asks for is a [`Command`]: the UI pushes commands while it
//! draws, and [`super::HamishApp::logic`] applies them at the start of the next frame.

use std::path::PathBuf;
use std::time::Instant;

use crate::export::ExportFormat;
use crate::ui::machine_translation::{MachineCommand, TranslateScope};
use crate::ui::notes::NoteCommand;
use crate::ui::search_panel::SearchCommand;
use crate::ui::theme::Theme;
use crate::ui::translation::TranslationCommand;
use crate::ui::{Columns, PageLayout};

use super::preferences::{BODY_SIZE_RANGE_PT, LIBRARY_WIDTH_RANGE_PT};
use super::session::{Content, OpenArticle};
use super::{HamishApp, dialogs, sample_folder};

/// What the reader asked for, applied at the start of the next frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a folder, or the folder of a file and that file.
    OpenPath(PathBuf),
    /// Open the bundled sample articles.
    OpenSamples,
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
    /// Write the open article's notes to this file.
    ExportNotesTo(ExportFormat, PathBuf),
    /// Scroll the open article so this section is at the top.
    ShowSection(usize),
    /// Stop showing the message.
    DismissMessage,
    /// Show these columns beside the article.
    SetColumns(Columns),
    /// Lay the open folder's pages out so (remembered for the folder).
    SetPageLayout(PageLayout),
    /// Mark explicit bidi controls in the text, or not.
    ShowBidiControls(bool),
    /// Write a short gloss under each Arabic word, or not.
    ShowWordByWord(bool),
    /// Set the body text size, in points.
    SetBodySize(f32),
    /// Show the library, or hide it.
    ToggleLibrary,
    /// Remember the library's width, in points, as the reader dragged it.
    SetLibraryWidth(f32),
    /// Fill the screen with the window, or stop.
    ToggleFullscreen,
    /// Close the window: File ▸ Quit, Ctrl+Q.
    Quit,
    /// Use this theme.
    SetTheme(Theme),
    /// Zoom the whole app in or out, or back to actual size.
    Zoom(ZoomStep),
    /// Change the open article's translations.
    Translation(TranslationCommand),
    /// Ask for a translation file kept elsewhere, for the open article.
    ChooseTranslationFile,
    /// Use the translation file at this path for the open article.
    ImportTranslation(PathBuf),
    /// Set the translation column's text size, in points.
    SetTranslationSize(f32),
    /// Cover translations until hovered, or not.
    BlurTranslations(bool),
    /// Show the gloss of a word: the bytes of a section's text, with the card beside
    /// the word's box on screen.
    Gloss {
        /// The section.
        section: usize,
        /// The word's bytes in its text.
        range: std::ops::Range<usize>,
        /// Where the word is on screen.
        word_rect: egui::Rect,
    },
    /// Keep the card's analysis (by its index) as a note on its word.
    GlossToNotes(usize),
    /// Close the gloss card.
    CloseGloss,
    /// Hide Arabic and Hebrew diacritics in the article, or show them (display only).
    HideDiacritics(bool),
    /// Tint the article's words by their lemma's status, or stop.
    ShowWordStatus(bool),
    /// Set the status of the lemma of the word under the pointer.
    SetWordStatus(crate::model::vocabulary::WordStatus),
    /// Mark every still-new word of the section under the cursor known.
    RestKnown,
    /// Move the section cursor by this many sections (down when positive).
    MoveSectionCursor(isize),
    /// Move the sentence cursor by this many sentences (down when positive).
    MoveSentenceCursor(isize),
    /// Open the article this many places after the open one in the library (before
    /// it when negative).
    OpenNeighbourArticle(isize),
    /// Add a note to the section under the cursor.
    NoteOnCursorSection,
    /// Write the translation of the section under the cursor.
    TranslateCursorSection,
    /// Move a translation sentence of the cursor row (lined up sentence by sentence)
    /// to the next section (its last sentence) or the previous one (its first).
    MoveCursorSentence {
        /// Down to the next section, or up to the previous one.
        to_next: bool,
    },
    /// Pin the translation sentence pointed at (or else the one lit with the sentence
    /// cursor) to the sentence cursor's article sentence.
    PinToSentenceCursor,
    /// Highlight the selection (within one section).
    HighlightSelection,
    /// Use these column faces, spacings and margins.
    SetTypography(crate::ui::typography::Typography),
    /// Read the open article as written in this language (`ur`, `fa`, `ar`…), or as
    /// guessed from its letters.
    SetArticleLanguage(Option<String>),
    /// Zoom the whole app to this factor.
    SetZoom(f32),
    /// Open or close a window of the comfort settings and help.
    ShowWindow(super::comfort::ComfortWindow, bool),
    /// Search, or go to a match.
    Search(SearchCommand),
    /// Machine translation: translate, cancel, settings.
    Machine(MachineCommand),
}

/// A step of the whole app's zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoomStep {
    /// Larger.
    In,
    /// Smaller.
    Out,
    /// Actual size.
    Reset,
}

impl HamishApp {
    /// Applies `command`.
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let messages = &mut self.messages;
        match command {
            Command::OpenPath(path) => self.session.open_path(ctx, &path, messages),
            Command::OpenSamples => self.session.open_path(ctx, &sample_folder(), messages),
            Command::OpenArticle(path) => {
                self.session
                    .open_article(ctx, &path, false, &mut self.reading, messages);
            }
            Command::OpenLargeArticle(path) => {
                self.session
                    .open_article(ctx, &path, true, &mut self.reading, messages);
            }
            Command::ChooseFolder => {
                let folder = self.session.dialog_folder();
                self.dialogs
                    .choose(ctx, dialogs::Purpose::OpenFolder, folder, None, messages);
            }
            Command::ExportNotes(format) => {
                let folder = self.session.dialog_folder();
                let name = self
                    .session
                    .open
                    .as_ref()
                    .and_then(|open| open.path.file_stem())
                    .map(|stem| format!("{}.{}", stem.to_string_lossy(), format.file_suffix()));
                self.dialogs.choose(
                    ctx,
                    dialogs::Purpose::Export(format),
                    folder,
                    name,
                    messages,
                );
            }
            Command::ExportNotesTo(format, target) => self.export_notes(ctx, format, target),
            Command::Notes(command) => {
                if let NoteCommand::Highlight { color, .. } = &command {
                    // The colour picked last is the one H highlights in.
                    self.preferences.highlight_color = *color;
                }
                if let Some(OpenArticle {
                    content: Content::Ready(imported),
                    notes: Some(notes),
                    ..
                }) = &mut self.session.open
                {
                    if blank_span(&imported.article, &command) {
                        messages.tell("Nothing to highlight: only spaces are selected");
                    }
                    notes.apply(&imported.article, command, Instant::now());
                }
            }
            Command::ShowSection(index) => {
                if let Some(open) = &mut self.session.open {
                    open.view.scroll_to_section(index);
                }
            }
            Command::DismissMessage => self.messages.dismiss(),
            Command::SetColumns(columns) => self.preferences.columns = columns,
            Command::SetPageLayout(page) => {
                let folder = self.page_folder();
                self.reading.set_page_layout(&folder, page);
            }
            Command::ShowBidiControls(show) => self.preferences.show_bidi_controls = show,
            Command::ShowWordByWord(show) => self.preferences.word_by_word = show,
            Command::ToggleLibrary => {
                if self.window_is_narrow {
                    self.library_opened_while_narrow = !self.library_opened_while_narrow;
                } else {
                    self.preferences.library_shown = !self.preferences.library_shown;
                }
            }
            Command::SetLibraryWidth(width) => {
                self.preferences.library_width_pt = width.clamp(
                    *LIBRARY_WIDTH_RANGE_PT.start(),
                    *LIBRARY_WIDTH_RANGE_PT.end(),
                );
            }
            Command::Quit => {
                self.comfort.quit_asked = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::ToggleFullscreen => {
                let fullscreen = ctx.input(|input| input.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
            }
            Command::SetTheme(theme) => self.preferences.theme = theme,
            Command::Translation(TranslationCommand::MachineTranslate(row)) => {
                self.apply_machine(ctx, MachineCommand::Translate(TranslateScope::Section(row)));
            }
            Command::Translation(command) => self.apply_translation(command),
            Command::Machine(command) => self.apply_machine(ctx, command),
            Command::ChooseTranslationFile => {
                let folder = self.session.dialog_folder();
                self.dialogs.choose(
                    ctx,
                    dialogs::Purpose::ImportTranslation,
                    folder,
                    None,
                    messages,
                );
            }
            Command::ImportTranslation(file) => {
                let Some(article) = self.session.open.as_ref().map(|open| open.path.clone()) else {
                    return;
                };
                let imported = self
                    .reading
                    .imported_translations
                    .entry(article.clone())
                    .or_default();
                if !imported.contains(&file) {
                    imported.push(file);
                }
                self.session.reload_open_article(ctx, &article, messages);
            }
            Command::SetTranslationSize(size) => {
                self.preferences.translation_size_pt =
                    size.clamp(*BODY_SIZE_RANGE_PT.start(), *BODY_SIZE_RANGE_PT.end());
            }
            Command::BlurTranslations(blur) => self.preferences.blur_translations = blur,
            Command::Gloss {
                section,
                range,
                word_rect,
            } => {
                let word = self
                    .session
                    .ready_article()
                    .and_then(|imported| imported.article.sections.get(section))
                    .and_then(|section| section.text.get(range.clone()))
                    .map(str::to_owned);
                if let Some(word) = word {
                    self.gloss.open(section, range, &word, word_rect);
                }
            }
            Command::GlossToNotes(index) => {
                let Some(card) = self.gloss.card.take() else {
                    return;
                };
                let Some(analysis) = card.gloss.as_ref().and_then(|g| g.analyses.get(index)) else {
                    return;
                };
                let text = format!(
                    "{} — {} ({}; {})",
                    analysis.vocalized, analysis.gloss, analysis.lemma, analysis.pos
                );
                let command = NoteCommand::AddNote {
                    section: card.section,
                    range: card.range,
                    text,
                };
                self.apply(ctx, Command::Notes(command));
            }
            Command::CloseGloss => self.gloss.card = None,
            Command::Search(command) => self.apply_search(ctx, command),
            Command::Zoom(step) => {
                match step {
                    ZoomStep::In => egui::gui_zoom::zoom_in(ctx),
                    ZoomStep::Out => egui::gui_zoom::zoom_out(ctx),
                    ZoomStep::Reset => ctx.set_zoom_factor(1.0),
                }
                self.preferences.zoom = ctx.zoom_factor();
            }
            Command::HideDiacritics(hide) => self.preferences.hide_diacritics = hide,
            Command::ShowWordStatus(show) => self.preferences.show_word_status = show,
            Command::SetWordStatus(status) => {
                let lemma = self
                    .study
                    .hovered
                    .clone()
                    .and_then(|(section, range)| self.study.lemma_at(section, &range));
                if let Some(lemma) = lemma {
                    self.study.set(&lemma, status);
                }
            }
            Command::RestKnown => {
                if let Some(section) = self.cursor_section() {
                    self.study.rest_known(section);
                }
            }
            Command::MoveSectionCursor(_)
            | Command::MoveSentenceCursor(_)
            | Command::OpenNeighbourArticle(_)
            | Command::NoteOnCursorSection
            | Command::TranslateCursorSection
            | Command::MoveCursorSentence { .. }
            | Command::PinToSentenceCursor
            | Command::HighlightSelection
            | Command::SetTypography(_)
            | Command::SetArticleLanguage(_)
            | Command::SetZoom(_)
            | Command::ShowWindow(..) => self.apply_comfort(ctx, command),
            Command::SetBodySize(size) => {
                self.preferences.body_size_pt =
                    size.clamp(*BODY_SIZE_RANGE_PT.start(), *BODY_SIZE_RANGE_PT.end());
            }
        }
    }

    /// Applies `command` to the open article's translations; the language shown is
    /// remembered for its folder.
    pub(super) fn apply_translation(&mut self, command: TranslationCommand) {
        let Some(OpenArticle {
            content: Content::Ready(imported),
            translations: Some(translations),
            notes,
            ..
        }) = &mut self.session.open
        else {
            return;
        };
        if let TranslationCommand::ShowLanguage(language) = &command
            && let Some(folder) = self.session.library.as_ref().map(|l| l.root.clone())
        {
            self.reading
                .translation_languages
                .insert(folder, language.clone());
        }
        if let TranslationCommand::Edit(row) = command
            && let Some(cell) = translations
                .column()
                .and_then(|column| column.rows.get(row))
                .and_then(|row| row.cell.as_ref())
                .filter(|cell| crate::ui::long_text::is_long(&cell.text))
        {
            self.messages.tell(format!(
                "This translation is too long to edit here ({}): it is shown a part at a time.",
                crate::ui::long_text::size_words(cell.text.len())
            ));
            return;
        }
        let store = notes.as_mut().map(|notes| &mut notes.store);
        translations.apply(&imported.article, command, store);
    }

    /// Exports the open article's notes in `format` to `target`, in the background.
    fn export_notes(&mut self, ctx: &egui::Context, format: ExportFormat, target: PathBuf) {
        let Some(OpenArticle {
            path,
            content: Content::Ready(imported),
            notes,
            translations,
            ..
        }) = &mut self.session.open
        else {
            return;
        };
        let job = super::export::ExportJob {
            format,
            article_path: path.clone(),
            notes: notes
                .as_ref()
                .map(|notes| notes.store.notes().clone())
                .unwrap_or_default(),
            translations: translations
                .as_mut()
                .map(|translations| {
                    let (data, _) = super::session::reader_translations(notes.as_ref());
                    translations.all_columns(&imported.article, data)
                })
                .unwrap_or_default(),
            reader_translations: super::session::reader_translations(notes.as_ref())
                .0
                .clone(),
            target,
            unusable_translations: Vec::new(),
        };
        let started = self.session.background.export(ctx, job);
        super::session::start(started, "export the notes", &mut self.messages);
    }
}

/// Whether `command` highlights a span of `article` holding nothing but white space,
/// which the notes do not make (and the reader is told why).
fn blank_span(article: &crate::model::Article, command: &NoteCommand) -> bool {
    let NoteCommand::Highlight { section, range, .. } = command else {
        return false;
    };
    article
        .sections
        .get(*section)
        .and_then(|section| section.text.get(range.clone()))
        .is_some_and(|text| !text.is_empty() && text.trim().is_empty())
}
