//! A LibreTranslate server: `POST /translate` with `{q, source, target, format}`,
//! answered with `{translatedText}`. It takes no context and no glossary (the glossary
//! is checked afterwards, as for every engine).

use serde_json::{Value, json};

use super::answer::check_answer;
use super::http::{Server, answer_values, error_in};
use super::{EngineSettings, TranslateError, TranslateRequest, Translator};

/// The LibreTranslate engine.
pub struct LibreTranslate {
    server: Server,
    api_key: Option<String>,
}

impl LibreTranslate {
    /// The server at `url`.
    pub fn new(
        url: &str,
        api_key: Option<String>,
        settings: &EngineSettings,
    ) -> Result<Self, TranslateError> {
        Ok(Self {
            server: Server::new(url, settings)?,
            api_key,
        })
    }
}

/// LibreTranslate names languages by their primary subtag (`en`, not `en-GB`).
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

impl Translator for LibreTranslate {
    fn engine(&self) -> String {
        "libretranslate".to_owned()
    }

    fn model(&self) -> String {
        String::new()
    }

    fn translate(&self, request: &TranslateRequest<'_>) -> Result<String, TranslateError> {
        let mut body = json!({
            "q": request.text,
            "source": primary(request.source_language),
            "target": primary(request.target_language),
            "format": "text",
        });
        if let Some(key) = self.api_key.as_deref().filter(|key| !key.is_empty()) {
            body["api_key"] = Value::from(key);
        }
        let url = format!("{}/translate", self.server.base);
        let text = self.server.post_json(&url, &body, None, request.cancel)?;
        let values = answer_values(&text)?;
        let mut translated = String::new();
        for value in &values {
            if let Some(error) = error_in(value) {
                return Err(error);
            }
            let Some(part) = value.get("translatedText").and_then(Value::as_str) else {
                return Err(TranslateError::GarbageAnswer {
                    why: "the answer has no translatedText".to_owned(),
                });
            };
            translated.push_str(part);
        }
        check_answer(request.text, &translated)
    }
}
