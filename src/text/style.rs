//! How a block of text is to be set: face, size, weight, line spacing.

/// A bundled typeface, chosen by what it is for.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize,
)]
pub enum FontFamily {
    /// Amiri: Arabic Naskh, with Latin and digits that sit well beside it.
    #[default]
    Naskh,
    /// Noto Sans: Latin text such as translations.
    Sans,
    /// Noto Sans Hebrew.
    Hebrew,
    /// Noto Nastaliq Urdu.
    Nastaliq,
    /// Vazirmatn: Arabic and Persian in a sans face, a second Arabic family for
    /// readers who find Naskh's strokes busy on screen.
    ArabicSans,
    /// Literata: a Latin (and Greek, Cyrillic) serif made for reading long texts on
    /// screens, for translations and English notes.
    Serif,
}

impl FontFamily {
    /// The face a left-to-right paragraph (its first strong character Latin, Greek,
    /// Cyrillic…) is set in when this face is chosen for its column: an Arabic or
    /// Hebrew face gives way to the Latin serif, so an English note or paragraph is
    /// not drawn in Amiri's Latin; a Latin face stays.
    pub fn for_left_to_right(self) -> Self {
        match self {
            Self::Naskh | Self::ArabicSans | Self::Nastaliq | Self::Hebrew => Self::Serif,
            Self::Sans | Self::Serif => self,
        }
    }
}

/// Whether the first strong character of `text` is left to right (Latin, Greek,
/// Cyrillic…); `false` for right-to-left text and for text with no strong character
/// (digits, punctuation), which keeps its column's face.
pub fn starts_left_to_right(text: &str) -> bool {
    use unicode_bidi::{BidiClass, bidi_class};
    text.chars()
        .find_map(|c| match bidi_class(c) {
            BidiClass::L => Some(true),
            BidiClass::R | BidiClass::AL => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

/// Everything that changes how a text is laid out (colour does not: it is applied when
/// painting).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// The primary face; characters it lacks fall back to the other bundled faces.
    pub family: FontFamily,
    /// Font size in points.
    pub size_pt: f32,
    /// Distance between baselines, as a multiple of the font size. Naskh needs room
    /// above and below for stacked marks.
    pub line_height: f32,
    /// Bold weight.
    pub bold: bool,
}

impl Default for TextStyle {
    fn default() -> Self {
        Self::body(20.0)
    }
}

impl TextStyle {
    /// Article body text.
    pub fn body(size_pt: f32) -> Self {
        Self {
            family: FontFamily::Naskh,
            size_pt,
            line_height: 1.75,
            bold: false,
        }
    }

    /// Interface text that may hold any script: file names, paths, messages.
    pub const fn interface(size_pt: f32) -> Self {
        Self {
            family: FontFamily::Sans,
            size_pt,
            line_height: 1.4,
            bold: false,
        }
    }

    /// A heading of the given level (1 is the largest), scaled from a body size.
    pub fn heading(level: u8, body_size_pt: f32) -> Self {
        let scale = match level {
            1 => 1.5,
            2 => 1.3,
            _ => 1.15,
        };
        Self {
            family: FontFamily::Naskh,
            size_pt: body_size_pt * scale,
            line_height: 1.6,
            bold: true,
        }
    }

    /// The distance between baselines Noto Nastaliq Urdu needs, as a multiple of the
    /// font size: its letters climb diagonally and its marks reach far above and
    /// below, well past Naskh's.
    pub const NASTALIQ_LINE_HEIGHT: f32 = 2.5;

    /// This style set in Noto Nastaliq Urdu, with its taller lines.
    pub fn in_nastaliq(self) -> Self {
        Self {
            family: FontFamily::Nastaliq,
            line_height: self.line_height.max(Self::NASTALIQ_LINE_HEIGHT),
            ..self
        }
    }

    /// A key that is equal exactly when two styles lay out the same way.
    pub(crate) fn cache_key(&self) -> (FontFamily, u32, u32, bool) {
        (
            self.family,
            self.size_pt.to_bits(),
            self.line_height.to_bits(),
            self.bold,
        )
    }
}
