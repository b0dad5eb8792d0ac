//! Shaped words kept across paragraphs, so a word is shaped once per session however
//! many paragraphs use it: what Gecko, Servo and Ladybird do with their word caches.
//!
//! A word is what cosmic-text shapes as one unit (text between two line-break
//! opportunities, or one whitespace character), and its shaping depends only on its
//! text, its attributes and the direction it is shaped in: a word is given to the
//! shaper alone, without the text around it. So the glyphs of `(attributes, direction,
//! text)` can be kept, with their clusters relative to the word's start, and copied
//! into any paragraph that uses the word again.
//!
//! cosmic-text has a cache of its own (feature `shape-run-cache`), but its key is an
//! owned `String` and an owned copy of the attributes, made for every word looked up,
//! hit or miss; and its only bound is age. Here a lookup borrows the text (the map is
//! keyed by `Box<str>` per attributes and direction, looked up by `&str`, with a fast
//! hasher), attributes are interned once per paragraph, and the size is bounded by
//! two generations: new and used words go into the young one; when it holds
//! [`WORDS_PER_GENERATION`] words it becomes the old one and the previous old one is
//! dropped. A word found in the old generation moves back to the young one. So at most
//! twice that many words are kept, and the words in use never leave.

use std::collections::HashMap;

use cosmic_text::{Attrs, AttrsOwned, ShapeGlyph};
use rustc_hash::FxBuildHasher;

/// Words kept in one generation. Two generations are kept, so at most twice this many
/// words: about 8 MB of glyphs for Arabic words of six glyphs.
pub(crate) const WORDS_PER_GENERATION: usize = 8192;

/// What a word is shaped with besides its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct WordStyle {
    /// The word's attributes, as interned by [`WordCache::attrs_id`].
    pub attrs: u32,
    /// True when the word is shaped right to left (an odd bidi level).
    pub rtl: bool,
}

type Words = HashMap<Box<str>, Box<[ShapeGlyph]>, FxBuildHasher>;
type Generation = HashMap<WordStyle, Words, FxBuildHasher>;

/// The kept shaped words and the interned attributes they were shaped with.
#[derive(Default)]
pub(super) struct WordCache {
    young: Generation,
    young_words: usize,
    old: Generation,
    attrs: Vec<AttrsOwned>,
    /// Words found kept, since the engine started.
    pub hits: u64,
    /// Words shaped, since the engine started (kept or not).
    pub misses: u64,
}

impl WordCache {
    /// A number standing for `attrs` in [`WordStyle`]: the same attributes always get
    /// the same number, until [`Self::clear`].
    pub(super) fn attrs_id(&mut self, attrs: &Attrs) -> u32 {
        if let Some(index) = self.attrs.iter().position(|kept| kept.as_attrs() == *attrs) {
            return index as u32;
        }
        self.attrs.push(AttrsOwned::new(attrs));
        (self.attrs.len() - 1) as u32
    }

    /// How many attributes are interned.
    pub(super) fn attrs_count(&self) -> usize {
        self.attrs.len()
    }

    /// The attributes interned as `id`.
    pub(super) fn attrs(&self, id: u32) -> Option<&AttrsOwned> {
        self.attrs.get(id as usize)
    }

    /// The glyphs of `text` shaped in `style`, clusters relative to the word's start,
    /// if they are kept.
    pub(super) fn get(&mut self, style: WordStyle, text: &str) -> Option<&[ShapeGlyph]> {
        let in_young = self
            .young
            .get(&style)
            .is_some_and(|words| words.contains_key(text));
        if !in_young {
            let (key, glyphs) = self.old.get_mut(&style)?.remove_entry(text)?;
            self.insert_young(style, key, glyphs);
        }
        self.hits += 1;
        self.young
            .get(&style)
            .and_then(|words| words.get(text))
            .map(|glyphs| &glyphs[..])
    }

