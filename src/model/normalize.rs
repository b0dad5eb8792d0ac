//! Unicode normalisation of article text for display and search.
//!
//! Text is shown and searched in NFC, so that the same words typed with composed or
//! decomposed characters look and match the same, and so that a section's id does
//! not depend on how its text happened to be encoded. Runs of more than 30
//! combining marks are first broken up with U+034F COMBINING GRAPHEME JOINER, as the
//! Stream-Safe Text Format of UAX #15 asks: that keeps normalising linear in time on
//! hostile input (thousands of marks stacked on one letter) and changes nothing in
//! real text. The file on disk is never changed.

use std::borrow::Cow;

use unicode_normalization::{UnicodeNormalization as _, is_nfc_stream_safe};

/// `text` in NFC (and stream-safe), borrowed when it already is.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if is_normalized(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().stream_safe().nfc().collect())
    }
}

/// Whether `text` is stream-safe NFC. Every section is checked when an article is
/// opened, so Latin and Arabic are checked here without table look-ups, line by line
/// (nothing composes across a line end); a line with any other character is left to
/// the general check.
fn is_normalized(text: &str) -> bool {
    text.split_inclusive('\n').all(is_line_normalized)
}

fn is_line_normalized(line: &str) -> bool {
    let mut last_class = 0u8;
    let mut marks_in_a_row = 0usize;
    for c in line.chars() {
        let Some(class) = common_combining_class(c) else {
            return is_nfc_stream_safe(line);
        };
        if class == 0 {
            marks_in_a_row = 0;
        } else {
            marks_in_a_row += 1;
            // Marks out of canonical order, or too many stacked: not normalised.
            if last_class > class || marks_in_a_row > 30 {
                return false;
            }
        }
        last_class = class;
    }
    true
}

/// The canonical combining class of a character that NFC leaves as it is (quick
/// check "Yes"), for Basic Latin, Latin-1 and the Arabic block's letters, digits,
/// punctuation and harakat; `None` for any other character.
fn common_combining_class(c: char) -> Option<u8> {
    match c {
        '\u{0}'..='\u{2FF}'
        | '\u{600}'..='\u{60F}'
        | '\u{61B}'..='\u{64A}'
        | '\u{660}'..='\u{66F}'
        | '\u{671}'..='\u{6D3}' => Some(0),
        // Fathatan … sukun: classes 27 to 34, in this order.
        '\u{64B}'..='\u{652}' => Some(27 + (c as u32 - 0x64B) as u8),
        // Superscript alef.
        '\u{670}' => Some(35),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_are_the_same() {
        assert_eq!(normalize("e\u{301}"), "é");
        assert_eq!(normalize("\u{622}"), "\u{622}");
        assert_eq!(
            normalize("\u{627}\u{653}"),
            "\u{622}",
            "alef + madda is alef madda"
        );
        assert!(matches!(normalize("بِسْمِ"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_quick_check_agrees_with_the_general_one() {
        use unicode_normalization::char::canonical_combining_class;
        // The table above, character by character.
        for c in ('\u{0}'..='\u{6FF}').filter(|c| common_combining_class(*c).is_some()) {
            assert_eq!(
                common_combining_class(c),
                Some(canonical_combining_class(c)),
                "{c:?}"
            );
            assert!(
                is_nfc_stream_safe(&format!("a{c}")) || canonical_combining_class(c) != 0,
                "{c:?} is NFC"
            );
        }
        // And on text: marks in and out of order, stacked, mixed with other scripts.
        let samples = [
            "بِسْمِ ٱللَّهِ",
            "بَّ",
            "بّ\u{64E}",
            "e\u{301}",
            "\u{627}\u{653}",
            "IA 24.KG في ٢٠٢٢",
            "שָׁלוֹם",
            "سطر أول\n\u{301}سطر ثان…",
        ];
        for sample in samples {
            assert_eq!(
                is_normalized(sample),
                is_nfc_stream_safe(sample),
                "{sample:?}"
            );
        }
        let stacked = format!("ب{}", "\u{651}".repeat(31));
        assert!(!is_normalized(&stacked));
    }

    #[test]
    fn thousands_of_marks_are_bounded_runs() {
        let hostile = format!("ب{}", "\u{651}".repeat(5000));
        let normal = normalize(&hostile);
        assert!(is_nfc_stream_safe(&normal));
        assert_eq!(normal.chars().filter(|&c| c == '\u{651}').count(), 5000);
    }
}
