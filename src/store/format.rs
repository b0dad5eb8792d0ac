//! The sidecar format and its versions: pretty JSON, keys in a stable order, a format
//! name and a version number.
//!
//! ```json
//! {
//!   "format": "hamish-notes",
//!   "version": 2,
//!   "article": "001.txt",
//!   "notes": {
//!     "0193a6c2f1d4e-5f3a9c21": {
//!       "anchor": { "section": "…", "section_text": "…", "quote": { "exact": "…", … } },
//!       "color": "yellow",
//!       "text": "…",
//!       …
//!     }
//!   },
//!   "translations": {
//!     "reader": { "en": { "9f1c…": { "anchor": { … }, "text": "…", "modified_ms": 2 } } },
//!     "fixes": [ { "file": "003.en.txt", "language": "en", "fingerprint": "…", "fixes": [ … ] } ],
//!     "machine": {},
//!     "shown_language": "en"
//!   }
//! }
//! ```
//!
//! `translations` is a [`TranslationData`] (its module doc describes every field). It
//! is always written, also when empty, so that what is read back is exactly what was
//! written (the save protocol compares the two).
//!
//! Invariants: notes are keyed by id and reader translations by language and section
//! id, so two copies edited on two devices merge entry by entry and a sync tool's line
//! diff stays small; every field added later has a default, so older files still load;
//! blank notes (see [`Note::is_blank`](crate::model::Note::is_blank)) are never
//! written.
//!
//! # Versions
//!
//! Reading is two steps. [`read_version`] looks only at `format` and `version`, so a
//! file from a newer Hamish is recognised whatever its notes look like: *any* version
//! number this build does not know (higher, zero, negative, beyond 64 bits) is
//! [`LoadError::NewerVersion`], never damage, and such a file is never rewritten.
//! Then [`upgrade`] reads the body of the version found into the current in-memory
//! model ([`SidecarContents`]): each known version has its own on-disk struct
//! (`SidecarV1`, `SidecarV2`) and one arm in `upgrade`, which is the only place that
//! knows how an old version maps onto today's model.
//!
//! - Version 1 (the first release): notes only. Read with `SidecarV1`; its notes are
//!   taken as they are and its translations are empty, so no v1 file loses a note. The
//!   next save writes it as version 2.
//! - Version 2 (what [`encode_contents`] writes for a file without pins): version 1
//!   plus `translations`, the reader's translations, alignment fixes and machine cache.
//!   Machine translations (`translations.machine.LANG.SECTION`) hold the section text
//!   they were made from, the text, the engine, the model and `made_ms`; a later
//!   build added `glossary_missed` (the glossary terms the text does not use), written
//!   only when there are some: files without it read as before, and an older build
//!   reading a file with it ignores it. The sentence aligner's cache
//!   (`translations.sentence_cache`) was added the same way: an older build drops it
//!   when it rewrites the file, and it is made again. Fields added this way must have
//!   a default and must not change what an older build does with the file; anything
//!   else is a new version.
//! - Version 3 ([`FORMAT_VERSION`]): version 2 plus `translations.pins`, the reader's
//!   sentence moves. A build that knows only version 2 would read such a file, ignore
//!   the pins and drop them at its next save, so a file that holds pins is written as
//!   version 3, which that build recognises as newer and never rewrites. A file
//!   without pins is still written as version 2, readable and writable by every build
//!   since version 2: the version is raised only where it has to be. Both are read
//!   with `SidecarV2` (the body is the same shape; `pins` defaults to none).
//!
//! A version 4 adds a `SidecarV4`, becomes [`FORMAT_VERSION`], and gives the earlier
//! versions an arm that fills what they did not have with defaults.

mod machine_cache;

use serde::{Deserialize, Serialize};

use crate::model::translation::TranslationData;
use crate::model::{Note, NoteId, Notes, without_blank};

use super::contents::SidecarContents;
use super::error::{Damage, LoadError};

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "hamish-notes";

