//! From the bytes of an article file to text: finding the encoding, refusing binary
//! data, and saying honestly what had to be repaired.
//!
//! The order of the checks matters. A byte order mark is the file's own word and wins.
//! Without one, binary data is refused before anything else, or it would be "decoded"
//! as a legacy code page. Valid UTF-8 is taken as UTF-8: legacy Arabic text is almost
//! never valid UTF-8 by accident. Bytes that are *mostly* UTF-8 are a damaged UTF-8
//! file, decoded with U+FFFD for the bad bytes; the rest is handed to chardetng, which
//! tells Windows-1256 from ISO-8859-6 (and from the other legacy code pages) by the
//! frequencies of their letters.

use std::fmt;
use std::ops::Range;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::ImportError;
use crate::model::TextMap;

/// How much of the start of a file is looked at to tell text from binary data.
const SNIFF_BYTES: usize = 8192;

/// How much is given to the encoding detector: enough for a confident guess, and
/// bounded so a huge file is not read twice.
const DETECTOR_BYTES: usize = 1 << 20;

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetectedEncoding {
    /// The encoding, as the WHATWG Encoding Standard names it.
    pub encoding: &'static Encoding,
    /// True when the file starts with a byte order mark.
    pub byte_order_mark: bool,
}

impl Default for DetectedEncoding {
    fn default() -> Self {
        Self {
            encoding: UTF_8,
            byte_order_mark: false,
        }
    }
}

impl DetectedEncoding {
    /// True for UTF-8, with or without a byte order mark: nothing to tell the reader.
    pub fn is_utf8(&self) -> bool {
        self.encoding == UTF_8
    }
}

impl fmt::Display for DetectedEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.encoding.name() {
            "windows-1256" => "Windows-1256 (Arabic)",
            "ISO-8859-6" => "ISO-8859-6 (Arabic)",
            other => other,
        };
        f.write_str(name)?;
        if self.byte_order_mark {
            f.write_str(" with BOM")?;
        }
        Ok(())
    }
}

/// Decoded text and what decoding it took.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with every line ending turned into `\n` and NUL characters removed.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: DetectedEncoding,
    /// Byte sequences that were not valid in that encoding, now U+FFFD.
    pub invalid_sequences: usize,
    /// NUL characters that were removed.
    pub nul_characters: usize,
}

/// Decodes the bytes of an article file.
///
/// `complete` is false when `bytes` is only the start of the file: a character cut
/// in two at the end is then dropped rather than counted as damage.
pub fn decode(bytes: &[u8], complete: bool) -> Result<Decoded, ImportError> {
    decode_cleaning(bytes, complete, true)
}

/// Decodes the whole of a file's bytes like [`decode`], but keeps its line ends and
/// NUL characters: the file's own characters (without the byte order mark), which
/// exports quote and count positions in. [`clean_mapped`] turns this text into
/// [`decode`]'s, with the way back.
pub fn decode_verbatim(bytes: &[u8]) -> Result<Decoded, ImportError> {
    decode_cleaning(bytes, true, false)
}

/// [`Decoded::text`] of [`decode_verbatim`]'s text, and the way back to it.
pub fn clean_mapped(text: &str) -> (String, TextMap) {
    let mut map = TextMap::default();
    let (clean, _) = clean_line_ends(text, |original, edited| map.record(original, edited));
    (clean, map)
}

