//! Reading a file Hamish did not write itself — an article, a companion, a sidecar,
//! the glossary, the preferences, a model's files — checked for type and size before
//! a byte of it is read.
//!
//! Every such file is the reader's (or a sync tool's, or anyone's who could put a file
//! in the folder), so none is trusted to be what its name says. Three rules, one place:
//!
//! - Only a regular file is read. A FIFO would make `read` wait forever (the window on
//!   "Opening the article…", the command line for good); a device such as `/dev/zero`
//!   never ends. Both are refused by their type, after following links.
//! - The type is checked twice: by name before opening, and on the opened file itself,
//!   so a file swapped for a FIFO in between is still refused. The open does not wait
//!   either: it asks for non-blocking mode, which opening a FIFO with no writer would
//!   otherwise do forever, and which changes nothing for a regular file.
//! - Each caller states its budget, and nothing past it is read even if the file grows
//!   while it is read: its cost in memory and time is bounded whatever it holds.
//!
//! Knows nothing of what the bytes mean; callers wrap [`FileError`] in their own
//! error types and the app puts it into words.

use std::fs::{File, Metadata};
use std::io::Read as _;
use std::path::Path;

/// At most this much is reserved up front from a size the file reports; a larger
/// file (where the caller allows one) grows the buffer as it is read.
const MAX_PREALLOCATED_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Nothing has the name.
    #[error("there is no such file")]
    Missing,
    /// A symbolic link whose target is not there.
    #[error("it is a link to a file that is not there")]
    BrokenLink,
    /// A folder, pipe, socket or device: reading it could wait forever or never end.
    #[error("it is not a regular file, so it is not read")]
    NotAFile,
    /// Larger than the caller's budget.
    #[error("it is too large ({}; at most {} are read)", size(*bytes), size(*max_bytes))]
    TooLarge {
        /// Its size when it was checked (or the bytes read before it outgrew the budget).
        bytes: u64,
        /// The budget.
        max_bytes: u64,
    },
    /// The operating system refused to let us read it.
    #[error("permission denied")]
    PermissionDenied,
    /// Any other failure to read.
    #[error("{message}")]
    Unreadable {
        /// What the operating system said.
        message: String,
    },
}

/// `bytes` for a message: in bytes, kilobytes or megabytes, whichever reads best.
fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    match bytes {
        0..KB => format!("{bytes} bytes"),
        KB..=1_048_575 => format!("{} KB", bytes / KB),
        _ => format!("{} MB", bytes / (KB * KB)),
    }
}

impl FileError {
    /// The [`std::io::ErrorKind`] closest to this error, for callers that report I/O
    /// errors (the error itself goes inside, see [`Self::into_io`]).
    pub fn io_kind(&self) -> std::io::ErrorKind {
        use std::io::ErrorKind;
        match self {
            Self::Missing | Self::BrokenLink => ErrorKind::NotFound,
            Self::NotAFile => ErrorKind::InvalidInput,
            Self::TooLarge { .. } => ErrorKind::FileTooLarge,
            Self::PermissionDenied => ErrorKind::PermissionDenied,
            Self::Unreadable { .. } => ErrorKind::Other,
        }
    }

    /// This error as an [`std::io::Error`] of its kind, for callers whose errors hold
    /// one; its text is this error's.
    pub fn into_io(self) -> std::io::Error {
        std::io::Error::new(self.io_kind(), self)
    }

    fn from_io(error: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::NotFound => Self::Missing,
            ErrorKind::PermissionDenied => Self::PermissionDenied,
            _ => Self::Unreadable {
                message: error.to_string(),
            },
        }
    }
}

/// Checks the file at `path` without opening it: a regular file (after following
/// links) of at most `max_bytes`. Returns its size. For files handed to a library
/// that opens them itself (a model mapped into memory); [`read_checked`] for the rest.
pub fn check_file(path: &Path, max_bytes: Option<u64>) -> Result<u64, FileError> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            // `metadata` follows links; the link itself may still be there.
            return Err(if path.symlink_metadata().is_ok() {
                FileError::BrokenLink
            } else {
                FileError::Missing
            });
        }
        Err(error) => return Err(FileError::from_io(&error)),
    };
    check_metadata(&metadata, max_bytes)
}

fn check_metadata(metadata: &Metadata, max_bytes: Option<u64>) -> Result<u64, FileError> {
    if !metadata.is_file() {
        return Err(FileError::NotAFile);
    }
    match max_bytes {
        Some(max_bytes) if metadata.len() > max_bytes => Err(FileError::TooLarge {
            bytes: metadata.len(),
            max_bytes,
        }),
        _ => Ok(metadata.len()),
    }
}

