//! Explicit bidi controls (U+202A–U+202E, U+2066–U+2069): found, and made visible on
//! request.
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

/// True when `text` holds at least one explicit bidi control.
pub fn has_bidi_controls(text: &str) -> bool {
    text.chars().any(is_bidi_control)
}

/// The short name shown for a control.
fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
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

/// `text` with a visible mark, such as `⟦RLO⟧`, before every control. The controls
/// stay, so the text is still laid out as they ask.
pub fn reveal_bidi_controls(text: &str) -> String {
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if let Some(name) = control_name(c) {
            shown.push('⟦');
            shown.push_str(name);
            shown.push('⟧');
        }
        shown.push(c);
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_found_and_revealed_in_place() {
        let text = "abc \u{202E}عربي\u{202C} \u{2067}x\u{2069}";
        assert!(has_bidi_controls(text));
        assert!(!has_bidi_controls("عربي (abc)"));
        assert_eq!(
            reveal_bidi_controls(text),
            "abc ⟦RLO⟧\u{202E}عربي⟦PDF⟧\u{202C} ⟦RLI⟧\u{2067}x⟦PDI⟧\u{2069}"
        );
    }
}
