//! [`TextBlock`]: a paragraph of text in any direction, drawn by the
//! [`TextEngine`](crate::text::TextEngine), selectable and copyable.

use std::ops::Range;

use egui::{
    AsIdSalt, Color32, CursorIcon, Event, Id, IdSalt, Key, Rect, Response, Role, Sense, Ui, Widget,
    WidgetInfo, vec2,
};

use crate::model::EmphasisSpan;
use crate::text::{Interlinear, TextEngine, TextStyle};

/// A selection inside one [`TextBlock`], as byte offsets into its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSelection {
    /// Where the selection started (where the mouse was pressed).
    pub anchor: usize,
    /// Where it ends now (where the mouse is).
    pub cursor: usize,
}

impl TextSelection {
    /// The selected bytes, in logical order whichever way the selection was made.
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.cursor)..self.anchor.max(self.cursor)
    }

    /// The selection held by the text block `id`, if it holds the active selection.
    pub fn load(ui: &Ui, id: Id) -> Option<Self> {
        ui.data(|data| {
            let owner = data.get_temp::<Id>(selection_owner_id())?;
            (owner == id).then(|| data.get_temp::<Self>(id)).flatten()
        })
    }

    /// Clears the active selection, wherever it is.
    pub fn clear(ctx: &egui::Context) {
        ctx.data_mut(|data| data.remove::<Id>(selection_owner_id()));
    }

    /// Which widget holds the active selection, if any.
    pub fn owner(ctx: &egui::Context) -> Option<Id> {
        ctx.data(|data| data.get_temp::<Id>(selection_owner_id()))
    }

    /// Makes `id` the holder of the active selection: every other selection goes.
    pub fn claim(ctx: &egui::Context, id: Id) {
        ctx.data_mut(|data| data.insert_temp(selection_owner_id(), id));
    }

    fn store(self, ui: &Ui, id: Id) {
        ui.data_mut(|data| {
            data.insert_temp(selection_owner_id(), id);
            data.insert_temp(id, self);
        });
    }
}

/// Only one text block in the whole app holds a selection at a time: this one.
fn selection_owner_id() -> Id {
    Id::unique("hamish-selection-owner")
}

