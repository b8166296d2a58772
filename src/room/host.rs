//! The host boundary: what participants ask for, as plain values, and the edit that carries each
//! out. The host (the app, or a test) applies edits through its own path, so everything from the
//! room is undoable, autosaved and saved like a local edit.

use std::sync::Weak;

use super::hub::Hub;
use super::snapshot::{HostModes, target_key};
use crate::design::size::BLOCK_HEADER;
use crate::model::room::{self, Target};
use crate::model::{Board, Edit, Note, NoteId, ops};

/// What a participant asks the host to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// A new note in `target`, by `author` (the participant's name, or "anonymous").
    AddNote {
        target: Target,
        text: String,
        author: String,
    },
    /// Take back one's own note while it lies face down.
    Withdraw { note: NoteId },
    /// Place a dot on a note, or take one of one's own back.
    Vote { note: NoteId, dot: Dot },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dot {
    Add,
    TakeBack,
}

impl Request {
    /// How many fresh note ids [`plan`] needs for this request.
    pub fn ids_needed(&self) -> usize {
        match self {
            Request::AddNote { .. } => 1,
            Request::Withdraw { .. } | Request::Vote { .. } => 0,
        }
    }
}

/// What the host did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The note was placed with this id.
    Added(NoteId),
    Done,
}

/// Why the host did not do it; the reason is shown to the participant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// The target or note is not (or no longer) there (404).
    NotFound,
    /// Not now: the note is revealed, no round is on, the dots are all placed (409).
    Conflict,
    /// The host gave no answer (it closed, or dropped the request); nothing was done (503).
    Unanswered,
}

impl Refusal {
    pub fn new(kind: RefusalKind, reason: impl Into<String>) -> Self {
        Refusal {
            kind,
            reason: reason.into(),
        }
    }
}

/// An edit the host should apply for a request, its undo label, and the answer to send once
/// applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub label: String,
    pub edit: Edit,
    pub outcome: Outcome,
}

/// The edit that carries out `request` on `board` while the host is in `modes` (silent writing
/// holds new notes face down; dots need a voting round). `ids` are fresh note ids, at least
/// [`Request::ids_needed`] of them.
pub fn plan(
    board: &Board,
    modes: &HostModes,
    request: &Request,
    ids: &[NoteId],
) -> Result<Planned, Refusal> {
    use RefusalKind::{Conflict, NotFound};
    let no_note = || Refusal::new(NotFound, "that note is not on the board");
    let planned = |label: &str, edit: Edit, outcome: Outcome| Planned {
        label: label.to_owned(),
        edit,
        outcome,
    };
    match request {
        Request::AddNote {
            target,
            text,
            author,
        } => {
            let Some(&id) = ids.first() else {
                return Err(Refusal::new(
                    RefusalKind::Unanswered,
                    "the host had no id for the note",
                ));
            };
            let note = Note {
                text: text.clone(),
                author: Some(author.clone()),
                face_down: modes.silent,
                ..Note::new(id, 0.0, 0.0)
            };
            let edit = room::place_note(board, target, note, BLOCK_HEADER).ok_or_else(|| {
                Refusal::new(
                    NotFound,
                    format!(
                        "the board has no {} any more: choose again",
                        target_key(target)
                    ),
                )
            })?;
            Ok(planned(
                &format!("Note from {author}"),
                edit,
                Outcome::Added(id),
            ))
        }
        Request::Withdraw { note } => {
            let n = board.note(*note).ok_or_else(no_note)?;
            if !n.face_down {
                return Err(Refusal::new(
                    Conflict,
                    "the note is on the board for all to see: ask the facilitator to remove it",
                ));
            }
            let edit = ops::delete_notes(board, &[n.id]).ok_or_else(no_note)?;
            Ok(planned("Withdraw a note", edit, Outcome::Done))
        }
        Request::Vote { note, dot } => {
            if !modes.voting {
                return Err(Refusal::new(Conflict, "no voting round is on"));
            }
            let n = board
                .note(*note)
                .filter(|n| !n.face_down)
                .ok_or_else(no_note)?;
            let edit = match dot {
                Dot::Add => room::add_vote_within_budget(board, n.id).ok_or_else(|| {
                    Refusal::new(
                        Conflict,
                        format!(
                            "all {} dots of the room are placed",
                            board.voting().budget()
                        ),
                    )
                })?,
                // Nothing to take back leaves the note as it is: no edit.
                Dot::TakeBack => ops::remove_vote(board, n.id)
                    .ok_or_else(|| Refusal::new(Conflict, "the note has no dot to take back"))?,
            };
            let label = match dot {
                Dot::Add => "Add a dot",
                Dot::TakeBack => "Take back a dot",
            };
            Ok(planned(label, edit, Outcome::Done))
        }
    }
}

/// A participant's request, waiting for the host. Reply once it is applied (or refused); a
/// request dropped without a reply counts as not done, so the participant can try again.
#[derive(Debug)]
pub struct HostRequest {
    request: Request,
    ticket: Ticket,
}

impl HostRequest {
    pub(crate) fn new(request: Request, hub: Weak<Hub>, ticket: u64) -> Self {
        HostRequest {
            request,
            ticket: Ticket {
                hub,
                id: ticket,
                answered: false,
            },
        }
    }

