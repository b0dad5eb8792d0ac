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

/// Alt+clicks the point `word` and waits for the card's analyses.
fn open_card(harness: &mut Harness<'_, HamishApp>, word: Pos2) {
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
    let until = Instant::now() + Duration::from_secs(60);
    while harness.state().gloss_on_card().is_none() && Instant::now() < until {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(harness.state().gloss_on_card().is_some(), "the card opened");
    harness.run();
}

#[test]
fn the_card_stands_clear_of_the_words_line_and_names_its_parts() {
    for width in [700.0, 1280.0] {
        let folder = tempfile::tempdir().expect("folder");
        let article = folder.path().join("003.txt");
        std::fs::copy(common::samples().join("003_2dd66c1bbdc4b7f0.txt"), &article).expect("copy");
        let app = HamishApp::new(
            Preferences::default(),
            ReadingState::default(),
            Some(article),
        );
        let mut harness: Harness<'_, HamishApp> = common::app_harness(app, vec2(width, 820.0));
        harness.run();
        let paragraph = common::sample_line("003", 1);
        let rect = harness
            .get_by_role_and_label(Role::Label, &paragraph)
            .rect();
        // The first word, «أعلنت», at the right end of the first line.
        let word = Pos2::new(rect.right() - 14.0, rect.top() + 14.0);
        open_card(&mut harness, word);
        let title = harness.get_by_label("Word gloss").rect();
        let card = harness
            .ctx
            .memory(|memory| memory.area_rect(egui::Id::unique("hamish-gloss-card")))
            .expect("the card is drawn");
        assert!(card.contains(title.center()), "{card:?} holds its title");
        // The word's line: the paragraph's first line, across the whole window.
        let line_height = 30.0;
        let line = egui::Rect::from_x_y_ranges(
            egui::Rangef::new(0.0, width),
            egui::Rangef::new(rect.top(), rect.top() + line_height),
        );
        assert!(
            !card.intersects(line),
            "at {width}: {card:?} covers the line {line:?}"
        );
        let window = egui::Rect::from_min_size(Pos2::ZERO, vec2(width, 820.0));
        assert!(
            window.contains_rect(card),
            "at {width}: {card:?} is inside the window"
        );
        // Parts in plain words; the tags only on request.
        harness
            .get_all_by_label("stem")
            .next()
            .expect("the stem is named");
        let gloss = harness.state().gloss_on_card().expect("analyses").clone();
        let tags = format!(
            "{} · lemma {} · {}",
            gloss.analyses[0].buckwalter, gloss.analyses[0].lemma, gloss.analyses[0].pos
        );
        assert!(
            harness.query_by_label(&tags).is_none(),
            "tags hidden at first"
        );
        harness
            .get_all_by_label("Technical tags")
            .next()
            .expect("a disclosure per reading")
            .click();
        harness.run();
        harness.get_by_label(&tags);
    }
}
