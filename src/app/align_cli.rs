//! `hamish align [--json] ARTICLE [TRANSLATION]`: prints how a translation lines up
//! with an article, sentence by sentence, with the same reading of both files as the
//! app ([`read_article`], the companions' readers) and the headless aligner
//! ([`crate::align`]), with the gloss lexicon and the folder's glossary as its
//! dictionary.
//!
//! Without TRANSLATION, the article's companion in the chosen language: the language
//! given with `--language`, else the one the reader last showed (kept in the
//! sidecar), else the first there is, as the app and `hamish export` choose it.
//!
//! Output, on standard output:
//!
//! - plain: one line per section of the article, `section<TAB>translation`: the
//!   section's text, a tab, the translation sentences linked to it joined by spaces
//!   (empty when the translation has nothing for it);
//! - `--json`: JSON Lines, one object per link, `{"article": [[section, start, end],
//!   …], "translation": [[line, start, end], …], "confidence": 0.0–1.0}`: sections and
//!   lines counted from 0 (a line is a segment of the translation file: a line of a
//!   `.txt`, a block of a `.md`, a unit of a TMX or XLIFF), `start..end` the
//!   sentence's place in that section's or line's text counted in characters
//!   (Unicode scalar values, not bytes), end excluded. Only links with both sides are
//!   printed.
//!
//! Exit status: 0 when something aligned, 1 when nothing did (an empty translation,
//! no sentence linked), 2 on an error (a file that cannot be read, no translation).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::align::{AlignError, Alignment, Evidence, Sentence, align};
use crate::gloss::{Analyzer, default_folder};
use crate::import::read_article;
use crate::import::translation::{TranslationError, format_of, read_translation};
use crate::model::guess_language;
use crate::model::translation::{TranslationFile, same_language};
use crate::translate::Glossary;

use super::align_dictionary::LexiconDictionary;
use super::translations::{TranslationsOfArticle, read_translations};

/// What `hamish align` was asked.
#[derive(Clone, Debug, Default)]
pub struct AlignArgs {
    /// Print JSON Lines instead of one line per section.
    pub json: bool,
    /// The language of the companion to align, if not the chosen one.
    pub language: Option<String>,
    /// The article.
    pub article: PathBuf,
    /// The translation file; `None` for the article's companion.
    pub translation: Option<PathBuf>,
}

/// Runs `hamish align`; returns the exit code. Errors go to standard error.
pub fn run(args: &AlignArgs) -> u8 {
    match aligned(args) {
        Ok((sections, lines, Ok(alignment))) => {
            let linked = alignment.links.iter().any(|link| link.is_two_sided());
            let text = if args.json {
                json_lines(&alignment, &sections, &lines)
            } else {
                plain(&alignment, &sections, &lines)
            };
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => {}
                // A reader that stopped reading (`| head`) is not an error.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return 0,
                Err(error) => {
                    eprintln!("hamish: standard output could not be written ({error})");
                    return 2;
                }
            }
            if linked {
                0
            } else {
                eprintln!("hamish: no sentence of the translation lines up with the article");
                1
            }
        }
        Ok((_, _, Err(error))) => {
            let why = match error {
                AlignError::EmptyArticle | AlignError::EmptyTranslation => error.to_string(),
                AlignError::TooLong { .. } => format!("{error}: align it in parts"),
            };
            eprintln!("hamish: nothing aligned: {why}");
            1
        }
        Err(message) => {
            eprintln!("hamish: {message}");
            2
        }
    }
}

/// The article's sections, the translation's lines and their alignment; `Err` with
/// a message when a file cannot be used.
type Aligned = (Vec<String>, Vec<String>, Result<Alignment, AlignError>);

fn aligned(args: &AlignArgs) -> Result<Aligned, String> {
    let article = read_article(&args.article).map_err(|error| {
        format!(
            "the article cannot be read ({error}): {}",
            args.article.display()
        )
    })?;
    let translation = match &args.translation {
        Some(path) => read_file(path, args.language.as_deref())?,
        None => companion(&args.article, args.language.as_deref())?,
    };
    let sections: Vec<String> = article.sections.iter().map(|s| s.text.clone()).collect();
    let lines: Vec<String> = translation
        .segments
        .iter()
        .map(|segment| segment.target.clone())
        .collect();
    if let Some(read_as) = guess_language(&lines.concat())
        && reads_as_another_language(read_as, &translation.language)
    {
        eprintln!(
            "hamish: the translation reads as `{read_as}`, not `{}`; aligned anyway",
            translation.language
        );
    }
    // The dictionary is a help, not a need: without the lexicon or the glossary the
    // alignment goes on with lengths and anchors.
    let analyzer = Analyzer::load(&default_folder()).ok();
    let folder = args.article.parent().unwrap_or(Path::new("."));
    let glossary = Glossary::read_folder(folder).ok().flatten();
    let dictionary = LexiconDictionary {
        analyzer: analyzer.as_ref(),
        glossary: glossary.as_ref(),
    };
    let section_texts: Vec<&str> = sections.iter().map(String::as_str).collect();
    let line_texts: Vec<&str> = lines.iter().map(String::as_str).collect();
    let alignment = align(
        &section_texts,
        &line_texts,
        Evidence {
            dictionary: Some(&dictionary),
            machine: None,
        },
    );
    Ok((sections, lines, alignment))
}

