//! The room's own state, beside the board: who has joined (names, tokens), which note each nonce
//! made, the dots each participant placed, rates, and the requests waiting for the host. Plain
//! data behind the hub's lock; every check that needs no board happens here.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::Instant;

use axum::http::StatusCode;
use tokio::sync::watch;

use super::error::ApiError;
use super::host::{Dot, Outcome, Refusal};
use super::limits::{Bucket, Limits};
use super::secret;
use super::snapshot::Snapshot;
use crate::model::NoteId;

/// Identifies a participant for the facilitator (moderation); never sent to phones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParticipantId(pub u64);

/// What the facilitator sees of a participant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantInfo {
    pub id: ParticipantId,
    pub name: String,
    /// Notes written (withdrawn ones not counted).
    pub notes: usize,
    /// Live-update streams open, usually 1 per phone showing the page.
    pub connected: usize,
}

/// The answer a request is waiting for.
pub(crate) type Answer = Option<Result<Outcome, Refusal>>;

#[derive(Debug)]
pub(crate) struct Participant {
    pub name: String,
    token: String,
    /// Notes written, in order; those withdrawn are taken out.
    pub notes: Vec<NoteId>,
    /// Dots placed in the current voting round, per note.
    pub dots: HashMap<NoteId, u32>,
    /// Notes written and on their way; counted against the caps.
    written: usize,
    nonces: HashMap<String, Nonce>,
    bucket: Bucket,
    streams: VecDeque<u64>,
}

impl Participant {
    pub fn dots_placed(&self) -> u32 {
        self.dots.values().sum()
    }
}

#[derive(Debug)]
enum Nonce {
    Pending(u64),
    Done(NoteId),
}

#[derive(Debug)]
enum PendingKind {
    Note { nonce: String },
    Vote { note: NoteId, dot: Dot },
    Withdraw { note: NoteId },
}

#[derive(Debug)]
struct Pending {
    participant: ParticipantId,
    kind: PendingKind,
    answer: watch::Sender<Answer>,
}

/// What to do with a new note's request.
pub(crate) enum NoteStart {
    /// That nonce already made this note.
    Done(NoteId),
    /// That nonce is on its way to the host: wait for the same answer.
    Waiting(watch::Receiver<Answer>),
    /// Send this ticket's request to the host and wait.
    Send(u64, watch::Receiver<Answer>),
}

#[derive(Debug, Default)]
pub(crate) struct Session {
    participants: HashMap<ParticipantId, Participant>,
    by_token: HashMap<String, ParticipantId>,
    next_participant: u64,
    pending: HashMap<u64, Pending>,
    next_ticket: u64,
    next_stream: u64,
    /// Notes written from the room and on their way, against the room's cap.
    written: usize,
    failed_joins: HashMap<IpAddr, Bucket>,
    pub locked: bool,
}

