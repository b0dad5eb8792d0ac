//! What counts as a match: a query, folded as anchors fold text
//! ([`crate::model::fold`]), found at the start of a word of the folded text.
//!
//! A reader searching for "علم" (knowledge) does not want "عالم" (world) or "معلم"
//! (teacher), but does want "علماء" and "علمه": the root's words grow at their ends
//! (suffixed pronouns, plurals), and a substring match inside a word would drown the
//! results in unrelated words. So a query matches where a word of the text starts with
//! it, as a phrase when it has several words (each word of the query but the last
//! ending where a word of the text ends, since a space follows it). With
//! [`SearchOptions::prefixes`], the Arabic clitics a word can be written with ("و",
//! "ف", "ب", "ل", "ك", "ال" and their combinations, see [`super::prefixes`]) may come
//! before the query inside the word: "كتاب" then finds "والكتاب" and "للكتاب".
//!
//! Matches are found in folded text and mapped back to exact byte ranges of the
//! original (with the marks on the last letter), for highlights.

use std::ops::Range;

use super::prefixes::is_clitic_prefix;
use crate::model::fold::{Folded, fold};
use crate::model::normalize;

/// How a query is matched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// Let Arabic clitic prefixes ("و", "ال", "ب", "ل", "وال"…) come before the query
    /// inside a word.
    pub prefixes: bool,
}

/// A query, folded once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// The query as typed.
    pub text: String,
    /// Folded: what is looked for in folded text.
    pub folded: String,
    /// How it is matched.
    pub options: SearchOptions,
}

/// One match in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The bytes of the original text matched (the query, not the clitic before it).
    pub range: Range<usize>,
    /// Whether the match is a whole word (or words) of the text, not a word's start.
    pub whole_word: bool,
}

impl Query {
    /// `text` as a query; `None` when nothing is left to look for once folded (empty,
    /// only spaces, only diacritics).
    pub fn new(text: &str, options: SearchOptions) -> Option<Self> {
        let folded = fold(&normalize(text)).as_string();
        (!folded.is_empty()).then(|| Self {
            text: text.to_owned(),
            folded,
            options,
        })
    }

    /// Every match in `text` (in NFC, as sections and translations are), in order.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let folded = fold(text);
        let haystack = folded.as_string();
        self.find_folded(&haystack)
            .map(|(start, end, whole_word)| Match {
                range: original_range(&folded, &haystack, start..end),
                whole_word,
            })
            .collect()
    }

    /// Whether `text` has a match.
    pub fn is_found_in(&self, text: &str) -> bool {
        self.find_folded(&fold(text).as_string()).next().is_some()
    }

    /// The matches in folded text `haystack`, as byte ranges of it, with whether each
    /// is a whole word.
    pub fn find_folded<'a>(
        &'a self,
        haystack: &'a str,
    ) -> impl Iterator<Item = (usize, usize, bool)> + 'a {
        haystack
            .match_indices(self.folded.as_str())
            .filter_map(move |(start, found)| {
                let end = start + found.len();
                self.starts_a_word(haystack, start)
                    .then(|| (start, end, ends_a_word(haystack, end)))
            })
    }

    /// Whether a match at byte `start` of folded `haystack` is at a word's start (or,
    /// with prefixes, after a clitic at a word's start).
    pub fn starts_a_word(&self, haystack: &str, start: usize) -> bool {
        let before = &haystack[..start];
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !is_word_char(*c))
            .map_or(0, |(offset, c)| offset + c.len_utf8());
        word_start == start
            || (self.options.prefixes
                && self.folded.chars().next().is_some_and(is_arabic_letter)
                && is_clitic_prefix(&before[word_start..]))
    }
}

/// Whether byte `end` of folded `haystack` ends a word.
pub fn ends_a_word(haystack: &str, end: usize) -> bool {
    haystack[end..]
        .chars()
        .next()
        .is_none_or(|c| !is_word_char(c))
}

/// Letters and digits make words; marks are folded away before this is asked.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{06FF}').contains(&c)
}

