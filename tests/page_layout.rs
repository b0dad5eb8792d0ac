//! The bilingual page: side by side the article and its translation share the width
//! evenly at every window size, nothing of one column runs into the other, the row's
//! actions appear only on the row pointed at or under the cursor, a narrow window
//! interleaves and widens back, and the layout and the divider outlive a restart.

mod common;

use egui::accesskit::Role;
use egui::{Modifiers, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::ui::notes::NoteCommand;
use hamish::ui::{ColumnsShown, Layout, PageLayout};

const ARTICLE: &str = "003_2dd66c1bbdc4b7f0.txt";
const TRANSLATION: &str = "003_2dd66c1bbdc4b7f0.en.txt";
/// An article without any translation.
const UNTRANSLATED: &str = "001_d7cff7a3069428f0.txt";

/// The window widths of the issue.
const WIDTHS: [f32; 5] = [600.0, 700.0, 900.0, 1280.0, 1920.0];

/// Seed 003 with its English translation, and 001 alone, in a temporary folder.
fn folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    for name in [ARTICLE, TRANSLATION, UNTRANSLATED] {
        std::fs::copy(common::samples().join(name), folder.path().join(name)).expect("copy");
    }
    folder
}

fn harness_at(
    width: f32,
    path: std::path::PathBuf,
    reading: ReadingState,
) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), reading, Some(path));
    let mut harness = common::app_harness(app, vec2(width, 820.0));
    harness.run();
    harness
}

fn shown(harness: &Harness<'_, HamishApp>) -> ColumnsShown {
    harness.state().page_shown().expect("an article is shown")
}

/// Every widget drawn over the reading view that reaches into both columns, by label.
fn widgets_across_columns(harness: &Harness<'_, HamishApp>, columns: ColumnsShown) -> Vec<String> {
    let (Some(article), Some(translation)) = (columns.article, columns.translation) else {
        return Vec::new();
    };
    if article == translation {
        // Interleaved: one column.
        return Vec::new();
    }
    let reaches = |rect: Rect, column: Rect| {
        rect.right() > column.left() + 1.0 && rect.left() < column.right() - 1.0
    };
    harness
        .query_all_by(|_| true)
        .filter(|node| node.accesskit_node().bounding_box().is_some())
        .filter(|node| {
            let rect = node.rect();
            rect.is_positive()
                && rect.top() >= article.top()
                && rect.bottom() <= article.bottom()
                // The view itself and its scroll area hold both columns.
                && rect.width() < article.width() + translation.width()
                && reaches(rect, article)
                && reaches(rect, translation)
        })
        .map(|node| {
            let node = node.accesskit_node();
            format!("{:?} {:?}", node.role(), node.label())
        })
        .collect()
}

#[test]
fn side_by_side_the_texts_share_the_width_evenly_and_stay_in_their_columns() {
    let folder = folder();
    for width in WIDTHS {
        let mut harness = harness_at(width, folder.path().join(ARTICLE), ReadingState::default());
        // A note open under the first section, and the row actions of the second.
        harness
            .state_mut()
            .command(Command::Notes(NoteCommand::AddToSection(1)));
        harness.run();
        harness.key_press(egui::Key::Escape);
        harness.run();
        harness.key_press(egui::Key::J);
        harness.run();
        let columns = shown(&harness);
        if width < 700.0 {
            assert_eq!(columns.layout, Layout::Interleaved, "at {width} px");
            assert_eq!(
                columns.article, columns.translation,
                "one column at {width} px"
            );
            continue;
        }
        assert_eq!(columns.layout, Layout::SideBySide, "at {width} px");
        let article = columns.article.expect("article").width();
        let translation = columns.translation.expect("translation").width();
        assert!(
            (article - translation).abs() <= 0.1 * article.max(translation),
            "at {width} px: article {article}, translation {translation}"
        );
        // The translation is after the article in its reading direction: left of it.
        assert!(
            columns.translation.expect("translation").right()
                < columns.article.expect("article").left()
        );
        let across = widgets_across_columns(&harness, columns);
        assert!(across.is_empty(), "at {width} px: {across:?}");
    }
}

#[test]
fn nothing_crosses_a_column_in_any_layout() {
    let folder = folder();
    for width in WIDTHS {
        for layout in Layout::ALL {
            let mut harness =
                harness_at(width, folder.path().join(ARTICLE), ReadingState::default());
            harness
                .state_mut()
                .command(Command::SetPageLayout(PageLayout {
                    layout,
                    ..PageLayout::default()
                }));
            harness
                .state_mut()
                .command(Command::Notes(NoteCommand::AddToSection(0)));
            harness.run();
            let columns = shown(&harness);
            let across = widgets_across_columns(&harness, columns);
            assert!(across.is_empty(), "{layout:?} at {width} px: {across:?}");
            // Nothing of the page runs into the library or past the window.
            let window = harness.ctx.content_rect();
            for column in columns.article.into_iter().chain(columns.translation) {
                assert!(
                    column.left() >= 0.0 && column.right() <= window.right(),
                    "{layout:?} at {width} px: {column:?}"
                );
            }
        }
    }
}

