//! Boards on disk: loading with the one loader the app and `tandem check` share, atomic saving with
//! a backup of the previous version, and noticing when another program changed a file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::format::{Loaded, MAX_FILE_BYTES, read_board, too_big, write_board};
use crate::model::Board;

/// The extension Tandem gives board files.
pub const EXTENSION: &str = ".tandem.json";

/// How long a temporary file must have been left alone before it counts as a write cut short by a
/// crash or kill, and not one still in progress.
const STALE_TEMP: Duration = Duration::from_secs(600);

/// What a file held when Tandem last read or wrote it, to tell later whether another program has
/// written it since. Size and modification time answer quickly; the content hash decides when they
/// differ, so merely touching a file does not count as a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskStamp {
    pub len: u64,
    /// Nanoseconds since the Unix epoch; absent where the platform has no modification time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_ns: Option<u64>,
    /// FNV-1a of the content: stable across runs and builds, so a recovery copy can carry it.
    pub hash: u64,
}

impl DiskStamp {
    fn new(bytes: &[u8], meta: Option<&fs::Metadata>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified_ns: meta.and_then(modified_ns),
            hash: content_hash(bytes),
        }
    }
}

fn modified_ns(meta: &fs::Metadata) -> Option<u64> {
    let t = meta.modified().ok()?;
    u64::try_from(t.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_nanos()).ok()
}

/// 64-bit FNV-1a: a few lines, stable forever, and fast enough for files of a few megabytes.
fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Reads and checks a board file. The file is only read, never written. This is the loader of both
/// the app and `tandem check`, so what `check` accepts is exactly what the app opens.
pub fn load_file(path: &Path) -> Result<Loaded, Diagnostic> {
    load_file_stamped(path).map(|(loaded, _)| loaded)
}

/// [`load_file`], also returning what the file held, for [`changed_on_disk`] later.
pub fn load_file_stamped(path: &Path) -> Result<(Loaded, DiskStamp), Diagnostic> {
    let (bytes, meta) = read_checked(path)?;
    let loaded = read_board(&bytes)?;
    Ok((loaded, DiskStamp::new(&bytes, Some(&meta))))
}

/// The bytes of a file Tandem reads (a board, or a canvas to import), refused before reading when
/// it is not a regular file or is too large.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    read_checked(path).map(|(bytes, _)| bytes)
}

fn read_checked(path: &Path) -> Result<(Vec<u8>, fs::Metadata), Diagnostic> {
    let meta = fs::metadata(path).map_err(|e| Diagnostic::new(None, io_reason(&e)))?;
    if meta.is_dir() {
        return Err(Diagnostic::new(None, "is a folder, not a file"));
    }
    // A device or a pipe could be endless (`/dev/zero`) or never answer.
    if !meta.is_file() {
        return Err(Diagnostic::new(
            None,
            "is not a regular file (a device, a pipe or a socket)",
        ));
    }
    // Refuse before reading, so a huge file costs nothing.
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(too_big(meta.len()));
    }
    // Read one byte past the limit: a file that grew since its size was taken is still refused.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| {
            use std::io::Read;
            f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| Diagnostic::new(None, io_reason(&e)))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

/// Whether the file at `path` no longer holds what `stamp` recorded (another program wrote it). A
/// file that is gone counts as unchanged: saving recreates it and overwrites nothing.
pub fn changed_on_disk(path: &Path, stamp: &DiskStamp) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    if meta.len() == stamp.len && modified_ns(&meta) == stamp.modified_ns {
        return false;
    }
    match fs::read(path) {
        Ok(bytes) => bytes.len() as u64 != stamp.len || content_hash(&bytes) != stamp.hash,
        // Unreadable now: saving will say why, if it fails.
        Err(_) => false,
    }
}

/// Where the previous version of `path` is kept: `NAME.tandem.json.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Saves a board. At every moment the file is either the old one or the new one, whole: the text
/// goes to a temporary file in the same folder, is synced to disk, then renamed over the target.
/// Before that, the version being replaced is kept as [`backup_path`] the same way, so a crash at
/// any point leaves a complete board file and a complete backup. Returns what the file now holds.
pub fn save_file(path: &Path, board: &Board) -> Result<DiskStamp, String> {
    let path = resolve_symlink(path);
    let bytes = write_board(board).into_bytes();
    keep_backup(&path, &bytes)?;
    write_atomically(&path, &bytes, None).map_err(|e| match path.parent() {
        // "No such file" misleads when it is the folder that is missing (e.g. a removed USB stick).
        Some(dir) if e.kind() == std::io::ErrorKind::NotFound && !dir.is_dir() => {
            format!("the folder {} does not exist", dir.display())
        }
        _ => io_reason(&e),
    })?;
    Ok(DiskStamp::new(&bytes, fs::metadata(&path).ok().as_ref()))
}

