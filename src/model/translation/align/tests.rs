use super::*;
use crate::model::SectionKind;
use crate::model::translation::{AlignmentFix, Segment, TranslationFormat};

fn article(paragraphs: &[&str]) -> Article {
    Article::new(
        "t".into(),
        paragraphs
            .iter()
            .map(|text| (SectionKind::Paragraph, (*text).to_owned())),
    )
}

fn aligned(targets: &[&str]) -> TranslationFile {
    TranslationFile {
        file: "a.en.txt".into(),
        format: Some(TranslationFormat::Aligned),
        language: "en".into(),
        segments: targets
            .iter()
            .map(|target| Segment {
                source: None,
                target: (*target).to_owned(),
            })
            .collect(),
        ..TranslationFile::default()
    }
}

fn tmx(pairs: &[(&str, &str)]) -> TranslationFile {
    TranslationFile {
        file: "a.tmx".into(),
        format: Some(TranslationFormat::Tmx),
        language: "en".into(),
        source_language: Some("ar".into()),
        segments: pairs
            .iter()
            .map(|(source, target)| Segment {
                source: Some((*source).to_owned()),
                target: (*target).to_owned(),
            })
            .collect(),
    }
}

fn texts(alignment: &Alignment) -> Vec<Option<&str>> {
    (0..alignment.rows.len())
        .map(|index| alignment.text(index))
        .collect()
}

fn flagged_rows(alignment: &Alignment) -> Vec<usize> {
    (0..alignment.rows.len())
        .filter(|&index| !alignment.rows[index].flags.is_empty())
        .collect()
}

/// Ten sections of varied length, and their "translations" of matching length.
fn varied() -> (Vec<String>, Vec<String>) {
    let lengths = [12, 80, 30, 150, 20, 90, 40, 200, 25, 60];
    let sources = lengths
        .iter()
        .enumerate()
        .map(|(i, &n)| format!("{i} {}", "ب".repeat(n)))
        .collect();
    let targets = lengths
        .iter()
        .enumerate()
        .map(|(i, &n)| format!("{i} {}", "e".repeat(n * 6 / 5)))
        .collect();
    (sources, targets)
}

#[test]
fn an_aligned_file_is_taken_row_by_row_and_not_flagged() {
    let (sources, targets) = varied();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
    let alignment = align(&article(&sources), &aligned(&targets), None);
    assert_eq!(texts(&alignment)[3], Some(targets[3]));
    assert!(alignment.problems.is_empty(), "{:?}", alignment.problems);
    assert_eq!(alignment.flagged(), 0);
}

#[test]
fn a_missing_paragraph_flags_the_rows_from_where_it_is_missing() {
    let (sources, targets) = varied();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    let mut targets: Vec<&str> = targets.iter().map(String::as_str).collect();
    targets.remove(4);
    let a = article(&sources);
    let file = aligned(&targets);
    let alignment = align(&a, &file, None);
    assert_eq!(
        alignment.problems[0],
        AlignmentProblem::CountMismatch {
            sections: 10,
            segments: 9
        }
    );
    let flagged = flagged_rows(&alignment);
    assert!(
        flagged.first().is_some_and(|&first| first <= 5) && flagged.contains(&9),
        "{flagged:?}"
    );
    assert!(
        !flagged.contains(&0) && !flagged.contains(&3),
        "{flagged:?}"
    );
    assert_eq!(alignment.rows[9].cell, None);
    // Nothing moved by itself: row 4 holds the file's fifth paragraph.
    assert_eq!(alignment.text(4), Some(targets[4]));

    // The reader shifts down from row 4: every row lines up again.
    let fixes = FileFixes {
        file: file.file.clone(),
        language: "en".into(),
        fingerprint: segments_fingerprint(&file.segments),
        fixes: vec![AlignmentFix::ShiftDown { row: 4 }],
    };
    let fixed = align(&a, &file, Some(&fixes));
    assert_eq!(fixed.text(4), None);
    assert_eq!(fixed.text(5), Some(targets[4]));
    assert_eq!(fixed.text(9), Some(targets[8]));
    assert_eq!(fixed.problems, []);
    // Row 4 is honestly empty; no row is flagged for its length.
    assert!(
        fixed
            .rows
            .iter()
            .all(|row| !row.flags.contains(&RowFlag::LengthRatio))
    );
}

#[test]
fn an_extra_paragraph_is_left_over_and_fixed_by_merging() {
    let (sources, targets) = varied();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    let mut targets: Vec<String> = targets;
    // The translator cut paragraph 7 in two.
    let seventh = targets.remove(7);
    let (first, second) = seventh.split_at(100);
    targets.insert(7, second.to_owned());
    targets.insert(7, first.to_owned());
    let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
    let a = article(&sources);
    let file = aligned(&targets);
    let alignment = align(&a, &file, None);
    assert_eq!(alignment.left_over.len(), 1);
    assert!(alignment.flagged() >= 2);
    assert!(
        alignment
            .problems
            .contains(&AlignmentProblem::LeftOver { count: 1 })
    );
    let fixes = FileFixes {
        fingerprint: segments_fingerprint(&file.segments),
        fixes: vec![AlignmentFix::Merge { row: 7 }],
        ..FileFixes::default()
    };
    let fixed = align(&a, &file, Some(&fixes));
    assert_eq!(fixed.left_over, []);
    assert_eq!(fixed.flagged(), 0, "{:?}", fixed.rows);
    assert_eq!(
        fixed.rows[7].cell.as_ref().map(|c| c.how),
        Some(MatchKind::Fixed)
    );
}

