//! Companions that do not line up one to one, aligned sentence by sentence off the
//! frame: the job on its own thread, its result kept in memory and in the sidecar
//! (under the key [`SentenceInput::key`] names), and the rows built from it.
//!
//! A frame never aligns: while a job runs, the column shows the file as it is, row by
//! row, with "lining up sentence by sentence…" in its header, and the result replaces
//! it when it arrives. A result is looked for first in memory, then in the sidecar's
//! cache, so reopening an article (or starting the app again) does not align again,
//! and neither does anything that does not change the file's lines or the reader's
//! pins (typing in a translation cell, a note, a machine translation).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use crate::align::{AlignError, Evidence, SentenceInput};
use crate::gloss::{Analyzer, default_folder};
use crate::model::translation::{
    Alignment, AlignmentProblem, CachedLink, decode_links, encode_links,
};
use crate::translate::Glossary;

use super::align_dictionary::LexiconDictionary;

/// A finished alignment, for the sidecar.
pub struct Finished {
    /// What was aligned.
    pub input: SentenceInput,
    /// The links, as the sidecar caches them (see [`encode_links`]).
    pub encoded: String,
}

/// The sentence alignments of the open article's companions.
#[derive(Default)]
pub struct SentenceColumns {
    /// The folder the article is in (for its glossary), when it is known.
    pub folder: Option<PathBuf>,
    /// The job running, with the key of what it aligns.
    job: Option<(String, Receiver<JobResult>)>,
    /// A result taken from the job by [`Self::wait`] and not yet received.
    arrived: Option<JobResult>,
    /// The latest result made this session, by key (also kept in the sidecar when the
    /// article has one).
    latest: Option<(String, Result<Vec<CachedLink>, String>)>,
    /// How many times the aligner ran (a sentence alignment started, or a file lined
    /// up row by row): for tests, which check that typing does not align again.
    pub runs: usize,
}

type JobResult = (SentenceInput, Result<Vec<CachedLink>, AlignError>);

impl SentenceColumns {
    /// Whether an alignment is under way.
    pub fn is_aligning(&self) -> bool {
        self.job.is_some() || self.arrived.is_some()
    }

    /// The rows of `input`'s alignment if it was made (in memory, or cached in
    /// `cached`, the sidecar's rows for it); else starts making it unless it is under
    /// way, and returns `row_by_row` with a note that it is lining up.
    pub fn rows(
        &mut self,
        input: &SentenceInput,
        cached: Option<Alignment>,
        row_by_row: Alignment,
    ) -> Alignment {
        if let Some((key, result)) = &self.latest
            && *key == input.key
        {
            return match result {
                Ok(links) => input
                    .rows(links, &row_by_row.problems)
                    .unwrap_or(row_by_row),
                Err(error) => {
                    with_problem(row_by_row, AlignmentProblem::SentencesFailed(error.clone()))
                }
            };
        }
        if let Some(rows) = cached {
            return rows;
        }
        if self.job.as_ref().is_none_or(|(key, _)| *key != input.key) {
            self.start(input.clone());
        }
        // Quiet until the result is in (a moment, mostly): the file as it is, its rows
        // not flagged one by one for what the alignment is about to settle.
        let mut waiting = row_by_row;
        for row in &mut waiting.rows {
            row.flags.clear();
        }
        waiting.problems = vec![AlignmentProblem::Aligning];
        waiting
    }

    /// The links of `input`'s alignment, if it was made (this session, or cached in
    /// `data`).
    pub fn links_for(
        &self,
        input: &SentenceInput,
        data: &crate::model::translation::TranslationData,
    ) -> Option<Vec<CachedLink>> {
        match &self.latest {
            Some((key, Ok(links))) if *key == input.key => Some(links.clone()),
            _ => decode_links(data.cached_sentences(&input.file, &input.language, &input.key)?),
        }
    }

    /// Aligns `input` on a thread of its own.
    fn start(&mut self, input: SentenceInput) {
        let (sender, receiver) = mpsc::channel();
        let key = input.key.clone();
        let folder = self.folder.clone();
        let spawned = std::thread::Builder::new()
            .name("sentence-aligner".to_owned())
            .spawn(move || {
                let links = align_with_dictionary(&input, folder.as_deref());
                // The article may be closed by now: nobody to tell.
                let _ = sender.send((input, links));
            });
        self.runs += 1;
        match spawned {
            Ok(_) => {
                self.job = Some((key, receiver));
                self.arrived = None;
            }
            Err(error) => {
                self.latest = Some((key, Err(format!("no thread to align on ({error})"))));
            }
        }
    }

