//! Flows: drawing one with the mouse and from the keyboard, following moved notes, selecting,
//! labelling, changing kind and direction, reversing, deleting, duplicating, and the flow kinds in
//! the side panel.

use eframe::egui::{self, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui_support::*;
use tandem::model::{Flow, FlowDirection, FlowId, NoteId};
use tandem::ui::TandemApp;

const NONE: Modifiers = Modifiers::NONE;

fn flows(h: &Harness<'_, TandemApp>) -> Vec<Flow> {
    h.state().doc().board().flows().to_vec()
}

fn flow(h: &Harness<'_, TandemApp>, id: FlowId) -> Flow {
    h.state().doc().board().flow(id).cloned().unwrap()
}

/// The middle of a flow's line on screen, where a click selects it.
fn flow_middle(h: &Harness<'_, TandemApp>, id: FlowId) -> Pos2 {
    let (from, to) = h
        .state()
        .canvas()
        .flow_screen_line(h.state().doc().board(), id)
        .unwrap();
    from + (to - from) / 2.0
}

/// Two notes of the example that no flow joins yet, far enough apart for a line between them.
fn two_notes(h: &Harness<'_, TandemApp>) -> (NoteId, NoteId) {
    (
        note_with_text(h, "Personal playlists"),
        note_with_text(h, "Drivers get better ratings"),
    )
}

/// A point of the canvas where no note is: in the first block, right of its notes.
fn empty_spot(h: &Harness<'_, TandemApp>) -> Pos2 {
    let board = h.state().doc().board();
    let block = board.blocks()[0].rect;
    let notes: Vec<_> = board.notes().iter().map(|n| n.rect).collect();
    let right = notes
        .iter()
        .filter(|r| block.contains(r.center()))
        .map(|r| r.right())
        .fold(block.x, f32::max);
    let spot = tandem::model::Point::new((right + block.right()) / 2.0, block.y + block.h / 2.0);
    assert!(
        notes.iter().all(|r| !r.contains(spot)),
        "nothing at {spot:?}"
    );
    screen(h, spot)
}

/// Draws a flow from `a` to `b` by dragging the handle of `a` onto `b`; returns its id.
fn drag_a_flow(h: &mut Harness<'_, TandemApp>, a: NoteId, b: NoteId) -> FlowId {
    h.click_at(note_center(h, a), NONE);
    let handle = h
        .state()
        .canvas()
        .flow_handle(h.state().doc().board())
        .expect("a selected note shows its flow handle");
    h.drag_from_to(handle, note_center(h, b));
    // A moment before the next click, as a person takes: egui would count a click on `a` right
    // after the one above as a double click.
    h.run_steps(30);
    flows(h).last().unwrap().id
}

#[test]
fn dragging_the_handle_onto_another_note_draws_a_flow_in_one_undo_step() {
    let mut h = example();
    let (a, b) = two_notes(&h);
    let before = flows(&h).len();
    let id = drag_a_flow(&mut h, a, b);
    assert_eq!(flows(&h).len(), before + 1);
    let f = flow(&h, id);
    assert_eq!((f.from, f.to), (a, b));
    assert_eq!(f.direction, FlowDirection::OneWay);
    let value = h.state().doc().board().flow_kinds()[0].id;
    assert_eq!(f.kind, Some(value), "the first kind");
    assert_eq!(h.state().canvas().flow_selection, Some(id), "and selected");
    assert!(h.state().canvas().selection.is_empty());
    assert_eq!(h.state().doc().undo_label(), Some("Draw flow"));

    h.press(CMD, Key::Z);
    assert_eq!(flows(&h).len(), before);
    assert_eq!(h.state().canvas().flow_selection, None);
    h.press(CMD_SHIFT, Key::Z);
    assert_eq!(flow(&h, id).from, a);
}

#[test]
fn dropping_the_handle_on_empty_canvas_draws_nothing() {
    let mut h = example();
    let (a, _) = two_notes(&h);
    let before = flows(&h).len();
    h.click_at(note_center(&h, a), NONE);
    let handle = h
        .state()
        .canvas()
        .flow_handle(h.state().doc().board())
        .unwrap();
    h.drag_from_to(handle, empty_spot(&h));
    assert_eq!(flows(&h).len(), before);
    assert!(
        status_text(&h).contains("another note"),
        "{}",
        status_text(&h)
    );
}

#[test]
fn two_selected_notes_and_f_draw_a_flow_from_the_note_selected_first() {
    let mut h = example();
    let (a, b) = two_notes(&h);
    h.click_at(note_center(&h, b), NONE);
    h.click_at(note_center(&h, a), Modifiers::SHIFT);
    h.press(NONE, Key::F);
    let f = flows(&h).last().cloned().unwrap();
    assert_eq!((f.from, f.to), (b, a));
    assert_eq!(h.state().canvas().flow_selection, Some(f.id));
    // With one note selected, F does nothing.
    h.click_at(note_center(&h, a), NONE);
    let n = flows(&h).len();
    h.press(NONE, Key::F);
    assert_eq!(flows(&h).len(), n);
}

#[test]
fn a_flow_follows_its_note_and_a_click_on_it_selects_it() {
    let mut h = example();
    let (a, b) = two_notes(&h);
    let id = drag_a_flow(&mut h, a, b);
    h.click_at(note_center(&h, a), NONE);
    assert_eq!(
        h.state().canvas().flow_selection,
        None,
        "a note, not the flow"
    );
    let (_, end_before) = h
        .state()
        .canvas()
        .flow_screen_line(h.state().doc().board(), id)
        .unwrap();
    let from = note_center(&h, b);
    h.drag_from_to(from, from + egui::vec2(0.0, 120.0));
    let (_, end_after) = h
        .state()
        .canvas()
        .flow_screen_line(h.state().doc().board(), id)
        .unwrap();
    assert!(
        end_after.y - end_before.y > 60.0,
        "{end_before:?} → {end_after:?}"
    );
    h.click_at(flow_middle(&h, id), NONE);
    assert_eq!(h.state().canvas().flow_selection, Some(id));
    assert!(h.state().canvas().selection.is_empty());
    h.press(NONE, Key::Escape);
    assert_eq!(h.state().canvas().flow_selection, None);
}

#[test]
fn double_click_labels_a_flow_and_typing_is_one_undo_step() {
    let mut h = example();
    let (a, b) = two_notes(&h);
    let id = drag_a_flow(&mut h, a, b);
    h.double_click_at(flow_middle(&h, id));
    assert!(h.state().canvas().label_editor.is_some());
    h.type_text("playlists ");
    h.type_text("in the car");
    h.press(NONE, Key::Enter);
    assert!(
        h.state().canvas().label_editor.is_none(),
        "Enter ends typing"
    );
    assert_eq!(flow(&h, id).label, "playlists in the car");
    assert_eq!(h.state().doc().undo_label(), Some("Edit flow label"));
    h.press(CMD, Key::Z);
    assert_eq!(flow(&h, id).label, "", "one step");
    h.press(CMD, Key::Z);
    assert!(h.state().doc().board().flow(id).is_none());

    // Enter on a selected flow edits its label too, through the real text field.
    h.press(CMD_SHIFT, Key::Z);
    h.click_at(flow_middle(&h, id), NONE);
    h.press(NONE, Key::Enter);
    h.get_by_label("Flow label").type_text("data");
    h.run();
    h.press(NONE, Key::Escape);
    assert_eq!(flow(&h, id).label, "data");
}

#[test]
fn the_context_menu_changes_kind_and_direction_and_reverses() {
    let mut h = example();
    let (a, b) = two_notes(&h);
    let id = drag_a_flow(&mut h, a, b);
    let money = h.state().doc().board().flow_kinds()[1].clone();
    h.secondary_click_at(flow_middle(&h, id));
    h.get_by_label(&money.name).click();
    h.run();
    assert_eq!(flow(&h, id).kind, Some(money.id));
    assert_eq!(h.state().canvas().new_kind, Some(money.id), "remembered");

    h.secondary_click_at(flow_middle(&h, id));
    h.get_by_label("Both ways").click();
    h.run();
    assert_eq!(flow(&h, id).direction, FlowDirection::BothWays);
    h.secondary_click_at(flow_middle(&h, id));
    h.get_by_label("Reverse").click();
    h.run();
    let f = flow(&h, id);
    assert_eq!((f.from, f.to), (b, a));
    assert_eq!(h.state().doc().undo_label(), Some("Reverse flow"));

    // The next flow is drawn in the kind chosen last.
    let c = note_with_text(&h, "Riders own the ride's soundtrack");
    let next = drag_a_flow(&mut h, a, c);
    assert_eq!(flow(&h, next).kind, Some(money.id));
}

#[test]
fn delete_removes_a_selected_flow_and_deleting_a_note_removes_its_flows_in_one_step() {
    let mut h = example();
    let (a, b) = two_notes(&h);
    let before = flows(&h).len();
    let id = drag_a_flow(&mut h, a, b);
    h.press(NONE, Key::Delete);
    assert!(h.state().doc().board().flow(id).is_none());
    assert!(h.state().doc().board().note(a).is_some(), "only the flow");
    h.press(CMD, Key::Z);
    assert!(h.state().doc().board().flow(id).is_some());

    h.click_at(note_center(&h, a), NONE);
    h.press(NONE, Key::Delete);
    let board = h.state().doc().board();
    assert!(board.note(a).is_none() && board.flow(id).is_none());
    assert!(flows(&h).iter().all(|f| f.from != a && f.to != a));
    h.press(CMD, Key::Z);
    assert_eq!(flow(&h, id).from, a, "note and flow come back together");
    assert_eq!(flows(&h).len(), before + 1);
}

#[test]
fn duplicating_notes_keeps_the_flows_between_them() {
    let mut h = example();
    let (a, b) = two_notes(&h);
    drag_a_flow(&mut h, a, b);
    let before = flows(&h).len();
    h.click_at(note_center(&h, a), NONE);
    h.click_at(note_center(&h, b), Modifiers::SHIFT);
    h.press(CMD, Key::D);
    let copies = h.state().canvas().selected();
    assert_eq!(copies.len(), 2);
    let after = flows(&h);
    assert_eq!(after.len(), before + 1);
    let copy = after.last().unwrap();
    assert!(copies.contains(&copy.from) && copies.contains(&copy.to));
    h.press(CMD, Key::Z);
    assert_eq!(
        flows(&h).len(),
        before,
        "the copies and their flow, one step"
    );
}

#[test]
fn flow_kinds_are_added_and_renamed_in_the_side_panel() {
    let mut h = example();
    let kinds = h.state().doc().board().flow_kinds().len();
    click_label(&mut h, "Flow kinds");
    click_label(&mut h, "+ Add kind");
    let board = h.state().doc().board();
    assert_eq!(board.flow_kinds().len(), kinds + 1);
    let added = board.flow_kinds().last().unwrap().id;
    let field = |h: &Harness<'_, TandemApp>| {
        let last = h.get_all_by_label("Flow kind name").last().unwrap();
        (last.scroll_to_me(), last.click())
    };
    field(&h);
    h.run();
    h.press(CMD, Key::A);
    h.type_text("attention");
    // A click on the canvas ends typing, and gives the keys back to the board.
    h.click_at(empty_spot(&h), NONE);
    let board = h.state().doc().board();
    assert_eq!(board.flow_kind(added).unwrap().name, "attention");
    h.press(CMD, Key::Z);
    assert_eq!(
        h.state().doc().board().flow_kind(added).unwrap().name,
        "New kind",
        "renaming is one step"
    );
}

