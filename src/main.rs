//! `hamish [FOLDER | FILE]`: opens a folder of articles, or an article in its folder.
//!
//! `hamish gloss WORD... [--json]`: the morphological analyses of Arabic words.
//!
//! `hamish search QUERY [FOLDER] [--json] [--prefixes]`: the matches in a folder's
//! articles, translations and notes, as `path:section: text` lines (sections from 1)
//! or JSON; exit 0 with matches, 1 with none, 2 on an error.
//!
//! `hamish export --format FORMAT ARTICLE [-o FILE]`: writes the article's notes
//! (read from its sidecar, never written) in another format, to standard output or
//! to FILE, with the same code as the app's File ▸ Export items. FILE is never one
//! of the reader's files (an article, a translation file, a notes file or a backup,
//! however it is reached: links, `..`) nor anything but a regular file or a new name
//! (see `hamish::export::check_target`). Errors go to standard error, with a non-zero
//! exit; translation files a bilingual export leaves out are named there with why.
//! (A folder named `export` is opened with `hamish ./export`.)
//!
//! `hamish study status [--json] ARTICLE|FOLDER` and `hamish study deck [--format
//! apkg|tsv] [--status new,learning,…] [-o FILE] ARTICLE|FOLDER`: the lemmas with the
//! reader's status of each, and decks for Anki (see `hamish::app::study_cli`).
//!
//! `hamish translate [ENGINE OPTIONS] [--to LANG] ARTICLE|FOLDER`: machine-translates
//! the sections with no translation yet into the sidecars, as the app does (see
//! `hamish::app::translate_cli`); `--stdout` prints the column instead.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use hamish::app::{ExportJob, HamishApp};
use hamish::export::ExportFormat;
use hamish::model::shown::shown_path;
use hamish::search::ImportedTranslations;

/// Hamish: read right-to-left articles with their translations and your notes.
#[derive(Parser)]
// No `help` subcommand: `hamish help` opens a folder named `help`, as it always did.
#[command(
    version,
    about,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
struct Args {
    /// What to do instead of opening the window.
    #[command(subcommand)]
    command: Option<Command>,
    /// A folder of articles, or one article file (its folder is opened). Without it,
    /// the last folder read, or the bundled sample articles the first time.
    path: Option<PathBuf>,
}

/// The subcommands.
#[derive(Subcommand)]
enum Command {
    /// Write an article's notes as Markdown, JSON or W3C Web Annotations.
    Export {
        /// The format to write.
        #[arg(long, short, value_parser = format_parser())]
        format: ExportFormat,
        /// The article (`.txt` or `.md`) whose notes are written.
        article: PathBuf,
        /// Write to this file (replaced atomically) instead of standard output; never
        /// an article, a translation file, a notes file, a backup, a device or a pipe.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// With `--format tmx`: sentence pairs (`segtype="sentence"`), each section's
        /// sentences aligned with its translation's, rather than whole sections.
        #[arg(long)]
        sentences: bool,
    },
    /// Print the morphological analyses of Arabic words (offline gloss).
    Gloss(hamish::gloss::cli::GlossArgs),
    /// Search a folder's articles, translations and notes, as the app does.
    Search(hamish::search::cli::SearchArgs),
    /// Machine-translate an article, or every article of a folder, into its sidecar.
    Translate(TranslateOptions),
    /// Print how a translation lines up with an article, sentence by sentence.
    Align(AlignOptions),
    /// Study an article's words by lemma: their status, and decks for Anki.
    #[command(subcommand)]
    Study(StudyCommand),
}

