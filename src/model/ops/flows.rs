//! Flow operations: draw a flow between two notes, relabel it, change its kind or direction,
//! reverse it, delete it; and the board's list of flow kinds (removing a kind leaves its flows
//! without one, in the same step).

use super::{then, with_changed, without};
use crate::model::board::{Board, MAX_FLOW_KINDS};
use crate::model::edit::Edit;
use crate::model::flow::{Flow, FlowDirection, FlowId, FlowKind, FlowKindId, KIND_COLORS};
use crate::model::keyed::changed;
use crate::model::note::NoteId;
use crate::model::partner::Rgb;

/// A new flow `id` (from `Document::new_flow_ids`) from note `from` to note `to`, one way, of
/// `kind` (the board's first kind when `kind` is not one of its kinds). `None` when a note is
/// missing or both are the same note.
pub fn new_flow(
    board: &Board,
    id: FlowId,
    from: NoteId,
    to: NoteId,
    kind: Option<FlowKindId>,
) -> Option<Edit> {
    if from == to || board.note(from).is_none() || board.note(to).is_none() {
        return None;
    }
    let kind = kind
        .filter(|k| board.flow_kind(*k).is_some())
        .or_else(|| board.flow_kinds().first().map(|k| k.id));
    let flow = Flow {
        id,
        from,
        to,
        direction: FlowDirection::OneWay,
        label: String::new(),
        kind,
    };
    Some(Edit::InsertFlows(vec![(board.flows().len(), flow)]))
}

/// Changes each of the given flows with `change`; `None` when no flow would change.
pub fn update_flows(board: &Board, ids: &[FlowId], change: impl Fn(&mut Flow)) -> Option<Edit> {
    let changed = changed(ids.iter().filter_map(|id| board.flow(*id)), change);
    (!changed.is_empty()).then_some(Edit::UpdateFlows(changed))
}

pub fn set_flow_label(board: &Board, id: FlowId, label: &str) -> Option<Edit> {
    update_flows(board, &[id], |f| label.clone_into(&mut f.label))
}

pub fn set_flow_kind(board: &Board, id: FlowId, kind: Option<FlowKindId>) -> Option<Edit> {
    let kind = kind.filter(|k| board.flow_kind(*k).is_some());
    update_flows(board, &[id], |f| f.kind = kind)
}

pub fn set_flow_direction(board: &Board, id: FlowId, direction: FlowDirection) -> Option<Edit> {
    update_flows(board, &[id], |f| f.direction = direction)
}

/// Turns a flow round: what one note gave, it now gets.
pub fn reverse_flow(board: &Board, id: FlowId) -> Option<Edit> {
    update_flows(board, &[id], |f| std::mem::swap(&mut f.from, &mut f.to))
}

/// Deletes the flows that exist among `ids`.
pub fn delete_flows(board: &Board, ids: &[FlowId]) -> Option<Edit> {
    let ids: Vec<FlowId> = ids
        .iter()
        .copied()
        .filter(|id| board.flow(*id).is_some())
        .collect();
    (!ids.is_empty()).then_some(Edit::RemoveFlows(ids))
}

/// The ids of the flows that start or end at any of `notes`.
pub fn flows_touching(board: &Board, notes: &[NoteId]) -> Vec<FlowId> {
    let notes: std::collections::HashSet<NoteId> = notes.iter().copied().collect();
    board
        .flows()
        .iter()
        .filter(|f| notes.contains(&f.from) || notes.contains(&f.to))
        .map(|f| f.id)
        .collect()
}

/// A new kind `id` (from `Document::new_flow_kind_id`) with the next unused colour; `None` when
/// the board has as many kinds as it can hold.
pub fn add_flow_kind(board: &Board, id: FlowKindId, name: &str) -> Option<Edit> {
    if board.flow_kinds().len() >= MAX_FLOW_KINDS {
        return None;
    }
    let used: Vec<Rgb> = board.flow_kinds().iter().map(|k| k.color).collect();
    let mut kinds = board.flow_kinds().to_vec();
    kinds.push(FlowKind {
        id,
        name: name.to_owned(),
        color: Rgb::first_unused(&KIND_COLORS, &used),
    });
    Some(Edit::SetFlowKinds(kinds))
}

/// Changes a kind's name and colour.
pub fn update_flow_kind(board: &Board, id: FlowKindId, name: &str, color: Rgb) -> Option<Edit> {
    let kinds = with_changed(
        board.flow_kinds(),
        |k| k.id == id,
        |k| {
            name.clone_into(&mut k.name);
            k.color = color;
        },
    )?;
    Some(Edit::SetFlowKinds(kinds))
}

