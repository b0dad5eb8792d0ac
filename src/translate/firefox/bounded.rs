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
//! a page together, a short one may run longer than here; Hamish translates each
//! sentence on its own, as bergamot does for a text of one sentence.)

use fxtranslate::engine::Engine;
use fxtranslate::segment::{MAX_SOURCE_TOKENS, Segmenter, reassemble};
use fxtranslate::spm::SpmVocab;

use super::sentences::SentenceSplitter;

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
        let mut out = String::new();
        for slice in slices
            .iter()
            .copied()
            .chain(ids.is_empty().then_some(&[][..]))
        {
            let mut source = slice.to_vec();
            source.push(eos);
            let mut pieces = self.engine.greedy(&source);
            pieces.truncate(max_target_pieces(widest));
            out.push_str(&self.target.decode(&pieces));
        }
        out
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
}
