//! Model folders: which files make a Firefox model, how they are named, where Hamish
//! looks for them, and the explanation shown when there is none.
//!
//! Firefox names a model's files after its language pair, the two codes run together
//! (`aren` is Arabic to English): `model.aren.intgemm.alphas.bin` (the weights),
//! `vocab.aren.spm` (the SentencePiece vocabulary; a few pairs have
//! `srcvocab.….spm` and `trgvocab.….spm` instead) and, for some pairs,
//! `lex.50.50.aren.s2t.bin` (a shortlist of likely output words). Mozilla's models
//! repository publishes each of them gzip-compressed (`….bin.gz`, `….spm.gz`), and
//! they are taken so ([`super::packed`] unpacks them in memory). One folder holds one
//! pair; the reader puts the folders in the data directory.

use std::path::{Path, PathBuf};

use super::FirefoxError;
use super::packed::GZIP_SUFFIX;

/// The files of one model, found in one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFolder {
    pub dir: PathBuf,
    /// The language pair as written in the file names, e.g. `aren`.
    pub pair: String,
    pub model: PathBuf,
    pub source_vocab: PathBuf,
    /// The same path as `source_vocab` for the usual shared vocabulary.
    pub target_vocab: PathBuf,
    /// The optional lexical shortlist.
    pub shortlist: Option<PathBuf>,
}

impl ModelFolder {
    /// Finds the model's files in `dir`, or says which one is missing. Each file
    /// may be plain or gzip-compressed as Mozilla publishes it (`….bin.gz`,
    /// `….spm.gz`); where both are there the plain one is taken. A folder mixing
    /// two pairs' models, or a shared vocabulary with split ones, is refused with
    /// what it mixes: which of its files belong together cannot be guessed.
    pub fn read(dir: &Path) -> Result<ModelFolder, FirefoxError> {
        let names = file_names(dir);
        let no_model = || FirefoxError::NoModel {
            dir: dir.to_path_buf(),
        };
        let mixed = |detail: String| FirefoxError::MixedFolder {
            dir: dir.to_path_buf(),
            detail,
        };
        let models: Vec<&String> = names
            .iter()
            .filter(|name| file_pair(name, "model.", ".bin").is_some())
            .collect();
        let mut model_pairs: Vec<String> = models
            .iter()
            .filter_map(|name| file_pair(name, "model.", ".bin"))
            .collect();
        model_pairs.sort();
        model_pairs.dedup();
        if model_pairs.len() > 1 {
            return Err(mixed(format!(
                "holds the models of more than one language pair ({}): give each pair a \
                 folder of its own",
                model_pairs.join(", ")
            )));
        }
        let Some(model_name) = models.into_iter().min_by_key(|name| plain_first(name)) else {
            if let Some(packed) = names
                .iter()
                .find(|name| name.starts_with("model.") && needs_unpacking(name))
            {
                return Err(FirefoxError::MissingFile {
                    dir: dir.to_path_buf(),
                    what: "model",
                    expected: "model.PAIR.intgemm.alphas.bin".into(),
                    hint: format!("; {packed} is still compressed: decompress it first"),
                });
            }
            return Err(no_model());
        };
        let pair = file_pair(model_name, "model.", ".bin").unwrap_or_default();
        let find = |prefix: &str, suffix: &str| {
            names
                .iter()
                .filter(|name| file_pair(name, prefix, suffix).as_deref() == Some(pair.as_str()))
                .min_by_key(|name| plain_first(name))
                .map(|name| dir.join(name))
        };
        let missing = |what: &'static str, expected: String| {
            let packed = names
                .iter()
                .find(|name| name.starts_with(&expected) && needs_unpacking(name));
            FirefoxError::MissingFile {
                dir: dir.to_path_buf(),
                what,
                hint: packed
                    .map(|name| format!("; {name} is still compressed: decompress it first"))
                    .unwrap_or_default(),
                expected,
            }
        };
        // A folder of Mozilla's sometimes names the shared vocabulary after the
        // reverse pair (`vocab.fren.spm` beside `model.enfr…`): one vocabulary
        // alone in the folder is taken whatever its name.
        let only_vocab = || {
            let mut vocabs: Vec<&String> = names
                .iter()
                .filter(|name| file_pair(name, "vocab.", ".spm").is_some())
                .collect();
            vocabs.sort_by_key(|name| plain_first(name));
            vocabs.dedup_by_key(|name| plain_name(name).to_string());
            match vocabs.as_slice() {
                [name] => Some(dir.join(name)),
                _ => None,
            }
        };
        let shared = find("vocab.", ".spm");
        let split = (find("srcvocab.", ".spm"), find("trgvocab.", ".spm"));
        let file = |path: &Path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let (source_vocab, target_vocab) = match (shared, split) {
            (Some(shared), (Some(split), _) | (_, Some(split))) => {
                return Err(mixed(format!(
                    "holds both a shared vocabulary ({}) and a split one ({}): Mozilla's \
                     models have one or the other, so keep the files of one download",
                    file(&shared),
                    file(&split)
                )));
            }
            (Some(vocab), _) => (vocab.clone(), vocab),
            (None, (Some(source), Some(target))) => (source, target),
            (None, (Some(_), None)) => {
                return Err(missing("target vocabulary", format!("trgvocab.{pair}.spm")));
            }
            (None, (None, Some(_))) => {
                return Err(missing("source vocabulary", format!("srcvocab.{pair}.spm")));
            }
            (None, (None, None)) => match only_vocab() {
                Some(vocab) => (vocab.clone(), vocab),
                None => return Err(missing("vocabulary", format!("vocab.{pair}.spm"))),
            },
        };
        Ok(ModelFolder {
            dir: dir.to_path_buf(),
            model: dir.join(model_name),
            source_vocab,
            target_vocab,
            shortlist: find("lex.", ".s2t.bin"),
            pair,
        })
    }

    /// The source and target language codes, e.g. `("ar", "en")`.
    pub fn languages(&self) -> (String, String) {
        split_pair(&self.pair)
    }

    /// The model's file name without `.bin` (or `.bin.gz`), e.g.
    /// `model.aren.intgemm.alphas`: the name stored with each translation it makes,
    /// the same whether the file is compressed or not.
    pub fn name(&self) -> String {
        let file = self
            .model
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = plain_name(&file);
        file.strip_suffix(".bin").unwrap_or(file).to_string()
    }
}

