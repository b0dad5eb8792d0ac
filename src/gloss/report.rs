//! A word's analyses put into words: the text a gloss card shows (and `hamish gloss`
//! prints), and the JSON of `hamish gloss --json`.

use std::fmt::Write as _;

use super::WordGloss;

/// The card for one word, as plain text: the word, then each analysis with its
/// vocalised Arabic, Buckwalter, lemma, parts of speech and gloss; or a plain
/// sentence when there is none.
pub fn card_text(gloss: &WordGloss) -> String {
    let mut text = String::new();
    match &gloss.lookup {
        None => {
            let _ = writeln!(text, "{}", gloss.word);
            text.push_str("  not an Arabic word\n");
            return text;
        }
        Some(lookup) => {
            let _ = writeln!(text, "{} ({lookup})", gloss.word);
        }
    }
    if gloss.analyses.is_empty() {
        text.push_str("  unknown word: the lexicon has no analysis for it\n");
        return text;
    }
    for (rank, analysis) in gloss.analyses.iter().enumerate() {
        let _ = writeln!(
            text,
            "  {}. {}  {}  [{}]",
            rank + 1,
            analysis.vocalized,
            analysis.buckwalter,
            analysis.lemma
        );
        let _ = writeln!(text, "     pos:   {}", analysis.pos);
        let _ = writeln!(text, "     gloss: {}", analysis.gloss);
        if let Some(spelling) = &analysis.respelled_as {
            let _ = writeln!(
                text,
                "     read as {spelling}: the word as written is not in the lexicon"
            );
        }
        if !analysis.matches_diacritics {
            text.push_str("     does not match the written diacritics\n");
        }
    }
    text
}

/// The JSON of one word: `{"word", "analyses": [{"vocalized", "buckwalter",
/// "lemma", "pos", "gloss", ...}]}`, every analysis in rank order. Besides the five
/// fields a card shows, each analysis says whether it matches the written
/// diacritics, the spelling it was read as (or null), and its three parts.
pub fn to_json(gloss: &WordGloss) -> serde_json::Value {
    let analyses: Vec<serde_json::Value> = gloss
        .analyses
        .iter()
        .map(|analysis| {
            let parts: Vec<serde_json::Value> = analysis
                .parts
                .iter()
                .map(|part| {
                    serde_json::json!({
                        "unvocalized": part.unvocalized,
                        "vocalized": part.vocalized,
                        "category": part.category,
                        "pos": part.pos,
                        "gloss": part.gloss,
                    })
                })
                .collect();
            serde_json::json!({
                "vocalized": analysis.vocalized,
                "buckwalter": analysis.buckwalter,
                "lemma": analysis.lemma,
                "pos": analysis.pos,
                "gloss": analysis.gloss,
                "matches_diacritics": analysis.matches_diacritics,
                "respelled_as": analysis.respelled_as,
                "parts": parts,
            })
        })
        .collect();
    serde_json::json!({ "word": gloss.word, "analyses": analyses })
}
