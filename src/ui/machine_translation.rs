//! What the reader sees of machine translation besides the column's cells: the
//! progress of a job (sections done of all, a guess at the time left, Cancel), the
//! question asked before the reader's own rows are translated again, and the engine
//! settings window. Each draws what it is given and returns [`MachineCommand`]s.

use std::time::Duration;

use egui::Ui;

use crate::translate::EngineSettings;

use super::engine_settings::engine_settings;
use super::{TextBlock, theme};

/// Which sections to translate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TranslateScope {
    /// This one (by its index).
    Section(usize),
    /// Those the reader's selection touches.
    Selection,
    /// Those on screen.
    Visible,
    /// All of them.
    Article,
}

/// What the reader asked of machine translation.
#[derive(Clone, Debug, PartialEq)]
pub enum MachineCommand {
    /// Translate these sections.
    Translate(TranslateScope),
    /// The answer to the question about rows the reader wrote: translate them again
    /// too (`true`), or leave them.
    Answer(bool),
    /// Forget the question: translate nothing.
    DismissQuestion,
    /// Stop the job under way.
    Cancel,
    /// Open or close the engine settings.
    ShowSettings(bool),
    /// Use these settings.
    SetSettings(EngineSettings),
}

/// How a row stands in the job under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowMark {
    /// Waiting for its turn or for the engine.
    Waiting,
    /// Could not be translated, for this reason.
    Failed(String),
}

/// The progress of a job, for its bar.
pub struct Progress<'a> {
    /// Sections done (translated or failed).
    pub done: usize,
    /// Sections in the job.
    pub total: usize,
    /// How many failed.
    pub failed: usize,
    /// A guess at the time left.
    pub remaining: Option<Duration>,
    /// The engine (and model), once it is ready.
    pub engine: Option<&'a str>,
}

/// The words of a progress bar: `3 of 12 sections, about 20 s left`.
pub fn progress_text(progress: &Progress<'_>) -> String {
    let mut text = match progress.engine {
        Some(engine) => format!("Translating with {engine}: "),
        None => "Starting the engine… ".to_owned(),
    };
    text += &format!("{} of {} sections", progress.done, progress.total);
    if progress.failed > 0 {
        text += &format!(" ({} failed)", progress.failed);
    }
    if let Some(remaining) = progress.remaining {
        let seconds = remaining.as_secs_f32().ceil() as u64;
        text += &if seconds >= 90 {
            format!(", about {} min left", seconds.div_ceil(60))
        } else {
            format!(", about {seconds} s left")
        };
    }
    text
}

/// The progress bar with its Cancel button.
pub fn progress_bar(ui: &mut Ui, progress: &Progress<'_>) -> Option<MachineCommand> {
    let mut command = None;
    ui.horizontal(|ui| {
        if ui
            .button("Cancel")
            .on_hover_text("Stop translating now; what is done is kept")
            .clicked()
        {
            command = Some(MachineCommand::Cancel);
        }
        let fraction = if progress.total == 0 {
            0.0
        } else {
            progress.done as f32 / progress.total as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(ui.available_width().min(640.0))
                .text(progress_text(progress)),
        );
    });
    command
}

/// Asks whether rows the reader wrote are to be translated again.
pub fn edited_rows_question(ctx: &egui::Context, edited: usize) -> Option<MachineCommand> {
    let mut command = None;
    egui::Window::new("Translate your rows again?")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            let (have, them) = if edited == 1 {
                ("has", "it")
            } else {
                ("have", "them")
            };
            let text = format!(
                "{edited} of these sections {have} a translation you wrote or corrected. \
                 Translating {them} again replaces your text with the machine's (the sidecar's \
                 backups keep earlier versions)."
            );
            ui.add(
                TextBlock::new(&text)
                    .style(theme::MESSAGE)
                    .selectable(false),
            );
            ui.horizontal(|ui| {
                if ui.button("Keep mine").clicked() {
                    command = Some(MachineCommand::Answer(false));
                }
                if ui.button("Replace mine").clicked() {
                    command = Some(MachineCommand::Answer(true));
                }
                if ui.button("Cancel").clicked() {
                    command = Some(MachineCommand::DismissQuestion);
                }
            });
        });
    command
}

/// The engine settings in a window of their own.
pub fn engine_settings_window(
    ctx: &egui::Context,
    settings: &EngineSettings,
    detected: Option<&str>,
) -> Vec<MachineCommand> {
    let mut commands = Vec::new();
    let mut open = true;
    egui::Window::new("Translation engine")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            if let Some(new) = engine_settings(ui, settings, detected) {
                commands.push(MachineCommand::SetSettings(new));
            }
        });
    if !open {
        commands.push(MachineCommand::ShowSettings(false));
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_says_how_far_and_how_long() {
        let progress = Progress {
            done: 3,
            total: 12,
            failed: 1,
            remaining: Some(Duration::from_millis(19_200)),
            engine: Some("ollama (qwen2.5)"),
        };
        assert_eq!(
            progress_text(&progress),
            "Translating with ollama (qwen2.5): 3 of 12 sections (1 failed), about 20 s left"
        );
        let starting = Progress {
            engine: None,
            failed: 0,
            remaining: Some(Duration::from_secs(600)),
            ..progress
        };
        assert_eq!(
            progress_text(&starting),
            "Starting the engine… 3 of 12 sections, about 10 min left"
        );
    }
}