/// The model folders in `dir`: `dir` itself if it is one, and each folder directly
/// inside it that is one (one per language pair), sorted by path.
pub fn find_models(dir: &Path) -> Vec<ModelFolder> {
    scan_models(dir)
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

/// Every folder in `dir` (and `dir` itself) that holds any Firefox model file, with
/// the model found there or the reason it is unusable, sorted by path: what a
/// settings panel lists, so a half-copied folder is named rather than ignored.
pub fn scan_models(dir: &Path) -> Vec<Result<ModelFolder, FirefoxError>> {
    let mut dirs = vec![dir.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut inner: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.is_dir())
            .collect();
        inner.sort();
        dirs.extend(inner);
    }
    dirs.into_iter()
        .filter(|dir| {
            file_names(dir)
                .iter()
                .any(|name| looks_like_model_file(name))
        })
        .map(|dir| ModelFolder::read(&dir))
        .collect()
}

/// Where to get a model and what its folder must hold, for a reader who has none;
/// `data_dir` is where Hamish looks.
pub fn where_to_get_models(data_dir: &Path) -> String {
    format!(
        "Hamish can translate offline with the models Firefox uses for its own \
translations. None comes with Hamish and nothing is downloaded: you add the ones you \
want.

1. Get the files of a language pair into the source language's direction, for example \
Arabic to English (aren), Persian to English (faen) or Hebrew to English (heen). \
Mozilla publishes them at https://github.com/mozilla/firefox-translations-models \
in the folder models/, by size (tiny, base, base-memory) and then by pair (for example \
models/base/aren/), and lists the current ones at \
https://mozilla.github.io/translations/firefox-models/. Files ending in .gz can stay \
as they are; files ending in .zst must be decompressed first (unzstd).

2. Put them in a folder of their own inside
   {}
   for example ar-en/, holding:
   - model.aren.intgemm.alphas.bin, the model (needed)
   - vocab.aren.spm, its vocabulary (needed; a few pairs have srcvocab.aren.spm and \
trgvocab.aren.spm instead)
   - lex.50.50.aren.s2t.bin, its shortlist (if the pair has one; it makes translating \
faster)

Urdu has no Firefox model yet: use a local server for it. The built-in engine needs a \
processor with AVX2 (most x86-64 processors since 2013) or, on ARM, the i8mm \
instructions.",
        data_dir.display()
    )
}

