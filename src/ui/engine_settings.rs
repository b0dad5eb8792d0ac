//! The engine settings panel: which engine, its model folder or server address and
//! model name, the languages, the time a section may take, and whether servers on
//! other computers may be used. Self-contained: it edits a copy of the settings and
//! returns the new ones when the reader changed something, so it can stand in its own
//! window or as a section of a larger settings window.
//!
//! The fields hold addresses, model names, paths and commands, typed in Latin letters;
//! the hints, glossary terms and anything else that can be Arabic go through the text
//! engine.

use egui::Ui;

use crate::translate::{
    EngineConfig, EngineSettings, GLOSSARY_FILE, TIMEOUT_RANGE_SECS, language_name,
};

/// Target languages offered (any tag can be typed too).
const TARGETS: [&str; 10] = ["en", "fr", "de", "es", "it", "tr", "fa", "ur", "he", "ar"];

/// Source languages offered besides telling it from the script.
const SOURCES: [&str; 4] = ["ar", "fa", "ur", "he"];

/// Draws the panel for `settings`; `detected` is the open article's language as told
/// from its script. Returns the settings as the reader changed them, if they did.
pub fn engine_settings(
    ui: &mut Ui,
    settings: &EngineSettings,
    detected: Option<&str>,
) -> Option<EngineSettings> {
    let mut new = settings.clone();
    egui::Grid::new("engine-settings")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label("Engine");
            engine_choice(ui, &mut new);
            ui.end_row();
            engine_fields(ui, &mut new.engine);
            ui.label("Translate into");
            language_choice(
                ui,
                "target-language",
                "Translate into",
                &mut new.target_language,
                &TARGETS,
                None,
            );
            ui.end_row();
            ui.label("Articles are in");
            language_choice(
                ui,
                "source-language",
                "Articles are in",
                &mut new.source_language,
                &SOURCES,
                Some(detected),
            );
            ui.end_row();
            ui.label("Time for a section");
            ui.add(
                egui::DragValue::new(&mut new.timeout_secs)
                    .range(TIMEOUT_RANGE_SECS)
                    .speed(1.0)
                    .suffix(" s"),
            );
            ui.end_row();
            ui.label("Other computers");
            ui.checkbox(
                &mut new.allow_other_hosts,
                "Allow servers on other computers",
            )
            .on_hover_text(
                "Off: only a server on this computer (localhost, 127.0.0.1, ::1) is used, \
                     so the text never leaves it",
            );
            ui.end_row();
        });
    ui.add_space(6.0);
    let hint = format!(
        "Glossary: a file {GLOSSARY_FILE} beside the articles, one term a line: the term, a TAB, \
         its translation. Chat engines are given the terms; every engine's rows are checked \
         against them."
    );
    ui.add(
        super::TextBlock::new(&hint)
            .style(super::theme::SMALL)
            .selectable(false)
            .color(ui.visuals().weak_text_color()),
    );
    (new != *settings).then_some(new)
}

/// Gives a combo box drawn beside its label in the grid that label as its name.
fn named(response: &egui::Response, name: &str) {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
}

/// The engine picker: an engine chosen again comes back with its own settings.
fn engine_choice(ui: &mut Ui, settings: &mut EngineSettings) {
    let shown = egui::ComboBox::from_id_salt("engine-kind")
        .selected_text(settings.engine.label())
        .width(320.0)
        .show_ui(ui, |ui| {
            for kind in EngineConfig::kinds() {
                let chosen = settings.engine.same_kind(&kind);
                if ui.selectable_label(chosen, kind.label()).clicked() && !chosen {
                    settings.choose_engine(kind);
                }
            }
        });
    named(&shown.response, "Engine");
}

fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str) {
    ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(320.0),
    );
    ui.end_row();
}

fn optional_row(ui: &mut Ui, label: &str, value: &mut Option<String>) {
    let mut text = value.clone().unwrap_or_default();
    text_row(ui, label, &mut text, "none");
    *value = (!text.is_empty()).then_some(text);
}

