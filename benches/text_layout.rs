//! Laying paragraphs out, against same-run baselines.
//!
//! The paragraphs are the sample articles' (assets/samples, the seed articles), in
//! Amiri at 20 px, wrapped to 600 px. Rows of the budget table (BENCHMARKS.md):
//!
//! - `ours_cold`: shape + bidi + wrap with empty caches (fonts loaded): ≤ 1.0× harfrust.
//! - `ours_warm_words`: the last article, after the others were read (the word cache
//!   warm, the paragraphs new): ≤ 0.3× harfrust shaping that article.
//! - `ours_rewrap`: every paragraph again at a new width: ≤ 0.1× harfrust.
//! - `ours_all_words_kept`: the last article again after its paragraphs left the
//!   caches, every word still kept: what laying out costs when no word is new (the
//!   part of the warm row the word cache decides).
//!
//! With the warm row, `main` prints how many of the last article's words were found
//! kept and what harfrust takes to shape only its new words, each alone (as any
//! word-level cache must): the floor of the warm row for these articles.
//!
//! Baselines: `harfrust` (the shaper cosmic-text uses, same version, same font, each
//! paragraph shaped whole as one run, the plan and buffer reused: the floor for
//! shaping, without bidi or wrapping); `egui` (egui's own layout of the same text with
//! Amiri as its font: no bidi, wrong for Arabic, but what egui costs); and HarfBuzz's
//! `hb-shape` where it is installed (timed as a process over many iterations).
//!
//! Before divan's own figures, `main` times each of them in interleaved rounds and
//! prints the medians as ratios to the baselines, so the ratios come from one run on a
//! noisy shared machine. `cargo test --benches` runs all of it once, quickly.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::epaint::text::{FontData, FontDefinitions, Fonts, LayoutJob, TextOptions};
use egui::{Color32, FontFamily as EguiFamily, FontId};
use hamish::text::{TextEngine, TextStyle};

const AMIRI: &[u8] = include_bytes!("../fonts/Amiri-Regular.ttf");
const WIDTH_PT: f32 = 600.0;
const SIZE_PT: f32 = 20.0;

fn main() {
    let articles = support::sample_articles();
    let all: Vec<String> = articles.iter().flatten().cloned().collect();
    let chars: usize = all.iter().map(|p| p.chars().count()).sum();
    println!(
        "{} paragraphs in {} articles, {chars} characters",
        all.len(),
        articles.len()
    );
    summary(&articles, &all);
    divan::main();
}

