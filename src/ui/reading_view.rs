//! The reading view: an article as a column of rows, one per section, with its
//! translation beside or under each section (or alone) as the reader's
//! [`Layout`](super::columns::Layout) says, and the notes in the margin under the rows
//! that have some (see [`super::columns`]).
//!
//! Only the rows on screen (plus a margin) are laid out. The others have an estimated
//! height, replaced by the real one when they are first laid out; when a row above the
//! top of the view changes height, the scroll offset moves by the same amount, so the
//! text being read does not jump.

mod linked;
mod row;
mod selection;
mod shown_text;

pub use linked::{LinkedShown, SentencePoint};
pub use shown_text::ShownAs;

use egui::{Key, Rect, ScrollArea, Ui, vec2};

use crate::model::Article;
use crate::text::TextEngine;

use super::columns::{ARTICLE_SHARE_RANGE, Page, readable_measure_pt};
use super::text_block::{TextSelection, copy_requested};
use super::theme;
use row::{Divider, PageShape, RowMarks, RowSetting, row_geometry, show_header, show_row};

use super::typography::{ArticleLook, ColumnTypography};
use selection::ArticleSelection;
use selection::RowSeen;

/// Rows laid out beyond the visible area, above and below, in points.
const OVERSCAN_PT: f32 = 400.0;

/// The scrolling state of one open article.
#[derive(Debug, Default)]
pub struct ReadingView {
    /// Height of each row in points: measured if `measured[i]`, estimated otherwise.
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is the top of row `i` from the top of the content; one more entry
    /// than rows, the last being the content height.
    tops: Vec<f32>,
    tops_are_stale: bool,
    /// The source column width and the look (size, face, spacing) the measured
    /// heights belong to.
    source_width_pt: f32,
    look: Option<ArticleLook>,
    /// The article column's typography, and whether the article is drawn in
    /// Nastaliq, as set by [`Self::set_typography`].
    typography: ColumnTypography,
    nastaliq: bool,
    /// Scroll offset to apply on the next frame, if any.
    pending_offset: Option<f32>,
    /// A section to bring to the top once the rows' heights are known.
    pending_section: Option<usize>,
    /// The place being read when the rows were laid out anew (another width or text
    /// size): a section and how far into it, as a fraction of its height. Kept until
    /// that section has been measured at the new size, so the reader stays on it.
    anchor: Option<(usize, f32)>,
    /// Whether the view has been shown yet: a new view starts at its top (or at
    /// `pending_section`), whatever offset its scroll area had before.
    shown: bool,
    /// The first row at least partly visible in the last frame.
    first_visible: usize,
    /// Scroll offset and visible height of the last frame, in points.
    offset_pt: f32,
    viewport_height_pt: f32,
    /// What the drawn text changes: diacritics hidden, bidi controls marked.
    shown_as: ShownAs,
    /// The reader's selection, which can span sections.
    selection: Option<ArticleSelection>,
    /// Whether the reader is dragging out the selection.
    selecting: bool,
    /// The section cursor moved with ↓/↑ (j/k): the section notes and translations
    /// go to from the keyboard. Drawn beside its row.
    cursor: Option<usize>,
    /// Whether the cursor moved since the last frame, so its row is to be brought
    /// into view.
    cursor_moved: bool,
    /// Whether the reader asked (by key or menu) to pin a translation sentence to the
    /// sentence cursor's, which the next frame does (see [`Self::ask_sentence_pin`]).
    pin_asked: bool,
    /// A translation sentence being dragged to another row: its row and a byte of
    /// it in the row's translation text.
    dragging: Option<(usize, usize)>,
    /// The layout drawn in the last frame (a narrow window interleaves), and where
    /// its columns were.
    columns_shown: Option<ColumnsShown>,
    /// The sentences pointed at and under the sentence cursor, lit with their
    /// counterparts.
    linked: linked::LinkedSentences,
}

/// Where the columns of the reading view were in a frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColumnsShown {
    /// The layout drawn: the reader's, or Interleaved in a window too narrow for two
    /// columns.
    pub layout: super::columns::Layout,
    /// The article's column on screen (its x range; its y range is the view's), if
    /// drawn.
    pub article: Option<Rect>,
    /// The translation's, if drawn.
    pub translation: Option<Rect>,
}

