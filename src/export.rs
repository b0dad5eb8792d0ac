//! Exporting an article's notes: Markdown for reading, JSON for programs, and W3C Web
//! Annotation JSON-LD for other annotation tools; one file per format.
//!
//! Pure functions from the article (read with its file's own text, an
//! [`ArticleSource`]) and its notes to text; reading the article's file is the
//! caller's business. Where the result may be written is decided here, once for the
//! window and the command line: `target` refuses the reader's own files and anything
//! that is not a file, and writes the export without replacing one of them.
//!
//! Every quote is a slice of the file as it is on disk, and every position counts
//! that text's code points (see [`crate::import::ArticleSource`] for which text
//! counts): a Markdown article is quoted with its markup, Arabic with its marks in
//! the file's order, and a byte order mark is not counted. Only an orphan's quote,
//! which is by definition no longer in the file, is the one the note kept, and it is
//! marked as such.

mod bilingual_html;
mod bilingual_markdown;
mod file_uri;
mod json;
mod language;
mod markdown;
mod target;
mod tmx;
mod web_annotation;

pub use bilingual_html::bilingual_html;
pub use bilingual_markdown::bilingual_markdown;
pub use file_uri::file_uri;
pub use json::json;
pub use markdown::markdown;
pub use target::{NotAFile, OwnedFile, TargetRefusal, check_target, write_export};
pub use tmx::{SentencePair, tmx, tmx_sentences};
pub use web_annotation::web_annotations;

use crate::import::ArticleSource;
use crate::model::{Article, CONTEXT_CHARS, Note, NoteId, Notes, Placement, Placer};

/// The formats notes can be written in.
///
/// A new format is one variant here: the compiler then asks for its name, its file
/// suffix and how it is made (in `crate::app::ExportJob`), and the command line
/// offers it by its [`ExportFormat::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The article with its notes, as Markdown.
    Markdown,
    /// The notes as JSON.
    Json,
    /// W3C Web Annotation JSON-LD.
    WebAnnotation,
    /// The sidecar itself, somewhere else (when the folder cannot be written to).
    Sidecar,
    /// The article beside its translation, with the notes, as Markdown.
    BilingualMarkdown,
    /// The article beside its translation as a standalone HTML page.
    BilingualHtml,
    /// The sections and their translations (what the reader wrote and what came
    /// from files) as TMX 1.4, for translation tools.
    Tmx,
    /// The same translations cut into sentence pairs (each section's sentences
    /// aligned with its translation's), as a TMX 1.4 translation memory.
    TmxSentences,
}

impl ExportFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [Self; 8] = [
        Self::Markdown,
        Self::Json,
        Self::WebAnnotation,
        Self::BilingualMarkdown,
        Self::BilingualHtml,
        Self::Tmx,
        Self::TmxSentences,
        Self::Sidecar,
    ];

    /// The format's name on the command line (`--format web-annotation`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Json => "json",
            Self::WebAnnotation => "web-annotation",
            Self::Sidecar => "sidecar",
            Self::BilingualMarkdown => "bilingual-md",
            Self::BilingualHtml => "bilingual-html",
            Self::Tmx => "tmx",
            Self::TmxSentences => "tmx-sentences",
        }
    }

    /// The format named `name` (see [`Self::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    /// Whether the format shows the article beside its translation.
    pub fn is_bilingual(self) -> bool {
        matches!(
            self,
            Self::BilingualMarkdown | Self::BilingualHtml | Self::Tmx | Self::TmxSentences
        )
    }

    /// What a file of this format is named after the article's name.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Self::Markdown => "notes.md",
            Self::Json => "notes.json",
            Self::WebAnnotation => "annotations.jsonld",
            Self::Sidecar => "hamish.json",
            Self::BilingualMarkdown => "bilingual.md",
            Self::BilingualHtml => "bilingual.html",
            Self::Tmx => "tmx",
            Self::TmxSentences => "sentences.tmx",
        }
    }
}

