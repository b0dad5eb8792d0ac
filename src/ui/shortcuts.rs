//! Every keyboard shortcut, in one table: the app finds what a key asks for here, the
//! menus take their shortcut labels from here, and the shortcut sheet (F1) lists it.
//! A key added anywhere else would be missing from one of the three.
//!
//! A row is a [`Shortcut`]: its keys, what it does in words, the group it is listed
//! under, and the [`KeyAction`] the app carries out, or `None` for a key handled where
//! it is used (the reading view's scrolling, egui's zoom, a window's own keys), which
//! is listed all the same. Adding a shortcut is adding a row.
//!
//! Keys without Ctrl (⌘) or a function key never fire while a text field has the
//! focus: typing `j` in a note types a j.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::search_panel as search;

/// What a shortcut asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAction {
    /// Move the section cursor to the next section.
    NextSection,
    /// Move the section cursor to the previous section.
    PreviousSection,
    /// Move the sentence cursor to the next sentence of the article.
    NextSentence,
    /// Move the sentence cursor to the previous sentence.
    PreviousSentence,
    /// Open the next article of the library.
    NextArticle,
    /// Open the previous article of the library.
    PreviousArticle,
    /// Add a note to the section under the cursor.
    NoteOnSection,
    /// Write or correct the translation of the section under the cursor.
    EditTranslation,
    /// In a translation lined up sentence by sentence: the cursor row's first
    /// translation sentence goes to the section above.
    SentenceToSectionAbove,
    /// In a translation lined up sentence by sentence: the cursor row's last
    /// translation sentence goes to the section below.
    SentenceToSectionBelow,
    /// In a translation lined up sentence by sentence: the translation sentence
    /// pointed at (or else the one lit with the sentence cursor) goes with the
    /// sentence cursor's article sentence.
    PinSentence,
    /// Highlight the selected text.
    HighlightSelection,
    /// Show or hide the translation (the article alone, or side by side again).
    ToggleTranslationColumn,
    /// Open or close the notes panel, which lists the article's notes.
    ToggleNotesPanel,
    /// Lay the page out so.
    SetLayout(crate::ui::columns::Layout),
    /// Show or hide the library.
    ToggleLibrary,
    /// Hide diacritics, or show them again.
    ToggleDiacritics,
    /// Tint words by their lemma's status, or stop.
    ToggleWordStatus,
    /// Set the status of the lemma of the word under the pointer.
    SetWordStatus(crate::model::vocabulary::WordStatus),
    /// Mark every still-new word of the section under the cursor known.
    RestKnown,
    /// Choose a folder to open.
    OpenFolder,
    /// Fill the screen, or stop.
    Fullscreen,
    /// Open the settings window.
    Settings,
    /// Open the list of shortcuts.
    ShortcutSheet,
    /// Close the window and quit (notes are on disk already; the last edits are
    /// handed to the writer as the app closes).
    Quit,
}

/// Where a shortcut is listed in the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Moving through the article and the folder.
    Reading,
    /// Finding words in the article and the folder.
    Search,
    /// Notes, highlights and translations.
    Notes,
    /// What is shown and how.
    View,
    /// Folders and the app.
    App,
}

impl Group {
    /// The groups in the sheet's order.
    pub const ALL: [Self; 5] = [
        Self::Reading,
        Self::Search,
        Self::Notes,
        Self::View,
        Self::App,
    ];

    /// The group's title in the sheet.
    pub fn title(self) -> &'static str {
        match self {
            Self::Reading => "Reading",
            Self::Search => "Search",
            Self::Notes => "Notes and translations",
            Self::View => "View",
            Self::App => "Folders and the app",
        }
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct Shortcut {
    /// The keys, the first shown in menus; any of them does it.
    pub keys: &'static [KeyboardShortcut],
    /// What it does, as the sheet says it.
    pub description: &'static str,
    /// Where the sheet lists it.
    pub group: Group,
    /// What the app does; `None` when the key is handled where it is used.
    pub action: Option<KeyAction>,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        key,
    )
}

const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

const fn row(
    keys: &'static [KeyboardShortcut],
    description: &'static str,
    group: Group,
    action: Option<KeyAction>,
) -> Shortcut {
    Shortcut {
        keys,
        description,
        group,
        action,
    }
}

use crate::model::vocabulary::WordStatus as WS;
use crate::ui::columns::Layout as L;
use Group::{App, Notes, Reading, Search, View};
use KeyAction as A;