/// The newest version this build writes; it reads this one and every earlier one.
pub const FORMAT_VERSION: u32 = 3;

/// The version a file without pins is written as (see the module doc).
const VERSION_WITHOUT_PINS: u32 = 2;

/// Version 1 of the file, as on disk (read only; `format`, `version` and `article`
/// are read by [`read_version`] or not needed).
#[derive(Default, Deserialize)]
#[serde(default)]
struct SidecarV1 {
    notes: Notes,
}

/// Versions 2 and 3 of the file, exactly as on disk (3 is 2 with pins).
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct SidecarV2 {
    format: String,
    version: u32,
    article: String,
    notes: Notes,
    translations: TranslationData,
}

/// The sidecar text for `contents` on the article named `article_name`: version 3 if
/// it holds pins, else version 2 (see the module doc). Blank notes are left out.
///
/// The contents are plain strings and numbers keyed by strings, so this cannot fail
/// in practice; if it ever did, the caller must not write anything.
pub fn encode_contents(
    article_name: &str,
    contents: &SidecarContents,
) -> serde_json::Result<String> {
    let has_pins = contents
        .translations
        .pins
        .iter()
        .any(|pins| !pins.pins.is_empty());
    let file = SidecarV2 {
        format: FORMAT_NAME.to_owned(),
        version: if has_pins {
            FORMAT_VERSION
        } else {
            VERSION_WITHOUT_PINS
        },
        article: article_name.to_owned(),
        notes: without_blank(&contents.notes),
        translations: contents.translations.clone(),
    };
    let mut text = serde_json::to_string_pretty(&file)?;
    text.push('\n');
    Ok(text)
}

/// The sidecar text for `notes` and no translations, in the current version (see
/// [`encode_contents`]).
pub fn encode(article_name: &str, notes: &Notes) -> serde_json::Result<String> {
    encode_contents(article_name, &SidecarContents::from_notes(notes.clone()))
}

/// Everything in sidecar `text`, brought up to the current version. Machine
/// translations that cannot be read are dropped (see `machine_cache`).
pub fn decode_contents(text: &str) -> Result<SidecarContents, LoadError> {
    decode_contents_dropping(text).map(|(contents, _)| contents)
}

/// [`decode_contents`], with how many unreadable machine translations were dropped.
pub fn decode_contents_dropping(text: &str) -> Result<(SidecarContents, usize), LoadError> {
    let version = read_version(text)?;
    upgrade(version, text)
}

/// The notes in sidecar `text`, brought up to the current version.
pub fn decode(text: &str) -> Result<Notes, LoadError> {
    decode_contents(text).map(|contents| contents.notes)
}

/// The version of sidecar `text`, if this build knows it.
pub fn read_version(text: &str) -> Result<u32, LoadError> {
    // The version is a JSON number of any size: a version this build cannot even
    // hold in an integer is still a version, and so newer, not damage.
    #[derive(Deserialize)]
    struct Header {
        format: String,
        version: serde_json::Number,
    }
    let header: Header = serde_json::from_str(text).map_err(Damage::Json)?;
    if header.format != FORMAT_NAME {
        return Err(Damage::NotNotes {
            format: header.format,
        }
        .into());
    }
    match header.version.as_u64().map(u32::try_from) {
        Some(Ok(version)) if (1..=FORMAT_VERSION).contains(&version) => Ok(version),
        _ => Err(LoadError::NewerVersion(header.version)),
    }
}

/// Reads the body of a version-`version` file into the current model; with it, how
/// many unreadable machine translations were dropped.
fn upgrade(version: u32, text: &str) -> Result<(SidecarContents, usize), LoadError> {
    match version {
        1 => {
            let file: SidecarV1 = serde_json::from_str(text).map_err(Damage::Json)?;
            Ok((SidecarContents::from_notes(without_blank(&file.notes)), 0))
        }
        2 | 3 => {
            let (file, dropped) = match serde_json::from_str::<SidecarV2>(text) {
                Ok(file) => (file, 0),
                Err(error) => {
                    machine_cache::without_unreadable_entries(text).ok_or(Damage::Json(error))?
                }
            };
            let contents = SidecarContents {
                notes: without_blank(&file.notes),
                translations: file.translations,
            };
            Ok((contents, dropped))
        }
        // `read_version` lets through only versions listed above.
        _ => Err(LoadError::NewerVersion(version.into())),
    }
}

