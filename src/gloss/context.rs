//! Ranking a word's analyses by where it stands: the text around it, the rest of the
//! article, and the translation beside it.
//!
//! The lexicon alone ranks `بوتين` as "by + aorta" before "Putin": out of context, a
//! common stem with a preposition beats a name with one stem entry. A reader settles
//! it from the page, and so does [`rerank`], from four kinds of evidence, each scored
//! per analysis (see [`Evidence`] for the weights):
//!
//! - **the aligned translation** of the word's section: an analysis whose stem gloss
//!   has a word found in the translation (`Putin`, `summit`) is what the translator
//!   read. Words of the gloss are compared as words, case-folded, a gloss word of four
//!   letters or more also matching a translation word it begins (`announce` in
//!   `announced`); short function words (`the`, `of`, `by`) are never evidence.
//! - **a capitalised Latin word nearby** (`بوتين (Putin)`, `قرغيزستان Kyrgyzstan`):
//!   a capitalised Latin word in the same section that is a word of the analysis's stem
//!   gloss, or whose consonants are the stem's consonants (a transliteration), speaks
//!   for that analysis.
//! - **a name beside it**: when a neighbouring word can only be a proper noun
//!   (`فلاديمير` before `بوتين`), a proper-noun reading of the word is likely: names
//!   come in runs.
//! - **the word's other occurrences** in the article: every other spelling of a lemma
//!   (with other clitics, another ending) is a vote for it, counted once per distinct
//!   form, a form with a single possible lemma counting double and a form with more
//!   than two not at all (it says little about any); the votes are capped, so
//!   frequency in one article cannot outweigh the text around the word.
//!
//! Measured on 41 words of the samples with the reading a reader picks
//! (`tests/fixtures/gloss/ranking.tsv`, `tests/gloss_ranking.rs`): the lexicon alone
//! ranks it first for 4, with context for 31. The misses are mostly set phrases
//! (`من أجل`, `الحادي عشر`) that no word-level evidence sees.
//!
//! The order that comes out: analyses agreeing with the written tashkeel first, as
//! without context; among them, the highest context score first; on a tie, the
//! lexicon's order (see the [module documentation](super)). Every analysis is kept;
//! context only reorders.

use std::collections::{HashMap, HashSet};

use super::{Analysis, Analyzer, PartRole, word};

/// How much each kind of evidence weighs in an analysis's score.
#[derive(Clone, Copy, Debug)]
pub struct Evidence;

impl Evidence {
    /// The stem's gloss is in the section's translation.
    pub const TRANSLATION: f32 = 4.0;
    /// A capitalised Latin word of the section is the stem's gloss or transliteration.
    pub const LATIN: f32 = 4.0;
    /// A neighbouring word can only be a name, and this reading is a name.
    pub const NAME_BESIDE: f32 = 2.0;
    /// One other form of the lemma in the article (a form with one lemma counts twice).
    pub const OCCURRENCE: f32 = 0.5;
    /// The most the other occurrences can add.
    pub const MAX_OCCURRENCES: f32 = 1.5;
}

/// What the article tells about its words: for each lemma, the distinct forms (the
/// Buckwalter letters looked up) it can read, and which forms can only be names.
/// Built once per article ([`ArticleWords::new`]) and shared by every word's ranking.
#[derive(Clone, Debug, Default)]
pub struct ArticleWords {
    /// Per lemma, its votes: two for a form that can read nothing else, one for a
    /// form that can read one other lemma.
    lemma_votes: HashMap<String, HashMap<String, u8>>,
    /// Forms whose every analysis is a proper noun.
    names: HashSet<String>,
}

impl ArticleWords {
    /// Analyses every distinct word of `sections` once.
    pub fn new<'a>(analyzer: &Analyzer, sections: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words = Self::default();
        let mut seen: HashSet<String> = HashSet::new();
        for section in sections {
            for token in section.split_whitespace() {
                let Some(read) = word::read(token) else {
                    continue;
                };
                if !seen.insert(read.letters.clone()) {
                    continue;
                }
                let gloss = analyzer.analyze(token);
                words.learn(&read.letters, &gloss.analyses);
            }
        }
        words
    }

    fn learn(&mut self, form: &str, analyses: &[Analysis]) {
        if analyses.is_empty() {
            return;
        }
        if analyses.iter().all(is_name) {
            self.names.insert(form.to_owned());
        }
        let lemmas: HashSet<&str> = analyses.iter().map(|a| a.lemma.as_str()).collect();
        // A form that can read many lemmas says little about any of them.
        let votes = match lemmas.len() {
            1 => 2,
            2 => 1,
            _ => return,
        };
        for lemma in lemmas {
            self.lemma_votes
                .entry(lemma.to_owned())
                .or_default()
                .insert(form.to_owned(), votes);
        }
    }

    /// The votes of the article's forms other than `form` for `lemma`.
    fn votes(&self, lemma: &str, form: &str) -> u32 {
        self.lemma_votes.get(lemma).map_or(0, |forms| {
            forms
                .iter()
                .filter(|(other, _)| other.as_str() != form)
                .map(|(_, votes)| u32::from(*votes))
                .sum()
        })
    }

    /// Whether the word `token` can only be a name.
    fn is_name_only(&self, token: &str) -> bool {
        word::read(token).is_some_and(|read| self.names.contains(&read.letters))
    }
}

