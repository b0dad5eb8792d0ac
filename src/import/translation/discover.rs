//! Which files in a folder are an article's translations, by their names alone.
//!
//! For an article `NAME.txt` (or `NAME.md`), its companions are `NAME.LANG.txt` and
//! `NAME.LANG.md` (aligned section by section), `NAME.tmx` and `NAME.LANG.tmx`, and
//! `NAME.xlf`, `NAME.xliff`, `NAME.LANG.xlf`, `NAME.LANG.xliff`. `LANG` is a BCP 47
//! language tag (`en`, `fa-IR`, `es-419`); a name part that is not one is not a
//! language, so no language that is not a tag enters from a file name.
//! Names are compared with their extensions in any case. Nothing is read: the
//! languages of a TMX or XLIFF file named without one are learnt when it is read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::translation::TranslationFormat;

/// A translation file found beside an article.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Companion {
    /// Where it is.
    pub path: PathBuf,
    /// Its format, from its extension.
    pub format: TranslationFormat,
    /// The language its name gives (`en` in `NAME.en.txt`), if it gives one.
    pub language: Option<String>,
}

impl Companion {
    /// The file's name, as cells and fixes refer to it.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// What a file name could be a companion of: the article stem it names, its format
/// and its language. A name can fit two stems (`a.en.tmx` is `a`'s in English, or
/// `a.en`'s with no language), so all are given.
pub(crate) fn candidates(name: &str) -> Vec<(&str, TranslationFormat, Option<&str>)> {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return Vec::new();
    };
    if stem.is_empty() || name.starts_with('.') {
        return Vec::new();
    }
    let extension = extension.to_ascii_lowercase();
    let format = match extension.as_str() {
        "txt" | "md" => TranslationFormat::Aligned,
        "tmx" => TranslationFormat::Tmx,
        "xlf" | "xliff" => TranslationFormat::Xliff,
        _ => return Vec::new(),
    };
    let mut found = Vec::new();
    if let Some((base, language)) = stem.rsplit_once('.')
        && !base.is_empty()
        && looks_like_language(language)
    {
        found.push((base, format, Some(language)));
    }
    if format != TranslationFormat::Aligned {
        found.push((stem, format, None));
    }
    found
}

/// Whether `text` can be the language part of a companion's name: a BCP 47 tag
/// (`en`, `fa-IR`, `es-419`; `_` is taken for `-`, as in `zh_Hant`).
pub(crate) fn looks_like_language(text: &str) -> bool {
    crate::model::language_tag(text).is_some()
}

/// The stem of an article's file name (`NAME` of `NAME.txt`), if it is an article
/// name at all.
pub(crate) fn article_stem(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    [".txt", ".md", ".markdown"]
        .iter()
        .find(|extension| lower.ends_with(*extension) && lower.len() > extension.len())
        .map(|extension| &name[..name.len() - extension.len()])
}

/// Companions found among `names` (file names in one folder), by article stem.
pub(crate) fn index<'a>(
    folder: &Path,
    names: impl IntoIterator<Item = &'a str>,
) -> HashMap<&'a str, Vec<Companion>> {
    let mut by_stem: HashMap<&str, Vec<Companion>> = HashMap::new();
    for name in names {
        for (stem, format, language) in candidates(name) {
            by_stem.entry(stem).or_default().push(Companion {
                path: folder.join(name),
                format,
                language: language.map(str::to_owned),
            });
        }
    }
    by_stem
}

/// The companions of the article `article_name` among `names` (file names in its
/// folder `folder`), sorted by file name.
pub fn companions_among<'a>(
    folder: &Path,
    article_name: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Vec<Companion> {
    let Some(stem) = article_stem(article_name) else {
        return Vec::new();
    };
    let mut companions = index(folder, names).remove(stem).unwrap_or_default();
    companions.sort_by(|a, b| a.path.cmp(&b.path));
    companions
}

/// The companions of the article at `article`, reading its folder's names (not the
/// files). A folder that cannot be read has none.
pub fn find_companions(article: &Path) -> Vec<Companion> {
    let (Some(folder), Some(name)) = (
        article.parent(),
        article.file_name().and_then(|name| name.to_str()),
    ) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|entry_name| entry_name != name)
        .collect();
    companions_among(folder, name, names.iter().map(String::as_str))
}

/// Whether the file at `path` (which may be gone) would be a companion of the
/// article at `article`, by its name: what a folder change means for an open article.
pub fn is_companion_of(path: &Path, article: &Path) -> bool {
    if path.parent() != article.parent() {
        return false;
    }
    let (Some(name), Some(article_name)) = (
        path.file_name().and_then(|name| name.to_str()),
        article.file_name().and_then(|name| name.to_str()),
    ) else {
        return false;
    };
    name != article_name
        && article_stem(article_name).is_some_and(|stem| {
            candidates(name)
                .iter()
                .any(|(candidate, _, _)| *candidate == stem)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(article: &str, names: &[&str]) -> Vec<(String, TranslationFormat, Option<String>)> {
        companions_among(Path::new("/f"), article, names.iter().copied())
            .into_iter()
            .map(|companion| (companion.file_name(), companion.format, companion.language))
            .collect()
    }

    #[test]
    fn every_companion_form_is_found() {
        let names = [
            "003.txt",
            "003.en.txt",
            "003.fa.md",
            "003.tmx",
            "003.de.TMX",
            "003.xlf",
            "003.fr.xliff",
            "003.txt.hamish.json",
            "0031.en.txt",
            "003.english.notes.txt",
            "other.en.txt",
        ];
        let found = found("003.txt", &names);
        let names: Vec<&str> = found.iter().map(|(name, _, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "003.de.TMX",
                "003.en.txt",
                "003.fa.md",
                "003.fr.xliff",
                "003.tmx",
                "003.xlf"
            ]
        );
        assert_eq!(found[0].1, TranslationFormat::Tmx);
        assert_eq!(found[0].2.as_deref(), Some("de"));
        assert_eq!(found[4].2, None);
    }

    #[test]
    fn a_name_is_a_companion_only_of_its_own_article() {
        let folder = Path::new("/f");
        assert!(is_companion_of(
            &folder.join("a.en.txt"),
            &folder.join("a.txt")
        ));
        assert!(is_companion_of(&folder.join("a.tmx"), &folder.join("a.md")));
        assert!(!is_companion_of(
            &folder.join("a.txt"),
            &folder.join("a.txt")
        ));
        assert!(!is_companion_of(
            &folder.join("ab.tmx"),
            &folder.join("a.txt")
        ));
        assert!(!is_companion_of(
            &Path::new("/g").join("a.tmx"),
            &folder.join("a.txt")
        ));
        assert!(!is_companion_of(
            &folder.join("a.txt.hamish.json"),
            &folder.join("a.txt")
        ));
    }

    #[test]
    fn language_parts() {
        assert!(looks_like_language("en"));
        assert!(looks_like_language("fa-IR"));
        assert!(looks_like_language("zh_Hant"));
        assert!(!looks_like_language("e"));
        assert!(!looks_like_language("-en"));
        assert!(!looks_like_language("2024"));
        assert!(!looks_like_language("translation"));
        assert!(looks_like_language("es-419"), "a region by its number");
        assert!(!looks_like_language("en-"), "not BCP 47");
        assert!(
            !looks_like_language("en\u{202E}"),
            "a bidi control is no language"
        );
    }
}
