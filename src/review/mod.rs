//! `vanban review`: records in, a static web site out, for an archivist to check what
//! was extracted against the document itself.
//!
//! The records come either from running the pipeline on files ([`Input::Extract`]) or
//! from a JSON Lines file written earlier ([`Input::Records`]), in which case each
//! source file is found again and only decoded and normalized, to get back the text the
//! spans point into. Each document becomes `docs/NNNNN.html` (the normalized text with
//! every span highlighted, the record beside it, warnings linked into the text, the
//! decoding and the repairs); `index.html` lists them all from an inline JSON array,
//! paged, sortable and filterable in the browser. Pages are written in parallel. The
//! site needs no network: styles and scripts are inline, fonts are the system's.
//!
//! A document that cannot be found, read or decoded is still listed, with a note saying
//! why; only failing to write the site is an [`Error`].

mod fields;
mod highlight;
pub mod html;
mod index;
mod page;
#[cfg(test)]
mod tests;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::batch::{self, Input as BatchInput};
use crate::extract::Context;
use crate::pipeline;
use crate::record::{Record, Source, Warning};
use crate::warning::warning;

/// Review note: the source file of a record could not be found or read.
pub const SOURCE_MISSING: &str = "review.source_missing";
/// Review note: the source file's SHA-256 is not the one in the record.
pub const SOURCE_CHANGED: &str = "review.source_changed";
/// Review note: the source could not be decoded, so there is no text to show.
pub const NO_TEXT: &str = "review.no_text";
/// Review note: a line of the records file is not a record.
pub const BAD_RECORD: &str = "review.bad_record";

/// Where the records come from.
#[derive(Debug, Clone)]
pub enum Input {
    /// Run the pipeline on these files (as [`batch::collect`] lists them).
    Extract(Vec<BatchInput>),
    /// Records already extracted, one JSON object per line; sources are looked up by
    /// `source.path`, as it is, relative to the current folder, then under each folder.
    Records {
        file: PathBuf,
        folders: Vec<PathBuf>,
    },
}

/// What to review and where to write the site.
#[derive(Debug, Clone)]
pub struct Config {
    pub input: Input,
    /// The site's folder: `index.html` and `docs/`.
    pub out_dir: PathBuf,
    pub context: Context,
    /// Files over this size are not read.
    pub max_bytes: u64,
}

/// How a review run went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    /// Records with `error` set.
    pub errors: usize,
    /// Documents with review notes (source missing or changed, no text).
    pub noted: usize,
    /// The index page written.
    pub index: PathBuf,
}

/// Failing to read the records file or to write the site.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Read { .. } => "review.read",
            Error::Write { .. } => "review.write",
        }
    }
}

/// One document as the pages show it: its record, the normalized text its spans point
/// into, and what decoding and normalization did.
#[derive(Debug, Clone)]
pub struct Doc {
    pub record: Record,
    /// `None` when the source is missing or could not be decoded.
    pub text: Option<String>,
    /// Detected encoding and confidence, from decoding the source here.
    pub detected: Option<(String, f32)>,
    pub decode_notes: Vec<Warning>,
    /// Normalization repairs: what, how many.
    pub repairs: Vec<(String, usize)>,
    /// The file the text was read from, when it is not `source.path` itself.
    pub read_from: Option<String>,
    /// Review notes: source missing or changed, no text.
    pub notes: Vec<Warning>,
}

impl Doc {
    /// A document from its record and the source bytes, if they could be read.
    pub fn new(record: Record, bytes: Option<&[u8]>) -> Doc {
        let mut doc = Doc {
            record,
            text: None,
            detected: None,
            decode_notes: Vec::new(),
            repairs: Vec::new(),
            read_from: None,
            notes: Vec::new(),
        };
        let Some(bytes) = bytes else {
            return doc;
        };
        match pipeline::normalized_text(bytes) {
            Ok((decoded, normalized)) => {
                doc.detected = Some((decoded.encoding.to_string(), decoded.confidence));
                doc.decode_notes = decoded
                    .notes
                    .iter()
                    .map(|n| warning(n.code, n.message.clone()))
                    .collect();
                doc.repairs = normalized
                    .repairs
                    .iter()
                    .map(|(what, n)| (what.to_string(), *n))
                    .collect();
                doc.text = Some(normalized.text);
            }
            // A record whose `error` already says so needs no second note.
            Err(_) if doc.record.error.is_some() => {}
            Err(err) => doc.notes.push(warning(
                NO_TEXT,
                format!("the source could not be decoded: {err}"),
            )),
        }
        doc
    }
}

