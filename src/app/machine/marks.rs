//! How rows stand in machine translation (waiting, or failed with why), each mark
//! kept with what it belongs to: the article, the section, the language translated
//! into, and the engine run that made it. A mark is shown only on its own article's
//! row, in the column of its language; a failure goes when a translation arrives on
//! its row (from the engine, the reader, a file) or when the row is translated again.
//!
//! Rows are keyed by the section's id, not its index: row 2 of one article is not
//! row 2 of another, and an article whose sections move keeps its marks on the
//! sections they were made for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::translation::{TranslationColumn, same_language};
use crate::model::{Article, SectionId};
use crate::ui::machine_translation::RowMark;

/// One engine run: the job started by one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run(u64);

/// A row's mark and what it belongs to.
#[derive(Clone, Debug, PartialEq)]
struct Mark {
    /// The section's row when the mark was made: where it is looked for first.
    row: usize,
    /// The language the row was being translated into.
    language: String,
    /// The run that made the mark.
    run: Run,
    /// Waiting, or failed with why.
    state: RowMark,
    /// The row's translation in `language` when the mark was first seen beside that
    /// language's column (`Some(None)`: it had none), so a failure goes once another
    /// translation arrives; `None` until then.
    baseline: Option<Option<String>>,
}

impl Mark {
    /// The row of `section` in `article` now: where it was, or where it went.
    fn row_in(&self, article: &Article, section: SectionId) -> Option<usize> {
        if article
            .sections
            .get(self.row)
            .is_some_and(|at| at.id == section)
        {
            return Some(self.row);
        }
        article.sections.iter().position(|at| at.id == section)
    }
}

/// The marks of every article read this session, by article, then by section. Work
/// per frame goes by the open article's marks, never by all its sections.
#[derive(Debug, Default)]
pub struct RowMarks {
    articles: HashMap<PathBuf, HashMap<SectionId, Mark>>,
    runs: u64,
}

impl RowMarks {
    /// A new engine run, whose marks replace those of earlier runs on the same rows.
    pub fn new_run(&mut self) -> Run {
        self.runs += 1;
        Run(self.runs)
    }

    /// `run` is to translate `section` (at `row`) of `article` into `language`.
    pub fn wait(
        &mut self,
        run: Run,
        article: &Path,
        (row, section): (usize, SectionId),
        language: &str,
    ) {
        let mark = Mark {
            row,
            language: language.to_owned(),
            run,
            state: RowMark::Waiting,
            baseline: None,
        };
        self.articles
            .entry(article.to_owned())
            .or_default()
            .insert(section, mark);
    }

    /// `run` translated `section` of `article`: its row has nothing to show.
    pub fn translated(&mut self, run: Run, article: &Path, section: SectionId) {
        if let Some(marks) = self.articles.get_mut(article)
            && marks.get(&section).is_some_and(|mark| mark.run == run)
        {
            marks.remove(&section);
        }
        self.articles.retain(|_, marks| !marks.is_empty());
    }

    /// `run` could not translate `section` of `article`, for `why`.
    pub fn failed(&mut self, run: Run, article: &Path, section: SectionId, why: String) {
        let mark = self
            .articles
            .get_mut(article)
            .and_then(|marks| marks.get_mut(&section))
            .filter(|mark| mark.run == run);
        if let Some(mark) = mark {
            // An engine's words (a command's standard error, a server's answer) are
            // shown as any message is: hidden characters visible, bounded.
            mark.state = RowMark::Failed(super::super::messages::bounded(&why));
        }
    }

    /// `run` stopped: the rows it did not reach fail for `why`, or, without a reason
    /// (cancelled, another article opened), are no longer waiting.
    pub fn stopped(&mut self, run: Run, why: Option<&str>) {
        for marks in self.articles.values_mut() {
            marks.retain(|_, mark| {
                if mark.run != run || mark.state != RowMark::Waiting {
                    return true;
                }
                match why {
                    Some(why) => {
                        mark.state = RowMark::Failed(super::super::messages::bounded(why));
                        true
                    }
                    None => false,
                }
            });
        }
        self.articles.retain(|_, marks| !marks.is_empty());
    }

    /// The marks of the rows of `article` (at `path`), by row, in the column of
    /// `language`.
    pub fn on_rows(
        &self,
        path: &Path,
        article: &Article,
        language: Option<&str>,
    ) -> HashMap<usize, RowMark> {
        let (Some(marks), Some(language)) = (self.articles.get(path), language) else {
            return HashMap::new();
        };
        marks
            .iter()
            .filter(|(_, mark)| same_language(&mark.language, language))
            .filter_map(|(&section, mark)| {
                Some((mark.row_in(article, section)?, mark.state.clone()))
            })
            .collect()
    }

