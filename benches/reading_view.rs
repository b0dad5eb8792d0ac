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

mod support;

use std::path::PathBuf;
use std::time::Instant;

use egui::{Context, Event, MouseWheelUnit, RawInput, Rect, vec2};
use hamish::import::parse_article;
use hamish::model::Article;
use hamish::ui::{EmptyColumn, ReadingView, SideColumn, theme};

const SECTIONS: usize = 10_000;

fn main() {
    let (ctx, mut view, article) = opened();
    // Frame times over a long scroll, for the percentiles divan does not report.
    let mut frame_times = Vec::new();
    let mut furthest_section = 0;
    for step in 0..3000u32 {
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
        furthest_section > 100,
        "the view scrolled through many sections"
    );
    println!("scrolled down to section {furthest_section} and back");
    frame_times.sort();
    let percentile = |p: usize| frame_times[frame_times.len() * p / 100];
    println!(
        "scrolling {SECTIONS} sections, {} frames: median {:?}, p95 {:?}, p99 {:?}, max {:?}",
        frame_times.len(),
        percentile(50),
        percentile(95),
        percentile(99),
        frame_times[frame_times.len() - 1]
    );
    println!(
        "resident memory after opening {SECTIONS} sections and scrolling: {} MB",
        support::resident_mb()
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

/// One pass and its tessellation; returns the number of vertices drawn.
fn frame(ctx: &Context, view: &mut ReadingView, article: &Article, input: RawInput) -> usize {
    let output = ctx.run_ui(input, |ui| {
        hamish::text::TextEngine::lock(&hamish::text::TextEngine::shared(ui.ctx())).begin_frame();
        egui::CentralPanel::default().show(ui, |ui| {
            {
                // The columns of a reader with neither translation nor notes.
                let mut translation = EmptyColumn {
                    title: "Translation",
                    status: "",
                };
                let mut notes = EmptyColumn {
                    title: "Notes",
                    status: "",
                };
                let mut sides = [
                    SideColumn {
                        weight: theme::TRANSLATION_COLUMN_WEIGHT,
                        cells: &mut translation,
                    },
                    SideColumn {
                        weight: theme::NOTES_COLUMN_WEIGHT,
                        cells: &mut notes,
                    },
                ];
                view.show(ui, article, 20.0, &|_| Vec::new(), &mut sides)
            }
        });
    });
    let mut output = output;
    // No renderer here: the glyph uploads are dropped.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point)
        .iter()
        .map(|primitive| match &primitive.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
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

/// Parsing alone, to see its share of opening.
#[divan::bench(sample_count = 20)]
fn parse_10k_sections(bencher: divan::Bencher<'_, '_>) {
    let text = synthetic_text();
    bencher.bench_local(|| parse_article(&text).sections.len());
}
