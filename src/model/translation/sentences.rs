//! What the sidecar keeps about a translation lined up sentence by sentence: the
//! reader's pins (their corrections) and the aligner's result, cached.
//!
//! A companion that does not line up one to one is aligned sentence by sentence
//! (`align/`, wired in the app). That takes time, so its result is kept under a key
//! naming everything it depends on ([`SentenceCache::key`]: the lines aligned, the
//! pins and the aligner's version); it is made again only when one of those changes.
//! It is a cache: losing it costs a re-alignment, never the reader's work.
//!
//! The reader's pins are their work: a [`SentencePin`] is a point every alignment
//! passes through ("the first `article` sentences of the article go with the first
//! `translation` sentences of the translation"), which is what moving a translation
//! sentence to the previous or next section, or pinning it to an article sentence,
//! makes. Like the alignment fixes, they were made on particular lines and are
//! applied only while the file still has them ([`FilePins::fingerprint`]).
//!
//! Both live in the sidecar beside the fixes, as fields every older file reads as
//! empty. The cache can be made again, so it rides in version 2; pins are the
//! reader's, so a file holding any is written as version 3, which a build that knows
//! only version 2 (and would drop them at its next save) recognises as newer and never
//! rewrites (see `store::format`):
//!
//! ```json
//! "pins": [ { "file": "003.en.txt", "language": "en", "fingerprint": "…",
//!             "pins": [ { "article": 4, "translation": 3 } ] } ],
//! "sentence_cache": [ { "file": "003.en.txt", "language": "en", "key": "…",
//!                       "links": "0-1:0-1:982 1-3:1-2:741 …" } ]
//! ```

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A point every alignment of a file passes through: the first `article` sentences
/// of the article go with the first `translation` sentences of the translation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SentencePin {
    /// Article sentences before the point.
    pub article: usize,
    /// Translation sentences before the point.
    pub translation: usize,
}

/// The reader's pins on one translation file's sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilePins {
    /// The file's name, as in [`super::TranslationFile::file`].
    pub file: String,
    /// The language of the translations pinned.
    pub language: String,
    /// [`super::segments_fingerprint`] of the lines the pins were made on.
    pub fingerprint: String,
    /// The pins, in the order they were made (a newer one wins over an older one it
    /// contradicts).
    pub pins: Vec<SentencePin>,
}

/// A cached sentence alignment of one translation file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SentenceCache {
    /// The file's name.
    pub file: String,
    /// The language of its translations.
    pub language: String,
    /// What the alignment was made from: the lines' fingerprint, the pins and the
    /// aligner's version (see [`cache_key`]).
    pub key: String,
    /// The links, as [`encode_links`] writes them.
    pub links: String,
}

/// A link of a cached alignment: article sentences, translation sentences (indices
/// into each text's sentences) and the confidence in thousandths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedLink {
    /// Article sentences.
    pub article: Range<usize>,
    /// Translation sentences.
    pub translation: Range<usize>,
    /// Confidence, 0 to 1000.
    pub confidence_permille: u16,
}

/// The key a cached alignment is kept under: everything the alignment depends on.
pub fn cache_key(lines_fingerprint: &str, pins: &[SentencePin], aligner_version: u32) -> String {
    let pins: Vec<String> = pins
        .iter()
        .map(|pin| format!("{}.{}", pin.article, pin.translation))
        .collect();
    format!("v{aligner_version}/{lines_fingerprint}/{}", pins.join(","))
}

/// Links in a compact text (`a0-a1:t0-t1:confidence`, space-separated): an article's
/// alignment holds thousands of them, and one a line in the pretty sidecar would be
/// five lines each.
pub fn encode_links(links: &[CachedLink]) -> String {
    let encoded: Vec<String> = links
        .iter()
        .map(|link| {
            format!(
                "{}-{}:{}-{}:{}",
                link.article.start,
                link.article.end,
                link.translation.start,
                link.translation.end,
                link.confidence_permille
            )
        })
        .collect();
    encoded.join(" ")
}

/// The links [`encode_links`] wrote, or `None` if `text` is not such a list (a cache
/// that cannot be read is made again).
pub fn decode_links(text: &str) -> Option<Vec<CachedLink>> {
    let range = |part: &str| -> Option<Range<usize>> {
        let (start, end) = part.split_once('-')?;
        let (start, end) = (start.parse().ok()?, end.parse().ok()?);
        (start <= end).then_some(start..end)
    };
    text.split_ascii_whitespace()
        .map(|link| {
            let mut parts = link.split(':');
            let article = range(parts.next()?)?;
            let translation = range(parts.next()?)?;
            let confidence_permille: u16 = parts.next()?.parse().ok()?;
            (parts.next().is_none() && confidence_permille <= 1000).then_some(CachedLink {
                article,
                translation,
                confidence_permille,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip_and_damage_reads_as_none() {
        let links = vec![
            CachedLink {
                article: 0..1,
                translation: 0..2,
                confidence_permille: 982,
            },
            CachedLink {
                article: 1..1,
                translation: 2..3,
                confidence_permille: 500,
            },
        ];
        let text = encode_links(&links);
        assert_eq!(text, "0-1:0-2:982 1-1:2-3:500");
        assert_eq!(decode_links(&text), Some(links));
        for damaged in ["0-1:0-2", "0-1:0-2:1001", "2-1:0-1:5", "x", "0-1:0-1:5:6"] {
            assert_eq!(decode_links(damaged), None, "{damaged}");
        }
        assert_eq!(decode_links(""), Some(Vec::new()));
    }

    #[test]
    fn the_key_names_lines_pins_and_version() {
        let pin = SentencePin {
            article: 4,
            translation: 3,
        };
        assert_eq!(cache_key("abc", &[pin], 1), "v1/abc/4.3");
        assert_ne!(cache_key("abc", &[pin], 1), cache_key("abc", &[], 1));
        assert_ne!(cache_key("abc", &[], 1), cache_key("abc", &[], 2));
    }
}
