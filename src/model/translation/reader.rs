//! The reader's own translation data: what they wrote or corrected, their alignment
//! fixes, and cached machine translations. This is what sidecar version 2 keeps
//! beside the notes.
//!
//! A reader's translation belongs to a section the way a note on a whole section
//! does: its [`Anchor`] keeps the section's id and text, so after the article is
//! edited it is found again by [`crate::model::place`] (same id, then same text, then
//! similar words), and one that cannot be placed is kept and listed, never dropped.
//!
//! Sidecar version 2, as another layer will write it (`store/`), holds one
//! [`TranslationData`] under `"translations"` beside `"notes"`; a version 1 file has
//! none and reads as [`TranslationData::default`]:
//!
//! ```json
//! "translations": {
//!   "reader": {
//!     "en": {
//!       "9f1c…": { "anchor": { "section": "9f1c…", "section_text": "…" },
//!                 "text": "…", "created_ms": 1, "modified_ms": 2,
//!                 "edited_from": { "kind": "file", "file": "003.en.txt" } }
//!     }
//!   },
//!   "fixes": [ { "file": "003.en.txt", "language": "en", "fingerprint": "…",
//!                "fixes": [ { "op": "shift_down", "row": 4 } ] } ],
//!   "machine": { "en": { "9f1c…": { "section_text": "…", "text": "…",
//!                                    "engine": "bergamot", "model": "ar-en" } } },
//!   "shown_language": "en"
//! }
//! ```
//!
//! Invariants: maps are sorted (stable files, small diffs); every struct is
//! `#[serde(default)]`, so a field added later never breaks an older file; a deleted
//! translation is a tombstone (`"deleted": true`) so a merge with an older copy does
//! not bring it back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::TranslationSource;
use super::fix::{AlignmentFix, FileFixes};
use super::sentences::{FilePins, SentenceCache, SentencePin};
use crate::model::{Anchor, SectionId};

/// The reader's translation of one section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderTranslation {
    /// The section it translates (id and text, found again as notes are).
    pub anchor: Anchor,
    /// What the reader wrote.
    #[serde(default)]
    pub text: String,
    /// When it was written, in milliseconds since 1970 (UTC).
    #[serde(default)]
    pub created_ms: u64,
    /// When it was last changed, in milliseconds since 1970 (UTC).
    #[serde(default)]
    pub modified_ms: u64,
    /// What the reader started from when they corrected a file's or a machine's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_from: Option<TranslationSource>,
    /// Cleared by the reader; kept as a tombstone for merging.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Texts of other versions of this translation that lost a merge against it (the
    /// same section's translation changed differently in two places, see
    /// [`super::merge_translations`]): kept so that nothing the reader typed is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflict_texts: Vec<String>,
}

/// A machine translation of a section, cached so it is not made twice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MachineTranslation {
    /// The section's text it was made from: when the section changes, it is stale.
    pub section_text: String,
    /// The translation.
    pub text: String,
    /// The engine that made it.
    pub engine: String,
    /// The engine's model.
    pub model: String,
    /// When it was made, in milliseconds since 1970 (UTC).
    pub made_ms: u64,
    /// The reader's glossary terms found in the section whose translation this text
    /// does not use (the row is flagged). Added after version 2 was first written: a
    /// file without it reads as none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub glossary_missed: Vec<String>,
}

/// Everything the reader keeps about an article's translations (sidecar version 2).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TranslationData {
    /// The reader's translations: language → section id (when written) → translation.
    pub reader: BTreeMap<String, BTreeMap<SectionId, ReaderTranslation>>,
    /// The reader's fixes to translation files' alignments.
    pub fixes: Vec<FileFixes>,
    /// Cached machine translations: language → section id → translation.
    pub machine: BTreeMap<String, BTreeMap<SectionId, MachineTranslation>>,
    /// The language last shown for this article, if the reader picked one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown_language: Option<String>,
    /// The reader's pins on translation files' sentences (their sentence moves).
    /// A file without it reads as none; a file with some is written as sidecar
    /// version 3 (see `store::format`), so a build that would drop them never
    /// rewrites it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pins: Vec<FilePins>,
    /// Sentence alignments of translation files, cached (one per file and language).
    /// Added to version 2 as a field older files read as none: a build that drops it
    /// loses nothing the aligner cannot make again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sentence_cache: Vec<SentenceCache>,
}

