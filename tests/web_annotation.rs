//! Conformance of the Web Annotation export: every MUST of the W3C Web Annotation
//! Data Model (<https://www.w3.org/TR/annotation-model/>) that the export touches,
//! checked on exports of a plain article, a Markdown article, a UTF-8 file with a
//! byte order mark, Arabic with its marks out of canonical order, and an article whose
//! path has spaces, Arabic letters, `#` and `%`; and every selector checked against
//! the file's own bytes, decoded here independently of the app.
//!
//! The checks are written from the recommendation and from the assertions of the W3C
//! test suite (github.com/w3c/web-annotation-tests): `annotations/annotationMusts.test`,
//! `collections/collectionMusts.test` and `collections/pages/pageMusts.test`, whose
//! assertion files are named beside each check.

mod common;

use std::path::{Path, PathBuf};

use common::export_cases::cases;
use hamish::app::ExportJob;
use hamish::export::ExportFormat;
use hamish::model::{NoteId, normalize};
use hamish::store::{load, sidecar_path};
use serde_json::Value;

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The motivations and purposes the model defines (section 3.3.5).
const MOTIVATIONS: [&str; 13] = [
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
];

/// The article's Web Annotation export, as the app and `hamish export` make it.
fn export(path: &Path) -> Value {
    let job =
        ExportJob::for_article_file(ExportFormat::WebAnnotation, path.to_owned(), PathBuf::new())
            .expect("job");
    let text = job.contents().expect("exported");
    serde_json::from_str(&text).expect("the export is JSON")
}

#[test]
fn every_export_meets_the_musts_of_the_model() {
    let (_root, paths) = cases();
    for path in &paths {
        let collection = export(path);
        let items = check_collection(&collection)
            .unwrap_or_else(|error| panic!("{}: {error}\n{collection:#}", path.display()));
        assert!(!items.is_empty(), "{}: no annotations", path.display());
        for item in items {
            check_annotation(item)
                .unwrap_or_else(|error| panic!("{}: {error}\n{item:#}", path.display()));
        }
    }
}

#[test]
fn every_selector_selects_the_file_s_own_text() {
    let (_root, paths) = cases();
    for path in &paths {
        let bytes = std::fs::read(path).expect("article");
        let file: Vec<char> = common::export_cases::file_text(&bytes).chars().collect();
        let collection = export(path);
        let expected_source = percent_decode(
            collection["first"]["items"][0]["target"]["source"]
                .as_str()
                .and_then(|uri| uri.strip_prefix("file://"))
                .expect("a file URI"),
        );
        assert_eq!(
            expected_source,
            path.as_os_str().as_encoded_bytes(),
            "the source URI is the article's path"
        );
        let notes = load(&sidecar_path(path)).expect("notes");
        let markdown = path.extension().is_some_and(|extension| extension == "md");
        let mut selectors = 0;
        for item in collection["first"]["items"].as_array().expect("items") {
            let Some(list) = item["target"]["selector"].as_array() else {
                continue;
            };
            // The note the annotation is, and what the reader selected (as shown).
            let id = item["id"]
                .as_str()
                .and_then(|id| id.strip_prefix("urn:hamish:note:"))
                .expect("a note's id");
            let anchor = &notes[&NoteId(id.to_owned())].anchor;
            let selected = anchor
                .quote
                .as_ref()
                .map_or(anchor.section_text.as_str(), |quote| quote.exact.as_str());
            let quote = list
                .iter()
                .find(|selector| selector["type"] == "TextQuoteSelector")
                .expect("a quote");
            let position = list
                .iter()
                .find(|selector| selector["type"] == "TextPositionSelector")
                .expect("a position");
            let start = position["start"].as_u64().expect("start") as usize;
            let end = position["end"].as_u64().expect("end") as usize;
            let at = |range: std::ops::Range<usize>| file[range].iter().collect::<String>();
            let exact = quote["exact"].as_str().expect("exact");
            assert!(!exact.is_empty(), "{}: empty quote", path.display());
            assert_eq!(
                at(start..end),
                exact,
                "{}: position and quote",
                path.display()
            );
            // The file's text is what the reader selected, spelled as the file spells
            // it: in NFC with `\n` line ends it is the same text, and in Markdown the
            // same letters with markup between them.
            let spelled = normalize(&exact.replace("\r\n", "\n")).into_owned();
            if markdown {
                let letters = |text: &str| -> Vec<char> {
                    text.chars().filter(|c| c.is_alphanumeric()).collect()
                };
                let mut found = letters(&spelled).into_iter();
                let wanted = letters(selected);
                assert!(
                    wanted.iter().all(|c| found.any(|f| f == *c)),
                    "{}: «{exact}» does not hold «{selected}»",
                    path.display()
                );
            } else {
                assert_eq!(spelled, selected, "{}: the selected text", path.display());
            }
            let prefix = quote["prefix"].as_str().expect("prefix");
            let suffix = quote["suffix"].as_str().expect("suffix");
            let prefix_chars = prefix.chars().count();
            let suffix_chars = suffix.chars().count();
            assert_eq!(
                at(start - prefix_chars..start),
                prefix,
                "{}",
                path.display()
            );
            assert_eq!(at(end..end + suffix_chars), suffix, "{}", path.display());
            selectors += 1;
        }
        assert!(selectors >= 3, "{}: {selectors} selectors", path.display());
    }
}

