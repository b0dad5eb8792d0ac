//! The columns beside the article: what each one draws in a row, and which are shown.
//!
//! The reading view knows nothing of notes or translations: it lays out the source
//! text and gives every side column a cell in the same row, so rows stay aligned
//! whatever their heights. A column is anything that can draw a cell for a section
//! ([`ColumnCells`]); the notes column and the translation column are two of them.

use egui::Ui;

use crate::model::Section;

/// Which columns are shown beside the source text. Remembered with the preferences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Columns {
    /// The translation column.
    pub translation: bool,
    /// The reader's notes column.
    pub notes: bool,
}

impl Default for Columns {
    fn default() -> Self {
        Self {
            translation: true,
            notes: true,
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

/// A column shown beside the source, with its share of the width.
pub struct SideColumn<'a> {
    /// Its width relative to the source text's (which is 0.5).
    pub weight: f32,
    /// What it draws.
    pub cells: &'a mut dyn ColumnCells,
}

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