/// The highlighted spans of a section, by its index, with their colours.
pub type Highlights<'a> = &'a dyn Fn(usize) -> Vec<(std::ops::Range<usize>, egui::Color32)>;

/// Text the reader has selected in the view.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectionInView {
    /// The section's index.
    pub section: usize,
    /// The selected bytes of its text.
    pub range: std::ops::Range<usize>,
    /// Where the selection is on screen.
    pub rect: Rect,
}

/// What the reading view reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadingOutput {
    /// The reader's selection, if there is one on screen.
    pub selection: Option<SelectionInView>,
    /// A word the reader asked to gloss (Alt+click, or G over it).
    pub gloss_word: Option<SelectionInView>,
    /// The article's share of the width, where the reader dragged the divider to.
    pub article_share: Option<f32>,
    /// The word under the pointer, if any: its section and bytes.
    pub pointer_word: Option<(usize, std::ops::Range<usize>)>,
    /// A translation sentence the reader pinned to the sentence cursor's article
    /// sentence (Alt+click on it).
    pub pin_sentence: Option<SentencePinAsked>,
}

/// "This translation sentence goes with that article sentence", as the reader
/// pointed at them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentencePinAsked {
    /// The article's section of the sentence cursor.
    pub section: usize,
    /// The cursor's sentence, from 0, among the section's sentences.
    pub sentence: usize,
    /// The row of the translation sentence.
    pub row: usize,
    /// A byte of the translation sentence in that row's translation text.
    pub offset: usize,
}

impl ReadingView {
    /// The first section at least partly on screen in the last frame.
    pub fn first_visible_section(&self) -> usize {
        self.first_visible
    }

    /// Where the reader is: the first section on screen in the last frame and how
    /// far into it the view starts, in points.
    pub fn position(&self) -> (usize, f32) {
        let top = self.tops.get(self.first_visible).copied().unwrap_or(0.0);
        (self.first_visible, (self.offset_pt - top).max(0.0))
    }

