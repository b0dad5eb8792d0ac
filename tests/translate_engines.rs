//! The translation engines against small servers started on 127.0.0.1 (a correct one
//! for each protocol, one that hangs, one that fails, one that answers with something
//! else than JSON, a slow one for cancelling, ones that stream) and against commands.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::test_server::{Reply, TestServer, closed_port_url};
use hamish::translate::{
    EngineConfig, EngineSettings, Glossary, JobLanguages, TranslateError, TranslateRequest, open,
};

const SECTION: &str = "اجتمع مجلس الأمن اليوم.";
const PREVIOUS: &str = "الفقرة السابقة.";

fn settings(engine: EngineConfig) -> EngineSettings {
    EngineSettings {
        engine,
        timeout_secs: 5.0,
        ..EngineSettings::default()
    }
}

fn glossary() -> Glossary {
    Glossary::parse("مجلس الأمن\tthe Security Council\n")
}

/// Translates the test section with `settings`, cancelling after `cancel_after`.
fn translate_with(
    settings: &EngineSettings,
    cancel_after: Option<Duration>,
) -> Result<String, TranslateError> {
    let languages = JobLanguages {
        source: "ar".to_owned(),
        target: "en".to_owned(),
    };
    let translator = open(settings, &languages)?;
    let cancel = Arc::new(AtomicBool::new(false));
    if let Some(after) = cancel_after {
        let flag = Arc::clone(&cancel);
        std::thread::spawn(move || {
            std::thread::sleep(after);
            flag.store(true, Ordering::Relaxed);
        });
    }
    let glossary = glossary();
    translator.translate(&TranslateRequest {
        text: SECTION,
        source_language: "ar",
        target_language: "en",
        context: Some(PREVIOUS),
        glossary: &glossary,
        cancel: &cancel,
    })
}

fn translate(settings: &EngineSettings) -> Result<String, TranslateError> {
    translate_with(settings, None)
}

fn libre(url: &str) -> EngineSettings {
    settings(EngineConfig::LibreTranslate {
        url: url.to_owned(),
        api_key: Some("k".into()),
    })
}

fn ollama(url: &str) -> EngineSettings {
    settings(EngineConfig::Ollama {
        url: url.to_owned(),
        model: "qwen2.5:7b".into(),
    })
}

fn openai(url: &str) -> EngineSettings {
    settings(EngineConfig::OpenAi {
        url: url.to_owned(),
        model: "local".into(),
        api_key: Some("secret".into()),
    })
}

#[test]
fn libretranslate_posts_the_section_and_reads_the_translation() {
    let server = TestServer::answering(
        200,
        r#"{"translatedText": "The Security Council met today."}"#,
    );
    let translated = translate(&libre(&format!("{}/", server.url)));
    assert_eq!(translated.as_deref(), Ok("The Security Council met today."));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].request_line, "POST /translate HTTP/1.1");
    let body = requests[0].json();
    assert_eq!(body["q"], SECTION);
    assert_eq!(
        (body["source"].as_str(), body["target"].as_str()),
        (Some("ar"), Some("en"))
    );
    assert_eq!(body["format"], "text");
    assert_eq!(body["api_key"], "k");
}

#[test]
fn ollama_is_asked_without_streaming_with_context_and_glossary() {
    let server = TestServer::answering(
        200,
        r#"{"model":"qwen2.5:7b","message":{"role":"assistant","content":"The Security Council met today."},"done":true}"#,
    );
    assert_eq!(
        translate(&ollama(&server.url)).as_deref(),
        Ok("The Security Council met today.")
    );
    let request = &server.requests()[0];
    assert_eq!(request.request_line, "POST /api/chat HTTP/1.1");
    let body = request.json();
    assert_eq!(body["stream"], false);
    assert_eq!(body["model"], "qwen2.5:7b");
    let system = body["messages"][0]["content"]
        .as_str()
        .expect("system prompt");
    assert!(system.contains("translation only"), "{system}");
    assert!(
        system.contains("مجلس الأمن = the Security Council"),
        "{system}"
    );
    assert!(system.contains(PREVIOUS), "{system}");
    assert_eq!(body["messages"][1]["content"], SECTION);
}

#[test]
fn openai_compatible_servers_are_asked_at_their_chat_completions() {
    let server = TestServer::answering(
        200,
        r#"{"choices":[{"index":0,"message":{"role":"assistant","content":"The Security Council met today."},"finish_reason":"stop"}]}"#,
    );
    assert_eq!(
        translate(&openai(&server.url)).as_deref(),
        Ok("The Security Council met today.")
    );
    // An address given with its /v1 is not doubled.
    translate(&openai(&format!("{}/v1", server.url))).expect("translates");
    let requests = server.requests();
    for request in &requests {
        assert_eq!(request.request_line, "POST /v1/chat/completions HTTP/1.1");
        assert_eq!(
            request.header("authorization").as_deref(),
            Some("Bearer secret")
        );
        assert_eq!(request.json()["stream"], false);
    }
}

