//! One line of text (a paragraph without line breaks) into a cosmic-text `ShapeLine`:
//! bidi levels once for the line, cut into level runs and words at line-break
//! opportunities, each word's glyphs taken from the [`WordCache`] or shaped and kept
//! (a word in one style with harfrust straight, in the first font its attributes ask
//! for; cosmic-text's `ShapeWord` where that font lacks a character, for its font
//! fallback).
//!
//! Written here rather than taken from cosmic-text's `ShapeLine::build` because that
//! shapes every word again (or builds an owned key for its own word cache, and walks
//! every word's graphemes, before it can look a word up): the words are where a
//! paragraph's shaping time goes. The structure built is cosmic-text's own (its
//! `ShapeLine`, `ShapeSpan`, `ShapeWord` with public fields), made by the same rules —
//! UAX #9 levels with rule L1 applied as cosmic-text applies it, UAX #14 break
//! opportunities, trailing whitespace split into one blank word per character, glyphs
//! reversed in right-to-left lines and words in runs against the line's direction,
//! tabs to tab stops — so cosmic-text's wrapping (`ShapeLine::layout_to_buffer`) lays
//! it out, and a test compares the result with cosmic-text's own shaping of the same
//! text glyph for glyph (tests/layout_cache.rs).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use cosmic_text::fallback::FontFallbackIter;
use cosmic_text::{
    Attrs, AttrsList, AttrsOwned, CacheKeyFlags, Family, Font, FontSystem, ShapeGlyph, ShapeLine,
    ShapeSpan, ShapeWord, Shaping, Style, fontdb,
};
use rustc_hash::FxBuildHasher;
use unicode_bidi::{BidiClass, BidiInfo, Level};

use super::bidi_classes::BidiClasses;
use super::words::{WordCache, WordStyle};

/// Distinct attributes interned before everything kept by them is forgotten and
/// started again. The app uses a few faces in a few weights; this is a bound, not a
/// working size.
const MAX_ATTRS: usize = 64;

/// harfrust plans kept (one per font, script, direction and language met), the
/// oldest dropped first.
const MAX_PLANS: usize = 32;

/// Tab stops every this many spaces, as cosmic-text's `Buffer` sets them.
const TAB_WIDTH: u16 = 8;

/// What shaping a line needs besides the line: the word cache, and what was learnt
/// about pairs of ASCII punctuation (whether a font joins them into a ligature).
#[derive(Default)]
pub(super) struct LineShaper {
    pub(super) words: WordCache,
    /// Whether a pair of ASCII punctuation characters, in given attributes, is kept in
    /// one word (a ligature such as `->` in a programming font).
    punctuation_pairs: HashMap<(u32, char, char), bool, FxBuildHasher>,
    /// An empty shaped line per attributes, cloned for each new line: cosmic-text's
    /// `ShapeLine` has a private field, so a line is made from one it built.
    templates: Vec<(u32, ShapeLine)>,
    /// Whether kept words are used (off only to measure without them).
    pub(super) use_words: bool,
    /// The first font of each interned attributes (by id), as cosmic-text's fallback
    /// picks it first; `None` where words always go the whole way through cosmic-text.
    primary_fonts: Vec<Option<PrimaryFont>>,
    /// harfrust's plans, by font, script, direction and language.
    plans: Vec<(fontdb::ID, harfrust::ShapePlan)>,
    /// harfrust's buffer, reused.
    buffer: Option<harfrust::UnicodeBuffer>,
}

/// The font a word is shaped in first, with what its glyphs take from it.
struct PrimaryFont {
    font: Arc<Font>,
    /// The attributes, owned.
    attrs: AttrsOwned,
    /// harfrust's features, from the attributes.
    features: Vec<harfrust::Feature>,
    /// Whether the glyphs are slanted by the rasterizer: italic asked of an upright
    /// face.
    fake_italic: bool,
}

/// A line's attribute spans, interned: the defaults and each span's byte range.
struct LineAttrs {
    defaults: u32,
    spans: Vec<(Range<usize>, u32)>,
}

