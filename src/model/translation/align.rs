//! Lining a translation file's segments up with the article's sections.
//!
//! An aligned file (`NAME.LANG.txt`) is taken position by position: its n-th section
//! is the n-th row's translation. TMX and XLIFF segments carry their source text and
//! are matched by it, in three passes:
//!
//! 1. whole sections: the segment's source equals a section's text, exactly or once
//!    both are folded as anchors fold them (diacritics, tatweel, letter variants);
//!    reordered segments land on their sections, a repeated text takes its
//!    occurrences in order;
//! 2. parts of sections: CAT tools often cut paragraphs into sentences, so a segment
//!    whose folded source is found inside a section near the previous match adds its
//!    translation to that section's cell (the sentences joined in file order);
//! 3. in order: a run of segments that matched nothing fills the empty rows between
//!    the matched rows around it, one per row, flagged [`RowFlag::SourceDiffers`];
//!    what does not fit is left over (shown after the last row, never dropped).
//!
//! Then the reader's fixes are applied (see [`super::fix`]) and every row is checked:
//! see [`RowFlag`] for what is flagged and why. Nothing is moved to make a row look
//! right: a suspicious row is flagged and left where it is.

use std::collections::HashMap;

use super::TranslationFile;
use super::fix::{FileFixes, apply_fixes, segments_fingerprint};
use crate::model::fold::fold_str;
use crate::model::{Article, normalize};

/// Characters added to both lengths before comparing them, so one short heading
/// (`الخبر:` → `News:`) does not look wrong for a few characters' difference.
pub const LENGTH_SMOOTHING_CHARS: usize = 10;

/// How far (as a factor, either way) a row's length ratio may be from the article's
/// norm before the row is flagged. Translations between Arabic, Persian, Hebrew and
/// the European languages run from about 0.8 to 1.6 times the source's characters; a
/// row at 2.5 times the norm or less than 1/2.5 of it almost always holds the
/// neighbouring row's text.
pub const LENGTH_RATIO_FACTOR: f32 = 2.5;

/// Rows with a ratio needed before ratios are compared: with fewer there is no norm.
const MIN_RATIO_SAMPLES: usize = 3;

/// How many sections after the previous match a sentence-sized segment is looked for.
const PART_WINDOW: usize = 8;

/// How a file's cell came to be in its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// By position, in an aligned file.
    Position,
    /// Its source text is the section's text.
    Exact,
    /// Its source text is the section's once both are folded (diacritics, letter
    /// variants, spacing).
    Folded,
    /// Several segments, each a part of the section's text (sentences), joined.
    Parts,
    /// Its source text matches nothing; placed in order between matched rows.
    InOrder,
    /// Made or moved by one of the reader's fixes.
    Fixed,
    /// Made of the translation sentences linked to the section's sentences: the file
    /// does not line up one to one and was aligned sentence by sentence.
    Sentences,
}

/// Why a row is flagged for the reader to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowFlag {
    /// The file has more or fewer sections than the article, and this row is at or
    /// after the first row where the two look out of step (the first row flagged for
    /// its length, or an empty row, or else the last rows).
    CountMismatch,
    /// The translation's length is far from what the article's other rows suggest
    /// (see [`LENGTH_RATIO_FACTOR`]).
    LengthRatio,
    /// Placed in order: its source text is not this section's.
    SourceDiffers,
    /// Past the article's last section (left over).
    LeftOver,
    /// Aligned sentence by sentence, and the aligner is unsure of one of the row's
    /// links.
    LowConfidence,
    /// Aligned sentence by sentence, and no translation sentence goes with the
    /// section's: the translation leaves it out.
    NothingHere,
}

impl RowFlag {
    /// Whether the reader should check the row (counted in the header), rather than
    /// only be told something about it.
    pub fn needs_check(self) -> bool {
        !matches!(self, Self::NothingHere)
    }
}

/// One link of a row aligned sentence by sentence: sentences of the section and the
/// translation sentences that translate them, each an exact byte range (of the
/// section's text, and of the row's translation text). A plain type for whatever
/// shows or exports sentence pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowLink {
    /// Byte ranges of the section's text.
    pub article: Vec<std::ops::Range<usize>>,
    /// Byte ranges of the row's translation text ([`FileCell::text`]).
    pub translation: Vec<std::ops::Range<usize>>,
    /// Whether the aligner is unsure of it.
    pub unsure: bool,
}

