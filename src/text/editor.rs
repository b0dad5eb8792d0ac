//! [`TextEditor`]: editable text, shaped and ordered like the reading view.
//!
//! egui's `TextEdit` has no bidi, so Arabic typed into it comes out reversed. This
//! wraps cosmic-text's `Editor`: it keeps the text as a `Buffer`, moves the cursor
//! visually through mixed-direction lines, and records every change so it can be
//! undone. The widget in [`crate::ui::TextField`] turns egui input into
//! [`EditCommand`]s and paints [`TextEditor::layout`] with the same glyph atlas as the
//! reading view.

use std::sync::Arc;

use cosmic_text::{
    Action, Attrs, AttrsList, Buffer, Change, Cursor, Edit as _, Editor, Family, Metrics, Motion,
    Selection, Shaping, Wrap,
};
use egui::Pos2;

use super::engine::TextEngine;
use super::fonts::family_name;
use super::layout::ParagraphLayout;
use super::style::{FontFamily, TextStyle, starts_left_to_right};

/// Undo steps kept.
const UNDO_LIMIT: usize = 200;

/// Something the reader did to the text.
#[derive(Clone, Debug, PartialEq)]
pub enum EditCommand {
    /// Type or paste text, replacing the selection.
    Insert(String),
    /// Delete the selection or the character before the cursor.
    Backspace,
    /// Delete the selection or the character after the cursor.
    Delete,
    /// Move the cursor; with `select`, extend the selection.
    Move {
        /// Where to.
        motion: Motion,
        /// Whether to extend the selection (Shift held).
        select: bool,
    },
    /// Select everything.
    SelectAll,
    /// Place the cursor at a point (points, relative to the text's top-left corner).
    Click(Pos2),
    /// Extend the selection to a point.
    Drag(Pos2),
    /// Select the word at a point.
    DoubleClick(Pos2),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
}

/// What kind of change was made last, to group typing into one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChangeKind {
    Typing,
    Deleting,
    Other,
}

/// An editable block of text in any direction.
pub struct TextEditor {
    editor: Editor<'static>,
    style: TextStyle,
    /// The face the text is set in now: the style's, or the Latin face while the text
    /// starts left to right (as the text engine shows it, so an English note keeps
    /// its face when its editor closes).
    face: FontFamily,
    width_px: f32,
    pixels_per_point: f32,
    undo: Vec<Change>,
    redo: Vec<Change>,
    last_change: Option<ChangeKind>,
    layout: Option<Arc<ParagraphLayout>>,
}

impl std::fmt::Debug for TextEditor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextEditor")
            .field("text", &self.text())
            .finish_non_exhaustive()
    }
}

impl TextEditor {
    /// An editor holding `text`, with the cursor at its end.
    pub fn new(text: &str, style: TextStyle) -> Self {
        let buffer = Buffer::new_empty(Metrics::new(
            style.size_pt,
            style.size_pt * style.line_height,
        ));
        let mut this = Self {
            editor: Editor::new(buffer),
            style,
            face: face_for(style, text),
            width_px: 0.0,
            pixels_per_point: 0.0,
            undo: Vec::new(),
            redo: Vec::new(),
            last_change: None,
            layout: None,
        };
        this.replace_text(text);
        this.editor.action_free(Motion::BufferEnd);
        this
    }

