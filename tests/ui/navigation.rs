//! Getting around: zoom keys, wheel, drags and pinch, zooming in to type, and long words.

use eframe::egui::{self, Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui_support::*;
use tandem::io::read_board;
use tandem::model::Point;
use tandem::ui::TandemApp;
use tandem::ui::action::Action;
use tandem::ui::dialogs::ScriptedDialogs;

#[test]
fn zoom_keys_and_fit() {
    let mut h = example();
    let z0 = h.state().canvas().view.zoom;
    h.press(CMD, Key::Plus);
    assert!(h.state().canvas().view.zoom > z0);
    h.press(CMD, Key::Minus);
    h.press(CMD, Key::Minus);
    assert!(h.state().canvas().view.zoom < z0);
    h.press(CMD, Key::Num0);
    assert!((h.state().canvas().view.zoom - z0).abs() < 1e-4);
    h.get_by_label("Fit").click();
    h.run();
    assert!((h.state().canvas().view.zoom - z0).abs() < 1e-4);
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
    let board = h.state().doc().board().clone();
    let id = note_with_text(&h, "Personal playlists");
    let p = board.note(id).unwrap().rect.center();
    let offset = |h: &Harness<'_, TandemApp>| h.state().canvas().view.offset;

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
        h.state().doc().board(),
        &board,
        "panning never edits the board"
    );
    assert!(h.state().canvas().selection.is_empty(), "nor selects");

    // Ctrl+wheel zooms in around the pointer.
    let at = screen(&h, p);
    let zoom = h.state().canvas().view.zoom;
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
        h.state().canvas().view.zoom > zoom * 1.1,
        "Ctrl+wheel zooms in"
    );
    assert_stays_under(&h, p, at);

    // A pinch (the platform's zoom gesture) zooms around the pointer as well.
    let zoom = h.state().canvas().view.zoom;
    h.event(Event::Zoom(0.5));
    h.run();
    assert!(
        (h.state().canvas().view.zoom - zoom * 0.5).abs() < 1e-3,
        "pinch out"
    );
    assert_stays_under(&h, p, at);
    assert_eq!(h.state().doc().board(), &board);
}

#[test]
fn typing_into_a_note_too_small_to_read_zooms_in_to_it() {
    let mut h = example();
    let id = note_with_text(&h, "Personal playlists");
    while painted_text_of(&h, id).is_some_and(|t| t.px >= 14.0) {
        h.press(CMD, Key::Minus);
    }
    h.double_click_at(note_center(&h, id));
    assert_eq!(h.state().canvas().editor.as_ref().map(|e| e.id), Some(id));
    assert!(
        (h.state().canvas().view.zoom - 1.0).abs() < 0.01,
        "zoomed to 100 %"
    );
    let r = h
        .state()
        .canvas()
        .note_screen_rect(h.state().doc().board(), id)
        .unwrap();
    assert!(
        h.state().canvas().area.contains_rect(r),
        "with the note in view"
    );
}

#[test]
fn a_five_thousand_character_word_is_cut_on_its_note_and_whole_while_typing() {
    let word = "Spotify".repeat(715);
    assert!(word.len() >= 5_000);
    let text = tandem::io::write_board(&read_board(EXAMPLE).unwrap().board);
    let first_note = read_board(EXAMPLE).unwrap().board.notes()[0].text.clone();
    let text = text
        .replacen(&first_note, &word, 1)
        .replace("\"name\": \"Uber\"", &format!("\"name\": \"{word}\""));
    let board = read_board(text.as_bytes()).unwrap().board;
    let id = board.notes()[0].id;
    let mut h = harness_for(TandemApp::with_dialogs(
        board,
        None,
        Box::new(ScriptedDialogs::default()),
    ));
    // The whole window draws it, zoomed out, fitted and zoomed in, and stays responsive.
    for keys in [Key::Minus, Key::Num0, Key::Plus, Key::Plus, Key::Plus] {
        h.press(CMD, keys);
        h.run_steps(3);
    }
    let area = h.state().doc().board().note(id).unwrap().rect;
    h.state_mut().send(Action::ZoomTo(area));
    h.run();
    let note = h
        .state()
        .canvas()
        .note_screen_rect(h.state().doc().board(), id)
        .unwrap();
    let shown = painted_text_of(&h, id).expect("the note's text is drawn");
    assert_eq!(shown.rows.len(), 1, "one line, not a word broken into many");
    assert!(shown.rows[0].ends_with('…'), "{:?}", shown.rows);
    assert!(shown.rect.width() <= note.width(), "inside its note");
    h.click_at(note_center(&h, id), Modifiers::NONE);
    h.press(Modifiers::NONE, Key::Enter);
    let typing = painted_text_of(&h, id).expect("the editor shows the text");
    assert_eq!(
        typing.rows.concat().chars().count(),
        word.chars().count(),
        "shown whole while typing"
    );
    h.type_text("!");
    h.press(Modifiers::NONE, Key::Escape);
    let edited = &h.state().doc().board().note(id).unwrap().text;
    assert_eq!(edited.len(), word.len() + 1, "typed into the long note");
}
