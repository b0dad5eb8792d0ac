//! `file:` URIs for article paths (RFC 8089), percent-encoded as RFC 3986 asks.
//!
//! Hand-written rather than taken from the `url` crate: a path only needs its bytes
//! outside RFC 3986's `pchar` set encoded, which is a dozen lines, while `url` brings
//! IDNA tables and several crates for host names a `file:` URI of a local path never
//! has. On Unix a path is bytes and is encoded byte for byte, so even a name that is
//! not UTF-8 gives an exact URI (nothing is decoded lossily); on Windows the path's
//! UTF-8 is encoded, its `\` become `/` and a drive letter gets a leading `/`
//! (`file:///C:/…`).

use std::path::Path;

/// The `file:` URI of the absolute path `path`: `file://` and the path with every
/// byte outside RFC 3986's unreserved characters, sub-delimiters, `:`, `@` and the
/// `/` separators percent-encoded (so spaces, `#`, `%`, `?` and every non-ASCII
/// byte are).
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    let bytes = path_bytes(path);
    if !bytes.starts_with(b"/") {
        uri.push('/');
    }
    for &byte in bytes.iter() {
        if is_kept(byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// Unreserved characters, sub-delimiters, `:`, `@` (RFC 3986 `pchar`) and `/`.
fn is_kept(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte)
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt as _;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    // Windows paths are UTF-16; one that is not valid Unicode has no URI anyway.
    let text = path.to_string_lossy().replace('\\', "/");
    std::borrow::Cow::Owned(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn spaces_arabic_and_reserved_characters_are_encoded() {
        assert_eq!(
            file_uri(Path::new("/home/a/مقالات جديدة/50% #1?.txt")),
            "file:///home/a/%D9%85%D9%82%D8%A7%D9%84%D8%A7%D8%AA%20%D8%AC%D8%AF%D9%8A%D8%AF%D8%A9/50%25%20%231%3F.txt"
        );
        assert_eq!(
            file_uri(Path::new("/a/b-c_d.e~f(1)+x=y@z.md")),
            "file:///a/b-c_d.e~f(1)+x=y@z.md"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_encoded_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt as _;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"/a/\xff\xfe.txt"));
        assert_eq!(file_uri(path), "file:///a/%FF%FE.txt");
    }
}
