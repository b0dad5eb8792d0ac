//! View ▸ Word-by-word: a short gloss under each Arabic word of the article, each
//! under its own word, whatever the window's width.

mod common;

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use hamish::app::{HamishApp, Preferences, ReadingState};

/// The app on sample 003 at `width`, word-by-word on, once the glosses are drawn.
fn harness(width: f32) -> (tempfile::TempDir, Harness<'static, HamishApp>) {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("003.txt");
    std::fs::copy(common::samples().join("003_2dd66c1bbdc4b7f0.txt"), &article).expect("copy");
    let preferences = Preferences {
        word_by_word: true,
        ..Preferences::default()
    };
    let app = HamishApp::new(preferences, ReadingState::default(), Some(article));
    let mut harness = common::app_harness(app, vec2(width, 820.0));
    // The lexicon is read in the background when the app starts.
    let until = Instant::now() + Duration::from_secs(60);
    while harness
        .query_all_by_role(Role::RubyAnnotation)
        .next()
        .is_none()
        && Instant::now() < until
    {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run();
    (folder, harness)
}

#[test]
fn glosses_stand_under_their_words_at_three_widths() {
    for width in [700.0, 1000.0, 1400.0] {
        let (_folder, harness) = harness(width);
        let words: Vec<_> = harness.query_all_by_role(Role::Ruby).collect();
        let glosses: Vec<_> = harness.query_all_by_role(Role::RubyAnnotation).collect();
        assert!(
            words.len() > 50,
            "at {width}: {} glossed words",
            words.len()
        );
        assert_eq!(words.len(), glosses.len());
        let mut lines = std::collections::BTreeSet::new();
        for (word, gloss) in words.iter().zip(&glosses) {
            let (word_rect, gloss_rect) = (word.rect(), gloss.rect());
            let label = || {
                format!(
                    "{:?} / {:?}",
                    word.accesskit_node().label(),
                    gloss.accesskit_node().label()
                )
            };
            assert!(
                gloss_rect.left() >= word_rect.left() - 1.0
                    && gloss_rect.right() <= word_rect.right() + 1.0,
                "at {width}: the gloss {gloss_rect:?} is within its word {word_rect:?}: {}",
                label()
            );
            assert!(
                gloss_rect.top() >= word_rect.bottom() - 1.0
                    && gloss_rect.top() <= word_rect.bottom() + 12.0,
                "at {width}: the gloss {gloss_rect:?} is just below its word {word_rect:?}: {}",
                label()
            );
            lines.insert(word_rect.top() as i32);
        }
        // The first section's words wrap onto several lines, glosses with them.
        assert!(lines.len() > 5, "at {width}: {} lines", lines.len());
        // «بوتين،» reads as the name, ranked in its context.
        let putin = words
            .iter()
            .position(|word| word.accesskit_node().label().as_deref() == Some("بوتين،"))
            .expect("Putin is glossed");
        assert_eq!(
            glosses[putin].accesskit_node().label().as_deref(),
            Some("Putin")
        );
    }
}

#[test]
fn without_word_by_word_no_gloss_is_drawn() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("003.txt");
    std::fs::copy(common::samples().join("003_2dd66c1bbdc4b7f0.txt"), &article).expect("copy");
    let app = HamishApp::new(
        Preferences::default(),
        ReadingState::default(),
        Some(article),
    );
    let mut harness = common::app_harness(app, vec2(1000.0, 820.0));
    for _ in 0..30 {
        harness.step();
    }
    harness.run();
    assert!(
        harness
            .query_all_by_role(Role::RubyAnnotation)
            .next()
            .is_none()
    );
}
