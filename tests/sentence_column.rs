//! A translation cut any other way than the article lands in the right rows: aligned
//! sentence by sentence off the frame, translator's notes shown where they fall, the
//! reader's sentence moves pinned in the sidecar and kept after a restart, old
//! sidecars with row fixes still read and kept, and typing does not align again.

mod common;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::model::translation::{MatchKind, RowFlag, SentencePin};
use hamish::store::{load_contents, read_version, sidecar_path};
use hamish::ui::translation::TranslationCommand;

const ARTICLE: &str = "003_2dd66c1bbdc4b7f0.txt";
const TRANSLATION: &str = "003_2dd66c1bbdc4b7f0.en.txt";

fn harness(path: PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1500.0, 1000.0));
    harness.run();
    harness
}

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/align/cases/003")
        .join(name)
}

/// The test set's gold for a case: each translation sentence with its section
/// (`None` for a sentence the article does not have).
fn gold(name: &str) -> Vec<(Option<usize>, String)> {
    std::fs::read_to_string(case(name).join("gold.tsv"))
        .expect("gold")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let (section, sentence) = line.split_once('\t')?;
            Some((section.parse().ok(), sentence.to_owned()))
        })
        .collect()
}

/// Sample 003 with `translation` as its English companion, in a temporary folder.
fn folder_with(translation: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::copy(common::samples().join(ARTICLE), folder.path().join(ARTICLE)).expect("article");
    std::fs::write(folder.path().join(TRANSLATION), translation).expect("translation");
    folder
}

/// The one-sentence-a-line case of the test set.
fn lines_case() -> String {
    std::fs::read_to_string(case("lines").join("translation.en.txt")).expect("case")
}

fn row_texts(harness: &Harness<'_, HamishApp>) -> Vec<Option<String>> {
    harness
        .state()
        .translation_of_open_article()
        .expect("a column")
        .rows
        .iter()
        .map(|row| row.cell.as_ref().map(|cell| cell.text.clone()))
        .collect()
}

/// The gold's sentences of each section, joined as the column joins sentences of
/// different lines.
fn expected_rows(gold: &[(Option<usize>, String)], sections: usize) -> Vec<Option<String>> {
    (0..sections)
        .map(|section| {
            let sentences: Vec<&str> = gold
                .iter()
                .filter(|(at, _)| *at == Some(section))
                .map(|(_, sentence)| sentence.as_str())
                .collect();
            (!sentences.is_empty()).then(|| sentences.join(" "))
        })
        .collect()
}

#[test]
fn one_sentence_a_line_shows_each_sentence_in_its_own_row() {
    let folder = folder_with(&lines_case());
    let harness = harness(folder.path().join(ARTICLE));
    let rows = row_texts(&harness);
    assert_eq!(rows.len(), 11);
    assert_eq!(rows, expected_rows(&gold("lines"), rows.len()));
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    for row in &column.rows {
        let cell = row
            .cell
            .as_ref()
            .expect("every section has its translation");
        assert_eq!(cell.how, Some(MatchKind::Sentences));
        assert!(!row.flags.contains(&RowFlag::CountMismatch), "{row:?}");
    }
    // Each row's sentence links are exact ranges of the row's text.
    let second = &column.rows[1];
    let text = &second.cell.as_ref().expect("cell").text;
    for link in &second.links {
        for range in &link.translation {
            assert!(text.get(range.clone()).is_some_and(|s| !s.is_empty()));
        }
    }
    // On screen: the label says where the text comes from and how it got there, and
    // the header says how the file was lined up.
    harness.get_by_role_and_label(Role::Label, rows[1].as_deref().expect("row 1"));
    assert!(
        !harness
            .query_all_by_label_contains("lined up sentence by sentence")
            .collect::<Vec<_>>()
            .is_empty()
    );
    assert!(
        harness
            .query_by_label_contains("the file may not line up")
            .is_none(),
        "nothing is reported as out of step"
    );
}

