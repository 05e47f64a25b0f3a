//! The batch layer, outside the pipeline: find the inputs, run the pipeline on each one
//! in parallel, and write one record per input, in input order, as records are ready.
//!
//! ```text
//! inputs (sorted paths) ─▶ workers (rayon pool: read, process, render) ─▶ reorder window ─▶ sink
//! ```
//!
//! The writer hands out at most a window of inputs ahead of the next record to write
//! and keeps the finished ones in a ring until their turn comes, so memory is bounded by
//! the jobs in flight, not by the number of files, and the output is the same for any
//! number of jobs. A file that cannot be read still gives a record (with `error`), so N
//! inputs always give N records. With `--resume`, inputs whose path and SHA-256 are
//! already in the output file are skipped and the others appended.

mod csv;
mod inputs;
mod output;
mod progress;
mod resume;
mod summary;
mod work;

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use crate::extract::Context;

pub use csv::COLUMNS as CSV_COLUMNS;
pub use inputs::{Input, InputIter, Inputs, Selection, Shard, collect};
pub use output::Format;
pub use summary::Summary;
pub use work::record_for;

use output::Sink;
use progress::Progress;
use resume::Seen;
use work::{Job, Outcome};

/// Files over this size are not read (an error record is written instead).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How many inputs each job may run ahead of the next record to write.
const WINDOW_PER_JOB: usize = 16;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Worker threads.
    pub jobs: usize,
    pub max_bytes: u64,
    pub format: Format,
    /// Indented JSON (JSON formats only).
    pub pretty: bool,
    /// Skip inputs already recorded in the output file and append the others.
    pub resume: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// Also write the summary as JSON to this file.
    pub summary: Option<PathBuf>,
    pub context: Context,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            max_bytes: DEFAULT_MAX_BYTES,
            format: Format::JsonLines,
            pretty: false,
            resume: false,
            progress: false,
            summary: None,
            context: Context::default(),
        }
    }
}

/// Where the records go.
pub enum Output<'a> {
    /// A file: created (or, with `resume`, appended to), written in whole lines.
    File(&'a Path),
    /// Any writer, such as stdout.
    Writer(&'a mut dyn Write),
}

/// Why a batch could not run or finish. Per-document failures are never errors: they
/// are records with `error`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error("cannot write {}: {source}", path.display())]
    Output { path: PathBuf, source: io::Error },
    #[error("cannot write the records: {0}")]
    Write(#[source] io::Error),
    #[error("cannot resume from {}, line {line}: {message}", path.display())]
    Resume {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("cannot start the worker threads: {0}")]
    Threads(String),
}

impl Error {
    /// A stable code, as for record errors.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Usage(_) => "batch.usage",
            Error::Output { .. } | Error::Write(_) => "batch.output",
            Error::Resume { .. } => "batch.resume",
            Error::Threads(_) => "batch.threads",
        }
    }

    /// Whether the reader of the output went away (`vanban extract … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Output { source, .. } | Error::Write(source) => {
                source.kind() == io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}

impl Config {
    fn check(&self, output: &Output<'_>) -> Result<(), Error> {
        if self.jobs == 0 {
            return Err(Error::Usage("--jobs must be at least 1".to_string()));
        }
        if self.resume {
            if !matches!(output, Output::File(_)) {
                return Err(Error::Usage(
                    "--resume needs an output file (-o FILE)".into(),
                ));
            }
            if self.format != Format::JsonLines || self.pretty {
                return Err(Error::Usage(
                    "--resume works with JSON Lines output only (no --format json/csv, no --pretty)"
                        .into(),
                ));
            }
        }
        if self.pretty && self.format == Format::Csv {
            return Err(Error::Usage("--pretty applies to JSON output only".into()));
        }
        Ok(())
    }
}

/// Runs the pipeline on every input and writes one record per input, in input order.
pub fn run(inputs: &Inputs, config: &Config, output: Output<'_>) -> Result<Summary, Error> {
    config.check(&output)?;
    let started = Instant::now();
    let (seen, mut sink) = match output {
        Output::File(path) => {
            let seen = if config.resume {
                Some(Seen::scan(path)?)
            } else {
                None
            };
            let sink =
                Sink::file(path, config.resume, config.format).map_err(|source| Error::Output {
                    path: path.to_path_buf(),
                    source,
                })?;
            (seen, sink)
        }
        Output::Writer(out) => (None, Sink::writer(out, config.format)),
    };
    let job = Job {
        context: &config.context,
        max_bytes: config.max_bytes,
        format: config.format,
        pretty: config.pretty,
        seen: seen.as_ref(),
    };
    let mut summary = Summary::new(config.jobs);
    sink.begin().map_err(Error::Write)?;
    {
        // The bar's total takes a walk that only counts; without a bar, none is made.
        let progress = Progress::new(config.progress.then(|| inputs.count()));
        run_ordered(inputs.iter(), &job, config.jobs, |outcome| {
            progress.inc();
            match outcome {
                Outcome::Record(rendered) => {
                    summary.add(
                        rendered.bytes,
                        rendered.error.as_deref(),
                        &rendered.warnings,
                    );
                    sink.record(&rendered.line)
                }
                Outcome::Skipped { error } => {
                    summary.add_skipped(error);
                    Ok(())
                }
                Outcome::Cancelled => Ok(()),
            }
        })
        .map_err(Error::Write)?;
    }
    sink.end().map_err(Error::Write)?;
    summary.finish(started.elapsed());
    if let Some(path) = &config.summary {
        let json = serde_json::to_vec_pretty(&summary.to_json()).map_err(io::Error::from);
        json.and_then(|mut bytes| {
            bytes.push(b'\n');
            std::fs::write(path, bytes)
        })
        .map_err(|source| Error::Output {
            path: path.clone(),
            source,
        })?;
    }
    Ok(summary)
}