/// A block of text laid out by cosmic-text: shaped, in bidi order, wrapped to the
/// available width, right-aligned when its first strong character is right to left.
///
/// It reports its text to AccessKit, so screen readers and UI tests can read it.
#[must_use = "add it with `ui.add(…)`"]
pub struct TextBlock<'a> {
    text: &'a str,
    emphasis: &'a [EmphasisSpan],
    style: TextStyle,
    color: Option<Color32>,
    selectable: bool,
    id_salt: Option<IdSalt>,
    highlights: &'a [(Range<usize>, Color32)],
    /// Spans painted as linked (the sentence pointed at and its counterparts), in
    /// one colour; where they are is reported.
    marked: (&'a [Range<usize>], Color32),
    /// Whether the pointer's offset in the text is reported without a view owning
    /// the selection.
    reports_pointer: bool,
    /// Set when the selection belongs to a larger view (the reading view, where it
    /// can span sections): the part of it in this block, which the block only paints.
    view_selection: Option<Option<Range<usize>>>,
    /// Whether the block is the selected one of a list (the reading view's section
    /// cursor), as told to screen readers.
    selected: bool,
    /// The text's language for screen readers; guessed from its letters when not given.
    language: Option<&'a str>,
    /// Word-by-word glosses under the words, in this style.
    interlinear: (&'a [Interlinear], TextStyle),
}

impl<'a> TextBlock<'a> {
    /// A selectable block of `text` in body style.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            emphasis: &[],
            style: TextStyle::default(),
            color: None,
            selectable: true,
            id_salt: None,
            highlights: &[],
            marked: (&[], Color32::TRANSPARENT),
            reports_pointer: false,
            view_selection: None,
            selected: false,
            language: None,
            interlinear: (&[], TextStyle::default()),
        }
    }

    /// Writes `glosses` under their words in `style` (word-by-word), each word as wide
    /// as its gloss, the two wrapping together.
    pub fn interlinear(mut self, glosses: &'a [Interlinear], style: TextStyle) -> Self {
        self.interlinear = (glosses, style);
        self
    }

    /// How to set the text.
    pub fn style(mut self, style: TextStyle) -> Self {
        self.style = style;
        self
    }

    /// Byte ranges of the text to set in bold or italic.
    pub fn emphasis(mut self, emphasis: &'a [EmphasisSpan]) -> Self {
        self.emphasis = emphasis;
        self
    }

    /// Text colour; the theme's strong text colour when not given.
    pub fn color(mut self, color: Color32) -> Self {
        self.color = Some(color);
        self
    }

    /// Whether the reader can select and copy the text (default true).
    pub fn selectable(mut self, selectable: bool) -> Self {
        self.selectable = selectable;
        self
    }

    /// Spans of the text to paint under it, in colours (the reader's highlights).
    pub fn highlights(mut self, highlights: &'a [(Range<usize>, Color32)]) -> Self {
        self.highlights = highlights;
        self
    }

    /// Spans of the text to paint in `color` as linked (a sentence and its
    /// counterparts in another text); [`TextBlockOutput::marked_rect`] says where they
    /// are.
    pub fn marked(mut self, ranges: &'a [Range<usize>], color: Color32) -> Self {
        self.marked = (ranges, color);
        self
    }

    /// Reports where the pointer is in the text ([`TextBlockOutput::pointer_offset`])
    /// even when the block owns no selection of a view.
    pub fn reports_pointer(mut self) -> Self {
        self.reports_pointer = true;
        self
    }

    /// Lets a larger view own the selection: the block paints `selected` (its part of
    /// the view's selection) and reports where the pointer is in its text
    /// ([`TextBlockOutput::pointer_offset`]), but neither changes nor copies a
    /// selection itself.
    pub fn selection_from_view(mut self, selected: Option<Range<usize>>) -> Self {
        self.view_selection = Some(selected);
        self
    }

    /// Marks the block as the selected item of a list, for screen readers (the
    /// section under the reading view's cursor).
    pub fn selected(mut self, selected: bool) -> Self {
        self.selected = selected;
        self
    }

    /// The text's language (a BCP 47 tag), so a screen reader picks the right voice;
    /// guessed from the text's letters when not given.
    pub fn language(mut self, language: Option<&'a str>) -> Self {
        self.language = language;
        self
    }

    /// Identifies the block's selection across frames; give a stable value (a section
    /// id) when the block can move, as in a scrolling list.
    pub fn id_salt(mut self, id_salt: impl AsIdSalt) -> Self {
        self.id_salt = Some(IdSalt::new(id_salt));
        self
    }
}

/// What a [`TextBlock`] reports beyond its response.
#[derive(Debug)]
pub struct TextBlockOutput {
    /// The block's response.
    pub response: Response,
    /// The selected bytes of the text, when the block holds a non-empty selection.
    pub selection: Option<Range<usize>>,
    /// Where the selection is on screen (the union of its rectangles).
    pub selection_rect: Option<Rect>,
    /// With [`TextBlock::selection_from_view`]: the byte offset in the text nearest to
    /// the pointer, wherever the pointer is.
    pub pointer_offset: Option<usize>,
    /// With [`TextBlock::selection_from_view`]: the word at [`Self::pointer_offset`].
    pub pointer_word: Option<Range<usize>>,
    /// Where the [`TextBlock::marked`] spans are on screen (the union of their
    /// rectangles), if any.
    pub marked_rect: Option<Rect>,
    /// Where [`Self::pointer_word`] is on screen (the union of its rectangles).
    pub pointer_word_rect: Option<Rect>,
}

impl Widget for TextBlock<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        self.show(ui).response
    }
}