    /// Keeps the glyphs of `text` shaped in `style`, clusters relative to its start.
    pub(super) fn insert(&mut self, style: WordStyle, text: &str, glyphs: Box<[ShapeGlyph]>) {
        self.insert_young(style, text.into(), glyphs);
    }

    /// Words kept now, in both generations.
    pub(super) fn len(&self) -> usize {
        let count = |generation: &Generation| generation.values().map(HashMap::len).sum::<usize>();
        count(&self.young) + count(&self.old)
    }

    /// Forgets every word and attribute.
    pub(super) fn clear(&mut self) {
        self.young.clear();
        self.old.clear();
        self.young_words = 0;
        self.attrs.clear();
    }

    fn insert_young(&mut self, style: WordStyle, text: Box<str>, glyphs: Box<[ShapeGlyph]>) {
        if self.young_words >= WORDS_PER_GENERATION {
            self.old = std::mem::take(&mut self.young);
            self.young_words = 0;
        }
        if self
            .young
            .entry(style)
            .or_default()
            .insert(text, glyphs)
            .is_none()
        {
            self.young_words += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use cosmic_text::{Attrs, Family, Weight};

    use super::*;

    fn glyphs(n: u16) -> Box<[ShapeGlyph]> {
        (0..n)
            .map(|glyph_id| ShapeGlyph {
                start: 0,
                end: 1,
                x_advance: 0.5,
                y_advance: 0.0,
                x_offset: 0.0,
                y_offset: 0.0,
                ascent: 0.8,
                descent: 0.2,
                font_monospace_em_width: None,
                font_id: cosmic_text::fontdb::ID::dummy(),
                font_weight: Weight::NORMAL,
                glyph_id,
                color_opt: None,
                metadata: 0,
                cache_key_flags: cosmic_text::CacheKeyFlags::empty(),
                metrics_opt: None,
            })
            .collect()
    }

    #[test]
    fn attributes_are_interned() {
        let mut cache = WordCache::default();
        let amiri = Attrs::new().family(Family::Name("Amiri"));
        let bold = amiri.clone().weight(Weight::BOLD);
        let a = cache.attrs_id(&amiri);
        let b = cache.attrs_id(&bold);
        assert_ne!(a, b);
        assert_eq!(cache.attrs_id(&amiri.clone()), a);
        assert_eq!(cache.attrs_id(&bold), b);
    }

    #[test]
    fn words_are_kept_by_style_and_text() {
        let mut cache = WordCache::default();
        let rtl = WordStyle {
            attrs: 0,
            rtl: true,
        };
        let ltr = WordStyle {
            attrs: 0,
            rtl: false,
        };
        let bold = WordStyle {
            attrs: 1,
            rtl: true,
        };
        cache.insert(rtl, "كلمة", glyphs(4));
        assert_eq!(cache.get(rtl, "كلمة").map(<[_]>::len), Some(4));
        assert!(
            cache.get(ltr, "كلمة").is_none(),
            "direction is part of the key"
        );
        assert!(
            cache.get(bold, "كلمة").is_none(),
            "attributes are part of the key"
        );
        assert!(cache.get(rtl, "كلمات").is_none());
        assert_eq!(cache.hits, 1);
    }

    #[test]
    fn the_cache_is_bounded_and_keeps_the_words_in_use() {
        let mut cache = WordCache::default();
        let style = WordStyle {
            attrs: 0,
            rtl: true,
        };
        cache.insert(style, "مستعمل", glyphs(3));
        cache.insert(style, "منسي", glyphs(2));
        for i in 0..3 * WORDS_PER_GENERATION {
            cache.insert(style, &format!("كلمة{i}"), glyphs(1));
            // One word used all along, as "في" or a space is.
            if i % 1000 == 0 {
                assert!(cache.get(style, "مستعمل").is_some());
            }
            assert!(cache.len() <= 2 * WORDS_PER_GENERATION + 2);
        }
        assert!(cache.get(style, "مستعمل").is_some(), "a word in use stays");
        assert!(cache.get(style, "منسي").is_none(), "an unused word goes");
    }
}
