//! `hamish search QUERY [FOLDER]`: every match in a folder's articles, translations
//! and notes, one line per text as `path:section: text` (`path:orphan: text` for a
//! note or translation whose section is gone), or as JSON.
//!
//! Matching is the app's ([`super::matcher`]). Sections are numbered from 1, as a
//! reader counts them (the title is section 1). Lines come in path order, then in
//! reading order within an article (section, then translation, then notes), as grep
//! lists files, so that the output is stable for scripts; the app ranks instead.
//! Exit status as grep's: 0 with matches, 1 with none, 2 on an error.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{ImportedTranslations, Kind, Query, SearchIndex, SearchOptions};
use crate::import::translation::find_companions;
use crate::import::{ImportError, MAX_ARTICLE_BYTES};
use crate::model::shown::shown_path;

/// The arguments of `hamish search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for: diacritics, tatweel, letter forms and case are ignored, and it
    /// matches at the start of words.
    pub query: String,
    /// The folder of articles to search (or one article file); the current folder if
    /// not given.
    pub folder: Option<PathBuf>,
    /// Print a JSON array of matches instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Also match after Arabic prefixes: و ف ب ل ك ال and their combinations
    /// (وال بال لل فال…).
    #[arg(long, short)]
    pub prefixes: bool,
}

/// One match, as `--json` prints it.
#[derive(Debug, serde::Serialize)]
struct JsonMatch<'a> {
    path: String,
    /// From 1; `null` for an orphan, whose section is gone.
    section: Option<usize>,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    text: &'a str,
}

/// Runs `hamish search` and returns its exit status.
/// `imported`: translation files the reader imported for articles from elsewhere,
/// searched with them.
pub fn run(args: &SearchArgs, imported: &ImportedTranslations) -> u8 {
    let options = SearchOptions {
        prefixes: args.prefixes,
    };
    let Some(query) = Query::new(&args.query, options) else {
        eprintln!("hamish search: the query has nothing to look for (only spaces or diacritics)");
        return 2;
    };
    let folder = args.folder.clone().unwrap_or_else(|| PathBuf::from("."));
    let index = match index_of(&folder, imported) {
        Ok(index) => index,
        Err(message) => {
            eprintln!("hamish search: {message}");
            return 2;
        }
    };
    let mut results = index.search(&query, usize::MAX);
    results.articles.sort_by(|a, b| a.path.cmp(&b.path));
    let matches: Vec<JsonMatch<'_>> = results
        .articles
        .iter()
        .flat_map(|article| {
            article.hits.iter().map(|hit| JsonMatch {
                path: article.path.display().to_string(),
                section: (hit.kind != Kind::Orphan).then_some(hit.section + 1),
                kind: hit.kind.name(),
                language: hit.language.as_deref(),
                text: &hit.text,
            })
        })
        .collect();
    let output = if args.json {
        match serde_json::to_string_pretty(&matches) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("hamish search: cannot write JSON: {error}");
                return 2;
            }
        }
    } else {
        matches
            .iter()
            .map(|found| match found.section {
                Some(section) => format!("{}:{section}: {}\n", found.path, found.text),
                None => format!("{}:{}: {}\n", found.path, found.kind, found.text),
            })
            .collect()
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(error) => {
            eprintln!("hamish search: cannot write to stdout: {error}");
            return 2;
        }
    }
    if matches.is_empty() { 1 } else { 0 }
}

/// The index of the folder at `path`, or of the one article there.
fn index_of(path: &Path, imported: &ImportedTranslations) -> Result<SearchIndex, String> {
    let shown = shown_path(path);
    let metadata = std::fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => format!("there is no file or folder at {shown}"),
        _ => format!("{shown} cannot be read ({error})"),
    })?;
    if metadata.is_file() {
        let mut companions = find_companions(path);
        companions.extend(imported.of(path));
        let searchable = super::document::read_searchable_with(path, &companions)
            .map_err(|error| format!("{shown}: {}", import_words(&error)))?;
        let mut index = SearchIndex::default();
        index.insert(path.to_owned(), searchable);
        return Ok(index);
    }
    SearchIndex::build_with_imported(path, imported.clone())
        .map_err(|error| format!("{shown} cannot be read ({error})"))
}

/// Why an article cannot be searched, in the command line's words (the library's
/// "choose it to open it anyway" means nothing here).
fn import_words(error: &ImportError) -> String {
    match error {
        ImportError::TooLarge { bytes } => format!(
            "a very large file ({} MB); articles over {} MB are not searched",
            bytes / (1024 * 1024),
            MAX_ARTICLE_BYTES / (1024 * 1024)
        ),
        other => other.to_string(),
    }
}
