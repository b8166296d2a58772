//! What one participant is sent (`GET /api/board` and every live update): the whole picture each
//! time, so a phone that slept or reconnected is right at once. Face-down text goes only to its
//! writer, in `mine`; everyone else sees counts.

use serde::Serialize;

use super::session::Participant;
use super::snapshot::{Heading, Snapshot, TargetInfo};
use crate::model::NoteId;

#[derive(Serialize)]
pub(crate) struct View<'a> {
    title: &'a str,
    me: Me<'a>,
    targets: &'a [TargetInfo],
    silent: bool,
    presenting: Option<&'a Heading>,
    voting: Option<Voting>,
    /// Face-up notes to vote on, while a round is on.
    notes: Vec<Shown<'a>>,
    mine: Vec<Mine<'a>>,
}

#[derive(Serialize)]
struct Me<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Voting {
    dots_per_person: u32,
    dots_left: u32,
}

#[derive(Serialize)]
struct Shown<'a> {
    id: u64,
    text: &'a str,
    target: Option<&'a str>,
    votes: u32,
    /// Dots this participant placed on it.
    my_dots: u32,
}

#[derive(Serialize)]
struct Mine<'a> {
    id: u64,
    text: &'a str,
    target: Option<&'a str>,
    face_down: bool,
    votes: u32,
}

pub(crate) fn view<'a>(snapshot: &'a Snapshot, me: &'a Participant) -> View<'a> {
    let my_dots = |id: &NoteId| me.dots.get(id).copied().unwrap_or(0);
    let voting = snapshot.voting.map(|per_person| Voting {
        dots_per_person: per_person,
        dots_left: per_person.saturating_sub(me.dots_placed()),
    });
    let notes = match snapshot.voting {
        Some(_) => snapshot
            .notes
            .iter()
            .filter(|(_, n)| !n.face_down)
            .map(|(id, n)| Shown {
                id: id.0,
                text: &n.text,
                target: n.target.as_deref(),
                votes: n.votes,
                my_dots: my_dots(id),
            })
            .collect(),
        None => Vec::new(),
    };
    let mine = me
        .notes
        .iter()
        .filter_map(|id| {
            let n = snapshot.notes.get(id)?;
            Some(Mine {
                id: id.0,
                text: &n.text,
                target: n.target.as_deref(),
                face_down: n.face_down,
                votes: n.votes,
            })
        })
        .collect();
    View {
        title: &snapshot.title,
        me: Me { name: &me.name },
        targets: &snapshot.targets,
        silent: snapshot.silent,
        presenting: snapshot.presenting.as_ref(),
        voting,
        notes,
        mine,
    }
}
