//! Wrapping a shaped line: cosmic-text's wrapping, kept to UAX #14's break
//! opportunities.
//!
//! cosmic-text cuts a line into bidi level runs (its spans) and each run into words at
//! UAX #14 break opportunities, then wraps between any two words, so also between the
//! last word of one run and the first of the next. Where the levels change inside an
//! unbreakable unit it breaks where UAX #14 forbids it: in "… الثاني 2023." the digits
//! are one level and the full stop the paragraph's, and at some widths the full stop
//! was alone on the next line; "(Israel)" in a Hebrew sentence could lose its brackets
//! to the lines around it. UAX #9 asks for the opposite order: break the logical text,
//! then reorder each line.
//!
//! So a wrapped line that starts at such a run boundary (not a break opportunity) is
//! wrapped again: the line before it ends at its last break opportunity instead, laid
//! out on its own (cosmic-text reorders it), and the rest of the text is wrapped again
//! from there. Only paragraphs that mix directions have more than one run, and UAX #14
//! is asked only when a wrapped line starts exactly where a run starts, so wrapping
//! other text costs nothing more.

use cosmic_text::{Ellipsize, Hinting, LayoutLine, ShapeBuffer, ShapeLine, ShapeWord, Wrap};

/// `shape` (the shaping of `text`, one line without line breaks) wrapped to
/// `width_px` at a font size of `size_px`, breaking only where UAX #14 allows, unless
/// a word is wider than the line.
pub(super) fn wrap(
    shape: &ShapeLine,
    text: &str,
    scratch: &mut ShapeBuffer,
    size_px: f32,
    width_px: f32,
) -> Vec<LayoutLine> {
    let mut lines = lay_out(shape, scratch, size_px, width_px);
    if shape.spans.len() < 2 || lines.len() < 2 {
        return lines;
    }
    // Only a line that starts where a run starts can start where no break is allowed:
    // UAX #14 is asked only then.
    let run_starts = run_starts(shape);
    let starts_a_run =
        |line: &LayoutLine| logical_start(line).is_some_and(|start| run_starts.contains(&start));
    if !lines[1..].iter().any(starts_a_run) {
        return lines;
    }
    let glued = glued_boundaries(run_starts, text);
    if glued.is_empty() {
        return lines;
    }
    let mut done = Vec::with_capacity(lines.len() + 1);
    // What `lines` are the wrapping of: the whole line, or what is left of it.
    let mut rest: Option<ShapeLine> = None;
    loop {
        let current = rest.as_ref().unwrap_or(shape);
        let Some((line, line_start, earlier)) = first_bad_break(current, &lines, &glued) else {
            done.append(&mut lines);
            return done;
        };
        done.extend(lines.drain(..line - 1));
        let head = part(current, line_start, earlier);
        let tail = part(current, earlier, usize::MAX);
        // The head is part of a line that fitted, so it fits. (cosmic-text 0.19 drops
        // a first run against the line's direction when asked not to wrap at all.)
        done.append(&mut lay_out(&head, scratch, size_px, width_px));
        lines = lay_out(&tail, scratch, size_px, width_px);
        rest = Some(tail);
    }
}

/// cosmic-text's layout of `shape`, wrapped to `width_px`.
fn lay_out(
    shape: &ShapeLine,
    scratch: &mut ShapeBuffer,
    size_px: f32,
    width_px: f32,
) -> Vec<LayoutLine> {
    let mut lines = Vec::new();
    shape.layout_to_buffer(
        scratch,
        size_px,
        Some(width_px),
        Wrap::WordOrGlyph,
        Ellipsize::None,
        None,
        &mut lines,
        None,
        Hinting::Disabled,
    );
    lines
}

/// The first wrapped line (after the first) that starts where no break is allowed
/// and whose line before has a break opportunity to end at instead: its index, where
/// the line before starts, and that opportunity.
fn first_bad_break(
    shape: &ShapeLine,
    lines: &[LayoutLine],
    glued: &[usize],
) -> Option<(usize, usize, usize)> {
    (1..lines.len()).find_map(|line| {
        let start = logical_start(&lines[line])?;
        if !glued.contains(&start) {
            return None;
        }
        let line_start = logical_start(&lines[line - 1])?;
        let earlier = last_break_between(shape, line_start, start, glued)?;
        Some((line, line_start, earlier))
    })
}

/// Where a wrapped line starts in the text: its first character in logical order.
fn logical_start(line: &LayoutLine) -> Option<usize> {
    line.glyphs.iter().map(|glyph| glyph.start).min()
}

/// Where a word starts in the text.
fn word_start(word: &ShapeWord) -> Option<usize> {
    word.glyphs.iter().map(|glyph| glyph.start).min()
}

/// Where each bidi level run of `shape` but the first begins in the text.
fn run_starts(shape: &ShapeLine) -> Vec<usize> {
    shape
        .spans
        .iter()
        .filter_map(|span| span.words.iter().filter_map(word_start).min())
        .filter(|&start| start > 0)
        .collect()
}

/// The run boundaries (`starts`) that are not UAX #14 break opportunities of `text`.
fn glued_boundaries(starts: Vec<usize>, text: &str) -> Vec<usize> {
    let opportunities: Vec<usize> = unicode_linebreak::linebreaks(text)
        .map(|(at, _)| at)
        .collect();
    starts
        .into_iter()
        .filter(|start| opportunities.binary_search(start).is_err())
        .collect()
}

/// The last break opportunity strictly between `from` and `to`: the start of a word
/// that is not blank (words are cut at break opportunities, whitespace ends a word)
/// and not a glued run boundary.
fn last_break_between(shape: &ShapeLine, from: usize, to: usize, glued: &[usize]) -> Option<usize> {
    shape
        .spans
        .iter()
        .flat_map(|span| &span.words)
        .filter(|word| !word.blank)
        .filter_map(word_start)
        .filter(|&start| from < start && start < to && !glued.contains(&start))
        .max()
}

/// The words of `shape` that start in `from..to`.
fn part(shape: &ShapeLine, from: usize, to: usize) -> ShapeLine {
    let mut part = shape.clone();
    for span in &mut part.spans {
        span.words
            .retain(|word| word_start(word).is_some_and(|start| from <= start && start < to));
    }
    part.spans.retain(|span| !span.words.is_empty());
    part
}
