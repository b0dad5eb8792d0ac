//! What the aligner reads in one sentence besides its length: the anchors that cross
//! scripts (numbers in any digit system, Latin-script tokens, quotation marks and
//! brackets), its words as dictionary keys, and its character trigrams.
//!
//! Everything is reduced to sorted `u64` hashes once per sentence, so comparing two
//! sentences is a merge of two short sorted lists, with no allocation in the aligner's
//! inner loop.

use std::hash::{Hash as _, Hasher as _};

use rustc_hash::FxHasher;

use super::sentences::is_arabic_letter;

/// A token's key: a hash of its kind and its text.
pub(crate) fn key(kind: u8, text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    kind.hash(&mut hasher);
    text.hash(&mut hasher);
    hasher.finish()
}

/// The kinds of keys, so a number never matches a word.
const NUMBER: u8 = 0;
const LATIN: u8 = 1;
const WORD: u8 = 2;
const TRIGRAM: u8 = 3;

/// The value of `c` as a decimal digit in any of the digit systems articles use:
/// ASCII, Arabic-Indic (٠–٩), Extended Arabic-Indic (۰–۹, Persian and Urdu),
/// Devanagari, Bengali and full-width digits.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{0966}'..='\u{096F}' => '\u{0966}',
        '\u{09E6}'..='\u{09EF}' => '\u{09E6}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        _ => return None,
    };
    Some(c as u32 - zero as u32)
}

/// Whether `c` is a Latin letter.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic())
}

/// The numbers of `text`, written in ASCII digits: `٢٠٢٣`, `۲۰۲۳` and `2023` are all
/// `2023`, and a thousands separator between digit groups (`2,000`, `٢٬٠٠٠`) is
/// dropped.
pub(crate) fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut current = String::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if let Some(value) = digit_value(c) {
            current.push(char::from_digit(value, 10).unwrap_or('0'));
        } else if !current.is_empty()
            && matches!(c, ',' | '٬')
            && (1..=3).all(|k| chars.get(index + k).and_then(|&c| digit_value(c)).is_some())
            && chars.get(index + 4).and_then(|&c| digit_value(c)).is_none()
        {
            // A thousands separator: the number goes on.
        } else if !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
        index += 1;
    }
    if !current.is_empty() {
        found.push(current);
    }
    found
}

/// The Latin-script tokens of `text`, lower-cased (`ISSI` → `issi`, `S-300` → `s`),
/// one letter or longer.
pub(crate) fn latin_tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_latin_letter(c))
        .filter(|token| !token.is_empty())
        .map(str::to_lowercase)
}

/// The Arabic-script words of `text` (each a run of Arabic letters and marks).
pub(crate) fn arabic_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(is_arabic_letter(c) || is_arabic_mark(c)))
        .filter(|word| word.chars().any(is_arabic_letter))
}

/// Whether `c` is an Arabic combining mark (tashkeel and the like), part of a word.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Words of the translation's language too common to tell two sentences apart.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "that", "this", "with", "from", "was", "were", "are", "its", "his", "her",
    "their", "they", "them", "has", "have", "had", "not", "but", "also", "which", "who", "whom",
    "what", "when", "where", "will", "would", "been", "being", "into", "onto", "than", "then",
    "there", "these", "those", "all", "any", "our", "out", "one", "said", "such", "may", "can",
    "upon", "about", "over", "under", "between", "after", "before", "only", "even", "more", "most",
    "some", "other", "each", "very", "just", "like", "you", "your", "she", "him", "thing",
    "things", "les", "des", "une", "est", "der", "die", "das", "und",
];

/// The dictionary key of a word of the translation's language: lower-cased, cut to
/// its first five letters (a crude stem that joins `military`/`militarily` and
/// `agreement`/`agreements` without knowing the language); `None` for short and
/// common words, which say nothing about where a sentence belongs.
pub(crate) fn word_key(word: &str) -> Option<u64> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 3 || STOP_WORDS.contains(&lower.as_str()) {
        return None;
    }
    let stem: String = lower.chars().take(5).collect();
    Some(key(WORD, &stem))
}

