//! Texts too long to lay out whole, shown a part at a time.
//!
//! A translation file can hold a segment of megabytes; laid out whole it asked for
//! gigabytes and took the window down. Such a text is cut as the import cuts a long
//! article line ([`crate::import::part_end`]: at a space, within
//! [`crate::import::MAX_SECTION_BYTES`]), one part is shown, and buttons over it page
//! through the rest, so every part can be read and no frame lays out more than one.

use std::ops::Range;

use egui::{Color32, Id, Ui};

use crate::import::{MAX_SECTION_BYTES, part_end};

/// Which part of a long text a widget shows, kept across frames.
#[derive(Clone, Debug, Default)]
struct Paging {
    /// The length of the text paged through: another text starts again at its first
    /// part.
    text_len: usize,
    /// Where each part shown so far starts, the one on screen last, so the previous
    /// part is the one before it.
    starts: Vec<usize>,
}

/// The part of a long text on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownPart {
    /// Its bytes in the whole text.
    pub range: Range<usize>,
    /// Which part it is, from 0.
    pub index: usize,
    /// The widget whose part it is: where the paging is kept.
    id: Id,
}

/// Whether `text` is too long to be shown whole.
pub fn is_long(text: &str) -> bool {
    text.len() > MAX_SECTION_BYTES
}

/// The part of `text` the widget `id` shows: `None` when the text is short enough to
/// be shown whole.
pub fn shown_part(ctx: &egui::Context, id: Id, text: &str) -> Option<ShownPart> {
    if !is_long(text) {
        return None;
    }
    let paging = ctx
        .data(|data| data.get_temp::<Paging>(id))
        .filter(|paging| paging.text_len == text.len());
    let start = paging
        .as_ref()
        .and_then(|paging| paging.starts.last().copied())
        .filter(|start| *start < text.len() && text.is_char_boundary(*start))
        .unwrap_or(0);
    let index = paging.map_or(0, |paging| paging.starts.len().saturating_sub(1));
    Some(ShownPart {
        range: start..part_end(text, start),
        index,
        id,
    })
}

/// `ranges` of a whole text (search matches, highlights) as ranges of `part` of it.
pub fn ranges_in_part(
    ranges: &[(Range<usize>, Color32)],
    part: &Range<usize>,
) -> Vec<(Range<usize>, Color32)> {
    ranges
        .iter()
        .filter(|(range, _)| range.start < part.end && range.end > part.start)
        .map(|(range, color)| {
            (
                range.start.max(part.start) - part.start..range.end.min(part.end) - part.start,
                *color,
            )
        })
        .collect()
}

/// Over the part shown: which part it is, and buttons to the previous and the next.
pub fn pager(ui: &mut Ui, text: &str, shown: &ShownPart) {
    let starts = ui
        .data(|data| data.get_temp::<Paging>(shown.id))
        .filter(|paging| paging.text_len == text.len())
        .map_or_else(|| vec![0], |paging| paging.starts);
    let mut moved_to: Option<Vec<usize>> = None;
    ui.horizontal_wrapped(|ui| {
        let words = format!(
            "Part {} of a {} text, from {} on",
            shown.index + 1,
            size_words(text.len()),
            size_words(shown.range.start),
        );
        ui.label(
            egui::RichText::new(words)
                .small()
                .color(ui.visuals().weak_text_color()),
        )
        .on_hover_text("Too long to show whole: it is shown a part at a time");
        let previous = ui.add_enabled(shown.index > 0, egui::Button::new("Previous part").small());
        if previous.clicked() {
            let mut starts = starts.clone();
            starts.pop();
            moved_to = Some(starts);
        }
        let next = ui.add_enabled(
            shown.range.end < text.len(),
            egui::Button::new("Next part").small(),
        );
        if next.clicked() {
            let mut starts = starts.clone();
            starts.push(shown.range.end);
            moved_to = Some(starts);
        }
    });
    if let Some(starts) = moved_to {
        ui.data_mut(|data| {
            data.insert_temp(
                shown.id,
                Paging {
                    text_len: text.len(),
                    starts,
                },
            );
        });
    }
}

/// A number of bytes in words: `912 bytes`, `48 KB`, `25.0 MB`.
pub fn size_words(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * 1024;
    let kilobytes = (bytes + KB / 2) / KB;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if kilobytes < 1024 {
        format!("{kilobytes} KB")
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_shown_whole() {
        let ctx = egui::Context::default();
        assert_eq!(shown_part(&ctx, Id::unique("cell"), "قصير"), None);
    }

    #[test]
    fn a_long_text_is_shown_from_its_first_part_cut_at_a_space() {
        let ctx = egui::Context::default();
        let text = "كلمة ".repeat(MAX_SECTION_BYTES);
        let shown = shown_part(&ctx, Id::unique("cell"), &text).expect("long");
        assert_eq!(shown.index, 0);
        assert_eq!(shown.range.start, 0);
        assert!(shown.range.end <= MAX_SECTION_BYTES);
        assert!(text[..shown.range.end].ends_with(' '));
    }

    #[test]
    fn ranges_are_moved_into_the_part_and_cut_to_it() {
        let red = Color32::RED;
        let ranges = [(2..8, red), (10..20, red), (30..40, red)];
        assert_eq!(
            ranges_in_part(&ranges, &(5..25)),
            vec![(0..3, red), (5..15, red)]
        );
    }

    #[test]
    fn sizes_are_put_in_words() {
        assert_eq!(size_words(912), "912 bytes");
        assert_eq!(size_words(48 * 1024), "48 KB");
        assert_eq!(size_words(25 * 1024 * 1024), "25.0 MB");
        assert_eq!(size_words(25 * 1024 * 1024 - 1), "25.0 MB");
        assert_eq!(size_words(128 * 1024 - 1), "128 KB");
        assert_eq!(size_words(1024 * 1024 - 100), "1.0 MB");
    }
}
