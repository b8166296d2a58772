//! Recovery copies of unsaved boards, so a crash, a kill or a power cut loses at most the last
//! couple of seconds of work.
//!
//! Each running Tandem (a *session*) keeps at most one copy, `SESSION.tandem-recovery.json` in the
//! recovery folder (see [`recovery_dir`]), next to `SESSION.lock`, which the session holds locked
//! while it runs. A copy whose lock nobody holds belongs to a session that ended without cleaning
//! up: that is a board to offer back. Several windows therefore never touch each other's copies,
//! and two windows starting at once cannot both claim the same one (the claim is the lock).
//!
//! Copies are written on a background thread (the disk sync can take tens of milliseconds), each
//! through a temporary file and a rename like a saved board, so a copy is always whole. The file
//! format is documented in `docs/FORMAT.md`.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::files::{DiskStamp, io_reason, is_stale_temp, write_atomically};
use super::format::{Loaded, MAX_FILE_BYTES, read_board, write_board};
use crate::model::Board;

/// The value of a recovery file's `"format"` field.
pub const RECOVERY_FORMAT: &str = "tandem-recovery";
/// The recovery file version this build writes and reads.
pub const RECOVERY_VERSION: u64 = 1;
const COPY_SUFFIX: &str = ".tandem-recovery.json";
const LOCK_SUFFIX: &str = ".lock";

/// The folder recovery copies live in: `recovery` in Tandem's data folder.
pub fn recovery_dir() -> Option<PathBuf> {
    super::paths::data_dir().map(|d| d.join("recovery"))
}

/// A recovery file: the board in the normal board format, with where it came from and when.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyJson<B> {
    format: String,
    version: u64,
    /// Seconds since the Unix epoch (UTC) when the copy was written.
    saved_at: u64,
    /// The board's file, or `null` for a board never saved.
    original_path: Option<String>,
    /// What that file held when the board was opened or last saved, to notice later changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original_stamp: Option<DiskStamp>,
    board: B,
}

/// What a session hands to the writer: the board as it is now and where it belongs.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub board: Board,
    pub original: Option<PathBuf>,
    pub stamp: Option<DiskStamp>,
    pub saved_at: SystemTime,
}

