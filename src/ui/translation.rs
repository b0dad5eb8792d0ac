//! The translation column: beside each section its translation, with where it comes
//! from, flags where a file's alignment looks wrong and the fixes for them, an editor
//! for the reader's own translation, and a header to pick the language.
//!
//! It reads a resolved [`TranslationColumn`] and returns [`TranslationCommand`]s; the
//! app applies them.

use std::collections::HashMap;

use egui::{Color32, Id, Rect, Ui};

use crate::model::Section;
use crate::model::translation::{
    AlignmentFix, AlignmentProblem, Cell, ColumnRow, MatchKind, RowFlag, TranslationColumn,
    TranslationSource,
};
use crate::text::{TextEditor, TextStyle};

use super::columns::ColumnCells;
use super::machine_translation::RowMark;
use super::{TextBlock, TextField, long_text};

/// What the reader did to the translations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TranslationCommand {
    /// Show the translation in this language.
    ShowLanguage(String),
    /// Start writing (or correcting) the translation of a row.
    Edit(usize),
    /// Replace the reader's translation of a row (empty clears it).
    SetText(usize, String),
    /// Close the editor.
    FinishEditing,
    /// Fix the file's alignment.
    Fix(AlignmentFix),
    /// Take back the last alignment fix (or sentence move).
    UndoFix,
    /// Move a translation sentence of a row aligned sentence by sentence: the row's
    /// last one to the next section (`to_next`), or its first to the previous one.
    MoveSentence {
        /// The row it is in.
        row: usize,
        /// Down to the next section (its last sentence), or up to the previous one
        /// (its first).
        to_next: bool,
    },
    /// Pin a translation sentence of a row aligned sentence by sentence to an
    /// article sentence: "this goes with that".
    PinSentence {
        /// The article's section the sentence is in.
        section: usize,
        /// The sentence, from 0, among the section's sentences.
        sentence: usize,
        /// The row the translation sentence is shown in.
        row: usize,
        /// A byte of the translation sentence in that row's text.
        offset: usize,
    },
    /// Machine-translate a row (again, if it was).
    MachineTranslate(usize),
    /// Settle a row's conflict: keep this version of the reader's translation (the
    /// one shown, or one of the others kept in the sidecar) and let the others go.
    KeepVersion(usize, String),
}

/// The editor of a translation being written.
pub struct EditingTranslation {
    /// Its row.
    pub row: usize,
    /// Its text.
    pub editor: TextEditor,
    /// The translation the reader started from, when they correct one.
    pub edited_from: Option<TranslationSource>,
    /// Whether the field should take the keyboard focus: true when it opens.
    pub focus_pending: bool,
}

/// The translation column of the reading view.
pub struct TranslationCells<'a> {
    /// The column, once resolved; `None` when there is no translation at all.
    pub column: Option<&'a TranslationColumn>,
    /// The languages the picker offers.
    pub languages: &'a [String],
    /// Translation files that cannot be used, with why.
    pub problems: &'a [String],
    /// The cell being written, if any.
    pub editing: Option<&'a mut EditingTranslation>,
    /// The fix that splits the row being edited at its caret, when it can be split.
    pub split: Option<AlignmentFix>,
    /// Whether cells are blurred until hovered (or Alt is held).
    pub blurred: bool,
    /// How translations are set.
    pub style: TextStyle,
    /// Room left free on each side of the cells, in points.
    pub margin_pt: f32,
    /// How rows stand in the machine translation under way (waiting, failed).
    pub marks: &'a HashMap<usize, RowMark>,
    /// What the reader asked for.
    pub commands: &'a mut Vec<TranslationCommand>,
    /// The search's matches in a row's translation, with their fills.
    pub search_highlights: super::Highlights<'a>,
    /// The sentences to paint as linked, and what the reader pointed at.
    pub linked: LinkedCells,
}

