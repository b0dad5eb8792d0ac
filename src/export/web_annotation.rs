//! The notes as a W3C Web Annotation collection (JSON-LD), for annotation tools.
//!
//! Written to the MUSTs of the Web Annotation Data Model
//! (<https://www.w3.org/TR/annotation-model/>), checked against the assertions of the
//! W3C test suite (github.com/w3c/web-annotation-tests): `annotations/annotationMusts.test`
//! (notably `3.1-annotationContextValidated`, `3.1-annotationIdValidated`,
//! `3.1-annotationTypeValidated`, `3.1-targetKeyFound`, `3.2-bodyObjectsRecognized`,
//! `3.2-targetObjectsRecognized`, `3.2.5-notBodyBodyValue`,
//! `3.3.1-annotationCreatedValidated`, `3.3.1-annotationModifiedValidated`,
//! `bodiesTargets/3.2.1-bodyTextDirectionValidated`,
//! `bodiesTargets/3.2.7-bodyEmbeddedTextualNoItems`,
//! `bodiesTargets/4-bodyEmbeddedTextualNoSource`,
//! `bodiesTargets/3.2.4-targNoTypeTextualBody`,
//! `specificResource/4.2.4-textQuoteSelectorValid`,
//! `specificResource/4.2-TextDataPositionSelectorValid`,
//! `specificResource/4.4-styleClassValidIfPresent`), `collections/collectionMusts.test`
//! (`5.1-collectionContextValidated`, `-IdValidated`, `-TypeValidated`,
//! `-LabelValidated`, `-TotalValidated`, `-FirstValidated`) and
//! `collections/pages/pageMusts.test` (`5.2-pageIdValidated`, `-TypeValidated`,
//! `-ItemsValidated`, `-PartOfValidated`, `-StartIndexValidated`). The checks
//! themselves are written anew in `tests/web_annotation.rs`.
//!
//! - Every annotation carries its own `@context`, so it stands alone when taken out.
//! - Ids are URIs: `urn:hamish:note:ID` for a note, and for the collection and its one
//!   page a `urn:hamish:annotations:` name derived from the article's URI, so the same
//!   article exports with the same ids.
//! - `body` is left out when there is nothing to say (a highlight alone): a body array
//!   must not be empty. Each body says its `language` (from its script, see
//!   `language`) and its `textDirection`.
//! - The target is a `SpecificResource` on the article's `file:` URI, with a
//!   `TextQuoteSelector` and a `TextPositionSelector` of the file's own text (see
//!   [`crate::import::ArticleSource`]); a highlight's colour is its `styleClass`,
//!   defined in the annotation's `stylesheet`. An orphan targets the whole article:
//!   its old quote is no longer in the file, and a selector that selects nothing
//!   would be false.

use serde_json::{Map, Value, json};

