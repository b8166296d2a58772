//! `tandem`: the app, and the headless commands for scripts and CI.

use std::process::ExitCode;

use tandem::cli::{self, Invocation};

fn main() -> ExitCode {
    tandem::ui::app::mark_process_start();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match cli::parse(&args) {
        Err(message) => {
            eprintln!("tandem: {message}\n\n{}", cli::usage());
            cli::USAGE_ERROR
        }
        Ok(Invocation::Help) => {
            print!("{}", cli::usage());
            0
        }
        Ok(Invocation::Version) => {
            println!("tandem {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Ok(Invocation::Export(args)) => {
            cli::interop::export(&args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Ok(Invocation::Import(args)) => cli::interop::import(&args, &mut std::io::stderr()),
        Ok(Invocation::Check(files)) => cli::check(&files, &mut std::io::stdout()),
        Ok(Invocation::New(new)) => cli::new_board(&new, &mut std::io::stderr()),
        Ok(Invocation::App(path)) => match tandem::ui::app::run(path) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("tandem: cannot open a window: {e}");
                1
            }
        },
    };
    ExitCode::from(code as u8)
}
