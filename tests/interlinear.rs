//! Word-by-word glosses in the text engine: each gloss under its word, centred in a
//! box as wide as the word or the gloss, the pair wrapping together, at any width.

mod common;

use hamish::text::{Interlinear, TextEngine, TextStyle};

/// A gloss for every whitespace-separated word of `text`, longer than most words.
fn glosses(text: &str) -> Vec<Interlinear> {
    let mut found = Vec::new();
    let mut offset = 0;
    for piece in text.split_inclusive(' ') {
        let word = piece.trim_end();
        if !word.is_empty() {
            found.push(Interlinear {
                range: offset..offset + word.len(),
                text: format!("gloss of word {}", found.len()),
            });
        }
        offset += piece.len();
    }
    found
}

#[test]
fn glosses_stand_under_their_words_at_every_width() {
    let text = common::sample_line("003", 1);
    let glosses = glosses(&text);
    let style = TextStyle::body(20.0);
    let small = TextStyle::body(20.0 * 0.7);
    let mut engine = TextEngine::new();
    for width in [260.0, 480.0, 900.0] {
        let plain = engine.layout(&text, &style, width, 1.0);
        let layout = engine.layout_interlinear(&text, &[], &style, width, 1.0, &glosses, &small);
        let places = layout.gloss_places();
        assert_eq!(
            places.len(),
            glosses.len(),
            "every word has its gloss at {width}"
        );
        assert!(layout.line_count() >= plain.line_count());
        for place in &places {
            assert!(
                (place.gloss.center().x - place.word.center().x).abs() < 1.0,
                "centred under its word at {width}: {place:?}"
            );
            assert!(place.gloss.width() <= place.word.width() + 1.0, "{place:?}");
            assert!(
                place.gloss.top() >= place.word.bottom() - 0.5,
                "below: {place:?}"
            );
            assert!(place.word.right() <= width + 1.0 && place.word.left() >= -1.0);
        }
        // Neither words nor glosses overlap on a line; right to left, in reading order.
        for pair in places.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if (a.word.top() - b.word.top()).abs() < 1.0 {
                assert!(b.word.right() <= a.word.left() + 0.5, "{a:?} then {b:?}");
                assert!(b.gloss.right() <= a.gloss.left() + 0.5, "{a:?} then {b:?}");
            } else {
                assert!(b.word.top() > a.word.top(), "the next line is below");
            }
        }
    }
    // The plain layout is the same as before glosses were asked for.
    let before = engine.layout_fresh(&text, &[], &style, 480.0, 1.0);
    assert_eq!(*engine.layout(&text, &style, 480.0, 1.0), before);
    assert!(
        engine
            .layout(&text, &style, 480.0, 1.0)
            .gloss_places()
            .is_empty()
    );
}

#[test]
fn glossed_layouts_are_cached_apart_from_plain_ones() {
    let text = common::sample_line("003", 1);
    let glosses = glosses(&text);
    let style = TextStyle::body(20.0);
    let small = TextStyle::body(14.0);
    let mut engine = TextEngine::new();
    let plain = engine.layout(&text, &style, 480.0, 1.0);
    let glossed = engine.layout_interlinear(&text, &[], &style, 480.0, 1.0, &glosses, &small);
    let again = engine.layout_interlinear(&text, &[], &style, 480.0, 1.0, &glosses, &small);
    assert!(
        std::sync::Arc::ptr_eq(&glossed, &again),
        "asked again, cached"
    );
    assert!(!std::sync::Arc::ptr_eq(&plain, &glossed));
    assert!(
        glossed.size().y > plain.size().y,
        "a row of glosses under each line"
    );
    // The paragraph is shaped once for both; the glosses, kept apart, push no
    // paragraph out of the caches.
    assert_eq!(engine.stats().paragraphs_shaped, 1);
    assert_eq!(engine.stats().cached_layouts, 2);
    // Another gloss is another layout; the plain one is still the plain one.
    let mut other = glosses.clone();
    other[0].text = "another, much longer gloss".to_owned();
    let changed = engine.layout_interlinear(&text, &[], &style, 480.0, 1.0, &other, &small);
    assert!(!std::sync::Arc::ptr_eq(&glossed, &changed));
    assert_eq!(changed.gloss_places()[0].text, "another, much longer gloss");
    let plain_again = engine.layout(&text, &style, 480.0, 1.0);
    assert!(std::sync::Arc::ptr_eq(&plain, &plain_again));
    assert!(plain_again.gloss_places().is_empty());
}