impl LineAttrs {
    /// The attributes of all of `range`, or `None` when it crosses a span's edge.
    fn uniform(&self, range: &Range<usize>) -> Option<u32> {
        let mut found = self.defaults;
        for (span, attrs) in &self.spans {
            if span.end <= range.start || range.end <= span.start {
                continue;
            }
            if span.start <= range.start && range.end <= span.end {
                found = *attrs;
            } else {
                return None;
            }
        }
        Some(found)
    }
}

impl LineShaper {
    pub(super) fn new(use_words: bool) -> Self {
        Self {
            use_words,
            ..Self::default()
        }
    }

    /// Shapes `line` (no line breaks in it) with `attrs_list`, in cosmic-text's
    /// structure, ready to be wrapped.
    pub(super) fn shape(
        &mut self,
        fonts: &mut FontSystem,
        line: &str,
        attrs_list: &AttrsList,
    ) -> ShapeLine {
        if self.words.attrs_count() >= MAX_ATTRS {
            // Attribute numbers are about to be given anew: everything kept by them goes.
            self.words.clear();
            self.primary_fonts.clear();
            self.templates.clear();
            self.punctuation_pairs.clear();
        }
        let attrs = LineAttrs {
            defaults: self.words.attrs_id(&attrs_list.defaults()),
            spans: attrs_list
                .spans_iter()
                .map(|(range, attrs)| (range.clone(), self.words.attrs_id(&attrs.as_attrs())))
                .collect(),
        };
        let bidi = BidiInfo::new_with_data_source(BidiClasses::get(), line, None);
        let rtl = bidi
            .paragraphs
            .first()
            .is_some_and(|paragraph| paragraph.level.is_rtl());
        let mut spans = Vec::new();
        for paragraph in &bidi.paragraphs {
            let levels = line_levels(&bidi, paragraph.range.clone(), paragraph.level);
            let range = paragraph.range.clone();
            let mut start = range.start;
            let mut level = levels[start];
            for (i, &next) in levels.iter().enumerate().take(range.end).skip(start + 1) {
                if next != level {
                    spans.push(self.shape_span(
                        fonts,
                        line,
                        attrs_list,
                        &attrs,
                        start..i,
                        rtl,
                        level,
                    ));
                    start = i;
                    level = next;
                }
            }
            spans.push(self.shape_span(
                fonts,
                line,
                attrs_list,
                &attrs,
                start..range.end,
                rtl,
                level,
            ));
        }
        if line.contains('\t') {
            set_tab_stops(line, &mut spans);
        }
        let mut shaped = self.template(fonts, attrs.defaults, attrs_list);
        shaped.rtl = rtl;
        shaped.spans = spans;
        shaped.metrics_opt = attrs_list.defaults().metrics_opt.map(Into::into);
        shaped
    }

    /// The words of one bidi level run.
    #[allow(clippy::too_many_arguments)]
    fn shape_span(
        &mut self,
        fonts: &mut FontSystem,
        line: &str,
        attrs_list: &AttrsList,
        attrs: &LineAttrs,
        range: Range<usize>,
        line_rtl: bool,
        level: Level,
    ) -> ShapeSpan {
        let span = &line[range.clone()];
        let mut words = Vec::new();
        let mut start_word = 0;
        for (end_break, _) in unicode_linebreak::linebreaks(span) {
            if end_break > 0
                && end_break < span.len()
                && self.joins_punctuation(fonts, span, end_break, attrs_list, range.start)
            {
                continue;
            }
            // Whitespace at the end of a word is not part of it: each of its characters
            // is a blank word of its own, where a line may end.
            let mut start_blank = end_break;
            for (i, c) in span[start_word..end_break].char_indices().rev() {
                if c.is_whitespace() {
                    start_blank = start_word + i;
                } else {
                    break;
                }
            }
            if start_word < start_blank {
                let word = range.start + start_word..range.start + start_blank;
                words.push(self.shape_word(fonts, line, attrs_list, attrs, word, level, false));
            }
            for (i, c) in span[start_blank..end_break].char_indices() {
                let at = range.start + start_blank + i;
                words.push(self.shape_word(
                    fonts,
                    line,
                    attrs_list,
                    attrs,
                    at..at + c.len_utf8(),
                    level,
                    true,
                ));
            }
            start_word = end_break;
        }
        if line_rtl {
            for word in &mut words {
                word.glyphs.reverse();
            }
        }
        if line_rtl != level.is_rtl() {
            words.reverse();
        }
        ShapeSpan {
            level,
            words,
            decoration_spans: Vec::new(),
        }
    }

