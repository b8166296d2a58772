//! UI tests of the facilitation features: presentation mode, spotlight, large text, the timer
//! (on an injected clock), dot voting, arrange by votes, the partner lens, tidy, and themes.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

mod ui_support;

use std::sync::Arc;
use std::time::Duration;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use tandem::model::arrange::notes_in;
use tandem::model::{Edit, NoteId, Region, Voting};
use tandem::ui::TandemApp;
use tandem::ui::action::Action;
use tandem::ui::present::Stop;
use tandem::ui::settings::{SettingsStore, Theme};
use tandem::ui::timer::{Clock, ManualClock, Phase};
use ui_support::*;

fn stop(h: &Harness<'_, TandemApp>) -> Option<Stop> {
    h.state()
        .workshop()
        .present
        .as_ref()
        .and_then(|p| p.current(h.state().doc().board()))
}

/// The board area on screen now.
fn visible(h: &Harness<'_, TandemApp>) -> tandem::model::Rect {
    let c = h.state().canvas();
    c.view.visible(c.area)
}

fn contains(outer: &tandem::model::Rect, inner: &tandem::model::Rect) -> bool {
    inner.x >= outer.x - 0.5
        && inner.y >= outer.y - 0.5
        && inner.right() <= outer.right() + 0.5
        && inner.bottom() <= outer.bottom() + 0.5
}

