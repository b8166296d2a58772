//! Operations for notes from the room (participants writing from their phones): placing a note
//! where its writer chose, revealing held notes, hiding and unhiding, and a dot within the board's
//! budget. Like `ops`, they compute edits; ids are allocated by the caller, so they work with
//! whatever hands ids out.

use std::collections::HashMap;

use super::analysis;
use super::arrange::{self, content_area};
use super::board::Board;
use super::edit::Edit;
use super::geom::Rect;
use super::note::{Note, NoteId};
use super::ops::update_notes;
use super::region::Region;

/// Where a participant puts a note: a block, by key, or a journey stage, by position (0 is the
/// first), in whichever row has room.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Block(String),
    Stage(usize),
}

impl Target {
    /// The target a region belongs to: its block, or the stage of its cell.
    pub fn of(board: &Board, region: Region) -> Target {
        match region {
            Region::Block(i) => Target::Block(board.blocks()[i].key.clone()),
            Region::Cell { stage, .. } => Target::Stage(stage),
        }
    }

    /// The block or cells of the board this target names, in the order they are tried; empty when
    /// the board has no such block or stage.
    fn regions(&self, board: &Board) -> Vec<Region> {
        match self {
            Target::Block(key) => board
                .blocks()
                .iter()
                .position(|b| &b.key == key)
                .map(Region::Block)
                .into_iter()
                .collect(),
            Target::Stage(stage) => match board.lane() {
                Some(lane) if *stage < lane.stages.len() => (0..lane.rows.len())
                    .map(|row| Region::Cell { stage: *stage, row })
                    .collect(),
                _ => Vec::new(),
            },
        }
    }
}

/// Puts `note` (its size and content as given) on top of the board in `target`, at the free spot
/// nearest the top-left of the first of the target's regions that has one (so a stage fills its
/// first row first), keeping clear of notes and block headings as [`arrange::free_spot`] does.
/// When every region is full it lands nudged off a note in the first one. `None` when the board
/// has no such target.
pub fn place_note(
    board: &Board,
    target: &Target,
    mut note: Note,
    block_header: f32,
) -> Option<Edit> {
    let regions = target.regions(board);
    let wanted = |region: Region| {
        let area = content_area(board, region, block_header);
        Rect::new(area.x, area.y, note.rect.w, note.rect.h)
    };
    let free = regions.iter().find_map(|&region| {
        arrange::free_near(board, wanted(region), block_header)
            .filter(|spot| board.region_at(spot.center()) == Some(region))
    });
    note.rect = match free {
        Some(spot) => spot,
        None => arrange::free_spot(board, wanted(*regions.first()?), block_header),
    };
    Some(Edit::InsertNotes(vec![(board.notes().len(), note)]))
}

/// Turns the given notes face down (`true`, as silent writing holds them and as the facilitator
/// hides one) or face up; `None` when none of them changes.
pub fn set_face_down(board: &Board, ids: &[NoteId], face_down: bool) -> Option<Edit> {
    update_notes(board, ids, |n| n.face_down = face_down)
}

/// Turns every face-down note face up, as one edit (one undo step); `None` when none is held.
pub fn reveal_all(board: &Board) -> Option<Edit> {
    let held: Vec<NoteId> = board
        .notes()
        .iter()
        .filter(|n| n.face_down)
        .map(|n| n.id)
        .collect();
    set_face_down(board, &held, false)
}

/// How many notes lie face down in each block and stage: what the projector and the room show
/// instead of their text. Targets without any are left out.
pub fn held_counts(board: &Board) -> HashMap<Target, usize> {
    let mut counts = HashMap::new();
    for note in board.notes().iter().filter(|n| n.face_down) {
        if let Some(region) = board.region_of(note) {
            *counts.entry(Target::of(board, region)).or_default() += 1;
        }
    }
    counts
}

