//! What a new user tripped over (issue 13), each as it happened: keys that wandered into the side
//! panel, stale status lines, the view not following, dialogs that did not ask.

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui_support::*;
use tandem::model::Axis;
use tandem::ui::TandemApp;
use tandem::ui::dialogs::{FileAnswer, ScriptedDialogs};

/// The journey's stage and row names, and the board's title and partners: what typing into the
/// side panel would change.
fn panel_texts(h: &Harness<'_, TandemApp>) -> Vec<String> {
    let board = h.state().doc().board();
    let lane = board.lane().unwrap();
    let mut texts = vec![board.title().to_owned()];
    texts.extend(lane.tracks(Axis::Stage).iter().map(|t| t.name.clone()));
    texts.extend(lane.tracks(Axis::Row).iter().map(|t| t.name.clone()));
    texts.extend(board.partners().iter().map(|p| p.name.clone()));
    texts
}

#[test]
fn tab_with_nothing_selected_keeps_the_keyboard_on_the_canvas() {
    let mut h = example();
    let before = panel_texts(&h);
    for _ in 0..3 {
        h.press(Modifiers::NONE, Key::Tab);
    }
    presses_in_one_frame(&mut h, Key::Tab, 4);
    h.press(Modifiers::SHIFT, Key::Tab);
    h.type_text("xyz");
    h.press(Modifiers::NONE, Key::Backspace);
    h.run();
    assert_eq!(h.ctx.memory(|m| m.focused()), None, "no widget took focus");
    assert_eq!(panel_texts(&h), before, "nothing in the side panel changed");
}

#[test]
fn the_status_line_tells_the_last_thing_done() {
    let mut h = example();
    click_label(&mut h, "Remove stage Choose");
    h.press(CMD, Key::Z);
    assert_eq!(status_text(&h), "Undo: Remove stage");
    click_label(&mut h, "Move row Touchpoints later");
    assert_eq!(status_text(&h), "", "a later change clears what undo said");
}

#[test]
fn the_bad_file_banner_spans_the_window_and_goes_once_the_board_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.tandem.json");
    std::fs::write(&broken, "{ nope").unwrap();
    let saved = dir.path().join("kept.tandem.json");
    let dialogs = ScriptedDialogs::new([
        FileAnswer::Chosen(broken.clone()),
        FileAnswer::Chosen(saved.clone()),
    ]);
    let mut h = harness_for(example_app(&dialogs));
    h.press(CMD, Key::O);
    let banner = h.get_by_label("Dismiss").rect();
    let canvas = h.state().canvas().area;
    assert!(
        banner.right() > canvas.right() - 60.0,
        "the banner reaches across the board, not a strip: {banner:?} in {canvas:?}"
    );
    assert!(
        canvas.top() >= banner.bottom(),
        "and the board starts below it"
    );
    h.press(CMD, Key::S);
    assert!(saved.exists());
    assert!(
        h.state().open_error().is_none(),
        "a successful save clears it"
    );
}

#[test]
fn saving_as_over_an_existing_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("theirs.tandem.json");
    std::fs::write(&existing, "their work").unwrap();
    let no_dialog = || FileAnswer::Unavailable("No file dialog could be shown".into());
    let dialogs = ScriptedDialogs::new([no_dialog(), no_dialog()]);
    let mut h = harness_for(TandemApp::with_dialogs(
        tandem::io::Template::Blank.board(),
        None,
        Box::new(dialogs.clone()),
    ));
    let type_path = |h: &mut Harness<'_, TandemApp>| {
        h.press(CMD_SHIFT, Key::S);
        h.press(CMD, Key::A);
        // Without the extension: it is added, and the file it names exists.
        h.type_text(&dir.path().join("theirs").display().to_string());
        h.press(Modifiers::NONE, Key::Enter);
    };
    type_path(&mut h);
    assert!(
        matches!(
            h.state().modal(),
            Some(tandem::ui::modals::Modal::ConfirmReplace { .. })
        ),
        "asks before replacing"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "their work");
    assert_eq!(h.state().path(), None);

    type_path(&mut h);
    h.get_by_label("Replace").click();
    h.run();
    assert!(
        tandem::io::load_file(&existing).is_ok(),
        "replaced by this board"
    );
    assert_eq!(h.state().path(), Some(existing.as_path()));
}