/// A link to a board saves into the file it points to, instead of replacing the link with a file.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Copies the current file at `path` to its backup, unless there is none or it already holds
/// `new` (saving twice must not replace the real previous version with the current one).
fn keep_backup(path: &Path, new: &[u8]) -> Result<(), String> {
    let old = match fs::read(path) {
        Ok(old) => old,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_reason(&e)),
    };
    if old == new {
        return Ok(());
    }
    let backup = backup_path(path);
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    write_atomically(&backup, &old, permissions).map_err(|e| {
        format!(
            "cannot keep the previous version as {}: {}",
            display_name(&backup),
            io_reason(&e)
        )
    })
}

/// Writes `bytes` to `path` through a synced temporary file in the same folder and a rename, so the
/// file is at every moment the old one or the new one, whole; boards, backups, recovery copies and
/// exports are all written this way. The file gets `permissions`, else those of the file it
/// replaces, else the usual 0644 of a document.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile would otherwise make the file private.
    if let Some(p) = permissions.or_else(|| fs::metadata(path).ok().map(|m| m.permissions())) {
        builder.permissions(p);
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o644));
        }
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename is durable once the folder itself is synced (not possible on every platform).
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    remove_stale_temps(dir, &prefix);
    Ok(())
}

/// Temporary files are named after the file they replace (`.NAME.tandem-save-XXXXXX.tmp`), so the
/// next save of that file can find and remove what a write cut short left beside it.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    // Keep well inside the usual 255-byte limit on a name, random part and suffix included.
    let mut end = name.len().min(100);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.tandem-save-", &name[..end])
}

/// Removes this target's temporary files that nothing has written to for [`STALE_TEMP`].
fn remove_stale_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(".tmp") && is_stale_temp(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether the file at `path` has not been written for [`STALE_TEMP`].
pub(crate) fn is_stale_temp(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_TEMP)
}

/// A short, user-facing reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".to_owned(),
        PermissionDenied => "permission denied".to_owned(),
        StorageFull => "the disk is full".to_owned(),
        ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        FileTooLarge => "the file is larger than this disk or account allows".to_owned(),
        QuotaExceeded => "the disk quota is used up".to_owned(),
        NotADirectory => "a folder on the path is a file".to_owned(),
        IsADirectory => "a folder is in the way".to_owned(),
        _ => e.to_string(),
    }
}

/// The file name shown for a path, e.g. in the title bar.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Adds `.tandem.json` to a path chosen without it.
pub fn with_extension(path: &Path) -> std::path::PathBuf {
    let name = path.to_string_lossy();
    if name.ends_with(EXTENSION) || name.ends_with(".json") {
        path.to_path_buf()
    } else {
        std::path::PathBuf::from(format!("{name}{EXTENSION}"))
    }
}