    /// Where the reader is, as it is remembered: the first section on screen in the
    /// last frame and how far into it the view starts, as a fraction of its height.
    pub fn place(&self) -> (usize, f32) {
        // A place still being brought back (the article not shown yet, its section
        // not measured yet) is the place.
        if let Some(anchor) = self.anchor {
            return anchor;
        }
        let (section, into_pt) = self.position();
        let height = self.heights.get(section).copied().unwrap_or(0.0);
        let fraction = if height > 0.0 {
            (into_pt / height).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (section, fraction)
    }

    /// The sections at least partly on screen in the last frame (empty before the
    /// view was first shown).
    pub fn visible_sections(&self) -> std::ops::Range<usize> {
        let rows = self.tops.len().saturating_sub(1);
        if rows == 0 {
            return 0..0;
        }
        let bottom = self.offset_pt + self.viewport_height_pt;
        let end = self.tops[..rows].partition_point(|&top| top < bottom);
        let start = self.first_visible.min(rows - 1);
        start..end.max(start + 1)
    }

    /// The sections the reader's selection touches, if something is selected.
    pub fn selected_sections(&self) -> Option<std::ops::RangeInclusive<usize>> {
        let selection = self.selection.filter(|selection| !selection.is_empty())?;
        let (a, b) = (selection.anchor.section, selection.cursor.section);
        Some(a.min(b)..=a.max(b))
    }

    /// Marks explicit bidi controls where they are in the text (or stops marking them).
    pub fn set_show_bidi_controls(&mut self, show: bool) {
        self.shown_as.show_bidi_controls = show;
    }

    /// Sets the article column's face, spacing and margins, and whether the article
    /// is Urdu to be drawn in Nastaliq. Rows are laid out anew when they change.
    pub fn set_typography(&mut self, typography: ColumnTypography, nastaliq: bool) {
        self.typography = typography;
        self.nastaliq = nastaliq;
    }

    /// Hides Arabic and Hebrew diacritics in the drawn text (or shows them again); the
    /// text, its selection and highlights keep their own offsets.
    pub fn set_hide_diacritics(&mut self, hide: bool) {
        self.shown_as.hide_diacritics = hide;
    }

    /// The layout drawn in the last frame and where its columns were; `None` before
    /// the view was shown.
    pub fn columns_shown(&self) -> Option<ColumnsShown> {
        self.columns_shown
    }

    /// The section under the cursor, if the reader has moved it.
    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// Moves the section cursor `by` sections (down when positive), within the
    /// article's `sections`. A cursor not yet placed, or scrolled out of view, starts
    /// from the first section on screen; the view follows the cursor.
    pub fn move_cursor(&mut self, by: isize, sections: usize) {
        if sections == 0 {
            return;
        }
        let last_on_screen = self.last_visible_section();
        let on_screen = self
            .cursor
            .filter(|&cursor| cursor >= self.first_visible && cursor <= last_on_screen);
        let next = match on_screen {
            Some(cursor) => cursor.saturating_add_signed(by),
            None => self.first_visible,
        };
        self.cursor = Some(next.min(sections - 1));
        self.cursor_moved = true;
    }

    /// Asks for the translation sentence pointed at (or else the one lit with the
    /// sentence cursor) to be pinned to the sentence cursor's: the next frame, which
    /// knows the rows' sentences, reports it in [`ReadingOutput::pin_sentence`].
    pub fn ask_sentence_pin(&mut self) {
        self.pin_asked = true;
    }

    /// Moves the sentence cursor `by` sentences of `article` (down when positive),
    /// lighting each with its counterparts in the translation; the section cursor
    /// follows to the sentence's row and the view to both texts' sentences. A cursor
    /// not placed yet starts at the section cursor's row (or the first on screen).
    pub fn move_sentence_cursor(&mut self, by: isize, article: &Article) {
        let start = self
            .cursor
            .filter(|&cursor| cursor >= self.first_visible && cursor <= self.last_visible_section())
            .unwrap_or(self.first_visible);
        if let Some(row) = self.linked.move_cursor(by, article, start) {
            // A new row is brought into view first; within it, the view follows the
            // sentences (see `linked`).
            self.cursor_moved |= self.cursor != Some(row);
            self.cursor = Some(row);
        }
    }

    /// The sentence under the sentence cursor, if the reader has moved it.
    pub fn sentence_cursor(&self) -> Option<SentencePoint> {
        self.linked.cursor()
    }

    /// What was lit as linked sentences in the last frame.
    pub fn linked_shown(&self) -> &LinkedShown {
        &self.linked.shown
    }

    /// How many rows' sentences have been aligned with their translation's so far
    /// (each once, until its text changes).
    pub fn rows_aligned(&self) -> usize {
        self.linked.rows_aligned()
    }

    /// The last section at least partly on screen in the last frame.
    fn last_visible_section(&self) -> usize {
        let bottom = self.offset_pt + self.viewport_height_pt;
        self.tops
            .partition_point(|&top| top < bottom)
            .saturating_sub(1)
            .max(self.first_visible)
    }

    /// The selection, when it lies within one section: the section and its bytes.
    pub fn selection_in_one_section(&self) -> Option<(usize, std::ops::Range<usize>)> {
        self.selection
            .filter(|selection| !selection.is_empty())
            .and_then(|selection| selection.within_one_section())
    }

    /// Scrolls so that `section` is at the top on the next frame.
    pub fn scroll_to_section(&mut self, section: usize) {
        self.pending_section = Some(section);
        self.first_visible = section;
    }

    /// Brings `section` to the top with `fraction` of its height scrolled past (a
    /// place from [`Self::place`]), held there until the section has been measured, so
    /// a stale estimate of the rows' heights does not move the reader.
    pub fn scroll_to_place(&mut self, section: usize, fraction: f32) {
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.pending_section = None;
        self.anchor = Some((section, fraction));
        self.first_visible = section;
    }

    /// Shows `article`, taking all the space of `ui`, with `highlights` under the
    /// source text and the translation and notes of `page` as its layout says.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        body_size_pt: f32,
        highlights: Highlights<'_>,
        page: &mut Page<'_>,
    ) -> ReadingOutput {
        let width = ui.available_width();
        let shape = PageShape {
            page: page.layout,
            has_translation: page.translation.is_some(),
            article_rtl: article
                .sections
                .first()
                .is_none_or(|section| section.direction.is_rtl()),
            article_revealed: ui.input(|input| input.modifiers.alt),
            measures_pt: (
                readable_measure_pt(body_size_pt),
                page.translation_measure_pt,
            ),
        };
        let geometry = row_geometry(width, &shape);
        let source_width = geometry.text_width();
        let look = ArticleLook {
            column: self.typography,
            body_size_pt,
            nastaliq: self.nastaliq,
        };
        let source_width = source_width - 2.0 * look.column.margin_in(source_width);
        self.prepare(ui, article, source_width, look);
        show_header(
            ui,
            &geometry,
            page.translation.as_deref_mut(),
            page.notes.as_deref(),
        );
        let mut output = ReadingOutput::default();
        if !std::mem::replace(&mut self.shown, true)
            && self.pending_section.is_none()
            && self.anchor.is_none()
        {
            self.pending_offset = Some(0.0);
        }
        if let Some(section) = self.pending_section.take() {
            self.ensure_tops();
            self.pending_offset = self.tops.get(section).copied();
        }
        if let Some((section, fraction)) = self.anchor {
            self.ensure_tops();
            let top = self.tops.get(section).copied().unwrap_or(0.0);
            let height = self.heights.get(section).copied().unwrap_or(0.0);
            self.pending_offset = Some(top + fraction * height);
            if self.measured.get(section).is_none_or(|measured| *measured) {
                self.anchor = None;
            } else {
                ui.ctx().request_repaint();
            }
        }

        if std::mem::take(&mut self.cursor_moved)
            && let Some(offset) = self.cursor.and_then(|cursor| self.offset_showing(cursor))
        {
            self.pending_offset = Some(offset);
        }
        if let Some(step) = keyboard_scroll(ui, self.viewport_height_pt) {
            self.pending_offset = Some((self.offset_pt + step).clamp(-1.0e9, 1.0e9));
        }
        let mut scroll_area = ScrollArea::vertical().auto_shrink(false);
        if let Some(offset) = self.pending_offset.take() {
            // Past the end the scroll area would spring back, animating for a while.
            self.ensure_tops();
            let content_height = self.tops.last().copied().unwrap_or(0.0) + theme::ROW_GAP_PT;
            let max_offset = (content_height - self.viewport_height_pt).max(0.0);
            scroll_area = scroll_area.vertical_scroll_offset(offset.clamp(0.0, max_offset));
        }
        let selection_id = ui.scope_id().with("hamish-reading-selection");
        if self.selection.is_some() && TextSelection::owner(ui.ctx()) != Some(selection_id) {
            // Another text took the selection, or it was cleared (after a highlight).
            self.selection = None;
        }
        let lit = self.linked.lit_spans(article, page.translation.as_deref());
        if let Some(spoken) = self
            .linked
            .cursor_spoken(article, page.translation.as_deref())
        {
            // The sentence cursor's sentence and its counterpart, for a screen reader.
            super::access::announce(ui, "hamish-sentence-cursor", &spoken);
        }
        let translation_drawn = geometry.translation.is_some() && page.translation.is_some();
        let mut shown_linked = LinkedShown::default();
        // Where the cursor's sentence and its counterparts were drawn: both, and the
        // counterparts alone (kept in view when both do not fit).
        let mut cursor_rect: Option<(Rect, Option<Rect>)> = None;
        let cursor_row = self.linked.cursor().map(|cursor| cursor.row);
        let mut seen: Vec<RowSeen> = Vec::new();
        let mut correction = 0.0;
        // Rows after one whose height changed move down by this much in this frame.
        let mut shift = 0.0;
        let scrolled = scroll_area.show_viewport(ui, |ui, viewport| {
            self.ensure_tops();
            // Rows start a gap below the top of the content; work in row coordinates.
            let content_top_left = ui.max_rect().min + vec2(0.0, theme::ROW_GAP_PT);
            let viewport = viewport.translate(vec2(0.0, -theme::ROW_GAP_PT));
            ui.set_height(self.tops.last().copied().unwrap_or(0.0) + theme::ROW_GAP_PT);

            let first = self
                .tops
                .partition_point(|&top| top <= viewport.min.y - OVERSCAN_PT)
                .saturating_sub(1);
            let mut index = first;
            // The gap below a row is not reading it: a row scrolled to the top (its
            // top at the offset) is the first visible one, not the row above it.
            self.first_visible = self
                .tops
                .partition_point(|&top| top <= viewport.min.y + theme::ROW_GAP_PT)
                .saturating_sub(1);
            while index < article.sections.len() && self.tops[index] < viewport.max.y + OVERSCAN_PT
            {
                let row_top = content_top_left + vec2(0.0, self.tops[index] + shift);
                let setting = RowSetting {
                    geometry: &geometry,
                    look,
                    shown_as: self.shown_as,
                    under_cursor: self.cursor == Some(index),
                };
                let section = &article.sections[index];
                let row_lit = lit.iter().find(|row| row.row == index);
                let (linked_article, linked_translation) = row_lit
                    .map_or((&[][..], &[][..]), |row| {
                        (row.article.as_slice(), row.translation.as_slice())
                    });
                if let Some(cells) = page.translation.as_deref_mut() {
                    cells.mark_linked(index, linked_translation);
                }
                let selected = self
                    .selection
                    .and_then(|selection| selection.part_in(index, section.text.len()));
                let row = show_row(
                    ui,
                    index,
                    section,
                    row_top,
                    &setting,
                    RowMarks {
                        highlights,
                        selected,
                        linked: linked_article,
                        word_glosses: page.word_glosses,
                    },
                    page,
                );
                if geometry.source.is_some() {
                    shown_linked
                        .article
                        .extend(linked_article.iter().map(|range| (index, range.clone())));
                }
                if translation_drawn {
                    shown_linked.translation.extend(
                        linked_translation
                            .iter()
                            .map(|range| (index, range.clone())),
                    );
                }
                if cursor_row == Some(index) {
                    let translated = page
                        .translation
                        .as_deref()
                        .and_then(|cells| cells.linked_in_cells().marked_rect)
                        .filter(|_| translation_drawn && !linked_translation.is_empty());
                    cursor_rect = [row.linked_rect, translated]
                        .into_iter()
                        .flatten()
                        .reduce(|a, b| a.union(b))
                        .map(|both| (both, translated));
                }
                let height = row.height;
                seen.push(RowSeen {
                    index,
                    text_len: section.text.len(),
                    y_range: egui::Rangef::new(row_top.y, row_top.y + height),
                    response: row.response,
                    pointer_offset: row.pointer_offset,
                    pointer_word: row.pointer_word,
                    pointer_word_rect: row.pointer_word_rect,
                    selection_rect: row.selection_rect,
                });
                let delta = height - self.heights[index];
                if delta.abs() > 0.5 || !self.measured[index] {
                    // Every row above the one being read moves it: also the row just
                    // above, whose gap alone is on screen (its estimate was stale).
                    if index < self.first_visible {
                        correction += delta;
                    }
                    shift += delta;
                    self.heights[index] = height;
                    self.measured[index] = true;
                    self.tops_are_stale = true;
                }
                index += 1;
            }
        });
        let on_screen = |rect: Rect| {
            Rect::from_x_y_ranges(
                (rect.left() + scrolled.inner_rect.left())
                    ..=(rect.right() + scrolled.inner_rect.left()),
                scrolled.inner_rect.y_range(),
            )
        };
        self.columns_shown = Some(ColumnsShown {
            layout: geometry.layout,
            article: geometry.source.map(on_screen),
            translation: geometry.translation.map(on_screen),
        });
        if let Some(divider) = geometry.divider {
            output.article_share = drag_divider(ui, divider, scrolled.inner_rect);
        }
        output.pin_sentence = self.link_pointed(ui, article, page, &seen);
        self.linked.shown = shown_linked;
        let mut followed = false;
        if self.linked.follow > 0 {
            self.linked.follow -= 1;
            let offset = scrolled.state.clamped_offset().y;
            match cursor_rect.and_then(|(both, counterparts)| {
                linked::LinkedSentences::offset_showing(
                    both,
                    counterparts,
                    scrolled.inner_rect,
                    offset,
                )
            }) {
                Some(offset) => {
                    self.pending_offset = Some(offset);
                    followed = true;
                    ui.ctx().request_repaint();
                }
                // In view (or its row not drawn yet, when the row cursor brings it).
                None if cursor_rect.is_some() => self.linked.follow = 0,
                None => ui.ctx().request_repaint(),
            }
        }
        self.select(ui, &seen, selection_id);
        output.gloss_word = gloss_request(ui, &seen);
        output.pointer_word = seen.iter().find_map(|row| {
            let word = row.pointer_word.clone().filter(|word| !word.is_empty())?;
            row.response.hovered().then_some((row.index, word))
        });
        if let Some(selection) = self.selection.filter(|selection| !selection.is_empty()) {
            let nothing_focused = !super::access::typing(ui.ctx());
            if nothing_focused && copy_requested(ui) {
                ui.ctx().copy_text(selection.text(article));
            }
            if let Some((section, range)) = selection.within_one_section()
                && let Some(rect) = seen
                    .iter()
                    .find(|row| row.index == section)
                    .and_then(|row| row.selection_rect)
            {
                output.selection = Some(SelectionInView {
                    section,
                    range,
                    rect,
                });
            }
        }
        self.offset_pt = scrolled.state.clamped_offset().y;
        self.viewport_height_pt = scrolled.inner_rect.height();
        // The offset that follows the sentence cursor was measured on this frame's
        // rows, which the rows' new heights already moved: no correction on top.
        if correction != 0.0 && !followed {
            self.pending_offset = Some(self.offset_pt + correction);
            ui.ctx().request_repaint();
        }
        if self.tops_are_stale {
            ui.ctx().request_repaint();
        }
        output
    }

