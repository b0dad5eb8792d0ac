//! One row of the reading view: where its columns go in each layout, the source text
//! with its highlights and margin marks, the translation beside or under it, the notes
//! in the margin under the text, and the row's actions while it is pointed at or under
//! the section cursor.

use egui::{Align, Layout as EguiLayout, Rect, Ui, UiBuilder, pos2, vec2};

use crate::model::{Section, SectionKind};
use crate::text::TextStyle;
use crate::ui::columns::{ColumnCells, Layout, PageLayout};
use crate::ui::text_block::TextBlock;
use crate::ui::theme;
use crate::ui::typography::ArticleLook;

use super::Highlights;
use super::shown_text::{ShownAs, ShownText};

/// Room kept free on the right for the scroll bar, which floats over the content.
const SCROLL_BAR_GUTTER_PT: f32 = 16.0;

/// Below this width, in points, two columns are too narrow to be read side by side:
/// the page is interleaved instead (each column would be under ~270 points, some 30
/// words of Latin a line). A 700-point window is still side by side, a 600-point one
/// interleaved.
pub(super) const INTERLEAVE_BELOW_WIDTH_PT: f32 = 560.0;

/// Room kept free on the start side of the text for the gutter's marks (the section
/// cursor, the notes marker), in points.
const GUTTER_PT: f32 = 14.0;

/// The parts of a row, measured for the current width.
pub(super) struct RowGeometry {
    /// The article's text; `None` when it is not drawn (the translation alone).
    pub(super) source: Option<Rect>,
    /// The translation's cells, when the translation is shown.
    pub(super) translation: Option<Rect>,
    /// The layout drawn: the one chosen, or Interleaved in a narrow window.
    pub(super) layout: Layout,
    /// Side by side: the middle of the gap between the two texts, and the width the
    /// two share (without the gap), for dragging the divider.
    pub(super) divider: Option<Divider>,
}

/// The divider between the article and its translation side by side.
#[derive(Clone, Copy, Debug)]
pub(super) struct Divider {
    /// Its x, in row coordinates.
    pub(super) x: f32,
    /// The left edge of the two columns and the width they share, in points.
    pub(super) left: f32,
    pub(super) shared: f32,
    /// Whether the article is the right-hand column.
    pub(super) article_on_right: bool,
}

impl RowGeometry {
    /// The width the article's text is laid out at (the translation's when the article
    /// is not drawn), for the rows' estimated heights.
    pub(super) fn text_width(&self) -> f32 {
        self.source
            .or(self.translation)
            .map_or(1.0, |rect| rect.width())
    }

    /// Every column's rectangle, for the header.
    fn columns(&self) -> impl Iterator<Item = Rect> + '_ {
        self.source.into_iter().chain(self.translation)
    }
}

/// What decides the columns' rectangles, besides the width.
#[derive(Clone, Copy, Debug)]
pub(super) struct PageShape {
    /// The reader's layout, divider and side.
    pub(super) page: PageLayout,
    /// Whether the translation is there to be shown (there is a translation column).
    pub(super) has_translation: bool,
    /// Whether the article reads right to left (its first section does).
    pub(super) article_rtl: bool,
    /// Whether the reader holds Alt to see the article beside the translation alone.
    pub(super) article_revealed: bool,
    /// The longest comfortable line of the article and of the translation, in points.
    pub(super) measures_pt: (f32, f32),
}