    fn attrs(&self) -> Attrs<'static> {
        Attrs::new().family(Family::Name(family_name(self.face)))
    }

    /// Sets every line in [`Self::attrs`], keeping the text, cursor and history.
    fn set_attrs(&mut self) {
        let attrs = self.attrs();
        self.editor.with_buffer_mut(|buffer| {
            for line in &mut buffer.lines {
                line.set_attrs_list(AttrsList::new(&attrs));
            }
        });
    }

    fn replace_text(&mut self, text: &str) {
        let attrs = self.attrs();
        self.editor
            .with_buffer_mut(|buffer| buffer.set_text(text, &attrs, Shaping::Advanced, None));
        self.editor.set_selection(Selection::None);
        self.layout = None;
    }

    /// How the text is set.
    pub fn style(&self) -> TextStyle {
        self.style
    }

    /// Sets the text in `style` from now on (the face, size and spacing chosen for
    /// the text it edits), keeping the text, the cursor, the selection and the undo
    /// history.
    pub fn set_style(&mut self, style: TextStyle) {
        if style == self.style {
            return;
        }
        self.style = style;
        self.face = face_for(style, &self.text());
        self.set_attrs();
        // Laid out again, with the new size, on the next `layout`.
        self.width_px = 0.0;
        self.layout = None;
    }

    /// The text, paragraphs separated by `\n`.
    pub fn text(&self) -> String {
        self.editor.with_buffer(|buffer| {
            buffer
                .lines
                .iter()
                .map(|line| format!("{}{}", line.text(), line.ending().as_str()))
                .collect()
        })
    }

    /// The cursor, as a byte offset into [`Self::text`].
    pub fn cursor(&self) -> usize {
        self.offset_of(self.editor.cursor())
    }

    /// The selected bytes of [`Self::text`], if anything is selected.
    pub fn selection(&self) -> Option<std::ops::Range<usize>> {
        let (start, end) = self.editor.selection_bounds()?;
        let range = self.offset_of(start)..self.offset_of(end);
        (!range.is_empty()).then_some(range)
    }

    /// The selected text, for copying.
    pub fn selected_text(&self) -> Option<String> {
        self.editor.copy_selection().filter(|text| !text.is_empty())
    }

    fn offset_of(&self, cursor: Cursor) -> usize {
        self.editor.with_buffer(|buffer| {
            let before: usize = buffer.lines[..cursor.line.min(buffer.lines.len())]
                .iter()
                .map(|line| line.text().len() + line.ending().as_str().len())
                .sum();
            before + cursor.index
        })
    }

    /// Applies `command`. Returns true when the text changed.
    pub fn apply(&mut self, engine: &mut TextEngine, command: EditCommand) -> bool {
        let kind = match &command {
            EditCommand::Insert(text)
                if !text.contains([' ', '\n']) && text.chars().count() == 1 =>
            {
                ChangeKind::Typing
            }
            EditCommand::Backspace | EditCommand::Delete => ChangeKind::Deleting,
            _ => ChangeKind::Other,
        };
        let scale = self.pixels_per_point.max(1.0);
        let point = |pos: Pos2| ((pos.x * scale) as i32, (pos.y * scale) as i32);
        let fonts = engine.fonts();
        self.editor.start_change();
        match command {
            EditCommand::Insert(text) => {
                let text: String = text
                    .chars()
                    .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
                    .collect();
                self.editor.insert_string(&text.replace("\r\n", "\n"), None);
            }
            EditCommand::Backspace => self.editor.action(fonts, Action::Backspace),
            EditCommand::Delete => self.editor.action(fonts, Action::Delete),
            EditCommand::Move { motion, select } => {
                if select {
                    if self.editor.selection() == Selection::None {
                        self.editor
                            .set_selection(Selection::Normal(self.editor.cursor()));
                    }
                } else {
                    self.editor.set_selection(Selection::None);
                }
                self.editor.action(fonts, Action::Motion(motion));
            }
            EditCommand::SelectAll => {
                self.editor
                    .action(fonts, Action::Motion(Motion::BufferStart));
                self.editor
                    .set_selection(Selection::Normal(self.editor.cursor()));
                self.editor.action(fonts, Action::Motion(Motion::BufferEnd));
            }
            EditCommand::Click(pos) => {
                let (x, y) = point(pos);
                self.editor.action(fonts, Action::Click { x, y });
            }
            EditCommand::Drag(pos) => {
                let (x, y) = point(pos);
                self.editor.action(fonts, Action::Drag { x, y });
            }
            EditCommand::DoubleClick(pos) => {
                let (x, y) = point(pos);
                self.editor.action(fonts, Action::DoubleClick { x, y });
            }
            EditCommand::Undo | EditCommand::Redo => {
                // Finish the empty change opened above first.
                let _ = self.editor.finish_change();
                let (from, to) = if command == EditCommand::Undo {
                    (&mut self.undo, &mut self.redo)
                } else {
                    (&mut self.redo, &mut self.undo)
                };
                let Some(mut change) = from.pop() else {
                    return false;
                };
                change.reverse();
                self.editor.apply_change(&change);
                to.push(change);
                self.editor.set_selection(Selection::None);
                self.last_change = None;
                self.layout = None;
                return true;
            }
        }
        let change = self
            .editor
            .finish_change()
            .filter(|change| !change.items.is_empty());
        let Some(change) = change else {
            self.layout = None;
            return false;
        };
        self.redo.clear();
        // Typing and deleting run together into one undo step, like in any editor.
        match self.undo.last_mut() {
            Some(last) if kind != ChangeKind::Other && self.last_change == Some(kind) => {
                last.items.extend(change.items)
            }
            _ => self.undo.push(change),
        }
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.last_change = Some(kind);
        self.layout = None;
        true
    }

    /// The text laid out at `width_pt` for a screen of `pixels_per_point`.
    pub fn layout(
        &mut self,
        engine: &mut TextEngine,
        width_pt: f32,
        pixels_per_point: f32,
    ) -> Arc<ParagraphLayout> {
        let width_px = (width_pt * pixels_per_point).floor().max(1.0);
        if width_px != self.width_px || pixels_per_point != self.pixels_per_point {
            let size_px = self.style.size_pt * pixels_per_point;
            let metrics = Metrics::new(size_px, size_px * self.style.line_height);
            self.editor.with_buffer_mut(|buffer| {
                buffer.set_metrics_and_size(metrics, Some(width_px), None);
                buffer.set_wrap(Wrap::WordOrGlyph);
            });
            self.width_px = width_px;
            self.pixels_per_point = pixels_per_point;
            self.layout = None;
        }
        if let Some(layout) = &self.layout {
            return Arc::clone(layout);
        }
        let text = self.text();
        let face = face_for(self.style, &text);
        if face != self.face {
            // The first strong letter typed (or deleted) changed the text's direction.
            self.face = face;
            self.set_attrs();
        }
        let fonts = engine.fonts();
        self.editor.shape_as_needed(fonts, false);
        let layout = Arc::new(self.editor.with_buffer(|buffer| {
            ParagraphLayout::from_buffer(buffer, &text, width_px, pixels_per_point)
        }));
        self.layout = Some(Arc::clone(&layout));
        layout
    }
}

