//! Folding text for matching: what a reader considers "the same words".
//!
//! Arabic text is typed with and without diacritics, with different alef forms, with
//! tatweel for justification; Persian and Urdu use their own yeh and kaf; Hebrew may
//! carry niqqud. Folding removes or unifies all of these, so a quote still matches
//! after such edits, and keeps a map back to the original text.

/// Folded text with, for each of its characters, the byte range it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded characters.
    pub chars: Vec<char>,
    /// `origins[i]` is the start byte in the original text of `chars[i]`.
    pub origins: Vec<usize>,
    /// Length in bytes of the original text, the end of the last origin.
    pub original_len: usize,
}

impl Folded {
    /// The folded text as a string.
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// The byte range in the original text covered by folded characters `range`.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self
            .origins
            .get(range.start)
            .copied()
            .unwrap_or(self.original_len);
        let end = self
            .origins
            .get(range.end)
            .copied()
            .unwrap_or(self.original_len);
        start..end
    }
}

/// Folds `text` for matching. Whitespace runs become one space.
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        original_len: text.len(),
        ..Folded::default()
    };
    let mut previous_space = true;
    for (offset, c) in text.char_indices() {
        let Some(c) = fold_char(c) else { continue };
        if c.is_whitespace() {
            if previous_space {
                continue;
            }
            previous_space = true;
            folded.chars.push(' ');
        } else {
            previous_space = false;
            folded.chars.extend(c.to_lowercase());
            // `to_lowercase` can give several characters; each maps to the same origin.
            while folded.origins.len() < folded.chars.len() {
                folded.origins.push(offset);
            }
            continue;
        }
        folded.origins.push(offset);
    }
    if folded.chars.last() == Some(&' ') {
        folded.chars.pop();
        folded.origins.pop();
    }
    folded
}

/// Folds `text` to a plain string.
pub fn fold_str(text: &str) -> String {
    fold(text).as_string()
}

/// One character folded, or `None` when it is dropped.
fn fold_char(c: char) -> Option<char> {
    match c {
        // Arabic tashkeel, Quranic annotation marks, superscript alef, tatweel.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => None,
        // Hebrew niqqud and cantillation.
        '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'
        | '\u{05C2}'
        | '\u{05C4}'
        | '\u{05C5}'
        | '\u{05C7}' => None,
        // Bidi controls and zero-width joiners change nothing a reader reads.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => None,
        // Alef forms.
        'آ' | 'أ' | 'إ' | 'ٱ' | 'ٲ' | 'ٳ' => Some('ا'),
        // Alef maksura, Persian and Urdu yeh.
        'ى' | 'ی' | 'ې' | 'ے' => Some('ي'),
        // Ta marbuta, and Urdu's (goal) and Persian's (heh with yeh above) forms of it.
        'ة' | 'ۃ' | 'ۀ' => Some('ه'),
        // Keheh and Persian/Urdu heh.
        'ک' => Some('ك'),
        'ہ' | 'ە' | 'ھ' => Some('ه'),
        'ؤ' => Some('و'),
        'ئ' | 'ٸ' => Some('ي'),
        '\u{00A0}' => Some(' '),
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_tatweel_and_letter_variants_fold_away() {
        assert_eq!(fold_str("بِسَمِ ٱللهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ"), "بسم الله الرحمن الرحيم");
        assert_eq!(fold_str("إلى"), fold_str("الي"));
        assert_eq!(fold_str("مدرسة"), fold_str("مدرسه"));
        assert_eq!(fold_str("کتاب فارسی"), fold_str("كتاب فارسي"));
        assert_eq!(fold_str("العـــربية"), "العربيه");
        assert_eq!(fold_str("שָׁלוֹם"), "שלום");
        assert_eq!(fold_str("  IA   24.KG \u{200F} "), "ia 24.kg");
    }

    #[test]
    fn folded_ranges_map_back_to_the_original() {
        let text = "قال: بِسْمِ الله";
        let folded = fold(text);
        let word = folded
            .as_string()
            .find("بسم")
            .map(|i| folded.as_string()[..i].chars().count())
            .expect("found");
        let range = folded.original_range(word..word + 3);
        assert_eq!(
            &text[range], "بِسْمِ",
            "the marks on the last letter come with it"
        );
    }
}
