//! Shaping: text and its emphasis into a [`ParagraphLayout`]: each line of the text
//! shaped by the `LineShaper` (bidi, words from the word cache or shaped), kept, and
//! wrapped by cosmic-text; a kept shaping re-wrapped where there is one (see
//! `shaped`); and what shaping teaches the height estimates.

use std::ops::Range;

use cosmic_text::{
    Attrs, AttrsList, Buffer, Family, LineIter, Metrics, ShapeBuffer, ShapeLine, Shaping, Style,
    Weight, Wrap,
};

use super::TextEngine;
use super::shaped::ShapedLine;
use super::wrap::wrap;
use crate::model::{EmphasisSpan, WordUnit, is_right_to_left, widen_to_words};
use crate::text::fonts::family_name;
use crate::text::layout::{LineRun, ParagraphLayout};
use crate::text::style::{TextStyle, starts_left_to_right};

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
        self.shape_widened(text, emphasis, style, width_px, pixels_per_point, &[], 0.0)
    }

    /// [`Self::shape`], with the words at `widths` (byte range, width in pixels) made
    /// at least that wide and a row `row_px` tall added under each line (see
    /// `interlinear`); without widths, the plain layout.
    #[expect(
        clippy::too_many_arguments,
        reason = "the plain layout's arguments and the rows'"
    )]
    pub(super) fn shape_widened(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        width_px: f32,
        pixels_per_point: f32,
        widths: &[(Range<usize>, f32)],
        row_px: f32,
    ) -> ParagraphLayout {
        self.layouts_built += 1;
        let size_px = style.size_pt * pixels_per_point;
        let line_height_px = size_px * style.line_height;
        let lines = match self.shaped.find(text, emphasis, style) {
            Some(lines) => lines,
            None => {
                self.paragraphs_shaped += 1;
                let lines = self.shape_lines(text, emphasis, style);
                self.shaped.insert(text, emphasis, style, lines)
            }
        };
        if widths.is_empty() {
            return place(
                lines
                    .iter()
                    .map(|line| (line.start, &line.shape, &text[line.start..line.end])),
                &mut self.scratch,
                text,
                size_px,
                line_height_px,
                width_px,
                pixels_per_point,
                0.0,
            );
        }
        let widened: Vec<(usize, ShapeLine, usize)> = lines
            .iter()
            .map(|line| {
                let shape = super::interlinear::widen(&line.shape, line.start, widths, size_px);
                (line.start, shape, line.end)
            })
            .collect();
        place(
            widened
                .iter()
                .map(|(start, shape, end)| (*start, shape, &text[*start..*end])),
            &mut self.scratch,
            text,
            size_px,
            line_height_px,
            width_px,
            pixels_per_point,
            row_px,
        )
    }

    /// Shapes each line of `text` (split at line breaks as cosmic-text's `Buffer`
    /// splits it), with its emphasis.
    pub(super) fn shape_lines(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
    ) -> Vec<ShapedLine> {
        let attrs = plain_attrs(style, text);
        let spans = if emphasis.is_empty() {
            Vec::new()
        } else {
            emphasized_spans(text, emphasis, &attrs)
        };
        let mut lines = Vec::new();
        let mut ends_with_break = true;
        for (range, ending) in LineIter::new(text) {
            let mut attrs_list = AttrsList::new(&attrs);
            for (span, span_attrs) in spans.iter().filter(|(_, span_attrs)| *span_attrs != attrs) {
                let start = span.start.max(range.start);
                let end = span.end.min(range.end);
                if start < end {
                    attrs_list.add_span(start - range.start..end - range.start, span_attrs);
                }
            }
            let shape = self
                .lines
                .shape(&mut self.fonts, &text[range.clone()], &attrs_list);
            lines.push(ShapedLine {
                start: range.start,
                end: range.end,
                shape,
            });
            ends_with_break = ending != cosmic_text::LineEnding::None;
        }
        // A text ending in a line break (or empty) has an empty last line, as in a
        // `Buffer`.
        if ends_with_break {
            let shape = self
                .lines
                .shape(&mut self.fonts, "", &AttrsList::new(&attrs));
            lines.push(ShapedLine {
                start: text.len(),
                end: text.len(),
                shape,
            });
        }
        lines
    }

    /// Lays `text` out as cosmic-text alone shapes it: a new `Buffer` shaping every
    /// word itself (its `ShapeLine::build`), no kept shaping or word used or kept, then
    /// wrapped as the engine wraps (cosmic-text's wrapping kept to UAX #14). The
    /// reference that tests compare the engine's own shaping and caches with.
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
        let mut buffer = Buffer::new(&mut self.fonts, metrics);
        buffer.set_size(Some(width_px), None);
        buffer.set_wrap(Wrap::WordOrGlyph);
        set_text(&mut buffer, text, emphasis, style);
        buffer.shape_until_scroll(&mut self.fonts, false);
        // cosmic-text's shaping, wrapped as the engine wraps (see `wrap`): the
        // buffer's own wrapping may break where UAX #14 forbids.
        let mut start = 0;
        let mut lines = Vec::with_capacity(buffer.lines.len());
        for line in &buffer.lines {
            if let Some(shape) = line.shape_opt() {
                lines.push((start, shape, line.text()));
            }
            start += line.text().len() + line.ending().as_str().len();
        }
        place(
            lines.into_iter(),
            &mut self.scratch,
            text,
            size_px,
            metrics.line_height,
            width_px,
            pixels_per_point,
            0.0,
        )
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

