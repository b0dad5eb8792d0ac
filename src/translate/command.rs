//! The command engine: any program the reader names, run by the shell, with the
//! section on its standard input and the translation read from its standard output.
//! The languages are in its environment (`HAMISH_SOURCE_LANG`, `HAMISH_TARGET_LANG`),
//! and so is the previous section (`HAMISH_CONTEXT`).
//!
//! It is given the configured time and answer size: past either, or when the reader
//! cancels, it is killed together with everything it started (it runs in a process
//! group of its own, so a `sleep` under `sh -c` dies too), and the engine returns at
//! once. A non-zero exit is an error carrying the end of what it wrote to standard
//! error.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::answer::check_answer;
use super::error::shortened;
use super::{EngineSettings, TranslateError, TranslateRequest, Translator};

/// How often the command is looked at while it runs.
const POLL: Duration = Duration::from_millis(10);

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
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Reads `reader` to its end on a thread of its own, keeping at most `limit` bytes
/// (and saying whether there was more).
fn read_on_thread(
    mut reader: impl Read + Send + 'static,
    limit: usize,
    keep_end: bool,
) -> mpsc::Receiver<(Vec<u8>, bool)> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut more = false;
        let mut buffer = [0u8; 8192];
        loop {
            match reader.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => {
                    kept.extend_from_slice(&buffer[..read]);
                    if kept.len() > limit {
                        more = true;
                        if keep_end {
                            kept.drain(..kept.len() - limit);
                        } else {
                            kept.truncate(limit);
                            // Nothing after the limit is wanted: stop reading.
                            let _ = sender.send((kept, true));
                            return;
                        }
                    }
                }
            }
        }
        let _ = sender.send((kept, more));
    });
    receiver
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
        let output = read_on_thread(stdout, self.max_bytes, false);
        let errors = read_on_thread(stderr, STDERR_BYTES, true);
        let deadline = Instant::now() + self.timeout;
        let mut answer: Option<(Vec<u8>, bool)> = None;
        let status = loop {
            if cancelled(request.cancel) {
                kill(&mut child);
                return Err(TranslateError::Cancelled);
            }
            if answer.is_none() {
                answer = output.try_recv().ok();
            }
            if answer.as_ref().is_some_and(|(_, more)| *more) {
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
        // The pipes close when the command has ended (unless it left something
        // running that holds them: then whatever was read by the deadline is taken).
        let remaining = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(200));
        let stderr = errors
            .recv_timeout(remaining)
            .map(|(bytes, _)| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        if !status.success() {
            return Err(TranslateError::CommandFailed {
                status: status.to_string(),
                stderr: shortened(&stderr, STDERR_BYTES),
            });
        }
        let (bytes, more) = match answer {
            Some(answer) => answer,
            None => output.recv_timeout(remaining).unwrap_or_default(),
        };
        if more {
            return Err(TranslateError::AnswerTooLarge {
                limit: self.max_bytes,
            });
        }
        check_answer(request.text, &String::from_utf8_lossy(&bytes))
    }
}

fn cancelled(cancel: &AtomicBool) -> bool {
    cancel.load(Ordering::Relaxed)
}
