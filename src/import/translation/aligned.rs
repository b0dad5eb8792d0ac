//! Aligned translation files: `NAME.LANG.txt` or `NAME.LANG.md`, sectioned by the
//! same rules as the article (every non-empty line of a `.txt` is a section, Markdown
//! blocks in a `.md`), one segment per section, matched by position.

use super::TranslationError;
use crate::import::{ArticleFormat, parse};
use crate::model::translation::{Segment, TranslationFile, TranslationFormat};

/// The segments of an aligned file's decoded `text`.
pub(super) fn parse_aligned(
    text: &str,
    format: ArticleFormat,
    file: &str,
    language: &str,
) -> Result<TranslationFile, TranslationError> {
    let sectioned = parse(text, format);
    if sectioned.sections.is_empty() {
        return Err(TranslationError::Empty);
    }
    Ok(TranslationFile {
        file: file.to_owned(),
        format: Some(TranslationFormat::Aligned),
        source_language: None,
        language: language.to_owned(),
        segments: sectioned
            .sections
            .into_iter()
            .map(|section| Segment {
                source: None,
                target: section.text,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_a_segment_and_markdown_is_reduced_to_text() {
        let file = parse_aligned(
            "Title\n\nFirst paragraph.\nSecond one.\n",
            ArticleFormat::PlainText,
            "a.en.txt",
            "en",
        )
        .expect("parses");
        let targets: Vec<&str> = file.segments.iter().map(|s| s.target.as_str()).collect();
        assert_eq!(targets, ["Title", "First paragraph.", "Second one."]);
        let file = parse_aligned(
            "# Title\n\nA *long*\nparagraph.\n\n> A quote\n",
            ArticleFormat::Markdown,
            "a.en.md",
            "en",
        )
        .expect("parses");
        let targets: Vec<&str> = file.segments.iter().map(|s| s.target.as_str()).collect();
        assert_eq!(targets, ["Title", "A long paragraph.", "A quote"]);
        assert_eq!(
            parse_aligned(" \n\n", ArticleFormat::PlainText, "a.en.txt", "en"),
            Err(TranslationError::Empty)
        );
    }
}
