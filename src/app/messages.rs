//! What the reader must be told: one message at a time, in plain words, shown until
//! dismissed, replaced by a newer one, or the article or folder it was told in is
//! left (a message about article A means nothing beside article B).
//!
//! A message is a problem (drawn in the warning colour) or news of something done
//! ("Saved: …"), drawn as plain text: a success is not a warning.
//!
//! Lower layers report typed errors; they are put into words here or where the app
//! handles them, once.

use std::path::{Path, PathBuf};

/// What a message tells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// Something went wrong or needs the reader.
    #[default]
    Problem,
    /// Something the reader asked for was done.
    Done,
}

/// The message for the reader, if any.
#[derive(Debug, Default)]
pub struct Messages {
    current: Option<Message>,
    /// The article or folder open now (the last entered); `None` before any.
    place: Option<PathBuf>,
}

/// One message, with what it tells and where it was told.
#[derive(Debug)]
struct Message {
    text: String,
    tone: Tone,
    /// The article or folder open when it was told.
    place: Option<PathBuf>,
}

/// The longest message shown, in characters: a few lines of the status bar.
pub const MESSAGE_MAX_CHARS: usize = 1000;

/// `message` as the window shows it: its bidi controls and control characters
/// written as code points (see [`crate::model::shown`]), cut after
/// [`MESSAGE_MAX_CHARS`] characters. For the message bar, and for every other place
/// that shows words made from what a file or an engine said (a row's error).
pub fn bounded(message: &str) -> String {
    let escaped = crate::model::shown::escaped(message);
    let mut chars = escaped.chars();
    let mut shown: String = chars.by_ref().take(MESSAGE_MAX_CHARS).collect();
    if chars.next().is_some() {
        shown.push('…');
    }
    shown
}

impl Messages {
    /// Tells the reader `message`, replacing what was shown.
    ///
    /// Messages quote names and terms from files: whatever they hold, a message shows
    /// its bidi controls and control characters as code points (`<U+202E>`, see
    /// [`crate::model::shown`]) and is cut after [`MESSAGE_MAX_CHARS`] characters.
    pub fn tell(&mut self, message: impl Into<String>) {
        self.tell_as(message.into(), Tone::Problem);
    }

    /// Tells the reader that something they asked for was done (`Saved: …`), shown
    /// as plain text rather than a warning.
    pub fn tell_done(&mut self, message: impl Into<String>) {
        self.tell_as(message.into(), Tone::Done);
    }

    fn tell_as(&mut self, message: String, tone: Tone) {
        let shown = bounded(&message);
        log::info!("{shown}");
        self.current = Some(Message {
            text: shown,
            tone,
            place: self.place.clone(),
        });
    }

    /// The reader moved to the article or folder at `place`: a message told in
    /// another one goes, unless `place` is inside it (a folder's message stays while
    /// its articles are read).
    pub fn enter(&mut self, place: &Path) {
        let left = self.current.as_ref().is_some_and(|message| {
            message
                .place
                .as_deref()
                .is_some_and(|told_in| !place.starts_with(told_in))
        });
        if left {
            self.current = None;
        }
        self.place = Some(place.to_owned());
    }

    /// The message shown now.
    pub fn current(&self) -> Option<&str> {
        self.current.as_ref().map(|message| message.text.as_str())
    }

    /// What the message shown now tells.
    pub fn tone(&self) -> Option<Tone> {
        self.current.as_ref().map(|message| message.tone)
    }

    /// Stops showing the message.
    pub fn dismiss(&mut self) {
        self.current = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_shows_hidden_characters_and_stays_short() {
        let mut messages = Messages::default();
        messages.tell(format!("glossary.tsv: \u{202E}{}", "x".repeat(100_000)));
        let shown = messages.current().expect("shown");
        assert!(shown.starts_with("glossary.tsv: <U+202E>x"), "{shown}");
        assert!(!shown.contains('\u{202E}'));
        assert_eq!(shown.chars().count(), MESSAGE_MAX_CHARS + 1);
        assert!(shown.ends_with('…'));
        messages.tell("Saved: /notes/مقال.md");
        assert_eq!(messages.current(), Some("Saved: /notes/مقال.md"));
    }

    #[test]
    fn a_message_goes_when_its_article_is_left_but_not_inside_its_folder() {
        let mut messages = Messages::default();
        let folder = Path::new("/articles");
        messages.enter(folder);
        messages.tell("Some titles could not be read.");
        messages.enter(&folder.join("001.txt"));
        assert!(messages.current().is_some(), "the folder's message stays");
        messages.tell("This article could not be read.");
        messages.enter(&folder.join("002.txt"));
        assert_eq!(messages.current(), None, "article 001's message went");
        messages.tell("Notes of 002 not saved.");
        messages.enter(Path::new("/elsewhere"));
        assert_eq!(messages.current(), None);
    }

    #[test]
    fn a_success_is_not_a_problem() {
        let mut messages = Messages::default();
        messages.tell_done("Saved: /notes/a.md");
        assert_eq!(messages.tone(), Some(Tone::Done));
        messages.tell("Could not write /notes/a.md");
        assert_eq!(messages.tone(), Some(Tone::Problem));
    }
}
