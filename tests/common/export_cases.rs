//! Articles with notes for the export tests: a plain article, a Markdown article, a
//! UTF-8 file with a byte order mark, Arabic with its marks out of canonical order,
//! and Windows line ends in a path with spaces, Arabic letters, `#` and `%`.

use std::path::{Path, PathBuf};

use hamish::import::read_article;
use hamish::model::{Anchor, Article, HighlightColor, Note, NoteId, Notes};
use hamish::store::{encode, sidecar_path};

/// Writes `bytes` as the article `name` in a new folder under `root`, with notes on
/// it made as the app makes them (on the text it shows), and returns its path.
fn article_with_notes(root: &Path, folder: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let folder = root.join(folder);
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join(name);
    std::fs::write(&path, bytes).expect("article written");
    let article = read_article(&path).expect("article read");
    let notes = notes_on(&article);
    let sidecar = encode(name, &notes).expect("encoded");
    std::fs::write(sidecar_path(&path), sidecar).expect("sidecar written");
    path
}

/// On every section: a highlight on its second to fourth words (or all of it), some
/// with a note, some with tags, some alone; and a note on the whole section.
fn notes_on(article: &Article) -> Notes {
    let mut notes = Notes::new();
    for (index, section) in article.sections.iter().enumerate() {
        let words: Vec<(usize, &str)> = section
            .text
            .split(' ')
            .scan(0, |at, word| {
                let start = *at;
                *at += word.len() + 1;
                Some((start, word))
            })
            .filter(|(_, word)| !word.is_empty())
            .collect();
        let range = if words.len() >= 4 {
            words[1].0..words[3].0 + words[3].1.len()
        } else {
            0..section.text.len()
        };
        let colors = HighlightColor::ALL;
        let mut note = Note::new(
            Anchor::span(section.id, &section.text, range),
            1_763_800_000_000,
        );
        note.color = Some(colors[index % colors.len()]);
        match index % 3 {
            0 => note.text = "ملاحظة على هذا المقطع".to_owned(),
            1 => {}
            _ => {
                note.text = "A note in English".to_owned();
                note.tags = vec!["وسم".to_owned()];
            }
        }
        notes.insert(NoteId::new(1_763_800_000_000, index as u32), note);
    }
    for (index, section) in article.sections.iter().enumerate() {
        let mut note = Note::new(
            Anchor::section(section.id, &section.text),
            1_763_800_000_001,
        );
        note.text = "على المقطع كله".to_owned();
        notes.insert(NoteId::new(1_763_800_000_001, index as u32), note);
    }
    notes
}

/// The five articles, in a folder that lives as long as the returned guard.
pub fn cases() -> (tempfile::TempDir, Vec<PathBuf>) {
    let root = tempfile::tempdir().expect("temporary folder");
    let plain = "عنوان المقال\nقال رسول الله ﷺ: «الدين النصيحة» قلنا: لمن؟\n\nفي 19 تشرين الثاني/نوفمبر، انعقد الاجتماع في (IA 24.KG) مع الوفود.\n";
    let markdown = "# عنوان **المقال**\n\nقال رسول الله ﷺ: «*الدين* النصيحة»\nقلنا: [لمن](https://example.com)؟ &amp; ماذا بعد\n\n> اقتباس من\n> كاتب معروف جدا\n\n3) البند الثالث من القائمة\n4) البند الرابع من القائمة\n\n- بند `رمز` مع كلمات أخرى\n";
    let bom = [
        b"\xef\xbb\xbf".as_slice(),
        "عنوان بعد العلامة\nفقرة أولى فيها كلمات كثيرة بعد علامة ترتيب البايتات.\n".as_bytes(),
    ]
    .concat();
    // Shadda typed before the vowel marks (NFC puts fatha, damma and kasra first).
    // An alef and a separate madda, which NFC composes into one letter (آ), shorten
    // the text: positions after them move.
    let marks = "إن\u{651}\u{64e} الل\u{651}\u{64e}ه\u{64e} غفور\u{64c} رحيم\u{64c}، والحمد لل\u{651}\u{650}ه\u{650}\nيا أيها الذين \u{627}\u{653}منوا اتقوا الل\u{651}\u{64e}ه\u{64e} حق تقاته\nمحم\u{651}\u{64e}د\u{64c} رسول الل\u{651}\u{64e}ه\u{650} ﷺ\n";
    let crlf =
        "عنوان في مسار غريب\r\nسطر أول فيه كلمات كثيرة هنا\r\nسطر ثان فيه كلمات أخرى كذلك\r\n";
    let paths = vec![
        article_with_notes(root.path(), "plain", "001.txt", plain.as_bytes()),
        article_with_notes(root.path(), "markdown", "002.md", markdown.as_bytes()),
        article_with_notes(root.path(), "bom", "003.txt", &bom),
        article_with_notes(root.path(), "marks", "004.txt", marks.as_bytes()),
        article_with_notes(
            root.path(),
            "my notes/مقالات مختارة",
            "مقال #1 (50%).txt",
            crlf.as_bytes(),
        ),
    ];
    (root, paths)
}

/// The file's text as a reader's tool sees it: UTF-8, without the byte order mark.
pub fn file_text(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).expect("the test files are UTF-8");
    text.strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text)
}
