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

use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

/// `text` in NFC (and stream-safe), borrowed when it already is.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes && is_stream_safe(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().stream_safe().nfc().collect())
    }
}

/// No more than 30 non-starters (combining marks) in a row.
fn is_stream_safe(text: &str) -> bool {
    let mut run = 0usize;
    for c in text.chars() {
        if unicode_normalization::char::canonical_combining_class(c) == 0 {
            run = 0;
        } else {
            run += 1;
            if run > 30 {
                return false;
            }
        }
    }
    true
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
    fn thousands_of_marks_are_bounded_runs() {
        let hostile = format!("ب{}", "\u{651}".repeat(5000));
        let normal = normalize(&hostile);
        assert!(is_stream_safe(&normal));
        assert_eq!(normal.chars().filter(|&c| c == '\u{651}').count(), 5000);
    }
}
