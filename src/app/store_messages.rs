//! The words for what the store reports: every message the reader sees about their
//! notes file is written here, from the store's typed values, so the store never
//! writes text for the reader nor names a menu.

use std::fmt::Write as _;
use std::path::Path;

use crate::model::shown::shown_path;
use crate::store::{HoldReason, NotSaved, StoreNotice};

/// Where the reader can keep notes that cannot go to their usual file. (`›`, not
/// `▸`: the bundled interface font has the one and not the other.)
const SAVE_AS: &str = "Notes › Save notes as…";

/// Why the notes are not being saved, and what the reader can do.
pub fn hold_message(reason: &HoldReason) -> String {
    match reason {
        HoldReason::Unreadable { sidecar, error } => format!(
            "The notes of this article could not be read ({error}). New notes are kept in memory and not saved over that file; use {SAVE_AS} to keep them: {}",
            sidecar.display()
        ),
        HoldReason::NotSetAside {
            sidecar,
            damage,
            error,
        } => format!(
            "The notes of this article could not be used ({damage}) nor set aside ({error}). It is left as it is; new notes are kept in memory; use {SAVE_AS} to keep them: {}",
            sidecar.display()
        ),
        HoldReason::NewerVersion { sidecar, version } => format!(
            "The notes of this article were written by a newer version of Hamish (format {version}). That file is left exactly as it is; the notes this version understands are shown but cannot be changed. New notes are kept in memory: use {SAVE_AS} to keep them, or update Hamish: {}",
            sidecar.display()
        ),
        HoldReason::ReadOnly { sidecar, error } => format!(
            "This folder cannot be written to ({error}). Your notes are kept in memory; use {SAVE_AS} to keep them: {}",
            sidecar.display()
        ),
        HoldReason::ChangedToUnusable { sidecar, error } => format!(
            "The notes file was changed elsewhere and cannot be read now ({error}). It is not overwritten; your notes are kept in memory; use {SAVE_AS} to keep them: {}",
            sidecar.display()
        ),
    }
}

/// Why the command line (`hamish translate`) leaves a notes file alone, in its own
/// words: no menus, no window; what it can do instead is an option.
pub fn hold_message_for_command_line(reason: &HoldReason) -> String {
    match reason {
        HoldReason::Unreadable { sidecar, error } => format!(
            "the notes file cannot be read ({error}), so nothing was written to it; --stdout prints the translation instead: {}",
            shown_path(sidecar)
        ),
        HoldReason::NotSetAside {
            sidecar,
            damage,
            error,
        } => format!(
            "the notes file cannot be used ({damage}) nor set aside ({error}); it was left as it is and nothing was written to it: {}",
            shown_path(sidecar)
        ),
        HoldReason::NewerVersion { sidecar, version } => format!(
            "the notes file was written by a newer version of Hamish (format {version}); it was left exactly as it is and nothing was written to it (update Hamish, or print the translation with --stdout): {}",
            shown_path(sidecar)
        ),
        HoldReason::ReadOnly { sidecar, error } => format!(
            "the folder cannot be written to ({error}), so the translation was not saved; --stdout prints it instead: {}",
            shown_path(sidecar)
        ),
        HoldReason::ChangedToUnusable { sidecar, error } => format!(
            "the notes file was changed elsewhere and cannot be read now ({error}); it was not overwritten: {}",
            shown_path(sidecar)
        ),
    }
}

/// The command line's message for a save that failed.
pub fn not_saved_message_for_command_line(sidecar: &Path, error: &NotSaved) -> String {
    format!(
        "the translation could not be saved in the notes file ({error}): {}",
        shown_path(sidecar)
    )
}

