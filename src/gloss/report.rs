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

/// One part of an analysis as a reader reads it: what it is, what it means, and
/// what kind of word or ending it is, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadablePart {
    /// `prefix`, `stem` or `suffix`.
    pub role: &'static str,
    /// The part in Arabic script, vocalised.
    pub arabic: String,
    /// Its gloss (`and + the`, `idol; devil`), empty for endings without one.
    pub gloss: String,
    /// The kinds of its pieces in plain words (`conjunction + article`).
    pub kind: String,
}

/// The non-empty parts of `analysis`, in reading order, put plainly: "the + idol;
/// devil" named part by part rather than `Al/DET+TAguwt/NOUN`.
pub fn readable_parts(analysis: &super::Analysis) -> Vec<ReadablePart> {
    analysis
        .parts
        .iter()
        .filter(|part| !part.vocalized.is_empty() || !part.pos.is_empty())
        .map(|part| ReadablePart {
            role: match part.role {
                super::PartRole::Prefix => "prefix",
                super::PartRole::Stem => "stem",
                super::PartRole::Suffix => "suffix",
            },
            arabic: super::buckwalter::to_arabic(&part.vocalized),
            gloss: super::analyze::readable_gloss(&part.gloss),
            kind: part
                .pos
                .split('+')
                .filter_map(|piece| piece.rsplit('/').next())
                .filter(|tag| !tag.is_empty())
                .map(tag_name)
                .collect::<Vec<_>>()
                .join(" + "),
        })
        .collect()
}

/// A BAMA part-of-speech tag in plain words (`DET` → `article`); a tag not named
/// here is shown as it is written, lower case.
pub fn tag_name(tag: &str) -> String {
    let (tag, person) = tag.split_once(':').unwrap_or((tag, ""));
    let person = match person {
        "" => "",
        p if p.starts_with('1') => " (I/we)",
        p if p.starts_with('2') => " (you)",
        p if p.starts_with('3') => " (he/she/they)",
        _ => "",
    };
    let name = match tag {
        "CONJ" => "conjunction",
        "SUB_CONJ" => "subordinating conjunction",
        "DET" => "article",
        "PREP" => "preposition",
        "NOUN" => "noun",
        "NOUN_PROP" => "proper noun",
        "ADJ" => "adjective",
        "ADV" => "adverb",
        "PRON" => "pronoun",
        "DEM_PRON" => "demonstrative",
        "REL_PRON" => "relative pronoun",
        "NEG_PART" => "negation",
        "FUT" | "FUT_PART" => "future particle",
        "INTERROG_PART" => "question particle",
        "EMPHATIC_PARTICLE" => "emphatic particle",
        "VERB_PERFECT" => "verb, past",
        "VERB_IMPERFECT" => "verb, present",
        "VERB_IMPERATIVE" => "verb, command",
        "NUM" => "number",
        "ABBREV" => "abbreviation",
        "INTERJ" => "interjection",
        "FUNC_WORD" => "function word",
        "NSUFF_FEM_SG" => "feminine ending",
        "NSUFF_FEM_PL" => "feminine plural ending",
        "NSUFF_MASC_PL_NOM" | "NSUFF_MASC_PL_ACCGEN" => "masculine plural ending",
        "NSUFF_MASC_DU_NOM"
        | "NSUFF_MASC_DU_ACCGEN"
        | "NSUFF_FEM_DU_NOM"
        | "NSUFF_FEM_DU_ACCGEN" => "dual ending",
        "PVSUFF_SUBJ" | "IVSUFF_SUBJ" | "CVSUFF_SUBJ" => "subject ending",
        "PVSUFF_DO" | "IVSUFF_DO" | "CVSUFF_DO" => "object pronoun",
        "POSS_PRON" => "possessive pronoun",
        "IV" | "CV" => "verb prefix",
        t if t.starts_with("CASE_") => "case ending",
        t if t.starts_with("NSUFF") => "noun ending",
        t if t.starts_with("IVSUFF_MOOD") => "mood ending",
        t if t.starts_with("POSS_PRON") => "possessive pronoun",
        t if t.starts_with("IV") => "verb prefix",
        other => return other.to_lowercase() + person,
    };
    format!("{name}{person}")
}

#[cfg(test)]
mod readable_tests {
    use super::*;

    #[test]
    fn parts_are_named_in_plain_words() {
        let analyzer =
            crate::gloss::Analyzer::load(&crate::gloss::default_folder()).expect("lexicon");
        let gloss = analyzer.analyze("والطاغوت");
        let parts = readable_parts(&gloss.analyses[0]);
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert_eq!(parts[0].role, "prefix");
        assert_eq!(parts[0].gloss, "and + the");
        assert_eq!(parts[0].kind, "conjunction + article");
        assert_eq!(parts[1].role, "stem");
        assert_eq!(parts[1].gloss, "idol; devil");
        assert_eq!(parts[1].kind, "noun");
        assert_eq!(tag_name("PVSUFF_SUBJ:3MS"), "subject ending (he/she/they)");
        assert_eq!(tag_name("CASE_DEF_GEN"), "case ending");
    }
}

/// The few words written under a word in the word-by-word view: the first sense of
/// each part that has a gloss (`and the security`, `Putin`, `role its`), without the
/// grammatical notes in brackets.
pub fn short_gloss(analysis: &super::Analysis) -> String {
    analysis
        .parts
        .iter()
        .flat_map(|part| part.gloss.split(" + "))
        .filter_map(|piece| {
            let sense = piece.split(';').next()?.trim();
            let sense = sense.split(['[', '(']).next()?.trim();
            let sense = sense.split('/').next()?.trim();
            (!sense.is_empty() && sense != "<verb>").then_some(sense)
        })
        .map(|sense| sense.trim_end_matches("<verb>").trim())
        .filter(|sense| !sense.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod short_tests {
    use super::*;

    #[test]
    fn short_glosses_take_the_first_sense_of_each_part() {
        let analyzer =
            crate::gloss::Analyzer::load(&crate::gloss::default_folder()).expect("lexicon");
        let first = |word: &str| short_gloss(&analyzer.analyze(word).analyses[0]);
        assert_eq!(first("والطاغوت"), "and the idol");
        assert_eq!(first("وقال"), "and said he");
    }
}
