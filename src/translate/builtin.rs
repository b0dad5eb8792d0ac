//! The built-in engine behind [`Translator`]: a Firefox Translations model
//! ([`super::firefox`]) chosen for the job's language pair.
//!
//! The configured folder is either one model folder (`ar-en/` as the reader copied
//! it) or a folder of them, one per pair; an empty setting means Hamish's own
//! [`models_dir`]. The folder for the job's pair is found when the engine is opened,
//! so a missing pair is said before any section is tried ("no model for Persian to
//! English; there are: Arabic to English"). Each section waits for the model's
//! thread; a cancel is noticed within a tenth of a second even while a long section is
//! still being decoded (its result is then dropped).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use super::firefox::{FirefoxError, FirefoxModel, ModelFolder, cpu_check, scan_models};
use super::{TranslateError, TranslateRequest, Translator, language_name};

/// Where Hamish looks for models when no folder is set: `models/` in its data folder
/// (`~/.local/share/hamish/models` on Linux).
pub fn models_dir() -> Option<PathBuf> {
    eframe::storage_dir("hamish").map(|dir| dir.join("models"))
}

/// The folder to look in for `configured` (empty: [`models_dir`]).
pub fn model_search_dir(configured: &Path) -> PathBuf {
    if configured.as_os_str().is_empty() {
        models_dir().unwrap_or_default()
    } else {
        configured.to_path_buf()
    }
}

/// An opened Firefox model, as a [`Translator`].
#[derive(Debug)]
pub struct BuiltIn {
    model: Arc<FirefoxModel>,
}

impl BuiltIn {
    /// Opens the model in (or under) `dir` that translates `source` into `target`.
    pub fn open(dir: &Path, source: &str, target: &str) -> Result<BuiltIn, TranslateError> {
        cpu_check().map_err(|error| from_firefox(dir, error))?;
        let folder = choose_folder(dir, source, target)?;
        let model = FirefoxModel::open(&folder.dir).map_err(|error| from_firefox(dir, error))?;
        Ok(BuiltIn {
            model: Arc::new(model),
        })
    }
}

/// The model folder in or under `dir` for `source` → `target`.
fn choose_folder(dir: &Path, source: &str, target: &str) -> Result<ModelFolder, TranslateError> {
    let found = scan_models(dir);
    if found.is_empty() {
        return Err(TranslateError::NoModel {
            dir: dir.to_path_buf(),
        });
    }
    let mut pairs = Vec::new();
    let mut unusable = None;
    for folder in found {
        match folder {
            Ok(folder) => {
                let (from, to) = folder.languages();
                if from == source && to == target {
                    return Ok(folder);
                }
                pairs.push(format!(
                    "{} to {}",
                    language_name(&from),
                    language_name(&to)
                ));
            }
            Err(error) => unusable = unusable.or(Some(error)),
        }
    }
    match unusable {
        // The only candidates are broken: say why rather than "no such pair".
        Some(error) if pairs.is_empty() => Err(from_firefox(dir, error)),
        _ => Err(TranslateError::ModelDoesNotLoad {
            dir: dir.to_path_buf(),
            why: format!(
                "there is no model for {} to {} there; there is: {}",
                language_name(source),
                language_name(target),
                pairs.join(", ")
            ),
        }),
    }
}

/// The engine's error in the words every engine uses.
fn from_firefox(dir: &Path, error: FirefoxError) -> TranslateError {
    match error {
        FirefoxError::NoModel { dir } => TranslateError::NoModel { dir },
        FirefoxError::Cpu { missing } => TranslateError::CpuLacks { what: missing },
        FirefoxError::MissingFile { .. }
        | FirefoxError::MixedFolder { .. }
        | FirefoxError::BadModel { .. } => TranslateError::ModelDoesNotLoad {
            dir: dir.to_path_buf(),
            why: error.to_string(),
        },
        FirefoxError::Decoding(why) => TranslateError::GarbageAnswer { why },
    }
}

impl Translator for BuiltIn {
    fn engine(&self) -> String {
        "firefox".to_owned()
    }

    fn model(&self) -> String {
        self.model.name()
    }

    fn translate(&self, request: &TranslateRequest<'_>) -> Result<String, TranslateError> {
        if request.cancel.load(Ordering::Relaxed) {
            return Err(TranslateError::Cancelled);
        }
        let dir = self.model.folder().dir.clone();
        // The model answers on its own thread; this one waits, and stops waiting when
        // the reader cancels (the model finishes the section and its answer is dropped).
        let (reply, answer) = mpsc::channel();
        let model = Arc::clone(&self.model);
        let text = request.text.to_owned();
        std::thread::Builder::new()
            .name("firefox section".into())
            .spawn(move || {
                let _ = reply.send(model.translate(&text));
            })
            .map_err(|error| TranslateError::GarbageAnswer {
                why: format!("no thread could be started for the built-in engine ({error})"),
            })?;
        wait(&answer, request.cancel)?.map_err(|error| from_firefox(&dir, error))
    }
}

