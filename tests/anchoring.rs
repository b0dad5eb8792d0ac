//! Randomized re-anchoring against a simple oracle: after random edits to an article
//! (sections inserted, deleted and moved; words changed, inserted, deleted; diacritics
//! added and removed), every anchor whose quoted words still exist somewhere (folded,
//! so diacritics and letter variants do not count) is found on those words, and every
//! other anchor is an orphan.

use hamish::model::fold::fold_str;
use hamish::model::{Anchor, Article, Placement, SectionKind, place};

const WORDS: [&str; 24] = [
    "منظمة",
    "معاهدة",
    "الأمن",
    "الجماعي",
    "روسيا",
    "قرغيزستان",
    "التدريبات",
    "العسكرية",
    "الدول",
    "الأعضاء",
    "وزارة",
    "الدفاع",
    "في",
    "من",
    "إلى",
    "على",
    "أن",
    "الاتحاد",
    "السوفيتي",
    "آسيا",
    "الوسطى",
    "الرئيس",
    "مدرسة",
    "الإسلام",
];

fn random_word(rng: &mut fastrand::Rng) -> String {
    let word = WORDS[rng.usize(..WORDS.len())];
    if rng.u8(..4) == 0 {
        with_diacritics(word, rng)
    } else {
        word.to_owned()
    }
}

/// Adds a fatha, kasra or damma after some letters.
fn with_diacritics(word: &str, rng: &mut fastrand::Rng) -> String {
    word.chars()
        .flat_map(|c| {
            let mark = ['\u{064E}', '\u{0650}', '\u{064F}'][rng.usize(..3)];
            std::iter::once(c).chain((rng.u8(..3) == 0).then_some(mark))
        })
        .collect()
}

fn random_paragraph(rng: &mut fastrand::Rng) -> Vec<String> {
    (0..rng.usize(3..14)).map(|_| random_word(rng)).collect()
}

fn build(paragraphs: &[Vec<String>]) -> Article {
    Article::new(
        "t".to_owned(),
        paragraphs
            .iter()
            .map(|words| (SectionKind::Paragraph, words.join(" "))),
    )
}

/// One random edit of the article's paragraphs.
fn edit(paragraphs: &mut Vec<Vec<String>>, rng: &mut fastrand::Rng) {
    let count = paragraphs.len();
    match rng.u8(..7) {
        0 => paragraphs.insert(rng.usize(..=count), random_paragraph(rng)),
        1 if count > 1 => {
            paragraphs.remove(rng.usize(..count));
        }
        2 if count > 1 => {
            let moved = paragraphs.remove(rng.usize(..count));
            paragraphs.insert(rng.usize(..count), moved);
        }
        3 => {
            let words = &mut paragraphs[rng.usize(..count)];
            let at = rng.usize(..words.len());
            words[at] = random_word(rng);
        }
        4 => {
            let words = &mut paragraphs[rng.usize(..count)];
            words.insert(rng.usize(..=words.len()), random_word(rng));
        }
        5 => {
            let words = &mut paragraphs[rng.usize(..count)];
            if words.len() > 1 {
                words.remove(rng.usize(..words.len()));
            }
        }
        _ => {
            let words = &mut paragraphs[rng.usize(..count)];
            let at = rng.usize(..words.len());
            words[at] = if rng.bool() {
                with_diacritics(&words[at], rng)
            } else {
                fold_str(&words[at])
            };
        }
    }
}

/// A span of 1 to 4 whole words of a random section.
fn random_anchor(article: &Article, rng: &mut fastrand::Rng) -> Anchor {
    let section = &article.sections[rng.usize(..article.sections.len())];
    let starts: Vec<usize> = std::iter::once(0)
        .chain(section.text.match_indices(' ').map(|(i, _)| i + 1))
        .collect();
    let first = rng.usize(..starts.len());
    let last = (first + rng.usize(..4)).min(starts.len() - 1);
    let end = section.text[starts[last]..]
        .find(' ')
        .map_or(section.text.len(), |i| starts[last] + i);
    Anchor::span(section.id, &section.text, starts[first]..end)
}

#[test]
fn anchors_are_kept_exactly_when_their_words_still_exist() {
    let mut placed = 0;
    let mut orphaned = 0;
    for seed in 0..300 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut paragraphs: Vec<Vec<String>> = (0..rng.usize(3..10))
            .map(|_| random_paragraph(&mut rng))
            .collect();
        let original = build(&paragraphs);
        let anchors: Vec<Anchor> = (0..8).map(|_| random_anchor(&original, &mut rng)).collect();
        for _ in 0..rng.usize(1..12) {
            edit(&mut paragraphs, &mut rng);
        }
        let edited = build(&paragraphs);
        for anchor in &anchors {
            let quote = anchor.quote.as_ref().expect("span anchors");
            let wanted = fold_str(&quote.exact);
            let still_exists = edited
                .sections
                .iter()
                .any(|section| fold_str(&section.text).contains(&wanted));
            match place(anchor, &edited) {
                Placement::Span(index, range) => {
                    assert!(
                        still_exists,
                        "seed {seed}: {:?} placed though its words are gone",
                        quote.exact
                    );
                    let found = &edited.sections[index].text[range];
                    assert_eq!(
                        fold_str(found),
                        wanted,
                        "seed {seed}: placed on other words"
                    );
                    placed += 1;
                }
                Placement::Orphan => {
                    assert!(
                        !still_exists,
                        "seed {seed}: {:?} still exists but was orphaned",
                        quote.exact
                    );
                    orphaned += 1;
                }
                Placement::Section(_) => {
                    panic!("seed {seed}: a span anchor placed on a whole section")
                }
            }
        }
    }
    // Both outcomes are exercised plenty.
    assert!(
        placed > 500 && orphaned > 100,
        "placed {placed}, orphaned {orphaned}"
    );
}

#[test]
fn unedited_anchors_land_exactly_where_they_were() {
    for seed in 0..200 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let paragraphs: Vec<Vec<String>> = (0..rng.usize(2..8))
            .map(|_| random_paragraph(&mut rng))
            .collect();
        let article = build(&paragraphs);
        let anchor = random_anchor(&article, &mut rng);
        let quote = anchor.quote.as_ref().expect("span");
        let index = article
            .sections
            .iter()
            .position(|s| s.id == anchor.section)
            .expect("section");
        let start = article.sections[index]
            .text
            .char_indices()
            .nth(quote.start)
            .map_or(0, |(i, _)| i);
        let expected = Placement::Span(index, start..start + quote.exact.len());
        assert_eq!(place(&anchor, &article), expected, "seed {seed}");
    }
}