/// The columns' rectangles for a row at the origin, `width` wide, in the layout of
/// `shape`. Side by side the two texts share the width at the divider, within their
/// readable measure, centred; in one column the text is centred within its measure.
pub(super) fn row_geometry(width: f32, shape: &PageShape) -> RowGeometry {
    let width = (width - SCROLL_BAR_GUTTER_PT - 2.0 * GUTTER_PT).max(1.0);
    let rect = |x: f32, w: f32| Rect::from_min_size(pos2(x, 0.0), vec2(w.max(1.0), 0.0));
    let mut layout = if shape.has_translation {
        shape.page.layout
    } else {
        Layout::ArticleOnly
    };
    if layout == Layout::TranslationOnly && shape.article_revealed {
        layout = Layout::Interleaved;
    }
    if layout == Layout::SideBySide && width < INTERLEAVE_BELOW_WIDTH_PT {
        layout = Layout::Interleaved;
    }
    let (article_measure, translation_measure) = shape.measures_pt;
    let single = |measure: f32| {
        let w = width.min(measure);
        rect(GUTTER_PT + (width - w) / 2.0, w)
    };
    match layout {
        Layout::SideBySide => {
            let block = width.min(article_measure + translation_measure + theme::COLUMN_GAP_PT);
            let left = GUTTER_PT + (width - block) / 2.0;
            let shared = block - theme::COLUMN_GAP_PT;
            let article_w = shared * shape.page.share();
            let translation_w = shared - article_w;
            // The translation comes after the article in its reading direction
            // (left of Arabic), unless the reader put it before.
            let article_on_right = shape.article_rtl != shape.page.translation_before;
            let (source, translation, first_w) = if article_on_right {
                let translation = rect(left, translation_w);
                let source = rect(left + translation_w + theme::COLUMN_GAP_PT, article_w);
                (source, translation, translation_w)
            } else {
                let source = rect(left, article_w);
                let translation = rect(left + article_w + theme::COLUMN_GAP_PT, translation_w);
                (source, translation, article_w)
            };
            RowGeometry {
                source: Some(source),
                translation: Some(translation),
                layout,
                divider: Some(Divider {
                    x: left + first_w + theme::COLUMN_GAP_PT / 2.0,
                    left,
                    shared,
                    article_on_right,
                }),
            }
        }
        Layout::Interleaved => {
            let column = single(article_measure.max(translation_measure));
            RowGeometry {
                source: Some(column),
                translation: Some(column),
                layout,
                divider: None,
            }
        }
        Layout::ArticleOnly => RowGeometry {
            source: Some(single(article_measure)),
            translation: None,
            layout,
            divider: None,
        },
        Layout::TranslationOnly => RowGeometry {
            source: None,
            translation: Some(single(translation_measure)),
            layout,
            divider: None,
        },
    }
}

