//! Files and the command line, through the real binary and the shipped assets.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use tandem::io::{Template, load_file, read_board, save_file, write_board};

fn tandem(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .output()
        .expect("tandem runs");
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assets(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(dir),
    )
    .unwrap()
    .map(|e| e.unwrap().path())
    .collect();
    files.sort();
    files
}

#[test]
fn every_template_and_example_survives_save_and_open() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = assets("templates")
        .into_iter()
        .chain(assets("examples"))
        .collect();
    assert!(files.len() >= 5);
    for file in files {
        let loaded = load_file(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(loaded.repairs.is_empty(), "{}", file.display());
        let copy = dir.path().join(file.file_name().unwrap());
        save_file(&copy, &loaded.board).unwrap();
        let again = load_file(&copy).unwrap().board;
        assert_eq!(again, loaded.board, "{}", file.display());
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            std::fs::read(&file).unwrap(),
            "{} is stored as Tandem writes it",
            file.display()
        );
    }
}

#[test]
fn the_example_board_is_the_worked_spotify_uber_case() {
    let board = load_file(&assets("examples")[0]).unwrap().board;
    assert_eq!(board.title(), "Spotify × Uber");
    let names: Vec<&str> = board.partners().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Uber", "Spotify"]);
    // Every journey stage has a note, and every note sits in a block or a journey cell.
    let lane = board.lane().unwrap();
    for stage in 0..lane.stages.len() {
        assert!(board.notes().iter().any(|n| matches!(board.region_of(n), Some(tandem::model::Region::Cell { stage: s, .. }) if s == stage)));
    }
    assert!(board.notes().iter().all(|n| board.region_of(n).is_some()));
}

#[test]
fn one_edited_note_changes_a_few_lines() {
    let text = std::fs::read_to_string(&assets("examples")[0]).unwrap();
    let mut doc = tandem::model::Document::new(read_board(text.as_bytes()).unwrap().board);
    let mut note = doc.board().notes()[3].clone();
    note.text = "Edited".into();
    note.rect.x += 10.0;
    doc.apply("Edit", tandem::model::Edit::UpdateNotes(vec![note]), None);
    let after = write_board(doc.board());
    let changed = text
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(text.lines().count(), after.lines().count());
    assert_eq!(changed, 2, "text and x");
}

#[test]
fn the_format_documentation_example_is_a_valid_board() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .unwrap();
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let loaded = read_board(&doc.as_bytes()[start..end])
        .unwrap_or_else(|e| panic!("docs/FORMAT.md example: {e}"));
    assert_eq!(loaded.board.notes().len(), 2);
    assert_eq!(loaded.board.flows().len(), 1);
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
}

#[test]
fn check_prints_one_line_per_file_and_exits_1_on_any_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = assets("examples")[0].display().to_string();
    let bad = dir.path().join("bad.tandem.json");
    std::fs::write(
        &bad,
        "{\"format\": \"tandem-board\", \"version\": 1, \"title\": \"x\",\n\"blocks\": []}",
    )
    .unwrap();
    let bad = bad.display().to_string();
    let (code, out, _) = tandem(&["check", &good]);
    assert_eq!(code, 0);
    assert_eq!(out, format!("{good}: ok (34 notes, 5 flows)\n"));
    let (code, out, _) = tandem(&["check", &good, &bad]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], format!("{bad}:2:13: missing field `partners`"));
    let (code, out, _) = tandem(&["check", "/nonexistent/x.tandem.json"]);
    assert_eq!(
        (code, out.as_str()),
        (1, "/nonexistent/x.tandem.json: no such file or folder\n")
    );
}

#[test]
fn new_writes_each_template_and_refuses_bad_usage_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    for t in Template::ALL {
        let out = dir.path().join(format!("{}.tandem.json", t.key()));
        let (code, _, err) = tandem(&[
            "new",
            "--template",
            t.key(),
            "-o",
            &out.display().to_string(),
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(load_file(&out).unwrap().board, t.board());
    }
    let default = dir.path().join("default.tandem.json");
    assert_eq!(tandem(&["new", "-o", &default.display().to_string()]).0, 0);
    assert!(
        load_file(&default).unwrap().board.lane().is_some(),
        "partnership is the default"
    );

    for args in [
        &["new"][..],
        &["new", "--template", "nope", "-o", "x"],
        &["check"],
        &["--bogus"],
        &["a", "b"],
    ] {
        let (code, _, err) = tandem(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("Usage:"), "{args:?}: {err}");
    }
    let (code, out, _) = tandem(&["--help"]);
    assert_eq!(code, 0);
    for t in Template::ALL {
        assert!(out.contains(t.key()));
    }
}

#[test]
fn every_format_version_reads_and_migrates_to_the_same_board() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |v: u64| {
        let path = fixtures.join(format!("v{v}.tandem.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            text.contains(&format!("\"version\": {v},")),
            "{} is a version {v} file",
            path.display()
        );
        load_file(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .board
    };
    let current = read(tandem::io::format::CURRENT_VERSION);
    let current_text = std::fs::read_to_string(fixtures.join(format!(
        "v{}.tandem.json",
        tandem::io::format::CURRENT_VERSION
    )))
    .unwrap();
    assert_eq!(
        write_board(&current),
        current_text,
        "the current version's fixture is what Tandem writes"
    );
    for v in 1..tandem::io::format::CURRENT_VERSION {
        assert_eq!(
            read(v),
            current,
            "version {v} migrates to the current board"
        );
    }
}

