//! A path typed into the app: the stand-in for the system's file dialog where none can
//! be shown (a desktop with neither a portal nor zenity).

use crate::text::TextEditor;

use super::TextField;

/// What the reader did in the prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptAction {
    /// Use this path.
    Submit(String),
    /// Close the prompt.
    Cancel,
}

/// A window titled `title` saying `why`, with the path in `editor`, and `verb` on the
/// button that uses it. Enter uses it too; Escape closes.
pub fn path_prompt(
    ctx: &egui::Context,
    title: &str,
    why: &str,
    verb: &str,
    editor: &mut TextEditor,
    focus: bool,
) -> Option<PromptAction> {
    let mut action = None;
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(why);
            let field = TextField::new(editor)
                .hint("Path")
                .min_lines(1.0)
                .take_focus(focus)
                .show(ui);
            // Enter types a line break in the field: it means "use it".
            let text = editor.text();
            let entered = text.contains('\n');
            if field.escaped {
                action = Some(PromptAction::Cancel);
            }
            ui.horizontal(|ui| {
                if ui.button(verb).clicked() || entered {
                    action = Some(PromptAction::Submit(
                        text.replace('\n', "").trim().to_owned(),
                    ));
                }
                if ui.button("Cancel").clicked() {
                    action = Some(PromptAction::Cancel);
                }
            });
        });
    action
}
