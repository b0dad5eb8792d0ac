//! The library of a real-world folder: sub-folders as groups, files that cannot be read
//! listed with the reason, translations not listed as articles, folders dropped on the
//! window, recent folders.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::import::{ImportError, list_folder};

/// A folder with an article, its English translation, a binary file named like an
/// article, and a sub-folder with a Markdown article.
fn messy_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temporary folder");
    let write = |name: &str, bytes: &[u8]| {
        let path = folder.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, bytes).expect("write");
    };
    write("001.txt", "عنوان المقال الأول\nنص الفقرة الأولى.".as_bytes());
    write("001.en.txt", b"The first article\nThe first paragraph.");
    write(
        "image.txt",
        &[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
            0, 0, 1, 0,
        ],
    );
    write("أرشيف/002.md", "# مقال في مجلد فرعي\n\nفقرة.".as_bytes());
    write("notes.json", b"{}");
    folder
}

#[test]
fn listing_groups_sub_folders_and_keeps_unreadable_files() {
    let folder = messy_folder();
    let listed = list_folder(folder.path()).expect("folder can be listed");
    assert!(
        listed.entries.iter().all(|entry| entry.summary.is_none()),
        "listing reads no file"
    );
    let library = common::listed_and_summarised(folder.path());
    let names: Vec<String> = library
        .entries
        .iter()
        .map(|entry| entry.file_name())
        .collect();
    assert_eq!(
        names,
        ["001.txt", "image.txt", "002.md"],
        "translations and other files are not articles"
    );
    assert_eq!(library.entries[0].title(), Some("عنوان المقال الأول"));
    assert_eq!(
        library.entries[1]
            .summary
            .as_ref()
            .and_then(|s| s.error.clone()),
        Some(ImportError::NotText)
    );
    assert_eq!(library.entries[1].label(), "image.txt");
    assert_eq!(
        library.entries[1].problem().as_deref(),
        Some("not a text file (binary data)")
    );
    assert_eq!(library.entries[2].group, "أرشيف");
    assert_eq!(library.entries[2].title(), Some("مقال في مجلد فرعي"));
}

fn harness(app: HamishApp) -> Harness<'static, HamishApp> {
    common::app_harness(app, vec2(1200.0, 800.0))
}

#[test]
fn the_library_panel_shows_groups_and_problems() {
    let folder = messy_folder();
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().to_owned()),
    ));
    harness.run();
    // The title is both a library entry and the open article's heading.
    harness.get_by_role_and_label(Role::Button, "عنوان المقال الأول");
    harness.get_by_role_and_label(Role::Label, "عنوان المقال الأول");
    harness.get_by_label("image.txt: not a text file (binary data)");
    harness.get_by_label("أرشيف");
    harness
        .get_by_role_and_label(Role::Button, "مقال في مجلد فرعي")
        .click();
    harness.run();
    assert!(
        harness
            .state()
            .open_article_path()
            .expect("open")
            .ends_with("002.md")
    );
    harness.get_by_label("فقرة.");
    // The unreadable file can be chosen; it says why it is not shown.
    harness
        .get_by_label("image.txt: not a text file (binary data)")
        .click();
    harness.run();
    harness.get_by_label("This article cannot be shown: not a text file (binary data).");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("a folder has no bytes".to_owned())
    }
}

#[test]
fn a_dropped_folder_is_opened_and_becomes_recent() {
    let folder = messy_folder();
    let mut harness = harness(HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(common::samples()),
    ));
    harness.run();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(folder.path().to_owned())));
    harness.run();
    let root = harness.state().library().expect("library").root.clone();
    assert_eq!(root, folder.path().canonicalize().expect("canonical"));
    harness.get_by_role_and_label(Role::Button, "عنوان المقال الأول");
    let recent = &harness.state().reading_state().recent_folders;
    assert_eq!(recent.first(), Some(&root));
    assert_eq!(
        recent.get(1),
        Some(&common::samples().canonicalize().expect("canonical"))
    );
}
