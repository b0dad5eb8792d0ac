//! Every reader of a file Hamish did not write, on random bytes and on hostile
//! structures made of the pieces real files are made of: TMX, XLIFF, aligned text,
//! the sidecar and the glossary. Each must return a value or an error — never panic —
//! and stay within bounds: what it returns is no larger than a small multiple of what
//! it read, and no input takes more than a generous deadline (a bound, not a speed
//! figure: those are in `benches/hostile.rs`).
//!
//! The same ground as the fuzz targets in `fuzz/` (which need a nightly compiler), on
//! every `cargo test`.

use std::time::{Duration, Instant};

use hamish::import::ArticleFormat;
use hamish::import::translation::parse_translation;
use hamish::model::translation::TranslationFormat;
use hamish::store::decode_contents_bytes;
use hamish::translate::Glossary;
use proptest::prelude::*;

/// No input of these sizes may take longer, even in a debug build on a busy machine.
const DEADLINE: Duration = Duration::from_secs(10);

/// What a reader may return for an input of `input` bytes, in bytes of text.
fn output_bound(input: usize) -> usize {
    8 * input + 1024
}

/// Reads `bytes` as a translation file of each format; checks the bounds.
fn read_translation(bytes: &[u8]) {
    for (format, name, language) in [
        (TranslationFormat::Tmx, "a.tmx", None),
        (TranslationFormat::Xliff, "a.en.xlf", Some("en")),
        (TranslationFormat::Aligned, "a.en.txt", Some("en")),
    ] {
        let started = Instant::now();
        let read = parse_translation(bytes, format, ArticleFormat::PlainText, name, language);
        assert!(started.elapsed() < DEADLINE, "{format:?} took too long");
        if let Ok(imported) = read {
            let text: usize = imported
                .files
                .iter()
                .flat_map(|file| &file.segments)
                .map(|segment| {
                    segment.target.len() + segment.source.as_ref().map_or(0, String::len)
                })
                .sum();
            assert!(
                text <= output_bound(bytes.len()),
                "{format:?}: {text} bytes"
            );
            assert!(
                imported
                    .files
                    .iter()
                    .all(|file| !file.language.is_empty() && !file.segments.is_empty()),
                "{format:?}"
            );
        }
    }
}

/// Reads `bytes` as a sidecar; what it holds must encode back and read the same.
fn read_sidecar(bytes: &[u8]) {
    let started = Instant::now();
    let read = decode_contents_bytes(bytes);
    assert!(started.elapsed() < DEADLINE, "the sidecar took too long");
    if let Ok(contents) = read {
        let text = hamish::store::encode_contents("a.txt", &contents).expect("encodes");
        let again = decode_contents_bytes(text.as_bytes()).expect("reads back");
        assert_eq!(again.for_disk(), contents.for_disk());
    }
}

/// Reads `text` as a glossary.
fn read_glossary(text: &str) {
    let started = Instant::now();
    let glossary = Glossary::parse(text);
    let _ = glossary.problems();
    let _ = glossary.relevant(text);
    assert!(started.elapsed() < DEADLINE, "the glossary took too long");
}

/// Pieces of TMX and XLIFF, well formed and not, and the tricks hostile files use.
fn xml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".to_owned()),
        Just("<tmx version=\"1.4\">".to_owned()),
        Just("<header srclang=\"ar\"/>".to_owned()),
        Just("<header srclang=\"*all*\"/>".to_owned()),
        Just("<body>".to_owned()),
        Just("</body>".to_owned()),
        Just("<tu>".to_owned()),
        Just("</tu>".to_owned()),
        Just("<tuv xml:lang=\"ar\">".to_owned()),
        "[a-zA-Z_-]{0,12}".prop_map(|tag| format!("<tuv xml:lang=\"{tag}\">")),
        Just("</tuv>".to_owned()),
        Just("<seg>".to_owned()),
        Just("</seg>".to_owned()),
        Just("<bpt i=\"1\">&lt;b&gt;</bpt>".to_owned()),
        Just("<ph>".to_owned()),
        Just("<xliff version=\"1.2\">".to_owned()),
        Just("<xliff version=\"2.0\" srcLang=\"ar\" trgLang=\"en\">".to_owned()),
        Just("<file source-language=\"ar\" target-language=\"en\">".to_owned()),
        Just("<trans-unit id=\"1\">".to_owned()),
        Just("</trans-unit>".to_owned()),
        Just("<unit id=\"1\"><segment>".to_owned()),
        Just("</segment></unit>".to_owned()),
        Just("<source>".to_owned()),
        Just("</source>".to_owned()),
        "[a-zA-Z_-]{0,12}".prop_map(|tag| format!("<target xml:lang=\"{tag}\">")),
        Just("<target>".to_owned()),
        Just("</target>".to_owned()),
        Just("<cp hex=\"0627\"/>".to_owned()),
        Just("<cp hex=\"FFFFFFFF\"/>".to_owned()),
        Just("<alt-trans><target>x</target></alt-trans>".to_owned()),
        Just("<!DOCTYPE tmx [<!ENTITY a \"aaaaaaaaaa\">]>".to_owned()),
        Just("&a;".to_owned()),
        Just("&amp;&#x627;&#1;&#xFFFFFF;".to_owned()),
        Just("<![CDATA[نص]]>".to_owned()),
        Just("<!-- note -->".to_owned()),
        Just("قال الرئيس كلمته ".to_owned()),
        Just("The president spoke ".to_owned()),
        Just("\u{202E}\u{2066}".to_owned()),
        Just("\n".to_owned()),
        Just("<".to_owned()),
        Just("\"".to_owned()),
    ]
}

