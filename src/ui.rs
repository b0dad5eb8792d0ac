//! Widgets and panels. They draw what they are given and return what the reader asked
//! for; they never touch the disk or a store, and never change the app's state.

pub mod access;
mod columns;
pub mod engine_settings;
mod gloss_card;
mod library_panel;
pub mod long_text;
pub mod machine_translation;
pub mod menu_bar;
pub mod notes;
mod path_prompt;
mod reading_view;
pub mod search_panel;
pub mod settings;
mod shortcut_sheet;
pub mod shortcuts;
mod status_bar;
mod text_block;
mod text_button;
mod text_field;
pub mod theme;
pub mod translation;
pub mod typography;

pub use columns::{
    ARTICLE_SHARE_RANGE, ColumnCells, Columns, EmptyColumn, Layout, Page, PageLayout, WordGlosses,
    balanced_share, readable_measure_pt,
};
pub use gloss_card::{GlossAction, GlossCardContent, gloss_card};
pub use library_panel::{LibraryAction, library_panel};
pub use menu_bar::{MenuAction, MenuState, menu_bar};
pub use notes::{notes_list_window, selection_toolbar};
pub use path_prompt::{PromptAction, path_prompt};
pub use reading_view::{
    ColumnsShown, Highlights, LinkedShown, ReadingOutput, ReadingView, SelectionInView,
    SentencePoint, ShownAs,
};
pub use shortcut_sheet::shortcut_sheet;
pub use status_bar::{Status, count, status_bar};
pub use text_block::{TextBlock, TextBlockOutput, TextSelection};
pub use text_button::TextButton;
pub use text_field::{TextField, TextFieldOutput};
