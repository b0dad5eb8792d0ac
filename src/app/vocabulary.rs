//! The reader's vocabulary in the app: the folder's word statuses, loaded and saved
//! on a thread of their own (`vocabulary`), merged with changes made outside (another
//! window, a sync tool: the file is looked at again every second), and each Arabic
//! word of the open article read as a lemma once, on a thread (`study-words`), so that
//! marking words in the page costs a look-up a word, never an analysis, per frame.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant, SystemTime};

use crate::gloss::Analyzer;
use crate::model::vocabulary::{Vocabulary, WordStatus, merge_vocabulary};
use crate::store::{
    LoadError, NotSaved, VocabularySaved, load_vocabulary, save_vocabulary, vocabulary_path,
};
use crate::study::{CachedLemmatizer, LemmaWord, Lemmatizer, Shares, section_words, shares};

use super::study::LexiconLemmatizer;

/// How often the file is looked at for changes made outside.
const LOOK_AGAIN: Duration = Duration::from_secs(1);

/// What the `vocabulary` thread reports.
enum Report {
    /// The file as read (with its modification time), or why it cannot be used.
    Loaded(Result<(Vocabulary, Option<SystemTime>), LoadError>),
    /// A save, with what was sent.
    Saved(
        Vocabulary,
        Result<(VocabularySaved, Option<SystemTime>), NotSaved>,
    ),
}

