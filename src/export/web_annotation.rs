//! The notes as a W3C Web Annotation collection (JSON-LD), for annotation tools.

use serde_json::{Value, json};

use super::{placed, rfc3339};
use crate::model::{Article, Notes, Placement, TextQuote};

/// The notes as a W3C Web Annotation collection (JSON-LD). `source` is the article's
/// URI; `source_text` its text, for character positions (`TextPositionSelector`),
/// which are given where the section is found in it verbatim.
pub fn web_annotations(
    source: &str,
    source_text: &str,
    article: &Article,
    notes: &Notes,
) -> String {
    let section_starts = section_char_starts(source_text, article);
    let items: Vec<Value> = placed(article, notes)
        .iter()
        .map(|placed| {
            let note = placed.note;
            let mut selectors = Vec::new();
            match &placed.placement {
                Placement::Span(index, range) => {
                    // The quote as the text is now, cut the way anchors cut it.
                    let quote = TextQuote::new(&article.sections[*index].text, range.clone());
                    selectors.push(json!({
                        "type": "TextQuoteSelector",
                        "exact": quote.exact,
                        "prefix": quote.prefix,
                        "suffix": quote.suffix,
                    }));
                    if let Some(Some(section_start)) = section_starts.get(*index) {
                        let start = section_start + quote.start;
                        let end = start + quote.exact.chars().count();
                        selectors.push(json!({ "type": "TextPositionSelector", "start": start, "end": end }));
                    }
                }
                Placement::Section(index) => {
                    let text = &article.sections[*index].text;
                    selectors.push(json!({ "type": "TextQuoteSelector", "exact": text }));
                    if let Some(Some(start)) = section_starts.get(*index) {
                        let end = start + text.chars().count();
                        selectors.push(json!({ "type": "TextPositionSelector", "start": start, "end": end }));
                    }
                }
                Placement::Orphan => {
                    if let Some(quote) = &note.anchor.quote {
                        selectors.push(json!({
                            "type": "TextQuoteSelector",
                            "exact": quote.exact,
                            "prefix": quote.prefix,
                            "suffix": quote.suffix,
                        }));
                    }
                }
            }
            let mut body: Vec<Value> = Vec::new();
            if !note.text.is_empty() {
                body.push(json!({ "type": "TextualBody", "value": note.text, "format": "text/plain", "purpose": "commenting" }));
            }
            body.extend(note.tags.iter().map(|tag| json!({ "type": "TextualBody", "value": tag, "purpose": "tagging" })));
            let motivation = if note.text.is_empty() && note.color.is_some() { "highlighting" } else { "commenting" };
            json!({
                "id": format!("urn:hamish:note:{}", placed.id),
                "type": "Annotation",
                "motivation": motivation,
                "created": rfc3339(note.created_ms),
                "modified": rfc3339(note.modified_ms),
                "body": body,
                "target": { "source": source, "selector": selectors },
            })
        })
        .collect();
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": article.title,
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items },
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}

/// Where each section's text starts in `source_text`, in characters, searching in
/// order; `None` for a section not found verbatim (Markdown markers removed, say).
fn section_char_starts(source_text: &str, article: &Article) -> Vec<Option<usize>> {
    let mut from = 0;
    article
        .sections
        .iter()
        .map(|section| {
            let found = source_text[from..].find(&section.text)?;
            let start = from + found;
            from = start + section.text.len();
            Some(source_text[..start].chars().count())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{article, notes};

    #[test]
    fn web_annotations_have_quote_and_position_selectors() {
        let article = article();
        let source_text = "عنوان\n\nقال رسول الله ﷺ: «الدين النصيحة»\n";
        let out = web_annotations("file:///a/001.txt", source_text, &article, &notes(&article));
        let value: Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
        let first = &value["first"]["items"][0];
        assert_eq!(first["type"], "Annotation");
        assert_eq!(first["target"]["selector"][0]["exact"], "الدين النصيحة");
        let start = first["target"]["selector"][1]["start"]
            .as_u64()
            .expect("start") as usize;
        let end = first["target"]["selector"][1]["end"].as_u64().expect("end") as usize;
        let chars: Vec<char> = source_text.chars().collect();
        assert_eq!(
            chars[start..end].iter().collect::<String>(),
            "الدين النصيحة"
        );
        assert_eq!(first["body"][1]["purpose"], "tagging");
        let orphan = &value["first"]["items"][1];
        assert_eq!(orphan["target"]["selector"][0]["exact"], "نص قديم");
    }
}