/// Pieces of a sidecar: a valid one cut into tokens, and hostile values.
fn json_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{\"format\": \"hamish-notes\", \"version\": 2, ".to_owned()),
        Just("{\"format\": \"hamish-notes\", \"version\": 1, ".to_owned()),
        Just("{\"format\": \"hamish-notes\", \"version\": 99999999999999999999999, ".to_owned()),
        Just("\"notes\": {".to_owned()),
        Just("\"0000000000001-00000001\": {\"anchor\": {\"section\": \"0000000000000001\", \"section_text\": \"نص\"}, \"text\": \"n\", \"created_ms\": 1, \"modified_ms\": 1}".to_owned()),
        Just("\"anchor\": {\"section\": \"zz\"}".to_owned()),
        Just("\"quote\": {\"exact\": \"ن\", \"start\": 18446744073709551615}".to_owned()),
        Just("\"translations\": {\"reader\": {\"en\": {".to_owned()),
        Just("\"machine\": {\"en\": {\"0000000000000002\": {\"text\": 42}".to_owned()),
        Just("\"machine\": {\"en\": {\"0000000000000002\": {\"section_text\": \"نص\", \"text\": \"t\"}".to_owned()),
        Just("\"fixes\": [{\"file\": \"a.en.txt\", \"language\": \"en\", \"fixes\": [{\"op\": \"shift_down\", \"row\": 0}, {\"op\": \"merge\", \"row\": 18446744073709551615}, {\"op\": \"split\", \"row\": 0, \"at_char\": 3}]}]".to_owned()),
        Just("}".to_owned()),
        Just("]".to_owned()),
        Just(", ".to_owned()),
        Just("null".to_owned()),
        Just("\"\\ud800\"".to_owned()),
        Just("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_owned()),
        "[ -~]{0,8}".prop_map(|text| format!("\"{text}\"")),
    ]
}

/// Pieces of a glossary: tab-separated terms, comments, and bad lines.
fn glossary_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("الرئيس\tthe president\n".to_owned()),
        Just("# a comment\n".to_owned()),
        Just("\t\t\n".to_owned()),
        Just("a line without a tab\n".to_owned()),
        Just("مجلس\tcouncil\textra\n".to_owned()),
        Just("\u{202E}term\t\u{2066}gloss\n".to_owned()),
        "[^\t\n]{0,12}\t[^\t\n]{0,12}\n",
        "\\PC{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        read_translation(&bytes);
        read_sidecar(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            read_glossary(text);
        }
    }

    #[test]
    fn hostile_xml_is_read_or_refused(pieces in proptest::collection::vec(xml_piece(), 0..400)) {
        read_translation(pieces.concat().as_bytes());
    }

    #[test]
    fn hostile_sidecars_are_read_or_refused(pieces in proptest::collection::vec(json_piece(), 0..200)) {
        read_sidecar(pieces.concat().as_bytes());
    }

    #[test]
    fn hostile_glossaries_are_read(pieces in proptest::collection::vec(glossary_piece(), 0..400)) {
        read_glossary(&pieces.concat());
    }

    #[test]
    fn fixtures_mutated_are_read_or_refused(
        fixture in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 0..32),
    ) {
        let mut bytes = FIXTURES[fixture].to_vec();
        for (at, byte, how) in edits {
            let at = at.index(bytes.len() + 1);
            match how {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => { bytes.remove(at); }
                _ if at < bytes.len() => bytes[at] = byte,
                _ => {}
            }
        }
        read_translation(&bytes);
        read_sidecar(&bytes);
    }
}

