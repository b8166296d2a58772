//! The board as a list: notes grouped by where they sit, in report order. Markdown and CSV share it,
//! so both list the same notes in the same order.

use std::cmp::Ordering;

use crate::model::{Board, Note, Region};

/// The notes of one region (or of none: notes outside every block and cell).
pub struct Group<'a> {
    pub region: Option<Region>,
    pub notes: Vec<&'a Note>,
}

/// Most votes first, then top to bottom, then left to right.
pub fn report_order(a: &Note, b: &Note) -> Ordering {
    b.votes
        .cmp(&a.votes)
        .then(a.rect.y.total_cmp(&b.rect.y))
        .then(a.rect.x.total_cmp(&b.rect.x))
        .then(a.id.cmp(&b.id))
}

/// Every block, then every journey cell stage by stage (rows top to bottom), then the notes that
/// are in no region; each group in report order. Empty regions are listed too: a gap is news.
pub fn groups(board: &Board) -> Vec<Group<'_>> {
    let mut regions: Vec<Option<Region>> = (0..board.blocks().len())
        .map(|i| Some(Region::Block(i)))
        .collect();
    if let Some(lane) = board.lane() {
        for stage in 0..lane.stages.len() {
            for row in 0..lane.rows.len() {
                regions.push(Some(Region::Cell { stage, row }));
            }
        }
    }
    regions.push(None);
    let mut groups: Vec<Group> = regions
        .into_iter()
        .map(|region| Group {
            region,
            notes: Vec::new(),
        })
        .collect();
    for note in board.notes() {
        let region = board.region_of(note);
        if let Some(g) = groups.iter_mut().find(|g| g.region == region) {
            g.notes.push(note);
        }
    }
    for g in &mut groups {
        g.notes.sort_by(|a, b| report_order(a, b));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoteId;

    #[test]
    fn votes_then_position() {
        let at = |id, x, y, votes| {
            let mut n = Note::new(NoteId(id), x, y);
            n.votes = votes;
            n
        };
        let mut notes = [
            at(1, 0.0, 100.0, 0),
            at(2, 50.0, 0.0, 0),
            at(3, 0.0, 0.0, 0),
            at(4, 900.0, 900.0, 2),
        ];
        notes.sort_by(report_order);
        let ids: Vec<u64> = notes.iter().map(|n| n.id.0).collect();
        assert_eq!(ids, [4, 3, 2, 1]);
    }
}
