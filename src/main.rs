//! The `vanban` command line: arguments in, one library call, an exit code out.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use vanban::Context;
use vanban::batch::{self, DEFAULT_MAX_BYTES};
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
    /// Exit status: 0 when every document gave a record without `error`, 1 when some
    /// records carry an `error` (all records are still written), 2 for bad usage.
    Extract {
        /// Files and folders to read; folders are walked recursively in sorted order.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the records to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write indented JSON instead of one record per line.
        #[arg(long)]
        pretty: bool,
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
    },
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
        /// File extensions to take inside folders (repeat or separate with commas).
        #[arg(
            long = "ext",
            value_name = "EXT",
            value_delimiter = ',',
            default_value = "txt"
        )]
        extensions: Vec<String>,
        /// Files larger than this many bytes are not read.
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
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
        Command::Extract {
            paths,
            output,
            pretty,
            extensions,
            max_bytes,
        } => {
            let inputs = batch::collect(&paths, &extensions);
            let context = Context {
                today: Some(today()),
            };
            let mut out: Box<dyn Write> = match &output {
                Some(path) => Box::new(BufWriter::new(
                    std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                )),
                None => Box::new(BufWriter::new(io::stdout().lock())),
            };
            let summary = batch::run(&inputs, &context, max_bytes, pretty, &mut out)?;
            Ok(if summary.errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
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
            extensions,
            max_bytes,
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
