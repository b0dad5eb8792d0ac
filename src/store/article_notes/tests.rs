use std::time::Duration;

use super::*;
use crate::model::{Anchor, HighlightColor, Note, SectionId};
use crate::store::error::Damage;
use crate::store::worker::{SidecarWorker, WorkerEvent};
use crate::store::{encode, load};

fn note(text: &str) -> Note {
    Note {
        text: text.to_owned(),
        ..Note::new(Anchor::section(SectionId(1), "نص"), 1)
    }
}

/// Hands the due save to a real writer thread and takes in its report.
fn save_through(worker: &SidecarWorker, notes: &mut ArticleNotes) -> Vec<StoreNotice> {
    let Some(request) = notes.take_save(Instant::now(), true) else {
        return Vec::new();
    };
    worker.save(request);
    loop {
        match worker.wait_event(Duration::from_secs(10)) {
            Some(WorkerEvent::Sidecar {
                report: report @ (SidecarReport::Saved { .. } | SidecarReport::NotSaved { .. }),
                ..
            }) => return notes.report(Instant::now(), report),
            Some(_) => continue,
            None => panic!("the writer answers"),
        }
    }
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

#[test]
fn a_damaged_sidecar_is_kept_aside_and_a_fresh_one_started() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    std::fs::write(
        sidecar_path(&article),
        "{\"format\": \"hamish-notes\", \"vers",
    )
    .expect("write");
    let (mut notes, notices) = ArticleNotes::open(&article);
    let [StoreNotice::SetAside { damage, aside }] = notices.as_slice() else {
        panic!("the reader is told: {notices:?}");
    };
    assert!(matches!(**damage, LoadError::Damaged(Damage::Json(_))));
    assert!(aside.to_string_lossy().contains(".unreadable-"));
    assert!(std::fs::read_to_string(aside).is_ok_and(|text| text.ends_with("\"vers")));
    assert!(notes.saving().is_enabled());
    let now = Instant::now();
    notes.edit(now, |notes| notes.insert(NoteId::new(1, 1), note("جديدة")));
    assert!(notes.take_save(now, true).is_some());
}

#[test]
fn a_sidecar_that_is_not_utf8_is_kept_aside_byte_for_byte_and_never_overwritten() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let sidecar = sidecar_path(&article);
    let notes_before: Notes = [(NoteId::new(1, 1), note("ملاحظة قديمة"))].into();
    let mut bytes = encode("001.txt", &notes_before)
        .expect("encodes")
        .into_bytes();
    // One invalid byte inside the note's text: a lossy read would turn it into U+FFFD
    // and the next save would write that over the original.
    let at = bytes.len() - 40;
    bytes[at] = 0xfe;
    std::fs::write(&sidecar, &bytes).expect("write");

    let (mut notes, notices) = ArticleNotes::open(&article);
    let [StoreNotice::SetAside { damage, aside }] = notices.as_slice() else {
        panic!("kept aside: {notices:?}");
    };
    assert!(
        matches!(**damage, LoadError::Damaged(Damage::NotUtf8 { .. })),
        "{damage:?}"
    );
    assert_eq!(std::fs::read(aside).expect("kept"), bytes, "byte for byte");

    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    for text in ["أولى", "ثانية"] {
        let now = Instant::now();
        notes.edit(now, |notes| {
            notes.insert(NoteId::new(2, text.len() as u32), note(text))
        });
        save_through(&worker, &mut notes);
    }
    assert_eq!(
        std::fs::read(aside).expect("kept"),
        bytes,
        "never overwritten"
    );
    assert_eq!(load(&sidecar).expect("a fresh sidecar").len(), 2);
}

#[test]
fn an_unreadable_sidecar_holds_saves() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    // A folder where the sidecar should be: it exists but cannot be read as a file.
    std::fs::create_dir(sidecar_path(&article)).expect("folder in the way");
    let (mut notes, notices) = ArticleNotes::open(&article);
    assert!(matches!(
        notices.as_slice(),
        [StoreNotice::Held(HoldReason::Unreadable { .. })]
    ));
    let now = Instant::now();
    notes.edit(now, |notes| notes.insert(NoteId::new(1, 1), note("جديدة")));
    assert_eq!(notes.take_save(now, true), None);
    assert!(sidecar_path(&article).is_dir(), "never touched");
}

