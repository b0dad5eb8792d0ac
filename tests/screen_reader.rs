//! A screen reader's view, on the real bus: the app runs in Xvfb with a session bus
//! and the AT-SPI bus, accessibility switched on as a screen reader switches it on
//! (`org.a11y.Status IsEnabled`), and a libatspi client (`tests/screen_reader/client.py`)
//! walks the tree, types with xdotool, and listens: the first section whole and in
//! order through the Text interface, a note typed in Arabic and Latin as editable
//! text with its caret, the focus moved by j, and a saved message announced once.
//!
//! Without the tools (Xvfb, dbus-launch, at-spi-bus-launcher, python3 with
//! gi/Atspi, xdotool) the test is skipped, except with `CI=true`, where `.ci/run`
//! installs them and their absence is a failure.

mod common;

use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BUS_LAUNCHER: &str = "/usr/libexec/at-spi-bus-launcher";
/// The whole walk, start-up included, never takes longer than this.
const HARD_TIMEOUT: Duration = Duration::from_secs(240);

/// A child process killed (and reaped) when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A child process that starts processes of its own (the AT-SPI bus launcher starts
/// the accessibility bus and its registry): its whole process group is ended when the
/// test ends.
struct KilledGroup(Child);

impl Drop for KilledGroup {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        std::thread::sleep(Duration::from_millis(200));
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.0.wait();
    }
}

/// A daemon that forked away (dbus-launch's bus): killed by its id when the test ends.
struct KilledById(u32);

impl Drop for KilledById {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.to_string()).status();
    }
}

fn found(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// A Python that has gi and Atspi: the one on the path, or the system's (where a
/// version manager put another first on the path, Debian's python3-gi is only in
/// the system's).
fn atspi_python() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|python| {
        Command::new(python)
            .args([
                "-c",
                "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi",
            ])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    })
}

/// What is missing to run the walk, if anything.
fn missing_tools() -> Vec<&'static str> {
    let mut missing = Vec::new();
    for (tool, present) in [
        ("Xvfb", found("Xvfb")),
        ("dbus-launch (dbus-x11)", found("dbus-launch")),
        ("xdotool", found("xdotool")),
        (
            "at-spi-bus-launcher (at-spi2-core)",
            Path::new(BUS_LAUNCHER).exists(),
        ),
        (
            "python3 with gi and Atspi (python3-gi, gir1.2-atspi-2.0)",
            atspi_python().is_some(),
        ),
    ] {
        if !present {
            missing.push(tool);
        }
    }
    missing
}

/// A display number no X server holds.
fn free_display() -> u32 {
    (140..400)
        .find(|number| {
            !Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
                && !Path::new(&format!("/tmp/.X{number}-lock")).exists()
        })
        .expect("a free display")
}

