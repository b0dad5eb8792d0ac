//! The [`TextEngine`]: fonts, layout cache and glyph atlas behind one lock.
//!
//! One file per concern: `cache` keeps layouts by text, style, width and scale;
//! `shaped` keeps shaped paragraphs so a new width or size re-wraps without
//! reshaping; `line` shapes a line (bidi once, then word by word) into cosmic-text's
//! structure, with `words` keeping shaped words across paragraphs; `shaping` turns
//! text into a [`ParagraphLayout`], wrapped by cosmic-text as `wrap` keeps it to
//! UAX #14; `painting` draws a layout
//! with glyphs from the atlas.
//!
//! Three levels of cache, each bounded: laid-out paragraphs (text, style, width,
//! scale), shaped paragraphs (text, emphasis, the style's shaping fields), and shaped
//! words across paragraphs (text, attributes, direction).

mod bidi_classes;
mod cache;
mod interlinear;
mod line;
mod painting;
mod shaped;
mod shaping;
mod words;
mod wrap;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use cosmic_text::{FontSystem, ShapeBuffer, SwashCache};
use egui::{Context, Id};

use super::atlas::GlyphAtlas;
use super::fonts::bundled_font_system;
use super::layout::ParagraphLayout;
use super::style::TextStyle;
use crate::model::EmphasisSpan;
use cache::{CachedLayout, LayoutKey};
pub use interlinear::Interlinear;
use line::LineShaper;
use shaped::ShapedParagraphs;

/// A right-to-left line's trailing space hangs past its visual left edge; keep this
/// much room (in points) so it is not clipped.
const EDGE_PADDING_PT: f32 = 2.0;

/// The most text, in bytes, one layout holds; the rest of a longer text is not laid
/// out. Shaping costs hundreds of bytes per glyph and a mesh a hundred more, so a
/// 25 MB translation segment laid out whole asked for gigabytes. Widgets show long
/// texts a part at a time, in parts well under this; this bound is what holds when
/// one does not.
pub const MAX_LAYOUT_BYTES: usize = 32 * 1024;

