//! `tandem`: the app, and the headless commands for scripts and CI.

use std::process::ExitCode;

use tandem::cli::{self, Invocation};

fn main() -> ExitCode {
    tandem::ui::app::mark_process_start();
    let code = match cli::parse(std::env::args_os()) {
        // Help and version go to stdout with 0, usage errors to stderr with 2.
        Err(e) => {
            let _ = e.print();
            e.exit_code()
        }
        Ok(Invocation::Export(args)) => {
            cli::interop::export(&args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Ok(Invocation::Import(args)) => cli::interop::import(&args, &mut std::io::stderr()),
        Ok(Invocation::Check(files)) => cli::check(&files, &mut std::io::stdout()),
        Ok(Invocation::New(new)) => cli::new_board(&new, &mut std::io::stderr()),
        Ok(Invocation::Completions(shell)) => {
            cli::completions(shell, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Ok(Invocation::App(app)) => {
            let room = app
                .room
                .map(|addr| addr.unwrap_or_else(tandem::ui::room::default_address));
            match tandem::ui::app::run(app.file, room) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("tandem: {e}");
                    1
                }
            }
        }
    };
    ExitCode::from(code as u8)
}
