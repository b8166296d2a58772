//! UI tests: drive the real widgets of the Tandem window through egui_kittest (pointer, keys,
//! clipboard and window events) and check the document they produce.

mod ui_support;

use eframe::egui::{self, Event, Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use tandem::io::{Template, read_board};
use tandem::model::{Axis, NoteColor, NoteId, Point, Region};
use tandem::ui::TandemApp;
use tandem::ui::dialogs::{FileAnswer, FileRequest, ScriptedDialogs};
use ui_support::*;

#[test]
fn double_click_creates_a_note_and_typing_fills_it_in_one_undo_step() {
    let mut h = blank();
    let spot = h.state().canvas.area.center();
    h.double_click_at(spot);
    assert_eq!(h.state().file.doc.board().notes().len(), 1);
    let id = h.state().file.doc.board().notes()[0].id;
    assert_eq!(
        h.state().canvas.editor.as_ref().map(|e| e.id),
        Some(id),
        "the new note is open for typing"
    );
    assert!(h.state().canvas.selection.contains(&id), "and selected");

    h.type_text("Spotify plays ");
    h.type_text("in every Uber ride, a long text that has to wrap over several lines");
    h.press(Modifiers::NONE, Key::Escape);
    let note = h.state().file.doc.board().note(id).unwrap().clone();
    assert_eq!(
        note.text,
        "Spotify plays in every Uber ride, a long text that has to wrap over several lines"
    );
    assert!(h.state().canvas.editor.is_none(), "Esc ends editing");
    assert!(
        note.rect.h > tandem::model::Note::DEFAULT_HEIGHT,
        "the note grew to fit its text"
    );

    h.press(CMD, Key::Z);
    assert_eq!(
        h.state().file.doc.board().note(id).unwrap().text,
        "",
        "typing is one undo step"
    );
    h.press(CMD, Key::Z);
    assert!(
        h.state().file.doc.board().notes().is_empty(),
        "creating is another"
    );
    h.press(CMD_SHIFT, Key::Z);
    h.press(CMD, Key::Y);
    assert_eq!(
        h.state().file.doc.board().note(id).unwrap().text,
        note.text,
        "redo with Ctrl+Shift+Z and Ctrl+Y"
    );
}

#[test]
fn n_creates_a_note_at_the_pointer_and_enter_edits_a_selected_note() {
    let mut h = blank();
    let at = h.state().canvas.area.center() + egui::vec2(100.0, 50.0);
    h.hover_at(at);
    h.run();
    h.press(Modifiers::NONE, Key::N);
    let board = h.state().file.doc.board();
    assert_eq!(board.notes().len(), 1);
    let id = board.notes()[0].id;
    assert!(
        (note_center(&h, id) - at).length() < 1.0,
        "centred on the pointer"
    );
    h.type_text("first");
    // Clicking empty canvas ends editing and clears the selection.
    h.click_at(
        h.state().canvas.area.left_top() + egui::vec2(20.0, 20.0),
        Modifiers::NONE,
    );
    assert!(h.state().canvas.editor.is_none());
    assert!(h.state().canvas.selection.is_empty());
    // Select with a click, edit with Enter; typed text is appended (cursor at the end).
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.press(Modifiers::NONE, Key::Enter);
    assert!(h.state().canvas.editor.is_some());
    h.type_text(" and more");
    h.press(Modifiers::NONE, Key::Escape);
    assert_eq!(
        h.state().file.doc.board().note(id).unwrap().text,
        "first and more"
    );
}

#[test]
fn the_note_editor_is_a_real_text_field() {
    let mut h = blank();
    h.double_click_at(h.state().canvas.area.center());
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("typed through AccessKit");
    h.run();
    assert_eq!(
        h.state().file.doc.board().notes()[0].text,
        "typed through AccessKit"
    );
}

#[test]
fn tab_shift_tab_and_ctrl_enter_chain_notes_with_the_same_colour() {
    let mut h = blank();
    h.state_mut().canvas.new_color = NoteColor::Green;
    h.double_click_at(h.state().canvas.area.center());
    h.type_text("middle");
    h.press(Modifiers::NONE, Key::Tab);
    h.type_text("right");
    h.press(Modifiers::SHIFT, Key::Tab);
    // Back left of "right" is "middle": it is selected and opened, not stacked over.
    assert_eq!(h.state().file.doc.board().notes().len(), 2);
    assert_eq!(
        h.state().canvas.editor.as_ref().unwrap().id,
        note_with_text(&h, "middle")
    );
    h.press(Modifiers::SHIFT, Key::Tab);
    h.type_text("left");
    h.press(CMD, Key::Enter);
    h.type_text("below left");
    h.press(Modifiers::NONE, Key::Escape);

    let board = h.state().file.doc.board();
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
    let board = h.state().file.doc.board();
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

    let board = h.state().file.doc.board();
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
        h.state().file.doc.undo_label(),
        Some("Move note"),
        "a whole drag is one undo step"
    );
    h.press(CMD, Key::Z);
    let board = h.state().file.doc.board();
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
    assert_eq!(h.state().canvas.selection.len(), 2);
    let before = [a, b].map(|id| h.state().file.doc.board().note(id).unwrap().rect);
    let from = note_center(&h, a);
    h.drag_from_to(from, from + egui::vec2(0.0, 60.0));
    let after = [a, b].map(|id| h.state().file.doc.board().note(id).unwrap().rect);
    let dy = after[0].y - before[0].y;
    assert!(dy > 10.0);
    assert!(
        (after[1].y - before[1].y - dy).abs() < 1e-3,
        "both moved together"
    );

    h.press(Modifiers::NONE, Key::Delete);
    assert!(
        h.state().file.doc.board().note(a).is_none()
            && h.state().file.doc.board().note(b).is_none()
    );
    assert_eq!(h.state().file.doc.board().notes().len(), 32);
    h.press(CMD, Key::Z);
    assert_eq!(h.state().file.doc.board().notes().len(), 34);
}

