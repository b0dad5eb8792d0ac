//! Frame time while a machine translation job runs: the whole app on an article of
//! 2,000 sections, scrolling, while a command engine translates the article on its
//! own thread and every result is put into the sidecar and shown (SPEC §7: the UI keeps
//! its frame budget meanwhile; the scroll budget is p99 ≤ 4 ms).
//!
//! The engine is `sed` (a process per section: real work on the machine's other
//! core, as an engine's would be). The job is started again whenever it finishes, so
//! every measured frame has one under way.

use std::time::{Duration, Instant};

use egui::{Context, Event, MouseWheelUnit, RawInput, Rect, vec2};
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::translate::{EngineConfig, EngineSettings};
use hamish::ui::machine_translation::{MachineCommand, TranslateScope};

const SECTIONS: usize = 2_000;

fn main() {
    let (_folder, ctx, mut app) = opened();
    let mut frame_times = Vec::new();
    for step in 0..1500u32 {
        keep_translating(&mut app, step);
        let started = Instant::now();
        frame(&ctx, &mut app, scroll_input(step));
        frame_times.push(started.elapsed());
    }
    let translated = app.translation_of_open_article().map_or(0, |column| {
        column.rows.iter().filter(|row| row.cell.is_some()).count()
    });
    assert!(
        translated > 10,
        "the job translated while frames ran: {translated}"
    );
    frame_times.sort();
    let percentile = |p: usize| frame_times[frame_times.len() * p / 100];
    println!(
        "frames while translating {SECTIONS} sections ({translated} done): median {:?}, p95 {:?}, p99 {:?}, max {:?}",
        percentile(50),
        percentile(95),
        percentile(99),
        frame_times[frame_times.len() - 1]
    );
    divan::main();
}

fn article_text() -> String {
    (0..SECTIONS)
        .map(|i| format!("اجتمع مجلس الأمن اليوم في جلسة طارئة لبحث الوضع ({i}).\n\n"))
        .collect()
}

fn opened() -> (tempfile::TempDir, Context, HamishApp) {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("long.txt");
    std::fs::write(&path, article_text()).expect("article");
    let preferences = Preferences {
        translation_engine: EngineSettings {
            engine: EngineConfig::Command {
                command: "sed 's/^/EN: /'".to_owned(),
            },
            ..EngineSettings::default()
        },
        ..Preferences::default()
    };
    let mut app = HamishApp::new(preferences, ReadingState::default(), Some(path));
    let ctx = Context::default();
    for _ in 0..200 {
        app.wait_for_background(Duration::from_secs(30));
        frame(&ctx, &mut app, input(Vec::new()));
        if app.translation_of_open_article().is_some() {
            break;
        }
    }
    assert!(
        app.translation_of_open_article().is_some(),
        "the article opened"
    );
    (folder, ctx, app)
}

/// Starts translating the article again when no job is under way.
fn keep_translating(app: &mut HamishApp, step: u32) {
    if step.is_multiple_of(100) {
        app.command(Command::Machine(MachineCommand::Translate(
            TranslateScope::Article,
        )));
    }
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
fn frame_while_translating(bencher: divan::Bencher<'_, '_>) {
    let (_folder, ctx, mut app) = opened();
    let mut step = 0u32;
    bencher.bench_local(|| {
        step += 1;
        keep_translating(&mut app, step);
        frame(&ctx, &mut app, scroll_input(step))
    });
}