impl TranslationData {
    /// Whether there is nothing to save.
    pub fn is_empty(&self) -> bool {
        self.reader.values().all(BTreeMap::is_empty)
            && self.fixes.iter().all(|fixes| fixes.fixes.is_empty())
            && self.machine.values().all(BTreeMap::is_empty)
            && self.shown_language.is_none()
            && self.pins.iter().all(|pins| pins.pins.is_empty())
            && self.sentence_cache.is_empty()
    }

    /// The pins on `file`'s sentences in `language`, if the reader made any.
    pub fn pins_for(&self, file: &str, language: &str) -> Option<&FilePins> {
        self.pins
            .iter()
            .find(|pins| pins.file == file && pins.language == language)
    }

    /// Records one more pin on `file`'s sentences in `language`, made on lines with
    /// `fingerprint`. Pins made on an earlier version of the file are replaced.
    pub fn add_pin(&mut self, file: &str, language: &str, fingerprint: &str, pin: SentencePin) {
        let position = self
            .pins
            .iter()
            .position(|pins| pins.file == file && pins.language == language);
        let index = position.unwrap_or_else(|| {
            self.pins.push(FilePins {
                file: file.to_owned(),
                language: language.to_owned(),
                ..FilePins::default()
            });
            self.pins.len() - 1
        });
        let entry = &mut self.pins[index];
        if entry.fingerprint != fingerprint {
            entry.pins.clear();
            entry.fingerprint = fingerprint.to_owned();
        }
        // The same point again adds nothing but moves it last (newest wins).
        entry.pins.retain(|kept| *kept != pin);
        entry.pins.push(pin);
    }

    /// Takes back the last pin on `file`'s sentences in `language` (undo).
    pub fn undo_pin(&mut self, file: &str, language: &str) -> Option<SentencePin> {
        self.pins
            .iter_mut()
            .find(|pins| pins.file == file && pins.language == language)?
            .pins
            .pop()
    }

    /// The cached sentence alignment of `file` in `language`, if it was made from
    /// what `key` names.
    pub fn cached_sentences(&self, file: &str, language: &str, key: &str) -> Option<&str> {
        self.sentence_cache
            .iter()
            .find(|cache| cache.file == file && cache.language == language && cache.key == key)
            .map(|cache| cache.links.as_str())
    }

    /// Keeps `links` (see [`super::encode_links`]) as the sentence alignment of `file`
    /// in `language`, made from what `key` names, in place of any older one.
    pub fn cache_sentences(&mut self, file: &str, language: &str, key: &str, links: String) {
        self.sentence_cache
            .retain(|cache| !(cache.file == file && cache.language == language));
        self.sentence_cache.push(SentenceCache {
            file: file.to_owned(),
            language: language.to_owned(),
            key: key.to_owned(),
            links,
        });
    }

    /// Records what the reader wrote for `section` (whose text is `section_text`) in
    /// `language` at `time_ms`. An empty text deletes it (a tombstone).
    pub fn set_reader_translation(
        &mut self,
        language: &str,
        section: SectionId,
        section_text: &str,
        text: &str,
        edited_from: Option<TranslationSource>,
        time_ms: u64,
    ) {
        let entries = self.reader.entry(language.to_owned()).or_default();
        let deleted = text.trim().is_empty();
        match entries.get_mut(&section) {
            Some(existing) => {
                existing.anchor = Anchor::section(section, section_text);
                existing.text = text.to_owned();
                existing.modified_ms = time_ms;
                existing.deleted = deleted;
                if existing.edited_from.is_none() {
                    existing.edited_from = edited_from;
                }
            }
            None if deleted => {}
            None => {
                entries.insert(
                    section,
                    ReaderTranslation {
                        anchor: Anchor::section(section, section_text),
                        text: text.to_owned(),
                        created_ms: time_ms,
                        modified_ms: time_ms,
                        edited_from,
                        deleted: false,
                        conflict_texts: Vec::new(),
                    },
                );
            }
        }
    }