/// The vocabulary of the open folder and the lemmas of the open article.
#[derive(Default)]
pub struct StudyState {
    folder: Option<PathBuf>,
    /// The statuses, with the reader's latest changes.
    vocabulary: Vocabulary,
    /// What the file held when last read or written: the base of every merge.
    base: Vocabulary,
    /// The file's modification time when last read or written.
    seen_modified: Option<SystemTime>,
    loaded: bool,
    changed: bool,
    in_flight: Option<Receiver<Report>>,
    looked_at: Option<Instant>,
    /// Why the vocabulary cannot be saved, in plain words.
    pub problem: Option<String>,
    article: Option<PathBuf>,
    words: Option<Arc<Vec<Vec<LemmaWord>>>>,
    reading: Option<Receiver<Vec<Vec<LemmaWord>>>>,
    /// The word under the pointer in the reading view: section and bytes.
    pub hovered: Option<(usize, Range<usize>)>,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

impl StudyState {
    /// Follows the open folder and article: starts reading the vocabulary of a newly
    /// opened folder and the lemmas of a newly opened article, takes what the threads
    /// reported, saves changes and looks for changes made outside.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        folder: Option<&Path>,
        article: Option<&Path>,
        sections: impl FnOnce() -> Vec<String>,
        analyzer: Option<Arc<Analyzer>>,
    ) {
        if folder != self.folder.as_deref() {
            *self = Self {
                folder: folder.map(Path::to_path_buf),
                hovered: self.hovered.take(),
                ..Self::default()
            };
        }
        self.receive();
        let Some(folder) = self.folder.clone() else {
            return;
        };
        let path = vocabulary_path(&folder);
        let due = self.looked_at.is_none_or(|at| at.elapsed() >= LOOK_AGAIN);
        if self.in_flight.is_none() && due {
            self.looked_at = Some(Instant::now());
            if !self.loaded || (self.problem.is_none() && modified(&path) != self.seen_modified) {
                self.spawn(ctx, move || Report::Loaded(load_with_time(&path)));
            } else if self.changed && self.problem.is_none() {
                self.changed = false;
                let (base, ours) = (self.base.clone(), self.vocabulary.clone());
                self.spawn(ctx, move || {
                    let saved = save_vocabulary(&path, &base, &ours).map(|saved| {
                        let time = modified(&path);
                        (saved, time)
                    });
                    Report::Saved(ours, saved)
                });
            }
        }
        if self.changed || self.in_flight.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        } else {
            ctx.request_repaint_after(LOOK_AGAIN);
        }
        self.follow_article(ctx, article, sections, analyzer);
    }

    fn spawn(&mut self, ctx: &egui::Context, work: impl FnOnce() -> Report + Send + 'static) {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let started = std::thread::Builder::new()
            .name("vocabulary".to_owned())
            .spawn(move || {
                let _ = sender.send(work());
                ctx.request_repaint();
            });
        match started {
            Ok(_) => self.in_flight = Some(receiver),
            Err(error) => {
                self.problem = Some(format!(
                    "The vocabulary could not be read or saved ({error})."
                ));
            }
        }
    }

    fn receive(&mut self) {
        let report = match self.in_flight.as_ref().map(Receiver::try_recv) {
            Some(Ok(report)) => report,
            Some(Err(TryRecvError::Empty)) | None => return,
            Some(Err(TryRecvError::Disconnected)) => {
                self.in_flight = None;
                return;
            }
        };
        self.in_flight = None;
        match report {
            Report::Loaded(Ok((on_disk, time))) => {
                // The reader's changes since the base are kept; the file's are taken.
                self.vocabulary =
                    merge_vocabulary(&self.base, &self.vocabulary, &on_disk).vocabulary;
                self.base = on_disk;
                self.seen_modified = time;
                self.loaded = true;
                self.changed = self.vocabulary != self.base;
            }
            Report::Loaded(Err(error)) => {
                self.loaded = true;
                self.problem = Some(format!(
                    "Word statuses are not saved: the vocabulary file cannot be used ({error}); it is left as it is."
                ));
            }
            Report::Saved(sent, Ok((saved, time))) => {
                self.vocabulary =
                    merge_vocabulary(&sent, &self.vocabulary, &saved.written).vocabulary;
                self.base = saved.written;
                self.seen_modified = time;
                self.changed |= self.vocabulary != self.base;
            }
            Report::Saved(_, Err(error)) => {
                self.problem = Some(format!("Word statuses are not saved ({error})."));
            }
        }
    }

    fn follow_article(
        &mut self,
        ctx: &egui::Context,
        article: Option<&Path>,
        sections: impl FnOnce() -> Vec<String>,
        analyzer: Option<Arc<Analyzer>>,
    ) {
        let Some(path) = article else {
            return;
        };
        if self.article.as_deref() != Some(path) {
            self.article = Some(path.to_path_buf());
            self.words = None;
            self.reading = None;
        }
        if let Some(receiver) = &self.reading
            && let Ok(words) = receiver.try_recv()
        {
            self.words = Some(Arc::new(words));
            self.reading = None;
        }
        if self.words.is_some() || self.reading.is_some() {
            return;
        }
        let Some(analyzer) = analyzer else {
            return;
        };
        let sections = sections();
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let started = std::thread::Builder::new()
            .name("study-words".to_owned())
            .spawn(move || {
                let lemmatizer = CachedLemmatizer::new(LexiconLemmatizer(&analyzer));
                let words: Vec<Vec<LemmaWord>> = sections
                    .iter()
                    .map(|text| section_words(text, &lemmatizer as &dyn Lemmatizer))
                    .collect();
                let _ = sender.send(words);
                ctx.request_repaint();
            });
        if started.is_ok() {
            self.reading = Some(receiver);
        }
    }

    /// Whether the open folder's vocabulary has been read.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// The lemmas of the open article's words, once read.
    pub fn words(&self) -> Option<&Arc<Vec<Vec<LemmaWord>>>> {
        self.words.as_ref()
    }

    /// The lemma of the word at `range` of section `section`, if it has one.
    pub fn lemma_at(&self, section: usize, range: &Range<usize>) -> Option<Arc<str>> {
        self.words
            .as_ref()?
            .get(section)?
            .iter()
            .find(|word| word.range.start < range.end && range.start < word.range.end)
            .map(|word| word.lemma.clone())
    }

    /// Sets the status of `lemma` (saved within a second).
    pub fn set(&mut self, lemma: &str, status: WordStatus) {
        let now_ms = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |elapsed| {
                u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
            });
        if self.vocabulary.set(lemma, status, now_ms) {
            self.changed = true;
        }
    }

    /// Sets every still-new lemma of section `section` to known.
    pub fn rest_known(&mut self, section: usize) {
        let Some(words) = self.words.clone() else {
            return;
        };
        for word in words.get(section).into_iter().flatten() {
            if self.vocabulary.status(&word.lemma) == WordStatus::New {
                self.set(&word.lemma, WordStatus::Known);
            }
        }
    }

    /// The known and new shares of the open article, once its words are read.
    pub fn shares(&self) -> Option<Shares> {
        let words = self.words.as_ref()?;
        Some(shares(words.iter().map(Vec::as_slice), &self.vocabulary))
    }

    /// The marks of section `section`'s words: the bytes of each word not known nor
    /// ignored, with its status.
    pub fn marks(&self, section: usize) -> Vec<(Range<usize>, WordStatus)> {
        let Some(words) = self.words.as_ref().and_then(|words| words.get(section)) else {
            return Vec::new();
        };
        words
            .iter()
            .filter_map(|word| {
                let status = self.vocabulary.status(&word.lemma);
                matches!(status, WordStatus::New | WordStatus::Learning(_))
                    .then(|| (word.range.clone(), status))
            })
            .collect()
    }
}

fn load_with_time(path: &Path) -> Result<(Vocabulary, Option<SystemTime>), LoadError> {
    let time = modified(path);
    load_vocabulary(path).map(|vocabulary| (vocabulary, time))
}
