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

use super::two_halves::{WORTH_A_THREAD, both};

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
///
/// A long text is checked in two halves at once, cut at a line end.
fn is_normalized(text: &str) -> bool {
    let all_lines = |text: &str| text.split_inclusive('\n').all(is_line_normalized);
    if text.len() < WORTH_A_THREAD {
        return all_lines(text);
    }
    let middle = text.len() / 2;
    match memchr::memchr(b'\n', &text.as_bytes()[middle..]) {
        Some(newline) => {
            let (first, second) = text.split_at(middle + newline + 1);
            let (first, second) = both(|| all_lines(first), || all_lines(second));
            first && second
        }
        _ => all_lines(text),
    }
}

fn is_line_normalized(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut last_class = 0u8;
    let mut marks_in_a_row = 0usize;
    let mut index = 0;
    // Read byte by byte rather than by `chars()`: ASCII is one byte, and Latin-1 and
    // Arabic are two (a lead byte 0xC2 to 0xDF and one continuation byte), decoded
    // here in two operations. Any longer character goes to the general check.
    while let Some(&lead) = bytes.get(index) {
        let class = if lead < 0x80 {
            index += 1;
            0
        } else if (0xC2..=0xDF).contains(&lead) {
            // `line` is UTF-8: a two-byte lead is followed by its continuation byte.
            let code = (u32::from(lead & 0x1F) << 6) | u32::from(bytes[index + 1] & 0x3F);
            index += 2;
            match TWO_BYTE_CLASSES.get(code as usize) {
                Some(&class) if class != NOT_COMMON => class,
                _ => return is_nfc_stream_safe(line),
            }
        } else {
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

/// In [`TWO_BYTE_CLASSES`], a character [`common_combining_class`] does not know.
const NOT_COMMON: u8 = u8::MAX;

/// [`common_combining_class`] of every character written in one or two bytes of
/// UTF-8 (U+0000 to U+07FF), looked up by code point.
static TWO_BYTE_CLASSES: [u8; 0x800] = {
    let mut table = [NOT_COMMON; 0x800];
    let mut code = 0;
    while code < 0x800 {
        if let Some(c) = char::from_u32(code as u32)
            && let Some(class) = common_combining_class(c)
        {
            table[code] = class;
        }
        code += 1;
    }
    table
};

/// The canonical combining class of a character that NFC leaves as it is (quick
/// check "Yes"), for Basic Latin, Latin-1 and the Arabic block's letters, digits,
/// punctuation and harakat; `None` for any other character.
const fn common_combining_class(c: char) -> Option<u8> {
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

    /// The check as it was before it read bytes: character by character.
    fn is_line_normalized_by_chars(line: &str) -> bool {
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
                if last_class > class || marks_in_a_row > 30 {
                    return false;
                }
            }
            last_class = class;
        }
        true
    }

    #[test]
    fn the_byte_reader_agrees_with_the_character_reader() {
        // Every character of one or two bytes, and a few longer ones, alone, after a
        // letter, between marks in and out of order, and stacked up to the limit and
        // past it.
        let longer = ['\u{800}', '\u{2013}', '\u{FDFA}', '\u{FD3E}', '\u{1D400}'];
        let characters = ('\u{0}'..='\u{7FF}').chain(longer);
        for c in characters {
            let texts = [
                format!("{c}"),
                format!("ب{c}"),
                format!("ب\u{64E}{c}\u{651}"),
                format!("ب\u{651}{c}\u{64E}"),
                format!("ب{c}{}", "\u{651}".repeat(29)),
                format!("{c}{}", "\u{651}".repeat(31)),
                format!("{}{c}", "\u{651}".repeat(30)),
                format!("e{c}\u{301} سطر"),
            ];
            for text in texts {
                assert_eq!(
                    is_line_normalized(&text),
                    is_line_normalized_by_chars(&text),
                    "{text:?}"
                );
            }
        }
        for seed in crate::import::tests::seed_texts() {
            for line in seed.split_inclusive('\n') {
                assert!(is_line_normalized(line) && is_line_normalized_by_chars(line));
            }
        }
    }

    #[test]
    fn seeds_are_left_as_they_are_and_normalised_as_the_definition_says() {
        for seed in crate::import::tests::seed_texts() {
            assert!(is_nfc_stream_safe(&seed));
            assert!(matches!(normalize(&seed), Cow::Borrowed(_)));
            // Decomposed, the same text is composed back.
            let decomposed: String = seed.nfd().collect();
            assert_eq!(normalize(&decomposed), seed);
        }
    }

    #[test]
    fn a_long_text_is_checked_whole() {
        // Long enough for two threads, with the one line that is not NFC in either
        // half, or none.
        let line = "بِسْمِ ٱللَّهِ Café\n";
        let lines = WORTH_A_THREAD / line.len() + 10;
        let clean = line.repeat(lines);
        assert!(is_normalized(&clean));
        for at in [0, lines / 2 - 1, lines / 2, lines / 2 + 1, lines - 1] {
            let mut text = line.repeat(at);
            text.push_str("Cafe\u{301}\n");
            text.push_str(&line.repeat(lines - at - 1));
            assert!(!is_normalized(&text), "line {at}");
        }
    }

    #[test]
    fn thousands_of_marks_are_bounded_runs() {
        let hostile = format!("ب{}", "\u{651}".repeat(5000));
        let normal = normalize(&hostile);
        assert!(is_nfc_stream_safe(&normal));
        assert_eq!(normal.chars().filter(|&c| c == '\u{651}').count(), 5000);
    }
}
