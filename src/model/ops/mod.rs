//! Operations a user performs, as functions from the current board to the [`Edit`] that does them.
//! They compute; only `Document::apply` changes anything. An operation that may find nothing to do
//! returns `None` rather than an empty edit, and one that adds notes, flows or partners takes the fresh
//! ids it needs (from `Document::new_note_ids`) instead of allocating them itself.
//!
//! [`Edit`]: super::Edit

use super::Edit;

mod flows;
mod lane;
mod notes;
mod partners;

pub use flows::{
    add_flow_kind, delete_flows, flows_touching, new_flow, remove_flow_kind, reverse_flow,
    set_flow_direction, set_flow_kind, set_flow_label, update_flow_kind, update_flows,
};
pub use lane::{add_track, move_track, remove_track, rename_track};
pub use notes::{
    Copies, Direction, add_vote, bring_to_front, delete_notes, duplicate, move_notes, new_note,
    next_note, place_copies, remove_vote, reset_votes, set_color, set_partner, update_notes,
};
pub use partners::{add_partner, remove_partner, update_partner};

/// Space left between neighbouring notes placed by Tandem.
pub const NOTE_GAP: f32 = 20.0;

/// `list` with the item `is` picks changed by `change`; `None` when there is none or it would not
/// change (renaming a partner or a flow kind).
fn with_changed<T: Clone + PartialEq>(
    list: &[T],
    is: impl Fn(&T) -> bool,
    change: impl FnOnce(&mut T),
) -> Option<Vec<T>> {
    let mut list = list.to_vec();
    let item = list.iter_mut().find(|t| is(t))?;
    let before = item.clone();
    change(item);
    (*item != before).then_some(list)
}

/// `list` without the items `is` picks.
fn without<T: Clone>(list: &[T], is: impl Fn(&T) -> bool) -> Vec<T> {
    list.iter().filter(|t| !is(t)).cloned().collect()
}

/// `first` (when there is something to do first), then `last`, as one step: what refers to a
/// partner or kind lets go of it before it goes, so undo brings it back first.
fn then(first: Option<Edit>, last: Edit) -> Edit {
    Edit::Batch(first.into_iter().chain([last]).collect())
}

/// A board with a journey lane and one note in each of its three stages, for the tests of every
/// kind of operation.
#[cfg(test)]
pub(super) mod fixture {
    use crate::model::board::BoardParts;
    use crate::model::region::{Lane, Region, Track};
    use crate::model::{Board, Note, NoteId, Point, Rect};

    /// A lane at the origin: stages 100 wide starting at x=100, one row 100 high starting at y=50.
    pub fn board_with_lane() -> Board {
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

    pub fn stage_of(b: &Board, id: u64) -> Option<usize> {
        match b.region_of(b.note(NoteId(id))?) {
            Some(Region::Cell { stage, .. }) => Some(stage),
            _ => None,
        }
    }
}
