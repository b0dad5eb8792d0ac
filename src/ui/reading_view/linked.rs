//! Linked sentences: pointing at a sentence of a section or of its translation lights
//! it and its counterparts on the other side, and a sentence cursor (Alt+↓ / Alt+↑)
//! steps through the article's sentences, lighting each with its translation and
//! keeping both in view.
//!
//! Each row's two texts are aligned with [`crate::align::RowLinks`] when the row is
//! first pointed at or reached by the cursor, and kept in a
//! [`RowLinksCache`] under both texts' hash: a frame aligns at most the one or two
//! rows it needs, and a row only once until one of its texts changes. What is lit is
//! decided from the previous frame's pointer (egui's usual one-frame lag), and a
//! repaint is asked for when it changes.

use std::ops::Range;
use std::sync::Arc;

use crate::align::{RowLinks, RowLinksCache, Side};
use crate::model::Article;
use crate::ui::columns::ColumnCells;

/// How many frames the view keeps trying to bring the cursor's sentences into view
/// (the first brings the row, the next ones the sentences once they are laid out).
const FOLLOW_FRAMES: u8 = 4;

/// Room kept between the cursor's sentences and the edge of the view, in points.
const FOLLOW_MARGIN_PT: f32 = 24.0;

/// A sentence of a row: of its section or of its translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentencePoint {
    /// The row (the section's index).
    pub row: usize,
    /// Which text.
    pub side: Side,
    /// The sentence, from 0, among that text's sentences.
    pub sentence: usize,
}

/// What the view painted as linked in the last frame, as byte ranges of each row's
/// texts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkedShown {
    /// Spans of sections: (row, bytes of the section's text).
    pub article: Vec<(usize, Range<usize>)>,
    /// Spans of translations: (row, bytes of the row's translation).
    pub translation: Vec<(usize, Range<usize>)>,
}

/// The linked spans of one row in a frame.
#[derive(Debug, Default)]
pub(super) struct RowLinked {
    pub(super) row: usize,
    pub(super) article: Vec<Range<usize>>,
    pub(super) translation: Vec<Range<usize>>,
}

/// The state of the linked sentences of one open article.
#[derive(Debug, Default)]
pub(super) struct LinkedSentences {
    cache: RowLinksCache,
    /// The sentence the pointer was on in the last frame.
    hovered: Option<SentencePoint>,
    /// Where the pointer was when `hovered` was last looked for: a pointer at rest
    /// leaves the lit sentences as the keyboard set them.
    pointer: Option<egui::Pos2>,
    /// The sentence cursor: always a sentence of the article.
    cursor: Option<SentencePoint>,
    /// Whether the cursor was last moved by its keys (Alt+↓/↑), where a screen
    /// reader is told its sentences; a click that places it says nothing.
    keyed: bool,
    /// Frames left to bring the cursor's sentences into view.
    pub(super) follow: u8,
    /// What was painted in the last frame.
    pub(super) shown: LinkedShown,
}

impl LinkedSentences {
    /// The sentence cursor.
    pub(super) fn cursor(&self) -> Option<SentencePoint> {
        self.cursor
    }

    /// The row's links, aligned now if they are not kept.
    fn links(
        &mut self,
        article: &Article,
        translation: Option<&dyn ColumnCells>,
        row: usize,
    ) -> Option<Arc<RowLinks>> {
        let section = article.sections.get(row)?;
        let other = translation
            .and_then(|cells| cells.linked_text(row))
            .unwrap_or("");
        Some(self.cache.get(row, &section.text, other))
    }

    /// How many rows were aligned so far.
    pub(super) fn rows_aligned(&self) -> usize {
        self.cache.computed()
    }

    /// The spans to light in this frame: the sentence pointed at, or else the
    /// cursor's, with its counterparts (one link at a time, so it is plain which
    /// sentences go together; the pointer's is left out while the view follows the
    /// cursor).
    pub(super) fn lit_spans(
        &mut self,
        article: &Article,
        translation: Option<&dyn ColumnCells>,
    ) -> Vec<RowLinked> {
        let hovered = self.hovered.filter(|_| self.follow == 0);
        let Some(point) = hovered.or(self.cursor) else {
            return Vec::new();
        };
        let Some(links) = self.links(article, translation, point.row) else {
            return Vec::new();
        };
        let linked = links.linked(point.side, point.sentence);
        vec![RowLinked {
            row: point.row,
            article: links.ranges(&linked, Side::Article),
            translation: links.ranges(&linked, Side::Translation),
        }]
    }

