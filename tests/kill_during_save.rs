//! A process killed at any moment while saving leaves the target file either the old board or the
//! new one, whole, and the backup likewise. The test starts this test binary again as a child that
//! saves two large boards in turn as fast as it can, kills it with SIGKILL after a random delay,
//! and checks both files, many times over.
//!
//! This covers process death (crash, kill, out-of-memory). A power cut also needs the disk to keep
//! its promises about `fsync`, which no test here can check.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tandem::io::files::backup_path;
use tandem::io::{read_board, save_file, write_board};
use tandem::model::{Board, Edit, Point, ops};

const TARGET_ENV: &str = "TANDEM_SAVE_LOOP_TARGET";
const NOTES: usize = 5_000;

const EXAMPLE: &[u8] = include_bytes!("../assets/examples/spotify-uber.tandem.json");

/// The example board with its notes (and flows) copied side by side until there are `NOTES`,
/// titled `tag`.
fn big_board(tag: &str) -> Board {
    let mut board = read_board(EXAMPLE).unwrap().board;
    let all: Vec<_> = board.notes().iter().map(|n| n.id).collect();
    let originals = ops::Copies::of(&board, &all);
    for k in 1.. {
        if board.notes().len() >= NOTES {
            break;
        }
        let at = Point::new(3000.0 * (k % 30) as f32, 2500.0 * (k / 30) as f32);
        let ids = board.new_note_ids(originals.notes.len());
        let flow_ids = board.new_flow_ids(originals.flows.len());
        if let Some(edit) = ops::place_copies(&board, &originals, at, &ids, &flow_ids) {
            board.apply(edit);
        }
    }
    board.apply(Edit::SetTitle(format!("Board {tag}")));
    board
}

/// The child process: saves board A and board B in turn until killed, printing a line per save.
#[test]
#[ignore = "the child process of kill_during_save_leaves_the_old_or_the_new_board; that test runs it"]
fn save_loop_child() {
    let target = std::env::var_os(TARGET_ENV)
        .expect("run by kill_during_save_leaves_the_old_or_the_new_board, which sets the target");
    let boards = [big_board("A"), big_board("B")];
    println!("ready");
    for i in 0.. {
        save_file(Path::new(&target), &boards[i % 2]).expect("saves");
        println!("saved {i}");
    }
}

/// xorshift64: random enough to spread the kills, and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn temp_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

#[test]
fn kill_during_save_leaves_the_old_or_the_new_board() {
    let kills: usize = std::env::var("TANDEM_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("board.tandem.json");
    let backup = backup_path(&target);
    let versions = [write_board(&big_board("A")), write_board(&big_board("B"))];
    for v in &versions {
        assert!(read_board(v.as_bytes()).unwrap().board.notes().len() >= NOTES);
    }
    save_file(&target, &big_board("A")).unwrap();
    let which = |path: &Path| -> usize {
        let bytes = std::fs::read(path).unwrap();
        versions
            .iter()
            .position(|v| v.as_bytes() == bytes)
            .unwrap_or_else(|| {
                panic!(
                    "{} is neither board A nor board B, whole ({} bytes)",
                    path.display(),
                    bytes.len()
                )
            })
    };

    let seed = 0x5EED_7A4D_u64;
    let mut rng = Rng(seed);
    let mut main_is = [0usize; 2];
    let mut mid_write = 0;
    let mut saves_before_kill = Vec::new();
    let started = Instant::now();
    for kill in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "save_loop_child", "--ignored", "--nocapture"])
            .env(TARGET_ENV, &target)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        // Kill within the next two saves, timed from the first: the child is then in steady state.
        let mut line = String::new();
        let mut ready = Instant::now();
        while !line.starts_with("saved") {
            if line.trim() == "ready" {
                ready = Instant::now();
            }
            line.clear();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "the child ended early"
            );
        }
        let one_save = ready.elapsed().as_micros() as u64 + 1;
        // Every other kill aims at the second half of a save, where its files are written (the
        // first half makes the text); the rest land anywhere in the next two saves.
        let delay = if kill % 2 == 0 {
            one_save / 2 + rng.below(one_save / 2 + 1)
        } else {
            rng.below(2 * one_save)
        };
        std::thread::sleep(Duration::from_micros(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        let saves = 1 + out.lines().map_while(Result::ok).count();
        saves_before_kill.push(saves);

        main_is[which(&target)] += 1;
        if backup.exists() {
            which(&backup);
        }
        // A temporary file left behind means the kill came while a file was being written.
        let temps = temp_files(dir.path());
        if !temps.is_empty() {
            mid_write += 1;
        }
        for t in temps {
            std::fs::remove_file(t).unwrap();
        }
    }
    saves_before_kill.sort_unstable();
    eprintln!(
        "kill during save: {kills} kills (seed {seed:#x}, {:.1} s): the board file was A {} times \
         and B {} times, never anything else; the backup was always A or B; {mid_write} kills came \
         in the middle of writing a file; saves completed before each kill: min {}, median {}, max {}",
        started.elapsed().as_secs_f32(),
        main_is[0],
        main_is[1],
        saves_before_kill[0],
        saves_before_kill[kills / 2],
        saves_before_kill[kills - 1],
    );
    // The test means something only if kills did land while files were being written.
    assert!(
        mid_write > 0,
        "too few kills landed while a file was being written ({mid_write} of {kills})"
    );
}
