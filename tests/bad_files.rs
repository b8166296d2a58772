//! Every kind of bad input the loader knows of, in one table. Each file goes through the three ways
//! a board is read: `load_file` (with a time limit: nothing may hang), `tandem check` (the real
//! binary: one line naming the file and, where there is one, the line and column), and the app's
//! open (the error shown, the board open before left alone). Each must be refused with a clear
//! reason, or repaired with the repair reported, or load as it is.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use tandem::io::format::{MAX_FILE_BYTES, MAX_TEXT_CHARS};
use tandem::io::{Diagnostic, TextPos, load_file};
use tandem::ui::TandemApp;

/// Where a refusal must point.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// This line and column.
    At(usize, usize),
    /// Somewhere in the file (the exact spot is the parser's).
    Line(usize),
    /// The file as a whole (its size, its kind, its emptiness).
    Whole,
}

#[derive(Debug)]
enum Expect {
    Refused(&'static str, Place),
    /// Loads, with a repair whose message contains this.
    Repaired(&'static str),
    Loads,
}

use Expect::*;
use Place::*;

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

/// A version 2 board with one partner (id 1) and these notes; the notes start on line 9.
fn board(notes: &str) -> String {
    board_with("", notes)
}

/// Like `board`, with `extra` top-level fields inserted after the title (on line 4).
fn board_with(extra: &str, notes: &str) -> String {
    format!(
        r##"{{
  "format": "tandem-board",
  "version": 2,
  "title": "T",{extra}
  "blocks": [],
  "partners": [{{"id": 1, "name": "Uber", "color": "#000000"}}],
  "voting": {{"dots_per_person": 3, "people": 0}},
  "notes": [
{notes}
  ]
}}
"##
    )
}

/// Like `board`, in version 3 (which adds notes from the room, and flows).
fn v3(notes: &str) -> String {
    board(notes).replace("\"version\": 2", "\"version\": 3")
}

/// A version 3 board with notes 1 and 2 and these flows, which start on line 13.
fn v3_flows(flows: &[&str]) -> String {
    let notes = format!("{},\n{}", note(1, ""), note(2, ""));
    v3(&notes).replace(
        "\n  ]\n}",
        &format!("\n  ],\n  \"flows\": [\n{}\n  ]\n}}", flows.join(",\n")),
    )
}

fn note(id: u64, fields: &str) -> String {
    format!(r#"{{"id": {id}, "text": "hi", "x": 0, "y": 0, "w": 200, "h": 120{fields}}}"#)
}

fn case(name: &'static str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name,
        bytes: bytes.into(),
        expect,
    }
}

