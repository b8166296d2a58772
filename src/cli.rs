//! The command line: `tandem [FILE]` opens the app; `check`, `new`, `export` and `import` work
//! headless for scripts and CI; `completions` prints a shell completion script. Parsed by clap, so
//! help, typo suggestions and exit codes (2 for a usage error) are the ones Rust users know.

pub mod interop;

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

use crate::io::{Template, load_file, save_file};

/// What the command line asks for, checked.
#[derive(Debug, PartialEq)]
pub enum Invocation {
    App(AppArgs),
    Check(Vec<PathBuf>),
    New(NewBoard),
    Export(interop::ExportArgs),
    Import(interop::ImportArgs),
    Completions(Shell),
}

/// `tandem`'s arguments: the app's when no command is named.
#[derive(Parser, Debug)]
#[command(
    name = "tandem",
    version,
    about = "Tandem: design partnerships on a canvas, around the customer journey.",
    after_help = after_help(),
    // `tandem board.tandem.json` opens the app; a command takes no FILE before it.
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(flatten)]
    app: AppArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// `tandem [FILE]`: the app's own options. A struct so that a later one (such as a room to open at
/// start) is one more field.
#[derive(Args, Debug, PartialEq)]
pub struct AppArgs {
    /// Open the app on FILE, or on a new board (a FILE that does not exist yet is created on first
    /// save)
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Open the room at start, for phones on the local network: on ADDR (e.g. 192.168.1.20:7878,
    /// or 127.0.0.1:0 to try it on this computer), by default this machine's LAN address. Prints
    /// one line `room: URL` on standard output.
    #[arg(long, value_name = "ADDR", num_args = 0..=1)]
    pub room: Option<Option<std::net::SocketAddr>>,
}

/// The commands. A repeated option takes its last value, as Tandem's options always have.
#[derive(Subcommand, Debug)]
enum Command {
    /// Validate board files: prints `FILE: ok (N notes, M flows)` or `FILE:LINE:COL: reason`
    ///
    /// Each FILE is read as the app opens it, with the same repairs (listed below its line). Exits
    /// 0 if all are valid, 1 if not.
    Check {
        /// The board files to validate
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a new board from a template
    #[command(args_override_self = true)]
    New(NewBoard),
    /// Write a board (or one region) as a picture, a report or JSON Canvas
    #[command(args_override_self = true)]
    Export(interop::ExportCommand),
    /// Turn a JSON Canvas file into a board, listing what it could not keep
    ///
    /// What a board cannot keep (edges, file and link nodes, unknown fields) is listed, one line
    /// each.
    #[command(args_override_self = true)]
    Import(interop::ImportArgs),
    /// Print a completion script for SHELL
    ///
    /// For bash, for example:
    /// `tandem completions bash > ~/.local/share/bash-completion/completions/tandem`.
    Completions {
        #[arg(value_name = "SHELL")]
        shell: Shell,
    },
}

/// `tandem new`'s options.
#[derive(Args, Debug, PartialEq)]
pub struct NewBoard {
    /// The template to start from
    #[arg(
        short,
        long,
        value_name = "NAME",
        default_value = "partnership",
        value_parser = template_parser()
    )]
    pub template: Template,
    /// Add N generated notes (for benchmarks and stress tests)
    #[arg(long, value_name = "N", default_value = "0", value_parser = fill_parser())]
    pub fill: usize,
    /// Add M generated flows between the notes (for benchmarks and stress tests)
    #[arg(long, value_name = "M", default_value = "0", value_parser = flows_parser())]
    pub flows: usize,
    /// The board file to write
    #[arg(short, long = "output", value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite an existing FILE
    #[arg(long)]
    pub force: bool,
}

/// The most notes `--fill` generates, and flows `--flows`.
pub const MAX_FILL: usize = 1_000_000;

/// Exit code for a usage error, clap's: also for one found once the board is read (`--region`).
const USAGE_ERROR: i32 = 2;

