//! What the widgets tell screen readers beyond a name and a role: the text they paint
//! (as AccessKit text runs, so a reader can move by character, word and line, and an
//! editor's caret and selection can be followed), its language, the section the
//! reading cursor is on (which takes the accessibility focus), and the messages
//! (through a live region, announced once each).
//!
//! Hamish paints its own text, so egui cannot describe it: the widgets call in here
//! after they have laid out. Text runs are the logical text, line by line as it is
//! wrapped, so offsets are those of the text as typed, whatever order the glyphs are
//! drawn in. A character is a grapheme cluster (a letter with its marks), as the
//! editors move by.
//!
//! Nothing here costs anything while no screen reader (or test) has switched
//! AccessKit on: every node builder returns `None` then.

use std::ops::Range;

use egui::accesskit::{self, Live, Role};
use egui::{Context, Id, Pos2, Rect, Ui, UiBuilder};
use unicode_segmentation::UnicodeSegmentation as _;

use crate::model::guess_language;
use crate::text::ParagraphLayout;

/// AccessKit's `word_starts` are `u8`: a run holds at most this many characters.
const MAX_CHARS_PER_RUN: usize = 255;

/// Exposes the text of `layout`, drawn at `origin`, as text runs under the node of
/// `widget`, in logical order; with `selection` (anchor and focus, byte offsets of the
/// text), also where the caret and selection are. `language` (a BCP 47 tag) says
/// which voice should read it; without it, the language is guessed from the text's
/// letters.
pub fn expose_text(
    ui: &mut Ui,
    widget: Id,
    layout: &ParagraphLayout,
    origin: Pos2,
    selection: Option<(usize, usize)>,
    language: Option<&str>,
) {
    if !ui.ctx().has_accesskit_node(widget) {
        return;
    }
    let text = layout.text();
    let language = language.or_else(|| guess_language(text));
    let runs = text_runs(text, layout);
    let exposed = ui.ctx().accesskit_node_builder(widget, |node| {
        if let Some(language) = language {
            node.set_language(language);
        }
        if let Some((anchor, focus)) = selection {
            node.set_text_selection(accesskit::TextSelection {
                anchor: position(widget, &runs, anchor),
                focus: position(widget, &runs, focus),
            });
        }
    });
    if exposed.is_none() {
        return;
    }
    for (index, run) in runs.iter().enumerate() {
        let id = run_id(widget, index);
        let bounds = run.rect.translate(origin.to_vec2());
        // A child ui is egui's way to hang a node under a widget's node.
        let _child = ui.new_child(
            UiBuilder::new()
                .scope_id(id)
                .max_rect(bounds)
                .accessibility_parent(widget)
                .accessibility_role(Role::TextRun),
        );
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_role(Role::TextRun);
            node.set_value(&text[run.bytes.clone()]);
            node.set_character_lengths(run.character_lengths.clone());
            node.set_word_starts(run.word_starts.clone());
            node.set_text_direction(if run.rtl {
                accesskit::TextDirection::RightToLeft
            } else {
                accesskit::TextDirection::LeftToRight
            });
            node.set_bounds(accesskit_rect(bounds));
            if let Some(language) = language {
                node.set_language(language);
            }
            if run.continues_line && index > 0 {
                node.set_previous_on_line(run_id(widget, index - 1).accesskit_id());
            }
            if runs.get(index + 1).is_some_and(|next| next.continues_line) {
                node.set_next_on_line(run_id(widget, index + 1).accesskit_id());
            }
        });
    }
}

/// Sets the language of the text of `widget` (a BCP 47 tag: `ar`, `fa`, `en`…).
pub fn set_language(ctx: &Context, widget: Id, language: &str) {
    ctx.accesskit_node_builder(widget, |node| node.set_language(language));
}

/// Tells screen readers `widget` is off screen (scrolled out of its view): it leaves
/// the tree they walk, so it is not reported as showing.
pub fn set_offscreen(ctx: &Context, widget: Id) {
    ctx.accesskit_node_builder(widget, |node| node.set_hidden());
}

/// Makes `widget` a live region saying `message`: a screen reader announces it when
/// it appears and each time it changes, and never again while it stays the same.
pub fn live_message(ctx: &Context, widget: Id, message: &str) {
    ctx.accesskit_node_builder(widget, |node| {
        node.set_role(Role::Status);
        node.set_live(Live::Polite);
        node.set_label(message);
    });
}

/// Adds to `ui` a live region (drawn as nothing) saying `message`: for a panel that
/// appears or changes where the focus is not (the gloss card, the search results,
/// the shortcut sheet), so a screen reader tells what it shows, once per change.
pub fn announce(ui: &mut Ui, id_salt: &str, message: &str) {
    let child = ui.new_child(
        UiBuilder::new()
            .id_salt(id_salt)
            .max_rect(Rect::from_min_size(ui.cursor().min, egui::Vec2::ZERO))
            .accessibility_role(Role::Status),
    );
    live_message(ui.ctx(), child.unique_id(), message);
}

