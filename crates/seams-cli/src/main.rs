//! `seams`: the command line over seams-core. Glue only: read files, call the core, print.

fn main() {
    std::process::exit(seams_cli::run(std::env::args_os().collect()));
}
