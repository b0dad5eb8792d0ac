//! Shaping: text and its emphasis into a [`ParagraphLayout`] with cosmic-text
//! (`Shaping::Advanced`, bidi, line breaking), re-wrapping a kept shaping where there
//! is one (see `shaped`), and what shaping teaches the height estimates.

use cosmic_text::{Attrs, Buffer, Family, Metrics, Shaping, Style, Weight, Wrap};

use super::TextEngine;
use crate::model::{EmphasisSpan, WordUnit, is_right_to_left, widen_to_words};
use crate::text::fonts::family_name;
use crate::text::layout::ParagraphLayout;
use crate::text::style::TextStyle;

impl TextEngine {
    /// Lays `text` out at `width_px`, re-wrapping a kept shaping of it when there is
    /// one (any size, any width) and shaping it otherwise.
    pub(super) fn shape(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        width_px: f32,
        pixels_per_point: f32,
    ) -> ParagraphLayout {
        self.layouts_built += 1;
        let size_px = style.size_pt * pixels_per_point;
        let metrics = Metrics::new(size_px, size_px * style.line_height);
        let buffer = match self.shaped.find(text, emphasis, style) {
            Some(buffer) => buffer,
            None => {
                self.paragraphs_shaped += 1;
                let mut buffer = self.shaped.spare_buffer(&mut self.fonts, metrics);
                set_text(&mut buffer, text, emphasis, style);
                self.shaped
                    .insert(&mut self.fonts, text, emphasis, style, buffer)
            }
        };
        buffer.set_metrics_and_size(metrics, Some(width_px), None);
        buffer.set_wrap(Wrap::WordOrGlyph);
        buffer.shape_until_scroll(&mut self.fonts, false);
        ParagraphLayout::from_buffer(buffer, text, width_px, pixels_per_point)
    }

    /// Lays `text` out as if for the first time: a new buffer and an empty word
    /// cache, no kept shaping used or kept. For tests that compare the caches' results
    /// with fresh ones.
    #[doc(hidden)]
    pub fn layout_fresh(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        width_pt: f32,
        pixels_per_point: f32,
    ) -> ParagraphLayout {
        let width_px = Self::width_px(width_pt, pixels_per_point);
        let size_px = style.size_pt * pixels_per_point;
        let metrics = Metrics::new(size_px, size_px * style.line_height);
        #[cfg(feature = "word-cache")]
        let words = std::mem::take(&mut self.fonts.shape_run_cache);
        let mut buffer = Buffer::new(&mut self.fonts, metrics);
        buffer.set_size(Some(width_px), None);
        buffer.set_wrap(Wrap::WordOrGlyph);
        set_text(&mut buffer, text, emphasis, style);
        buffer.shape_until_scroll(&mut self.fonts, false);
        #[cfg(feature = "word-cache")]
        {
            self.fonts.shape_run_cache = words;
        }
        ParagraphLayout::from_buffer(&buffer, text, width_px, pixels_per_point)
    }

    pub(super) fn learn_advance(
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
}

/// Puts `text` with its emphasis in `style`'s face into `buffer` (shaped when it is
/// next laid out).
fn set_text(buffer: &mut Buffer, text: &str, emphasis: &[EmphasisSpan], style: &TextStyle) {
    let attrs = Attrs::new()
        .family(Family::Name(family_name(style.family)))
        .weight(if style.bold {
            Weight::BOLD
        } else {
            Weight::NORMAL
        });
    if emphasis.is_empty() {
        buffer.set_text(text, &attrs, Shaping::Advanced, None);
    } else {
        let spans = emphasized_spans(text, emphasis, &attrs);
        buffer.set_rich_text(spans, &attrs, Shaping::Advanced, None);
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
        // cosmic-text 0.19 shapes the differently styled parts of one right-to-left word
        // one after the other in logical order, out of order on screen and unjoined
        // (`و**كلمة**` came out as `كلمةو`): a whole word in one style is shaped right.
        let range = widen_to_words(text, span.range.clone(), WordUnit::Spaced, is_right_to_left);
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::text::ParagraphLayout;

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
}
