//! A translation's sections from its sentences: the column a companion that does not
//! line up one to one is shown (and exported) in.
//!
//! The file's lines (see [`sentence_lines`]) and the article's sections are aligned
//! sentence by sentence around the reader's pins; the result is kept as
//! [`CachedLink`]s (what the sidecar caches) and every row is built from them, whether
//! they were just made or read back, so the window, the exports and the command line
//! show the same rows. A row's translation is the translation sentences linked to its
//! sentences, in order, each an exact range of its line (sentences next to each other
//! in one line are taken with what is between them, others joined with a space); a
//! translation sentence linked to no article sentence (a translator's note, a title)
//! is kept as a note of the row it falls in (the row of the sentence before it, or
//! the first row); a link the aligner is unsure of marks its row.
//!
//! Headless, for the app and the command line alike: no egui, no file system.

use std::ops::Range;

use super::{AlignError, Evidence, Pin, Sentence, VERSION, align_pinned, split};
use crate::model::Article;
use crate::model::translation::{
    AlignedRow, Alignment as RowAlignment, AlignmentProblem, CachedLink, FileCell, MatchKind,
    RowFlag, RowLink, Segment, SentencePin, TranslationData, TranslationFile, cache_key,
    decode_links, segments_fingerprint, sentence_lines,
};

/// Links less sure than this (see [`super::Link::confidence`]) mark their row.
pub const UNSURE_BELOW: f32 = 0.6;

/// Everything one sentence alignment of a file is made from, owned so it can go to
/// another thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceInput {
    /// The file's name.
    pub file: String,
    /// The language of its translations.
    pub language: String,
    /// The article's sections' texts.
    pub sections: Vec<String>,
    /// The file's lines (see [`sentence_lines`]).
    pub lines: Vec<String>,
    /// The fingerprint of `lines`, which pins are made on.
    pub lines_fingerprint: String,
    /// The reader's pins that apply to these lines, in the order they were made.
    pub pins: Vec<SentencePin>,
    /// The key the result is cached under (lines, pins, aligner version).
    pub key: String,
}

impl SentenceInput {
    /// The input for aligning `file` with `article`, with the reader's fixes and pins
    /// from `data`.
    pub fn new(article: &Article, file: &TranslationFile, data: &TranslationData) -> Self {
        let lines = sentence_lines(file, data.fixes_for(&file.file, &file.language));
        let lines_fingerprint = lines_fingerprint(&lines);
        let pins = data
            .pins_for(&file.file, &file.language)
            .filter(|pins| pins.fingerprint == lines_fingerprint)
            .map(|pins| pins.pins.clone())
            .unwrap_or_default();
        let key = cache_key(&lines_fingerprint, &pins, VERSION);
        Self {
            file: file.file.clone(),
            language: file.language.clone(),
            sections: article
                .sections
                .iter()
                .map(|section| section.text.clone())
                .collect(),
            lines,
            lines_fingerprint,
            pins,
            key,
        }
    }

    /// Aligns the sentences (the slow part: run it off the frame).
    pub fn align(&self, evidence: Evidence<'_>) -> Result<Vec<CachedLink>, AlignError> {
        let sections: Vec<&str> = self.sections.iter().map(String::as_str).collect();
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        let pins: Vec<Pin> = self
            .pins
            .iter()
            .map(|pin| Pin {
                article: pin.article,
                translation: pin.translation,
            })
            .collect();
        let alignment = align_pinned(&sections, &lines, evidence, &pins)?;
        Ok(alignment
            .links
            .iter()
            .map(|link| CachedLink {
                article: link.article.clone(),
                translation: link.translation.clone(),
                confidence_permille: (link.confidence.clamp(0.0, 1.0) * 1000.0).round() as u16,
            })
            .collect())
    }

