//! How each column is set, as the reader chose in the settings window: the face among
//! the bundled ones, the line spacing and the margins (sizes are kept apart, as the
//! first versions kept them: `body_size_pt`, `translation_size_pt`).
//!
//! Urdu is drawn in Nastaliq, the hand it is read in, when the article is Urdu: its
//! language guessed from the letters only Urdu uses ([`crate::model::guess_language`])
//! or chosen by the reader for the article. Persian and Arabic keep the article face.

use crate::model::{Section, SectionKind};
use crate::text::{FontFamily, TextStyle};

/// A column that has its own typography.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypographyColumn {
    /// The article's text.
    Article,
    /// The translation column.
    Translation,
    /// The notes column.
    Notes,
}

impl TypographyColumn {
    /// The columns, in the order the settings list them.
    pub const ALL: [Self; 3] = [Self::Article, Self::Translation, Self::Notes];

    /// Its name in the settings.
    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "Article",
            Self::Translation => "Translation",
            Self::Notes => "Notes",
        }
    }
}

/// The faces a column can be set in: every bundled family. Characters a face lacks
/// fall back to the others.
pub const FAMILIES: [FontFamily; 6] = [
    FontFamily::Naskh,
    FontFamily::ArabicSans,
    FontFamily::Serif,
    FontFamily::Sans,
    FontFamily::Hebrew,
    FontFamily::Nastaliq,
];

/// A face's name in the settings.
pub fn family_label(family: FontFamily) -> &'static str {
    match family {
        FontFamily::Naskh => "Amiri (Arabic Naskh)",
        FontFamily::ArabicSans => "Vazirmatn (Arabic sans)",
        FontFamily::Serif => "Literata (Latin serif)",
        FontFamily::Sans => "Noto Sans (Latin sans)",
        FontFamily::Hebrew => "Noto Sans Hebrew",
        FontFamily::Nastaliq => "Noto Nastaliq Urdu",
    }
}

/// The line spacings offered, as multiples of a face's usual spacing.
pub const LINE_SPACING_RANGE: std::ops::RangeInclusive<f32> = 0.8..=1.8;

/// The margins offered on each side of a column's text, in points.
pub const MARGIN_RANGE_PT: std::ops::RangeInclusive<f32> = 0.0..=120.0;

/// One column's face, spacing and margins.
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ColumnTypography {
    /// The primary face.
    pub family: FontFamily,
    /// The line spacing, as a multiple of the face's usual spacing (1 as designed).
    pub line_spacing: f32,
    /// Room left free on each side of the text, in points.
    pub margin_pt: f32,
}

impl Default for ColumnTypography {
    fn default() -> Self {
        Self {
            family: FontFamily::Naskh,
            line_spacing: 1.0,
            margin_pt: 0.0,
        }
    }
}

impl ColumnTypography {
    /// `style` set in this column's face and spacing.
    pub fn apply(&self, style: TextStyle) -> TextStyle {
        TextStyle {
            family: self.family,
            line_height: style.line_height * self.line_spacing.clamp(0.5, 3.0),
            ..style
        }
    }

    /// The margin on each side, never more than a quarter of `width`, so text keeps
    /// room in a narrow window.
    pub fn margin_in(&self, width: f32) -> f32 {
        self.margin_pt.clamp(0.0, width / 4.0)
    }
}

/// Every column's typography, remembered with the preferences.
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Typography {
    /// The article's text.
    pub article: ColumnTypography,
    /// The translation column.
    pub translation: ColumnTypography,
    /// The notes column.
    pub notes: ColumnTypography,
    /// The notes' text size, in points.
    pub notes_size_pt: f32,
    /// Whether articles in Urdu are drawn in Nastaliq.
    pub urdu_in_nastaliq: bool,
}

impl Default for Typography {
    fn default() -> Self {
        Self {
            article: ColumnTypography::default(),
            translation: ColumnTypography {
                family: FontFamily::Serif,
                ..ColumnTypography::default()
            },
            notes: ColumnTypography::default(),
            notes_size_pt: super::theme::NOTE.size_pt,
            urdu_in_nastaliq: true,
        }
    }
}

impl Typography {
    /// The setting of `column`, to change.
    pub fn column_mut(&mut self, column: TypographyColumn) -> &mut ColumnTypography {
        match column {
            TypographyColumn::Article => &mut self.article,
            TypographyColumn::Translation => &mut self.translation,
            TypographyColumn::Notes => &mut self.notes,
        }
    }

