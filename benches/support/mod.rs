//! What the benchmarks share. Each bench uses part of it.
#![allow(dead_code)]

/// Resident memory of this process, in megabytes (Linux; 0 where it cannot be read).
pub fn resident_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}

/// What the app does with an article file's bytes before showing it: decode,
/// normalise, section.
pub fn import_bytes(bytes: &[u8]) -> hamish::model::Article {
    use hamish::import::{ArticleFormat, decode, import_decoded};
    match decode(bytes, true) {
        Ok(decoded) => import_decoded(decoded, ArticleFormat::PlainText).article,
        Err(error) => panic!("benchmark articles decode: {error}"),
    }
}

/// Whether this is a full benchmark run (`cargo bench`, which passes `--bench`) rather
/// than the quick check of `cargo test --benches`, which runs each benchmark once:
/// heavy set-ups are scaled down then.
pub fn full_run() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// The paragraphs (lines longer than 40 bytes) of each right-to-left sample article,
/// in file-name order.
pub fn sample_articles() -> Vec<Vec<String>> {
    let samples = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut files: Vec<_> = std::fs::read_dir(samples)
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| hamish::import::is_article_path(path))
        .filter(|path| !path.to_string_lossy().ends_with(".en.txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            std::fs::read_to_string(file)
                .expect("sample")
                .lines()
                .map(str::trim)
                .filter(|line| line.len() > 40)
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// Peak resident memory of this process so far, in megabytes (Linux; 0 elsewhere).
pub fn peak_resident_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kb| kb / 1024)
}

/// An article of `sections` sections made of the sample paragraphs, each numbered
/// with `tag` so no two sections (and no two articles with different tags) share a
/// text.
pub fn synthetic_article_text(sections: usize, tag: &str) -> String {
    let paragraphs: Vec<String> = sample_articles().concat();
    (0..sections)
        .map(|i| format!("{} ({tag}{i})\n", paragraphs[i % paragraphs.len()]))
        .collect()
}

/// One pass of the reading view over `article` in a 1280 × 900 window, with empty
/// translation and notes columns, and its tessellation; returns the vertices drawn.
pub fn reading_frame(
    ctx: &egui::Context,
    view: &mut hamish::ui::ReadingView,
    article: &hamish::model::Article,
) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 900.0),
        )),
        ..egui::RawInput::default()
    };
    reading_frame_with(ctx, view, article, input, 20.0)
}

/// A translation column that shows each section's own text again, in the translation's
/// size: a translation as long as its article, to measure the page with two texts. Its
/// sentences are linked to the article's like a translation's.
struct EchoColumn<'a> {
    article: &'a hamish::model::Article,
    /// The row whose linked sentences are set, and their spans.
    linked: (usize, Vec<std::ops::Range<usize>>),
}

impl hamish::ui::ColumnCells for EchoColumn<'_> {
    fn title(&self) -> &str {
        "Translation"
    }

    fn status(&self) -> String {
        String::new()
    }

    fn linked_text(&self, index: usize) -> Option<&str> {
        Some(self.article.sections.get(index)?.text.as_str())
    }

    fn mark_linked(&mut self, index: usize, ranges: &[std::ops::Range<usize>]) {
        self.linked = (index, ranges.to_vec());
    }

    fn cell(&mut self, ui: &mut egui::Ui, index: usize, section: &hamish::model::Section) {
        let linked: &[std::ops::Range<usize>] = if self.linked.0 == index {
            &self.linked.1
        } else {
            &[]
        };
        hamish::ui::TextBlock::new(&section.text)
            .style(hamish::text::TextStyle::body(16.0))
            .selectable(false)
            .marked(
                linked,
                egui::Color32::from_rgba_unmultiplied(20, 170, 170, 70),
            )
            .reports_pointer()
            .id_salt(("echo", section.id))
            .show(ui);
    }
}

/// The layout the reading view is measured in: `HAMISH_BENCH_LAYOUT` (`side-by-side`,
/// `interleaved`, `article-only`, `translation-only`), side by side when unset.
pub fn bench_layout() -> hamish::ui::Layout {
    use hamish::ui::Layout;
    match std::env::var("HAMISH_BENCH_LAYOUT").as_deref() {
        Ok("interleaved") => Layout::Interleaved,
        Ok("article-only") => Layout::ArticleOnly,
        Ok("translation-only") => Layout::TranslationOnly,
        _ => Layout::SideBySide,
    }
}

