//! What the reader must be told: one message at a time, in plain words, shown until
//! dismissed or replaced by a newer one.
//!
//! Lower layers report typed errors; they are put into words here or where the app
//! handles them, once.

/// The message for the reader, if any.
#[derive(Debug, Default)]
pub struct Messages {
    current: Option<String>,
}

/// The longest message shown, in characters: a few lines of the status bar.
pub const MESSAGE_MAX_CHARS: usize = 1000;

impl Messages {
    /// Tells the reader `message`, replacing what was shown.
    ///
    /// Messages quote names and terms from files: whatever they hold, a message shows
    /// its bidi controls and control characters as code points (`<U+202E>`, see
    /// [`crate::model::shown`]) and is cut after [`MESSAGE_MAX_CHARS`] characters.
    pub fn tell(&mut self, message: impl Into<String>) {
        let message = message.into();
        let escaped = crate::model::shown::escaped(&message);
        let mut chars = escaped.chars();
        let mut shown: String = chars.by_ref().take(MESSAGE_MAX_CHARS).collect();
        if chars.next().is_some() {
            shown.push('…');
        }
        log::info!("{shown}");
        self.current = Some(shown);
    }

    /// The message shown now.
    pub fn current(&self) -> Option<&str> {
        self.current.as_deref()
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
}
