//! The reader stays where they are: an article never read starts at its top, and
//! whatever lays the rows out anew (a column shown or hidden, another text size,
//! another window size) keeps the section being read, and the place in it, on top.

mod common;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::ui::{Columns, Layout, PageLayout};

const TITLE_001: &str = "من الذي يُحرّض قرغيزستان للابتعاد عن نفوذ بوتين؟";

fn open_at(path: std::path::PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1280.0, 900.0));
    harness.run();
    harness
}

fn open(file: &str) -> Harness<'static, HamishApp> {
    open_at(common::samples().join(file))
}

/// A long article (the paragraphs of the samples, numbered, many times over), so
/// that the place being read is far from both ends at every size.
fn long_article() -> (tempfile::TempDir, Harness<'static, HamishApp>) {
    let folder = tempfile::tempdir().expect("folder");
    let mut text = String::new();
    for round in 0..6 {
        for file in ["001_d7cff7a3069428f0.txt", "002_9ffee1fcac2a99ef.txt"] {
            let sample = std::fs::read_to_string(common::samples().join(file)).expect("sample");
            for line in sample.lines().filter(|line| line.chars().count() > 40) {
                text += &format!("{line} ({round})\n");
            }
        }
    }
    let path = folder.path().join("long.txt");
    std::fs::write(&path, text).expect("article");
    (folder, open_at(path))
}

fn position(harness: &Harness<'_, HamishApp>) -> (usize, f32) {
    harness
        .state()
        .reading_position()
        .expect("an article is open")
}

/// Pages down until the reader is well into the article, between two section tops.
fn read_into(harness: &mut Harness<'_, HamishApp>, pages: usize) -> (usize, f32) {
    for _ in 0..pages {
        harness.key_press(egui::Key::PageDown);
        harness.run();
    }
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let at = position(harness);
    assert!(at.0 > 2, "deep enough into the article: {at:?}");
    at
}

fn assert_same_place(before: (usize, f32), after: (usize, f32), what: &str) {
    assert_eq!(before.0, after.0, "{what}: the same section stays on top");
    assert!(
        (before.1 - after.1).abs() < 60.0,
        "{what}: about as far into it ({before:?} then {after:?})"
    );
}

#[test]
fn an_article_never_read_starts_at_its_top() {
    let mut harness = open("002_9ffee1fcac2a99ef.txt");
    read_into(&mut harness, 4);
    harness.get_by_label(TITLE_001).click();
    harness.run();
    assert!(
        harness
            .state()
            .open_article_path()
            .expect("open")
            .ends_with("001_d7cff7a3069428f0.txt")
    );
    assert_eq!(
        position(&harness),
        (0, 0.0),
        "not where the last article was"
    );
}

#[test]
fn hiding_a_column_keeps_the_place() {
    let (_folder, mut harness) = long_article();
    let before = read_into(&mut harness, 8);
    harness
        .state_mut()
        .command(Command::SetPageLayout(PageLayout {
            layout: Layout::ArticleOnly,
            ..PageLayout::default()
        }));
    harness
        .state_mut()
        .command(Command::SetColumns(Columns { notes: false }));
    harness.run();
    assert_same_place(before, position(&harness), "columns hidden");
    let before = position(&harness);
    harness
        .state_mut()
        .command(Command::SetPageLayout(PageLayout::default()));
    harness
        .state_mut()
        .command(Command::SetColumns(Columns::default()));
    harness.run();
    assert_same_place(before, position(&harness), "columns shown again");
}

#[test]
fn another_text_size_keeps_the_place() {
    let (_folder, mut harness) = long_article();
    let before = read_into(&mut harness, 8);
    harness.state_mut().command(Command::SetBodySize(28.0));
    harness.run();
    let after = position(&harness);
    assert_eq!(before.0, after.0, "the same section stays on top");
}

#[test]
fn resizing_the_window_keeps_the_place() {
    let (_folder, mut harness) = long_article();
    let before = read_into(&mut harness, 8);
    harness.set_size(vec2(900.0, 900.0));
    harness.run();
    assert_eq!(before.0, position(&harness).0, "narrower");
    harness.set_size(vec2(1600.0, 900.0));
    harness.run();
    assert_eq!(before.0, position(&harness).0, "wider");
}

/// The wheel, part way into a section deep in the article.
fn scroll_with_the_wheel(harness: &mut Harness<'_, HamishApp>, steps: usize, step_pt: f32) {
    for _ in 0..steps {
        harness.hover_at(egui::pos2(640.0, 500.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -step_pt),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run();
}

/// The app started again with what was remembered of `harness`.
fn restarted(
    harness: Harness<'_, HamishApp>,
    path: std::path::PathBuf,
) -> Harness<'static, HamishApp> {
    let reading = harness.state().reading_state();
    drop(harness);
    let app = HamishApp::new(Preferences::default(), reading, Some(path));
    let mut harness = common::app_harness(app, vec2(1280.0, 900.0));
    harness.run();
    harness
}

#[test]
fn a_place_saved_after_scrolling_is_restored_to_the_same_section_and_offset() {
    let (folder, mut harness) = long_article();
    scroll_with_the_wheel(&mut harness, 25, 173.0);
    let before = position(&harness);
    assert!(before.0 > 2, "deep into the article: {before:?}");
    assert!(before.1 > 1.0, "part way into a section: {before:?}");
    let reopened = restarted(harness, folder.path().join("long.txt"));
    let after = position(&reopened);
    assert_eq!(
        before.0, after.0,
        "the same section on top ({before:?}, {after:?})"
    );
    assert!(
        (before.1 - after.1).abs() < 1.0,
        "as far into it: {before:?} then {after:?}"
    );
}

/// A place remembered without an offset (by an older version, or at a section's top)
/// puts its section on top, whatever the rows above it were estimated to be.
#[test]
fn a_place_at_the_top_of_a_section_is_restored_there() {
    let (folder, harness) = long_article();
    let path = folder.path().join("long.txt");
    drop(harness);
    for section in [5, 17, 40] {
        let mut reading = ReadingState::default();
        reading
            .reading_positions
            .insert(std::fs::canonicalize(&path).expect("path"), section);
        reading.reading_positions.insert(path.clone(), section);
        let app = HamishApp::new(Preferences::default(), reading, Some(path.clone()));
        let mut harness = common::app_harness(app, vec2(1280.0, 900.0));
        harness.run();
        let at = position(&harness);
        assert_eq!(at.0, section, "{at:?}");
        assert!(at.1 < 1.0, "at its top: {at:?}");
    }
}

/// A section shown from elsewhere (a search match, the list of notes) comes to the
/// top: the row above it, its height estimated until it is drawn, does not push it
/// down or pull it up.
#[test]
fn a_section_shown_from_elsewhere_comes_to_the_top() {
    let (_folder, mut harness) = long_article();
    for section in [5, 17, 40, 9] {
        harness.state_mut().command(Command::ShowSection(section));
        harness.run();
        let at = position(&harness);
        assert_eq!(at.0, section, "{at:?}");
        assert!(at.1 < 1.0, "at its top: {at:?}");
    }
}
