//! What autosave costs the UI thread, and what it leaves to the writer thread:
//! `cargo bench --bench autosave`.
//!
//! A frame that autosaves only clones the board (`snapshot`); the writer thread then makes the
//! recovery text (`copy_text`) and writes it through a synced temporary file (`write`).

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use std::time::SystemTime;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use tandem::io::Template;
use tandem::io::recovery::{Session, Snapshot, copy_text};
use tandem::model::{Board, Edit, Note, NoteId};

fn board_of(n: usize) -> Board {
    let mut board = Template::Partnership.board();
    let notes = (0..n)
        .map(|i| {
            let mut note = Note::new(
                NoteId(i as u64 + 1),
                (i % 100) as f32 * 210.0,
                (i / 100) as f32 * 130.0,
            );
            note.text = format!("Note {i}: riders pick the music for their trip");
            (i, note)
        })
        .collect();
    board.apply(Edit::InsertNotes(notes));
    board
}

fn snapshot(board: &Board) -> Snapshot {
    Snapshot {
        board: board.clone(),
        original: Some("/boards/workshop.tandem.json".into()),
        stamp: None,
        saved_at: SystemTime::now(),
    }
}

fn autosave(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::start(dir.path().to_path_buf());
    let mut group = c.benchmark_group("autosave");
    for n in [1_000, 10_000] {
        let board = board_of(n);
        group.bench_with_input(
            BenchmarkId::new("snapshot (UI thread)", n),
            &board,
            |b, board| b.iter(|| board.clone()),
        );
        group.bench_with_input(
            BenchmarkId::new("copy_text (writer)", n),
            &board,
            |b, board| {
                let snap = snapshot(board);
                b.iter(|| copy_text(&snap))
            },
        );
        group.bench_with_input(BenchmarkId::new("write (writer)", n), &board, |b, board| {
            b.iter(|| {
                session.write(snapshot(board));
                session.flush();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, autosave);
criterion_main!(benches);
