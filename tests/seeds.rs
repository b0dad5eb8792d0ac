//! The five seed articles are split as a reader sees them: titles, headings,
//! paragraphs, quotations, and no junk lines.
//!
//! The expectations were written by reading the files: for each section, its kind and
//! the line of the file it comes from. Its id is pinned as a number, computed once
//! outside this code (FNV-1a, 64 bits, over the section's trimmed NFC text in UTF-8,
//! then the byte 0xFF, then the occurrence index as a little-endian u32): notes are
//! stored against these ids, so they must never change for the same text.

mod common;

use hamish::import::read_article;
use hamish::model::{Article, Direction, SectionId, SectionKind};

fn seed(prefix: &str) -> Article {
    read_article(&seed_path(prefix)).expect("seed reads")
}

fn seed_path(prefix: &str) -> std::path::PathBuf {
    std::fs::read_dir(common::samples())
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| hamish::import::is_article_path(path))
        .find(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .expect("seed exists")
}

const H1: SectionKind = SectionKind::Heading { level: 1 };
const H2: SectionKind = SectionKind::Heading { level: 2 };
const H3: SectionKind = SectionKind::Heading { level: 3 };
const P: SectionKind = SectionKind::Paragraph;
const Q: SectionKind = SectionKind::Quotation;

/// One expected section: its kind, the line (from 1) it comes from, and its id.
type Expected = (SectionKind, usize, u64);

/// Checks every section of the seed against `expected`. A heading's text is its line
/// without the Markdown `#`s; every other section's text is its line, trimmed.
fn check(prefix: &str, expected: &[Expected]) {
    let article = seed(prefix);
    let kinds: Vec<SectionKind> = article.sections.iter().map(|s| s.kind).collect();
    let expected_kinds: Vec<SectionKind> = expected.iter().map(|e| e.0).collect();
    assert_eq!(kinds, expected_kinds, "{prefix}: kinds");
    for (section, &(_, line, id)) in article.sections.iter().zip(expected) {
        let source = common::sample_line(prefix, line);
        let text = source.trim_start_matches('#').trim();
        assert_eq!(section.text, text, "{prefix}: text of line {line}");
        assert_eq!(
            section.id,
            SectionId(id),
            "{prefix}: id of line {line} ({})",
            section.id
        );
        assert_eq!(section.direction, Direction::RightToLeft, "{prefix}:{line}");
    }
}

#[test]
fn seed_000_has_markdown_headings_and_no_title_line() {
    assert_eq!(
        seed("000").title,
        "في 19 تشرين الثاني/نوفمبر، انعقد الاجتماع السابع عشر…"
    );
    check(
        "000",
        &[
            (H2, 3, 0xf0fb11f8210ec42b),
            (P, 5, 0x5ebc0dadb4bcb8e0),
            (H2, 7, 0xdd0ecddda0272c46),
            (P, 9, 0x78e68c813ed16403),
            (P, 11, 0xc66969871ae93a85),
            (P, 13, 0x27328f567fdd41fc),
            (P, 15, 0x34848e4de92d87b1),
            (P, 17, 0xb02018821ead06f0),
            (P, 19, 0x3bbe45596be72a1a),
            (P, 21, 0xa0c998fcb90cc449),
            (P, 23, 0xcef827f747d86d38),
            (P, 25, 0x36b67ea3cf220106),
            (P, 27, 0xc2a9b29e27e40d5b),
        ],
    );
    let article = seed("000");
    assert_eq!(article.sections[0].text, "الخبر:");
    assert_eq!(
        article.sections[12].text,
        "عضو المكتب الإعلامي المركزي لحزب التحرير"
    );
    assert!(
        article.sections[9].text.contains("«"),
        "a hadith inside a sentence stays in its paragraph"
    );
}

#[test]
fn seed_001_has_a_basmala_then_its_title() {
    assert_eq!(
        seed("001").title,
        "من الذي يُحرّض قرغيزستان للابتعاد عن نفوذ بوتين؟"
    );
    check(
        "001",
        &[
            (P, 1, 0x59c1927d9a3684db),
            (H1, 5, 0x50e784db2b6c2fdb),
            (P, 7, 0xd24512c2eb972812),
            (H3, 9, 0xf0fb11f8210ec42b),
            (P, 11, 0x1ab568278094e29d),
            (P, 13, 0xe5c9c393eb893d9a),
            (P, 15, 0xfadae253c8ceaff8),
            (H3, 17, 0xdd0ecddda0272c46),
            (P, 19, 0xf0b6a1d3b87c536e),
            (P, 21, 0x64737666093131ef),
            (P, 23, 0xd42a83b19419ad07),
            (P, 25, 0x45a02800a205e7c9),
            (P, 27, 0x64b22f70e66cdf15),
            (P, 29, 0xe782d1a77df7eba0),
            (P, 31, 0x5b42024d8734f28d),
            (P, 33, 0x3e56e30fde3bd85d),
        ],
    );
    let article = seed("001");
    assert_eq!(article.sections[0].text, "بِسَمِ ٱللهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ");
    assert_eq!(article.sections[2].text, "(مترجم)");
}

