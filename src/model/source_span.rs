//! Where a section's text came from in the text its article was parsed from.
//!
//! A section's text is what the reader sees: Markdown markers removed, soft line breaks
//! turned into spaces, a list's number written out. Exports must quote the file, not
//! that, so every section keeps a [`SourceSpan`]: the bytes of the parsed text it was
//! made from and, when its text is not a plain copy of them, the pieces that are.
//!
//! The parsed text is the decoded file in NFC (see [`super::TextMap`] for the way
//! back from it to the file's own characters). A piece is either *verbatim* (the
//! section's bytes are a copy of the source's, so offsets inside it map one to one) or
//! a *replacement* (an entity such as `&amp;`, a soft break): a position inside a
//! replacement maps to the start of its source, an end inside it to the end. Text
//! outside every piece was written by the parser (a list's number): a start there
//! maps to the next piece's source, an end to the previous one's. So a mapped range
//! always covers at least what the reader selected, never less.

use std::ops::Range;

/// Where a section's text came from; see the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceSpan {
    /// The bytes of the parsed text the whole section was made from.
    pub range: Range<usize>,
    /// Pieces of the section's text and where each came from, in order and not
    /// overlapping. Empty when the section's text is a verbatim copy of `range`: the
    /// common case (every plain-text section), which then costs no allocation.
    pub pieces: Vec<SourcePiece>,
}

/// A piece of a section's text and the source bytes it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePiece {
    /// Bytes of the section's text.
    pub text: Range<usize>,
    /// Bytes of the parsed text.
    pub source: Range<usize>,
    /// True when `text` is a byte-for-byte copy of `source`.
    pub verbatim: bool,
}

impl SourcePiece {
    /// Where the byte `offset` of this piece's text (inside it or at its ends) came
    /// from, as a start (`end == false`) or an end of a range.
    fn map(&self, offset: usize, end: bool) -> usize {
        if self.verbatim {
            self.source.start + (offset - self.text.start)
        } else if end {
            if offset == self.text.start {
                self.source.start
            } else {
                self.source.end
            }
        } else if offset == self.text.end {
            self.source.end
        } else {
            self.source.start
        }
    }
}

impl SourceSpan {
    /// A section whose text is a copy of the bytes `range`.
    pub fn verbatim(range: Range<usize>) -> Self {
        Self {
            range,
            pieces: Vec::new(),
        }
    }

    /// A section made of `pieces` (its text's bytes in order), spanning from the first
    /// piece's source to the last one's.
    pub fn from_pieces(pieces: Vec<SourcePiece>) -> Self {
        let start = pieces.iter().map(|piece| piece.source.start).min();
        let end = pieces.iter().map(|piece| piece.source.end).max();
        let range = match (start, end) {
            (Some(start), Some(end)) => start..end,
            _ => 0..0,
        };
        let all_verbatim = pieces.len() == 1
            && pieces[0].verbatim
            && pieces[0].text.start == 0
            && pieces[0].source == range;
        if all_verbatim {
            return Self::verbatim(range);
        }
        Self { range, pieces }
    }

    /// The bytes of the parsed text that the bytes `text` of the section came from.
    /// Never shorter than what was asked: see the module docs.
    pub fn locate(&self, text: Range<usize>) -> Range<usize> {
        if self.pieces.is_empty() {
            let start = (self.range.start + text.start).min(self.range.end);
            let end = (self.range.start + text.end).clamp(start, self.range.end);
            return start..end;
        }
        let start = self
            .pieces
            .iter()
            .find(|piece| piece.text.end > text.start || piece.text.start >= text.start)
            .map_or(self.range.end, |piece| {
                if piece.text.start <= text.start {
                    piece.map(text.start, false)
                } else {
                    piece.source.start
                }
            });
        let end = self
            .pieces
            .iter()
            .rev()
            .find(|piece| piece.text.start < text.end || piece.text.end <= text.end)
            .map_or(self.range.start, |piece| {
                if piece.text.end >= text.end {
                    piece.map(text.end, true)
                } else {
                    piece.source.end
                }
            });
        start..end.max(start)
    }

