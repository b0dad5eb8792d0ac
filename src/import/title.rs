//! Finding an article's title.
//!
//! The title is the first heading, or the first short line, that is neither a
//! basmala nor a label such as `الخبر:`; an article that has none (seed 000 opens with
//! `## الخبر:` and then the news itself) is titled by the first words of its text.

use crate::model::{Block, SectionKind};

use super::lines::{is_basmala, is_label_heading};

/// How many words of the first paragraph make a title when the article has none.
const FALLBACK_TITLE_WORDS: usize = 8;

/// A title is cut to this many characters: a Markdown heading can be a whole dump.
pub(super) const TITLE_MAX_CHARS: usize = 160;

/// The article's title: its first level-1 heading, else its first heading that is
/// not a label, else the first words of its first paragraph.
pub fn infer_title(blocks: &[Block]) -> String {
    let is_heading = |block: &&Block, top: bool| match block.kind {
        SectionKind::Heading { level } => {
            (!top || level == 1) && !is_basmala(&block.text) && !is_label_heading(&block.text)
        }
        _ => false,
    };
    if let Some(heading) = blocks
        .iter()
        .find(|block| is_heading(block, true))
        .or_else(|| blocks.iter().find(|block| is_heading(block, false)))
    {
        return bounded(heading.text.trim());
    }
    let Some(first) = blocks.iter().find(|block| {
        !matches!(block.kind, SectionKind::Heading { .. }) && !is_basmala(&block.text)
    }) else {
        return String::new();
    };
    let text = first
        .text
        .trim_matches(|c: char| c == '"' || c == '«' || c == '»' || c.is_whitespace());
    let words: Vec<&str> = text
        .split_whitespace()
        .take(FALLBACK_TITLE_WORDS + 1)
        .collect();
    if words.len() <= FALLBACK_TITLE_WORDS {
        return bounded(text);
    }
    let title = words[..FALLBACK_TITLE_WORDS].join(" ");
    let cut = title.trim_end_matches(|c: char| c.is_whitespace() || ",،؛;:-–—".contains(c));
    bounded(&format!("{cut}…"))
}

/// `text`, cut to [`TITLE_MAX_CHARS`] characters with an ellipsis.
pub(super) fn bounded(text: &str) -> String {
    match text.char_indices().nth(TITLE_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::split_plain_text;

    #[test]
    fn title_after_basmala() {
        let blocks =
            split_plain_text("بِسَمِ ٱللهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ\n\nمن الذي يُحرّض قرغيزستان؟\n(مترجم)\nالخبر:");
        assert_eq!(blocks[0].kind, SectionKind::Paragraph);
        assert_eq!(blocks[1].kind, SectionKind::Heading { level: 1 });
        assert_eq!(blocks[2].text, "(مترجم)");
        assert_eq!(infer_title(&blocks), "من الذي يُحرّض قرغيزستان؟");
    }

    #[test]
    fn title_falls_back_to_first_words() {
        let blocks = split_plain_text(
            "## الخبر:\n\"في 19 تشرين الثاني/نوفمبر، انعقد الاجتماع السابع عشر للجنة العسكرية حول تطوير",
        );
        assert_eq!(
            infer_title(&blocks),
            "في 19 تشرين الثاني/نوفمبر، انعقد الاجتماع السابع عشر…"
        );
    }

    #[test]
    fn a_heading_that_is_not_a_label_is_a_title() {
        let blocks = split_plain_text("## الخبر:\nنص الخبر، وفيه فاصلة.\n## خلاصة القول\nنص.");
        assert_eq!(infer_title(&blocks), "خلاصة القول");
    }

    #[test]
    fn titles_are_bounded() {
        let blocks = split_plain_text(&format!("# {}", "ب".repeat(10_000)));
        assert_eq!(infer_title(&blocks).chars().count(), TITLE_MAX_CHARS + 1);
        assert_eq!(infer_title(&[]), "");
    }
}
