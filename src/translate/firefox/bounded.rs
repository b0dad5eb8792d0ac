//! One sentence through the engine, as long as Firefox lets its translation run.
//!
//! Firefox's engine (bergamot, Marian) stops a translation after
//! `max-length-factor` (2.0) pieces per source piece, the source's end-of-sentence
//! piece counted; fxtranslate 0.5.0 allows four more (`2 · len + 4` in
//! `Engine::greedy`), so a sentence that never ends there came back four pieces
//! longer than Firefox's — found by the oracle test (`tests/firefox_oracle.rs`).
//! Greedy decoding is causal, so cutting fxtranslate's pieces to Firefox's limit
//! gives exactly Firefox's pieces; the cost is four extra decoder steps, and only
//! for a sentence that runs to the limit. The limit is the batch's in Marian
//! (`max-length-factor` times the widest source in the batch); a sentence too long
//! for the window is cut into slices that bergamot decodes as one batch, so each
//! slice gets the widest slice's limit. (When Firefox batches several sentences of
//! a page together, a short one may run longer than here; Hamish gives each
//! sentence its own limit, as bergamot does for a text of one sentence.)
//!
//! A section's sentences are decoded together ([`BoundedEngine::section`]):
//! fxtranslate's `greedy_batch` runs one matrix product per layer and step for a
//! batch of rows, each row masked from the others' padding and stopped at its own
//! end, so every sentence gets the pieces it gets alone (`tests/firefox_batch.rs`)
//! for less time (`benches/firefox.rs`).

use std::convert::Infallible;

use fxtranslate::engine::Engine;
use fxtranslate::segment::{MAX_SOURCE_TOKENS, Segmenter, Span, reassemble};
use fxtranslate::spm::SpmVocab;

use super::sentences::{SentenceSplitter, by_lines};

/// Firefox's `max-length-factor`: at most this many target pieces per source piece.
pub const MAX_LENGTH_FACTOR: usize = 2;

/// The most pieces Firefox lets a translation of `source_pieces` pieces (its
/// end-of-sentence piece included) have.
pub fn max_target_pieces(source_pieces: usize) -> usize {
    MAX_LENGTH_FACTOR * source_pieces
}

/// The engine with its vocabularies, which Hamish keeps to tokenise and
/// detokenise around `Engine::greedy` (fxtranslate keeps its own private).
pub struct BoundedEngine {
    /// The loaded model.
    pub engine: Engine,
    /// The source vocabulary (the model folder's `srcvocab` or shared vocabulary).
    pub source: SpmVocab,
    /// The target vocabulary.
    pub target: SpmVocab,
}

impl BoundedEngine {
    /// Translates one sentence. A sentence longer than the model's window
    /// (127 pieces and its end) is cut into window-sized slices translated one
    /// after the other, as fxtranslate and Marian (`max-length-break`) do.
    pub fn sentence(&self, sentence: &str) -> String {
        let rows = self.rows(sentence);
        let mut out = String::new();
        for row in &rows.sources {
            let mut pieces = self.engine.greedy(row);
            pieces.truncate(rows.limit);
            out.push_str(&self.target.decode(&pieces));
        }
        out
    }

    /// Translates several sentences decoded together, in batches of up to
    /// [`MAX_BATCH_ROWS`] rows of similar length: the same pieces as
    /// [`BoundedEngine::sentence`] on each (each row of fxtranslate's
    /// `greedy_batch` is computed as if alone, its padding masked), with one
    /// matrix product per layer and step for the whole batch instead of one per
    /// sentence.
    pub fn sentences(&self, sentences: &[&str]) -> Vec<String> {
        let per_sentence: Vec<Rows> = sentences.iter().map(|s| self.rows(s)).collect();
        // Every slice of every sentence, as (sentence, slice) with its source.
        let mut all: Vec<(usize, usize, &[u32])> = per_sentence
            .iter()
            .enumerate()
            .flat_map(|(i, rows)| {
                rows.sources
                    .iter()
                    .enumerate()
                    .map(move |(j, row)| (i, j, row.as_slice()))
            })
            .collect();
        // Rows of similar length together: a batch is padded to its longest row.
        all.sort_by_key(|&(_, _, row)| row.len());
        let mut pieces: Vec<Vec<Vec<u32>>> = per_sentence
            .iter()
            .map(|rows| vec![Vec::new(); rows.sources.len()])
            .collect();
        for batch in all.chunks(MAX_BATCH_ROWS) {
            let sources: Vec<Vec<u32>> = batch.iter().map(|&(_, _, row)| row.to_vec()).collect();
            for (&(i, j, _), mut out) in batch.iter().zip(self.engine.greedy_batch(&sources)) {
                out.truncate(per_sentence[i].limit);
                pieces[i][j] = out;
            }
        }
        pieces
            .iter()
            .map(|slices| {
                slices
                    .iter()
                    .map(|slice| self.target.decode(slice))
                    .collect::<String>()
            })
            .collect()
    }

