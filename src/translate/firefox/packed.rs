//! A model's files as Mozilla publishes them: gzip-compressed (`….bin.gz`,
//! `….spm.gz`) in the Firefox Translations models repository, plain once a reader or
//! Firefox has unpacked them. Hamish takes either: a compressed file is unpacked into
//! memory only, never onto the disk beside the reader's files, and never past the
//! budget its kind of file has, so a file that unpacks into gigabytes (by mistake or
//! on purpose) costs no more than a plain one of the budget's size.

use std::io::Read as _;
use std::path::Path;

use crate::files::{FileError, read_whole};

/// The ending of a gzip-compressed file.
pub const GZIP_SUFFIX: &str = ".gz";

/// Whether the file at `path` is gzip-compressed, by its name.
pub fn is_gzip(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(GZIP_SUFFIX))
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackedError {
    /// The file itself could not be read.
    #[error("{0}")]
    File(#[from] FileError),
    /// It is named `.gz` but is not gzip data, or is cut short.
    #[error("it cannot be decompressed ({0})")]
    NotGzip(String),
    /// It decompresses into more than its budget.
    #[error("it decompresses into more than {} MB, which no such file has", max_bytes / (1024 * 1024))]
    TooLargeUnpacked { max_bytes: u64 },
}

/// The bytes of the file at `path`, decompressed if its name ends with `.gz`; at
/// most `max_bytes` of them either way (and of the compressed file).
pub fn read(path: &Path, max_bytes: u64) -> Result<Vec<u8>, PackedError> {
    let stored = read_whole(path, max_bytes)?;
    if !is_gzip(path) {
        return Ok(stored);
    }
    unpack(&stored, max_bytes)
}

/// `gzip` decompressed, every member of it (as `gunzip` does), within `max_bytes`.
pub fn unpack(gzip: &[u8], max_bytes: u64) -> Result<Vec<u8>, PackedError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(gzip)
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|error| PackedError::NotGzip(error.to_string()))?;
    if out.len() as u64 > max_bytes {
        return Err(PackedError::TooLargeUnpacked { max_bytes });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).expect("compressed");
        encoder.finish().expect("compressed")
    }

    #[test]
    fn plain_and_compressed_files_read_the_same() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = b"the same bytes, plain and packed".repeat(100);
        std::fs::write(dir.path().join("vocab.aren.spm"), &text).expect("written");
        std::fs::write(dir.path().join("vocab.aren.spm.gz"), gzip(&text)).expect("written");
        assert_eq!(
            read(&dir.path().join("vocab.aren.spm"), 1 << 20),
            Ok(text.clone())
        );
        assert_eq!(
            read(&dir.path().join("vocab.aren.spm.gz"), 1 << 20),
            Ok(text)
        );
    }

    #[test]
    fn concatenated_members_are_all_read() {
        let mut both = gzip(b"first ");
        both.extend(gzip(b"second"));
        assert_eq!(unpack(&both, 100), Ok(b"first second".to_vec()));
    }

    #[test]
    fn a_file_that_unpacks_past_its_budget_is_refused() {
        // 10 MB of zeros pack into about 10 kB.
        let bomb = gzip(&vec![0; 10 * 1024 * 1024]);
        assert!(bomb.len() < 64 * 1024);
        assert_eq!(
            unpack(&bomb, 1024 * 1024),
            Err(PackedError::TooLargeUnpacked {
                max_bytes: 1024 * 1024
            })
        );
        assert_eq!(
            unpack(&bomb, 10 * 1024 * 1024).map(|b| b.len()),
            Ok(10 * 1024 * 1024)
        );
    }

    #[test]
    fn damaged_gzip_is_said() {
        let packed = gzip(b"some text that is long enough to be cut");
        assert!(matches!(
            unpack(&packed[..packed.len() / 2], 1000),
            Err(PackedError::NotGzip(_))
        ));
        assert!(matches!(
            unpack(b"not gzip at all", 1000),
            Err(PackedError::NotGzip(_))
        ));
        assert!(is_gzip(Path::new("/m/model.aren.intgemm.alphas.bin.gz")));
        assert!(!is_gzip(Path::new("/m/model.aren.intgemm.alphas.bin")));
    }
}
