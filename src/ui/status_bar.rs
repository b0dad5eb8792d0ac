//! The status line at the bottom: the folder and its size, the article, its sections
//! and its encoding. Drawn by the text engine, since names can be in any script.

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
