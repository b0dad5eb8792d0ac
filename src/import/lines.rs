//! What a line of an article is, by the rules both formats share: a label heading
//! (`الخبر:`), a quotation, a headline, a basmala, or junk. Sectioning and title
//! finding both ask these questions; neither asks the other.

/// A line this long or shorter, ending in a colon, is a label heading (`الخبر:`).
const LABEL_HEADING_MAX_WORDS: usize = 6;

/// A first line this short, and not a sentence of the body, can be the title.
const TITLE_MAX_WORDS: usize = 16;

/// A short line ending in a colon, such as `الخبر:` or `التعليق:`.
pub(super) fn is_label_heading(line: &str) -> bool {
    let Some(body) = line.strip_suffix([':', '：']) else {
        return false;
    };
    let words = body.split_whitespace().count();
    (1..=LABEL_HEADING_MAX_WORDS).contains(&words) && !body.contains([':', '.', '،'])
}

/// A Quranic verse in `﴿ ﴾` or a hadith in `« »` standing on its own line, possibly
/// followed by its reference (`[الممتحنة: 9]`) or a full stop.
pub(super) fn is_quotation(line: &str) -> bool {
    [('﴿', '﴾'), ('«', '»')].iter().any(|&(open, close)| {
        let Some(rest) = line.strip_prefix(open) else {
            return false;
        };
        let Some(end) = rest.rfind(close) else {
            return false;
        };
        let tail = rest[end + close.len_utf8()..].trim();
        let reference = (tail.starts_with(['[', '(']) && tail.ends_with([']', ')']))
            && tail.chars().count() <= 60;
        tail.chars().all(|c| ".،,؛;:".contains(c)) || reference
    })
}

/// Stray lines that are not text: whitespace, a lone Latin letter, lone punctuation.
pub(super) fn is_junk(line: &str) -> bool {
    // Stops at the first few characters of a real line: `is_alphanumeric` looks up
    // Unicode tables, and articles have lines of thousands of characters.
    let mut letters_or_digits = 0;
    let mut latin_only = true;
    for c in line.chars() {
        latin_only &= c.is_ascii() || c.is_whitespace();
        if c.is_alphanumeric() {
            letters_or_digits += 1;
        }
        if letters_or_digits >= 2 || (letters_or_digits == 1 && !latin_only) {
            return false;
        }
    }
    letters_or_digits == 0 || (latin_only && letters_or_digits == 1)
}

/// A short line that reads like a headline: few words, no sentence punctuation inside.
pub(super) fn is_title_line(line: &str) -> bool {
    let words = line.split_whitespace().take(TITLE_MAX_WORDS + 1).count();
    let parenthesised = line.starts_with('(') && line.ends_with(')');
    let punctuated =
        line.ends_with([':', '：']) || line.trim_end_matches(['.', '!']).contains(['.', '،', ',']);
    (1..=TITLE_MAX_WORDS).contains(&words) && !punctuated && !parenthesised && !is_quotation(line)
}

/// `بسم الله الرحمن الرحيم`, in any spelling: diacritics and alef forms vary.
pub(super) fn is_basmala(line: &str) -> bool {
    if line.len() > 400 {
        return false;
    }
    let letters: String = line
        .chars()
        .filter(|c| ('\u{0621}'..='\u{064A}').contains(c) || *c == '\u{0671}')
        .map(|c| match c {
            '\u{0671}' | '\u{0622}' | '\u{0623}' | '\u{0625}' => '\u{0627}',
            other => other,
        })
        .collect();
    letters.starts_with("بسم") && letters.contains("الله") && letters.len() < 60
}
