//! The [`TextEngine`]: fonts, layout cache and glyph atlas behind one lock.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::sync::{Arc, Mutex, MutexGuard};

use cosmic_text::{
    Attrs, Buffer, Family, FontSystem, Metrics, Shaping, Style, SwashCache, Weight, Wrap,
};
use egui::{Color32, Context, Id, Mesh, Painter, Pos2, Rect, pos2};

use super::atlas::GlyphAtlas;
use super::fonts::{bundled_font_system, family_name};
use super::layout::{LayoutMeshes, ParagraphLayout};
use super::style::TextStyle;
use crate::model::EmphasisSpan;

/// Layouts kept before the least recently used are dropped. A screen shows a few dozen
/// paragraphs; this leaves room for scrolling back and for other columns.
const LAYOUT_CACHE_CAPACITY: usize = 512;

/// A right-to-left line's trailing space hangs past its visual left edge; keep this
/// much room (in points) so it is not clipped.
const EDGE_PADDING_PT: f32 = 2.0;

/// What identifies a layout in the cache. The text's hash stands for the text; a hit
/// is confirmed against the text itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct LayoutKey {
    text_hash: u64,
    style: (super::FontFamily, u32, u32, bool),
    width_px: u32,
    pixels_per_point_bits: u32,
    /// Hash of the emphasis spans; 0 when there are none.
    emphasis_hash: u64,
}

struct CachedLayout {
    layout: Arc<ParagraphLayout>,
    /// The spans it was laid out with, to confirm a hit as the text confirms it.
    emphasis: Vec<EmphasisSpan>,
    last_used_frame: u64,
}

