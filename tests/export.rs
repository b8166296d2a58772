//! Exports of the example board, against golden files in `tests/golden/`, and the `export` and
//! `import` commands through the real binary.
//!
//! After an intended change to an export, regenerate the golden files and review their diff:
//!
//!     TANDEM_UPDATE_GOLDEN=1 cargo test --test export
//!
//! The PNG is not kept as a golden file (anti-aliasing may differ between resvg versions); its
//! size and colours are checked instead.

// Test and benchmark code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use resvg::tiny_skia::Pixmap;
use tandem::export::{self, Format, Scope, svg};
use tandem::io::json_canvas::{read_canvas, write_canvas};
use tandem::io::load_file;
use tandem::model::note::NOTE_TEXT_RGB;
use tandem::model::{Board, NoteColor};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example_path() -> PathBuf {
    root().join("assets/examples/spotify-uber.tandem.json")
}

fn example() -> Board {
    load_file(&example_path()).unwrap().board
}

fn text_export(format: Format) -> String {
    String::from_utf8(export::export(&example(), &Scope::Board, format).unwrap()).unwrap()
}

/// Compares `actual` with `tests/golden/NAME`, or rewrites the file when asked to.
fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("TANDEM_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (TANDEM_UPDATE_GOLDEN=1 writes it)", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             If the change is intended: TANDEM_UPDATE_GOLDEN=1 cargo test --test export",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn svg_of_the_example_board() {
    let svg = text_export(Format::Svg);
    golden("spotify-uber.svg", &svg);
    // Real text, not outlines: every note's first words are in the file.
    for note in example().notes() {
        let word = note
            .text
            .split_whitespace()
            .find(|w| w.chars().all(char::is_alphanumeric))
            .unwrap();
        assert!(svg.contains(word), "{word}");
    }
}

#[test]
fn markdown_of_the_example_board() {
    golden("spotify-uber.md", &text_export(Format::Markdown));
}

#[test]
fn csv_of_the_example_board() {
    let csv = text_export(Format::Csv);
    golden("spotify-uber.csv", &csv);
    assert_eq!(csv.lines().count(), 1 + example().notes().len());
}

#[test]
fn flows_csv_of_the_example_board() {
    let csv = text_export(Format::FlowsCsv);
    golden("spotify-uber-flows.csv", &csv);
    assert_eq!(csv.lines().count(), 1 + example().flows().len());
}

#[test]
fn json_canvas_of_the_example_board_round_trips() {
    let canvas = text_export(Format::JsonCanvas);
    golden("spotify-uber.canvas", &canvas);
    let back = read_canvas(canvas.as_bytes(), "x").unwrap();
    assert!(back.not_kept.is_empty());
    assert_eq!(back.board, example());
    assert_eq!(write_canvas(&back.board), canvas);
}

#[test]
fn png_of_the_example_board_has_its_size_and_its_colours() {
    let board = example();
    let frame = svg::frame(&board).unwrap();
    let png = export::export(&board, &Scope::Board, Format::Png { scale: 1.0 }).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    assert_eq!(
        (pixmap.width(), pixmap.height()),
        (frame.w as u32, frame.h as u32)
    );
    let content = board.bounds().unwrap();
    assert!(
        pixmap.width() as f32 > content.w && pixmap.height() as f32 > content.h,
        "one pixel per canvas unit"
    );
    let has = |c: [u8; 3]| {
        pixmap
            .pixels()
            .iter()
            .any(|p| [p.red(), p.green(), p.blue(), p.alpha()] == [c[0], c[1], c[2], 255])
    };
    let sampled: std::collections::HashSet<[u8; 3]> = pixmap
        .pixels()
        .iter()
        .step_by(7)
        .map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    assert!(sampled.len() > 50, "only {} colours", sampled.len());
    let mut used: Vec<NoteColor> = board.notes().iter().map(|n| n.color).collect();
    used.sort_by_key(|c| c.name());
    used.dedup();
    assert_eq!(used.len(), 7, "the example uses every sticky colour");
    for c in used {
        assert!(has(c.rgb()), "{} notes are drawn", c.name());
    }
    for p in board.partners() {
        assert!(has(p.color.0), "{}'s tags are drawn", p.name);
    }
    assert!(has(NOTE_TEXT_RGB), "note text is drawn");
    let corner = pixmap.pixel(0, 0).unwrap();
    assert_eq!(
        [corner.red(), corner.green(), corner.blue(), corner.alpha()],
        [0xEE, 0xEF, 0xF2, 0xFF],
        "the board background"
    );
}

