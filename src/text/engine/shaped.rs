//! Shape once, wrap many times: shaped paragraphs kept by text, emphasis and the
//! style's shaping fields, so a new width, text size or zoom re-wraps the glyphs
//! already shaped instead of shaping the paragraph again.
//!
//! cosmic-text shapes in font units (advances are fractions of the em), so one shaping
//! serves every size: a kept paragraph (one cosmic-text `ShapeLine` per line of its
//! text) is only laid out again at a new width or size. A shaped paragraph costs about
//! 50 bytes per byte of text, so the cache is bounded both by paragraphs and by the
//! text they hold, the least recently used dropped first.
//!
//! Across paragraphs, words are kept by the [`super::words::WordCache`].

use std::hash::{DefaultHasher, Hash, Hasher as _};

use cosmic_text::ShapeLine;

use crate::model::EmphasisSpan;
use crate::text::style::TextStyle;

/// Shaped paragraphs kept at most. A screen shows a few dozen; this leaves room for
/// the side columns, headings and scrolling back.
pub(crate) const SHAPED_CAPACITY: usize = 256;

/// Text (bytes) the kept paragraphs may hold together: about 25 MB of shaped glyphs.
/// A paragraph longer than this alone is still kept, on its own.
pub(crate) const SHAPED_TEXT_BUDGET: usize = 512 * 1024;

/// One line of a paragraph's text (between line breaks), shaped.
pub(super) struct ShapedLine {
    /// Where the line starts in the paragraph's text.
    pub start: usize,
    /// Where it ends (before its line break).
    pub end: usize,
    pub shape: ShapeLine,
}

/// The fields of a style that change shaping. Everything but the size and the line
/// height: a field added to [`TextStyle`] joins this key (and so reshapes when it
/// changes) unless it is blanked here too.
pub(crate) fn shaping_style(style: &TextStyle) -> TextStyle {
    TextStyle {
        size_pt: 0.0,
        line_height: 0.0,
        ..*style
    }
}

/// A hash of anything hashable, for cache keys.
pub(crate) fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// One shaped paragraph and what it was shaped from.
struct ShapedParagraph {
    /// Hash of the text, emphasis and shaping style, to find it quickly.
    hash: u64,
    text: String,
    emphasis: Vec<EmphasisSpan>,
    /// [`shaping_style`] of the style it was shaped in; compared whole, so a field the
    /// hash leaves out still tells two styles apart.
    style: TextStyle,
    lines: Vec<ShapedLine>,
    last_used: u64,
}

/// The kept shaped paragraphs, least recently used dropped first.
#[derive(Default)]
pub(super) struct ShapedParagraphs {
    entries: Vec<ShapedParagraph>,
    text_bytes: usize,
    uses: u64,
}

impl ShapedParagraphs {
    /// How many paragraphs are kept.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The kept shaping of `text` with `emphasis` in `style`'s face, if any.
    pub(super) fn find(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
    ) -> Option<&[ShapedLine]> {
        let shaping = shaping_style(style);
        let hash = key_hash(text, emphasis, &shaping);
        self.uses += 1;
        let uses = self.uses;
        let entry = self.entries.iter_mut().find(|entry| {
            entry.hash == hash
                && entry.style == shaping
                && entry.text == text
                && entry.emphasis == emphasis
        })?;
        entry.last_used = uses;
        Some(&entry.lines)
    }

    /// Keeps a newly shaped paragraph, dropping the least recently used ones past the
    /// bounds.
    pub(super) fn insert(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        lines: Vec<ShapedLine>,
    ) -> &[ShapedLine] {
        while !self.entries.is_empty()
            && (self.entries.len() >= SHAPED_CAPACITY
                || self.text_bytes + text.len() > SHAPED_TEXT_BUDGET)
        {
            self.evict_least_recently_used();
        }
        let shaping = shaping_style(style);
        self.uses += 1;
        self.text_bytes += text.len();
        self.entries.push(ShapedParagraph {
            hash: key_hash(text, emphasis, &shaping),
            text: text.to_owned(),
            emphasis: emphasis.to_vec(),
            style: shaping,
            lines,
            last_used: self.uses,
        });
        let last = self.entries.len() - 1;
        &self.entries[last].lines
    }

    fn evict_least_recently_used(&mut self) {
        let Some((index, _)) = self
            .entries
            .iter()
            .enumerate()
            .min_by_key(|(_, entry)| entry.last_used)
        else {
            return;
        };
        let evicted = self.entries.swap_remove(index);
        self.text_bytes -= evicted.text.len();
    }
}

fn key_hash(text: &str, emphasis: &[EmphasisSpan], shaping: &TextStyle) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    emphasis.hash(&mut hasher);
    shaping.cache_key().hash(&mut hasher);
    hasher.finish()
}