/// Cursor motions that need no font system.
trait FreeMotion {
    fn action_free(&mut self, motion: Motion);
}

impl FreeMotion for Editor<'static> {
    fn action_free(&mut self, motion: Motion) {
        if motion == Motion::BufferEnd {
            let end = self.with_buffer(|buffer| {
                let line = buffer.lines.len().saturating_sub(1);
                Cursor::new(line, buffer.lines.get(line).map_or(0, |l| l.text().len()))
            });
            self.set_cursor(end);
        }
    }
}

/// The face `text` is set in, in `style`: a left-to-right text in an Arabic or
/// Hebrew face takes the Latin face, as the text engine sets it.
fn face_for(style: TextStyle, text: &str) -> FontFamily {
    if starts_left_to_right(text) {
        style.family.for_left_to_right()
    } else {
        style.family
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_text(editor: &mut TextEditor, engine: &mut TextEngine, text: &str) {
        for c in text.chars() {
            editor.apply(engine, EditCommand::Insert(c.to_string()));
        }
    }

    #[test]
    fn english_typed_in_an_arabic_face_is_set_as_it_is_shown() {
        let mut engine = TextEngine::new();
        let style = TextStyle::body(16.0);
        let mut editor = TextEditor::new("", style);
        editor.layout(&mut engine, 300.0, 1.0);
        type_text(&mut editor, &mut engine, "Compare the wording");
        let fonts = |layout: &ParagraphLayout| -> Vec<_> {
            layout.glyphs.iter().map(|g| g.cache_key.font_id).collect()
        };
        let editing = editor.layout(&mut engine, 300.0, 1.0);
        let shown = engine.layout("Compare the wording", &style, 300.0, 1.0);
        assert_eq!(fonts(&editing), fonts(&shown), "the Latin face in both");
        // Arabic keeps the column's face.
        let mut arabic = TextEditor::new("", style);
        arabic.layout(&mut engine, 300.0, 1.0);
        type_text(&mut arabic, &mut engine, "ملاحظة");
        let editing = arabic.layout(&mut engine, 300.0, 1.0);
        let shown = engine.layout("ملاحظة", &style, 300.0, 1.0);
        assert_eq!(fonts(&editing), fonts(&shown));
    }

    #[test]
    fn a_new_style_sets_the_text_anew_and_keeps_cursor_and_history() {
        let mut engine = TextEngine::new();
        let mut editor = TextEditor::new("", TextStyle::body(16.0));
        editor.layout(&mut engine, 300.0, 1.0);
        type_text(&mut editor, &mut engine, "ملاحظة مهمة");
        let before = editor.layout(&mut engine, 300.0, 1.0);
        let sans = TextStyle {
            family: FontFamily::Sans,
            ..TextStyle::body(24.0)
        };
        editor.set_style(sans);
        let after = editor.layout(&mut engine, 300.0, 1.0);
        assert_eq!(after.text(), "ملاحظة مهمة");
        let fresh = TextEditor::new("ملاحظة مهمة", sans).layout(&mut engine, 300.0, 1.0);
        assert!(*after == *fresh, "set as a new editor in that style is");
        assert!(*after != *before);
        assert_eq!(editor.cursor(), "ملاحظة مهمة".len(), "the cursor stays");
        editor.apply(&mut engine, EditCommand::Undo);
        assert_eq!(editor.text(), "ملاحظة ", "the history stays");
    }

    #[test]
    fn typing_arabic_then_undo_and_redo() {
        let mut engine = TextEngine::new();
        let mut editor = TextEditor::new("", TextStyle::body(18.0));
        editor.layout(&mut engine, 300.0, 1.0);
        type_text(&mut editor, &mut engine, "ملاحظة مهمة");
        assert_eq!(editor.text(), "ملاحظة مهمة");
        assert!(editor.layout(&mut engine, 300.0, 1.0).is_rtl());
        editor.apply(&mut engine, EditCommand::Undo);
        assert_eq!(
            editor.text(),
            "ملاحظة ",
            "one undo takes back the last word typed"
        );
        editor.apply(&mut engine, EditCommand::Undo);
        assert_eq!(editor.text(), "ملاحظة");
        editor.apply(&mut engine, EditCommand::Redo);
        editor.apply(&mut engine, EditCommand::Redo);
        assert_eq!(editor.text(), "ملاحظة مهمة");
    }

    #[test]
    fn moving_right_in_arabic_goes_towards_the_start() {
        let mut engine = TextEngine::new();
        let mut editor = TextEditor::new("سلام", TextStyle::body(18.0));
        editor.layout(&mut engine, 300.0, 1.0);
        assert_eq!(editor.cursor(), "سلام".len());
        editor.apply(
            &mut engine,
            EditCommand::Move {
                motion: Motion::Right,
                select: true,
            },
        );
        assert_eq!(
            editor.selected_text().as_deref(),
            Some("م"),
            "right arrow in RTL text moves back"
        );
        editor.apply(&mut engine, EditCommand::Insert("ح".to_owned()));
        assert_eq!(editor.text(), "سلاح");
    }

    #[test]
    fn select_all_backspace_and_multiple_lines() {
        let mut engine = TextEngine::new();
        let mut editor = TextEditor::new("سطر أول", TextStyle::body(18.0));
        editor.apply(&mut engine, EditCommand::Insert("\nsecond line".to_owned()));
        assert_eq!(editor.text(), "سطر أول\nsecond line");
        let layout = editor.layout(&mut engine, 300.0, 1.0);
        assert_eq!(layout.line_count(), 2);
        let second = layout.visual_lines()[1].clusters[0].start;
        assert_eq!(second, "سطر أول\n".len(), "offsets count across paragraphs");
        editor.apply(&mut engine, EditCommand::SelectAll);
        assert_eq!(editor.selection(), Some(0..editor.text().len()));
        editor.apply(&mut engine, EditCommand::Backspace);
        assert_eq!(editor.text(), "");
    }
}
