//! The word gloss in the app: the Arabic lexicon, read once on a background thread
//! when the app starts, and the card of the word the reader asked about.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::gloss::{Analyzer, GlossError, WordGloss, default_folder, load_in_background};

/// The word the card is about, and what is known of it.
pub struct GlossCard {
    /// The section the word is in.
    pub section: usize,
    /// The word's bytes in the section's text.
    pub range: Range<usize>,
    /// Where the card stands, in points.
    pub at: egui::Pos2,
    /// The word as written.
    pub word: String,
    /// The word's analyses, once the lexicon is read.
    pub gloss: Option<WordGloss>,
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

    /// The lexicon, once read.
    pub fn analyzer(&self) -> Option<Arc<Analyzer>> {
        self.analyzer.clone()
    }

    /// Opens the card on `word`, the bytes `range` of section `section`, at `at`.
    pub fn open(&mut self, section: usize, range: Range<usize>, word: &str, at: egui::Pos2) {
        self.card = Some(GlossCard {
            section,
            range,
            at,
            word: word.to_owned(),
            gloss: None,
        });
        self.analyze_card();
    }

    fn analyze_card(&mut self) {
        if let (Some(card), Some(analyzer)) = (&mut self.card, &self.analyzer)
            && card.gloss.is_none()
        {
            card.gloss = Some(analyzer.analyze(&card.word));
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