#[test]
fn fixes_made_on_another_version_of_the_file_are_not_applied() {
    let a = article(&["واحد", "اثنان"]);
    let file = aligned(&["One", "Two"]);
    let fixes = FileFixes {
        fingerprint: "0000000000000000".into(),
        fixes: vec![AlignmentFix::ShiftDown { row: 0 }],
        ..FileFixes::default()
    };
    let alignment = align(&a, &file, Some(&fixes));
    assert_eq!(texts(&alignment), [Some("One"), Some("Two")]);
    assert_eq!(alignment.problems, [AlignmentProblem::FixesStale]);
}

#[test]
fn segments_are_matched_by_source_text_whatever_their_order() {
    let a = article(&["الخبر:", "نص الخبر هنا", "التعليق:", "نص التعليق"]);
    let file = tmx(&[
        ("نص التعليق", "The comment"),
        ("الخبر:", "News:"),
        // Diacritics and a letter variant: folded away.
        ("نصّ الخبر هُنا", "The news"),
        ("التعليق:", "Comment:"),
    ]);
    let alignment = align(&a, &file, None);
    assert_eq!(
        texts(&alignment),
        [
            Some("News:"),
            Some("The news"),
            Some("Comment:"),
            Some("The comment")
        ]
    );
    assert_eq!(
        alignment.rows[1].cell.as_ref().map(|c| c.how),
        Some(MatchKind::Folded)
    );
    assert_eq!(
        alignment.rows[0].cell.as_ref().map(|c| c.how),
        Some(MatchKind::Exact)
    );
    assert!(alignment.problems.is_empty());
}

#[test]
fn missing_segments_leave_empty_rows_and_nothing_shifts() {
    let a = article(&["واحد", "اثنان", "ثلاثة", "أربعة"]);
    let file = tmx(&[("واحد", "One"), ("أربعة", "Four")]);
    let alignment = align(&a, &file, None);
    assert_eq!(texts(&alignment), [Some("One"), None, None, Some("Four")]);
    assert!(alignment.problems.is_empty());
}

#[test]
fn sentences_of_a_paragraph_are_joined() {
    let a = article(&["عنوان", "الجملة الأولى. الجملة الثانية.", "خاتمة"]);
    let file = tmx(&[
        ("عنوان", "Title"),
        ("الجملة الأولى.", "The first sentence."),
        ("الجملة الثانية.", "The second sentence."),
        ("خاتمة", "End"),
    ]);
    let alignment = align(&a, &file, None);
    assert_eq!(
        texts(&alignment),
        [
            Some("Title"),
            Some("The first sentence. The second sentence."),
            Some("End")
        ]
    );
    assert_eq!(
        alignment.rows[1].cell.as_ref().map(|c| c.how),
        Some(MatchKind::Parts)
    );
}

#[test]
fn unmatched_segments_go_in_order_between_matches_and_are_flagged() {
    let a = article(&["واحد", "الثاني معدل", "ثلاثة"]);
    let file = tmx(&[
        ("واحد", "One"),
        ("اثنان", "Two"),
        ("ثلاثة", "Three"),
        ("نص لا يوجد", "Nowhere"),
    ]);
    let alignment = align(&a, &file, None);
    assert_eq!(texts(&alignment), [Some("One"), Some("Two"), Some("Three")]);
    assert_eq!(alignment.rows[1].flags, [RowFlag::SourceDiffers]);
    assert_eq!(alignment.left_over.len(), 1);
    assert_eq!(alignment.left_over[0].text, "Nowhere");
    assert!(
        alignment
            .problems
            .contains(&AlignmentProblem::PlacedInOrder { count: 1 })
    );
    assert!(
        alignment
            .problems
            .contains(&AlignmentProblem::LeftOver { count: 1 })
    );
    assert_eq!(alignment.flagged(), 2);
}

#[test]
fn a_file_for_another_article_says_so() {
    let a = article(&["واحد", "اثنان"]);
    let file = tmx(&[("شيء", "Something"), ("آخر", "Else")]);
    let alignment = align(&a, &file, None);
    assert!(
        alignment
            .problems
            .contains(&AlignmentProblem::NothingMatched)
    );
    assert_eq!(alignment.flagged(), 2);
}

#[test]
fn repeated_texts_take_their_occurrences_in_order() {
    let a = article(&["سؤال", "جواب أول", "سؤال", "جواب ثان"]);
    let file = tmx(&[
        ("سؤال", "Question 1"),
        ("جواب أول", "First answer"),
        ("سؤال", "Question 2"),
        ("جواب ثان", "Second answer"),
    ]);
    let alignment = align(&a, &file, None);
    assert_eq!(alignment.text(0), Some("Question 1"));
    assert_eq!(alignment.text(2), Some("Question 2"));
}

#[test]
fn a_length_far_from_the_norm_is_flagged() {
    let (sources, mut targets) = varied();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    // Row 3's translation swapped with row 4's: both lengths are far off.
    targets.swap(3, 4);
    let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
    let alignment = align(&article(&sources), &aligned(&targets), None);
    assert_eq!(flagged_rows(&alignment), [3, 4]);
    assert!(alignment.problems.is_empty(), "counts agree");
}
