//! Shape once, wrap many times: shaped paragraphs kept by text, emphasis and the
//! style's shaping fields, so a new width, text size or zoom re-wraps the glyphs
//! already shaped instead of shaping the paragraph again.
//!
//! cosmic-text shapes in font units (advances are fractions of the em), so one shaping
//! serves every size: a kept `Buffer` given new metrics or a new width only lays its
//! shaped lines out again (`Buffer::set_metrics_and_size` marks it for relayout, not
//! reshaping). A shaped `Buffer` costs about 100 bytes per byte of text, so the cache
//! is bounded both by paragraphs and by the text they hold, the least recently used
//! dropped first.
//!
//! Across paragraphs, words are kept by cosmic-text's own shape-run cache (its
//! feature `shape-run-cache`, through ours `word-cache`, on by default; one entry per
//! word run and attributes): common words are shaped
//! once per session. That cache has no size of its own, only ages; it is trimmed after
//! every [`WORD_WINDOW_BYTES`] of newly shaped text, keeping the words used in that
//! window, so it holds at most the distinct words of two windows.

use std::hash::{DefaultHasher, Hash, Hasher as _};

use cosmic_text::{Buffer, FontSystem, Metrics};

use crate::model::EmphasisSpan;
use crate::text::style::TextStyle;

/// Shaped paragraphs kept at most. A screen shows a few dozen; this leaves room for
/// the side columns, headings and scrolling back.
pub(crate) const SHAPED_CAPACITY: usize = 256;

/// Text (bytes) the kept paragraphs may hold together: about 50 MB of shaped glyphs.
/// A paragraph longer than this alone is still kept, on its own.
pub(crate) const SHAPED_TEXT_BUDGET: usize = 512 * 1024;

/// Text shaped between two trims of the word cache.
pub(crate) const WORD_WINDOW_BYTES: usize = 64 * 1024;

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
    buffer: Buffer,
    last_used: u64,
}

/// The kept shaped paragraphs, least recently used dropped first.
#[derive(Default)]
pub(super) struct ShapedParagraphs {
    entries: Vec<ShapedParagraph>,
    text_bytes: usize,
    uses: u64,
    /// Text shaped since the word cache was last trimmed.
    bytes_since_word_trim: usize,
}

impl ShapedParagraphs {
    /// How many paragraphs are kept.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The kept buffer of `text` with `emphasis` shaped in `style`'s face, if any.
    pub(super) fn find(
        &mut self,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
    ) -> Option<&mut Buffer> {
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
        Some(&mut entry.buffer)
    }

    /// Keeps a newly shaped `buffer`, dropping the least recently used paragraphs past
    /// the bounds, and trims the word cache when a window of text has been shaped.
    #[cfg_attr(not(feature = "word-cache"), allow(unused_variables))]
    pub(super) fn insert(
        &mut self,
        fonts: &mut FontSystem,
        text: &str,
        emphasis: &[EmphasisSpan],
        style: &TextStyle,
        buffer: Buffer,
    ) -> &mut Buffer {
        self.bytes_since_word_trim += text.len();
        if self.bytes_since_word_trim > WORD_WINDOW_BYTES {
            // Keeps the words used since the last trim; the older ones go.
            #[cfg(feature = "word-cache")]
            fonts.shape_run_cache.trim(0);
            self.bytes_since_word_trim = 0;
        }
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
            buffer,
            last_used: self.uses,
        });
        let last = self.entries.len() - 1;
        &mut self.entries[last].buffer
    }

    /// A buffer to shape into: the least recently used one's, if the cache is full (its
    /// allocations are reused), or a new one.
    pub(super) fn spare_buffer(&mut self, fonts: &mut FontSystem, metrics: Metrics) -> Buffer {
        if self.entries.len() >= SHAPED_CAPACITY
            && let Some(evicted) = self.evict_least_recently_used()
        {
            return evicted;
        }
        Buffer::new(fonts, metrics)
    }

    fn evict_least_recently_used(&mut self) -> Option<Buffer> {
        let (index, _) = self
            .entries
            .iter()
            .enumerate()
            .min_by_key(|(_, entry)| entry.last_used)?;
        let evicted = self.entries.swap_remove(index);
        self.text_bytes -= evicted.text.len();
        Some(evicted.buffer)
    }
}

fn key_hash(text: &str, emphasis: &[EmphasisSpan], shaping: &TextStyle) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    emphasis.hash(&mut hasher);
    shaping.cache_key().hash(&mut hasher);
    hasher.finish()
}

#[cfg(all(test, feature = "word-cache"))]
mod tests {
    use cosmic_text::{Attrs, AttrsOwned, Family, ShapeRunKey, Weight};

    use super::WORD_WINDOW_BYTES;
    use crate::text::{TextEngine, TextStyle};

    /// Whether the word cache holds `word` shaped in the body face.
    fn word_is_cached(engine: &mut TextEngine, word: &str) -> bool {
        let attrs = Attrs::new()
            .family(Family::Name("Amiri"))
            .weight(Weight::NORMAL);
        let key = ShapeRunKey {
            text: word.to_owned(),
            default_attrs: AttrsOwned::new(&attrs),
            attrs_spans: Vec::new(),
        };
        engine.fonts().shape_run_cache.get(&key).is_some()
    }

    #[test]
    fn words_are_shaped_once_across_paragraphs_and_forgotten_when_unused() {
        let mut engine = TextEngine::new();
        let style = TextStyle::body(20.0);
        assert!(!word_is_cached(&mut engine, "قرغيزستان"));
        engine.layout("نقلاً عن وزارة الدفاع في قرغيزستان", &style, 400.0, 1.0);
        assert!(word_is_cached(&mut engine, "قرغيزستان"));
        assert!(word_is_cached(&mut engine, "الدفاع"));
        // Text that never uses the word, more than two windows of it: the cache is
        // trimmed and the word goes, so the cache stays bounded.
        let mut shaped = 0;
        let mut i = 0;
        while shaped < 3 * WORD_WINDOW_BYTES {
            let text = format!("فقرة رقم {i} من نص طويل لا يذكر ذلك البلد {}", i * 7);
            engine.layout(&text, &style, 400.0, 1.0);
            shaped += text.len();
            i += 1;
        }
        assert!(!word_is_cached(&mut engine, "قرغيزستان"));
        assert!(word_is_cached(&mut engine, "طويل"), "a word in use stays");
    }
}
