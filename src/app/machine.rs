//! Machine translation in the app: the Translate menu's commands become a
//! [`TranslationJob`] on its own thread (never the UI thread), whose results are put
//! into the open article's sidecar as they come, so they appear row by row, are saved
//! with the notes' guarantees and survive a restart. The rows on screen go first, then
//! the rest in reading order.
//!
//! Which rows a request translates ([`plan`]): a row with a translation file's text is
//! left (the file comes first in the column anyway); a row already machine-translated
//! is left when the whole article or the screen is asked for, and made again when the
//! reader names it (the section, the selection); a row the reader wrote or corrected
//! is only translated again after asking, and then the reader's text gives way (a
//! tombstone, so a merge does not bring it back).
//!
//! Errors are kept on their rows (see [`marks`]: an error belongs to its article,
//! section, language and run) and the outcome in the status line; a job that cannot
//! go on (no server, no model) says why on every row it did not reach.

mod marks;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use crate::model::translation::{TranslationColumn, TranslationSource};
use crate::model::{Article, SectionId, guess_language};
use crate::translate::{
    EngineSettings, JobEvent, JobLanguages, JobSection, TranslationJob, opener, reading_order,
};
use crate::ui::machine_translation::{MachineCommand, Progress, TranslateScope};
use crate::ui::translation::TranslationCommand;

use super::HamishApp;
use super::session::{Content, OpenArticle, reader_translations};
pub use marks::RowMarks;
use marks::Run;

/// A job under way for the open article.
struct Running {
    job: TranslationJob,
    /// This run, whose marks its rows carry.
    run: Run,
    article: PathBuf,
    language: String,
    /// The rows whose reader's translation gives way to the machine's.
    replace: HashSet<SectionId>,
    /// The engine and model, once open.
    engine: Option<String>,
}

/// The question asked before translating rows the reader wrote.
pub struct Question {
    article: PathBuf,
    rows: Vec<usize>,
    /// The rows the reader wrote or corrected.
    pub edited: Vec<usize>,
}

/// Machine translation's state in the app.
#[derive(Default)]
pub struct MachineJobs {
    running: Option<Running>,
    /// How rows stand: waiting, or failed with why.
    pub marks: RowMarks,
    /// The last outcome, for the status line.
    status: Option<String>,
    /// The article the outcome speaks of (its rows), when it speaks of one.
    status_article: Option<PathBuf>,
    /// The question waiting for the reader's answer, if any.
    pub question: Option<Question>,
    /// Whether the engine settings window is open.
    pub settings_open: bool,
}

impl MachineJobs {
    /// Whether a job is under way.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Says `status` in the status line (or nothing).
    fn say(&mut self, status: Option<String>) {
        self.status = status;
        self.status_article = None;
    }

    /// The last outcome, for the status line while `open` is the open article: an
    /// outcome that speaks of another article's rows is not shown beside this one.
    pub fn status_for(&self, open: Option<&std::path::Path>) -> Option<&str> {
        let about = self.status_article.as_deref();
        let shown = about.is_none() || about == open;
        self.status.as_deref().filter(|_| shown)
    }

    /// The progress of the job under way.
    pub fn progress(&self) -> Option<Progress<'_>> {
        let running = self.running.as_ref()?;
        let (done, total) = running.job.progress();
        Some(Progress {
            done,
            total,
            failed: running.job.failed(),
            remaining: running.job.remaining(),
            engine: running.engine.as_deref(),
        })
    }
}

/// What a request translates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The rows to translate.
    pub rows: Vec<usize>,
    /// Rows the reader wrote or corrected (asked about first).
    pub edited: Vec<usize>,
    /// Rows left because a translation file fills them.
    pub from_files: usize,
    /// Rows left because they are machine-translated already.
    pub cached: usize,
}