#[test]
fn a_title_the_article_does_not_have_is_shown_marked() {
    // The Markdown case of the test set: the translator added a title of their own.
    let title = "A translation for the Hamish project";
    assert_eq!(gold("title_md")[0], (None, title.to_owned()));
    let folder = tempfile::tempdir().expect("folder");
    std::fs::copy(common::samples().join(ARTICLE), folder.path().join(ARTICLE)).expect("article");
    std::fs::copy(
        case("title_md").join("translation.en.md"),
        folder.path().join("003_2dd66c1bbdc4b7f0.en.md"),
    )
    .expect("translation");
    let harness = harness(folder.path().join(ARTICLE));
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    assert_eq!(column.rows[0].notes, [title], "at the row where it falls");
    assert!(column.rows[1..].iter().all(|row| row.notes.is_empty()));
    assert!(
        row_texts(&harness)
            .iter()
            .flatten()
            .all(|text| !text.contains(title)),
        "the title is not passed off as a translation of the article"
    );
    let rows = row_texts(&harness);
    assert_eq!(rows, expected_rows(&gold("title_md"), rows.len()));
    harness.get_by_role_and_label(Role::Label, title);
    harness.get_by_label("Not in the article (a translator's note or a title):");
    harness.get_by_label_contains("1 not in the article");
}

#[test]
fn a_moved_sentence_is_pinned_and_survives_a_restart() {
    let folder = folder_with(&lines_case());
    let article = folder.path().join(ARTICLE);
    let gold = gold("lines");
    let mut first = harness(article.clone());
    let before = row_texts(&first);
    // Row 0 has two sentences: its last goes down to row 1.
    let moved = &gold[1].1;
    assert!(
        before[0]
            .as_deref()
            .is_some_and(|text| text.ends_with(moved.as_str()))
    );
    first
        .state_mut()
        .command(Command::Translation(TranslationCommand::MoveSentence {
            row: 0,
            to_next: true,
        }));
    first.run();
    let after = row_texts(&first);
    assert_eq!(after[0].as_deref(), Some(gold[0].1.as_str()));
    assert_eq!(
        after[1],
        Some(format!("{moved} {}", before[1].as_deref().expect("row 1"))),
        "the sentence opens the next row"
    );
    assert_eq!(after[2..], before[2..], "the rest lines up as before");
    drop(first);

    // A pin is the reader's: the file is version 3, which a build that would drop
    // the pins (one that knows only version 2) recognises as newer and never rewrites.
    let text = std::fs::read_to_string(sidecar_path(&article)).expect("a sidecar");
    assert_eq!(read_version(&text).expect("readable"), 3);
    let contents = load_contents(&sidecar_path(&article)).expect("a sidecar");
    let pins = &contents.translations.pins;
    assert_eq!(pins.len(), 1);
    assert_eq!(pins[0].file, TRANSLATION);
    assert_eq!(
        pins[0].pins,
        [SentencePin {
            article: 1,
            translation: 1
        }],
        "section 0 is one sentence: one article sentence with one translation sentence"
    );
    assert!(
        !contents.translations.sentence_cache.is_empty(),
        "the alignment is cached beside the pins"
    );

    let again = harness(article);
    assert_eq!(
        row_texts(&again),
        after,
        "the move is there after a restart"
    );
    assert_eq!(
        again.state().alignment_runs(),
        Some(1),
        "the cached alignment is read back, not made again (one row-by-row look only)"
    );
}

#[test]
fn typing_a_translation_does_not_align_again() {
    let folder = folder_with(&lines_case());
    let mut harness = harness(folder.path().join(ARTICLE));
    let runs = harness.state().alignment_runs().expect("translations");
    let first = row_texts(&harness)[0].clone().expect("row 0");
    harness.get_by_role_and_label(Role::Label, &first).click();
    harness.run();
    for text in ["ت", "ر", "ج", "م", "ة"] {
        harness.event(egui::Event::Text(text.to_owned()));
        harness.run();
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    assert!(
        column.rows[0]
            .cell
            .as_ref()
            .is_some_and(|cell| cell.text.ends_with("ترجمة")),
        "the reader's text is in"
    );
    assert_eq!(harness.state().alignment_runs(), Some(runs));
}

/// A version 2 sidecar as an earlier build wrote it: a reader's translation and a
/// row fix (Shift down) on a file that lacks its second paragraph.
fn old_sidecar(article: &Path, fingerprint: &str) -> String {
    let section = hamish::import::read_article(article)
        .expect("article")
        .sections[5]
        .clone();
    let anchor_text = serde_json::to_string(&section.text).expect("json");
    format!(
        r#"{{
  "format": "hamish-notes",
  "version": 2,
  "article": "{ARTICLE}",
  "notes": {{}},
  "translations": {{
    "reader": {{
      "en": {{
        "{id}": {{ "anchor": {{ "section": "{id}", "section_text": {anchor_text} }},
                   "text": "ترجمتي", "created_ms": 1, "modified_ms": 2 }}
      }}
    }},
    "fixes": [ {{ "file": "{TRANSLATION}", "language": "en", "fingerprint": "{fingerprint}",
                  "fixes": [ {{ "op": "shift_down", "row": 1 }} ] }} ]
  }}
}}"#,
        id = section.id,
    )
}