    /// How the notes are set.
    pub fn note_style(&self) -> TextStyle {
        self.notes.apply(TextStyle {
            size_pt: self.notes_size_pt,
            ..super::theme::NOTE
        })
    }

    /// How the translations are set, at `size_pt`.
    pub fn translation_style(&self, size_pt: f32) -> TextStyle {
        self.translation.apply(super::theme::translation(size_pt))
    }
}

/// How an open article's sections are set: its column's typography and size, and
/// whether it is drawn in Nastaliq.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArticleLook {
    /// The article column's face, spacing and margins.
    pub column: ColumnTypography,
    /// The body text size, in points.
    pub body_size_pt: f32,
    /// Whether the article is Urdu to be drawn in Nastaliq.
    pub nastaliq: bool,
}

impl ArticleLook {
    /// The plain look at `body_size_pt`: Amiri, as designed.
    pub fn plain(body_size_pt: f32) -> Self {
        Self {
            column: ColumnTypography::default(),
            body_size_pt,
            nastaliq: false,
        }
    }

    /// How `section` is set: headings larger and bold; right-to-left text of an Urdu
    /// article in Nastaliq (text in other scripts keeps the column's face).
    pub fn section_style(&self, section: &Section) -> TextStyle {
        let base = match section.kind {
            SectionKind::Heading { level } => TextStyle::heading(level, self.body_size_pt),
            SectionKind::Paragraph | SectionKind::Quotation | SectionKind::ListItem => {
                TextStyle::body(self.body_size_pt)
            }
        };
        let style = self.column.apply(base);
        if self.nastaliq && section.direction.is_rtl() {
            let spaced = style.line_height / base.line_height;
            TextStyle {
                line_height: TextStyle::NASTALIQ_LINE_HEIGHT * spaced,
                ..style.in_nastaliq()
            }
        } else {
            style
        }
    }
}

/// The language an article is read as: the reader's choice for it, else the one
/// `guessed` from its letters. `None` when neither says.
pub fn article_language(chosen: Option<&str>, guessed: Option<&str>) -> Option<String> {
    chosen.or(guessed).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn urdu_is_set_in_nastaliq_with_taller_lines_and_other_text_is_not() {
        let article = Article::new(
            "عنوان".into(),
            [(SectionKind::Paragraph, "یہ کتاب میں نے پڑھی ہے".to_owned())],
        );
        let section = &article.sections[0];
        let urdu = ArticleLook {
            nastaliq: true,
            ..ArticleLook::plain(20.0)
        };
        let style = urdu.section_style(section);
        assert_eq!(style.family, FontFamily::Nastaliq);
        assert!(style.line_height > TextStyle::body(20.0).line_height);
        let plain = ArticleLook::plain(20.0).section_style(section);
        assert_eq!(plain, TextStyle::body(20.0));
        let sans = ArticleLook {
            column: ColumnTypography {
                family: FontFamily::ArabicSans,
                line_spacing: 1.2,
                margin_pt: 0.0,
            },
            ..ArticleLook::plain(20.0)
        };
        let style = sans.section_style(section);
        assert_eq!(style.family, FontFamily::ArabicSans);
        assert!((style.line_height - 1.75 * 1.2).abs() < 1e-5);
        assert_ne!(style.cache_key(), plain.cache_key(), "laid out anew");
    }

    #[test]
    fn the_language_chosen_wins_over_the_guess() {
        let urdu = crate::model::guess_language("یہ کتاب میں نے پڑھی ہے");
        assert_eq!(article_language(None, urdu).as_deref(), Some("ur"));
        assert_eq!(article_language(Some("fa"), urdu).as_deref(), Some("fa"));
        let persian = crate::model::guess_language("این کتاب را خواندم");
        assert_eq!(article_language(None, persian).as_deref(), Some("fa"));
    }

    #[test]
    fn old_preferences_without_typography_still_load() {
        let typography: Typography =
            serde_json::from_str(r#"{"article": {"margin_pt": 30.0}}"#).expect("parses");
        assert_eq!(typography.article.margin_pt, 30.0);
        assert_eq!(typography.article.family, FontFamily::Naskh);
        assert!(typography.urdu_in_nastaliq);
    }
}