/// Column titles above the rows, each column's header at its column; interleaved,
/// the article's title and the translation's header share the one column. Takes the
/// height its tallest header needs, so a long warning never runs into the rows.
pub(super) fn show_header(
    ui: &mut Ui,
    geometry: &RowGeometry,
    translation: Option<&mut (dyn ColumnCells + '_)>,
    notes: Option<&(dyn ColumnCells + '_)>,
) {
    // The notes have no column: how many there are (and how many lost their place)
    // is said under the article's title, or the translation's when it is alone.
    let notes_status = notes.map(|notes| notes.status()).unwrap_or_default();
    let notes_line = |ui: &mut Ui| {
        if !notes_status.is_empty() {
            ui.label(egui::RichText::new(notes_status.as_str()).small().weak());
        }
    };
    let top_left = ui.cursor().min;
    let mut cells: Vec<Rect> = geometry.columns().collect();
    if geometry.layout == Layout::Interleaved
        && let Some(column) = cells.first().copied()
    {
        // One column: the article's title on its start side, the translation's
        // header in the rest.
        let title_w = (column.width() * 0.3).min(120.0);
        cells = vec![
            Rect::from_min_size(column.min, vec2(title_w, 0.0)),
            Rect::from_min_max(pos2(column.min.x + title_w, 0.0), pos2(column.max.x, 0.0)),
        ];
    }
    let mut height: f32 = 24.0;
    let mut child_at = |ui: &mut Ui, cell: Rect, draw: &mut dyn FnMut(&mut Ui)| {
        let cell = cell.translate(top_left.to_vec2());
        let mut child = ui.new_child(
            UiBuilder::new()
                .max_rect(Rect::from_min_size(
                    cell.min,
                    vec2(cell.width(), f32::INFINITY),
                ))
                .layout(EguiLayout::top_down(Align::Min)),
        );
        draw(&mut child);
        height = height.max(child.min_rect().height());
    };
    // Interleaved the article's title has a narrow cell; the translation's is wider.
    let notes_with_translation = geometry.layout == Layout::Interleaved
        || geometry.source.is_none()
        || translation.is_none();
    let notes_with_translation = notes_with_translation && translation.is_some();
    let mut cells = cells.into_iter();
    if geometry.source.is_some()
        && let Some(cell) = cells.next()
    {
        child_at(ui, cell, &mut |ui| {
            ui.label(egui::RichText::new("Article").strong());
            if !notes_with_translation {
                notes_line(ui);
            }
        });
    }
    if let (Some(cell), Some(column)) = (cells.next(), translation) {
        child_at(ui, cell, &mut |ui| {
            column.header(ui);
            if notes_with_translation {
                notes_line(ui);
            }
        });
    }
    ui.allocate_exact_size(
        vec2(ui.available_width(), height + 4.0),
        egui::Sense::hover(),
    );
    ui.separator();
}
/// How every row of the view is set this frame.
#[derive(Clone, Copy)]
pub(super) struct RowSetting<'a> {
    pub(super) geometry: &'a RowGeometry,
    pub(super) look: ArticleLook,
    /// What the drawn text changes (diacritics hidden, bidi controls marked).
    pub(super) shown_as: ShownAs,
    /// Whether the section cursor is on this row.
    pub(super) under_cursor: bool,
}

/// What is painted under a row's source text.
pub(super) struct RowMarks<'a> {
    /// The reader's highlights, by section.
    pub(super) highlights: Highlights<'a>,
    /// The part of the selection in this row.
    pub(super) selected: Option<std::ops::Range<usize>>,
    /// The sentences lit as linked, as byte ranges of the section's text.
    pub(super) linked: &'a [std::ops::Range<usize>],
    /// The word-by-word glosses, when they are shown.
    pub(super) word_glosses: Option<crate::ui::columns::WordGlosses<'a>>,
}

/// A row as drawn.
pub(super) struct Row {
    pub(super) height: f32,
    /// Where the selection's part in this row is on screen.
    pub(super) selection_rect: Option<Rect>,
    /// The source text's response (the row's, when the article is not drawn).
    pub(super) response: egui::Response,
    /// The byte offset in the section's text nearest to the pointer.
    pub(super) pointer_offset: Option<usize>,
    /// The word there.
    pub(super) pointer_word: Option<std::ops::Range<usize>>,
    /// Where the linked sentences of the section are on screen.
    pub(super) linked_rect: Option<Rect>,
    /// Where that word is on screen.
    pub(super) pointer_word_rect: Option<Rect>,
}

/// The source text of a row as drawn.
struct SourceDrawn {
    height: f32,
    linked_rect: Option<Rect>,
    response: egui::Response,
    selection_rect: Option<Rect>,
    /// The pointer's offset and word, in the section's own text.
    pointer_offset: Option<usize>,
    pointer_word: Option<std::ops::Range<usize>>,
    pointer_word_rect: Option<Rect>,
}

