//! The `seams` command line: arguments in two steps (raw flags with clap, then resolved settings),
//! the core does the work, this crate prints.

use clap::{Parser, Subcommand, ValueEnum};
use seams_core::{ingest, report, Dialect, Inputs};
use std::ffi::OsString;
use std::path::PathBuf;

/// Exit code for usage errors and unreadable files.
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "seams",
    version,
    about = "How services are coupled through their data, and how to cut them apart"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Debug)]
struct InputArgs {
    /// SQL schema files (DDL); several are read as one schema.
    #[arg(long, num_args = 1.., required = true)]
    schema: Vec<PathBuf>,
    /// Services file (YAML or JSON).
    #[arg(long)]
    services: Option<PathBuf>,
    /// ORM model files; each is introduced by its path (a header comment is added when missing).
    #[arg(long, num_args = 1..)]
    models: Vec<PathBuf>,
    /// SQL dialect (postgres, mysql, sqlite, mssql, generic); detected when absent.
    #[arg(long)]
    dialect: Option<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read the inputs and print a summary and diagnostics (text or JSON).
    Check {
        #[command(flatten)]
        inputs: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

struct Texts {
    schema: String,
    services: String,
    models: String,
    dialect: Option<Dialect>,
}

fn read_inputs(args: &InputArgs) -> Result<Texts, String> {
    let dialect = match &args.dialect {
        Some(name) => Some(Dialect::from_name(name).ok_or_else(|| {
            format!("unknown dialect `{name}` (expected postgres, mysql, sqlite, mssql or generic)")
        })?),
        None => None,
    };
    let read = |path: &PathBuf| {
        std::fs::read(path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let mut schema = String::new();
    for path in &args.schema {
        schema.push_str(&read(path)?);
        if !schema.ends_with('\n') {
            schema.push('\n');
        }
    }
    let services = match &args.services {
        Some(path) => read(path)?,
        None => String::new(),
    };
    let mut models = String::new();
    for path in &args.models {
        let text = read(path)?;
        let first = text.lines().next().unwrap_or_default().trim_start();
        if !(first.starts_with('#') || first.starts_with("//")) {
            let comment = if path.extension().is_some_and(|e| e == "py") {
                "#"
            } else {
                "//"
            };
            models.push_str(&format!("{comment} {}\n", path.display()));
        }
        models.push_str(&text);
        if !models.ends_with('\n') {
            models.push('\n');
        }
    }
    Ok(Texts {
        schema,
        services,
        models,
        dialect,
    })
}

/// Runs the command line with `args` (including the program name); returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check { inputs, format } => {
            let texts = match read_inputs(&inputs) {
                Ok(t) => t,
                Err(message) => {
                    eprintln!("seams: {message}");
                    return EXIT_USAGE;
                }
            };
            let architecture = ingest(Inputs {
                schema: &texts.schema,
                services: &texts.services,
                models: &texts.models,
                dialect: texts.dialect,
            });
            match format {
                Format::Json => println!("{}", report::check_json(&architecture)),
                Format::Text => print!("{}", report::check_text(&architecture)),
            }
            0
        }
    }
}
