//! Alt+click a word: a card shows what it can be, from the offline lexicon; one
//! click keeps a reading as a note on the word.

mod common;

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::model::Placement;

#[test]
fn a_word_is_glossed_and_kept_as_a_note() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    std::fs::copy(common::samples().join("001_d7cff7a3069428f0.txt"), &article).expect("copy");
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(article),
    );
    let mut harness: Harness<'_, HamishApp> = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    // The paragraph starts with «ذكر موقع IA 24.KG»: its first word is at its right edge.
    let paragraph = common::sample_line("001", 11);
    let rect = harness
        .get_by_role_and_label(Role::Label, &paragraph)
        .rect();
    let word = Pos2::new(rect.right() - 12.0, rect.top() + 15.0);
    harness.hover_at(word);
    harness.step();
    let button = |pressed| egui::Event::PointerButton {
        pos: word,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::ALT,
    };
    harness.event_modifiers(button(true), Modifiers::ALT);
    harness.step();
    harness.event_modifiers(button(false), Modifiers::ALT);
    harness.step();
    // The lexicon is read in the background when the app starts.
    let until = Instant::now() + Duration::from_secs(60);
    while harness.state().gloss_on_card().is_none() && Instant::now() < until {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    let gloss = harness
        .state()
        .gloss_on_card()
        .expect("the card shows the word's analyses")
        .clone();
    assert_eq!(gloss.word, "ذكر");
    assert!(!gloss.analyses.is_empty(), "a word the lexicon knows");
    assert!(
        gloss
            .analyses
            .iter()
            .any(|analysis| analysis.gloss.contains("mention")),
        "{:?}",
        gloss.analyses.iter().map(|a| &a.gloss).collect::<Vec<_>>()
    );
    harness.run();
    harness.get_by_label("Word gloss");
    harness
        .get_all_by_label("Add to notes")
        .next()
        .expect("a button per reading")
        .click();
    harness.run();
    let notes = harness.state().notes_of_open_article();
    assert_eq!(notes.len(), 1);
    let (_, note, placement) = &notes[0];
    assert!(
        note.text.contains(&gloss.analyses[0].gloss),
        "{}",
        note.text
    );
    let Placement::Span(_, range) = placement else {
        panic!("a note on the word: {placement:?}")
    };
    assert_eq!(range.end - range.start, "ذكر".len());
    harness.get_by_role_and_label(Role::Label, &note.text);
    assert!(
        harness.query_by_label("Word gloss").is_none(),
        "the card closed"
    );
}
