//! Hostile files: well formed, and built to make a reader do far more work than their
//! size suggests (issue 25, item 8). The regression tests and the benchmarks
//! (`benches/hostile.rs`, which includes this file) build them here, so both measure
//! the same thing.

use std::path::Path;

use hamish::model::translation::Segment;
use hamish::model::translation::{
    AlignmentFix, FileFixes, MachineTranslation, ReaderTranslation, TranslationData,
    segments_fingerprint,
};
use hamish::model::{Anchor, Note, NoteId, Notes, SectionId};
use hamish::store::{SidecarContents, encode_contents};

/// The article the hostile sidecars belong to: three short sections.
pub const ARTICLE: &str =
    "العنوان\nالفقرة الأولى من المقال، وفيها نص عادي.\nالفقرة الثانية من المقال.\n";

/// Its companion, aligned by position, which the fixes name.
pub const COMPANION: &str = "The title\nThe first paragraph.\nThe second paragraph.\n";

/// The article's file name.
pub const ARTICLE_NAME: &str = "hostile.txt";

/// The companion's file name.
pub const COMPANION_NAME: &str = "hostile.en.txt";

/// What a hostile sidecar is full of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flood {
    /// Alignment fixes to the companion, all in one list: each shifts every row down.
    Fixes,
    /// Lists of fixes, each for a file of its own.
    FixLists,
    /// The reader's translations of sections that do not exist.
    OrphanTranslations,
    /// Notes on sections that do not exist.
    OrphanNotes,
    /// Cached machine translations, of sections that do not exist.
    MachineEntries,
}

impl Flood {
    /// Every kind, for tests that try them all.
    pub const ALL: [Flood; 5] = [
        Flood::Fixes,
        Flood::FixLists,
        Flood::OrphanTranslations,
        Flood::OrphanNotes,
        Flood::MachineEntries,
    ];

    /// A short name, for folder names and benchmark labels.
    pub fn name(self) -> &'static str {
        match self {
            Flood::Fixes => "fixes",
            Flood::FixLists => "fix-lists",
            Flood::OrphanTranslations => "orphan-translations",
            Flood::OrphanNotes => "orphan-notes",
            Flood::MachineEntries => "machine-entries",
        }
    }
}

/// A section text no section of [`ARTICLE`] resembles, different for each `index`.
fn orphan_text(index: usize) -> String {
    format!("نص قسم محذوف رقم {index} لا يشبه شيئا")
}

/// The companion's segments, as an aligned file's reader makes them (for the
/// fingerprint the fixes must carry to be applied).
fn companion_fingerprint() -> String {
    let segments: Vec<Segment> = COMPANION
        .lines()
        .map(|line| Segment {
            source: None,
            target: line.to_owned(),
        })
        .collect();
    segments_fingerprint(&segments)
}

/// The contents of a sidecar holding `count` entries of `flood`.
pub fn contents(flood: Flood, count: usize) -> SidecarContents {
    let mut contents = SidecarContents::default();
    let translations: &mut TranslationData = &mut contents.translations;
    match flood {
        Flood::Fixes => translations.fixes.push(FileFixes {
            file: COMPANION_NAME.to_owned(),
            language: "en".to_owned(),
            fingerprint: companion_fingerprint(),
            fixes: vec![AlignmentFix::ShiftDown { row: 0 }; count],
        }),
        Flood::FixLists => {
            translations.fixes = (0..count)
                .map(|index| FileFixes {
                    file: format!("other-{index}.en.txt"),
                    language: "en".to_owned(),
                    fingerprint: "0".repeat(16),
                    fixes: vec![AlignmentFix::ShiftDown { row: 0 }],
                })
                .collect();
        }
        Flood::OrphanTranslations => {
            let entries = translations.reader.entry("en".to_owned()).or_default();
            for index in 0..count {
                let section = SectionId(1_000_000 + index as u64);
                entries.insert(
                    section,
                    ReaderTranslation {
                        anchor: Anchor::section(section, &orphan_text(index)),
                        text: format!("translation {index}"),
                        created_ms: 1,
                        modified_ms: 1,
                        edited_from: None,
                        deleted: false,
                        conflict_texts: Vec::new(),
                    },
                );
            }
        }
        Flood::OrphanNotes => {
            let notes: &mut Notes = &mut contents.notes;
            for index in 0..count {
                let section = SectionId(1_000_000 + index as u64);
                let mut note = Note::new(Anchor::section(section, &orphan_text(index)), 1);
                note.text = format!("note {index}");
                notes.insert(NoteId::new(1, index as u32), note);
            }
        }
        Flood::MachineEntries => {
            let entries = translations.machine.entry("en".to_owned()).or_default();
            for index in 0..count {
                entries.insert(
                    SectionId(1_000_000 + index as u64),
                    MachineTranslation {
                        section_text: orphan_text(index),
                        text: format!("machine translation {index}"),
                        engine: "command".to_owned(),
                        model: String::new(),
                        made_ms: 1,
                        glossary_missed: Vec::new(),
                    },
                );
            }
        }
    }
    contents
}

