//! End to end: work in the real binary survives SIGKILL. The first run types a note and is killed
//! once autosave has had its two seconds; the second run, with the same `TANDEM_HOME`, offers the
//! board back, restores it with Enter and saves it with Ctrl+S to the path the first run had.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Display, wait_for};
use tandem::io::recovery::read_copy;

fn recovery_copies(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().ends_with(".tandem-recovery.json"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn work_survives_sigkill_and_is_restored_on_the_next_start() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let recovery = home.join("data").join("recovery");
    let file = dir.path().join("workshop.tandem.json");

    let first = display.launch(&[file.as_os_str()], &home, &dir.path().join("first.log"));
    first.steps(&[
        &["key", "--delay", "150", "n"],
        &["type", "--delay", "60", "Survives a crash"],
        &["key", "--delay", "150", "Escape"],
    ]);
    let mut copy = None;
    wait_for("the recovery copy", Duration::from_secs(30), || {
        copy = recovery_copies(&recovery)
            .first()
            .and_then(|p| read_copy(&std::fs::read(p).ok()?).ok());
        copy.is_some()
    });
    let copy = copy.unwrap();
    assert_eq!(copy.original.as_deref(), Some(file.as_path()));
    let texts: Vec<&str> = copy
        .loaded
        .board
        .notes()
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts, ["Survives a crash"]);
    first.kill();
    assert!(!file.exists(), "the board was never saved");
    assert_eq!(
        recovery_copies(&recovery).len(),
        1,
        "the copy outlives the kill"
    );

    // A fresh X server, as after a reboot: the second run finds the work through TANDEM_HOME
    // alone, and owes nothing to the state the killed client left in the first server.
    drop(display);
    let display = Display::start().expect("Xvfb started once, so it starts again");
    let second = display.launch(&[], &home, &dir.path().join("second.log"));
    second.steps(&[&["key", "--delay", "150", "Return"]]);
    // Restored, unsaved, under its original name.
    wait_for("the restored board", Duration::from_secs(10), || {
        second.title() == "*workshop.tandem.json — Tandem"
    });
    second.steps(&[&["key", "--delay", "150", "ctrl+s"]]);
    wait_for("the saved file", Duration::from_secs(30), || file.exists());
    let board = tandem::io::load_file(&file).unwrap().board;
    let texts: Vec<&str> = board.notes().iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Survives a crash"]);
    wait_for("the copies to go", Duration::from_secs(10), || {
        recovery_copies(&recovery).is_empty()
    });

    second.steps(&[&["key", "--delay", "150", "ctrl+q"]]);
    let status = second.wait_exit(Duration::from_secs(20));
    assert!(status.success(), "{status:?}");
    let left: Vec<_> = std::fs::read_dir(&recovery).unwrap().collect();
    assert!(left.is_empty(), "a clean exit leaves nothing: {left:?}");
}
