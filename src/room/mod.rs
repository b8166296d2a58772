//! The room (docs/ROOM.md): participants join from a phone browser over the local network, write
//! notes into the board's blocks and journey stages, see and withdraw their own notes while they
//! lie face down, and vote during a round. No egui types: the app plugs in at the host boundary.
//!
//! The server never touches the document. It keeps the latest [`Snapshot`] the host published
//! and its own session (participants, tokens, nonces, dots, rates). Participants' actions reach
//! the host as [`HostRequest`]s; once a frame the host (the app, or a test) applies each through
//! its own edit path with the edit [`plan`] computes, replies, and publishes a new
//! [`snapshot()`] when the board or its modes changed:
//!
//! ```no_run
//! # use tandem::model::Document;
//! # use tandem::room::{self, HostModes, Room};
//! # fn frame(room: &Room, doc: &mut Document, modes: &HostModes) {
//! for request in room.host().requests() {
//!     let ids = doc.new_note_ids(request.request().ids_needed());
//!     match room::plan(doc.board(), modes, request.request(), &ids) {
//!         Ok(planned) => {
//!             doc.apply(&planned.label, planned.edit, None);
//!             request.reply(Ok(planned.outcome));
//!         }
//!         Err(refusal) => request.reply(Err(refusal)),
//!     }
//! }
//! room.host().publish(room::snapshot(doc.board(), modes));
//! # }
//! ```

mod api;
mod error;
mod host;
mod hub;
mod lan;
mod limits;
mod qr;
mod secret;
mod server;
mod session;
mod snapshot;
mod view;

use std::io;
use std::net::SocketAddr;

pub use api::{Peer, router};
pub use host::{Dot, HostRequest, Outcome, Planned, Refusal, RefusalKind, Request, plan};
pub use hub::{Host, Hub, Wake};
pub use lan::{LanAddress, default_address, lan_addresses};
pub use limits::{Limits, MAX_BODY_BYTES, MAX_NAME_CHARS, MAX_NONCE_CHARS, MAX_NOTE_CHARS, Rate};
pub use qr::QrMatrix;
pub use session::{ParticipantId, ParticipantInfo};
pub use snapshot::{
    Heading, HostModes, NoteInfo, Snapshot, TargetInfo, TargetKind, parse_target, snapshot,
    target_key,
};

use server::Server;

/// An open room, serving on its own thread. Closing it, or dropping it, ends every connection.
pub struct Room {
    host: Host,
    server: Server,
}

/// How many connections may wait to be accepted. std's `TcpListener::bind` asks for 128; a room
/// of phones reconnecting at once after the Wi-Fi blips opens more in the same instant, and each
/// one the kernel drops waits a second before it retries. The kernel caps it at `somaxconn`.
const ACCEPT_QUEUE: i32 = 1024;

/// Binds `addr` as `TcpListener::bind` does (address reuse, close on exec), with [`ACCEPT_QUEUE`].
fn listen(addr: SocketAddr) -> io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(ACCEPT_QUEUE)?;
    Ok(socket.into())
}

impl Room {
    /// Opens a room on `addr` (port 0 takes a free one). `wake` is called whenever a request
    /// waits for the host; the app passes a repaint request. Publish a snapshot right away:
    /// until then the room shows no blocks or stages.
    pub fn open(
        addr: SocketAddr,
        limits: Limits,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> io::Result<Room> {
        if addr.ip().is_unspecified() {
            // Requests must name the address they were sent to (no DNS rebinding), so the room
            // needs to know which one that is.
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{addr}: choose one of this machine's addresses, not every address"),
            ));
        }
        let listener = listen(addr)?;
        let addr = listener.local_addr()?;
        let (hub, host) = Hub::new(addr, limits.clone(), Box::new(wake))?;
        let server = Server::start(listener, router(hub), limits)?;
        Ok(Room { host, server })
    }

    pub fn addr(&self) -> SocketAddr {
        self.host.hub().addr()
    }

    /// The address to type, e.g. `http://192.168.1.20:49152/` (the page then asks for the join
    /// code).
    pub fn address(&self) -> String {
        format!("http://{}/", self.addr())
    }

    /// The link with the room's key, for the QR code: opening it joins without typing a code.
    pub fn link(&self) -> String {
        format!("{}#k={}", self.address(), self.host.hub().key())
    }

    /// The code to type on the page instead of scanning, e.g. `K7MQ2P`.
    pub fn join_code(&self) -> &str {
        self.host.hub().join_code()
    }

    /// [`Room::link`] as a QR code.
    pub fn qr(&self) -> Option<QrMatrix> {
        QrMatrix::encode(&self.link())
    }

    /// The host's end: requests, snapshots, moderation.
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// Connections open now (phones keep one for live updates, plus one while sending).
    pub fn connections(&self) -> usize {
        self.server.connections()
    }

    /// Closes the room: every connection ends, and requests not yet answered are answered as
    /// not done.
    pub fn close(mut self) {
        self.server.stop();
    }
}