fn decode_cleaning(bytes: &[u8], complete: bool, clean: bool) -> Result<Decoded, ImportError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        let detected = DetectedEncoding {
            encoding,
            byte_order_mark: true,
        };
        return if encoding == UTF_8 {
            if looks_binary(body) {
                return Err(ImportError::NotText);
            }
            // Valid, as most files are: validated many bytes at a time, as below.
            if let Ok(text) = simdutf8::basic::from_utf8(body) {
                return Ok(finish(text.to_owned(), detected, 0, clean));
            }
            Ok(decode_utf8(body, complete, detected, clean))
        } else {
            Ok(decode_with(encoding, body, complete, detected, clean))
        };
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let detected = DetectedEncoding {
            encoding,
            byte_order_mark: false,
        };
        return Ok(decode_with(encoding, bytes, complete, detected, clean));
    }
    if looks_binary(bytes) {
        return Err(ImportError::NotText);
    }
    // Most articles are valid UTF-8: one fast validation settles it. simdutf8 checks
    // many bytes at a time where the standard library goes character by character
    // through non-ASCII text: a tenth of the time on a book in Arabic.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(finish(
            text.to_owned(),
            DetectedEncoding::default(),
            0,
            clean,
        ));
    }
    let (valid_non_ascii, invalid) = utf8_census(bytes, complete);
    if invalid == 0 || valid_non_ascii > invalid {
        return Ok(decode_utf8(
            bytes,
            complete,
            DetectedEncoding::default(),
            clean,
        ));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECTOR_BYTES)];
    detector.feed(sample, complete && sample.len() == bytes.len());
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let detected = DetectedEncoding {
        encoding,
        byte_order_mark: false,
    };
    Ok(decode_with(encoding, bytes, complete, detected, clean))
}

/// Counts the non-ASCII characters that are valid UTF-8 and the byte sequences that
/// are not.
fn utf8_census(bytes: &[u8], complete: bool) -> (usize, usize) {
    let mut valid_non_ascii = 0;
    let mut invalid = 0;
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        let cut_at_end = !complete && chunks.peek().is_none();
        if !chunk.invalid().is_empty() && !cut_at_end {
            invalid += 1;
        }
    }
    (valid_non_ascii, invalid)
}

fn decode_utf8(bytes: &[u8], complete: bool, encoding: DetectedEncoding, clean: bool) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut invalid_sequences = 0;
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        text.push_str(chunk.valid());
        let cut_at_end = !complete && chunks.peek().is_none();
        if !chunk.invalid().is_empty() && !cut_at_end {
            text.push(char::REPLACEMENT_CHARACTER);
            invalid_sequences += 1;
        }
    }
    finish(text, encoding, invalid_sequences, clean)
}

fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    complete: bool,
    detected: DetectedEncoding,
    clean: bool,
) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    // With `last == false` a sequence cut at the end is held back, not replaced.
    let (_, _, replaced) = decoder.decode_to_string(bytes, &mut text, complete);
    let invalid_sequences = if replaced {
        text.chars()
            .filter(|&c| c == char::REPLACEMENT_CHARACTER)
            .count()
    } else {
        0
    };
    finish(text, detected, invalid_sequences, clean)
}

/// Line ends become `\n` (CRLF, CR, NEL and the Unicode line and paragraph
/// separators), and NUL characters go: they are never text, and some tools pad files
/// with them.
fn finish(
    text: String,
    encoding: DetectedEncoding,
    invalid_sequences: usize,
    clean: bool,
) -> Decoded {
    let needs_work = clean && has_line_ends_or_nuls(&text);
    if !needs_work {
        return Decoded {
            text,
            encoding,
            invalid_sequences,
            nul_characters: 0,
        };
    }
    let (text, nul_characters) = clean_line_ends(&text, |_, _| {});
    Decoded {
        text,
        encoding,
        invalid_sequences,
        nul_characters,
    }
}

/// Whether `text` has a character [`clean_line_ends`] changes: CR, NUL, NEL, or a
/// Unicode line or paragraph separator. Most files have none, so each is looked for
/// with a scan of many bytes at a time, by its rarest bytes: searching Arabic for
/// the character NEL (bytes C2 85) by its last byte would stop at every م (D9 85).
fn has_line_ends_or_nuls(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2(b'\r', b'\0', bytes).is_some()
        || ["\u{85}", "\u{2028}", "\u{2029}"]
            .iter()
            .any(|separator| memchr::memmem::find(bytes, separator.as_bytes()).is_some())
}

