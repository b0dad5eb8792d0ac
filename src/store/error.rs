//! Why a sidecar cannot be used, typed where it is found.
//!
//! These are facts with their evidence (paths, byte offsets, the I/O error), not
//! sentences for the reader: the app puts them into words, once, and says what to do.

/// What is wrong with a damaged sidecar: a file that is there but is not a notes
/// file this version can read and never was one of a newer version either.
#[derive(Debug, thiserror::Error)]
pub enum Damage {
    /// Not UTF-8 text. Reading it "lossily" would replace bytes and the next save
    /// would overwrite the original with that, so it is damaged like any other.
    #[error("it is not UTF-8 text: byte {valid_up_to} is not")]
    NotUtf8 {
        /// How many bytes from the start are valid UTF-8.
        valid_up_to: usize,
    },
    /// Not JSON, cut short, or JSON of the wrong shape.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// JSON with another `format` name: some other program's file.
    #[error("it is not a notes file (format \"{format}\")")]
    NotNotes {
        /// The `format` it names.
        format: String,
    },
}

/// Why a sidecar's notes cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file exists but could not be read (permissions, a disk error, a folder in
    /// its place).
    #[error("the notes file could not be read ({0})")]
    Unreadable(#[source] std::io::Error),
    /// The file is not a notes file this version understands: empty, cut short,
    /// edited by hand into invalid JSON, not UTF-8, or something else entirely.
    #[error("the notes file is damaged ({0})")]
    Damaged(#[from] Damage),
    /// The file names a format version this build does not know: written by a newer
    /// Hamish. Kept exactly as it is, under its own name.
    #[error("the notes file was written by a newer version of Hamish (format {0})")]
    NewerVersion(serde_json::Number),
}