#[test]
fn rubber_band_and_ctrl_a_select() {
    let mut h = example();
    let board = h.state().file.doc.board().clone();
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
    assert_eq!(h.state().canvas.selected(), expected);

    h.press(CMD, Key::A);
    assert_eq!(h.state().canvas.selection.len(), 34);
    h.press(Modifiers::NONE, Key::Backspace);
    assert!(h.state().file.doc.board().notes().is_empty());
    h.press(CMD, Key::Z);
    assert_eq!(h.state().file.doc.board().notes().len(), 34);
}

#[test]
fn resize_grip_resizes_but_never_below_the_text() {
    let mut h = example();
    let id = note_with_text(&h, "Personal playlists");
    h.click_at(note_center(&h, id), Modifiers::NONE);
    let r = h
        .state()
        .canvas
        .note_screen_rect(h.state().file.doc.board(), id)
        .unwrap();
    let grip = r.right_bottom() - egui::vec2(4.0, 4.0);
    h.drag_from_to(grip, grip + egui::vec2(80.0, 60.0));
    let big = h.state().file.doc.board().note(id).unwrap().rect;
    assert!(big.w > 200.0 && big.h > 120.0, "{big:?}");
    let grip = h
        .state()
        .canvas
        .note_screen_rect(h.state().file.doc.board(), id)
        .unwrap()
        .right_bottom()
        - egui::vec2(4.0, 4.0);
    h.drag_from_to(grip, grip - egui::vec2(400.0, 400.0));
    let small = h.state().file.doc.board().note(id).unwrap().rect;
    assert!(small.w >= tandem::model::Note::MIN_SIZE);
    assert!(
        small.h > 40.0,
        "still tall enough for its two lines of text: {small:?}"
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
        h.state().file.doc.board().note(id).unwrap().color,
        NoteColor::Pink
    );

    let x0 = h.state().file.doc.board().note(id).unwrap().rect.x;
    h.press(Modifiers::NONE, Key::ArrowRight);
    h.press(Modifiers::NONE, Key::ArrowRight);
    let x2 = h.state().file.doc.board().note(id).unwrap().rect.x;
    assert!(x2 > x0);
    h.press(CMD, Key::Z);
    assert_eq!(
        h.state().file.doc.board().note(id).unwrap().rect.x,
        x0,
        "consecutive nudges are one step"
    );
    // Key repeat faster than frames: every press moves the note.
    presses_in_one_frame(&mut h, Key::ArrowRight, 3);
    let x3 = h.state().file.doc.board().note(id).unwrap().rect.x;
    assert!(
        (x3 - (x0 + 1.5 * (x2 - x0))).abs() < 0.01,
        "three presses, three nudges: {x0} → {x3}"
    );
    h.press(CMD, Key::Z);
    assert_eq!(h.state().file.doc.board().note(id).unwrap().rect.x, x0);

    h.press(CMD, Key::D);
    assert_eq!(h.state().file.doc.board().notes().len(), 35);
    let copy = *h.state().canvas.selection.first().unwrap();
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
    let at = h.state().canvas.area.center();
    h.hover_at(at);
    h.event(Event::Paste(copied));
    h.run();
    assert_eq!(h.state().file.doc.board().notes().len(), 36);
    let pasted = *h.state().canvas.selection.first().unwrap();
    let board = h.state().file.doc.board();
    let rect = board.note(pasted).unwrap().rect;
    let wanted = h.state().canvas.view.to_world(h.state().canvas.area, at);
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
        h.state().file.doc.board().note(pasted).unwrap().text,
        "Personal playlists"
    );

    h.event(Event::Cut);
    h.run();
    assert_eq!(h.state().file.doc.board().notes().len(), 35);
}

