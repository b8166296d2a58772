//! End to end: the real `tandem` binary in a real X window (Xvfb), driven with xdotool. Creates a
//! note with the keyboard, saves with Ctrl+S to the path given on the command line, and checks the
//! JSON on disk.
//!
//! Needs `Xvfb` and `xdotool` (Debian: `apt-get install xvfb xdotool`). Where they are missing the
//! test says so and skips, unless `TANDEM_REQUIRE_E2E=1` (set by `.ci/run`), where it fails.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills a child process when dropped, so a failed assertion leaves nothing running.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .expect("xdotool runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn keyboard_note_saved_with_ctrl_s_in_a_real_window() {
    let missing: Vec<&str> = ["Xvfb", "xdotool"]
        .into_iter()
        .filter(|p| !have(p))
        .collect();
    if !missing.is_empty() {
        let message = format!(
            "cannot start an X server here: {} not installed (apt-get install xvfb xdotool)",
            missing.join(", ")
        );
        assert!(
            std::env::var_os("TANDEM_REQUIRE_E2E").is_none(),
            "{message}"
        );
        eprintln!("skipping the real-window test: {message}");
        return;
    }

    let n = (100..200)
        .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
        .expect("a free display");
    let display = format!(":{n}");
    let _xvfb = Guard(
        Command::new("Xvfb")
            .args([&display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts"),
    );
    wait_for("the X server", Duration::from_secs(20), || {
        Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
    });

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("workshop.tandem.json");
    let log = std::fs::File::create(dir.path().join("tandem.log")).unwrap();
    let app = Guard(
        Command::new(env!("CARGO_BIN_EXE_tandem"))
            .arg(&file)
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("tandem starts"),
    );
    let pid = app.0.id().to_string();
    let mut window = String::new();
    wait_for("the Tandem window", Duration::from_secs(60), || {
        window = xdotool(&display, &["search", "--onlyvisible", "--pid", &pid])
            .lines()
            .last()
            .unwrap_or("")
            .to_owned();
        !window.is_empty()
    });
    // Let the first frames render before typing.
    std::thread::sleep(Duration::from_secs(3));
    xdotool(&display, &["windowfocus", "--sync", &window]);
    xdotool(&display, &["mousemove", "--window", &window, "500", "400"]);
    std::thread::sleep(Duration::from_millis(500));
    for step in [
        vec!["key", "--delay", "150", "n"],
        vec!["type", "--delay", "60", "Spotify in every ride"],
        vec!["key", "--delay", "150", "Escape"],
        vec!["key", "--delay", "150", "ctrl+s"],
    ] {
        xdotool(&display, &step);
        std::thread::sleep(Duration::from_millis(400));
    }

    wait_for("the saved file", Duration::from_secs(30), || file.exists());
    let bytes = std::fs::read(&file).unwrap();
    let board = tandem::io::read_board(&bytes)
        .expect("the saved file is a valid board")
        .board;
    let texts: Vec<&str> = board.notes().iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Spotify in every ride"],
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(
        board.lane().is_some(),
        "a new board starts from the Partnership Canvas template"
    );
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["format"], "tandem-board");
    assert_eq!(json["version"], tandem::io::format::CURRENT_VERSION);
}