impl Session {
    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.get(&id)
    }

    pub fn participants(&self) -> Vec<ParticipantInfo> {
        let mut all: Vec<ParticipantInfo> = self
            .participants
            .iter()
            .map(|(id, p)| ParticipantInfo {
                id: *id,
                name: p.name.clone(),
                notes: p.notes.len(),
                connected: p.streams.len(),
            })
            .collect();
        all.sort_by_key(|p| p.id);
        all
    }

    pub fn count(&self) -> usize {
        self.participants.len()
    }

    /// Refuses a join attempt from `from` when it has used up its failures.
    pub fn may_try_joining(
        &mut self,
        from: IpAddr,
        limits: &Limits,
        now: Instant,
    ) -> Result<(), ApiError> {
        match self.failed_joins.get_mut(&from) {
            Some(bucket) => bucket.check(limits.failed_joins, now).map_err(|wait| {
                ApiError::retry(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too many tries with a wrong key or join code: wait, then try again",
                    wait,
                )
            }),
            None => Ok(()),
        }
    }

    /// Counts a join with a wrong key or code against `from`.
    pub fn failed_join(&mut self, from: IpAddr, limits: &Limits, now: Instant) {
        if self.failed_joins.len() >= 1024 {
            self.failed_joins
                .retain(|_, b| !b.is_full(limits.failed_joins, now));
        }
        let bucket = self
            .failed_joins
            .entry(from)
            .or_insert_with(|| Bucket::full(limits.failed_joins));
        let _ = bucket.take(limits.failed_joins, now);
    }

    /// Lets someone in under `name` (already checked); returns their id and token.
    pub fn join(
        &mut self,
        name: String,
        limits: &Limits,
    ) -> Result<(ParticipantId, String), ApiError> {
        if self.locked {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "the room is locked: nobody new can join (ask the facilitator)",
            ));
        }
        if self.participants.len() >= limits.participants {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("the room is full: it takes {} people", limits.participants),
            ));
        }
        let token = secret::token()
            .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
        self.next_participant += 1;
        let id = ParticipantId(self.next_participant);
        self.by_token.insert(token.clone(), id);
        self.participants.insert(
            id,
            Participant {
                name,
                token: token.clone(),
                notes: Vec::new(),
                dots: HashMap::new(),
                written: 0,
                nonces: HashMap::new(),
                bucket: Bucket::full(limits.requests),
                streams: VecDeque::new(),
            },
        );
        Ok((id, token))
    }

    /// The participant a token belongs to, if they are within their rate.
    pub fn authorize(
        &mut self,
        token: Option<&str>,
        limits: &Limits,
        now: Instant,
    ) -> Result<ParticipantId, ApiError> {
        let unknown = || {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "not in the room: join again (the room may have closed, or you were removed)",
            )
        };
        let id = *self
            .by_token
            .get(token.ok_or_else(unknown)?)
            .ok_or_else(unknown)?;
        let p = self.participants.get_mut(&id).ok_or_else(unknown)?;
        p.bucket.take(limits.requests, now).map_err(|wait| {
            ApiError::retry(
                StatusCode::TOO_MANY_REQUESTS,
                "too many requests: slow down a little",
                wait,
            )
        })?;
        Ok(id)
    }

    pub fn remove(&mut self, id: ParticipantId) -> bool {
        match self.participants.remove(&id) {
            Some(p) => {
                self.by_token.remove(&p.token);
                true
            }
            None => false,
        }
    }

    fn ticket(
        &mut self,
        participant: ParticipantId,
        kind: PendingKind,
    ) -> (u64, watch::Receiver<Answer>) {
        self.next_ticket += 1;
        let (answer, rx) = watch::channel(None);
        self.pending.insert(
            self.next_ticket,
            Pending {
                participant,
                kind,
                answer,
            },
        );
        (self.next_ticket, rx)
    }

    /// Starts a new note for `id` under `nonce`, unless that nonce already did, or a cap is reached.
    pub fn start_note(
        &mut self,
        id: ParticipantId,
        nonce: &str,
        limits: &Limits,
    ) -> Result<NoteStart, ApiError> {
        let p = self.participants.get(&id).ok_or_else(gone)?;
        match p.nonces.get(nonce) {
            Some(Nonce::Done(note)) => return Ok(NoteStart::Done(*note)),
            Some(Nonce::Pending(ticket)) => {
                let rx = self.pending[ticket].answer.subscribe();
                return Ok(NoteStart::Waiting(rx));
            }
            None => {}
        }
        if p.written >= limits.notes_per_participant {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "you have written {} notes, the most one person can",
                    limits.notes_per_participant
                ),
            ));
        }
        if self.written >= limits.notes {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("the room has taken {} notes, all it can", limits.notes),
            ));
        }
        let (ticket, rx) = self.ticket(
            id,
            PendingKind::Note {
                nonce: nonce.to_owned(),
            },
        );
        let p = self.participants.get_mut(&id).ok_or_else(gone)?;
        p.nonces.insert(nonce.to_owned(), Nonce::Pending(ticket));
        p.written += 1;
        self.written += 1;
        Ok(NoteStart::Send(ticket, rx))
    }

    /// Starts taking back `note`, which must be `id`'s own and still face down.
    pub fn start_withdraw(
        &mut self,
        id: ParticipantId,
        note: NoteId,
        snapshot: &Snapshot,
    ) -> Result<(u64, watch::Receiver<Answer>), ApiError> {
        let p = self.participants.get(&id).ok_or_else(gone)?;
        if !p.notes.contains(&note) || !snapshot.notes.contains_key(&note) {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "no such note of yours",
            ));
        }
        if !snapshot.notes[&note].face_down {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "the note is on the board for all to see: ask the facilitator to remove it",
            ));
        }
        Ok(self.ticket(id, PendingKind::Withdraw { note }))
    }

    /// Starts a dot (placed now, given back if the host refuses), within the participant's dots
    /// for the round, on a face-up note; only one's own dots can be taken back.
    pub fn start_vote(
        &mut self,
        id: ParticipantId,
        note: NoteId,
        dot: Dot,
        snapshot: &Snapshot,
    ) -> Result<(u64, watch::Receiver<Answer>), ApiError> {
        let Some(per_person) = snapshot.voting else {
            return Err(ApiError::new(StatusCode::CONFLICT, "no voting round is on"));
        };
        if snapshot.notes.get(&note).is_none_or(|n| n.face_down) {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "no such note on the board",
            ));
        }
        let p = self.participants.get_mut(&id).ok_or_else(gone)?;
        match dot {
            Dot::Add if p.dots_placed() >= per_person => {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    format!("all your {per_person} dots are placed: take one back to move it"),
                ));
            }
            Dot::Add => *p.dots.entry(note).or_default() += 1,
            Dot::TakeBack => match p.dots.get_mut(&note) {
                Some(n) if *n > 0 => *n -= 1,
                _ => {
                    return Err(ApiError::new(
                        StatusCode::CONFLICT,
                        "you have no dot on this note",
                    ));
                }
            },
        }
        Ok(self.ticket(id, PendingKind::Vote { note, dot }))
    }

    /// Records the host's answer to a ticket and wakes whoever waits for it.
    pub fn settle(&mut self, ticket: u64, result: Result<Outcome, Refusal>) {
        let Some(pending) = self.pending.remove(&ticket) else {
            return;
        };
        let ok = result.is_ok();
        let participant = self.participants.get_mut(&pending.participant);
        match (pending.kind, participant) {
            (PendingKind::Note { nonce }, p) => {
                let added = match result {
                    Ok(Outcome::Added(note)) => Some(note),
                    _ => None,
                };
                if added.is_none() {
                    self.written -= 1;
                }
                if let Some(p) = p {
                    match added {
                        Some(note) => {
                            p.notes.push(note);
                            p.nonces.insert(nonce, Nonce::Done(note));
                        }
                        None => {
                            p.written -= 1;
                            p.nonces.remove(&nonce);
                        }
                    }
                }
            }
            (PendingKind::Withdraw { note }, p) if ok => {
                self.written -= 1;
                if let Some(p) = p {
                    p.notes.retain(|n| *n != note);
                    p.written -= 1;
                }
            }
            (PendingKind::Vote { note, dot }, Some(p)) if !ok => {
                let n = p.dots.entry(note).or_default();
                match dot {
                    Dot::Add => *n = n.saturating_sub(1),
                    Dot::TakeBack => *n += 1,
                }
            }
            _ => {}
        }
        let _ = pending.answer.send(Some(result));
    }

    /// Brings the dots in line with a new snapshot: a round that ended gives everyone their dots
    /// back, and so does a note that went (deleted, hidden) or lost its dots (votes reset).
    pub fn reconcile(&mut self, snapshot: &Snapshot) {
        for p in self.participants.values_mut() {
            if snapshot.voting.is_none() {
                p.dots.clear();
                continue;
            }
            p.dots.retain(|note, n| match snapshot.notes.get(note) {
                Some(info) if !info.face_down && info.votes > 0 => {
                    *n = (*n).min(info.votes);
                    *n > 0
                }
                _ => false,
            });
        }
    }

    /// Registers a live-update stream for `id`, ending their oldest beyond the limit.
    pub fn open_stream(&mut self, id: ParticipantId, limits: &Limits) -> Option<u64> {
        let p = self.participants.get_mut(&id)?;
        self.next_stream += 1;
        p.streams.push_back(self.next_stream);
        while p.streams.len() > limits.streams_per_participant.max(1) {
            p.streams.pop_front();
        }
        Some(self.next_stream)
    }

    pub fn close_stream(&mut self, id: ParticipantId, stream: u64) {
        if let Some(p) = self.participants.get_mut(&id) {
            p.streams.retain(|s| *s != stream);
        }
    }

    pub fn stream_open(&self, id: ParticipantId, stream: u64) -> bool {
        self.participants
            .get(&id)
            .is_some_and(|p| p.streams.contains(&stream))
    }
}

fn gone() -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "not in the room: join again")
}