#[test]
fn pasting_plain_text_makes_a_note() {
    let mut h = blank();
    h.hover_at(h.state().canvas.area.center());
    h.event(Event::Paste("Yummly recipes delivered by Instacart".into()));
    h.run();
    assert_eq!(
        h.state().file.doc.board().notes()[0].text,
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
    let board = h.state().file.doc.board();
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

/// The names of the journey's stages or rows, in order.
fn track_names(h: &Harness<'_, TandemApp>, axis: Axis) -> Vec<String> {
    let board = h.state().file.doc.board();
    let lane = board.lane().unwrap();
    lane.tracks(axis).iter().map(|t| t.name.clone()).collect()
}

#[test]
fn removing_a_stage_from_the_side_panel_keeps_its_notes_and_undoes() {
    let mut h = example();
    let before = h.state().file.doc.board().clone();
    let in_choose = note_with_text(&h, "Links Spotify to Uber");
    h.get_by_label("Remove stage Choose").click();
    h.run();
    assert_eq!(track_names(&h, Axis::Stage), ["Discover", "Use", "Finish"]);
    let board = h.state().file.doc.board();
    assert_eq!(board.notes().len(), 34, "no note is deleted");
    assert_eq!(
        board.region_of(board.note(in_choose).unwrap()),
        None,
        "it waits below the journey"
    );
    let uses = note_with_text(&h, "Music plays in the car");
    assert!(matches!(
        board.region_of(board.note(uses).unwrap()),
        Some(Region::Cell { stage: 1, .. })
    ));
    assert!(status_text(&h).contains("moved below the journey"));
    h.press(CMD, Key::Z);
    assert_eq!(*h.state().file.doc.board(), before);
}

#[test]
fn stages_and_rows_are_added_and_reordered_from_the_side_panel_with_their_notes() {
    let mut h = example();
    let before = h.state().file.doc.board().clone();
    let in_discover = note_with_text(&h, "Rider sees \"control the music\" in the app");
    let cell = |h: &Harness<'_, TandemApp>| {
        let board = h.state().file.doc.board();
        board.region_of(board.note(in_discover).unwrap())
    };
    assert_eq!(cell(&h), Some(Region::Cell { stage: 0, row: 0 }));

    h.get_by_label("Move stage Discover later").click();
    h.run();
    assert_eq!(
        track_names(&h, Axis::Stage),
        ["Choose", "Discover", "Use", "Finish"]
    );
    assert_eq!(
        cell(&h),
        Some(Region::Cell { stage: 1, row: 0 }),
        "the notes travel with their stage"
    );
    h.get_by_label("Move row Customer does later").click();
    h.run();
    assert_eq!(
        track_names(&h, Axis::Row),
        ["Touchpoints", "Customer does", "Partner adds"]
    );
    assert_eq!(cell(&h), Some(Region::Cell { stage: 1, row: 1 }));
    h.get_by_label("Move row Customer does earlier").click();
    h.run();
    assert_eq!(cell(&h), Some(Region::Cell { stage: 1, row: 0 }));

    let reordered = h.state().file.doc.board().notes().to_vec();
    h.get_by_label("+ Add stage").click();
    h.run();
    // The side panel scrolls; a user scrolls down to the rows first.
    h.get_by_label("+ Add row").scroll_to_me();
    h.run();
    h.get_by_label("+ Add row").click();
    h.run();
    assert_eq!(
        track_names(&h, Axis::Stage),
        ["Choose", "Discover", "Use", "Finish", "New stage"]
    );
    assert_eq!(
        track_names(&h, Axis::Row),
        ["Customer does", "Touchpoints", "Partner adds", "New row"]
    );
    assert_eq!(
        h.state().file.doc.board().notes(),
        reordered,
        "adding moves no note"
    );

    // Each click was one undo step.
    for _ in 0..5 {
        h.press(CMD, Key::Z);
    }
    assert_eq!(*h.state().file.doc.board(), before);
}

#[test]
fn stages_are_renamed_by_double_clicking_their_header() {
    let mut h = example();
    let header = h
        .state()
        .file
        .doc
        .board()
        .lane()
        .unwrap()
        .stage_header_rect(0)
        .center();
    h.double_click_at(screen(&h, header));
    assert!(matches!(
        h.state().chrome.modal,
        Some(tandem::ui::modals::Modal::Rename {
            axis: Axis::Stage,
            index: 0,
            ..
        })
    ));
    h.press(CMD, Key::A);
    h.type_text("Hear about it");
    h.press(Modifiers::NONE, Key::Enter);
    assert!(h.state().chrome.modal.is_none());
    assert_eq!(
        h.state().file.doc.board().lane().unwrap().stages[0].name,
        "Hear about it"
    );
    h.press(CMD, Key::Z);
    assert_eq!(
        h.state().file.doc.board().lane().unwrap().stages[0].name,
        "Discover"
    );
}

/// Runs a few frames and returns the window commands the app sent in them.
fn window_commands(h: &mut Harness<'_, TandemApp>) -> Vec<ViewportCommand> {
    let mut commands = Vec::new();
    for _ in 0..5 {
        h.step();
        if let Some(v) = h.output().viewport_output.get(&ViewportId::ROOT) {
            commands.extend(v.commands.iter().cloned());
        }
    }
    h.run();
    commands
}

/// Pushes the window's close button.
fn close_window(h: &mut Harness<'_, TandemApp>) -> Vec<ViewportCommand> {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    window_commands(h)
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(example_app(&dialogs));
    // Nothing to lose: the window just closes.
    assert!(!close_window(&mut h).contains(&ViewportCommand::CancelClose));

    h.press(CMD, Key::A);
    h.press(Modifiers::NONE, Key::Delete);
    assert!(
        h.state().title().starts_with('*'),
        "the title marks unsaved changes"
    );
    let commands = close_window(&mut h);
    assert!(commands.contains(&ViewportCommand::CancelClose));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().chrome.modal.is_none());
    assert!(
        h.state().file.doc.board().notes().is_empty(),
        "cancel keeps the board as it is"
    );

    // Save: no file yet, so the dialog asks where; then the window closes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop");
    dialogs.push_answer(FileAnswer::Chosen(path.clone()));
    close_window(&mut h);
    h.get_by_label("Save").click();
    let commands = window_commands(&mut h);
    assert!(matches!(
        dialogs.requests().last(),
        Some(FileRequest::SaveAs { .. })
    ));
    let saved = dir.path().join("workshop.tandem.json");
    assert_eq!(
        read_board(&std::fs::read(&saved).unwrap())
            .unwrap()
            .board
            .notes()
            .len(),
        0
    );
    assert!(commands.contains(&ViewportCommand::Close), "{commands:?}");
    assert_eq!(h.state().title(), "workshop.tandem.json — Tandem");
}

