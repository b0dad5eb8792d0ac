//! Sentences linked within one row: a section and its translation aligned sentence by
//! sentence, so that pointing at a sentence on one side can light its counterpart on
//! the other.
//!
//! Whatever made the row's translation (a line-aligned file, a TMX or XLIFF unit, the
//! reader, a machine), the row holds one section and one translation text; they are
//! aligned as a one-section, one-line pair by [`super::align`] ([`RowLinks::new`]).
//! [`RowLinksCache`] keeps each row's result under a hash of both its texts, so a row
//! is aligned once, and again only after one of its texts changed (an edit of that
//! row's translation leaves the other rows' results alone).
//!
//! A row costs tens of microseconds for a paragraph of a few sentences (see the
//! `reading_view` benchmark), so the reading view aligns a row when it first needs
//! it (the row pointed at, the row under the sentence cursor): at most a few rows in
//! a frame, never the whole article. Texts past [`MAX_ROW_BYTES`] are cut into
//! sentences but not aligned, so no row can stall a frame.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use super::{Evidence, Link, align, sentences};

/// A section or a translation longer than this, in bytes, is not aligned within its
/// row (its sentences are still found): about forty pages of text in one paragraph.
pub const MAX_ROW_BYTES: usize = 64 * 1024;

/// The most rows a [`RowLinksCache`] keeps; past it, it starts again empty.
const MAX_CACHED_ROWS: usize = 4096;

/// Which text of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The article's section.
    Article,
    /// Its translation.
    Translation,
}

/// One row's section and translation, cut into sentences and linked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowLinks {
    /// The section's sentences, as byte ranges of its text.
    pub article: Vec<Range<usize>>,
    /// The translation's sentences, as byte ranges of its text.
    pub translation: Vec<Range<usize>>,
    /// The links between them, in order (as [`super::Alignment::links`]); empty when
    /// one side has no sentence or the texts are too long to align here.
    pub links: Vec<Link>,
}

/// The sentences of one link, on both sides, as indices into [`RowLinks::article`]
/// and [`RowLinks::translation`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Linked {
    /// The article's sentences.
    pub article: Range<usize>,
    /// The translation's sentences.
    pub translation: Range<usize>,
}

impl RowLinks {
    /// Aligns `section` with its `translation` (either may be empty).
    pub fn new(section: &str, translation: &str) -> Self {
        let too_long = section.len() > MAX_ROW_BYTES || translation.len() > MAX_ROW_BYTES;
        if too_long {
            return Self {
                article: sentences(section),
                translation: sentences(translation),
                links: Vec::new(),
            };
        }
        match align(&[section], &[translation], Evidence::default()) {
            Ok(alignment) => Self {
                article: alignment.article.into_iter().map(|s| s.range).collect(),
                translation: alignment.translation.into_iter().map(|s| s.range).collect(),
                links: alignment.links,
            },
            // One side has no sentence: nothing to link, the other's sentences still
            // are sentences (the cursor steps through them).
            Err(_) => Self {
                article: sentences(section),
                translation: sentences(translation),
                links: Vec::new(),
            },
        }
    }

    /// The sentences of `side`.
    pub fn sentences(&self, side: Side) -> &[Range<usize>] {
        match side {
            Side::Article => &self.article,
            Side::Translation => &self.translation,
        }
    }

    /// The sentence of `side` holding byte `offset` of its text: the one it falls in,
    /// or in the gap after a sentence, that sentence; `None` before the first one.
    pub fn sentence_at(&self, side: Side, offset: usize) -> Option<usize> {
        let sentences = self.sentences(side);
        // The sentences start in order: the last one starting at or before `offset`.
        sentences
            .partition_point(|range| range.start <= offset)
            .checked_sub(1)
    }

    /// The link sentence `sentence` of `side` is in: itself and its counterparts.
    /// A sentence in no two-sided link (a translator's note, a sentence left
    /// untranslated) is linked to nothing but itself.
    pub fn linked(&self, side: Side, sentence: usize) -> Linked {
        let in_link = |link: &&Link| match side {
            Side::Article => link.article.contains(&sentence),
            Side::Translation => link.translation.contains(&sentence),
        };
        match self.links.iter().find(in_link) {
            Some(link) => Linked {
                article: link.article.clone(),
                translation: link.translation.clone(),
            },
            None => match side {
                Side::Article => Linked {
                    article: sentence..sentence + 1,
                    translation: 0..0,
                },
                Side::Translation => Linked {
                    article: 0..0,
                    translation: sentence..sentence + 1,
                },
            },
        }
    }

    /// The byte ranges of `linked`'s sentences on `side`.
    pub fn ranges(&self, linked: &Linked, side: Side) -> Vec<Range<usize>> {
        let indices = match side {
            Side::Article => linked.article.clone(),
            Side::Translation => linked.translation.clone(),
        };
        self.sentences(side)
            .get(indices)
            .map(<[Range<usize>]>::to_vec)
            .unwrap_or_default()
    }