    /// Lights the sentence under the pointer, in the article or the translation, and
    /// puts the sentence cursor on an article sentence clicked; an Alt+click on a
    /// translation sentence with the cursor placed pins it to the cursor's sentence.
    fn link_pointed(
        &mut self,
        ui: &Ui,
        article: &Article,
        page: &Page<'_>,
        seen: &[RowSeen],
    ) -> Option<SentencePinAsked> {
        let translation = page.translation.as_deref();
        let in_article = seen.iter().find_map(|row| {
            let offset = row.pointer_offset.filter(|_| row.response.hovered())?;
            Some((
                row.index,
                crate::align::Side::Article,
                offset,
                row.response.clicked(),
            ))
        });
        let in_translation = || {
            let (row, offset) = translation?.linked_in_cells().pointed?;
            // Alt, as on the article's words (a gloss): a plain click edits the cell.
            let alt_clicked =
                ui.input(|input| input.modifiers.alt && input.pointer.primary_clicked());
            Some((row, crate::align::Side::Translation, offset, alt_clicked))
        };
        let pointed = in_article.or_else(in_translation);
        let mut pin = None;
        match pointed {
            Some((row, crate::align::Side::Article, offset, true)) => {
                self.linked.place_cursor(article, row, offset);
            }
            Some((row, crate::align::Side::Translation, offset, true)) => {
                pin = self
                    .linked
                    .cursor()
                    .filter(|cursor| cursor.side == crate::align::Side::Article)
                    .map(|cursor| SentencePinAsked {
                        section: cursor.row,
                        sentence: cursor.sentence,
                        row,
                        offset,
                    });
            }
            _ => {}
        }
        if let Some(dropped) = self.drag_sentence(ui, article, translation, seen) {
            pin = Some(dropped);
        }
        if std::mem::take(&mut self.pin_asked) {
            let cursor = self
                .linked
                .cursor()
                .filter(|cursor| cursor.side == crate::align::Side::Article);
            pin = cursor.and_then(|cursor| {
                let (row, offset) = self.linked.pin_target(article, translation)?;
                Some(SentencePinAsked {
                    section: cursor.row,
                    sentence: cursor.sentence,
                    row,
                    offset,
                })
            });
        }
        let pointed = pointed.map(|(row, side, offset, _)| (row, side, offset));
        let pointer = ui.input(|input| input.pointer.hover_pos());
        if self.linked.point_at(article, translation, pointer, pointed) {
            ui.ctx().request_repaint();
        }
        pin
    }

