//! The reader's data: articles and their sections.
//!
//! Pure data and pure functions: nothing here touches egui or the file system.
//! Notes and anchors are here too: finding a note again after its article changed is
//! a pure function of the anchor and the new article.

mod anchor;
mod direction;
pub mod fold;
mod note;
mod section;

pub use anchor::{Anchor, CONTEXT_CHARS, Placement, TextQuote, place};
pub use direction::{Direction, base_direction};
pub use note::{HighlightColor, Merged, Note, NoteId, Notes, merge};
pub use section::{Article, Section, SectionId, SectionKind};
