//! The bidi class of a character, from tables for the blocks article text is made of.
//!
//! unicode-bidi finds a character's class by binary search in the Unicode data, for
//! every character of every line: a quarter of the time of laying out a paragraph
//! whose words are all kept. Latin, Hebrew, Arabic (with Syriac, Thaana and NKo, up to
//! U+07FF) and General Punctuation (the spaces, joiners, marks and isolates of
//! U+2000–U+206F) are read here from tables filled once from that same data; any other
//! character is looked up as unicode-bidi looks it up. So the classes, and the levels
//! computed from them, are unicode-bidi's own.

use std::sync::OnceLock;

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData};

/// The first block read from a table: U+0000 up to here.
const LOW_END: u32 = 0x800;
/// General Punctuation.
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2070;

/// unicode-bidi's data, with tables in front.
pub(super) struct BidiClasses {
    low: Box<[BidiClass]>,
    punctuation: Box<[BidiClass]>,
}

impl BidiClasses {
    /// The tables, filled on first use.
    pub(super) fn get() -> &'static Self {
        static CLASSES: OnceLock<BidiClasses> = OnceLock::new();
        CLASSES.get_or_init(|| {
            let class_of = |code: u32| {
                char::from_u32(code).map_or(BidiClass::L, |c| HardcodedBidiData.bidi_class(c))
            };
            Self {
                low: (0..LOW_END).map(class_of).collect(),
                punctuation: PUNCTUATION.map(class_of).collect(),
            }
        })
    }
}

impl BidiDataSource for BidiClasses {
    fn bidi_class(&self, c: char) -> BidiClass {
        let code = u32::from(c);
        if code < LOW_END {
            self.low[code as usize]
        } else if PUNCTUATION.contains(&code) {
            self.punctuation[(code - PUNCTUATION.start) as usize]
        } else {
            HardcodedBidiData.bidi_class(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_is_unicode_bidi_s() {
        let tables = BidiClasses::get();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(
                tables.bidi_class(c),
                HardcodedBidiData.bidi_class(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}
