//! End to end: the room of the real `tandem` binary (Xvfb, driven with xdotool) joined by a phone
//! and a laptop in a real browser (Debian's Chromium, driven by Playwright for Python in
//! `tests/e2e_room.py`). Both post a note, one into a block and one into a journey stage; a voting
//! round started in Tandem reaches them and they vote; Ctrl+S saves, and the saved JSON must hold
//! the notes with their authors in their block and stage, and the dots. The QR code on the
//! projector must read back as the room's link.
//!
//! Needs what `common` needs, plus ImageMagick (`import`), `/usr/bin/chromium` and the Python
//! module `playwright` (never `playwright install`: the system's Chromium is used). Where one is
//! missing the test says so and skips, unless `TANDEM_REQUIRE_E2E=1`. The screenshots stay in
//! `target/tmp/e2e_room/` to look at. All traffic goes to 127.0.0.1.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "room_support/mod.rs"]
mod room_support;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{Display, Guard, cannot_run, have, wait_for};
use resvg::tiny_skia::Pixmap;
use room_support::{TestHost, example, quick_limits};
use tandem::model::room::Target;
use tandem::model::{Axis, Board, ops};

const CHROMIUM: &str = "/usr/bin/chromium";
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e_room.py");
/// What the browser side may take for one step (joining and posting from two pages is the
/// longest).
const STEP: Duration = Duration::from_secs(60);

/// Who does what in the browser: the phone writes into a block, the laptop into a stage, and
/// each gives `dots` dots to the other's note, out of the board's `dots_per_person`; then the
/// phone tries one dot more than the room's budget holds.
fn scenario(board: &Board) -> serde_json::Value {
    serde_json::json!({
        "dots_per_person": board.voting().dots_per_person,
        "phone": { "name": "Ana", "target": "block:risks",
                   "text": "Drivers may mute the music", "dots": 2 },
        "desktop": { "name": "Ben", "target": "stage:2",
                     "text": "Playlist that lasts the ride", "dots": 1 },
    })
}

