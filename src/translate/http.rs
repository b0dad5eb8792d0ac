//! What the server engines share: the address check (loopback only unless the reader
//! allowed other hosts: the text never leaves the computer behind their back), one
//! blocking JSON `POST` with ureq (plain HTTP, no TLS, no proxy, no redirects: one
//! could send the text elsewhere), its timeout, its size
//! limit, cancelling, and reading answers that came as a stream although none was
//! asked for.
//!
//! ureq blocks, so the request runs on a thread of its own while the engine's thread
//! waits for it and watches the cancel flag: a cancel returns at once, and the request
//! thread is left to end by its own timeout (its answer is dropped).

use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::error::shortened;
use super::{EngineSettings, TranslateError};

/// How often a waiting engine looks at the cancel flag.
const CANCEL_POLL: Duration = Duration::from_millis(15);

/// How much of an error page is kept to show.
const DETAIL_BYTES: usize = 300;

/// A server and how to talk to it.
#[derive(Clone, Debug)]
pub struct Server {
    /// Its address, without a trailing `/`.
    pub base: String,
    agent: ureq::Agent,
    timeout: Duration,
    max_bytes: usize,
}

/// Whether `host` (as a URL spells it) is this computer.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl Server {
    /// The server at `url`, if it may be used with `settings`.
    pub fn new(url: &str, settings: &EngineSettings) -> Result<Self, TranslateError> {
        let url = url.trim();
        let bad = |why: &str| TranslateError::BadUrl {
            url: url.to_owned(),
            why: why.to_owned(),
        };
        if url.is_empty() {
            return Err(bad(
                "it is empty: enter the server's address in the engine settings",
            ));
        }
        let uri: ureq::http::Uri = url
            .parse()
            .map_err(|_| bad("it is not an address such as http://127.0.0.1:8080"))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => {
                return Err(bad(
                    "only plain http:// is supported (a server on this computer needs no encryption)",
                ));
            }
            _ => return Err(bad("it must begin with http://")),
        }
        let host = uri
            .host()
            .ok_or_else(|| bad("it names no host"))?
            .to_owned();
        if !settings.allow_other_hosts && !is_loopback(&host) {
            return Err(TranslateError::RemoteHostRefused { host });
        }
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout()))
            .timeout_connect(Some(settings.connect_timeout()))
            .http_status_as_error(false)
            // A redirect could send the text to another host: never followed.
            .max_redirects(0)
            .proxy(None)
            .build();
        Ok(Self {
            base: url.trim_end_matches('/').to_owned(),
            agent: config.into(),
            timeout: settings.timeout(),
            max_bytes: settings.max_answer_bytes,
        })
    }

    /// Posts `body` as JSON to `path` (with `bearer` as the key, if any) and returns
    /// the answer's text, or the server's error. Returns [`TranslateError::Cancelled`]
    /// as soon as `cancel` is set.
    pub fn post_json(
        &self,
        url: &str,
        body: &Value,
        bearer: Option<&str>,
        cancel: &AtomicBool,
    ) -> Result<String, TranslateError> {
        let (sender, receiver) = mpsc::channel();
        let agent = self.agent.clone();
        let request = {
            let mut request = agent
                .post(url)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
            if let Some(key) = bearer.filter(|key| !key.is_empty()) {
                request = request.header("Authorization", format!("Bearer {key}"));
            }
            request
        };
        let body = body.to_string();
        let (base, timeout, max_bytes) = (self.base.clone(), self.timeout, self.max_bytes);
        std::thread::Builder::new()
            .name("translate-http".to_owned())
            .spawn(move || {
                let result = request
                    .send(body)
                    .map_err(|error| http_error(&error, &base, timeout, max_bytes))
                    .and_then(|mut response| {
                        let status = response.status().as_u16();
                        let bytes = response
                            .body_mut()
                            .with_config()
                            .limit(max_bytes as u64)
                            .read_to_vec()
                            .map_err(|error| http_error(&error, &base, timeout, max_bytes))?;
                        Ok((status, bytes))
                    });
                let _ = sender.send(result);
            })
            .map_err(|error| TranslateError::Network {
                url: self.base.clone(),
                why: format!("no thread for the request: {error}"),
            })?;
        // A little longer than ureq's own limit, which normally fires first.
        let deadline = Instant::now() + self.timeout + Duration::from_millis(500);
        let (status, bytes) = loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(TranslateError::Cancelled);
            }
            match receiver.recv_timeout(CANCEL_POLL) {
                Ok(result) => break result?,
                Err(mpsc::RecvTimeoutError::Timeout) if Instant::now() < deadline => {}
                Err(_) => {
                    return Err(TranslateError::Timeout {
                        limit: self.timeout,
                    });
                }
            }
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if (300..400).contains(&status) {
            return Err(TranslateError::ServerError {
                status,
                detail: "it sends the request to another address, which is not followed".to_owned(),
            });
        }
        if status >= 400 {
            return Err(TranslateError::ServerError {
                status,
                detail: error_detail(&text),
            });
        }
        Ok(text)
    }
}

