//! Hostile files (issue 25, item 8): well formed, and built so that a reader doing
//! quadratic work on them never finishes. Each case runs on a thread with a deadline
//! far above what the near-linear code takes even in a debug build on a loaded
//! machine, and far below what the old quadratic code took (minutes, or never): so a
//! regression fails the test without stalling the run.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::hostile::{self, Flood};
use hamish::app::ExportJob;
use hamish::export::ExportFormat;
use hamish::import::ArticleFormat;
use hamish::import::translation::{MAX_LANGUAGES, TranslationError, parse_translation};
use hamish::model::translation::{
    Segment, TranslationFile, TranslationFormat, align, merge_translations,
};
use hamish::model::{Anchor, Article, Note, Notes, Placer, SectionKind, place};

/// Far above what each case takes now, far below what it took before.
const DEADLINE: Duration = Duration::from_secs(60);

/// Runs `work` on its own thread and returns its result, or fails once `DEADLINE`
/// has passed (the thread is left to finish on its own).
fn within_deadline<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(DEADLINE) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what} did not finish within {DEADLINE:?}: quadratic again?")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

#[test]
fn a_translation_file_in_200_000_languages_is_refused_at_once_with_the_reason() {
    for (format, text) in [
        (TranslationFormat::Tmx, hostile::tmx_languages(200_000)),
        (TranslationFormat::Xliff, hostile::xliff_languages(200_000)),
    ] {
        let result = within_deadline("reading 200,000 languages", move || {
            parse_translation(
                text.as_bytes(),
                format,
                ArticleFormat::PlainText,
                "hostile.tmx",
                Some("en"),
            )
        });
        let error = result.expect_err("refused");
        assert_eq!(
            error,
            TranslationError::TooManyLanguages { max: MAX_LANGUAGES }
        );
        // The words the column header and the library show.
        assert!(
            error.to_string().contains("more than 200 target languages"),
            "{error}"
        );
    }
}

#[test]
fn a_translation_file_in_many_languages_is_read_by_language() {
    for (format, text) in [
        (
            TranslationFormat::Tmx,
            hostile::tmx_languages(MAX_LANGUAGES),
        ),
        (
            TranslationFormat::Xliff,
            hostile::xliff_languages(MAX_LANGUAGES),
        ),
    ] {
        let imported = parse_translation(
            text.as_bytes(),
            format,
            ArticleFormat::PlainText,
            "hostile.tmx",
            Some("en"),
        )
        .expect("reads");
        assert_eq!(imported.files.len(), MAX_LANGUAGES);
        assert_eq!(imported.files[7].language, "x-l7");
        assert_eq!(imported.files[7].segments[0].target, "title 7");
    }
}

/// The bilingual Markdown export of the article `article`, as `hamish export` makes
/// it, or its error in words.
fn export(article: PathBuf) -> Result<String, String> {
    let job = ExportJob::for_article_file(
        ExportFormat::BilingualMarkdown,
        article,
        PathBuf::from("unused.md"),
    )
    .map_err(|error| error.to_string())?;
    job.contents().map_err(|error| error.to_string())
}

#[test]
fn sidecars_flooded_with_entries_export_in_near_linear_time() {
    for flood in Flood::ALL {
        let folder = tempfile::tempdir().expect("folder");
        let article = hostile::write_folder(folder.path(), flood, 30_000);
        let exported = within_deadline(flood.name(), move || export(article));
        // The article is there, with its companion's lines. (Every row shifted down
        // 30,000 times leaves the file out of step with the article, so it is lined
        // up sentence by sentence: its lines are still exported, not lost.)
        let exported = exported.expect("exported");
        assert!(exported.contains("الفقرة الثانية من المقال"), "{flood:?}");
        assert!(exported.contains("The second paragraph."), "{flood:?}");
    }
}

#[test]
fn three_hundred_thousand_fixes_are_applied_in_near_linear_time() {
    let article = Article::new(
        "t".into(),
        hostile::ARTICLE
            .lines()
            .map(|line| (SectionKind::Paragraph, line.to_owned())),
    );
    let file = TranslationFile {
        file: hostile::COMPANION_NAME.to_owned(),
        format: Some(TranslationFormat::Aligned),
        source_language: None,
        language: "en".to_owned(),
        segments: hostile::COMPANION
            .lines()
            .map(|line| Segment {
                source: None,
                target: line.to_owned(),
            })
            .collect(),
    };
    let contents = hostile::contents(Flood::Fixes, 300_000);
    let fixes = contents.translations.fixes[0].clone();
    let alignment = within_deadline("applying 300,000 fixes", move || {
        align(&article, &file, Some(&fixes))
    });
    // Every row shifted down 300,000 times: the companion's lines are all left over.
    assert!(alignment.rows.iter().all(|row| row.cell.is_none()));
    assert_eq!(alignment.left_over.len(), 3);
}

#[test]
fn lists_of_fixes_merge_in_near_linear_time() {
    let ours = hostile::contents(Flood::FixLists, 200_000).translations;
    let mut theirs = ours.clone();
    theirs.fixes.reverse();
    let merged = within_deadline("merging 200,000 lists of fixes", move || {
        merge_translations(&ours, &ours, &theirs)
    });
    assert_eq!(merged.data.fixes.len(), 200_000);
}

/// An article of `count` sections that share no word with the orphans' texts.
fn article(count: usize) -> Article {
    Article::new(
        "t".into(),
        (0..count).map(|index| {
            (
                SectionKind::Paragraph,
                format!("paragraph {index} alpha{index} beta{index}"),
            )
        }),
    )
}

#[test]
fn many_orphans_in_a_long_article_are_placed_in_near_linear_time() {
    let article = article(5_000);
    let notes: Notes = hostile::contents(Flood::OrphanNotes, 50_000).notes;
    let placed = within_deadline("placing 50,000 orphans in 5,000 sections", move || {
        let placer = Placer::new(&article);
        let placements: Vec<_> = notes
            .values()
            .map(|note| placer.place(&note.anchor))
            .collect();
        (article, placements)
    });
    let (article, placements) = placed;
    assert!(placements.iter().all(|p| p.section_index().is_none()));
    // The placer finds what `place` finds, moved and edited sections included.
    let note = |text: &str| Note::new(Anchor::section(hamish::model::SectionId(7), text), 1);
    for text in [
        "paragraph 12 alpha12 beta12",
        "paragraph 12 alpha12 gamma",
        "nothing like it",
    ] {
        let anchor = note(text).anchor;
        assert_eq!(
            Placer::new(&article).place(&anchor),
            place(&anchor, &article),
            "{text}"
        );
    }
}