/// Every shortcut of the app, one row each (kept on one line apiece, so adding a
/// shortcut is adding a line).
#[rustfmt::skip]
pub const SHORTCUTS: &[Shortcut] = &[
    row(&[key(Key::ArrowDown), key(Key::J)], "Next section", Reading, Some(A::NextSection)),
    row(&[key(Key::ArrowUp), key(Key::K)], "Previous section", Reading, Some(A::PreviousSection)),
    row(&[alt(Key::ArrowDown)], "Next sentence, lit with its translation (pointing at a sentence lights it too)", Reading, Some(A::NextSentence)),
    row(&[alt(Key::ArrowUp)], "Previous sentence, lit with its translation", Reading, Some(A::PreviousSentence)),
    row(&[key(Key::PageDown), key(Key::Space)], "Scroll down a screen", Reading, None),
    row(&[key(Key::PageUp), shift(Key::Space)], "Scroll up a screen", Reading, None),
    row(&[key(Key::Home), key(Key::End)], "To the start or the end of the article", Reading, None),
    row(&[ctrl(Key::PageDown), key(Key::CloseBracket)], "Next article", Reading, Some(A::NextArticle)),
    row(&[ctrl(Key::PageUp), key(Key::OpenBracket)], "Previous article", Reading, Some(A::PreviousArticle)),
    row(&[key(Key::G)], "Gloss the word under the pointer (or Alt+click it)", Reading, None),
    row(&[search::FIND_IN_ARTICLE], "Find in the article (the selected words, if any)", Search, None),
    row(&[search::FIND_IN_FOLDER], "Find in every article, translation and note of the folder", Search, None),
    row(&[search::FIND_NEXT], "Next match", Search, None),
    row(&[search::FIND_PREVIOUS], "Previous match", Search, None),
    row(&[key(Key::Enter)], "In the search field: go to the chosen match", Search, None),
    row(&[key(Key::Escape)], "Close the search window (clearing its highlights), the settings or this list", Search, None),
    row(&[key(Key::N)], "Add a note to the section under the cursor", Notes, Some(A::NoteOnSection)),
    row(&[key(Key::T)], "Write the translation of the section under the cursor", Notes, Some(A::EditTranslation)),
    row(&[ctrl_shift(Key::ArrowUp)], "Translation lined up by sentence: the cursor row's first sentence goes to the section above", Notes, Some(A::SentenceToSectionAbove)),
    row(&[ctrl_shift(Key::ArrowDown)], "Translation lined up by sentence: the cursor row's last sentence goes to the section below", Notes, Some(A::SentenceToSectionBelow)),
    row(&[key(Key::P)], "Translation lined up by sentence: pin the translation sentence pointed at (or the one lit) to the sentence cursor's sentence (or Alt+click it)", Notes, Some(A::PinSentence)),
    row(&[key(Key::H)], "Highlight the selected text (in the colour picked last)", Notes, Some(A::HighlightSelection)),
    row(&[ctrl(Key::Z)], "Undo the last change to a note", Notes, None),
    row(&[ctrl(Key::B)], "Show or hide the library", View, Some(A::ToggleLibrary)),
    row(&[ctrl(Key::Num1)], "Layout: article and translation side by side", View, Some(A::SetLayout(L::SideBySide))),
    row(&[ctrl(Key::Num2)], "Layout: each section followed by its translation", View, Some(A::SetLayout(L::Interleaved))),
    row(&[ctrl(Key::Num3)], "Layout: the article only", View, Some(A::SetLayout(L::ArticleOnly))),
    row(&[ctrl(Key::Num4)], "Layout: the translation only (hold Alt or point at a row for the article)", View, Some(A::SetLayout(L::TranslationOnly))),
    row(&[ctrl_shift(Key::T)], "Show or hide the translation", View, Some(A::ToggleTranslationColumn)),
    row(&[ctrl_shift(Key::N)], "Open or close the notes panel (every note, in reading order)", Notes, Some(A::ToggleNotesPanel)),
    row(&[ctrl(Key::D)], "Hide or show diacritics (display only)", View, Some(A::ToggleDiacritics)),
    row(&[ctrl_shift(Key::W)], "Show or hide word status (words tinted by their lemma's status)", View, Some(A::ToggleWordStatus)),
    row(&[key(Key::Num1)], "The word under the pointer: learning, level 1 (its lemma, every form)", Reading, Some(A::SetWordStatus(WS::Learning(1)))),
    row(&[key(Key::Num2)], "The word under the pointer: learning, level 2", Reading, Some(A::SetWordStatus(WS::Learning(2)))),
    row(&[key(Key::Num3)], "The word under the pointer: learning, level 3", Reading, Some(A::SetWordStatus(WS::Learning(3)))),
    row(&[key(Key::Num4)], "The word under the pointer: learning, level 4", Reading, Some(A::SetWordStatus(WS::Learning(4)))),
    row(&[key(Key::Num5)], "The word under the pointer: known (K is the previous section)", Reading, Some(A::SetWordStatus(WS::Known))),
    row(&[key(Key::I)], "The word under the pointer: ignored (a name, a foreign word)", Reading, Some(A::SetWordStatus(WS::Ignored))),
    row(&[key(Key::Num0)], "The word under the pointer: new again", Reading, Some(A::SetWordStatus(WS::New))),
    row(&[ctrl_shift(Key::K)], "Mark the rest known: every still-new word of the section under the cursor", Reading, Some(A::RestKnown)),
    row(&[ctrl(Key::Equals), ctrl(Key::Plus)], "Zoom in", View, None),
    row(&[ctrl(Key::Minus)], "Zoom out", View, None),
    row(&[ctrl(Key::Num0)], "Actual size", View, None),
    row(&[key(Key::F11)], "Full screen", View, Some(A::Fullscreen)),
    row(&[ctrl(Key::O)], "Open a folder", App, Some(A::OpenFolder)),
    row(&[ctrl(Key::Comma)], "Settings", App, Some(A::Settings)),
    row(&[key(Key::F1)], "This list of shortcuts", App, Some(A::ShortcutSheet)),
    row(&[ctrl(Key::Q)], "Quit", App, Some(A::Quit)),
];

