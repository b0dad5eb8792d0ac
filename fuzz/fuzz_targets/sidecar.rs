//! Any bytes, read as a sidecar: the reader must return its contents or an error,
//! never panic; what it returns must encode and read back the same.

#![no_main]

use hamish::store::{decode_contents_bytes, encode_contents};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(contents) = decode_contents_bytes(data) else {
        return;
    };
    let text = match encode_contents("a.txt", &contents) {
        Ok(text) => text,
        Err(error) => panic!("what was read encodes: {error}"),
    };
    match decode_contents_bytes(text.as_bytes()) {
        Ok(again) => assert_eq!(again.for_disk(), contents.for_disk()),
        Err(error) => panic!("what was written reads back: {error}"),
    }
});
