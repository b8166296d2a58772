//! Note operations: create, move, colour, tag, vote, delete, reorder, copy.

use std::collections::HashMap;

use super::NOTE_GAP;
use super::flows::flows_touching;
use crate::model::board::Board;
use crate::model::edit::Edit;
use crate::model::flow::{Flow, FlowId};
use crate::model::geom::{Point, Rect};
use crate::model::keyed::changed;
use crate::model::note::{Note, NoteColor, NoteId};
use crate::model::partner::PartnerId;

/// Notes with these ids, in the order given; ids of missing notes are skipped.
fn notes_with<'a>(board: &'a Board, ids: &'a [NoteId]) -> impl Iterator<Item = &'a Note> + 'a {
    ids.iter().filter_map(|id| board.note(*id))
}

/// Changes each of the given notes with `change`; `None` when no note would change.
pub fn update_notes(board: &Board, ids: &[NoteId], change: impl Fn(&mut Note)) -> Option<Edit> {
    let changed = changed(notes_with(board, ids), change);
    (!changed.is_empty()).then_some(Edit::UpdateNotes(changed))
}

/// A new note `id` centred on `center`, on top of all others, copying colour, partner and size
/// from `like` when given.
pub fn new_note(board: &Board, id: NoteId, center: Point, like: Option<&Note>) -> Edit {
    let mut note = Note::new(id, 0.0, 0.0);
    if let Some(like) = like {
        note.color = like.color;
        note.partner = like.partner;
        note.rect.w = like.rect.w;
    }
    note.rect.x = center.x - note.rect.w / 2.0;
    note.rect.y = center.y - note.rect.h / 2.0;
    Edit::InsertNotes(vec![(board.notes().len(), note)])
}

/// Where the next note goes from `from`, for Tab (right), Shift+Tab (left) and Ctrl+Enter (below).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Down,
}

/// The note beside `from` in `dir`: an existing note whose area holds the spot (no edit), or a new
/// note `new_id` there (same size, colour and partner as `from`) with the edit that adds it.
pub fn next_note(
    board: &Board,
    from: NoteId,
    dir: Direction,
    new_id: NoteId,
) -> Option<(Option<Edit>, NoteId)> {
    let from = board.note(from)?;
    let r = from.rect;
    let (dx, dy) = match dir {
        Direction::Left => (-(r.w + NOTE_GAP), 0.0),
        Direction::Right => (r.w + NOTE_GAP, 0.0),
        Direction::Down => (0.0, r.h + NOTE_GAP),
    };
    let spot = r.translated(dx, dy);
    // Ctrl+Enter below a tall note should not skip past a note that starts just under it: look at the
    // near edge of the spot as well as its centre.
    let probe = spot.center();
    if let Some(existing) = board
        .notes()
        .iter()
        .rev()
        .find(|n| n.id != from.id && n.rect.contains(probe))
    {
        return Some((None, existing.id));
    }
    let note = Note {
        rect: spot,
        color: from.color,
        partner: from.partner,
        ..Note::new(new_id, 0.0, 0.0)
    };
    let edit = Edit::InsertNotes(vec![(board.notes().len(), note)]);
    Some((Some(edit), new_id))
}

/// Moves notes to `start + (dx, dy)`; `starts` holds each note's rectangle when the move began, so a
/// drag applied every frame never accumulates rounding.
pub fn move_notes(board: &Board, starts: &[(NoteId, Rect)], dx: f32, dy: f32) -> Option<Edit> {
    let moved: Vec<Note> = starts
        .iter()
        .filter_map(|(id, start)| {
            let n = board.note(*id)?;
            let (x, y) = (start.x + dx, start.y + dy);
            (n.rect.x != x || n.rect.y != y).then(|| {
                let mut n = n.clone();
                (n.rect.x, n.rect.y) = (x, y);
                n
            })
        })
        .collect();
    (!moved.is_empty()).then_some(Edit::UpdateNotes(moved))
}

pub fn set_color(board: &Board, ids: &[NoteId], color: NoteColor) -> Option<Edit> {
    update_notes(board, ids, |n| n.color = color)
}

pub fn set_partner(board: &Board, ids: &[NoteId], partner: Option<PartnerId>) -> Option<Edit> {
    update_notes(board, ids, |n| n.partner = partner)
}

/// One more dot on a note.
pub fn add_vote(board: &Board, id: NoteId) -> Option<Edit> {
    update_notes(board, &[id], |n| n.votes = n.votes.saturating_add(1))
}

/// One dot fewer on a note; nothing when it has none.
pub fn remove_vote(board: &Board, id: NoteId) -> Option<Edit> {
    update_notes(board, &[id], |n| n.votes = n.votes.saturating_sub(1))
}