    /// Settles a conflict: the reader's translation kept under `key` in `language`
    /// becomes `chosen` (the text shown, or one of its other versions) and its other
    /// versions go, at `time_ms`. False when there is no such translation.
    pub fn resolve_conflict(
        &mut self,
        language: &str,
        key: SectionId,
        chosen: &str,
        time_ms: u64,
    ) -> bool {
        let wanted = super::language_key(language);
        let entry = self
            .reader
            .iter_mut()
            .filter(|(spelled, _)| super::language_key(spelled) == wanted)
            .find_map(|(_, entries)| entries.get_mut(&key));
        let Some(entry) = entry else {
            return false;
        };
        if entry.text != chosen {
            entry.text = chosen.to_owned();
            entry.deleted = chosen.trim().is_empty();
        }
        entry.conflict_texts.clear();
        entry.modified_ms = time_ms;
        true
    }

    /// Keeps a machine translation of `section` in `language`. With `replace_reader`,
    /// the reader's own translation of the section gives way to it (a tombstone, so a
    /// merge with an older copy does not bring it back), as when the reader asked for
    /// their row to be translated again.
    pub fn set_machine_translation(
        &mut self,
        language: &str,
        section: SectionId,
        translation: MachineTranslation,
        replace_reader: bool,
    ) {
        if replace_reader {
            let (text, time) = (translation.section_text.clone(), translation.made_ms);
            self.set_reader_translation(language, section, &text, "", None, time);
        }
        self.machine
            .entry(language.to_owned())
            .or_default()
            .insert(section, translation);
    }

    /// The fixes for `file`'s translations in `language`, if the reader made any.
    pub fn fixes_for(&self, file: &str, language: &str) -> Option<&FileFixes> {
        self.fixes
            .iter()
            .find(|fixes| fixes.file == file && fixes.language == language)
    }

    /// Records one more fix to `file`'s alignment in `language`, made on segments
    /// with `fingerprint`. Fixes made on an earlier version of the file are replaced.
    pub fn add_fix(&mut self, file: &str, language: &str, fingerprint: &str, fix: AlignmentFix) {
        let position = self
            .fixes
            .iter()
            .position(|fixes| fixes.file == file && fixes.language == language);
        let entry = match position {
            Some(index) => &mut self.fixes[index],
            None => {
                self.fixes.push(FileFixes {
                    file: file.to_owned(),
                    language: language.to_owned(),
                    ..FileFixes::default()
                });
                let last = self.fixes.len() - 1;
                &mut self.fixes[last]
            }
        };
        if entry.fingerprint != fingerprint {
            entry.fixes.clear();
            entry.fingerprint = fingerprint.to_owned();
        }
        entry.fixes.push(fix);
    }

    /// Takes back the last fix to `file`'s alignment in `language` (undo).
    pub fn undo_fix(&mut self, file: &str, language: &str) -> Option<AlignmentFix> {
        self.fixes
            .iter_mut()
            .find(|fixes| fixes.file == file && fixes.language == language)?
            .fixes
            .pop()
    }