/// Whether the reading view is measured with word-by-word glosses under the
/// article's words: `HAMISH_BENCH_WORD_BY_WORD=1`.
pub fn bench_word_by_word() -> bool {
    std::env::var("HAMISH_BENCH_WORD_BY_WORD").is_ok_and(|value| value == "1")
}

/// Glosses made per (section, length of its text), as the app keeps them.
type KeptGlosses =
    std::collections::HashMap<(usize, usize), std::sync::Arc<Vec<hamish::text::Interlinear>>>;

thread_local! {
    static GLOSSES: std::cell::RefCell<KeptGlosses> = std::cell::RefCell::default();
}

/// The word-by-word glosses of a section, made as the app makes them (the first
/// analysis's short gloss of each Arabic word) and kept.
fn word_glosses(
    index: usize,
    text: &str,
) -> Option<std::sync::Arc<Vec<hamish::text::Interlinear>>> {
    static ANALYZER: std::sync::OnceLock<hamish::gloss::Analyzer> = std::sync::OnceLock::new();
    let analyzer = ANALYZER.get_or_init(|| {
        hamish::gloss::Analyzer::load(&hamish::gloss::default_folder()).expect("the lexicon")
    });
    GLOSSES
        .with_borrow_mut(|kept| {
            kept.entry((index, text.len()))
                .or_insert_with(|| {
                    let mut glosses = Vec::new();
                    let mut offset = 0;
                    for piece in text.split_inclusive(char::is_whitespace) {
                        let word = piece.trim_end();
                        let range = offset..offset + word.len();
                        offset += piece.len();
                        if let Some(first) = analyzer.analyze(word).analyses.first() {
                            let text = hamish::gloss::report::short_gloss(first);
                            if !text.is_empty() {
                                glosses.push(hamish::text::Interlinear { range, text });
                            }
                        }
                    }
                    std::sync::Arc::new(glosses)
                })
                .clone()
        })
        .into()
}

/// The same pass with this `input` (window size, events) and body text of
/// `body_size_pt`.
pub fn reading_frame_with(
    ctx: &egui::Context,
    view: &mut hamish::ui::ReadingView,
    article: &hamish::model::Article,
    input: egui::RawInput,
    body_size_pt: f32,
) -> usize {
    reading_frame_highlighted(ctx, view, article, input, body_size_pt, &|_| Vec::new())
}

/// Painted spans of each section, as the app hands them to the reading view.
pub type SectionSpans<'a> = &'a dyn Fn(usize) -> Vec<(std::ops::Range<usize>, egui::Color32)>;

/// The same pass with `highlights` painted under the article's text.
pub fn reading_frame_highlighted(
    ctx: &egui::Context,
    view: &mut hamish::ui::ReadingView,
    article: &hamish::model::Article,
    input: egui::RawInput,
    body_size_pt: f32,
    highlights: SectionSpans<'_>,
) -> usize {
    use hamish::ui::{EmptyColumn, Page, PageLayout};
    let layout = bench_layout();
    let mut output = ctx.run_ui(input, |ui| {
        hamish::text::TextEngine::lock(&hamish::text::TextEngine::shared(ui.ctx())).begin_frame();
        egui::CentralPanel::default().show(ui, |ui| {
            // A translation as long as the article (its own text again), and no notes.
            let mut translation = EchoColumn {
                article,
                linked: (0, Vec::new()),
            };
            let mut notes = EmptyColumn {
                title: "Notes",
                status: "",
            };
            let mut page = Page {
                word_glosses: bench_word_by_word().then_some(&word_glosses as _),
                layout: PageLayout {
                    layout,
                    ..PageLayout::default()
                },
                translation: layout
                    .shows_translation()
                    .then_some(&mut translation as &mut dyn hamish::ui::ColumnCells),
                notes: Some(&mut notes),
                notes_shown: true,
                translation_measure_pt: hamish::ui::readable_measure_pt(16.0),
            };
            view.show(ui, article, body_size_pt, highlights, &mut page);
        });
    });
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
