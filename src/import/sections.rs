//! Splitting article text into sections, and inferring a title.
//!
//! In plain text every non-empty line is a section: articles copied from the web put
//! one paragraph per line and do not always leave blank lines between them.

use crate::model::SectionKind;

/// A line this long or shorter, ending in a colon, is a label heading (`الخبر:`).
const LABEL_HEADING_MAX_WORDS: usize = 6;

/// A first line this short, and not a sentence of the body, can be the title.
const TITLE_MAX_WORDS: usize = 16;

/// How many words of the first paragraph make a title when the article has none.
const FALLBACK_TITLE_WORDS: usize = 8;

/// Splits `text` into (kind, text) pairs in reading order, dropping junk lines.
///
/// Markdown `#` headings are honoured in `.txt` and `.md` files alike: articles saved
/// from the web carry them. The first line, after an optional basmala, becomes the level-1 heading
/// when it reads like a headline.
pub fn split_sections(text: &str) -> Vec<(SectionKind, String)> {
    let mut parts = Vec::new();
    for line in text.lines().map(str::trim) {
        let (kind, line) = if let Some((level, rest)) = markdown_heading(line) {
            (SectionKind::Heading { level }, rest)
        } else if is_label_heading(line) {
            (SectionKind::Heading { level: 3 }, line)
        } else {
            (SectionKind::Paragraph, line)
        };
        if !is_junk(line) {
            parts.push((kind, line.to_owned()));
        }
    }
    if let Some((kind, text)) = parts.iter_mut().find(|(_, text)| !is_basmala(text))
        && *kind == SectionKind::Paragraph
        && is_title_line(text)
    {
        *kind = SectionKind::Heading { level: 1 };
    }
    parts
}

/// The article's title: its level-1 heading, or the first words of its text.
pub fn infer_title(parts: &[(SectionKind, String)]) -> String {
    if let Some((_, text)) = parts
        .iter()
        .find(|(kind, text)| *kind == SectionKind::Heading { level: 1 } && !is_basmala(text))
    {
        return text.clone();
    }
    let Some((_, first)) = parts
        .iter()
        .find(|(kind, text)| *kind == SectionKind::Paragraph && !is_basmala(text))
    else {
        return String::new();
    };
    let text = first.trim_matches(|c: char| c == '"' || c == '«' || c.is_whitespace());
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= FALLBACK_TITLE_WORDS {
        return text.to_owned();
    }
    let title = words[..FALLBACK_TITLE_WORDS].join(" ");
    let cut = title.trim_end_matches(|c: char| c.is_whitespace() || ",،؛;:-–—".contains(c));
    format!("{cut}…")
}

/// `#`…`######` followed by a space: the level and the heading's text.
fn markdown_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    // `hashes` is at most 6, so it fits in a u8.
    let level = u8::try_from(hashes).ok()?;
    Some((level, rest.trim()))
}

/// A short line ending in a colon, such as `الخبر:` or `التعليق:`.
fn is_label_heading(line: &str) -> bool {
    let Some(body) = line.strip_suffix([':', '：']) else {
        return false;
    };
    let words = body.split_whitespace().count();
    (1..=LABEL_HEADING_MAX_WORDS).contains(&words) && !body.contains([':', '.', '،'])
}

/// A short line that reads like a headline: few words, no sentence punctuation inside.
fn is_title_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words > 0
        && words <= TITLE_MAX_WORDS
        && !line.ends_with([':', '：'])
        && !line.trim_end_matches(['.', '!']).contains(['.', '،', ','])
        && !(line.starts_with('(') && line.ends_with(')'))
}

/// `بسم الله الرحمن الرحيم`, in any spelling: diacritics and alef forms vary.
fn is_basmala(line: &str) -> bool {
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

/// Stray lines that are not text: whitespace, a lone Latin letter, lone punctuation.
fn is_junk(line: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SectionKind, String)> {
        split_sections(text)
    }

    #[test]
    fn junk_lines_are_dropped() {
        let parts = kinds(" \n\nF\n\n-\nنص حقيقي\n");
        assert_eq!(
            parts,
            vec![(SectionKind::Heading { level: 1 }, "نص حقيقي".to_owned())]
        );
    }

    #[test]
    fn label_headings_and_markdown_headings() {
        let parts =
            kinds("## الخبر:\nفي 19 تشرين الثاني/نوفمبر، انعقد الاجتماع.\nالتعليق:\nالمصدر: تاس");
        assert_eq!(
            parts[0],
            (SectionKind::Heading { level: 2 }, "الخبر:".to_owned())
        );
        assert_eq!(parts[1].0, SectionKind::Paragraph);
        assert_eq!(
            parts[2],
            (SectionKind::Heading { level: 3 }, "التعليق:".to_owned())
        );
        assert_eq!(parts[3], (SectionKind::Paragraph, "المصدر: تاس".to_owned()));
    }

    #[test]
    fn title_after_basmala() {
        let parts = kinds("بِسَمِ ٱللهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ\n\nمن الذي يُحرّض قرغيزستان؟\n(مترجم)\nالخبر:");
        assert_eq!(parts[0].0, SectionKind::Paragraph);
        assert_eq!(parts[1].0, SectionKind::Heading { level: 1 });
        assert_eq!(parts[2], (SectionKind::Paragraph, "(مترجم)".to_owned()));
        assert_eq!(infer_title(&parts), "من الذي يُحرّض قرغيزستان؟");
    }

    #[test]
    fn title_falls_back_to_first_words() {
        let parts = kinds(
            "## الخبر:\n\"في 19 تشرين الثاني/نوفمبر، انعقد الاجتماع السابع عشر للجنة العسكرية حول تطوير",
        );
        assert_eq!(
            infer_title(&parts),
            "في 19 تشرين الثاني/نوفمبر، انعقد الاجتماع السابع عشر…"
        );
    }
}
