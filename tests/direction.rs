//! Bidi on screen: Latin and digits keep their left-to-right order inside Arabic,
//! Arabic reads right to left, letters take their joined forms, marks sit on their
//! base letters, and wrapped lines come in reading order.

mod common;

use common::{layout, sample_line, visual_text};

/// The on-screen (left-to-right) order of the glyphs showing `needle` in `text`.
fn on_screen(text: &str, needle: &str) -> String {
    let start = text.find(needle).expect("needle in text");
    let range = start..start + needle.len();
    let laid = layout(text, 100_000.0);
    let mut seen = std::collections::HashSet::new();
    laid.visual_lines()[0]
        .clusters
        .iter()
        .filter(|cluster| range.contains(&cluster.start) && seen.insert(cluster.start))
        .map(|cluster| &text[cluster.clone()])
        .collect()
}

#[test]
fn latin_and_digits_inside_arabic_stay_left_to_right() {
    let news = sample_line("001", 11);
    assert_eq!(on_screen(&news, "IA 24.KG"), "IA 24.KG");
    assert_eq!(on_screen(&news, "20636"), "20636");
    let exercises = sample_line("004", 1);
    assert_eq!(on_screen(&exercises, "2016"), "2016");
    assert_eq!(on_screen(&exercises, "130"), "130");
    let missiles = sample_line("003", 3);
    assert_eq!(
        on_screen(&missiles, "\"إس-\"300"),
        "300\"-سإ\"",
        "as fribidi orders it: the digits keep their order"
    );
}

#[test]
fn arabic_words_read_right_to_left() {
    // "ذكر موقع": on screen, from the left, the second word comes first, and each
    // word's letters are reversed.
    assert_eq!(on_screen(&sample_line("001", 11), "ذكر موقع"), "عقوم ركذ");
}

#[test]
fn numbers_in_parentheses_keep_their_order() {
    let text = sample_line("004", 1);
    let start = text.find("(70 من روسيا و130 من باكستان)").expect("phrase");
    let laid = layout(&text, 100_000.0);
    let clusters: Vec<usize> = laid.visual_lines()[0]
        .clusters
        .iter()
        .map(|cluster| cluster.start)
        .collect();
    let position = |needle: &str| {
        let offset = start + text[start..].find(needle).expect("needle");
        clusters
            .iter()
            .position(|&c| c == offset)
            .expect("glyph for needle")
    };
    // In a right-to-left paragraph, "70" (read first) is to the right of "130".
    assert!(position("70") > position("130"));
    assert!(
        position("7") < position("70 ") + 2,
        "digits of 70 are adjacent"
    );
}

#[test]
fn joined_letters_use_contextual_forms() {
    let isolated = |letter: &str| layout(letter, 1000.0).line_glyphs(0)[0].glyph_id;
    let word = layout("بسم", 1000.0).line_glyphs(0);
    let glyph_of = |cluster: usize| {
        word.iter()
            .find(|glyph| glyph.cluster == cluster)
            .expect("glyph")
            .glyph_id
    };
    assert_ne!(
        glyph_of(0),
        isolated("ب"),
        "initial beh is not the isolated form"
    );
    assert_ne!(
        glyph_of(2),
        isolated("س"),
        "medial seen is not the isolated form"
    );
    assert_ne!(
        glyph_of(4),
        isolated("م"),
        "final meem is not the isolated form"
    );
}

#[test]
fn marks_sit_on_their_base_letter() {
    let basmala = sample_line("001", 1);
    let laid = layout(&basmala, 100_000.0);
    let glyphs = laid.line_glyphs(0);
    let marks: Vec<_> = glyphs
        .iter()
        .filter(|glyph| glyph.advance_px == 0.0)
        .collect();
    assert!(
        marks.len() >= 8,
        "the basmala has at least 8 marks, found {}",
        marks.len()
    );
    for mark in marks {
        let base = glyphs
            .iter()
            .find(|glyph| glyph.cluster == mark.cluster && glyph.advance_px > 0.0)
            .unwrap_or_else(|| panic!("mark {mark:?} shares a cluster with a base letter"));
        // A mark may overhang a narrow base, but by less than half the font size.
        let overhang = 10.0;
        let ink_x = mark.x_px + mark.offset_px[0];
        assert!(
            ink_x >= base.x_px - overhang && ink_x <= base.x_px + base.advance_px + overhang,
            "mark {mark:?} is drawn over its base {base:?}"
        );
    }
}

#[test]
fn wrapped_lines_come_in_reading_order() {
    let text = sample_line("000", 9);
    let laid = layout(&text, 300.0);
    let lines = laid.visual_lines();
    assert!(lines.len() > 4, "a long paragraph wraps at 300 points");
    let mut previous_end = 0;
    for (index, line) in lines.iter().enumerate() {
        let start = line
            .clusters
            .iter()
            .map(|c| c.start)
            .min()
            .expect("line has glyphs");
        let end = line
            .clusters
            .iter()
            .map(|c| c.end)
            .max()
            .expect("line has glyphs");
        assert!(
            start >= previous_end,
            "line {index} starts after the previous one ends"
        );
        previous_end = end;
    }
    assert_eq!(previous_end, text.len(), "the last line ends the text");
    let first_line = &visual_text(&laid)[0];
    let first_word = text.split(' ').next().expect("word");
    let reversed: String = first_word.chars().rev().collect();
    assert!(
        first_line.ends_with(&reversed),
        "the first word is at the right end of the first line: {first_line}"
    );
}

#[test]
fn paragraph_direction_follows_first_strong_character() {
    assert!(layout(&sample_line("001", 11), 500.0).is_rtl());
    assert!(!layout("IA 24.KG reported on 9 October", 500.0).is_rtl());
}
