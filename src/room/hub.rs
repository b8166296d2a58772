//! The hub: what the HTTP side and the host share. The host publishes snapshots and answers
//! requests; handlers read the latest snapshot, keep the session, and queue requests for the host.
//! Locks are held only for plain bookkeeping, never across an await or a call into the host.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak, mpsc};
use std::time::Instant;

use tokio::sync::watch;

use super::error::ApiError;
use super::host::{Dot, HostRequest, Outcome, Refusal, Request};
use super::limits::Limits;
use super::secret;
use super::session::{Answer, NoteStart, ParticipantId, ParticipantInfo, Session};
use super::snapshot::Snapshot;
use super::view::view;
use crate::model::NoteId;

/// Called when a request is queued for the host; the app wires it to a repaint, so a request is
/// handled within a frame even while nobody touches the app.
pub type Wake = Box<dyn Fn() + Send + Sync>;

pub struct Hub {
    addr: SocketAddr,
    key: String,
    code: String,
    limits: Limits,
    snapshot: Mutex<Arc<Snapshot>>,
    session: Mutex<Session>,
    /// Counts changes that may alter what someone sees; live-update streams wait on it.
    changes: watch::Sender<u64>,
    requests: mpsc::Sender<HostRequest>,
    wake: Wake,
    me: Weak<Hub>,
}

/// The host's end of the room: drain [`Host::requests`] and [`Host::publish`] snapshots, once a
/// frame; moderate.
pub struct Host {
    hub: Arc<Hub>,
    requests: mpsc::Receiver<HostRequest>,
}

/// A live-update stream's state after a change.
pub(crate) enum StreamView {
    View(String),
    /// The participant was removed: say so, then end.
    Removed,
    /// A newer stream of the same participant took over: end quietly.
    Ended,
}

