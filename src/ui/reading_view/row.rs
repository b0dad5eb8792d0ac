//! One row of the reading view: where its columns go, the source text with its
//! highlights and margin marks, and a cell of every side column beside or under it.

use egui::{Align, Layout, Rect, Ui, UiBuilder, pos2, vec2};

use crate::model::{Section, SectionKind};
use crate::text::TextStyle;
use crate::ui::columns::SideColumn;
use crate::ui::text_block::TextBlock;
use crate::ui::theme;
use crate::ui::typography::ArticleLook;

use super::Highlights;
use super::shown_text::{ShownAs, ShownText};

/// Room kept free on the right for the scroll bar, which floats over the content.
const SCROLL_BAR_GUTTER_PT: f32 = 16.0;

/// Below this width, in points, the columns are stacked under each other.
const STACK_BELOW_WIDTH_PT: f32 = 640.0;

/// The parts of a row, measured for the current width.
pub(super) struct RowGeometry {
    pub(super) source: Rect,
    /// One for each side column, in the order given.
    sides: Vec<Rect>,
    /// Narrow view: the side columns go under the source text instead of beside it.
    stacked: bool,
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
}

/// A row as drawn.
pub(super) struct Row {
    pub(super) height: f32,
    /// Where the selection's part in this row is on screen.
    pub(super) selection_rect: Option<Rect>,
    /// The source text's response.
    pub(super) response: egui::Response,
    /// The byte offset in the section's text nearest to the pointer.
    pub(super) pointer_offset: Option<usize>,
    /// The word there.
    pub(super) pointer_word: Option<std::ops::Range<usize>>,
}

/// The columns' rectangles for a row at the origin: source on the right, then the
/// side columns with their `weights`; or all stacked when the view is narrow.
pub(super) fn row_geometry(width: f32, weights: &[f32]) -> RowGeometry {
    let width = width - SCROLL_BAR_GUTTER_PT;
    let full = |w: f32, x: f32| Rect::from_min_size(pos2(x, 0.0), vec2(w.max(1.0), 0.0));
    if width < STACK_BELOW_WIDTH_PT {
        // Stacked: every column takes the whole width, one under the other.
        return RowGeometry {
            source: full(width, 0.0),
            sides: weights.iter().map(|_| full(width, 0.0)).collect(),
            stacked: true,
        };
    }
    let source_weight = theme::SOURCE_COLUMN_WEIGHT;
    let total: f32 = source_weight + weights.iter().sum::<f32>();
    let usable = width - theme::COLUMN_GAP_PT * weights.len() as f32;
    let mut right = width;
    let mut next_rect = |weight: f32| {
        let w = usable * weight / total;
        right -= w;
        let rect = full(w, right);
        right -= theme::COLUMN_GAP_PT;
        rect
    };
    let source = next_rect(source_weight);
    RowGeometry {
        source,
        sides: weights.iter().map(|&weight| next_rect(weight)).collect(),
        stacked: false,
    }
}

/// Column titles above the rows, each column's header under it. Stacked, only the
/// article's title is shown: the other columns' cells are under each section.
pub(super) fn show_header(ui: &mut Ui, geometry: &RowGeometry, columns: &mut [SideColumn<'_>]) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 38.0), egui::Sense::hover());
    let child_at = |ui: &mut Ui, cell: Rect| {
        let cell = cell.translate(rect.min.to_vec2());
        ui.new_child(UiBuilder::new().max_rect(Rect::from_min_size(
            cell.min,
            vec2(cell.width(), rect.height()),
        )))
    };
    child_at(ui, geometry.source).label(egui::RichText::new("Article").strong());
    if !geometry.stacked {
        for (cell, column) in geometry.sides.iter().zip(columns.iter_mut()) {
            let mut child = child_at(ui, *cell);
            column.cells.header(&mut child);
        }
    }
    ui.separator();
}

/// Lays out and paints one row with its top-left corner at `top_left`: the source
/// text with its highlights, and a cell of every side column. Returns its height
/// including the gap below it, and the selection in it.
pub(super) fn show_row(
    ui: &mut Ui,
    index: usize,
    section: &Section,
    top_left: egui::Pos2,
    setting: &RowSetting<'_>,
    marks: RowMarks<'_>,
    columns: &mut [SideColumn<'_>],
) -> Row {
    let RowMarks {
        highlights,
        selected,
    } = marks;
    let RowSetting {
        geometry,
        look,
        shown_as,
        under_cursor,
    } = *setting;
    let body_size_pt = look.body_size_pt;
    let source_rect = geometry.source.translate(top_left.to_vec2());
    // The reader's margins, on both sides of the text.
    let margin = look.column.margin_in(source_rect.width());
    let source_rect = source_rect.shrink2(vec2(margin, 0.0));
    let heading_gap = if matches!(section.kind, SectionKind::Heading { .. }) {
        theme::ROW_GAP_PT
    } else {
        0.0
    };
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
            .layout(Layout::top_down(Align::Max)),
    );
    // The drawn text may hide diacritics or mark bidi controls; highlights, emphasis
    // and the selection stay in the section's own offsets and are mapped onto it.
    let shown = ShownText::new(&section.text, shown_as);
    let emphasis = shown.emphasis(&section.emphasis);
    let highlights = shown.highlights(highlights(index));
    let source = TextBlock::new(&shown.text)
        .emphasis(&emphasis)
        .style(look.section_style(section))
        .highlights(&highlights)
        .selection_from_view(selected.map(|range| shown.shown_range(range)))
        .id_salt(section.id)
        .selected(under_cursor)
        .show(&mut child);
    if under_cursor {
        paint_cursor_bar(ui, source_rect, source.response.rect.y_range(), rtl);
    }
    let to_original = |offset: usize| shown.original(offset);
    if indented {
        paint_margin_mark(ui, section, source.response.rect, rtl, body_size_pt);
    }
    let source_height = heading_gap + source.response.rect.height();

    // Beside the source, each cell starts level with it; stacked, each goes under
    // the one before, and an empty cell takes no room.
    let mut below = if geometry.stacked {
        source_height + theme::ROW_GAP_PT / 2.0
    } else {
        heading_gap
    };
    let mut height = source_height;
    for (column, rect) in columns.iter_mut().zip(&geometry.sides) {
        let rect = rect.translate(top_left.to_vec2() + vec2(0.0, below));
        let side_margin = column.cells.margin_pt().clamp(0.0, rect.width() / 4.0);
        let rect = rect.shrink2(vec2(side_margin, 0.0));
        let mut cell = ui.new_child(
            UiBuilder::new()
                .id_salt((column.cells.title(), section.id))
                .max_rect(Rect::from_min_size(
                    rect.min,
                    vec2(rect.width(), f32::INFINITY),
                ))
                .layout(Layout::top_down(Align::Min)),
        );
        column.cells.cell(&mut cell, index, section);
        let used = cell.min_rect().height();
        if used > 0.0 {
            height = height.max(below + used);
            if geometry.stacked {
                below += used + theme::ROW_GAP_PT / 2.0;
            }
        }
    }
    Row {
        height: height + theme::ROW_GAP_PT,
        selection_rect: source.selection_rect,
        pointer_offset: source.pointer_offset.map(to_original),
        pointer_word: source
            .pointer_word
            .map(|word| to_original(word.start)..to_original(word.end)),
        response: source.response,
    }
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
