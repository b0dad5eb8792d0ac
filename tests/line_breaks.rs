//! Lines are broken only where UAX #14 allows: punctuation never starts a line, an
//! opening bracket never ends one. cosmic-text wraps between any two of its words,
//! and a bidi level run is cut into words of its own, so where the levels change
//! inside an unbreakable unit ("2023." at the end of an Arabic sentence: the digits
//! one level, the full stop the paragraph's) it could break there: at 700 px section 1
//! of sample 003 ended with "2023" on one line and its full stop alone on the next.

mod common;

use hamish::text::{FontFamily, ParagraphLayout, TextEngine, TextStyle};

/// Where a line may start: each UAX #14 break opportunity of `text`.
fn opportunities(text: &str) -> Vec<usize> {
    unicode_linebreak::linebreaks(text)
        .map(|(at, _)| at)
        .collect()
}

/// Each wrapped line's first character in logical order, after the first line.
fn line_starts(layout: &ParagraphLayout) -> Vec<usize> {
    layout
        .visual_lines()
        .iter()
        .skip(1)
        .filter_map(|line| line.clusters.iter().map(|cluster| cluster.start).min())
        .collect()
}

/// The lines of `layout` as text, for messages.
fn lines_text(layout: &ParagraphLayout) -> Vec<String> {
    let text = layout.text();
    layout
        .visual_lines()
        .iter()
        .map(|line| {
            let start = line.clusters.iter().map(|c| c.start).min().unwrap_or(0);
            let end = line.clusters.iter().map(|c| c.end).max().unwrap_or(0);
            text.get(start..end).unwrap_or("").to_owned()
        })
        .collect()
}

/// Asserts every line of `text` laid out at `width_pt` starts where a break is allowed.
fn assert_breaks_allowed(engine: &mut TextEngine, text: &str, style: &TextStyle, width_pt: f32) {
    let layout = engine.layout(text, style, width_pt, 1.0);
    let allowed = opportunities(text);
    let starts = line_starts(&layout);
    let previous_starts = std::iter::once(0).chain(starts.iter().copied());
    for (start, previous) in starts.iter().copied().zip(previous_starts) {
        // A unit wider than the line ("independence," in a narrow column) is cut
        // where it must be.
        let longer_than_a_line = !allowed.iter().any(|&at| previous < at && at < start);
        if longer_than_a_line {
            continue;
        }
        assert!(
            allowed.contains(&start),
            "a line starts at byte {start} ({:?}), where UAX #14 allows no break, at {width_pt} pt: {:#?}",
            text[start..].chars().take(8).collect::<String>(),
            lines_text(&layout)
        );
    }
}

#[test]
fn the_full_stop_after_a_year_stays_on_its_line() {
    let text = common::sample_line("003", 1);
    assert!(text.ends_with("2023."), "{text}");
    let mut engine = TextEngine::new();
    let style = TextStyle::body(20.0);
    // Every width from a narrow column to a wide one: some put the break between
    // "2023" and its full stop.
    let mut tried_year_at_line_end = false;
    for width in (120..=700).step_by(2) {
        let width_pt = width as f32;
        assert_breaks_allowed(&mut engine, &text, &style, width_pt);
        let layout = engine.layout(&text, &style, width_pt, 1.0);
        let lines = lines_text(&layout);
        let last = lines.last().map_or("", String::as_str);
        assert_ne!(last.trim(), ".", "at {width} pt: {lines:#?}");
        if last.trim() == "2023." {
            tried_year_at_line_end = true;
            // Still in bidi order: the full stop ends the right-to-left sentence, so
            // it is drawn left of the year.
            let visual = layout.visual_lines();
            let leftmost = visual
                .last()
                .and_then(|line| line.clusters.first())
                .map(|cluster| &text[cluster.clone()]);
            assert_eq!(leftmost, Some("."), "at {width} pt");
        }
    }
    assert!(
        tried_year_at_line_end,
        "some width starts a line at the year"
    );
}

#[test]
fn latin_in_brackets_inside_hebrew_keeps_its_brackets() {
    let text = "ראש הממשלה ביקר אתמול בירושלים (Israel) ונפגש עם נציגי הציבור והעיתונות.";
    let mut engine = TextEngine::new();
    let style = TextStyle {
        family: FontFamily::Hebrew,
        ..TextStyle::body(20.0)
    };
    // From the narrowest width every word fits in (a longer word is cut anywhere).
    for width in (110..=500).step_by(2) {
        assert_breaks_allowed(&mut engine, text, &style, width as f32);
    }
}

#[test]
fn every_sample_paragraph_breaks_only_where_allowed() {
    let mut engine = TextEngine::new();
    for entry in std::fs::read_dir(common::samples()).expect("samples") {
        let path = entry.expect("entry").path();
        let english = path.to_string_lossy().ends_with(".en.txt");
        let style = TextStyle {
            family: if english {
                FontFamily::Sans
            } else {
                FontFamily::Naskh
            },
            ..TextStyle::body(20.0)
        };
        let text = std::fs::read_to_string(&path).expect("sample");
        for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
            for width in [140.0, 190.0, 205.0, 330.0, 420.0] {
                assert_breaks_allowed(&mut engine, line, &style, width);
            }
        }
    }
}
