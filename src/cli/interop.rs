//! `tandem export` and `tandem import`: boards to pictures, reports and JSON Canvas, and JSON Canvas
//! files to boards, headless. Outputs are written atomically: a failure leaves no partial file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use clap::builder::PossibleValue;

use super::Checked;
use crate::export::{self, Format, Scope, png};
use crate::io::files::{self, io_reason, write_atomically};
use crate::io::json_canvas;
use crate::io::{load_file, save_file};

/// `tandem export`'s arguments, checked: `--scale` folded into the PNG format.
#[derive(Debug, PartialEq)]
pub struct ExportArgs {
    pub file: PathBuf,
    pub format: Format,
    /// `None`: next to FILE, named after it; `-`: standard output.
    pub out: Option<PathBuf>,
    pub region: Option<String>,
}

/// `tandem export`'s arguments as typed; [`ExportCommand::check`] makes them [`ExportArgs`].
#[derive(Args, Debug)]
pub struct ExportCommand {
    /// The board to export
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The format to write
    #[arg(short = 't', long = "to", value_name = "FORMAT", value_parser = format_parser())]
    to: Format,
    /// Where to write; `-o -` writes to standard output [default: FILE's name and folder, with the
    /// format's extension]
    #[arg(short, long = "output", value_name = "OUT")]
    out: Option<PathBuf>,
    /// PNG only: pixels per canvas unit, from 0.25 to 8 [default: 1]
    #[arg(long, value_name = "N", value_parser = scale_parser())]
    scale: Option<f32>,
    /// Export one region: a block's key or title, a journey stage, or the journey's title
    #[arg(short, long, value_name = "NAME")]
    region: Option<String>,
}

impl ExportCommand {
    /// `--scale` is PNG's: with another format it is a usage error, not silently ignored.
    pub(super) fn check(self) -> Result<ExportArgs, clap::Error> {
        let mut format = self.to;
        match (&mut format, self.scale) {
            (Format::Png { scale }, Some(n)) => *scale = n,
            (_, Some(_)) => {
                return Err(super::usage_error(
                    "export",
                    "--scale applies to --to png only",
                ));
            }
            _ => {}
        }
        Ok(ExportArgs {
            file: self.file,
            format,
            out: self.out,
            region: self.region,
        })
    }
}

/// `tandem import`'s arguments.
#[derive(Args, Debug, PartialEq)]
pub struct ImportArgs {
    /// The JSON Canvas file to import
    #[arg(value_name = "FILE.canvas")]
    pub file: PathBuf,
    /// The board file to write [default: FILE's name and folder, with .tandem.json]
    #[arg(short, long = "output", value_name = "OUT.tandem.json")]
    pub out: Option<PathBuf>,
    /// Overwrite an existing OUT
    #[arg(long)]
    pub force: bool,
}

/// Exit code of a command that failed on its input or output (usage errors are `USAGE_ERROR`).
const FAILED: i32 = 1;

/// `--to`: a format by name, any case (`markdown` and `json-canvas` too).
fn format_parser() -> Checked<Format> {
    Checked {
        parse: |name| {
            Format::from_name(name)
                .ok_or_else(|| format!("unknown format {name} (known: {})", Format::NAMES))
        },
        values: || {
            Format::NAMES
                .split(", ")
                .map(|name| match name {
                    "md" => PossibleValue::new(name).alias("markdown"),
                    "canvas" => PossibleValue::new(name).alias("json-canvas"),
                    _ => PossibleValue::new(name),
                })
                .collect()
        },
    }
}

/// `--scale`: `2`, `2x` or `2×`, within what the PNG export draws.
fn scale_parser() -> Checked<f32> {
    Checked {
        parse: |text| {
            text.trim_end_matches(['x', '×'])
                .parse()
                .ok()
                .filter(|n: &f32| (png::MIN_SCALE..=png::MAX_SCALE).contains(n))
                .ok_or_else(|| {
                    format!(
                        "--scale must be a number from {} to {}, not {text}",
                        png::MIN_SCALE,
                        png::MAX_SCALE
                    )
                })
        },
        values: Vec::new,
    }
}

/// A file's name without `.tandem.json`, `.json` or `.canvas`.
fn stem(path: &Path) -> String {
    let name = files::display_name(path);
    [files::EXTENSION, ".json", ".canvas"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name)
        .to_owned()
}

fn beside(file: &Path, name: String) -> PathBuf {
    file.parent()
        .map_or_else(|| PathBuf::from(&name), |dir| dir.join(&name))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Runs `tandem export`; returns the exit code. Messages go to `err`, `-o -` output to `out`.
pub fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let name = args.file.display().to_string();
    let board = match load_file(&args.file) {
        Ok(loaded) => {
            for r in &loaded.repairs {
                let _ = writeln!(err, "{}", r.with_file(&format!("{name}: repaired on load")));
            }
            loaded.board
        }
        Err(d) => {
            let _ = writeln!(err, "tandem: {}", d.with_file(&name));
            return FAILED;
        }
    };
    let scope = match &args.region {
        None => Scope::Board,
        Some(region) => match Scope::find(&board, region) {
            Ok(scope) => scope,
            Err(message) => {
                let _ = writeln!(err, "tandem: {name}: {message}");
                return super::USAGE_ERROR;
            }
        },
    };
    let target = args.out.clone().unwrap_or_else(|| {
        beside(
            &args.file,
            export::file_name(&stem(&args.file), &scope, args.format),
        )
    });
    if same_file(&target, &args.file) {
        let _ = writeln!(
            err,
            "tandem: {} is the board itself; choose another output file",
            target.display()
        );
        return FAILED;
    }
    let bytes = match export::export(&board, &scope, args.format) {
        Ok(bytes) => bytes,
        Err(message) => {
            let _ = writeln!(err, "tandem: cannot export {name}: {message}");
            return FAILED;
        }
    };
    if target.as_os_str() == "-" {
        return match out.write_all(&bytes).and_then(|()| out.flush()) {
            Ok(()) => 0,
            Err(e) => {
                let _ = writeln!(err, "tandem: cannot write to standard output: {e}");
                FAILED
            }
        };
    }
    match write_atomically(&target, &bytes, None) {
        Ok(()) => {
            let _ = writeln!(err, "tandem: wrote {}", target.display());
            0
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "tandem: cannot write {}: {}",
                target.display(),
                io_reason(&e)
            );
            FAILED
        }
    }
}

