//! The journey lane: stages and rows added, reordered, renamed and removed with their notes.

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;

use crate::ui_support::*;
use tandem::model::{Axis, Region};
use tandem::ui::TandemApp;

/// The names of the journey's stages or rows, in order.
fn track_names(h: &Harness<'_, TandemApp>, axis: Axis) -> Vec<String> {
    let board = h.state().doc().board();
    let lane = board.lane().unwrap();
    lane.tracks(axis).iter().map(|t| t.name.clone()).collect()
}

#[test]
fn removing_a_stage_from_the_side_panel_keeps_its_notes_and_undoes() {
    let mut h = example();
    let before = h.state().doc().board().clone();
    let in_choose = note_with_text(&h, "Links Spotify to Uber");
    click_label(&mut h, "Remove stage Choose");
    assert_eq!(track_names(&h, Axis::Stage), ["Discover", "Use", "Finish"]);
    let board = h.state().doc().board();
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
    assert_eq!(*h.state().doc().board(), before);
}

#[test]
fn stages_and_rows_are_added_and_reordered_from_the_side_panel_with_their_notes() {
    let mut h = example();
    let before = h.state().doc().board().clone();
    let in_discover = note_with_text(&h, "Rider sees \"control the music\" in the app");
    let cell = |h: &Harness<'_, TandemApp>| {
        let board = h.state().doc().board();
        board.region_of(board.note(in_discover).unwrap())
    };
    assert_eq!(cell(&h), Some(Region::Cell { stage: 0, row: 0 }));

    click_label(&mut h, "Move stage Discover later");
    assert_eq!(
        track_names(&h, Axis::Stage),
        ["Choose", "Discover", "Use", "Finish"]
    );
    assert_eq!(
        cell(&h),
        Some(Region::Cell { stage: 1, row: 0 }),
        "the notes travel with their stage"
    );
    click_label(&mut h, "Move row Customer does later");
    assert_eq!(
        track_names(&h, Axis::Row),
        ["Touchpoints", "Customer does", "Partner adds"]
    );
    assert_eq!(cell(&h), Some(Region::Cell { stage: 1, row: 1 }));
    click_label(&mut h, "Move row Customer does earlier");
    assert_eq!(cell(&h), Some(Region::Cell { stage: 1, row: 0 }));

    let reordered = h.state().doc().board().notes().to_vec();
    click_label(&mut h, "+ Add stage");
    // The side panel scrolls; a user scrolls down to the rows first.
    click_label(&mut h, "+ Add row");
    assert_eq!(
        track_names(&h, Axis::Stage),
        ["Choose", "Discover", "Use", "Finish", "New stage"]
    );
    assert_eq!(
        track_names(&h, Axis::Row),
        ["Customer does", "Touchpoints", "Partner adds", "New row"]
    );
    assert_eq!(
        h.state().doc().board().notes(),
        reordered,
        "adding moves no note"
    );

    // Each click was one undo step.
    for _ in 0..5 {
        h.press(CMD, Key::Z);
    }
    assert_eq!(*h.state().doc().board(), before);
}

#[test]
fn stages_are_renamed_by_double_clicking_their_header() {
    let mut h = example();
    let header = h
        .state()
        .doc()
        .board()
        .lane()
        .unwrap()
        .stage_header_rect(0)
        .center();
    h.double_click_at(screen(&h, header));
    assert!(matches!(
        h.state().modal(),
        Some(tandem::ui::modals::Modal::Rename {
            axis: Axis::Stage,
            index: 0,
            ..
        })
    ));
    h.press(CMD, Key::A);
    h.type_text("Hear about it");
    h.press(Modifiers::NONE, Key::Enter);
    assert!(h.state().modal().is_none());
    assert_eq!(
        h.state().doc().board().lane().unwrap().stages[0].name,
        "Hear about it"
    );
    h.press(CMD, Key::Z);
    assert_eq!(
        h.state().doc().board().lane().unwrap().stages[0].name,
        "Discover"
    );
}