    /// One word: its kept glyphs moved to where it is, or shaped (and kept when its
    /// attributes are the same throughout).
    #[allow(clippy::too_many_arguments)]
    fn shape_word(
        &mut self,
        fonts: &mut FontSystem,
        line: &str,
        attrs_list: &AttrsList,
        attrs: &LineAttrs,
        range: Range<usize>,
        level: Level,
        blank: bool,
    ) -> ShapeWord {
        let style = attrs.uniform(&range).map(|attrs| WordStyle {
            attrs,
            rtl: level.is_rtl(),
        });
        let text = &line[range.clone()];
        if self.use_words
            && let Some(style) = style
            && let Some(kept) = self.words.get(style, text)
        {
            let glyphs = kept
                .iter()
                .map(|glyph| {
                    let mut glyph = glyph.clone();
                    glyph.start += range.start;
                    glyph.end += range.start;
                    glyph
                })
                .collect();
            return ShapeWord { blank, glyphs };
        }
        self.words.misses += 1;
        let word = style
            .and_then(|style| self.shape_in_primary_font(fonts, text, range.start, style, blank))
            .unwrap_or_else(|| {
                ShapeWord::new(
                    fonts,
                    line,
                    attrs_list,
                    range.clone(),
                    level,
                    blank,
                    Shaping::Advanced,
                )
            });
        if self.use_words
            && let Some(style) = style
        {
            let relative = word
                .glyphs
                .iter()
                .map(|glyph| {
                    let mut glyph = glyph.clone();
                    glyph.start -= range.start;
                    glyph.end -= range.start;
                    glyph
                })
                .collect();
            self.words.insert(style, text, relative);
        }
        word
    }

