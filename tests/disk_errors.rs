//! Saving onto a full disk, a read-only disk and into a read-only folder: the save fails with the
//! reason, and the board file and its backup stay exactly as they were.
//!
//! The disks are real: a 64 KiB tmpfs mounted in a user and mount namespace (`unshare -rm`, no
//! privileges needed where user namespaces are allowed). The read-only folder is a folder without
//! write permission; as root, who may write anywhere, the check runs as `nobody` (`setpriv`).
//! Each check runs in a child process (this test binary again, with `--ignored`) started that way.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use tandem::io::files::backup_path;
use tandem::io::{Template, load_file, save_file};
use tandem::model::{Board, Edit, Note, NoteId};

const DIR_ENV: &str = "TANDEM_DISK_TEST_DIR";

fn child_dir() -> PathBuf {
    PathBuf::from(std::env::var_os(DIR_ENV).expect("started by the test that sets the folder"))
}

/// A board too large for one 4 KiB page.
fn big() -> Board {
    let mut board = Template::Partnership.board();
    let notes = (0..40)
        .map(|i| {
            let mut n = Note::new(NoteId(i + 1), i as f32 * 220.0, 0.0);
            n.text = format!("note {i}");
            (i as usize, n)
        })
        .collect();
    board.apply(Edit::InsertNotes(notes));
    board
}

fn small() -> Board {
    Template::Blank.board()
}

/// Names in `dir` other than the board, its backup and `keep`.
fn strays(dir: &Path, keep: &[&str]) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !["b.tandem.json", "b.tandem.json.bak"].contains(&n.as_str()))
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

/// Runs child test `name` through `wrapper` (a command and its arguments, then the test binary).
/// Where the wrapper cannot run here it says why and returns (a failure under `TANDEM_REQUIRE_E2E`).
fn run_child(wrapper: &[&str], dir: &Path, name: &str) {
    let exe = std::env::current_exe().unwrap();
    let probe = Command::new(wrapper[0])
        .args(&wrapper[1..])
        .arg("true")
        .env(DIR_ENV, dir)
        .output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        let message = format!("cannot run `{}` here: {probe:?}", wrapper.join(" "));
        assert!(
            std::env::var_os("TANDEM_REQUIRE_E2E").is_none(),
            "{message}"
        );
        eprintln!("skipping: {message}");
        return;
    }
    let out = Command::new(wrapper[0])
        .args(&wrapper[1..])
        .arg(&exe)
        .args(["--exact", name, "--ignored", "--nocapture"])
        .env(DIR_ENV, dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 passed"), "{name} did not run: {stdout}");
    // What the child checked, for the log.
    for line in stdout
        .lines()
        .filter(|l| l.contains(": ") && !l.starts_with("test result"))
    {
        eprintln!("{name}: {line}");
    }
}

#[test]
fn full_and_read_only_disks_fail_the_save_and_keep_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let script = r#"mount -t tmpfs -o size=64k tandem-test "$TANDEM_DISK_TEST_DIR" && exec "$@""#;
    run_child(
        &["unshare", "-rm", "sh", "-c", script, "sh"],
        dir.path(),
        "full_disk_child",
    );
}

#[test]
#[ignore = "run by full_and_read_only_disks_fail_the_save_and_keep_the_file on a small tmpfs"]
fn full_disk_child() {
    let dir = child_dir();
    let path = dir.join("b.tandem.json");
    save_file(&path, &small()).unwrap();
    let original = fs::read(&path).unwrap();

    // Fill the disk to the last byte.
    let filler_path = dir.join("filler");
    let mut filler = fs::File::create(&filler_path).unwrap();
    let chunk = [0u8; 4096];
    let full = loop {
        if let Err(e) = filler.write_all(&chunk) {
            break e;
        }
    };
    assert_eq!(full.kind(), std::io::ErrorKind::StorageFull, "{full}");

    // No room even for the backup.
    let err = save_file(&path, &big()).unwrap_err();
    assert_eq!(
        err,
        "cannot keep the previous version as b.tandem.json.bak: the disk is full"
    );
    assert_eq!(fs::read(&path).unwrap(), original);
    assert_eq!(strays(&dir, &["filler"]), Vec::<String>::new());

    // Room for the backup (one page) but not for the new board.
    let len = filler.metadata().unwrap().len();
    filler.set_len(len - 8192).unwrap();
    let err = save_file(&path, &big()).unwrap_err();
    assert_eq!(err, "the disk is full");
    assert_eq!(fs::read(&path).unwrap(), original);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), original);
    assert_eq!(strays(&dir, &["filler"]), Vec::<String>::new());

    // With space again, the same save works.
    drop(filler);
    fs::remove_file(&filler_path).unwrap();
    save_file(&path, &big()).unwrap();
    assert_eq!(load_file(&path).unwrap().board, big());

    // A disk that turned read-only.
    let remount = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(remount.success());
    let before = fs::read(&path).unwrap();
    let err = save_file(&path, &small()).unwrap_err();
    assert!(err.ends_with("the disk is read-only"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    println!("full disk and read-only disk: refused with the reason, file kept");
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_fails_the_save_and_keeps_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    fs::create_dir(&folder).unwrap();
    save_file(&folder.join("b.tandem.json"), &small()).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    if is_root() {
        run_child(
            &[
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
            ],
            &folder,
            "read_only_folder_child",
        );
    } else {
        check_read_only_folder(&folder);
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
#[ignore = "run by a_read_only_folder_fails_the_save_and_keeps_the_file as a user without rights"]
fn read_only_folder_child() {
    check_read_only_folder(&child_dir());
}

fn check_read_only_folder(folder: &Path) {
    let path = folder.join("b.tandem.json");
    let before = fs::read(&path).unwrap();
    let err = save_file(&path, &big()).unwrap_err();
    assert!(err.ends_with("permission denied"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(strays(folder, &[]), Vec::<String>::new());
    println!("read-only folder: {err}");
}