fn engine_fields(ui: &mut Ui, engine: &mut EngineConfig) {
    match engine {
        EngineConfig::Firefox { model_dir } => {
            let mut text = model_dir.display().to_string();
            text_row(
                ui,
                "Model folder",
                &mut text,
                "a Firefox Translations model folder",
            );
            *model_dir = text.into();
            ui.label("");
            let home = crate::translate::models_dir().unwrap_or_default();
            ui.vertical(|ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "A model folder (one language pair), or a folder of them. Left empty, \
                         Hamish looks in {}.",
                        home.display()
                    ))
                    .small(),
                );
                ui.collapsing("Where to get a model", |ui| {
                    ui.label(
                        egui::RichText::new(crate::translate::firefox::where_to_get_models(&home))
                            .small(),
                    );
                });
            });
            ui.end_row();
        }
        EngineConfig::LibreTranslate { url, api_key } => {
            text_row(ui, "Address", url, "http://127.0.0.1:5000");
            optional_row(ui, "API key", api_key);
        }
        EngineConfig::Ollama { url, model } => {
            text_row(ui, "Address", url, "http://127.0.0.1:11434");
            text_row(ui, "Model", model, "as `ollama list` names it");
        }
        EngineConfig::OpenAi {
            url,
            model,
            api_key,
        } => {
            text_row(ui, "Address", url, "http://127.0.0.1:8080");
            text_row(ui, "Model", model, "as the server names it");
            optional_row(ui, "API key", api_key);
        }
        EngineConfig::Command { command } => {
            text_row(ui, "Command", command, "run by the shell");
            ui.label("");
            ui.label(
                egui::RichText::new(
                    "The section comes on its standard input; it writes the translation to its \
                     standard output. HAMISH_SOURCE_LANG and HAMISH_TARGET_LANG name the languages.",
                )
                .small(),
            );
            ui.end_row();
        }
    }
}

/// A language picker: the offered tags, any tag typed, and (for the source) telling
/// it from the script, shown with what was detected.
fn language_choice(
    ui: &mut Ui,
    id: &str,
    name: &str,
    value: &mut String,
    offered: &[&str],
    detect: Option<Option<&str>>,
) {
    let shown = |tag: &str| format!("{} ({tag})", language_name(tag));
    let selected = match detect {
        Some(detected) if value.is_empty() => match detected {
            Some(tag) => format!("From the script: {}", shown(tag)),
            None => "From the script".to_owned(),
        },
        _ => shown(value),
    };
    ui.horizontal(|ui| {
        let shown = egui::ComboBox::from_id_salt(id)
            .selected_text(selected)
            .width(220.0)
            .show_ui(ui, |ui| {
                if detect.is_some()
                    && ui
                        .selectable_label(value.is_empty(), "From the script")
                        .clicked()
                {
                    value.clear();
                }
                for tag in offered {
                    if ui.selectable_label(value == tag, shown(tag)).clicked() {
                        *value = (*tag).to_owned();
                    }
                }
            });
        named(&shown.response, name);
        ui.add(egui::TextEdit::singleline(value).desired_width(60.0))
            .on_hover_text("Any language tag (BCP 47), such as pt-BR")
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    });
}

/// The engine settings as the Translation page of the Settings window (the same
/// controls as the Translate ▸ Engine settings window).
pub struct EnginePage<'a> {
    /// The settings as they are.
    pub settings: &'a EngineSettings,
    /// The open article's language, as told from its script.
    pub detected: Option<&'a str>,
    /// The settings as the reader changed them this frame.
    pub changed: Option<EngineSettings>,
}

impl super::settings::SettingsPage for EnginePage<'_> {
    fn title(&self) -> &str {
        "Translation"
    }

    fn show(&mut self, ui: &mut Ui) {
        if let Some(new) = engine_settings(ui, self.settings, self.detected) {
            self.changed = Some(new);
        }
    }
}
