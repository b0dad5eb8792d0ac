//! Exporting an article's notes: Markdown for reading, JSON for programs, and W3C Web
//! Annotation JSON-LD for other annotation tools.
//!
//! Pure functions from the article and its notes to text; writing the file is the
//! caller's business.
//!
//! Bilingual exports (the article with a translation column) are one file per
//! format: [`bilingual_markdown()`], [`bilingual_html()`] and TMX 1.4 ([`tmx()`]).

mod bilingual_html;
mod bilingual_markdown;
mod tmx;

pub use bilingual_html::bilingual_html;
pub use bilingual_markdown::bilingual_markdown;
pub use tmx::tmx;

use serde_json::{Value, json};

use crate::model::{Article, Note, NoteId, Notes, Placement, TextQuote, place};

/// A note with where it is in the article now.
struct Placed<'a> {
    id: &'a NoteId,
    note: &'a Note,
    placement: Placement,
}

/// The notes that are not deleted, in reading order; orphans last.
fn placed<'a>(article: &Article, notes: &'a Notes) -> Vec<Placed<'a>> {
    let mut placed: Vec<Placed<'a>> = notes
        .iter()
        .filter(|(_, note)| !note.deleted)
        .map(|(id, note)| Placed {
            id,
            note,
            placement: place(&note.anchor, article),
        })
        .collect();
    placed.sort_by_key(|placed| match &placed.placement {
        Placement::Section(index) => (0, *index, 0, placed.note.created_ms),
        Placement::Span(index, range) => (0, *index, range.start + 1, placed.note.created_ms),
        Placement::Orphan => (1, 0, 0, placed.note.created_ms),
    });
    placed
}

/// The article with its notes, section by section, as Markdown.
pub fn markdown(article: &Article, notes: &Notes) -> String {
    let placed = placed(article, notes);
    let mut out = format!("# {}\n", article.title);
    for (index, section) in article.sections.iter().enumerate() {
        let here: Vec<&Placed<'_>> = placed
            .iter()
            .filter(|p| p.placement.section_index() == Some(index))
            .collect();
        if here.is_empty() {
            continue;
        }
        out.push_str(&format!("\n> {}\n\n", section.text));
        for placed in here {
            out.push_str(&markdown_note(
                placed.note,
                &placed.placement,
                &section.text,
            ));
        }
    }
    let orphans: Vec<&Placed<'_>> = placed
        .iter()
        .filter(|p| p.placement == Placement::Orphan)
        .collect();
    if !orphans.is_empty() {
        out.push_str("\n## Notes whose text is no longer in the article\n\n");
        for placed in orphans {
            out.push_str(&markdown_note(placed.note, &placed.placement, ""));
        }
    }
    out
}

fn markdown_note(note: &Note, placement: &Placement, section_text: &str) -> String {
    let quote = match placement {
        Placement::Span(_, range) => section_text.get(range.clone()).map(str::to_owned),
        Placement::Section(_) => None,
        Placement::Orphan => note.anchor.quote.as_ref().map(|quote| quote.exact.clone()),
    };
    let mut line = String::from("- ");
    if let Some(color) = note.color {
        line.push_str(&format!("[{}] ", color.name()));
    }
    if let Some(quote) = quote {
        line.push_str(&format!("«{quote}»"));
        if !note.text.is_empty() {
            line.push_str(" — ");
        }
    }
    line.push_str(&note.text.replace('\n', "\n  "));
    if !note.tags.is_empty() {
        line.push_str(&format!(" (tags: {})", note.tags.join(", ")));
    }
    line.push('\n');
    line
}

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

/// Milliseconds since 1970 as an RFC 3339 UTC date and time.
pub fn rfc3339(ms: u64) -> String {
    let seconds = ms / 1000;
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60,
        ms % 1000
    )
}

