//! The room in the window: notes and dots arriving from phones (over 127.0.0.1) through the
//! same door as local edits, silent writing with face-down counts, and Reveal as one undo step.

use std::net::SocketAddr;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::room_support::{Reply, call};
use crate::ui_support::*;
use tandem::model::room::Target;
use tandem::ui::TandemApp;
use tandem::ui::action::Action;
use tandem::ui::commands::Command;

/// The example board with its room open on 127.0.0.1; returns the room's address and key.
fn open_room() -> (Harness<'static, TandemApp>, SocketAddr, String) {
    let mut h = example();
    h.state_mut()
        .send(Action::OpenRoom("127.0.0.1:0".parse().unwrap()));
    h.run();
    let link = h
        .state()
        .ctx()
        .room
        .expect("the room is open")
        .room()
        .link();
    let (addr, key) = link
        .trim_start_matches("http://")
        .split_once("/#k=")
        .unwrap();
    (h, addr.parse().unwrap(), key.to_owned())
}

/// Runs frames until `request` (made on another thread, as a phone makes it) has its answer:
/// the window answers requests in its frames.
fn answered(h: &mut Harness<'_, TandemApp>, request: JoinHandle<Reply>) -> Reply {
    let start = Instant::now();
    while !request.is_finished() {
        assert!(start.elapsed() < Duration::from_secs(10), "no answer");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run();
    request.join().unwrap()
}

fn send(
    h: &mut Harness<'_, TandemApp>,
    addr: SocketAddr,
    path: &'static str,
    token: Option<String>,
    body: serde_json::Value,
) -> serde_json::Value {
    let request =
        std::thread::spawn(move || call("POST", addr, path, token.as_deref(), &body.to_string()));
    let reply = answered(h, request);
    assert!(
        reply.status < 300,
        "{path}: {} {}",
        reply.status,
        reply.body
    );
    serde_json::from_str(&reply.body).unwrap()
}

fn join(h: &mut Harness<'_, TandemApp>, addr: SocketAddr, key: &str, name: &str) -> String {
    let body = serde_json::json!({ "key": key, "name": name });
    let reply = send(h, addr, "/api/join", None, body);
    reply["token"].as_str().unwrap().to_owned()
}

fn post_note(
    h: &mut Harness<'_, TandemApp>,
    addr: SocketAddr,
    token: &str,
    target: &str,
    text: &str,
) -> u64 {
    let nonce = text.replace(' ', "-");
    let body = serde_json::json!({ "target": target, "text": text, "nonce": nonce });
    let reply = send(h, addr, "/api/notes", Some(token.to_owned()), body);
    reply["id"].as_u64().unwrap()
}

#[test]
fn notes_from_phones_land_in_their_block_and_stage_with_their_author_and_undo() {
    let (mut h, addr, key) = open_room();
    let token = join(&mut h, addr, &key, "Ana");
    let risk = post_note(&mut h, addr, &token, "block:risks", "Drivers may mute it");
    let stage = post_note(&mut h, addr, &token, "stage:2", "Playlist per ride");
    let board = h.state().doc().board().clone();
    for (id, target) in [
        (risk, Target::Block("risks".into())),
        (stage, Target::Stage(2)),
    ] {
        let note = board
            .note(tandem::model::NoteId(id))
            .expect("the note arrived");
        assert_eq!(note.author.as_deref(), Some("Ana"));
        assert!(!note.face_down);
        let region = board.region_of(note).unwrap();
        assert_eq!(Target::of(&board, region), target);
    }
    assert!(h.state().title().starts_with('*'), "unsaved, like any edit");
    h.press(CMD, Key::Z);
    assert!(
        h.state()
            .doc()
            .board()
            .note(tandem::model::NoteId(stage))
            .is_none()
    );
    assert!(
        h.state()
            .doc()
            .board()
            .note(tandem::model::NoteId(risk))
            .is_some()
    );
}

#[test]
fn silent_writing_holds_notes_face_down_until_one_reveal() {
    let (mut h, addr, key) = open_room();
    h.state_mut().send(Action::Command(Command::SilentWriting));
    h.run();
    let token = join(&mut h, addr, &key, "Ben");
    let ids: Vec<u64> = ["Secret one", "Secret two"]
        .iter()
        .map(|text| post_note(&mut h, addr, &token, "block:experiments", text))
        .collect();
    let held = |h: &Harness<'_, TandemApp>| {
        tandem::model::room::held_counts(h.state().doc().board())
            .get(&Target::Block("experiments".into()))
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(held(&h), 2, "two notes wait face down");
    // The facilitator cannot open one to read it either.
    let id = tandem::model::NoteId(ids[0]);
    h.double_click_at(note_center(&h, id));
    assert!(h.state().canvas().editor.is_none());
    assert!(status_text(&h).contains("face down"));

    h.state_mut().send(Action::Command(Command::Reveal));
    h.run();
    assert_eq!(held(&h), 0);
    assert_eq!(h.state().doc().undo_label(), Some("Reveal held notes"));
    h.press(CMD, Key::Z);
    assert_eq!(held(&h), 2, "one undo step turns them all back");
}

#[test]
fn dots_from_phones_count_during_a_voting_round() {
    let (mut h, addr, key) = open_room();
    let token = join(&mut h, addr, &key, "Cleo");
    let id = note_with_text(&h, "Personal playlists");
    h.press(Modifiers::NONE, Key::V);
    assert!(h.state().workshop().voting);
    let body = serde_json::json!({ "note": id.0, "delta": 1 });
    send(&mut h, addr, "/api/votes", Some(token), body);
    assert_eq!(h.state().doc().board().note(id).unwrap().votes, 1);
}

/// Seen on the projector in the browser test: during a round the QR card covered a third of the
/// notes being voted on, and the voting bar, centred on the window, covered the side panel's room
/// address and its lock.
#[test]
fn a_voting_round_folds_the_qr_card_and_its_bar_keeps_off_the_side_panel() {
    let (mut h, _, _) = open_room();
    assert!(h.query_by_label("Join from your phone").is_some());
    h.press(Modifiers::NONE, Key::V);
    assert!(h.state().workshop().voting);
    assert!(
        h.query_by_label("Join from your phone").is_none(),
        "the card folds"
    );
    // The bar is a strip beside the side panel, never over it.
    let bar = h
        .get_by_label("click a note to add a dot · right-click takes one back")
        .rect();
    let panel = h.get_by_label("Locked (no one new can join)").rect();
    assert!(
        bar.right() <= panel.left(),
        "the bar {bar:?} keeps off the side panel {panel:?}"
    );
    h.get_by_label("Show QR code").click();
    h.run();
    assert!(
        h.query_by_label("Join from your phone").is_some(),
        "and unfolds again"
    );
}

#[test]
fn the_toolbar_room_button_opens_the_room_then_shows_or_folds_its_card() {
    let mut h = example();
    h.get_by_role_and_label(Role::Button, "Room").click();
    h.run();
    assert!(
        h.query_by_label("Open the room").is_some(),
        "closed: the button asks where to open it"
    );
    h.press(Modifiers::NONE, Key::Escape);
    h.state_mut()
        .send(Action::OpenRoom("127.0.0.1:0".parse().unwrap()));
    h.run();
    assert!(h.query_by_label("Join from your phone").is_some());
    h.get_by_role_and_label(Role::Button, "Room").click();
    h.run();
    assert!(
        h.query_by_label("Join from your phone").is_none(),
        "open: the button folds the card"
    );
    h.get_by_role_and_label(Role::Button, "Room").click();
    h.run();
    assert!(
        h.query_by_label("Join from your phone").is_some(),
        "and shows it again for someone who comes in late"
    );
    assert!(h.state().ctx().room.is_some(), "the room stays open");
}
