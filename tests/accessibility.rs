//! What a screen reader gets, checked through the AccessKit tree (the same tree the
//! platform adapters turn into AT-SPI, UI Automation or NSAccessibility): the text
//! of sections and editors as text runs, with the caret; the focus following the
//! section cursor; messages as a live region; names, roles and languages.
//! `tests/screen_reader.rs` checks the same against the real AT-SPI bus.

mod common;

use std::path::PathBuf;

use egui::accesskit::{Live, Role};
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT as _, Queryable as _};
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::export::ExportFormat;
use unicode_segmentation::UnicodeSegmentation as _;

/// A copy of sample 003 in a temporary folder, so notes can be written.
fn article() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("003_2dd66c1bbdc4b7f0.txt");
    std::fs::copy(common::samples().join("003_2dd66c1bbdc4b7f0.txt"), &path).expect("copy");
    std::fs::copy(
        common::samples().join("003_2dd66c1bbdc4b7f0.en.txt"),
        folder.path().join("003_2dd66c1bbdc4b7f0.en.txt"),
    )
    .expect("copy the translation");
    (folder, path)
}

fn harness(path: PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path))
        .without_system_dialogs();
    let mut harness = common::app_harness(app, vec2(1400.0, 900.0));
    harness.run();
    harness
}

fn sections(harness: &Harness<'_, HamishApp>) -> Vec<String> {
    harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections
        .iter()
        .map(|section| section.text.clone())
        .collect()
}

/// The text a node gives through its text runs, as a screen reader reads it.
fn text_of(node: &AccessKitNode<'_>) -> Option<String> {
    node.supports_text_ranges()
        .then(|| node.document_range().text())
}

/// How many words a screen reader moving word by word finds in a node's text.
fn words_of(node: &AccessKitNode<'_>) -> usize {
    let mut position = node.document_start();
    let mut words = 0;
    while !position.is_document_end() {
        let next = position.forward_to_word_end();
        if next == position {
            break;
        }
        let range_text = {
            let mut range = position.to_degenerate_range();
            range.set_end(next);
            range.text()
        };
        if range_text.chars().any(char::is_alphanumeric) {
            words += 1;
        }
        position = next;
    }
    words
}

/// The caret of an editor node, in characters from the start of its text.
fn caret_of(node: &AccessKitNode<'_>) -> Option<usize> {
    let selection = node.text_selection()?;
    Some(selection.end().to_global_usv_index())
}

fn type_text(harness: &mut Harness<'_, HamishApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

fn press(harness: &mut Harness<'_, HamishApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

#[test]
fn a_section_is_exposed_as_text_whole_in_order_word_by_word_and_in_arabic() {
    let (_folder, path) = article();
    let harness = harness(path);
    let first = sections(&harness).remove(0);
    let node = harness.get_by_role_and_label(Role::Label, &first);
    let node = node.accesskit_node();
    assert_eq!(text_of(&node).as_deref(), Some(first.as_str()));
    assert_eq!(words_of(&node), first.unicode_words().count());
    assert_eq!(node.data().language(), Some("ar"));
}

#[test]
fn a_note_editor_exposes_what_is_typed_and_where_the_caret_is() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    common::point_at_first_row(&mut harness);
    harness.get_by_label("+ Note").click();
    harness.run();
    type_text(&mut harness, "اول");
    type_text(&mut harness, " note");
    let check = |harness: &Harness<'_, HamishApp>, text: &str, caret: usize| {
        let field = harness.get_by_role_and_label(Role::MultilineTextInput, "Write a note");
        let field = field.accesskit_node();
        assert_eq!(text_of(&field).as_deref(), Some(text));
        assert_eq!(caret_of(&field), Some(caret), "caret in {text:?}");
        assert!(field.is_focused(), "the editor has the focus");
    };
    check(&harness, "اول note", 8);
    press(&mut harness, Key::Backspace);
    check(&harness, "اول not", 7);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.run();
    check(&harness, "اول not", 0);
    // A selection: its anchor and its focus.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::End);
    harness.run();
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "Write a note");
    let field = field.accesskit_node();
    let selection = field.text_selection().expect("selection");
    assert_eq!(selection.text(), "اول not");
}

#[test]
fn the_section_cursor_takes_the_focus_and_j_moves_it_on() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    let sections = sections(&harness);
    let focused = |harness: &Harness<'_, HamishApp>| {
        harness
            .query_all_by_role(Role::Label)
            .find(|node| node.accesskit_node().is_focused())
            .and_then(|node| node.accesskit_node().value())
    };
    assert_eq!(focused(&harness), None);
    press(&mut harness, Key::ArrowDown);
    assert_eq!(harness.state().section_cursor(), Some(0));
    assert_eq!(focused(&harness).as_deref(), Some(sections[0].as_str()));
    press(&mut harness, Key::J);
    assert_eq!(harness.state().section_cursor(), Some(1));
    assert_eq!(focused(&harness).as_deref(), Some(sections[1].as_str()));
    // The focus on a section takes no keys: j still moves on, and typing is not.
    press(&mut harness, Key::ArrowDown);
    assert_eq!(harness.state().section_cursor(), Some(2));
    assert_eq!(focused(&harness).as_deref(), Some(sections[2].as_str()));
}