/// Whether the keyboard focus is in a text field, where keys are typing, rather than
/// nowhere or on the section the reading cursor is on (see [`follow_cursor`]).
pub fn typing(ctx: &Context) -> bool {
    let cursor_focus = ctx.data(|data| data.get_temp::<Id>(cursor_focus_key()));
    ctx.memory(|memory| memory.focused())
        .is_some_and(|focused| Some(focused) != cursor_focus)
}

/// Moves the accessibility focus to `widget`, the block of the section the reading
/// cursor is on, when the cursor has moved onto it (not every frame, so a click into
/// an editor keeps the focus) and nothing is being typed.
pub fn follow_cursor(ui: &Ui, widget: Id, cursor: usize) {
    let ctx = ui.ctx();
    let last = ctx.data(|data| data.get_temp::<usize>(cursor_index_key()));
    if last == Some(cursor) || typing(ctx) {
        return;
    }
    ctx.data_mut(|data| {
        data.insert_temp(cursor_index_key(), cursor);
        data.insert_temp(cursor_focus_key(), widget);
    });
    ctx.memory_mut(|memory| {
        memory.request_focus(widget);
        // The arrow that moved the cursor is the reading view's, not a move of
        // egui's focus to the widget below.
        memory.move_focus(egui::FocusDirection::None);
        // The reading view's keys are its own: the arrows move the cursor, not egui's
        // focus from widget to widget.
        memory.set_focus_lock_filter(
            widget,
            egui::EventFilter {
                tab: false,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: false,
            },
        );
    });
}

/// Keeps the arrows with the reading view while the cursor's section has the focus.
pub fn keep_cursor_keys(ui: &Ui, widget: Id) {
    ui.ctx().memory_mut(|memory| {
        if memory.has_focus(widget) {
            memory.set_focus_lock_filter(
                widget,
                egui::EventFilter {
                    tab: false,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: false,
                },
            );
        }
    });
}

fn cursor_index_key() -> Id {
    Id::unique("hamish-access-cursor-index")
}

fn cursor_focus_key() -> Id {
    Id::unique("hamish-access-cursor-focus")
}

/// One text run: a line, or a part of a line too long for one run.
#[derive(Clone, Debug, PartialEq)]
struct Run {
    bytes: Range<usize>,
    rect: Rect,
    rtl: bool,
    character_lengths: Vec<u8>,
    word_starts: Vec<u8>,
    /// Whether the run goes on from the run before on the same line.
    continues_line: bool,
}

fn run_id(widget: Id, index: usize) -> Id {
    widget.with(("text-run", index))
}

/// The runs of `text` as `layout` wraps it: its lines in reading order, each cut
/// into parts of at most [`MAX_CHARS_PER_RUN`] characters.
fn text_runs(text: &str, layout: &ParagraphLayout) -> Vec<Run> {
    let word_starts: std::collections::HashSet<usize> = text
        .split_word_bound_indices()
        .filter(|(_, segment)| segment.chars().any(char::is_alphanumeric))
        .map(|(start, _)| start)
        .collect();
    let mut runs = Vec::new();
    for line in layout.logical_lines() {
        // A character is a grapheme cluster, but its length must fit a `u8`: one
        // piled past reason (hundreds of marks) counts by code point.
        let graphemes: Vec<(usize, &str)> = text[line.bytes.clone()]
            .grapheme_indices(true)
            .flat_map(|(offset, grapheme)| {
                let whole = (grapheme.len() <= usize::from(u8::MAX)).then_some((offset, grapheme));
                let split = whole.is_none().then(|| {
                    grapheme
                        .char_indices()
                        .map(move |(at, c)| (offset + at, &grapheme[at..at + c.len_utf8()]))
                });
                whole.into_iter().chain(split.into_iter().flatten())
            })
            .map(|(offset, grapheme)| (line.bytes.start + offset, grapheme))
            .collect();
        let mut chunks = graphemes.chunks(MAX_CHARS_PER_RUN).peekable();
        if chunks.peek().is_none() {
            runs.push(Run {
                bytes: line.bytes.clone(),
                rect: line.rect,
                rtl: line.rtl,
                character_lengths: Vec::new(),
                word_starts: Vec::new(),
                continues_line: false,
            });
            continue;
        }
        for (part, chunk) in chunks.enumerate() {
            let start = chunk
                .first()
                .map_or(line.bytes.start, |(offset, _)| *offset);
            let end = chunk
                .last()
                .map_or(start, |(offset, grapheme)| offset + grapheme.len());
            runs.push(Run {
                bytes: start..end,
                rect: line.rect,
                rtl: line.rtl,
                character_lengths: chunk
                    .iter()
                    .map(|(_, grapheme)| u8::try_from(grapheme.len()).unwrap_or(u8::MAX))
                    .collect(),
                word_starts: chunk
                    .iter()
                    .enumerate()
                    .filter(|(_, (offset, _))| word_starts.contains(offset))
                    .filter_map(|(index, _)| u8::try_from(index).ok())
                    .collect(),
                continues_line: part > 0,
            });
        }
    }
    runs
}

