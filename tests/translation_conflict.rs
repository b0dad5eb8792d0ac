//! A translation changed differently in two places (issue 25, item 5): the version
//! that lost the merge, kept in the sidecar, is shown on its row, and the reader picks
//! the one to keep; the choice is saved like any edit and the conflict goes.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::store::{ArticleNotes, load_contents, sidecar_path};

const MINE: &str = "My translation of the paragraph";
const THEIRS: &str = "The paragraph as translated on the laptop";

/// An article whose paragraph has the reader's translation `MINE`, with `THEIRS`
/// kept as the version that lost a merge.
fn article_with_conflict(folder: &Path) -> std::path::PathBuf {
    let article = folder.join("a.txt");
    std::fs::write(&article, "عنوان المقال\nفقرة المقال الأولى.\n").expect("article");
    let (mut notes, _) = ArticleNotes::open(&article);
    let section = hamish::import::read_article(&article)
        .expect("article")
        .sections[1]
        .clone();
    notes.edit_translations(Instant::now(), |data| {
        data.set_reader_translation("en", section.id, &section.text, MINE, None, 1);
        if let Some(entry) = data
            .reader
            .get_mut("en")
            .and_then(|entries| entries.get_mut(&section.id))
        {
            entry.conflict_texts = vec![THEIRS.to_owned()];
        }
    });
    let contents = notes.encoded().expect("encodes");
    hamish::store::write_atomic(notes.sidecar(), contents.as_bytes()).expect("written");
    article
}

fn open(article: &Path) -> Harness<'static, HamishApp> {
    let mut reading = ReadingState::default();
    reading.translation_languages.insert(
        article.parent().expect("folder").to_owned(),
        "en".to_owned(),
    );
    let app = HamishApp::new(Preferences::default(), reading, Some(article.to_owned()));
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness
}

/// The reader's translation of the paragraph and its other versions, on disk.
fn on_disk(article: &Path) -> Option<(String, Vec<String>)> {
    let contents = load_contents(&sidecar_path(article)).ok()?;
    let entry = contents
        .translations
        .reader
        .get("en")?
        .values()
        .next()?
        .clone();
    Some((entry.text, entry.conflict_texts))
}

#[test]
fn the_other_version_is_shown_and_keeping_it_makes_it_the_translation() {
    let folder = tempfile::tempdir().expect("folder");
    let article = article_with_conflict(folder.path());
    let mut harness = open(&article);
    harness.get_by_role_and_label(Role::Label, MINE);
    harness.get_by_role_and_label(Role::Label, THEIRS);
    harness.get_by_label_contains("Changed in two places");
    harness.get_by_label("Keep this version").click();
    harness.run();
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("column");
    assert_eq!(column.text(1), Some(THEIRS));
    assert!(column.rows[1].conflicts.is_empty());
    assert!(
        harness
            .query_by_label_contains("Changed in two places")
            .is_none()
    );
    // Saved as any edit is: through autosave.
    let until = Instant::now() + Duration::from_secs(15);
    while on_disk(&article) != Some((THEIRS.to_owned(), Vec::new())) && Instant::now() < until {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(on_disk(&article), Some((THEIRS.to_owned(), Vec::new())));
}

#[test]
fn keeping_the_version_shown_clears_the_conflict() {
    let folder = tempfile::tempdir().expect("folder");
    let article = article_with_conflict(folder.path());
    let mut harness = open(&article);
    harness.get_by_label("Keep the version above").click();
    harness.run();
    drop(harness);
    assert_eq!(on_disk(&article), Some((MINE.to_owned(), Vec::new())));
}
