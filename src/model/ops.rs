//! Operations a user performs, as functions from the current board to the [`Edit`] that does them.
//! They compute; only `Document::apply` changes anything.

use super::board::Board;
use super::edit::Edit;
use super::geom::{Point, Rect};
use super::note::{Note, NoteColor, NoteId};
use super::partner::{PARTNER_COLORS, Partner, PartnerId, Rgb};
use super::region::{Axis, Lane, Track};

/// Space left between neighbouring notes placed by Tandem.
pub const NOTE_GAP: f32 = 20.0;

/// Notes with these ids, in drawing order.
fn notes_with<'a>(board: &'a Board, ids: &'a [NoteId]) -> impl Iterator<Item = &'a Note> + 'a {
    ids.iter().filter_map(|id| board.note(*id))
}

/// Changes each of the given notes with `change`.
pub fn update_notes(board: &Board, ids: &[NoteId], change: impl Fn(&mut Note)) -> Edit {
    Edit::UpdateNotes(
        notes_with(board, ids)
            .map(|n| {
                let mut n = n.clone();
                change(&mut n);
                n
            })
            .collect(),
    )
}

/// A new note centred on `center`, on top of all others, copying colour, partner and size from
/// `like` when given.
pub fn new_note(board: &mut Board, center: Point, like: Option<&Note>) -> (Edit, NoteId) {
    let id = board.new_note_ids(1)[0];
    let mut note = Note::new(id, 0.0, 0.0);
    if let Some(like) = like {
        note.color = like.color;
        note.partner = like.partner;
        note.rect.w = like.rect.w;
    }
    note.rect.x = center.x - note.rect.w / 2.0;
    note.rect.y = center.y - note.rect.h / 2.0;
    (Edit::InsertNotes(vec![(board.notes().len(), note)]), id)
}

/// Where the next note goes from `from`, for Tab (right), Shift+Tab (left) and Ctrl+Enter (below).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Down,
}

/// The note beside `from` in `dir`: an existing note whose area holds the spot, or a new note there
/// (same size, colour and partner as `from`). Returns the edit (empty when a note was found) and the id.
pub fn next_note(board: &mut Board, from: NoteId, dir: Direction) -> Option<(Edit, NoteId)> {
    let from = board.note(from)?.clone();
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
        return Some((Edit::Batch(vec![]), existing.id));
    }
    let id = board.new_note_ids(1)[0];
    let note = Note {
        id,
        text: String::new(),
        rect: Rect::new(spot.x, spot.y, r.w, Note::DEFAULT_HEIGHT.min(r.h)),
        color: from.color,
        partner: from.partner,
        votes: 0,
    };
    Some((Edit::InsertNotes(vec![(board.notes().len(), note)]), id))
}

/// Moves notes to `start + (dx, dy)`; `starts` holds each note's rectangle when the move began, so a
/// drag applied every frame never accumulates rounding.
pub fn move_notes(board: &Board, starts: &[(NoteId, Rect)], dx: f32, dy: f32) -> Edit {
    Edit::UpdateNotes(
        starts
            .iter()
            .filter_map(|(id, start)| {
                let mut n = board.note(*id)?.clone();
                n.rect.x = start.x + dx;
                n.rect.y = start.y + dy;
                Some(n)
            })
            .collect(),
    )
}

pub fn set_color(board: &Board, ids: &[NoteId], color: NoteColor) -> Edit {
    update_notes(board, ids, |n| n.color = color)
}

pub fn set_partner(board: &Board, ids: &[NoteId], partner: Option<PartnerId>) -> Edit {
    update_notes(board, ids, |n| n.partner = partner)
}

/// One more dot on a note.
pub fn add_vote(board: &Board, id: NoteId) -> Edit {
    update_notes(board, &[id], |n| n.votes = n.votes.saturating_add(1))
}

/// One dot fewer on a note; nothing when it has none.
pub fn remove_vote(board: &Board, id: NoteId) -> Edit {
    match board.note(id) {
        Some(n) if n.votes > 0 => update_notes(board, &[id], |n| n.votes -= 1),
        _ => Edit::Batch(vec![]),
    }
}

/// Takes every dot off the board.
pub fn reset_votes(board: &Board) -> Edit {
    let voted: Vec<NoteId> = board
        .notes()
        .iter()
        .filter(|n| n.votes > 0)
        .map(|n| n.id)
        .collect();
    update_notes(board, &voted, |n| n.votes = 0)
}