/// One more dot on a note, unless the room's dots are all placed (the board's people × dots per
/// person, when the head count is set) or the note does not exist.
pub fn add_vote_within_budget(board: &Board, id: NoteId) -> Option<Edit> {
    let budget = board.voting().budget();
    if board.note(id).is_none() || (budget > 0 && analysis::dots_used(board) >= budget) {
        return None;
    }
    super::ops::add_vote(board, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::board::{BoardParts, Voting};
    use crate::model::geom::Point;
    use crate::model::ops::NOTE_GAP;
    use crate::model::region::{Block, Lane, Track};

    const HEADER: f32 = 140.0;

    /// A 700×600 block "b" at the origin, and a lane below it: two stages 500 wide, two rows 300
    /// high.
    fn board() -> Board {
        Board::from_parts(BoardParts {
            blocks: vec![Block {
                key: "b".into(),
                title: "B".into(),
                prompt: "?".into(),
                rect: Rect::new(0.0, 0.0, 700.0, 600.0),
            }],
            lane: Some(Lane {
                title: "Journey".into(),
                origin: Point::new(0.0, 700.0),
                label_width: 100.0,
                header_height: 50.0,
                stages: vec![Track::new("Discover", 500.0), Track::new("Use", 500.0)],
                rows: vec![Track::new("Does", 300.0), Track::new("Partner adds", 300.0)],
            }),
            ..Default::default()
        })
    }

    /// A note from the room, 200×120: the sizes below are worked out for it.
    fn room_note(id: u64, face_down: bool) -> Note {
        Note {
            text: format!("idea {id}"),
            author: Some("Ana".into()),
            face_down,
            rect: Rect::new(0.0, 0.0, 200.0, 120.0),
            ..Note::new(NoteId(id), 0.0, 0.0)
        }
    }

    fn place(b: &mut Board, target: &Target, id: u64) -> Rect {
        let edit = place_note(b, target, room_note(id, false), HEADER).expect("a target");
        b.apply(edit);
        b.note(NoteId(id)).unwrap().rect
    }

    fn overlaps_any(b: &Board, id: u64) -> bool {
        let r = b.note(NoteId(id)).unwrap().rect;
        b.notes()
            .iter()
            .any(|n| n.id != NoteId(id) && n.rect.intersects(&r))
    }

    #[test]
    fn notes_fill_a_block_below_its_heading_without_overlapping() {
        let mut b = board();
        let first = place(&mut b, &Target::Block("b".into()), 1);
        assert_eq!((first.x, first.y), (NOTE_GAP, HEADER));
        for id in 2..=6 {
            let r = place(&mut b, &Target::Block("b".into()), id);
            assert_eq!(
                b.region_of(b.note(NoteId(id)).unwrap()),
                Some(Region::Block(0))
            );
            assert!(r.y >= HEADER, "below the heading: {r:?}");
            assert!(!overlaps_any(&b, id), "note {id} at {r:?}");
        }
        assert_eq!(
            place(&mut b, &Target::Block("b".into()), 2).x,
            first.x + 220.0
        );
        let n = b.note(NoteId(1)).unwrap();
        assert_eq!(
            (n.author.as_deref(), n.text.as_str()),
            (Some("Ana"), "idea 1")
        );
        assert_eq!(b.z_of(NoteId(6)), Some(5), "on top");
    }

    #[test]
    fn a_stage_fills_its_first_row_then_the_next() {
        let mut b = board();
        let stage = Target::Stage(1);
        let mut rows = Vec::new();
        for id in 1..=6 {
            place(&mut b, &stage, id);
            assert!(!overlaps_any(&b, id));
            match b.region_of(b.note(NoteId(id)).unwrap()) {
                Some(Region::Cell { stage: 1, row }) => rows.push(row),
                other => panic!("note {id} in {other:?}"),
            }
        }
        // A 500×300 cell holds four notes of 200×120, two by two.
        assert_eq!(rows, [0, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn a_full_target_still_takes_the_note_and_unknown_targets_take_none() {
        let mut b = board();
        for id in 1..=40 {
            place(&mut b, &Target::Stage(0), id);
        }
        assert_eq!(b.notes().len(), 40, "nothing is dropped");
        assert!(
            place_note(
                &b,
                &Target::Block("nope".into()),
                room_note(99, false),
                HEADER
            )
            .is_none()
        );
        assert!(place_note(&b, &Target::Stage(2), room_note(99, false), HEADER).is_none());
        let no_lane = Board::from_parts(BoardParts::default());
        assert!(place_note(&no_lane, &Target::Stage(0), room_note(99, false), HEADER).is_none());
    }

    #[test]
    fn reveal_turns_every_held_note_up_in_one_undoable_edit() {
        let mut b = board();
        for (id, down) in [(1, true), (2, false), (3, true)] {
            let edit = place_note(&b, &Target::Block("b".into()), room_note(id, down), HEADER);
            b.apply(edit.unwrap());
        }
        let held = held_counts(&b);
        assert_eq!(held.len(), 1);
        assert_eq!(held[&Target::Block("b".into())], 2);
        let before = b.clone();
        let undo = b.apply(reveal_all(&b).expect("two are held"));
        assert!(b.notes().iter().all(|n| !n.face_down));
        assert!(reveal_all(&b).is_none(), "nothing left to reveal");
        assert!(held_counts(&b).is_empty());
        b.apply(undo);
        assert_eq!(b, before, "one step undoes the reveal");
    }

    #[test]
    fn hiding_and_unhiding_change_only_what_differs() {
        let mut b = board();
        b.apply(place_note(&b, &Target::Block("b".into()), room_note(1, false), HEADER).unwrap());
        assert!(set_face_down(&b, &[NoteId(1)], false).is_none());
        assert!(
            set_face_down(&b, &[NoteId(7)], true).is_none(),
            "no such note"
        );
        b.apply(set_face_down(&b, &[NoteId(1), NoteId(7)], true).unwrap());
        assert!(b.note(NoteId(1)).unwrap().face_down);
        b.apply(set_face_down(&b, &[NoteId(1)], false).unwrap());
        assert!(!b.note(NoteId(1)).unwrap().face_down);
    }

    #[test]
    fn dots_stop_at_the_rooms_budget() {
        let mut b = board();
        b.apply(place_note(&b, &Target::Block("b".into()), room_note(1, false), HEADER).unwrap());
        b.apply(Edit::SetVoting(Voting {
            dots_per_person: 2,
            people: 1,
        }));
        b.apply(add_vote_within_budget(&b, NoteId(1)).unwrap());
        b.apply(add_vote_within_budget(&b, NoteId(1)).unwrap());
        assert!(
            add_vote_within_budget(&b, NoteId(1)).is_none(),
            "2 of 2 placed"
        );
        assert!(
            add_vote_within_budget(&b, NoteId(9)).is_none(),
            "no such note"
        );
        b.apply(Edit::SetVoting(Voting {
            dots_per_person: 2,
            people: 0,
        }));
        assert!(
            add_vote_within_budget(&b, NoteId(1)).is_some(),
            "no head count, no budget"
        );
    }
}
