//! The command engine: any program the reader names, run by the shell, with the
//! section on its standard input and the translation read from its standard output.
//! The languages are in its environment (`HAMISH_SOURCE_LANG`, `HAMISH_TARGET_LANG`),
//! and so is the previous section (`HAMISH_CONTEXT`).
//!
//! It is given the configured time and answer size: past either, or when the reader
//! cancels, it is killed together with everything it started (it runs in a process
//! group of its own, so a `sleep` under `sh -c` dies too), and the engine returns at
//! once. Its answer is what it wrote by the time it exited: whatever it left running
//! in the background is ended then, after every run, so nothing outlives it (nor
//! keeps its output open and the engine waiting). A non-zero exit is an error carrying the end of what it wrote to standard
//! error.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use super::answer::check_answer;
use super::error::shortened;
use super::{EngineSettings, TranslateError, TranslateRequest, Translator};

/// How often the command is looked at while it runs.
const POLL: Duration = Duration::from_millis(10);

/// How long the pipes are given, once the command has exited and its group has been
/// ended, to deliver what is in them.
const PIPE_GRACE: Duration = Duration::from_millis(500);

/// How much of the command's standard error is kept.
const STDERR_BYTES: usize = 2000;

/// The command engine.
pub struct CommandEngine {
    command: String,
    timeout: Duration,
    max_bytes: usize,
}

impl CommandEngine {
    /// Runs `command` for each section.
    pub fn new(command: &str, settings: &EngineSettings) -> Result<Self, TranslateError> {
        if command.trim().is_empty() {
            return Err(TranslateError::NoCommand);
        }
        Ok(Self {
            command: command.trim().to_owned(),
            timeout: settings.timeout(),
            max_bytes: settings.max_answer_bytes,
        })
    }

    fn spawn(&self, request: &TranslateRequest<'_>) -> Result<Child, TranslateError> {
        let mut command = shell(&self.command);
        command
            .env("HAMISH_SOURCE_LANG", request.source_language)
            .env("HAMISH_TARGET_LANG", request.target_language)
            .env("HAMISH_CONTEXT", request.context.unwrap_or_default())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt as _;
            command.process_group(0);
        }
        command
            .spawn()
            .map_err(|error| TranslateError::CommandNotStarted {
                command: self.command.clone(),
                why: error.to_string(),
            })
    }
}

#[cfg(unix)]
fn shell(line: &str) -> Command {
    let mut command = Command::new("sh");
    command.arg("-c").arg(line);
    command
}

#[cfg(not(unix))]
fn shell(line: &str) -> Command {
    let mut command = Command::new("cmd");
    command.arg("/C").arg(line);
    command
}

/// Kills `child` and everything it started.
fn kill(child: &mut Child) {
    end_group(child);
    let _ = child.kill();
    let _ = child.wait();
}

/// Ends whatever is left of the process group `child` led: what it started in the
/// background must not outlive the section (nor hold its output open). The group's
/// id is not reused while any of it is alive, so this reaches nothing else.
fn end_group(child: &Child) {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    let _ = child;
}

/// What a thread has read of one of the command's pipes: at most `limit` bytes, and
/// whether there was more.
#[derive(Default)]
struct Collected {
    kept: Vec<u8>,
    more: bool,
}

/// A pipe of the command read on a thread of its own, so that what it has read so
/// far can be taken at any time: a pipe stays open as long as anything holds it,
/// which is not the command's business once it has exited.
struct Pipe {
    collected: Arc<Mutex<Collected>>,
    closed: mpsc::Receiver<()>,
}

impl Pipe {
    /// Reads `reader` to its end, keeping at most `limit` bytes: the first ones, or
    /// the last with `keep_end`. Without `keep_end`, reading stops at the limit.
    fn read(mut reader: impl Read + Send + 'static, limit: usize, keep_end: bool) -> Self {
        let collected = Arc::new(Mutex::new(Collected::default()));
        let (sender, closed) = mpsc::channel();
        let shared = Arc::clone(&collected);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            loop {
                let read = match reader.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(read) => read,
                };
                let mut collected = lock(&shared);
                collected.kept.extend_from_slice(&buffer[..read]);
                if collected.kept.len() > limit {
                    collected.more = true;
                    if keep_end {
                        let excess = collected.kept.len() - limit;
                        collected.kept.drain(..excess);
                    } else {
                        collected.kept.truncate(limit);
                        // Nothing after the limit is wanted: stop reading.
                        break;
                    }
                }
            }
            let _ = sender.send(());
        });
        Self { collected, closed }
    }

    /// Whether more than the limit came.
    fn overflowed(&self) -> bool {
        lock(&self.collected).more
    }

    /// What was read, once the pipe has closed or `wait` has passed.
    fn take(self, wait: Duration) -> Collected {
        let _ = self.closed.recv_timeout(wait);
        std::mem::take(&mut *lock(&self.collected))
    }
}

/// The lock on `collected`; a reader thread that panicked left whole bytes behind.
fn lock(collected: &Mutex<Collected>) -> std::sync::MutexGuard<'_, Collected> {
    collected.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Translator for CommandEngine {
    fn engine(&self) -> String {
        "command".to_owned()
    }

    fn model(&self) -> String {
        self.command.clone()
    }

    fn translate(&self, request: &TranslateRequest<'_>) -> Result<String, TranslateError> {
        let mut child = self.spawn(request)?;
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            kill(&mut child);
            return Err(TranslateError::CommandNotStarted {
                command: self.command.clone(),
                why: "its input and output could not be connected".to_owned(),
            });
        };
        let input = request.text.as_bytes().to_vec();
        // Written on a thread: a command that does not read its input must not block
        // the engine.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
            let _ = stdin.write_all(b"\n");
        });
        let output = Pipe::read(stdout, self.max_bytes, false);
        let errors = Pipe::read(stderr, STDERR_BYTES, true);
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            if cancelled(request.cancel) {
                kill(&mut child);
                return Err(TranslateError::Cancelled);
            }
            if output.overflowed() {
                kill(&mut child);
                return Err(TranslateError::AnswerTooLarge {
                    limit: self.max_bytes,
                });
            }
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(POLL),
                Ok(None) => {
                    kill(&mut child);
                    return Err(TranslateError::Timeout {
                        limit: self.timeout,
                    });
                }
                Err(error) => {
                    kill(&mut child);
                    return Err(TranslateError::CommandFailed {
                        status: error.to_string(),
                        stderr: String::new(),
                    });
                }
            }
        };
        // The command has answered by exiting. What it left running is ended now,
        // which also closes the pipes it held; what was written is read at once (the
        // grace only covers the reader threads catching up, or a process that left
        // the group still holding a pipe).
        end_group(&child);
        let answer = output.take(PIPE_GRACE);
        let stderr = errors.take(PIPE_GRACE);
        // Too large first: a command whose output was cut short may fail for that.
        if answer.more {
            return Err(TranslateError::AnswerTooLarge {
                limit: self.max_bytes,
            });
        }
        if !status.success() {
            return Err(TranslateError::CommandFailed {
                status: status.to_string(),
                stderr: shortened(&String::from_utf8_lossy(&stderr.kept), STDERR_BYTES),
            });
        }
        // Kept in the sidecar as a translation: never decoded lossily.
        let text =
            std::str::from_utf8(&answer.kept).map_err(|error| TranslateError::GarbageAnswer {
                why: format!("not UTF-8 text: byte {} is not", error.valid_up_to()),
            })?;
        check_answer(request.text, text)
    }
}

fn cancelled(cancel: &AtomicBool) -> bool {
    cancel.load(Ordering::Relaxed)
}