    /// A word in one style shaped straight with harfrust in the first font its
    /// attributes ask for, as cosmic-text shapes it (`shape_fallback`, to the glyph), but
    /// without what cosmic-text does per word to find that font and each glyph's
    /// attributes. `None` when the font lacks a character (then cosmic-text's fallback
    /// to other fonts is wanted) or the family is a monospace one (picked per word).
    fn shape_in_primary_font(
        &mut self,
        fonts: &mut FontSystem,
        text: &str,
        start: usize,
        style: WordStyle,
        blank: bool,
    ) -> Option<ShapeWord> {
        let index = style.attrs as usize;
        if self.primary_fonts.len() <= index {
            self.primary_fonts.resize_with(index + 1, || None);
        }
        if self.primary_fonts[index].is_none() {
            self.primary_fonts[index] = primary_font(fonts, self.words.attrs(style.attrs)?);
        }
        let primary = self.primary_fonts[index].as_ref()?;
        let direction = if style.rtl {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        };
        let mut buffer = self.buffer.take().unwrap_or_default();
        if text.contains('\t') {
            buffer.push_str(&text.replace('\t', " "));
        } else {
            buffer.push_str(text);
        }
        buffer.set_direction(direction);
        buffer.guess_segment_properties();
        if buffer.direction() != direction {
            buffer.clear();
            self.buffer = Some(buffer);
            return None;
        }
        let font = &primary.font;
        let language = buffer.language();
        let key = harfrust::ShapePlanKey::new(Some(buffer.script()), direction)
            .features(&primary.features)
            .language(language.as_ref());
        let plan = match self
            .plans
            .iter()
            .position(|(id, plan)| *id == font.id() && key.matches(plan))
        {
            Some(at) => at,
            None => {
                let plan = harfrust::ShapePlan::new(
                    font.shaper(),
                    direction,
                    Some(buffer.script()),
                    language.as_ref(),
                    &primary.features,
                );
                if self.plans.len() >= MAX_PLANS {
                    self.plans.remove(0);
                }
                self.plans.push((font.id(), plan));
                self.plans.len() - 1
            }
        };
        let shaped = font
            .shaper()
            .shape_with_plan(&self.plans[plan].1, buffer, &primary.features);
        if shaped.glyph_infos().iter().any(|info| info.glyph_id == 0) {
            self.buffer = Some(shaped.clear());
            return None;
        }
        let metrics = font.metrics();
        let scale = f32::from(metrics.units_per_em);
        let attrs = primary.attrs.as_attrs();
        let letter_spacing = attrs.letter_spacing_opt.map_or(0.0, |spacing| spacing.0);
        let flags = if primary.fake_italic {
            attrs.cache_key_flags | CacheKeyFlags::FAKE_ITALIC
        } else {
            attrs.cache_key_flags
        };
        let end = start + text.len();
        let mut glyphs: Vec<ShapeGlyph> = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, position)| ShapeGlyph {
                start: start + info.cluster as usize,
                end,
                x_advance: position.x_advance as f32 / scale + letter_spacing,
                y_advance: position.y_advance as f32 / scale,
                x_offset: position.x_offset as f32 / scale,
                y_offset: position.y_offset as f32 / scale,
                ascent: metrics.ascent / scale,
                descent: -metrics.descent / scale,
                font_monospace_em_width: font.monospace_em_width(),
                font_id: font.id(),
                font_weight: attrs.weight,
                glyph_id: u16::try_from(info.glyph_id).unwrap_or(0),
                color_opt: attrs.color_opt,
                metadata: attrs.metadata,
                cache_key_flags: flags,
                metrics_opt: attrs.metrics_opt.map(Into::into),
            })
            .collect();
        self.buffer = Some(shaped.clear());
        // A glyph's text ends where the next cluster in logical order begins (the
        // glyphs of one cluster share its end).
        if style.rtl {
            for i in 1..glyphs.len() {
                let (next_start, next_end) = (glyphs[i - 1].start, glyphs[i - 1].end);
                let glyph = &mut glyphs[i];
                glyph.end = if glyph.start == next_start {
                    next_end
                } else {
                    next_start
                };
            }
        } else {
            for i in (1..glyphs.len()).rev() {
                let (next_start, next_end) = (glyphs[i].start, glyphs[i].end);
                let glyph = &mut glyphs[i - 1];
                glyph.end = if glyph.start == next_start {
                    next_end
                } else {
                    next_start
                };
            }
        }
        Some(ShapeWord { blank, glyphs })
    }

    /// Whether the line-break opportunity at `at` in `span` falls between two ASCII
    /// punctuation characters the font draws as one (`->`, `!=` in a programming
    /// font): then the break is not taken, as cosmic-text does not take it. The font
    /// tells: fewer glyphs than characters, or glyphs other than its character map's.
    fn joins_punctuation(
        &mut self,
        fonts: &mut FontSystem,
        span: &str,
        at: usize,
        attrs_list: &AttrsList,
        span_start: usize,
    ) -> bool {
        let (Some(before), Some(after)) = (span[..at].chars().last(), span[at..].chars().next())
        else {
            return false;
        };
        if !(before.is_ascii_punctuation() && after.is_ascii_punctuation()) {
            return false;
        }
        let attrs = attrs_list.get_span(span_start + at);
        let key = (self.words.attrs_id(&attrs), before, after);
        if let Some(&joined) = self.punctuation_pairs.get(&key) {
            return joined;
        }
        let joined = pair_is_ligature(fonts, &attrs, before, after);
        self.punctuation_pairs.insert(key, joined);
        joined
    }

    /// An empty line shaped with these attributes, to make lines from.
    fn template(
        &mut self,
        fonts: &mut FontSystem,
        attrs: u32,
        attrs_list: &AttrsList,
    ) -> ShapeLine {
        if let Some((_, line)) = self.templates.iter().find(|(id, _)| *id == attrs) {
            return line.clone();
        }
        let defaults = AttrsList::new(&attrs_list.defaults());
        let line = ShapeLine::new(fonts, "", &defaults, Shaping::Advanced, TAB_WIDTH);
        self.templates.push((attrs, line.clone()));
        line
    }
}

