use super::*;
use crate::io::Template;
use crate::model::{BoardParts, Edit, Note, NoteId, Rect};

use crate::io::example_board as example;

fn import(text: &str) -> Imported {
    read_canvas(text.as_bytes(), "Imported").unwrap()
}

fn messages(i: &Imported) -> Vec<String> {
    i.not_kept.iter().map(ToString::to_string).collect()
}

#[test]
fn export_then_import_gives_the_same_board() {
    let mut from_the_room = example();
    let mut note = from_the_room.notes()[0].clone();
    note.author = Some("Ana".into());
    from_the_room.apply(crate::model::Edit::UpdateNotes(vec![note]));
    let mut boards = vec![example(), from_the_room];
    boards.extend(Template::ALL.iter().map(|t| t.board()));
    for board in boards {
        let back = import(&write_canvas(&board));
        assert!(back.not_kept.is_empty(), "{:?}", messages(&back));
        assert_eq!(back.board, board, "{}", board.title());
    }
}

#[test]
fn every_colour_round_trips() {
    let notes = NoteColor::ALL
        .iter()
        .enumerate()
        .map(|(i, &c)| Note {
            color: c,
            ..Note::new(NoteId(i as u64 + 1), i as f32 * 250.0, 0.0)
        })
        .collect();
    let board = Board::from_parts(BoardParts {
        notes,
        ..BoardParts::default()
    });
    let back = import(&write_canvas(&board)).board;
    let colors: Vec<NoteColor> = back.notes().iter().map(|n| n.color).collect();
    assert_eq!(colors, NoteColor::ALL);
}

#[test]
fn fractional_positions_are_rounded_to_whole_units() {
    let mut n = Note::new(NoteId(1), 10.4, 20.6);
    n.rect.w = 200.5;
    let board = Board::from_parts(BoardParts {
        notes: vec![n],
        ..BoardParts::default()
    });
    let back = import(&write_canvas(&board)).board;
    let h = Note::DEFAULT_HEIGHT;
    assert_eq!(back.notes()[0].rect, Rect::new(10.0, 21.0, 201.0, h));
}

#[test]
fn a_canvas_from_another_app_becomes_a_usable_board_and_losses_are_listed() {
    let text = r##"{
  "nodes": [
    {"id": "g1", "type": "group", "x": 0, "y": 0, "width": 800, "height": 600, "label": "Ideas", "color": "4"},
    {"id": "a1b2", "type": "text", "x": 20, "y": 40, "width": 250, "height": 60, "text": "Hello **world**", "color": "#FFAACC"},
    {"id": "c3", "type": "text", "x": 300, "y": 40, "width": 10, "height": 60, "text": "tiny", "color": "5"},
    {"id": "f1", "type": "file", "x": 20, "y": 200, "width": 400, "height": 300, "file": "notes/Plan.md", "subpath": "#Goals"},
    {"id": "l1", "type": "link", "x": 500, "y": 200, "width": 200, "height": 100, "url": "https://example.com"},
    {"id": "t2", "type": "text", "x": 900, "y": 0, "width": 200, "height": 100, "text": "outside", "styleAttributes": {}}
  ],
  "edges": [
    {"id": "e1", "fromNode": "a1b2", "fromSide": "right", "toNode": "c3", "toSide": "left", "label": "leads to"}
  ]
}"##;
    let imported = import(text);
    let b = &imported.board;
    assert_eq!(b.title(), "Imported");
    assert_eq!(b.blocks().len(), 1);
    assert_eq!(b.blocks()[0].key, "ideas");
    assert_eq!(b.blocks()[0].title, "Ideas");
    let texts: Vec<&str> = b.notes().iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Hello **world**",
            "tiny",
            "notes/Plan.md#Goals",
            "https://example.com",
            "outside"
        ]
    );
    let ids: Vec<u64> = b.notes().iter().map(|n| n.id.0).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(
        b.notes()[0].color,
        NoteColor::Pink,
        "the nearest sticky colour"
    );
    assert_eq!(b.notes()[1].color, NoteColor::Blue);
    assert_eq!(b.notes()[1].rect.w, Note::MIN_SIZE);
    assert_eq!(b.notes()[2].color, NoteColor::White);
    let m = messages(&imported);
    let expect = [
        "line 3, column 5: group node \"g1\": colour not kept",
        "line 4, column 5: text node \"a1b2\": colour #FFAACC shown as the nearest sticky colour, pink",
        "line 5, column 5: text node \"c3\": size 10×60 set to 40×60",
        "line 6, column 5: file node \"f1\": kept as a note naming the file",
        "line 7, column 5: link node \"l1\": kept as a note showing its URL",
        "line 8, column 5: text node \"t2\": field \"styleAttributes\" not kept",
    ];
    assert_eq!(m.len(), expect.len(), "{m:#?}");
    for (got, want) in m.iter().zip(expect) {
        assert!(got.starts_with(want), "{got}\n  should start with\n{want}");
    }
    // The edge between two notes is kept as a flow.
    let f = &b.flows()[0];
    assert_eq!((f.from, f.to), (b.notes()[0].id, b.notes()[1].id));
    assert_eq!(f.label, "leads to");
    assert_eq!(f.direction, crate::model::FlowDirection::OneWay);
    assert_eq!(f.kind, None, "an uncoloured edge has no kind");
}