/// A ureq error in the reader's words.
fn http_error(
    error: &ureq::Error,
    base: &str,
    timeout: Duration,
    max_bytes: usize,
) -> TranslateError {
    let not_running = || TranslateError::ServerNotRunning {
        url: base.to_owned(),
    };
    match error {
        ureq::Error::Timeout(_) => TranslateError::Timeout { limit: timeout },
        ureq::Error::ConnectionFailed => not_running(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => not_running(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            TranslateError::Timeout { limit: timeout }
        }
        ureq::Error::BodyExceedsLimit(_) => TranslateError::AnswerTooLarge { limit: max_bytes },
        ureq::Error::HostNotFound => TranslateError::Network {
            url: base.to_owned(),
            why: "no such host".to_owned(),
        },
        other => TranslateError::Network {
            url: base.to_owned(),
            why: other.to_string(),
        },
    }
}

/// What an error answer says: its JSON `error` (a string, or an object with a
/// `message`), else the start of its text.
fn error_detail(text: &str) -> String {
    let said = serde_json::from_str::<Value>(text).ok().and_then(|value| {
        let error = value.get("error")?;
        error
            .as_str()
            .or_else(|| error.get("message")?.as_str())
            .map(str::to_owned)
    });
    shortened(&said.unwrap_or_else(|| text.to_owned()), DETAIL_BYTES)
}

/// The JSON values of an answer: the whole answer, or, from a server that streamed
/// although it was asked not to, each line of it (NDJSON, or server-sent events'
/// `data:` lines, `[DONE]` left out). Anything else is not an answer.
pub fn answer_values(text: &str) -> Result<Vec<Value>, TranslateError> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Ok(vec![value]);
    }
    let mut values = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let line = line.strip_prefix("data:").map_or(line, str::trim);
        if line.is_empty() || line == "[DONE]" || line.starts_with(':') {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => values.push(value),
            Err(_) => return Err(not_json(text)),
        }
    }
    if values.is_empty() {
        return Err(not_json(text));
    }
    Ok(values)
}

fn not_json(text: &str) -> TranslateError {
    TranslateError::GarbageAnswer {
        why: format!("the server's answer is not JSON: {:?}", shortened(text, 80)),
    }
}

/// The error a server put in a successful answer, if any (`{"error": …}`).
pub fn error_in(value: &Value) -> Option<TranslateError> {
    value.get("error").map(|_| TranslateError::ServerError {
        status: 200,
        detail: error_detail(&value.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_hosts_unless_allowed() {
        assert!(is_loopback("localhost") && is_loopback("127.0.0.1") && is_loopback("[::1]"));
        assert!(is_loopback("127.3.2.1"));
        assert!(!is_loopback("192.168.1.2") && !is_loopback("localhost.example.com"));
        let settings = EngineSettings::default();
        assert!(Server::new("http://127.0.0.1:5000/", &settings).is_ok());
        assert_eq!(
            Server::new("http://127.0.0.1:5000/", &settings)
                .map(|s| s.base)
                .ok(),
            Some("http://127.0.0.1:5000".to_owned())
        );
        assert_eq!(
            Server::new("http://example.com:5000", &settings).err(),
            Some(TranslateError::RemoteHostRefused {
                host: "example.com".into()
            })
        );
        let allowed = EngineSettings {
            allow_other_hosts: true,
            ..EngineSettings::default()
        };
        assert!(Server::new("http://example.com:5000", &allowed).is_ok());
        for bad in [
            "",
            "127.0.0.1:5000",
            "https://127.0.0.1",
            "ftp://127.0.0.1",
            "http://",
        ] {
            assert!(
                matches!(
                    Server::new(bad, &allowed),
                    Err(TranslateError::BadUrl { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn streamed_answers_are_read_line_by_line() {
        let values = answer_values("{\"a\":1}\n{\"a\":2}\n").expect("ndjson");
        assert_eq!(values.len(), 2);
        let values =
            answer_values("data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n").expect("sse");
        assert_eq!(values.len(), 2);
        assert!(matches!(
            answer_values("<html>oops</html>"),
            Err(TranslateError::GarbageAnswer { .. })
        ));
        assert!(answer_values("").is_err());
        assert_eq!(
            error_detail(r#"{"error": {"message": "no model"}}"#),
            "no model"
        );
        assert_eq!(error_detail(r#"{"error": "bad"}"#), "bad");
    }
}