/// Lays out and paints one row with its top-left corner at `top_left`: the source
/// text with its highlights, its translation beside or under it, its notes under the
/// text, and its actions while it is pointed at or under the cursor. Returns its
/// height including the gap below it, and the selection in it.
pub(super) fn show_row(
    ui: &mut Ui,
    index: usize,
    section: &Section,
    top_left: egui::Pos2,
    setting: &RowSetting<'_>,
    marks: RowMarks<'_>,
    page: &mut crate::ui::columns::Page<'_>,
) -> Row {
    let RowSetting {
        geometry,
        look,
        shown_as: _,
        under_cursor,
    } = *setting;
    let at = top_left.to_vec2();
    let heading_gap = if matches!(section.kind, SectionKind::Heading { .. }) {
        theme::ROW_GAP_PT
    } else {
        0.0
    };
    let source = geometry.source.map(|rect| {
        show_source(
            ui,
            index,
            section,
            rect.translate(at),
            setting,
            marks,
            heading_gap,
        )
    });
    let source_height = source.as_ref().map_or(0.0, |source| source.height);
    let mut height = source_height;

    // Beside the source, the translation starts level with it; interleaved, under it.
    let interleaved = geometry.layout == Layout::Interleaved;
    let mut translation_bottom = 0.0;
    if let (Some(rect), Some(cells)) = (geometry.translation, page.translation.as_deref_mut()) {
        let y = if interleaved {
            source_height + theme::ROW_GAP_PT / 2.0
        } else {
            heading_gap
        };
        let used = show_cell(ui, cells, rect.translate(at + vec2(0.0, y)), index, section);
        if used > 0.0 {
            translation_bottom = y + used;
            height = height.max(translation_bottom);
        }
    }
    // The notes are a margin under the text they are on: the article's, or the
    // translation's when it is shown alone or under the article. A row without notes
    // gives them no room.
    let notes_column = if interleaved || geometry.source.is_none() {
        geometry.translation.or(geometry.source)
    } else {
        geometry.source
    };
    let notes_shown = page.notes_shown;
    if let (Some(rect), Some(cells)) = (notes_column, page.notes.as_deref_mut())
        && notes_shown
    {
        let above = if interleaved || geometry.source.is_none() {
            source_height.max(translation_bottom)
        } else {
            source_height
        };
        let y = if above > 0.0 {
            above + theme::ROW_GAP_PT / 2.0
        } else {
            0.0
        };
        let used = show_cell(ui, cells, rect.translate(at + vec2(0.0, y)), index, section);
        if used > 0.0 {
            height = height.max(y + used);
        }
    }
    let row_rect = Rect::from_min_size(top_left, vec2(ui.max_rect().width(), height.max(1.0)));
    let rtl = section.direction.is_rtl();
    if let (Some(column), Some(notes)) = (
        geometry.source.or(geometry.translation),
        page.notes.as_deref(),
    ) && notes.marked(index)
    {
        paint_notes_marker(
            ui,
            column.translate(at),
            row_rect.top() + heading_gap,
            rtl,
            look.body_size_pt,
        );
    }
    let pointed = ui
        .input(|input| input.pointer.hover_pos())
        .is_some_and(|pos| {
            ui.clip_rect().contains(pos)
                && row_rect
                    .with_max_y(row_rect.bottom() + theme::ROW_GAP_PT)
                    .contains(pos)
        });
    let linked_rect = source.as_ref().and_then(|source| source.linked_rect);
    let (response, selection_rect, pointer_offset, pointer_word, pointer_word_rect) = match source {
        Some(source) => (
            source.response,
            source.selection_rect,
            source.pointer_offset,
            source.pointer_word,
            source.pointer_word_rect,
        ),
        None => {
            // The translation alone: the article is shown beside the row pointed at.
            let id = ui.scope_id().with(("hamish-row", section.id));
            let response = ui.interact(row_rect, id, egui::Sense::hover());
            if pointed {
                egui::containers::Tooltip::always_open(
                    ui.ctx().clone(),
                    ui.layer_id(),
                    id,
                    row_rect,
                )
                .show(|ui| {
                    ui.set_max_width(row_rect.width().min(560.0));
                    TextBlock::new(&section.text)
                        .style(look.section_style(section))
                        .selectable(false)
                        .id_salt(("article-on-hover", section.id))
                        .show(ui);
                });
            }
            (response, None, None, None, None)
        }
    };
    if pointed || under_cursor {
        show_actions(ui, index, geometry, at, row_rect.bottom(), rtl, page);
    }
    Row {
        height: height + theme::ROW_GAP_PT,
        selection_rect,
        pointer_offset,
        pointer_word,
        pointer_word_rect,
        response,
        linked_rect,
    }
}

