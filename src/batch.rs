//! The batch layer, outside the pipeline: find the input files, read each one, run the
//! pipeline, write one JSON line per file. A file that cannot be read still gives a
//! record (with `error`), so N inputs always give N records.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::extract::Context;
use crate::pipeline::process;
use crate::record::{Record, Source};
use crate::warning::warning;

/// Files over this size are not read (an error record is written instead).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One input: a file to read, or a path the walk could not enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Unreachable { path: PathBuf, message: String },
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Unreachable { path, .. } => path,
        }
    }
}

/// Expands files and folders into the sorted list of inputs. Files named on the command
/// line are taken whatever their extension; inside folders only `extensions` count.
pub fn collect(paths: &[PathBuf], extensions: &[String]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if !path.is_dir() {
            inputs.push(Input::File(path.clone()));
            continue;
        }
        let walk = WalkDir::new(path).follow_links(true).sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if has_extension(entry.path(), extensions) {
                        inputs.push(Input::File(entry.into_path()));
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    inputs.push(Input::Unreachable {
                        path,
                        message: err.to_string(),
                    });
                }
            }
        }
    }
    inputs
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    extensions
        .iter()
        .any(|want| want.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

/// Reads and processes one input.
pub fn record_for(input: &Input, context: &Context, max_bytes: u64) -> Record {
    let path = input.path();
    let shown = path.display().to_string();
    let failed = |code: &str, message: String, bytes: u64| {
        let mut record = Record::empty(Source {
            path: shown.clone(),
            bytes,
            sha256: None,
            encoding: None,
        });
        record.error = Some(warning(code, message));
        record
    };
    match input {
        Input::Unreachable { message, .. } => failed("io.unreachable", message.clone(), 0),
        Input::File(_) => {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if size > max_bytes {
                return failed(
                    "io.too_large",
                    format!("the file has {size} bytes, over the limit of {max_bytes}"),
                    size,
                );
            }
            match std::fs::read(path) {
                Ok(bytes) => process(&bytes, &shown, context),
                Err(err) => failed(
                    "io.unreadable",
                    format!("cannot read the file: {err}"),
                    size,
                ),
            }
        }
    }
}

/// How a run went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub errors: usize,
}

/// Processes every input in order and writes one record per input.
pub fn run(
    inputs: &[Input],
    context: &Context,
    max_bytes: u64,
    pretty: bool,
    out: &mut dyn Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for input in inputs {
        let record = record_for(input, context, max_bytes);
        summary.documents += 1;
        summary.errors += usize::from(record.error.is_some());
        write_record(&record, pretty, out)?;
    }
    out.flush()?;
    Ok(summary)
}

/// Writes one record as one JSON line (or indented JSON).
pub fn write_record(record: &Record, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    let result = if pretty {
        serde_json::to_writer_pretty(&mut *out, record)
    } else {
        serde_json::to_writer(&mut *out, record)
    };
    result.map_err(io::Error::from)?;
    out.write_all(b"\n")
}
