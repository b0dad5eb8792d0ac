//! Machine translation: one [`Translator`] interface in front of every engine, and the
//! jobs that translate an article's sections with one.
//!
//! The engines: the built-in one (Firefox Translations models), local servers
//! (LibreTranslate, Ollama, OpenAI-compatible: `http`, `libretranslate`, `chat`), and
//! any command (`command`). [`EngineSettings`] says which one and how it is reached;
//! [`open`] makes it. Each call translates one section and is told its languages, the
//! section before it (context), the folder's [`Glossary`] and a cancel flag; it
//! blocks, so it runs on a job's thread (`job`), never on the UI thread. Every failure
//! is a [`TranslateError`] worded for the reader.
//!
//! Results are kept in the article's sidecar with the engine and model that made them
//! (see [`crate::model::translation::MachineTranslation`]), shown as machine-made until
//! a person edits them.

mod answer;
pub mod builtin;
mod chat;
mod command;
mod error;
pub mod firefox;
mod glossary;
mod http;
pub mod job;
mod libretranslate;
mod prompt;
mod settings;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use answer::check_answer;
pub use builtin::{BuiltIn, models_dir};
pub use chat::{ChatApi, ChatEngine};
pub use command::CommandEngine;
pub use error::TranslateError;
pub use glossary::{
    BadLine, GLOSSARY_FILE, Glossary, GlossaryEntry, GlossaryError, MAX_GLOSSARY_BYTES,
    glossary_path,
};
pub use http::is_loopback;
pub use job::{
    JobEvent, JobLanguages, JobSection, Opened, Opener, TranslationJob, opener, reading_order,
};
pub use libretranslate::LibreTranslate;
pub use prompt::{ChatMessage, chat_messages, language_name};
pub use settings::{EngineConfig, EngineSettings, TIMEOUT_RANGE_SECS};

/// What one call to an engine translates.
#[derive(Clone, Copy)]
pub struct TranslateRequest<'a> {
    /// The section's text.
    pub text: &'a str,
    /// Its language (`ar`).
    pub source_language: &'a str,
    /// The language wanted (`en`).
    pub target_language: &'a str,
    /// The section before it, as context (engines that can use it do).
    pub context: Option<&'a str>,
    /// The reader's glossary (chat engines are given its terms).
    pub glossary: &'a Glossary,
    /// Set when the reader cancels: the engine returns
    /// [`TranslateError::Cancelled`] as soon as it can.
    pub cancel: &'a AtomicBool,
}

/// A translation engine, ready to translate.
pub trait Translator: Send + Sync {
    /// The engine's name, kept with each result (`ollama`).
    fn engine(&self) -> String;

    /// The model it uses, kept with each result (empty when it has no name).
    fn model(&self) -> String;

    /// Translates one section. Blocks until done, failed or cancelled.
    fn translate(&self, request: &TranslateRequest<'_>) -> Result<String, TranslateError>;
}

/// The engine `settings` name, ready to translate `languages` (the built-in engine
/// picks the model of that pair). Loading a model can take a while: call it on a
/// worker thread.
pub fn open(
    settings: &EngineSettings,
    languages: &JobLanguages,
) -> Result<Arc<dyn Translator>, TranslateError> {
    Ok(match &settings.engine {
        EngineConfig::Firefox { model_dir } => Arc::new(BuiltIn::open(
            &builtin::model_search_dir(model_dir),
            &languages.source,
            &languages.target,
        )?),
        EngineConfig::LibreTranslate { url, api_key } => {
            Arc::new(LibreTranslate::new(url, api_key.clone(), settings)?)
        }
        EngineConfig::Ollama { url, model } => Arc::new(ChatEngine::new(
            ChatApi::Ollama,
            url,
            model,
            None,
            settings,
        )?),
        EngineConfig::OpenAi {
            url,
            model,
            api_key,
        } => Arc::new(ChatEngine::new(
            ChatApi::OpenAi,
            url,
            model,
            api_key.clone(),
            settings,
        )?),
        EngineConfig::Command { command } => Arc::new(CommandEngine::new(command, settings)?),
    })
}