    /// The pairs of sentences that translate each other, as byte ranges of the
    /// section and of the translation: one pair per two-sided link, each side from
    /// its link's first sentence to its last (with what lies between them).
    pub fn pairs(&self) -> Vec<(Range<usize>, Range<usize>)> {
        let span = |sentences: &[Range<usize>], indices: &Range<usize>| {
            let first = sentences.get(indices.start)?;
            let last = sentences.get(indices.end.checked_sub(1)?)?;
            Some(first.start..last.end)
        };
        self.links
            .iter()
            .filter(|link| link.is_two_sided())
            .filter_map(|link| {
                Some((
                    span(&self.article, &link.article)?,
                    span(&self.translation, &link.translation)?,
                ))
            })
            .collect()
    }
}

/// Each row's [`RowLinks`], kept under a hash of the row's two texts.
#[derive(Debug, Default)]
pub struct RowLinksCache {
    rows: HashMap<usize, (u64, Arc<RowLinks>)>,
    /// How many rows were aligned, for tests and benchmarks.
    computed: usize,
}

impl RowLinksCache {
    /// Row `row`'s links for `section` and `translation`: kept from before when both
    /// texts are the ones it was aligned for, aligned now otherwise.
    pub fn get(&mut self, row: usize, section: &str, translation: &str) -> Arc<RowLinks> {
        let key = texts_hash(section, translation);
        if let Some((hash, links)) = self.rows.get(&row)
            && *hash == key
        {
            return Arc::clone(links);
        }
        if self.rows.len() >= MAX_CACHED_ROWS {
            self.rows.clear();
        }
        let links = Arc::new(RowLinks::new(section, translation));
        self.computed += 1;
        self.rows.insert(row, (key, Arc::clone(&links)));
        links
    }

    /// How many rows were aligned since the cache was made (a row kept counts once).
    pub fn computed(&self) -> usize {
        self.computed
    }
}

/// A hash of a row's two texts (each with its length, so no split of one text
/// between the two hashes the same).
fn texts_hash(section: &str, translation: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    section.hash(&mut hasher);
    translation.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTION: &str = "قال الرئيس إن القمة ستعقد في 23 نوفمبر. وأضاف أن ستة أعضاء سيحضرون.";
    const TRANSLATION: &str = "The president said the summit will be held on 23 November. He added that six members will attend.";

    #[test]
    fn a_row_links_its_sentences_in_order() {
        let links = RowLinks::new(SECTION, TRANSLATION);
        assert_eq!(links.article.len(), 2);
        assert_eq!(links.translation.len(), 2);
        let second_arabic = links.article[1].start;
        let at = links
            .sentence_at(Side::Article, second_arabic + 3)
            .expect("in a sentence");
        assert_eq!(at, 1);
        let linked = links.linked(Side::Article, 1);
        let english = links.ranges(&linked, Side::Translation);
        assert_eq!(english.len(), 1);
        assert_eq!(
            &TRANSLATION[english[0].clone()],
            "He added that six members will attend."
        );
        // And back: the first English sentence lights the first Arabic one.
        let linked = links.linked(Side::Translation, 0);
        let arabic = links.ranges(&linked, Side::Article);
        assert_eq!(
            &SECTION[arabic[0].clone()],
            "قال الرئيس إن القمة ستعقد في 23 نوفمبر."
        );
        assert_eq!(links.pairs().len(), 2);
    }

    #[test]
    fn a_row_without_translation_still_has_its_sentences() {
        let links = RowLinks::new(SECTION, "");
        assert_eq!(links.article.len(), 2);
        assert!(links.links.is_empty());
        assert_eq!(
            links.linked(Side::Article, 1),
            Linked {
                article: 1..2,
                translation: 0..0
            }
        );
        assert_eq!(links.sentence_at(Side::Translation, 0), None);
    }

    #[test]
    fn a_row_is_aligned_once_and_again_only_after_its_text_changed() {
        let mut cache = RowLinksCache::default();
        let first = cache.get(0, SECTION, TRANSLATION);
        cache.get(1, SECTION, "Another row.");
        assert_eq!(cache.computed(), 2);
        for _ in 0..10 {
            assert_eq!(cache.get(0, SECTION, TRANSLATION), first);
            cache.get(1, SECTION, "Another row.");
        }
        assert_eq!(cache.computed(), 2, "kept rows are not aligned again");
        // The reader edits row 0's translation: row 0 only is aligned again.
        let edited = cache.get(0, SECTION, "The president spoke. He added more.");
        assert_eq!(cache.computed(), 3);
        assert_ne!(edited, first);
        cache.get(1, SECTION, "Another row.");
        assert_eq!(cache.computed(), 3, "the other row is kept");
    }

    #[test]
    fn a_huge_row_is_cut_but_not_aligned() {
        let long = "A sentence. ".repeat(MAX_ROW_BYTES / 10);
        let links = RowLinks::new(SECTION, &long);
        assert!(links.links.is_empty());
        assert!(links.translation.len() > 1000);
    }
}
