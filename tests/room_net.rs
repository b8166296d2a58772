//! The room over real sockets, on 127.0.0.1 only: live updates across a reconnect, a client that
//! stops reading, the connection cap, the header read timeout, the rate limit, nonce retries
//! (also after a 503), and closing. Every wait is bounded; the timeouts are shortened for tests.

// Test code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

mod room_support;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use room_support::{
    Reply, TestHost, call, call_from, connect_from, eventually, example, participant_ip,
    quick_limits,
};
use tandem::model::{Axis, ops};
use tandem::room::{Heading, Limits, Rate, Room};

fn join(host: &TestHost, addr: SocketAddr, name: &str) -> String {
    let key = host.with_host(|h| h.hub().key().to_owned());
    let body = serde_json::json!({ "key": key, "name": name }).to_string();
    let r = call("POST", addr, "/api/join", None, &body);
    assert_eq!(r.status, 200, "{}", r.body);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    json["token"].as_str().unwrap().to_owned()
}

fn post_note(addr: SocketAddr, token: &str, text: &str, nonce: &str) -> Reply {
    let body = serde_json::json!({ "target": "block:risks", "text": text, "nonce": nonce });
    call("POST", addr, "/api/notes", Some(token), &body.to_string())
}

/// A raw connection asking for the live updates in HTTP/1.0, so the stream arrives as plain
/// text (no chunking) until the server closes it.
struct Events {
    stream: TcpStream,
    /// Read but not yet consumed.
    pending: String,
}

impl Events {
    fn open(addr: SocketAddr, token: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /api/events?token={token} HTTP/1.0\r\nHost: {addr}\r\n\r\n"
        )
        .unwrap();
        Events {
            stream,
            pending: String::new(),
        }
    }

    /// Consumes everything up to and including `needle`, reading for at most 5 seconds.
    fn through(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut buf = [0; 65536];
        while !self.pending.contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no {needle:?}; got {:?}", self.pending);
            self.stream.set_read_timeout(Some(left)).unwrap();
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("closed before {needle:?}; got {:?}", self.pending),
                Ok(n) => self.pending.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!("{e}"),
            }
        }
        let end = self.pending.find(needle).unwrap() + needle.len();
        let rest = self.pending.split_off(end);
        std::mem::replace(&mut self.pending, rest)
    }

    /// The data of the next `view` event.
    fn next_view(&mut self) -> serde_json::Value {
        self.through("event: view\n");
        let event = self.through("\n\n");
        let data = event.strip_prefix("data: ").expect("one data line");
        serde_json::from_str(data.trim_end()).unwrap()
    }
}

