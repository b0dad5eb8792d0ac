//! A selection can cross sections, dragged across rows or made with Shift+click, and
//! Ctrl+C copies the sections with a blank line between them.

mod common;

use egui::{Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};

fn open_001() -> Harness<'static, HamishApp> {
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(common::samples().join("001_d7cff7a3069428f0.txt")),
    );
    let mut harness = common::app_harness(app, vec2(1280.0, 1000.0));
    harness.run();
    harness
}

/// Two consecutive paragraphs of the article: the one of sample line 11, and the next.
fn two_paragraphs(harness: &Harness<'_, HamishApp>) -> (String, String) {
    let first = common::sample_line("001", 11);
    let sections = &harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections;
    let index = sections
        .iter()
        .position(|section| section.text == first)
        .expect("the paragraph is a section");
    (first, sections[index + 1].text.clone())
}

/// Where the first line of `text` starts (its right edge: it is Arabic) and a point
/// well into that line.
fn first_line(harness: &Harness<'_, HamishApp>, text: &str) -> (Pos2, Pos2) {
    let rect = harness.get_by_label(text).rect();
    let y = rect.top() + 15.0;
    (
        Pos2::new(rect.right() - 1.0, y),
        Pos2::new(rect.right() - 160.0, y),
    )
}

fn assert_crosses(copied: &str, first: &str, second: &str) {
    let (head, tail) = copied
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("two sections, a blank line between: {copied:?}"));
    assert_eq!(head, first, "the whole first paragraph");
    assert!(
        second.starts_with(tail) && tail.chars().count() > 5,
        "the start of the second, as typed: {tail:?}"
    );
}

#[test]
fn dragging_across_two_paragraphs_copies_both() {
    let mut harness = open_001();
    let (first, second) = two_paragraphs(&harness);
    let (start, _) = first_line(&harness, &first);
    let (_, end) = first_line(&harness, &second);
    common::drag(
        &mut harness,
        start,
        Pos2::new(start.x - 40.0, start.y + 20.0),
        end,
    );
    let copied = common::copy(&mut harness).expect("Ctrl+C copies the selection");
    assert_crosses(&copied, &first, &second);
}

#[test]
fn shift_click_extends_the_selection_to_another_paragraph() {
    let mut harness = open_001();
    let (first, second) = two_paragraphs(&harness);
    let (start, _) = first_line(&harness, &first);
    let (_, end) = first_line(&harness, &second);
    harness.drag_at(start);
    harness.step();
    harness.drop_at(start);
    harness.run();
    // A click with Shift held: press and release at the end point.
    let button = |pressed| egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::SHIFT,
    };
    harness.hover_at(end);
    harness.step();
    harness.event_modifiers(button(true), Modifiers::SHIFT);
    harness.step();
    harness.event_modifiers(button(false), Modifiers::SHIFT);
    harness.step();
    let copied = common::copy(&mut harness).expect("Ctrl+C copies the selection");
    assert_crosses(&copied, &first, &second);
}
