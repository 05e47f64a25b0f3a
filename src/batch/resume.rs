//! `--resume`: what an earlier run already wrote to the output file.
//!
//! The file is read line by line (never whole). A last line without its newline is
//! what a killed run can leave: it is cut off, so the file again holds whole records
//! only, and the run appends after it. Every record's `source.path` and `source.sha256`
//! are kept as 128-bit digests, a few dozen bytes per record whatever the path length.

use std::collections::{HashMap, HashSet};
use std::fs::OpenOptions;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::Error;

/// The inputs recorded in an output file.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    paths: HashSet<u128>,
    /// `(path, sha256)` digest → whether the record has an `error`.
    records: HashMap<u128, bool>,
    /// How many records the file holds.
    pub count: u64,
    /// How many bytes of a torn last line were cut off.
    pub torn: u64,
}

/// The part of a record resuming needs.
#[derive(Deserialize)]
struct Line {
    source: LineSource,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct LineSource {
    path: String,
    sha256: Option<String>,
}

impl Seen {
    /// Reads the records of `path` (a missing file has none) and cuts a torn last line.
    pub fn scan(path: &Path) -> Result<Seen, Error> {
        let fail = |source: io::Error| Error::Output {
            path: path.to_path_buf(),
            source,
        };
        let file = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Seen::default()),
            Err(err) => return Err(fail(err)),
        };
        let mut seen = Seen::default();
        let mut reader = BufReader::with_capacity(1 << 16, &file);
        let mut line = Vec::new();
        let mut whole: u64 = 0;
        let mut number: u64 = 0;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line).map_err(fail)?;
            if n == 0 {
                break;
            }
            if line.last() != Some(&b'\n') {
                seen.torn = n as u64;
                break;
            }
            number += 1;
            whole += n as u64;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let record: Line = serde_json::from_slice(&line).map_err(|err| Error::Resume {
                path: path.to_path_buf(),
                line: number,
                message: format!("not a JSON Lines record ({err})"),
            })?;
            seen.insert(
                &record.source.path,
                record.source.sha256.as_deref(),
                record.error.is_some(),
            );
        }
        drop(reader);
        if seen.torn > 0 {
            file.set_len(whole).map_err(fail)?;
            file.sync_all().map_err(fail)?;
        }
        Ok(seen)
    }

    fn insert(&mut self, path: &str, sha256: Option<&str>, error: bool) {
        self.paths.insert(digest(path.as_bytes(), None));
        self.records
            .insert(digest(path.as_bytes(), Some(sha256)), error);
        self.count += 1;
    }

    /// Whether some record has this path (cheap: no file read needed).
    pub fn has_path(&self, path: &str) -> bool {
        self.paths.contains(&digest(path.as_bytes(), None))
    }

    /// Whether a record has this path and content; `Some(error)` if so. `sha256` is
    /// `None` for an input that cannot be read, as in its record.
    pub fn get(&self, path: &str, sha256: Option<&str>) -> Option<bool> {
        self.records
            .get(&digest(path.as_bytes(), Some(sha256)))
            .copied()
    }
}

/// The first 128 bits of SHA-256 over the path, and over the content hash when given.
fn digest(path: &[u8], sha256: Option<Option<&str>>) -> u128 {
    let mut hasher = Sha256::new();
    hasher.update(path);
    if let Some(sha256) = sha256 {
        hasher.update([0u8]);
        hasher.update(sha256.unwrap_or("-").as_bytes());
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_last_line_is_cut_and_whole_lines_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let whole = concat!(
            r#"{"source":{"path":"a.txt","bytes":1,"sha256":"aa","encoding":null},"kind":null}"#,
            "\n",
            r#"{"source":{"path":"b.txt","bytes":0,"sha256":null},"error":{"code":"io.unreadable","message":"x"}}"#,
            "\n",
        );
        std::fs::write(&path, format!("{whole}{{\"source\":{{\"pa")).unwrap();
        let seen = Seen::scan(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
        assert_eq!((seen.count, seen.torn), (2, 14));
        assert!(seen.has_path("a.txt") && seen.has_path("b.txt") && !seen.has_path("c.txt"));
        assert_eq!(seen.get("a.txt", Some("aa")), Some(false));
        assert_eq!(
            seen.get("a.txt", Some("ab")),
            None,
            "changed content is not skipped"
        );
        assert_eq!(seen.get("b.txt", None), Some(true));
    }

    #[test]
    fn a_broken_line_in_the_middle_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "not json\n").unwrap();
        assert!(matches!(
            Seen::scan(&path),
            Err(Error::Resume { line: 1, .. })
        ));
    }

    #[test]
    fn a_missing_file_has_no_records() {
        let dir = tempfile::tempdir().unwrap();
        let seen = Seen::scan(&dir.path().join("none.jsonl")).unwrap();
        assert_eq!(seen.count, 0);
    }
}
