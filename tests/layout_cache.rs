//! The text engine's own shaping (bidi once per line, words from its word cache) and
//! its caches give exactly the layouts cosmic-text's own shaping gives a fresh
//! `Buffer`: for every paragraph of the samples (the seed articles and a
//! translation), at several widths, sizes and scales, in an order that re-wraps kept
//! shapings, reuses shaped words across paragraphs and evicts and shapes again; and
//! for lines built to try every rule of cutting a line into words. Re-wrapping does
//! not reshape, and a word is shaped once.

mod common;

use hamish::model::{Emphasis, EmphasisSpan};
use hamish::text::{FontFamily, TextEngine, TextStyle};

/// Every non-empty line of the sample articles, with the face it is read in.
fn sample_paragraphs() -> Vec<(String, FontFamily)> {
    let mut files: Vec<_> = std::fs::read_dir(common::samples())
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut paragraphs = Vec::new();
    for file in files {
        let family = if file.to_string_lossy().ends_with(".en.txt") {
            FontFamily::Sans
        } else {
            FontFamily::Naskh
        };
        let text = std::fs::read_to_string(&file).expect("sample");
        paragraphs.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(|line| (line.to_owned(), family)),
        );
    }
    paragraphs
}

fn style(family: FontFamily, size_pt: f32) -> TextStyle {
    TextStyle {
        family,
        ..TextStyle::body(size_pt)
    }
}

#[test]
fn cached_layouts_equal_fresh_ones_at_every_width_and_size() {
    let paragraphs = sample_paragraphs();
    assert!(paragraphs.len() > 50, "{} paragraphs", paragraphs.len());
    let mut cached = TextEngine::new();
    let mut fresh = TextEngine::new();
    // Widths and sizes in the order a reader changes them: narrower, wider, zoomed,
    // and back, so most layouts below re-wrap a kept shaping.
    let settings: [(f32, f32, f32); 7] = [
        (600.0, 20.0, 1.0),
        (300.0, 20.0, 1.0),
        (1.0e6, 20.0, 1.0),
        (120.0, 20.0, 1.0),
        (600.0, 28.0, 1.0),
        (450.0, 16.0, 1.5),
        (600.0, 20.0, 1.0),
    ];
    let mut compared = 0;
    for (width, size, scale) in settings {
        for (text, family) in &paragraphs {
            let style = style(*family, size);
            let ours = cached.layout(text, &style, width, scale);
            let reference = fresh.layout_fresh(text, &[], &style, width, scale);
            assert!(
                *ours == reference,
                "{width} pt, {size} pt, ×{scale}: cached layout differs from a fresh one for {text:?}"
            );
            compared += 1;
        }
    }
    let stats = cached.stats();
    assert_eq!(compared, paragraphs.len() * settings.len());
    assert!(
        stats.paragraphs_shaped < compared as u64 / 3,
        "most layouts re-wrapped a kept shaping: {stats:?}"
    );
}

#[test]
fn emphasized_layouts_equal_fresh_ones_after_rewrap() {
    let text = "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر، نقلاً عن وزارة الدفاع في قرغيزستان";
    let spans = [EmphasisSpan {
        range: 0..6,
        emphasis: Emphasis {
            strong: true,
            italic: false,
        },
    }];
    let mut cached = TextEngine::new();
    let mut fresh = TextEngine::new();
    let style = TextStyle::body(20.0);
    for width in [400.0, 200.0, 90.0, 400.0] {
        let ours = cached.layout_emphasized(text, &spans, &style, width, 1.0);
        let reference = fresh.layout_fresh(text, &spans, &style, width, 1.0);
        assert!(*ours == reference, "{width} pt");
    }
    assert_eq!(cached.stats().paragraphs_shaped, 1);
}

#[test]
fn a_new_width_size_or_zoom_rewraps_without_reshaping() {
    let paragraphs = sample_paragraphs();
    let mut engine = TextEngine::new();
    let first: Vec<_> = paragraphs
        .iter()
        .take(20)
        .map(|(text, family)| engine.layout(text, &style(*family, 20.0), 600.0, 1.0))
        .collect();
    let shaped = engine.stats().paragraphs_shaped;
    assert_eq!(shaped, 20);
    for (width, size, scale) in [(599.0, 20.0, 1.0), (300.0, 24.0, 1.0), (300.0, 24.0, 2.0)] {
        for ((text, family), before) in paragraphs.iter().zip(&first) {
            let after = engine.layout(text, &style(*family, size), width, scale);
            assert!(
                !std::sync::Arc::ptr_eq(&after, before),
                "a new layout, not the cached one"
            );
        }
    }
    let stats = engine.stats();
    assert_eq!(
        stats.layouts_built, 80,
        "each setting laid every paragraph out"
    );
    assert_eq!(stats.paragraphs_shaped, shaped, "but shaped none again");

    // A change of face or weight does shape again.
    let (text, _) = &paragraphs[0];
    let bold = TextStyle {
        bold: true,
        ..TextStyle::body(20.0)
    };
    engine.layout(text, &bold, 600.0, 1.0);
    engine.layout(text, &style(FontFamily::Hebrew, 20.0), 600.0, 1.0);
    assert_eq!(engine.stats().paragraphs_shaped, shaped + 2);
}

