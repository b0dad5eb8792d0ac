//! `hamish translate`, run as the built binary: results written into the sidecar with
//! the reader's notes kept, `--stdout` printing one line per section and writing
//! nothing, a folder translated article by article, a test server as the engine, the
//! engine configured in the app used when none is given, and errors (a server that is
//! down, a command that hangs) on standard error with a non-zero exit, in time.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::test_server::{TestServer, closed_port_url};
use hamish::import::read_article;
use hamish::model::{Anchor, Note, NoteId, Notes};
use hamish::store::{encode, load_contents, sidecar_path};

const ARTICLE: &str =
    "عنوان الخبر\n\nاجتمع مجلس الأمن اليوم.\n\nوقال المتحدث إن الاجتماع كان مثمرا.\n";

/// An article with a sidecar holding one note; returns its path.
fn article_with_note(folder: &Path, name: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, ARTICLE).expect("article");
    let article = read_article(&path).expect("read");
    let section = &article.sections[1];
    let mut note = Note::new(Anchor::section(section.id, &section.text), 1);
    note.text = "ملاحظة مهمة".to_owned();
    let notes: Notes = [(NoteId::new(1, 1), note)].into_iter().collect();
    std::fs::write(sidecar_path(&path), encode(name, &notes).expect("encoded")).expect("sidecar");
    path
}

/// Runs the binary with its data directory in `home` (no preferences of the machine's).
fn hamish(home: &Path, args: &[&str], extra: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamish"))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .arg("translate")
        .args(args)
        .args(extra)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

const PREFIX: &str = "sed 's/^/EN: /'";

#[test]
fn results_go_into_the_sidecar_beside_the_notes() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let output = hamish(
        home.path(),
        &["--engine", "command", "--command", PREFIX, "--to", "en"],
        &[&path],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let contents = load_contents(&sidecar_path(&path)).expect("sidecar reads");
    assert_eq!(contents.notes.len(), 1, "the note is kept");
    let article = read_article(&path).expect("read");
    let machine = &contents.translations.machine["en"];
    assert_eq!(machine.len(), 3);
    let second = &machine[&article.sections[1].id];
    assert_eq!(second.text, "EN: اجتمع مجلس الأمن اليوم.");
    assert_eq!(
        (second.engine.as_str(), second.model.as_str()),
        ("command", PREFIX)
    );
    assert!(second.made_ms > 1_700_000_000_000, "made now");

    // Run again: nothing is left to translate, nothing changes.
    let before = std::fs::read(sidecar_path(&path)).expect("sidecar");
    let output = hamish(
        home.path(),
        &["--engine", "command", "--command", "false", "--to", "en"],
        &[&path],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(sidecar_path(&path)).expect("sidecar"), before);
}

#[test]
fn stdout_prints_one_line_per_section_and_writes_nothing() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let before = std::fs::read(sidecar_path(&path)).expect("sidecar");
    // A translation over two lines is one line in an aligned file.
    let output = hamish(
        home.path(),
        &[
            "--engine",
            "command",
            "--command",
            "sed 's/^/EN:\\n/'",
            "--to",
            "en",
            "--stdout",
        ],
        &[&path],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "EN: عنوان الخبر\nEN: اجتمع مجلس الأمن اليوم.\nEN: وقال المتحدث إن الاجتماع كان مثمرا.\n"
    );
    assert_eq!(std::fs::read(sidecar_path(&path)).expect("sidecar"), before);
}

