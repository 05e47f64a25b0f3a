//! The inputs of a run: files named on the command line, files found in folders, and
//! paths read from a list on stdin, in a deterministic order and optionally cut to one
//! shard.
//!
//! Arguments keep the order they were given in, and each expands to a sorted list:
//! folders are walked lazily, visiting the names of each folder in byte order (which is
//! the order of their paths compared component by component), so memory holds one folder
//! listing at a time, never the whole collection. The list read from stdin is sorted the
//! same way; it is kept in one byte buffer, about 50 bytes a path.

use std::ffi::OsStr;
use std::fmt;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

/// One input: a file to read, or a path the walk could not enter (a symlink loop, a
/// folder without permission), which still gives a record.
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

/// The inputs of a run, ready to be walked (as often as needed: once to count them for
/// the progress bar, once to process them).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    paths: Vec<PathBuf>,
    selection: Selection,
    /// The sorted list read from stdin, for the argument `-`.
    list: PathList,
}

impl Inputs {
    /// The inputs named by the command-line paths. The argument `-` stands for a list
    /// of paths read from `stdin` (read here, once), each taken as if it had been given.
    pub fn collect(
        paths: &[PathBuf],
        selection: &Selection,
        stdin: &mut dyn BufRead,
    ) -> io::Result<Inputs> {
        let mut list = PathList::default();
        if paths.iter().any(|p| p.as_os_str() == "-") {
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
                    list.push(&path_from_bytes(&item));
                }
            }
            list.sort();
        }
        Ok(Inputs {
            paths: paths.to_vec(),
            selection: selection.clone(),
            list,
        })
    }

    /// The inputs in order, found as the walk goes.
    pub fn iter(&self) -> InputIter<'_> {
        InputIter {
            inputs: self,
            next_arg: 0,
            list_done: false,
            list_next: None,
            walk: None,
        }
    }

    /// How many inputs there are (a walk that only counts).
    pub fn count(&self) -> usize {
        self.iter().count()
    }
}

/// Walks the inputs of [`Inputs`] in order.
pub struct InputIter<'a> {
    inputs: &'a Inputs,
    next_arg: usize,
    /// The list from stdin is expanded at the first `-` only.
    list_done: bool,
    /// Position in the stdin list while it is being expanded.
    list_next: Option<usize>,
    /// The folder being walked and its walk.
    walk: Option<(&'a Path, walkdir::IntoIter)>,
}

impl Iterator for InputIter<'_> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            let input = self.next_unsharded()?;
            match self.inputs.selection.shard {
                Some(shard) if !shard.contains(input.path()) => continue,
                _ => return Some(input),
            }
        }
    }
}

impl<'a> InputIter<'a> {
    fn next_unsharded(&mut self) -> Option<Input> {
        let inputs: &'a Inputs = self.inputs;
        let extensions = &inputs.selection.extensions;
        loop {
            if let Some((root, walk)) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_file() && has_extension(entry.path(), extensions) {
                            return Some(Input::File(entry.into_path()));
                        }
                        continue;
                    }
                    Some(Err(err)) => {
                        let at = err.path().unwrap_or(root);
                        if err.loop_ancestor().is_some()
                            || at.is_dir()
                            || has_extension(at, extensions)
                        {
                            return Some(Input::Unreachable {
                                path: at.to_path_buf(),
                                message: err.to_string(),
                            });
                        }
                        continue;
                    }
                    None => self.walk = None,
                }
            }
            if let Some(i) = self.list_next {
                if i < inputs.list.len() {
                    self.list_next = Some(i + 1);
                    match self.start(inputs.list.get(i)) {
                        Some(input) => return Some(input),
                        None => continue,
                    }
                }
                self.list_next = None;
            }
            let path = inputs.paths.get(self.next_arg)?;
            self.next_arg += 1;
            if path.as_os_str() == "-" {
                if !self.list_done {
                    self.list_done = true;
                    self.list_next = Some(0);
                }
                continue;
            }
            if let Some(input) = self.start(path) {
                return Some(input);
            }
        }
    }

    /// A file is an input as it is; a folder starts a walk (following symbolic links,
    /// which walkdir guards against loops) and gives its inputs through `self.walk`.
    fn start(&mut self, path: &'a Path) -> Option<Input> {
        if !path.is_dir() {
            return Some(Input::File(path.to_path_buf()));
        }
        let walk = WalkDir::new(path).follow_links(true).sort_by_file_name();
        self.walk = Some((path, walk.into_iter()));
        None
    }
}

