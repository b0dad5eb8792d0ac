//! Diacritics hidden for display only: Arabic harakat, tanween, shadda, sukun, the
//! superscript alef and the Quranic marks; Hebrew niqqud and cantillation.
//!
//! A reader may find a fully vowelled text slower to read, or want to test themselves
//! on an unvowelled one. The file, the notes' anchors, the selection, the highlights
//! and what is copied stay those of the text as it is: only what is drawn changes.
//! So, as for the bidi markers ([`super::Revealed`]), the view draws a shown text and
//! keeps an [`OffsetMap`] between it and the section's text; hits and selections on
//! the shown text are mapped back, highlights and emphasis mapped onto it.
//!
//! Marks that change which letter is written are kept: the combining hamza above and
//! below (U+0654, U+0655) and the maddah (U+0653) make أ إ آ out of a bare alef in
//! decomposed text, and Hebrew punctuation (maqaf, paseq, sof pasuq) is not a mark.

/// True for a mark hidden when diacritics are hidden: see the module docs.
pub fn is_diacritic(c: char) -> bool {
    matches!(c,
        // Arabic honorific and small high Quranic signs.
        '\u{0610}'..='\u{061A}'
        // Tanween, fatha, damma, kasra, shadda, sukun.
        | '\u{064B}'..='\u{0652}'
        // Subscript alef, inverted damma, vowel signs for other languages, dots.
        | '\u{0656}'..='\u{065F}'
        // Superscript (dagger) alef.
        | '\u{0670}'
        // Quranic annotation signs (the small high ligatures, rub el hizb aside).
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        // Arabic Extended-A Quranic marks (U+08E2, the disputed end of ayah, is a
        // sign of its own, not a mark).
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}'
        // Hebrew cantillation.
        | '\u{0591}'..='\u{05AF}'
        // Hebrew niqqud: sheva to meteg, rafe, shin and sin dots, upper and lower
        // dots, qamats qatan, and the varika.
        | '\u{05B0}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{FB1E}'
    )
}

/// True when `text` has a mark [`is_diacritic`] hides.
pub fn has_diacritics(text: &str) -> bool {
    text.chars().any(is_diacritic)
}

/// `text` without the marks [`is_diacritic`] hides.
pub fn strip_diacritics(text: &str) -> String {
    text.chars().filter(|&c| !is_diacritic(c)).collect()
}

/// The way between a text and the text shown for it, at every character boundary.
///
/// Built from the characters the shown text keeps ([`OffsetMap::hiding`]) or adds
/// ([`OffsetMap::compose`] with [`super::Revealed`]); positions are byte offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Pairs of (offset in the text, offset in the shown text), both increasing, one
    /// at every kept character and one at the end.
    offsets: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The map for `text` shown without the characters `hidden` is true for, with
    /// the text shown.
    pub fn hiding(text: &str, hidden: impl Fn(char) -> bool) -> (String, Self) {
        let mut shown = String::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() / 2 + 1);
        for (at, c) in text.char_indices() {
            if !hidden(c) {
                offsets.push((at, shown.len()));
                shown.push(c);
            }
        }
        offsets.push((text.len(), shown.len()));
        (shown, Self { offsets })
    }

    /// The offset in the text of `shown`, an offset in the shown text. The end of a
    /// letter is after its hidden marks, so a selection of shown letters is the
    /// letters with their marks.
    pub fn original(&self, shown: usize) -> usize {
        let index = self.offsets.partition_point(|&(_, at)| at < shown);
        self.offsets
            .get(index)
            .or(self.offsets.last())
            .map_or(0, |&(original, _)| original)
    }

    /// The offset in the shown text of `original`, an offset in the text: a point
    /// among hidden marks goes to the next shown character.
    pub fn shown(&self, original: usize) -> usize {
        let index = self.offsets.partition_point(|&(at, _)| at < original);
        self.offsets
            .get(index)
            .or(self.offsets.last())
            .map_or(0, |&(_, shown)| shown)
    }

    /// `range` of the text, as the shown text's range that draws it.
    pub fn shown_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.shown(range.start)..self.shown(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASMALA: &str = "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ";

    #[test]
    fn arabic_and_hebrew_marks_are_hidden_and_letters_kept() {
        assert_eq!(strip_diacritics(BASMALA), "بسم ٱلله ٱلرحمن ٱلرحيم");
        assert_eq!(strip_diacritics("كِتَابٌ مُدَرِّسَةٌ"), "كتاب مدرسة");
        // Hebrew niqqud and cantillation (Genesis 1:1, first words).
        assert_eq!(strip_diacritics("בְּרֵאשִׁ֖ית בָּרָ֣א"), "בראשית ברא");
        // A hamza or maddah written as a mark makes another letter: kept.
        assert_eq!(strip_diacritics("ا\u{0654}"), "ا\u{0654}");
        assert_eq!(strip_diacritics("ا\u{0653}"), "ا\u{0653}");
        // Hebrew punctuation stays; so does Latin.
        assert_eq!(strip_diacritics("בית־ספר׃ abc"), "בית־ספר׃ abc");
        assert!(has_diacritics(BASMALA));
        assert!(!has_diacritics("بسم الله"));
    }

    #[test]
    fn offsets_go_both_ways_and_a_word_keeps_its_marks() {
        let (shown, map) = OffsetMap::hiding(BASMALA, is_diacritic);
        for (at, c) in BASMALA.char_indices().filter(|(_, c)| !is_diacritic(*c)) {
            let there = map.shown(at);
            assert_eq!(shown[there..].chars().next(), Some(c));
            assert_eq!(map.original(there), at);
        }
        assert_eq!(map.shown(BASMALA.len()), shown.len());
        assert_eq!(map.original(shown.len()), BASMALA.len());
        // A highlight on the second word covers the same word shown bare.
        let start = BASMALA.find("ٱللَّهِ").expect("word");
        let word = start..start + "ٱللَّهِ".len();
        assert_eq!(&shown[map.shown_range(word.clone())], "ٱلله");
        // Selecting the bare word selects the word with its marks.
        let bare = shown.find("ٱلله").expect("bare word");
        let back = map.original(bare)..map.original(bare + "ٱلله".len());
        assert_eq!(&BASMALA[back], "ٱللَّهِ");
    }
}
