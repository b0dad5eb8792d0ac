//! Word-by-word glosses (interlinear text): a short gloss under each word, the word
//! and its gloss travelling together when the line breaks.
//!
//! The paragraph is shaped as usual (the kept shaping is shared with the plain
//! layout); then, on a copy, each glossed word whose gloss is wider than the word is
//! widened to the gloss's width before wrapping: the word's rightmost glyph (the one
//! cosmic-text places first in a right-to-left line, last in a left-to-right one)
//! takes the extra advance, and every glyph of the word is offset by half of it, so
//! the word stands centred in a box `max(word, gloss)` wide. cosmic-text then wraps
//! boxes, not words, and a gloss can never overlap its neighbour's. Each line box is
//! taller by one row of gloss text, the glyphs staying at its top; each gloss is
//! centred under its word's box in that row.
//!
//! Nothing here runs for a paragraph without glosses: the plain layout is the same
//! code and the same cache entries as before.

use std::ops::Range;
use std::sync::Arc;

use cosmic_text::ShapeLine;
use egui::{Rect, pos2};

use super::TextEngine;
use super::cache::LayoutKey;
use super::shaped::hash_of;
use crate::model::EmphasisSpan;
use crate::text::layout::{ParagraphLayout, PlacedGloss};
use crate::text::style::TextStyle;

/// A short gloss for the word at `range` of a paragraph's text.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct Interlinear {
    /// The word's bytes in the paragraph's text.
    pub range: Range<usize>,
    /// What to write under it.
    pub text: String,
}

/// The width a gloss is laid out in: wide enough never to wrap one.
const GLOSS_MEASURE_PT: f32 = 4096.0;

/// Gloss layouts kept before all are forgotten: glosses repeat (`the`, `in`,
/// `and`), so a screenful's distinct glosses fit many times over.
const KEPT_GLOSS_LAYOUTS: usize = 4096;

/// The laid-out glosses, by text, style and scale.
#[derive(Default)]
pub(super) struct GlossLayouts {
    kept: std::collections::HashMap<(String, u64, u32), Arc<ParagraphLayout>>,
}

impl TextEngine {
    /// Like [`Self::layout_emphasized`], with `glosses` written under their words in
    /// `gloss_style` (see the module documentation). Without glosses, the plain
    /// layout.
    #[expect(
        clippy::too_many_arguments,
        reason = "the plain layout's arguments and the glosses'"
    )]
    pub fn layout_interlinear(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        width_pt: f32,
        pixels_per_point: f32,
        glosses: &[Interlinear],
        gloss_style: &TextStyle,
    ) -> Arc<ParagraphLayout> {
        let text = super::laid_out_part(text);
        let glosses: Vec<&Interlinear> = glosses
            .iter()
            .filter(|gloss| gloss.range.end <= text.len() && !gloss.text.is_empty())
            .collect();
        if glosses.is_empty() {
            return self.layout_emphasized(text, emphasis, style, width_pt, pixels_per_point);
        }
        let width_px = Self::width_px(width_pt, pixels_per_point);
        let mut key = LayoutKey::new(text, emphasis, style, width_px, pixels_per_point);
        key.interlinear_hash = hash_of(&(&glosses, gloss_style.cache_key())).max(1);
        if let Some(layout) = self.cached(&key, text, emphasis, style) {
            return layout;
        }
        let gloss_layouts: Vec<Arc<ParagraphLayout>> = glosses
            .iter()
            .map(|gloss| self.gloss_layout(&gloss.text, gloss_style, pixels_per_point))
            .collect();
        let widths: Vec<(Range<usize>, f32)> = glosses
            .iter()
            .zip(&gloss_layouts)
            .map(|(gloss, layout)| (gloss.range.clone(), layout.ink_width_px()))
            .collect();
        let row_px = gloss_style.size_pt * pixels_per_point * gloss_style.line_height;
        let mut layout = self.shape_widened(
            text,
            emphasis,
            style,
            width_px,
            pixels_per_point,
            &widths,
            row_px,
        );
        layout.glosses = glosses
            .iter()
            .zip(gloss_layouts)
            .filter_map(|(gloss, gloss_layout)| place_gloss(&layout, gloss, gloss_layout, row_px))
            .collect();
        let layout = Arc::new(layout);
        self.remember(key, &layout, emphasis, style);
        layout
    }
}