#[test]
fn presenting_hides_the_chrome_and_steps_through_blocks_stages_and_the_board() {
    let mut h = example();
    assert!(h.query_by_label("File").is_some());
    h.press(Modifiers::NONE, Key::F5);
    assert!(h.state().workshop().present.is_some());
    assert!(
        h.query_by_label("File").is_none(),
        "no menu bar while presenting"
    );
    assert!(h.query_by_label("Board title").is_none(), "no side panel");

    h.press(Modifiers::NONE, Key::ArrowRight);
    assert_eq!(stop(&h), Some(Stop::Block(0)));
    let block = h.state().doc().board().blocks()[0].rect;
    let notes_area = Stop::Block(0).view_area(h.state().doc().board()).unwrap();
    assert!(
        contains(&visible(&h), &notes_area),
        "the block's notes are in view after the smooth zoom"
    );
    assert!(visible(&h).w < 2.5 * block.w, "and fill the screen");

    h.press(Modifiers::NONE, Key::PageDown);
    assert_eq!(stop(&h), Some(Stop::Block(1)));
    h.press(Modifiers::NONE, Key::PageUp);
    h.press(Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(
        stop(&h),
        Some(Stop::Block(0)),
        "no step before the first block"
    );
    h.press(Modifiers::NONE, Key::Num5);
    assert_eq!(
        stop(&h),
        Some(Stop::Block(4)),
        "number keys jump to a block"
    );
    // A clicker pressed twice quickly: both presses land in one frame, and both count.
    presses_in_one_frame(&mut h, Key::ArrowRight, 2);
    assert_eq!(stop(&h), Some(Stop::Block(6)), "two presses, two steps");
    presses_in_one_frame(&mut h, Key::PageUp, 2);
    assert_eq!(stop(&h), Some(Stop::Block(4)));
    for _ in 0..4 {
        h.press(Modifiers::NONE, Key::ArrowRight);
    }
    assert_eq!(
        stop(&h),
        Some(Stop::Stage(0)),
        "after the blocks come the journey stages"
    );
    let lane = h.state().doc().board().lane().unwrap().clone();
    assert!(contains(
        &visible(&h),
        &lane.track_rect(tandem::model::Axis::Stage, 0)
    ));
    for _ in 0..10 {
        h.press(Modifiers::NONE, Key::ArrowRight);
    }
    assert_eq!(stop(&h), Some(Stop::Whole));
    assert!(contains(
        &visible(&h),
        &h.state().doc().board().bounds().unwrap()
    ));
    h.press(Modifiers::NONE, Key::Home);
    assert_eq!(stop(&h), Some(Stop::Block(0)), "Home: the first block");
    h.press(Modifiers::NONE, Key::End);
    assert_eq!(stop(&h), Some(Stop::Whole), "End: the whole board");

    h.press(Modifiers::NONE, Key::Escape);
    assert!(h.state().workshop().present.is_none());
    assert!(
        h.query_by_label("File").is_some(),
        "Esc brings the chrome back"
    );
}

#[test]
fn the_board_stays_editable_while_presenting() {
    let mut h = example();
    h.press(Modifiers::NONE, Key::F5);
    h.press(Modifiers::NONE, Key::Num1);
    let before = h.state().doc().board().notes().len();
    let block = h.state().doc().board().blocks()[0].rect;
    let empty = screen(
        &h,
        tandem::model::Point::new(block.x + block.w * 0.7, block.y + block.h * 0.8),
    );
    h.double_click_at(empty);
    h.type_text("Said in the room");
    h.press(Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().doc().board().notes().len(), before + 1);
    assert!(
        h.state().workshop().present.is_some(),
        "Esc ended typing, not the presentation"
    );
    let id = note_with_text(&h, "Said in the room");
    let from = note_center(&h, id);
    h.drag_from_to(from, from + egui::vec2(-60.0, 0.0));
    assert!(
        h.state().doc().board().note(id).unwrap().rect.x < block.x + block.w * 0.7 - 10.0,
        "moved live"
    );
}

#[test]
fn spotlight_dims_all_but_the_current_block() {
    let mut h = example();
    h.press(Modifiers::NONE, Key::F5);
    h.press(Modifiers::NONE, Key::Num3);
    assert_eq!(h.state().look().spotlight, None);
    h.press(Modifiers::NONE, Key::S);
    assert_eq!(
        h.state().look().spotlight,
        Some(h.state().doc().board().blocks()[2].rect)
    );
    h.press(Modifiers::NONE, Key::S);
    assert_eq!(h.state().look().spotlight, None);
}

#[test]
fn the_tour_stops_at_what_flows_where_before_the_whole_board() {
    // The example without its flows, so the one drawn here is the only one.
    let mut board = tandem::io::read_board(EXAMPLE).unwrap().board;
    let all = board.flows().iter().map(|f| f.id).collect();
    board.apply(Edit::RemoveFlows(all));
    let dialogs = tandem::ui::dialogs::ScriptedDialogs::default();
    let mut h = harness_for(TandemApp::with_dialogs(board, None, Box::new(dialogs)));
    let spotify = note_with_text(&h, "Personal playlists");
    let uber = note_with_text(&h, "Uber differentiates its rides");
    h.click_at(note_center(&h, spotify), Modifiers::NONE);
    h.click_at(note_center(&h, uber), Modifiers::SHIFT);
    h.press(Modifiers::NONE, Key::F);
    h.press(Modifiers::NONE, Key::F5);
    h.press(Modifiers::NONE, Key::PageUp);
    assert_eq!(stop(&h), Some(Stop::Whole));
    h.press(Modifiers::NONE, Key::PageUp);
    assert_eq!(stop(&h), Some(Stop::Flows));
    let board = h.state().doc().board();
    for id in [spotify, uber] {
        assert!(contains(&visible(&h), &board.note(id).unwrap().rect));
    }
    assert!(
        h.query_by_label("⚠ only gives").is_some() && h.query_by_label("⚠ only takes").is_some(),
        "the card flags Spotify, which only gives, and Uber, which only takes"
    );
    assert!(h.query_by_label("What Spotify gives and gets").is_some());
    let flag = h.get_by_label("⚠ only gives").rect();
    assert!(
        flag.left() >= h.state().canvas().area.right(),
        "in a strip beside the board, covering no note: {flag:?}"
    );
    h.press(Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_label("⚠ only takes").is_some(),
        "the side panel too"
    );
}

#[test]
fn large_text_makes_note_text_at_least_28_px_at_every_block_on_a_720p_projector() {
    let app = example_app(&tandem::ui::dialogs::ScriptedDialogs::default()).with_settings(
        tandem::ui::settings::Settings {
            large_text: true,
            ..Default::default()
        },
    );
    let mut h = harness_sized(app, egui::vec2(1280.0, 720.0));
    h.press(Modifiers::NONE, Key::F5);
    let blocks = h.state().doc().board().blocks().len();
    for i in 0..blocks {
        h.press(Modifiers::NONE, Key::ArrowRight);
        assert_eq!(stop(&h), Some(Stop::Block(i)));
        let board = h.state().doc().board();
        for note in notes_in(board, Region::Block(i)) {
            let px = painted_text_of(&h, note.id).map_or(0.0, |t| t.px);
            assert!(px >= 28.0, "block {i}: {:?} is {px:.1} px", note.text);
        }
    }
}

#[test]
fn timer_counts_down_on_the_clock_pauses_and_signals_time_up() {
    let clock = ManualClock::default();
    let app = example_app(&tandem::ui::dialogs::ScriptedDialogs::default())
        .with_clock(Arc::new(clock.clone()));
    let mut h = harness_for(app);
    // Pick the 1-minute preset from the Workshop menu.
    h.get_by_label("Workshop").click();
    h.run();
    h.get_by_label("1 min").click();
    h.run();
    assert_eq!(h.state().workshop().timer.length(), Duration::from_secs(60));
    h.press(Modifiers::NONE, Key::T);
    assert_eq!(
        h.state().workshop().timer.phase(clock.now()),
        Phase::Running
    );
    clock.advance(Duration::from_secs(20));
    h.run();
    assert!(h.query_by_label_contains("Timer 0:40").is_some());
    h.press(Modifiers::NONE, Key::T);
    clock.advance(Duration::from_secs(300));
    h.run();
    assert!(
        h.query_by_label_contains("0:40 paused").is_some(),
        "paused time does not run"
    );
    h.press(Modifiers::NONE, Key::T);
    clock.advance(Duration::from_secs(41));
    h.run();
    assert!(matches!(
        h.state().workshop().timer.phase(clock.now()),
        Phase::Up { .. }
    ));
    assert!(
        h.query_by_label_contains("Time's up").is_some(),
        "time up shows, with no dialog"
    );
    assert!(h.state().modal().is_none());
    h.press(Modifiers::SHIFT, Key::T);
    assert_eq!(h.state().workshop().timer.phase(clock.now()), Phase::Ready);
    assert!(h.query_by_label_contains("Timer 1:00").is_some());
}

#[test]
fn a_typed_timer_length_is_used_and_a_bad_one_is_explained() {
    let mut h = example();
    h.get_by_label("Workshop").click();
    h.run();
    h.get_by_label("Timer length").focus();
    h.run();
    h.type_text("2:30");
    h.get_by_label("Set").click();
    h.run();
    assert_eq!(
        h.state().workshop().timer.length(),
        Duration::from_secs(150)
    );
    h.get_by_label("Workshop").click();
    h.run();
    h.get_by_label("Timer length").focus();
    h.run();
    h.type_text("soon");
    h.get_by_label("Set").click();
    h.run();
    assert!(status_text(&h).contains("is not a length"));
    assert_eq!(
        h.state().workshop().timer.length(),
        Duration::from_secs(150)
    );
}

#[test]
fn dot_voting_adds_and_takes_back_dots_within_the_budget_and_saves_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("votes.tandem.json");
    let board = tandem::io::read_board(EXAMPLE).unwrap().board;
    let dialogs = tandem::ui::dialogs::ScriptedDialogs::default();
    let app = TandemApp::with_dialogs(board, Some(path.clone()), Box::new(dialogs));
    let mut h = harness_for(app);
    h.state_mut().send(Action::edit(
        "Voting settings",
        Edit::SetVoting(Voting {
            dots_per_person: 2,
            people: 2,
        }),
    ));
    h.run();
    let a = note_with_text(&h, "Personal playlists");
    let b = note_with_text(&h, "In-car control API");
    h.press(Modifiers::NONE, Key::V);
    assert!(h.state().workshop().voting);
    for _ in 0..3 {
        h.click_at(note_center(&h, a), Modifiers::NONE);
    }
    h.click_at(note_center(&h, b), Modifiers::NONE);
    h.click_at(note_center(&h, b), Modifiers::NONE);
    let votes =
        |h: &Harness<'_, TandemApp>, id: NoteId| h.state().doc().board().note(id).unwrap().votes;
    assert_eq!(
        (votes(&h, a), votes(&h, b)),
        (3, 1),
        "the fifth dot is refused: 2 people × 2 dots"
    );
    assert!(status_text(&h).contains("All 4 dots are placed"));
    assert!(h.query_by_label_contains("4 of 4 dots placed").is_some());
    h.secondary_click_at(note_center(&h, a));
    assert_eq!(votes(&h, a), 2, "right-click takes a dot back");
    h.press(Modifiers::COMMAND, Key::Z);
    assert_eq!(votes(&h, a), 3, "undoable");
    assert_eq!(
        h.state().canvas().selection.len(),
        0,
        "voting clicks do not select"
    );
    assert!(
        h.query_by_label_contains("3 · Personal playlists")
            .is_some(),
        "ranked in the side panel"
    );
    h.get_all_by_label("Finish voting").next().unwrap().click();
    h.run();
    assert!(!h.state().workshop().voting);
    h.press(Modifiers::COMMAND, Key::S);
    let saved = tandem::io::load_file(&path).unwrap().board;
    assert_eq!(saved.note(a).unwrap().votes, 3);
    assert_eq!(
        saved.voting(),
        Voting {
            dots_per_person: 2,
            people: 2
        }
    );
}

