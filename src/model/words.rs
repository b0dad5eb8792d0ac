//! Widening a range of text to whole words.
//!
//! Two callers need it, with two meanings of "word": a highlight dragged into the
//! middle of a word takes the word as a reader means it (Unicode word boundaries, so
//! punctuation and quotation marks stay out), while emphasis inside a right-to-left
//! word must cover everything the shaper treats as one word (the run between spaces),
//! or cosmic-text 0.19 puts the differently styled parts of that word out of order.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

/// What counts as one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordUnit {
    /// Words by Unicode's word boundaries (UAX #29): `«كلمة»` holds the word `كلمة`.
    Lexical,
    /// Everything between two spaces: `«كلمة»،` is one word.
    Spaced,
}

/// `range` of `text` widened so that it neither starts nor ends inside a word for
/// which `widen` is true. Byte offsets; a range outside `text` is returned as it is.
pub fn widen_to_words(
    text: &str,
    range: Range<usize>,
    unit: WordUnit,
    widen: impl Fn(&str) -> bool,
) -> Range<usize> {
    if text.get(range.clone()).is_none() {
        return range;
    }
    let (mut start, mut end) = (range.start, range.end);
    let mut consider = |offset: usize, word: &str| {
        let word_end = offset + word.len();
        let cuts_start = offset < range.start && range.start < word_end;
        let cuts_end = offset < range.end && range.end < word_end;
        if (cuts_start || cuts_end) && widen(word) {
            if cuts_start {
                start = offset;
            }
            if cuts_end {
                end = word_end;
            }
        }
    };
    match unit {
        WordUnit::Lexical => {
            for (offset, word) in text.split_word_bound_indices() {
                consider(offset, word);
            }
        }
        WordUnit::Spaced => {
            for (offset, word) in text.split_whitespace_indices() {
                consider(offset, word);
            }
        }
    }
    start..end
}

/// `range` of `text` without the white space at its ends; `None` when nothing else is
/// in it (or it is not a range of `text`): a highlight or a note must hold something
/// the reader can see. Byte offsets.
pub fn trim_to_text(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let inside = text.get(range.clone())?;
    let trimmed = inside.trim_start();
    let start = range.start + (inside.len() - trimmed.len());
    let trimmed = trimmed.trim_end();
    (!trimmed.is_empty()).then(|| start..start + trimmed.len())
}

/// True for a word with a letter or digit in it (not punctuation or space).
pub fn has_letters(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// True for a word with a right-to-left letter in it.
pub fn is_right_to_left(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
    })
}

/// Words separated by white space, with their byte offsets.
trait SplitWhitespaceIndices {
    fn split_whitespace_indices(&self) -> impl Iterator<Item = (usize, &str)>;
}

impl SplitWhitespaceIndices for str {
    fn split_whitespace_indices(&self) -> impl Iterator<Item = (usize, &str)> {
        self.split(char::is_whitespace)
            .filter(|word| !word.is_empty())
            .map(move |word| (word.as_ptr() as usize - self.as_ptr() as usize, word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_take_whole_words() {
        let text = "ذكر موقع IA 24.KG في 9 تشرين";
        let partial_start = text.find("كر").expect("inside the first word");
        let partial_end = text.find("في").expect("second to last word") + "ف".len();
        let range = widen_to_words(
            text,
            partial_start..partial_end,
            WordUnit::Lexical,
            has_letters,
        );
        assert_eq!(&text[range], "ذكر موقع IA 24.KG في");
        let exact = text.find("موقع").expect("word");
        let range = exact..exact + "موقع".len();
        assert_eq!(
            &text[widen_to_words(text, range, WordUnit::Lexical, has_letters)],
            "موقع"
        );
        let quoted = "قال «الدين النصيحة» ثم";
        let inside = quoted.find("دين").expect("word");
        let range = widen_to_words(quoted, inside..inside + 2, WordUnit::Lexical, has_letters);
        assert_eq!(&quoted[range], "الدين", "quotation marks stay out");
    }

    #[test]
    fn a_range_is_trimmed_to_what_can_be_seen() {
        let text = "قال  الرجل\u{a0}هنا";
        let space = text.find("  ").expect("spaces");
        assert_eq!(trim_to_text(text, space..space + 1), None, "one space");
        assert_eq!(trim_to_text(text, space..space + 2), None, "two spaces");
        let nbsp = text.find('\u{a0}').expect("no-break space");
        assert_eq!(trim_to_text(text, nbsp..nbsp + 2), None, "a no-break space");
        let word = text.find("الرجل").expect("word");
        let range = trim_to_text(text, space..nbsp + 2).expect("a word in it");
        assert_eq!(range, word..word + "الرجل".len());
        assert_eq!(trim_to_text(text, 0..text.len()), Some(0..text.len()));
        assert_eq!(trim_to_text(text, 1..2), None, "not a range of the text");
        assert_eq!(trim_to_text(text, 3..3), None, "empty");
    }

    #[test]
    fn emphasis_inside_a_right_to_left_word_covers_the_word() {
        let text = "فقرة وكلمة غامقة abcdef";
        let snap = |range| widen_to_words(text, range, WordUnit::Spaced, is_right_to_left);
        let start = text.find("كلمة").expect("word");
        assert_eq!(snap(start..start + 8), start - 2..start + 8);
        let end = text.find("غامقة").expect("word") + 4;
        assert_eq!(snap(start..end).end, end + 6);
        // Latin words are shaped right in parts: they keep their exact spans.
        let latin = text.find("cd").expect("word");
        assert_eq!(snap(latin..latin + 2), latin..latin + 2);
    }
}
