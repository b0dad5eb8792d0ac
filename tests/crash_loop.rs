//! A start-up never dies on the same file twice (issue 25, item 6): an article that
//! was being opened when the last run ended is not reopened by itself, the reader is
//! told which and why, and picking it opens it.

mod common;

use egui::vec2;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{Command, HamishApp, Preferences, ReadingState};

/// A folder of two articles, and a reading state that last read the second.
fn folder_and_state() -> (tempfile::TempDir, ReadingState) {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::write(folder.path().join("a.txt"), "المقال الأول\nفقرة أولى.\n").expect("a");
    std::fs::write(folder.path().join("b.txt"), "المقال الثاني\nفقرة ثانية.\n").expect("b");
    let mut reading = ReadingState::default();
    reading.remember_folder(folder.path());
    reading
        .last_article
        .insert(folder.path().to_owned(), folder.path().join("b.txt"));
    (folder, reading)
}

/// The app as it starts again on the last folder, with its data in `data`.
fn restart(reading: &ReadingState, data: &std::path::Path) -> HamishApp {
    HamishApp::new(Preferences::default(), reading.clone(), None).with_opening_guard(data)
}

#[test]
fn an_article_that_ended_the_last_run_is_not_reopened_and_the_reader_is_told() {
    let (folder, reading) = folder_and_state();
    let data = tempfile::tempdir().expect("data");
    let article = folder.path().join("b.txt");
    // The last run was opening b.txt when it died: its marker is there.
    std::fs::write(
        data.path().join("opening-article.json"),
        serde_json::to_vec(&article).expect("json"),
    )
    .expect("marker");

    let mut harness = common::app_harness(restart(&reading, data.path()), vec2(1200.0, 800.0));
    harness.run();
    assert_eq!(harness.state().open_article_path(), None);
    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(
        message.contains("b.txt") && message.contains("not opened again"),
        "{message}"
    );
    // Picked by the reader, it opens; once shown, its marker is gone.
    harness
        .state_mut()
        .command(Command::OpenArticle(article.clone()));
    harness.run();
    assert_eq!(harness.state().open_article_path(), Some(article.as_path()));
    harness.get_by_label("فقرة ثانية.");
    drop(harness);
    let mut harness = common::app_harness(restart(&reading, data.path()), vec2(1200.0, 800.0));
    harness.run();
    assert_eq!(harness.state().open_article_path(), Some(article.as_path()));
}

#[test]
fn an_article_shown_is_reopened_at_the_next_start() {
    let (folder, reading) = folder_and_state();
    let data = tempfile::tempdir().expect("data");
    let mut harness = common::app_harness(restart(&reading, data.path()), vec2(1200.0, 800.0));
    harness.run();
    let article = folder.path().join("b.txt");
    assert_eq!(harness.state().open_article_path(), Some(article.as_path()));
    harness.get_by_label("فقرة ثانية.");
    // The process dies here, after the article was on screen: no clean exit. Its
    // marker was being removed once the article had been drawn.
    std::mem::forget(harness);
    let marker = data.path().join("opening-article.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while marker.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        !marker.exists(),
        "the marker of an article shown is removed"
    );
    let mut harness = common::app_harness(restart(&reading, data.path()), vec2(1200.0, 800.0));
    harness.run();
    assert_eq!(harness.state().open_article_path(), Some(article.as_path()));
}