    /// Follows a translation sentence being dragged: shows where it would go (the row
    /// under the pointer, and the article sentence when the pointer is on one) and,
    /// when it is let go there, asks for the pin that puts it there.
    fn drag_sentence(
        &mut self,
        ui: &Ui,
        article: &Article,
        translation: Option<&dyn crate::ui::ColumnCells>,
        seen: &[RowSeen],
    ) -> Option<SentencePinAsked> {
        if let Some(started) = translation.and_then(|cells| cells.linked_in_cells().drag_started) {
            self.dragging = Some(started);
        }
        let (row, offset) = self.dragging?;
        let (down, pointer) =
            ui.input(|input| (input.pointer.primary_down(), input.pointer.interact_pos()));
        let target = pointer.and_then(|pointer| drop_target(article, seen, pointer, row));
        if !down {
            self.dragging = None;
            let (section, sentence, _) = target?;
            return Some(SentencePinAsked {
                section,
                sentence,
                row,
                offset,
            });
        }
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
        if let Some((section, sentence, band)) = target {
            let band = Rect::from_x_y_ranges(ui.clip_rect().x_range(), band);
            let painter = ui.painter().clone().with_layer_id(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("hamish-sentence-drop"),
            ));
            let selection = ui.visuals().selection;
            painter.rect(
                band.shrink(1.0),
                4.0,
                selection.bg_fill.gamma_multiply(0.25),
                selection.stroke,
                egui::StrokeKind::Inside,
            );
            let words = format!(
                "Drop: goes with sentence {} of section {}",
                sentence + 1,
                section + 1
            );
            // Beside the pointer, on a chip of its own: over the rows' text, it must
            // not mingle with it.
            let galley = painter.layout_no_wrap(
                words,
                egui::FontId::proportional(13.0),
                ui.visuals().strong_text_color(),
            );
            let at = pointer.unwrap_or(band.left_top()) + vec2(16.0, 16.0);
            let chip = Rect::from_min_size(at, galley.size()).expand(4.0);
            painter.rect(
                chip,
                4.0,
                ui.visuals().extreme_bg_color,
                selection.stroke,
                egui::StrokeKind::Outside,
            );
            painter.galley(at, galley, ui.visuals().strong_text_color());
        }
        None
    }

    /// Estimates the heights of rows not measured yet; forgets measurements when the
    /// width or the article changed.
    fn prepare(&mut self, ui: &Ui, article: &Article, source_width: f32, look: ArticleLook) {
        let resized = (source_width - self.source_width_pt).abs() > 0.5 || Some(look) != self.look;
        let same_article = self.heights.len() == article.sections.len();
        if same_article && resized && self.anchor.is_none() {
            self.ensure_tops();
            let section = self.first_visible.min(self.heights.len().saturating_sub(1));
            let top = self.tops.get(section).copied().unwrap_or(0.0);
            let height = self.heights.get(section).copied().unwrap_or(0.0).max(1.0);
            let into = (self.offset_pt - top).clamp(0.0, height);
            self.anchor = Some((section, into / height));
        }
        if !same_article || resized {
            let engine = TextEngine::shared(ui.ctx());
            let engine = TextEngine::lock(&engine);
            self.heights = article
                .sections
                .iter()
                .map(|section| {
                    engine.estimate_height(
                        &section.text,
                        &look.section_style(section),
                        source_width,
                    ) + theme::ROW_GAP_PT
                })
                .collect();
            self.measured = vec![false; article.sections.len()];
            self.source_width_pt = source_width;
            self.look = Some(look);
            self.tops_are_stale = true;
        }
    }

    /// The scroll offset that brings row `section` into view with the least
    /// movement, or `None` when it is in view already. A row taller than the view
    /// shows its top.
    fn offset_showing(&mut self, section: usize) -> Option<f32> {
        self.ensure_tops();
        let top = *self.tops.get(section)?;
        let bottom = *self.tops.get(section + 1)?;
        let view_bottom = self.offset_pt + self.viewport_height_pt;
        if top < self.offset_pt || bottom - top > self.viewport_height_pt {
            (top != self.offset_pt).then_some(top)
        } else if bottom > view_bottom {
            Some(bottom - self.viewport_height_pt)
        } else {
            None
        }
    }

    fn ensure_tops(&mut self) {
        if !self.tops_are_stale && self.tops.len() == self.heights.len() + 1 {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut top = 0.0;
        self.tops.push(top);
        for height in &self.heights {
            top += height;
            self.tops.push(top);
        }
        self.tops_are_stale = false;
    }
}

