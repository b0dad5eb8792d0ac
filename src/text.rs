//! The text engine: every piece of article text, in any script and direction, is
//! shaped, ordered and wrapped here and drawn into egui.
//!
//! egui shapes text but has no bidi, so Arabic would come out reversed. Here the
//! engine resolves bidi levels and cuts each line into words itself, shapes each word
//! once per session with harfrust (the shaper inside cosmic-text) and keeps it, and
//! hands the words to cosmic-text for the bidi reordering, the line breaking and the
//! alignment (`engine/`); `layout` keeps the result as a compact list of positioned
//! glyphs; `atlas` rasterizes each glyph once (with swash) into an egui
//! texture; and a paragraph is drawn as one textured [`egui::Mesh`].
//!
//! Layout happens in physical pixels, so text is sharp at any `pixels_per_point`, and
//! only for what is on screen: the [`TextEngine`] caches layouts by text, style,
//! width and scale in a bounded cache.

mod atlas;
mod editor;
mod engine;
mod fonts;
mod layout;
mod style;

/// Cursor motions, for [`EditCommand::Move`].
pub use cosmic_text::Motion;
pub use editor::{EditCommand, TextEditor};
pub use engine::{EngineStats, Interlinear, MAX_LAYOUT_BYTES, TextEngine, laid_out_part};
pub use fonts::{CHROME_FALLBACK_FONTS, bundled_font_system, family_name};
pub use layout::{GlossPlace, LogicalLine, ParagraphLayout, ShapedGlyph, VisualLine};
pub use style::{FontFamily, TextStyle};
