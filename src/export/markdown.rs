//! The article with its notes as Markdown, for reading.

use super::{Placed, placed};
use crate::model::{Article, Note, Notes, Placement};

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

pub(super) fn markdown_note(note: &Note, placement: &Placement, section_text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{article, notes};

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
}