/// What the bilingual exports' tests share.
#[cfg(test)]
mod tests_support {
    use crate::model::translation::{
        Cell, ColumnRow, FileCell, MatchKind, TranslationColumn, TranslationSource,
    };
    use crate::model::{Article, Notes, SectionKind};

    /// An article of four sections and an English column: two rows from a file, an
    /// empty row, a machine-made row, and a line of the file that fit no row.
    pub fn bilingual_fixture() -> (Article, TranslationColumn) {
        let article = Article::new(
            "عنوان".into(),
            [
                (SectionKind::Heading { level: 1 }, "عنوان".to_owned()),
                (
                    SectionKind::Paragraph,
                    "قال رسول الله ﷺ: «الدين النصيحة»".to_owned(),
                ),
                (SectionKind::Paragraph, "فقرة بلا ترجمة".to_owned()),
                (SectionKind::Paragraph, "فقرة مترجمة آليا".to_owned()),
            ],
        );
        let file = |text: &str| ColumnRow {
            cell: Some(Cell {
                text: text.to_owned(),
                source: TranslationSource::File {
                    file: "a.en.txt".into(),
                },
                how: Some(MatchKind::Position),
            }),
            ..ColumnRow::default()
        };
        let machine = ColumnRow {
            cell: Some(Cell {
                text: "A paragraph translated by machine".into(),
                source: TranslationSource::Machine {
                    engine: "bergamot".into(),
                    model: "ar-en".into(),
                },
                how: None,
            }),
            ..ColumnRow::default()
        };
        let column = TranslationColumn {
            language: "en".into(),
            rows: vec![
                file("Title"),
                file("The Messenger of God ﷺ said: “Religion is sincere advice”"),
                ColumnRow::default(),
                machine,
            ],
            file: Some("a.en.txt".into()),
            left_over: vec![FileCell {
                text: "An extra line".into(),
                how: MatchKind::Position,
            }],
            ..TranslationColumn::default()
        };
        (article, column)
    }

    /// The notes of the notes exports' tests, on `article`.
    pub fn notes_on(article: &Article) -> Notes {
        super::tests::notes(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, HighlightColor, SectionKind};

    fn article() -> Article {
        Article::new(
            "عنوان".into(),
            [
                (SectionKind::Heading { level: 1 }, "عنوان".to_owned()),
                (
                    SectionKind::Paragraph,
                    "قال رسول الله ﷺ: «الدين النصيحة»".to_owned(),
                ),
            ],
        )
    }

    pub(super) fn notes(article: &Article) -> Notes {
        let text = &article.sections[1].text;
        let start = text.find("الدين").expect("quote");
        let highlight = Note {
            anchor: Anchor::span(
                article.sections[1].id,
                text,
                start..start + "الدين النصيحة".len(),
            ),
            color: Some(HighlightColor::Yellow),
            text: "حديث صحيح".to_owned(),
            tags: vec!["حديث".to_owned()],
            created_ms: 1_763_800_000_000,
            modified_ms: 1_763_800_000_500,
            deleted: false,
            conflict_with: None,
        };
        let orphan = Note {
            anchor: Anchor::span(article.sections[1].id, "نص قديم زال", 0.."نص قديم".len()),
            text: "يتيمة".to_owned(),
            color: None,
            ..highlight.clone()
        };
        [
            (NoteId("a".into()), highlight),
            (NoteId("b".into()), orphan),
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(rfc3339(1_795_348_800_000), "2026-11-22T12:00:00.000Z");
    }

    #[test]
    fn markdown_has_sections_quotes_notes_and_orphans() {
        let article = article();
        let out = markdown(&article, &notes(&article));
        assert!(out.starts_with("# عنوان\n"));
        assert!(out.contains("> قال رسول الله ﷺ: «الدين النصيحة»\n"));
        assert!(out.contains("- [yellow] «الدين النصيحة» — حديث صحيح (tags: حديث)\n"));
        assert!(
            out.contains("## Notes whose text is no longer in the article\n\n- «نص قديم» — يتيمة")
        );
    }

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
