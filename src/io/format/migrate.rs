//! Bringing a file of an older format version to the current one.

use super::Diagnostic;
use super::json::{FileJson, VotingJson};
use super::locate::{Seg, locate};
use crate::io::TextPos;
use crate::model::Voting;

/// Brings a file of any known version to the current one.
pub(super) fn migrate(text: &str, mut file: FileJson) -> Result<FileJson, Diagnostic> {
    // Version 1 had no voting settings: they take their defaults.
    if file.version == 1 {
        if file.voting.is_some() {
            return Err(Diagnostic::new(
                locate(text, &[Seg::Key("voting")]),
                "\"voting\" needs format version 2 or later",
            ));
        }
        let d = Voting::default();
        file.voting = Some(VotingJson {
            dots_per_person: d.dots_per_person,
            people: d.people,
        });
        file.version = 2;
    }
    if file.voting.is_none() {
        return Err(Diagnostic::new(
            Some(TextPos { line: 1, column: 1 }),
            "missing field `voting`",
        ));
    }
    Ok(file)
}
