//! `seams`: the command line over seams-core. Glue only: read files, call the core, print.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(seams_cli::run(std::env::args_os().collect()))
}
