//! Snapshot tests over `fixtures/extract/`: one behaviour per file, and the folder
//! decides what must hold besides the snapshot.
//!
//! - `ok/`: a record without `error`, with number, date, issuer and kind found;
//! - `warn/`: a record carrying every warning code listed in the file's JSON header;
//! - `err/`: a record with `error` set.
//!
//! A fixture may start with a JSON object on its first line and a `---` line; the rest
//! is the document.

use std::path::Path;

use vanban::{Context, Record};

use crate::util::check_spans;

struct Fixture {
    header: serde_json::Value,
    body: Vec<u8>,
}

fn read_fixture(path: &Path) -> Fixture {
    let bytes = std::fs::read(path).expect("fixture is readable");
    if bytes.starts_with(b"{")
        && let Some(at) = bytes.windows(5).position(|w| w == b"\n---\n")
    {
        let header = serde_json::from_slice(&bytes[..at]).expect("fixture header is JSON");
        return Fixture {
            header,
            body: bytes[at + 5..].to_vec(),
        };
    }
    Fixture {
        header: serde_json::Value::Null,
        body: bytes,
    }
}

fn run(path: &Path) -> (Fixture, Record) {
    let fixture = read_fixture(path);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let record = vanban::process(
        &fixture.body,
        &name,
        &Context {
            today: Some((2026, 1, 1)),
        },
    );
    if let Ok((_, normalized)) = vanban::pipeline::normalized_text(&fixture.body) {
        check_spans(&record, &normalized.text);
    }
    (fixture, record)
}

fn snapshot(path: &Path, fixture: &Fixture, record: &Record) {
    let folder = path.parent().unwrap().join("snapshots");
    insta::with_settings!({
        snapshot_path => folder,
        prepend_module_to_snapshot => false,
        description => String::from_utf8_lossy(&fixture.body).to_string(),
        omit_expression => true,
    }, {
        insta::assert_json_snapshot!(path.file_stem().unwrap().to_string_lossy().to_string(), record);
    });
}

#[test]
fn ok_fixtures() {
    insta::glob!("../../fixtures/extract/ok", "*.txt", |path| {
        let (fixture, record) = run(path);
        assert!(
            record.error.is_none(),
            "{}: {:?}",
            path.display(),
            record.error
        );
        assert!(record.number.is_some(), "{}: number", path.display());
        assert!(record.date.is_some(), "{}: date", path.display());
        assert!(record.issuer.name.is_some(), "{}: issuer", path.display());
        assert!(record.kind.is_some(), "{}: kind", path.display());
        snapshot(path, &fixture, &record);
    });
}

#[test]
fn warn_fixtures() {
    insta::glob!("../../fixtures/extract/warn", "*.txt", |path| {
        let (fixture, record) = run(path);
        let codes: Vec<&str> = record.warnings.iter().map(|w| w.code.as_str()).collect();
        let wanted = fixture.header["warnings"]
            .as_array()
            .expect("warn fixtures name their warnings");
        for want in wanted {
            let want = want.as_str().unwrap();
            assert!(
                codes.contains(&want),
                "{}: wanted {want}, got {codes:?}",
                path.display()
            );
        }
        snapshot(path, &fixture, &record);
    });
}

#[test]
fn err_fixtures() {
    insta::glob!("../../fixtures/extract/err", "*", |path| {
        if path.is_dir() {
            return;
        }
        let (fixture, record) = run(path);
        let want = fixture.header["error"].as_str();
        let got = record.error.as_ref().map(|e| e.code.as_str());
        assert!(got.is_some(), "{}: an error record", path.display());
        if let Some(want) = want {
            assert_eq!(got, Some(want), "{}", path.display());
        }
        assert!(
            record.kind.is_none() && record.number.is_none(),
            "error records stay empty"
        );
    });
}