#[test]
fn arrange_by_votes_and_reset_votes_are_single_undo_steps() {
    let mut h = example();
    let board = h.state().doc().board().clone();
    let block = Region::Block(block_index(&board, "created-value"));
    let ids: Vec<NoteId> = notes_in(&board, block).iter().map(|n| n.id).collect();
    // The last note in reading order gets the most votes.
    let mut voted = board.note(ids[3]).unwrap().clone();
    voted.votes = 4;
    h.state_mut()
        .send(Action::edit("Vote", Edit::UpdateNotes(vec![voted.clone()])));
    h.run();
    h.get_by_label("Arrange by votes").click();
    h.run();
    let now = h.state().doc().board().clone();
    let order: Vec<NoteId> = notes_in(&now, block).iter().map(|n| n.id).collect();
    assert_eq!(order[0], voted.id, "most votes first");
    assert!(
        now.notes()
            .iter()
            .all(|n| board.region_of(board.note(n.id).unwrap()) == now.region_of(n)),
        "every note stays in its region"
    );
    h.press(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().doc().board().note(voted.id).unwrap().rect,
        voted.rect
    );
    h.get_by_label("Reset votes").click();
    h.run();
    assert!(h.state().doc().board().notes().iter().all(|n| n.votes == 0));
    h.press(Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().board().note(voted.id).unwrap().votes, 4);
}

