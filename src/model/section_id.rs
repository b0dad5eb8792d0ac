//! Sections' stable ids, and giving every section of an article its id in one pass.
//!
//! An id is FNV-1a over the section's trimmed NFC text, a 0xFF byte and the number of
//! sections with the same text before it (its occurrence). Notes on disk refer to
//! these values, so the function can never change; how fast it runs can. A book of
//! 100,000 sections is 60 MB of text: each byte is read once here, into a
//! [`TextHash`] (FNV's state after the text), which then serves both to count
//! occurrences (as the key of a map of borrowed texts, so no text is copied or
//! hashed a second time) and to finish the id. Large articles are hashed on two
//! threads: FNV is a chain of multiplications, one byte after another, so it cannot
//! go faster on one core.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use super::normalize::normalize;
use super::two_halves::{WORTH_A_THREAD, both};

/// A stable identifier of a section, derived from its text and the number of
/// sections with the same text before it.
///
/// The same article text always gives the same ids, and inserting or removing other
/// sections does not change a section's id: notes are attached to these. The text is
/// trimmed and taken in NFC, so the same words encoded differently (composed or
/// decomposed, UTF-8 or a legacy code page) give the same id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionId(pub u64);

impl serde::Serialize for SectionId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for SectionId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        u64::from_str_radix(&text, 16)
            .map(Self)
            .map_err(serde::de::Error::custom)
    }
}

impl SectionId {
    /// The id of the `occurrence`-th (from 0) section whose text is `text`.
    pub fn derive(text: &str, occurrence: u32) -> Self {
        TextHash::of(&normalize(text.trim())).id(occurrence)
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// FNV-1a: stable across platforms and compiler versions, unlike `DefaultHasher`.
const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

/// FNV-1a's state after a section's trimmed text: what its ids have in common.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TextHash(u64);

impl TextHash {
    /// The state after `text` (in NFC) without its surrounding white space.
    fn of(text: &str) -> Self {
        Self(fnv(OFFSET_BASIS, text.trim().as_bytes()))
    }

    /// The id of the `occurrence`-th section with this text.
    fn id(self, occurrence: u32) -> SectionId {
        let hash = fnv(self.0, &[0xff]);
        SectionId(fnv(hash, &occurrence.to_le_bytes()))
    }
}

/// The ids of sections whose texts, in NFC, are `texts`, in order: each is
/// [`SectionId::derive`] of its text and of how many sections before it have the
/// same trimmed text.
pub(super) fn section_ids<'a>(texts: &[&'a str]) -> Vec<SectionId> {
    let hashes = text_hashes(texts);
    // A text is known by its hash, and told apart from another with the same hash
    // by comparing the two.
    #[derive(PartialEq, Eq)]
    struct Seen<'a> {
        hash: u64,
        text: &'a str,
    }
    impl Hash for Seen<'_> {
        fn hash<H: Hasher>(&self, state: &mut H) {
            state.write_u64(self.hash);
        }
    }
    let mut seen = HashMap::<Seen<'a>, u32>::with_capacity(texts.len());
    texts
        .iter()
        .zip(hashes)
        .map(|(text, hash)| {
            let occurrence = seen
                .entry(Seen {
                    hash: hash.0,
                    text: text.trim(),
                })
                .or_default();
            let id = hash.id(*occurrence);
            *occurrence += 1;
            id
        })
        .collect()
}

/// [`TextHash::of`] every text, on two threads when there is much text.
fn text_hashes(texts: &[&str]) -> Vec<TextHash> {
    let hash_all = |texts: &[&str]| texts.iter().map(|text| TextHash::of(text)).collect();
    let bytes: usize = texts.iter().map(|text| text.len()).sum();
    if bytes < WORTH_A_THREAD {
        return hash_all(texts);
    }
    // Halves of the text, not of the sections: sections differ in length.
    let mut first_half = 0;
    let mut half_bytes = 0;
    while half_bytes < bytes / 2 {
        half_bytes += texts[first_half].len();
        first_half += 1;
    }
    let (first, second) = texts.split_at(first_half);
    let (mut hashes, rest): (Vec<TextHash>, Vec<TextHash>) =
        both(|| hash_all(first), || hash_all(second));
    hashes.extend(rest);
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_derived_ones_on_any_text() {
        // The one-pass ids against the definition, with repeated texts (also ones
        // differing only in surrounding space), empty ones and enough text for two
        // threads.
        let paragraph = "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر، نقلاً عن وزارة الدفاع";
        let mut texts: Vec<String> = (0..40_000)
            .map(|i| format!("{paragraph} ({})", i % 5_000))
            .collect();
        texts.extend(["", " ", "واحد", " واحد ", "واحد", "Café"].map(str::to_owned));
        let borrowed: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert!(borrowed.iter().map(|text| text.len()).sum::<usize>() > WORTH_A_THREAD);
        let mut counts = std::collections::HashMap::<String, u32>::new();
        let expected: Vec<SectionId> = borrowed
            .iter()
            .map(|text| {
                let occurrence = counts.entry(text.trim().to_owned()).or_default();
                let id = SectionId::derive(text, *occurrence);
                *occurrence += 1;
                id
            })
            .collect();
        assert_eq!(section_ids(&borrowed), expected);
        assert_eq!(section_ids(&borrowed[40_000..]), expected[40_000..]);
        assert_eq!(section_ids(&[]), []);
    }
}
