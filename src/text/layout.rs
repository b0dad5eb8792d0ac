//! A paragraph after shaping, bidi and wrapping: lines of positioned glyphs in visual
//! order, in physical pixels, with hit testing and selection geometry.
//!
//! A cosmic-text `Buffer` costs about 76 KB once shaped; this keeps only what drawing,
//! hit testing and selection need, so many paragraphs can stay cached.

use std::ops::Range;

use cosmic_text::{Buffer, CacheKey, LayoutGlyph};
use egui::{Pos2, Rect, Vec2, pos2, vec2};
use unicode_segmentation::UnicodeSegmentation as _;

/// One glyph, positioned relative to the paragraph's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LaidGlyph {
    /// The bytes of the paragraph's text this glyph shows (a cluster).
    pub start: u32,
    /// End of the cluster, exclusive.
    pub end: u32,
    /// Left edge of the glyph's advance box, in physical pixels.
    pub x_px: f32,
    /// Advance width, in physical pixels.
    pub width_px: f32,
    /// Shaper's offset of the glyph from its pen position, in physical pixels
    /// (x to the right, y up).
    pub offset_px: [f32; 2],
    /// True when the glyph sits in a right-to-left run.
    pub rtl: bool,
    /// What to rasterize.
    pub cache_key: CacheKey,
    /// Where to draw the rasterized image: its origin in whole physical pixels
    /// (baseline included).
    pub draw_x_px: i32,
    /// See `draw_x_px`.
    pub draw_y_px: i32,
}

/// One wrapped line.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LaidLine {
    /// Top of the line box, in physical pixels from the paragraph's top.
    pub top_px: f32,
    /// Height of the line box, in physical pixels.
    pub height_px: f32,
    /// The line's glyphs, in visual order from left to right.
    pub glyphs: Range<usize>,
    /// Where the paragraph this line belongs to starts in the text (an empty
    /// paragraph has no glyph to tell).
    pub paragraph_start: usize,
}

/// A glyph as a shaper reports it, for comparing with HarfBuzz.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph index in the font.
    pub glyph_id: u16,
    /// First byte of the text the glyph belongs to.
    pub cluster: usize,
    /// Left edge of the glyph's advance box, in physical pixels from the paragraph's
    /// left edge.
    pub x_px: f32,
    /// Horizontal advance, in physical pixels.
    pub advance_px: f32,
    /// Offset from the pen position, in physical pixels (x right, y up).
    pub offset_px: [f32; 2],
}

/// A line as a reader sees it, for tests and accessibility: the text of each glyph
/// cluster from left to right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualLine {
    /// Byte ranges of the paragraph's text, one per glyph, from left to right.
    pub clusters: Vec<Range<usize>>,
}

/// A wrapped line in reading order, for accessibility: the bytes of the text it holds
/// and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct LogicalLine {
    /// The bytes of the paragraph's text on the line, in logical order. The lines of a
    /// layout tile its text: each starts where the one before ends, the first at 0 and
    /// the last at the end, so spaces at a wrap and line breaks belong to a line.
    pub bytes: Range<usize>,
    /// The line box, in points relative to the paragraph's top-left corner.
    pub rect: Rect,
    /// Whether the layout's base direction is right to left.
    pub rtl: bool,
}

/// The meshes that draw a layout, relative to its top-left corner, valid for one
/// generation of the glyph atlas.
#[derive(Debug)]
pub(crate) struct LayoutMeshes {
    /// The atlas generation the texture coordinates belong to.
    pub generation: u64,
    /// One mesh per atlas page; `true` when the mesh takes the text colour (colour
    /// glyphs do not).
    pub meshes: Vec<(egui::Mesh, bool)>,
}

/// A word-by-word gloss placed under its word. Built by the engine's interlinear
/// layout.
#[derive(Debug)]
pub(crate) struct PlacedGloss {
    /// The word's bytes in the paragraph's text.
    pub range: Range<usize>,
    /// The gloss.
    pub text: String,
    /// The word's box (as wide as the word or its gloss), physical pixels from the
    /// paragraph's top-left corner.
    pub word_px: Rect,
    /// Where the gloss's ink goes, likewise.
    pub gloss_px: Rect,
    /// The gloss laid out on one line.
    pub layout: std::sync::Arc<ParagraphLayout>,
}

/// Where a word-by-word gloss stands, in points from the paragraph's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct GlossPlace {
    /// The word's bytes in the paragraph's text.
    pub range: Range<usize>,
    /// The gloss.
    pub text: String,
    /// The word's box: as wide as the word or its gloss, whichever is wider.
    pub word: Rect,
    /// The gloss's box, centred under the word.
    pub gloss: Rect,
}