use super::language::{language, text_direction};
use super::{Placed, file_quote, placed, rfc3339};
use crate::import::ArticleSource;
use crate::model::{HighlightColor, Notes};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The notes as a W3C Web Annotation collection (JSON-LD). `source_uri` is the
/// article's URI (see [`super::file_uri`]).
pub fn web_annotations(source_uri: &str, source: &ArticleSource, notes: &Notes) -> String {
    let article_language = language(&article_sample(source), None);
    let collection_id = format!("urn:hamish:annotations:{:016x}", fnv1a(source_uri));
    let page_id = format!("{collection_id}:page:0");
    let items: Vec<Value> = placed(source, notes)
        .iter()
        .map(|placed| annotation(source_uri, source, placed, article_language))
        .collect();
    let collection = json!({
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": source.article.title,
        "total": items.len(),
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}

/// One note as an annotation.
fn annotation(
    source_uri: &str,
    source: &ArticleSource,
    placed: &Placed<'_>,
    article_language: Option<&'static str>,
) -> Value {
    let note = placed.note;
    let mut target = Map::new();
    if let Some(quote) = file_quote(source, &placed.placement) {
        target.insert(
            "selector".into(),
            json!([
                {
                    "type": "TextQuoteSelector",
                    "exact": quote.exact,
                    "prefix": quote.prefix,
                    "suffix": quote.suffix,
                },
                { "type": "TextPositionSelector", "start": quote.start, "end": quote.end },
            ]),
        );
    }
    if let Some(color) = note.color {
        target.insert("styleClass".into(), style_class(color).into());
    }
    let target = if target.is_empty() {
        Value::from(source_uri)
    } else {
        target.insert("type".into(), "SpecificResource".into());
        target.insert("source".into(), source_uri.into());
        Value::Object(target)
    };

    let mut body = Vec::new();
    if !note.text.is_empty() {
        body.push(textual_body(&note.text, "commenting", article_language));
    }
    body.extend(
        note.tags
            .iter()
            .map(|tag| textual_body(tag, "tagging", article_language)),
    );
    let motivation = if note.text.is_empty() && note.color.is_some() {
        "highlighting"
    } else {
        "commenting"
    };

    let mut annotation = Map::new();
    annotation.insert("@context".into(), CONTEXT.into());
    annotation.insert("id".into(), format!("urn:hamish:note:{}", placed.id).into());
    annotation.insert("type".into(), "Annotation".into());
    annotation.insert("motivation".into(), motivation.into());
    annotation.insert("created".into(), rfc3339(note.created_ms).into());
    annotation.insert("modified".into(), rfc3339(note.modified_ms).into());
    if !body.is_empty() {
        annotation.insert("body".into(), body.into());
    }
    annotation.insert("target".into(), target);
    if let Some(color) = note.color {
        annotation.insert(
            "stylesheet".into(),
            json!({ "type": "CssStylesheet", "value": stylesheet(color) }),
        );
    }
    Value::Object(annotation)
}

/// A `TextualBody` with its language and direction, where they are known.
fn textual_body(text: &str, purpose: &str, article_language: Option<&'static str>) -> Value {
    let mut body = Map::new();
    body.insert("type".into(), "TextualBody".into());
    body.insert("value".into(), text.into());
    body.insert("format".into(), "text/plain".into());
    body.insert("purpose".into(), purpose.into());
    if let Some(language) = language(text, article_language) {
        body.insert("language".into(), language.into());
    }
    if let Some(direction) = text_direction(text) {
        body.insert("textDirection".into(), direction.into());
    }
    Value::Object(body)
}

/// The CSS class of a highlight colour.
fn style_class(color: HighlightColor) -> String {
    format!("hamish-{}", color.name())
}

/// The stylesheet that defines a highlight colour's class, in the app's colours.
fn stylesheet(color: HighlightColor) -> String {
    let (r, g, b) = match color {
        HighlightColor::Yellow => (250, 204, 21),
        HighlightColor::Green => (74, 222, 128),
        HighlightColor::Blue => (96, 165, 250),
        HighlightColor::Pink => (244, 114, 182),
        HighlightColor::Purple => (192, 132, 252),
    };
    format!(
        ".{} {{ background-color: rgba({r}, {g}, {b}, 0.35); }}",
        style_class(color)
    )
}

/// The start of the article's text, enough to tell its language.
fn article_sample(source: &ArticleSource) -> String {
    source
        .article
        .sections
        .iter()
        .take(20)
        .map(|section| section.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// FNV-1a: a stable hash, the same on every machine and in every version.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{TEXT, notes, source};

    #[test]
    fn web_annotations_have_quote_and_position_selectors() {
        let source = source();
        let out = web_annotations("file:///a/001.txt", &source, &notes(&source));
        let value: Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(value["@context"], CONTEXT);
        let first = &value["first"]["items"][0];
        assert_eq!(first["@context"], CONTEXT);
        assert_eq!(first["type"], "Annotation");
        assert_eq!(first["target"]["selector"][0]["exact"], "الدين النصيحة");
        let start = first["target"]["selector"][1]["start"]
            .as_u64()
            .expect("start") as usize;
        let end = first["target"]["selector"][1]["end"].as_u64().expect("end") as usize;
        let chars: Vec<char> = TEXT.chars().collect();
        assert_eq!(
            chars[start..end].iter().collect::<String>(),
            "الدين النصيحة"
        );
        assert_eq!(first["body"][0]["language"], "ar");
        assert_eq!(first["body"][0]["textDirection"], "rtl");
        assert_eq!(first["body"][1]["purpose"], "tagging");
        assert_eq!(first["target"]["styleClass"], "hamish-yellow");
        assert!(
            first["stylesheet"]["value"]
                .as_str()
                .is_some_and(|css| css.contains(".hamish-yellow"))
        );
        let orphan = &value["first"]["items"][1];
        assert_eq!(orphan["target"], "file:///a/001.txt");
    }

    #[test]
    fn a_highlight_alone_has_no_body() {
        let source = source();
        let mut notes = notes(&source);
        for note in notes.values_mut() {
            note.text.clear();
            note.tags.clear();
        }
        let value: Value =
            serde_json::from_str(&web_annotations("file:///a/001.txt", &source, &notes))
                .expect("JSON");
        let first = &value["first"]["items"][0];
        assert_eq!(first["motivation"], "highlighting");
        assert!(first.get("body").is_none(), "{first}");
    }
}
