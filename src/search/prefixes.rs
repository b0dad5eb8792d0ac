//! The Arabic clitics written at the start of a word: the conjunctions "و" (and) and
//! "ف" (so), the prepositions "ب" (with), "ل" (for) and "ك" (like), and the article
//! "ال", in the orders Arabic allows them ("وبال", "فلل"…). "ل" before "ال" drops
//! the article's alef ("للكتاب", for the book).
//!
//! Only what can be written before a noun is here: a search for a word with prefixes
//! is a search for the word. Verb prefixes ("س" of the future, the imperfect's
//! letters) are part of the verb's form, not clitics, and would make "سلم" match
//! "سسلم"-like nonsense, so they are left out. The strings are folded (see
//! [`crate::model::fold`]): alef forms are plain alef already.

/// Whether folded `text` is one or more clitics that can start a word.
pub fn is_clitic_prefix(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let mut rest = text;
    // A conjunction, at most one.
    if let Some(after) = rest.strip_prefix(['و', 'ف']) {
        rest = after;
    }
    // A preposition, at most one; "ل" + "ال" is written "لل".
    if let Some(after) = rest.strip_prefix("لل") {
        return after.is_empty();
    }
    if let Some(after) = rest.strip_prefix('ل') {
        // "ل" + "ال" is "لل", handled above.
        return after.is_empty();
    }
    if let Some(after) = rest.strip_prefix(['ب', 'ك']) {
        rest = after;
    }
    // The article.
    if let Some(after) = rest.strip_prefix("ال") {
        rest = after;
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_and_their_combinations() {
        for prefix in [
            "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب",
            "فب", "ول", "وبال", "فكال",
        ] {
            assert!(is_clitic_prefix(prefix), "{prefix}");
        }
        for other in ["", "م", "ست", "الو", "بو", "لال", "وو", "بب", "اال", "س"]
        {
            assert!(!is_clitic_prefix(other), "{other}");
        }
    }
}