#[test]
fn seed_002_skips_the_junk_lines() {
    assert_eq!(
        seed("002").title,
        "هل تحتاج دول آسيا الوسطى إلى منظمة معاهدة الأمن الجماعي؟"
    );
    // Line 1 is a lone space and line 4 a lone "F": not sections.
    check(
        "002",
        &[
            (H1, 8, 0xe65ba90eccadf736),
            (H3, 10, 0xf0fb11f8210ec42b),
            (P, 12, 0xece7a3b6d378bd85),
            (H3, 14, 0xdd0ecddda0272c46),
            (P, 16, 0x2b23d59001ba141e),
            (P, 18, 0xa3047d8eb2967805),
            (P, 20, 0x12e783fa7ac22feb),
            (P, 22, 0xf23259a416a065ed),
            (P, 24, 0x64137334f8d5899e),
            (P, 26, 0x9f7bfad99bc807ec),
            (P, 28, 0x4cce2b93b16c2448),
            (P, 30, 0xb1991db577eaf2c7),
            (P, 32, 0x1c59cb08c0a3cfce),
            (P, 34, 0xcef827f747d86d38),
            (P, 36, 0x77096867c4b7d835),
        ],
    );
}

#[test]
fn seed_003_is_all_paragraphs_titled_by_its_first_words() {
    let article = seed("003");
    assert_eq!(article.title, "أعلنت مصادر إعلامية روسية أن الرئيس الروسي…");
    check(
        "003",
        &[
            (P, 1, 0xf57ac39a88ba6052),
            (P, 2, 0x4a7cea84bacc74f7),
            (P, 3, 0xd2c299f3197af534),
            (P, 4, 0xb7d82a27f7f198b3),
            (P, 5, 0x70797aa5e2865daa),
            (P, 6, 0x1138dd6c59468bdc),
            (P, 7, 0x54fb8550eae75b88),
            (P, 8, 0x133f397f7d6cdef9),
            (P, 9, 0x5a99013773de04e1),
            (P, 10, 0x5a790ed58b9bb76f),
            (P, 11, 0x81e8a5ef3909d50b),
        ],
    );
    assert_eq!(
        article.sections[10].text, "المصدر: تاس",
        "a colon inside a line is not a heading"
    );
}

#[test]
fn seed_004_has_a_verse_on_its_own_line() {
    let article = seed("004");
    assert_eq!(
        article.title,
        "وصلت وحدات من القوات الروسية إلى باكستان في…"
    );
    check(
        "004",
        &[
            (P, 1, 0x915b862c49681e41),
            (P, 2, 0x5280801d753f249b),
            (P, 3, 0xf420ce16022e1de3),
            (P, 4, 0xbd8fafdba4402dce),
            (P, 5, 0x25a09fe69bc811d3),
            (Q, 6, 0x71359990bcc4fc3d),
            (P, 7, 0x1a97ba81840a602d),
        ],
    );
    assert!(article.sections[5].text.starts_with('﴿') && article.sections[5].text.ends_with('﴾'));
}

#[test]
fn the_same_label_in_two_seeds_has_the_same_id() {
    // `الخبر:` opens the news in 000, 001 and 002: same text, same id, whatever the
    // Markdown around it.
    let ids: Vec<SectionId> = ["000", "001", "002"]
        .iter()
        .map(|prefix| {
            seed(prefix)
                .sections
                .iter()
                .find(|section| section.text == "الخبر:")
                .expect("label")
                .id
        })
        .collect();
    assert!(ids.iter().all(|&id| id == SectionId(0xf0fb11f8210ec42b)));
}

#[test]
fn every_seed_section_has_a_distinct_id() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let article = seed(prefix);
        let mut ids: Vec<_> = article.sections.iter().map(|section| section.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len(),
            article.sections.len(),
            "{prefix}: ids are distinct"
        );
    }
}

#[test]
fn seeds_are_the_same_read_as_markdown_where_markdown_agrees() {
    // Seed 000 is Markdown-flavoured text; read as Markdown it has the same sections.
    let text = std::fs::read_to_string(seed_path("000")).expect("seed is UTF-8");
    let markdown = hamish::import::parse(&text, hamish::import::ArticleFormat::Markdown);
    let plain = seed("000");
    let ids = |article: &Article| -> Vec<SectionId> {
        article.sections.iter().map(|section| section.id).collect()
    };
    assert_eq!(ids(&markdown), ids(&plain));
    assert_eq!(markdown.title, plain.title);
}
