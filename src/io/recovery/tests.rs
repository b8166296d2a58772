use super::*;
use crate::io::Template;

fn snapshot(title: &str, original: Option<&str>) -> Snapshot {
    let mut board = Template::Partnership.board();
    board.apply(crate::model::Edit::SetTitle(title.into()));
    Snapshot {
        board,
        original: original.map(PathBuf::from),
        stamp: Some(DiskStamp {
            len: 12,
            modified_ns: Some(1_700_000_000_000_000_000),
            hash: 99,
        }),
        saved_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_779_287_520),
    }
}

fn copies(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_copy_carries_its_board_original_path_time_and_stamp() {
    let snap = snapshot("Workshop ✓", Some("/boards/w.tandem.json"));
    let text = copy_text(&snap);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], RECOVERY_FORMAT);
    assert_eq!(json["version"], RECOVERY_VERSION);
    assert_eq!(json["saved_at"], 1_779_287_520u64);
    assert_eq!(json["original_path"], "/boards/w.tandem.json");
    assert_eq!(json["board"]["format"], "tandem-board");
    let back = read_copy(text.as_bytes()).unwrap();
    assert_eq!(back.loaded.board, snap.board);
    assert_eq!(back.saved_at, snap.saved_at);
    assert_eq!(back.original, snap.original);
    assert_eq!(back.stamp, snap.stamp);
    let untitled = copy_text(&snapshot("x", None));
    assert!(untitled.contains("\"original_path\": null"));
}

#[test]
fn unreadable_copies_say_why() {
    let e = read_copy(b"{").unwrap_err();
    assert!(e.starts_with("not a recovery copy"), "{e}");
    let text = copy_text(&snapshot("x", None));
    let newer = text.replace("\"version\": 1", "\"version\": 7");
    assert!(
        read_copy(newer.as_bytes())
            .unwrap_err()
            .contains("version 7")
    );
    let bad_board = text.replace("\"tandem-board\"", "\"other\"");
    let e = read_copy(bad_board.as_bytes()).unwrap_err();
    assert!(e.contains("the board in it cannot be read"), "{e}");
}

#[test]
fn a_session_writes_removes_and_cleans_up_after_itself() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let session = Session::start(rec.clone());
    session.flush();
    assert!(copies(&rec).is_empty(), "nothing is written before an edit");
    session.write(snapshot("one", None));
    session.flush();
    let names = copies(&rec);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].ends_with(LOCK_SUFFIX) && names[1].ends_with(COPY_SUFFIX));
    let copy = read_copy(&fs::read(session.copy_path()).unwrap()).unwrap();
    assert_eq!(copy.loaded.board.title(), "one");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(session.copy_path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only the user reads their work");
    }
    session.remove();
    session.flush();
    assert!(!session.copy_path().exists());
    session.write(snapshot("two", None));
    drop(session);
    assert!(copies(&rec).is_empty(), "a clean exit leaves nothing");
}

#[test]
fn a_recovery_folder_that_cannot_be_made_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    fs::write(&file, "").unwrap();
    let session = Session::start(file.join("recovery"));
    session.write(snapshot("x", None));
    session.flush();
    let e = session.take_error().unwrap();
    assert!(e.starts_with("cannot create"), "{e}");
    assert_eq!(session.take_error(), None, "reported once");
}

/// A session that ended without cleaning up, as a kill leaves it: a copy and an unheld lock.
fn left_behind(dir: &Path, name: &str, title: &str, secs: u64) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let mut snap = snapshot(title, Some("/b.tandem.json"));
    snap.saved_at = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
    let copy = dir.join(format!("{name}{COPY_SUFFIX}"));
    fs::write(&copy, copy_text(&snap)).unwrap();
    fs::write(dir.join(format!("{name}{LOCK_SUFFIX}")), "").unwrap();
    copy
}

#[test]
fn scan_offers_left_behind_copies_newest_first_and_never_a_running_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    left_behind(&rec, "1-1", "older", 1_000);
    left_behind(&rec, "2-2", "newer", 2_000);
    fs::write(rec.join("3-3.tandem-recovery.json"), "garbage").unwrap();
    // A running window's copy.
    let live = Session::start(rec.clone());
    live.write(snapshot("live", None));
    live.flush();
    // What crashed sessions leave besides copies.
    fs::write(rec.join("9-9.lock"), "").unwrap();
    let found = scan(&rec);
    let titles: Vec<String> = found
        .iter()
        .map(|r| match &r.content {
            Ok(c) => c.loaded.board.title().to_owned(),
            Err(e) => format!("error: {e}"),
        })
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert_eq!(&titles[..2], ["newer", "older"]);
    assert!(titles[2].starts_with("error: not a recovery copy"));
    assert!(!rec.join("9-9.lock").exists(), "stale lock removed");
    // Claimed: a second window starting now is not offered the same copies.
    assert!(scan(&rec).is_empty());
    drop(found);
    assert_eq!(scan(&rec).len(), 3, "released when this window lets go");
    drop(live);
}

#[test]
fn restoring_writes_the_new_copy_before_deleting_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let old = left_behind(&rec, "1-1", "crashed", 1_000);
    let mut found = scan(&rec);
    let session = Session::start(rec.clone());
    session.write(snapshot("crashed", Some("/b.tandem.json")));
    session.forget(vec![found.remove(0)]);
    session.flush();
    assert!(!old.exists());
    assert!(!rec.join("1-1.lock").exists());
    let names = copies(&rec);
    assert_eq!(names.len(), 2, "{names:?}");
    let own = read_copy(&fs::read(session.copy_path()).unwrap()).unwrap();
    assert_eq!(own.original.as_deref(), Some(Path::new("/b.tandem.json")));
    drop(session);
    assert!(copies(&rec).is_empty());
}

#[test]
fn two_sessions_keep_separate_copies() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let a = Session::start(rec.clone());
    let b = Session::start(rec.clone());
    assert_ne!(a.copy_path(), b.copy_path());
    a.write(snapshot("a", None));
    b.write(snapshot("b", None));
    a.flush();
    b.flush();
    drop(a);
    let left = read_copy(&fs::read(b.copy_path()).unwrap()).unwrap();
    assert_eq!(left.loaded.board.title(), "b");
    assert_eq!(copies(&rec).len(), 2, "b's copy and lock");
}
