//! The aligner's bilingual dictionary, from what Hamish already ships: for each word
//! of the article, the English glosses of the stems of its analyses (the gloss
//! lexicon, see [`crate::gloss`]), and the folder's glossary terms found in a
//! sentence (see [`crate::translate::Glossary`]). Wired here, above both services,
//! so that neither `align/` nor `gloss/` knows the other.

use crate::align::Dictionary;
use crate::gloss::{Analyzer, PartRole};
use crate::translate::Glossary;

/// How many analyses of a word are read: the first ones are the likeliest, and the
/// long tail of rare readings only adds chance matches.
const ANALYSES_READ: usize = 6;

/// The gloss lexicon and the folder's glossary as a [`Dictionary`].
pub struct LexiconDictionary<'a> {
    /// The morphological analyser, if its lexicon could be loaded.
    pub analyzer: Option<&'a Analyzer>,
    /// The folder's glossary, if it has one.
    pub glossary: Option<&'a Glossary>,
}

impl Dictionary for LexiconDictionary<'_> {
    fn translations_of_word(&self, word: &str) -> Vec<String> {
        let Some(analyzer) = self.analyzer else {
            return Vec::new();
        };
        let mut glosses: Vec<String> = analyzer
            .analyze(word)
            .analyses
            .iter()
            .take(ANALYSES_READ)
            .flat_map(|analysis| analysis.parts.iter())
            .filter(|part| part.role == PartRole::Stem && !part.gloss.is_empty())
            .map(|part| part.gloss.clone())
            .collect();
        glosses.sort_unstable();
        glosses.dedup();
        glosses
    }

    fn translations_of_terms(&self, sentence: &str) -> Vec<String> {
        self.glossary
            .map(|glossary| {
                glossary
                    .relevant(sentence)
                    .into_iter()
                    .map(|entry| entry.target.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_and_glossary_terms_are_translations() {
        let analyzer = Analyzer::load(&crate::gloss::default_folder()).expect("lexicon");
        let glossary = Glossary::parse("مجلس الأمن\tSecurity Council\n");
        let dictionary = LexiconDictionary {
            analyzer: Some(&analyzer),
            glossary: Some(&glossary),
        };
        let glosses = dictionary.translations_of_word("العسكري").join(" ");
        assert!(glosses.contains("military"), "{glosses}");
        assert_eq!(
            dictionary.translations_of_terms("اجتمع مجلس الأمن اليوم."),
            ["Security Council"]
        );
        let empty = LexiconDictionary {
            analyzer: None,
            glossary: None,
        };
        assert!(empty.translations_of_word("العسكري").is_empty());
    }
}
