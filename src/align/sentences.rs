//! Cutting a text into sentences, each an exact byte range of the text (so it can be
//! highlighted and quoted back without a copy).
//!
//! Two rule sets, chosen per text by its first strong letter:
//!
//! - Arabic script (Arabic, Persian, Urdu): a sentence ends at `.` `؟` `?` `!` `؛`
//!   `۔` `…` (or a run of them, `...`, `!?`), with the closing quotes and brackets
//!   that follow it, when whitespace or the end of the text comes next; and at every
//!   line end. Arabic has no capitals to tell a sentence start, so the whitespace is
//!   what separates `IA 24.KG` (no break) from `2023. ووقّعت` (a break). Not a
//!   sentence end: the dot of a number (`3.5`), of an abbreviation or an initial
//!   (`U.S.`, `د.`, a lone letter), of a list number at the start of a line (`1.`).
//! - Every other script (Hebrew, English and the Latin-script languages): the
//!   Unicode sentence boundaries of UAX #29 (`unicode-segmentation`), with the
//!   boundaries after an abbreviation (`Mr.`, `e.g.`, `U.S.`), an initial (`J. R.`)
//!   or a list number removed, since UAX #29 alone cuts `Mr. Smith` in two.
//!
//! Whitespace around a sentence is not part of it; an empty text has no sentence.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation as _;

/// Characters that end a sentence in Arabic-script text.
const ARABIC_TERMINATORS: &[char] = &['.', '؟', '?', '!', '؛', '۔', '…', '‼', '⁉'];

/// Characters that close a quotation or a bracket: they stay with the sentence they
/// end.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '›', ')', ']', '}', '﴾', '﴿', '」', '』',
];

/// Abbreviations after which a dot does not end a sentence (compared lower-case,
/// without their final dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "no", "nos", "vol", "vols", "pp", "p",
    "fig", "figs", "ed", "eds", "etc", "e.g", "i.e", "cf", "vs", "viz", "al", "approx", "ca",
    "gen", "col", "lt", "capt", "sgt", "maj", "gov", "sen", "rep", "rev", "hon", "pres", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd",
    "co", "corp", "dept", "univ", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m",
];

/// The sentences of `text`, as byte ranges, in order.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    // Line ends always end a sentence: each line is cut on its own.
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if is_arabic_script(body) {
            arabic_sentences(body, line_start, &mut ranges);
        } else {
            other_sentences(body, line_start, &mut ranges);
        }
        line_start += line.len();
    }
    ranges
}

/// Whether the first strong letter of `text` is of the Arabic script.
fn is_arabic_script(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(is_arabic_letter)
}

/// Whether `c` is a letter of the Arabic script (any of its blocks).
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

/// Pushes the range `start..end` of a line (offset by `base`) with its surrounding
/// whitespace trimmed, unless nothing is left.
fn push_trimmed(line: &str, base: usize, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let piece = &line[start..end];
    let leading = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let from = base + start + leading;
        out.push(from..from + trimmed.len());
    }
}

/// The sentences of one line of Arabic-script text.
fn arabic_sentences(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut start = 0;
    let mut index = 0;
    while index < chars.len() {
        let (_, c) = chars[index];
        if !ARABIC_TERMINATORS.contains(&c) {
            index += 1;
            continue;
        }
        // The run of terminators, then the closers that go with it.
        let mut end = index;
        while end + 1 < chars.len() && ARABIC_TERMINATORS.contains(&chars[end + 1].1) {
            end += 1;
        }
        while end + 1 < chars.len() && CLOSERS.contains(&chars[end + 1].1) {
            end += 1;
        }
        let after = chars.get(end + 1).map(|&(_, c)| c);
        let ends_here = after.is_none_or(char::is_whitespace)
            && !(c == '.' && index == end && before_dot(line, chars[index].0, start).is_some());
        if ends_here {
            let end_byte = chars.get(end + 1).map_or(line.len(), |&(offset, _)| offset);
            push_trimmed(line, base, start, end_byte, out);
            start = end_byte;
        }
        index = end + 1;
    }
    push_trimmed(line, base, start, line.len(), out);
}

