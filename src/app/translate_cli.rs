//! `hamish translate`: machine-translates an article, or every article of a folder,
//! from the command line, with the app's engines, the app's job and the app's store:
//! results go into each article's sidecar through [`ArticleNotes`] and the sidecar
//! writer, merged with whatever is there, exactly as the app saves them (so a
//! running app and this command never lose each other's notes). A sidecar that
//! cannot be written (damaged, from a newer Hamish) is left untouched and the command
//! fails.
//!
//! Which sections: those with no translation yet (not the reader's, not a
//! translation file's, not machine-made already; `--again` translates machine-made
//! ones again). The reader's own rows are never replaced from here. With `--stdout`
//! nothing is written: the article's translation column (the reader's, the file's,
//! the machine's, new or cached) is printed one line per section, as a line-aligned
//! `NAME.LANG.txt` holds it.
//!
//! Without engine options, the engine configured in the app is used (read from the
//! preferences eframe stored).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::import::{import_file, list_folder};
use crate::model::shown::{shown_list, shown_path};
use crate::model::translation::TranslationColumn;
use crate::store::{ArticleNotes, SidecarReport, SidecarWorker, WorkerEvent};
use crate::translate::{
    EngineConfig, EngineSettings, JobEvent, JobLanguages, JobSection, TranslateError,
    TranslationJob, opener,
};

use super::machine::{article_language, plan};
use super::store_messages::{
    hold_message_for_command_line, not_saved_message_for_command_line, notices_message,
};
use super::translations::{TranslationsOfArticle, read_translations};
use crate::ui::translation::TranslationCommand;

/// How often results are saved while a job runs.
const SAVE_EVERY: Duration = Duration::from_secs(2);

/// How long the command waits for the sidecar writer.
const SAVE_WAIT: Duration = Duration::from_secs(60);

/// What `hamish translate` was asked.
#[derive(Clone, Debug, Default)]
pub struct TranslateArgs {
    /// The engine, from the command line; `None` for the app's.
    pub engine: Option<EngineConfig>,
    /// The language to translate into, if not the app's.
    pub to: Option<String>,
    /// The articles' language, if not told from their script.
    pub from: Option<String>,
    /// Seconds a section may take, if not the app's.
    pub timeout_secs: Option<f32>,
    /// Allow servers on other computers.
    pub allow_other_hosts: bool,
    /// Translate machine-made rows again.
    pub again: bool,
    /// Print instead of writing the sidecars.
    pub stdout: bool,
    /// An article or a folder of articles.
    pub path: PathBuf,
}

/// The settings the command runs with: the app's, with the command line's options
/// over them.
pub fn settings_for(args: &TranslateArgs, stored: Option<EngineSettings>) -> EngineSettings {
    let mut settings = stored.unwrap_or_default();
    if let Some(engine) = &args.engine {
        settings.engine = engine.clone();
    }
    if let Some(to) = &args.to {
        settings.target_language = to.clone();
    }
    if let Some(from) = &args.from {
        settings.source_language = from.clone();
    }
    if let Some(timeout) = args.timeout_secs {
        settings.timeout_secs = timeout;
    }
    settings.allow_other_hosts |= args.allow_other_hosts;
    settings
}

/// Runs `hamish translate`; returns the exit code. Errors go to standard error.
pub fn run(args: &TranslateArgs) -> u8 {
    let stored = super::stored_preferences().map(|preferences| preferences.translation_engine);
    let settings = settings_for(args, stored);
    if settings.target_language.trim().is_empty() {
        eprintln!("hamish: no language to translate into: give one with --to");
        return 2;
    }
    let articles = if args.path.is_dir() {
        match list_folder(&args.path) {
            Ok(library) => library
                .entries
                .into_iter()
                .map(|entry| entry.path)
                .collect(),
            Err(error) => {
                eprintln!("hamish: {} cannot be read: {error}", shown_path(&args.path));
                return 1;
            }
        }
    } else {
        vec![args.path.clone()]
    };
    let mut failed = false;
    for article in &articles {
        if let Err(message) = translate_article(article, &settings, args) {
            eprintln!("hamish: {}: {message}", shown_path(article));
            failed = true;
            // An engine that cannot be reached will not be for the next article.
            if message.starts_with("translation stopped") {
                break;
            }
        }
    }
    u8::from(failed)
}

