//! Splitting Markdown into sections with pulldown-cmark: headings, paragraphs, block
//! quotes, list items, with emphasis kept as spans and links shown as their text.
//!
//! Raw HTML is dropped (it is markup, not text); a code block is shown line by line as
//! paragraphs. The plain-text rules still apply inside: a short paragraph ending in a
//! colon is a label heading, a verse in `﴿ ﴾` on its own is a quotation.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::model::{Block, Emphasis, EmphasisSpan, SectionKind, SourcePiece, SourceSpan};

use super::lines::is_junk;
use super::sections::{classify_line, promote_title_line, split_long_blocks};

/// Splits Markdown text into blocks in reading order.
///
/// Each block knows where its text came from (see [`SourceSpan`]): pulldown-cmark
/// gives every event the bytes of the source it was read from, so a run of text is
/// mapped to its own bytes and markup between runs is skipped; text that is not a
/// copy of its source (an entity, a soft break) maps to its source as a whole.
pub fn split_markdown(text: &str) -> Vec<Block> {
    let mut builder = Builder {
        source: text,
        ..Builder::default()
    };
    for (event, range) in Parser::new(text).into_offset_iter() {
        builder.event(event, range);
    }
    builder.flush();
    let mut blocks = builder.blocks;
    promote_title_line(&mut blocks);
    split_long_blocks(blocks)
}

/// A list being read: the number of its next item, if it is numbered.
#[derive(Debug)]
struct List {
    next_number: Option<u64>,
}