/// The linked sentences of the translation column in a frame: set by the reading
/// view row by row, and reported back to it.
#[derive(Debug, Default)]
pub struct LinkedCells {
    /// The row whose spans are set, and the spans.
    marked: (usize, Vec<std::ops::Range<usize>>),
    /// What the cells report.
    report: super::columns::LinkedInCells,
}

/// What the header of a column without any translation says: the three ways to fill it.
const NO_TRANSLATION: &str = "No translation yet: add a file (File > Import translation…), \
     translate by machine (Translate menu), or write one (T, or point at a section)";

/// A word for where a cell comes from.
fn source_label(cell: &Cell) -> String {
    match &cell.source {
        TranslationSource::Reader => "yours".to_owned(),
        // Its sentences may come from other lines of the file than this row's: said so.
        TranslationSource::File { file } if cell.how == Some(MatchKind::Sentences) => {
            format!("from {file}, lined up sentence by sentence")
        }
        TranslationSource::File { file } => format!("from {file}"),
        TranslationSource::Machine { engine, model } if model.is_empty() => {
            format!("machine-made ({engine}), not checked")
        }
        TranslationSource::Machine { engine, model } => {
            format!("machine-made ({engine}, {model}), not checked")
        }
    }
}

/// Why a row is flagged, in plain words.
fn flag_words(flag: RowFlag) -> &'static str {
    match flag {
        RowFlag::CountMismatch => "the file and the article have different numbers of sections",
        RowFlag::LengthRatio => "much longer or shorter than the other rows suggest",
        RowFlag::SourceDiffers => "its source text is not this section's",
        RowFlag::LeftOver => "fits no section",
        RowFlag::LowConfidence => "the sentence alignment is unsure here",
        RowFlag::NothingHere => "nothing in the translation here",
    }
}

