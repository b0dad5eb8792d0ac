//! The window is named after the open article, on the title bar and for screen
//! readers (the accessibility tree's window node), so a reader switching windows
//! hears which article this is.

use super::HamishApp;

impl HamishApp {
    /// What the window is called: the open article's title (its file name until the
    /// title is known), then the app's name.
    pub fn window_name(&self) -> String {
        let Some(open) = &self.session.open else {
            return "Hamish".to_owned();
        };
        let entry = self.session.library.as_ref().and_then(|library| {
            let index = library.position(&open.path)?;
            library.entries.get(index)
        });
        let article = entry.map_or_else(
            || {
                open.path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default()
            },
            |entry| entry.label().into_owned(),
        );
        format!("{} — Hamish", crate::model::shown::escaped(&article))
    }

    /// Names the window: the title bar when the name changed, the accessibility tree's
    /// window node every frame (it is rebuilt each frame).
    pub(super) fn name_window(&self, ctx: &egui::Context) {
        let name = self.window_name();
        let key = egui::Id::unique("hamish-window-name");
        let told = ctx.data(|data| data.get_temp::<String>(key));
        if told.as_deref() != Some(name.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(name.clone()));
            ctx.data_mut(|data| data.insert_temp(key, name.clone()));
        }
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(name));
    }
}
