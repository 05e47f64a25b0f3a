//! Writing the records: JSON Lines, one JSON array, or CSV, to stdout or a file.
//!
//! Workers render each record to bytes; the [`Sink`] only appends them in input order.
//! Rendered lines gather in a buffer that is written out, whole lines only and in one
//! `write` call, when it is large or a moment has passed. A file is opened in append
//! mode, so a run that is killed leaves whole records behind (a torn last line is
//! possible only if the system cuts a write short, and `--resume` cuts it off).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::record::Record;

use super::csv;

/// The output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    #[default]
    JsonLines,
    /// One JSON array of all records.
    Json,
    /// One row per document with flattened columns (lists joined with ` | `).
    Csv,
}

/// Renders one record as the format wants it: a line with its newline for JSON Lines
/// and CSV, the bare value for an array element.
pub(crate) fn render(record: &Record, format: Format, pretty: bool, out: &mut Vec<u8>) {
    match format {
        Format::JsonLines | Format::Json => {
            let written = if pretty {
                serde_json::to_writer_pretty(&mut *out, record)
            } else {
                serde_json::to_writer(&mut *out, record)
            };
            // Records hold only strings, numbers and maps with string keys.
            written.expect("a record always serializes");
            if format == Format::JsonLines {
                out.push(b'\n');
            }
        }
        Format::Csv => csv::row(record, out),
    }
}

/// Writes the rendered records in order.
pub(crate) struct Sink<'a> {
    out: Target<'a>,
    format: Format,
    buffer: Vec<u8>,
    last_write: Instant,
    records: u64,
}

enum Target<'a> {
    File(File),
    Writer(&'a mut dyn Write),
}

/// Buffered bytes are written out past this size…
const WRITE_SIZE: usize = 256 * 1024;
/// …or when this much time has passed since the last write.
const WRITE_EVERY: Duration = Duration::from_millis(500);

impl<'a> Sink<'a> {
    /// A sink into a file, emptied first unless `append`.
    pub fn file(path: &Path, append: bool, format: Format) -> io::Result<Sink<'a>> {
        if !append {
            File::create(path)?;
        }
        let file = OpenOptions::new().append(true).create(true).open(path)?;
        Ok(Sink::new(Target::File(file), format))
    }

    pub fn writer(out: &'a mut dyn Write, format: Format) -> Sink<'a> {
        Sink::new(Target::Writer(out), format)
    }

    fn new(out: Target<'a>, format: Format) -> Self {
        Sink {
            out,
            format,
            buffer: Vec::with_capacity(WRITE_SIZE + 64 * 1024),
            last_write: Instant::now(),
            records: 0,
        }
    }

    /// What comes before the first record.
    pub fn begin(&mut self) -> io::Result<()> {
        match self.format {
            Format::Csv => csv::header(&mut self.buffer),
            Format::Json => self.buffer.push(b'['),
            Format::JsonLines => {}
        }
        Ok(())
    }

    /// Appends one rendered record.
    pub fn record(&mut self, rendered: &[u8]) -> io::Result<()> {
        if self.format == Format::Json {
            self.buffer
                .extend_from_slice(if self.records == 0 { b"\n" } else { b",\n" });
        }
        self.buffer.extend_from_slice(rendered);
        self.records += 1;
        if self.buffer.len() >= WRITE_SIZE || self.last_write.elapsed() >= WRITE_EVERY {
            self.write_out()?;
        }
        Ok(())
    }

    /// What comes after the last record; everything is written and flushed.
    pub fn end(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.buffer
                .extend_from_slice(if self.records == 0 { b"]\n" } else { b"\n]\n" });
        }
        self.write_out()?;
        match &mut self.out {
            Target::File(file) => file.flush(),
            Target::Writer(out) => out.flush(),
        }
    }

    fn write_out(&mut self) -> io::Result<()> {
        if !self.buffer.is_empty() {
            match &mut self.out {
                Target::File(file) => file.write_all(&self.buffer)?,
                Target::Writer(out) => {
                    out.write_all(&self.buffer)?;
                    out.flush()?;
                }
            }
            self.buffer.clear();
        }
        self.last_write = Instant::now();
        Ok(())
    }
}
