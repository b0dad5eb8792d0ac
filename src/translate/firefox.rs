//! The built-in engine: Firefox Translations models run on this computer, through the
//! `fxtranslate` crate (a Rust port of the Bergamot/Marian inference Firefox uses).
//!
//! A model is a folder of three files the reader adds ([`folder`]), plain or
//! gzip-compressed as published ([`packed`]); Hamish checks the
//! processor ([`cpu`]) and the files ([`check`]) before handing them to the engine, so
//! each way a model can be unusable is a sentence rather than a crash. A section is
//! translated line by line and sentence by sentence ([`sentences`]), and the engine's
//! decoder output is repaired where it leaves byte pieces as text ([`bytes`]), and cut
//! where Firefox's engine stops ([`bounded`]).
//!
//! The engine is not `Send`: its packed weights are C++ buffers that fxtranslate only
//! marks `Sync`. Rather than assert more with `unsafe` (which Hamish forbids), the
//! engine is built on a thread of its own and lives there; [`FirefoxModel`] hands it
//! one text at a time over a channel, so the model itself can go anywhere.
//! [`synth`] writes random-weight models in the same format, for the tests and the
//! benchmark (no real model may ship with the app).

pub mod bounded;
pub mod bytes;
pub mod check;
pub mod cpu;
mod error;
pub mod folder;
pub mod packed;
pub mod sentences;
pub mod synth;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;

use fxtranslate::engine::Engine;
use fxtranslate::shortlist::Shortlist;
use fxtranslate::spm::SpmVocab;

use bounded::BoundedEngine;

pub use cpu::cpu_check;
pub use error::FirefoxError;
pub use folder::{ModelFolder, find_models, scan_models, where_to_get_models};

/// An opened Firefox model, ready to translate. Dropping it stops its thread and
/// frees the model.
#[derive(Debug)]
pub struct FirefoxModel {
    folder: ModelFolder,
    jobs: Option<mpsc::Sender<Job>>,
    worker: Option<JoinHandle<()>>,
}

/// One text for the engine's thread, and where the answer goes.
#[derive(Debug)]
struct Job {
    text: String,
    reply: mpsc::Sender<Result<String, FirefoxError>>,
}

impl FirefoxModel {
    /// Opens the model in `model_dir`: checks the processor and the files, then loads
    /// the weights (a second or so for a real model).
    pub fn open(model_dir: &Path) -> Result<FirefoxModel, FirefoxError> {
        cpu_check()?;
        let folder = ModelFolder::read(model_dir)?;
        check::check_model(&folder)?;
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (ready, loaded) = mpsc::channel();
        let files = folder.clone();
        let worker = std::thread::Builder::new()
            .name("firefox translation".into())
            .spawn(move || {
                let engine = match load_engine(&files) {
                    Ok(engine) => engine,
                    Err(error) => {
                        let _ = ready.send(Err(error));
                        return;
                    }
                };
                let _ = ready.send(Ok(()));
                for job in inbox {
                    let _ = job.reply.send(translate_section(&engine, &job.text));
                }
            })
            .map_err(|error| FirefoxError::BadModel {
                path: folder.model.clone(),
                reason: format!("no thread could be started for it ({error})"),
            })?;
        let stopped = || FirefoxError::BadModel {
            path: folder.model.clone(),
            reason: "the engine stopped while loading it".into(),
        };
        match loaded.recv() {
            Ok(Ok(())) => Ok(FirefoxModel {
                folder,
                jobs: Some(jobs),
                worker: Some(worker),
            }),
            Ok(Err(error)) => {
                let _ = worker.join();
                Err(error)
            }
            Err(_) => {
                let _ = worker.join();
                Err(stopped())
            }
        }
    }

    /// Translates one section. Each line is translated on its own (blank lines stay
    /// blank) and each sentence of a line too, within the model's 128-token window.
    /// Waits for the texts other threads handed in first: the engine runs one text at
    /// a time. An empty answer for a non-empty text is returned as it is, for the
    /// caller to flag as it does for every engine.
    pub fn translate(&self, text: &str) -> Result<String, FirefoxError> {
        let stopped = || FirefoxError::Decoding("the engine's thread has stopped".into());
        let (reply, answer) = mpsc::channel();
        let job = Job {
            text: text.to_string(),
            reply,
        };
        self.jobs
            .as_ref()
            .ok_or_else(stopped)?
            .send(job)
            .map_err(|_| stopped())?;
        answer.recv().map_err(|_| stopped())?
    }

