//! The notes margin: under each section that has notes, their cards; "+ Note" on the
//! row pointed at; a marker in the gutter of rows with notes; and the highlights the
//! notes paint under the source text.

use std::ops::Range;

use egui::{Color32, Ui};

use crate::model::{HighlightColor, NoteId, Notes, Placement, Section};
use crate::ui::columns::ColumnCells;
use crate::ui::{count, theme};

use super::card::note_card;
use super::{EditingNote, NoteCommand};

/// The notes of the article as a column of the reading view.
pub struct NotesColumn<'a> {
    /// Every note, deleted ones included.
    pub notes: &'a Notes,
    /// Where each live note is, in reading order; orphans last.
    pub placements: &'a [(NoteId, Placement)],
    /// The note being written, if any.
    pub editing: Option<&'a mut EditingNote>,
    /// What the reader asked for.
    pub commands: &'a mut Vec<NoteCommand>,
    /// How the notes are set.
    pub style: crate::text::TextStyle,
    /// Room left free on each side of the cards, in points.
    pub margin_pt: f32,
}

/// The highlights of section `index`, with their fills.
pub fn note_highlights(
    notes: &Notes,
    placements: &[(NoteId, Placement)],
    index: usize,
) -> Vec<(Range<usize>, Color32)> {
    placements
        .iter()
        .filter_map(|(id, placement)| match placement {
            Placement::Span(at, range) if *at == index => {
                let color = notes.get(id)?.color.unwrap_or(HighlightColor::Yellow);
                Some((range.clone(), theme::highlight_fill(color)))
            }
            _ => None,
        })
        .collect()
}

impl ColumnCells for NotesColumn<'_> {
    fn title(&self) -> &str {
        "Notes"
    }

    fn status(&self) -> String {
        let live = self.placements.len();
        let orphans = self
            .placements
            .iter()
            .filter(|(_, placement)| *placement == Placement::Orphan)
            .count();
        match (live, orphans) {
            (0, _) => "Select text to highlight it, or add a note".to_owned(),
            (_, 0) => count(live, "note"),
            _ => format!(
                "{}, {orphans} no longer placed (Notes > All notes)",
                count(live, "note")
            ),
        }
    }

    fn margin_pt(&self) -> f32 {
        self.margin_pt
    }

    fn cell(&mut self, ui: &mut Ui, index: usize, section: &Section) {
        for (id, placement) in self.placements {
            let range: Option<&Range<usize>> = match placement {
                Placement::Section(at) if *at == index => None,
                Placement::Span(at, range) if *at == index => Some(range),
                _ => continue,
            };
            let Some(note) = self.notes.get(id) else {
                continue;
            };
            let quote = range
                .and_then(|range| section.text.get(range.clone()))
                .map(|quote| format!("«{quote}»"));
            let editing = self
                .editing
                .as_deref_mut()
                .filter(|editing| editing.id == *id);
            note_card(
                ui,
                id,
                note,
                quote.as_deref(),
                editing,
                self.style,
                self.commands,
            );
            ui.add_space(4.0);
        }
    }

    fn actions(&mut self, ui: &mut Ui, index: usize) {
        if ui
            .add(egui::Button::new("+ Note").small().frame(false))
            .on_hover_text("Add a note on this section (N)")
            .clicked()
        {
            self.commands.push(NoteCommand::AddToSection(index));
        }
    }

    fn marked(&self, index: usize) -> bool {
        self.placements
            .iter()
            .any(|(_, placement)| match placement {
                Placement::Section(at) | Placement::Span(at, _) => *at == index,
                Placement::Orphan => false,
            })
    }
}