#[test]
fn a_read_only_folder_holds_saves() {
    let folder = tempfile::tempdir().expect("folder");
    let (mut notes, _) = ArticleNotes::open(&folder.path().join("001.txt"));
    let now = Instant::now();
    notes.edit(now, |notes| {
        notes.insert(NoteId::new(1, 1), note("في الذاكرة"))
    });
    let request = notes.take_save(now, true).expect("a save is asked for");
    let notices = notes.report(
        now,
        SidecarReport::NotSaved {
            generation: request.generation,
            reason: NotSaved::Failed(std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem)),
        },
    );
    assert!(matches!(
        notices.as_slice(),
        [StoreNotice::Held(HoldReason::ReadOnly { .. })]
    ));
    assert!(!notes.saving().is_enabled());
    notes.edit(now, |notes| notes.insert(NoteId::new(2, 2), note("أخرى")));
    assert_eq!(
        notes.take_save(now, true),
        None,
        "nothing more is sent to the sidecar"
    );
    assert!(
        notes
            .encoded()
            .is_ok_and(|text| text.contains("في الذاكرة") && text.contains("أخرى")),
        "all kept for Save as"
    );
}

#[test]
fn outside_changes_merge_and_true_conflicts_keep_both() {
    let folder = tempfile::tempdir().expect("folder");
    let (mut notes, _) = ArticleNotes::open(&folder.path().join("001.txt"));
    let now = Instant::now();
    let id = NoteId::new(1, 1);
    notes.edit(now, |notes| notes.insert(id.clone(), note("الأصل")));
    let request = notes.take_save(now, true).expect("save");
    let written = request.contents.clone();
    notes.report(
        now,
        SidecarReport::Saved {
            generation: request.generation,
            saved: crate::store::Saved {
                written,
                ..Default::default()
            },
        },
    );
    // Here the note is changed; elsewhere too, differently, and a note is added.
    notes.edit(now, |notes| notes.insert(id.clone(), note("من هنا")));
    let mut theirs = notes.on_disk.clone();
    theirs.notes.insert(id.clone(), note("من هناك"));
    theirs
        .notes
        .insert(NoteId::new(5, 5), note("جديدة من هناك"));
    let notices = notes.report(now, SidecarReport::ChangedOnDisk(Ok(theirs)));
    assert!(matches!(
        notices.as_slice(),
        [StoreNotice::OutsideChangesMerged { conflicts: 1 }]
    ));
    let texts: Vec<&str> = notes
        .notes()
        .values()
        .map(|note| note.text.as_str())
        .collect();
    assert!(
        texts.contains(&"من هنا") && texts.contains(&"من هناك") && texts.contains(&"جديدة من هناك"),
        "{texts:?}"
    );
    assert!(notes.take_save(now, true).is_some(), "the merge is saved");
}

#[test]
fn a_save_merges_what_changed_on_disk_since_the_app_last_looked() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let sidecar = sidecar_path(&article);
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    let (mut notes, _) = ArticleNotes::open(&article);
    let ours = NoteId::new(1, 1);
    notes.edit(Instant::now(), |notes| {
        notes.insert(ours.clone(), note("1"))
    });
    save_through(&worker, &mut notes);
    // Just before the next save, a sync tool changes our note's neighbour and adds one.
    let mut outside = load(&sidecar).expect("loads");
    outside.insert(NoteId::new(9, 9), note("من الخارج"));
    crate::store::write_atomic(
        &sidecar,
        encode("001.txt", &outside).expect("encodes").as_bytes(),
    )
    .expect("written");
    notes.edit(Instant::now(), |notes| {
        notes.insert(ours.clone(), note("2"))
    });
    let notices = save_through(&worker, &mut notes);
    assert!(
        matches!(
            notices.as_slice(),
            [StoreNotice::OutsideChangesMerged { conflicts: 0 }]
        ),
        "{notices:?}"
    );
    let on_disk = load(&sidecar).expect("loads");
    assert_eq!(on_disk[&ours].text, "2");
    assert_eq!(on_disk[&NoteId::new(9, 9)].text, "من الخارج");
    assert_eq!(
        notes.notes()[&NoteId::new(9, 9)].text,
        "من الخارج",
        "shown too"
    );
}

fn newer_sidecar(version: &str) -> String {
    let notes: Notes = [(NoteId::new(1, 1), note("من إصدار أحدث"))].into();
    encode("001.txt", &notes)
        .expect("encodes")
        .replace("\"version\": 2", &format!("\"version\": {version}"))
        .replace(
            "\"article\"",
            "\"translations\": {\"s1\": \"hello\"},\n  \"article\"",
        )
}

