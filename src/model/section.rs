//! Articles as a column of sections, each with a stable id.

use std::fmt;

use super::direction::{Direction, base_direction};

/// What role a section plays in its article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// A heading; level 1 is the article's title, larger numbers are smaller headings.
    Heading {
        /// 1 to 6, like Markdown's `#` count.
        level: u8,
    },
    /// An ordinary paragraph.
    Paragraph,
}

/// A stable identifier of a section, derived from its text and the number of
/// sections with the same text before it.
///
/// The same article text always gives the same ids, and inserting or removing other
/// sections does not change a section's id: notes are attached to these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionId(pub u64);

impl serde::Serialize for SectionId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for SectionId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        u64::from_str_radix(&text, 16)
            .map(Self)
            .map_err(serde::de::Error::custom)
    }
}

impl SectionId {
    /// The id of the `occurrence`-th (from 0) section whose text is `text`.
    pub fn derive(text: &str, occurrence: u32) -> Self {
        // FNV-1a: stable across platforms and compiler versions, unlike `DefaultHasher`.
        const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut hash = OFFSET_BASIS;
        let bytes = text
            .trim()
            .bytes()
            .chain([0xff])
            .chain(occurrence.to_le_bytes());
        for byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
        Self(hash)
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// One section of an article: a heading or a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable id, see [`SectionId`].
    pub id: SectionId,
    /// Heading or paragraph.
    pub kind: SectionKind,
    /// The text as it is shown (without Markdown markers), on one line.
    pub text: String,
    /// Base direction, from the first strong character.
    pub direction: Direction,
}

/// An article read from a file and split into sections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The title shown in the library and above the text.
    pub title: String,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
}

impl Article {
    /// Builds an article, giving every section its stable id and direction.
    pub fn new(title: String, parts: impl IntoIterator<Item = (SectionKind, String)>) -> Self {
        let mut seen = std::collections::HashMap::<String, u32>::new();
        let sections = parts
            .into_iter()
            .map(|(kind, text)| {
                let occurrence = seen.entry(text.clone()).or_default();
                let id = SectionId::derive(&text, *occurrence);
                *occurrence += 1;
                let direction = base_direction(&text);
                Section {
                    id,
                    kind,
                    text,
                    direction,
                }
            })
            .collect();
        Self { title, sections }
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
    }
}