/// `hamish study`'s subcommands.
#[derive(Subcommand)]
enum StudyCommand {
    /// Print the lemmas of an article (or a folder's articles) with their status and
    /// counts, most frequent first: `STATUS<tab>OCCURRENCES<tab>LEMMA<tab>FORMS`.
    Status {
        /// One JSON object: the counts and every lemma.
        #[arg(long)]
        json: bool,
        /// The article (`.txt` or `.md`) or folder.
        path: PathBuf,
    },
    /// Write a deck for Anki: one note per lemma (word, lemma, gloss, part of speech,
    /// its first sentence with the word marked, that sentence's translation).
    Deck {
        /// `apkg` (an Anki package; needs -o) or `tsv` (Anki's text import).
        #[arg(long, short, default_value = "apkg", value_parser = ["apkg", "tsv"])]
        format: String,
        /// Only lemmas of these statuses, comma-separated: new, learning (or
        /// learning-1 … learning-4), known, ignored. All lemmas by default.
        #[arg(long, value_name = "STATUSES")]
        status: Option<String>,
        /// Write to this file (replaced atomically) instead of standard output; never
        /// one of the reader's files.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The article (`.txt` or `.md`) or folder.
        path: PathBuf,
    },
}

/// `hamish align`'s options.
#[derive(clap::Args, Debug)]
struct AlignOptions {
    /// One JSON object a line per link: `{"article": [[section, start, end], …],
    /// "translation": [[line, start, end], …], "confidence": …}`, offsets in
    /// characters of the section's and the line's text.
    #[arg(long)]
    json: bool,
    /// The companion's language (as `en`); without it, the one last shown.
    #[arg(long)]
    language: Option<String>,
    /// The article (`.txt` or `.md`).
    article: PathBuf,
    /// The translation (`.txt`, `.md`, `.tmx`, `.xlf`); without it, the article's
    /// companion.
    translation: Option<PathBuf>,
}

/// The engines `--engine` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum EngineName {
    /// The built-in engine, with a Firefox Translations model folder (--model-dir).
    Firefox,
    /// A LibreTranslate server (--url).
    Libretranslate,
    /// An Ollama server (--url, --model).
    Ollama,
    /// An OpenAI-compatible server: llama.cpp, LM Studio, vLLM (--url, --model).
    Openai,
    /// A command: the section on its input, the translation on its output (--command).
    Command,
}

/// `hamish translate`'s options.
#[derive(clap::Args, Debug)]
struct TranslateOptions {
    /// The engine; without it, the one configured in the app.
    #[arg(long, value_enum)]
    engine: Option<EngineName>,
    /// The model folder of the built-in engine.
    #[arg(long)]
    model_dir: Option<PathBuf>,
    /// The server's address, as http://127.0.0.1:8080.
    #[arg(long)]
    url: Option<String>,
    /// The model's name, as the server names it.
    #[arg(long)]
    model: Option<String>,
    /// The server's key, if it asks for one.
    #[arg(long)]
    api_key: Option<String>,
    /// The command line of the command engine, run by the shell.
    #[arg(long)]
    command: Option<String>,
    /// The language to translate into (as `en`); without it, the app's.
    #[arg(long)]
    to: Option<String>,
    /// The articles' language; without it, told from their script.
    #[arg(long)]
    from: Option<String>,
    /// Seconds a section may take.
    #[arg(long)]
    timeout: Option<f32>,
    /// Allow a server on another computer (the text leaves this one).
    #[arg(long)]
    allow_other_hosts: bool,
    /// Translate again the sections the machine did before.
    #[arg(long)]
    again: bool,
    /// Print the translation, one line per section, instead of writing the sidecars.
    #[arg(long)]
    stdout: bool,
    /// An article, or a folder of articles.
    path: PathBuf,
}

