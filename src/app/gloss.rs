//! The word gloss in the app: the Arabic lexicon, read once on a background thread
//! when the app starts, and the card of the word the reader asked about.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::gloss::context::{ArticleContext, WordContext};
use crate::gloss::report::short_gloss;
use crate::gloss::{Analyzer, GlossError, WordGloss, default_folder, load_in_background};
use crate::text::Interlinear;

/// The word the card is about, and what is known of it.
pub struct GlossCard {
    /// The section the word is in.
    pub section: usize,
    /// The word's bytes in the section's text.
    pub range: Range<usize>,
    /// Where the word is on screen, in points: the card stands clear of its line.
    pub word_rect: egui::Rect,
    /// The word as written.
    pub word: String,
    /// The word's analyses, once the lexicon is read.
    pub gloss: Option<WordGloss>,
    /// Where the word stands in its section, in bytes.
    pub at: usize,
    /// The window's size when the card was first drawn: once it changes, the word
    /// has moved and the card closes rather than cover the text.
    pub window: Option<egui::Vec2>,
}

/// Which words get a word-by-word gloss, by the lemma of their first analysis: all
/// of them, or (once word statuses are kept) only new and learning ones.
pub type GlossFilter = Rc<dyn Fn(&str) -> bool>;

/// Glosses made per (section, hash of its drawn text).
type MadeGlosses = Rc<RefCell<HashMap<(usize, u64), Arc<Vec<Interlinear>>>>>;

/// What the word-by-word view needs for one frame: the lexicon, the article's
/// context, and the glosses made so far (cheap to clone).
#[derive(Clone)]
pub struct WordByWord {
    analyzer: Arc<Analyzer>,
    context: Option<Arc<ArticleContext>>,
    made: MadeGlosses,
    filter: GlossFilter,
}

/// Sections' glosses kept at most before they are made again.
const KEPT_SECTION_GLOSSES: usize = 2048;

