//! Any bytes, read as a translation file (aligned): the reader must return translations or
//! an error, never panic, and what it returns must be well formed and no larger than
//! a small multiple of what it read.

#![no_main]

use hamish::import::ArticleFormat;
use hamish::import::translation::{MAX_LANGUAGES, parse_translation};
use hamish::model::translation::TranslationFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for text_format in [ArticleFormat::PlainText, ArticleFormat::Markdown] {
        let Ok(imported) = parse_translation(data, TranslationFormat::Aligned, text_format, "a.en.txt", Some("en"))
        else {
            continue;
        };
        assert!(imported.files.len() <= MAX_LANGUAGES);
        let mut text = 0;
        for file in &imported.files {
            assert!(!file.language.is_empty());
            assert!(!file.segments.is_empty());
            for segment in &file.segments {
                assert!(!segment.target.is_empty());
                text += segment.target.len() + segment.source.as_ref().map_or(0, String::len);
            }
        }
        assert!(text <= 8 * data.len() + 1024);
    }
});
