//! The menu bar: File, Notes, View, Search, Translate and Help. It shows what it is given and returns what the
//! reader chose; the app turns that into commands.

use std::path::PathBuf;

use egui::Ui;

use egui::gui_zoom::kb_shortcuts;

use crate::export::ExportFormat;

use super::machine_translation::{MachineCommand, TranslateScope};
use super::search_panel::{
    FIND_IN_ARTICLE, FIND_IN_FOLDER, FIND_NEXT, FIND_PREVIOUS, SearchCommand, SearchScope,
};

use super::columns::{Layout, PageLayout};
use super::theme::Theme;
use super::{Columns, TextButton};

use super::shortcuts::{KeyAction, label_of};

/// What the menus show.
pub struct MenuState<'a> {
    /// Most recent first.
    pub recent_folders: &'a [PathBuf],
    /// Whether an article with notes is open (exports need one).
    pub has_notes: bool,
    /// Whether the list of all notes is open.
    pub notes_list_open: bool,
    /// Which columns are shown.
    pub columns: Columns,
    /// How the open folder's pages are laid out.
    pub page: PageLayout,
    /// Whether bidi controls are marked.
    pub show_bidi_controls: bool,
    /// Whether a short gloss is written under each Arabic word.
    pub word_by_word: bool,
    /// The body text size, in points.
    pub body_size_pt: f32,
    /// The sizes it can take.
    pub body_size_range_pt: std::ops::RangeInclusive<f32>,
    /// Whether the library is on screen.
    pub library_shown: bool,
    /// Whether the window fills the screen.
    pub fullscreen: bool,
    /// The theme chosen.
    pub theme: Theme,
    /// Whether an article is open (a translation can be imported for it).
    pub has_article: bool,
    /// Whether translations are covered until hovered.
    pub blur_translations: bool,
    /// The translation column's text size, in points.
    pub translation_size_pt: f32,
    /// Whether diacritics are hidden.
    pub hide_diacritics: bool,
    /// Whether words are tinted by their lemma's status.
    pub show_word_status: bool,
    /// The open article's language, when one is open: as chosen by the reader, and
    /// as guessed from its letters.
    pub article_language: Option<(Option<String>, Option<String>)>,
    /// Whether the reader has selected text in the article.
    pub has_selection: bool,
    /// Whether a machine translation job is under way.
    pub translating: bool,
    /// The first section on screen, if an article is shown.
    pub first_section_on_screen: Option<usize>,
}

/// What the reader chose in a menu.
#[derive(Clone, Debug, PartialEq)]
pub enum MenuAction {
    /// Choose a folder in the system's dialog.
    ChooseFolder,
    /// Open this folder.
    OpenFolder(PathBuf),
    /// Open the bundled sample articles.
    OpenSamples,
    /// Open or close the list of all notes.
    ShowNotesList(bool),
    /// Export the notes in this format.
    Export(ExportFormat),
    /// Lay the pages out so.
    SetPageLayout(PageLayout),
    /// Show these columns.
    SetColumns(Columns),
    /// Mark bidi controls, or not.
    ShowBidiControls(bool),
    /// Write a short gloss under each Arabic word, or not.
    ShowWordByWord(bool),
    /// Set the body text size, in points.
    SetBodySize(f32),
    /// Show or hide the library.
    ToggleLibrary,
    /// Fill the screen, or stop.
    ToggleFullscreen,
    /// Use this theme.
    SetTheme(Theme),
    /// Import a translation file for the open article.
    ImportTranslation,
    /// Cover translations until hovered, or not.
    BlurTranslations(bool),
    /// Set the translation column's text size.
    SetTranslationSize(f32),
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Back to actual size.
    ZoomReset,
    /// Hide diacritics, or show them.
    HideDiacritics(bool),
    /// Tint words by their lemma's status, or stop.
    ShowWordStatus(bool),
    /// Open the settings window.
    OpenSettings,
    /// Open the list of keyboard shortcuts.
    ShowShortcuts,
    /// Read the open article as written in this language, or as guessed (`None`).
    SetArticleLanguage(Option<String>),
    /// Search, or go to a match.
    Search(SearchCommand),
    /// Machine translation.
    Machine(MachineCommand),
    /// Move a translation sentence of the cursor row to the next section (`true`) or
    /// the previous one.
    MoveSentence(bool),
    /// Pin the translation sentence lit with the sentence cursor to its sentence.
    PinSentence,
    /// Take back the last sentence move or pin.
    UndoSentenceMove,
    /// Close the window.
    Quit,
}