#[test]
fn edges_from_another_app_keep_their_ends_labels_and_colours() {
    let text = r##"{
  "nodes": [
    {"id": "a", "type": "text", "x": 0, "y": 0, "width": 200, "height": 100, "text": "A"},
    {"id": "b", "type": "text", "x": 400, "y": 0, "width": 200, "height": 100, "text": "B"},
    {"id": "c", "type": "text", "x": 0, "y": 300, "width": 200, "height": 100, "text": "C"},
    {"id": "g", "type": "group", "x": -50, "y": -50, "width": 800, "height": 600, "label": "G"}
  ],
  "edges": [
    {"id": "e1", "fromNode": "a", "toNode": "b", "fromEnd": "arrow", "toEnd": "none", "color": "1"},
    {"id": "e2", "fromNode": "a", "toNode": "c", "fromEnd": "arrow", "color": "1", "label": "both"},
    {"id": "e3", "fromNode": "b", "toNode": "c", "toEnd": "none", "color": "#2E8B3E"},
    {"id": "e4", "fromNode": "a", "fromSide": "top", "toNode": "b", "toSide": "left"},
    {"id": "e5", "fromNode": "a", "toNode": "g"},
    {"id": "e6", "fromNode": "a", "toNode": "nowhere"},
    {"id": "e7", "fromNode": "b", "toNode": "b"},
    {"id": "e8", "fromNode": "c", "toNode": "a", "fromSide": "middle", "curve": 1}
  ]
}"##;
    let imported = import(text);
    let b = &imported.board;
    let id = |t: &str| b.notes().iter().find(|n| n.text == t).unwrap().id;
    let (a, bb, c) = (id("A"), id("B"), id("C"));
    let ends: Vec<_> = b
        .flows()
        .iter()
        .map(|f| (f.from, f.to, f.direction))
        .collect();
    use crate::model::FlowDirection::{BothWays, OneWay};
    assert_eq!(
        ends,
        [
            (bb, a, OneWay),
            (a, c, BothWays),
            (bb, c, BothWays),
            (a, bb, OneWay),
            (c, a, OneWay)
        ]
    );
    let red = b.flow_kinds().iter().find(|k| k.name == "red").unwrap().id;
    assert_eq!(
        b.flows()[0].kind,
        Some(red),
        "a preset colour becomes a kind"
    );
    assert_eq!(b.flows()[1].kind, Some(red), "once");
    assert_eq!(b.flows()[1].label, "both");
    assert_eq!(
        b.flows()[2].kind,
        Some(b.flow_kinds()[0].id),
        "a kind's own colour is that kind (value)"
    );
    let m = messages(&imported);
    let expect = [
        "line 9, column 5: edge \"e1\" from \"a\" to \"b\": colour 1 became the flow kind \"red\"",
        "line 11, column 5: edge \"e3\" from \"b\" to \"c\": has no arrowheads: kept as a flow both ways",
        "line 12, column 5: edge \"e4\" from \"a\" to \"b\": fromSide \"top\" not kept: the flow is drawn from the right side",
        "line 13, column 5: edge \"e5\" from \"a\" to \"g\": not kept: \"g\" is a group node, and flows join notes",
        "line 14, column 5: edge \"e6\" from \"a\" to \"nowhere\": not kept: there is no node \"nowhere\"",
        "line 15, column 5: edge \"e7\" from \"b\" to \"b\": not kept: it joins a note to itself",
        "line 16, column 5: edge \"e8\" from \"c\" to \"a\": field \"curve\" not kept",
        "line 16, column 5: edge \"e8\" from \"c\" to \"a\": \"fromSide\" is \"middle\", not top",
    ];
    assert_eq!(m.len(), expect.len(), "{m:#?}");
    for (got, want) in m.iter().zip(expect) {
        assert!(got.starts_with(want), "{got}\n  should start with\n{want}");
    }
}