#[test]
fn partner_lens_highlights_a_partner_and_names_stages_no_partner_touches() {
    let mut h = example();
    // Nobody adds to the Finish stage once its only partner note is gone.
    let finish = note_with_text(&h, "\"Your ride mix\" playlist saved to the library");
    h.click_at(note_center(&h, finish), Modifiers::NONE);
    h.press(Modifiers::NONE, Key::Delete);
    h.press(Modifiers::NONE, Key::L);
    let board = h.state().doc().board().clone();
    let uber = board
        .partners()
        .iter()
        .find(|p| p.name == "Uber")
        .unwrap()
        .id;
    assert_eq!(h.state().look().lens, Some(uber));
    assert!(h.query_by_label_contains("no partner yet").is_some());
    assert!(h.query_by_label("Partner lens:").is_some());
    h.press(Modifiers::NONE, Key::L);
    assert_eq!(
        h.state()
            .look()
            .lens
            .and_then(|id| board.partner(id))
            .map(|p| p.name.as_str()),
        Some("Spotify")
    );
    h.press(Modifiers::NONE, Key::L);
    assert_eq!(h.state().look().lens, None);
    assert!(h.query_by_label("Partner lens:").is_none());
    // The side panel's Lens button does the same.
    h.get_all_by_label("Lens").next().unwrap().click();
    h.run();
    assert_eq!(h.state().look().lens, Some(uber));
}

#[test]
fn tidy_lays_out_a_messy_block_in_one_undo_step() {
    let mut h = example();
    let board = h.state().doc().board().clone();
    let block_i = block_index(&board, "transfer-activities");
    let block = board.blocks()[block_i].rect;
    // Pile the block's notes up near its centre.
    let piled: Vec<_> = notes_in(&board, Region::Block(block_i))
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let mut n = (*n).clone();
            n.rect.x = block.center().x - 100.0 + 15.0 * k as f32;
            n.rect.y = block.center().y - 60.0 + 10.0 * k as f32;
            n
        })
        .collect();
    h.state_mut()
        .send(Action::edit("Pile", Edit::UpdateNotes(piled.clone())));
    h.run();
    h.hover_at(screen(
        &h,
        tandem::model::Point::new(block.x + 30.0, block.bottom() - 30.0),
    ));
    h.run();
    h.press(
        Modifiers {
            alt: true,
            ..Modifiers::COMMAND
        },
        Key::T,
    );
    let now = h.state().doc().board();
    let tidy = notes_in(now, Region::Block(block_i));
    assert_eq!(tidy.len(), piled.len());
    for (i, a) in tidy.iter().enumerate() {
        for b in &tidy[i + 1..] {
            assert!(
                !a.rect.intersects(&b.rect),
                "{} overlaps {}",
                a.text,
                b.text
            );
        }
    }
    h.press(Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().doc().board().note(piled[0].id).unwrap().rect,
        piled[0].rect
    );
}

#[test]
fn a_new_note_on_a_crowded_spot_does_not_hide_the_notes_there() {
    let mut h = example();
    let id = note_with_text(&h, "Personal playlists");
    h.hover_at(note_center(&h, id));
    h.run();
    h.press(Modifiers::NONE, Key::N);
    let board = h.state().doc().board();
    let new = board.notes().last().unwrap();
    assert!(
        board
            .notes()
            .iter()
            .all(|n| n.id == new.id || !n.rect.intersects(&new.rect))
    );
    assert_eq!(
        board.region_of(new),
        board.region_of(board.note(id).unwrap()),
        "next to it, in the same block"
    );
}

#[test]
fn theme_and_text_size_are_remembered_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let store = SettingsStore {
        path: Some(dir.path().join("settings.json")),
    };
    let app = example_app(&tandem::ui::dialogs::ScriptedDialogs::default())
        .with_settings_store(store.clone());
    let mut h = harness_for(app);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Dark theme").click();
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Large text").click();
    h.run();
    assert_eq!(h.state().settings().theme, Theme::Dark);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark, "egui's widgets follow");
    let again =
        example_app(&tandem::ui::dialogs::ScriptedDialogs::default()).with_settings_store(store);
    assert_eq!(again.settings().theme, Theme::Dark);
    assert!(again.settings().large_text);
}
