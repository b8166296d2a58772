//! The room under load: 100 participants post 10 notes each, every note sent twice with the same
//! nonce (a phone that retries while the first request is still on its way), all at once, over
//! 127.0.0.1 into the real app: `TandemApp::frame` in a headless egui context (the frame
//! benchmarks' `Rig`), its room opened with `Action::OpenRoom`, frames run at 60 Hz as a window
//! would while the notes arrive. `cargo bench --bench room_load`.
//!
//! Checks that every note arrives exactly once (1,000 notes, each reply 201, both sends of a
//! nonce answered with the same id), then prints the throughput and the projector's frame time
//! (CPU time of a frame, tessellation included) while the notes arrived.
//!
//! `harness = false`, not criterion: this is one run of a load, not a routine to repeat. A second
//! iteration would meet the first one's notes (and the room's cap of 2,000), and what is measured
//! is a distribution over the run (frame times, replies), not the mean time of one call.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tandem::io::Template;
use tandem::room::{HostModes, snapshot};
use tandem::ui::action::Action;

#[path = "../tests/headless/mod.rs"]
mod headless;
#[path = "../tests/room_support/mod.rs"]
mod room_support;

use headless::Rig;
use room_support::call;

const PARTICIPANTS: usize = 100;
const NOTES_EACH: usize = 10;
/// Each note is sent this many times, by as many threads, with the same nonce.
const SENDS: usize = 2;
const SCREEN: [f32; 2] = [1400.0, 900.0];
const FRAME: Duration = Duration::from_nanos(16_666_667);
/// The whole load must be answered within this, or the run fails.
const DEADLINE: Duration = Duration::from_secs(120);

/// What one send of a note got back.
struct Sent {
    participant: usize,
    note: usize,
    status: u16,
    id: Option<u64>,
    took: Duration,
}

fn text(participant: usize, note: usize) -> String {
    format!("Participant {participant}, idea {note}: riders choose the music for the trip")
}