/// Runs `tandem import`; lists what the board could not keep; returns the exit code.
pub fn import(args: &ImportArgs, err: &mut dyn Write) -> i32 {
    let name = args.file.display().to_string();
    let target = args.out.clone().unwrap_or_else(|| {
        beside(
            &args.file,
            format!("{}{}", stem(&args.file), files::EXTENSION),
        )
    });
    if target.exists() && !args.force {
        let _ = writeln!(
            err,
            "tandem: {} already exists (use --force to overwrite it)",
            target.display()
        );
        return FAILED;
    }
    let imported = match files::read_file(&args.file)
        .and_then(|bytes| json_canvas::read_canvas(&bytes, &stem(&args.file)))
    {
        Ok(imported) => imported,
        Err(d) => {
            let _ = writeln!(err, "tandem: {}", d.with_file(&name));
            return FAILED;
        }
    };
    for d in &imported.not_kept {
        let _ = writeln!(err, "{}", d.with_file(&name));
    }
    if let Err(reason) = save_file(&target, &imported.board) {
        let _ = writeln!(err, "tandem: cannot write {}: {reason}", target.display());
        return FAILED;
    }
    let _ = writeln!(
        err,
        "tandem: wrote {} ({}){}",
        target.display(),
        json_canvas::summary(&imported.board),
        match imported.not_kept.len() {
            0 => String::new(),
            1 => "; 1 thing could not be kept as it was (listed above)".to_owned(),
            n => format!("; {n} things could not be kept as they were (listed above)"),
        }
    );
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// `tandem COMMAND ARGS`: the arguments, or the error as `tandem` prints it.
    fn parse(command: &str, args: &[String]) -> Result<crate::cli::Invocation, String> {
        let line = ["tandem", command].into_iter();
        crate::cli::parse(line.chain(args.iter().map(String::as_str))).map_err(|e| e.to_string())
    }

    fn parse_export(args: &[String]) -> Result<ExportArgs, String> {
        match parse("export", args)? {
            crate::cli::Invocation::Export(export) => Ok(export),
            other => panic!("{other:?}"),
        }
    }

    fn parse_import(args: &[String]) -> Result<ImportArgs, String> {
        match parse("import", args)? {
            crate::cli::Invocation::Import(import) => Ok(import),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn export_arguments() {
        assert_eq!(
            parse_export(&args("b.json --to png --scale 2 -o x.png --region use")),
            Ok(ExportArgs {
                file: "b.json".into(),
                format: Format::Png { scale: 2.0 },
                out: Some("x.png".into()),
                region: Some("use".into()),
            })
        );
        assert_eq!(
            parse_export(&args("--to md b.json")).map(|a| a.format),
            Ok(Format::Markdown)
        );
        for (bad, says) in [
            ("b.json", "needs --to"),
            ("--to svg", "needs a board FILE"),
            ("b.json --to pdf", "unknown format pdf (known: png, svg"),
            (
                "b.json --to svg --scale 2",
                "--scale applies to --to png only",
            ),
            ("b.json --to png --scale 0", "from 0.25 to 8"),
            ("b.json --to png --scale nan", "from 0.25 to 8"),
            ("b.json --to", "--to needs a value"),
            ("a b --to md", "unexpected argument b"),
            ("b.json --to md --bogus", "unknown option --bogus"),
        ] {
            let e = parse_export(&args(bad)).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn formats_by_any_of_their_names() {
        for (name, format) in [
            ("Markdown", Format::Markdown),
            ("json-canvas", Format::JsonCanvas),
            ("PNG", Format::Png { scale: 1.0 }),
        ] {
            assert_eq!(
                parse_export(&args(&format!("b.json --to {name}"))).map(|a| a.format),
                Ok(format)
            );
        }
        assert_eq!(
            parse_export(&args("b.json --to png --scale 2×")).map(|a| a.format),
            Ok(Format::Png { scale: 2.0 })
        );
    }

    #[test]
    fn import_arguments() {
        assert_eq!(
            parse_import(&args("a.canvas -o b.tandem.json --force")),
            Ok(ImportArgs {
                file: "a.canvas".into(),
                out: Some("b.tandem.json".into()),
                force: true,
            })
        );
        assert!(parse_import(&[]).unwrap_err().contains("needs a FILE"));
        assert!(
            parse_import(&args("a -o"))
                .unwrap_err()
                .contains("needs a value")
        );
    }

    #[test]
    fn default_outputs_sit_beside_the_input() {
        assert_eq!(stem(Path::new("dir/b.tandem.json")), "b");
        assert_eq!(stem(Path::new("dir/a.canvas")), "a");
        assert_eq!(
            beside(Path::new("dir/b.tandem.json"), "b.png".into()),
            Path::new("dir/b.png")
        );
    }
}