/// A laid-out paragraph. Built by the [`super::TextEngine`].
#[derive(Debug)]
pub struct ParagraphLayout {
    /// Built on first paint, so scrolling does not rebuild them every frame.
    pub(crate) meshes: std::sync::Mutex<Option<LayoutMeshes>>,
    pub(crate) text: String,
    pub(crate) pixels_per_point: f32,
    pub(crate) width_px: f32,
    pub(crate) height_px: f32,
    pub(crate) rtl: bool,
    pub(crate) lines: Vec<LaidLine>,
    pub(crate) glyphs: Vec<LaidGlyph>,
    /// Word-by-word glosses under the words; empty in a plain layout.
    pub(crate) glosses: Vec<PlacedGloss>,
}

/// Two layouts are equal when they place the same glyphs in the same places: the
/// meshes built from them for painting are left out.
impl PartialEq for ParagraphLayout {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && self.pixels_per_point == other.pixels_per_point
            && self.width_px == other.width_px
            && self.height_px == other.height_px
            && self.rtl == other.rtl
            && self.lines == other.lines
            && self.glyphs == other.glyphs
    }
}

/// One wrapped line as cosmic-text lays it out, for [`ParagraphLayout::from_runs`].
pub(crate) struct LineRun<'a> {
    /// Where the paragraph (between two line breaks of the text) this line is in
    /// starts in the text; the glyphs' clusters are relative to it.
    pub paragraph_start: usize,
    /// The paragraph's base direction.
    pub rtl: bool,
    pub glyphs: &'a [LayoutGlyph],
    /// Top of the line box, in physical pixels from the top of the block.
    pub line_top: f32,
    /// Baseline, likewise.
    pub line_y: f32,
    pub line_height: f32,
}

impl ParagraphLayout {
    /// Collects the layout runs of a shaped buffer holding `text`. Byte offsets are
    /// into `text` as a whole, whichever of the buffer's paragraphs a glyph is in.
    pub(crate) fn from_buffer(
        buffer: &Buffer,
        text: &str,
        width_px: f32,
        pixels_per_point: f32,
    ) -> Self {
        // Where each of the buffer's paragraphs starts in `text`.
        let mut paragraph_starts = Vec::with_capacity(buffer.lines.len());
        let mut start = 0;
        for line in &buffer.lines {
            paragraph_starts.push(start);
            start += line.text().len() + line.ending().as_str().len();
        }
        Self::from_runs(
            buffer.layout_runs().map(|run| LineRun {
                paragraph_start: paragraph_starts.get(run.line_i).copied().unwrap_or(0),
                rtl: run.rtl,
                glyphs: run.glyphs,
                line_top: run.line_top,
                line_y: run.line_y,
                line_height: run.line_height,
            }),
            text,
            width_px,
            pixels_per_point,
        )
    }