/// The scroll step asked for with the keyboard, in points: Page Up/Down and Space by
/// most of a screen, Home and End to the ends. (↓ and ↑ move the section cursor, and
/// the view follows it: see [`crate::ui::shortcuts`].) Keys go to a focused widget
/// (a text field) rather than to the view.
fn keyboard_scroll(ui: &Ui, viewport_height: f32) -> Option<f32> {
    if super::access::typing(ui.ctx()) {
        return None;
    }
    let page = (viewport_height * 0.9).max(40.0);
    ui.input(|input| {
        let shift = input.modifiers.shift;
        [
            (Key::PageDown, page),
            (Key::PageUp, -page),
            (Key::Space, if shift { -page } else { page }),
            (Key::Home, f32::NEG_INFINITY),
            (Key::End, f32::INFINITY),
        ]
        .into_iter()
        .find(|(key, _)| input.key_pressed(*key))
        .map(|(_, step)| step.clamp(-1.0e9, 1.0e9))
    })
}

/// The divider between the article and its translation side by side, in the gap
/// between them over the whole `view`: dragged, it returns the article's new share of
/// the width.
fn drag_divider(ui: &Ui, divider: Divider, view: Rect) -> Option<f32> {
    let x = view.left() + divider.x;
    let rect = Rect::from_x_y_ranges(
        (x - theme::COLUMN_GAP_PT / 3.0)..=(x + theme::COLUMN_GAP_PT / 3.0),
        view.y_range(),
    );
    let response = ui
        .interact(
            rect,
            ui.scope_id().with("hamish-divider"),
            egui::Sense::drag(),
        )
        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::accesskit::Role::Splitter,
            true,
            "Divider between the article and the translation",
        )
    });
    if response.hovered() || response.dragged() {
        let stroke = ui.visuals().widgets.hovered.fg_stroke;
        ui.painter()
            .vline(x, view.y_range(), egui::Stroke::new(1.0, stroke.color));
    }
    if !response.dragged() || divider.shared <= 1.0 {
        return None;
    }
    let pointer_x = response.interact_pointer_pos()?.x - view.left();
    let first = pointer_x - divider.left - theme::COLUMN_GAP_PT / 2.0;
    let article = if divider.article_on_right {
        divider.shared - first
    } else {
        first
    };
    Some((article / divider.shared).clamp(*ARTICLE_SHARE_RANGE.start(), *ARTICLE_SHARE_RANGE.end()))
}

