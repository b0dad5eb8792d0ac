//! Word status by lemma in the window: a key over a word sets its lemma's status, the
//! page tints the word by it, and the status is in the folder's vocabulary file, so
//! it survives a restart and is merged with a second window's change to the file.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::study::LexiconLemmatizer;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::gloss::{Analyzer, default_folder};
use hamish::model::vocabulary::WordStatus;
use hamish::store::{load_vocabulary, save_vocabulary, vocabulary_path};
use hamish::study::Lemmatizer as _;

fn open(folder: &Path) -> Harness<'static, HamishApp> {
    let preferences = Preferences {
        show_word_status: true,
        ..Preferences::default()
    };
    let app = HamishApp::new(
        preferences,
        ReadingState::default(),
        Some(folder.join("001.txt")),
    );
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    let until = Instant::now() + Duration::from_secs(90);
    while !harness.state().study_ready() && Instant::now() < until {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        harness.state().study_ready(),
        "the lexicon and the vocabulary are read"
    );
    harness
}

/// Steps until `done` holds (the app saves and reads on a thread of its own).
fn wait(harness: &mut Harness<'_, HamishApp>, done: impl Fn(&HamishApp) -> bool) {
    let until = Instant::now() + Duration::from_secs(20);
    while !done(harness.state()) && Instant::now() < until {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(done(harness.state()), "in time");
}

/// The paragraph starting «ذكر موقع IA 24.KG», its index, and the point over its
/// first word (at its right edge).
fn first_word(harness: &Harness<'_, HamishApp>) -> (usize, Pos2) {
    let paragraph = common::sample_line("001", 11);
    let index = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections
        .iter()
        .position(|section| section.text == paragraph)
        .expect("a section");
    let rect = harness
        .get_by_role_and_label(Role::Label, &paragraph)
        .rect();
    (index, Pos2::new(rect.right() - 12.0, rect.top() + 15.0))
}

fn mark_of_first_word(harness: &Harness<'_, HamishApp>, section: usize) -> Option<WordStatus> {
    harness
        .state()
        .word_marks(section)
        .into_iter()
        .find(|(range, _)| range.start == 0)
        .map(|(_, status)| status)
}

fn press_over(harness: &mut Harness<'_, HamishApp>, at: Pos2, key: Key) {
    harness.hover_at(at);
    harness.step();
    harness.key_press(key);
    harness.run();
}

#[test]
fn a_key_sets_the_status_the_page_shows_it_and_the_file_keeps_it_merged() {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::copy(
        common::samples().join("001_d7cff7a3069428f0.txt"),
        folder.path().join("001.txt"),
    )
    .expect("copy");
    let file = vocabulary_path(folder.path());
    let analyzer = Analyzer::load(&default_folder()).expect("lexicon");
    let lemma_of = |word: &str| {
        LexiconLemmatizer(&analyzer)
            .reading(word)
            .expect("a lemma")
            .lemma
            .to_string()
    };
    let first = lemma_of("ذكر");

    let mut harness = open(folder.path());
    let (section, word) = first_word(&harness);
    assert_eq!(mark_of_first_word(&harness, section), Some(WordStatus::New));
    let new_words = harness.state().study_shares().expect("shares").new_lemmas;

    press_over(&mut harness, word, Key::Num1);
    assert_eq!(
        mark_of_first_word(&harness, section),
        Some(WordStatus::Learning(1)),
        "the word is tinted as learning, level 1"
    );
    assert_eq!(
        harness.state().study_shares().expect("shares").new_lemmas,
        new_words - 1
    );
    wait(&mut harness, |_| {
        load_vocabulary(&file).is_ok_and(|v| v.status(&first) == WordStatus::Learning(1))
    });
    drop(harness);

    // A restart finds it.
    let mut harness = open(folder.path());
    let (section, word) = first_word(&harness);
    assert_eq!(
        mark_of_first_word(&harness, section),
        Some(WordStatus::Learning(1))
    );

    // A second window marks another lemma known; this one, not having seen it, moves
    // the first word to level 2. Both changes are kept, in the file and in the page.
    let second = lemma_of("موقع");
    let base = load_vocabulary(&file).expect("read");
    let mut theirs = base.clone();
    theirs.set(&second, WordStatus::Known, 1);
    save_vocabulary(&file, &base, &theirs).expect("the other window saves");
    press_over(&mut harness, word, Key::Num2);
    wait(&mut harness, |_| {
        load_vocabulary(&file).is_ok_and(|v| {
            v.status(&first) == WordStatus::Learning(2) && v.status(&second) == WordStatus::Known
        })
    });
    wait(&mut harness, |app| {
        app.word_marks(section)
            .iter()
            .all(|(range, _)| range.start != 7)
    });
    assert_eq!(
        mark_of_first_word(&harness, section),
        Some(WordStatus::Learning(2))
    );
}

#[test]
fn the_view_menu_turns_word_status_off_and_the_page_is_plain() {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::copy(
        common::samples().join("001_d7cff7a3069428f0.txt"),
        folder.path().join("001.txt"),
    )
    .expect("copy");
    let mut harness = open(folder.path());
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Word status Ctrl+Shift+W").click();
    harness.run();
    assert!(!harness.state().preferences().show_word_status);
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::W);
    harness.run();
    assert!(harness.state().preferences().show_word_status);
}

#[test]
fn the_words_of_a_paragraph_are_measured_in_one_pass_as_one_by_one() {
    let text = common::sample_line("001", 11);
    for width in [300.0, 700.0] {
        let layout = common::layout(&text, width);
        let words: Vec<std::ops::Range<usize>> = hamish::study::arabic_words(&text).collect();
        assert!(words.len() > 20);
        let one_pass = layout.spans_rects(&words);
        let one_by_one: Vec<(usize, egui::Rect)> = words
            .iter()
            .enumerate()
            .flat_map(|(k, word)| {
                layout
                    .selection_rects(word.clone())
                    .into_iter()
                    .map(move |rect| (k, rect))
            })
            .collect();
        let mut sorted = one_pass.clone();
        sorted
            .sort_by_key(|(k, rect)| (*k, (rect.top() * 10.0) as i64, (rect.left() * 10.0) as i64));
        let mut expected = one_by_one.clone();
        expected
            .sort_by_key(|(k, rect)| (*k, (rect.top() * 10.0) as i64, (rect.left() * 10.0) as i64));
        assert_eq!(sorted, expected, "at {width} pt");
    }
}