/// The text of a sidecar of [`ARTICLE_NAME`] holding `count` entries of `flood`.
pub fn sidecar(flood: Flood, count: usize) -> String {
    match encode_contents(ARTICLE_NAME, &contents(flood, count)) {
        Ok(text) => text,
        Err(error) => panic!("a generated sidecar encodes: {error}"),
    }
}

/// Writes the article, its companion and a sidecar holding `count` entries of `flood`
/// into `folder`; returns the article's path.
pub fn write_folder(folder: &Path, flood: Flood, count: usize) -> std::path::PathBuf {
    let article = folder.join(ARTICLE_NAME);
    let write = |path: &Path, bytes: &[u8]| {
        if let Err(error) = std::fs::write(path, bytes) {
            panic!("cannot write {}: {error}", path.display());
        }
    };
    write(&article, ARTICLE.as_bytes());
    write(&folder.join(COMPANION_NAME), COMPANION.as_bytes());
    write(
        &folder.join(format!("{ARTICLE_NAME}.hamish.json")),
        sidecar(flood, count).as_bytes(),
    );
    article
}

/// A TMX whose one unit has its source and a translation in `count` languages.
pub fn tmx_languages(count: usize) -> String {
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"ar\"/><body>\n<tu><tuv xml:lang=\"ar\"><seg>العنوان</seg></tuv>\n",
    );
    for index in 0..count {
        tmx.push_str(&format!(
            "<tuv xml:lang=\"x-l{index}\"><seg>title {index}</seg></tuv>\n"
        ));
    }
    tmx.push_str("</tu></body></tmx>\n");
    tmx
}

/// An XLIFF 1.2 whose `count` units each name a target language of their own.
pub fn xliff_languages(count: usize) -> String {
    let mut xliff = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file source-language=\"ar\" datatype=\"plaintext\" original=\"a.txt\"><body>\n",
    );
    for index in 0..count {
        xliff.push_str(&format!(
            "<trans-unit id=\"{index}\"><source>العنوان</source><target xml:lang=\"x-l{index}\">title {index}</target></trans-unit>\n"
        ));
    }
    xliff.push_str("</body></file></xliff>\n");
    xliff
}

/// Writes an article of `sections` sections (that share no word with the orphans)
/// and a sidecar of `orphans` notes on sections that are gone into `folder`; returns
/// the article's path. Every orphan is compared with every section unless the
/// sections are indexed once.
pub fn write_long_folder(folder: &Path, sections: usize, orphans: usize) -> std::path::PathBuf {
    let article = folder.join(ARTICLE_NAME);
    let text: String = (0..sections)
        .map(|index| format!("فقرة طويلة {index} من كتاب كبير، alpha{index} beta{index}.\n"))
        .collect();
    let write = |path: &Path, bytes: &[u8]| {
        if let Err(error) = std::fs::write(path, bytes) {
            panic!("cannot write {}: {error}", path.display());
        }
    };
    write(&article, text.as_bytes());
    write(
        &folder.join(format!("{ARTICLE_NAME}.hamish.json")),
        sidecar(Flood::OrphanNotes, orphans).as_bytes(),
    );
    article
}
