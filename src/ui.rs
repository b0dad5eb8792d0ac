//! Widgets and panels. They draw and report interactions; they never touch the disk.

mod library_panel;
mod note_editor;
mod reading_view;
mod text_block;
mod text_button;

pub use library_panel::{LibraryAction, library_panel};
pub use note_editor::NoteEditor;
pub use reading_view::{
    Columns, NoDecorations, ReadingOutput, ReadingView, RowDecorations, SelectionInView,
};
pub use text_block::{TextBlock, TextBlockOutput, TextSelection};
pub use text_button::TextButton;
