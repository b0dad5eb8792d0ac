//! The reading view: an article as a column of rows, one per section, with the source
//! text on the right and the side columns (translation, notes: see [`super::columns`])
//! beside it.
//!
//! Only the rows on screen (plus a margin) are laid out. The others have an estimated
//! height, replaced by the real one when they are first laid out; when a row above the
//! top of the view changes height, the scroll offset moves by the same amount, so the
//! text being read does not jump.

use egui::{Align, Key, Layout, Rect, ScrollArea, Ui, UiBuilder, pos2, vec2};

use crate::model::{Article, Section, SectionKind, has_bidi_controls, reveal_bidi_controls};
use crate::text::{TextEngine, TextStyle};

use super::columns::SideColumn;
use super::text_block::TextBlock;
use super::theme;

/// Rows laid out beyond the visible area, above and below, in points.
const OVERSCAN_PT: f32 = 400.0;

/// Room kept free on the right for the scroll bar, which floats over the content.
const SCROLL_BAR_GUTTER_PT: f32 = 16.0;

/// Below this width, in points, the columns are stacked under each other.
const STACK_BELOW_WIDTH_PT: f32 = 640.0;

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
    /// The source column width and text size the measured heights belong to.
    source_width_pt: f32,
    body_size_pt: f32,
    /// Scroll offset to apply on the next frame, if any.
    pending_offset: Option<f32>,
    /// A section to bring to the top once the rows' heights are known.
    pending_section: Option<usize>,
    /// The first row at least partly visible in the last frame.
    first_visible: usize,
    /// Scroll offset and visible height of the last frame, in points.
    offset_pt: f32,
    viewport_height_pt: f32,
    /// Whether explicit bidi controls are marked in the text.
    show_bidi_controls: bool,
}

/// The parts of a row, measured for the current width.
struct RowGeometry {
    source: Rect,
    /// One for each side column, in the order given.
    sides: Vec<Rect>,
    /// Narrow view: the side columns go under the source text instead of beside it.
    stacked: bool,
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
}

/// How every row of the view is set this frame.
#[derive(Clone, Copy)]
struct RowSetting<'a> {
    geometry: &'a RowGeometry,
    body_size_pt: f32,
    show_bidi_controls: bool,
}

/// A row as drawn.
struct Row {
    height: f32,
    selection: Option<(std::ops::Range<usize>, Rect)>,
}

impl ReadingView {
    /// The first section at least partly on screen in the last frame.
    pub fn first_visible_section(&self) -> usize {
        self.first_visible
    }

    /// Marks explicit bidi controls where they are in the text (or stops marking them).
    pub fn set_show_bidi_controls(&mut self, show: bool) {
        self.show_bidi_controls = show;
    }

    /// Scrolls so that `section` is at the top on the next frame.
    pub fn scroll_to_section(&mut self, section: usize) {
        self.pending_section = Some(section);
        self.first_visible = section;
    }

