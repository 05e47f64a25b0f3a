//! The list of inputs: files named on the command line, files found in folders, and
//! paths read from a list on stdin, in a deterministic order and optionally cut to one
//! shard.
//!
//! Each argument expands to a sorted list (folders are walked, then sorted by path
//! components, which is the order of a walk that visits names in byte order), and the
//! arguments keep the order they were given in. Paths are kept in one byte buffer, so
//! 200,000 inputs cost a few megabytes, not one allocation each.

use std::ffi::OsStr;
use std::fmt;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

/// The sorted inputs of a run.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The encoded bytes of every path, one after the other.
    text: Vec<u8>,
    entries: Vec<Entry>,
    /// Why a path could not be walked; `Entry::note` indexes it.
    notes: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    len: u32,
    note: u32,
}

const NO_NOTE: u32 = u32::MAX;

/// One input of [`Inputs`]: a path to read, or a path the walk could not enter (a
/// symlink loop, a folder without permission), which still gives a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputRef<'a> {
    pub path: &'a Path,
    pub unreachable: Option<&'a str>,
}

impl Inputs {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, i: usize) -> InputRef<'_> {
        let entry = self.entries[i];
        InputRef {
            path: path_at(&self.text, entry),
            unreachable: (entry.note != NO_NOTE).then(|| self.notes[entry.note as usize].as_str()),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = InputRef<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Adds a file to read.
    pub fn push_file(&mut self, path: &Path) {
        self.push(path, NO_NOTE);
    }

    /// Adds a path that could not be walked, with the reason.
    pub fn push_unreachable(&mut self, path: &Path, message: String) {
        self.notes.push(message);
        self.push(path, (self.notes.len() - 1) as u32);
    }

    fn push(&mut self, path: &Path, note: u32) {
        let bytes = path.as_os_str().as_encoded_bytes();
        let start = self.text.len();
        self.text.extend_from_slice(bytes);
        self.entries.push(Entry {
            start,
            len: u32::try_from(bytes.len()).expect("a path shorter than 4 GiB"),
            note,
        });
    }

    /// Sorts the inputs from `from` on by path components.
    fn sort_from(&mut self, from: usize) {
        let text = &self.text;
        self.entries[from..].sort_by(|a, b| path_at(text, *a).cmp(path_at(text, *b)));
    }

    /// Keeps only the inputs of one shard.
    pub fn retain_shard(&mut self, shard: Shard) {
        let text = &self.text;
        self.entries.retain(|e| shard.contains(path_at(text, *e)));
    }
}

fn path_at(text: &[u8], entry: Entry) -> &Path {
    let bytes = &text[entry.start..entry.start + entry.len as usize];
    // SAFETY: `bytes` is exactly what `as_encoded_bytes` gave for one path in `push`,
    // stored unchanged and sliced at the same boundaries.
    Path::new(unsafe { OsStr::from_encoded_bytes_unchecked(bytes) })
}

/// What to take and how to read the list of paths.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Extensions taken inside folders; files named directly are always taken.
    pub extensions: Vec<String>,
    /// Separator of the paths read from stdin for the argument `-`: `b'\n'` or `0`.
    pub separator: u8,
    pub shard: Option<Shard>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            extensions: vec!["txt".to_string()],
            separator: b'\n',
            shard: None,
        }
    }
}

impl Inputs {
    /// Expands the command-line paths into the inputs. The argument `-` stands for a
    /// list of paths read from `stdin` (once), each expanded as if it had been given.
    pub fn collect(
        paths: &[PathBuf],
        selection: &Selection,
        stdin: &mut dyn BufRead,
    ) -> io::Result<Inputs> {
        collect_into(paths, selection, stdin)
    }
}

fn collect_into(
    paths: &[PathBuf],
    selection: &Selection,
    stdin: &mut dyn BufRead,
) -> io::Result<Inputs> {
    let mut inputs = Inputs::new();
    let mut list_read = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if list_read {
                continue;
            }
            list_read = true;
            let from = inputs.len();
            let mut item = Vec::new();
            loop {
                item.clear();
                if stdin.read_until(selection.separator, &mut item)? == 0 {
                    break;
                }
                if item.last() == Some(&selection.separator) {
                    item.pop();
                }
                if !item.is_empty() {
                    expand(&mut inputs, &path_from_bytes(&item), &selection.extensions);
                }
            }
            inputs.sort_from(from);
        } else {
            expand(&mut inputs, path, &selection.extensions);
        }
    }
    if let Some(shard) = selection.shard {
        inputs.retain_shard(shard);
    }
    Ok(inputs)
}

