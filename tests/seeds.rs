//! The five seed articles are split as a reader sees them: titles, headings,
//! paragraphs, and no junk lines. The expectations were written by reading the files.

mod common;

use hamish::import::read_article;
use hamish::model::{Article, Direction, SectionKind};

fn seed(prefix: &str) -> Article {
    let path = std::fs::read_dir(common::samples())
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .find(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .expect("seed exists");
    read_article(&path).expect("seed reads")
}

const H1: SectionKind = SectionKind::Heading { level: 1 };
const H2: SectionKind = SectionKind::Heading { level: 2 };
const H3: SectionKind = SectionKind::Heading { level: 3 };
const P: SectionKind = SectionKind::Paragraph;

fn kinds(article: &Article) -> Vec<SectionKind> {
    article
        .sections
        .iter()
        .map(|section| section.kind)
        .collect()
}

#[test]
fn seed_000_has_markdown_headings_and_no_title_line() {
    let article = seed("000");
    assert_eq!(
        article.title,
        "في 19 تشرين الثاني/نوفمبر، انعقد الاجتماع السابع عشر…"
    );
    assert_eq!(kinds(&article), [H2, P, H2, P, P, P, P, P, P, P, P, P, P]);
    assert_eq!(article.sections[0].text, "الخبر:");
    assert_eq!(
        article.sections[12].text,
        "عضو المكتب الإعلامي المركزي لحزب التحرير"
    );
}

#[test]
fn seed_001_has_a_basmala_then_its_title() {
    let article = seed("001");
    assert_eq!(
        article.title,
        "من الذي يُحرّض قرغيزستان للابتعاد عن نفوذ بوتين؟"
    );
    assert_eq!(
        kinds(&article),
        [P, H1, P, H3, P, P, P, H3, P, P, P, P, P, P, P, P]
    );
    assert_eq!(article.sections[0].text, "بِسَمِ ٱللهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ");
    assert_eq!(article.sections[2].text, "(مترجم)");
}

#[test]
fn seed_002_skips_the_junk_lines() {
    let article = seed("002");
    assert_eq!(
        article.title,
        "هل تحتاج دول آسيا الوسطى إلى منظمة معاهدة الأمن الجماعي؟"
    );
    assert_eq!(
        kinds(&article),
        [H1, H3, P, H3, P, P, P, P, P, P, P, P, P, P, P]
    );
    assert!(
        article
            .sections
            .iter()
            .all(|section| section.text != "F" && !section.text.trim().is_empty())
    );
}

#[test]
fn seeds_003_and_004_are_all_paragraphs_titled_by_their_first_words() {
    let article = seed("003");
    assert_eq!(article.title, "أعلنت مصادر إعلامية روسية أن الرئيس الروسي…");
    assert_eq!(kinds(&article), [P; 11]);
    assert_eq!(
        article.sections[10].text, "المصدر: تاس",
        "a colon inside a line is not a heading"
    );
    let article = seed("004");
    assert_eq!(
        article.title,
        "وصلت وحدات من القوات الروسية إلى باكستان في…"
    );
    assert_eq!(kinds(&article), [P; 7]);
    assert!(article.sections[5].text.starts_with('﴿') && article.sections[5].text.ends_with('﴾'));
}

#[test]
fn every_seed_section_is_right_to_left_with_a_distinct_id() {
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
        assert!(
            article
                .sections
                .iter()
                .all(|section| section.direction == Direction::RightToLeft)
        );
    }
}
