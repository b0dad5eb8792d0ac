//! The gloss card: beside a word the reader Alt+clicked, what the word can be —
//! each analysis with its vocalised form, lemma, parts of speech and gloss, most
//! likely first — and a button to keep one as a note on the word.

use egui::{Pos2, vec2};

use crate::gloss::WordGloss;
use crate::text::{FontFamily, TextStyle};

use super::{TextBlock, theme};

/// What the card shows.
pub enum GlossCardContent<'a> {
    /// The word's analyses.
    Gloss(&'a WordGloss),
    /// The lexicon is still being read.
    Loading,
    /// The lexicon cannot be used, with why (and where to put it).
    Unavailable(&'a str),
}

/// What the reader did on the card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GlossAction {
    /// Keep this analysis (by its index) as a note on the word.
    AddToNotes(usize),
    /// Close the card.
    Close,
}

/// How many analyses the card lists; the rest are counted.
const SHOWN_ANALYSES: usize = 8;

/// The card, its top-left corner near `at`.
pub fn gloss_card(
    ctx: &egui::Context,
    at: Pos2,
    content: &GlossCardContent<'_>,
) -> Option<GlossAction> {
    let mut action = None;
    let arabic = TextStyle {
        family: FontFamily::Naskh,
        size_pt: 20.0,
        line_height: 1.5,
        bold: false,
    };
    egui::Area::new(egui::Id::unique("hamish-gloss-card"))
        .fixed_pos(at + vec2(0.0, 6.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(380.0);
                ui.horizontal(|ui| {
                    ui.strong("Word gloss");
                    if ui.small_button("Close").clicked() {
                        action = Some(GlossAction::Close);
                    }
                });
                super::access::announce(ui, "gloss-card", &spoken(content));
                match content {
                    GlossCardContent::Loading => {
                        ui.label("Reading the Arabic lexicon…");
                    }
                    GlossCardContent::Unavailable(why) => {
                        let color = ui.visuals().warn_fg_color;
                        ui.add(TextBlock::new(why).style(theme::SMALL).color(color));
                    }
                    GlossCardContent::Gloss(gloss) => {
                        ui.add(TextBlock::new(&gloss.word).style(TextStyle {
                            bold: true,
                            ..arabic
                        }));
                        if !gloss.is_word() {
                            ui.label("Not an Arabic word.");
                        } else if gloss.analyses.is_empty() {
                            ui.label("This word is not in the lexicon.");
                        }
                        for (index, analysis) in
                            gloss.analyses.iter().take(SHOWN_ANALYSES).enumerate()
                        {
                            ui.separator();
                            ui.add(TextBlock::new(&analysis.vocalized).style(arabic));
                            ui.label(egui::RichText::new(&analysis.gloss).strong());
                            let weak = ui.visuals().weak_text_color();
                            ui.label(
                                egui::RichText::new(format!(
                                    "{} · lemma {} · {}",
                                    analysis.buckwalter, analysis.lemma, analysis.pos
                                ))
                                .small()
                                .color(weak),
                            );
                            if !analysis.matches_diacritics {
                                ui.label(
                                    egui::RichText::new(
                                        "does not fit the marks written on the word",
                                    )
                                    .small()
                                    .color(weak),
                                );
                            }
                            let add = ui
                                .small_button("Add to notes")
                                .on_hover_text("Keep this reading as a note on the word");
                            if add.clicked() {
                                action = Some(GlossAction::AddToNotes(index));
                            }
                        }
                        let more = gloss.analyses.len().saturating_sub(SHOWN_ANALYSES);
                        if more > 0 {
                            ui.label(format!("…and {more} more readings"));
                        }
                    }
                }
            });
        });
    if ctx.input(|input| input.key_pressed(egui::Key::Escape)) {
        action = Some(GlossAction::Close);
    }
    action
}

/// What a screen reader says when the card appears or changes: the word and its
/// first reading.
fn spoken(content: &GlossCardContent<'_>) -> String {
    match content {
        GlossCardContent::Loading => "Word gloss: reading the Arabic lexicon".to_owned(),
        GlossCardContent::Unavailable(why) => format!("Word gloss: {why}"),
        GlossCardContent::Gloss(gloss) => match gloss.analyses.first() {
            Some(analysis) => format!(
                "Word gloss: {}: {}, {} readings",
                gloss.word,
                analysis.gloss,
                gloss.analyses.len()
            ),
            None => format!("Word gloss: {}: not in the lexicon", gloss.word),
        },
    }
}
