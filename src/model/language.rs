//! Which language a text is in, guessed from its script: what an article's source
//! language is when nothing else says (for exports, and for a translation's `lang`).
//!
//! Letters tell the scripts apart, and a few letters tell the languages that share the
//! Arabic script apart: Urdu has its retroflex letters and its own yeh and heh forms,
//! Persian its four letters Arabic lacks and its own yeh and kaf.

/// The language of `text`, as a BCP 47 tag: `he`, `ur`, `fa`, `ar`, or `en` for text
/// in Latin letters; `None` when it has no letters.
pub fn guess_language(text: &str) -> Option<&'static str> {
    let mut counts = Counts::default();
    for c in text.chars() {
        counts.add(c);
    }
    counts.language()
}

/// The longest language tag taken, in bytes: real ones are a few subtags
/// (`zh-Hant-TW`, `sr-Latn-RS`); RFC 5646 asks implementations to take at least 35.
pub const MAX_TAG_BYTES: usize = 64;

/// `text` as a BCP 47 language tag (RFC 5646): trimmed, with `_` read as `-` (as
/// `pt_BR` is written in file names and some tools' TMX files); `None` when it is not
/// a well-formed tag. Every tag that enters Hamish (the command line, file names,
/// TMX and XLIFF attributes, the preferences) passes here, so a language kept or
/// shown is always a tag and nothing else (no bidi controls, no spaces, no markup).
pub fn language_tag(text: &str) -> Option<String> {
    let tag = text.trim().replace('_', "-");
    if tag.is_empty() || tag.len() > MAX_TAG_BYTES {
        return None;
    }
    oxilangtag::LanguageTag::parse(tag.as_str()).ok()?;
    Some(tag)
}

#[derive(Default)]
struct Counts {
    hebrew: usize,
    arabic_script: usize,
    urdu: usize,
    persian: usize,
    latin: usize,
}

impl Counts {
    fn add(&mut self, c: char) {
        match c {
            '\u{05D0}'..='\u{05EA}' => self.hebrew += 1,
            // Retroflex letters, noon ghunna, yeh barree, heh goal and do-chashmi heh.
            'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ہ' | 'ھ' => {
                self.urdu += 1;
                self.arabic_script += 1;
            }
            // Peh, tcheh, jeh, gaf, and the Persian yeh and keheh.
            'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک' => {
                self.persian += 1;
                self.arabic_script += 1;
            }
            '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' => self.arabic_script += 1,
            c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => {
                self.latin += 1;
            }
            _ => {}
        }
    }

    fn language(&self) -> Option<&'static str> {
        let most = self.hebrew.max(self.arabic_script).max(self.latin);
        if most == 0 {
            None
        } else if most == self.arabic_script {
            // Urdu shares Persian's letters; its own ones settle it.
            Some(if self.urdu > 0 {
                "ur"
            } else if self.persian > 0 {
                "fa"
            } else {
                "ar"
            })
        } else if most == self.hebrew {
            Some("he")
        } else {
            Some("en")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_bcp_47() {
        for tag in ["en", "fa-IR", "zh-Hant-TW", "es-419", "EN-us", "ar"] {
            assert_eq!(language_tag(tag).as_deref(), Some(tag), "{tag}");
        }
        assert_eq!(language_tag(" pt_BR ").as_deref(), Some("pt-BR"));
        for text in [
            "",
            "e",
            "en-",
            "-en",
            "2024",
            "translation",
            "en\u{202E}",
            "\u{202E}ne",
            "en us",
            "<b>",
            "en--US",
        ] {
            assert_eq!(language_tag(text), None, "{text:?}");
        }
        assert_eq!(language_tag(&"a".repeat(MAX_TAG_BYTES + 1)), None);
    }

    #[test]
    fn scripts_and_their_languages_are_told_apart() {
        assert_eq!(guess_language("قال رسول الله ﷺ"), Some("ar"));
        assert_eq!(guess_language("این کتاب را خواندم"), Some("fa"));
        assert_eq!(guess_language("یہ کتاب میں نے پڑھی ہے"), Some("ur"));
        assert_eq!(guess_language("שלום עולם"), Some("he"));
        assert_eq!(guess_language("Russian media sources"), Some("en"));
        assert_eq!(guess_language("2022 – 14"), None);
        assert_eq!(guess_language("ذكر موقع IA 24.KG في قرغيزستان"), Some("ar"));
    }
}