/// The text position of the byte `offset`: the run holding it and the character in
/// the run; the end of the text is after the last run's last character.
fn position(widget: Id, runs: &[Run], offset: usize) -> accesskit::TextPosition {
    let index = runs
        .iter()
        .position(|run| run.bytes.contains(&offset))
        .unwrap_or(runs.len().saturating_sub(1));
    let character_index = runs.get(index).map_or(0, |run| {
        let mut end = run.bytes.start;
        run.character_lengths
            .iter()
            .take_while(|length| {
                end += usize::from(**length);
                end <= offset
            })
            .count()
    });
    accesskit::TextPosition {
        node: run_id(widget, index).accesskit_id(),
        character_index,
    }
}

fn accesskit_rect(rect: Rect) -> accesskit::Rect {
    accesskit::Rect {
        x0: rect.min.x.into(),
        y0: rect.min.y.into(),
        x1: rect.max.x.into(),
        y1: rect.max.y.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{TextEngine, TextStyle};

    fn runs_of(text: &str, width_pt: f32) -> (Vec<Run>, std::sync::Arc<ParagraphLayout>) {
        let layout = TextEngine::new().layout(text, &TextStyle::body(20.0), width_pt, 1.0);
        (text_runs(text, &layout), layout)
    }

    fn run_texts<'a>(text: &'a str, runs: &[Run]) -> Vec<&'a str> {
        runs.iter().map(|run| &text[run.bytes.clone()]).collect()
    }

    #[test]
    fn wrapped_arabic_is_one_run_per_line_in_logical_order_tiling_the_text() {
        let text = "أعلنت مصادر إعلامية روسية أن الرئيس الروسي سيشارك بقمة منظمة معاهدة الأمن الجماعي في مينسك 23 نوفمبر";
        let (runs, layout) = runs_of(text, 200.0);
        assert!(layout.line_count() > 2, "wrapped");
        assert_eq!(runs.len(), layout.line_count());
        assert_eq!(run_texts(text, &runs).concat(), text);
        for run in &runs {
            assert!(run.rtl);
            let lengths: usize = run.character_lengths.iter().map(|&l| usize::from(l)).sum();
            assert_eq!(lengths, run.bytes.len());
        }
        // Every word starts once, on the run that holds its first letter.
        let starts: usize = runs.iter().map(|run| run.word_starts.len()).sum();
        assert_eq!(starts, text.unicode_words().count());
    }

    #[test]
    fn a_line_longer_than_a_run_is_cut_into_runs_that_go_on_on_the_line() {
        let text = "ا".repeat(600);
        let (runs, _) = runs_of(&text, 100_000.0);
        assert_eq!(runs.len(), 3);
        assert_eq!(
            runs.iter()
                .map(|run| run.character_lengths.len())
                .collect::<Vec<_>>(),
            [255, 255, 90]
        );
        assert_eq!(
            runs.iter()
                .map(|run| run.continues_line)
                .collect::<Vec<_>>(),
            [false, true, true]
        );
        assert_eq!(run_texts(&text, &runs).concat(), text);
    }

    #[test]
    fn a_letter_with_marks_is_one_character_and_a_pile_of_marks_is_counted_by_code_point() {
        let text = "بِسْمِ";
        let (runs, _) = runs_of(text, 1000.0);
        assert_eq!(
            runs[0].character_lengths.len(),
            3,
            "three letters with their marks"
        );
        let piled = format!("ب{}", "\u{64e}".repeat(200));
        let (runs, _) = runs_of(&piled, 1000.0);
        assert_eq!(runs[0].character_lengths.len(), 201);
        assert!(runs[0].character_lengths.iter().all(|&l| l <= 2));
    }

    #[test]
    fn caret_positions_count_characters_of_the_logical_text() {
        let text = "اول note\nثانٍ";
        let (runs, _) = runs_of(text, 1000.0);
        assert_eq!(run_texts(text, &runs), ["اول note\n", "ثانٍ"]);
        let widget = Id::unique("field");
        let at = |offset| {
            let position = position(widget, &runs, offset);
            let run = runs
                .iter()
                .enumerate()
                .position(|(index, _)| run_id(widget, index).accesskit_id() == position.node);
            (run, position.character_index)
        };
        assert_eq!(at(0), (Some(0), 0));
        assert_eq!(at("اول".len()), (Some(0), 3));
        assert_eq!(at("اول note".len()), (Some(0), 8), "before the line break");
        assert_eq!(at("اول note\n".len()), (Some(1), 0));
        assert_eq!(
            at(text.len()),
            (Some(1), 3),
            "a letter with its mark is one"
        );
    }

    #[test]
    fn an_empty_text_is_one_empty_run_for_the_caret() {
        let (runs, _) = runs_of("", 100.0);
        assert_eq!(runs.len(), 1);
        assert!(runs[0].character_lengths.is_empty());
    }
}
