//! The aligner on small texts whose right alignment is known.

use super::*;

fn two_sided(alignment: &Alignment) -> Vec<(Range<usize>, Range<usize>)> {
    alignment
        .links
        .iter()
        .filter(|link| link.is_two_sided())
        .map(|link| (link.article.clone(), link.translation.clone()))
        .collect()
}

#[test]
fn a_translation_split_differently_lands_on_its_sentences() {
    let article = [
        "أنشأت روسيا المنظمة في عام 1992. ووقّعت ست دول على المعاهدة في طشقند.",
        "وفي قرغيزستان، تم تشكيل قاعدة (كانت) العسكرية في عام 1941.",
    ];
    let translation = [
        "Russia created the organisation in 1992.",
        "Six states signed the treaty in Tashkent. In Kyrgyzstan, the Kant base was formed in 1941.",
    ];
    let alignment = align(&article, &translation, Evidence::default()).expect("aligns");
    assert_eq!(alignment.article.len(), 3);
    assert_eq!(alignment.translation.len(), 3);
    assert_eq!(
        two_sided(&alignment),
        [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]
    );
    assert_eq!(alignment.translation_by_section(2), [vec![0, 1], vec![2]]);
    for link in &alignment.links {
        assert!((0.0..=1.0).contains(&link.confidence), "{link:?}");
    }
}

#[test]
fn numbers_in_any_digit_system_anchor_the_links() {
    // Lengths alone would pair the long sentences; the numbers say otherwise.
    let article = [
        "حدث ذلك في ٢٠٢٣.",
        "ثم وصل في ۱۹۹۲ إلى المدينة الكبيرة.",
        "وانتهى الأمر.",
    ];
    let translation = [
        "It happened in 2023 in the big and very old city.",
        "He then arrived in 1992.",
        "It was over.",
    ];
    let alignment = align(&article, &translation, Evidence::default()).expect("aligns");
    assert_eq!(
        two_sided(&alignment),
        [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]
    );
}

#[test]
fn a_translators_note_is_left_unlinked() {
    let article = [
        "الجملة الأولى هنا طويلة بعض الشيء.",
        "الجملة الثانية هنا أيضاً.",
    ];
    let translation = [
        "The first sentence here is somewhat long.",
        "[Translator's note: a very long explanation that has nothing to do with the article, added by the translator to help the reader understand.]",
        "The second sentence here too.",
    ];
    let alignment = align(&article, &translation, Evidence::default()).expect("aligns");
    assert_eq!(two_sided(&alignment), [(0..1, 0..1), (1..2, 2..3)]);
    let note = alignment
        .links
        .iter()
        .find(|link| link.translation == (1..2))
        .expect("the note is in a link");
    assert!(note.article.is_empty());
}

#[test]
fn the_dictionary_and_machine_translations_tell_which_sentence_is_added() {
    // Three translation sentences of one length for two article sentences: the
    // length cannot tell which one is the translator's addition; the words can.
    let article = ["الجيش قوي.", "السلام قريب."];
    let translation = ["Rain falls.", "Army strong.", "Peace near."];
    let expected = [(0..1, 1..2), (1..2, 2..3)];
    let mut dictionary = TableDictionary::default();
    for (word, gloss) in [
        ("الجيش", "army"),
        ("السلام", "peace;calm"),
        ("قوي", "strong"),
    ] {
        dictionary.entries.insert(word.into(), vec![gloss.into()]);
    }
    let with_dictionary = Evidence {
        dictionary: Some(&dictionary),
        machine: None,
    };
    let alignment = align(&article, &translation, with_dictionary).expect("aligns");
    assert_eq!(two_sided(&alignment), expected);
    let machine: Vec<String> = ["The army is strong.", "Peace is near."]
        .map(String::from)
        .to_vec();
    let with_machine = Evidence {
        dictionary: None,
        machine: Some(&machine),
    };
    let alignment = align(&article, &translation, with_machine).expect("aligns");
    assert_eq!(two_sided(&alignment), expected);
    // Without them, the length alone pairs the first sentences.
    let alignment = align(&article, &translation, Evidence::default()).expect("aligns");
    assert_ne!(two_sided(&alignment), expected);
    // ...and is not sure of it, where the dictionary was.
    let least_sure = |alignment: &Alignment| {
        alignment
            .links
            .iter()
            .map(|link| link.confidence)
            .fold(1.0_f32, f32::min)
    };
    let sure = align(&article, &translation, with_dictionary).expect("aligns");
    assert!(
        least_sure(&alignment) < 0.8 && least_sure(&sure) > least_sure(&alignment),
        "{} without evidence, {} with the dictionary",
        least_sure(&alignment),
        least_sure(&sure)
    );
}

