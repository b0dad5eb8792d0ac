//! Hamish's folding, compiled from its own source files (not copied), so that this
//! crate does not build the app and its window system for one benchmark.

#[path = "../../../src/model/fold.rs"]
pub mod fold;
#[path = "../../../src/model/normalize.rs"]
mod normalize;
pub use normalize::normalize;