#[test]
fn a_png_scale_multiplies_the_size() {
    let board = example();
    let scope = Scope::Block("desired-value".into());
    let part = scope.extract(&board).unwrap();
    let frame = svg::frame(&part).unwrap();
    let png = export::export(&board, &scope, Format::Png { scale: 2.0 }).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    assert_eq!(
        (pixmap.width(), pixmap.height()),
        (2 * frame.w as u32, 2 * frame.h as u32)
    );
}

// ---------------------------------------------------------------------------------------------
// The commands, through the real binary.

fn tandem(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .output()
        .expect("tandem runs");
    (
        out.status.code().expect("exited, not killed"),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn export_writes_each_format_beside_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("spotify-uber.tandem.json");
    std::fs::copy(example_path(), &board).unwrap();
    let board = board.display().to_string();
    for (to, name) in [
        ("svg", "spotify-uber.svg"),
        ("md", "spotify-uber.md"),
        ("csv", "spotify-uber.csv"),
        ("canvas", "spotify-uber.canvas"),
    ] {
        let (code, _, err) = tandem(&["export", &board, "--to", to]);
        assert_eq!(code, 0, "{to}: {err}");
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(written, text_export(Format::from_name(to).unwrap()));
    }
    let (code, _, err) = tandem(&[
        "export", &board, "--to", "png", "--scale", "2", "--region", "USE",
    ]);
    assert_eq!(code, 0, "{err}");
    let png = std::fs::read(dir.path().join("spotify-uber-stage-use@2x.png")).unwrap();
    assert!(Pixmap::decode_png(&png).unwrap().width() > 1000);
    assert!(err.contains("spotify-uber-stage-use@2x.png"), "{err}");
    assert_eq!(files_in(dir.path()).len(), 6, "no temporary files remain");
}

#[test]
fn export_to_standard_output() {
    let path = example_path().display().to_string();
    let (code, out, _) = tandem(&[
        "export", &path, "--to", "md", "-o", "-", "--region", "risks",
    ]);
    assert_eq!(code, 0);
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.starts_with("# Spotify × Uber — Risks & big questions\n"),
        "{md}"
    );
    assert!(md.contains("Will drivers accept riders' music?"));
    assert!(
        !md.contains("Personal playlists"),
        "other blocks are left out"
    );
}

