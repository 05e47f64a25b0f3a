//! What a run did, for people (stderr) and for tools (`--summary FILE`, JSON).

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::Serialize;

/// How a run went.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Inputs of this run (after `--shard`).
    pub inputs: u64,
    /// Records written by this run.
    pub documents: u64,
    /// Inputs skipped because the output already had their record (`--resume`).
    pub skipped: u64,
    /// Records written by this run that carry an `error`.
    pub errors: u64,
    /// Skipped records that carry an `error`.
    pub skipped_errors: u64,
    /// Records with an `error`, by error code.
    pub errors_by_code: BTreeMap<String, u64>,
    /// Warnings by code, over the records written.
    pub warnings: BTreeMap<String, u64>,
    /// Bytes of the documents read.
    pub bytes: u64,
    pub elapsed_seconds: f64,
    pub documents_per_second: f64,
    pub megabytes_per_second: f64,
    pub jobs: usize,
}

impl Summary {
    pub(crate) fn new(jobs: usize) -> Self {
        Summary {
            jobs,
            ..Summary::default()
        }
    }

    pub(crate) fn add(&mut self, bytes: u64, error: Option<&str>, warnings: &[String]) {
        self.inputs += 1;
        self.documents += 1;
        self.bytes += bytes;
        if let Some(code) = error {
            self.errors += 1;
            *self.errors_by_code.entry(code.to_string()).or_default() += 1;
        }
        for code in warnings {
            match self.warnings.get_mut(code) {
                Some(n) => *n += 1,
                None => {
                    self.warnings.insert(code.clone(), 1);
                }
            }
        }
    }

    pub(crate) fn add_skipped(&mut self, error: bool) {
        self.inputs += 1;
        self.skipped += 1;
        self.skipped_errors += u64::from(error);
    }

    pub(crate) fn finish(&mut self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        self.elapsed_seconds = seconds;
        if seconds > 0.0 {
            self.documents_per_second = self.documents as f64 / seconds;
            self.megabytes_per_second = self.bytes as f64 / 1e6 / seconds;
        }
    }

    /// Whether some record of the output (written now or skipped) carries an `error`.
    pub fn has_errors(&self) -> bool {
        self.errors + self.skipped_errors > 0
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "vanban: {} documents, {:.1} MB in {:.2} s ({:.0} documents/s, {:.1} MB/s, {} jobs)",
            self.documents,
            self.bytes as f64 / 1e6,
            self.elapsed_seconds,
            self.documents_per_second,
            self.megabytes_per_second,
            self.jobs,
        )?;
        if self.skipped > 0 {
            writeln!(
                f,
                "  skipped, already in the output: {} ({} with errors)",
                self.skipped, self.skipped_errors
            )?;
        }
        writeln!(
            f,
            "  records with errors: {}{}",
            self.errors,
            counts(&self.errors_by_code)
        )?;
        let warnings: u64 = self.warnings.values().sum();
        writeln!(f, "  warnings: {warnings}{}", counts(&self.warnings))
    }
}

/// ` (code n, code n …)`, most frequent first.
fn counts(by_code: &BTreeMap<String, u64>) -> String {
    if by_code.is_empty() {
        return String::new();
    }
    let mut items: Vec<(&String, &u64)> = by_code.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = items.iter().map(|(c, n)| format!("{c} {n}")).collect();
    format!(" ({})", listed.join(", "))
}