/// The browser's prerequisites beyond the display's: `None` (with the reason said) when one is
/// missing.
fn browser_available() -> Option<()> {
    let mut missing = Vec::new();
    if !have("import") {
        missing.push("ImageMagick's import (apt-get install imagemagick)");
    }
    if !Path::new(CHROMIUM).exists() {
        missing.push("Chromium (apt-get install chromium)");
    }
    let playwright = Command::new("python3")
        .args(["-c", "import playwright.sync_api"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !playwright {
        missing.push("Python's playwright module (python3 -m pip install playwright)");
    }
    if missing.is_empty() {
        return Some(());
    }
    cannot_run(&format!(
        "cannot drive a browser here: {} missing",
        missing.join(", ")
    ));
    None
}

/// `tests/e2e_room.py`, talked to in lines (see its doc comment); its errors go to the test's
/// output.
struct Browser {
    child: Guard,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
}

impl Browser {
    fn start(args: &[&OsStr]) -> Browser {
        let mut child = Command::new("python3")
            .arg(SCRIPT)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the browser script");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Browser {
            child: Guard(child),
            stdin,
            lines,
        }
    }

    /// Waits for the script to say `line`.
    fn hear(&self, line: &str) {
        match self.lines.recv_timeout(STEP) {
            Ok(heard) => assert_eq!(heard, line, "the browser script's next step"),
            Err(e) => panic!("the browser script never said {line:?} ({e}); see its output above"),
        }
    }

    fn say(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").unwrap();
        self.stdin.flush().unwrap();
    }

    fn finish(mut self) {
        let mut status = None;
        wait_for("the browser script to end", STEP, || {
            status = self.child.0.try_wait().unwrap();
            status.is_some()
        });
        assert!(status.unwrap().success(), "the browser script failed");
    }
}

/// The `room: URL` line Tandem prints when it opens the room at start.
fn room_link(log: &Path) -> String {
    let mut link = None;
    wait_for("the room: line", Duration::from_secs(10), || {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        link = text
            .lines()
            .find_map(|l| l.strip_prefix("room: "))
            .map(str::to_owned);
        link.is_some()
    });
    link.unwrap()
}

/// The QR codes a screenshot shows, read as a phone's camera would.
fn qr_codes(png: &Path) -> Vec<String> {
    let pixmap = Pixmap::decode_png(&std::fs::read(png).unwrap()).unwrap();
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let data = pixmap.data();
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let p = &data[(y * w + x) * 4..][..3];
        ((u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2])) / 3) as u8
    });
    img.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e_room");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_phone_and_a_laptop_write_and_vote_in_the_real_room_and_it_is_saved() {
    if browser_available().is_none() {
        return;
    }
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("workshop.tandem.json");
    let mut example: serde_json::Value = serde_json::from_slice(include_bytes!(
        "../assets/examples/spotify-uber.tandem.json"
    ))
    .unwrap();
    // A head count of one (someone came late): a budget of 3 dots, spent by the two (2 + 1)
    // while the phone still has a dot of its own, which the room must then refuse.
    example["voting"]["people"] = 1.into();
    std::fs::write(&file, example.to_string()).unwrap();
    let before = tandem::io::load_file(&file).unwrap().board;
    assert_eq!(before.voting().budget(), 3);
    let log = dir.path().join("tandem.log");
    let app = display.launch(
        &[file.as_os_str(), "--room".as_ref(), "127.0.0.1:0".as_ref()],
        &dir.path().join("home"),
        &log,
    );
    let link = room_link(&log);
    assert!(link.starts_with("http://127.0.0.1:"), "{link}");
    let shots = shots_dir();
    eprintln!("screenshots in {}", shots.display());

    let plan = scenario(&before);
    let plan_text = plan.to_string();
    let mut browser = Browser::start(&[link.as_ref(), shots.as_os_str(), plan_text.as_ref()]);
    browser.hear("posted");
    let joined = shots.join("projector-joined.png");
    app.screenshot(&joined);
    assert_eq!(
        qr_codes(&joined),
        [link.as_str()],
        "the projector's QR code opens the room"
    );
    app.steps(&[&["key", "v"]]);
    browser.say("voting");
    browser.hear("voted");
    app.screenshot(&shots.join("projector-voting.png"));
    app.steps(&[&["key", "ctrl+s"]]);
    wait_for("the save", Duration::from_secs(30), || {
        !app.title().starts_with('*')
    });
    browser.say("done");
    browser.finish();

    let bytes = std::fs::read(&file).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let board = tandem::io::read_board(&bytes).unwrap().board;
    assert_eq!(board.notes().len(), before.notes().len() + 2);
    for (who, other) in [("phone", "desktop"), ("desktop", "phone")] {
        let text = plan[who]["text"].as_str().unwrap();
        let saved = json["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["text"] == text)
            .unwrap_or_else(|| panic!("{text:?} is saved"));
        assert_eq!(saved["author"], plan[who]["name"], "{saved}");
        assert_eq!(saved["votes"], plan[other]["dots"], "{saved}");
        let note = board.notes().iter().find(|n| n.text == text).unwrap();
        let target = Target::of(&board, board.region_of(note).unwrap());
        let expected = tandem::room::parse_target(plan[who]["target"].as_str().unwrap());
        assert_eq!(Some(target), expected, "{text:?} lies where it was sent");
    }
    let dots: u32 = board.notes().iter().map(|n| n.votes).sum();
    let dots_before: u32 = before.notes().iter().map(|n| n.votes).sum();
    assert_eq!(
        dots,
        dots_before + before.voting().budget(),
        "the room's budget spent, and no dot over it"
    );
}

/// A stage's key is its place in the journey. When the facilitator moves the stage a phone has
/// chosen, the choice follows it, and the note lands in that stage, not in the one now in its
/// old place; a renamed stage stays chosen under its new name. The host here is a test thread
/// (`room_support`), as in the room's API tests: moving a stage in the real window is tested in
/// `tests/ui`.
#[test]
fn a_phone_keeps_its_stage_when_the_facilitator_moves_or_renames_it() {
    if browser_available().is_none() {
        return;
    }
    let (host, addr) = TestHost::network(example(), quick_limits());
    let key = host.with_host(|h| h.hub().key().to_owned());
    let link = format!("http://{addr}/#k={key}");
    let stage_names = |host: &TestHost| -> Vec<String> {
        let doc = host.doc();
        let lane = doc.board().lane().unwrap();
        lane.stages.iter().map(|t| t.name.clone()).collect()
    };
    assert_eq!(stage_names(&host)[2], "Use");

    let mut browser = Browser::start(&["--stages".as_ref(), link.as_ref()]);
    browser.hear("chosen");
    host.edit("Move stage", |b| ops::move_track(b, Axis::Stage, 2, 1));
    assert_eq!(stage_names(&host)[1..3], ["Use", "Choose"]);
    browser.say("moved");
    browser.hear("followed");
    host.edit("Rename stage", |b| {
        ops::rename_track(b, Axis::Stage, 1, "Ride")
    });
    browser.say("renamed");
    browser.hear("posted");
    browser.finish();

    let doc = host.doc();
    let board = doc.board();
    for text in ["Moved with its stage", "Renamed, still chosen"] {
        let note = board.notes().iter().find(|n| n.text == text).unwrap();
        let target = board.region_of(note).map(|r| Target::of(board, r));
        assert_eq!(
            target,
            tandem::room::parse_target("stage:1"),
            "{text:?} is in the stage the phone chose"
        );
    }
}
