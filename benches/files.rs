//! Open and save of generated boards: `cargo bench --bench files`.
//!
//! Open is measured against `serde_json::from_slice::<serde_json::Value>` on the same bytes, in the
//! same run (target: within 1.5x). Save is serialise + atomic write + sync (target: under 50 ms at
//! 10,000 notes).

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use tandem::generate::fill;
use tandem::io::{Template, load_file, read_board, save_file, write_board};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("open");
    for n in SIZES {
        let board = fill(&Template::Partnership.board(), n);
        let path = dir.path().join(format!("{n}.tandem.json"));
        save_file(&path, &board).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("serde_json_value", n),
            &bytes,
            |b, bytes| b.iter(|| serde_json::from_slice::<serde_json::Value>(bytes).unwrap()),
        );
        group.bench_with_input(BenchmarkId::new("read_board", n), &bytes, |b, bytes| {
            b.iter(|| read_board(bytes).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("load_file", n), &path, |b, path| {
            b.iter(|| load_file(path).unwrap())
        });
    }
    group.finish();
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("save");
    for n in SIZES {
        let board = fill(&Template::Partnership.board(), n);
        let path = dir.path().join(format!("{n}.tandem.json"));
        group.bench_with_input(BenchmarkId::new("write_board", n), &board, |b, board| {
            b.iter(|| write_board(board))
        });
        group.bench_with_input(BenchmarkId::new("save_file", n), &board, |b, board| {
            b.iter(|| save_file(&path, board).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, open, save);
criterion_main!(benches);