/// Medians of interleaved rounds, printed beside their baselines and budgets.
fn summary(articles: &[Vec<String>], all: &[String]) {
    let rounds = if support::full_run() { 40 } else { 1 };
    let last = articles.last().expect("articles");
    let mut harfrust = HarfRust::new();
    let mut egui_fonts = egui_fonts();
    let mut times: [Vec<Duration>; 8] = Default::default();
    let new_words = new_words_of_last(articles);
    let mut width = WIDTH_PT;
    for _ in 0..rounds {
        times[0].push(timed(|| harfrust.shape_all(all)));
        let mut engine = loaded_engine();
        times[1].push(timed(|| lay_out(&mut engine, all, WIDTH_PT)));
        times[2].push(timed(|| harfrust.shape_all(last)));
        let mut engine = read_all_but_last(articles);
        times[3].push(timed(|| lay_out(&mut engine, last, WIDTH_PT)));
        let mut engine = loaded_engine();
        lay_out(&mut engine, all, WIDTH_PT);
        width -= 1.0;
        times[4].push(timed(|| lay_out(&mut engine, all, width)));
        times[5].push(timed(|| egui_layout(&mut egui_fonts, all)));
        let mut engine = read_all_but_last(articles);
        lay_out(&mut engine, last, WIDTH_PT);
        engine.forget_paragraphs();
        times[6].push(timed(|| lay_out(&mut engine, last, WIDTH_PT)));
        times[7].push(timed(|| harfrust.shape_words(&new_words)));
    }
    let [
        hr_all,
        cold,
        hr_last,
        warm,
        rewrap,
        egui_all,
        all_kept,
        hr_new_words,
    ] = times.map(median);
    let (reused, shaped) = {
        let mut engine = read_all_but_last(articles);
        let before = engine.stats();
        lay_out(&mut engine, last, WIDTH_PT);
        let after = engine.stats();
        (
            after.words_reused - before.words_reused,
            after.words_shaped - before.words_shaped,
        )
    };
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!("medians of {rounds} interleaved rounds (ratios to harfrust in the same run):");
    println!("  harfrust, all paragraphs            {hr_all:>10.2?}  1.00×");
    println!(
        "  ours, cold caches                   {cold:>10.2?}  {:.2}×  (budget ≤ 1.0×)",
        ratio(cold, hr_all)
    );
    println!(
        "  ours, warm words (last article)     {warm:>10.2?}  {:.2}× harfrust's {hr_last:.2?}  (budget ≤ 0.3×)",
        ratio(warm, hr_last)
    );
    println!(
        "    its words: {reused} found kept, {shaped} new ({:.0} % kept); harfrust shaping the new ones alone: {hr_new_words:.2?}, {:.2}× (the floor of this row)",
        100.0 * reused as f64 / (reused + shaped).max(1) as f64,
        ratio(hr_new_words, hr_last)
    );
    println!(
        "  ours, every word kept (same article) {all_kept:>9.2?}  {:.2}× harfrust's {hr_last:.2?}",
        ratio(all_kept, hr_last)
    );
    println!(
        "  ours, re-wrap at a new width        {rewrap:>10.2?}  {:.2}×  (budget ≤ 0.1×)",
        ratio(rewrap, hr_all)
    );
    println!(
        "  egui's own layout (no bidi)         {egui_all:>10.2?}  {:.2}×",
        ratio(egui_all, hr_all)
    );
    match hb_shape(all, if support::full_run() { 200 } else { 2 }) {
        Some(hb) => println!(
            "  hb-shape (HarfBuzz, C)              {hb:>10.2?}  {:.2}×",
            ratio(hb, hr_all)
        ),
        None => println!("  hb-shape not installed (apt-get install libharfbuzz-bin): skipped"),
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> Duration {
    let started = Instant::now();
    divan::black_box(f());
    started.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn style() -> TextStyle {
    TextStyle::body(SIZE_PT)
}

/// An engine with its fonts loaded and nothing else cached.
fn loaded_engine() -> TextEngine {
    let mut engine = TextEngine::new();
    engine.layout("ا b", &style(), WIDTH_PT, 1.0);
    engine
}

/// An engine that has read every article but the last.
fn read_all_but_last(articles: &[Vec<String>]) -> TextEngine {
    let mut engine = loaded_engine();
    for article in &articles[..articles.len() - 1] {
        lay_out(&mut engine, article, WIDTH_PT);
    }
    engine
}

fn lay_out(engine: &mut TextEngine, paragraphs: &[String], width_pt: f32) -> usize {
    paragraphs
        .iter()
        .map(|text| engine.layout(text, &style(), width_pt, 1.0).glyph_count())
        .sum()
}

/// The words (as split at spaces) of the last article that none of the others has,
/// each once.
fn new_words_of_last(articles: &[Vec<String>]) -> Vec<String> {
    let (last, others) = articles.split_last().expect("articles");
    let seen: std::collections::HashSet<&str> = others
        .iter()
        .flatten()
        .flat_map(|paragraph| paragraph.split_whitespace())
        .collect();
    let mut new: Vec<String> = last
        .iter()
        .flat_map(|paragraph| paragraph.split_whitespace())
        .filter(|word| !seen.contains(word))
        .map(str::to_owned)
        .collect();
    new.sort();
    new.dedup();
    new
}

/// harfrust with Amiri, each paragraph shaped whole: plans and buffer reused.
struct HarfRust {
    data: harfrust::ShaperData,
    font: harfrust::FontRef<'static>,
    plans: Vec<harfrust::ShapePlan>,
    buffer: Option<harfrust::UnicodeBuffer>,
}

impl HarfRust {
    fn new() -> Self {
        let font = harfrust::FontRef::new(AMIRI).expect("Amiri parses");
        Self {
            data: harfrust::ShaperData::new(&font),
            font,
            plans: Vec::new(),
            buffer: None,
        }
    }

    /// Each of `words` shaped alone, right to left.
    fn shape_words(&mut self, words: &[String]) -> usize {
        self.shape_all(words)
    }

    fn shape_all(&mut self, paragraphs: &[String]) -> usize {
        let shaper = self.data.shaper(&self.font).build();
        let mut glyphs = 0;
        for text in paragraphs {
            let mut buffer = self.buffer.take().unwrap_or_default();
            buffer.push_str(text);
            buffer.guess_segment_properties();
            let key = harfrust::ShapePlanKey::new(Some(buffer.script()), buffer.direction());
            let plan = match self.plans.iter().position(|plan| key.matches(plan)) {
                Some(index) => &self.plans[index],
                None => {
                    self.plans.push(harfrust::ShapePlan::new(
                        &shaper,
                        buffer.direction(),
                        Some(buffer.script()),
                        None,
                        &[],
                    ));
                    self.plans.last().expect("just pushed")
                }
            };
            let shaped = shaper.shape_with_plan(plan, buffer, &[]);
            glyphs += shaped.len();
            self.buffer = Some(shaped.clear());
        }
        glyphs
    }
}

/// egui's fonts with Amiri first for proportional text.
fn egui_fonts() -> Fonts {
    let mut definitions = FontDefinitions::default();
    definitions
        .font_data
        .insert("Amiri".to_owned(), Arc::new(FontData::from_static(AMIRI)));
    definitions
        .families
        .entry(EguiFamily::Proportional)
        .or_default()
        .insert(0, "Amiri".to_owned());
    Fonts::new(TextOptions::default(), definitions)
}

fn egui_layout(fonts: &mut Fonts, paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|text| {
            let job = LayoutJob::simple(
                text.clone(),
                FontId::proportional(SIZE_PT),
                Color32::WHITE,
                WIDTH_PT,
            );
            fonts.layout_uncached(1.0, Arc::new(job)).rows.len()
        })
        .sum()
}

/// HarfBuzz's `hb-shape` on the same paragraphs, per pass: the time of `iterations`
/// passes less the time of one (the process start-up and the output), divided.
/// `None` when it is not installed.
fn hb_shape(paragraphs: &[String], iterations: u32) -> Option<Duration> {
    let dir = std::env::temp_dir().join(format!("hamish-bench-hb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let text = dir.join("paragraphs.txt");
    let font = dir.join("Amiri-Regular.ttf");
    std::fs::write(&text, paragraphs.join("\n")).ok()?;
    std::fs::write(&font, AMIRI).ok()?;
    let run = |n: u32| -> Option<Duration> {
        let started = Instant::now();
        let status = std::process::Command::new("hb-shape")
            .arg(&font)
            .arg(format!("--text-file={}", text.display()))
            .arg(format!("--num-iterations={n}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| started.elapsed())
    };
    let one = (0..3).filter_map(|_| run(1)).min()?;
    let many = run(iterations + 1)?;
    let _ = std::fs::remove_dir_all(&dir);
    Some(many.saturating_sub(one) / iterations)
}

#[divan::bench(sample_count = 30)]
fn harfrust_all(bencher: divan::Bencher<'_, '_>) {
    let all: Vec<String> = support::sample_articles().concat();
    let mut harfrust = HarfRust::new();
    bencher.bench_local(|| harfrust.shape_all(&all));
}

#[divan::bench(sample_count = 30)]
fn harfrust_last_article(bencher: divan::Bencher<'_, '_>) {
    let articles = support::sample_articles();
    let last = articles.last().expect("articles").clone();
    let mut harfrust = HarfRust::new();
    bencher.bench_local(|| harfrust.shape_all(&last));
}

#[divan::bench(sample_count = 30)]
fn ours_cold(bencher: divan::Bencher<'_, '_>) {
    let all: Vec<String> = support::sample_articles().concat();
    bencher
        .with_inputs(loaded_engine)
        .bench_local_values(|mut engine| {
            lay_out(&mut engine, &all, WIDTH_PT);
            engine
        });
}

#[divan::bench(sample_count = 30)]
fn ours_warm_words(bencher: divan::Bencher<'_, '_>) {
    let articles = support::sample_articles();
    let last = articles.last().expect("articles").clone();
    bencher
        .with_inputs(|| read_all_but_last(&articles))
        .bench_local_values(|mut engine| {
            lay_out(&mut engine, &last, WIDTH_PT);
            engine
        });
}

#[divan::bench(sample_count = 30)]
fn ours_rewrap(bencher: divan::Bencher<'_, '_>) {
    let all: Vec<String> = support::sample_articles().concat();
    let mut engine = loaded_engine();
    lay_out(&mut engine, &all, WIDTH_PT);
    let mut width = WIDTH_PT;
    bencher.bench_local(|| {
        // A width not laid out before (the layout cache holds the last few).
        width = if width < 200.0 { WIDTH_PT } else { width - 1.0 };
        lay_out(&mut engine, &all, width)
    });
}

#[divan::bench(sample_count = 30)]
fn ours_all_words_kept(bencher: divan::Bencher<'_, '_>) {
    let articles = support::sample_articles();
    let last = articles.last().expect("articles").clone();
    let mut engine = read_all_but_last(&articles);
    bencher.bench_local(|| {
        lay_out(&mut engine, &last, WIDTH_PT);
        engine.forget_paragraphs();
    });
}

#[divan::bench(sample_count = 30)]
fn egui_own_layout(bencher: divan::Bencher<'_, '_>) {
    let all: Vec<String> = support::sample_articles().concat();
    let mut fonts = egui_fonts();
    bencher.bench_local(|| egui_layout(&mut fonts, &all));
}
