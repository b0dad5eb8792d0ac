//! The reader's data: articles and their sections.
//!
//! Pure data and pure functions: nothing here touches egui or the file system.

mod bidi_controls;
mod direction;
mod emphasis;
mod normalize;
mod section;

pub use bidi_controls::{has_bidi_controls, is_bidi_control, reveal_bidi_controls};
pub use direction::{Direction, base_direction};
pub use emphasis::{Emphasis, EmphasisSpan, sanitize_spans};
pub use normalize::normalize;
pub use section::{Article, Block, Section, SectionId, SectionKind};