/// Where one word stands.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordContext<'a> {
    /// The text of the word's section.
    pub section: &'a str,
    /// Where the word is in `section`, in bytes; `None` when it is not known (then no
    /// neighbour is looked at).
    pub at: Option<usize>,
    /// The translation aligned with the section, if there is one.
    pub translation: Option<&'a str>,
    /// The article's words, if they have been read.
    pub article: Option<&'a ArticleWords>,
}

/// An article read for ranking: its sections, the translation aligned with each
/// (where one is), and its words.
#[derive(Clone, Debug, Default)]
pub struct ArticleContext {
    /// The sections' texts.
    pub sections: Vec<String>,
    /// The translation of each section, where one is aligned.
    pub translations: Vec<Option<String>>,
    /// The article's words.
    pub words: ArticleWords,
}

impl ArticleContext {
    /// Reads the article's words; `translations` has one item per section (missing
    /// items are sections without a translation).
    pub fn new(
        analyzer: &Analyzer,
        sections: Vec<String>,
        translations: Vec<Option<String>>,
    ) -> Self {
        let words = ArticleWords::new(analyzer, sections.iter().map(String::as_str));
        Self {
            sections,
            translations,
            words,
        }
    }

    /// Where the word `token` first stands in the article (the same letters, any
    /// clitics and marks aside): its section and byte offset.
    pub fn find(&self, token: &str) -> Option<(usize, usize)> {
        let letters = word::read(token)?.letters;
        self.sections.iter().enumerate().find_map(|(index, text)| {
            let mut offset = 0;
            for piece in text.split_inclusive(char::is_whitespace) {
                if word::read(piece).is_some_and(|read| read.letters == letters) {
                    return Some((index, offset));
                }
                offset += piece.len();
            }
            None
        })
    }

    /// The context of the word at byte `at` of section `section`.
    pub fn at(&self, section: usize, at: usize) -> WordContext<'_> {
        WordContext {
            section: self.sections.get(section).map_or("", String::as_str),
            at: Some(at),
            translation: self.translations.get(section).and_then(Option::as_deref),
            article: Some(&self.words),
        }
    }

    /// The context of a word that is not in the article: its other words only.
    pub fn elsewhere(&self) -> WordContext<'_> {
        WordContext {
            article: Some(&self.words),
            ..WordContext::default()
        }
    }
}

/// The context score of each of `analyses` for the word `token` in `context`.
pub fn scores(token: &str, analyses: &[Analysis], context: &WordContext<'_>) -> Vec<f32> {
    let form = word::read(token).map(|w| w.letters).unwrap_or_default();
    let translation_words: HashSet<String> = context
        .translation
        .map(|t| latin_words(t).map(str::to_lowercase).collect())
        .unwrap_or_default();
    let capitalised: Vec<&str> = latin_words(context.section)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let name_beside = context.article.is_some_and(|article| {
        context
            .at
            .is_some_and(|at| neighbours(context.section, at).any(|n| article.is_name_only(n)))
    });
    analyses
        .iter()
        .map(|analysis| {
            let stem = &analysis.parts[1];
            debug_assert_eq!(stem.role, PartRole::Stem);
            let gloss_words: Vec<String> = content_words(&stem.gloss).collect();
            let mut score = 0.0;
            if gloss_words
                .iter()
                .any(|g| translation_words.iter().any(|t| same_word(g, t)))
            {
                score += Evidence::TRANSLATION;
            }
            if capitalised.iter().any(|latin| {
                let latin = latin.to_lowercase();
                gloss_words.contains(&latin)
                    || (is_name(analysis) && transliterates(&stem.unvocalized, &latin))
            }) {
                score += Evidence::LATIN;
            }
            if name_beside && is_name(analysis) {
                score += Evidence::NAME_BESIDE;
            }
            if let Some(article) = context.article {
                let votes = article.votes(&analysis.lemma, &form) as f32;
                score += (votes * Evidence::OCCURRENCE).min(Evidence::MAX_OCCURRENCES);
            }
            score
        })
        .collect()
}

/// Reorders `analyses` (ranked by the lexicon) by their context scores: see the
/// module documentation.
pub fn rerank(token: &str, analyses: &mut Vec<Analysis>, context: &WordContext<'_>) {
    let scores = scores(token, analyses, context);
    let mut scored: Vec<(Analysis, f32)> = analyses.drain(..).zip(scores).collect();
    // Stable: ties keep the lexicon's order.
    scored.sort_by(|(a, a_score), (b, b_score)| {
        (!a.matches_diacritics)
            .cmp(&!b.matches_diacritics)
            .then(b_score.total_cmp(a_score))
    });
    analyses.extend(scored.into_iter().map(|(analysis, _)| analysis));
}