#[test]
fn export_failures_exit_1_or_2_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).display().to_string();
    let example = example_path().display().to_string();
    std::fs::write(dir.path().join("broken.tandem.json"), "{ nope").unwrap();
    std::fs::write(dir.path().join("empty.tandem.json"), {
        let blank = tandem::io::Template::Blank.board();
        tandem::io::write_board(&blank)
    })
    .unwrap();

    let (code, _, err) = tandem(&["export", &d("broken.tandem.json"), "--to", "svg"]);
    assert_eq!(code, 1);
    assert!(err.contains("broken.tandem.json:1:3:"), "{err}");

    let (code, _, err) = tandem(&["export", &d("missing.tandem.json"), "--to", "md"]);
    assert_eq!(code, 1);
    assert!(err.contains("no such file"), "{err}");

    let (code, _, err) = tandem(&[
        "export",
        &example,
        "--to",
        "svg",
        "--region",
        "nowhere",
        "-o",
        &d("x.svg"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no region is called \"nowhere\""), "{err}");
    assert!(err.contains("desired-value (Desired value)"), "{err}");

    let (code, _, err) = tandem(&[
        "export",
        &d("empty.tandem.json"),
        "--to",
        "png",
        "-o",
        &d("x.png"),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("nothing to draw"), "{err}");

    let (code, _, err) = tandem(&[
        "export",
        &example,
        "--to",
        "png",
        "--scale",
        "8",
        "-o",
        &d("x.png"),
    ]);
    assert_eq!(code, 1, "a 20,000-pixel picture is refused");
    assert!(err.contains("too large"), "{err}");

    let (code, _, err) = tandem(&[
        "export",
        &example,
        "--to",
        "svg",
        "-o",
        &d("no/such/dir/x.svg"),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot write"), "{err}");

    let (code, _, err) = tandem(&[
        "export",
        &d("empty.tandem.json"),
        "--to",
        "canvas",
        "-o",
        &d("empty.tandem.json"),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("the board itself"), "{err}");

    for args in [
        &["export"][..],
        &["export", &example],
        &["export", &example, "--to", "pdf"],
        &["export", &example, "--to", "md", "--scale", "2"],
        &["import"],
    ] {
        let (code, _, err) = tandem(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("Usage:"), "{args:?}: {err}");
    }
    assert_eq!(
        files_in(dir.path()),
        ["broken.tandem.json", "empty.tandem.json"],
        "no output and no temporary file is left behind"
    );
}

#[test]
fn import_lists_what_it_could_not_keep() {
    let dir = tempfile::tempdir().unwrap();
    let canvas = root().join("tests/fixtures/other-app.canvas");
    let out = dir.path().join("plan.tandem.json");
    let out_s = out.display().to_string();
    let canvas_s = canvas.display().to_string();
    let (code, _, err) = tandem(&["import", &canvas_s, "-o", &out_s]);
    assert_eq!(code, 0, "{err}");
    let board = load_file(&out).unwrap().board;
    assert_eq!(board.title(), "other-app");
    assert_eq!(board.blocks().len(), 2);
    assert_eq!(board.notes().len(), 5);
    // Edges between notes are flows; the file node became a note, so its edge is one too.
    let flows: Vec<(&str, &str, &str)> = board
        .flows()
        .iter()
        .map(|f| {
            let text = |id| board.note(id).unwrap().text.as_str();
            (text(f.from), text(f.to), f.label.as_str())
        })
        .collect();
    assert_eq!(
        flows,
        [
            ("Ride playlists", "Drivers choose the music?", "because"),
            ("Drivers choose the music?", "Research/Interviews.md", "")
        ]
    );
    for (what, line) in [
        ("file node \"f1\": kept as a note naming the file", 8),
        ("link node \"l1\": kept as a note showing its URL", 9),
        (
            "edge \"e3\" from \"n3\" to \"g2\": not kept: \"g2\" is a group node, and flows \
             join notes",
            14,
        ),
    ] {
        let expected = format!("{canvas_s}:{line}:5: {what}");
        assert!(err.contains(&expected), "{expected}\nnot in\n{err}");
    }
    assert!(
        err.contains("(5 notes, 2 flows and 2 blocks); 3 things could not be kept as they were"),
        "{err}"
    );

    // The board it wrote is not overwritten without --force, and the import can be repeated with it.
    let (code, _, err) = tandem(&["import", &canvas_s, "-o", &out_s]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(tandem(&["import", &canvas_s, "-o", &out_s, "--force"]).0, 0);

    let bad = dir.path().join("bad.canvas");
    std::fs::write(&bad, "{\"nodes\": [\n  {\"id\": 7}\n]}").unwrap();
    let (code, _, err) = tandem(&["import", &bad.display().to_string()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.canvas:2:10: node 1: \"id\" must be a string"),
        "{err}"
    );
    assert!(
        !dir.path().join("bad.tandem.json").exists(),
        "no board from bad input"
    );
}

// ---------------------------------------------------------------------------------------------
// Face-down notes.

/// The example with one note in a block and one in a journey cell turned face down, their text
/// replaced by a secret; the example without those two notes; and the block and the stage they
/// are in.
fn with_face_down_notes() -> (Board, Board, [Scope; 2]) {
    use tandem::model::{Edit, Region};
    let mut board = example();
    let in_block = board
        .notes()
        .iter()
        .find(|n| matches!(board.region_of(n), Some(Region::Block(_))))
        .unwrap()
        .clone();
    let in_cell = board
        .notes()
        .iter()
        .find(|n| matches!(board.region_of(n), Some(Region::Cell { .. })))
        .unwrap()
        .clone();
    let (Some(Region::Block(block)), Some(Region::Cell { stage, .. })) =
        (board.region_of(&in_block), board.region_of(&in_cell))
    else {
        unreachable!("found by their regions")
    };
    let regions = [
        Scope::Block(board.blocks()[block].key.clone()),
        Scope::Stage(board.lane().unwrap().stages[stage].name.clone()),
    ];
    let mut without = board.clone();
    without.apply(Edit::RemoveNotes(vec![in_block.id, in_cell.id]));
    let hidden = [in_block, in_cell].map(|mut n| {
        n.text = format!("SECRET {}", n.id.0);
        n.author = Some("Ana".into());
        n.face_down = true;
        n
    });
    board.apply(Edit::UpdateNotes(hidden.to_vec()));
    (board, without, regions)
}

#[test]
fn face_down_notes_are_left_out_of_every_export() {
    let (board, without, [block, stage]) = with_face_down_notes();
    let scopes = [Scope::Board, block, Scope::Journey, stage];
    for scope in &scopes {
        for format in [
            Format::Svg,
            Format::Markdown,
            Format::Csv,
            Format::JsonCanvas,
        ] {
            let out = export::export(&board, scope, format).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!text.contains("SECRET"), "{format:?} of {scope:?}");
            assert_eq!(
                text.into_bytes(),
                export::export(&without, scope, format).unwrap(),
                "{format:?} of {scope:?} is the board without the face-down notes"
            );
        }
    }
    let png = Format::Png { scale: 1.0 };
    assert_eq!(
        export::export(&board, &Scope::Board, png).unwrap(),
        export::export(&without, &Scope::Board, png).unwrap()
    );
}
