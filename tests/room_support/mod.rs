//! Shared by the room's test files: a host thread standing in for the app (it owns a `Document`
//! and applies every request through `Document::apply`, as the app will), and small helpers.
#![allow(dead_code)] // each test file uses its own part of this

use std::net::SocketAddr;
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

/// An HTTP client that reports error statuses as replies and never uses a proxy.
fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::config::Config::builder()
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(Duration::from_secs(10)))
            .build(),
    )
}

/// A reply: status, `Retry-After`, and body.
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

/// One request to the room on 127.0.0.1, with a Bearer token when given.
pub fn call(method: &str, addr: SocketAddr, path: &str, token: Option<&str>, body: &str) -> Reply {
    let url = format!("http://{addr}{path}");
    let agent = agent();
    let auth = token.map(|t| format!("Bearer {t}"));
    let result = match method {
        "GET" => {
            let mut r = agent.get(&url);
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.call()
        }
        _ => {
            let mut r = agent.post(&url).content_type("application/json");
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.send(body)
        }
    };
    let mut response = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    Reply {
        status: response.status().as_u16(),
        retry_after: response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_owned()),
        body: response.body_mut().read_to_string().unwrap(),
    }
}