/// Counters for tests and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EngineStats {
    /// Layouts in the cache now.
    pub cached_layouts: usize,
    /// Paragraphs shaped since the engine started (cache misses).
    pub paragraphs_shaped: u64,
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
    /// Reused for every shaping, so its allocations are too.
    scratch: Buffer,
    layouts: HashMap<LayoutKey, CachedLayout>,
    atlas: GlyphAtlas,
    frame: u64,
    paragraphs_shaped: u64,
    /// Measured average advance of a character, as a fraction of the font size, used to
    /// estimate heights of paragraphs not laid out yet.
    advance_per_char_em: f32,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// An engine with the bundled fonts.
    pub fn new() -> Self {
        let mut fonts = bundled_font_system();
        let scratch = Buffer::new(&mut fonts, Metrics::new(16.0, 20.0));
        Self {
            fonts,
            rasterizer: SwashCache::new(),
            scratch,
            layouts: HashMap::new(),
            atlas: GlyphAtlas::default(),
            frame: 0,
            paragraphs_shaped: 0,
            advance_per_char_em: 0.42,
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
            atlas_glyphs: self.atlas.glyph_count(),
            atlas_pages: self.atlas.page_count(),
        }
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
        let width_px = ((width_pt - EDGE_PADDING_PT).max(1.0) * pixels_per_point).floor();
        let key = LayoutKey {
            text_hash: hash_text(text),
            style: style.cache_key(),
            width_px: width_px as u32,
            pixels_per_point_bits: pixels_per_point.to_bits(),
            emphasis_hash: if emphasis.is_empty() {
                0
            } else {
                hash_spans(emphasis)
            },
        };
        if let Some(cached) = self.layouts.get_mut(&key)
            && cached.layout.text() == text
            && cached.emphasis == emphasis
        {
            cached.last_used_frame = self.frame;
            return cached.layout.clone();
        }
        let layout = Arc::new(self.shape(text, emphasis, style, width_px, pixels_per_point));
        self.learn_advance(&layout, style, pixels_per_point);
        if self.layouts.len() >= LAYOUT_CACHE_CAPACITY {
            self.evict_least_recently_used();
        }
        self.layouts.insert(
            key,
            CachedLayout {
                layout: layout.clone(),
                emphasis: emphasis.to_vec(),
                last_used_frame: self.frame,
            },
        );
        layout
    }

    fn shape(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        width_px: f32,
        pixels_per_point: f32,
    ) -> ParagraphLayout {
        self.paragraphs_shaped += 1;
        let size_px = style.size_pt * pixels_per_point;
        let attrs = Attrs::new()
            .family(Family::Name(family_name(style.family)))
            .weight(if style.bold {
                Weight::BOLD
            } else {
                Weight::NORMAL
            });
        let buffer = &mut self.scratch;
        buffer.set_metrics_and_size(
            Metrics::new(size_px, size_px * style.line_height),
            Some(width_px),
            None,
        );
        buffer.set_wrap(Wrap::WordOrGlyph);
        if emphasis.is_empty() {
            buffer.set_text(text, &attrs, Shaping::Advanced, None);
        } else {
            let spans = emphasized_spans(text, emphasis, &attrs);
            buffer.set_rich_text(spans, &attrs, Shaping::Advanced, None);
        }
        buffer.shape_until_scroll(&mut self.fonts, false);
        ParagraphLayout::from_buffer(buffer, text, width_px, pixels_per_point)
    }

    fn learn_advance(
        &mut self,
        layout: &ParagraphLayout,
        style: &TextStyle,
        pixels_per_point: f32,
    ) {
        let chars = layout.text().chars().count();
        if chars < 40 {
            return;
        }
        let advance_px: f32 = layout.glyphs.iter().map(|glyph| glyph.width_px).sum();
        let measured = advance_px / chars as f32 / (style.size_pt * pixels_per_point);
        self.advance_per_char_em = 0.9 * self.advance_per_char_em + 0.1 * measured;
    }

    fn evict_least_recently_used(&mut self) {
        let mut ages: Vec<u64> = self
            .layouts
            .values()
            .map(|cached| cached.last_used_frame)
            .collect();
        let keep = LAYOUT_CACHE_CAPACITY * 3 / 4;
        let (_, &mut cutoff, _) =
            ages.select_nth_unstable_by(self.layouts.len() - keep, |a, b| b.cmp(a));
        self.layouts
            .retain(|_, cached| cached.last_used_frame > cutoff);
    }

    /// A guess at the height, in points, `text` will take at `width_pt`, without
    /// shaping it. Used for paragraphs that are not on screen yet.
    pub fn estimate_height(&self, text: &str, style: &TextStyle, width_pt: f32) -> f32 {
        let line_width = (width_pt - EDGE_PADDING_PT).max(1.0);
        let text_width = text.chars().count() as f32 * self.advance_per_char_em * style.size_pt;
        let lines = (text_width / line_width).ceil().max(1.0);
        lines * style.size_pt * style.line_height
    }

    /// Paints `layout` with its top-left corner at `origin` (points, snapped to whole
    /// physical pixels so glyphs stay sharp).
    pub fn paint(
        &mut self,
        painter: &Painter,
        layout: &ParagraphLayout,
        origin: Pos2,
        color: Color32,
    ) {
        let ppp = layout.pixels_per_point();
        let origin = pos2(
            (origin.x * ppp).round() / ppp,
            (origin.y * ppp).round() / ppp,
        );
        if !painter
            .clip_rect()
            .intersects(Rect::from_min_size(origin, layout.size()))
        {
            return;
        }
        let generation = self.atlas.generation();
        let mut cached = layout
            .meshes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cached
            .as_ref()
            .is_none_or(|cached| cached.generation != generation)
        {
            let meshes = self.build_meshes(painter.ctx(), layout);
            *cached = Some(LayoutMeshes { generation, meshes });
        }
        let Some(cached) = cached.as_ref() else {
            return;
        };
        for (mesh, tinted) in &cached.meshes {
            let mut mesh = mesh.clone();
            mesh.translate(origin.to_vec2());
            if *tinted && color != Color32::WHITE {
                for vertex in &mut mesh.vertices {
                    vertex.color = color;
                }
            }
            painter.add(mesh);
        }
    }

    fn build_meshes(&mut self, ctx: &Context, layout: &ParagraphLayout) -> Vec<(Mesh, bool)> {
        let scale = 1.0 / layout.pixels_per_point();
        let mut meshes: Vec<(Mesh, bool)> = Vec::new();
        for glyph in &layout.glyphs {
            let Some(image) =
                self.atlas
                    .glyph(ctx, &mut self.fonts, &mut self.rasterizer, glyph.cache_key)
            else {
                continue;
            };
            let tinted = !image.is_color;
            let index = match meshes
                .iter()
                .position(|(mesh, t)| mesh.texture_id == image.texture && *t == tinted)
            {
                Some(index) => index,
                None => {
                    meshes.push((Mesh::with_texture(image.texture), tinted));
                    meshes.len() - 1
                }
            };
            let left = (glyph.draw_x_px + image.left_px) as f32 * scale;
            let top = (glyph.draw_y_px - image.top_px) as f32 * scale;
            let rect = Rect::from_min_size(
                pos2(left, top),
                egui::vec2(
                    image.width_px as f32 * scale,
                    image.height_px as f32 * scale,
                ),
            );
            meshes[index]
                .0
                .add_rect_with_uv(rect, image.uv, Color32::WHITE);
        }
        meshes
    }
}

