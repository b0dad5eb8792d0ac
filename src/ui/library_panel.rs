//! The library sidebar: the folder's articles by title, grouped by sub-folder.

use std::path::{Path, PathBuf};

use egui::{Response, ScrollArea, Ui};

use crate::import::{Library, LibraryEntry};
use crate::text::{FontFamily, TextStyle};

use super::{TextBlock, TextButton};

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
                    bold: true,
                    ..TextStyle::interface(13.0)
                };
                let color = ui.visuals().weak_text_color();
                ui.add(
                    TextBlock::new(group)
                        .style(style)
                        .selectable(false)
                        .color(color),
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

/// One clickable entry: the title (titles are Arabic), or the file name and the
/// reason it cannot be read.
fn entry_ui(ui: &mut Ui, entry: &LibraryEntry, selected: bool) -> Response {
    let file_name = entry.file_name();
    let (label, problem) = match &entry.title {
        Ok(title) if !title.is_empty() => (title.as_str(), None),
        Ok(_) => (file_name.as_str(), None),
        Err(problem) => (file_name.as_str(), Some(problem.as_str())),
    };
    let style = TextStyle {
        family: FontFamily::Naskh,
        size_pt: TITLE_SIZE_PT,
        line_height: 1.6,
        bold: false,
    };
    ui.add(
        TextButton::new(label)
            .style(style)
            .problem(problem)
            .selected(selected),
    )
}
