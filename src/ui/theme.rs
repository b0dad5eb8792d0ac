//! Every colour and size of the interface in one place: the reading view's spacing,
//! the columns' shares of the width, the highlight colours, and the text styles of
//! notes and of the interface's own messages.

use egui::Color32;

use crate::model::HighlightColor;
use crate::text::{FontFamily, TextStyle};

/// Space between two rows of the reading view, in points.
pub const ROW_GAP_PT: f32 = 14.0;

/// Space between two columns, in points.
pub const COLUMN_GAP_PT: f32 = 18.0;

/// How far quotations and list items are set in from the start side, in points.
pub const INDENT_PT: f32 = 28.0;

/// The source text's share of the width, beside the side columns' weights.
pub const SOURCE_COLUMN_WEIGHT: f32 = 0.5;

/// The translation column's share of the width.
pub const TRANSLATION_COLUMN_WEIGHT: f32 = 0.22;

/// The notes column's share of the width.
pub const NOTES_COLUMN_WEIGHT: f32 = 0.28;

/// Why an article cannot be shown, in its place.
pub const PROBLEM: TextStyle = TextStyle::interface(15.0);

/// Messages to the reader (a file that cannot be used, a save that failed).
pub const MESSAGE: TextStyle = TextStyle::interface(14.0);

/// Smaller interface text: notices, tags, the status bar.
pub const SMALL: TextStyle = TextStyle::interface(13.0);

/// The smallest interface text: the status bar.
pub const STATUS: TextStyle = TextStyle::interface(12.0);

/// The style of what the reader writes in a note.
pub const NOTE: TextStyle = TextStyle {
    family: FontFamily::Naskh,
    size_pt: 16.0,
    line_height: 1.6,
    bold: false,
};

/// The style of a quote above a note.
pub const NOTE_QUOTE: TextStyle = TextStyle {
    size_pt: 14.0,
    ..NOTE
};

/// The fill of a highlight of `color` under text: see-through, so the text stays
/// readable on light and dark themes.
pub fn highlight_fill(color: HighlightColor) -> Color32 {
    let solid = highlight_solid(color);
    Color32::from_rgba_unmultiplied(solid.r(), solid.g(), solid.b(), 80)
}

/// The colour itself, for swatches.
pub fn highlight_solid(color: HighlightColor) -> Color32 {
    let (r, g, b) = match color {
        HighlightColor::Yellow => (250, 204, 21),
        HighlightColor::Green => (74, 222, 128),
        HighlightColor::Blue => (96, 165, 250),
        HighlightColor::Pink => (244, 114, 182),
        HighlightColor::Purple => (192, 132, 252),
    };
    Color32::from_rgb(r, g, b)
}