/// The menu bar.
pub fn menu_bar(ui: &mut Ui, state: &MenuState<'_>) -> Vec<MenuAction> {
    let mut actions = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, state, &mut actions));
        ui.menu_button("Notes", |ui| notes_menu(ui, state, &mut actions));
        ui.menu_button("View", |ui| view_menu(ui, state, &mut actions));
        ui.menu_button("Search", |ui| search_menu(ui, &mut actions));
        ui.menu_button("Translate", |ui| translate_menu(ui, state, &mut actions));
        ui.menu_button("Help", |ui| help_menu(ui, &mut actions));
    });
    actions
}

fn file_menu(ui: &mut Ui, state: &MenuState<'_>, actions: &mut Vec<MenuAction>) {
    let open = ui.add(
        egui::Button::new("Open folder…").shortcut_text(label_of(ui.ctx(), KeyAction::OpenFolder)),
    );
    if open.clicked() {
        actions.push(MenuAction::ChooseFolder);
    }
    ui.menu_button("Recent folders", |ui| {
        if state.recent_folders.is_empty() {
            ui.label("None yet");
        }
        ui.set_min_width(360.0);
        for folder in state.recent_folders {
            let label = folder.display().to_string();
            if ui.add(TextButton::new(&label)).clicked() {
                actions.push(MenuAction::OpenFolder(folder.clone()));
                ui.close();
            }
        }
    });
    if ui.button("Sample articles").clicked() {
        actions.push(MenuAction::OpenSamples);
    }
    ui.separator();
    let import = ui
        .add_enabled(state.has_article, egui::Button::new("Import translation…"))
        .on_hover_text("A translation kept anywhere (.txt, .md, .tmx, .xlf) for this article");
    if import.clicked() {
        actions.push(MenuAction::ImportTranslation);
    }
    ui.separator();
    let quit = egui::Button::new("Quit").shortcut_text(label_of(ui.ctx(), KeyAction::Quit));
    if ui.add(quit).clicked() {
        actions.push(MenuAction::Quit);
    }
}

/// A menu item that is on or off, drawn as every one of them is: a check box (ticked
/// when on), with its key on the right when it has one.
fn toggle_item(ui: &mut Ui, on: bool, label: &str, keys: &str) -> egui::Response {
    let mut value = on;
    if keys.is_empty() {
        ui.checkbox(&mut value, label)
    } else {
        ui.add(egui::Checkbox::new(
            &mut value,
            (label, egui::Atom::grow(), egui::RichText::new(keys).weak()),
        ))
    }
}

fn notes_menu(ui: &mut Ui, state: &MenuState<'_>, actions: &mut Vec<MenuAction>) {
    if state.has_notes {
        let mut open = state.notes_list_open;
        if ui.checkbox(&mut open, "All notes").changed() {
            actions.push(MenuAction::ShowNotesList(open));
        }
    }
    ui.separator();
    for (label, format) in [
        ("Export as Markdown…", ExportFormat::Markdown),
        ("Export as JSON…", ExportFormat::Json),
        ("Export as Web Annotations…", ExportFormat::WebAnnotation),
        (
            "Export bilingual Markdown…",
            ExportFormat::BilingualMarkdown,
        ),
        ("Export bilingual HTML page…", ExportFormat::BilingualHtml),
        ("Export translations as TMX…", ExportFormat::Tmx),
        ("Export sentence pairs as TMX…", ExportFormat::TmxSentences),
        ("Save notes as…", ExportFormat::Sidecar),
    ] {
        if ui
            .add_enabled(state.has_notes, egui::Button::new(label))
            .clicked()
        {
            actions.push(MenuAction::Export(format));
        }
    }
}

