//! The chat engines: Ollama (`POST /api/chat`, `stream: false`, answered with
//! `{message: {content}}`) and OpenAI-compatible servers (`POST /v1/chat/completions`,
//! answered with `{choices: [{message: {content}}]}`), both given the prompt of
//! [`super::prompt`] at temperature 0.
//!
//! A server that streams although `stream: false` was asked (some proxies and older
//! servers do) is read anyway: its chunks (NDJSON for Ollama, server-sent events for
//! OpenAI's API) are put together in order, provided the stream says it is complete
//! (`done: true`, a `finish_reason`, or `[DONE]`); a stream cut short is an error, not
//! half a translation.

use serde_json::{Value, json};

use super::answer::check_answer;
use super::http::{Server, answer_values, error_in};
use super::prompt::chat_messages;
use super::{EngineSettings, TranslateError, TranslateRequest, Translator};

/// Which API a chat server speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChatApi {
    /// Ollama's own.
    Ollama,
    /// OpenAI's chat completions.
    OpenAi,
}

/// A chat engine.
pub struct ChatEngine {
    api: ChatApi,
    server: Server,
    model: String,
    api_key: Option<String>,
}

impl ChatEngine {
    /// The `api` server at `url`, with `model`.
    pub fn new(
        api: ChatApi,
        url: &str,
        model: &str,
        api_key: Option<String>,
        settings: &EngineSettings,
    ) -> Result<Self, TranslateError> {
        let server = Server::new(url, settings)?;
        // llama.cpp's server answers with the model it has whatever is asked; Ollama
        // must be told which.
        if api == ChatApi::Ollama && model.trim().is_empty() {
            return Err(TranslateError::NoModelName {
                engine: "Ollama".to_owned(),
            });
        }
        Ok(Self {
            api,
            server,
            model: model.trim().to_owned(),
            api_key,
        })
    }

    fn url(&self) -> String {
        let base = &self.server.base;
        match self.api {
            ChatApi::Ollama => format!("{base}/api/chat"),
            // An address given with its `/v1` is taken as it is.
            ChatApi::OpenAi if base.ends_with("/v1") => format!("{base}/chat/completions"),
            ChatApi::OpenAi => format!("{base}/v1/chat/completions"),
        }
    }
}

impl Translator for ChatEngine {
    fn engine(&self) -> String {
        match self.api {
            ChatApi::Ollama => "ollama",
            ChatApi::OpenAi => "openai",
        }
        .to_owned()
    }

    fn model(&self) -> String {
        self.model.clone()
    }

    fn translate(&self, request: &TranslateRequest<'_>) -> Result<String, TranslateError> {
        let messages = chat_messages(request);
        let body = match self.api {
            ChatApi::Ollama => json!({
                "model": self.model,
                "messages": messages,
                "stream": false,
                "options": { "temperature": 0 },
            }),
            ChatApi::OpenAi => json!({
                "model": if self.model.is_empty() { "default" } else { self.model.as_str() },
                "messages": messages,
                "stream": false,
                "temperature": 0,
            }),
        };
        let text =
            self.server
                .post_json(&self.url(), &body, self.api_key.as_deref(), request.cancel)?;
        let values = answer_values(&text)?;
        let content = match self.api {
            ChatApi::Ollama => ollama_content(&values)?,
            ChatApi::OpenAi => openai_content(&values, text.contains("[DONE]"))?,
        };
        check_answer(request.text, &content)
    }
}

fn no_content() -> TranslateError {
    TranslateError::GarbageAnswer {
        why: "the answer holds no message".to_owned(),
    }
}

fn cut_short() -> TranslateError {
    TranslateError::GarbageAnswer {
        why: "the server streamed its answer and the stream ended before it was complete"
            .to_owned(),
    }
}

/// The content of Ollama's answer, or of its chunks put together.
fn ollama_content(values: &[Value]) -> Result<String, TranslateError> {
    let mut content = String::new();
    for value in values {
        if let Some(error) = error_in(value) {
            return Err(error);
        }
        let part = value
            .get("message")
            .and_then(|message| message.get("content"))
            .and_then(Value::as_str);
        match part {
            Some(part) => content.push_str(part),
            // The closing chunk of a stream may carry no message.
            None if value.get("done").is_some() => {}
            None => return Err(no_content()),
        }
    }
    let done = values
        .last()
        .and_then(|last| last.get("done"))
        .and_then(Value::as_bool);
    if values.len() > 1 && done != Some(true) {
        return Err(cut_short());
    }
    Ok(content)
}

/// The content of an OpenAI-style answer, or of its chunks put together.
fn openai_content(values: &[Value], saw_done: bool) -> Result<String, TranslateError> {
    let mut content = String::new();
    let mut finished = false;
    for value in values {
        if let Some(error) = error_in(value) {
            return Err(error);
        }
        let choice = value
            .get("choices")
            .and_then(|choices| choices.get(0))
            .ok_or_else(no_content)?;
        finished |= choice
            .get("finish_reason")
            .is_some_and(|reason| !reason.is_null());
        let part = choice
            .get("message")
            .or_else(|| choice.get("delta"))
            .and_then(|message| message.get("content"));
        match part {
            Some(Value::String(part)) => content.push_str(part),
            Some(Value::Null) | None if values.len() > 1 => {}
            _ => return Err(no_content()),
        }
    }
    if values.len() > 1 && !(finished || saw_done) {
        return Err(cut_short());
    }
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_put_together_only_when_complete() {
        let chunks: Vec<Value> = [
            r#"{"message":{"content":"The "},"done":false}"#,
            r#"{"message":{"content":"text"},"done":false}"#,
            r#"{"done":true}"#,
        ]
        .iter()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
        assert_eq!(ollama_content(&chunks).as_deref(), Ok("The text"));
        assert_eq!(ollama_content(&chunks[..2]), Err(cut_short()));
        let chunks: Vec<Value> = [
            r#"{"choices":[{"delta":{"role":"assistant"}}]}"#,
            r#"{"choices":[{"delta":{"content":"A"}}]}"#,
            r#"{"choices":[{"delta":{"content":"B"},"finish_reason":"stop"}]}"#,
        ]
        .iter()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
        assert_eq!(openai_content(&chunks, false).as_deref(), Ok("AB"));
        assert_eq!(openai_content(&chunks[..2], false), Err(cut_short()));
        assert_eq!(openai_content(&chunks[..2], true).as_deref(), Ok("A"));
    }
}