impl WordByWord {
    /// The glosses of section `index`, whose text as drawn is `text`: the short gloss
    /// of each Arabic word's first analysis, ranked in its context.
    pub fn glosses(&self, index: usize, text: &str) -> Option<Arc<Vec<Interlinear>>> {
        let key = (index, text_hash(text));
        if let Some(made) = self.made.borrow().get(&key) {
            return Some(made.clone());
        }
        let translation = self
            .context
            .as_ref()
            .and_then(|context| context.translations.get(index))
            .and_then(Option::as_deref);
        let mut glosses = Vec::new();
        let mut offset = 0;
        for piece in text.split_inclusive(char::is_whitespace) {
            let word = piece.trim_end();
            let range = offset..offset + word.len();
            offset += piece.len();
            if !crate::model::is_right_to_left(word) {
                continue;
            }
            let context = WordContext {
                section: text,
                at: Some(range.start),
                translation,
                article: self.context.as_ref().map(|context| &context.words),
            };
            let gloss = self.analyzer.analyze_in(word, &context);
            let Some(first) = gloss.analyses.first() else {
                continue;
            };
            if !(self.filter)(&first.lemma) {
                continue;
            }
            let text = short_gloss(first);
            if !text.is_empty() {
                glosses.push(Interlinear { range, text });
            }
        }
        let glosses = Arc::new(glosses);
        let mut made = self.made.borrow_mut();
        if made.len() >= KEPT_SECTION_GLOSSES {
            made.clear();
        }
        made.insert(key, glosses.clone());
        Some(glosses)
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The lexicon and the card.
#[derive(Default)]
pub struct Gloss {
    analyzer: Option<Arc<Analyzer>>,
    loading: Option<Receiver<Result<Analyzer, GlossError>>>,
    /// Why the lexicon cannot be used, in plain words.
    pub error: Option<String>,
    /// The card on screen, if any.
    pub card: Option<GlossCard>,
    started: bool,
    /// The open article's context, once read, and which article it is of.
    context: Option<(u64, Arc<ArticleContext>)>,
    /// The context being read, and which article it is of.
    reading_context: Option<(u64, Receiver<ArticleContext>)>,
    /// The word-by-word glosses made for the open article and context.
    made: MadeGlosses,
}

impl Gloss {
    /// Starts reading the lexicon (once), and takes it when it has been read.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if !self.started {
            self.started = true;
            match load_in_background(default_folder()) {
                Ok(receiver) => self.loading = Some(receiver),
                Err(error) => {
                    self.error = Some(format!("The lexicon could not be read ({error})."));
                }
            }
        }
        let Some(receiver) = &self.loading else {
            return;
        };
        match receiver.try_recv() {
            Ok(Ok(analyzer)) => {
                self.analyzer = Some(Arc::new(analyzer));
                self.loading = None;
            }
            Ok(Err(error)) => {
                self.error = Some(capitalized(&format!("{error}.")));
                self.loading = None;
            }
            Err(TryRecvError::Empty) => {
                if self.card.is_some() {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
            }
            Err(TryRecvError::Disconnected) => {
                self.error = Some("The lexicon could not be read.".to_owned());
                self.loading = None;
            }
        }
        self.analyze_card();
    }

    /// The word-by-word view's glosses, once the lexicon is read.
    pub fn word_by_word(&self) -> Option<WordByWord> {
        Some(WordByWord {
            analyzer: self.analyzer.clone()?,
            context: self.context.as_ref().map(|(_, context)| context.clone()),
            made: self.made.clone(),
            filter: Rc::new(|_| true),
        })
    }

    /// The open article, identified by `key`: its context is read on a thread of its
    /// own (named `gloss-context`) when it is another article than the last, with
    /// `sections` and `translations` asked for only then.
    pub fn set_article(
        &mut self,
        key: u64,
        sections: impl FnOnce() -> (Vec<String>, Vec<Option<String>>),
    ) {
        if let Some((reading, receiver)) = &self.reading_context
            && *reading == key
        {
            if let Ok(context) = receiver.try_recv() {
                self.context = Some((key, Arc::new(context)));
                self.reading_context = None;
                self.made.borrow_mut().clear();
                if let Some(card) = &mut self.card {
                    card.gloss = None;
                }
                self.analyze_card();
            }
            return;
        }
        let Some(analyzer) = self.analyzer.clone() else {
            return;
        };
        if self.context.as_ref().is_some_and(|(read, _)| *read == key) {
            return;
        }
        self.context = None;
        self.made.borrow_mut().clear();
        let (sections, translations) = sections();
        let (sender, receiver) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("gloss-context".to_owned())
            .spawn(move || {
                // The app may have closed: nothing to tell then.
                let _ = sender.send(ArticleContext::new(&analyzer, sections, translations));
            });
        if started.is_ok() {
            self.reading_context = Some((key, receiver));
        }
    }

    /// The lexicon, once read.
    pub fn analyzer(&self) -> Option<Arc<Analyzer>> {
        self.analyzer.clone()
    }

    /// Opens the card on `word`, the bytes `range` of section `section`, at `at`.
    pub fn open(&mut self, section: usize, range: Range<usize>, word: &str, word_rect: egui::Rect) {
        self.card = Some(GlossCard {
            at: range.start,
            window: None,
            section,
            range,
            word_rect,
            word: word.to_owned(),
            gloss: None,
        });
        self.analyze_card();
    }

    fn analyze_card(&mut self) {
        if let (Some(card), Some(analyzer)) = (&mut self.card, &self.analyzer)
            && card.gloss.is_none()
        {
            let gloss = match &self.context {
                Some((_, context)) => {
                    analyzer.analyze_in(&card.word, &context.at(card.section, card.at))
                }
                None => analyzer.analyze(&card.word),
            };
            card.gloss = Some(gloss);
        }
    }
}

/// `text` with its first letter in capitals.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
