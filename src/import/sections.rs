//! Splitting plain text into sections (what a line is: see `lines`).
//!
//! In plain text every non-empty line is a section: articles copied from the web put
//! one paragraph per line and do not always leave blank lines between them.

use crate::model::{Block, EmphasisSpan, SectionKind};

use super::lines::{is_basmala, is_junk, is_label_heading, is_quotation, is_title_line};

/// A section longer than this, in bytes, is cut into several. Real paragraphs are a
/// few kilobytes; a one-megabyte line (a dump, a minified file) would otherwise be one
/// section that takes seconds to lay out and can only be scrolled past.
pub const MAX_SECTION_BYTES: usize = 16 * 1024;

/// The level given to label headings such as `الخبر:`.
const LABEL_HEADING_LEVEL: u8 = 3;

/// Splits plain text into blocks in reading order, dropping junk lines.
///
/// Markdown `#` headings are honoured in `.txt` files too: articles saved from the web
/// carry them. The first line, after an optional basmala, becomes the level-1 heading
/// when it reads like a headline.
pub fn split_plain_text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut line_start = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_offset = line_start;
        line_start += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']).trim();
        if is_junk(line) {
            continue;
        }
        let (kind, shown) = if let Some((level, rest)) = markdown_heading(line) {
            (SectionKind::Heading { level }, rest)
        } else if let Some(item) = list_item_text(line) {
            (SectionKind::ListItem, item)
        } else {
            (classify_line(line), line)
        };
        if !is_junk(shown) {
            // `shown` is a slice of `raw_line`, so where it starts is known.
            let start = line_offset + offset_in(raw_line, shown);
            blocks.push(Block::verbatim(kind, shown, start..start + shown.len()));
        }
    }
    promote_title_line(&mut blocks);
    split_long_blocks(blocks)
}

/// Where the slice `inner` starts in `outer`, which holds it.
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// What a line of running text is: a label heading, a quotation or a paragraph.
pub(super) fn classify_line(line: &str) -> SectionKind {
    if is_label_heading(line) {
        SectionKind::Heading {
            level: LABEL_HEADING_LEVEL,
        }
    } else if is_quotation(line) {
        SectionKind::Quotation
    } else {
        SectionKind::Paragraph
    }
}

/// Makes the first block after an optional basmala the level-1 heading when it is a
/// paragraph that reads like a headline.
pub(super) fn promote_title_line(blocks: &mut [Block]) {
    if let Some(first) = blocks.iter_mut().find(|block| !is_basmala(&block.text))
        && first.kind == SectionKind::Paragraph
        && is_title_line(&first.text)
    {
        first.kind = SectionKind::Heading { level: 1 };
    }
}

/// `#`…`######` followed by a space: the level and the heading's text.
fn markdown_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    // `hashes` is at most 6, so it fits in a u8.
    let level = u8::try_from(hashes).ok()?;
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// A bulleted line (`- `, `* `, `• `) without its bullet, or a numbered line (`1. `,
/// `٣) `) whole: the number is part of what the reader sees.
fn list_item_text(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "• ", "· ", "– "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim_start());
        }
    }
    let is_digit = |c: &char| c.is_ascii_digit() || ('\u{660}'..='\u{669}').contains(c);
    let digit_count = line.chars().take_while(is_digit).count();
    let digits: usize = line.chars().take(digit_count).map(char::len_utf8).sum();
    let rest = &line[digits..];
    // Three digits at most: `1992. ` starts a sentence about a year, not a list.
    let numbered = (1..=3).contains(&digit_count)
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with("- "))
        && !rest[2..].trim().is_empty();
    numbered.then_some(line)
}

/// Cuts blocks longer than [`MAX_SECTION_BYTES`] into parts, at a space where there
/// is one, keeping the emphasis of each part.
pub(super) fn split_long_blocks(blocks: Vec<Block>) -> Vec<Block> {
    if blocks
        .iter()
        .all(|block| block.text.len() <= MAX_SECTION_BYTES)
    {
        return blocks;
    }
    let mut parts = Vec::with_capacity(blocks.len() + 8);
    for block in blocks {
        if block.text.len() <= MAX_SECTION_BYTES {
            parts.push(block);
            continue;
        }
        let kind = match block.kind {
            // A heading this long is not a heading.
            SectionKind::Heading { .. } => SectionKind::Paragraph,
            other => other,
        };
        let mut start = 0;
        while start < block.text.len() {
            let end = part_end(&block.text, start);
            let emphasis = block
                .emphasis
                .iter()
                .filter(|span| span.range.start < end && span.range.end > start)
                .map(|span| EmphasisSpan {
                    range: span.range.start.max(start) - start..span.range.end.min(end) - start,
                    emphasis: span.emphasis,
                })
                .collect();
            let text = block.text[start..end].trim_end();
            if !text.trim().is_empty() {
                parts.push(Block {
                    kind,
                    text: text.to_owned(),
                    emphasis,
                    source: block.source.slice(start..start + text.len()),
                });
            }
            start = end;
        }
    }
    parts
}