#[test]
fn new_board_with_unsaved_changes_can_discard() {
    let mut h = example();
    h.press(CMD, Key::A);
    h.press(Modifiers::NONE, Key::Delete);
    h.press(CMD, Key::N);
    h.get_by_label_contains("Business Model Canvas").click();
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    let board = h.state().file.doc.board();
    assert_eq!(board.blocks().len(), 9);
    assert!(board.lane().is_none());
    assert!(!h.state().file.doc.is_dirty());
}

#[test]
fn opening_a_broken_file_reports_it_and_keeps_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.tandem.json");
    std::fs::write(
        &broken,
        "{\n  \"format\": \"tandem-board\",\n  \"version\": 1,\n  \"title\": 5\n}",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::new([FileAnswer::Chosen(broken.clone())]);
    let mut h = harness_for(example_app(&dialogs));
    let before = h.state().file.doc.board().clone();
    h.press(CMD, Key::O);
    let message = h
        .state()
        .chrome
        .open_error
        .clone()
        .expect("an error is shown");
    assert!(message.contains("broken.tandem.json"), "{message}");
    assert!(message.contains("line 4"), "{message}");
    assert!(
        message.contains("invalid type: integer `5`, expected a string"),
        "{message}"
    );
    assert_eq!(*h.state().file.doc.board(), before);
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().chrome.open_error.is_none());
}

#[test]
fn save_writes_the_file_and_clears_the_marker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.tandem.json");
    let dialogs = ScriptedDialogs::default();
    let board = read_board(EXAMPLE).unwrap().board;
    let mut h = harness_for(TandemApp::with_dialogs(
        board,
        Some(path.clone()),
        Box::new(dialogs.clone()),
    ));
    let id = note_with_text(&h, "Personal playlists");
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.press(Modifiers::NONE, Key::Delete);
    assert!(h.state().title().starts_with("*w.tandem.json"));
    h.press(CMD, Key::S);
    assert!(
        dialogs.requests().is_empty(),
        "a board with a file saves without asking"
    );
    assert_eq!(h.state().title(), "w.tandem.json — Tandem");
    let saved = read_board(&std::fs::read(&path).unwrap()).unwrap().board;
    assert_eq!(saved, *h.state().file.doc.board());
}

#[test]
fn when_no_dialog_can_be_shown_a_path_can_be_typed() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::new([FileAnswer::Unavailable(
        "No file dialog could be shown".into(),
    )]);
    let mut h = harness_for(example_app(&dialogs));
    h.press(CMD_SHIFT, Key::S);
    assert!(matches!(
        h.state().chrome.modal,
        Some(tandem::ui::modals::Modal::TypePath { .. })
    ));
    let path = dir.path().join("typed.tandem.json");
    h.press(CMD, Key::A);
    h.type_text(&path.display().to_string());
    h.press(Modifiers::NONE, Key::Enter);
    assert!(h.state().chrome.modal.is_none());
    assert!(path.exists());
}