/// The original bytes of folded bytes `range` of `haystack` (the string of `folded`).
fn original_range(folded: &Folded, haystack: &str, range: Range<usize>) -> Range<usize> {
    let start = haystack[..range.start].chars().count();
    let length = haystack[range].chars().count();
    folded.original_range(start..start + length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matched<'a>(query: &str, text: &'a str, prefixes: bool) -> Vec<&'a str> {
        Query::new(query, SearchOptions { prefixes })
            .expect("a query")
            .find(text)
            .into_iter()
            .map(|found| &text[found.range])
            .collect()
    }

    /// Pairs that must match: (query, text, with prefixes).
    const MATCHING: &[(&str, &str, bool)] = &[
        // Arabic: diacritics, tatweel, alef forms, alef maksura, ta marbuta, hamza seats.
        ("بسم الله", "بِسْمِ ٱللَّهِ", false),
        ("الرحمن", "ٱلرَّحْمَٰنِ", false),
        ("العربية", "العـــربيّة", false),
        ("الى", "إلى", false),
        ("أحمد", "احمد", false),
        ("القرآن", "القران", false),
        ("مدرسة", "مدرسه", false),
        ("مسؤول", "مسوول", false),
        ("سائل", "سايل", false),
        ("علم", "عِلْمٌ", false),
        ("علم", "علماء", false),
        ("رسول", "﴿رَسُولٌ﴾", false),
        // Quranic annotation marks and superscript alef.
        ("الصلوة", "الصَّلَوٰةَ ۚ", false),
        // Persian: yeh and keheh; heh with yeh above.
        ("كتاب فارسي", "کتاب فارسی", false),
        ("خانه", "خانۀ", false),
        // Urdu: heh goal, heh doachashmee, yeh barree, taa marbuta goal.
        ("پاکستان", "پاكستان", false),
        ("ہے", "هي", false),
        ("بھائی", "بهائي", false),
        ("زکوۃ", "زكوة", false),
        // Hebrew: niqqud and cantillation.
        ("שלום", "שָׁלוֹם", false),
        ("בראשית", "בְּרֵאשִׁ֖ית", false),
        // Latin: case.
        ("Quran", "the QURAN", false),
        // Prefixes, when asked.
        ("كتاب", "والكتاب", true),
        ("كتاب", "بالكتاب", true),
        ("كتاب", "للكتاب", true),
        ("كتاب", "فالكتاب", true),
        ("الكتاب", "والكتاب", true),
        ("علم", "وعلم", true),
    ];

    /// Pairs that must not match.
    const NOT_MATCHING: &[(&str, &str, bool)] = &[
        ("علم", "عالم", false),
        ("علم", "معلم", false),
        ("علم", "معلم", true),
        ("علم", "عالم", true),
        ("كتاب", "والكتاب", false),
        ("كتاب", "مكتاب", true),
        ("سلم", "مسلم", true),
        ("ايمان", "الإسلام", false),
        ("ب", "كتاب", false),
        ("שלום", "ירושלים", false),
        ("ספר", "מספר", false),
        ("کتاب", "مكتب", false),
        ("ہے", "ہر", false),
        ("اسلام", "سلام", false),
        ("man", "woman", false),
    ];

    #[test]
    fn normalisation_table() {
        for (query, text, prefixes) in MATCHING {
            assert!(
                !matched(query, text, *prefixes).is_empty(),
                "{query:?} must match {text:?} (prefixes: {prefixes})"
            );
        }
        for (query, text, prefixes) in NOT_MATCHING {
            assert!(
                matched(query, text, *prefixes).is_empty(),
                "{query:?} must not match {text:?} (prefixes: {prefixes})"
            );
        }
    }

    #[test]
    fn matches_map_back_to_the_original_with_their_marks() {
        assert_eq!(
            matched("بسم", "قال: بِسْمِ الله", false),
            ["بِسْمِ"],
            "the marks on the last letter come with it"
        );
        assert_eq!(matched("كتاب", "والكتابُ مفيد", true), ["كتابُ"]);
        assert_eq!(
            matched("علم", "العلم علمٌ وعلماء", false),
            ["علمٌ"],
            "not after al- without prefixes"
        );
        assert_eq!(
            matched("علم", "العلم علمٌ وعلماء", true),
            ["علم", "علمٌ", "علم"]
        );
        assert_eq!(
            matched("العـلـم النافع", "أراد العِلْمَ  النّافعَ", false),
            ["العِلْمَ  النّافعَ"]
        );
    }

    #[test]
    fn whole_words_are_told_from_word_starts() {
        let query = Query::new("علم", SearchOptions::default()).expect("query");
        let found = query.find("علمٌ علماء");
        assert_eq!(
            found.iter().map(|m| m.whole_word).collect::<Vec<_>>(),
            [true, false]
        );
    }

    #[test]
    fn an_empty_query_is_no_query() {
        assert!(Query::new("  ", SearchOptions::default()).is_none());
        assert!(Query::new("\u{64E}\u{651}", SearchOptions::default()).is_none());
        assert!(Query::new("ـــ", SearchOptions::default()).is_none());
    }
}
