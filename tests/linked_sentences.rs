//! Linked sentences: pointing at a sentence of the article lights it and its English,
//! pointing at an English sentence lights it and its Arabic, in every layout of the
//! bilingual page; Alt+↓ / Alt+↑ move a sentence cursor that lights both sides, that
//! the section cursor follows, and that a long article keeps in view.

mod common;

use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::ui::LinkedShown;

const ARTICLE: &str = "003_2dd66c1bbdc4b7f0.txt";
const TRANSLATION: &str = "003_2dd66c1bbdc4b7f0.en.txt";

/// Row 3 of sample 003 has two sentences on each side, each the other's translation.
const ROW: usize = 3;

/// Sample 003 with its English translation in a temporary folder.
fn folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    for name in [ARTICLE, TRANSLATION] {
        std::fs::copy(common::samples().join(name), folder.path().join(name)).expect("copy");
    }
    folder
}

fn harness_at(width: f32, folder: &std::path::Path) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.join(ARTICLE)),
    );
    let mut harness = common::app_harness(app, vec2(width, 820.0));
    harness.run();
    harness
}

/// Line `line` (from 1) of a file of the folder.
fn line_of(folder: &std::path::Path, name: &str, line: usize) -> String {
    std::fs::read_to_string(folder.join(name))
        .expect("sample")
        .lines()
        .nth(line - 1)
        .expect("line")
        .trim()
        .to_owned()
}

fn lit(harness: &Harness<'_, HamishApp>) -> LinkedShown {
    harness
        .state()
        .linked_sentences()
        .expect("an article is open")
}

/// The lit text of row `row` on each side.
fn lit_texts(
    harness: &Harness<'_, HamishApp>,
    folder: &std::path::Path,
    row: usize,
) -> (Vec<String>, Vec<String>) {
    let shown = lit(harness);
    let arabic = line_of(folder, ARTICLE, row + 1);
    let english = line_of(folder, TRANSLATION, row + 1);
    let pick = |spans: &[(usize, std::ops::Range<usize>)], text: &str| {
        spans
            .iter()
            .filter(|(at, _)| *at == row)
            .map(|(_, range)| text[range.clone()].to_owned())
            .collect::<Vec<_>>()
    };
    (
        pick(&shown.article, &arabic),
        pick(&shown.translation, &english),
    )
}

/// Points at the first or the last line of the text drawn for `text` (a section or
/// its translation).
fn point_at(harness: &mut Harness<'_, HamishApp>, text: &str, last_line: bool) {
    let rect = harness.get_by_label(text).rect();
    let y = if last_line {
        rect.bottom() - 8.0
    } else {
        rect.top() + 8.0
    };
    harness.hover_at(Pos2::new(rect.center().x, y));
    harness.run();
}

fn set_layout(harness: &mut Harness<'_, HamishApp>, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, key);
    harness.run();
}

/// Scrolls row `row` into view with the section cursor.
fn cursor_to(harness: &mut Harness<'_, HamishApp>, row: usize) {
    for _ in 0..=row {
        harness.key_press(Key::ArrowDown);
        harness.run();
    }
}

#[test]
fn pointing_at_a_sentence_lights_its_counterpart_in_each_layout() {
    let folder = folder();
    let arabic = line_of(folder.path(), ARTICLE, ROW + 1);
    let english = line_of(folder.path(), TRANSLATION, ROW + 1);
    // Side by side at 1280, interleaved by choice, and the narrow page at 500.
    for (width, layout) in [(1280.0, Key::Num1), (1280.0, Key::Num2), (500.0, Key::Num1)] {
        let mut harness = harness_at(width, folder.path());
        set_layout(&mut harness, layout);
        cursor_to(&mut harness, ROW);
        assert_eq!(lit(&harness), LinkedShown::default(), "nothing lit yet");

        // The second Arabic sentence (the section's last line): it and its English.
        point_at(&mut harness, &arabic, true);
        let (lit_arabic, lit_english) = lit_texts(&harness, folder.path(), ROW);
        assert_eq!(lit_arabic.len(), 1, "{width} {layout:?}: {lit_arabic:?}");
        assert!(lit_arabic[0].starts_with("ولفتت وزارة"), "{lit_arabic:?}");
        assert_eq!(lit_english.len(), 1, "{lit_english:?}");
        assert!(
            lit_english[0].starts_with("The Russian Foreign"),
            "{lit_english:?}"
        );

        // The first English sentence: it and the first Arabic one.
        point_at(&mut harness, &english, false);
        let (lit_arabic, lit_english) = lit_texts(&harness, folder.path(), ROW);
        assert!(
            lit_english[0].starts_with("A joint meeting"),
            "{lit_english:?}"
        );
        assert!(lit_arabic[0].starts_with("كما عُقد"), "{lit_arabic:?}");

        // Away from the text: nothing is lit.
        harness.hover_at(Pos2::new(2.0, 400.0));
        harness.run();
        assert_eq!(lit(&harness), LinkedShown::default());
    }
}

