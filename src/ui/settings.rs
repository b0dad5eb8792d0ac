//! The settings window (View ▸ Settings…, Ctrl+,): one window, a page per subject,
//! every change applied at once and remembered.
//!
//! A page is a [`SettingsPage`]: a title and a body drawn from the state it was given,
//! returning what the reader changed as its own actions. The window knows nothing of
//! what a page holds, so a part of the app adds its page by implementing the trait and
//! passing it in with the others.

use egui::{Context, Ui};

use super::theme::Theme;
use super::typography::{
    FAMILIES, LINE_SPACING_RANGE, MARGIN_RANGE_PT, Typography, TypographyColumn, family_label,
};

/// A page of the settings window.
pub trait SettingsPage {
    /// Its title, in the list of pages.
    fn title(&self) -> &str;
    /// Draws its settings.
    fn show(&mut self, ui: &mut Ui);
}

/// Shows the settings window while `open`, with `pages`; `page` is the index of the
/// page shown, kept by the caller so it survives closing the window.
pub fn settings_window(
    ctx: &Context,
    open: &mut bool,
    page: &mut usize,
    pages: &mut [&mut dyn SettingsPage],
) {
    egui::Window::new("Settings")
        .open(open)
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for (index, shown) in pages.iter().enumerate() {
                    if ui.selectable_label(*page == index, shown.title()).clicked() {
                        *page = index;
                    }
                }
            });
            ui.separator();
            if let Some(shown) = pages.get_mut(*page) {
                egui::ScrollArea::vertical().show(ui, |ui| shown.show(ui));
            }
        });
    if *page >= pages.len() {
        *page = 0;
    }
}

/// What the reader changed on the look and typography pages.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsAction {
    /// Use this theme.
    SetTheme(Theme),
    /// Zoom the whole app to this factor.
    SetZoom(f32),
    /// Hide diacritics, or show them.
    HideDiacritics(bool),
    /// Mark bidi controls, or not.
    ShowBidiControls(bool),
    /// Cover translations until hovered, or not.
    BlurTranslations(bool),
    /// Set the article's text size, in points.
    SetBodySize(f32),
    /// Set the translation column's text size, in points.
    SetTranslationSize(f32),
    /// Use these families, spacings and margins.
    SetTypography(Typography),
}

/// What the look page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct LookSettings {
    /// The theme chosen.
    pub theme: Theme,
    /// The whole app's zoom.
    pub zoom: f32,
    /// Whether diacritics are hidden.
    pub hide_diacritics: bool,
    /// Whether bidi controls are marked.
    pub show_bidi_controls: bool,
    /// Whether translations are covered until hovered.
    pub blur_translations: bool,
}

/// The page of theme, zoom and what the text shows.
pub struct LookPage<'a> {
    /// The settings now.
    pub settings: LookSettings,
    /// Where the reader's changes go.
    pub actions: &'a mut Vec<SettingsAction>,
}

/// The zoom factors the slider offers.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

impl SettingsPage for LookPage<'_> {
    fn title(&self) -> &str {
        "Look"
    }

    fn show(&mut self, ui: &mut Ui) {
        let settings = &self.settings;
        ui.label(egui::RichText::new("Theme").strong());
        ui.horizontal(|ui| {
            for theme in Theme::ALL {
                if ui.radio(settings.theme == theme, theme.name()).clicked() {
                    self.actions.push(SettingsAction::SetTheme(theme));
                }
            }
        });
        ui.add_space(6.0);
        let mut zoom = settings.zoom;
        let slider = egui::Slider::new(&mut zoom, ZOOM_RANGE)
            .text("Zoom")
            .fixed_decimals(2)
            .step_by(0.05);
        if ui.add(slider).changed() {
            self.actions.push(SettingsAction::SetZoom(zoom));
        }
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Text").strong());
        for (label, on, action, hint) in [
            (
                "Hide diacritics",
                settings.hide_diacritics,
                SettingsAction::HideDiacritics as fn(bool) -> SettingsAction,
                "Arabic harakat, tanween, shadda, sukun, superscript alef and Quranic \
                 marks; Hebrew niqqud and cantillation. Only hidden on screen: the file, \
                 notes and copied text keep them.",
            ),
            (
                "Show bidi controls",
                settings.show_bidi_controls,
                SettingsAction::ShowBidiControls,
                "Marks the invisible characters that change the direction of text",
            ),
            (
                "Cover translations until hovered",
                settings.blur_translations,
                SettingsAction::BlurTranslations,
                "For testing yourself: a translation shows while the pointer is on it \
                 or Alt is held",
            ),
        ] {
            let mut value = on;
            if ui.checkbox(&mut value, label).on_hover_text(hint).changed() {
                self.actions.push(action(value));
            }
        }
    }
}

/// The page of faces, sizes, spacing and margins of each column.
pub struct TypographyPage<'a> {
    /// Families, spacings and margins.
    pub typography: Typography,
    /// The article's and translation's sizes, in points.
    pub body_size_pt: f32,
    /// See `body_size_pt`.
    pub translation_size_pt: f32,
    /// The sizes they can take.
    pub size_range_pt: std::ops::RangeInclusive<f32>,
    /// Where the reader's changes go.
    pub actions: &'a mut Vec<SettingsAction>,
}

impl SettingsPage for TypographyPage<'_> {
    fn title(&self) -> &str {
        "Typography"
    }

    fn show(&mut self, ui: &mut Ui) {
        let mut typography = self.typography;
        for column in TypographyColumn::ALL {
            ui.label(egui::RichText::new(column.name()).strong());
            let mut size = match column {
                TypographyColumn::Article => self.body_size_pt,
                TypographyColumn::Translation => self.translation_size_pt,
                TypographyColumn::Notes => typography.notes_size_pt,
            };
            let setting = typography.column_mut(column);
            egui::ComboBox::new(("hamish-family", column.name()), "Face")
                .selected_text(family_label(setting.family))
                .show_ui(ui, |ui| {
                    for family in FAMILIES {
                        ui.selectable_value(&mut setting.family, family, family_label(family));
                    }
                });
            let sized = ui.add(
                egui::Slider::new(&mut size, self.size_range_pt.clone())
                    .suffix(" pt")
                    .text("Size"),
            );
            ui.add(
                egui::Slider::new(&mut setting.line_spacing, LINE_SPACING_RANGE)
                    .fixed_decimals(2)
                    .suffix("×")
                    .text("Line spacing"),
            );
            ui.add(
                egui::Slider::new(&mut setting.margin_pt, MARGIN_RANGE_PT)
                    .suffix(" pt")
                    .text("Margins"),
            );
            if sized.changed() {
                match column {
                    TypographyColumn::Article => {
                        self.actions.push(SettingsAction::SetBodySize(size));
                    }
                    TypographyColumn::Translation => {
                        self.actions.push(SettingsAction::SetTranslationSize(size));
                    }
                    TypographyColumn::Notes => typography.notes_size_pt = size,
                }
            }
            ui.add_space(8.0);
        }
        ui.checkbox(
            &mut typography.urdu_in_nastaliq,
            "Urdu in Nastaliq (Noto Nastaliq Urdu)",
        )
        .on_hover_text(
            "Articles in Urdu are drawn in Nastaliq, with its taller lines; Persian and \
             Arabic keep the article face. View › Article language overrides the guess.",
        );
        if typography != self.typography {
            self.actions.push(SettingsAction::SetTypography(typography));
        }
    }
}
