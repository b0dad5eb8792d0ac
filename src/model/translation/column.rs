//! The translation column for one language: one cell per section, from the best
//! source there is.
//!
//! For each row, in order: the reader's own translation (placed like a note on the
//! section, so it follows its section through edits), else the file's (after the
//! reader's fixes), else a cached machine translation made from the section's current
//! text. A machine translation made from a text the section no longer has is not
//! shown: it translates something else.

use std::collections::HashMap;

use super::align::{Alignment, AlignmentProblem, FileCell, MatchKind, RowFlag, RowLink};
use super::reader::{ReaderTranslation, TranslationData};
use super::{TranslationFile, TranslationSource, language_key};
use crate::model::{Article, Placement, Placer, SectionId};

/// What a row's cell shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The translation.
    pub text: String,
    /// Where it comes from.
    pub source: TranslationSource,
    /// For a file's cell, how it was matched to its section.
    pub how: Option<MatchKind>,
}

impl Cell {
    /// Whether the cell is machine-made and no person has edited it.
    pub fn is_machine(&self) -> bool {
        matches!(self.source, TranslationSource::Machine { .. })
    }
}

/// One row of the column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnRow {
    /// What to show; `None` for a section with no translation yet.
    pub cell: Option<Cell>,
    /// The file's own text for the row when the reader's translation is shown
    /// instead (to compare, or to go back to).
    pub file_text: Option<String>,
    /// Why the file's alignment of this row should be checked.
    pub flags: Vec<RowFlag>,
    /// For a machine-made cell, the reader's glossary terms its text does not use.
    pub glossary_missed: Vec<String>,
    /// Other versions of the reader's translation of the row, kept when it was
    /// changed differently in two places: shown so the reader can pick one.
    pub conflicts: Vec<String>,
    /// Where the reader's translation shown in the row is kept (its key in the
    /// sidecar: the id its section had when it was written).
    pub reader_key: Option<SectionId>,
    /// The file's sentences that go with no sentence of the article and fall at this
    /// row (a translator's note, a title): shown marked as such.
    pub notes: Vec<String>,
    /// The file's sentence links in this row, when it was aligned sentence by
    /// sentence (ranges of the section's text and of the file's cell text).
    pub links: Vec<RowLink>,
}

/// The translation column of an article in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TranslationColumn {
    /// The language, as the reader or the file spells it.
    pub language: String,
    /// One row per section.
    pub rows: Vec<ColumnRow>,
    /// The file whose translations fill the column, if any.
    pub file: Option<String>,
    /// The file's translations that fit no row.
    pub left_over: Vec<FileCell>,
    /// What the banner should say about the file's alignment.
    pub problems: Vec<AlignmentProblem>,
    /// The reader's translations whose section is gone (or taken by a newer one),
    /// keyed as stored: kept and listed, never dropped.
    pub orphans: Vec<(SectionId, ReaderTranslation)>,
}

impl TranslationColumn {
    /// How many rows are flagged, counting left-over translations: the banner's
    /// number.
    pub fn flagged(&self) -> usize {
        self.rows
            .iter()
            .filter(|row| row.flags.iter().any(|flag| flag.needs_check()))
            .count()
            + self.left_over.len()
    }

    /// The text of row `index`, if it has one.
    pub fn text(&self, index: usize) -> Option<&str> {
        self.rows
            .get(index)?
            .cell
            .as_ref()
            .map(|cell| cell.text.as_str())
    }
}