#[test]
fn each_layout_shows_what_it_says() {
    let folder = folder();
    let mut harness = harness_at(1280.0, folder.path().join(ARTICLE), ReadingState::default());
    let side_by_side = shown(&harness);
    for (key, layout) in [
        (egui::Key::Num2, Layout::Interleaved),
        (egui::Key::Num3, Layout::ArticleOnly),
        (egui::Key::Num4, Layout::TranslationOnly),
        (egui::Key::Num1, Layout::SideBySide),
    ] {
        harness.key_press_modifiers(Modifiers::COMMAND, key);
        harness.run();
        let columns = shown(&harness);
        assert_eq!(columns.layout, layout);
        assert_eq!(harness.state().page_layout_chosen().layout, layout);
        match layout {
            Layout::SideBySide => assert_eq!(columns, side_by_side),
            Layout::Interleaved => {
                assert_eq!(columns.article, columns.translation);
                // One column is wider than either side by side, yet within its measure.
                let column = columns.article.expect("article").width();
                assert!(column > side_by_side.article.expect("article").width());
            }
            Layout::ArticleOnly => assert!(columns.translation.is_none()),
            Layout::TranslationOnly => {
                assert!(columns.article.is_none());
                // The first section's Arabic is not on the page, its English is.
                assert!(harness.query_by_label_contains("Russian media").is_some());
                assert!(harness.query_by_label_contains("سيتضمن جدول").is_none());
                // Pointing at a row shows its article beside it.
                assert!(harness.query_by_label_contains("بيلاروسيا").is_none());
                common::point_at_first_row(&mut harness);
                assert!(harness.query_by_label_contains("بيلاروسيا").is_some());
                harness.hover_at(Pos2::new(5.0, 5.0));
                harness.run();
                assert!(harness.query_by_label_contains("بيلاروسيا").is_none());
            }
        }
    }
    // The translation alone: holding Alt brings the article back beside it.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num4);
    harness.run();
    assert_eq!(shown(&harness).layout, Layout::TranslationOnly);
    harness.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    harness.step();
    harness.step();
    assert_eq!(shown(&harness).layout, Layout::Interleaved, "Alt held");
    assert!(harness.query_by_label_contains("سيتضمن جدول").is_some());
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.step();
    harness.step();
    assert_eq!(
        shown(&harness).layout,
        Layout::TranslationOnly,
        "Alt let go"
    );
}

#[test]
fn the_row_actions_are_on_the_row_pointed_at_or_under_the_cursor_only() {
    let folder = folder();
    let mut harness = harness_at(
        1280.0,
        folder.path().join(UNTRANSLATED),
        ReadingState::default(),
    );
    let count =
        |harness: &Harness<'_, HamishApp>, label: &str| harness.query_all_by_label(label).count();
    assert_eq!(count(&harness, "+ Note"), 0, "no row pointed at");
    assert_eq!(count(&harness, "Write a translation…"), 0);
    // The header says once what can fill the empty column.
    assert!(
        harness
            .query_by_label_contains("No translation yet: add a file")
            .is_some()
    );
    let columns = shown(&harness);
    let article = columns.article.expect("article");
    harness.hover_at(Pos2::new(article.center().x, article.top() + 40.0));
    harness.run();
    assert_eq!(count(&harness, "+ Note"), 1, "on the row pointed at");
    assert_eq!(count(&harness, "Write a translation…"), 1);
    assert_eq!(count(&harness, "Translate by machine"), 1);
    // Each stays inside its own column.
    let note = harness.get_by_label("+ Note").rect().shrink(0.5);
    assert!(
        article.x_range().contains(note.left()) && article.x_range().contains(note.right()),
        "{note:?} in {article:?}"
    );
    let write = harness
        .get_by_label("Write a translation…")
        .rect()
        .shrink(0.5);
    let translation = columns.translation.expect("translation");
    assert!(translation.x_range().contains(write.left()));
    assert!(translation.x_range().contains(write.right()));
    // Pointing elsewhere, the cursor's row has them.
    harness.hover_at(Pos2::new(5.0, 5.0));
    harness.run();
    assert_eq!(count(&harness, "+ Note"), 0);
    harness.key_press(egui::Key::J);
    harness.run();
    assert_eq!(count(&harness, "+ Note"), 1, "on the cursor's row");
    harness.get_by_label("Write a translation…").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Write a translation")
            .is_some()
            || harness.query_by_label("Write a translation").is_some(),
        "the editor opens"
    );
}

#[test]
fn a_narrow_window_interleaves_and_widens_back() {
    let folder = folder();
    let mut harness = harness_at(600.0, folder.path().join(ARTICLE), ReadingState::default());
    assert_eq!(shown(&harness).layout, Layout::Interleaved);
    assert_eq!(
        harness.state().page_layout_chosen().layout,
        Layout::SideBySide,
        "the reader's choice is kept"
    );
    harness.set_size(vec2(1280.0, 820.0));
    harness.run();
    assert_eq!(shown(&harness).layout, Layout::SideBySide);
}