/// One phone's sender: posts the participant's notes in order. `SENDS` of these run per
/// participant with the same nonces, so every nonce arrives twice, racing.
fn sender(
    addr: SocketAddr,
    token: String,
    participant: usize,
    targets: Arc<Vec<String>>,
    start: Arc<Barrier>,
    done: Arc<AtomicUsize>,
) -> JoinHandle<Vec<Sent>> {
    std::thread::spawn(move || {
        start.wait();
        let sent = (0..NOTES_EACH)
            .map(|note| {
                let body = serde_json::json!({
                    "target": targets[(participant * NOTES_EACH + note) % targets.len()],
                    "text": text(participant, note),
                    "nonce": format!("p{participant}-n{note}"),
                });
                let t = Instant::now();
                let reply = call("POST", addr, "/api/notes", Some(&token), &body.to_string());
                let id = serde_json::from_str::<serde_json::Value>(&reply.body)
                    .ok()
                    .and_then(|v| v["id"].as_u64());
                Sent {
                    participant,
                    note,
                    status: reply.status,
                    id,
                    took: t.elapsed(),
                }
            })
            .collect();
        done.fetch_add(1, Ordering::SeqCst);
        sent
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at quantile `q` (0 to 1) of sorted durations.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    let mut rig = Rig::new(Template::Partnership.board(), SCREEN);
    let notes_before = rig.board().notes().len();
    rig.app
        .send(Action::OpenRoom("127.0.0.1:0".parse().unwrap()));
    rig.frame(vec![]);
    let link = rig.app.ctx().room.expect("the room is open").room().link();
    let (addr, key) = link
        .trim_start_matches("http://")
        .split_once("/#k=")
        .unwrap();
    let addr: SocketAddr = addr.parse().unwrap();
    let targets: Arc<Vec<String>> = Arc::new(
        snapshot(rig.board(), &HostModes::default())
            .targets
            .into_iter()
            .map(|t| t.key)
            .collect(),
    );

    // Joining is answered by the room alone, without the app.
    let tokens: Vec<String> = (0..PARTICIPANTS)
        .map(|i| {
            let body = serde_json::json!({ "key": key, "name": format!("Participant {i}") });
            let reply = call("POST", addr, "/api/join", None, &body.to_string());
            assert_eq!(reply.status, 200, "join: {}", reply.body);
            let v: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
            v["token"].as_str().unwrap().to_owned()
        })
        .collect();

    let start = Arc::new(Barrier::new(PARTICIPANTS * SENDS + 1));
    let done = Arc::new(AtomicUsize::new(0));
    let senders: Vec<JoinHandle<Vec<Sent>>> = tokens
        .iter()
        .enumerate()
        .flat_map(|(i, token)| std::iter::repeat_n((i, token), SENDS))
        .map(|(i, token)| {
            sender(
                addr,
                token.clone(),
                i,
                targets.clone(),
                start.clone(),
                done.clone(),
            )
        })
        .collect();

    // The window's side: a frame every 1/60 s until every sender has its answers.
    start.wait();
    let began = Instant::now();
    let mut frames = Vec::new();
    let mut next = began;
    while done.load(Ordering::SeqCst) < senders.len() {
        assert!(
            began.elapsed() < DEADLINE,
            "the load took over {DEADLINE:?}"
        );
        let t = Instant::now();
        rig.frame(vec![]);
        frames.push(t.elapsed());
        next += FRAME;
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
    let elapsed = began.elapsed();
    // For comparison: the same board once the load is over.
    let mut idle: Vec<Duration> = (0..60)
        .map(|_| {
            let t = Instant::now();
            rig.frame(vec![]);
            t.elapsed()
        })
        .collect();
    idle.sort();

    let sent: Vec<Sent> = senders
        .into_iter()
        .flat_map(|s| s.join().unwrap())
        .collect();
    let refused: Vec<&Sent> = sent
        .iter()
        .filter(|s| s.status != 201 || s.id.is_none())
        .collect();
    assert!(
        refused.is_empty(),
        "{} of {} sends were not 201 with an id, e.g. participant {} note {}: {}",
        refused.len(),
        sent.len(),
        refused[0].participant,
        refused[0].note,
        refused[0].status
    );
    let mut ids: BTreeMap<(usize, usize), BTreeSet<u64>> = BTreeMap::new();
    for s in &sent {
        ids.entry((s.participant, s.note)).or_default().extend(s.id);
    }
    assert_eq!(ids.len(), PARTICIPANTS * NOTES_EACH);
    assert!(
        ids.values().all(|set| set.len() == 1),
        "a retried nonce got a second note"
    );
    let distinct: BTreeSet<u64> = ids.values().flatten().copied().collect();
    assert_eq!(
        distinct.len(),
        PARTICIPANTS * NOTES_EACH,
        "one note per nonce"
    );

    let board = rig.board();
    assert_eq!(
        board.notes().len(),
        notes_before + PARTICIPANTS * NOTES_EACH,
        "no note twice, none missing"
    );
    for ((participant, note), id) in &ids {
        let id = *id.first().unwrap();
        let on_board = board.note(tandem::model::NoteId(id)).unwrap();
        assert_eq!(on_board.text, text(*participant, *note));
        assert_eq!(
            on_board.author.as_deref(),
            Some(format!("Participant {participant}").as_str())
        );
    }

    let mut took: Vec<Duration> = sent.iter().map(|s| s.took).collect();
    took.sort();
    frames.sort();
    let notes = (PARTICIPANTS * NOTES_EACH) as f64;
    let requests = sent.len() as f64;
    println!(
        "room load: {PARTICIPANTS} participants × {NOTES_EACH} notes, each note sent {SENDS} times \
         with the same nonce, all at once, over 127.0.0.1"
    );
    println!(
        "  arrived: {} notes, each exactly once; {} replies, all 201 with the note's id",
        PARTICIPANTS * NOTES_EACH,
        sent.len()
    );
    println!(
        "  throughput: {:.0} notes/s, {:.0} requests/s ({:.2} s from the first send to the last reply)",
        notes / elapsed.as_secs_f64(),
        requests / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    println!(
        "  reply time: median {:.1} ms, 95th percentile {:.1} ms, worst {:.1} ms",
        ms(quantile(&took, 0.5)),
        ms(quantile(&took, 0.95)),
        ms(*took.last().unwrap())
    );
    println!(
        "  projector frames while they arrived: {} frames, median {:.2} ms, 95th percentile {:.2} ms, worst {:.2} ms",
        frames.len(),
        ms(quantile(&frames, 0.5)),
        ms(quantile(&frames, 0.95)),
        ms(*frames.last().unwrap())
    );
    println!(
        "  the same board afterwards, idle: median {:.2} ms, worst {:.2} ms",
        ms(quantile(&idle, 0.5)),
        ms(*idle.last().unwrap())
    );
}
