//! The gloss card: beside a word the reader Alt+clicked, what the word can be —
//! each analysis with its vocalised form, its gloss, its parts named in plain words
//! (prefix, stem, suffix), the technical tags on request, most likely first — and a
//! button to keep one as a note on the word.
//!
//! The card never covers the word nor the line it stands in: it opens below the
//! line, or above it when there is more room there, pointing at the word with a
//! small arrow, kept inside the window; when neither side holds all of it, its
//! readings scroll.

use egui::{Pos2, Rect, vec2};

use crate::gloss::WordGloss;
use crate::gloss::report::readable_parts;
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

/// Room kept between the card and the word's line, and between the card and the
/// window's edges, in points.
const GAP_PT: f32 = 8.0;

/// The card's widest, in points.
const CARD_WIDTH_PT: f32 = 380.0;

/// Where the card stands for a word at `word`: its rectangle's top-left corner,
/// whether it is below the word's line (else above it), and the most height it may
/// take, for a card of `size` in a window `window`.
pub fn card_place(word: Rect, size: egui::Vec2, window: Rect) -> (Pos2, bool, f32) {
    let below_room = window.bottom() - GAP_PT - (word.bottom() + GAP_PT);
    let above_room = (word.top() - GAP_PT) - (window.top() + GAP_PT);
    let below = size.y <= below_room || below_room >= above_room;
    let room = if below { below_room } else { above_room }.max(0.0);
    let height = size.y.min(room);
    let left = (word.center().x - size.x / 2.0)
        .min(window.right() - GAP_PT - size.x)
        .max(window.left() + GAP_PT);
    let top = if below {
        word.bottom() + GAP_PT
    } else {
        word.top() - GAP_PT - height
    };
    (Pos2::new(left, top), below, room)
}

/// The card for the word at `word` (its box on screen).
pub fn gloss_card(
    ctx: &egui::Context,
    word: Rect,
    content: &GlossCardContent<'_>,
) -> Option<GlossAction> {
    let id = egui::Id::unique("hamish-gloss-card");
    let window = ctx.content_rect();
    let width = CARD_WIDTH_PT.min(window.width() - 2.0 * GAP_PT).max(120.0);
    let last_size = ctx
        .memory(|memory| memory.area_rect(id))
        .map_or(vec2(width, 240.0), |rect| rect.size());
    let (at, below, room) = card_place(word, last_size, window);
    let mut action = None;
    let shown = egui::Area::new(id)
        .fixed_pos(at)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(width - 16.0);
                ui.set_max_height((room - 16.0).max(60.0));
                ui.horizontal(|ui| {
                    ui.strong("Word gloss");
                    if ui.small_button("Close").clicked() {
                        action = Some(GlossAction::Close);
                    }
                });
                super::access::announce(ui, "gloss-card", &spoken(content));
                egui::ScrollArea::vertical()
                    .max_height((room - 56.0).max(40.0))
                    .show(ui, |ui| card_body(ui, content, &mut action));
            });
        });
    paint_pointer(ctx, shown.response.rect, word, below);
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

/// A small arrow from the card's edge to the word.
fn paint_pointer(ctx: &egui::Context, card: Rect, word: Rect, below: bool) {
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("hamish-gloss-card-pointer"),
    ));
    let x = word
        .center()
        .x
        .clamp(card.left() + 12.0, card.right() - 12.0);
    let (edge, tip) = if below {
        (card.top(), card.top() - GAP_PT + 1.0)
    } else {
        (card.bottom(), card.bottom() + GAP_PT - 1.0)
    };
    let visuals = ctx.global_style().visuals.clone();
    painter.add(egui::Shape::convex_polygon(
        vec![
            Pos2::new(x - 7.0, edge),
            Pos2::new(x, tip),
            Pos2::new(x + 7.0, edge),
        ],
        visuals.window_fill,
        visuals.window_stroke,
    ));
}

/// What the card says: the word and its readings.
fn card_body(ui: &mut egui::Ui, content: &GlossCardContent<'_>, action: &mut Option<GlossAction>) {
    let arabic = TextStyle {
        family: FontFamily::Naskh,
        size_pt: 20.0,
        line_height: 1.5,
        bold: false,
    };
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
            for (index, analysis) in gloss.analyses.iter().take(SHOWN_ANALYSES).enumerate() {
                ui.separator();
                ui.add(TextBlock::new(&analysis.vocalized).style(arabic));
                ui.label(egui::RichText::new(&analysis.gloss).strong());
                let weak = ui.visuals().weak_text_color();
                for part in readable_parts(analysis) {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(part.role).small().color(weak));
                        if !part.gloss.is_empty() {
                            ui.label(egui::RichText::new(&part.gloss).small());
                        }
                        ui.label(
                            egui::RichText::new(format!("({})", part.kind))
                                .small()
                                .color(weak),
                        );
                    });
                }
                if !analysis.matches_diacritics {
                    ui.label(
                        egui::RichText::new("does not fit the marks written on the word")
                            .small()
                            .color(weak),
                    );
                }
                egui::CollapsingHeader::new(egui::RichText::new("Technical tags").small())
                    .id_salt(("gloss-tags", index))
                    .default_open(false)
                    .show(ui, |ui| {
                        ui.label(
                            egui::RichText::new(format!(
                                "{} · lemma {} · {}",
                                analysis.buckwalter, analysis.lemma, analysis.pos
                            ))
                            .small()
                            .color(weak),
                        );
                    });
                let add = ui
                    .small_button("Add to notes")
                    .on_hover_text("Keep this reading as a note on the word");
                if add.clicked() {
                    *action = Some(GlossAction::AddToNotes(index));
                }
            }
            let more = gloss.analyses.len().saturating_sub(SHOWN_ANALYSES);
            if more > 0 {
                ui.label(format!("…and {more} more readings"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_stands_clear_of_the_words_line_and_inside_the_window() {
        for window_width in [700.0, 1280.0] {
            let window = Rect::from_min_size(Pos2::ZERO, vec2(window_width, 820.0));
            let size = vec2(380.0, 300.0);
            for (x, y) in [(20.0, 100.0), (650.0, 700.0), (window_width - 30.0, 400.0)] {
                let word = Rect::from_min_size(Pos2::new(x, y), vec2(40.0, 30.0));
                let (at, below, room) = card_place(word, size, window);
                let card = Rect::from_min_size(at, vec2(size.x, size.y.min(room)));
                let line = Rect::from_x_y_ranges(window.x_range(), word.y_range());
                assert!(!card.intersects(line), "{card:?} covers {line:?}");
                assert!(window.contains_rect(card), "{card:?} in {window:?}");
                assert_eq!(below, card.top() > word.bottom());
            }
        }
    }
}
