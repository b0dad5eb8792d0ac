//! The reader's notes in the app: the notes column, the highlight toolbar, the list
//! of all notes, and the commands that change notes.

use std::ops::Range;
use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use egui::{Color32, Response, Role, Sense, Ui, WidgetInfo, vec2};

use crate::model::{Anchor, Article, HighlightColor, Note, NoteId, Placement, Section, place};
use crate::store::ArticleNotes;
use crate::text::{FontFamily, TextEditor, TextStyle};
use crate::ui::{
    NoteEditor, RowDecorations, SelectionInView, TextBlock, TextButton, TextSelection,
};

/// What the reader did to a note; applied by `NotesOfArticle::apply`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteCommand {
    /// Add a note on a whole section and start writing it.
    AddToSection(usize),
    /// Highlight a span of a section; with `with_note`, start writing a note on it.
    Highlight {
        /// The section's index.
        section: usize,
        /// The highlighted bytes of its text.
        range: Range<usize>,
        /// The colour.
        color: HighlightColor,
        /// Whether to open the note editor on it.
        with_note: bool,
    },
    /// Start editing a note.
    Edit(NoteId),
    /// Replace a note's text.
    SetText(NoteId, String),
    /// Replace a note's tags.
    SetTags(NoteId, Vec<String>),
    /// Close the editor.
    FinishEditing,
    /// Delete a note (it can be restored).
    Delete(NoteId),
    /// Bring back a deleted note.
    Restore(NoteId),
    /// Attach an orphaned note to a section.
    Reattach(NoteId, usize),
}

/// A note being written.
pub struct EditingNote {
    id: NoteId,
    text: TextEditor,
    tags: TextEditor,
}

/// The notes of the open article, where they are, and what is being edited.
pub struct NotesOfArticle {
    /// The notes and their sidecar.
    pub store: ArticleNotes,
    /// Where each live note is in the article, in reading order.
    placements: Vec<(NoteId, Placement)>,
    placed_generation: Option<u64>,
    editing: Option<EditingNote>,
    /// The last note deleted, which can be restored.
    pub last_deleted: Option<NoteId>,
    /// Whether the list of all notes is open.
    pub list_open: bool,
}

/// Milliseconds since 1970, for note times.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

fn note_style() -> TextStyle {
    TextStyle {
        family: FontFamily::Naskh,
        size_pt: 16.0,
        line_height: 1.6,
        bold: false,
    }
}

/// The fill of a highlight of `color` under text: see-through, so the text stays
/// readable on light and dark themes.
pub fn highlight_fill(color: HighlightColor) -> Color32 {
    let solid = highlight_solid(color);
    Color32::from_rgba_unmultiplied(solid.r(), solid.g(), solid.b(), 80)
}

/// The colour itself, for swatches.
fn highlight_solid(color: HighlightColor) -> Color32 {
    let (r, g, b) = match color {
        HighlightColor::Yellow => (250, 204, 21),
        HighlightColor::Green => (74, 222, 128),
        HighlightColor::Blue => (96, 165, 250),
        HighlightColor::Pink => (244, 114, 182),
        HighlightColor::Purple => (192, 132, 252),
    };
    Color32::from_rgb(r, g, b)
}

/// `range` widened to whole words: a highlight dragged to the middle of a word takes
/// the word, as a reader means it.
fn whole_words(text: &str, range: Range<usize>) -> Range<usize> {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut start = range.start;
    let mut end = range.end;
    for (offset, word) in text.split_word_bound_indices() {
        let word_end = offset + word.len();
        let is_word = word.chars().any(char::is_alphanumeric);
        if is_word && offset < start && start < word_end {
            start = offset;
        }
        if is_word && offset < end && end < word_end {
            end = word_end;
        }
    }
    start..end
}

impl NotesOfArticle {
    /// The notes of the article at `path`, and a message if its sidecar could not be
    /// used.
    pub fn open(path: &Path) -> (Self, Option<String>) {
        let (store, notices) = ArticleNotes::open(path);
        let message = super::store_messages::notices_message(&notices);
        let this = Self {
            store,
            placements: Vec::new(),
            placed_generation: None,
            editing: None,
            last_deleted: None,
            list_open: false,
        };
        (this, message)
    }

