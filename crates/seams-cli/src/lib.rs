//! The `seams` command line: arguments in two steps (raw flags with clap, then resolved settings),
//! the core does the work, this crate prints. `check` reports findings and the score, `evolve`
//! the five stages or one generated artifact, `render` a stage's SVG; `evolve` and `render` run
//! the same `pipeline::analyze` as the page, so they print the page's facts and bytes. `import`
//! prints the services file derived from a repository (`seams_core::repo`), and `--repo` runs
//! the others on it; `walk.rs` reads the folder.

mod walk;

use clap::{Parser, Subcommand, ValueEnum};
use seams_core::ingest::{too_large, MAX_PANE_BYTES};
use seams_core::{ingest, pipeline, repo, report, Dialect, Inputs, Pane, Source, Sources};
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Exit code for usage errors and unreadable files.
pub const EXIT_USAGE: u8 = 2;

/// Exit code when the overall score is below `--min-score`.
pub const EXIT_BELOW_MIN_SCORE: u8 = 1;

/// Why a command stopped: every failure of the command line, with the message it prints after
/// `seams: `. All of them exit with [`EXIT_USAGE`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// `--dialect` names no dialect Seams knows.
    #[error("unknown dialect `{0}` (expected postgres, mysql, sqlite, mssql or generic)")]
    UnknownDialect(String),
    /// An input file cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// An input is larger than a pane may be: refused with the words of the page's diagnostic
    /// ([`seams_core::ingest::too_large`]).
    #[error("{what}: {}", too_large(*pane))]
    TooLarge {
        /// The file, or the files read together into one pane.
        what: String,
        /// The pane it would fill.
        pane: Pane,
    },
    /// The output file cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Standard output failed for another reason than a closed pipe.
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// `evolve --emit` asked for an artifact that the inputs do not produce.
    #[error("{}", match stage {
        Some(n) => format!("stage {n} has no {artifact} artifact for these inputs"),
        None => format!("no stage produces a {artifact} artifact for these inputs"),
    })]
    NoArtifact {
        /// The artifact key (`grants`).
        artifact: &'static str,
        /// The stage asked for, if one was.
        stage: Option<usize>,
    },
    /// A stage index out of range.
    #[error("there is no stage {0}")]
    NoStage(u8),
    /// Neither `--schema` nor `--repo` says where the schema is.
    #[error("give --schema FILE, or --repo DIR to read a repository")]
    NoInput,
    /// `--repo` names no folder that can be read.
    #[error("cannot read the folder {}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

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
    /// SQL schema files (DDL); several are read as one schema. `NAME=FILE` puts the file's
    /// tables in database NAME (a `-- database: NAME` line is written before it). With --repo,
    /// read after the SQL found in the repository.
    #[arg(long, num_args = 1.., value_parser = schema_arg)]
    schema: Vec<SchemaArg>,
    /// Services file (YAML or JSON). With --repo, it replaces the derived one.
    #[arg(long)]
    services: Option<PathBuf>,
    /// A repository folder: its services, stores and calls are derived from docker-compose,
    /// Kubernetes, Spring and `.env` files, and its SQL (init scripts, Flyway migrations,
    /// schema.sql) is read as the schema (`docs/import.md`).
    #[arg(long, value_name = "DIR")]
    repo: Option<PathBuf>,
    /// With --repo, the Spring profile to read besides the default one.
    #[arg(long, value_name = "NAME", requires = "repo")]
    profile: Option<String>,
    /// ORM model files; each is introduced by its path (a header comment is added when missing).
    /// `SERVICE=FILE` says whose models they are (the header gets `service: SERVICE`).
    #[arg(long, num_args = 1.., value_parser = model_arg)]
    models: Vec<ModelArg>,
    /// SQL dialect (postgres, mysql, sqlite, mssql, generic); detected when absent.
    #[arg(long)]
    dialect: Option<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

/// Output formats of `seams evolve`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum EvolveFormat {
    Text,
    Json,
}

/// The artifacts `seams evolve --emit` can print (the stage artifacts' keys).
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// Shared model library (stage 1).
    Models,
    /// Ownership table (stage 2).
    Ownership,
    /// Roles and GRANT scripts, one per database in its dialect (stage 2).
    Grants,
    /// OpenAPI sketch of the owners' endpoints (stage 3).
    Openapi,
    /// Foreign keys dropped between owners (stage 3).
    FkDrops,
    /// AsyncAPI event catalog (stage 4).
    Asyncapi,
    /// Read-model tables (stage 4).
    ReadModels,
}