impl ColumnCells for TranslationCells<'_> {
    fn title(&self) -> &str {
        "Translation"
    }

    fn margin_pt(&self) -> f32 {
        self.margin_pt
    }

    fn status(&self) -> String {
        let mut parts = Vec::new();
        match self.column {
            None if self.problems.is_empty() => parts.push(NO_TRANSLATION.to_owned()),
            None => {}
            Some(column) if column.rows.iter().all(|row| row.cell.is_none()) => {
                parts.push(NO_TRANSLATION.to_owned());
            }
            Some(column) => {
                let flagged = column.flagged();
                let sentences = column
                    .problems
                    .iter()
                    .any(|problem| matches!(problem, AlignmentProblem::SentenceAligned { .. }));
                if flagged > 0 && sentences {
                    parts.push(format!("{} to check", super::count(flagged, "row")));
                } else if flagged > 0 {
                    parts.push(format!(
                        "{} to check: the file may not line up with the article",
                        super::count(flagged, "row")
                    ));
                }
                parts.extend(column.problems.iter().map(ToString::to_string));
            }
        }
        parts.extend(self.problems.iter().cloned());
        parts.join(" · ")
    }

    fn header(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Translation").strong());
            let shown = self.column.map(|column| column.language.as_str());
            if !self.languages.is_empty() {
                egui::ComboBox::from_id_salt("translation-language")
                    .selected_text(shown.unwrap_or("—"))
                    .width(70.0)
                    .show_ui(ui, |ui| {
                        for language in self.languages {
                            let chosen = Some(language.as_str()) == shown;
                            if ui.selectable_label(chosen, language).clicked() && !chosen {
                                self.commands
                                    .push(TranslationCommand::ShowLanguage(language.clone()));
                            }
                        }
                    })
                    .response
                    .on_hover_text("The language shown");
            }
        });
        let status = self.status();
        if !status.is_empty() {
            let color = if self.column.is_some_and(|column| column.flagged() > 0)
                || !self.problems.is_empty()
            {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            // Wrapped inside the column, in the type the rest of the chrome is set in:
            // the reader has to be able to read all of it.
            ui.add(egui::Label::new(egui::RichText::new(status).color(color)).wrap());
        }
    }

    fn actions(&mut self, ui: &mut Ui, index: usize) {
        let rows = self.column.map_or(0, |column| column.rows.len());
        if let Some(row) = self
            .column
            .and_then(|column| column.rows.get(index))
            .filter(|row| !row.links.is_empty())
        {
            sentence_moves(ui, index, rows, row, self.commands);
        }
        let editing = self.editing.as_deref().is_some_and(|e| e.row == index);
        let translated = self
            .column
            .and_then(|column| column.rows.get(index))
            .is_some_and(|row| row.cell.is_some());
        if editing || translated {
            return;
        }
        let invite = ui
            .add(
                egui::Button::new("Write a translation…")
                    .small()
                    .frame(false),
            )
            .on_hover_text("Write your translation of this section (T)");
        if invite.clicked() {
            self.commands.push(TranslationCommand::Edit(index));
        }
        if self.marks.get(&index) != Some(&RowMark::Waiting) {
            machine_button(ui, index, "Translate by machine", self.commands);
        }
    }

    fn linked_text(&self, index: usize) -> Option<&str> {
        let cell = self.column?.rows.get(index)?.cell.as_ref()?;
        Some(cell.text.as_str())
    }

    fn mark_linked(&mut self, index: usize, ranges: &[std::ops::Range<usize>]) {
        self.linked.marked.0 = index;
        self.linked.marked.1.clear();
        self.linked.marked.1.extend_from_slice(ranges);
        self.linked.report.marked_rect = None;
    }

    fn linked_in_cells(&self) -> super::columns::LinkedInCells {
        self.linked.report.clone()
    }

    fn cell(&mut self, ui: &mut Ui, index: usize, _section: &Section) {
        if let Some(editing) = self.editing.as_deref_mut().filter(|e| e.row == index) {
            editor(ui, editing, self.split.clone(), self.commands);
            return;
        }
        let row = self.column.and_then(|column| column.rows.get(index));
        let mark = self.marks.get(&index);
        let Some(cell) = row.and_then(|row| row.cell.as_ref()) else {
            // A row without a translation is empty: what can fill it is offered on the
            // row pointed at (see `actions`), and said once in the header; a file
            // aligned sentence by sentence that leaves the section out says so.
            if let Some(row) = row.filter(|row| row.flags.contains(&RowFlag::NothingHere)) {
                ui.label(
                    egui::RichText::new(flag_words(RowFlag::NothingHere))
                        .italics()
                        .color(ui.visuals().weak_text_color()),
                );
                not_in_article(ui, index, row, self.style);
            }
            machine_mark(ui, mark);
            return;
        };
        let found = (self.search_highlights)(index);
        // A segment of megabytes is shown a part at a time (laid out whole, it took
        // the window down), and is not put into an editor.
        let part = long_text::shown_part(
            ui.ctx(),
            Id::unique("hamish-translation-part").with(index),
            &cell.text,
        );
        let linked: Vec<std::ops::Range<usize>> = if self.linked.marked.0 == index {
            self.linked.marked.1.clone()
        } else {
            Vec::new()
        };
        let (shown_text, found, linked, shown_from) = match &part {
            Some(part) => {
                let linked: Vec<(std::ops::Range<usize>, Color32)> = linked
                    .into_iter()
                    .map(|range| (range, Color32::TRANSPARENT))
                    .collect();
                (
                    &cell.text[part.range.clone()],
                    long_text::ranges_in_part(&found, &part.range),
                    long_text::ranges_in_part(&linked, &part.range)
                        .into_iter()
                        .map(|(range, _)| range)
                        .collect(),
                    part.range.start,
                )
            }
            None => (cell.text.as_str(), found, linked, 0),
        };
        if let Some(part) = &part {
            // Above the part: a part is as tall as a long article line's, and the way
            // to the rest must be in sight.
            long_text::pager(ui, &cell.text, part);
        }
        let text = TextBlock::new(shown_text)
            .style(self.style)
            .selectable(false)
            .highlights(&found)
            .marked(&linked, super::theme::linked_sentence_fill())
            .reports_pointer()
            .id_salt(("translation", index))
            .show(ui);
        let shown = text.response.rect;
        if text.marked_rect.is_some() {
            self.linked.report.marked_rect = text.marked_rect;
        }
        if ui.rect_contains_pointer(shown)
            && let Some(offset) = text.pointer_offset
        {
            self.linked.report.pointed = Some((index, shown_from + offset));
        }
        // A row lined up sentence by sentence lets its sentences be dragged to another
        // row. The cell's text is not selectable (a click edits it), so a plain drag
        // takes nothing from the reader: no modifier or grip to find, and the row
        // still scrolls by wheel as every row does.
        let by_sentence = cell.how == Some(MatchKind::Sentences) && part.is_none();
        let sense = if by_sentence {
            egui::Sense::click_and_drag()
        } else {
            egui::Sense::click()
        };
        let response = ui.interact(
            shown,
            ui.scope_id().with(("translation-cell", index)),
            sense,
        );
        // A drag starts a few points from the press: still on the sentence pressed.
        if response.drag_started()
            && let Some(offset) = text.pointer_offset
        {
            self.linked.report.drag_started = Some((index, shown_from + offset));
        }
        let response = if part.is_some() {
            response.on_hover_text("Too long to edit here: page through it above")
        } else {
            let hover = if by_sentence {
                "Click to edit; drag a sentence onto another row or an article sentence to \
                 move it there; Alt+click pins it to the sentence cursor's sentence"
            } else {
                "Click to edit"
            };
            let response = response
                .on_hover_cursor(egui::CursorIcon::Text)
                .on_hover_text(hover);
            // A button for screen readers, named by what it does (its text is the
            // translation block's, just before it).
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::accesskit::Role::Button,
                    true,
                    format!("Edit the translation of section {}", index + 1),
                )
            });
            // Alt+click pins the sentence clicked instead (see the reading view).
            if response.clicked() && !ui.input(|input| input.modifiers.alt) {
                self.commands.push(TranslationCommand::Edit(index));
            }
            response
        };
        let revealed = response.hovered() || ui.input(|input| input.modifiers.alt);
        if self.blurred && !revealed {
            cover(ui, shown);
        }
        let weak = ui.visuals().weak_text_color();
        let label = source_label(cell);
        let mut badge = egui::RichText::new(label).small().color(weak);
        if cell.is_machine() {
            badge = badge.italics().color(ui.visuals().warn_fg_color);
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(badge);
            if cell.is_machine() && mark != Some(&RowMark::Waiting) {
                machine_button(ui, index, "Translate again", self.commands);
            }
        });
        machine_mark(ui, mark);
        if let Some(row) = row.filter(|row| !row.conflicts.is_empty()) {
            conflict(ui, index, &cell.text, &row.conflicts, self.commands);
        }
        if let Some(row) = row.filter(|row| !row.glossary_missed.is_empty()) {
            let missed = format!(
                "Glossary: not translated as your glossary says: {}",
                // Terms come from a file: bounded, and any bidi control shown, not obeyed.
                crate::model::shown::shown_list(&row.glossary_missed)
            );
            ui.add(
                TextBlock::new(&missed)
                    .style(super::theme::SMALL)
                    .selectable(false)
                    .color(ui.visuals().warn_fg_color)
                    .id_salt(("glossary-missed", index)),
            );
        }
        if let Some(row) = row {
            not_in_article(ui, index, row, self.style);
        }
        if let Some(row) = row.filter(|row| row.flags.iter().any(|flag| flag.needs_check())) {
            if row.links.is_empty() {
                flagged(ui, index, &row.flags, self.commands);
            } else {
                let why: Vec<&str> = row.flags.iter().map(|flag| flag_words(*flag)).collect();
                check_label(ui, &why);
            }
        }
    }
}

