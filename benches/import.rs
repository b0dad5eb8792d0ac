//! The importer under load.
//!
//! - `list_folder_10000`: listing a generated folder of 10,000 articles in 20
//!   sub-folders, without reading them.
//! - `open_folder_to_listed_frame`: from asking the app to open that folder to the
//!   first frame that shows its list (budget: ≤ 300 ms to a usable list).
//! - `summarize_10000`: the background pass that fills in the 10,000 titles.
//! - `parse_seeds`: decoding and sectioning the five seed articles, as UTF-8 and as
//!   Windows-1256.
//!
//! Before the benchmarks run, the resident memory after listing and summarising the
//! 10,000 articles is printed: it should grow by a path and a title per article.

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use egui::{Context, RawInput, Rect, vec2};
use hamish::app::{Command, HamishApp, Preferences, ReadingState};
use hamish::import::{list_folder, summarize};

const ARTICLES: usize = 10_000;
const SUB_FOLDERS: usize = 20;

fn main() {
    let folder = big_folder();
    let before = support::resident_mb();
    let mut library = list_folder(folder).expect("listed");
    for entry in &mut library.entries {
        entry.summary = Some(summarize(&entry.path));
    }
    println!(
        "resident memory: {before} MB before, {} MB after listing and summarising {} articles",
        support::resident_mb(),
        library.entries.len()
    );
    divan::main();
}

/// The seed articles' texts.
fn seeds() -> Vec<String> {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut files: Vec<_> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| hamish::import::is_article_path(path))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| std::fs::read_to_string(file).expect("seed"))
        .collect()
}

/// A folder of 10,000 articles made from the seeds, made once and kept for the run.
fn big_folder() -> &'static Path {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            let folder = tempfile::tempdir().expect("temporary folder");
            let seeds = seeds();
            for i in 0..ARTICLES {
                let sub = folder.path().join(format!("مجلد {:02}", i % SUB_FOLDERS));
                std::fs::create_dir_all(&sub).expect("folder");
                let text = format!("مقال رقم {i}\n{}", seeds[i % seeds.len()]);
                std::fs::write(sub.join(format!("{i:05}.txt")), text).expect("write");
            }
            folder
        })
        .path()
}

#[divan::bench(sample_count = 20)]
fn list_folder_10000(bencher: divan::Bencher<'_, '_>) {
    let folder = big_folder();
    bencher.bench(|| list_folder(folder).expect("listed").entries.len());
}

fn frame(ctx: &Context, app: &mut HamishApp) {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(egui::Pos2::ZERO, vec2(1280.0, 900.0))),
        ..RawInput::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        app.logic(ui.ctx());
        app.ui(ui);
    });
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point);
}

/// A fresh app each time, on an empty folder; the fonts are loaded (and the first
/// frame drawn) before the clock starts, as they are at start-up before any folder is
/// opened.
#[divan::bench(sample_count = 10)]
fn open_folder_to_listed_frame(bencher: divan::Bencher<'_, '_>) {
    let folder = big_folder().canonicalize().expect("canonical");
    let empty = tempfile::tempdir().expect("temporary folder");
    bencher
        .with_inputs(|| {
            let ctx = Context::default();
            let mut app = HamishApp::new(
                Preferences::default(),
                ReadingState::default(),
                Some(empty.path().to_owned()),
            );
            frame(&ctx, &mut app);
            app.wait_for_background(Duration::from_secs(60));
            frame(&ctx, &mut app);
            (ctx, app)
        })
        .bench_local_values(|(ctx, mut app)| {
            app.command(Command::OpenPath(folder.clone()));
            loop {
                frame(&ctx, &mut app);
                if app.library().is_some_and(|library| library.root == folder) {
                    break;
                }
                std::thread::sleep(Duration::from_micros(100));
            }
            // One more frame: the first that draws the list.
            frame(&ctx, &mut app);
            (ctx, app)
        });
}

#[divan::bench(sample_count = 3)]
fn summarize_10000(bencher: divan::Bencher<'_, '_>) {
    let library = list_folder(big_folder()).expect("listed");
    bencher.bench(|| {
        library
            .entries
            .iter()
            .map(|entry| summarize(&entry.path).title.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn parse_seeds(bencher: divan::Bencher<'_, '_>) {
    let bytes: Vec<Vec<u8>> = seeds().into_iter().map(String::into_bytes).collect();
    bencher.bench(|| {
        bytes
            .iter()
            .map(|bytes| support::import_bytes(bytes).sections.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn parse_seeds_windows_1256(bencher: divan::Bencher<'_, '_>) {
    let bytes: Vec<Vec<u8>> = seeds()
        .iter()
        .map(|text| encoding_rs::WINDOWS_1256.encode(text).0.into_owned())
        .collect();
    bencher.bench(|| {
        bytes
            .iter()
            .map(|bytes| support::import_bytes(bytes).sections.len())
            .sum::<usize>()
    });
}
