//! The library sidebar: the folder's articles by title, grouped by sub-folder.

use std::path::{Path, PathBuf};

use egui::{Response, Role, ScrollArea, Sense, Ui, WidgetInfo, vec2};

use crate::import::{Library, LibraryEntry};
use crate::text::{FontFamily, TextEngine, TextStyle};

/// What the reader did in the library panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryAction {
    /// Show this article.
    Open(PathBuf),
}

/// Size of article titles in the sidebar, in points.
const TITLE_SIZE_PT: f32 = 16.0;

/// Shows the library's articles; `current` is highlighted.
pub fn library_panel(
    ui: &mut Ui,
    library: &Library,
    current: Option<&Path>,
) -> Option<LibraryAction> {
    let mut action = None;
    ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        let mut group = "";
        for entry in &library.entries {
            if entry.group != group {
                group = &entry.group;
                ui.add_space(8.0);
                let style = TextStyle {
                    family: FontFamily::Sans,
                    size_pt: 13.0,
                    line_height: 1.4,
                    bold: true,
                };
                ui.add(
                    crate::ui::TextBlock::new(group)
                        .style(style)
                        .selectable(false)
                        .color(ui.visuals().weak_text_color()),
                );
            }
            let selected = current == Some(entry.path.as_path());
            if entry_ui(ui, entry, selected).clicked() {
                action = Some(LibraryAction::Open(entry.path.clone()));
            }
        }
        if library.entries.is_empty() {
            ui.label("No .txt or .md articles in this folder.");
        }
    });
    action
}

/// One clickable entry: the title in the text engine (titles are Arabic), or the file
/// name and the reason it cannot be read.
fn entry_ui(ui: &mut Ui, entry: &LibraryEntry, selected: bool) -> Response {
    let engine = TextEngine::shared(ui.ctx());
    let mut engine = TextEngine::lock(&engine);
    let ppp = ui.ctx().pixels_per_point();
    let padding = vec2(8.0, 4.0);
    let width = ui.available_width();
    let inner_width = width - 2.0 * padding.x;

    let (label, problem) = match &entry.title {
        Ok(title) if !title.is_empty() => (title.clone(), None),
        Ok(_) => (entry.file_name(), None),
        Err(problem) => (entry.file_name(), Some(problem.as_str())),
    };
    let style = TextStyle {
        family: FontFamily::Naskh,
        size_pt: TITLE_SIZE_PT,
        line_height: 1.6,
        bold: false,
    };
    let title = engine.layout(&label, &style, inner_width, ppp);
    let problem_layout = problem.map(|problem| {
        let style = TextStyle {
            family: FontFamily::Sans,
            size_pt: 12.0,
            line_height: 1.3,
            bold: false,
        };
        engine.layout(problem, &style, inner_width, ppp)
    });
    let height = title.size().y
        + problem_layout
            .as_ref()
            .map_or(0.0, |layout| layout.size().y)
        + 2.0 * padding.y;

    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let inner = rect.shrink2(padding);
        let mut top = inner.top();
        for (layout, color) in [
            (Some(&title), visuals.text_color()),
            (problem_layout.as_ref(), ui.visuals().error_fg_color),
        ] {
            let Some(layout) = layout else { continue };
            let x = if layout.is_rtl() {
                inner.right() - layout.size().x
            } else {
                inner.left()
            };
            engine.paint(ui.painter(), layout, egui::pos2(x, top), color);
            top += layout.size().y;
        }
    }
    let description = match problem {
        Some(problem) => format!("{label}: {problem}"),
        None => label,
    };
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &description));
    response
}
