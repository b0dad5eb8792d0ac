//! The list of all notes of the article, in a window: each jumps to its section;
//! notes no longer placed are listed apart, to attach or delete.

use crate::model::{Article, NoteId, Notes, Placement};
use crate::ui::{TextButton, theme};

use super::NoteCommand;

/// What the list of all notes asked for besides note commands.
pub enum ListAction {
    /// Scroll the reading view to this section.
    ShowSection(usize),
}

/// The list of all notes of `article`, orphans apart. `top_section` is where an
/// orphan is attached. Closing the window asks for [`NoteCommand::ShowList`].
pub fn notes_list_window(
    ctx: &egui::Context,
    notes: &Notes,
    placements: &[(NoteId, Placement)],
    article: &Article,
    top_section: usize,
    commands: &mut Vec<NoteCommand>,
) -> Option<ListAction> {
    let mut action = None;
    let mut open = true;
    egui::Window::new("All notes").open(&mut open).default_size([420.0, 520.0]).show(ctx, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut orphans_heading = false;
            for (id, placement) in placements {
                let Some(note) = notes.get(id) else { continue };
                let quote = match placement {
                    Placement::Span(index, range) => article.sections.get(*index).and_then(|s| s.text.get(range.clone())),
                    Placement::Orphan => note.anchor.quote.as_ref().map(|quote| quote.exact.as_str()),
                    Placement::Section(_) => None,
                };
                let label = match (quote, note.text.is_empty()) {
                    (Some(quote), true) => format!("«{quote}»"),
                    (Some(quote), false) => format!("«{quote}» — {}", note.text),
                    (None, _) => note.text.clone(),
                };
                match placement.section_index() {
                    Some(index) => {
                        // Where it is, as the reader counts sections (from 1).
                        let label = format!("§{} {label}", index + 1);
                        if ui.add(TextButton::new(&label).style(theme::NOTE)).clicked() {
                            action = Some(ListAction::ShowSection(index));
                        }
                    }
                    None => {
                        if !orphans_heading {
                            ui.separator();
                            ui.strong("Notes whose text is no longer in the article");
                            ui.label("They are kept. Attach each to a section, or delete it.");
                            orphans_heading = true;
                        }
                        ui.add(TextButton::new(&label).style(theme::NOTE));
                        ui.horizontal(|ui| {
                            if ui.small_button("Attach to the section at the top of the view").clicked() {
                                commands.push(NoteCommand::Reattach(id.clone(), top_section));
                            }
                            if ui.small_button("Delete").clicked() {
                                commands.push(NoteCommand::Delete(id.clone()));
                            }
                        });
                    }
                }
            }
            if placements.is_empty() {
                ui.label("No notes yet: select text to highlight it, or press N (or + Note on the row you point at) to write one on a section.");
            }
        });
    });
    if !open {
        commands.push(NoteCommand::ShowList(false));
    }
    action
}