/// The translation fixtures and a sidecar, to mutate.
const FIXTURES: [&[u8]; 4] = [
    include_bytes!("fixtures/translation/003_2dd66c1bbdc4b7f0.tmx"),
    include_bytes!("fixtures/translation/003_2dd66c1bbdc4b7f0.en.xlf"),
    include_bytes!("fixtures/translation/003_2dd66c1bbdc4b7f0.en.txt"),
    r#"{"format": "hamish-notes", "version": 2, "article": "a.txt", "notes": {"0000000000001-00000001": {"anchor": {"section": "0000000000000001", "section_text": "نص", "quote": {"exact": "ن", "prefix": "", "suffix": "ص", "start": 0}}, "color": "yellow", "text": "n", "tags": ["t"], "created_ms": 1, "modified_ms": 2}}, "translations": {"reader": {"en": {"0000000000000001": {"anchor": {"section": "0000000000000001", "section_text": "نص"}, "text": "r", "created_ms": 1, "modified_ms": 1}}}, "fixes": [{"file": "a.en.txt", "language": "en", "fingerprint": "0", "fixes": [{"op": "shift_down", "row": 1}]}], "machine": {"en": {"0000000000000001": {"section_text": "نص", "text": "m", "engine": "command", "model": "", "made_ms": 1}}}, "shown_language": "en"}}"#.as_bytes(),
];

/// Tokens the stable driver splices into inputs: the syntax the readers care about.
const TOKENS: [&str; 24] = [
    "<tu>",
    "</tu>",
    "<tuv xml:lang=\"en\">",
    "</tuv>",
    "<seg>",
    "</seg>",
    "<trans-unit>",
    "</trans-unit>",
    "<target xml:lang=\"fr\">",
    "</target>",
    "<source>",
    "</source>",
    "<!DOCTYPE x [<!ENTITY e \"e\">]>",
    "&e;",
    "&#x10FFFF;",
    "\"machine\": {",
    "\"fixes\": [",
    "{\"op\": \"split\", \"row\": 0, \"at_char\": 1}",
    "\"version\": 2",
    "\u{FEFF}",
    "\t",
    "\n",
    "\u{202E}",
    "null",
];

/// The fuzz targets' bodies through a stable driver, for machines without a nightly
/// compiler (or without the time to build the fuzz crate): random and mutated inputs
/// from the fixtures for `HAMISH_FUZZ_SECONDS` seconds (default 30), every reader on
/// each. Run with `cargo test --test reader_props -- --ignored --nocapture`.
#[test]
#[ignore = "runs for as long as HAMISH_FUZZ_SECONDS says"]
fn stable_fuzz_driver() {
    let seconds: u64 = std::env::var("HAMISH_FUZZ_SECONDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(30);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut rng = fastrand::Rng::with_seed(
        std::env::var("HAMISH_FUZZ_SEED")
            .ok()
            .and_then(|text| text.parse().ok())
            .unwrap_or(25),
    );
    let mut seeds: Vec<Vec<u8>> = FIXTURES.iter().map(|fixture| fixture.to_vec()).collect();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    for entry in std::fs::read_dir(samples).expect("samples").flatten() {
        seeds.push(std::fs::read(entry.path()).expect("sample"));
    }
    let (mut runs, mut crashes) = (0u64, 0u64);
    while Instant::now() < deadline {
        let mut input = if rng.u8(..8) == 0 {
            (0..rng.usize(..512)).map(|_| rng.u8(..)).collect()
        } else {
            seeds[rng.usize(..seeds.len())].clone()
        };
        for _ in 0..rng.usize(1..9) {
            let at = rng.usize(..=input.len());
            match rng.u8(..6) {
                0 if at < input.len() => input[at] ^= 1 << rng.u8(..8),
                1 => input.insert(at, rng.u8(..)),
                2 => {
                    let end = (at + rng.usize(..64)).min(input.len());
                    input.drain(at..end);
                }
                3 => {
                    let end = (at + rng.usize(..256)).min(input.len());
                    let copy = input[at..end].to_vec();
                    let to = rng.usize(..=input.len());
                    input.splice(to..to, copy);
                }
                4 => {
                    let other = &seeds[rng.usize(..seeds.len())];
                    let from = rng.usize(..=other.len());
                    let end = (from + rng.usize(..512)).min(other.len());
                    input.splice(at..at, other[from..end].iter().copied());
                }
                _ => {
                    let token = TOKENS[rng.usize(..TOKENS.len())].as_bytes();
                    input.splice(at..at, token.iter().copied());
                }
            }
        }
        let outcome = std::panic::catch_unwind(|| {
            read_translation(&input);
            read_sidecar(&input);
            if let Ok(text) = std::str::from_utf8(&input) {
                read_glossary(text);
            }
            if let Ok(decoded) = hamish::import::decode(&input, true) {
                let _ = hamish::import::import_decoded(decoded, ArticleFormat::Markdown);
            }
        });
        runs += 1;
        if outcome.is_err() {
            crashes += 1;
            let path = std::env::temp_dir().join(format!("hamish-fuzz-crash-{runs}"));
            let _ = std::fs::write(&path, &input);
            eprintln!("crash kept at {}", path.display());
        }
        if rng.u8(..16) == 0 && input.len() < 1 << 16 {
            seeds.push(input);
        }
    }
    eprintln!("stable driver: {runs} runs in {seconds} s, {crashes} crashes");
    assert_eq!(crashes, 0);
}