#[test]
fn quotes_keep_the_file_s_markup_marks_and_line_ends() {
    let (_root, paths) = cases();
    let exacts = |path: &Path| -> Vec<String> {
        export(path)["first"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|item| item["target"]["selector"][0]["exact"].as_str())
            .map(str::to_owned)
            .collect()
    };
    let markdown = exacts(&paths[1]);
    assert!(
        markdown
            .iter()
            .any(|quote| quote.contains("«*الدين* النصيحة»")),
        "{markdown:?}"
    );
    let marks = exacts(&paths[3]);
    assert!(
        marks
            .iter()
            .any(|quote| quote.contains("الل\u{651}\u{64e}ه\u{64e}")),
        "{marks:?}"
    );
    let bodies = export(&paths[0]);
    let body = &bodies["first"]["items"][0]["body"][0];
    assert_eq!(body["language"], "ar");
    assert_eq!(body["textDirection"], "rtl");
}

/// The collection and its page (collectionMusts, pageMusts); returns the annotations.
fn check_collection(collection: &Value) -> Result<&Vec<Value>, String> {
    // 5.1-collectionContextValidated, 5.2-pageContextValidated.
    check_context(collection)?;
    // 5.1-collectionIdValidated.
    let id = single_uri(&collection["id"]).ok_or("the collection's id is not one URI")?;
    // 5.1-collectionTypeValidated.
    has_type(collection, "AnnotationCollection")?;
    // 5.1-collectionLabelValidated.
    if let Some(label) = collection.get("label") {
        strings(label).ok_or("the label is not text")?;
    }
    // 5.1-collectionTotalValidated.
    let total = collection["total"]
        .as_u64()
        .ok_or("total is not a non-negative integer")?;
    // 5.1-collectionFirstValidated: a first page when there is anything.
    let page = &collection["first"];
    if total > 0 && !page.is_object() && single_uri(page).is_none() {
        return Err("no first page".into());
    }
    // 5.2-pageIdValidated, 5.2-pageTypeValidated.
    let page_id = single_uri(&page["id"]).ok_or("the page's id is not one URI")?;
    if page_id == id {
        return Err("the page and the collection have one id".into());
    }
    has_type(page, "AnnotationPage")?;
    // 5.2-pagePartOfValidated.
    if let Some(part_of) = page.get("partOf") {
        let part_of = single_uri(part_of).ok_or("partOf is not a URI")?;
        if part_of != id {
            return Err("the page is part of another collection".into());
        }
    }
    // 5.2-pageStartIndexValidated.
    if let Some(start) = page.get("startIndex") {
        start
            .as_u64()
            .ok_or("startIndex is not a non-negative integer")?;
    }
    // 5.2-pageItemsValidated.
    let items = page["items"].as_array().ok_or("the page has no items")?;
    if items.len() as u64 != total {
        return Err(format!("total is {total}, the page has {}", items.len()));
    }
    let mut ids = std::collections::HashSet::new();
    for item in items {
        has_type(item, "Annotation")?;
        if !ids.insert(item["id"].as_str().unwrap_or_default()) {
            return Err(format!("two annotations have the id {}", item["id"]));
        }
    }
    Ok(items)
}