/// The message for `notice`.
pub fn notice_message(notice: &StoreNotice) -> String {
    match notice {
        StoreNotice::SetAside { damage, aside } => format!(
            "The notes of this article could not be used: {damage}. The file was kept, renamed, and new notes go to a fresh file. The old file is here: {}",
            aside.display()
        ),
        StoreNotice::Held(reason) => hold_message(reason),
        StoreNotice::OutsideChangesMerged { conflicts: 0 } => {
            "The notes were changed elsewhere (another window or a synced copy); those changes were merged in.".to_owned()
        }
        StoreNotice::OutsideChangesMerged { conflicts } => format!(
            "The notes file was changed elsewhere while you edited the same notes or translations here: {conflicts} were changed in both places. Both versions of a note are kept, marked \"changed in two places\"; for a translation, the one changed last is shown and the other's text is kept in the notes file."
        ),
        StoreNotice::SaveFailed { sidecar, error } => save_failed_message(sidecar, error),
        StoreNotice::Recovered { files } => format!(
            "Notes from a save that was cut short were found ({files} files) and merged in; where they differed from the notes file, both versions are kept."
        ),
        StoreNotice::MachineEntriesDropped { sidecar, count } => format!(
            "{} in the notes file could not be read and {} left out; your notes and translations were read as they are. Translate those sections again to make them anew: {}",
            if *count == 1 {
                "One saved machine translation".to_owned()
            } else {
                format!("{count} saved machine translations")
            },
            if *count == 1 { "was" } else { "were" },
            sidecar.display()
        ),
        StoreNotice::DamagedFilesSetAside { aside } => {
            let mut message = "A damaged file was found in place of this article's notes; it was kept, renamed, and your notes were saved:".to_owned();
            for path in aside {
                let _ = write!(message, " {}", path.display());
            }
            message
        }
    }
}

/// The message for a save that failed and will be tried again.
pub fn save_failed_message(sidecar: &Path, error: &NotSaved) -> String {
    format!(
        "Your notes could not be saved ({error}); Hamish will try again: {}",
        sidecar.display()
    )
}

/// The message for a save of an article that is no longer open.
pub fn not_saved_message(sidecar: &Path, error: &NotSaved) -> String {
    format!(
        "The notes of an article you left could not be saved ({error}): {}",
        sidecar.display()
    )
}

/// All of `notices` in one message, if there are any. Saves held back are left out:
/// the banner above the notes says why, with its "Save notes as…" button, for as
/// long as they are held.
pub fn notices_message(notices: &[StoreNotice]) -> Option<String> {
    let messages: Vec<String> = notices
        .iter()
        .filter(|notice| !matches!(notice, StoreNotice::Held(_)))
        .map(notice_message)
        .collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;

    #[test]
    fn messages_name_the_real_menu_and_end_with_the_path() {
        let sidecar = PathBuf::from("/notes/001.txt.hamish.json");
        let reasons = [
            HoldReason::Unreadable {
                sidecar: sidecar.clone(),
                error: Arc::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
            },
            HoldReason::NewerVersion {
                sidecar: sidecar.clone(),
                version: 99_999_999_999u64.into(),
            },
            HoldReason::ReadOnly {
                sidecar: sidecar.clone(),
                error: Arc::new(std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem)),
            },
        ];
        for reason in &reasons {
            let message = hold_message(reason);
            assert!(message.contains("Notes › Save notes as…"), "{message}");
            assert!(!message.contains("File >"), "{message}");
            assert!(message.ends_with("001.txt.hamish.json"), "{message}");
        }
        assert!(hold_message(&reasons[1]).contains("newer version of Hamish (format 99999999999)"));
    }

    #[test]
    fn the_command_line_is_told_in_its_own_words() {
        let sidecar = PathBuf::from("/notes/\u{202E}txt.exe.hamish.json");
        let error = || Arc::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let reasons = [
            HoldReason::Unreadable {
                sidecar: sidecar.clone(),
                error: error(),
            },
            HoldReason::NewerVersion {
                sidecar: sidecar.clone(),
                version: 7u64.into(),
            },
            HoldReason::ReadOnly {
                sidecar: sidecar.clone(),
                error: error(),
            },
            HoldReason::ChangedToUnusable {
                sidecar: sidecar.clone(),
                error: Arc::new(crate::store::LoadError::Unreadable(
                    std::io::ErrorKind::PermissionDenied.into(),
                )),
            },
        ];
        for reason in &reasons {
            let message = hold_message_for_command_line(reason);
            for window_word in ["›", "▸", "Save notes as", "in memory", "menu", "click"] {
                assert!(!message.contains(window_word), "{message}");
            }
            assert!(
                message.ends_with("/notes/<U+202E>txt.exe.hamish.json"),
                "{message}"
            );
        }
        assert!(hold_message_for_command_line(&reasons[0]).contains("--stdout"));
    }
}
