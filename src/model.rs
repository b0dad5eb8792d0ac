//! The reader's data: articles and their sections.
//!
//! Pure data and pure functions: nothing here touches egui or the file system.
//! Notes and anchors are here too: finding a note again after its article changed is
//! a pure function of the anchor and the new article.

mod anchor;
mod bidi_controls;
mod direction;
mod emphasis;
pub mod fold;
mod normalize;
mod note;
mod section;
mod source_span;
mod text_map;
mod words;

pub use anchor::{Anchor, CONTEXT_CHARS, Placement, TextQuote, place};
pub use bidi_controls::{has_bidi_controls, is_bidi_control, reveal_bidi_controls};
pub use direction::{Direction, base_direction};
pub use emphasis::{Emphasis, EmphasisSpan, sanitize_spans};
pub use normalize::normalize;
pub use note::{HighlightColor, Merged, Note, NoteId, Notes, merge};
pub use section::{Article, Block, Section, SectionId, SectionKind};
pub use source_span::{SourcePiece, SourceSpan};
pub use text_map::{TextMap, normalize_mapped};
pub use words::{WordUnit, has_letters, is_right_to_left, widen_to_words};
