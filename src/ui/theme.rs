//! Every colour and size of the interface in one place: the reading view's spacing,
//! the columns' shares of the width, the highlight colours, and the text styles of
//! notes and of the interface's own messages.

use egui::{Color32, Visuals};

use crate::model::HighlightColor;
use crate::text::{FontFamily, TextStyle};

/// The look the reader chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Light or dark, as the system is.
    #[default]
    System,
    /// Dark text on white.
    Light,
    /// Light text on near black.
    Dark,
    /// Brown text on warm paper, for long reading.
    Sepia,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Self; 4] = [Self::System, Self::Light, Self::Dark, Self::Sepia];

    /// The theme's name in the menu.
    pub fn name(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::Sepia => "Sepia",
        }
    }
}

/// egui's fonts for the chrome (menus, buttons, labels): its own, then bundled faces
/// for the characters they lack (Greek, Cyrillic and the signs Hamish's labels use),
/// so no label is drawn as a missing-glyph box. Right-to-left text never goes
/// through egui's text (it has no bidi); the text engine draws it.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut definitions = egui::FontDefinitions::default();
    for (name, data) in crate::text::CHROME_FALLBACK_FONTS {
        definitions.font_data.insert(
            name.to_owned(),
            std::sync::Arc::new(egui::FontData::from_static(data)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            definitions
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    definitions
}

/// Applies `theme` to `ctx`: the light and dark looks egui switches between, and
/// which of them is used.
pub fn apply(ctx: &egui::Context, theme: Theme) {
    let light = if theme == Theme::Sepia {
        sepia()
    } else {
        light()
    };
    ctx.set_visuals_of(egui::Theme::Light, light);
    ctx.set_visuals_of(egui::Theme::Dark, dark());
    ctx.all_styles_mut(readable_small_text);
    ctx.set_theme(match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Light | Theme::Sepia => egui::ThemePreference::Light,
        Theme::Dark => egui::ThemePreference::Dark,
    });
}

/// The size of egui's small text (source labels, match counts, the gloss card's
/// details) as a share of its body text: small, but read without effort.
pub const SMALL_TEXT_RATIO: f32 = 0.88;

/// Sets egui's small text to [`SMALL_TEXT_RATIO`] of its body text (egui's own is
/// 9 pt beside 12.5 pt, too small to read at a glance).
fn readable_small_text(style: &mut egui::Style) {
    let body = style
        .text_styles
        .get(&egui::TextStyle::Body)
        .map(|font| font.size);
    if let (Some(body), Some(small)) = (body, style.text_styles.get_mut(&egui::TextStyle::Small)) {
        small.size = (body * SMALL_TEXT_RATIO).ceil();
    }
}

/// egui's dark look, with reading text brighter than egui's labels. Weak text (source
/// labels, quotes, counts) keeps at least 4.5:1 contrast with every background.
pub fn dark() -> Visuals {
    let mut visuals = Visuals::dark();
    visuals.override_text_color = None;
    visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(210);
    visuals.weak_text_color = Some(Color32::from_gray(160));
    visuals
}

/// egui's light look, with reading text darker than egui's labels; weak text and
/// warnings dark enough for 4.5:1 contrast (egui's orange warning is 2.9:1 on white).
pub fn light() -> Visuals {
    let mut visuals = Visuals::light();
    visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(40);
    visuals.weak_text_color = Some(Color32::from_gray(90));
    visuals.warn_fg_color = Color32::from_rgb(0xa8, 0x3a, 0x00);
    visuals
}

/// Warm paper and brown ink.
pub fn sepia() -> Visuals {
    let mut visuals = Visuals::light();
    let paper = Color32::from_rgb(0xf4, 0xec, 0xd8);
    let ink = Color32::from_rgb(0x4a, 0x36, 0x24);
    visuals.panel_fill = paper;
    visuals.window_fill = Color32::from_rgb(0xf8, 0xf1, 0xe1);
    visuals.extreme_bg_color = Color32::from_rgb(0xfb, 0xf6, 0xea);
    visuals.faint_bg_color = Color32::from_rgb(0xee, 0xe4, 0xcc);
    visuals.widgets.noninteractive.fg_stroke.color = ink;
    visuals.widgets.noninteractive.bg_fill = paper;
    visuals.widgets.inactive.fg_stroke.color = ink;
    visuals.widgets.inactive.bg_fill = Color32::from_rgb(0xe8, 0xdc, 0xc0);
    visuals.widgets.inactive.weak_bg_fill = Color32::from_rgb(0xe8, 0xdc, 0xc0);
    visuals.widgets.hovered.weak_bg_fill = Color32::from_rgb(0xdf, 0xd0, 0xb0);
    visuals.selection.bg_fill = Color32::from_rgb(0xc9, 0xb2, 0x84);
    visuals.selection.stroke.color = ink;
    visuals.weak_text_color = Some(Color32::from_rgb(0x6b, 0x55, 0x40));
    visuals.warn_fg_color = Color32::from_rgb(0xa8, 0x3a, 0x00);
    visuals
}

/// Space between two rows of the reading view, in points.
pub const ROW_GAP_PT: f32 = 14.0;

/// Space between two columns, in points.
pub const COLUMN_GAP_PT: f32 = 18.0;

/// How far quotations and list items are set in from the start side, in points.
pub const INDENT_PT: f32 = 28.0;

/// The section cursor's bar: how far outside the text column (in the scroll bar's
/// gutter on the right, the panel margin on the left) and how wide, in points.
pub const CURSOR_BAR_GAP_PT: f32 = 6.0;
/// See [`CURSOR_BAR_GAP_PT`].
pub const CURSOR_BAR_WIDTH_PT: f32 = 3.0;

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

/// The style of a translation at `size_pt` (the translation column has its own
/// size): the Latin serif, falling back to the bundled Arabic, Hebrew and Urdu faces
/// for a translation in those scripts.
pub const fn translation(size_pt: f32) -> TextStyle {
    TextStyle {
        family: FontFamily::Serif,
        size_pt,
        line_height: 1.6,
        bold: false,
    }
}

/// The translation style at its default size.
pub const TRANSLATION: TextStyle = translation(TRANSLATION_SIZE_PT);

/// The translation column's text size unless the reader chose another, in points.
pub const TRANSLATION_SIZE_PT: f32 = 16.0;

/// The style of a quote above a note.
pub const NOTE_QUOTE: TextStyle = TextStyle {
    size_pt: 14.0,
    ..NOTE
};

/// An article's title in the search results.
pub const SEARCH_TITLE: TextStyle = TextStyle {
    bold: true,
    ..TextStyle::interface(14.0)
};

/// The words around a match in the search results.
pub const SEARCH_CONTEXT: TextStyle = TextStyle {
    family: FontFamily::Naskh,
    size_pt: 16.0,
    line_height: 1.5,
    bold: false,
};

/// The fill of a highlight of `color` under text: see-through, so the text stays
/// readable on light and dark themes.
pub fn highlight_fill(color: HighlightColor) -> Color32 {
    let solid = highlight_solid(color);
    Color32::from_rgba_unmultiplied(solid.r(), solid.g(), solid.b(), 80)
}

/// The fill under a search match, orange so it is not taken for a reader's yellow
/// highlight; deeper for the `current` match (the one F3 went to). See-through like
/// [`highlight_fill`], and checked for contrast in every theme like it.
pub fn search_match_fill(current: bool) -> Color32 {
    if current {
        Color32::from_rgba_unmultiplied(255, 120, 0, 160)
    } else {
        Color32::from_rgba_unmultiplied(255, 170, 0, 90)
    }
}

/// The fill under a sentence pointed at (or under the sentence cursor) and under its
/// counterparts in the other text: teal, so it is taken neither for a reader's
/// highlight nor for a search match. See-through like [`highlight_fill`], and
/// checked in every theme for the text on it and for being seen on the page.
pub fn linked_sentence_fill() -> Color32 {
    Color32::from_rgba_unmultiplied(20, 170, 170, 70)
}

/// The tint under a word of the status `status` when word status is shown: new words
/// in blue, words being learnt in amber, fading as the level rises; known and ignored
/// words are left plain (transparent).
pub fn word_status_fill(status: crate::model::vocabulary::WordStatus) -> Color32 {
    use crate::model::vocabulary::WordStatus;
    match status {
        WordStatus::New => Color32::from_rgba_unmultiplied(56, 132, 255, 60),
        WordStatus::Learning(level) => {
            let alpha = [150, 110, 75, 45][usize::from(level.clamp(1, 4) - 1)];
            Color32::from_rgba_unmultiplied(245, 158, 11, alpha)
        }
        WordStatus::Known | WordStatus::Ignored => Color32::TRANSPARENT,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an opaque colour.
    fn luminance(color: Color32) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    }

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `over` painted on `under` (egui colours are premultiplied; some, such as the
    /// light theme's faint background, are additive).
    fn blend(over: Color32, under: Color32) -> Color32 {
        let keep = 1.0 - f32::from(over.a()) / 255.0;
        let mix = |o: u8, u: u8| (f32::from(o) + f32::from(u) * keep).round().min(255.0) as u8;
        Color32::from_rgb(
            mix(over.r(), under.r()),
            mix(over.g(), under.g()),
            mix(over.b(), under.b()),
        )
    }

    #[test]
    fn every_theme_keeps_body_text_at_wcag_aa() {
        for (name, visuals) in [("light", light()), ("dark", dark()), ("sepia", sepia())] {
            let text = visuals.strong_text_color();
            let panel = visuals.panel_fill;
            for (what, background) in [
                ("panel", panel),
                ("window", visuals.window_fill),
                ("field", visuals.extreme_bg_color),
                ("note card", blend(visuals.faint_bg_color, panel)),
                ("selection", blend(visuals.selection.bg_fill, panel)),
            ] {
                let ratio = contrast(text, background);
                assert!(ratio >= 4.5, "{name}: text on {what} is {ratio:.2}:1");
            }
            for color in HighlightColor::ALL {
                let under = blend(highlight_fill(color), visuals.panel_fill);
                let ratio = contrast(text, under);
                assert!(
                    ratio >= 4.5,
                    "{name}: text on a {} highlight is {ratio:.2}:1",
                    color.name()
                );
            }
            let linked = blend(linked_sentence_fill(), visuals.panel_fill);
            let ratio = contrast(text, linked);
            assert!(
                ratio >= 4.5,
                "{name}: text on a linked sentence is {ratio:.2}:1"
            );
            // Seen at all: the fill stands apart from the page it is on.
            let apart = [linked.r(), linked.g(), linked.b()]
                .iter()
                .zip([
                    visuals.panel_fill.r(),
                    visuals.panel_fill.g(),
                    visuals.panel_fill.b(),
                ])
                .map(|(a, b)| a.abs_diff(b))
                .max()
                .unwrap_or(0);
            assert!(
                apart >= 24,
                "{name}: a linked sentence is hardly seen ({apart})"
            );
            for current in [false, true] {
                let under = blend(search_match_fill(current), visuals.panel_fill);
                let ratio = contrast(text, under);
                assert!(
                    ratio >= 4.5,
                    "{name}: text on a search match (current: {current}) is {ratio:.2}:1"
                );
            }
        }
    }
}