    /// Finds every live note in `article` again, if the notes changed.
    pub fn place_all(&mut self, article: &Article) {
        if self.placed_generation == Some(self.store.revision()) {
            return;
        }
        let mut placements: Vec<(NoteId, Placement)> = self
            .store
            .notes()
            .iter()
            .filter(|(_, note)| !note.deleted)
            .map(|(id, note)| (id.clone(), place(&note.anchor, article)))
            .collect();
        placements.sort_by_key(|(_, placement)| match placement {
            Placement::Section(index) => (0, *index, 0),
            Placement::Span(index, range) => (0, *index, range.start + 1),
            Placement::Orphan => (1, 0, 0),
        });
        self.placements = placements;
        self.placed_generation = Some(self.store.revision());
    }

    /// Makes the next [`Self::place_all`] look for every note again: the article's
    /// text changed.
    pub fn forget_placements(&mut self) {
        self.placed_generation = None;
    }

    /// The live notes with where they are, in reading order; orphans last.
    pub fn placements(&self) -> &[(NoteId, Placement)] {
        &self.placements
    }

    /// The id of the note being edited.
    pub fn editing(&self) -> Option<&NoteId> {
        self.editing.as_ref().map(|editing| &editing.id)
    }

    /// Applies `command` to the notes of `article`.
    pub fn apply(&mut self, article: &Article, command: NoteCommand, now: Instant) {
        let time = now_ms();
        match command {
            NoteCommand::AddToSection(index) => {
                let Some(section) = article.sections.get(index) else {
                    return;
                };
                let anchor = Anchor::section(section.id, &section.text);
                let id = self.add(now, anchor, None);
                self.start_editing(id);
            }
            NoteCommand::Highlight {
                section,
                range,
                color,
                with_note,
            } => {
                let Some(section) = article.sections.get(section) else {
                    return;
                };
                if section.text.get(range.clone()).is_none_or(str::is_empty) {
                    return;
                }
                let range = whole_words(&section.text, range);
                let id = self.add(
                    now,
                    Anchor::span(section.id, &section.text, range),
                    Some(color),
                );
                if with_note {
                    self.start_editing(id);
                }
            }
            NoteCommand::Edit(id) => self.start_editing(id),
            NoteCommand::SetText(id, text) => self.change(now, &id, time, |note| note.text = text),
            NoteCommand::SetTags(id, tags) => self.change(now, &id, time, |note| note.tags = tags),
            NoteCommand::FinishEditing => {
                // A note opened on a section and left empty was never wanted.
                if let Some(editing) = self.editing.take() {
                    self.store.remove_if_blank(now, &editing.id);
                }
            }
            NoteCommand::Delete(id) => {
                if self.editing() == Some(&id) {
                    self.editing = None;
                }
                self.change(now, &id, time, |note| note.deleted = true);
                self.last_deleted = Some(id);
            }
            NoteCommand::Restore(id) => {
                self.change(now, &id, time, |note| note.deleted = false);
                self.last_deleted = None;
            }
            NoteCommand::Reattach(id, index) => {
                let Some(section) = article.sections.get(index) else {
                    return;
                };
                let anchor = Anchor::section(section.id, &section.text);
                self.change(now, &id, time, |note| note.anchor = anchor);
            }
        }
        self.place_all(article);
    }

    fn add(&mut self, now: Instant, anchor: Anchor, color: Option<HighlightColor>) -> NoteId {
        let time = now_ms();
        let id = NoteId::new(time, fastrand::u32(..));
        let note = Note {
            color,
            ..Note::new(anchor, time)
        };
        self.store.edit(now, |notes| notes.insert(id.clone(), note));
        id
    }

    fn change(&mut self, now: Instant, id: &NoteId, time: u64, change: impl FnOnce(&mut Note)) {
        self.store.edit(now, |notes| {
            if let Some(note) = notes.get_mut(id) {
                change(note);
                note.modified_ms = time;
            }
        });
    }

    fn start_editing(&mut self, id: NoteId) {
        // Notes shown from a newer version's sidecar cannot be changed here.
        if self.store.is_read_only(&id) {
            return;
        }
        let Some(note) = self.store.notes().get(&id) else {
            return;
        };
        let text = TextEditor::new(&note.text, note_style());
        let tags = TextEditor::new(&note.tags.join(", "), TextStyle::interface(13.0));
        self.editing = Some(EditingNote { id, text, tags });
    }

