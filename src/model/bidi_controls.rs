//! Explicit bidi controls (U+202A–U+202E, U+2066–U+2069) and the invisible direction
//! marks (LRM, RLM, ALM): found, and made visible on request.
//!
//! The controls are honoured where they are: every section is laid out as a bidi
//! paragraph of its own, and the bidi algorithm ends every embedding, override and
//! isolate at the end of a paragraph (rule X8), so one left open cannot reach the
//! next section. Showing them is for when text looks wrong and the reader wants to
//! know why.

/// True for the explicit embedding, override and isolate controls and their closers.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True for the implicit direction marks: left-to-right, right-to-left and Arabic
/// letter marks. Invisible like the controls, and as able to surprise.
pub fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// True when `text` holds at least one explicit bidi control or direction mark.
pub fn has_bidi_controls(text: &str) -> bool {
    text.chars()
        .any(|c| is_bidi_control(c) || is_direction_mark(c))
}

/// The short name shown for a control or mark.
fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{061C}' => "ALM",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => return None,
    })
}

/// `text` with a visible marker, such as `‹RLO›`, beside every control and mark. The
/// controls stay, so the text is still laid out as they ask.
///
/// A marker must be readable and stand next to what it marks whatever the controls
/// do. So it is made of glyphs every bundled face has (`‹ ›` and Latin capitals), is
/// wrapped in a left-to-right isolate of its own (an isolate is one neutral unit to the
/// text around it, and no override reaches inside it, so `PDF` never reads `FDP`),
/// and stands outside what the control governs: before an opening control, after a
/// closing one (or a mark).
pub fn reveal_bidi_controls(text: &str) -> String {
    let mut shown = String::with_capacity(text.len() + 16);
    let marker = |shown: &mut String, name: &str| {
        shown.push('\u{2066}');
        shown.push('‹');
        shown.push_str(name);
        shown.push('›');
        shown.push('\u{2069}');
    };
    for c in text.chars() {
        match control_name(c) {
            Some(name) if closes_or_marks(c) => {
                shown.push(c);
                marker(&mut shown, name);
            }
            Some(name) => {
                marker(&mut shown, name);
                shown.push(c);
            }
            None => shown.push(c),
        }
    }
    shown
}

/// Where byte `offset` of `text` is in [`reveal_bidi_controls`]'s text, and back
/// ([`Revealed::original`]): selections and hits on the revealed text are kept as
/// offsets into the text itself.
pub struct Revealed {
    /// Pairs of (offset in the text, offset in the revealed text) at every character.
    offsets: Vec<(usize, usize)>,
}

impl Revealed {
    /// The offsets of `text` and of its revealed form.
    pub fn new(text: &str) -> Self {
        let mut offsets = Vec::with_capacity(text.len() + 1);
        let mut shown = 0;
        let marker_len = |name: &str| name.len() + "\u{2066}‹›\u{2069}".len();
        for (at, c) in text.char_indices() {
            match control_name(c) {
                Some(name) if closes_or_marks(c) => {
                    offsets.push((at, shown));
                    shown += c.len_utf8() + marker_len(name);
                }
                Some(name) => {
                    shown += marker_len(name);
                    offsets.push((at, shown));
                    shown += c.len_utf8();
                }
                None => {
                    offsets.push((at, shown));
                    shown += c.len_utf8();
                }
            }
        }
        offsets.push((text.len(), shown));
        Self { offsets }
    }

    /// The offset in the text of `shown`, an offset in the revealed text (a point
    /// inside a marker goes to the character it marks).
    pub fn original(&self, shown: usize) -> usize {
        let index = self.offsets.partition_point(|&(_, at)| at < shown);
        self.offsets.get(index).map_or(0, |&(original, _)| original)
    }

    /// The offset in the revealed text of `original`, an offset in the text.
    pub fn shown(&self, original: usize) -> usize {
        let index = self.offsets.partition_point(|&(at, _)| at < original);
        self.offsets.get(index).map_or(0, |&(_, shown)| shown)
    }
}

/// True for what a marker follows: the closers PDF and PDI, and the marks.
fn closes_or_marks(c: char) -> bool {
    matches!(c, '\u{202C}' | '\u{2069}') || is_direction_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_found_and_revealed_in_place() {
        let text = "abc \u{202E}عربي\u{202C} \u{2067}x\u{2069}";
        assert!(has_bidi_controls(text));
        assert!(!has_bidi_controls("عربي (abc)"));
        let marker = |name: &str| format!("\u{2066}‹{name}›\u{2069}");
        assert_eq!(
            reveal_bidi_controls(text),
            format!(
                "abc {}\u{202E}عربي\u{202C}{} {}\u{2067}x\u{2069}{}",
                marker("RLO"),
                marker("PDF"),
                marker("RLI"),
                marker("PDI")
            )
        );
        let revealed = reveal_bidi_controls(text);
        let offsets = Revealed::new(text);
        for (at, c) in text.char_indices().filter(|(_, c)| !is_bidi_control(*c)) {
            let shown = offsets.shown(at);
            assert_eq!(revealed[shown..].chars().next(), Some(c), "{at}");
            assert_eq!(offsets.original(shown), at);
        }
        assert_eq!(offsets.shown(text.len()), revealed.len());
        assert!(has_bidi_controls("a\u{200F}b"));
        assert_eq!(
            reveal_bidi_controls("a\u{200F}b\u{061C}c\u{200E}"),
            format!(
                "a\u{200F}{}b\u{061C}{}c\u{200E}{}",
                marker("RLM"),
                marker("ALM"),
                marker("LRM")
            )
        );
    }
}
