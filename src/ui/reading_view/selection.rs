//! The reader's selection in the reading view: from a point in one section to a point
//! in another, made by dragging across rows or with Shift+click, copied as the file
//! spells the sections (see [`crate::model::FileSpelling`]) with a blank line between
//! them.
//!
//! The view owns it rather than any one text block, since a drag starts in one row and
//! ends in another; each block is told its part, to paint.

use std::ops::Range;

use egui::{Rect, Ui};

use crate::model::Article;
use crate::ui::text_block::TextSelection;

use super::ReadingView;

/// A place in the article: a section, and a byte offset in its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPoint {
    /// The section's index.
    pub section: usize,
    /// A byte offset in its text.
    pub offset: usize,
}

/// A selection in the article, from where it was started to where it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleSelection {
    /// Where the selection started.
    pub anchor: TextPoint,
    /// Where it ends now.
    pub cursor: TextPoint,
}

impl ArticleSelection {
    /// An empty selection at `point`.
    pub fn at(point: TextPoint) -> Self {
        Self {
            anchor: point,
            cursor: point,
        }
    }

    /// The selection's ends in reading order.
    fn ends(&self) -> (TextPoint, TextPoint) {
        (self.anchor.min(self.cursor), self.anchor.max(self.cursor))
    }

    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.anchor == self.cursor
    }

    /// The selected bytes of section `section`, whose text is `len` bytes long.
    pub fn part_in(&self, section: usize, len: usize) -> Option<Range<usize>> {
        let (start, end) = self.ends();
        if section < start.section || section > end.section {
            return None;
        }
        let from = if section == start.section {
            start.offset
        } else {
            0
        };
        let to = if section == end.section {
            end.offset
        } else {
            len
        };
        Some(from.min(len)..to.min(len).max(from.min(len)))
    }

    /// The section and bytes, when the selection lies within one section.
    pub fn within_one_section(&self) -> Option<(usize, Range<usize>)> {
        let (start, end) = self.ends();
        (start.section == end.section).then_some((start.section, start.offset..end.offset))
    }

    /// The selected text as the file has it (its marks in its own order, not NFC's):
    /// each section's part, with a blank line between sections.
    pub fn text(&self, article: &Article) -> String {
        let (start, end) = self.ends();
        (start.section..=end.section)
            .filter_map(|index| {
                let section = article.sections.get(index)?;
                let part = self.part_in(index, section.text.len())?;
                Some(article.spelling.section_text(section, part))
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// A row drawn this frame, with what the pointer did on it.
pub(super) struct RowSeen {
    pub(super) index: usize,
    /// The length of the section's text, in bytes.
    pub(super) text_len: usize,
    /// The row's top and bottom on screen.
    pub(super) y_range: egui::Rangef,
    pub(super) response: egui::Response,
    pub(super) pointer_offset: Option<usize>,
    pub(super) pointer_word: Option<std::ops::Range<usize>>,
    pub(super) pointer_word_rect: Option<Rect>,
    pub(super) selection_rect: Option<Rect>,
}

impl ReadingView {
    /// Applies what the pointer did to the rows drawn this frame: press to start a
    /// selection (Shift+click to extend it), drag across rows to extend it,
    /// double-click for a word, triple-click for a whole section.
    pub(super) fn select(&mut self, ui: &Ui, seen: &[RowSeen], id: egui::Id) {
        let (pressed, down, shift, pointer) = ui.input(|input| {
            (
                input.pointer.primary_pressed(),
                input.pointer.primary_down(),
                input.modifiers.shift,
                input.pointer.interact_pos(),
            )
        });
        // Alt+click asks for a word's gloss: it does not select.
        let alt = ui.input(|input| input.modifiers.alt);
        let before = self.selection;
        for row in seen {
            let Some(offset) = row.pointer_offset else {
                continue;
            };
            let point = TextPoint {
                section: row.index,
                offset,
            };
            if row.response.triple_clicked() {
                self.selection = Some(ArticleSelection {
                    anchor: TextPoint {
                        section: row.index,
                        offset: 0,
                    },
                    cursor: TextPoint {
                        section: row.index,
                        offset: row.text_len,
                    },
                });
                self.selecting = false;
            } else if row.response.double_clicked() {
                let word = row.pointer_word.clone().unwrap_or(offset..offset);
                self.selection = Some(ArticleSelection {
                    anchor: TextPoint {
                        section: row.index,
                        offset: word.start,
                    },
                    cursor: TextPoint {
                        section: row.index,
                        offset: word.end,
                    },
                });
                self.selecting = false;
            } else if pressed && row.response.is_pointer_button_down_on() && !alt {
                self.selection = Some(match self.selection {
                    Some(selection) if shift => ArticleSelection {
                        cursor: point,
                        ..selection
                    },
                    _ => ArticleSelection::at(point),
                });
                self.selecting = true;
            }
        }
        if self.selecting && down && !pressed {
            // The row under the pointer, or the nearest one drawn.
            let y = pointer.map_or(f32::NAN, |pointer| pointer.y);
            let under = seen
                .iter()
                .filter(|row| row.pointer_offset.is_some())
                .min_by(|a, b| distance(a.y_range, y).total_cmp(&distance(b.y_range, y)));
            if let (Some(selection), Some(row)) = (&mut self.selection, under)
                && let Some(offset) = row.pointer_offset
            {
                selection.cursor = TextPoint {
                    section: row.index,
                    offset,
                };
            }
        }
        if !down {
            self.selecting = false;
        }
        if self.selection != before && self.selection.is_some() {
            TextSelection::claim(ui.ctx(), id);
        }
    }
}

/// How far `y` is from `range`: 0 inside it.
fn distance(range: egui::Rangef, y: f32) -> f32 {
    if y < range.min {
        range.min - y
    } else if y > range.max {
        y - range.max
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionKind;

    #[test]
    fn a_selection_across_sections_copies_them_with_blank_lines_between() {
        let article = Article::new(
            "عنوان".into(),
            [
                (SectionKind::Paragraph, "الأولى هنا".to_owned()),
                (SectionKind::Paragraph, "الثانية كلها".to_owned()),
                (SectionKind::Paragraph, "الثالثة هنا".to_owned()),
            ],
        );
        let from = TextPoint {
            section: 2,
            offset: "الثالثة".len(),
        };
        let to = TextPoint {
            section: 0,
            offset: "الأولى ".len(),
        };
        // Dragged backwards: the text still reads in order.
        let selection = ArticleSelection {
            anchor: from,
            cursor: to,
        };
        assert_eq!(selection.text(&article), "هنا\n\nالثانية كلها\n\nالثالثة");
        assert_eq!(selection.part_in(1, 10), Some(0..10));
        assert_eq!(selection.part_in(3, 10), None);
        assert_eq!(selection.within_one_section(), None);
        let one = ArticleSelection {
            anchor: TextPoint {
                section: 1,
                offset: 4,
            },
            cursor: TextPoint {
                section: 1,
                offset: 0,
            },
        };
        assert_eq!(one.within_one_section(), Some((1, 0..4)));
    }
}