pub fn delete_notes(ids: &[NoteId]) -> Edit {
    Edit::RemoveNotes(ids.to_vec())
}

/// Brings notes to the top of the drawing order, keeping their order among themselves.
pub fn bring_to_front(board: &Board, ids: &[NoteId]) -> Edit {
    let mut moving: Vec<&Note> = notes_with(board, ids).collect();
    moving.sort_by_key(|n| board.z_of(n.id));
    let top = board.notes().len() - moving.len();
    let already_on_top = moving
        .iter()
        .enumerate()
        .all(|(k, n)| board.z_of(n.id) == Some(top + k));
    if already_on_top {
        return Edit::Batch(vec![]);
    }
    let insert = moving
        .iter()
        .enumerate()
        .map(|(k, n)| (top + k, (*n).clone()))
        .collect();
    Edit::Batch(vec![
        Edit::RemoveNotes(moving.iter().map(|n| n.id).collect()),
        Edit::InsertNotes(insert),
    ])
}

/// Places copies of `notes` (e.g. from the clipboard) with fresh ids so that their bounding box is
/// centred on `center`, keeping their arrangement; the copies go on top.
pub fn place_copies(board: &mut Board, notes: &[Note], center: Point) -> (Edit, Vec<NoteId>) {
    let Some(bounds) = Rect::bounding(notes.iter().map(|n| &n.rect)) else {
        return (Edit::Batch(vec![]), vec![]);
    };
    let c = bounds.center();
    let (dx, dy) = (center.x - c.x, center.y - c.y);
    let ids = board.new_note_ids(notes.len());
    let top = board.notes().len();
    let items = notes
        .iter()
        .zip(&ids)
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
    (Edit::InsertNotes(items), ids)
}

/// Copies of the notes offset down and right by `offset`, selected instead of the originals.
pub fn duplicate(board: &mut Board, ids: &[NoteId], offset: f32) -> (Edit, Vec<NoteId>) {
    let originals: Vec<Note> = notes_with(board, ids).cloned().collect();
    let Some(bounds) = Rect::bounding(originals.iter().map(|n| &n.rect)) else {
        return (Edit::Batch(vec![]), vec![]);
    };
    let c = bounds.center();
    place_copies(board, &originals, Point::new(c.x + offset, c.y + offset))
}

// ---- Journey lane ----

/// Ids of notes whose centre is in track `i` of the lane, and where each is.
fn notes_in_track(board: &Board, lane: &Lane, axis: Axis, i: usize) -> Vec<Note> {
    board
        .notes()
        .iter()
        .filter(|n| {
            lane.cell_at(n.rect.center())
                .is_some_and(|(s, r)| if axis == Axis::Stage { s == i } else { r == i })
        })
        .cloned()
        .collect()
}

/// Shifts notes along the axis (x for stages, y for rows).
fn shifted(mut note: Note, axis: Axis, by: f32) -> Note {
    match axis {
        Axis::Stage => note.rect.x += by,
        Axis::Row => note.rect.y += by,
    }
    note
}

/// Moves the notes of every track to where that track ends up in `new`; `old_of_new[k]` is the old
/// index of new track `k` (`None` for a track that is new).
fn follow_tracks(
    board: &Board,
    old: &Lane,
    new: &Lane,
    axis: Axis,
    old_of_new: &[Option<usize>],
) -> Vec<Note> {
    let mut moved = Vec::new();
    for (k, old_i) in old_of_new.iter().enumerate() {
        let Some(old_i) = *old_i else { continue };
        let by = new.track_start(axis, k) - old.track_start(axis, old_i);
        if by != 0.0 {
            moved.extend(
                notes_in_track(board, old, axis, old_i)
                    .into_iter()
                    .map(|n| shifted(n, axis, by)),
            );
        }
    }
    moved
}

/// The lane edit plus the note moves it implies, as one step.
fn lane_edit(new_lane: Lane, notes: Vec<Note>) -> Edit {
    Edit::Batch(vec![
        Edit::SetLane(Some(new_lane)),
        Edit::UpdateNotes(notes),
    ])
}

pub fn rename_track(board: &Board, axis: Axis, i: usize, name: &str) -> Option<Edit> {
    let mut lane = board.lane()?.clone();
    let track = lane.tracks_mut(axis).get_mut(i)?;
    if track.name == name {
        return None;
    }
    track.name = name.to_owned();
    Some(Edit::SetLane(Some(lane)))
}