impl TextEngine {
    /// `text` laid out on one line in `style`, from the glosses' own cache: neither
    /// the layout cache nor the shaped paragraphs keep it.
    fn gloss_layout(
        &mut self,
        text: &str,
        style: &TextStyle,
        pixels_per_point: f32,
    ) -> Arc<ParagraphLayout> {
        let key = (
            text.to_owned(),
            hash_of(&style.cache_key()),
            pixels_per_point.to_bits(),
        );
        if let Some(layout) = self.gloss_layouts.kept.get(&key) {
            return layout.clone();
        }
        let lines = self.shape_lines(text, &[], style);
        let size_px = style.size_pt * pixels_per_point;
        let layout = Arc::new(super::shaping::place(
            lines
                .iter()
                .map(|line| (line.start, &line.shape, &text[line.start..line.end])),
            &mut self.scratch,
            text,
            size_px,
            size_px * style.line_height,
            Self::width_px(GLOSS_MEASURE_PT, pixels_per_point),
            pixels_per_point,
            0.0,
        ));
        if self.gloss_layouts.kept.len() >= KEPT_GLOSS_LAYOUTS {
            self.gloss_layouts.kept.clear();
        }
        self.gloss_layouts.kept.insert(key, layout.clone());
        layout
    }
}

/// The gloss's place under its word in `layout`: centred under the word's box on the
/// line its first glyph is on, in the row below the glyphs.
fn place_gloss(
    layout: &ParagraphLayout,
    gloss: &Interlinear,
    gloss_layout: Arc<ParagraphLayout>,
    row_px: f32,
) -> Option<PlacedGloss> {
    let in_word = |start: u32| (gloss.range.start as u32..gloss.range.end as u32).contains(&start);
    let line = layout.lines.iter().find(|line| {
        layout.glyphs[line.glyphs.clone()]
            .iter()
            .any(|g| in_word(g.start))
    })?;
    let (left, right) = layout.glyphs[line.glyphs.clone()]
        .iter()
        .filter(|g| in_word(g.start))
        .fold((f32::MAX, f32::MIN), |(left, right), g| {
            (left.min(g.x_px), right.max(g.x_px + g.width_px))
        });
    let word_px = Rect::from_min_max(
        pos2(left, line.top_px),
        pos2(right, line.top_px + line.height_px - row_px),
    );
    let width = gloss_layout.ink_width_px();
    let top = line.top_px + line.height_px - row_px;
    let gloss_px = Rect::from_min_max(
        pos2(word_px.center().x - width / 2.0, top),
        pos2(word_px.center().x + width / 2.0, top + row_px),
    );
    Some(PlacedGloss {
        range: gloss.range.clone(),
        text: gloss.text.clone(),
        word_px,
        gloss_px,
        layout: gloss_layout,
    })
}

/// A copy of `shape` (a line starting at byte `line_start` of the paragraph) with each
/// word covered by `widths` (byte range, gloss width in pixels) at least that wide at
/// `size_px`.
pub(super) fn widen(
    shape: &ShapeLine,
    line_start: usize,
    widths: &[(Range<usize>, f32)],
    size_px: f32,
) -> ShapeLine {
    let mut widened = shape.clone();
    let rtl = widened.rtl;
    let mut used = vec![false; widths.len()];
    for span in &mut widened.spans {
        for word in &mut span.words {
            if word.blank || word.glyphs.is_empty() {
                continue;
            }
            let start = line_start + word.glyphs.iter().map(|g| g.start).min().unwrap_or(0);
            let Some(index) = widths
                .iter()
                .enumerate()
                .position(|(i, (range, _))| !used[i] && range.contains(&start))
            else {
                continue;
            };
            used[index] = true;
            let word_em: f32 = word.glyphs.iter().map(|g| g.x_advance).sum();
            let extra_em = widths[index].1 / size_px - word_em;
            if extra_em <= 0.0 {
                continue;
            }
            for glyph in &mut word.glyphs {
                glyph.x_offset += extra_em / 2.0;
            }
            let rightmost = if rtl {
                word.glyphs.first_mut()
            } else {
                word.glyphs.last_mut()
            };
            if let Some(glyph) = rightmost {
                glyph.x_advance += extra_em;
            }
        }
    }
    widened
}
