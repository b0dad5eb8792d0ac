//! The status line at the bottom: the folder and its size, the article, its sections
//! and its encoding, and what the reader has hidden (diacritics, translations), so a
//! page that looks wrong says why. Drawn by the text engine, since names can be in any
//! script.

use std::path::Path;

use egui::Ui;

use crate::import::DetectedEncoding;

use super::{TextBlock, theme};

/// What the status line tells.
#[derive(Default)]
pub struct Status<'a> {
    /// A folder being opened.
    pub opening: Option<&'a Path>,
    /// The open folder, its number of articles and how many have their titles read.
    pub folder: Option<(&'a Path, usize, usize)>,
    /// The open article's file, its number of sections and its encoding.
    pub article: Option<(&'a Path, usize, &'a DetectedEncoding)>,
    /// How machine translation went, if there is news.
    pub translation: Option<&'a str>,
    /// Whether diacritics are hidden (display only).
    pub diacritics_hidden: bool,
    /// Whether translations are covered until hovered.
    pub translations_covered: bool,
    /// Whether the translation column is hidden.
    pub translation_column_hidden: bool,
}

/// Draws the status line.
pub fn status_bar(ui: &mut Ui, status: &Status<'_>) {
    let text = status_text(status);
    let color = ui.visuals().weak_text_color();
    ui.add(
        TextBlock::new(&text)
            .style(theme::STATUS)
            .selectable(false)
            .color(color),
    );
}

fn status_text(status: &Status<'_>) -> String {
    let mut text = String::new();
    if let Some(folder) = status.opening {
        text = format!("Opening {}…", folder.display());
    } else if let Some((root, articles, summarised)) = status.folder {
        let folder = root.file_name().unwrap_or(root.as_os_str());
        text = format!(
            "{} — {}",
            isolated(&folder.to_string_lossy()),
            count(articles, "article")
        );
        if summarised < articles {
            text += &format!(" (reading titles: {summarised})");
        }
    }
    if let Some((path, sections, encoding)) = status.article {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy())
            .unwrap_or_default();
        text += &format!(
            "   |   {} — {}",
            isolated(&name),
            count(sections, "section")
        );
        if !encoding.is_utf8() {
            text += &format!(" — {encoding}");
        }
    }
    if let Some(translation) = status.translation {
        text += &format!("   |   {translation}");
    }
    for (hidden, what) in [
        (status.diacritics_hidden, "Diacritics hidden (Ctrl+D)"),
        (
            status.translation_column_hidden,
            "Translations hidden (Ctrl+Shift+T)",
        ),
        (
            status.translations_covered && !status.translation_column_hidden,
            "Translations covered until pointed at",
        ),
    ] {
        if hidden {
            text += &format!("   |   {what}");
        }
    }
    text
}

/// `name` in a first-strong isolate: an Arabic file name then neither makes the whole
/// status line right to left nor swaps places with the numbers beside it.
fn isolated(name: &str) -> String {
    format!("\u{2068}{name}\u{2069}")
}

/// `1 article`, `5 articles`.
pub fn count(number: usize, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_hidden_is_said() {
        let shown = status_text(&Status::default());
        assert!(!shown.contains("hidden"), "{shown}");
        let hidden = status_text(&Status {
            diacritics_hidden: true,
            translation_column_hidden: true,
            translations_covered: true,
            ..Status::default()
        });
        assert!(hidden.contains("Diacritics hidden"), "{hidden}");
        assert!(hidden.contains("Translations hidden"), "{hidden}");
        assert!(
            !hidden.contains("covered"),
            "a hidden column is not also covered"
        );
        let covered = status_text(&Status {
            translations_covered: true,
            ..Status::default()
        });
        assert!(covered.contains("Translations covered"), "{covered}");
    }
}