    /// What the engine is given for `sentence`: its window-sized slices, each
    /// with the end piece (one empty row for an empty sentence), and the most
    /// pieces each slice's translation may have.
    fn rows(&self, sentence: &str) -> Rows {
        let ids = self.source.encode(sentence);
        let eos = self.source.eos_id();
        let slices: Vec<&[u32]> = ids.chunks(MAX_SOURCE_TOKENS.max(1)).collect();
        // Marian decodes a sentence's slices as one batch, and its limit is the
        // batch's: twice the widest slice (with its end), for the short last slice
        // too.
        let widest = slices
            .iter()
            .map(|slice| slice.len() + 1)
            .max()
            .unwrap_or(1);
        let sources = slices
            .iter()
            .copied()
            .chain(ids.is_empty().then_some(&[][..]))
            .map(|slice| {
                let mut source = slice.to_vec();
                source.push(eos);
                source
            })
            .collect();
        Rows {
            sources,
            limit: max_target_pieces(widest),
        }
    }

    /// Translates a line sentence by sentence (Hamish's splitter), keeping the
    /// spaces between the sentences as they were.
    pub fn line(&self, line: &str) -> String {
        let spans = SentenceSplitter.sentences(line);
        let outputs: Vec<String> = spans
            .iter()
            .map(|span| self.sentence(span.of(line)))
            .collect();
        reassemble(line, &spans, &outputs)
    }

    /// Translates a section: every sentence of every line decoded together
    /// ([`BoundedEngine::sentences`]), put back line by line with the spaces and
    /// line breaks as they were; blank lines stay blank. The same text as
    /// [`BoundedEngine::line`] on each line.
    pub fn section(&self, text: &str) -> String {
        let lines: Vec<(&str, Vec<Span>)> = text
            .split_inclusive('\n')
            .map(|line| line.trim_end_matches(['\n', '\r']))
            .filter(|content| !content.trim().is_empty())
            .map(|content| (content, SentenceSplitter.sentences(content)))
            .collect();
        let sentences: Vec<&str> = lines
            .iter()
            .flat_map(|(line, spans)| spans.iter().map(|span| span.of(line)))
            .collect();
        let mut translated = self.sentences(&sentences).into_iter();
        let mut lines = lines.into_iter();
        let joined = by_lines(text, |content| {
            // `by_lines` visits exactly the non-blank lines gathered above; were it
            // ever to differ, the line is translated on its own.
            let out = match lines.next() {
                Some((line, spans)) if line == content => {
                    let outputs: Vec<String> = translated.by_ref().take(spans.len()).collect();
                    reassemble(line, &spans, &outputs)
                }
                _ => self.line(content),
            };
            Ok::<_, Infallible>(out)
        });
        match joined {
            Ok(text) => text,
            Err(never) => match never {},
        }
    }
}

/// The most rows decoded in one batch: enough that a section's sentences share
/// their matrix products, few enough that padding and the scratch memory of a
/// batch stay small.
pub const MAX_BATCH_ROWS: usize = 16;

/// One sentence's rows for the engine.
struct Rows {
    /// Its slices, each ending with the end-of-sentence piece.
    sources: Vec<Vec<u32>>,
    /// The most pieces a slice's translation may have.
    limit: usize,
}