/// The first font cosmic-text's fallback gives for `attrs` (the default family's best
/// match, whatever the word), or `None` for a monospace family, where cosmic-text
/// picks per word.
fn primary_font(fonts: &mut FontSystem, attrs: &AttrsOwned) -> Option<PrimaryFont> {
    let as_attrs = attrs.as_attrs();
    if as_attrs.family == Family::Monospace {
        return None;
    }
    let matches = fonts.get_font_matches(&as_attrs);
    let families = [&as_attrs.family];
    let font =
        FontFallbackIter::new(fonts, &matches, &families, &[], "", as_attrs.weight).next()?;
    let upright = fonts
        .db()
        .face(font.id())
        .is_some_and(|face| !matches!(face.style, fontdb::Style::Italic | fontdb::Style::Oblique));
    Some(PrimaryFont {
        features: as_attrs
            .font_features
            .features
            .iter()
            .map(|feature| {
                harfrust::Feature::new(
                    harfrust::Tag::new(feature.tag.as_bytes()),
                    feature.value,
                    0..usize::MAX,
                )
            })
            .collect(),
        fake_italic: upright && matches!(as_attrs.style, Style::Italic | Style::Oblique),
        font,
        attrs: attrs.clone(),
    })
}

/// Shapes `before` and `after` together in the first font the attributes ask for
/// (cosmic-text's probe, which does not fall back to other fonts) and tells whether
/// it made them fewer glyphs, or other glyphs than its character map gives.
fn pair_is_ligature(fonts: &mut FontSystem, attrs: &Attrs, before: char, after: char) -> bool {
    let pair: String = [before, after].into_iter().collect();
    let matches = fonts.get_font_matches(attrs);
    let families = [&attrs.family];
    let Some(font) =
        FontFallbackIter::new(fonts, &matches, &families, &[], &pair, attrs.weight).next()
    else {
        return false;
    };
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(&pair);
    buffer.set_direction(harfrust::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let plan = harfrust::ShapePlan::new(
        font.shaper(),
        buffer.direction(),
        Some(buffer.script()),
        buffer.language().as_ref(),
        &[],
    );
    let shaped = font.shaper().shape_with_plan(&plan, buffer, &[]);
    let glyphs = shaped.glyph_infos();
    if glyphs.len() < 2 {
        return true;
    }
    if glyphs.len() > 2 {
        return false;
    }
    let charmap = font.as_swash().charmap();
    [before, after]
        .iter()
        .zip(glyphs)
        .any(|(&c, glyph)| u32::from(charmap.map(c)) != glyph.glyph_id)
}

/// The bidi levels of `range` of the line (one per byte), with whitespace before a
/// segment separator and at the end of the line set back to the paragraph's level
/// (UAX #9 rule L1, as cosmic-text applies it: for the whole line before wrapping).
fn line_levels(bidi: &BidiInfo, range: Range<usize>, paragraph_level: Level) -> Vec<Level> {
    use BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
    let mut levels = bidi.levels.clone();
    let classes = &bidi.original_classes;
    let text = bidi.text;
    // Where the whitespace that may be reset began, if the characters since are all
    // whitespace (or ignored).
    let mut reset_from = Some(range.start);
    for (i, c) in text[range.clone()].char_indices() {
        let i = range.start + i;
        match classes[i] {
            RLE | LRE | RLO | LRO | PDF | BN => {}
            B | S => {
                let from = reset_from.unwrap_or(i);
                levels[from..i + c.len_utf8()].fill(paragraph_level);
                reset_from = None;
            }
            WS | FSI | LRI | RLI | PDI => {
                reset_from.get_or_insert(i);
            }
            _ => reset_from = None,
        }
    }
    if let Some(from) = reset_from {
        levels[from..].fill(paragraph_level);
    }
    levels
}

/// Widens tabs to the next tab stop, counted from the line's start in logical order
/// of spans and words, as cosmic-text does.
fn set_tab_stops(line: &str, spans: &mut [ShapeSpan]) {
    let mut x = 0.0;
    for glyph in spans
        .iter_mut()
        .flat_map(|span| &mut span.words)
        .flat_map(|word| &mut word.glyphs)
    {
        if line.get(glyph.start..glyph.end) == Some("\t") {
            // A tab is shaped as a space: stops are every TAB_WIDTH spaces.
            let tab_advance = f32::from(TAB_WIDTH) * glyph.x_advance;
            let stop = ((x / tab_advance).floor() + 1.0) * tab_advance;
            glyph.x_advance = stop - x;
        }
        x += glyph.x_advance;
    }
}
