//! Boards at the size limit stay drawable: no frame may ask the GPU for more than it accepts
//! (wgpu refuses buffers over 256 MiB, which once made Ctrl+A on a 100,000-note board panic).
//! Selecting all, dragging the selection and tidying a full block are each drawn within a budget.

#[path = "headless/mod.rs"]
mod headless;

use eframe::egui::{Event, Key, Modifiers, PointerButton, pos2, vec2};

use headless::Rig;
use tandem::generate::fill;
use tandem::io::Template;
use tandem::ui::canvas::Hit;

/// The most a frame may upload: a quarter of wgpu's default buffer limit.
const BUDGET_BYTES: usize = 64 * 1024 * 1024;

fn key(key: Key, modifiers: Modifiers) -> Vec<Event> {
    [true, false]
        .map(|pressed| Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        })
        .to_vec()
}

fn within_budget(rig: &mut Rig, what: &str, events: Vec<Event>) {
    rig.frame(events);
    // The action runs at the start of the next frame; draw that one and one more.
    for _ in 0..2 {
        let drawn = rig.frame(vec![]);
        assert!(
            drawn.buffer_bytes() <= BUDGET_BYTES,
            "{what}: {} vertices, {} indices, {} MiB",
            drawn.vertices,
            drawn.indices,
            drawn.buffer_bytes() >> 20
        );
    }
}

#[test]
fn select_all_drag_and_tidy_at_the_size_limit_stay_within_what_a_gpu_accepts() {
    let n = 200_000;
    let mut rig = Rig::new(fill(&Template::Partnership.board(), n), [1920.0, 1080.0]);
    assert_eq!(rig.board().notes().len(), n);
    within_budget(&mut rig, "the whole board", vec![]);

    within_budget(&mut rig, "select all", key(Key::A, Modifiers::COMMAND));
    assert_eq!(rig.app.canvas().selection.len(), n);

    // Drag the whole selection by a note on top.
    let grab = rig
        .app
        .canvas()
        .to_screen(rig.board().notes()[n - 1].rect.center());
    assert!(matches!(
        rig.app.canvas().hit(rig.board(), grab),
        Hit::Note(_)
    ));
    let press = |pressed| Event::PointerButton {
        pos: grab,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    rig.frame(vec![Event::PointerMoved(grab), press(true)]);
    within_budget(
        &mut rig,
        "dragging",
        vec![Event::PointerMoved(grab + vec2(30.0, 10.0))],
    );
    within_budget(&mut rig, "dropped", vec![press(false)]);
    assert_eq!(
        rig.app.doc().undo_label().map(str::to_owned),
        Some(format!("Move {n} notes"))
    );

    // Tidy the block under the pointer: with nothing selected, Ctrl+Alt+T tidies there.
    within_budget(&mut rig, "clear", key(Key::Escape, Modifiers::NONE));
    let block = rig.board().blocks()[0].rect;
    let over = rig.app.canvas().to_screen(block.center());
    let tidy_keys = Modifiers {
        alt: true,
        ..Modifiers::COMMAND
    };
    let mut events = vec![Event::PointerMoved(pos2(over.x, over.y))];
    events.extend(key(Key::T, tidy_keys));
    within_budget(&mut rig, "tidy a full block", events);
    assert!(
        rig.app
            .doc()
            .undo_label()
            .is_some_and(|l| l.starts_with("Tidy")),
        "{:?}",
        rig.app.doc().undo_label()
    );
}