/// A file's translation in one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCell {
    /// The translation.
    pub text: String,
    /// How it got there.
    pub how: MatchKind,
}

/// Something about a whole file's alignment the reader should know (for a banner).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AlignmentProblem {
    /// An aligned file with more or fewer sections than the article.
    #[error("the translation has {segments} sections, the article {sections}")]
    CountMismatch {
        /// The article's sections.
        sections: usize,
        /// The file's sections (after the reader's fixes).
        segments: usize,
    },
    /// Segments that found no row: shown after the last one.
    #[error("{count} translated segments fit no section")]
    LeftOver {
        /// How many.
        count: usize,
    },
    /// Segments whose source text is in no section, placed in order.
    #[error("{count} segments do not match the article's text and were placed in order")]
    PlacedInOrder {
        /// How many.
        count: usize,
    },
    /// Not one segment's source text is in the article: probably another article's.
    #[error("no segment's source text is in this article")]
    NothingMatched,
    /// The file does not line up one to one and is being aligned sentence by
    /// sentence: until that is done, rows show the file as it is.
    #[error("lining up sentence by sentence…")]
    Aligning,
    /// The file does not line up one to one and was aligned sentence by sentence.
    #[error("lined up sentence by sentence from {lines} lines")]
    SentenceAligned {
        /// The file's lines (or segments).
        lines: usize,
    },
    /// Sentence links the aligner is unsure of (their rows are marked).
    #[error("{count} unsure")]
    Unsure {
        /// How many links.
        count: usize,
    },
    /// Translation sentences that go with no sentence of the article (a translator's
    /// note, a title), shown where they fall.
    #[error("{count} not in the article")]
    NotInArticle {
        /// How many sentences.
        count: usize,
    },
    /// The sentence alignment failed; the file is shown as it is.
    #[error("could not be lined up sentence by sentence: {0}")]
    SentencesFailed(String),
    /// The file changed since the reader fixed its alignment: the fixes are kept but
    /// not applied.
    #[error("the file changed since its alignment was fixed; the fixes were not applied")]
    FixesStale,
    /// Some of the reader's fixes no longer apply (the rows they name are gone).
    #[error("{count} alignment fixes could not be applied")]
    FixesFailed {
        /// How many.
        count: usize,
    },
}

/// One row of an alignment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlignedRow {
    /// The file's translation for the section, if it has one.
    pub cell: Option<FileCell>,
    /// Why the row should be checked; empty when it looks right.
    pub flags: Vec<RowFlag>,
    /// Translation sentences that go with no sentence of the article and fall at
    /// this row (a translator's note, a title), each shown marked as such.
    pub notes: Vec<String>,
    /// The row's sentence links, when the file was aligned sentence by sentence.
    pub links: Vec<RowLink>,
}

/// A file's segments lined up with an article's sections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    /// One row per section of the article, in order.
    pub rows: Vec<AlignedRow>,
    /// Translations that fit no row, in file order (each flagged [`RowFlag::LeftOver`]).
    pub left_over: Vec<FileCell>,
    /// What the banner should say.
    pub problems: Vec<AlignmentProblem>,
}

impl Alignment {
    /// How many rows are flagged, counting left-over translations: the banner's
    /// number.
    pub fn flagged(&self) -> usize {
        self.rows
            .iter()
            .filter(|row| row.flags.iter().any(|flag| flag.needs_check()))
            .count()
            + self.left_over.len()
    }

    /// Whether the file does not line up one to one with the article, so it should be
    /// aligned sentence by sentence: an aligned file with more or fewer sections, or
    /// segments whose source text matches no section.
    pub fn needs_sentences(&self) -> bool {
        self.problems.iter().any(|problem| {
            matches!(
                problem,
                AlignmentProblem::CountMismatch { .. }
                    | AlignmentProblem::LeftOver { .. }
                    | AlignmentProblem::PlacedInOrder { .. }
                    | AlignmentProblem::NothingMatched
            )
        })
    }