#[test]
fn an_old_sidecar_with_row_fixes_keeps_working_and_is_upgraded_without_loss() {
    let english: Vec<String> = std::fs::read_to_string(common::samples().join(TRANSLATION))
        .expect("translation")
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let mut shifted = english.clone();
    shifted.remove(1);
    let folder = folder_with(&shifted.join("\n"));
    let article = folder.path().join(ARTICLE);
    let file = hamish::import::translation::read_translation(
        &folder.path().join(TRANSLATION),
        hamish::model::translation::TranslationFormat::Aligned,
        Some("en"),
    )
    .expect("reads");
    let fingerprint = hamish::model::translation::segments_fingerprint(&file.files[0].segments);
    std::fs::write(sidecar_path(&article), old_sidecar(&article, &fingerprint)).expect("sidecar");

    let mut harness = harness(article.clone());
    let rows = row_texts(&harness);
    // The fix makes the file line up row by row, as it did for the build that wrote it.
    assert_eq!(rows[0].as_deref(), Some(english[0].as_str()));
    assert_eq!(rows[1], None);
    assert_eq!(rows[2].as_deref(), Some(english[2].as_str()));
    assert_eq!(rows[5].as_deref(), Some("ترجمتي"));
    // A change, so the sidecar is written again by this build.
    harness
        .state_mut()
        .command(Command::Translation(TranslationCommand::SetText(
            7,
            "سطري".to_owned(),
        )));
    harness.run();
    drop(harness);
    let text = std::fs::read_to_string(sidecar_path(&article)).expect("sidecar");
    assert_eq!(read_version(&text).expect("readable"), 2);
    let contents = load_contents(&sidecar_path(&article)).expect("loads");
    let fixes = &contents.translations.fixes;
    assert_eq!(fixes.len(), 1, "the fix is kept");
    assert_eq!(fixes[0].fingerprint, fingerprint);
    assert_eq!(
        fixes[0].fixes,
        [hamish::model::translation::AlignmentFix::ShiftDown { row: 1 }]
    );
    let reader = &contents.translations.reader["en"];
    assert!(reader.values().any(|entry| entry.text == "ترجمتي"));
    assert!(reader.values().any(|entry| entry.text == "سطري"));
}

#[test]
fn ctrl_shift_down_moves_the_cursor_rows_last_sentence_down() {
    let folder = folder_with(&lines_case());
    let mut harness = harness(folder.path().join(ARTICLE));
    let before = row_texts(&harness);
    // The first J puts the section cursor on row 0.
    harness.key_press(egui::Key::J);
    harness.run();
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::ArrowDown,
    );
    harness.run();
    let after = row_texts(&harness);
    assert_ne!(after[0], before[0], "row 0 gave its last sentence away");
    assert!(
        after[1]
            .as_deref()
            .is_some_and(|text| text.starts_with(&gold("lines")[1].1)),
        "{after:?}"
    );
    // And back up with Ctrl+Shift+Up from row 1.
    harness.key_press(egui::Key::J);
    harness.run();
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::ArrowUp,
    );
    harness.run();
    assert_eq!(row_texts(&harness), before);
}

