//! `Board::apply`: every change to a board, each returning the edit that undoes it, and the limits
//! every value is held to on the way in.

use super::{Board, BoardParts, COORD_LIMIT, MAX_DOTS_PER_PERSON, MAX_PEOPLE, MAX_TEXT_CHARS};
use super::{MAX_AUTHOR_CHARS, MAX_FLOW_KINDS, MAX_VOTES, Voting};
use crate::model::edit::Edit;
use crate::model::flow::{Flow, FlowKind};
use crate::model::note::Note;
use crate::model::region::Lane;

impl Board {
    /// Applies an edit and returns the edit that undoes it. Edits naming notes or flows that do not
    /// exist (or, for inserts, that already exist) skip them rather than fail, and so do flows
    /// whose notes are missing. Whatever would not change is skipped too, so the inverse of an edit
    /// that changed nothing [`Edit::is_noop`].
    pub fn apply(&mut self, edit: Edit) -> Edit {
        match edit {
            Edit::InsertNotes(items) => {
                let next = &mut self.next_note;
                let ids = self.notes.insert(&mut self.parts.notes, items, |note| {
                    sanitize(note);
                    *next = (*next).max(note.id.0.saturating_add(1));
                    true
                });
                Edit::RemoveNotes(ids)
            }
            Edit::RemoveNotes(ids) => {
                Edit::InsertNotes(self.notes.remove(&mut self.parts.notes, &ids))
            }
            Edit::UpdateNotes(notes) => {
                Edit::UpdateNotes(self.notes.update(&mut self.parts.notes, notes, sanitize))
            }
            Edit::InsertFlows(items) => {
                let (notes, next) = (&self.notes, &mut self.next_flow);
                let ids = self.flows.insert(&mut self.parts.flows, items, |flow| {
                    clip_text(&mut flow.label);
                    *next = (*next).max(flow.id.0.saturating_add(1));
                    flow.from != flow.to
                        && notes.get(flow.from).is_some()
                        && notes.get(flow.to).is_some()
                });
                self.reindex_flows();
                Edit::RemoveFlows(ids)
            }
            Edit::RemoveFlows(ids) => {
                let removed = self.flows.remove(&mut self.parts.flows, &ids);
                self.reindex_flows();
                Edit::InsertFlows(removed)
            }
            Edit::UpdateFlows(flows) => {
                let old = self
                    .flows
                    .update(&mut self.parts.flows, flows, |f: &mut Flow| {
                        clip_text(&mut f.label)
                    });
                self.reindex_flows();
                Edit::UpdateFlows(old)
            }
            Edit::SetFlowKinds(mut kinds) => {
                kinds.truncate(MAX_FLOW_KINDS);
                kinds.iter_mut().for_each(|k| clip_text(&mut k.name));
                let next = kinds.iter().map(|k: &FlowKind| k.id.0.saturating_add(1));
                self.next_kind = next.fold(self.next_kind, u64::max);
                replace_changed(&mut self.parts.flow_kinds, kinds, Edit::SetFlowKinds)
            }
            Edit::SetTitle(mut title) => {
                clip_text(&mut title);
                replace_changed(&mut self.parts.title, title, Edit::SetTitle)
            }
            Edit::SetLane(mut lane) => {
                if let Some(lane) = &mut lane {
                    clip_lane(lane);
                }
                replace_changed(&mut self.parts.lane, lane, Edit::SetLane)
            }
            Edit::SetVoting(voting) => replace_changed(
                &mut self.parts.voting,
                limit_voting(voting),
                Edit::SetVoting,
            ),
            Edit::SetPartners(mut partners) => {
                partners.iter_mut().for_each(|p| clip_text(&mut p.name));
                let next = partners.iter().map(|p| p.id.0.saturating_add(1));
                self.next_partner = next.fold(self.next_partner, u64::max);
                replace_changed(&mut self.parts.partners, partners, Edit::SetPartners)
            }
            Edit::Batch(edits) => {
                let mut inverses: Vec<Edit> = edits.into_iter().map(|e| self.apply(e)).collect();
                inverses.reverse();
                Edit::Batch(inverses)
            }
        }
    }
}

/// Holds every text, size and count of `parts` to the limits.
pub(super) fn sanitize_parts(parts: &mut BoardParts) {
    parts.notes.iter_mut().for_each(sanitize);
    clip_text(&mut parts.title);
    if let Some(lane) = &mut parts.lane {
        clip_lane(lane);
    }
    parts
        .partners
        .iter_mut()
        .for_each(|p| clip_text(&mut p.name));
    parts
        .flow_kinds
        .iter_mut()
        .for_each(|k| clip_text(&mut k.name));
    parts.flows.iter_mut().for_each(|f| clip_text(&mut f.label));
    parts.voting = limit_voting(parts.voting);
}

/// Puts `new` in `slot` and returns the edit that puts the old value back; an empty batch when the
/// value is the same, so setting what is already there is no change.
fn replace_changed<T: PartialEq>(slot: &mut T, new: T, edit: fn(T) -> Edit) -> Edit {
    if *slot == new {
        Edit::Batch(Vec::new())
    } else {
        edit(std::mem::replace(slot, new))
    }
}

/// Cuts a text to [`MAX_TEXT_CHARS`] characters.
fn clip_text(s: &mut String) {
    clip_chars(s, MAX_TEXT_CHARS);
}

/// Cuts a text to `max` characters (not bytes, so never inside a character).
pub fn clip_chars(s: &mut String, max: usize) {
    if let Some((end, _)) = s.char_indices().nth(max) {
        s.truncate(end);
    }
}

fn clip_lane(lane: &mut Lane) {
    clip_text(&mut lane.title);
    for t in lane.stages.iter_mut().chain(lane.rows.iter_mut()) {
        clip_text(&mut t.name);
    }
}

fn limit_voting(v: Voting) -> Voting {
    Voting {
        dots_per_person: v.dots_per_person.min(MAX_DOTS_PER_PERSON),
        people: v.people.min(MAX_PEOPLE),
    }
}

/// Keeps a note's geometry finite and its texts and votes within the documented limits.
fn sanitize(note: &mut Note) {
    clip_text(&mut note.text);
    if let Some(author) = &mut note.author {
        clip_chars(author, MAX_AUTHOR_CHARS);
    }
    note.votes = note.votes.min(MAX_VOTES);
    let clamp = |v: f32, lo: f32, hi: f32| {
        if v.is_finite() {
            v.clamp(lo, hi)
        } else {
            lo.max(0.0)
        }
    };
    let r = &mut note.rect;
    r.w = clamp(r.w, Note::MIN_SIZE, Note::MAX_SIZE);
    r.h = clamp(r.h, Note::MIN_SIZE, Note::MAX_SIZE);
    r.x = clamp(r.x, -COORD_LIMIT, COORD_LIMIT);
    r.y = clamp(r.y, -COORD_LIMIT, COORD_LIMIT);
}