#[test]
fn a_newer_sidecar_is_left_untouched_under_its_name_and_shown_read_only() {
    for version in ["4", "99999999999"] {
        let folder = tempfile::tempdir().expect("folder");
        let article = folder.path().join("001.txt");
        let sidecar = sidecar_path(&article);
        let bytes = newer_sidecar(version).into_bytes();
        std::fs::write(&sidecar, &bytes).expect("write");
        let files_before = files_in(folder.path());

        let (mut notes, notices) = ArticleNotes::open(&article);
        let [StoreNotice::Held(HoldReason::NewerVersion { version: found, .. })] =
            notices.as_slice()
        else {
            panic!("newer, not damaged: {notices:?}");
        };
        assert_eq!(found.to_string(), version);
        // Shown, read-only.
        let old = NoteId::new(1, 1);
        assert_eq!(notes.notes()[&old].text, "من إصدار أحدث");
        assert!(notes.is_read_only(&old));
        let now = Instant::now();
        notes.edit(now, |notes| {
            notes
                .get_mut(&old)
                .map(|note| note.text = "تغيير".to_owned())
        });
        assert_eq!(
            notes.notes()[&old].text,
            "من إصدار أحدث",
            "cannot be changed"
        );
        // New notes stay in memory, for Save notes as…
        notes.edit(now, |notes| notes.insert(NoteId::new(2, 2), note("جديدة")));
        assert!(!notes.is_read_only(&NoteId::new(2, 2)));
        assert_eq!(notes.take_save(now, true), None);
        assert!(notes.encoded().is_ok_and(|text| text.contains("جديدة")));
        // So do the reader's translations.
        notes.edit_translations(now, |data| {
            data.set_reader_translation("en", SectionId(1), "نص", "pending", None, 5);
        });
        assert_eq!(notes.take_save(now, true), None);
        assert!(notes.encoded().is_ok_and(|text| text.contains("pending")));
        // Even a save asked for behind its back does not touch it.
        let worker = SidecarWorker::spawn(|| {}).expect("worker");
        worker.save(SaveRequest {
            sidecar: sidecar.clone(),
            article_name: "001.txt".to_owned(),
            base: SidecarContents::default(),
            contents: notes.contents().clone(),
            generation: 99,
            settled: Vec::new(),
        });
        match worker.wait_event(Duration::from_secs(10)) {
            Some(WorkerEvent::Sidecar {
                report:
                    SidecarReport::NotSaved {
                        reason: NotSaved::Unusable(LoadError::NewerVersion(_)),
                        ..
                    },
                ..
            }) => {}
            other => panic!("refused: {other:?}"),
        }
        drop(worker);
        assert_eq!(
            std::fs::read(&sidecar).expect("there"),
            bytes,
            "byte for byte"
        );
        assert_eq!(
            files_in(folder.path()),
            files_before,
            "nothing renamed or added"
        );
    }
}

#[test]
fn a_sidecar_replaced_by_a_newer_one_from_outside_holds_saves() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let sidecar = sidecar_path(&article);
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    let (mut notes, _) = ArticleNotes::open(&article);
    notes.edit(Instant::now(), |n| n.insert(NoteId::new(1, 1), note("1")));
    save_through(&worker, &mut notes);
    let bytes = newer_sidecar("4").into_bytes();
    std::fs::write(&sidecar, &bytes).expect("a newer device syncs");
    notes.edit(Instant::now(), |n| n.insert(NoteId::new(1, 1), note("2")));
    let notices = save_through(&worker, &mut notes);
    assert!(
        matches!(
            notices.as_slice(),
            [StoreNotice::Held(HoldReason::NewerVersion { .. })]
        ),
        "{notices:?}"
    );
    assert_eq!(std::fs::read(&sidecar).expect("there"), bytes);
    assert_eq!(notes.take_save(Instant::now(), true), None);
}

