//! The glyphs laid out for seed paragraphs equal HarfBuzz's `hb-shape` output for the
//! same bundled font: glyph ids, clusters, advances and mark offsets, in visual order.
//!
//! The reference data was written by `tests/fixtures/shaping/generate.py`.

mod common;

use hamish::text::{FontFamily, TextEngine, TextStyle};
use serde_json::Value;

/// Where we knowingly differ from HarfBuzz: (case, cluster byte, our glyph id).
///
/// cosmic-text picks a script per word, so the full stop in "2014. وتنص" (a word of
/// digits and punctuation, no letter) is shaped as Latin: Amiri's Latin full stop
/// (glyph 17). HarfBuzz shapes the whole bidi run ". وتنص" as Arabic and takes
/// Amiri's Arabic full stop (glyph 1925). Both are full stops; nothing else differs.
const KNOWN_DIFFERENCES: [(&str, usize, u16); 1] = [("parentheses_and_numbers", 626, 17)];

#[test]
fn seed_paragraphs_match_harfbuzz() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/shaping/amiri_hb_shape.json"))
        .expect("fixture is JSON");
    let units_per_em = fixture["units_per_em"].as_f64().expect("units_per_em") as f32;
    // At a size of one pixel per font unit, advances are in font units, like hb-shape's.
    let style = TextStyle {
        family: FontFamily::Naskh,
        size_pt: units_per_em,
        line_height: 1.75,
        bold: false,
    };
    let mut engine = TextEngine::new();
    let cases = fixture["cases"].as_array().expect("cases");
    let mut known_differences_seen = 0;
    assert!(cases.len() >= 6);
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let text = case["text"].as_str().expect("text");
        let layout = engine.layout(text, &style, 1.0e7, 1.0);
        assert_eq!(
            layout.line_count(),
            1,
            "{name}: unbounded width gives one line"
        );
        let ours = layout.line_glyphs(0);
        let expected = case["glyphs"].as_array().expect("glyphs");
        assert_eq!(ours.len(), expected.len(), "{name}: glyph count");
        for (i, (glyph, reference)) in ours.iter().zip(expected).enumerate() {
            let field = |key: &str| reference[key].as_f64().expect("number") as f32;
            let context = format!(
                "{name}, glyph {i} of {}: ours {glyph:?}, HarfBuzz {reference}",
                ours.len()
            );
            if KNOWN_DIFFERENCES.contains(&(name, glyph.cluster, glyph.glyph_id)) {
                assert_eq!(glyph.cluster as f32, field("cluster"), "{context}");
                known_differences_seen += 1;
                continue;
            }
            assert_eq!(f32::from(glyph.glyph_id), field("glyph"), "{context}");
            assert_eq!(glyph.cluster as f32, field("cluster"), "{context}");
            assert!(
                (glyph.advance_px - field("advance")).abs() < 0.01,
                "{context}"
            );
            assert!(
                (glyph.offset_px[0] - field("x_offset")).abs() < 0.01,
                "{context}"
            );
            assert!(
                (glyph.offset_px[1] - field("y_offset")).abs() < 0.01,
                "{context}"
            );
        }
    }
    assert_eq!(
        known_differences_seen,
        KNOWN_DIFFERENCES.len(),
        "every known difference is still there"
    );
}