/// Files and folders expanded as [`Inputs::iter`] does (no stdin list, no shard), as a
/// list, for callers that keep a short list of their own.
pub fn collect(paths: &[PathBuf], extensions: &[String]) -> Vec<Input> {
    let inputs = Inputs {
        paths: paths.to_vec(),
        selection: Selection {
            extensions: extensions.to_vec(),
            ..Selection::default()
        },
        list: PathList::default(),
    };
    inputs.iter().collect()
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    extensions
        .iter()
        .any(|want| want.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

/// Paths kept in one byte buffer, with their offsets.
#[derive(Debug, Clone, Default)]
struct PathList {
    text: Vec<u8>,
    /// `(start, len)` in `text`.
    entries: Vec<(usize, usize)>,
}

impl PathList {
    fn push(&mut self, path: &Path) {
        let bytes = path.as_os_str().as_encoded_bytes();
        self.entries.push((self.text.len(), bytes.len()));
        self.text.extend_from_slice(bytes);
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    fn get(&self, i: usize) -> &Path {
        path_at(&self.text, self.entries[i])
    }

    /// Sorts by path components, the order of a walk.
    fn sort(&mut self) {
        let text = &self.text;
        self.entries
            .sort_by(|a, b| path_at(text, *a).cmp(path_at(text, *b)));
    }
}

fn path_at(text: &[u8], (start, len): (usize, usize)) -> &Path {
    // SAFETY: these bytes are exactly what `as_encoded_bytes` gave for one path in
    // `PathList::push`, stored unchanged and sliced at the same boundaries.
    Path::new(unsafe { OsStr::from_encoded_bytes_unchecked(&text[start..start + len]) })
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
    fn the_stdin_list_is_sorted_by_components_not_by_bytes() {
        let mut list = PathList::default();
        for p in ["d/b.txt", "d-x/a.txt", "d/a/z.txt", "d/a.txt"] {
            list.push(Path::new(p));
        }
        list.sort();
        let order: Vec<&Path> = (0..list.len()).map(|i| list.get(i)).collect();
        // A walk visits `d` (and everything under it) before `d-x`, although `-` < `/`,
        // and the folder `d/a` before the file `d/a.txt`, since `a` < `a.txt`.
        let want = ["d/a/z.txt", "d/a.txt", "d/b.txt", "d-x/a.txt"].map(Path::new);
        assert_eq!(order, want);
    }

    #[test]
    fn a_walk_gives_the_same_order_as_sorting_its_paths() {
        let dir = tempfile::tempdir().unwrap();
        for p in [
            "d/b.txt",
            "d-x/a.txt",
            "d/a/z.txt",
            "d/a.txt",
            "d/a/y.md",
            "c.txt",
        ] {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let walked = collect(&[dir.path().to_path_buf()], &["txt".to_string()]);
        let mut sorted: Vec<PathBuf> = walked.iter().map(|i| i.path().to_path_buf()).collect();
        sorted.sort();
        let walked: Vec<PathBuf> = walked.iter().map(|i| i.path().to_path_buf()).collect();
        assert_eq!(walked, sorted);
        assert_eq!(walked.len(), 5);
    }

    #[test]
    fn stdin_list_takes_the_place_of_the_dash() {
        let mut stdin: &[u8] = b"b.txt\0a b.txt\0\0";
        let selection = Selection {
            separator: 0,
            ..Selection::default()
        };
        let paths = ["first.txt", "-", "last.txt", "-"].map(PathBuf::from);
        let inputs = Inputs::collect(&paths, &selection, &mut stdin).unwrap();
        let order: Vec<PathBuf> = inputs.iter().map(|i| i.path().to_path_buf()).collect();
        let want = ["first.txt", "a b.txt", "b.txt", "last.txt"].map(PathBuf::from);
        assert_eq!(order, want);
        assert_eq!(inputs.count(), 4);
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