#[test]
fn export_then_import_keeps_every_flow() {
    use crate::model::{Flow, FlowDirection, FlowKindId, ops};
    let mut board = example();
    let ids: Vec<NoteId> = board.notes().iter().map(|n| n.id).collect();
    let fresh = board.new_flow_ids(4);
    let kind = board.new_flow_kind_id();
    board.apply(ops::add_flow_kind(&board, kind, "attention").unwrap());
    let flows = [
        (
            fresh[0],
            ids[0],
            ids[1],
            FlowDirection::OneWay,
            "",
            Some(FlowKindId(1)),
        ),
        (
            fresh[1],
            ids[1],
            ids[0],
            FlowDirection::BothWays,
            "both",
            Some(kind),
        ),
        (
            fresh[2],
            ids[2],
            ids[9],
            FlowDirection::OneWay,
            "no kind",
            None,
        ),
        (
            fresh[3],
            ids[3],
            ids[20],
            FlowDirection::OneWay,
            "🚗 \"quoted\"",
            Some(FlowKindId(3)),
        ),
    ];
    let items = flows
        .into_iter()
        .enumerate()
        .map(|(k, (id, from, to, direction, label, kind))| {
            let flow = Flow {
                id,
                from,
                to,
                direction,
                label: label.to_owned(),
                kind,
            };
            (board.flows().len() + k, flow)
        })
        .collect();
    board.apply(Edit::InsertFlows(items));
    let canvas = write_canvas(&board);
    let back = import(&canvas);
    assert!(back.not_kept.is_empty(), "{:?}", messages(&back));
    assert_eq!(back.board, board);
    let value: serde_json::Value = serde_json::from_str(&canvas).unwrap();
    let edge = &value["edges"][board.flows().len() - 3];
    assert_eq!(edge["fromEnd"], "arrow", "both ways: {edge}");
    assert_eq!(edge["toEnd"], "arrow");
    assert_eq!(edge["label"], "both");
    assert_eq!(edge["color"], board.flow_kind(kind).unwrap().color.to_hex());
    assert!(edge["fromSide"].is_string() && edge["toSide"].is_string());
}

#[test]
fn bad_input_is_refused_with_its_place() {
    let err = |text: &str| read_canvas(text.as_bytes(), "x").unwrap_err().to_string();
    assert_eq!(err(""), "the file is empty");
    assert_eq!(
        err("{\n  \"nodes\": [,]\n}"),
        "line 2, column 13: expected value"
    );
    assert!(err("[1]").contains("expected a JSON object"));
    assert_eq!(
        err("{\"nodes\": {}}"),
        "line 1, column 11: \"nodes\" must be an array"
    );
    assert_eq!(
        err(
            "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\", \"x\": \"1\", \"y\": 0, \"width\": 1, \"height\": 1}]}"
        ),
        "line 2, column 36: text node \"a\": \"x\" must be a number"
    );
    assert_eq!(
        err("{\"nodes\": [\n  {\"type\": \"text\"}]}"),
        "line 2, column 3: node 1: missing field \"id\""
    );
    let two = r#"{"nodes": [
  {"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1},
  {"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1}]}"#;
    assert_eq!(
        err(two),
        "line 3, column 3: text node \"a\": the id \"a\" is used twice"
    );
    let far =
        r#"{"nodes": [{"id": "a", "type": "text", "x": 1e12, "y": 0, "width": 1, "height": 1}]}"#;
    assert!(err(far).contains("\"x\" is outside the canvas"));
    let board = crate::io::write_board(&example());
    assert!(err(&board).contains("this is a Tandem board"));
}

#[test]
fn a_second_or_broken_journey_becomes_a_block_and_is_reported() {
    let canvas = write_canvas(&example());
    let value: serde_json::Value = serde_json::from_str(&canvas).unwrap();
    let journey = value["nodes"][0].clone();
    let mut broken = journey.clone();
    broken["id"] = "j2".into();
    broken["tandem"]["journey"]["stages"] = serde_json::json!([]);
    let mut second = journey.clone();
    second["id"] = "j3".into();
    let text = serde_json::json!({ "nodes": [journey, broken, second] }).to_string();
    let imported = import(&text);
    assert!(imported.board.lane().is_some());
    assert_eq!(imported.board.blocks().len(), 2);
    let m = messages(&imported);
    assert!(
        m[0].contains("\"j2\": its journey stages and rows are not valid"),
        "{m:?}"
    );
    assert!(m[1].contains("\"j3\": a board has one journey"), "{m:?}");
}

#[test]
fn an_empty_canvas_is_an_empty_board() {
    let imported = import("{}");
    assert!(imported.board.notes().is_empty());
    assert!(imported.not_kept.is_empty());
    assert!(import(r#"{"nodes": [], "edges": []}"#).not_kept.is_empty());
}
