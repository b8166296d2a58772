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
mod tests;