fn wait_until(what: &str, deadline: Instant, mut ready: impl FnMut() -> bool) {
    while !ready() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_screen_reader_reads_types_and_follows_on_the_real_bus() {
    let missing = missing_tools();
    if !missing.is_empty() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the screen reader test needs {missing:?} on CI: .ci/run installs them"
        );
        eprintln!("skipped: the screen reader test needs {missing:?}");
        return;
    }
    let deadline = Instant::now() + HARD_TIMEOUT;
    let python = atspi_python().expect("checked above");

    // A copy of sample 003 and its translation, so the note can be written.
    let folder = tempfile::tempdir().expect("folder");
    let article = folder.path().join("003_2dd66c1bbdc4b7f0.txt");
    for name in ["003_2dd66c1bbdc4b7f0.txt", "003_2dd66c1bbdc4b7f0.en.txt"] {
        std::fs::copy(common::samples().join(name), folder.path().join(name)).expect("copy");
    }
    let home = tempfile::tempdir().expect("home");
    let sections = hamish::import::read_article(&article)
        .expect("sample 003")
        .sections;
    let first = sections[0].text.clone();
    let words = {
        use unicode_segmentation::UnicodeSegmentation as _;
        first.unicode_words().count()
    };
    let library = common::listed_and_summarised(folder.path());
    let title = library
        .entries
        .iter()
        .find(|entry| entry.path.file_name() == article.file_name())
        .expect("listed")
        .label()
        .into_owned();
    let export = folder.path().join("notes.md");
    let expected = serde_json::json!({
        "sections": [first, sections[1].text],
        "words": words,
        "window": format!("{title} — Hamish"),
        "export": export.display().to_string(),
    });
    let expected_path = folder.path().join("expected.json");
    std::fs::write(&expected_path, expected.to_string()).expect("expected");

    // The display, the session bus and the accessibility bus.
    let display = format!(":{}", free_display());
    let _xvfb = Killed(
        Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1280x820x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb"),
    );
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{}", &display[1..]));
    wait_until("Xvfb", deadline, || socket.exists());
    let launched = Command::new("dbus-launch")
        .arg("--sh-syntax")
        .env("DISPLAY", &display)
        .output()
        .expect("dbus-launch");
    let launched = String::from_utf8(launched.stdout).expect("dbus-launch speaks UTF-8");
    let value = |key: &str| {
        launched
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{key}=")))
            .map(|value| value.trim_end_matches(';').trim_matches('\'').to_owned())
            .expect("dbus-launch told its bus")
    };
    let bus = value("DBUS_SESSION_BUS_ADDRESS");
    let _bus_daemon = KilledById(value("DBUS_SESSION_BUS_PID").parse().expect("a pid"));
    let environment = [
        ("DISPLAY", display.as_str()),
        ("DBUS_SESSION_BUS_ADDRESS", bus.as_str()),
        ("HOME", home.path().to_str().expect("a UTF-8 home")),
        (
            "XDG_RUNTIME_DIR",
            home.path().to_str().expect("a UTF-8 home"),
        ),
        ("NO_AT_BRIDGE", "0"),
    ];
    let _atspi_bus = KilledGroup(
        Command::new(BUS_LAUNCHER)
            .arg("--launch-immediately")
            .process_group(0)
            .envs(environment)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("at-spi-bus-launcher"),
    );
    // Accessibility on, as a screen reader turns it on.
    wait_until("the accessibility bus", deadline, || {
        Command::new(python)
            .args([
                "-c",
                "from gi.repository import Gio, GLib\n\
                 bus = Gio.bus_get_sync(Gio.BusType.SESSION)\n\
                 bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.freedesktop.DBus.Properties', 'Set',\n\
                   GLib.Variant('(ssv)', ('org.a11y.Status', 'IsEnabled', GLib.Variant('b', True))),\n\
                   None, Gio.DBusCallFlags.NONE, 5000, None)",
            ])
            .envs(environment)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    });

    // The app, on the article: this build's, or another one's to compare
    // (`HAMISH_SCREEN_READER_BIN=/path/to/hamish`, to see an older build fail).
    let binary = std::env::var_os("HAMISH_SCREEN_READER_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_hamish")),
        PathBuf::from,
    );
    let _app = Killed(
        Command::new(&binary)
            .arg(&article)
            .envs(environment)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("hamish"),
    );

    // The client, within what is left of the time.
    let report_path = folder.path().join("report.json");
    let mut client = Killed(
        Command::new(python)
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screen_reader/client.py"))
            .arg(&expected_path)
            .arg(&report_path)
            .envs(environment)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the client"),
    );
    let status = loop {
        if let Some(status) = client.0.try_wait().expect("the client runs") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the walk took longer than {HARD_TIMEOUT:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut said = String::new();
    if let Some(mut out) = client.0.stdout.take() {
        use std::io::Read as _;
        out.read_to_string(&mut said).expect("the client's report");
    }
    let report = std::fs::read_to_string(&report_path).unwrap_or_default();
    if let Ok(keep) = std::env::var("HAMISH_SCREEN_READER_REPORT") {
        std::fs::write(keep, &report).expect("report kept");
    }
    assert!(status.success(), "{said}\n{report}");
    assert!(export.exists(), "the notes were exported");
}
