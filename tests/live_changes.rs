//! Changes on disk appear without a restart: articles added, removed and rewritten
//! while the folder is open, and an open article that changes reloads in place.

mod common;

use std::time::{Duration, Instant};

use common::generate::{article, write};
use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};

fn harness(app: HamishApp) -> Harness<'static, HamishApp> {
    common::app_harness(app, vec2(1200.0, 800.0))
}

/// Steps the app until `done` holds, for at most a generous while: the change has to
/// go through the system's file notifications and the watcher's quiet period.
fn step_until(
    harness: &mut Harness<'static, HamishApp>,
    what: &str,
    done: impl Fn(&Harness<'static, HamishApp>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done(harness) {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    harness.run();
}

fn titles(harness: &Harness<'static, HamishApp>) -> Vec<String> {
    harness
        .state()
        .library()
        .map(|library| {
            library
                .entries
                .iter()
                .filter_map(|entry| entry.title().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn articles_added_renamed_and_removed_appear_without_a_restart() {
    let folder = tempfile::tempdir().expect("temporary folder");
    write(folder.path(), "001.txt", article("المقال الأول").as_bytes());
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().to_owned()),
    ));
    harness.run();
    assert_eq!(titles(&harness), ["المقال الأول"]);

    write(
        folder.path(),
        "002.txt",
        article("مقال أضيف لاحقا").as_bytes(),
    );
    step_until(&mut harness, "the new article is listed", |h| {
        titles(h).contains(&"مقال أضيف لاحقا".to_owned())
    });
    harness.get_by_role_and_label(Role::Button, "مقال أضيف لاحقا");

    write(
        folder.path(),
        "جديد/003.md",
        "# في مجلد جديد\n\nنص.".as_bytes(),
    );
    step_until(&mut harness, "a new sub-folder is listed", |h| {
        titles(h).contains(&"في مجلد جديد".to_owned())
    });
    harness.get_by_label("جديد");

    std::fs::rename(folder.path().join("002.txt"), folder.path().join("004.txt")).expect("rename");
    std::fs::remove_file(folder.path().join("جديد/003.md")).expect("remove");
    step_until(&mut harness, "the removed article goes", |h| {
        !titles(h).contains(&"في مجلد جديد".to_owned())
    });
    let library = harness.state().library().expect("library");
    let names: Vec<String> = library.entries.iter().map(|e| e.file_name()).collect();
    assert_eq!(names, ["001.txt", "004.txt"]);
    assert_eq!(library.entries[1].title(), Some("مقال أضيف لاحقا"));
}

/// An article of `count` numbered paragraphs, with `extra` first if given.
fn numbered_article(count: usize, extra: Option<&str>) -> String {
    let mut text = String::from("عنوان مقال طويل\n");
    if let Some(extra) = extra {
        text.push_str(extra);
        text.push('\n');
    }
    for i in 0..count {
        text.push_str(&format!(
            "الفقرة رقم {i}، وفيها كلام كثير يملأ السطر ويزيد عليه حتى تطول الفقرة ويظهر التمرير.\n"
        ));
    }
    text
}

#[test]
fn an_open_article_that_changes_reloads_in_place_keeping_the_position() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("long.txt");
    std::fs::write(&path, numbered_article(80, None)).expect("write");
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(path.clone()),
    ));
    harness.run();
    for _ in 0..6 {
        harness.key_press(egui::Key::PageDown);
        harness.run();
    }
    let first = harness.state().first_visible_section().expect("open");
    assert!(first > 5, "scrolled down to section {first}");
    let reading = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections[first]
        .clone();

    // Another program rewrites the file, adding a paragraph near the top.
    std::fs::write(
        &path,
        numbered_article(80, Some("فقرة جديدة أضيفت في أول المقال.")),
    )
    .expect("write");
    step_until(&mut harness, "the article reloads", |h| {
        h.state()
            .current_article()
            .is_some_and(|open| open.article.sections.len() == 82)
    });
    let open = harness.state().current_article().expect("open");
    assert_eq!(
        open.article.sections[1].text,
        "فقرة جديدة أضيفت في أول المقال."
    );
    let now = harness.state().first_visible_section().expect("open");
    assert_eq!(
        open.article.sections[now].id, reading.id,
        "the section being read stays on screen (was {first}, now {now})"
    );
    harness.get_by_label(&reading.text);
}

#[test]
fn an_open_article_deleted_on_disk_stays_readable_and_says_so() {
    let folder = tempfile::tempdir().expect("temporary folder");
    write(
        folder.path(),
        "001.txt",
        article("سيحذف هذا المقال").as_bytes(),
    );
    write(folder.path(), "002.txt", article("مقال باق").as_bytes());
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().join("001.txt")),
    ));
    harness.run();
    harness.get_by_label("الفقرة الأولى من المقال، وفيها نص عادي.");

    std::fs::remove_file(folder.path().join("001.txt")).expect("remove");
    step_until(&mut harness, "the library drops the file", |h| {
        h.state()
            .library()
            .is_some_and(|library| library.entries.len() == 1)
    });
    harness.get_by_label_contains("This file was deleted or moved");
    harness.get_by_label("الفقرة الأولى من المقال، وفيها نص عادي.");
    harness
        .get_by_role_and_label(Role::Button, "مقال باق")
        .click();
    harness.run();
    harness.get_by_label("الفقرة الثانية من المقال.");
}
