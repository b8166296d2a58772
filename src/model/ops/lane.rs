//! Journey lane operations: rename, add, move and remove stages and rows; the notes of a track
//! travel with it, and the notes of a removed track are kept below the lane.

use super::NOTE_GAP;
use crate::model::board::{Board, MAX_TRACKS};
use crate::model::edit::Edit;
use crate::model::note::{Note, NoteId};
use crate::model::region::{Axis, Lane, Track};

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
    if at > tracks.len() || tracks.len() >= MAX_TRACKS {
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
/// below the lane and the blocks, where they stay on the canvas outside every region. Returns the
/// edit and the notes that moved out.
pub fn remove_track(board: &Board, axis: Axis, i: usize) -> Option<(Edit, Vec<NoteId>)> {
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
    let parked = homeless.iter().map(|n| n.id).collect();
    notes.extend(park_below(board, &new, homeless));
    Some((lane_edit(new, notes), parked))
}

/// Lays notes out left to right in rows just under the lane, keeping their order, and below any
/// block (a board may have blocks under its lane).
fn park_below(board: &Board, lane: &Lane, mut notes: Vec<Note>) -> Vec<Note> {
    notes.sort_by(|a, b| {
        (a.rect.y, a.rect.x)
            .partial_cmp(&(b.rect.y, b.rect.x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let area = lane.rect();
    let bottom = board
        .blocks()
        .iter()
        .map(|b| b.rect.bottom())
        .fold(area.bottom(), f32::max);
    let (mut x, mut y, mut row_h) = (area.x + lane.label_width, bottom + 2.0 * NOTE_GAP, 0.0f32);
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

#[cfg(test)]
mod tests {
    use super::super::fixture::{board_with_lane, stage_of};
    use super::*;
    use crate::model::region::Region;

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
        assert_eq!(parked, [NoteId(2)]);
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
}
