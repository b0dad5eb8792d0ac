//! What an engine answered, checked before it is taken as a translation: chat models
//! wrap answers in reasoning (`<think>…</think>`) or code fences, and a broken engine
//! can answer nothing, the source back, or bytes that are not text.

use super::TranslateError;

/// The translation in `answer` to `source`, or why it is not one.
pub fn check_answer(source: &str, answer: &str) -> Result<String, TranslateError> {
    let mut text = answer;
    // Reasoning models think aloud first; only what follows is the answer.
    if let Some(end) = text.rfind("</think>") {
        text = &text[end + "</think>".len()..];
    }
    let mut text = text.trim();
    if let Some(inner) = text
        .strip_prefix("```")
        .and_then(|rest| rest.strip_suffix("```"))
    {
        // A fence may name a language on its first line.
        text = inner
            .split_once('\n')
            .map_or(inner, |(_, body)| body)
            .trim();
    }
    if text.is_empty() {
        return Err(TranslateError::EmptyAnswer);
    }
    if text.contains('\u{FFFD}') {
        return Err(TranslateError::GarbageAnswer {
            why: "it holds bytes that are not text".to_owned(),
        });
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(TranslateError::GarbageAnswer {
            why: "it holds control characters".to_owned(),
        });
    }
    let (answer_chars, source_chars) = (text.chars().count(), source.chars().count());
    if answer_chars > source_chars * 20 + 400 {
        return Err(TranslateError::GarbageAnswer {
            why: format!("{answer_chars} characters for a section of {source_chars}"),
        });
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_cleaned_and_bad_ones_refused() {
        assert_eq!(check_answer("نص", "  Text \n").as_deref(), Ok("Text"));
        assert_eq!(
            check_answer("نص", "<think>The user wants…</think>\n\nText").as_deref(),
            Ok("Text")
        );
        assert_eq!(
            check_answer("نص", "```text\nText\n```").as_deref(),
            Ok("Text")
        );
        assert_eq!(check_answer("نص", " \n"), Err(TranslateError::EmptyAnswer));
        assert_eq!(
            check_answer("نص", "<think>hmm</think>"),
            Err(TranslateError::EmptyAnswer)
        );
        assert!(matches!(
            check_answer("نص", "Te\u{FFFD}xt"),
            Err(TranslateError::GarbageAnswer { .. })
        ));
        assert!(matches!(
            check_answer("نص", "a\u{0}b"),
            Err(TranslateError::GarbageAnswer { .. })
        ));
        assert!(matches!(
            check_answer("نص", &"x".repeat(1000)),
            Err(TranslateError::GarbageAnswer { .. })
        ));
    }
}