fn search_menu(ui: &mut Ui, actions: &mut Vec<MenuAction>) {
    for (label, shortcut, command) in [
        (
            "Find in article…",
            FIND_IN_ARTICLE,
            SearchCommand::Open(SearchScope::Article),
        ),
        (
            "Find in all articles…",
            FIND_IN_FOLDER,
            SearchCommand::Open(SearchScope::Folder),
        ),
        ("Next match", FIND_NEXT, SearchCommand::Next),
        ("Previous match", FIND_PREVIOUS, SearchCommand::Previous),
    ] {
        let button = egui::Button::new(label).shortcut_text(ui.ctx().format_shortcut(&shortcut));
        if ui.add(button).clicked() {
            actions.push(MenuAction::Search(command));
        }
    }
}

fn view_menu(ui: &mut Ui, state: &MenuState<'_>, actions: &mut Vec<MenuAction>) {
    for (label, shown, key, action) in [
        (
            "Library",
            state.library_shown,
            KeyAction::ToggleLibrary,
            MenuAction::ToggleLibrary,
        ),
        (
            "Full screen",
            state.fullscreen,
            KeyAction::Fullscreen,
            MenuAction::ToggleFullscreen,
        ),
        (
            "Hide diacritics",
            state.hide_diacritics,
            KeyAction::ToggleDiacritics,
            MenuAction::HideDiacritics(!state.hide_diacritics),
        ),
        (
            "Word status",
            state.show_word_status,
            KeyAction::ToggleWordStatus,
            MenuAction::ShowWordStatus(!state.show_word_status),
        ),
    ] {
        if toggle_item(ui, shown, label, &label_of(ui.ctx(), key)).clicked() {
            actions.push(action);
        }
    }
    ui.separator();
    ui.menu_button("Layout", |ui| layout_menu(ui, state.page, actions));
    let page = state.page;
    let translation_keys = label_of(ui.ctx(), KeyAction::ToggleTranslationColumn);
    if toggle_item(
        ui,
        page.layout.shows_translation(),
        "Translation",
        &translation_keys,
    )
    .clicked()
    {
        let layout = page.layout.toggled_translation();
        actions.push(MenuAction::SetPageLayout(PageLayout { layout, ..page }));
    }
    let columns = state.columns;
    if toggle_item(ui, columns.notes, "Notes in the margin", "")
        .on_hover_text(
            "The notes of a section under it; a row with notes is marked in the gutter either way",
        )
        .clicked()
    {
        actions.push(MenuAction::SetColumns(Columns {
            notes: !columns.notes,
        }));
    }
    let bidi = toggle_item(ui, state.show_bidi_controls, "Show bidi controls", "").on_hover_text(
        "Marks the invisible characters that change the direction of text \
         (U+202A–U+202E, U+2066–U+2069) where they are",
    );
    if bidi.clicked() {
        actions.push(MenuAction::ShowBidiControls(!state.show_bidi_controls));
    }
    let word_by_word = toggle_item(ui, state.word_by_word, "Word-by-word", "").on_hover_text(
        "A short English gloss under each Arabic word, from the offline lexicon, \
         read in its context",
    );
    if word_by_word.clicked() {
        actions.push(MenuAction::ShowWordByWord(!state.word_by_word));
    }
    if let Some((chosen, guessed)) = &state.article_language {
        ui.menu_button("Article language", |ui| {
            article_language_menu(ui, chosen.as_deref(), guessed.as_deref(), actions);
        });
    }
    ui.separator();
    ui.menu_button("Theme", |ui| {
        for theme in Theme::ALL {
            if ui.radio(state.theme == theme, theme.name()).clicked() {
                actions.push(MenuAction::SetTheme(theme));
            }
        }
    });
    for (label, shortcut, action) in [
        ("Zoom in", kb_shortcuts::ZOOM_IN, MenuAction::ZoomIn),
        ("Zoom out", kb_shortcuts::ZOOM_OUT, MenuAction::ZoomOut),
        (
            "Actual size",
            kb_shortcuts::ZOOM_RESET,
            MenuAction::ZoomReset,
        ),
    ] {
        let button = egui::Button::new(label).shortcut_text(ui.ctx().format_shortcut(&shortcut));
        if ui.add(button).clicked() {
            actions.push(action);
        }
    }
    let settings =
        egui::Button::new("Settings…").shortcut_text(label_of(ui.ctx(), KeyAction::Settings));
    if ui.add(settings).clicked() {
        actions.push(MenuAction::OpenSettings);
    }
    ui.separator();
    let mut size = state.body_size_pt;
    let slider =
        ui.add(egui::Slider::new(&mut size, state.body_size_range_pt.clone()).text("Text size"));
    if slider.changed() {
        actions.push(MenuAction::SetBodySize(size));
    }
}