fn translate_article(
    path: &Path,
    settings: &EngineSettings,
    args: &TranslateArgs,
) -> Result<(), String> {
    let imported = import_file(path, None).map_err(|error| format!("cannot be read: {error}"))?;
    let article = imported.article;
    let (mut store, notices) = ArticleNotes::open(path);
    if let Some(message) = notices_message(&notices) {
        eprintln!("hamish: {}: {message}", shown_path(path));
    }
    if let crate::store::Saving::Held(reason) = store.saving()
        && !args.stdout
    {
        return Err(hold_message_for_command_line(reason));
    }
    let target = settings.target_language.trim().to_owned();
    let files = read_translations(path, &[]);
    let column = |store: &ArticleNotes| -> TranslationColumn {
        let data = store.translations();
        let mut translations = TranslationsOfArticle::new(files.clone(), None, data);
        translations.apply(
            &article,
            TranslationCommand::ShowLanguage(target.clone()),
            None,
        );
        translations.resolve_if_changed(&article, data, 0);
        translations.column().cloned().unwrap_or_default()
    };
    let all: Vec<usize> = (0..article.sections.len()).collect();
    let rows = plan(Some(&column(&store)), &all, args.again).rows;
    let mut error = None;
    if !rows.is_empty() {
        let sections = rows
            .iter()
            .map(|&row| JobSection {
                row,
                id: article.sections[row].id,
                text: article.sections[row].text.clone(),
                context: row
                    .checked_sub(1)
                    .map(|previous| article.sections[previous].text.clone()),
            })
            .collect();
        let source = match settings.source_language.trim() {
            "" => article_language(&article).unwrap_or("ar").to_owned(),
            chosen => chosen.to_owned(),
        };
        let languages = JobLanguages {
            source,
            target: target.clone(),
        };
        let folder = path.parent().map(Path::to_path_buf);
        let mut job =
            TranslationJob::start(opener(settings.clone(), folder), sections, languages, || {})
                .map_err(|error| format!("translation could not start: {error}"))?;
        error = run_job(&mut job, &mut store, &target, path, args.stdout)?;
    }
    if args.stdout {
        let column = column(&store);
        let mut out = std::io::stdout().lock();
        for row in &column.rows {
            let text = row.cell.as_ref().map_or("", |cell| cell.text.as_str());
            // One line per section, as a line-aligned translation file holds it.
            let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(out, "{line}").map_err(|error| format!("standard output: {error}"))?;
        }
        out.flush()
            .map_err(|error| format!("standard output: {error}"))?;
    }
    match error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Runs `job`, keeping its results in `store` and saving them as they come (unless
/// `print_only`); returns the error that stopped it, if one did.
fn run_job(
    job: &mut TranslationJob,
    store: &mut ArticleNotes,
    language: &str,
    path: &Path,
    print_only: bool,
) -> Result<Option<String>, String> {
    let bar =
        ProgressBar::with_draw_target(Some(job.progress().1 as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} sections, {eta} left")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(
        path.file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let worker = if print_only {
        None
    } else {
        Some(
            SidecarWorker::spawn(|| {})
                .map_err(|error| format!("the sidecar writer did not start: {error}"))?,
        )
    };
    let mut saves_sent = 0usize;
    let mut last_save = Instant::now();
    let mut stopped = None;
    let mut failures = Vec::new();
    loop {
        let Some(event) = job.wait_event(Duration::from_millis(200)) else {
            if job.is_finished() {
                break;
            }
            continue;
        };
        match event {
            JobEvent::Opened {
                glossary_problem: Some(problem),
                ..
            } => bar.suspend(|| eprintln!("hamish: {problem}")),
            JobEvent::Opened { .. } => {}
            JobEvent::Translated { id, made, .. } => {
                if !made.glossary_missed.is_empty() {
                    let terms = shown_list(&made.glossary_missed);
                    bar.suspend(|| {
                        eprintln!("hamish: glossary terms not honoured in a section: {terms}");
                    });
                }
                store.edit_translations(Instant::now(), |data| {
                    data.set_machine_translation(language, id, made, false);
                });
                bar.inc(1);
            }
            JobEvent::Failed { row, error, .. } => {
                failures.push(format!("section {}: {}", row + 1, cli_words(&error)));
                bar.inc(1);
            }
            JobEvent::Finished { error, .. } => {
                stopped = error;
                break;
            }
        }
        if let Some(worker) = &worker
            && last_save.elapsed() >= SAVE_EVERY
            && let Some(request) = store.take_save(Instant::now(), true)
        {
            worker.save(request);
            saves_sent += 1;
            last_save = Instant::now();
        }
    }
    bar.finish_and_clear();
    if let Some(worker) = worker {
        if let Some(request) = store.take_save(Instant::now(), true) {
            worker.save(request);
            saves_sent += 1;
        }
        wait_for_saves(&worker, store, saves_sent)?;
    }
    for failure in &failures {
        eprintln!("hamish: {}: {failure}", shown_path(path));
    }
    Ok(match stopped {
        Some(error) => Some(format!("translation stopped: {}", cli_words(&error))),
        None if !failures.is_empty() => Some(format!(
            "{} sections could not be translated",
            failures.len()
        )),
        None => None,
    })
}

/// `error` in the command line's words: what the window's engine settings hold is an
/// option here.
fn cli_words(error: &TranslateError) -> String {
    match error {
        TranslateError::NoModel { dir } => format!(
            "there is no translation model in {}: give a Firefox Translations model folder (model, vocabulary and optional lexical shortlist files) with --model-dir",
            shown_path(dir)
        ),
        TranslateError::NoModelName { engine } => {
            format!("no model name is set for {engine}: give one with --model")
        }
        TranslateError::NoCommand => "no command is set: give one with --command".to_owned(),
        TranslateError::RemoteHostRefused { host } => format!(
            "{} is not this computer: the text would leave it. Add --allow-other-hosts if that is what you want",
            crate::model::shown::quoted(host)
        ),
        // It may quote what a command or a server said: shown, never obeyed.
        other => crate::model::shown::escaped(&other.to_string()).into_owned(),
    }
}

/// Waits until the writer has reported on the `sent` saves.
fn wait_for_saves(
    worker: &SidecarWorker,
    store: &mut ArticleNotes,
    sent: usize,
) -> Result<(), String> {
    let mut reported = 0;
    let deadline = Instant::now() + SAVE_WAIT;
    while reported < sent {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some(event) = worker.wait_event(left) else {
            return Err("the sidecar was not written in time".to_owned());
        };
        let WorkerEvent::Sidecar { sidecar, report } = event else {
            continue;
        };
        match &report {
            SidecarReport::NotSaved { reason, .. } => {
                return Err(not_saved_message_for_command_line(&sidecar, reason));
            }
            SidecarReport::Saved { .. } => reported += 1,
            SidecarReport::ChangedOnDisk(_) => {}
        }
        let notices = store.report(Instant::now(), report);
        if let Some(message) = notices_message(&notices) {
            eprintln!("hamish: {message}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_options_go_over_the_apps_settings() {
        let stored = EngineSettings {
            engine: EngineConfig::Command {
                command: "cat".into(),
            },
            target_language: "fr".into(),
            timeout_secs: 30.0,
            ..EngineSettings::default()
        };
        let args = TranslateArgs {
            to: Some("de".into()),
            ..TranslateArgs::default()
        };
        let settings = settings_for(&args, Some(stored.clone()));
        assert_eq!(settings.engine, stored.engine);
        assert_eq!(
            (settings.target_language.as_str(), settings.timeout_secs),
            ("de", 30.0)
        );
        let args = TranslateArgs {
            engine: Some(EngineConfig::Ollama {
                url: "http://127.0.0.1:1".into(),
                model: "m".into(),
            }),
            ..TranslateArgs::default()
        };
        assert_eq!(
            settings_for(&args, None).engine,
            args.engine.clone().expect("set")
        );
        assert_eq!(settings_for(&args, None).target_language, "en");
    }
}