/// The start of `text` that one layout holds: at most [`MAX_LAYOUT_BYTES`], cut on a
/// character boundary.
pub fn laid_out_part(text: &str) -> &str {
    if text.len() <= MAX_LAYOUT_BYTES {
        return text;
    }
    let mut end = MAX_LAYOUT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Counters for tests and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EngineStats {
    /// Layouts in the cache now.
    pub cached_layouts: usize,
    /// Paragraphs shaped since the engine started (misses of the shaped-paragraph
    /// cache). A new width, size or zoom does not shape again.
    pub paragraphs_shaped: u64,
    /// Layouts made since the engine started (misses of the layout cache): shapings
    /// plus re-wraps of kept shapings.
    pub layouts_built: u64,
    /// Shaped paragraphs kept now.
    pub shaped_paragraphs: usize,
    /// Words shaped since the engine started (misses of the word cache).
    pub words_shaped: u64,
    /// Words whose kept glyphs were used since the engine started (hits).
    pub words_reused: u64,
    /// Shaped words kept now.
    pub kept_words: usize,
    /// Distinct glyphs in the atlas now.
    pub atlas_glyphs: usize,
    /// Atlas texture pages now.
    pub atlas_pages: usize,
}

/// Shapes, lays out and paints text with cosmic-text, into egui.
///
/// One engine is shared by every widget of an egui context: see [`TextEngine::shared`].
pub struct TextEngine {
    fonts: FontSystem,
    rasterizer: SwashCache,
    /// Shaped paragraphs, re-wrapped for a new width or size.
    shaped: ShapedParagraphs,
    /// Shapes lines word by word, keeping the words.
    lines: LineShaper,
    /// cosmic-text's scratch space for wrapping.
    scratch: ShapeBuffer,
    layouts: HashMap<LayoutKey, CachedLayout>,
    atlas: GlyphAtlas,
    frame: u64,
    paragraphs_shaped: u64,
    layouts_built: u64,
    /// Measured average advance of a character, as a fraction of the font size, used to
    /// estimate heights of paragraphs not laid out yet.
    advance_per_char_em: f32,
    /// Word-by-word glosses laid out on one line, kept apart from the paragraphs'
    /// caches (hundreds of short glosses would push the paragraphs out of them).
    gloss_layouts: interlinear::GlossLayouts,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// An engine with the bundled fonts.
    pub fn new() -> Self {
        Self {
            fonts: bundled_font_system(),
            rasterizer: SwashCache::new(),
            shaped: ShapedParagraphs::default(),
            lines: LineShaper::new(cfg!(feature = "word-cache")),
            scratch: ShapeBuffer::default(),
            layouts: HashMap::new(),
            atlas: GlyphAtlas::default(),
            frame: 0,
            paragraphs_shaped: 0,
            layouts_built: 0,
            advance_per_char_em: 0.42,
            gloss_layouts: interlinear::GlossLayouts::default(),
        }
    }

    /// The engine of this egui context, created on first use.
    pub fn shared(ctx: &Context) -> Arc<Mutex<Self>> {
        ctx.data_mut(|data| {
            data.get_temp_mut_or_insert_with(Id::unique("hamish-text-engine"), || {
                Arc::new(Mutex::new(Self::new()))
            })
            .clone()
        })
    }

    /// Locks the shared engine. A panic while it was locked leaves caches that are
    /// still consistent, so a poisoned lock is taken over.
    pub fn lock(engine: &Mutex<Self>) -> MutexGuard<'_, Self> {
        engine
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Call once per frame, before any painting: bounds the atlas.
    pub fn begin_frame(&mut self) {
        self.frame += 1;
        self.atlas.trim();
    }

    /// The font system, for the editor's shaping.
    pub(crate) fn fonts(&mut self) -> &mut FontSystem {
        &mut self.fonts
    }

    /// Counters for tests and benchmarks.
    pub fn stats(&self) -> EngineStats {
        EngineStats {
            cached_layouts: self.layouts.len(),
            paragraphs_shaped: self.paragraphs_shaped,
            layouts_built: self.layouts_built,
            shaped_paragraphs: self.shaped.len(),
            words_shaped: self.lines.words.misses,
            words_reused: self.lines.words.hits,
            kept_words: self.lines.words.len(),
            atlas_glyphs: self.atlas.glyph_count(),
            atlas_pages: self.atlas.page_count(),
        }
    }

    /// Forgets every laid-out and shaped paragraph, keeping the shaped words: for
    /// benchmarks that measure layout when every word is kept.
    #[doc(hidden)]
    pub fn forget_paragraphs(&mut self) {
        self.layouts.clear();
        self.shaped = ShapedParagraphs::default();
    }

    /// Lays out `text` (one paragraph) in `style`, wrapped to `width_pt` points, for a
    /// screen of `pixels_per_point`. Cached: asking again is cheap.
    pub fn layout(
        &mut self,
        text: &str,
        style: &TextStyle,
        width_pt: f32,
        pixels_per_point: f32,
    ) -> Arc<ParagraphLayout> {
        self.layout_emphasized(text, &[], style, width_pt, pixels_per_point)
    }

    /// Like [`Self::layout`], with the byte ranges in `emphasis` set in bold or italic
    /// (a synthetic slant where the face has no italic, as Amiri has none bundled).
    pub fn layout_emphasized(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        width_pt: f32,
        pixels_per_point: f32,
    ) -> Arc<ParagraphLayout> {
        let bounded = laid_out_part(text);
        if bounded.len() < text.len() {
            let emphasis: Vec<EmphasisSpan> = emphasis
                .iter()
                .filter(|span| span.range.end <= bounded.len())
                .cloned()
                .collect();
            return self.layout_emphasized(bounded, &emphasis, style, width_pt, pixels_per_point);
        }
        let width_px = Self::width_px(width_pt, pixels_per_point);
        let key = LayoutKey::new(text, emphasis, style, width_px, pixels_per_point);
        if let Some(layout) = self.cached(&key, text, emphasis, style) {
            return layout;
        }
        let layout = Arc::new(self.shape(text, emphasis, style, width_px, pixels_per_point));
        self.learn_advance(&layout, style, pixels_per_point);
        self.remember(key, &layout, emphasis, style);
        layout
    }

    /// The width text is wrapped to, in whole physical pixels, for a box `width_pt`
    /// wide.
    fn width_px(width_pt: f32, pixels_per_point: f32) -> f32 {
        ((width_pt - EDGE_PADDING_PT).max(1.0) * pixels_per_point).floor()
    }

    /// A guess at the height, in points, `text` will take at `width_pt`, without
    /// shaping it. Used for paragraphs that are not on screen yet.
    pub fn estimate_height(&self, text: &str, style: &TextStyle, width_pt: f32) -> f32 {
        let line_width = (width_pt - EDGE_PADDING_PT).max(1.0);
        // What a layout would hold, so the guess is the height it will have.
        let text_width =
            laid_out_part(text).chars().count() as f32 * self.advance_per_char_em * style.size_pt;
        let lines = (text_width / line_width).ceil().max(1.0);
        lines * style.size_pt * style.line_height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر، نقلاً عن وزارة الدفاع في قرغيزستان";

    #[test]
    fn layout_is_in_physical_pixels_and_the_same_size_in_points() {
        let mut engine = TextEngine::new();
        let style = TextStyle::body(20.0);
        let at_1 = engine.layout(TEXT, &style, 300.0, 1.0);
        let at_2 = engine.layout(TEXT, &style, 300.0, 2.0);
        assert_eq!(at_1.line_count(), at_2.line_count());
        assert!(
            (at_1.size() - at_2.size()).length() < 1.0,
            "{:?} vs {:?}",
            at_1.size(),
            at_2.size()
        );
        // Glyphs are shaped and rasterized at twice the size, not scaled up.
        let advance = |layout: &ParagraphLayout| {
            layout
                .line_glyphs(0)
                .iter()
                .map(|g| g.advance_px)
                .sum::<f32>()
        };
        assert!((advance(&at_2) - 2.0 * advance(&at_1)).abs() < 2.0);
        assert_eq!(at_2.glyphs[0].cache_key.font_size_bits, 40.0_f32.to_bits());
    }

    #[test]
    fn a_text_past_the_bound_is_laid_out_only_to_it() {
        let mut engine = TextEngine::new();
        let style = TextStyle::body(16.0);
        // A megabyte: laid out whole it asked for hundreds of megabytes.
        let huge = "segment ".repeat(128 * 1024);
        let layout = engine.layout(&huge, &style, 400.0, 1.0);
        assert!(
            layout.glyphs.len() <= MAX_LAYOUT_BYTES,
            "{} glyphs",
            layout.glyphs.len()
        );
        assert!(
            layout.glyphs.len() > MAX_LAYOUT_BYTES / 2,
            "the start is shown"
        );
        // Cut on a character boundary, whatever the script.
        let arabic = "كلمة ".repeat(MAX_LAYOUT_BYTES);
        assert!(laid_out_part(&arabic).len() <= MAX_LAYOUT_BYTES);
        assert!(arabic.starts_with(laid_out_part(&arabic)));
        // The estimate is of what will be laid out.
        assert_eq!(
            engine.estimate_height(&huge, &style, 400.0),
            engine.estimate_height(laid_out_part(&huge), &style, 400.0)
        );
    }

    #[test]
    fn estimates_grow_with_the_text_and_shrink_with_the_width() {
        let engine = TextEngine::new();
        let style = TextStyle::body(20.0);
        let short = engine.estimate_height("كلمة", &style, 400.0);
        let long = engine.estimate_height(&TEXT.repeat(10), &style, 400.0);
        let long_wide = engine.estimate_height(&TEXT.repeat(10), &style, 800.0);
        assert_eq!(short, style.size_pt * style.line_height);
        assert!(long > 5.0 * short && long_wide < long);
    }
}