#[test]
fn a_row_lined_up_by_sentence_offers_no_row_split() {
    let folder = folder_with(&lines_case());
    let mut harness = harness(folder.path().join(ARTICLE));
    let first = row_texts(&harness)[0].clone().expect("row 0");
    harness.get_by_role_and_label(Role::Label, &first).click();
    harness.run();
    assert!(
        harness.query_by_label("Split here").is_none(),
        "a row fix would name the file's lines, not these rows"
    );
}

#[test]
fn alt_click_pins_a_translation_sentence_to_the_cursors_sentence_kept_and_undone() {
    let folder = folder_with(&lines_case());
    let article = folder.path().join(ARTICLE);
    let gold = gold("lines");
    let mut first = harness(article.clone());
    let before = row_texts(&first);
    let row_1 = before[1].clone().expect("row 1");
    assert_eq!(row_1, format!("{} {}", gold[2].1, gold[3].1));
    // The sentence cursor onto section 2's first sentence: the first Alt+↓ lights
    // the first sentence of section 0, each further one the next sentence.
    let text = std::fs::read_to_string(&article).expect("article");
    let sections = hamish::import::parse_article(&text).sections;
    let before_section_2: usize = sections[..2]
        .iter()
        .map(|section| hamish::align::sentences(&section.text).len())
        .sum();
    for _ in 0..=before_section_2 {
        first.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
        first.run();
    }
    // Alt+click on row 1's translation: the sentence under the pointer goes with the
    // cursor's sentence, and so opens row 2.
    first
        .get_by_role_and_label(Role::Label, &row_1)
        .click_modifiers(egui::Modifiers::ALT);
    first.run();
    first.run();
    let after = row_texts(&first);
    assert!(
        first.query_by_role(Role::MultilineTextInput).is_none()
            && first.query_by_role(Role::TextInput).is_none(),
        "an Alt+click is no click to edit"
    );
    let moved = [&gold[2].1, &gold[3].1]
        .into_iter()
        .find(|sentence| {
            after[2]
                .as_deref()
                .is_some_and(|text| text.starts_with(sentence.as_str()))
        })
        .expect("row 2 opens with a sentence of row 1");
    assert!(
        after[1]
            .as_deref()
            .is_none_or(|text| !text.contains(moved.as_str())),
        "{after:?}"
    );
    assert_eq!(after[0], before[0], "the rows above stay");
    drop(first);

    let contents = load_contents(&sidecar_path(&article)).expect("a sidecar");
    assert_eq!(contents.translations.pins.len(), 1);
    assert_eq!(contents.translations.pins[0].pins.len(), 1);
    let text = std::fs::read_to_string(sidecar_path(&article)).expect("a sidecar");
    assert_eq!(read_version(&text).expect("readable"), 3);

    let mut again = harness(article.clone());
    assert_eq!(row_texts(&again), after, "the pin is there after a restart");
    // Translate ▸ Undo the last alignment fix (sentence move or pin).
    again.get_by_label("Translate").click();
    again.run();
    again
        .get_by_label("Undo the last alignment fix (sentence move or pin)")
        .click();
    again.run();
    again.run();
    assert_eq!(row_texts(&again), before, "undo takes the pin back");
    drop(again);
    let contents = load_contents(&sidecar_path(&article)).expect("a sidecar");
    assert!(
        contents
            .translations
            .pins
            .iter()
            .all(|pins| pins.pins.is_empty())
    );
}