/// Sorts `wanted` rows of `column` into what to translate; `again` translates rows
/// the machine did already.
pub fn plan(column: Option<&TranslationColumn>, wanted: &[usize], again: bool) -> Plan {
    let mut plan = Plan::default();
    for &row in wanted {
        let source = column
            .and_then(|column| column.rows.get(row))
            .and_then(|row| row.cell.as_ref())
            .map(|cell| &cell.source);
        match source {
            Some(TranslationSource::Reader) => plan.edited.push(row),
            Some(TranslationSource::File { .. }) => plan.from_files += 1,
            Some(TranslationSource::Machine { .. }) if !again => plan.cached += 1,
            _ => plan.rows.push(row),
        }
    }
    plan
}

/// The language of `article`, told from the script of its first sections.
pub fn article_language(article: &Article) -> Option<&'static str> {
    let sample: String = article
        .sections
        .iter()
        .take(20)
        .map(|section| section.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    guess_language(&sample)
}

impl HamishApp {
    /// Applies a machine translation command.
    pub(super) fn apply_machine(&mut self, ctx: &egui::Context, command: MachineCommand) {
        match command {
            MachineCommand::Translate(scope) => self.request_translation(ctx, scope),
            MachineCommand::Answer(replace) => {
                let Some(question) = self.machine.question.take() else {
                    return;
                };
                if self.open_article_path() != Some(question.article.as_path()) {
                    return;
                }
                let mut rows = question.rows;
                let mut replaced = HashSet::new();
                if replace {
                    rows.extend(&question.edited);
                    if let Some(imported) = self.session.ready_article() {
                        replaced = question
                            .edited
                            .iter()
                            .filter_map(|&row| imported.article.sections.get(row))
                            .map(|section| section.id)
                            .collect();
                    }
                }
                self.start_job(ctx, rows, replaced);
            }
            MachineCommand::DismissQuestion => self.machine.question = None,
            MachineCommand::Cancel => {
                if let Some(mut running) = self.machine.running.take() {
                    running.job.cancel();
                    self.machine.marks.stopped(running.run, None);
                    let (done, total) = running.job.progress();
                    self.machine.say(Some(format!(
                        "Translation cancelled: {done} of {total} sections done"
                    )));
                }
            }
            MachineCommand::ShowSettings(open) => self.machine.settings_open = open,
            MachineCommand::SetSettings(settings) => {
                self.preferences.translation_engine = settings;
            }
        }
    }

    /// The rows `scope` names, sorted into a plan; asks about the reader's rows, or
    /// starts.
    fn request_translation(&mut self, ctx: &egui::Context, scope: TranslateScope) {
        let target = self
            .preferences
            .translation_engine
            .target_language
            .trim()
            .to_owned();
        if target.is_empty() {
            self.machine.say(Some(
                "Choose the language to translate into in the engine settings".to_owned(),
            ));
            self.machine.settings_open = true;
            return;
        }
        // Typed in the engine settings: only a language tag is sent to an engine.
        let settings = &self.preferences.translation_engine;
        let untagged = [&settings.target_language, &settings.source_language]
            .into_iter()
            .find(|text| !text.trim().is_empty() && crate::model::language_tag(text).is_none());
        if let Some(text) = untagged {
            self.machine.status = Some(format!(
                "\"{}\" is not a language tag: give one as BCP 47 writes it, such as en or pt-BR, in the engine settings",
                crate::model::shown::quoted(text)
            ));
            self.machine.settings_open = true;
            return;
        }
        // Results go to the target language's column: show it (and remember it for the
        // folder, as when the reader picks it).
        self.apply_translation(TranslationCommand::ShowLanguage(target));
        let Some(OpenArticle {
            path,
            content: Content::Ready(imported),
            view,
            notes,
            translations: Some(translations),
            ..
        }) = &mut self.session.open
        else {
            self.machine
                .say(Some("Open an article to translate it".to_owned()));
            return;
        };
        if notes.is_none() {
            // Results are kept in the notes file: without it they would be lost.
            self.machine.say(Some(
                "The article's notes file is not open yet: try again in a moment".to_owned(),
            ));
            return;
        }
        let article = &imported.article;
        let wanted: Vec<usize> = match scope {
            TranslateScope::Section(row) => vec![row],
            TranslateScope::Selection => match view.selected_sections() {
                Some(rows) => rows.collect(),
                None => {
                    self.machine.say(Some(
                        "Select some text first: its sections are translated".to_owned(),
                    ));
                    return;
                }
            },
            TranslateScope::Visible => view.visible_sections().collect(),
            TranslateScope::Article => (0..article.sections.len()).collect(),
        };
        let wanted: Vec<usize> = wanted
            .into_iter()
            .filter(|&row| row < article.sections.len())
            .collect();
        let (data, revision) = reader_translations(notes.as_ref());
        translations.resolve_if_changed(article, data, revision);
        let again = matches!(
            scope,
            TranslateScope::Section(_) | TranslateScope::Selection
        );
        let plan = plan(translations.column(), &wanted, again);
        if !plan.edited.is_empty() {
            self.machine.question = Some(Question {
                article: path.clone(),
                rows: plan.rows,
                edited: plan.edited,
            });
            return;
        }
        if plan.rows.is_empty() {
            let mut why = Vec::new();
            if plan.cached > 0 {
                why.push(format!("{} machine-translated already", plan.cached));
            }
            if plan.from_files > 0 {
                why.push(format!("{} from a translation file", plan.from_files));
            }
            self.machine.say(Some(if why.is_empty() {
                "Nothing to translate".to_owned()
            } else {
                format!("Nothing to translate: {}", why.join(", "))
            }));
            return;
        }
        self.start_job(ctx, plan.rows, HashSet::new());
    }