impl TranslateOptions {
    /// The engine the options name, or why they do not name one.
    fn engine(&self) -> Result<Option<hamish::translate::EngineConfig>, String> {
        use hamish::translate::EngineConfig;
        let url = || {
            self.url
                .clone()
                .ok_or_else(|| "this engine needs --url".to_owned())
        };
        let Some(engine) = self.engine else {
            return Ok(None);
        };
        Ok(Some(match engine {
            EngineName::Firefox => EngineConfig::Firefox {
                model_dir: self
                    .model_dir
                    .clone()
                    .ok_or("the built-in engine needs --model-dir")?,
            },
            EngineName::Libretranslate => EngineConfig::LibreTranslate {
                url: url()?,
                api_key: self.api_key.clone(),
            },
            EngineName::Ollama => EngineConfig::Ollama {
                url: url()?,
                model: self.model.clone().ok_or("Ollama needs --model")?,
            },
            EngineName::Openai => EngineConfig::OpenAi {
                url: url()?,
                model: self.model.clone().unwrap_or_default(),
                api_key: self.api_key.clone(),
            },
            EngineName::Command => EngineConfig::Command {
                command: self
                    .command
                    .clone()
                    .ok_or("the command engine needs --command")?,
            },
        }))
    }
}

/// Parses a format by its name: every [`ExportFormat`] is offered.
fn format_parser() -> impl TypedValueParser<Value = ExportFormat> {
    PossibleValuesParser::new(ExportFormat::ALL.map(ExportFormat::name))
        .try_map(|name| ExportFormat::from_name(&name).ok_or("unknown format"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Some(Command::Export {
            format,
            article,
            output,
            sentences,
        }) => match (format, sentences) {
            (_, false) | (ExportFormat::TmxSentences, true) => export(format, article, output),
            (ExportFormat::Tmx, true) => export(ExportFormat::TmxSentences, article, output),
            (_, true) => {
                eprintln!("hamish: --sentences goes with --format tmx");
                ExitCode::from(2)
            }
        },
        Some(Command::Gloss(gloss)) => ExitCode::from(hamish::gloss::cli::run(&gloss)),
        Some(Command::Search(search)) => {
            // Translation files the reader imported in the window are searched too.
            let imported = hamish::app::stored_reading_state()
                .map(|reading| ImportedTranslations::new(&reading.imported_translations))
                .unwrap_or_default();
            ExitCode::from(hamish::search::cli::run(&search, &imported))
        }
        Some(Command::Translate(options)) => translate(options),
        Some(Command::Align(options)) => align(options),
        Some(Command::Study(command)) => study(command),
        None => match run_window(args.path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("Error: {error:?}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `hamish export`: the export's text on standard output or in `output`.
fn export(format: ExportFormat, article: PathBuf, output: Option<PathBuf>) -> ExitCode {
    let job = match ExportJob::for_article_file(
        format,
        article.clone(),
        output.clone().unwrap_or_default(),
    ) {
        Ok(job) => job,
        Err(error) => {
            eprintln!("hamish: {error}: {}", shown_path(&article));
            return ExitCode::FAILURE;
        }
    };
    // A translation file left out changes what a bilingual export holds: say which.
    let folder = article.parent().unwrap_or(Path::new(""));
    for (name, error) in &job.unusable_translations {
        eprintln!(
            "hamish: this translation file is left out ({error}): {}",
            shown_path(&folder.join(name))
        );
    }
    let result = match output {
        Some(target) => job
            .run()
            .map_err(|error| format!("{error}: {}", shown_path(&target))),
        None => job
            .contents()
            .map_err(|error| format!("{error}: {}", shown_path(&article)))
            .and_then(|contents| {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(contents.as_bytes())
                    .and_then(|()| stdout.flush())
                    .map_err(|error| format!("standard output could not be written ({error})"))
            }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hamish: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `hamish translate`.
fn translate(options: TranslateOptions) -> ExitCode {
    let engine = match options.engine() {
        Ok(engine) => engine,
        Err(message) => {
            eprintln!("hamish: {message}");
            return ExitCode::from(2);
        }
    };
    let (to, from) = match (
        language_option(options.to, "--to"),
        language_option(options.from, "--from"),
    ) {
        (Ok(to), Ok(from)) => (to, from),
        (Err(message), _) | (_, Err(message)) => {
            eprintln!("hamish: {message}");
            return ExitCode::from(2);
        }
    };
    let args = hamish::app::translate_cli::TranslateArgs {
        engine,
        to,
        from,
        timeout_secs: options.timeout,
        allow_other_hosts: options.allow_other_hosts,
        again: options.again,
        stdout: options.stdout,
        path: options.path,
    };
    ExitCode::from(hamish::app::translate_cli::run(&args))
}

/// The language tag given to `option`, checked (BCP 47), or why it is not one (the
/// text quoted with its hidden characters shown).
fn language_option(given: Option<String>, option: &str) -> Result<Option<String>, String> {
    given
        .map(|text| {
            hamish::model::language_tag(&text).ok_or_else(|| {
                format!(
                    "{option} {}: not a language tag; give one as BCP 47 writes it, such as en, fa or pt-BR",
                    hamish::model::shown::quoted(&text)
                )
            })
        })
        .transpose()
}

/// `hamish align`: exit 0 when something aligned, 1 when nothing did, 2 on error.
fn align(options: AlignOptions) -> ExitCode {
    let args = hamish::app::align_cli::AlignArgs {
        json: options.json,
        language: match language_option(options.language, "--language") {
            Ok(language) => language,
            Err(message) => {
                eprintln!("hamish: {message}");
                return ExitCode::from(2);
            }
        },
        article: options.article,
        translation: options.translation,
    };
    ExitCode::from(hamish::app::align_cli::run(&args))
}

/// `hamish study`: exit 0 when done, 1 when nothing matched, 2 on an error.
fn study(command: StudyCommand) -> ExitCode {
    use hamish::app::study_cli::{DeckFormat, StudyArgs, parse_statuses, run};
    let args = match command {
        StudyCommand::Status { json, path } => StudyArgs::Status { json, path },
        StudyCommand::Deck {
            format,
            status,
            output,
            path,
        } => {
            let statuses = match parse_statuses(status.as_deref().unwrap_or("")) {
                Ok(statuses) => statuses,
                Err(message) => {
                    eprintln!("hamish: {message}");
                    return ExitCode::from(2);
                }
            };
            let format = if format == "tsv" {
                DeckFormat::Tsv
            } else {
                DeckFormat::Apkg
            };
            StudyArgs::Deck {
                format,
                statuses,
                output,
                path,
            }
        }
    };
    ExitCode::from(run(&args))
}

/// The window, on `path` or where the reader left off.
fn run_window(path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Hamish")
            .with_app_id("hamish")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([480.0, 320.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Hamish",
        options,
        Box::new(|cc| Ok(Box::new(HamishApp::from_creation_context(cc, path)))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Args {
        Args::try_parse_from(std::iter::once("hamish").chain(args.iter().copied()))
            .expect("arguments parse")
    }

    #[test]
    fn a_path_still_opens_the_window() {
        for path in ["articles", "مقالات/001.txt", "help", "./export"] {
            let args = parse(&[path]);
            assert!(args.command.is_none(), "{path}");
            assert_eq!(args.path, Some(PathBuf::from(path)));
        }
        let args = parse(&[]);
        assert!(args.command.is_none() && args.path.is_none());
    }

    #[test]
    fn export_takes_a_format_an_article_and_an_output() {
        let args = parse(&[
            "export",
            "--format",
            "web-annotation",
            "a.md",
            "-o",
            "out.jsonld",
        ]);
        let Some(Command::Export {
            format,
            article,
            output,
            sentences: false,
        }) = args.command
        else {
            panic!("an export");
        };
        assert_eq!(format, ExportFormat::WebAnnotation);
        assert_eq!(article, PathBuf::from("a.md"));
        assert_eq!(output, Some(PathBuf::from("out.jsonld")));
        assert!(
            Args::try_parse_from(["hamish", "export", "a.md"]).is_err(),
            "a format is needed"
        );
    }
}