#[test]
fn blank_notes_are_not_written_and_closing_an_empty_editor_removes_the_note() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    let (mut notes, _) = ArticleNotes::open(&article);
    let blank = NoteId::new(1, 1);
    let highlight = NoteId::new(2, 2);
    let now = Instant::now();
    notes.edit(now, |n| {
        n.insert(blank.clone(), note(""));
        n.insert(
            highlight.clone(),
            Note {
                color: Some(HighlightColor::Yellow),
                ..note("")
            },
        )
    });
    save_through(&worker, &mut notes);
    let on_disk = load(&sidecar_path(&article)).expect("loads");
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        [&highlight],
        "blank left out"
    );
    assert!(notes.notes().contains_key(&blank), "still being edited");
    assert!(
        !notes.remove_if_blank(now, &highlight),
        "a highlight is kept"
    );
    assert!(notes.remove_if_blank(now, &blank));
    assert!(!notes.notes().contains_key(&blank));
}

#[test]
fn notes_left_by_a_save_cut_short_are_recovered() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let sidecar = sidecar_path(&article);
    let kept: Notes = [(NoteId::new(1, 1), note("على القرص"))].into();
    std::fs::write(&sidecar, encode("001.txt", &kept).expect("encodes")).expect("write");
    // A swap file whose content is not what its name says was read: it may hold a
    // change made outside, and must not be lost.
    let mut lost = kept.clone();
    lost.insert(NoteId::new(2, 2), note("كانت في الطريق"));
    let leftover = folder
        .path()
        .join(".001.txt.hamish.json.swap-0000000000000000-1-0");
    std::fs::write(&leftover, encode("001.txt", &lost).expect("encodes")).expect("write");
    let (mut notes, notices) = ArticleNotes::open(&article);
    assert!(
        matches!(notices.as_slice(), [StoreNotice::Recovered { files: 1 }]),
        "{notices:?}"
    );
    assert_eq!(notes.notes(), &lost);
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    save_through(&worker, &mut notes);
    assert_eq!(load(&sidecar).expect("loads"), lost);
    assert!(!leftover.exists(), "settled once saved");
}

fn translate(notes: &mut ArticleNotes, section: u64, text: &str, time: u64) {
    notes.edit_translations(Instant::now(), |data| {
        data.set_reader_translation("en", SectionId(section), "نص", text, None, time);
    });
}

fn translation_of(notes: &ArticleNotes, section: u64) -> Option<&str> {
    let entry = notes
        .translations()
        .reader
        .get("en")?
        .get(&SectionId(section))?;
    Some(entry.text.as_str())
}

#[test]
fn translations_are_saved_like_notes_and_bump_the_revisions() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let (mut notes, _) = ArticleNotes::open(&article);
    let (revision, translations_revision) = (notes.revision(), notes.translations_revision());
    translate(&mut notes, 1, "my translation", 5);
    assert!(notes.revision() > revision);
    assert!(notes.translations_revision() > translations_revision);
    let now = Instant::now();
    assert!(notes.time_until_save(now).is_some(), "an autosave is due");
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    save_through(&worker, &mut notes);
    drop(worker);
    let text = std::fs::read_to_string(sidecar_path(&article)).expect("written");
    assert!(
        text.contains("\"version\": 2") && text.contains("my translation"),
        "{text}"
    );
    let (again, _) = ArticleNotes::open(&article);
    assert_eq!(translation_of(&again, 1), Some("my translation"));
    // A note's edit does not move the translations' revision.
    let translations_revision = notes.translations_revision();
    notes.edit(now, |notes| notes.insert(NoteId::new(1, 1), note("ملاحظة")));
    assert_eq!(notes.translations_revision(), translations_revision);
}

#[test]
fn translations_changed_outside_are_merged_in() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let (mut notes, _) = ArticleNotes::open(&article);
    translate(&mut notes, 1, "one", 1);
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    save_through(&worker, &mut notes);
    // Another window translates section 2; here section 1 is corrected meanwhile.
    let mut theirs = notes.contents().clone();
    theirs.translations.set_reader_translation(
        "en",
        SectionId(2),
        "نص",
        "two, from outside",
        None,
        2,
    );
    translate(&mut notes, 1, "one, corrected", 3);
    let revision = notes.translations_revision();
    let notices = notes.report(Instant::now(), SidecarReport::ChangedOnDisk(Ok(theirs)));
    assert!(matches!(
        notices.as_slice(),
        [StoreNotice::OutsideChangesMerged { conflicts: 0 }]
    ));
    assert!(
        notes.translations_revision() > revision,
        "the column is resolved again"
    );
    assert_eq!(translation_of(&notes, 1), Some("one, corrected"));
    assert_eq!(translation_of(&notes, 2), Some("two, from outside"));
    // And on disk, the save merges the same way with what is really there.
    std::fs::write(
        sidecar_path(&article),
        crate::store::encode_contents("001.txt", &{
            let mut outside = notes.contents().clone();
            outside
                .translations
                .set_reader_translation("en", SectionId(3), "نص", "three", None, 4);
            outside
        })
        .expect("encodes"),
    )
    .expect("write");
    translate(&mut notes, 4, "four", 5);
    save_through(&worker, &mut notes);
    drop(worker);
    let on_disk = crate::store::load_contents(&sidecar_path(&article)).expect("loads");
    let en = &on_disk.translations.reader["en"];
    for (section, text) in [
        (1, "one, corrected"),
        (2, "two, from outside"),
        (3, "three"),
        (4, "four"),
    ] {
        assert_eq!(en[&SectionId(section)].text, text);
    }
}

