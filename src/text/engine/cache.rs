//! The layout cache: layouts kept by text, style, width and scale, the least recently
//! used dropped past a bound.

use std::sync::Arc;

use super::TextEngine;
use super::shaped::hash_of;
use crate::model::EmphasisSpan;
use crate::text::layout::ParagraphLayout;
use crate::text::style::TextStyle;

/// Layouts kept before the least recently used are dropped. A screen shows a few dozen
/// paragraphs; this leaves room for scrolling back and for other columns.
pub(super) const LAYOUT_CACHE_CAPACITY: usize = 512;

/// What identifies a layout in the cache. The text's hash stands for the text; a hit
/// is confirmed against the text itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct LayoutKey {
    text_hash: u64,
    /// Hash of the style's [`TextStyle::cache_key`]; a hit is confirmed against the
    /// whole style, so a field the key leaves out cannot mix two layouts up.
    style_hash: u64,
    width_px: u32,
    pixels_per_point_bits: u32,
    /// Hash of the emphasis spans; 0 when there are none.
    emphasis_hash: u64,
    /// Hash of the word-by-word glosses and their style; 0 when there are none.
    pub(super) interlinear_hash: u64,
}

pub(super) struct CachedLayout {
    layout: Arc<ParagraphLayout>,
    /// The spans it was laid out with, to confirm a hit as the text confirms it.
    emphasis: Vec<EmphasisSpan>,
    /// The style it was laid out in, likewise.
    style: TextStyle,
    last_used_frame: u64,
}

impl LayoutKey {
    /// The key of `text` with `emphasis` in `style`, `width_px` wide at
    /// `pixels_per_point`.
    pub(super) fn new(
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        width_px: f32,
        pixels_per_point: f32,
    ) -> Self {
        Self {
            text_hash: hash_of(text),
            style_hash: hash_of(&style.cache_key()),
            width_px: width_px as u32,
            pixels_per_point_bits: pixels_per_point.to_bits(),
            emphasis_hash: if emphasis.is_empty() {
                0
            } else {
                hash_of(emphasis)
            },
            interlinear_hash: 0,
        }
    }
}

impl TextEngine {
    /// The cached layout for `key`, confirmed against `text` and `emphasis`.
    pub(super) fn cached(
        &mut self,
        key: &LayoutKey,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
    ) -> Option<Arc<ParagraphLayout>> {
        let cached = self.layouts.get_mut(key)?;
        if cached.layout.text() != text || cached.emphasis != emphasis || cached.style != *style {
            return None;
        }
        cached.last_used_frame = self.frame;
        Some(cached.layout.clone())
    }

    /// Keeps `layout` under `key`, making room first if the cache is full.
    pub(super) fn remember(
        &mut self,
        key: LayoutKey,
        layout: &Arc<ParagraphLayout>,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
    ) {
        if self.layouts.len() >= LAYOUT_CACHE_CAPACITY {
            self.evict_least_recently_used();
        }
        self.layouts.insert(
            key,
            CachedLayout {
                layout: layout.clone(),
                emphasis: emphasis.to_vec(),
                style: *style,
                last_used_frame: self.frame,
            },
        );
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
}

#[cfg(test)]
mod tests {
    use crate::text::{TextEngine, TextStyle};
    use std::sync::Arc;

    use super::LAYOUT_CACHE_CAPACITY;

    const TEXT: &str = "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر، نقلاً عن وزارة الدفاع في قرغيزستان";

    #[test]
    fn layouts_are_cached_and_the_cache_is_bounded() {
        let mut engine = TextEngine::new();
        let style = TextStyle::body(20.0);
        let first = engine.layout(TEXT, &style, 300.0, 1.0);
        let again = engine.layout(TEXT, &style, 300.0, 1.0);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(engine.stats().paragraphs_shaped, 1);
        assert_eq!(engine.stats().layouts_built, 1);
        engine.layout(TEXT, &style, 301.0, 1.0);
        assert_eq!(
            engine.stats().layouts_built,
            2,
            "another width is another layout"
        );
        assert_eq!(
            engine.stats().paragraphs_shaped,
            1,
            "but the same shaping, wrapped again"
        );
        for i in 0..LAYOUT_CACHE_CAPACITY * 2 {
            engine.begin_frame();
            engine.layout(&format!("فقرة {i}"), &style, 300.0, 1.0);
        }
        assert!(engine.stats().cached_layouts <= LAYOUT_CACHE_CAPACITY);
    }
}
