//! One full frame of the Tandem window, headless: `egui::Context::run_ui` of the real app plus
//! tessellation, on generated boards. `cargo bench --bench frame`.
//!
//! (a) zoomed to fit the whole board, (b) zoomed into one block, (c) dragging a selection of 100
//! notes; each at 100, 1,000 and 10,000 notes, and at 10,000 notes joined by 5,000 flows. Targets
//! at 10,000 notes, with or without flows: (a) and (c) under 8 ms; (b) nearly independent of board
//! size.

use std::collections::BTreeSet;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use eframe::egui::{Event, PointerButton, pos2, vec2};

use tandem::generate::{add_flows, fill};
use tandem::io::Template;
use tandem::model::{Board, Edit, Note, NoteId, Region};
use tandem::ui::action::Action;
use tandem::ui::canvas::Hit;

/// Notes, and flows between them.
const SIZES: [(usize, usize); 4] = [(100, 0), (1_000, 0), (10_000, 0), (10_000, 5_000)];

/// The benchmark's name for a size: "10000", or "10000+5000flows".
fn id((notes, flows): (usize, usize)) -> BenchmarkId {
    match flows {
        0 => BenchmarkId::from_parameter(notes),
        f => BenchmarkId::from_parameter(format!("{notes}+{f}flows")),
    }
}

/// A generated board of `notes` notes and `flows` flows.
fn board((notes, flows): (usize, usize)) -> Board {
    add_flows(&fill(&Template::Partnership.board(), notes), flows)
}
const SCREEN: [f32; 2] = [1400.0, 900.0];

#[path = "../tests/headless/mod.rs"]
mod headless;
use headless::Rig;

fn fit(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_fit");
    for size in SIZES {
        let mut rig = Rig::new(board(size), SCREEN);
        group.bench_function(id(size), |b| b.iter(|| rig.frame(vec![])));
    }
    group.finish();
}

/// A board of `n` notes (and flows) whose block 2 holds the same notes at every size, so a view of
/// that block shows the same thing and only the notes elsewhere grow.
fn board_with_fixed_block((n, flows): (usize, usize)) -> Board {
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
    add_flows(&board, flows)
}

fn block(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_block");
    for size in SIZES {
        let mut rig = Rig::new(board_with_fixed_block(size), SCREEN);
        let rect = rig.board().blocks()[2].rect;
        rig.app.send(Action::ZoomTo(rect));
        rig.settle();
        group.bench_function(id(size), |b| b.iter(|| rig.frame(vec![])));
    }
    group.finish();
}

fn drag(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_drag_100");
    for size in SIZES {
        let mut rig = Rig::new(board(size), SCREEN);
        // Grab the note on top at the middle of some note, with 99 others selected.
        // Grab a note in the middle of some note where no flow crosses it.
        let (grab, lead) = rig
            .board()
            .notes()
            .iter()
            .find_map(|n| {
                let at = rig.app.canvas().to_screen(n.rect.center());
                match rig.app.canvas().hit(rig.board(), at) {
                    Hit::Note(id) => Some((at, id)),
                    _ => None,
                }
            })
            .expect("a note under the pointer");
        let mut selection: BTreeSet<NoteId> = rig
            .board()
            .notes()
            .iter()
            .map(|n| n.id)
            .filter(|id| *id != lead)
            .take(99)
            .collect();
        selection.insert(lead);
        rig.app.send(Action::SelectNotes(selection));
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
        group.bench_function(id(size), |b| {
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
            rig.app.doc().undo_label(),
            Some("Move 100 notes"),
            "the bench dragged the selection"
        );
    }
    group.finish();
}

criterion_group!(benches, fit, block, drag);
criterion_main!(benches);