/// The text of a recovery file for `snap`.
pub fn copy_text(snap: &Snapshot) -> String {
    let board = write_board(&snap.board);
    let board = RawValue::from_string(board.trim_end().to_owned())
        .expect("write_board always writes valid JSON");
    let file = CopyJson {
        format: RECOVERY_FORMAT.to_owned(),
        version: RECOVERY_VERSION,
        saved_at: unix_seconds(snap.saved_at),
        original_path: snap
            .original
            .as_deref()
            .and_then(Path::to_str)
            .map(str::to_owned),
        original_stamp: snap.stamp.clone(),
        board,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("a recovery copy always serialises");
    text.push('\n');
    text
}

fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A recovery copy read back: its board (through the board loader) and where it came from.
#[derive(Debug)]
pub struct CopyContent {
    pub loaded: Loaded,
    pub saved_at: SystemTime,
    pub original: Option<PathBuf>,
    pub stamp: Option<DiskStamp>,
}

/// Reads a recovery file's bytes. The board inside goes through the same checks as any board file.
pub fn read_copy(bytes: &[u8]) -> Result<CopyContent, String> {
    let file: CopyJson<Box<RawValue>> =
        serde_json::from_slice(bytes).map_err(|e| format!("not a recovery copy: {e}"))?;
    if file.format != RECOVERY_FORMAT {
        return Err(format!(
            "not a recovery copy: \"format\" is \"{}\"",
            file.format
        ));
    }
    if file.version != RECOVERY_VERSION {
        return Err(format!(
            "recovery copy version {} (this Tandem reads version {RECOVERY_VERSION})",
            file.version
        ));
    }
    let loaded = read_board(file.board.get().as_bytes())
        .map_err(|d| format!("the board in it cannot be read: {d}"))?;
    Ok(CopyContent {
        loaded,
        saved_at: SystemTime::UNIX_EPOCH + Duration::from_secs(file.saved_at),
        original: file.original_path.map(PathBuf::from),
        stamp: file.original_stamp,
    })
}

/// A recovery copy left by a session that did not end cleanly, claimed by this one (its lock is
/// held until it is restored, discarded or released).
#[derive(Debug)]
pub struct Recovered {
    /// The recovery file.
    pub file: PathBuf,
    /// Its content, or why it cannot be read.
    pub content: Result<CopyContent, String>,
    claim: Claim,
}

/// The lock of a left-behind session, held by this one.
#[derive(Debug)]
struct Claim {
    lock_path: PathBuf,
    /// `None` where the file system cannot lock: then nothing guards against a second claimer.
    _lock: Option<File>,
}

impl Recovered {
    /// Deletes the copy and its lock file.
    fn remove(self) -> std::io::Result<()> {
        remove_if_present(&self.file)?;
        remove_if_present(&self.claim.lock_path)
    }
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Tries to take the lock at `path`: `Ok(Some(file))` when taken, `Ok(None)` when this file system
/// cannot lock, `Err(())` when another running Tandem holds it.
fn try_claim(path: &Path) -> Result<Option<File>, ()> {
    let Ok(file) = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
    else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Err(()),
        Err(fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// Finds the copies in `dir` that no running Tandem owns and claims them, newest first. Also tidies
/// what crashed sessions leave behind: lock files without a copy, and stale temporary files.
pub fn scan(dir: &Path) -> Vec<Recovered> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut found = Vec::new();
    for name in &names {
        if let Some(session) = name.strip_suffix(COPY_SUFFIX) {
            let lock_path = dir.join(format!("{session}{LOCK_SUFFIX}"));
            let Ok(lock) = try_claim(&lock_path) else {
                continue; // a running session's copy
            };
            let file = dir.join(name);
            let content = read_limited(&file).and_then(|bytes| read_copy(&bytes));
            found.push(Recovered {
                file,
                content,
                claim: Claim {
                    lock_path,
                    _lock: lock,
                },
            });
        } else if let Some(session) = name.strip_suffix(LOCK_SUFFIX) {
            let lock_path = dir.join(name);
            let has_copy = names.contains(&format!("{session}{COPY_SUFFIX}"));
            if !has_copy && let Ok(Some(_held)) = try_claim(&lock_path) {
                let _ = fs::remove_file(&lock_path);
            }
        } else if name.ends_with(".tmp") {
            let path = dir.join(name);
            if is_stale_temp(&path) {
                let _ = fs::remove_file(path);
            }
        }
    }
    found.sort_by_key(|r| {
        std::cmp::Reverse(
            r.content
                .as_ref()
                .map_or(SystemTime::UNIX_EPOCH, |c| c.saved_at),
        )
    });
    found
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let len = fs::metadata(path).map_err(|e| io_reason(&e))?.len();
    // The board inside may be as large as a board file, plus a few lines of wrapper.
    if len > MAX_FILE_BYTES as u64 + 64 * 1024 {
        return Err(format!("the copy is {} MB, too large to open", len >> 20));
    }
    fs::read(path).map_err(|e| io_reason(&e))
}

enum Job {
    Write(Box<Snapshot>),
    Remove,
    /// Delete copies left by other sessions (restored or discarded), then let go of their locks.
    Forget(Vec<Recovered>),
    /// Answer once everything before is done.
    Flush(Sender<()>),
}

/// This process's recovery copy, kept by a writer thread. Dropping the session (a clean exit)
/// removes the copy, except while panicking: then the copy is exactly what must survive.
pub struct Session {
    tx: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    copy: PathBuf,
    last_error: Arc<Mutex<Option<String>>>,
}

impl Session {
    /// A session writing into `dir` (created when first needed).
    pub fn start(dir: PathBuf) -> Self {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        // Unique per process and per session within it (tests run several at once).
        static STARTED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("{}-{nanos}-{n}", std::process::id());
        let copy = dir.join(format!("{name}{COPY_SUFFIX}"));
        let lock = dir.join(format!("{name}{LOCK_SUFFIX}"));
        let last_error = Arc::new(Mutex::new(None));
        let (tx, rx) = channel::<Job>();
        let mut writer = Writer {
            dir,
            copy: copy.clone(),
            lock_path: lock,
            lock: None,
            last_error: last_error.clone(),
        };
        let thread = std::thread::Builder::new()
            .name("tandem-recovery".to_owned())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    writer.run(job);
                }
                writer.release();
            })
            .ok();
        Self {
            tx: thread.is_some().then_some(tx),
            thread,
            copy,
            last_error,
        }
    }

    /// The file this session writes its copy to.
    pub fn copy_path(&self) -> &Path {
        &self.copy
    }

    fn send(&self, job: Job) {
        match &self.tx {
            Some(tx) if tx.send(job).is_ok() => {}
            _ => self.set_error("the autosave thread is not running".to_owned()),
        }
    }

    fn set_error(&self, e: String) {
        *self
            .last_error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(e);
    }

    /// Writes (replaces) this session's copy in the background.
    pub fn write(&self, snap: Snapshot) {
        self.send(Job::Write(Box::new(snap)));
    }

    /// Removes this session's copy (the board was saved, or its changes undone).
    pub fn remove(&self) {
        self.send(Job::Remove);
    }

    /// Deletes claimed copies of other sessions, after every job sent before (so a restored board's
    /// own new copy is on disk before the old one goes).
    pub fn forget(&self, copies: Vec<Recovered>) {
        self.send(Job::Forget(copies));
    }

    /// Why the last background write failed, once.
    pub fn take_error(&self) -> Option<String> {
        self.last_error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }

    /// Waits until every job sent so far is done.
    pub fn flush(&self) {
        let (done_tx, done_rx) = channel();
        self.send(Job::Flush(done_tx));
        let _ = done_rx.recv();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.send(Job::Remove);
        }
        // Closing the channel ends the writer once it has done everything queued.
        drop(self.tx.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The writer thread's side of a session.
struct Writer {
    dir: PathBuf,
    copy: PathBuf,
    lock_path: PathBuf,
    /// Held from the first write to the end of the session.
    lock: Option<File>,
    last_error: Arc<Mutex<Option<String>>>,
}

impl Writer {
    fn run(&mut self, job: Job) {
        let result = match job {
            Job::Write(snap) => self.write(&snap),
            Job::Remove => remove_if_present(&self.copy).map_err(|e| io_reason(&e)),
            Job::Forget(copies) => copies
                .into_iter()
                .try_for_each(Recovered::remove)
                .map_err(|e| io_reason(&e)),
            Job::Flush(done) => {
                let _ = done.send(());
                Ok(())
            }
        };
        if let Err(e) = result {
            *self
                .last_error
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(e);
        }
    }

    fn write(&mut self, snap: &Snapshot) -> Result<(), String> {
        if self.lock.is_none() {
            fs::create_dir_all(&self.dir)
                .map_err(|e| format!("cannot create {}: {}", self.dir.display(), io_reason(&e)))?;
            // The lock must exist before the copy, so no other session takes the copy as left behind.
            match try_claim(&self.lock_path) {
                Ok(Some(f)) => self.lock = Some(f),
                Ok(None) => {}
                Err(()) => return Err("another Tandem holds this session's lock".to_owned()),
            }
        }
        write_atomically(&self.copy, copy_text(snap).as_bytes(), private())
            .map_err(|e| io_reason(&e))
    }

    /// The session ends cleanly: its lock file goes (the copy went with the last `Remove`).
    fn release(&mut self) {
        if self.lock.take().is_some() && !self.copy.exists() {
            let _ = fs::remove_file(&self.lock_path);
        }
    }
}

/// Recovery copies hold the user's work: readable by the user only.
fn private() -> Option<fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
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
}