#[test]
fn p_pins_the_translation_sentence_pointed_at_or_else_the_one_lit() {
    let folder = folder_with(&lines_case());
    let article = folder.path().join(ARTICLE);
    let gold = gold("lines");
    let mut harness = harness(article.clone());
    let before = row_texts(&harness);
    let row_1 = before[1].clone().expect("row 1");
    let text = std::fs::read_to_string(&article).expect("article");
    let sections = hamish::import::parse_article(&text).sections;
    let before_section_2: usize = sections[..2]
        .iter()
        .map(|section| hamish::align::sentences(&section.text).len())
        .sum();
    for _ in 0..=before_section_2 {
        harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
        harness.run();
    }
    // Nothing pointed at: P pins the sentence lit with the cursor's, which is where
    // it already is (the pin keeps it there whatever else moves).
    harness.key_press(egui::Key::P);
    harness.run();
    harness.run();
    assert_eq!(row_texts(&harness), before);
    // Pointing at row 1's translation: P takes the sentence under the pointer.
    harness.get_by_role_and_label(Role::Label, &row_1).hover();
    harness.run();
    harness.key_press(egui::Key::P);
    harness.run();
    harness.run();
    let after = row_texts(&harness);
    assert!(
        [&gold[2].1, &gold[3].1].into_iter().any(|sentence| {
            after[2]
                .as_deref()
                .is_some_and(|text| text.starts_with(sentence.as_str()))
        }),
        "row 2 opens with the sentence pointed at: {after:?}"
    );
    drop(harness);
    let contents = load_contents(&sidecar_path(&article)).expect("a sidecar");
    let pins = &contents.translations.pins;
    assert_eq!(pins.len(), 1);
    assert_eq!(pins[0].pins.len(), 2, "{pins:?}");
    assert_eq!(
        pins[0].pins[0],
        SentencePin {
            article: before_section_2,
            translation: 4
        },
        "the lit pair: section 2's first sentence with the file's fifth"
    );
}

/// Drags with the primary button from `from` to `to`, in steps, a frame each.
fn drag(harness: &mut Harness<'_, HamishApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(from));
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    for step in 1..=8 {
        harness.event(egui::Event::PointerMoved(from.lerp(to, step as f32 / 8.0)));
        harness.run();
    }
}

fn release(harness: &mut Harness<'_, HamishApp>, at: egui::Pos2) {
    harness.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    harness.run();
}

#[test]
fn dragging_a_sentence_onto_the_next_row_moves_it_there() {
    let folder = folder_with(&lines_case());
    let article = folder.path().join(ARTICLE);
    let gold = gold("lines");
    let mut harness = harness(article.clone());
    let before = row_texts(&harness);
    let row_0 = before[0].clone().expect("row 0");
    let row_1 = before[1].clone().expect("row 1");
    assert!(row_0.ends_with(gold[1].1.as_str()));
    // Row 0's last sentence ends its text: pressed on its last line.
    let from = harness.get_by_role_and_label(Role::Label, &row_0).rect();
    let from = egui::pos2(from.left() + 6.0, from.bottom() - 6.0);
    let to = harness
        .get_by_role_and_label(Role::Label, &row_1)
        .rect()
        .center();
    drag(&mut harness, from, to);
    assert_eq!(row_texts(&harness), before, "nothing moves before the drop");
    release(&mut harness, to);
    let after = row_texts(&harness);
    assert_eq!(after[0].as_deref(), Some(gold[0].1.as_str()), "{after:?}");
    assert_eq!(after[1], Some(format!("{} {row_1}", gold[1].1)));
    assert_eq!(after[2..], before[2..]);
    assert!(
        harness.query_by_role(Role::MultilineTextInput).is_none()
            && harness.query_by_role(Role::TextInput).is_none(),
        "a drag is no click to edit"
    );
}

#[test]
fn dragging_a_sentence_onto_an_article_sentence_pins_it_there() {
    let folder = folder_with(&lines_case());
    let article = folder.path().join(ARTICLE);
    let gold = gold("lines");
    let mut harness = harness(article.clone());
    let before = row_texts(&harness);
    let row_0 = before[0].clone().expect("row 0");
    let from = harness.get_by_role_and_label(Role::Label, &row_0).rect();
    let from = egui::pos2(from.left() + 6.0, from.bottom() - 6.0);
    // Onto the Arabic of section 1, the next row (one sentence).
    let text = std::fs::read_to_string(&article).expect("article");
    let section_1 = hamish::import::parse_article(&text).sections[1]
        .text
        .clone();
    let to = harness
        .get_by_role_and_label(Role::Label, &section_1)
        .rect()
        .center();
    drag(&mut harness, from, to);
    release(&mut harness, to);
    let after = row_texts(&harness);
    let moved = gold[1].1.as_str();
    assert_eq!(after[0].as_deref(), Some(gold[0].1.as_str()), "{after:?}");
    assert!(
        after[1]
            .as_deref()
            .is_some_and(|text| text.starts_with(moved)),
        "the sentence goes with section 1's sentence: {after:?}"
    );
}