/// Runs `job` on every input on a pool of `jobs` threads and hands the outcomes to
/// `write` in input order. Inputs are taken from the walk only as the window allows:
/// at most `jobs × WINDOW_PER_JOB` past the next one to write. When `write` fails, the
/// jobs not yet started are cancelled. One job runs on this thread, in turn with the
/// writer: handing each document to a pool thread and back costs two wake-ups.
fn run_ordered(
    mut inputs: impl Iterator<Item = Input>,
    job: &Job<'_>,
    jobs: usize,
    mut write: impl FnMut(Outcome) -> io::Result<()>,
) -> io::Result<()> {
    if jobs <= 1 {
        return inputs.try_for_each(|input| write(job.run(&input)));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("vanban-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let window = jobs * WINDOW_PER_JOB;
    let cancel = AtomicBool::new(false);
    // The closure runs on this thread; spawned jobs go to the pool in FIFO order.
    pool.in_place_scope_fifo(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        // `ring[k]` holds the outcome of input `written + k` once it is done.
        let mut ring: VecDeque<Option<Outcome>> = VecDeque::with_capacity(window);
        let (mut spawned, mut written) = (0, 0);
        let mut walking = true;
        loop {
            while walking && ring.len() < window {
                let Some(input) = inputs.next() else {
                    walking = false;
                    break;
                };
                let (tx, cancel, i) = (tx.clone(), &cancel, spawned);
                scope.spawn_fifo(move |_| {
                    let outcome = if cancel.load(Ordering::Relaxed) {
                        Outcome::Cancelled
                    } else {
                        job.run(&input)
                    };
                    // The receiver is gone only when the writer stopped on an error.
                    let _ = tx.send((i, outcome));
                });
                ring.push_back(None);
                spawned += 1;
            }
            if ring.is_empty() {
                return Ok(());
            }
            // Jobs never panic and always send, and this thread keeps a sender.
            let (i, outcome) = rx.recv().map_err(io::Error::other)?;
            ring[i - written] = Some(outcome);
            while ring.front().is_some_and(Option::is_some) {
                let outcome = ring.pop_front().flatten().expect("checked just above");
                written += 1;
                if let Err(err) = write(outcome) {
                    cancel.store(true, Ordering::Relaxed);
                    return Err(err);
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::PathBuf;

    use super::*;

    /// The writer takes inputs from the walk only as far as the window allows, so a
    /// collection of any size is never listed ahead of the output.
    #[test]
    fn the_walk_is_pulled_no_further_than_the_window() {
        let pulled = Cell::new(0);
        let inputs = (0..1000).map(|i| {
            pulled.set(pulled.get() + 1);
            Input::Unreachable {
                path: PathBuf::from(format!("{i:04}.txt")),
                message: "test".to_string(),
            }
        });
        let context = Context::default();
        let job = Job {
            context: &context,
            max_bytes: DEFAULT_MAX_BYTES,
            format: Format::JsonLines,
            pretty: false,
            seen: None,
        };
        let jobs = 2;
        let mut written = 0;
        run_ordered(inputs, &job, jobs, |outcome| {
            let Outcome::Record(rendered) = outcome else {
                panic!("every input gives a record")
            };
            let line = String::from_utf8(rendered.line).unwrap();
            assert!(line.contains(&format!("\"{written:04}.txt\"")), "in order");
            assert!(pulled.get() <= written + jobs * WINDOW_PER_JOB);
            written += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(written, 1000);
    }

    #[test]
    fn a_failing_writer_stops_the_run() {
        let inputs = (0..500).map(|i| Input::File(PathBuf::from(format!("/no/such/{i}.txt"))));
        let context = Context::default();
        let job = Job {
            context: &context,
            max_bytes: DEFAULT_MAX_BYTES,
            format: Format::Csv,
            pretty: false,
            seen: None,
        };
        let mut calls = 0;
        let result = run_ordered(inputs, &job, 2, |_| {
            calls += 1;
            if calls == 3 {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            } else {
                Ok(())
            }
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(calls, 3);
    }
}
