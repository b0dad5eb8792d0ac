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
    harness.get_by_label("نص فيه ⟦RLI⟧\u{2067}abc⟦PDI⟧\u{2069} معزول.");
}