    /// The decorations of the reading view: highlights and the notes column.
    pub fn decorations<'a>(
        &'a mut self,
        commands: &'a mut Vec<NoteCommand>,
    ) -> NotesDecorations<'a> {
        NotesDecorations {
            notes: self,
            commands,
        }
    }
}

/// Draws the notes into the reading view; see [`RowDecorations`].
pub struct NotesDecorations<'a> {
    notes: &'a mut NotesOfArticle,
    commands: &'a mut Vec<NoteCommand>,
}

impl RowDecorations for NotesDecorations<'_> {
    fn highlights(&self, index: usize) -> Vec<(Range<usize>, Color32)> {
        let notes = self.notes.store.notes();
        self.notes
            .placements
            .iter()
            .filter_map(|(id, placement)| match placement {
                Placement::Span(at, range) if *at == index => {
                    let color = notes.get(id)?.color.unwrap_or(HighlightColor::Yellow);
                    Some((range.clone(), highlight_fill(color)))
                }
                _ => None,
            })
            .collect()
    }

    fn notes_cell(&mut self, ui: &mut Ui, index: usize, section: &Section) {
        let here: Vec<(NoteId, Option<Range<usize>>)> = self
            .notes
            .placements
            .iter()
            .filter_map(|(id, placement)| match placement {
                Placement::Section(at) if *at == index => Some((id.clone(), None)),
                Placement::Span(at, range) if *at == index => {
                    Some((id.clone(), Some(range.clone())))
                }
                _ => None,
            })
            .collect();
        for (id, range) in here {
            let quote = range
                .and_then(|range| section.text.get(range))
                .map(|quote| format!("«{quote}»"));
            note_card(ui, self.notes, &id, quote.as_deref(), self.commands);
            ui.add_space(4.0);
        }
        if ui
            .add(egui::Button::new("+ Note").small().frame(false))
            .on_hover_text("Add a note on this section")
            .clicked()
        {
            self.commands.push(NoteCommand::AddToSection(index));
        }
    }

    fn notes_status(&self) -> String {
        let live = self.notes.placements.len();
        let orphans = self
            .notes
            .placements
            .iter()
            .filter(|(_, placement)| *placement == Placement::Orphan)
            .count();
        match (live, orphans) {
            (0, _) => "Select text to highlight it, or add a note".to_owned(),
            (_, 0) => format!("{live} notes"),
            _ => format!("{live} notes, {orphans} no longer placed (Notes > All notes)"),
        }
    }
}

/// One note: its quote, its text (or the editor), its tags, and its buttons.
fn note_card(
    ui: &mut Ui,
    notes: &mut NotesOfArticle,
    id: &NoteId,
    quote: Option<&str>,
    commands: &mut Vec<NoteCommand>,
) {
    let Some(note) = notes.store.notes().get(id).cloned() else {
        return;
    };
    let bar = note.color.map_or(
        ui.visuals().widgets.noninteractive.bg_stroke.color,
        highlight_fill,
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
                ui.add(
                    TextBlock::new(quote)
                        .style(TextStyle {
                            size_pt: 14.0,
                            ..note_style()
                        })
                        .color(color),
                );
            }
            if let Some(conflict) = &note.conflict_with {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Changed in two places: this copy came from elsewhere (see note {conflict})"
                    ),
                );
            }
            let editing = notes.editing.as_mut().filter(|editing| editing.id == *id);
            if let Some(editing) = editing {
                let text = ui.add(NoteEditor::new(&mut editing.text).hint("Write a note"));
                if text.changed() {
                    commands.push(NoteCommand::SetText(id.clone(), editing.text.text()));
                }
                let tags = ui.add(
                    NoteEditor::new(&mut editing.tags)
                        .hint("Tags, separated by commas")
                        .min_lines(1.0),
                );
                if tags.changed() {
                    let tags = editing
                        .tags
                        .text()
                        .split([',', '،'])
                        .map(str::trim)
                        .filter(|tag| !tag.is_empty())
                        .map(str::to_owned)
                        .collect();
                    commands.push(NoteCommand::SetTags(id.clone(), tags));
                }
                ui.horizontal(|ui| {
                    if ui.small_button("Done").clicked() {
                        commands.push(NoteCommand::FinishEditing);
                    }
                    if ui.small_button("Delete").clicked() {
                        commands.push(NoteCommand::Delete(id.clone()));
                    }
                });
            } else {
                if !note.text.is_empty() {
                    ui.add(
                        TextBlock::new(&note.text)
                            .style(note_style())
                            .id_salt(("note", &id.0)),
                    );
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
                            .style(TextStyle::interface(12.0))
                            .color(color)
                            .selectable(false),
                    );
                }
                ui.horizontal(|ui| {
                    let label = if note.text.is_empty() {
                        "Add note"
                    } else {
                        "Edit"
                    };
                    if ui.small_button(label).clicked() {
                        commands.push(NoteCommand::Edit(id.clone()));
                    }
                    if ui.small_button("Delete").clicked() {
                        commands.push(NoteCommand::Delete(id.clone()));
                    }
                });
            }
        });
}

