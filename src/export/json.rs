//! The notes as JSON, each with where it is now, for programs.
//!
//! `quote` is the file's own text and `start`/`end` its code point positions in the
//! file (see [`crate::import::ArticleSource`]); an orphan has the quote its note kept,
//! and no position.

use serde_json::{Value, json};

use super::{file_quote, placed, rfc3339};
use crate::import::ArticleSource;
use crate::model::{Notes, Placement};

/// The notes as JSON, each with where it is now.
pub fn json(article_name: &str, source: &ArticleSource, notes: &Notes) -> String {
    let notes: Vec<Value> = placed(source, notes)
        .iter()
        .map(|placed| {
            let quote = file_quote(source, &placed.placement);
            let (exact, start, end) = match (&placed.placement, &quote) {
                (Placement::Span(..), Some(quote)) => {
                    (Some(quote.exact), Some(quote.start), Some(quote.end))
                }
                (Placement::Section(_), Some(quote)) => (None, Some(quote.start), Some(quote.end)),
                (Placement::Orphan, _) => (
                    placed
                        .note
                        .anchor
                        .quote
                        .as_ref()
                        .map(|quote| quote.exact.as_str()),
                    None,
                    None,
                ),
                _ => (None, None, None),
            };
            json!({
                "id": placed.id.0,
                "section_index": placed.placement.section_index(),
                "section_id": placed.note.anchor.section.to_string(),
                "quote": exact,
                "start": start,
                "end": end,
                "color": placed.note.color.map(|color| color.name()),
                "text": placed.note.text,
                "tags": placed.note.tags,
                "created": rfc3339(placed.note.created_ms),
                "modified": rfc3339(placed.note.modified_ms),
                "orphan": placed.placement == Placement::Orphan,
            })
        })
        .collect();
    let document = json!({
        "article": article_name,
        "title": source.article.title,
        "notes": notes,
    });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{TEXT, notes, source};

    #[test]
    fn json_lists_notes_with_their_place_in_the_file() {
        let source = source();
        let value: Value =
            serde_json::from_str(&json("001.txt", &source, &notes(&source))).expect("JSON");
        let note = &value["notes"][0];
        assert_eq!(note["quote"], "الدين النصيحة");
        assert_eq!(note["section_index"], 1);
        let start = note["start"].as_u64().expect("start") as usize;
        let end = note["end"].as_u64().expect("end") as usize;
        let quoted: String = TEXT.chars().skip(start).take(end - start).collect();
        assert_eq!(quoted, "الدين النصيحة");
        assert_eq!(value["notes"][1]["orphan"], true);
        assert_eq!(value["notes"][1]["start"], Value::Null);
    }
}