/// Opens the file at `path` for reading after [`check_file`], without ever waiting
/// (see the module doc), and checks the opened file again. Returns it with its size.
pub fn open_checked(path: &Path, max_bytes: Option<u64>) -> Result<(File, u64), FileError> {
    check_file(path, max_bytes)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
        options.custom_flags(flags.bits() as i32);
    }
    let file = options
        .open(path)
        .map_err(|error| FileError::from_io(&error))?;
    let metadata = file
        .metadata()
        .map_err(|error| FileError::from_io(&error))?;
    let size = check_metadata(&metadata, max_bytes)?;
    Ok((file, size))
}

/// Reads the file at `path` (see [`open_checked`]), refusing one over `max_bytes`
/// (`None`: any size), at most `prefix` bytes of it if given. Returns the bytes and
/// whether they are the whole file.
pub fn read_checked(
    path: &Path,
    max_bytes: Option<u64>,
    prefix: Option<usize>,
) -> Result<(Vec<u8>, bool), FileError> {
    let (file, size) = open_checked(path, max_bytes)?;
    let prefix = prefix.map_or(u64::MAX, |prefix| prefix as u64);
    let limit = prefix.min(max_bytes.unwrap_or(u64::MAX));
    // The size read from the file, not trusted further than the budget: a file that
    // grows while it is read stops at the limit.
    let capacity = size.min(limit).min(MAX_PREALLOCATED_BYTES);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    // One byte past the limit says whether there is more.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| FileError::from_io(&error))?;
    let read = bytes.len() as u64;
    if let Some(max_bytes) = max_bytes
        && read > max_bytes
        && prefix > max_bytes
    {
        return Err(FileError::TooLarge {
            bytes: read,
            max_bytes,
        });
    }
    let complete = read <= prefix;
    bytes.truncate(usize::try_from(prefix).unwrap_or(usize::MAX));
    Ok((bytes, complete))
}

/// Reads the whole file at `path` (see [`read_checked`]) if it is at most `max_bytes`
/// long: the call for a file read at once, such as the glossary or the preferences.
pub fn read_whole(path: &Path, max_bytes: u64) -> Result<Vec<u8>, FileError> {
    read_checked(path, Some(max_bytes), None).map(|(bytes, _)| bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_within_its_budget() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("a.txt");
        std::fs::write(&path, b"hello").expect("write");
        assert_eq!(read_whole(&path, 5), Ok(b"hello".to_vec()));
        assert_eq!(
            read_whole(&path, 4),
            Err(FileError::TooLarge {
                bytes: 5,
                max_bytes: 4
            })
        );
        assert_eq!(
            read_checked(&path, Some(100), Some(3)),
            Ok((b"hel".to_vec(), false))
        );
        assert_eq!(
            read_checked(&path, None, Some(5)),
            Ok((b"hello".to_vec(), true))
        );
        assert_eq!(check_file(&path, None), Ok(5));
        let too_large = FileError::TooLarge {
            bytes: 242_777_973,
            max_bytes: 128 * 1024 * 1024,
        };
        assert_eq!(
            too_large.to_string(),
            "it is too large (231 MB; at most 128 MB are read)"
        );
    }

    #[test]
    fn missing_files_and_broken_links_differ() {
        let folder = tempfile::tempdir().expect("folder");
        let missing = folder.path().join("missing");
        assert_eq!(read_whole(&missing, 10), Err(FileError::Missing));
        #[cfg(unix)]
        {
            let link = folder.path().join("link");
            std::os::unix::fs::symlink(&missing, &link).expect("link");
            assert_eq!(read_whole(&link, 10), Err(FileError::BrokenLink));
        }
        assert_eq!(read_whole(folder.path(), 10), Err(FileError::NotAFile));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_links_to_them_are_never_read() {
        let folder = tempfile::tempdir().expect("folder");
        let link = folder.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
        assert_eq!(read_whole(&link, 10), Err(FileError::NotAFile));
        assert_eq!(
            read_whole(Path::new("/dev/null"), 10),
            Err(FileError::NotAFile)
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_is_refused_at_once() {
        let folder = tempfile::tempdir().expect("folder");
        let fifo = folder.path().join("fifo");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .expect("mkfifo");
        // On the old code this waited for a writer forever; run it where a hang fails
        // the test instead of stalling it.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(read_whole(&fifo, 10));
        });
        let result = receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the read returns");
        assert_eq!(result, Err(FileError::NotAFile));
    }
}
