//! The JSON and Markdown exports quote the article file as it is on disk: every
//! quote is the file's own text (Markdown markup, marks in the file's order, Windows
//! line ends), and every JSON position counts the file's code points after its byte
//! order mark. (The Web Annotation export is checked in `web_annotation.rs`.)

mod common;

use std::path::{Path, PathBuf};

use common::export_cases::{cases, file_text};
use hamish::app::ExportJob;
use hamish::export::ExportFormat;
use serde_json::Value;

fn export(path: &Path, format: ExportFormat) -> String {
    ExportJob::for_article_file(format, path.to_owned(), PathBuf::new())
        .expect("job")
        .contents()
        .expect("exported")
}

#[test]
fn json_quotes_and_positions_are_the_file_s() {
    let (_root, paths) = cases();
    for path in &paths {
        let file: Vec<char> = file_text(&std::fs::read(path).expect("article"))
            .chars()
            .collect();
        let value: Value = serde_json::from_str(&export(path, ExportFormat::Json)).expect("JSON");
        let mut quotes = 0;
        for note in value["notes"].as_array().expect("notes") {
            let (Some(start), Some(end)) = (note["start"].as_u64(), note["end"].as_u64()) else {
                panic!(
                    "{}: a placed note without a position: {note}",
                    path.display()
                );
            };
            let text: String = file[start as usize..end as usize].iter().collect();
            if let Some(quote) = note["quote"].as_str() {
                assert_eq!(text, quote, "{}", path.display());
                quotes += 1;
            }
        }
        assert!(quotes >= 2, "{}: {quotes} quotes", path.display());
    }
}

#[test]
fn markdown_quotes_are_the_file_s() {
    let (_root, paths) = cases();
    for path in &paths {
        let file = file_text(&std::fs::read(path).expect("article"));
        let out = export(path, ExportFormat::Markdown);
        let mut quotes = 0;
        for note in out.split("\n- ").skip(1) {
            // The note's own lines: its first, and those indented to stay in its item.
            let mut lines = note.split('\n');
            let mut item = lines.next().unwrap_or_default().to_owned();
            for line in lines {
                let Some(rest) = line.strip_prefix("  ") else {
                    break;
                };
                item.push('\n');
                item.push_str(rest);
            }
            let Some((_, rest)) = item.split_once('«') else {
                continue;
            };
            let Some((quote, _)) = rest.rsplit_once('»') else {
                continue;
            };
            assert!(
                file.contains(quote),
                "{}: «{quote}» is not in the file",
                path.display()
            );
            quotes += 1;
        }
        assert!(quotes >= 2, "{}: {quotes} quotes\n{out}", path.display());
    }
}