fn cases() -> Vec<Case> {
    let example = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/spotify-uber.tandem.json"),
    )
    .unwrap();
    let cut = |fraction: f64| example[..(example.len() as f64 * fraction) as usize].to_vec();
    let with_byte = |at: &str, bytes: &[u8]| {
        let text = board(&note(1, ""));
        let i = text.find(at).unwrap();
        [
            &text.as_bytes()[..i],
            bytes,
            &text.as_bytes()[i + at.len()..],
        ]
        .concat()
    };
    let long_word = "w".repeat(5_000);
    let long_key = "k".repeat(5_000);
    let deep_arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_objects = format!("{}1{}", r#"{"a": "#.repeat(100_000), "}".repeat(100_000));
    vec![
        // Not text, not JSON.
        case("empty file", "", Refused("the file is empty", Whole)),
        case("only whitespace", " \n\t\n", Refused("the file is empty", Whole)),
        case("invalid UTF-8 in a note", with_byte("hi", b"h\xFFi"), Refused("not UTF-8 text (byte 0xFF)", At(9, 21))),
        case("UTF-8 cut inside a character", with_byte("hi", b"h\xE2\x82"), Refused("not UTF-8 text (byte 0xE2)", At(9, 21))),
        case("UTF-16 with byte-order mark", [&[0xFF, 0xFE][..], "{\0}\0".as_bytes()].concat(), Refused("not UTF-8 text (byte 0xFF)", At(1, 1))),
        case("NUL bytes", "\0\0\0\0", Refused("not a Tandem board: expected a JSON object at the top", At(1, 1))),
        case("binary garbage", (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(), Refused("not UTF-8 text (byte 0x80)", At(2, 118))),
        case("truncated at 1 %", cut(0.01), Refused("EOF while parsing", Whole)),
        case("truncated at 50 %", cut(0.5), Refused("EOF while parsing", Whole)),
        case("truncated at 99 %", cut(0.99), Refused("EOF while parsing", Whole)),
        case("truncated inside a string", &example[..example.iter().position(|&b| b == b'S').unwrap() + 3], Refused("EOF while parsing a string", Line(4))),
        case("a JSON array at the top", "[1, 2]", Refused("expected a JSON object at the top", At(1, 1))),
        case("a JSON string at the top", "\"board\"", Refused("expected a JSON object at the top", At(1, 1))),
        case("another program's JSON", r#"{"type": "excalidraw", "elements": []}"#, Refused("not a Tandem board: no \"format\"", At(1, 1))),
        case("trailing garbage", format!("{}xyz", board("")), Refused("trailing characters", At(12, 1))),
        case("two boards in one file", format!("{}{}", board(""), board("")), Refused("trailing characters", At(12, 1))),
        case("NaN", board(r#"{"id": 1, "text": "", "x": NaN, "y": 0, "w": 1, "h": 1}"#), Refused("expected value", At(9, 28))),
        case("Infinity", board(r#"{"id": 1, "text": "", "x": Infinity, "y": 0, "w": 1, "h": 1}"#), Refused("expected value", At(9, 28))),
        case("a comment", board_with("\n  // note", ""), Refused("key must be a string", At(5, 3))),
        case("raw control character in a string", board(&note(1, "").replace("hi", "h\u{1}i")), Refused("control character (\\u0000-\\u001F) found while parsing a string", Line(9))),
        case("lone surrogate escape", board(&note(1, "").replace("hi", r"\ud800")), Refused("hex escape", Line(9))),
        // Versions.
        case("newer version", board("").replace("\"version\": 2", "\"version\": 99"), Refused("written by a newer Tandem (format version 99)", At(3, 14))),
        case("version 0", board("").replace("\"version\": 2", "\"version\": 0"), Refused("unknown format version 0", At(3, 14))),
        case("version as text", board("").replace("\"version\": 2", "\"version\": \"2\""), Refused("\"version\" must be a whole number", At(3, 14))),
        case("version missing", board("").replace("\"version\": 2,", ""), Refused("missing field `version`", At(1, 1))),
        case("version 2 field in a version 1 file", board("").replace("\"version\": 2", "\"version\": 1"), Refused("\"voting\" needs format version 2", At(7, 13))),
        case("author in a version 2 file", board(&note(1, r#", "author": "Ana""#)), Refused("\"author\" needs format version 3", At(9, 71))),
        case("face_down in a version 2 file", board(&note(1, r#", "face_down": true"#)), Refused("\"face_down\" needs format version 3", At(9, 74))),
        // Unknown fields are refused, wherever they are.
        case("unknown top-level field", board_with("\n  \"theme\": \"dark\",", ""), Refused("unknown field `theme`", Line(5))),
        case("misspelt note field", board(&note(1, r#", "colour": "red""#)), Refused("unknown field `colour`", Line(9))),
        case("unknown field in voting", board("").replace("\"people\": 0", "\"people\": 0, \"anonymous\": true"), Refused("unknown field `anonymous`", Line(7))),
        case("kilobyte-long unknown field", board(&note(1, &format!(r#", "{long_key}": 1"#))), Refused("unknown field `kkkkkkkkkkkkkkkkkkkkkkkkkkkkk…`", Line(9))),
        // Wrong types and missing fields.
        case("title is a number", board("").replace("\"title\": \"T\"", "\"title\": 5"), Refused("invalid type: integer `5`, expected a string", Line(4))),
        case("notes is an object", board("").replace("\"notes\": [\n\n  ]", "\"notes\": {}"), Refused("invalid type: map, expected a sequence", Line(8))),
        case("x is text", board(r#"{"id": 1, "text": "", "x": "10", "y": 0, "w": 1, "h": 1}"#), Refused("invalid type: string \"10\", expected f32", Line(9))),
        case("negative id", board(&note(1, "").replace("\"id\": 1", "\"id\": -1")), Refused("invalid value: integer `-1`, expected u64", Line(9))),
        case("fractional id", board(&note(1, "").replace("\"id\": 1", "\"id\": 1.5")), Refused("invalid type: floating point `1.5`, expected u64", Line(9))),
        case("id beyond 64 bits", board(&note(1, "").replace("\"id\": 1", "\"id\": 18446744073709551616")), Refused("invalid type: floating point", Line(9))),
        case("negative votes", board(&note(1, r#", "votes": -3"#)), Refused("invalid value: integer `-3`, expected u32", Line(9))),
        case("unknown colour", board(&note(1, r#", "color": "teal""#)), Refused("unknown variant `teal`", Line(9))),
        case("kilobyte-long colour name", board(&note(1, &format!(r#", "color": "{long_word}""#))), Refused("unknown variant `wwwwwwwwwwwwwwwwwwwwwwwwwwwww…`", Line(9))),
        case("missing note text", board(r#"{"id": 1, "x": 0, "y": 0, "w": 1, "h": 1}"#), Refused("missing field `text`", Line(9))),
        case("a field given twice", board_with("\n  \"title\": \"U\",", ""), Refused("duplicate field `title`", Line(5))),
        case("partner colour not #RRGGBB", board("").replace("#000000", "black"), Refused("partner \"Uber\": colour \"black\" is not #RRGGBB", At(6, 16))),
        // Ids and references.
        case("duplicate note ids", board(&[note(1, ""), note(1, "")].join(",\n")), Repaired("note id 1 was used twice; this note is now 2")),
        case("duplicate partner ids", board("").replace("\"color\": \"#000000\"}", "\"color\": \"#000000\"}, {\"id\": 1, \"name\": \"Lyft\", \"color\": \"#FF00BF\"}"), Refused("two partners have the id 1", At(6, 63))),
        case("duplicate block keys", board("").replace("\"blocks\": []", r#""blocks": [{"key": "a", "title": "A", "prompt": "", "x": 0, "y": 0, "w": 9, "h": 9}, {"key": "a", "title": "B", "prompt": "", "x": 0, "y": 0, "w": 9, "h": 9}]"#), Refused("two blocks have the key \"a\"", Line(5))),
        case("note tagged with a missing partner", board(&note(1, r#", "partner": 7"#)), Repaired("note 1: partner 7 does not exist; tag removed")),
        case("note id above 2^53", board(&note(9_007_199_254_740_992, "")), Refused("note id 9007199254740992 is too large", At(9, 8))),
        case("note id 2^64 - 1", board(&[note(u64::MAX, ""), note(u64::MAX, "")].join(",\n")), Refused("note id 18446744073709551615 is too large", At(9, 8))),
        case("partner id 2^64 - 1", board("").replace("\"id\": 1, \"name\"", "\"id\": 18446744073709551615, \"name\""), Refused("partner id 18446744073709551615 is too large", At(6, 16))),
        // Numbers: NaN cannot be written in JSON; huge, negative and zero can.
        case("negative coordinates", board(&note(1, "").replace("\"x\": 0", "\"x\": -5000")), Loads),
        case("coordinate beyond the canvas", board(&note(1, "").replace("\"x\": 0", "\"x\": -2000000")), Refused("note 1: x is outside the canvas (±1000000)", At(9, 30))),
        case("coordinate beyond f32", board(&note(1, "").replace("\"y\": 0", "\"y\": 1e39")), Refused("note 1: y is outside the canvas", At(9, 38))),
        case("coordinate beyond f64", board(&note(1, "").replace("\"y\": 0", "\"y\": 1e400")), Refused("number out of range", Line(9))),
        case("a thousand-digit number", board(&note(1, "").replace("\"y\": 0", &format!("\"y\": 1{}", "0".repeat(1_000)))), Refused("number out of range", Line(9))),
        case("negative note size", board(&note(1, "").replace("\"w\": 200", "\"w\": -5")), Repaired("note 1: size -5×120 set to 40×120")),
        case("zero note size", board(&note(1, "").replace("\"h\": 120", "\"h\": 0")), Repaired("set to 200×40")),
        case("huge note size", board(&note(1, "").replace("\"w\": 200", "\"w\": 1e30")), Repaired("set to 4000×120")),
        case("negative block size", board("").replace("\"blocks\": []", r#""blocks": [{"key": "a", "title": "A", "prompt": "", "x": 0, "y": 0, "w": -9, "h": 9}]"#), Refused("block \"A\": size -9×9 is not positive", Line(5))),
        case("journey without stages", board("").replace("\"blocks\": [],", r#""blocks": [], "journey": {"title": "J", "x": 0, "y": 0, "label_width": 10, "header_height": 10, "stages": [], "rows": [{"name": "r", "height": 5}]},"#), Refused("journey: needs at least one stage and one row", Line(5))),
        case("journey stage of negative width", board("").replace("\"blocks\": [],", r#""blocks": [], "journey": {"title": "J", "x": 0, "y": 0, "label_width": 10, "header_height": 10, "stages": [{"name": "s", "width": -1}], "rows": [{"name": "r", "height": 5}]},"#), Refused("\"s\" has size -1, which is not positive", Line(5))),
        case("journey larger than the canvas", board("").replace("\"blocks\": [],", r#""blocks": [], "journey": {"title": "J", "x": 0, "y": 0, "label_width": 10, "header_height": 3e38, "stages": [{"name": "s", "width": 1}], "rows": [{"name": "r", "height": 5}]},"#), Refused("journey: area is outside the canvas", Line(5))),
        case("a thousand journey stages", board("").replace("\"blocks\": [],", &format!(r#""blocks": [], "journey": {{"title": "J", "x": 0, "y": 0, "label_width": 10, "header_height": 10, "stages": [{}], "rows": [{{"name": "r", "height": 5}}]}},"#, vec![r#"{"name": "s", "width": 1}"#; 1_000].join(","))), Refused("journey: 1000 stages; a journey has up to 100", Line(5))),
        // Flows (version 3).
        case("flows in a version 2 file", board_with("\n  \"flows\": [],", ""), Refused("\"flows\" needs format version 3", At(5, 12))),
        case("a flow to a note that does not exist", v3_flows(&[r#"{"id": 1, "from": 1, "to": 9}"#]), Repaired("flow 1: note 9 does not exist; flow removed")),
        case("a flow from a note to itself", v3_flows(&[r#"{"id": 1, "from": 2, "to": 2}"#]), Repaired("flow 1 joins note 2 to itself; flow removed")),
        case("two flows with the same id", v3_flows(&[r#"{"id": 1, "from": 1, "to": 2}"#, r#"{"id": 1, "from": 2, "to": 1}"#]), Repaired("flow id 1 was used twice; this flow is now 2")),
        case("a flow of a kind the board lacks", v3_flows(&[r#"{"id": 1, "from": 1, "to": 2, "kind": 42}"#]), Repaired("flow 1: kind 42 does not exist; kind removed")),
        case("a flow direction that is not a word Tandem knows", v3_flows(&[r#"{"id": 1, "from": 1, "to": 2, "direction": "up"}"#]), Refused("unknown variant `up`, expected `one-way` or `both-ways`", At(13, 47))),
        case("a flow kind colour that is not #RRGGBB", v3(&note(1, "")).replace("\"notes\": [", "\"flow_kinds\": [{\"id\": 1, \"name\": \"k\", \"color\": \"red\"}],\n  \"notes\": ["), Refused("flow kind \"k\": colour \"red\" is not #RRGGBB", At(8, 18))),
        case("votes beyond the limit", board(&note(1, r#", "votes": 4000000000"#)), Repaired("note 1: 4000000000 votes set to 10000")),
        case("a 150-character author", v3(&note(1, &format!(r#", "author": "{}""#, "a".repeat(150)))), Repaired("note 1: author name of 150 characters cut to 100")),
        case("author is a number", v3(&note(1, r#", "author": 5"#)), Refused("invalid type: integer `5`, expected a string", Line(9))),
        case("face_down is text", v3(&note(1, r#", "face_down": "yes""#)), Refused("invalid type: string \"yes\", expected a boolean", Line(9))),
        case("voting for four billion people", board("").replace("\"people\": 0", "\"people\": 4000000000"), Repaired("voting: 3 dots for 4000000000 people set to 3 for 10000")),
        // Long texts.
        case("a 5,000-character word in a note", board(&note(1, "").replace("hi", &long_word)), Loads),
        case("a 5,000-character title", board("").replace("\"title\": \"T\"", &format!("\"title\": \"{long_word}\"")), Loads),
        case("a note longer than the limit", board(&note(1, "").replace("hi", &"word ".repeat(MAX_TEXT_CHARS / 5 + 1))), Refused("note 1: its text is 100005 characters long; texts hold up to 100000", At(9, 19))),
        // Nesting.
        case("100,000 nested arrays as the notes", board("").replace("\"notes\": [\n\n  ]", &format!("\"notes\": {deep_arrays}")), Refused("invalid type: sequence, expected u64", At(8, 13))),
        case("1,000 nested arrays as the format", format!(r#"{{"format": {}1{}}}"#, "[".repeat(1_000), "]".repeat(1_000)), Refused("recursion limit exceeded", Whole)),
        case("100,000 nested objects", deep_objects, Refused("not a Tandem board", Whole)),
        case("nesting inside a title", board("").replace("\"title\": \"T\"", &format!("\"title\": {deep_arrays}")), Refused("invalid type: sequence, expected a string", At(4, 11))),
        // Harmless oddities that load.
        case("byte-order mark", format!("\u{feff}{}", board("")), Loads),
        case("Windows line ends", board(&note(1, "")).replace('\n', "\r\n"), Loads),
        case("escaped NUL and emoji in text", board(&note(1, "").replace("hi", r"a\u0000b 👩‍👩‍👧 عربى")), Loads),
    ]
}

/// Loads on a thread, failing the test if that takes more than `limit` (a hang).
fn load_within(path: &Path, limit: Duration) -> Result<tandem::io::Loaded, Diagnostic> {
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(load_file(&owned));
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("{}: loading took over {limit:?}", path.display()))
}

fn check_place(name: &str, d: &Diagnostic, place: Place) {
    match place {
        At(line, column) => assert_eq!(d.pos, Some(TextPos { line, column }), "{name}: {d}"),
        Line(line) => assert_eq!(d.pos.map(|p| p.line), Some(line), "{name}: {d}"),
        Whole => {}
    }
}

fn tandem_check(path: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Runs one file through the loader, `tandem check` and the app.
fn try_file(name: &str, path: &Path, expect: &Expect) {
    let shown = path.display().to_string();
    let loaded = load_within(path, Duration::from_secs(20));
    let (code, out) = tandem_check(path);
    let app = TandemApp::open_at_start(Some(path.to_path_buf()));
    match (expect, loaded) {
        (Refused(reason, place), Err(d)) => {
            assert!(d.message.contains(reason), "{name}: {d}");
            assert!(
                d.message.chars().count() <= 401,
                "{name}: a readable message"
            );
            check_place(name, &d, *place);
            assert_eq!(code, 1, "{name}");
            assert_eq!(out.trim_end(), d.with_file(&shown), "{name}");
            let shown_in_app = app.open_error().unwrap_or_default();
            assert!(
                shown_in_app.contains(&shown) && shown_in_app.contains(&d.message),
                "{name}: {shown_in_app}"
            );
            assert_eq!(app.path(), None, "{name}: the broken file is not adopted");
        }
        (Repaired(what), Ok(loaded)) => {
            let repairs: Vec<String> = loaded.repairs.iter().map(|r| r.to_string()).collect();
            assert!(
                repairs.iter().any(|r| r.contains(what)),
                "{name}: {repairs:?}"
            );
            assert!(loaded.repairs.iter().all(|r| r.pos.is_some()), "{name}");
            assert_eq!(code, 0, "{name}");
            assert!(out.contains("repaired on load"), "{name}: {out}");
            let status = app.status().unwrap();
            assert!(
                status.text.contains("with repairs") && status.text.contains(what),
                "{name}"
            );
        }
        (Loads, Ok(loaded)) => {
            assert!(loaded.repairs.is_empty(), "{name}: {:?}", loaded.repairs);
            assert_eq!(code, 0, "{name}: {out}");
            assert!(app.open_error().is_none(), "{name}");
        }
        (expect, got) => panic!("{name}: expected {expect:?}, got {got:?}"),
    }
}

#[test]
fn every_kind_of_bad_file_is_refused_or_repaired_with_a_clear_reason() {
    let dir = tempfile::tempdir().unwrap();
    let cases = cases();
    // Every row runs, and the failures are listed together.
    let mut failed = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let path = dir.path().join(format!("case-{i:02}.tandem.json"));
        std::fs::write(&path, &c.bytes).unwrap();
        let row = std::panic::catch_unwind(|| try_file(c.name, &path, &c.expect));
        // The loader only reads.
        if row.is_err() || std::fs::read(&path).unwrap() != c.bytes {
            failed.push(c.name);
        }
    }
    assert!(failed.is_empty(), "failed: {failed:?}");
    let names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    eprintln!("{} bad inputs tried: {}", names.len(), names.join("; "));
}

#[test]
fn files_too_big_or_not_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    // 100 MB, made sparse so the test writes nothing.
    let big = dir.path().join("big.tandem.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    try_file(
        "100 MB file",
        &big,
        &Refused(
            "the file is 100 MB; Tandem opens boards of up to 64 MB",
            Whole,
        ),
    );
    let in_memory = vec![b' '; MAX_FILE_BYTES + 1];
    let d = tandem::io::read_board(&in_memory).unwrap_err();
    assert!(d.message.contains("up to 64 MB"), "{d}");
    try_file("a folder", dir.path(), &Refused("is a folder", Whole));
    #[cfg(unix)]
    try_file(
        "an endless device",
        Path::new("/dev/zero"),
        &Refused("is not a regular file", Whole),
    );
}
