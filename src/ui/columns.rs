//! The columns beside the article: what each one draws in a row, and which are shown.
//!
//! The reading view knows nothing of notes or translations: it lays out the source
//! text and gives every side column a cell in the same row, so rows stay aligned
//! whatever their heights. A column is anything that can draw a cell for a section
//! ([`ColumnCells`]); the notes and the translation are two of them. How the article
//! and its translation share the page is the [`Layout`], remembered per folder as a
//! [`PageLayout`].

use egui::Ui;

use crate::model::Section;

/// What is shown beside the text, besides the layout. Remembered with the preferences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Columns {
    /// Whether the reader's notes are shown in the margin under their rows.
    pub notes: bool,
}

impl Default for Columns {
    fn default() -> Self {
        Self { notes: true }
    }
}

/// How the article and its translation share the page.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize,
)]
pub enum Layout {
    /// Article and translation beside each other, sharing the reading width.
    #[default]
    SideBySide,
    /// Each section followed by its translation, in one column.
    Interleaved,
    /// The article alone.
    ArticleOnly,
    /// The translation alone; the article is shown on hover or while Alt is held.
    TranslationOnly,
}

impl Layout {
    /// Every layout, in the menu's order.
    pub const ALL: [Self; 4] = [
        Self::SideBySide,
        Self::Interleaved,
        Self::ArticleOnly,
        Self::TranslationOnly,
    ];

    /// Its name in the View ▸ Layout menu.
    pub fn name(self) -> &'static str {
        match self {
            Self::SideBySide => "Side by side",
            Self::Interleaved => "Interleaved",
            Self::ArticleOnly => "Article only",
            Self::TranslationOnly => "Translation only",
        }
    }

    /// Whether the translation is on the page.
    pub fn shows_translation(self) -> bool {
        self != Self::ArticleOnly
    }

    /// The layout with the translation hidden (the article alone), or shown again
    /// (side by side).
    pub fn toggled_translation(self) -> Self {
        if self.shows_translation() {
            Self::ArticleOnly
        } else {
            Self::SideBySide
        }
    }
}

/// How the page is laid out in a folder: remembered per folder with the reading state.
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct PageLayout {
    /// The layout the reader chose (a narrow window interleaves whatever it is).
    pub layout: Layout,
    /// The article's share of the reading width side by side, where the reader left
    /// the divider.
    pub article_share: f32,
    /// Whether the translation goes before the article in the article's reading
    /// direction (right of Arabic) rather than after it.
    pub translation_before: bool,
    /// Whether the split side by side is picked from the two texts' lengths, so that
    /// a section and its translation end near each other, instead of the divider.
    pub balance: bool,
}

impl Default for PageLayout {
    fn default() -> Self {
        Self {
            layout: Layout::SideBySide,
            article_share: 0.5,
            translation_before: false,
            balance: false,
        }
    }
}

/// The longest comfortable line, in ems of the text's size: near 70 Latin characters
/// (their average advance is about half an em). Arabic at its larger body size gets the
/// same number of ems, which holds about as many words.
const MEASURE_EM: f32 = 34.0;

/// The longest comfortable line of text set at `size_pt`, in points.
pub fn readable_measure_pt(size_pt: f32) -> f32 {
    size_pt.max(1.0) * MEASURE_EM
}

/// The article's share of the width side by side at which a section and its
/// translation end near each other: the share of each text is as its lines' total
/// area (bytes × advance per byte × size × line height), counted over the rows
/// that have a translation. Arabic letters take two bytes of UTF-8 and are narrower
/// than Latin ones: about a fifth of an em per byte, against half an em.
pub fn balanced_share(
    article: &crate::model::Article,
    translation: &crate::model::translation::TranslationColumn,
    (article_style, translation_style): (crate::text::TextStyle, crate::text::TextStyle),
) -> f32 {
    let em_per_byte = |rtl: bool| if rtl { 0.21 } else { 0.5 };
    let (mut source, mut target) = (0.0_f32, 0.0_f32);
    for (section, row) in article.sections.iter().zip(&translation.rows) {
        if let Some(cell) = &row.cell {
            source += section.text.len() as f32 * em_per_byte(section.direction.is_rtl());
            let rtl = crate::model::base_direction(&cell.text).is_rtl();
            target += cell.text.len() as f32 * em_per_byte(rtl);
        }
    }
    let area = |bytes_em: f32, style: crate::text::TextStyle| {
        bytes_em * style.size_pt * style.size_pt * style.line_height
    };
    let (source, target) = (area(source, article_style), area(target, translation_style));
    if source + target <= 0.0 {
        return 0.5;
    }
    (source / (source + target)).clamp(*ARTICLE_SHARE_RANGE.start(), *ARTICLE_SHARE_RANGE.end())
}

/// The article's shares of the width the divider can be dragged to.
pub const ARTICLE_SHARE_RANGE: std::ops::RangeInclusive<f32> = 0.25..=0.75;

impl PageLayout {
    /// The article's share of the width side by side, within [`ARTICLE_SHARE_RANGE`].
    pub fn share(&self) -> f32 {
        if self.article_share.is_finite() {
            self.article_share
                .clamp(*ARTICLE_SHARE_RANGE.start(), *ARTICLE_SHARE_RANGE.end())
        } else {
            0.5
        }
    }
}