/// What the word before a dot is, when it is not a plain word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BeforeDot {
    /// A title, an initial or a list number: a word always follows, so the dot never
    /// ends a sentence.
    Prefix,
    /// Another abbreviation (`etc.`, `U.S.`, `Nov.`): it may end a sentence, and does
    /// where a capital follows in a cased script.
    Abbreviation,
}

/// Abbreviations that are always followed by the word they abbreviate a title of.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "no", "nos", "vol", "vols", "pp", "p", "fig",
    "figs", "gen", "col", "lt", "capt", "sgt", "maj", "gov", "sen", "rep", "rev", "hon", "pres",
    "op", "art", "cf", "vs",
];

/// What the word before the dot at byte `dot` of `line` is (the current sentence
/// starting at byte `sentence_start`), or `None` for a plain word whose dot may end a
/// sentence.
fn before_dot(line: &str, dot: usize, sentence_start: usize) -> Option<BeforeDot> {
    let before = &line[sentence_start..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '«')
        .next()
        .unwrap_or_default();
    if word.is_empty() {
        return None;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let is_list_number = word
        .chars()
        .all(|c| c.is_ascii_digit() || is_eastern_digit(c))
        && before.trim_start().len() == word.len()
        && word.chars().count() <= 3;
    // A lone letter (`د.`, `J.`).
    let is_initial = letters == 1 && word.chars().count() == 1;
    let lower = word.to_lowercase();
    if is_list_number || is_initial || TITLES.contains(&lower.as_str()) {
        return Some(BeforeDot::Prefix);
    }
    // Letters with dots between them (`U.S`, `e.g`, `Ph.D`), or a known abbreviation.
    let has_inner_dots = word.contains('.')
        && word.split('.').all(|piece| {
            (1..=3).contains(&piece.chars().count()) && piece.chars().all(char::is_alphabetic)
        });
    (has_inner_dots || ABBREVIATIONS.contains(&lower.as_str())).then_some(BeforeDot::Abbreviation)
}

/// Whether `c` is an Arabic-Indic or Extended Arabic-Indic digit.
fn is_eastern_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// The sentences of one line of text in another script: UAX #29, with the bounds
/// after abbreviations, initials and list numbers taken out.
fn other_sentences(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    for (offset, piece) in line.split_sentence_bound_indices() {
        let end = offset + piece.len();
        let trimmed = piece.trim_end();
        // UAX #29 cuts `24.KG` after the dot: a sentence is followed by a space.
        let glued = end < line.len() && trimmed.len() == piece.len();
        let joins_next = glued
            || end < line.len()
                && trimmed.ends_with('.')
                && !trimmed.ends_with("..")
                && match before_dot(line, offset + trimmed.len() - 1, start) {
                    None => false,
                    Some(BeforeDot::Prefix) => true,
                    Some(BeforeDot::Abbreviation) => !starts_with_a_capital(&line[end..]),
                };
        if !joins_next {
            push_trimmed(line, base, start, end, out);
            start = end;
        }
    }
    push_trimmed(line, base, start, line.len(), out);
}

/// Whether `rest` starts (after spaces and opening quotes) with a capital letter: after
/// `etc.` or `U.S.` that starts a new sentence, after `Nov.` a number goes on with it.
fn starts_with_a_capital(rest: &str) -> bool {
    rest.trim_start_matches(|c: char| c.is_whitespace() || "\"'“‘«(".contains(c))
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    /// Arabic, from the samples' own hard cases.
    #[test]
    fn arabic_sentences_from_the_samples() {
        let table: &[(&str, &[&str])] = &[
            // 000: a period then a new sentence; the number before it is whole.
            (
                "في عام 1992. ووقّعت أرمينيا على معاهدة الأمن في طشقند بأوزبكستان. وبعد ذلك بعام، وقّعت أذربيجان.",
                &[
                    "في عام 1992.",
                    "ووقّعت أرمينيا على معاهدة الأمن في طشقند بأوزبكستان.",
                    "وبعد ذلك بعام، وقّعت أذربيجان.",
                ],
            ),
            // 001: `IA 24.KG` and `24.KG.` — a dot inside a name is not an end.
            (
                "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر. ولم يعرف سبب الإلغاء بعد.",
                &[
                    "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر.",
                    "ولم يعرف سبب الإلغاء بعد.",
                ],
            ),
            // 001: a question mark ends the title; the closing quote stays with its
            // sentence (the period is inside the quotation).
            (
                "من الذي يُحرّض قرغيزستان؟ قالت: \"نحن مستعدون لمواصلة المفاوضات. الولايات المتحدة مستعدة\". بعد ذلك",
                &[
                    "من الذي يُحرّض قرغيزستان؟",
                    "قالت: \"نحن مستعدون لمواصلة المفاوضات.",
                    "الولايات المتحدة مستعدة\".",
                    "بعد ذلك",
                ],
            ),
            // 000: `...إلخ.` — the dots glued to a word do not end anything; the
            // hadith's closing guillemet stays with it.
            (
                "وصواريخ بلخاش 9،...إلخ. قال: «ثُمَّ سَكَتَ.» ثم ماذا",
                &["وصواريخ بلخاش 9،...إلخ.", "قال: «ثُمَّ سَكَتَ.»", "ثم ماذا"],
            ),
            // 004: a sentence ending in `!` inside a long paragraph.
            (
                "من أجل الكافر المستعمر! ومن أجل إخفاء الخيانة",
                &["من أجل الكافر المستعمر!", "ومن أجل إخفاء الخيانة"],
            ),
            // Numbers with a decimal dot, an initial, `U.S.` and a list number.
            (
                "1. بلغ النمو 3.5 في المئة حسب د. أحمد. قال مسؤول من U.S. الأمر",
                &[
                    "1. بلغ النمو 3.5 في المئة حسب د. أحمد.",
                    "قال مسؤول من U.S. الأمر",
                ],
            ),
            // Persian and Urdu marks, and line ends.
            (
                "این کتاب است؛ آن قلم است\nیہ کتاب ہے۔ وہ قلم ہے",
                &["این کتاب است؛", "آن قلم است", "یہ کتاب ہے۔", "وہ قلم ہے"],
            ),
        ];
        for (text, expected) in table {
            assert_eq!(cut(text), *expected, "{text}");
        }
    }

    /// English and Hebrew.
    #[test]
    fn latin_and_hebrew_sentences() {
        let table: &[(&str, &[&str])] = &[
            (
                "Mr. Putin will attend the summit in Minsk. The U.S. was not invited. It met on 23 Nov. 2023.",
                &[
                    "Mr. Putin will attend the summit in Minsk.",
                    "The U.S. was not invited.",
                    "It met on 23 Nov. 2023.",
                ],
            ),
            (
                "He said: \"We are ready.\" Then he left. Colonel General A. Sidorov spoke.",
                &[
                    "He said: \"We are ready.\"",
                    "Then he left.",
                    "Colonel General A. Sidorov spoke.",
                ],
            ),
            (
                "IA 24.KG reported it on 9 October. Why? No one knows!",
                &[
                    "IA 24.KG reported it on 9 October.",
                    "Why?",
                    "No one knows!",
                ],
            ),
            (
                "1. The first point. 2. The second",
                &["1. The first point.", "2. The second"],
            ),
            (
                "הוא הלך הביתה. היא נשארה. מה קרה?",
                &["הוא הלך הביתה.", "היא נשארה.", "מה קרה?"],
            ),
        ];
        for (text, expected) in table {
            assert_eq!(cut(text), *expected, "{text}");
        }
    }

    #[test]
    fn ranges_are_exact_and_trimmed() {
        let text = "  أولاً.   ثانياً!  \n\n third one.  ";
        let ranges = sentences(text);
        assert_eq!(cut(text), ["أولاً.", "ثانياً!", "third one."]);
        for range in ranges {
            assert_eq!(text[range.clone()].trim(), &text[range]);
        }
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\t ").is_empty());
    }
}