/// Whether an analysis reads the word as a proper noun.
fn is_name(analysis: &Analysis) -> bool {
    analysis.parts[1].pos.contains("NOUN_PROP")
}

/// The Latin words of `text`: runs of ASCII letters, two or more long.
fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
}

/// Words too common in glosses and translations to tell readings apart.
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "into", "that", "this", "his", "her", "its", "are", "was",
    "were", "has", "have", "had", "not", "but", "who", "whom", "which", "what", "will", "shall",
    "be", "by", "of", "to", "in", "on", "at", "as", "or", "an", "a", "it", "he", "she", "they",
    "we", "you", "him", "them", "is", "one", "also", "then", "than", "there", "their", "out", "up",
    "do", "make", "made", "take", "give", "get", "go", "come", "put", "set",
];

/// The words of a stem gloss worth looking for: lower case, not function words, and
/// not the bracketed notes of the lexicon.
fn content_words(gloss: &str) -> impl Iterator<Item = String> + '_ {
    gloss
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
}

/// Whether the gloss word `gloss` and the translation word `translation` (both lower
/// case) are the same word: equal, or the gloss (four letters or more) begins it.
fn same_word(gloss: &str, translation: &str) -> bool {
    gloss == translation
        || (gloss.len() >= 4
            && translation.starts_with(gloss)
            && translation.len() <= gloss.len() + 3)
}

/// The words next to the byte `at` of `section`: the one before and the one after.
fn neighbours(section: &str, at: usize) -> impl Iterator<Item = &str> {
    let at = at.min(section.len());
    let (before, after) = section.split_at(floor_boundary(section, at));
    let before = before.split_whitespace().next_back();
    let after = after.split_whitespace().nth(1);
    before.into_iter().chain(after)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether the Latin word `latin` (lower case) is a transliteration of the Buckwalter
/// stem `stem`: their consonant skeletons are the same.
fn transliterates(stem: &str, latin: &str) -> bool {
    let arabic: String = stem.chars().filter_map(latin_consonant).collect();
    let mut latin_skeleton = String::new();
    let mut chars = latin.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let consonant = match (c, next) {
            ('s', Some('h')) | ('k', Some('h')) | ('g', Some('h')) | ('t', Some('h')) => {
                chars.next();
                Some(match c {
                    's' => 'S',
                    'k' => 'x',
                    'g' => 'g',
                    _ => 't',
                })
            }
            ('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | 'h', _) => None,
            ('c' | 'q', _) => Some('k'),
            ('j', _) => Some('g'),
            ('v', _) => Some('f'),
            ('p', _) => Some('b'),
            (c, _) => Some(c),
        };
        if let Some(consonant) = consonant
            && !latin_skeleton.ends_with(consonant)
        {
            latin_skeleton.push(consonant);
        }
    }
    arabic.len() >= 2 && arabic == latin_skeleton
}

/// The Latin consonant a reader hears in a Buckwalter letter; `None` for vowels,
/// long vowels and weak letters.
fn latin_consonant(c: char) -> Option<char> {
    Some(match c {
        'b' => 'b',
        't' | 'T' | 'p' => 't',
        'v' => 't',
        'j' => 'g',
        'H' | 'h' => return None,
        'x' => 'x',
        'd' | 'D' | '*' | 'Z' => 'd',
        'r' => 'r',
        'z' => 'z',
        's' | 'S' => 's',
        '$' => 'S',
        'E' | 'A' | 'w' | 'y' | 'Y' | '\'' | '>' | '<' | '|' | '&' | '}' => return None,
        'g' => 'g',
        'f' => 'f',
        'q' | 'k' => 'k',
        'l' => 'l',
        'm' => 'm',
        'n' => 'n',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_match_by_consonants() {
        assert!(transliterates("bwtyn", "putin"));
        assert!(transliterates("mynsk", "minsk"));
        assert!(transliterates("mwskw", "moscow"));
        assert!(!transliterates("wtyn", "putin"));
        assert!(!transliterates("ktb", "minsk"));
    }

    #[test]
    fn gloss_words_match_translation_words() {
        assert!(same_word("announce", "announced"));
        assert!(same_word("putin", "putin"));
        assert!(!same_word("by", "bypass"));
        assert!(!same_word("art", "article"));
        let words: Vec<String> = content_words("by; with (the) summit").collect();
        assert_eq!(words, vec!["summit"]);
    }

    #[test]
    fn neighbours_are_the_words_before_and_after() {
        let text = "الرئيس فلاديمير بوتين، سيشارك";
        let at = text.find("بوتين").expect("there");
        let found: Vec<&str> = neighbours(text, at).collect();
        assert_eq!(found, vec!["فلاديمير", "سيشارك"]);
        assert_eq!(neighbours(text, 0).collect::<Vec<_>>(), vec!["فلاديمير"]);
    }
}
