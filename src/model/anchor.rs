//! Anchors: where a note is attached, described so it can be found again after the
//! article changes.
//!
//! An anchor names its section by id and keeps the section's text; a note on a span
//! also keeps the quoted text, some context before and after it, and its position.
//! [`place`] finds an anchor in a (possibly edited) article: the same section and the
//! same words first, then the words anywhere, then the same words with diacritics and
//! letter variants folded away (see [`super::fold`]). An anchor that cannot be found
//! is an orphan: its note is kept and listed, never dropped.

use std::ops::Range;

use serde::{Deserialize, Serialize};

mod placer;

pub use placer::Placer;

use super::fold::{Folded, fold};
use super::section::Article;
use super::section_id::SectionId;

/// Characters of context kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Characters of the section's text kept to recognise it if its id changes.
pub const SECTION_TEXT_CHARS: usize = 1000;

/// How similar (0 to 1, by words) a section must be to the one a note was written on
/// to take the note when no section has the same id or text.
const SIMILAR_SECTION: f32 = 0.7;

/// Where a note is attached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The section's id when the note was made.
    pub section: SectionId,
    /// The section's text then (its first `SECTION_TEXT_CHARS` characters).
    pub section_text: String,
    /// The quoted span, for a note on a span; `None` for a note on the whole section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<TextQuote>,
}

/// A quoted span of a section, in the manner of the W3C `TextQuoteSelector` and
/// `TextPositionSelector`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuote {
    /// The quoted text, exactly.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    #[serde(default)]
    pub suffix: String,
    /// Its start, in characters from the start of the section.
    #[serde(default)]
    pub start: usize,
}

impl Anchor {
    /// An anchor on the whole of `section_text`.
    pub fn section(section: SectionId, section_text: &str) -> Self {
        Self {
            section,
            section_text: section_text.chars().take(SECTION_TEXT_CHARS).collect(),
            quote: None,
        }
    }

    /// An anchor on the bytes `range` of `section_text`.
    pub fn span(section: SectionId, section_text: &str, range: Range<usize>) -> Self {
        Self {
            quote: Some(TextQuote::new(section_text, range)),
            ..Self::section(section, section_text)
        }
    }
}

impl TextQuote {
    /// The bytes `range` of `section_text`, with their context and position.
    pub fn new(section_text: &str, range: Range<usize>) -> Self {
        let before = &section_text[..range.start];
        let after = &section_text[range.end..];
        Self {
            exact: section_text[range.clone()].to_owned(),
            prefix: last_chars(before, CONTEXT_CHARS).to_owned(),
            suffix: after.chars().take(CONTEXT_CHARS).collect(),
            start: before.chars().count(),
        }
    }
}

fn last_chars(text: &str, count: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if text.chars().count() <= count {
        text
    } else {
        &text[start..]
    }
}

/// Where an anchor is in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// On the whole section at this index.
    Section(usize),
    /// On these bytes of the section at this index.
    Span(usize, Range<usize>),
    /// Nowhere: the text it was on is gone.
    Orphan,
}

impl Placement {
    /// The index of the section, unless orphaned.
    pub fn section_index(&self) -> Option<usize> {
        match self {
            Self::Section(index) | Self::Span(index, _) => Some(*index),
            Self::Orphan => None,
        }
    }
}

/// Finds `anchor` in `article`. To place many anchors in one article, make a
/// [`Placer`] once and ask it: it does the work on the article only once.
pub fn place(anchor: &Anchor, article: &Article) -> Placement {
    Placer::new(article).place(anchor)
}

/// A candidate position for a quote, and how well it fits.
struct Candidate {
    section: usize,
    range: Range<usize>,
    score: i64,
}

