//! Properties of the importer on random input: it never panics, what it returns is
//! well formed, a section's id survives other sections being inserted or removed, and
//! every section maps back to the file's own text.
//!
//! This covers the same ground as the fuzz target in `fuzz/` (which needs a nightly
//! compiler), on every `cargo test`.

use std::collections::HashSet;

use hamish::import::{
    ArticleFormat, ArticleSource, MAX_SECTION_BYTES, clean_mapped, decode, import_decoded, parse,
};
use hamish::model::{Article, SectionId, normalize};
use proptest::prelude::*;

/// Pieces real and hostile article text is made of.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just("كلمة ".as_bytes().to_vec()),
        Just("الخبر:".as_bytes().to_vec()),
        Just("﴿آية﴾".as_bytes().to_vec()),
        Just("«حديث»".as_bytes().to_vec()),
        Just("بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ".as_bytes().to_vec()),
        Just(b"English words ".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"# ".to_vec()),
        Just(b"> ".to_vec()),
        Just(b"- ".to_vec()),
        Just(b"1. ".to_vec()),
        Just(b"*".to_vec()),
        Just(b"**".to_vec()),
        Just(b"_".to_vec()),
        Just(b"[".to_vec()),
        Just(b"](x)".to_vec()),
        Just(b"`".to_vec()),
        Just(b"<div>".to_vec()),
        Just(b"\0".to_vec()),
        Just(vec![0xff]),
        Just(vec![0xc3]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just("\u{202E}".as_bytes().to_vec()),
        Just("\u{2067}".as_bytes().to_vec()),
        Just("\u{2069}".as_bytes().to_vec()),
        Just("\u{651}".repeat(40).into_bytes()),
        Just("e\u{301}".as_bytes().to_vec()),
        Just("\u{2029}".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
        "\\PC{0,6}".prop_map(String::into_bytes),
    ]
}

fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