/// Takes every dot off the board.
pub fn reset_votes(board: &Board) -> Option<Edit> {
    let voted: Vec<NoteId> = board
        .notes()
        .iter()
        .filter(|n| n.votes > 0)
        .map(|n| n.id)
        .collect();
    update_notes(board, &voted, |n| n.votes = 0)
}

/// Deletes the notes that exist among `ids`, and the flows that start or end at them, as one step.
pub fn delete_notes(board: &Board, ids: &[NoteId]) -> Option<Edit> {
    let ids: Vec<NoteId> = notes_with(board, ids).map(|n| n.id).collect();
    if ids.is_empty() {
        return None;
    }
    let flows = flows_touching(board, &ids);
    let notes = Edit::RemoveNotes(ids);
    Some(if flows.is_empty() {
        notes
    } else {
        // Flows first, so undo puts the notes back before the flows that join them.
        Edit::Batch(vec![Edit::RemoveFlows(flows), notes])
    })
}

/// Brings notes to the top of the drawing order, keeping their order among themselves.
pub fn bring_to_front(board: &Board, ids: &[NoteId]) -> Option<Edit> {
    let mut moving: Vec<&Note> = notes_with(board, ids).collect();
    moving.sort_by_key(|n| board.z_of(n.id));
    moving.dedup_by_key(|n| n.id);
    let top = board.notes().len() - moving.len();
    let already_on_top = moving
        .iter()
        .enumerate()
        .all(|(k, n)| board.z_of(n.id) == Some(top + k));
    if already_on_top {
        return None;
    }
    let insert = moving
        .iter()
        .enumerate()
        .map(|(k, n)| (top + k, (*n).clone()))
        .collect();
    Some(Edit::Batch(vec![
        Edit::RemoveNotes(moving.iter().map(|n| n.id).collect()),
        Edit::InsertNotes(insert),
    ]))
}

/// Notes to place as copies (from the selection or the clipboard) with the flows among them; the
/// flows' ends name the notes by their ids in `notes`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Copies {
    pub notes: Vec<Note>,
    pub flows: Vec<Flow>,
}

impl Copies {
    /// The notes `ids` of `board` (in drawing order) and the flows between two of them.
    pub fn of(board: &Board, ids: &[NoteId]) -> Self {
        let mut notes: Vec<Note> = notes_with(board, ids).cloned().collect();
        notes.sort_by_key(|n| board.z_of(n.id));
        notes.dedup_by_key(|n| n.id);
        let has = |id: NoteId| notes.iter().any(|n| n.id == id);
        let flows = board
            .flows()
            .iter()
            .filter(|f| has(f.from) && has(f.to))
            .cloned()
            .collect();
        Copies { notes, flows }
    }
}

/// Places `copies` with fresh note `ids` (one per note) and flow ids (one per flow) so that their
/// bounding box is centred on `center`, keeping their arrangement and the flows between them; the
/// copies go on top.
pub fn place_copies(
    board: &Board,
    copies: &Copies,
    center: Point,
    ids: &[NoteId],
    flow_ids: &[FlowId],
) -> Option<Edit> {
    let bounds = Rect::bounding(copies.notes.iter().map(|n| &n.rect))?;
    let c = bounds.center();
    let (dx, dy) = (center.x - c.x, center.y - c.y);
    let top = board.notes().len();
    let new_id: HashMap<NoteId, NoteId> = copies
        .notes
        .iter()
        .zip(ids)
        .map(|(n, id)| (n.id, *id))
        .collect();
    let items = copies
        .notes
        .iter()
        .zip(ids)
        .enumerate()
        .map(|(k, (n, id))| {
            let mut copy = n.clone();
            copy.id = *id;
            copy.rect = n.rect.translated(dx, dy);
            // A copy is a new idea: it starts without the original's votes, and without a tag for a
            // partner this board does not know.
            copy.votes = 0;
            copy.partner = n.partner.filter(|p| board.partner(*p).is_some());
            (top + k, copy)
        })
        .collect();
    let flows: Vec<(usize, Flow)> = copies
        .flows
        .iter()
        .filter_map(|f| Some((new_id.get(&f.from)?, new_id.get(&f.to)?, f)))
        .zip(flow_ids)
        .enumerate()
        .map(|(k, ((from, to, f), id))| {
            let flow = Flow {
                id: *id,
                from: *from,
                to: *to,
                kind: f.kind.filter(|k| board.flow_kind(*k).is_some()),
                ..f.clone()
            };
            (board.flows().len() + k, flow)
        })
        .collect();
    let notes = Edit::InsertNotes(items);
    Some(if flows.is_empty() {
        notes
    } else {
        Edit::Batch(vec![notes, Edit::InsertFlows(flows)])
    })
}