/// One annotation (annotationMusts).
fn check_annotation(annotation: &Value) -> Result<(), String> {
    // 3.1-annotationContextValidated: each annotation stands on its own.
    check_context(annotation)?;
    // 3.1-annotationIdValidated.
    single_uri(&annotation["id"]).ok_or("the id is not one URI")?;
    // 3.1-annotationTypeValidated.
    has_type(annotation, "Annotation")?;
    // 3.3.5: motivations are the model's.
    if let Some(motivation) = annotation.get("motivation") {
        for motivation in strings(motivation).ok_or("motivation is not text")? {
            if !MOTIVATIONS.contains(&motivation) {
                return Err(format!("unknown motivation {motivation}"));
            }
        }
    }
    // 3.3.1-annotationCreatedValidated, -ModifiedValidated.
    for key in ["created", "modified", "generated"] {
        if let Some(value) = annotation.get(key) {
            let text = value.as_str().ok_or(format!("{key} is not text"))?;
            if !is_date_time(text) {
                return Err(format!("{key} {text} is not an xsd:dateTime"));
            }
        }
    }
    // 3.2.5-notBodyBodyValue.
    if annotation.get("body").is_some() && annotation.get("bodyValue").is_some() {
        return Err("both body and bodyValue".into());
    }
    // 3.2-bodyObjectsRecognized, and a body array is never empty.
    if let Some(body) = annotation.get("body") {
        let bodies = one_or_many(body).ok_or("body is an empty array")?;
        for body in bodies {
            check_body(body)?;
        }
    }
    // 3.1-targetKeyFound, 3.2-targetObjectsRecognized.
    let targets = one_or_many(&annotation["target"]).ok_or("no target")?;
    let mut style_classes = Vec::new();
    for target in targets {
        style_classes.extend(check_target(target)?);
    }
    // 4.4-styleClassValidIfPresent: a styleClass needs the annotation's stylesheet,
    // which must define it.
    if !style_classes.is_empty() {
        let stylesheet = annotation
            .get("stylesheet")
            .ok_or("a styleClass without a stylesheet")?;
        let css = check_stylesheet(stylesheet)?;
        for class in style_classes {
            if !css.is_some_and(|css| css.contains(&format!(".{class}"))) {
                return Err(format!("the stylesheet does not define {class}"));
            }
        }
    }
    Ok(())
}