/// The translation sentences that go with no sentence of the article and fall at
/// this row, each marked as such.
fn not_in_article(ui: &mut Ui, index: usize, row: &ColumnRow, style: TextStyle) {
    for (number, note) in row.notes.iter().enumerate() {
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, ui.visuals().weak_text_color()))
            .corner_radius(4.0)
            .inner_margin(4.0)
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new("Not in the article (a translator's note or a title):")
                            .color(ui.visuals().weak_text_color()),
                    )
                    .wrap(),
                );
                ui.add(
                    TextBlock::new(note)
                        .style(style)
                        .selectable(false)
                        .id_salt(("not-in-article", index, number)),
                );
            });
    }
}

/// "Check: …", wrapped, in readable type.
fn check_label(ui: &mut Ui, why: &[&str]) {
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!("Check: {}", why.join("; ")))
                .color(ui.visuals().warn_fg_color),
        )
        .wrap(),
    );
}

/// The buttons moving a translation sentence of a row aligned sentence by sentence
/// to the section before or after (the keys are in `ui::shortcuts`).
fn sentence_moves(
    ui: &mut Ui,
    row: usize,
    rows: usize,
    shown: &ColumnRow,
    commands: &mut Vec<TranslationCommand>,
) {
    let has_sentences = shown.links.iter().any(|link| !link.translation.is_empty());
    if !has_sentences {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        if row > 0 {
            let up = ui
                .add(egui::Button::new("First sentence to the section above").small())
                .on_hover_text(
                    "This row's first translation sentence belongs to the section above \
                     (Ctrl+Shift+Up); the rest lines up again around it",
                );
            if up.clicked() {
                commands.push(TranslationCommand::MoveSentence {
                    row,
                    to_next: false,
                });
            }
        }
        if row + 1 < rows {
            let down = ui
                .add(egui::Button::new("Last sentence to the section below").small())
                .on_hover_text(
                    "This row's last translation sentence belongs to the section below \
                     (Ctrl+Shift+Down); the rest lines up again around it",
                );
            if down.clicked() {
                commands.push(TranslationCommand::MoveSentence { row, to_next: true });
            }
        }
    });
}

