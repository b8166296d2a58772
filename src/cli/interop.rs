//! `tandem export` and `tandem import`: boards to pictures, reports and JSON Canvas, and JSON Canvas
//! files to boards, headless. Outputs are written atomically: a failure leaves no partial file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::export::{self, Format, Scope, png};
use crate::io::files::{self, io_reason, write_atomically};
use crate::io::json_canvas;
use crate::io::{load_file, save_file};

/// `tandem export FILE --to FORMAT [-o OUT] [--scale N] [--region NAME]`.
#[derive(Debug, PartialEq)]
pub struct ExportArgs {
    pub file: PathBuf,
    pub format: Format,
    /// `None`: next to FILE, named after it; `-`: standard output.
    pub out: Option<PathBuf>,
    pub region: Option<String>,
}

/// `tandem import FILE.canvas [-o OUT.tandem.json] [--force]`.
#[derive(Debug, PartialEq)]
pub struct ImportArgs {
    pub file: PathBuf,
    pub out: Option<PathBuf>,
    pub force: bool,
}

/// Exit code of a command that failed on its input or output (usage errors are `USAGE_ERROR`).
const FAILED: i32 = 1;

/// The one positional FILE of a command.
fn set_file(slot: &mut Option<PathBuf>, arg: &str, command: &str) -> Result<(), String> {
    if arg.starts_with('-') && arg != "-" {
        return Err(format!("{command}: unknown option {arg}"));
    }
    if slot.is_some() {
        return Err(format!("{command}: unexpected argument {arg}"));
    }
    *slot = Some(PathBuf::from(arg));
    Ok(())
}

pub fn parse_export(args: &[String]) -> Result<ExportArgs, String> {
    let mut file = None;
    let mut to = None;
    let mut out = None;
    let mut scale = None;
    let mut region = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("export: {name} needs a value"))
        };
        match arg.as_str() {
            "--to" | "-t" => {
                let name = value("--to")?;
                to = Some(Format::from_name(name).ok_or_else(|| {
                    format!("export: unknown format {name} (known: {})", Format::NAMES)
                })?);
            }
            "-o" | "--output" => out = Some(PathBuf::from(value("-o")?)),
            "--scale" => {
                let text = value("--scale")?;
                let n: f32 = text
                    .trim_end_matches(['x', '×'])
                    .parse()
                    .ok()
                    .filter(|n: &f32| (png::MIN_SCALE..=png::MAX_SCALE).contains(n))
                    .ok_or_else(|| {
                        format!(
                            "export: --scale must be a number from {} to {}, not {text}",
                            png::MIN_SCALE,
                            png::MAX_SCALE
                        )
                    })?;
                scale = Some(n);
            }
            "--region" | "-r" => region = Some(value("--region")?.clone()),
            other => set_file(&mut file, other, "export")?,
        }
    }
    let file = file.ok_or("export needs a board FILE")?;
    let mut format = to.ok_or(format!("export needs --to FORMAT ({})", Format::NAMES))?;
    match (&mut format, scale) {
        (Format::Png { scale }, Some(n)) => *scale = n,
        (_, Some(_)) => return Err("export: --scale applies to --to png only".to_owned()),
        _ => {}
    }
    Ok(ExportArgs {
        file,
        format,
        out,
        region,
    })
}

pub fn parse_import(args: &[String]) -> Result<ImportArgs, String> {
    let mut file = None;
    let mut out = None;
    let mut force = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" | "--output" => {
                out = Some(PathBuf::from(it.next().ok_or("import: -o needs a value")?))
            }
            "--force" => force = true,
            other => set_file(&mut file, other, "import")?,
        }
    }
    let file = file.ok_or("import needs a FILE.canvas")?;
    Ok(ImportArgs { file, out, force })
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
