//! The translation column as a reader uses it: a translation file beside the article
//! fills it row by row; a row is written in Arabic, kept in the sidecar and found
//! again after a restart; a change made elsewhere appears; a file missing a paragraph
//! lines up by sentence, and a row fix still applies.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::model::translation::TranslationSource;
use hamish::store::{ArticleNotes, load_contents, read_version, sidecar_path};
use hamish::ui::translation::TranslationCommand;

const ARTICLE: &str = "003_2dd66c1bbdc4b7f0.txt";
const TRANSLATION: &str = "003_2dd66c1bbdc4b7f0.en.txt";

fn harness(path: PathBuf) -> Harness<'static, HamishApp> {
    let app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path));
    let mut harness = common::app_harness(app, vec2(1500.0, 1000.0));
    harness.run();
    harness
}

/// Seed 003 and its English translation in a temporary folder; `translation` can
/// change the translation's lines first.
fn folder_with(translation: impl FnOnce(Vec<String>) -> Vec<String>) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    std::fs::copy(common::samples().join(ARTICLE), folder.path().join(ARTICLE)).expect("article");
    let lines: Vec<String> = std::fs::read_to_string(common::samples().join(TRANSLATION))
        .expect("translation")
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect();
    std::fs::write(
        folder.path().join(TRANSLATION),
        translation(lines).join("\n"),
    )
    .expect("write");
    folder
}