#[test]
fn alt_down_moves_the_sentence_cursor_and_both_sides_follow() {
    let folder = folder();
    let mut harness = harness_at(1280.0, folder.path());
    harness.hover_at(Pos2::new(2.0, 400.0));
    harness.run();
    let mut seen = Vec::new();
    for _ in 0..6 {
        harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
        harness.run();
        let cursor = harness
            .state()
            .sentence_cursor()
            .expect("a sentence cursor");
        assert_eq!(
            harness.state().section_cursor(),
            Some(cursor.row),
            "j/k follows"
        );
        let (arabic, english) = lit_texts(&harness, folder.path(), cursor.row);
        assert_eq!(arabic.len(), 1, "{cursor:?}: {arabic:?}");
        assert!(!english.is_empty(), "{cursor:?}: its English is lit too");
        seen.push((
            cursor.row,
            cursor.sentence,
            arabic[0].clone(),
            english.join(" "),
        ));
    }
    let rows: Vec<(usize, usize)> = seen
        .iter()
        .map(|(row, sentence, ..)| (*row, *sentence))
        .collect();
    assert_eq!(rows, [(0, 0), (1, 0), (2, 0), (3, 0), (3, 1), (4, 0)]);
    // Row 3's two sentences light their own English each.
    assert!(seen[3].3.starts_with("A joint meeting") && !seen[3].3.contains("The Russian Foreign"));
    assert!(seen[4].3.starts_with("The Russian Foreign"));
    // Back up: the previous sentence.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    let cursor = harness
        .state()
        .sentence_cursor()
        .expect("a sentence cursor");
    assert_eq!((cursor.row, cursor.sentence), (3, 1));
    // Plain ↓ still moves the section cursor, not the sentence cursor.
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().section_cursor(), Some(4));
    assert_eq!(harness.state().sentence_cursor(), Some(cursor));
    // The pointer lights its own sentence in place of the cursor's, one pair at a
    // time; away from the text, the cursor's is lit again.
    let english = line_of(folder.path(), TRANSLATION, ROW + 1);
    point_at(&mut harness, &english, false);
    let (_, lit_english) = lit_texts(&harness, folder.path(), ROW);
    assert_eq!(lit_english.len(), 1, "{lit_english:?}");
    assert!(
        lit_english[0].starts_with("A joint meeting"),
        "{lit_english:?}"
    );
    harness.hover_at(Pos2::new(2.0, 400.0));
    harness.run();
    let (_, lit_english) = lit_texts(&harness, folder.path(), ROW);
    assert!(
        lit_english[0].starts_with("The Russian Foreign"),
        "{lit_english:?}"
    );
}

#[test]
fn the_translation_alone_and_the_article_alone_do_not_break() {
    let folder = folder();
    let mut harness = harness_at(1280.0, folder.path());
    harness.hover_at(Pos2::new(2.0, 400.0));
    set_layout(&mut harness, Key::Num3);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    let shown = lit(&harness);
    assert_eq!(
        shown.article.len(),
        1,
        "the sentence is lit in the article alone"
    );
    assert!(shown.translation.is_empty(), "no translation on the page");
    set_layout(&mut harness, Key::Num4);
    let english = line_of(folder.path(), TRANSLATION, 1);
    point_at(&mut harness, &english, false);
    let shown = lit(&harness);
    assert!(!shown.translation.is_empty(), "{shown:?}");
    assert!(shown.article.is_empty(), "the article is not on the page");
}

