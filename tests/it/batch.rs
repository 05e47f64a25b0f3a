//! The batch runner through the binary: parallel runs agree, every input gives a record,
//! a killed run resumes to the records of one uninterrupted run, paths come from stdin,
//! shards partition the inputs, and the CSV and JSON formats read back.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use vanban::Record;

use crate::util::root;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

/// The documents of `corpus/`, as bytes.
fn documents() -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = ["corpus/seeds", "corpus/composed"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// `n` documents copied from `corpus/` under new names, spread over three folders.
fn collection(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let docs = documents();
    for i in 0..n {
        let sub = dir.path().join(["a", "b", "b-c"][i % 3]);
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("doc{i:04}.txt")), &docs[i % docs.len()]).unwrap();
    }
    dir
}

fn records(jsonl: &[u8]) -> Vec<Record> {
    String::from_utf8(jsonl.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a record"))
        .collect()
}

fn run(args: &[&str], dir: &Path) -> Output {
    vanban()
        .args(args)
        .arg(dir)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

fn error_code(record: &Record) -> Option<&str> {
    record.error.as_ref().map(|e| e.code.as_str())
}

#[test]
fn output_is_the_same_for_any_number_of_jobs_and_in_sorted_order() {
    let dir = collection(90);
    let one = run(&["extract", "-q", "--jobs", "1"], dir.path());
    let two = run(&["extract", "-q", "--jobs", "2"], dir.path());
    let many = run(&["extract", "-q", "-j", "5"], dir.path());
    assert_eq!(one.status.code(), Some(0));
    assert!(one.stdout == two.stdout && one.stdout == many.stdout);
    let paths: Vec<PathBuf> = records(&one.stdout)
        .iter()
        .map(|r| PathBuf::from(&r.source.path))
        .collect();
    assert_eq!(paths.len(), 90);
    let mut sorted = paths.clone();
    sorted.sort(); // by path components: all of `b/` before `b-c/`
    assert_eq!(paths, sorted);
    assert!(
        paths[30].ends_with("b/doc0001.txt"),
        "{}",
        paths[30].display()
    );
}

#[test]
fn every_input_gives_a_record_whatever_happens_to_it() {
    let dir = collection(6);
    let d = dir.path();
    std::fs::write(d.join("a/large.txt"), "Số: 1/UBND\n".repeat(1000)).unwrap();
    std::fs::write(d.join("a/secret.txt"), "Số: 1/UBND\n").unwrap();
    std::os::unix::fs::symlink("self.txt", d.join("a/self.txt")).unwrap();
    std::os::unix::fs::symlink("..", d.join("a/loop")).unwrap();
    std::os::unix::fs::symlink("gone.txt", d.join("a/dangling.txt")).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", d.join("a/mem.txt")).unwrap();
    let secret = d.join("a/secret.txt");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Permissions do not stop root; /proc/self/mem stands in for an unreadable file then.
    let permissions_hold = std::fs::read(&secret).is_err();

    // The limit sits above every corpus document the collection copies, below large.txt.
    let out = run(&["extract", "-q", "--max-bytes", "10000"], d);
    assert_eq!(
        out.status.code(),
        Some(1),
        "error records give exit status 1"
    );
    let records = records(&out.stdout);
    let code_of = |name: &str| {
        let record = records
            .iter()
            .find(|r| r.source.path.ends_with(name))
            .unwrap_or_else(|| panic!("a record for {name}"));
        error_code(record).map(str::to_string)
    };
    assert_eq!(code_of("large.txt").as_deref(), Some("io.too_large"));
    assert_eq!(code_of("self.txt").as_deref(), Some("io.unreachable"));
    assert_eq!(code_of("a/loop").as_deref(), Some("io.unreachable"));
    assert_eq!(code_of("dangling.txt").as_deref(), Some("io.unreachable"));
    assert_eq!(code_of("mem.txt").as_deref(), Some("io.unreadable"));
    if permissions_hold {
        assert_eq!(code_of("secret.txt").as_deref(), Some("io.unreadable"));
    }
    // 6 documents, large, secret, self, loop, dangling, mem: one record each.
    assert_eq!(records.len(), 12);
    assert_eq!(
        records.iter().filter(|r| r.error.is_none()).count(),
        6 + usize::from(!permissions_hold)
    );
    let large = records
        .iter()
        .find(|r| r.source.path.ends_with("large.txt"))
        .unwrap();
    assert_eq!(
        large.source.bytes, 13000,
        "the size is reported, the file is not read"
    );

    // A file that vanished between listing and reading.
    let listed = format!(
        "{}\n{}\n",
        d.join("a/doc0000.txt").display(),
        d.join("a/vanished.txt").display()
    );
    let out = stdin_run(&["extract", "-q", "-"], listed.as_bytes());
    let records = self::records(&out.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(error_code(&records[1]), Some("io.unreadable"));
}

fn stdin_run(args: &[&str], input: &[u8]) -> Output {
    let mut child = vanban()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_killed_run_resumes_to_the_records_of_one_uninterrupted_run() {
    let dir = collection(600);
    let work = tempfile::tempdir().unwrap();
    let full = work.path().join("full.jsonl");
    let part = work.path().join("part.jsonl");
    let status = vanban()
        .args(["extract", "-q", "-j", "2", "-o"])
        .arg(&full)
        .arg(dir.path())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let expected = std::fs::read(&full).unwrap();

    // Kill a run (SIGKILL) as soon as it has written its first records.
    let mut child = vanban()
        .args(["extract", "-q", "-j", "2", "-o"])
        .arg(&part)
        .arg(dir.path())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let has_a_line = || std::fs::read(&part).is_ok_and(|b| b.contains(&b'\n'));
    while !has_a_line() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // Lines go out whole, a batch per `write`; a kill landing inside a large write can
    // still leave the kernel's short write at the end, which resume cuts off (below).
    let written = std::fs::read(&part).unwrap();
    let before = written.iter().filter(|&&b| b == b'\n').count();
    assert!(
        before > 0 && before < 600,
        "killed mid-run: {before} of 600 records written"
    );
    assert!(
        expected.starts_with(&written),
        "the records written are those of a full run"
    );

    // A torn line, as a write cut short would leave it, is cut off on resume.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&part)
        .unwrap()
        .write_all(b"{\"schema_version\":\"1\",\"sou")
        .unwrap();
    let summary = work.path().join("summary.json");
    let status = vanban()
        .args(["extract", "-q", "-j", "2", "--resume", "--summary"])
        .arg(&summary)
        .arg("-o")
        .arg(&part)
        .arg(dir.path())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(
        std::fs::read(&part).unwrap() == expected,
        "kill + resume = one run"
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(summary["skipped"], before as u64);
    assert_eq!(summary["documents"], 600 - before as u64);

    // Resuming a finished output writes nothing more.
    let status = vanban()
        .args(["extract", "-q", "--resume", "-o"])
        .arg(&part)
        .arg(dir.path())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(std::fs::read(&part).unwrap() == expected);
}

#[test]
fn paths_come_from_stdin_one_per_line_or_nul_separated() {
    let dir = collection(9);
    let mut names: Vec<PathBuf> = (0..9)
        .map(|i| {
            dir.path()
                .join(["a", "b", "b-c"][i % 3])
                .join(format!("doc{i:04}.txt"))
        })
        .collect();
    let spaced = dir.path().join("a/with space.txt");
    std::fs::copy(&names[0], &spaced).unwrap();
    names.push(spaced);
    names.reverse(); // the list is sorted like any argument
    let whole = run(&["extract", "-q"], dir.path()).stdout;

    let lines: String = names.iter().map(|p| format!("{}\n", p.display())).collect();
    let out = stdin_run(&["extract", "-q", "-"], lines.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, whole);

    let nul: Vec<u8> = names
        .iter()
        .flat_map(|p| p.display().to_string().into_bytes().into_iter().chain([0]))
        .collect();
    let out = stdin_run(&["extract", "-q", "-0", "-"], &nul);
    assert_eq!(out.stdout, whole);
}

#[test]
fn shards_cover_the_inputs_exactly_once() {
    let dir = collection(40);
    let whole = records(&run(&["extract", "-q"], dir.path()).stdout);
    let mut union: Vec<Record> = Vec::new();
    for k in 0..3 {
        let shard = format!("{k}/3");
        let part = records(&run(&["extract", "-q", "--shard", &shard], dir.path()).stdout);
        assert!(
            !part.is_empty() && part.len() < 40,
            "shard {shard} holds {}",
            part.len()
        );
        union.extend(part);
    }
    union.sort_by(|a, b| Path::new(&a.source.path).cmp(Path::new(&b.source.path)));
    assert_eq!(union, whole);
}

#[test]
fn csv_reads_back_with_a_csv_parser() {
    let dir = collection(30);
    std::fs::write(dir.path().join("a/empty.txt"), "").unwrap();
    let json = records(&run(&["extract", "-q"], dir.path()).stdout);
    let out = run(&["extract", "-q", "--format", "csv"], dir.path());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, vanban::batch::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), json.len());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (row, record) in rows.iter().zip(&json) {
        assert_eq!(row.len(), headers.len());
        assert_eq!(&row[col("path")], record.source.path);
        let number = record
            .number
            .as_ref()
            .map(|n| n.value.as_str())
            .unwrap_or("");
        assert_eq!(&row[col("number")], number);
        assert_eq!(
            &row[col("subject")],
            record.subject.as_deref().unwrap_or("")
        );
        assert_eq!(&row[col("recipients")], record.recipients.join(" | "));
        assert_eq!(&row[col("distribution")], record.distribution.join(" | "));
        let warnings: Vec<&str> = record.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(&row[col("warnings")], warnings.join(" | "));
        assert_eq!(&row[col("error_code")], error_code(record).unwrap_or(""));
    }
    assert!(rows.iter().any(|r| r[col("error_code")] == *"decode.empty"));
}

#[test]
fn json_format_is_one_array_of_the_same_records() {
    let dir = collection(5);
    let lines = records(&run(&["extract", "-q"], dir.path()).stdout);
    let out = run(&["extract", "-q", "--format", "json"], dir.path());
    let array: Vec<Record> = serde_json::from_slice(&out.stdout).expect("one JSON array");
    assert_eq!(array, lines);
    let empty = tempfile::tempdir().unwrap();
    let out = run(&["extract", "-q", "--format", "json"], empty.path());
    assert_eq!(out.stdout, b"[]\n");
}

#[test]
fn summary_on_stderr_and_as_json_and_no_progress_bar_off_a_terminal() {
    let dir = collection(12);
    std::fs::write(dir.path().join("a/empty.txt"), "").unwrap();
    let work = tempfile::tempdir().unwrap();
    let summary = work.path().join("summary.json");
    let out = vanban()
        .args(["extract", "--summary"])
        .arg(&summary)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("vanban: 13 documents"), "{stderr}");
    assert!(
        stderr.contains("records with errors: 1 (decode.empty 1)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(['\r', '\x1b']),
        "no progress bar off a terminal: {stderr:?}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(json["documents"], 13);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["errors_by_code"]["decode.empty"], 1);
    let bytes: u64 = records(&out.stdout).iter().map(|r| r.source.bytes).sum();
    assert_eq!(json["bytes"], bytes);
    let warnings: u64 = records(&out.stdout)
        .iter()
        .map(|r| r.warnings.len() as u64)
        .sum();
    let counted: u64 = json["warnings"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(counted, warnings);
    assert!(json["elapsed_seconds"].as_f64().unwrap() > 0.0);

    let quiet = run(&["extract", "--quiet"], dir.path());
    assert!(quiet.stderr.is_empty());
}

#[test]
fn bad_batch_usage_exits_two() {
    let dir = collection(1);
    for args in [
        &["extract", "--resume"][..],
        &["extract", "--shard", "3/3"],
        &["extract", "--shard", "x"],
        &["extract", "--jobs", "0"],
        &["extract", "--resume", "--format", "csv", "-o", "/dev/null"],
        &["extract", "--pretty", "--format", "csv"],
    ] {
        let out = run(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
