//! The article beside its translation as one standalone HTML page.
//!
//! Readable in any browser with no network: one file, CSS inline, no scripts, no
//! fonts or images fetched (a Content-Security-Policy says so to the browser too).
//! Every row is a source cell, a translation cell and a notes cell; each cell has its
//! own `lang` and `dir` (a section's direction comes from its first strong character
//! as in the app; a translation's from its own text, then from its language), so an
//! Arabic-to-English page, an Arabic-to-Persian one and an English paragraph inside
//! an Arabic article all read right. All text is escaped.

use crate::model::translation::{TranslationColumn, TranslationSource};
use crate::model::{Article, Direction, Notes, Placement, SectionKind, base_direction};

use super::{by_section, placed_in};

const STYLE: &str = "body{font-family:'Amiri','Noto Naskh Arabic','Noto Sans',serif;margin:2em auto;max-width:80em;padding:0 1em;line-height:1.6;color:#222;background:#fdfcf8}\
h1{font-size:1.6em}\
.row{display:grid;grid-template-columns:1fr 1fr 0.6fr;gap:1.5em;padding:0.6em 0;border-top:1px solid #e4e0d6}\
.heading .source,.heading .translation{font-weight:bold;font-size:1.15em}\
.quotation .source{font-style:italic}\
.translation.empty{color:#999}\
.origin{display:block;font-size:0.75em;color:#777}\
.machine{color:#555}\
.notes ul{margin:0;padding-inline-start:1.2em;font-size:0.9em}\
mark{background:#fff3a8}\
@media (max-width:50em){.row{grid-template-columns:1fr}}";

/// Languages written right to left, for a translation with no strong character.
const RIGHT_TO_LEFT: [&str; 10] = ["ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ckb", "ug"];

/// The page: `source_language` is the article's language (`ar`).
pub fn bilingual_html(
    article: &Article,
    source_language: &str,
    column: &TranslationColumn,
    notes: &Notes,
) -> String {
    let placed = placed_in(article, notes);
    let notes_by_section = by_section(&placed, article.sections.len());
    let source_language = escape(source_language);
    let target_language = escape(&column.language);
    let title = escape(&article.title);
    let page_direction = dir(article
        .sections
        .first()
        .map_or(Direction::RightToLeft, |section| section.direction));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{source_language}\" dir=\"{page_direction}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Hamish\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1 dir=\"auto\">{title}</h1>\n"
    );
    if let Some(file) = &column.file {
        out.push_str(&format!(
            "<p dir=\"ltr\" lang=\"en\" class=\"origin\">Translation ({target_language}) from {}</p>\n",
            escape(file)
        ));
    }
    out.push_str("<main>\n");
    for (index, section) in article.sections.iter().enumerate() {
        let kind = match section.kind {
            SectionKind::Heading { .. } => "heading",
            SectionKind::Paragraph => "paragraph",
            SectionKind::Quotation => "quotation",
            SectionKind::ListItem => "list-item",
        };
        out.push_str(&format!(
            "<div class=\"row {kind}\" id=\"s{}\">\n<div class=\"source\" lang=\"{source_language}\" dir=\"{}\">{}</div>\n",
            section.id,
            dir(section.direction),
            escape(&section.text)
        ));
        match column.rows.get(index).and_then(|row| row.cell.as_ref()) {
            Some(cell) => {
                let direction = match base_direction(&cell.text) {
                    Direction::LeftToRight
                        if is_right_to_left(&column.language) && !has_strong(&cell.text) =>
                    {
                        "rtl"
                    }
                    direction => dir(direction),
                };
                let (class, origin) = match &cell.source {
                    TranslationSource::Reader => ("translation", String::new()),
                    TranslationSource::File { .. } => ("translation", String::new()),
                    TranslationSource::Machine { engine, .. } => (
                        "translation machine",
                        format!(
                            "<span class=\"origin\" lang=\"en\" dir=\"ltr\">machine translation ({})</span>",
                            escape(engine)
                        ),
                    ),
                };
                let text = escape(&cell.text).replace('\n', "<br>");
                out.push_str(&format!(
                    "<div class=\"{class}\" lang=\"{target_language}\" dir=\"{direction}\">{text}{origin}</div>\n"
                ));
            }
            None => out.push_str(&format!(
                "<div class=\"translation empty\" lang=\"{target_language}\"></div>\n"
            )),
        }
        let here = &notes_by_section[index];
        out.push_str("<div class=\"notes\">");
        if !here.is_empty() {
            out.push_str("<ul>");
            for p in here {
                out.push_str("<li dir=\"auto\">");
                if let Placement::Span(_, range) = &p.placement
                    && let Some(quote) = section.text.get(range.clone())
                {
                    out.push_str(&format!("<mark dir=\"auto\">{}</mark> ", escape(quote)));
                }
                out.push_str(&escape(&p.note.text).replace('\n', "<br>"));
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("</div>\n</div>\n");
    }
    out.push_str("</main>\n");
    if !column.left_over.is_empty() {
        out.push_str(
            "<section lang=\"en\" dir=\"ltr\"><h2>Translations that fit no section</h2><ul>",
        );
        for cell in &column.left_over {
            out.push_str(&format!(
                "<li lang=\"{target_language}\" dir=\"auto\">{}</li>",
                escape(&cell.text)
            ));
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn dir(direction: Direction) -> &'static str {
    match direction {
        Direction::LeftToRight => "ltr",
        Direction::RightToLeft => "rtl",
    }
}

fn is_right_to_left(language: &str) -> bool {
    let key = crate::model::translation::language_key(language);
    let primary = key.split('-').next().unwrap_or_default();
    RIGHT_TO_LEFT.contains(&primary)
}

fn has_strong(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// Text escaped for HTML content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::{bilingual_fixture, notes_on};

    #[test]
    fn each_side_has_its_language_and_direction_and_text_is_escaped() {
        let (mut article, column) = bilingual_fixture();
        article.title = "<script>alert(1)</script>".into();
        let out = bilingual_html(&article, "ar", &column, &notes_on(&article));
        assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
        assert!(out.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assert!(!out.contains("<script"));
        assert!(out.contains(
            "<div class=\"source\" lang=\"ar\" dir=\"rtl\">قال رسول الله ﷺ: «الدين النصيحة»</div>"
        ));
        assert!(out.contains(
            "<div class=\"translation\" lang=\"en\" dir=\"ltr\">The Messenger of God ﷺ said: “Religion is sincere advice”</div>"
        ));
        assert!(out.contains("<mark dir=\"auto\">الدين النصيحة</mark> حديث صحيح"));
        assert!(out.contains("machine translation (bergamot)"));
        assert!(out.contains("<div class=\"translation empty\" lang=\"en\"></div>"));
        // Nothing is fetched.
        for network in ["http://", "https://", "src=", "@import", "url("] {
            assert!(!out.contains(network), "{network}");
        }
    }

    #[test]
    fn a_right_to_left_translation_reads_right_to_left() {
        assert!(is_right_to_left("fa-IR"));
        assert!(!is_right_to_left("en"));
        let (article, mut column) = bilingual_fixture();
        column.language = "fa".into();
        if let Some(cell) = column.rows[0].cell.as_mut() {
            cell.text = "عنوان به فارسی".into();
        }
        let out = bilingual_html(&article, "ar", &column, &Notes::new());
        assert!(
            out.contains("<div class=\"translation\" lang=\"fa\" dir=\"rtl\">عنوان به فارسی</div>")
        );
    }
}