impl Shortcut {
    /// Whether it may fire while a text field has the focus: only with Ctrl (⌘) or a
    /// function key, which typing never produces.
    pub fn works_while_typing(key: &KeyboardShortcut) -> bool {
        key.modifiers.command
            || key.modifiers.ctrl
            || matches!(
                key.logical_key,
                Key::F1
                    | Key::F2
                    | Key::F3
                    | Key::F4
                    | Key::F5
                    | Key::F6
                    | Key::F7
                    | Key::F8
                    | Key::F9
                    | Key::F10
                    | Key::F11
                    | Key::F12
            )
    }
}

/// The first key of `action`, for a menu's label.
pub fn shortcut_of(action: KeyAction) -> Option<KeyboardShortcut> {
    SHORTCUTS
        .iter()
        .find(|shortcut| shortcut.action == Some(action))
        .and_then(|shortcut| shortcut.keys.first().copied())
}

/// The label of `action`'s first key, as menus show it (`Ctrl+D`).
pub fn label_of(ctx: &egui::Context, action: KeyAction) -> String {
    shortcut_of(action).map_or_else(String::new, |key| key_label(ctx, &key))
}

/// How a key is written for the reader: as the platform writes it, but punctuation
/// as the character on the key (`Ctrl+,`, `]`) rather than its name.
pub fn key_label(ctx: &egui::Context, key: &KeyboardShortcut) -> String {
    let label = ctx.format_shortcut(key);
    let name = key.logical_key.name();
    let symbol = match key.logical_key {
        Key::CloseBracket => "]",
        Key::OpenBracket => "[",
        Key::Comma => ",",
        Key::Equals => "=",
        Key::Minus => "-",
        Key::Plus => "+",
        _ => return label,
    };
    match label.strip_suffix(name) {
        Some(modifiers) => format!("{modifiers}{symbol}"),
        None => label,
    }
}

/// The actions whose keys were pressed this frame, in the order they were pressed,
/// their key presses taken out of the input so nothing else acts on them. `typing` is
/// whether a text field has the focus. Keys with more modifiers are tried first, so
/// Ctrl+Shift+T is not taken for Ctrl+T.
///
/// A key that types (N, T, J…) comes as two events in the same frame: the key, then
/// the text it typed. Both belong to the shortcut: were the text left in the input, the
/// field the shortcut opens (a note, a translation) would take the focus in this very
/// frame and type the shortcut's own letter into itself.
pub fn pressed(ctx: &egui::Context, typing: bool) -> Vec<KeyAction> {
    let mut keys: Vec<(KeyboardShortcut, KeyAction)> = SHORTCUTS
        .iter()
        .filter_map(|shortcut| Some((shortcut, shortcut.action?)))
        .flat_map(|(shortcut, action)| shortcut.keys.iter().map(move |key| (*key, action)))
        .filter(|(key, _)| !typing || Shortcut::works_while_typing(key))
        .collect();
    keys.sort_by_key(|(key, _)| std::cmp::Reverse(modifier_count(key.modifiers)));
    let mut actions = Vec::new();
    ctx.input_mut(|input| {
        let mut events = std::mem::take(&mut input.events).into_iter().peekable();
        let mut kept = Vec::with_capacity(events.len());
        while let Some(event) = events.next() {
            let Some((key, action)) = shortcut_hit(&keys, &event) else {
                kept.push(event);
                continue;
            };
            actions.push(action);
            // The platform sends a typing key's text right after the key itself
            // (egui-winit pushes both for one key press); a key with Ctrl or a
            // function key types nothing, so nothing after it is taken.
            if !Shortcut::works_while_typing(&key)
                && matches!(events.peek(), Some(egui::Event::Text(_)))
            {
                events.next();
            }
        }
        input.events = kept;
    });
    actions
}