/// Below the options in `tandem --help`: the template names, examples and exit codes, which the
/// command list alone does not tell.
fn after_help() -> String {
    let templates: Vec<String> = Template::ALL
        .iter()
        .map(|t| format!("  {:<16}{}", t.key(), t.label()))
        .collect();
    format!(
        "Templates (tandem new --template NAME):
{}

Examples:
  tandem board.tandem.json
  tandem check FILE...
  tandem new --template journey -o trip.tandem.json
  tandem export board.tandem.json --to png --scale 2
  tandem export board.tandem.json --to md --region use -o -

Exit codes: 0 done, 1 failed (the message says which file, where and why), 2 usage error.
Each command's options: tandem help COMMAND, or tandem COMMAND --help.",
        templates.join("\n")
    )
}

/// Parses the command line, program name first. The error is clap's: `print` it and exit with its
/// `exit_code` (0 for `--help` and `--version`, 2 for a usage error).
pub fn parse<I, T>(args: I) -> Result<Invocation, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = Cli::try_parse_from(&args).map_err(|e| reword(e, &args))?;
    Ok(match cli.command {
        None => Invocation::App(cli.app),
        Some(Command::Check { files }) => Invocation::Check(files),
        Some(Command::New(new)) => Invocation::New(new),
        Some(Command::Export(export)) => Invocation::Export(export.check()?),
        Some(Command::Import(import)) => Invocation::Import(import),
        Some(Command::Completions { shell }) => Invocation::Completions(shell),
    })
}

/// `tandem completions SHELL`: the script that completes commands, options, templates and formats;
/// returns the exit code. Written whole from memory: clap_complete panics if a write fails.
pub fn completions(shell: Shell, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tandem", &mut script);
    match out.write_all(&script).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "tandem: cannot write to standard output: {e}");
            1
        }
    }
}

/// The command `name` (`None`: `tandem` itself) as parsing sees it, so that its usage reads
/// `tandem name ...`.
fn command(name: Option<&str>) -> clap::Command {
    let mut cli = Cli::command();
    cli.build();
    name.and_then(|name| cli.find_subcommand(name).cloned())
        .unwrap_or(cli)
}

/// A usage error found after clap parsed, framed as clap frames its own.
fn usage_error(command_name: &str, message: impl std::fmt::Display) -> clap::Error {
    command(Some(command_name)).error(ErrorKind::ArgumentConflict, message)
}

/// clap finds what is wrong; these findings keep the words Tandem has always used for them
/// (`unknown option --bogus`, `export needs --to FORMAT`), in clap's frame: its tips, the command's
/// usage and the pointer to `--help`. Other errors are clap's own.
fn reword(err: clap::Error, args: &[OsString]) -> clap::Error {
    let name = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|name| Cli::command().find_subcommand(name).is_some());
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let (kind, headline) = match err.kind() {
        ErrorKind::UnknownArgument => match text(ContextKind::InvalidArg) {
            Some(arg) => (ErrorKind::UnknownArgument, unexpected(arg)),
            None => return err,
        },
        // At the top, clap reads an argument after FILE as a command, one that FILE excludes.
        ErrorKind::ArgumentConflict if name.is_none() => {
            match text(ContextKind::InvalidSubcommand) {
                Some(arg) => (ErrorKind::UnknownArgument, unexpected(arg)),
                None => return err,
            }
        }
        // An option at the end, without its value.
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue) == Some("") => {
            match text(ContextKind::InvalidArg).and_then(|arg| arg.split(' ').next()) {
                Some(option) => (err.kind(), format!("{option} needs a value")),
                None => return err,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let (Some(name), Some(ContextValue::Strings(missing))) =
                (name, err.get(ContextKind::InvalidArg))
            else {
                return err;
            };
            match missing
                .iter()
                .map(|arg| needs(name, arg))
                .collect::<Option<Vec<_>>>()
            {
                Some(needs) => (err.kind(), format!("{name} needs {}", needs.join(" and "))),
                None => return err,
            }
        }
        _ => return err,
    };
    if kind == ErrorKind::UnknownArgument
        && name.is_none()
        && let Some(typo) = mistyped_command(args)
    {
        return typo;
    }
    command(name).error(kind, with_tips(headline, &err))
}

/// `message` followed by `err`'s tips ("a similar argument exists", ...), as clap words them.
fn with_tips(message: String, err: &clap::Error) -> String {
    let tips: String = err
        .render()
        .to_string()
        .lines()
        .filter(|line| line.trim_start().starts_with("tip:"))
        .map(|line| format!("\n{line}"))
        .collect();
    match tips.is_empty() {
        true => message,
        false => format!("{message}\n{tips}"),
    }
}

