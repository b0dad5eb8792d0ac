//! [`TextField`]: a text field for notes and translations in any script.

use egui::{
    CursorIcon, Event, EventFilter, Id, ImeEvent, Key, Modifiers, Response, Role, Sense, Stroke,
    Ui, Widget, WidgetInfo, vec2,
};

use crate::text::{EditCommand, Motion, TextEditor, TextEngine};

/// A multi-line text field drawn by the text engine: Arabic is shaped and ordered as
/// in the reading view, the arrow keys move through mixed-direction text as it is
/// seen, and Ctrl+Z / Ctrl+Y undo and redo. The response is `changed` when the text
/// changed; [`TextField::show`] also tells when the reader pressed Escape to leave.
#[must_use = "add it with `ui.add(…)`"]
pub struct TextField<'a> {
    editor: &'a mut TextEditor,
    hint: &'a str,
    min_lines: f32,
    take_focus: bool,
    id: Option<Id>,
}

/// What a text field reports.
pub struct TextFieldOutput {
    /// The field's response: `changed` when the text changed.
    pub response: Response,
    /// The reader pressed Escape in the field, to leave it; it has let go of the focus.
    pub escaped: bool,
}

impl<'a> TextField<'a> {
    /// A field editing `editor`'s text.
    pub fn new(editor: &'a mut TextEditor) -> Self {
        Self {
            editor,
            hint: "",
            min_lines: 2.0,
            take_focus: false,
            id: None,
        }
    }

    /// The field's id, stable whatever is drawn before it. Without one the field's id
    /// comes from its place among its parent's widgets, and a widget appearing above
    /// it (a line in the header once a background job is done) would give it another
    /// id and so take the keyboard focus from the reader typing in it.
    pub fn id(mut self, id: Id) -> Self {
        self.id = Some(id);
        self
    }

    /// With `take`, the field takes the keyboard focus now, so what is typed next goes
    /// into it (the caret stays where the editor has it: at the end of a new editor).
    pub fn take_focus(mut self, take: bool) -> Self {
        self.take_focus = take;
        self
    }

    /// Text shown, dimmed, while the field is empty; also its accessible name.
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = hint;
        self
    }

    /// The smallest height, in lines.
    pub fn min_lines(mut self, lines: f32) -> Self {
        self.min_lines = lines;
        self
    }
}

impl Widget for TextField<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        self.show(ui).response
    }
}

