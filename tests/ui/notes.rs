//! Notes: adding, typing, chaining, moving, selecting, resizing, colouring, copying, tagging.

use eframe::egui::{self, Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::ui_support::*;
use tandem::model::{NoteColor, NoteId, Point, Region};
use tandem::ui::action::Action;

#[test]
fn double_click_creates_a_note_and_typing_fills_it_in_one_undo_step() {
    let mut h = blank();
    let spot = h.state().canvas().area.center();
    h.double_click_at(spot);
    assert_eq!(h.state().doc().board().notes().len(), 1);
    let id = h.state().doc().board().notes()[0].id;
    assert_eq!(
        h.state().canvas().editor.as_ref().map(|e| e.id),
        Some(id),
        "the new note is open for typing"
    );
    assert!(h.state().canvas().selection.contains(&id), "and selected");

    h.type_text("Spotify plays ");
    h.type_text("in every Uber ride, a long text that has to wrap over several lines");
    h.press(Modifiers::NONE, Key::Escape);
    let note = h.state().doc().board().note(id).unwrap().clone();
    assert_eq!(
        note.text,
        "Spotify plays in every Uber ride, a long text that has to wrap over several lines"
    );
    assert!(h.state().canvas().editor.is_none(), "Esc ends editing");
    assert_eq!(
        (note.rect.w, note.rect.h),
        (
            tandem::model::Note::DEFAULT_WIDTH,
            tandem::model::Note::DEFAULT_HEIGHT
        ),
        "the note keeps its size"
    );
    let shown = painted_text_of(&h, id).expect("its text is drawn");
    let largest = tandem::design::size::NOTE_TEXT.max * h.state().canvas().view.zoom;
    assert!(
        shown.px < largest && shown.rows.len() > 2,
        "the text is set smaller to fit: {shown:?}"
    );

    h.press(CMD, Key::Z);
    assert_eq!(
        h.state().doc().board().note(id).unwrap().text,
        "",
        "typing is one undo step"
    );
    h.press(CMD, Key::Z);
    assert!(
        h.state().doc().board().notes().is_empty(),
        "creating is another"
    );
    h.press(CMD_SHIFT, Key::Z);
    h.press(CMD, Key::Y);
    assert_eq!(
        h.state().doc().board().note(id).unwrap().text,
        note.text,
        "redo with Ctrl+Shift+Z and Ctrl+Y"
    );
}

#[test]
fn n_creates_a_note_at_the_pointer_and_enter_edits_a_selected_note() {
    let mut h = blank();
    let at = h.state().canvas().area.center() + egui::vec2(100.0, 50.0);
    h.hover_at(at);
    h.run();
    h.press(Modifiers::NONE, Key::N);
    let board = h.state().doc().board();
    assert_eq!(board.notes().len(), 1);
    let id = board.notes()[0].id;
    assert!(
        (note_center(&h, id) - at).length() < 1.0,
        "centred on the pointer"
    );
    h.type_text("first");
    // Clicking empty canvas ends editing and clears the selection.
    h.click_at(
        h.state().canvas().area.left_top() + egui::vec2(20.0, 20.0),
        Modifiers::NONE,
    );
    assert!(h.state().canvas().editor.is_none());
    assert!(h.state().canvas().selection.is_empty());
    // Select with a click, edit with Enter; typed text is appended (cursor at the end).
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.press(Modifiers::NONE, Key::Enter);
    assert!(h.state().canvas().editor.is_some());
    h.type_text(" and more");
    h.press(Modifiers::NONE, Key::Escape);
    assert_eq!(
        h.state().doc().board().note(id).unwrap().text,
        "first and more"
    );
}

#[test]
fn the_note_editor_is_a_real_text_field() {
    let mut h = blank();
    h.double_click_at(h.state().canvas().area.center());
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("typed through AccessKit");
    h.run();
    assert_eq!(
        h.state().doc().board().notes()[0].text,
        "typed through AccessKit"
    );
}

#[test]
fn tab_shift_tab_and_ctrl_enter_chain_notes_with_the_same_colour() {
    let mut h = blank();
    h.state_mut().send(Action::SetColor(NoteColor::Green));
    h.double_click_at(h.state().canvas().area.center());
    h.type_text("middle");
    h.press(Modifiers::NONE, Key::Tab);
    h.type_text("right");
    h.press(Modifiers::SHIFT, Key::Tab);
    // Back left of "right" is "middle": it is selected and opened, not stacked over.
    assert_eq!(h.state().doc().board().notes().len(), 2);
    assert_eq!(
        h.state().canvas().editor.as_ref().unwrap().id,
        note_with_text(&h, "middle")
    );
    h.press(Modifiers::SHIFT, Key::Tab);
    h.type_text("left");
    h.press(CMD, Key::Enter);
    h.type_text("below left");
    h.press(Modifiers::NONE, Key::Escape);

    let board = h.state().doc().board();
    let r = |t: &str| board.note(note_with_text(&h, t)).unwrap().rect;
    assert_eq!(board.notes().len(), 4);
    assert!(r("left").x < r("middle").x && r("middle").x < r("right").x);
    assert_eq!(r("left").y, r("middle").y);
    assert!(r("below left").y > r("left").bottom());
    assert_eq!(r("below left").x, r("left").x);
    assert!(board.notes().iter().all(|n| n.color == NoteColor::Green));
}

#[test]
fn dragging_a_note_from_a_block_into_a_journey_cell_changes_its_region() {
    let mut h = example();
    let id = note_with_text(&h, "Personal playlists");
    let board = h.state().doc().board();
    assert_eq!(
        board
            .region_of(board.note(id).unwrap())
            .map(|r| board.region_name(r))
            .as_deref(),
        Some("Value offer")
    );
    let target = board.lane().unwrap().cell_rect(2, 2).center(); // Use · Partner adds
    let start = note_center(&h, id);
    h.drag_from_to(start, screen(&h, target));

    let board = h.state().doc().board();
    let note = board.note(id).unwrap();
    assert_eq!(
        board.region_of(note),
        Some(Region::Cell { stage: 2, row: 2 })
    );
    assert_eq!(
        board.region_name(board.region_of(note).unwrap()),
        "Use · Partner adds"
    );
    assert_eq!(
        h.state().doc().undo_label(),
        Some("Move note"),
        "a whole drag is one undo step"
    );
    h.press(CMD, Key::Z);
    let board = h.state().doc().board();
    assert_eq!(
        board.region_name(board.region_of(board.note(id).unwrap()).unwrap()),
        "Value offer"
    );
}

#[test]
fn shift_click_selects_several_which_drag_and_delete_together() {
    let mut h = example();
    let a = note_with_text(&h, "Personal playlists");
    let b = note_with_text(&h, "In-car control API");
    h.click_at(note_center(&h, a), Modifiers::NONE);
    h.click_at(note_center(&h, b), Modifiers::SHIFT);
    assert_eq!(h.state().canvas().selection.len(), 2);
    let before = [a, b].map(|id| h.state().doc().board().note(id).unwrap().rect);
    let from = note_center(&h, a);
    h.drag_from_to(from, from + egui::vec2(0.0, 60.0));
    let after = [a, b].map(|id| h.state().doc().board().note(id).unwrap().rect);
    let dy = after[0].y - before[0].y;
    assert!(dy > 10.0);
    assert!(
        (after[1].y - before[1].y - dy).abs() < 1e-3,
        "both moved together"
    );

    h.press(Modifiers::NONE, Key::Delete);
    assert!(h.state().doc().board().note(a).is_none() && h.state().doc().board().note(b).is_none());
    assert_eq!(h.state().doc().board().notes().len(), 32);
    h.press(CMD, Key::Z);
    assert_eq!(h.state().doc().board().notes().len(), 34);
}

#[test]
fn rubber_band_and_ctrl_a_select() {
    let mut h = example();
    let board = h.state().doc().board().clone();
    let block = &board.blocks()[block_index(&board, "created-value")];
    // Drag across the block from its empty bottom-right corner to above its notes.
    let from = screen(
        &h,
        Point::new(block.rect.right() - 5.0, block.rect.bottom() - 5.0),
    );
    let to = screen(&h, Point::new(block.rect.x + 5.0, block.rect.y + 140.0));
    h.drag_from_to(from, to);
    let expected: Vec<NoteId> = board
        .notes()
        .iter()
        .filter(|n| board.region_of(n) == board.region_at(block.rect.center()))
        .map(|n| n.id)
        .collect();
    assert_eq!(expected.len(), 4);
    assert_eq!(h.state().canvas().selected(), expected);

    h.press(CMD, Key::A);
    assert_eq!(h.state().canvas().selection.len(), 34);
    h.press(Modifiers::NONE, Key::Backspace);
    assert!(h.state().doc().board().notes().is_empty());
    h.press(CMD, Key::Z);
    assert_eq!(h.state().doc().board().notes().len(), 34);
}

#[test]
fn resize_grip_resizes_and_the_text_follows() {
    let mut h = example();
    let id = note_with_text(&h, "Access to riders at the moment they sit down");
    let r = h.state().doc().board().note(id).unwrap().rect;
    let around = tandem::model::Rect::new(r.x - 300.0, r.y - 200.0, r.w + 600.0, r.h + 400.0);
    h.state_mut().send(Action::ZoomTo(around));
    h.run();
    h.click_at(note_center(&h, id), Modifiers::NONE);
    let before = h.state().doc().board().note(id).unwrap().rect;
    let px = painted_text_of(&h, id).unwrap().px;
    let grip = |h: &egui_kittest::Harness<'_, tandem::ui::TandemApp>| {
        h.state()
            .canvas()
            .note_screen_rect(h.state().doc().board(), id)
            .unwrap()
            .right_bottom()
            - egui::vec2(4.0, 4.0)
    };
    let from = grip(&h);
    h.drag_from_to(from, from + egui::vec2(80.0, 60.0));
    let big = h.state().doc().board().note(id).unwrap().rect;
    assert!(big.w > before.w && big.h > before.h, "{big:?}");
    let from = grip(&h);
    h.drag_from_to(from, from - egui::vec2(400.0, 400.0));
    let small = h.state().doc().board().note(id).unwrap().rect;
    let min = tandem::model::Note::MIN_SIZE;
    assert_eq!((small.w, small.h), (min, min), "as small as a note can be");
    let shown = painted_text_of(&h, id);
    assert!(
        shown.as_ref().is_none_or(|t| t.px < px),
        "its text is set smaller, or too small to draw: {shown:?}"
    );
}

