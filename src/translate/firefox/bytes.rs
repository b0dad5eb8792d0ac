//! Byte-fallback pieces turned back into the characters they encode.
//!
//! A SentencePiece vocabulary with byte fallback spells a character it has no piece
//! for as its UTF-8 bytes, one piece each: `🌍` is `<0xF0> <0x9F> <0x8C> <0x8D>`, the
//! tatweel `ـ` is `<0xD9> <0x80>`. The reference decoder joins those bytes back into
//! text; fxtranslate 0.5's `SpmVocab::decode` pastes the pieces' names instead, so a
//! translation would show `<0xF0><0x9F><0x8C><0x8D>`. Its decoder keeps the piece
//! types private, so the repair works on the decoded text: every run of adjacent
//! `<0xHH>` names (the exact spelling SentencePiece gives byte pieces: `0x` and two
//! upper-case hex digits) becomes the bytes it names, read as UTF-8. A sequence that
//! is not valid UTF-8 becomes U+FFFD, as in the reference.

use std::borrow::Cow;

/// `text` with every run of byte-piece names replaced by the text its bytes encode.
pub fn restore_byte_pieces(text: &str) -> Cow<'_, str> {
    if !text.contains("<0x") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<0x") {
        let mut bytes = Vec::new();
        let mut after = &rest[start..];
        while let Some(byte) = byte_piece(after) {
            bytes.push(byte);
            after = &after[BYTE_PIECE_LEN..];
        }
        if bytes.is_empty() {
            // `<0x` that names no byte: keep it as text.
            out.push_str(&rest[..start + 3]);
            rest = &rest[start + 3..];
            continue;
        }
        out.push_str(&rest[..start]);
        out.push_str(&String::from_utf8_lossy(&bytes));
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The length of `<0xHH>`.
const BYTE_PIECE_LEN: usize = 6;

/// The byte named by a `<0xHH>` at the start of `text`, if there is one.
fn byte_piece(text: &str) -> Option<u8> {
    let piece = text.as_bytes().get(..BYTE_PIECE_LEN)?;
    if !piece.starts_with(b"<0x") || piece[5] != b'>' {
        return None;
    }
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    };
    Some(digit(piece[3])? << 4 | digit(piece[4])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_byte_pieces_is_untouched() {
        assert!(matches!(
            restore_byte_pieces("The cat sat."),
            Cow::Borrowed("The cat sat.")
        ));
    }

    #[test]
    fn one_ascii_byte() {
        assert_eq!(restore_byte_pieces("route <0x39>"), "route 9");
    }

    #[test]
    fn a_character_spread_over_several_pieces() {
        // The tatweel is two bytes; three of them in a row make one run of six pieces.
        assert_eq!(
            restore_byte_pieces("الع<0xD9><0x80><0xD9><0x80><0xD9><0x80>ربية"),
            "العـــربية"
        );
        assert_eq!(
            restore_byte_pieces("hello <0xF0><0x9F><0x8C><0x8D> world"),
            "hello 🌍 world"
        );
        // Persian digit two, between digits the vocabulary has.
        assert_eq!(restore_byte_pieces("<0xDB><0xB2>۰"), "۲۰");
    }

    #[test]
    fn separate_runs_stay_separate() {
        assert_eq!(restore_byte_pieces("<0x41> and <0x42>"), "A and B");
    }

    #[test]
    fn invalid_utf8_becomes_the_replacement_character() {
        // A lone continuation byte, and a four-byte character cut short.
        assert_eq!(restore_byte_pieces("a<0x80>b"), "a\u{FFFD}b");
        assert_eq!(restore_byte_pieces("<0xF0><0x9F>!"), "\u{FFFD}!");
    }

    #[test]
    fn near_misses_are_kept_as_text() {
        for text in ["<0x4>", "<0x4g>", "<0x4a>", "<0x41", "x <0x", "<0X41>"] {
            assert_eq!(restore_byte_pieces(text), text);
        }
        assert_eq!(restore_byte_pieces("<0x<0x41>"), "<0xA");
    }
}