impl Hub {
    /// A hub for a room at `addr` (the address participants use, which requests must name).
    pub fn new(addr: SocketAddr, limits: Limits, wake: Wake) -> std::io::Result<(Arc<Hub>, Host)> {
        let (key, code) = (secret::token()?, secret::join_code()?);
        let (tx, rx) = mpsc::channel();
        let hub = Arc::new_cyclic(|me| Hub {
            addr,
            key,
            code,
            limits,
            snapshot: Mutex::new(Arc::new(Snapshot::default())),
            session: Mutex::new(Session::default()),
            changes: watch::channel(0).0,
            requests: tx,
            wake,
            me: me.clone(),
        });
        Ok((hub.clone(), Host { hub, requests: rx }))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The room's secret, carried in the link's fragment (`#k=…`) and the QR code.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The short code people can type instead of scanning.
    pub fn join_code(&self) -> &str {
        &self.code
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        // A panic elsewhere cannot leave the bookkeeping half-done in a way worth refusing
        // everyone for, so a poisoned lock is used as it is.
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn changed(&self) {
        self.changes.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub(crate) fn changes(&self) -> watch::Receiver<u64> {
        self.changes.subscribe()
    }

    /// Lets someone in with the room's key or join code.
    pub(crate) fn join(&self, key: &str, name: String, from: IpAddr) -> Result<String, ApiError> {
        let now = Instant::now();
        let mut session = self.session();
        session.may_try_joining(from, &self.limits, now)?;
        if key != self.key && secret::normalize_code(key) != self.code {
            session.failed_join(from, &self.limits, now);
            return Err(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "wrong room key or join code: scan the code again, or check the code you typed",
            ));
        }
        let (_, token) = session.join(name, &self.limits)?;
        drop(session);
        self.changed();
        Ok(token)
    }

    pub(crate) fn authorize(&self, token: Option<&str>) -> Result<ParticipantId, ApiError> {
        self.session()
            .authorize(token, &self.limits, Instant::now())
    }

    /// The name `id` joined with (their notes' author).
    pub(crate) fn name(&self, id: ParticipantId) -> Result<String, ApiError> {
        self.session()
            .participant(id)
            .map(|p| p.name.clone())
            .ok_or_else(|| ApiError::new(axum::http::StatusCode::UNAUTHORIZED, "not in the room"))
    }

    /// What `id` is shown now, as JSON; `None` once they are no longer in the room.
    pub(crate) fn view_json(&self, id: ParticipantId) -> Option<String> {
        let snapshot = self.snapshot();
        let session = self.session();
        let me = session.participant(id)?;
        Some(serde_json::to_string(&view(&snapshot, me)).expect("a view always serialises"))
    }

    pub(crate) fn stream_view(&self, id: ParticipantId, stream: u64) -> StreamView {
        let open = self.session().stream_open(id, stream);
        match self.view_json(id) {
            None => StreamView::Removed,
            Some(_) if !open => StreamView::Ended,
            Some(json) => StreamView::View(json),
        }
    }

    pub(crate) fn open_stream(&self, id: ParticipantId) -> Option<u64> {
        let stream = self.session().open_stream(id, &self.limits);
        // A stream it replaced ends at the next change.
        self.changed();
        stream
    }

    pub(crate) fn close_stream(&self, id: ParticipantId, stream: u64) {
        self.session().close_stream(id, stream);
    }

    /// Queues a request for the host and wakes it. Called with no lock held: if the host is gone,
    /// the request is dropped here, which settles its ticket.
    fn send(&self, request: Request, ticket: u64) {
        let _ = self
            .requests
            .send(HostRequest::new(request, self.me.clone(), ticket));
        (self.wake)();
    }

    /// Starts a note under `nonce`: either it is already made (or on its way), or it goes to the
    /// host now.
    pub(crate) fn start_note(
        &self,
        id: ParticipantId,
        nonce: &str,
        request: Request,
    ) -> Result<Result<NoteId, watch::Receiver<Answer>>, ApiError> {
        let start = self.session().start_note(id, nonce, &self.limits)?;
        Ok(match start {
            NoteStart::Done(note) => Ok(note),
            NoteStart::Waiting(rx) => Err(rx),
            NoteStart::Send(ticket, rx) => {
                self.send(request, ticket);
                Err(rx)
            }
        })
    }

    pub(crate) fn start_withdraw(
        &self,
        id: ParticipantId,
        note: NoteId,
    ) -> Result<watch::Receiver<Answer>, ApiError> {
        let snapshot = self.snapshot();
        let (ticket, rx) = self.session().start_withdraw(id, note, &snapshot)?;
        self.send(Request::Withdraw { note }, ticket);
        Ok(rx)
    }

    pub(crate) fn start_vote(
        &self,
        id: ParticipantId,
        note: NoteId,
        dot: Dot,
    ) -> Result<watch::Receiver<Answer>, ApiError> {
        let snapshot = self.snapshot();
        let (ticket, rx) = self.session().start_vote(id, note, dot, &snapshot)?;
        self.send(Request::Vote { note, dot }, ticket);
        Ok(rx)
    }

    pub(crate) fn settle(&self, ticket: u64, result: Result<Outcome, Refusal>) {
        self.session().settle(ticket, result);
        self.changed();
    }

    /// The dots `id` has left in this round.
    pub(crate) fn dots_left(&self, id: ParticipantId) -> u32 {
        let per_person = self.snapshot().voting.unwrap_or(0);
        let placed = self
            .session()
            .participant(id)
            .map_or(0, |p| p.dots_placed());
        per_person.saturating_sub(placed)
    }
}

impl Host {
    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    /// Requests waiting for the host, oldest first; never blocks. Apply each (see
    /// [`super::plan`]) and reply.
    pub fn requests(&self) -> mpsc::TryIter<'_, HostRequest> {
        self.requests.try_iter()
    }

    /// Makes `snapshot` what participants see. Publishing the same snapshot again costs a
    /// comparison and sends nothing.
    pub fn publish(&self, snapshot: Snapshot) {
        let hub = &self.hub;
        {
            let mut current = hub.snapshot.lock().unwrap_or_else(PoisonError::into_inner);
            if **current == snapshot {
                return;
            }
            hub.session().reconcile(&snapshot);
            *current = Arc::new(snapshot);
        }
        hub.changed();
    }

    /// Everyone in the room, in the order they joined.
    pub fn participants(&self) -> Vec<ParticipantInfo> {
        self.hub.session().participants()
    }

    /// How many people are in the room (for the projector).
    pub fn participant_count(&self) -> usize {
        self.hub.session().count()
    }

    /// Removes a participant: their token stops working and their live updates end. Their notes
    /// stay on the board. Returns whether they were in the room.
    pub fn remove(&self, id: ParticipantId) -> bool {
        let removed = self.hub.session().remove(id);
        self.hub.changed();
        removed
    }

    /// Locks (no new participants) or unlocks the room.
    pub fn set_locked(&self, locked: bool) {
        self.hub.session().locked = locked;
    }

    pub fn is_locked(&self) -> bool {
        self.hub.session().locked
    }
}

impl Drop for Host {
    /// Requests still queued are dropped without a reply: their tickets settle as unanswered, so
    /// waiting phones hear at once that nothing was done.
    fn drop(&mut self) {
        for request in self.requests.try_iter() {
            drop(request);
        }
    }
}