    /// The file's translation of row `index`, if any.
    pub fn text(&self, index: usize) -> Option<&str> {
        self.rows
            .get(index)
            .and_then(|row| row.cell.as_ref())
            .map(|cell| cell.text.as_str())
    }
}

/// The texts of `file` a sentence alignment takes as its lines: an aligned file's
/// sections after the reader's `fixes` (when they were made on this very file), in
/// order; a TMX or XLIFF file's segments in file order.
pub fn sentence_lines(file: &TranslationFile, fixes: Option<&FileFixes>) -> Vec<String> {
    let positional = file.format.is_none_or(|format| !format.has_source())
        || file.segments.iter().all(|segment| segment.source.is_none());
    if !positional {
        return file
            .segments
            .iter()
            .map(|segment| segment.target.clone())
            .collect();
    }
    let mut column: Vec<Option<FileCell>> = file
        .segments
        .iter()
        .map(|segment| {
            Some(FileCell {
                text: segment.target.clone(),
                how: MatchKind::Position,
            })
        })
        .collect();
    if let Some(fixes) = fixes.filter(|fixes| {
        !fixes.fixes.is_empty() && fixes.fingerprint == segments_fingerprint(&file.segments)
    }) {
        apply_fixes(&mut column, &fixes.fixes);
    }
    column.into_iter().flatten().map(|cell| cell.text).collect()
}

/// Lines `file` up with `article`'s sections, then applies `fixes` if they were made
/// on this very file (same segments).
pub fn align(article: &Article, file: &TranslationFile, fixes: Option<&FileFixes>) -> Alignment {
    let mut problems = Vec::new();
    let positional = file.format.is_none_or(|format| !format.has_source())
        || file.segments.iter().all(|segment| segment.source.is_none());
    let mut column = if positional {
        file.segments
            .iter()
            .map(|segment| {
                Some(FileCell {
                    text: segment.target.clone(),
                    how: MatchKind::Position,
                })
            })
            .collect()
    } else {
        match_by_source(article, file, &mut problems)
    };
    if let Some(fixes) = fixes.filter(|fixes| !fixes.fixes.is_empty()) {
        if fixes.fingerprint == segments_fingerprint(&file.segments) {
            let failed = apply_fixes(&mut column, &fixes.fixes);
            if failed > 0 {
                problems.push(AlignmentProblem::FixesFailed { count: failed });
            }
        } else {
            problems.push(AlignmentProblem::FixesStale);
        }
    }
    while column.len() > article.sections.len() && column.last().is_some_and(Option::is_none) {
        column.pop();
    }
    let sections = article.sections.len();
    let left_over: Vec<FileCell> = column
        .iter_mut()
        .skip(sections)
        .filter_map(Option::take)
        .collect();
    column.truncate(sections);
    column.resize(sections, None);
    let mut rows: Vec<AlignedRow> = column
        .into_iter()
        .map(|cell| {
            let mut flags = Vec::new();
            if cell
                .as_ref()
                .is_some_and(|cell| cell.how == MatchKind::InOrder)
            {
                flags.push(RowFlag::SourceDiffers);
            }
            AlignedRow {
                cell,
                flags,
                ..AlignedRow::default()
            }
        })
        .collect();
    flag_lengths(article, &mut rows);
    if positional {
        let last_filled = rows.iter().rposition(|row| row.cell.is_some());
        let count = last_filled.map_or(0, |last| last + 1) + left_over.len();
        if count != sections && !file.segments.is_empty() {
            problems.insert(
                0,
                AlignmentProblem::CountMismatch {
                    sections,
                    segments: count,
                },
            );
            flag_count_mismatch(&mut rows, last_filled, !left_over.is_empty());
        }
    }
    if !left_over.is_empty() {
        problems.push(AlignmentProblem::LeftOver {
            count: left_over.len(),
        });
    }
    Alignment {
        rows,
        left_over,
        problems,
    }
}

