//! The system's file dialogs, on a thread of their own so the window keeps drawing
//! while one is open; the choice comes back as a command.

use std::path::PathBuf;
use std::sync::mpsc;

use crate::export::ExportFormat;

use super::command::Command;
use super::messages::Messages;

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    /// Choosing a folder to open.
    OpenFolder,
    /// Choosing where to export.
    Export(ExportFormat),
}

/// The file dialog open now, if any.
#[derive(Default)]
pub struct Dialogs {
    open: Option<(Purpose, mpsc::Receiver<Option<PathBuf>>)>,
}

impl Dialogs {
    /// Opens a dialog for `purpose` in `folder`, suggesting `file_name` for a file to
    /// save. Does nothing while another dialog is open.
    pub fn choose(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        folder: Option<PathBuf>,
        file_name: Option<String>,
        messages: &mut Messages,
    ) {
        if self.open.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new();
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                let choice = match purpose {
                    Purpose::OpenFolder => {
                        dialog.set_title("Open a folder of articles").pick_folder()
                    }
                    Purpose::Export(_) => dialog
                        .set_title("Save notes as")
                        .set_file_name(file_name.unwrap_or_default())
                        .save_file(),
                };
                // The receiver may be gone if the app is closing; nothing to do then.
                let _ = sender.send(choice);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.open = Some((purpose, receiver)),
            Err(error) => messages.tell(format!("The file dialog could not be opened: {error}.")),
        }
    }

    /// The command the reader's choice asks for, once the dialog has closed.
    pub fn answer(&mut self) -> Option<Command> {
        let (_, receiver) = self.open.as_ref()?;
        let choice = receiver.try_recv().ok()?;
        let (purpose, _) = self.open.take()?;
        let path = choice?;
        Some(match purpose {
            Purpose::OpenFolder => Command::OpenPath(path),
            Purpose::Export(format) => Command::ExportNotesTo(format, path),
        })
    }
}
