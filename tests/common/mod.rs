//! Shared by the tests that run the real `tandem` binary in a virtual X display (Xvfb) and drive it
//! with xdotool.
//!
//! Needs `Xvfb` and `xdotool` (Debian: `apt-get install xvfb xdotool`). Where they are missing the
//! tests say so and skip, unless `TANDEM_REQUIRE_E2E=1` (set by `.ci/run`), where they fail.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Kills a child process when dropped, so a failed assertion leaves nothing running.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether `program` is on the `PATH`.
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// An end-to-end test cannot run here: says why and skips, or fails under `TANDEM_REQUIRE_E2E=1`
/// (CI, which installs everything).
pub fn cannot_run(message: &str) {
    assert!(
        std::env::var_os("TANDEM_REQUIRE_E2E").is_none(),
        "{message}"
    );
    eprintln!("skipping the end-to-end test: {message}");
}

/// Waits until `done`, failing the test after `timeout`.
pub fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs xdotool on `display`, returning what it printed.
fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .expect("xdotool runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A virtual X display, stopped when dropped.
pub struct Display {
    pub name: String,
    /// In a cell so `launch` can ask whether it is still running.
    xvfb: std::cell::RefCell<Guard>,
    /// Xvfb's own messages, shown when a client cannot connect.
    xvfb_log: tempfile::NamedTempFile,
    /// Xvfb's stdout, kept open: it wrote the display number there.
    _out: std::io::BufReader<std::io::PipeReader>,
}

impl Display {
    /// Starts Xvfb on a display it picks itself (`-displayfd`), so tests running at the same time
    /// never race for one. `None` (with the reason printed) when Xvfb or xdotool is missing.
    pub fn start() -> Option<Display> {
        let missing: Vec<&str> = ["Xvfb", "xdotool"]
            .into_iter()
            .filter(|p| !have(p))
            .collect();
        if !missing.is_empty() {
            cannot_run(&format!(
                "cannot start an X server here: {} not installed (apt-get install xvfb xdotool)",
                missing.join(", ")
            ));
            return None;
        }
        let (reader, writer) = std::io::pipe().expect("a pipe");
        let xvfb_log = tempfile::NamedTempFile::new().expect("a log file for Xvfb");
        let xvfb = Guard(
            Command::new("Xvfb")
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1600x1000x24",
                    "-nolisten",
                    "tcp",
                    // By default the server resets when its last client leaves, e.g. when a test
                    // kills the app; a client connecting during that reset is refused.
                    "-noreset",
                ])
                .stdout(writer)
                .stderr(xvfb_log.reopen().expect("Xvfb's log"))
                .spawn()
                .expect("Xvfb starts"),
        );
        let mut out = std::io::BufReader::new(reader);
        let mut line = String::new();
        out.read_line(&mut line).expect("Xvfb names its display");
        let n: u32 = line.trim().parse().expect("a display number");
        Some(Display {
            name: format!(":{n}"),
            xvfb: std::cell::RefCell::new(xvfb),
            xvfb_log,
            _out: out,
        })
    }

    pub fn xdotool(&self, args: &[&str]) -> String {
        xdotool(&self.name, args)
    }

    /// Starts `tandem ARGS` with its own `TANDEM_HOME`, logging to `log`, and waits for its window.
    pub fn launch(&self, args: &[&OsStr], home: &Path, log_path: &Path) -> App {
        let log = std::fs::File::create(log_path).unwrap();
        let mut child = Guard(
            Command::new(env!("CARGO_BIN_EXE_tandem"))
                .args(args)
                .env("DISPLAY", &self.name)
                .env("TANDEM_HOME", home)
                .env_remove("WAYLAND_DISPLAY")
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .expect("tandem starts"),
        );
        let pid = child.0.id().to_string();
        let mut window = String::new();
        wait_for("the Tandem window", Duration::from_secs(60), || {
            // A program that has died will never show a window: say why at once.
            if let Ok(Some(status)) = child.0.try_wait() {
                let log = std::fs::read_to_string(log_path).unwrap_or_default();
                let server = match self.xvfb.borrow_mut().0.try_wait() {
                    Ok(None) => "still running".to_owned(),
                    Ok(Some(status)) => format!("exited ({status})"),
                    Err(e) => format!("unknown ({e})"),
                };
                let server_log = std::fs::read_to_string(self.xvfb_log.path()).unwrap_or_default();
                panic!(
                    "tandem exited ({status}) before showing its window; its output:\n{log}\n\
                     Xvfb {}: {server}; its output:\n{server_log}",
                    self.name
                );
            }
            window = self
                .xdotool(&["search", "--onlyvisible", "--pid", &pid])
                .lines()
                .last()
                .unwrap_or("")
                .to_owned();
            !window.is_empty()
        });
        // Let the first frames render before typing.
        std::thread::sleep(Duration::from_secs(3));
        self.xdotool(&["windowfocus", "--sync", &window]);
        self.xdotool(&["mousemove", "--window", &window, "500", "400"]);
        std::thread::sleep(Duration::from_millis(500));
        App {
            child,
            window,
            display: self.name.clone(),
        }
    }
}

/// A running Tandem window.
pub struct App {
    child: Guard,
    pub window: String,
    display: String,
}

impl App {
    fn xdotool(&self, args: &[&str]) -> String {
        xdotool(&self.display, args)
    }

    /// Runs xdotool steps (e.g. `["key", "ctrl+s"]`) with a pause after each.
    pub fn steps(&self, steps: &[&[&str]]) {
        for step in steps {
            self.xdotool(step);
            std::thread::sleep(Duration::from_millis(400));
        }
    }

    /// Saves the window as it is on screen to `path` (a PNG), with ImageMagick's `import`.
    pub fn screenshot(&self, path: &Path) {
        let status = Command::new("import")
            .args(["-window", &self.window])
            .arg(path)
            .env("DISPLAY", &self.display)
            .status()
            .expect("import (ImageMagick) runs");
        assert!(status.success(), "import could not save {}", path.display());
    }

    pub fn title(&self) -> String {
        self.xdotool(&["getwindowname", &self.window])
    }

    /// SIGKILL: no chance to clean up, like a crash or a power cut.
    pub fn kill(mut self) {
        self.child.0.kill().expect("the app is killed");
        self.child.0.wait().unwrap();
    }

    /// Waits for the app to exit by itself.
    pub fn wait_exit(mut self, timeout: Duration) -> ExitStatus {
        let mut status = None;
        wait_for("tandem to exit", timeout, || {
            status = self.child.0.try_wait().unwrap();
            status.is_some()
        });
        status.unwrap()
    }
}
