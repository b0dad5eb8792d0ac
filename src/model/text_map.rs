//! Edited text with the way back to the text it was made from.
//!
//! Articles are sectioned in NFC (see [`super::normalize`]) after line ends were
//! unified, but a file may spell the same words otherwise: Arabic typed with a shadda
//! before its vowel mark, Latin with decomposed accents, Windows line ends. Exports
//! must quote the file as it is, so positions in the edited text are mapped back with
//! a [`TextMap`]: the pieces an edit changed, each with its bytes before and after.
//! A position inside a changed piece maps to the piece's start (for the start of a
//! range) or its end (for an end), so a range is never mapped to less than it covers;
//! positions between changed pieces move by a constant. Pieces that did not change
//! (nearly all of them) are not stored.
//!
//! [`normalize_mapped`] cuts the text before every character that nothing before it
//! can combine or reorder with: a starter (combining class 0) whose NFC quick check is
//! "yes" (a normalisation boundary in UAX #15). Between two such cuts, normalising the
//! piece alone gives what normalising the whole text gives there, so the NFC text is
//! the pieces normalised one by one, and canonically equivalent text is found again
//! character for character.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, is_nfc_quick};

use super::normalize::normalize;

/// The way back from edited text to its original; see the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextMap {
    /// The pieces the edit changed, in order: their bytes in the original and in the
    /// edited text.
    changed: Vec<(Range<usize>, Range<usize>)>,
}

impl TextMap {
    /// Records that the bytes `original` became the bytes `edited`; pieces must be
    /// recorded in order.
    pub fn record(&mut self, original: Range<usize>, edited: Range<usize>) {
        self.changed.push((original, edited));
    }

    /// The pieces the edit changed, in order: their bytes in the original and in the
    /// edited text.
    pub fn changes(&self) -> &[(Range<usize>, Range<usize>)] {
        &self.changed
    }

    /// True when the edit changed nothing.
    pub fn is_identity(&self) -> bool {
        self.changed.is_empty()
    }

    /// The bytes of the original that the bytes `edited` of the edited text came
    /// from; never less than they cover.
    pub fn to_original(&self, edited: Range<usize>) -> Range<usize> {
        let start = self.offset(edited.start, false);
        let end = self.offset(edited.end, true);
        start..end.max(start)
    }

    /// Where the edited byte `offset` is in the original, as a start or an end.
    fn offset(&self, offset: usize, end: bool) -> usize {
        let before = self
            .changed
            .partition_point(|(_, edited)| edited.start <= offset);
        let Some((original, edited)) = before.checked_sub(1).map(|i| &self.changed[i]) else {
            return offset;
        };
        if offset >= edited.end {
            offset - edited.end + original.end
        } else if offset == edited.start || !end {
            original.start
        } else {
            original.end
        }
    }
}

/// `original` in NFC, as [`normalize`] gives it, and the way back.
pub fn normalize_mapped(original: &str) -> (String, TextMap) {
    let mut map = TextMap::default();
    if let Cow::Borrowed(_) = normalize(original) {
        return (original.to_owned(), map);
    }
    let mut nfc = String::with_capacity(original.len() + original.len() / 8);
    let mut push = |piece: Range<usize>, nfc: &mut String| {
        let text = &original[piece.clone()];
        match normalize(text) {
            Cow::Borrowed(same) => nfc.push_str(same),
            Cow::Owned(normalized) => {
                // Only what differs is recorded: a line end before a run of marks
                // that gets a grapheme joiner stays a place of its own.
                let (prefix, suffix) = common_ends(text, &normalized);
                let start = nfc.len();
                nfc.push_str(&normalized);
                map.record(
                    piece.start + prefix..piece.end - suffix,
                    start + prefix..nfc.len() - suffix,
                );
            }
        }
    };
    let mut piece_start = 0;
    for (index, c) in original.char_indices() {
        if index > piece_start && is_boundary(c) {
            push(piece_start..index, &mut nfc);
            piece_start = index;
        }
    }
    push(piece_start..original.len(), &mut nfc);
    (nfc, map)
}

/// How many bytes `a` and `b` share at their start and, after that, at their end, in
/// whole characters.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (prefix, suffix)
}

/// True when nothing before `c` can combine or reorder with it or what follows.
fn is_boundary(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_text_maps_to_itself() {
        let (nfc, map) = normalize_mapped("بِسْمِ اللَّهِ");
        assert_eq!(nfc, "بِسْمِ اللَّهِ");
        assert!(map.is_identity());
        assert_eq!(map.to_original(2..6), 2..6);
    }

    #[test]
    fn marks_in_another_order_map_to_the_file_s_own() {
        // Shadda typed before the fatha, as Arabic keyboards do: NFC puts the fatha
        // (class 30) before the shadda (class 33).
        let original = "قال: \u{627}\u{644}\u{644}\u{651}\u{64e}\u{647} غفور";
        let (nfc, map) = normalize_mapped(original);
        assert_eq!(nfc, normalize(original));
        assert_ne!(nfc, original);
        let word = "\u{627}\u{644}\u{644}\u{64e}\u{651}\u{647}";
        let start = nfc.find(word).expect("the NFC spelling");
        let back = map.to_original(start..start + word.len());
        assert_eq!(
            &original[back],
            "\u{627}\u{644}\u{644}\u{651}\u{64e}\u{647}"
        );
        let after = nfc.find("غفور").expect("after");
        assert_eq!(
            &original[map.to_original(after..after + "غفور".len())],
            "غفور"
        );
        // A cut between the two marks widens to both: the file has them the other
        // way round.
        let shadda = nfc.find('\u{651}').expect("shadda");
        assert_eq!(
            &original[map.to_original(shadda..shadda + 2)],
            "\u{651}\u{64e}"
        );
        // A line end before a long run of marks is not taken into the run.
        let marks = "\u{651}".repeat(40);
        let (nfc, map) = normalize_mapped(&format!("أ\n{marks}"));
        let start = nfc.find('\n').expect("line end") + 1;
        assert_eq!(map.to_original(start..nfc.len()).start, start);
    }

    #[test]
    fn the_pieces_normalise_like_the_whole() {
        let samples = [
            "e\u{301}\u{327} cafe\u{301}",
            "\u{627}\u{653}\u{654}",
            "\u{1100}\u{1161}\u{11a8} 한",
            "\u{915}\u{93c} \u{f73}\u{f71}",
            "\u{212b} \u{2126}",
            "\u{301}\u{301}بَّ",
            &format!("ب{}", "\u{651}".repeat(70)),
            "שָׁלוֹם \u{5e9}\u{5c1}\u{5b8}",
        ];
        for sample in samples {
            let (nfc, map) = normalize_mapped(sample);
            assert_eq!(nfc, normalize(sample), "{sample:?}");
            let whole = map.to_original(0..nfc.len());
            assert_eq!(whole, 0..sample.len(), "{sample:?}");
        }
    }
}