/// What every imported article must be, whatever the input.
fn check_well_formed(article: &Article) {
    let mut ids = HashSet::new();
    for section in &article.sections {
        assert!(!section.text.trim().is_empty(), "no empty sections");
        assert!(
            section.text.len() <= MAX_SECTION_BYTES,
            "sections are bounded"
        );
        assert!(!section.text.contains('\0'));
        assert_eq!(normalize(&section.text), section.text, "text is NFC");
        assert!(ids.insert(section.id), "ids are distinct");
        for span in &section.emphasis {
            assert!(section.text.get(span.range.clone()).is_some(), "spans fit");
        }
    }
    assert!(article.title.chars().count() <= 161);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn importing_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for complete in [true, false] {
            if let Ok(decoded) = decode(&bytes, complete) {
                for format in [ArticleFormat::PlainText, ArticleFormat::Markdown] {
                    check_well_formed(&import_decoded(decoded.clone(), format).article);
                }
            }
        }
    }

    #[test]
    fn importing_article_like_text_never_panics(bytes in article_bytes()) {
        for complete in [true, false] {
            if let Ok(decoded) = decode(&bytes, complete) {
                for format in [ArticleFormat::PlainText, ArticleFormat::Markdown] {
                    let imported = import_decoded(decoded.clone(), format);
                    check_well_formed(&imported.article);
                    // The same bytes always give the same article.
                    let again = import_decoded(decoded.clone(), format);
                    prop_assert_eq!(&imported.article, &again.article);
                }
            }
        }
    }

    #[test]
    fn ids_and_nfc_are_what_their_definitions_give(bytes in article_bytes()) {
        // The importer checks NFC with its own fast reader and gives ids in one pass;
        // here, the definitions: unicode-normalization's check and composition, and
        // each id derived from its text and the count of the same texts before it.
        use unicode_normalization::{UnicodeNormalization as _, is_nfc_stream_safe};
        let Ok(decoded) = decode(&bytes, true) else {
            return Ok(());
        };
        let text = &decoded.text;
        let composed: String = text.chars().stream_safe().nfc().collect();
        if is_nfc_stream_safe(text) {
            prop_assert_eq!(&normalize(text), text);
        }
        prop_assert!(is_nfc_stream_safe(&normalize(&composed)));
        for format in [ArticleFormat::PlainText, ArticleFormat::Markdown] {
            let article = import_decoded(decoded.clone(), format).article;
            let mut seen = std::collections::HashMap::<&str, u32>::new();
            for section in &article.sections {
                let occurrence = seen.entry(section.text.trim()).or_default();
                prop_assert_eq!(section.id, SectionId::derive(&section.text, *occurrence));
                *occurrence += 1;
            }
        }
    }

    #[test]
    fn every_section_maps_back_to_the_file_s_text(bytes in article_bytes()) {
        for format in [ArticleFormat::PlainText, ArticleFormat::Markdown] {
            let Ok(source) = ArticleSource::from_bytes(&bytes, format) else {
                continue;
            };
            // The article is the one the app shows for these bytes.
            let shown = import_decoded(decode(&bytes, true).expect("decodes"), format).article;
            prop_assert_eq!(&source.article, &shown);
            for (index, section) in source.article.sections.iter().enumerate() {
                let range = source.locate_section(index).expect("a section");
                let quoted = source.text.get(range);
                prop_assert!(quoted.is_some(), "a range of whole characters");
                let spelled = normalize(&clean_mapped(quoted.unwrap_or_default()).0).into_owned();
                if format == ArticleFormat::PlainText {
                    // A line of plain text is the section, spelled as the file spells it.
                    prop_assert_eq!(&spelled, &section.text);
                } else {
                    // Markdown: the section's letters, in order, with markup between.
                    let mut found = spelled.chars();
                    let letters = section.text.chars().filter(|c| c.is_alphabetic());
                    for letter in letters {
                        prop_assert!(found.any(|c| c == letter), "{:?} in {:?}", section.text, spelled);
                    }
                }
            }
        }
    }

    #[test]
    fn ids_survive_insertion_and_removal(
        lines in prop::collection::vec("[ا-ي]{1,6}( [ا-ي]{1,6}){0,8}", 1..30),
        inserted in "[ا-ي]{1,6}( [ا-ي]{1,6}){0,8}",
        at in any::<prop::sample::Index>(),
        gone in any::<prop::sample::Index>(),
        markdown in any::<bool>(),
    ) {
        let separator = if markdown { "\n\n" } else { "\n" };
        let format = if markdown { ArticleFormat::Markdown } else { ArticleFormat::PlainText };
        let inserted = format!("{inserted} مضاف");
        prop_assume!(!lines.contains(&inserted));
        let at = at.index(lines.len() + 1);
        let mut with = lines.clone();
        with.insert(at, inserted.clone());
        let before = parse(&lines.join(separator), format);
        let after = parse(&with.join(separator), format);
        let ids = |article: &Article| -> Vec<SectionId> {
            article.sections.iter().map(|section| section.id).collect()
        };
        let after_ids = ids(&after);
        let kept: Vec<SectionId> = after
            .sections
            .iter()
            .filter(|section| section.text != inserted)
            .map(|section| section.id)
            .collect();
        // Every section keeps its id, in the same order; the new one is the only new id.
        prop_assert_eq!(&kept, &ids(&before));
        prop_assert_eq!(after_ids.len(), before.sections.len() + 1);
        // Removing a section leaves every other section its id.
        let gone = gone.index(lines.len());
        prop_assume!(lines.iter().filter(|line| **line == lines[gone]).count() == 1);
        let mut without = lines.clone();
        let gone_text = without.remove(gone);
        let removed = parse(&without.join(separator), format);
        let others: Vec<SectionId> = before
            .sections
            .iter()
            .filter(|section| section.text != gone_text)
            .map(|section| section.id)
            .collect();
        prop_assert_eq!(ids(&removed), others);
        prop_assert_eq!(removed.sections.len() + 1, before.sections.len());
    }
}
