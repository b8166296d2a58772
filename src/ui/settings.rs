//! Preferences remembered between runs: the projector theme and the text size.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// High-contrast light: the default, and best in a bright room.
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    /// Note text 1.6 times larger, for the back of the room.
    pub large_text: bool,
}

/// How much larger note text is with `large_text`.
/// With it, notes read at 28 px or more when presenting any block on a 1280×720 projector.
pub const LARGE_TEXT_SCALE: f32 = 1.6;

impl Settings {
    pub fn text_scale(&self) -> f32 {
        if self.large_text {
            LARGE_TEXT_SCALE
        } else {
            1.0
        }
    }
}

/// Where settings are kept; `None` keeps them for this run only (tests, or no config folder).
#[derive(Clone, Debug, Default)]
pub struct SettingsStore {
    pub path: Option<PathBuf>,
}

impl SettingsStore {
    /// `settings.json` in Tandem's config folder.
    pub fn standard() -> Self {
        Self {
            path: crate::io::paths::config_dir().map(|d| d.join("settings.json")),
        }
    }

    /// The saved settings; defaults when there are none. Unreadable settings are not worth
    /// stopping for: the error is returned beside the defaults so the app can mention it.
    pub fn load(&self) -> (Settings, Option<String>) {
        let Some(path) = &self.path else {
            return (Settings::default(), None);
        };
        match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => (
                Settings::default(),
                Some(format!("Could not read {}: {e}", path.display())),
            ),
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(s) => (s, None),
                Err(e) => (
                    Settings::default(),
                    Some(format!(
                        "Ignored broken settings in {}: {e}",
                        path.display()
                    )),
                ),
            },
        }
    }

    pub fn save(&self, settings: &Settings) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("Could not save settings: {e}"))?;
        }
        let text = serde_json::to_string_pretty(settings).expect("settings serialise");
        std::fs::write(path, text)
            .map_err(|e| format!("Could not save settings to {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_broken_files_fall_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore {
            path: Some(dir.path().join("sub").join("settings.json")),
        };
        assert_eq!(store.load(), (Settings::default(), None));
        let s = Settings {
            theme: Theme::Dark,
            large_text: true,
        };
        store.save(&s).unwrap();
        assert_eq!(store.load(), (s, None));
        std::fs::write(store.path.as_ref().unwrap(), "{ nope").unwrap();
        let (loaded, err) = store.load();
        assert_eq!(loaded, Settings::default());
        assert!(err.unwrap().contains("Ignored broken settings"));
    }
}
