//! The translations of a multilingual file (TMX, XLIFF), one [`TranslationFile`] per
//! target language, found by a map from the language's key.
//!
//! A file names its languages freely, so a hostile one can name a new language in
//! every unit: looking each up in the list of files made so far made reading it
//! quadratic (5,000 languages took seconds, 200,000 never ended). A map makes each
//! lookup constant, and no real translation file has more than [`MAX_LANGUAGES`]
//! languages, so one with more is refused with that reason instead of becoming
//! thousands of columns to choose from.

use std::collections::HashMap;

use super::TranslationError;
use crate::model::translation::{TranslationFile, language_key};

/// More target languages than this in one file is not a translation file: the
/// largest real translation memories (the EU's) have a few dozen.
pub const MAX_LANGUAGES: usize = 200;

/// The files made so far, in the order their languages first appeared.
#[derive(Default)]
pub(super) struct Languages {
    files: Vec<TranslationFile>,
    /// [`language_key`] of each file's language → its index in `files`.
    by_key: HashMap<String, usize>,
}

impl Languages {
    /// The file for `language`, made by `new` the first time the language is seen.
    /// Fails once the file would have more than [`MAX_LANGUAGES`] languages.
    pub(super) fn file(
        &mut self,
        language: &str,
        new: impl FnOnce() -> TranslationFile,
    ) -> Result<&mut TranslationFile, TranslationError> {
        let key = language_key(language);
        let index = match self.by_key.get(&key) {
            Some(&index) => index,
            None => {
                if self.files.len() >= MAX_LANGUAGES {
                    return Err(TranslationError::TooManyLanguages { max: MAX_LANGUAGES });
                }
                self.files.push(new());
                self.by_key.insert(key, self.files.len() - 1);
                self.files.len() - 1
            }
        };
        self.files
            .get_mut(index)
            .ok_or(TranslationError::TooManyLanguages { max: MAX_LANGUAGES })
    }

    /// The files, in the order their languages first appeared.
    pub(super) fn into_files(self) -> Vec<TranslationFile> {
        self.files
    }
}
