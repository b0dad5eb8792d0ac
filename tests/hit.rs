//! Hit testing and selection geometry in right-to-left and left-to-right runs.

mod common;

use common::layout;
use egui::pos2;

/// Hit-tests at a fraction (0 = left edge, 1 = right edge) across the box of the
/// character at byte `offset`, at mid-height of its line.
fn hit_across(text: &str, offset: usize, fraction: f32) -> usize {
    let laid = layout(text, 2000.0);
    let end = offset + text[offset..].chars().next().expect("char").len_utf8();
    let rects = laid.selection_rects(offset..end);
    assert_eq!(rects.len(), 1, "one box for one character");
    let rect = rects[0];
    laid.hit(pos2(rect.left() + rect.width() * fraction, rect.center().y))
}

#[test]
fn right_half_of_an_arabic_letter_is_before_it() {
    let text = "ذكر موقع IA 24.KG";
    let meem = text.find('م').expect("meem");
    assert_eq!(
        hit_across(text, meem, 0.9),
        meem,
        "right edge: before the letter"
    );
    assert_eq!(
        hit_across(text, meem, 0.1),
        meem + 'م'.len_utf8(),
        "left edge: after the letter"
    );
}

#[test]
fn left_half_of_a_latin_letter_is_before_it() {
    let text = "ذكر موقع IA 24.KG";
    let letter = text.find('A').expect("A");
    assert_eq!(hit_across(text, letter, 0.1), letter);
    assert_eq!(hit_across(text, letter, 0.9), letter + 1);
}

#[test]
fn points_beyond_the_text_snap_to_its_ends() {
    let text = "ذكر موقع";
    let laid = layout(text, 2000.0);
    let size = laid.size();
    assert_eq!(
        laid.hit(pos2(size.x + 50.0, 5.0)),
        0,
        "right of an RTL line: its start"
    );
    assert_eq!(
        laid.hit(pos2(-50.0, 5.0)),
        text.len(),
        "left of an RTL line: its end"
    );
    assert_eq!(
        laid.hit(pos2(size.x - 1.0, size.y + 100.0)),
        0,
        "below the text: the last line"
    );
}

#[test]
fn a_selection_across_a_direction_change_is_split_on_screen() {
    // Logical "موقع IA": on screen "IA" is left of "موقع", and the part of the run
    // selected in the Arabic word is at that word's right edge.
    let text = "ذكر موقع IA 24.KG في";
    let start = text.find("قع").expect("qaf");
    let end = text.find(" 24").expect("space");
    let rects = layout(text, 2000.0).selection_rects(start..end);
    assert_eq!(rects.len(), 2, "two boxes on one line: {rects:?}");
    let total: f32 = rects.iter().map(|rect| rect.width()).sum();
    assert!(total > 10.0);
}

#[test]
fn hit_then_slice_gives_logical_text() {
    // Selecting from the right edge to the left edge of the first two words of a
    // right-to-left paragraph copies them as typed.
    let text = "ذكر موقع IA 24.KG في 9 تشرين";
    let laid = layout(text, 2000.0);
    let words_end = text.find(" IA").expect("space");
    let rects = laid.selection_rects(0..words_end);
    assert_eq!(rects.len(), 1);
    let from = laid.hit(pos2(rects[0].right() - 0.5, rects[0].center().y));
    let to = laid.hit(pos2(rects[0].left() + 0.5, rects[0].center().y));
    assert_eq!(&text[from.min(to)..from.max(to)], "ذكر موقع");
}

#[test]
fn dragging_leftwards_from_the_right_edge_of_a_wrapped_rtl_paragraph_extends_the_selection() {
    let text = common::sample_line("001", 11);
    let laid = layout(&text, 458.0);
    let right = laid.size().x;
    let near = laid.hit(pos2(right - 40.0, 15.0));
    let far = laid.hit(pos2(right - 160.0, 15.0));
    assert!(near > 2 && far > near, "{near} then {far}");
}
