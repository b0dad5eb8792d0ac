//! `hamish study status|deck ARTICLE|FOLDER`: the lemmas of articles with the reader's
//! status of each, and decks of them for Anki, from the same code the window uses
//! (the vocabulary file is read, never written).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::gloss::{Analyzer, default_folder};
use crate::import::{list_folder, read_article};
use crate::model::shown::shown_path;
use crate::model::vocabulary::{Vocabulary, WordStatus};
use crate::store::{load_vocabulary, vocabulary_path};
use crate::study::apkg::deck_apkg;
use crate::study::tsv::deck_tsv;
use crate::study::{
    CachedLemmatizer, DeckNote, LemmaWord, Shares, deck_notes, lemma_counts, section_words, shares,
};

use super::study::{AlignedSentences, LexiconLemmatizer, vocabulary_folder};
use super::translations::{TranslationsOfArticle, read_translations};

/// A deck's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeckFormat {
    /// An Anki package.
    Apkg,
    /// Tab-separated text for Anki's text import.
    Tsv,
}

/// What `hamish study` was asked.
#[derive(Clone, Debug)]
pub enum StudyArgs {
    /// `hamish study status`.
    Status {
        /// Print JSON.
        json: bool,
        /// An article or a folder.
        path: PathBuf,
    },
    /// `hamish study deck`.
    Deck {
        /// The format.
        format: DeckFormat,
        /// Only lemmas of these statuses (all when empty).
        statuses: Vec<WordStatus>,
        /// Where to write; standard output when `None`.
        output: Option<PathBuf>,
        /// An article or a folder.
        path: PathBuf,
    },
}

/// The statuses named in `list` (`new,learning,known`: `learning` is every level), or
/// the name that is not one.
pub fn parse_statuses(list: &str) -> Result<Vec<WordStatus>, String> {
    let mut statuses = Vec::new();
    for name in list
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        if name == "learning" {
            statuses.extend((1..=4).map(WordStatus::Learning));
        } else if let Some(status) = WordStatus::from_name(name) {
            statuses.push(status);
        } else {
            return Err(format!(
                "--status {name}: not a status; give new, learning, learning-1 … learning-4, known or ignored"
            ));
        }
    }
    Ok(statuses)
}

/// One article read for study.
struct Studied {
    path: PathBuf,
    sections: Vec<String>,
    translations: Vec<Option<String>>,
}

/// Runs `hamish study`; returns the exit code: 0 done, 1 nothing to show or write,
/// 2 an error (said on standard error).
pub fn run(args: &StudyArgs) -> u8 {
    let path = match args {
        StudyArgs::Status { path, .. } | StudyArgs::Deck { path, .. } => path,
    };
    let (articles, folder) = match articles_of(path) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("hamish: {message}");
            return 2;
        }
    };
    let vocabulary = match load_vocabulary(&vocabulary_path(&folder)) {
        Ok(vocabulary) => vocabulary,
        Err(error) => {
            eprintln!(
                "hamish: the vocabulary cannot be read ({error}): {}",
                shown_path(&vocabulary_path(&folder))
            );
            return 2;
        }
    };
    let analyzer = match Analyzer::load(&default_folder()) {
        Ok(analyzer) => analyzer,
        Err(error) => {
            eprintln!("hamish: {error}");
            return 2;
        }
    };
    let lemmatizer = CachedLemmatizer::new(LexiconLemmatizer(&analyzer));
    let mut studied = Vec::new();
    for article in &articles {
        match read_studied(article, matches!(args, StudyArgs::Deck { .. })) {
            Ok(one) => studied.push(one),
            Err(message) => {
                eprintln!("hamish: {message}: {}", shown_path(article));
                return 2;
            }
        }
    }
    match args {
        StudyArgs::Status { json, .. } => status(&studied, &lemmatizer, &vocabulary, *json),
        StudyArgs::Deck {
            format,
            statuses,
            output,
            ..
        } => {
            let notes = all_notes(&studied, &lemmatizer, &vocabulary, statuses);
            if notes.is_empty() {
                eprintln!("hamish: no lemma of the statuses asked for; nothing was written");
                return 1;
            }
            deck(&notes, *format, output.as_deref(), &studied, path)
        }
    }
}

/// The articles at `path` (one, or a folder's), and the folder whose vocabulary they use.
fn articles_of(path: &Path) -> Result<(Vec<PathBuf>, PathBuf), String> {
    if path.is_dir() {
        let library = list_folder(path)
            .map_err(|error| format!("{} cannot be read: {error}", shown_path(path)))?;
        let articles = library
            .entries
            .into_iter()
            .map(|entry| entry.path)
            .collect();
        Ok((articles, path.to_path_buf()))
    } else if path.exists() {
        Ok((vec![path.to_path_buf()], vocabulary_folder(path)))
    } else {
        Err(format!(
            "there is no such article or folder: {}",
            shown_path(path)
        ))
    }
}

