//! Any bytes, read as the start or the whole of a `.txt` or `.md` file: the importer
//! must return an article or an error, never panic, and what it returns must be well
//! formed.

#![no_main]

use hamish::import::{ArticleFormat, MAX_SECTION_BYTES, decode, import_decoded};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for complete in [true, false] {
        let Ok(decoded) = decode(data, complete) else {
            continue;
        };
        for format in [ArticleFormat::PlainText, ArticleFormat::Markdown] {
            let imported = import_decoded(decoded.clone(), format);
            for section in &imported.article.sections {
                assert!(!section.text.trim().is_empty());
                assert!(section.text.len() <= MAX_SECTION_BYTES);
                for span in &section.emphasis {
                    assert!(section.text.get(span.range.clone()).is_some());
                }
            }
        }
    }
});