/// Inserts a new track at position `at` (0 = first); notes in later tracks move along with them.
pub fn add_track(board: &Board, axis: Axis, at: usize, name: &str) -> Option<Edit> {
    let old = board.lane()?;
    let tracks = old.tracks(axis);
    if at > tracks.len() || tracks.len() >= super::board::MAX_TRACKS {
        return None;
    }
    // A new track is as big as its neighbour, so the grid stays regular.
    let size = tracks
        .get(at)
        .or_else(|| tracks.last())
        .map_or(300.0, |t| t.size);
    let mut new = old.clone();
    new.tracks_mut(axis).insert(at, Track::new(name, size));
    let old_of_new: Vec<Option<usize>> = (0..=tracks.len())
        .map(|k| match k.cmp(&at) {
            std::cmp::Ordering::Less => Some(k),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(k - 1),
        })
        .collect();
    let notes = follow_tracks(board, old, &new, axis, &old_of_new);
    Some(lane_edit(new, notes))
}

/// Removes track `i` (the last one cannot go). Its notes are not deleted: they move to a row just
/// below the lane, where they stay on the canvas. Returns the edit and how many notes moved out.
pub fn remove_track(board: &Board, axis: Axis, i: usize) -> Option<(Edit, usize)> {
    let old = board.lane()?;
    let tracks = old.tracks(axis);
    if tracks.len() <= 1 || i >= tracks.len() {
        return None;
    }
    let mut new = old.clone();
    new.tracks_mut(axis).remove(i);
    let old_of_new: Vec<Option<usize>> = (0..tracks.len() - 1)
        .map(|k| Some(if k < i { k } else { k + 1 }))
        .collect();
    let mut notes = follow_tracks(board, old, &new, axis, &old_of_new);
    let homeless = notes_in_track(board, old, axis, i);
    let count = homeless.len();
    notes.extend(park_below(&new, homeless));
    Some((lane_edit(new, notes), count))
}

