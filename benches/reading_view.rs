//! The reading view under load: a synthetic article of 10,000 sections made from the
//! seed paragraphs.
//!
//! - `scroll_frame`: one egui pass plus tessellation while scrolling (budget: median
//!   ≤ 1 ms).
//! - `open_to_first_frame`: from the article's text to its first tessellated frame
//!   (budget: ≤ 100 ms).
//!
//! Before the benchmarks run, `main` prints what divan does not: percentiles of frame
//! times while scrolling (median ≤ 1 ms, p99 ≤ 4 ms), while resizing the window over
//! long paragraphs (p99 ≤ 4 ms), while dragging the scrollbar across the article
//! (p99 ≤ 8 ms), and of the frame after a text size or zoom change (≤ 16 ms); and the
//! resident memory after opening and scrolling (≤ 250 MB); and of frames while the
//! pointer moves over the sentences as the page scrolls (each lit with its
//! counterpart in the translation) and while Alt+↓ moves the sentence cursor every
//! frame (the same budgets as scrolling). `cargo test --benches` runs it all once on
//! 1,000 sections.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Context, Event, MouseWheelUnit, RawInput, Rect, vec2};
use hamish::import::parse_article;
use hamish::model::Article;
use hamish::ui::ReadingView;

const SECTIONS: usize = 10_000;

fn main() {
    let (ctx, mut view, article) = opened();
    // Frame times over a long scroll, for the percentiles divan does not report.
    let mut frame_times = Vec::new();
    let mut furthest_section = 0;
    let steps: u32 = if support::full_run() { 3000 } else { 60 };
    for step in 0..steps {
        let delta = if (step / 500).is_multiple_of(2) {
            -120.0
        } else {
            120.0
        };
        let started = Instant::now();
        let vertices = frame(&ctx, &mut view, &article, scroll_input(delta));
        frame_times.push(started.elapsed());
        assert!(vertices > 4 * 500, "the view paints its rows' glyphs");
        furthest_section = furthest_section.max(view.first_visible_section());
    }
    assert!(
        furthest_section > steps as usize / 30,
        "the view scrolled through many sections"
    );
    println!("scrolled down to section {furthest_section} and back");
    print_percentiles(
        &format!("scrolling {} sections", sections()),
        frame_times,
        "median ≤ 1 ms, p99 ≤ 4 ms",
    );
    println!(
        "resident memory after opening {} sections and scrolling: {} MB",
        sections(),
        support::resident_mb()
    );
    resize_percentiles();
    drag_percentiles(&ctx, &mut view, &article);
    text_size_changes(&ctx, &mut view, &article);
    zoom_changes(&ctx, &mut view, &article);
    linked_sentence_percentiles();
    divan::main();
}

/// Sections in the synthetic article: fewer in the quick check.
fn sections() -> usize {
    if support::full_run() { SECTIONS } else { 1_000 }
}

fn print_percentiles(what: &str, mut frame_times: Vec<Duration>, budget: &str) {
    frame_times.sort();
    let percentile =
        |p: usize| frame_times[(frame_times.len() * p / 100).min(frame_times.len() - 1)];
    println!(
        "{what}, {} frames: median {:.2?}, p95 {:.2?}, p99 {:.2?}, max {:.2?} (budget: {budget})",
        frame_times.len(),
        percentile(50),
        percentile(95),
        percentile(99),
        frame_times[frame_times.len() - 1]
    );
}

/// One frame while the window is resized continuously over a page of long
/// paragraphs (each section four seed paragraphs long): every frame a new width, so
/// every paragraph on screen is wrapped again.
fn resize_percentiles() {
    let paragraphs: Vec<String> = support::sample_articles().concat();
    let text: String = (0..300)
        .map(|i| {
            let long: Vec<&str> = (0..4)
                .map(|k| paragraphs[(i + k * 7) % paragraphs.len()].as_str())
                .collect();
            format!("{} ({i})\n", long.join(" "))
        })
        .collect();
    let article = parse_article(&text);
    let ctx = Context::default();
    let mut view = ReadingView::default();
    frame(&ctx, &mut view, &article, input(Vec::new()));
    let frames = if support::full_run() { 600 } else { 20 };
    let mut times = Vec::new();
    for step in 0..frames {
        // 1280 down to 800 points and back, 8 points a frame, as a window edge dragged.
        let phase = (step * 8) % 960;
        let width = if phase < 480 {
            1280 - phase
        } else {
            320 + phase
        };
        let started = Instant::now();
        frame_sized(
            &ctx,
            &mut view,
            &article,
            sized_input(width as f32, Vec::new()),
            20.0,
        );
        times.push(started.elapsed());
    }
    print_percentiles(
        "resizing the window over long paragraphs",
        times,
        "p99 ≤ 4 ms",
    );
}

