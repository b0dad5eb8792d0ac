//! Frame time while the sentence aligner runs: the whole app on an article of 5,000
//! sections (each a sentence of samples 002 and 003, over and over) whose English
//! companion has one sentence a line (5,500 lines: it does not line up one to one,
//! so it is aligned sentence by sentence on its own thread), scrolling. Whenever an
//! alignment finishes, the reader moves a sentence (a new pin), which aligns again:
//! every measured frame has the aligner running on the other core (SPEC §7: frames
//! within the scroll budget meanwhile, p99 ≤ 4 ms).
//!
//! `cargo test --benches` runs it once with 500 sections and 200 frames.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Context, Event, MouseWheelUnit, RawInput, Rect, vec2};
use hamish::align::split;
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::import::read_article;
use hamish::ui::translation::TranslationCommand;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `sections` Arabic sentences as sections and their English one sentence a line.
fn texts(sections: usize) -> (String, String) {
    let mut arabic = Vec::new();
    let mut english = Vec::new();
    for (name, sample) in [
        ("002", "002_9ffee1fcac2a99ef.txt"),
        ("003", "003_2dd66c1bbdc4b7f0.txt"),
    ] {
        let article = read_article(&root().join("assets/samples").join(sample)).expect("sample");
        let texts: Vec<&str> = article.sections.iter().map(|s| s.text.as_str()).collect();
        arabic.extend(
            split(&texts)
                .iter()
                .map(|s| texts[s.block][s.range.clone()].trim().to_owned()),
        );
        english.extend(
            std::fs::read_to_string(root().join(format!("tests/fixtures/align/{name}.en.tsv")))
                .expect("tagged translation")
                .lines()
                .filter(|line| !line.starts_with('#'))
                .filter_map(|line| Some(line.split_once('\t')?.1.to_owned())),
        );
    }
    let rounds = sections.div_ceil(arabic.len());
    let again = |texts: &[String]| -> String {
        (0..rounds)
            .flat_map(|_| texts.iter().cloned())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    (again(&arabic), again(&english).replace("\n\n", "\n"))
}

fn main() {
    let (sections, frames) = if support::full_run() {
        (5_000, 1_500)
    } else {
        (500, 200)
    };
    let (_folder, ctx, mut app) = opened(sections);
    let mut frame_times = Vec::new();
    let mut aligning_frames = 0;
    let mut moves = 0;
    for step in 0..frames {
        moves += keep_aligning(&mut app, step);
        let aligning = app.is_aligning();
        let started = Instant::now();
        frame(&ctx, &mut app, scroll_input(step));
        let took = started.elapsed();
        if aligning {
            aligning_frames += 1;
            frame_times.push(took);
        }
    }
    assert!(
        !frame_times.is_empty(),
        "the aligner ran while frames were drawn"
    );
    print_percentiles(
        &format!(
            "frames while aligning {sections} sections ({aligning_frames} of {frames} frames with the aligner running, {moves} sentence moves)"
        ),
        frame_times,
    );
    // The same frames with the aligner idle, in the same run: what the machine's load
    // costs without it.
    assert!(app.wait_for_background(Duration::from_secs(600)));
    let idle: Vec<Duration> = (0..frames)
        .map(|step| {
            let started = Instant::now();
            frame(&ctx, &mut app, scroll_input(step));
            started.elapsed()
        })
        .collect();
    assert!(!app.is_aligning());
    print_percentiles("the same frames, the aligner idle", idle);
    divan::main();
}

fn print_percentiles(what: &str, mut frame_times: Vec<Duration>) {
    frame_times.sort();
    let percentile = |p: usize| frame_times[frame_times.len() * p / 100];
    println!(
        "{what}: median {:?}, p95 {:?}, p99 {:?}, max {:?} (budget: median ≤ 1 ms, p99 ≤ 4 ms)",
        percentile(50),
        percentile(95),
        percentile(99),
        frame_times[frame_times.len() - 1]
    );
}

fn opened(sections: usize) -> (tempfile::TempDir, Context, HamishApp) {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("long.txt");
    let (arabic, english) = texts(sections);
    std::fs::write(&path, arabic).expect("article");
    std::fs::write(folder.path().join("long.en.txt"), english).expect("translation");
    let mut app = HamishApp::new(Preferences::default(), ReadingState::default(), Some(path));
    let ctx = Context::default();
    for _ in 0..200 {
        // Not the aligner: the article and its files.
        std::thread::sleep(Duration::from_millis(5));
        frame(&ctx, &mut app, input(Vec::new()));
        if app.translation_of_open_article().is_some() && app.is_aligning() {
            break;
        }
    }
    assert!(app.is_aligning(), "the article opened and is being aligned");
    (folder, ctx, app)
}

/// When no alignment is under way, the reader moves a sentence (so it aligns again
/// around the new pin); 1 if they did.
fn keep_aligning(app: &mut HamishApp, step: u32) -> usize {
    if app.is_aligning() {
        return 0;
    }
    let row = 2 + (step as usize % 50);
    app.command(Command::Translation(TranslationCommand::MoveSentence {
        row,
        to_next: step.is_multiple_of(2),
    }));
    1
}

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(egui::Pos2::ZERO, vec2(1280.0, 900.0))),
        events,
        ..RawInput::default()
    }
}

fn scroll_input(step: u32) -> RawInput {
    let delta = if (step / 300).is_multiple_of(2) {
        -90.0
    } else {
        90.0
    };
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

/// One frame of the app (logic, then UI) and its tessellation.
fn frame(ctx: &Context, app: &mut HamishApp, input: RawInput) -> usize {
    let mut output = ctx.run_ui(input, |ui| {
        app.logic(ui.ctx());
        app.ui(ui);
    });
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

#[divan::bench(sample_count = 300)]
fn frame_while_aligning(bencher: divan::Bencher<'_, '_>) {
    let sections = if support::full_run() { 5_000 } else { 500 };
    let (_folder, ctx, mut app) = opened(sections);
    let mut step = 0u32;
    bencher.bench_local(|| {
        step += 1;
        keep_aligning(&mut app, step);
        frame(&ctx, &mut app, scroll_input(step))
    });
}
