//! Shared by the room's test files: a host thread standing in for the app (it owns a `Document`
//! and applies every request through `Document::apply`, as the app will), and small helpers.
#![allow(dead_code)] // each test file uses its own part of this

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tandem::io::read_board;
use tandem::model::{Board, Document, Edit};
use tandem::room::{self, Host, HostModes, Hub, Limits, Room};

pub const EXAMPLE: &[u8] = include_bytes!("../../assets/examples/spotify-uber.tandem.json");

pub fn example() -> Board {
    read_board(EXAMPLE).unwrap().board
}

/// Limits for tests: the documented caps, timeouts short enough that tests take seconds.
pub fn quick_limits() -> Limits {
    Limits {
        host_timeout: Duration::from_millis(300),
        header_read_timeout: Duration::from_secs(2),
        body_timeout: Duration::from_secs(2),
        write_timeout: Duration::from_millis(500),
        ping: Duration::from_secs(1),
        ..Limits::default()
    }
}

/// Where the host end lives: on its own (router tests) or inside an open room.
enum Serving {
    Router(Host),
    Network(Room),
}

impl Serving {
    fn host(&self) -> &Host {
        match self {
            Serving::Router(host) => host,
            Serving::Network(room) => room.host(),
        }
    }
}

/// The app's part, played by a thread: each round it answers waiting requests (applying each
/// through `Document::apply`), publishes the snapshot, then replies, as the app will once a frame.
pub struct TestHost {
    serving: Arc<Mutex<Option<Serving>>>,
    doc: Arc<Mutex<Document>>,
    modes: Arc<Mutex<HostModes>>,
    paused: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    rounds: Arc<AtomicU64>,
    wake: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl TestHost {
    /// A hub for router tests (no network): requests name `addr`, nothing listens there.
    pub fn router(board: Board, limits: Limits) -> (TestHost, Arc<Hub>) {
        let (wake, woken) = mpsc::channel();
        let waker = wake.clone();
        let addr: SocketAddr = "127.0.0.1:7878".parse().unwrap();
        let (hub, host) = Hub::new(
            addr,
            limits,
            Box::new(move || {
                let _ = waker.send(());
            }),
        )
        .unwrap();
        (
            TestHost::start(Serving::Router(host), board, wake, woken),
            hub,
        )
    }

    /// A room on 127.0.0.1 with a free port.
    pub fn network(board: Board, limits: Limits) -> (TestHost, SocketAddr) {
        let (wake, woken) = mpsc::channel();
        let waker = wake.clone();
        let room = Room::open("127.0.0.1:0".parse().unwrap(), limits, move || {
            let _ = waker.send(());
        })
        .unwrap();
        let addr = room.addr();
        (
            TestHost::start(Serving::Network(room), board, wake, woken),
            addr,
        )
    }

    fn start(
        serving: Serving,
        board: Board,
        wake: mpsc::Sender<()>,
        woken: mpsc::Receiver<()>,
    ) -> TestHost {
        let mut host = TestHost {
            serving: Arc::new(Mutex::new(Some(serving))),
            doc: Arc::new(Mutex::new(Document::new(board))),
            modes: Arc::new(Mutex::new(HostModes::default())),
            paused: Arc::new(AtomicBool::new(false)),
            stop: Arc::new(AtomicBool::new(false)),
            rounds: Arc::new(AtomicU64::new(0)),
            wake,
            thread: None,
        };
        let (serving, doc, modes, paused, stop, rounds) = (
            host.serving.clone(),
            host.doc.clone(),
            host.modes.clone(),
            host.paused.clone(),
            host.stop.clone(),
            host.rounds.clone(),
        );
        let thread = std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let _ = woken.recv_timeout(Duration::from_millis(10));
                if !paused.load(Ordering::SeqCst) {
                    round(&serving, &doc, &modes);
                }
                rounds.fetch_add(1, Ordering::SeqCst);
            }
        });
        host.thread = Some(thread);
        // As the app does: publish before anyone can ask.
        host.sync();
        host
    }

    /// The document, e.g. to check what arrived. Hold it briefly: the host thread waits for it.
    pub fn doc(&self) -> MutexGuard<'_, Document> {
        self.doc.lock().unwrap()
    }

    /// A facilitator's edit (reveal, hide, rename a stage), made from the board as it is and
    /// published at the host's next round; panics when `make` has nothing to do.
    pub fn edit(&self, label: &str, make: impl FnOnce(&Board) -> Option<Edit>) {
        {
            let mut doc = self.doc();
            let edit = make(doc.board()).unwrap_or_else(|| panic!("{label}: nothing to do"));
            doc.apply(label, edit, None);
        }
        self.sync();
    }

    pub fn set_modes(&self, change: impl FnOnce(&mut HostModes)) {
        change(&mut self.modes.lock().unwrap());
        self.sync();
    }

    /// Runs `f` with the host's end of the room (moderation, participants).
    pub fn with_host<T>(&self, f: impl FnOnce(&Host) -> T) -> T {
        f(self.serving.lock().unwrap().as_ref().expect("open").host())
    }

    /// Connections open to the room (network rooms only).
    pub fn connections(&self) -> usize {
        match self.serving.lock().unwrap().as_ref() {
            Some(Serving::Network(room)) => room.connections(),
            _ => panic!("no room on the network"),
        }
    }

    /// Stops answering, as a busy app would; requests queue up meanwhile.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        self.sync();
    }

    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        self.sync();
    }

    /// Waits until the host has run two full rounds, so everything before is answered and
    /// published.
    pub fn sync(&self) {
        let start = self.rounds.load(Ordering::SeqCst);
        let _ = self.wake.send(());
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.rounds.load(Ordering::SeqCst) < start + 2 {
            assert!(Instant::now() < deadline, "the host thread is stuck");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Closes the room (or drops the host's end), as closing Tandem does.
    pub fn close(&self) {
        let serving = self.serving.lock().unwrap().take();
        if let Some(Serving::Network(room)) = serving {
            room.close();
        }
    }
}

impl Drop for TestHost {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One round of the host: what the app will do once a frame.
fn round(serving: &Mutex<Option<Serving>>, doc: &Mutex<Document>, modes: &Mutex<HostModes>) {
    let serving = serving.lock().unwrap();
    let Some(serving) = serving.as_ref() else {
        return;
    };
    let host = serving.host();
    let modes = modes.lock().unwrap().clone();
    let mut doc = doc.lock().unwrap();
    let mut replies = Vec::new();
    for request in host.requests() {
        let ids = doc.new_note_ids(request.request().ids_needed());
        match room::plan(doc.board(), &modes, request.request(), &ids) {
            Ok(planned) => {
                doc.apply(&planned.label, planned.edit, None);
                replies.push((request, Ok(planned.outcome)));
            }
            Err(refusal) => replies.push((request, Err(refusal))),
        }
    }
    host.publish(room::snapshot(doc.board(), &modes));
    for (request, reply) in replies {
        request.reply(reply);
    }
}

/// Waits up to `limit` for `done`, checking every few milliseconds.
pub fn eventually(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A reply: status, `Retry-After`, and body.
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

/// The loopback address that plays participant `i` (127.0.0.2, 127.0.0.3, …): the room caps
/// joins and connections per address, and Linux routes all of 127.0.0.0/8 to the loopback.
pub fn participant_ip(i: usize) -> IpAddr {
    let n = u32::try_from(i).unwrap() + 2;
    assert!(n < 1 << 24, "127.0.0.0/8 holds 16 million participants");
    IpAddr::V4(Ipv4Addr::from(0x7F00_0000 | n))
}

/// A connection to the room at `addr` from the loopback address `from` (bound before connecting).
pub fn connect_from(from: IpAddr, addr: SocketAddr) -> TcpStream {
    assert!(
        from.is_loopback() && addr.ip().is_loopback(),
        "loopback only"
    );
    let socket = socket2::Socket::new(
        socket2::Domain::IPV4,
        socket2::Type::STREAM,
        Some(socket2::Protocol::TCP),
    )
    .unwrap();
    socket
        .bind(&SocketAddr::new(from, 0).into())
        .unwrap_or_else(|e| panic!("bind {from}: {e}"));
    socket
        .connect_timeout(&addr.into(), Duration::from_secs(10))
        .unwrap_or_else(|e| panic!("connect to {addr} from {from}: {e}"));
    socket.into()
}

/// One request to the room on 127.0.0.1 from 127.0.0.1, with a Bearer token when given.
pub fn call(method: &str, addr: SocketAddr, path: &str, token: Option<&str>, body: &str) -> Reply {
    call_from(
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        method,
        addr,
        path,
        token,
        body,
    )
}

/// One request from the loopback address `from`: HTTP/1.1 on a connection of its own, which the
/// server closes after answering (`Connection: close`).
pub fn call_from(
    from: IpAddr,
    method: &str,
    addr: SocketAddr,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> Reply {
    let mut stream = connect_from(from, addr);
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    if let Some(t) = token {
        head.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let text = String::from_utf8(raw).unwrap();
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{method} {path}: no answer: {text:?}"));
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{method} {path}: {head}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        unchunk(rest)
    } else {
        rest.to_owned()
    };
    Reply {
        status,
        retry_after: header("retry-after"),
        body,
    }
}

/// A chunked body's data.
fn unchunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&after[..n]);
        rest = &after[n + 2..];
    }
    out
}