#[test]
fn a_sidecar_that_cannot_be_read_is_never_written_with_translations() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    // A folder where the sidecar should be: it cannot be read.
    std::fs::create_dir(sidecar_path(&article)).expect("folder in its place");
    let (mut notes, notices) = ArticleNotes::open(&article);
    assert!(
        matches!(
            notices.as_slice(),
            [StoreNotice::Held(HoldReason::Unreadable { .. })]
        ),
        "{notices:?}"
    );
    translate(&mut notes, 1, "kept in memory", 1);
    assert_eq!(notes.take_save(Instant::now(), true), None);
    assert!(
        notes
            .encoded()
            .is_ok_and(|text| text.contains("kept in memory"))
    );
    assert!(sidecar_path(&article).is_dir(), "untouched");
}

/// Opens `article` on a thread: a sidecar that makes the read wait (a FIFO) fails the
/// test instead of hanging it.
fn open_within_seconds(article: &Path) -> (ArticleNotes, Vec<StoreNotice>) {
    let article = article.to_path_buf();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(ArticleNotes::open(&article));
    });
    receiver
        .recv_timeout(Duration::from_secs(20))
        .expect("the sidecar is opened without waiting")
}

#[cfg(target_os = "linux")]
#[test]
fn a_fifo_or_a_device_in_the_sidecar_s_place_is_never_read_nor_replaced() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let sidecar = sidecar_path(&article);
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &sidecar,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .expect("mkfifo");
    let (_, notices) = open_within_seconds(&article);
    assert!(
        matches!(
            notices.as_slice(),
            [StoreNotice::Held(HoldReason::Unreadable { .. })]
        ),
        "{notices:?}"
    );
    std::fs::remove_file(&sidecar).expect("remove");
    // A link to /dev/zero: the old code read it until the memory ran out.
    std::os::unix::fs::symlink("/dev/zero", &sidecar).expect("link");
    let (mut notes, notices) = open_within_seconds(&article);
    let [StoreNotice::Held(HoldReason::Unreadable { error, .. })] = notices.as_slice() else {
        panic!("held: {notices:?}");
    };
    assert!(error.to_string().contains("not a regular file"), "{error}");
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    notes.edit(Instant::now(), |all| {
        all.insert(NoteId::new(5, 5), note("kept in memory"));
    });
    save_through(&worker, &mut notes);
    assert_eq!(
        std::fs::read_link(&sidecar).expect("still the link"),
        Path::new("/dev/zero")
    );
    assert_eq!(files_in(folder.path()), std::slice::from_ref(&sidecar));
}

#[cfg(unix)]
#[test]
fn a_sidecar_linked_to_nothing_is_kept_and_leaves_no_swap_file() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    std::fs::write(&article, "نص\n").expect("article");
    let sidecar = sidecar_path(&article);
    let target = folder.path().join("unmounted").join("001.txt.hamish.json");
    std::os::unix::fs::symlink(&target, &sidecar).expect("link");
    let (mut notes, notices) = ArticleNotes::open(&article);
    assert!(
        matches!(
            notices.as_slice(),
            [StoreNotice::Held(HoldReason::Unreadable { .. })]
        ),
        "{notices:?}"
    );
    let worker = SidecarWorker::spawn(|| {}).expect("worker");
    notes.edit(Instant::now(), |all| {
        all.insert(NoteId::new(5, 5), note("kept in memory"));
    });
    save_through(&worker, &mut notes);
    // The old code took the link for "no notes yet", wrote a new sidecar in its place
    // and left the link behind under a `.swap-` name.
    assert_eq!(files_in(folder.path()), [article, sidecar.clone()]);
    assert_eq!(std::fs::read_link(&sidecar).expect("the link"), target);
}