/// The shortcut among `keys` (most modifiers first) that `event` presses, if any.
fn shortcut_hit(
    keys: &[(KeyboardShortcut, KeyAction)],
    event: &egui::Event,
) -> Option<(KeyboardShortcut, KeyAction)> {
    let egui::Event::Key {
        key: pressed,
        modifiers,
        pressed: true,
        ..
    } = event
    else {
        return None;
    };
    // Like egui's `consume_shortcut`, extra Shift is let through (some keys need it),
    // but not an extra Alt: Alt+J is not J.
    keys.iter().copied().find(|(key, _)| {
        *pressed == key.logical_key
            && modifiers.matches_logically(key.modifiers)
            && (key.modifiers.alt || !modifiers.alt)
    })
}

fn modifier_count(modifiers: Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.shift,
        modifiers.command || modifiers.ctrl,
    ]
    .into_iter()
    .filter(|on| *on)
    .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_does_two_things() {
        let mut seen = std::collections::HashSet::new();
        for shortcut in SHORTCUTS {
            for key in shortcut.keys {
                assert!(
                    seen.insert((key.modifiers, key.logical_key)),
                    "{key:?} is in the table twice"
                );
            }
        }
    }

    #[test]
    fn typed_letters_never_fire_while_typing() {
        assert!(!Shortcut::works_while_typing(&key(Key::J)));
        assert!(!Shortcut::works_while_typing(&key(Key::ArrowDown)));
        assert!(Shortcut::works_while_typing(&ctrl(Key::D)));
        assert!(Shortcut::works_while_typing(&key(Key::F1)));
        assert_eq!(shortcut_of(KeyAction::ToggleDiacritics), Some(ctrl(Key::D)));
    }

    /// The events of one frame, as the platform sends them, through [`pressed`]:
    /// the actions, and what is left in the input for the widgets.
    fn one_frame(events: Vec<egui::Event>) -> (Vec<KeyAction>, Vec<egui::Event>) {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            events,
            ..egui::RawInput::default()
        };
        let mut result = (Vec::new(), Vec::new());
        let mut output = ctx.run_ui(input, |ui| {
            let actions = pressed(ui.ctx(), false);
            result = (actions, ui.input(|input| input.events.clone()));
        });
        // No renderer takes the font atlas here.
        output.textures_delta.clear();
        result
    }

    fn key_event(key: Key, modifiers: Modifiers) -> egui::Event {
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn text(text: &str) -> egui::Event {
        egui::Event::Text(text.to_owned())
    }

    #[test]
    fn a_typing_key_takes_its_own_text_and_nothing_more() {
        let (actions, left) = one_frame(vec![
            key_event(Key::N, Modifiers::NONE),
            text("n"),
            key_event(Key::A, Modifiers::NONE),
            text("a"),
        ]);
        assert_eq!(actions, [KeyAction::NoteOnSection]);
        assert_eq!(left, [key_event(Key::A, Modifiers::NONE), text("a")]);

        // On an Arabic layout the N key types ى: that letter is the key's too.
        let (actions, left) = one_frame(vec![key_event(Key::N, Modifiers::NONE), text("ى")]);
        assert_eq!(actions, [KeyAction::NoteOnSection]);
        assert!(left.is_empty(), "{left:?}");

        // Keys act in the order they were pressed.
        let (actions, left) = one_frame(vec![
            key_event(Key::T, Modifiers::NONE),
            text("t"),
            key_event(Key::J, Modifiers::NONE),
            text("j"),
        ]);
        assert_eq!(
            actions,
            [KeyAction::EditTranslation, KeyAction::NextSection]
        );
        assert!(left.is_empty(), "{left:?}");

        // Ctrl+Shift+T types nothing: text after it is not its own.
        let (actions, left) = one_frame(vec![
            key_event(Key::T, Modifiers::COMMAND | Modifiers::SHIFT),
            text("x"),
        ]);
        assert_eq!(actions, [KeyAction::ToggleTranslationColumn]);
        assert_eq!(left, [text("x")]);
    }
}