/// A body: a URI, or a resource; an embedded textual body has a `value` and neither a
/// `source` nor `items` (3.2.4, 4-bodyEmbeddedTextualNoSource,
/// 3.2.7-bodyEmbeddedTextualNoItems), and its language and direction are valid
/// (3.2.1-bodyTextDirectionValidated, bodyLanguage).
fn check_body(body: &Value) -> Result<(), String> {
    if body.is_string() {
        return single_uri(body)
            .map(|_| ())
            .ok_or("a body string is not a URI".into());
    }
    let object = body
        .as_object()
        .ok_or("a body is neither a URI nor an object")?;
    let textual = object.contains_key("value")
        || object.get("type").is_some_and(|kind| kind == "TextualBody");
    if textual {
        object
            .get("value")
            .and_then(Value::as_str)
            .ok_or("a textual body without a text value")?;
        if object.contains_key("source") || object.contains_key("items") {
            return Err("a textual body with a source or items".into());
        }
    } else if !object.contains_key("id") && !object.contains_key("source") {
        return Err("a body that is no resource".into());
    }
    check_language_and_direction(body)?;
    if let Some(format) = object.get("format") {
        for format in strings(format).ok_or("format is not text")? {
            if !format.contains('/') {
                return Err(format!("format {format} is not a media type"));
            }
        }
    }
    if let Some(purpose) = object.get("purpose") {
        for purpose in strings(purpose).ok_or("purpose is not text")? {
            if !MOTIVATIONS.contains(&purpose) {
                return Err(format!("unknown purpose {purpose}"));
            }
        }
    }
    Ok(())
}

/// A target: a URI, or a specific resource with one source URI, never a textual
/// body (3.2.4-targNoTypeTextualBody), and valid selectors (4.2.4, 4.2); returns its
/// style classes.
fn check_target(target: &Value) -> Result<Vec<String>, String> {
    if target.is_string() {
        single_uri(target).ok_or("a target string is not a URI")?;
        return Ok(Vec::new());
    }
    let object = target
        .as_object()
        .ok_or("a target is neither a URI nor an object")?;
    if strings(object.get("type").unwrap_or(&Value::Null))
        .is_some_and(|types| types.contains(&"TextualBody"))
    {
        return Err("a target typed TextualBody".into());
    }
    // 4-targSpecificResource: exactly one source, a URI.
    let source = single_uri(&target["source"]).ok_or("the target's source is not one URI")?;
    if !source.starts_with("file:///") {
        return Err(format!("the source {source} is not a file URI"));
    }
    check_language_and_direction(target)?;
    if let Some(selectors) = object.get("selector") {
        for selector in one_or_many(selectors).ok_or("an empty selector array")? {
            check_selector(selector)?;
        }
    }
    match object.get("styleClass") {
        None => Ok(Vec::new()),
        Some(classes) => Ok(strings(classes)
            .ok_or("styleClass is not text")?
            .into_iter()
            .map(str::to_owned)
            .collect()),
    }
}

/// A selector: a URI, or an object whose type's required keys are there (4.2.4,
/// 4.2.5).
fn check_selector(selector: &Value) -> Result<(), String> {
    if selector.is_string() {
        return single_uri(selector)
            .map(|_| ())
            .ok_or("a selector string is not a URI".into());
    }
    match selector["type"].as_str() {
        Some("TextQuoteSelector") => {
            selector["exact"]
                .as_str()
                .ok_or("a quote without one exact text")?;
            for key in ["prefix", "suffix"] {
                if let Some(value) = selector.get(key) {
                    value.as_str().ok_or(format!("{key} is not one text"))?;
                }
            }
            Ok(())
        }
        Some("TextPositionSelector") => {
            let start = selector["start"]
                .as_u64()
                .ok_or("start is not a non-negative integer")?;
            let end = selector["end"]
                .as_u64()
                .ok_or("end is not a non-negative integer")?;
            if end < start {
                return Err("a position that ends before it starts".into());
            }
            Ok(())
        }
        Some(other) => Err(format!("a selector the export should not make: {other}")),
        None => Err("a selector without a type".into()),
    }
}

/// A stylesheet: a URI, or an embedded `CssStylesheet` with an id or a value, not
/// both (4.4); returns its CSS when embedded.
fn check_stylesheet(stylesheet: &Value) -> Result<Option<&str>, String> {
    if stylesheet.is_string() {
        single_uri(stylesheet).ok_or("the stylesheet string is not a URI")?;
        return Ok(None);
    }
    if stylesheet["type"] != "CssStylesheet" {
        return Err("the stylesheet is not a CssStylesheet".into());
    }
    match (stylesheet.get("id"), stylesheet.get("value")) {
        (Some(_), Some(_)) => Err("a stylesheet with both an id and a value".into()),
        (Some(id), None) => single_uri(id)
            .map(|_| None)
            .ok_or("the stylesheet's id is not a URI".into()),
        (None, Some(value)) => value
            .as_str()
            .map(Some)
            .ok_or("the stylesheet's value is not text".into()),
        (None, None) => Err("a stylesheet with neither id nor value".into()),
    }
}

