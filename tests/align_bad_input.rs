//! The aligner on translations that are not what they should be: in another language
//! than declared, empty, fifty times longer than the article, 100,000 one-word lines,
//! lines of only digits. Each either aligns (every sentence of both texts in exactly
//! one link, in order, each confidence in 0..1) or says why; none panics or hangs
//! (how long they take is measured in `benches/align.rs`).

use std::path::Path;

use hamish::align::{AlignError, Alignment, Evidence, align};
use hamish::import::read_article;

fn sample_003() -> Vec<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/003_2dd66c1bbdc4b7f0.txt");
    read_article(&path)
        .expect("sample 003")
        .sections
        .into_iter()
        .map(|section| section.text)
        .collect()
}

fn english_003() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/align/cases/003/lines/translation.en.txt");
    std::fs::read_to_string(path)
        .expect("the English")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn run(article: &[String], translation: &[String]) -> Result<Alignment, AlignError> {
    let sections: Vec<&str> = article.iter().map(String::as_str).collect();
    let lines: Vec<&str> = translation.iter().map(String::as_str).collect();
    align(&sections, &lines, Evidence::default())
}

/// Every sentence of both texts is in exactly one link, in order.
fn assert_whole(alignment: &Alignment) {
    let (mut a, mut t) = (0, 0);
    for link in &alignment.links {
        assert_eq!(link.article.start, a, "{link:?}");
        assert_eq!(link.translation.start, t, "{link:?}");
        assert!(!link.article.is_empty() || !link.translation.is_empty());
        assert!((0.0..=1.0).contains(&link.confidence), "{link:?}");
        (a, t) = (link.article.end, link.translation.end);
    }
    assert_eq!(
        (a, t),
        (alignment.article.len(), alignment.translation.len())
    );
}

#[test]
fn a_translation_in_another_language_aligns_by_length_and_anchors() {
    // Declared English, written in Hebrew: nothing crosses but lengths and numbers.
    let hebrew: Vec<String> = (0..11)
        .map(|i| format!("זהו משפט מספר {i} בתרגום שאינו באנגלית כלל."))
        .collect();
    let alignment = run(&sample_003(), &hebrew).expect("aligns");
    assert_whole(&alignment);
}

#[test]
fn an_empty_translation_says_so() {
    assert_eq!(
        run(&sample_003(), &[String::new(), " \t".into()]),
        Err(AlignError::EmptyTranslation)
    );
    assert_eq!(run(&[], &english_003()), Err(AlignError::EmptyArticle));
}

#[test]
fn a_translation_fifty_times_longer_leaves_the_rest_unlinked() {
    let english = english_003();
    let long: Vec<String> = (0..50).flat_map(|_| english.iter().cloned()).collect();
    let alignment = run(&sample_003(), &long).expect("aligns");
    assert_whole(&alignment);
    let linked: usize = alignment
        .links
        .iter()
        .filter(|link| link.is_two_sided())
        .map(|link| link.translation.len())
        .sum();
    assert!(linked < alignment.translation.len() / 10, "{linked} linked");
}

#[test]
fn a_hundred_thousand_one_word_lines_align() {
    let words: Vec<String> = (0..100_000).map(|i| format!("word{}", i % 97)).collect();
    let alignment = run(&sample_003(), &words).expect("aligns");
    assert_eq!(alignment.translation.len(), 100_000);
    assert_whole(&alignment);
}

#[test]
fn lines_of_only_digits_align() {
    let digits: Vec<String> = (0..40).map(|i| format!("{}", 2000 + i)).collect();
    let alignment = run(&sample_003(), &digits).expect("aligns");
    assert_whole(&alignment);
    // The article's own numbers find their lines.
    let digits_only: Vec<String> = ["2023", "300", "٢٠٢٣"].map(String::from).to_vec();
    let alignment = run(&sample_003(), &digits_only).expect("aligns");
    assert_whole(&alignment);
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// Text made of words of several scripts, digits, stops, quotes and spaces.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("كلمة"),
                Just("ٱلرَّحْمَٰنِ"),
                Just("word"),
                Just("Mr."),
                Just("U.S."),
                Just("שלום"),
                Just("۲۰۲۳"),
                Just("24.KG"),
                Just("."),
                Just("؟"),
                Just("!"),
                Just("…"),
                Just("\""),
                Just("»"),
                Just(" "),
                Just("\n"),
                Just("1."),
            ],
            0..40,
        )
        .prop_map(|pieces| pieces.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_texts_align_whole_or_say_why(
            article in proptest::collection::vec(text(), 0..12),
            translation in proptest::collection::vec(text(), 0..12),
        ) {
            match run(&article, &translation) {
                Ok(alignment) => {
                    assert_whole(&alignment);
                    for (sentences, blocks) in [
                        (&alignment.article, &article),
                        (&alignment.translation, &translation),
                    ] {
                        for sentence in sentences {
                            let text = &blocks[sentence.block][sentence.range.clone()];
                            prop_assert!(!text.is_empty());
                            prop_assert_eq!(text.trim(), text);
                        }
                    }
                }
                Err(AlignError::EmptyArticle | AlignError::EmptyTranslation) => {}
                Err(error) => prop_assert!(false, "{error}"),
            }
        }
    }
}