    /// Shows `article`, taking all the space of `ui`, with `highlights` under the
    /// source text and `columns` beside it.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        body_size_pt: f32,
        highlights: Highlights<'_>,
        columns: &mut [SideColumn<'_>],
    ) -> ReadingOutput {
        let width = ui.available_width();
        let weights: Vec<f32> = columns.iter().map(|column| column.weight).collect();
        let geometry = row_geometry(width, &weights);
        let source_width = geometry.source.width();
        self.prepare(ui, article, source_width, body_size_pt);
        show_header(ui, &geometry, columns);
        let mut output = ReadingOutput::default();
        if let Some(section) = self.pending_section.take() {
            self.ensure_tops();
            self.pending_offset = self.tops.get(section).copied();
        }

        if let Some(step) = keyboard_scroll(ui, self.viewport_height_pt) {
            self.ensure_tops();
            // Past the end the scroll area would spring back, animating for a while.
            let content_height = self.tops.last().copied().unwrap_or(0.0) + theme::ROW_GAP_PT;
            let max_offset = (content_height - self.viewport_height_pt).max(0.0);
            self.pending_offset = Some((self.offset_pt + step).clamp(0.0, max_offset));
        }
        let mut scroll_area = ScrollArea::vertical().auto_shrink(false);
        if let Some(offset) = self.pending_offset.take() {
            scroll_area = scroll_area.vertical_scroll_offset(offset);
        }
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
                    body_size_pt,
                    show_bidi_controls: self.show_bidi_controls,
                };
                let row = show_row(
                    ui,
                    index,
                    &article.sections[index],
                    row_top,
                    &setting,
                    highlights,
                    columns,
                );
                let height = row.height;
                if let Some((range, rect)) = row.selection {
                    output.selection = Some(SelectionInView {
                        section: index,
                        range,
                        rect,
                    });
                }
                let delta = height - self.heights[index];
                if delta.abs() > 0.5 || !self.measured[index] {
                    if self.tops[index] + self.heights[index] <= viewport.min.y {
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
        self.offset_pt = scrolled.state.clamped_offset().y;
        self.viewport_height_pt = scrolled.inner_rect.height();
        if correction != 0.0 {
            self.pending_offset = Some(self.offset_pt + correction);
            ui.ctx().request_repaint();
        }
        if self.tops_are_stale {
            ui.ctx().request_repaint();
        }
        output
    }

    /// Estimates the heights of rows not measured yet; forgets measurements when the
    /// width or the article changed.
    fn prepare(&mut self, ui: &Ui, article: &Article, source_width: f32, body_size_pt: f32) {
        let resized =
            (source_width - self.source_width_pt).abs() > 0.5 || body_size_pt != self.body_size_pt;
        if self.heights.len() != article.sections.len() || resized {
            let engine = TextEngine::shared(ui.ctx());
            let engine = TextEngine::lock(&engine);
            self.heights = article
                .sections
                .iter()
                .map(|section| {
                    engine.estimate_height(
                        &section.text,
                        &section_style(section, body_size_pt),
                        source_width,
                    ) + theme::ROW_GAP_PT
                })
                .collect();
            self.measured = vec![false; article.sections.len()];
            self.source_width_pt = source_width;
            self.body_size_pt = body_size_pt;
            self.tops_are_stale = true;
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

/// The scroll step asked for with the keyboard, in points: arrows by a line, Page
/// Up/Down and Space by most of a screen, Home and End to the ends. Keys go to a
/// focused widget (a text field) rather than to the view.
fn keyboard_scroll(ui: &Ui, viewport_height: f32) -> Option<f32> {
    if ui.ctx().memory(|memory| memory.focused().is_some()) {
        return None;
    }
    let line = 40.0;
    let page = (viewport_height * 0.9).max(line);
    ui.input(|input| {
        let shift = input.modifiers.shift;
        [
            (Key::ArrowDown, line),
            (Key::ArrowUp, -line),
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

/// How a section is set: headings larger and bold.
fn section_style(section: &Section, body_size_pt: f32) -> TextStyle {
    match section.kind {
        SectionKind::Heading { level } => TextStyle::heading(level, body_size_pt),
        SectionKind::Paragraph | SectionKind::Quotation | SectionKind::ListItem => {
            TextStyle::body(body_size_pt)
        }
    }
}

/// The columns' rectangles for a row at the origin: source on the right, then the
/// side columns with their `weights`; or all stacked when the view is narrow.
fn row_geometry(width: f32, weights: &[f32]) -> RowGeometry {
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

/// Column titles above the rows, each with its column's status. Stacked, only the
/// article's title is shown: the other columns' cells are under each section.
fn show_header(ui: &mut Ui, geometry: &RowGeometry, columns: &[SideColumn<'_>]) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 38.0), egui::Sense::hover());
    let mut cells = vec![(geometry.source, "Article".to_owned(), String::new())];
    if !geometry.stacked {
        cells.extend(geometry.sides.iter().zip(columns).map(|(rect, column)| {
            (
                *rect,
                column.cells.title().to_owned(),
                column.cells.status(),
            )
        }));
    }
    for (cell, title, status) in cells {
        let cell = cell.translate(rect.min.to_vec2());
        let mut child = ui.new_child(UiBuilder::new().max_rect(Rect::from_min_size(
            cell.min,
            vec2(cell.width(), rect.height()),
        )));
        child.label(egui::RichText::new(title).strong());
        if !status.is_empty() {
            child.label(egui::RichText::new(status).weak().small());
        }
    }
    ui.separator();
}

/// Lays out and paints one row with its top-left corner at `top_left`: the source
/// text with its highlights, and a cell of every side column. Returns its height
/// including the gap below it, and the selection in it.
fn show_row(
    ui: &mut Ui,
    index: usize,
    section: &Section,
    top_left: egui::Pos2,
    setting: &RowSetting<'_>,
    highlights: Highlights<'_>,
    columns: &mut [SideColumn<'_>],
) -> Row {
    let RowSetting {
        geometry,
        body_size_pt,
        show_bidi_controls,
    } = *setting;
    let source_rect = geometry.source.translate(top_left.to_vec2());
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
    let revealed;
    let (text, emphasis, highlights) = if show_bidi_controls && has_bidi_controls(&section.text) {
        // The marks move the text's bytes about: emphasis and highlights would land
        // wrongly, so they are left out while the marks are shown.
        revealed = reveal_bidi_controls(&section.text);
        (revealed.as_str(), &[][..], Vec::new())
    } else {
        (
            section.text.as_str(),
            section.emphasis.as_slice(),
            highlights(index),
        )
    };
    let source = TextBlock::new(text)
        .emphasis(emphasis)
        .style(section_style(section, body_size_pt))
        .highlights(&highlights)
        .id_salt(section.id)
        .show(&mut child);
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
        selection: source.selection.zip(source.selection_rect),
    }
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