/// A version-2 sidecar with a note, a reader's translation and two cached machine
/// translations, the second of which `bad_entry` makes unreadable.
fn sidecar_with_machine_entry(bad_entry: &str) -> String {
    format!(
        r#"{{
  "format": "hamish-notes",
  "version": 2,
  "article": "001.txt",
  "notes": {{
    "0000000000001-00000001": {{
      "anchor": {{ "section": "0000000000000001", "section_text": "نص" }},
      "text": "a note to keep",
      "created_ms": 1,
      "modified_ms": 1
    }}
  }},
  "translations": {{
    "reader": {{ "en": {{ "0000000000000001": {{
      "anchor": {{ "section": "0000000000000001", "section_text": "نص" }},
      "text": "the reader's own", "created_ms": 1, "modified_ms": 1 }} }} }},
    "fixes": [],
    "machine": {{ "en": {{
      "0000000000000001": {{ "section_text": "نص", "text": "text", "engine": "command", "model": "", "made_ms": 1 }},
      {bad_entry}
    }} }}
  }}
}}
"#
    )
}

#[test]
fn an_unreadable_machine_translation_is_dropped_with_a_notice_and_nothing_else() {
    for bad_entry in [
        r#""0000000000000002": { "section_text": "نص", "text": 42 }"#,
        r#""not-a-section": { "text": "x" }"#,
        r#""0000000000000003": "a string, not an entry""#,
    ] {
        let folder = tempfile::tempdir().expect("folder");
        let article = folder.path().join("001.txt");
        let sidecar = sidecar_path(&article);
        let text = sidecar_with_machine_entry(bad_entry);
        std::fs::write(&sidecar, &text).expect("write");
        let (mut notes, notices) = ArticleNotes::open(&article);
        assert!(
            matches!(
                notices.as_slice(),
                [StoreNotice::MachineEntriesDropped { count: 1, .. }]
            ),
            "{bad_entry}: {notices:?}"
        );
        assert!(notes.saving().is_enabled());
        assert_eq!(notes.notes().len(), 1);
        let translations = notes.translations();
        assert_eq!(translations.reader["en"].len(), 1);
        assert_eq!(translations.machine["en"].len(), 1);
        assert_eq!(
            std::fs::read_to_string(&sidecar).expect("read"),
            text,
            "opening changes nothing on disk"
        );
        // The next save keeps everything but the entry that could not be read.
        let worker = SidecarWorker::spawn(|| {}).expect("worker");
        notes.edit(Instant::now(), |all| {
            all.insert(NoteId::new(5, 5), note("a new note"));
        });
        save_through(&worker, &mut notes);
        let backups = folder.path().join(".hamish-backups");
        assert_eq!(
            files_in(folder.path()),
            [backups.clone(), sidecar.clone()],
            "nothing set aside"
        );
        // The file as it was, bad entry included, is in the backups.
        let backup = files_in(&backups);
        assert_eq!(
            std::fs::read_to_string(&backup[0]).expect("backup"),
            text,
            "{bad_entry}"
        );
        let saved = crate::store::load_contents(&sidecar).expect("reads");
        assert_eq!(saved.notes.len(), 2);
        assert_eq!(saved.notes[&NoteId::new(1, 1)].text, "a note to keep");
        assert_eq!(
            saved.translations.reader["en"][&SectionId(1)].text,
            "the reader's own"
        );
        assert_eq!(saved.translations.machine["en"].len(), 1);
        assert_eq!(saved.translations.machine["en"][&SectionId(1)].text, "text");
    }
}

#[test]
fn anything_else_unreadable_still_sets_the_whole_sidecar_aside() {
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    let sidecar = sidecar_path(&article);
    // A bad machine entry *and* a bad note: not a cache miss, damage.
    let text = sidecar_with_machine_entry(r#""0000000000000002": { "text": 42 }"#)
        .replace("\"modified_ms\": 1\n", "\"modified_ms\": \"yesterday\"\n");
    std::fs::write(&sidecar, &text).expect("write");
    let (_, notices) = ArticleNotes::open(&article);
    let [StoreNotice::SetAside { aside, .. }] = notices.as_slice() else {
        panic!("set aside: {notices:?}");
    };
    assert_eq!(std::fs::read_to_string(aside).expect("kept"), text);
}
