//! The reading view under load: a synthetic article of 10,000 sections made from the
//! seed paragraphs.
//!
//! - `scroll_frame`: one egui pass plus tessellation while scrolling (budget: median
//!   ≤ 1 ms).
//! - `open_to_first_frame`: from the article's text to its first tessellated frame
//!   (budget: ≤ 100 ms).
//!
//! Before the benchmarks run, the resident memory after opening and scrolling through
//! part of the article is printed (budget: ≤ 250 MB).

use std::path::PathBuf;

use egui::{Context, Event, MouseWheelUnit, RawInput, Rect, vec2};
use hamish::import::parse_article;
use hamish::model::Article;
use hamish::ui::{Columns, ReadingView};

const SECTIONS: usize = 10_000;

fn main() {
    let (ctx, mut view, article) = opened();
    for _ in 0..300 {
        frame(&ctx, &mut view, &article, scroll_input(-120.0));
    }
    println!(
        "resident memory after opening {SECTIONS} sections and scrolling: {} MB",
        resident_mb()
    );
    divan::main();
}

/// The seed paragraphs repeated, each copy numbered so every section is distinct.
fn synthetic_text() -> String {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paragraphs = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|e| e.expect("entry").path())
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
    (0..SECTIONS)
        .map(|i| format!("{} ({i})\n", paragraphs[i % paragraphs.len()]))
        .collect()
}

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(egui::Pos2::ZERO, vec2(1280.0, 900.0))),
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

/// One pass and its tessellation.
fn frame(ctx: &Context, view: &mut ReadingView, article: &Article, input: RawInput) -> usize {
    let output = ctx.run_ui(input, |ui| {
        hamish::text::TextEngine::lock(&hamish::text::TextEngine::shared(ui.ctx())).begin_frame();
        egui::CentralPanel::default()
            .show(ui, |ui| view.show(ui, article, Columns::default(), 20.0));
    });
    let mut output = output;
    // No renderer here: the glyph uploads are dropped.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
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

/// A fresh context each time, so nothing is cached: the time includes loading the
/// bundled fonts, which the app does once at start-up, so it errs on the slow side.
#[divan::bench(sample_count = 20)]
fn open_to_first_frame(bencher: divan::Bencher<'_, '_>) {
    let text = synthetic_text();
    bencher.bench_local(|| {
        let ctx = Context::default();
        let article = parse_article(&text);
        let mut view = ReadingView::default();
        frame(&ctx, &mut view, &article, input(Vec::new()))
    });
}

fn resident_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}
