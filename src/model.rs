//! The reader's data: articles and their sections.
//!
//! Pure data and pure functions: nothing here touches egui or the file system.
//! Notes and anchors are here too: finding a note again after its article changed is
//! a pure function of the anchor and the new article. Translations beside the
//! sections, and their alignment with translation files, are in [`translation`].

mod anchor;
mod bidi_controls;
mod diacritics;
mod direction;
mod emphasis;
mod file_spelling;
pub mod fold;
mod language;
mod normalize;
mod note;
mod section;
mod section_id;
pub mod shown;
mod source_span;
mod text_map;
pub mod translation;
mod two_halves;
pub mod vocabulary;
mod words;

pub use anchor::{Anchor, CONTEXT_CHARS, Placement, Placer, TextQuote, place};
pub use bidi_controls::{
    Revealed, has_bidi_controls, is_bidi_control, is_direction_mark, reveal_bidi_controls,
};
pub use diacritics::{OffsetMap, has_diacritics, is_diacritic, strip_diacritics};
pub use direction::{Direction, base_direction};
pub use emphasis::{Emphasis, EmphasisSpan, sanitize_spans};
pub use file_spelling::FileSpelling;
pub use language::{guess_language, language_tag};
pub use normalize::normalize;
pub use note::{HighlightColor, Merged, Note, NoteId, Notes, merge, without_blank};
pub use section::{Article, Block, Section, SectionKind};
pub use section_id::SectionId;
pub use source_span::{SourcePiece, SourceSpan};
pub use text_map::{TextMap, normalize_mapped};
pub use words::{WordUnit, has_letters, is_right_to_left, trim_to_text, widen_to_words};