/// Whether a translation whose script reads as `read_as` (see [`guess_language`],
/// which tells scripts apart, and calls every Latin-script text `en`) cannot be in
/// the `declared` language.
fn reads_as_another_language(read_as: &str, declared: &str) -> bool {
    const RIGHT_TO_LEFT: [&str; 4] = ["ar", "fa", "ur", "he"];
    let declared_rtl = RIGHT_TO_LEFT.iter().any(|rtl| same_language(rtl, declared));
    if read_as == "en" {
        declared_rtl
    } else {
        !declared.trim().is_empty() && !same_language(read_as, declared)
    }
}

/// The translation in the file at `path` (in `language` when it holds several).
fn read_file(path: &Path, language: Option<&str>) -> Result<TranslationFile, String> {
    let format = format_of(path).ok_or_else(|| {
        format!(
            "not a translation file (.txt, .md, .tmx, .xlf or .xliff): {}",
            path.display()
        )
    })?;
    let named = path
        .file_stem()
        .and_then(|stem| Path::new(stem).extension())
        .and_then(|language| language.to_str());
    let imported = match read_translation(path, format, language.or(named)) {
        Ok(imported) => imported,
        // An empty translation is read, and found to have nothing to align.
        Err(TranslationError::Empty) => {
            return Ok(TranslationFile {
                language: language.or(named).unwrap_or_default().to_owned(),
                ..TranslationFile::default()
            });
        }
        Err(error) => {
            return Err(format!(
                "the translation cannot be read ({error}): {}",
                path.display()
            ));
        }
    };
    pick_language(imported.files, language).ok_or_else(|| {
        format!(
            "no translation into {} in {}",
            language.unwrap_or("any language"),
            path.display()
        )
    })
}

/// The first of `files` in `language` (any language when `None`).
fn pick_language(files: Vec<TranslationFile>, language: Option<&str>) -> Option<TranslationFile> {
    files
        .into_iter()
        .find(|file| language.is_none_or(|wanted| same_language(&file.language, wanted)))
}

/// The article's companion in the chosen language.
fn companion(article: &Path, language: Option<&str>) -> Result<TranslationFile, String> {
    let data = crate::store::load_contents(&crate::store::sidecar_path(article))
        .map(|contents| contents.translations)
        .unwrap_or_default();
    let files = read_translations(article, &[]);
    let chosen = language
        .map(str::to_owned)
        .or_else(|| data.shown_language.clone());
    let chosen = TranslationsOfArticle::new(files.clone(), chosen.as_deref(), &data).language;
    let mut problems = Vec::new();
    for loaded in files {
        match loaded.result {
            Ok(imported) => {
                if let Some(file) = pick_language(imported.files, chosen.as_deref()) {
                    return Ok(file);
                }
            }
            Err(error) => problems.push(format!("{} ({error})", loaded.name)),
        }
    }
    let language = chosen.unwrap_or_else(|| "any language".to_owned());
    if problems.is_empty() {
        Err(format!(
            "the article has no translation into {language} beside it: give one after the article: {}",
            article.display()
        ))
    } else {
        Err(format!(
            "no readable translation into {language}: {}: {}",
            problems.join(", "),
            article.display()
        ))
    }
}

/// The text of a sentence of `blocks`.
fn text_of<'a>(blocks: &'a [String], sentence: &Sentence) -> &'a str {
    blocks
        .get(sentence.block)
        .and_then(|block| block.get(sentence.range.clone()))
        .unwrap_or_default()
}

/// One line per section: its text, a tab, its translation.
fn plain(alignment: &Alignment, sections: &[String], lines: &[String]) -> String {
    let by_section = alignment.translation_by_section(sections.len());
    let mut out = String::new();
    for (section, translated) in sections.iter().zip(by_section) {
        let translation: Vec<&str> = translated
            .iter()
            .filter_map(|&index| alignment.translation.get(index))
            .map(|sentence| text_of(lines, sentence))
            .collect();
        out.push_str(&one_line(section));
        out.push('\t');
        out.push_str(&one_line(&translation.join(" ")));
        out.push('\n');
    }
    out
}

/// `text` on one line with no tab in it, so the output stays two columns.
fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// One JSON object per two-sided link.
fn json_lines(alignment: &Alignment, sections: &[String], lines: &[String]) -> String {
    let places = |sentences: &[Sentence], blocks: &[String], range: std::ops::Range<usize>| {
        range
            .filter_map(|index| sentences.get(index))
            .map(|sentence| {
                let block = blocks.get(sentence.block).map_or("", String::as_str);
                let start = block
                    .get(..sentence.range.start)
                    .unwrap_or("")
                    .chars()
                    .count();
                let length = text_of(blocks, sentence).chars().count();
                serde_json::json!([sentence.block, start, start + length])
            })
            .collect::<Vec<_>>()
    };
    let mut out = String::new();
    for link in alignment.links.iter().filter(|link| link.is_two_sided()) {
        let object = serde_json::json!({
            "article": places(&alignment.article, sections, link.article.clone()),
            "translation": places(&alignment.translation, lines, link.translation.clone()),
            "confidence": (f64::from(link.confidence) * 1000.0).round() / 1000.0,
        });
        out.push_str(&object.to_string());
        out.push('\n');
    }
    out
}
