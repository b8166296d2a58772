//! The command line: `tandem [FILE]` opens the app; `check`, `new`, `export` and `import` work
//! headless for scripts and CI.

pub mod interop;

use std::io::Write;
use std::path::PathBuf;

use crate::io::{Template, load_file, save_file};

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Invocation {
    /// Open the app, on a file or on a new board.
    App(Option<PathBuf>),
    Export(interop::ExportArgs),
    Import(interop::ImportArgs),
    Check(Vec<PathBuf>),
    New(NewBoard),
    Help,
    Version,
}

/// `tandem new`'s options.
#[derive(Debug, PartialEq)]
pub struct NewBoard {
    pub template: Template,
    /// Generated notes to add (`--fill N`), for benchmarks and stress tests.
    pub fill: usize,
    pub out: PathBuf,
    pub force: bool,
}

/// The most notes `--fill` generates.
pub const MAX_FILL: usize = 1_000_000;

/// Exit code for a usage error.
pub const USAGE_ERROR: i32 = 2;

pub fn usage() -> String {
    let templates: Vec<String> = Template::ALL
        .iter()
        .map(|t| format!("    {:<16}{}", t.key(), t.label()))
        .collect();
    format!(
        "Tandem: design partnerships on a canvas, around the customer journey.

Usage:
  tandem [FILE]                 open the app on FILE, or on a new board
                                (a FILE that does not exist yet is created on first save)
  tandem check FILE...          validate board files: prints `FILE: ok (N notes)` or
                                `FILE:LINE:COL: reason`; exit 0 if all are valid, 1 if not
  tandem new [--template NAME] [--fill N] -o FILE [--force]
                                write a new board (default template: partnership);
                                --fill adds N generated notes (for benchmarks);
                                --force overwrites an existing FILE
  tandem export FILE --to png|svg|md|csv|canvas [-o OUT] [--scale N] [--region NAME]
                                write the board (or one region) as a picture, a report or
                                JSON Canvas; OUT defaults to FILE's name and folder with the
                                format's extension, `-o -` writes to standard output;
                                --scale (png): pixels per canvas unit, 0.25 to 8 (default 1);
                                --region: a block's key or title, a journey stage, or the
                                journey's title
  tandem import FILE.canvas [-o OUT.tandem.json] [--force]
                                turn a JSON Canvas file into a board; lists what it could not
                                keep (edges, file and link nodes, unknown fields)
  tandem --help | --version

Exit codes: 0 done, 1 failed (the message says which file, where and why), 2 usage error.

Templates:
{}
",
        templates.join("\n")
    )
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Invocation, String> {
    let Some(first) = args.first() else {
        return Ok(Invocation::App(None));
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Invocation::Help),
        "-V" | "--version" => Ok(Invocation::Version),
        "check" => {
            let files: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
            if files.is_empty() {
                return Err("check needs at least one FILE".to_owned());
            }
            Ok(Invocation::Check(files))
        }
        "new" => parse_new(&args[1..]),
        "export" => interop::parse_export(&args[1..]).map(Invocation::Export),
        "import" => interop::parse_import(&args[1..]).map(Invocation::Import),
        flag if flag.starts_with('-') => Err(format!("unknown option {flag}")),
        _ if args.len() > 1 => Err(format!("unexpected argument {}", args[1])),
        file => Ok(Invocation::App(Some(PathBuf::from(file)))),
    }
}

fn parse_new(args: &[String]) -> Result<Invocation, String> {
    let mut template = Template::Partnership;
    let mut out = None;
    let mut force = false;
    let mut fill = 0;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--template" | "-t" => {
                let key = value("--template")?;
                template = Template::from_key(key).ok_or_else(|| {
                    let known: Vec<&str> = Template::ALL.iter().map(|t| t.key()).collect();
                    format!("unknown template {key} (known: {})", known.join(", "))
                })?;
            }
            "-o" | "--output" => out = Some(PathBuf::from(value("-o")?)),
            "--force" => force = true,
            "--fill" => {
                let n = value("--fill")?;
                fill = n.parse().ok().filter(|n| *n <= MAX_FILL).ok_or_else(|| {
                    format!("--fill takes a number of notes from 0 to {MAX_FILL}, not {n}")
                })?;
            }
            other => return Err(format!("new: unexpected argument {other}")),
        }
    }
    let out = out.ok_or("new needs -o FILE")?;
    Ok(Invocation::New(NewBoard {
        template,
        fill,
        out,
        force,
    }))
}

/// `tandem check`: one line per file; returns the exit code. It reads with `load_file`, the loader
/// the app opens files with, so a file `check` accepts is a file the app opens (with the same repairs).
pub fn check(files: &[PathBuf], out: &mut dyn Write) -> i32 {
    let mut code = 0;
    for file in files {
        let name = file.display().to_string();
        let line = match load_file(file) {
            Ok(loaded) => {
                let mut line = format!("{name}: ok ({} notes)", loaded.board.notes().len());
                for r in &loaded.repairs {
                    line.push_str(&format!(
                        "\n{}",
                        r.with_file(&format!("{name}: repaired on load"))
                    ));
                }
                line
            }
            Err(d) => {
                code = 1;
                d.with_file(&name)
            }
        };
        // A closed stdout (e.g. `| head`) is not worth a crash.
        let _ = writeln!(out, "{line}");
    }
    code
}

/// `tandem new`: writes a board from a template, filled with generated notes if asked; returns the
/// exit code.
pub fn new_board(new: &NewBoard, err: &mut dyn Write) -> i32 {
    let out_path = &new.out;
    if out_path.exists() && !new.force {
        let _ = writeln!(
            err,
            "tandem: {} already exists (use --force to overwrite it)",
            out_path.display()
        );
        return 1;
    }
    let mut board = new.template.board();
    if new.fill > 0 {
        board = crate::generate::fill(&board, new.fill);
    }
    match save_file(out_path, &board) {
        Ok(_) => 0,
        Err(reason) => {
            let _ = writeln!(err, "tandem: cannot write {}: {reason}", out_path.display());
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn new_at(template: Template, out: &Path, force: bool) -> NewBoard {
        NewBoard {
            template,
            fill: 0,
            out: out.to_path_buf(),
            force,
        }
    }

    #[test]
    fn fill_adds_generated_notes_and_checks_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("big.tandem.json");
        let Ok(Invocation::New(new)) =
            parse(&args(&format!("new --fill 300 -o {}", out.display())))
        else {
            panic!("parses")
        };
        assert_eq!(new.fill, 300);
        assert_eq!(new_board(&new, &mut Vec::new()), 0);
        assert_eq!(load_file(&out).unwrap().board.notes().len(), 300);
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

    #[test]
    fn parses_commands() {
        assert_eq!(parse(&[]), Ok(Invocation::App(None)));
        assert_eq!(
            parse(&args("b.json")),
            Ok(Invocation::App(Some("b.json".into())))
        );
        assert_eq!(parse(&args("--help")), Ok(Invocation::Help));
        assert_eq!(
            parse(&args("check a b")),
            Ok(Invocation::Check(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            parse(&args("new -o x.json --template journey")),
            Ok(Invocation::New(NewBoard {
                template: Template::Journey,
                fill: 0,
                out: "x.json".into(),
                force: false
            }))
        );
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
        let u = usage();
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
        assert_eq!(lines[0], format!("{}: ok (0 notes)", good.display()));
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
}
