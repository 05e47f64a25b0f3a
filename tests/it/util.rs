//! Shared helpers: running the pipeline on a file, checking span invariants, finding
//! the shared corpora.

use std::path::{Path, PathBuf};

use vanban::{Context, Record};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, when this checkout has it.
pub fn shared() -> Option<PathBuf> {
    let shared = root().join("..").join("shared");
    shared.join("corpus").is_dir().then_some(shared)
}

/// Runs the pipeline on one file with a fixed "today", so snapshots do not age.
pub fn record_of(path: &Path) -> Record {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let shown = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    vanban::process(
        &bytes,
        &shown,
        &Context {
            today: Some((2026, 1, 1)),
        },
    )
}

/// The normalized text a record's spans point into.
pub fn normalized_of(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture is readable");
    vanban::pipeline::normalized_text(&bytes)
        .map(|(_, n)| n.text)
        .unwrap_or_default()
}

/// Every span is inside the text, not empty, and the text under it gives the value it
/// claims (compared after folding white space, as values are).
pub fn check_spans(record: &Record, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let json = serde_json::to_value(record).expect("record serializes");
    for (field, span) in &record.spans {
        let [start, end] = *span;
        assert!(
            start < end && end <= chars.len(),
            "{}: span {field} {span:?} out of bounds",
            record.source.path
        );
        let under: String = chars[start..end].iter().collect();
        let under = under.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut value = &json;
        for part in field.split('.') {
            value = &value[part];
        }
        let claimed = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(o) => o
                .get("value")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        };
        match field.as_str() {
            // The span covers the phrase a normalized value came from.
            "date" | "kind" | "urgency" | "security" | "signer.authority" => {}
            "number" if claimed.is_empty() => {} // a blank number: the span shows the blank
            "number" => {
                let compact: String = under
                    .chars()
                    .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '…' | '_'))
                    .collect();
                let value_compact: String = claimed
                    .chars()
                    .filter(|c| !matches!(c, '.' | '…' | '_'))
                    .collect();
                // The number grammar reads look-alike letters as the digits they stand
                // for (`Số: O9 /BC-TYT` → 09/BC-TYT).
                let compact: String = compact
                    .chars()
                    .zip(value_compact.chars().chain(std::iter::repeat(' ')))
                    .map(|(c, v)| match vanban::grammar::ocr_digit(c) {
                        Some(d) if d == v => v,
                        _ => c,
                    })
                    .collect();
                assert_eq!(
                    compact, value_compact,
                    "{}: number span",
                    record.source.path
                );
            }
            // A value joined from several lines (an issuer wrapped around the right
            // column) is read in order from the text under its span.
            _ => assert!(
                covers(&under, &claimed),
                "{}: span of {field} holds {under:?}, not {claimed:?}",
                record.source.path
            ),
        }
    }
}

/// The span text starts and ends with the value and holds all its characters in order.
fn covers(under: &str, value: &str) -> bool {
    let under: Vec<char> = under.chars().filter(|c| !c.is_whitespace()).collect();
    let value: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    if value.is_empty() || under.first() != value.first() || under.last() != value.last() {
        return false;
    }
    let mut rest = under.iter();
    value.iter().all(|v| rest.any(|u| u == v))
}

/// The `.txt` documents under `dir`, in sorted order.
pub fn documents(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect()
}