    /// Starts translating `rows` of the open article; the reader's text of the
    /// sections in `replace` gives way to the machine's.
    fn start_job(
        &mut self,
        ctx: &egui::Context,
        mut rows: Vec<usize>,
        replace: HashSet<SectionId>,
    ) {
        if let Some(mut running) = self.machine.running.take() {
            running.job.cancel();
            self.machine.marks.stopped(running.run, None);
        }
        if rows.is_empty() {
            self.machine.say(Some("Nothing to translate".to_owned()));
            return;
        }
        let Some(OpenArticle {
            path,
            content: Content::Ready(imported),
            view,
            ..
        }) = &self.session.open
        else {
            return;
        };
        let article = &imported.article;
        rows.sort_unstable();
        rows.dedup();
        let sections: Vec<JobSection> = reading_order(&rows, view.visible_sections())
            .into_iter()
            .filter_map(|row| {
                let section = article.sections.get(row)?;
                Some(JobSection {
                    row,
                    id: section.id,
                    text: section.text.clone(),
                    context: row
                        .checked_sub(1)
                        .and_then(|previous| article.sections.get(previous))
                        .map(|previous| previous.text.clone()),
                })
            })
            .collect();
        let settings: EngineSettings = self.preferences.translation_engine.clone();
        let source = match settings.source_language.trim() {
            // The language the reader chose for this article (View ▸ Article
            // language), else the one its script tells.
            "" => self
                .reading
                .article_languages
                .get(path)
                .cloned()
                .unwrap_or_else(|| article_language(article).unwrap_or("ar").to_owned()),
            chosen => chosen.to_owned(),
        };
        let target = settings.target_language.trim().to_owned();
        let folder = path.parent().map(std::path::Path::to_path_buf);
        let repaint = ctx.clone();
        let started = TranslationJob::start(
            opener(settings, folder),
            sections,
            JobLanguages {
                source,
                target: target.clone(),
            },
            move || repaint.request_repaint(),
        );
        match started {
            Ok(job) => {
                let run = self.machine.marks.new_run();
                for row in rows {
                    if let Some(section) = article.sections.get(row) {
                        self.machine
                            .marks
                            .wait(run, path, (row, section.id), &target);
                    }
                }
                self.machine.say(None);
                self.machine.running = Some(Running {
                    job,
                    run,
                    article: path.clone(),
                    language: target,
                    replace,
                    engine: None,
                });
            }
            Err(error) => {
                self.machine
                    .say(Some(format!("Translation could not start: {error}")));
            }
        }
    }

