//! Reading a token as the analyser sees it: its Buckwalter letters (the look-up key)
//! and the marks written on each letter (to rank analyses by).
//!
//! BAMA looks words up without their tashkeel; the marks are kept apart so analyses
//! can be checked against them afterwards. Tatweel, bidi controls and joiners are
//! dropped; digits and punctuation glued to a word (`و130`, `«الدولة»`) end it.

use unicode_normalization::UnicodeNormalization as _;

use super::buckwalter;

/// A token read as one Arabic word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The unvocalised Buckwalter letters, the key BAMA looks up.
    pub letters: String,
    /// The marks written on each letter, one item per byte of `letters`.
    pub marks: Vec<Marks>,
}

/// The marks written on one letter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// The vowel, tanwin or sukun (Buckwalter `a u i o F N K`), if one is written.
    pub vowel: Option<u8>,
    /// Whether a shadda is written.
    pub shadda: bool,
}

impl Word {
    /// Whether any vowel or shadda is written on the word.
    pub fn has_marks(&self) -> bool {
        self.marks.iter().any(|m| m.vowel.is_some() || m.shadda)
    }

    /// Whether the vocalised Buckwalter form `vocalized` agrees with the marks
    /// written on the word: no written vowel is contradicted by another vowel, no
    /// written shadda is missing. A mark the analysis leaves out (BAMA often leaves
    /// out case endings) is no contradiction, nor is a written sukun on a letter the
    /// analysis leaves bare.
    pub fn agrees_with(&self, vocalized: &str) -> bool {
        if !self.has_marks() {
            return true;
        }
        let analysed = marks_of(vocalized);
        if analysed.len() != self.marks.len() {
            // The analysis spells the word with other letters: nothing to compare.
            return true;
        }
        self.marks.iter().zip(&analysed).all(|(written, analysed)| {
            let vowel_agrees = match (written.vowel, analysed.vowel) {
                (Some(w), Some(a)) => w == a,
                _ => true,
            };
            vowel_agrees && (!written.shadda || analysed.shadda)
        })
    }
}

/// The marks on each letter of a vocalised Buckwalter string.
fn marks_of(vocalized: &str) -> Vec<Marks> {
    let mut marks: Vec<Marks> = Vec::with_capacity(vocalized.len());
    for b in vocalized.bytes() {
        if !buckwalter::is_mark(b) {
            marks.push(Marks::default());
            continue;
        }
        let Some(last) = marks.last_mut() else {
            continue;
        };
        match b {
            b'~' => last.shadda = true,
            b'`' => {}
            vowel => last.vowel = Some(vowel),
        }
    }
    marks
}

/// Characters that change nothing a reader reads: tatweel, bidi controls, joiners,
/// and Quranic annotation marks. They neither end a word nor belong to it.
fn is_transparent(c: char) -> bool {
    matches!(c,
        '\u{0640}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0653}'..='\u{065F}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Reads `token` as an Arabic word: the longest run of Arabic letters (with their
/// marks) in it, so that digits and punctuation glued to a word are left out. `None`
/// when the token holds no Arabic letter (digits, punctuation, Latin).
///
/// The token is composed first (NFC), so a hamza or madda typed as a combining mark
/// (`ا` + U+0654) reads as the letter it makes (`أ`).
pub fn read(token: &str) -> Option<Word> {
    let mut best = Word::default();
    let mut current = Word::default();
    for c in token.nfc() {
        if let Some(letter) = buckwalter::letter(c) {
            current.letters.push(char::from(letter));
            current.marks.push(Marks::default());
        } else if let Some(mark) = buckwalter::mark(c) {
            // A mark before any letter has nothing to sit on.
            if let Some(last) = current.marks.last_mut() {
                match mark {
                    b'~' => last.shadda = true,
                    b'`' => {}
                    vowel => last.vowel = Some(vowel),
                }
            }
        } else if !is_transparent(c) {
            if current.letters.len() > best.letters.len() {
                best = std::mem::take(&mut current);
            } else {
                current = Word::default();
            }
        }
    }
    if current.letters.len() > best.letters.len() {
        best = current;
    }
    if best.letters.is_empty() {
        return None;
    }
    move_final_tanwin_to_alef(&mut best);
    Some(best)
}

/// Tanwin fath is typed either on the alef that carries it (`كتاباً`) or on the
/// letter before (`كتابًا`); BAMA writes it after the alef (`kitAbAF`).
fn move_final_tanwin_to_alef(word: &mut Word) {
    let n = word.marks.len();
    if n < 2 || word.letters.as_bytes()[n - 1] != b'A' {
        return;
    }
    if word.marks[n - 2].vowel == Some(b'F') && word.marks[n - 1].vowel.is_none() {
        word.marks[n - 2].vowel = None;
        word.marks[n - 1].vowel = Some(b'F');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(token: &str) -> Option<String> {
        read(token).map(|word| word.letters)
    }

    #[test]
    fn marks_tatweel_and_controls_are_not_letters() {
        assert_eq!(letters("وَقَالَ").as_deref(), Some("wqAl"));
        assert_eq!(letters("العـــربية").as_deref(), Some("AlErbyp"));
        assert_eq!(letters("\u{200F}قال\u{200E}").as_deref(), Some("qAl"));
    }

    #[test]
    fn digits_and_punctuation_end_a_word() {
        assert_eq!(letters("و130)").as_deref(), Some("w"));
        assert_eq!(letters("«الدولة»،").as_deref(), Some("Aldwlp"));
        assert_eq!(letters("1992."), None);
        assert_eq!(letters("IA 24.KG"), None);
        assert_eq!(letters("(:-"), None);
    }

    #[test]
    fn combining_hamza_composes() {
        assert_eq!(letters("ا\u{0654}كد").as_deref(), Some(">kd"));
        assert_eq!(letters("ا\u{0653}خر").as_deref(), Some("|xr"));
    }

    #[test]
    fn written_marks_are_compared_with_an_analysis() {
        let word = read("كَتَبَ").expect("a word");
        assert!(word.has_marks());
        assert!(word.agrees_with("kataba"));
        assert!(!word.agrees_with("kutiba"));
        assert!(!word.agrees_with("kutub"));
        let unmarked = read("كتب").expect("a word");
        assert!(unmarked.agrees_with("kutiba"));
        let shadda = read("درّس").expect("a word");
        assert!(shadda.agrees_with("dar~asa"));
        assert!(!shadda.agrees_with("darasa"));
    }

    #[test]
    fn tanwin_fath_on_the_letter_before_alef_counts_as_on_the_alef() {
        let word = read("كِتَابًا").expect("a word");
        assert!(word.agrees_with("kitAbAF"));
        assert_eq!(read("كِتَاباً"), Some(word));
    }
}
