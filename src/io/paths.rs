//! Where Tandem keeps its own files: settings in the platform's config folder, recovery copies in
//! its data folder (e.g. `~/.config/tandem` and `~/.local/share/tandem` on Linux).
//! `TANDEM_HOME` puts both under one folder instead, for tests and portable installs.

use std::path::PathBuf;

fn app_dir(platform: Option<PathBuf>, sub: &str) -> Option<PathBuf> {
    match std::env::var_os("TANDEM_HOME") {
        Some(home) if !home.is_empty() => Some(PathBuf::from(home).join(sub)),
        _ => platform.map(|d| d.join("tandem")),
    }
}

/// Folder for settings (theme, text size).
pub fn config_dir() -> Option<PathBuf> {
    app_dir(dirs::config_dir(), "config")
}

/// Folder for recovery copies of unsaved boards.
pub fn data_dir() -> Option<PathBuf> {
    app_dir(dirs::data_dir(), "data")
}