/// One frame while the scrollbar is dragged across the whole article: every frame
/// the view is at a new place, far from the last, so nothing on screen was laid out.
fn drag_percentiles(ctx: &Context, view: &mut ReadingView, article: &Article) {
    let frames = if support::full_run() { 600 } else { 20 };
    let mut times = Vec::new();
    for step in 0..frames {
        // Down the whole article in 300 frames, then back up.
        let at = (step * sections() / 300) % (2 * sections());
        let section = if at < sections() {
            at
        } else {
            2 * sections() - 1 - at
        };
        view.scroll_to_section(section);
        let started = Instant::now();
        frame(ctx, view, article, input(Vec::new()));
        times.push(started.elapsed());
    }
    print_percentiles(
        &format!("dragging the scrollbar across {} sections", sections()),
        times,
        "p99 ≤ 8 ms",
    );
}

/// The frame after the text size changes: every paragraph on screen laid out again
/// at the new size (sizes not used before, so no layout is cached).
fn text_size_changes(ctx: &Context, view: &mut ReadingView, article: &Article) {
    let mut times = Vec::new();
    let changes = if support::full_run() { 40 } else { 3 };
    for change in 0..changes {
        let size = 16.0 + 0.5 * change as f32;
        let started = Instant::now();
        frame_sized(ctx, view, article, input(Vec::new()), size);
        times.push(started.elapsed());
        // The view settles on the section that was read.
        for _ in 0..3 {
            frame_sized(ctx, view, article, input(Vec::new()), size);
        }
    }
    print_percentiles("text size change to the next frame", times, "≤ 16 ms");
}

/// The frame after a zoom (Ctrl+= / Ctrl+-): a new scale, so every paragraph on
/// screen is laid out again in physical pixels.
fn zoom_changes(ctx: &Context, view: &mut ReadingView, article: &Article) {
    let mut times = Vec::new();
    let changes = if support::full_run() { 40 } else { 3 };
    for change in 0..changes {
        ctx.set_zoom_factor(1.0 + 0.05 * (change % 20 + 1) as f32);
        let started = Instant::now();
        frame(ctx, view, article, input(Vec::new()));
        times.push(started.elapsed());
        for _ in 0..3 {
            frame(ctx, view, article, input(Vec::new()));
        }
    }
    ctx.set_zoom_factor(1.0);
    frame(ctx, view, article, input(Vec::new()));
    print_percentiles("zoom change to the next frame", times, "≤ 16 ms");
}

/// Frames while the pointer sweeps over the article's sentences as the page scrolls
/// (every frame a new sentence lit, rows aligned as they are first pointed at), and
/// while the sentence cursor moves every frame (the view following it down the
/// article).
fn linked_sentence_percentiles() {
    let (ctx, mut view, article) = opened();
    let frames = if support::full_run() { 3000 } else { 40 };
    let mut times = Vec::new();
    for step in 0..frames {
        let started = Instant::now();
        frame(&ctx, &mut view, &article, hover_input(step, 40.0));
        times.push(started.elapsed());
    }
    println!("rows aligned while hovering: {}", view.rows_aligned());
    print_percentiles(
        "pointing at sentences while scrolling",
        times,
        "median ≤ 1 ms, p99 ≤ 4 ms",
    );
    let (ctx, mut view, article) = opened();
    let mut times = Vec::new();
    for _ in 0..frames {
        view.move_sentence_cursor(1, &article);
        let started = Instant::now();
        frame(&ctx, &mut view, &article, input(Vec::new()));
        times.push(started.elapsed());
    }
    println!(
        "sentence cursor reached section {} ({} rows aligned)",
        view.sentence_cursor().map_or(0, |cursor| cursor.row),
        view.rows_aligned()
    );
    print_percentiles(
        "moving the sentence cursor (Alt+↓) every frame",
        times,
        "median ≤ 1 ms, p99 ≤ 4 ms",
    );
}

