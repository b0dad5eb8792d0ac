//! The glyph atlas grows, within a frame, when a page needs more glyphs than its
//! texture pages hold, and is emptied and refilled between frames rather than failing
//! once it outgrows its bound: a page of Arabic, Hebrew, Urdu and Latin in three
//! sizes, up to display sizes, is drawn whole, frame after frame.

mod common;

use egui::{Color32, Context, Pos2, RawInput, Rect, pos2, vec2};
use hamish::text::{FontFamily, ParagraphLayout, TextEngine, TextStyle};

const ARABIC: &str = "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر، نقلاً عن وزارة الدفاع في قرغيزستان، أن القوات المسلحة ستجري مناورات واسعة في الجنوب.";
const HEBREW: &str =
    "שלום עולם, זהו משפט ארוך בעברית עם ניקוד: בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ.";
const URDU: &str =
    "اردو ایک ہند آریائی زبان ہے جو نستعلیق رسم الخط میں لکھی جاتی ہے اور پاکستان کی قومی زبان ہے۔";
const LATIN: &str =
    "The quick brown fox jumps over the lazy dog: QUICK BROWN FOX, 0123456789 (áéíóú ÀÈÌÒÙ).";

/// The page: every script in three sizes, the largest at display size.
fn page() -> Vec<(&'static str, TextStyle)> {
    let mut page = Vec::new();
    for size in [14.0, 40.0, 110.0] {
        for (text, family) in [
            (ARABIC, FontFamily::Naskh),
            (HEBREW, FontFamily::Hebrew),
            (URDU, FontFamily::Nastaliq),
            (LATIN, FontFamily::Sans),
        ] {
            page.push((
                text,
                TextStyle {
                    family,
                    ..TextStyle::body(size)
                },
            ));
        }
    }
    page
}

const WIDTH: f32 = 2400.0;

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(WIDTH, 30_000.0))),
        ..RawInput::default()
    }
}

/// Paints `layouts` one under the other in one frame; returns the vertices drawn
/// (four per glyph image).
fn paint_frame(
    ctx: &Context,
    engine: &mut TextEngine,
    layouts: &[std::sync::Arc<ParagraphLayout>],
) -> usize {
    engine.begin_frame();
    let mut output = ctx.run_ui(input(), |ui| {
        let mut y = 0.0;
        for layout in layouts {
            engine.paint(ui.painter(), layout, pos2(0.0, y), Color32::WHITE);
            y += layout.size().y;
        }
    });
    // No renderer here to upload the glyphs to.
    output.textures_delta.clear();
    output
        .shapes
        .iter()
        .map(|clipped| match &clipped.shape {
            egui::Shape::Mesh(mesh) => mesh.vertices.len(),
            _ => 0,
        })
        .sum()
}

#[test]
fn a_page_needing_more_glyphs_than_the_atlas_holds_is_drawn_whole_every_frame() {
    // What each paragraph draws alone, in an engine of its own.
    let alone: usize = page()
        .iter()
        .map(|(text, style)| {
            let ctx = Context::default();
            let mut engine = TextEngine::new();
            let layout = engine.layout(text, style, WIDTH, 1.0);
            paint_frame(&ctx, &mut engine, &[layout])
        })
        .sum();
    assert!(alone > 4 * 1000, "{alone} vertices");

    let ctx = Context::default();
    let mut engine = TextEngine::new();
    let layouts: Vec<_> = page()
        .iter()
        .map(|(text, style)| engine.layout(text, style, WIDTH, 1.0))
        .collect();
    let mut most_pages = 0;
    for frame in 0..4 {
        let drawn = paint_frame(&ctx, &mut engine, &layouts);
        assert_eq!(drawn, alone, "frame {frame}: every glyph drawn");
        most_pages = most_pages.max(engine.stats().atlas_pages);
    }
    assert!(
        most_pages > 1,
        "the page needed more than one atlas page: {most_pages}"
    );
    // Bounded: past its bound the atlas is emptied between frames, then refilled with
    // what is on screen.
    engine.begin_frame();
    let stats = engine.stats();
    assert!(stats.atlas_pages <= most_pages, "{stats:?}");
    let drawn = paint_frame(&ctx, &mut engine, &layouts[..4]);
    assert!(
        drawn > 0 && engine.stats().atlas_pages <= 4,
        "{:?}",
        engine.stats()
    );
}
