//! Property tests of the loader, run by `cargo test` with a modest number of cases each
//! (`PROPTEST_CASES=N` runs more, e.g. in release mode for a long fuzzing session):
//!
//! - no input makes `read_board` panic: arbitrary bytes, the example file mutated, JSON of the
//!   board's own shape with arbitrary values;
//! - whatever loads, saves and loads again to the same board with no further repairs;
//! - any board the model can build, by a random sequence of user operations (unicode text,
//!   partners, lane changes, notes from the room, flows and their kinds, undo and redo),
//!   survives save and load unchanged, and undoing every step gives back the starting board byte
//!   for byte.

use proptest::prelude::*;
use proptest::test_runner::Config;

use tandem::io::{Template, load_file, read_board, save_file, write_board};
use tandem::model::ops::{self, Direction};
use tandem::model::room::{self, Target};
use tandem::model::{
    Axis, Document, Edit, FlowDirection, Note, NoteColor, NoteId, Point, Rgb, Voting,
};

const EXAMPLE: &[u8] = include_bytes!("../assets/examples/spotify-uber.tandem.json");

fn config(default_cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Whatever loads must save and load again as the same board, with nothing left to repair.
fn loads_stably(bytes: &[u8]) {
    if let Ok(loaded) = read_board(bytes) {
        let written = write_board(&loaded.board);
        let again = read_board(written.as_bytes())
            .unwrap_or_else(|d| panic!("a loaded board saved unreadably: {d}\n{written}"));
        assert!(again.repairs.is_empty(), "{:?}", again.repairs);
        assert_eq!(again.board, loaded.board);
    }
}

// ---- Inputs ----

/// A change to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

/// Pieces that make a mutated file more likely to stay JSON, or to hit the checks.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "0",
    "-1",
    "1e39",
    "1e400",
    "-0.0",
    "4000000000",
    "18446744073709551615",
    "null",
    "true",
    "\"id\": 1",
    "\"partner\": 9",
    "\"votes\": 99999",
    "\"x\": ",
    "\"color\": \"teal\"",
    "\"extra\": 1",
    "é",
    "👩‍👩‍👧",
    "\u{feff}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0..EXAMPLE.len();
    prop_oneof![
        (at.clone(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            at.clone(),
            prop_oneof![
                prop::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 1..8),
            ]
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (at.clone(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (at.clone(), 1..256usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        at.prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        match m {
            Mutation::Flip(i, b) if *i < len => bytes[*i] = *b,
            Mutation::Insert(i, b) => {
                let i = (*i).min(len);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Delete(i, n) if *i < len => {
                bytes.drain(*i..(*i + n).min(len));
            }
            Mutation::Duplicate(i, n) if *i < len => {
                let piece = bytes[*i..(*i + n).min(len)].to_vec();
                bytes.splice(*i..*i, piece);
            }
            Mutation::Truncate(i) => bytes.truncate(*i),
            _ => {}
        }
    }
    bytes
}

/// JSON built from the format's own field names, with values of any type.
fn board_shaped_json() -> impl Strategy<Value = serde_json::Value> {
    const KEYS: &[&str] = &[
        "format",
        "version",
        "title",
        "blocks",
        "journey",
        "partners",
        "voting",
        "notes",
        "id",
        "text",
        "x",
        "y",
        "w",
        "h",
        "color",
        "partner",
        "votes",
        "key",
        "prompt",
        "name",
        "width",
        "height",
        "stages",
        "rows",
        "label_width",
        "header_height",
        "dots_per_person",
        "people",
        "author",
        "face_down",
        "flow_kinds",
        "flows",
        "from",
        "to",
        "direction",
        "kind",
        "label",
    ];
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1e7f64..1e7).prop_map(serde_json::Value::from),
        prop::sample::select(vec![0.0, -0.0, 1e39, -1e39, 40.0, 4000.0, 2f64.powi(53)])
            .prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "tandem-board",
            "yellow",
            "#1DB954",
            "",
            "é",
            "one-way",
            "both-ways"
        ])
        .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|kv| {
                serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// A board file whose top level is right, so the checks below it get exercised.
fn nearly_valid_board() -> impl Strategy<Value = serde_json::Value> {
    (
        0..5u64,
        prop::collection::vec(board_shaped_json(), 0..4),
        prop::collection::vec(board_shaped_json(), 0..4),
        prop::option::of(board_shaped_json()),
        prop::option::of(prop::collection::vec(board_shaped_json(), 0..4)),
    )
        .prop_map(|(version, partners, notes, journey, flows)| {
            let mut board = serde_json::json!({
                "format": "tandem-board",
                "version": version,
                "title": "T",
                "blocks": [],
                "partners": partners,
                "voting": {"dots_per_person": 3, "people": 0},
                "notes": notes,
            });
            if let Some(j) = journey {
                board["journey"] = j;
            }
            if let Some(flows) = flows {
                board["flows"] = serde_json::Value::Array(flows);
            }
            board
        })
}

// ---- User operations ----

/// Anything a person might type, control characters and all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        prop::collection::vec(any::<char>(), 0..30).prop_map(String::from_iter),
        Just("Spotify × Uber 🚗🎵 عربى\n\t\"quoted\" \\ back".to_owned()),
    ]
}

fn any_coord() -> impl Strategy<Value = f32> {
    prop_oneof![
        -3e6f32..3e6,
        Just(f32::NAN),
        Just(f32::INFINITY),
        Just(-0.0),
    ]
}

#[derive(Clone, Debug)]
enum Op {
    NewNote(f32, f32, String),
    EditText(usize, String),
    Move(usize, f32, f32),
    Resize(usize, f32, f32),
    Color(usize, usize),
    Votes(usize, u32),
    Delete(usize),
    Duplicate(usize, usize),
    Front(usize),
    Next(usize, u8),
    AddPartner(String),
    UpdatePartner(usize, String, [u8; 3]),
    RemovePartner(usize),
    Tag(usize, Option<usize>),
    AddTrack(bool, usize, String),
    RemoveTrack(bool, usize),
    MoveTrack(bool, usize, usize),
    RenameTrack(bool, usize, String),
    Title(String),
    Voting(u32, u32),
    /// A note from the room into block or stage `usize` (blocks first), by an author, maybe held.
    FromRoom(usize, String, String, bool),
    Reveal,
    Hide(usize, bool),
    NewFlow(usize, usize, Option<usize>),
    RelabelFlow(usize, String),
    FlowKind(usize, Option<usize>),
    ReverseFlow(usize),
    BothWays(usize, bool),
    DeleteFlow(usize),
    AddKind(String),
    UpdateKind(usize, String, [u8; 3]),
    RemoveKind(usize),
    Undo,
    Redo,
}

/// Flows need notes to join, so other operations come more often.
fn op() -> impl Strategy<Value = Op> {
    prop_oneof![3 => board_op(), 2 => flow_op()]
}

fn board_op() -> impl Strategy<Value = Op> {
    let pick = 0..64usize;
    prop_oneof![
        (any_coord(), any_coord(), any_text()).prop_map(|(x, y, t)| Op::NewNote(x, y, t)),
        (pick.clone(), any_text()).prop_map(|(i, t)| Op::EditText(i, t)),
        (pick.clone(), any_coord(), any_coord()).prop_map(|(i, x, y)| Op::Move(i, x, y)),
        (pick.clone(), any_coord(), any_coord()).prop_map(|(i, w, h)| Op::Resize(i, w, h)),
        (pick.clone(), 0..7usize).prop_map(|(i, c)| Op::Color(i, c)),
        (pick.clone(), any::<u32>()).prop_map(|(i, v)| Op::Votes(i, v)),
        pick.clone().prop_map(Op::Delete),
        (pick.clone(), pick.clone()).prop_map(|(i, j)| Op::Duplicate(i, j)),
        pick.clone().prop_map(Op::Front),
        (pick.clone(), 0..3u8).prop_map(|(i, d)| Op::Next(i, d)),
        any_text().prop_map(Op::AddPartner),
        (pick.clone(), any_text(), any::<[u8; 3]>())
            .prop_map(|(i, n, c)| Op::UpdatePartner(i, n, c)),
        pick.clone().prop_map(Op::RemovePartner),
        (pick.clone(), prop::option::of(pick.clone())).prop_map(|(i, p)| Op::Tag(i, p)),
        (any::<bool>(), pick.clone(), any_text()).prop_map(|(a, i, n)| Op::AddTrack(a, i, n)),
        (any::<bool>(), pick.clone()).prop_map(|(a, i)| Op::RemoveTrack(a, i)),
        (any::<bool>(), pick.clone(), pick.clone()).prop_map(|(a, i, j)| Op::MoveTrack(a, i, j)),
        (any::<bool>(), pick.clone(), any_text()).prop_map(|(a, i, n)| Op::RenameTrack(a, i, n)),
        any_text().prop_map(Op::Title),
        (any::<u32>(), any::<u32>()).prop_map(|(d, p)| Op::Voting(d, p)),
        (pick.clone(), any_text(), any_text(), any::<bool>())
            .prop_map(|(t, text, author, down)| Op::FromRoom(t, text, author, down)),
        Just(Op::Reveal),
        (pick.clone(), any::<bool>()).prop_map(|(i, down)| Op::Hide(i, down)),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn flow_op() -> impl Strategy<Value = Op> {
    let pick = 0..64usize;
    prop_oneof![
        4 => (pick.clone(), pick.clone(), prop::option::of(pick.clone()))
            .prop_map(|(i, j, k)| Op::NewFlow(i, j, k)),
        1 => (pick.clone(), any_text()).prop_map(|(i, t)| Op::RelabelFlow(i, t)),
        1 => (pick.clone(), prop::option::of(pick.clone())).prop_map(|(i, k)| Op::FlowKind(i, k)),
        1 => pick.clone().prop_map(Op::ReverseFlow),
        1 => (pick.clone(), any::<bool>()).prop_map(|(i, b)| Op::BothWays(i, b)),
        1 => pick.clone().prop_map(Op::DeleteFlow),
        1 => any_text().prop_map(Op::AddKind),
        1 => (pick.clone(), any_text(), any::<[u8; 3]>())
            .prop_map(|(i, n, c)| Op::UpdateKind(i, n, c)),
        1 => pick.prop_map(Op::RemoveKind),
    ]
}

fn axis(stage: bool) -> Axis {
    if stage { Axis::Stage } else { Axis::Row }
}

/// Does `op` to the document the way the app does: compute an edit with `ops`, apply it.
fn perform(doc: &mut Document, op: &Op) {
    // Fresh ids come from the document before the board is read; unused ones are simply skipped.
    let fresh_note = doc.new_note_id();
    let fresh_partner = doc.new_partner_id();
    let copy_ids = doc.new_note_ids(2);
    let flow_ids = doc.new_flow_ids(8);
    let fresh_kind = doc.new_flow_kind_id();
    let board = doc.board();
    let note = |i: usize| -> Option<NoteId> {
        let notes = board.notes();
        (!notes.is_empty()).then(|| notes[i % notes.len()].id)
    };
    let partner = |i: usize| {
        let ps = board.partners();
        (!ps.is_empty()).then(|| ps[i % ps.len()].id)
    };
    let tracks = |stage: bool| board.lane().map_or(0, |l| l.tracks(axis(stage)).len());
    let flow = |i: usize| {
        let flows = board.flows();
        (!flows.is_empty()).then(|| flows[i % flows.len()].id)
    };
    let kind = |i: usize| {
        let kinds = board.flow_kinds();
        (!kinds.is_empty()).then(|| kinds[i % kinds.len()].id)
    };
    let edit = match op {
        Op::NewNote(x, y, text) => {
            let edit = ops::new_note(board, fresh_note, Point::new(*x, *y), None);
            doc.apply("New note", edit, None);
            ops::update_notes(doc.board(), &[fresh_note], |n| n.text = text.clone())
        }
        Op::EditText(i, text) => {
            note(*i).and_then(|id| ops::update_notes(board, &[id], |n| n.text = text.clone()))
        }
        Op::Move(i, dx, dy) => note(*i).and_then(|id| {
            let r = board.note(id)?.rect;
            ops::move_notes(board, &[(id, r)], *dx, *dy)
        }),
        Op::Resize(i, w, h) => note(*i)
            .and_then(|id| ops::update_notes(board, &[id], |n| (n.rect.w, n.rect.h) = (*w, *h))),
        Op::Color(i, c) => note(*i).and_then(|id| ops::set_color(board, &[id], NoteColor::ALL[*c])),
        Op::Votes(i, v) => {
            note(*i).and_then(|id| ops::update_notes(board, &[id], |n| n.votes = *v))
        }
        Op::Delete(i) => note(*i).and_then(|id| ops::delete_notes(board, &[id])),
        Op::Duplicate(i, j) => {
            let ids: Vec<NoteId> = [note(*i), note(*j)].into_iter().flatten().collect();
            let copies = ops::Copies::of(board, &ids);
            ops::duplicate(board, &copies, 20.0, &copy_ids, &flow_ids)
        }
        Op::Front(i) => note(*i).and_then(|id| ops::bring_to_front(board, &[id])),
        Op::Next(i, d) => note(*i).and_then(|id| {
            let dir = [Direction::Left, Direction::Right, Direction::Down][*d as usize];
            ops::next_note(board, id, dir, fresh_note).and_then(|(e, _)| e)
        }),
        Op::AddPartner(name) => Some(ops::add_partner(board, fresh_partner, name)),
        Op::UpdatePartner(i, name, rgb) => {
            partner(*i).and_then(|id| ops::update_partner(board, id, name, Rgb(*rgb)))
        }
        Op::RemovePartner(i) => partner(*i).and_then(|id| ops::remove_partner(board, id)),
        Op::Tag(i, p) => {
            note(*i).and_then(|id| ops::set_partner(board, &[id], p.and_then(partner)))
        }
        Op::AddTrack(stage, at, name) => {
            ops::add_track(board, axis(*stage), at % (tracks(*stage) + 1), name)
        }
        Op::RemoveTrack(stage, i) => {
            ops::remove_track(board, axis(*stage), i % tracks(*stage).max(1)).map(|(e, _)| e)
        }
        Op::MoveTrack(stage, from, to) => {
            let n = tracks(*stage).max(1);
            ops::move_track(board, axis(*stage), from % n, to % n)
        }
        Op::RenameTrack(stage, i, name) => {
            ops::rename_track(board, axis(*stage), i % tracks(*stage).max(1), name)
        }
        Op::Title(t) => Some(Edit::SetTitle(t.clone())),
        Op::Voting(d, p) => Some(Edit::SetVoting(Voting {
            dots_per_person: *d,
            people: *p,
        })),
        Op::FromRoom(t, text, author, face_down) => {
            let stages = board.lane().map_or(0, |l| l.stages.len());
            let blocks = board.blocks().len();
            let target = match t % (blocks + stages).max(1) {
                i if i < blocks => Target::Block(board.blocks()[i].key.clone()),
                i => Target::Stage(i - blocks),
            };
            let id = doc.new_note_ids(1)[0];
            let note = Note {
                text: text.clone(),
                author: Some(author.clone()),
                face_down: *face_down,
                ..Note::new(id, 0.0, 0.0)
            };
            room::place_note(doc.board(), &target, note, 140.0)
        }
        Op::Reveal => room::reveal_all(board),
        Op::Hide(i, down) => note(*i).and_then(|id| room::set_face_down(board, &[id], *down)),
        Op::NewFlow(i, j, k) => note(*i)
            .zip(note(*j))
            .and_then(|(from, to)| ops::new_flow(board, flow_ids[0], from, to, k.and_then(kind))),
        Op::RelabelFlow(i, text) => flow(*i).and_then(|id| ops::set_flow_label(board, id, text)),
        Op::FlowKind(i, k) => {
            flow(*i).and_then(|id| ops::set_flow_kind(board, id, k.and_then(kind)))
        }
        Op::ReverseFlow(i) => flow(*i).and_then(|id| ops::reverse_flow(board, id)),
        Op::BothWays(i, both) => flow(*i).and_then(|id| {
            let d = if *both {
                FlowDirection::BothWays
            } else {
                FlowDirection::OneWay
            };
            ops::set_flow_direction(board, id, d)
        }),
        Op::DeleteFlow(i) => flow(*i).and_then(|id| ops::delete_flows(board, &[id])),
        Op::AddKind(name) => ops::add_flow_kind(board, fresh_kind, name),
        Op::UpdateKind(i, name, rgb) => {
            kind(*i).and_then(|id| ops::update_flow_kind(board, id, name, Rgb(*rgb)))
        }
        Op::RemoveKind(i) => kind(*i).and_then(|id| ops::remove_flow_kind(board, id)),
        Op::Undo => {
            doc.undo();
            None
        }
        Op::Redo => {
            doc.redo();
            None
        }
    };
    if let Some(edit) = edit {
        doc.apply("Op", edit, None);
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        loads_stably(&bytes);
    }

    #[test]
    fn mutated_files_never_panic_and_load_stably(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        loads_stably(&mutate(EXAMPLE.to_vec(), &mutations));
    }

    #[test]
    fn board_shaped_json_never_panics_and_loads_stably(value in nearly_valid_board()) {
        loads_stably(serde_json::to_string_pretty(&value).unwrap().as_bytes());
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_board_the_model_builds_survives_save_and_load_unchanged(
        template in 0..4usize,
        ops in prop::collection::vec(op(), 0..40),
    ) {
        let mut doc = Document::new(Template::ALL[template].board());
        for op in &ops {
            perform(&mut doc, op);
        }
        let board = doc.board();
        let text = write_board(board);
        let loaded = read_board(text.as_bytes())
            .unwrap_or_else(|d| panic!("a board Tandem built does not load: {d}\n{text}"));
        prop_assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
        prop_assert_eq!(&loaded.board, board);
        prop_assert_eq!(write_board(&loaded.board), text);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.tandem.json");
        save_file(&path, board).unwrap();
        prop_assert_eq!(&load_file(&path).unwrap().board, board);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn undoing_every_step_gives_back_the_starting_board_byte_for_byte(
        template in 0..4usize,
        ops in prop::collection::vec(op(), 0..40),
    ) {
        let start = if template == 0 {
            read_board(EXAMPLE).unwrap().board
        } else {
            Template::ALL[template].board()
        };
        let saved = write_board(&start);
        let mut doc = Document::new(start);
        for op in &ops {
            perform(&mut doc, op);
        }
        while doc.undo().is_some() {}
        prop_assert_eq!(write_board(doc.board()), saved);
        prop_assert!(!doc.is_dirty(), "back at the saved state");
    }
}