#[derive(Debug, Default)]
struct Builder<'a> {
    /// The Markdown being read.
    source: &'a str,
    blocks: Vec<Block>,
    current: Option<Block>,
    /// The kind the next block takes when text arrives outside any paragraph (the
    /// items of a tight list have none).
    heading: Option<u8>,
    quote_depth: usize,
    lists: Vec<List>,
    /// True from the start of a list item until its first block begins.
    item_pending: bool,
    /// Where the list item being read starts in the source (its marker).
    item_start: usize,
    strong_depth: usize,
    italic_depth: usize,
    in_code_block: bool,
    in_html_block: bool,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::Item) {
                    self.item_start = range.start;
                }
                self.start(tag);
            }
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_code_block => {
                let verbatim = self.source.get(range.clone()) == Some(&*text);
                for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
                    let mut block = Block::plain(SectionKind::Paragraph, line.to_owned());
                    block.source = if verbatim {
                        // `line` is a slice of `text`, a copy of the source here.
                        let start = range.start + (line.as_ptr() as usize - text.as_ptr() as usize);
                        SourceSpan::verbatim(start..start + line.len())
                    } else {
                        SourceSpan::from_pieces(vec![self.piece(line, 0, range.clone())])
                    };
                    self.blocks.push(block);
                }
            }
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                self.push_text(&text, Some(range));
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" ", Some(range)),
            Event::Rule => self.flush(),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.flush(),
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(heading_level(level));
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code_block = true;
            }
            Tag::HtmlBlock => self.in_html_block = true,
            Tag::List(start) => {
                self.flush();
                self.lists.push(List { next_number: start });
            }
            Tag::Item => {
                self.flush();
                self.item_pending = true;
            }
            Tag::Emphasis => self.italic_depth += 1,
            Tag::Strong => self.strong_depth += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead => self.flush(),
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::HtmlBlock => self.in_html_block = false,
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.item_pending = false;
                if let Some(number) = self
                    .lists
                    .last_mut()
                    .and_then(|list| list.next_number.as_mut())
                {
                    *number = number.saturating_add(1);
                }
            }
            TagEnd::Emphasis => self.italic_depth = self.italic_depth.saturating_sub(1),
            TagEnd::Strong => self.strong_depth = self.strong_depth.saturating_sub(1),
            TagEnd::TableCell => self.push_text(" | ", None),
            _ => {}
        }
    }

    /// Where `text`, appended at byte `at` of a block, came from, given the bytes
    /// `source` of the event that gave it: its own bytes when it is there verbatim (a
    /// code span's text inside its backticks too), else the event's bytes as a whole.
    fn piece(&self, text: &str, at: usize, source: Range<usize>) -> SourcePiece {
        let original = self.source.get(source.clone()).unwrap_or_default();
        let found = if original == text {
            Some(0)
        } else if text.is_empty() {
            None
        } else {
            original.find(text)
        };
        match found {
            Some(offset) => SourcePiece {
                text: at..at + text.len(),
                source: source.start + offset..source.start + offset + text.len(),
                verbatim: true,
            },
            None => SourcePiece {
                text: at..at + text.len(),
                source,
                verbatim: false,
            },
        }
    }

    /// Appends inline text to the current block, starting one if needed; `source` is
    /// the bytes it was read from, `None` for text the parser writes.
    fn push_text(&mut self, text: &str, source: Option<Range<usize>>) {
        if self.in_html_block {
            return;
        }
        let current = match &mut self.current {
            Some(current) => current,
            None => {
                let mut block = Block::plain(self.block_kind(), String::new());
                if self.item_pending {
                    self.item_pending = false;
                    if let Some(number) = self.lists.last().and_then(|list| list.next_number) {
                        block.text = format!("{number}. ");
                        // The number comes from the item's marker (`3)` or `3.`).
                        if let Some(source) = &source {
                            block.source.pieces.push(SourcePiece {
                                text: 0..block.text.len(),
                                source: self.item_start.min(source.start)..source.start,
                                verbatim: false,
                            });
                        }
                    }
                }
                self.current.insert(block)
            }
        };
        let start = current.text.len();
        current.text.push_str(text);
        let piece = source.map(|source| self.piece(text, start, source));
        let Some(current) = &mut self.current else {
            return;
        };
        current.source.pieces.extend(piece);
        let emphasis = Emphasis {
            strong: self.strong_depth > 0,
            italic: self.italic_depth > 0,
        };
        if emphasis != Emphasis::default() {
            current.emphasis.push(EmphasisSpan {
                range: start..current.text.len(),
                emphasis,
            });
        }
    }

    /// What a block starting here is, from where it sits.
    fn block_kind(&self) -> SectionKind {
        if let Some(level) = self.heading {
            SectionKind::Heading { level }
        } else if self.item_pending {
            SectionKind::ListItem
        } else if self.quote_depth > 0 {
            SectionKind::Quotation
        } else {
            SectionKind::Paragraph
        }
    }

    /// Ends the current block: trims it, drops it if it is junk, and applies the
    /// plain-text rules to a paragraph.
    fn flush(&mut self) {
        let Some(mut block) = self.current.take() else {
            return;
        };
        let leading = block.text.len() - block.text.trim_start().len();
        let trimmed = block.text.trim();
        let kept = leading..leading + trimmed.len();
        if is_junk(trimmed) {
            return;
        }
        block.emphasis = block
            .emphasis
            .into_iter()
            .filter(|span| span.range.start < kept.end && span.range.end > kept.start)
            .map(|span| EmphasisSpan {
                range: span.range.start.max(kept.start) - leading
                    ..span.range.end.min(kept.end) - leading,
                emphasis: span.emphasis,
            })
            .collect();
        block.text = trimmed.to_owned();
        let pieces = std::mem::take(&mut block.source.pieces);
        block.source = SourceSpan::from_pieces(pieces).slice(kept);
        if block.kind == SectionKind::Paragraph {
            block.kind = classify_line(&block.text);
        }
        self.blocks.push(block);
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[Block]) -> Vec<(SectionKind, &str)> {
        blocks
            .iter()
            .map(|block| (block.kind, block.text.as_str()))
            .collect()
    }

    #[test]
    fn headings_paragraphs_quotes_and_lists() {
        let blocks = split_markdown(
            "# العنوان\n\nفقرة أولى،\nتتمة السطر.\n\n> اقتباس من\n> كاتب\n\n- أول\n- ثانٍ\n\n3. ثالث\n4. رابع\n\n<div>html</div>\n\n    code line\n\n## الخبر:\n",
        );
        assert_eq!(
            kinds(&blocks),
            [
                (SectionKind::Heading { level: 1 }, "العنوان"),
                (SectionKind::Paragraph, "فقرة أولى، تتمة السطر."),
                (SectionKind::Quotation, "اقتباس من كاتب"),
                (SectionKind::ListItem, "أول"),
                (SectionKind::ListItem, "ثانٍ"),
                (SectionKind::ListItem, "3. ثالث"),
                (SectionKind::ListItem, "4. رابع"),
                (SectionKind::Paragraph, "code line"),
                (SectionKind::Heading { level: 2 }, "الخبر:"),
            ]
        );
    }

    #[test]
    fn emphasis_becomes_spans_and_links_their_text() {
        let blocks = split_markdown("نص **غامق** و*مائل* و[رابط](http://example.com) و***كلاهما***");
        let block = &blocks[0];
        assert_eq!(block.text, "نص غامق ومائل ورابط وكلاهما");
        let spanned: Vec<(&str, Emphasis)> = block
            .emphasis
            .iter()
            .map(|span| (&block.text[span.range.clone()], span.emphasis))
            .collect();
        let bold = Emphasis {
            strong: true,
            italic: false,
        };
        let italic = Emphasis {
            strong: false,
            italic: true,
        };
        let both = Emphasis {
            strong: true,
            italic: true,
        };
        assert_eq!(spanned, [("غامق", bold), ("مائل", italic), ("كلاهما", both)]);
    }

    #[test]
    fn a_lone_verse_paragraph_is_a_quotation_and_a_label_a_heading() {
        let blocks = split_markdown("مقدمة، فيها فاصلة.\n\n﴿إِنَّمَا يَنْهَاكُمُ﴾\n\nالتعليق:\n");
        assert_eq!(blocks[1].kind, SectionKind::Quotation);
        assert_eq!(blocks[2].kind, SectionKind::Heading { level: 3 });
    }

    #[test]
    fn leading_emphasis_survives_trimming() {
        let blocks = split_markdown("  *مائل* بعده");
        assert_eq!(&blocks[0].text[blocks[0].emphasis[0].range.clone()], "مائل");
    }
}