/// Builds the column for `language` from the reader's data and, if there is one, a
/// translation file and its alignment (see [`super::align`]).
pub fn resolve_column(
    article: &Article,
    language: &str,
    data: &TranslationData,
    file: Option<(&TranslationFile, &Alignment)>,
) -> TranslationColumn {
    let key = language_key(language);
    let sections = article.sections.len();
    let mut rows = vec![ColumnRow::default(); sections];
    let mut column = TranslationColumn {
        language: language.to_owned(),
        ..TranslationColumn::default()
    };

    if let Some((file, alignment)) = file {
        column.file = Some(file.file.clone());
        column.left_over = alignment.left_over.clone();
        column.problems = alignment.problems.clone();
        for (row, aligned) in rows.iter_mut().zip(&alignment.rows) {
            row.flags = aligned.flags.clone();
            row.notes = aligned.notes.clone();
            row.links = aligned.links.clone();
            row.cell = aligned.cell.as_ref().map(|cell| Cell {
                text: cell.text.clone(),
                source: TranslationSource::File {
                    file: file.file.clone(),
                },
                how: Some(cell.how),
            });
        }
    }

    let index_of: HashMap<SectionId, usize> = article
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| (section.id, index))
        .collect();

    // Machine translations first: anything better overwrites them.
    for (_, entries) in data.machine.iter().filter(|(k, _)| language_key(k) == key) {
        for (id, machine) in entries {
            let Some(&index) = index_of.get(id) else {
                continue;
            };
            if article.sections[index].text != machine.section_text || rows[index].cell.is_some() {
                continue;
            }
            rows[index].cell = Some(Cell {
                text: machine.text.clone(),
                source: TranslationSource::Machine {
                    engine: machine.engine.clone(),
                    model: machine.model.clone(),
                },
                how: None,
            });
            rows[index].glossary_missed = machine.glossary_missed.clone();
        }
    }

    // The reader's translations, each placed as a note on its section would be.
    let mut placed: Vec<Option<(SectionId, &ReaderTranslation, bool)>> = vec![None; sections];
    let placer = Placer::new(article);
    for (_, entries) in data.reader.iter().filter(|(k, _)| language_key(k) == key) {
        for (id, entry) in entries.iter().filter(|(_, entry)| !entry.deleted) {
            let found = match index_of.get(&entry.anchor.section) {
                Some(&index) => Some(index),
                None => match placer.place(&entry.anchor) {
                    Placement::Section(index) | Placement::Span(index, _) => Some(index),
                    Placement::Orphan => None,
                },
            };
            let Some(index) = found else {
                column.orphans.push((*id, entry.clone()));
                continue;
            };
            let same_id = article.sections[index].id == entry.anchor.section;
            let wins = match placed[index] {
                None => true,
                Some((_, other, other_same_id)) => {
                    (same_id, entry.modified_ms) > (other_same_id, other.modified_ms)
                }
            };
            if wins {
                if let Some((other_id, other, _)) = placed[index].replace((*id, entry, same_id)) {
                    column.orphans.push((other_id, other.clone()));
                }
            } else {
                column.orphans.push((*id, entry.clone()));
            }
        }
    }
    for (row, placed) in rows.iter_mut().zip(placed) {
        let Some((key, entry, _)) = placed else {
            continue;
        };
        row.reader_key = Some(key);
        row.conflicts = entry
            .conflict_texts
            .iter()
            .filter(|text| **text != entry.text)
            .cloned()
            .collect();
        let previous = row.cell.replace(Cell {
            text: entry.text.clone(),
            source: TranslationSource::Reader,
            how: None,
        });
        // A person's text is theirs: the machine's misses are no longer its business.
        row.glossary_missed.clear();
        row.file_text = previous
            .filter(|cell| matches!(cell.source, TranslationSource::File { .. }))
            .map(|cell| cell.text);
    }
    column.rows = rows;
    column
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionKind;
    use crate::model::translation::{MachineTranslation, Segment, TranslationFormat, align};

    fn article(paragraphs: &[&str]) -> Article {
        Article::new(
            "t".into(),
            paragraphs
                .iter()
                .map(|text| (SectionKind::Paragraph, (*text).to_owned())),
        )
    }

    fn aligned_file(targets: &[&str]) -> TranslationFile {
        TranslationFile {
            file: "a.en.txt".into(),
            format: Some(TranslationFormat::Aligned),
            source_language: None,
            language: "en".into(),
            segments: targets
                .iter()
                .map(|target| Segment {
                    source: None,
                    target: (*target).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_other_versions_of_a_conflict_are_on_the_row() {
        let a = article(&["واحد", "اثنان"]);
        let mut data = TranslationData::default();
        let second = &a.sections[1];
        data.set_reader_translation("en", second.id, &second.text, "Mine", None, 1);
        if let Some(entry) = data
            .reader
            .get_mut("en")
            .and_then(|entries| entries.get_mut(&second.id))
        {
            entry.conflict_texts = vec!["Theirs".into(), "Mine".into()];
        }
        let column = resolve_column(&a, "en", &data, None);
        assert_eq!(column.rows[1].conflicts, ["Theirs"]);
        assert_eq!(column.rows[1].reader_key, Some(second.id));
        assert!(column.rows[0].conflicts.is_empty());
    }

    #[test]
    fn the_reader_wins_over_the_file_which_wins_over_the_machine() {
        let a = article(&["واحد", "اثنان", "ثلاثة"]);
        let file = aligned_file(&["One", "Two"]);
        let alignment = align(&a, &file, None);
        let mut data = TranslationData::default();
        data.set_reader_translation("en", a.sections[1].id, "اثنان", "Two (mine)", None, 1);
        for (index, section) in a.sections.iter().enumerate() {
            data.machine.entry("en".into()).or_default().insert(
                section.id,
                MachineTranslation {
                    section_text: section.text.clone(),
                    text: format!("machine {index}"),
                    engine: "test".into(),
                    ..MachineTranslation::default()
                },
            );
        }
        let column = resolve_column(&a, "EN", &data, Some((&file, &alignment)));
        assert_eq!(column.text(0), Some("One"));
        assert_eq!(column.text(1), Some("Two (mine)"));
        assert_eq!(column.rows[1].file_text.as_deref(), Some("Two"));
        assert_eq!(column.text(2), Some("machine 2"));
        assert!(column.rows[2].cell.as_ref().is_some_and(Cell::is_machine));
        assert_eq!(
            column.rows[0].cell.as_ref().map(|cell| cell.source.clone()),
            Some(TranslationSource::File {
                file: "a.en.txt".into()
            })
        );
    }

    #[test]
    fn a_reader_translation_follows_its_section_after_an_edit() {
        let long = "هذه فقرة طويلة بعض الشيء عن التعاون العسكري بين الدول الأعضاء في المنظمة";
        let a = article(&["مقدمة", long]);
        let mut data = TranslationData::default();
        data.set_reader_translation("en", a.sections[1].id, long, "A longish paragraph", None, 1);
        data.set_reader_translation("en", a.sections[0].id, "مقدمة", "Introduction", None, 1);
        // A section is inserted before it and one word of it is corrected.
        let edited = long.replace("بين الدول", "بين كل الدول");
        let b = article(&["مقدمة", "فقرة جديدة", &edited]);
        let column = resolve_column(&b, "en", &data, None);
        assert_eq!(column.text(0), Some("Introduction"));
        assert_eq!(column.text(1), None);
        assert_eq!(column.text(2), Some("A longish paragraph"));
        assert!(column.orphans.is_empty());
        // Its section deleted, it is kept as an orphan.
        let c = article(&["مقدمة", "نص آخر تماما"]);
        let column = resolve_column(&c, "en", &data, None);
        assert_eq!(column.orphans.len(), 1);
        assert_eq!(column.orphans[0].1.text, "A longish paragraph");
    }

    #[test]
    fn a_stale_machine_translation_is_not_shown() {
        let a = article(&["نص جديد"]);
        let mut data = TranslationData::default();
        data.machine.entry("en".into()).or_default().insert(
            a.sections[0].id,
            MachineTranslation {
                section_text: "نص قديم".into(),
                text: "old text".into(),
                ..MachineTranslation::default()
            },
        );
        assert_eq!(resolve_column(&a, "en", &data, None).text(0), None);
    }
}
