use super::*;
use std::path::Path;

fn new_at(template: Template, out: &Path, force: bool) -> NewBoard {
    NewBoard {
        template,
        fill: 0,
        flows: 0,
        out: out.to_path_buf(),
        force,
    }
}

#[test]
fn fill_adds_generated_notes_and_flows_and_checks_their_number() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big.tandem.json");
    let Ok(Invocation::New(new)) = parse(&args(&format!(
        "new --fill 300 --flows 120 -o {}",
        out.display()
    ))) else {
        panic!("parses")
    };
    assert_eq!((new.fill, new.flows), (300, 120));
    assert_eq!(new_board(&new, &mut Vec::new()), 0);
    let board = load_file(&out).unwrap().board;
    assert_eq!((board.notes().len(), board.flows().len()), (300, 120));
    assert!(
        parse(&args("new --fill many -o x"))
            .unwrap_err()
            .contains("--fill takes a number")
    );
    assert!(
        parse(&args("new --fill 99999999 -o x"))
            .unwrap_err()
            .contains("--fill takes a number")
    );
}

fn args(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

/// The arguments after the program name; the error as `tandem` prints it.
fn parse(args: &[String]) -> Result<Invocation, String> {
    super::parse(std::iter::once("tandem").chain(args.iter().map(String::as_str)))
        .map_err(|e| e.to_string())
}

#[test]
fn parses_commands() {
    assert_eq!(
        parse(&[]),
        Ok(Invocation::App(AppArgs {
            file: None,
            room: None
        }))
    );
    assert_eq!(
        parse(&args("b.json")),
        Ok(Invocation::App(AppArgs {
            file: Some("b.json".into()),
            room: None
        }))
    );
    // The room at start: on the LAN address, or on the one given.
    assert_eq!(
        parse(&args("b.json --room")),
        Ok(Invocation::App(AppArgs {
            file: Some("b.json".into()),
            room: Some(None)
        }))
    );
    assert_eq!(
        parse(&args("--room 127.0.0.1:0")),
        Ok(Invocation::App(AppArgs {
            file: None,
            room: Some(Some("127.0.0.1:0".parse().unwrap()))
        }))
    );
    assert!(parse(&args("--room nowhere")).is_err());
    assert_eq!(
        super::parse(["tandem", "--help"]).unwrap_err().kind(),
        ErrorKind::DisplayHelp
    );
    assert_eq!(
        parse(&args("check a b")),
        Ok(Invocation::Check(vec!["a".into(), "b".into()]))
    );
    assert_eq!(
        parse(&args("new -o x.json --template journey")),
        Ok(Invocation::New(NewBoard {
            template: Template::Journey,
            fill: 0,
            flows: 0,
            out: "x.json".into(),
            force: false
        }))
    );
}

#[test]
fn the_command_line_is_consistent() {
    // clap's own checks of the definition (names, defaults against their parsers, ...).
    Cli::command().debug_assert();
}

#[test]
fn a_repeated_option_takes_its_last_value() {
    let Ok(Invocation::New(new)) = parse(&args("new -o a --force -o b --force -t blank")) else {
        panic!("parses")
    };
    assert_eq!((new.out, new.force), ("b".into(), true));
}

#[test]
fn usage_errors_say_what_is_wrong() {
    assert!(
        parse(&args("check"))
            .unwrap_err()
            .contains("at least one FILE")
    );
    assert!(parse(&args("new")).unwrap_err().contains("-o FILE"));
    assert!(
        parse(&args("new -o"))
            .unwrap_err()
            .contains("needs a value")
    );
    assert!(
        parse(&args("new --template nope -o x"))
            .unwrap_err()
            .contains("known: partnership")
    );
    assert!(
        parse(&args("--frobnicate"))
            .unwrap_err()
            .contains("unknown option")
    );
    assert!(
        parse(&args("a b"))
            .unwrap_err()
            .contains("unexpected argument b")
    );
}

#[test]
fn help_lists_commands_and_templates() {
    let u = Cli::command().render_long_help().to_string();
    for t in Template::ALL {
        assert!(u.contains(t.key()));
    }
    assert!(u.contains("tandem check FILE"));
}

#[test]
fn check_reports_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.tandem.json");
    let bad = dir.path().join("bad.tandem.json");
    assert_eq!(
        new_board(
            &new_at(Template::Partnership, &good, false),
            &mut Vec::new()
        ),
        0
    );
    std::fs::write(
        &bad,
        "{\n  \"format\": \"tandem-board\",\n  \"version\": 1,\n  x\n}",
    )
    .unwrap();
    let mut out = Vec::new();
    assert_eq!(check(std::slice::from_ref(&good), &mut out), 0);
    assert_eq!(check(&[good.clone(), bad.clone()], &mut out), 1);
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("{}: ok (0 notes, 0 flows)", good.display())
    );
    assert_eq!(
        lines[2],
        format!("{}:4:3: key must be a string", bad.display())
    );
}

#[test]
fn new_does_not_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.tandem.json");
    std::fs::write(&path, "mine").unwrap();
    let mut err = Vec::new();
    assert_eq!(
        new_board(&new_at(Template::Blank, &path, false), &mut err),
        1
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert!(String::from_utf8(err).unwrap().contains("already exists"));
    assert_eq!(
        new_board(&new_at(Template::Blank, &path, true), &mut Vec::new()),
        0
    );
    assert!(load_file(&path).is_ok());
}
