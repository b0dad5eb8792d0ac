//! The bilingual dictionary the aligner reads, as a small trait: the aligner knows no
//! lexicon. Hamish implements it above the services, from the gloss lexicon's English
//! glosses and the folder's glossary (see `app::align_dictionary`); tests implement it
//! with a table.

/// Words of the translation's language that may translate words of the article's.
pub trait Dictionary {
    /// The words that may translate `word`, one word of the article (as it is
    /// written, with its prefixes and tashkeel). Empty when unknown. Asked once per
    /// distinct word of an alignment.
    fn translations_of_word(&self, word: &str) -> Vec<String>;

    /// The translations of the longer terms found in `sentence` (a glossary's
    /// `مجلس الأمن` → `Security Council`); none by default.
    fn translations_of_terms(&self, sentence: &str) -> Vec<String> {
        let _ = sentence;
        Vec::new()
    }
}

/// A dictionary given as a table, for tests and simple callers: each entry a source
/// word and its translations.
#[derive(Clone, Debug, Default)]
pub struct TableDictionary {
    /// The entries: a word of the article's language and what it may translate to.
    pub entries: std::collections::HashMap<String, Vec<String>>,
}

impl Dictionary for TableDictionary {
    fn translations_of_word(&self, word: &str) -> Vec<String> {
        self.entries.get(word).cloned().unwrap_or_default()
    }
}