/// Lays notes out left to right in rows just under the lane, keeping their order.
fn park_below(lane: &Lane, mut notes: Vec<Note>) -> Vec<Note> {
    notes.sort_by(|a, b| {
        (a.rect.y, a.rect.x)
            .partial_cmp(&(b.rect.y, b.rect.x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let area = lane.rect();
    let (mut x, mut y, mut row_h) = (
        area.x + lane.label_width,
        area.bottom() + 2.0 * NOTE_GAP,
        0.0f32,
    );
    for n in &mut notes {
        if x + n.rect.w > area.right() && x > area.x + lane.label_width {
            x = area.x + lane.label_width;
            y += row_h + NOTE_GAP;
            row_h = 0.0;
        }
        n.rect.x = x;
        n.rect.y = y;
        x += n.rect.w + NOTE_GAP;
        row_h = row_h.max(n.rect.h);
    }
    notes
}

/// Moves track `from` to position `to`; the notes in every track travel with it.
pub fn move_track(board: &Board, axis: Axis, from: usize, to: usize) -> Option<Edit> {
    let old = board.lane()?;
    let n = old.tracks(axis).len();
    if from >= n || to >= n || from == to {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    let moving = order.remove(from);
    order.insert(to, moving);
    let mut new = old.clone();
    *new.tracks_mut(axis) = order.iter().map(|&k| old.tracks(axis)[k].clone()).collect();
    let old_of_new: Vec<Option<usize>> = order.into_iter().map(Some).collect();
    let notes = follow_tracks(board, old, &new, axis, &old_of_new);
    Some(lane_edit(new, notes))
}

// ---- Partners ----

/// A new partner with the next unused tag colour.
pub fn add_partner(board: &mut Board, name: &str) -> (Edit, PartnerId) {
    let id = board.new_partner_id();
    let used: Vec<Rgb> = board.partners().iter().map(|p| p.color).collect();
    let color = PARTNER_COLORS
        .iter()
        .copied()
        .find(|c| !used.contains(c))
        .unwrap_or(PARTNER_COLORS[board.partners().len() % PARTNER_COLORS.len()]);
    let mut partners = board.partners().to_vec();
    partners.push(Partner {
        id,
        name: name.to_owned(),
        color,
    });
    (Edit::SetPartners(partners), id)
}

/// Changes a partner's name and colour.
pub fn update_partner(board: &Board, id: PartnerId, name: &str, color: Rgb) -> Option<Edit> {
    let mut partners = board.partners().to_vec();
    let p = partners.iter_mut().find(|p| p.id == id)?;
    if p.name == name && p.color == color {
        return None;
    }
    p.name = name.to_owned();
    p.color = color;
    Some(Edit::SetPartners(partners))
}

/// Removes a partner and its tag from every note, as one step.
pub fn remove_partner(board: &Board, id: PartnerId) -> Edit {
    let partners = board
        .partners()
        .iter()
        .filter(|p| p.id != id)
        .cloned()
        .collect();
    let tagged: Vec<NoteId> = board
        .notes()
        .iter()
        .filter(|n| n.partner == Some(id))
        .map(|n| n.id)
        .collect();
    Edit::Batch(vec![
        set_partner(board, &tagged, None),
        Edit::SetPartners(partners),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::board::BoardParts;
    use crate::model::region::Region;

    /// A lane at the origin: stages 100 wide starting at x=100, one row 100 high starting at y=50.
    fn board_with_lane() -> Board {
        let lane = Lane {
            title: "Journey".into(),
            origin: Point::new(0.0, 0.0),
            label_width: 100.0,
            header_height: 50.0,
            stages: vec![
                Track::new("A", 100.0),
                Track::new("B", 100.0),
                Track::new("C", 100.0),
            ],
            rows: vec![Track::new("r", 100.0)],
        };
        // One small note centred in each stage.
        let notes = (0..3)
            .map(|s| {
                let mut n = Note::new(NoteId(s + 1), 0.0, 0.0);
                n.rect = Rect::new(110.0 + 100.0 * s as f32, 60.0, 80.0, 80.0);
                n.text = format!("in {s}");
                n
            })
            .collect();
        Board::from_parts(BoardParts {
            lane: Some(lane),
            notes,
            ..Default::default()
        })
    }

    fn stage_of(b: &Board, id: u64) -> Option<usize> {
        match b.region_of(b.note(NoteId(id))?) {
            Some(Region::Cell { stage, .. }) => Some(stage),
            _ => None,
        }
    }

    fn stage_names(b: &Board) -> Vec<String> {
        b.lane()
            .unwrap()
            .stages
            .iter()
            .map(|t| t.name.clone())
            .collect()
    }

    #[test]
    fn removing_a_stage_keeps_its_notes_and_moves_the_rest_along() {
        let mut b = board_with_lane();
        let before = b.clone();
        let (edit, parked) = remove_track(&b, Axis::Stage, 1).unwrap();
        assert_eq!(parked, 1);
        let undo = b.apply(edit);
        assert_eq!(stage_names(&b), ["A", "C"]);
        assert_eq!(b.notes().len(), 3, "no note is deleted");
        assert_eq!(stage_of(&b, 1), Some(0));
        assert_eq!(stage_of(&b, 3), Some(1), "C's note moved with C");
        let parked = b.note(NoteId(2)).unwrap();
        assert!(
            parked.rect.y >= b.lane().unwrap().rect().bottom(),
            "B's note is below the lane"
        );
        b.apply(undo);
        assert_eq!(b, before);
    }

    #[test]
    fn the_last_stage_cannot_be_removed() {
        let mut b = board_with_lane();
        for _ in 0..2 {
            let (e, _) = remove_track(&b, Axis::Stage, 0).unwrap();
            b.apply(e);
        }
        assert!(remove_track(&b, Axis::Stage, 0).is_none());
    }

    #[test]
    fn adding_a_stage_shifts_later_notes() {
        let mut b = board_with_lane();
        b.apply(add_track(&b, Axis::Stage, 1, "New").unwrap());
        assert_eq!(stage_names(&b), ["A", "New", "B", "C"]);
        assert_eq!(stage_of(&b, 1), Some(0));
        assert_eq!(stage_of(&b, 2), Some(2));
        assert_eq!(stage_of(&b, 3), Some(3));
        b.apply(add_track(&b, Axis::Stage, 4, "End").unwrap());
        assert_eq!(stage_names(&b).last().unwrap(), "End");
        assert!(add_track(&b, Axis::Stage, 9, "x").is_none());
        while let Some(edit) = add_track(&b, Axis::Stage, 0, "more") {
            b.apply(edit);
        }
        assert_eq!(
            stage_names(&b).len(),
            crate::model::board::MAX_TRACKS,
            "a lane stops growing where files stop loading"
        );
    }

    #[test]
    fn reordering_stages_carries_notes() {
        let mut b = board_with_lane();
        b.apply(move_track(&b, Axis::Stage, 0, 2).unwrap());
        assert_eq!(stage_names(&b), ["B", "C", "A"]);
        assert_eq!(stage_of(&b, 1), Some(2));
        assert_eq!(stage_of(&b, 2), Some(0));
        assert_eq!(stage_of(&b, 3), Some(1));
    }

    #[test]
    fn rows_work_like_stages() {
        let mut b = board_with_lane();
        b.apply(add_track(&b, Axis::Row, 0, "top").unwrap());
        // The single old row moved down, with all three notes.
        for id in 1..=3 {
            assert!(matches!(
                b.region_of(b.note(NoteId(id)).unwrap()),
                Some(Region::Cell { row: 1, .. })
            ));
        }
        b.apply(rename_track(&b, Axis::Row, 0, "Customer does").unwrap());
        assert_eq!(b.lane().unwrap().rows[0].name, "Customer does");
        assert!(rename_track(&b, Axis::Row, 0, "Customer does").is_none());
    }

    #[test]
    fn next_note_selects_an_existing_neighbour() {
        let mut b = board_with_lane();
        // Right of the note in stage A sits the note in stage B.
        let (edit, id) = next_note(&mut b, NoteId(1), Direction::Right).unwrap();
        assert!(edit.is_noop());
        assert_eq!(id, NoteId(2));
        // Below there is nothing: a new note, same colour, opened under it.
        let (edit, id) = next_note(&mut b, NoteId(1), Direction::Down).unwrap();
        b.apply(edit);
        let n = b.note(id).unwrap();
        assert_eq!(n.rect.x, 110.0);
        assert_eq!(n.rect.y, 60.0 + 80.0 + NOTE_GAP);
    }

    #[test]
    fn copies_get_fresh_ids_and_keep_their_layout() {
        let mut b = board_with_lane();
        let (edit, ids) = duplicate(&mut b, &[NoteId(1), NoteId(2)], 30.0);
        b.apply(edit);
        assert_eq!(ids.len(), 2);
        let (a, c) = (b.note(ids[0]).unwrap(), b.note(ids[1]).unwrap());
        assert_eq!(a.rect.x, 140.0);
        assert_eq!(c.rect.x - a.rect.x, 100.0);
        assert_eq!(a.text, "in 0");
        assert_eq!(b.z_of(ids[1]), Some(4), "copies go on top");
    }

    #[test]
    fn bring_to_front_keeps_relative_order() {
        let mut b = board_with_lane();
        b.apply(bring_to_front(&b, &[NoteId(2), NoteId(1)]));
        let order: Vec<u64> = b.notes().iter().map(|n| n.id.0).collect();
        assert_eq!(order, [3, 1, 2]);
        assert!(bring_to_front(&b, &[NoteId(2)]).is_noop());
    }

    #[test]
    fn removing_a_partner_untags_its_notes_in_one_step() {
        let mut b = board_with_lane();
        let (e, uber) = add_partner(&mut b, "Uber");
        b.apply(e);
        b.apply(set_partner(&b, &[NoteId(1)], Some(uber)));
        let before = b.clone();
        let undo = b.apply(remove_partner(&b, uber));
        assert!(b.partners().is_empty());
        assert_eq!(b.note(NoteId(1)).unwrap().partner, None);
        b.apply(undo);
        assert_eq!(b, before);
    }

    #[test]
    fn votes_go_up_and_down_and_reset_in_one_step() {
        let mut b = board_with_lane();
        b.apply(add_vote(&b, NoteId(1)));
        b.apply(add_vote(&b, NoteId(1)));
        b.apply(add_vote(&b, NoteId(2)));
        assert_eq!(b.note(NoteId(1)).unwrap().votes, 2);
        b.apply(remove_vote(&b, NoteId(2)));
        assert!(remove_vote(&b, NoteId(2)).is_noop(), "no dots to take");
        let before = b.clone();
        let undo = b.apply(reset_votes(&b));
        assert!(b.notes().iter().all(|n| n.votes == 0));
        b.apply(undo);
        assert_eq!(b, before);
    }

    #[test]
    fn partners_get_distinct_colours() {
        let mut b = board_with_lane();
        let (e, _) = add_partner(&mut b, "A");
        b.apply(e);
        let (e, _) = add_partner(&mut b, "B");
        b.apply(e);
        assert_ne!(b.partners()[0].color, b.partners()[1].color);
    }
}
