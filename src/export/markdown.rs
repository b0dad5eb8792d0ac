//! The article with its notes as Markdown, for reading.
//!
//! Each section with notes is shown as the file has it (a Markdown article's own
//! markup, a plain line as it is), as a block quote, then its notes, each with its
//! quote from the file.

use super::{Placed, by_section, file_quote, placed};
use crate::import::ArticleSource;
use crate::model::{Note, Notes, Placement};

/// The article with its notes, section by section, as Markdown.
pub fn markdown(source: &ArticleSource, notes: &Notes) -> String {
    let article = &source.article;
    let placed = placed(source, notes);
    let notes_by_section = by_section(&placed, article.sections.len());
    let mut out = format!("# {}\n", article.title);
    for (index, here) in notes_by_section.iter().enumerate() {
        if here.is_empty() {
            continue;
        }
        let shown = source
            .locate_section(index)
            .and_then(|range| source.text.get(range))
            .unwrap_or_default();
        out.push('\n');
        for line in shown.lines() {
            out.push_str(&format!("> {}\n", line.trim_end_matches('\r')));
        }
        out.push('\n');
        for placed in here {
            let quote = match placed.placement {
                Placement::Span(..) => file_quote(source, &placed.placement),
                _ => None,
            };
            out.push_str(&markdown_note(
                placed.note,
                quote.map(|quote| quote.exact.to_owned()),
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
            let kept = placed.note.anchor.quote.as_ref();
            out.push_str(&markdown_note(
                placed.note,
                kept.map(|quote| quote.exact.clone()),
            ));
        }
    }
    out
}

pub(super) fn markdown_note(note: &Note, quote: Option<String>) -> String {
    let mut line = String::from("- ");
    if let Some(color) = note.color {
        line.push_str(&format!("[{}] ", color.name()));
    }
    if let Some(quote) = quote {
        line.push_str(&format!("«{}»", quote.replace('\n', "\n  ")));
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
    use crate::export::fixtures::{notes, source};
    use crate::import::ArticleFormat;

    #[test]
    fn markdown_has_sections_quotes_notes_and_orphans() {
        let source = source();
        let out = markdown(&source, &notes(&source));
        assert!(out.starts_with("# عنوان\n"));
        assert!(out.contains("> قال رسول الله ﷺ: «الدين النصيحة»\n"));
        assert!(out.contains("- [yellow] «الدين النصيحة» — حديث صحيح (tags: حديث)\n"));
        assert!(
            out.contains("## Notes whose text is no longer in the article\n\n- «نص قديم» — يتيمة")
        );
    }

    #[test]
    fn a_markdown_article_is_quoted_as_its_file_has_it() {
        let text = "# عنوان\n\nقال **رسول الله** ﷺ:\n«الدين النصيحة»\n";
        let source = ArticleSource::new(text.to_owned(), ArticleFormat::Markdown);
        let section = &source.article.sections[1];
        let start = section.text.find("رسول").expect("in the section");
        let note = crate::model::Note::new(
            crate::model::Anchor::span(section.id, &section.text, start..section.text.len()),
            1,
        );
        let notes = [(crate::model::NoteId("n".into()), note)]
            .into_iter()
            .collect();
        let out = markdown(&source, &notes);
        assert!(
            out.contains("> قال **رسول الله** ﷺ:\n> «الدين النصيحة»\n"),
            "{out}"
        );
        assert!(out.contains("«رسول الله** ﷺ:\n  «الدين النصيحة»»"), "{out}");
    }
}