#[test]
fn a_note_made_near_a_block_edge_lands_wholly_inside_that_block() {
    let mut h = example();
    let board = h.state().doc().board().clone();
    // A block with room for one more note, near its bottom-right corner.
    let block = board.blocks()[block_index(&board, "transfer-activities")].rect;
    let near_edge = tandem::model::Point::new(block.right() - 25.0, block.bottom() - 25.0);
    h.double_click_at(screen(&h, near_edge));
    let board = h.state().doc().board();
    assert_eq!(board.notes().len(), 35);
    let note = board.notes().last().unwrap();
    assert!(
        block.contains_rect(&note.rect),
        "{:?} is not inside {block:?}",
        note.rect
    );
}

#[test]
fn a_tiny_window_folds_the_side_panel_and_fit_still_fits() {
    let mut h = harness_sized(
        example_app(&ScriptedDialogs::default()),
        eframe::egui::vec2(300.0, 200.0),
    );
    assert!(
        h.query_by_label("Board title").is_none(),
        "the side panel folds away"
    );
    h.press(CMD, Key::Num0);
    h.run_steps(40);
    let app = h.state();
    let canvas = app.canvas().area;
    assert!(
        canvas.width() > 250.0 && canvas.height() > 100.0,
        "{canvas:?}"
    );
    let bounds = app.doc().board().bounds().unwrap();
    let shown = app.canvas().view.rect_to_screen(canvas, &bounds);
    assert!(
        canvas.expand(1.0).contains_rect(shown),
        "fit shows the whole board: {shown:?} in {canvas:?}"
    );
    h.state_mut().send(tandem::ui::action::Action::Info(
        "A long message that cannot fit beside the counts in a window this narrow".into(),
    ));
    h.run();
    let counts = h.get_by_label("34 notes · 0 selected").rect();
    let zoom = h.get_by_label("Fit").rect();
    assert!(!counts.intersects(zoom));
    let status = h.get_by_label_contains("A long message").rect();
    assert!(!status.intersects(counts), "{status:?} overlaps {counts:?}");
}

#[test]
fn leaving_presentation_comes_back_to_the_view_before() {
    let mut h = example();
    let board = h.state().doc().board().clone();
    // A block with room for one more note, near its bottom-right corner.
    let block = board.blocks()[block_index(&board, "transfer-activities")].rect;
    h.state_mut()
        .send(tandem::ui::action::Action::ZoomTo(block));
    h.run_steps(40);
    let before = h.state().canvas().view;
    h.press(Modifiers::NONE, Key::F5);
    h.run_steps(40);
    assert_ne!(
        h.state().canvas().view,
        before,
        "presenting shows the whole board"
    );
    h.press(Modifiers::NONE, Key::Escape);
    h.run_steps(40);
    assert_eq!(h.state().canvas().view, before);
}

#[test]
fn a_note_made_at_the_window_edge_is_brought_into_view_to_type_into() {
    let mut h = blank();
    let area = h.state().canvas().area;
    h.double_click_at(eframe::egui::pos2(area.right() - 8.0, area.bottom() - 8.0));
    let app = h.state();
    let id = app
        .canvas()
        .editor
        .as_ref()
        .expect("typing into the new note")
        .id;
    let on_screen = app
        .canvas()
        .note_screen_rect(app.doc().board(), id)
        .unwrap();
    assert!(
        app.canvas().area.contains_rect(on_screen),
        "{on_screen:?} in {:?}",
        app.canvas().area
    );
}

#[test]
fn notes_moved_below_the_journey_are_shown() {
    let mut h = example();
    let board = h.state().doc().board().clone();
    let lane = board.lane().unwrap();
    // Zoomed into the journey's top row: below the lane is off screen.
    let top_row = lane.track_rect(Axis::Row, 0);
    h.state_mut()
        .send(tandem::ui::action::Action::ZoomTo(top_row));
    h.run_steps(40);
    h.get_by_label("Remove stage Choose").click();
    h.run_steps(40);
    let app = h.state();
    let moved = app
        .doc()
        .board()
        .note(note_with_text(&h, "Links Spotify to Uber"))
        .unwrap()
        .rect;
    let visible = app.canvas().view.visible(app.canvas().area);
    assert!(
        visible.contains_rect(&moved),
        "{moved:?} is in view {visible:?}"
    );
}

fn stage_names(h: &Harness<'_, TandemApp>) -> Vec<String> {
    let board = h.state().doc().board();
    let lane = board.lane().unwrap();
    lane.tracks(Axis::Stage)
        .iter()
        .map(|t| t.name.clone())
        .collect()
}