/// The article at `path`, with each section's translation when `translated`.
fn read_studied(path: &Path, translated: bool) -> Result<Studied, String> {
    let article =
        read_article(path).map_err(|error| format!("the article cannot be read ({error})"))?;
    let sections: Vec<String> = article.sections.iter().map(|s| s.text.clone()).collect();
    let translations = if translated {
        let data = crate::store::load_contents(&crate::store::sidecar_path(path))
            .map(|contents| contents.translations)
            .unwrap_or_default();
        let files = read_translations(path, &[]);
        let mut of_article = TranslationsOfArticle::new(files, None, &data);
        // The folder's glossary helps a translation cut another way line up.
        of_article.set_folder(path.parent().map(Path::to_path_buf));
        let columns = of_article.all_columns(&article, &data);
        (0..sections.len())
            .map(|index| {
                columns
                    .first()
                    .and_then(|column| column.text(index))
                    .map(str::to_owned)
            })
            .collect()
    } else {
        vec![None; sections.len()]
    };
    Ok(Studied {
        path: path.to_path_buf(),
        sections,
        translations,
    })
}

/// The lemmas of every article, each once, from its first occurrence.
fn all_notes(
    studied: &[Studied],
    lemmatizer: &dyn crate::study::Lemmatizer,
    vocabulary: &Vocabulary,
    statuses: &[WordStatus],
) -> Vec<DeckNote> {
    let wanted = (!statuses.is_empty()).then_some(statuses);
    let mut notes: Vec<DeckNote> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for article in studied {
        let sections: Vec<&str> = article.sections.iter().map(String::as_str).collect();
        let source = AlignedSentences {
            sections: &sections,
            translations: &article.translations,
        };
        for note in deck_notes(&sections, lemmatizer, vocabulary, wanted, &source) {
            if seen.insert(note.lemma.clone()) {
                notes.push(note);
            }
        }
    }
    notes
}

/// Prints every lemma with its status, and the counts.
fn status(
    studied: &[Studied],
    lemmatizer: &dyn crate::study::Lemmatizer,
    vocabulary: &Vocabulary,
    json: bool,
) -> u8 {
    let words: Vec<Vec<LemmaWord>> = studied
        .iter()
        .flat_map(|article| article.sections.iter())
        .map(|text| section_words(text, lemmatizer))
        .collect();
    let texts = studied.iter().flat_map(|article| article.sections.iter());
    let counts = lemma_counts(
        texts
            .zip(&words)
            .map(|(text, words)| (text.as_str(), words.as_slice())),
        vocabulary,
    );
    let counted: Shares = shares(words.iter().map(Vec::as_slice), vocabulary);
    let mut by_status = std::collections::BTreeMap::new();
    for count in &counts {
        *by_status.entry(count.status.name()).or_insert(0usize) += 1;
    }
    let text = if json {
        let lemmas: Vec<serde_json::Value> = counts
            .iter()
            .map(|count| {
                serde_json::json!({
                    "lemma": &*count.lemma,
                    "status": count.status.name(),
                    "occurrences": count.occurrences,
                    "forms": count.forms,
                })
            })
            .collect();
        let value = serde_json::json!({
            "articles": studied.iter().map(|a| a.path.display().to_string()).collect::<Vec<_>>(),
            "words": counted.words,
            "known_words": counted.known_words,
            "lemmas": counts.len(),
            "new_lemmas": counted.new_lemmas,
            "by_status": by_status,
            "lemma_list": lemmas,
        });
        serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
    } else {
        let mut out = String::new();
        for count in &counts {
            let forms: Vec<&str> = count.forms.iter().map(String::as_str).collect();
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                count.status.name(),
                count.occurrences,
                count.lemma,
                forms.join(" ")
            ));
        }
        let statuses: Vec<String> = by_status
            .iter()
            .map(|(name, n)| format!("{n} {name}"))
            .collect();
        out.push_str(&format!(
            "{} lemmas ({}), {} words; {}\n",
            counts.len(),
            statuses.join(", "),
            counted.words,
            counted.summary()
        ));
        out
    };
    write_stdout(text.as_bytes())
}

/// Writes the deck.
fn deck(
    notes: &[DeckNote],
    format: DeckFormat,
    output: Option<&Path>,
    studied: &[Studied],
    path: &Path,
) -> u8 {
    let name = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = match format {
        DeckFormat::Tsv => deck_tsv(notes).into_bytes(),
        DeckFormat::Apkg => {
            if output.is_none() {
                eprintln!(
                    "hamish: a package is a file: give -o FILE.apkg, or --format tsv for standard output"
                );
                return 2;
            }
            let now_ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| {
                    i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
                });
            match deck_apkg(notes, &format!("Hamish::{name}"), now_ms) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!("hamish: {error}");
                    return 2;
                }
            }
        }
    };
    let Some(target) = output else {
        return write_stdout(&bytes);
    };
    let Some(article) = studied.first().map(|article| article.path.as_path()) else {
        return 1;
    };
    let written = crate::export::check_target(target, article)
        .and_then(|()| crate::export::write_export(target, article, &bytes));
    match written {
        Ok(()) => {
            eprintln!(
                "hamish: {} notes written to {}",
                notes.len(),
                shown_path(target)
            );
            0
        }
        Err(refusal) => {
            eprintln!(
                "hamish: {}: {}",
                super::export::refusal_words(&refusal),
                shown_path(target)
            );
            2
        }
    }
}

/// Writes `bytes` to standard output; a closed pipe is the reader's choice.
fn write_stdout(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            eprintln!("hamish: standard output could not be written ({error})");
            2
        }
    }
}
