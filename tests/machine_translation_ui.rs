//! Machine translation as a reader uses it, with a command as the engine: the sections
//! on screen are translated from the Translate menu with a progress bar, rows fill one
//! by one, Cancel stops at once; after a restart the results are still there, marked
//! machine-made; editing one takes the mark away, and translating it again asks
//! first.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::model::translation::TranslationSource;
use hamish::store::{load_contents, sidecar_path};
use hamish::translate::{EngineConfig, EngineSettings};

const ARTICLE: &str = "000_3bd66f5e2dc42b51.txt";

/// Each section takes the engine this long: slow enough to watch and to cancel.
const ENGINE: &str = "sleep 0.4; sed 's/^/EN: /'";

fn preferences() -> Preferences {
    Preferences {
        translation_engine: EngineSettings {
            engine: EngineConfig::Command {
                command: ENGINE.to_owned(),
            },
            target_language: "en".to_owned(),
            ..EngineSettings::default()
        },
        ..Preferences::default()
    }
}

fn app(folder: &Path) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(
        preferences(),
        ReadingState::default(),
        Some(folder.join(ARTICLE)),
    );
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness
}

/// The app on the sample article, with `engine` translating.
fn app_with(folder: &Path, engine: EngineConfig) -> Harness<'static, HamishApp> {
    let mut preferences = preferences();
    preferences.translation_engine.engine = engine;
    let app = HamishApp::new(
        preferences,
        ReadingState::default(),
        Some(folder.join(ARTICLE)),
    );
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness
}