/// Removes a kind; its flows stay, without a kind, in the same step.
pub fn remove_flow_kind(board: &Board, id: FlowKindId) -> Option<Edit> {
    board.flow_kind(id)?;
    let of_kind: Vec<FlowId> = board
        .flows()
        .iter()
        .filter(|f| f.kind == Some(id))
        .map(|f| f.id)
        .collect();
    let kinds = without(board.flow_kinds(), |k| k.id == id);
    Some(then(
        update_flows(board, &of_kind, |f| f.kind = None),
        Edit::SetFlowKinds(kinds),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixture::board_with_lane;
    use super::super::notes::delete_notes;
    use super::*;

    fn with_flow() -> (Board, FlowId) {
        let mut b = board_with_lane();
        let id = b.new_flow_ids(1)[0];
        b.apply(new_flow(&b, id, NoteId(1), NoteId(2), None).unwrap());
        (b, id)
    }

    #[test]
    fn a_new_flow_takes_the_first_kind_and_joins_two_notes() {
        let (b, id) = with_flow();
        let f = b.flow(id).unwrap();
        assert_eq!((f.from, f.to), (NoteId(1), NoteId(2)));
        assert_eq!(f.kind, Some(b.flow_kinds()[0].id));
        assert_eq!(f.direction, FlowDirection::OneWay);
        assert!(new_flow(&b, FlowId(9), NoteId(1), NoteId(1), None).is_none());
        assert!(new_flow(&b, FlowId(9), NoteId(1), NoteId(99), None).is_none());
        let money = b.flow_kinds()[1].id;
        let edit = new_flow(&b, FlowId(9), NoteId(2), NoteId(3), Some(money)).unwrap();
        let Edit::InsertFlows(items) = edit else {
            panic!("an insert")
        };
        assert_eq!(items[0].1.kind, Some(money));
    }

    #[test]
    fn relabel_kind_direction_and_reverse_each_change_one_thing() {
        let (mut b, id) = with_flow();
        let data = b.flow_kinds()[2].id;
        b.apply(set_flow_label(&b, id, "listening data").unwrap());
        b.apply(set_flow_kind(&b, id, Some(data)).unwrap());
        b.apply(set_flow_direction(&b, id, FlowDirection::BothWays).unwrap());
        b.apply(reverse_flow(&b, id).unwrap());
        let f = b.flow(id).unwrap();
        assert_eq!(f.label, "listening data");
        assert_eq!(f.kind, Some(data));
        assert_eq!(f.direction, FlowDirection::BothWays);
        assert_eq!((f.from, f.to), (NoteId(2), NoteId(1)));
        assert!(set_flow_label(&b, id, "listening data").is_none());
        assert!(
            set_flow_kind(&b, id, Some(FlowKindId(99))).is_some(),
            "unknown: no kind"
        );
        assert!(delete_flows(&b, &[FlowId(99)]).is_none());
    }

    #[test]
    fn deleting_a_note_deletes_its_flows_in_the_same_step() {
        let (mut b, id) = with_flow();
        let other = b.new_flow_ids(1)[0];
        b.apply(new_flow(&b, other, NoteId(2), NoteId(3), None).unwrap());
        let before = b.clone();
        let undo = b.apply(delete_notes(&b, &[NoteId(1)]).unwrap());
        assert!(b.flow(id).is_none());
        assert!(b.flow(other).is_some(), "flows of other notes stay");
        b.apply(undo);
        assert_eq!(b, before);
    }

    #[test]
    fn removing_a_kind_leaves_its_flows_without_one() {
        let (mut b, id) = with_flow();
        let kind = b.flow(id).unwrap().kind.unwrap();
        let before = b.clone();
        let undo = b.apply(remove_flow_kind(&b, kind).unwrap());
        assert_eq!(b.flow(id).unwrap().kind, None);
        assert_eq!(b.flow_kinds().len(), 4);
        b.apply(undo);
        assert_eq!(b, before);
        let new = b.new_flow_kind_id();
        b.apply(add_flow_kind(&b, new, "attention").unwrap());
        let added = b.flow_kind(new).unwrap();
        assert_eq!(added.color, KIND_COLORS[5], "the first colour not in use");
        assert!(update_flow_kind(&b, new, "attention", added.color).is_none());
        assert!(remove_flow_kind(&b, FlowKindId(99)).is_none());
    }
}