    /// Waits up to `timeout` for the job to finish (tests, and the command line);
    /// whether nothing is left running.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let Some((_, receiver)) = &self.job else {
            return true;
        };
        if self.arrived.is_some() {
            return true;
        }
        match receiver.recv_timeout(timeout) {
            Ok(result) => {
                self.arrived = Some(result);
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => {
                self.job = None;
                true
            }
        }
    }

    /// The job's result if it finished: kept, and handed back for the sidecar (an
    /// error is kept too, so it is not tried again for the same input, but not
    /// cached on disk).
    pub fn receive(&mut self) -> Option<Option<Finished>> {
        let result = match self.arrived.take() {
            Some(result) => result,
            None => {
                let (_, receiver) = self.job.as_ref()?;
                match receiver.try_recv() {
                    Ok(result) => result,
                    Err(mpsc::TryRecvError::Empty) => return None,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        self.job = None;
                        return None;
                    }
                }
            }
        };
        self.job = None;
        let (input, links) = result;
        let finished = links.as_ref().ok().map(|links| Finished {
            encoded: encode_links(links),
            input: input.clone(),
        });
        self.latest = Some((input.key, links.map_err(|error| error.to_string())));
        Some(finished)
    }

    /// The rows of `input`'s alignment now, on this thread: for exports and the
    /// command line, which have no frame to keep (a result made this session or cached
    /// is used when there is one).
    pub fn rows_now(
        &mut self,
        input: &SentenceInput,
        cached: Option<Alignment>,
        row_by_row: Alignment,
    ) -> Alignment {
        if let Some(rows) = cached {
            return rows;
        }
        if self
            .latest
            .as_ref()
            .is_none_or(|(key, _)| *key != input.key)
        {
            self.runs += 1;
            let links = align_with_dictionary(input, self.folder.as_deref());
            self.latest = Some((input.key.clone(), links.map_err(|error| error.to_string())));
        }
        self.rows(input, None, row_by_row)
    }
}

/// `alignment` with one more thing for the banner to say, first.
fn with_problem(mut alignment: Alignment, problem: AlignmentProblem) -> Alignment {
    alignment.problems.insert(0, problem);
    alignment
}

/// Aligns `input` with the gloss lexicon and the folder's glossary as its dictionary
/// (each a help, not a need: without them it goes on with lengths and anchors).
pub fn align_with_dictionary(
    input: &SentenceInput,
    folder: Option<&Path>,
) -> Result<Vec<CachedLink>, AlignError> {
    // Loaded once and kept: a reader's moves align again and again.
    static ANALYZER: OnceLock<Option<Analyzer>> = OnceLock::new();
    let analyzer = ANALYZER
        .get_or_init(|| Analyzer::load(&default_folder()).ok())
        .as_ref();
    let glossary = folder.and_then(|folder| Glossary::read_folder(folder).ok().flatten());
    let dictionary = LexiconDictionary {
        analyzer,
        glossary: glossary.as_ref(),
    };
    input.align(Evidence {
        dictionary: Some(&dictionary),
        machine: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::translation::{AlignedRow, MatchKind, RowFlag};

    fn input() -> SentenceInput {
        let lines = vec![
            "Russia created the organisation in 1992.".to_owned(),
            "Six states signed the treaty in Tashkent.".to_owned(),
            "In Kyrgyzstan, the Kant base was formed in 1941.".to_owned(),
        ];
        SentenceInput {
            file: "a.en.txt".to_owned(),
            language: "en".to_owned(),
            sections: vec![
                "أنشأت روسيا المنظمة في عام 1992. ووقّعت ست دول على المعاهدة في طشقند.".to_owned(),
                "وفي قرغيزستان، تم تشكيل قاعدة (كانت) العسكرية في عام 1941.".to_owned(),
            ],
            lines_fingerprint: crate::align::lines_fingerprint(&lines),
            lines,
            pins: Vec::new(),
            key: "test".to_owned(),
        }
    }

    fn row_by_row() -> Alignment {
        Alignment {
            rows: vec![
                AlignedRow {
                    flags: vec![RowFlag::CountMismatch],
                    ..AlignedRow::default()
                };
                2
            ],
            problems: vec![AlignmentProblem::CountMismatch {
                sections: 2,
                segments: 3,
            }],
            ..Alignment::default()
        }
    }

    #[test]
    fn the_frame_gets_a_quiet_column_until_the_thread_is_done() {
        let mut columns = SentenceColumns::default();
        let input = input();
        let waiting = columns.rows(&input, None, row_by_row());
        assert_eq!(waiting.problems, [AlignmentProblem::Aligning]);
        assert!(waiting.rows.iter().all(|row| row.flags.is_empty()));
        assert!(columns.is_aligning());
        // Asked again while it runs: no second job.
        let _ = columns.rows(&input, None, row_by_row());
        assert_eq!(columns.runs, 1);
        assert!(columns.wait(Duration::from_secs(60)));
        let finished = columns.receive().expect("done").expect("aligned");
        assert_eq!(finished.input.key, "test");
        assert!(!columns.is_aligning());
        let rows = columns.rows(&input, None, row_by_row());
        let texts: Vec<Option<&str>> = rows
            .rows
            .iter()
            .map(|row| row.cell.as_ref().map(|cell| cell.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                Some(
                    "Russia created the organisation in 1992. Six states signed the treaty in Tashkent."
                ),
                Some("In Kyrgyzstan, the Kant base was formed in 1941."),
            ]
        );
        assert!(rows.rows.iter().all(|row| {
            row.cell
                .as_ref()
                .is_some_and(|cell| cell.how == MatchKind::Sentences)
        }));
        assert_eq!(columns.runs, 1, "made once");
        // What the sidecar keeps reads back to the same rows.
        let links = decode_links(&finished.encoded).expect("decodes");
        assert_eq!(input.rows(&links, &[]).expect("fits").rows, rows.rows);
    }
}