/// The rows' sources: `None` for a row with no translation.
fn sources(harness: &Harness<'_, HamishApp>) -> Vec<Option<TranslationSource>> {
    harness
        .state()
        .translation_of_open_article()
        .map(|column| {
            column
                .rows
                .iter()
                .map(|row| row.cell.as_ref().map(|cell| cell.source.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn machine_rows(harness: &Harness<'_, HamishApp>) -> usize {
    sources(harness)
        .iter()
        .filter(|source| matches!(source, Some(TranslationSource::Machine { .. })))
        .count()
}

/// Steps frames until `done` holds, for at most `limit`.
fn step_until(
    harness: &mut Harness<'_, HamishApp>,
    limit: Duration,
    mut done: impl FnMut(&Harness<'_, HamishApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(start.elapsed() < limit, "not within {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

fn menu(harness: &mut Harness<'_, HamishApp>, item: &str) {
    harness
        .get_by_role_and_label(Role::Button, "Translate")
        .click();
    harness.run();
    harness.get_by_label(item).click();
    harness.step();
}

#[test]
fn sections_on_screen_fill_with_progress_cancel_and_survive_a_restart() {
    let folder = common::samples_copy();
    let mut harness = app(folder.path());
    assert_eq!(machine_rows(&harness), 0);
    menu(&mut harness, "Translate the sections on screen");

    // The progress bar says what is going on; rows wait, then fill one by one.
    step_until(&mut harness, Duration::from_secs(10), |h| {
        h.query_by_label_contains("Translating with command")
            .is_some()
    });
    assert!(harness.get_all_by_label("Translating…").count() >= 1);
    step_until(&mut harness, Duration::from_secs(10), |h| {
        machine_rows(h) >= 1
    });
    let progress = harness
        .get_by_label_contains("Translating with command")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    let done = machine_rows(&harness);
    assert!(progress.contains(&format!(": {done} of ")), "{progress}");
    let first = sources(&harness)
        .iter()
        .position(|source| source.is_some())
        .expect("a row filled");
    assert_eq!(
        harness
            .state()
            .translation_of_open_article()
            .expect("column")
            .text(first),
        Some(
            format!(
                "EN: {}",
                harness
                    .state()
                    .current_article()
                    .expect("open")
                    .article
                    .sections[first]
                    .text
            )
            .as_str()
        )
    );
    assert!(
        harness
            .get_all_by_label_contains("machine-made (command")
            .count()
            >= 1
    );

    // Cancel stops at once: no more rows come, the bar goes.
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.step();
    let done = machine_rows(&harness);
    let sections = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections
        .len();
    assert!(
        done < sections,
        "stopped before the end: {done} of {sections}"
    );
    std::thread::sleep(Duration::from_millis(1000));
    harness.run();
    assert_eq!(machine_rows(&harness), done, "nothing after Cancel");
    assert!(
        harness
            .query_by_label_contains("Translating with command")
            .is_none()
    );
    harness.get_by_label_contains("Translation cancelled");
    assert!(harness.query_by_label("Translating…").is_none());
    drop(harness);

    // On disk, with the engine and model; and back after a restart, still marked.
    let contents = load_contents(&sidecar_path(&folder.path().join(ARTICLE))).expect("sidecar");
    let machine = &contents.translations.machine["en"];
    assert_eq!(machine.len(), done);
    assert!(
        machine
            .values()
            .all(|m| m.engine == "command" && m.model == ENGINE)
    );
    let mut harness = app(folder.path());
    assert_eq!(machine_rows(&harness), done);
    let marks = harness
        .query_all_by_label_contains("machine-made (command")
        .count();
    assert_eq!(marks, done);

    // Edited by a person, the row is theirs: the mark goes.
    let text = harness
        .state()
        .translation_of_open_article()
        .expect("column")
        .text(first)
        .expect("text")
        .to_owned();
    harness.get_by_role_and_label(Role::Label, &text).click();
    harness.run();
    harness.key_press(egui::Key::End);
    harness.event(egui::Event::Text(" (checked)".to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(sources(&harness)[first], Some(TranslationSource::Reader));
    let marks = harness
        .query_all_by_label_contains("machine-made (command")
        .count();
    assert_eq!(marks, done - 1);
    harness.get_by_label("yours");

    // Translating it again asks first; keeping the reader's text changes nothing.
    harness
        .state_mut()
        .command(hamish::app::Command::Translation(
            hamish::ui::translation::TranslationCommand::MachineTranslate(first),
        ));
    harness.run();
    harness.get_by_label_contains("Translate your rows again?");
    harness.get_by_label("Keep mine").click();
    harness.run();
    assert_eq!(sources(&harness)[first], Some(TranslationSource::Reader));
    harness
        .state_mut()
        .command(hamish::app::Command::Translation(
            hamish::ui::translation::TranslationCommand::MachineTranslate(first),
        ));
    harness.run();
    harness.get_by_label("Replace mine").click();
    step_until(&mut harness, Duration::from_secs(10), |h| {
        matches!(sources(h)[first], Some(TranslationSource::Machine { .. }))
    });
}

#[test]
fn an_engine_that_fails_says_why_on_the_row_and_in_the_status_line() {
    let folder = common::samples_copy();
    let mut harness = app_with(
        folder.path(),
        EngineConfig::Command {
            command: "echo 'no model here' >&2; exit 4".to_owned(),
        },
    );
    // The row's actions are on the row under the section cursor.
    harness.key_press(egui::Key::J);
    harness.run();
    harness.get_by_label("Translate by machine").click();
    step_until(&mut harness, Duration::from_secs(10), |h| {
        h.query_by_label_contains("Not translated: the command failed")
            .is_some()
    });
    assert!(harness.get_all_by_label_contains("no model here").count() >= 1);
    harness.get_by_label_contains("Translated 0 of 1 sections");
    assert_eq!(machine_rows(&harness), 0);
    // The settings window shows the engine.
    menu(&mut harness, "Engine settings…");
    harness.run();
    harness.get_by_label_contains("Translation engine");
}

/// The article's language the reader chose (View ▸ Article language) is the language
/// the engine is told, over the one its script suggests.
#[test]
fn the_language_chosen_for_the_article_is_the_engine_s_source() {
    let folder = common::samples_copy();
    let path = std::fs::canonicalize(folder.path().join(ARTICLE)).expect("article");
    let mut reading = ReadingState::default();
    reading
        .article_languages
        .insert(path.clone(), "fa".to_owned());
    let mut preferences = preferences();
    preferences.translation_engine.engine = EngineConfig::Command {
        command: "cat >/dev/null; printf 'from %s' \"$HAMISH_SOURCE_LANG\"".to_owned(),
    };
    let app = HamishApp::new(preferences, reading, Some(path));
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    menu(&mut harness, "Translate the sections on screen");
    step_until(&mut harness, Duration::from_secs(10), |h| {
        machine_rows(h) >= 1
    });
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("column");
    let row = (0..column.rows.len())
        .find(|&row| column.text(row).is_some())
        .expect("a row filled");
    assert_eq!(column.text(row), Some("from fa"));
}

/// The labels of the rows' machine-translation errors on screen.
fn errors_shown(harness: &Harness<'_, HamishApp>) -> usize {
    harness
        .query_all_by_label_contains("Not translated:")
        .count()
}

/// An error belongs to the row of the article it was made for: not to row 2 of every
/// other article (in this folder or another), and it goes when the reader writes the
/// translation themselves.
#[test]
fn an_engine_s_error_stays_on_its_own_article_s_row_until_a_translation_arrives() {
    let folder = common::samples_copy();
    let other_folder = common::samples_copy();
    let mut harness = app_with(
        folder.path(),
        EngineConfig::Command {
            command: "exit 3".to_owned(),
        },
    );
    // The section cursor on row 2 (the first J puts it on row 0): its actions.
    for _ in 0..3 {
        harness.key_press(egui::Key::J);
        harness.run();
    }
    harness.get_by_label("Translate by machine").click();
    step_until(&mut harness, Duration::from_secs(10), |h| {
        h.query_by_label_contains("Translated 0 of 1 sections")
            .is_some()
    });
    assert_eq!(errors_shown(&harness), 1, "on row 2");
    let open = |harness: &mut Harness<'_, HamishApp>, path: std::path::PathBuf| {
        harness
            .state_mut()
            .command(hamish::app::Command::OpenPath(path));
        harness.run();
        assert!(harness.state().current_article().is_some());
    };

    let outcome = |harness: &Harness<'_, HamishApp>| {
        harness
            .query_by_label_contains("1 failed (see their rows)")
            .is_some()
    };
    assert!(outcome(&harness), "the status line says where to look");
    open(&mut harness, folder.path().join("001_d7cff7a3069428f0.txt"));
    assert_eq!(errors_shown(&harness), 0, "another article of the folder");
    assert!(!outcome(&harness), "not sent to this article's rows");
    open(&mut harness, other_folder.path().join(ARTICLE));
    assert_eq!(errors_shown(&harness), 0, "the same name in another folder");
    open(&mut harness, folder.path().join(ARTICLE));
    assert_eq!(errors_shown(&harness), 1, "its own row keeps it");
    assert!(outcome(&harness));

    // The reader writes the translation: the error goes.
    harness
        .state_mut()
        .command(hamish::app::Command::Translation(
            hamish::ui::translation::TranslationCommand::Edit(2),
        ));
    harness.run();
    harness.event(egui::Event::Text("Mine".to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(sources(&harness)[2], Some(TranslationSource::Reader));
    assert_eq!(errors_shown(&harness), 0, "a translation arrived");
}

/// Switching engine in the settings and back finds the first engine's address and
/// model as the reader left them, after a restart too.
#[test]
fn each_engine_keeps_its_address_and_model_when_another_is_chosen() {
    let folder = common::samples_copy();
    let ollama = EngineConfig::Ollama {
        url: "http://127.0.0.1:11500".to_owned(),
        model: "qwen2.5:7b".to_owned(),
    };
    let mut harness = app_with(folder.path(), ollama.clone());
    menu(&mut harness, "Engine settings…");
    harness.run();
    let mut choose = |label: &str| {
        harness
            .get_by_role_and_label(Role::ComboBox, "Engine")
            .click();
        harness.run();
        harness.get_by_label(label).click();
        harness.run();
    };
    choose("A command");
    choose("Ollama server");
    let engine = &harness.state().preferences().translation_engine;
    assert_eq!(engine.engine, ollama);
    let saved = serde_json::to_string(harness.state().preferences()).expect("saves");
    let back: Preferences = serde_json::from_str(&saved).expect("loads");
    assert_eq!(back.translation_engine.engine, ollama);
}