#[test]
fn a_server_that_hangs_times_out_within_the_configured_time() {
    let server = TestServer::start(|_| Reply::Hang);
    for settings in [libre(&server.url), ollama(&server.url), openai(&server.url)] {
        let settings = EngineSettings {
            timeout_secs: 0.5,
            ..settings
        };
        let started = Instant::now();
        let result = translate(&settings);
        let took = started.elapsed();
        assert!(
            matches!(result, Err(TranslateError::Timeout { .. })),
            "{result:?}"
        );
        assert!(took >= Duration::from_millis(450), "{took:?}");
        assert!(
            took < Duration::from_millis(1500),
            "within the time allowed: {took:?}"
        );
    }
}

#[test]
fn a_server_error_is_reported_with_what_it_said() {
    let server = TestServer::answering(500, r#"{"error": "model 'qwen' not found"}"#);
    for settings in [libre(&server.url), ollama(&server.url), openai(&server.url)] {
        let error = translate(&settings).expect_err("an error");
        assert_eq!(
            error,
            TranslateError::ServerError {
                status: 500,
                detail: "model 'qwen' not found".into()
            }
        );
        assert_eq!(
            error.to_string(),
            "the server answered with an error (HTTP 500): model 'qwen' not found"
        );
    }
}

#[test]
fn an_answer_that_is_not_json_is_garbage_not_a_translation() {
    let server = TestServer::answering(200, "<html><body>It works!</body></html>");
    for settings in [libre(&server.url), ollama(&server.url), openai(&server.url)] {
        let result = translate(&settings);
        assert!(
            matches!(&result, Err(TranslateError::GarbageAnswer { why }) if why.contains("not JSON")),
            "{result:?}"
        );
    }
    // JSON, but not the shape asked for, and an empty translation.
    let server = TestServer::answering(200, r#"{"something": "else"}"#);
    assert!(matches!(
        translate(&ollama(&server.url)),
        Err(TranslateError::GarbageAnswer { .. })
    ));
    let server = TestServer::answering(200, r#"{"translatedText": "  "}"#);
    assert_eq!(
        translate(&libre(&server.url)),
        Err(TranslateError::EmptyAnswer)
    );
}

#[test]
fn cancelling_a_slow_server_returns_at_once() {
    let server = TestServer::start(|_| {
        Reply::After(
            Duration::from_secs(5),
            Box::new(Reply::Body(200, r#"{"translatedText": "late"}"#.into())),
        )
    });
    for settings in [libre(&server.url), ollama(&server.url), openai(&server.url)] {
        let started = Instant::now();
        let result = translate_with(&settings, Some(Duration::from_millis(200)));
        let took = started.elapsed();
        assert_eq!(result, Err(TranslateError::Cancelled));
        assert!(took < Duration::from_millis(800), "promptly: {took:?}");
    }
}

#[test]
fn a_server_that_streams_anyway_is_put_together_or_refused_when_cut_short() {
    let ndjson = "{\"message\":{\"role\":\"assistant\",\"content\":\"The Security \"},\"done\":false}\n\
                  {\"message\":{\"role\":\"assistant\",\"content\":\"Council met.\"},\"done\":false}\n\
                  {\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n";
    let server = TestServer::answering(200, ndjson);
    assert_eq!(
        translate(&ollama(&server.url)).as_deref(),
        Ok("The Security Council met.")
    );
    let cut = ndjson.lines().take(2).collect::<Vec<_>>().join("\n");
    let server = TestServer::answering(200, &cut);
    let result = translate(&ollama(&server.url));
    assert!(
        matches!(&result, Err(TranslateError::GarbageAnswer { why }) if why.contains("stream ended")),
        "{result:?}"
    );
    let sse = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n\
               data: {\"choices\":[{\"delta\":{\"content\":\"The Security \"}}]}\n\n\
               data: {\"choices\":[{\"delta\":{\"content\":\"Council met.\"},\"finish_reason\":\"stop\"}]}\n\n\
               data: [DONE]\n\n";
    let server = TestServer::answering(200, sse);
    assert_eq!(
        translate(&openai(&server.url)).as_deref(),
        Ok("The Security Council met.")
    );
}

#[test]
fn a_server_that_is_not_running_is_named() {
    let url = closed_port_url();
    for settings in [libre(&url), ollama(&url), openai(&url)] {
        let started = Instant::now();
        assert_eq!(
            translate(&settings),
            Err(TranslateError::ServerNotRunning { url: url.clone() })
        );
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}

#[test]
fn other_hosts_are_refused_unless_allowed_and_nothing_is_sent() {
    let result = translate(&libre("http://192.0.2.1:5000"));
    assert_eq!(
        result,
        Err(TranslateError::RemoteHostRefused {
            host: "192.0.2.1".into()
        })
    );
    assert!(
        result
            .expect_err("refused")
            .to_string()
            .contains("not this computer")
    );
    let settings = settings(EngineConfig::Ollama {
        url: "http://127.0.0.1:1".into(),
        model: " ".into(),
    });
    assert!(matches!(
        translate(&settings),
        Err(TranslateError::NoModelName { .. })
    ));
}

#[test]
fn a_redirect_is_not_followed_so_the_text_stays_where_it_was_sent() {
    let elsewhere = TestServer::answering(200, r#"{"translatedText": "leaked"}"#);
    let target = format!("{}/translate", elsewhere.url);
    let server = TestServer::start(move |_| Reply::Redirect(target.clone()));
    let result = translate(&libre(&server.url));
    assert!(
        matches!(&result, Err(TranslateError::ServerError { status: 307, detail }) if detail.contains("not followed")),
        "{result:?}"
    );
    assert_eq!(server.requests().len(), 1);
    assert!(
        elsewhere.requests().is_empty(),
        "nothing was sent elsewhere"
    );
}

#[test]
fn the_built_in_engine_without_a_model_says_where_to_put_one() {
    let empty = tempfile::tempdir().expect("temp dir");
    let error = translate(&settings(EngineConfig::Firefox {
        model_dir: empty.path().to_path_buf(),
    }))
    .expect_err("no model there");
    assert_eq!(
        error,
        TranslateError::NoModel {
            dir: empty.path().to_path_buf()
        }
    );
    assert!(
        error
            .to_string()
            .contains("Firefox Translations model folder")
    );
}

fn command(line: &str) -> EngineSettings {
    settings(EngineConfig::Command {
        command: line.to_owned(),
    })
}

#[test]
fn a_command_reads_the_section_and_writes_the_translation() {
    assert_eq!(translate(&command("cat")).as_deref(), Ok(SECTION));
    assert_eq!(
        translate(&command("sed 's/^/[en] /'")).as_deref(),
        Ok(format!("[en] {SECTION}").as_str())
    );
    assert_eq!(
        translate(&command(
            "cat >/dev/null; printf '%s>%s' \"$HAMISH_SOURCE_LANG\" \"$HAMISH_TARGET_LANG\""
        ))
        .as_deref(),
        Ok("ar>en")
    );
    assert_eq!(
        translate(&command("cat >/dev/null")),
        Err(TranslateError::EmptyAnswer)
    );
    assert_eq!(
        translate(&command("cat >/dev/null; printf 'Se\\377curity'")),
        Err(TranslateError::GarbageAnswer {
            why: "not UTF-8 text: byte 2 is not".to_owned()
        }),
        "never decoded with replacement characters"
    );
    assert_eq!(
        translate(&command("  ")).err(),
        Some(TranslateError::NoCommand)
    );
}

#[test]
fn a_failing_command_is_an_error_with_its_standard_error() {
    let error = translate(&command("echo 'model file missing' >&2; exit 3")).expect_err("fails");
    let TranslateError::CommandFailed { status, stderr } = &error else {
        panic!("{error:?}");
    };
    assert!(status.contains('3'), "{status}");
    assert_eq!(stderr, "model file missing");
    assert!(
        error.to_string().ends_with(": model file missing"),
        "{error}"
    );
    let missing = translate(&command("no-such-translator-here")).expect_err("fails");
    assert!(
        matches!(missing, TranslateError::CommandFailed { .. }),
        "{missing:?}"
    );
}

#[test]
fn a_command_that_takes_too_long_is_killed_at_the_timeout() {
    let settings = EngineSettings {
        timeout_secs: 0.3,
        ..command("sleep 10; echo late")
    };
    let started = Instant::now();
    let result = translate(&settings);
    assert!(
        matches!(result, Err(TranslateError::Timeout { .. })),
        "{result:?}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_command_answering_too_much_is_stopped_at_the_limit() {
    let settings = EngineSettings {
        max_answer_bytes: 4096,
        ..command("yes 'a line of output' | head -c 50000000")
    };
    let started = Instant::now();
    assert_eq!(
        translate(&settings),
        Err(TranslateError::AnswerTooLarge { limit: 4096 })
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn cancelling_a_command_kills_it_at_once() {
    let started = Instant::now();
    let result = translate_with(&command("sleep 10"), Some(Duration::from_millis(150)));
    assert_eq!(result, Err(TranslateError::Cancelled));
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "{:?}",
        started.elapsed()
    );
}

/// Whether the process `pid` is gone (or a zombie about to be reaped by its new parent).
fn process_ended(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command's name in parentheses.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
        Err(_) => true,
    }
}

#[test]
fn a_command_is_answered_when_it_exits_and_leaves_nothing_behind() {
    let folder = tempfile::tempdir().expect("folder");
    let pid_file = folder.path().join("background.pid");
    // The background sleep holds standard output open long after the command exits.
    let line = format!(
        "cat >/dev/null; echo T; (sleep 1000 & echo $! > '{}'); exit 0",
        pid_file.display()
    );
    assert_eq!(translate(&command(&line)).as_deref(), Ok("T"));
    let pid = std::fs::read_to_string(&pid_file).expect("the sleep started");
    let pid = pid.trim();
    assert!(!pid.is_empty());
    // Killed processes are reaped by their new parent: give it a moment.
    let mut ended = false;
    for _ in 0..300 {
        ended = process_ended(pid);
        if ended {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(ended, "the background sleep {pid} outlived the command");
}
