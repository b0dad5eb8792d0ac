//! The article with its translation and notes, section by section, as Markdown.
//!
//! Each section is its source (a heading stays a heading, anything else is quoted),
//! then its translation as a paragraph (machine translations say so), then its notes
//! as a list, as [`super::markdown`] writes them. Translations that fit no section and
//! the reader's translations whose section is gone close the document: nothing the
//! reader wrote is left out.

use crate::model::translation::{Cell, TranslationColumn, TranslationSource};
use crate::model::{Article, Notes, Placement, SectionKind};

use super::markdown::markdown_note;
use super::{by_section, placed_in};

/// The article, its translation in `column` and its `notes`, as Markdown.
pub fn bilingual_markdown(article: &Article, column: &TranslationColumn, notes: &Notes) -> String {
    let placed = placed_in(article, notes);
    let notes_by_section = by_section(&placed, article.sections.len());
    let mut out = format!("# {}\n", one_line(&article.title));
    out.push_str(&format!("\nTranslation: {}", column.language));
    if let Some(file) = &column.file {
        out.push_str(&format!(" (from {file})"));
    }
    out.push('\n');
    for (index, section) in article.sections.iter().enumerate() {
        out.push('\n');
        match section.kind {
            SectionKind::Heading { level } => {
                let hashes = "#".repeat(usize::from(level.clamp(1, 5)) + 1);
                out.push_str(&format!("{hashes} {}\n", one_line(&section.text)));
            }
            _ => out.push_str(&format!("> {}\n", one_line(&section.text))),
        }
        if let Some(cell) = column.rows.get(index).and_then(|row| row.cell.as_ref()) {
            out.push('\n');
            out.push_str(&translation_paragraph(cell));
        }
        let here = &notes_by_section[index];
        if !here.is_empty() {
            out.push('\n');
        }
        for p in here {
            out.push_str(&markdown_note(p.note, shown_quote(p, &section.text)));
        }
    }
    if !column.left_over.is_empty() {
        out.push_str("\n## Translations that fit no section\n\n");
        for cell in &column.left_over {
            out.push_str(&format!("- {}\n", one_line(&cell.text)));
        }
    }
    if !column.orphans.is_empty() {
        out.push_str("\n## Your translations whose section is no longer in the article\n\n");
        for (_, orphan) in &column.orphans {
            out.push_str(&format!(
                "- «{}» — {}\n",
                one_line(&orphan.anchor.section_text),
                one_line(&orphan.text)
            ));
        }
    }
    let orphans: Vec<_> = placed
        .iter()
        .filter(|p| p.placement == Placement::Orphan)
        .collect();
    if !orphans.is_empty() {
        out.push_str("\n## Notes whose text is no longer in the article\n\n");
        for p in orphans {
            out.push_str(&markdown_note(p.note, shown_quote(p, "")));
        }
    }
    out
}

/// A translation as a paragraph: its lines kept as Markdown line breaks, blank lines
/// dropped so it stays one paragraph.
fn translation_paragraph(cell: &Cell) -> String {
    let lines: Vec<&str> = cell
        .text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let mut paragraph = lines.join("  \n");
    if let TranslationSource::Machine { engine, model } = &cell.source {
        let by = if model.is_empty() {
            engine.clone()
        } else {
            format!("{engine}, {model}")
        };
        paragraph.push_str(&format!(" *(machine translation: {by})*"));
    }
    paragraph.push('\n');
    paragraph
}

/// What a note quotes of its section as shown; an orphan, the quote it kept.
fn shown_quote(placed: &super::Placed<'_>, section_text: &str) -> Option<String> {
    match &placed.placement {
        Placement::Span(_, range) => section_text.get(range.clone()).map(str::to_owned),
        Placement::Section(_) => None,
        Placement::Orphan => placed
            .note
            .anchor
            .quote
            .as_ref()
            .map(|quote| quote.exact.clone()),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::{bilingual_fixture, notes_on};

    #[test]
    fn sections_translations_and_notes_in_order() {
        let (article, column) = bilingual_fixture();
        let out = bilingual_markdown(&article, &column, &notes_on(&article));
        let expected_start = "# عنوان\n\nTranslation: en (from a.en.txt)\n\n## عنوان\n\nTitle\n\n> قال رسول الله ﷺ: «الدين النصيحة»\n\nThe Messenger of God ﷺ said: “Religion is sincere advice”\n\n- [yellow] «الدين النصيحة» — حديث صحيح (tags: حديث)\n\n> فقرة بلا ترجمة\n\n> فقرة مترجمة آليا\n\nA paragraph translated by machine *(machine translation: bergamot, ar-en)*\n";
        assert!(out.starts_with(expected_start), "{out}");
        assert!(out.contains("## Translations that fit no section\n\n- An extra line\n"));
    }
}
