//! Reading and writing board files: round trips, refusals, repairs and migration.

use std::collections::HashSet;

use super::*;
use crate::model::{Note, NoteColor, Rect, Voting};

fn minimal(notes: &str) -> String {
    format!(
        r##"{{
  "format": "tandem-board",
  "version": 1,
  "title": "T",
  "blocks": [],
  "partners": [{{"id": 1, "name": "Uber", "color": "#000000"}}],
  "notes": [{notes}]
}}"##
    )
}

fn note(id: u64, extra: &str) -> String {
    format!(r#"{{"id": {id}, "text": "hi", "x": 0, "y": 0, "w": 200, "h": 120{extra}}}"#)
}

fn error_of(text: &str) -> Diagnostic {
    read_board(text.as_bytes()).expect_err("should be refused")
}

#[test]
fn minimal_board_reads() {
    let loaded = read_board(minimal(&note(1, "")).as_bytes()).unwrap();
    assert!(loaded.repairs.is_empty());
    let n = &loaded.board.notes()[0];
    assert_eq!(n.color, NoteColor::Yellow);
    assert_eq!(n.rect, Rect::new(0.0, 0.0, 200.0, 120.0));
}

#[test]
fn write_then_read_is_identity_and_stable() {
    let text = minimal(&format!(
        "{},\n{}",
        note(1, r#", "color": "blue", "partner": 1, "votes": 3"#),
        note(2, "")
    ));
    let board = read_board(text.as_bytes()).unwrap().board;
    let written = write_board(&board);
    let again = read_board(written.as_bytes()).unwrap().board;
    assert_eq!(again, board);
    assert_eq!(write_board(&again), written);
    assert!(written.contains("\"format\": \"tandem-board\""));
    assert!(written.contains(&format!("\"version\": {CURRENT_VERSION}")));
    assert!(written.ends_with("}\n"));
}

#[test]
fn bad_json_says_where() {
    let d = error_of("{\n  \"format\": \"tandem-board\",\n  \"version\": 1,\n  oops\n}");
    assert_eq!(d.pos, Some(TextPos { line: 4, column: 3 }));
    assert!(d.message.contains("key must be a string"), "{d}");
}

#[test]
fn wrong_format_and_versions() {
    let d = error_of(r#"{"type": "excalidraw", "version": 2}"#);
    assert!(d.message.contains("not a Tandem board"), "{d}");
    let d = error_of("[1, 2]");
    assert!(d.message.contains("JSON object"), "{d}");
    let d = error_of("{\"format\": \"tandem-board\",\n \"version\": 99}");
    assert!(
        d.message.contains("newer Tandem (format version 99)"),
        "{d}"
    );
    assert_eq!(
        d.pos,
        Some(TextPos {
            line: 2,
            column: 13
        })
    );
    let d = error_of(r#"{"format": "tandem-board", "version": "1"}"#);
    assert!(d.message.contains("whole number"), "{d}");
    let d = error_of(r#"{"format": "tandem-board"}"#);
    assert!(d.message.contains("version"), "{d}");
    let d = error_of(r#"{"format": "tandem-board", "version": 0}"#);
    assert!(d.message.contains("unknown format version 0"), "{d}");
}

#[test]
fn missing_and_unknown_fields_are_named() {
    let d = error_of(&minimal(r#"{"id": 1, "x": 0, "y": 0, "w": 1, "h": 1}"#));
    assert!(d.message.contains("missing field `text`"), "{d}");
    assert_eq!(d.pos.unwrap().line, 7);
    let d = error_of(&minimal(&note(1, r#", "colour": "red""#)));
    assert!(d.message.contains("unknown field `colour`"), "{d}");
    let d = error_of(&minimal(&note(1, r#", "color": "teal""#)));
    assert!(d.message.contains("unknown variant `teal`"), "{d}");
}

#[test]
fn empty_and_non_utf8_files() {
    assert_eq!(error_of("  \n").message, "the file is empty");
    let mut bytes = minimal(&note(1, "")).into_bytes();
    let at = bytes.windows(2).position(|w| w == b"hi").unwrap();
    bytes[at] = 0xFF;
    let d = read_board(&bytes).unwrap_err();
    assert!(d.message.contains("not UTF-8"), "{d}");
    assert_eq!(d.pos.unwrap().line, 7);
}

#[test]
fn byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", minimal(""));
    assert!(read_board(text.as_bytes()).is_ok());
}

#[test]
fn repairs_are_reported_with_their_place() {
    let notes = [
        note(1, ""),
        note(1, r#", "partner": 9"#),
        r#"{"id": 3, "text": "", "x": 0, "y": 0, "w": -5, "h": 99999}"#.to_owned(),
    ]
    .join(",\n");
    let loaded = read_board(minimal(&notes).as_bytes()).unwrap();
    let b = &loaded.board;
    assert_eq!(b.notes().len(), 3, "no note is lost");
    let ids: HashSet<u64> = b.notes().iter().map(|n| n.id.0).collect();
    assert_eq!(ids.len(), 3, "duplicate id renumbered");
    assert_eq!(b.notes()[1].partner, None);
    assert_eq!(b.notes()[2].rect.w, Note::MIN_SIZE);
    assert_eq!(b.notes()[2].rect.h, Note::MAX_SIZE);
    let messages: Vec<String> = loaded.repairs.iter().map(|d| d.to_string()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].starts_with("line 8, column 1: note id 1 was used twice"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("partner 9 does not exist"),
        "{messages:?}"
    );
    assert!(messages[2].contains("size -5×99999"), "{messages:?}");
}

#[test]
fn version_1_files_are_migrated_and_cannot_carry_version_2_fields() {
    let loaded = read_board(minimal(&note(1, "")).as_bytes()).unwrap();
    assert_eq!(loaded.board.voting(), Voting::default());
    let written = write_board(&loaded.board);
    assert!(written.contains(&format!("\"version\": {CURRENT_VERSION}")));
    assert!(written.contains("\"voting\": {"));
    let v1_with_voting = minimal("").replace(
        "\"blocks\": [],",
        "\"blocks\": [], \"voting\": {\"dots_per_person\": 5, \"people\": 2},",
    );
    let d = error_of(&v1_with_voting);
    assert!(d.message.contains("needs format version 2"), "{d}");
    let v2_without = minimal("").replace("\"version\": 1", "\"version\": 2");
    assert!(
        error_of(&v2_without)
            .message
            .contains("missing field `voting`")
    );
    let v2 = v1_with_voting.replace("\"version\": 1", "\"version\": 2");
    let voting = read_board(v2.as_bytes()).unwrap().board.voting();
    assert_eq!((voting.dots_per_person, voting.people), (5, 2));
}

/// A version 3 board: `minimal` with voting settings.
fn v3(notes: &str) -> String {
    minimal(notes).replace(
        "\"version\": 1,\n  \"title\": \"T\",",
        "\"version\": 3,\n  \"title\": \"T\",\n  \"voting\": {\"dots_per_person\": 3, \"people\": 0},",
    )
}

#[test]
fn notes_from_the_room_keep_their_author_and_face_down_state() {
    let text = v3(&[
        note(1, r#", "author": "Ana", "face_down": true"#),
        note(2, r#", "author": "anonymous""#),
        note(3, r#", "face_down": false"#),
    ]
    .join(",\n"));
    let loaded = read_board(text.as_bytes()).unwrap();
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    let notes = loaded.board.notes();
    let fields: Vec<(Option<&str>, bool)> = notes
        .iter()
        .map(|n| (n.author.as_deref(), n.face_down))
        .collect();
    assert_eq!(
        fields,
        [
            (Some("Ana"), true),
            (Some("anonymous"), false),
            (None, false)
        ]
    );
    // Written back, the defaults are left out, so boards without room notes do not change.
    let written = write_board(&loaded.board);
    assert_eq!(written.matches("\"author\"").count(), 2);
    assert_eq!(written.matches("\"face_down\": true").count(), 1);
    assert!(!written.contains("false"), "{written}");
    assert_eq!(read_board(written.as_bytes()).unwrap().board, loaded.board);
}

#[test]
fn room_fields_need_version_3_and_long_author_names_are_cut() {
    for (field, extra) in [
        ("author", r#", "author": "Ana""#),
        ("face_down", r#", "face_down": false"#),
    ] {
        let v2 = v3(&note(1, extra)).replace("\"version\": 3", "\"version\": 2");
        let d = error_of(&v2);
        assert_eq!(
            d.message,
            format!("\"{field}\" needs format version 3 or later")
        );
        assert_eq!(d.pos.map(|p| p.line), Some(8), "{d}");
    }
    let long = "é".repeat(150);
    let loaded = read_board(v3(&note(7, &format!(r#", "author": "{long}""#))).as_bytes()).unwrap();
    assert_eq!(
        loaded.board.notes()[0]
            .author
            .as_deref()
            .map(|a| a.chars().count()),
        Some(crate::model::board::MAX_AUTHOR_CHARS)
    );
    assert_eq!(loaded.repairs.len(), 1);
    assert!(
        loaded.repairs[0]
            .message
            .contains("note 7: author name of 150 characters cut to 100"),
        "{}",
        loaded.repairs[0]
    );
    let d = error_of(&v3(&note(1, r#", "face_down": "yes""#)));
    assert!(d.message.contains("expected a boolean"), "{d}");
}

#[test]
fn huge_coordinates_are_refused_at_the_field() {
    let d = error_of(&minimal(
        r#"{"id": 1, "text": "", "x": 1e39, "y": 0, "w": 1, "h": 1}"#,
    ));
    assert!(d.message.contains("x is outside the canvas"), "{d}");
    assert_eq!(
        d.pos,
        Some(TextPos {
            line: 7,
            column: 40
        })
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let d = error_of(&minimal(&deep));
    assert!(d.message.contains("invalid type: sequence"), "{d}");
    let d = error_of(&format!(
        r#"{{"format": {}1{}}}"#,
        "[".repeat(1000),
        "]".repeat(1000)
    ));
    assert!(d.message.contains("recursion limit"), "{d}");
    let d = error_of(&format!(
        "{}1{}",
        r#"{"a": "#.repeat(100_000),
        "}".repeat(100_000)
    ));
    assert!(d.message.contains("not a Tandem board"), "{d}");
}

#[test]
fn bad_partner_colour_and_lane() {
    let text = minimal("").replace("#000000", "black");
    assert!(error_of(&text).message.contains("not #RRGGBB"));
    let text = minimal("").replace(
        "\"blocks\": [],",
        r#""blocks": [], "journey": {"title": "J", "x": 0, "y": 0, "label_width": 10, "header_height": 10, "stages": [], "rows": []},"#,
    );
    assert!(error_of(&text).message.contains("at least one stage"));
}
