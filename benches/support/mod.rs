//! What the benchmarks share.

/// Resident memory of this process, in megabytes (Linux; 0 where it cannot be read).
pub fn resident_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}

/// What the app does with an article file's bytes before showing it: decode,
/// normalise, section.
pub fn import_bytes(bytes: &[u8]) -> hamish::model::Article {
    use hamish::import::{ArticleFormat, decode, import_decoded};
    match decode(bytes, true) {
        Ok(decoded) => import_decoded(decoded, ArticleFormat::PlainText).article,
        Err(error) => panic!("benchmark articles decode: {error}"),
    }
}
