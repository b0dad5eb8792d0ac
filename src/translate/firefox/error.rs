//! What can go wrong with the built-in engine, in words a reader understands: each
//! message says what is wrong and, where there is one, what to do about it.

use std::path::PathBuf;

/// Why the built-in Firefox engine cannot open a model or translate a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FirefoxError {
    /// The folder holds no model at all (or does not exist).
    #[error(
        "there is no Firefox translation model in {}: put the model's files there (see \"Where to get a model\")",
        dir.display()
    )]
    NoModel { dir: PathBuf },
    /// The folder has a model but lacks one of the files it needs.
    #[error("the model folder {} has no {what} ({expected}){hint}", dir.display())]
    MissingFile {
        dir: PathBuf,
        /// What the file is for, e.g. "vocabulary".
        what: &'static str,
        /// How such a file is named, e.g. "vocab.aren.spm".
        expected: String,
        /// A further sentence (starting with "; ") when the folder holds something
        /// close, such as the file still compressed; otherwise empty.
        hint: String,
    },
    /// The folder mixes the files of two layouts or two models, so which ones
    /// belong together cannot be told.
    #[error("the model folder {} {detail}", dir.display())]
    MixedFolder {
        dir: PathBuf,
        /// What it mixes and what to do, e.g. "holds both a shared vocabulary …".
        detail: String,
    },
    /// The files are there but the model cannot be used.
    #[error("the model {} cannot be used: {reason}", path.display())]
    BadModel { path: PathBuf, reason: String },
    /// The engine was built for instructions this processor does not have.
    #[error(
        "this computer's processor lacks {missing}, which the built-in translator needs; \
         use a local server or a command as the translation engine instead"
    )]
    Cpu { missing: String },
    /// The engine failed on this text.
    #[error("the built-in translator failed on this text: {0}")]
    Decoding(String),
}