#[test]
fn a_folder_is_translated_with_a_test_server() {
    let home = tempfile::tempdir().expect("home");
    let folder = home.path().join("articles");
    std::fs::create_dir(&folder).expect("folder");
    let paths = [
        article_with_note(&folder, "001.txt"),
        article_with_note(&folder, "002.txt"),
    ];
    let server = TestServer::answering(200, r#"{"translatedText": "Translated."}"#);
    let output = hamish(
        home.path(),
        &[
            "--engine",
            "libretranslate",
            "--url",
            &server.url,
            "--to",
            "fr",
        ],
        &[&folder],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        server.requests().len(),
        6,
        "three sections in each of two articles"
    );
    assert_eq!(server.requests()[0].json()["target"], "fr");
    for path in &paths {
        let contents = load_contents(&sidecar_path(path)).expect("sidecar reads");
        assert_eq!(
            contents.translations.machine["fr"].len(),
            3,
            "{}",
            path.display()
        );
        assert!(
            contents.translations.machine["fr"]
                .values()
                .all(|m| m.engine == "libretranslate")
        );
    }
}

#[test]
fn errors_go_to_standard_error_with_a_failing_exit_in_time() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let before = std::fs::read(sidecar_path(&path)).expect("sidecar");
    let url = closed_port_url();
    let started = Instant::now();
    let output = hamish(
        home.path(),
        &["--engine", "ollama", "--url", &url, "--model", "m"],
        &[&path],
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("nothing answers at"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(
        std::fs::read(sidecar_path(&path)).expect("sidecar"),
        before,
        "nothing written"
    );

    let started = Instant::now();
    let output = hamish(
        home.path(),
        &[
            "--engine",
            "command",
            "--command",
            "sleep 30",
            "--timeout",
            "0.5",
        ],
        &[&path],
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no answer within 0.5 seconds"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );

    let output = hamish(
        home.path(),
        &["--engine", "ollama", "--url", &url],
        &[&path],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("needs --model"));
}

#[test]
fn without_engine_options_the_apps_engine_is_used() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let data = home.path().join("data").join("hamish");
    std::fs::create_dir_all(&data).expect("data folder");
    let preferences = hamish::app::Preferences {
        translation_engine: hamish::translate::EngineSettings {
            engine: hamish::translate::EngineConfig::Command {
                command: "sed 's/^/DE: /'".into(),
            },
            target_language: "de".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    // As eframe stores them: RON values in a RON map.
    let value = ron::ser::to_string(&preferences).expect("ron");
    let map: std::collections::HashMap<String, String> =
        [("preferences".to_owned(), value)].into_iter().collect();
    std::fs::write(
        data.join("app.ron"),
        ron::ser::to_string(&map).expect("ron"),
    )
    .expect("app.ron");
    let output = hamish(home.path(), &["--stdout"], &[&path]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with("DE: عنوان الخبر\n"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn rows_a_translation_file_fills_are_left_and_another_language_is_its_own_column() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    std::fs::write(
        home.path().join("001.en.txt"),
        "The news\n\nThe Security Council met today.\n\n\n",
    )
    .expect("translation file");
    // English: two rows from the file, the third by the engine.
    let output = hamish(
        home.path(),
        &[
            "--engine",
            "command",
            "--command",
            PREFIX,
            "--to",
            "en",
            "--stdout",
        ],
        &[&path],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "The news\nThe Security Council met today.\nEN: وقال المتحدث إن الاجتماع كان مثمرا.\n"
    );
    // French: its own column, every row by the engine, though English has a file.
    let output = hamish(
        home.path(),
        &[
            "--engine",
            "command",
            "--command",
            "sed 's/^/FR: /'",
            "--to",
            "fr",
            "--stdout",
        ],
        &[&path],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout)
            .lines()
            .all(|line| line.starts_with("FR: ")),
        "{}",
        text(&output.stdout)
    );
}

/// Runs `hamish translate` like [`hamish`], but gives up (killing it) after `limit`:
/// `None` when it had not finished by then.
fn hamish_within(home: &Path, args: &[&str], extra: &[&Path], limit: Duration) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamish"))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .arg("translate")
        .args(args)
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    while started.elapsed() < limit {
        if child.try_wait().expect("wait").is_some() {
            return Some(child.wait_with_output().expect("output"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn a_glossary_that_is_a_pipe_or_not_utf8_is_named_and_never_waited_for() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let glossary = home.path().join("glossary.tsv");
    let made = Command::new("mkfifo")
        .arg(&glossary)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let args = ["--engine", "command", "--command", PREFIX, "--to", "en"];
    let output = hamish_within(home.path(), &args, &[&path], Duration::from_secs(60))
        .expect("a pipe named glossary.tsv is not opened");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("glossary.tsv could not be read (not a regular file"),
        "{stderr}"
    );

    std::fs::remove_file(&glossary).expect("remove");
    std::fs::write(&glossary, b"\xd8\xa3\xd9\x85\xd9\x85\tnations\n\xff\tx\n").expect("write");
    let output = hamish(home.path(), &[&args[..], &["--again"]].concat(), &[&path]);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("glossary.tsv could not be read (not UTF-8 text: line 2"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{FFFD}'), "{stderr}");
}

#[test]
fn a_language_that_is_not_a_tag_is_refused_with_its_hidden_characters_shown() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let before = std::fs::read(sidecar_path(&path)).expect("sidecar");
    for (option, value) in [("--to", "en\u{202E}"), ("--from", "a r"), ("--to", "e")] {
        let output = hamish(
            home.path(),
            &["--engine", "command", "--command", PREFIX, option, value],
            &[&path],
        );
        let stderr = text(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{option} {value:?}: {stderr}"
        );
        assert!(stderr.contains("not a language tag"), "{stderr}");
        assert!(
            !stderr.contains('\u{202E}'),
            "no raw bidi control: {stderr}"
        );
    }
    let output = hamish(
        home.path(),
        &[
            "--engine",
            "command",
            "--command",
            PREFIX,
            "--to",
            "en\u{202E}",
        ],
        &[&path],
    );
    assert!(text(&output.stderr).contains("--to en<U+202E>: not a language tag"));
    assert_eq!(std::fs::read(sidecar_path(&path)).expect("sidecar"), before);
}

#[test]
fn a_notes_file_left_alone_is_explained_in_command_line_words() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let newer = std::fs::read_to_string(sidecar_path(&path))
        .expect("sidecar")
        .replace("\"version\": 2", "\"version\": 99999999999");
    std::fs::write(sidecar_path(&path), &newer).expect("write");
    let output = hamish(
        home.path(),
        &["--engine", "command", "--command", PREFIX, "--to", "en"],
        &[&path],
    );
    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("newer version of Hamish"), "{stderr}");
    assert!(stderr.contains("--stdout"), "{stderr}");
    for window_word in ["›", "▸", "Save notes as", "in memory"] {
        assert!(!stderr.contains(window_word), "{window_word}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(sidecar_path(&path)).expect("kept"),
        newer
    );
}

#[test]
fn engine_settings_are_named_by_their_options() {
    let home = tempfile::tempdir().expect("home");
    let path = article_with_note(home.path(), "001.txt");
    let model_dir = home.path().join("no model here");
    std::fs::create_dir_all(&model_dir).expect("folder");
    let output = hamish(
        home.path(),
        &[
            "--engine",
            "firefox",
            "--model-dir",
            &model_dir.display().to_string(),
            "--to",
            "en",
        ],
        &[&path],
    );
    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("--model-dir"), "{stderr}");
    assert!(!stderr.contains("engine settings"), "{stderr}");
}