/// The pointer over the article's column at a place that changes every `step`
/// (sweeping down the window), the page scrolled by `delta` points.
fn hover_input(step: u32, delta: f32) -> RawInput {
    let y = 120.0 + (step * 37 % 700) as f32;
    input(vec![
        Event::PointerMoved(egui::pos2(900.0, y)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -delta),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        },
    ])
}

/// The seed paragraphs repeated, each copy numbered so every section is distinct.
fn synthetic_text() -> String {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paragraphs = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|path| hamish::import::is_article_path(path))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).expect("sample");
        paragraphs.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| line.len() > 40)
                .map(str::to_owned),
        );
    }
    (0..sections())
        .map(|i| format!("{} ({i})\n", paragraphs[i % paragraphs.len()]))
        .collect()
}

fn input(events: Vec<Event>) -> RawInput {
    sized_input(1280.0, events)
}

fn sized_input(width: f32, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(egui::Pos2::ZERO, vec2(width, 900.0))),
        events,
        ..RawInput::default()
    }
}

fn scroll_input(delta: f32) -> RawInput {
    input(vec![
        Event::PointerMoved(egui::pos2(640.0, 450.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, delta),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        },
    ])
}

/// One pass and its tessellation; returns the number of vertices drawn.
fn frame(ctx: &Context, view: &mut ReadingView, article: &Article, input: RawInput) -> usize {
    frame_sized(ctx, view, article, input, 20.0)
}

/// The same with body text of `body_size_pt`.
fn frame_sized(
    ctx: &Context,
    view: &mut ReadingView,
    article: &Article,
    input: RawInput,
    body_size_pt: f32,
) -> usize {
    support::reading_frame_with(ctx, view, article, input, body_size_pt)
}

fn opened() -> (Context, ReadingView, Article) {
    let ctx = Context::default();
    let article = parse_article(&synthetic_text());
    let mut view = ReadingView::default();
    frame(&ctx, &mut view, &article, input(Vec::new()));
    (ctx, view, article)
}

#[divan::bench(sample_count = 400)]
fn scroll_frame(bencher: divan::Bencher<'_, '_>) {
    let (ctx, mut view, article) = opened();
    let mut step = 0u32;
    bencher.bench_local(|| {
        // Down for a while, then back up: new paragraphs come into view all the time.
        step += 1;
        let delta = if (step / 200).is_multiple_of(2) {
            -90.0
        } else {
            90.0
        };
        frame(&ctx, &mut view, &article, scroll_input(delta))
    });
}

/// `scroll_frame` with View ▸ Word status on: every Arabic word of the 10,000
/// sections read as a lemma beforehand (as the app does once, on a thread; here each
/// word form is its own lemma), a third of the lemmas known, a third learning at some
/// level, the rest new; each frame looks each visible word's status up and tints it,
/// as the app's highlights do. Budget: ≤ 10 % more than `scroll_frame`.
#[divan::bench(sample_count = 400)]
fn scroll_frame_word_status(bencher: divan::Bencher<'_, '_>) {
    use hamish::model::vocabulary::{Vocabulary, WordStatus};
    use hamish::study::{LemmaWord, arabic_words};
    let (ctx, mut view, article) = opened();
    let mut vocabulary = Vocabulary::default();
    let words: Vec<Vec<LemmaWord>> = article
        .sections
        .iter()
        .map(|section| {
            arabic_words(&section.text)
                .map(|range| LemmaWord {
                    lemma: std::sync::Arc::from(&section.text[range.clone()]),
                    range,
                })
                .collect()
        })
        .collect();
    for (n, word) in words.iter().flatten().enumerate() {
        let status = match n % 6 {
            0 | 1 => WordStatus::Known,
            2 => WordStatus::Learning(1),
            3 => WordStatus::Learning(3),
            _ => WordStatus::New,
        };
        vocabulary.set(&word.lemma, status, 1);
    }
    let tints = |index: usize| -> Vec<(std::ops::Range<usize>, egui::Color32)> {
        words
            .get(index)
            .into_iter()
            .flatten()
            .filter_map(|word| {
                let status = vocabulary.status(&word.lemma);
                matches!(status, WordStatus::New | WordStatus::Learning(_)).then(|| {
                    (
                        word.range.clone(),
                        hamish::ui::theme::word_status_fill(status),
                    )
                })
            })
            .collect()
    };
    let mut step = 0u32;
    bencher.bench_local(|| {
        step += 1;
        let delta = if (step / 200).is_multiple_of(2) {
            -90.0
        } else {
            90.0
        };
        support::reading_frame_highlighted(
            &ctx,
            &mut view,
            &article,
            scroll_input(delta),
            20.0,
            &tints,
        )
    });
}