/// An article of `sections` rows of `pairs` × two sentences each, with an English
/// line each.
fn long_folder(sections: usize, pairs: usize) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    let mut arabic = String::new();
    let mut english = String::new();
    for index in 0..sections {
        for pair in 0..pairs {
            arabic.push_str(&format!(
                "قال المتحدث في اليوم {index} إن الاجتماع {pair} سيعقد في المدينة القديمة صباحا. وأضاف أن الوفود ستصل قبل ذلك بيومين على الأقل. "
            ));
            english.push_str(&format!(
                "The spokesman said on day {index} that meeting {pair} will be held in the old city in the morning. He added that the delegations will arrive at least two days before. "
            ));
        }
        arabic.push('\n');
        english.push('\n');
    }
    std::fs::write(folder.path().join("long.txt"), arabic).expect("article");
    std::fs::write(folder.path().join("long.en.txt"), english).expect("translation");
    folder
}

#[test]
fn a_long_article_keeps_the_counterpart_in_view() {
    let folder = long_folder(120, 1);
    for layout in [Key::Num1, Key::Num2] {
        let app = HamishApp::new(
            Preferences::default(),
            ReadingState::default(),
            Some(folder.path().join("long.txt")),
        );
        let mut harness = common::app_harness(app, vec2(1000.0, 600.0));
        harness.run();
        set_layout(&mut harness, layout);
        harness.hover_at(Pos2::new(2.0, 300.0));
        harness.run();
        for _ in 0..60 {
            harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
            harness.run();
        }
        let cursor = harness.state().sentence_cursor().expect("cursor");
        assert_eq!((cursor.row, cursor.sentence), (29, 1));
        let page = harness.state().page_shown().expect("page");
        let view = page.article.expect("article");
        // Both lit sentences are drawn, and within the view.
        let day = "on day 29 that meeting 0";
        let english = harness.get_by_label_contains(day).rect();
        let arabic = harness.get_by_label_contains("في اليوم 29 ").rect();
        for (what, rect) in [("english", english), ("arabic", arabic)] {
            assert!(
                rect.top() >= view.top() - 1.0 && rect.bottom() <= view.bottom() + 1.0,
                "{layout:?}: the {what} is out of view: {rect:?} in {view:?}"
            );
        }
        let shown = lit(&harness);
        assert!(shown.article.iter().all(|(row, _)| *row == 29), "{shown:?}");
        assert!(
            shown.translation.iter().any(|(row, _)| *row == 29),
            "{shown:?}"
        );
    }
}

#[test]
fn a_row_taller_than_the_view_scrolls_to_the_lit_sentences() {
    // Interleaved, a row of 40 sentences and their English is some screens tall: the
    // English of a sentence far down is far below the row's top.
    let folder = long_folder(3, 20);
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(folder.path().join("long.txt")),
    );
    let mut harness = common::app_harness(app, vec2(1000.0, 600.0));
    harness.run();
    set_layout(&mut harness, Key::Num2);
    harness.hover_at(Pos2::new(2.0, 300.0));
    harness.run();
    for _ in 0..(40 + 36) {
        harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
        harness.run();
    }
    let cursor = harness.state().sentence_cursor().expect("cursor");
    assert_eq!((cursor.row, cursor.sentence), (1, 35));
    let lit_english = harness
        .state()
        .linked_sentences()
        .expect("open")
        .translation;
    assert_eq!(lit_english.len(), 1, "{lit_english:?}");
    // Where the lit English is: its row's text, cut at the lit range, is drawn in
    // lines; the lit sentence is at a fraction of the row's English this far down.
    let view = harness
        .state()
        .page_shown()
        .expect("page")
        .article
        .expect("article");
    let english = harness
        .get_by_label_contains("on day 1 that meeting 0 ")
        .rect();
    let text_len = std::fs::read_to_string(folder.path().join("long.en.txt"))
        .expect("english")
        .lines()
        .nth(1)
        .expect("row 1")
        .len() as f32;
    let (_, range) = &lit_english[0];
    let y = english.top() + english.height() * (range.start as f32 / text_len);
    assert!(
        y >= view.top() && y <= view.bottom(),
        "the lit English (about y = {y}) is out of the view {view:?}"
    );
}

