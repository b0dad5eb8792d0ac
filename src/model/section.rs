//! Articles as a column of sections, each with a stable id.

use std::ops::Range;

use super::direction::{Direction, base_direction};
use super::emphasis::{EmphasisSpan, sanitize_spans};
use super::file_spelling::FileSpelling;
use super::normalize::normalize;
use super::section_id::{SectionId, section_ids};
use super::source_span::{SourcePiece, SourceSpan};

/// What role a section plays in its article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// A heading; level 1 is the article's title, larger numbers are smaller headings.
    Heading {
        /// 1 to 6, like Markdown's `#` count.
        level: u8,
    },
    /// An ordinary paragraph.
    #[default]
    Paragraph,
    /// Quoted text: a Markdown block quote, or a Quranic verse in `﴿ ﴾` or a hadith in
    /// `« »` standing on its own line.
    Quotation,
    /// An item of a list. A numbered item keeps its number in its text; a bullet is
    /// drawn, not part of the text.
    ListItem,
}

/// One section of an article: a heading, a paragraph, a quotation or a list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable id, see [`SectionId`].
    pub id: SectionId,
    /// Heading, paragraph, quotation or list item.
    pub kind: SectionKind,
    /// The text as it is shown (without Markdown markers), on one line, in NFC.
    pub text: String,
    /// Bold and italic spans of `text`, in order, not overlapping.
    pub emphasis: Vec<EmphasisSpan>,
    /// Base direction, from the first strong character.
    pub direction: Direction,
    /// Where `text` came from in the text the article was parsed from (the decoded
    /// file in NFC); empty for an article not parsed from a file.
    pub source: SourceSpan,
}

/// A section before it has an id: what an importer produces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// Heading, paragraph, quotation or list item.
    pub kind: SectionKind,
    /// The text as it is shown.
    pub text: String,
    /// Bold and italic spans of `text`.
    pub emphasis: Vec<EmphasisSpan>,
    /// Where `text` came from in the parsed text.
    pub source: SourceSpan,
}

impl Block {
    /// A block of plain text, without emphasis.
    pub fn plain(kind: SectionKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            emphasis: Vec::new(),
            source: SourceSpan::default(),
        }
    }

    /// A block of plain text that is a copy of the bytes `source` of the parsed text.
    pub fn verbatim(kind: SectionKind, text: impl Into<String>, source: Range<usize>) -> Self {
        Self {
            source: SourceSpan::verbatim(source),
            ..Self::plain(kind, text)
        }
    }
}

/// An article read from a file and split into sections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The title shown in the library and above the text.
    pub title: String,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
    /// How the file spells what its sections show in NFC, for copies of the file's
    /// own text; empty for an article not parsed from a file, or one in NFC.
    pub spelling: FileSpelling,
}

impl Article {
    /// Builds an article of plain sections, giving every section its stable id and
    /// direction.
    pub fn new(title: String, parts: impl IntoIterator<Item = (SectionKind, String)>) -> Self {
        Self::from_blocks(
            title,
            parts
                .into_iter()
                .map(|(kind, text)| Block::plain(kind, text)),
        )
    }

    /// Builds an article from imported blocks: their text is taken in NFC, and every
    /// section gets its stable id and direction.
    pub fn from_blocks(title: String, blocks: impl IntoIterator<Item = Block>) -> Self {
        let blocks = blocks
            .into_iter()
            .map(|block| match normalize(&block.text) {
                std::borrow::Cow::Borrowed(_) => block,
                // Normalising moved bytes about: the spans no longer fit the text.
                // Where the text came from is kept only as a whole.
                std::borrow::Cow::Owned(text) => Block {
                    source: SourceSpan::from_pieces(vec![SourcePiece {
                        text: 0..text.len(),
                        source: block.source.range.clone(),
                        verbatim: false,
                    }]),
                    text,
                    emphasis: Vec::new(),
                    ..block
                },
            });
        Self::from_normalized_blocks(normalize(&title).into_owned(), blocks)
    }

    /// Like [`Self::from_blocks`], for blocks already in NFC: cut from text that was
    /// normalised as a whole, at line ends and spaces. Checking each again would read
    /// the whole article a second time. (The ids are derived from the texts as
    /// they are, so they match [`SectionId::derive`] only for texts in NFC.)
    pub fn from_normalized_blocks(title: String, blocks: impl IntoIterator<Item = Block>) -> Self {
        let blocks: Vec<Block> = blocks.into_iter().collect();
        let ids = {
            let texts: Vec<&str> = blocks.iter().map(|block| block.text.as_str()).collect();
            section_ids(&texts)
        };
        let sections = blocks
            .into_iter()
            .zip(ids)
            .map(|(block, id)| {
                let emphasis = sanitize_spans(&block.text, block.emphasis);
                let direction = base_direction(&block.text);
                Section {
                    id,
                    kind: block.kind,
                    text: block.text,
                    emphasis,
                    direction,
                    source: block.source,
                }
            })
            .collect();
        Self {
            title,
            sections,
            spelling: FileSpelling::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_depend_on_text_and_occurrence_only() {
        let a = Article::new(
            "t".into(),
            [
                (SectionKind::Paragraph, "واحد".to_owned()),
                (SectionKind::Paragraph, "اثنان".to_owned()),
                (SectionKind::Paragraph, "واحد".to_owned()),
            ],
        );
        let b = Article::new(
            "t".into(),
            [
                (SectionKind::Paragraph, "جديد".to_owned()),
                (SectionKind::Paragraph, "واحد".to_owned()),
                (SectionKind::Paragraph, "اثنان".to_owned()),
                (SectionKind::Paragraph, "واحد".to_owned()),
            ],
        );
        assert_ne!(
            a.sections[0].id, a.sections[2].id,
            "repeated text gets distinct ids"
        );
        assert_eq!(a.sections[0].id, b.sections[1].id);
        assert_eq!(a.sections[1].id, b.sections[2].id);
        assert_eq!(a.sections[2].id, b.sections[3].id);
    }

    #[test]
    fn id_is_stable_across_runs() {
        // Notes on disk refer to these values: they must never change.
        assert_eq!(
            SectionId::derive("الخبر:", 0).to_string(),
            SectionId::derive(" الخبر: ", 0).to_string()
        );
        assert_eq!(SectionId::derive("", 0).0, 0xdc62_ece3_be52_214e);
        // Composed and decomposed spellings are one section.
        assert_eq!(
            SectionId::derive("Café", 1),
            SectionId::derive("Cafe\u{301}", 1)
        );
    }

    #[test]
    fn blocks_are_normalised_and_keep_valid_emphasis() {
        use crate::model::{Emphasis, EmphasisSpan};
        let italic = Emphasis {
            strong: false,
            italic: true,
        };
        let article = Article::from_blocks(
            "t".into(),
            [
                Block {
                    kind: SectionKind::Paragraph,
                    text: "كلمة مائلة".into(),
                    emphasis: vec![EmphasisSpan {
                        range: 9..19,
                        emphasis: italic,
                    }],
                    source: SourceSpan::default(),
                },
                Block::plain(SectionKind::Quotation, "Cafe\u{301}"),
            ],
        );
        assert_eq!(article.sections[0].emphasis[0].range, 9..19);
        assert_eq!(article.sections[1].text, "Café");
        assert_eq!(article.sections[1].kind, SectionKind::Quotation);
    }
}
