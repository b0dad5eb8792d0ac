//! The reader's data: articles and their sections.
//!
//! Pure data and pure functions: nothing here touches egui or the file system.

mod direction;
mod section;

pub use direction::{Direction, base_direction};
pub use section::{Article, Section, SectionId, SectionKind};
