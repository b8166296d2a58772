//! End to end: the real `tandem` binary in a real X window (Xvfb), driven with xdotool. Creates a
//! note with the keyboard, saves with Ctrl+S to the path given on the command line, and checks the
//! JSON on disk. See `common` for what the display needs.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Display, wait_for};

#[test]
fn keyboard_note_saved_with_ctrl_s_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("workshop.tandem.json");
    let app = display.launch(
        &[file.as_os_str()],
        &dir.path().join("home"),
        &dir.path().join("tandem.log"),
    );
    app.steps(&[
        &["key", "--delay", "150", "n"],
        &["type", "--delay", "60", "Spotify in every ride"],
        &["key", "--delay", "150", "Escape"],
        &["key", "--delay", "150", "ctrl+s"],
    ]);

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