/// `text` with its line ends made `\n` and its NUL characters removed, and how many
/// NULs there were; `record` is told every piece that changed (its bytes before and
/// after), in order.
fn clean_line_ends(
    text: &str,
    mut record: impl FnMut(Range<usize>, Range<usize>),
) -> (String, usize) {
    let mut clean = String::with_capacity(text.len());
    let mut nul_characters = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let before = clean.len();
        match c {
            '\0' => nul_characters += 1,
            '\r' => {
                chars.next_if(|&(_, next)| next == '\n');
                clean.push('\n');
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => clean.push('\n'),
            other => {
                clean.push(other);
                continue;
            }
        }
        let end = chars.peek().map_or(text.len(), |&(next, _)| next);
        record(index..end, before..clean.len());
    }
    (clean, nul_characters)
}

/// Text files do not hold runs of control bytes; executables, images and archives do.
/// A few NUL bytes in a text file are tolerated (and removed later).
fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 9] = [
        b"\x89PNG",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x7fELF",
        b"GIF8",
        b"\xff\xd8\xff",
        b"\x1f\x8b",
        b"MZ\x90\x00",
        b"7z\xbc\xaf",
    ];
    if MAGIC.iter().any(|magic| bytes.starts_with(magic)) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 10 > sample.len().max(1)
}