/// Writes the review site for `config` and says how it went.
pub fn run(config: &Config) -> Result<Summary, Error> {
    let docs_dir = config.out_dir.join("docs");
    std::fs::create_dir_all(&docs_dir).map_err(|source| Error::Write {
        path: docs_dir.clone(),
        source,
    })?;
    let records = match &config.input {
        Input::Extract(_) => Vec::new(),
        Input::Records { file, .. } => read_records(file)?,
    };
    let total = match &config.input {
        Input::Extract(inputs) => inputs.len(),
        Input::Records { .. } => records.len(),
    };
    let layout = page::Layout::new(total);
    let make = |i: usize| -> Doc {
        match &config.input {
            Input::Extract(inputs) => extracted(&inputs[i], config),
            Input::Records { folders, .. } => reread(records[i].clone(), folders, config),
        }
    };
    let rows = (0..total)
        .into_par_iter()
        .map(|i| {
            let doc = make(i);
            let path = docs_dir.join(layout.file_name(i));
            std::fs::write(&path, page::render(&doc, i, &layout))
                .map_err(|source| Error::Write { path, source })?;
            Ok(index::Row::of(&doc, i))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    remove_stale_pages(&docs_dir, &layout);

    let index_path = config.out_dir.join("index.html");
    std::fs::write(&index_path, index::render(&rows, &layout)).map_err(|source| Error::Write {
        path: index_path.clone(),
        source,
    })?;
    Ok(Summary {
        documents: rows.len(),
        errors: rows.iter().filter(|r| r.errors > 0).count(),
        noted: rows.iter().filter(|r| r.noted).count(),
        index: index_path,
    })
}

/// Runs the pipeline on one input and reads the same bytes again for the text.
fn extracted(input: &BatchInput, config: &Config) -> Doc {
    let record = batch::record_for(input, &config.context, config.max_bytes);
    let bytes = match input {
        BatchInput::File(path)
            if record
                .error
                .as_ref()
                .is_none_or(|e| e.code != "io.too_large") =>
        {
            std::fs::read(path).ok()
        }
        _ => None,
    };
    Doc::new(record, bytes.as_deref())
}

/// Finds a record's source again and decodes it, noting when it is missing or changed.
fn reread(record: Record, folders: &[PathBuf], config: &Config) -> Doc {
    if record.error.as_ref().is_some_and(|e| e.code == BAD_RECORD) {
        return Doc::new(record, None);
    }
    let Some(found) = find_source(&record.source.path, folders) else {
        let mut doc = Doc::new(record, None);
        let message = format!(
            "the source file `{}` was not found{}",
            doc.record.source.path,
            if folders.is_empty() {
                String::new()
            } else {
                format!(
                    " (looked in the current folder and in {})",
                    folders
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
        doc.notes.push(warning(SOURCE_MISSING, message));
        return doc;
    };
    let size = std::fs::metadata(&found).map_or(0, |m| m.len());
    let bytes = if size > config.max_bytes {
        Err(format!(
            "it has {size} bytes, over the limit of {}",
            config.max_bytes
        ))
    } else {
        std::fs::read(&found).map_err(|err| err.to_string())
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(why) => {
            let mut doc = Doc::new(record, None);
            doc.notes.push(warning(
                SOURCE_MISSING,
                format!(
                    "the source file {} could not be read: {why}",
                    found.display()
                ),
            ));
            return doc;
        }
    };
    let sha256 = pipeline::source(&bytes, "", None).sha256;
    let expected = record.source.sha256.clone();
    let mut doc = Doc::new(record, Some(&bytes));
    let shown = found.display().to_string();
    if shown != doc.record.source.path {
        doc.read_from = Some(shown);
    }
    match expected {
        Some(expected) if Some(&expected) != sha256.as_ref() => doc.notes.push(warning(
            SOURCE_CHANGED,
            format!(
                "the source file has changed since extraction (SHA-256 {} now, {} in the \
                 record): the highlights may not match the text",
                sha256.unwrap_or_default(),
                expected
            ),
        )),
        _ => {}
    }
    doc
}

/// The source file of a record: `path` as it is (absolute, or relative to the current
/// folder), else under each folder, trying the path and then ever shorter tails of it
/// (so `corpus/a/x.txt` is found as `FOLDER/corpus/a/x.txt`, `FOLDER/a/x.txt` or
/// `FOLDER/x.txt`).
pub fn find_source(path: &str, folders: &[PathBuf]) -> Option<PathBuf> {
    let path = Path::new(path);
    if path.as_os_str().is_empty() {
        return None;
    }
    if path.is_file() {
        return Some(path.to_path_buf());
    }
    let parts: Vec<_> = path
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    for folder in folders {
        for skip in 0..parts.len() {
            let candidate = parts[skip..]
                .iter()
                .fold(folder.clone(), |p, part| p.join(part));
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Reads a JSON Lines file of records. A line that is not a record gives a placeholder
/// record with `error` set, so it is listed and not dropped.
pub fn read_records(file: &Path) -> Result<Vec<Record>, Error> {
    let read_error = |source| Error::Read {
        path: file.to_path_buf(),
        source,
    };
    let reader = BufReader::new(std::fs::File::open(file).map_err(read_error)?);
    let mut records = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(read_error)?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(record) => records.push(record),
            Err(err) => {
                let mut record = Record::empty(Source {
                    path: format!("{}:{}", file.display(), n + 1),
                    bytes: line.len() as u64,
                    sha256: None,
                    encoding: None,
                });
                record.error = Some(warning(
                    BAD_RECORD,
                    format!("line {} is not a record: {err}", n + 1),
                ));
                records.push(record);
            }
        }
    }
    Ok(records)
}

/// Removes pages left by an earlier, larger run (`docs/NNNNN.html` past the last one).
fn remove_stale_pages(docs_dir: &Path, layout: &page::Layout) {
    let Ok(entries) = std::fs::read_dir(docs_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".html")) else {
            continue;
        };
        if !stem.is_empty()
            && stem.bytes().all(|b| b.is_ascii_digit())
            && stem
                .parse::<usize>()
                .is_ok_and(|i| layout.is_stale(i, stem.len()))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
