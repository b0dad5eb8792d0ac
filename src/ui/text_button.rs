//! [`TextButton`]: a clickable entry whose label can be in any script, drawn by the
//! [`TextEngine`](crate::text::TextEngine) (egui's own text has no bidi).

use egui::{Color32, Response, Role, Sense, Ui, Widget, WidgetInfo, pos2, vec2};

use crate::text::{TextEngine, TextStyle};

/// A full-width clickable row: a label, an optional line in a weak colour telling
/// more (a library entry's languages), and an optional line in the error colour
/// saying what is wrong with the thing it stands for.
#[must_use = "add it with `ui.add(…)`"]
pub struct TextButton<'a> {
    label: &'a str,
    detail: Option<&'a str>,
    problem: Option<&'a str>,
    style: TextStyle,
    selected: bool,
}

impl<'a> TextButton<'a> {
    /// A button showing `label` in the interface's sans-serif face.
    pub fn new(label: &'a str) -> Self {
        Self {
            label,
            detail: None,
            problem: None,
            style: TextStyle::interface(14.0),
            selected: false,
        }
    }

    /// How to set the label.
    pub fn style(mut self, style: TextStyle) -> Self {
        self.style = style;
        self
    }

    /// A line telling more, in a weak colour.
    pub fn detail(mut self, detail: Option<&'a str>) -> Self {
        self.detail = detail;
        self
    }

    /// A line saying what is wrong, in the error colour.
    pub fn problem(mut self, problem: Option<&'a str>) -> Self {
        self.problem = problem;
        self
    }

    /// Shows the button as the current choice.
    pub fn selected(mut self, selected: bool) -> Self {
        self.selected = selected;
        self
    }
}

impl Widget for TextButton<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let engine = TextEngine::shared(ui.ctx());
        let mut engine = TextEngine::lock(&engine);
        let ppp = ui.ctx().pixels_per_point();
        let padding = ui.spacing().button_padding;

        // Size: the available width; the height of the wrapped label and problem.
        let width = ui.available_width();
        let inner_width = width - 2.0 * padding.x;
        let label = engine.layout(self.label, &self.style, inner_width, ppp);
        let mut small =
            |text: &str| engine.layout(text, &TextStyle::interface(12.0), inner_width, ppp);
        let detail = self.detail.map(&mut small);
        let problem = self.problem.map(&mut small);
        let text_height = label.size().y
            + detail.as_ref().map_or(0.0, |layout| layout.size().y)
            + problem.as_ref().map_or(0.0, |layout| layout.size().y);
        let (rect, response) =
            ui.allocate_exact_size(vec2(width, text_height + 2.0 * padding.y), Sense::click());

        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact_selectable(&response, self.selected);
            if self.selected || response.hovered() {
                ui.painter()
                    .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
            }
            let inner = rect.shrink2(padding);
            let mut top = inner.top();
            let lines: [(Option<&crate::text::ParagraphLayout>, Color32); 3] = [
                (Some(&label), visuals.text_color()),
                (detail.as_deref(), ui.visuals().weak_text_color()),
                (problem.as_deref(), ui.visuals().error_fg_color),
            ];
            for (layout, color) in lines {
                let Some(layout) = layout else { continue };
                let x = if layout.is_rtl() {
                    inner.right() - layout.size().x
                } else {
                    inner.left()
                };
                engine.paint(ui.painter(), layout, pos2(x, top), color);
                top += layout.size().y;
            }
        }

        // The detail is drawn, not named: the button is named by what it opens.
        let description = match self.problem {
            Some(problem) => format!("{}: {problem}", self.label),
            None => self.label.to_owned(),
        };
        response
            .widget_info(|| WidgetInfo::selected(Role::Button, true, self.selected, &description));
        response
    }
}
