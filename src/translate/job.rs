//! A translation job: sections of an article translated one after the other by one
//! engine, on a thread of its own, each result reported as soon as it is made (the
//! app shows them row by row; the command line writes them as they come).
//!
//! The engine is opened on the job's thread too (loading a model takes a while). A
//! failure that would repeat for every section (no server, no model, a timeout) stops
//! the job; one that belongs to a section (an empty answer) is reported on it and the
//! job goes on. [`TranslationJob::cancel`] sets the flag every engine watches: the job
//! ends as soon as the engine returns, and whoever holds the job stops listening at
//! once. Dropping a job cancels it.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use std::path::PathBuf;

use super::{
    EngineSettings, GLOSSARY_FILE, Glossary, TranslateError, TranslateRequest, Translator,
};
use crate::model::SectionId;
use crate::model::translation::MachineTranslation;

/// A section to translate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobSection {
    /// Its row (index in the article).
    pub row: usize,
    /// Its id.
    pub id: SectionId,
    /// Its text.
    pub text: String,
    /// The text of the section before it in the article, as context.
    pub context: Option<String>,
}

/// What a job reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobEvent {
    /// The engine is ready: its name and model, and the glossary read.
    Opened {
        /// The engine.
        engine: String,
        /// Its model.
        model: String,
        /// How many terms the glossary has.
        glossary_terms: usize,
        /// What is wrong with the glossary, if anything (never fatal).
        glossary_problem: Option<String>,
    },
    /// A section was translated.
    Translated {
        /// Its row.
        row: usize,
        /// Its id.
        id: SectionId,
        /// The translation, with what made it and when, as the sidecar keeps it.
        made: MachineTranslation,
    },
    /// A section could not be translated.
    Failed {
        /// Its row.
        row: usize,
        /// Its id.
        id: SectionId,
        /// Why.
        error: TranslateError,
    },
    /// The job is over: every section done, or stopped by `error` (which was also
    /// reported on the section it happened to, if any), or cancelled.
    Finished {
        /// The error that stopped it, if one did.
        error: Option<TranslateError>,
        /// Whether the reader cancelled it.
        cancelled: bool,
    },
}

/// The languages a job translates between.
#[derive(Clone, Debug)]
pub struct JobLanguages {
    /// The article's language.
    pub source: String,
    /// The language wanted.
    pub target: String,
}

/// What a job works with: the engine, and the folder's glossary.
pub struct Opened {
    /// The engine.
    pub translator: Arc<dyn Translator>,
    /// The glossary (empty when the folder has none).
    pub glossary: Glossary,
    /// Why the glossary could not be read, if it could not.
    pub glossary_error: Option<String>,
}

/// Opens the engine for the job's languages (and reads the glossary) on the job's
/// thread.
pub type Opener = Box<dyn FnOnce(&JobLanguages) -> Result<Opened, TranslateError> + Send>;

/// Opens the engine of `settings` and reads the glossary of `folder` (if given).
pub fn opener(settings: EngineSettings, folder: Option<PathBuf>) -> Opener {
    Box::new(move |languages| {
        let translator = super::open(&settings, languages)?;
        let (glossary, glossary_error) = match folder.as_deref().map(Glossary::read_folder) {
            None | Some(Ok(None)) => (Glossary::default(), None),
            Some(Ok(Some(glossary))) => (glossary, None),
            Some(Err(error)) => (
                Glossary::default(),
                Some(format!("{GLOSSARY_FILE} could not be read ({error})")),
            ),
        };
        Ok(Opened {
            translator,
            glossary,
            glossary_error,
        })
    })
}

/// A job under way (or over), and what it reported so far.
pub struct TranslationJob {
    cancel: Arc<AtomicBool>,
    events: Receiver<JobEvent>,
    total: usize,
    done: usize,
    failed: usize,
    started: Instant,
    finished: bool,
}