/// The names of the files in `dir` (none if it cannot be read).
fn file_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

fn looks_like_model_file(name: &str) -> bool {
    ["model.", "vocab.", "srcvocab.", "trgvocab.", "lex."]
        .iter()
        .any(|prefix| name.starts_with(prefix))
        && (name.ends_with(".bin") || name.ends_with(".spm") || is_compressed(name))
}

fn is_compressed(name: &str) -> bool {
    name.ends_with(GZIP_SUFFIX) || needs_unpacking(name)
}

/// Compressed in a way Hamish does not read (zstd, which Firefox's own model
/// records use): the reader decompresses it first.
fn needs_unpacking(name: &str) -> bool {
    name.ends_with(".zst")
}

/// `name` without `.gz`.
fn plain_name(name: &str) -> &str {
    name.strip_suffix(GZIP_SUFFIX).unwrap_or(name)
}

/// Sorts a plain file before its compressed copy, then by name.
fn plain_first(name: &str) -> (&str, bool) {
    (plain_name(name), name.ends_with(GZIP_SUFFIX))
}

/// [`pair_of`] for a file that may be gzip-compressed.
fn file_pair(name: &str, prefix: &str, suffix: &str) -> Option<String> {
    pair_of(plain_name(name), prefix, suffix)
}

/// The language pair in a file name made of `prefix`, the pair, anything, `suffix`:
/// `model.aren.intgemm.alphas.bin` gives `aren`, `lex.50.50.aren.s2t.bin` too (the
/// shortlist's numbers are skipped).
fn pair_of(name: &str, prefix: &str, suffix: &str) -> Option<String> {
    let middle = name.strip_prefix(prefix)?.strip_suffix(suffix)?;
    let pair = middle
        .split('.')
        .find(|part| !part.is_empty() && !part.bytes().all(|b| b.is_ascii_digit()))
        .or_else(|| (!middle.is_empty() && !middle.contains('.')).then_some(middle))?;
    (pair.len() >= 4
        && pair
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then(|| pair.to_string())
}

/// Splits a pair code into its two languages. Every Firefox model translates to or
/// from English, which settles the codes longer than two letters (`enzh_hant`).
fn split_pair(pair: &str) -> (String, String) {
    if let Some((source, target)) = pair.split_once('-') {
        return (source.into(), target.into());
    }
    if pair.len() == 4 {
        return (pair[..2].into(), pair[2..].into());
    }
    if let Some(target) = pair.strip_prefix("en") {
        return ("en".into(), target.into());
    }
    if let Some(source) = pair.strip_suffix("en") {
        return (source.into(), "en".into());
    }
    let half = pair.len() / 2;
    (pair[..half].into(), pair[half..].into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for file in files {
            std::fs::write(dir.path().join(file), b"x").expect("write");
        }
        dir
    }

    #[test]
    fn pairs_come_from_the_file_names() {
        assert_eq!(
            pair_of("model.aren.intgemm.alphas.bin", "model.", ".bin").as_deref(),
            Some("aren")
        );
        assert_eq!(
            pair_of("lex.50.50.aren.s2t.bin", "lex.", ".s2t.bin").as_deref(),
            Some("aren")
        );
        assert_eq!(
            pair_of("vocab.faen.spm", "vocab.", ".spm").as_deref(),
            Some("faen")
        );
        assert_eq!(pair_of("model.bin", "model.", ".bin"), None);
        assert_eq!(pair_of("vocab.aren.spm.gz", "vocab.", ".spm"), None);
    }

    #[test]
    fn languages_split_at_english() {
        assert_eq!(split_pair("aren"), ("ar".into(), "en".into()));
        assert_eq!(split_pair("heen"), ("he".into(), "en".into()));
        assert_eq!(split_pair("enzh_hant"), ("en".into(), "zh_hant".into()));
        assert_eq!(split_pair("zh_hanten"), ("zh_hant".into(), "en".into()));
        assert_eq!(split_pair("ar-en"), ("ar".into(), "en".into()));
    }

    #[test]
    fn a_complete_folder_is_read() {
        let dir = folder_with(&[
            "model.aren.intgemm.alphas.bin",
            "vocab.aren.spm",
            "lex.50.50.aren.s2t.bin",
            "README.txt",
        ]);
        let folder = ModelFolder::read(dir.path()).expect("complete");
        assert_eq!(folder.pair, "aren");
        assert_eq!(folder.languages(), ("ar".into(), "en".into()));
        assert_eq!(folder.name(), "model.aren.intgemm.alphas");
        assert_eq!(folder.source_vocab, dir.path().join("vocab.aren.spm"));
        assert_eq!(folder.source_vocab, folder.target_vocab);
        assert_eq!(
            folder.shortlist,
            Some(dir.path().join("lex.50.50.aren.s2t.bin"))
        );
    }

    #[test]
    fn a_lone_vocabulary_named_after_the_reverse_pair_is_taken() {
        let dir = folder_with(&["model.enfr.intgemm.alphas.bin", "vocab.fren.spm"]);
        let folder = ModelFolder::read(dir.path()).expect("complete");
        assert_eq!(folder.source_vocab, dir.path().join("vocab.fren.spm"));
        assert_eq!(folder.languages(), ("en".into(), "fr".into()));
    }

    #[test]
    fn split_vocabularies_and_no_shortlist() {
        let dir = folder_with(&[
            "model.enzh.intgemm.alphas.bin",
            "srcvocab.enzh.spm",
            "trgvocab.enzh.spm",
        ]);
        let folder = ModelFolder::read(dir.path()).expect("complete");
        assert_eq!(folder.source_vocab, dir.path().join("srcvocab.enzh.spm"));
        assert_eq!(folder.target_vocab, dir.path().join("trgvocab.enzh.spm"));
        assert_eq!(folder.shortlist, None);
    }

    #[test]
    fn missing_files_are_named() {
        let dir = folder_with(&[
            "model.faen.intgemm.alphas.bin",
            "vocab.aren.spm",
            "vocab.heen.spm",
        ]);
        let error = ModelFolder::read(dir.path()).expect_err("no faen vocabulary");
        assert!(
            matches!(&error, FirefoxError::MissingFile { what: "vocabulary", expected, .. } if expected == "vocab.faen.spm"),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .contains("has no vocabulary (vocab.faen.spm)")
        );

        let dir = folder_with(&["model.aren.intgemm.alphas.bin", "vocab.aren.spm.zst"]);
        let error = ModelFolder::read(dir.path()).expect_err("compressed vocabulary");
        assert!(
            error
                .to_string()
                .ends_with("; vocab.aren.spm.zst is still compressed: decompress it first"),
            "{error}"
        );

        let dir = folder_with(&["model.aren.intgemm.alphas.bin.zst", "vocab.aren.spm"]);
        let error = ModelFolder::read(dir.path()).expect_err("compressed model");
        assert!(error.to_string().contains("still compressed"), "{error}");

        let dir = folder_with(&["model.enja.intgemm.alphas.bin", "trgvocab.enja.spm"]);
        let error = ModelFolder::read(dir.path()).expect_err("no source vocabulary");
        assert!(
            error
                .to_string()
                .contains("has no source vocabulary (srcvocab.enja.spm)"),
            "{error}"
        );

        let dir = folder_with(&["notes.txt"]);
        assert_eq!(
            ModelFolder::read(dir.path()),
            Err(FirefoxError::NoModel {
                dir: dir.path().to_path_buf()
            })
        );
    }

    #[test]
    fn files_as_published_are_taken_compressed() {
        let dir = folder_with(&[
            "model.aren.intgemm.alphas.bin.gz",
            "vocab.aren.spm.gz",
            "lex.50.50.aren.s2t.bin.gz",
        ]);
        let folder = ModelFolder::read(dir.path()).expect("complete");
        assert_eq!(folder.pair, "aren");
        assert_eq!(
            folder.model,
            dir.path().join("model.aren.intgemm.alphas.bin.gz")
        );
        assert_eq!(folder.name(), "model.aren.intgemm.alphas");
        assert_eq!(folder.source_vocab, dir.path().join("vocab.aren.spm.gz"));
        assert_eq!(folder.source_vocab, folder.target_vocab);
        assert_eq!(
            folder.shortlist,
            Some(dir.path().join("lex.50.50.aren.s2t.bin.gz"))
        );

        let dir = folder_with(&[
            "model.enzh.intgemm.alphas.bin.gz",
            "srcvocab.enzh.spm.gz",
            "trgvocab.enzh.spm",
        ]);
        let folder = ModelFolder::read(dir.path()).expect("complete");
        assert_eq!(folder.source_vocab, dir.path().join("srcvocab.enzh.spm.gz"));
        assert_eq!(folder.target_vocab, dir.path().join("trgvocab.enzh.spm"));
    }

    #[test]
    fn a_plain_file_is_taken_before_its_compressed_copy() {
        let dir = folder_with(&[
            "model.aren.intgemm.alphas.bin",
            "model.aren.intgemm.alphas.bin.gz",
            "vocab.aren.spm.gz",
            "vocab.aren.spm",
        ]);
        let folder = ModelFolder::read(dir.path()).expect("complete");
        assert_eq!(
            folder.model,
            dir.path().join("model.aren.intgemm.alphas.bin")
        );
        assert_eq!(folder.source_vocab, dir.path().join("vocab.aren.spm"));
    }

    #[test]
    fn a_folder_half_one_layout_and_half_another_is_refused_with_what_it_mixes() {
        let dir = folder_with(&[
            "model.aren.intgemm.alphas.bin",
            "vocab.aren.spm",
            "srcvocab.aren.spm.gz",
            "trgvocab.aren.spm.gz",
        ]);
        let error = ModelFolder::read(dir.path()).expect_err("two vocabulary layouts");
        assert!(
            matches!(error, FirefoxError::MixedFolder { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(
                "holds both a shared vocabulary (vocab.aren.spm) and a split one \
                 (srcvocab.aren.spm.gz)"
            ),
            "{message}"
        );
        assert!(
            message.contains("keep the files of one download"),
            "{message}"
        );

        let dir = folder_with(&[
            "model.aren.intgemm.alphas.bin",
            "model.faen.intgemm.alphas.bin.gz",
            "vocab.aren.spm",
        ]);
        let message = ModelFolder::read(dir.path())
            .expect_err("two pairs")
            .to_string();
        assert!(
            message.contains("models of more than one language pair (aren, faen)"),
            "{message}"
        );
    }

    #[test]
    fn models_are_found_one_folder_per_pair() {
        let data = tempfile::tempdir().expect("temp dir");
        for (folder, files) in [
            (
                "ar-en",
                &["model.aren.intgemm.alphas.bin", "vocab.aren.spm"][..],
            ),
            ("fa-en", &["model.faen.intgemm.alphas.bin"][..]),
            (
                "he-en",
                &["model.heen.intgemm.alphas.bin", "vocab.heen.spm"][..],
            ),
            ("photos", &["cat.png"][..]),
        ] {
            std::fs::create_dir(data.path().join(folder)).expect("mkdir");
            for file in files {
                std::fs::write(data.path().join(folder).join(file), b"x").expect("write");
            }
        }
        let pairs: Vec<String> = find_models(data.path())
            .into_iter()
            .map(|folder| folder.pair)
            .collect();
        assert_eq!(pairs, ["aren", "heen"]);
        let scanned = scan_models(data.path());
        assert_eq!(scanned.len(), 3, "the half-copied fa-en folder is listed");
        assert!(matches!(
            &scanned[1],
            Err(FirefoxError::MissingFile {
                what: "vocabulary",
                ..
            })
        ));
        assert!(find_models(&data.path().join("nowhere")).is_empty());
    }

    #[test]
    fn the_explanation_names_the_folder_and_the_files() {
        let text = where_to_get_models(Path::new("/data/hamish/models"));
        for needed in [
            "/data/hamish/models",
            "model.aren.intgemm.alphas.bin",
            "vocab.aren.spm",
            "lex.50.50.aren.s2t.bin",
            "https://",
            "AVX2",
        ] {
            assert!(text.contains(needed), "{needed} is not explained");
        }
    }
}
