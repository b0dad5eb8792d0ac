//! Translations beside the sections: where they come from, how a file's segments are
//! lined up with the article's sections, and how the reader fixes that.
//!
//! Pure data and pure functions, like the rest of the model. The design in four steps:
//!
//! 1. A translation file, once read (by `import::translation`), is a
//!    [`TranslationFile`]: a language and a list of [`Segment`]s, each with its source
//!    text when the format has one (TMX, XLIFF) and without it when the file is aligned
//!    section by section (`NAME.LANG.txt`).
//! 2. [`align`] lines those segments up with the article's sections, one cell per row:
//!    by position for an aligned file; by source text for TMX and XLIFF (normalised
//!    and folded as anchors are, see [`super::fold`]), and in order between matched
//!    rows where the text does not match. Every row that looks wrong is flagged
//!    ([`RowFlag`]), never moved: nothing is ever silently shifted.
//! 3. The reader's [`AlignmentFix`]es (shift down or up, merge, split) are pure
//!    operations applied on top of the file's segments, in the order they were made;
//!    they are saved with the reader's data ([`TranslationData`]), so they survive a
//!    reload, and are not applied to a file that changed since (see [`FileFixes`]).
//! 4. A file that does not line up one to one ([`Alignment::needs_sentences`]: an
//!    aligned file with more or fewer sections, segments whose source is in no
//!    section) is aligned sentence by sentence instead (`align::SentenceInput`, above
//!    this layer): its rows are then made of the translation sentences linked to each
//!    section's ([`MatchKind::Sentences`], with their [`RowLink`]s), sentences linked
//!    to none are kept as the row's notes, and the reader's corrections are
//!    [`SentencePin`]s, kept with the cached result in [`TranslationData`] (see
//!    `sentences.rs`).
//! 5. [`resolve_column`] builds the column the app shows for one language: the
//!    reader's own translation of a section wins over a file's, which wins over a
//!    machine one ([`TranslationSource`]).

mod align;
mod column;
mod fix;
mod merge;
mod reader;
mod sentences;

pub use align::{
    AlignedRow, Alignment, AlignmentProblem, FileCell, LENGTH_RATIO_FACTOR, LENGTH_SMOOTHING_CHARS,
    MatchKind, RowFlag, RowLink, align, sentence_lines,
};
pub use column::{Cell, ColumnRow, TranslationColumn, resolve_column};
pub use fix::{AlignmentFix, FileFixes, FixError, apply_fix, apply_fixes, segments_fingerprint};
pub use merge::{MergedTranslations, merge_translations};
pub use reader::{MachineTranslation, ReaderTranslation, TranslationData};
pub use sentences::{
    CachedLink, FilePins, SentenceCache, SentencePin, cache_key, decode_links, encode_links,
};

use serde::{Deserialize, Serialize};

/// Where the text of a translation cell comes from, shown beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TranslationSource {
    /// Written or corrected by the reader.
    Reader,
    /// Read from a translation file beside the article (or imported from elsewhere).
    File {
        /// The file's name (relative to the article's folder when it is there).
        file: String,
    },
    /// Made by a translation engine; marked as such until a person edits it.
    Machine {
        /// The engine (`bergamot`, `libretranslate`, `ollama`…).
        engine: String,
        /// The model it used, as the engine names it.
        #[serde(default)]
        model: String,
    },
}

/// The formats a translation file can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TranslationFormat {
    /// `NAME.LANG.txt` or `NAME.LANG.md`: sectioned like the article, aligned by position.
    Aligned,
    /// TMX 1.4 (and the 1.1–1.3 files still about).
    Tmx,
    /// XLIFF 1.1, 1.2 or 2.x.
    Xliff,
}

impl TranslationFormat {
    /// Whether segments carry their source text and are matched by it.
    pub fn has_source(self) -> bool {
        !matches!(self, Self::Aligned)
    }
}

/// One segment of a translation file: a translation, with the text it translates when
/// the format says so.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The source text, inline tags reduced to their text; `None` in an aligned file.
    #[serde(default)]
    pub source: Option<String>,
    /// The translation, inline tags reduced to their text.
    #[serde(default)]
    pub target: String,
}

/// A translation file's segments in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationFile {
    /// The file's name, shown as the cells' source.
    pub file: String,
    /// Its format.
    pub format: Option<TranslationFormat>,
    /// The language of the source texts, if the file says (`ar`).
    #[serde(default)]
    pub source_language: Option<String>,
    /// The language of the translations (`en`, `fa-IR`), as the file spells it.
    pub language: String,
    /// The segments, in the file's order.
    pub segments: Vec<Segment>,
}

/// A language tag in a canonical form for comparing: lower case, `_` as `-`, trimmed
/// (`EN_us` → `en-us`). The tag is shown as the file spells it.
pub fn language_key(tag: &str) -> String {
    tag.trim().replace('_', "-").to_ascii_lowercase()
}

/// Whether two language tags name the same language: equal, or one is the other's
/// primary subtag (`en` and `en-GB`). Two different regions (`en-US`, `en-GB`) differ.
pub fn same_language(a: &str, b: &str) -> bool {
    let (a, b) = (language_key(a), language_key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let primary = |tag: &str| tag.split('-').next().unwrap_or_default().to_owned();
    (!a.contains('-') || !b.contains('-')) && primary(&a) == primary(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_compare_loosely() {
        assert!(same_language("EN_us", "en-US"));
        assert!(same_language("ar", "ar-SA"));
        assert!(!same_language("en-US", "en-GB"));
        assert!(!same_language("fa", "ar"));
        assert!(!same_language("", ""));
        assert_eq!(language_key(" Fa_IR "), "fa-ir");
    }

    #[test]
    fn sources_serialize_with_a_kind() {
        let source = TranslationSource::Machine {
            engine: "bergamot".into(),
            model: "ar-en".into(),
        };
        let json = serde_json::to_string(&source).expect("json");
        assert_eq!(
            json,
            r#"{"kind":"machine","engine":"bergamot","model":"ar-en"}"#
        );
        let back: TranslationSource = serde_json::from_str(r#"{"kind":"reader"}"#).expect("back");
        assert_eq!(back, TranslationSource::Reader);
    }
}
