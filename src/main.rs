//! The `vanban` command line: arguments in, one library call, an exit code out.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use vanban::Context;
use vanban::batch::{self, Config, DEFAULT_MAX_BYTES, Format, Inputs, Output, Selection, Shard};
use vanban::review;

/// Structured JSON records from Vietnamese administrative documents given as text.
#[derive(Parser)]
#[command(name = "vanban", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one JSON record per document (JSON Lines on stdout, or to -o FILE).
    ///
    /// Documents are processed in parallel and written in input order. Every input gives
    /// one record, also when it cannot be read (the record then carries `error`).
    ///
    /// Exit status: 0 when every document gave a record without `error`, 1 when some
    /// records carry an `error` (all records are still written), 2 for bad usage or an
    /// output that cannot be written.
    Extract(ExtractArgs),
    /// Print the decoded, normalized text that extraction sees.
    Normalize {
        /// Files to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print the detected encoding, its confidence and the repairs made (on stderr).
        #[arg(long)]
        report: bool,
    },
    /// Print the JSON Schema of the record.
    Schema,
    /// Write a static review site: an index of every document and one page per document
    /// with the extracted values highlighted in the text. Opens offline, from any folder.
    ///
    /// Exit status: 0 when the site was written (documents with errors are listed in it),
    /// 2 for bad usage or a site that cannot be written.
    Review {
        /// Files and folders to extract from; with --records, folders to find the
        /// records' source files in (besides the current folder).
        paths: Vec<PathBuf>,
        /// The site's folder (index.html and docs/).
        #[arg(short, long, value_name = "DIR", default_value = "report")]
        output: PathBuf,
        /// Review these records (JSON Lines from `vanban extract`) instead of extracting.
        #[arg(long, value_name = "FILE")]
        records: Option<PathBuf>,
        #[command(flatten)]
        inputs: InputArgs,
    },
}

/// Which files are read, shared by `extract` and `review`.
#[derive(Args)]
struct InputArgs {
    /// File extensions to take inside folders (repeat or separate with commas).
    #[arg(
        long = "ext",
        value_name = "EXT",
        value_delimiter = ',',
        default_value = "txt"
    )]
    extensions: Vec<String>,
    /// Files larger than this many bytes give an error record instead of being read.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files and folders to read; folders are walked recursively in sorted order. `-`
    /// reads a list of paths from stdin, one per line (or NUL-separated with -0).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write the records to this file instead of stdout (whole lines, even if killed).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format: JSON Lines, one JSON array, or CSV with one row per document.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    format: FormatArg,
    /// Write indented JSON instead of one record per line.
    #[arg(long)]
    pretty: bool,
    #[command(flatten)]
    inputs: InputArgs,
    /// Worker threads [default: all cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Skip inputs already recorded in the -o file (same path and SHA-256) and append
    /// the others; a torn last line left by a killed run is cut off first.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Process only shard K of N (K from 0 to N-1), chosen by a hash of each path, so
    /// that N runs together cover the inputs exactly once.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// The list of paths read from stdin (`-`) is NUL-separated (find -print0).
    #[arg(short = '0', long = "null")]
    null: bool,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Also write the run's summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// JSON Lines: one record per line.
    Jsonl,
    /// One JSON array.
    Json,
    /// CSV, one row per document, lists joined with ` | `.
    Csv,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("vanban: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Normalize { paths, report } => {
            let mut out = BufWriter::new(io::stdout().lock());
            let mut failed = false;
            for path in paths {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                match vanban::pipeline::normalized_text(&bytes) {
                    Ok((decoded, normalized)) => {
                        if report {
                            eprintln!(
                                "{}: encoding {} (confidence {:.2})",
                                path.display(),
                                decoded.encoding,
                                decoded.confidence
                            );
                            for note in &decoded.notes {
                                eprintln!("  {}: {}", note.code, note.message);
                            }
                            for (what, n) in &normalized.repairs {
                                eprintln!("  normalize.{what}: {n}");
                            }
                        }
                        out.write_all(normalized.text.as_bytes())?;
                    }
                    Err(err) => {
                        eprintln!("{}: {} ({})", path.display(), err, err.code());
                        failed = true;
                    }
                }
            }
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Review {
            paths,
            output,
            records,
            inputs: InputArgs {
                extensions,
                max_bytes,
            },
        } => {
            let input = match records {
                Some(file) => review::Input::Records {
                    file,
                    folders: paths,
                },
                None if paths.is_empty() => {
                    anyhow::bail!("give files or folders to review, or --records FILE")
                }
                None => review::Input::Extract(batch::collect(&paths, &extensions)),
            };
            let config = review::Config {
                input,
                out_dir: output,
                context: Context {
                    today: Some(today()),
                },
                max_bytes,
            };
            let summary = review::run(&config)?;
            eprintln!(
                "vanban: {} documents ({} with errors, {} with review notes): {}",
                summary.documents,
                summary.errors,
                summary.noted,
                summary.index.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &vanban::schema())?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let selection = Selection {
        extensions: args.inputs.extensions,
        separator: if args.null { 0 } else { b'\n' },
        shard: args.shard,
    };
    let inputs = Inputs::collect(&args.paths, &selection, &mut io::stdin().lock())
        .context("cannot read the list of paths from stdin")?;
    let config = Config {
        jobs: args.jobs.map_or(Config::default().jobs, usize::from),
        max_bytes: args.inputs.max_bytes,
        format: match args.format {
            FormatArg::Jsonl => Format::JsonLines,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
        },
        pretty: args.pretty,
        resume: args.resume,
        // A bar on a terminal, unless the records are printed on that terminal too.
        progress: !args.quiet
            && io::stderr().is_terminal()
            && (args.output.is_some() || !io::stdout().is_terminal()),
        summary: args.summary,
        context: Context {
            today: Some(today()),
        },
    };
    let mut stdout = io::stdout().lock();
    let output = match &args.output {
        Some(path) => Output::File(path),
        None => Output::Writer(&mut stdout),
    };
    let summary = match batch::run(&inputs, &config, output) {
        Ok(summary) => summary,
        Err(err) if err.is_broken_pipe() => return Ok(ExitCode::SUCCESS),
        Err(batch::Error::Usage(message)) => {
            eprintln!("vanban: {message}");
            return Ok(ExitCode::from(2));
        }
        Err(err) => return Err(err.into()),
    };
    if !args.quiet {
        eprint!("{summary}");
    }
    Ok(if summary.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Today's date in UTC, from the system clock (civil-from-days, proleptic Gregorian).
fn today() -> (u16, u8, u8) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    (year, month, day)
}
