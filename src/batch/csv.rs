//! `--format csv`: one row per document for spreadsheets, RFC 4180 quoting.
//!
//! Nested fields become flat columns (`number_seq`, `signer_name` …); lists are joined
//! with ` | ` (normalized text never holds a `|`, the normalizer turns table pipes into
//! line breaks); list items that are objects are written in one readable piece: a task
//! as `label: text`, a deadline as `date (text)`, a reference as its number, a warning as
//! its code. Spans are left out.

use crate::record::Record;

/// The columns, in order.
pub const COLUMNS: [&str; 28] = [
    "path",
    "bytes",
    "sha256",
    "encoding",
    "kind",
    "number",
    "number_seq",
    "number_year",
    "number_symbol",
    "issuer_name",
    "issuer_parent",
    "place",
    "date",
    "subject",
    "recipients",
    "tasks",
    "deadlines",
    "signer_authority",
    "signer_principal",
    "signer_title",
    "signer_name",
    "distribution",
    "references",
    "urgency",
    "security",
    "warnings",
    "error_code",
    "error_message",
];

const JOIN: &str = " | ";

pub(crate) fn header(out: &mut Vec<u8>) {
    write_row(COLUMNS.iter().map(|c| c.to_string()), out);
}

pub(crate) fn row(record: &Record, out: &mut Vec<u8>) {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let number = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    let join = |items: Vec<String>| items.join(JOIN);
    let n = record.number.as_ref();
    let cells: [String; COLUMNS.len()] = [
        record.source.path.clone(),
        record.source.bytes.to_string(),
        text(&record.source.sha256),
        text(&record.source.encoding),
        text(&record.kind),
        n.map(|n| n.value.clone()).unwrap_or_default(),
        number(n.and_then(|n| n.seq)),
        number(n.and_then(|n| n.year).map(u64::from)),
        n.and_then(|n| n.symbol.clone()).unwrap_or_default(),
        text(&record.issuer.name),
        text(&record.issuer.parent),
        text(&record.place),
        text(&record.date),
        text(&record.subject),
        record.recipients.join(JOIN),
        join(
            record
                .tasks
                .iter()
                .map(|t| format!("{}: {}", t.label, t.text))
                .collect(),
        ),
        join(
            record
                .deadlines
                .iter()
                .map(|d| match &d.date {
                    Some(date) => format!("{date} ({})", d.text),
                    None => format!("({})", d.text),
                })
                .collect(),
        ),
        text(&record.signer.authority),
        text(&record.signer.principal),
        text(&record.signer.title),
        text(&record.signer.name),
        record.distribution.join(JOIN),
        join(record.references.iter().map(|r| r.number.clone()).collect()),
        text(&record.urgency),
        text(&record.security),
        join(record.warnings.iter().map(|w| w.code.clone()).collect()),
        record
            .error
            .as_ref()
            .map(|e| e.code.clone())
            .unwrap_or_default(),
        record
            .error
            .as_ref()
            .map(|e| e.message.clone())
            .unwrap_or_default(),
    ];
    write_row(cells.into_iter(), out);
}

/// One row: cells quoted when they hold a comma, a quote, a line break or edge spaces.
fn write_row(cells: impl Iterator<Item = String>, out: &mut Vec<u8>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let quote =
            cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ');
        if quote {
            out.push(b'"');
            out.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(cell.as_bytes());
        }
    }
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Deadline, Source, Task};

    #[test]
    fn lists_are_joined_and_objects_flattened() {
        let mut record = Record::empty(Source {
            path: "a,b.txt".to_string(),
            bytes: 3,
            sha256: None,
            encoding: None,
        });
        record.distribution = vec!["Như trên".to_string(), "Lưu: VT, VP".to_string()];
        record.tasks = vec![Task {
            label: "1".to_string(),
            text: "Báo cáo".to_string(),
            deadlines: vec![],
        }];
        record.deadlines = vec![Deadline {
            date: Some("2018-11-10".to_string()),
            text: "trước ngày 10/11/2018".to_string(),
            task: Some("1".to_string()),
        }];
        let mut out = Vec::new();
        row(&record, &mut out);
        let line = String::from_utf8(out).unwrap();
        assert!(line.starts_with("\"a,b.txt\",3,,,"), "{line}");
        assert!(line.contains(",\"Như trên | Lưu: VT, VP\","), "{line}");
        assert!(
            line.contains(",1: Báo cáo,2018-11-10 (trước ngày 10/11/2018),"),
            "{line}"
        );
    }

    #[test]
    fn cells_are_quoted_only_when_needed() {
        let mut out = Vec::new();
        write_row(
            ["a", "b,c", "say \"hi\"", "two\nlines", " pad"]
                .map(String::from)
                .into_iter(),
            &mut out,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\"\r\n"
        );
    }
}