/// Draws the article's text of a row in `rect` (its column, at the row's top), with
/// the highlights, the selection, the cursor bar and the quotation and list marks.
fn show_source(
    ui: &mut Ui,
    index: usize,
    section: &Section,
    rect: Rect,
    setting: &RowSetting<'_>,
    marks: RowMarks<'_>,
    heading_gap: f32,
) -> SourceDrawn {
    let RowMarks {
        highlights,
        selected,
        linked,
        word_glosses,
    } = marks;
    let look = setting.look;
    // The reader's margins, on both sides of the text.
    let margin = look.column.margin_in(rect.width());
    let source_rect = rect.shrink2(vec2(margin, 0.0));
    let indented = matches!(section.kind, SectionKind::Quotation | SectionKind::ListItem);
    let indent = if indented { theme::INDENT_PT } else { 0.0 };
    // The indent is on the side the text starts from: the right for Arabic.
    let rtl = section.direction.is_rtl();
    let text_left = source_rect.left() + if rtl { 0.0 } else { indent };
    let max_rect = Rect::from_min_size(
        egui::pos2(text_left, source_rect.top() + heading_gap),
        vec2((source_rect.width() - indent).max(1.0), f32::INFINITY),
    );
    let mut child = ui.new_child(
        UiBuilder::new()
            .id_salt(section.id)
            .max_rect(max_rect)
            .layout(EguiLayout::top_down(Align::Max)),
    );
    // The drawn text may hide diacritics or mark bidi controls; highlights, emphasis
    // and the selection stay in the section's own offsets and are mapped onto it.
    let shown = ShownText::new(&section.text, setting.shown_as);
    let emphasis = shown.emphasis(&section.emphasis);
    let highlights = shown.highlights(highlights(index));
    let linked: Vec<std::ops::Range<usize>> = linked
        .iter()
        .map(|range| shown.shown_range(range.clone()))
        .collect();
    let glosses = word_glosses.and_then(|glosses| glosses(index, &shown.text));
    let style = look.section_style(section);
    // Glosses in the small text size, in the Latin face (they are English).
    let gloss_style = TextStyle {
        family: crate::text::FontFamily::Serif,
        size_pt: style.size_pt * theme::SMALL_TEXT_RATIO * 0.8,
        line_height: 1.3,
        bold: false,
    };
    let output = TextBlock::new(&shown.text)
        .emphasis(&emphasis)
        .style(style)
        .interlinear(glosses.as_deref().map_or(&[], Vec::as_slice), gloss_style)
        .highlights(&highlights)
        .marked(&linked, theme::linked_sentence_fill())
        .selection_from_view(selected.map(|range| shown.shown_range(range)))
        .id_salt(section.id)
        .selected(setting.under_cursor)
        .show(&mut child);
    if setting.under_cursor {
        // The section under the reading cursor is where a screen reader's focus is.
        super::super::access::follow_cursor(ui, output.response.id, index);
        super::super::access::keep_cursor_keys(ui, output.response.id);
        paint_cursor_bar(ui, source_rect, output.response.rect.y_range(), rtl);
    }
    if indented {
        paint_margin_mark(ui, section, output.response.rect, rtl, look.body_size_pt);
    }
    let to_original = |offset: usize| shown.original(offset);
    SourceDrawn {
        height: heading_gap + output.response.rect.height(),
        linked_rect: output.marked_rect,
        selection_rect: output.selection_rect,
        pointer_offset: output.pointer_offset.map(to_original),
        pointer_word: output
            .pointer_word
            .map(|word| to_original(word.start)..to_original(word.end)),
        pointer_word_rect: output.pointer_word_rect,
        response: output.response,
    }
}

