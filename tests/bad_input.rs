//! Bad input never crashes and never blocks the rest of the folder: every bad file is
//! listed with a plain message, and every other article still opens.

mod common;

use std::time::{Duration, Instant};

use common::generate::{BAD_COMPANIONS, BAD_INPUTS, GOOD_ARTICLES, bad_folder};
use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::import::{ImportError, import_file, read_article};
use hamish::model::SectionKind;
use hamish::text::{TextEngine, TextStyle};

#[test]
fn every_bad_input_has_its_message_and_the_good_articles_open() {
    let folder = bad_folder();
    let library = common::listed_and_summarised(folder.path());
    for bad in BAD_INPUTS {
        let entry = library
            .entries
            .iter()
            .find(|entry| entry.path == folder.path().join(bad.name))
            .unwrap_or_else(|| panic!("{} is listed", bad.name));
        assert_eq!(entry.problem().as_deref(), bad.message, "{}", bad.name);
    }
    for (name, title) in GOOD_ARTICLES {
        let path = folder.path().join(name);
        let entry = &library.entries[library.position(&path).expect("listed")];
        assert_eq!(entry.title(), Some(*title), "{name}");
        assert_eq!(entry.problem(), None, "{name}");
        let article = read_article(&path).expect("a good article opens");
        assert_eq!(article.title, *title);
    }
    // The loop of links is entered once: each article is listed once.
    let mut paths: Vec<_> = library
        .entries
        .iter()
        .map(|entry| entry.path.canonicalize().unwrap_or(entry.path.clone()))
        .collect();
    let listed = paths.len();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), listed, "no article is listed twice");
    assert_eq!(listed, BAD_INPUTS.len() + GOOD_ARTICLES.len());
    let group = &library.entries[library
        .position(&folder.path().join(GOOD_ARTICLES[2].0))
        .expect("listed")]
    .group;
    assert_eq!(group, "أرشيف 2024");
}

#[test]
fn each_bad_input_opens_or_says_why_not() {
    let folder = bad_folder();
    let path = |name: &str| folder.path().join(name);
    assert_eq!(read_article(&path("binary.txt")), Err(ImportError::NotText));
    assert_eq!(read_article(&path("pipe.txt")), Err(ImportError::NotAFile));
    assert_eq!(
        read_article(&path("broken link.txt")),
        Err(ImportError::Gone)
    );
    assert!(matches!(
        read_article(&path("huge.txt")),
        Err(ImportError::TooLarge { bytes }) if bytes as usize >= common::generate::HUGE_BYTES
    ));
    // On request, the large file opens.
    let huge = import_file(&path("huge.txt"), None).expect("opens on request");
    assert_eq!(huge.article.title, "ملف ضخم");

    let damaged = read_article(&path("damaged utf8.txt")).expect("opens");
    assert_eq!(
        damaged.sections[1].text,
        "نص \u{fffd}سليم ثم \u{fffd}( بعده"
    );

    assert!(
        read_article(&path("empty.txt"))
            .expect("opens")
            .sections
            .is_empty()
    );

    let long = read_article(&path("one long line.txt")).expect("opens");
    assert!(long.sections.len() > 60, "cut into parts");
    assert!(
        long.sections
            .iter()
            .all(|section| section.text.len() <= hamish::import::MAX_SECTION_BYTES)
    );

    let stacked = read_article(&path("diacritics.txt")).expect("opens");
    let marks = stacked.sections[1]
        .text
        .chars()
        .filter(|&c| c == '\u{651}')
        .count();
    assert_eq!(marks, 5000, "every mark is kept");

    let nul = read_article(&path("nul bytes.txt")).expect("opens");
    assert_eq!(nul.title, "عنوان فيه أصفار");
    assert!(
        nul.sections
            .iter()
            .all(|section| !section.text.contains('\0'))
    );
}