/// The button asking for a row's machine translation.
fn machine_button(ui: &mut Ui, row: usize, label: &str, commands: &mut Vec<TranslationCommand>) {
    let button = ui
        .add(egui::Button::new(label).small().frame(false))
        .on_hover_text(
            "Machine-translate this section with the engine of Translate › Engine settings",
        );
    if button.clicked() {
        commands.push(TranslationCommand::MachineTranslate(row));
    }
}

/// How a row stands in the machine translation under way: waiting, or why it failed.
fn machine_mark(ui: &mut Ui, mark: Option<&RowMark>) {
    match mark {
        None => {}
        Some(RowMark::Waiting) => {
            ui.label(
                egui::RichText::new("Translating…")
                    .small()
                    .italics()
                    .color(ui.visuals().weak_text_color()),
            );
        }
        Some(RowMark::Failed(why)) => {
            let text = format!("Not translated: {why}");
            ui.add(
                TextBlock::new(&text)
                    .style(super::theme::SMALL)
                    .selectable(false)
                    .color(ui.visuals().error_fg_color),
            );
        }
    }
}

/// Paints over a cell so it cannot be read until it is hovered: for readers testing
/// themselves.
fn cover(ui: &Ui, rect: Rect) {
    let fill = ui.visuals().panel_fill;
    let covered = Color32::from_rgba_unmultiplied(fill.r(), fill.g(), fill.b(), 235);
    ui.painter().rect_filled(rect.expand(2.0), 4.0, covered);
    let hint = ui.visuals().weak_text_color();
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "hover to read",
        egui::FontId::proportional(11.0),
        hint,
    );
}

