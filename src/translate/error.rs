//! [`TranslateError`]: everything that can go wrong when a section is translated, in
//! words a reader understands (what happened and, where there is one, what to do).
//! Each is shown on the row it happened to and in the status bar, never as a crash
//! or a silent blank.

use std::path::PathBuf;
use std::time::Duration;

/// Why a section could not be translated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TranslateError {
    /// No model folder is set, or there is no model in it.
    #[error(
        "there is no translation model in {}: put a Firefox Translations model folder there (model, vocabulary and optional lexical shortlist files) or choose another in the engine settings",
        dir.display()
    )]
    NoModel {
        /// The folder looked in.
        dir: PathBuf,
    },
    /// A model is there but cannot be used.
    #[error("the translation model in {} cannot be loaded ({why})", dir.display())]
    ModelDoesNotLoad {
        /// Its folder.
        dir: PathBuf,
        /// Why.
        why: String,
    },
    /// This processor lacks instructions the engine needs.
    #[error("this computer's processor lacks instructions the built-in engine needs ({what})")]
    CpuLacks {
        /// Which.
        what: String,
    },
    /// No model name is set for an engine that needs one.
    #[error("no model name is set for {engine}: enter one in the engine settings")]
    NoModelName {
        /// The engine.
        engine: String,
    },
    /// No command is set for the command engine.
    #[error("no command is set: enter one in the engine settings")]
    NoCommand,
    /// The server address cannot be used.
    #[error("the server address {url:?} cannot be used: {why}")]
    BadUrl {
        /// The address.
        url: String,
        /// Why.
        why: String,
    },
    /// The server is on another computer and the reader has not allowed that.
    #[error(
        "{host} is not this computer: the text would leave it. Allow other hosts in the engine settings if that is what you want"
    )]
    RemoteHostRefused {
        /// The host.
        host: String,
    },
    /// Nothing answers at the server's address.
    #[error("nothing answers at {url}: is the translation server running?")]
    ServerNotRunning {
        /// The address.
        url: String,
    },
    /// The engine took longer than allowed.
    #[error("the engine gave no answer within {} seconds", .limit.as_secs_f32())]
    Timeout {
        /// The time allowed.
        limit: Duration,
    },
    /// The server answered with an error.
    #[error("the server answered with an error (HTTP {status}){}", detail_suffix(.detail))]
    ServerError {
        /// The HTTP status.
        status: u16,
        /// What it said, shortened.
        detail: String,
    },
    /// The connection failed in another way.
    #[error("the server at {url} could not be reached ({why})")]
    Network {
        /// The address.
        url: String,
        /// Why.
        why: String,
    },
    /// The engine answered, with nothing in it.
    #[error("the engine answered with an empty translation")]
    EmptyAnswer,
    /// The engine answered something that is not a translation.
    #[error("the engine's answer is not a translation ({why})")]
    GarbageAnswer {
        /// What is wrong with it.
        why: String,
    },
    /// The command could not be started.
    #[error("the command {command:?} could not be started ({why})")]
    CommandNotStarted {
        /// The command.
        command: String,
        /// Why.
        why: String,
    },
    /// The command ended with an error.
    #[error("the command failed ({status}){}", detail_suffix(.stderr))]
    CommandFailed {
        /// How it ended.
        status: String,
        /// The end of what it wrote to standard error.
        stderr: String,
    },
    /// The answer was larger than allowed.
    #[error("the engine's answer is larger than {limit} bytes")]
    AnswerTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The reader cancelled.
    #[error("cancelled")]
    Cancelled,
}

fn detail_suffix(detail: &str) -> String {
    if detail.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", detail.trim())
    }
}

impl TranslateError {
    /// Whether the next section would fail in the same way: a job stops at such an
    /// error instead of repeating it for every section.
    pub fn stops_the_job(&self) -> bool {
        !matches!(
            self,
            Self::EmptyAnswer
                | Self::GarbageAnswer { .. }
                | Self::AnswerTooLarge { .. }
                | Self::CommandFailed { .. }
                | Self::ServerError { .. }
        )
    }
}

/// `text` cut to about `max` bytes at a character boundary, with an ellipsis when cut:
/// for what a server or a command said, which can be a whole page.
pub fn shortened(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_happened() {
        let error = TranslateError::ServerNotRunning {
            url: "http://127.0.0.1:5000".into(),
        };
        assert_eq!(
            error.to_string(),
            "nothing answers at http://127.0.0.1:5000: is the translation server running?"
        );
        let error = TranslateError::Timeout {
            limit: Duration::from_millis(1500),
        };
        assert_eq!(
            error.to_string(),
            "the engine gave no answer within 1.5 seconds"
        );
        let error = TranslateError::ServerError {
            status: 500,
            detail: String::new(),
        };
        assert_eq!(
            error.to_string(),
            "the server answered with an error (HTTP 500)"
        );
        assert!(TranslateError::NoCommand.stops_the_job());
        assert!(!TranslateError::EmptyAnswer.stops_the_job());
    }

    #[test]
    fn long_details_are_shortened_on_a_character_boundary() {
        assert_eq!(shortened("  short ", 10), "short");
        assert_eq!(shortened("ببببب", 5), "بب…");
    }
}