/// Waits for the model's answer, giving up as soon as `cancel` is set.
fn wait<T>(answer: &mpsc::Receiver<T>, cancel: &AtomicBool) -> Result<T, TranslateError> {
    use mpsc::RecvTimeoutError;
    loop {
        match answer.recv_timeout(Duration::from_millis(100)) {
            Ok(value) => return Ok(value),
            Err(RecvTimeoutError::Timeout) if cancel.load(Ordering::Relaxed) => {
                return Err(TranslateError::Cancelled);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(TranslateError::GarbageAnswer {
                    why: "the built-in engine's thread has stopped".to_owned(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::Glossary;
    use crate::translate::firefox::synth::{Precision, Rig, SynthModel};

    #[test]
    fn an_empty_folder_has_no_model() {
        let dir = tempfile::tempdir().expect("temp dir");
        let error = BuiltIn::open(dir.path(), "ar", "en").expect_err("nothing there");
        assert_eq!(
            error,
            TranslateError::NoModel {
                dir: dir.path().to_path_buf()
            }
        );
    }

    #[test]
    fn the_pair_is_chosen_and_a_missing_pair_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vocab = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/firefox/vocab.tiny.spm"),
        )
        .expect("the tiny vocabulary");
        let size = fxtranslate::spm::SpmVocab::from_bytes(&vocab).len();
        SynthModel::tiny(size, Precision::Int8, Rig::StopAtOnce)
            .write_folder(&dir.path().join("ar-en"), "aren", &vocab)
            .expect("model written");
        if cpu_check().is_err() {
            eprintln!("skipped: this processor cannot run the built-in engine");
            return;
        }
        let engine = BuiltIn::open(dir.path(), "ar", "en").expect("the ar-en model opens");
        assert_eq!(engine.engine(), "firefox");
        assert!(engine.model().contains("aren"), "{}", engine.model());
        let cancel = AtomicBool::new(false);
        let glossary = Glossary::default();
        let request = TranslateRequest {
            text: "كتب",
            source_language: "ar",
            target_language: "en",
            context: None,
            glossary: &glossary,
            cancel: &cancel,
        };
        // Rigged to stop at once: the real decoder ran and gave nothing.
        assert_eq!(engine.translate(&request), Ok(String::new()));
        cancel.store(true, Ordering::Relaxed);
        assert_eq!(engine.translate(&request), Err(TranslateError::Cancelled));

        let error = BuiltIn::open(dir.path(), "fa", "en").expect_err("no Persian model");
        let message = error.to_string();
        assert!(message.contains("Persian to English"), "{message}");
        assert!(message.contains("there is: Arabic to English"), "{message}");
    }

    /// A section's sentences are decoded together, in one call to the engine that
    /// runs for the whole section; a cancel still returns within a tenth of a second
    /// (here within a second, for a loaded machine), long before the section is done.
    #[test]
    fn a_cancel_returns_while_a_long_section_is_decoded() {
        if cpu_check().is_err() {
            eprintln!("skipped: this processor cannot run the built-in engine");
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let vocab = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/firefox/vocab.tiny.spm"),
        )
        .expect("the tiny vocabulary");
        let pieces = fxtranslate::spm::SpmVocab::from_bytes(&vocab);
        let repeat = (0..pieces.len() as u32)
            .find(|&id| pieces.piece(id) == "▁ال")
            .expect("▁ال is a piece");
        // Never ending a sentence: every one decodes to its length limit.
        SynthModel::tiny(pieces.len(), Precision::Int8, Rig::Repeat(repeat))
            .write_folder(dir.path(), "aren", &vocab)
            .expect("model written");
        let engine = BuiltIn::open(dir.path(), "ar", "en").expect("opens");
        let sentence = "كتب الولد الدرس في البيت ثم خرج إلى الحديقة. ";
        let section = sentence.repeat(600);
        let cancel = AtomicBool::new(false);
        let glossary = Glossary::default();
        let request = TranslateRequest {
            text: &section,
            source_language: "ar",
            target_language: "en",
            context: None,
            glossary: &glossary,
            cancel: &cancel,
        };
        let (answer, cancelled_at) = std::thread::scope(|scope| {
            let running = scope.spawn(|| {
                let answer = engine.translate(&request);
                (answer, std::time::Instant::now())
            });
            std::thread::sleep(Duration::from_millis(300));
            cancel.store(true, Ordering::Relaxed);
            let cancelled = std::time::Instant::now();
            let (answer, returned) = running.join().expect("no panic");
            (answer, returned.duration_since(cancelled))
        });
        assert_eq!(answer, Err(TranslateError::Cancelled));
        assert!(cancelled_at < Duration::from_secs(1), "{cancelled_at:?}");
    }
}