/// A round colour button, named for screen readers.
fn color_button(ui: &mut Ui, color: HighlightColor) -> Response {
    let (rect, response) = ui.allocate_exact_size(vec2(20.0, 20.0), Sense::click());
    let fill = highlight_solid(color);
    let radius = if response.hovered() { 9.0 } else { 8.0 };
    ui.painter().circle_filled(rect.center(), radius, fill);
    let label = format!("Highlight in {}", color.name());
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    response
}

/// The toolbar over a selection: highlight in a colour, or highlight and write a note.
pub fn selection_toolbar(
    ctx: &egui::Context,
    selection: &SelectionInView,
    commands: &mut Vec<NoteCommand>,
) {
    let position = selection.rect.left_top() - vec2(0.0, 34.0);
    egui::Area::new(egui::Id::unique("hamish-selection-toolbar"))
        .fixed_pos(position)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for color in HighlightColor::ALL {
                        if color_button(ui, color).clicked() {
                            commands.push(NoteCommand::Highlight {
                                section: selection.section,
                                range: selection.range.clone(),
                                color,
                                with_note: false,
                            });
                            TextSelection::clear(ctx);
                        }
                    }
                    if ui
                        .button("Note")
                        .on_hover_text("Highlight and write a note on it")
                        .clicked()
                    {
                        commands.push(NoteCommand::Highlight {
                            section: selection.section,
                            range: selection.range.clone(),
                            color: HighlightColor::Yellow,
                            with_note: true,
                        });
                        TextSelection::clear(ctx);
                    }
                });
            });
        });
}

/// What the list of all notes asked for besides note commands.
pub enum ListAction {
    /// Scroll the reading view to this section.
    ShowSection(usize),
}

/// The list of all notes of the article, orphans apart, in a window.
pub fn notes_list_window(
    ctx: &egui::Context,
    notes: &mut NotesOfArticle,
    article: &Article,
    top_section: usize,
    commands: &mut Vec<NoteCommand>,
) -> Option<ListAction> {
    let mut action = None;
    let mut open = notes.list_open;
    egui::Window::new("All notes").open(&mut open).default_size([420.0, 520.0]).show(ctx, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut orphans_heading = false;
            for (id, placement) in notes.placements.clone() {
                let Some(note) = notes.store.notes().get(&id) else { continue };
                let quote = match &placement {
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
                        if ui.add(TextButton::new(&label).style(note_style())).clicked() {
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
                        ui.add(TextButton::new(&label).style(note_style()));
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
            if notes.placements.is_empty() {
                ui.label("No notes yet: select text to highlight it, or use + Note beside a section.");
            }
        });
    });
    notes.list_open = open;
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_take_whole_words() {
        let text = "ذكر موقع IA 24.KG في 9 تشرين";
        let partial_start = text.find("كر").expect("inside the first word");
        let partial_end = text.find("في").expect("second to last word") + "ف".len();
        let range = whole_words(text, partial_start..partial_end);
        assert_eq!(&text[range], "ذكر موقع IA 24.KG في");
        let exact = text.find("موقع").expect("word");
        assert_eq!(
            &text[whole_words(text, exact..exact + "موقع".len())],
            "موقع"
        );
    }
}
