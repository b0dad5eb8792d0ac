//! The notes as JSON, each with where it is now, for programs.

use serde_json::{Value, json};

use super::{placed, rfc3339};
use crate::model::{Article, Notes, Placement};

/// The notes as JSON, each with where it is now.
pub fn json(article_name: &str, article: &Article, notes: &Notes) -> String {
    let notes: Vec<Value> = placed(article, notes)
        .iter()
        .map(|placed| {
            let (section, quote) = match &placed.placement {
                Placement::Section(index) => (Some(*index), None),
                Placement::Span(index, range) => (
                    Some(*index),
                    article.sections[*index].text.get(range.clone()),
                ),
                Placement::Orphan => (
                    None,
                    placed
                        .note
                        .anchor
                        .quote
                        .as_ref()
                        .map(|quote| quote.exact.as_str()),
                ),
            };
            json!({
                "id": placed.id.0,
                "section_index": section,
                "section_id": placed.note.anchor.section.to_string(),
                "quote": quote,
                "color": placed.note.color.map(|color| color.name()),
                "text": placed.note.text,
                "tags": placed.note.tags,
                "created": rfc3339(placed.note.created_ms),
                "modified": rfc3339(placed.note.modified_ms),
                "orphan": placed.placement == Placement::Orphan,
            })
        })
        .collect();
    let document = json!({ "article": article_name, "title": article.title, "notes": notes });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{article, notes};

    #[test]
    fn json_lists_notes_with_their_place() {
        let article = article();
        let value: Value =
            serde_json::from_str(&json("001.txt", &article, &notes(&article))).expect("JSON");
        assert_eq!(value["notes"][0]["quote"], "الدين النصيحة");
        assert_eq!(value["notes"][0]["section_index"], 1);
        assert_eq!(value["notes"][1]["orphan"], true);
    }
}