/// Draws `cells`' cell of row `index` in `rect` (its column, as tall as needed) and
/// returns the height it took: 0 for an empty cell.
fn show_cell(
    ui: &mut Ui,
    cells: &mut dyn ColumnCells,
    rect: Rect,
    index: usize,
    section: &Section,
) -> f32 {
    let side_margin = cells.margin_pt().clamp(0.0, rect.width() / 4.0);
    let rect = rect.shrink2(vec2(side_margin, 0.0));
    let mut cell = ui.new_child(
        UiBuilder::new()
            .id_salt((cells.title(), section.id))
            .max_rect(Rect::from_min_size(
                rect.min,
                vec2(rect.width(), f32::INFINITY),
            ))
            .layout(EguiLayout::top_down(Align::Min)),
    );
    cells.cell(&mut cell, index, section);
    cell.min_rect().height()
}

/// The row's actions ("+ Note", "Write a translation…"), each at the foot of its
/// column, over the gap below the row: shown only on the row pointed at or under the
/// cursor, they take no room and move no text.
fn show_actions(
    ui: &Ui,
    index: usize,
    geometry: &RowGeometry,
    at: egui::Vec2,
    bottom: f32,
    rtl: bool,
    page: &mut crate::ui::columns::Page<'_>,
) {
    let clip = ui.clip_rect();
    // The article's actions start where its lines start: on the right of Arabic.
    let strip = |cells: &mut dyn ColumnCells, column: Rect, salt: &str, from_right: bool| {
        let column = column.translate(at);
        let (x, pivot) = if from_right {
            (column.right(), egui::Align2::RIGHT_TOP)
        } else {
            (column.left(), egui::Align2::LEFT_TOP)
        };
        let pos = pos2(x, bottom + 1.0);
        if !clip.contains(pos) || !clip.contains(pos + vec2(0.0, theme::ROW_GAP_PT)) {
            return;
        }
        egui::Area::new(egui::Id::unique("hamish-row-actions").with((salt, index)))
            .order(egui::Order::Foreground)
            .fixed_pos(pos)
            .pivot(pivot)
            .constrain(false)
            .show(ui.ctx(), |ui| {
                ui.set_max_width(column.width());
                egui::Frame::NONE
                    .fill(ui.visuals().panel_fill)
                    .show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| cells.actions(ui, index));
                    });
            });
    };
    let translation_column = geometry.translation;
    if let (Some(column), Some(cells)) = (translation_column, page.translation.as_deref_mut()) {
        strip(cells, column, "translation", false);
    }
    if let (Some(column), Some(cells)) = (
        geometry.source.or(translation_column),
        page.notes.as_deref_mut(),
    ) {
        // Interleaved, both sets of actions are in one column: the notes' go on the
        // other side from the translation's.
        let shared = geometry.source.is_none() || geometry.source == translation_column;
        let column = if shared {
            Rect::from_min_max(pos2(column.center().x, column.top()), column.max)
        } else {
            column
        };
        strip(cells, column, "notes", rtl || shared);
    }
}

/// A row with notes is marked in the gutter, on the side its text starts from.
fn paint_notes_marker(ui: &Ui, column: Rect, top: f32, rtl: bool, body_size_pt: f32) {
    let x = if rtl {
        column.right() + GUTTER_PT - 2.0
    } else {
        column.left() - GUTTER_PT + 2.0
    };
    let y = top + body_size_pt * 0.75;
    let color = theme::highlight_fill(crate::model::HighlightColor::Yellow);
    let stroke = ui.visuals().weak_text_color();
    ui.painter()
        .circle(pos2(x, y), 3.5, color, egui::Stroke::new(1.0, stroke));
}

/// The section cursor: a bar in the gutter on the side the text starts from.
fn paint_cursor_bar(ui: &Ui, column: Rect, y_range: egui::Rangef, rtl: bool) {
    let x = if rtl {
        column.right() + theme::CURSOR_BAR_GAP_PT
    } else {
        column.left() - theme::CURSOR_BAR_GAP_PT
    };
    let color = ui.visuals().selection.stroke.color;
    ui.painter().vline(
        x,
        y_range,
        egui::Stroke::new(theme::CURSOR_BAR_WIDTH_PT, color),
    );
}

