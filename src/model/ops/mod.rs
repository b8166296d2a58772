//! Operations a user performs, as functions from the current board to the [`Edit`] that does them.
//! They compute; only `Document::apply` changes anything. An operation that may find nothing to do
//! returns `None` rather than an empty edit, and one that adds notes or partners takes the fresh
//! ids it needs (from `Document::new_note_ids`) instead of allocating them itself.
//!
//! [`Edit`]: super::Edit

mod lane;
mod notes;
mod partners;

pub use lane::{add_track, move_track, remove_track, rename_track};
pub use notes::{
    Direction, add_vote, bring_to_front, delete_notes, duplicate, move_notes, new_note, next_note,
    place_copies, remove_vote, reset_votes, set_color, set_partner, update_notes,
};
pub use partners::{add_partner, remove_partner, update_partner};

/// Space left between neighbouring notes placed by Tandem.
pub const NOTE_GAP: f32 = 20.0;

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