#[test]
fn the_status_bar_names_the_kinds_in_use_under_the_board() {
    let mut h = example();
    let line = |kinds: &[&str]| {
        kinds
            .iter()
            .fold("Flows".to_owned(), |s, k| format!("{s}  →\u{a0}{k}"))
    };
    let all = line(&["value", "data", "access to customers", "know-how"]);
    let legend = h.get_by_label(&all).rect();
    assert!(
        legend.top() >= h.state().canvas().area.bottom(),
        "under the board, where it covers no note: {legend:?}"
    );
    let data = flows(&h)
        .into_iter()
        .find(|f| f.label == "ride and listening data")
        .unwrap()
        .id;
    h.click_at(flow_middle(&h, data), NONE);
    h.press(NONE, Key::Delete);
    assert!(h.state().doc().board().flow(data).is_none());
    let without_data = line(&["value", "access to customers", "know-how"]);
    assert!(
        h.query_by_label(&without_data).is_some(),
        "no flow of data left"
    );
    h.press(CMD, Key::Z);
    assert!(h.query_by_label(&all).is_some());
}

/// Presented, a journey stage stands its rows side by side; a flow between two of its rows must
/// run from note to note as shown there, across the gap between the rows, not be cut into the
/// pieces of its line on the board that fall in each row.
#[test]
fn a_flow_in_a_presented_stage_runs_from_note_to_note_across_the_rows() {
    let mut h = example();
    let a = note_with_text(&h, "Banner in Uber app: your music, your ride");
    let b = note_with_text(&h, "Rider sees \"control the music\" in the app");
    let between = note_with_text(&h, "Uber app ride screen");
    h.click_at(note_center(&h, a), NONE);
    h.click_at(note_center(&h, b), Modifiers::SHIFT);
    h.press(NONE, Key::F);
    let id = flows(&h).last().unwrap().id;
    assert_eq!((flow(&h, id).from, flow(&h, id).to), (a, b));
    h.press(NONE, Key::Escape);
    h.press(NONE, Key::F5);
    h.press(NONE, Key::End);
    for _ in 0..5 {
        h.press(NONE, Key::ArrowLeft);
    }
    let board = h.state().doc().board();
    let stop = h
        .state()
        .workshop()
        .present
        .as_ref()
        .unwrap()
        .current(board);
    assert_eq!(stop, Some(tandem::ui::present::Stop::Stage(0)));
    let rect = |id| {
        h.state()
            .canvas()
            .note_screen_rect(h.state().doc().board(), id)
            .unwrap()
    };
    let (ra, rb, rm) = (rect(a), rect(b), rect(between));
    assert!(
        rb.right() < rm.left() && rm.right() < ra.left(),
        "the rows side by side: {rb:?} {rm:?} {ra:?}"
    );
    let (from, to) = h
        .state()
        .canvas()
        .flow_screen_line(h.state().doc().board(), id)
        .unwrap();
    // Flows stop short of their notes' edges.
    assert!(
        ra.expand(16.0).contains(from) && rb.expand(16.0).contains(to),
        "{from:?} {to:?} {ra:?} {rb:?}"
    );
    // In the gap between the middle row and the flow's first note, where only the flow is.
    let x = (rm.right() + ra.left()) / 2.0;
    let t = (x - from.x) / (to.x - from.x);
    let on_line = from + (to - from) * t;
    h.click_at(on_line, NONE);
    assert_eq!(
        h.state().canvas().flow_selection,
        Some(id),
        "the flow is drawn there"
    );
}
