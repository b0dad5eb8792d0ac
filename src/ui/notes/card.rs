//! One note in the notes column: its quote, its text (or its editors), its tags, and
//! its buttons.

use egui::Ui;

use crate::model::{HighlightColor, Note, NoteId};
use crate::ui::{TextBlock, TextField, long_text, theme};

use super::{EditingNote, NoteCommand};

/// Draws `note` with the `quote` it highlights, editable when `editing` is given.
pub(super) fn note_card(
    ui: &mut Ui,
    id: &NoteId,
    note: &Note,
    quote: Option<&str>,
    editing: Option<&mut EditingNote>,
    style: crate::text::TextStyle,
    commands: &mut Vec<NoteCommand>,
) {
    let bar = note.color.map_or(
        ui.visuals().widgets.noninteractive.bg_stroke.color,
        theme::highlight_fill,
    );
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(egui::Stroke::new(1.0, bar))
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(quote) = quote {
                let color = ui.visuals().weak_text_color();
                ui.add(TextBlock::new(quote).style(theme::NOTE_QUOTE).color(color));
            }
            if let Some(conflict) = &note.conflict_with {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Changed in two places: this copy came from elsewhere (see note {conflict})"
                    ),
                );
            }
            match editing {
                Some(editing) => editors(ui, id, editing, style, commands),
                None => shown(ui, id, note, style, commands),
            }
        });
}

/// The note being written: its text and tags in editors, the text set as notes are
/// shown (`style`), so nothing moves when the editor closes.
fn editors(
    ui: &mut Ui,
    id: &NoteId,
    editing: &mut EditingNote,
    style: crate::text::TextStyle,
    commands: &mut Vec<NoteCommand>,
) {
    editing.text.set_style(style);
    let text = TextField::new(&mut editing.text)
        .id(egui::Id::unique(("hamish-note-text", id)))
        .hint("Write a note")
        .take_focus(std::mem::take(&mut editing.focus_pending))
        .show(ui);
    if text.response.changed() {
        commands.push(NoteCommand::SetText(id.clone(), editing.text.text()));
    }
    let tags = TextField::new(&mut editing.tags)
        .id(egui::Id::unique(("hamish-note-tags", id)))
        .hint("Tags, separated by commas")
        .min_lines(1.0)
        .show(ui);
    if tags.response.changed() {
        commands.push(NoteCommand::SetTags(id.clone(), editing.typed_tags()));
    }
    if text.escaped || tags.escaped {
        // Escape leaves the note; what was typed is saved already.
        commands.push(NoteCommand::FinishEditing);
    }
    ui.horizontal(|ui| {
        if ui.small_button("Done").clicked() {
            commands.push(NoteCommand::FinishEditing);
        }
        if ui.small_button("Delete").clicked() {
            commands.push(NoteCommand::Delete(id.clone()));
        }
    });
}

/// A note as read: its text, its tags, Edit and Delete.
fn shown(
    ui: &mut Ui,
    id: &NoteId,
    note: &Note,
    style: crate::text::TextStyle,
    commands: &mut Vec<NoteCommand>,
) {
    if !note.text.is_empty() {
        // A note of megabytes (a sidecar can hold anything) is read a part at a time,
        // as a long translation is.
        let part = long_text::shown_part(
            ui.ctx(),
            egui::Id::unique("hamish-note-part").with(&id.0),
            &note.text,
        );
        if let Some(part) = &part {
            long_text::pager(ui, &note.text, part);
        }
        let text = part.map_or(note.text.as_str(), |part| &note.text[part.range]);
        ui.add(TextBlock::new(text).style(style).id_salt(("note", &id.0)));
    }
    if !note.tags.is_empty() {
        let tags = note
            .tags
            .iter()
            .map(|tag| format!("#{tag}"))
            .collect::<Vec<_>>()
            .join("  ");
        let color = ui.visuals().weak_text_color();
        ui.add(
            TextBlock::new(&tags)
                .style(theme::STATUS)
                .color(color)
                .selectable(false),
        );
    }
    ui.horizontal(|ui| {
        if let Some(current) = note.color {
            for color in HighlightColor::ALL {
                let label = format!("Change the highlight to {}", color.name());
                let chosen = color == current;
                if super::toolbar::color_button(ui, color, &label, chosen).clicked() && !chosen {
                    commands.push(NoteCommand::SetColor(id.clone(), color));
                }
            }
        }
        let label = if note.text.is_empty() {
            "Add note"
        } else {
            "Edit"
        };
        // An editor lays its whole text out: a note too long to show whole is not
        // put into one.
        let editable = !long_text::is_long(&note.text);
        let edit = ui.add_enabled(editable, egui::Button::new(label).small());
        let edit = edit.on_disabled_hover_text("Too long to edit here: read it a part at a time");
        if edit.clicked() {
            commands.push(NoteCommand::Edit(id.clone()));
        }
        if ui.small_button("Delete").clicked() {
            commands.push(NoteCommand::Delete(id.clone()));
        }
    });
}
