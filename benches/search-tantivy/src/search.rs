//! Hamish's matching, compiled from its own source files: see `model.rs`.

#[path = "../../../src/search/matcher.rs"]
pub mod matcher;
#[path = "../../../src/search/prefixes.rs"]
pub mod prefixes;