impl Emit {
    /// The artifact key in the core (`fk-drops`).
    fn key(self) -> &'static str {
        match self {
            Emit::Models => "models",
            Emit::Ownership => "ownership",
            Emit::Grants => "grants",
            Emit::Openapi => "openapi",
            Emit::FkDrops => "fk-drops",
            Emit::Asyncapi => "asyncapi",
            Emit::ReadModels => "read-models",
        }
    }
}

/// The last stage index (stages are 0 to 4).
const LAST_STAGE: u8 = 4;

#[derive(Subcommand, Debug)]
enum Command {
    /// Derive a services file from a repository's docker-compose, Kubernetes, Spring and `.env`
    /// files and print it, every fact followed by `# from path:line`.
    Import {
        /// The repository's folder.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The Spring profile to read besides the default one (`mysql`).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
    },
    /// Read the inputs and print findings, score, metrics and diagnostics (text, JSON or SARIF).
    Check {
        #[command(flatten)]
        inputs: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with code 1 when the overall score is below N (0-100).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
        min_score: Option<u8>,
    },
    /// Print the five evolution stages (name, score, narrative, changes, findings), or with
    /// --emit one generated artifact raw, ready for `> file`.
    Evolve {
        #[command(flatten)]
        inputs: InputArgs,
        /// Only stage N (0 as is, 1 shared models, 2 ownership, 3 API boundaries, 4 events);
        /// with --emit, the stage to take the artifact from (default: the stage producing it).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=LAST_STAGE as i64))]
        stage: Option<u8>,
        /// Output format (ignored with --emit).
        #[arg(long, value_enum, default_value_t = EvolveFormat::Text)]
        format: EvolveFormat,
        /// Print one artifact's text instead of the stages.
        #[arg(long, value_enum, value_name = "ARTIFACT")]
        emit: Option<Emit>,
    },
    /// Write the SVG picture of one stage, the same bytes the page shows.
    Render {
        #[command(flatten)]
        inputs: InputArgs,
        /// The stage to draw (0 as is … 4 events).
        #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=LAST_STAGE as i64))]
        stage: u8,
        /// The drawing alone, without the title block (stage, score, caption) and the legend.
        #[arg(long)]
        bare: bool,
        /// Output file; `-` or absent writes to standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

struct Texts {
    schema: String,
    services: String,
    models: String,
    dialect: Option<Dialect>,
    /// Where each file sits in its pane.
    sources: Sources,
}

/// One `--schema` argument: a file, and the database its tables live in when named.
#[derive(Debug, Clone)]
struct SchemaArg {
    database: Option<String>,
    path: PathBuf,
}

/// Reads `NAME=FILE` or `FILE`: a name before `=` with no path separator in it names the
/// database, unless the whole argument is an existing file.
fn schema_arg(text: &str) -> Result<SchemaArg, String> {
    let plain = SchemaArg {
        database: None,
        path: PathBuf::from(text),
    };
    if Path::new(text).exists() {
        return Ok(plain);
    }
    match text.split_once('=') {
        Some((name, path))
            if !name.trim().is_empty() && !name.contains(['/', '\\']) && !path.is_empty() =>
        {
            Ok(SchemaArg {
                database: Some(name.trim().to_string()),
                path: PathBuf::from(path),
            })
        }
        _ => Ok(plain),
    }
}

/// One `--models` argument: a file, and the service its models belong to when named.
#[derive(Debug, Clone)]
struct ModelArg {
    service: Option<String>,
    path: PathBuf,
}

/// Reads `SERVICE=FILE` or `FILE`, as [`schema_arg`] reads `NAME=FILE`.
fn model_arg(text: &str) -> Result<ModelArg, String> {
    let named = schema_arg(text)?;
    Ok(ModelArg {
        service: named.database,
        path: named.path,
    })
}

/// Lines in `text` as the pane's line index counts them (a final newline starts no new line).
fn line_count(text: &str) -> u32 {
    text.lines().count() as u32
}

/// The forward-slash form of a path, for SARIF URIs.
fn uri(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Reads `path` as text (invalid UTF-8 replaced), refusing more than [`MAX_PANE_BYTES`] without
/// reading further (`--schema /dev/zero` stops at the limit).
fn read_file(path: &Path, pane: Pane) -> Result<String, CliError> {
    let error = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(error)?;
    let mut bytes = Vec::new();
    file.take(MAX_PANE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(error)?;
    if bytes.len() > MAX_PANE_BYTES {
        return Err(CliError::TooLarge {
            what: path.display().to_string(),
            pane,
        });
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_inputs(args: &InputArgs) -> Result<Texts, CliError> {
    let dialect = match &args.dialect {
        Some(name) => {
            Some(Dialect::from_name(name).ok_or_else(|| CliError::UnknownDialect(name.clone()))?)
        }
        None => None,
    };
    let read = read_file;
    // Files read together into one pane are refused together when they pass the cap.
    let together = |paths: &[PathBuf], text: &str, pane| {
        if text.len() > MAX_PANE_BYTES {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            return Err(CliError::TooLarge {
                what: names.join(", "),
                pane,
            });
        }
        Ok(())
    };
    if args.schema.is_empty() && args.repo.is_none() {
        return Err(CliError::NoInput);
    }
    let mut files = Vec::new();
    let mut schema = String::new();
    let mut schema_paths: Vec<PathBuf> = Vec::new();
    let mut derived = None;
    // The repository's model files: (path in the repository, path on disk, text).
    let mut repo_models: Vec<(String, PathBuf, String)> = Vec::new();
    if let Some(dir) = &args.repo {
        let repository = walk::read_folder(dir)?;
        repository.notes.iter().for_each(|note| say(note));
        let options = repo::Options {
            profile: args.profile.clone(),
        };
        let import = repo::import(&repository.as_files(), &options);
        tell_problems(&import);
        for found in &import.schema {
            if let Some(text) = repository.text(&found.path) {
                let path = dir.join(&found.path);
                append_schema(
                    &mut schema,
                    &mut files,
                    found.database.as_deref(),
                    &path,
                    text,
                );
                schema_paths.push(path);
            }
        }
        derived = Some(import.services);
        for path in &import.models {
            if let Some(text) = repository.text(path) {
                repo_models.push((path.clone(), dir.join(path), text.to_string()));
            }
        }
    }
    for SchemaArg { database, path } in &args.schema {
        let text = read(path, Pane::Schema)?;
        append_schema(&mut schema, &mut files, database.as_deref(), path, &text);
        schema_paths.push(path.clone());
    }
    let services = match (&args.services, derived) {
        (None, Some(derived)) => derived,
        (Some(path), _) => {
            let text = read(path, Pane::Services)?;
            files.push(Source {
                pane: Pane::Services,
                start: 1,
                first_line: 1,
                name: uri(path),
            });
            text
        }
        (None, None) => String::new(),
    };
    let mut models = String::new();
    // Each after a header naming its path in the repository, which the derived services file's
    // `models:` entries match.
    for (inside, path, text) in &repo_models {
        let comment = if inside.ends_with(".py") { "#" } else { "//" };
        let start = line_count(&models) + 1;
        models.push_str(&format!("{comment} {inside}\n"));
        files.push(Source {
            pane: Pane::Models,
            start,
            first_line: line_count(&models) + 1,
            name: uri(path),
        });
        models.push_str(text);
        if !models.ends_with('\n') {
            models.push('\n');
        }
    }
    for ModelArg { service, path } in &args.models {
        let text = read(path, Pane::Models)?;
        let start = line_count(&models) + 1;
        // A licence comment first is not a header: only a path (after any licence) is.
        if let Some(own) = seams_core::orm::split::existing_header(&text) {
            if let Some(service) = service {
                say(&format!(
                    "{} starts with its own header `{own}`, which names its service; \
                     `{service}=` is not used for it",
                    path.display()
                ));
            }
        } else {
            let comment = if path.extension().is_some_and(|e| e == "py") {
                "#"
            } else {
                "//"
            };
            let service = service
                .as_ref()
                .map(|name| format!(" service: {name}"))
                .unwrap_or_default();
            models.push_str(&format!("{comment} {}{service}\n", path.display()));
        }
        files.push(Source {
            pane: Pane::Models,
            start,
            first_line: line_count(&models) + 1,
            name: uri(path),
        });
        models.push_str(&text);
        if !models.ends_with('\n') {
            models.push('\n');
        }
    }
    together(&schema_paths, &schema, Pane::Schema)?;
    let model_paths: Vec<PathBuf> = args.models.iter().map(|a| a.path.clone()).collect();
    together(&model_paths, &models, Pane::Models)?;
    Ok(Texts {
        schema,
        services,
        models,
        dialect,
        sources: Sources::new(files),
    })
}

/// Appends one schema file to the Schema pane's text, after a `-- database: NAME` line when it
/// belongs to a named database, and records where its lines are.
fn append_schema(
    schema: &mut String,
    files: &mut Vec<Source>,
    database: Option<&str>,
    path: &Path,
    text: &str,
) {
    let start = line_count(schema) + 1;
    if let Some(database) = database {
        // A header line naming the database; the file's line 1 is the line after it.
        schema.push_str(&format!("-- database: {database}\n"));
    }
    files.push(Source {
        pane: Pane::Schema,
        start,
        first_line: line_count(schema) + 1,
        name: uri(path),
    });
    schema.push_str(text);
    if !schema.ends_with('\n') {
        schema.push('\n');
    }
}

/// The exit code of `seams check`: 1 when `overall` is below `min`, else 0.
pub fn exit_code(overall: u8, min: Option<u8>) -> u8 {
    match min {
        Some(min) if overall < min => EXIT_BELOW_MIN_SCORE,
        _ => 0,
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to a non-empty value.
fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Runs the command line with `args` (including the program name); returns the exit code.
pub fn run(args: Vec<OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Import { dir, profile } => run_import(&dir, profile),
        Command::Check {
            inputs,
            format,
            min_score,
        } => run_check(&inputs, format, min_score),
        Command::Evolve {
            inputs,
            stage,
            format,
            emit,
        } => run_evolve(&inputs, stage, format, emit),
        Command::Render {
            inputs,
            stage,
            bare,
            output,
        } => run_render(&inputs, stage, bare, output.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            say(&error.to_string());
            EXIT_USAGE
        }
    }
}

/// The core's inputs over the texts read from files.
fn core_inputs(texts: &Texts) -> Inputs<'_> {
    Inputs {
        schema: &texts.schema,
        services: &texts.services,
        models: &texts.models,
        dialect: texts.dialect,
        sources: Some(&texts.sources),
    }
}

/// Most unreadable files named on standard error; the rest are counted.
const MAX_PROBLEMS_SHOWN: usize = 10;

/// Says on standard error which files of a repository could not be read.
fn tell_problems(import: &repo::Import) {
    for problem in import.problems.iter().take(MAX_PROBLEMS_SHOWN) {
        say(&format!("not read: {problem}"));
    }
    let more = import.problems.len().saturating_sub(MAX_PROBLEMS_SHOWN);
    if more > 0 {
        say(&format!("not read: {more} more"));
    }
}

fn run_import(dir: &Path, profile: Option<String>) -> Result<u8, CliError> {
    let repository = walk::read_folder(dir)?;
    repository.notes.iter().for_each(|note| say(note));
    let import = repo::import(&repository.as_files(), &repo::Options { profile });
    tell_problems(&import);
    write_stdout(import.services.as_bytes())?;
    Ok(0)
}

fn run_check(inputs: &InputArgs, format: Format, min_score: Option<u8>) -> Result<u8, CliError> {
    let texts = read_inputs(inputs)?;
    let architecture = ingest(core_inputs(&texts));
    let report = match format {
        Format::Json => report::check_json(&architecture) + "\n",
        Format::Text => report::check_text_styled(&architecture, use_colour()),
        Format::Sarif => report::check_sarif(&architecture) + "\n",
    };
    write_stdout(report.as_bytes())?;
    let overall = seams_core::score::score(&architecture).overall;
    let code = exit_code(overall, min_score);
    if code != 0 {
        say(&format!(
            "score {overall} is below --min-score {}",
            min_score.unwrap_or(0)
        ));
    }
    Ok(code)
}

fn run_evolve(
    inputs: &InputArgs,
    stage: Option<u8>,
    format: EvolveFormat,
    emit: Option<Emit>,
) -> Result<u8, CliError> {
    let texts = read_inputs(inputs)?;
    let analysis = pipeline::analyze(core_inputs(&texts));
    let stage = stage.map(usize::from);
    if let Some(emit) = emit {
        let artifacts = report::find_artifacts(&analysis, emit.key(), stage);
        if artifacts.is_empty() {
            return Err(CliError::NoArtifact {
                artifact: emit.key(),
                stage,
            });
        }
        // Several databases give several scripts, printed one after the other.
        let texts: Vec<&str> = artifacts.iter().map(|a| a.content.as_str()).collect();
        write_stdout(texts.join("\n").as_bytes())?;
        return Ok(0);
    }
    let report = match format {
        EvolveFormat::Json => report::evolve_json(&analysis, stage) + "\n",
        EvolveFormat::Text => report::evolve_text(&analysis, stage),
    };
    write_stdout(report.as_bytes())?;
    Ok(0)
}

fn run_render(
    inputs: &InputArgs,
    stage: u8,
    bare: bool,
    output: Option<&Path>,
) -> Result<u8, CliError> {
    let texts = read_inputs(inputs)?;
    let analysis = pipeline::analyze(core_inputs(&texts));
    let view = analysis
        .stages
        .get(usize::from(stage))
        .ok_or(CliError::NoStage(stage))?;
    // The page's export: the picture with its title block and legend, unless `--bare`.
    let framed;
    let svg = if bare {
        view.svg()
    } else {
        framed =
            pipeline::export_svg(&analysis, usize::from(stage)).ok_or(CliError::NoStage(stage))?;
        &framed.svg
    };
    match output {
        Some(path) if path != Path::new("-") => {
            std::fs::write(path, svg.as_bytes()).map_err(|source| CliError::Write {
                path: path.to_path_buf(),
                source,
            })?
        }
        _ => write_stdout(svg.as_bytes())?,
    }
    Ok(0)
}

/// Prints `message` on standard error after `seams: `. A closed standard error is no reason to
/// panic, so a failed write is ignored.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "seams: {message}");
}

/// Writes `bytes` to standard output as they are (no newline added). A reader that stopped
/// reading (`seams check … | head -1`) is not an error: the rest is dropped quietly, as other
/// Unix tools do, and the exit code still says what the command found.
fn write_stdout(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Stdout(e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_is_placed_in_its_pane() {
        let dir = std::env::temp_dir().join(format!("seams-cli-sources-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let args = InputArgs {
            schema: vec![
                SchemaArg {
                    database: None,
                    path: write("a.sql", "CREATE TABLE a (id int);\n-- two\n"),
                },
                SchemaArg {
                    database: Some("ledger-db".into()),
                    path: write("b.sql", "CREATE TABLE b (id int);"),
                },
            ],
            services: None,
            // m.py has no header (one is added), n.py starts with its own.
            models: vec![
                ModelArg {
                    service: None,
                    path: write("m.py", "class M:\n    pass\n"),
                },
                ModelArg {
                    service: None,
                    path: write("n.py", "# app/n.py\nclass N:\n    pass\n"),
                },
            ],
            dialect: None,
            repo: None,
            profile: None,
        };
        let texts = read_inputs(&args).unwrap();
        let at = |pane, line| {
            let l = texts.sources.locate(seams_core::Span::new(pane, line, 1));
            (
                l.file.rsplit('/').next().unwrap_or_default().to_string(),
                l.line,
            )
        };
        assert_eq!(at(Pane::Schema, 2), ("a.sql".into(), 2));
        // b.sql names its database: the added `-- database:` line and its line 1 both map to
        // its line 1.
        assert_eq!(at(Pane::Schema, 3), ("b.sql".into(), 1));
        assert_eq!(at(Pane::Schema, 4), ("b.sql".into(), 1));
        assert_eq!(at(Pane::Models, 1), ("m.py".into(), 1));
        assert_eq!(at(Pane::Models, 3), ("m.py".into(), 2));
        assert_eq!(at(Pane::Models, 4), ("n.py".into(), 1));
        assert_eq!(at(Pane::Models, 6), ("n.py".into(), 3));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn schema_arguments_may_name_their_database() {
        let named = schema_arg("accounts-db=sql/accounts.sql").unwrap();
        assert_eq!(named.database.as_deref(), Some("accounts-db"));
        assert_eq!(named.path, PathBuf::from("sql/accounts.sql"));
        let plain = schema_arg("sql/a=b.sql").unwrap();
        assert_eq!(plain.database, None);
        assert_eq!(schema_arg("schema.sql").unwrap().database, None);
    }

    #[test]
    fn min_score_sets_the_exit_code() {
        assert_eq!(exit_code(40, Some(50)), EXIT_BELOW_MIN_SCORE);
        assert_eq!(exit_code(50, Some(50)), 0);
        assert_eq!(exit_code(0, None), 0);
    }
}