    /// Every language the reader wrote in or has machine translations for.
    pub fn languages(&self) -> Vec<&str> {
        let written = self
            .reader
            .iter()
            .filter(|(_, entries)| entries.values().any(|entry| !entry.deleted))
            .map(|(language, _)| language.as_str());
        let machine = self
            .machine
            .iter()
            .filter(|(_, entries)| !entries.is_empty())
            .map(|(language, _)| language.as_str());
        let mut languages: Vec<&str> = written.chain(machine).collect();
        languages.sort_unstable();
        languages.dedup();
        languages
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_section_reads_as_nothing() {
        let data: TranslationData = serde_json::from_str("{}").expect("reads");
        assert!(data.is_empty());
        let data: TranslationData =
            serde_json::from_str(r#"{"reader":{"en":{}},"future":1}"#).expect("reads");
        assert!(data.is_empty());
    }

    #[test]
    fn reader_translations_round_trip_through_json() {
        let mut data = TranslationData::default();
        data.set_reader_translation("en", SectionId(7), "نص", "A text", None, 5);
        data.set_reader_translation(
            "en",
            SectionId(7),
            "نص",
            "A better text",
            Some(TranslationSource::Reader),
            9,
        );
        data.add_fix("a.en.txt", "en", "abc", AlignmentFix::Merge { row: 2 });
        let json = serde_json::to_string_pretty(&data).expect("json");
        assert!(json.contains("\"0000000000000007\""), "{json}");
        let back: TranslationData = serde_json::from_str(&json).expect("reads");
        assert_eq!(back, data);
        let entry = &back.reader["en"][&SectionId(7)];
        assert_eq!(
            (entry.text.as_str(), entry.created_ms, entry.modified_ms),
            ("A better text", 5, 9)
        );
        assert_eq!(back.languages(), ["en"]);
    }

    #[test]
    fn a_machine_translation_can_replace_the_readers() {
        let mut data = TranslationData::default();
        data.set_reader_translation("en", SectionId(1), "نص", "Mine", None, 1);
        let made = MachineTranslation {
            section_text: "نص".into(),
            text: "Text".into(),
            engine: "ollama".into(),
            model: "qwen".into(),
            made_ms: 5,
            glossary_missed: vec!["نص".into()],
        };
        data.set_machine_translation("en", SectionId(1), made.clone(), false);
        assert!(
            !data.reader["en"][&SectionId(1)].deleted,
            "kept unless asked"
        );
        data.set_machine_translation("en", SectionId(1), made.clone(), true);
        assert!(data.reader["en"][&SectionId(1)].deleted, "a tombstone");
        assert_eq!(data.machine["en"][&SectionId(1)], made);
        let json = serde_json::to_string(&data).expect("json");
        let back: TranslationData = serde_json::from_str(&json).expect("back");
        assert_eq!(back, data);
    }

    #[test]
    fn a_conflict_is_settled_with_the_version_picked() {
        let mut data = TranslationData::default();
        data.set_reader_translation("en", SectionId(3), "نص", "Mine", None, 1);
        let entry = data
            .reader
            .get_mut("en")
            .and_then(|entries| entries.get_mut(&SectionId(3)))
            .expect("entry");
        entry.conflict_texts = vec!["Theirs".into()];
        assert!(
            !data.resolve_conflict("EN", SectionId(4), "Theirs", 5),
            "no such row"
        );
        assert!(data.resolve_conflict("EN", SectionId(3), "Theirs", 5));
        let entry = &data.reader["en"][&SectionId(3)];
        assert_eq!(entry.text, "Theirs");
        assert!(entry.conflict_texts.is_empty());
        assert_eq!(entry.modified_ms, 5);
    }

    #[test]
    fn clearing_a_translation_leaves_a_tombstone() {
        let mut data = TranslationData::default();
        data.set_reader_translation("fa", SectionId(1), "نص", "", None, 1);
        assert!(data.is_empty(), "nothing to delete, nothing kept");
        data.set_reader_translation("fa", SectionId(1), "نص", "متن", None, 2);
        data.set_reader_translation("fa", SectionId(1), "نص", " ", None, 3);
        assert!(data.reader["fa"][&SectionId(1)].deleted);
        assert!(data.languages().is_empty());
    }

    #[test]
    fn fixes_on_a_changed_file_start_again() {
        let mut data = TranslationData::default();
        data.add_fix("a.tmx", "en", "one", AlignmentFix::ShiftDown { row: 1 });
        data.add_fix("a.tmx", "en", "one", AlignmentFix::ShiftDown { row: 2 });
        assert_eq!(
            data.fixes_for("a.tmx", "en").map(|f| f.fixes.len()),
            Some(2)
        );
        data.add_fix("a.tmx", "en", "two", AlignmentFix::Merge { row: 0 });
        assert_eq!(
            data.fixes_for("a.tmx", "en").map(|f| f.fixes.len()),
            Some(1)
        );
        assert_eq!(
            data.undo_fix("a.tmx", "en"),
            Some(AlignmentFix::Merge { row: 0 })
        );
        assert_eq!(data.fixes_for("a.tmx", "fr"), None);
    }
}
