//! Questions asked of a board: where partners touch the journey, which notes got the most votes.

use super::board::Board;
use super::note::Note;
use super::partner::PartnerId;
use super::region::Region;

/// The partners whose tagged notes sit in each journey stage (any row), in the board's partner
/// order; an empty list marks a stage no partner touches yet.
pub fn partners_by_stage(board: &Board) -> Vec<Vec<PartnerId>> {
    let Some(lane) = board.lane() else {
        return Vec::new();
    };
    let mut touched = vec![Vec::new(); lane.stages.len()];
    for note in board.notes() {
        if let (Some(partner), Some(Region::Cell { stage, .. })) =
            (note.partner, board.region_of(note))
        {
            touched[stage].push(partner);
        }
    }
    let order: Vec<PartnerId> = board.partners().iter().map(|p| p.id).collect();
    touched
        .into_iter()
        .map(|ids| order.iter().copied().filter(|p| ids.contains(p)).collect())
        .collect()
}

/// Notes with votes, most votes first (ties top to bottom, then left to right).
pub fn ranked_notes(board: &Board) -> Vec<&Note> {
    let mut notes: Vec<&Note> = board.notes().iter().filter(|n| n.votes > 0).collect();
    notes.sort_by(|a, b| {
        b.votes
            .cmp(&a.votes)
            .then(a.rect.y.total_cmp(&b.rect.y))
            .then(a.rect.x.total_cmp(&b.rect.x))
    });
    notes
}

/// All dots placed on the board.
pub fn dots_used(board: &Board) -> u32 {
    board.notes().iter().map(|n| n.votes).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::example_board;

    #[test]
    fn the_example_shows_which_partners_touch_each_stage() {
        let board = example_board();
        let names: Vec<Vec<&str>> = partners_by_stage(&board)
            .iter()
            .map(|ids| {
                ids.iter()
                    .map(|id| board.partner(*id).unwrap().name.as_str())
                    .collect()
            })
            .collect();
        assert_eq!(
            names,
            [
                vec!["Uber"],
                vec!["Spotify"],
                vec!["Uber", "Spotify"],
                vec!["Spotify"]
            ]
        );
    }

    #[test]
    fn ranking_and_dots() {
        let mut board = example_board();
        assert!(ranked_notes(&board).is_empty());
        let mut a = board.notes()[4].clone();
        let mut b = board.notes()[2].clone();
        a.votes = 2;
        b.votes = 5;
        board.apply(crate::model::Edit::UpdateNotes(vec![a.clone(), b.clone()]));
        let ranked: Vec<_> = ranked_notes(&board).iter().map(|n| n.id).collect();
        assert_eq!(ranked, [b.id, a.id]);
        assert_eq!(dots_used(&board), 7);
    }
}