/// Runs frames until the background export reports back (bounded: a few seconds at most).
fn wait_for_export(h: &mut Harness<'_, TandemApp>) -> String {
    let start = std::time::Instant::now();
    loop {
        h.step();
        if let Some(s) = &h.state().chrome.status
            && !s.text.starts_with("Exporting")
        {
            return s.text.clone();
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the export finishes"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn file_menu_exports_the_board_and_context_menus_export_one_block() {
    use tandem::export::{Format, Scope, export};
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::new([
        FileAnswer::Chosen(dir.path().join("picture")),
        FileAnswer::Chosen(dir.path().join("desired.md")),
    ]);
    let mut h = harness_for(example_app(&dialogs));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("SVG…").click();
    h.run();
    assert_eq!(
        dialogs.requests()[0],
        FileRequest::Export {
            format: Format::Svg,
            suggested: "spotify-uber.svg".into()
        }
    );
    let status = wait_for_export(&mut h);
    let written = dir.path().join("picture.svg");
    assert_eq!(
        status,
        format!("Exported SVG to {}", written.display()),
        "the extension is added to a name typed without it"
    );
    let board = h.state().file.doc.board().clone();
    assert_eq!(
        std::fs::read(&written).unwrap(),
        export(&board, &Scope::Board, Format::Svg).unwrap()
    );

    // Right-click in the empty part of a block: export just that block.
    let block = board
        .blocks()
        .iter()
        .find(|b| b.key == "desired-value")
        .unwrap()
        .rect;
    let spot = Point::new(block.right() - 30.0, block.bottom() - 30.0);
    assert!(board.notes().iter().all(|n| !n.rect.contains(spot)));
    let empty_spot = screen(&h, spot);
    h.hover_at(empty_spot);
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: empty_spot,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    h.get_by_label("Export \u{201c}Desired value\u{201d}")
        .click();
    h.run();
    h.get_by_label("Markdown…").click();
    h.run();
    wait_for_export(&mut h);
    let md = std::fs::read_to_string(dir.path().join("desired.md")).unwrap();
    assert!(md.starts_with("# Spotify × Uber — Desired value\n"), "{md}");
    assert!(md.contains("Daily moments of listening outside the home"));
    assert!(!md.contains("Personal playlists"));
    assert!(!h.state().file.doc.is_dirty(), "exporting changes nothing");
}

#[test]
fn import_opens_a_new_unsaved_board_and_lists_what_was_not_kept() {
    let canvas =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other-app.canvas");
    let dialogs = ScriptedDialogs::new([FileAnswer::Chosen(canvas)]);
    let mut h = harness_for(example_app(&dialogs));
    // Unsaved changes first: importing asks about them like opening does.
    h.press(CMD, Key::A);
    h.press(Modifiers::NONE, Key::Delete);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import JSON Canvas…").click();
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(dialogs.requests(), [FileRequest::Import]);
    let board = h.state().file.doc.board();
    assert_eq!(board.title(), "other-app");
    assert_eq!(board.notes().len(), 5);
    assert_eq!(h.state().title(), "*Untitled — Tandem", "new and unsaved");
    let Some(tandem::ui::modals::Modal::Report { lines, .. }) = h.state().chrome.modal.clone()
    else {
        panic!("the report is shown: {:?}", h.state().chrome.modal);
    };
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[2].contains("edge \"e1\""), "{lines:?}");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().chrome.modal.is_none());
    assert!(close_window(&mut h).contains(&ViewportCommand::CancelClose));
}

#[test]
fn importing_a_broken_canvas_keeps_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.canvas");
    std::fs::write(
        &bad,
        "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\"}\n]}",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::new([FileAnswer::Chosen(bad)]);
    let mut h = harness_for(example_app(&dialogs));
    let before = h.state().file.doc.board().clone();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import JSON Canvas…").click();
    h.run();
    let message = h
        .state()
        .chrome
        .open_error
        .clone()
        .expect("an error is shown");
    assert!(
        message.contains("line 2, column 3: text node \"a\": missing field \"x\""),
        "{message}"
    );
    assert_eq!(*h.state().file.doc.board(), before);
}

#[test]
fn zoom_keys_and_fit() {
    let mut h = example();
    let z0 = h.state().canvas.view.zoom;
    h.press(CMD, Key::Plus);
    assert!(h.state().canvas.view.zoom > z0);
    h.press(CMD, Key::Minus);
    h.press(CMD, Key::Minus);
    assert!(h.state().canvas.view.zoom < z0);
    h.press(CMD, Key::Num0);
    assert!((h.state().canvas.view.zoom - z0).abs() < 1e-4);
    h.get_by_label("Fit").click();
    h.run();
    assert!((h.state().canvas.view.zoom - z0).abs() < 1e-4);
}

/// The board point under `at` stays under it: zooming is around the pointer.
fn assert_stays_under(h: &Harness<'_, TandemApp>, p: Point, at: egui::Pos2) {
    let now = screen(h, p);
    assert!(
        (now - at).length() < 1.0,
        "{p:?} moved from {at:?} to {now:?}"
    );
}

fn assert_moved(moved: egui::Vec2, expected: egui::Vec2, by: &str) {
    assert!(
        (moved - expected).length() < 1.0,
        "{by} panned by {moved:?}, not {expected:?}"
    );
}

