//! What chat engines (Ollama, OpenAI-compatible servers) are told: a system message
//! asking for the translation only, with the previous section as context and the
//! reader's glossary terms found in the section; then the section itself.

use super::TranslateRequest;

/// One message of a chat.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChatMessage {
    /// `system` or `user`.
    pub role: &'static str,
    /// Its text.
    pub content: String,
}

/// The English name of a language tag, for the prompt (the tag itself when unknown).
pub fn language_name(tag: &str) -> String {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    let name = match primary.as_str() {
        "ar" => "Arabic",
        "fa" => "Persian",
        "ur" => "Urdu",
        "he" => "Hebrew",
        "ps" => "Pashto",
        "ku" | "ckb" => "Kurdish",
        "yi" => "Yiddish",
        "en" => "English",
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "ru" => "Russian",
        "tr" => "Turkish",
        "zh" => "Chinese",
        "ja" => "Japanese",
        "id" => "Indonesian",
        "ms" => "Malay",
        "hi" => "Hindi",
        "bn" => "Bengali",
        _ => return tag.to_owned(),
    };
    name.to_owned()
}

/// The messages asking for `request`'s translation.
pub fn chat_messages(request: &TranslateRequest<'_>) -> Vec<ChatMessage> {
    let source = language_name(request.source_language);
    let target = language_name(request.target_language);
    let mut system = format!(
        "You are a translator. Translate the {source} text the user sends into {target}. \
         Answer with the translation only: no explanation, no notes, no quotation marks, \
         no transliteration, and not the original text. Keep its line breaks."
    );
    let terms = request.glossary.relevant(request.text);
    if !terms.is_empty() {
        system.push_str("\n\nUse these translations for these terms:");
        for term in terms {
            system.push_str(&format!("\n{} = {}", term.source, term.target));
        }
    }
    if let Some(context) = request.context.filter(|context| !context.trim().is_empty()) {
        system.push_str(&format!(
            "\n\nThe paragraph before it, for context only (do not translate it):\n{}",
            context.trim()
        ));
    }
    vec![
        ChatMessage {
            role: "system",
            content: system,
        },
        ChatMessage {
            role: "user",
            content: request.text.to_owned(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::translate::Glossary;

    #[test]
    fn the_prompt_gives_context_and_the_glossary_terms_of_the_section() {
        let glossary = Glossary::parse("مجلس الأمن\tthe Security Council\nبيت\thouse\n");
        let cancel = AtomicBool::new(false);
        let request = TranslateRequest {
            text: "اجتمع مجلس الأمن",
            source_language: "ar",
            target_language: "en-GB",
            context: Some("الفقرة السابقة"),
            glossary: &glossary,
            cancel: &cancel,
        };
        let messages = chat_messages(&request);
        assert_eq!(messages.len(), 2);
        let system = &messages[0].content;
        assert!(
            system.contains("Arabic text the user sends into English"),
            "{system}"
        );
        assert!(system.contains("the translation only"), "{system}");
        assert!(
            system.contains("مجلس الأمن = the Security Council"),
            "{system}"
        );
        assert!(
            !system.contains("house"),
            "only the section's terms: {system}"
        );
        assert!(system.contains("الفقرة السابقة"), "{system}");
        assert_eq!(messages[1].content, "اجتمع مجلس الأمن");
        assert_eq!(language_name("xx"), "xx");
    }
}
