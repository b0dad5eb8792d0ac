//! The search window as a reader uses it: Ctrl+F takes the keys, an Arabic query finds
//! its words in the article and in the translation (highlighted there), Ctrl+Shift+F
//! finds them in every article, a click jumps to another article's section, F3 and
//! Shift+F3 go from match to match, Escape closes the window and its highlights, and
//! a word selected in the article is what Ctrl+F searches for.

mod common;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::search::Kind;

/// Sections in each article: enough that a section near the end must be scrolled to.
const SECTIONS: usize = 120;

/// Two long articles. The first has "عِلْمٍ" in sections 30 and 45 (from 0) and
/// "العالم" in section 10, and an English translation with "knowledge" in row 30;
/// the second has "علماء" (and "العلماء") in section 50.
fn folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    let lines = |special: &[(usize, &str)]| -> String {
        (0..SECTIONS)
            .map(|index| {
                special.iter().find(|(at, _)| *at == index).map_or_else(
                    || format!("فقرة رقم {index} في موضوع آخر"),
                    |(_, text)| (*text).to_owned(),
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    std::fs::write(
        folder.path().join("001.txt"),
        lines(&[
            (0, "المقالة الأولى"),
            (10, "العالم واسع"),
            (30, "في طلب عِلْمٍ نافع"),
            (45, "وكل عِلْمٍ له أهل"),
        ]),
    )
    .expect("write");
    let english: String = (0..SECTIONS)
        .map(|index| match index {
            30 => "On seeking useful knowledge (علم)".to_owned(),
            _ => format!("Paragraph {index} on another subject"),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(folder.path().join("001.en.txt"), english).expect("write");
    std::fs::write(
        folder.path().join("002.txt"),
        lines(&[
            (0, "المقالة الثانية"),
            (50, "قال العلماء وكبار علماء اللغة"),
        ]),
    )
    .expect("write");
    folder
}

fn harness(folder: &Path) -> Harness<'static, HamishApp> {
    let mut reading = ReadingState::default();
    reading
        .last_article
        .insert(folder.to_owned(), folder.join("001.txt"));
    let app = HamishApp::new(Preferences::default(), reading, Some(folder.to_owned()));
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness
}

fn type_text(harness: &mut Harness<'_, HamishApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

fn open_path(harness: &Harness<'_, HamishApp>) -> PathBuf {
    harness
        .state()
        .open_article_path()
        .expect("an article is open")
        .to_owned()
}

#[test]
fn ctrl_f_finds_and_highlights_in_the_article_and_its_translation() {
    let folder = folder();
    let mut harness = harness(folder.path());
    assert!(harness.state().search_status().is_none(), "closed at first");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Search this article");
    // No click into the field: the window gave it the keys.
    type_text(&mut harness, "علم");
    assert_eq!(
        harness.state().search_status().as_deref(),
        Some("3 matches")
    );

    let matches = harness.state().search_matches_in_open_article();
    let article = harness
        .state()
        .current_article()
        .expect("read")
        .article
        .clone();
    let found: Vec<(usize, Kind, &str)> = matches
        .iter()
        .map(|(section, kind, range)| {
            let text = match kind {
                Kind::Article => article.sections[*section].text.as_str(),
                _ => harness
                    .state()
                    .translation_of_open_article()
                    .and_then(|column| column.text(*section))
                    .expect("translated"),
            };
            (*section, *kind, &text[range.clone()])
        })
        .collect();
    assert_eq!(
        found,
        [
            (30, Kind::Article, "عِلْمٍ"),
            (30, Kind::Translation, "علم"),
            (45, Kind::Article, "عِلْمٍ"),
        ],
        "العالم in section 10 is not a match"
    );
    // The results show each match in its words, drawn as text the reader can see.
    harness.get_by_role_and_label(Role::Label, "في طلب عِلْمٍ نافع");
    harness.get_by_role_and_label(Role::Label, "وكل عِلْمٍ له أهل");

    // Escape closes the window, and the highlights go with it.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Search this article").is_none());
    assert!(harness.state().search_matches_in_open_article().is_empty());
}

#[test]
fn ctrl_f_searches_for_the_selected_words() {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::write(
        folder.path().join("001.txt"),
        "المقالة\nالعالم واسع والعلم نافع\nلا عالم بلا علم",
    )
    .expect("write");
    let mut harness = harness(folder.path());
    // Double-click the first word read (on the right) of "العالم واسع والعلم نافع".
    let rect = harness.get_by_label("العالم واسع والعلم نافع").rect();
    let at = egui::pos2(rect.right() - 12.0, rect.center().y);
    for _ in 0..2 {
        harness.drag_at(at);
        harness.step();
        harness.drop_at(at);
        harness.step();
    }
    harness.run();
    assert_eq!(common::copy(&mut harness).as_deref(), Some("العالم"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert_eq!(
        harness.state().search_status().as_deref(),
        Some("1 match"),
        "the selected word is searched for at once"
    );
    let article = harness
        .state()
        .current_article()
        .expect("read")
        .article
        .clone();
    let found = |harness: &Harness<'_, HamishApp>| -> Vec<(usize, String)> {
        harness
            .state()
            .search_matches_in_open_article()
            .iter()
            .map(|(section, _, range)| {
                (
                    *section,
                    article.sections[*section].text[range.clone()].to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(found(&harness), [(1, "العالم".to_owned())]);
    // The query is selected in the field: typing replaces it.
    type_text(&mut harness, "بلا");
    assert_eq!(found(&harness), [(2, "بلا".to_owned())]);
}

#[test]
fn f3_and_shift_f3_go_from_match_to_match() {
    let folder = folder();
    let mut harness = harness(folder.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    type_text(&mut harness, "عِلم");
    assert_eq!(harness.state().first_visible_section(), Some(0));

    harness.key_press(Key::F3);
    harness.run();
    assert_eq!(harness.state().first_visible_section(), Some(30));
    let current = harness
        .state()
        .current_search_match()
        .expect("a current match");
    assert_eq!((current.section, current.kind), (30, Kind::Article));

    harness.key_press(Key::F3);
    harness.run();
    let current = harness
        .state()
        .current_search_match()
        .expect("a current match");
    assert_eq!((current.section, current.kind), (30, Kind::Translation));

    harness.key_press(Key::F3);
    harness.run();
    assert_eq!(harness.state().first_visible_section(), Some(45));

    harness.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    harness.run();
    let current = harness
        .state()
        .current_search_match()
        .expect("a current match");
    assert_eq!((current.section, current.kind), (30, Kind::Translation));
    assert_eq!(harness.state().first_visible_section(), Some(30));
}

#[test]
fn ctrl_shift_f_searches_every_article_and_a_click_jumps_there() {
    let folder = folder();
    let mut harness = harness(folder.path());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    harness.get_by_label("Search all articles");
    type_text(&mut harness, "علماء");
    // Without prefixes: علماء in 002, not العلماء.
    assert_eq!(
        harness.state().search_status().as_deref(),
        Some("1 match in 1 article")
    );
    harness.get_by_role_and_label(Role::Label, "المقالة الثانية");
    harness.get_by_label("Section 51").click();
    harness.run();
    assert_eq!(open_path(&harness), folder.path().join("002.txt"));
    assert_eq!(harness.state().first_visible_section(), Some(50));
    let matches = harness.state().search_matches_in_open_article();
    assert_eq!(matches.len(), 1, "highlighted in the article jumped to");
    assert_eq!(matches[0].0, 50);

    // With prefixes, العلماء is found too.
    harness.get_by_label("After prefixes").click();
    harness.run();
    assert_eq!(
        harness.state().search_status().as_deref(),
        Some("2 matches in 1 article")
    );

    // After a click the field no longer has the keys: Escape still closes.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().search_status().is_none(), "closed");
}

#[test]
fn the_folder_index_follows_changes_on_disk() {
    let folder = folder();
    let mut harness = harness(folder.path());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    type_text(&mut harness, "زنجبيل");
    assert_eq!(
        harness.state().search_status().as_deref(),
        Some("No match in 2 articles")
    );
    std::fs::write(folder.path().join("003.txt"), "مقالة جديدة\nفيها زَنْجَبِيل\n").expect("write");
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while harness.state().search_status().as_deref() != Some("1 match in 1 article") {
        assert!(
            std::time::Instant::now() < until,
            "the new article is found: {:?}",
            harness.state().search_status()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
}