#[test]
fn a_stage_just_added_takes_what_is_typed_next() {
    let mut h = example();
    click_label(&mut h, "+ Add stage");
    h.type_text("Share");
    h.press(Modifiers::NONE, Key::Enter);
    assert_eq!(
        stage_names(&h),
        ["Discover", "Choose", "Use", "Finish", "Share"]
    );
}

#[test]
fn renaming_a_stage_replaces_its_old_name() {
    let mut h = example();
    let lane = h.state().doc().board().lane().unwrap().clone();
    h.double_click_at(screen(&h, lane.stage_header_rect(2).center()));
    h.type_text("Ride");
    h.press(Modifiers::NONE, Key::Enter);
    assert_eq!(stage_names(&h)[2], "Ride");
}

#[test]
fn after_removing_a_stage_the_next_one_is_not_under_the_pointer() {
    let mut h = example();
    h.get_by_label("Remove stage Choose").scroll_to_me();
    h.run();
    let spot = h.get_by_label("Remove stage Choose").rect().center();
    h.get_by_label("Remove stage Choose").click();
    h.run();
    assert_eq!(stage_names(&h), ["Discover", "Use", "Finish"]);
    assert!(
        !h.get_by_label("Remove stage Use").rect().contains(spot),
        "a second click there would remove Use too"
    );
    // What is there instead takes the removal back.
    h.click_at(spot, Modifiers::NONE);
    assert_eq!(stage_names(&h), ["Discover", "Choose", "Use", "Finish"]);
}

#[test]
fn undo_in_a_side_panel_field_undoes_the_board() {
    let mut h = example();
    click_label(&mut h, "+ Add stage");
    h.type_text("Share");
    h.run();
    assert_eq!(stage_names(&h).last().unwrap(), "Share");
    h.press(CMD, Key::Z);
    assert_eq!(stage_names(&h).last().unwrap(), "New stage", "the typing");
    h.press(CMD, Key::Z);
    assert_eq!(stage_names(&h).len(), 4, "then the new stage");
    h.press(CMD_SHIFT, Key::Z);
    h.press(CMD_SHIFT, Key::Z);
    assert_eq!(
        stage_names(&h).last().unwrap(),
        "Share",
        "and redo brings both back"
    );
}

/// Types `word` as a keyboard does: a key press and its text, letter by letter, a frame apart.
fn type_on_keys(h: &mut Harness<'_, TandemApp>, word: &str) {
    for c in word.chars() {
        let key = Key::from_name(&c.to_ascii_uppercase().to_string());
        let modifiers = if c.is_uppercase() {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        if let Some(key) = key {
            h.key_press_modifiers(modifiers, key);
        }
        h.event(eframe::egui::Event::Text(c.to_string()));
        h.step();
    }
    h.run();
}

#[test]
fn a_sentence_typed_on_the_board_starts_no_voting_round_and_no_timer() {
    let mut h = example();
    // Nothing is open for typing: the double-click that should have made a note was missed.
    type_on_keys(&mut h, "very tall vote");
    let app = h.state();
    assert!(!app.workshop().voting, "no voting round");
    assert_eq!(
        app.workshop().timer.phase(app.workshop().clock.now()),
        tandem::ui::timer::Phase::Ready,
        "no timer"
    );
    assert!(app.workshop().lens.is_none(), "no lens");
    assert!(app.canvas().editor.is_none());
    assert!(
        status_text(&h).contains("looked like typing"),
        "{}",
        status_text(&h)
    );

    // A letter pressed on its own still does its job.
    h.run_steps(40);
    h.press(Modifiers::NONE, Key::V);
    assert!(h.state().workshop().voting);
}

#[test]
fn two_clicks_half_a_second_apart_on_a_busy_machine_still_make_a_note() {
    // Frames of a loaded machine: egui dates each click by its frame, 0.4 s apart here.
    let mut h = blank();
    let at = h.state().canvas().area.center();
    h.click_at(at, Modifiers::NONE);
    h.run_steps(20);
    h.click_at(at, Modifiers::NONE);
    assert_eq!(h.state().doc().board().notes().len(), 1);
}

#[test]
fn two_double_clicks_in_quick_succession_make_two_notes() {
    // egui counts the third quick click as a triple click even when the first was elsewhere.
    let mut h = blank();
    let c = h.state().canvas().area.center();
    h.double_click_at(c - eframe::egui::vec2(250.0, 0.0));
    h.press(Modifiers::NONE, Key::Escape);
    h.double_click_at(c + eframe::egui::vec2(250.0, 0.0));
    assert_eq!(h.state().doc().board().notes().len(), 2);
}