/// Where the part of `text` that starts at `start` ends: after the last space within
/// [`MAX_SECTION_BYTES`], else at the last character boundary within it. Long
/// translation segments are shown a part at a time with the same cuts.
pub fn part_end(text: &str, start: usize) -> usize {
    let limit = start + MAX_SECTION_BYTES;
    if limit >= text.len() {
        return text.len();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[start..end];
    match window.rfind(char::is_whitespace) {
        // Not too early: a part should be most of the limit.
        Some(space) if space > MAX_SECTION_BYTES / 2 => {
            start + space + window[space..].chars().next().map_or(1, char::len_utf8)
        }
        _ => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SectionKind, String)> {
        split_plain_text(text)
            .into_iter()
            .map(|block| (block.kind, block.text))
            .collect()
    }

    #[test]
    fn junk_lines_are_dropped() {
        let parts = kinds(" \n\nF\n\n-\n##\nنص حقيقي\n");
        assert_eq!(
            parts,
            vec![(SectionKind::Heading { level: 1 }, "نص حقيقي".to_owned())]
        );
    }

    #[test]
    fn label_headings_and_markdown_headings() {
        let parts =
            kinds("## الخبر:\nفي 19 تشرين الثاني/نوفمبر، انعقد الاجتماع.\nالتعليق:\nالمصدر: تاس");
        assert_eq!(
            parts[0],
            (SectionKind::Heading { level: 2 }, "الخبر:".to_owned())
        );
        assert_eq!(parts[1].0, SectionKind::Paragraph);
        assert_eq!(
            parts[2],
            (SectionKind::Heading { level: 3 }, "التعليق:".to_owned())
        );
        assert_eq!(parts[3], (SectionKind::Paragraph, "المصدر: تاس".to_owned()));
    }

    #[test]
    fn verses_and_hadith_on_their_own_line_are_quotations() {
        let parts = kinds(
            "مقدمة طويلة بعض الشيء، فيها فاصلة.\n﴿إِنَّمَا يَنْهَاكُمُ اللَّهُ﴾\n«الدين النصيحة» [رواه مسلم]\nقال ﷺ: «الدين النصيحة»",
        );
        assert_eq!(parts[1].0, SectionKind::Quotation);
        assert_eq!(parts[2].0, SectionKind::Quotation);
        assert_eq!(
            parts[3].0,
            SectionKind::Paragraph,
            "a quotation inside a sentence"
        );
    }

    #[test]
    fn list_items_lose_their_bullets_and_keep_their_numbers() {
        let parts = kinds(
            "مقدمة، وفيها فاصلة.\n- البند الأول\n• البند الثاني\n١. الأول\n2) second\n2016 وصلت",
        );
        assert_eq!(parts[1], (SectionKind::ListItem, "البند الأول".to_owned()));
        assert_eq!(parts[2], (SectionKind::ListItem, "البند الثاني".to_owned()));
        assert_eq!(parts[3], (SectionKind::ListItem, "١. الأول".to_owned()));
        assert_eq!(parts[4], (SectionKind::ListItem, "2) second".to_owned()));
        assert_eq!(parts[5].0, SectionKind::Paragraph);
    }

    #[test]
    fn a_huge_line_is_cut_into_sections_at_spaces() {
        let line = "كلمة ".repeat(20_000);
        let parts = kinds(&format!("عنوان\n{line}"));
        assert!(parts.len() > 5);
        assert!(
            parts
                .iter()
                .all(|(_, text)| text.len() <= MAX_SECTION_BYTES)
        );
        assert!(parts[1..].iter().all(|(_, text)| text.starts_with("كلمة")));
        let no_spaces = "ب".repeat(MAX_SECTION_BYTES);
        let parts = kinds(&no_spaces);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].1.len() + parts[1].1.len(), no_spaces.len());
    }
}