    /// Forgets the failures of `article` (at `path`) whose rows got a translation
    /// since their marks were made: `column` is its column in `language`, as resolved
    /// now. Called every frame, after the column is resolved and before anything can
    /// change it.
    pub fn forget_answered(
        &mut self,
        path: &Path,
        article: &Article,
        language: &str,
        column: &TranslationColumn,
    ) {
        let Some(marks) = self.articles.get_mut(path) else {
            return;
        };
        marks.retain(|&section, mark| {
            if !same_language(&mark.language, language) {
                return true;
            }
            let Some(row) = mark.row_in(article, section) else {
                return true;
            };
            let now = column.text(row);
            let baseline = mark.baseline.get_or_insert_with(|| now.map(str::to_owned));
            !(matches!(mark.state, RowMark::Failed(_)) && baseline.as_deref() != now)
        });
        self.articles.retain(|_, marks| !marks.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::translation::{Cell, ColumnRow, TranslationSource};

    fn article(texts: &[&str]) -> Article {
        crate::import::parse_article(&texts.join("\n"))
    }

    fn column(texts: &[Option<&str>]) -> TranslationColumn {
        TranslationColumn {
            rows: texts
                .iter()
                .map(|text| ColumnRow {
                    cell: text.map(|text| Cell {
                        text: text.into(),
                        source: TranslationSource::Reader,
                        how: None,
                    }),
                    ..ColumnRow::default()
                })
                .collect(),
            ..TranslationColumn::default()
        }
    }

    #[test]
    fn an_engine_s_words_are_shown_with_hidden_characters_visible_and_bounded() {
        let one = article(&["الفقرة الأولى هنا"]);
        let a = Path::new("/one/a.txt");
        let mut marks = RowMarks::default();
        let run = marks.new_run();
        marks.wait(run, a, (0, one.sections[0].id), "en");
        let said = format!("\u{202E}bad\u{1b}[2J{}", "x".repeat(100_000));
        marks.failed(run, a, one.sections[0].id, said);
        let Some(RowMark::Failed(why)) = marks.on_rows(a, &one, Some("en")).remove(&0) else {
            panic!("a failed row");
        };
        assert!(why.starts_with("<U+202E>bad<U+001B>[2J"), "{why}");
        assert!(why.chars().count() <= crate::app::messages::MESSAGE_MAX_CHARS + 1);
    }

    #[test]
    fn a_failure_stays_on_its_article_row_and_language_until_answered() {
        let one = article(&["الفقرة الأولى هنا", "الفقرة الثانية هنا"]);
        let other = article(&["نص آخر تماما", "وفقرة أخرى كذلك"]);
        let (a, b) = (Path::new("/one/a.txt"), Path::new("/two/a.txt"));
        let mut marks = RowMarks::default();
        let run = marks.new_run();
        marks.wait(run, a, (1, one.sections[1].id), "en");
        marks.forget_answered(a, &one, "en", &column(&[None, None]));
        marks.failed(run, a, one.sections[1].id, "exit 3".into());
        let failed = HashMap::from([(1, RowMark::Failed("exit 3".into()))]);
        assert_eq!(marks.on_rows(a, &one, Some("en")), failed);
        assert!(
            marks.on_rows(b, &other, Some("en")).is_empty(),
            "another article"
        );
        assert!(
            marks.on_rows(b, &one, Some("en")).is_empty(),
            "another folder"
        );
        assert!(
            marks.on_rows(a, &one, Some("fr")).is_empty(),
            "another language"
        );

        // A section put before it (the article changed): the mark goes with its row.
        let moved = article(&["فقرة جديدة قبلها", "الفقرة الأولى هنا", "الفقرة الثانية هنا"]);
        assert_eq!(
            marks.on_rows(a, &moved, Some("en")),
            HashMap::from([(2, RowMark::Failed("exit 3".into()))])
        );

        // Nothing arrived: it stays; a translation arrives: it goes.
        marks.forget_answered(a, &one, "en", &column(&[None, None]));
        assert_eq!(marks.on_rows(a, &one, Some("en")), failed);
        marks.forget_answered(a, &one, "en", &column(&[None, Some("Mine")]));
        assert!(marks.on_rows(a, &one, Some("en")).is_empty());
    }

    #[test]
    fn a_failed_run_again_stays_under_the_translation_it_did_not_replace() {
        let one = article(&["الفقرة الأولى هنا", "الفقرة الثانية هنا"]);
        let a = Path::new("/one/a.txt");
        let mut marks = RowMarks::default();
        let run = marks.new_run();
        marks.wait(run, a, (0, one.sections[0].id), "en");
        marks.failed(run, a, one.sections[0].id, "timed out".into());
        // First seen beside its column (another language's was shown meanwhile).
        marks.forget_answered(a, &one, "fr", &column(&[Some("Autre"), None]));
        marks.forget_answered(a, &one, "en", &column(&[Some("Old"), None]));
        marks.forget_answered(a, &one, "en", &column(&[Some("Old"), None]));
        let failed = HashMap::from([(0, RowMark::Failed("timed out".into()))]);
        assert_eq!(marks.on_rows(a, &one, Some("en")), failed);
        marks.forget_answered(a, &one, "en", &column(&[Some("New"), None]));
        assert!(marks.on_rows(a, &one, Some("en")).is_empty());
    }

    #[test]
    fn a_new_run_replaces_the_old_one_s_marks_and_a_stop_ends_its_waiting() {
        let one = article(&["الفقرة الأولى هنا", "الفقرة الثانية هنا"]);
        let a = Path::new("/one/a.txt");
        let mut marks = RowMarks::default();
        let first = marks.new_run();
        marks.wait(first, a, (0, one.sections[0].id), "en");
        marks.failed(first, a, one.sections[0].id, "exit 3".into());
        let second = marks.new_run();
        marks.wait(second, a, (0, one.sections[0].id), "en");
        marks.failed(first, a, one.sections[0].id, "late".into());
        assert_eq!(
            marks.on_rows(a, &one, Some("en")),
            HashMap::from([(0, RowMark::Waiting)]),
            "re-run: the old failure is gone, and the old run no longer marks it"
        );
        marks.stopped(second, None);
        assert!(marks.on_rows(a, &one, Some("en")).is_empty());
        let third = marks.new_run();
        marks.wait(third, a, (1, one.sections[1].id), "en");
        marks.stopped(third, Some("no server"));
        assert_eq!(
            marks.on_rows(a, &one, Some("en")),
            HashMap::from([(1, RowMark::Failed("no server".into()))])
        );
    }
}
