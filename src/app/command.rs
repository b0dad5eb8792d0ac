//! Every change the reader asks for is a [`Command`]: the UI pushes commands while it
//! draws, and [`super::HamishApp::logic`] applies them at the start of the next frame.

use std::path::PathBuf;
use std::time::Instant;

use crate::export::ExportFormat;
use crate::ui::Columns;
use crate::ui::notes::NoteCommand;

use super::preferences::BODY_SIZE_RANGE_PT;
use super::session::{Content, OpenArticle};
use super::{HamishApp, dialogs, sample_folder};

/// What the reader asked for, applied at the start of the next frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a folder, or the folder of a file and that file.
    OpenPath(PathBuf),
    /// Open the bundled sample articles.
    OpenSamples,
    /// Show an article of the open folder.
    OpenArticle(PathBuf),
    /// Show an article even though it is larger than articles usually are.
    OpenLargeArticle(PathBuf),
    /// Ask for a folder in the system's dialog.
    ChooseFolder,
    /// Change the notes of the open article.
    Notes(NoteCommand),
    /// Write the open article's notes to a file chosen in a dialog.
    ExportNotes(ExportFormat),
    /// Write the open article's notes to this file.
    ExportNotesTo(ExportFormat, PathBuf),
    /// Scroll the open article so this section is at the top.
    ShowSection(usize),
    /// Stop showing the message.
    DismissMessage,
    /// Show these columns beside the article.
    SetColumns(Columns),
    /// Mark explicit bidi controls in the text, or not.
    ShowBidiControls(bool),
    /// Set the body text size, in points.
    SetBodySize(f32),
}

impl HamishApp {
    /// Applies `command`.
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let messages = &mut self.messages;
        match command {
            Command::OpenPath(path) => self.session.open_path(ctx, &path, messages),
            Command::OpenSamples => self.session.open_path(ctx, &sample_folder(), messages),
            Command::OpenArticle(path) => {
                self.session
                    .open_article(ctx, &path, false, &mut self.reading, messages);
            }
            Command::OpenLargeArticle(path) => {
                self.session
                    .open_article(ctx, &path, true, &mut self.reading, messages);
            }
            Command::ChooseFolder => {
                let folder = self.session.library.as_ref().map(|l| l.root.clone());
                self.dialogs
                    .choose(ctx, dialogs::Purpose::OpenFolder, folder, None, messages);
            }
            Command::ExportNotes(format) => {
                let folder = self.session.library.as_ref().map(|l| l.root.clone());
                let name = self
                    .session
                    .open
                    .as_ref()
                    .and_then(|open| open.path.file_stem())
                    .map(|stem| format!("{}.{}", stem.to_string_lossy(), format.file_suffix()));
                self.dialogs.choose(
                    ctx,
                    dialogs::Purpose::Export(format),
                    folder,
                    name,
                    messages,
                );
            }
            Command::ExportNotesTo(format, target) => self.export_notes(ctx, format, target),
            Command::Notes(command) => {
                if let Some(OpenArticle {
                    content: Content::Ready(imported),
                    notes: Some(notes),
                    ..
                }) = &mut self.session.open
                {
                    notes.apply(&imported.article, command, Instant::now());
                }
            }
            Command::ShowSection(index) => {
                if let Some(open) = &mut self.session.open {
                    open.view.scroll_to_section(index);
                }
            }
            Command::DismissMessage => self.messages.dismiss(),
            Command::SetColumns(columns) => self.preferences.columns = columns,
            Command::ShowBidiControls(show) => self.preferences.show_bidi_controls = show,
            Command::SetBodySize(size) => {
                self.preferences.body_size_pt =
                    size.clamp(*BODY_SIZE_RANGE_PT.start(), *BODY_SIZE_RANGE_PT.end());
            }
        }
    }

    /// Exports the open article's notes in `format` to `target`, in the background.
    fn export_notes(&mut self, ctx: &egui::Context, format: ExportFormat, target: PathBuf) {
        let Some(OpenArticle {
            path,
            content: Content::Ready(_),
            notes: Some(notes),
            ..
        }) = &self.session.open
        else {
            return;
        };
        let job = super::export::ExportJob {
            format,
            article_path: path.clone(),
            notes: notes.store.notes().clone(),
            target,
        };
        let started = self.session.background.export(ctx, job);
        super::session::start(started, "export the notes", &mut self.messages);
    }
}
