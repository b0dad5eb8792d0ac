//! Opening, from nothing to the first frame.
//!
//! - Start-up to the first frame of the sample folder (budget ≤ 300 ms): a new egui
//!   context and app opening `assets/samples`, frames run as events arrive (the
//!   folder is listed and the first article read in the background) until a frame
//!   shows the folder and its open article. Not counted: creating the window and GL
//!   context, which eframe does before the app exists.
//! - A 100,000-section article (a whole book) from its bytes to the first frame
//!   (budget ≤ 500 ms, ≤ 400 MB resident): printed first, in a fresh process, with
//!   the memory; then timed by divan.
//!
//! `cargo test --benches` runs both once, the book with 2,000 sections.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::Context;
use hamish::app::{HamishApp, Preferences, ReadingState};
use hamish::ui::ReadingView;

fn book_sections() -> usize {
    if support::full_run() { 100_000 } else { 2_000 }
}

fn main() {
    let started = Instant::now();
    let frames = start_up();
    println!(
        "start-up to the first frame of the sample folder: {:.1?} ({frames} frames; budget ≤ 300 ms)",
        started.elapsed()
    );
    let text = support::synthetic_article_text(book_sections(), "");
    let before = support::resident_mb();
    let started = Instant::now();
    let ctx = Context::default();
    let article = support::import_bytes(text.as_bytes());
    let mut view = ReadingView::default();
    let vertices = support::reading_frame(&ctx, &mut view, &article);
    let elapsed = started.elapsed();
    assert!(vertices > 1000, "the first frame shows text");
    println!(
        "{} sections ({} MB of text) to the first frame: {elapsed:.1?} (budget ≤ 500 ms); resident memory {} MB (before opening {before} MB; budget ≤ 400 MB)",
        article.sections.len(),
        text.len() / (1024 * 1024),
        support::resident_mb(),
    );
    drop((article, view, ctx));
    divan::main();
}

/// Starts the app on the sample folder and runs frames until one shows the folder
/// and its open article; returns how many frames that took.
fn start_up() -> usize {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let ctx = Context::default();
    let mut app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(samples),
    )
    .without_system_dialogs();
    for frame in 1..=100 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 900.0),
            )),
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx());
            app.ui(ui);
        });
        output.textures_delta.clear();
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        divan::black_box(primitives);
        let shown = app.library().is_some()
            && (app.open_article_path().is_none() || app.current_article().is_some());
        if shown {
            return frame;
        }
        // What eframe does between frames: sleep until something is reported.
        app.wait_for_background(Duration::from_millis(100));
    }
    panic!("the sample folder was not shown in 100 frames");
}

#[divan::bench(sample_count = 10)]
fn start_up_to_sample_folder() -> usize {
    start_up()
}

#[divan::bench(sample_count = 5)]
fn book_to_first_frame(bencher: divan::Bencher<'_, '_>) {
    let text = support::synthetic_article_text(book_sections(), "");
    let ctx = Context::default();
    support::reading_frame(
        &ctx,
        &mut ReadingView::default(),
        &support::import_bytes("نص".as_bytes()),
    );
    let mut iteration = 0;
    bencher
        .with_inputs(|| {
            // A different book each time, so nothing is cached.
            iteration += 1;
            text.replace(" (", &format!(" [{iteration}] ("))
        })
        .bench_local_values(|text| {
            let article = support::import_bytes(text.as_bytes());
            let mut view = ReadingView::default();
            support::reading_frame(&ctx, &mut view, &article)
        });
}
