//! Searching a folder: its articles, their translations and the reader's notes.
//!
//! Matching ([`matcher`]) folds text as anchors do ([`crate::model::fold`]): it
//! ignores diacritics, tatweel, letter variants and case, finds a query at the start
//! of a word, and with [`SearchOptions::prefixes`] after Arabic clitics too. What an
//! article holds to be searched is read by [`document`], and the [`SearchIndex`]
//! keeps it for a whole folder, updated file by file as the folder changes. The app
//! (`app::search`) runs it on a background thread; `hamish search` ([`cli`]) runs the
//! same code once.
//!
//! Sits above `import`, `store` and `model`, and below `app`.

pub mod cli;
pub mod document;
mod imported;
pub mod index;
pub mod matcher;
pub mod prefixes;

pub use document::{Entry, Kind, Searchable, read_searchable, searchable, with_columns};
pub use imported::ImportedTranslations;
pub use index::{ArticleHits, Hit, SearchIndex, SearchResults};
pub use matcher::{Match, Query, SearchOptions};