#[test]
fn empty_texts_say_why() {
    assert_eq!(
        align(&[" "], &["Text."], Evidence::default()),
        Err(AlignError::EmptyArticle)
    );
    assert_eq!(
        align(&["نص."], &["", "\n"], Evidence::default()),
        Err(AlignError::EmptyTranslation)
    );
}

#[test]
fn a_long_text_is_aligned_in_a_band_that_grows_when_needed() {
    // 600 sentences a side, with 80 translation sentences dropped in the middle: the
    // path leaves the diagonal by about 50, beyond the first band.
    let article: Vec<String> = (0..600)
        .map(|i| format!("جملة رقم {i} {}.", "كلمة ".repeat(3 + i % 7)))
        .collect();
    let translation: Vec<String> = (0..600)
        .filter(|i| !(200..280).contains(i))
        .map(|i| format!("Sentence number {i} {}.", "word ".repeat(3 + i % 7)))
        .collect();
    let sections: Vec<&str> = article.iter().map(String::as_str).collect();
    let lines: Vec<&str> = translation.iter().map(String::as_str).collect();
    let alignment = align(&sections, &lines, Evidence::default()).expect("aligns");
    let links = two_sided(&alignment);
    let right = links
        .iter()
        .filter(|(a, t)| {
            a.len() == 1 && t.len() == 1 && {
                let i = a.start;
                let expected = if i < 200 { i } else { i - 80 };
                t.start == expected
            }
        })
        .count();
    assert!(right >= 510, "{right} right of 520");
}

#[test]
fn a_pin_moves_a_sentence_and_the_rest_aligns_around_it() {
    let article = [
        "أنشأت روسيا المنظمة في عام 1992. ووقّعت ست دول على المعاهدة في طشقند.",
        "وفي قرغيزستان، تم تشكيل قاعدة (كانت) العسكرية في عام 1941.",
    ];
    let translation = [
        "Russia created the organisation in 1992.",
        "Six states signed the treaty in Tashkent. In Kyrgyzstan, the Kant base was formed in 1941.",
    ];
    // The reader says the treaty sentence goes with the next section: the first two
    // article sentences go with the first translation sentence only.
    let pin = Pin {
        article: 2,
        translation: 1,
    };
    let alignment =
        align_pinned(&article, &translation, Evidence::default(), &[pin]).expect("aligns");
    assert_eq!(alignment.translation_by_section(2), [vec![0], vec![1, 2]]);
    // Every path passes through the pin: no link straddles it.
    for link in &alignment.links {
        let straddles_article = link.article.start < 2 && link.article.end > 2;
        let straddles_translation = link.translation.start < 1 && link.translation.end > 1;
        assert!(!straddles_article && !straddles_translation, "{link:?}");
        assert!(
            (link.article.end <= 2) == (link.translation.end <= 1)
                || link.article.is_empty()
                || link.translation.is_empty(),
            "{link:?}"
        );
    }
}

#[test]
fn contradicting_pins_keep_the_newest_and_pins_at_the_ends_are_left_out() {
    let pin = |article, translation| Pin {
        article,
        translation,
    };
    // (3, 1) crosses (2, 2): the later one wins.
    assert_eq!(consistent_pins(&[pin(3, 1), pin(2, 2)], 5, 5), [pin(2, 2)]);
    // Two points on one row: the later wins.
    assert_eq!(consistent_pins(&[pin(2, 1), pin(2, 3)], 5, 5), [pin(2, 3)]);
    // One column is a run of article sentences with nothing: kept.
    assert_eq!(
        consistent_pins(&[pin(1, 2), pin(3, 2)], 5, 5),
        [pin(1, 2), pin(3, 2)]
    );
    assert!(consistent_pins(&[pin(0, 1), pin(5, 4), pin(2, 9)], 5, 5).is_empty());
}

#[test]
fn pins_hold_in_a_narrow_band_of_a_long_text() {
    // Long enough for a band (not a full one): the pin far off the diagonal still holds.
    let article: Vec<String> = (0..600)
        .map(|i| format!("جملة رقم {i} في النص الطويل."))
        .collect();
    let translation: Vec<String> = (0..600)
        .map(|i| format!("Sentence number {i} of the long text."))
        .collect();
    let sections: Vec<&str> = article.iter().map(String::as_str).collect();
    let lines: Vec<&str> = translation.iter().map(String::as_str).collect();
    let pin = Pin {
        article: 300,
        translation: 200,
    };
    let alignment = align_pinned(&sections, &lines, Evidence::default(), &[pin]).expect("aligns");
    let mut point = (0, 0);
    let mut through = false;
    for link in &alignment.links {
        point = (link.article.end, link.translation.end);
        through |= point == (300, 200);
    }
    assert!(through);
    assert_eq!(point, (600, 600));
}
