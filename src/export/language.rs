//! The language and direction of a piece of text, from its script, for the `language`
//! and `textDirection` of exported bodies.
//!
//! Only what the letters prove is said: Hebrew letters are Hebrew; Arabic script is
//! Urdu when it has letters only Urdu uses, Persian when it has letters Persian adds
//! to Arabic, else the article's own language when that is one of the three, else
//! Arabic. Latin and other scripts are not guessed at: a wrong `language` is worse
//! than none, so it is left out.

use unicode_bidi::{BidiClass, bidi_class};

/// Letters Urdu uses and Persian does not: ٹ ڈ ڑ ں ھ ہ ۂ ۃ ے ۓ.
const URDU_ONLY: &[char] = &[
    '\u{679}', '\u{688}', '\u{691}', '\u{6BA}', '\u{6BE}', '\u{6C1}', '\u{6C2}', '\u{6C3}',
    '\u{6D2}', '\u{6D3}',
];

/// Letters Persian (and Urdu) add to Arabic: پ چ ژ گ ک ی.
const PERSIAN: &[char] = &[
    '\u{67E}', '\u{686}', '\u{698}', '\u{6AF}', '\u{6A9}', '\u{6CC}',
];

/// The BCP 47 language of `text` as its script shows it; `context` is the
/// article's language, used for Arabic script that could be any of the three.
pub fn language(text: &str, context: Option<&'static str>) -> Option<&'static str> {
    let mut arabic = false;
    let mut persian = false;
    for c in text.chars() {
        match c {
            '\u{5D0}'..='\u{5EA}' | '\u{FB1D}'..='\u{FB4F}' => return Some("he"),
            c if URDU_ONLY.contains(&c) => return Some("ur"),
            c if PERSIAN.contains(&c) => persian = true,
            '\u{621}'..='\u{64A}' | '\u{671}'..='\u{6D3}' | '\u{FB50}'..='\u{FDFF}' => {
                arabic = true;
            }
            _ => {}
        }
    }
    if persian {
        Some("fa")
    } else if arabic {
        Some(match context {
            Some(language @ ("fa" | "ur")) => language,
            _ => "ar",
        })
    } else {
        None
    }
}

/// `"rtl"` or `"ltr"` from the first strong character of `text`; `None` when it
/// has none (digits, punctuation).
pub fn text_direction(text: &str) -> Option<&'static str> {
    text.chars().find_map(|c| match bidi_class(c) {
        BidiClass::L => Some("ltr"),
        BidiClass::R | BidiClass::AL => Some("rtl"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_tells_the_language() {
        assert_eq!(language("قال رسول الله ﷺ", None), Some("ar"));
        assert_eq!(language("این کتاب خوب است", None), Some("fa"));
        assert_eq!(language("یہ کتاب اچھی ہے", None), Some("ur"));
        assert_eq!(language("שָׁלוֹם", None), Some("he"));
        assert_eq!(language("a note", None), None);
        assert_eq!(language("123", Some("fa")), None);
        assert_eq!(
            language("كتاب", Some("fa")),
            Some("fa"),
            "the article's language"
        );
    }

    #[test]
    fn the_first_strong_character_tells_the_direction() {
        assert_eq!(text_direction("«الدين» is"), Some("rtl"));
        assert_eq!(text_direction("12, note: الدين"), Some("ltr"));
        assert_eq!(text_direction("12."), None);
    }
}
