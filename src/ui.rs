//! Widgets and panels. They draw and report interactions; they never touch the disk.

mod library_panel;
mod reading_view;
mod text_block;
mod text_button;

pub use library_panel::{LibraryAction, library_panel};
pub use reading_view::{Columns, ReadingView};
pub use text_block::{TextBlock, TextSelection};
pub use text_button::TextButton;