/// `copies` of notes of the board placed down and right of the originals by `offset`, with fresh
/// note and flow ids taken in order (see [`place_copies`]).
pub fn duplicate(
    board: &Board,
    copies: &Copies,
    offset: f32,
    ids: &[NoteId],
    flow_ids: &[FlowId],
) -> Option<Edit> {
    let c = Rect::bounding(copies.notes.iter().map(|n| &n.rect))?.center();
    let at = Point::new(c.x + offset, c.y + offset);
    place_copies(board, copies, at, ids, flow_ids)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::board_with_lane;
    use super::*;

    #[test]
    fn next_note_selects_an_existing_neighbour() {
        let mut b = board_with_lane();
        let fresh = b.new_note_ids(1)[0];
        // Right of the note in stage A sits the note in stage B.
        let (edit, id) = next_note(&b, NoteId(1), Direction::Right, fresh).unwrap();
        assert!(edit.is_none());
        assert_eq!(id, NoteId(2));
        // Below there is nothing: a new note, same colour, opened under it.
        let (edit, id) = next_note(&b, NoteId(1), Direction::Down, fresh).unwrap();
        assert_eq!(id, fresh);
        b.apply(edit.unwrap());
        let n = b.note(id).unwrap();
        assert_eq!(n.rect.x, 110.0);
        assert_eq!(n.rect.y, 60.0 + 80.0 + NOTE_GAP);
    }

    #[test]
    fn copies_get_fresh_ids_and_keep_their_layout_and_their_flows() {
        let mut b = board_with_lane();
        let flows = b.new_flow_ids(2);
        for (id, to) in flows.iter().zip([2, 3]) {
            b.apply(super::super::new_flow(&b, *id, NoteId(1), NoteId(to), None).unwrap());
        }
        let copies = Copies::of(&b, &[NoteId(2), NoteId(1)]);
        assert_eq!(
            copies.flows.len(),
            1,
            "only the flow between two copied notes"
        );
        let ids = b.new_note_ids(2);
        let flow_ids = b.new_flow_ids(1);
        b.apply(duplicate(&b, &copies, 30.0, &ids, &flow_ids).unwrap());
        let (a, c) = (b.note(ids[0]).unwrap(), b.note(ids[1]).unwrap());
        assert_eq!(a.rect.x, 140.0);
        assert_eq!(c.rect.x - a.rect.x, 100.0);
        assert_eq!(a.text, "in 0");
        assert_eq!(b.z_of(ids[1]), Some(4), "copies go on top");
        let copy = b.flow(flow_ids[0]).unwrap();
        assert_eq!((copy.from, copy.to), (ids[0], ids[1]), "joins the copies");
        assert_eq!(b.flows().len(), 3);
        let none = Copies::of(&b, &[NoteId(99)]);
        assert!(duplicate(&b, &none, 30.0, &ids, &flow_ids).is_none());
    }

    #[test]
    fn bring_to_front_keeps_relative_order() {
        let mut b = board_with_lane();
        b.apply(bring_to_front(&b, &[NoteId(2), NoteId(1)]).unwrap());
        let order: Vec<u64> = b.notes().iter().map(|n| n.id.0).collect();
        assert_eq!(order, [3, 1, 2]);
        assert!(bring_to_front(&b, &[NoteId(2)]).is_none());
    }

    #[test]
    fn votes_go_up_and_down_and_reset_in_one_step() {
        let mut b = board_with_lane();
        for id in [1, 1, 2] {
            b.apply(add_vote(&b, NoteId(id)).unwrap());
        }
        assert_eq!(b.note(NoteId(1)).unwrap().votes, 2);
        b.apply(remove_vote(&b, NoteId(2)).unwrap());
        assert!(remove_vote(&b, NoteId(2)).is_none(), "no dots to take");
        let before = b.clone();
        let undo = b.apply(reset_votes(&b).unwrap());
        assert!(b.notes().iter().all(|n| n.votes == 0));
        assert!(reset_votes(&b).is_none());
        b.apply(undo);
        assert_eq!(b, before);
    }

    #[test]
    fn operations_that_change_nothing_are_none() {
        let b = board_with_lane();
        let color = b.note(NoteId(1)).unwrap().color;
        assert!(set_color(&b, &[NoteId(1)], color).is_none());
        assert!(set_partner(&b, &[NoteId(1)], None).is_none());
        let r = b.note(NoteId(1)).unwrap().rect;
        assert!(move_notes(&b, &[(NoteId(1), r)], 0.0, 0.0).is_none());
        assert!(delete_notes(&b, &[NoteId(99)]).is_none());
        assert!(place_copies(&b, &Copies::default(), Point::default(), &[], &[]).is_none());
    }
}