#[test]
fn hostile_translation_files_are_companions_with_a_message_and_nothing_else_breaks() {
    use hamish::import::translation::{read_companion, summarize_companions};
    use hamish::model::translation::{AlignmentProblem, align};

    let folder = bad_folder();
    let library = common::listed_and_summarised(folder.path());
    let path = folder.path().join(GOOD_ARTICLES[0].0);
    let entry = &library.entries[library.position(&path).expect("listed")];
    // None of them is listed as an article: they are the article's companions.
    assert_eq!(
        entry.companions.len(),
        BAD_COMPANIONS.len(),
        "{:?}",
        entry.companions
    );
    let before: Vec<Vec<u8>> = entry
        .companions
        .iter()
        .map(|companion| std::fs::read(&companion.path).expect("readable"))
        .collect();
    let summaries = summarize_companions(&entry.companions);
    for bad in BAD_COMPANIONS {
        let summary = summaries
            .iter()
            .find(|summary| summary.companion.path == folder.path().join(bad.name))
            .unwrap_or_else(|| panic!("{} is a companion", bad.name));
        assert_eq!(
            summary.error.as_ref().map(ToString::to_string).as_deref(),
            bad.error,
            "{}",
            bad.name
        );
    }
    // The good translation still aligns; the one with more sections says so.
    let article = read_article(&path).expect("the article opens");
    let read = |name: &str| {
        let companion = entry
            .companions
            .iter()
            .find(|companion| companion.path == folder.path().join(name))
            .expect("companion");
        read_companion(companion).expect("reads").files.remove(0)
    };
    let english = read("مقال جيد.en.txt");
    assert_eq!(align(&article, &english, None).problems, []);
    let urdu = read("مقال جيد.ur.txt");
    assert_eq!(
        align(&article, &urdu, None).problems[0],
        AlignmentProblem::CountMismatch {
            sections: 3,
            segments: 4
        }
    );
    // Nothing was written to any of them.
    let after: Vec<Vec<u8>> = entry
        .companions
        .iter()
        .map(|companion| std::fs::read(&companion.path).expect("readable"))
        .collect();
    assert!(before == after, "translation files are never written");
}

#[test]
fn a_file_that_cannot_be_read_says_so() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("locked.txt");
    std::fs::write(&path, "نص").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::File::open(&path).is_ok() {
        // Running as root: permissions do not stop us, so there is nothing to test.
        return;
    }
    assert_eq!(read_article(&path), Err(ImportError::PermissionDenied));
    assert_eq!(
        ImportError::PermissionDenied.to_string(),
        "the file cannot be read: permission denied"
    );
}

#[test]
fn thousands_of_stacked_marks_lay_out_quickly_and_stay_in_bounds() {
    let text = format!("ب{} نص", "\u{651}".repeat(5000));
    let text = hamish::model::normalize(&text).into_owned();
    let mut engine = TextEngine::new();
    let started = Instant::now();
    let layout = engine.layout(&text, &TextStyle::body(20.0), 400.0, 1.0);
    // Generous: this is a debug build on a shared machine; seconds would mean a hang.
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(layout.line_count(), 1);
    assert!(
        layout.size().y < 100.0,
        "one line high: {:?}",
        layout.size()
    );
}

fn harness(app: HamishApp) -> Harness<'static, HamishApp> {
    common::app_harness(app, vec2(1200.0, 2000.0))
}

#[test]
fn the_library_shows_every_problem_beside_its_file() {
    let folder = bad_folder();
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().to_owned()),
    ));
    harness.run();
    for bad in BAD_INPUTS {
        harness.get_by_role_and_label(Role::Button, &bad.label());
    }
    for (_, title) in GOOD_ARTICLES {
        harness.get_by_role_and_label(Role::Button, title);
    }
    harness.get_by_label("أرشيف 2024");
}

#[test]
fn a_huge_file_opens_on_request_and_bad_files_do_not_stop_the_others() {
    let folder = bad_folder();
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().to_owned()),
    ));
    harness.run();
    let bad = |name: &str| {
        BAD_INPUTS
            .iter()
            .find(|bad| bad.name == name)
            .expect("bad input")
    };
    harness.get_by_label(&bad("huge.txt").label()).click();
    harness.run();
    harness.get_by_label_contains("This article cannot be shown: a very large file (21 MB");
    harness.get_by_label("Open it anyway").click();
    harness.run();
    let open = harness.state().current_article().expect("opened");
    assert_eq!(open.article.title, "ملف ضخم");
    assert_eq!(
        harness.state().library().expect("library").entries.len(),
        BAD_INPUTS.len() + GOOD_ARTICLES.len()
    );

    for name in ["binary.txt", "pipe.txt", "broken link.txt"] {
        harness.get_by_label(&bad(name).label()).click();
        harness.run();
        harness.get_by_label_contains("This article cannot be shown:");
        // Right after, a good article opens as usual.
        harness
            .get_by_role_and_label(Role::Button, GOOD_ARTICLES[1].1)
            .click();
        harness.run();
        let open = harness.state().current_article().expect("opened");
        assert_eq!(
            open.article.sections[0].kind,
            SectionKind::Heading { level: 1 }
        );
        harness.get_by_label("فقرة مائلة وغامقة.");
    }

    harness
        .get_by_role_and_label(Role::Button, "حركات مكدسة")
        .click();
    harness.run();
    harness.get_by_label_contains("نص بعدها");
    harness
        .get_by_label(&bad("damaged utf8.txt").label())
        .click();
    harness.run();
    harness.get_by_label("2 damaged characters, shown as �");
}