#[test]
fn a_saved_message_is_a_live_region() {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::copy(
        common::samples().join("003_2dd66c1bbdc4b7f0.txt"),
        folder.path().join("003.txt"),
    )
    .expect("copy");
    let mut harness = harness(folder.path().join("003.txt"));
    harness
        .state_mut()
        .command(Command::ExportNotes(ExportFormat::Markdown));
    harness.run();
    let target = folder.path().join("notes.md");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    // The path field is an editor like the others.
    type_text(&mut harness, &target.display().to_string());
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "Path");
    assert_eq!(
        text_of(&field.accesskit_node()),
        Some(target.display().to_string())
    );
    type_text(&mut harness, "\n");
    harness.run();
    let live: Vec<String> = harness
        .query_all_by_role(Role::Status)
        .filter(|node| node.accesskit_node().live() == Live::Polite)
        .filter_map(|node| node.accesskit_node().label())
        .collect();
    assert_eq!(live, [format!("Saved: {}", target.display())]);
}

#[test]
fn the_window_is_named_after_the_article() {
    let (_folder, path) = article();
    let harness = harness(path);
    let root = harness.root();
    let name = root.accesskit_node().label().unwrap_or_default();
    let title = harness
        .state()
        .library()
        .and_then(|library| {
            library
                .entries
                .first()
                .map(|entry| entry.label().into_owned())
        })
        .expect("listed");
    assert_eq!(name, format!("{title} — Hamish"));
}

#[test]
fn a_translation_is_edited_through_a_named_button_and_read_in_english() {
    let (_folder, path) = article();
    let harness = harness(path);
    harness.get_by_role_and_label(Role::Button, "Edit the translation of section 1");
    let unknown: Vec<Option<String>> = harness
        .query_all_by_role(Role::Unknown)
        .map(|node| node.accesskit_node().label())
        .collect();
    assert!(unknown.is_empty(), "nodes without a role: {unknown:?}");
    harness.get_by_role_and_label(
        Role::Splitter,
        "Divider between the article and the translation",
    );
    let english = harness
        .query_all_by_role(Role::Label)
        .filter(|node| node.accesskit_node().data().language() == Some("en"))
        .count();
    assert!(english > 0, "the translations are read in English");
}

/// The live regions' messages, as a screen reader would announce them.
fn live_messages(harness: &Harness<'_, HamishApp>) -> Vec<String> {
    harness
        .query_all_by_role(Role::Status)
        .filter(|node| node.accesskit_node().live() == Live::Polite)
        .filter_map(|node| node.accesskit_node().label())
        .collect()
}

#[test]
fn the_shortcut_sheet_is_announced_when_it_opens() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    assert!(
        !live_messages(&harness)
            .iter()
            .any(|message| message.starts_with("Keyboard shortcuts")),
        "nothing before F1"
    );
    press(&mut harness, Key::F1);
    let messages = live_messages(&harness);
    assert!(
        messages
            .iter()
            .any(|message| message.starts_with("Keyboard shortcuts: ")),
        "{messages:?}"
    );
}

#[test]
fn what_a_search_found_is_announced_while_the_focus_stays_in_the_field() {
    let (_folder, path) = article();
    let mut harness = harness(path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    type_text(&mut harness, "الروسي");
    for _ in 0..20 {
        harness.run();
    }
    let messages = live_messages(&harness);
    assert!(
        messages.iter().any(|message| message.ends_with("matches")),
        "{messages:?}"
    );
    let field = harness
        .query_all_by_role(Role::MultilineTextInput)
        .find(|node| node.accesskit_node().is_focused())
        .expect("the search field keeps the focus");
    assert_eq!(text_of(&field.accesskit_node()).as_deref(), Some("الروسي"));
}

#[test]
fn the_gloss_card_is_announced_with_the_word_and_its_first_reading() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    std::fs::copy(common::samples().join("001_d7cff7a3069428f0.txt"), &article).expect("copy");
    let mut harness = harness(article);
    // The paragraph starts with «ذكر موقع IA 24.KG»: its first word is at its right edge.
    let paragraph = common::sample_line("001", 11);
    let rect = harness
        .get_by_role_and_label(Role::Label, &paragraph)
        .rect();
    let word = egui::Pos2::new(rect.right() - 12.0, rect.top() + 15.0);
    harness.hover_at(word);
    harness.step();
    for pressed in [true, false] {
        let event = egui::Event::PointerButton {
            pos: word,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::ALT,
        };
        harness.event_modifiers(event, Modifiers::ALT);
        harness.step();
    }
    let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while harness.state().gloss_on_card().is_none() && std::time::Instant::now() < until {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
    let gloss = harness.state().gloss_on_card().expect("a gloss").clone();
    let first = &gloss.analyses.first().expect("a reading").gloss;
    let messages = live_messages(&harness);
    assert!(
        messages
            .iter()
            .any(|message| message.starts_with(&format!("Word gloss: ذكر: {first}"))),
        "{messages:?}"
    );
}

#[test]
fn sections_scrolled_out_of_view_are_not_shown_to_a_screen_reader() {
    let (_folder, path) = article();
    let harness = harness(path);
    let sections = sections(&harness);
    let exposed = |text: &str| {
        harness
            .query_all_by_role(Role::Label)
            .filter(|node| node.accesskit_node().value().as_deref() == Some(text))
            .map(|node| node.accesskit_node().is_hidden())
            .collect::<Vec<bool>>()
    };
    assert_eq!(exposed(&sections[0]), [false], "on screen");
    let last = sections.last().expect("sections");
    assert!(
        exposed(last).iter().all(|hidden| *hidden),
        "the last section is far below the window: {:?}",
        exposed(last)
    );
    // Laid out ahead of the scroll, some off-screen sections are in the tree: hidden.
    let hidden = sections
        .iter()
        .filter(|text| exposed(text) == [true])
        .count();
    assert!(hidden > 0, "no hidden section");
}