/// A row whose translation was changed differently in two places: the other
/// versions, each with a way to keep it, and a way to keep the one shown.
fn conflict(
    ui: &mut Ui,
    row: usize,
    shown: &str,
    others: &[String],
    commands: &mut Vec<TranslationCommand>,
) {
    let warn = ui.visuals().warn_fg_color;
    ui.colored_label(
        warn,
        egui::RichText::new(format!(
            "Changed in two places: {} kept. Keep one:",
            match others.len() {
                1 => "another version is".to_owned(),
                count => format!("{count} other versions are"),
            }
        ))
        .small(),
    );
    let keep_shown = ui
        .small_button("Keep the version above")
        .on_hover_text("Keep the translation shown and let the other versions go");
    if keep_shown.clicked() {
        commands.push(TranslationCommand::KeepVersion(row, shown.to_owned()));
    }
    for (index, other) in others.iter().enumerate() {
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, warn))
            .corner_radius(4.0)
            .inner_margin(4.0)
            .show(ui, |ui| {
                ui.add(
                    TextBlock::new(other)
                        .style(super::theme::SMALL)
                        .selectable(false)
                        .id_salt(("conflict", row, index)),
                );
                let keep = ui
                    .small_button("Keep this version")
                    .on_hover_text("Make this your translation of the section");
                if keep.clicked() {
                    commands.push(TranslationCommand::KeepVersion(row, other.clone()));
                }
            });
    }
}

/// A flagged row: why, and the fixes.
fn flagged(ui: &mut Ui, row: usize, flags: &[RowFlag], commands: &mut Vec<TranslationCommand>) {
    let why: Vec<&str> = flags.iter().map(|flag| flag_words(*flag)).collect();
    check_label(ui, &why);
    ui.horizontal_wrapped(|ui| {
        for (label, hover, fix) in [
            (
                "Shift down",
                "Move this translation and the ones after it down one row",
                AlignmentFix::ShiftDown { row },
            ),
            (
                "Shift up",
                "Move this translation and the ones after it up into the empty row above",
                AlignmentFix::ShiftUp { row },
            ),
            (
                "Merge with next",
                "Join this translation with the next one",
                AlignmentFix::Merge { row },
            ),
        ] {
            if ui.small_button(label).on_hover_text(hover).clicked() {
                commands.push(TranslationCommand::Fix(fix));
            }
        }
    });
}

/// The editor of the reader's translation of a row.
fn editor(
    ui: &mut Ui,
    editing: &mut EditingTranslation,
    split: Option<AlignmentFix>,
    commands: &mut Vec<TranslationCommand>,
) {
    let row = editing.row;
    let field = TextField::new(&mut editing.editor)
        .id(egui::Id::unique(("hamish-translation-editor", row)))
        .hint("Write a translation")
        .take_focus(std::mem::take(&mut editing.focus_pending))
        .show(ui);
    if field.response.changed() {
        commands.push(TranslationCommand::SetText(row, editing.editor.text()));
    }
    if field.escaped {
        commands.push(TranslationCommand::FinishEditing);
    }
    ui.horizontal(|ui| {
        if ui.small_button("Done").clicked() {
            commands.push(TranslationCommand::FinishEditing);
        }
        if ui
            .small_button("Clear")
            .on_hover_text("Remove your translation of this section")
            .clicked()
        {
            commands.push(TranslationCommand::SetText(row, String::new()));
            commands.push(TranslationCommand::FinishEditing);
        }
        if let Some(split) = split {
            let button = ui.small_button("Split here").on_hover_text(
                "Cut the file's translation at the caret: the rest goes to the next row",
            );
            if button.clicked() {
                commands.push(TranslationCommand::FinishEditing);
                commands.push(TranslationCommand::Fix(split));
            }
        }
    });
}