    /// The span of the part `text` of the section, as if that part were a section of
    /// its own (its text's offsets start at 0).
    pub fn slice(&self, text: Range<usize>) -> Self {
        if self.pieces.is_empty() {
            return Self::verbatim(self.locate(text));
        }
        let pieces = self
            .pieces
            .iter()
            .filter(|piece| piece.text.start < text.end && piece.text.end > text.start)
            .map(|piece| {
                let cut = piece.text.start.max(text.start)..piece.text.end.min(text.end);
                let source = if piece.verbatim {
                    piece.map(cut.start, false)..piece.map(cut.end, true)
                } else {
                    piece.source.clone()
                };
                SourcePiece {
                    text: cut.start - text.start..cut.end - text.start,
                    source,
                    verbatim: piece.verbatim,
                }
            })
            .collect();
        Self::from_pieces(pieces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verbatim_section_maps_by_offset() {
        let span = SourceSpan::verbatim(10..20);
        assert_eq!(span.locate(2..5), 12..15);
        assert_eq!(span.locate(0..10), 10..20);
        assert_eq!(span.slice(2..5), SourceSpan::verbatim(12..15));
    }

    /// `نص **غامق** &amp; بعده` rendered as `نص غامق & بعده`.
    fn markdown_span() -> (String, String, SourceSpan) {
        let source = "نص **غامق** &amp; بعده".to_owned();
        let text = "نص غامق & بعده".to_owned();
        let piece = |text: Range<usize>, source: Range<usize>, verbatim| SourcePiece {
            text,
            source,
            verbatim,
        };
        let at = |needle: &str| source.find(needle).expect("in source");
        let bold = at("غامق");
        let amp = at("&amp;");
        let after = amp + "&amp;".len();
        let span = SourceSpan::from_pieces(vec![
            piece(0..5, 0..5, true),
            piece(5..13, bold..bold + 8, true),
            piece(13..14, bold + 10..bold + 11, true),
            piece(14..15, amp..after, false),
            piece(15..text.len(), after..source.len(), true),
        ]);
        (source, text, span)
    }

    #[test]
    fn markup_is_skipped_and_replacements_are_taken_whole() {
        let (source, text, span) = markdown_span();
        let quote = |needle: &str| {
            let start = text.find(needle).expect("in text");
            source[span.locate(start..start + needle.len())].to_owned()
        };
        assert_eq!(quote("غامق"), "غامق");
        assert_eq!(quote("نص غامق"), "نص **غامق");
        assert_eq!(quote("&"), "&amp;");
        assert_eq!(quote("غامق & بعده"), "غامق** &amp; بعده");
        assert_eq!(span.locate(0..text.len()), 0..source.len());
    }

    #[test]
    fn parts_keep_their_pieces() {
        let (source, text, span) = markdown_span();
        let start = text.find("غامق").expect("in text");
        let part = span.slice(start..text.len());
        assert_eq!(&source[part.range.clone()], "غامق** &amp; بعده");
        assert_eq!(&source[part.locate(0..8)], "غامق");
    }

    #[test]
    fn text_the_parser_wrote_maps_to_its_neighbours() {
        // `3) بند` rendered as `3. بند`: the `.` is the parser's.
        let span = SourceSpan::from_pieces(vec![
            SourcePiece {
                text: 0..1,
                source: 0..1,
                verbatim: true,
            },
            SourcePiece {
                text: 3..9,
                source: 3..9,
                verbatim: true,
            },
        ]);
        assert_eq!(span.locate(1..2), 3..3);
        assert_eq!(span.locate(0..2), 0..1);
        assert_eq!(span.locate(1..9), 3..9);
    }
}
