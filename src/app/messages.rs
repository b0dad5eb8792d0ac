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

impl Messages {
    /// Tells the reader `message`, replacing what was shown.
    pub fn tell(&mut self, message: impl Into<String>) {
        let message = message.into();
        log::info!("{message}");
        self.current = Some(message);
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