fn english_lines() -> Vec<String> {
    std::fs::read_to_string(common::samples().join(TRANSLATION))
        .expect("translation")
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn row_texts(harness: &Harness<'_, HamishApp>) -> Vec<Option<String>> {
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    column
        .rows
        .iter()
        .map(|row| row.cell.as_ref().map(|cell| cell.text.clone()))
        .collect()
}

#[test]
fn each_translation_is_in_its_row() {
    let harness = harness(common::samples().join(ARTICLE));
    let english = english_lines();
    let sections = harness
        .state()
        .current_article()
        .expect("open")
        .article
        .sections
        .len();
    assert_eq!(english.len(), sections, "the sample translation is aligned");
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    assert_eq!(column.language, "en");
    assert_eq!(column.flagged(), 0, "nothing to check");
    for (row, line) in column.rows.iter().zip(&english) {
        let cell = row.cell.as_ref().expect("a translation");
        assert_eq!(&cell.text, line);
        assert_eq!(
            cell.source,
            TranslationSource::File {
                file: TRANSLATION.to_owned()
            }
        );
    }
    // The library lists the translation as the article's, not as an article.
    let library = harness.state().library().expect("library");
    let entry = library
        .entries
        .iter()
        .find(|entry| entry.path.ends_with(ARTICLE))
        .expect("the article is listed");
    assert_eq!(
        entry.languages(),
        ["en"],
        "with the language it is translated into"
    );
    assert!(
        library
            .entries
            .iter()
            .all(|entry| !entry.path.ends_with(TRANSLATION))
    );
    // On screen, beside its section: the first rows are laid out and readable.
    harness.get_by_role_and_label(Role::Label, &english[0]);
    assert!(
        harness
            .get_all_by_label(&format!("from {TRANSLATION}"))
            .count()
            > 2,
        "each cell says where it comes from"
    );
}

#[test]
fn a_row_is_translated_in_arabic_by_the_reader() {
    let folder = folder_with(|lines| lines);
    let mut harness = harness(folder.path().join(ARTICLE));
    let english = english_lines();
    // Click the first row's translation to edit it.
    harness
        .get_by_role_and_label(Role::Label, &english[0])
        .click();
    harness.run();
    let field = harness.get_by_label("Write a translation");
    assert_eq!(
        field.value().as_deref(),
        Some(english[0].as_str()),
        "starts from the file's"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    let mine = "ترجمتي لهذه الفقرة: 2023";
    harness.event(egui::Event::Text(mine.to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(row_texts(&harness)[0].as_deref(), Some(mine));
    harness.get_by_role_and_label(Role::Label, mine);
    harness.get_by_label("yours");
    assert_eq!(
        std::fs::read_to_string(folder.path().join(TRANSLATION))
            .expect("file")
            .lines()
            .next(),
        Some(english[0].as_str()),
        "the file is never written"
    );
}

/// Runs frames in real time, so autosave and the writer thread act, until `done`;
/// false if it never is.
fn run_until(
    harness: &mut Harness<'_, HamishApp>,
    mut done: impl FnMut(&Harness<'_, HamishApp>) -> bool,
) -> bool {
    let until = Instant::now() + Duration::from_secs(15);
    while Instant::now() < until {
        harness.step();
        if done(harness) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Writes `text` as the reader's translation of the first row, through the editor.
fn write_first_row(harness: &mut Harness<'_, HamishApp>, current: &str, text: &str) {
    harness.get_by_role_and_label(Role::Label, current).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
}

#[test]
fn a_translation_written_by_the_reader_is_there_after_a_restart() {
    let folder = folder_with(|lines| lines);
    let article = folder.path().join(ARTICLE);
    let english = english_lines();
    let mine = "ترجمتي التي تبقى: 1445";
    let mut first = harness(article.clone());
    write_first_row(&mut first, &english[0], mine);
    assert_eq!(row_texts(&first)[0].as_deref(), Some(mine));
    // Closing the app hands pending saves to the writer and waits for it.
    drop(first);

    let text = std::fs::read_to_string(sidecar_path(&article)).expect("a sidecar");
    // No pins in it: version 2, which every build since version 2 reads and writes.
    assert_eq!(read_version(&text).expect("readable"), 2);
    let on_disk = load_contents(&sidecar_path(&article)).expect("loads");
    let first = hamish::import::read_article(&article)
        .expect("article")
        .sections[0]
        .id;
    assert_eq!(on_disk.translations.reader["en"][&first].text, mine);

    let harness = harness(article);
    assert_eq!(row_texts(&harness)[0].as_deref(), Some(mine));
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    let cell = column.rows[0].cell.as_ref().expect("a cell");
    assert_eq!(cell.source, TranslationSource::Reader);
    harness.get_by_role_and_label(Role::Label, mine);
    harness.get_by_label("yours");
    assert_eq!(
        row_texts(&harness)[1].as_deref(),
        Some(english[1].as_str()),
        "the other rows still come from the file"
    );
}

#[test]
fn a_translation_written_elsewhere_appears_in_its_row() {
    let folder = folder_with(|lines| lines);
    let article = folder.path().join(ARTICLE);
    let mut harness = harness(article.clone());
    // Another window translates the second row.
    let theirs = "ترجمة من نافذة أخرى";
    {
        let (mut other, _) = ArticleNotes::open(&article);
        let article_data = hamish::import::read_article(&article).expect("article");
        let section = &article_data.sections[1];
        other.edit_translations(Instant::now(), |data| {
            data.set_reader_translation("en", section.id, &section.text, theirs, None, 1);
        });
        let contents = other.encoded().expect("encodes");
        hamish::store::write_atomic(other.sidecar(), contents.as_bytes()).expect("written");
    }
    let arrived = |harness: &Harness<'_, HamishApp>| {
        row_texts(harness).get(1).cloned().flatten().as_deref() == Some(theirs)
    };
    assert!(
        run_until(&mut harness, arrived),
        "the translation from the other window is merged into its row"
    );
    harness.run();
    harness.get_by_role_and_label(Role::Label, theirs);
    assert_eq!(
        row_texts(&harness)[0].as_deref(),
        Some(english_lines()[0].as_str()),
        "the rest as it was"
    );
}

#[test]
fn a_file_missing_a_paragraph_lines_up_by_sentence_and_a_row_fix_still_applies() {
    // The file lacks its second paragraph: row by row, every later row would be one
    // off. Lined up sentence by sentence, each lands in its own row.
    let folder = folder_with(|mut lines| {
        lines.remove(1);
        lines
    });
    let english = english_lines();
    let mut harness = harness(folder.path().join(ARTICLE));
    let rows = row_texts(&harness);
    assert_eq!(rows[0].as_deref(), Some(english[0].as_str()));
    assert_eq!(rows[1], None, "the missing paragraph's row is empty");
    for index in 2..english.len() {
        assert_eq!(
            rows[index].as_deref(),
            Some(english[index].as_str()),
            "row {index}"
        );
    }
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    assert!(
        column.rows[1]
            .flags
            .contains(&hamish::model::translation::RowFlag::NothingHere)
    );
    harness.get_by_label("nothing in the translation here");
    // A row fix as older versions made them still applies: shifted down from the
    // second row, the file lines up row by row.
    harness
        .state_mut()
        .command(Command::Translation(TranslationCommand::Fix(
            hamish::model::translation::AlignmentFix::ShiftDown { row: 1 },
        )));
    harness.run();
    let fixed = row_texts(&harness);
    assert_eq!(fixed, rows);
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    assert!(
        column.rows[2]
            .cell
            .as_ref()
            .is_some_and(|cell| cell.how == Some(hamish::model::translation::MatchKind::Position))
    );
    // The section cursor on row 1 (the first J puts it on row 0).
    harness.key_press(egui::Key::J);
    harness.run();
    harness.key_press(egui::Key::J);
    harness.run();
    assert!(
        harness.query_by_label("Write a translation…").is_some(),
        "the empty row invites"
    );
}

#[test]
fn an_article_with_no_translation_invites_one() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    std::fs::copy(common::samples().join("001_d7cff7a3069428f0.txt"), &article).expect("copy");
    let mut harness = harness(article);
    harness.get_by_label_contains("No translation yet");
    common::point_at_first_row(&mut harness);
    harness
        .get_all_by_label("Write a translation…")
        .next()
        .expect("an empty row invites a translation")
        .click();
    harness.run();
    let mine = "In the name of God";
    harness.event(egui::Event::Text(mine.to_owned()));
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(row_texts(&harness)[0].as_deref(), Some(mine));
    let column = harness
        .state()
        .translation_of_open_article()
        .expect("a column");
    assert_eq!(
        column.language, "en",
        "written in English until another is chosen"
    );
}