#[test]
fn sample_003_interleaved_in_a_narrow_window_keeps_each_lit_english_in_view() {
    // Rows whose heights are only estimated until drawn: the view must follow the
    // sentences as they are drawn, not as they were estimated.
    let folder = folder();
    let mut harness = harness_at(700.0, folder.path());
    set_layout(&mut harness, Key::Num2);
    harness.hover_at(Pos2::new(2.0, 400.0));
    harness.run();
    let english: Vec<String> = (1..=11)
        .map(|line| line_of(folder.path(), TRANSLATION, line))
        .collect();
    for _ in 0..12 {
        harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
        harness.run();
        let cursor = harness.state().sentence_cursor().expect("cursor");
        let view = harness
            .state()
            .page_shown()
            .expect("page")
            .article
            .expect("article");
        let shown = lit(&harness);
        let text = &english[cursor.row];
        let rect = harness.get_by_label(text).rect();
        for (_, range) in shown
            .translation
            .iter()
            .filter(|(row, _)| *row == cursor.row)
        {
            // The lit sentence's last line, as a share of the paragraph's height.
            let y = rect.top() + rect.height() * (range.end as f32 / text.len() as f32);
            assert!(
                y <= view.bottom() + 1.0 && y >= view.top(),
                "{cursor:?}: the lit English ends at about {y}, out of {view:?}"
            );
        }
    }
}

#[test]
fn clicking_an_arabic_sentence_leaves_the_sentence_cursor_on_it() {
    let folder = folder();
    let mut harness = harness_at(1280.0, folder.path());
    cursor_to(&mut harness, ROW);
    let arabic = line_of(folder.path(), ARTICLE, ROW + 1);
    let rect = harness.get_by_label(&arabic).rect();
    let point = Pos2::new(rect.center().x, rect.bottom() - 8.0);
    harness.hover_at(point);
    harness.step();
    harness.drag_at(point);
    harness.step();
    harness.drop_at(point);
    harness.run();
    let cursor = harness
        .state()
        .sentence_cursor()
        .expect("placed by the click");
    assert_eq!((cursor.row, cursor.sentence), (ROW, 1));
    // Alt+↓ goes on from there.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    let cursor = harness.state().sentence_cursor().expect("cursor");
    assert_eq!((cursor.row, cursor.sentence), (ROW + 1, 0));
}

/// The live regions' messages, as a screen reader would announce them.
fn live_messages(harness: &Harness<'_, HamishApp>) -> Vec<String> {
    use egui::accesskit::{Live, Role};
    use egui_kittest::kittest::NodeT as _;
    harness
        .query_all_by_role(Role::Status)
        .filter(|node| node.accesskit_node().live() == Live::Polite)
        .filter_map(|node| node.accesskit_node().label())
        .collect()
}

#[test]
fn a_screen_reader_is_told_the_cursors_sentence_and_its_english() {
    let folder = folder();
    let mut harness = harness_at(1280.0, folder.path());
    harness.run();
    assert!(
        !live_messages(&harness)
            .iter()
            .any(|said| said.contains('\n')),
        "nothing said before the cursor moves"
    );
    for _ in 0..5 {
        harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
        harness.run();
    }
    // Row 3's second sentence: said in Arabic, then its own English only.
    let (arabic, english) = lit_texts(&harness, folder.path(), ROW);
    let expected = format!("{}\n{}", arabic.join(" ").trim(), english.join(" ").trim());
    let said = live_messages(&harness);
    assert!(said.contains(&expected), "{said:?}\nexpected {expected:?}");
    assert!(expected.contains("The Russian Foreign"), "{expected}");
}