/// `rows` (in article order) in the order to translate them: those in `visible` first,
/// then those after them, then those before (the reader reads on from where they are).
pub fn reading_order(rows: &[usize], visible: Range<usize>) -> Vec<usize> {
    let on_screen = rows.iter().filter(|row| visible.contains(row));
    let after = rows.iter().filter(|row| **row >= visible.end);
    let before = rows.iter().filter(|row| **row < visible.start);
    on_screen.chain(after).chain(before).copied().collect()
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

impl TranslationJob {
    /// Starts translating `sections`, in the order given, with the engine `open`
    /// makes; `wake` is called after every event (to repaint the UI).
    pub fn start(
        open: Opener,
        sections: Vec<JobSection>,
        languages: JobLanguages,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, events) = mpsc::channel();
        let total = sections.len();
        let flag = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name("translation-job".to_owned())
            .spawn(move || {
                let send = |event: JobEvent| {
                    let _ = sender.send(event);
                    wake();
                };
                run(open, &sections, &languages, &flag, &send);
            })?;
        Ok(Self {
            cancel,
            events,
            total,
            done: 0,
            failed: 0,
            started: Instant::now(),
            finished: false,
        })
    }

    /// Stops the job: the engine is told at once, and nothing more is reported.
    pub fn cancel(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.finished = true;
    }

    /// The events reported since the last call.
    pub fn poll(&mut self) -> Vec<JobEvent> {
        if self.cancel.load(Ordering::Relaxed) {
            return Vec::new();
        }
        let events: Vec<JobEvent> = self.events.try_iter().collect();
        for event in &events {
            self.count(event);
        }
        events
    }

    /// Waits up to `timeout` for the next event (for the command line).
    pub fn wait_event(&mut self, timeout: Duration) -> Option<JobEvent> {
        match self.events.recv_timeout(timeout) {
            Ok(event) => {
                self.count(&event);
                Some(event)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.finished = true;
                None
            }
        }
    }

    fn count(&mut self, event: &JobEvent) {
        match event {
            JobEvent::Translated { .. } => self.done += 1,
            JobEvent::Failed { .. } => self.failed += 1,
            JobEvent::Finished { .. } => self.finished = true,
            JobEvent::Opened { .. } => {}
        }
    }

    /// Sections done (translated or failed), and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.done + self.failed, self.total)
    }

    /// How many sections failed.
    pub fn failed(&self) -> usize {
        self.failed
    }

    /// A guess at the time left, from the time the sections done took.
    pub fn remaining(&self) -> Option<Duration> {
        let (done, total) = self.progress();
        if done == 0 || self.finished {
            return None;
        }
        let per_section = self.started.elapsed() / done as u32;
        Some(per_section * (total - done) as u32)
    }

    /// Whether it is over (finished, stopped or cancelled).
    pub fn is_finished(&self) -> bool {
        self.finished
    }
}

impl Drop for TranslationJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