#[test]
fn the_layout_and_the_divider_are_remembered_after_a_restart() {
    let folder = folder();
    let mut harness = harness_at(1280.0, folder.path().join(ARTICLE), ReadingState::default());
    let before = shown(&harness);
    let translation = before.translation.expect("translation");
    let article = before.article.expect("article");
    let x = (translation.right() + article.left()) / 2.0;
    let y = article.center().y;
    // Drag the divider 120 points toward the translation: the article grows.
    harness.drag_at(Pos2::new(x, y));
    harness.step();
    harness.hover_at(Pos2::new(x - 60.0, y));
    harness.step();
    harness.hover_at(Pos2::new(x - 120.0, y));
    harness.step();
    harness.drop_at(Pos2::new(x - 120.0, y));
    harness.run();
    let dragged = shown(&harness);
    let grown = dragged.article.expect("article").width();
    assert!(
        grown > article.width() + 100.0,
        "{} → {grown}",
        article.width()
    );
    let share = harness.state().page_layout_chosen().article_share;
    assert!(share > 0.55, "{share}");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num2);
    harness.run();
    assert_eq!(shown(&harness).layout, Layout::Interleaved);

    let restarted = harness_at(
        1280.0,
        folder.path().join(ARTICLE),
        harness.state().reading_state(),
    );
    assert_eq!(
        shown(&restarted).layout,
        Layout::Interleaved,
        "the layout is kept"
    );
    let mut restarted = restarted;
    restarted.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num1);
    restarted.run();
    assert_eq!(
        shown(&restarted),
        dragged,
        "the divider is where it was left"
    );
}

#[test]
fn the_layout_is_remembered_per_folder() {
    let first = folder();
    let second = folder();
    let mut harness = harness_at(1280.0, first.path().join(ARTICLE), ReadingState::default());
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num3);
    harness.run();
    let mut elsewhere = harness_at(
        1280.0,
        second.path().join(ARTICLE),
        harness.state().reading_state(),
    );
    // A folder not laid out yet starts as the last one was; changed there, the first
    // keeps its own.
    assert_eq!(shown(&elsewhere).layout, Layout::ArticleOnly);
    elsewhere.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num2);
    elsewhere.run();
    let back = harness_at(
        1280.0,
        first.path().join(ARTICLE),
        elsewhere.state().reading_state(),
    );
    assert_eq!(shown(&back).layout, Layout::ArticleOnly);
}

#[test]
fn ctrl_shift_n_opens_and_closes_the_notes_panel() {
    let folder = folder();
    let mut harness = harness_at(1280.0, folder.path().join(ARTICLE), ReadingState::default());
    harness
        .state_mut()
        .command(Command::Notes(NoteCommand::AddToSection(2)));
    harness.run();
    harness.event(egui::Event::Text("ملاحظة".to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("All notes").is_none());
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    harness.key_press_modifiers(ctrl_shift, egui::Key::N);
    harness.run();
    assert!(harness.query_by_label("All notes").is_some(), "opened");
    // Each note is listed with its section, counted from 1.
    harness.get_by_label("§3 ملاحظة");
    // The count of notes is said under the article's title.
    harness.get_by_label_contains("1 note");
    harness.key_press_modifiers(ctrl_shift, egui::Key::N);
    harness.run();
    assert!(harness.query_by_label("All notes").is_none(), "closed");
}

/// Drags across the first line of the article's first paragraph on screen, from its
/// start on the right.
fn select_in_first_row(harness: &mut Harness<'_, HamishApp>) {
    let article = shown(harness).article.expect("article");
    let y = article.top() + 45.0;
    let start = Pos2::new(article.right() - 20.0, y);
    let end = Pos2::new(article.right() - 160.0, y);
    common::drag(harness, start, Pos2::new(start.x - 40.0, y), end);
}

#[test]
fn the_selection_toolbar_offers_the_translation_where_it_is_shown() {
    let folder = folder();
    let mut harness = harness_at(
        1280.0,
        folder.path().join(UNTRANSLATED),
        ReadingState::default(),
    );
    select_in_first_row(&mut harness);
    harness.get_by_label("Note");
    // The toolbar's own, while the pointer is over no row's actions.
    let toolbar = harness.get_by_label("Write a translation…");
    assert!(toolbar.rect().bottom() < shown(&harness).article.expect("article").top() + 45.0);
    toolbar.click();
    harness.run();
    assert!(
        harness.query_by_label("Write a translation").is_some(),
        "the editor opens"
    );

    // The article alone: the toolbar has no translation to offer.
    let mut harness = harness_at(
        1280.0,
        folder.path().join(UNTRANSLATED),
        ReadingState::default(),
    );
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num3);
    harness.run();
    select_in_first_row(&mut harness);
    harness.get_by_label("Note");
    assert!(harness.query_by_label("Translate by machine").is_none());
}