/// `language` like `ar` or `en-GB`, and `textDirection` one of `ltr`, `rtl`, `auto`
/// (3.2.1).
fn check_language_and_direction(resource: &Value) -> Result<(), String> {
    if let Some(languages) = resource.get("language") {
        for language in strings(languages).ok_or("language is not text")? {
            let primary = language.split('-').next().unwrap_or_default();
            let valid =
                (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
            if !valid {
                return Err(format!("language {language} is not a BCP 47 tag"));
            }
        }
    }
    if let Some(direction) = resource.get("textDirection") {
        let direction = direction.as_str().ok_or("textDirection is not one value")?;
        if !["ltr", "rtl", "auto"].contains(&direction) {
            return Err(format!("textDirection {direction}"));
        }
    }
    Ok(())
}

/// `@context` is, or includes, the Web Annotation context.
fn check_context(value: &Value) -> Result<(), String> {
    let context = value.get("@context").ok_or("no @context")?;
    let found = match context {
        Value::String(context) => context == CONTEXT,
        Value::Array(contexts) => contexts.iter().any(|context| context == CONTEXT),
        _ => false,
    };
    found
        .then_some(())
        .ok_or(format!("@context {context} lacks {CONTEXT}"))
}

/// `type` is, or includes, `expected`.
fn has_type(value: &Value, expected: &str) -> Result<(), String> {
    let types = strings(&value["type"]).ok_or("no type")?;
    types
        .contains(&expected)
        .then_some(())
        .ok_or(format!("type {} is not {expected}", value["type"]))
}

/// One value or a non-empty array of them.
fn one_or_many(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Null => None,
        Value::Array(values) if values.is_empty() => None,
        Value::Array(values) => Some(values.iter().collect()),
        other => Some(vec![other]),
    }
}

/// A string, or a non-empty array of strings.
fn strings(value: &Value) -> Option<Vec<&str>> {
    one_or_many(value)?.into_iter().map(Value::as_str).collect()
}

/// One string (or an array of exactly one) that is an absolute URI (RFC 3986): a
/// scheme, a colon, then only URI characters, with `%` always followed by two hex
/// digits.
fn single_uri(value: &Value) -> Option<&str> {
    let uri = match value {
        Value::String(uri) => uri.as_str(),
        Value::Array(values) if values.len() == 1 => values[0].as_str()?,
        _ => return None,
    };
    let (scheme, rest) = uri.split_once(':')?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let bytes = rest.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            index += 3;
            continue;
        }
        let allowed = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&byte);
        if !allowed {
            return None;
        }
        index += 1;
    }
    (scheme_ok && !rest.is_empty()).then_some(uri)
}

/// An xsd:dateTime with a time zone, as the model asks: `2026-11-22T12:00:00Z`,
/// fractions of a second and `±hh:mm` allowed.
fn is_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    let shape = bytes.len() >= 20
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && bytes[10] == b'T'
        && digits(11..13)
        && bytes[13] == b':'
        && digits(14..16)
        && bytes[16] == b':'
        && digits(17..19);
    if !shape {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    rest == "Z"
        || (rest.len() == 6
            && rest.starts_with(['+', '-'])
            && digits(text.len() - 5..text.len() - 3)
            && rest.as_bytes()[3] == b':'
            && digits(text.len() - 2..text.len()))
}

/// The bytes a percent-encoded URI path stands for.
fn percent_decode(path: &str) -> Vec<u8> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex digits"));
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    out
}
