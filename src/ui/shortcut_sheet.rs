//! The shortcut sheet (F1, Help ▸ Keyboard shortcuts): every row of the shortcut
//! table, by group, with its keys as this platform writes them. Built from the table,
//! so it cannot miss a key.

use egui::{Context, RichText};

use super::shortcuts::{Group, SHORTCUTS, key_label};

/// Shows the sheet while `open`; the window's close button clears it.
pub fn shortcut_sheet(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .default_height(640.0)
        .show(ctx, |ui| {
            super::access::announce(
                ui,
                "shortcut-sheet",
                &format!(
                    "Keyboard shortcuts: {} keys, by group; Escape closes",
                    SHORTCUTS.len()
                ),
            );
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("hamish-shortcuts")
                    .num_columns(2)
                    .spacing([24.0, 6.0])
                    .show(ui, |ui| {
                        for group in Group::ALL {
                            ui.label(RichText::new(group.title()).strong());
                            ui.end_row();
                            for shortcut in SHORTCUTS.iter().filter(|s| s.group == group) {
                                let keys: Vec<String> = shortcut
                                    .keys
                                    .iter()
                                    .map(|key| key_label(ctx, key))
                                    .collect();
                                ui.label(RichText::new(keys.join("  or  ")).monospace());
                                ui.label(shortcut.description);
                                ui.end_row();
                            }
                        }
                    });
                ui.add_space(8.0);
                ui.label(
                    RichText::new(
                        "Keys without Ctrl do nothing while you type in a note or a \
                         translation. In right-to-left text, the Right and Left arrow \
                         keys move the caret the way the arrow points.",
                    )
                    .weak(),
                );
            });
        });
}