impl TextBlock<'_> {
    /// Adds the block to `ui`, reporting its selection too.
    pub fn show(mut self, ui: &mut Ui) -> TextBlockOutput {
        // What one layout holds, so selection, copies and the screen reader's label
        // never reach past what is drawn (nor cost more than it).
        self.text = crate::text::laid_out_part(self.text);
        let engine = TextEngine::shared(ui.ctx());
        let mut engine = TextEngine::lock(&engine);

        // Size: the full available width, the height of the wrapped lines.
        let width = ui.available_width();
        let (glosses, gloss_style) = self.interlinear;
        let layout = if glosses.is_empty() {
            engine.layout_emphasized(
                self.text,
                self.emphasis,
                &self.style,
                width,
                ui.ctx().pixels_per_point(),
            )
        } else {
            engine.layout_interlinear(
                self.text,
                self.emphasis,
                &self.style,
                width,
                ui.ctx().pixels_per_point(),
                glosses,
                &gloss_style,
            )
        };
        let sense = if self.selectable {
            Sense::click_and_drag()
        } else {
            Sense::hover()
        };
        let (rect, mut response) = ui.allocate_exact_size(vec2(width, layout.size().y), sense);
        let text_origin = if layout.is_rtl() {
            rect.right_top() - vec2(layout.size().x, 0.0)
        } else {
            rect.left_top()
        };
        let id = self
            .id_salt
            .map_or(response.id, |salt| ui.scope_id().with_salt(salt));

        // Interaction: press to place the anchor, drag to extend, double-click for a
        // word, triple-click for the whole block, Ctrl+C to copy.
        let pointer_offset = (self.view_selection.is_some() || self.reports_pointer)
            .then(|| ui.input(|input| input.pointer.interact_pos()))
            .flatten()
            .map(|pointer| layout.hit((pointer - text_origin).to_pos2()));
        let pointer_word = pointer_offset.map(|offset| layout.word_at(offset));
        let mut selection = match &self.view_selection {
            Some(selected) => selected.clone().map(|range| TextSelection {
                anchor: range.start,
                cursor: range.end,
            }),
            None => TextSelection::load(ui, id),
        };
        if self.selectable && self.view_selection.is_some() {
            response = response.on_hover_cursor(CursorIcon::Text);
        } else if self.selectable {
            response = response.on_hover_cursor(CursorIcon::Text);
            let pointer = ui.input(|input| input.pointer.interact_pos());
            if let Some(pointer) = pointer {
                let offset = layout.hit((pointer - text_origin).to_pos2());
                if response.triple_clicked() {
                    selection = Some(TextSelection {
                        anchor: 0,
                        cursor: self.text.len(),
                    });
                } else if response.double_clicked() {
                    let word = layout.word_at(offset);
                    selection = Some(TextSelection {
                        anchor: word.start,
                        cursor: word.end,
                    });
                } else if response.is_pointer_button_down_on() {
                    if ui.input(|input| input.pointer.primary_pressed()) {
                        selection = Some(TextSelection {
                            anchor: offset,
                            cursor: offset,
                        });
                    } else if let Some(selection) = &mut selection {
                        selection.cursor = offset;
                    }
                }
            }
            if let Some(selection) = selection {
                if Some(selection) != TextSelection::load(ui, id) {
                    selection.store(ui, id);
                }
                let selected = &self.text[selection.range()];
                if !selected.is_empty() && copy_requested(ui) {
                    ui.ctx().copy_text(selected.to_owned());
                }
            }
        }

        // Paint: highlights, then the selection, under the text; then the text.
        let to_screen = |local: Rect| {
            Rect::from_min_max(
                text_origin + local.min.to_vec2(),
                text_origin + local.max.to_vec2(),
            )
        };
        let (marked, marked_color) = self.marked;
        let marked_rects: Vec<Rect> = marked
            .iter()
            .flat_map(|range| layout.selection_rects(range.clone()))
            .map(to_screen)
            .collect();
        if ui.is_rect_visible(rect) {
            // The sorted, separate spans at the start of the list (the words tinted by
            // their status: many to a paragraph) are measured in one pass; the rest
            // (notes, search matches: few) one by one, painted after, as listed.
            let sorted = self
                .highlights
                .windows(2)
                .position(|pair| pair[1].0.start < pair[0].0.end)
                .map_or(self.highlights.len(), |at| at + 1);
            let (in_one_pass, one_by_one) = self.highlights.split_at(sorted);
            let spans: Vec<Range<usize>> =
                in_one_pass.iter().map(|(range, _)| range.clone()).collect();
            for (k, highlight) in layout.spans_rects(&spans) {
                if let Some((_, color)) = in_one_pass.get(k) {
                    ui.painter().rect_filled(to_screen(highlight), 2.0, *color);
                }
            }
            for (range, color) in one_by_one {
                for highlight in layout.selection_rects(range.clone()) {
                    ui.painter().rect_filled(to_screen(highlight), 2.0, *color);
                }
            }
            for linked in &marked_rects {
                ui.painter().rect_filled(*linked, 2.0, marked_color);
            }
            if let Some(selection) = selection {
                let fill = ui.visuals().selection.bg_fill;
                for highlight in layout.selection_rects(selection.range()) {
                    let highlight = Rect::from_min_max(
                        text_origin + highlight.min.to_vec2(),
                        text_origin + highlight.max.to_vec2(),
                    );
                    ui.painter().rect_filled(highlight, 0.0, fill);
                }
            }
            let color = self
                .color
                .unwrap_or_else(|| ui.visuals().strong_text_color());
            // Marks stacked past any reason (thousands on one letter) would be drawn
            // over the text around; ink stays within a margin of the block's own box.
            let margin = self.style.size_pt;
            let clip = rect.expand(margin).intersect(ui.clip_rect());
            engine.paint(
                &ui.painter().with_clip_rect(clip),
                &layout,
                text_origin,
                color,
            );
        }

        let text = self.text;
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, text));
        // Each glossed word and its gloss, for screen readers (and tests): a ruby and
        // its annotation, in reading order.
        {
            let ppp = ui.ctx().pixels_per_point();
            for (index, place) in layout.gloss_places().into_iter().enumerate() {
                let word_rect = place.word.translate(text_origin.to_vec2());
                let gloss_rect = place.gloss.translate(text_origin.to_vec2());
                let word = text.get(place.range.clone()).unwrap_or_default().to_owned();
                let word_id = response.id.with(("ruby", index));
                ui.ctx().accesskit_node_builder(word_id, |node| {
                    node.set_role(Role::Ruby);
                    node.set_label(word);
                    node.set_bounds(accesskit_rect(word_rect, ppp));
                });
                let gloss_id = response.id.with(("ruby-annotation", index));
                ui.ctx().accesskit_node_builder(gloss_id, |node| {
                    node.set_role(Role::RubyAnnotation);
                    node.set_label(place.text);
                    node.set_bounds(accesskit_rect(gloss_rect, ppp));
                });
            }
        }
        if self.selected {
            // Selected, as an item of a list is (egui's own `selected` would make it
            // a toggled checkbox).
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_selected(true));
        }
        let visible = ui.is_rect_visible(rect);
        super::access::expose_text(
            ui,
            response.id,
            &layout,
            text_origin,
            selection.map(|selection| (selection.anchor, selection.cursor)),
            self.language,
        );
        if !visible {
            super::access::set_offscreen(ui.ctx(), response.id);
        }
        let selected = selection
            .map(|selection| selection.range())
            .filter(|range| !range.is_empty());
        let selection_rect = selected.clone().and_then(|range| {
            layout
                .selection_rects(range)
                .into_iter()
                .map(to_screen)
                .reduce(|a, b| a.union(b))
        });
        let pointer_word_rect = pointer_word.clone().and_then(|word| {
            layout
                .selection_rects(word)
                .into_iter()
                .map(to_screen)
                .reduce(|a, b| a.union(b))
        });
        TextBlockOutput {
            response,
            selection: selected,
            selection_rect,
            pointer_offset,
            pointer_word,
            marked_rect: marked_rects.into_iter().reduce(|a, b| a.union(b)),
            pointer_word_rect,
        }
    }
}

/// Ctrl+C (⌘C), whether the platform turned it into a copy event or not.
pub fn copy_requested(ui: &Ui) -> bool {
    ui.input(|input| {
        input.events.iter().any(|event| match event {
            Event::Copy => true,
            Event::Key {
                key: Key::C,
                pressed: true,
                modifiers,
                ..
            } => modifiers.command,
            _ => false,
        })
    })
}

/// `rect` (points) as AccessKit bounds (physical pixels).
fn accesskit_rect(rect: Rect, pixels_per_point: f32) -> egui::accesskit::Rect {
    egui::accesskit::Rect {
        x0: f64::from(rect.min.x * pixels_per_point),
        y0: f64::from(rect.min.y * pixels_per_point),
        x1: f64::from(rect.max.x * pixels_per_point),
        y1: f64::from(rect.max.y * pixels_per_point),
    }
}