    pub fn request(&self) -> &Request {
        &self.request
    }

    /// Answers the participant. Reply after applying the edit (and ideally after publishing the
    /// new snapshot), so what the participant sees next includes it.
    pub fn reply(mut self, result: Result<Outcome, Refusal>) {
        self.ticket.settle(result);
    }
}

/// The server's record of a request sent to the host, settled exactly once.
#[derive(Debug)]
struct Ticket {
    hub: Weak<Hub>,
    id: u64,
    answered: bool,
}

impl Ticket {
    fn settle(&mut self, result: Result<Outcome, Refusal>) {
        self.answered = true;
        if let Some(hub) = self.hub.upgrade() {
            hub.settle(self.id, result);
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if !self.answered {
            self.settle(Err(Refusal::new(
                RefusalKind::Unanswered,
                "the facilitator's Tandem did not take the request: try again",
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Voting;

    fn add(target: Target) -> Request {
        Request::AddNote {
            target,
            text: "Playlists that follow the rider home".into(),
            author: "Ana".into(),
        }
    }

    fn apply(board: &mut Board, modes: &HostModes, request: &Request) -> Result<Outcome, Refusal> {
        let ids = board.new_note_ids(request.ids_needed());
        let p = plan(board, modes, request, &ids)?;
        board.apply(p.edit);
        Ok(p.outcome)
    }

    #[test]
    fn a_note_lands_in_its_target_with_its_author_and_is_held_while_silent() {
        let mut board = crate::io::example_board();
        let silent = HostModes {
            silent: true,
            ..HostModes::default()
        };
        let Ok(Outcome::Added(id)) = apply(&mut board, &silent, &add(Target::Stage(1))) else {
            panic!("added")
        };
        let n = board.note(id).unwrap();
        assert_eq!(n.author.as_deref(), Some("Ana"));
        assert!(n.face_down);
        assert!(matches!(
            board.region_of(n),
            Some(crate::model::Region::Cell { stage: 1, .. })
        ));
        let ids = board.new_note_ids(1);
        let p = plan(
            &board,
            &HostModes::default(),
            &add(Target::Block("risks".into())),
            &ids,
        );
        assert_eq!(p.as_ref().map(|p| p.label.as_str()), Ok("Note from Ana"));
        assert!(!matches!(p.unwrap().edit, Edit::InsertNotes(ref v) if v[0].1.face_down));
        let gone = plan(&board, &silent, &add(Target::Stage(9)), &ids).unwrap_err();
        assert_eq!(gone.kind, RefusalKind::NotFound);
        assert!(gone.reason.contains("stage:9"), "{}", gone.reason);
    }

    #[test]
    fn only_held_notes_can_be_withdrawn() {
        let mut board = crate::io::example_board();
        let silent = HostModes {
            silent: true,
            ..HostModes::default()
        };
        let Ok(Outcome::Added(id)) = apply(&mut board, &silent, &add(Target::Stage(0))) else {
            panic!("added")
        };
        board.apply(room::reveal_all(&board).unwrap());
        let refused = apply(&mut board, &silent, &Request::Withdraw { note: id }).unwrap_err();
        assert_eq!(refused.kind, RefusalKind::Conflict);
        board.apply(room::set_face_down(&board, &[id], true).unwrap());
        assert_eq!(
            apply(&mut board, &silent, &Request::Withdraw { note: id }),
            Ok(Outcome::Done)
        );
        assert!(board.note(id).is_none());
        let again = apply(&mut board, &silent, &Request::Withdraw { note: id }).unwrap_err();
        assert_eq!(again.kind, RefusalKind::NotFound);
    }

    #[test]
    fn dots_need_a_round_a_face_up_note_and_room_in_the_budget() {
        let mut board = crate::io::example_board();
        board.apply(Edit::SetVoting(Voting {
            dots_per_person: 1,
            people: 1,
        }));
        assert_eq!(crate::model::analysis::dots_used(&board), 0);
        let note = board.notes()[0].id;
        let vote = |dot| Request::Vote { note, dot };
        let off = HostModes::default();
        let on = HostModes {
            voting: true,
            ..HostModes::default()
        };
        let kind = |r: Result<Outcome, Refusal>| r.unwrap_err().kind;
        assert_eq!(
            kind(apply(&mut board, &off, &vote(Dot::Add))),
            RefusalKind::Conflict
        );
        assert_eq!(
            kind(apply(&mut board, &on, &vote(Dot::TakeBack))),
            RefusalKind::Conflict
        );
        assert_eq!(apply(&mut board, &on, &vote(Dot::Add)), Ok(Outcome::Done));
        assert_eq!(board.note(note).unwrap().votes, 1);
        let full = apply(&mut board, &on, &vote(Dot::Add)).unwrap_err();
        assert!(full.reason.contains("all 1 dots"), "{}", full.reason);
        assert_eq!(
            apply(&mut board, &on, &vote(Dot::TakeBack)),
            Ok(Outcome::Done)
        );
        board.apply(room::set_face_down(&board, &[note], true).unwrap());
        assert_eq!(
            kind(apply(&mut board, &on, &vote(Dot::Add))),
            RefusalKind::NotFound
        );
    }
}