/// A file is taken as it is; a folder is walked (following symbolic links, which walkdir
/// guards against loops), and its files with a wanted extension are taken in sorted
/// order. Entries the walk cannot enter become unreachable inputs.
fn expand(inputs: &mut Inputs, path: &Path, extensions: &[String]) {
    if !path.is_dir() {
        inputs.push_file(path);
        return;
    }
    let from = inputs.len();
    for entry in WalkDir::new(path).follow_links(true) {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && has_extension(entry.path(), extensions) {
                    inputs.push_file(entry.path());
                }
            }
            Err(err) => {
                let at = err.path().unwrap_or(path);
                if err.loop_ancestor().is_some() || at.is_dir() || has_extension(at, extensions) {
                    inputs.push_unreachable(at, err.to_string());
                }
            }
        }
    }
    inputs.sort_from(from);
}

/// One input as an owned value, for callers that keep a short list of their own.
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

    pub fn as_ref(&self) -> InputRef<'_> {
        match self {
            Input::File(path) => InputRef {
                path,
                unreachable: None,
            },
            Input::Unreachable { path, message } => InputRef {
                path,
                unreachable: Some(message),
            },
        }
    }
}

impl From<InputRef<'_>> for Input {
    fn from(input: InputRef<'_>) -> Self {
        match input.unreachable {
            None => Input::File(input.path.to_path_buf()),
            Some(message) => Input::Unreachable {
                path: input.path.to_path_buf(),
                message: message.to_string(),
            },
        }
    }
}

/// Files and folders expanded as [`Inputs::collect`] does (no stdin list, no shard), as
/// owned values.
pub fn collect(paths: &[PathBuf], extensions: &[String]) -> Vec<Input> {
    let selection = Selection {
        extensions: extensions.to_vec(),
        ..Selection::default()
    };
    let inputs = collect_into(paths, &selection, &mut io::empty()).unwrap_or_default();
    inputs.iter().map(Input::from).collect()
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    extensions
        .iter()
        .any(|want| want.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// One of `count` disjoint parts of the inputs: `index/count`, `index` from 0.
///
/// A path belongs to shard `u64::from_be_bytes(sha256(path)[..8]) % count`, computed on
/// the path as the record shows it, so machines that are given the same paths (the same
/// relative paths, or the same mount point) split a collection the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// The shard, out of `count`, that `path` belongs to.
    pub fn of(path: &Path, count: u64) -> u64 {
        let digest = Sha256::digest(path.to_string_lossy().as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % count.max(1)
    }

    pub fn contains(&self, path: &Path) -> bool {
        Shard::of(path, self.count) == self.index
    }
}

impl FromStr for Shard {
    type Err = String;

    /// `K/N` with `0 <= K < N`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not K/N (for example 0/4)"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{k}` is not a shard index"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a shard count"))?;
        if count == 0 || index >= count {
            return Err(format!(
                "shard {index}/{count}: the index must be below the count (0 to {})",
                count.saturating_sub(1)
            ));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_by_components_not_by_bytes() {
        let mut inputs = Inputs::new();
        for p in ["d/b.txt", "d-x/a.txt", "d/a/z.txt", "d/a.txt"] {
            inputs.push_file(Path::new(p));
        }
        inputs.sort_from(0);
        let order: Vec<&Path> = inputs.iter().map(|i| i.path).collect();
        // A walk visits `d` (and everything under it) before `d-x`, although `-` < `/`,
        // and the folder `d/a` before the file `d/a.txt`, since `a` < `a.txt`.
        assert_eq!(
            order,
            ["d/a/z.txt", "d/a.txt", "d/b.txt", "d-x/a.txt"].map(Path::new)
        );
    }

    #[test]
    fn unreachable_inputs_keep_their_reason() {
        let mut inputs = Inputs::new();
        inputs.push_file(Path::new("b"));
        inputs.push_unreachable(Path::new("a"), "loop".to_string());
        inputs.sort_from(0);
        assert_eq!(inputs.get(0).unreachable, Some("loop"));
        assert_eq!(inputs.get(1).unreachable, None);
    }

    #[test]
    fn shard_parsing() {
        assert_eq!("1/4".parse(), Ok(Shard { index: 1, count: 4 }));
        for bad in ["4/4", "1", "a/2", "0/0", "-1/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_partition_the_inputs() {
        let paths: Vec<PathBuf> = (0..300)
            .map(|i| PathBuf::from(format!("c/{i}.txt")))
            .collect();
        let mut counts = [0; 3];
        for path in &paths {
            let owners: Vec<u64> = (0..3)
                .filter(|&k| Shard { index: k, count: 3 }.contains(path))
                .collect();
            assert_eq!(
                owners.len(),
                1,
                "{} is in exactly one shard",
                path.display()
            );
            counts[owners[0] as usize] += 1;
        }
        assert!(counts.iter().all(|&c| c > 70), "roughly even: {counts:?}");
    }
}