/// Flags the rows from the first one where file and article look out of step.
fn flag_count_mismatch(rows: &mut [AlignedRow], last_filled: Option<usize>, more: bool) {
    let first_suspect = rows.iter().position(|row| {
        row.cell.is_none() && row.flags.is_empty() || row.flags.contains(&RowFlag::LengthRatio)
    });
    let start = match (first_suspect, last_filled) {
        (Some(first), Some(last)) => first.min(last),
        (Some(first), None) => first,
        // Nothing looks wrong: the last row is where the counts part.
        (None, Some(last)) => {
            if more {
                last
            } else {
                last.min(rows.len().saturating_sub(1))
            }
        }
        (None, None) => 0,
    };
    for row in rows.iter_mut().skip(start) {
        if !row.flags.contains(&RowFlag::CountMismatch) {
            row.flags.push(RowFlag::CountMismatch);
        }
    }
}

/// Flags rows whose smoothed length ratio is far from the median of the article's.
fn flag_lengths(article: &Article, rows: &mut [AlignedRow]) {
    let ratio = |source: &str, target: &str| {
        (target.chars().count() + LENGTH_SMOOTHING_CHARS) as f32
            / (source.chars().count() + LENGTH_SMOOTHING_CHARS) as f32
    };
    let ratios: Vec<Option<f32>> = rows
        .iter()
        .zip(&article.sections)
        .map(|(row, section)| {
            let cell = row.cell.as_ref()?;
            (!cell.text.trim().is_empty()).then(|| ratio(&section.text, &cell.text))
        })
        .collect();
    let mut sorted: Vec<f32> = ratios.iter().flatten().copied().collect();
    if sorted.len() < MIN_RATIO_SAMPLES {
        return;
    }
    sorted.sort_by(f32::total_cmp);
    let norm = sorted[sorted.len() / 2];
    for (row, ratio) in rows.iter_mut().zip(ratios) {
        let Some(ratio) = ratio else { continue };
        let off = if ratio > norm {
            ratio / norm
        } else {
            norm / ratio
        };
        if off > LENGTH_RATIO_FACTOR {
            row.flags.push(RowFlag::LengthRatio);
        }
    }
}

/// What pass placed a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placed {
    Whole(usize, MatchKind),
    Part(usize),
}

