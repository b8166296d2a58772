//! Questions asked of a board: where partners touch the journey, which notes got the most votes,
//! what each partner gives and gets through the flows.

use std::collections::HashMap;

use super::board::Board;
use super::flow::{FlowDirection, FlowId, FlowKindId};
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

/// One flow as one side of it sees it: its kind, and who is at the other end (`None`: us, an
/// untagged note).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub flow: FlowId,
    pub kind: Option<FlowKindId>,
    pub with: Option<PartnerId>,
}

/// What a partner gives and gets through the board's flows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerFlows {
    pub partner: PartnerId,
    pub gives: Vec<Exchange>,
    pub gets: Vec<Exchange>,
}

/// Whether a partner's flows go both ways: one that only takes (or only gives) is a risk worth
/// naming in the workshop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Balance {
    NoFlows,
    OnlyGives,
    OnlyTakes,
    GivesAndTakes,
}

impl PartnerFlows {
    pub fn balance(&self) -> Balance {
        match (self.gives.is_empty(), self.gets.is_empty()) {
            (true, true) => Balance::NoFlows,
            (false, true) => Balance::OnlyGives,
            (true, false) => Balance::OnlyTakes,
            (false, false) => Balance::GivesAndTakes,
        }
    }
}

/// For each partner (in the board's order), what it gives and gets: a flow between notes of two
/// different owners (a partner, or us for untagged notes) is given by the note it starts at and got
/// by the note it ends at; both ways, each end gives and gets. Flows within one owner are left out.
pub fn flows_by_partner(board: &Board) -> Vec<PartnerFlows> {
    let mut out: Vec<PartnerFlows> = board
        .partners()
        .iter()
        .map(|p| PartnerFlows {
            partner: p.id,
            gives: Vec::new(),
            gets: Vec::new(),
        })
        .collect();
    let at: HashMap<PartnerId, usize> = out
        .iter()
        .enumerate()
        .map(|(i, p)| (p.partner, i))
        .collect();
    let owner = |id| board.note(id).map(|n: &Note| n.partner);
    for flow in board.flows() {
        let (Some(from), Some(to)) = (owner(flow.from), owner(flow.to)) else {
            continue;
        };
        if from == to {
            continue;
        }
        let mut record = |giver: Option<PartnerId>, taker: Option<PartnerId>| {
            let exchange = |with| Exchange {
                flow: flow.id,
                kind: flow.kind,
                with,
            };
            if let Some(&i) = giver.and_then(|p| at.get(&p)) {
                out[i].gives.push(exchange(taker));
            }
            if let Some(&i) = taker.and_then(|p| at.get(&p)) {
                out[i].gets.push(exchange(giver));
            }
        };
        record(from, to);
        if flow.direction == FlowDirection::BothWays {
            record(to, from);
        }
    }
    out
}

/// How many of `exchanges` are of each kind, in the board's kind order (flows without a kind last).
pub fn count_by_kind(board: &Board, exchanges: &[Exchange]) -> Vec<(Option<FlowKindId>, usize)> {
    let kinds = board.flow_kinds().iter().map(|k| Some(k.id));
    kinds
        .chain([None])
        .map(|kind| (kind, exchanges.iter().filter(|e| e.kind == kind).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
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
    fn what_each_partner_gives_and_gets() {
        use crate::model::ops::{new_flow, set_flow_direction};
        use crate::model::{FlowDirection, NoteId, PartnerId};
        let mut board = example_board();
        let all: Vec<_> = board.flows().iter().map(|f| f.id).collect();
        board.apply(crate::model::Edit::RemoveFlows(all));
        let (uber, spotify) = (PartnerId(1), PartnerId(2));
        let of = |p: Option<PartnerId>| {
            let n = board.notes().iter().find(|n| n.partner == p).unwrap();
            n.id
        };
        let (u, s, us) = (of(Some(uber)), of(Some(spotify)), of(None));
        let s2 = board
            .notes()
            .iter()
            .filter(|n| n.partner == Some(spotify))
            .nth(1)
            .unwrap()
            .id;
        let [a, b, c, d]: [crate::model::FlowId; 4] = board.new_flow_ids(4).try_into().unwrap();
        let data = board.flow_kinds()[2].id;
        for (id, from, to) in [(a, s, u), (b, us, s), (c, s, s2), (d, u, s)] {
            board.apply(new_flow(&board, id, from, to, None).unwrap());
        }
        board.apply(set_flow_direction(&board, d, FlowDirection::BothWays).unwrap());
        board.apply(crate::model::ops::set_flow_kind(&board, d, Some(data)).unwrap());
        let flows = flows_by_partner(&board);
        let (uf, sf) = (&flows[0], &flows[1]);
        let ids = |x: &[Exchange]| x.iter().map(|e| e.flow).collect::<Vec<_>>();
        assert_eq!(
            ids(&sf.gives),
            [a, d],
            "within Spotify's own notes is no exchange"
        );
        assert_eq!(ids(&sf.gets), [b, d]);
        assert_eq!(sf.gets[0].with, None, "from us");
        assert_eq!(ids(&uf.gives), [d]);
        assert_eq!(ids(&uf.gets), [a, d]);
        assert_eq!(sf.balance(), Balance::GivesAndTakes);
        let value = board.flow_kinds()[0].id;
        assert_eq!(
            count_by_kind(&board, &sf.gives),
            [(Some(value), 1), (Some(data), 1)]
        );
        board.apply(crate::model::ops::delete_flows(&board, &[d]).unwrap());
        let flows = flows_by_partner(&board);
        assert_eq!(flows[0].balance(), Balance::OnlyTakes);
        board.apply(crate::model::ops::delete_notes(&board, &[u]).unwrap());
        assert_eq!(flows_by_partner(&board)[0].balance(), Balance::NoFlows);
        assert!(board.note(NoteId(u.0)).is_none());
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