/// `text` cut into runs of plain and emphasized text, each with its attributes. Spans
/// that do not fit the text are ignored.
fn emphasized_spans<'t, 'a>(
    text: &'t str,
    emphasis: &[EmphasisSpan],
    plain: &Attrs<'a>,
) -> Vec<(&'t str, Attrs<'a>)> {
    let mut runs = Vec::with_capacity(emphasis.len() * 2 + 1);
    let mut at = 0;
    for span in emphasis {
        if text.get(span.range.clone()).is_none() {
            continue;
        }
        let range = snap_to_words(text, span.range.clone());
        let range = range.start.max(at)..range.end;
        if range.is_empty() {
            continue;
        }
        if range.start > at {
            runs.push((&text[at..range.start], plain.clone()));
        }
        let mut attrs = plain.clone();
        if span.emphasis.strong {
            attrs = attrs.weight(Weight::BOLD);
        }
        if span.emphasis.italic {
            attrs = attrs.style(Style::Italic);
        }
        runs.push((&text[range.clone()], attrs));
        at = range.end;
    }
    if at < text.len() {
        runs.push((&text[at..], plain.clone()));
    }
    runs
}

/// Widens `range` to whole words where it starts or ends inside a right-to-left word.
///
/// cosmic-text 0.19 shapes the differently styled parts of one word one after the
/// other in logical order, which puts them in the wrong order in a right-to-left word
/// (`و**كلمة**` came out as `كلمةو`) and breaks the joining between them; a whole word
/// in one style is shaped right.
fn snap_to_words(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let word_start = |at: usize| {
        text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let word_end = |at: usize| {
        text[at..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| at + i)
    };
    let is_rtl = |word: &str| {
        word.chars().any(|c| {
            matches!(
                unicode_bidi::bidi_class(c),
                unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
            )
        })
    };
    let (mut start, mut end) = (range.start, range.end);
    let start_word = word_start(start)..word_end(start);
    if start_word.start < start && is_rtl(&text[start_word.clone()]) {
        start = start_word.start;
    }
    if end > 0 && end < text.len() {
        let end_word = word_start(end)..word_end(end);
        if end_word.end > end && end_word.start < end && is_rtl(&text[end_word.clone()]) {
            end = end_word.end;
        }
    }
    start..end
}

fn hash_spans(spans: &[EmphasisSpan]) -> u64 {
    let mut hasher = DefaultHasher::new();
    spans.hash(&mut hasher);
    hasher.finish()
}

fn hash_text(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
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
    fn layouts_are_cached_and_the_cache_is_bounded() {
        let mut engine = TextEngine::new();
        let style = TextStyle::body(20.0);
        let first = engine.layout(TEXT, &style, 300.0, 1.0);
        let again = engine.layout(TEXT, &style, 300.0, 1.0);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(engine.stats().paragraphs_shaped, 1);
        engine.layout(TEXT, &style, 301.0, 1.0);
        assert_eq!(
            engine.stats().paragraphs_shaped,
            2,
            "another width is another layout"
        );
        for i in 0..LAYOUT_CACHE_CAPACITY * 2 {
            engine.begin_frame();
            engine.layout(&format!("فقرة {i}"), &style, 300.0, 1.0);
        }
        assert!(engine.stats().cached_layouts <= LAYOUT_CACHE_CAPACITY);
    }

    #[test]
    fn emphasis_changes_the_glyphs_and_the_cache_key() {
        use crate::model::Emphasis;
        let mut engine = TextEngine::new();
        let style = TextStyle::body(20.0);
        let plain = engine.layout("كلمة عادية", &style, 400.0, 1.0);
        let span = |strong, italic| EmphasisSpan {
            range: 0..8,
            emphasis: Emphasis { strong, italic },
        };
        let bold = engine.layout_emphasized("كلمة عادية", &[span(true, false)], &style, 400.0, 1.0);
        let italic =
            engine.layout_emphasized("كلمة عادية", &[span(false, true)], &style, 400.0, 1.0);
        assert!(!Arc::ptr_eq(&plain, &bold));
        let font_ids = |layout: &ParagraphLayout| -> Vec<_> {
            layout.glyphs.iter().map(|g| g.cache_key.font_id).collect()
        };
        assert_ne!(font_ids(&plain), font_ids(&bold), "bold uses Amiri Bold");
        assert!(
            italic.glyphs.iter().any(|g| g
                .cache_key
                .flags
                .contains(cosmic_text::CacheKeyFlags::FAKE_ITALIC)),
            "italic is slanted"
        );
        assert!(plain.glyphs.iter().all(|g| {
            !g.cache_key
                .flags
                .contains(cosmic_text::CacheKeyFlags::FAKE_ITALIC)
        }));
        // Out-of-range spans are ignored rather than trusted.
        let outside = EmphasisSpan {
            range: 3..100,
            ..span(true, false)
        };
        let ignored = engine.layout_emphasized("كلمة", &[outside], &style, 400.0, 1.0);
        assert_eq!(ignored.text(), "كلمة");
    }

    #[test]
    fn emphasis_inside_a_right_to_left_word_covers_the_word() {
        let text = "فقرة وكلمة غامقة abcdef";
        let start = text.find("كلمة").expect("word");
        assert_eq!(snap_to_words(text, start..start + 8), start - 2..start + 8);
        let end = text.find("غامقة").expect("word") + 4;
        assert_eq!(snap_to_words(text, start..end).end, end + 6);
        // Latin words are shaped right in parts: they keep their exact spans.
        let latin = text.find("cd").expect("word");
        assert_eq!(snap_to_words(text, latin..latin + 2), latin..latin + 2);
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

    #[test]
    fn the_atlas_is_emptied_between_frames_once_it_outgrows_its_bound() {
        let ctx = Context::default();
        let mut engine = TextEngine::new();
        let paint_many_sizes = |engine: &mut TextEngine| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                for size in (100..300).step_by(10) {
                    let layout = engine.layout(TEXT, &TextStyle::body(size as f32), 20_000.0, 1.0);
                    engine.paint(ui.painter(), &layout, Pos2::ZERO, Color32::WHITE);
                }
            });
            // No renderer here to upload the glyphs to.
            output.textures_delta.clear();
        };
        paint_many_sizes(&mut engine);
        let grown = engine.stats();
        assert!(
            grown.atlas_pages > super::super::atlas::MAX_PAGES,
            "{grown:?}"
        );
        engine.begin_frame();
        assert_eq!(engine.stats().atlas_pages, 0);
        assert_eq!(engine.stats().atlas_glyphs, 0);
        // Cached layouts are drawn again from the new, empty atlas.
        paint_many_sizes(&mut engine);
        assert_eq!(
            engine.stats().paragraphs_shaped,
            grown.paragraphs_shaped,
            "layouts were kept"
        );
        assert!(engine.stats().atlas_glyphs > 0);
    }
}
