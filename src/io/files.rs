//! Boards on disk: loading with the one loader the app and `tandem check` share, and atomic saving.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::diagnostic::Diagnostic;
use super::format::{Loaded, MAX_FILE_BYTES, read_board, too_big, write_board};
use crate::model::Board;

/// The extension Tandem gives board files.
pub const EXTENSION: &str = ".tandem.json";

/// Reads and checks a board file. The file is only read, never written.
pub fn load_file(path: &Path) -> Result<Loaded, Diagnostic> {
    read_board(&read_file(path)?)
}

/// The bytes of a file Tandem reads (a board, or a canvas to import), refused before reading when
/// it is a folder or too large.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let meta = fs::metadata(path).map_err(|e| Diagnostic::new(None, io_reason(&e)))?;
    if meta.is_dir() {
        return Err(Diagnostic::new(None, "is a folder, not a file"));
    }
    // Refuse before reading, so a huge file costs nothing.
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(too_big(meta.len()));
    }
    fs::read(path).map_err(|e| Diagnostic::new(None, io_reason(&e)))
}

/// Writes a board atomically (see [`write_atomically`]).
pub fn save_file(path: &Path, board: &Board) -> Result<(), String> {
    write_atomically(path, write_board(board).as_bytes()).map_err(|e| io_reason(&e))
}

/// Writes a file so that it is, at every moment, either the old one or the new one, whole: the
/// bytes go to a temporary file in the same folder, are synced to disk, then renamed over the
/// target. Boards and exports are written this way, so a failure never leaves half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tandem-save-").suffix(".tmp");
    // Keep the permissions an existing file had; tempfile would otherwise make it private.
    if let Ok(meta) = fs::metadata(path) {
        builder.permissions(meta.permissions());
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
    Ok(())
}

/// A short, user-facing reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".to_owned(),
        PermissionDenied => "permission denied".to_owned(),
        StorageFull => "the disk is full".to_owned(),
        ReadOnlyFilesystem => "the disk is read-only".to_owned(),
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
        assert_eq!(err, "no such file or folder");
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
