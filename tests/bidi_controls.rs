//! Explicit bidi controls are honoured inside their section, cannot leak into the
//! next one, and can be shown on request.

mod common;

use common::generate::write;
use egui::vec2;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::import::parse_article;
use hamish::model::Direction;

#[test]
fn an_unbalanced_override_stays_in_its_section() {
    // The first line opens a right-to-left override and never closes it.
    let article = parse_article("\u{202E}abc def\nghi jkl\n");
    assert_eq!(article.sections.len(), 2);
    assert_eq!(article.sections[1].text, "ghi jkl");
    assert_eq!(article.sections[1].direction, Direction::LeftToRight);

    let overridden = common::layout(&article.sections[0].text, 400.0);
    let visual = common::visual_text(&overridden);
    assert_eq!(
        visual[0].trim_matches('\u{202E}').trim(),
        "fed cba",
        "honoured"
    );

    let next = common::layout(&article.sections[1].text, 400.0);
    assert_eq!(common::visual_text(&next), ["ghi jkl"], "not leaked");
}

#[test]
fn an_english_paragraph_in_an_arabic_article_is_left_to_right() {
    let article =
        parse_article("عنوان عربي\nAn English paragraph, quoted as it was written.\nفقرة عربية.\n");
    let directions: Vec<Direction> = article.sections.iter().map(|s| s.direction).collect();
    assert_eq!(
        directions,
        [
            Direction::RightToLeft,
            Direction::LeftToRight,
            Direction::RightToLeft
        ]
    );
}

#[test]
fn the_toggle_shows_the_controls_where_they_are() {
    let folder = tempfile::tempdir().expect("temporary folder");
    write(
        folder.path(),
        "controls.txt",
        "عنوان\nنص فيه \u{2067}abc\u{2069} معزول.\n".as_bytes(),
    );
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().to_owned()),
    );
    let mut harness = common::app_harness(app, vec2(1200.0, 800.0));
    harness.run();
    harness.get_by_label("نص فيه \u{2067}abc\u{2069} معزول.");
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Show bidi controls").click();
    harness.run();
    assert!(harness.state().preferences().show_bidi_controls);
    harness.get_by_label(&hamish::model::reveal_bidi_controls(
        "نص فيه \u{2067}abc\u{2069} معزول.",
    ));
}

/// What a line shows, read left to right, without the invisible controls.
fn seen(text: &str) -> String {
    let layout = common::layout(&hamish::model::reveal_bidi_controls(text), 2000.0);
    let glyphs_missing = (0..layout.line_count())
        .flat_map(|line| layout.line_glyphs(line))
        .filter(|glyph| glyph.glyph_id == 0)
        .count();
    assert_eq!(
        glyphs_missing, 0,
        "every marker glyph is in the bundled fonts"
    );
    common::visual_text(&layout)
        .concat()
        .chars()
        .filter(|c| !hamish::model::is_bidi_control(*c) && !hamish::model::is_direction_mark(*c))
        .collect()
}

#[test]
fn markers_are_readable_and_stand_beside_what_they_mark() {
    // The override's closing marker is outside the override: it reads PDF, not FDP.
    let overridden = seen("abc \u{202E}def\u{202C} ghi");
    assert!(overridden.contains("‹PDF›"), "{overridden}");
    assert!(overridden.contains("‹RLO›"), "{overridden}");
    assert!(
        !overridden.contains("FDP") && !overridden.contains("OLR"),
        "{overridden}"
    );
    // An isolate's markers frame it: the PDI marker is after the isolated text, not
    // beside the LRI marker.
    let isolated = seen("start \u{2066}xyz\u{2069} end");
    assert!(isolated.contains("‹LRI›xyz‹PDI›"), "{isolated}");
    // In Arabic text too, and the marks are shown.
    let arabic = seen("نص \u{2066}abc\u{2069} و\u{200F}نص");
    for marker in ["‹LRI›", "‹PDI›", "‹RLM›"] {
        assert!(arabic.contains(marker), "{marker} in {arabic}");
    }
    assert!(
        arabic.contains("‹LRI›abc‹PDI›") || arabic.contains("‹PDI›abc‹LRI›"),
        "{arabic}"
    );
}
