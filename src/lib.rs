//! Hamish (هامش, "margin"): an offline reader for right-to-left articles that shows
//! beside every section its translation and the reader's notes.
//!
//! The layers, from the bottom: [`model`] (pure data), [`files`] (reading a file only
//! once its type and size are checked), [`import`] (reading article
//! files), [`store`] (the reader's notes on disk), [`gloss`] (the Arabic
//! morphological analyser), [`text`] (the cosmic-text engine drawing into egui), [`ui`] (widgets and
//! panels) and [`app`] (the eframe application). A lower layer never uses a higher one.

pub mod align;
pub mod app;
pub mod export;
pub mod files;
pub mod gloss;
pub mod import;
pub mod model;
pub mod search;
pub mod store;
pub mod study;
pub mod text;
pub mod translate;
pub mod ui;
