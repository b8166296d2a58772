//! One full frame of the Tandem window, headless: `egui::Context::run_ui` of the real app plus
//! tessellation, on generated boards. `cargo bench --bench frame`.
//!
//! (a) zoomed to fit the whole board, (b) zoomed into one block, (c) dragging a selection of 100
//! notes. Targets at 10,000 notes: (a) and (c) under 8 ms; (b) nearly independent of board size.

use std::collections::BTreeSet;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use eframe::egui::{Event, PointerButton, pos2, vec2};

use tandem::generate::fill;
use tandem::io::Template;
use tandem::model::{Board, Edit, Note, NoteId, Region};
use tandem::ui::canvas::Hit;

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const SCREEN: [f32; 2] = [1400.0, 900.0];

#[path = "../tests/headless/mod.rs"]
mod headless;
use headless::Rig;

fn fit(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_fit");
    for n in SIZES {
        let mut rig = Rig::new(fill(&Template::Partnership.board(), n), SCREEN);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| rig.frame(vec![]))
        });
    }
    group.finish();
}

/// A board of `n` notes whose block 2 holds the same notes at every size, so a view of that block
/// shows the same thing and only the notes elsewhere grow.
fn board_with_fixed_block(n: usize) -> Board {
    let template = Template::Partnership.board();
    let mut board = fill(&template, n);
    let small = fill(&template, 100);
    let in_block = |b: &Board| -> Vec<Note> {
        b.notes()
            .iter()
            .filter(|x| b.region_of(x) == Some(Region::Block(2)))
            .cloned()
            .collect()
    };
    let remove = in_block(&board).iter().map(|x| x.id).collect();
    board.apply(Edit::RemoveNotes(remove));
    let ids = board.new_note_ids(in_block(&small).len());
    let top = board.notes().len();
    let insert = in_block(&small)
        .into_iter()
        .zip(ids)
        .enumerate()
        .map(|(k, (mut x, id))| {
            x.id = id;
            (top + k, x)
        })
        .collect();
    board.apply(Edit::InsertNotes(insert));
    board
}

fn block(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_block");
    for n in SIZES {
        let mut rig = Rig::new(board_with_fixed_block(n), SCREEN);
        let rect = rig.board().blocks()[2].rect;
        rig.app.canvas.zoom_to(&rect);
        rig.settle();
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| rig.frame(vec![]))
        });
    }
    group.finish();
}

fn drag(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_drag_100");
    for n in SIZES {
        let mut rig = Rig::new(fill(&Template::Partnership.board(), n), SCREEN);
        // Grab the note on top at the middle of some note, with 99 others selected.
        let grab = rig
            .app
            .canvas
            .to_screen(rig.board().notes()[0].rect.center());
        let Hit::Note(lead) = rig.app.canvas.hit(rig.board(), grab) else {
            panic!("a note under the pointer")
        };
        let mut selection: BTreeSet<NoteId> = rig
            .board()
            .notes()
            .iter()
            .map(|n| n.id)
            .filter(|id| *id != lead)
            .take(99)
            .collect();
        selection.insert(lead);
        rig.app.canvas.selection = selection;
        let press = |pressed| Event::PointerButton {
            pos: grab,
            button: PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        };
        rig.frame(vec![Event::PointerMoved(grab)]);
        rig.frame(vec![press(true)]);
        rig.frame(vec![Event::PointerMoved(grab + vec2(20.0, 0.0))]);
        let mut x = 0.0f32;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                x = (x + 7.0) % 200.0;
                rig.frame(vec![Event::PointerMoved(pos2(
                    grab.x + 20.0 + x,
                    grab.y + x / 4.0,
                ))])
            })
        });
        rig.frame(vec![press(false)]);
        assert_eq!(
            rig.app.file.doc.undo_label(),
            Some("Move 100 notes"),
            "the bench dragged the selection"
        );
    }
    group.finish();
}

criterion_group!(benches, fit, block, drag);
criterion_main!(benches);
