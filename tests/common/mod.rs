//! Helpers shared by the integration tests.

#![allow(dead_code, reason = "each test file uses a different subset")]

pub mod export_cases;
pub mod generate;
pub mod hostile;
pub mod test_server;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use hamish::import::{Library, list_folder, summarize};
use hamish::text::{ParagraphLayout, TextEngine, TextStyle};

/// How long a test waits for the app's background work before giving up.
pub const BACKGROUND_TIMEOUT: Duration = Duration::from_secs(30);

/// Lists `folder` and summarises every entry, as the app does in the background.
pub fn listed_and_summarised(folder: &Path) -> Library {
    let mut library = list_folder(folder).expect("folder can be listed");
    for entry in &mut library.entries {
        entry.summary = Some(summarize(&entry.path));
    }
    library
}

/// The bundled sample articles.
pub fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("samples")
}

/// Line `line_number` (from 1) of the sample whose name starts with `prefix`, trimmed.
pub fn sample_line(prefix: &str, line_number: usize) -> String {
    let path = std::fs::read_dir(samples())
        .expect("samples folder")
        .map(|entry| entry.expect("entry").path())
        // The article, not its translation (`003_….en.txt`).
        .filter(|path| hamish::import::is_article_path(path))
        .find(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .expect("sample exists");
    let text = std::fs::read_to_string(path).expect("sample is UTF-8");
    text.lines()
        .nth(line_number - 1)
        .expect("line exists")
        .trim()
        .to_owned()
}

/// Lays out `text` in Amiri body style at `width_pt`, one pixel per point.
pub fn layout(text: &str, width_pt: f32) -> Arc<ParagraphLayout> {
    TextEngine::new().layout(text, &TextStyle::body(20.0), width_pt, 1.0)
}

/// The text on each line, reading each line's clusters from left to right.
pub fn visual_text(layout: &ParagraphLayout) -> Vec<String> {
    layout
        .visual_lines()
        .iter()
        .map(|line| {
            let mut seen = std::collections::HashSet::new();
            line.clusters
                .iter()
                .filter(|cluster| seen.insert(cluster.start))
                .map(|cluster| &layout.text()[cluster.clone()])
                .collect()
        })
        .collect()
}

/// A test harness running the whole app at `size`: logic, then UI, each frame, with
/// frames a sixtieth of a second apart. Folders and articles are read in the
/// background; each frame first waits for that work, so it shows what the reader
/// would see a moment later.
pub fn app_harness(
    app: hamish::app::HamishApp,
    size: egui::Vec2,
) -> egui_kittest::Harness<'static, hamish::app::HamishApp> {
    egui_kittest::Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(200)
        .build_ui_state(
            |ui, app: &mut hamish::app::HamishApp| {
                app.wait_for_background(BACKGROUND_TIMEOUT);
                app.logic(ui.ctx());
                app.ui(ui);
            },
            app,
        )
}

/// The sample articles copied into a temporary folder, so notes can be written.
pub fn samples_copy() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    for entry in std::fs::read_dir(samples()).expect("samples").flatten() {
        std::fs::copy(entry.path(), folder.path().join(entry.file_name())).expect("copy");
    }
    folder
}

/// Presses Ctrl+C and returns what the app put on the clipboard in that frame.
pub fn copy<S>(harness: &mut egui_kittest::Harness<'_, S>) -> Option<String> {
    // Pushed straight into the next frame's input: queued events are each run in a
    // frame of their own, and only the last frame's output is kept.
    harness.input_mut().events.push(egui::Event::Key {
        key: egui::Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.step();
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

/// Drags the mouse from `start` through `via` to `end`, a frame for each step, as a
/// reader selecting text does.
pub fn drag<S>(
    harness: &mut egui_kittest::Harness<'_, S>,
    start: egui::Pos2,
    via: egui::Pos2,
    end: egui::Pos2,
) {
    harness.drag_at(start);
    harness.step();
    harness.hover_at(via);
    harness.step();
    harness.hover_at(end);
    harness.step();
    harness.drop_at(end);
    harness.step();
}

/// Points at the first row on screen of the open article, so its actions ("+ Note",
/// "Write a translation…") are shown.
pub fn point_at_first_row(harness: &mut egui_kittest::Harness<'_, hamish::app::HamishApp>) {
    let article = harness
        .state()
        .page_shown()
        .and_then(|page| page.article.or(page.translation))
        .expect("an article is shown");
    harness.hover_at(egui::pos2(article.center().x, article.top() + 40.0));
    harness.run();
}
