//! Any text, read as a folder's glossary: the reader must return a glossary (with its
//! bad lines counted), never panic, and using it on any text must not panic either.

#![no_main]

use hamish::translate::Glossary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let glossary = Glossary::parse(text);
    let _ = glossary.problems();
    let relevant = glossary.relevant(text).len();
    let _ = glossary.missed(text, text);
    assert!(relevant <= text.len() + 1);
});
