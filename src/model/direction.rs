//! Base direction of a piece of text, decided like HTML's `dir=auto`.

use unicode_bidi::{BidiClass, bidi_class};

/// The base (paragraph) direction of a block of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right: Latin, digits-only, or no strong character at all.
    #[default]
    LeftToRight,
    /// Right to left: Arabic, Hebrew, Persian, Urdu…
    RightToLeft,
}

impl Direction {
    /// True for [`Direction::RightToLeft`].
    pub fn is_rtl(self) -> bool {
        self == Self::RightToLeft
    }
}

/// The direction given by the first strong character of `text` (rules P2 and P3 of
/// the Unicode bidi algorithm), skipping what sits inside isolates as P2 requires.
///
/// Text with no strong character is left to right, like `dir=auto` in HTML.
pub fn base_direction(text: &str) -> Direction {
    let mut isolate_depth = 0usize;
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolate_depth += 1,
            BidiClass::PDI => isolate_depth = isolate_depth.saturating_sub(1),
            BidiClass::L if isolate_depth == 0 => return Direction::LeftToRight,
            BidiClass::R | BidiClass::AL if isolate_depth == 0 => return Direction::RightToLeft,
            _ => {}
        }
    }
    Direction::LeftToRight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_strong_character_decides() {
        assert_eq!(base_direction("ذكر موقع IA 24.KG"), Direction::RightToLeft);
        assert_eq!(base_direction("IA 24.KG ذكر موقع"), Direction::LeftToRight);
        assert_eq!(base_direction("2016 وصلت"), Direction::RightToLeft);
        assert_eq!(base_direction("\"(70 من روسيا"), Direction::RightToLeft);
        assert_eq!(base_direction("שלום"), Direction::RightToLeft);
        assert_eq!(base_direction("1234 ..."), Direction::LeftToRight);
        assert_eq!(base_direction(""), Direction::LeftToRight);
    }

    #[test]
    fn isolated_text_is_skipped() {
        assert_eq!(
            base_direction("\u{2067}abc\u{2069} عربي"),
            Direction::RightToLeft
        );
    }
}