/// UTF-16 saved without a byte order mark: one byte of most pairs is zero, always the
/// same one. Only text that is mostly Latin or mostly in one block of scripts looks so;
/// Arabic in UTF-16 has 0x06 as its high byte, so it is caught by the spread check.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if sample.len() < 16 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // High bytes in 0x00..=0x06 cover Latin, Greek, Cyrillic, Hebrew and Arabic.
    let low_high_byte = |skip: usize| {
        sample
            .iter()
            .skip(skip)
            .step_by(2)
            .filter(|&&b| b <= 0x06)
            .count()
    };
    let mostly = |count: usize| count * 10 >= pairs * 9;
    let none = |count: usize| count * 50 <= pairs;
    if mostly(low_high_byte(1)) && none(zero_even) && zero_odd * 20 >= pairs {
        Some(UTF_16LE)
    } else if mostly(low_high_byte(0)) && none(zero_odd) && zero_even * 20 >= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes, true).expect("decodes").text
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text("\u{feff}سلام".as_bytes()), "سلام");
        let decoded = decode("\u{feff}سلام".as_bytes(), true).expect("decodes");
        assert!(decoded.encoding.byte_order_mark && decoded.encoding.is_utf8());
        assert_eq!(text("سلام".as_bytes()), "سلام");
    }

    #[test]
    fn damaged_utf8_is_repaired_and_counted() {
        let damaged = [b"ab".as_slice(), &[0xff], "جميل".as_bytes()].concat();
        let decoded = decode(&damaged, true).expect("decodes");
        assert_eq!(decoded.text, "ab\u{fffd}جميل");
        assert_eq!(decoded.invalid_sequences, 1);
        assert!(decoded.encoding.is_utf8());
    }

    #[test]
    fn a_character_cut_by_a_partial_read_is_not_damage() {
        let bytes = "سلام".as_bytes();
        let decoded = decode(&bytes[..bytes.len() - 1], false).expect("decodes");
        assert_eq!(decoded.text, "سلا");
        assert_eq!(decoded.invalid_sequences, 0);
    }

    #[test]
    fn line_ends_become_newlines_and_nuls_go() {
        let decoded = decode(b"one\r\ntwo\rthree\n\0four\0 five six seven", true).expect("decodes");
        assert_eq!(decoded.text, "one\ntwo\nthree\nfour five six seven");
        assert_eq!(decoded.nul_characters, 2);
        assert_eq!(text("a\u{2029}b\u{85}c".as_bytes()), "a\nb\nc");
    }

    #[test]
    fn binary_is_refused() {
        let png = [
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2, 3, 0,
        ];
        assert!(matches!(decode(&png, true), Err(ImportError::NotText)));
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 31) as u8).collect();
        assert!(matches!(decode(&noise, true), Err(ImportError::NotText)));
    }

    #[test]
    fn utf16_without_a_bom_is_recognised() {
        let le: Vec<u8> = "Hello, world. سلام عليكم"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let decoded = decode(&le, true).expect("decodes");
        assert_eq!(decoded.encoding.encoding, UTF_16LE);
        assert_eq!(decoded.text, "Hello, world. سلام عليكم");
        let be: Vec<u8> = "سلام عليكم ورحمة الله"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&be, true).expect("decodes").encoding.encoding,
            UTF_16BE
        );
    }

    #[test]
    fn verbatim_text_keeps_line_ends_and_maps_to_the_clean_text() {
        let bytes = "\u{feff}أول\r\nثان\0\rثالث".as_bytes();
        let verbatim = decode_verbatim(bytes).expect("decodes").text;
        assert_eq!(verbatim, "أول\r\nثان\0\rثالث");
        let (clean, map) = clean_mapped(&verbatim);
        assert_eq!(clean, decode(bytes, true).expect("decodes").text);
        let third = clean.find("ثالث").expect("third");
        let back = map.to_original(third..clean.len());
        assert_eq!(&verbatim[back], "ثالث");
        let second = clean.find("ثان").expect("second");
        assert_eq!(&verbatim[map.to_original(second..third)], "ثان\0\r");
    }

    #[test]
    fn cleaning_is_needed_exactly_when_a_line_end_or_nul_is_there() {
        let texts = [
            "مم ب ب", // the last bytes of NEL and of the separators, in letters
            "plain\ntext",
            "a\rb",
            "a\0b",
            "a\u{85}b",
            "م\u{2028}",
            "\u{2029}",
            "“quoted” … – «»",
            "",
        ];
        for text in texts {
            let cleaned = clean_line_ends(text, |_, _| {}).0;
            assert_eq!(has_line_ends_or_nuls(text), cleaned != text, "{text:?}");
        }
        // And on the seeds, every line end a kind the file may have.
        for seed in crate::import::tests::seed_texts() {
            assert!(!has_line_ends_or_nuls(&seed));
            for line_end in ["\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\0"] {
                let changed = seed.replace('\n', line_end);
                assert!(has_line_ends_or_nuls(&changed), "{line_end:?}");
            }
        }
    }

    #[test]
    fn valid_utf8_is_decoded_as_the_standard_library_reads_it() {
        for seed in crate::import::tests::seed_texts() {
            let decoded = decode(seed.as_bytes(), true).expect("decodes");
            assert_eq!(decoded.text, seed);
            assert!(decoded.encoding.is_utf8() && decoded.invalid_sequences == 0);
            // With a byte order mark, whole, cut inside a character, and damaged.
            let marked = format!("\u{feff}{seed}ر").into_bytes();
            assert_eq!(
                decode(&marked, true).expect("decodes").text,
                format!("{seed}ر")
            );
            let cut = &marked[..marked.len() - 1];
            let partial = decode(cut, false).expect("decodes");
            assert_eq!(partial.text, seed);
            assert_eq!(partial.invalid_sequences, 0);
            let damaged = decode(cut, true).expect("decodes");
            assert!(damaged.text.ends_with('\u{fffd}') && damaged.invalid_sequences == 1);
            // Cut anywhere, even inside a character: valid exactly when std says so.
            for cut in (0..seed.len()).step_by(97) {
                let bytes = &seed.as_bytes()[..cut];
                assert_eq!(
                    simdutf8::basic::from_utf8(bytes).is_ok(),
                    std::str::from_utf8(bytes).is_ok()
                );
            }
        }
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(text(b""), "");
    }
}
