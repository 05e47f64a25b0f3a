//! The binary as a user runs it: one JSON line per input, exit codes, schema output.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use vanban::Record;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

const DOCUMENT: &str = "UBND TỈNH THANH HÓA\nSỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/SYT-VP\nThanh Hóa, ngày 05 tháng 3 năm 2020\nV/v thử nghiệm\nKính gửi: Các đơn vị\n";

#[test]
fn every_input_gives_one_record_and_errors_set_exit_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a_good.txt"), DOCUMENT).unwrap();
    std::fs::write(dir.path().join("b_empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("c_binary.txt"), b"\x00\x01\x02PNG\x00").unwrap();
    std::fs::write(
        dir.path().join("d_crlf_bom.txt"),
        format!("\u{feff}{}", DOCUMENT.replace('\n', "\r\n")),
    )
    .unwrap();
    std::fs::write(dir.path().join("ignored.md"), DOCUMENT).unwrap();
    let out = vanban()
        .arg("extract")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "error records give exit status 1"
    );
    let records: Vec<Record> = String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a record"))
        .collect();
    let names: Vec<String> = records
        .iter()
        .map(|r| r.source.path.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "a_good.txt",
            "b_empty.txt",
            "c_binary.txt",
            "d_crlf_bom.txt"
        ]
    );
    assert_eq!(
        records[0].number.as_ref().map(|n| n.value.as_str()),
        Some("12/SYT-VP")
    );
    assert_eq!(
        records[1].error.as_ref().map(|e| e.code.as_str()),
        Some("decode.empty")
    );
    assert_eq!(
        records[2].error.as_ref().map(|e| e.code.as_str()),
        Some("decode.binary")
    );
    assert_eq!(
        records[3].date, records[0].date,
        "BOM and CRLF change nothing"
    );
    assert_eq!(records[3].subject.as_deref(), Some("thử nghiệm"));
}

#[test]
fn clean_run_exits_zero_and_ext_selects_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("one.md"), DOCUMENT).unwrap();
    std::fs::write(dir.path().join("two.txt"), DOCUMENT).unwrap();
    let out = vanban()
        .args(["extract", "--ext", "md"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("one.md"));
}

#[test]
fn output_file_and_pretty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("doc.txt");
    std::fs::write(&input, DOCUMENT).unwrap();
    let output = dir.path().join("out.json");
    let status = vanban()
        .args(["extract", "--pretty", "-o"])
        .arg(&output)
        .arg(&input)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.lines().count() > 10, "indented JSON spans many lines");
    let record: Record = serde_json::from_str(&text).expect("one pretty record");
    assert_eq!(record.kind.as_deref(), Some("cong_van"));
}

#[test]
fn bad_usage_exits_two() {
    let out = vanban()
        .args(["extract", "--no-such-flag", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = vanban().arg("extract").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "extract needs a path");
}

#[test]
fn a_missing_file_still_gives_a_record() {
    let out = vanban()
        .args(["extract", "/no/such/file.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let record: Record = serde_json::from_slice(&out.stdout).expect("a record");
    assert_eq!(
        record.error.map(|e| e.code),
        Some("io.unreadable".to_string())
    );
}

#[test]
fn schema_is_json_schema_of_the_record() {
    let out = vanban().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let properties = schema["properties"].as_object().expect("properties");
    for field in [
        "schema_version",
        "source",
        "kind",
        "number",
        "issuer",
        "spans",
        "warnings",
    ] {
        assert!(properties.contains_key(field), "schema lists {field}");
    }
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..200 {
        std::fs::write(dir.path().join(format!("{i:03}.txt")), DOCUMENT).unwrap();
    }
    let mut child = vanban()
        .arg("extract")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe closes like `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'));
    assert!(out.status.success(), "a closed pipe is not a failure");
    assert!(
        out.stderr.is_empty(),
        "and says nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn normalize_prints_the_text_extraction_sees() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("doc.txt");
    std::fs::write(&input, "**SỞ Y TẾ**\n| Số: 1/SYT | Hà Nội |\n").unwrap();
    let out = vanban()
        .args(["normalize", "--report"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "SỞ Y TẾ\n\nSố: 1/SYT\nHà Nội\n"
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("encoding utf-8")
    );
}
