//! Resident memory after reading 50 long articles one after another (budget:
//! ≤ 250 MB): every cache of the text engine (layouts, shaped paragraphs, shaped
//! words, glyph atlas, meshes) is bounded, so reading more does not keep more.
//!
//! Each article has 400 sections, none sharing a text with another article; each is
//! imported from its bytes, opened in a new reading view and read to its end a few
//! sections a frame, as a reader skimming it would. Printed: resident memory after
//! the first article, every tenth, after all, and the peak; the engine's cache sizes
//! at the end.
//! `cargo test --benches` runs it on 3 short articles.

mod support;

use egui::Context;
use hamish::text::TextEngine;
use hamish::ui::ReadingView;

fn main() {
    let (articles, sections) = if support::full_run() {
        (50, 400)
    } else {
        (3, 40)
    };
    let ctx = Context::default();
    let before = support::resident_mb();
    let mut after_first = 0;
    for a in 0..articles {
        let text = support::synthetic_article_text(sections, &format!("{a}·"));
        let article = support::import_bytes(text.as_bytes());
        let mut view = ReadingView::default();
        let mut section = 0;
        while section < sections {
            view.scroll_to_section(section);
            support::reading_frame(&ctx, &mut view, &article);
            section += 4;
        }
        if a == 0 {
            after_first = support::resident_mb();
        }
        if (a + 1) % 10 == 0 {
            println!("after {} articles: {} MB", a + 1, support::resident_mb());
        }
    }
    let stats = TextEngine::lock(&TextEngine::shared(&ctx)).stats();
    println!(
        "resident memory: {before} MB at start, {after_first} MB after the first article, {} MB after {articles} articles of {sections} sections (budget ≤ 250 MB), peak {} MB",
        support::resident_mb(),
        support::peak_resident_mb()
    );
    println!("text engine at the end: {stats:?}");
    divan::main();
}