/// Wraps each line of a paragraph (where it starts in `text`, its shaping, its text)
/// to `width_px` and places the wrapped lines one under the other as cosmic-text's
/// `Buffer` places them: the line box's height, the glyphs centred in it; and under
/// each line a row `row_px` tall (0 but for word-by-word glosses).
#[allow(clippy::too_many_arguments)]
pub(super) fn place<'a>(
    lines: impl Iterator<Item = (usize, &'a ShapeLine, &'a str)>,
    scratch: &mut ShapeBuffer,
    text: &str,
    size_px: f32,
    line_height_px: f32,
    width_px: f32,
    pixels_per_point: f32,
    row_px: f32,
) -> ParagraphLayout {
    let mut wrapped = Vec::new();
    let mut places = Vec::new();
    let mut top = 0.0;
    for (start, shape, line_text) in lines {
        let layout = wrap(shape, line_text, scratch, size_px, width_px);
        for layout_line in &layout {
            let line_height = layout_line.line_height_opt.unwrap_or(line_height_px);
            let glyph_height = layout_line.max_ascent + layout_line.max_descent;
            let line_y = top + (line_height - glyph_height) / 2.0 + layout_line.max_ascent;
            places.push((start, shape.rtl, top, line_y, line_height + row_px));
            top += line_height + row_px;
        }
        wrapped.push(layout);
    }
    let runs = wrapped.iter().flatten().zip(places).map(
        |(layout_line, (paragraph_start, rtl, line_top, line_y, line_height))| LineRun {
            paragraph_start,
            rtl,
            glyphs: &layout_line.glyphs,
            line_top,
            line_y,
            line_height,
        },
    );
    ParagraphLayout::from_runs(runs, text, width_px, pixels_per_point)
}

/// Puts `text` with its emphasis in `style`'s face into `buffer` (shaped when it is
/// next laid out).
fn set_text(buffer: &mut Buffer, text: &str, emphasis: &[EmphasisSpan], style: &TextStyle) {
    let attrs = plain_attrs(style, text);
    if emphasis.is_empty() {
        buffer.set_text(text, &attrs, Shaping::Advanced, None);
    } else {
        let spans = emphasized_spans(text, emphasis, &attrs);
        buffer.set_rich_text(
            spans
                .iter()
                .map(|(range, attrs)| (&text[range.clone()], attrs.clone())),
            &attrs,
            Shaping::Advanced,
            None,
        );
    }
}