/// Best effort, for a file from a newer version: the notes in it that this version
/// can understand, to show them read-only. Notes of a shape it does not know are left
/// out (they stay in the file, which is never written to).
pub fn readable_notes(text: &str) -> Notes {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Notes::new();
    };
    let Some(notes) = value.get("notes").and_then(serde_json::Value::as_object) else {
        return Notes::new();
    };
    notes
        .iter()
        .filter_map(|(id, note)| {
            let note = Note::deserialize(note).ok()?;
            (!note.is_blank()).then(|| (NoteId(id.clone()), note))
        })
        .collect()
}

/// Best effort, for a file from a newer version: what this version can understand of
/// it (see [`readable_notes`]); translations of a shape it does not know are left out.
pub fn readable_contents(text: &str) -> SidecarContents {
    let translations = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| TranslationData::deserialize(value.get("translations")?).ok())
        .unwrap_or_default();
    SidecarContents {
        notes: readable_notes(text),
        translations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, HighlightColor, SectionId};

    fn sample_notes() -> Notes {
        let note = Note {
            anchor: Anchor::span(SectionId(7), "قال رسول الله ﷺ", 0..6),
            color: Some(HighlightColor::Green),
            text: "ملاحظة".to_owned(),
            tags: vec!["حديث".to_owned()],
            created_ms: 1,
            modified_ms: 2,
            deleted: false,
            conflict_with: None,
        };
        [(NoteId::new(1, 2), note)].into_iter().collect()
    }

    #[test]
    fn round_trips_and_is_human_readable() {
        let text = encode("001.txt", &sample_notes()).expect("encodes");
        assert!(text.contains("\"format\": \"hamish-notes\""));
        assert!(
            text.contains("\"text\": \"ملاحظة\""),
            "Arabic is written as text, not escapes:\n{text}"
        );
        assert!(text.contains("\"section\": \"0000000000000007\""));
        assert_eq!(decode(&text).expect("decodes"), sample_notes());
        let again = encode("001.txt", &decode(&text).expect("decodes")).expect("encodes");
        assert_eq!(again, text, "stable output");
    }

    #[test]
    fn damaged_and_newer_files_are_recognised() {
        let text = encode("001.txt", &sample_notes()).expect("encodes");
        for damaged in [
            "",
            "{",
            &text[..text.len() / 2],
            "[1, 2]",
            "{\"format\": \"other\", \"version\": 1}",
            "{\"format\": \"hamish-notes\"}",
            "{\"format\": \"hamish-notes\", \"version\": \"2\"}",
        ] {
            assert!(
                matches!(decode(damaged), Err(LoadError::Damaged(_))),
                "{damaged:?}"
            );
        }
        for version in [
            "4",
            "7",
            "0",
            "-1",
            "4294967296",
            "99999999999",
            "18446744073709551616",
            "1e40",
            "1.5",
        ] {
            let newer = text
                .replace("\"version\": 2", &format!("\"version\": {version}"))
                .replace("\"notes\"", "\"notes_v7\"");
            match decode(&newer) {
                Err(LoadError::NewerVersion(number)) => {
                    assert!(
                        number.to_string().starts_with(&version[..1]),
                        "{version}: {number}"
                    );
                }
                other => panic!("version {version} must be newer, not {other:?}"),
            }
        }
    }

    /// A version 1 file as the first release wrote it: every field a note can have.
    const VERSION_1_FILE: &str = r#"{
  "format": "hamish-notes",
  "version": 1,
  "article": "001.txt",
  "notes": {
    "a": {
      "anchor": { "section": "0000000000000007", "section_text": "نص" },
      "color": "pink",
      "text": "ملاحظة",
      "tags": ["وسم"],
      "created_ms": 1,
      "modified_ms": 2,
      "deleted": true,
      "conflict_with": "b"
    },
    "b": {
      "anchor": { "section": "0000000000000007", "section_text": "نص" },
      "text": "أخرى",
      "created_ms": 3,
      "modified_ms": 4
    }
  }
}"#;

    #[test]
    fn a_version_1_file_reads_without_loss() {
        let text = VERSION_1_FILE;
        let notes = decode(text).expect("decodes");
        let a = &notes[&NoteId("a".into())];
        assert_eq!(a.color, Some(HighlightColor::Pink));
        assert_eq!((a.created_ms, a.modified_ms, a.deleted), (1, 2, true));
        assert_eq!(a.conflict_with, Some(NoteId("b".into())));
        assert_eq!(a.tags, ["وسم"]);
        assert_eq!(notes[&NoteId("b".into())].text, "أخرى");
        assert_eq!(
            decode(&encode("001.txt", &notes).expect("encodes")).ok(),
            Some(notes)
        );
    }

    #[test]
    fn blank_notes_are_not_written() {
        let mut notes = sample_notes();
        let blank = Note::new(Anchor::section(SectionId(1), "نص"), 5);
        notes.insert(NoteId("blank".into()), blank);
        let text = encode("001.txt", &notes).expect("encodes");
        assert!(!text.contains("blank"), "{text}");
        assert_eq!(decode(&text).expect("decodes"), sample_notes());
    }

    #[test]
    fn readable_notes_of_a_newer_file_are_found() {
        let text = encode("001.txt", &sample_notes())
            .expect("encodes")
            .replace("\"version\": 2", "\"version\": 4")
            .replace(
                "\"article\"",
                "\"translations\": {\"x\": 1},\n  \"article\"",
            );
        let mut with_unknown = serde_json::from_str::<serde_json::Value>(&text).expect("json");
        with_unknown["notes"]["strange"] = serde_json::json!({"shape": "new"});
        let found = readable_notes(&with_unknown.to_string());
        assert_eq!(found, sample_notes());
        assert!(readable_notes("not json").is_empty());
    }

    fn sample_contents() -> SidecarContents {
        let mut translations = TranslationData::default();
        translations.set_reader_translation("en", SectionId(7), "نص", "My translation", None, 3);
        translations.set_reader_translation("fa", SectionId(7), "نص", "ترجمهٔ من", None, 4);
        translations.add_fix(
            "001.en.txt",
            "en",
            "abc",
            crate::model::translation::AlignmentFix::ShiftDown { row: 2 },
        );
        translations.shown_language = Some("en".to_owned());
        translations.add_pin(
            "003.en.txt",
            "en",
            "00ff",
            crate::model::translation::SentencePin {
                article: 4,
                translation: 3,
            },
        );
        translations.cache_sentences("003.en.txt", "en", "v1/00ff/4.3", "0-1:0-2:982".to_owned());
        SidecarContents {
            notes: sample_notes(),
            translations,
        }
    }

    #[test]
    fn pins_are_written_as_version_3_and_everything_else_as_version_2() {
        // With pins: version 3, which a build that knows only version 2 never rewrites
        // (it would drop the pins).
        let text = encode_contents("001.txt", &sample_contents()).expect("encodes");
        assert_eq!(read_version(&text).expect("known"), 3);
        assert!(text.contains("\"version\": 3"), "{text}");
        assert!(text.contains("\"text\": \"ترجمهٔ من\""), "as text:\n{text}");
        assert!(
            text.contains("\"links\": \"0-1:0-2:982\""),
            "as text:\n{text}"
        );
        assert!(text.contains("\"pins\""), "as text:\n{text}");
        assert_eq!(decode_contents(&text).expect("decodes"), sample_contents());
        let again = encode_contents("001.txt", &decode_contents(&text).expect("decodes"));
        assert_eq!(again.expect("encodes"), text, "stable output");
        // Without pins (the cache and the rest kept): version 2, as before.
        let mut unpinned = sample_contents();
        unpinned.translations.pins.clear();
        let text = encode_contents("001.txt", &unpinned).expect("encodes");
        assert_eq!(read_version(&text).expect("known"), 2);
        assert_eq!(decode_contents(&text).expect("decodes"), unpinned);
        // Without translations, what is read back is still exactly what was written.
        let plain = SidecarContents::from_notes(sample_notes());
        let text = encode_contents("001.txt", &plain).expect("encodes");
        assert_eq!(decode_contents(&text).expect("decodes"), plain);
    }

    #[test]
    fn a_version_1_file_is_upgraded_without_loss_and_written_as_version_2() {
        let v1 = VERSION_1_FILE;
        let upgraded = decode_contents(v1).expect("decodes");
        assert_eq!(upgraded.notes, decode(v1).expect("decodes"));
        assert_eq!(upgraded.notes.len(), 2);
        assert!(upgraded.translations.is_empty());
        let written = encode_contents("001.txt", &upgraded).expect("encodes");
        assert_eq!(read_version(&written).expect("known"), 2);
        assert_eq!(decode_contents(&written).expect("decodes"), upgraded);
        // Every note field as the v1 file had it, compared as JSON.
        let before: serde_json::Value = serde_json::from_str(v1).expect("json");
        let after: serde_json::Value = serde_json::from_str(&written).expect("json");
        assert_eq!(before["notes"], after["notes"]);
        assert_eq!(after["article"], "001.txt");
    }

    /// A version 2 file with a machine translation, as the first build to write
    /// version 2 wrote it (no `glossary_missed`).
    const VERSION_2_MACHINE_FILE: &str = r#"{
  "format": "hamish-notes",
  "version": 2,
  "article": "001.txt",
  "notes": {},
  "translations": {
    "reader": {},
    "fixes": [],
    "machine": {
      "en": {
        "0000000000000007": {
          "section_text": "نص",
          "text": "Text",
          "engine": "ollama",
          "model": "qwen2.5:7b",
          "made_ms": 1763800000000
        }
      }
    }
  }
}
"#;

    #[test]
    fn machine_translations_read_from_an_earlier_version_2_file_and_write_it_back_the_same() {
        let contents = decode_contents(VERSION_2_MACHINE_FILE).expect("decodes");
        let made = &contents.translations.machine["en"][&SectionId(7)];
        assert_eq!(
            (made.engine.as_str(), made.model.as_str()),
            ("ollama", "qwen2.5:7b")
        );
        assert_eq!(made.made_ms, 1_763_800_000_000);
        assert!(made.glossary_missed.is_empty());
        let written = encode_contents("001.txt", &contents).expect("encodes");
        assert_eq!(written, VERSION_2_MACHINE_FILE, "byte for byte");
        // With terms missed, they are kept; an older reader ignores the field.
        let mut flagged = contents.clone();
        flagged
            .translations
            .machine
            .get_mut("en")
            .and_then(|entries| entries.get_mut(&SectionId(7)))
            .expect("entry")
            .glossary_missed = vec!["نص".to_owned()];
        let written = encode_contents("001.txt", &flagged).expect("encodes");
        assert!(written.contains("\"glossary_missed\""), "{written}");
        assert_eq!(decode_contents(&written).expect("decodes"), flagged);
    }

    #[test]
    fn readable_contents_of_a_newer_file_keep_known_translations() {
        let text = encode_contents("001.txt", &sample_contents())
            .expect("encodes")
            .replace("\"version\": 3", "\"version\": 4");
        assert!(matches!(decode(&text), Err(LoadError::NewerVersion(_))));
        assert_eq!(readable_contents(&text), sample_contents());
    }
}