    /// The model's name, stored with each translation it makes: the model file's name
    /// without `.bin`, e.g. `model.aren.intgemm.alphas`.
    pub fn name(&self) -> String {
        self.folder.name()
    }

    /// Source and target language codes from the file names, e.g. `("ar", "en")`.
    pub fn languages(&self) -> (String, String) {
        self.folder.languages()
    }

    /// The files the model was opened from.
    pub fn folder(&self) -> &ModelFolder {
        &self.folder
    }
}

impl Drop for FirefoxModel {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop; then the engine is freed there.
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Builds the engine (on its thread). The weights are read into memory rather than
/// mapped, so a model file replaced while Hamish runs cannot crash it; a folder with
/// a gzip-compressed file is read through [`packed`], unpacked in memory.
fn load_engine(folder: &ModelFolder) -> Result<BoundedEngine, FirefoxError> {
    let bad = |reason: String| FirefoxError::BadModel {
        path: folder.model.clone(),
        reason,
    };
    let read = |path: &Path, max_bytes: u64| {
        packed::read(path, max_bytes).map_err(|error| FirefoxError::BadModel {
            path: path.to_path_buf(),
            reason: error.to_string(),
        })
    };
    let source_bytes = read(&folder.source_vocab, check::MAX_VOCABULARY_BYTES)?;
    let target_bytes = read(&folder.target_vocab, check::MAX_VOCABULARY_BYTES)?;
    let shortlist_bytes = match &folder.shortlist {
        Some(path) if packed::is_gzip(path) => Some(read(path, check::MAX_SHORTLIST_BYTES)?),
        _ => None,
    };
    let any_packed = [&folder.model, &folder.source_vocab, &folder.target_vocab]
        .into_iter()
        .chain(&folder.shortlist)
        .any(|path| packed::is_gzip(path));
    let model_bytes = if any_packed {
        Some(read(&folder.model, check::MAX_MODEL_BYTES)?)
    } else {
        None
    };
    let built = catch_unwind(|| {
        let engine = match &model_bytes {
            // From memory, fxtranslate calls the vocabulary shared when the two
            // vocabularies are the same bytes (from files, when they are the same
            // file): the same for every folder Mozilla publishes, whose split
            // vocabularies differ.
            Some(model) => Engine::from_bytes(model, &source_bytes, &target_bytes)?,
            None => Engine::load(&folder.model, &folder.source_vocab, &folder.target_vocab)?,
        };
        match (&shortlist_bytes, &folder.shortlist) {
            (Some(bytes), _) => Ok(engine.with_shortlist(Shortlist::from_bytes(bytes))),
            (None, Some(path)) => Shortlist::load(path)
                .map(|shortlist| engine.with_shortlist(shortlist))
                .map_err(|error| format!("its shortlist cannot be read ({error})")),
            (None, None) => Ok(engine),
        }
    });
    match built {
        Ok(Ok(engine)) => Ok(BoundedEngine {
            engine,
            source: SpmVocab::from_bytes(&source_bytes),
            target: SpmVocab::from_bytes(&target_bytes),
        }),
        Ok(Err(reason)) => Err(bad(reason)),
        Err(panic) => Err(bad(format!(
            "the engine failed on it ({})",
            panic_text(&*panic)
        ))),
    }
}

/// One section through the engine, its sentences decoded together, with the byte
/// pieces turned back into characters. A panic in the engine becomes an error.
fn translate_section(engine: &BoundedEngine, text: &str) -> Result<String, FirefoxError> {
    catch_unwind(AssertUnwindSafe(|| {
        // Byte pieces never run across a line break, so the section is repaired
        // whole.
        bytes::restore_byte_pieces(&engine.section(text)).into_owned()
    }))
    .map_err(|panic| FirefoxError::Decoding(panic_text(&*panic)))
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_can_be_shared_between_threads() {
        fn send_and_sync<T: Send + Sync>() {}
        send_and_sync::<FirefoxModel>();
    }
}
