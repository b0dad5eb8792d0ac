//! `hamish gloss [--context ARTICLE] WORD...`: the analyses of each word on stdout,
//! as a card shows them or as JSON.
//!
//! With `--context`, each word is ranked where it first stands in the article (the
//! same letters, whatever its clitics and marks), with that section's translation
//! (a companion with one segment per section, else the companion's whole text) and
//! the article's other words (see [`super::context`]); a word the article does not
//! hold is ranked by the article's other words alone.

use std::io::Write as _;
use std::path::PathBuf;

use super::context::ArticleContext;
use super::{Analyzer, default_folder, report};
use crate::import::read_article;
use crate::import::translation::{find_companions, read_companion};

/// The arguments of `hamish gloss`.
#[derive(Debug, clap::Args)]
pub struct GlossArgs {
    /// The words to analyse, in Arabic script, with or without tashkeel.
    #[arg(required = true)]
    pub words: Vec<String>,
    /// Print a JSON array with one object per word instead of text.
    #[arg(long)]
    pub json: bool,
    /// Rank each word's analyses by its context in this article (its section, the
    /// section's translation beside the article, the article's other words).
    #[arg(long, value_name = "ARTICLE")]
    pub context: Option<PathBuf>,
    /// The folder holding the lexicon files (default: $HAMISH_LEXICON, else
    /// assets/lexicon beside the program or in the source tree).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
}

/// Runs `hamish gloss` and returns its exit status: 0 when every word was analysed (known or not), 2 when the
/// lexicon cannot be loaded, 1 when stdout cannot be written.
pub fn run(args: &GlossArgs) -> u8 {
    let folder = args.lexicon.clone().unwrap_or_else(default_folder);
    let analyzer = match Analyzer::load(&folder) {
        Ok(analyzer) => analyzer,
        Err(error) => {
            eprintln!("hamish gloss: {error}");
            return 2;
        }
    };
    let context = match &args.context {
        Some(article) => match article_context(&analyzer, article) {
            Ok(context) => Some(context),
            Err(message) => {
                eprintln!("hamish gloss: {message}");
                return 2;
            }
        },
        None => None,
    };
    let glosses: Vec<_> = args
        .words
        .iter()
        .map(|word| match &context {
            Some(context) => {
                let place = context.find(word);
                let word_context = place.map_or_else(
                    || context.elsewhere(),
                    |(section, at)| context.at(section, at),
                );
                analyzer.analyze_in(word, &word_context)
            }
            None => analyzer.analyze(word),
        })
        .collect();
    let output = if args.json {
        let words: Vec<_> = glosses.iter().map(report::to_json).collect();
        match serde_json::to_string_pretty(&words) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("hamish gloss: cannot write JSON: {error}");
                return 1;
            }
        }
    } else {
        glosses
            .iter()
            .map(report::card_text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => 0,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            eprintln!("hamish gloss: cannot write to stdout: {error}");
            1
        }
    }
}

/// The article at `path` read for ranking, with its first companion translation:
/// segment by section when it has one segment per section, else the whole text for
/// every section. `Err` with a message when the article cannot be read.
pub fn article_context(
    analyzer: &Analyzer,
    path: &std::path::Path,
) -> Result<ArticleContext, String> {
    let article = read_article(path)
        .map_err(|error| format!("the article cannot be read ({error}): {}", path.display()))?;
    let sections: Vec<String> = article.sections.into_iter().map(|s| s.text).collect();
    let segments: Vec<String> = find_companions(path)
        .iter()
        .filter_map(|companion| read_companion(companion).ok())
        .flat_map(|imported| imported.files)
        .next()
        .map(|file| file.segments.into_iter().map(|s| s.target).collect())
        .unwrap_or_default();
    let translations = if segments.len() == sections.len() {
        segments.into_iter().map(Some).collect()
    } else if segments.is_empty() {
        Vec::new()
    } else {
        // Not one segment per section: the whole translation stands for each.
        vec![Some(segments.join("\n")); sections.len()]
    };
    Ok(ArticleContext::new(analyzer, sections, translations))
}