#[test]
fn wheel_middle_drag_and_space_drag_pan_and_ctrl_wheel_and_pinch_zoom_at_the_pointer() {
    let mut h = example();
    let board = h.state().file.doc.board().clone();
    let id = note_with_text(&h, "Personal playlists");
    let p = board.note(id).unwrap().rect.center();
    let offset = |h: &Harness<'_, TandemApp>| h.state().canvas.view.offset;

    // The wheel scrolls the view (smoothly, over a few frames).
    let at = screen(&h, p);
    h.hover_at(at);
    h.run();
    let before = offset(&h);
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-30.0, -80.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_moved(offset(&h) - before, egui::vec2(-30.0, -80.0), "wheel");

    // Middle drag pans, even when it starts on a note, and does not move the note.
    let at = screen(&h, p);
    let before = offset(&h);
    h.hover_at(at);
    h.step();
    for (pos, pressed) in [(at, true), (at + egui::vec2(120.0, 60.0), false)] {
        h.hover_at(pos);
        h.step();
        h.event(Event::PointerButton {
            pos,
            button: egui::PointerButton::Middle,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    assert_moved(offset(&h) - before, egui::vec2(120.0, 60.0), "middle drag");

    // Holding Space, a primary drag that starts on a note pans instead of moving it.
    let at = screen(&h, p);
    let before = offset(&h);
    h.key_down(Key::Space);
    h.run();
    h.drag_from_to(at, at + egui::vec2(-200.0, 100.0));
    h.key_up(Key::Space);
    h.run();
    assert_moved(offset(&h) - before, egui::vec2(-200.0, 100.0), "space drag");
    assert_eq!(
        h.state().file.doc.board(),
        &board,
        "panning never edits the board"
    );
    assert!(h.state().canvas.selection.is_empty(), "nor selects");

    // Ctrl+wheel zooms in around the pointer.
    let at = screen(&h, p);
    let zoom = h.state().canvas.view.zoom;
    h.hover_at(at);
    h.run();
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 3.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: CMD,
    });
    h.run();
    assert!(
        h.state().canvas.view.zoom > zoom * 1.1,
        "Ctrl+wheel zooms in"
    );
    assert_stays_under(&h, p, at);

    // A pinch (the platform's zoom gesture) zooms around the pointer as well.
    let zoom = h.state().canvas.view.zoom;
    h.event(Event::Zoom(0.5));
    h.run();
    assert!(
        (h.state().canvas.view.zoom - zoom * 0.5).abs() < 1e-3,
        "pinch out"
    );
    assert_stays_under(&h, p, at);
    assert_eq!(h.state().file.doc.board(), &board);
}

#[test]
fn typing_into_a_note_too_small_to_read_zooms_in_to_it() {
    let mut h = example();
    assert!(
        h.state().canvas.view.zoom < 0.5,
        "the whole board is in view"
    );
    let id = note_with_text(&h, "Personal playlists");
    h.double_click_at(note_center(&h, id));
    assert_eq!(h.state().canvas.editor.as_ref().map(|e| e.id), Some(id));
    assert!(
        (h.state().canvas.view.zoom - 1.0).abs() < 0.01,
        "zoomed to 100 %"
    );
    let r = h
        .state()
        .canvas
        .note_screen_rect(h.state().file.doc.board(), id)
        .unwrap();
    assert!(
        h.state().canvas.area.contains_rect(r),
        "with the note in view"
    );
}

fn app_on_file(path: &std::path::Path, dialogs: &ScriptedDialogs) -> Harness<'static, TandemApp> {
    let mut app = TandemApp::with_dialogs(Template::Blank.board(), None, Box::new(dialogs.clone()));
    app.open_path(path);
    harness_for(app)
}

/// Adds a note with text on empty canvas, left to right in the order of the calls.
fn add_note(h: &mut Harness<'_, TandemApp>, text: &str) {
    let n = h.state().file.doc.board().notes().len() as f32;
    let spot = h.state().canvas.area.left_center() + egui::vec2(150.0 + 300.0 * n, 0.0);
    h.double_click_at(spot);
    h.type_text(text);
    h.press(Modifiers::NONE, Key::Escape);
}

#[test]
fn a_failed_save_says_why_and_keeps_the_board_open_and_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let in_a_file = dir.path().join("a-file");
    std::fs::write(&in_a_file, "not a folder").unwrap();
    for (path, reason) in [
        (
            dir.path().join("gone").join("b.tandem.json"),
            "gone does not exist",
        ),
        (
            in_a_file.join("b.tandem.json"),
            "a folder on the path is a file",
        ),
    ] {
        let dialogs = ScriptedDialogs::default();
        let mut h = harness_for(TandemApp::with_dialogs(
            Template::Blank.board(),
            Some(path.clone()),
            Box::new(dialogs.clone()),
        ));
        add_note(&mut h, "keep me");
        h.press(CMD, Key::S);
        let status = h.state().chrome.status.clone().unwrap();
        assert!(status.error && status.text.contains(reason), "{status:?}");
        assert!(status.text.contains("still open with its changes"));
        assert!(h.state().file.doc.is_dirty());
        assert!(h.state().title().starts_with('*'));
        assert!(
            matches!(&h.state().chrome.modal, Some(tandem::ui::modals::Modal::SaveFailed { message, .. }) if message.contains(reason))
        );
        // The dialog offers another place.
        h.get_by_label("Save as…").click();
        h.run();
        assert!(matches!(
            dialogs.requests().last(),
            Some(FileRequest::SaveAs { .. })
        ));
        assert_eq!(h.state().file.doc.board().notes()[0].text, "keep me");
        assert!(!path.exists());
    }
}