    /// What a screen reader says when the sentence cursor's keys move it: the
    /// cursor's article sentence, then its counterparts in the translation (`None`
    /// without a cursor, or one placed by a click). Said through a live region, so
    /// once per move.
    pub(super) fn cursor_spoken(
        &mut self,
        article: &Article,
        translation: Option<&dyn ColumnCells>,
    ) -> Option<String> {
        let point = self.cursor.filter(|_| self.keyed)?;
        let section = &article.sections.get(point.row)?.text;
        let links = self.links(article, translation, point.row)?;
        let linked = links.linked(point.side, point.sentence);
        let said = |text: &str, ranges: Vec<Range<usize>>| {
            ranges
                .into_iter()
                .filter_map(|range| text.get(range))
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let source = said(section, links.ranges(&linked, Side::Article));
        let translated = translation
            .and_then(|cells| cells.linked_text(point.row))
            .map(|text| said(text, links.ranges(&linked, Side::Translation)))
            .filter(|text| !text.is_empty());
        Some(match translated {
            Some(translated) => format!("{source}\n{translated}"),
            None => source,
        })
    }

    /// The translation sentence a pin asked for by key or menu goes to: the one pointed
    /// at, or else the first lit with the sentence cursor's sentence, as a row and a
    /// byte of its translation text.
    pub(super) fn pin_target(
        &mut self,
        article: &Article,
        translation: Option<&dyn ColumnCells>,
    ) -> Option<(usize, usize)> {
        if let Some(point) = self.hovered.filter(|point| point.side == Side::Translation) {
            let links = self.links(article, translation, point.row)?;
            let range = links.sentences(Side::Translation).get(point.sentence)?;
            return Some((point.row, range.start));
        }
        let cursor = self.cursor?;
        let links = self.links(article, translation, cursor.row)?;
        let linked = links.linked(Side::Article, cursor.sentence);
        let first = links
            .ranges(&linked, Side::Translation)
            .into_iter()
            .next()?;
        Some((cursor.row, first.start))
    }

    /// Takes note of where the pointer is (at `pointer`: a row's text and a byte
    /// offset in it), and returns whether what is lit changes. A pointer that has
    /// not moved since the last look changes nothing.
    pub(super) fn point_at(
        &mut self,
        article: &Article,
        translation: Option<&dyn ColumnCells>,
        pointer: Option<egui::Pos2>,
        pointed: Option<(usize, Side, usize)>,
    ) -> bool {
        if pointer.is_some() && pointer == self.pointer {
            return false;
        }
        self.pointer = pointer;
        let hovered = pointed.and_then(|(row, side, offset)| {
            let links = self.links(article, translation, row)?;
            Some(SentencePoint {
                row,
                side,
                sentence: links.sentence_at(side, offset)?,
            })
        });
        let changed = hovered != self.hovered;
        self.hovered = hovered;
        changed && self.follow == 0
    }

    /// Puts the sentence cursor on the article's sentence at byte `offset` of row
    /// `row` (a click on it).
    pub(super) fn place_cursor(&mut self, article: &Article, row: usize, offset: usize) {
        let Some(section) = article.sections.get(row) else {
            return;
        };
        let sentences = crate::align::sentences(&section.text);
        if let Some(sentence) = sentences
            .partition_point(|range| range.start <= offset)
            .checked_sub(1)
        {
            self.cursor = Some(SentencePoint {
                row,
                side: Side::Article,
                sentence,
            });
            self.keyed = false;
        }
    }

    /// Moves the sentence cursor `by` sentences of the article (down when positive),
    /// across rows; a cursor not placed yet starts at the first sentence of row
    /// `start_row`. Returns the cursor's row.
    pub(super) fn move_cursor(
        &mut self,
        by: isize,
        article: &Article,
        start_row: usize,
    ) -> Option<usize> {
        let count = |row: usize| {
            article
                .sections
                .get(row)
                .map_or(0, |section| crate::align::sentences(&section.text).len())
        };
        let rows = article.sections.len();
        let (mut row, mut sentence, mut steps) = match self.cursor.filter(|c| c.row < rows) {
            Some(cursor) => (cursor.row, cursor.sentence as isize, by),
            None => {
                // The first press lights the first sentence of the row being read
                // (or the last, going up).
                let row = start_row.min(rows.checked_sub(1)?);
                let first = if by < 0 { count(row) as isize - 1 } else { 0 };
                (row, first, 0)
            }
        };
        while steps != 0 || sentence < 0 || sentence >= count(row) as isize {
            if steps > 0 {
                sentence += 1;
                steps -= 1;
            } else if steps < 0 {
                sentence -= 1;
                steps += 1;
            }
            // Off the row's end: on to the next row with a sentence.
            while sentence >= count(row) as isize {
                if row + 1 >= rows {
                    sentence = count(row) as isize - 1;
                    steps = 0;
                    break;
                }
                row += 1;
                sentence = 0;
            }
            while sentence < 0 {
                if row == 0 {
                    sentence = 0;
                    steps = 0;
                    break;
                }
                row -= 1;
                sentence = count(row) as isize - 1;
            }
            if count(row) == 0 {
                // No row around has a sentence.
                return None;
            }
        }
        self.cursor = Some(SentencePoint {
            row,
            side: Side::Article,
            sentence: usize::try_from(sentence).ok()?,
        });
        self.hovered = None;
        self.follow = FOLLOW_FRAMES;
        self.keyed = true;
        Some(row)
    }

    /// The scroll offset that brings `both` (the cursor's sentence and its
    /// counterparts on screen) into `view` from `offset_pt`, or the `counterparts`
    /// alone when both do not fit (a row taller than the view, interleaved); `None`
    /// when it is in view.
    pub(super) fn offset_showing(
        both: egui::Rect,
        counterparts: Option<egui::Rect>,
        view: egui::Rect,
        offset_pt: f32,
    ) -> Option<f32> {
        let room = view.height() - 2.0 * FOLLOW_MARGIN_PT;
        let target = match counterparts {
            Some(counterparts) if both.height() > room => counterparts,
            _ => both,
        };
        if target.top() < view.top() || target.height() > room {
            let delta = target.top() - view.top() - FOLLOW_MARGIN_PT.min(view.height() / 4.0);
            (delta.abs() > 0.5).then_some(offset_pt + delta)
        } else if target.bottom() > view.bottom() {
            Some(offset_pt + target.bottom() - view.bottom() + FOLLOW_MARGIN_PT)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_steps_through_sentences_across_rows() {
        let article = crate::import::parse_article(
            "جملة أولى. جملة ثانية.\nجملة ثالثة.\n\nجملة رابعة. خامسة.\n",
        );
        let mut linked = LinkedSentences::default();
        let at = |linked: &LinkedSentences| linked.cursor().map(|c| (c.row, c.sentence));
        assert_eq!(linked.move_cursor(1, &article, 0), Some(0));
        assert_eq!(
            at(&linked),
            Some((0, 0)),
            "the first press lights the first"
        );
        linked.move_cursor(1, &article, 0);
        assert_eq!(at(&linked), Some((0, 1)));
        linked.move_cursor(1, &article, 0);
        assert_eq!(at(&linked), Some((1, 0)));
        linked.move_cursor(1, &article, 0);
        linked.move_cursor(1, &article, 0);
        assert_eq!(at(&linked), Some((2, 1)));
        linked.move_cursor(1, &article, 0);
        assert_eq!(at(&linked), Some((2, 1)), "stays on the last sentence");
        linked.move_cursor(-1, &article, 0);
        linked.move_cursor(-1, &article, 0);
        assert_eq!(at(&linked), Some((1, 0)));
        linked.move_cursor(-1, &article, 0);
        assert_eq!(
            at(&linked),
            Some((0, 1)),
            "up into the last sentence of the row above"
        );
        linked.move_cursor(-5, &article, 0);
        assert_eq!(at(&linked), Some((0, 0)));
    }

    #[test]
    fn a_sentence_below_or_above_the_view_is_brought_into_it() {
        let view = egui::Rect::from_min_max(egui::pos2(0.0, 100.0), egui::pos2(500.0, 600.0));
        let inside = egui::Rect::from_min_max(egui::pos2(0.0, 200.0), egui::pos2(500.0, 260.0));
        let show =
            |both, counterparts| LinkedSentences::offset_showing(both, counterparts, view, 1000.0);
        assert_eq!(show(inside, None), None);
        let below = inside.translate(egui::vec2(0.0, 400.0));
        let offset = show(below, None).expect("scrolls");
        assert!(
            (offset - (1000.0 + 60.0 + FOLLOW_MARGIN_PT)).abs() < 0.5,
            "{offset}"
        );
        let above = inside.translate(egui::vec2(0.0, -200.0));
        let offset = show(above, None).expect("scrolls");
        assert!(offset < 1000.0 - 100.0, "{offset}");
        // Too tall for both: the counterpart is what is kept in view.
        let tall = inside.union(below.translate(egui::vec2(0.0, 600.0)));
        let counterpart = below.translate(egui::vec2(0.0, 600.0));
        let offset = show(tall, Some(counterpart)).expect("scrolls");
        assert!(offset > 1000.0 + 600.0, "{offset}");
    }
}
