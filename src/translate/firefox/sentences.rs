//! A section cut into what the model translates one at a time: lines, then sentences.
//!
//! Firefox's models are trained on single sentences of up to 128 tokens; a whole
//! paragraph given at once comes back cut short. fxtranslate splits with a small
//! punctuation splitter (ICU's segmenter is an optional feature that pulls in the
//! ICU data crates) which only knows `.`, `!`, `?` and the CJK stops. This splitter
//! adds the marks of our languages — the Arabic question mark `؟`, the Urdu full stop
//! `۔` — and lets closing quotes and brackets follow the stop (`«…؟»`). Lines are
//! kept: each line of a section is translated on its own and the line breaks stay
//! where they were, so a poem or a list keeps its shape.

use fxtranslate::segment::{Segmenter, Span};

/// Splits a line after `.`, `!`, `?`, `؟`, `۔`, `…` (and the CJK stops) when what
/// follows, past any closing quotes or brackets, is a space or the end.
pub struct SentenceSplitter;

impl Segmenter for SentenceSplitter {
    fn sentences(&self, src: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut start = 0;
        let mut chars = src.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if !is_stop(c) {
                continue;
            }
            // Further stops and closing marks belong to this sentence: "؟!", ".»".
            while let Some(&(_, next)) = chars.peek() {
                if is_stop(next) || is_closing(next) {
                    chars.next();
                } else {
                    break;
                }
            }
            let end = chars.peek().map_or(src.len(), |&(i, _)| i);
            let at_break = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
            if at_break || is_hard_stop(c) {
                push_trimmed(src, start, end, &mut spans);
                start = end;
            }
        }
        push_trimmed(src, start, src.len(), &mut spans);
        spans
    }
}

/// Calls `translate_line` on each line of `text` and puts the results back with the
/// original line endings; blank lines stay blank (and are not translated).
pub fn by_lines<E>(
    text: &str,
    mut translate_line: impl FnMut(&str) -> Result<String, E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let ending = &line[content.len()..];
        if content.trim().is_empty() {
            out.push_str(content);
        } else {
            out.push_str(&translate_line(content)?);
        }
        out.push_str(ending);
    }
    Ok(out)
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '۔' | '…') || is_hard_stop(c)
}

/// Stops that end a sentence even with no space after them (CJK writes none).
fn is_hard_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '»' | '›' | '”' | '’' | '」' | '』' | '）'
    )
}

fn push_trimmed(src: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let slice = &src[start..end];
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let offset = start + (slice.len() - slice.trim_start().len());
    spans.push(Span {
        start: offset,
        end: offset + trimmed.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        SentenceSplitter
            .sentences(text)
            .iter()
            .map(|span| span.of(text))
            .collect()
    }

    #[test]
    fn arabic_and_urdu_stops_end_sentences() {
        assert_eq!(
            split("هل قرأت المقال؟ نعم، قرأته. ثم ماذا!"),
            ["هل قرأت المقال؟", "نعم، قرأته.", "ثم ماذا!"]
        );
        assert_eq!(
            split("یہ کتاب ہے۔ وہ قلم ہے۔"),
            ["یہ کتاب ہے۔", "وہ قلم ہے۔"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("قال: «هل أنت هنا؟» ثم مشى."),
            ["قال: «هل أنت هنا؟»", "ثم مشى."]
        );
        assert_eq!(split("Really?!  Yes."), ["Really?!", "Yes."]);
    }

    #[test]
    fn numbers_and_unfinished_text() {
        assert_eq!(split("Pi is 3.14 or so"), ["Pi is 3.14 or so"]);
        assert_eq!(split("   "), Vec::<&str>::new());
        assert_eq!(split("你好。再见。"), ["你好。", "再见。"]);
    }

    #[test]
    fn lines_keep_their_breaks_and_blank_lines_are_not_sent() {
        let mut sent = Vec::new();
        let out = by_lines("one\n\ntwo\r\n  \nthree", |line| {
            sent.push(line.to_string());
            Ok::<_, ()>(line.to_uppercase())
        })
        .expect("no error");
        assert_eq!(out, "ONE\n\nTWO\r\n  \nTHREE");
        assert_eq!(sent, ["one", "two", "three"]);
    }

    #[test]
    fn the_first_error_stops_the_lines() {
        let result = by_lines("a\nb", |line| {
            if line == "b" {
                Err(line.len())
            } else {
                Ok(String::new())
            }
        });
        assert_eq!(result, Err(1));
    }
}