/// Whether the server closed `s` within `limit` (reading whatever it still sends).
fn closed_within(s: &mut TcpStream, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    let mut buf = [0; 65536];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        s.set_read_timeout(Some(left)).unwrap();
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

fn stage_names(view: &serde_json::Value) -> Vec<String> {
    view["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "stage")
        .map(|t| t["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_reconnect_after_sleep_shows_the_board_as_it_is_now() {
    let (host, addr) = TestHost::network(example(), quick_limits());
    let token = join(&host, addr, "Ana");
    let mut events = Events::open(addr, &token);
    let head = events.through("\r\n\r\n");
    assert!(head.starts_with("HTTP/1.0 200 OK"), "{head}");
    assert_eq!(
        stage_names(&events.next_view()),
        ["Discover", "Choose", "Use", "Finish"]
    );

    // The phone sleeps; meanwhile the facilitator renames a stage and adds one.
    drop(events);
    host.edit("Rename", |b| ops::rename_track(b, Axis::Stage, 2, "Ride"));
    host.edit("Add stage", |b| {
        ops::add_track(b, Axis::Stage, 4, "Tell friends")
    });
    let mut events = Events::open(addr, &token);
    assert_eq!(
        stage_names(&events.next_view()),
        ["Discover", "Choose", "Ride", "Finish", "Tell friends"]
    );
    // The dead stream was noticed (its pings failed) and let go.
    eventually(Duration::from_secs(5), "one stream left", || {
        host.with_host(|h| h.participants()[0].connected) == 1
    });
    // Quiet streams are pinged, so a page can tell a live connection from a dead one.
    events.through("event: ping");
}

#[test]
fn a_client_that_stops_reading_is_dropped_and_others_are_not() {
    let (host, addr) = TestHost::network(
        example(),
        Limits {
            write_timeout: Duration::from_millis(300),
            ..quick_limits()
        },
    );
    let stalled_token = join(&host, addr, "Stalled");
    let reader_token = join(&host, addr, "Reader");
    let stalled = Events::open(addr, &stalled_token);
    // A reader that keeps up, on its own thread.
    let mut reader = Events::open(addr, &reader_token).stream;
    let reading = std::thread::spawn(move || {
        let mut buf = [0; 1 << 16];
        let mut total = 0usize;
        reader
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    });
    eventually(Duration::from_secs(5), "both streams open", || {
        host.with_host(|h| h.participants().iter().all(|p| p.connected == 1))
    });
    // Large, changing views fill the socket buffers of the client that does not read.
    let big = "x".repeat(200_000);
    let start = Instant::now();
    let mut round = 0;
    while host.with_host(|h| h.participants()[0].connected) == 1 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the stalled client is still there"
        );
        round += 1;
        host.set_modes(|m| {
            m.presenting = Some(Heading {
                title: format!("{round} {big}"),
                question: String::new(),
            })
        });
    }
    eprintln!(
        "stalled client dropped after {round} views in {:?}",
        start.elapsed()
    );
    let people = host.with_host(|h| h.participants());
    assert_eq!(
        (people[0].connected, people[1].connected),
        (0, 1),
        "{people:?}"
    );
    drop(stalled);
    host.close();
    let received = reading.join().unwrap();
    assert!(
        received > 1_000_000,
        "the reader got every view: {received} bytes"
    );
}

#[test]
fn connections_beyond_the_cap_wait_their_turn() {
    let (host, addr) = TestHost::network(
        example(),
        Limits {
            connections: 2,
            header_read_timeout: Duration::from_secs(10),
            ..quick_limits()
        },
    );
    let idle: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(addr).unwrap()).collect();
    eventually(Duration::from_secs(5), "two connections", || {
        host.connections() == 2
    });
    let mut third = TcpStream::connect(addr).unwrap();
    write!(third, "GET / HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    third
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buf = [0; 64];
    let waiting = third.read(&mut buf);
    assert!(
        matches!(&waiting, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        "over the cap, no answer yet: {waiting:?}"
    );
    drop(idle);
    let mut third = Events {
        stream: third,
        pending: String::new(),
    };
    let answer = third.through("\r\n");
    assert!(answer.starts_with("HTTP/1.0 200"), "{answer}");
}

#[test]
fn headers_sent_too_slowly_are_cut_off() {
    let (host, addr) = TestHost::network(
        example(),
        Limits {
            header_read_timeout: Duration::from_millis(400),
            ..quick_limits()
        },
    );
    let mut slow = TcpStream::connect(addr).unwrap();
    let start = Instant::now();
    write!(slow, "GET / HTTP/1.1\r\nHost: {addr}\r\n").unwrap();
    // One more header byte every 50 ms: each arrives in time, the whole never does.
    let mut cut_off = false;
    for _ in 0..60 {
        std::thread::sleep(Duration::from_millis(50));
        if slow.write_all(b"X").is_err() || closed_within(&mut slow, Duration::from_millis(1)) {
            cut_off = true;
            break;
        }
    }
    let took = start.elapsed();
    assert!(cut_off, "still open after {took:?}");
    assert!(
        took >= Duration::from_millis(350) && took < Duration::from_secs(2),
        "{took:?}"
    );
    // A connection that sends nothing at all goes the same way.
    let mut idle = TcpStream::connect(addr).unwrap();
    assert!(closed_within(&mut idle, Duration::from_secs(2)));
    eventually(Duration::from_secs(2), "no connections left", || {
        host.connections() == 0
    });
}

/// Tried without the key: 520 connections that each send the headers of `POST /api/join` with
/// `Content-Length: 4000`, then half the body and nothing more. The headers had a limit, the body
/// none, and `/api/join` reads its body first: a fresh `GET /` got no answer, and all 520 stayed
/// open. Now one address holds a few places at most and a body has its deadline.
#[test]
fn stalled_bodies_from_one_address_neither_fill_the_room_nor_stay() {
    let (host, addr) = TestHost::network(example(), Limits::default());
    let start = Instant::now();
    let attacker = participant_ip(0);
    let mut stalled: Vec<TcpStream> = (0..520)
        .map(|_| {
            let mut s = connect_from(attacker, addr);
            let head = format!(
                "POST /api/join HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"
            );
            // A connection the server already closed may refuse the write: that is the point.
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(&[b' '; 2000]);
            s
        })
        .collect();
    eprintln!("520 stalled connections opened in {:?}", start.elapsed());
    let asked = Instant::now();
    let page = call_from(participant_ip(1), "GET", addr, "/", None, "");
    let took = asked.elapsed();
    assert_eq!(page.status, 200);
    assert!(took < Duration::from_secs(1), "GET / took {took:?}");
    let held = host.connections();
    assert!(
        held <= Limits::default().connections_per_address,
        "{held} held"
    );
    for (i, s) in stalled.iter_mut().enumerate() {
        let left = Duration::from_secs(15).saturating_sub(start.elapsed());
        assert!(
            closed_within(s, left),
            "connection {i} still open after 15 s"
        );
    }
    eprintln!("all closed after {:?}", start.elapsed());
    eventually(Duration::from_secs(2), "every place given back", || {
        host.connections() == 0
    });
}

#[test]
fn a_body_that_trickles_in_is_answered_408_and_closed_at_its_deadline() {
    let (host, addr) = TestHost::network(
        example(),
        Limits {
            body_timeout: Duration::from_millis(500),
            ..quick_limits()
        },
    );
    let mut slow = TcpStream::connect(addr).unwrap();
    let start = Instant::now();
    write!(
        slow,
        "POST /api/join HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    )
    .unwrap();
    // A byte every 50 ms: each comes in time, the whole never does.
    let reader = slow.try_clone().unwrap();
    let trickle = std::thread::spawn(move || {
        for _ in 0..40 {
            std::thread::sleep(Duration::from_millis(50));
            if slow.write_all(b" ").is_err() {
                break;
            }
        }
    });
    let mut events = Events {
        stream: reader,
        pending: String::new(),
    };
    let answer = events.through("\r\n\r\n");
    let took = start.elapsed();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.to_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(
        took >= Duration::from_millis(450) && took < Duration::from_millis(1500),
        "{took:?}"
    );
    assert!(closed_within(&mut events.stream, Duration::from_secs(2)));
    trickle.join().unwrap();
    eventually(Duration::from_secs(2), "the place is given back", || {
        host.connections() == 0
    });
    assert_eq!(host.with_host(|h| h.participant_count()), 0);
}

#[test]
fn one_address_cannot_take_every_connection() {
    let (host, addr) = TestHost::network(
        example(),
        Limits {
            connections: 8,
            connections_per_address: 3,
            header_read_timeout: Duration::from_secs(10),
            ..quick_limits()
        },
    );
    let mut mine: Vec<TcpStream> = (0..5)
        .map(|_| connect_from(participant_ip(0), addr))
        .collect();
    eventually(Duration::from_secs(5), "three held", || {
        host.connections() == 3
    });
    let closed = mine
        .iter_mut()
        .map(|s| closed_within(s, Duration::from_millis(300)))
        .filter(|closed| *closed)
        .count();
    assert_eq!(closed, 2, "the fourth and fifth are closed at once");
    let other = call_from(participant_ip(1), "GET", addr, "/", None, "");
    assert_eq!(other.status, 200, "another phone still gets in");
}

#[test]
fn the_rate_limit_holds_over_the_network() {
    let (host, addr) = TestHost::network(
        example(),
        Limits {
            requests: Rate {
                burst: 3,
                per_second: 0.5,
            },
            ..quick_limits()
        },
    );
    let token = join(&host, addr, "Ana");
    for _ in 0..3 {
        assert_eq!(
            call("GET", addr, "/api/board", Some(&token), "").status,
            200
        );
    }
    let r = call("GET", addr, "/api/board", Some(&token), "");
    assert_eq!((r.status, r.retry_after.as_deref()), (429, Some("2")));
    assert!(r.body.contains("slow down"), "{}", r.body);
}

#[test]
fn retried_notes_arrive_once_also_after_a_503() {
    let (host, addr) = TestHost::network(example(), quick_limits());
    let token = join(&host, addr, "Ana");
    // The same nonce twice at once (a phone retrying while the first is on its way).
    let both: Vec<String> = std::thread::scope(|s| {
        let sends: Vec<_> = (0..2)
            .map(|_| s.spawn(|| post_note(addr, &token, "once", "same").body))
            .collect();
        sends.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(both[0], both[1]);
    // The host is busy: the phone hears 503, retries until it is not.
    host.pause();
    let r = post_note(addr, &token, "after a wait", "busy");
    assert_eq!((r.status, r.retry_after.as_deref()), (503, Some("1")));
    host.resume();
    let retried = post_note(addr, &token, "after a wait", "busy");
    assert_eq!(retried.status, 201, "{}", retried.body);
    host.sync();
    let doc = host.doc();
    let count = |text: &str| {
        doc.board()
            .notes()
            .iter()
            .filter(|n| n.text == text)
            .count()
    };
    assert_eq!((count("once"), count("after a wait")), (1, 1));
}

#[test]
fn closing_the_room_ends_every_connection() {
    let (host, addr) = TestHost::network(example(), quick_limits());
    let token = join(&host, addr, "Ana");
    let mut events = Events::open(addr, &token);
    events.next_view();
    let idle = TcpStream::connect(addr).unwrap();
    host.close();
    assert!(closed_within(&mut events.stream, Duration::from_secs(2)));
    drop(idle);
    assert!(
        TcpStream::connect(addr).is_err(),
        "nothing listens any more"
    );
    // Dropping a room closes it too (closing Tandem closes the room).
    let dropped = Room::open("127.0.0.1:0".parse().unwrap(), Limits::default(), || {}).unwrap();
    let addr = dropped.addr();
    let mut open = TcpStream::connect(addr).unwrap();
    drop(dropped);
    assert!(closed_within(&mut open, Duration::from_secs(2)));
    assert!(TcpStream::connect(addr).is_err());
    let everywhere = Room::open("0.0.0.0:0".parse().unwrap(), Limits::default(), || {});
    assert_eq!(
        everywhere.err().map(|e| e.kind()),
        Some(ErrorKind::InvalidInput)
    );
}

#[test]
fn the_room_says_where_to_find_it_and_both_ways_in_work() {
    let room = Room::open("127.0.0.1:0".parse().unwrap(), quick_limits(), || {}).unwrap();
    room.host().publish(tandem::room::snapshot(
        &example(),
        &tandem::room::HostModes::default(),
    ));
    let addr = room.addr();
    assert_eq!(room.address(), format!("http://{addr}/"));
    let key = room.host().hub().key().to_owned();
    assert_eq!(room.link(), format!("http://{addr}/#k={key}"));
    let qr = room.qr().expect("a link fits a QR code");
    assert!(
        qr.width() >= 21 && qr.is_dark(0, 0),
        "a finder pattern in the corner"
    );
    let code = room.join_code().to_owned();
    for (way, name) in [(key, "by link"), (code, "by code")] {
        let body = serde_json::json!({ "key": way, "name": name }).to_string();
        assert_eq!(
            call("POST", addr, "/api/join", None, &body).status,
            200,
            "{name}"
        );
    }
    assert_eq!(room.host().participant_count(), 2);
    room.host().set_locked(true);
    assert!(room.host().is_locked());
}
