//! What the room may know of the board, as plain values the host publishes: the server never
//! reads the document itself, so it cannot show more than this, nor see a board half-changed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::room::{self, Target};
use crate::model::{Board, NoteId};

/// What the host (the facilitator) is doing that participants should know about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostModes {
    /// Silent writing: notes from the room arrive face down, until Reveal.
    pub silent: bool,
    /// A dot-voting round is on.
    pub voting: bool,
    /// The title and question of the stop being presented, while presenting.
    pub presenting: Option<Heading>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub title: String,
    pub question: String,
}

/// Everything participants may be shown, as of one state of the board. It holds the text of
/// face-down notes from the room, for their writers only: views for others carry counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub title: String,
    /// The board's blocks, then its journey stages, in board order.
    pub targets: Vec<TargetInfo>,
    /// Notes from the room, and while voting every face-up note.
    pub notes: BTreeMap<NoteId, NoteInfo>,
    pub silent: bool,
    /// Dots each participant has, while a voting round is on.
    pub voting: Option<u32>,
    pub presenting: Option<Heading>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    Block,
    Stage,
}

/// A block or journey stage a participant can write into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TargetInfo {
    /// `block:KEY` or `stage:N`; see [`target_key`].
    pub key: String,
    pub kind: TargetKind,
    pub title: String,
    /// A block's question; for a stage, the journey's title.
    pub question: String,
    /// Notes lying face down in it.
    pub waiting: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteInfo {
    pub text: String,
    /// The key of the target the note is in; `None` outside every block and stage.
    pub target: Option<String>,
    pub face_down: bool,
    pub votes: u32,
}

/// The wire name of a target: `block:` and the block's key, or `stage:` and the stage's position
/// (0 is the first), so a renamed stage keeps its key.
pub fn target_key(target: &Target) -> String {
    match target {
        Target::Block(key) => format!("block:{key}"),
        Target::Stage(i) => format!("stage:{i}"),
    }
}

/// The target a wire name stands for (whether the board has it is the host's to say).
pub fn parse_target(key: &str) -> Option<Target> {
    if let Some(block) = key.strip_prefix("block:") {
        return Some(Target::Block(block.to_owned()));
    }
    let stage = key.strip_prefix("stage:")?;
    // Digits only: `usize::from_str` would also take "+1".
    if stage.is_empty() || !stage.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    stage.parse().ok().map(Target::Stage)
}

/// What participants may see of `board` while the host is in `modes`. Cheap enough to build on
/// every change (two passes over the notes; text is copied only for room notes, and for face-up
/// notes while voting).
pub fn snapshot(board: &Board, modes: &HostModes) -> Snapshot {
    let held = room::held_counts(board);
    let info = |target: Target, kind, title: &str, question: &str| TargetInfo {
        key: target_key(&target),
        kind,
        title: title.to_owned(),
        question: question.to_owned(),
        waiting: held.get(&target).copied().unwrap_or(0),
    };
    let mut targets: Vec<TargetInfo> = board
        .blocks()
        .iter()
        .map(|b| {
            info(
                Target::Block(b.key.clone()),
                TargetKind::Block,
                &b.title,
                &b.prompt,
            )
        })
        .collect();
    if let Some(lane) = board.lane() {
        targets.extend(
            lane.stages
                .iter()
                .enumerate()
                .map(|(i, s)| info(Target::Stage(i), TargetKind::Stage, &s.name, &lane.title)),
        );
    }
    let mut notes = BTreeMap::new();
    for note in board.notes() {
        if note.author.is_some() || (modes.voting && !note.face_down) {
            notes.insert(
                note.id,
                NoteInfo {
                    text: note.text.clone(),
                    target: board
                        .region_of(note)
                        .map(|r| target_key(&Target::of(board, r))),
                    face_down: note.face_down,
                    votes: note.votes,
                },
            );
        }
    }
    Snapshot {
        title: board.title().to_owned(),
        targets,
        notes,
        silent: modes.silent,
        voting: modes.voting.then(|| board.voting().dots_per_person),
        presenting: modes.presenting.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::room::{place_note, set_face_down};
    use crate::model::{Edit, Note};

    fn room_note(board: &Board, id: u64, target: Target, text: &str, face_down: bool) -> Edit {
        let note = Note {
            text: text.into(),
            author: Some("Ana".into()),
            face_down,
            ..Note::new(NoteId(id), 0.0, 0.0)
        };
        place_note(board, &target, note, crate::design::size::BLOCK_HEADER).unwrap()
    }

    #[test]
    fn target_keys_round_trip_and_odd_ones_are_refused() {
        for t in [Target::Block("desired-value".into()), Target::Stage(12)] {
            assert_eq!(parse_target(&target_key(&t)), Some(t));
        }
        for bad in [
            "",
            "stage:",
            "stage:+1",
            "stage:-1",
            "stage:1x",
            "desired-value",
            "stage:99999999999999999999999",
        ] {
            assert_eq!(parse_target(bad), None, "{bad}");
        }
        assert_eq!(parse_target("block:"), Some(Target::Block(String::new())));
    }

    #[test]
    fn targets_follow_the_board_and_count_what_waits_face_down() {
        let mut board = crate::io::example_board();
        let modes = HostModes::default();
        let before = snapshot(&board, &modes);
        let keys: Vec<&str> = before.targets.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys[0], "block:strategic-intent");
        assert_eq!(
            keys[keys.len() - 4..],
            ["stage:0", "stage:1", "stage:2", "stage:3"]
        );
        assert!(
            before.notes.is_empty(),
            "no room notes, no voting: no notes at all"
        );
        let stage = before.targets.iter().find(|t| t.key == "stage:2").unwrap();
        assert_eq!(
            (stage.title.as_str(), stage.question.as_str()),
            ("Use", "Customer journey")
        );

        board.apply(room_note(&board, 900, Target::Stage(2), "held", true));
        board.apply(room_note(&board, 901, Target::Stage(2), "shown", false));
        let first = board.notes()[0].id;
        board.apply(set_face_down(&board, &[first], true).unwrap());
        let lane = crate::model::ops::rename_track(&board, crate::model::Axis::Stage, 2, "Ride");
        board.apply(lane.unwrap());
        let after = snapshot(&board, &modes);
        let stage = after.targets.iter().find(|t| t.key == "stage:2").unwrap();
        assert_eq!((stage.title.as_str(), stage.waiting), ("Ride", 1));
        let first_block = &after.targets[0];
        assert_eq!(
            first_block.waiting, 1,
            "a hidden app note counts, without its text"
        );
        let ids: Vec<u64> = after.notes.keys().map(|id| id.0).collect();
        assert_eq!(ids, [900, 901], "only the room's notes");
        assert!(after.notes[&NoteId(900)].face_down);
        assert_eq!(after.notes[&NoteId(901)].target.as_deref(), Some("stage:2"));
    }

    #[test]
    fn voting_adds_every_face_up_note_and_the_dots_per_person() {
        let mut board = crate::io::example_board();
        let hidden = board.notes()[0].id;
        board.apply(set_face_down(&board, &[hidden], true).unwrap());
        let modes = HostModes {
            voting: true,
            silent: true,
            presenting: Some(Heading {
                title: "Desired value".into(),
                question: "What do we want?".into(),
            }),
        };
        let s = snapshot(&board, &modes);
        assert_eq!(s.notes.len(), board.notes().len() - 1);
        assert!(!s.notes.contains_key(&hidden));
        assert_eq!(s.voting, Some(board.voting().dots_per_person));
        assert!(s.silent);
        assert_eq!(s.presenting, modes.presenting);
    }
}