/// Places a quote; `folded_sections` gives each section's folded text, made once for
/// all the quotes placed in the article.
fn place_quote<'f>(
    quote: &TextQuote,
    article: &Article,
    same_id: Option<usize>,
    folded_sections: impl FnOnce() -> &'f [Folded],
) -> Placement {
    if quote.exact.is_empty() {
        return same_id.map_or(Placement::Orphan, Placement::Section);
    }
    // Exact text first; folded text only when the exact text is nowhere.
    let exact = best_candidate(article, same_id, |_, text| Some(exact_matches(text, quote)));
    let best = exact.or_else(|| {
        let folded_quote = fold(&quote.exact);
        if folded_quote.chars.is_empty() {
            return None;
        }
        let folded_sections = folded_sections();
        best_candidate(article, same_id, |index, text| {
            let folded_text = folded_sections.get(index)?;
            Some(folded_matches(text, folded_text, quote, &folded_quote))
        })
    });
    best.map_or(Placement::Orphan, |candidate| {
        Placement::Span(candidate.section, candidate.range)
    })
}

/// The best-scoring match over all sections; the section with the anchor's id wins
/// ties and gets a bonus, so a quote repeated elsewhere stays where it was.
fn best_candidate(
    article: &Article,
    same_id: Option<usize>,
    matches: impl Fn(usize, &str) -> Option<Vec<(Range<usize>, i64)>>,
) -> Option<Candidate> {
    let mut best: Option<Candidate> = None;
    for (index, section) in article.sections.iter().enumerate() {
        for (range, mut score) in matches(index, &section.text).unwrap_or_default() {
            if Some(index) == same_id {
                score += 1_000_000;
            } else if let Some(home) = same_id {
                score -= index.abs_diff(home) as i64;
            }
            if best.as_ref().is_none_or(|best| score > best.score) {
                best = Some(Candidate {
                    section: index,
                    range,
                    score,
                });
            }
        }
    }
    best
}

/// Every exact occurrence of the quote, scored by how much context matches and how
/// close it is to where it was.
fn exact_matches(text: &str, quote: &TextQuote) -> Vec<(Range<usize>, i64)> {
    text.match_indices(&quote.exact)
        .map(|(start, found)| {
            let range = start..start + found.len();
            let score = context_score(&text[..range.start], &text[range.end..], quote)
                - text[..start].chars().count().abs_diff(quote.start) as i64 / 64;
            (range, score)
        })
        .collect()
}

/// Every occurrence of the folded quote in the folded text.
fn folded_matches(
    text: &str,
    folded_text: &Folded,
    quote: &TextQuote,
    folded_quote: &Folded,
) -> Vec<(Range<usize>, i64)> {
    let needle = &folded_quote.chars;
    let haystack = &folded_text.chars;
    if needle.len() > haystack.len() {
        return Vec::new();
    }
    (0..=haystack.len() - needle.len())
        .filter(|&start| haystack[start..start + needle.len()] == needle[..])
        .map(|start| {
            let range = folded_text.original_range(start..start + needle.len());
            let score = context_score(&text[..range.start], &text[range.end..], quote);
            (range, score)
        })
        .collect()
}