/// The word the reader asks to gloss this frame: Alt+click on it, or G with the
/// pointer over it (not while typing).
fn gloss_request(ui: &Ui, seen: &[RowSeen]) -> Option<SelectionInView> {
    let key = !super::access::typing(ui.ctx())
        && ui.input(|input| input.key_pressed(Key::G) && input.modifiers.is_none());
    let alt_click = ui.input(|input| input.modifiers.alt);
    seen.iter().find_map(|row| {
        let asked = (alt_click && row.response.clicked()) || (key && row.response.hovered());
        let word = row.pointer_word.clone().filter(|word| !word.is_empty())?;
        let at = ui.input(|input| input.pointer.interact_pos())?;
        // The word's own box, so the card can stand clear of its line.
        let rect = row
            .pointer_word_rect
            .unwrap_or_else(|| Rect::from_min_size(at, egui::Vec2::ZERO));
        asked.then_some(SelectionInView {
            section: row.index,
            range: word,
            rect,
        })
    })
}

/// Where a translation sentence dragged from row `from` and let go at `pointer` goes:
/// the section and sentence it would be pinned to, and the rows' band on screen. On
/// an article sentence, that sentence; elsewhere on a row below, its section's first
/// sentence (the dragged one opens the row), on a row above its last (the dragged one
/// closes it); on its own row, nowhere.
fn drop_target(
    article: &Article,
    seen: &[RowSeen],
    pointer: egui::Pos2,
    from: usize,
) -> Option<(usize, usize, egui::Rangef)> {
    let row = seen.iter().find(|row| row.y_range.contains(pointer.y))?;
    let sentences = crate::align::sentences(&article.sections.get(row.index)?.text);
    let on_sentence = row
        .pointer_offset
        .filter(|_| row.response.rect.contains(pointer))
        .and_then(|offset| {
            sentences
                .partition_point(|range| range.start <= offset)
                .checked_sub(1)
        });
    let sentence = match on_sentence {
        Some(sentence) => sentence,
        None if row.index > from => 0,
        None if row.index < from => sentences.len().checked_sub(1)?,
        None => return None,
    };
    Some((row.index, sentence, row.y_range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_being_brought_back_is_remembered_as_it_is() {
        // Closed before the article was shown: the place is not lost to an offset of
        // a view never drawn.
        let mut view = ReadingView::default();
        view.scroll_to_place(7, 0.4);
        assert_eq!(view.place(), (7, 0.4));
        view.scroll_to_place(3, f32::NAN);
        assert_eq!(view.place(), (3, 0.0));
    }
}