    /// The sentences of both texts, as [`Self::rows`] reads links against.
    pub fn sentences(&self) -> (Vec<Sentence>, Vec<Sentence>) {
        let sections: Vec<&str> = self.sections.iter().map(String::as_str).collect();
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        (split(&sections), split(&lines))
    }

    /// The rows `links` make, with what the banner should say (`row_problems`: the
    /// row-by-row alignment's problems, of which those about the file itself are
    /// kept). `None` when `links` do not fit these texts (a damaged cache).
    pub fn rows(
        &self,
        links: &[CachedLink],
        row_problems: &[AlignmentProblem],
    ) -> Option<RowAlignment> {
        let (article, translation) = self.sentences();
        rows_of(self, &article, &translation, links, row_problems)
    }

    /// The rows from the cached result in `data`, if it was made from this input.
    pub fn cached_rows(
        &self,
        data: &TranslationData,
        row_problems: &[AlignmentProblem],
    ) -> Option<RowAlignment> {
        let links = decode_links(data.cached_sentences(&self.file, &self.language, &self.key)?)?;
        self.rows(&links, row_problems)
    }

    /// The pin that moves a translation sentence of `row` to the next section
    /// (`to_next`: the row's last sentence) or the previous one (its first), given the
    /// alignment `links` shown; `None` when there is no such sentence or section.
    pub fn move_pin(&self, links: &[CachedLink], row: usize, to_next: bool) -> Option<SentencePin> {
        let (article, _) = self.sentences();
        let to = if to_next {
            row.checked_add(1).filter(|to| *to < self.sections.len())?
        } else {
            row.checked_sub(1)?
        };
        let in_row = row_sentences(&article, links, row);
        if to_next {
            // The first sentence of the section below and everything after it go with
            // the row's last sentence and everything after it.
            let first_below = article.iter().position(|s| s.block >= to)?;
            let sentence = *in_row.last()?;
            Some(SentencePin {
                article: first_below,
                translation: sentence,
            })
        } else {
            // The row's first sentence and everything before it go with the section
            // above and everything before it.
            let after_above = article.iter().rposition(|s| s.block <= to)? + 1;
            let sentence = *in_row.first()?;
            Some(SentencePin {
                article: after_above,
                translation: sentence + 1,
            })
        }
    }
    /// The pin that makes the translation sentence at byte `offset` of row `row`'s
    /// text go with sentence `sentence` (from 0, as [`crate::align::sentences`] cuts
    /// it) of section `section`, given the alignment `links` shown; `None` when there
    /// is no such sentence.
    ///
    /// A pin is a point both texts are cut at, so "this goes with that" is the point
    /// where the two sentences start one link together: everything before them stays
    /// before, everything after after. On the article's first sentence, which starts
    /// every path anyway, it is the point after both.
    pub fn sentence_pin(
        &self,
        links: &[CachedLink],
        section: usize,
        sentence: usize,
        row: usize,
        offset: usize,
    ) -> Option<SentencePin> {
        let (article, _) = self.sentences();
        let article_sentence = article
            .iter()
            .enumerate()
            .filter(|(_, s)| s.block == section)
            .nth(sentence)?
            .0;
        let shown = self.rows(links, &[])?;
        // The row's links list its sentences in the order they are in its text, the
        // same order as the file sentences `row_sentences` gives.
        let ranges: Vec<Range<usize>> = shown
            .rows
            .get(row)?
            .links
            .iter()
            .flat_map(|link| link.translation.iter().cloned())
            .collect();
        let in_row = ranges.iter().rposition(|range| range.start <= offset)?;
        let translation_sentence = *row_sentences(&article, links, row).get(in_row)?;
        Some(if article_sentence == 0 {
            SentencePin {
                article: 1,
                translation: translation_sentence + 1,
            }
        } else {
            SentencePin {
                article: article_sentence,
                translation: translation_sentence,
            }
        })
    }
}