/// A note with where it is in the article now.
pub(crate) struct Placed<'a> {
    pub(crate) id: &'a NoteId,
    pub(crate) note: &'a Note,
    pub(crate) placement: Placement,
}

/// The placed notes of each of `sections` sections, in their order: one pass, where
/// filtering all the notes for each section cost sections × notes (a sidecar of
/// 100,000 notes on a 1,000-section article: 10⁸ comparisons).
pub(crate) fn by_section<'p, 'a>(
    placed: &'p [Placed<'a>],
    sections: usize,
) -> Vec<Vec<&'p Placed<'a>>> {
    let mut by_section: Vec<Vec<&Placed<'a>>> = vec![Vec::new(); sections];
    for placed in placed {
        if let Some(here) = placed
            .placement
            .section_index()
            .and_then(|index| by_section.get_mut(index))
        {
            here.push(placed);
        }
    }
    by_section
}

/// The notes that are not deleted, in reading order; orphans last.
pub(crate) fn placed<'a>(source: &ArticleSource, notes: &'a Notes) -> Vec<Placed<'a>> {
    placed_in(&source.article, notes)
}

/// [`placed`], for an article as shown (the bilingual exports show its sections'
/// text rather than quote its file).
pub(crate) fn placed_in<'a>(article: &Article, notes: &'a Notes) -> Vec<Placed<'a>> {
    let placer = Placer::new(article);
    let mut placed: Vec<Placed<'a>> = notes
        .iter()
        .filter(|(_, note)| !note.deleted)
        .map(|(id, note)| Placed {
            id,
            note,
            placement: placer.place(&note.anchor),
        })
        .collect();
    placed.sort_by_key(|placed| match &placed.placement {
        Placement::Section(index) => (0, *index, 0, placed.note.created_ms),
        Placement::Span(index, range) => (0, *index, range.start + 1, placed.note.created_ms),
        Placement::Orphan => (1, 0, 0, placed.note.created_ms),
    });
    placed
}

/// A quote of the article's file: slices of its text, and where it is in code points.
pub(crate) struct FileQuote<'a> {
    /// The quoted text, exactly as in the file.
    pub(crate) exact: &'a str,
    /// Up to [`CONTEXT_CHARS`] characters of the file before it.
    pub(crate) prefix: &'a str,
    /// Up to [`CONTEXT_CHARS`] characters of the file after it.
    pub(crate) suffix: &'a str,
    /// Its first code point.
    pub(crate) start: usize,
    /// The code point after its last one.
    pub(crate) end: usize,
}

/// What a placed note quotes of the article's file: its span, or its whole section;
/// `None` for an orphan.
pub(crate) fn file_quote<'a>(
    source: &'a ArticleSource,
    placement: &Placement,
) -> Option<FileQuote<'a>> {
    let range = match placement {
        Placement::Span(index, range) => source
            .locate(*index, range.clone())
            .filter(|found| !found.is_empty())
            // A span of text the parser wrote (a table's ` | `) is in its section.
            .or_else(|| source.locate_section(*index))?,
        Placement::Section(index) => source.locate_section(*index)?,
        Placement::Orphan => return None,
    };
    let text = &source.text;
    let exact = text.get(range.clone())?;
    let before = &text[..range.start];
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(index, _)| index);
    let after = &text[range.end..];
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(index, _)| index);
    let start = source.char_position(range.start);
    Some(FileQuote {
        exact,
        prefix: &before[prefix_start..],
        suffix: &after[..suffix_end],
        start,
        end: start + exact.chars().count(),
    })
}

/// Milliseconds since 1970 as an RFC 3339 UTC date and time.
pub fn rfc3339(ms: u64) -> String {
    let seconds = ms / 1000;
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60,
        ms % 1000
    )
}