/// The attributes of `style`'s face for `text`, without emphasis: a left-to-right
/// text in a column set in an Arabic or Hebrew face takes the Latin face.
fn plain_attrs(style: &TextStyle, text: &str) -> Attrs<'static> {
    let family = if starts_left_to_right(text) {
        style.family.for_left_to_right()
    } else {
        style.family
    };
    Attrs::new()
        .family(Family::Name(family_name(family)))
        .weight(if style.bold {
            Weight::BOLD
        } else {
            Weight::NORMAL
        })
}

/// `text` cut into runs of plain and emphasized text, each with its attributes. Spans
/// that do not fit the text are ignored.
fn emphasized_spans<'a>(
    text: &str,
    emphasis: &[EmphasisSpan],
    plain: &Attrs<'a>,
) -> Vec<(Range<usize>, Attrs<'a>)> {
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
            runs.push((at..range.start, plain.clone()));
        }
        let mut attrs = plain.clone();
        if span.emphasis.strong {
            attrs = attrs.weight(Weight::BOLD);
        }
        if span.emphasis.italic {
            attrs = attrs.style(Style::Italic);
        }
        runs.push((range.clone(), attrs));
        at = range.end;
    }
    if at < text.len() {
        runs.push((at..text.len(), plain.clone()));
    }
    runs
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::text::{FontFamily, ParagraphLayout};

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

    /// The family names of the faces the glyphs of `text` (laid out in `style`) are
    /// drawn from, for each character of `probe` in it.
    fn faces_of(
        engine: &mut TextEngine,
        text: &str,
        style: &TextStyle,
        probe: &str,
    ) -> Vec<String> {
        let layout = engine.layout(text, style, 2000.0, 1.0);
        let at = text.find(probe).expect("probe in text");
        let ids: Vec<_> = layout
            .glyphs
            .iter()
            .filter(|glyph| (at..at + probe.len()).contains(&(glyph.start as usize)))
            .map(|glyph| glyph.cache_key.font_id)
            .collect();
        assert!(!ids.is_empty(), "{probe} has glyphs");
        let db = engine.fonts().db();
        ids.iter()
            .map(|id| {
                db.face(*id)
                    .map(|face| face.families[0].0.clone())
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn latin_text_is_set_in_the_latin_serif_not_amiri() {
        let mut engine = TextEngine::new();
        // A translation, in the translation column's default face.
        let translation = TextStyle {
            family: FontFamily::Serif,
            ..TextStyle::body(16.0)
        };
        let english = "Russian media sources announced the summit.";
        assert!(
            faces_of(&mut engine, english, &translation, "summit")
                .iter()
                .all(|face| face == "Literata")
        );
        // An English note in the notes column, set in Amiri for Arabic notes.
        let note = TextStyle::body(16.0);
        assert!(
            faces_of(
                &mut engine,
                "Compare the Kremlin's wording.",
                &note,
                "Kremlin"
            )
            .iter()
            .all(|face| face == "Literata")
        );
        // An Arabic note keeps Amiri, its Latin too (drawn to sit beside the Arabic).
        let arabic = "ذكر موقع IA 24.KG الخبر";
        assert!(
            faces_of(&mut engine, arabic, &note, "ذكر")
                .iter()
                .all(|face| face == "Amiri")
        );
        assert!(
            faces_of(&mut engine, arabic, &note, "IA")
                .iter()
                .all(|face| face == "Amiri")
        );
    }

    #[test]
    fn latin_inside_hebrew_is_a_latin_face() {
        let mut engine = TextEngine::new();
        let hebrew = TextStyle {
            family: FontFamily::Hebrew,
            ..TextStyle::body(20.0)
        };
        let faces = faces_of(
            &mut engine,
            "ראש הממשלה ביקר בירושלים (Israel) אתמול",
            &hebrew,
            "Israel",
        );
        assert!(
            faces.iter().all(|face| face == "Noto Sans"),
            "{faces:?}: Noto Sans is drawn to go with Noto Sans Hebrew"
        );
    }
}
