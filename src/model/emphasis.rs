//! Emphasis inside a section's text: the bold and italic spans of Markdown.

use std::ops::Range;

/// How a span of text is stressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Emphasis {
    /// Strong emphasis (`**text**`), set in bold.
    pub strong: bool,
    /// Emphasis (`*text*`), set in italic.
    pub italic: bool,
}

/// A stressed byte range of a section's text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmphasisSpan {
    /// Bytes of the section's text, on character boundaries.
    pub range: Range<usize>,
    /// How they are stressed.
    pub emphasis: Emphasis,
}

/// Drops spans that are empty, out of `text` or not on character boundaries, and
/// merges neighbours with the same emphasis, so renderers can trust what is left.
pub fn sanitize_spans(text: &str, spans: Vec<EmphasisSpan>) -> Vec<EmphasisSpan> {
    let mut clean: Vec<EmphasisSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        let Range { start, end } = span.range;
        let valid = start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
            && clean.last().is_none_or(|last| last.range.end <= start)
            && span.emphasis != Emphasis::default();
        if !valid {
            continue;
        }
        match clean.last_mut() {
            Some(last) if last.range.end == start && last.emphasis == span.emphasis => {
                last.range.end = end;
            }
            _ => clean.push(span),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOLD: Emphasis = Emphasis {
        strong: true,
        italic: false,
    };

    fn span(range: Range<usize>) -> EmphasisSpan {
        EmphasisSpan {
            range,
            emphasis: BOLD,
        }
    }

    #[test]
    fn bad_spans_are_dropped_and_neighbours_merged() {
        let text = "نص abc";
        let spans = sanitize_spans(
            text,
            vec![span(0..2), span(2..4), span(1..3), span(5..6), span(6..60)],
        );
        assert_eq!(spans, vec![span(0..4), span(5..6)]);
    }
}