fn help_menu(ui: &mut Ui, actions: &mut Vec<MenuAction>) {
    let sheet = egui::Button::new("Keyboard shortcuts")
        .shortcut_text(label_of(ui.ctx(), KeyAction::ShortcutSheet));
    if ui.add(sheet).clicked() {
        actions.push(MenuAction::ShowShortcuts);
    }
}

/// The languages an article in the Arabic script can be read as: which decides
/// whether Urdu's Nastaliq is used.
const ARTICLE_LANGUAGES: [(&str, &str); 4] = [
    ("ar", "Arabic"),
    ("fa", "Persian"),
    ("ur", "Urdu (Nastaliq)"),
    ("he", "Hebrew"),
];

/// View ▸ Layout: the four layouts, which side the translation goes, and the balance.
fn layout_menu(ui: &mut Ui, page: PageLayout, actions: &mut Vec<MenuAction>) {
    for layout in Layout::ALL {
        let key = label_of(ui.ctx(), KeyAction::SetLayout(layout));
        let button =
            egui::Button::selectable(page.layout == layout, layout.name()).shortcut_text(key);
        if ui.add(button).clicked() {
            actions.push(MenuAction::SetPageLayout(PageLayout { layout, ..page }));
        }
    }
    ui.separator();
    if toggle_item(
        ui,
        page.translation_before,
        "Translation before the article",
        "",
    )
    .on_hover_text("Side by side, the translation on the side the article's lines start from")
    .clicked()
    {
        actions.push(MenuAction::SetPageLayout(PageLayout {
            translation_before: !page.translation_before,
            ..page
        }));
    }
    if toggle_item(ui, page.balance, "Balance the two texts", "")
        .on_hover_text("Side by side, split the width by the two texts' lengths, so a section and its translation end near each other")
        .clicked()
    {
        actions.push(MenuAction::SetPageLayout(PageLayout {
            balance: !page.balance,
            ..page
        }));
    }
    if ui
        .button("Even split")
        .on_hover_text("Put the divider back in the middle")
        .clicked()
    {
        actions.push(MenuAction::SetPageLayout(PageLayout {
            article_share: 0.5,
            balance: false,
            ..page
        }));
    }
}

fn article_language_menu(
    ui: &mut Ui,
    chosen: Option<&str>,
    guessed: Option<&str>,
    actions: &mut Vec<MenuAction>,
) {
    let guessed_name = ARTICLE_LANGUAGES
        .iter()
        .find(|(tag, _)| Some(*tag) == guessed)
        .map_or(guessed.unwrap_or("none"), |(_, name)| name);
    let automatic = format!("As its letters say ({guessed_name})");
    if ui.radio(chosen.is_none(), automatic).clicked() {
        actions.push(MenuAction::SetArticleLanguage(None));
    }
    for (tag, name) in ARTICLE_LANGUAGES {
        if ui.radio(chosen == Some(tag), name).clicked() {
            actions.push(MenuAction::SetArticleLanguage(Some(tag.to_owned())));
        }
    }
}

