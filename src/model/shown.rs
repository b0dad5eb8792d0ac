//! Text from files and the command line as a message shows it.
//!
//! A message quotes what it is about: a glossary term, a language tag, a file's name.
//! What is quoted must be what is there and must not take the message over: a bidi
//! control (U+202E reverses everything after it) or a direction mark in a term, or a
//! terminal escape or a line end in a name, is written as its code point, `<U+202E>`,
//! never passed on raw; and a quote, or a list of them, is bounded, so a file of a
//! million bad terms is still one short message.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use super::bidi_controls::{is_bidi_control, is_direction_mark};

/// The longest quote a message holds, in characters (a longer one is cut, with `…`).
pub const QUOTE_MAX_CHARS: usize = 80;

/// How many items of a list a message names; the rest are counted.
pub const LIST_MAX_ITEMS: usize = 10;

/// Whether `c` is written as its code point in a message: bidi controls, direction
/// marks and control characters (line ends, tabs, terminal escapes). Joiners stay:
/// Persian and Urdu words need the zero-width non-joiner.
fn is_hidden(c: char) -> bool {
    is_bidi_control(c) || is_direction_mark(c) || c.is_control()
}

/// `text` with every bidi control, direction mark and control character written as
/// its code point (`<U+202E>`); borrowed when there is none.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            let _ = write!(shown, "<U+{:04X}>", u32::from(c));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// `text` as a message quotes it: [`escaped`], and cut after [`QUOTE_MAX_CHARS`]
/// characters.
pub fn quoted(text: &str) -> String {
    let mut cut: String = text.chars().take(QUOTE_MAX_CHARS).collect();
    let longer = cut.len() < text.len();
    cut = escaped(&cut).into_owned();
    if longer {
        cut.push('…');
    }
    cut
}

/// A path as a message names it: whole, with its hidden characters [`escaped`].
pub fn shown_path(path: &Path) -> String {
    escaped(&path.to_string_lossy()).into_owned()
}

/// `items`, [`quoted`], joined with commas: the first [`LIST_MAX_ITEMS`], then how
/// many more there are.
pub fn shown_list<S: AsRef<str>>(items: &[S]) -> String {
    let mut shown = items
        .iter()
        .take(LIST_MAX_ITEMS)
        .map(|item| quoted(item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ");
    let more = items.len().saturating_sub(LIST_MAX_ITEMS);
    if more > 0 {
        let _ = write!(shown, " and {more} more");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_written_as_code_points() {
        assert!(matches!(escaped("مجلس الأمن"), Cow::Borrowed(_)));
        assert_eq!(
            escaped("a\u{202E}b\u{200F}c\u{1b}[31m"),
            "a<U+202E>b<U+200F>c<U+001B>[31m"
        );
        assert_eq!(escaped("line\nend"), "line<U+000A>end");
        // The zero-width non-joiner is part of Persian words.
        assert_eq!(escaped("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }

    #[test]
    fn quotes_and_lists_are_bounded() {
        let long = "ب".repeat(1000);
        let quote = quoted(&long);
        assert_eq!(quote.chars().count(), QUOTE_MAX_CHARS + 1);
        assert!(quote.ends_with('…'));
        assert_eq!(quoted("\u{202E}en"), "<U+202E>en");
        let terms: Vec<String> = (0..1000).map(|n| format!("t{n}")).collect();
        let list = shown_list(&terms);
        assert!(list.starts_with("t0, t1, "), "{list}");
        assert!(list.ends_with("t9 and 990 more"), "{list}");
        assert_eq!(shown_list(&["a", "b"]), "a, b");
    }
}