/// A quotation gets a rule beside it, a bulleted list item a bullet, both in the
/// indent on the side the text starts from.
fn paint_margin_mark(ui: &Ui, section: &Section, text_rect: Rect, rtl: bool, body_size_pt: f32) {
    let color = ui.visuals().weak_text_color();
    let x = if rtl {
        text_rect.right() + theme::INDENT_PT / 2.0
    } else {
        text_rect.left() - theme::INDENT_PT / 2.0
    };
    match section.kind {
        SectionKind::Quotation => {
            ui.painter().vline(
                x,
                text_rect.y_range(),
                egui::Stroke::new(3.0, color.gamma_multiply(0.6)),
            );
        }
        SectionKind::ListItem if !starts_with_number(&section.text) => {
            // The first line's middle: half a line down.
            let y =
                text_rect.top() + body_size_pt * TextStyle::body(body_size_pt).line_height / 2.0;
            ui.painter()
                .circle_filled(egui::pos2(x, y), body_size_pt * 0.14, color);
        }
        _ => {}
    }
}

/// Numbered list items carry their number in their text; they need no bullet.
fn starts_with_number(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('\u{660}'..='\u{669}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(layout: Layout) -> PageShape {
        PageShape {
            page: PageLayout {
                layout,
                ..PageLayout::default()
            },
            has_translation: true,
            article_rtl: true,
            article_revealed: false,
            measures_pt: (680.0, 544.0),
        }
    }

    #[test]
    fn side_by_side_splits_evenly_and_centres_within_the_measure() {
        let narrow = row_geometry(900.0, &shape(Layout::SideBySide));
        let (article, translation) = (
            narrow.source.expect("article"),
            narrow.translation.expect("translation"),
        );
        assert_eq!(narrow.layout, Layout::SideBySide);
        assert!((article.width() - translation.width()).abs() < 0.5);
        assert!(translation.right() < article.left(), "left of Arabic");
        // Wide: the two keep their measure and are centred.
        let wide = row_geometry(3000.0, &shape(Layout::SideBySide));
        let (article, translation) = (
            wide.source.expect("article"),
            wide.translation.expect("translation"),
        );
        let block = article.width() + translation.width() + theme::COLUMN_GAP_PT;
        assert!((block - (680.0 + 544.0 + theme::COLUMN_GAP_PT)).abs() < 0.5);
        let (left, right) = (
            translation.left(),
            3000.0 - SCROLL_BAR_GUTTER_PT - article.right(),
        );
        assert!((left - right).abs() < 0.5, "centred: {left} {right}");
    }

    #[test]
    fn the_translation_can_go_before_the_article_and_follows_a_latin_one() {
        let mut before = shape(Layout::SideBySide);
        before.page.translation_before = true;
        let geometry = row_geometry(1000.0, &before);
        assert!(geometry.translation.expect("t").left() > geometry.source.expect("a").right());
        let mut latin = shape(Layout::SideBySide);
        latin.article_rtl = false;
        let geometry = row_geometry(1000.0, &latin);
        assert!(geometry.translation.expect("t").left() > geometry.source.expect("a").right());
    }

    #[test]
    fn a_narrow_row_or_no_translation_changes_the_layout() {
        let narrow = row_geometry(500.0, &shape(Layout::SideBySide));
        assert_eq!(narrow.layout, Layout::Interleaved);
        assert_eq!(narrow.source, narrow.translation);
        let mut none = shape(Layout::TranslationOnly);
        none.has_translation = false;
        assert_eq!(row_geometry(1000.0, &none).layout, Layout::ArticleOnly);
        let mut revealed = shape(Layout::TranslationOnly);
        assert!(row_geometry(1000.0, &revealed).source.is_none());
        revealed.article_revealed = true;
        assert_eq!(row_geometry(1000.0, &revealed).layout, Layout::Interleaved);
    }
}