/// The words of a translation sentence, as dictionary keys (each once).
pub(crate) fn word_keys(text: &str) -> Vec<u64> {
    let mut keys: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().all(char::is_alphabetic))
        .filter_map(word_key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The anchors of one sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Anchors {
    /// Its numbers, as keys, sorted (a number written twice is there twice).
    pub numbers: Vec<u64>,
    /// Its Latin-script tokens, as keys, sorted and without repeats.
    pub latin: Vec<u64>,
    /// Its quotation marks and brackets.
    pub quotes: u16,
}

impl Anchors {
    /// The anchors of `text`. `keep_latin` is false for a Latin-script text, where
    /// every word is a Latin token and none is an anchor by itself (they still match
    /// the other side's Latin tokens, see [`Anchors::latin_words`]).
    pub fn of(text: &str, keep_latin: bool) -> Self {
        let mut numbers: Vec<u64> = numbers(text)
            .iter()
            .map(|number| key(NUMBER, number))
            .collect();
        numbers.sort_unstable();
        let mut latin: Vec<u64> = if keep_latin {
            latin_tokens(text)
                .filter(|token| token.chars().count() >= 2)
                .map(|token| key(LATIN, &token))
                .collect()
        } else {
            Vec::new()
        };
        latin.sort_unstable();
        latin.dedup();
        let quotes = text
            .chars()
            .filter(|c| "\"“”«»()[]﴾﴿„".contains(*c))
            .count()
            .min(u16::MAX as usize) as u16;
        Self {
            numbers,
            latin,
            quotes,
        }
    }

    /// Every Latin-script token of `text` as keys (sorted, without repeats): what the
    /// other side's Latin tokens are looked for in.
    pub fn latin_words(text: &str) -> Vec<u64> {
        let mut words: Vec<u64> = latin_tokens(text)
            .filter(|token| token.chars().count() >= 2)
            .map(|token| key(LATIN, &token))
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    }
}

/// The character trigrams of `text` (lower-cased, spaces squeezed), as sorted keys
/// without repeats: what a machine translation and a human one share (bleualign's
/// measure, on characters so that inflection does not hide a match).
pub(crate) fn trigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text
        .split_whitespace()
        .flat_map(|word| word.chars().chain(std::iter::once(' ')))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    let mut grams: Vec<u64> = chars
        .windows(3)
        .map(|window| {
            let mut hasher = FxHasher::default();
            TRIGRAM.hash(&mut hasher);
            window.hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// How many keys two sorted lists share (a key repeated in both counts as often as it
/// is in both).
pub(crate) fn shared(a: &[u64], b: &[u64]) -> u32 {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_the_same_in_every_digit_system() {
        assert_eq!(numbers("٢٠٢٣ و۲۰۲۳ and 2023"), ["2023", "2023", "2023"]);
        assert_eq!(numbers("(70 من روسيا و130)"), ["70", "130"]);
        assert_eq!(numbers("2,000 people, 3 tanks"), ["2000", "3"]);
        assert_eq!(numbers("IA 24.KG"), ["24"]);
        assert_eq!(numbers("إس-\"300"), ["300"]);
        assert!(numbers("لا أرقام").is_empty());
    }

    #[test]
    fn latin_tokens_inside_arabic_are_anchors() {
        let anchors = Anchors::of("في إسلام أباد (ISSI)، موقع IA 24.KG", true);
        let words = Anchors::latin_words("in Islamabad (ISSI), the IA 24.KG site");
        assert_eq!(anchors.latin.len(), 3);
        assert_eq!(shared(&anchors.latin, &words), 3);
        assert_eq!(anchors.quotes, 2);
        assert!(Anchors::of("Only English here", false).latin.is_empty());
    }

    #[test]
    fn word_keys_skip_common_words_and_join_inflections() {
        assert_eq!(word_keys("The agreements"), word_keys("an agreement"));
        assert!(word_keys("the and of to").is_empty());
    }

    #[test]
    fn trigrams_are_shared_by_close_wordings() {
        let a = trigrams("The summit of the organisation");
        let b = trigrams("the Summit of the Organization");
        let c = trigrams("Rockets over Balkhash");
        assert!(shared(&a, &b) > 2 * shared(&a, &c));
    }
}
