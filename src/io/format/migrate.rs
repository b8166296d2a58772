//! Bringing a file of an older format version to the current one.
//!
//! A new version adds a line to [`ADDED`] for each field it introduces (so older files carrying it
//! are refused) and a step to [`STEPS`] that fills in what older files leave out.

use super::json::{FileJson, VotingJson};
use super::locate::{Seg, locate};
use super::{CURRENT_VERSION, Diagnostic};
use crate::io::TextPos;
use crate::model::Voting;

/// A field a later version added: where a file uses it, if it does.
struct Added {
    since: u64,
    name: &'static str,
    used_at: fn(&FileJson) -> Option<Vec<Seg<'static>>>,
}

const ADDED: &[Added] = &[
    Added {
        since: 2,
        name: "voting",
        used_at: |f| f.voting.as_ref().map(|_| vec![Seg::Key("voting")]),
    },
    Added {
        since: 3,
        name: "author",
        used_at: |f| first_note_with(f, "author", |n| n.author.is_some()),
    },
    Added {
        since: 3,
        name: "face_down",
        used_at: |f| first_note_with(f, "face_down", |n| n.face_down.is_some()),
    },
    Added {
        since: 3,
        name: "flow_kinds",
        used_at: |f| f.flow_kinds.as_ref().map(|_| vec![Seg::Key("flow_kinds")]),
    },
    Added {
        since: 3,
        name: "flows",
        used_at: |f| f.flows.as_ref().map(|_| vec![Seg::Key("flows")]),
    },
];

/// `STEPS[v - 1]` brings a version `v` file to version `v + 1`.
const STEPS: [fn(&mut FileJson); CURRENT_VERSION as usize - 1] = [v1_to_v2, v2_to_v3];

/// Version 1 had no voting settings: they take their defaults.
fn v1_to_v2(file: &mut FileJson) {
    let d = Voting::default();
    file.voting = Some(VotingJson {
        dots_per_person: d.dots_per_person,
        people: d.people,
    });
}

/// Version 3 adds notes from the room (`author`), face-down notes, and value flows with their
/// kinds; a version 2 note has no author and lies face up, and a version 2 board has the default
/// kinds and no flows, which is what the fields' absence means.
fn v2_to_v3(_: &mut FileJson) {}

/// The path to `field` of the first note for which `has` holds.
fn first_note_with(
    file: &FileJson,
    field: &'static str,
    has: fn(&super::NoteJson) -> bool,
) -> Option<Vec<Seg<'static>>> {
    let i = file.notes.iter().position(has)?;
    Some(vec![Seg::Key("notes"), Seg::Index(i), Seg::Key(field)])
}

/// Brings a file of any known version to the current one, refusing fields its version lacks.
pub(super) fn migrate(text: &str, mut file: FileJson) -> Result<FileJson, Diagnostic> {
    for added in ADDED.iter().filter(|a| a.since > file.version) {
        if let Some(path) = (added.used_at)(&file) {
            return Err(Diagnostic::new(
                locate(text, &path),
                format!(
                    "\"{}\" needs format version {} or later",
                    added.name, added.since
                ),
            ));
        }
    }
    while file.version < CURRENT_VERSION {
        STEPS[file.version as usize - 1](&mut file);
        file.version += 1;
    }
    if file.voting.is_none() {
        return Err(Diagnostic::new(
            Some(TextPos { line: 1, column: 1 }),
            "missing field `voting`",
        ));
    }
    Ok(file)
}