/// How many characters of the stored prefix and suffix match around a candidate
/// (compared folded, so edits to diacritics do not matter).
fn context_score(before: &str, after: &str, quote: &TextQuote) -> i64 {
    let before = fold(before).chars;
    let after = fold(after).chars;
    let prefix = fold(&quote.prefix).chars;
    let suffix = fold(&quote.suffix).chars;
    let common_suffix = before
        .iter()
        .rev()
        .zip(prefix.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let common_prefix = after
        .iter()
        .zip(suffix.iter())
        .take_while(|(a, b)| a == b)
        .count();
    (common_suffix + common_prefix) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionKind;

    fn article(paragraphs: &[&str]) -> Article {
        Article::new(
            "t".into(),
            paragraphs
                .iter()
                .map(|text| (SectionKind::Paragraph, (*text).to_owned())),
        )
    }

    fn span_anchor(article: &Article, section: usize, needle: &str) -> Anchor {
        let text = &article.sections[section].text;
        let start = text.find(needle).expect("needle");
        Anchor::span(
            article.sections[section].id,
            text,
            start..start + needle.len(),
        )
    }

    #[test]
    fn a_span_is_found_where_it_was() {
        let a = article(&["الأولى فيها كلمة", "الثانية فيها كلمة أخرى"]);
        let anchor = span_anchor(&a, 1, "كلمة");
        let expected = a.sections[1].text.find("كلمة").expect("word");
        assert_eq!(
            place(&anchor, &a),
            Placement::Span(1, expected..expected + "كلمة".len())
        );
    }

    #[test]
    fn a_span_follows_its_section_when_sections_move() {
        let a = article(&["واحد", "اثنان وفيها الاقتباس هنا", "ثلاثة"]);
        let anchor = span_anchor(&a, 1, "الاقتباس");
        let b = article(&["جديد", "ثلاثة", "واحد", "اثنان وفيها الاقتباس هنا"]);
        assert!(matches!(place(&anchor, &b), Placement::Span(3, _)));
    }

    #[test]
    fn a_span_survives_an_edit_of_its_section_and_of_its_diacritics() {
        let a = article(&["قال رسول الله ﷺ: «تَكُونُ النُّبُوَّةُ فِيكُمْ»"]);
        let anchor = span_anchor(&a, 0, "تَكُونُ النُّبُوَّةُ");
        let b = article(&["وقال رسول الله ﷺ يومًا: «تكون النبوة فيكم»"]);
        let Placement::Span(0, range) = place(&anchor, &b) else {
            panic!("placed")
        };
        assert_eq!(&b.sections[0].text[range], "تكون النبوة");
    }

    #[test]
    fn context_picks_the_right_one_of_repeated_words() {
        let a = article(&["في البداية كلمة ثم في النهاية كلمة أخيرة"]);
        let text = &a.sections[0].text;
        let second = text.rfind("كلمة").expect("second");
        let anchor = Anchor::span(a.sections[0].id, text, second..second + "كلمة".len());
        let b = article(&["مقدمة جديدة. في البداية كلمة ثم في النهاية كلمة أخيرة"]);
        let expected = b.sections[0].text.rfind("كلمة").expect("second");
        assert_eq!(
            place(&anchor, &b),
            Placement::Span(0, expected..expected + "كلمة".len())
        );
    }

    #[test]
    fn a_span_whose_words_are_gone_is_an_orphan() {
        let a = article(&["نص فيه عبارة مميزة"]);
        let anchor = span_anchor(&a, 0, "عبارة مميزة");
        assert_eq!(
            place(&anchor, &article(&["نص آخر تماما"])),
            Placement::Orphan
        );
    }

    #[test]
    fn a_section_note_follows_its_section_through_small_edits() {
        let a =
            article(&["هذه فقرة طويلة بعض الشيء عن التعاون العسكري بين الدول الأعضاء في المنظمة"]);
        let anchor = Anchor::section(a.sections[0].id, &a.sections[0].text);
        let moved = article(&[
            "مقدمة",
            "هذه فقرة طويلة بعض الشيء عن التعاون العسكري بين الدول الأعضاء في المنظمة",
        ]);
        assert_eq!(place(&anchor, &moved), Placement::Section(1));
        let retouched = article(&[
            "مقدمة",
            "هذه فقرةٌ طويلة بعض الشيء عن التعاون العسكري بين الدول الأعضاء في المنظمة",
        ]);
        assert_eq!(
            place(&anchor, &retouched),
            Placement::Section(1),
            "diacritics added"
        );
        let corrected = article(&[
            "مقدمة",
            "هذه فقرة طويلة بعض الشيء عن التعاون العسكري بين كل الدول الأعضاء في المنظمة",
        ]);
        assert_eq!(
            place(&anchor, &corrected),
            Placement::Section(1),
            "one word added"
        );
        assert_eq!(
            place(&anchor, &article(&["شيء مختلف تماما"])),
            Placement::Orphan
        );
    }
}