fn translate_menu(ui: &mut Ui, state: &MenuState<'_>, actions: &mut Vec<MenuAction>) {
    let article = state.has_article;
    if let Some(section) = state.first_section_on_screen {
        let button = ui
            .add_enabled(
                article,
                egui::Button::new("Translate the first section on screen"),
            )
            .on_hover_text("Machine-translate it, again if it was done before");
        if button.clicked() {
            actions.push(MenuAction::Machine(MachineCommand::Translate(
                TranslateScope::Section(section),
            )));
        }
    }
    for (label, hover, enabled, scope) in [
        (
            "Translate the sections on screen",
            "Machine-translate the sections you see, then nothing else",
            article,
            TranslateScope::Visible,
        ),
        (
            "Translate the selection",
            "Machine-translate the sections your selection touches, again if done before",
            article && state.has_selection,
            TranslateScope::Selection,
        ),
        (
            "Translate the whole article",
            "The sections on screen first, then the rest; sections done before are kept",
            article,
            TranslateScope::Article,
        ),
    ] {
        let button = ui
            .add_enabled(enabled, egui::Button::new(label))
            .on_hover_text(hover);
        if button.clicked() {
            actions.push(MenuAction::Machine(MachineCommand::Translate(scope)));
        }
    }
    ui.separator();
    for (label, hover, action, to_next) in [
        (
            "First sentence of the row to the section above",
            "In a translation lined up sentence by sentence: the cursor row's first sentence \
             belongs to the section above; the rest lines up again around it",
            KeyAction::SentenceToSectionAbove,
            false,
        ),
        (
            "Last sentence of the row to the section below",
            "In a translation lined up sentence by sentence: the cursor row's last sentence \
             belongs to the section below; the rest lines up again around it",
            KeyAction::SentenceToSectionBelow,
            true,
        ),
    ] {
        let button = ui
            .add_enabled(
                article,
                egui::Button::new(label).shortcut_text(label_of(ui.ctx(), action)),
            )
            .on_hover_text(hover);
        if button.clicked() {
            actions.push(MenuAction::MoveSentence(to_next));
        }
    }
    let pin = ui
        .add_enabled(
            article,
            egui::Button::new("Pin the lit sentence to the sentence cursor")
                .shortcut_text(label_of(ui.ctx(), KeyAction::PinSentence)),
        )
        .on_hover_text(
            "In a translation lined up sentence by sentence: the translation sentence lit \
             with the sentence cursor (Alt+Down/Up) goes with the cursor's sentence, whatever \
             else is realigned; with the key, the translation sentence pointed at; \
             Alt+click on a translation sentence pins it too",
        );
    if pin.clicked() {
        actions.push(MenuAction::PinSentence);
    }
    let undo = ui
        .add_enabled(
            article,
            egui::Button::new("Undo the last alignment fix (sentence move or pin)"),
        )
        .on_hover_text(
            "Takes back the last fix of the translation file's alignment: in one lined up \
             sentence by sentence, the last sentence moved or pinned; the rest lines up again",
        );
    if undo.clicked() {
        actions.push(MenuAction::UndoSentenceMove);
    }
    ui.separator();
    if ui
        .add_enabled(state.translating, egui::Button::new("Cancel translation"))
        .clicked()
    {
        actions.push(MenuAction::Machine(MachineCommand::Cancel));
    }
    ui.separator();
    if ui.button("Engine settings…").clicked() {
        actions.push(MenuAction::Machine(MachineCommand::ShowSettings(true)));
    }
}