#[test]
fn colour_duplicate_nudge_and_copy_paste() {
    let mut h = example();
    let id = note_with_text(&h, "Personal playlists");
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.get_by_label("pink").click();
    h.run();
    assert_eq!(
        h.state().doc().board().note(id).unwrap().color,
        NoteColor::Pink
    );

    let x0 = h.state().doc().board().note(id).unwrap().rect.x;
    h.press(Modifiers::NONE, Key::ArrowRight);
    h.press(Modifiers::NONE, Key::ArrowRight);
    let x2 = h.state().doc().board().note(id).unwrap().rect.x;
    assert!(x2 > x0);
    h.press(CMD, Key::Z);
    assert_eq!(
        h.state().doc().board().note(id).unwrap().rect.x,
        x0,
        "consecutive nudges are one step"
    );
    // Key repeat faster than frames: every press moves the note.
    presses_in_one_frame(&mut h, Key::ArrowRight, 3);
    let x3 = h.state().doc().board().note(id).unwrap().rect.x;
    assert!(
        (x3 - (x0 + 1.5 * (x2 - x0))).abs() < 0.01,
        "three presses, three nudges: {x0} → {x3}"
    );
    h.press(CMD, Key::Z);
    assert_eq!(h.state().doc().board().note(id).unwrap().rect.x, x0);

    h.press(CMD, Key::D);
    assert_eq!(h.state().doc().board().notes().len(), 35);
    let copy = *h.state().canvas().selection.first().unwrap();
    assert_ne!(copy, id, "the duplicate is selected");

    h.event(Event::Copy);
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("copy puts the notes on the clipboard");
    h.run();
    // Over a block with room for one more note.
    let board = h.state().doc().board();
    let transfer = board.blocks()[block_index(board, "transfer-activities")].rect;
    let at = screen(&h, transfer.center());
    h.hover_at(at);
    h.event(Event::Paste(copied));
    h.run();
    assert_eq!(h.state().doc().board().notes().len(), 36);
    let pasted = *h.state().canvas().selection.first().unwrap();
    let board = h.state().doc().board();
    let rect = board.note(pasted).unwrap().rect;
    let wanted = h
        .state()
        .canvas()
        .view
        .to_world(h.state().canvas().area, at);
    assert!(
        (rect.center().x - wanted.x).abs() <= 3.0 * rect.w
            && (rect.center().y - wanted.y).abs() <= 3.0 * rect.h,
        "pasted near the pointer: {rect:?} for {wanted:?}"
    );
    assert_eq!(
        board.region_at(rect.center()),
        board.region_at(wanted),
        "in the block under the pointer"
    );
    assert!(
        board
            .notes()
            .iter()
            .all(|n| n.id == pasted || !n.rect.intersects(&rect)),
        "and on no other note"
    );
    assert_eq!(
        h.state().doc().board().note(pasted).unwrap().text,
        "Personal playlists"
    );

    h.event(Event::Cut);
    h.run();
    assert_eq!(h.state().doc().board().notes().len(), 35);
}

#[test]
fn pasting_plain_text_makes_a_note() {
    let mut h = blank();
    h.hover_at(h.state().canvas().area.center());
    h.event(Event::Paste("Yummly recipes delivered by Instacart".into()));
    h.run();
    assert_eq!(
        h.state().doc().board().notes()[0].text,
        "Yummly recipes delivered by Instacart"
    );
}

#[test]
fn partners_tag_notes_from_the_toolbar() {
    let mut h = example();
    let id = note_with_text(&h, "Personal playlists");
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.get_by_role(egui::accesskit::Role::ComboBox).click();
    h.run();
    h.get_by_label("Uber").click();
    h.run();
    let board = h.state().doc().board();
    assert_eq!(
        board
            .note(id)
            .unwrap()
            .partner
            .and_then(|p| board.partner(p))
            .unwrap()
            .name,
        "Uber"
    );
}
