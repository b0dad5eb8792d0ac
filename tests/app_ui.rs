//! The app as a reader uses it, through AccessKit: open the sample folder, see the
//! five articles, read one, switch to another, select and copy.

mod common;

use egui::accesskit::Role;
use egui::{Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use hamish::app::{HamishApp, Preferences, ReadingState};

fn harness(app: HamishApp) -> Harness<'static, HamishApp> {
    common::app_harness(app, vec2(1280.0, 900.0))
}

fn open_samples() -> Harness<'static, HamishApp> {
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(common::samples()),
    ));
    harness.run();
    harness
}

const TITLE_001: &str = "من الذي يُحرّض قرغيزستان للابتعاد عن نفوذ بوتين؟";
const TITLE_002: &str = "هل تحتاج دول آسيا الوسطى إلى منظمة معاهدة الأمن الجماعي؟";

#[test]
fn the_sample_folder_lists_five_articles_by_title() {
    let harness = open_samples();
    let library = harness.state().library().expect("a folder is open");
    assert_eq!(library.entries.len(), 5);
    let entries: Vec<_> = harness
        .query_all_by_role(Role::Button)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    for title in [TITLE_001, TITLE_002] {
        assert!(
            entries.iter().any(|label| label == title),
            "{title} listed in {entries:?}"
        );
    }
    let listed = entries
        .iter()
        .filter(|label| {
            library.entries.iter().any(|entry| {
                // An entry with translations names their languages after its title.
                entry.title().is_some_and(|title| {
                    label.as_str() == title || label.starts_with(&format!("{title} ("))
                })
            })
        })
        .count();
    assert_eq!(listed, 5, "every article has an entry: {entries:?}");
}

#[test]
fn the_first_article_is_shown_section_by_section() {
    let harness = open_samples();
    let path = harness
        .state()
        .open_article_path()
        .expect("an article is open");
    assert!(path.ends_with("000_3bd66f5e2dc42b51.txt"));
    harness.get_by_label("الخبر:");
    harness.get_by_label("التعليق:");
    // Not the first words: they are the article's title in the library too.
    harness.get_by_label_contains("للجنة العسكرية حول تطوير التعاون العسكري");
}

#[test]
fn choosing_an_article_shows_it() {
    let mut harness = open_samples();
    harness.get_by_label(TITLE_002).click();
    harness.run();
    assert!(
        harness
            .state()
            .open_article_path()
            .expect("open")
            .ends_with("002_9ffee1fcac2a99ef.txt")
    );
    harness.get_by_label_contains("في 28 أيار/مايو 2025، عقدت في مدينة بشكيك");
    assert!(
        harness.query_by_label("F").is_none(),
        "the junk line is not a section"
    );
    assert!(
        harness
            .query_by_label_contains("للجنة العسكرية حول تطوير")
            .is_none(),
        "the previous article is gone"
    );
}

#[test]
fn opening_a_file_opens_its_folder_at_that_article() {
    let file = common::samples().join("004_39e91ed458057265.txt");
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(file),
    ));
    harness.run();
    assert!(
        harness
            .state()
            .open_article_path()
            .expect("open")
            .ends_with("004_39e91ed458057265.txt")
    );
    assert_eq!(harness.state().library().expect("library").entries.len(), 5);
    harness.get_by_label_contains("للمشاركة في التدريبات العسكرية بين القوت الباكستانية");
}

#[test]
fn scrolling_to_the_end_lays_out_the_last_sections() {
    let file = common::samples().join("004_39e91ed458057265.txt");
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(file),
    ));
    harness.run();
    let verse = common::sample_line("004", 6);
    assert!(
        harness.query_by_label(&verse).is_none(),
        "the verse is below the fold, so it is not laid out yet"
    );
    for _ in 0..40 {
        harness.hover_at(Pos2::new(900.0, 500.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -400.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run();
    harness.get_by_label(&verse);
    harness.get_by_label("رأيك في الموضوع");
}

#[test]
fn the_last_article_of_a_folder_is_reopened() {
    let mut harness = open_samples();
    harness.get_by_label(TITLE_001).click();
    harness.run();
    let stored = stored(&harness);
    let mut reopened = harness_with(stored, Some(common::samples()));
    reopened.run();
    assert!(
        reopened
            .state()
            .open_article_path()
            .expect("open")
            .ends_with("001_d7cff7a3069428f0.txt")
    );
}

/// What the app would store on closing.
fn stored(harness: &Harness<'_, HamishApp>) -> (Preferences, ReadingState) {
    let app = harness.state();
    (app.preferences().clone(), app.reading_state())
}

/// A harness of the app started with what a previous run `stored`.
fn harness_with(
    (preferences, reading): (Preferences, ReadingState),
    path: Option<std::path::PathBuf>,
) -> Harness<'static, HamishApp> {
    harness(HamishApp::new(preferences, reading, path))
}

#[test]
fn a_missing_folder_is_reported() {
    let mut harness = harness_with(Default::default(), Some("/no/such/folder".into()));
    harness.run();
    harness.get_by_label_contains("There is no file or folder at /no/such/folder");
}

#[test]
fn dragging_across_arabic_and_copying_gives_the_text_as_typed() {
    let mut harness = open_samples();
    harness.get_by_label(TITLE_001).click();
    harness.run();
    let paragraph = common::sample_line("001", 11);
    let node = harness.get_by_label(&paragraph);
    let rect = node.rect();
    // The paragraph is right to left: its first words are at the top right.
    let y = rect.top() + 15.0;
    let start = Pos2::new(rect.right() - 1.0, y);
    let end = Pos2::new(rect.right() - 160.0, y);
    common::drag(&mut harness, start, Pos2::new(start.x - 40.0, y), end);
    let copied = common::copy(&mut harness).expect("Ctrl+C copies the selection");
    assert!(
        copied.chars().count() > 8,
        "a few words are selected: {copied:?}"
    );
    assert!(
        paragraph.starts_with(&copied),
        "copied {copied:?}, which is not the start of the paragraph as typed"
    );
}

#[test]
fn double_click_selects_a_word() {
    let mut harness = open_samples();
    let node = harness.get_by_label("الخبر:");
    let rect = node.rect();
    let point = Pos2::new(rect.right() - 12.0, rect.center().y);
    for _ in 0..2 {
        harness.drag_at(point);
        harness.step();
        harness.drop_at(point);
        harness.step();
    }
    assert_eq!(common::copy(&mut harness).as_deref(), Some("الخبر"));
}

#[test]
fn the_keyboard_scrolls_and_the_position_is_remembered() {
    let file = common::samples().join("004_39e91ed458057265.txt");
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(file.clone()),
    ));
    harness.run();
    let verse = common::sample_line("004", 6);
    assert!(harness.query_by_label(&verse).is_none());
    harness.key_press(egui::Key::End);
    harness.run();
    harness.get_by_label(&verse);

    // A new start on the same settings opens the article where the reader left it.
    let stored = stored(&harness);
    let mut reopened = harness_with(stored, Some(file));
    reopened.run();
    reopened.get_by_label(&verse);
}
