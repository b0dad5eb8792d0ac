//! The search window: a query field, where to search (the article or the whole
//! folder), Arabic prefixes on or off, and the results grouped by article, each match
//! shown in its words' context with the match highlighted. Everything that can hold
//! Arabic (the query, titles, file names, the context) is drawn by the text engine.
//!
//! The window returns [`SearchCommand`]s; the app runs the search and jumps.

use std::ops::Range;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::search::{ArticleHits, Hit, Kind};
use crate::text::TextEditor;

use super::{TextBlock, TextField, theme};

/// Search ▸ Find in article.
pub const FIND_IN_ARTICLE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

/// Search ▸ Find in folder.
pub const FIND_IN_FOLDER: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::F);

/// Search ▸ Next match.
pub const FIND_NEXT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F3);

/// Search ▸ Previous match.
pub const FIND_PREVIOUS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::SHIFT, Key::F3);

/// Characters of context shown before a match.
const CONTEXT_BEFORE: usize = 40;

/// Characters of context shown after a match.
const CONTEXT_AFTER: usize = 70;

/// Where a search looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchScope {
    /// The article on screen.
    #[default]
    Article,
    /// Every article of the open folder.
    Folder,
}

/// What the reader asked of the search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchCommand {
    /// Open the window (or bring its field the focus) to search there.
    Open(SearchScope),
    /// Close it; the highlights go.
    Close,
    /// The query was edited.
    QueryChanged,
    /// Enter in the field: go to the current match, or the first.
    Enter,
    /// Search there instead.
    SetScope(SearchScope),
    /// Match after Arabic prefixes, or not.
    SetPrefixes(bool),
    /// Go to the match with this number in the results, in order.
    Jump(usize),
    /// Go to the next match (F3).
    Next,
    /// Go to the previous match (Shift+F3).
    Previous,
}

/// What the window shows.
pub struct SearchPanel<'a> {
    /// The query being typed.
    pub editor: &'a mut TextEditor,
    /// Where it looks.
    pub scope: SearchScope,
    /// Whether Arabic prefixes may come before the query.
    pub prefixes: bool,
    /// Whether the field takes the keyboard focus now.
    pub take_focus: bool,
    /// One line on what was found, or what is under way.
    pub status: &'a str,
    /// The results, best article first.
    pub results: &'a [ArticleHits],
    /// The number of the current match, if the reader went to one.
    pub current: Option<usize>,
}

/// Shows the search window; returns what the reader asked for.
pub fn search_window(ctx: &egui::Context, panel: SearchPanel<'_>) -> Vec<SearchCommand> {
    let mut commands = Vec::new();
    let mut open = true;
    let width = 440.0;
    // On the left, over the library and the side columns: the article's text starts
    // on the right, and the matches there must stay in sight.
    let default_pos = ctx.content_rect().left_top() + egui::vec2(20.0, 40.0);
    egui::Window::new("Search")
        .open(&mut open)
        .default_pos(default_pos)
        .default_width(width)
        .default_height(480.0)
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| contents(ui, panel, &mut commands));
    // Escape closes the window from its field (the field says so) or when no field
    // has the keys (after a click on a result).
    let nothing_focused = !super::access::typing(ctx);
    let escape = nothing_focused && ctx.input(|input| input.key_pressed(Key::Escape));
    if (!open || escape) && !commands.contains(&SearchCommand::Close) {
        commands.push(SearchCommand::Close);
    }
    commands
}

fn contents(ui: &mut Ui, panel: SearchPanel<'_>, commands: &mut Vec<SearchCommand>) {
    let hint = match panel.scope {
        SearchScope::Article => "Search this article",
        SearchScope::Folder => "Search all articles",
    };
    let field = TextField::new(panel.editor)
        .hint(hint)
        .min_lines(1.0)
        .take_focus(panel.take_focus)
        .show(ui);
    if field.escaped {
        commands.push(SearchCommand::Close);
    }
    if field.response.changed() {
        // The query is one line: a line end typed into it is Enter.
        let text = panel.editor.text();
        if text.contains('\n') {
            let style = panel.editor.style();
            *panel.editor = TextEditor::new(&text.replace(['\n', '\r'], ""), style);
            commands.push(SearchCommand::Enter);
        } else {
            commands.push(SearchCommand::QueryChanged);
        }
    }
    ui.horizontal(|ui| {
        for (scope, label) in [
            (SearchScope::Article, "This article"),
            (SearchScope::Folder, "All articles"),
        ] {
            if ui.radio(panel.scope == scope, label).clicked() && panel.scope != scope {
                commands.push(SearchCommand::SetScope(scope));
            }
        }
        let mut prefixes = panel.prefixes;
        let toggle = ui
            .checkbox(&mut prefixes, "After prefixes")
            .on_hover_text("Also find a word after the Arabic prefixes wa-, fa-, bi-, li-, ka- and al- (and, so, with, for, like, the)");
        if toggle.changed() {
            commands.push(SearchCommand::SetPrefixes(prefixes));
        }
    });
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(panel.status).small().weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let next = ui
                .small_button("Next")
                .on_hover_text(ui.ctx().format_shortcut(&FIND_NEXT));
            if next.clicked() {
                commands.push(SearchCommand::Next);
            }
            let previous = ui
                .small_button("Previous")
                .on_hover_text(ui.ctx().format_shortcut(&FIND_PREVIOUS));
            if previous.clicked() {
                commands.push(SearchCommand::Previous);
            }
        });
    });
    ui.separator();
    if !panel.status.is_empty() {
        // What was found, told as it changes: the focus stays in the field.
        super::access::announce(ui, "search-results", panel.status);
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut number = 0;
            for article in panel.results {
                article_header(ui, article);
                for hit in &article.hits {
                    let current = panel.current == Some(number);
                    if hit_row(ui, hit, number, current) {
                        commands.push(SearchCommand::Jump(number));
                    }
                    number += 1;
                }
                ui.add_space(6.0);
            }
        });
}