/// An argument nothing expects, named as an option if it looks like one.
fn unexpected(arg: &str) -> String {
    match arg.starts_with('-') {
        true => format!("unknown option {arg}"),
        false => format!("unexpected argument {arg}"),
    }
}

/// How a command says what it misses, by clap's name for the missing argument.
fn needs(command: &str, missing: &str) -> Option<String> {
    Some(match (command, missing) {
        ("check", "<FILE>...") => "at least one FILE".to_owned(),
        ("new", "--output <FILE>") => "-o FILE".to_owned(),
        ("export", "<FILE>") => "a board FILE".to_owned(),
        ("export", "--to <FORMAT>") => format!("--to FORMAT ({})", crate::export::Format::NAMES),
        ("import", "<FILE.canvas>") => "a FILE.canvas".to_owned(),
        _ => return None,
    })
}

/// `tandem chek x`: the first argument reads as the app's FILE, so clap only sees `x` as one too
/// many. Parsed as commands alone, clap says which command was meant, if one is close.
fn mistyped_command(args: &[OsString]) -> Option<clap::Error> {
    let commands =
        clap::Command::new("tandem").subcommands(Cli::command().get_subcommands().cloned());
    let err = commands.try_get_matches_from(args).err()?;
    let Some(ContextValue::String(typo)) = err.get(ContextKind::InvalidSubcommand) else {
        return None;
    };
    err.get(ContextKind::SuggestedSubcommand)?;
    let message = with_tips(format!("unrecognized subcommand '{typo}'"), &err);
    Some(command(None).error(ErrorKind::InvalidSubcommand, message))
}

/// A value parser with Tandem's own message for a bad value (it names the value and what is
/// allowed), shown with the command's usage as clap shows other usage errors. `values` are offered
/// in help and completions.
#[derive(Clone)]
struct Checked<T> {
    parse: fn(&str) -> Result<T, String>,
    values: fn() -> Vec<PossibleValue>,
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Checked<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        (self.parse)(&value.to_string_lossy())
            .map_err(|message| cmd.clone().error(ErrorKind::InvalidValue, message))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let values = (self.values)();
        (!values.is_empty()).then(|| Box::new(values.into_iter()) as _)
    }
}

fn template_parser() -> Checked<Template> {
    Checked {
        parse: |key| {
            Template::from_key(key).ok_or_else(|| {
                let known: Vec<&str> = Template::ALL.iter().map(|t| t.key()).collect();
                format!("unknown template {key} (known: {})", known.join(", "))
            })
        },
        values: || {
            Template::ALL
                .iter()
                .map(|t| PossibleValue::new(t.key()).help(t.label()))
                .collect()
        },
    }
}

fn fill_parser() -> Checked<usize> {
    Checked {
        parse: |n| count(n, "--fill", "notes"),
        values: Vec::new,
    }
}

fn flows_parser() -> Checked<usize> {
    Checked {
        parse: |n| count(n, "--flows", "flows"),
        values: Vec::new,
    }
}

/// A number of generated things, up to [`MAX_FILL`].
fn count(n: &str, flag: &str, what: &str) -> Result<usize, String> {
    n.parse()
        .ok()
        .filter(|n| *n <= MAX_FILL)
        .ok_or_else(|| format!("{flag} takes a number of {what} from 0 to {MAX_FILL}, not {n}"))
}

/// `tandem check`: one line per file; returns the exit code. It reads with `load_file`, the loader
/// the app opens files with, so a file `check` accepts is a file the app opens (with the same repairs).
pub fn check(files: &[PathBuf], out: &mut dyn Write) -> i32 {
    let mut code = 0;
    for file in files {
        let name = file.display().to_string();
        let line = match load_file(file) {
            Ok(loaded) => {
                let b = &loaded.board;
                let counts = format!("{} notes, {} flows", b.notes().len(), b.flows().len());
                let mut line = format!("{name}: ok ({counts})");
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
    if new.flows > 0 {
        board = crate::generate::add_flows(&board, new.flows);
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
mod tests;