#[test]
fn shapings_evicted_and_made_again_equal_fresh_ones() {
    // More paragraphs than the engine keeps shaped: buffers are evicted and reused.
    let paragraphs = sample_paragraphs();
    let mut cached = TextEngine::new();
    let mut fresh = TextEngine::new();
    for round in 0..2 {
        for i in 0..300 {
            let (text, family) = &paragraphs[i % paragraphs.len()];
            let text = format!("{text} ({i})");
            let style = style(*family, 18.0);
            let width = 250.0 + 50.0 * round as f32;
            let ours = cached.layout(&text, &style, width, 1.0);
            let reference = fresh.layout_fresh(&text, &[], &style, width, 1.0);
            assert!(*ours == reference, "round {round}, {text:?}");
        }
    }
    let stats = cached.stats();
    assert!(stats.shaped_paragraphs <= 256, "{stats:?}");
    assert!(
        stats.paragraphs_shaped > 300,
        "some were shaped again: {stats:?}"
    );
}

/// Text that tests every rule of cutting a line into words and levels: numbers and
/// Latin inside Arabic, Hebrew with points, Urdu, Persian with ZWNJ, bidi controls and
/// isolates, tabs, no-break and other spaces, whitespace at both ends, ASCII
/// punctuation pairs at break opportunities, an emoji from a fallback font, line
/// breaks of every kind, and nothing at all.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "\n",
    "   مسافات في البداية والنهاية   ",
    "عدد 1,234.5 و٣٤٥ و۶۷۸ في ٢٠٢٦/١١/٢٣ — 50%",
    "قال: \"hello, world\" (ثم) [مضى] {هنا} <اسم>",
    "a->b != c => d :: e || f && g // h",
    "ألف->باء != جيم",
    "עִבְרִית עם ניקוד: שָׁלוֹם",
    "اردو کی یہ عبارت نستعلیق میں ٹھیک ہے۔",
    "می‌خواهم فارسی بنویسم، با نیم‌فاصله",
    "tab\tseparated\tcolumns\tهنا\tو\tهناك",
    "\u{2067}معزول\u{2069} and \u{202B}embedded\u{202C} and \u{200F}mark",
    "كلمة\u{00A0}ملتصقة و\u{2003}فراغ عريض و\u{3000}فراغ",
    "مرحبا 👋🏽 بالعالم",
    "سطر أول\nسطر ثانٍ\r\nسطر ثالث\rرابع\n\rخامس",
    "English first, ثم عربي, then English again.",
    "ـــــــ تطويل ـــــــ",
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
    "www.example.com/path?q=عربي&x=1",
    "(((((((((())))))))))!!!!!!!????????",
];

#[test]
fn hostile_lines_equal_cosmic_text_s_own_shaping() {
    let mut cached = TextEngine::new();
    let mut fresh = TextEngine::new();
    for round in 0..2 {
        for family in [FontFamily::Naskh, FontFamily::Sans, FontFamily::Hebrew] {
            for text in HOSTILE {
                for width in [1.0, 60.0, 250.0, 1.0e5] {
                    let style = style(family, 19.0);
                    let ours = cached.layout(text, &style, width, 1.25);
                    let reference = fresh.layout_fresh(text, &[], &style, width, 1.25);
                    assert!(
                        *ours == reference,
                        "round {round}, {family:?}, {width} pt: {text:?}\n ours {:?}\n cosmic-text {:?}",
                        ours.visual_lines(),
                        reference.visual_lines()
                    );
                }
            }
        }
    }
}

#[test]
fn emphasis_anywhere_equals_cosmic_text_s_own_shaping() {
    let mut cached = TextEngine::new();
    let mut fresh = TextEngine::new();
    let style = TextStyle::body(20.0);
    for text in HOSTILE.iter().filter(|text| !text.contains(['\n', '\r'])) {
        // Every word boundary as an emphasis start and end, bold then italic.
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(3).collect();
        for (k, pair) in ends.windows(2).enumerate() {
            let span = EmphasisSpan {
                range: pair[0]..pair[1],
                emphasis: Emphasis {
                    strong: k % 2 == 0,
                    italic: k % 2 == 1,
                },
            };
            let ours =
                cached.layout_emphasized(text, std::slice::from_ref(&span), &style, 200.0, 1.0);
            let reference = fresh.layout_fresh(text, &[span], &style, 200.0, 1.0);
            assert!(*ours == reference, "{text:?} with {pair:?} emphasized");
        }
    }
}

#[test]
fn words_are_shaped_once_across_paragraphs() {
    let mut engine = TextEngine::new();
    let style = TextStyle::body(20.0);
    engine.layout("نقلاً عن وزارة الدفاع في قرغيزستان", &style, 400.0, 1.0);
    let first = engine.stats();
    // Six words and five spaces; the spaces after the first are found kept.
    assert_eq!(first.words_shaped, 7, "{first:?}");
    assert_eq!(first.words_reused, 4, "{first:?}");
    // Another paragraph with three of those words and one new: only the new one is
    // shaped.
    engine.layout("وزارة الدفاع في بشكيك", &style, 400.0, 1.0);
    let second = engine.stats();
    assert_eq!(second.paragraphs_shaped, 2);
    assert_eq!(second.words_shaped - first.words_shaped, 1, "{second:?}");
    assert_eq!(second.words_reused - first.words_reused, 6, "{second:?}");
    // In bold the words are other glyphs: shaped again, kept apart.
    let bold = TextStyle {
        bold: true,
        ..style
    };
    engine.layout("وزارة الدفاع", &bold, 400.0, 1.0);
    assert_eq!(engine.stats().words_shaped - second.words_shaped, 3);
}