/// The three passes of the module docs: a column as long as the article, plus the
/// segments that fit nowhere after it.
fn match_by_source(
    article: &Article,
    file: &TranslationFile,
    problems: &mut Vec<AlignmentProblem>,
) -> Vec<Option<FileCell>> {
    let sections = &article.sections;
    let segments = &file.segments;
    let mut placed: Vec<Option<Placed>> = vec![None; segments.len()];
    let mut whole_taken = vec![false; sections.len()];

    // Pass 1, exact text: most files are made from the very article.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, section) in sections.iter().enumerate() {
        by_text.entry(section.text.trim()).or_default().push(index);
    }
    // Sources as they are when they match (files made from the article are NFC
    // already); normalised only when they do not.
    let sources: Vec<Option<std::borrow::Cow<'_, str>>> = segments
        .iter()
        .map(|segment| {
            let source = segment.source.as_deref()?.trim();
            Some(if by_text.contains_key(source) {
                std::borrow::Cow::Borrowed(source)
            } else {
                normalize(source)
            })
        })
        .collect();
    let mut last = None;
    for (index, source) in sources.iter().enumerate() {
        let Some(candidates) = source.as_deref().and_then(|source| by_text.get(source)) else {
            continue;
        };
        if let Some(section) = pick(candidates, &whole_taken, last) {
            whole_taken[section] = true;
            placed[index] = Some(Placed::Whole(section, MatchKind::Exact));
            last = Some(section);
        }
    }

    // Pass 1, folded text; sections are folded only when some segment needs it.
    let needs_folding = placed
        .iter()
        .zip(&sources)
        .any(|(placed, source)| placed.is_none() && source.is_some());
    let folded_sections: Vec<String> = if needs_folding {
        sections
            .iter()
            .map(|section| fold_str(&section.text))
            .collect()
    } else {
        Vec::new()
    };
    let folded_sources: Vec<Option<String>> = sources
        .iter()
        .zip(&placed)
        .map(|(source, placed)| match (source, placed) {
            (Some(source), None) => Some(fold_str(source)).filter(|folded| !folded.is_empty()),
            _ => None,
        })
        .collect();
    if needs_folding {
        let mut by_folded: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, folded) in folded_sections.iter().enumerate() {
            by_folded.entry(folded.as_str()).or_default().push(index);
        }
        let mut last = None;
        for index in 0..segments.len() {
            if let Some(Placed::Whole(section, _)) = placed[index] {
                last = Some(section);
                continue;
            }
            let Some(candidates) = folded_sources[index]
                .as_deref()
                .and_then(|folded| by_folded.get(folded))
            else {
                continue;
            };
            if let Some(section) = pick(candidates, &whole_taken, last) {
                whole_taken[section] = true;
                placed[index] = Some(Placed::Whole(section, MatchKind::Folded));
                last = Some(section);
            }
        }

        // Pass 2: sentences of a section, near the previous match.
        let mut previous = 0;
        for index in 0..segments.len() {
            match placed[index] {
                Some(Placed::Whole(section, _) | Placed::Part(section)) => {
                    previous = section;
                    continue;
                }
                None => {}
            }
            let Some(folded) = folded_sources[index].as_deref() else {
                continue;
            };
            let window = previous..(previous + PART_WINDOW).min(sections.len());
            let found = window.into_iter().find(|&section| {
                !whole_taken[section] && folded_sections[section].contains(folded)
            });
            if let Some(section) = found {
                placed[index] = Some(Placed::Part(section));
                previous = section;
            }
        }
    }

    let matched = placed.iter().filter(|placed| placed.is_some()).count();
    if matched == 0 && !segments.is_empty() {
        problems.push(AlignmentProblem::NothingMatched);
    }

    let mut column: Vec<Option<FileCell>> = vec![None; sections.len()];
    for (index, placed) in placed.iter().enumerate() {
        let target = &segments[index].target;
        match *placed {
            Some(Placed::Whole(section, how)) => {
                column[section] = Some(FileCell {
                    text: target.clone(),
                    how,
                });
            }
            Some(Placed::Part(section)) => match &mut column[section] {
                Some(cell) => {
                    if !target.trim().is_empty() {
                        if !cell.text.is_empty() {
                            cell.text.push(' ');
                        }
                        cell.text.push_str(target.trim());
                    }
                }
                empty => {
                    *empty = Some(FileCell {
                        text: target.trim().to_owned(),
                        how: MatchKind::Parts,
                    });
                }
            },
            None => {}
        }
    }

    // Pass 3: runs of unmatched segments fill the empty rows between their neighbours.
    let mut left_over = Vec::new();
    let mut in_order = 0;
    let mut index = 0;
    while index < segments.len() {
        if placed[index].is_some() {
            index += 1;
            continue;
        }
        let run_start = index;
        while index < segments.len() && placed[index].is_none() {
            index += 1;
        }
        let section_of = |placed: &Option<Placed>| match placed {
            Some(Placed::Whole(section, _) | Placed::Part(section)) => Some(*section),
            None => None,
        };
        let before = placed[..run_start].iter().rev().find_map(section_of);
        let after = placed[index..].iter().find_map(section_of);
        let from = before.map_or(0, |section| section + 1);
        let to = after.unwrap_or(sections.len()).max(from);
        let free: Vec<usize> = (from..to)
            .filter(|&section| column[section].is_none())
            .collect();
        let mut free = free.into_iter();
        for segment in &segments[run_start..index] {
            let cell = FileCell {
                text: segment.target.clone(),
                how: MatchKind::InOrder,
            };
            match free.next() {
                Some(section) => {
                    column[section] = Some(cell);
                    in_order += 1;
                }
                None => left_over.push(Some(cell)),
            }
        }
    }
    if in_order > 0 && matched > 0 {
        problems.push(AlignmentProblem::PlacedInOrder { count: in_order });
    }
    column.extend(left_over);
    column
}

/// The first candidate section not taken yet, preferring those after `last` so a
/// repeated text takes its occurrences in order.
fn pick(candidates: &[usize], taken: &[bool], last: Option<usize>) -> Option<usize> {
    let free = |section: &&usize| !taken[**section];
    candidates
        .iter()
        .filter(free)
        .find(|&&section| last.is_none_or(|last| section > last))
        .or_else(|| candidates.iter().find(free))
        .copied()
}

#[cfg(test)]
mod tests;