/// Lower-case letters and digits joined by single dashes: safe in any file name.
pub fn slug(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    mapped
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Template;

    #[test]
    fn save_then_load_round_trips_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        let board = Template::Partnership.board();
        save_file(&path, &board).unwrap();
        save_file(&path, &board).unwrap();
        assert_eq!(load_file(&path).unwrap().board, board);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["b.tandem.json"]);
    }

    #[test]
    fn a_save_removes_what_an_interrupted_save_of_the_same_file_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        let leave = |name: &str, age: u64| {
            let file = fs::File::create(dir.path().join(name)).unwrap();
            file.set_modified(SystemTime::now() - Duration::from_secs(age))
                .unwrap();
        };
        let ours = format!("{}abc123.tmp", temp_prefix(&path));
        leave(&ours, 3600);
        // Possibly still being written, or another file's: both stay.
        let recent = format!("{}def456.tmp", temp_prefix(&path));
        leave(&recent, 5);
        let other = format!(
            "{}abc123.tmp",
            temp_prefix(&dir.path().join("c.tandem.json"))
        );
        leave(&other, 3600);

        save_file(&path, &Template::Blank.board()).unwrap();
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        let mut expected = vec!["b.tandem.json".to_owned(), recent, other];
        expected.sort();
        assert_eq!(names, expected);
    }

    #[test]
    fn temporary_names_stay_short_for_long_file_names() {
        let dir = tempfile::tempdir().unwrap();
        // Byte 100 falls inside an "é": the cut must move to a character boundary.
        let path = dir.path().join(format!("a{}.tandem.json", "é".repeat(115)));
        assert_eq!(path.file_name().unwrap().len(), 243);
        save_file(&path, &Template::Blank.board()).unwrap();
        save_file(&path, &Template::Partnership.board()).unwrap();
        assert_eq!(
            load_file(&path).unwrap().board,
            Template::Partnership.board()
        );
    }

    fn titled(title: &str) -> Board {
        let mut doc = crate::model::Document::new(Template::Blank.board());
        doc.apply("Title", crate::model::Edit::SetTitle(title.into()), None);
        doc.board().clone()
    }

    #[test]
    fn each_save_keeps_the_version_it_replaces_as_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        let backup = dir.path().join("b.tandem.json.bak");
        save_file(&path, &titled("one")).unwrap();
        assert!(!backup.exists(), "a first save has nothing to keep");
        save_file(&path, &titled("two")).unwrap();
        assert_eq!(load_file(&backup).unwrap().board, titled("one"));
        save_file(&path, &titled("three")).unwrap();
        assert_eq!(load_file(&backup).unwrap().board, titled("two"));
        assert_eq!(load_file(&path).unwrap().board, titled("three"));
        // Saving again without changes keeps the real previous version.
        save_file(&path, &titled("three")).unwrap();
        assert_eq!(load_file(&backup).unwrap().board, titled("two"));
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["b.tandem.json", "b.tandem.json.bak"]);
    }

    #[test]
    fn a_backup_that_cannot_be_written_stops_the_save_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        save_file(&path, &titled("one")).unwrap();
        fs::create_dir(backup_path(&path)).unwrap();
        let err = save_file(&path, &titled("two")).unwrap_err();
        assert!(
            err.starts_with("cannot keep the previous version as b.tandem.json.bak: "),
            "{err}"
        );
        assert_eq!(load_file(&path).unwrap().board, titled("one"));
    }

    #[test]
    fn stamps_notice_other_programs_writing_but_not_touching() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        let stamp = save_file(&path, &titled("one")).unwrap();
        assert!(!changed_on_disk(&path, &stamp));
        let (_, loaded_stamp) = load_file_stamped(&path).unwrap();
        assert_eq!(loaded_stamp, stamp);
        // Same bytes, new modification time: not a change.
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes).unwrap();
        let f = fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1))
            .unwrap();
        assert!(!changed_on_disk(&path, &stamp));
        // Same size, different content.
        let mut changed = bytes.clone();
        let at = changed.iter().position(|&b| b == b'o').unwrap();
        changed[at] = b'0';
        fs::write(&path, &changed).unwrap();
        assert!(changed_on_disk(&path, &stamp));
        // Gone: nothing to overwrite.
        fs::remove_file(&path).unwrap();
        assert!(!changed_on_disk(&path, &stamp));
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_link_writes_the_linked_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.tandem.json");
        let link = dir.path().join("link.tandem.json");
        save_file(&real, &titled("one")).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        save_file(&link, &titled("two")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(load_file(&real).unwrap().board, titled("two"));
        assert_eq!(load_file(&backup_path(&real)).unwrap().board, titled("one"));
    }

    #[cfg(unix)]
    #[test]
    fn backups_keep_the_permissions_of_the_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        save_file(&path, &titled("one")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        save_file(&path, &titled("two")).unwrap();
        for p in [&path, &backup_path(&path)] {
            assert_eq!(fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others_like_any_document() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        save_file(&path, &Template::Blank.board()).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }

    #[test]
    fn save_into_a_missing_folder_fails_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("b.tandem.json");
        let err = save_file(&path, &Template::Blank.board()).unwrap_err();
        assert_eq!(
            err,
            format!(
                "the folder {} does not exist",
                path.parent().unwrap().display()
            )
        );
    }

    #[test]
    fn loading_reports_missing_files_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load_file(&dir.path().join("x")).unwrap_err().message,
            "no such file or folder"
        );
        assert!(
            load_file(dir.path())
                .unwrap_err()
                .message
                .contains("folder")
        );
    }

    #[test]
    fn extension_is_added_once() {
        assert_eq!(with_extension(Path::new("a")), Path::new("a.tandem.json"));
        assert_eq!(
            with_extension(Path::new("a.tandem.json")),
            Path::new("a.tandem.json")
        );
        assert_eq!(with_extension(Path::new("a.json")), Path::new("a.json"));
    }
}