    /// Forgets the machine-translation failures of the open article's rows that got a
    /// translation since (from the engine, the reader, a file): after the column was
    /// resolved this frame.
    pub(super) fn forget_answered_failures(&mut self) {
        let Some(OpenArticle {
            path,
            content: Content::Ready(imported),
            translations: Some(translations),
            ..
        }) = &self.session.open
        else {
            return;
        };
        if let (Some(language), Some(column)) = (&translations.language, translations.column()) {
            self.machine
                .marks
                .forget_answered(path, &imported.article, language, column);
        }
    }

    /// Takes in what the job under way reported: results into the sidecar, errors on
    /// their rows, the outcome in the status line.
    pub(super) fn poll_machine(&mut self) {
        let Some(running) = &mut self.machine.running else {
            return;
        };
        let open = self
            .session
            .open
            .as_mut()
            .filter(|open| open.path == running.article);
        let Some(open) = open else {
            running.job.cancel();
            self.machine.marks.stopped(running.run, None);
            self.machine.running = None;
            self.machine.say(Some(
                "Translation stopped: another article was opened".to_owned(),
            ));
            return;
        };
        let mut finished = None;
        for event in running.job.poll() {
            match event {
                JobEvent::Opened {
                    engine,
                    model,
                    glossary_problem,
                    ..
                } => {
                    running.engine = Some(if model.is_empty() {
                        engine
                    } else {
                        format!("{engine} ({model})")
                    });
                    if let Some(problem) = glossary_problem {
                        self.messages.tell(problem);
                    }
                }
                JobEvent::Translated { id, made, .. } => {
                    self.machine
                        .marks
                        .translated(running.run, &running.article, id);
                    let Some(notes) = &mut open.notes else {
                        continue;
                    };
                    let language = running.language.clone();
                    let replace = running.replace.contains(&id);
                    notes.store.edit_translations(Instant::now(), |data| {
                        data.set_machine_translation(&language, id, made, replace);
                    });
                }
                JobEvent::Failed { id, error, .. } => {
                    self.machine
                        .marks
                        .failed(running.run, &running.article, id, error.to_string());
                }
                JobEvent::Finished { error, .. } => finished = Some(error),
            }
        }
        let Some(error) = finished else {
            return;
        };
        let (done, total) = running.job.progress();
        let failed = running.job.failed();
        let engine = running.engine.clone().unwrap_or_default();
        let run = running.run;
        let article = running.article.clone();
        self.machine.running = None;
        // The rows it did not reach say why they stay empty.
        let why = error.as_ref().map(ToString::to_string);
        self.machine.marks.stopped(run, why.as_deref());
        match error {
            Some(error) => {
                self.machine
                    .say(Some(format!("Translation stopped: {error}")));
            }
            None => {
                let translated = done - failed;
                let mut status =
                    format!("Translated {translated} of {total} sections with {engine}");
                if failed > 0 {
                    status += &format!("; {failed} failed (see their rows)");
                }
                self.machine.say(Some(status));
            }
        }
        // The outcome is about this article's rows.
        self.machine.status_article = Some(article);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::translation::{Cell, ColumnRow};

    fn row(source: Option<TranslationSource>) -> ColumnRow {
        ColumnRow {
            cell: source.map(|source| Cell {
                text: "t".into(),
                source,
                how: None,
            }),
            ..ColumnRow::default()
        }
    }

    #[test]
    fn a_plan_leaves_files_and_done_rows_and_sets_the_readers_apart() {
        let machine = TranslationSource::Machine {
            engine: "e".into(),
            model: String::new(),
        };
        let column = TranslationColumn {
            rows: vec![
                row(None),
                row(Some(TranslationSource::Reader)),
                row(Some(TranslationSource::File {
                    file: "a.en.txt".into(),
                })),
                row(Some(machine)),
            ],
            ..TranslationColumn::default()
        };
        let all = [0, 1, 2, 3];
        assert_eq!(
            plan(Some(&column), &all, false),
            Plan {
                rows: vec![0],
                edited: vec![1],
                from_files: 1,
                cached: 1
            }
        );
        assert_eq!(plan(Some(&column), &all, true).rows, [0, 3]);
        assert_eq!(plan(None, &all, false).rows, all);
    }
}