/// What a column draws: a header, and a cell beside every section.
pub trait ColumnCells {
    /// The column's title, above it.
    fn title(&self) -> &str;

    /// A word on the column as a whole, under its title; empty for none.
    fn status(&self) -> String;

    /// Draws the cell of section `index` into `ui`, which is as wide as the column
    /// and as tall as needed. Drawing nothing leaves the cell empty.
    fn cell(&mut self, ui: &mut Ui, index: usize, section: &Section);

    /// Room the reader asked to leave free on each side of the column's cells, in
    /// points.
    fn margin_pt(&self) -> f32 {
        0.0
    }

    /// Draws the row's actions ("+ Note", "Write a translation…") into `ui`: called
    /// only for the row the pointer is on or the section cursor is at.
    fn actions(&mut self, _ui: &mut Ui, _index: usize) {}

    /// Whether row `index` has something of this column to mark in the gutter.
    fn marked(&self, _index: usize) -> bool {
        false
    }

    /// The text of row `index` whose sentences are linked to the section's (a
    /// translation's), if the column has one there.
    fn linked_text(&self, _index: usize) -> Option<&str> {
        None
    }

    /// Sets the spans of row `index`'s [`Self::linked_text`] to paint as linked (the
    /// sentence pointed at or under the sentence cursor, or its counterparts): called
    /// before [`Self::cell`] for every row drawn, with no spans for most.
    fn mark_linked(&mut self, _index: usize, _ranges: &[std::ops::Range<usize>]) {}

    /// What the reader pointed at in this frame's cells and where the linked spans
    /// were drawn (see [`LinkedInCells`]).
    fn linked_in_cells(&self) -> LinkedInCells {
        LinkedInCells::default()
    }

    /// Draws the column's header into `ui`: by default its title and status; a column
    /// with a choice to offer (a language) draws its own.
    fn header(&mut self, ui: &mut Ui) {
        ui.label(egui::RichText::new(self.title()).strong());
        let status = self.status();
        if !status.is_empty() {
            ui.label(egui::RichText::new(status).weak().small());
        }
    }
}

/// What a column's cells report of their linked text in a frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkedInCells {
    /// The row pointed at and the byte offset of its [`ColumnCells::linked_text`]
    /// under the pointer.
    pub pointed: Option<(usize, usize)>,
    /// Where the spans set by [`ColumnCells::mark_linked`] were drawn on screen.
    pub marked_rect: Option<egui::Rect>,
    /// A sentence the reader started dragging in this frame: the row and the byte
    /// offset of its [`ColumnCells::linked_text`] where the drag began.
    pub drag_started: Option<(usize, usize)>,
}

/// What the reading view shows with the article, and how.
pub struct Page<'a> {
    /// The reader's layout, divider and side.
    pub layout: PageLayout,
    /// The translation's cells: beside the article, under each section, or alone.
    /// `None` when there is no translation column to show.
    pub translation: Option<&'a mut dyn ColumnCells>,
    /// The notes: their cards in the margin under the rows that have some, "+ Note"
    /// on the row pointed at, a marker in the gutter; `None` without a notes store.
    pub notes: Option<&'a mut dyn ColumnCells>,
    /// Whether the notes' cards are shown (the marker and "+ Note" are either way).
    pub notes_shown: bool,
    /// The translation's longest comfortable line, in points.
    pub translation_measure_pt: f32,
    /// Word-by-word glosses under the article's words (View ▸ Word-by-word), by
    /// section and the section's text as drawn; `None` when the view is off.
    pub word_glosses: Option<WordGlosses<'a>>,
}

/// The word-by-word glosses of a section (its index, its text as drawn), if it has
/// some.
pub type WordGlosses<'a> =
    &'a dyn Fn(usize, &str) -> Option<std::sync::Arc<Vec<crate::text::Interlinear>>>;

/// A column with a header and nothing in its rows: for what has nothing to show yet,
/// and says so in its status.
pub struct EmptyColumn {
    /// The title.
    pub title: &'static str,
    /// Why it is empty.
    pub status: &'static str,
}

impl ColumnCells for EmptyColumn {
    fn title(&self) -> &str {
        self.title
    }

    fn status(&self) -> String {
        self.status.to_owned()
    }

    fn cell(&mut self, _ui: &mut Ui, _index: usize, _section: &Section) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::translation::{Cell, ColumnRow, TranslationColumn, TranslationSource};

    fn column(texts: &[&str]) -> TranslationColumn {
        TranslationColumn {
            language: "en".to_owned(),
            rows: texts
                .iter()
                .map(|text| ColumnRow {
                    cell: Some(Cell {
                        text: (*text).to_owned(),
                        source: TranslationSource::Reader,
                        how: None,
                    }),
                    ..ColumnRow::default()
                })
                .collect(),
            ..TranslationColumn::default()
        }
    }

    #[test]
    fn balance_gives_the_longer_text_the_wider_column() {
        let article = crate::import::parse_article("قال الرجل كلاما قصيرا\n");
        let style = crate::text::TextStyle::body(16.0);
        let short = balanced_share(&article, &column(&["He spoke."]), (style, style));
        let long = balanced_share(
            &article,
            &column(&["The man said a few short words, and then he said a few more of them."]),
            (style, style),
        );
        assert!(short > 0.5, "{short}");
        assert!(long < 0.5, "{long}");
        assert!(ARTICLE_SHARE_RANGE.contains(&long));
    }
}