#[test]
fn save_asks_before_overwriting_a_file_another_program_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.tandem.json");
    tandem::io::save_file(&path, &Template::Blank.board()).unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut h = app_on_file(&path, &dialogs);
    add_note(&mut h, "mine");
    h.press(CMD, Key::S);
    assert!(
        h.state().chrome.modal.is_none(),
        "unchanged on disk: saved at once"
    );
    add_note(&mut h, "mine too");

    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"mine\"", "\"theirs\"");
    std::fs::write(&path, &theirs).unwrap();
    h.press(CMD, Key::S);
    h.get_by_label_contains("changed on disk");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "untouched");
    assert!(h.state().file.doc.is_dirty());

    h.press(CMD, Key::S);
    h.get_by_label("Save as…").click();
    h.run();
    assert!(matches!(
        dialogs.requests().last(),
        Some(FileRequest::SaveAs { .. })
    ));

    h.press(CMD, Key::S);
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(!h.state().file.doc.is_dirty());
    let texts = |p: &std::path::Path| -> Vec<String> {
        read_board(&std::fs::read(p).unwrap())
            .unwrap()
            .board
            .notes()
            .iter()
            .map(|n| n.text.clone())
            .collect()
    };
    assert_eq!(texts(&path), ["mine", "mine too"]);
    assert_eq!(
        texts(&tandem::io::files::backup_path(&path)),
        ["theirs"],
        "their version is kept as the backup"
    );

    // A file that appeared where Tandem was to create one is someone else's too.
    let fresh = dir.path().join("fresh.tandem.json");
    let mut h = harness_for(TandemApp::with_dialogs(
        Template::Blank.board(),
        Some(fresh.clone()),
        Box::new(ScriptedDialogs::default()),
    ));
    add_note(&mut h, "mine");
    std::fs::write(&fresh, "made by another program").unwrap();
    h.press(CMD, Key::S);
    h.get_by_label_contains("changed on disk");
    h.press(Modifiers::NONE, Key::Escape);
    assert_eq!(
        std::fs::read_to_string(&fresh).unwrap(),
        "made by another program"
    );
}

fn recovery_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.ends_with(".tandem-recovery.json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A blank board saved to `path`, autosaving into `rec` (and offering what is there).
fn blank_with_autosave(
    rec: &std::path::Path,
    path: Option<std::path::PathBuf>,
) -> Harness<'static, TandemApp> {
    let mut app = TandemApp::with_dialogs(
        Template::Blank.board(),
        path,
        Box::new(ScriptedDialogs::default()),
    );
    app.start_autosave(Some(rec.to_path_buf()));
    harness_for(app)
}

fn flush_autosave(h: &Harness<'_, TandemApp>) {
    h.state().services.autosave.session().unwrap().flush();
}

#[test]
fn autosave_writes_a_copy_two_seconds_after_the_last_edit_and_saving_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let path = dir.path().join("b.tandem.json");
    let mut h = blank_with_autosave(&rec, Some(path.clone()));
    assert!(h.state().chrome.modal.is_none(), "nothing to restore");
    add_note(&mut h, "unsaved idea");
    // Each step is 1/60 s of the app's clock.
    h.run_steps(60);
    flush_autosave(&h);
    assert!(
        recovery_files(&rec).is_empty(),
        "not yet: 1 s after the edit"
    );
    h.run_steps(90);
    flush_autosave(&h);
    let names = recovery_files(&rec);
    assert_eq!(names.len(), 1, "{names:?}");
    let copy =
        tandem::io::recovery::read_copy(&std::fs::read(rec.join(&names[0])).unwrap()).unwrap();
    assert_eq!(copy.loaded.board.notes()[0].text, "unsaved idea");
    assert_eq!(copy.original.as_deref(), Some(path.as_path()));

    h.press(CMD, Key::S);
    h.run();
    flush_autosave(&h);
    assert!(recovery_files(&rec).is_empty(), "saved: the copy is gone");

    add_note(&mut h, "another");
    h.run_steps(150);
    flush_autosave(&h);
    assert_eq!(recovery_files(&rec).len(), 1);
    drop(h);
    assert!(
        std::fs::read_dir(&rec).unwrap().next().is_none(),
        "a clean exit leaves nothing behind"
    );
}

/// What a crashed session leaves: a copy and a lock file nobody holds.
fn leave_copy(rec: &std::path::Path, name: &str, title: &str, original: Option<&std::path::Path>) {
    let mut board = read_board(EXAMPLE).unwrap().board;
    board.apply(tandem::model::Edit::SetTitle(title.into()));
    let text = tandem::io::recovery::copy_text(&tandem::io::recovery::Snapshot {
        board,
        original: original.map(std::path::Path::to_path_buf),
        stamp: None,
        saved_at: std::time::SystemTime::now() - std::time::Duration::from_secs(180),
    });
    std::fs::create_dir_all(rec).unwrap();
    std::fs::write(rec.join(format!("{name}.tandem-recovery.json")), text).unwrap();
    std::fs::write(rec.join(format!("{name}.lock")), "").unwrap();
}