fn run(
    open: Opener,
    sections: &[JobSection],
    languages: &JobLanguages,
    cancel: &AtomicBool,
    send: &dyn Fn(JobEvent),
) {
    let finished = |error: Option<TranslateError>| {
        let cancelled = cancel.load(Ordering::Relaxed);
        send(JobEvent::Finished {
            error: error.filter(|_| !cancelled),
            cancelled,
        });
    };
    let Opened {
        translator,
        glossary,
        glossary_error,
    } = match open(languages) {
        Ok(opened) => opened,
        Err(error) => return finished(Some(error)),
    };
    let (engine, model) = (translator.engine(), translator.model());
    send(JobEvent::Opened {
        engine: engine.clone(),
        model: model.clone(),
        glossary_terms: glossary.entries.len(),
        glossary_problem: glossary_error.or_else(|| glossary.problems()),
    });
    for section in sections {
        if cancel.load(Ordering::Relaxed) {
            return finished(None);
        }
        let request = TranslateRequest {
            text: &section.text,
            source_language: &languages.source,
            target_language: &languages.target,
            context: section.context.as_deref(),
            glossary: &glossary,
            cancel,
        };
        match translator.translate(&request) {
            Ok(text) => send(JobEvent::Translated {
                row: section.row,
                id: section.id,
                made: MachineTranslation {
                    section_text: section.text.clone(),
                    glossary_missed: glossary.missed(&section.text, &text),
                    text,
                    engine: engine.clone(),
                    model: model.clone(),
                    made_ms: now_ms(),
                },
            }),
            Err(TranslateError::Cancelled) => return finished(None),
            Err(error) => {
                let stops = error.stops_the_job();
                send(JobEvent::Failed {
                    row: section.row,
                    id: section.id,
                    error: error.clone(),
                });
                if stops {
                    return finished(Some(error));
                }
            }
        }
    }
    finished(None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_rows_come_first_then_those_after_then_those_before() {
        let rows: Vec<usize> = (0..10).collect();
        assert_eq!(reading_order(&rows, 4..7), [4, 5, 6, 7, 8, 9, 0, 1, 2, 3]);
        assert_eq!(reading_order(&[1, 5, 8], 4..6), [5, 8, 1]);
        assert_eq!(reading_order(&[1, 2], 5..5), [1, 2]);
    }

    struct Upper;

    impl Translator for Upper {
        fn engine(&self) -> String {
            "upper".into()
        }
        fn model(&self) -> String {
            "m".into()
        }
        fn translate(&self, request: &TranslateRequest<'_>) -> Result<String, TranslateError> {
            match request.text {
                "" => Err(TranslateError::EmptyAnswer),
                "down" => Err(TranslateError::ServerNotRunning { url: "u".into() }),
                text => Ok(text.to_uppercase()),
            }
        }
    }

    fn section(row: usize, text: &str) -> JobSection {
        JobSection {
            row,
            id: SectionId(row as u64),
            text: text.into(),
            context: None,
        }
    }

    fn events_of(sections: Vec<JobSection>) -> Vec<JobEvent> {
        let languages = JobLanguages {
            source: "ar".into(),
            target: "en".into(),
        };
        let open: Opener = Box::new(|_| {
            Ok(Opened {
                translator: Arc::new(Upper),
                glossary: Glossary::parse("b\tXX\nbad line\n"),
                glossary_error: None,
            })
        });
        let mut job = TranslationJob::start(open, sections, languages, || {}).expect("starts");
        let mut events = Vec::new();
        while !job.is_finished() {
            events.extend(job.wait_event(Duration::from_secs(10)));
        }
        events
    }

    #[test]
    fn sections_are_reported_one_by_one_and_a_lasting_failure_stops_the_job() {
        let events = events_of(vec![
            section(2, "a b"),
            section(0, ""),
            section(1, "down"),
            section(3, "x"),
        ]);
        let JobEvent::Opened {
            engine,
            glossary_terms,
            glossary_problem,
            ..
        } = &events[0]
        else {
            panic!("{events:?}");
        };
        assert_eq!((engine.as_str(), *glossary_terms), ("upper", 1));
        assert!(
            glossary_problem
                .as_deref()
                .is_some_and(|p| p.contains("line 2")),
            "{glossary_problem:?}"
        );
        let JobEvent::Translated { row, made, .. } = &events[1] else {
            panic!("{events:?}");
        };
        assert_eq!((*row, made.text.as_str()), (2, "A B"));
        assert_eq!(made.glossary_missed, &["b"]);
        assert!(matches!(
            &events[2],
            JobEvent::Failed {
                row: 0,
                error: TranslateError::EmptyAnswer,
                ..
            }
        ));
        assert!(matches!(&events[3], JobEvent::Failed { row: 1, .. }));
        assert!(matches!(
            &events[4],
            JobEvent::Finished {
                error: Some(TranslateError::ServerNotRunning { .. }),
                cancelled: false
            }
        ));
        assert_eq!(events.len(), 5, "row 3 is never tried: {events:?}");
    }
}