/// From the bytes of an article to its first tessellated frame, in a running app
/// (fonts loaded, some glyphs in the atlas): decoding, normalising, sectioning,
/// estimating heights, laying out what is on screen. Every iteration opens a
/// different article, so no layout is cached.
#[divan::bench(sample_count = 20)]
fn open_to_first_frame(bencher: divan::Bencher<'_, '_>) {
    let ctx = Context::default();
    frame(
        &ctx,
        &mut ReadingView::default(),
        &parse_article("نص"),
        input(Vec::new()),
    );
    let text = synthetic_text();
    let mut iteration = 0;
    bencher
        .with_inputs(|| {
            iteration += 1;
            text.replace(" (", &format!(" [{iteration}] ("))
        })
        .bench_local_values(|text| {
            let article = support::import_bytes(text.as_bytes());
            let mut view = ReadingView::default();
            frame(&ctx, &mut view, &article, input(Vec::new()))
        });
}

/// The same from a cold start: a new context, so the fonts are loaded too.
#[divan::bench(sample_count = 10)]
fn open_to_first_frame_cold(bencher: divan::Bencher<'_, '_>) {
    let text = synthetic_text();
    bencher.bench_local(|| {
        let ctx = Context::default();
        let article = support::import_bytes(text.as_bytes());
        let mut view = ReadingView::default();
        frame(&ctx, &mut view, &article, input(Vec::new()))
    });
}

/// One frame with the pointer on a new sentence and the page scrolling: the scroll
/// frame with linked sentences lit.
#[divan::bench(sample_count = 400)]
fn hover_frame(bencher: divan::Bencher<'_, '_>) {
    let (ctx, mut view, article) = opened();
    let mut step = 0u32;
    bencher.bench_local(|| {
        step += 1;
        let delta = if (step / 200).is_multiple_of(2) {
            40.0
        } else {
            -40.0
        };
        frame(&ctx, &mut view, &article, hover_input(step, delta))
    });
}

/// One frame after the sentence cursor moved a sentence down.
#[divan::bench(sample_count = 400)]
fn sentence_cursor_frame(bencher: divan::Bencher<'_, '_>) {
    let (ctx, mut view, article) = opened();
    bencher.bench_local(|| {
        view.move_sentence_cursor(1, &article);
        frame(&ctx, &mut view, &article, input(Vec::new()))
    });
}

/// Aligning one row's sentences with its translation's (what a frame pays once for a
/// row first pointed at): a seed paragraph against itself.
#[divan::bench(sample_count = 200)]
fn align_one_row(bencher: divan::Bencher<'_, '_>) {
    let text = synthetic_text();
    let rows: Vec<&str> = text.lines().take(50).collect();
    let mut row = 0;
    bencher.bench_local(|| {
        row = (row + 1) % rows.len();
        hamish::align::RowLinks::new(rows[row], rows[row])
            .links
            .len()
    });
}

/// Parsing alone, to see its share of opening.
#[divan::bench(sample_count = 20)]
fn parse_10k_sections(bencher: divan::Bencher<'_, '_>) {
    let text = synthetic_text();
    bencher.bench_local(|| parse_article(&text).sections.len());
}
