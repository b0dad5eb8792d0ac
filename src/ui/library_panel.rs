//! The library sidebar: the folder's articles by title, grouped by sub-folder.
//!
//! A folder can hold thousands of articles, so only the rows on screen are laid out:
//! every row has a fixed height, known without shaping its text (two lines of title,
//! which most headlines fit at the panel's width, and two of problem when there is
//! one; longer titles are cut at the row's edge, and the whole title is still given
//! to AccessKit).

use std::path::{Path, PathBuf};

use egui::{Rect, ScrollArea, Ui, UiBuilder, vec2};

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

/// Line height of titles, as a multiple of their size.
const TITLE_LINE_HEIGHT: f32 = 1.6;

/// Size of group (sub-folder) names, in points.
const GROUP_SIZE_PT: f32 = 13.0;

/// Space above a group's name, in points.
const GROUP_GAP_PT: f32 = 8.0;

/// Lines of title shown for an entry.
const TITLE_LINES: f32 = 2.0;

/// Lines of problem text shown under an entry.
const PROBLEM_LINES: f32 = 2.0;

/// A row of the list: a group's name, or an entry (by index).
#[derive(Clone, Copy)]
enum Row<'a> {
    Group(&'a str),
    Entry(usize),
}

/// Shows the library's articles; `current` is highlighted.
pub fn library_panel(
    ui: &mut Ui,
    library: &Library,
    current: Option<&Path>,
) -> Option<LibraryAction> {
    if library.entries.is_empty() {
        ui.label("No .txt or .md articles in this folder.");
        return None;
    }
    let padding_y = ui.spacing().button_padding.y;
    let title_height = TITLE_SIZE_PT * TITLE_LINE_HEIGHT * TITLE_LINES + 2.0 * padding_y;
    let problem_style = TextStyle::interface(12.0);
    let problem_height = problem_style.size_pt * problem_style.line_height * PROBLEM_LINES;
    let group_style = TextStyle {
        bold: true,
        ..TextStyle::interface(GROUP_SIZE_PT)
    };
    let group_height = GROUP_GAP_PT + group_style.size_pt * group_style.line_height;

    // Rows and their tops: cheap, no text is shaped, so it is rebuilt every frame.
    let mut rows = Vec::with_capacity(library.entries.len() + 8);
    let mut tops = Vec::with_capacity(library.entries.len() + 9);
    let mut top = 0.0;
    let mut group = "";
    for (index, entry) in library.entries.iter().enumerate() {
        if entry.group != group {
            group = &entry.group;
            rows.push(Row::Group(group));
            tops.push(top);
            top += group_height;
        }
        rows.push(Row::Entry(index));
        tops.push(top);
        top += title_height
            + if has_problem(entry) || !entry.languages().is_empty() {
                problem_height
            } else {
                0.0
            };
    }
    tops.push(top);

    let mut action = None;
    ScrollArea::vertical()
        .auto_shrink(false)
        .show_viewport(ui, |ui, viewport| {
            ui.set_height(top);
            let origin = ui.max_rect().min;
            let width = ui.available_width();
            let first = tops
                .partition_point(|&row_top| row_top <= viewport.min.y)
                .saturating_sub(1);
            for (index, row) in rows.iter().enumerate().skip(first) {
                if tops[index] > viewport.max.y {
                    break;
                }
                let rect = Rect::from_min_max(
                    origin + vec2(0.0, tops[index]),
                    origin + vec2(width, tops[index + 1]),
                );
                let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
                child.set_clip_rect(rect.intersect(ui.clip_rect()));
                match *row {
                    Row::Group(name) => {
                        child.add_space(GROUP_GAP_PT);
                        let color = child.visuals().weak_text_color();
                        child.add(
                            TextBlock::new(name)
                                .style(group_style)
                                .selectable(false)
                                .color(color),
                        );
                    }
                    Row::Entry(entry_index) => {
                        let entry = &library.entries[entry_index];
                        let selected = current == Some(entry.path.as_path());
                        if entry_ui(&mut child, entry, selected).clicked() {
                            action = Some(LibraryAction::Open(entry.path.clone()));
                        }
                    }
                }
            }
        });
    action
}

fn has_problem(entry: &LibraryEntry) -> bool {
    entry
        .summary
        .as_ref()
        .is_some_and(|summary| summary.error.is_some() || !summary.notices.is_empty())
}

/// One clickable entry: the title (titles are Arabic), or the file name until the
/// title is known; under it the languages it has translations in, and what is wrong
/// with the file, if anything.
fn entry_ui(ui: &mut Ui, entry: &LibraryEntry, selected: bool) -> egui::Response {
    let label = entry.label();
    let languages = entry.languages();
    let translated =
        (!languages.is_empty()).then(|| format!("translated: {}", languages.join(", ")));
    let problem = entry.problem();
    let style = TextStyle {
        family: FontFamily::Naskh,
        size_pt: TITLE_SIZE_PT,
        line_height: TITLE_LINE_HEIGHT,
        bold: false,
    };
    ui.add(
        TextButton::new(&label)
            .style(style)
            .detail(translated.as_deref())
            .problem(problem.as_deref())
            .selected(selected),
    )
}