/// The article's title and file name.
fn article_header(ui: &mut Ui, article: &ArticleHits) {
    let name = article
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = if article.title.trim().is_empty() {
        name.as_str()
    } else {
        article.title.as_str()
    };
    ui.add(
        TextBlock::new(title)
            .style(theme::SEARCH_TITLE)
            .selectable(false)
            .id_salt(("search-title", &article.path)),
    );
    let weak = ui.visuals().weak_text_color();
    ui.add(
        TextBlock::new(&name)
            .style(theme::STATUS)
            .selectable(false)
            .color(weak)
            .id_salt(("search-file", &article.path)),
    );
}

/// One match: where it is, and its words in context. True when clicked.
fn hit_row(ui: &mut Ui, hit: &Hit, number: usize, current: bool) -> bool {
    let top = ui.cursor().min;
    let place = place_words(hit);
    ui.label(egui::RichText::new(place).small().weak());
    let (snippet, ranges) = context(&hit.text, &hit.ranges, CONTEXT_BEFORE, CONTEXT_AFTER);
    let highlights: Vec<(Range<usize>, egui::Color32)> = ranges
        .into_iter()
        .map(|range| (range, theme::search_match_fill(current)))
        .collect();
    let style = match hit.kind {
        Kind::Article => theme::SEARCH_CONTEXT,
        Kind::Translation => theme::translation(14.0),
        Kind::Note | Kind::Orphan => theme::NOTE_QUOTE,
    };
    let shown = TextBlock::new(&snippet)
        .style(style)
        .selectable(false)
        .highlights(&highlights)
        .id_salt(("search-hit", number))
        .show(ui);
    let rect = shown
        .response
        .rect
        .union(egui::Rect::from_min_size(top, egui::vec2(1.0, 1.0)));
    let response = ui
        .interact(
            rect,
            ui.scope_id().with(("search-hit", number)),
            egui::Sense::click(),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    if current {
        ui.painter().rect_stroke(
            rect.expand(2.0),
            3.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    if response.hovered() && !current {
        ui.painter().rect_filled(
            rect.expand(2.0),
            3.0,
            ui.visuals()
                .widgets
                .hovered
                .weak_bg_fill
                .gamma_multiply(0.3),
        );
    }
    ui.add_space(4.0);
    response.clicked()
}

/// "Section 3", "Section 3 · translation (en)", "Section 3 · note", or where an orphan
/// is kept.
fn place_words(hit: &Hit) -> String {
    let section = format!("Section {}", hit.section + 1);
    match (hit.kind, &hit.language) {
        (Kind::Article, _) => section,
        (Kind::Translation, Some(language)) => format!("{section} · translation ({language})"),
        (Kind::Translation, None) => format!("{section} · translation"),
        (Kind::Note, _) => format!("{section} · note"),
        (Kind::Orphan, Some(language)) => {
            format!("translation ({language}) whose section is gone")
        }
        (Kind::Orphan, None) => "note whose section is gone (in Notes > All notes)".to_owned(),
    }
}

/// The words around the first of `ranges` in `text`: up to `before` characters before
/// it and `after` after it, cut at spaces where it can be, with "…" where text was
/// left out; and the ranges that fall within, moved to the snippet's offsets.
pub fn context(
    text: &str,
    ranges: &[Range<usize>],
    before: usize,
    after: usize,
) -> (String, Vec<Range<usize>>) {
    let Some(first) = ranges.first() else {
        return (text.to_owned(), Vec::new());
    };
    let mut start = text[..first.start]
        .char_indices()
        .rev()
        .nth(before.saturating_sub(1))
        .map_or(0, |(offset, _)| offset);
    if start > 0 {
        // Start at a word.
        if let Some(space) = text[start..first.start].find(' ') {
            start += space + 1;
        }
    }
    let mut end = text[first.end..]
        .char_indices()
        .nth(after)
        .map_or(text.len(), |(offset, _)| first.end + offset);
    if end < text.len()
        && let Some(space) = text[first.end..end].rfind(' ')
    {
        end = first.end + space;
    }
    let lead = if start > 0 { "… " } else { "" };
    let tail = if end < text.len() { " …" } else { "" };
    let snippet = format!("{lead}{}{tail}", &text[start..end]);
    let shift = lead.len();
    let moved = ranges
        .iter()
        .filter(|range| range.start >= start && range.end <= end)
        .map(|range| range.start - start + shift..range.end - start + shift)
        .collect();
    (snippet, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_the_match_and_cuts_at_words() {
        let text = "كلمة ".repeat(30) + "العلم نور " + &"كلمة ".repeat(30);
        let start = text.find("العلم").expect("there");
        let word = start..start + "العلم".len();
        let ranges = vec![word];
        let (snippet, moved) = context(&text, &ranges, 12, 12);
        assert!(snippet.starts_with("… كلمة"), "{snippet}");
        assert!(snippet.ends_with("كلمة …"), "{snippet}");
        assert_eq!(&snippet[moved[0].clone()], "العلم");
        let short = "العلم نور";
        let word = 0.."العلم".len();
        let (whole, moved) = context(short, std::slice::from_ref(&word), 40, 70);
        assert_eq!(whole, short);
        assert_eq!(moved, vec![word]);
    }
}
