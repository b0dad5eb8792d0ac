//! An article read together with the way back from its sections to the file's own
//! characters, for exports that quote the file.
//!
//! What counts: the file's text as decoded, *without* the byte order mark and with its
//! line ends (`\r\n` is two characters) and any NUL characters as they are: the text a
//! reader's tool sees when it opens the file. Positions count its Unicode code points
//! (as W3C `TextPositionSelector` does), and quotes are slices of it.
//!
//! The way back is three steps, each a pure function tested where it is:
//! 1. a section's text → bytes of the text it was parsed from ([`SourceSpan`]: for
//!    plain text the line, for Markdown the runs of text pulldown-cmark read, markup
//!    skipped);
//! 2. that NFC text → the text with clean line ends ([`normalize_mapped`]'s
//!    [`TextMap`], by canonical equivalence);
//! 3. that → the file's own characters ([`clean_mapped`]'s [`TextMap`]).
//!
//! The article is parsed here again, by the same code as when it is opened, from the
//! file as it is now: a quote is then always of the file on disk, even when it changed
//! since it was opened.

use std::ops::Range;

use super::decode::{Decoded, clean_mapped, decode_verbatim};
use super::{ArticleFormat, ImportError, parse};
use crate::model::{Article, TextMap, normalize_mapped};

/// An article with its file's own text and the way back to it; see the module docs.
#[derive(Clone, Debug)]
pub struct ArticleSource {
    /// The file's text: decoded, without the byte order mark, line ends as they are.
    pub text: String,
    /// The article, parsed from it as when it is opened.
    pub article: Article,
    /// From the NFC text the article was parsed from to the text with clean line ends.
    canonical: TextMap,
    /// From the text with clean line ends to `text`.
    line_ends: TextMap,
}

impl ArticleSource {
    /// Decodes the bytes of a whole article file and parses it in `format`.
    pub fn from_bytes(bytes: &[u8], format: ArticleFormat) -> Result<Self, ImportError> {
        let Decoded { text, .. } = decode_verbatim(bytes)?;
        Ok(Self::new(text, format))
    }

    /// Parses the file's text `text` (decoded, without its byte order mark) in
    /// `format`.
    pub fn new(text: String, format: ArticleFormat) -> Self {
        let (clean, line_ends) = clean_mapped(&text);
        let (_, canonical) = normalize_mapped(&clean);
        // Parsed from the clean text, as when it is opened: the article then has the
        // file's spelling of what NFC changes too.
        let article = parse(&clean, format);
        Self {
            text,
            article,
            canonical,
            line_ends,
        }
    }

    /// The bytes of [`Self::text`] that the bytes `range` of section `section`'s text
    /// came from, never less than they cover; `None` for a section that is not there.
    pub fn locate(&self, section: usize, range: Range<usize>) -> Option<Range<usize>> {
        let section = self.article.sections.get(section)?;
        let parsed = section.source.locate(range);
        let clean = self.canonical.to_original(parsed);
        Some(self.line_ends.to_original(clean))
    }

    /// The bytes of [`Self::text`] that section `section` came from.
    pub fn locate_section(&self, section: usize) -> Option<Range<usize>> {
        let length = self.article.sections.get(section)?.text.len();
        self.locate(section, 0..length)
    }

    /// The code point position of the byte `offset` of [`Self::text`].
    pub fn char_position(&self, offset: usize) -> usize {
        self.text.get(..offset).map_or_else(
            || self.text.chars().count(),
            |before| before.chars().count(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every section's text, quoted back from the file.
    fn quotes(source: &ArticleSource) -> Vec<&str> {
        (0..source.article.sections.len())
            .map(|index| &source.text[source.locate_section(index).expect("section")])
            .collect()
    }

    #[test]
    fn plain_text_sections_are_their_lines() {
        let text = "# عنوان المقال\r\n\r\n- بند أول\r\nفقرة  ثانية.  \r\n";
        let source = ArticleSource::new(text.to_owned(), ArticleFormat::PlainText);
        assert_eq!(quotes(&source), ["عنوان المقال", "بند أول", "فقرة  ثانية."]);
        let start = source.locate_section(2).expect("section").start;
        assert_eq!(
            source.char_position(start),
            text.find("فقرة").map_or(0, |at| text[..at].chars().count())
        );
    }

    #[test]
    fn markdown_sections_quote_the_markdown() {
        let text =
            "# العنوان\n\nنص **غامق** و[رابط](http://example.com)\nتتمة &amp; نهاية\n\n3) ثالث\n";
        let source = ArticleSource::new(text.to_owned(), ArticleFormat::Markdown);
        assert_eq!(
            quotes(&source),
            [
                "العنوان",
                "نص **غامق** و[رابط](http://example.com)\nتتمة &amp; نهاية",
                "3) ثالث"
            ]
        );
        let paragraph = &source.article.sections[1].text;
        let bold = paragraph.find("غامق").expect("bold");
        let range = source
            .locate(1, bold..bold + "غامق".len())
            .expect("located");
        assert_eq!(&source.text[range], "غامق");
    }

    #[test]
    fn marks_in_the_file_s_order_are_quoted_as_they_are() {
        // Shadda before fatha: NFC swaps them; the quote must not.
        let word = "\u{627}\u{644}\u{644}\u{651}\u{64e}\u{647}";
        let text = format!("\u{628}\u{651}\u{64e}ـ {word} أكبر\n");
        let source = ArticleSource::new(text.clone(), ArticleFormat::PlainText);
        let shown = &source.article.sections[0].text;
        let nfc_word = "\u{627}\u{644}\u{644}\u{64e}\u{651}\u{647}";
        let start = shown.find(nfc_word).expect("NFC in the section");
        let range = source
            .locate(0, start..start + nfc_word.len())
            .expect("located");
        assert_eq!(&source.text[range], word);
    }
}
