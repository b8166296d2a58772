//! Edit values: every change to a board is one of these, applied by `Board::apply`.

use super::board::Voting;
use super::flow::{Flow, FlowId, FlowKind};
use super::keyed::fold_earlier;
use super::note::{Note, NoteId};
use super::partner::Partner;
use super::region::Lane;

/// A change to a board. Applying one returns its inverse, which is what undo stores.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Insert notes at drawing positions (applied in ascending position order).
    InsertNotes(Vec<(usize, Note)>),
    RemoveNotes(Vec<NoteId>),
    /// Replace notes with the same ids by these values (text, geometry, colour, partner, votes).
    UpdateNotes(Vec<Note>),
    /// Insert flows at list positions; a flow whose notes are missing (or the same note) is
    /// skipped, so insert flows after the notes they join.
    InsertFlows(Vec<(usize, Flow)>),
    RemoveFlows(Vec<FlowId>),
    /// Replace flows with the same ids by these values (ends, direction, label, kind).
    UpdateFlows(Vec<Flow>),
    SetFlowKinds(Vec<FlowKind>),
    SetTitle(String),
    SetLane(Option<Lane>),
    SetPartners(Vec<Partner>),
    SetVoting(Voting),
    /// Several edits as one step.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Whether applying this edit would change nothing.
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::InsertNotes(v) => v.is_empty(),
            Edit::RemoveNotes(v) => v.is_empty(),
            Edit::UpdateNotes(v) => v.is_empty(),
            Edit::InsertFlows(v) => v.is_empty(),
            Edit::RemoveFlows(v) => v.is_empty(),
            Edit::UpdateFlows(v) => v.is_empty(),
            Edit::Batch(v) => v.iter().all(Edit::is_noop),
            Edit::SetTitle(_)
            | Edit::SetLane(_)
            | Edit::SetPartners(_)
            | Edit::SetVoting(_)
            | Edit::SetFlowKinds(_) => false,
        }
    }

    /// Combines the undo of an earlier step with the undo of a later one into one undo that restores
    /// the state before both. Two note updates fold into one list (the earlier value of each note
    /// wins), so a long drag stays one small entry; so do two flow updates (typing a label).
    pub fn merge_undo(earlier: Edit, later: Edit) -> Edit {
        match (earlier, later) {
            (Edit::UpdateNotes(first), Edit::UpdateNotes(second)) => {
                Edit::UpdateNotes(fold_earlier(first, second))
            }
            (Edit::UpdateFlows(first), Edit::UpdateFlows(second)) => {
                Edit::UpdateFlows(fold_earlier(first, second))
            }
            // A step that began with more (e.g. bringing notes to the front before a drag) keeps its
            // note updates first in the batch, so later moves fold into them too.
            (Edit::Batch(mut steps), Edit::UpdateNotes(second))
                if matches!(steps.first(), Some(Edit::UpdateNotes(_))) =>
            {
                let first = steps.remove(0);
                steps.insert(0, Edit::merge_undo(first, Edit::UpdateNotes(second)));
                Edit::Batch(steps)
            }
            (earlier, later) => Edit::Batch(vec![later, earlier]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_updates_keep_the_earliest_value() {
        let a0 = Note::new(NoteId(1), 0.0, 0.0);
        let b0 = Note::new(NoteId(2), 0.0, 0.0);
        let a1 = Note::new(NoteId(1), 5.0, 0.0);
        let merged = Edit::merge_undo(
            Edit::UpdateNotes(vec![a0.clone()]),
            Edit::UpdateNotes(vec![a1, b0.clone()]),
        );
        assert_eq!(merged, Edit::UpdateNotes(vec![a0, b0]));
    }

    #[test]
    fn updates_fold_into_a_batch_that_starts_with_updates() {
        let a0 = Note::new(NoteId(1), 0.0, 0.0);
        let a1 = Note::new(NoteId(1), 5.0, 0.0);
        let earlier = Edit::Batch(vec![
            Edit::UpdateNotes(vec![a0.clone()]),
            Edit::RemoveNotes(vec![]),
        ]);
        let merged = Edit::merge_undo(earlier, Edit::UpdateNotes(vec![a1]));
        assert_eq!(
            merged,
            Edit::Batch(vec![Edit::UpdateNotes(vec![a0]), Edit::RemoveNotes(vec![])])
        );
    }

    #[test]
    fn other_merges_undo_the_later_step_first() {
        let merged = Edit::merge_undo(Edit::SetTitle("a".into()), Edit::RemoveNotes(vec![]));
        assert_eq!(
            merged,
            Edit::Batch(vec![Edit::RemoveNotes(vec![]), Edit::SetTitle("a".into())])
        );
    }
}
