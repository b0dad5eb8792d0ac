//! Choosing a folder to open or a file to export to: the system's file dialog, on a
//! thread of its own so the window keeps drawing while it is open, or, where no dialog
//! can be shown, a path typed into the app. The choice comes back as a command.
//!
//! rfd shows the desktop portal's dialog, or zenity's; with neither it returns at once
//! as if the reader had cancelled. So a dialog that "closes" faster than anyone could
//! close it counts as one that could not be shown, and so does a desktop with neither
//! a session bus (for the portal) nor zenity, where no dialog is tried at all.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::export::ExportFormat;
use crate::text::TextEditor;
use crate::ui::{PromptAction, path_prompt, theme};

use super::command::Command;
use super::messages::Messages;

/// A dialog closed faster than this was never shown.
const FASTER_THAN_A_READER: Duration = Duration::from_millis(250);

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    /// Choosing a folder to open.
    OpenFolder,
    /// Choosing where to export.
    Export(ExportFormat),
    /// Choosing a translation file for the open article.
    ImportTranslation,
}

/// How a system dialog ended.
enum Outcome {
    Chosen(PathBuf),
    Cancelled,
    Unavailable,
}

/// The path field shown instead of a dialog.
struct Prompt {
    purpose: Purpose,
    editor: TextEditor,
    focus_pending: bool,
}

/// The file dialog or path field open now, if any.
pub struct Dialogs {
    open: Option<(Purpose, mpsc::Receiver<Outcome>)>,
    prompt: Option<Prompt>,
    /// False where no system dialog can be shown: the path field is used at once.
    system_available: bool,
}

impl Default for Dialogs {
    fn default() -> Self {
        Self {
            open: None,
            prompt: None,
            system_available: system_dialogs_available(
                std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
                std::env::var_os("PATH").as_deref(),
            ),
        }
    }
}

/// Whether the system can show a file dialog: on Linux and the BSDs, through the
/// desktop portal (which needs a session bus) or zenity (on `path`).
fn system_dialogs_available(session_bus: bool, path: Option<&std::ffi::OsStr>) -> bool {
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd"
    )) {
        return true;
    }
    let zenity = path.is_some_and(|path| {
        std::env::split_paths(path).any(|folder| folder.join("zenity").is_file())
    });
    session_bus || zenity
}

impl Dialogs {
    /// Never tries the system's dialogs: the path field is used at once.
    pub fn without_system_dialogs(mut self) -> Self {
        self.system_available = false;
        self
    }

    /// Asks for a path for `purpose`, starting in `folder`, suggesting `file_name` for
    /// a file to save. Does nothing while another dialog is open.
    pub fn choose(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        folder: Option<PathBuf>,
        file_name: Option<String>,
        messages: &mut Messages,
    ) {
        if self.open.is_some() || self.prompt.is_some() {
            return;
        }
        if !self.system_available {
            self.prompt(purpose, folder.as_deref(), file_name.as_deref());
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let (start, name) = (folder.clone(), file_name.clone());
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new();
                if let Some(folder) = start {
                    dialog = dialog.set_directory(folder);
                }
                let asked = Instant::now();
                let choice = match purpose {
                    Purpose::OpenFolder => {
                        dialog.set_title("Open a folder of articles").pick_folder()
                    }
                    Purpose::ImportTranslation => dialog
                        .set_title("Import a translation")
                        .add_filter("Translations", &["txt", "md", "tmx", "xlf", "xliff"])
                        .pick_file(),
                    Purpose::Export(_) => dialog
                        .set_title("Save notes as")
                        .set_file_name(name.unwrap_or_default())
                        .save_file(),
                };
                let outcome = match choice {
                    Some(path) => Outcome::Chosen(path),
                    None if asked.elapsed() < FASTER_THAN_A_READER => Outcome::Unavailable,
                    None => Outcome::Cancelled,
                };
                // The receiver may be gone if the app is closing; nothing to do then.
                let _ = sender.send(outcome);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.open = Some((purpose, receiver)),
            Err(error) => {
                messages.tell(format!("The file dialog could not be opened: {error}."));
                self.prompt(purpose, folder.as_deref(), file_name.as_deref());
            }
        }
    }

    /// Opens the path field for `purpose`, filled with `folder` (and `file_name`).
    fn prompt(&mut self, purpose: Purpose, folder: Option<&Path>, file_name: Option<&str>) {
        let mut path = folder.map(Path::to_path_buf).unwrap_or_default();
        if let Some(name) = file_name {
            path.push(name);
        }
        let mut text = path.display().to_string();
        if matches!(purpose, Purpose::OpenFolder) && !text.is_empty() && !text.ends_with('/') {
            text.push('/');
        }
        self.prompt = Some(Prompt {
            purpose,
            editor: TextEditor::new(&text, theme::MESSAGE),
            focus_pending: true,
        });
    }

    /// The command the reader's choice in a system dialog asks for, once it has
    /// closed; a dialog that could not be shown opens the path field instead.
    pub fn answer(&mut self) -> Option<Command> {
        let (_, receiver) = self.open.as_ref()?;
        let outcome = receiver.try_recv().ok()?;
        let (purpose, _) = self.open.take()?;
        match outcome {
            Outcome::Chosen(path) => Some(command(purpose, path)),
            Outcome::Cancelled => None,
            Outcome::Unavailable => {
                self.system_available = false;
                self.prompt(purpose, None, None);
                None
            }
        }
    }

    /// Draws the path field, if it is open; returns the command it asks for.
    pub fn show_prompt(&mut self, ctx: &egui::Context) -> Option<Command> {
        let prompt = self.prompt.as_mut()?;
        let (title, verb) = match prompt.purpose {
            Purpose::OpenFolder => ("Open a folder", "Open"),
            Purpose::ImportTranslation => ("Import a translation", "Import"),
            Purpose::Export(_) => ("Export to a file", "Save"),
        };
        let why = "No file dialog can be shown on this desktop (it has neither a portal \
                   nor zenity). Type the path instead:";
        let focus = std::mem::take(&mut prompt.focus_pending);
        let action = path_prompt(ctx, title, why, verb, &mut prompt.editor, focus)?;
        let purpose = prompt.purpose;
        self.prompt = None;
        match action {
            PromptAction::Submit(path) if !path.is_empty() => {
                Some(command(purpose, PathBuf::from(path)))
            }
            PromptAction::Submit(_) | PromptAction::Cancel => None,
        }
    }
}

/// What a chosen path asks for.
fn command(purpose: Purpose, path: PathBuf) -> Command {
    match purpose {
        Purpose::OpenFolder => Command::OpenPath(path),
        Purpose::Export(format) => Command::ExportNotesTo(format, path),
        Purpose::ImportTranslation => Command::ImportTranslation(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialogs_need_a_session_bus_or_zenity() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().as_os_str();
        assert!(!system_dialogs_available(false, Some(path)));
        assert!(!system_dialogs_available(false, None));
        assert!(system_dialogs_available(true, Some(path)));
        std::fs::write(folder.path().join("zenity"), "").expect("zenity");
        assert!(system_dialogs_available(false, Some(path)));
    }
}