#[test]
fn help_is_there_for_tandem_and_each_command() {
    for args in [&["help"][..], &["--help"], &["-h"]] {
        let (code, out, _) = tandem(args);
        assert_eq!(code, 0, "{args:?}");
        for command in ["check", "new", "export", "import", "completions"] {
            assert!(out.contains(command), "{args:?} lists {command}: {out}");
        }
    }
    for (command, options) in [
        ("check", &["FILE"][..]),
        (
            "new",
            &["--template", "--fill", "--output", "--force", "journey"],
        ),
        (
            "export",
            &["--to", "--output", "--scale", "--region", "png"],
        ),
        ("import", &["--output", "--force"]),
        ("completions", &["bash", "zsh", "fish"]),
    ] {
        let (code, out, _) = tandem(&[command, "--help"]);
        assert_eq!(code, 0, "{command} --help");
        for option in options {
            assert!(out.contains(option), "{command} --help: {option}: {out}");
        }
        assert_eq!(tandem(&["help", command]), (0, out, String::new()));
    }
    let (code, out, _) = tandem(&["--version"]);
    assert_eq!(
        (code, out),
        (0, format!("tandem {}\n", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn a_mistyped_command_exits_2_and_names_the_right_one() {
    let (code, out, err) = tandem(&["chek", "x"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("'chek'") && err.contains("'check'"), "{err}");
    assert!(err.contains("Usage:"), "{err}");
    let (code, _, err) = tandem(&["new", "--forse", "-o", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("'--force'"), "{err}");
}

#[test]
fn completions_are_scripts_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = tandem(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("tandem"), "{shell}");
        for word in ["export", "template", "business-model", "canvas"] {
            assert!(out.contains(word), "{shell} completes {word}");
        }
    }
    let (code, _, err) = tandem(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn a_file_alone_opens_the_app() {
    use tandem::cli::{AppArgs, Invocation, parse};
    for file in [
        "board.tandem.json",
        "some/file.tandem.json",
        "-",
        "new.json",
    ] {
        assert_eq!(
            parse(["tandem", file]).unwrap(),
            Invocation::App(AppArgs {
                file: Some(file.into()),
                room: None
            })
        );
    }
    assert_eq!(
        parse(["tandem"]).unwrap(),
        Invocation::App(AppArgs {
            file: None,
            room: None
        })
    );
}

#[test]
fn bad_values_exit_2_and_name_the_value() {
    for (args, says) in [
        (
            &["new", "--template", "nope", "-o", "x"][..],
            "unknown template nope (known: partnership, business-model, journey, blank)",
        ),
        (
            &["new", "--fill", "lots", "-o", "x"],
            "--fill takes a number of notes from 0 to 1000000, not lots",
        ),
        (&["new", "--fill", "1000001", "-o", "x"], "not 1000001"),
        (
            &["new", "--flows", "lots", "-o", "x"],
            "--flows takes a number of flows from 0 to 1000000, not lots",
        ),
        (
            &["export", "b.tandem.json", "--to", "pdf"],
            "unknown format pdf (known: png, svg, md, csv, flows-csv, canvas)",
        ),
        (
            &["export", "b.tandem.json", "--to", "png", "--scale", "9"],
            "--scale must be a number from 0.25 to 8, not 9",
        ),
        (
            &["export", "b.tandem.json", "--to", "png", "--scale", "0.1x"],
            "not 0.1x",
        ),
        (
            &["export", "b.tandem.json", "--to", "svg", "--scale", "2"],
            "--scale applies to --to png only",
        ),
    ] {
        let (code, out, err) = tandem(args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.contains("Usage: tandem "), "{args:?}: {err}");
    }
}

#[test]
fn flows_open_and_save_back_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3-flows.tandem.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = load_file(&path).unwrap();
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    let b = &loaded.board;
    let kinds: Vec<&str> = b.flow_kinds().iter().map(|k| k.name.as_str()).collect();
    assert_eq!(
        kinds,
        ["value", "money", "attention"],
        "the board's own kinds"
    );
    let flows: Vec<String> = b
        .flows()
        .iter()
        .map(|f| {
            let kind = f.kind.and_then(|k| b.flow_kind(k)).map(|k| k.name.as_str());
            let arrow = match f.direction {
                tandem::model::FlowDirection::OneWay => "→",
                tandem::model::FlowDirection::BothWays => "↔",
            };
            format!(
                "{}: {} {arrow} {} {kind:?} {:?}",
                f.id.0, f.from.0, f.to.0, f.label
            )
        })
        .collect();
    assert_eq!(
        flows,
        [
            r#"1: 1 → 2 Some("value") "recipes""#,
            r#"2: 2 ↔ 1 Some("money") "fees, \"per order\"""#,
            r#"3: 3 → 1 None """#,
            r#"4: 2 → 3 Some("attention") "🛒 orders""#,
        ]
    );
    assert_eq!(write_board(b), text);
    let (code, out, _) = tandem(&["check", &path.display().to_string()]);
    assert_eq!(code, 0);
    assert!(out.ends_with(": ok (3 notes, 4 flows)\n"), "{out}");
}

#[test]
fn notes_from_the_room_open_and_save_back_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3-room.tandem.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = load_file(&path).unwrap();
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    let notes: Vec<(u64, Option<&str>, bool)> = loaded
        .board
        .notes()
        .iter()
        .map(|n| (n.id.0, n.author.as_deref(), n.face_down))
        .collect();
    assert_eq!(
        notes,
        [
            (1, None, false),
            (2, Some("Ana"), false),
            (3, Some("anonymous"), true)
        ]
    );
    assert_eq!(write_board(&loaded.board), text);
    let (code, out, _) = tandem(&["check", path.to_str().unwrap()]);
    assert_eq!(
        (code, out.trim_end()),
        (
            0,
            format!("{}: ok (3 notes, 0 flows)", path.display()).as_str()
        )
    );
}