/// The translation sentences `links` give row `row` (as [`SentenceInput::rows`] does:
/// a link goes to the section of its first article sentence).
fn row_sentences(article: &[Sentence], links: &[CachedLink], row: usize) -> Vec<usize> {
    links
        .iter()
        .filter(|link| !link.article.is_empty() && !link.translation.is_empty())
        .filter(|link| {
            article
                .get(link.article.start)
                .is_some_and(|s| s.block == row)
        })
        .flat_map(|link| link.translation.clone())
        .collect()
}

/// The fingerprint of a file's lines (as [`segments_fingerprint`] of them as targets).
pub fn lines_fingerprint(lines: &[String]) -> String {
    let segments: Vec<Segment> = lines
        .iter()
        .map(|line| Segment {
            source: None,
            target: line.clone(),
        })
        .collect();
    segments_fingerprint(&segments)
}

/// One row being built: its translation sentences with their links.
#[derive(Default)]
struct RowParts {
    /// Translation sentences, in order.
    sentences: Vec<usize>,
    /// Its links: article sentences, translation sentences, unsure.
    links: Vec<(Range<usize>, Range<usize>, bool)>,
    /// Translation sentences linked to nothing that fall here.
    notes: Vec<usize>,
}

fn rows_of(
    input: &SentenceInput,
    article: &[Sentence],
    translation: &[Sentence],
    links: &[CachedLink],
    row_problems: &[AlignmentProblem],
) -> Option<RowAlignment> {
    // The links must cover both texts' sentences, in order, exactly once.
    let (mut next_a, mut next_t) = (0, 0);
    for link in links {
        if link.article.start != next_a || link.translation.start != next_t {
            return None;
        }
        (next_a, next_t) = (link.article.end, link.translation.end);
    }
    if (next_a, next_t) != (article.len(), translation.len()) {
        return None;
    }
    let sections = input.sections.len();
    let mut parts: Vec<RowParts> = (0..sections).map(|_| RowParts::default()).collect();
    let mut current_section = 0;
    let (mut unsure, mut not_in_article) = (0, 0);
    for link in links {
        let is_unsure = f32::from(link.confidence_permille) / 1000.0 < UNSURE_BELOW;
        if let Some(first) = article.get(link.article.start)
            && !link.article.is_empty()
        {
            current_section = first.block;
        }
        let row = parts.get_mut(current_section)?;
        match (link.article.is_empty(), link.translation.is_empty()) {
            (false, false) => {
                row.sentences.extend(link.translation.clone());
                row.links
                    .push((link.article.clone(), link.translation.clone(), is_unsure));
                unsure += usize::from(is_unsure);
            }
            (true, false) => {
                row.notes.extend(link.translation.clone());
                not_in_article += link.translation.len();
            }
            _ => {}
        }
    }
    let line_text = |sentence: &Sentence| -> Option<&str> {
        input.lines.get(sentence.block)?.get(sentence.range.clone())
    };
    let mut rows = Vec::with_capacity(sections);
    for (section, part) in parts.into_iter().enumerate() {
        // The row's text, and where each of its sentences is in it.
        let mut text = String::new();
        let mut at: Vec<(usize, Range<usize>)> = Vec::with_capacity(part.sentences.len());
        let mut previous: Option<usize> = None;
        for &index in &part.sentences {
            let sentence = translation.get(index)?;
            let joined = previous
                .and_then(|p| translation.get(p))
                .filter(|p| p.block == sentence.block && p.range.end <= sentence.range.start);
            match joined {
                Some(before) => {
                    text.push_str(
                        input.lines[sentence.block].get(before.range.end..sentence.range.start)?,
                    );
                }
                None if !text.is_empty() => text.push(' '),
                None => {}
            }
            let start = text.len();
            text.push_str(line_text(sentence)?);
            at.push((index, start..text.len()));
            previous = Some(index);
        }
        let mut flags = Vec::new();
        let row_links: Vec<RowLink> = part
            .links
            .iter()
            .map(
                |(article_sentences, translation_sentences, unsure)| RowLink {
                    article: article_sentences
                        .clone()
                        .filter_map(|a| article.get(a))
                        .filter(|s| s.block == section)
                        .map(|s| s.range.clone())
                        .collect(),
                    translation: translation_sentences
                        .clone()
                        .filter_map(|t| at.iter().find(|(index, _)| *index == t))
                        .map(|(_, range)| range.clone())
                        .collect(),
                    unsure: *unsure,
                },
            )
            .collect();
        if row_links.iter().any(|link| link.unsure) {
            flags.push(RowFlag::LowConfidence);
        }
        if text.is_empty() {
            flags.push(RowFlag::NothingHere);
        }
        let notes = part
            .notes
            .iter()
            .filter_map(|&index| Some(line_text(translation.get(index)?)?.to_owned()))
            .collect();
        rows.push(AlignedRow {
            cell: (!text.is_empty()).then_some(FileCell {
                text,
                how: MatchKind::Sentences,
            }),
            flags,
            notes,
            links: row_links,
        });
    }
    let mut problems = vec![AlignmentProblem::SentenceAligned {
        lines: input.lines.len(),
    }];
    if unsure > 0 {
        problems.push(AlignmentProblem::Unsure { count: unsure });
    }
    if not_in_article > 0 {
        problems.push(AlignmentProblem::NotInArticle {
            count: not_in_article,
        });
    }
    problems.extend(
        row_problems
            .iter()
            .filter(|problem| {
                matches!(
                    problem,
                    AlignmentProblem::NothingMatched
                        | AlignmentProblem::FixesStale
                        | AlignmentProblem::FixesFailed { .. }
                )
            })
            .cloned(),
    );
    Some(RowAlignment {
        rows,
        left_over: Vec::new(),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(sections: &[&str], lines: &[&str]) -> SentenceInput {
        let lines: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        SentenceInput {
            file: "a.en.txt".to_owned(),
            language: "en".to_owned(),
            sections: sections
                .iter()
                .map(|section| (*section).to_owned())
                .collect(),
            lines_fingerprint: lines_fingerprint(&lines),
            lines,
            pins: Vec::new(),
            key: "k".to_owned(),
        }
    }

    fn link(article: Range<usize>, translation: Range<usize>, confidence: u16) -> CachedLink {
        CachedLink {
            article,
            translation,
            confidence_permille: confidence,
        }
    }

    #[test]
    fn rows_take_their_sentences_as_exact_ranges_and_keep_notes_apart() {
        let input = input(
            &[
                "الجملة الأولى. الجملة الثانية.",
                "الجملة الثالثة.",
                "الجملة الرابعة.",
            ],
            &["First. Second. (A note.)", "Third."],
        );
        let (article, translation) = input.sentences();
        assert_eq!((article.len(), translation.len()), (4, 4));
        let links = [
            link(0..1, 0..1, 990),
            link(1..2, 1..2, 550),
            link(2..2, 2..3, 900),
            link(2..3, 3..4, 990),
            link(3..4, 4..4, 990),
        ];
        let rows = input.rows(&links, &[]).expect("the links fit");
        let cell = |row: usize| rows.rows[row].cell.as_ref().map(|cell| cell.text.as_str());
        // Sentences of one line are taken with what is between them.
        assert_eq!(cell(0), Some("First. Second."));
        assert_eq!(rows.rows[0].flags, [RowFlag::LowConfidence]);
        assert_eq!(rows.rows[0].notes, ["(A note.)"]);
        assert_eq!(cell(1), Some("Third."));
        // The last section has nothing in the translation.
        assert_eq!(cell(2), None);
        assert_eq!(rows.rows[2].flags, [RowFlag::NothingHere]);
        // Links point into the row's text.
        let first = &rows.rows[0];
        let text = &first.cell.as_ref().expect("cell").text;
        let ranges: Vec<&str> = first
            .links
            .iter()
            .flat_map(|link| link.translation.iter().map(|range| &text[range.clone()]))
            .collect();
        assert_eq!(ranges, ["First.", "Second."]);
        assert!(first.links[1].unsure && !first.links[0].unsure);
        assert!(
            rows.problems
                .contains(&AlignmentProblem::Unsure { count: 1 })
        );
        assert!(
            rows.problems
                .contains(&AlignmentProblem::NotInArticle { count: 1 })
        );
    }

    #[test]
    fn links_that_do_not_fit_the_texts_are_no_rows() {
        let input = input(&["جملة."], &["One."]);
        assert!(input.rows(&[link(0..1, 0..1, 900)], &[]).is_some());
        for damaged in [
            vec![link(0..1, 0..2, 900)],
            vec![link(0..1, 1..1, 900)],
            vec![],
            vec![
                link(0..1, 0..1, 900),
                link(1..1, 1..1, 900),
                link(0..0, 0..1, 1),
            ],
        ] {
            assert!(input.rows(&damaged, &[]).is_none(), "{damaged:?}");
        }
    }

    #[test]
    fn a_move_pins_the_rows_last_sentence_below_and_its_first_above() {
        let input = input(
            &["الجملة الأولى.", "الجملة الثانية.", "الجملة الثالثة."],
            &["First. Second.", "Third."],
        );
        let links = [
            link(0..1, 0..2, 990),
            link(1..2, 2..2, 990),
            link(2..3, 2..3, 990),
        ];
        // Row 0's last sentence (1) down: the first article sentence goes with the
        // first translation sentence only.
        assert_eq!(
            input.move_pin(&links, 0, true),
            Some(SentencePin {
                article: 1,
                translation: 1
            })
        );
        // Row 2's first sentence (2) up: it goes with the first two sections.
        assert_eq!(
            input.move_pin(&links, 2, false),
            Some(SentencePin {
                article: 2,
                translation: 3
            })
        );
        assert_eq!(input.move_pin(&links, 0, false), None, "no section above");
        assert_eq!(input.move_pin(&links, 2, true), None, "no section below");
        assert_eq!(
            input.move_pin(&links, 1, true),
            None,
            "row 1 has no sentence"
        );
    }

    #[test]
    fn a_sentence_pin_names_the_file_sentences_under_the_cursor_and_the_pointer() {
        let input = input(
            &["الجملة الأولى. الجملة الثانية.", "الجملة الثالثة."],
            &["First. Second.", "Third. Fourth."],
        );
        let links = [
            link(0..1, 0..1, 990),
            link(1..2, 1..3, 990),
            link(2..3, 3..4, 990),
        ];
        // Row 1 holds "Fourth." only: the file's sentence 3.
        let fourth = input
            .sentence_pin(&links, 0, 1, 1, 2)
            .expect("a sentence there");
        assert_eq!(
            fourth,
            SentencePin {
                article: 1,
                translation: 3
            },
            "the article's second sentence starts a link with the file's fourth"
        );
        // "Third." is the second sentence of row 0's text ("First. Second. Third.").
        let rows = input.rows(&links, &[]).expect("fits");
        let text = &rows.rows[0].cell.as_ref().expect("cell").text;
        let third = text.find("Third").expect("in row 0");
        assert_eq!(
            input.sentence_pin(&links, 1, 0, 0, third),
            Some(SentencePin {
                article: 2,
                translation: 2
            })
        );
        // The article's first sentence: the point after both.
        assert_eq!(
            input.sentence_pin(&links, 0, 0, 0, third),
            Some(SentencePin {
                article: 1,
                translation: 3
            })
        );
        assert_eq!(
            input.sentence_pin(&links, 0, 5, 0, 0),
            None,
            "no sentence 5"
        );
        assert_eq!(input.sentence_pin(&links, 0, 0, 9, 0), None, "no row 9");
    }
}