#[cfg(test)]
mod tests_support {
    use crate::model::translation::{
        Cell, ColumnRow, FileCell, MatchKind, TranslationColumn, TranslationSource,
    };
    use crate::model::{Article, Notes, SectionKind};

    /// An article of four sections and an English column: two rows from a file, an
    /// empty row, a machine-made row, and a line of the file that fit no row.
    pub fn bilingual_fixture() -> (Article, TranslationColumn) {
        let article = Article::new(
            "عنوان".into(),
            [
                (SectionKind::Heading { level: 1 }, "عنوان".to_owned()),
                (
                    SectionKind::Paragraph,
                    "قال رسول الله ﷺ: «الدين النصيحة»".to_owned(),
                ),
                (SectionKind::Paragraph, "فقرة بلا ترجمة".to_owned()),
                (SectionKind::Paragraph, "فقرة مترجمة آليا".to_owned()),
            ],
        );
        let file = |text: &str| ColumnRow {
            cell: Some(Cell {
                text: text.to_owned(),
                source: TranslationSource::File {
                    file: "a.en.txt".into(),
                },
                how: Some(MatchKind::Position),
            }),
            ..ColumnRow::default()
        };
        let machine = ColumnRow {
            cell: Some(Cell {
                text: "A paragraph translated by machine".into(),
                source: TranslationSource::Machine {
                    engine: "bergamot".into(),
                    model: "ar-en".into(),
                },
                how: None,
            }),
            ..ColumnRow::default()
        };
        let column = TranslationColumn {
            language: "en".into(),
            rows: vec![
                file("Title"),
                file("The Messenger of God ﷺ said: “Religion is sincere advice”"),
                ColumnRow::default(),
                machine,
            ],
            file: Some("a.en.txt".into()),
            left_over: vec![FileCell {
                text: "An extra line".into(),
                how: MatchKind::Position,
            }],
            ..TranslationColumn::default()
        };
        (article, column)
    }

    /// The notes of the notes exports' tests, on `article`.
    pub fn notes_on(article: &Article) -> Notes {
        crate::export::fixtures::notes_in(article)
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! An article and notes shared by the formats' tests.
    use crate::import::{ArticleFormat, ArticleSource};
    use crate::model::{Anchor, HighlightColor, Note, NoteId, Notes};

    /// The article's file.
    pub const TEXT: &str = "عنوان\n\nقال رسول الله ﷺ: «الدين النصيحة»\n";

    pub fn source() -> ArticleSource {
        ArticleSource::new(TEXT.to_owned(), ArticleFormat::PlainText)
    }

    pub fn notes(source: &ArticleSource) -> Notes {
        notes_in(&source.article)
    }

    /// The same notes on an article as shown.
    pub fn notes_in(article: &crate::model::Article) -> Notes {
        let text = &article.sections[1].text;
        let start = text.find("الدين").expect("quote");
        let highlight = Note {
            anchor: Anchor::span(
                article.sections[1].id,
                text,
                start..start + "الدين النصيحة".len(),
            ),
            color: Some(HighlightColor::Yellow),
            text: "حديث صحيح".to_owned(),
            tags: vec!["حديث".to_owned()],
            created_ms: 1_763_800_000_000,
            modified_ms: 1_763_800_000_500,
            deleted: false,
            conflict_with: None,
        };
        let orphan = Note {
            anchor: Anchor::span(article.sections[1].id, "نص قديم زال", 0.."نص قديم".len()),
            text: "يتيمة".to_owned(),
            color: None,
            ..highlight.clone()
        };
        [
            (NoteId("a".into()), highlight),
            (NoteId("b".into()), orphan),
        ]
        .into_iter()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(rfc3339(1_795_348_800_000), "2026-11-22T12:00:00.000Z");
    }

    #[test]
    fn formats_are_found_by_name() {
        for format in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(format.name()), Some(format));
        }
        assert_eq!(ExportFormat::from_name("pdf"), None);
    }
}
