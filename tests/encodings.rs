//! Round trips: each seed is encoded with encoding_rs (or by hand for UTF-16), then
//! detected, decoded and sectioned; the text and the section ids come back the same.

mod common;

use encoding_rs::{Encoding, ISO_8859_6, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1256};
use hamish::import::{ArticleFormat, decode, import_decoded, parse};
use hamish::model::{Article, SectionId};

fn seeds() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(common::samples())
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        // Not the translations beside them (`003_….en.txt`).
        .filter(|path| hamish::import::is_article_path(path))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                std::fs::read_to_string(&path).expect("seeds are UTF-8"),
            )
        })
        .collect()
}

fn ids(article: &Article) -> Vec<SectionId> {
    article.sections.iter().map(|section| section.id).collect()
}

/// Decodes `bytes` and checks the text and the article against `expected`.
fn round_trip(name: &str, bytes: &[u8], expected: &str, encoding: &'static Encoding, bom: bool) {
    let decoded = decode(bytes, true).unwrap_or_else(|error| panic!("{name}: {error}"));
    assert_eq!(
        decoded.encoding.encoding, encoding,
        "{name}: detected {}",
        decoded.encoding
    );
    assert_eq!(decoded.encoding.byte_order_mark, bom, "{name}");
    assert_eq!(decoded.invalid_sequences, 0, "{name}");
    assert!(decoded.text == expected, "{name}: the text comes back");
    let imported = import_decoded(decoded, ArticleFormat::PlainText);
    assert!(
        imported.notices.is_empty(),
        "{name}: {:?}",
        imported.notices
    );
    let original = parse(expected, ArticleFormat::PlainText);
    assert_eq!(imported.article.title, original.title, "{name}");
    assert_eq!(ids(&imported.article), ids(&original), "{name}");
}

#[test]
fn utf8_with_a_bom() {
    for (name, text) in seeds() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        round_trip(&name, &bytes, &text, UTF_8, true);
        round_trip(&name, text.as_bytes(), &text, UTF_8, false);
    }
}

#[test]
fn utf16_with_a_bom_both_byte_orders() {
    for (name, text) in seeds() {
        // encoding_rs only decodes UTF-16 (the Encoding Standard never writes it).
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        round_trip(&name, &le, &text, UTF_16LE, true);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        round_trip(&name, &be, &text, UTF_16BE, true);
    }
}

/// The seed without the characters `encoding` cannot hold (`ﷺ`, `﴿ ﴾`, alef wasla…),
/// so the round trip can be exact.
fn representable(text: &str, encoding: &'static Encoding) -> String {
    text.chars()
        .filter(|c| {
            let mut buffer = [0; 4];
            !encoding.encode(c.encode_utf8(&mut buffer)).2
        })
        .collect()
}

#[test]
fn windows_1256_is_detected_without_a_bom() {
    for (name, text) in seeds() {
        let text = representable(&text, WINDOWS_1256);
        let (bytes, _, unmappable) = WINDOWS_1256.encode(&text);
        assert!(!unmappable);
        round_trip(&name, &bytes, &text, WINDOWS_1256, false);
    }
}

#[test]
fn iso_8859_6_is_detected_without_a_bom() {
    for (name, text) in seeds() {
        let text = representable(&text, ISO_8859_6);
        let (bytes, _, unmappable) = ISO_8859_6.encode(&text);
        assert!(!unmappable);
        round_trip(&name, &bytes, &text, ISO_8859_6, false);
    }
}

#[test]
fn crlf_and_cr_line_ends_give_the_same_article() {
    for (name, text) in seeds() {
        for line_end in ["\r\n", "\r"] {
            let bytes = text.replace('\n', line_end);
            round_trip(&name, bytes.as_bytes(), &text, UTF_8, false);
        }
    }
}

#[test]
fn a_legacy_file_reads_like_its_utf8_original() {
    // The encoding changes the bytes, not the article: ids (and so notes) carry over.
    let folder = tempfile::tempdir().expect("temporary folder");
    for (name, text) in seeds() {
        let text = representable(&text, WINDOWS_1256);
        let legacy = folder.path().join(format!("1256-{name}"));
        std::fs::write(&legacy, WINDOWS_1256.encode(&text).0).expect("write");
        let utf8 = folder.path().join(format!("utf8-{name}"));
        std::fs::write(&utf8, &text).expect("write");
        let legacy = hamish::import::import_file(&legacy, None).expect("reads");
        let utf8 = hamish::import::import_file(&utf8, None).expect("reads");
        assert_eq!(legacy.article, utf8.article, "{name}");
        assert_eq!(legacy.encoding.to_string(), "Windows-1256 (Arabic)");
        assert!(utf8.encoding.is_utf8());
    }
}

#[test]
fn the_article_view_shows_an_encoding_that_is_not_utf8() {
    use egui_kittest::kittest::Queryable as _;
    let folder = tempfile::tempdir().expect("temporary folder");
    let text = "عنوان بترميز قديم\nفقرة مكتوبة بترميز ويندوز العربي، كما تحفظها البرامج القديمة.\n";
    std::fs::write(folder.path().join("قديم.txt"), WINDOWS_1256.encode(text).0).expect("write");
    let app = hamish::app::HamishApp::new(
        hamish::app::Preferences::default(),
        hamish::app::ReadingState::default(),
        Some(folder.path().to_owned()),
    );
    let mut harness = common::app_harness(app, egui::vec2(1200.0, 800.0));
    harness.run();
    harness.get_by_label("Encoding: Windows-1256 (Arabic)");
    harness.get_by_label("فقرة مكتوبة بترميز ويندوز العربي، كما تحفظها البرامج القديمة.");
    harness.get_by_label_contains("قديم.txt\u{2069} — 2 sections — Windows-1256 (Arabic)");
}
