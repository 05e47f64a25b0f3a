//! One input's job, as a worker thread runs it: read the file (bounded), run the
//! pipeline, render the record in the output format. Whatever happens (a file that
//! cannot be read, is too large, vanished, or a pipeline that panics), the job ends with
//! a record, so N inputs give N records.

use std::fs::File;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::extract::Context;
use crate::pipeline::{process, source};
use crate::record::{Record, Source};
use crate::warning::warning;

use super::inputs::Input;
use super::output::{Format, render};
use super::resume::Seen;

/// What a job hands to the writer.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A record, rendered, with what the summary counts.
    Record(Rendered),
    /// Already in the output (`--resume`); `error` tells whether that record has one.
    Skipped { error: bool },
    /// The run was stopped before this job started.
    Cancelled,
}

#[derive(Debug)]
pub(crate) struct Rendered {
    pub line: Vec<u8>,
    pub bytes: u64,
    pub error: Option<String>,
    pub warnings: Vec<String>,
}

/// How a job renders its record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Job<'a> {
    pub context: &'a Context,
    pub max_bytes: u64,
    pub format: Format,
    pub pretty: bool,
    pub seen: Option<&'a Seen>,
}

impl Job<'_> {
    /// Runs one input to its outcome. Never panics.
    pub fn run(&self, input: &Input) -> Outcome {
        let shown = input.path().to_string_lossy().into_owned();
        let record = match catch_unwind(AssertUnwindSafe(|| self.record(input, &shown))) {
            Ok(Ok(record)) => record,
            Ok(Err(error)) => return Outcome::Skipped { error },
            Err(payload) => panicked(&shown, None, payload),
        };
        let mut line = Vec::with_capacity(4096);
        render(&record, self.format, self.pretty, &mut line);
        Outcome::Record(Rendered {
            line,
            bytes: record.source.bytes,
            error: record.error.map(|e| e.code),
            warnings: record.warnings.into_iter().map(|w| w.code).collect(),
        })
    }

    /// The record of one input, or, when `--resume` finds it already written, whether
    /// that record has an error.
    fn record(&self, input: &Input, shown: &str) -> Result<Record, bool> {
        let loaded = load(input, self.max_bytes);
        if let Some(seen) = self.seen
            && seen.has_path(shown)
        {
            let sha = loaded.as_ref().ok().map(|bytes| sha256_hex(bytes));
            if let Some(error) = seen.get(shown, sha.as_deref()) {
                return Err(error);
            }
        }
        Ok(match loaded {
            Ok(bytes) => {
                match catch_unwind(AssertUnwindSafe(|| process(&bytes, shown, self.context))) {
                    Ok(record) => record,
                    Err(payload) => panicked(shown, Some(&bytes), payload),
                }
            }
            Err(failure) => failure.record(shown),
        })
    }
}

/// Why an input could not be read: becomes the record's `error`.
#[derive(Debug)]
struct Failure {
    code: &'static str,
    message: String,
    bytes: u64,
}

impl Failure {
    fn record(self, shown: &str) -> Record {
        failed(shown, self.code, self.message, self.bytes)
    }
}

/// Reads one file whole, refusing more than `max_bytes`. The size is checked before
/// reading and again while reading, so a file that grows meanwhile is still bounded.
fn load(input: &Input, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    let path = match input {
        Input::File(path) => path,
        Input::Unreachable { message, .. } => {
            return Err(Failure {
                code: "io.unreachable",
                message: message.clone(),
                bytes: 0,
            });
        }
    };
    let unreadable = |err: std::io::Error, bytes: u64| Failure {
        code: "io.unreadable",
        message: format!("cannot read the file: {err}"),
        bytes,
    };
    let too_large = |bytes: u64| Failure {
        code: "io.too_large",
        message: format!("the file has {bytes} bytes, over the limit of {max_bytes}"),
        bytes,
    };
    let file = File::open(path).map_err(|e| unreadable(e, 0))?;
    let size = file.metadata().map_err(|e| unreadable(e, 0))?.len();
    if size > max_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e, size))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The record of an input that could not be read: `source` filled, `error` set.
pub fn failed(shown: &str, code: &str, message: String, bytes: u64) -> Record {
    let mut record = Record::empty(Source {
        path: shown.to_string(),
        bytes,
        sha256: None,
        encoding: None,
    });
    record.error = Some(warning(code, message));
    record
}

/// The record of a document the pipeline panicked on: a bug, reported as data.
fn panicked(shown: &str, bytes: Option<&[u8]>, payload: Box<dyn std::any::Any + Send>) -> Record {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    let source = match bytes {
        Some(bytes) => source(bytes, shown, None),
        None => Source {
            path: shown.to_string(),
            bytes: 0,
            sha256: None,
            encoding: None,
        },
    };
    let mut record = Record::empty(source);
    record.error = Some(warning(
        "internal.panic",
        format!("the pipeline failed on this document (a bug in vanban): {what}"),
    ));
    record
}

fn sha256_hex(bytes: &[u8]) -> String {
    source(bytes, "", None).sha256.unwrap_or_default()
}

/// Reads and processes one input, as a worker does (without rendering).
pub fn record_for(input: &Input, context: &Context, max_bytes: u64) -> Record {
    let shown = input.path().to_string_lossy().into_owned();
    let job = Job {
        context,
        max_bytes,
        format: Format::JsonLines,
        pretty: false,
        seen: None,
    };
    match job.record(input, &shown) {
        Ok(record) => record,
        Err(_) => unreachable!("without --resume nothing is skipped"),
    }
}
