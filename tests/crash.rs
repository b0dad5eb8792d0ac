//! Notes survive `kill -9` at any moment: a child process keeps adding notes through
//! the real autosave path and is killed at random times, hundreds of times. After each
//! kill the sidecar parses, holds a consistent set of notes (never half of a save),
//! and holds every note whose save had been confirmed before the kill.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hamish::model::{Anchor, Note, NoteId, SectionId};
use hamish::store::{
    ArticleNotes, SidecarReport, SidecarWorker, StoreNotice, WorkerEvent, load, sidecar_path,
};

/// Set in the child's environment: the article whose notes it edits.
const CHILD_ARTICLE: &str = "HAMISH_CRASH_TEST_ARTICLE";

const ROUNDS: usize = 200;

fn note(number: usize) -> Note {
    Note {
        anchor: Anchor::section(SectionId(42), "فقرة"),
        color: None,
        text: format!("ملاحظة رقم {number} ").repeat(1 + number % 7),
        tags: Vec::new(),
        created_ms: number as u64,
        modified_ms: number as u64,
        deleted: false,
        conflict_with: None,
    }
}

fn id(number: usize) -> NoteId {
    NoteId(format!("{number:08}"))
}

/// The child: adds notes in bursts and prints `SAVED n` once the first `n` notes
/// are confirmed on disk. Runs until killed.
fn run_child(article: &Path) {
    let worker = SidecarWorker::spawn(|| {}).expect("worker thread");
    let (mut notes, notices) = ArticleNotes::open(article);
    // A kill in the middle of a swap may leave a swap file, merged in at opening.
    assert!(
        notices
            .iter()
            .all(|notice| matches!(notice, StoreNotice::Recovered { .. })),
        "the sidecar left by a kill is always usable: {notices:?}"
    );
    let mut count = notes.notes().len();
    let mut counts_by_generation = Vec::new();
    let mut rng = fastrand::Rng::new();
    loop {
        for _ in 0..rng.usize(1..10) {
            let now = Instant::now();
            let number = count;
            notes.edit(now, |notes| notes.insert(id(number), note(number)));
            count += 1;
            if let Some(request) = notes.take_save(now, false) {
                counts_by_generation.push((request.generation, count));
                worker.save(request);
            }
            std::thread::sleep(Duration::from_millis(rng.u64(0..4)));
        }
        // A pause, as when the reader stops typing: the autosave becomes due.
        let pause_until = Instant::now() + Duration::from_millis(rng.u64(320..450));
        while Instant::now() < pause_until {
            if let Some(request) = notes.take_save(Instant::now(), false) {
                counts_by_generation.push((request.generation, count));
                worker.save(request);
            }
            if let Some(WorkerEvent::Sidecar { report, .. }) =
                worker.wait_event(Duration::from_millis(20))
            {
                let saved_generation = match &report {
                    SidecarReport::Saved { generation, .. } => Some(*generation),
                    _ => None,
                };
                notes.report(Instant::now(), report);
                if let Some((_, saved)) = saved_generation.and_then(|generation| {
                    counts_by_generation.iter().find(|(g, _)| *g == generation)
                }) {
                    println!("SAVED {saved}");
                }
            }
        }
    }
}

/// Not a test: the child process the test below starts (`--ignored --exact`), so it
/// is never counted as a test that passed.
#[test]
#[ignore = "the child process of notes_survive_being_killed_at_any_moment"]
fn child_process() {
    if let Ok(article) = std::env::var(CHILD_ARTICLE) {
        run_child(&PathBuf::from(article));
    }
}

#[test]
fn notes_survive_being_killed_at_any_moment() {
    if std::env::var(CHILD_ARTICLE).is_ok() {
        return;
    }
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("001.txt");
    std::fs::write(&article, "فقرة").expect("article");
    let sidecar = sidecar_path(&article);
    let mut rng = fastrand::Rng::with_seed(7);
    let mut confirmed_total = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--ignored",
                "--exact",
                "child_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ARTICLE, &article)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let confirmed = Arc::new(Mutex::new(0usize));
        let reader = {
            let confirmed = Arc::clone(&confirmed);
            let stdout = child.stdout.take().expect("stdout");
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    // The first one shares its line with the test harness's
                    // "test child_process ... ".
                    if let Some(count) = line
                        .split_once("SAVED ")
                        .and_then(|(_, n)| n.trim().parse::<usize>().ok())
                    {
                        let mut confirmed = confirmed.lock().expect("lock");
                        *confirmed = (*confirmed).max(count);
                    }
                }
            })
        };
        std::thread::sleep(Duration::from_millis(rng.u64(10..700)));
        child.kill().expect("kill -9");
        child.wait().expect("reaped");
        reader.join().expect("reader");
        let confirmed = *confirmed.lock().expect("lock");

        let notes = load(&sidecar)
            .unwrap_or_else(|error| panic!("round {round}: the sidecar must parse: {error}"));
        assert!(
            notes.len() >= confirmed,
            "round {round}: {confirmed} notes were confirmed, {} on disk",
            notes.len()
        );
        let expected: Vec<NoteId> = (0..notes.len()).map(id).collect();
        assert_eq!(
            notes.keys().cloned().collect::<Vec<_>>(),
            expected,
            "round {round}: a whole save, in order"
        );
        for (number, note_on_disk) in notes.values().enumerate() {
            assert_eq!(
                *note_on_disk,
                note(number),
                "round {round}: note {number} intact"
            );
        }
        confirmed_total += confirmed;
    }
    assert!(
        load(&sidecar).expect("parses").len() > 50,
        "the children got to save plenty"
    );
    assert!(confirmed_total > 0);
}
