//! The bar over a selection: highlight it in a colour, or highlight it and write a
//! note on it; and, when the translation is shown, write or machine-translate the
//! translation of its section.

use egui::{Response, Role, Sense, Ui, WidgetInfo, vec2};

use crate::model::HighlightColor;
use crate::ui::{SelectionInView, TextSelection, theme};

use super::NoteCommand;
use crate::ui::translation::TranslationCommand;

/// A round colour button named `label` (for screen readers and as its tooltip);
/// `chosen` rings it.
pub(super) fn color_button(
    ui: &mut Ui,
    color: HighlightColor,
    label: &str,
    chosen: bool,
) -> Response {
    let (rect, response) = ui.allocate_exact_size(vec2(20.0, 20.0), Sense::click());
    let fill = theme::highlight_solid(color);
    let radius = if response.hovered() { 9.0 } else { 8.0 };
    ui.painter().circle_filled(rect.center(), radius, fill);
    if chosen {
        let ring = egui::Stroke::new(2.0, ui.visuals().strong_text_color());
        ui.painter().circle_stroke(rect.center(), 9.5, ring);
    }
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, label));
    response.on_hover_text(label)
}

/// The toolbar over `selection`; what is chosen goes to `commands`. `last` (the
/// colour H highlights in) is ringed, and a note is highlighted in it. With
/// `translation` (when the translation is on the page), the section's translation
/// can be written or machine-made from here too.
pub fn selection_toolbar(
    ctx: &egui::Context,
    selection: &SelectionInView,
    last: HighlightColor,
    commands: &mut Vec<NoteCommand>,
    translation: Option<&mut Vec<TranslationCommand>>,
) {
    let position = selection.rect.left_top() - vec2(0.0, 34.0);
    egui::Area::new(egui::Id::unique("hamish-selection-toolbar"))
        .fixed_pos(position)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for color in HighlightColor::ALL {
                        let label = format!("Highlight in {}", color.name());
                        if color_button(ui, color, &label, color == last).clicked() {
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
                            color: last,
                            with_note: true,
                        });
                        TextSelection::clear(ctx);
                    }
                    if let Some(translation) = translation {
                        ui.separator();
                        let write = ui
                            .button("Write a translation…")
                            .on_hover_text("Write the translation of this section (T)");
                        if write.clicked() {
                            translation.push(TranslationCommand::Edit(selection.section));
                        }
                        let machine = ui
                            .button("Translate by machine")
                            .on_hover_text("Machine-translate this section, again if it was");
                        if machine.clicked() {
                            translation
                                .push(TranslationCommand::MachineTranslate(selection.section));
                        }
                    }
                });
            });
        });
}