    /// Collects wrapped lines, top to bottom, of `text`.
    pub(crate) fn from_runs<'a>(
        runs: impl IntoIterator<Item = LineRun<'a>>,
        text: &str,
        width_px: f32,
        pixels_per_point: f32,
    ) -> Self {
        let mut lines = Vec::new();
        let mut glyphs = Vec::new();
        let mut height_px: f32 = 0.0;
        // The first paragraph's direction is the block's.
        let mut rtl = None;
        for run in runs {
            rtl.get_or_insert(run.rtl);
            let paragraph_start = run.paragraph_start;
            let first = glyphs.len();
            for glyph in run.glyphs {
                let physical = glyph.physical((0.0, run.line_y), 1.0);
                glyphs.push(LaidGlyph {
                    start: u32::try_from(paragraph_start + glyph.start).unwrap_or(u32::MAX),
                    end: u32::try_from(paragraph_start + glyph.end).unwrap_or(u32::MAX),
                    x_px: glyph.x,
                    width_px: glyph.w,
                    offset_px: [
                        glyph.x_offset * glyph.font_size,
                        glyph.y_offset * glyph.font_size,
                    ],
                    rtl: glyph.level.is_rtl(),
                    cache_key: physical.cache_key,
                    draw_x_px: physical.x,
                    draw_y_px: physical.y,
                });
            }
            // cosmic-text lists a right-to-left line's glyphs from the right edge; keep
            // every line from the left. Reversing the run's own order, rather than
            // sorting by x, keeps marks beside their base even where the font uses
            // negative advances.
            if run.rtl {
                glyphs[first..].reverse();
            }
            lines.push(LaidLine {
                top_px: run.line_top,
                height_px: run.line_height,
                glyphs: first..glyphs.len(),
                paragraph_start,
            });
            height_px = height_px.max(run.line_top + run.line_height);
        }
        Self {
            meshes: std::sync::Mutex::default(),
            text: text.to_owned(),
            pixels_per_point,
            width_px,
            height_px,
            rtl: rtl.unwrap_or(false),
            lines,
            glyphs,
            glosses: Vec::new(),
        }
    }

    /// The width of the glyphs' advances from the leftmost to the rightmost, in
    /// physical pixels: what one line of text takes, whatever the box.
    pub(crate) fn ink_width_px(&self) -> f32 {
        let left = self.glyphs.iter().map(|g| g.x_px).fold(f32::MAX, f32::min);
        let right = self
            .glyphs
            .iter()
            .map(|g| g.x_px + g.width_px)
            .fold(f32::MIN, f32::max);
        (right - left).max(0.0)
    }

    /// The leftmost glyph's left edge, in physical pixels.
    pub(crate) fn ink_left_px(&self) -> f32 {
        self.glyphs
            .iter()
            .map(|g| g.x_px)
            .fold(f32::MAX, f32::min)
            .min(self.width_px)
    }

    /// The word-by-word glosses and where they stand, in points from the
    /// paragraph's top-left corner; empty in a plain layout.
    pub fn gloss_places(&self) -> Vec<GlossPlace> {
        let scale = 1.0 / self.pixels_per_point;
        let to_points = |rect: Rect| {
            Rect::from_min_max(
                (rect.min.to_vec2() * scale).to_pos2(),
                (rect.max.to_vec2() * scale).to_pos2(),
            )
        };
        self.glosses
            .iter()
            .map(|gloss| GlossPlace {
                range: gloss.range.clone(),
                text: gloss.text.clone(),
                word: to_points(gloss.word_px),
                gloss: to_points(gloss.gloss_px),
            })
            .collect()
    }

    /// The text that was laid out.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the paragraph's base direction is right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// The scale this layout was made for.
    pub fn pixels_per_point(&self) -> f32 {
        self.pixels_per_point
    }

    /// The box the paragraph fills, in points: the layout width by the height of its lines.
    pub fn size(&self) -> Vec2 {
        vec2(self.width_px, self.height_px) / self.pixels_per_point
    }

    /// How many lines the paragraph wrapped into.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// How many glyphs were laid out.
    pub fn glyph_count(&self) -> usize {
        self.glyphs.len()
    }

    /// Each line's glyph clusters from left to right, top line first.
    pub fn visual_lines(&self) -> Vec<VisualLine> {
        self.lines
            .iter()
            .map(|line| VisualLine {
                clusters: self.glyphs[line.glyphs.clone()]
                    .iter()
                    .map(|glyph| glyph.start as usize..glyph.end as usize)
                    .collect(),
            })
            .collect()
    }

    /// The lines in reading order, each with the logical bytes it holds (see
    /// [`LogicalLine`]); one empty line for an empty text.
    pub fn logical_lines(&self) -> Vec<LogicalLine> {
        let scale = 1.0 / self.pixels_per_point;
        let mut lines: Vec<(usize, &LaidLine)> = self
            .lines
            .iter()
            .map(|line| {
                let start = self.glyphs[line.glyphs.clone()]
                    .iter()
                    .map(|glyph| glyph.start as usize)
                    .min()
                    .unwrap_or(line.paragraph_start);
                (start.min(self.text.len()), line)
            })
            .collect();
        lines.sort_by_key(|(start, _)| *start);
        let mut logical: Vec<LogicalLine> = Vec::with_capacity(lines.len());
        for (index, (start, line)) in lines.iter().enumerate() {
            let start = if index == 0 { 0 } else { *start };
            let end = lines
                .get(index + 1)
                .map_or(self.text.len(), |(next, _)| *next);
            if start >= end && !(logical.is_empty() && index + 1 == lines.len()) {
                // A line that holds nothing of its own (two lines starting at one byte).
                continue;
            }
            let glyphs = &self.glyphs[line.glyphs.clone()];
            let left = glyphs.first().map_or(0.0, |glyph| glyph.x_px);
            let right = glyphs
                .last()
                .map_or(0.0, |glyph| glyph.x_px + glyph.width_px);
            let (left, right) = if glyphs.is_empty() && self.rtl {
                (self.width_px, self.width_px)
            } else {
                (left, right)
            };
            let rect = Rect::from_min_max(
                pos2(left, line.top_px),
                pos2(right, line.top_px + line.height_px),
            );
            logical.push(LogicalLine {
                bytes: start..end.max(start),
                rect: rect_scaled(rect, scale),
                rtl: self.rtl,
            });
        }
        if logical.is_empty() {
            logical.push(LogicalLine {
                bytes: 0..self.text.len(),
                rect: Rect::ZERO,
                rtl: self.rtl,
            });
        }
        logical
    }

    /// The glyphs of one line from left to right, as a shaper reports them.
    pub fn line_glyphs(&self, line: usize) -> Vec<ShapedGlyph> {
        self.lines.get(line).map_or_else(Vec::new, |line| {
            self.glyphs[line.glyphs.clone()]
                .iter()
                .map(|glyph| ShapedGlyph {
                    glyph_id: glyph.cache_key.glyph_id,
                    cluster: glyph.start as usize,
                    x_px: glyph.x_px,
                    advance_px: glyph.width_px,
                    offset_px: glyph.offset_px,
                })
                .collect()
        })
    }

    /// The byte offset of the caret position nearest to `point`, given in points
    /// relative to the paragraph's top-left corner.
    ///
    /// In a right-to-left run the right half of a character is before it and the left
    /// half after it; a ligature is split evenly between the characters it shows.
    pub fn hit(&self, point: Pos2) -> usize {
        let x = point.x * self.pixels_per_point;
        let y = point.y * self.pixels_per_point;
        let Some(line) = self
            .lines
            .iter()
            .find(|line| y < line.top_px + line.height_px)
            .or_else(|| self.lines.last())
        else {
            return 0;
        };
        let glyphs = &self.glyphs[line.glyphs.clone()];
        let (Some(leftmost), Some(rightmost)) = (glyphs.first(), glyphs.last()) else {
            return 0;
        };
        if x < leftmost.x_px {
            return (if leftmost.rtl {
                leftmost.end
            } else {
                leftmost.start
            }) as usize;
        }
        for glyph in glyphs {
            if x < glyph.x_px + glyph.width_px {
                return self.hit_in_glyph(glyph, x);
            }
        }
        (if rightmost.rtl {
            rightmost.start
        } else {
            rightmost.end
        }) as usize
    }

    fn hit_in_glyph(&self, glyph: &LaidGlyph, x: f32) -> usize {
        for (start, end, left, right) in self.grapheme_boxes(glyph) {
            if x < right {
                let before = (x - left) < (right - left) / 2.0;
                return if before != glyph.rtl { start } else { end };
            }
        }
        if glyph.rtl {
            glyph.start as usize
        } else {
            glyph.end as usize
        }
    }

    /// The graphemes of a glyph's cluster with their share of its advance:
    /// (start byte, end byte, left px, right px), from left to right on screen.
    fn grapheme_boxes(&self, glyph: &LaidGlyph) -> Vec<(usize, usize, f32, f32)> {
        let (start, end) = (glyph.start as usize, glyph.end as usize);
        let cluster = self.text.get(start..end).unwrap_or_default();
        let mut graphemes: Vec<(usize, usize)> = cluster
            .grapheme_indices(true)
            .map(|(i, g)| (start + i, start + i + g.len()))
            .collect();
        if graphemes.is_empty() {
            graphemes.push((start, end));
        }
        if glyph.rtl {
            graphemes.reverse();
        }
        let share = glyph.width_px / graphemes.len() as f32;
        graphemes
            .into_iter()
            .enumerate()
            .map(|(i, (s, e))| {
                (
                    s,
                    e,
                    glyph.x_px + share * i as f32,
                    glyph.x_px + share * (i + 1) as f32,
                )
            })
            .collect()
    }

    /// The rectangles, in points relative to the paragraph's top-left corner, that cover
    /// the characters of the byte range `selection`. A range that crosses a change of
    /// direction gives several rectangles on one line.
    pub fn selection_rects(&self, selection: Range<usize>) -> Vec<Rect> {
        let mut rects = Vec::new();
        if selection.is_empty() {
            return rects;
        }
        let scale = 1.0 / self.pixels_per_point;
        for line in &self.lines {
            let mut span: Option<(f32, f32)> = None;
            for glyph in &self.glyphs[line.glyphs.clone()] {
                for (start, end, left, right) in self.grapheme_boxes(glyph) {
                    let selected = start < selection.end && end > selection.start;
                    match (selected, span) {
                        (true, Some((l, r))) => span = Some((l.min(left), r.max(right))),
                        (true, None) => span = Some((left, right)),
                        (false, Some((l, r))) => {
                            rects.push(Rect::from_min_max(
                                pos2(l, line.top_px),
                                pos2(r, line.top_px + line.height_px),
                            ));
                            span = None;
                        }
                        (false, None) => {}
                    }
                }
            }
            if let Some((l, r)) = span {
                rects.push(Rect::from_min_max(
                    pos2(l, line.top_px),
                    pos2(r, line.top_px + line.height_px),
                ));
            }
        }
        rects
            .into_iter()
            .map(|rect| rect_scaled(rect, scale))
            .collect()
    }

    /// The rectangles of many spans at once, each with the index of its span in
    /// `spans`, which must be sorted and must not overlap (the words of a paragraph):
    /// one pass over the glyphs for all of them, where [`Self::selection_rects`] makes
    /// one per span.
    pub fn spans_rects(&self, spans: &[Range<usize>]) -> Vec<(usize, Rect)> {
        let mut rects = Vec::new();
        if spans.is_empty() {
            return rects;
        }
        let scale = 1.0 / self.pixels_per_point;
        let span_of = |start: usize, end: usize| {
            let k = spans.partition_point(|span| span.end <= start);
            spans
                .get(k)
                .filter(|span| span.start < end && !span.is_empty())
                .map(|_| k)
        };
        for line in &self.lines {
            let mut open: Option<(usize, f32, f32)> = None;
            let rect = |(_, l, r): (usize, f32, f32)| {
                Rect::from_min_max(pos2(l, line.top_px), pos2(r, line.top_px + line.height_px))
            };
            for glyph in &self.glyphs[line.glyphs.clone()] {
                for (start, end, left, right) in self.grapheme_boxes(glyph) {
                    match (span_of(start, end), open) {
                        (Some(k), Some((o, l, r))) if k == o => {
                            open = Some((k, l.min(left), r.max(right)));
                        }
                        (found, current) => {
                            if let Some(current) = current {
                                rects.push((current.0, rect(current)));
                            }
                            open = found.map(|k| (k, left, right));
                        }
                    }
                }
            }
            if let Some(current) = open {
                rects.push((current.0, rect(current)));
            }
        }
        rects
            .into_iter()
            .map(|(k, rect)| (k, rect_scaled(rect, scale)))
            .collect()
    }

    /// The caret for the byte `offset`, as a thin rectangle in points relative to the
    /// paragraph's top-left corner: at the right edge of a right-to-left character,
    /// the left edge of a left-to-right one.
    pub fn caret_rect(&self, offset: usize) -> Rect {
        let scale = 1.0 / self.pixels_per_point;
        let caret = |line: &LaidLine, x: f32| {
            Rect::from_min_max(
                pos2(x * scale, line.top_px * scale),
                pos2(x * scale + 1.0, (line.top_px + line.height_px) * scale),
            )
        };
        // Before a character: at its leading edge.
        for line in &self.lines {
            for glyph in &self.glyphs[line.glyphs.clone()] {
                for (start, _, left, right) in self.grapheme_boxes(glyph) {
                    if start == offset {
                        return caret(line, if glyph.rtl { right } else { left });
                    }
                }
            }
        }
        // On an empty line (a paragraph with no text yet).
        if let Some(line) = self
            .lines
            .iter()
            .find(|line| line.glyphs.is_empty() && line.paragraph_start == offset)
        {
            return caret(line, if self.rtl { self.width_px } else { 0.0 });
        }
        // After the last character of a line: at its trailing edge.
        for line in self.lines.iter().rev() {
            for glyph in &self.glyphs[line.glyphs.clone()] {
                for (_, end, left, right) in self.grapheme_boxes(glyph) {
                    if end == offset {
                        return caret(line, if glyph.rtl { left } else { right });
                    }
                }
            }
        }
        self.lines
            .first()
            .map_or(Rect::from_min_size(Pos2::ZERO, vec2(1.0, 0.0)), |line| {
                caret(line, if self.rtl { self.width_px } else { 0.0 })
            })
    }

    /// The word (or run of spaces or punctuation) that contains the byte `offset`.
    pub fn word_at(&self, offset: usize) -> Range<usize> {
        self.text
            .split_word_bound_indices()
            .map(|(start, word)| start..start + word.len())
            .find(|range| range.contains(&offset))
            .unwrap_or(offset..offset)
    }
}

fn rect_scaled(rect: Rect, scale: f32) -> Rect {
    Rect::from_min_max(
        (rect.min.to_vec2() * scale).to_pos2(),
        (rect.max.to_vec2() * scale).to_pos2(),
    )
}
