//! The reader's translations as TMX 1.4, for CAT tools and translation memories.
//!
//! One `<tu>` per section that has a translation a person made (written by the
//! reader, or read from a translation file), its `tuid` the section's id; the source
//! `<tuv>` holds the section's text, and one `<tuv>` per language its translation,
//! with a `<prop type="x-hamish-origin">` saying where it came from (`reader` or
//! `file:NAME`). Machine translations are left out: a translation memory should hold
//! what people wrote. Characters XML 1.0 cannot hold (control characters) are
//! dropped; everything else is escaped.
//!
//! [`tmx_sentences`] writes the same translations as sentence pairs
//! (`segtype="sentence"`): a translation memory of sentences, each pair as its
//! aligner (above this layer) linked it, `tuid` the section's id and the pair's
//! number in it.

use crate::model::Article;
use crate::model::translation::{TranslationColumn, TranslationSource};

/// The sections and their translations in `columns` (one per language) as TMX 1.4;
/// `source_language` is the article's language (`ar`).
pub fn tmx(article: &Article, source_language: &str, columns: &[&TranslationColumn]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"Hamish\" creationtoolversion=\"{}\" segtype=\"paragraph\" o-tmf=\"Hamish\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(source_language)
    );
    for (index, section) in article.sections.iter().enumerate() {
        let translations: Vec<(&str, &str, String)> = columns
            .iter()
            .filter_map(|column| {
                let cell = column.rows.get(index)?.cell.as_ref()?;
                let origin = match &cell.source {
                    TranslationSource::Reader => "reader".to_owned(),
                    TranslationSource::File { file } => format!("file:{file}"),
                    TranslationSource::Machine { .. } => return None,
                };
                (!cell.text.trim().is_empty()).then_some((
                    column.language.as_str(),
                    cell.text.as_str(),
                    origin,
                ))
            })
            .collect();
        if translations.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "    <tu tuid=\"{}\">\n      <tuv xml:lang=\"{}\">\n        <seg>{}</seg>\n      </tuv>\n",
            section.id,
            escape(source_language),
            escape(&section.text)
        ));
        for (language, text, origin) in translations {
            out.push_str(&format!(
                "      <tuv xml:lang=\"{}\">\n        <prop type=\"x-hamish-origin\">{}</prop>\n        <seg>{}</seg>\n      </tuv>\n",
                escape(language),
                escape(&origin),
                escape(text)
            ));
        }
        out.push_str("    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// One pair of sentences for [`tmx_sentences`]: an article sentence (or a few
/// translated together) and its translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentencePair {
    /// The unit's id: the section's id and the pair's number in it (`1a2b…-3`).
    pub tuid: String,
    /// The article's sentence(s).
    pub source: String,
    /// The translation's language.
    pub language: String,
    /// Where the translation came from: `reader` or `file:NAME`.
    pub origin: String,
    /// The translation's sentence(s).
    pub target: String,
}

/// Sentence `pairs` as TMX 1.4 with `segtype="sentence"`; `source_language` is the
/// article's language.
pub fn tmx_sentences(source_language: &str, pairs: &[SentencePair]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"Hamish\" creationtoolversion=\"{}\" segtype=\"sentence\" o-tmf=\"Hamish\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(source_language)
    );
    for pair in pairs {
        out.push_str(&format!(
            "    <tu tuid=\"{}\" segtype=\"sentence\">\n      <tuv xml:lang=\"{}\">\n        <seg>{}</seg>\n      </tuv>\n      <tuv xml:lang=\"{}\">\n        <prop type=\"x-hamish-origin\">{}</prop>\n        <seg>{}</seg>\n      </tuv>\n    </tu>\n",
            escape(&pair.tuid),
            escape(source_language),
            escape(&pair.source),
            escape(&pair.language),
            escape(&pair.origin),
            escape(&pair.target),
        ));
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// Text escaped for XML content and attributes; characters XML 1.0 forbids dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::bilingual_fixture;
    use crate::import::ArticleFormat;
    use crate::import::translation::parse_translation;
    use crate::model::translation::{TranslationFormat, align};

    #[test]
    fn what_people_wrote_is_exported_and_reads_back() {
        let (article, column) = bilingual_fixture();
        let out = tmx(&article, "ar", &[&column]);
        assert!(out.contains("srclang=\"ar\""));
        assert!(out.contains("<prop type=\"x-hamish-origin\">file:a.en.txt</prop>"));
        assert!(
            !out.contains("by machine"),
            "machine translations are left out"
        );
        let imported = parse_translation(
            out.as_bytes(),
            TranslationFormat::Tmx,
            ArticleFormat::PlainText,
            "export.tmx",
            None,
        )
        .expect("our own TMX reads");
        let file = &imported.files[0];
        assert_eq!(file.language, "en");
        assert_eq!(file.segments.len(), 2);
        let alignment = align(&article, file, None);
        assert_eq!(alignment.text(0), Some("Title"));
        assert_eq!(alignment.text(2), None);
    }

    #[test]
    fn sentence_pairs_are_units_of_their_own() {
        let pair = SentencePair {
            tuid: "s1-0".to_owned(),
            source: "قال: \"نعم\".".to_owned(),
            language: "en".to_owned(),
            origin: "file:a.en.txt".to_owned(),
            target: "He said \"yes\" & left.".to_owned(),
        };
        let out = tmx_sentences("ar", &[pair]);
        assert!(out.contains("segtype=\"sentence\" o-tmf"));
        assert!(out.contains("<tu tuid=\"s1-0\" segtype=\"sentence\">"));
        assert!(out.contains("He said &quot;yes&quot; &amp; left."));
        let imported = parse_translation(
            out.as_bytes(),
            TranslationFormat::Tmx,
            ArticleFormat::PlainText,
            "export.tmx",
            None,
        )
        .expect("our own TMX reads");
        assert_eq!(imported.files[0].segments.len(), 1);
    }

    #[test]
    fn control_characters_are_dropped_and_markup_escaped() {
        assert_eq!(escape("a\u{1}<b>&\"'\tc"), "a&lt;b&gt;&amp;&quot;&apos;\tc");
    }
}
