//! The text drawn for a section, which may differ from its text: diacritics hidden
//! ([`crate::model::strip_diacritics`]) and bidi controls marked
//! ([`crate::model::reveal_bidi_controls`]), either or both. Everything the reader
//! does is kept in the section's own offsets: highlights and emphasis are mapped onto
//! the drawn text, hits and selections back from it.

use std::borrow::Cow;
use std::ops::Range;

use egui::Color32;

use crate::model::{
    EmphasisSpan, OffsetMap, Revealed, has_bidi_controls, has_diacritics, is_diacritic,
    reveal_bidi_controls,
};

/// What the reader asked to change in the drawn text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShownAs {
    /// Hide Arabic and Hebrew diacritics.
    pub hide_diacritics: bool,
    /// Mark explicit bidi controls.
    pub show_bidi_controls: bool,
}

/// A section's text as drawn, with the way back to its own offsets.
pub(super) struct ShownText<'a> {
    /// The text drawn.
    pub(super) text: Cow<'a, str>,
    /// From the section's text to the text without its diacritics.
    bare: Option<OffsetMap>,
    /// From that text to the one with its bidi controls marked.
    revealed: Option<Revealed>,
}

impl<'a> ShownText<'a> {
    /// `text` as drawn when shown `as_`.
    pub(super) fn new(text: &'a str, as_: ShownAs) -> Self {
        let (mut shown, bare) = if as_.hide_diacritics && has_diacritics(text) {
            let (bare, map) = OffsetMap::hiding(text, is_diacritic);
            (Cow::Owned(bare), Some(map))
        } else {
            (Cow::Borrowed(text), None)
        };
        let revealed = if as_.show_bidi_controls && has_bidi_controls(&shown) {
            let offsets = Revealed::new(&shown);
            shown = Cow::Owned(reveal_bidi_controls(&shown));
            Some(offsets)
        } else {
            None
        };
        Self {
            text: shown,
            bare,
            revealed,
        }
    }

    /// The drawn text's offset of `original`, an offset in the section's text.
    pub(super) fn shown(&self, original: usize) -> usize {
        let bare = self
            .bare
            .as_ref()
            .map_or(original, |map| map.shown(original));
        self.revealed
            .as_ref()
            .map_or(bare, |offsets| offsets.shown(bare))
    }

    /// The section's offset of `shown`, an offset in the drawn text.
    pub(super) fn original(&self, shown: usize) -> usize {
        let bare = self
            .revealed
            .as_ref()
            .map_or(shown, |offsets| offsets.original(shown));
        self.bare.as_ref().map_or(bare, |map| map.original(bare))
    }

    /// `range` of the section's text, in the drawn text.
    pub(super) fn shown_range(&self, range: Range<usize>) -> Range<usize> {
        self.shown(range.start)..self.shown(range.end)
    }

    /// Whether the drawn text is the section's own.
    fn is_original(&self) -> bool {
        self.bare.is_none() && self.revealed.is_none()
    }

    /// The highlights, on the drawn text.
    pub(super) fn highlights(
        &self,
        highlights: Vec<(Range<usize>, Color32)>,
    ) -> Vec<(Range<usize>, Color32)> {
        if self.is_original() {
            return highlights;
        }
        highlights
            .into_iter()
            .map(|(range, color)| (self.shown_range(range), color))
            .collect()
    }

    /// The bold and italic spans, on the drawn text.
    pub(super) fn emphasis(&self, emphasis: &'a [EmphasisSpan]) -> Cow<'a, [EmphasisSpan]> {
        if self.is_original() {
            return Cow::Borrowed(emphasis);
        }
        Cow::Owned(
            emphasis
                .iter()
                .map(|span| EmphasisSpan {
                    range: self.shown_range(span.range.clone()),
                    emphasis: span.emphasis,
                })
                .filter(|span| !span.range.is_empty())
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_highlight_covers_the_same_words_with_or_without_marks() {
        let text = "قَالَ الْمُعَلِّمُ: \u{2067}abc\u{2069} اقْرَأْ كِتَابَكَ.";
        let word = |w: &str| {
            let start = text.find(w).expect("word");
            start..start + w.len()
        };
        let highlight = word("الْمُعَلِّمُ");
        for as_ in [
            ShownAs {
                hide_diacritics: true,
                show_bidi_controls: false,
            },
            ShownAs {
                hide_diacritics: true,
                show_bidi_controls: true,
            },
        ] {
            let shown = ShownText::new(text, as_);
            let highlights = shown.highlights(vec![(highlight.clone(), Color32::YELLOW)]);
            assert_eq!(&shown.text[highlights[0].0.clone()], "المعلم", "{as_:?}");
            // The drawn word, selected, is the word with its marks.
            let bare = shown.text.find("كتابك").expect("bare");
            let back = shown.original(bare)..shown.original(bare + "كتابك".len());
            assert_eq!(&text[back], "كِتَابَكَ", "{as_:?}");
        }
        let plain = ShownText::new(text, ShownAs::default());
        assert_eq!(plain.text, text);
        assert_eq!(plain.shown(7), 7);
    }
}