#[test]
fn boards_left_by_a_crash_are_offered_restored_or_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let original = dir.path().join("workshop.tandem.json");
    leave_copy(&rec, "100-1", "Crashed workshop", Some(&original));
    leave_copy(&rec, "100-2", "Older sketch", None);
    let mut h = blank_with_autosave(&rec, None);
    assert!(matches!(
        h.state().chrome.modal,
        Some(tandem::ui::modals::Modal::Recover)
    ));
    h.get_by_label("Crashed workshop");
    h.get_by_label_contains(&format!("34 notes · from {}", original.display()));
    h.get_by_label_contains("34 notes · never saved · autosaved 3 minutes ago (");

    // Enter restores the first (newest) board.
    h.press(Modifiers::NONE, Key::Enter);
    let app = h.state();
    assert_eq!(app.file.doc.board().title(), "Crashed workshop");
    assert_eq!(app.file.doc.board().notes().len(), 34);
    assert!(app.file.doc.is_dirty(), "restored work is not saved yet");
    assert_eq!(app.file.path.as_deref(), Some(original.as_path()));
    assert!(
        app.chrome
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Restored workshop.tandem.json")
    );
    flush_autosave(&h);
    let names = recovery_files(&rec);
    assert_eq!(
        names.len(),
        2,
        "this session's copy, and the one still offered: {names:?}"
    );
    assert!(!names.contains(&"100-1.tandem-recovery.json".to_owned()));

    // The other board is still offered; discarding deletes it.
    assert!(matches!(
        h.state().chrome.modal,
        Some(tandem::ui::modals::Modal::Recover)
    ));
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().chrome.modal.is_none());
    flush_autosave(&h);
    assert_eq!(recovery_files(&rec).len(), 1, "only this session's copy");

    h.press(CMD, Key::S);
    h.run();
    assert_eq!(
        read_board(&std::fs::read(&original).unwrap())
            .unwrap()
            .board
            .title(),
        "Crashed workshop"
    );
    drop(h);
    assert!(std::fs::read_dir(&rec).unwrap().next().is_none());
}

#[test]
fn restoring_a_second_board_asks_about_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    leave_copy(&rec, "100-1", "First", None);
    leave_copy(&rec, "100-2", "Second", None);
    let mut h = blank_with_autosave(&rec, None);
    h.get_by_label_contains("First");
    h.press(Modifiers::NONE, Key::Enter);
    let first = h.state().file.doc.board().title().to_owned();
    // The remaining one: restoring it would replace unsaved work, so Tandem asks.
    h.press(Modifiers::NONE, Key::Enter);
    h.get_by_label_contains("Save them before restoring another board?");
    h.get_by_label("Don't save").click();
    h.run();
    assert_ne!(h.state().file.doc.board().title(), first);
    assert!(h.state().chrome.modal.is_none());
    // Esc on the offer keeps copies for later (none are left here).
    flush_autosave(&h);
    assert_eq!(recovery_files(&rec).len(), 1, "only this session's copy");
}

#[test]
fn a_five_thousand_character_word_wraps_inside_its_note_at_every_zoom() {
    let word = "Spotify".repeat(715);
    assert!(word.len() >= 5_000);
    let text = tandem::io::write_board(&read_board(EXAMPLE).unwrap().board);
    let first_note = read_board(EXAMPLE).unwrap().board.notes()[0].text.clone();
    let text = text
        .replacen(&first_note, &word, 1)
        .replace("\"name\": \"Uber\"", &format!("\"name\": \"{word}\""));
    let loaded = read_board(text.as_bytes()).unwrap();
    let board = loaded.board;
    let id = board.notes()[0].id;
    let mut h = harness_for(TandemApp::with_dialogs(
        board,
        None,
        Box::new(ScriptedDialogs::default()),
    ));
    let painter = egui::Painter::new(
        h.ctx.clone(),
        egui::LayerId::background(),
        egui::Rect::EVERYTHING,
    );
    let note = h.state().file.doc.board().note(id).unwrap().clone();
    let font = tandem::design::size::NOTE_FONT;
    let wrap = note.rect.w - 2.0 * tandem::design::size::NOTE_PADDING;
    let galley = painter.layout(
        word.clone(),
        egui::FontId::proportional(font),
        egui::Color32::BLACK,
        wrap,
    );
    assert!(
        galley.size().x <= wrap + 1.0,
        "{} wide in {wrap}",
        galley.size().x
    );
    assert!(galley.rows.len() > 50, "{} rows", galley.rows.len());
    let height = tandem::ui::canvas::paint::note_text_height(&painter, &word, note.rect.w, 1.0);
    assert!((height - galley.size().y).abs() < 1.0);
    // The whole window draws it, zoomed out, fitted and zoomed in, and stays responsive.
    for keys in [Key::Plus, Key::Plus, Key::Plus, Key::Minus, Key::Num0] {
        h.press(CMD, keys);
        h.run_steps(3);
    }
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.press(Modifiers::NONE, Key::Enter);
    h.type_text("!");
    h.press(Modifiers::NONE, Key::Escape);
    let edited = &h.state().file.doc.board().note(id).unwrap().text;
    assert_eq!(edited.len(), word.len() + 1, "typed into the long note");
}