impl TextField<'_> {
    /// Shows the field.
    pub fn show(self, ui: &mut Ui) -> TextFieldOutput {
        let mut escaped = false;
        let engine = TextEngine::shared(ui.ctx());
        let mut engine = TextEngine::lock(&engine);
        let ppp = ui.ctx().pixels_per_point();
        let padding = vec2(6.0, 4.0);
        let width = ui.available_width();
        let inner_width = (width - 2.0 * padding.x).max(10.0);
        let style = self.editor.style();
        let line_height = style.size_pt * style.line_height;

        // Size from the text as it was; input this frame is laid out next frame.
        let layout = self.editor.layout(&mut engine, inner_width, ppp);
        let height = layout.size().y.max(line_height * self.min_lines) + 2.0 * padding.y;
        let (rect, mut response) = match self.id {
            Some(id) => {
                let (_, rect) = ui.allocate_space(vec2(width, height));
                (rect, ui.interact(rect, id, Sense::click_and_drag()))
            }
            None => ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag()),
        };
        response = response.on_hover_cursor(CursorIcon::Text);
        let origin = rect.min + padding;

        // Interaction.
        if self.take_focus || response.clicked() || response.drag_started() {
            response.request_focus();
        }
        // The widget's focus, not the window's: a window manager may not tell the
        // window it is focused, and typing must still reach the note.
        let focused = ui.memory(|memory| memory.has_focus(response.id));
        let mut changed = false;
        if let Some(pointer) = ui.input(|input| input.pointer.interact_pos()) {
            let at = (pointer - origin).to_pos2();
            let command = if response.double_clicked() {
                Some(EditCommand::DoubleClick(at))
            } else if response.is_pointer_button_down_on() {
                Some(if ui.input(|input| input.pointer.primary_pressed()) {
                    EditCommand::Click(at)
                } else {
                    EditCommand::Drag(at)
                })
            } else {
                None
            };
            if let Some(command) = command {
                self.editor.apply(&mut engine, command);
            }
        }
        if focused {
            let filter = EventFilter {
                tab: false,
                horizontal_arrows: true,
                vertical_arrows: true,
                // Escape is the field's: it leaves the field and says so.
                escape: true,
            };
            ui.memory_mut(|memory| memory.set_focus_lock_filter(response.id, filter));
            let events = ui.input(|input| input.filtered_events(&filter));
            for event in events {
                match event {
                    Event::Copy | Event::Cut => {
                        if let Some(selected) = self.editor.selected_text() {
                            ui.ctx().copy_text(selected);
                            if event == Event::Cut {
                                changed |= self.editor.apply(&mut engine, EditCommand::Delete);
                            }
                        }
                    }
                    Event::Key {
                        key: Key::Escape,
                        pressed: true,
                        ..
                    } => {
                        response.surrender_focus();
                        escaped = true;
                    }
                    Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => {
                        if let Some(command) = key_command(key, modifiers) {
                            changed |= self.editor.apply(&mut engine, command);
                        } else if modifiers.command && matches!(key, Key::C | Key::X) {
                            // Where the platform sends no copy event of its own.
                            if let Some(selected) = self.editor.selected_text() {
                                ui.ctx().copy_text(selected);
                                if key == Key::X {
                                    changed |= self.editor.apply(&mut engine, EditCommand::Delete);
                                }
                            }
                        }
                    }
                    Event::Text(text) | Event::Paste(text) | Event::Ime(ImeEvent::Commit(text)) => {
                        changed |= self.editor.apply(&mut engine, EditCommand::Insert(text));
                    }
                    _ => {}
                }
            }
        }
        if changed {
            response.mark_changed();
        }

        // Paint: the field, the selection, the text (or the hint), the caret.
        let layout = self.editor.layout(&mut engine, inner_width, ppp);
        if ui.is_rect_visible(rect) {
            let visuals = ui.visuals();
            let stroke = if focused {
                visuals.selection.stroke
            } else {
                visuals.widgets.inactive.bg_stroke
            };
            ui.painter().rect(
                rect,
                3.0,
                visuals.extreme_bg_color,
                stroke,
                egui::StrokeKind::Inside,
            );
            if let Some(selection) = self.editor.selection() {
                for highlight in layout.selection_rects(selection) {
                    ui.painter().rect_filled(
                        highlight.translate(origin.to_vec2()),
                        0.0,
                        visuals.selection.bg_fill,
                    );
                }
            }
            let text = self.editor.text();
            if text.is_empty() && !self.hint.is_empty() {
                let hint = engine.layout(self.hint, &style, inner_width, ppp);
                let x = if hint.is_rtl() {
                    origin.x + inner_width - hint.size().x
                } else {
                    origin.x
                };
                engine.paint(
                    ui.painter(),
                    &hint,
                    egui::pos2(x, origin.y),
                    visuals.weak_text_color(),
                );
            } else {
                engine.paint(ui.painter(), &layout, origin, visuals.strong_text_color());
            }
            if focused {
                let caret = layout
                    .caret_rect(self.editor.cursor())
                    .translate(origin.to_vec2());
                ui.painter().line_segment(
                    [caret.center_top(), caret.center_bottom()],
                    Stroke::new(1.5, visuals.text_cursor.stroke.color),
                );
                ui.ctx().output_mut(|output| {
                    output.ime = Some(egui::output::IMEOutput {
                        purpose: egui::IMEPurpose::Normal,
                        rect,
                        cursor_rect: caret,
                        should_interrupt_composition: false,
                    });
                });
            }
        }

        let text = self.editor.text();
        let hint = self.hint;
        response.widget_info(|| {
            let mut info = WidgetInfo::text_edit(true, "", &text, hint);
            info.label = Some(hint.to_owned());
            info.role = Role::MultilineTextInput;
            info
        });
        let cursor = self.editor.cursor();
        let anchor = self.editor.selection().map_or(cursor, |range| {
            if range.start == cursor {
                range.end
            } else {
                range.start
            }
        });
        super::access::expose_text(
            ui,
            response.id,
            &layout,
            origin,
            Some((anchor, cursor)),
            None,
        );
        TextFieldOutput { response, escaped }
    }
}

/// The editing command for a key, if it is one.
fn key_command(key: Key, modifiers: Modifiers) -> Option<EditCommand> {
    let select = modifiers.shift;
    let word = modifiers.command;
    let motion = |motion| Some(EditCommand::Move { motion, select });
    match key {
        Key::Backspace => Some(EditCommand::Backspace),
        Key::Delete => Some(EditCommand::Delete),
        Key::Enter if !modifiers.command => Some(EditCommand::Insert("\n".to_owned())),
        Key::ArrowLeft => motion(if word { Motion::LeftWord } else { Motion::Left }),
        Key::ArrowRight => motion(if word {
            Motion::RightWord
        } else {
            Motion::Right
        }),
        Key::ArrowUp => motion(Motion::Up),
        Key::ArrowDown => motion(Motion::Down),
        Key::Home => motion(if word {
            Motion::BufferStart
        } else {
            Motion::Home
        }),
        Key::End => motion(if word { Motion::BufferEnd } else { Motion::End }),
        Key::A if modifiers.command => Some(EditCommand::SelectAll),
        Key::Z if modifiers.command && modifiers.shift => Some(EditCommand::Redo),
        Key::Z if modifiers.command => Some(EditCommand::Undo),
        Key::Y if modifiers.command => Some(EditCommand::Redo),
        _ => None,
    }
}
